"""`agreements serve`: the database published with Datasette, sealed.

Datasette runs in this process, not from its command line, so no part of the database's
path can be read as one of its options. It opens the file by a percent-encoded ``file:``
URI, immutable and query-only, so no part of the path can be read as a URI parameter (such
as ``mode=rw``) or cut at a ``#``. Every request other than GET and HEAD is answered 405
before Datasette sees it. The address is checked and the port bound before the server is
announced, so a busy port is an error, not a message followed by a silent exit.

What a request can cost is bounded: arbitrary SQL is not offered (the canned queries and
the table views are: their work follows the data), each query has a time limit, a page at
most ``MAX_ROWS`` rows, and a value SQLite makes at most ``MAX_VALUE_BYTES``. The list of
databases, which would tell any visitor where the file lies on this machine, is not
published.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from agreements_cli.errors import AgreementsError, BadInput, Fix
from agreements_cli.publish.datasette import route

# A host name as RFC 1123 allows one: dot-separated labels of letters, digits and hyphens.
_HOST_NAME = re.compile(
    r"(?=.{1,253}\Z)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?"
)
READ_METHODS = ("GET", "HEAD")
NOT_PUBLISHED = ("/-/databases", "/-/databases.json")  # they give the file's path
MAX_ROWS = 1000  # of a page (Datasette's own default)
MAX_VALUE_BYTES = 1_000_000  # a string or blob SQLite makes (no value of the data is near)
SETTINGS = {
    "default_allow_sql": False,
    "sql_time_limit_ms": 1000,
    "facet_time_limit_ms": 200,
    "max_returned_rows": MAX_ROWS,
    "max_csv_mb": 10,
}


@dataclass(frozen=True)
class Address:
    """Where `serve` listens: the host as given, the port, its socket, and whether only
    this machine can reach it."""

    host: str
    port: int
    sock: socket.socket
    local: bool

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def reach(self) -> str | None:
        """A plain warning when others can reach the publication, else None."""
        if self.local:
            return None
        if self.host in ("0.0.0.0", "::"):
            where = f"every network interface of this machine ({self.host})"
        else:
            where = f"{self.host}, which is not this machine's loopback address"
        return (
            f"Note: listening on {where}: anyone who can reach it on port {self.port} "
            "can read the data."
        )


def listen(host: str, port: int) -> Address:
    """Check ``host`` (an IP address or a host name), then bind ``port`` on it."""
    if not (_is_address(host) or _HOST_NAME.fullmatch(host)):
        raise BadInput(f"The host {host!r} is not an IP address or a host name", Fix.LOCAL_HOST)
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise BadInput(f"The host {host!r} has no address here ({error})", Fix.LOCAL_HOST) from None
    family, kind, proto, _, sockaddr = found[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(sockaddr)
        sock.listen(128)
    except OSError as error:
        sock.close()
        reason = error.strerror or str(error)
        raise AgreementsError(
            f"Cannot listen on {host} port {port}: {reason}", Fix.OTHER_PORT
        ) from None
    local = all(ipaddress.ip_address(info[4][0]).is_loopback for info in found)
    return Address(host, port, sock, local)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def file_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` (absolute) immutable: every character of the path
    that a URI gives a meaning to (``?``, ``#``, ``%``, ``&``, ...) percent-encoded."""
    return "file:" + quote(str(path.resolve()), safe="/") + "?immutable=1"


Asgi = Callable[[dict[str, Any], Any, Any], Awaitable[None]]


def read_only(app: Asgi) -> Asgi:
    """``app`` behind a door that answers 405 to every request that is not GET or HEAD."""

    async def sealed(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["method"] not in READ_METHODS:
            body = b"This publication is read-only: only GET and HEAD are answered.\n"
            await _answer(send, 405, body, [(b"allow", b"GET, HEAD")])
            return
        if scope["type"] == "http" and scope["path"].rstrip("/") in NOT_PUBLISHED:
            await _answer(send, 404, b"Not published.\n")
            return
        await app(scope, receive, send)

    return sealed


async def _answer(send: Any, status: int, body: bytes, headers: list | None = None) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                *(headers or []),
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def datasette_app(path: Path, name: str, metadata: dict[str, Any]) -> Any:
    """The Datasette of ``path`` alone, opened immutable and query-only, behind the
    read-only door: an ASGI application."""

    from datasette.app import Datasette  # first: it registers Datasette's own hooks
    from datasette.database import Database

    uri = file_uri(path)
    import datasette.handle_exception  # (after the app, whose plugins import it)

    # Datasette prints a full traceback, with its local variables, for every error it
    # answers when Rich is installed, a refused query (400) included: a reader could fill
    # the log at will. Errors of the server itself (500) are still printed.
    datasette.handle_exception.rich = None

    class Sealed(Database):
        def connect(self, write: bool = False) -> sqlite3.Connection:
            if write:
                raise PermissionError("the publication is read-only")
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            connection.execute("PRAGMA query_only = 1")
            connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
            self._all_file_connections.append(connection)
            return connection

    from datasette.plugins import pm

    from agreements_cli.publish import readable  # (it imports Datasette: here alone)

    if not pm.is_registered(readable):  # money, links and widths a reader can use
        pm.register(readable, name="agreements-readable")
    ds = Datasette([], metadata=metadata, settings=SETTINGS)
    ds.remove_database("_memory")  # added for want of files: only the publication is served

    ds.add_database(
        Sealed(ds, path=str(path.resolve()), is_mutable=False), name=name, route=route(name)
    )
    asyncio.run(ds.invoke_startup())
    return read_only(ds.app())


def run(app: Any, address: Address) -> None:
    """Serve ``app`` on the bound socket until stopped (Ctrl-C or a signal)."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    uvicorn.Server(config).run(sockets=[address.sock])
