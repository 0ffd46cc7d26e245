"""Strength progress: estimated 1RM per lift over time, weekly hard sets per body region,
tonnage, and the RPE of repeated loads.

How a set's rating is read (the same in every function here):

* A logged RPE counts when it is a finite number in 1..10; anything else is bad data
  and is ignored, never an error.
* Without a usable RPE, a RIR in 0..5 becomes ``RPE = 10 - RIR`` through
  :func:`runlift.science.strength.rir_to_rpe` (Zourdos et al., *J Strength Cond Res*
  30(1):267-275, 2016). A larger RIR is off that scale and leaves the set unrated.
* Without either, a set logged as ``FAILURE`` is rated RPE 10: its type already says
  that no repetition was left in reserve. Every other set is unrated.

Bad values (NaN, negative or implausibly large loads and reps, zero reps, ratings out of
range) drop the set or its rating; nothing here raises on logged data.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from runlift.analysis.sessions import Session, week_start, weeks
from runlift.model.activity import ActivityModality, BodyRegion, SetType, StrengthSet
from runlift.model.exercises import body_region
from runlift.science.strength import (
    RPE_MAX,
    RPE_MIN,
    RTS_MAX_REPS,
    RTS_MIN_RPE,
    E1rmFormula,
    e1rm,
    e1rm_from_rpe,
    relative_intensity,
    rir_to_rpe,
    volume_load,
)

HARD_RPE = 7.0
"""A set rated at least this hard (3 or fewer reps in reserve) counts as a hard set."""

RATING_MIN = 1.0
"""Lowest RPE accepted as a rating; lower values are treated as logging errors."""

EPLEY_MAX_REPS = 12
"""Most repetitions from which an unrated set gives an e1RM. Reynolds, Gordon & Robergs
(*J Strength Cond Res* 20(3):584-592, 2006) found the linear equations lose accuracy past
10 reps; 12 matches the RTS chart so both methods cover the same sets."""

MAX_LOAD_KG = 2000.0
"""Loads above this are read as logging errors (a unit or typing slip): it is well above
anything a person moves, even on a leg-press sled, and keeps every sum finite."""

MAX_REPS = 1000
"""Repetition counts above this are read as logging errors, for the same reason."""

# Set types that are training stimulus. Warm-ups are preparation and rest entries are
# pauses; drop and failure sets are extra working sets.
_WORKING_TYPES = frozenset({SetType.WORKING, SetType.DROP, SetType.FAILURE})


class E1rmMethod(StrEnum):
    RPE_CHART = "rpe-chart"  # the set's RPE (or RIR) through the RTS chart
    EPLEY = "epley"  # no rating: the set is taken as done to failure


@dataclass(frozen=True, slots=True)
class LiftBest:
    """The set of one lift in one session with the highest estimated 1RM.

    ``rpe`` is the set's rating as read (see the module docstring), or None when unrated;
    it can be present with ``EPLEY`` when it lies below the RTS chart (RPE < 6)."""

    day: date
    activity_id: int
    lift: str
    e1rm_kg: float
    load_kg: float
    reps: int
    rpe: float | None
    method: E1rmMethod


@dataclass(frozen=True, slots=True)
class StrengthWeek:
    """One ISO week (``week`` is its Monday) of lifting.

    ``working_sets`` counts every working, drop and failure set, rated or not.
    ``hard_sets_*`` count only *rated* hard sets (see :func:`is_hard`) by body region:
    a full-body lift (a clean, a swing) counts toward lower and upper, an exercise
    outside the catalogue toward none. ``hard_sets_total`` counts each hard set once,
    whatever its region, and ``rated_sets`` the working sets that carry a rating, so a
    chart can tell "few hard sets" from "few ratings".
    """

    week: date
    sessions: int
    working_sets: int
    hard_sets_lower: int
    hard_sets_upper: int
    hard_sets_core: int
    tonnage_kg: float
    hard_sets_total: int = 0
    rated_sets: int = 0

    @property
    def hard_sets(self) -> int:
        """Sum of the regions: a full-body set is in it twice (use ``hard_sets_total``
        for a count of sets)."""
        return self.hard_sets_lower + self.hard_sets_upper + self.hard_sets_core


@dataclass(frozen=True, slots=True)
class LoadRpe:
    """A working set with its load and rating, for comparing the effort of one load."""

    day: date
    activity_id: int
    lift: str
    load_kg: float
    reps: int
    rpe: float


# --------------------------------------------------------------------------------------
# Reading one set
# --------------------------------------------------------------------------------------


def _is_working(strength_set: StrengthSet) -> bool:
    return strength_set.type in _WORKING_TYPES


def _is_done_working_set(strength_set: StrengthSet) -> bool:
    """A working, drop or failure set that was done. Missing reps are allowed (a timed
    hold, a set logged without its count); zero, negative or implausible reps are bad."""
    reps_ok = strength_set.reps is None or _reps(strength_set) is not None
    return _is_working(strength_set) and reps_ok


def _reps(strength_set: StrengthSet) -> int | None:
    """The repetitions when they are a whole number in 1..MAX_REPS, else None."""
    reps = strength_set.reps
    if isinstance(reps, bool) or not isinstance(reps, int) or not 1 <= reps <= MAX_REPS:
        return None
    return reps


def _load(strength_set: StrengthSet) -> float | None:
    """The external load when it is in (0, MAX_LOAD_KG], else None (bodyweight or bad)."""
    load = strength_set.load_kg
    if load is None or not 0 < load <= MAX_LOAD_KG:  # NaN fails every comparison
        return None
    return float(load)


def _rating(strength_set: StrengthSet) -> float | None:
    """The set's RPE as described in the module docstring, or None when unrated."""
    rpe, rir = strength_set.rpe, strength_set.rir
    if rpe is not None and math.isfinite(rpe) and RATING_MIN <= rpe <= RPE_MAX:
        return float(rpe)
    if rir is not None and math.isfinite(rir) and 0 <= rir <= RPE_MAX - RPE_MIN:
        return rir_to_rpe(rir)
    if strength_set.type is SetType.FAILURE:
        return RPE_MAX
    return None


