"""Read a FIT activity file (Garmin, Wahoo, COROS, Stryd...) into runlift activities.

:func:`decode_fit` takes the file's bytes and returns a :class:`Decoded` holding one
:class:`Activity` per sport in the file, or raises :class:`ImportFileError` with a
reason a person can act on. It never raises anything else: whatever goes wrong inside
the decoders on a damaged file is turned into an ``ImportFileError`` at the boundary.

How the file is read
--------------------
* The header is checked first (size, ``.FIT`` tag, header checksum, announced length),
  so empty, foreign (GPX, TCX, ZIP, gzip) and truncated files are refused with a
  pointed reason before any decoding. A header checksum of 0 means "not computed" and
  is accepted, as the FIT protocol allows.
* The file checksum is verified here (a table-driven CRC-16, about four times faster
  than garmin-fit-sdk's own check), then the messages are decoded once with
  garmin-fit-sdk. It never raises, so the errors it returns are always checked (a
  message running past the data, an undefined message layout...). Dates are left as
  FIT seconds and converted here only where needed, and component expansion and
  heart-rate merging are switched off: together about 35 % faster than its default
  decode. The few files that need expansion or merging (a record layout with
  ``compressed_speed_distance``, or ``hr`` messages from a chest
  strap's memory) are recognised from their message definitions and decoded again
  with the full options.
* garmin-fit-sdk cannot read compressed-timestamp record headers (FR60/FR70-era
  watches). Such files are decoded with fitdecode instead, into the same shape.
* Bytes after the end of the first FIT file that cannot be read (a damaged chained
  file) are ignored with a warning when the first file is whole and its checksum good.

What comes out
--------------
* One activity per ``session`` message. Records, laps and sets are given to the
  session whose start precedes them (the first session also takes what comes just
  before its start). Multisport ``transition`` sessions are dropped, with a warning.
* ``start`` is the session start, aware: FIT times are UTC, and the ``activity``
  message's ``local_timestamp - timestamp`` gives the UTC offset (rounded to 15 min;
  UTC when absent). Watches whose clock was never set write times relative to power-on
  (below ``0x10000000``); their start is then the recorded local time, stored as UTC.
* ``sport`` is the FIT sport name (``running``, ``cycling``, ``walking``...), except
  ``strength_training`` for any strength sub-sport and the sub-sport for the generic
  ``training``/``fitness_equipment`` containers (``yoga``, ``indoor_rowing``...).
  Modality: ``run`` for running (trail, treadmill, track...), ``strength`` for strength
  training (or a ``training`` session holding ``set`` messages), ``other`` otherwise.
* Streams come from ``record`` messages, ``time_s`` counted from the start. Speed
  prefers ``enhanced_speed``, altitude ``enhanced_altitude``. **Cadence**: FIT records
  running (and walking, hiking) cadence in strides per minute, one leg, plus a
  ``fractional_cadence``; runlift stores **steps per minute**, so those sports get
  ``(cadence + fractional_cadence) * 2``. Other sports keep the device's rpm (pedal
  or stroke rate). A missing sample is NaN; a channel never recorded is None.
* Strength sessions: each ``set`` message becomes a :class:`StrengthSet`. ``active``
  sets are working sets, with the exercise from the first named ``category`` guess
  (see :mod:`runlift.importers.fit_exercises`), reps from ``repetitions`` and the load
  from ``weight`` (0 means no load entered: None). ``rest`` sets are kept as rest sets
  (exercise ``rest``, duration only).

Plausibility (limits in :mod:`runlift.importers.base`): a session longer than 48 h, a
negative distance or a run averaging more than 12.5 m/s refuses the file; single
samples outside their range (heart rate 25-240 bpm, run speed above 12.5 m/s...)
become NaN and are counted in a warning, and an implausible summary heart rate is
left out with a warning.
"""

from __future__ import annotations

import hashlib
import io
import math
import warnings
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any, Final, cast

import fitdecode
from garmin_fit_sdk import Decoder, Profile, Stream

from runlift.importers.base import (
    MAX_ACTIVITY_S,
    MAX_HEART_RATE,
    MAX_RUN_SPEED_MPS,
    MIN_HEART_RATE,
    Decoded,
    ImportFileError,
)
from runlift.importers.fit_exercises import (
    UNKNOWN_EXERCISE,
    exercise_for_category,
    is_unknown_category,
)
from runlift.model.activity import (
    Activity,
    ActivityModality,
    Lap,
    SetType,
    Streams,
    StrengthSet,
)

