"""Read, check and write the athlete profile file (``athlete.toml``).

:func:`parse_profile` and :func:`load_profile` turn TOML text into an
:class:`~runlift.model.profile.AthleteProfile`. Every field is checked, and all mistakes are
collected before anything is raised, so a user fixes a file in one pass: the
:class:`~runlift.errors.ProfileError` lists each problem with the dotted path of the field
(``running.recent_race.time``, ``schedule.availability.mon[1]``), the rule it breaks and the
value found. :func:`render_profile` writes the commented file back; parsing its output gives
an equal profile.

The format is described field by field in ``docs/profile.md``. This module is pure: it reads
files only when asked to by :func:`load_profile` and the example helpers, and imports no
storage, CLI or web code.
"""

from __future__ import annotations

import math
import re
import reprlib
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from enum import StrEnum
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Final, TypeVar

from runlift.errors import FieldProblem, InputError, ProfileError
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
from runlift.science.running import (
    RACE_DISTANCES_M,
    TRACK_DISTANCES_M,
    format_duration,
    parse_duration,
    race_distance_m,
)

__all__ = [
    "BODY_MASS_KG_RANGE",
    "DEFAULT_WEEKS",
    "EXAMPLE_NAMES",
    "MAX_HR_RANGE",
    "MAX_PROBLEMS",
    "MAX_PROFILE_BYTES",
    "MIN_WINDOW_MINUTES",
    "NAME_MAX_CHARS",
    "ONE_REP_MAX_KG_LIMIT",
    "RACE_DISTANCE_M_RANGE",
    "RACE_SPEED_M_S",
    "RESTING_HR_RANGE",
    "THRESHOLD_HR_RANGE",
    "WEEKLY_MINUTES_RANGE",
    "WEEKS_RANGE",
    "example_profile_path",
    "load_example",
    "load_profile",
    "parse_profile",
    "render_profile",
]

# --------------------------------------------------------------------------------------
# Limits (documented in docs/profile.md; change both together)
# --------------------------------------------------------------------------------------

MAX_PROFILE_BYTES: Final = 256 * 1024
"""A real profile is a few kilobytes; anything past this is refused before parsing."""
MAX_PROBLEMS: Final = 50
"""At most this many problems are listed; the rest are counted in one closing line."""
_MAX_KEY_DOTS: Final = 64
"""Dotted keys nested deeper than this are refused before tomllib sees them (its key
handling is quadratic in the depth, so a crafted one-line key could stall it)."""

NAME_MAX_CHARS: Final = 100
WEEKLY_MINUTES_RANGE: Final = (0, 3000)
BODY_MASS_KG_RANGE: Final = (25.0, 300.0)
MAX_HR_RANGE: Final = (100, 240)
RESTING_HR_RANGE: Final = (25, 120)
THRESHOLD_HR_RANGE: Final = (60, 235)
ONE_REP_MAX_KG_LIMIT: Final = 600.0
RACE_DISTANCE_M_RANGE: Final = (400.0, 250_000.0)
RACE_SPEED_M_S: Final = (1.0, 6.7)
"""Average race speeds outside this band are refused: slower than a walk, or faster than
the road world records. Races shorter than 3 km may go up to :data:`_SHORT_RACE_MAX_SPEED`."""
_SHORT_RACE_M: Final = 3000.0
_SHORT_RACE_MAX_SPEED: Final = 7.3
WEEKS_RANGE: Final = (1, 52)
DEFAULT_WEEKS: Final = 12
MIN_WINDOW_MINUTES: Final = 10
EXAMPLE_NAMES: Final = ("runner", "lifter", "hybrid")

_FILE: Final = "(file)"
"""The field name used for problems with the file as a whole."""

# --------------------------------------------------------------------------------------
# The allowed fields, per table
# --------------------------------------------------------------------------------------

_TOP_FIELDS: Final = (
    "name",
    "priority",
    "sex",
    "body_mass_kg",
    "experience",
    "running",
    "strength",
    "schedule",
)
_EXPERIENCE_FIELDS: Final = ("running", "strength")
_RUNNING_FIELDS: Final = (
    "weekly_minutes",
    "recent_race",
    "max_hr",
    "resting_hr",
    "threshold_hr",
    "goal_race",
)
_RECENT_RACE_FIELDS: Final = ("distance", "distance_m", "time")
_GOAL_RACE_FIELDS: Final = ("distance", "distance_m", "date")
_STRENGTH_FIELDS: Final = ("one_rep_max_kg", "equipment", "run_format", "hypertrophy")
_SCHEDULE_FIELDS: Final = ("start", "weeks", "availability")

_KNOWN_DISTANCES: Final[dict[str, float]] = {**RACE_DISTANCES_M, **TRACK_DISTANCES_M}

