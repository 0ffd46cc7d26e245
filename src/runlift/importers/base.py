"""What every importer returns, and the one error it raises for a file it cannot use."""

from __future__ import annotations

from dataclasses import dataclass

from runlift.errors import InputError
from runlift.model.activity import Activity


class ImportFileError(InputError):
    """A file that cannot be imported: names the file and says why, in plain words."""

    def __init__(self, name: str, reason: str) -> None:
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


@dataclass(frozen=True, slots=True)
class Decoded:
    """The activities found in one file (a multisport file gives several)."""

    activities: tuple[Activity, ...]
    unknown_exercises: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


#: Plausibility limits shared by every importer; values beyond them are refused (or the
#: sample dropped, for streams) and reported, never stored.
MAX_ACTIVITY_S = 48 * 3600
MAX_HEART_RATE = 240
MIN_HEART_RATE = 25
MAX_RUN_SPEED_MPS = 12.5