__all__ = ["decode_fit", "fit_crc"]

Message = dict[Any, Any]
Messages = Mapping[str, list[Message]]

SOURCE: Final = "fit"
#: Seconds from the Unix epoch to the FIT epoch (1989-12-31T00:00:00Z).
FIT_EPOCH_S: Final = 631_065_600
#: FIT date_time values below this count seconds since the device was switched on.
RELATIVE_TIME_LIMIT: Final = 0x10000000
#: Records this long before the first session's start still belong to it (the start is
#: moved back to the first one); earlier records are dropped.
EARLY_RECORD_SLACK_S: Final = 60
#: A session whose end stamp falls this far inside its own start + duration has a wrong
#: start time (it is then taken as end minus duration).
START_CONTRADICTION_S: Final = 60
#: A recorded UTC offset farther than this from a 15-minute multiple is not trusted.
OFFSET_TOLERANCE_S: Final = 120
MAX_OFFSET_S: Final = 18 * 3600
MAX_LOAD_KG: Final = 1000.0

_HEADER_SIZES: Final = (12, 14)
_CRC_SIZE: Final = 2
_MESG_RECORD: Final = 20
_MESG_HR: Final = 132
#: ``record`` fields whose values only appear after component expansion
#: (``compressed_speed_distance``; speed and altitude are read unexpanded).
_RECORD_FIELDS_NEEDING_EXPANSION: Final = frozenset({8})
_RUN_SUB_SPORTS: Final = frozenset({"treadmill", "indoor_running"})
_CONTAINER_SPORTS: Final = frozenset({"training", "fitness_equipment"})
_STEP_SPORTS: Final = frozenset({"running", "walking", "hiking"})
_STRENGTH_SUB_SPORT: Final = "strength_training"

_NAN: Final = math.nan
_NUMBER: Final = (int, float)

# ------------------------------------------------------------------------- the CRC


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        value = byte
        for _ in range(8):
            value = (value >> 1) ^ 0xA001 if value & 1 else value >> 1
        table.append(value)
    return tuple(table)


_CRC_TABLE: Final = _crc_table()


def fit_crc(data: bytes, crc: int = 0) -> int:
    """The FIT checksum (CRC-16, polynomial 0x8005 reflected, start 0) of ``data``,
    continuing from ``crc``."""
    table = _CRC_TABLE
    for byte in data:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


# ----------------------------------------------------------------------- the header


@dataclass(frozen=True, slots=True)
class _Header:
    size: int
    data_size: int

    @property
    def end(self) -> int:
        """Where the first FIT file ends (after its 2-byte checksum)."""
        return self.size + self.data_size + _CRC_SIZE


def _foreign_format(data: bytes) -> str | None:
    """What the file looks like when it is plainly not FIT, or None."""
    head = data[:2048]
    if head.startswith(b"\x1f\x8b"):
        return "it is gzip-compressed (a .fit.gz file?): unpack it and import the .fit inside"
    if head.startswith(b"PK\x03\x04"):
        return "it is a ZIP archive: unpack it and import the FIT files inside"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        lowered = head.lower()
        if b"<gpx" in lowered:
            return "it is a GPX file, not a FIT file: import it as GPX"
        if b"<trainingcenterdatabase" in lowered:
            return "it is a TCX file, not a FIT file: import it as TCX"
        return "it is an XML or HTML file, not a FIT file"
    if text.startswith((b"{", b"[")):
        return "it looks like JSON, not a FIT file"
    return None


def _read_header(data: bytes, name: str) -> _Header:
    if not data:
        raise ImportFileError(name, "the file is empty")
    foreign = _foreign_format(data)
    if foreign is not None:
        raise ImportFileError(name, foreign)
    size = data[0]
    if size not in _HEADER_SIZES or data[8:12] != b".FIT":
        if len(data) < 12 and size in _HEADER_SIZES:
            raise ImportFileError(
                name, f"the file is truncated: it ends inside the FIT header ({len(data)} bytes)"
            )
        raise ImportFileError(name, "it is not a FIT file (it does not start with a FIT header)")
    if len(data) < size:
        raise ImportFileError(
            name, f"the file is truncated: it ends inside the FIT header ({len(data)} bytes)"
        )
    if size == 14:
        stored = data[12] | data[13] << 8
        if stored not in (0, fit_crc(data[:12])):
            raise ImportFileError(
                name, "the FIT header is damaged: its checksum does not match its content"
            )
    header = _Header(size, int.from_bytes(data[4:8], "little"))
    if header.data_size == 0:
        raise ImportFileError(name, "the FIT file holds no data at all")
    if header.end > len(data):
        raise ImportFileError(
            name,
            f"the file is truncated: it has {len(data):,} bytes but its header announces "
            f"{header.end:,} (was the download or copy cut short?)",
        )
    return header


