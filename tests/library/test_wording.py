"""How a change a command made reads in one line (wording.batch_text), as undo asks about
it and reports it: one event with its changes, or a batch counted by kind."""

from agreements_cli.records import Described
from agreements_cli.wording import batch_text

RECORDED = "2026-11-28T10:00:00+00:00"


def change(entity="party", code="CZ", action="import", changes=None):
    return Described(1, RECORDED, "2024-07-18", code, "Czechia", entity, action, changes or {})


def test_one_change_with_its_fields_and_one_without():
    one = change(action="update", changes={"status": ["negotiating", "signed"]})
    assert batch_text([one]) == (
        "update of Czechia (CZ) recorded 2026-11-28 10:00: status negotiating -> signed"
    )
    assert batch_text([change(action="add")]) == "add of Czechia (CZ) recorded 2026-11-28 10:00"


def test_a_batch_is_counted_by_kind_one_or_more_joined_with_and():
    assert batch_text([change(), change(code="SI"), change("pledge")]) == (
        "import of 2 parties (CZ, SI) and 1 pledge recorded 2026-11-28 10:00"
    )
    assert batch_text([change(), change("milestone"), change("pledge"), change("pledge")]) == (
        "import of 1 party (CZ), 1 milestone and 2 pledges recorded 2026-11-28 10:00"
    )
    assert batch_text([change("pledge"), change("pledge", code="SI")]) == (
        "import of 2 pledges recorded 2026-11-28 10:00"
    )