_DAY_NAMES: Final[dict[str, Weekday]] = {
    **{day.key: day for day in Weekday},
    "monday": Weekday.MON,
    "tuesday": Weekday.TUE,
    "wednesday": Weekday.WED,
    "thursday": Weekday.THU,
    "friday": Weekday.FRI,
    "saturday": Weekday.SAT,
    "sunday": Weekday.SUN,
}

_LIFT_ALIASES: Final[dict[str, str]] = {
    "squat": "back_squat",
    "bench": "bench_press",
    "ohp": "overhead_press",
    "press": "overhead_press",
    "military_press": "overhead_press",
    "dl": "deadlift",
}
"""Common short names, mapped to the canonical lift they mean."""

_SNAKE: Final = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_SNAKE_MAX_CHARS: Final = 40
_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_WINDOW: Final = re.compile(r"\s*(\d{1,2}):(\d{2})\s*[-\u2013]\s*(\d{1,2}):(\d{2})\s*")
_ISO_DATE: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TOML_POSITION: Final = re.compile(r"\(at line (\d+), column (\d+)\)")

_E = TypeVar("_E", bound=StrEnum)


# --------------------------------------------------------------------------------------
# Problem collection
# --------------------------------------------------------------------------------------


class _Abbreviated:
    """Stands in for a value too large or too deep to show in full in a message."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Abbreviated) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


_SHORT_REPR: Final = reprlib.Repr()
_SHORT_REPR.maxlevel = 3
_SHORT_REPR.maxstring = 60
_SHORT_REPR.maxother = 60
_SHORT_REPR.maxlist = 6
_SHORT_REPR.maxdict = 6
_MAX_SHOWN_CHARS: Final = 120


def _fits(value: object, budget: list[int], depth: int) -> bool:
    """Whether ``value`` is shallow and small enough to keep whole in a problem."""
    budget[0] -= 1
    if budget[0] < 0 or depth > 3:
        return False
    if isinstance(value, str):
        return len(value) <= _MAX_SHOWN_CHARS
    if isinstance(value, Mapping):
        return all(
            _fits(k, budget, depth + 1) and _fits(v, budget, depth + 1) for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return all(_fits(item, budget, depth + 1) for item in value)
    return True


def _shown(value: object) -> object:
    """The value as it should travel in a :class:`FieldProblem`: itself, or a short stand-in."""
    if _fits(value, [40], 0):
        return value
    if isinstance(value, str):
        return value[: _MAX_SHOWN_CHARS - 3] + "..."
    return _Abbreviated(_SHORT_REPR.repr(value))


class _Problems:
    """Collects problems in the order they are found; keeps the first few in full."""

    def __init__(self) -> None:
        self.items: list[FieldProblem] = []
        self.dropped = 0

    def add(self, path: str, rule: str, value: object) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(FieldProblem(path, rule, _shown(value)))
        else:
            self.dropped += 1

    def raise_if_any(self, source: str) -> None:
        if not self.items:
            return
        problems = list(self.items)
        if self.dropped:
            problems.append(FieldProblem(_FILE, f"{self.dropped} more problems not listed", None))
        raise ProfileError(source, problems)


def _file_error(source: str, rule: str, value: object) -> ProfileError:
    """A problem with the file as a whole. A path given as the value is kept whole."""
    shown = value if value == source else _shown(value)
    return ProfileError(source, [FieldProblem(_FILE, rule, shown)])


def _child(parent: str, key: str) -> str:
    """The dotted path of ``key`` inside ``parent``, quoting keys TOML could not write bare."""
    shown = key if len(key) <= 40 else key[:37] + "..."
    part = shown if _BARE_KEY.fullmatch(shown) else _toml_string(shown)
    return f"{parent}.{part}" if parent else part


def _listing(names: Iterable[str]) -> str:
    return ", ".join(names)


# --------------------------------------------------------------------------------------
# Typed readers: each returns the checked value, or None after recording a problem
# --------------------------------------------------------------------------------------


def _table(
    problems: _Problems, path: str, value: object, allowed: tuple[str, ...]
) -> dict[str, Any] | None:
    if not isinstance(value, dict):
        problems.add(path, "must be a table", value)
        return None
    for key, item in value.items():
        if key not in allowed:
            problems.add(
                _child(path, key), f"unknown field; allowed here: {_listing(allowed)}", item
            )
    return value


def _required(problems: _Problems, table: Mapping[str, Any], key: str, path: str, hint: str) -> Any:
    value = table.get(key)
    if value is None:
        problems.add(path, f"is required; {hint}", None)
    return value


def _text(problems: _Problems, path: str, value: object) -> str | None:
    if not isinstance(value, str):
        problems.add(path, "must be text in quotes", value)
        return None
    return value


def _choice(problems: _Problems, path: str, value: object, kind: type[_E]) -> _E | None:
    allowed = [member.value for member in kind]
    rule = f"must be one of: {_listing(allowed)}"
    if not isinstance(value, str):
        problems.add(path, rule, value)
        return None
    wanted = value.strip().lower()
    for member in kind:
        if member.value == wanted:
            return member
    problems.add(path, rule, value)
    return None


def _number(problems: _Problems, path: str, value: object) -> float | None:
    if isinstance(value, bool):
        problems.add(path, "must be a number, not true or false", value)
        return None
    if not isinstance(value, int | float):
        problems.add(path, "must be a number", value)
        return None
    number = float(value)
    if not math.isfinite(number):
        problems.add(path, "must be a finite number", value)
        return None
    return number


def _real(problems: _Problems, path: str, value: object, low: float, high: float) -> float | None:
    number = _number(problems, path, value)
    if number is None:
        return None
    if not low <= number <= high:
        problems.add(path, f"must be between {low:g} and {high:g}", value)
        return None
    return number


def _whole(problems: _Problems, path: str, value: object, low: int, high: int) -> int | None:
    number = _number(problems, path, value)
    if number is None:
        return None
    if not number.is_integer():
        problems.add(path, "must be a whole number", value)
        return None
    if not low <= number <= high:
        problems.add(path, f"must be between {low} and {high}", value)
        return None
    return int(number)


def _flag(problems: _Problems, path: str, value: object) -> bool | None:
    if not isinstance(value, bool):
        problems.add(path, "must be true or false (without quotes)", value)
        return None
    return value


def _calendar_date(problems: _Problems, path: str, value: object) -> date | None:
    if isinstance(value, datetime):
        problems.add(path, "must be a date without a time of day", value)
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        match = _ISO_DATE.fullmatch(value.strip())
        if match is None:
            problems.add(path, "must be a date written YYYY-MM-DD", value)
            return None
        year, month, day = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            problems.add(path, "not a real date", value)
            return None
    problems.add(path, "must be a date written YYYY-MM-DD", value)
    return None


def _snake_name(key: str) -> str:
    """``"Back Squat"``, ``"back-squat"`` and ``"backSquat"`` all become ``"back_squat"``."""
    split = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key.strip())
    return re.sub(r"[\s\-]+", "_", split.lower())


# --------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------


def _name(problems: _Problems, value: object) -> str | None:
    text = _text(problems, "name", value)
    if text is None:
        return None
    name = text.strip()
    if not name:
        problems.add("name", "must not be empty", value)
        return None
    if len(name) > NAME_MAX_CHARS:
        problems.add("name", f"must be at most {NAME_MAX_CHARS} characters", value)
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in name):
        problems.add("name", "must be one line without control characters", value)
        return None
    return name


def _distance(problems: _Problems, path: str, table: Mapping[str, Any]) -> tuple[float, str] | None:
    """The distance of a race table and its label: canonical name, or ``"8000 m"``."""
    has_name = "distance" in table
    has_metres = "distance_m" in table
    if has_name and has_metres:
        problems.add(
            path,
            "give exactly one of distance or distance_m",
            {"distance": table["distance"], "distance_m": table["distance_m"]},
        )
        return None
    if not has_name and not has_metres:
        problems.add(
            f"{path}.distance",
            f"is required; a name ({_listing(_KNOWN_DISTANCES)}) or distance_m in metres",
            None,
        )
        return None
    if has_name:
        value = table["distance"]
        rule = (
            f"unknown race distance; known: {_listing(_KNOWN_DISTANCES)} "
            "(or give distance_m in metres)"
        )
        if not isinstance(value, str):
            problems.add(f"{path}.distance", rule, value)
            return None
        try:
            metres = race_distance_m(value)
        except ValueError:
            problems.add(f"{path}.distance", rule, value)
            return None
        return metres, _distance_label(metres)
    low, high = RACE_DISTANCE_M_RANGE
    metres_or_none = _real(problems, f"{path}.distance_m", table["distance_m"], low, high)
    if metres_or_none is None:
        return None
    return metres_or_none, _metres_label(metres_or_none)


def _distance_label(metres: float) -> str:
    for name, known in _KNOWN_DISTANCES.items():
        if known == metres:
            return name
    return _metres_label(metres)


def _metres_label(metres: float) -> str:
    return f"{_number_text(metres)} m"


def _recent_race(problems: _Problems, value: object) -> RaceResult | None:
    path = "running.recent_race"
    table = _table(problems, path, value, _RECENT_RACE_FIELDS)
    if table is None:
        return None
    distance = _distance(problems, path, table)
    raw_time = _required(
        problems, table, "time", f"{path}.time", 'a duration such as "23:40" or "1:31:35"'
    )
    if raw_time is None:
        return None
    seconds = _duration(problems, f"{path}.time", raw_time)
    if seconds is None or distance is None:
        return None
    metres, label = distance
    speed = metres / seconds
    low, high = RACE_SPEED_M_S
    if metres < _SHORT_RACE_M:
        high = _SHORT_RACE_MAX_SPEED
    if not low <= speed <= high:
        problems.add(
            f"{path}.time",
            f"implausible race time: {speed:.2f} m/s on average over {label}; "
            f"expected between {low:g} and {high:g} m/s",
            raw_time,
        )
        return None
    return RaceResult(distance_m=metres, time_s=seconds, label=label)


def _duration(problems: _Problems, path: str, value: object) -> float | None:
    if not isinstance(value, str):
        problems.add(
            path, 'must be a duration in quotes, written M:SS or H:MM:SS like "23:40"', value
        )
        return None
    try:
        seconds = parse_duration(value)
    except ValueError:
        problems.add(
            path, 'not a duration; write M:SS or H:MM:SS, like "23:40" or "1:31:35"', value
        )
        return None
    if seconds <= 0:
        problems.add(path, "must be more than zero", value)
        return None
    return seconds


def _goal_race(problems: _Problems, value: object) -> GoalRace | None:
    path = "running.goal_race"
    table = _table(problems, path, value, _GOAL_RACE_FIELDS)
    if table is None:
        return None
    distance = _distance(problems, path, table)
    raw_date = _required(problems, table, "date", f"{path}.date", "the race day, YYYY-MM-DD")
    day = None if raw_date is None else _calendar_date(problems, f"{path}.date", raw_date)
    if distance is None or day is None:
        return None
    metres, label = distance
    return GoalRace(distance_m=metres, label=label, date=day)


def _heart_rates(
    problems: _Problems, table: Mapping[str, Any]
) -> tuple[int | None, int | None, int | None]:
    def read(key: str, bounds: tuple[int, int]) -> int | None:
        value = table.get(key)
        if value is None:
            return None
        return _whole(problems, f"running.{key}", value, *bounds)

    max_hr = read("max_hr", MAX_HR_RANGE)
    resting_hr = read("resting_hr", RESTING_HR_RANGE)
    threshold_hr = read("threshold_hr", THRESHOLD_HR_RANGE)
    if max_hr is not None and resting_hr is not None and resting_hr >= max_hr:
        problems.add("running.resting_hr", f"must be below max_hr ({max_hr})", resting_hr)
        resting_hr = None
    if threshold_hr is not None:
        low = resting_hr if resting_hr is not None else None
        high = max_hr if max_hr is not None else None
        too_low = low is not None and threshold_hr <= low
        too_high = high is not None and threshold_hr >= high
        if too_low or too_high:
            bounds = []
            if low is not None:
                bounds.append(f"above resting_hr ({low})")
            if high is not None:
                bounds.append(f"below max_hr ({high})")
            problems.add("running.threshold_hr", f"must be {' and '.join(bounds)}", threshold_hr)
            threshold_hr = None
    return max_hr, resting_hr, threshold_hr


def _running(problems: _Problems, value: object) -> RunningProfile | None:
    if value is None:
        return RunningProfile()
    table = _table(problems, "running", value, _RUNNING_FIELDS)
    if table is None:
        return None
    failed = False
    weekly = 0
    if "weekly_minutes" in table:
        checked = _whole(
            problems, "running.weekly_minutes", table["weekly_minutes"], *WEEKLY_MINUTES_RANGE
        )
        failed |= checked is None
        weekly = checked or 0
    recent = None
    if "recent_race" in table:
        recent = _recent_race(problems, table["recent_race"])
        failed |= recent is None
    goal = None
    if "goal_race" in table:
        goal = _goal_race(problems, table["goal_race"])
        failed |= goal is None
    max_hr, resting_hr, threshold_hr = _heart_rates(problems, table)
    for key, checked_hr in (
        ("max_hr", max_hr),
        ("resting_hr", resting_hr),
        ("threshold_hr", threshold_hr),
    ):
        failed |= key in table and checked_hr is None
    if failed:
        return None
    return RunningProfile(
        weekly_minutes=weekly,
        recent_race=recent,
        max_hr=max_hr,
        resting_hr=resting_hr,
        threshold_hr=threshold_hr,
        goal_race=goal,
    )


def _one_rep_maxes(problems: _Problems, value: object) -> tuple[tuple[str, float], ...] | None:
    path = "strength.one_rep_max_kg"
    if not isinstance(value, dict):
        problems.add(path, "must be a table of lift = kilograms", value)
        return None
    found: dict[str, tuple[str, float]] = {}
    failed = False
    for key, kilos in value.items():
        field_path = _child(path, key)
        name = _snake_name(key)
        name = _LIFT_ALIASES.get(name, name)
        if len(name) > _SNAKE_MAX_CHARS or not _SNAKE.fullmatch(name):
            problems.add(
                field_path,
                "lift name must be snake_case: letters, digits and single underscores, "
                "starting with a letter (like back_squat)",
                key,
            )
            failed = True
            continue
        number = _number(problems, field_path, kilos)
        if number is None:
            failed = True
            continue
        if not 0 < number <= ONE_REP_MAX_KG_LIMIT:
            problems.add(
                field_path, f"must be more than 0 and at most {ONE_REP_MAX_KG_LIMIT:g} kg", kilos
            )
            failed = True
            continue
        if name in found:
            problems.add(field_path, f"names the same lift ({name}) as {found[name][0]!r}", key)
            failed = True
            continue
        found[name] = (key, number)
    if failed:
        return None
    return tuple(sorted((name, kilos) for name, (_, kilos) in found.items()))


def _equipment(problems: _Problems, value: object) -> tuple[str, ...] | None:
    path = "strength.equipment"
    if not isinstance(value, list):
        problems.add(path, 'must be a list of names, like ["barbell", "rack"]', value)
        return None
    items: list[str] = []
    failed = False
    for index, item in enumerate(value):
        name = _snake_name(item) if isinstance(item, str) else ""
        if len(name) > _SNAKE_MAX_CHARS or not _SNAKE.fullmatch(name):
            problems.add(
                f"{path}[{index}]",
                "must be a snake_case name such as barbell, rack or pull_up_bar",
                item,
            )
            failed = True
        elif name not in items:
            items.append(name)
    return None if failed else tuple(items)


def _strength(problems: _Problems, value: object) -> StrengthProfile | None:
    if value is None:
        return StrengthProfile()
    table = _table(problems, "strength", value, _STRENGTH_FIELDS)
    if table is None:
        return None
    maxes: tuple[tuple[str, float], ...] | None = ()
    if "one_rep_max_kg" in table:
        maxes = _one_rep_maxes(problems, table["one_rep_max_kg"])
    equipment: tuple[str, ...] | None = ()
    if "equipment" in table:
        equipment = _equipment(problems, table["equipment"])
    run_format: RunFormat | None = RunFormat.JOG
    if "run_format" in table:
        run_format = _choice(problems, "strength.run_format", table["run_format"], RunFormat)
    hypertrophy: bool | None = False
    if "hypertrophy" in table:
        hypertrophy = _flag(problems, "strength.hypertrophy", table["hypertrophy"])
    if maxes is None or equipment is None or run_format is None or hypertrophy is None:
        return None
    return StrengthProfile(
        one_rep_max_kg=maxes, equipment=equipment, run_format=run_format, hypertrophy=hypertrophy
    )


def _window(problems: _Problems, path: str, value: object) -> TimeWindow | None:
    rule = 'must be a window written "HH:MM-HH:MM", like "18:00-20:00"'
    if not isinstance(value, str):
        problems.add(path, rule, value)
        return None
    match = _WINDOW.fullmatch(value)
    if match is None:
        problems.add(path, rule, value)
        return None
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    if start_h > 23 or end_h > 23 or start_m > 59 or end_m > 59:
        problems.add(path, "not a real time of day (00:00 to 23:59)", value)
        return None
    window = TimeWindow(time(start_h, start_m), time(end_h, end_m))
    if window.minutes <= 0:
        problems.add(path, "must end after it starts (a window cannot cross midnight)", value)
        return None
    if window.minutes < MIN_WINDOW_MINUTES:
        problems.add(path, f"is shorter than {MIN_WINDOW_MINUTES} minutes", value)
        return None
    return window


def _availability(problems: _Problems, value: object) -> Availability | None:
    path = "schedule.availability"
    if not isinstance(value, dict):
        problems.add(path, 'must be a table of day = ["HH:MM-HH:MM", ...]', value)
        return None
    days: dict[Weekday, tuple[TimeWindow, ...]] = {}
    seen: dict[Weekday, str] = {}
    listed = 0
    failed = False
    for key, windows in value.items():
        day_path = _child(path, key)
        day = _DAY_NAMES.get(key.strip().lower())
        if day is None:
            problems.add(day_path, "unknown day; use mon, tue, wed, thu, fri, sat or sun", windows)
            failed = True
            continue
        if day in seen:
            problems.add(day_path, f"the same day as {seen[day]!r}, listed twice", windows)
            failed = True
            continue
        seen[day] = key
        if not isinstance(windows, list):
            problems.add(day_path, 'must be a list of windows, like ["18:00-20:00"]', windows)
            failed = True
            continue
        listed += len(windows)
        checked: list[tuple[int, TimeWindow]] = []
        for index, item in enumerate(windows):
            window = _window(problems, f"{day_path}[{index}]", item)
            if window is None:
                failed = True
            else:
                checked.append((index, window))
        checked.sort(key=lambda pair: (pair[1].start_min, pair[1].end_min))
        latest: tuple[int, TimeWindow] | None = None
        for index, window in checked:
            if latest is not None and window.start_min < latest[1].end_min:
                problems.add(
                    f"{day_path}[{index}]",
                    f"overlaps {day_path}[{latest[0]}] ({latest[1]})",
                    windows[index],
                )
                failed = True
            if latest is None or window.end_min > latest[1].end_min:
                latest = (index, window)
        if checked:
            days[day] = tuple(window for _, window in checked)
    if listed == 0 and not failed:
        problems.add(path, "needs at least one time window in the week", value)
        return None
    if failed:
        return None
    return Availability(windows=tuple((day, days[day]) for day in sorted(days)))


def _schedule(problems: _Problems, value: object) -> ScheduleSpec | None:
    if value is None:
        problems.add("schedule.start", "is required; the first day of the plan, YYYY-MM-DD", None)
        problems.add(
            "schedule.availability",
            'is required; a table of day = ["HH:MM-HH:MM", ...]',
            None,
        )
        return None
    table = _table(problems, "schedule", value, _SCHEDULE_FIELDS)
    if table is None:
        return None
    raw_start = _required(
        problems, table, "start", "schedule.start", "the first day of the plan, YYYY-MM-DD"
    )
    start = None if raw_start is None else _calendar_date(problems, "schedule.start", raw_start)
    weeks: int | None = DEFAULT_WEEKS
    if "weeks" in table:
        weeks = _whole(problems, "schedule.weeks", table["weeks"], *WEEKS_RANGE)
    raw_availability = _required(
        problems,
        table,
        "availability",
        "schedule.availability",
        'a table of day = ["HH:MM-HH:MM", ...]',
    )
    availability = None if raw_availability is None else _availability(problems, raw_availability)
    if start is None or weeks is None or availability is None:
        return None
    return ScheduleSpec(start=start, weeks=weeks, availability=availability)


def _experience(problems: _Problems, value: object) -> tuple[Experience, Experience] | None:
    levels = _listing(level.value for level in Experience)
    if value is None:
        for key in _EXPERIENCE_FIELDS:
            problems.add(f"experience.{key}", f"is required; one of: {levels}", None)
        return None
    table = _table(problems, "experience", value, _EXPERIENCE_FIELDS)
    if table is None:
        return None
    found: list[Experience | None] = []
    for key in _EXPERIENCE_FIELDS:
        path = f"experience.{key}"
        raw = _required(problems, table, key, path, f"one of: {levels}")
        found.append(None if raw is None else _choice(problems, path, raw, Experience))
    running, strength = found
    if running is None or strength is None:
        return None
    return running, strength


def _profile(problems: _Problems, data: dict[str, Any]) -> AthleteProfile | None:
    top = _table(problems, "", data, _TOP_FIELDS)
    assert top is not None  # tomllib always returns a table
    raw_name = _required(problems, top, "name", "name", "the athlete's name in quotes")
    name = None if raw_name is None else _name(problems, raw_name)
    priorities = _listing(p.value for p in Priority)
    raw_priority = _required(problems, top, "priority", "priority", f"one of: {priorities}")
    priority = (
        None if raw_priority is None else _choice(problems, "priority", raw_priority, Priority)
    )
    sex = None
    if "sex" in top:
        sex = _choice(problems, "sex", top["sex"], Sex)
    body_mass = None
    if "body_mass_kg" in top:
        body_mass = _real(problems, "body_mass_kg", top["body_mass_kg"], *BODY_MASS_KG_RANGE)
    experience = _experience(problems, top.get("experience"))
    running = _running(problems, top.get("running"))
    strength = _strength(problems, top.get("strength"))
    schedule = _schedule(problems, top.get("schedule"))
    goal = None if running is None else running.goal_race
    if goal is not None and schedule is not None and goal.date < schedule.start:
        problems.add(
            "running.goal_race.date",
            f"is before schedule.start ({schedule.start.isoformat()})",
            goal.date,
        )
        return None
    if (
        name is None
        or priority is None
        or experience is None
        or running is None
        or strength is None
        or schedule is None
        or ("sex" in top and sex is None)
        or ("body_mass_kg" in top and body_mass is None)
    ):
        return None
    return AthleteProfile(
        name=name,
        priority=priority,
        experience_running=experience[0],
        experience_strength=experience[1],
        schedule=schedule,
        running=running,
        strength=strength,
        sex=sex,
        body_mass_kg=body_mass,
    )


# --------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------


def _deeply_dotted_line(text: str) -> tuple[int, str] | None:
    """The first line whose key has more than ``_MAX_KEY_DOTS`` parts, if any."""
    if text.count(".") <= _MAX_KEY_DOTS:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if line.partition("=")[0].count(".") > _MAX_KEY_DOTS:
            return number, line
    return None


def _toml(text: str, source: str) -> dict[str, Any]:
    if len(text) > MAX_PROFILE_BYTES:
        raise _file_error(
            source,
            f"is too large for a profile ({len(text)} characters; the limit is "
            f"{MAX_PROFILE_BYTES})",
            text,
        )
    deep = _deeply_dotted_line(text)
    if deep is not None:
        raise _file_error(
            source,
            f"line {deep[0]}: a key nested more than {_MAX_KEY_DOTS} levels deep",
            deep[1],
        )
    try:
        return tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        line: object = None
        if position is not None:
            lines = text.removeprefix("\ufeff").splitlines()
            number = int(position.group(1))
            if 0 < number <= len(lines):
                line = lines[number - 1]
        raise _file_error(source, f"is not valid TOML: {message}", line) from None
    except RecursionError:
        raise _file_error(
            source, "is not a usable profile: values are nested too deeply", None
        ) from None


def parse_profile(text: str, source: str = "<profile>") -> AthleteProfile:
    """Parse and check the TOML text of an athlete profile.

    ``source`` names the text in messages (a path, or ``"<profile>"``).

    Raises:
        ProfileError: listing every problem found, each with the field's dotted path, the
            rule it breaks and the value; or one problem on the field ``"(file)"`` when the
            text is not TOML at all (with tomllib's line and column) or is too large.
    """
    data = _toml(text, source)
    problems = _Problems()
    profile = _profile(problems, data)
    problems.raise_if_any(source)
    assert profile is not None  # every path that yields None records a problem
    return profile


def load_profile(path: Path) -> AthleteProfile:
    """Read an athlete profile file (UTF-8 TOML) and check it; see :func:`parse_profile`.

    Raises:
        ProfileError: when the file is missing, unreadable, too large, not UTF-8, not TOML,
            or not a valid profile. The message names the path.
    """
    path = Path(path)
    source = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PROFILE_BYTES + 1)
    except FileNotFoundError:
        raise _file_error(source, "file not found", source) from None
    except IsADirectoryError:
        raise _file_error(source, "is a directory, not a profile file", source) from None
    except PermissionError:
        raise _file_error(source, "cannot be read: permission denied", source) from None
    except OSError as exc:
        raise _file_error(source, f"cannot be read: {exc.strerror or exc}", source) from None
    if len(data) > MAX_PROFILE_BYTES:
        raise _file_error(
            source,
            f"is too large for a profile (more than {MAX_PROFILE_BYTES} bytes)",
            _Abbreviated(f"<{source}>"),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _file_error(
            source,
            f"is not UTF-8 text (undecodable byte at offset {exc.start})",
            data[exc.start : exc.start + 8],
        ) from None
    return parse_profile(text, source)


# --------------------------------------------------------------------------------------
# Shipped examples
# --------------------------------------------------------------------------------------


def _example_resource(name: str) -> Traversable:
    if name not in EXAMPLE_NAMES:
        raise InputError(
            f"unknown example profile {name!r}; choose one of: {_listing(EXAMPLE_NAMES)}"
        )
    return resources.files("runlift").joinpath("examples", f"{name}.toml")


def example_profile_path(name: str) -> Path:
    """The path of a shipped example profile: ``runner``, ``lifter`` or ``hybrid``.

    Raises:
        InputError: for any other name; the message lists the valid ones.
    """
    return Path(str(_example_resource(name)))


def load_example(name: str) -> AthleteProfile:
    """Load a shipped example profile by name (``runner``, ``lifter`` or ``hybrid``).

    Raises:
        InputError: for an unknown name.
    """
    resource = _example_resource(name)
    return parse_profile(resource.read_text(encoding="utf-8"), source=f"example {name!r}")


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------


def _toml_string(text: str) -> str:
    """A TOML basic string; quotes, backslashes and control characters are escaped."""
    out = ['"']
    for ch in text:
        if ch in ('"', "\\"):
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _number_text(value: float) -> str:
    """Whole numbers without a decimal point; others in Python's shortest exact form."""
    if float(value).is_integer():
        return str(int(value))
    return repr(float(value))


def _duration_text(seconds: float) -> str:
    """A duration that :func:`parse_duration` reads back as exactly ``seconds``."""
    if seconds.is_integer():
        return format_duration(seconds)
    whole = math.floor(seconds)
    head = format_duration(whole)
    for digits in range(1, 7):
        fraction = f"{seconds - whole:.{digits}f}"
        if fraction.startswith("1"):
            break
        candidate = head + fraction[1:]
        if parse_duration(candidate) == seconds:
            return candidate
    return repr(seconds)


def _race_distance_text(distance_m: float, label: str) -> str:
    if _KNOWN_DISTANCES.get(label) == distance_m:
        return f"distance = {_toml_string(label)}"
    return f"distance_m = {_number_text(distance_m)}"


def _optional(key: str, value: str | None, example: str) -> str:
    return f"{key} = {value}" if value is not None else f"# {key} = {example}"


def render_profile(profile: AthleteProfile) -> str:
    """Write ``profile`` as a commented ``athlete.toml`` that :func:`parse_profile` reads back
    into an equal object."""
    running = profile.running
    strength = profile.strength
    schedule = profile.schedule
    priorities = " | ".join(p.value for p in Priority)
    levels = " | ".join(level.value for level in Experience)

    lines = [
        "# runlift athlete profile.",
        "# Edit the values to match you; lines starting with # are comments. Optional fields",
        "# that are not set are shown commented out: remove the # to use them.",
        "# `runlift plan` checks this file and lists every mistake it finds at once.",
        "",
        "# Your name, as it appears on plans and reports.",
        f"name = {_toml_string(profile.name)}",
        f"# Which goal wins when the two compete: {priorities}.",
        f"priority = {_toml_string(profile.priority.value)}",
        "# Optional: female | male; only used by formulas that differ between the sexes.",
        _optional(
            "sex", None if profile.sex is None else _toml_string(profile.sex.value), '"female"'
        ),
        "# Optional: body mass in kilograms (25 to 300).",
        _optional(
            "body_mass_kg",
            None if profile.body_mass_kg is None else _number_text(profile.body_mass_kg),
            "70",
        ),
        "",
        "[experience]",
        f"# How long and how consistently you have trained each side: {levels}.",
        "# It sets where each kind of training starts and how fast it ramps up.",
        f"running = {_toml_string(profile.experience_running.value)}",
        f"strength = {_toml_string(profile.experience_strength.value)}",
        "",
        "[running]",
        "# Minutes of running in a normal recent week (0 to 3000); the plan builds from here.",
        f"weekly_minutes = {running.weekly_minutes}",
        "# Optional: a recent race result; training paces are derived from it. Give the",
        f"# distance by name ({_listing(_KNOWN_DISTANCES)}) or as distance_m in metres,",
        '# and the finishing time as "M:SS" or "H:MM:SS".',
    ]
    recent = running.recent_race
    lines.append(
        _optional(
            "recent_race",
            None
            if recent is None
            else f"{{ {_race_distance_text(recent.distance_m, recent.label)}, "
            f"time = {_toml_string(_duration_text(recent.time_s))} }}",
            '{ distance = "5k", time = "25:00" }',
        )
    )
    lines += [
        "# Optional heart rates in beats per minute: max_hr 100 to 240, resting_hr 25 to 120",
        "# and below max_hr, threshold_hr between the two.",
        _optional("max_hr", None if running.max_hr is None else str(running.max_hr), "185"),
        _optional(
            "resting_hr", None if running.resting_hr is None else str(running.resting_hr), "55"
        ),
        _optional(
            "threshold_hr",
            None if running.threshold_hr is None else str(running.threshold_hr),
            "168",
        ),
        "# Optional: the race you are training for, on or after schedule.start.",
    ]
    goal = running.goal_race
    lines += [
        _optional(
            "goal_race",
            None
            if goal is None
            else f"{{ {_race_distance_text(goal.distance_m, goal.label)}, "
            f"date = {_toml_string(goal.date.isoformat())} }}",
            '{ distance = "half", date = "2027-03-14" }',
        ),
        "",
        "[strength]",
        "# Optional: your best single repetition per lift, in kilograms (above 0, at most 600).",
        "# Lift names are snake_case, e.g. back_squat, front_squat, half_squat, deadlift,",
        "# bench_press, overhead_press. Working weights are set from these.",
    ]
    if strength.one_rep_max_kg:
        pairs = ", ".join(f"{lift} = {_number_text(kg)}" for lift, kg in strength.one_rep_max_kg)
        lines.append(f"one_rep_max_kg = {{ {pairs} }}")
    else:
        lines.append("# one_rep_max_kg = { back_squat = 80, deadlift = 100 }")
    equipment = ", ".join(_toml_string(item) for item in strength.equipment)
    lines += [
        "# What you can train with, e.g. barbell, rack, dumbbells, kettlebell, box.",
        f"equipment = [{equipment}]",
        "# How you like your running when strength comes first: jog (easy runs of 10-40",
        "# minutes) | hiit (short hard intervals instead).",
        f"run_format = {_toml_string(strength.run_format.value)}",
        "# true to choose muscle growth on purpose; otherwise a runner's lifting keeps",
        "# muscle-building volume low.",
        f"hypertrophy = {'true' if strength.hypertrophy else 'false'}",
        "",
        "[schedule]",
        "# The first day of the plan (any weekday; YYYY-MM-DD) and its length, 1 to 52 weeks.",
        f"start = {_toml_string(schedule.start.isoformat())}",
        f"weeks = {schedule.weeks}",
        "",
        "[schedule.availability]",
        "# When sessions may be placed, per day, in local time: a list of",
        '# "HH:MM-HH:MM" windows, each at least 10 minutes, not crossing midnight and not',
        "# overlapping. Leave a day's list empty to keep that day free.",
    ]
    for day in Weekday:
        windows = ", ".join(_toml_string(str(w)) for w in schedule.availability.on(day))
        lines.append(f"{day.key} = [{windows}]")
    return "\n".join(lines) + "\n"