# --------------------------------------------------------------------- decoding


@dataclass(slots=True)
class _Notes:
    """Warnings gathered while reading, in order, each once."""

    items: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        if text not in self.items:
            self.items.append(text)


def _garmin_read(data: bytes, *, full: bool) -> tuple[Messages, list[Exception], bool]:
    """garmin-fit-sdk's messages and errors, and whether the fast options missed data
    that only component expansion or heart-rate merging provides."""
    needs_full = False

    def on_definition(definition: dict[str, Any]) -> None:
        nonlocal needs_full
        number = definition.get("global_mesg_num")
        if number == _MESG_HR:
            needs_full = True
        elif number == _MESG_RECORD:
            for field_def in definition.get("field_definitions", ()):
                if field_def.get("field_id") in _RECORD_FIELDS_NEEDING_EXPANSION:
                    needs_full = True

    decoder = Decoder(Stream.from_bytes_io(io.BytesIO(data)))
    messages, errors = decoder.read(
        convert_datetimes_to_dates=False,
        enable_crc_check=False,  # checked beforehand, about four times faster
        expand_components=full,
        merge_heart_rates=full,
        mesg_definition_listener=None if full else on_definition,
    )
    return cast(Messages, messages), list(errors), needs_full


def _describe_garmin_error(error: Exception) -> str:
    text = str(error)
    if isinstance(error, IndexError) or "end of file" in text or "concatenate" in text:
        return "the file is damaged: a message runs past the end of the FIT data"
    if "local message" in text or "base type" in text:
        return f"the file is damaged: it uses a message layout it never defined ({text})"
    return f"the file is damaged and could not be decoded ({text})"


def _fit_seconds(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp()) - FIT_EPOCH_S


def _fitdecode_read(data: bytes, name: str) -> Messages:
    """The messages as fitdecode reads them, in garmin-fit-sdk's shape: lists of dicts
    per ``<name>_mesgs``, dates as FIT seconds, no invalid (None) fields, and no
    developer fields."""
    out: dict[str, list[Message]] = {}
    dev_definition = fitdecode.types.DevFieldDefinition
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with fitdecode.FitReader(
                io.BytesIO(data),
                check_crc=fitdecode.CrcCheck.DISABLED,  # checked beforehand
                error_handling=fitdecode.ErrorHandling.IGNORE,
            ) as reader:
                for frame in reader:
                    if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                        continue
                    message: Message = {}
                    for data_field in frame.fields:
                        value = data_field.value
                        if value is None or isinstance(data_field.field_def, dev_definition):
                            continue
                        if isinstance(value, datetime):
                            value = _fit_seconds(value)
                        elif isinstance(value, tuple):
                            value = list(value)
                        message[data_field.name] = value
                    out.setdefault(f"{frame.name}_mesgs", []).append(message)
    except fitdecode.FitEOFError:
        raise ImportFileError(
            name, "the file is damaged: a message runs past the end of the FIT data"
        ) from None
    except fitdecode.FitError as exc:
        raise ImportFileError(
            name, f"the file is damaged and could not be decoded ({exc})"
        ) from None
    except (ValueError, AssertionError, KeyError, IndexError) as exc:  # fitdecode's own
        raise ImportFileError(
            name, f"the file is damaged and could not be decoded ({type(exc).__name__}: {exc})"
        ) from None
    return out


def _chained_header(data: bytes, position: int) -> _Header | None:
    """The header of a FIT file chained on at ``position``, or None if there is none."""
    size = data[position]
    if size not in _HEADER_SIZES or data[position + 8 : position + 12] != b".FIT":
        return None
    return _Header(size, int.from_bytes(data[position + 4 : position + 8], "little"))


