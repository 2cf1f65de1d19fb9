"""The views people read, laid out in process from rows written here by hand: each width's
layout, each empty case, the money by year, the change log, the timeline and db info.

The figures are round so that their text can be read off the row: usd_figure(3_000_000_000)
is "3 bn", 500_000_000 is "500 m". Codes: 1 bold, 2 dim, 3 italic, 32 green, 33 yellow,
36 cyan; ESC[0m ends a style.
"""

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from agreements_cli import wording
from agreements_cli.records import (
    Described,
    Entry,
    Milestone,
    Month,
    Party,
)
from agreements_cli.render import history, lists, machine
from agreements_cli.render import progress as progress_views
from agreements_cli.render import views as render

from conftest import END, ITAL, YEAR, B, C, D, G, Y, listed, progress

# The views take records; the rows here are written by hand as dicts, read as records.


def entries(milestones: list[dict]) -> list[Entry]:
    return [Entry(Milestone.from_row({"code": "CZ", **m})) for m in milestones]


def described(event: dict) -> Described:
    return Described(**{"id": 1, "code": "CZ", "entity": "party", **event})


def parties_view(rows, title, width):
    return lists.parties_view([listed(row) for row in rows], title, width, YEAR)


def status_text(row):
    return wording.status_text(listed(row))


def money_view(summary, width):
    return progress_views.money_view(progress(summary), width)


def progress_view(summary, width, **options):
    return progress_views.progress_view(progress(summary), width, **options)


def progress_bar(summary, width):
    return progress_views.progress_bar(progress(summary), width)


def progress_flat(summary):
    return machine.progress_flat(progress(summary))


def history_view(events, width):
    return history.history_view([history.HistoryLine(**event) for event in events], width)


def milestones_view(milestones, title):
    return lists.milestones_view(entries(milestones), title)


def party_view(row, pledges, milestones, events, width):
    history = [described(event) for event in events]
    return lists.party_view(Party.from_row(row), pledges, entries(milestones), history, width)


def party_fields(row):
    return lists.party_fields(Party.from_row(row))


def timeline_chart(series, width, data):
    return history.timeline_chart([Month(**point) for point in series], width, data)


def show(renderable, width: int, colour: bool = False, strip: bool = True) -> list[str]:
    """What a terminal of ``width`` columns shows, a line each."""
    console = Console(
        width=width,
        file=io.StringIO(),
        force_terminal=colour,
        color_system="standard" if colour else None,
        highlight=False,
        emoji=False,
    )
    console.print(renderable, crop=False)
    lines = console.file.getvalue().split("\n")[:-1]
    return [line.rstrip() for line in lines] if strip else lines


def words(lines: list[str]) -> str:
    """The lines as one text, however they wrapped."""
    return " ".join(" ".join(lines).split())


# ------------------------------------------------------------------ the list

PARTY = {
    "code": "CZ", "country": "Czechia", "status": "negotiating", "counted": True,
    "signed_on": None, "place": "Prague", "amount": None, "currency": None, "period": None,
    "per_year": False, "value_usd": None, "pledge_count": 0, "stage": "text agreed",
    "stage_on": "2024-06-01", "source": "https://example.org/cz",
}  # fmt: skip
SIGNED = {
    **PARTY, "code": "SE", "country": "Sweden", "status": "signed", "signed_on": "2024-03-01",
    "place": "Stockholm", "amount": "500000000", "currency": "USD", "period": "2024",
    "value_usd": 500_000_000, "pledge_count": 1, "stage": None, "stage_on": None,
}  # fmt: skip


def test_a_narrow_list_is_a_block_a_party():
    assert show(parties_view([SIGNED, PARTY], "2 tracked parties", 71), 71) == [
        "2 tracked parties",
        "Sweden (SE)  signed 2024-03-01",
        "  Stockholm",
        "  grants with the agreement, 2024: USD 500 m",
        "Czechia (CZ)  negotiating · text agreed 2024-06-01",
        "  Prague",
        "  none stated for 2024",
    ]


def test_a_narrow_list_in_colour():
    lines = show(parties_view([SIGNED, PARTY], "2 tracked parties", 60), 60, colour=True)
    assert lines == [
        f"{ITAL}2 tracked parties{END}",
        # the head line is bold throughout, its status in its colour too
        f"{B}Sweden (SE)  {END}\x1b[1;32msigned{END}{B} 2024-03-01{END}",
        "  Stockholm",
        "  grants with the agreement, 2024: USD 500 m",
        f"{B}Czechia (CZ)  {END}\x1b[1;33mnegotiating · text agreed 2024-06-01{END}",
        "  Prague",
        f"  {D}none stated for 2024{END}",
    ]


