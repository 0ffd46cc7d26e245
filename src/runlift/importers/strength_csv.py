"""Reading the CSV exports of lifting apps: Strong, Hevy and FitNotes.

This module holds what the three readers share (bytes to rows, cell parsers, grouping
sets into workouts) and :func:`sniff_strength_csv`, which tells the apps apart by their
header. The readers live in :mod:`runlift.importers.strong`,
:mod:`runlift.importers.hevy` and :mod:`runlift.importers.fitnotes`; they are also
reachable here as :func:`decode_strong`, :func:`decode_hevy` and
:func:`decode_fitnotes`, and :func:`decode_strength_csv` sniffs and calls the right one.

Decisions that hold for every app:

* **One file, one transaction.** The first bad row fails the whole file with an
  :class:`ImportFileError` that names the file, the row (the header is row 1, as in a
  spreadsheet; the text line is added when a quoted note spans lines), the column as
  written in the header and the value. Nothing from a bad file is returned, so nothing
  is half-imported.
* **Workouts.** Every row is one set; rows are grouped into workouts (one
  :class:`Activity` each, modality strength, sport ``strength_training``) and the
  activities are returned by start time. Sets keep the file order. What belongs to
  the workout (start, duration, end, name, notes) is read from its first row.
* **Time zones.** The apps write local wall-clock times without a zone. ``tz`` says
  which zone that is; by default the system's local zone at that date.
* **Units.** Loads become kilograms; pounds are converted with 1 lb = 0.45359237 kg,
  unrounded. When the file states its unit (header or a unit column) the file wins;
  otherwise the caller must pass ``unit`` ("kg" or "lb").
* **Zeros.** The apps write 0 for "not recorded": a load, reps, seconds, distance or
  RPE of 0 is stored as absent (a bodyweight set has no load).
* **Cardio rows** (a treadmill run logged in the app) stay sets of the strength
  session, timed when the file gives seconds. Their distance has no place in a set and
  is not stored; a warning says so. They are not turned into run activities: the app
  gives neither their start nor their heart rate, and a watch usually records the same
  run, which would then count twice.
* **Identity.** ``source_hash`` identifies the workout (app, local start, workout
  name), not the bytes of the file, so a later full-history export of the same app
  gives the same hashes for the workouts already stored.
* **Hostile files.** Rows are read one line at a time from the bytes, with limits on
  line length (:data:`MAX_LINE_BYTES`), on the number of rows (:data:`MAX_ROWS`) and on
  values (:data:`MAX_REPS`, :data:`MAX_LOAD_KG`); text such as ``=cmd|...`` is kept as
  plain text.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo

from runlift.importers.base import MAX_ACTIVITY_S, Decoded, ImportFileError
from runlift.importers.lift_text import LOAD_UNITS
from runlift.model.activity import Activity, ActivityModality, SetType, StrengthSet
from runlift.model.exercises import MAX_NAME_CHARS, canonical_or_raw

#: Data rows read from one file at most (about forty years of daily training).
MAX_ROWS = 250_000
#: Longest text line read, in bytes, line break included.
MAX_LINE_BYTES = 64 * 1024
MAX_REPS = 1000
MAX_LOAD_KG = 1500.0
#: Longest single set (a long treadmill session logged in the app counts as one set).
MAX_SET_S = float(MAX_ACTIVITY_S)
#: Largest distance cell read (whatever the unit: a million metres is 1,000 km).
MAX_DISTANCE = 1_000_000.0
MIN_RPE = 1.0
MAX_RPE = 10.0
#: Duration given to a workout when the file has none (a warning says so).
DEFAULT_DURATION_S = 3600.0
#: The time of day given to workouts of apps that record only the date (FitNotes).
DATE_ONLY_START = time(12, 0)
FIRST_YEAR = 1970
LAST_YEAR = 2100
SPORT = "strength_training"

UNIT_MISSING = "the file does not say kg or lb: pass --unit kg or --unit lb"

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_MAGIC = {
    b"PK\x03\x04": "a ZIP archive (unzip it and import the CSV inside)",
    b"\x1f\x8b": "a gzip archive (unpack it and import the CSV inside)",
    b"%PDF": "a PDF document",
    b"SQLite format 3\x00": "an SQLite database",
}
_SNIFF_BYTES = 8192
_NOT_BLANK = re.compile(rb"[^ \t\r\n]")
_DELIMITERS = (",", ";", "\t")
_SHOWN_CHARS = 40
_MAX_NUMBER_CHARS = 40

_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)", re.ASCII)
_CLOCK = re.compile(r"(?:(\d{1,3}):)?(\d{1,3}):(\d{1,2})(?:\.\d{1,6})?", re.ASCII)
_HUMAN_DURATION = re.compile(
    r"(?:(\d{1,3})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,5})\s*m(?:in(?:utes?|s)?)?)?"
    r"\s*(?:(\d{1,6})\s*s(?:ec(?:onds?|s)?)?)?",
    re.IGNORECASE | re.ASCII,
)
_ISO_DATETIME = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?)?",
    re.ASCII,
)
_TEXT_DATETIME = re.compile(
    r"(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?",
    re.ASCII,
)
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_UNIT_IN_TITLE = re.compile(r"\(\s*([A-Za-z]+)\s*\)|_([A-Za-z]+)$")

#: How each app's header can be recognised: every name of a group must be present.
_SIGNATURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("hevy", ("title", "start_time", "exercise_title")),
    ("strong", ("date", "exercise name", "set order")),
    ("fitnotes", ("date", "exercise", "category", "reps")),
)
_APP_NAMES = {"strong": "Strong", "hevy": "Hevy", "fitnotes": "FitNotes"}


# ---------------------------------------------------------------- small helpers


def show(text: str) -> str:
    """A cell value quoted for a message, cut to a readable length."""
    if len(text) > _SHOWN_CHARS:
        text = text[:_SHOWN_CHARS] + "..."
    return repr(text)


def normalise_title(title: str) -> str:
    """A header name compared without case or extra spaces."""
    return " ".join(title.replace("\ufeff", "").split()).casefold()


def unit_factor(word: str) -> float | None:
    """kg per unit for a unit word (kg, kgs, lb, lbs...), None when it is not one."""
    return LOAD_UNITS.get(word.strip().casefold())


def unit_argument(name: str, unit: str | None) -> float | None:
    """kg per unit of the caller's ``unit`` argument (None when not given)."""
    if unit is None:
        return None
    factor = unit_factor(unit)
    if factor is None:
        raise ImportFileError(name, f"the unit must be kg or lb (got {show(unit)})")
    return factor


