"""Milestones: the dated, sourced steps of an agreement, and the stage they give a party."""

import json
import re
import sqlite3

import pytest

from conftest import dump

# Bulgaria's stalled signing, from agreements-facts-2025.md, section C.
TALKS = "https://pravda.com.ua/eng/news/2024/10/25/7481442/"
CALLED_OFF = (
    "https://bntnews.bg/news/pm-glavchev-did-not-sign-the-security-cooperation-agreement-"
    "with-ukraine-leaves-it-for-a-regular-cabinet-1319142news.html"
)


@pytest.fixture
def bulgaria(run, seeded):
    added = run("add", "Bulgaria", "--status", "negotiating", "--on", "2024-10-25",
                "--source", TALKS)  # fmt: skip
    assert added.exit_code == 0, added.output
    return seeded


def test_a_milestone_is_recorded_and_becomes_the_stage(run, bulgaria):
    result = run("milestone", "add", "Bulgaria", "signing called off", "--on", "2024-12-19",
                 "--source", CALLED_OFF, "--note", "Glavchev did not sign")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Added milestone 1 of Bulgaria (BG): signing called off 2024-12-19.\n")
    row = run.party("BG")
    assert (row["status"], row["stage"], row["stage_on"]) == (
        "negotiating", "signing called off", "2024-12-19",
    )  # fmt: skip
    wide = run("list", "--status", "negotiating", env={"COLUMNS": "200"}).stdout
    assert "│ negotiating ·                 │" in wide
    assert "│ signing called off 2024-12-19 │" in wide
    narrow = run("list", "--status", "negotiating", env={"COLUMNS": "60"}).stdout
    assert "Bulgaria (BG)  negotiating · signing called off 2024-12-19" in narrow
    markdown = run("list", "--format", "markdown", "--status", "negotiating").stdout
    assert "| Bulgaria | negotiating · signing called off 2024-12-19 |" in markdown
    listed = run.json("milestone", "list", "Bulgaria")
    assert listed == [{
        "id": 1, "code": "BG", "happened_on": "2024-12-19", "step": "signing called off",
        "document": None, "source": CALLED_OFF, "note": "Glavchev did not sign",
        "country": "Bulgaria",
    }]  # fmt: skip


def test_the_stage_is_the_latest_milestone_by_date_not_by_entry(run, bulgaria):
    run(
        "milestone", "add", "BG", "signing called off", "--on", "2024-12-19", "--source", CALLED_OFF
    )
    run("milestone", "add", "BG", "talks opened", "--on", "2024-10-25", "--source", TALKS)
    assert run.party("BG")["stage"] == "signing called off"


def test_of_two_milestones_on_one_day_the_one_recorded_last_is_the_stage(run, bulgaria):
    for step in ("talks opened", "signing called off"):
        added = run("milestone", "add", "BG", step, "--on", "2024-12-19", "--source", CALLED_OFF)
        assert added.exit_code == 0, added.output
    assert run.party("BG")["stage"] == "signing called off"
    # Whichever is recorded last, not whichever sorts first by its words.
    run("milestone", "add", "BG", "agreed text", "--on", "2024-12-19", "--source", CALLED_OFF)
    assert run.party("BG")["stage"] == "agreed text"
    # The day before it, the stage was none; on it, the last recorded.
    then = {row["code"]: row for row in run.json("list", "--as-of", "2024-12-18")}
    assert then["BG"]["stage"] is None
    then = {row["code"]: row for row in run.json("list", "--as-of", "2024-12-19")}
    assert then["BG"]["stage"] == "agreed text"


def test_a_related_document_does_not_set_the_stage(run, seeded):
    run("milestone", "add", "GB", "in force", "--on", "2025-10-15", "--document",
        "100-Year Partnership", "--source", "https://www.eurointegration.com.ua/news/2025/10/15/7222529/")  # fmt: skip
    row = run.party("GB")
    assert (row["stage"], row["stage_on"]) == (None, None)
    shown = json.loads(run("show", "GB", "--format", "json").stdout)
    assert [(m["document"], m["step"]) for m in shown["milestones"]] == [
        ("100-Year Partnership", "in force")
    ]
    assert "100-Year Partnership: in force" in run("show", "GB").stdout


