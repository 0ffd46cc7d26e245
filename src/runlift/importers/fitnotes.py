"""FitNotes (Android) CSV exports.

Layouts read:

* newer: ``Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time``
  (sometimes a trailing ``Comment``), the unit on every row ("kgs"/"lbs");
* older: ``Weight (kgs)`` or ``Weight (lbs)`` instead of ``Weight`` + ``Weight Unit``;
* FitNotes iOS (a different app, layout from documentation only): ``Weight (kg)`` and
  ``Weight (lbs)`` side by side (the kg column is read) and ``Notes``.

FitNotes records the date only. A workout is the rows of one date; it starts at
:data:`runlift.importers.strength_csv.DATE_ONLY_START` (noon) local time in ``tz``,
so that a zone off by up to eleven hours never moves it to another day, and it gets
the default duration (a warning says both). ``Time`` ("0:30:00") gives timed sets
their duration. Categories and comments are not kept.

**The comma quirk.** FitNotes does not quote names that hold a comma, so the row
``2025-04-29,Overhead Press (Each Side, Dumbbells),Shoulders,8.0,kgs,5,,,`` has one
field more than its header. The extra fields are given back to the free-text columns
(``Exercise`` first, then ``Comment``/``Notes``), choosing the only split under which
every other column still reads (a date, numbers, a unit, a time). The category is
taken to be one field. A row no split fits is refused with its row number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from runlift.importers.base import Decoded, ImportFileError
from runlift.importers.strength_csv import (
    DATE_ONLY_START,
    MAX_DISTANCE,
    MAX_SET_S,
    CsvTable,
    Row,
    Workouts,
    duration_s,
    exercise_name,
    load_kg,
    local_datetime,
    number,
    positive,
    reps,
    unit_argument,
    unit_factor,
    unit_in_title,
    unit_resolver,
    unit_warning,
)
from runlift.model.activity import SetType

SOURCE = "fitnotes"

_REQUIRED = {
    "Date": ("date",),
    "Exercise": ("exercise",),
    "Weight": ("weight", "weight (kgs)", "weight (kg)", "weight (lbs)", "weight (lb)"),
    "Reps": ("reps",),
}
_OPTIONAL = {
    "Category": ("category",),
    "Weight Unit": ("weight unit",),
    "Distance": ("distance",),
    "Distance Unit": ("distance unit",),
    "Time": ("time",),
    "Comment": ("comment", "notes"),
}
#: The most extra fields a row may have (commas inside its free text).
MAX_EXTRA_FIELDS = 32


def decode_fitnotes(
    data: bytes, name: str, unit: str | None = None, tz: tzinfo | None = None
) -> Decoded:
    """Read a FitNotes CSV export: one strength activity per date.

    ``unit`` ("kg" or "lb") is needed only when the file does not say its unit and
    has loads; ``tz`` is the zone the dates are in (default: the system's). Raises
    :class:`runlift.importers.base.ImportFileError` naming the row and column of the
    first problem.
    """
    fallback = unit_argument(name, unit)
    table = CsvTable(data, name, SOURCE)
    col = table.require(_REQUIRED, _OPTIONAL)
    weight = col["Weight"]
    assert weight is not None
    fixed = unit_in_title(weight.title)
    comma = table.delimiter != ","
    free = [c.index for c in (col["Exercise"], col["Comment"]) if c is not None]

    def fits(cells: list[str]) -> bool:
        """Whether every column but the free-text ones reads under this split."""
        trial = Row(name, 0, 0, cells)
        try:
            local_datetime(trial, col["Date"], date_only=True)
            for label in ("Weight", "Reps", "Distance"):
                number(trial, col[label], decimal_comma=comma)
            duration_s(trial, col["Time"], MAX_SET_S)
        except ImportFileError:
            return False
        word = trial.text(col["Weight Unit"])
        return not word or unit_factor(word) is not None

    def fit(cells: list[str], width: int) -> list[str] | None:
        extra = len(cells) - width
        if extra <= 0 or extra > MAX_EXTRA_FIELDS:
            return None
        for candidate in _splits(cells, width, free, table.delimiter):
            if fits(candidate):
                return candidate
        return None

    out = Workouts(SOURCE, name, tz)
    out.warnings.extend(unit_warning(fallback, fixed, unit))
    for row in table.rows(fit):
        workout = out.workout(
            row,
            (row.text(col["Date"]),),
            lambda first: local_datetime(first, col["Date"], date_only=True),
            "",
            "",
        )
        out.add(
            workout,
            exercise_name(row, col["Exercise"]),
            SetType.WORKING,
            reps=reps(row, col["Reps"], decimal_comma=comma),
            load_kg=load_kg(
                row,
                weight,
                unit_resolver(row, weight, col["Weight Unit"], fixed, fallback),
                decimal_comma=comma,
            ),
            duration_s=duration_s(row, col["Time"], MAX_SET_S),
            rpe=None,
            distance=positive(
                row, col["Distance"], "a distance", MAX_DISTANCE, decimal_comma=comma
            ),
            row=row,
        )
    decoded = out.finish()
    note = (
        f"FitNotes records dates only: each workout was placed at "
        f"{DATE_ONLY_START:%H:%M} local time"
    )
    return Decoded(decoded.activities, decoded.unknown_exercises, (*decoded.warnings, note))


def _splits(cells: list[str], width: int, free: Sequence[int], delimiter: str) -> list[list[str]]:
    """Every way of giving the extra fields back to the free-text columns ``free``
    (the first of them takes the most first), each fitted to ``width`` cells."""
    extra = len(cells) - width
    shares: list[tuple[int, ...]] = []
    if len(free) == 1:
        shares = [(extra,)]
    elif len(free) == 2:
        shares = [(first, extra - first) for first in range(extra, -1, -1)]
    out = []
    for share in shares:
        taken = dict(zip(free, share, strict=True))
        fitted, pos = [], 0
        for index in range(width):
            span = 1 + taken.get(index, 0)
            fitted.append(delimiter.join(cells[pos : pos + span]))
            pos += span
        out.append(fitted)
    return out
