"""A file written to a full device by the installed command: a clean error, nothing half written."""

import os

import pytest

from conftest import dump


@pytest.mark.installed
def test_a_full_device_is_a_clean_error(seeded):
    # The installed command, in a process of its own: a fault in this code under test
    # (mutation testing) must not be able to replace the machine's /dev/full.
    from conftest import run_installed

    env = {**os.environ, "AGREEMENTS_DB": str(seeded)}
    before = dump(seeded)
    result = run_installed("export", "-o", "/dev/full", env=env, cwd=seeded.parent)
    assert result.returncode == 1
    assert result.stderr == (
        "Error: cannot write /dev/full: No space left on device. Nothing was written there; "
        "give another path with -o\n"
    )
    assert dump(seeded) == before
