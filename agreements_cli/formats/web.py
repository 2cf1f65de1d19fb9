"""The one reader of web addresses: a file fetched whole, or refused with what went wrong.

A fetch goes only where it was asked: http or https, with no user name or password in the
address, and each redirect checked the same way before it is followed (at most
``MAX_REDIRECTS``). Its cost is bounded by the answer's real size and by the clock: at most
``sheets.MAX_FILE_BYTES`` are read, each step waits ``WAIT_SECONDS`` at most, and the whole
answer must have arrived within ``DEADLINE_SECONDS``. An answer shorter than the length it
announced is a cut answer, refused, never taken as the whole file. Whatever the HTTP
client raises (a malformed status line, overlong headers, broken chunks) becomes one
worded error that names the address.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from agreements_cli.errors import AgreementsError, BadInput

SCHEMES = ("http", "https")
MAX_REDIRECTS = 5
WAIT_SECONDS: float = 30  # for a server to answer, and then between two parts of its answer
DEADLINE_SECONDS: float = 120  # for the whole answer to arrive
PART_BYTES = 64 * 1024


def on_the_web(name: str) -> bool:
    """Whether a FILE argument names a file on a web server (http or https)."""
    return name[:8].lower().startswith(("http://", "https://"))


def shown(url: str) -> str:
    """The address as an error may show it: without the password it may carry."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.password is None:
        return url
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{netloc}"))


def host_of(url: str) -> str:
    """The host of a web address that agreements will ask, after checking the address:
    its scheme (http or https), its host and port, no user name or password, and no space
    or control character. Anything else is refused, the address named."""
    named = shown(url)
    if any(ord(char) <= 32 or ord(char) == 127 for char in url):
        raise BadInput(
            f"the web address {named!r} has a space or a control character in it. "
            "Give it encoded (a space as %20)"
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise BadInput(f"{named} is not a web address agreements can read ({error})") from None
    if parts.scheme.lower() not in SCHEMES:
        raise BadInput(f"{named} is not an http or https address; agreements reads no other")
    if parts.username is not None or parts.password is not None:
        raise BadInput(
            f"{named} carries a user name or password; agreements sends none. "
            "Give the address without them"
        )
    host = parts.hostname or ""
    if not host:
        raise BadInput(
            f"{named} names no host. Give an address such as https://example.org/data.json"
        )
    if port == 0:
        raise BadInput(f"{named} names port 0, which no server listens on. Check the address")
    return host


def fetch(url: str, limit: int) -> bytes:
    """The whole body of the web address ``url``, at most ``limit`` bytes (a larger one is
    refused before more is read), within ``DEADLINE_SECONDS`` from the first byte asked to
    the last received: the name's lookup, the connection, the status line and headers (which
    a server can drip a byte at a time, each within the wait of one read) and the body. The
    fetch runs in a thread of its own, so that no phase of it can outlast the deadline."""
    import threading

    host = host_of(url)  # refused before any connection
    outcome: list = []

    def attempt() -> None:
        try:
            outcome.append(_fetched(url, host, limit))
        except BaseException as error:  # handed to the caller, who raises it
            outcome.append(error)

    worker = threading.Thread(target=attempt, name="agreements-fetch", daemon=True)
    worker.start()
    # Waited on by sleeps, not a timed join: a timed wait takes an absolute time, which a
    # clock set apart from the system's (faketime, a jump of NTP) would put far away. (The
    # body's own check says it first, with the size that came.)
    end = time.monotonic() + DEADLINE_SECONDS + 1
    while worker.is_alive() and time.monotonic() < end:
        time.sleep(0.005)
    if not outcome:
        raise AgreementsError(
            f"{shown(url)} was still arriving after {DEADLINE_SECONDS:g} s. Try again later, "
            "or save the file and import that"
        )
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    body: bytes = outcome[0]
    return body


def _fetched(url: str, host: str, limit: int) -> bytes:
    """``fetch``'s work, in its thread, on the checked ``url`` of ``host``: every failure
    worded."""
    import http.client
    import urllib.error
    import urllib.request

    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _redirects(urllib.request.HTTPRedirectHandler),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),
    ):
        opener.add_handler(handler)
    request = urllib.request.Request(url, headers={"User-Agent": "agreements"})
    deadline = time.monotonic() + DEADLINE_SECONDS
    try:
        with opener.open(request, timeout=WAIT_SECONDS) as answer:
            return _body(answer, shown(url), limit, deadline)
    except urllib.error.HTTPError as error:
        error.close()  # its answer is not read
        raise AgreementsError(
            f"{shown(url)} answered {error.code} {error.reason}. Check the address, or ask "
            "whoever publishes it"
        ) from None
    except urllib.error.URLError as error:  # (before the answer: the reason it gives)
        raise AgreementsError(_unreached(shown(url), host, error.reason)) from None
    except http.client.RemoteDisconnected:
        raise AgreementsError(_unreached(shown(url), host, ConnectionResetError())) from None
    except http.client.HTTPException as error:  # a status line, a header, a chunk HTTP forbids
        raise BadInput(
            f"{shown(url)} answered in a way HTTP does not allow ({_named(error)}). Ask "
            "whoever publishes it, or save the file and import that"
        ) from None
    except OSError as error:  # during the answer: a timeout, a reset, ...
        raise AgreementsError(_unreached(shown(url), host, error)) from None


