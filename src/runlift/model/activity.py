"""What was really done: activities (runs, lifts, other cardio), their sets, laps and
sample streams, and daily wellness entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class ActivityModality(StrEnum):
    RUN = "run"
    STRENGTH = "strength"
    OTHER = "other"


class SetType(StrEnum):
    WARMUP = "warmup"
    WORKING = "working"
    DROP = "drop"
    FAILURE = "failure"
    REST = "rest"


class BodyRegion(StrEnum):
    LOWER = "lower"
    UPPER = "upper"
    CORE = "core"
    FULL = "full"


@dataclass(frozen=True, slots=True)
class StrengthSet:
    """One set as done. ``exercise`` is the catalogue name, ``exercise_raw`` as written."""

    exercise: str
    exercise_raw: str
    type: SetType = SetType.WORKING
    reps: int | None = None
    load_kg: float | None = None
    duration_s: float | None = None
    rpe: float | None = None
    rir: float | None = None


@dataclass(frozen=True, slots=True)
class Lap:
    start: datetime
    duration_s: float
    distance_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    ascent_m: float | None = None


@dataclass(frozen=True, slots=True)
class Streams:
    """Sample streams of one activity, all the same length; NaN marks a missing sample.

    ``time_s`` counts seconds from the activity start. A channel the device did not
    record is ``None`` rather than all-NaN.
    """

    time_s: tuple[float, ...]
    heart_rate: tuple[float, ...] | None = None
    speed_mps: tuple[float, ...] | None = None
    cadence: tuple[float, ...] | None = None
    altitude_m: tuple[float, ...] | None = None
    power_w: tuple[float, ...] | None = None
    distance_m: tuple[float, ...] | None = None

    CHANNELS = ("heart_rate", "speed_mps", "cadence", "altitude_m", "power_w", "distance_m")

    def __len__(self) -> int:
        return len(self.time_s)


@dataclass(frozen=True, slots=True)
class Activity:
    """A completed session. ``start`` is timezone-aware; durations are seconds."""

    start: datetime
    modality: ActivityModality
    sport: str
    duration_s: float
    source: str
    moving_s: float | None = None
    distance_m: float | None = None
    ascent_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    rpe: float | None = None
    source_file: str | None = None
    source_hash: str | None = None
    device: str | None = None
    notes: str | None = None
    laps: tuple[Lap, ...] = ()
    streams: Streams | None = None
    sets: tuple[StrengthSet, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Wellness:
    """How the athlete was on one day; every measure is optional."""

    day: date
    body_mass_kg: float | None = None
    resting_hr: float | None = None
    hrv_ms: float | None = None
    sleep_h: float | None = None
    soreness: int | None = None
    mood: int | None = None
    notes: str | None = None