def _checked(data: bytes, header: _Header, name: str, notes: _Notes) -> bytes:
    """``data`` once every FIT file in it has passed its checksum; trailing bytes that
    are not a whole, intact chained FIT file are cut off with a warning."""
    first = data if header.end == len(data) else data[: header.end]
    if fit_crc(first) != 0:  # the CRC over data and stored CRC is 0 when they match
        raise ImportFileError(
            name,
            "the file is damaged: its checksum does not match its content "
            "(it was altered or cut short in transfer)",
        )
    position = header.end
    while position < len(data):
        chained = _chained_header(data, position)
        end = None if chained is None else position + chained.end
        if end is None or end > len(data) or fit_crc(data[position:end]) != 0:
            notes.add(
                f"ignored {len(data) - position:,} bytes after the end of the FIT data "
                "that are not an intact FIT file"
            )
            return data[:position]
        position = end
    return data


def _decode_messages(data: bytes, name: str, header: _Header, notes: _Notes) -> Messages:
    data = _checked(data, header, name, notes)
    messages, errors, needs_full = _garmin_read(data, full=False)
    if not errors and needs_full:
        messages, errors, _ = _garmin_read(data, full=True)
    if not errors:
        return messages
    if "compressed timestamp" in str(errors[0]).lower():
        return _fitdecode_read(data, name)
    raise ImportFileError(name, _describe_garmin_error(errors[0]))


# ----------------------------------------------------------------------- values


def _number(value: object) -> float | None:
    """A finite number from the file as float, else None (lists, strings, NaN...)."""
    if value.__class__ in _NUMBER:
        number = float(cast(float, value))
        if math.isfinite(number):
            return number
    return None


def _seconds(value: object) -> int | None:
    """A FIT date_time (seconds since the FIT epoch), else None."""
    if value.__class__ is int and value >= 0:
        return value
    return None


def _first(messages: Messages, key: str) -> Message:
    found = messages.get(key)
    return found[0] if found else {}


def _words(value: object) -> str | None:
    return value.replace("_", " ") if isinstance(value, str) and value else None


# ------------------------------------------------------------------------ clock


@dataclass(frozen=True, slots=True)
class _Clock:
    """Turns FIT seconds into aware datetimes in the activity's own UTC offset."""

    zone: tzinfo
    shift_s: int = 0

    def at(self, fit_s: float) -> datetime:
        return datetime.fromtimestamp(fit_s + self.shift_s + FIT_EPOCH_S, UTC).astimezone(self.zone)


def _clock(activity: Message, first_start: float, notes: _Notes) -> _Clock:
    stamp = _seconds(activity.get("timestamp"))
    local = _seconds(activity.get("local_timestamp"))
    if first_start < RELATIVE_TIME_LIMIT:
        if stamp is not None and local is not None and local >= RELATIVE_TIME_LIMIT:
            notes.add(
                "the device clock was not set: times are taken from the local time it "
                "recorded, and the UTC offset is unknown (stored as UTC)"
            )
            return _Clock(UTC, local - stamp)
        notes.add(
            "the device clock was not set and the file holds no local time: "
            "the start date is not the real one"
        )
        return _Clock(UTC)
    if stamp is None or local is None or stamp < RELATIVE_TIME_LIMIT:
        return _Clock(UTC)
    offset = local - stamp
    rounded = round(offset / 900) * 900
    if abs(offset - rounded) > OFFSET_TOLERANCE_S or abs(rounded) > MAX_OFFSET_S:
        notes.add("the local time recorded in the file is implausible: times are given in UTC")
        return _Clock(UTC)
    return _Clock(timezone(timedelta(seconds=rounded)) if rounded else UTC)


# -------------------------------------------------------------------- sessions


@dataclass(slots=True)
class _Part:
    """One session and what belongs to it."""

    message: Message
    start: float
    elapsed: float
    sport: object
    sub_sport: object
    records: list[Message] = field(default_factory=list)
    laps: list[Message] = field(default_factory=list)
    sets: list[Message] = field(default_factory=list)

    @property
    def is_transition(self) -> bool:
        return self.sport == "transition"