def _redirects(base: Any) -> Any:
    """urllib's redirect handler, checking every address it is sent to as ``host_of``
    checks the first, at most ``MAX_REDIRECTS`` of them."""

    class Checked(base):
        max_redirections = MAX_REDIRECTS

        def http_error_302(self, req, fp, code, msg, headers):
            from urllib.parse import urljoin

            location = headers.get("location") or headers.get("uri")
            if location:
                target = urljoin(req.full_url, location)
                try:
                    host_of(target)
                except BadInput as refused:
                    fp.close()
                    raise BadInput(
                        f"{shown(req.full_url)} redirects to {shown(target)}, which agreements "
                        f"does not follow: {refused.args[0]}"
                    ) from None
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    return Checked()


def _body(answer: Any, url: str, limit: int, deadline: float) -> bytes:
    """The body of an answer, part by part: refused when it is larger than ``limit``, when
    it is still arriving at ``deadline``, or when it ends before the length it announced."""
    declared = answer.headers.get("Content-Length")
    length = None
    if declared is not None:
        if not declared.strip().isdigit():
            raise BadInput(
                f"{url} announced a length that is not a number ({declared[:40]!r}). Ask "
                "whoever publishes it, or save the file and import that"
            )
        length = int(declared)
        if length > limit:
            raise BadInput(
                f"{url} is {length:,} bytes, larger than {_megabytes(limit)}; "
                "no data file of agreements is"
            )
    parts, got = [], 0
    while True:
        if time.monotonic() > deadline:
            raise AgreementsError(
                f"{url} was still arriving after {DEADLINE_SECONDS:g} s ({got:,} bytes so "
                "far). Try again later, or save the file and import that"
            )
        part = answer.read1(PART_BYTES)
        if not part:
            break
        got += len(part)
        if got > limit:
            raise BadInput(
                f"{url} is larger than {_megabytes(limit)}; no data file of agreements is"
            )
        parts.append(part)
    if length is not None and got < length:
        raise AgreementsError(
            f"{url} ended after {got:,} of the {length:,} bytes it announced: the answer was "
            "cut, and nothing of it was used. Try again"
        )
    return b"".join(parts)


def _megabytes(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB"


def _named(error: Exception) -> str:
    """What the HTTP client says went wrong, in words of its own, short."""
    words = {
        "LineTooLong": "a line too long",
        "BadStatusLine": "a status line that is not one",
        "IncompleteRead": "an answer cut off or in broken chunks",
        "UnknownProtocol": "an unknown version of HTTP",
    }
    name = type(error).__name__
    detail = " ".join(str(error).split())[:80]
    return words.get(name, detail or name)


def _unreached(url: str, host: str, reason: object) -> str:
    import socket  # (about 2 ms: for a web address alone)
    import ssl

    if isinstance(reason, socket.gaierror):
        return f"cannot find the host {host}. Check the address and the network connection"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection to {url}. Check the address and that its server is running"
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"{host} did not answer within {WAIT_SECONDS:g} s. Try again later"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the certificate of {host} could not be verified ({reason.verify_message}). Check the address"
    if isinstance(reason, ConnectionResetError):
        return f"{host} closed the connection before its answer ended. Try again"
    if isinstance(reason, str):  # urllib's own words: an unknown URL type, ...
        return f"cannot read {url}: {reason}"
    text = getattr(reason, "strerror", None) or str(reason)
    return f"cannot read {url}: {text}"
