"""`agreements serve` is sealed: no path is read as a Datasette option or a URI parameter,
no request writes, a bad host or a busy port is an error before anything is announced."""

import hashlib
import json
import socket
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import dump, fetch, free_port, installed_command, run_installed, serving

pytestmark = pytest.mark.installed


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def request(url: str, method: str = "GET", data: bytes | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method),
                                    timeout=10) as response:  # fmt: skip
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def make(tmp_path: Path, name: str, note: str) -> Path:
    """A database at ``tmp_path/name`` whose Germany has ``note``."""
    env = {"AGREEMENTS_DB": name, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = run_installed("update", "Germany", "--note", note, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / name


def germany(base: str, route: str) -> str:
    rows = json.loads(fetch(f"{base}/{route}/parties.json?_shape=array&code=DE"))
    return rows[0]["note"]


# Each attempt a reader could make to change the data.
WRITES = [
    ("POST", "/{route}/progress_toward_the_goal", b""),  # a canned query
    ("POST", "/{route}/parties", b"code=DE"),
    ("POST", "/{route}/-/create", b'{"table": "x", "rows": [{"a": 1}]}'),
    ("PUT", "/{route}/parties/DE", b""),
    ("DELETE", "/{route}/parties/DE", None),
    ("POST", "/-/messages", b"message=x"),
]
SQL = [
    "UPDATE parties SET status = 'planned' WHERE code = 'DE'",
    "PRAGMA query_only = 0",
    "ATTACH DATABASE '/tmp/x.db' AS other",
    "WITH x AS (SELECT 1) DELETE FROM parties",
]


@pytest.mark.parametrize(
    "name, route, decoy",
    [
        ("x.db?mode=rw&y=", "x", "x.db"),  # once opened x.db writable
        ("a#b.db", "a-b", "a"),  # once published the file a
        ("100%25 sure.db", "100-25-sure", "100% sure.db"),
        ("semi;colon & space.db", "semi-colon-space", None),
    ],
)
def test_a_path_is_never_read_as_a_uri_and_no_request_writes(tmp_path, name, route, decoy):
    served = make(tmp_path, name, "the file named so")
    if decoy:
        make(tmp_path, decoy, "a decoy")
        decoy_before = dump(tmp_path / decoy)
    before, raw = dump(served), digest(served)
    with serving(Path(name), cwd=tmp_path) as base:
        assert germany(base, route) == "the file named so"
        for method, path, data in WRITES:
            status, body = request(base + path.format(route=route), method, data)
            assert status == 405, (method, path, status, body)
            assert "read-only" in body
        for sql in SQL:
            query = urllib.parse.urlencode({"sql": sql})
            status, _ = request(f"{base}/{route}.json?{query}")
            assert status >= 400, (sql, status)  # refused (Datasette says 400 or 500)
        assert germany(base, route) == "the file named so"
    log = (tmp_path / "serve.log").read_text()
    assert "Traceback" not in log, log
    assert dump(served) == before and digest(served) == raw
    if decoy:
        assert dump(tmp_path / decoy) == decoy_before


def test_a_path_that_looks_like_an_option_stays_a_path(tmp_path):
    """`--db '--plugins-dir=DIR'` once ran DIR's Python in Datasette; `--db=--root` printed
    a login token."""
    plugins = tmp_path / "plug"
    plugins.mkdir()
    marker = tmp_path / "ran"
    (plugins / "evil.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    routes = {"--plugins-dir=plug": "plugins-dir-plug", "--root": "root",
              "--setting=default_allow_sql=1": "setting-default_allow_sql-1"}  # fmt: skip
    for name, route in routes.items():
        make(tmp_path, name, "named like an option")
        with serving(Path(name), cwd=tmp_path) as base:
            assert germany(base, route) == "named like an option"
        log = (tmp_path / "serve.log").read_text()
        assert f"Serving {tmp_path / name} read-only" in log, log
        assert "token" not in log
    assert not marker.exists()


def run_serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"AGREEMENTS_DB": "agreements.db", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    return subprocess.run([*installed_command(), "serve", *args], capture_output=True,
                          text=True, env=env, cwd=tmp_path, timeout=60)  # fmt: skip


@pytest.mark.parametrize("host", ["", " ", "127.0.0.1 --reload", "http://127.0.0.1",
                                  "exa mple.org", "-h", "a..b", "1.2.3.4:80", "ex_ample"])  # fmt: skip
def test_a_host_that_is_not_an_address_or_a_name_is_refused(tmp_path, host):
    db = make(tmp_path, "agreements.db", "kept")
    before = dump(db)
    done = run_serve(tmp_path, "--host", host, "--port", str(free_port()))
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        f"Error: The host {host!r} is not an IP address or a host name. Use --host 127.0.0.1 "
        "for this machine only, or --host 0.0.0.0 for every interface\n"
    )
    assert done.stdout == "" and dump(db) == before


def test_a_name_with_no_address_is_refused(tmp_path):
    done = run_serve(tmp_path, "--host", "no-such-host.invalid", "--port", str(free_port()))
    assert done.returncode == 2
    assert done.stderr.startswith("Error: The host 'no-such-host.invalid' has no address here (")
    assert done.stderr.count("\n") == 1


def test_a_busy_port_is_an_error_before_anything_is_announced(tmp_path):
    db = make(tmp_path, "agreements.db", "kept")
    before = dump(db)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_serve(tmp_path, "--port", str(port))
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: Cannot listen on 127.0.0.1 port {port}: Address already in use. "
        "Choose another with --port\n"
    )
    assert "Serving" not in done.stdout + done.stderr and dump(db) == before


