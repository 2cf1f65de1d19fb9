"""Files the commands write: never the database by any route, never half written."""

import os
import sqlite3

import pytest

from conftest import assert_refused, dump

OPTIONS = [("export", "-o"), ("progress", "--svg"), ("progress", "--html")]


def routes(db):
    """Ways of naming the database or a file SQLite keeps beside it, and how to make them."""
    folder = db.parent
    (folder / "sub").mkdir(exist_ok=True)
    return {
        "the same path": str(db),
        "a relative path": db.name,
        "a path through another folder": f"sub/../{db.name}",
        "a symbolic link": lambda: os.symlink(db, folder / "link.db") or "link.db",
        "a link to the folder": lambda: os.symlink(folder, folder / "dirlink") or f"dirlink/{db.name}",
        "a hard link": lambda: os.link(db, folder / "hard.db") or "hard.db",
        "its write-ahead log": f"{db.name}-wal",
        "its shared memory": f"{db.name}-shm",
        "its rollback journal": f"{db.name}-journal",
        "a link to its journal, not there yet":
            lambda: os.symlink(f"{db.name}-journal", folder / "jlink") or "jlink",
    }  # fmt: skip


ROUTES = [
    "the same path", "a relative path", "a path through another folder", "a symbolic link",
    "a link to the folder", "a hard link", "its write-ahead log", "its shared memory",
    "its rollback journal", "a link to its journal, not there yet",
]  # fmt: skip


@pytest.mark.parametrize(("command", "option"), OPTIONS)
@pytest.mark.parametrize("route", ROUTES)
def test_an_output_file_can_never_be_the_database(run, seeded, monkeypatch, command, option, route):
    monkeypatch.chdir(seeded.parent)
    target = routes(seeded)[route]
    name = target() if callable(target) else target
    before, raw = dump(seeded), seeded.read_bytes()
    result = run(command, option, name)
    assert_refused(result, 2, f"{option} {name} is the database {seeded}")
    assert "writing there would destroy it" in result.stderr
    assert dump(seeded) == before and seeded.read_bytes() == raw
    with sqlite3.connect(seeded) as conn:  # still the database, whole
        assert conn.execute("SELECT COUNT(*) FROM parties").fetchone()[0] == 23


def test_a_database_named_through_a_link_is_protected_under_its_own_name(
    run, seeded, monkeypatch, tmp_path
):
    link = tmp_path / "elsewhere.db"
    os.symlink(seeded, link)
    monkeypatch.setenv("AGREEMENTS_DB", str(link))
    before = dump(seeded)
    assert_refused(run("export", "-o", str(seeded)), 2, f"-o {seeded} is the database {link}")
    assert_refused(run("progress", "--svg", f"{seeded}-wal"), 2, "is the database")
    assert dump(seeded) == before


