"""FIT workout files: every session of short example plans encodes, decodes with
garmin-fit-sdk and fitdecode, and the decoded steps say what the plan says."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import fitdecode
import pytest
from garmin_fit_sdk import Decoder, Profile, Stream

from runlift.exporters.fit_workout import (
    EXERCISE_MAP,
    MAX_STRING_BYTES,
    FitWorkout,
    fit_exercise,
    fit_string,
    pace_range_speed,
    rest_seconds,
    workout_for,
    workouts_for,
)
from runlift.model.exercises import CATALOGUE
from runlift.model.plan import Exercise, Modality, Plan, PlannedSession, SessionKind
from runlift.model.profile import AthleteProfile, RunFormat
from runlift.planning.build import build_plan
from runlift.profile_file import EXAMPLE_NAMES, load_example

Step = dict[str, Any]

#: Catalogue names deliberately left without any FIT category.
UNMAPPED = frozenset({"leg extension"})


def _short(profile: AthleteProfile, weeks: int = 4) -> AthleteProfile:
    return replace(profile, schedule=replace(profile.schedule, weeks=weeks))


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {name: build_plan(_short(load_example(name))) for name in EXAMPLE_NAMES}


@pytest.fixture(scope="module")
def hiit_plan() -> Plan:
    lifter = load_example("lifter")
    strength = replace(lifter.strength, run_format=RunFormat.HIIT)
    return build_plan(_short(replace(lifter, strength=strength)))


@pytest.fixture(scope="module")
def hr_only_plan() -> Plan:
    runner = load_example("runner")
    running = replace(runner.running, recent_race=None, max_hr=188)
    return build_plan(_short(replace(runner, running=running)))


@pytest.fixture(scope="module")
def open_plan() -> Plan:
    runner = load_example("runner")
    running = replace(runner.running, recent_race=None, max_hr=None)
    return build_plan(_short(replace(runner, running=running)))


# ---------------------------------------------------------------- decoding


def decode(data: bytes) -> dict[str, Any]:
    """garmin-fit-sdk's view of a file, after checking its integrity and errors."""
    assert Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return dict(messages)


def decode_fitdecode(data: bytes) -> list[tuple[str, dict[int, tuple[Any, Any]]]]:
    """fitdecode's view: (message name, {field number: (raw, value)}) per data message."""
    out = []
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.RAISE,
    ) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                out.append((frame.name, {f.def_num: (f.raw_value, f.value) for f in frame.fields}))
    return out


def steps_of(workout: FitWorkout) -> list[Step]:
    steps: list[Step] = decode(workout.data)["workout_step_mesgs"]
    return steps


def expand(steps: list[Step]) -> Iterator[Step]:
    """The steps in the order a watch runs them, repeat blocks unrolled."""
    done: dict[int, int] = {}
    i = 0
    while i < len(steps):
        step = steps[i]
        if step["duration_type"] == "repeat_until_steps_cmplt":
            done[i] = done.get(i, 0) + 1
            if done[i] < step["target_value"]:
                i = step["duration_value"]
                continue
            done[i] = 0
        else:
            yield step
        i += 1


def run_ms(steps: list[Step]) -> int:
    total = 0
    for step in expand(steps):
        assert step["duration_type"] == "time"
        total += step["duration_value"]
    return total


def speed_mm_s(pace: str) -> float:
    minutes, seconds = pace.split(":")
    return 1_000_000 / (int(minutes) * 60 + int(seconds))


def first_of(plan: Plan, kind: SessionKind) -> PlannedSession:
    return next(s for s in plan.sessions if s.kind is kind)