def test_a_party_without_a_place_has_no_place_line():
    lines = show(parties_view([{**PARTY, "place": None}], "1 tracked party", 60), 60)
    assert lines == [
        "1 tracked party",
        "Czechia (CZ)  negotiating · text agreed 2024-06-01",
        "  none stated for 2024",
    ]


@pytest.mark.parametrize("width", [60, 120])
def test_an_empty_list_says_no_party_matches(width):
    lines = show(parties_view([], "0 planned parties", width), width)
    assert lines[0] == "0 planned parties"
    assert lines[-1].strip() == "No parties match."
    assert sum("No parties match." in line for line in lines) == 1


def test_the_list_table_puts_the_stage_under_the_status():
    lines = show(parties_view([SIGNED, PARTY], "2 tracked parties", 120), 120)
    # The money column says what it holds, and for which year.
    assert [line[-16:] for line in lines[2:5]] == [
        "   Grants with ┃",
        " the agreement ┃",
        "     2024, USD ┃",
    ]
    assert lines[6] == (
        "│ Sweden  │ signed                 │ 2024-03-01 │ Stockholm │         500 m │"
    )
    assert lines[7] == (
        "│ Czechia │ negotiating ·          │            │ Prague    │   none stated │"
    )
    assert lines[8].startswith("│         │ text agreed 2024-06-01 │            │")
    # The note under it reads from its left edge.
    assert lines[10].startswith("Each party's figures for 2024 in USD")


def test_write_csv_leaves_a_missing_or_empty_field_empty():
    out = io.StringIO()
    machine.write_csv([{"a": None, "b": True, "c": 0}], ["a", "b", "c", "d"], out)
    assert out.getvalue() == "a,b,c,d\n,true,0,\n"


# ------------------------------------------------------------------ progress

SUMMARY = {
    "goal": 32, "signed": 23, "negotiating": 1, "planned": 1, "untracked": 7,
    "percent_signed": 71.9, "as_of": None, "data_as_of": "2024-07-15",
    "signed_outside_count": 0, "outside_count": [], "goal_basis": "the stated goal",
    "year": 2024, "value_usd": 3_000_000_000, "signed_with_value": 2, "signed_without_value": 1,
    "reported_value_usd": 38_000_000_000, "reported_value_as_of": "2024-07-15",
    "reported_value_source": "https://example.org/total",
    "pledged_by_year": [
        # 2024: USD 1.5 bn of grants with the agreements, 0.5 bn of later grants, a loan of 1 bn.
        {"year": 2024, "value_usd": 3_000_000_000, "spread_value_usd": 1_000_000_000,
         "by_kind": {"military": 2_000_000_000, "financial": 1_000_000_000},
         "parties_with_value": 2, "parties_without_value": 1,
         "grant_value_usd": 2_000_000_000, "loan_value_usd": 1_000_000_000,
         "other_grant_value_usd": 500_000_000, "loan_and_guarantee_value_usd": 1_000_000_000,
         "tied_value_usd": 2_500_000_000, "later_value_usd": 500_000_000,
         "tied_grant_value_usd": 1_500_000_000, "value_eur": 2_700_000_000,
         "tied_grant_value_eur": 1_350_000_000, "partial": False,
         "parties_signed_by_year_end": 3},
        # 2025: one party of three states a figure: partial.
        {"year": 2025, "value_usd": 500_000_000, "spread_value_usd": 0,
         "by_kind": {"humanitarian": 500_000_000},
         "parties_with_value": 1, "parties_without_value": 2,
         "grant_value_usd": 500_000_000, "other_grant_value_usd": 500_000_000,
         "later_value_usd": 500_000_000,
         "value_eur": 450_000_000, "partial": True, "parties_signed_by_year_end": 3},
    ],
}  # fmt: skip


def test_money_by_year_narrow_is_a_line_a_year():
    lines = show(money_view(SUMMARY, 60), 60)
    assert words(lines).startswith(
        "USD pledged per year by the signed parties in the official count: "
        "2024: grants with the agreements 1.5 bn; other grants 500 m; loans, guarantees 1 bn; "
        "stating / signed 2 / 3; reported (about) 38 bn "
        "2025*: other grants 500 m; stating / signed 1 / 3 "
        "Grants with the agreements: stated in or with them; other grants: later budget lines "
        "their sources do not tie to them. A blank: no party states a figure of that sort."
    )
    # (2025: no party states a grant with the agreements; unknown is not said as 0)
    assert lines[2].startswith("  2024: ") and lines[5].startswith("  2025*: ")
    # A partial year is said to be partial, beside every figure of it.
    assert "* partial: fewer than half the parties signed by the end of the year" in words(lines)


