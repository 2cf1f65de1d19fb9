"""What importing a data file would change: parties to add, update or remove, and their
milestones and pledges, keyed by code; and, for the bundled data, a three-way merge against
the versions of it the database took in before, which keeps the user's own changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import NamedTuple

from agreements_cli.errors import BadInput
from agreements_cli.formats.datafile import parse
from agreements_cli.records import (
    ENTITIES,
    ENTITY_NOUNS,
    FIELDS,
    Change,
    ImportPlan,
    Item,
    Party,
    Pledge,
    SeedData,
    Term,
    Tick,
    changed_fields,
)
from agreements_cli.rules import effective_date
from agreements_cli.wording import changes_text, item_words


def plan_data(
    data: object,
    current: dict[str, Party],
    items: dict[str, list],
    replace: bool,
    today: date,
    base: Sequence[object] | None = None,
    tick: Tick | None = None,
) -> ImportPlan:
    """What importing the data file ``data`` into the parties ``current`` with their
    ``items`` (milestones and pledges) would change. ``base``: the earlier versions of the
    same data that the database has taken in, oldest first (the bundled seed and later
    data): the import then applies only what changed since them (``plan_import``)."""
    ledger: dict[str, list[Pledge]] = {}
    for pledge in items["pledge"]:
        ledger.setdefault(pledge.code, []).append(pledge)
    merged = None
    if base is not None:
        merged = _merged_base([parse(version, today) for version in base])
    statuses = {code: party.status for code, party in current.items()}
    parsed = parse(data, today, ledger, statuses, tick)
    return plan_import(parsed, current, items, replace, today, merged)


class Base(NamedTuple):
    """What earlier versions of a data file gave each party: its row, and its milestones,
    pledges and terms by key (a term as it was given, to tell the user's change from it)."""

    rows: dict[str, Party]
    items: dict[str, dict[str, set[tuple]]]  # entity -> code -> keys
    terms: dict[tuple, Term]  # (code, key) -> the term the data gave


def _merged_base(versions: list[SeedData]) -> Base:
    """The earlier versions as one: a later version's record stands for the party; its
    items are all those any version gave (an item any of them gave came from the data)."""
    rows: dict[str, Party] = {}
    items: dict[str, dict[str, set[tuple]]] = {entity: {} for entity in ENTITIES}
    given: dict[tuple, Term] = {}
    for version in versions:
        rows.update({row.code: row for row, _ in version.rows})
        lists: dict[str, dict[str, list]] = {
            "milestone": version.milestones,
            "pledge": {**version.pledges, **version.added_pledges},
            "term": version.terms or {},
            "delivery": version.deliveries or {},
        }
        for code, listed in (version.terms or {}).items():
            given.update({(code, term.key()): term for term in listed})
        for entity, by_code in lists.items():
            for code, listed in by_code.items():
                items[entity].setdefault(code, set()).update(item.key() for item in listed)
    return Base(rows, items, given)


# Fields that change together: taken from the data, or kept from the user, as one.
_FIELD_GROUPS = (("status", "signed_on"), ("counted", "count_reason", "count_source"))


_GROUPED = {f for group in _FIELD_GROUPS for f in group}


_MERGED = (*_FIELD_GROUPS, *((f,) for f in FIELDS if f not in _GROUPED and f != "code"))


def _merged(
    mine: Party, theirs: Party, take: Callable[[tuple[str, ...], list, list], bool | None]
) -> tuple[Party, list[str]]:
    """``mine`` with each group of fields ``theirs`` has otherwise taken where ``take``
    says True, named as a conflict where it says False, and left where it says None."""
    taken: dict[str, object] = {}
    conflicts: list[str] = []
    for group in _MERGED:
        ours = [getattr(mine, f) for f in group]
        new = [getattr(theirs, f) for f in group]
        if new == ours:
            continue  # the user has it already
        verdict = take(group, ours, new)
        if verdict:
            taken.update(zip(group, new, strict=True))
        elif verdict is False:  # each field of the group the user has otherwise
            conflicts.extend(f for f, o, n in zip(group, ours, new, strict=True) if o != n)
    return mine.but(**taken), conflicts


def _merged_row(base: Party, mine: Party, theirs: Party) -> tuple[Party, list[str]]:
    """A party's row merged three ways: what the data changed since ``base`` is taken
    where the user left it as it was; where both changed it differently, the user's value
    stays and the field is named as a conflict."""

    def take(group: tuple[str, ...], ours: list, new: list) -> bool | None:
        was = [getattr(base, f) for f in group]
        if new == was:
            return None  # the data did not change it
        return ours == was

    return _merged(mine, theirs, take)


# How far an agreement has got: data that records a later stage than the user's (their
# Czechia negotiating, the data's signed) brings the party up to date.
_STAGE = {"planned": 0, "negotiating": 1, "signed": 2}


def _merged_new(mine: Party, theirs: Party) -> tuple[Party, list[str]]:
    """A party the user added before the data did: the data fills what the user left
    empty (or at its default) and brings a later stage; where the user wrote something
    else, the user's value stays and the field is named as a conflict."""
    fresh = Party.from_row({"code": mine.code})  # an added party's defaults

    def take(group: tuple[str, ...], ours: list, new: list) -> bool:
        later = group[0] == "status" and _STAGE[theirs.status] > _STAGE[mine.status]
        return later or ours == [getattr(fresh, f) for f in group]

    return _merged(mine, theirs, take)


def plan_import(
    parsed: SeedData,
    current: dict[str, Party],
    items: dict[str, list],
    replace: bool,
    today: date,
    base: Base | None = None,
) -> ImportPlan:
    """Compare a parsed data file with the database: parties to add, update or remove
    (with --replace), and milestones and pledges (``items``, by entity) to add, change or
    remove. A record that lists them gives the party's whole list: it adds those the party
    lacks, changes those that differ but in id, and removes those it leaves out; a record
    that does not list them leaves them alone. With --replace, the file is the whole data
    set and what it leaves out goes.

    With a ``base`` (the earlier versions of the same data the database took in), it is a
    three-way merge that keeps the user's work: a field the data changed is taken only
    where the user left it as the base had it (else the user's value stays, a conflict);
    a party or item the user removed is not brought back; an item the user added stays;
    only an item the base gave and the data no longer lists is removed."""
    changes: list[Change] = []
    lines: list[str] = []
    kept: list[str] = []
    counts = {"add": 0, "update": 0, "remove": 0, "unchanged": 0}
    skipped: set[str] = set()
    for row, effective_on in parsed.rows:
        before = current.get(row.code)
        was = base.rows.get(row.code) if base else None
        if base is not None and before is None and was is not None:
            skipped.add(row.code)
            kept.append(f"keep {row.country} ({row.code}) untracked: it was removed here")
            continue
        if base is None and before is not None and not replace and parsed.given is not None:
            row, effective_on = _given_fields(
                before, row, parsed.given[row.code], effective_on, today
            )
        if base is not None and before is not None:
            if was is not None:
                row, conflicts = _merged_row(was, before, row)
            else:  # a party the data adds that the user added first
                row, conflicts = _merged_new(before, row)
            for field in conflicts:
                kept.append(
                    f"keep {row.country} ({row.code}) {field} as changed here: "
                    f"{getattr(before, field)!r}; the data now says {_new_value(parsed, row.code, field)!r}"
                )
        if row.status == "signed" and not row.signed_on:  # written by no route
            raise BadInput(
                f"the record of {row.country} ({row.code}) has the status signed but no "
                "signing date. Give its signed_on as YYYY-MM-DD, or another status"
            )
        fields = changed_fields(before, row)
        if fields:
            changes.append(Change("party", row.code, before, row, effective_on))
            verb = "update" if before else "add"
            counts[verb] += 1
            was_fields = before.as_dict() if before else {}
            now = row.as_dict()
            text = changes_text({f: [was_fields.get(f), now[f]] for f in fields}, "party")
            lines.append(f"{verb} {row.country} ({row.code}), effective {effective_on}: {text}")
    listed = {row.code: row for row, _ in parsed.rows}
    if replace:
        for code, before in current.items():
            if code not in listed:
                changes.append(Change("party", code, before, None, today.isoformat()))
                counts["remove"] += 1
                lines.append(f"remove {before.country} ({code}): not in the file")
    counts["unchanged"] = len(parsed.rows) - counts["add"] - counts["update"] - len(skipped)
    moves = _plan_every_item(
        parsed, items, replace, base, skipped, listed, current, changes, lines, kept
    )
    return ImportPlan(changes, lines + kept, counts, moves)


def _plan_every_item(
    parsed: SeedData,
    items: dict[str, list],
    replace: bool,
    base: Base | None,
    skipped: set[str],
    listed: dict[str, Party],
    current: dict[str, Party],
    changes: list[Change],
    lines: list[str],
    kept: list[str],
) -> dict[str, dict[str, int]]:
    """The milestones and pledges of an import (see ``plan_import``): their changes and
    lines added to ``changes``, ``lines`` and ``kept``; how many of each, by entity."""
    wanted: dict[str, dict[str, list]] = {
        "milestone": parsed.milestones, "pledge": parsed.pledges, "term": parsed.terms or {},
        "delivery": parsed.deliveries or {},
    }  # fmt: skip
    added: dict[str, dict[str, list]] = {"milestone": {}, "pledge": parsed.added_pledges,
                                         "term": {}, "delivery": {}}  # fmt: skip
    moves: dict[str, dict[str, int]] = {}
    pledge_ids = {(p.code, p.key()): p.id for p in items.get("pledge", [])}
    for entity in ENTITIES:
        if entity == "delivery":  # the pledge each answers, by its id (given to the pledges)
            wanted[entity] = _answering(wanted[entity], parsed.answering or {}, pledge_ids)
        planned, held = _plan_items(
            entity,
            {c: v for c, v in wanted[entity].items() if c not in skipped},
            {c: v for c, v in added[entity].items() if c not in skipped},
            items.get(entity, []),
            replace,
            base.items[entity] if base else None,
            parsed.replacing or {} if entity == "pledge" else {},
        )
        if base is not None and entity == "term":
            planned = _user_terms_kept(planned, base.terms, listed, current, kept)
        for code, item in held:
            owner = listed.get(code) or current.get(code)
            kept.append(
                f"keep {ENTITY_NOUNS[entity]} of {owner.country if owner else code} removed here: "
                f"{item_words(item)}"
            )
        if not planned:
            continue
        moved = moves[entity] = {"add": 0, "change": 0, "remove": 0}
        for change in planned:
            verb = (
                "add" if change.before is None else "remove" if change.after is None else "change"
            )
            moved[verb] += 1
            party = listed.get(change.code) or current.get(change.code)
            who = party.country if party else change.code
            shown = item_words(change.after or change.before)
            lines.append(f"{verb} {ENTITY_NOUNS[entity]} of {who} ({change.code}): {shown}")
        changes.extend(planned)
        if entity == "pledge":
            for change in planned:
                if change.after is not None:
                    pledge_ids[(change.code, change.after.key())] = change.after.id
    return moves


def _answering(
    wanted: dict[str, list], answering: dict[tuple, tuple], pledge_ids: dict[tuple, int | None]
) -> dict[str, list]:
    """Each listed figure with the id of the pledge it answers (by the pledge's key)."""
    return {
        code: [
            figure.but(pledge=pledge_ids.get((code, answering[(code, figure.key())])))
            if (code, figure.key()) in answering
            else figure
            for figure in listed
        ]
        for code, listed in wanted.items()
    }


def _user_terms_kept(
    planned: list[Change],
    given: dict[tuple, Term],
    listed: dict[str, Party],
    current: dict[str, Party],
    kept: list[str],
) -> list[Change]:
    """The bundled data's changes of terms, less those of a term the user changed since the
    data gave it: the user's term stays (and is named), never overwritten or removed."""
    left = []
    for change in planned:
        before = change.before
        was = given.get((change.code, before.key())) if before is not None else None
        if was is not None and before.but(id=None) != was:
            owner = listed.get(change.code) or current.get(change.code)
            theirs = item_words(change.after) if change.after else "no such term"
            kept.append(
                f"keep term of {owner.country if owner else change.code} as changed here: "
                f"{item_words(before)}; the data now says {theirs}"
            )
            continue
        left.append(change)
    return left


def _given_fields(
    before: Party, row: Party, given: frozenset[str], effective_on: str, today: date
) -> tuple[Party, str]:
    """``row`` as a record that gives only the fields ``given`` makes it of the stored
    ``before`` (as ``sqlite-utils upsert`` does): a field it leaves out stays as it is, a
    field it gives as null is emptied. A status other than signed that leaves the signing
    date out empties it (as ``update --status`` does); a party counted again loses the
    reason it was outside the count."""
    taken = {f: getattr(row, f) for f in FIELDS if f in given}
    if "status" in taken and "signed_on" not in given and taken["status"] != "signed":
        taken["signed_on"] = None
    if taken.get("counted") is True and "count_reason" not in given:
        taken.update(count_reason=None, count_source=None)
    merged = before.but(**taken)
    if "since" not in given:
        effective_on = effective_date(merged, today) if merged.status == "signed" else effective_on
    return merged, effective_on


def _new_value(parsed: SeedData, code: str, field: str) -> object:
    return next((getattr(row, field) for row, _ in parsed.rows if row.code == code), None)


def _plan_items(
    entity: str,
    wanted: dict[str, list],
    added: dict[str, list],
    existing: Sequence[Item],
    replace: bool,
    base: dict[str, set[tuple]] | None = None,
    replacing: dict[tuple, tuple] | None = None,
) -> tuple[list[Change], list[tuple[str, Item]]]:
    """``wanted`` are whole lists by party; ``added`` items each party should also have.
    With ``base`` (keys of the items earlier versions of the data gave, by party), a
    listed item the party no longer has was removed here and stays removed (returned
    apart), and only items of the base are removed. New items get their ids here, so that
    a pledge can name the one it ``replaces`` (by key) in the same import."""
    have: dict[str, dict[tuple, Item]] = {}
    for item in existing:
        have.setdefault(item.code, {})[item.key()] = item
    next_id = max((item.id or 0 for item in existing), default=0) + 1
    changes: list[Change] = []
    held: list[tuple[str, Item]] = []
    whole = [*wanted, *(sorted(set(have) - set(wanted) - set(added)) if replace else [])]
    for code in [*added, *whole]:  # in the order of the file
        old = have.get(code, {})
        from_data = (base or {}).get(code, set())
        new = {item.key(): item for item in added.get(code) or wanted.get(code, [])}
        ids: dict[tuple, int] = {key: item.id for key, item in old.items() if item.id}
        plan: list[tuple[Item | None, Item]] = []
        for key, item in new.items():
            before = old.get(key)
            if before is None and base is not None and key in from_data:
                held.append((code, item))  # the user removed it
                continue
            if before is None:
                ids[key], next_id = next_id, next_id + 1
            elif isinstance(before, Pledge) and isinstance(item, Pledge):
                # How it is given and tied, when the file does not say, stay as they are.
                item = item.but(
                    instrument=item.instrument or before.instrument, tie=item.tie or before.tie
                )
            plan.append((before, item.but(id=ids[key])))
        for before, after in plan:
            target = (replacing or {}).get((code, after.key()))
            if target is not None:
                found = ids.get(target)
                if found is None and isinstance(before, Pledge):
                    found = before.replaces  # (what it replaces was removed here: as it stands)
                after = after.but(replaces=found)
            if before != after:
                changes.append(Change(entity, code, before, after))
        if code in whole:  # a record's list is the party's whole list
            for key, item in old.items():
                if key not in new and (base is None or key in from_data):
                    changes.append(Change(entity, code, item, None))
    return changes, held
