"""The ``agreements`` command line: parse, call the library, render, map errors to exit codes.

``common`` holds the application and what the commands share; each other module adds its
commands to it when imported here, in the order of the help; the pledge and milestone
groups are imported only when asked for (see ``common.LAZY_GROUPS``).
"""

# isort: off
from agreements_cli.cli.common import app
from agreements_cli.cli import parties, reports, data  # noqa: F401
# isort: on

__all__ = ["app", "main"]


def main() -> None:
    app()