def test_money_by_year_narrow_in_colour():
    lines = show(money_view(SUMMARY, 60), 60, colour=True)
    assert lines[0] == f"{ITAL}USD pledged per year by the signed parties in the official {END}"
    assert lines[1] == f"{ITAL}count:{END}"
    assert lines[2] == "  2024: grants with the agreements 1.5 bn; other grants 500"


def test_money_by_year_wide_is_a_table():
    lines = show(money_view(SUMMARY, 100), 100)
    assert lines[0] == "USD pledged per year by the signed parties in the official count"
    assert lines[2] == "┃       ┃     Grants ┃        ┃            ┃          ┃          ┃"
    assert lines[3] == "┃       ┃   with the ┃  Other ┃     Loans, ┃  Stating ┃ Reported ┃"
    assert lines[4] == "┃  Year ┃ agreements ┃ grants ┃ guarantees ┃ / signed ┃  (about) ┃"
    assert lines[6] == "│  2024 │     1.5 bn │  500 m │       1 bn │    2 / 3 │    38 bn │"
    # Loans never in the grants' columns, and no column adds them up; the partial year
    # marked; a sort no party states is blank, never 0.
    assert lines[7] == "│ 2025* │            │  500 m │            │    1 / 3 │          │"
    # The note says what the columns shown mean, and reads from the left.
    assert lines[9] == "Grants with the agreements: stated in or with them; other grants:"
    assert "All" not in " ".join(lines) and "3 bn" not in " ".join(lines)


def test_money_by_year_is_a_table_only_where_no_word_is_cut():
    # Below 66 columns Rich would cut 'agreements' in two: a line a year instead.
    assert not any("┃" in line for line in show(money_view(SUMMARY, 65), 65))
    lines = show(money_view(SUMMARY, 66), 66)
    assert "┃" in lines[3] and all(len(line) <= 66 for line in lines)


def test_a_column_no_year_has_a_figure_in_is_left_out():
    lines = show(money_view(SUMMARY, 120), 120)
    assert "Instrument" not in " ".join(lines)  # every figure's instrument is stated
    assert "instrument not stated:" not in words(lines)  # nor is a column not shown explained
    unstated = {
        **SUMMARY,
        "pledged_by_year": [
            {**SUMMARY["pledged_by_year"][0], "unstated_instrument_value_usd": 250_000_000}
        ],
    }
    lines = show(money_view(unstated, 120), 120)
    assert "Instrument" in lines[3] and "250 m" in lines[6]
    assert "instrument not stated: figures whose instrument" in words(lines)


def test_a_table_fits_from_its_longest_word_to_its_whole_width():
    from rich.table import Table

    table = Table()  # a column, its padding of 1 each side and 2 edges: text + 4
    render.add_wrapping_column(table, "Alpha", ["one two three"])
    table.add_row("one two three")
    # 'three' and 'Alpha' are the longest words (5): 9 columns at least; whole on one line,
    # 'one two three' (13): 17.
    assert [render.fits(table, width) for width in (8, 9, 10, 16, 17, 18)] == [
        False, True, True, True, True, True,
    ]  # fmt: skip
    assert show(table, 9) == [
        "┏━━━━━━━┓", "┃ Alpha ┃", "┡━━━━━━━┩", "│ one   │", "│ two   │", "│ three │", "└───────┘",
    ]  # fmt: skip


def test_the_data_date_unknown_is_said():
    assert wording.dated(None, None) == "data date unknown"
    assert wording.dated("2024-03-01", None) == "as of 2024-03-01 (data date unknown)"
    assert wording.dated("2024-03-01", "2024-03-01") == "as of 2024-03-01"
    assert wording.dated("2024-03-01", "2024-02-16") == "as of 2024-03-01 (data as of 2024-02-16)"


def test_a_reported_total_without_a_date_or_figure_is_beside_no_year():
    for missing in ({"reported_value_as_of": None}, {"reported_value_usd": None}):
        text = "\n".join(show(money_view({**SUMMARY, **missing}, 72), 72))
        assert "about" not in text


def test_money_by_year_with_no_year_says_so():
    empty = {**SUMMARY, "pledged_by_year": []}
    for width in (60, 120):
        assert show(money_view(empty, width), width) == [
            "No signed party in the official count states a pledge."
        ]


