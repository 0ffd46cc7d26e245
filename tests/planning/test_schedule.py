from __future__ import annotations

from datetime import date, time

import pytest

from runlift.errors import InfeasiblePlanError
from runlift.model.plan import Modality
from runlift.model.profile import (
    AthleteProfile,
    Availability,
    Experience,
    Priority,
    RunFormat,
    RunningProfile,
    ScheduleSpec,
    StrengthProfile,
    TimeWindow,
    Weekday,
)
from runlift.planning.build import build_plan


def _w(a: str, b: str) -> TimeWindow:
    return TimeWindow(time.fromisoformat(a), time.fromisoformat(b))


def _profile(
    priority: Priority,
    windows: dict[Weekday, tuple[TimeWindow, ...]],
    run_format: RunFormat = RunFormat.JOG,
    exp: Experience = Experience.INTERMEDIATE,
) -> AthleteProfile:
    return AthleteProfile(
        name="S",
        priority=priority,
        experience_running=exp,
        experience_strength=exp,
        schedule=ScheduleSpec(date(2027, 1, 4), 2, Availability(tuple(sorted(windows.items())))),
        running=RunningProfile(weekly_minutes=120),
        strength=StrengthProfile(run_format=run_format),
    )


def test_shared_days_put_the_priority_first_with_at_least_three_hours_between() -> None:
    both = (_w("06:00", "08:00"), _w("17:00", "20:00"))
    for priority, first in (
        (Priority.RUNNING, Modality.RUN),
        (Priority.STRENGTH, Modality.STRENGTH),
    ):
        plan = build_plan(
            _profile(priority, {Weekday.MON: both, Weekday.WED: both, Weekday.FRI: both})
        )
        days: dict[date, list] = {}
        for s in plan.sessions:
            days.setdefault(s.date, []).append(s)
        shared = [sorted(v, key=lambda s: s.start) for v in days.values() if len(v) == 2]
        assert shared, "three days for more than three sessions must share some"
        for a, b in shared:
            assert a.modality is first
            gap = (b.start.hour * 60 + b.start.minute) - (a.end.hour * 60 + a.end.minute)
            assert gap >= 180
            assert "order.priority-first" in b.rules and "gap.same-day" in b.rules


def test_six_hours_are_preferred_when_the_windows_allow() -> None:
    both = (_w("06:00", "08:00"), _w("14:00", "21:00"))
    plan = build_plan(
        _profile(Priority.RUNNING, {Weekday.MON: both, Weekday.WED: both, Weekday.FRI: both})
    )
    days: dict[date, list] = {}
    for s in plan.sessions:
        days.setdefault(s.date, []).append(s)
    for pair in (sorted(v, key=lambda s: s.start) for v in days.values() if len(v) == 2):
        a, b = pair
        assert (b.start.hour * 60 + b.start.minute) - (a.end.hour * 60 + a.end.minute) >= 360


def test_a_lifters_hiit_goes_on_a_lifting_day_in_the_evening() -> None:
    both = (_w("06:00", "08:00"), _w("17:00", "20:00"))
    windows = dict.fromkeys(Weekday, both)
    plan = build_plan(_profile(Priority.STRENGTH, windows, RunFormat.HIIT))
    lift_days = {s.date for s in plan.sessions if s.modality is Modality.STRENGTH}
    hiit = [s for s in plan.sessions if s.kind.value == "hiit"]
    assert hiit
    for s in hiit:
        assert s.date in lift_days
        assert s.start >= time(17, 0)
        assert "consolidate.hard-days" in s.rules


def test_windows_too_close_for_a_gap_are_explained_as_gap_same_day() -> None:
    # One day only, two windows an hour apart: a run and a lift cannot be 3 h apart.
    windows = {
        Weekday.MON: (_w("06:00", "07:00"), _w("08:00", "09:00")),
        Weekday.THU: (_w("06:00", "07:00"), _w("08:00", "09:00")),
    }
    with pytest.raises(InfeasiblePlanError) as caught:
        build_plan(_profile(Priority.STRENGTH, windows, exp=Experience.NOVICE))
    rules = {c.rule for c in caught.value.conflicts}
    assert "gap.same-day" in rules
    gap = next(c for c in caught.value.conflicts if c.rule == "gap.same-day")
    assert set(gap.days) <= {"Mon", "Thu"} and gap.days
    assert "3 h" in gap.detail and gap.fix
    assert caught.value.exit_code == 3


def test_too_few_days_are_explained_with_the_sessions_that_do_not_fit() -> None:
    windows = {Weekday.SAT: (_w("08:00", "09:00"),)}
    with pytest.raises(InfeasiblePlanError) as caught:
        build_plan(_profile(Priority.RUNNING, windows))
    message = str(caught.value)
    assert "week 1" in message
    assert "day.one-per-modality" in message
    assert "fix:" in message


def test_the_design_sample_availability_plans_for_a_runner() -> None:
    # DESIGN.md's sample profile: two windows on Monday, one on Wednesday and Saturday.
    windows = {
        Weekday.MON: (_w("06:00", "08:00"), _w("18:00", "20:00")),
        Weekday.WED: (_w("18:00", "20:00"),),
        Weekday.SAT: (_w("08:00", "12:00"),),
    }
    plan = build_plan(_profile(Priority.RUNNING, windows, exp=Experience.EXPERIENCED))
    week = [s for s in plan.sessions if s.week == 1]
    assert sum(s.modality is Modality.STRENGTH for s in week) == 2
    assert sum(s.modality is Modality.RUN for s in week) == 2
