"""Numbered schema migrations, applied in order on every open that finds one pending.

A shipped migration is never edited: a change to the schema is a new function at the
end of ``MIGRATIONS``. sqlite-utils records which ones ran in ``_sqlite_migrations``;
it is imported only when something is pending, so that reading an up-to-date database
costs no more than ``sqlite3``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from agreements_cli import money
from agreements_cli.errors import BadInput

if TYPE_CHECKING:
    from sqlite_utils import Database

MIGRATION_SET = "agreements"


def m001_create_tables(db: Database) -> None:
    # One row per tracked party, keyed by ISO 3166-1 alpha-2 code ("EU" for the
    # European Union). A pledge is kept as stated: the amount as decimal text
    # (never a float), its ISO 4217 currency and the years it covers. Its USD
    # value is computed once when written, from the ECB rate of the signing date
    # (or the entry date), and stored with that rate and the rate's own date so
    # that reads never convert and a figure can always be traced to its rate.
    db.execute(
        """
        CREATE TABLE parties (
            code          TEXT PRIMARY KEY,
            country       TEXT NOT NULL,
            kind          TEXT NOT NULL CHECK (kind IN ('state', 'organisation')),
            status        TEXT NOT NULL CHECK (status IN ('signed', 'negotiating', 'planned')),
            signed_on     TEXT,
            place         TEXT,
            amount        TEXT,
            currency      TEXT,
            period        TEXT,
            value_usd     INTEGER,
            usd_rate      TEXT,
            usd_rate_date TEXT,
            source        TEXT,
            note          TEXT,
            CHECK ((amount IS NULL) = (currency IS NULL)),
            CHECK ((amount IS NULL) = (value_usd IS NULL))
        )
        """
    )
    # The change log, written on every change from the first one (the seed), so that
    # history, undo and "what did the tracker show on date D" can be answered later.
    # Each event keeps the whole row before and after as JSON: undo restores
    # "before", and the state on a date is the "after" of each party's most recently
    # recorded event among those that had taken effect by then. "batch" groups the
    # events of one command (an import is one batch), the unit that undo reverts;
    # an undo's own events name the batch they revert in "undoes", so that a second
    # undo goes one change further back instead of redoing the first.
    db.execute(
        """
        CREATE TABLE events (
            id            INTEGER PRIMARY KEY,
            batch         INTEGER NOT NULL,
            code          TEXT NOT NULL,
            action        TEXT NOT NULL,
            effective_on  TEXT NOT NULL,
            recorded_at   TEXT NOT NULL,
            before        TEXT,
            after         TEXT,
            undoes        INTEGER
        )
        """
    )
    # As-of queries pick, per party, events up to a date: this index serves them
    # and the per-party history.
    db.execute("CREATE INDEX events_code_effective ON events (code, effective_on, id)")
    db.execute("CREATE INDEX events_batch ON events (batch)")
    # Small facts about the data set: the goal and its basis, the reported total,
    # the snapshot date of the seed.
    db.execute(
        """
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """
    )


def m002_index_events_for_as_of(db: Database) -> None:
    # "What did the tracker show on date D" takes, for each party, the newest event
    # that had taken effect by D, leaving out undo events and the changes they undid.
    # Done with a window over the whole log it sorted every event: about 45 ms on a
    # log of 25,000 events, and growing with it. These two partial indexes let SQLite
    # read the newest qualifying event per party from an index (about 5 ms there),
    # and find the undone batches without scanning the log.
    db.execute(
        "CREATE INDEX events_as_of ON events (code, effective_on, batch, id) WHERE action != 'undo'"
    )
    db.execute("CREATE INDEX events_undoes ON events (undoes) WHERE undoes IS NOT NULL")


def m003_official_count_and_milestones(db: Database) -> None:
    # Ukraine's official count toward the goal (Office of the President, Ministry of
    # Defence) leaves out some signed agreements: Croatia's of 2024-10-09. A party says
    # whether it is in that count and, when not, why and on which page; every party
    # tracked before this migration was in it.
    db.execute(
        "ALTER TABLE parties ADD COLUMN counted INTEGER NOT NULL DEFAULT 1 "
        "CHECK (counted IN (0, 1))"
    )
    db.execute("ALTER TABLE parties ADD COLUMN count_reason TEXT")
    db.execute("ALTER TABLE parties ADD COLUMN count_source TEXT")
    # The dated, sourced steps of an agreement (talks opened, signing called off,
    # ratified, ...), any number per party; "document" names a related document (the
    # UK's 100-Year Partnership) when the step is not about the security agreement.
    # A step's date is when it happened, so "--as-of D" shows those up to D.
    db.execute(
        """
        CREATE TABLE milestones (
            id          INTEGER PRIMARY KEY,
            code        TEXT NOT NULL,
            happened_on TEXT NOT NULL,
            step        TEXT NOT NULL,
            document    TEXT,
            source      TEXT,
            note        TEXT
        )
        """
    )
    db.execute("CREATE INDEX milestones_code ON milestones (code, happened_on, id)")
    # The change log now also records milestones: "entity" says what an event changed
    # ('party' rows, as before, or 'milestone' rows), so that the state of the parties
    # on a date is still read from party events alone. "origin" names the data an
    # import applied, so that the tracker can tell whether its bundled later data is in.
    db.execute("ALTER TABLE events ADD COLUMN entity TEXT NOT NULL DEFAULT 'party'")
    db.execute("ALTER TABLE events ADD COLUMN origin TEXT")
    # `progress` asks on every run whether the bundled data is in: a lookup, not a scan.
    db.execute("CREATE INDEX events_origin ON events (origin) WHERE origin IS NOT NULL")
    # The as-of index of m002, restricted to party events, which are all it serves.
    db.execute("DROP INDEX events_as_of")
    db.execute(
        "CREATE INDEX events_party_as_of ON events (code, effective_on, batch, id) "
        "WHERE action != 'undo' AND entity = 'party'"
    )


def m004_pledge_ledger(db: Database) -> None:
    # A party's money was one pledge on its row, which could not hold what came later
    # (the amounts named for 2025 and 2026) and added multi-year sums to yearly ones. It
    # is now a ledger: any number of pledges per party, each as stated (amount, ISO
    # currency, the years it covers and whether the amount is per year or for all of
    # them, its kind, its qualifier, the day it was announced, source, note), with its
    # USD value computed once, at the ECB rate of a day that is stored beside it.
    db.execute(
        """
        CREATE TABLE pledges (
            id            INTEGER PRIMARY KEY,
            code          TEXT NOT NULL,
            amount        TEXT NOT NULL,
            currency      TEXT NOT NULL,
            first_year    INTEGER NOT NULL,
            last_year     INTEGER NOT NULL,
            per_year      INTEGER NOT NULL CHECK (per_year IN (0, 1)),
            kind          TEXT NOT NULL CHECK (kind IN
                              ('military', 'financial', 'humanitarian', 'loan', 'mixed',
                               'unspecified')),
            qualifier     TEXT NOT NULL CHECK (qualifier IN ('exact', 'up to', 'at least')),
            announced_on  TEXT NOT NULL,
            source        TEXT,
            note          TEXT,
            value_usd     INTEGER NOT NULL,
            usd_rate      TEXT NOT NULL,
            usd_rate_date TEXT NOT NULL,
            CHECK (first_year <= last_year)
        )
        """
    )
    db.execute("CREATE INDEX pledges_code ON pledges (code, announced_on, id)")
    # Each party's pledge becomes its first ledger entry, as it was stated and converted:
    # announced on its signing date (the day whose rate it was converted at, for a party
    # not signed), for the years of its period (else the year of that day), the amount
    # for all of them, of a kind and qualifier nobody has said yet.
    year = "substr(COALESCE(signed_on, usd_rate_date), 1, 4)"
    db.execute(
        f"""
        INSERT INTO pledges (code, amount, currency, first_year, last_year, per_year, kind,
                             qualifier, announced_on, source, value_usd, usd_rate, usd_rate_date)
        SELECT code, amount, currency,
               CAST(substr(COALESCE(period, {year}), 1, 4) AS INTEGER),
               CAST(substr(COALESCE(period, {year}), -4) AS INTEGER),
               CASE WHEN period LIKE '____-____' THEN 0 ELSE 1 END,
               'unspecified', 'exact', COALESCE(signed_on, usd_rate_date), source,
               value_usd, usd_rate, usd_rate_date
        FROM parties WHERE amount IS NOT NULL ORDER BY code
        """
    )
    # The change log gets them as one batch of 'seed' events: where the ledger's history
    # starts, which undo does not go behind (the party rows logged before it still hold
    # the old money fields, which nothing reads any more).
    db.execute(
        """
        INSERT INTO events (batch, code, action, effective_on, recorded_at, before, after, entity)
        SELECT (SELECT COALESCE(MAX(batch), 0) + 1 FROM events), p.code, 'seed', p.announced_on,
               strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), NULL,
               json_object('id', p.id, 'code', p.code, 'amount', p.amount,
                           'currency', p.currency, 'first_year', p.first_year,
                           'last_year', p.last_year, 'per_year', json(CASE p.per_year
                           WHEN 1 THEN 'true' ELSE 'false' END), 'kind', p.kind,
                           'qualifier', p.qualifier, 'announced_on', p.announced_on,
                           'source', p.source, 'note', p.note, 'value_usd', p.value_usd,
                           'usd_rate', p.usd_rate, 'usd_rate_date', p.usd_rate_date,
                           'country', (SELECT country FROM parties WHERE code = p.code)),
               'pledge'
        FROM pledges AS p ORDER BY p.id
        """
    )
    # The party rows without their money: the table is rebuilt (SQLite cannot drop columns
    # that a CHECK names), keeping every other column and constraint.
    db.execute(
        """
        CREATE TABLE parties_new (
            code          TEXT PRIMARY KEY,
            country       TEXT NOT NULL,
            kind          TEXT NOT NULL CHECK (kind IN ('state', 'organisation')),
            status        TEXT NOT NULL CHECK (status IN ('signed', 'negotiating', 'planned')),
            signed_on     TEXT,
            place         TEXT,
            source        TEXT,
            note          TEXT,
            counted       INTEGER NOT NULL DEFAULT 1 CHECK (counted IN (0, 1)),
            count_reason  TEXT,
            count_source  TEXT
        )
        """
    )
    db.execute(
        "INSERT INTO parties_new SELECT code, country, kind, status, signed_on, place, source, "
        "note, counted, count_reason, count_source FROM parties"
    )
    db.execute("DROP TABLE parties")
    db.execute("ALTER TABLE parties_new RENAME TO parties")


def m005_index_the_seed_batch(db: Database) -> None:
    # Undo goes no further back than the last seed batch (the seed, and the ledger m004
    # made from an older database's pledges), and every undo asks where that is: without
    # an index SQLite read the whole log for it, twice an undo (40 ms at 100,000 events).
    # The seed's events are few; this index holds only them (0.01 ms).
    db.execute("CREATE INDEX events_seed ON events (batch) WHERE action = 'seed'")


def m006_instrument_tie_months_and_eur(db: Database) -> None:
    # What a pledge is for (kind) is apart from how it is given (instrument: grant, loan or
    # guarantee; NULL not stated) and how it is tied (agreement: stated in or with the
    # agreement; later: a figure its source does not tie to it; NULL not known). A later
    # statement may replace an earlier one (replaces: its id) for the months both cover.
    # A period that is not whole calendar years (a financial year) says its first and last
    # months. Its EUR value is computed once, like the USD one, and stored with its rate.
    # The table is rebuilt (SQLite cannot change a CHECK): a 'loan' kind becomes the loan
    # instrument, of a kind nobody has said yet; every pledge keeps its id, amount, value
    # and history.
    db.execute(
        """
        CREATE TABLE pledges_new (
            id            INTEGER PRIMARY KEY,
            code          TEXT NOT NULL,
            amount        TEXT NOT NULL,
            currency      TEXT NOT NULL,
            first_year    INTEGER NOT NULL,
            last_year     INTEGER NOT NULL,
            per_year      INTEGER NOT NULL CHECK (per_year IN (0, 1)),
            kind          TEXT NOT NULL CHECK (kind IN
                              ('military', 'financial', 'humanitarian', 'mixed', 'unspecified')),
            qualifier     TEXT NOT NULL CHECK (qualifier IN ('exact', 'up to', 'at least')),
            announced_on  TEXT NOT NULL,
            source        TEXT,
            note          TEXT,
            value_usd     INTEGER NOT NULL,
            usd_rate      TEXT NOT NULL,
            usd_rate_date TEXT NOT NULL,
            instrument    TEXT CHECK (instrument IN ('grant', 'loan', 'guarantee')),
            tie           TEXT CHECK (tie IN ('agreement', 'later')),
            replaces      INTEGER,
            first_month   INTEGER NOT NULL DEFAULT 1 CHECK (first_month BETWEEN 1 AND 12),
            last_month    INTEGER NOT NULL DEFAULT 12 CHECK (last_month BETWEEN 1 AND 12),
            value_eur     INTEGER,
            eur_rate      TEXT,
            eur_rate_date TEXT,
            CHECK (first_year <= last_year)
        )
        """
    )
    db.execute(
        """
        INSERT INTO pledges_new (id, code, amount, currency, first_year, last_year, per_year,
                                 kind, qualifier, announced_on, source, note, value_usd,
                                 usd_rate, usd_rate_date, instrument)
        SELECT id, code, amount, currency, first_year, last_year, per_year,
               CASE kind WHEN 'loan' THEN 'unspecified' ELSE kind END, qualifier,
               announced_on, source, note, value_usd, usd_rate, usd_rate_date,
               CASE kind WHEN 'loan' THEN 'loan' END
        FROM pledges
        """
    )
    db.execute("DROP TABLE pledges")
    db.execute("ALTER TABLE pledges_new RENAME TO pledges")
    db.execute("CREATE INDEX pledges_code ON pledges (code, announced_on, id)")
    # Each pledge's EUR value at the rate of the day its USD value is of.

    rows = db.execute("SELECT id, amount, currency, usd_rate_date FROM pledges").fetchall()
    for pledge_id, amount, currency, rate_date in rows:
        try:
            in_eur = money.to_eur(Decimal(amount), currency, date.fromisoformat(rate_date))
        except (BadInput, InvalidOperation, TypeError, ValueError):
            continue  # left unknown; `check` names a row it cannot read
        db.execute(
            "UPDATE pledges SET value_eur = ?, eur_rate = ?, eur_rate_date = ? WHERE id = ?",
            (in_eur.value_usd, str(in_eur.rate), in_eur.rate_date.isoformat(), pledge_id),
        )


def m007_ids_never_given_twice(db: Database) -> None:
    # A pledge or milestone id names one item in the change log for ever: without
    # AUTOINCREMENT, SQLite gave the id of the newest item, once removed, to the next
    # one, so one id named two pledges in the history. The tables are rebuilt with
    # AUTOINCREMENT (SQLite cannot add it to a table), every item keeping its id, and the
    # sequence starts above every id the change log has ever named (an undo still puts a
    # removed item back under its own id).
    pledges = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'pledges'"
    ).fetchone()[0]
    milestones = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'milestones'"
    ).fetchone()[0]
    for table, sql in (("pledges", pledges), ("milestones", milestones)):
        rebuilt = re.sub(
            r"\bid(\s+)INTEGER PRIMARY KEY\b",
            r"id\1INTEGER PRIMARY KEY AUTOINCREMENT",
            sql,
            count=1,
        )
        rebuilt = re.sub(
            rf"^CREATE TABLE \"?{table}\"?", f"CREATE TABLE {table}_new", rebuilt.strip()
        )
        assert "AUTOINCREMENT" in rebuilt and f"{table}_new" in rebuilt, rebuilt
        indexes = [
            row[0]
            for row in db.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                (table,),
            ).fetchall()
        ]
        db.execute(rebuilt)
        db.execute(f"INSERT INTO {table}_new SELECT * FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
        for index in indexes:
            db.execute(index)
        entity = table[:-1]
        highest = db.execute(
            f"""SELECT MAX(id) FROM (
                    SELECT MAX(id) AS id FROM {table}
                    UNION ALL SELECT MAX(CAST(json_extract(after, '$.id') AS INTEGER)) FROM events
                    WHERE entity = ? AND json_valid(after)
                    UNION ALL SELECT MAX(CAST(json_extract(before, '$.id') AS INTEGER)) FROM events
                    WHERE entity = ? AND json_valid(before))""",
            (entity, entity),
        ).fetchone()[0]
        if highest:
            db.execute("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
            db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, highest))


def m008_items_reference_their_party(db: Database) -> None:
    # A pledge's or milestone's code names a party: the schema now says so (REFERENCES
    # parties(code)), so that Datasette, sqlite-utils and other readers show each item
    # with its party's name and can join them. SQLite enforces it only where a connection
    # turns foreign keys on; agreements does not (`check` names an item whose party is not
    # tracked). The tables are rebuilt with every row, id and the AUTOINCREMENT sequence
    # (SQLite cannot add a reference to a column).
    for table in ("pledges", "milestones"):
        sql = db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()[0]
        rebuilt = re.sub(
            r"\bcode(\s+)TEXT NOT NULL\b",
            r"code\1TEXT NOT NULL REFERENCES parties(code)",
            sql,
            count=1,
        )
        rebuilt = re.sub(
            rf"^CREATE TABLE \"?{table}\"?", f"CREATE TABLE {table}_new", rebuilt.strip()
        )
        assert "REFERENCES parties(code)" in rebuilt and f"{table}_new" in rebuilt, rebuilt
        indexes = [
            row[0]
            for row in db.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                (table,),
            ).fetchall()
        ]
        sequence = db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        db.execute(rebuilt)
        db.execute(f"INSERT INTO {table}_new SELECT * FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE {table}_new RENAME TO {table}")
        for index in indexes:
            db.execute(index)
        db.execute("DELETE FROM sqlite_sequence WHERE name = ?", (table,))
        if sequence is not None:
            db.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, sequence[0])
            )


def m009_terms(db: Database) -> None:
    # What each agreement says (its duration, what NATO accession does, its consultations,
    # legal form, money, ...): any number of terms a party, each with its status (stated,
    # not stated, excluded, unknown), value, firmness, clause, quote, the official text and
    # the source read, from the day it holds (an amendment or action plan is a later row
    # of the same term). Logged like the other items, with events.entity 'term'.
    db.execute(
        """
        CREATE TABLE terms (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code TEXT NOT NULL REFERENCES parties(code),
            term TEXT NOT NULL,
            status TEXT NOT NULL,
            holds_from TEXT NOT NULL,
            value TEXT,
            unit TEXT,
            firmness TEXT,
            clause TEXT,
            quote TEXT,
            quote_lang TEXT,
            text_url TEXT,
            source TEXT,
            source_kind TEXT,
            note TEXT
        )
        """
    )
    db.execute("CREATE INDEX terms_code ON terms (code, holds_from, id)")


def m010_deliveries(db: Database) -> None:
    # What was done against the pledges: figures reported as allocated, contracted,
    # disbursed, delivered, provided or received, each as stated (amount, currency, and
    # its USD and EUR values at the ECB rates of the day it was stated), the period it
    # covers and whether it is a running total, who reports it, the channel, and the
    # pledge it answers where its source ties it. Logged like the other items, with
    # events.entity 'delivery'.
    db.execute(
        """
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            code TEXT NOT NULL REFERENCES parties(code),
            measure TEXT NOT NULL,
            amount TEXT NOT NULL,
            currency TEXT NOT NULL,
            period_from TEXT NOT NULL,
            period_to TEXT NOT NULL,
            cumulative INTEGER NOT NULL,
            stated_on TEXT NOT NULL,
            reporter TEXT NOT NULL,
            channel TEXT NOT NULL,
            value_usd INTEGER NOT NULL,
            usd_rate TEXT NOT NULL,
            usd_rate_date TEXT NOT NULL,
            value_eur INTEGER NOT NULL,
            eur_rate TEXT NOT NULL,
            eur_rate_date TEXT NOT NULL,
            qualifier TEXT NOT NULL,
            kind TEXT,
            instrument TEXT,
            pledge INTEGER,
            source TEXT,
            note TEXT
        )
        """
    )
    db.execute("CREATE INDEX deliveries_code ON deliveries (code, stated_on, id)")


MIGRATIONS = [
    m001_create_tables,
    m002_index_events_for_as_of,
    m003_official_count_and_milestones,
    m004_pledge_ledger,
    m005_index_the_seed_batch,
    m006_instrument_tie_months_and_eur,
    m007_ids_never_given_twice,
    m008_items_reference_their_party,
    m009_terms,
    m010_deliveries,
]
NAMES = [migration.__name__ for migration in MIGRATIONS]


def apply(db: Database) -> None:
    """Apply what is pending; the caller holds the write transaction."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for migration in MIGRATIONS:
        migrations()(migration)
    migrations.apply(db)
