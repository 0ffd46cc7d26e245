"""Planned sessions as FIT workout files, one file per session, for a watch.

Runs become timed steps: a warm-up, the work (a pace range as a speed target, else a
heart-rate range, else an open target), repeat blocks for intervals, HIIT and strides,
recoveries and a cool-down. The step times always add up to the session's minutes.
Lifts become one step per set (reps or a hold time, the load, the FIT exercise) with a
rest step between sets. See docs/export.md, "FIT workouts", for the mapping and rests.

The files are written with garmin-fit-sdk's ``Encoder``. It ignores sub-fields, so
every step is written through its main fields: ``duration_value`` holds milliseconds
for a time, a count for reps and the step index to jump back to for a repeat;
``target_value`` holds the repeat count; ``custom_target_value_low``/``_high`` hold
speed in mm/s or heart rate as bpm + 100.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any

from garmin_fit_sdk import Encoder, Profile

from runlift.model.exercises import exercise_info
from runlift.model.plan import Exercise, Modality, Plan, PlannedSession, SessionKind

_K = SessionKind

#: A FIT field is at most 255 bytes and a string keeps one of them for its terminator.
MAX_STRING_BYTES = 254

_MESG_FILE_ID = Profile["mesg_num"]["FILE_ID"]
_MESG_WORKOUT = Profile["mesg_num"]["WORKOUT"]
_MESG_WORKOUT_STEP = Profile["mesg_num"]["WORKOUT_STEP"]

#: Custom heart-rate targets above 100 are beats per minute plus 100 (up to 100 they
#: would be a percentage of maximum heart rate).
_HR_OFFSET = 100


@dataclass(frozen=True, slots=True)
class FitWorkout:
    """One encoded workout file.

    ``custom_steps`` names the exercises that have no FIT exercise name: they are
    written as steps named after the exercise, with a FIT category when one fits
    and ``unknown`` otherwise.
    """

    session_id: str
    filename: str
    data: bytes
    custom_steps: tuple[str, ...]


# ---------------------------------------------------------------- exercises

#: Catalogue name -> (FIT exercise_category, FIT exercise_name within that category).
#: A None name means only the category fits (the watch shows the step's own name);
#: exercises absent here are written with category ``unknown``.
EXERCISE_MAP: dict[str, tuple[str, str | None]] = {
    # squats and knee-dominant
    "back squat": ("squat", "barbell_back_squat"),
    "half squat": ("squat", "barbell_back_squat"),  # FIT has no half depth; the name says it
    "front squat": ("squat", "barbell_front_squat"),
    "goblet squat": ("squat", "goblet_squat"),
    "air squat": ("squat", "air_squat"),
    "hack squat": ("squat", None),  # FIT's hack squat is the barbell one, ours a machine
    "lunge": ("lunge", "lunge"),
    "split squat": ("squat", "dumbbell_split_squat"),
    "step-up": ("squat", "step_up"),
    "leg press": ("squat", "leg_press"),
    # hinges and posterior chain
    "deadlift": ("deadlift", "barbell_deadlift"),
    "romanian deadlift": ("deadlift", "romanian_deadlift"),
    "dumbbell romanian deadlift": ("deadlift", "romanian_deadlift"),
    "hip thrust": ("hip_raise", "barbell_hip_thrust_with_bench"),
    "glute bridge": ("hip_raise", "hip_raise"),
    "calf raise": ("calf_raise", "standing_calf_raise"),
    "leg curl": ("leg_curl", "leg_curl"),
    "kettlebell swing": ("hip_raise", "kettlebell_swing"),
    # jumps
    "box jump": ("plyo", "box_jump"),
    "jump squat": ("plyo", "jump_squat"),
    "broad jump": ("plyo", None),
    "bounding": ("plyo", None),
    # pushes
    "bench press": ("bench_press", "barbell_bench_press"),
    "dumbbell bench press": ("bench_press", "dumbbell_bench_press"),
    "incline bench press": ("bench_press", "incline_barbell_bench_press"),
    "chest press": ("bench_press", None),
    "push-up": ("push_up", "push_up"),
    "overhead press": ("shoulder_press", "overhead_barbell_press"),
    "dumbbell overhead press": ("shoulder_press", "overhead_dumbbell_press"),
    "dip": ("triceps_extension", "body_weight_dip"),
    "lateral raise": ("lateral_raise", "dumbbell_lateral_raise"),
    "triceps extension": ("triceps_extension", None),
    # pulls
    "pull-up": ("pull_up", "pull_up"),
    "chin-up": ("pull_up", "chin_up"),
    "row": ("row", "barbell_row"),
    "dumbbell row": ("row", "dumbbell_row"),
    "cable row": ("row", "seated_cable_row"),
    "inverted row": ("row", "inverted_row"),
    "lat pulldown": ("pull_up", "lat_pulldown"),
    "biceps curl": ("curl", None),
    # trunk
    "plank": ("plank", "plank"),
    "side plank": ("plank", "side_plank"),
    "dead bug": ("hip_stability", "dead_bug"),
    "hanging leg raise": ("leg_raise", "hanging_leg_raise"),
    "sit-up": ("sit_up", "sit_up"),
    # whole body
    "clean": ("olympic_lift", "clean"),
    "snatch": ("olympic_lift", "snatch"),
    # "leg extension": no FIT entry for the machine movement -> unknown
}

#: Rest after each set, by exercise. Heavy barbell lifts get two minutes, jumps and
#: other compound work 90 s, holds and small single-joint work 60 s; anything else 90 s.
_REST_HEAVY_S = 120
_REST_DEFAULT_S = 90
_REST_LIGHT_S = 60
_HEAVY = frozenset(
    {
        "back squat",
        "half squat",
        "front squat",
        "hack squat",
        "deadlift",
        "bench press",
        "incline bench press",
        "overhead press",
        "clean",
        "snatch",
    }
)
_LIGHT = frozenset(
    {
        "plank",
        "side plank",
        "dead bug",
        "calf raise",
        "lateral raise",
        "biceps curl",
        "triceps extension",
        "leg extension",
        "leg curl",
        "sit-up",
    }
)


@dataclass(frozen=True, slots=True)
class FitExercise:
    """Where an exercise sits in the FIT profile."""

    category: str  # an exercise_category name; "unknown" when none fits
    name: str | None  # the exercise_name within that category, if one fits
    name_id: int | None

    @property
    def exact(self) -> bool:
        return self.name_id is not None


_UNKNOWN = FitExercise("unknown", None, None)


def _canonical(name: str) -> str:
    info = exercise_info(name)
    return name.strip().lower() if info is None else info.name


@cache
def fit_exercise(name: str) -> FitExercise:
    """The FIT category and exercise name for a catalogue name (or any spelling of one)."""
    entry = EXERCISE_MAP.get(_canonical(name))
    if entry is None:
        return _UNKNOWN
    category, fit_name = entry
    types: dict[str, dict[int, str]] = Profile["types"]
    if category not in types["exercise_category"].values():
        return _UNKNOWN
    if fit_name is None:
        return FitExercise(category, None, None)
    names = types.get(f"{category}_exercise_name", {})
    ids = [key for key, value in names.items() if value == fit_name]
    if not ids:
        return FitExercise(category, None, None)
    return FitExercise(category, fit_name, ids[0])


def rest_seconds(name: str) -> int:
    """The rest after one set of ``name`` (see the module notes)."""
    canonical = _canonical(name)
    if canonical in _HEAVY:
        return _REST_HEAVY_S
    if canonical in _LIGHT:
        return _REST_LIGHT_S
    return _REST_DEFAULT_S


# ---------------------------------------------------------------- strings


def fit_string(text: str, limit: int = MAX_STRING_BYTES) -> str:
    """``text`` cut to ``limit`` UTF-8 bytes on a character boundary, without NULs."""
    clean = text.replace("\x00", "").strip()
    encoded = clean.encode("utf-8")
    if len(encoded) <= limit:
        return clean
    return encoded[:limit].decode("utf-8", errors="ignore").rstrip()


_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def _safe(part: str) -> str:
    return _UNSAFE.sub("_", part).strip("_") or "x"


def filename_for(session: PlannedSession) -> str:
    """``<session id>-<kind>.fit``, with anything but letters, digits, ``-`` and ``_`` as ``_``."""
    return f"{_safe(session.id)}-{_safe(session.kind.value)}.fit"


# ---------------------------------------------------------------- run targets

_PACE = re.compile(r"^\s*(\d{1,2}):([0-5]\d)\s*$")
_RANGE_SPLIT = re.compile(r"\s*[-\u2013]\s*")
_HR = re.compile(r"^\s*(\d{2,3})\s*[-\u2013]\s*(\d{2,3})\s*$")


def _pace_seconds(text: str) -> int | None:
    m = _PACE.match(text)
    if m is None:
        return None
    seconds = int(m[1]) * 60 + int(m[2])
    return seconds if seconds > 0 else None


def pace_range_speed(text: str) -> tuple[int, int] | None:
    """A ``"m:ss-m:ss"`` per-km pace range as (low, high) speed in mm/s.

    The slower pace gives the lower speed, whichever order the range is written in:
    ``"4:58-5:04"`` is (3289, 3356).
    """
    parts = _RANGE_SPLIT.split(text.strip())
    if len(parts) != 2:
        return None
    paces = [_pace_seconds(p) for p in parts]
    if None in paces:
        return None
    speeds = sorted(round(1_000_000 / p) for p in paces if p is not None)
    return speeds[0], speeds[1]


def hr_range(text: str) -> tuple[int, int] | None:
    """A ``"low-high"`` heart-rate range in bpm, ordered; None when it does not read."""
    m = _HR.match(text)
    if m is None:
        return None
    low, high = sorted((int(m[1]), int(m[2])))
    if low < 30 or high > 250:
        return None
    return low, high


def _main_target(session: PlannedSession) -> dict[str, Any]:
    """The session's target for its work steps: pace, else heart rate, else open."""
    targets = dict(session.targets)
    speed = pace_range_speed(targets.get("pace_per_km", ""))
    if speed is not None:
        return {
            "target_type": "speed",
            "target_value": 0,
            "custom_target_value_low": speed[0],
            "custom_target_value_high": speed[1],
        }
    hr = hr_range(targets.get("hr_bpm", ""))
    if hr is not None:
        return {
            "target_type": "heart_rate",
            "target_value": 0,
            "custom_target_value_low": hr[0] + _HR_OFFSET,
            "custom_target_value_high": hr[1] + _HR_OFFSET,
        }
    return {"target_type": "open"}


