"""What was done against the pledges: `delivery add/list/remove` (recorded, undoable, as of
a date) and `delivered`, promised against done, on the shipped data. Expected figures are
written out from the sources of data/updates-2026-12c.json and the ECB's rates."""

import json

import pytest

from conftest import assert_refused, dump


@pytest.fixture
def bundled(run, seeded):
    assert run("import", "--bundled").exit_code == 0
    return seeded


def report(run, *args):
    result = run("delivered", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_2024_shows_belgium_the_uk_and_france_against_their_pledges(run, bundled):
    found = report(run, "--year", "2024", "Belgium", "United Kingdom", "France")
    years = {row["code"]: row for row in found["years"]}
    assert list(years) == ["BE", "GB", "FR"]
    # Belgium: at least EUR 977 m for 2024; what its agreement says it had given by 30
    # April 2024 is a total since 2022, beside the pledge, never the year's.
    assert years["BE"]["pledged_grant_eur"] == 977_000_000
    assert years["BE"]["pledged_qualified"] is True
    assert years["BE"]["lines"] == []
    assert years["BE"]["state"] == "no figure"
    # The UK: GBP 2.5 bn for April 2024 to March 2025, of which 9 months fall in 2024:
    # EUR 2,908,667,830 (at 0.8595 GBP per EUR, 2024-01-12) * 9/12 = 2,181,500,872.5, to
    # the even euro.
    assert years["GB"]["pledged_grant_eur"] == 2_181_500_872
    assert years["GB"]["pledged_spread"] is True
    assert years["GB"]["state"] == "no figure"
    assert years["FR"]["pledged_grant_eur"] == 3_000_000_000
    apart = [
        (a["code"], a["measure"], a["amount"], a["currency"], a["cumulative"], a["reporter"],
         a["disputed_by"])
        for a in found["apart"]
    ]  # fmt: skip
    assert apart == [  # (in the order the parties were asked for)
        ("BE", "provided", "1072000000", "EUR", True, "donor", []),
        ("BE", "provided", "898000000", "EUR", True, "donor", []),
        ("GB", "provided", "7800000000", "GBP", True, "donor", []),
        ("GB", "provided", "5000000000", "GBP", True, "donor", []),
        ("FR", "provided", "3800000000", "EUR", False, "donor", ["tracker"]),
        ("FR", "provided", "600000000", "EUR", False, "tracker", ["donor"]),
    ]


def test_the_terminal_shows_the_disputed_figures_side_by_side(run, bundled):
    result = run("delivered", "--year", "2024", "France", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "France: at least EUR 3.8 bn provided (2022-02-24 to 2023-12-31, military, donor); " \
        "disputed by the tracker" in result.stdout  # fmt: skip
    assert "France: about EUR 600 m provided (2022-02-24 to 2023-12-31, military, tracker); " \
        "disputed by the donor" in result.stdout  # fmt: skip
    assert "no figure" in result.stdout


def test_the_eu_loan_s_first_payment_is_its_share_of_2026_not_yet_due(run, bundled):
    found = report(run, "--year", "2026", "EU")
    (eu,) = found["years"]
    # EUR 90 bn for 2026-2027, half of it in 2026; EUR 3.2 bn paid by 25 June 2026.
    assert eu["pledged_loan_eur"] == 45_000_000_000
    assert eu["pledged_grant_eur"] is None
    (line,) = eu["lines"]
    assert (line["measure"], line["reporter"], line["sort"], line["value_eur"]) == (
        "disbursed", "donor", "loan_or_guarantee", 3_200_000_000
    )  # fmt: skip
    assert (line["pledged_eur"], line["share"], line["state"]) == (
        45_000_000_000, "0.071", "not yet due"
    )  # fmt: skip
    assert eu["state"] == "not yet due"
    assert found["data_as_of"] == "2026-06-25"


def test_the_recipient_s_figures_are_never_added_to_a_donor_s_nor_to_unlike_pledges(run, bundled):
    (japan,) = report(run, "--year", "2024", "Japan")["years"]
    # Two lines of what Ukraine's Ministry of Finance received: a grant for budget support
    # (financial; Japan's 2024 grant is humanitarian) and money of no stated instrument
    # (Japan's 2024 pledges are a grant and a guarantee): neither is compared.
    assert [(x["measure"], x["reporter"], x["sort"], x["kind"], x["share"], x["state"])
            for x in japan["lines"]] == [
        ("received", "recipient", "grant", "financial", None, "not comparable"),
        ("received", "recipient", None, None, None, "not comparable"),
    ]  # fmt: skip
    (lithuania,) = report(run, "--year", "2024", "Lithuania")["years"]
    assert [(x["measure"], x["value_eur"], x["state"]) for x in lithuania["lines"]] == [
        ("allocated", 35_000_000, "no pledge"),
        ("provided", 80_000_000, "no pledge"),
    ]
    assert lithuania["pledges"] == []


def test_the_report_as_csv_has_a_row_a_line_and_a_row_a_figure_apart(run, bundled):
    result = run("delivered", "--year", "2024", "Belgium", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "code,country,year,period_from,period_to,cumulative,pledged_grant_eur,pledged_loan_eur,"
        "pledged_unstated_eur,pledged_qualified,pledged_spread,measure,reporter,value_eur,"
        "qualified,pledged_eur,share,state,disputed,figures",
        "BE,Belgium,2024,,,false,977000000,,,true,false,,,,,,,no figure,false,",
        "BE,Belgium,,2022-02-24,2024-04-30,true,,,,,,provided,donor,1072000000,false,,,apart,"
        "false,6",
        "BE,Belgium,,2022-02-24,2024-04-30,true,,,,,,provided,donor,898000000,false,,,apart,"
        "false,7",
    ]


def test_a_figure_is_recorded_listed_removed_and_brought_back(run, seeded):
    before = dump(seeded)
    added = run(
        "delivery", "add", "Germany", "1.2bn", "--currency", "EUR", "--measure", "delivered",
        "--period", "2023-08..2023-10", "--stated-on", "2023-12-07", "--reporter", "tracker",
        "--kind", "military", "--source", "https://www.ifw-kiel.de/x",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert added.stdout == (
        "Added delivery figure 1 of Germany (DE): EUR 1.2 bn delivered (2023-08-01 to "
        "2023-10-31, military, tracker).\n"
    )
    listed = run("delivery", "list", "--format", "json")
    (figure,) = json.loads(listed.stdout)
    assert (figure["value_eur"], figure["value_usd"], figure["usd_rate_date"]) == (
        1_200_000_000, 1_292_520_000, "2023-12-07"  # at 1.0771 USD per EUR (ECB, 2023-12-07)
    )  # fmt: skip
    assert json.loads(run("delivery", "list", "--as-of", "2023-12-06", "--format", "json")
                      .stdout) == []  # fmt: skip
    history = run("history", "Germany", "--format", "csv")
    assert "delivery figure + EUR 1.2 bn delivered (2023-08-01 to 2023-10-31, military, " \
        "tracker)" in history.stdout  # fmt: skip
    removed = run("delivery", "remove", "1", "--yes")
    assert removed.stdout.startswith("Removed delivery figure 1 of Germany (DE): EUR 1.2 bn")
    assert json.loads(run("delivery", "list", "--format", "json").stdout) == []
    assert run("undo").exit_code == 0
    assert [f["id"] for f in json.loads(run("delivery", "list", "--format", "json").stdout)] == [1]
    assert run("undo").exit_code == 0  # (the figure's add)
    assert json.loads(run("delivery", "list", "--format", "json").stdout) == []
    assert before != dump(seeded)  # (the log keeps what was done)


ADD = ("delivery", "add", "Germany", "1bn", "--currency", "EUR", "--period", "2024",
       "--stated-on", "2025-01-15")  # fmt: skip


@pytest.mark.parametrize(
    "extra, code, message",
    [
        (
            ("--measure", "spent", "--reporter", "donor"),
            2,
            "unknown measure 'spent'. Use one of: allocated, contracted, disbursed, delivered, "
            "provided, received",
        ),
        (
            ("--measure", "received", "--reporter", "donor"),
            2,
            "a figure received is the recipient's count, so its reporter is the recipient",
        ),
        (
            ("--measure", "delivered", "--reporter", "press"),
            2,
            "unknown reporter 'press'. Use one of: donor, recipient, tracker",
        ),
        (
            ("--measure", "delivered", "--reporter", "donor", "--period", "2025"),
            2,
            "the period ends on 2025-12-31, after the figure was stated (2025-01-15)",
        ),
        (
            ("--measure", "delivered", "--reporter", "donor", "--period", "2024-13"),
            2,
            "period '2024-13' is not a real date",
        ),
        (
            ("--measure", "delivered", "--reporter", "donor", "--period", "2024-05..2024-02"),
            2,
            "period '2024-05..2024-02' is not a span in order",
        ),
        (
            ("--measure", "delivered", "--reporter", "donor", "--channel", "pigeon"),
            2,
            "unknown channel 'pigeon'. Use one of: bilateral, eu, ifu, purl, nato, world_bank, "
            "czech_ammunition, other",
        ),
        (
            ("--measure", "delivered", "--reporter", "donor", "--about", "--up-to"),
            2,
            "--about, --at-least and --up-to contradict each other. Give one",
        ),
        (
            ("--measure", "delivered", "--reporter", "donor", "--pledge", "999"),
            1,
            "there is no pledge 999",
        ),
        (
            ("--measure", "delivered", "--reporter", "donor", "--pledge", "1"),
            2,
            "pledge 1 is of GB, not DE",
        ),
    ],
)
def test_a_figure_that_cannot_be_is_refused_and_nothing_changes(run, seeded, extra, code, message):
    before = dump(seeded)
    args = list(ADD)
    if "--period" in extra:
        at = args.index("--period")
        del args[at : at + 2]
    assert_refused(run(*args, *extra), code, message)
    assert dump(seeded) == before


def test_a_figure_of_a_party_not_tracked_is_refused(run, seeded):
    before = dump(seeded)
    assert_refused(
        run("delivery", "add", "Czechia", "1m", "--currency", "EUR", "--measure", "delivered",
            "--period", "2024", "--stated-on", "2025-01-01", "--reporter", "donor"),
        1,
        "Czechia",
    )  # fmt: skip
    assert dump(seeded) == before


def test_figures_travel_in_the_data_file(run, bundled, tmp_path):
    exported = tmp_path / "all.json"
    assert run("export", "-o", str(exported)).exit_code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    (eu,) = [p for p in data["parties"] if p["code"] == "EU"]
    assert eu["deliveries"] == [
        {
            "measure": "disbursed", "amount": "3200000000", "currency": "EUR",
            "period": "2026-06-25", "stated_on": "2026-06-25", "reporter": "donor",
            "channel": "eu", "instrument": "loan",
            "answers": {"announced_on": "2025-12-19", "amount": "90000000000",
                        "currency": "EUR", "years": "2026-2027"},
            "source": "https://themonexus.com/articles/2026-06-25-eu-ukraine-3-2bn-tranche-"
                      "gdansk-conference-2026",
            "note": eu["deliveries"][0]["note"],
        }
    ]  # fmt: skip
    fresh = tmp_path / "fresh.db"
    assert run("--db", str(fresh), "db", "init").exit_code == 0
    imported = run("--db", str(fresh), "import", str(exported))
    assert imported.exit_code == 0, imported.output
    assert "delivery figures: 16 added" in imported.stdout
    again = run("--db", str(fresh), "import", str(exported))
    assert again.stdout.endswith("0 added, 0 updated, 0 removed, 32 unchanged.\n")
    one = json.loads(run("--db", str(fresh), "delivery", "list", "EU", "--format", "json").stdout)
    pledge = json.loads(run("--db", str(fresh), "pledge", "list", "EU", "--format", "json").stdout)
    (ninety,) = [p for p in pledge if p["amount"] == "90000000000"]
    assert one[0]["pledge"] == ninety["id"]


def test_a_data_file_s_figure_that_answers_a_pledge_it_does_not_list_is_refused(
    run, seeded, tmp_path
):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"parties": [{
        "code": "DE", "status": "signed", "signed_on": "2024-02-16",
        "deliveries": [{"measure": "delivered", "amount": "1", "currency": "EUR",
                        "period": "2024", "stated_on": "2025-01-01", "reporter": "donor",
                        "answers": {"announced_on": "2024-02-16", "amount": "5",
                                    "currency": "EUR", "years": "2024"}}],
    }]}), encoding="utf-8")  # fmt: skip
    before = dump(seeded)
    assert_refused(
        run("import", str(path)),
        2,
        "record 1 (DE): a delivery figure answers a pledge the record does not list (announced "
        "2024-02-16, EUR 5); list it among the party's pledges",
    )
    assert dump(seeded) == before


