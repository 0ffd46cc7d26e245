"""Activities with their laps, sets and streams: rows in, domain values out.

Writing touches four tables; the caller holds one transaction around :func:`insert`.
Reading loads any number of activities in a fixed number of queries (one per table).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from runlift.model.activity import (
    Activity,
    ActivityModality,
    Lap,
    SetType,
    StrengthSet,
)
from runlift.storage import streams as stream_codec
from runlift.storage.errors import InvalidRecordError
from runlift.storage.records import ActivitySource, StoredActivity
from runlift.storage.schema import activities, laps, streams, strength_sets

_MINUTE = timedelta(minutes=1)
SCALARS = (
    "duration_s",
    "moving_s",
    "distance_m",
    "ascent_m",
    "avg_hr",
    "max_hr",
    "rpe",
)
TEXTS = ("sport", "source", "source_file", "source_hash", "device", "notes")
SET_NUMBERS = ("load_kg", "duration_s", "rpe", "rir")
LAP_NUMBERS = ("duration_s", "distance_m", "avg_hr", "max_hr", "ascent_m")


# ---------------------------------------------------------------- times and numbers


def split_time(moment: datetime, what: str) -> tuple[datetime, int]:
    """An aware datetime as (naive UTC instant, offset in whole minutes)."""
    offset = moment.utcoffset()
    if offset is None:
        raise InvalidRecordError(f"{what} must be timezone-aware, got {moment.isoformat()}")
    if offset % _MINUTE:
        raise InvalidRecordError(f"{what} has a UTC offset that is not whole minutes: {offset}")
    return moment.replace(tzinfo=None) - offset, offset // _MINUTE


def join_time(utc: datetime, offset_min: int) -> datetime:
    """The aware datetime in its original offset (UTC itself for offset 0)."""
    zone = UTC if offset_min == 0 else timezone(timedelta(minutes=offset_min))
    return (utc + timedelta(minutes=offset_min)).replace(tzinfo=zone)


def real(value: float | None) -> float | None:
    """A stored double: NaN is stored as NULL on every engine (SQLite cannot keep it)."""
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def new_id(result: sa.CursorResult[Any]) -> int:
    """The primary key the database gave the row just inserted."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _fields(obj: object, names: Sequence[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


# ---------------------------------------------------------------- rows


def activity_row(activity: Activity) -> dict[str, Any]:
    """The ``activities`` columns of a domain activity (no ids, no stored_at)."""
    start_utc, offset = split_time(activity.start, "activity start")
    try:
        modality = ActivityModality(activity.modality).value
    except ValueError:
        raise InvalidRecordError(
            f"an activity's modality must be run, strength or other, got {activity.modality!r}"
        ) from None
    row: dict[str, Any] = {
        "start_utc": start_utc,
        "utc_offset_min": offset,
        "local_day": (start_utc + offset * _MINUTE).date(),
        "modality": modality,
    }
    row.update({name: real(getattr(activity, name)) for name in SCALARS})
    row.update(_fields(activity, TEXTS))
    if row["duration_s"] is None:
        raise InvalidRecordError("an activity's duration must be a number, got NaN")
    return row


def lap_rows(activity_id: int, lap_list: Sequence[Lap]) -> list[dict[str, Any]]:
    rows = []
    for position, lap in enumerate(lap_list):
        start_utc, offset = split_time(lap.start, f"lap {position + 1} start")
        row: dict[str, Any] = {
            "activity_id": activity_id,
            "position": position,
            "start_utc": start_utc,
            "utc_offset_min": offset,
        }
        row.update({name: real(getattr(lap, name)) for name in LAP_NUMBERS})
        rows.append(row)
    return rows


def set_rows(activity_id: int, set_list: Sequence[StrengthSet]) -> list[dict[str, Any]]:
    rows = []
    for position, done in enumerate(set_list):
        row: dict[str, Any] = {
            "activity_id": activity_id,
            "position": position,
            "exercise": done.exercise,
            "exercise_raw": done.exercise_raw,
            "type": str(done.type),
            "reps": done.reps,
        }
        row.update({name: real(getattr(done, name)) for name in SET_NUMBERS})
        rows.append(row)
    return rows


# Built once (building a statement per call costs more than running it).
_ACTIVITY_INSERT = activities.insert()
_STREAM_INSERT = streams.insert()
_LAP_INSERT = laps.insert()
_SET_INSERT = strength_sets.insert()


def _insert_children(
    connection: Connection,
    activity_id: int,
    activity: Activity,
    stream_row: dict[str, Any] | None,
) -> None:
    if activity.laps:
        connection.execute(_LAP_INSERT, lap_rows(activity_id, activity.laps))
    if activity.sets:
        connection.execute(_SET_INSERT, set_rows(activity_id, activity.sets))
    if stream_row is not None:
        connection.execute(_STREAM_INSERT, {"activity_id": activity_id, **stream_row})


def insert(connection: Connection, athlete_id: int, activity: Activity, stored_at: datetime) -> int:
    """Write one activity and everything it holds; returns its id. No commit here."""
    row = activity_row(activity)
    stream_row = None if activity.streams is None else stream_codec.to_row(activity.streams)
    result = connection.execute(
        _ACTIVITY_INSERT, {"athlete_id": athlete_id, "stored_at": stored_at, **row}
    )
    activity_id = new_id(result)
    _insert_children(connection, activity_id, activity, stream_row)
    return activity_id