# ---------------------------------------------------------------- run structure


@dataclass(frozen=True, slots=True)
class _Part:
    label: str
    seconds: int
    intensity: str  # a FIT intensity name
    main: bool  # carries the session's target; otherwise the target is open


@dataclass(frozen=True, slots=True)
class _Layout:
    """A run: an optional lead part, a block done ``reps`` times, an optional tail."""

    lead: _Part | None
    block: tuple[_Part, ...]
    reps: int
    tail: _Part | None

    @property
    def seconds(self) -> int:
        ends = sum(p.seconds for p in (self.lead, self.tail) if p is not None)
        return ends + self.reps * sum(p.seconds for p in self.block)


def _warm(minutes: float) -> _Part:
    return _Part("Warm-up", round(minutes * 60), "warmup", main=False)


def _cool(minutes: float) -> _Part:
    return _Part("Cool-down", round(minutes * 60), "cooldown", main=False)


def _tempo(warm: float, work: float, cool: float) -> _Layout:
    block = (_Part("Threshold", round(work * 60), "active", main=True),)
    return _Layout(_warm(warm), block, 1, _cool(cool))


def _intervals(warm: float, reps: int, on_s: int, off_s: int, cool: float) -> _Layout:
    block = (
        _Part("Interval", on_s, "active", main=True),
        _Part("Jog", off_s, "recovery", main=False),
    )
    return _Layout(_warm(warm), block, reps, _cool(cool))


