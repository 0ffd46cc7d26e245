"""Strava bulk export: ``activities.csv``.

Activities uploaded as files are imported from those files (``activities/``); this
reader only turns the rows that have no file (entered by hand on Strava, such as
"Weight Training") into activities. The header repeats column names (``Distance`` in
km then in metres, ``Elapsed Time`` twice), so columns are taken by position: the
first occurrence unless stated.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from runlift.importers.base import MAX_ACTIVITY_S, Decoded, ImportFileError
from runlift.model.activity import Activity, ActivityModality

_REQUIRED = ("Activity ID", "Activity Date", "Activity Type", "Elapsed Time", "Filename")
_RUNS = {"run", "trail run", "virtual run", "treadmill"}
_LIFTS = {"weight training", "workout", "crossfit"}


def _header(data: bytes) -> list[str] | None:
    try:
        first = data[:8192].decode("utf-8-sig").splitlines()[0]
    except (UnicodeDecodeError, IndexError):
        return None
    return next(csv.reader([first]), None)


def is_strava_activities(data: bytes) -> bool:
    header = _header(data)
    return header is not None and all(c in header for c in _REQUIRED)


def _number(text: str) -> float | None:
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return None


def decode_strava_activities(data: bytes, name: str) -> Decoded:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(name, "not UTF-8 text, as Strava writes it") from None
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None or not all(c in header for c in _REQUIRED):
        raise ImportFileError(name, "not a Strava activities.csv (columns missing)")
    at: dict[str, int] = {c: header.index(c) for c in _REQUIRED}
    metres = [i for i, c in enumerate(header) if c == "Distance"]
    optional: dict[str, int] = {
        c: header.index(c)
        for c in ("Average Heart Rate", "Max Heart Rate", "Perceived Exertion")
        if c in header
    }
    activities = []
    skipped = 0
    for line, row in enumerate(rows, start=2):
        if len(row) < len(header):
            raise ImportFileError(name, f"row {line} has {len(row)} of {len(header)} columns")
        if row[at["Filename"]].strip():
            skipped += 1
            continue
        activities.append(_manual_row(row, at, metres, optional, name, line))
    warnings = (f"{skipped} rows come from uploaded files: imported from those files",)
    return Decoded(tuple(activities), warnings=warnings if skipped else ())


def _manual_row(
    row: list[str],
    at: dict[str, int],
    metres: list[int],
    optional: dict[str, int],
    name: str,
    line: int,
) -> Activity:
    try:
        start = datetime.strptime(row[at["Activity Date"]].strip(), "%b %d, %Y, %I:%M:%S %p")
    except ValueError:
        raise ImportFileError(
            name,
            f"row {line}, Activity Date {row[at['Activity Date']]!r} is not a date "
            "like 'Jul 7, 2018, 5:04:11 PM'",
        ) from None
    elapsed = _number(row[at["Elapsed Time"]])
    if elapsed is None or not 0 < elapsed <= MAX_ACTIVITY_S:
        raise ImportFileError(
            name,
            f"row {line}, Elapsed Time {row[at['Elapsed Time']]!r} "
            "is not a plausible number of seconds",
        )
    kind = row[at["Activity Type"]].strip()
    modality = (
        ActivityModality.RUN
        if kind.lower() in _RUNS
        else ActivityModality.STRENGTH
        if kind.lower() in _LIFTS
        else ActivityModality.OTHER
    )
    distance = _number(row[metres[1]]) if len(metres) > 1 else None
    if distance is None and metres:
        km = _number(row[metres[0]])
        distance = km * 1000 if km is not None else None
    if distance is not None and distance < 0:
        raise ImportFileError(name, f"row {line}: negative distance")
    rpe = _number(row[optional["Perceived Exertion"]]) if "Perceived Exertion" in optional else None
    return Activity(
        start=start.replace(tzinfo=UTC),
        modality=modality,
        sport=kind.lower().replace(" ", "_") or "unknown",
        duration_s=elapsed,
        distance_m=distance or None,
        avg_hr=_number(row[optional["Average Heart Rate"]])
        if "Average Heart Rate" in optional
        else None,
        max_hr=_number(row[optional["Max Heart Rate"]]) if "Max Heart Rate" in optional else None,
        rpe=rpe if rpe is not None and 0 <= rpe <= 10 else None,
        source="strava",
        source_file=name,
        notes=f"Strava activity {row[at['Activity ID']].strip()}",
    )
