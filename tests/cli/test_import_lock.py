"""An import plans (parses, checks, converts) before it takes the write lock, so other
writers are not kept waiting; one that commits meanwhile makes it plan again inside."""

import sqlite3
from datetime import date

from agreements_cli.formats.datafile import parse
from agreements_cli.planning.datafile import plan_import
from agreements_cli.store.database import Store

from conftest import dump

RECORD = {"code": "FR", "status": "signed", "signed_on": "2024-02-16", "note": "imported"}


def planner(calls, meanwhile=None):
    def plan(current, items):
        calls.append(current["DE"].note)
        if meanwhile and len(calls) == 1:
            meanwhile()
        return plan_import(parse({"parties": [RECORD]}, date.today()), current, items, False,
                           date.today())  # fmt: skip

    return plan


def test_another_writer_is_not_kept_waiting_and_its_change_is_kept(seeded):
    def other_writer():  # would fail "locked" at once if the import held the lock
        conn = sqlite3.connect(seeded, timeout=0)
        conn.execute("UPDATE parties SET note = 'written meanwhile' WHERE code = 'DE'")
        conn.commit()
        conn.close()

    calls = []
    store = Store.open(seeded)
    try:
        store.import_planned(planner(calls, other_writer))
    finally:
        store.close()
    assert len(calls) == 2 and calls[1] == "written meanwhile"  # planned again, inside
    with sqlite3.connect(seeded) as conn:
        notes = dict(conn.execute("SELECT code, note FROM parties WHERE code IN ('DE', 'FR')"))
    assert notes == {"DE": "written meanwhile", "FR": "imported"}


def test_with_no_other_writer_the_import_plans_once(seeded):
    calls = []
    store = Store.open(seeded)
    try:
        before = dump(seeded)
        store.import_planned(planner(calls))
    finally:
        store.close()
    assert len(calls) == 1 and dump(seeded) != before
