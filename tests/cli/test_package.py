"""The package people install: its licence, classifiers and keywords, a changelog that
moves with the version, and a --version that names the data release."""

import importlib.metadata
import re

from agreements_cli import __version__
from agreements_cli.formats import bundled

from conftest import ROOT


def test_the_installed_metadata_carries_the_licence_classifiers_and_keywords():
    meta = importlib.metadata.metadata("agreements")
    assert meta["License"] == "MIT"  # what pip show prints, old pips too
    assert meta.get_all("License-File") == ["LICENSE"]
    classifiers = meta.get_all("Classifier")
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert "Environment :: Console" in classifiers
    assert "License :: OSI Approved :: MIT License" in classifiers
    assert {"Ukraine", "security agreements", "data journalism"} <= set(meta["Keywords"].split(","))
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")


def test_the_changelog_starts_with_this_version_and_names_its_data():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## (\d+\.\d+\.\d+)", changelog, re.M)
    assert versions[0] == __version__ == "0.7.0"
    latest = changelog.split("\n## ")[1]
    assert "### Code" in latest and "### Data" in latest and bundled.UPDATES in latest


def test_version_names_the_code_and_the_data_release(run):
    # updates-2026-12c.json: snapshot 2026-06-25, sources_checked 2026-12-07.
    assert run("--version").stdout == (
        "agreements 0.7.0 (data updates-2026-12c.json: changes to 2026-06-25, sources "
        "checked to 2026-12-07)\n"
    )


def test_pip_show_gives_the_licence_and_the_classifiers():
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-m", "pip", "show", "-v", "agreements"],
                           capture_output=True, text=True, check=True, timeout=120).stdout  # fmt: skip
    assert "\nLicense: MIT\n" in shown
    assert "\nClassifiers:\n" in shown and "  Topic :: Database\n" in shown