def test_more_parties_than_the_goal_fill_the_bar_and_no_more():
    summary = {**SUMMARY, "goal": 20, "signed": 23, "negotiating": 1, "planned": 1}
    assert show(progress_bar(summary, 120), 120)[0] == "█" * 40 + " 23/20"


def test_progress_grid_and_source_in_colour():
    lines = show(progress_view(SUMMARY, 100), 100, colour=True)
    assert lines[0] == (
        f"{B}Security agreements: 23 of 32 signed (71.9%), data as of 2024-07-15{END}"
    )
    # The legend: each sign in its colour in the bar.
    assert lines[2] == (
        f"{G}█{END}{D} signed  {END}{Y}▓{END}{D} negotiating  {END}{C}▒{END}{D} planned  {END}"
        f"{D}░{END}{D} rest of the goal{END}"
    )
    assert lines[6] == "Not yet tracked   7"
    assert lines[7].startswith(f"Goal             32  {D}the stated goal  ")
    assert lines[-2] == f"{D}Source of the reported total:{END}"


def test_the_picture_says_the_day_it_was_made():
    from datetime import date

    plain = show(progress_view(SUMMARY, 100, made_on=date(2024, 7, 20)), 100)
    assert plain[-1] == "Made on 2024-07-20 with agreements."
    coloured = show(progress_view(SUMMARY, 100, made_on=date(2024, 7, 20)), 100, True)
    assert coloured[-1] == f"{D}Made on 2024-07-20 with agreements.{END}"


def test_progress_flat_lists_parties_outside_the_count_and_the_years():
    summary = {
        **SUMMARY,
        "outside_count": [
            {"code": "EU", "country": "European Union", "status": "signed"},
            {"code": "NL", "country": "Netherlands", "status": "negotiating"},
        ],
    }
    flat = progress_flat(summary)
    assert flat["outside_count"] == "European Union (signed); Netherlands (negotiating)"
    # The grants tied to the agreements (not the loan, nor 2025's later grant), and who
    # states a figure: 2025 is partial.
    assert flat["pledged_by_year"] == (
        "2024: 1500000000 in grants with the agreements (2 of 3 parties state a figure); "
        "2025: unknown in grants with the agreements (partial: 1 of 3 parties state a figure)"
    )
    assert flat["goal"] == 32 and list(flat) == list(progress(summary).as_dict())


# ------------------------------------------------------------------ history

EVENTS = [
    {"recorded_at": "2024-07-15T10:20:30+00:00", "effective_on": "2024-07-01",
     "country": "Czechia", "action": "update", "changes": "status planned -> negotiating"},
    {"recorded_at": "2024-07-14T09:05:00+00:00", "effective_on": "2024-06-20",
     "country": "Czechia", "action": "add", "changes": ""},
]  # fmt: skip


EVENTS_TABLE_ROW = (
    "│ 2024-07-15 10:20 │ 2024-07-01 │ Czechia │ update │ status planned -> negotiating │"
)


def test_the_change_log_as_a_table():
    lines = show(history_view(EVENTS, 100), 100)
    assert lines[0] == "2 changes, newest first"
    assert lines[4] == (
        "│ 2024-07-15 10:20 │ 2024-07-01 │ Czechia │ update │ status planned -> negotiating │"
    )
    assert (
        lines[5]
        == "│ 2024-07-14 09:05 │ 2024-06-20 │ Czechia │ add    │                               │"
    )


def test_the_change_log_as_blocks():
    assert show(history_view(EVENTS[:1], 89), 89) == [
        "1 change, newest first",
        "Czechia · update",
        "  effective 2024-07-01, recorded 2024-07-15 10:20",
        "  status planned -> negotiating",
    ]
    lines = show(history_view(EVENTS, 60), 60, colour=True)
    assert lines[0] == f"{ITAL}2 changes, newest first{END}"
    assert lines[4] == f"{B}Czechia · add{END}"
    assert lines[5] == "  effective 2024-06-20, recorded 2024-07-14 09:05"
    assert len(lines) == 6  # an add changes no field


def test_a_table_too_wide_for_the_terminal_becomes_blocks():
    long = [{**EVENTS[0], "changes": "note " + "x" * 120}]
    lines = show(history_view(long, 100), 100)
    assert lines[1] == "Czechia · update"


# ------------------------------------------------------------------ one party

