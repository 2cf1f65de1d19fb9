"""Standard output as the commands see it, and the one ``emit`` that writes a result in
the format asked for: JSON, CSV and Markdown without Rich, a Rich view for people."""

import contextlib
import errno
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

from agreements_cli.errors import BadInput

if TYPE_CHECKING:
    from rich.console import RenderableType


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    tsv = "tsv"
    ndjson = "ndjson"


class ViewFormat(str, Enum):
    """Formats of the commands that show one thing in full (show, db info)."""

    table = "table"
    json = "json"
    ndjson = "ndjson"


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


def emit(shown: Shown, output: OutputFormat | ViewFormat, fields: str | None = None) -> None:
    """Write ``shown`` in the ``output`` format; ``fields`` (comma-separated) chooses the
    columns of the machine formats and the keys of JSON, in their order."""
    from agreements_cli.render import machine

    if output.value in ("json", "ndjson"):
        value = shown.json()
        # A record's fields are its keys (progress, show); records', the columns.
        chosen = _chosen(_keys(value) or shown.fields, output, fields)
        if chosen is not None:
            value = _only(value, chosen, streamed=shown.stream_json or output.value == "ndjson")
        if output.value == "ndjson":
            machine.write_ndjson(value)
        elif shown.stream_json:
            machine.write_json_list(value)
        else:
            machine.write_json(value)
        return
    chosen = _chosen(shown.fields, output, fields)
    if output.value in ("csv", "tsv") and shown.rows is not None:
        machine.write_csv(
            shown.rows(), chosen or shown.fields, delimiter="\t" if output.value == "tsv" else ","
        )
    elif output.value == "markdown":
        if shown.markdown is not None and chosen is None:
            machine.write_markdown(*shown.markdown())
        elif shown.rows is not None:
            columns = chosen or shown.fields
            machine.write_markdown(columns, ([row.get(f) for f in columns] for row in shown.rows()))
        if shown.footer:
            sys.stdout.write(f"\n{shown.footer[0].upper()}{shown.footer[1:]}.\n")
    elif shown.printed is not None:
        shown.printed()
    else:
        from agreements_cli.render.views import print_view

        print_view(shown.view)


def _chosen(
    known: Sequence[str], output: OutputFormat | ViewFormat, fields: str | None
) -> list[str] | None:
    """The fields ``--fields`` names, each one of those ``known``; None: all of them."""

    if fields is None:
        return None
    if output.value == "table":
        raise BadInput(
            "--fields chooses the columns of json, ndjson, csv, tsv and markdown. Add --format "
            "csv (or json, ndjson, tsv, markdown)"
        )
    named = [name.strip() for name in fields.split(",")]
    for name in named:
        if name not in known:
            raise BadInput(f"--fields: unknown field {name!r}. Fields: {', '.join(known)}")
    if len(set(named)) < len(named):
        twice = next(name for name in named if named.count(name) > 1)
        raise BadInput(f"--fields names {twice!r} twice; name it once")
    return named


def _keys(value: Any) -> list[str]:
    """The keys of a record (not of a list of them)."""
    if hasattr(value, "as_dict"):
        value = value.as_dict()
    return list(value) if isinstance(value, dict) else []


def _only(value: Any, fields: list[str], streamed: bool) -> Any:
    """A JSON value (a record, or records: one by one when ``streamed``) with only
    ``fields``, in that order."""
    from agreements_cli.render.machine import plain

    def one(item: Any) -> dict:
        record = plain(item)
        return {field: record.get(field) for field in fields}

    if isinstance(value, dict) or hasattr(value, "as_dict"):
        return one(value)
    return map(one, value) if streamed else [one(item) for item in value]


@contextlib.contextmanager
def ticking() -> Iterator[Any]:
    """How far a long piece of work has got (a ``Tick``), shown while it runs when standard
    error is a terminal; None elsewhere."""
    stream = sys.stderr
    if stream is None or not hasattr(stream, "isatty") or not stream.isatty():
        yield None
        return
    from agreements_cli.render.ticker import Ticker

    ticker = Ticker()
    try:
        yield ticker
    finally:
        ticker.close()


def say(line: str, err: bool = False) -> None:
    """A line for people, with any control character from the data made visible."""

    # (loaded here, with json, not by --help, which prints nothing of the data)
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

        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False
