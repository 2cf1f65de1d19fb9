"""The tracker with every use case: the rooms of ``agreements_cli.tracker`` together."""

from agreements_cli.tracker.deliveries import Deliveries
from agreements_cli.tracker.files import DataFiles
from agreements_cli.tracker.writes import Confirm

__all__ = ["Confirm", "Tracker"]


class Tracker(DataFiles, Deliveries):
    """The tracker of one database (see ``base.Opened``): every use case."""