MILESTONES = [
    {"id": 1, "happened_on": "2024-05-01", "step": "talks opened", "document": None,
     "note": "", "source": "https://example.org/a"},
    {"id": 2, "happened_on": "2024-06-01", "step": "text agreed", "document": "agreement",
     "note": "a note", "source": "https://example.org/b"},
]  # fmt: skip


def test_milestones_show_the_document_and_a_note():
    assert show(milestones_view(MILESTONES, "2 milestones"), 100) == [
        "2 milestones",
        "2024-05-01  talks opened  (id 1)",
        "  https://example.org/a",
        "2024-06-01  agreement: text agreed  (id 2)",
        "  a note",
        "  https://example.org/b",
    ]
    assert show(milestones_view([], "0 milestones"), 100)[1] == "No milestones."


RAW_EVENTS = [
    {**EVENTS[0], "entity": "party", "changes": {"status": ["planned", "negotiating"]}},
    {**EVENTS[1], "entity": "party", "changes": {}},
]


def test_a_party_in_full_with_milestones_and_no_pledges():
    row = {**PARTY, "kind": "state", "note": None, "count_reason": None, "count_source": None}
    lines = show(party_view(row, [], MILESTONES, RAW_EVENTS, 100), 100)
    assert lines[:9] == [
        "Code            CZ",
        "Country         Czechia",
        "Kind            state",
        "Status          negotiating",
        "Official count  counted toward the goal",
        "Signed on",
        "Place           Prague",
        "Source          https://example.org/cz",
        "Note",
    ]
    assert lines[9:13] == [
        "",
        "0 pledges, by announcement date",
        "No pledges: the amount is unknown, not 0.",
        "",
    ]
    assert lines[13] == "2 milestones, oldest first"
    assert lines[19] == "" and lines[20] == "2 changes, newest first"
    assert lines[24] == EVENTS_TABLE_ROW
    one = show(party_view(row, [], MILESTONES[:1], RAW_EVENTS[:1], 100), 100)
    assert one[13] == "1 milestone, oldest first" and one[17] == "1 change, newest first"


def test_a_party_outside_the_count_says_why_and_where_from():
    row = {**PARTY, "kind": "union", "note": None, "counted": False,
           "count_reason": "not a state", "count_source": None}  # fmt: skip
    assert ("Official count", "outside it: not a state") in party_fields(row)
    sourced = party_fields({**row, "count_source": "https://example.org/why"})
    assert ("Official count", "outside it: not a state (https://example.org/why)") in sourced


# ------------------------------------------------------------------ timeline

SERIES = [
    {"month": "2024-01", "goal": 4, "total": 1, "signed": 1, "parties": ["United Kingdom"],
     "outside_count": []},
    {"month": "2024-02", "goal": 4, "total": 3, "signed": 2, "parties": ["France", "Germany"],
     "outside_count": ["European Union"]},
    {"month": "2024-03", "goal": 4, "total": 3, "signed": 0, "parties": [],
     "outside_count": ["NATO"]},
]  # fmt: skip


def test_the_timeline_wide():
    # A goal of 4 under 40 cells: the bar is 10 cells, 2.5 a party.
    lines = show(timeline_chart(SERIES, 100, "data as of 2024-03-31"), 100)
    assert lines == [
        "Signings by month, running total against the goal of 4, data as of 2024-03-31",
        "Month    Running total       Signed that month",
        "2024-01  ██········     1/4  +1 United Kingdom",
        "2024-02  ████████··     3/4  +2 France, Germany; European Union outside the official count",
        "2024-03  ████████··     3/4  NATO outside the official count",
    ]


def test_the_timeline_narrow_in_colour():
    lines = show(timeline_chart(SERIES, 71, "data as of 2024-03-31"), 71, colour=True)
    assert lines[:2] == [
        f"{ITAL}Signings by month, running total against the goal of 4, data as of {END}",
        f"{ITAL}2024-03-31{END}",
    ]
    # 2.5 cells a party, rounded half to even: 1 -> 2 cells, 3 -> 8 of 10.
    assert lines[2] == "2024-01 \x1b[1;32m██\x1b[0m\x1b[2m········\x1b[0m 1/4"
    assert lines[3] == "  +1 United Kingdom"
    assert lines[4] == "2024-02 \x1b[2;32m██\x1b[0m\x1b[1;32m██████\x1b[0m\x1b[2m··\x1b[0m 3/4"
    assert lines[5] == "  +2 France, Germany; European Union outside the official count"
    assert lines[6] == "2024-03 \x1b[2;32m████████\x1b[0m\x1b[2m··\x1b[0m 3/4"
    assert lines[7:] == ["  NATO outside the official count"]


