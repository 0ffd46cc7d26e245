"""A plan: weeks with targets and placed sessions, each carrying its reasons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum


class Modality(StrEnum):
    RUN = "run"
    STRENGTH = "strength"


class SessionKind(StrEnum):
    # runs
    EASY = "easy"
    LONG = "long"
    TEMPO = "tempo"
    INTERVALS = "intervals"
    HIIT = "hiit"
    SPRINTS = "sprints"
    STRIDES = "strides"
    # strength
    HEAVY_LOWER = "heavy_lower"
    EXPLOSIVE_LOWER = "explosive_lower"
    FULL_BODY = "full_body"
    UPPER = "upper"
    CORE = "core"
    HYPERTROPHY = "hypertrophy"

    @property
    def modality(self) -> Modality:
        return Modality.STRENGTH if self in STRENGTH_KINDS else Modality.RUN


STRENGTH_KINDS = frozenset(
    {
        SessionKind.HEAVY_LOWER,
        SessionKind.EXPLOSIVE_LOWER,
        SessionKind.FULL_BODY,
        SessionKind.UPPER,
        SessionKind.CORE,
        SessionKind.HYPERTROPHY,
    }
)

#: Runs whose quality a runner protects from leg fatigue the day before.
KEY_RUN_KINDS = frozenset({SessionKind.LONG, SessionKind.INTERVALS, SessionKind.TEMPO})


class Intensity(StrEnum):
    EASY = "easy"
    MODERATE = "moderate"
    HARD = "hard"


class Phase(StrEnum):
    BASE = "base"
    BUILD = "build"
    PEAK = "peak"
    TAPER = "taper"
    RECOVERY = "recovery"
    ACCUMULATION = "accumulation"
    INTENSIFICATION = "intensification"
    REALIZATION = "realization"


@dataclass(frozen=True, slots=True)
class Exercise:
    name: str
    sets: int
    reps: int | None = None
    load_kg: float | None = None
    rpe: float | None = None
    duration_s: int | None = None


@dataclass(frozen=True, slots=True)
class PlannedSession:
    id: str
    week: int
    date: date
    start: time
    end: time
    kind: SessionKind
    intensity: Intensity
    lower_body: bool
    duration_min: int
    distance_km: float | None
    targets: tuple[tuple[str, str], ...]
    exercises: tuple[Exercise, ...]
    rules: tuple[str, ...]
    refs: tuple[int, ...]
    title: str

    @property
    def modality(self) -> Modality:
        return self.kind.modality

    @property
    def is_hard(self) -> bool:
        return self.intensity is Intensity.HARD


@dataclass(frozen=True, slots=True)
class WeekSummary:
    week: int
    phase: Phase
    deload: bool
    run_minutes: int
    strength_sessions: int
    hard_sessions: int
    strength_sets: int


@dataclass(frozen=True, slots=True)
class Plan:
    athlete_name: str
    priority: str
    start: date
    weeks: int
    week_summaries: tuple[WeekSummary, ...]
    sessions: tuple[PlannedSession, ...]

    def session(self, session_id: str) -> PlannedSession | None:
        return next((s for s in self.sessions if s.id == session_id), None)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for s in self.sessions:
            seen.update(dict.fromkeys(s.rules))
        return tuple(seen)