def _hiit(warm: float, reps: int, on_s: int, off_s: int, cool: float) -> _Layout:
    block = (
        _Part("Hard", on_s, "active", main=True),
        _Part("Easy jog", off_s, "recovery", main=False),
    )
    return _Layout(_warm(warm), block, reps, _cool(cool))


def _strides(total_s: int, reps: int, on_s: int, window_s: int) -> _Layout:
    """Easy running, then ``reps`` strides spread over the last ``window_s`` seconds."""
    each = window_s // reps
    lead = _Part("Easy run", total_s - reps * each, "active", main=True)
    block = (
        _Part("Stride", on_s, "active", main=False),
        _Part("Easy", each - on_s, "recovery", main=True),
    )
    return _Layout(lead, block, reps, None)


def _single(session: PlannedSession) -> _Layout:
    label = {_K.LONG: "Long run", _K.EASY: "Easy run"}.get(session.kind, "Run")
    return _Layout(None, (_Part(label, session.duration_min * 60, "active", main=True),), 1, None)


_TEMPO_TEXT = re.compile(r"^(\d+) min easy, (\d+) min at threshold pace, (\d+) min easy$")
_INTERVALS_TEXT = re.compile(
    r"^(\d+) min easy, (\d+) x (\d+) min at interval pace with (\d+) min jog, (\d+) min easy$"
)
_HIIT_TEXT = re.compile(
    r"^(\d+) min easy, (\d+) x (\d+) s hard with (\d+) s easy jog, (\d+) min easy$"
)
_STRIDES_TEXT = re.compile(r"(\d+) x (\d+) s strides in the last (\d+) min")