def test_a_running_total_past_the_goal_sets_the_scale():
    over = [{**SERIES[0], "goal": 2, "total": 3, "signed": 3, "parties": ["A", "B", "C"]}]
    lines = show(timeline_chart(over, 100, "data"), 100)
    assert lines[-2:] == [
        "Month    Running total       Signed that month",
        "2024-01  ██████████     3/2  +3 A, B, C",
    ]


def test_a_timeline_without_signings_says_so():
    assert show(timeline_chart([], 100, "data"), 100) == ["No signed party has a signing date yet."]


# ------------------------------------------------------------------ db info

INFO = {
    "path": "/data/my agreements.db", "size_bytes": 118784, "schema": 7,
    "migrations_applied": 7, "migrations_known": 7, "parties": 2,
    "by_status": {"signed": 1, "negotiating": 1}, "events": 3, "milestones": 0, "pledges": 1, "terms": 0,
    "deliveries": 0, "last_change": None, "snapshot": None, "data_as_of": None, "goal": 32,
}  # fmt: skip


def test_db_info_of_a_database_without_changes_or_dates():
    assert show(history.info_view(INFO), 100) == [
        "File           /data/my agreements.db",
        "Size           118,784 bytes",
        "Schema         7 (7 of 7 migrations)",
        "Parties        2: 1 signed, 1 negotiating",
        "Change log     3 events",
        "Milestones     0",
        "Pledges        1",
        "Terms          0",
        "Figures done   0",
        "Last change    none",
        "Data snapshot  unknown",
        "Data as of     unknown",
        "Goal           32",
    ]


def test_db_info_path_is_whole_bold_and_no_link():
    lines = show(history.info_view({**INFO, "path": "/data/" + "x" * 60 + " y.db"}), 40, True)
    assert lines[0] == f"{B}File           /data/{'x' * 60} y.db{END}"
    assert len(lines) == 14


# ------------------------------------------------------------------ narrow terminals


def nospace(lines: list[str]) -> str:
    return "".join("".join(lines).split())


def test_a_narrow_progress_keeps_its_labels_and_folds_long_words():
    lines = show(progress_view({**SUMMARY, "goal_basis": "Averyveryverylongword"}, 24), 24)
    assert lines[7:11] == [
        "Signed           23",
        "Negotiating       1",
        "Planned           1",
        "Not yet tracked   7",
    ]
    assert lines[11] == "Goal             32  Ave"
    assert "…" not in "".join(lines) and "Averyveryverylongword" in nospace(lines)


def test_a_goal_given_for_the_run_has_no_basis_beside_it():
    lines = show(progress_view({**SUMMARY, "goal": 20, "goal_basis": None}, 100), 100)
    assert "Goal             20" in lines


def test_a_narrow_db_info_keeps_its_labels_and_folds_long_words():
    info = {**INFO, "snapshot": "2024-07-15-abcdefghijklmnopqrstuvwxyz"}
    lines = show(history.info_view(info), 24)
    at = lines.index("Data snapshot  2024-07-1")
    assert lines[at + 1] == "               5-abcdefg"
    assert lines[at - 3 : at] == ["Terms          0", "Figures done   0", "Last change    none"]
    assert "…" not in "".join(lines) and "2024-07-15-abcdefghijklmnopqrstuvwxyz" in nospace(lines)


def test_a_narrow_party_keeps_its_labels_and_folds_long_words():
    row = {**PARTY, "kind": "state", "note": "Averyveryverylongword", "count_reason": None,
           "count_source": None}  # fmt: skip
    lines = show(party_view(row, [], [], [], 20), 20)
    assert lines[:3] == ["Code            CZ", "Country         Czec", "                hia"]
    assert lines[5] == "Status          nego"
    assert "Official count  coun" in lines and "Note            Aver" in lines
    assert "…" not in "".join(lines) and "Averyveryverylongword" in nospace(lines)


def test_a_narrow_timeline_bar_takes_the_width_less_15_and_at_least_10():
    # 8 of a goal of 32: a quarter of the bar, rounded half to even.
    series = [{**SERIES[0], "goal": 32, "total": 8, "signed": 8}]
    assert "2024-01 ████··········· 8/32" in show(timeline_chart(series, 30, "d"), 30)
    assert "2024-01 ██········" in show(timeline_chart(series, 20, "d"), 20)
    assert "2024-01 ██········ 8/32" in show(timeline_chart(series, 25, "d"), 25)


