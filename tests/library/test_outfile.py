"""outfile.write_all: files written whole, all renamed into place once every one is written;
a device among them written as it is; what a failure names."""

import os
import threading

import pytest

from agreements_cli.errors import AgreementsError
from agreements_cli.formats import outfile


def test_a_pipe_among_the_files_is_written_to_and_the_files_after_it_too(tmp_path):
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    heard = []
    reader = threading.Thread(target=lambda: heard.append(pipe.read_text(encoding="utf-8")))
    reader.start()
    outfile.write_all([(pipe, "to the pipe"), (tmp_path / "after.csv", lambda out: out.write("a,b\n"))],
                      "--datapackage")  # fmt: skip
    reader.join(timeout=10)
    assert heard == ["to the pipe"]
    assert (tmp_path / "after.csv").read_text(encoding="utf-8") == "a,b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["after.csv", "pipe"]


def test_a_rename_that_fails_names_its_file_and_leaves_no_part(tmp_path, monkeypatch):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    second.write_text("old", encoding="utf-8")
    renamed = []

    def replace(source, target):
        if str(target) == str(second):
            raise OSError(5, "Input/output error")
        renamed.append(target)
        os.rename(source, target)

    monkeypatch.setattr(outfile.os, "replace", replace)
    with pytest.raises(AgreementsError) as refused:
        outfile.write_all([(first, "new 1"), (second, "new 2")], "-o")
    assert refused.value.reason == (
        f"cannot write {second}: Input/output error. Nothing was written there; give another "
        "path with -o"
    )
    assert renamed == [first] and second.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.csv", "second.csv"]
