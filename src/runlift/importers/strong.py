"""Strong (iOS and Android) CSV exports.

Three layouts are read, told apart by their header, not by the file name:

* iOS, about 2019-2022: comma-separated, ``Duration`` as text ("55m", "1h 26m"), no
  unit anywhere: loads are in the app's unit, which the caller passes as ``unit``.
* Android, about 2022: semicolon-separated, a ``Weight Unit`` cell on every row
  ("kg"/"lbs") and ``Workout Duration`` as text at the end.
* Strong 6: every field quoted, separated by ``;`` or ``,``, the unit in the header
  (``Weight (kg)``, ``Weight (lbs)``), ``Duration (sec)`` in seconds, a ``Workout #``.
  Decimal commas ("42,5") are read when fields are not separated by commas.

A workout is the rows with the same date, workout name (and ``Workout #`` when there
is one). ``Set Order`` is the set number, or ``W`` (warm-up), ``D`` (drop set) or
``F`` (to failure); ``Rest Timer`` and ``Note`` rows are not sets and are skipped. The
workout name and the workout notes become the activity's notes; the per-exercise
``Notes`` are not kept. ``Seconds`` gives timed sets their duration.
"""

from __future__ import annotations

from datetime import tzinfo

from runlift.importers.base import MAX_ACTIVITY_S, Decoded
from runlift.importers.strength_csv import (
    MAX_DISTANCE,
    MAX_SET_S,
    CsvTable,
    Workouts,
    duration_s,
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

SOURCE = "strong"

_WEIGHT = (
    "weight",
    "weight (kg)",
    "weight (kgs)",
    "weight (lb)",
    "weight (lbs)",
)
_REQUIRED = {
    "Date": ("date",),
    "Workout Name": ("workout name",),
    "Exercise Name": ("exercise name",),
    "Set Order": ("set order",),
    "Weight": _WEIGHT,
    "Reps": ("reps",),
}
_OPTIONAL = {
    "Weight Unit": ("weight unit",),
    "Duration": (
        "duration (sec)",
        "duration (s)",
        "duration (seconds)",
        "duration",
        "workout duration",
    ),
    "RPE": ("rpe",),
    "Distance": (
        "distance",
        "distance (meters)",
        "distance (m)",
        "distance (km)",
        "distance (miles)",
        "distance (mi)",
    ),
    "Seconds": ("seconds",),
    "Workout Notes": ("workout notes",),
    "Workout #": ("workout #",),
}
#: Set Order values that are not numbers.
SET_ORDER_TYPES = {"w": SetType.WARMUP, "d": SetType.DROP, "f": SetType.FAILURE}
#: Set Order values of rows that hold no set.
NOT_SETS = frozenset({"rest timer", "note"})


def decode_strong(
    data: bytes, name: str, unit: str | None = None, tz: tzinfo | None = None
) -> Decoded:
    """Read a Strong CSV export: one strength activity per workout.

    ``unit`` ("kg" or "lb") is needed only when the file does not say its unit and
    has loads; ``tz`` is the zone of the wall-clock times (default: the system's).
    Raises :class:`runlift.importers.base.ImportFileError` naming the row and column
    of the first problem.
    """
    fallback = unit_argument(name, unit)
    table = CsvTable(data, name, SOURCE)
    col = table.require(_REQUIRED, _OPTIONAL)
    weight = col["Weight"]
    assert weight is not None
    fixed = unit_in_title(weight.title)
    comma = table.delimiter != ","
    out = Workouts(SOURCE, name, tz)
    out.warnings.extend(unit_warning(fallback, fixed, unit))
    for row in table.rows():
        order = row.text(col["Set Order"]).casefold()
        if order in NOT_SETS:
            continue
        if order.isascii() and order.isdigit():
            kind = SetType.WORKING
        elif order in SET_ORDER_TYPES:
            kind = SET_ORDER_TYPES[order]
        else:
            raise row.error(
                col["Set Order"],
                f"{show(row.text(col['Set Order']))} is not a set number, W, D, F, "
                "Rest Timer or Note",
            )
        title = row.text(col["Workout Name"])
        key = (row.text(col["Workout #"]), row.text(col["Date"]), title)
        workout = out.workout(
            row,
            key,
            lambda first: local_datetime(first, col["Date"]),
            title,
            row.text(col["Workout Notes"]),
        )
        if workout.duration_s is None:
            workout.duration_s = duration_s(row, col["Duration"], MAX_ACTIVITY_S)
        out.add(
            workout,
            exercise_name(row, col["Exercise Name"]),
            kind,
            reps=reps(row, col["Reps"], decimal_comma=comma),
            load_kg=load_kg(
                row,
                weight,
                unit_resolver(row, weight, col["Weight Unit"], fixed, fallback),
                decimal_comma=comma,
            ),
            duration_s=positive(row, col["Seconds"], "a set time", MAX_SET_S, decimal_comma=comma),
            rpe=rpe(row, col["RPE"], decimal_comma=comma),
            distance=positive(
                row, col["Distance"], "a distance", MAX_DISTANCE, decimal_comma=comma
            ),
            row=row,
        )
    return out.finish()