def _from_text(session: PlannedSession) -> _Layout | None:
    """The layout the session's ``structure`` text states, if it is one of ours."""
    text = dict(session.targets).get("structure", "").strip()
    kind = session.kind
    if kind is _K.TEMPO and (m := _TEMPO_TEXT.match(text)):
        return _tempo(int(m[1]), int(m[2]), int(m[3]))
    if kind is _K.INTERVALS and (m := _INTERVALS_TEXT.match(text)):
        return _intervals(int(m[1]), int(m[2]), int(m[3]) * 60, int(m[4]) * 60, int(m[5]))
    if kind is _K.HIIT and (m := _HIIT_TEXT.match(text)):
        return _hiit(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]))
    if kind is _K.STRIDES and (m := _STRIDES_TEXT.search(text)):
        reps = int(m[1])
        if reps > 0:
            return _strides(session.duration_min * 60, reps, int(m[2]), int(m[3]) * 60)
    return None


def _from_kind(session: PlannedSession) -> _Layout:
    """The standard layout of the kind, worded by the planner, for plans without the text."""
    from runlift.planning.prescribe import structure_text

    text = structure_text(session.kind, session.duration_min)
    if text is not None:
        layout = _from_text(replace(session, targets=(("structure", text),)))
        if layout is not None:
            return layout
    return _single(session)


def _fitted(layout: _Layout, session: PlannedSession) -> _Layout:
    """``layout`` with its warm-up and cool-down stretched or cut so the steps fill the
    session's minutes exactly: extra time goes to the cool-down, missing time comes off
    the cool-down first, then the warm-up. A single step when the repeated block alone
    is already longer than the session."""
    total = session.duration_min * 60
    block = sum(p.seconds for p in layout.block)
    if layout.reps < 1 or block <= 0 or any(p.seconds < 0 for p in layout.block):
        return _single(session)
    spare = total - layout.reps * block
    lead, tail = layout.lead, layout.tail
    if spare < 0 or (lead is None and tail is None and spare != 0):
        return _single(session)
    lead_s = max(0, lead.seconds) if lead is not None else 0
    tail_s = max(0, tail.seconds) if tail is not None else 0
    excess = lead_s + tail_s - spare
    if excess > 0:
        cut = min(excess, tail_s)
        tail_s -= cut
        lead_s -= excess - cut
    elif tail is not None:
        tail_s -= excess
    else:
        lead_s -= excess
    return _Layout(
        None if lead is None else _Part(lead.label, lead_s, lead.intensity, lead.main),
        layout.block,
        layout.reps,
        None if tail is None else _Part(tail.label, tail_s, tail.intensity, tail.main),
    )


def _run_layout(session: PlannedSession) -> _Layout:
    layout = _from_text(session) or _from_kind(session)
    return _fitted(layout, session)


def _run_steps(session: PlannedSession) -> list[dict[str, Any]]:
    layout = _run_layout(session)
    target = _main_target(session)
    steps: list[dict[str, Any]] = []

    def add(part: _Part | None) -> None:
        if part is None or part.seconds <= 0:
            return
        steps.append(
            {
                "wkt_step_name": part.label,
                "duration_type": "time",
                "duration_value": part.seconds * 1000,
                "intensity": part.intensity,
                **(target if part.main else {"target_type": "open"}),
            }
        )

    add(layout.lead)
    first = len(steps)
    for part in layout.block:
        add(part)
    if layout.reps > 1 and len(steps) > first:
        steps.append(
            {
                "duration_type": "repeat_until_steps_cmplt",
                "duration_value": first,
                "target_type": "open",
                "target_value": layout.reps,
            }
        )
    add(layout.tail)
    return steps


