"""The floor of a read for machines: a minimal Typer command that reads the parties table
with sqlite3 and writes it as JSON, with nothing else. `agreements list --format json`
should take no more than 10% longer (latency.py)."""

import json
import os
import sqlite3
import sys

import typer

app = typer.Typer(add_completion=False)


@app.command()
def main(db: str = typer.Option(os.environ.get("AGREEMENTS_DB", ""), "--db")) -> None:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    rows = [dict(row) for row in conn.execute("SELECT * FROM parties ORDER BY signed_on")]
    sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    app()
