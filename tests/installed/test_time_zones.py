"""A date is in the future only when it is after today everywhere on Earth, whatever the
time zone of the machine that judges it; a change never re-judges a value it leaves."""

import subprocess
from datetime import date, timedelta

import pytest

from conftest import dump, installed_command

pytestmark = pytest.mark.installed

KIRITIMATI = "Etc/GMT-14"  # UTC+14, the first place where a day begins
BAKER_ISLAND = "Etc/GMT+12"  # UTC-12, the last


def agreements(env, zone, *args):
    return subprocess.run([*installed_command(), *args], capture_output=True, text=True,
                          env={**env, "TZ": zone}, timeout=60)  # fmt: skip


@pytest.fixture
def env(tmp_path):
    env = {"AGREEMENTS_DB": str(tmp_path / "a.db"), "PATH": "/usr/bin:/bin",
           "HOME": str(tmp_path)}  # fmt: skip
    assert agreements(env, "UTC", "db", "init").returncode == 0
    return env


def first_day_on_earth():
    """Today in UTC+14, as a process there sees it (a test clock such as faketime gives
    each process its time in its own zone)."""
    import sys

    seen = subprocess.run([sys.executable, "-c", "import datetime; print(datetime.date.today())"],
                          capture_output=True, text=True, env={"TZ": KIRITIMATI}, check=True)  # fmt: skip
    return date.fromisoformat(seen.stdout.strip())


def test_a_signing_of_today_in_utc_plus_14_stands_for_an_update_from_utc_minus_12(env):
    day = first_day_on_earth().isoformat()
    added = agreements(env, KIRITIMATI, "add", "Czechia", "--status", "signed",
                       "--signed-on", day, "--source", "https://example.org/cz")  # fmt: skip
    assert added.returncode == 0, added.stderr
    for zone in (BAKER_ISLAND, "UTC", "America/Los_Angeles", KIRITIMATI):
        noted = agreements(env, zone, "update", "Czechia", "--note", f"from {zone}")
        assert noted.returncode == 0, (zone, noted.stderr)
        checked = agreements(env, zone, "check")
        assert (checked.returncode, checked.stdout) == (0, ""), (zone, checked.stdout)


def test_the_day_after_the_first_day_on_earth_is_refused_everywhere(env, tmp_path):
    after = (first_day_on_earth() + timedelta(days=1)).isoformat()
    before = dump(tmp_path / "a.db")
    for zone in (BAKER_ISLAND, "UTC", KIRITIMATI):
        done = agreements(env, zone, "add", "Czechia", "--status", "signed", "--signed-on", after)
        assert done.returncode == 2, (zone, done.stderr)
        assert f"signing date {after} is after today (" in done.stderr
        done = agreements(env, zone, "milestone", "add", "Germany", "in force", "--on", after,
                          "--source", "https://example.org/de")  # fmt: skip
        assert done.returncode == 2, (zone, done.stderr)
    assert dump(tmp_path / "a.db") == before


def test_a_change_leaves_a_date_it_does_not_change_unjudged(env, tmp_path):
    import sqlite3

    with sqlite3.connect(tmp_path / "a.db") as conn:  # a date another program wrote
        conn.execute("UPDATE parties SET signed_on = '2099-01-01' WHERE code = 'DE'")
    done = agreements(env, "UTC", "update", "Germany", "--note", "a typo fixed")
    assert done.returncode == 0, done.stderr
    checked = agreements(env, "UTC", "check")
    assert "Germany (DE): signing date 2099-01-01 is in the future" in checked.stdout
    done = agreements(env, "UTC", "update", "Germany", "--signed-on", "2099-01-02")
    assert done.returncode == 2 and "signing date 2099-01-02 is after today" in done.stderr
