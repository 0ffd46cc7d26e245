"""Everything the report and the charts show, gathered in one value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from runlift.analysis.adherence import AdherenceWeek
from runlift.analysis.banister_fit import BanisterFit
from runlift.analysis.running_progress import BestEffort, RunEfficiency, RunWeek, VdotPoint
from runlift.analysis.signals import Signal
from runlift.analysis.strength_progress import LiftBest, LiftIntensity, StrengthWeek
from runlift.analysis.training_load import FitnessDay, LoadMeasure, WeekLoad
from runlift.analysis.zones import RunZones


@dataclass(frozen=True, slots=True)
class Report:
    """An athlete's training from ``first`` to ``last`` (whole ISO weeks).

    ``fitness`` covers the same days but is computed over the whole history, so CTL is not
    restarted at the window's start. ``banister`` is None when no fit could be made;
    ``banister_note`` then says why. ``zones`` holds each run's time in heart-rate and
    pace zones (runs with streams only); ``intensity`` each session's top set of each lift
    against the best e1RM known so far.
    """

    athlete: str
    first: date
    last: date
    measure: LoadMeasure
    weeks: tuple[WeekLoad, ...]
    fitness: tuple[FitnessDay, ...]
    lifts: tuple[LiftBest, ...]
    strength_weeks: tuple[StrengthWeek, ...]
    efforts: tuple[BestEffort, ...]
    vdot: tuple[VdotPoint, ...]
    efficiency: tuple[RunEfficiency, ...]
    running_weeks: tuple[RunWeek, ...]
    adherence: tuple[AdherenceWeek, ...]
    signals: tuple[Signal, ...]
    banister: BanisterFit | None
    banister_measure: str
    banister_note: str
    zones: tuple[RunZones, ...] = ()
    intensity: tuple[LiftIntensity, ...] = ()