def unit_in_title(title: str) -> float | None:
    """kg per unit named in a column title: "Weight (kg)", "weight_lbs"; else None."""
    match = _UNIT_IN_TITLE.search(title.strip())
    if match is None:
        return None
    return unit_factor(match.group(1) or match.group(2))


def aware(local: datetime, tz: tzinfo | None) -> datetime:
    """A local wall-clock time made aware in ``tz``, or in the system zone when None."""
    return local.astimezone() if tz is None else local.replace(tzinfo=tz)


# ---------------------------------------------------------------- bytes to lines


def _check_bytes(data: bytes, name: str) -> None:
    """Refuse, with the reason, bytes that cannot be a UTF-8 CSV export."""
    start = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    if _NOT_BLANK.search(data, start) is None:  # search, not strip: no copy of the bytes
        raise ImportFileError(name, "the file is empty")
    if data.startswith(_UTF16_BOMS):
        raise ImportFileError(
            name, "the file is UTF-16 text, not UTF-8: save it as CSV (UTF-8) and import again"
        )
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ImportFileError(name, f"this is {what}, not a CSV export")
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise ImportFileError(name, "this is a binary file, not a CSV export")


class _Lines:
    """The text lines of the bytes, decoded one at a time, with their 1-based number."""

    def __init__(self, data: bytes, name: str) -> None:
        self.data = data
        self.name = name
        self.pos = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
        self.number = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        data, pos = self.data, self.pos
        if pos >= len(data):
            raise StopIteration
        self.number += 1
        end = data.find(b"\n", pos, pos + MAX_LINE_BYTES)
        if end < 0:
            if len(data) - pos > MAX_LINE_BYTES:
                raise ImportFileError(
                    self.name,
                    f"line {self.number} is longer than {MAX_LINE_BYTES:,} bytes: "
                    "this is not a lifting-app export",
                )
            end = len(data) - 1
        chunk = data[pos : end + 1]
        self.pos = end + 1
        if b"\x00" in chunk:
            raise ImportFileError(
                self.name, f"line {self.number} holds a NUL byte: this is not a text CSV file"
            )
        try:
            return chunk.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = chunk[exc.start]
            raise ImportFileError(
                self.name,
                f"line {self.number} is not UTF-8 text (byte 0x{bad:02X} at byte "
                f"{exc.start + 1} of the line): save the file as CSV (UTF-8) and import again",
            ) from None


