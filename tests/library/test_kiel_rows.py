"""Kiel's current layout read row by row (``formats.kiel``), on tables made by hand: what
each row becomes, each reason a row is skipped, and what the read says of the rest. Every
expected value is written out here."""

from datetime import date

from agreements_cli.formats import kiel
from agreements_cli.formats.sheets import Table
from agreements_cli.rules import MAX_NOTE

TODAY = date(2026, 12, 8)
HEADER = ["activity_id", "sub_activity_id", "donor", "announcement_date", "aid_type_general",
          "aid_type_specific", "measure", "explanation", "reporting_currency",
          "source_reported_value", "tot_activity_value", "tot_sub_activity_value",
          "tot_value_deliv_EUR", "earmarked_year"]  # fmt: skip


def row(activity="1", sub="1", donor="Germany", day="2024-02-16", general="Military",
        specific="Grant", measure="Commitment", note="x", currency="EUR", reported=".",
        total=".", value="100", delivered=".", year="."):  # fmt: skip
    return [activity, sub, donor, day, general, specific, measure, note, currency, reported,
            total, value, delivered, year]  # fmt: skip


def read(*rows, tick=None):
    table = Table(HEADER, [(n, r) for n, r in enumerate(rows, start=2)], "a test")
    return kiel.read(table, TODAY, tick)


def skipped(found):
    return [(s.line, s.who, s.why) for s in found.skipped]


def test_the_layouts_are_found_by_their_columns():
    assert kiel.takes(["donor", "announcement_date", "measure"])
    assert kiel.takes(["Countries", "Announcement  Date"])  # (case and spaces folded)
    assert not kiel.takes(["donor", "measure"])
    assert not kiel.takes(["code", "announcement_date"])
    assert kiel.is_current(Table(HEADER, [], ""))
    assert not kiel.is_current(Table(HEADER[:8], [], ""))
    assert kiel.wanted_columns(["x", *HEADER]) == list(range(1, len(HEADER) + 1))
    assert kiel.wanted_columns(["donor", "measure"]) is None


def test_each_row_that_cannot_be_read_is_skipped_with_why():
    found = read(
        row(measure="Pledge"),
        row(activity="2", currency="."),
        row(activity="3", value=".", reported="."),
        row(activity="4", day="2027-01-01"),
        row(activity="5", value="lots"),
        row(activity="6", donor=""),
        row(activity="7", measure="Pledge", delivered="5"),  # (a delivery: read as one)
        row(activity="8", currency="USD"),
        row(activity="8", sub="2", currency="EUR"),
        row(activity="9", delivered="many"),
    )
    assert skipped(found) == [
        (2, "Germany", "its measure 'Pledge' is neither Commitment nor Allocation"),
        (3, "Germany", "no currency stated (unknown, not 0)"),
        (4, "Germany", "no amount stated (unknown, not 0)"),
        (5, "Germany", "announcement date 2027-01-01 is after today (2026-12-08): only what has "
                       "happened can be recorded"),
        (6, "Germany", "amount 'lots' is not a number. Write it like 2500000000, 2.5e9, 2.5bn or "
                       "7.1 billion"),
        (7, "", "no donor stated"),
        (10, "Germany", "activity 8 is in USD, this row in EUR"),
        (11, "Germany", "its delivered value: amount 'many' is not a number. Write it like "
                        "2500000000, 2.5e9, 2.5bn or 7.1 billion"),
    ]  # fmt: skip
    assert [(f.line, f.delivery.measure if f.delivery else "pledge") for f in found.figures] == [
        (8, "delivered"), (9, "pledge"), (11, "pledge"),
    ]  # fmt: skip
    assert found.rows == 10


def test_a_sub_activity_counts_once_and_the_activity_s_total_is_checked():
    found = read(
        row(value="300", total="500", delivered="40"),
        row(sub="2", value="200", total="500"),
        row(measure="Allocation", value="250", total="999", delivered="40"),
        row(activity="2", value=".", reported="70"),  # (the source's value when no other)
    )
    pledges = [(f.pledge.code, f.pledge.amount) for f in found.figures if f.pledge]
    assert pledges == [("DE", "500"), ("DE", "70")]
    done = [(f.delivery.measure, f.delivery.amount) for f in found.figures if f.delivery]
    assert done == [("delivered", "40"), ("allocated", "250")]
    assert found.notes == [
        "activity 1 (Germany): its sub-activities add up to 250 EUR, its total says 999; the "
        "sub-activities are taken"
    ]


def test_the_figures_of_one_line_come_committed_allocated_delivered():
    found = read(row(measure="Allocation", delivered="9"))
    assert [f.delivery.measure for f in found.figures] == ["allocated", "delivered"]


