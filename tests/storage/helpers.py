"""Builders for storage tests: activities, plans, and a comparison that knows NaN and
the float32 precision of streams."""

from __future__ import annotations

import math
from dataclasses import fields, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa

from runlift.model.activity import (
    Activity,
    ActivityModality,
    Lap,
    SetType,
    Streams,
    StrengthSet,
)
from runlift.storage import Database
from runlift.storage.streams import as_float32

NEPAL = timezone(timedelta(hours=5, minutes=45))
NEWFOUNDLAND = timezone(timedelta(hours=-3, minutes=-30))


def run(
    start: datetime | None = None,
    *,
    samples: int = 5,
    source_hash: str | None = None,
    **changes: Any,
) -> Activity:
    """A run with two laps and every stream channel except power."""
    start = start or datetime(2026, 12, 7, 6, 30, 15, 250_000, tzinfo=NEPAL)
    t = tuple(float(i) for i in range(samples))
    streams = Streams(
        time_s=t,
        heart_rate=tuple(120.0 + i for i in t),
        speed_mps=tuple(3.0 + 0.1 * i for i in t),
        cadence=tuple(170.0 for _ in t),
        altitude_m=tuple(50.2 + 0.2 * i for i in t),
        distance_m=tuple(3.1 * i for i in t),
    )
    activity = Activity(
        start=start,
        modality=ActivityModality.RUN,
        sport="running",
        duration_s=1800.5,
        source="fit",
        moving_s=1750.25,
        distance_m=5012.3,
        ascent_m=42.0,
        avg_hr=141.7,
        max_hr=171.0,
        rpe=4.5,
        source_file="Morning_Run.fit",
        source_hash=source_hash,
        device="Garmin Forerunner 255",
        notes="easy, legs fine",
        laps=(
            Lap(start=start, duration_s=900.0, distance_m=2500.0, avg_hr=138.0, max_hr=150.0),
            Lap(start=start + timedelta(seconds=900), duration_s=900.5, ascent_m=12.5),
        ),
        streams=streams,
    )
    return replace(activity, **changes)


def lift(start: datetime | None = None, **changes: Any) -> Activity:
    """A strength session with only sets (no streams, no laps)."""
    start = start or datetime(2026, 12, 8, 18, 0, tzinfo=NEWFOUNDLAND)
    activity = Activity(
        start=start,
        modality=ActivityModality.STRENGTH,
        sport="strength_training",
        duration_s=3000.0,
        source="strong-csv",
        rpe=8.0,
        sets=(
            StrengthSet("back squat", "Squat (Barbell)", SetType.WARMUP, reps=5, load_kg=40.0),
            StrengthSet("back squat", "Squat (Barbell)", reps=4, load_kg=80.0, rpe=8.5, rir=1.5),
            StrengthSet("back squat", "Squat (Barbell)", SetType.FAILURE, reps=0, load_kg=85.0),
            StrengthSet("plank", "Plank", duration_s=60.0),
            StrengthSet("rest", "Rest", SetType.REST, duration_s=120.0),
        ),
    )
    return replace(activity, **changes)


def _same_numbers(a: tuple[float, ...] | None, b: tuple[float, ...] | None) -> bool:
    if a is None or b is None:
        return a is b
    return len(a) == len(b) and all(
        (math.isnan(x) and math.isnan(y)) or x == y for x, y in zip(a, b, strict=True)
    )


def stored_form(activity: Activity) -> Activity:
    """What the database gives back: streams at float32 precision."""
    if activity.streams is None:
        return activity
    s = activity.streams
    channels = {
        name: None if getattr(s, name) is None else as_float32(getattr(s, name))
        for name in Streams.CHANNELS
    }
    return replace(activity, streams=Streams(time_s=as_float32(s.time_s), **channels))


def assert_same_activity(got: Activity, expected: Activity) -> None:
    """Equal field by field; streams compared at float32 precision, NaN equal to NaN; the
    start must keep its original UTC offset, not just the instant."""
    expected = stored_form(expected)
    for f in fields(Activity):
        if f.name == "streams":
            continue
        assert getattr(got, f.name) == getattr(expected, f.name), f.name
    assert got.start.utcoffset() == expected.start.utcoffset()
    assert [lap.start.utcoffset() for lap in got.laps] == [
        lap.start.utcoffset() for lap in expected.laps
    ]
    if expected.streams is None:
        assert got.streams is None
        return
    assert got.streams is not None
    for name in ("time_s", *Streams.CHANNELS):
        assert _same_numbers(getattr(got.streams, name), getattr(expected.streams, name)), name


def session(session_id: str, day: str, start: str = "06:30", **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": session_id,
        "week": 1,
        "date": day,
        "start": start,
        "end": "07:15",
        "modality": "run",
        "kind": "easy",
        "intensity": "easy",
        "lower_body": True,
        "duration_min": 45,
        "distance_km": 8.0,
        "title": "Easy run 45 min",
        "targets": {"pace_per_km": "5:40-6:10"},
        "exercises": [],
        "rules": ["ramp.gradual"],
        "refs": [17],
    }
    base.update(changes)
    return base


def plan_document(name: str = "Sam", note: str = "") -> dict[str, Any]:
    """A small runlift.plan/1 document: three sessions in the first week."""
    return {
        "schema": "runlift.plan/1",
        "athlete": {"name": name, "priority": "running"},
        "start": "2026-12-07",
        "weeks": 1,
        "rules": [],
        "references": [],
        "week_summaries": [],
        "sessions": [
            session("w1-mon-1", "2026-12-07"),
            session(
                "w1-wed-1",
                "2026-12-09",
                "18:00",
                end="19:00",
                modality="strength",
                kind="heavy_lower",
                intensity="hard",
                duration_min=60,
                distance_km=None,
                title=f"Heavy lower {note}".strip(),
            ),
            session("w1-sat-1", "2026-12-12", "08:00", end="09:30", kind="long", duration_min=90),
        ],
    }


def count_rows(database: Database, table: str) -> int:
    with database.engine.connect() as conn:
        return int(conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar_one())


def day(text: str) -> date:
    return date.fromisoformat(text)