def replace_content(connection: Connection, activity_id: int, activity: Activity) -> None:
    """Give a stored activity the content of ``activity`` in place: its columns, laps,
    sets and streams; the id, athlete, ``stored_at`` and plan links stay. No commit."""
    row = activity_row(activity)
    stream_row = None if activity.streams is None else stream_codec.to_row(activity.streams)
    for table in (laps, strength_sets, streams):
        connection.execute(table.delete().where(table.c.activity_id == activity_id))
    connection.execute(activities.update().where(activities.c.id == activity_id).values(**row))
    _insert_children(connection, activity_id, activity, stream_row)


def source_row(
    activity_id: int,
    *,
    source: str,
    source_file: str | None,
    source_hash: str | None,
    start: datetime,
    duration_s: float,
    recorded_at: datetime,
) -> dict[str, Any]:
    """An ``activity_sources`` row: another recording of activity ``activity_id``."""
    start_utc, offset = split_time(start, "linked copy start")
    duration = real(duration_s)
    if duration is None:
        raise InvalidRecordError("a linked copy's duration must be a number, got NaN")
    return {
        "activity_id": activity_id,
        "source": source,
        "source_file": source_file,
        "source_hash": source_hash,
        "start_utc": start_utc,
        "utc_offset_min": offset,
        "duration_s": duration,
        "recorded_at": recorded_at,
    }


def source_from(row: RowMapping) -> ActivitySource:
    return ActivitySource(
        id=row["id"],
        activity_id=row["activity_id"],
        source=row["source"],
        source_file=row["source_file"],
        source_hash=row["source_hash"],
        start=join_time(row["start_utc"], row["utc_offset_min"]),
        duration_s=row["duration_s"],
        recorded_at=row["recorded_at"].replace(tzinfo=UTC),
    )


# ---------------------------------------------------------------- loading


def lap_from(row: RowMapping) -> Lap:
    return Lap(
        start=join_time(row["start_utc"], row["utc_offset_min"]),
        **{name: row[name] for name in LAP_NUMBERS},
    )


def set_from(row: RowMapping) -> StrengthSet:
    return StrengthSet(
        exercise=row["exercise"],
        exercise_raw=row["exercise_raw"],
        type=SetType(row["type"]),
        reps=row["reps"],
        **{name: row[name] for name in SET_NUMBERS},
    )


def activity_from(
    row: RowMapping,
    lap_list: Sequence[Lap] = (),
    set_list: Sequence[StrengthSet] = (),
    stream_row: RowMapping | None = None,
) -> Activity:
    return Activity(
        start=join_time(row["start_utc"], row["utc_offset_min"]),
        modality=ActivityModality(row["modality"]),
        laps=tuple(lap_list),
        sets=tuple(set_list),
        streams=None if stream_row is None else stream_codec.from_row(stream_row),
        **{name: row[name] for name in (*SCALARS, *TEXTS)},
    )


def _grouped(
    connection: Connection, table: sa.Table, ids: sa.Select[Any]
) -> dict[int, list[RowMapping]]:
    key = table.c.activity_id
    order = [key, table.c.position] if "position" in table.c else [key]
    query = sa.select(table).where(key.in_(ids)).order_by(*order)
    grouped: dict[int, list[RowMapping]] = defaultdict(list)
    for row in connection.execute(query).mappings():
        grouped[row["activity_id"]].append(row)
    return grouped


def load(
    connection: Connection,
    condition: sa.ColumnElement[bool],
    *,
    with_streams: bool,
    with_details: bool = True,
) -> list[StoredActivity]:
    """Every activity matching ``condition``, ordered by start, with laps and sets (unless
    ``with_details`` is False) and optionally streams: one query per table, whatever the
    number of activities. ``has_streams`` is set either way (without streams, from the
    streams keys only)."""
    ids = sa.select(activities.c.id).where(condition)
    rows = (
        connection.execute(
            sa.select(activities).where(condition).order_by(activities.c.start_utc, activities.c.id)
        )
        .mappings()
        .all()
    )
    if not rows:
        return []
    lap_map = _grouped(connection, laps, ids) if with_details else {}
    set_map = _grouped(connection, strength_sets, ids) if with_details else {}
    stream_map = _grouped(connection, streams, ids) if with_streams else {}
    with_samples = (
        set(stream_map)
        if with_streams
        # The key alone: cheap, no blob is read.
        else set(
            connection.execute(
                sa.select(streams.c.activity_id).where(streams.c.activity_id.in_(ids))
            ).scalars()
        )
    )
    out = []
    for row in rows:
        key = row["id"]
        stream_rows = stream_map.get(key)
        out.append(
            StoredActivity(
                id=key,
                activity=activity_from(
                    row,
                    [lap_from(r) for r in lap_map.get(key, ())],
                    [set_from(r) for r in set_map.get(key, ())],
                    stream_rows[0] if stream_rows else None,
                ),
                has_streams=key in with_samples,
            )
        )
    return out