def _session_span(
    session: Message, first_record: int | None, name: str, notes: _Notes
) -> tuple[float, float]:
    """Where a session starts (FIT seconds) and how long it lasts (s)."""
    start = _seconds(session.get("start_time"))
    stamp = _seconds(session.get("timestamp"))
    elapsed = _number(session.get("total_elapsed_time"))
    if elapsed is None:
        elapsed = _number(session.get("total_timer_time"))
    if start is None:
        if stamp is not None and elapsed is not None:
            return stamp - elapsed, elapsed
        if first_record is None:
            raise ImportFileError(name, "a session in the file has no start time")
        start = first_record
    if elapsed is None:
        if stamp is None or stamp < start:
            raise ImportFileError(name, "a session in the file has no duration")
        elapsed = float(stamp - start)
    elif stamp is not None and start < stamp < start + elapsed - START_CONTRADICTION_S:
        # The start time claims the session ended after its own end stamp: the start is
        # the wrong one (seen on a Fenix 2 multisport file), so count back from the end.
        notes.add(
            "a session's start time contradicts its end time and duration: "
            "the start was taken as end minus duration"
        )
        return stamp - elapsed, elapsed
    return float(start), elapsed


def _parts(messages: Messages, name: str, notes: _Notes) -> list[_Part]:
    records = messages.get("record_mesgs") or []
    first_record = next(
        (t for t in (_seconds(m.get("timestamp")) for m in records[:50]) if t is not None), None
    )
    parts = []
    for session in messages.get("session_mesgs") or []:
        start, elapsed = _session_span(session, first_record, name, notes)
        if elapsed < 0:
            raise ImportFileError(name, "a session in the file has a negative duration")
        if elapsed > MAX_ACTIVITY_S:
            raise ImportFileError(
                name,
                f"a session lasts {int(elapsed // 3600)} h {int(elapsed % 3600 // 60):02d} min, "
                "longer than the "
                f"{MAX_ACTIVITY_S // 3600} h any activity can take: the file is not plausible",
            )
        parts.append(_Part(session, start, elapsed, session.get("sport"), session.get("sub_sport")))
    parts.sort(key=lambda part: part.start)
    _assign(parts, records, lambda m: _seconds(m.get("timestamp")), "records")
    _assign(parts, messages.get("lap_mesgs") or [], _lap_start, "laps")
    _assign(parts, messages.get("set_mesgs") or [], _set_start, "sets")
    return parts


def _lap_start(lap: Message) -> float | None:
    start = _seconds(lap.get("start_time"))
    if start is not None:
        return start
    stamp = _seconds(lap.get("timestamp"))
    elapsed = _number(lap.get("total_elapsed_time"))
    return None if stamp is None or elapsed is None else stamp - elapsed


def _set_start(done: Message) -> float | None:
    start = _seconds(done.get("start_time"))
    return start if start is not None else _seconds(done.get("timestamp"))


def _assign(
    parts: list[_Part],
    items: Sequence[Message],
    when: Callable[[Message], float | None],
    kind: str,
) -> None:
    """Give each item to the last part starting at or before it (the first part takes
    the earlier ones). Items without a time go to the only part, else are dropped."""
    if not items:
        return
    if len(parts) == 1:
        getattr(parts[0], kind).extend(items)
        return
    starts = [part.start for part in parts]
    for item in items:
        moment = when(item)
        if moment is None:
            continue
        index = max(bisect_right(starts, moment) - 1, 0)
        getattr(parts[index], kind).append(item)


# -------------------------------------------------------------------- streams


def _channel(raw: list[Any], low: float, high: float) -> tuple[list[float] | None, int]:
    """Samples in [low, high] as floats, NaN elsewhere, and how many present values
    were out of range (or not numbers); None when no sample is usable."""
    nan = _NAN
    number = _NUMBER
    column = [float(v) if v.__class__ in number and low <= v <= high else nan for v in raw]
    missing = column.count(nan)  # counts the one NaN object by identity, in C
    if missing == len(column):
        return None, len(column) - raw.count(None)
    return column, missing - raw.count(None)


@dataclass(frozen=True, slots=True)
class _StreamResult:
    streams: Streams | None
    start: float
    hr: list[float] | None


