"""The tracker of one database, opened: its store (to read, or to change, which creates a
database that is not there yet), its clock, and what every use case needs of it (the
country a name stands for, the data's dates)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Self, TypeVar

from agreements_cli import countries, reports, terms
from agreements_cli.errors import (
    BadInput,
    Fix,
    NotTracked,
    StoreError,
)
from agreements_cli.formats import bundled
from agreements_cli.records import (
    Listed,
    Party,
    Pledge,
    Term,
)
from agreements_cli.results import (
    Dated,
)
from agreements_cli.store.database import Store
from agreements_cli.store.files import missing

OpenedT = TypeVar("OpenedT", bound="Opened")


class Opened:
    """The tracker of one database. Its store is opened when a use case first needs it,
    after the values it was given are checked: a refused command leaves a database it
    would have created uncreated."""

    def __init__(
        self, store: Store | Callable[[bool], Store], today: Callable[[], date] = date.today
    ):
        self._store = store if isinstance(store, Store) else None
        self._open = None if isinstance(store, Store) else store
        self.today = today

    @classmethod
    def open(cls, path: Path, today: Callable[[], date] = date.today, named: bool = False) -> Self:
        """The tracker of the database at ``path``, created and seeded from the bundled
        seed when new (on first use). A ``named`` path (one the user gave) is created only
        by a change, in a folder that is there: a read of a file that is not there says so
        and creates nothing."""

        def opener(create: bool) -> Store:
            if named and not create and not (path.exists() or path.is_symlink()):
                raise missing(path)
            return Store.open(path, seed=_bundled_seed, folders=not named)

        return cls(opener, today)

    def seen_as(self, room: type[OpenedT]) -> OpenedT:
        """This tracker with the use cases of ``room``: the same store, opened or not, and
        the same clock (one database a run, whichever rooms its command uses)."""
        other = object.__new__(room)
        other.__dict__ = self.__dict__  # shared, not copied: a store opened by one is the other's
        return other

    @property
    def store(self) -> Store:
        """The database, opened to read (see ``open``)."""
        if self._store is None:
            assert self._open is not None
            self._store = self._open(False)
        return self._store

    @property
    def writable(self) -> Store:
        """The database, opened to change: created and seeded if it is not there yet."""
        if self._store is None:
            assert self._open is not None
            self._store = self._open(True)
        return self._store

    @property
    def saved(self) -> bool:
        """Whether a change it was asked for has been committed."""
        return self._store is not None and self._store.saved

    def create(self) -> bool:
        """Create, migrate and seed the database as the first change would; whether it was
        not there before."""
        new = self._store is None and self._open is not None and not self._exists()
        self.writable  # noqa: B018
        return new

    def _exists(self) -> bool:
        try:
            self.store  # noqa: B018
        except StoreError as error:
            if error.fix is Fix.CREATE_DATABASE:
                return False
            raise
        return True

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _party(self, country: str) -> Any:
        """The country ``country`` names (any name, alias or code)."""

        return countries.resolve(country)

    def _tracked(self, country: str) -> Party:
        who = self._party(country)
        row = self.store.parties.get(who.code)
        if row is None:
            raise _not_tracked(who)
        return row

    def _held(self, as_of: date | None, code: str | None = None) -> dict[tuple[str, str], Term]:
        """The terms that hold on ``as_of`` (None: now), of one party or of every one."""
        return terms.holding(self.store.terms.all(code, as_of), as_of)

    def data_as_of(self, day: date | None = None) -> str | None:
        """How current the data shown for ``day`` (None: now) is. A day after today is
        refused: the change log tells the state of a day that has come, not of one to come."""
        if day is not None and day > (today := self.today()):
            raise BadInput(
                f"{day.isoformat()} is after today ({today.isoformat()}); the change log tells "
                "what the tracker showed on a day that has come. Give today or an earlier day"
            )
        snapshot = self.store.settings.all().get("snapshot")
        return reports.data_date(self.store.log.latest_change(), snapshot, day)

    def _dated(self, day: date | None) -> Dated:
        return Dated(day.isoformat() if day else None, self.data_as_of(day))

    def data_dates(self) -> tuple[str | None, str | None]:
        """The data's date, and the latest day the sources of the data files it took in
        were checked: the bundled data's, or a file's that says it (None: neither)."""

        log = self.store.log
        days = [bundled.sources_checked(log.applied), bundled.checked_on(log.origins())]
        return self.data_as_of(), max((day for day in days if day), default=None)

    def _newer_data(self, rows: list[Party]) -> str | None:
        """The date of the bundled later data when the database (whose parties now are
        ``rows``) does not have it yet; else None."""

        log = self.store.log
        earlier = any(log.applied(bundled.origin(name)) for name in bundled.EARLIER)
        return bundled.newer_data(rows, log.applied(bundled.ORIGIN), earlier)

    def _listed(
        self, rows: list[Party], pledges: list[Pledge], as_of: date | None, year: int | None
    ) -> list[Listed]:
        """``rows`` as listed, with ``pledges`` (those by ``as_of``) and their stages then,
        each party with its figures for ``year``."""
        return reports.list_rows(rows, pledges, self.store.milestones.stages(as_of), year)


def _not_tracked(who: Any) -> NotTracked:
    return NotTracked(f"{who.name} is not tracked", Fix.ADD_INSTEAD, name=who.name)


def _bundled_seed() -> Any:
    """The seed, read (and its pledges converted) only when a new database needs it: the
    reader of data files is loaded then, not by every read."""
    from agreements_cli.formats.datafile import load_bundled_seed

    return load_bundled_seed()
