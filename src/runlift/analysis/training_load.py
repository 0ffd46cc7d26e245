"""Training load per session, day and week, per modality and combined.

Which measure feeds the combined series is a setting (:class:`LoadMeasure`):

* ``srpe`` (default): session RPE x minutes (Foster 2001), the one internal-load measure
  validated for both running and lifting (Day et al. 2004).
* ``hrss``: the heart-rate stress score (one hour at threshold heart rate = 100).

A session that lacks what the chosen measure needs falls back, in order, to the other
measure converted onto the chosen scale, then to an estimate from its duration and kind
(:data:`ASSUMED_RPE`). Every :class:`SessionLoad` says which one was used, so the report
can show how much of a week is measured and how much guessed.

The conversion between the two scales is a heuristic of ours, not a published figure: an
hour at threshold heart rate (HRSS 100) counts as an hour at :data:`THRESHOLD_RPE`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from runlift.analysis.sessions import HeartRates, Session, days, week_start
from runlift.model.activity import Activity, ActivityModality
from runlift.science.fitness import AcwrDay, PmcDay, PmcForm, acwr_ewma, pmc
from runlift.science.load import SdKind, hrss, monotony_strain, session_rpe_load


class LoadMeasure(StrEnum):
    SRPE = "srpe"
    HRSS = "hrss"


class LoadSource(StrEnum):
    """Where one session's load figure came from."""

    SRPE = "srpe"  # the athlete's RPE x minutes
    HRSS = "hrss"  # average heart rate
    ESTIMATE = "estimate"  # duration and kind only


#: RPE assumed for a session logged without one and without heart rate: a typical easy
#: run, a typical working lifting session, other cardio as light. Heuristics, documented
#: in docs/analysis.md; the report counts how many sessions needed them.
ASSUMED_RPE: dict[ActivityModality, float] = {
    ActivityModality.RUN: 4.0,
    ActivityModality.STRENGTH: 5.0,
    ActivityModality.OTHER: 3.0,
}

#: The RPE an hour at threshold heart rate is taken to equal when converting HRSS onto the
#: session-RPE scale and back (CR-10 "hard" lies between 5 and 7).
THRESHOLD_RPE = 6.0

#: Session-RPE units per HRSS point: HRSS 100 = 60 min x THRESHOLD_RPE.
_SRPE_PER_HRSS = 60.0 * THRESHOLD_RPE / 100.0


@dataclass(frozen=True, slots=True)
class SessionLoad:
    activity_id: int
    day: date
    modality: ActivityModality
    minutes: float
    value: float
    source: LoadSource


@dataclass(frozen=True, slots=True)
class DailyLoad:
    """One calendar day's load per modality (0 on a rest day)."""

    day: date
    run: float = 0.0
    strength: float = 0.0
    other: float = 0.0

    @property
    def combined(self) -> float:
        return self.run + self.strength + self.other

    def of(self, modality: ActivityModality | None) -> float:
        """The load of one modality, or the combined load for None."""
        if modality is None:
            return self.combined
        return float(getattr(self, modality.value))


@dataclass(frozen=True, slots=True)
class WeekLoad:
    """One ISO week: loads per modality, Foster's monotony and strain on the combined
    daily loads (None when every day is equal), and how many sessions each source fed."""

    week: date
    run: float
    strength: float
    other: float
    monotony: float | None
    strain: float | None
    sources: dict[LoadSource, int] = field(default_factory=dict)

    @property
    def combined(self) -> float:
        return self.run + self.strength + self.other


def _minutes(activity: Activity) -> float:
    # Foster's duration is the session's; GoldenCheetah prefers moving time when known.
    seconds = activity.moving_s if activity.moving_s else activity.duration_s
    return max(0.0, seconds) / 60.0


def _hr_stress(activity: Activity, heart: HeartRates | None, minutes: float) -> float | None:
    if heart is None or activity.avg_hr is None or minutes <= 0:
        return None
    avg = min(activity.avg_hr, heart.max_hr)
    if avg <= heart.rest_hr:
        return None  # a resting average says the strap, not the session, is off
    try:
        return hrss(avg, heart.rest_hr, heart.max_hr, minutes, heart.sex, heart.threshold_hr)
    except ValueError:
        return None  # inconsistent heart rates in the profile; fall back


