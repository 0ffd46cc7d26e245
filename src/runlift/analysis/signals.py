"""Interference signals: signs in the log that running is holding back strength, lifting
is spoiling runs, or load is rising too fast.

Each signal carries the figures behind it, the weeks (their Mondays) and sessions it
rests on, what to try (from the rule catalogue) and its references. Thresholds are
:class:`SignalSettings`; their defaults and reasons are in docs/analysis.md. These are
prompts to look closer, computed from one athlete's log: correlation, not proof.
"""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from runlift.analysis.running_progress import Intensity, RunEfficiency, RunWeek
from runlift.analysis.sessions import Session, week_start
from runlift.analysis.strength_progress import LiftBest, LoadRpe, is_hard, regions_of
from runlift.analysis.training_load import FitnessDay, WeekLoad
from runlift.evidence.rules import rule
from runlift.model.activity import ActivityModality, BodyRegion
from runlift.model.profile import Priority


class Severity(StrEnum):
    INFO = "info"
    WARN = "warn"
    ALERT = "alert"


#: Sort key of each severity, most severe first.
SEVERITY_RANK = {Severity.ALERT: 0, Severity.WARN: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Signal:
    id: str
    severity: Severity
    title: str
    evidence: dict[str, float | int | str | None]
    weeks: tuple[date, ...]
    sessions: tuple[int, ...]
    advice: str
    refs: tuple[int, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class SignalSettings:
    """Thresholds of the signals (see docs/analysis.md for where each comes from)."""

    stall_weeks: int = 3  # weeks a lower-body e1RM must stay flat while running rises
    stall_gain: float = 0.005  # e1RM gain per week below which a lift counts as flat
    run_rise: float = 0.15  # rise of weekly running minutes that counts as rising
    rpe_creep: float = 0.75  # RPE points harder at the same load after heavy running
    heavy_running: float = 1.2  # prior-7-day running minutes vs the athlete's median
    efficiency_drop: float = 0.03  # easy-run metres per beat lower the day after legs
    easy_rpe_rise: float = 1.0  # easy-run RPE higher the day after legs
    heavy_leg_sets: int = 3  # hard lower-body sets that make a leg session heavy
    ramp: float = 0.30  # weekly load above the mean of the 3 weeks before
    ramp_alert: float = 0.60
    acwr: float = 1.5  # Gabbett's "danger zone" lower bound, used descriptively
    acwr_alert: float = 2.0  # Murray et al. 2017 "very high"
    min_gap_h: float = 3.0  # rule gap.same-day
    monotony: float = 2.0  # a common secondary-source cut-off (Foster's monotony)


@dataclass(frozen=True, slots=True)
class SignalInputs:
    """What the signals read, for the weeks ``first`` to ``last`` (Mondays inclusive);
    the series may reach further back, which baselines use."""

    first: date
    last: date
    sessions: Sequence[Session]
    lifts: Sequence[LiftBest]
    rated_sets: Sequence[LoadRpe]
    efficiency: Sequence[RunEfficiency]
    running_weeks: Sequence[RunWeek]
    weeks: Sequence[WeekLoad]
    fitness: Mapping[str, Sequence[FitnessDay]]  # "run", "strength", "combined"
    priority: Priority | None = None


def _in_window(inputs: SignalInputs, day: date) -> bool:
    return inputs.first <= week_start(day) <= inputs.last


def _slope_per_week(points: Sequence[tuple[date, float]]) -> float:
    """Least-squares slope of values over time, per week."""
    origin = points[0][0]
    xs = [(d - origin).days / 7 for d, _ in points]
    ys = [v for _, v in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    return (
        0.0
        if spread == 0
        else sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread
    )


def _is_lower(lift: str) -> bool:
    return BodyRegion.LOWER in regions_of(lift)


def _r(value: float, digits: int = 1) -> float:
    return round(value, digits)


# ------------------------------------------------------------------ strength vs running


def strength_stall_run_rise(inputs: SignalInputs, settings: SignalSettings) -> list[Signal]:
    """A lower-body lift's e1RM flat or falling over ``stall_weeks`` weeks while weekly
    running minutes rise (Wilson et al. 2012: running volume and frequency go with smaller
    strength gains; Fyfe et al. 2016)."""
    span = settings.stall_weeks
    minutes = {w.week: w.minutes for w in inputs.running_weeks}
    by_lift: dict[str, list[LiftBest]] = defaultdict(list)
    for best in inputs.lifts:
        if _is_lower(best.lift):
            by_lift[best.lift].append(best)
    found: dict[str, Signal] = {}
    monday = inputs.first
    while monday <= inputs.last:
        start = monday - timedelta(days=7 * span)
        span_weeks = [start + timedelta(days=7 * k) for k in range(span + 1)]
        if any(w not in minutes for w in span_weeks):
            monday += timedelta(days=7)
            continue  # weeks before the log began: no evidence of a rise
        run = [minutes[w] for w in span_weeks]
        early, late = statistics.fmean(run[:2]), statistics.fmean(run[-2:])
        rising = late >= 60 and late >= (1 + settings.run_rise) * max(early, 1.0)
        for lift, bests in by_lift.items() if rising else ():
            points = [
                (b.day, b.e1rm_kg) for b in bests if start <= b.day < monday + timedelta(days=7)
            ]
            if len({week_start(d) for d, _ in points}) < 3:
                continue
            level = statistics.fmean(v for _, v in points)
            gain = _slope_per_week(points) / level
            if gain > settings.stall_gain:
                continue
            change = (points[-1][1] - points[0][1]) / points[0][1]
            falling = gain < -settings.stall_gain
            weeks = set(span_weeks)
            ids = {b.activity_id for b in bests if start <= b.day < monday + timedelta(days=7)}
            if lift in found:  # the stall goes on: one signal for the whole stretch
                weeks |= set(found[lift].weeks)
                ids |= set(found[lift].sessions)
            found[lift] = Signal(
                id="strength-stall-run-rise",
                severity=Severity.WARN if falling else Severity.INFO,
                title=f"{lift} e1RM {'falling' if falling else 'flat'} while running rises",
                evidence={
                    "lift": lift,
                    "e1rm_first_kg": _r(points[0][1]),
                    "e1rm_last_kg": _r(points[-1][1]),
                    "e1rm_change_pct": _r(100 * change),
                    "e1rm_trend_pct_per_week": _r(100 * gain, 2),
                    "run_minutes_early": _r(early, 0),
                    "run_minutes_late": _r(late, 0),
                },
                weeks=tuple(sorted(weeks)),
                sessions=tuple(sorted(ids)),
                advice=(
                    "Hold weekly running minutes where they were before the rise (or trim "
                    "them) for 2-3 weeks and keep the runs easy and away from leg days; if "
                    f"the {lift} moves again, running volume was the brake. "
                    + rule("lifter.avoid-high-volume").statement
                ),
                refs=(1, 16),
            )
        monday += timedelta(days=7)
    return list(found.values())


def _prior_run_minutes(sessions: Sequence[Session]) -> dict[date, float]:
    """Running minutes in the 7 days before each day that has a session."""
    per_day: dict[date, float] = defaultdict(float)
    for s in sessions:
        if s.activity.modality is ActivityModality.RUN:
            per_day[s.day] += s.activity.duration_s / 60
    out = {}
    for day in {s.day for s in sessions}:
        out[day] = sum(per_day.get(day - timedelta(days=k), 0.0) for k in range(1, 8))
    return out


def lift_rpe_creep(inputs: SignalInputs, settings: SignalSettings) -> list[Signal]:
    """The same lift, load and reps rated harder after weeks of heavy running than after
    lighter ones (endurance work leaves residual fatigue: Sporer & Wenger 2003; Wilson et
    al. 2012)."""
    prior = _prior_run_minutes(inputs.sessions)
    baseline = [m for m in prior.values() if m > 0]
    if len(baseline) < 4:
        return []
    heavy_mark = settings.heavy_running * statistics.median(baseline)
    groups: dict[tuple[str, float, int], list[LoadRpe]] = defaultdict(list)
    for s in inputs.rated_sets:
        if s.day in prior:
            groups[(s.lift, round(s.load_kg / 2.5) * 2.5, s.reps)].append(s)
    out = []
    for (lift, load, reps), sets in groups.items():
        heavy = [s for s in sets if prior[s.day] >= heavy_mark]
        light = [s for s in sets if prior[s.day] < heavy_mark]
        if len(heavy) < 2 or len(light) < 2 or not any(_in_window(inputs, s.day) for s in heavy):
            continue
        after, other = (
            statistics.fmean(s.rpe for s in heavy),
            statistics.fmean(s.rpe for s in light),
        )
        if after - other < settings.rpe_creep:
            continue
        out.append(
            Signal(
                id="lift-rpe-creep",
                severity=Severity.WARN if after - other >= 1.5 else Severity.INFO,
                title=f"{lift} {load:g} kg x {reps} feels harder after heavy running weeks",
                evidence={
                    "lift": lift,
                    "load_kg": load,
                    "reps": reps,
                    "rpe_after_heavy_running": _r(after, 2),
                    "rpe_otherwise": _r(other, 2),
                    "sets_after_heavy_running": len(heavy),
                    "sets_otherwise": len(light),
                    "heavy_running_min_per_7_days": _r(heavy_mark, 0),
                },
                weeks=tuple(sorted({week_start(s.day) for s in heavy})),
                sessions=tuple(sorted({s.activity_id for s in heavy})),
                advice=(
                    "Running is leaving fatigue in the legs for this lift. Put the lift before "
                    "the week's longest or hardest runs, or trim running volume in heavy "
                    "lifting weeks, and compare the RPE again. "
                    + rule("monitor.interference").statement
                ),
                refs=(1, 16, 33),
            )
        )
    return out


def _heavy_leg_days(sessions: Sequence[Session], settings: SignalSettings) -> dict[date, int]:
    """Days with a heavy lower-body lifting session, and that session's id."""
    out = {}
    for s in sessions:
        if s.activity.modality is not ActivityModality.STRENGTH:
            continue
        hard = sum(1 for x in s.activity.sets if is_hard(x) and _is_lower(x.exercise))
        if hard >= settings.heavy_leg_sets:
            out[s.day] = s.id
    return out


def run_efficiency_after_legs(inputs: SignalInputs, settings: SignalSettings) -> list[Signal]:
    """Easy runs the day after heavy leg sessions less efficient (fewer metres per beat)
    or rated harder than other easy runs (Doma & Deakin 2013, 2014)."""
    legs = _heavy_leg_days(inputs.sessions, settings)
    easy = [e for e in inputs.efficiency if e.intensity in (Intensity.EASY, Intensity.UNKNOWN)]
    after = [e for e in easy if (e.day - timedelta(days=1)) in legs]
    other = [e for e in easy if (e.day - timedelta(days=1)) not in legs and e.day not in legs]
    if not any(_in_window(inputs, e.day) for e in after):
        return []
    evidence: dict[str, float | int | str | None] = {
        "runs_after_legs": len(after),
        "runs_otherwise": len(other),
    }
    reasons = []
    eff_after = [e.metres_per_beat for e in after if e.metres_per_beat is not None]
    eff_other = [e.metres_per_beat for e in other if e.metres_per_beat is not None]
    if len(eff_after) >= 2 and len(eff_other) >= 3:
        a, b = statistics.median(eff_after), statistics.median(eff_other)
        drop = 1 - a / b
        evidence |= {
            "metres_per_beat_after_legs": _r(a, 3),
            "metres_per_beat_otherwise": _r(b, 3),
            "efficiency_drop_pct": _r(100 * drop),
        }
        if drop >= settings.efficiency_drop:
            reasons.append("efficiency")
    rpe_after = [e.rpe for e in after if e.rpe is not None]
    rpe_other = [e.rpe for e in other if e.rpe is not None]
    if len(rpe_after) >= 2 and len(rpe_other) >= 3:
        a, b = statistics.fmean(rpe_after), statistics.fmean(rpe_other)
        evidence |= {"easy_rpe_after_legs": _r(a, 2), "easy_rpe_otherwise": _r(b, 2)}
        if a - b >= settings.easy_rpe_rise:
            reasons.append("rpe")
    if not reasons:
        return []
    ids = sorted({e.activity_id for e in after} | {legs[e.day - timedelta(days=1)] for e in after})
    return [
        Signal(
            id="run-efficiency-after-legs",
            severity=Severity.WARN if len(reasons) == 2 else Severity.INFO,
            title="Easy runs the day after heavy leg sessions "
            + (
                "cost more heart beats and feel harder"
                if len(reasons) == 2
                else "cost more heart beats"
                if reasons == ["efficiency"]
                else "feel harder"
            ),
            evidence=evidence,
            weeks=tuple(sorted({week_start(e.day) for e in after})),
            sessions=tuple(ids),
            advice=(
                "Leg fatigue carries into the next day's running. Keep the day after heavy "
                "legs for rest or a very easy run, and put key runs two days after. "
                + rule("recovery.spacing").statement
            ),
            refs=(14, 32, 13, 23),
        )
    ]


# ------------------------------------------------------------------ load


def ramp_too_fast(inputs: SignalInputs, settings: SignalSettings) -> list[Signal]:
    """A week's combined load more than ``ramp`` above the mean of the three weeks before
    (gradual progression: Coffey & Hawley 2017; Nielsen et al. 2014 on >30 % jumps)."""
    by_week = {w.week: w for w in inputs.weeks}
    out = []
    for week in sorted(by_week):
        if not inputs.first <= week <= inputs.last:
            continue
        before = [by_week.get(week - timedelta(days=7 * k)) for k in (1, 2, 3)]
        if sum(1 for w in before if w is not None and w.combined > 0) < 2:
            continue  # back from a break, or too little log: no base to ramp from
        base = statistics.fmean(w.combined for w in before if w is not None)
        now = by_week[week].combined
        if base <= 0 or now / base - 1 <= settings.ramp:
            continue
        rise = now / base - 1
        out.append(
            Signal(
                id="ramp-too-fast",
                severity=Severity.ALERT if rise > settings.ramp_alert else Severity.WARN,
                title=f"Week of {week}: load up {100 * rise:.0f} % on the three weeks before",
                evidence={
                    "week_load": _r(now, 0),
                    "previous_3_weeks_mean": _r(base, 0),
                    "rise_pct": _r(100 * rise, 0),
                    "threshold_pct": _r(100 * settings.ramp, 0),
                },
                weeks=(week,),
                sessions=tuple(s.id for s in inputs.sessions if week_start(s.day) == week),
                advice="Bring the next week back near the three-week average and grow by "
                "smaller steps. " + rule("ramp.gradual").statement,
                refs=(17, 19, 20),
            )
        )
    return out


ACWR_CAVEAT = (
    "Descriptive only: the ratio flags a spike against your recent load; it is "
    "mathematically coupled and is not an injury probability."
)


def acwr_high(inputs: SignalInputs, settings: SignalSettings) -> list[Signal]:
    """Stretches of days whose EWMA acute:chronic ratio (Williams et al. 2017) is above
    ``acwr``, per modality; reported as a load spike, with the criticisms (Lolli et al.
    2019; Impellizzeri et al. 2021)."""
    out = []
    for name, series in inputs.fitness.items():
        episode: list[FitnessDay] = []
        for day in [*series, None]:
            high = (
                day is not None
                and _in_window(inputs, day.day)
                and day.acwr_shown
                and day.acwr.ratio is not None
                and day.acwr.ratio > settings.acwr
            )
            if high and day is not None:
                episode.append(day)
                continue
            if episode:
                out.append(_acwr_signal(name, episode, inputs, settings))
                episode = []
    return out


def _acwr_signal(
    name: str, episode: list[FitnessDay], inputs: SignalInputs, settings: SignalSettings
) -> Signal:
    peak = max(episode, key=lambda d: d.acwr.ratio or 0.0)
    ratio = peak.acwr.ratio or 0.0
    first, last = episode[0].day, episode[-1].day
    modality = None if name == "combined" else ActivityModality(name)
    return Signal(
        id="acwr-high",
        severity=Severity.ALERT if ratio > settings.acwr_alert else Severity.WARN,
        title=f"{name.capitalize()} load spike: acute:chronic ratio {ratio:.2f} on {peak.day}",
        evidence={
            "modality": name,
            "peak_ratio": _r(ratio, 2),
            "peak_day": peak.day.isoformat(),
            "acute": _r(peak.acwr.acute, 0),
            "chronic": _r(peak.acwr.chronic, 0),
            "days_above": len(episode),
            "threshold": settings.acwr,
            "caveat": ACWR_CAVEAT,
        },
        weeks=tuple(sorted({week_start(d.day) for d in episode})),
        sessions=tuple(
            s.id
            for s in inputs.sessions
            if first - timedelta(days=6) <= s.day <= last
            and (modality is None or s.activity.modality is modality)
        ),
        advice="Recent load is well above what you have been used to. Let the next days "
        "be lighter so the spike does not become the new normal abruptly. "
        + rule("ramp.gradual").statement,
        refs=(27, 28, 29, 30),
    )


def monotony_high(inputs: SignalInputs, settings: SignalSettings) -> list[Signal]:
    """Weeks whose combined daily loads are very uniform (Foster 1998): hard days not hard
    and easy days not easy, which went with illness in his athletes when strain was high."""
    out = []
    for w in inputs.weeks:
        if not inputs.first <= w.week <= inputs.last or w.monotony is None:
            continue
        if w.monotony <= settings.monotony:
            continue
        out.append(
            Signal(
                id="monotony-high",
                severity=Severity.INFO,
                title=f"Week of {w.week}: every day about the same load "
                f"(monotony {w.monotony:.1f})",
                evidence={
                    "monotony": _r(w.monotony, 2),
                    "strain": None if w.strain is None else _r(w.strain, 0),
                    "week_load": _r(w.combined, 0),
                    "threshold": settings.monotony,
                },
                weeks=(w.week,),
                sessions=tuple(s.id for s in inputs.sessions if week_start(s.day) == w.week),
                advice="Make easy days easier (or rest) and keep the hard days hard; variety "
                "in daily load lowers monotony and strain.",
                refs=(25,),
            )
        )
    return out


# ------------------------------------------------------------------ same-day sessions


def _same_day_pairs(sessions: Iterable[Session]) -> list[tuple[Session, Session]]:
    """Consecutive run/lift pairs on one day, in start order."""
    by_day: dict[date, list[Session]] = defaultdict(list)
    for s in sessions:
        if s.activity.modality in (ActivityModality.RUN, ActivityModality.STRENGTH):
            by_day[s.day].append(s)
    pairs = []
    for day_sessions in by_day.values():
        ordered = sorted(day_sessions, key=lambda s: s.activity.start)
        for a, b in itertools.pairwise(ordered):
            if a.activity.modality is not b.activity.modality:
                pairs.append((a, b))
    return pairs


def same_day_order(inputs: SignalInputs, settings: SignalSettings) -> list[Signal]:
    """Run and lift on one day in the order that does not serve the priority goal
    (rule order.priority-first). Nothing to say for balanced athletes or without a
    profile."""
    if inputs.priority not in (Priority.STRENGTH, Priority.RUNNING):
        return []
    wanted_first = (
        ActivityModality.STRENGTH if inputs.priority is Priority.STRENGTH else ActivityModality.RUN
    )
    wrong = [
        (a, b)
        for a, b in _same_day_pairs(inputs.sessions)
        if _in_window(inputs, a.day) and a.activity.modality is not wanted_first
    ]
    if not wrong:
        return []
    first_word = "lift" if wanted_first is ActivityModality.STRENGTH else "run"
    return [
        Signal(
            id="same-day-order",
            severity=Severity.WARN if len(wrong) >= 2 else Severity.INFO,
            title=f"{len(wrong)} shared day(s) with the {first_word} second, "
            f"though {inputs.priority.value} is the priority",
            evidence={
                "priority": inputs.priority.value,
                "days": ", ".join(a.day.isoformat() for a, _ in wrong),
                "occurrences": len(wrong),
            },
            weeks=tuple(sorted({week_start(a.day) for a, _ in wrong})),
            sessions=tuple(i for a, b in wrong for i in (a.id, b.id)),
            advice=rule("order.priority-first").statement,
            refs=rule("order.priority-first").refs,
        )
    ]


def same_day_gap(inputs: SignalInputs, settings: SignalSettings) -> list[Signal]:
    """Run and lift on one day less than ``min_gap_h`` hours apart, end of the first to
    start of the second (rule gap.same-day; Robineau et al. 2016; Sporer & Wenger 2003)."""
    close = []
    for a, b in _same_day_pairs(inputs.sessions):
        if not _in_window(inputs, a.day):
            continue
        end = a.activity.start + timedelta(seconds=a.activity.duration_s)
        gap_h = (b.activity.start - end).total_seconds() / 3600
        if gap_h < settings.min_gap_h:
            close.append((a, b, max(gap_h, 0.0)))
    if not close:
        return []
    shortest = min(g for _, _, g in close)
    return [
        Signal(
            id="same-day-gap",
            severity=Severity.WARN if shortest < 1 or len(close) >= 2 else Severity.INFO,
            title=f"{len(close)} shared day(s) with run and lift under "
            f"{settings.min_gap_h:g} h apart",
            evidence={
                "occurrences": len(close),
                "shortest_gap_h": _r(shortest, 2),
                "days": ", ".join(a.day.isoformat() for a, _, _ in close),
                "minimum_gap_h": settings.min_gap_h,
            },
            weeks=tuple(sorted({week_start(a.day) for a, _, _ in close})),
            sessions=tuple(i for a, b, _ in close for i in (a.id, b.id)),
            advice=rule("gap.same-day").statement,
            refs=rule("gap.same-day").refs,
        )
    ]


CHECKS = (
    strength_stall_run_rise,
    lift_rpe_creep,
    run_efficiency_after_legs,
    ramp_too_fast,
    acwr_high,
    same_day_order,
    same_day_gap,
    monotony_high,
)

#: Every signal id, in the order :func:`find_signals` runs them (a public contract).
SIGNAL_IDS = (
    "strength-stall-run-rise",
    "lift-rpe-creep",
    "run-efficiency-after-legs",
    "ramp-too-fast",
    "acwr-high",
    "same-day-order",
    "same-day-gap",
    "monotony-high",
)


def find_signals(inputs: SignalInputs, settings: SignalSettings | None = None) -> list[Signal]:
    """Every signal in the weeks asked for, most severe first, then by first week."""
    chosen = settings or SignalSettings()
    found = [s for check in CHECKS for s in check(inputs, chosen)]
    return sorted(found, key=lambda s: (SEVERITY_RANK[s.severity], s.weeks[:1], s.id))
