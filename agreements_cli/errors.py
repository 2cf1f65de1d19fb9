"""Domain errors: what is wrong (``reason``), and what would put it right (``fix``) named
for the interface to word. Nothing below the CLI names a command line option or a
command; the CLI maps each error to one line on stderr, with its advice, and an exit code."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from agreements_cli.records import Party


class Fix(Enum):
    """A way to put an error right; the CLI words each (``cli/advice.py``)."""

    FILE_PATH = "a file path for the database"
    OTHER_PATH = "another path for the database"
    OTHER_FILE = "another file for the database"
    NEW_FILE = "a new file for the database"
    CREATE_OR_OTHER_PATH = "create the linked file, or another path"
    WRITABLE_OR_COPY = "make the database writable, or use a copy"
    CREATE_DATABASE = "check the path, or create a database there (values: path)"
    SEE_BAD_VALUES = "see every value agreements did not write"
    SEE_LOG_PROBLEMS = "see what is wrong with the change log"
    UNDO_AGAIN = "undo again"
    EXPORTED_FILE = "a data file as agreements exports it"
    PLANNED_AS_MILESTONE = "record a planned signing as a milestone (values: day, today)"
    SIGNED_OR_NO_DATE = "the status signed, or no signing date"
    GIVE_AMOUNT = "an amount"
    CLEARABLE = "a field that can be emptied"
    NOT_COUNTED_OR_NO_REASON = "leave the party out of the count, or give no reason"
    GIVE_COUNT_REASON = "the reason, and its source"
    GIVE_SOURCE = "the page that reports it"
    SEE_ITEMS = "see the party's items (values: entity, code)"
    LIST_ITEMS = "see the items and their ids (values: entity)"
    ADD_INSTEAD = "start tracking the party (values: name)"
    UPDATE_INSTEAD = "change the party instead (values: name)"
    SEE_LIST = "see the tracked parties"
    MANY_PLEDGES = "change one of its pledges by adding and removing (values: code)"
    SIGNED_NEEDS_DATE = "the right signing date, or another status"
    LOAN_INSTRUMENT = "give a loan as the instrument, with what it is for as the kind"
    REPLACES_ANOTHER = "replace a pledge of the same party for the same years (values: code)"
    LOCAL_HOST = "an address of this machine, or of every interface"
    OTHER_PORT = "another port"
    GIVE_ENCODING = "the encoding of a text file that is not UTF-8"
    OTHER_ENCODING = "the right encoding of a text file"
    NO_ENCODING = "no encoding for a workbook"
    NO_SHEET = "no sheet for a file that is not a workbook"
    CHOOSE_SHEET = "the sheet of a workbook that holds the table"
    IMPORT_DATA_FILE = "import a data file of parties"
    # What `check` suggests, each a command that runs (values: code, or id).
    CHECK_SIGNING_DATE = "give the party's signing date"
    CHECK_SOURCE = "give the party's source"
    CHECK_COUNT_REASON = "give the reason the party is outside the count"
    CHECK_PLEDGE_SOURCE = "record the pledge again with its source"
    CHECK_TERM_SOURCE = "record the term again with its source"


class AgreementsError(Exception):
    """A runtime or data problem: the database, an already tracked party, ..."""

    exit_code = 1

    def __init__(self, reason: str, fix: Fix | None = None, **values: object):
        super().__init__(reason)
        self.reason = reason
        self.fix = fix
        self.values = values

    def within(self, where: str) -> AgreementsError:
        """The same error, said of ``where`` (a record of a data file, say)."""
        return type(self)(f"{where}: {self.reason}", self.fix, **self.values)


class BadInput(AgreementsError):
    """Something the user typed or supplied cannot be accepted as it is."""

    exit_code = 2


class AlreadyTracked(AgreementsError):
    """Raised by the store with the row that is already there; the CLI words the message."""

    def __init__(self, row: Party):
        super().__init__(f"{row.country} is already tracked ({row.status})")
        self.row = row


class NotTracked(AgreementsError):
    pass


class StoreError(AgreementsError):
    """The database cannot be opened, read or written."""


class Problem(NamedTuple):
    """Something in the data that needs a person's attention (`check`), and what would put
    it right (words for the interface to give, with its values)."""

    reason: str
    fix: Fix | None = None
    values: dict[str, object] | None = None
