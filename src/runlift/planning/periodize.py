"""Periodize: split the plan into phases, place deload weeks, set weekly targets.

Targets start at the low end for the athlete's experience (rule ``ramp.gradual``) and
grow by at most the ramp caps in :class:`PlanSettings` above the highest earlier week.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from runlift.model.plan import Phase
from runlift.model.profile import AthleteProfile, Experience, Priority, RunFormat
from runlift.planning.settings import PlanSettings

_E = Experience

#: Runs a week by priority and running experience.
RUN_SESSIONS = {
    Priority.RUNNING: {_E.NOVICE: 3, _E.INTERMEDIATE: 4, _E.EXPERIENCED: 5},
    Priority.STRENGTH: {_E.NOVICE: 2, _E.INTERMEDIATE: 3, _E.EXPERIENCED: 3},
    Priority.BALANCED: {_E.NOVICE: 3, _E.INTERMEDIATE: 3, _E.EXPERIENCED: 4},
}

#: Lifting sessions a week by priority and strength experience. Runners get 2-3
#: (runner.strength-frequency); lifters follow ACSM's frequencies (ref 21).
STRENGTH_SESSIONS = {
    Priority.RUNNING: {_E.NOVICE: 2, _E.INTERMEDIATE: 2, _E.EXPERIENCED: 3},
    Priority.STRENGTH: {_E.NOVICE: 3, _E.INTERMEDIATE: 4, _E.EXPERIENCED: 4},
    Priority.BALANCED: {_E.NOVICE: 2, _E.INTERMEDIATE: 3, _E.EXPERIENCED: 3},
}

#: Highest weekly running minutes the plan builds to, by priority and running experience.
#: For lifters this is the lifter.avoid-high-volume cap.
RUN_MINUTES_CEILING = {
    Priority.RUNNING: {_E.NOVICE: 210, _E.INTERMEDIATE: 300, _E.EXPERIENCED: 420},
    Priority.STRENGTH: {_E.NOVICE: 60, _E.INTERMEDIATE: 90, _E.EXPERIENCED: 120},
    Priority.BALANCED: {_E.NOVICE: 150, _E.INTERMEDIATE: 240, _E.EXPERIENCED: 330},
}

#: Working sets per lifting session: (start, ceiling) by priority and strength experience.
#: Runners stay low (runner.no-bulk); lifters build towards typical split volumes.
SETS_PER_SESSION = {
    Priority.RUNNING: {_E.NOVICE: (5, 9), _E.INTERMEDIATE: (7, 11), _E.EXPERIENCED: (8, 12)},
    Priority.STRENGTH: {_E.NOVICE: (9, 13), _E.INTERMEDIATE: (12, 17), _E.EXPERIENCED: (14, 20)},
    Priority.BALANCED: {_E.NOVICE: (6, 10), _E.INTERMEDIATE: (9, 14), _E.EXPERIENCED: (11, 16)},
}

#: Hard sessions allowed in a week for balanced athletes, by the lower of their experiences.
BALANCED_HARD_CAP = {_E.NOVICE: 2, _E.INTERMEDIATE: 3, _E.EXPERIENCED: 4}

#: Lifters' running when they choose HIIT: sessions a week (lifter.run-dose: 2-3).
HIIT_SESSIONS = {_E.NOVICE: 2, _E.INTERMEDIATE: 2, _E.EXPERIENCED: 3}


#: Goal-race distance scales the runner's volume ceiling: a marathon needs more than a 5k.
def _distance_factor(distance_m: float) -> float:
    if distance_m <= 5_000:
        return 0.8
    if distance_m <= 10_000:
        return 0.9
    if distance_m <= 21_100:
        return 1.0
    return 1.2


@dataclass(frozen=True, slots=True)
class WeekTarget:
    """What one week should hold before any session is chosen."""

    week: int
    phase: Phase
    deload: bool
    run_minutes: int
    run_sessions: int
    strength_sessions: int
    sets_per_session: int
    #: 0..1, how far into the plan's loading the week is; drives intensity choices.
    progress: float
    #: weeks until the goal race (0 = race week), None without a race in the plan.
    weeks_to_race: int | None


def lowest_experience(a: Experience, b: Experience) -> Experience:
    order = list(Experience)
    return a if order.index(a) <= order.index(b) else b


def _race_phases(weeks: int, race_week: int) -> list[Phase]:
    """Phases for a plan with a goal race in week ``race_week`` (1-based; may lie beyond)."""
    build_weeks = min(weeks, race_week)
    taper = 0 if build_weeks < 4 else (1 if build_weeks < 10 else 2)
    peak = 0 if build_weeks < 6 else max(1, round(build_weeks * 0.2))
    build = round((build_weeks - taper - peak) * 0.45)
    base = build_weeks - taper - peak - build
    if race_week > weeks:
        # The race lies after the plan: the plan covers base and build, no taper yet.
        base, build, peak, taper = math.ceil(weeks * 0.55), weeks - math.ceil(weeks * 0.55), 0, 0
    phases = [Phase.BASE] * base + [Phase.BUILD] * build + [Phase.PEAK] * peak
    phases += [Phase.TAPER] * taper
    phases += [Phase.RECOVERY] * (weeks - len(phases))
    return phases


def _block_phases(weeks: int, cadence: int) -> list[Phase]:
    """Strength blocks without a race: accumulation, intensification, realization, repeat."""
    cycle = (Phase.ACCUMULATION, Phase.INTENSIFICATION, Phase.REALIZATION)
    return [cycle[(w // cadence) % 3] for w in range(weeks)]


def periodize(profile: AthleteProfile, settings: PlanSettings) -> list[WeekTarget]:
    """Weekly targets for the whole plan, obeying ``ramp.gradual`` and the dose rules."""
    weeks = profile.schedule.weeks
    priority = profile.priority
    exp_run, exp_str = profile.experience_running, profile.experience_strength
    cadence = settings.deload_cadence(lowest_experience(exp_run, exp_str))

    goal = profile.running.goal_race
    race_week: int | None = None
    if goal is not None and goal.date >= profile.schedule.start:
        race_week = (goal.date - profile.schedule.start).days // 7 + 1
    phases = (
        _race_phases(weeks, race_week) if race_week is not None else _block_phases(weeks, cadence)
    )

    runs = RUN_SESSIONS[priority][exp_run]
    if priority is Priority.STRENGTH and profile.strength.run_format is RunFormat.HIIT:
        runs = HIIT_SESSIONS[exp_run]
    lifts = STRENGTH_SESSIONS[priority][exp_str]
    ceiling = RUN_MINUTES_CEILING[priority][exp_run]
    if priority is Priority.RUNNING and goal is not None:
        ceiling = round(ceiling * _distance_factor(goal.distance_m))
    # The low end: at least 15 minutes a run, never more than the athlete does now.
    jogs = priority is Priority.STRENGTH and profile.strength.run_format is RunFormat.JOG
    floor = runs * (10 if jogs else 15)
    run_now = min(max(profile.running.weekly_minutes, floor), ceiling)
    sets_start, sets_ceiling = SETS_PER_SESSION[priority][exp_str]
    if priority is Priority.RUNNING and profile.strength.hypertrophy:
        sets_ceiling += 4

    targets: list[WeekTarget] = []
    run_peak = float(run_now)
    sets_peak = float(sets_start * lifts)
    run_level, sets_level = float(run_now), float(sets_start * lifts)
    for index in range(weeks):
        week = index + 1
        phase = phases[index]
        to_race = None if race_week is None else race_week - week
        deload = (
            week % cadence == 0
            and week != weeks
            and phase not in (Phase.TAPER, Phase.RECOVERY)
            and (to_race is None or to_race > 2)
        )
        week_lifts = lifts
        if index > 0 and not deload and phase not in (Phase.TAPER, Phase.RECOVERY):
            # Grow towards the ceiling, never above the previous peak by more than the cap.
            run_level = min(ceiling, max(run_level, run_peak * (1 + settings.run_ramp_cap)))
            sets_level = min(
                sets_ceiling * lifts,
                max(sets_level, sets_peak * (1 + settings.strength_ramp_cap)),
            )
        run_minutes, sets_total = run_level, sets_level
        if deload:
            run_minutes *= settings.deload_run_factor
            sets_total *= settings.deload_set_factor
        elif phase is Phase.TAPER:
            factor = 0.6 if to_race is not None and to_race <= 0 else 0.8
            run_minutes *= factor
            sets_total *= 0.5
            week_lifts = min(lifts, 2) if priority is not Priority.STRENGTH else lifts
        elif phase is Phase.RECOVERY:
            run_minutes *= 0.5
            sets_total *= 0.5
            week_lifts = min(lifts, 2)
        run_int = int(run_minutes)  # floor: rounding up could break the ramp cap
        run_peak = max(run_peak, run_int)
        sets_peak = max(sets_peak, math.floor(sets_total))
        per_session = max(3, math.floor(sets_total / lifts))
        progress = 0.0 if weeks == 1 else index / (weeks - 1)
        targets.append(
            WeekTarget(
                week=week,
                phase=phase,
                deload=deload,
                run_minutes=run_int,
                run_sessions=runs,
                strength_sessions=week_lifts,
                sets_per_session=per_session,
                progress=progress,
                weeks_to_race=to_race,
            )
        )
    return targets