def test_one_step_on_one_day_is_a_milestone_per_document_in_any_case(run, seeded):
    gb = "https://www.eurointegration.com.ua/news/2025/10/15/7222529/"
    for document in ("100-Year Partnership", None):
        added = run("milestone", "add", "GB", "in force", "--on", "2025-10-15",
                    *(["--document", document] if document else []), "--source", gb)  # fmt: skip
        assert added.exit_code == 0, added.output
    before = dump(seeded)
    again = run("milestone", "add", "GB", "IN FORCE", "--on", "2025-10-15",
                "--document", "100-year partnership", "--source", gb)  # fmt: skip
    assert again.exit_code == 1
    assert again.stderr == (
        "Error: United Kingdom already has the milestone 100-Year Partnership: in force "
        "2025-10-15 (id 1). See: agreements milestone list GB\n"  # as stored, not as typed
    )
    assert dump(seeded) == before
    shown = run.json("milestone", "list", "GB")
    assert [(m["document"], m["step"]) for m in shown] == [
        ("100-Year Partnership", "in force"), (None, "in force"),
    ]  # fmt: skip


def test_as_of_before_a_milestone_does_not_show_it(run, bulgaria):
    run("milestone", "add", "BG", "text approved", "--on", "2024-11-27", "--source", TALKS)
    run(
        "milestone", "add", "BG", "signing called off", "--on", "2024-12-19", "--source", CALLED_OFF
    )

    def stage(day):
        rows = json.loads(run("list", "--as-of", day, "-f", "json").stdout)
        bg = next(r for r in rows if r["code"] == "BG")
        return bg["stage"], bg["stage_on"]

    assert stage("2024-11-26") == (None, None)
    assert stage("2024-11-27") == ("text approved", "2024-11-27")
    assert stage("2024-12-18") == ("text approved", "2024-11-27")
    assert stage("2024-12-19") == ("signing called off", "2024-12-19")
    steps = [m["step"] for m in run.json("milestone", "list", "--as-of", "2024-12-01")]
    assert steps == ["text approved"]


def test_undo_removes_a_milestone_like_any_change(run, bulgaria):
    before = dump(bulgaria)
    run(
        "milestone", "add", "BG", "signing called off", "--on", "2024-12-19", "--source", CALLED_OFF
    )
    undone = run("undo")
    assert undone.exit_code == 0, undone.output
    assert undone.stdout.startswith("Reverted the add of Bulgaria (BG) recorded ")
    assert undone.stdout.endswith(": milestone + signing called off 2024-12-19.\n")
    assert run.json("milestone", "list") == []
    assert run.party("BG")["stage"] is None
    with sqlite3.connect(bulgaria) as conn:
        assert conn.execute("SELECT COUNT(*) FROM milestones").fetchone()[0] == 0
    assert dump(bulgaria) != before  # the add and its undo stay in the change log


def test_remove_and_undo_bring_it_back_with_its_id(run, bulgaria):
    run("milestone", "add", "BG", "talks opened", "--on", "2024-10-25", "--source", TALKS)
    run(
        "milestone", "add", "BG", "signing called off", "--on", "2024-12-19", "--source", CALLED_OFF
    )
    removed = run("milestone", "remove", "2", "--yes")
    assert removed.stdout == (
        "Removed milestone 2 of Bulgaria (BG): signing called off 2024-12-19. "
        "Undo with: agreements undo\n"
    )
    assert [m["id"] for m in run.json("milestone", "list")] == [1]
    assert run.party("BG")["stage"] == "talks opened"
    run("undo")
    assert [(m["id"], m["step"]) for m in run.json("milestone", "list")] == [
        (1, "talks opened"), (2, "signing called off"),
    ]  # fmt: skip


def test_removing_a_party_takes_its_milestones_and_undo_restores_both(run, bulgaria):
    run("milestone", "add", "BG", "talks opened", "--on", "2024-10-25", "--source", TALKS)
    run(
        "milestone", "add", "BG", "signing called off", "--on", "2024-12-19", "--source", CALLED_OFF
    )
    listed = run.json("milestone", "list")
    run("remove", "Bulgaria", "--yes")
    assert run.json("milestone", "list") == []
    undone = run("undo")
    assert "remove of 1 party (BG) and 2 milestones" in undone.stdout
    assert run.json("milestone", "list") == listed
    assert run("check").exit_code == 0