def test_every_interface_is_said_plainly(tmp_path):
    make(tmp_path, "agreements.db", "kept")
    with serving(Path("agreements.db"), "--host", "0.0.0.0", cwd=tmp_path) as base:
        assert germany(base, "agreements") == "kept"
    log = (tmp_path / "serve.log").read_text().splitlines()
    port = base.rsplit(":", 1)[1]
    assert log[:2] == [
        f"Serving {tmp_path / 'agreements.db'} read-only at http://0.0.0.0:{port}/ (Ctrl-C stops it).",
        "Note: listening on every network interface of this machine (0.0.0.0): anyone who can "
        f"reach it on port {port} can read the data.",
    ]


def test_the_loopback_address_needs_no_warning(tmp_path):
    make(tmp_path, "agreements.db", "kept")
    with serving(Path("agreements.db"), "--host", "localhost", cwd=tmp_path) as base:
        assert germany(base, "agreements") == "kept"
    log = (tmp_path / "serve.log").read_text()
    assert log.startswith(f"Serving {tmp_path / 'agreements.db'} read-only at http://localhost:")
    assert "Note" not in log


def test_a_request_can_cost_no_more_than_the_data_and_the_file_stays_unnamed(tmp_path):
    """No arbitrary SQL (a query can make a value of any size, which no time limit bounds),
    no hand-written WHERE, and no list of databases (it gives the file's path); the canned
    queries, the tables and their JSON and CSV are there."""
    make(tmp_path, "agreements.db", "the file named so")
    big = urllib.parse.urlencode({"sql": "SELECT zeroblob(300000000)"})
    with serving(Path("agreements.db"), cwd=tmp_path) as base:
        for path in (f"/agreements.json?{big}", f"/agreements?{big}",
                     "/agreements/parties.json?_where=1"):  # fmt: skip
            status, body = request(base + path)
            assert status == 403, (path, status)
            assert len(body) < 100_000
        for path in ("/-/databases.json", "/-/databases", "/-/databases/"):
            status, body = request(base + path)
            assert (status, body) == (404, "Not published.\n"), path
            assert str(tmp_path) not in body
        status, body = request(base + "/agreements/pledges_by_year.json?_shape=array")
        assert status == 200 and json.loads(body)[0]["year"] == 2024
        status, body = request(base + "/agreements/parties.csv?_stream=on")
        assert status == 200 and body.count("\n") == 24  # the header and 23 parties
        status, body = request(base + "/-/settings.json")
        settings = json.loads(body)
        assert (settings["default_allow_sql"], settings["sql_time_limit_ms"]) == (False, 1000)
    assert "Traceback" not in (tmp_path / "serve.log").read_text()