def _streams(
    records: list[Message],
    start: float,
    *,
    step_cadence: bool,
    max_speed: float,
    notes: _Notes,
    label: str,
) -> _StreamResult:
    lower = start - EARLY_RECORD_SLACK_S
    kept = [m for m in records if m.get("timestamp").__class__ is int]
    if len(kept) != len(records):
        notes.add(f"{label}: {len(records) - len(kept)} samples without a time were dropped")
    early = sum(1 for m in kept if m["timestamp"] < lower)
    if early:
        kept = [m for m in kept if m["timestamp"] >= lower]
        notes.add(f"{label}: {early} samples recorded before the session start were dropped")
    if not kept:
        return _StreamResult(None, start, None)
    start = min(start, *(m["timestamp"] for m in kept))
    time_s = [float(m["timestamp"] - start) for m in kept]

    hr, bad_hr = _channel([m.get("heart_rate") for m in kept], MIN_HEART_RATE, MAX_HEART_RATE)
    if bad_hr:
        notes.add(
            f"{label}: {bad_hr} heart-rate samples outside {MIN_HEART_RATE}-{MAX_HEART_RATE} "
            "bpm were dropped"
        )
    speed, bad_speed = _channel(
        [m["enhanced_speed"] if "enhanced_speed" in m else m.get("speed") for m in kept],
        0.0,
        max_speed,
    )
    if bad_speed:
        notes.add(f"{label}: {bad_speed} speed samples above {max_speed:g} m/s were dropped")
    cadence, _ = _channel([m.get("cadence") for m in kept], 0.0, 255.0)
    if cadence is None:  # some devices write rpm with its fraction as ``cadence256``
        cadence, _ = _channel([m.get("cadence256") for m in kept], 0.0, 255.0)
    else:
        fractions = [m.get("fractional_cadence") for m in kept]
        if fractions.count(None) != len(fractions):
            cadence = [
                c + f if f.__class__ is float and 0.0 <= f < 1.0 else c
                for c, f in zip(cadence, fractions, strict=True)
            ]
    if cadence is not None and step_cadence:
        cadence = [c * 2.0 for c in cadence]
    altitude, bad_altitude = _channel(
        [m["enhanced_altitude"] if "enhanced_altitude" in m else m.get("altitude") for m in kept],
        -1000.0,
        10000.0,
    )
    if bad_altitude:
        notes.add(f"{label}: {bad_altitude} altitude samples outside -1000-10000 m were dropped")
    power, bad_power = _channel([m.get("power") for m in kept], 0.0, 3000.0)
    if bad_power:
        notes.add(f"{label}: {bad_power} power samples above 3000 W were dropped")
    distance, bad_distance = _channel([m.get("distance") for m in kept], 0.0, 1e7)
    if bad_distance:
        notes.add(f"{label}: {bad_distance} distance samples out of range were dropped")

    def frozen(column: list[float] | None) -> tuple[float, ...] | None:
        return None if column is None else tuple(column)

    streams = Streams(
        time_s=tuple(time_s),
        heart_rate=frozen(hr),
        speed_mps=frozen(speed),
        cadence=frozen(cadence),
        altitude_m=frozen(altitude),
        power_w=frozen(power),
        distance_m=frozen(distance),
    )
    return _StreamResult(streams, start, hr)


# ------------------------------------------------------------------ strength sets


def _category_name(value: object) -> object:
    """fitdecode leaves categories as numbers: name them from the FIT profile."""
    if value.__class__ is int:
        names = cast(dict[int, str], Profile["types"]["exercise_category"])
        return names.get(value, value)
    return value


def _strength_set(done: Message, unknown: dict[str, None], notes: _Notes) -> StrengthSet:
    duration = _number(done.get("duration"))
    if duration is not None and duration < 0:
        duration = None
    if done.get("set_type") == "rest":
        return StrengthSet(
            exercise="rest", exercise_raw="rest", type=SetType.REST, duration_s=duration
        )
    raw_categories = done.get("category")
    guesses = raw_categories if isinstance(raw_categories, list) else [raw_categories]
    chosen = next((c for c in map(_category_name, guesses) if not is_unknown_category(c)), None)
    if chosen is None:
        exercise, known, raw = UNKNOWN_EXERCISE, False, "unknown"
    else:
        raw = cast(str, chosen)
        exercise, known = exercise_for_category(raw)
    if not known:
        unknown.setdefault(exercise)
    reps_value = done.get("repetitions")
    reps = reps_value if reps_value.__class__ is int and reps_value > 0 else None
    load = _number(done.get("weight"))
    if load is not None and load > MAX_LOAD_KG:
        notes.add(f"a set's load of {load:g} kg is not plausible and was left out")
        load = None
    if load is not None and load <= 0:
        load = None  # 0 means no load was entered (or body weight)
    return StrengthSet(
        exercise=exercise,
        exercise_raw=raw,
        type=SetType.WORKING,
        reps=reps,
        load_kg=load,
        duration_s=duration,
    )