def test_check_names_a_figure_without_a_source_and_one_whose_pledge_is_gone(run, seeded):
    added = run(
        "delivery", "add", "UK", "2bn", "--currency", "GBP", "--measure", "disbursed",
        "--period", "2024-04..2024-12", "--stated-on", "2025-01-15", "--reporter", "donor",
        "--pledge", "1",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert run("pledge", "remove", "1", "--yes").exit_code == 0
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "delivery figure 1 (GB, disbursed 2000000000 GBP): has no source",
        "delivery figure 1 (GB, disbursed 2000000000 GBP): answers pledge 1, which the ledger "
        "does not hold",
    ]


def test_show_and_diff_give_a_party_s_figures(run, bundled):
    shown = run.json("show", "Belgium")
    assert [(d["id"], d["amount"], d["cumulative"]) for d in shown["deliveries"]] == [
        (6, "1072000000", True),
        (7, "898000000", True),
    ]
    view = run("show", "Belgium", env={"COLUMNS": "120"}).stdout
    assert "  2024-05-28  EUR 898 m provided (running total 2022-02-24 to 2024-04-30, military, " \
        "donor)  (id 7)" in view  # fmt: skip
    assert run.json("show", "UK", "--as-of", "2024-09-19")["deliveries"] == []
    figures = run.json("show", "UK", "--as-of", "2024-09-20")["deliveries"]
    assert [d["amount"] for d in figures] == ["7800000000", "5000000000"]
    diff = run("diff", "--from", "2026-06-01", "--to", "2026-06-30", "--format", "csv")
    assert diff.stdout.splitlines()[-1] == (
        'delivery,EU,European Union,added,,,"EUR 3.2 bn disbursed (2026-06-25, donor)",16'
    )
