"""The athlete profile: who trains, for what, and when they can."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import IntEnum, StrEnum


class Priority(StrEnum):
    RUNNING = "running"
    STRENGTH = "strength"
    BALANCED = "balanced"


class Experience(StrEnum):
    NOVICE = "novice"
    INTERMEDIATE = "intermediate"
    EXPERIENCED = "experienced"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"


class RunFormat(StrEnum):
    """How a lifter prefers to run: easy jogs or short high-intensity intervals."""

    JOG = "jog"
    HIIT = "hiit"


class Weekday(IntEnum):
    MON = 0
    TUE = 1
    WED = 2
    THU = 3
    FRI = 4
    SAT = 5
    SUN = 6

    @property
    def key(self) -> str:
        """The lower-case three-letter key used in profiles and session ids."""
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A local wall-clock window in which a session may be placed."""

    start: time
    end: time

    @property
    def start_min(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def end_min(self) -> int:
        return self.end.hour * 60 + self.end.minute

    @property
    def minutes(self) -> int:
        return self.end_min - self.start_min

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True, slots=True)
class RaceResult:
    """A race the athlete ran recently: the anchor for training paces."""

    distance_m: float
    time_s: float
    label: str


@dataclass(frozen=True, slots=True)
class GoalRace:
    distance_m: float
    label: str
    date: date


@dataclass(frozen=True, slots=True)
class RunningProfile:
    weekly_minutes: int = 0
    recent_race: RaceResult | None = None
    max_hr: int | None = None
    resting_hr: int | None = None
    threshold_hr: int | None = None
    goal_race: GoalRace | None = None


@dataclass(frozen=True, slots=True)
class StrengthProfile:
    one_rep_max_kg: tuple[tuple[str, float], ...] = ()
    equipment: tuple[str, ...] = ()
    run_format: RunFormat = RunFormat.JOG
    hypertrophy: bool = False

    def one_rep_max(self, lift: str) -> float | None:
        return dict(self.one_rep_max_kg).get(lift)


@dataclass(frozen=True, slots=True)
class Availability:
    """Time windows per weekday, each day's windows sorted and not overlapping."""

    windows: tuple[tuple[Weekday, tuple[TimeWindow, ...]], ...]

    def on(self, day: Weekday) -> tuple[TimeWindow, ...]:
        return dict(self.windows).get(day, ())

    @property
    def days(self) -> tuple[Weekday, ...]:
        return tuple(day for day, wins in self.windows if wins)


@dataclass(frozen=True, slots=True)
class ScheduleSpec:
    start: date
    weeks: int
    availability: Availability


@dataclass(frozen=True, slots=True)
class AthleteProfile:
    name: str
    priority: Priority
    experience_running: Experience
    experience_strength: Experience
    schedule: ScheduleSpec
    running: RunningProfile = field(default_factory=RunningProfile)
    strength: StrengthProfile = field(default_factory=StrengthProfile)
    sex: Sex | None = None
    body_mass_kg: float | None = None