@pytest.mark.parametrize(("command", "option"), OPTIONS)
def test_a_failed_write_keeps_the_old_file_and_leaves_no_part(
    run, seeded, monkeypatch, tmp_path, command, option
):
    out = tmp_path / "out" / "file.txt"
    out.parent.mkdir()
    out.write_text("the old contents\n", encoding="utf-8")

    def full_disk(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    before = dump(seeded)
    result = run(command, option, str(out))
    assert_refused(result, 1, f"cannot write {out}: No space left on device. Nothing was written")
    assert out.read_text(encoding="utf-8") == "the old contents\n"
    assert sorted(p.name for p in out.parent.iterdir()) == ["file.txt"]
    assert dump(seeded) == before


def test_a_rewritten_file_keeps_its_permissions_and_a_new_one_follows_the_umask(
    run, seeded, tmp_path
):
    old = tmp_path / "old.json"
    old.write_text("{}", encoding="utf-8")
    old.chmod(0o640)
    assert run("export", "-o", str(old)).exit_code == 0
    assert old.stat().st_mode & 0o777 == 0o640
    assert '"parties"' in old.read_text(encoding="utf-8")
    for mask, mode in ((0o027, 0o640), (0o002, 0o664)):
        umask = os.umask(mask)
        try:
            assert run("progress", "--html", str(tmp_path / f"new{mask}.html")).exit_code == 0
        finally:
            os.umask(umask)
        assert (tmp_path / f"new{mask}.html").stat().st_mode & 0o777 == mode
    assert os.umask(umask) == umask  # the process's own mask is left as it was
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_an_output_that_is_a_link_is_refused_and_what_it_points_to_kept(run, seeded, tmp_path):
    real = tmp_path / "real.svg"
    real.write_text("old", encoding="utf-8")
    os.symlink(real, tmp_path / "link.svg")
    os.symlink(tmp_path / "gone" / "x.svg", tmp_path / "dangling.svg")
    before = dump(seeded)
    assert_refused(run("progress", "--svg", str(tmp_path / "link.svg")), 2,
                   f"Error: --svg {tmp_path / 'link.svg'} is a symbolic link to {real}; "
                   "agreements writes nothing through a link. Give the path of the file itself "
                   "with --svg")  # fmt: skip
    assert_refused(run("export", "-o", str(tmp_path / "dangling.svg")), 2,
                   f"Error: -o {tmp_path / 'dangling.svg'} is a symbolic link to "
                   f"{tmp_path / 'gone' / 'x.svg'}, which is not there; agreements writes "
                   "nothing through a link. Give the path of a file with -o")  # fmt: skip
    assert real.read_text(encoding="utf-8") == "old"
    assert not (tmp_path / "gone").exists()
    assert dump(seeded) == before


def test_a_link_to_a_device_is_written_as_the_device(run, seeded, tmp_path):
    os.symlink(os.devnull, tmp_path / "nowhere.json")
    result = run("export", "-o", str(tmp_path / "nowhere.json"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "nowhere.json").is_symlink()


@pytest.mark.parametrize(
    "args, message",
    [
        (["export", "-o", ""], "Error: -o needs the name of a file, not an empty one"),
        (["progress", "--svg", ""], "Error: --svg needs the name of a file, not an empty one"),
        (["progress", "--html", " "], "Error: --html needs the name of a file, not an empty one"),
        (["export", "--datapackage", ""],
         "Error: --datapackage needs the name of a folder, not an empty one"),
        (["export", "-o", "x" * 300 + ".json"],
         f"Error: -o {'x' * 300}.json: File name too long. Give another path with -o"),
        (["export", "-o", "a\x00b.json"], "Error: -o 'a\\x00b.json' has a NUL character in it"),
    ],
)  # fmt: skip
def test_an_output_name_that_names_no_file_is_refused(run, seeded, tmp_path, monkeypatch,
                                                      args, message):  # fmt: skip
    here = tmp_path / "here"  # (the database is in tmp_path / "data")
    here.mkdir()
    monkeypatch.chdir(here)
    before = dump(seeded)
    assert_refused(run(*args), 2, message)
    assert sorted(here.iterdir()) == []
    assert dump(seeded) == before


def test_a_link_planted_in_the_package_folder_is_refused_before_anything_is_written(
    run, seeded, tmp_path
):
    folder, victim = tmp_path / "package", tmp_path / "victim.txt"
    folder.mkdir()
    victim.write_text("mine", encoding="utf-8")
    os.symlink(victim, folder / "pledges.csv")
    assert_refused(run("export", "--datapackage", str(folder)), 2,
                   f"Error: --datapackage {folder}: pledges.csv there is a symbolic link to "
                   f"{victim}; agreements writes nothing through a link. Remove it, or give "
                   "another folder with --datapackage")  # fmt: skip
    assert victim.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in folder.iterdir()) == ["pledges.csv"]  # nothing else written
    (folder / "pledges.csv").unlink()
    assert run("export", "--datapackage", str(folder)).exit_code == 0
    assert not (folder / "pledges.csv").is_symlink()
    assert victim.read_text(encoding="utf-8") == "mine"


def test_a_pipe_is_written_to_not_replaced(run, seeded, tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("export", "-o", str(fifo))
    reader.join(timeout=10)
    if reader.is_alive():  # the export never opened the pipe: let the reader go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert b'"format": "agreements/3"' in received[0]
    assert fifo.is_fifo()


def test_the_file_is_written_beside_its_target_as_utf8_and_renamed_into_place(
    run, seeded, tmp_path, monkeypatch
):
    assert run("update", "DE", "--place", "München").exit_code == 0
    renamed = []
    real_replace = os.replace

    def replace(source, target):
        renamed.append((source, target))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    out = tmp_path / "out" / "data.json"
    out.parent.mkdir()
    assert run("export", "-o", str(out)).exit_code == 0
    [(source, target)] = renamed
    assert os.path.dirname(source) == str(out.parent) and target == out
    name = os.path.basename(source)
    assert name.startswith(".data.json.") and name.endswith(".tmp")
    assert '"place": "München"' in out.read_bytes().decode("utf-8")