# ---------------------------------------------------------------- strength steps

#: exercise_weight is a uint16 in hundredths of a kilogram.
_MAX_WEIGHT_KG = 655.34


def _set_step(exercise: Exercise, index: int, fit: FitExercise) -> dict[str, Any]:
    step: dict[str, Any] = {
        "wkt_step_name": fit_string(exercise.name),
        "intensity": "active",
        "target_type": "open",
        "exercise_category": fit.category,
    }
    if exercise.duration_s is not None and exercise.duration_s > 0:
        step["duration_type"] = "time"
        step["duration_value"] = exercise.duration_s * 1000
    elif exercise.reps is not None and exercise.reps > 0:
        step["duration_type"] = "reps"
        step["duration_value"] = exercise.reps
    else:
        step["duration_type"] = "open"
    if fit.name_id is not None:
        step["exercise_name"] = fit.name_id
    if exercise.load_kg is not None and 0 < exercise.load_kg <= _MAX_WEIGHT_KG:
        step["exercise_weight"] = exercise.load_kg
        step["weight_display_unit"] = "kilogram"
    note = f"set {index} of {exercise.sets}"
    if exercise.rpe is not None:
        note += f", RPE {exercise.rpe:g}"
    step["notes"] = note
    return step


def _rest_step(seconds: int) -> dict[str, Any]:
    return {
        "wkt_step_name": "Rest",
        "duration_type": "time",
        "duration_value": seconds * 1000,
        "intensity": "rest",
        "target_type": "open",
    }


def _strength_steps(session: PlannedSession) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    steps: list[dict[str, Any]] = []
    custom: dict[str, None] = {}
    sets = [(e, i) for e in session.exercises for i in range(1, e.sets + 1)]
    for n, (exercise, index) in enumerate(sets):
        fit = fit_exercise(exercise.name)
        if not fit.exact:
            custom[exercise.name] = None
        steps.append(_set_step(exercise, index, fit))
        if n < len(sets) - 1:
            steps.append(_rest_step(rest_seconds(exercise.name)))
    return steps, tuple(custom)


# ---------------------------------------------------------------- files


def _serial(session: PlannedSession) -> int:
    """A stable non-zero serial number per session, so (type, manufacturer, product,
    serial) differs between the files of a plan and stays the same across exports."""
    return zlib.crc32(f"{session.id}|{session.date.isoformat()}".encode()) or 1


def _encode(session: PlannedSession, steps: Iterable[dict[str, Any]]) -> bytes:
    step_list = list(steps)
    encoder = Encoder()
    encoder.on_mesg(
        _MESG_FILE_ID,
        {
            "type": "workout",
            "manufacturer": "development",
            "product": 0,
            "serial_number": _serial(session),
            # Deterministic: the session's own date and start, so one plan always gives
            # the same bytes.
            "time_created": datetime.combine(session.date, session.start, tzinfo=UTC),
        },
    )
    workout: dict[str, Any] = {
        "wkt_name": fit_string(session.title) or fit_string(session.kind.value),
        "num_valid_steps": len(step_list),
    }
    if session.modality is Modality.STRENGTH:
        workout.update(sport="training", sub_sport="strength_training")
    else:
        workout["sport"] = "running"
    encoder.on_mesg(_MESG_WORKOUT, workout)
    for index, step in enumerate(step_list):
        encoder.on_mesg(_MESG_WORKOUT_STEP, {"message_index": index, **step})
    return encoder.close()


def workout_for(session: PlannedSession) -> FitWorkout:
    """The FIT workout file of one planned session."""
    if session.modality is Modality.STRENGTH:
        steps, custom = _strength_steps(session)
    else:
        steps, custom = _run_steps(session), ()
    return FitWorkout(session.id, filename_for(session), _encode(session, steps), custom)


def workouts_for(plan: Plan, week: int | None = None) -> list[FitWorkout]:
    """One workout file per planned session, in plan order; only ``week`` when given."""
    return [workout_for(s) for s in plan.sessions if week is None or s.week == week]
