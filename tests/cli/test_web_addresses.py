"""An import from a web address is the whole file or nothing: a cut answer, a redirect to
anywhere but http or https, a server that drips its answer, an answer HTTP forbids and an
address agreements cannot ask are each refused in one line that names the address, and
the database is left as it was."""

import contextlib
import socket
import threading
import time

import pytest

from conftest import assert_refused, dump

DATA = b'{"parties": [{"code": "CZ", "status": "negotiating", "note": "from the newsroom"}]}'


def _answer(body: bytes, *headers: str, status: str = "200 OK") -> bytes:
    head = [f"HTTP/1.1 {status}", *headers, "Connection: close"]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


@contextlib.contextmanager
def scripted(answers):
    """A server on a free port of 127.0.0.1 that gives each path the bytes ``answers``
    holds for it (or calls it with the socket), whatever HTTP would say of them."""

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve_one(conn):
        with conn:
            request = b""
            with contextlib.suppress(OSError):
                while b"\r\n\r\n" not in request:
                    part = conn.recv(4096)
                    if not part:
                        return
                    request += part
            path = request.split(b" ", 2)[1].decode("latin-1") if b" " in request else "/"
            answer = answers.get(path, _answer(b"", status="404 Not Found"))
            with contextlib.suppress(OSError):
                if callable(answer):
                    answer(conn, stop)
                else:
                    conn.sendall(answer)

    def loop():
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def dripping(start: bytes, byte: bytes):
    """An answer that sends ``start``, then ``byte`` every 0.2 s, never the end."""

    def drip(conn, stop):
        conn.sendall(start)
        while not stop.is_set():
            conn.sendall(byte)
            time.sleep(0.2)

    return drip


def test_an_answer_cut_before_its_length_is_refused_and_nothing_is_imported(run, seeded):
    cut = DATA[:40]
    answers = {
        "/cut.json": _answer(cut, f"Content-Length: {len(DATA)}", "Content-Type: application/json"),
        "/whole.json": _answer(DATA, f"Content-Length: {len(DATA)}"),
    }
    before = dump(seeded)
    with scripted(answers) as address:
        for args in (("import",), ("import", "--replace"), ("pledge", "import")):
            assert_refused(run(*args, f"{address}/cut.json"), 1,
                           f"Error: {address}/cut.json ended after 40 of the {len(DATA)} bytes it "
                           "announced: the answer was cut, and nothing of it was used. Try again")  # fmt: skip
            assert dump(seeded) == before
        result = run("import", f"{address}/whole.json")
    assert result.exit_code == 0, result.output
    assert run.party("CZ")["note"] == "from the newsroom"


def test_a_redirect_is_followed_only_to_http_or_https_without_credentials(run, seeded):
    answers = {
        "/to-ftp": _answer(b"", "Location: ftp://127.0.0.1/data.json", status="302 Found"),
        "/to-file": _answer(b"", "Location: file:///etc/passwd", status="301 Moved Permanently"),
        "/to-login": _answer(
            b"", "Location: http://reader:secret@127.0.0.1/data.json", status="307 Temporary"
        ),
        "/by-uri": _answer(b"", "URI: ftp://127.0.0.1/data.json", status="302 Found"),
        "/loop": _answer(b"", "Location: /loop", status="302 Found"),
        "/moved": _answer(b"", "Location: /data.json", status="308 Permanent Redirect"),
        "/data.json": _answer(DATA, f"Content-Length: {len(DATA)}"),
    }
    before = dump(seeded)
    with scripted(answers) as address:
        assert_refused(run("import", f"{address}/to-ftp"), 2,
                       f"Error: {address}/to-ftp redirects to ftp://127.0.0.1/data.json, which "
                       "agreements does not follow: ftp://127.0.0.1/data.json is not an http or "
                       "https address; agreements reads no other")  # fmt: skip
        # The old URI header, which urllib follows where no Location is given, is checked too.
        assert_refused(run("import", f"{address}/by-uri"), 2,
                       f"Error: {address}/by-uri redirects to ftp://127.0.0.1/data.json, which "
                       "agreements does not follow")  # fmt: skip
        assert_refused(run("import", f"{address}/to-file"), 2,
                       f"Error: {address}/to-file redirects to file:///etc/passwd, which "
                       "agreements does not follow")  # fmt: skip
        refused = run("import", f"{address}/to-login")
        assert_refused(refused, 2,
                       f"Error: {address}/to-login redirects to "
                       "http://reader:***@127.0.0.1/data.json, which agreements does not follow: "
                       "http://reader:***@127.0.0.1/data.json carries a user name or password; "
                       "agreements sends none")  # fmt: skip
        assert "secret" not in refused.output
        assert_refused(run("import", f"{address}/loop"), 1, f"Error: {address}/loop answered 30")
        assert dump(seeded) == before
        result = run("import", f"{address}/moved")
    assert result.exit_code == 0, result.output
    assert run.party("CZ")["note"] == "from the newsroom"


