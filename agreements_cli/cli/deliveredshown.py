"""The results of the ledger of what was done, ready for each format (see
``output.Shown``): the records of the machine formats come from the library, once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from agreements_cli.cli.output import Shown
from agreements_cli.delivered import FLAT_FIELDS, flat_rows
from agreements_cli.deliveries import DELIVERY_FIELDS
from agreements_cli.tracker.deliveries import DeliveredReport, DeliveryLedger
from agreements_cli.wording import dated

if TYPE_CHECKING:
    from rich.console import RenderableType

# A figure as the machine formats give it: its party's name beside its code.
DELIVERY_ROW_FIELDS = (*DELIVERY_FIELDS[:2], "country", *DELIVERY_FIELDS[2:])


def deliveries_shown(ledger: DeliveryLedger) -> Shown:
    count = len(ledger.entries)
    heading = (
        f"{count} figure{'' if count == 1 else 's'} of what was done, "
        f"{dated(ledger.dated.as_of, ledger.dated.data_as_of)}"
    )

    def rows() -> list[dict[str, Any]]:
        return [{**entry.figure.as_dict(), "country": entry.country} for entry in ledger.entries]

    def flat() -> list[dict[str, Any]]:
        return [{f: row[f] for f in DELIVERY_ROW_FIELDS} for row in rows()]

    def view(width: int) -> RenderableType:
        from agreements_cli.render.delivered import deliveries_view

        return deliveries_view(ledger, heading)

    return Shown(json=flat, view=view, fields=DELIVERY_ROW_FIELDS, rows=flat)


def delivered_shown(found: DeliveredReport) -> Shown:
    when = dated(found.dated.as_of, found.dated.data_as_of)
    heading = "Promised against done" + (f" in {found.year}" if found.year else "") + f", {when}"

    def value() -> dict[str, Any]:
        report = found.report
        return {
            "as_of": found.dated.as_of,
            "data_as_of": found.dated.data_as_of,
            "year": found.year,
            "years": [done.as_dict() for done in report.years],
            "apart": [apart.as_dict() for apart in report.apart],
        }

    def view(width: int) -> RenderableType:
        from agreements_cli.render.delivered import delivered_view

        return delivered_view(found.report, heading, width)

    return Shown(json=value, view=view, fields=FLAT_FIELDS, rows=lambda: flat_rows(found.report))