def _delimiter(line: str) -> str:
    """The delimiter that splits the header line into the most fields."""
    best, most = ",", 0
    for candidate in _DELIMITERS:
        count = len(_split(line, candidate) or ())
        if count > most:
            best, most = candidate, count
    return best


def _split(line: str, delimiter: str) -> list[str] | None:
    """The fields of one line, or None when it is not a CSV line (a stray line break)."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return None


def _first_line(data: bytes) -> str | None:
    """The first non-blank line of the bytes, read leniently, or None."""
    start = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    while start < len(data):
        end = data.find(b"\n", start, start + MAX_LINE_BYTES)
        stop = end if end >= 0 else min(len(data), start + MAX_LINE_BYTES)
        line = data[start:stop].decode("utf-8", errors="replace").strip()
        if line:
            return line
        if end < 0:
            return None
        start = end + 1
    return None


def sniff_strength_csv(data: bytes) -> str | None:
    """Which lifting app wrote these bytes, from the header alone: "strong", "hevy",
    "fitnotes", or None when it is none of them (or not a text CSV at all)."""
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head or head.startswith(_UTF16_BOMS):
        return None
    line = _first_line(data)
    if line is None:
        return None
    titles = {normalise_title(t) for t in _split(line, _delimiter(line)) or ()}
    for app, needed in _SIGNATURES:
        if all(n in titles for n in needed):
            return app
    return None


def decode_strong(
    data: bytes, name: str, unit: str | None = None, tz: tzinfo | None = None
) -> Decoded:
    """A Strong export; see :func:`runlift.importers.strong.decode_strong`."""
    from runlift.importers.strong import decode_strong as read

    return read(data, name, unit, tz)


def decode_hevy(
    data: bytes, name: str, unit: str | None = None, tz: tzinfo | None = None
) -> Decoded:
    """A Hevy export; see :func:`runlift.importers.hevy.decode_hevy`."""
    from runlift.importers.hevy import decode_hevy as read

    return read(data, name, unit, tz)


def decode_fitnotes(
    data: bytes, name: str, unit: str | None = None, tz: tzinfo | None = None
) -> Decoded:
    """A FitNotes export; see :func:`runlift.importers.fitnotes.decode_fitnotes`."""
    from runlift.importers.fitnotes import decode_fitnotes as read

    return read(data, name, unit, tz)


#: The reader of each app, by the name :func:`sniff_strength_csv` returns.
DECODERS: dict[str, Callable[[bytes, str, str | None, tzinfo | None], Decoded]] = {
    "strong": decode_strong,
    "hevy": decode_hevy,
    "fitnotes": decode_fitnotes,
}


def decode_strength_csv(
    data: bytes, name: str, unit: str | None = None, tz: tzinfo | None = None
) -> Decoded:
    """Read a Strong, Hevy or FitNotes export, whichever the header says it is."""
    app = sniff_strength_csv(data)
    if app is None:
        _check_bytes(data, name)
        raise ImportFileError(
            name, "the header is not that of a Strong, Hevy or FitNotes CSV export"
        )
    return DECODERS[app](data, name, unit, tz)


# ---------------------------------------------------------------- rows and columns


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the header: where it is and its title as written."""

    index: int
    title: str


