"""Prescribe: turn a placed session into targets a person can follow.

Runs get paces from the VDOT of the athlete's recent race (Daniels-Gilbert) and heart
rate ranges from the maximum heart rate (Daniels' %HRmax bands, ref 24); lifts get
sets, reps, a target RPE and a load from the 1RM through the RPE chart.
"""

from __future__ import annotations

from dataclasses import dataclass

from runlift.evidence.rules import refs_of
from runlift.model.plan import Exercise, Intensity, Phase, SessionKind
from runlift.model.profile import AthleteProfile, Experience, Priority, Sex
from runlift.planning.compose import SessionSpec
from runlift.planning.periodize import WeekTarget
from runlift.science import strength as st
from runlift.science.running import TrainingPaces, format_pace, training_paces, vdot

_K = SessionKind


def paces_for(profile: AthleteProfile) -> TrainingPaces | None:
    race = profile.running.recent_race
    if race is None:
        return None
    return training_paces(vdot(race.distance_m, race.time_s))


# ---------------------------------------------------------------- runs

#: %HRmax bands of Daniels' Running Formula (ref 24) by run kind.
_HR_BANDS = {
    _K.EASY: (0.65, 0.79),
    _K.LONG: (0.65, 0.79),
    _K.STRIDES: (0.65, 0.79),
    _K.TEMPO: (0.88, 0.92),
    _K.INTERVALS: (0.95, 1.0),
    _K.HIIT: (0.90, 1.0),
    _K.SPRINTS: (0.90, 1.0),
}
_RUN_RPE = {
    _K.EASY: "2-3",
    _K.LONG: "3-4",
    _K.STRIDES: "2-3",
    _K.TEMPO: "6-7",
    _K.INTERVALS: "8-9",
    _K.HIIT: "8-9",
    _K.SPRINTS: "9",
}
_RUN_TITLES = {
    _K.EASY: "Easy run",
    _K.LONG: "Long run",
    _K.STRIDES: "Easy run + strides",
    _K.TEMPO: "Tempo run",
    _K.INTERVALS: "Intervals",
    _K.HIIT: "HIIT run",
    _K.SPRINTS: "Sprints",
}


@dataclass(frozen=True, slots=True)
class _Segment:
    minutes: float
    pace: str  # "easy" | "threshold" | "interval" | "repetition"