def test_milestones_are_in_history_and_show(run, bulgaria):
    run(
        "milestone", "add", "BG", "signing called off", "--on", "2024-12-19", "--source", CALLED_OFF
    )
    events = run.json("history", "Bulgaria")
    assert [(e["entity"], e["action"], e["effective_on"]) for e in events] == [
        ("milestone", "add", "2024-12-19"), ("party", "add", "2024-10-25"),
    ]  # fmt: skip
    assert events[0]["changes"]["step"] == [None, "signing called off"]
    csv_lines = run("history", "Bulgaria", "--format", "csv").stdout.splitlines()
    assert csv_lines[0] == "id,recorded_at,effective_on,code,country,entity,action,changes"
    assert csv_lines[1].endswith(
        ",2024-12-19,BG,Bulgaria,milestone,add,milestone + signing called off 2024-12-19"
    )
    shown = run("show", "Bulgaria").stdout
    assert (
        "1 milestone, oldest first" in shown
        and "signing called off" in shown
        and CALLED_OFF[:40] in shown
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["Czechia", "talks opened", "--on", "2024-06-01", "--source", TALKS], 1,
         "Error: Czechia is not tracked. Use: agreements add Czechia --status ..."),
        (["Bulgaria", "signing called off", "--on", "2024-12-19", "--source", CALLED_OFF], 1,
         "Error: Bulgaria already has the milestone signing called off 2024-12-19 (id 1). See: agreements milestone list BG"),
        (["Bulgaria", "signing called off", "--on", "2024-12-32", "--source", CALLED_OFF], 2,
         "Error: milestone date '2024-12-32' is not a real date."),
        (["Bulgaria", "  ", "--on", "2024-12-19", "--source", CALLED_OFF], 2,
         "Error: a milestone is one line that says what happened"),
        (["Bulgaria", "signed", "--on", "2024-12-19", "--source", "bntnews.bg"], 2,
         "Error: source 'bntnews.bg' is not a web address."),
        (["Bulgaria", "signed", "--on", "2024-12-19"], 2, "Error: Missing option '--source'."),
        (["Narnia", "signed", "--on", "2024-12-19", "--source", TALKS], 2,
         "Error: unknown country 'Narnia'."),
    ],
)  # fmt: skip
def test_a_milestone_that_cannot_be_recorded_changes_nothing(run, bulgaria, args, code, message):
    run(
        "milestone", "add", "BG", "signing called off", "--on", "2024-12-19", "--source", CALLED_OFF
    )
    before = dump(bulgaria)
    result = run("milestone", "add", *args)
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(message), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert dump(bulgaria) == before


def test_removing_a_milestone_that_is_not_there(run, bulgaria):
    before = dump(bulgaria)
    result = run("milestone", "remove", "7", "--yes")
    assert result.exit_code == 1
    assert result.stderr == "Error: there is no milestone 7. See: agreements milestone list\n"
    assert dump(bulgaria) == before


def test_the_bundled_milestones_of_the_stalled_signings(run):
    run("import", "--bundled")
    stages = {r["code"]: (r["stage"], r["stage_on"]) for r in run.json("list")}
    # agreements-facts-2025.md, section C.
    assert stages["BG"] == ("signing called off", "2024-12-19")
    assert stages["ME"] == ("signing postponed", "2025-05-16")
    assert stages["MK"] == ("talks opened", "2024-06-29")
    # Albania's parliamentary approval of 2025-06-05 is not verified (facts-2026, E): its
    # note says so, and it is no milestone.
    assert stages["AL"] == ("signed", "2025-01-21")
    assert "not verified" in run.party("AL")["note"]
    assert stages["GB"] == (None, None)
    uk = [(m["happened_on"], m["step"], m["document"])
          for m in run.json("milestone", "list", "GB")]  # fmt: skip
    partnership = "100-Year Partnership"
    # Related documents set no stage: the partnership, and the declaration on a
    # multinational force signed beside the Paris Declaration (facts-2026, C).
    assert uk == [("2025-01-16", "signed", partnership),
                  ("2025-09-17", "ratified by Ukraine", partnership),
                  ("2025-10-15", "in force", partnership),
                  ("2026-01-06", "signed",
                   "France-UK-Ukraine declaration on a multinational force"),
                  # partly verified, its note says so (facts-2026-12, A)
                  ("2026-02-24", "headquarters reported up and running",
                   "France-UK-Ukraine declaration on a multinational force")]  # fmt: skip
    (reported,) = [
        m for m in run.json("milestone", "list", "GB") if m["happened_on"] == "2026-02-24"
    ]
    assert reported["note"].startswith("Partly verified: ")
    greece = run.party("GR")
    assert "No ratification found" in greece["note"]
    assert not any("ratif" in m["step"] for m in run.json("milestone", "list", "GR"))
    assert "No ratification by Ukraine found" in run.party("AL")["note"]


