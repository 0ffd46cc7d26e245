"""The exercise catalogue: spellings from apps and people, the planner's names, and the
names in the real strength-app exports under shared/data/samples."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.model.activity import BodyRegion
from runlift.model.exercises import (
    CATALOGUE,
    MAX_NAME_CHARS,
    ExerciseInfo,
    body_region,
    canonical_or_raw,
    exercise_info,
    normalise_exercise,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "data" / "samples" / "strength-csv"

#: The exercises the catalogue must hold at the least.
REQUIRED = (
    "back squat",
    "half squat",
    "front squat",
    "goblet squat",
    "deadlift",
    "romanian deadlift",
    "dumbbell romanian deadlift",
    "bench press",
    "dumbbell bench press",
    "push-up",
    "overhead press",
    "dumbbell overhead press",
    "pull-up",
    "chin-up",
    "row",
    "dumbbell row",
    "lat pulldown",
    "lunge",
    "split squat",
    "step-up",
    "hip thrust",
    "glute bridge",
    "calf raise",
    "leg press",
    "leg curl",
    "leg extension",
    "box jump",
    "jump squat",
    "bounding",
    "plank",
    "side plank",
    "dead bug",
    "hanging leg raise",
    "kettlebell swing",
    "clean",
    "snatch",
    "biceps curl",
    "triceps extension",
    "dip",
)

#: Names as Strong, Hevy and FitNotes write them, and as people type them.
SPELLINGS = {
    # Strong and Hevy: "Movement (Equipment)"
    "Squat (Barbell)": "back squat",
    "Bench Press (Barbell)": "bench press",
    "Deadlift (Barbell)": "deadlift",
    "Overhead Press (Barbell)": "overhead press",
    "Pull Up": "pull-up",
    "Chin Up": "chin-up",
    "Bent Over Row (Barbell)": "row",
    "Romanian Deadlift (Barbell)": "romanian deadlift",
    "Romanian Deadlift (Dumbbell)": "dumbbell romanian deadlift",
    "Lunge (Dumbbell)": "lunge",
    "Plank": "plank",
    "Side Plank": "side plank",
    "Hip Thrust (Barbell)": "hip thrust",
    "Calf Raise (Standing)": "calf raise",
    "Seated Calf Raise (Machine)": "calf raise",
    "Front Squat (Barbell)": "front squat",
    "Goblet Squat (Kettlebell)": "goblet squat",
    "Bench Press (Dumbbell)": "dumbbell bench press",
    "Overhead Press (Dumbbell)": "dumbbell overhead press",
    "Shoulder Press (Dumbbell)": "dumbbell overhead press",
    "Bent Over Row (Dumbbell)": "dumbbell row",
    "Bent Over One Arm Row (Dumbbell)": "dumbbell row",
    "Lat Pulldown (Cable)": "lat pulldown",
    "Lat Pulldown (Machine)": "lat pulldown",
    "Lat Pulldown - Close Grip (Cable)": "lat pulldown",
    "Seated Cable Row - V Grip (Cable)": "cable row",
    "Seated Row (Cable)": "cable row",
    "Leg Press": "leg press",
    "Lying Leg Curl (Machine)": "leg curl",
    "Seated Leg Curl (Machine)": "leg curl",
    "Bulgarian Split Squat": "split squat",
    "Step Up (Dumbbell)": "step-up",
    "Glute Bridge": "glute bridge",
    "Box Jump": "box jump",
    "Jump Squat": "jump squat",
    "Hanging Leg Raise": "hanging leg raise",
    "Dead Bug": "dead bug",
    "Kettlebell Swing": "kettlebell swing",
    "Power Clean": "clean",
    "Power Snatch": "snatch",
    "Bicep Curl (Barbell)": "biceps curl",
    "Bicep Curl (Dumbbell)": "biceps curl",
    "Bicep Curl (Cable)": "biceps curl",
    "Triceps Extension (Cable)": "triceps extension",
    "Triceps Pushdown (Cable - Straight Bar)": "triceps extension",
    "Skullcrusher (Barbell)": "triceps extension",
    "Skull Crusher (EZ Bar)": "triceps extension",
    "Chest Dip": "dip",
    "Triceps Dip": "dip",
    "Pull Up (Weighted)": "pull-up",
    "Deadlift (Trap Bar)": "deadlift",
    "Squat (Smith Machine)": "back squat",
    "Squat (Dumbbell)": "goblet squat",
    "Squat (Bodyweight)": "air squat",
    # FitNotes: "Equipment Movement"
    "Barbell Squat": "back squat",
    "Flat Barbell Bench Press": "bench press",
    "Flat Dumbbell Bench Press": "dumbbell bench press",
    "Deadlift": "deadlift",
    "Overhead Press": "overhead press",
    "Barbell Row": "row",
    "Dumbbell Row": "dumbbell row",
    "Romanian Deadlift": "romanian deadlift",
    "Dumbbell Romanian Deadlift": "dumbbell romanian deadlift",
    # short forms people type
    "squat": "back squat",
    "squats": "back squat",
    "bench": "bench press",
    "ohp": "overhead press",
    "dl": "deadlift",
    "rdl": "romanian deadlift",
    "rdls": "romanian deadlift",
    "db rdl": "dumbbell romanian deadlift",
    "db bench": "dumbbell bench press",
    "pullup": "pull-up",
    "pullups": "pull-up",
    "pull-ups": "pull-up",
    "chin up": "chin-up",
    "chinups": "chin-up",
    "box jumps": "box jump",
    "lunges": "lunge",
    "push ups": "push-up",
    "pushups": "push-up",
    "press ups": "push-up",
    "hip thrusts": "hip thrust",
    "calf raises": "calf raise",
    "dips": "dip",
    "kb swings": "kettlebell swing",
    "squat jumps": "jump squat",
    "bounds": "bounding",
    "sit ups": "sit-up",
    "deadbugs": "dead bug",
}

#: Names that stay unknown on purpose: guessing would change the movement.
UNKNOWN_ON_PURPOSE = (
    "Incline Dumbbell Bench Press Flys",  # a fly, not a press
    "Straight Arm Lat Pulldown (Cable)",  # a straight-arm shoulder extension, not a pulldown
    "Chest Dip (Assisted)",  # "assisted" turns the load into a counterweight
    "Pull Up (Assisted)",
    "Romanian Deadlift (Single Leg)",  # an unknown qualifier changes the exercise
    "Stiff Leg Deadlift (Barbell)",
    "Sumo Deadlift",
    "farmer carry",
    "zercher squat",
    "",
    "   ",
    "()",
    "(Barbell)",
)


# ---------------------------------------------------------------- the catalogue itself


def test_the_catalogue_holds_every_required_exercise() -> None:
    names = {info.name for info in CATALOGUE}
    assert set(REQUIRED) <= names


def test_canonical_names_are_unique_lower_case_and_stripped() -> None:
    names = [info.name for info in CATALOGUE]
    assert len(names) == len(set(names))
    for name in names:
        assert name == name.lower().strip()
        assert "  " not in name


@pytest.mark.parametrize("info", CATALOGUE, ids=lambda i: i.name)
def test_every_name_and_alias_normalises_to_its_own_entry(info: ExerciseInfo) -> None:
    assert normalise_exercise(info.name) == info.name
    assert exercise_info(info.name) is info
    for alias in info.aliases:
        assert normalise_exercise(alias) == info.name, alias
        assert normalise_exercise(alias.upper()) == info.name, alias


def test_only_the_planks_are_timed_by_default() -> None:
    assert {i.name for i in CATALOGUE if i.timed} == {"plank", "side plank"}


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("back squat", BodyRegion.LOWER),
        ("deadlift", BodyRegion.LOWER),
        ("box jump", BodyRegion.LOWER),
        ("bench press", BodyRegion.UPPER),
        ("pull-up", BodyRegion.UPPER),
        ("plank", BodyRegion.CORE),
        ("dead bug", BodyRegion.CORE),
        ("kettlebell swing", BodyRegion.FULL),
        ("clean", BodyRegion.FULL),
        ("snatch", BodyRegion.FULL),
    ],
)
def test_body_regions(name: str, region: BodyRegion) -> None:
    assert body_region(name) is region


# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(("raw", "expected"), sorted(SPELLINGS.items()))
def test_app_and_typed_spellings(raw: str, expected: str) -> None:
    assert normalise_exercise(raw) == expected


@pytest.mark.parametrize("raw", UNKNOWN_ON_PURPOSE)
def test_names_left_unknown_on_purpose(raw: str) -> None:
    assert normalise_exercise(raw) is None
    assert exercise_info(raw) is None
    assert body_region(raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        "pull-up",
        "pull up",
        "pullup",
        "Pull-Up",
        "PULL  UP",
        "  pull_up  ",
        "pull.up",
        "pull-ups",
        "Pull Ups!",
        "\uff50\uff55\uff4c\uff4c\uff0d\uff55\uff50",  # fullwidth "pull-up"
    ],
)
def test_case_punctuation_spacing_and_plurals_do_not_matter(raw: str) -> None:
    assert normalise_exercise(raw) == "pull-up"


@pytest.mark.parametrize(
    "raw",
    [
        "Romanian Deadlift (Dumbbell)",
        "Romanian Deadlift (Dumbbells)",
        "Romanian Deadlift [dumbbell]",
        "(Dumbbell) Romanian Deadlift",
        "romanian deadlift (each side, dumbbells)",
        "Romanian Deadlift (Dumbbell) (Each Side)",
        "Romanian Deadlift (Each Side) (Dumbbell)",
        "DB RDL",
    ],
)
def test_dumbbell_equipment_picks_the_dumbbell_variant(raw: str) -> None:
    assert normalise_exercise(raw) == "dumbbell romanian deadlift"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Lunge (Dumbbell)", "lunge"),
        ("Hip Thrust (Dumbbell)", "hip thrust"),
        ("Lat Pulldown (Band)", "lat pulldown"),
        ("Leg Press (Machine)", "leg press"),
        ("Swing (Kettlebell)", "kettlebell swing"),
        ("Row (Cable)", "cable row"),
    ],
)
def test_other_equipment_falls_back_to_the_base_or_a_variant(raw: str, expected: str) -> None:
    assert normalise_exercise(raw) == expected


def test_a_name_too_long_to_be_an_exercise_is_unknown() -> None:
    assert normalise_exercise("squat " * (MAX_NAME_CHARS // 6 + 1)) is None


def test_exercise_info_takes_any_spelling() -> None:
    info = exercise_info("Squat (Barbell)")
    assert info is not None
    assert info.name == "back squat"
    assert info.region is BodyRegion.LOWER
    assert not info.timed
    plank = exercise_info("planks")
    assert plank is not None
    assert plank.timed


def test_canonical_or_raw_keeps_unknown_names_as_given() -> None:
    assert canonical_or_raw("  Squat (Barbell) ") == ("back squat", True)
    assert canonical_or_raw("  Zercher Squat ") == ("Zercher Squat", False)
    assert canonical_or_raw("Chest Dip (Assisted)") == ("Chest Dip (Assisted)", False)


@settings(max_examples=300)
@given(st.text(max_size=80))
def test_normalising_any_text_is_safe_and_idempotent(raw: str) -> None:
    name = normalise_exercise(raw)
    if name is not None:
        assert normalise_exercise(name) == name
        assert exercise_info(name) is not None
    stored, known = canonical_or_raw(raw)
    assert known is (name is not None)
    assert stored == (name if name is not None else raw.strip())


# ---------------------------------------------------------------- the planner's names


def _planner_names() -> set[str]:
    from runlift.planning import prescribe

    names = {slot.name for options in prescribe._TEMPLATES.values() for o in options for slot in o}
    names.add(prescribe._HALF_SQUAT.name)
    names |= set(prescribe._NO_BARBELL) | set(prescribe._NO_BARBELL.values())
    # Written inline in _exercises() when the athlete has no box for box jumps.
    names.add("broad jump")
    return names


def test_every_name_the_planner_prescribes_is_in_the_catalogue() -> None:
    names = _planner_names()
    assert len(names) > 20
    for name in sorted(names):
        assert normalise_exercise(name) == name, name


def test_the_planners_timed_slots_are_timed_exercises() -> None:
    from runlift.planning import prescribe

    for options in prescribe._TEMPLATES.values():
        for option in options:
            for slot in option:
                info = exercise_info(slot.name)
                assert info is not None, slot.name
                assert info.timed is (slot.seconds is not None), slot.name


# ---------------------------------------------------------------- real app exports

#: Every exercise name in shared/data/samples/strength-csv and what it must become.
SAMPLE_NAMES: dict[str, str | None] = {
    # DailyStrength
    "Incline Barbell Bench Press": "incline bench press",
    "Incline Dumbbell Bench Press Flys": None,  # a fly; no fly in the catalogue
    "Barbell Bench Press": "bench press",
    # FitNotes
    "Flat Barbell Bench Press (Each Side) (Smith Machine)": "bench press",
    "Seated Cable Row": "cable row",
    "Overhead Press (Each Side, Dumbbells)": "dumbbell overhead press",
    "Dumbbell Curl (Each Side)": "biceps curl",
    # Hevy
    "Hack Squat (Machine)": "hack squat",
    "Leg Press (Machine)": "leg press",
    "Leg Extension (Machine)": "leg extension",
    "Incline Bench Press (Barbell)": "incline bench press",
    "Straight Arm Lat Pulldown (Cable)": None,  # a shoulder extension, not a pulldown
    "Chest Press (Machine)": "chest press",
    "Single Arm Triceps Pushdown (Cable)": "triceps extension",
    "Hammer Curl (Dumbbell)": "biceps curl",
    # Strong
    "Overhead Press (Barbell)": "overhead press",
    "Bench Press (Barbell)": "bench press",
    "Bent Over Row (Barbell)": "row",
    "Deadlift (Barbell)": "deadlift",
    "Sit Up": "sit-up",
    "Chin Up": "chin-up",
    "Pull Up": "pull-up",
    "Push Up": "push-up",
    "Inverted Row (Bodyweight)": "inverted row",
    "Lateral Raise (Dumbbell)": "lateral raise",
}
_EXERCISE_COLUMNS = ("Exercise Name", "Exercise", "exercise_title")


def _sample_names() -> set[str]:
    names: set[str] = set()
    for path in sorted(SAMPLES.glob("*.csv")):
        text = path.read_text("utf-8-sig")
        delimiter = ";" if text.splitlines()[0].count(";") > 1 else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        header, body = rows[0], rows[1:]
        column = next(header.index(c) for c in _EXERCISE_COLUMNS if c in header)
        for row in body:
            # FitNotes leaves "Overhead Press (Each Side, Dumbbells)" unquoted, so its
            # rows carry extra fields: glue the name back together.
            extra = len(row) - len(header)
            names.add(",".join(row[column : column + extra + 1]))
    return names


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"sample exports not found at {SAMPLES}")
def test_every_sample_export_name_is_mapped_or_unknown_on_purpose() -> None:
    names = _sample_names()
    assert len(names) >= 20
    assert names - SAMPLE_NAMES.keys() == set(), "new sample names: decide what they map to"
    got = {name: normalise_exercise(name) for name in names}
    assert got == {name: SAMPLE_NAMES[name] for name in names}
    unknown = sorted(name for name, canonical in got.items() if canonical is None)
    assert unknown == ["Incline Dumbbell Bench Press Flys", "Straight Arm Lat Pulldown (Cable)"]


@pytest.mark.parametrize(("raw", "expected"), sorted(SAMPLE_NAMES.items()))
def test_sample_names_without_the_files(raw: str, expected: str | None) -> None:
    assert normalise_exercise(raw) == expected