@dataclass(slots=True)
class Row:
    """One data row: its spreadsheet row number (header = 1), the text line it starts
    on, and its cells."""

    name: str
    number: int
    line: int
    cells: list[str]

    def text(self, column: Column | None) -> str:
        """The cell of ``column`` without surrounding space ("" for a missing column)."""
        return "" if column is None else self.cells[column.index].strip()

    def where(self, column: Column | None = None) -> str:
        place = f"row {self.number}"
        if self.line != self.number:
            place += f" (line {self.line})"
        if column is not None:
            place += f', column "{column.title}"'
        return place

    def error(self, column: Column | None, problem: str) -> ImportFileError:
        return ImportFileError(self.name, f"{self.where(column)}: {problem}")


#: Called with a row whose field count differs from the header's; returns the cells
#: fitted to the header or None when they cannot be.
Fitter = Callable[[list[str], int], list[str] | None]


class CsvTable:
    """A CSV export opened for reading: delimiter and header known, rows streamed."""

    def __init__(self, data: bytes, name: str, app: str) -> None:
        _check_bytes(data, name)
        self.name = name
        self.app = app
        self._data = data
        self._lines = _Lines(data, name)
        first = next(self._lines, "")
        while not first.strip():
            if self._lines.pos >= len(data):
                raise ImportFileError(name, "the file holds no header, only blank space")
            first = next(self._lines)
        # Blank lines above the header are rows of their own in a spreadsheet.
        self.header_row = self._lines.number
        self.delimiter = _delimiter(first)
        self._reader = csv.reader(itertools.chain((first,), self._lines), delimiter=self.delimiter)
        header = self._record(self.header_row)
        assert header is not None  # the first line is not blank
        self.header = [cell.strip() for cell in header]
        self.columns: dict[str, Column] = {}
        for index, title in enumerate(self.header):
            key = normalise_title(title)
            if not key:
                continue
            if key in self.columns:
                raise ImportFileError(
                    name, f'row {self.header_row}: the header has two columns called "{title}"'
                )
            self.columns[key] = Column(index, title)

    def _record(self, number: int) -> list[str] | None:
        try:
            return next(self._reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            reason = str(exc)
            if "new-line" in reason:  # the csv module's advice does not fit here
                reason = "a line break inside a field that is not quoted"
            raise ImportFileError(
                self.name, f"row {number}: the CSV cannot be read ({reason})"
            ) from None

    def column(self, names: Sequence[str]) -> Column | None:
        """The first of ``names`` (normalised titles) that the header has."""
        for n in names:
            found = self.columns.get(n)
            if found is not None:
                return found
        return None

    def require(
        self, required: Mapping[str, Sequence[str]], optional: Mapping[str, Sequence[str]]
    ) -> dict[str, Column | None]:
        """The columns by label; refuses a header that lacks any required one, listing
        every missing label."""
        found = {label: self.column(names) for label, names in {**required, **optional}.items()}
        missing = [label for label in required if found[label] is None]
        if missing:
            listed = ", ".join(f'"{m}"' for m in missing)
            problem = f"row {self.header_row}: the header has no {listed} column"
            problem += "s" if len(missing) > 1 else ""
            other = sniff_strength_csv(self._data)
            app = _APP_NAMES[self.app]
            if other is not None and other != self.app:
                problem += f"; this looks like a {_APP_NAMES[other]} export, not a {app} one"
            else:
                problem += f", so this is not a {app} CSV export"
            raise ImportFileError(self.name, problem)
        return found

    def rows(self, fit: Fitter | None = None) -> Iterator[Row]:
        """The data rows, blank ones skipped; a row whose field count differs from the
        header's goes through ``fit`` (when given) or is refused."""
        width = len(self.header)
        number = self.header_row
        count = 0
        while True:
            start = self._lines.number + 1
            cells = self._record(number + 1)
            if cells is None:
                return
            number += 1
            if not any(c.strip() for c in cells):
                continue
            count += 1
            if count > MAX_ROWS:
                raise ImportFileError(
                    self.name,
                    f"row {number}: the file has more than {MAX_ROWS:,} rows, far more than a "
                    "lifting history; split it",
                )
            row = Row(self.name, number, start, cells)
            if len(cells) != width:
                fitted = fit(cells, width) if fit is not None else None
                if fitted is None:
                    hint = (
                        "; a quote that is never closed?" if any("\n" in c for c in cells) else ""
                    )
                    raise row.error(
                        None,
                        f"{len(cells)} fields where the header has {width} "
                        f"(with {self.delimiter!r} between fields{hint})",
                    )
                row.cells = fitted
            yield row


# ---------------------------------------------------------------- cell parsers


def number(row: Row, column: Column | None, *, decimal_comma: bool) -> float | None:
    """A plain decimal number, or None for an empty cell."""
    text = row.text(column)
    if not text:
        return None
    if len(text) > _MAX_NUMBER_CHARS or not _NUMBER.fullmatch(text):
        raise row.error(column, f"{show(text)} is not a number")
    if "," in text:
        if not decimal_comma:
            raise row.error(column, f"{show(text)} is not a number (use a dot for decimals)")
        text = text.replace(",", ".")
    return float(text)


def reps(row: Row, column: Column | None, *, decimal_comma: bool) -> int | None:
    """A rep count; 0 and empty are None."""
    value = number(row, column, decimal_comma=decimal_comma)
    if value is None:
        return None
    if value < 0:
        raise row.error(column, f"reps cannot be negative (got {show(row.text(column))})")
    if value != int(value):
        raise row.error(column, f"reps must be a whole number (got {show(row.text(column))})")
    if value > MAX_REPS:
        raise row.error(column, f"{value:,.0f} reps in one set is not plausible")
    return int(value) or None


def load_kg(
    row: Row, column: Column | None, factor: Callable[[], float], *, decimal_comma: bool
) -> float | None:
    """A load in kg; ``factor`` gives kg per unit and is only asked when there is a
    load. 0 and empty are None (no external load)."""
    value = number(row, column, decimal_comma=decimal_comma)
    if value is None or value == 0:
        return None
    if value < 0:
        raise row.error(column, f"a load cannot be negative (got {show(row.text(column))})")
    kg = value * factor()
    if kg > MAX_LOAD_KG:
        raise row.error(
            column, f"a load of {kg:,.1f} kg is not plausible (at most {MAX_LOAD_KG:,.0f} kg)"
        )
    return kg


def positive(
    row: Row, column: Column | None, what: str, limit: float, *, decimal_comma: bool
) -> float | None:
    """A non-negative amount up to ``limit``; 0 and empty are None."""
    value = number(row, column, decimal_comma=decimal_comma)
    if value is None or value == 0:
        return None
    if value < 0:
        raise row.error(column, f"{what} cannot be negative (got {show(row.text(column))})")
    if value > limit:
        raise row.error(column, f"{what} of {value:,g} is not plausible")
    return value


def rpe(row: Row, column: Column | None, *, decimal_comma: bool) -> float | None:
    """An RPE from 1 to 10; 0 and empty are None."""
    value = number(row, column, decimal_comma=decimal_comma)
    if value is None or value == 0:
        return None
    if not MIN_RPE <= value <= MAX_RPE:
        raise row.error(column, f"an RPE must be between 1 and 10 (got {show(row.text(column))})")
    return value


def duration_s(row: Row, column: Column | None, limit: float) -> float | None:
    """A duration as seconds ("3324"), a clock ("1:05:00", "5:30") or words ("1h 5m",
    "55m", "45s"); 0 and empty are None."""
    text = row.text(column)
    if not text:
        return None
    seconds: float | None = None
    short = len(text) <= _MAX_NUMBER_CHARS  # the patterns never see long text
    if short and _NUMBER.fullmatch(text) and "," not in text:
        seconds = float(text)
        if seconds < 0:
            raise row.error(column, f"a duration cannot be negative (got {show(text)})")
    elif short and (clock := _CLOCK.fullmatch(text)):
        hours, minutes, secs = clock.groups()
        seconds = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
        if int(secs) > 59 or (hours is not None and int(minutes) > 59):
            seconds = None
    elif short and (human := _HUMAN_DURATION.fullmatch(text)) and any(human.groups()):
        hours, minutes, secs = human.groups()
        seconds = int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(secs or 0)
    if seconds is None:
        raise row.error(
            column, f"{show(text)} is not a duration (expected 55m, 1h 5m, 1:05:00 or seconds)"
        )
    if seconds > limit:
        raise row.error(column, f"a duration of {text} is not plausible")
    return float(seconds) or None


def _real_datetime(row: Row, column: Column | None, parts: Sequence[int]) -> datetime:
    year, month, day, hour, minute, second = parts
    try:
        day_value = date(year, month, day)
    except ValueError:
        raise row.error(
            column, f"{year:04d}-{month:02d}-{day:02d} is not a date that exists"
        ) from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise row.error(column, f"the year {year} is not plausible for a workout")
    try:
        clock = time(hour, minute, second)
    except ValueError:
        raise row.error(
            column, f"{hour:02d}:{minute:02d}:{second:02d} is not a time that exists"
        ) from None
    return datetime.combine(day_value, clock)


def local_datetime(row: Row, column: Column | None, *, date_only: bool = False) -> datetime:
    """A naive local date and time written "2021-09-25 18:56:26" (seconds optional) or
    "9 Apr 2026, 17:18". With ``date_only``, "2025-04-29" at :data:`DATE_ONLY_START`."""
    text = row.text(column)
    short = len(text) <= _MAX_NUMBER_CHARS  # the patterns never see long text
    iso = _ISO_DATETIME.fullmatch(text) if short else None
    if iso is not None and (iso.group(4) is None) == date_only:
        year, month, day, hour, minute, second = iso.groups()
        if date_only:
            start = DATE_ONLY_START
            parts = [int(year), int(month), int(day), start.hour, start.minute, 0]
        else:
            parts = [int(year), int(month), int(day), int(hour), int(minute), int(second or 0)]
        return _real_datetime(row, column, parts)
    words = None if date_only or not short else _TEXT_DATETIME.fullmatch(text)
    if words is not None:
        day, month_name, year, hour, minute, second = words.groups()
        month = _month(month_name)
        if month is not None:
            parts = [int(year), month, int(day), int(hour), int(minute), int(second or 0)]
            return _real_datetime(row, column, parts)
    if not text:
        raise row.error(column, "the date is empty")
    expected = "2025-04-29" if date_only else "2021-09-25 18:56:26 or 9 Apr 2026, 17:18"
    raise row.error(column, f"{show(text)} is not a date like {expected}")


def _month(word: str) -> int | None:
    folded = word.casefold()
    for index, full in enumerate(_MONTHS):
        if full.startswith(folded) and len(folded) >= 3:
            return index + 1
    return 9 if folded == "sept" else None


def exercise_name(row: Row, column: Column | None) -> str:
    """The exercise name as written: not empty, not longer than a name can be."""
    text = row.text(column)
    if not text:
        raise row.error(column, "the exercise name is empty")
    if len(text) > MAX_NAME_CHARS:
        raise row.error(
            column,
            f"an exercise name of {len(text):,} characters is not plausible "
            f"(at most {MAX_NAME_CHARS})",
        )
    return text


# ---------------------------------------------------------------- workouts


@dataclass(slots=True)
class Workout:
    """The sets of one workout as they are read."""

    local_start: datetime
    start: datetime
    title: str
    notes: str
    first_row: int
    duration_s: float | None = None
    sets: list[StrengthSet] = field(default_factory=list)


class Workouts:
    """Groups sets into workouts and turns them into the :class:`Decoded` result."""

    def __init__(self, source: str, name: str, tz: tzinfo | None) -> None:
        self.source = source
        self.name = name
        self.tz = tz
        self._by_key: dict[tuple[str, ...], Workout] = {}
        self._names: dict[str, tuple[str, bool]] = {}
        self._unknown: dict[str, None] = {}
        self._distances: list[str] = []
        self.warnings: list[str] = []

    def workout(
        self,
        row: Row,
        key: tuple[str, ...],
        start: Callable[[Row], datetime],
        title: str,
        notes: str,
    ) -> Workout:
        """The workout ``key`` (cells as written) names; ``start`` reads the local start
        time, once, from the workout's first row."""
        found = self._by_key.get(key)
        if found is None:
            local_start = start(row)
            found = Workout(local_start, aware(local_start, self.tz), title, notes, row.number)
            self._by_key[key] = found
        return found

    def add(
        self,
        workout: Workout,
        raw: str,
        kind: SetType,
        *,
        reps: int | None,
        load_kg: float | None,
        duration_s: float | None,
        rpe: float | None,
        distance: float | None,
        row: Row,
    ) -> None:
        """Add one set to ``workout``, naming its exercise from the catalogue."""
        named = self._names.get(raw)
        if named is None:
            named = self._names[raw] = canonical_or_raw(raw)
            if not named[1]:
                self._unknown[raw] = None
        if distance is not None:
            self._distances.append(f"{raw!r} on {row.where()}")
        workout.sets.append(
            StrengthSet(
                exercise=named[0],
                exercise_raw=raw,
                type=kind,
                reps=reps,
                load_kg=load_kg,
                duration_s=duration_s,
                rpe=rpe,
            )
        )

    def finish(self) -> Decoded:
        """The workouts read, as activities by start time; refuses a file without sets."""
        workouts = [w for w in self._by_key.values() if w.sets]
        if not workouts:
            raise ImportFileError(self.name, "the file has no sets after the header")
        workouts.sort(key=lambda w: (w.start, w.first_row))
        defaulted = [w for w in workouts if w.duration_s is None]
        hashes: set[str] = set()
        activities = []
        for w in workouts:
            notes = "\n".join(part for part in (w.title, w.notes) if part)
            activities.append(
                Activity(
                    start=w.start,
                    modality=ActivityModality.STRENGTH,
                    sport=SPORT,
                    duration_s=w.duration_s or DEFAULT_DURATION_S,
                    source=self.source,
                    source_file=self.name,
                    source_hash=self._identity(w, hashes),
                    notes=notes or None,
                    sets=tuple(w.sets),
                )
            )
        warnings = list(self.warnings)
        if defaulted:
            first = defaulted[0].local_start.strftime("%Y-%m-%d %H:%M")
            warnings.append(
                f"no duration in the file for {len(defaulted)} of {len(workouts)} workouts "
                f"(first: {first}); each was given {DEFAULT_DURATION_S / 60:.0f} min"
            )
        if self._distances:
            count = len(self._distances)
            sets = "1 set carries" if count == 1 else f"{count} sets carry"
            warnings.append(
                f"{sets} a distance (first: {self._distances[0]}); they stay sets of the "
                "strength session, timed when the file gives a time, and the distance is "
                "not stored"
            )
        return Decoded(tuple(activities), tuple(self._unknown), tuple(warnings))

    def _identity(self, workout: Workout, taken: set[str]) -> str:
        """The workout's source_hash: app, local start and name; unique in the file."""
        text = f"runlift.strength-csv/1\x1f{self.source}\x1f"
        text += f"{workout.local_start.isoformat()}\x1f{workout.title}"
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        serial = 1
        while digest in taken:
            serial += 1
            digest = hashlib.sha256(f"{text}\x1f{serial}".encode()).hexdigest()
        taken.add(digest)
        return digest


def unit_resolver(
    row: Row,
    weight: Column | None,
    unit_column: Column | None,
    fixed: float | None,
    fallback: float | None,
) -> Callable[[], float]:
    """kg per unit for this row's load: the unit in the header (``fixed``), else the
    row's unit cell, else the caller's unit (``fallback``); asked only for a load."""

    def resolve() -> float:
        if fixed is not None:
            return fixed
        word = row.text(unit_column)
        if word:
            factor = unit_factor(word)
            if factor is None:
                raise row.error(unit_column, f"{show(word)} is not kg or lb")
            return factor
        if fallback is not None:
            return fallback
        raise row.error(weight, UNIT_MISSING)

    return resolve


def unit_warning(argument: float | None, fixed: float | None, unit: str | None) -> list[str]:
    """A warning when the caller's unit disagrees with the one in the header."""
    if argument is None or fixed is None or argument == fixed:
        return []
    said = "kg" if fixed == 1.0 else "lb"
    return [f"--unit {unit} was ignored: the file gives its loads in {said}"]