# --------------------------------------------------------------------- activities


def _sport_name(sport: object, sub_sport: object) -> str:
    if sub_sport == _STRENGTH_SUB_SPORT:
        return _STRENGTH_SUB_SPORT
    if isinstance(sport, str) and sport:
        if (
            sport in _CONTAINER_SPORTS
            and isinstance(sub_sport, str)
            and sub_sport
            not in (
                "generic",
                "all",
            )
        ):
            return sub_sport
        return sport
    if sport.__class__ is int:
        return f"sport {sport}"
    return "generic"


def _modality(part: _Part) -> ActivityModality:
    if part.sport == "running" or (
        part.sub_sport in _RUN_SUB_SPORTS and part.sport in (*_CONTAINER_SPORTS, "generic", None)
    ):
        return ActivityModality.RUN
    if part.sub_sport == _STRENGTH_SUB_SPORT or (
        part.sport == "training" and any(s.get("set_type") == "active" for s in part.sets)
    ):
        return ActivityModality.STRENGTH
    return ActivityModality.OTHER


def _device(messages: Messages) -> str | None:
    file_id = _first(messages, "file_id_mesgs")
    creator: Message = next(
        (
            d
            for d in messages.get("device_info_mesgs") or []
            if d.get("device_index") in ("creator", 0)
        ),
        {},
    )
    maker = _words(file_id.get("manufacturer")) or _words(creator.get("manufacturer"))
    product = None
    for candidate in (
        creator.get("product_name"),
        file_id.get("product_name"),
        file_id.get("garmin_product"),
        creator.get("garmin_product"),
    ):
        product = _words(candidate)
        if product:
            break
    words = [w for w in (maker.title() if maker else None, product) if w]
    return " ".join(words) if words else None


def _heart_rate(value: object, what: str, label: str, notes: _Notes) -> float | None:
    rate = _number(value)
    if rate is not None and not MIN_HEART_RATE <= rate <= MAX_HEART_RATE:
        notes.add(f"{label}: the {what} heart rate of {rate:g} bpm is not plausible, left out")
        return None
    return rate


def _laps(laps: list[Message], clock: _Clock, label: str, notes: _Notes) -> tuple[Lap, ...]:
    out = []
    for lap in laps:
        start = _lap_start(lap)
        duration = _number(lap.get("total_elapsed_time"))
        if start is None or duration is None or duration < 0:
            continue
        distance = _number(lap.get("total_distance"))
        out.append(
            Lap(
                start=clock.at(start),
                duration_s=duration,
                distance_m=distance if distance is not None and distance >= 0 else None,
                avg_hr=_heart_rate(lap.get("avg_heart_rate"), "lap average", label, notes),
                max_hr=_heart_rate(lap.get("max_heart_rate"), "lap maximum", label, notes),
                ascent_m=_number(lap.get("total_ascent")),
            )
        )
    return tuple(out)


def _average_speed(session: Message, distance: float | None, moving: float | None) -> float | None:
    for key in ("enhanced_avg_speed", "avg_speed"):
        speed = _number(session.get(key))
        if speed is not None:
            return speed
    if distance is not None and moving:
        return distance / moving
    return None