def _framed(minutes: int, block: int, warm: int, cool: int, least: int) -> tuple[int, int, int]:
    """Warm-up, repeats of ``block`` minutes, cool-down: summing to ``minutes`` exactly.

    The warm-up and cool-down shrink before the repeats fall below ``least``; what the
    repeats leave over goes to the cool-down.
    """
    for w, c in ((warm, cool), (10, 5), (5, 5), (0, 0)):
        reps = (minutes - w - c) // block
        if reps >= least:
            return w, reps, minutes - w - reps * block
    reps = max(1, minutes // block)
    return 0, reps, max(0, minutes - reps * block)


def _run_segments(kind: SessionKind, minutes: int) -> tuple[list[_Segment], str | None]:
    """The session split into paced parts, and its structure in words (adding up to
    ``minutes``)."""
    if kind is _K.TEMPO:
        warm, work, cool = _framed(minutes, 1, 15 if minutes >= 45 else 10, 10, 10)
        text = f"{warm} min easy, {work} min at threshold pace, {cool} min easy"
        return [_Segment(warm + cool, "easy"), _Segment(work, "threshold")], text
    if kind is _K.INTERVALS:
        long_session = minutes >= 45
        warm, reps, cool = _framed(
            minutes, 5, 15 if long_session else 10, 10 if long_session else 5, 2
        )
        text = f"{warm} min easy, {reps} x 3 min at interval pace with 2 min jog, {cool} min easy"
        return [_Segment(warm + cool + reps * 2, "easy"), _Segment(reps * 3, "interval")], text
    if kind is _K.HIIT:
        warm, reps, cool = _framed(minutes, 2, 5, 5, 2)
        text = f"{warm} min easy, {reps} x 30 s hard with 90 s easy jog, {cool} min easy"
        return [_Segment(minutes - reps * 0.5, "easy"), _Segment(reps * 0.5, "repetition")], text
    if kind is _K.STRIDES:
        return [_Segment(minutes, "easy")], "easy running with 6 x 20 s strides in the last 10 min"
    return [_Segment(minutes, "easy")], None


def structure_text(kind: SessionKind, minutes: int) -> str | None:
    """The workout of a run in words, as sessions carry it in their ``structure`` target."""
    return _run_segments(kind, minutes)[1]


def _pace_value(paces: TrainingPaces, pace: str) -> float:
    if pace == "easy":
        return sum(paces.easy) / 2
    return {
        "threshold": paces.threshold,
        "interval": paces.interval,
        "repetition": paces.repetition,
    }[pace]


def _run_targets(
    profile: AthleteProfile, spec: SessionSpec, paces: TrainingPaces | None
) -> tuple[list[tuple[str, str]], float | None]:
    segments, structure = _run_segments(spec.kind, spec.duration_min)
    targets: list[tuple[str, str]] = []
    distance = None
    if paces is not None:
        main = max(segments, key=lambda s: s.pace != "easy")
        if main.pace == "easy":
            low, high = paces.easy
            if spec.kind is _K.LONG:
                low = (low + high) / 2
            targets.append(("pace_per_km", f"{format_pace(low)}-{format_pace(high)}"))
        else:
            centre = _pace_value(paces, main.pace)
            targets.append(("pace_per_km", f"{format_pace(centre - 3)}-{format_pace(centre + 3)}"))
        meters = sum(s.minutes * 60 / _pace_value(paces, s.pace) * 1000 for s in segments)
        distance = round(meters / 1000, 1)
    max_hr = profile.running.max_hr
    if max_hr is not None:
        lo, hi = _HR_BANDS[spec.kind]
        targets.append(("hr_bpm", f"{round(max_hr * lo)}-{round(max_hr * hi)}"))
    targets.append(("rpe", _RUN_RPE[spec.kind]))
    if structure:
        targets.append(("structure", structure))
    if paces is None:
        targets.append(("effort", "no recent race in the profile: run by feel and RPE"))
    return targets, distance


# ---------------------------------------------------------------- lifts


@dataclass(frozen=True, slots=True)
class _Slot:
    name: str
    main: bool = False
    reps: int | None = None  # fixed reps for accessories and jumps
    seconds: int | None = None  # timed holds
    max_sets: int = 5
    barbell: bool = False


_HALF_SQUAT = _Slot("half squat", main=True, max_sets=4, barbell=True)
_TEMPLATES: dict[SessionKind, tuple[tuple[_Slot, ...], ...]] = {
    _K.HEAVY_LOWER: (
        (
            _Slot("back squat", main=True, barbell=True),
            _Slot("romanian deadlift", reps=8, max_sets=3, barbell=True),
            _Slot("lunge", reps=8, max_sets=3),
            _Slot("plank", seconds=45, max_sets=3),
        ),
        (
            _Slot("deadlift", main=True, barbell=True),
            _Slot("front squat", reps=6, max_sets=3, barbell=True),
            _Slot("step-up", reps=8, max_sets=3),
            _Slot("plank", seconds=45, max_sets=3),
        ),
    ),
    _K.EXPLOSIVE_LOWER: (
        (
            _Slot("box jump", reps=5, max_sets=4),
            _Slot("jump squat", reps=5, max_sets=4),
            _Slot("bounding", reps=8, max_sets=3),
            _Slot("plank", seconds=45, max_sets=3),
        ),
    ),
    _K.FULL_BODY: (
        (
            _Slot("back squat", main=True, barbell=True),
            _Slot("bench press", main=True, barbell=True),
            _Slot("row", reps=8, max_sets=4),
            _Slot("romanian deadlift", reps=8, max_sets=3, barbell=True),
            _Slot("plank", seconds=45, max_sets=3),
        ),
        (
            _Slot("deadlift", main=True, barbell=True),
            _Slot("overhead press", main=True, barbell=True),
            _Slot("pull-up", reps=6, max_sets=4),
            _Slot("lunge", reps=8, max_sets=3),
            _Slot("plank", seconds=45, max_sets=3),
        ),
    ),
    _K.UPPER: (
        (
            _Slot("bench press", main=True, barbell=True),
            _Slot("row", reps=8, max_sets=4),
            _Slot("overhead press", main=True, max_sets=4, barbell=True),
            _Slot("pull-up", reps=6, max_sets=4),
        ),
        (
            _Slot("overhead press", main=True, barbell=True),
            _Slot("pull-up", reps=6, max_sets=4),
            _Slot("bench press", main=True, max_sets=4, barbell=True),
            _Slot("row", reps=10, max_sets=4),
        ),
    ),
    _K.CORE: (
        (
            _Slot("plank", seconds=45, max_sets=3),
            _Slot("side plank", seconds=30, max_sets=3),
            _Slot("calf raise", reps=12, max_sets=2),
        ),
    ),
    _K.HYPERTROPHY: (
        (
            _Slot("lunge", reps=10, max_sets=4),
            _Slot("step-up", reps=10, max_sets=4),
            _Slot("hip thrust", reps=10, max_sets=4, barbell=True),
            _Slot("calf raise", reps=12, max_sets=3),
        ),
    ),
}

#: Without a barbell, the nearest dumbbell or bodyweight movement.
_NO_BARBELL = {
    "back squat": "goblet squat",
    "half squat": "goblet squat",
    "front squat": "goblet squat",
    "deadlift": "dumbbell romanian deadlift",
    "romanian deadlift": "dumbbell romanian deadlift",
    "bench press": "push-up",
    "overhead press": "dumbbell overhead press",
    "hip thrust": "glute bridge",
}

#: Which 1RM in the profile sets each lift's load. The half squat uses the back squat's
#: 1RM: it is a deeper-range lift's maximum, so the prescribed load errs on the light side.
_ONE_RM_KEY = {
    "back squat": "back_squat",
    "half squat": "back_squat",
    "front squat": "front_squat",
    "deadlift": "deadlift",
    "bench press": "bench_press",
    "overhead press": "overhead_press",
}

#: Conservative 1RM guesses as a multiple of body mass for a novice man, used only when
#: the profile gives no 1RM; scaled by experience and sex below. A heuristic, not a
#: standard: it sits below common novice strength tables so the first weeks err light.
_BODY_MASS_RATIO = {
    "back_squat": 0.75,
    "deadlift": 1.0,
    "bench_press": 0.55,
    "overhead_press": 0.35,
    "front_squat": 0.6,
}
_EXPERIENCE_SCALE = {
    Experience.NOVICE: 1.0,
    Experience.INTERMEDIATE: 1.3,
    Experience.EXPERIENCED: 1.6,
}


def _scheme(spec: SessionSpec, target: WeekTarget, priority: Priority) -> tuple[int, float]:
    """Reps and target RPE of the main lift, by phase; lighter on easier weeks."""
    phase = target.phase
    if phase in (Phase.BASE, Phase.ACCUMULATION, Phase.RECOVERY):
        reps, rpe = 6, 7.5
    elif phase in (Phase.BUILD, Phase.INTENSIFICATION):
        reps, rpe = 5, 8.0
    else:
        reps, rpe = 4, 8.5
    if priority is Priority.RUNNING and spec.kind is _K.HEAVY_LOWER and spec.is_hard:
        reps, rpe = 4, 9.0  # runner.heavy-squat: 4 x 4 close to failure (ref 6)
    if spec.intensity is not Intensity.HARD:
        rpe = min(rpe, 7.0)
        reps = max(reps, 5)
    if target.deload or phase is Phase.TAPER:
        rpe = min(rpe, 6.5)
    return reps, rpe


def _one_rm(profile: AthleteProfile, name: str) -> tuple[float | None, str]:
    key = _ONE_RM_KEY.get(name)
    if key is None:
        return None, ""
    given = profile.strength.one_rep_max(key)
    if given is not None:
        return given, "profile"
    if profile.body_mass_kg is None or key not in _BODY_MASS_RATIO:
        return None, ""
    scale = _EXPERIENCE_SCALE[profile.experience_strength]
    if profile.sex is Sex.FEMALE:
        scale *= 0.7
    return profile.body_mass_kg * _BODY_MASS_RATIO[key] * scale, "estimate"


def _allocate(slots: tuple[_Slot, ...], total: int) -> list[int]:
    """Share the session's working sets out, main lifts first, within each slot's cap."""
    sets = [0] * len(slots)
    order = sorted(range(len(slots)), key=lambda i: not slots[i].main)
    while total > 0:
        gave = False
        for i in order:
            if total and sets[i] < slots[i].max_sets:
                sets[i] += 1
                total -= 1
                gave = True
        if not gave:
            break
    return sets


def _exercises(
    profile: AthleteProfile, spec: SessionSpec, target: WeekTarget, variant: int
) -> tuple[tuple[Exercise, ...], list[tuple[str, str]]]:
    options = _TEMPLATES[spec.kind]
    slots = options[variant % len(options)]
    if profile.priority is Priority.RUNNING and spec.kind is _K.HEAVY_LOWER:
        slots = (_HALF_SQUAT, *slots[1:])
    equipment = set(profile.strength.equipment)
    has_barbell = not equipment or "barbell" in equipment
    reps_main, rpe = _scheme(spec, target, profile.priority)
    bases: set[str] = set()
    out = []
    for slot, sets in zip(slots, _allocate(slots, spec.sets), strict=True):
        if sets == 0:
            continue
        name = slot.name
        if slot.barbell and not has_barbell:
            name = _NO_BARBELL.get(name, name)
        if slot.name == "box jump" and equipment and "box" not in equipment:
            name = "broad jump"  # the same explosive hip extension, no box needed
        if slot.seconds is not None:
            out.append(Exercise(name, sets, None, None, None, slot.seconds))
            continue
        reps = slot.reps if slot.reps is not None else reps_main
        load = None
        one_rm, basis = _one_rm(profile, name) if slot.main else (None, "")
        if one_rm is not None:
            load = st.round_to_plate(st.load_for_target(one_rm, reps, rpe))
            bases.add(basis)
        session_rpe = rpe if slot.main else min(rpe, 8.0)
        if slot.name in ("box jump", "jump squat", "bounding"):
            session_rpe = 7.0  # explosive work is about speed, not grinding reps
        out.append(Exercise(name, sets, reps, load, session_rpe, None))
    notes = []
    if "estimate" in bases:
        notes.append(
            (
                "load_basis",
                "loads estimated from body mass: test a 5RM and add your 1RMs to the profile",
            )
        )
    elif not bases and any(s.main for s in slots):
        notes.append(
            (
                "load_basis",
                f"no 1RM in the profile: pick a load that leaves {10 - rpe:g} reps in reserve",
            )
        )
    return tuple(out), notes


_STRENGTH_TITLES = {
    _K.HEAVY_LOWER: "Heavy lower",
    _K.EXPLOSIVE_LOWER: "Explosive lower",
    _K.FULL_BODY: "Full body",
    _K.UPPER: "Upper body",
    _K.CORE: "Core",
    _K.HYPERTROPHY: "Hypertrophy",
}


@dataclass(frozen=True, slots=True)
class Prescription:
    title: str
    distance_km: float | None
    targets: tuple[tuple[str, str], ...]
    exercises: tuple[Exercise, ...]
    refs: tuple[int, ...]


def prescribe(
    profile: AthleteProfile,
    spec: SessionSpec,
    target: WeekTarget,
    rules: tuple[str, ...],
    paces: TrainingPaces | None,
    variant: int = 0,
) -> Prescription:
    """Targets, exercises and a title for one session."""
    if spec.kind.modality.value == "run":
        targets, distance = _run_targets(profile, spec, paces)
        title = f"{_RUN_TITLES[spec.kind]} {spec.duration_min} min"
        return Prescription(title, distance, tuple(targets), (), refs_of(rules))
    exercises, notes = _exercises(profile, spec, target, variant)
    rpe = "6-7" if spec.intensity is not Intensity.HARD else "7-9"
    targets = [("rpe", rpe), *notes]
    main = next((e for e in exercises if e.reps is not None), None)
    title = f"{_STRENGTH_TITLES[spec.kind]} {spec.duration_min} min"
    if main is not None and spec.kind in (_K.HEAVY_LOWER, _K.UPPER):
        title = f"{_STRENGTH_TITLES[spec.kind]}: {main.name} {main.sets}x{main.reps}"
    return Prescription(title, None, tuple(targets), exercises, refs_of(rules))