def session_load(
    activity: Activity,
    measure: LoadMeasure = LoadMeasure.SRPE,
    heart: HeartRates | None = None,
) -> tuple[float, LoadSource]:
    """One session's load on the ``measure`` scale, and where the figure came from."""
    minutes = _minutes(activity)
    rpe = activity.rpe if activity.rpe is not None and 0 <= activity.rpe <= 10 else None
    by_rpe = None if rpe is None else session_rpe_load(rpe, minutes)
    by_hr = _hr_stress(activity, heart, minutes)
    if measure is LoadMeasure.SRPE:
        if by_rpe is not None:
            return by_rpe, LoadSource.SRPE
        if by_hr is not None:
            return by_hr * _SRPE_PER_HRSS, LoadSource.HRSS
        estimate = session_rpe_load(ASSUMED_RPE[activity.modality], minutes)
        return estimate, LoadSource.ESTIMATE
    if by_hr is not None:
        return by_hr, LoadSource.HRSS
    if by_rpe is not None:
        return by_rpe / _SRPE_PER_HRSS, LoadSource.SRPE
    estimate = session_rpe_load(ASSUMED_RPE[activity.modality], minutes) / _SRPE_PER_HRSS
    return estimate, LoadSource.ESTIMATE


def session_loads(
    sessions: Iterable[Session],
    measure: LoadMeasure = LoadMeasure.SRPE,
    heart: HeartRates | None = None,
) -> list[SessionLoad]:
    out = []
    for s in sessions:
        value, source = session_load(s.activity, measure, heart)
        out.append(
            SessionLoad(s.id, s.day, s.activity.modality, _minutes(s.activity), value, source)
        )
    return out


def daily_loads(loads: Iterable[SessionLoad], first: date, last: date) -> list[DailyLoad]:
    """Every day from ``first`` to ``last`` (rest days included as zeros)."""
    totals: dict[date, dict[str, float]] = {}
    for load in loads:
        if first <= load.day <= last:
            day = totals.setdefault(load.day, {"run": 0.0, "strength": 0.0, "other": 0.0})
            day[load.modality.value] += load.value
    return [DailyLoad(d, **totals[d]) if d in totals else DailyLoad(d) for d in days(first, last)]


def weekly_loads(
    daily: Sequence[DailyLoad],
    loads: Iterable[SessionLoad] = (),
    sd: SdKind = SdKind.POPULATION,
) -> list[WeekLoad]:
    """Whole ISO weeks of ``daily`` (which should start on a Monday; a partial first or
    last week is summed but gets no monotony unless it has at least 2 days)."""
    sources: dict[date, Counter[LoadSource]] = {}
    for load in loads:
        sources.setdefault(week_start(load.day), Counter())[load.source] += 1
    grouped: dict[date, list[DailyLoad]] = {}
    for d in daily:
        grouped.setdefault(week_start(d.day), []).append(d)
    out = []
    for monday, week in grouped.items():
        combined = [d.combined for d in week]
        spread = monotony_strain(combined, sd) if len(combined) >= 2 else None
        out.append(
            WeekLoad(
                week=monday,
                run=sum(d.run for d in week),
                strength=sum(d.strength for d in week),
                other=sum(d.other for d in week),
                monotony=None if spread is None else spread.monotony,
                strain=None if spread is None else spread.strain,
                sources=dict(sources.get(monday, Counter())),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class FitnessDay:
    """PMC and ACWR of one day. ``acwr`` is None until :data:`ACWR_MIN_DAYS` of history
    exist, or when chronic load is 0 (see the criticisms in docs/analysis.md)."""

    day: date
    load: float
    pmc: PmcDay
    acwr: AcwrDay
    acwr_shown: bool


#: Days of history before an ACWR is shown: the chronic window (science-spec 2.3).
ACWR_MIN_DAYS = 28


def fitness_series(
    daily: Sequence[DailyLoad],
    modality: ActivityModality | None = None,
    ctl_days: float = 42,
    atl_days: float = 7,
    form: PmcForm = PmcForm.EXP,
) -> list[FitnessDay]:
    """CTL/ATL/TSB (TSB of the morning) and the EWMA ACWR (Williams 2017) of one
    modality's daily loads, or of the combined loads for None. ``form`` picks the PMC
    update rule: exponential (GoldenCheetah, intervals.icu; the default) or Coggan's
    linear one."""
    values = [d.of(modality) for d in daily]
    chart = pmc(values, ctl_days, atl_days, form)
    ratios = acwr_ewma(values)
    first_active = next((i for i, v in enumerate(values) if v > 0), len(values))
    return [
        FitnessDay(
            day=d.day,
            load=values[i],
            pmc=chart[i],
            acwr=ratios[i],
            acwr_shown=i - first_active + 1 >= ACWR_MIN_DAYS and ratios[i].ratio is not None,
        )
        for i, d in enumerate(daily)
    ]
