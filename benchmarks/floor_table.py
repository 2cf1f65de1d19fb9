"""The floor of a read printed for people: a minimal Typer command that reads the parties
and their first pledges with sqlite3 and prints the table `agreements list` prints (the same
columns, title, caption and wrapping: each column at least as wide as its longest word),
with nothing else. `agreements list` should take no more than 10% longer (latency.py)."""

import os
import sqlite3

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(db: str = typer.Option(os.environ.get("AGREEMENTS_DB", ""), "--db")) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT country, status, signed_on, place, p.amount, p.currency, p.period, p.value_usd "
        "FROM parties LEFT JOIN (SELECT code, amount, currency, first_year || "
        "CASE WHEN last_year > first_year THEN '-' || last_year ELSE '' END AS period, "
        "value_usd FROM pledges GROUP BY code HAVING MIN(announced_on)) AS p USING (code) "
        "ORDER BY signed_on IS NULL, signed_on, country"
    ).fetchall()
    cells = [
        [country, status, signed or "", place or "",
         f"{currency} {amount} ({period})" if amount else "not stated",
         f"{value / 1e9:.2f} bn" if value else "unknown"]
        for country, status, signed, place, amount, currency, period, value in rows
    ]  # fmt: skip
    table = Table(title=f"{len(rows)} tracked parties, data as of ...", title_justify="left")
    headers = ("Country", "Status", "Signed", "Place", "Pledge as stated")
    for i, header in enumerate(headers):
        longest = max(
            len(word) for text in (header, *(c[i] for c in cells)) for word in text.split()
        )
        table.add_column(header, min_width=longest)
    table.add_column("USD value", justify="right", no_wrap=True)
    for row in cells:
        table.add_row(*(Text(value) for value in row))
    table.caption = "USD values at the ECB reference rate of the signing date; exact figures with --format json."
    Console().print(table)


if __name__ == "__main__":
    app()