def test_milestone_list_in_every_format(run, bulgaria):
    run("milestone", "add", "BG", "talks opened", "--on", "2024-10-25", "--source", TALKS,
        "--note", "First round | of talks")  # fmt: skip
    table = run("milestone", "list", env={"COLUMNS": "100"}).stdout.splitlines()
    assert [line.rstrip() for line in table] == [
        "1 milestone, data as of 2024-10-25",
        "2024-10-25  Bulgaria · talks opened  (id 1)",
        "  First round | of talks",
        "  " + TALKS,
    ]
    csv_lines = run("milestone", "list", "--format", "csv").stdout.splitlines()
    assert csv_lines == [
        "id,code,country,happened_on,step,document,source,note",
        f"1,BG,Bulgaria,2024-10-25,talks opened,,{TALKS},First round | of talks",
    ]
    markdown = run("milestone", "list", "--format", "markdown").stdout.splitlines()
    assert markdown[2] == (
        f"| 1 | BG | Bulgaria | 2024-10-25 | talks opened |  | {TALKS} | First round \\| of talks |"
    )
    assert run("milestone", "list", "--as-of", "2024-10-24").stdout.splitlines() == [
        "0 milestones, as of 2024-10-24",
        "No milestones.",
    ]


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        ("INSERT INTO milestones (code, happened_on, step, source) "
         "VALUES ('CZ', '2024-07-18', 'signed', 'https://example.org')",
         "milestone 1 (CZ, signed): its party is not tracked"),
        ("INSERT INTO milestones (code, happened_on, step, source) "
         "VALUES ('BG', '2099-01-01', 'in force', 'https://example.org')",
         "milestone 1 (BG, in force): date 2099-01-01 is in the future"),
        ("INSERT INTO milestones (code, happened_on, step) VALUES ('BG', '2024-12-19', 'signed')",
         "milestone 1 (BG, signed): has no source"),
    ],
)  # fmt: skip
def test_check_names_a_milestone_another_tool_broke(run, bulgaria, tamper, expected):
    with sqlite3.connect(bulgaria) as conn:
        conn.execute(tamper)
    result = run("check")
    assert result.exit_code == 1
    behind_the_log = (
        expected.split(":")[0] + ": in the table, but the change log has no event for it"
    )
    assert result.stdout == expected + "\n" + behind_the_log + "\n"


def test_an_import_planned_before_another_writer_added_the_same_milestone_writes_nothing(
    run, bulgaria
):
    """The plan is checked again inside the write: a milestone added in between refuses it."""
    from datetime import date

    from agreements_cli.errors import StoreError
    from agreements_cli.formats.datafile import parse
    from agreements_cli.planning.datafile import plan_import
    from agreements_cli.store.database import Store

    record = {"code": "BG", "status": "negotiating", "since": "2024-10-25", "source": TALKS,
              "milestones": [{"happened_on": "2024-12-19", "step": "signing called off",
                              "source": CALLED_OFF}]}  # fmt: skip
    store = Store.open(bulgaria)
    try:
        current = {row.code: row for row in store.parties.all()}
        parsed = parse({"parties": [record]}, date.today())
        items = {"milestone": store.milestones.all(), "pledge": store.pledges.all()}
        plan = plan_import(parsed, current, items, False, date.today())
        assert [c.entity for c in plan.changes] == ["milestone"]
        run("milestone", "add", "BG", "signing called off", "--on", "2024-12-19",
            "--source", CALLED_OFF)  # fmt: skip
        before = dump(bulgaria)
        # A plan made before the milestone was added, handed to the write as if fresh: the
        # store's own check refuses it rather than adding the milestone twice.
        moved = "BG changed while the import was being checked; nothing was imported. Run the import again"
        with pytest.raises(StoreError, match=f"^{re.escape(moved)}$"):
            store.import_planned(lambda current, items: plan)
        assert dump(bulgaria) == before
    finally:
        store.close()


def plan_of(changes):
    """A plan as import_planned takes it, made by hand."""
    from types import SimpleNamespace

    return lambda current, items: SimpleNamespace(changes=changes)


MOVED = "BG changed while the import was being checked; nothing was imported. Run the import again"


