"""Build a whole plan: periodize, then compose, schedule and prescribe week by week."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, time, timedelta

from runlift.model.plan import Modality, Plan, PlannedSession, SessionKind, WeekSummary
from runlift.model.profile import AthleteProfile, Weekday
from runlift.planning.compose import SessionSpec, capacity, compose
from runlift.planning.periodize import WeekTarget, periodize
from runlift.planning.prescribe import paces_for, prescribe
from runlift.planning.schedule import (
    Placement,
    WeekContext,
    first_modality,
    is_demanding,
    is_hard_lower_lift,
    schedule_week,
)
from runlift.planning.settings import DEFAULT_SETTINGS, PlanSettings
from runlift.science.running import TrainingPaces

_ScheduleKey = tuple[tuple[SessionSpec, ...], tuple[Weekday, ...], WeekContext]


def _clock(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


def _placement_rules(
    profile: AthleteProfile, spec: SessionSpec, shares_day: bool
) -> tuple[str, ...]:
    """Rules a session owes to where it landed: sharing a day brings order and gap."""
    rules = list(spec.rules)
    if shares_day:
        if first_modality(profile.priority) is not None:
            rules.append("order.priority-first")
        rules.append("gap.same-day")
    elif "consolidate.hard-days" in rules:
        rules.remove("consolidate.hard-days")  # the soft rule could not be met this week
    return tuple(dict.fromkeys(rules))


def _within_ramp(
    target: WeekTarget, run_peak: int, sets_peak: int, settings: PlanSettings
) -> WeekTarget:
    """Hold the week to the ramp caps measured on what earlier weeks really hold.

    Periodize ramps its targets; composing rounds durations and sets down, so the
    real peak can sit below the target's and must be the base of the next step.
    """
    if run_peak == 0:
        return target
    run_cap = math.floor(run_peak * (1 + settings.run_ramp_cap))
    sets_cap = math.floor(sets_peak * (1 + settings.strength_ramp_cap))
    per_session = target.sets_per_session
    if target.strength_sessions:
        per_session = min(per_session, sets_cap // target.strength_sessions)
    return replace(
        target,
        run_minutes=min(target.run_minutes, run_cap),
        sets_per_session=max(1, per_session),
    )


def build_plan(profile: AthleteProfile, settings: PlanSettings = DEFAULT_SETTINGS) -> Plan:
    """The full plan for ``profile``; raises InfeasiblePlanError naming the clashing rules."""
    targets = periodize(profile, settings)
    cap = capacity(profile.schedule.availability, settings.min_gap_min)
    paces = paces_for(profile)
    cache: dict[_ScheduleKey, dict[str, Placement]] = {}
    sessions: list[PlannedSession] = []
    summaries: list[WeekSummary] = []
    context = WeekContext()
    variants: dict[SessionKind, int] = {}
    run_peak = sets_peak = 0
    for planned in targets:
        target = _within_ramp(planned, run_peak, sets_peak, settings)
        first_day = profile.schedule.start + timedelta(days=7 * (target.week - 1))
        dates = [first_day + timedelta(days=i) for i in range(7)]
        days = tuple(Weekday(d.weekday()) for d in dates)
        specs = tuple(compose(profile, target, cap))
        key = (specs, days, context)
        if key not in cache:
            cache[key] = schedule_week(profile, specs, days, target.week, context, settings)
        placed = cache[key]
        week_sessions = _week_sessions(profile, target, specs, placed, dates, paces, variants)
        sessions.extend(week_sessions)
        summary = _summary(target, week_sessions)
        summaries.append(summary)
        run_peak = max(run_peak, summary.run_minutes)
        sets_peak = max(sets_peak, summary.strength_sets)
        last = [s for s in specs if placed[s.key].day == 6]
        context = WeekContext(
            prev_day_hard_lower=any(is_hard_lower_lift(s) for s in last),
            prev_day_demanding=any(is_demanding(s) for s in last),
        )
    return Plan(
        athlete_name=profile.name,
        priority=profile.priority.value,
        start=profile.schedule.start,
        weeks=profile.schedule.weeks,
        week_summaries=tuple(summaries),
        sessions=tuple(sessions),
    )


def _week_sessions(
    profile: AthleteProfile,
    target: WeekTarget,
    specs: tuple[SessionSpec, ...],
    placed: dict[str, Placement],
    dates: list[date],
    paces: TrainingPaces | None,
    variants: dict[SessionKind, int],
) -> list[PlannedSession]:
    ordered = sorted(specs, key=lambda s: (placed[s.key].day, placed[s.key].start_min))
    per_day: dict[int, int] = {}
    for s in ordered:
        per_day[placed[s.key].day] = per_day.get(placed[s.key].day, 0) + 1
    out = []
    seen: dict[int, int] = {}
    for spec in ordered:
        where = placed[spec.key]
        seen[where.day] = seen.get(where.day, 0) + 1
        day = dates[where.day]
        rules = _placement_rules(profile, spec, per_day[where.day] > 1)
        variant = variants.get(spec.kind, 0)
        if spec.kind.modality is Modality.STRENGTH:
            variants[spec.kind] = variant + 1
        p = prescribe(profile, spec, target, rules, paces, variant)
        out.append(
            PlannedSession(
                id=f"w{target.week}-{Weekday(day.weekday()).key}-{seen[where.day]}",
                week=target.week,
                date=day,
                start=_clock(where.start_min),
                end=_clock(where.start_min + spec.duration_min),
                kind=spec.kind,
                intensity=spec.intensity,
                lower_body=spec.lower_body,
                duration_min=spec.duration_min,
                distance_km=p.distance_km,
                targets=p.targets,
                exercises=p.exercises,
                rules=rules,
                refs=p.refs,
                title=p.title,
            )
        )
    return out


def _summary(target: WeekTarget, week: list[PlannedSession]) -> WeekSummary:
    return WeekSummary(
        week=target.week,
        phase=target.phase,
        deload=target.deload,
        run_minutes=sum(s.duration_min for s in week if s.modality is Modality.RUN),
        strength_sessions=sum(s.modality is Modality.STRENGTH for s in week),
        hard_sessions=sum(s.is_hard for s in week),
        strength_sets=sum(e.sets for s in week for e in s.exercises),
    )