def test_a_table_title_is_on_the_left_padded_to_the_table():
    lines = show(history_view(EVENTS, 100), 100, colour=True, strip=False)
    assert lines[0] == f"{ITAL}2 changes, newest first{' ' * 61}{END}"  # 84 columns wide
    assert len(show(history_view(EVENTS, 100), 100)[1]) == 84
    lines = show(money_view(SUMMARY, 100), 100, colour=True, strip=False)
    title = "USD pledged per year by the signed parties in the official count"
    assert len(title) == 64 and show(money_view(SUMMARY, 100), 100)[0] == title  # on one line
    assert len(show(money_view(SUMMARY, 100), 100)[1]) == 66
    assert lines[0] == f"{ITAL}{title}  {END}"  # the table is 66 wide
    lines = show(parties_view([SIGNED, PARTY], "2 tracked parties", 120), 120, True, False)
    assert lines[0] == f"{ITAL}2 tracked parties{' ' * 60}{END}"  # 77 columns wide
    lines = show(timeline_chart(SERIES, 100, "data as of 2024-03-31"), 100, True, False)
    assert lines[0].startswith(f"{ITAL}Signings by month,")
    assert lines[0].endswith(f"data as of 2024-03-31{' ' * 13}{END}")  # 90 columns wide


def test_a_source_is_one_whole_line_however_narrow_even_with_spaces_in_it():
    # A source another program wrote may hold spaces; it is still not wrapped or cut.
    source = "https://example.org/" + "a-long-path " * 5
    lines = show(milestones_view([{**MILESTONES[0], "source": source}], "1"), 30)
    assert "  " + source.rstrip() in lines


def point(month, goal, total, signed, parties=(), outside=()):
    return {"month": month, "goal": goal, "total": total, "signed": signed,
            "parties": list(parties), "outside_count": list(outside)}  # fmt: skip


def test_the_timeline_bar_is_at_most_40_cells_and_scales_to_the_last_total():
    big = [point("2024-01", 50, 25, 25, ["A"])]  # half of 40 cells, not of 50
    assert show(timeline_chart(big, 100, "d"), 100)[2] == (
        "2024-01  " + "█" * 20 + "·" * 20 + "  25/50  +25 A"
    )
    # A goal of 12 and a last total of 14: 14 cells; 5 of 12 is 5.83 of them, so 6.
    series = [point("2024-01", 12, 5, 5, ["A"]), point("2024-02", 12, 13, 8, ["B"]),
              point("2024-03", 12, 14, 1, ["C"])]  # fmt: skip
    lines = show(timeline_chart(series, 100, "d"), 100)
    assert lines[-3] == "2024-01  " + "█" * 6 + "·" * 8 + "   5/12  +5 A"
    assert lines[-1] == "2024-03  " + "█" * 14 + "  14/12  +1 C"


def test_the_timeline_names_each_party_outside_the_count_and_folds_a_long_name():
    series = [point("2024-01", 4, 1, 1, ["X" * 70], ["European Union", "NATO"])]
    lines = show(timeline_chart(series, 80, "d"), 80)
    assert "…" not in "".join(lines)
    assert "X" * 70 + ";EuropeanUnion,NATOoutsidetheofficialcount" in nospace(lines)


def test_the_change_log_table_keeps_names_whole_and_wraps_changes_between_words():
    bosnia = [{**EVENTS[0], "country": "Bosnia and Herzegovina"}]
    assert show(history_view(bosnia, 90), 90)[4] == (
        "│ 2024-07-15 10:20 │ 2024-07-01 │ Bosnia and Herzegovina │ update │ status planned ->    │"
    )
    long = [{**bosnia[0], "changes": "note of " + "word " * 12 + "Averyveryverylongword25xx and"}]
    for width in range(90, 111):
        lines = show(history_view(long, width), width)
        assert "…" not in "".join(lines), width
        assert any("Averyveryverylongword25xx" in line for line in lines), width
        assert all(len(line) <= width for line in lines), width


def test_the_timeline_is_a_table_from_72_columns():
    assert show(timeline_chart(SERIES, 72, "d"), 72)[1:3] == [
        "Month    Running total       Signed that month",
        "2024-01  ██········     1/4  +1 United Kingdom",
    ]
    assert show(timeline_chart(SERIES, 71, "d"), 71)[1:3] == [
        "2024-01 ██········ 1/4",
        "  +1 United Kingdom",
    ]


