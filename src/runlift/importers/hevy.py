"""Hevy ``workout_data.csv`` exports.

One row per set: ``title``, ``start_time``, ``end_time`` (local, "9 Apr 2026, 17:18";
ISO "2026-04-09 17:18:00" is read too), ``description``, ``exercise_title``,
``superset_id``, ``exercise_notes``, ``set_index`` (0-based), ``set_type`` (normal,
warmup, dropset, failure), ``weight_kg`` or ``weight_lbs``, ``reps``, ``distance_km``
or ``distance_miles``, ``duration_seconds`` and ``rpe``.

A workout is the rows with the same title and start time; its duration is end minus
start (the default, with a warning, when there is no end or it equals the start).
The title and description become the activity's notes; superset ids and exercise
notes are not kept.
"""

from __future__ import annotations

import re
from datetime import UTC, tzinfo

from runlift.importers.base import MAX_ACTIVITY_S, Decoded
from runlift.importers.strength_csv import (
    MAX_DISTANCE,
    MAX_SET_S,
    Column,
    CsvTable,
    Row,
    Workout,
    Workouts,
    aware,
    exercise_name,
    load_kg,
    local_datetime,
    positive,
    reps,
    rpe,
    show,
    unit_argument,
    unit_in_title,
    unit_resolver,
    unit_warning,
)
from runlift.model.activity import SetType

SOURCE = "hevy"

_REQUIRED = {
    "title": ("title",),
    "start_time": ("start_time",),
    "exercise_title": ("exercise_title",),
    "weight_kg": ("weight_kg", "weight_lbs", "weight_lb", "weight"),
    "reps": ("reps",),
}
_OPTIONAL = {
    "end_time": ("end_time",),
    "description": ("description",),
    "set_type": ("set_type",),
    "distance_km": ("distance_km", "distance_miles", "distance_meters", "distance_m", "distance"),
    "duration_seconds": ("duration_seconds",),
    "rpe": ("rpe",),
}
SET_TYPES = {
    "": SetType.WORKING,
    "normal": SetType.WORKING,
    "warmup": SetType.WARMUP,
    "dropset": SetType.DROP,
    "failure": SetType.FAILURE,
}
_NOT_LETTERS = re.compile(r"[^a-z]+")


def decode_hevy(
    data: bytes, name: str, unit: str | None = None, tz: tzinfo | None = None
) -> Decoded:
    """Read a Hevy ``workout_data.csv``: one strength activity per workout.

    The unit is in the header (``weight_kg``/``weight_lbs``); ``unit`` is used only
    for a header that does not say it. ``tz`` is the zone of the wall-clock times
    (default: the system's). Raises :class:`runlift.importers.base.ImportFileError`
    naming the row and column of the first problem.
    """
    fallback = unit_argument(name, unit)
    table = CsvTable(data, name, SOURCE)
    col = table.require(_REQUIRED, _OPTIONAL)
    weight = col["weight_kg"]
    assert weight is not None
    fixed = unit_in_title(weight.title)
    comma = table.delimiter != ","
    out = Workouts(SOURCE, name, tz)
    out.warnings.extend(unit_warning(fallback, fixed, unit))
    for row in table.rows():
        title = row.text(col["title"])
        workout = out.workout(
            row,
            (title, row.text(col["start_time"])),
            lambda first: local_datetime(first, col["start_time"]),
            title,
            row.text(col["description"]),
        )
        if not workout.sets:
            workout.duration_s = _duration(row, col["end_time"], workout, tz)
        written = row.text(col["set_type"])
        kind = SET_TYPES.get(_NOT_LETTERS.sub("", written.casefold()))
        if kind is None:
            raise row.error(
                col["set_type"],
                f"{show(written)} is not a Hevy set type (normal, warmup, dropset, failure)",
            )
        out.add(
            workout,
            exercise_name(row, col["exercise_title"]),
            kind,
            reps=reps(row, col["reps"], decimal_comma=comma),
            load_kg=load_kg(
                row, weight, unit_resolver(row, weight, None, fixed, fallback), decimal_comma=comma
            ),
            duration_s=positive(
                row, col["duration_seconds"], "a set time", MAX_SET_S, decimal_comma=comma
            ),
            rpe=rpe(row, col["rpe"], decimal_comma=comma),
            distance=positive(
                row, col["distance_km"], "a distance", MAX_DISTANCE, decimal_comma=comma
            ),
            row=row,
        )
    return out.finish()


def _duration(
    row: Row, end_column: Column | None, workout: Workout, tz: tzinfo | None
) -> float | None:
    """Seconds from the workout's start to the end on its first row (None: no end)."""
    if not row.text(end_column):
        return None
    end = aware(local_datetime(row, end_column), tz)
    # Through UTC: within one zone Python subtracts wall clocks, ignoring a DST change.
    total = (end.astimezone(UTC) - workout.start.astimezone(UTC)).total_seconds()
    if total < 0:
        raise row.error(end_column, "the workout ends before it starts")
    if total > MAX_ACTIVITY_S:
        raise row.error(end_column, f"a workout of {total / 3600:,.1f} h is not plausible")
    return total or None