def test_a_stale_plan_of_a_party_or_an_item_writes_nothing(run, bulgaria):
    """The store checks each change against what it holds inside the write: a party or a
    milestone another writer changed since the plan was made, or a milestone the plan adds
    twice, refuses the whole import, naming the party."""
    from agreements_cli.errors import StoreError
    from agreements_cli.records import Change
    from agreements_cli.store.database import Store

    run("milestone", "add", "BG", "signing called off", "--on", "2024-12-19",
        "--source", CALLED_OFF)  # fmt: skip
    store = Store.open(bulgaria)
    try:
        row = store.parties.get("BG")
        (milestone,) = store.milestones.all()
        new = milestone.but(id=None, happened_on="2025-01-10", step="text agreed")
        stale = [
            # The party as it was before another writer's change (its place was empty).
            [Change("party", "BG", row.but(place="Sofia"), row.but(note="x"), "2025-01-10")],
            # The milestone as it was before another writer's change of its note.
            [Change("milestone", "BG", milestone.but(note="old"), None)],
            # One new milestone twice.
            [Change("milestone", "BG", None, new), Change("milestone", "BG", None, new)],
        ]
        before = dump(bulgaria)
        for changes in stale:
            with pytest.raises(StoreError, match=f"^{re.escape(MOVED)}$"):
                store.import_planned(plan_of(changes))
            assert dump(bulgaria) == before
    finally:
        store.close()


@pytest.mark.parametrize(
    ("step", "document", "source", "message"),
    [
        ("signed\x1b[31m", None, TALKS, "milestone contains control characters. Use plain text"),
        (
            "signed\nratified",
            None,
            TALKS,
            'a milestone is one line that says what happened, e.g. "signing called off"',
        ),
        ("s" * 201, None, TALKS, "milestone is 201 characters long; the limit is 200. Shorten it"),
        (
            "signed",
            "d" * 201,
            TALKS,
            "document is 201 characters long; the limit is 200. Shorten it",
        ),
        ("signed", "a\x07b", TALKS, "document contains control characters. Use plain text"),
        ("signed", None, None, "a milestone needs the page that reports it. Add --source URL"),
    ],
)
def test_build_milestone_refuses(step, document, source, message):
    from datetime import date

    from agreements_cli.cli.advice import message as told
    from agreements_cli.errors import BadInput
    from agreements_cli.rules import build_milestone

    with pytest.raises(BadInput) as refused:
        build_milestone("BG", step, "2024-12-19", date(2026, 1, 1), source, None, document)
    assert told(refused.value) == message


def test_build_milestone_keeps_what_it_was_given():
    from datetime import date

    from agreements_cli.rules import build_milestone

    built = build_milestone("GB", " in force ", "2025-10-15", date(2025, 10, 15), TALKS,
                            " note ", " 100-Year Partnership ")  # fmt: skip
    assert built.as_dict() == {
        "id": None, "code": "GB", "happened_on": "2025-10-15", "step": "in force",
        "document": "100-Year Partnership", "source": TALKS, "note": "note",
    }  # fmt: skip


def test_history_words_each_kind_of_milestone_change(run, bulgaria):
    from agreements_cli.reports import describe_event
    from agreements_cli.wording import changes_text

    run("milestone", "add", "BG", "talks opened", "--on", "2024-10-25", "--source", TALKS,
        "--document", "Joint statement")  # fmt: skip
    run("milestone", "remove", "1", "--yes")
    texts = [e["changes"] for e in run.json("history", "BG")]
    flat = run("history", "BG", "--format", "csv").stdout.splitlines()
    assert flat[1].endswith(
        ",milestone,remove,milestone - Joint statement: talks opened 2024-10-25"
    )
    assert flat[2].endswith(",milestone,add,milestone + Joint statement: talks opened 2024-10-25")
    assert texts[0]["document"] == ["Joint statement", None]
    changed = {"note": ["old", "new"], "source": [None, TALKS]}
    assert (
        changes_text(changed, "milestone")
        == f"milestone: note old -> new; source (none) -> {TALKS}"
    )
    from agreements_cli.records import Event

    old_event = Event(id=1, batch=1, recorded_at="2024-07-15T00:00:00+00:00",
                      effective_on="2024-07-15", code="XK", action="seed", before=None,
                      after={"status": "planned"}, entity=None)  # type: ignore[arg-type]  # fmt: skip
    described = describe_event(old_event)
    assert (described.entity, described.country) == ("party", "XK")
