"""`agreements timeline`: signings per month with the running total."""

import json


def test_the_seed_gives_every_month_of_the_first_half_of_2024(run):
    points = run.json("timeline")
    assert [p["month"] for p in points] == [f"2024-{m:02d}" for m in range(1, 8)]
    assert [p["signed"] for p in points] == [1, 5, 1, 2, 6, 5, 3]
    assert [p["total"] for p in points][-1] == 23
    assert points[2]["parties"] == ["Netherlands"]


def test_the_later_events_extend_it_to_2025_with_empty_months(run):
    run("import", "--bundled")
    points = run.json("timeline")
    albania = next(p for p in points if p["month"] == "2025-01")
    assert albania == {
        "month": "2025-01",
        "signed": 1,
        "total": 28,
        "goal": 32,
        "parties": ["Albania"],
        "outside_count": [],
    }
    # It runs to the data's date (the EU loan's first payment, 2026-06-25), months without a
    # signing keeping the total.
    assert points[-1] == {"month": "2026-06", "signed": 0, "total": 28, "goal": 32,
                          "parties": [], "outside_count": []}  # fmt: skip
    august = next(p for p in points if p["month"] == "2024-08")
    assert (august["signed"], august["total"]) == (0, 25)
    october = next(p for p in points if p["month"] == "2024-10")
    assert october == {"month": "2024-10", "signed": 1, "total": 27, "goal": 32,
                       "parties": ["Greece"], "outside_count": ["Croatia"]}  # fmt: skip
    assert len(points) == 30  # 2024-01 to 2026-06
    chart = run("timeline").stdout
    assert "+1 Greece; Croatia outside the official count" in chart
    assert "against the goal of 32, data as of 2026-06-25" in chart


def test_timeline_chart_and_csv(run):
    chart = run("timeline")
    assert chart.exit_code == 0, chart.output
    assert "2024-05" in chart.stdout and "15/32" in chart.stdout and "+6 Spain" in chart.stdout
    csv_lines = run("timeline", "--format", "csv", "--goal", "40").stdout.splitlines()
    assert csv_lines[0] == "month,signed,total,goal,parties,outside_count"
    assert csv_lines[1] == "2024-01,1,1,40,United Kingdom,"
    markdown = run("timeline", "--format", "markdown").stdout.splitlines()
    assert markdown[-2:] == ["", "Data as of 2024-07-15."]


def test_no_signings_no_chart(run):
    assert run("import", "-", "--replace", input='{"parties": []}').exit_code == 0
    assert run.json("timeline") == []
    assert "No signed party has a signing date yet." in run("timeline").stdout


def test_a_timeline_that_starts_in_october(run):
    data = {"parties": [
        {"code": "HR", "status": "signed", "signed_on": "2024-10-09", "source": "https://example.org/hr"},
        {"code": "AL", "status": "signed", "signed_on": "2025-01-21", "source": "https://example.org/al"},
    ]}  # fmt: skip
    assert run("import", "-", "--replace", input=json.dumps(data)).exit_code == 0
    points = run.json("timeline")
    assert [(p["month"], p["total"]) for p in points[:4]] == [
        ("2024-10", 1), ("2024-11", 1), ("2024-12", 1), ("2025-01", 2),
    ]  # fmt: skip
    # The replace removed the seed's parties today: the data is of today, and so is the end.
    from datetime import date

    assert (points[-1]["month"], points[-1]["total"]) == (date.today().isoformat()[:7], 2)


def test_a_party_not_signed_is_no_signing_whatever_date_it_carries(run, seeded):
    """Another program left the United Kingdom negotiating with its signing date of
    2024-01-12: the timeline starts with February's five (France, Germany, Denmark,
    Canada, Italy)."""
    import sqlite3

    with sqlite3.connect(seeded) as conn:
        conn.execute("UPDATE parties SET status = 'negotiating' WHERE code = 'GB'")
    months = run.json("timeline")
    assert [(m["month"], m["signed"], m["total"]) for m in months[:2]] == [
        ("2024-02", 5, 5), ("2024-03", 1, 6)
    ]  # fmt: skip
