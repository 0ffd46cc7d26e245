"""Checking and building manual log entries (runs, lifts, wellness) from user input.

Pure: turns command-line values into domain objects or raises InputError naming the
option and the value. Storage happens in :mod:`runlift.services`.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time, timedelta

from runlift.errors import InputError
from runlift.model.activity import Activity, ActivityModality, Wellness
from runlift.science.running import parse_duration

_DISTANCE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(km|k|m|mi|miles?)?\s*$", re.IGNORECASE)
_TO_METRES = {
    "km": 1000.0,
    "k": 1000.0,
    "m": 1.0,
    "mi": 1609.344,
    "mile": 1609.344,
    "miles": 1609.344,
}

#: Limits of plausible manual entries; anything outside is a typo more often than not.
MAX_RUN_S = 24 * 3600
MAX_SPEED_MPS = 12.0  # faster than any sprinter: a typo in distance or time
MAX_DISTANCE_M = 1_000_000


def parse_run_distance(text: str) -> float:
    """``8km``, ``8k``, ``5mi``, ``800m`` or a bare number of kilometres."""
    match = _DISTANCE.match(text)
    if match is None:
        raise InputError(f"distance {text!r} is not understood: write it like 8km, 5mi or 800m")
    unit = (match.group(2) or "km").lower()
    metres = float(match.group(1)) * _TO_METRES[unit]
    if not 0 < metres <= MAX_DISTANCE_M:
        raise InputError(f"distance must be more than 0 and at most 1000 km, got {text!r}")
    return metres


def parse_when(text: str | None, now: datetime | None = None) -> datetime:
    """A local date or date-time, as an aware datetime in the system's time zone.

    ``None`` means now; ``today`` and ``yesterday`` are accepted; a date alone means
    noon of that day. Times more than a day ahead are refused: a log is of the past.
    """
    current = now or datetime.now().astimezone()
    if text is None:
        return current
    word = text.strip().lower()
    if word in ("today", "yesterday"):
        day = current.date() - timedelta(days=1 if word == "yesterday" else 0)
        return datetime.combine(day, time(12, 0)).astimezone()
    for fmt in ("%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"):
        try:
            naive = datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        if fmt == "%Y-%m-%d":
            naive = naive.replace(hour=12)
        when = naive.astimezone()
        if when - current > timedelta(days=1):
            raise InputError(f"--date {text} lies in the future; log what was done")
        return when
    raise InputError(
        f"--date {text!r} is not a real date: write YYYY-MM-DD or YYYY-MM-DDTHH:MM, "
        "or today/yesterday"
    )


def check_rpe(value: float | None) -> float | None:
    if value is None:
        return None
    if not 0 <= value <= 10 or math.isnan(value):
        raise InputError(f"--rpe must be between 0 and 10 (the CR-10 scale), got {value:g}")
    return value


def _in_range(name: str, value: float | None, low: float, high: float) -> float | None:
    if value is None:
        return None
    if math.isnan(value) or not low <= value <= high:
        raise InputError(f"{name} must be between {low:g} and {high:g}, got {value:g}")
    return value


def run_entry(
    distance: str,
    duration: str,
    *,
    rpe: float | None = None,
    avg_hr: float | None = None,
    when: datetime,
    notes: str | None = None,
) -> Activity:
    metres = parse_run_distance(distance)
    try:
        seconds = parse_duration(duration)
    except ValueError as exc:
        raise InputError(f"time {duration!r}: {exc}; write it as h:mm:ss or mm:ss") from None
    if not 0 < seconds <= MAX_RUN_S:
        raise InputError(f"time must be more than 0 and at most 24 hours, got {duration!r}")
    if metres / seconds > MAX_SPEED_MPS:
        raise InputError(
            f"{distance} in {duration} is faster than any human runs: check both values"
        )
    return Activity(
        start=when,
        modality=ActivityModality.RUN,
        sport="running",
        duration_s=seconds,
        moving_s=seconds,
        distance_m=metres,
        avg_hr=_in_range("--hr", avg_hr, 30, 250),
        rpe=check_rpe(rpe),
        source="manual",
        notes=notes,
    )


def wellness_entry(
    day: date,
    *,
    sleep_h: float | None = None,
    soreness: int | None = None,
    hrv_ms: float | None = None,
    resting_hr: float | None = None,
    body_mass_kg: float | None = None,
    mood: int | None = None,
    notes: str | None = None,
) -> Wellness:
    entry = Wellness(
        day=day,
        sleep_h=_in_range("--sleep", sleep_h, 0, 24),
        soreness=None if soreness is None else int(_in_range("--soreness", soreness, 1, 10) or 0),
        hrv_ms=_in_range("--hrv", hrv_ms, 1, 300),
        resting_hr=_in_range("--rhr", resting_hr, 25, 150),
        body_mass_kg=_in_range("--mass", body_mass_kg, 25, 300),
        mood=None if mood is None else int(_in_range("--mood", mood, 1, 10) or 0),
        notes=notes,
    )
    if all(
        v is None
        for v in (
            entry.sleep_h,
            entry.soreness,
            entry.hrv_ms,
            entry.resting_hr,
            entry.body_mass_kg,
            entry.mood,
            entry.notes,
        )
    ):
        raise InputError("give at least one measure, e.g. --sleep 7.5 or --soreness 3")
    return entry
