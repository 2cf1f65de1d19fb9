"""Which database a run uses (--db, AGREEMENTS_DB, the default), paths that cannot be one,
and when a database is created."""

import pytest

from conftest import assert_refused, dump


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "is a folder"),
        (
            lambda p: p.write_text("not a database at all"),
            "is not an SQLite database; it was left untouched",
        ),
    ],
)
def test_unusable_database_paths_are_reported_and_left_alone(run, db_path, make, message):
    db_path.parent.mkdir(parents=True)
    make(db_path)
    before = db_path.read_bytes() if db_path.is_file() else None
    result = run("list")
    assert result.exit_code == 1
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert (db_path.read_bytes() if db_path.is_file() else None) == before


def test_db_option_takes_precedence_over_the_environment(run, tmp_path, db_path, monkeypatch):
    monkeypatch.setenv("AGREEMENTS_DB", str(tmp_path / "environment.db"))
    other = tmp_path / "other.db"
    result = run("--db", str(other), "add", "Czechia", "--status", "negotiating")
    assert result.exit_code == 0, result.output
    assert other.exists() and not (tmp_path / "environment.db").exists()
    assert not db_path.exists()


@pytest.mark.parametrize("named", ["--db", "AGREEMENTS_DB"])
def test_a_read_never_creates_a_database_at_a_path_the_user_named(run, tmp_path, named,
                                                                   monkeypatch):  # fmt: skip
    """A typo makes no database: a read of a named path that is not there says so, and
    how to make one; nothing is created, not even its folder."""
    for path in (tmp_path / "missing" / "x.db", tmp_path / "x.db"):
        args = ["--db", str(path)] if named == "--db" else []
        if named == "AGREEMENTS_DB":
            monkeypatch.setenv("AGREEMENTS_DB", str(path))
        for command in (
            ["list"],
            ["progress", "--format", "json"],
            ["show", "Germany"],
            ["history"],
            ["export"],
            ["check"],
            ["db", "info"],
            ["timeline"],
        ):
            assert_refused(run(*args, *command), 1, f"there is no database at {path}. Check the "
                           f"path; to start a database there, run: agreements --db {path} db init")  # fmt: skip
        assert list(tmp_path.iterdir()) == []  # no file, no folder


def test_a_change_creates_a_named_database_only_in_a_folder_that_is_there(run, tmp_path):
    missing = tmp_path / "missing" / "x.db"
    assert_refused(run("--db", str(missing), "add", "Czechia", "--status", "negotiating"), 1,
                   f"there is no folder {missing.parent} for the database x.db")  # fmt: skip
    assert not missing.parent.exists()
    made = tmp_path / "x.db"
    assert run("--db", str(made), "add", "Czechia", "--status", "negotiating").exit_code == 0
    # The new database is seeded, as on a fresh install, and has the change.
    assert len(run.json("--db", str(made), "list")) == 24


def test_db_init_creates_a_seeded_database_once(run, tmp_path):
    path = tmp_path / "newsroom.db"
    made = run("--db", str(path), "db", "init")
    assert made.exit_code == 0, made.output
    assert made.stdout == (
        f"Created the database {path}, with the data as of 2024-07-15. Bring in the later data "
        "that comes with agreements with: agreements import --bundled\n"
    )
    assert len(run.json("--db", str(path), "list")) == 23
    before = dump(path)
    again = run("--db", str(path), "db", "init")
    assert (again.exit_code, again.stdout) == (
        0, f"The database {path} is already there; nothing was changed.\n")  # fmt: skip
    assert dump(path) == before
