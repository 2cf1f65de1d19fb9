"""The use cases that change the data: a party added, updated or removed, a pledge or a
milestone added or removed, the last change undone; each one recorded change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from agreements_cli import reports
from agreements_cli.errors import (
    AgreementsError,
    AlreadyTracked,
    BadInput,
    Fix,
    NotTracked,
)
from agreements_cli.records import (
    Edit,
    Item,
    Party,
    Pledge,
    changed_fields,
)
from agreements_cli.results import (
    Added,
    ItemAdded,
    ItemRemoved,
    PartyFields,
    PledgeFields,
    Removed,
    Undone,
    Updated,
)
from agreements_cli.rules import (
    Draft,
    build_milestone,
    build_pledge,
    build_record,
    draft_from_row,
    draft_pledge,
    effective_date,
    parse_cleared,
    parse_date,
    parse_status,
)
from agreements_cli.tracker.base import Opened, _not_tracked
from agreements_cli.wording import batch_text, changes_text, item_words, pledge_words

# Asked before a change only undo can take back: returns to go on, raises to stop (the
# interface asks on a terminal; a script goes on).
Confirm = Callable[[str], None]


def _go_ahead(question: str) -> None:
    """Go on without asking."""


class Writes(Opened):
    def add(self, country: str, fields: PartyFields, on: date | None = None) -> Added:
        """Start tracking a party, with its first pledge when an amount is given. A signing
        given no date is dated today; the change takes effect ``on`` (default: the signing
        date for a signature, else today)."""

        today = self.today()
        dated_today = parse_status(fields.status or "") == "signed" and not fields.signed_on
        draft = Draft(
            country=country,
            status=fields.status or "",
            signed_on=today.isoformat() if dated_today else fields.signed_on,
            place=fields.place,
            amount=fields.amount,
            currency=fields.currency,
            period=fields.period,
            source=fields.source,
            note=fields.note,
            counted=fields.counted is not False,
            count_reason=fields.count_reason,
            count_source=fields.count_source,
        )
        record = build_record(draft, today)
        on = self._not_after_today(on)
        effective = on.isoformat() if on else effective_date(record, today)
        pledge = draft_pledge(draft, record, today, effective)
        try:
            self.writable.add(record, effective, pledge)
        except AlreadyTracked as error:
            raise AgreementsError(str(error), Fix.UPDATE_INSTEAD, name=error.row.country) from None
        return Added(record, pledge, dated_today)

    def update(self, country: str, fields: PartyFields, on: date | None = None) -> Updated:
        """Change a tracked party: the fields given, and with an amount, currency or period
        its one pledge. Decided inside the write from what the database holds then, so no
        other writer's change made meanwhile is lost. ``changes`` is None when the party
        already has these values."""

        who = self._party(country)
        status = parse_status(fields.status) if fields.status else None
        fields = fields._replace(cleared=parse_cleared(fields.cleared))
        both = sorted(fields.cleared & set(fields.given()))
        if both:
            raise BadInput(f"{both[0]} is both given and to be emptied; give one")
        today = self.today()
        plan = _UpdatePlan(who, fields, status, today, self._not_after_today(on))
        try:
            edit = self.writable.update(who.code, plan)
        except NotTracked:
            raise _not_tracked(who) from None
        if edit is None:
            return Updated(who.name, who.code)
        return Updated(
            who.name, who.code, edit.row.status, plan.said, plan.signing_cleared, plan.dated_today
        )

    def _not_after_today(self, on: date | None) -> date | None:
        """A date a change took effect: one that has come."""
        if on is not None:
            parse_date(on.isoformat(), "effective date", self.today())
        return on

    def remove(self, country: str, on: date | None = None, confirm: Confirm = _go_ahead) -> Removed:
        """Stop tracking a party, with its pledges and milestones; recorded, undoable."""
        who = self._party(country)
        on = self._not_after_today(on)
        current = self.writable.parties.get(who.code)
        if current is None:
            raise NotTracked(
                f"{who.name} is not tracked, so there is nothing to remove", Fix.SEE_LIST
            )
        confirm(f"Stop tracking {who.name} ({current.status})?")
        self.store.remove(who.code, (on or self.today()).isoformat())
        return Removed(current)

    def undo(self, confirm: Confirm = _go_ahead) -> Undone:
        """Revert the most recent change (an add, update, remove or import)."""

        events = self.writable.last_undoable()
        if not events:
            raise AgreementsError("nothing to undo: no change has been made since the seed")
        described = [reports.describe_event(e) for e in events]
        confirm(f"Undo the {batch_text(described)}?")
        self.store.undo(events[0].batch)
        return Undone(described)

    def add_pledge(self, country: str, given: PledgeFields) -> ItemAdded:
        """Record a pledge of a tracked party; its USD value is computed now, at the ECB
        rate of its announcement date."""

        today = self.today()
        who = self._party(country)
        pledge = build_pledge(
            who.code,
            given.amount,
            given.currency,
            given.years,
            today,
            per_year=given.per_year,
            kind=given.kind,
            qualifier=given.qualifier,
            announced_on=given.announced_on or today.isoformat(),
            source=given.source,
            note=given.note,
            instrument=given.instrument,
            tie=given.tie,
            replaces=given.replaces,
        )
        if given.replaces is not None:
            self._check_replaced(pledge, given.replaces)
        return self._add_item("pledge", who, pledge)

    def _check_replaced(self, pledge: Pledge, replaced_id: int) -> None:
        """A pledge replaces an earlier one of the same party for some of its months."""
        replaced = self.writable.pledges.get(replaced_id)
        start, end = pledge.months
        first, last = replaced.months
        if replaced.code != pledge.code:
            raise BadInput(
                f"pledge {replaced_id} is of {replaced.code}, not {pledge.code}",
                Fix.REPLACES_ANOTHER,
                code=pledge.code,
            )
        if start > last or end < first:
            raise BadInput(
                f"pledge {replaced_id} covers {replaced.period} and this one {pledge.period}: "
                "it would replace nothing",
                Fix.REPLACES_ANOTHER,
                code=pledge.code,
            )

    def add_milestone(
        self,
        country: str,
        step: str,
        on: str,
        source: str | None,
        note: str | None = None,
        document: str | None = None,
    ) -> ItemAdded:
        """Record a dated, sourced step of a tracked party's agreement."""

        who = self._party(country)
        milestone = build_milestone(who.code, step, on, self.today(), source, note, document)
        return self._add_item("milestone", who, milestone)

    def _add_item(self, entity: str, who: Any, item: Item) -> ItemAdded:
        if self.writable.parties.get(who.code) is None:
            raise _not_tracked(who)
        return ItemAdded(entity, self.store.add_item(entity, item), who.name, who.code)

    def remove_item(self, entity: str, item_id: int, confirm: Confirm = _go_ahead) -> ItemRemoved:
        """Remove a milestone or pledge recorded in error; recorded, undoable."""

        found = self.writable.items(entity).get(item_id)
        who = f"{self.store.parties.country_of(found.code)} ({found.code})"
        confirm(f"Remove {entity} {item_id} of {who}: {item_words(found)}?")
        removed = self.store.remove_item(entity, item_id)
        return ItemRemoved(entity, removed, self.store.parties.country_of(found.code))


