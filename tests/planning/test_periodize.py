from __future__ import annotations

from dataclasses import replace
from datetime import date

from runlift.model.plan import Phase
from runlift.model.profile import (
    AthleteProfile,
    Experience,
    GoalRace,
    Priority,
    RunningProfile,
    ScheduleSpec,
)
from runlift.planning.periodize import RUN_MINUTES_CEILING, periodize
from runlift.planning.settings import PlanSettings
from tests.planning.strategies import generous_availability

START = date(2027, 1, 4)


def _profile(
    priority: Priority = Priority.RUNNING,
    weeks: int = 16,
    minutes: int = 120,
    exp: Experience = Experience.INTERMEDIATE,
    goal: GoalRace | None = None,
) -> AthleteProfile:
    return AthleteProfile(
        name="P",
        priority=priority,
        experience_running=exp,
        experience_strength=exp,
        schedule=ScheduleSpec(START, weeks, generous_availability()),
        running=RunningProfile(weekly_minutes=minutes, goal_race=goal),
    )


def test_a_race_inside_the_plan_ends_in_peak_and_taper_with_no_deload_close_to_it() -> None:
    goal = GoalRace(21097.5, "half", date(2027, 4, 18))  # week 15
    targets = periodize(_profile(goal=goal), PlanSettings())
    phases = [t.phase for t in targets]
    assert phases[0] is Phase.BASE
    assert phases[13:15] == [Phase.TAPER, Phase.TAPER]
    assert Phase.PEAK in phases and Phase.BUILD in phases
    assert phases[-1] is Phase.RECOVERY  # week 16 is after the race
    assert all(
        not t.deload for t in targets if t.weeks_to_race is not None and t.weeks_to_race <= 2
    )
    race_week = targets[14]
    assert race_week.weeks_to_race == 0
    assert race_week.run_minutes < max(t.run_minutes for t in targets)


def test_without_a_race_the_plan_cycles_strength_blocks() -> None:
    phases = [t.phase for t in periodize(_profile(weeks=12), PlanSettings())]
    assert phases[:4] == [Phase.ACCUMULATION] * 4
    assert phases[4:8] == [Phase.INTENSIFICATION] * 4
    assert phases[8:12] == [Phase.REALIZATION] * 4


def test_deloads_follow_the_cadence_by_experience() -> None:
    novice = periodize(_profile(weeks=12, exp=Experience.NOVICE), PlanSettings())
    assert [t.week for t in novice if t.deload] == [4, 8]
    expert = periodize(_profile(weeks=12, exp=Experience.EXPERIENCED), PlanSettings())
    assert [t.week for t in expert if t.deload] == [5, 10]
    custom = periodize(_profile(weeks=12), PlanSettings(deload_every=3))
    assert [t.week for t in custom if t.deload] == [3, 6, 9]


def test_run_minutes_ramp_by_at_most_the_cap_and_stop_at_the_ceiling() -> None:
    targets = periodize(_profile(weeks=40, minutes=100), PlanSettings())
    peak = targets[0].run_minutes
    for t in targets[1:]:
        assert t.run_minutes <= int(peak * 1.10)
        peak = max(peak, t.run_minutes)
    ceiling = RUN_MINUTES_CEILING[Priority.RUNNING][Experience.INTERMEDIATE]
    assert max(t.run_minutes for t in targets) == ceiling


def test_a_lifter_starts_at_the_low_end_and_never_runs_a_lot() -> None:
    heavy_runner = _profile(priority=Priority.STRENGTH, minutes=400, exp=Experience.EXPERIENCED)
    targets = periodize(heavy_runner, PlanSettings())
    assert max(t.run_minutes for t in targets) <= 120  # lifter.avoid-high-volume
    newcomer = periodize(_profile(priority=Priority.STRENGTH, minutes=0), PlanSettings())
    assert newcomer[0].run_minutes == newcomer[0].run_sessions * 10


def test_a_tighter_ramp_setting_slows_growth() -> None:
    loose = periodize(_profile(weeks=8, minutes=100), PlanSettings(run_ramp_cap=0.10))
    tight = periodize(_profile(weeks=8, minutes=100), PlanSettings(run_ramp_cap=0.05))
    assert tight[2].run_minutes < loose[2].run_minutes


def test_one_week_plans_work() -> None:
    targets = periodize(
        replace(_profile(), schedule=replace(_profile().schedule, weeks=1)), PlanSettings()
    )
    assert len(targets) == 1 and not targets[0].deload
