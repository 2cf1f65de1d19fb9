"""What changed between two dates: the state the change log gives for each (the parties'
rows, their stages, their milestones, pledges and terms by their own dates), compared
field by field. Each difference is added, removed or changed, with the old and new value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from agreements_cli.records import FIELDS, Party, Stage
from agreements_cli.wording import item_words


class State(NamedTuple):
    """What the tracker held on one day."""

    parties: Sequence[Party]
    stages: Mapping[str, Stage]
    items: Mapping[str, Iterable[Any]]  # entity -> its items by then


class Difference(NamedTuple):
    entity: str  # party, stage, milestone, pledge, term
    code: str
    country: str
    change: str  # added, removed, changed
    field: str | None  # the field changed (a party's, or a stage's); None: the whole item
    old: Any
    new: Any
    item_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return self._asdict()


DIFFERENCE_FIELDS = Difference._fields


class Signed(NamedTuple):
    code: str
    country: str
    signed_on: str
    counted: bool

    def as_dict(self) -> dict[str, Any]:
        return self._asdict()


def differences(before: State, after: State) -> list[Difference]:
    """The differences from ``before`` to ``after``, party by party (by country), each
    party's own fields first, then its stage and items."""
    old = {p.code: p for p in before.parties}
    new = {p.code: p for p in after.parties}
    names = {**{c: p.country for c, p in old.items()}, **{c: p.country for c, p in new.items()}}
    found: list[Difference] = []
    for code in sorted(names, key=lambda c: (names[c], c)):
        was, now = old.get(code), new.get(code)
        name = names[code]
        if was is None and now is not None:
            found.append(Difference("party", code, name, "added", None, None, _summary(now)))
        elif now is None and was is not None:
            found.append(Difference("party", code, name, "removed", None, _summary(was), None))
        elif was is not None and now is not None:
            for field in FIELDS:
                a, b = getattr(was, field), getattr(now, field)
                if a != b:
                    found.append(Difference("party", code, name, "changed", field, a, b))
        stage_was, stage_now = before.stages.get(code), after.stages.get(code)
        if stage_was != stage_now:
            change = "added" if stage_was is None else "removed" if stage_now is None else "changed"
            found.append(Difference(
                "stage", code, name, change, "stage", _stage(stage_was), _stage(stage_now)
            ))  # fmt: skip
    for entity in after.items:
        had = {item.id: item for item in before.items.get(entity, ())}
        has = {item.id: item for item in after.items[entity]}
        for item_id in sorted(set(had) | set(has), key=lambda i: (i is None, i or 0)):
            a, b = had.get(item_id), has.get(item_id)
            if a == b:
                continue
            item: Any = b if b is not None else a
            name = names.get(item.code, item.code)
            change = "added" if a is None else "removed" if b is None else "changed"
            found.append(Difference(
                entity, item.code, name, change, None,
                item_words(a) if a is not None else None,
                item_words(b) if b is not None else None, item_id,
            ))  # fmt: skip
    order = ("party", "stage", "milestone", "pledge", "term", "delivery")
    found.sort(key=lambda d: (d.country, d.code, order.index(d.entity)))  # (a stable sort)
    return found


def signed_between(after: State, first: str, last: str) -> list[Signed]:
    """The parties signed after ``first`` and by ``last``, by date, as ``after`` holds them."""
    found = []
    for party in after.parties:
        on = party.signed_on
        if party.status == "signed" and on is not None and first < on <= last:
            found.append(Signed(party.code, party.country, on, party.counted))
    return sorted(found, key=lambda s: (s.signed_on, s.country))


def _summary(party: Party) -> str:
    if party.status == "signed" and party.signed_on:
        return f"signed {party.signed_on}"
    return party.status


def _stage(stage: Stage | None) -> str | None:
    if stage is None or stage.stage is None:
        return None
    return f"{stage.stage} {stage.stage_on}"