def _chart_rpe(rpe: float) -> float | None:
    """The RTS chart row for a rating: the nearest half point, if the chart has it.

    Lifters rate in half points; a value such as 8.3 comes from averaging or a RIR
    converted from a fraction, and the nearest row is the honest reading of it."""
    row = math.floor(rpe * 2 + 0.5) / 2
    return row if RTS_MIN_RPE <= row <= RPE_MAX else None


def is_hard(strength_set: StrengthSet) -> bool:
    """Whether a set is a hard set: a working, drop or failure set rated RPE >= 7
    (3 or fewer reps in reserve).

    RPE 7 is 3 reps in reserve on the RIR-based scale (Zourdos et al., *J Strength Cond
    Res* 30(1):267-275, 2016). Counting sets that close to failure is a common
    practitioner measure of weekly volume; the cut-off is a convention chosen here, not
    a published threshold. An unrated set is *not* hard:
    nothing says how close to failure it went, so hard-set counts are of rated sets
    only; :class:`StrengthWeek` carries the working-set count beside them. A set with
    zero or negative reps was not done and is not hard either.
    """
    if not _is_done_working_set(strength_set):
        return False
    rating = _rating(strength_set)
    return rating is not None and rating >= HARD_RPE


def _estimate(load: float, reps: int, rating: float | None) -> tuple[float, E1rmMethod] | None:
    """The e1RM of one set and how it was found, or None when no estimate is sound.

    A rating on the RTS chart (Tuchscherer, *The Reactive Training Manual*, 2008, as
    reproduced by Helms et al., 2016) is used first because it accounts for the reps
    left in reserve. Otherwise Epley (1985) assumes the set went to failure, which can
    only under-estimate a set that stopped short of it."""
    row = None if rating is None else _chart_rpe(rating)
    if row is not None and reps <= RTS_MAX_REPS:
        return e1rm_from_rpe(load, reps, row), E1rmMethod.RPE_CHART
    if reps <= EPLEY_MAX_REPS:
        return e1rm(load, reps, E1rmFormula.EPLEY), E1rmMethod.EPLEY
    return None


# --------------------------------------------------------------------------------------
# Over sessions
# --------------------------------------------------------------------------------------


def _strength_sessions(sessions: Iterable[Session]) -> list[Session]:
    """Strength sessions in time order (day, start, id) so outputs are reproducible."""
    lifting = [s for s in sessions if s.activity.modality is ActivityModality.STRENGTH]
    return sorted(lifting, key=lambda s: (s.day, s.activity.start, s.id))


def _loaded_sets(session: Session) -> Iterator[tuple[StrengthSet, str, float, int]]:
    """Working sets of a named lift with a usable load and reps: (set, lift, load, reps)."""
    for strength_set in session.activity.sets:
        lift = strength_set.exercise.strip()
        load, reps = _load(strength_set), _reps(strength_set)
        if _is_working(strength_set) and lift and load is not None and reps is not None:
            yield strength_set, lift, load, reps


def best_sets(sessions: Iterable[Session], lifts: Collection[str] | None = None) -> list[LiftBest]:
    """The set with the highest estimated 1RM of each lift in each strength session.

    ``lifts`` keeps only those catalogue names (compared exactly). A set is estimated
    from its rating through the RTS %1RM chart (Tuchscherer 2008; Helms et al., *Strength
    Cond J* 38(4):42-49, 2016) when the rating, rounded to a half point, is RPE 6-10:
    the chart corrects for reps left in reserve. Otherwise Epley (1985),
    ``load (1 + reps / 30)``, treats the set as taken to failure. Sets of more than 12
    reps are skipped (no chart row, and the equations drift far from a true 1RM), as are
    warm-ups, rest entries and sets without a load > 0 (bodyweight work has no external
    load to scale) or reps. Sorted by day, then lift, then activity id.
    """
    wanted = None if lifts is None else frozenset(lifts)
    result: list[LiftBest] = []
    for session in _strength_sessions(sessions):
        best: dict[str, LiftBest] = {}
        for strength_set, lift, load, reps in _loaded_sets(session):
            if wanted is not None and lift not in wanted:
                continue
            rating = _rating(strength_set)
            estimate = _estimate(load, reps, rating)
            if estimate is None:
                continue
            value, method = estimate
            # Strictly greater: on a tie the earlier set stands, as the lifter did it first.
            if lift not in best or value > best[lift].e1rm_kg:
                best[lift] = LiftBest(
                    session.day, session.id, lift, value, load, reps, rating, method
                )
        result.extend(best.values())
    result.sort(key=lambda b: (b.day, b.lift, b.activity_id))
    return result


