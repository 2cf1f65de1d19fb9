"""`agreements timeline`: signings per month with the running total."""

from conftest import ROOT


def test_the_seed_gives_every_month_of_the_first_half_of_2024(run):
    points = run.json("timeline")
    assert [p["month"] for p in points] == [f"2024-{m:02d}" for m in range(1, 8)]
    assert [p["signed"] for p in points] == [1, 5, 1, 2, 6, 5, 3]
    assert [p["total"] for p in points][-1] == 23
    assert points[2]["parties"] == ["Netherlands"]


def test_the_later_events_extend_it_to_2025_with_empty_months(run):
    run("import", str(ROOT / "data" / "updates-2025-11.json"))
    points = run.json("timeline")
    assert points[-1] == {
        "month": "2025-01",
        "signed": 1,
        "total": 28,
        "goal": 32,
        "parties": ["Albania"],
    }
    august = next(p for p in points if p["month"] == "2024-08")
    assert (august["signed"], august["total"]) == (0, 25)
    assert len(points) == 13


def test_timeline_chart_and_csv(run):
    chart = run("timeline")
    assert chart.exit_code == 0, chart.output
    assert "2024-05" in chart.stdout and "15/32" in chart.stdout and "+6 Spain" in chart.stdout
    csv_lines = run("timeline", "--format", "csv", "--goal", "40").stdout.splitlines()
    assert csv_lines[0] == "month,signed,total,goal,parties"
    assert csv_lines[1] == "2024-01,1,1,40,United Kingdom"


def test_no_signings_no_chart(run):
    assert run("import", "-", "--replace", input='{"parties": []}').exit_code == 0
    assert run.json("timeline") == []
    assert "No signed party has a signing date yet." in run("timeline").stdout
