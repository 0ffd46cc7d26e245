"""Hypothesis strategies for valid athlete profiles of every shape."""

from __future__ import annotations

from datetime import date, time, timedelta

from hypothesis import strategies as st

from runlift.model.profile import (
    AthleteProfile,
    Availability,
    Experience,
    GoalRace,
    Priority,
    RaceResult,
    RunFormat,
    RunningProfile,
    ScheduleSpec,
    Sex,
    StrengthProfile,
    TimeWindow,
    Weekday,
)


@st.composite
def day_windows(draw: st.DrawFn) -> tuple[TimeWindow, ...]:
    """One or two windows in a day, not overlapping, on 5-minute boundaries or not."""
    count = draw(st.integers(1, 2))
    cursor = draw(st.integers(5 * 60, 12 * 60))
    windows = []
    for _ in range(count):
        length = draw(st.integers(20, 240))
        end = min(cursor + length, 23 * 60 + 59)
        if end - cursor < 10:
            break
        windows.append(TimeWindow(time(cursor // 60, cursor % 60), time(end // 60, end % 60)))
        cursor = end + draw(st.integers(30, 9 * 60))
        if cursor > 22 * 60:
            break
    return tuple(windows)


@st.composite
def availabilities(draw: st.DrawFn) -> Availability:
    days = draw(st.sets(st.sampled_from(list(Weekday)), min_size=2, max_size=7))
    return Availability(tuple((d, draw(day_windows())) for d in sorted(days)))


@st.composite
def profiles(draw: st.DrawFn) -> AthleteProfile:
    start = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
    weeks = draw(st.integers(1, 52))
    recent = None
    if draw(st.booleans()):
        recent = RaceResult(5000.0, float(draw(st.integers(15 * 60, 40 * 60))), "5k")
    goal = None
    if draw(st.booleans()):
        goal = GoalRace(
            draw(st.sampled_from([5000.0, 10000.0, 21097.5, 42195.0])),
            "race",
            start + timedelta(days=draw(st.integers(0, 60 * 7))),
        )
    one_rm: tuple[tuple[str, float], ...] = ()
    if draw(st.booleans()):
        one_rm = (
            ("back_squat", float(draw(st.integers(40, 220)))),
            ("bench_press", float(draw(st.integers(30, 160)))),
        )
    return AthleteProfile(
        name="Test",
        priority=draw(st.sampled_from(list(Priority))),
        experience_running=draw(st.sampled_from(list(Experience))),
        experience_strength=draw(st.sampled_from(list(Experience))),
        schedule=ScheduleSpec(start, weeks, draw(availabilities())),
        running=RunningProfile(
            weekly_minutes=draw(st.integers(0, 500)),
            recent_race=recent,
            max_hr=draw(st.none() | st.integers(160, 210)),
            goal_race=goal,
        ),
        strength=StrengthProfile(
            one_rep_max_kg=one_rm,
            equipment=draw(st.sampled_from([(), ("barbell", "rack", "box"), ("dumbbells",)])),
            run_format=draw(st.sampled_from(list(RunFormat))),
            hypertrophy=draw(st.booleans()),
        ),
        sex=draw(st.none() | st.sampled_from(list(Sex))),
        body_mass_kg=draw(st.none() | st.floats(45, 120)),
    )


def generous_availability() -> Availability:
    """Two long windows every day: any sane plan fits."""
    both = (TimeWindow(time(6, 0), time(9, 0)), TimeWindow(time(16, 0), time(20, 0)))
    return Availability(tuple((d, both) for d in Weekday))