def strength_weeks(sessions: Iterable[Session], first: date, last: date) -> list[StrengthWeek]:
    """One :class:`StrengthWeek` per ISO week from ``first``'s to ``last``'s, both
    included; weeks without lifting are all zeros and strength sessions outside the
    range are ignored.

    Tonnage is the volume load, the sum of reps x load (ACSM position stand, *Med Sci
    Sports Exerc* 41(3):687-708, 2009), over working, drop and failure sets with a load
    and reps; bodyweight sets add nothing. Region counts: see :class:`StrengthWeek`.
    """
    mondays = weeks(first, last)
    by_week: dict[date, list[Session]] = {monday: [] for monday in mondays}
    for session in _strength_sessions(sessions):
        bucket = by_week.get(week_start(session.day))
        if bucket is not None:
            bucket.append(session)
    return [_week(monday, by_week[monday]) for monday in mondays]


def _week(monday: date, sessions: list[Session]) -> StrengthWeek:
    working = rated = hard_total = 0
    hard = dict.fromkeys((BodyRegion.LOWER, BodyRegion.UPPER, BodyRegion.CORE), 0)
    loads: list[tuple[int, float]] = []
    for session in sessions:
        for strength_set in session.activity.sets:
            if not _is_done_working_set(strength_set):
                continue
            working += 1
            if _rating(strength_set) is not None:
                rated += 1
            if is_hard(strength_set):
                hard_total += 1
                for region in regions_of(strength_set.exercise):
                    hard[region] += 1
        loads.extend((reps, load) for _, _, load, reps in _loaded_sets(session))
    return StrengthWeek(
        week=monday,
        sessions=len(sessions),
        working_sets=working,
        hard_sets_lower=hard[BodyRegion.LOWER],
        hard_sets_upper=hard[BodyRegion.UPPER],
        hard_sets_core=hard[BodyRegion.CORE],
        tonnage_kg=volume_load(loads),
        hard_sets_total=hard_total,
        rated_sets=rated,
    )


def regions_of(exercise: str) -> tuple[BodyRegion, ...]:
    """The regions a hard set of ``exercise`` counts toward.

    A full-body lift loads the legs and the upper body alike, so it is a set for both;
    an exercise outside the catalogue has no known region and is left out rather than
    guessed."""
    region = body_region(exercise)
    if region is None:
        return ()
    if region is BodyRegion.FULL:
        return (BodyRegion.LOWER, BodyRegion.UPPER)
    return (region,)


def rated_sets(sessions: Iterable[Session]) -> list[LoadRpe]:
    """Every working, drop or failure set with a load > 0, reps >= 1 and a rating, in
    time order (day, session start, set order).

    Used to see whether the same load at the same reps is rated harder over time, a
    sign of accumulated fatigue. Sets of any rep count are kept: comparing a set with
    its own earlier repeats needs no 1RM estimate.
    """
    result: list[LoadRpe] = []
    for session in _strength_sessions(sessions):
        for strength_set, lift, load, reps in _loaded_sets(session):
            rating = _rating(strength_set)
            if rating is not None:
                result.append(LoadRpe(session.day, session.id, lift, load, reps, rating))
    return result


@dataclass(frozen=True, slots=True)
class LiftIntensity:
    """How heavy a session's top set of one lift was against the best e1RM known so far."""

    day: date
    activity_id: int
    lift: str
    load_kg: float
    reference_e1rm_kg: float
    percent: float


def relative_intensities(bests: Iterable[LiftBest]) -> list[LiftIntensity]:
    """Relative intensity (load / 1RM x 100, see
    :func:`runlift.science.strength.relative_intensity`) of each session's best set per
    lift, against the highest e1RM of that lift up to and including that session: a
    lifter's working maximum is what they have shown, not a later peak."""
    best_so_far: dict[str, float] = {}
    out = []
    for b in sorted(bests, key=lambda b: (b.day, b.activity_id)):
        reference = max(best_so_far.get(b.lift, 0.0), b.e1rm_kg)
        best_so_far[b.lift] = reference
        percent = relative_intensity(b.load_kg, reference)
        out.append(LiftIntensity(b.day, b.activity_id, b.lift, b.load_kg, reference, percent))
    return out
