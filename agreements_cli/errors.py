"""Domain errors. The CLI maps each to one line on stderr and its exit code."""


class AgreementsError(Exception):
    """A runtime or data problem: the database, an already tracked party, ..."""

    exit_code = 1


class BadInput(AgreementsError):
    """Something the user typed or supplied cannot be accepted as it is."""

    exit_code = 2


class AlreadyTracked(AgreementsError):
    """Raised by the store with the row that is already there; the CLI words the message."""

    def __init__(self, row: dict):
        super().__init__(f"{row['country']} is already tracked ({row['status']})")
        self.row = row


class NotTracked(AgreementsError):
    pass


class StoreError(AgreementsError):
    """The database cannot be opened, read or written."""