# ---------------------------------------------------------------- whole plans


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_session_gets_a_file_both_decoders_read(plans: dict[str, Plan], name: str) -> None:
    plan = plans[name]
    files = workouts_for(plan)
    assert [f.session_id for f in files] == [s.id for s in plan.sessions]
    assert len({f.filename for f in files}) == len(files)
    serials = set()
    for session, f in zip(plan.sessions, files, strict=True):
        assert f.filename == f"{session.id}-{session.kind.value}.fit"
        assert re.fullmatch(r"[A-Za-z0-9_-]+\.fit", f.filename)
        messages = decode(f.data)
        (file_id,) = messages["file_id_mesgs"]
        (workout,) = messages["workout_mesgs"]
        steps = messages["workout_step_mesgs"]
        assert file_id["type"] == "workout"
        serials.add(file_id["serial_number"])
        assert workout["wkt_name"] == session.title
        assert workout["num_valid_steps"] == len(steps)
        assert [s["message_index"] for s in steps] == list(range(len(steps)))
        if session.modality is Modality.RUN:
            assert workout["sport"] == "running"
        else:
            assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")

        # fitdecode reads the same file, field for field.
        other = decode_fitdecode(f.data)
        assert [n for n, _ in other] == ["file_id", "workout", *["workout_step"] * len(steps)]
        for step, (_, fields) in zip(steps, other[2:], strict=True):
            assert fields[1][1] == step["duration_type"]
            assert fields[2][0] == step["duration_value"]
            assert fields[3][1] == step["target_type"]
            for num, key in ((4, "target_value"), (5, "custom_target_value_low"),
                             (6, "custom_target_value_high"), (11, "exercise_name")):  # fmt: skip
                assert fields.get(num, (None,))[0] == step.get(key)
            if "exercise_weight" in step:
                assert fields[12][0] == round(step["exercise_weight"] * 100)
    assert len(serials) == len(files)


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_run_steps_fill_the_session_and_carry_its_pace(plans: dict[str, Plan], name: str) -> None:
    runs = [s for s in plans[name].sessions if s.modality is Modality.RUN]
    assert runs
    for session in runs:
        steps = steps_of(workout_for(session))
        assert run_ms(steps) == session.duration_min * 60_000, session.id
        fast, slow = dict(session.targets)["pace_per_km"].split("-")  # "4:58-5:04"
        targeted = [s for s in steps if s.get("target_type") == "speed"]
        assert targeted, session.id
        for step in targeted:
            assert abs(step["custom_target_value_low"] - speed_mm_s(slow)) <= 0.5
            assert abs(step["custom_target_value_high"] - speed_mm_s(fast)) <= 0.5
            assert step["custom_target_value_low"] < step["custom_target_value_high"]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_strength_steps_are_the_sets(plans: dict[str, Plan], name: str) -> None:
    lifts = [s for s in plans[name].sessions if s.modality is Modality.STRENGTH]
    assert lifts
    for session in lifts:
        workout = workout_for(session)
        steps = steps_of(workout)
        work = [s for s in steps if s["intensity"] == "active"]
        sets = [e for e in session.exercises for _ in range(e.sets)]
        assert len(work) == sum(e.sets for e in session.exercises) == len(sets)
        for step, exercise in zip(work, sets, strict=True):
            assert step["wkt_step_name"] == exercise.name
            fit = fit_exercise(exercise.name)
            assert step["exercise_category"] == fit.category
            assert step.get("exercise_name") == fit.name_id
            if exercise.duration_s is not None:
                assert (step["duration_type"], step["duration_value"]) == (
                    "time",
                    exercise.duration_s * 1000,
                )
            else:
                assert (step["duration_type"], step["duration_value"]) == ("reps", exercise.reps)
            if exercise.load_kg is None:
                assert "exercise_weight" not in step
            else:
                assert step["exercise_weight"] == pytest.approx(exercise.load_kg, abs=0.005)
                assert step["weight_display_unit"] == "kilogram"
        unmapped = {e.name for e in session.exercises if not fit_exercise(e.name).exact}
        assert set(workout.custom_steps) == unmapped


