"""The frozen values the storage layer returns (besides the domain types themselves)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from runlift.model.activity import Activity, ActivityModality


@dataclass(frozen=True, slots=True)
class MigrationStatus:
    """Where the database schema stands: ``current`` is None for a blank database."""

    current: str | None
    head: str
    pending: tuple[str, ...]

    @property
    def up_to_date(self) -> bool:
        return not self.pending and self.current == self.head


@dataclass(frozen=True, slots=True)
class AthleteRecord:
    id: int
    name: str
    profile_toml: str | None


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """One saved version of an athlete's plan; ``document`` follows ``runlift.plan/1``."""

    id: int
    version: int
    created_at: datetime
    document: dict[str, Any]
    current: bool = False


@dataclass(frozen=True, slots=True)
class PlannedRow:
    """One planned session of a stored plan version (local date and wall-clock times)."""

    plan_id: int
    session_id: str
    date: date
    start: time
    end: time
    modality: str
    kind: str
    intensity: str
    duration_min: int
    distance_km: float | None


@dataclass(frozen=True, slots=True)
class StoredActivity:
    """A stored activity and its id. ``has_streams`` says whether sample streams are
    stored for it, also when they were not loaded (``activity.streams`` is then None)."""

    id: int
    activity: Activity
    has_streams: bool = False


@dataclass(frozen=True, slots=True)
class ActivitySource:
    """Another recording of a stored activity, linked to it instead of stored twice (or
    the version its content was replaced from). ``start`` keeps its original UTC offset;
    ``recorded_at`` is when runlift linked it (UTC)."""

    id: int
    activity_id: int
    source: str
    source_file: str | None
    source_hash: str | None
    start: datetime
    duration_s: float
    recorded_at: datetime


#: What :meth:`Database.import_file` recorded for a file (``imported_files.status``).
FILE_STATUSES = ("imported", "duplicate", "linked")


@dataclass(frozen=True, slots=True)
class ImportedFile:
    """What one :meth:`Database.import_file` call stored: ``new`` the ids of the
    activities stored from the file, ``linked`` the ids its poorer copies were linked
    to, ``replaced`` the ids whose content its richer copies replaced (each in the order
    given). ``activities`` = len(new) + len(replaced), as recorded for the file."""

    file_hash: str
    file_name: str
    status: str
    new: tuple[int, ...] = ()
    linked: tuple[int, ...] = ()
    replaced: tuple[int, ...] = ()

    @property
    def activities(self) -> int:
        return len(self.new) + len(self.replaced)


@dataclass(frozen=True, slots=True)
class DailyTotal:
    """One modality on one local day: the athlete's own calendar day of each start."""

    day: date
    modality: ActivityModality
    sessions: int
    duration_s: float
    distance_m: float
    srpe_load: float


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """How many rows of each kind a backup import wrote."""

    athletes: int = 0
    plans: int = 0
    planned_sessions: int = 0
    activities: int = 0
    laps: int = 0
    streams: int = 0
    sets: int = 0
    wellness: int = 0
    links: int = 0
    imported_files: int = 0
    sources: int = 0
