"""Synthetic athletes whose logs tell a known story, for end-to-end analysis tests."""

from __future__ import annotations

import math
from datetime import date, timedelta

from runlift.model.activity import Activity, Streams
from runlift.profile_file import load_example, render_profile
from runlift.storage import Database
from tests.analysis.builders import lift, run, working_set

#: The Sunday the story ends on (``--today``).
TODAY = date(2026, 6, 14)
FIRST_MONDAY = TODAY - timedelta(days=TODAY.weekday()) - timedelta(weeks=13)
#: The day the lifter ran first and lifted 45 minutes later.
CRAMMED_DAY = FIRST_MONDAY + timedelta(weeks=12, days=2)


def _streams(minutes: float, speed: float, hr: float, drift: float) -> Streams:
    n = int(minutes * 60)
    distance = [speed * i for i in range(n)]
    return Streams(
        time_s=tuple(float(i) for i in range(n)),
        heart_rate=tuple(hr + drift * i / n + 2 * math.sin(i / 50) for i in range(n)),
        speed_mps=(speed,) * n,
        distance_m=tuple(distance),
    )


def interfering_lifter() -> list[Activity]:
    """Fourteen weeks of a strength-priority lifter: the squat e1RM stalls and slips
    while weekly running doubles over the last six weeks, and one day crams a run and a
    lift together in the wrong order."""
    out = []
    for week in range(14):
        monday = FIRST_MONDAY + timedelta(weeks=week)
        squat_load = 100 + min(week, 6) * 2.5 - max(0, week - 8) * 1.5
        for offset in (0, 3):
            sets = [working_set("back squat", squat_load, 5, 8) for _ in range(4)]
            sets += [working_set("bench press", 60 + week * 1.25, 5, 8) for _ in range(3)]
            out.append(lift(monday + timedelta(offset), sets, hour=18).activity)
        minutes = 30 if week < 8 else 30 + 10 * (week - 7)
        for offset in (1, 4, 6):
            day = monday + timedelta(offset)
            speed = 2.9 + 0.01 * week
            out.append(
                run(
                    day,
                    minutes,
                    rpe=4,
                    avg_hr=140,
                    speed=speed,
                    streams=_streams(minutes, speed, 138, 4),
                ).activity
            )
    out.append(run(CRAMMED_DAY, 45, hour=7, rpe=5, avg_hr=150).activity)
    out.append(lift(CRAMMED_DAY, [working_set("deadlift", 140, 3, 8)], hour=8.5).activity)
    return out


def store(database: Database, activities: list[Activity], example: str = "lifter") -> int:
    """Store the activities for the default athlete, with an example profile."""
    profile = load_example(example)
    athlete = database.ensure_athlete(profile.name)
    database.set_profile(athlete, profile.name, render_profile(profile))
    for activity in activities:
        database.add_activity(athlete, activity)
    return athlete
