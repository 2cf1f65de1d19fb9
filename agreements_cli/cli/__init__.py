"""The ``agreements`` command line: parse, make one call to the library, emit the result;
map errors to exit codes.

``application`` holds the application and its error boundary; each other module defines
commands, and is imported only when one of them is asked for (``application.COMMANDS``).
"""

from agreements_cli.cli.application import app

__all__ = ["app", "main"]


def main() -> None:
    app()
