"""Many writers at once, and a writer killed at random points: nothing is lost or half-done."""

import json
import os
import random
import signal
import sqlite3
import subprocess
import time

import pytest

from conftest import ROOT, installed_command

# Every test here checks what the installed command does in another process.
pytestmark = pytest.mark.installed

ADDED = [
    "CZ",
    "SI",
    "IE",
    "GR",
    "AL",
    "BG",
    "ME",
    "MK",
    "HR",
    "AT",
    "CH",
    "MT",
    "CY",
    "SK",
    "HU",
    "TR",
]
UPDATED = ["DE", "FR", "PL", "IT"]


def environment(db):
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["AGREEMENTS_DB"] = str(db)
    return env


def test_sixteen_writers_at_once_on_a_new_database(tmp_path):
    db = tmp_path / "shared.db"  # does not exist yet: the writers also race to create it
    env = environment(db)
    command = installed_command()
    procs = [
        subprocess.Popen(
            [*command, "add", code, "--status", "negotiating", "--amount", f"{i + 1}m", "--currency", "EUR"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for i, code in enumerate(ADDED)
    ] + [
        subprocess.Popen(
            [*command, "update", code, "--note", f"note {code}"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for code in UPDATED
    ]  # fmt: skip
    outcomes = []
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        outcomes.append((proc.returncode, err))
    assert [o for o in outcomes if o[0] != 0] == []

    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = {r["code"]: dict(r) for r in conn.execute("SELECT * FROM parties")}
        amounts = dict(conn.execute("SELECT code, amount FROM pledges"))
        events = conn.execute(
            "SELECT code, action, after FROM events WHERE entity = 'party' ORDER BY id"
        ).fetchall()
    assert len(rows) == 23 + len(ADDED)
    for i, code in enumerate(ADDED):
        assert rows[code]["status"] == "negotiating" and amounts[code] == str((i + 1) * 1_000_000)
    for code in UPDATED:
        assert rows[code]["note"] == f"note {code}"
    assert sorted(e["action"] for e in events) == sorted(
        ["seed"] * 23 + ["add"] * len(ADDED) + ["update"] * len(UPDATED)
    )
    # The log matches the table: each party's latest event holds its row.
    latest = {}
    for event in events:
        latest[event["code"]] = json.loads(event["after"])
    assert latest == rows


def big_import_file(path, count=200):
    import pycountry

    skip = {"UA"}
    parties = [
        {"code": c.alpha_2, "status": "negotiating", "since": "2024-08-01",
         "amount": str(1000 + i), "currency": "EUR", "usd_rate_date": "2024-08-01",
         "source": f"https://example.org/{c.alpha_2.lower()}", "note": "bulk " * 20}
        for i, c in enumerate(pycountry.countries) if c.alpha_2 not in skip
    ][:count]  # fmt: skip
    path.write_text(json.dumps({"parties": parties}), encoding="utf-8")


def state(db):
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT * FROM parties ORDER BY code").fetchall()
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    return rows, events


def test_an_import_killed_at_random_points_leaves_before_or_after(tmp_path):
    template = tmp_path / "template.db"
    file = tmp_path / "bulk.json"
    big_import_file(file)
    command = installed_command()
    subprocess.run(
        [*command, "db", "init"], env=environment(template), check=True, capture_output=True
    )
    before = state(template)

    started = time.perf_counter()
    done = tmp_path / "done.db"
    done.write_bytes(template.read_bytes())
    subprocess.run(
        [*command, "import", str(file)], env=environment(done), check=True, capture_output=True
    )
    duration = time.perf_counter() - started
    after = state(done)
    assert after != before

    rng = random.Random(20241017)
    outcomes = []
    for attempt in range(24):
        db = tmp_path / f"kill{attempt}.db"
        db.write_bytes(template.read_bytes())
        proc = subprocess.Popen([*command, "import", str(file)], env=environment(db),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        mid_write = False
        if attempt % 2:
            # At a random moment of the whole run (start-up and checks come first).
            time.sleep(rng.uniform(0, duration * 1.1))
        else:
            # In the middle of the write itself: once the write-ahead log has grown to a
            # random size, which happens only inside the import's transaction.
            mid_write = wait_for_wal(db, rng.randint(1, 150_000), proc)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = state(db)
        assert now in (before, after), f"attempt {attempt}: a state between before and after"
        outcomes.append((mid_write, proc.returncode, now == after))
    # Kills that landed while the import was writing (its log had grown, it had not
    # ended, the kill ended it) and left the database as it was before.
    landed = [o for o in outcomes if o[0] and o[1] == -signal.SIGKILL and not o[2]]
    assert landed, outcomes


def wait_for_wal(db, size, proc):
    """Until the write-ahead log has ``size`` bytes (True) or the process ended (False)."""
    wal = db.with_name(db.name + "-wal")
    while proc.poll() is None:
        try:
            if wal.stat().st_size >= size:
                return True
        except FileNotFoundError:
            pass
    return False


def test_old_database_from_the_first_schema_is_upgraded_with_nothing_lost(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "first-schema.db"
    db = tmp_path / "old.db"
    db.write_bytes(fixture.read_bytes())
    with sqlite3.connect(db) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        old_rows = conn.execute(
            "SELECT code, country, kind, status, signed_on, place, source, note FROM parties "
            "ORDER BY code"
        ).fetchall()
        old_money = conn.execute(
            "SELECT code, amount, currency, value_usd, usd_rate, usd_rate_date FROM parties "
            "WHERE amount IS NOT NULL ORDER BY code"
        ).fetchall()
        old_events = conn.execute(
            "SELECT id, code, action, before, after FROM events ORDER BY id"
        ).fetchall()
    assert applied == ["m001_create_tables"]
    result = subprocess.run([*installed_command(), "progress", "-f", "json"],
                            env=environment(db), capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    from agreements_cli.store.migrations import NAMES

    with sqlite3.connect(db) as conn:
        assert [
            r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")
        ] == NAMES
        rows = conn.execute(
            "SELECT code, country, kind, status, signed_on, place, source, note FROM parties "
            "ORDER BY code"
        ).fetchall()
        money = conn.execute(
            "SELECT code, amount, currency, value_usd, usd_rate, usd_rate_date FROM pledges "
            "ORDER BY code"
        ).fetchall()
        events = conn.execute(
            "SELECT id, code, action, before, after FROM events ORDER BY id"
        ).fetchall()
        new_events = conn.execute(
            "SELECT code, action FROM events WHERE id > ? ORDER BY code", (len(old_events),)
        ).fetchall()
    assert rows == old_rows
    # Each party's pledge is now its ledger entry, as it was stated and valued.
    assert money == old_money and len(money) == 17
    # The log is kept as it was; the ledger's entries are added to it as its seed.
    assert events[: len(old_events)] == old_events
    assert new_events == [(code, "seed") for code, *_ in old_money]
    assert json.loads(result.stdout)["negotiating"] == 1


def holding_the_lock(db):
    """A connection of another process's kind that holds the write lock until closed."""
    conn = sqlite3.connect(db, isolation_level=None, timeout=30)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def wait_until_open(procs, db, timeout=30.0):
    """Until every process has the database's write-ahead log open: each has read the
    database and now waits for the lock (or has finished)."""
    wal = os.path.realpath(f"{db}-wal")
    deadline = time.monotonic() + timeout
    waiting = list(procs)
    while waiting and time.monotonic() < deadline:
        for proc in list(waiting):
            try:
                links = [os.readlink(f"/proc/{proc.pid}/fd/{fd}")
                         for fd in os.listdir(f"/proc/{proc.pid}/fd")]  # fmt: skip
            except (FileNotFoundError, ProcessLookupError):
                links = []
            if proc.poll() is not None or wal in links:
                waiting.remove(proc)
        time.sleep(0.02)
    assert not waiting, "some writers never opened the database"
    time.sleep(0.2)


def released_together(db, commands, env):
    """Start every command while another process holds the write lock, wait until each
    has read the database, release the lock; (exit code, stdout, stderr) of each."""
    lock = holding_the_lock(db)
    procs = [
        subprocess.Popen([*installed_command(), *args], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for args in commands
    ]  # fmt: skip
    wait_until_open(procs, db)
    lock.execute("ROLLBACK")
    lock.close()
    return [(proc.wait(timeout=60), *proc.communicate()) for proc in procs]


# Eight writers, each changing a different field of Germany (the last three its one
# pledge), all started while another process holds the write lock.
def writers(round_number):
    r = round_number
    return [
        ("place", ["--place", f"Berlin {r}"]),
        ("note", ["--note", f"note {r}"]),
        ("source", ["--source", f"https://example.org/source/{r}"]),
        ("signed_on", ["--signed-on", f"2024-02-1{r}"]),
        ("count_reason", ["--not-counted", "--count-reason", f"reason {r}"]),
        ("amount", ["--amount", f"{7 + r}bn"]),
        ("period", ["--period", f"2024-202{5 + r}"]),
        ("currency", ["--currency", ["GBP", "USD", "SEK"][r % 3]]),
    ]


def test_eight_writers_of_different_fields_of_one_party_all_land(tmp_path):
    db = tmp_path / "writers.db"
    env = environment(db)
    command = installed_command()
    subprocess.run([*command, "db", "init"], env=env, check=True, capture_output=True)
    for round_number in range(1, 4):
        commands = [["update", "DE", *args] for _, args in writers(round_number)]
        outcomes = released_together(db, commands, env)
        assert [(code, err) for code, _, err in outcomes if code != 0] == []
        assert all(out.startswith("Updated Germany (DE): ") for _, out, _ in outcomes)

        with sqlite3.connect(db) as conn:
            conn.row_factory = sqlite3.Row
            row = dict(conn.execute("SELECT * FROM parties WHERE code = 'DE'").fetchone())
            pledge = dict(conn.execute("SELECT * FROM pledges WHERE code = 'DE'").fetchone())
            events = [dict(e) for e in conn.execute(
                "SELECT batch, entity, action, before, after FROM events WHERE code = 'DE' "
                "AND action = 'update' ORDER BY id")]  # fmt: skip
        r = round_number
        assert (row["place"], row["note"], row["source"], row["signed_on"]) == (
            f"Berlin {r}",
            f"note {r}",
            f"https://example.org/source/{r}",
            f"2024-02-1{r}",
        )
        assert (row["counted"], row["count_reason"]) == (0, f"reason {r}")
        assert (
            pledge["amount"],
            pledge["first_year"],
            pledge["last_year"],
            pledge["currency"],
        ) == (str((7 + r) * 10**9), 2024, 2025 + r, ["GBP", "USD", "SEK"][r % 3])
        # One update per writer, each a change of its own field alone, chained: every
        # event starts from what the one before it left, and the last leaves the table.
        this_round = events[-8:]
        assert len(events) == 8 * r and len({e["batch"] for e in this_round}) == 8
        for entity, table_now in (("party", row), ("pledge", pledge)):
            chain = [e for e in this_round if e["entity"] == entity]
            assert len(chain) == (5 if entity == "party" else 3)
            for earlier, later in zip(chain, chain[1:], strict=False):
                assert json.loads(earlier["after"]) == json.loads(later["before"])
            last = json.loads(chain[-1]["after"])
            assert {k: last[k] for k in table_now if k in last} == {
                k: (bool(v) if k in ("counted", "per_year") else v)
                for k, v in table_now.items() if k in last
            }  # fmt: skip
        party_fields = {
            frozenset(k for k in json.loads(e["after"]) if
                      json.loads(e["after"])[k] != json.loads(e["before"])[k])
            for e in this_round if e["entity"] == "party"
        }  # fmt: skip
        assert party_fields == {
            frozenset({"place"}), frozenset({"note"}), frozenset({"source"}),
            frozenset({"signed_on"}),
            frozenset({"counted", "count_reason"} if r == 1 else {"count_reason"}),
        }  # fmt: skip


def test_an_import_and_an_update_of_one_party_both_land_in_either_order(tmp_path):
    db = tmp_path / "both.db"
    env = environment(db)
    command = installed_command()
    subprocess.run([*command, "db", "init"], env=env, check=True, capture_output=True)
    file = tmp_path / "de.json"
    file.write_text(json.dumps({"parties": [{
        "code": "DE", "status": "signed", "signed_on": "2024-02-16", "place": "Berlin",
        "source": "https://pravda.com.ua/eng/news/2024/02/16/7442194/", "note": "imported",
    }]}), encoding="utf-8")  # fmt: skip
    for attempt in range(3):
        commands = [["import", str(file)], ["update", "DE", "--place", f"Bonn {attempt}"]]
        outcomes = released_together(db, commands, env)
        assert [(code, err) for code, _, err in outcomes if code != 0] == []
        with sqlite3.connect(db) as conn:
            conn.row_factory = sqlite3.Row
            row = dict(conn.execute("SELECT * FROM parties WHERE code = 'DE'").fetchone())
            events = [(json.loads(e["before"] or "null"), json.loads(e["after"]))
                      for e in conn.execute("SELECT before, after FROM events WHERE code = 'DE' "
                                            "AND entity = 'party' ORDER BY id")]  # fmt: skip
        for (_, earlier), (later, _) in zip(events, events[1:], strict=False):
            assert earlier == later  # each change starts from what the one before left
        assert events[-1][1] == {**row, "counted": bool(row["counted"])}
        # The update's place stands unless the import, which gives the whole row, came after.
        assert row["note"] == "imported"
        assert row["place"] in (f"Bonn {attempt}", "Berlin")