def test_what_a_row_says_of_its_kind_instrument_year_and_note():
    long = "y" * (MAX_NOTE + 10)
    found = read(
        row(specific="ERA Loan", general="Financial", year="2025"),
        row(activity="2", specific="Swap line", general="Other", year="2101"),
        row(activity="3", specific=".", year="soon", note=long),
        row(activity="4", specific="Swap line", measure="Allocation", general="Humanitarian"),
    )
    pledges = [f.pledge for f in found.figures if f.pledge]
    assert [(p.instrument, p.kind, p.first_year) for p in pledges] == [
        ("loan", "financial", 2025), (None, "unspecified", 2024), (None, "military", 2024),
    ]  # fmt: skip
    assert len(pledges[2].note) == MAX_NOTE and pledges[2].note.endswith("…")
    assert pledges[0].note == "Kiel Institute, activity 1: x"
    assert pledges[0].source == kiel.SOURCE
    (figure,) = [f.delivery for f in found.figures if f.delivery]
    assert (figure.kind, figure.instrument, figure.reporter, figure.stated_on) == (
        "humanitarian", None, "tracker", "2024-02-16"
    )  # fmt: skip
    assert found.unmapped == {"Swap line": 2}


def test_donors_are_named_once_each_and_counted():
    found = read(row(donor="NATO (CAP)"), row(activity="2", donor="NATO (CAP)"),
                 row(activity="3", donor="EU (Commission and Council)"), row(activity="4", donor="NA"))  # fmt: skip
    assert found.unknown_donors == {"NATO (CAP)": 2}
    assert [f.pledge.code for f in found.figures] == ["EU", "NA"]


def test_a_row_without_an_activity_is_its_own():
    found = read(row(activity="."), row(activity="."))
    assert [f.pledge.amount for f in found.figures] == ["100", "100"]
    assert found.figures[0].pledge.note == "Kiel Institute, activity line 2: x"


def test_an_activity_that_adds_up_to_too_much_is_skipped_at_its_first_row():
    found = read(row(value="900000000000000"), row(sub="2", value="900000000000000"))
    assert found.figures == []
    assert skipped(found) == [(2, "Germany", skipped(found)[0][2])]
    assert "too large" in skipped(found)[0][2]


def test_the_read_says_how_far_it_has_got():
    heard = []
    read(*[row(activity=str(n)) for n in range(1001)], tick=lambda *a: heard.append(a))
    assert heard == [("Checking", 0, 1001), ("Checking", 1000, 1001), ("Checking", 1001, 1001)]


def test_a_note_and_a_year_at_their_limits():
    head = "Kiel Institute, activity 1: "
    exact = "y" * (MAX_NOTE - len(head))
    found = read(row(note=exact, year="1991"), row(activity="2", note=".", year="2100"),
                 row(activity="3", note=exact + "y", year="2101"))  # fmt: skip
    notes = [f.pledge.note for f in found.figures]
    assert notes[0] == head + exact and len(notes[0]) == MAX_NOTE
    assert notes[1] == "Kiel Institute, activity 2"
    assert notes[2] == (head.replace("1", "3") + exact)[: MAX_NOTE - 1] + "…"
    assert [f.pledge.first_year for f in found.figures] == [1991, 2100, 2024]


def test_a_figure_done_cites_the_tracker_and_states_no_kind_it_does_not_give():
    (figure,) = [f.delivery for f in read(row(measure="Allocation", general=".")).figures]
    assert (figure.source, figure.note, figure.kind) == (
        kiel.SOURCE, "Kiel Institute, activity 1: x", None
    )  # fmt: skip


def test_the_plan_of_a_release_names_what_it_leaves_out():
    from collections import Counter

    from agreements_cli.planning.pledgesheet import plan_kiel
    from agreements_cli.records import Party

    germany = Party(code="DE", country="Germany", kind="state", status="signed", counted=True)
    found = read(
        row(measure="Allocation", donor="Taiwan"),
        row(activity="2", measure="Allocation", donor="Taiwan"),
        row(activity="3", donor="Taiwan"),
        row(activity="4", measure="Allocation"),
        row(activity="5", measure="Allocation"),  # (the same figure as activity 4's)
    )
    unknown = Counter({f"Donor {n}": 1 for n in range(11)} | {"NATO (CAP)": 2})
    found = found._replace(unknown_donors=unknown)
    planned = plan_kiel(found, {"DE": germany}, {}, [])
    assert [c.entity for c in planned.changes] == ["delivery"]
    assert (planned.figures, planned.figures_matched) == (1, 1)
    # Activities 4 and 5 give the same figure (same day, measure, reporter, amount): once.
    assert planned.lines == [
        "skip Taiwan (TW), not tracked: 1 line (4)",
        "add delivery figure of Germany (DE): EUR 100 allocated (2024-02-16, military, tracker)",
        "skip 2 figures done of Taiwan (TW), not tracked",
        "skip 13 rows of donors agreements cannot name: NATO (CAP) (2 rows), Donor 0 (1 row), "
        "Donor 1 (1 row), Donor 2 (1 row), Donor 3 (1 row), Donor 4 (1 row), Donor 5 (1 row), "
        "Donor 6 (1 row), Donor 7 (1 row), Donor 8 (1 row), and 2 more",
        "Read in euros: allocated EUR 200",
    ]
    assert planned.skipped == 1 + 13  # (Taiwan's pledge, and the donors it cannot name)
    one = plan_kiel(read(row(measure="Allocation", donor="Taiwan")), {"DE": germany}, {}, [])
    assert one.lines == ["skip 1 figure done of Taiwan (TW), not tracked", "Read in euros: nothing"]
    single = plan_kiel(found._replace(unknown_donors=Counter({"X": 1})), {"DE": germany}, {}, [])
    assert "skip 1 row of donors agreements cannot name: X (1 row)" in single.lines
