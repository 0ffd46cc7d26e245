"""Small builders for synthetic training logs used across the analysis tests."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta, timezone

from runlift.analysis.sessions import Session
from runlift.model.activity import Activity, ActivityModality, SetType, Streams, StrengthSet

ZONE = timezone(timedelta(hours=1))
_ids = itertools.count(1)


def at(day: date, hour: float = 7.0) -> datetime:
    whole = int(hour)
    return datetime.combine(day, time(whole, round((hour - whole) * 60)), tzinfo=ZONE)


def run(
    day: date,
    minutes: float = 40,
    *,
    hour: float = 7.0,
    rpe: float | None = 4,
    avg_hr: float | None = None,
    speed: float = 3.0,
    streams: Streams | None = None,
    ident: int | None = None,
) -> Session:
    return Session(
        ident if ident is not None else next(_ids),
        Activity(
            start=at(day, hour),
            modality=ActivityModality.RUN,
            sport="running",
            duration_s=minutes * 60,
            distance_m=speed * minutes * 60,
            avg_hr=avg_hr,
            rpe=rpe,
            source="test",
            streams=streams,
        ),
    )


def working_set(
    lift: str, load: float, reps: int, rpe: float | None = 8, kind: SetType = SetType.WORKING
) -> StrengthSet:
    return StrengthSet(lift, lift, type=kind, reps=reps, load_kg=load, rpe=rpe)


def lift(
    day: date,
    sets: list[StrengthSet] | tuple[StrengthSet, ...] = (),
    *,
    minutes: float = 60,
    hour: float = 18.0,
    rpe: float | None = 7,
    ident: int | None = None,
) -> Session:
    return Session(
        ident if ident is not None else next(_ids),
        Activity(
            start=at(day, hour),
            modality=ActivityModality.STRENGTH,
            sport="strength_training",
            duration_s=minutes * 60,
            rpe=rpe,
            source="test",
            sets=tuple(sets),
        ),
    )


def monday(year: int, month: int, day: int) -> date:
    found = date(year, month, day)
    assert found.weekday() == 0, f"{found} is not a Monday"
    return found


def utc(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)
