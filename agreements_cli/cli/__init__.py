"""The ``agreements`` command line: parse, make one call to the library, emit the result;
map errors to exit codes.

``application`` holds the application and its error boundary; each other module adds its commands
to it when imported here, in the order of the help; the pledge and milestone groups are
imported only when asked for (see ``application.LAZY_GROUPS``).
"""

# isort: off
from agreements_cli.cli.application import app
from agreements_cli.cli import parties, reports, data  # noqa: F401
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    app()
