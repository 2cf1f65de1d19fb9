"""`import --bundled` as a three-way merge, run again and against a user's own signing date:
what the user did in between stays, and a field the user and the data disagree on is named
by its own name, with both values."""

from conftest import dump


def test_the_bundled_data_imported_twice_keeps_the_work_done_in_between(run, seeded):
    assert run("import", "--bundled").exit_code == 0
    run("update", "Japan", "--note", "my own note on Japan")
    run("remove", "Latvia", "--yes")
    run("update", "Czechia", "--place", "Prague (my correction)")
    run("pledge", "add", "Italy", "250m", "--currency", "EUR", "--year", "2025",
        "--announced-on", "2025-05-01", "--source", "https://example.org/it")  # fmt: skip
    (first,) = [p for p in run.json("pledge", "list", "GB") if p["amount"] == "2500000000"]
    run("pledge", "remove", str(first["id"]), "--yes")
    before = dump(seeded)
    again = run("import", "--bundled")
    assert again.exit_code == 0, again.output
    assert "0 added, 0 updated, 0 removed" in again.stdout
    # What the data did not change since the first import is no conflict, however the user
    # changed it: only what the user removed is said to be kept so.
    kept = [line for line in again.stdout.splitlines() if line.startswith("keep ")]
    assert kept == [
        "keep Latvia (LV) untracked: it was removed here",
        "keep pledge of United Kingdom removed here: GBP 2.5 bn (2024-04 to 2025-03, military)",
    ], again.stdout
    assert dump(seeded) == before
    assert run.party("JP")["note"] == "my own note on Japan"
    assert run.party("CZ")["place"] == "Prague (my correction)"
    assert "LV" not in {row["code"] for row in run.json("list")}
    assert ("250000000", "EUR") in {
        (p["amount"], p["currency"]) for p in run.json("pledge", "list", "IT")
    }
    assert first["id"] not in {p["id"] for p in run.json("pledge", "list", "GB")}


def test_a_signing_date_the_user_gave_stays_and_the_datas_other_date_is_named(run, seeded):
    """The bundled data says Czechia signed on 2024-07-18 (Woodstock); the user had it as
    signed on the 10th. Their date stays; the line names signed_on, not the status both
    agree on."""
    run("add", "Czechia", "--status", "signed", "--signed-on", "2024-07-10",
        "--source", "https://example.org/cz")  # fmt: skip
    planned = run("import", "--bundled", "--dry-run")
    assert planned.exit_code == 0, planned.output
    lines = planned.stdout.splitlines()
    assert "keep Czechia (CZ) signed_on as changed here: '2024-07-10'; the data now says " \
           "'2024-07-18'" in lines, planned.stdout  # fmt: skip
    assert not [line for line in lines if line.startswith("keep Czechia (CZ) status")]
    assert run("import", "--bundled").exit_code == 0
    cz = run.party("CZ")
    assert (cz["status"], cz["signed_on"], cz["source"]) == (
        "signed", "2024-07-10", "https://example.org/cz",
    )  # fmt: skip
    # The data fills what the user left empty: the place of the signing.
    assert cz["place"].startswith("Blenheim Palace, Woodstock")
