"""An independent checker of the hard rules, written from the rule catalogue's wording.

It reads only the finished plan and the profile; it shares no code with the scheduler
or composer, so a bug there cannot hide itself here.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from datetime import timedelta

from runlift.model.plan import Plan, PlannedSession
from runlift.model.profile import AthleteProfile, Weekday

RUN_RAMP = 0.10
SETS_RAMP = 0.20
KEY_RUNS = {"long", "tempo", "intervals"}
EASY_PHASES = {"taper", "recovery"}


def _minutes(t: object) -> int:
    return t.hour * 60 + t.minute  # type: ignore[attr-defined,no-any-return]


def violations(plan: Plan, profile: AthleteProfile) -> list[str]:
    out: list[str] = []
    by_day: dict[object, list[PlannedSession]] = defaultdict(list)
    by_week: dict[int, list[PlannedSession]] = defaultdict(list)
    for s in plan.sessions:
        by_day[s.date].append(s)
        by_week[s.week].append(s)
        out += _inside_availability(s, profile)
        if not s.rules:
            out.append(f"{s.id}: carries no rule")
    for day, sessions in by_day.items():
        out += _same_day(day, sorted(sessions, key=lambda s: _minutes(s.start)), profile)
    summaries = {w.week: w for w in plan.week_summaries}
    for week, sessions in by_week.items():
        out += _week_rules(
            week, sessions, summaries[week].phase.value, summaries[week].deload, profile
        )
    out += _key_run_spacing(plan, profile)
    out += _ramp(plan)
    out += _deload_cadence(plan)
    first = profile.schedule.start
    last = first + timedelta(days=7 * profile.schedule.weeks - 1)
    out += [
        f"{s.id}: date {s.date} outside the plan"
        for s in plan.sessions
        if not first <= s.date <= last
    ]
    return out


def _inside_availability(s: PlannedSession, profile: AthleteProfile) -> list[str]:
    start, end = _minutes(s.start), _minutes(s.end)
    if end - start != s.duration_min:
        return [f"{s.id}: {s.start}-{s.end} is not {s.duration_min} min"]
    for w in profile.schedule.availability.on(Weekday(s.date.weekday())):
        if w.start_min <= start and end <= w.end_min:
            return []
    return [f"{s.id}: {s.start}-{s.end} lies in no availability window"]


def _same_day(day: object, sessions: list[PlannedSession], profile: AthleteProfile) -> list[str]:
    out = []
    if len(sessions) > 2:
        out.append(f"{day}: {len(sessions)} sessions, more than two")
    modalities = [s.modality.value for s in sessions]
    if len(set(modalities)) != len(modalities):
        out.append(f"{day}: two sessions of one modality")
    for a, b in itertools.pairwise(sessions):
        if _minutes(b.start) - _minutes(a.end) < 180:
            out.append(f"{day}: {a.id} and {b.id} less than 3 h apart (gap.same-day)")
    if len(sessions) == 2 and profile.priority.value != "balanced":
        wanted = "run" if profile.priority.value == "running" else "strength"
        if sessions[0].modality.value != wanted:
            out.append(
                f"{day}: {sessions[0].id} before the priority session (order.priority-first)"
            )
    return out


def _week_rules(
    week: int,
    sessions: list[PlannedSession],
    phase: str,
    deload: bool,
    profile: AthleteProfile,
) -> list[str]:
    out = []
    lifts = [s for s in sessions if s.modality.value == "strength"]
    runs = [s for s in sessions if s.modality.value == "run"]
    priority = profile.priority.value
    if priority == "running":
        low = 1 if phase in EASY_PHASES else 2
        if not low <= len(lifts) <= 3:
            out.append(f"week {week}: {len(lifts)} lifts (runner.strength-frequency)")
        allowed = {"heavy_lower", "explosive_lower", "core"}
        if profile.strength.hypertrophy:
            allowed.add("hypertrophy")
        out += [
            f"{s.id}: {s.kind.value} is not lower body or core for a runner"
            for s in lifts
            if s.kind.value not in allowed
        ]
        squats = [s for s in lifts if any(e.name == "half squat" for e in s.exercises)]
        if len(squats) > 3:
            out.append(f"week {week}: half squats {len(squats)} times (runner.heavy-squat)")
        for s in squats:
            for e in s.exercises:
                if e.name == "half squat" and (e.sets > 4 or (e.reps or 0) < 4):
                    out.append(f"{s.id}: half squat {e.sets}x{e.reps} (runner.heavy-squat)")
        explosive = [s for s in lifts if s.kind.value == "explosive_lower"]
        if len(explosive) > 2:
            out.append(f"week {week}: {len(explosive)} explosive sessions (runner.explosive)")
        out += [
            f"{s.id}: explosive session of {s.duration_min} min (runner.explosive)"
            for s in explosive
            if not 15 <= s.duration_min <= 90
        ]
        for s in lifts:
            out += [
                f"{s.id}: {e.name} x{e.reps} is hypertrophy volume (runner.no-bulk)"
                for e in s.exercises
                if not profile.strength.hypertrophy and (e.reps or 0) > 12
            ]
    if priority == "strength":
        minutes = sum(s.duration_min for s in runs)
        if minutes > 120:
            out.append(f"week {week}: {minutes} running minutes (lifter.avoid-high-volume)")
        if not 2 <= len(runs) <= 4:
            out.append(f"week {week}: {len(runs)} runs (lifter.run-dose)")
        hiit = [s for s in runs if s.kind.value == "hiit"]
        hiit_week = profile.strength.run_format.value == "hiit" and not deload
        if hiit_week and (not 2 <= len(hiit) <= 3 or len(hiit) != len(runs)):
            out.append(f"week {week}: {len(hiit)} HIIT of {len(runs)} runs (lifter.run-dose)")
        for s in runs:
            if s.kind.value == "easy" and not 10 <= s.duration_min <= 40:
                out.append(f"{s.id}: easy run of {s.duration_min} min (lifter.run-dose)")
            if s.kind.value not in ("easy", "hiit"):
                out.append(f"{s.id}: {s.kind.value} run for a lifter (lifter.run-dose)")
    return out


def _key_run_spacing(plan: Plan, profile: AthleteProfile) -> list[str]:
    if profile.priority.value != "running":
        return []
    heavy_days = {
        s.date
        for s in plan.sessions
        if s.modality.value == "strength" and s.lower_body and s.intensity.value == "hard"
    }
    return [
        f"{s.id}: heavy legs the day before this {s.kind.value} run (runner.key-run-spacing)"
        for s in plan.sessions
        if s.kind.value in KEY_RUNS and s.date - timedelta(days=1) in heavy_days
    ]


def _ramp(plan: Plan) -> list[str]:
    """Weekly run minutes and sets, counted from the sessions, never jump past the cap."""
    out = []
    run_peak = sets_peak = None
    for w in plan.week_summaries:
        week = [s for s in plan.sessions if s.week == w.week]
        minutes = sum(s.duration_min for s in week if s.modality.value == "run")
        sets = sum(e.sets for s in week for e in s.exercises)
        if (minutes, sets) != (w.run_minutes, w.strength_sets):
            out.append(
                f"week {w.week}: summary {w.run_minutes} min/{w.strength_sets} sets "
                f"but sessions hold {minutes}/{sets}"
            )
        if run_peak is not None and minutes > math.floor(run_peak * (1 + RUN_RAMP)):
            out.append(
                f"week {w.week}: {minutes} run min after a peak of {run_peak} (ramp.gradual)"
            )
        if sets_peak is not None and sets > math.floor(sets_peak * (1 + SETS_RAMP)):
            out.append(f"week {w.week}: {sets} sets after a peak of {sets_peak} (ramp.gradual)")
        run_peak = max(run_peak or 0, minutes)
        sets_peak = max(sets_peak or 0, sets)
    return out


def _deload_cadence(plan: Plan) -> list[str]:
    streak = 0
    for w in plan.week_summaries:
        loading = not w.deload and w.phase.value not in EASY_PHASES
        streak = streak + 1 if loading else 0
        if streak > 5:
            return [f"week {w.week}: more than 5 loading weeks without a deload (ramp.gradual)"]
    return []
