"""How far a long import has got, on a terminal: a bar on standard error for each stage
(checking the records, writing the changes) that is gone when the import is done. Nothing
is shown for a short import, or where standard error is not a terminal (a pipe, a file,
a log): what the import prints is the same everywhere."""

from __future__ import annotations

from typing import Any

# Units of work (records and the items they list; changes to write) below which no bar is
# shown: such an import is over before a bar would help.
LEAST = 2000


class Ticker:
    """A ``Tick`` (see records) that draws the stages of a long import with Rich."""

    def __init__(self, least: int = LEAST):
        self.least = least
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < self.least:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
        task = self._tasks.get(stage)
        if task is None:
            for earlier in self._tasks.values():  # a new stage: the one before it is done
                self._progress.update(earlier, completed=self._progress.tasks[earlier].total)
            task = self._tasks[stage] = self._progress.add_task(stage, total=total)
        self._progress.update(task, completed=done)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