def test_rest_between_sets_and_none_at_the_end(plans: dict[str, Plan]) -> None:
    session = first_of(plans["lifter"], SessionKind.HEAVY_LOWER)
    steps = steps_of(workout_for(session))
    assert [s["intensity"] for s in steps] == ["active", "rest"] * (len(steps) // 2) + ["active"]
    for before, rest in zip(steps[::2], steps[1::2], strict=False):
        assert rest["duration_type"] == "time"
        assert rest["duration_value"] == rest_seconds(before["wkt_step_name"]) * 1000
    assert rest_seconds("back squat") == 120
    assert rest_seconds("romanian deadlift") == 90
    assert rest_seconds("plank") == 60
    assert rest_seconds("something new") == 90


def test_runner_plan_lists_bounding_as_custom(plans: dict[str, Plan]) -> None:
    session = first_of(plans["runner"], SessionKind.EXPLOSIVE_LOWER)
    workout = workout_for(session)
    assert "bounding" in workout.custom_steps
    bounding = [s for s in steps_of(workout) if s.get("wkt_step_name") == "bounding"]
    assert bounding and all(s["exercise_category"] == "plyo" for s in bounding)
    assert all("exercise_name" not in s for s in bounding)


# ---------------------------------------------------------------- run structures


def test_intervals_session_repeats_its_reps(plans: dict[str, Plan]) -> None:
    session = first_of(plans["runner"], SessionKind.INTERVALS)
    text = dict(session.targets)["structure"]
    m = re.match(r"(\d+) min easy, (\d+) x 3 min at interval pace with 2 min jog, (\d+) min", text)
    assert m is not None
    warm, reps, cool = (int(g) for g in m.groups())
    steps = steps_of(workout_for(session))
    assert [s.get("wkt_step_name") for s in steps] == [
        "Warm-up",
        "Interval",
        "Jog",
        None,
        "Cool-down",
    ]
    warm_step, interval, jog, repeat, cool_step = steps
    assert (warm_step["intensity"], warm_step["duration_value"]) == ("warmup", warm * 60_000)
    assert (interval["intensity"], interval["duration_value"]) == ("active", 180_000)
    assert interval["target_type"] == "speed"
    assert (jog["intensity"], jog["duration_value"]) == ("recovery", 120_000)
    assert jog["target_type"] == "open"
    assert repeat["duration_type"] == "repeat_until_steps_cmplt"
    assert (repeat["duration_step"], repeat["repeat_steps"]) == (1, reps)
    assert (cool_step["intensity"], cool_step["duration_value"]) == ("cooldown", cool * 60_000)
    assert sum(1 for s in expand(steps) if s["wkt_step_name"] == "Interval") == reps


def test_hiit_session_repeats_and_fits_its_minutes(hiit_plan: Plan) -> None:
    session = first_of(hiit_plan, SessionKind.HIIT)
    text = dict(session.targets)["structure"]
    reps = int(re.search(r"(\d+) x 30 s hard", text)[1])  # type: ignore[index]
    steps = steps_of(workout_for(session))
    names = [s.get("wkt_step_name") for s in steps]
    assert names == ["Warm-up", "Hard", "Easy jog", None, "Cool-down"]
    assert steps[0]["duration_value"] == 5 * 60_000
    assert steps[1]["duration_value"] == 30_000 and steps[1]["target_type"] == "speed"
    assert steps[2]["duration_value"] == 90_000 and steps[2]["intensity"] == "recovery"
    assert (steps[3]["duration_step"], steps[3]["repeat_steps"]) == (1, reps)
    # The text's 5 + reps x 2 + 5 min can exceed a short session: the cool-down gives.
    assert run_ms(steps) == session.duration_min * 60_000
    assert steps[4]["duration_value"] == session.duration_min * 60_000 - 5 * 60_000 - reps * 120_000


def test_strides_end_with_six_strides(plans: dict[str, Plan]) -> None:
    session = first_of(plans["hybrid"], SessionKind.STRIDES)
    steps = steps_of(workout_for(session))
    assert [s.get("wkt_step_name") for s in steps] == ["Easy run", "Stride", "Easy", None]
    assert steps[1]["duration_value"] == 20_000 and steps[1]["target_type"] == "open"
    assert steps[2]["target_type"] == "speed"
    assert steps[3]["repeat_steps"] == 6
    assert steps[0]["duration_value"] == (session.duration_min - 10) * 60_000


def test_hr_only_when_no_race(hr_only_plan: Plan) -> None:
    runs = [s for s in hr_only_plan.sessions if s.modality is Modality.RUN]
    assert runs and all("pace_per_km" not in dict(s.targets) for s in runs)
    for session in runs:
        low, high = (int(v) for v in dict(session.targets)["hr_bpm"].split("-"))
        steps = steps_of(workout_for(session))
        assert run_ms(steps) == session.duration_min * 60_000
        targeted = [s for s in steps if s.get("target_type") not in (None, "open")]
        assert targeted
        for step in targeted:
            assert step["target_type"] == "heart_rate"
            assert step["target_value"] == 0
            assert step["custom_target_value_low"] == low + 100
            assert step["custom_target_value_high"] == high + 100


def test_open_targets_without_pace_or_hr(open_plan: Plan) -> None:
    runs = [s for s in open_plan.sessions if s.modality is Modality.RUN]
    assert runs
    for session in runs:
        targets = dict(session.targets)
        assert "pace_per_km" not in targets and "hr_bpm" not in targets
        steps = steps_of(workout_for(session))
        assert run_ms(steps) == session.duration_min * 60_000
        assert all(s["target_type"] == "open" for s in steps)
    tempo = steps_of(workout_for(first_of(open_plan, SessionKind.TEMPO)))
    assert [s["intensity"] for s in tempo] == ["warmup", "active", "cooldown"]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_structure_from_kind_matches_the_text(plans: dict[str, Plan], name: str) -> None:
    """A plan without the structure text (or with one we cannot read) gets the same
    steps, so the exporter's own reading of each kind agrees with prescribe's."""
    for session in plans[name].sessions:
        if session.modality is not Modality.RUN:
            continue
        bare = tuple((k, v) for k, v in session.targets if k != "structure")
        garbled = (*bare, ("structure", "whatever the coach wrote"))
        expected = workout_for(session).data
        assert workout_for(replace(session, targets=bare)).data == expected, session.id
        assert workout_for(replace(session, targets=garbled)).data == expected, session.id


def test_block_longer_than_session_becomes_one_step(plans: dict[str, Plan]) -> None:
    session = first_of(plans["runner"], SessionKind.INTERVALS)
    short = replace(session, duration_min=8)
    steps = steps_of(workout_for(short))
    assert len(steps) == 1
    assert (steps[0]["duration_value"], steps[0]["target_type"]) == (8 * 60_000, "speed")


def test_structure_shorter_than_session_lengthens_the_cool_down(plans: dict[str, Plan]) -> None:
    session = first_of(plans["runner"], SessionKind.TEMPO)
    longer = replace(session, duration_min=session.duration_min + 7)
    steps = steps_of(workout_for(longer))
    assert run_ms(steps) == longer.duration_min * 60_000
    assert steps[-1]["duration_value"] == steps_of(workout_for(session))[-1]["duration_value"] + (
        7 * 60_000
    )


def test_pace_range_to_speed() -> None:
    assert pace_range_speed("5:00-5:00") == (3333, 3333)
    assert pace_range_speed("4:58-5:04") == (3289, 3356)
    assert pace_range_speed("5:04-4:58") == (3289, 3356)  # written the other way round
    assert pace_range_speed("fast") is None
    assert pace_range_speed("5:00") is None
    assert pace_range_speed("0:00-5:00") is None


# ---------------------------------------------------------------- exercises and names


def test_every_mapping_names_real_fit_values() -> None:
    types = Profile["types"]
    for name, (category, fit_name) in EXERCISE_MAP.items():
        assert category in types["exercise_category"].values(), name
        resolved = fit_exercise(name)
        assert resolved.category == category
        if fit_name is not None:
            names = types[f"{category}_exercise_name"]
            assert names[resolved.name_id] == fit_name, name


def test_every_catalogue_exercise_is_mapped_or_known_unmapped() -> None:
    catalogue = {e.name for e in CATALOGUE}
    assert set(EXERCISE_MAP) <= catalogue
    assert catalogue - set(EXERCISE_MAP) == UNMAPPED
    assert fit_exercise("leg extension").category == "unknown"
    # Any spelling of a catalogue name maps like the name itself.
    assert fit_exercise("Squat (Barbell)") == fit_exercise("back squat")
    assert fit_exercise("OHP").name == "overhead_barbell_press"


def test_unknown_exercise_is_a_named_custom_step(plans: dict[str, Plan]) -> None:
    session = first_of(plans["lifter"], SessionKind.UPPER)
    odd = replace(
        session,
        exercises=(
            Exercise("zercher carry", 2, 10, 40.0, 7.0),
            Exercise("bench press", 1, 5, 80.0, 8.0),
        ),
    )
    workout = workout_for(odd)
    assert workout.custom_steps == ("zercher carry",)
    steps = steps_of(workout)
    carry = steps[0]
    assert carry["wkt_step_name"] == "zercher carry"
    assert carry["exercise_category"] == "unknown"
    assert "exercise_name" not in carry
    assert (carry["duration_reps"], carry["exercise_weight"]) == (10, 40.0)
    assert steps[-1]["exercise_category"] == "bench_press"


def test_long_title_is_cut_on_a_character_boundary(plans: dict[str, Plan]) -> None:
    session = first_of(plans["runner"], SessionKind.EASY)
    title = "Läufchen 🏃 " * 40
    workout = workout_for(replace(session, title=title))
    (decoded,) = decode(workout.data)["workout_mesgs"]
    name = decoded["wkt_name"]
    assert len(name.encode("utf-8")) <= MAX_STRING_BYTES
    assert title.startswith(name) and len(name) > 100
    assert fit_string("a\x00b") == "ab"
    assert fit_string("é" * 10, limit=5) == "éé"


def test_week_filter_and_stable_bytes(plans: dict[str, Plan]) -> None:
    plan = plans["hybrid"]
    week2 = workouts_for(plan, 2)
    assert [f.session_id for f in week2] == [s.id for s in plan.sessions if s.week == 2]
    assert workouts_for(plan, 2) == week2
    assert workouts_for(plan, 99) == []