def _activity(
    part: _Part,
    clock: _Clock,
    label: str,
    common: dict[str, Any],
    unknown: dict[str, None],
    notes: _Notes,
) -> Activity:
    session = part.message
    name = common["source_file"]
    modality = _modality(part)
    sport = _sport_name(part.sport, part.sub_sport)
    moving = _number(session.get("total_timer_time"))
    distance = _number(session.get("total_distance"))
    if distance is not None and distance < 0:
        raise ImportFileError(name, f"{label} has a negative distance ({distance:g} m)")
    if modality is ActivityModality.STRENGTH and not distance:
        distance = None
    if modality is ActivityModality.RUN:
        speed = _average_speed(session, distance, moving)
        if speed is not None and speed > MAX_RUN_SPEED_MPS:
            raise ImportFileError(
                name,
                f"{label} averages {speed:.1f} m/s, faster than any run "
                f"({MAX_RUN_SPEED_MPS} m/s): the file is not plausible",
            )
    result = _streams(
        part.records,
        part.start,
        step_cadence=modality is ActivityModality.RUN or part.sport in _STEP_SPORTS,
        max_speed=MAX_RUN_SPEED_MPS if modality is ActivityModality.RUN else 150.0,
        notes=notes,
        label=label,
    )
    avg_hr = _heart_rate(session.get("avg_heart_rate"), "average", label, notes)
    max_hr = _heart_rate(session.get("max_heart_rate"), "maximum", label, notes)
    if result.hr is not None and (avg_hr is None or max_hr is None):
        valid = [v for v in result.hr if not math.isnan(v)]
        if avg_hr is None and "avg_heart_rate" not in session:
            avg_hr = round(sum(valid) / len(valid), 1)
        if max_hr is None and "max_heart_rate" not in session:
            max_hr = max(valid)
    sets: tuple[StrengthSet, ...] = ()
    if part.sets:
        if modality is ActivityModality.STRENGTH:
            sets = tuple(_strength_set(s, unknown, notes) for s in part.sets)
        else:
            notes.add(f"{label}: {len(part.sets)} strength sets in a {sport} session were ignored")
    return Activity(
        start=clock.at(result.start),
        modality=modality,
        sport=sport,
        duration_s=part.elapsed,
        moving_s=moving,
        distance_m=distance,
        ascent_m=_number(session.get("total_ascent")),
        avg_hr=avg_hr,
        max_hr=max_hr,
        laps=_laps(part.laps, clock, label, notes),
        streams=result.streams,
        sets=sets,
        **common,
    )


def _check_file_type(messages: Messages, name: str) -> None:
    kind = _first(messages, "file_id_mesgs").get("type")
    if kind is None or kind == "activity":
        return
    if kind == "workout":
        raise ImportFileError(
            name, "it holds a planned workout, not a completed activity: there is nothing to log"
        )
    described = _words(kind) or f"type {kind}"
    raise ImportFileError(name, f"it is a FIT {described} file, not an activity")


def _build(messages: Messages, data: bytes, name: str, notes: _Notes) -> Decoded:
    _check_file_type(messages, name)
    if not messages.get("session_mesgs"):
        raise ImportFileError(
            name,
            "it holds no session summary, so it is not a finished activity "
            "(was the recording saved on the device?)",
        )
    parts = _parts(messages, name, notes)
    transitions = [p for p in parts if p.is_transition]
    kept = [p for p in parts if not p.is_transition]
    if transitions:
        notes.add(
            f"dropped {len(transitions)} multisport transition part"
            f"{'s' if len(transitions) != 1 else ''} (the time between sports)"
        )
    if not kept:
        raise ImportFileError(name, "it holds only multisport transitions, no activity")
    clock = _clock(_first(messages, "activity_mesgs"), kept[0].start, notes)
    digest = hashlib.sha256(data).hexdigest()
    device = _device(messages)
    unknown: dict[str, None] = {}
    activities = []
    for number, part in enumerate(kept, start=1):
        label = (
            f"part {number} ({_sport_name(part.sport, part.sub_sport)})"
            if len(kept) > 1
            else "the session"
        )
        common: dict[str, Any] = {
            "source": SOURCE,
            "source_file": name,
            "source_hash": digest if len(kept) == 1 else f"{digest}:{number}",
            "device": device,
        }
        activities.append(_activity(part, clock, label, common, unknown, notes))
    return Decoded(
        activities=tuple(activities),
        unknown_exercises=tuple(unknown),
        warnings=tuple(notes.items),
    )


def decode_fit(data: bytes, name: str) -> Decoded:
    """The activities in a FIT file's bytes; ``name`` (the file name) is used in messages.

    Raises :class:`ImportFileError` for anything that cannot be imported, and nothing
    else.
    """
    try:
        notes = _Notes()
        header = _read_header(data, name)
        messages = _decode_messages(data, name, header, notes)
        return _build(messages, data, name, notes)
    except ImportFileError:
        raise
    except Exception as exc:  # the decoders may fail in any way on a damaged file
        raise ImportFileError(
            name, f"the file is damaged in a way the FIT decoder could not handle ({exc!r})"
        ) from exc
