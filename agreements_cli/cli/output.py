"""Standard output as the commands see it, and the one ``emit`` that writes a result in
the format asked for: JSON, CSV and Markdown without Rich, a Rich view for people."""

import sys
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from rich.console import RenderableType


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ViewFormat(str, Enum):
    """Formats of the commands that show one thing in full (show, db info)."""

    table = "table"
    json = "json"


class Shown(NamedTuple):
    """A result, ready for each format: ``json`` (a value, records included), ``rows`` for
    CSV with their ``fields`` (and Markdown, unless ``markdown`` gives its own headers and
    rows; then ``footer``), and ``view(width)`` for people. Each is built only when its
    format is asked for."""

    json: Callable[[], Any]
    view: Callable[[int], "RenderableType"]
    fields: Sequence[str] = ()
    rows: Callable[[], Iterable[dict]] | None = None
    # Markdown, when not ``rows`` under their ``fields``: (headers, rows).
    markdown: Callable[[], tuple[Sequence[str], Iterable[Sequence[object]]]] | None = None
    footer: str | None = None  # a line under the Markdown table
    stream_json: bool = False  # ``json`` is a list written as it is read
    printed: Callable[[], None] | None = None  # prints the view for people as it is read


def emit(shown: Shown, output: OutputFormat | ViewFormat) -> None:
    """Write ``shown`` in the ``output`` format."""
    from agreements_cli.render import machine

    if output.value == "json":
        if shown.stream_json:
            machine.write_json_list(shown.json())
        else:
            machine.write_json(shown.json())
    elif output.value == "csv" and shown.rows is not None:
        machine.write_csv(shown.rows(), shown.fields)
    elif output.value == "markdown":
        if shown.markdown is not None:
            machine.write_markdown(*shown.markdown())
        elif shown.rows is not None:
            machine.write_markdown(
                shown.fields, ([row.get(f) for f in shown.fields] for row in shown.rows())
            )
        if shown.footer:
            sys.stdout.write(f"\n{shown.footer[0].upper()}{shown.footer[1:]}.\n")
    elif shown.printed is not None:
        shown.printed()
    else:
        from agreements_cli.render.views import print_view

        print_view(shown.view)


def say(line: str, err: bool = False) -> None:
    """A line for people, with any control character from the data made visible."""
    from agreements_cli.safety import visible

    print(visible(line), file=sys.stderr if err else sys.stdout)


class OutputFailed(Exception):
    """Standard output could not take what a command printed."""

    def __init__(self, error: Exception):
        super().__init__(str(error))
        self.error = error

    def reason(self) -> str:
        error = self.error
        if isinstance(error, UnicodeEncodeError):
            return (
                f"the output encoding {error.encoding} cannot show {error.object[error.start]!r}; "
                "set PYTHONIOENCODING=utf-8"
            )
        if isinstance(error, OSError) and error.strerror:
            return error.strerror
        return str(error)


class Output:
    """Standard output as the commands see it: a failure to write becomes OutputFailed,
    which the error boundary can tell from every other error."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except (OSError, UnicodeEncodeError, ValueError, AttributeError) as error:
            raise OutputFailed(error) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError, AttributeError) as error:
            raise OutputFailed(error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Closed:
    """Standard output when the process was started without one."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        import errno

        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False
