"""The figures of what was done in a data file's record: a ``deliveries`` list of objects,
each checked by the same rules as ``agreements delivery add``, the pledge it answers named
by its announcement date, amount, currency and years (as ``replaces`` names a pledge); and
the database's figures as a record lists them, for export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from datetime import date

from agreements_cli.deliveries import Delivery
from agreements_cli.done import build_delivery
from agreements_cli.errors import BadInput
from agreements_cli.formats.jsonobjects import listed_objects
from agreements_cli.records import Pledge
from agreements_cli.wording import delivery_words

TEXT_KEYS = ("measure", "amount", "currency", "period", "stated_on", "reporter", "channel",
             "qualifier", "kind", "instrument", "source", "note")  # fmt: skip
DELIVERY_KEYS = {*TEXT_KEYS, "cumulative", "answers"}
NEEDED = ("measure", "amount", "currency", "period", "stated_on", "reporter")


def parse_deliveries(
    record: dict, code: str, today: date, answered: dict[tuple, tuple], pledges: Set[tuple]
) -> list[Delivery] | None:
    """A record's figures (None: it lists none). The pledge each answers is one of those
    the record lists (``pledges``: their keys); its key goes into ``answered`` by (code, the
    figure's key), to be given its id when planned."""
    from agreements_cli.formats.datafile import replaced_key

    listed = listed_objects(record, "deliveries", DELIVERY_KEYS, NEEDED)
    if listed is None:
        return None
    found: list[Delivery] = []
    seen: set[tuple] = set()
    for number, item in enumerate(listed, start=1):
        where = f"delivery {number}"
        for key in TEXT_KEYS:
            if item.get(key) is not None and not isinstance(item[key], str):
                raise BadInput(f"{where}: field {key!r} must be a string")
        cumulative = item.get("cumulative", False)
        if not isinstance(cumulative, bool):
            raise BadInput(f"{where}: field 'cumulative' must be true or false")
        try:
            figure = build_delivery(
                code,
                item["amount"],
                item["currency"],
                measure=item["measure"],
                period=item["period"],
                stated_on=item["stated_on"],
                reporter=item["reporter"],
                today=today,
                cumulative=cumulative,
                channel=item.get("channel"),
                qualifier=item.get("qualifier") or "exact",
                kind=item.get("kind"),
                instrument=item.get("instrument"),
                source=item.get("source"),
                note=item.get("note"),
            )
            target = (
                replaced_key(item["answers"], "answers")
                if item.get("answers") is not None
                else None
            )
        except BadInput as error:
            raise error.within(where) from None
        if figure.key() in seen:
            raise BadInput(f"{where} repeats {delivery_words(figure)}; keep one")
        seen.add(figure.key())
        if target is not None and target not in pledges:
            raise BadInput(
                f"a delivery figure answers a pledge the record does not list (announced "
                f"{target[0]}, {target[2]} {target[1]}); list it among the party's pledges"
            )
        if target is not None:
            answered[(code, figure.key())] = target
        found.append(figure)
    return found


def exported(
    figures: Sequence[Delivery], pledges: Mapping[int | None, Pledge]
) -> dict[str, list[dict]]:
    """Each party's figures as its record lists them, by code; the pledge a figure
    answers named by its announcement date, amount, currency and years."""
    by_code: dict[str, list[dict]] = {}
    for figure in figures:
        answered = pledges.get(figure.pledge) if figure.pledge is not None else None
        shown: dict[str, object] = {
            "measure": figure.measure, "amount": figure.amount, "currency": figure.currency,
            "period": figure.period, "cumulative": figure.cumulative or None,
            "stated_on": figure.stated_on, "reporter": figure.reporter,
            "channel": figure.channel,
            "qualifier": None if figure.qualifier == "exact" else figure.qualifier,
            "kind": figure.kind, "instrument": figure.instrument,
            "answers": None if answered is None else {
                "announced_on": answered.announced_on, "amount": answered.amount,
                "currency": answered.currency, "years": answered.period,
            },
            "source": figure.source, "note": figure.note,
        }  # fmt: skip
        by_code.setdefault(figure.code, []).append(
            {k: v for k, v in shown.items() if v is not None}
        )
    return by_code