def test_an_answer_still_arriving_at_the_deadline_is_refused(run, seeded, monkeypatch):
    from agreements_cli.formats import web

    monkeypatch.setattr(web, "DEADLINE_SECONDS", 1)

    drip = dripping(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", b" ")

    before = dump(seeded)
    with scripted({"/slow.json": drip}) as address:
        result = run("import", f"{address}/slow.json")
    assert_refused(result, 1, f"Error: {address}/slow.json was still arriving after 1 s (")
    assert "bytes so far). Try again later, or save the file and import that" in result.stderr
    assert dump(seeded) == before


def test_a_server_that_drips_its_headers_is_refused_at_the_deadline(run, seeded, monkeypatch):
    """Each byte within the wait of one read, the headers never ending: the deadline holds
    for the whole fetch, not only for the body."""
    from agreements_cli.formats import web

    monkeypatch.setattr(web, "DEADLINE_SECONDS", 1)

    drip = dripping(b"HTTP/1.1 200 OK\r\nX-Slow: ", b"a")

    before = dump(seeded)
    with scripted({"/slow.json": drip}) as address:
        started = time.monotonic()
        result = run("import", f"{address}/slow.json")
        waited = time.monotonic() - started
    assert_refused(result, 1,
                   f"Error: {address}/slow.json was still arriving after 1 s. Try again later, "
                   "or save the file and import that")  # fmt: skip
    assert waited < 30  # not the wait of one read after another: the deadline, and a second
    assert dump(seeded) == before


@pytest.mark.parametrize(
    "answer, words",
    [
        (b"HTTP/1.1 OK\r\n\r\n", "a status line that is not one"),
        (b"NONSENSE\r\n\r\n" + DATA, "a status line that is not one"),
        (b"HTTP/2.0 200 OK\r\n\r\n" + DATA, "an unknown version of HTTP"),
        (b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n", "a line too long"),
        (
            b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(150)) + b"\r\n",
            "got more than 100 headers",
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + DATA,
            "an answer cut off or in broken chunks",
        ),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + DATA,
            "an answer cut off or in broken chunks",
        ),
    ],
    ids=["no-code", "not-http", "http-2", "long-header", "many-headers", "bad-chunk", "cut-chunk"],
)
def test_an_answer_http_forbids_is_named_not_a_bug(run, seeded, answer, words):
    before = dump(seeded)
    with scripted({"/data.json": answer}) as address:
        assert_refused(run("import", f"{address}/data.json"), 2,
                       f"Error: {address}/data.json answered in a way HTTP does not allow "
                       f"({words}). Ask whoever publishes it, or save the file and import "
                       "that")  # fmt: skip
    assert dump(seeded) == before


def test_a_length_that_is_not_a_number_is_refused(run, seeded):
    before = dump(seeded)
    with scripted({"/data.json": _answer(DATA, "Content-Length: lots")}) as address:
        assert_refused(run("import", f"{address}/data.json"), 2,
                       f"Error: {address}/data.json announced a length that is not a number "
                       "('lots'). Ask whoever publishes it, or save the file and import that")  # fmt: skip
    assert dump(seeded) == before


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://127.0.0.1:port/data.json",
         "http://127.0.0.1:port/data.json is not a web address agreements can read (Port could "
         "not be cast to integer value as 'port')"),
        ("http://127.0.0.1:99999/data.json",
         "http://127.0.0.1:99999/data.json is not a web address agreements can read (Port out "
         "of range 0-65535)"),
        ("http://127.0.0.1:0/data.json",
         "http://127.0.0.1:0/data.json names port 0, which no server listens on"),
        ("http://[::1/data.json",
         "http://[::1/data.json is not a web address agreements can read (Invalid IPv6 URL)"),
        ("http://127.0.0.1/my data.json",
         "the web address 'http://127.0.0.1/my data.json' has a space or a control character "
         "in it. Give it encoded (a space as %20)"),
        ("http://127.0.0.1/data.json\r\nX-Evil: 1",
         "the web address 'http://127.0.0.1/data.json\\r\\nX-Evil: 1' has a space or a control "
         "character in it"),
        ("https://reader:secret@example.org/data.json",
         "https://reader:***@example.org/data.json carries a user name or password; agreements "
         "sends none. Give the address without them"),
        ("http://reader@example.org/data.json",
         "http://reader@example.org/data.json carries a user name or password"),
        ("https://reader:se@cret@example.org/data.json",
         "https://reader:***@example.org/data.json carries a user name or password"),
        ("http://127.0.0.1/data\x7f.json",
         "the web address 'http://127.0.0.1/data\\x7f.json' has a space or a control character"),
    ],
)  # fmt: skip
def test_an_address_agreements_cannot_ask_is_refused_before_any_connection(run, seeded, url,
                                                                           message):  # fmt: skip
    before = dump(seeded)
    result = run("import", url)
    assert_refused(result, 2, "Error: " + message)
    assert "secret" not in result.output
    assert dump(seeded) == before


def test_a_server_that_closes_before_it_answers_is_named(run, seeded):
    def hang_up(conn, stop):
        conn.shutdown(socket.SHUT_RDWR)

    before = dump(seeded)
    with scripted({"/data.json": hang_up}) as address:
        assert_refused(run("import", f"{address}/data.json"), 1,
                       "Error: 127.0.0.1 closed the connection before its answer ended. "
                       "Try again")  # fmt: skip
    assert dump(seeded) == before


def test_an_answer_in_many_parts_is_read_whole_and_bounded_by_its_real_size(monkeypatch):
    """A body of several reads is joined as it came; the limit holds to the byte, for an
    announced length and for one that is not announced."""
    from agreements_cli.errors import BadInput
    from agreements_cli.formats import web

    monkeypatch.setattr(web, "PART_BYTES", 7)
    body = bytes(range(256)) * 4  # 1,024 bytes: 147 parts
    answers = {
        "/sized": _answer(body, f"Content-Length: {len(body)}"),
        "/unsized": _answer(body),
    }
    with scripted(answers) as address:
        for path in ("/sized", "/unsized"):
            assert web.fetch(address + path, 1024) == body
            with pytest.raises(BadInput) as refused:
                web.fetch(address + path, 1023)
            assert "larger than" in refused.value.reason
