"""Work in proportion: what export writes, import reads, whatever its size; the size limit
of a data file is in bytes."""

import json
import sqlite3

from conftest import assert_refused, dump


def test_a_party_with_600_pledges_goes_out_as_csv_and_comes_back(run, seeded, tmp_path):
    pledges = [{"amount": str(1_000_000 + i), "currency": "EUR", "years": "2024",
                "announced_on": "2024-03-01", "source": f"https://example.org/pledge/{i}",
                "note": "A note long enough to make the cell long. " * 4}
               for i in range(600)]  # fmt: skip
    record = {"code": "DE", "status": "signed", "signed_on": "2024-02-16", "pledges": pledges}
    (tmp_path / "many.json").write_text(json.dumps({"parties": [record]}), encoding="utf-8")
    assert run("import", str(tmp_path / "many.json")).exit_code == 0
    exported = run("export", "-f", "csv").stdout
    assert max(len(line) for line in exported.splitlines()) > 131_072  # csv's default limit
    (tmp_path / "out.csv").write_text(exported, encoding="utf-8")
    other = tmp_path / "other.db"
    done = run("--db", str(other), "import", str(tmp_path / "out.csv"), "--replace")
    assert done.exit_code == 0, done.output

    def ledger(*db):
        return [{k: p[k] for k in ("amount", "currency", "first_year", "source", "note", "value_usd")}
                for p in run.json(*db, "pledge", "list", "DE")]  # fmt: skip

    assert len(ledger()) == 600
    assert ledger("--db", str(other)) == ledger()


def test_the_size_limit_counts_bytes_not_characters(run, seeded, tmp_path):
    """4 million CJK characters are 12 MB of UTF-8: once read, as under 10 million characters."""
    text = json.dumps({"parties": [{"code": "DE", "status": "signed", "note": "中" * 4_000_000}]},
                      ensure_ascii=False)  # fmt: skip
    path = tmp_path / "wide.json"
    path.write_text(text, encoding="utf-8")
    assert len(text) < 10 * 2**20 < path.stat().st_size
    before = dump(seeded)
    assert_refused(run("import", str(path)), 2,
                   f"{path} is larger than 10 MB; no data file of agreements is")  # fmt: skip
    assert_refused(run("import", "-", input=text), 2, "- is larger than 10 MB")
    assert dump(seeded) == before


def test_progress_reads_the_pledges_of_the_counted_parties_alone(run, seeded):
    """progress and show derive their totals from the signed parties in the count: a value
    no read accepts, in a pledge of a party in talks, stops the views that show that
    pledge (list), not those that never read it."""
    assert run("add", "Czechia", "--status", "negotiating").exit_code == 0
    added = run("pledge", "add", "Czechia", "5m", "--currency", "EUR", "--year", "2024",
                "--announced-on", "2024-03-01", "--source", "https://example.org/cz")  # fmt: skip
    assert added.exit_code == 0, added.output
    progress, germany = run.json("progress"), run.json("show", "Germany")
    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE pledges SET announced_on = 'soon' WHERE code = 'CZ'")
    before = dump(seeded)
    assert run.json("progress") == progress
    assert run.json("show", "Germany") == germany
    assert_refused(run("list"), 1, "pledge 20 (CZ): announced_on holds 'soon', which is not a date")
    assert dump(seeded) == before
