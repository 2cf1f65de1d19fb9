"""The floors of the reads that floor_table.py and floor_json.py leave out: minimal Typer
commands that read the same database with sqlite3 and print what `agreements` prints for
them with Rich, with nothing else (no checks, no rules). latency.py runs each beside the
command it is the floor of:

    floors.py show CODE     a party's fields, pledges, terms, figures and changes (`show`)
    floors.py timeline      signings by month with the running total (`timeline`)
    floors.py check         every table read whole, one line printed (`check`)
    floors.py progress      the counts by status and the signed parties' USD by year
                            (`progress`)
    _FLOORS_COMPLETE=complete_zsh _TYPER_COMPLETE_ARGS='floors show Ge' floors.py
                            the tracked names that complete a word (completion)
"""

import json
import os
import sqlite3

import typer

app = typer.Typer()
DB = os.environ.get("AGREEMENTS_DB", "")


def _names(incomplete: str) -> list[str]:
    rows = sqlite3.connect(DB).execute("SELECT country FROM parties ORDER BY country")
    return [name for (name,) in rows if name.lower().startswith(incomplete.lower())]


@app.command()
def show(code: str = typer.Argument(..., autocompletion=_names)) -> None:
    from rich.console import Console
    from rich.text import Text

    conn = sqlite3.connect(DB)
    conn.row_factory = sqlite3.Row
    console = Console()
    party = conn.execute("SELECT * FROM parties WHERE code = ?", (code,)).fetchone()
    for key, value in zip(party.keys(), party, strict=True):
        console.print(Text(f"{key:15} {value or ''}"))
    for table, day in (("pledges", "announced_on"), ("terms", "holds_from"),
                       ("deliveries", "stated_on")):  # fmt: skip
        rows = conn.execute(f"SELECT * FROM {table} WHERE code = ? ORDER BY {day}", (code,))
        for row in rows:
            console.print(Text(f"{row[day]}  {row['note'] or ''}  (id {row['id']})"))
    events = conn.execute(
        "SELECT * FROM events WHERE code = ? ORDER BY id DESC", (code,)
    ).fetchall()
    console.print(Text(f"{len(events)} changes, newest first"))
    for event in events:
        before = json.loads(event["before"] or "{}")
        after = json.loads(event["after"] or "{}")
        changed = [k for k in after.keys() | before.keys() if before.get(k) != after.get(k)]
        console.print(Text(f"{after.get('country', code)} · {event['action']}"))
        console.print(Text(f"  effective {event['effective_on']}, recorded {event['recorded_at']}"))
        console.print(Text("  " + ", ".join(sorted(changed))))


@app.command()
def timeline() -> None:
    from rich.console import Console
    from rich.table import Table

    rows = sqlite3.connect(DB).execute(
        "SELECT substr(signed_on, 1, 7), COUNT(*), group_concat(country, ', ') FROM parties "
        "WHERE status = 'signed' AND signed_on IS NOT NULL GROUP BY 1 ORDER BY 1"
    )
    table = Table(title="Signings by month", box=None)
    for header in ("Month", "Running total", "Signed that month"):
        table.add_column(header)
    total = 0
    for month, signed, names in rows:
        total += signed
        table.add_row(month, "█" * total + f" {total}/32", f"+{signed} {names}")
    Console().print(table)


@app.command()
def check() -> None:
    conn = sqlite3.connect(DB)
    for table in ("parties", "pledges", "milestones", "terms", "deliveries", "events",
                  "settings"):  # fmt: skip
        conn.execute(f"SELECT * FROM {table}").fetchall()
    print("No problems found.")


@app.command()
def progress() -> None:
    from rich.console import Console
    from rich.table import Table

    conn = sqlite3.connect(DB)
    console = Console()
    for status, count in conn.execute("SELECT status, COUNT(*) FROM parties GROUP BY status"):
        console.print(f"{status:16} {count:4}")
    years = conn.execute(
        "SELECT first_year, SUM(value_usd), COUNT(DISTINCT code) FROM pledges WHERE code IN "
        "(SELECT code FROM parties WHERE status = 'signed' AND counted) GROUP BY first_year"
    )
    table = Table(title="USD pledged per year by the signed parties in the official count")
    for header in ("Year", "Grants", "Stating"):
        table.add_column(header, justify="right")
    for year, value, stating in years:
        table.add_row(str(year), f"{value / 1e9:.2f} bn", str(stating))
    console.print(table)


if __name__ == "__main__":
    app(prog_name="floors")
