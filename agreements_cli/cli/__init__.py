"""The ``agreements`` command line: parse, make one call to the library, emit the result;
map errors to exit codes.

``application`` holds the application and its error boundary; each other module defines
commands, and is imported only when one of them is asked for (``application.COMMANDS``).
"""

import os
import sys

from agreements_cli.cli.application import app

__all__ = ["app", "main"]


def main() -> None:
    _in_utf8()
    app()


def _in_utf8() -> None:
    """Run again in Python's UTF-8 mode where the locale reads arguments as ASCII (``LC_ALL=C``
    with UTF-8 mode turned off): there a name or a note typed in UTF-8 would arrive as bytes
    that are not text, and a file name so typed could not be opened. (Python turns the mode
    on itself in the C locale unless told not to; this is for a machine that tells it not to.)"""
    if sys.flags.utf8_mode or sys.getfilesystemencoding().lower() not in (
        "ascii",
        "ansi_x3.4-1968",
    ):
        return
    try:
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]])
    except OSError:
        return  # as it is: each argument that is not ASCII is named in an error
