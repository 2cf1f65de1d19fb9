"""The use cases: one method for each thing a user does with the tracker.

A ``Tracker`` is opened on a store and a clock (today's date, asked for when a rule needs
it). Each method takes values already parsed from the user's words, applies the rules,
reads or writes the store, and returns a typed result; it names no command line option.
Anything it refuses is an ``AgreementsError`` with a reason and a fix for the interface
to word. Its methods are in rooms by what they do: reading, changing, data files.
"""

from agreements_cli.tracker.deliveries import Deliveries
from agreements_cli.tracker.files import DataFiles
from agreements_cli.tracker.writes import Confirm

__all__ = ["Confirm", "Tracker"]


class Tracker(DataFiles, Deliveries):
    """The tracker of one database (see ``base.Opened``): every use case."""