def test_the_list_never_cuts_a_word_or_an_amount_at_any_width():
    # Rich squeezed the seed's list at 84-92 columns and cut "(Nordic-Ukraine" in two.
    rows = [
        {**SIGNED, "place": "Stockholm (Nordic-Ukraine summit)"},
        {**SIGNED, "code": "BA", "country": "Bosnia and Herzegovina", "place": "Sarajevo",
         "amount": "2500000000", "value_usd": 2_500_000_000, "period": "2024-2025"},
        {**PARTY, "stage": "negotiations resumed", "counted": False},
    ]  # fmt: skip
    words = {
        "Sweden", "signed", "2024-03-01", "Stockholm", "(Nordic-Ukraine", "summit)", "USD",
        "500", "m", "Bosnia", "and", "Herzegovina", "Sarajevo", "2.5", "bn",
        "Czechia", "negotiating", "outside", "the", "official", "count",
        "negotiations", "resumed", "2024-06-01", "Prague", "none", "stated",
    }  # fmt: skip
    seen = set()
    for width in range(72, 141):
        lines = show(parties_view(rows, "3 tracked parties", width), width)
        seen.add("table" if lines[1].startswith("┏") else "blocks")
        assert all(len(line) <= width for line in lines), width
        shown = {w for line in lines for w in line.replace("│", " ").split()}
        # Where the table leaves the places out (to fit), it is their words alone that go.
        places = {"Stockholm", "(Nordic-Ukraine", "summit)", "Sarajevo", "Prague"}
        wanted = words if "Place" in " ".join(lines[:6]) or lines[1][0] != "┏" else words - places
        assert wanted <= shown, (width, wanted - shown)
        assert any("2024: USD 2.5 bn" in line or "2.5 bn │" in line for line in lines)
    # From 72 columns a table: without the places where they do not fit, with them where
    # they do.
    assert seen == {"table"}
    assert "Place" not in " ".join(show(parties_view(rows, "3", 72), 72)[:6])
    assert "Place" in " ".join(show(parties_view(rows, "3", 140), 140)[:6])


def test_only_an_https_address_is_a_link_and_every_address_is_dim():
    plain_http = [{**MILESTONES[0], "source": "http://example.org/a"}]
    lines = show(milestones_view(plain_http, "1 milestone"), 100, colour=True)
    assert lines[2] == f"  {D}http://example.org/a{END}"
    lines = show(milestones_view(MILESTONES[:1], "1 milestone"), 100, colour=True)
    assert re.fullmatch(
        rf"  \x1b\]8;id=\d+;https://example.org/a\x1b\\{re.escape(D)}https://example.org/a"
        rf"{re.escape(END)}\x1b\]8;;\x1b\\",
        lines[2],
    )


def test_the_status_says_outside_the_count_and_a_stage_that_adds_to_it():
    eu = {**SIGNED, "code": "EU", "country": "European Union", "counted": False}
    on_the_day = {**SIGNED, "stage": "signed", "stage_on": "2024-03-01"}
    later = {**SIGNED, "stage": "signed", "stage_on": "2024-04-01"}
    ratified = {**SIGNED, "stage": "ratified", "stage_on": "2024-03-01"}
    assert [status_text(row) for row in (eu, on_the_day, later, ratified)] == [
        "signed · outside the official count",
        "signed",
        "signed · signed 2024-04-01",
        "signed · ratified 2024-03-01",
    ]
    lines = show(parties_view([eu], "1 tracked party", 71), 71)
    assert lines[1] == "European Union (EU)  signed · outside the official count 2024-03-01"


@settings(max_examples=120, deadline=None)
@given(
    columns=st.lists(
        st.tuples(
            st.booleans(),  # wraps
            st.lists(st.lists(st.text("abcé中 Ж-()", min_size=1, max_size=12), max_size=4)
                     .map(" ".join), min_size=1, max_size=5),
        ),
        min_size=1, max_size=5,
    )
)  # fmt: skip
def test_a_tables_bounds_read_off_its_cells_are_richs_measure(columns):
    """The least and most width of a table, read off its cells, are what Rich measures."""
    from rich.measure import Measurement
    from rich.table import Table

    table = Table(title="t")
    rows = max(len(texts) for _, texts in columns)
    for i, (wraps, texts) in enumerate(columns):
        if wraps:
            render.add_wrapping_column(table, f"H{i} x", texts + [""] * (rows - len(texts)))
        else:
            table.add_column(f"H{i}", no_wrap=True)
    for r in range(rows):
        table.add_row(*(render.cell(texts[r] if r < len(texts) else "") for _, texts in columns))
    sizer = Console(width=1000, file=io.StringIO())
    measured = Measurement.get(sizer, sizer.options, table)
    assert render.bounds(table) == (measured.minimum, measured.maximum)