class _UpdatePlan:
    """An update's decision, made from what the database holds inside the write."""

    def __init__(
        self, who: Any, fields: PartyFields, status: str | None, today: date, on: date | None
    ):
        self.who = who
        self.fields = fields
        self.status = status
        self.today = today
        self.on = on
        self.said: str | None = None
        self.signing_cleared: str | None = None
        self.dated_today = False

    def __call__(self, current: Party, pledges: list[Pledge]) -> Edit | None:

        fields, who = self.fields, self.who
        given = fields.given()
        money = {"amount", "currency", "period"}
        changes_money = bool(money & (fields.cleared | set(given))) or fields.per_year is not None
        if changes_money and len(pledges) > 1:
            raise BadInput(
                f"{who.name} has {len(pledges)} pledges",
                Fix.MANY_PLEDGES,
                code=who.code,
            )
        old_pledge = pledges[0] if pledges else None
        if fields.per_year is not None and old_pledge is None and "amount" not in given:
            raise BadInput(
                f"{who.name} has no pledge to be for each year or for all of them", Fix.GIVE_AMOUNT
            )
        draft = draft_from_row(current, old_pledge)
        if self.status:
            draft.status = self.status
        for name, value in given.items():
            setattr(draft, name, value)
        emptied = fields.cleared | ({"currency", "period"} if "amount" in fields.cleared else set())
        for name in emptied:
            setattr(draft, name, None)
        if fields.counted is not None:
            draft.counted = fields.counted
            if fields.counted:  # back in the count: the reason for leaving it out goes
                draft.count_reason = fields.count_reason
                draft.count_source = fields.count_source
        if "signed_on" in fields.cleared and draft.status == "signed":
            raise BadInput(
                f"{who.name} is signed, so its signing date cannot be emptied",
                Fix.SIGNED_NEEDS_DATE,
            )
        if (
            draft.status != "signed"
            and current.signed_on
            and fields.signed_on is None
            and draft.signed_on
        ):
            draft.signed_on = None
            self.signing_cleared = current.signed_on
        self.dated_today = draft.status == "signed" and not draft.signed_on
        if self.dated_today:
            draft.signed_on = self.today.isoformat()
        record = build_record(draft, self.today, party=who, stored=current)
        effective_on = (
            self.on.isoformat() if self.on else _update_effective(current, record, self.today)
        )
        new_pledge = old_pledge
        if changes_money:
            new_pledge = draft_pledge(
                draft, record, self.today, effective_on, old_pledge, per_year=fields.per_year
            )
        changed = changed_fields(current, record)
        pledge_changed = new_pledge != old_pledge
        if not changed and not pledge_changed:
            return None
        was, now = current.as_dict(), record.as_dict()
        parts = [changes_text({f: [was[f], now[f]] for f in changed}, "party")] if changed else []
        if pledge_changed:
            before = pledge_words(old_pledge) if old_pledge else "(none)"
            after = pledge_words(new_pledge) if new_pledge else "(none)"
            parts.append(f"pledge {before} -> {after}")
        self.said = "; ".join(parts)
        return Edit(record, effective_on, (old_pledge, new_pledge) if pledge_changed else None)


def _update_effective(before: Party, after: Party, today: date) -> str:
    """A signature takes effect on its signing date; any other change on the day it is made."""

    if after.signed_on and after.signed_on != before.signed_on:
        return effective_date(after, today)
    return today.isoformat()
