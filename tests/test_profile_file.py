"""Tests for runlift.profile_file: reading, checking and writing athlete.toml."""

from __future__ import annotations

import math
import time as clock
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from runlift.profile_file import (
    EXAMPLE_NAMES,
    MAX_PROBLEMS,
    MAX_PROFILE_BYTES,
    example_profile_path,
    load_example,
    load_profile,
    parse_profile,
    render_profile,
)
from runlift.science.running import RACE_DISTANCES_M, TRACK_DISTANCES_M

BASE = """\
name = "Sam"
priority = "running"
sex = "female"
body_mass_kg = 62

[experience]
running = "experienced"
strength = "novice"

[running]
weekly_minutes = 180
recent_race = { distance = "5k", time = "23:40" }
max_hr = 188
resting_hr = 52
threshold_hr = 172
goal_race = { distance = "half", date = "2027-03-14" }

[strength]
one_rep_max_kg = { back_squat = 80, deadlift = 100, bench_press = 45 }
equipment = ["barbell", "rack", "dumbbells", "box"]
run_format = "jog"

[schedule]
start = "2026-12-07"
weeks = 12

[schedule.availability]
mon = ["06:00-08:00", "18:00-20:00"]
wed = ["18:00-20:00"]
sat = ["08:00-12:00"]
"""

MINIMAL = """\
name = "Kim"
priority = "balanced"

[experience]
running = "novice"
strength = "novice"

[schedule]
start = 2027-01-04
availability = { tue = ["07:00-08:00"] }
"""


def edited(*changes: tuple[str, str], text: str = BASE) -> str:
    """BASE with each (old, new) replacement applied; fails loudly if ``old`` is missing."""
    for old, new in changes:
        assert old in text, f"test setup: {old!r} not in the profile text"
        text = text.replace(old, new, 1)
    return text


def write(tmp_path: Path, text: str | bytes, name: str = "athlete.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str | bytes) -> ProfileError:
    path = write(tmp_path, text)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.source == str(path)
    assert str(path) in str(caught.value)
    return caught.value


def problem(error: ProfileError, field: str) -> FieldProblem:
    matching = [p for p in error.problems if p.field == field]
    fields = [p.field for p in error.problems]
    assert len(matching) == 1, f"expected one problem on {field!r}, got {fields}"
    return matching[0]


def assert_problem(error: ProfileError, field: str, rule: str, value: object) -> None:
    """One problem names ``field``, its rule contains ``rule`` and it carries ``value``;
    and the user-facing message shows all three."""
    found = problem(error, field)
    assert rule in found.rule
    assert found.value == value
    assert type(found.value) is type(value)
    message = str(error)
    assert f"{field}: " in message
    assert rule in message
    assert repr(value) in message


def single_problem(tmp_path: Path, text: str, field: str, rule: str, value: object) -> None:
    error = load_error(tmp_path, text)
    assert [p.field for p in error.problems] == [field], str(error)
    assert_problem(error, field, rule, value)


# --------------------------------------------------------------------------------------
# Valid profiles
# --------------------------------------------------------------------------------------


def test_full_profile_is_read_into_the_model(tmp_path: Path) -> None:
    profile = load_profile(write(tmp_path, BASE))

    assert profile.name == "Sam"
    assert profile.priority is Priority.RUNNING
    assert profile.sex is Sex.FEMALE
    assert profile.body_mass_kg == 62.0
    assert profile.experience_running is Experience.EXPERIENCED
    assert profile.experience_strength is Experience.NOVICE
    assert profile.running == RunningProfile(
        weekly_minutes=180,
        recent_race=RaceResult(distance_m=5000.0, time_s=1420.0, label="5k"),
        max_hr=188,
        resting_hr=52,
        threshold_hr=172,
        goal_race=GoalRace(distance_m=21097.5, label="half", date=date(2027, 3, 14)),
    )
    assert profile.strength == StrengthProfile(
        one_rep_max_kg=(("back_squat", 80.0), ("bench_press", 45.0), ("deadlift", 100.0)),
        equipment=("barbell", "rack", "dumbbells", "box"),
        run_format=RunFormat.JOG,
        hypertrophy=False,
    )
    assert profile.schedule.start == date(2026, 12, 7)
    assert profile.schedule.weeks == 12
    assert profile.schedule.availability.windows == (
        (Weekday.MON, (TimeWindow(time(6), time(8)), TimeWindow(time(18), time(20)))),
        (Weekday.WED, (TimeWindow(time(18), time(20)),)),
        (Weekday.SAT, (TimeWindow(time(8), time(12)),)),
    )


def test_minimal_profile_gets_the_documented_defaults(tmp_path: Path) -> None:
    profile = load_profile(write(tmp_path, MINIMAL))

    assert profile.schedule.weeks == 12
    assert profile.schedule.start == date(2027, 1, 4)
    assert profile.running == RunningProfile()
    assert profile.strength == StrengthProfile()
    assert profile.strength.run_format is RunFormat.JOG
    assert profile.strength.hypertrophy is False
    assert profile.sex is None
    assert profile.body_mass_kg is None
    assert profile.schedule.availability.days == (Weekday.TUE,)


def test_parse_profile_reads_text_directly() -> None:
    assert parse_profile(BASE) == parse_profile(BASE, source="somewhere.toml")
    assert parse_profile(BASE).name == "Sam"


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + BASE.encode())
    assert load_profile(path).name == "Sam"


def test_name_is_trimmed_and_may_hold_any_script(tmp_path: Path) -> None:
    text = edited(('name = "Sam"', 'name = "  Zoë Ōkubo-Smith \\"Z\\" "'))
    assert load_profile(write(tmp_path, text)).name == 'Zoë Ōkubo-Smith "Z"'


def test_enum_values_ignore_case_and_surrounding_spaces(tmp_path: Path) -> None:
    text = edited(
        ('priority = "running"', 'priority = " Strength "'),
        ('run_format = "jog"', 'run_format = "HIIT"'),
    )
    profile = load_profile(write(tmp_path, text))
    assert profile.priority is Priority.STRENGTH
    assert profile.strength.run_format is RunFormat.HIIT


def test_hypertrophy_flag_is_read(tmp_path: Path) -> None:
    text = edited(('run_format = "jog"', 'run_format = "jog"\nhypertrophy = true'))
    assert load_profile(write(tmp_path, text)).strength.hypertrophy is True


def test_dates_may_be_toml_dates_or_strings(tmp_path: Path) -> None:
    text = edited(
        ('start = "2026-12-07"', "start = 2026-12-07"), ('date = "2027-03-14"', "date = 2027-03-14")
    )
    profile = load_profile(write(tmp_path, text))
    assert profile.schedule.start == date(2026, 12, 7)
    assert profile.running.goal_race is not None
    assert profile.running.goal_race.date == date(2027, 3, 14)


def test_race_given_in_metres_gets_a_metre_label(tmp_path: Path) -> None:
    text = edited(('{ distance = "5k", time = "23:40" }', '{ distance_m = 8000, time = "38:00" }'))
    race = load_profile(write(tmp_path, text)).running.recent_race
    assert race == RaceResult(distance_m=8000.0, time_s=2280.0, label="8000 m")


@pytest.mark.parametrize(
    ("written", "metres", "label"),
    [("Half Marathon", 21097.5, "half"), ("10K", 10000.0, "10k"), ("mile", 1609.344, "mile")],
)
def test_race_distance_names_are_normalised(
    tmp_path: Path, written: str, metres: float, label: str
) -> None:
    text = edited(
        (
            '{ distance = "5k", time = "23:40" }',
            f'{{ distance = "{written}", time = "1:10:00" }}'
            if metres > 5000
            else f'{{ distance = "{written}", time = "6:30" }}',
        )
    )
    race = load_profile(write(tmp_path, text)).running.recent_race
    assert race is not None
    assert (race.distance_m, race.label) == (metres, label)


def test_race_time_with_fractional_seconds_is_kept(tmp_path: Path) -> None:
    text = edited(('time = "23:40"', 'time = "23:40.5"'))
    race = load_profile(write(tmp_path, text)).running.recent_race
    assert race is not None
    assert race.time_s == 1420.5


def test_lift_names_are_normalised_to_snake_case_and_sorted(tmp_path: Path) -> None:
    text = edited(
        (
            "{ back_squat = 80, deadlift = 100, bench_press = 45 }",
            '{ "Front Squat" = 70, benchPress = 45.5, "half-squat" = 100, squat = 80, ohp = 40 }',
        )
    )
    strength = load_profile(write(tmp_path, text)).strength
    assert strength.one_rep_max_kg == (
        ("back_squat", 80.0),
        ("bench_press", 45.5),
        ("front_squat", 70.0),
        ("half_squat", 100.0),
        ("overhead_press", 40.0),
    )
    assert strength.one_rep_max("half_squat") == 100.0


def test_any_snake_case_lift_name_is_accepted(tmp_path: Path) -> None:
    text = edited(("deadlift = 100", "trap_bar_deadlift_2 = 140"))
    strength = load_profile(write(tmp_path, text)).strength
    assert strength.one_rep_max("trap_bar_deadlift_2") == 140.0


def test_equipment_is_normalised_and_deduplicated(tmp_path: Path) -> None:
    text = edited(
        (
            '["barbell", "rack", "dumbbells", "box"]',
            '["Barbell", "pull-up bar", "barbell", "kettlebell"]',
        )
    )
    assert load_profile(write(tmp_path, text)).strength.equipment == (
        "barbell",
        "pull_up_bar",
        "kettlebell",
    )


def test_availability_windows_are_sorted_and_days_ordered_by_weekday(tmp_path: Path) -> None:
    text = edited(
        (
            'mon = ["06:00-08:00", "18:00-20:00"]\nwed = ["18:00-20:00"]\nsat = ["08:00-12:00"]',
            'Sun = ["17:00-18:00", "07:00-08:30"]\nTHU = []\nmonday = ["19:00-19:45"]',
        )
    )
    availability = load_profile(write(tmp_path, text)).schedule.availability
    assert availability.windows == (
        (Weekday.MON, (TimeWindow(time(19), time(19, 45)),)),
        (Weekday.SUN, (TimeWindow(time(7), time(8, 30)), TimeWindow(time(17), time(18)))),
    )
    assert availability.days == (Weekday.MON, Weekday.SUN)
    assert availability.on(Weekday.THU) == ()


def test_windows_that_touch_do_not_overlap(tmp_path: Path) -> None:
    text = edited(('wed = ["18:00-20:00"]', 'wed = ["18:00-19:00", "19:00-20:00"]'))
    assert len(load_profile(write(tmp_path, text)).schedule.availability.on(Weekday.WED)) == 2


def test_window_of_exactly_ten_minutes_is_accepted(tmp_path: Path) -> None:
    text = edited(('wed = ["18:00-20:00"]', 'wed = ["18:00-18:10", "23:49-23:59"]'))
    windows = load_profile(write(tmp_path, text)).schedule.availability.on(Weekday.WED)
    assert [w.minutes for w in windows] == [10, 10]


# --------------------------------------------------------------------------------------
# Examples shipped with the package
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_profiles_load_and_match_their_files(name: str) -> None:
    path = example_profile_path(name)
    assert path.name == f"{name}.toml"
    assert path.is_file()
    assert load_example(name) == load_profile(path)


def test_runner_example_is_sam_training_for_a_half() -> None:
    sam = load_example("runner")
    assert (sam.name, sam.priority) == ("Sam", Priority.RUNNING)
    assert sam.experience_running is Experience.EXPERIENCED
    assert sam.experience_strength is Experience.NOVICE
    assert sam.running.weekly_minutes == 180
    assert sam.running.recent_race == RaceResult(5000.0, 1420.0, "5k")
    assert sam.schedule.start == date(2026, 12, 7)
    assert sam.schedule.start.weekday() == 0
    assert sam.schedule.weeks == 12
    goal = sam.running.goal_race
    assert goal is not None
    assert goal.label == "half"
    assert 13 * 7 <= (goal.date - sam.schedule.start).days <= 15 * 7
    assert sam.strength.one_rep_max("back_squat") == 80.0
    assert len(sam.schedule.availability.days) == 7
    two_window_days = [d for d, wins in sam.schedule.availability.windows if len(wins) == 2]
    assert len(two_window_days) >= 2


def test_lifter_example_is_alex_with_strength_first() -> None:
    alex = load_example("lifter")
    assert (alex.name, alex.priority) == ("Alex", Priority.STRENGTH)
    assert alex.experience_strength is Experience.EXPERIENCED
    assert alex.experience_running is Experience.NOVICE
    assert alex.running.weekly_minutes == 30
    assert alex.strength.run_format is RunFormat.JOG
    lifts = dict(alex.strength.one_rep_max_kg)
    assert {"back_squat", "deadlift", "bench_press", "overhead_press"} <= set(lifts)
    two_window_days = [d for d, wins in alex.schedule.availability.windows if len(wins) == 2]
    assert len(two_window_days) >= 3


def test_hybrid_example_is_robin_balanced_on_six_days() -> None:
    robin = load_example("hybrid")
    assert (robin.name, robin.priority) == ("Robin", Priority.BALANCED)
    assert robin.experience_running is Experience.INTERMEDIATE
    assert robin.experience_strength is Experience.INTERMEDIATE
    assert robin.running.weekly_minutes == 150
    assert robin.running.recent_race == RaceResult(10000.0, 3120.0, "10k")
    assert len(robin.schedule.availability.days) == 6


def test_unknown_example_name_lists_the_valid_ones() -> None:
    with pytest.raises(InputError) as caught:
        load_example("sprinter")
    message = str(caught.value)
    assert "'sprinter'" in message
    for name in ("runner", "lifter", "hybrid"):
        assert name in message
    with pytest.raises(InputError):
        example_profile_path("../pyproject")


# --------------------------------------------------------------------------------------
# The file itself
# --------------------------------------------------------------------------------------


def test_missing_file_is_reported_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "athlete.toml"
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.problems == [FieldProblem("(file)", "file not found", str(path))]
    assert str(path) in str(caught.value)


def test_directory_instead_of_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as caught:
        load_profile(tmp_path)
    assert "is a directory" in str(caught.value)


def test_toml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    text = edited(('priority = "running"', "priority = = running"))
    error = load_error(tmp_path, text)
    assert len(error.problems) == 1
    found = error.problems[0]
    assert found.field == "(file)"
    assert found.rule.startswith("is not valid TOML")
    assert "line 2, column" in found.rule
    assert found.value == "priority = = running"


def test_unquoted_impossible_date_is_a_toml_error_naming_the_line(tmp_path: Path) -> None:
    error = load_error(tmp_path, edited(('start = "2026-12-07"', "start = 2026-02-30")))
    line = BASE.splitlines().index('start = "2026-12-07"') + 1
    assert f"line {line}, column" in error.problems[0].rule
    assert error.problems[0].value == "start = 2026-02-30"


def test_empty_file_reports_every_required_field(tmp_path: Path) -> None:
    error = load_error(tmp_path, "")
    assert [p.field for p in error.problems] == [
        "name",
        "priority",
        "experience.running",
        "experience.strength",
        "schedule.start",
        "schedule.availability",
    ]
    assert all(p.rule.startswith("is required") for p in error.problems)
    assert "one of: running, strength, balanced" in problem(error, "priority").rule


def test_non_utf8_file_is_rejected_with_the_offset(tmp_path: Path) -> None:
    data = BASE.encode().replace(b'"Sam"', b'"S\xe9m"')
    error = load_error(tmp_path, data)
    found = error.problems[0]
    assert found.field == "(file)"
    assert "not UTF-8" in found.rule
    assert f"offset {data.index(bytes([0xE9]))}" in found.rule
    assert isinstance(found.value, bytes)
    assert found.value.startswith(b"\xe9")


def test_binary_junk_is_rejected_cleanly(tmp_path: Path) -> None:
    junk = bytes(range(256)) * 16
    error = load_error(tmp_path, junk)
    assert error.problems[0].field == "(file)"


def test_binary_that_happens_to_be_utf8_is_not_toml(tmp_path: Path) -> None:
    error = load_error(tmp_path, b"\x00\x01\x02name = 1\x7f")
    assert error.problems[0].rule.startswith("is not valid TOML")


def test_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    junk = (b"@#$%^&*() lorem ipsum = [[[ \n" * 200_000)[: 5 * 1024 * 1024]
    started = clock.perf_counter()
    error = load_error(tmp_path, junk)
    assert clock.perf_counter() - started < 2.0
    found = error.problems[0]
    assert "too large" in found.rule
    assert str(MAX_PROFILE_BYTES) in found.rule


def test_huge_text_is_refused_by_parse_profile_too() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile('name = "' + "x" * (MAX_PROFILE_BYTES + 10) + '"')
    assert "too large" in str(caught.value)
    assert len(str(caught.value)) < 1000


def test_deeply_nested_arrays_are_refused_cleanly(tmp_path: Path) -> None:
    error = load_error(tmp_path, "name = " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert error.problems[0].field == "(file)"
    assert "nested too deeply" in error.problems[0].rule


def test_deeply_nested_inline_tables_are_refused_cleanly(tmp_path: Path) -> None:
    error = load_error(tmp_path, "x = " + "{ a = " * 20_000 + "1" + " }" * 20_000 + "\n")
    assert error.problems[0].field == "(file)"


def test_deeply_dotted_key_is_refused_before_parsing(tmp_path: Path) -> None:
    started = clock.perf_counter()
    error = load_error(tmp_path, ".".join(["a"] * 60_000) + " = 1\n")
    assert clock.perf_counter() - started < 2.0
    assert "nested more than" in error.problems[0].rule


def test_deep_table_header_is_refused_before_parsing(tmp_path: Path) -> None:
    error = load_error(tmp_path, "[" + ".".join(["t"] * 10_000) + "]\nx = 1\n")
    assert "line 1" in error.problems[0].rule


def test_moderately_nested_unknown_table_is_reported_with_a_short_value(tmp_path: Path) -> None:
    text = BASE + "\n[extra." + ".".join(["n"] * 40) + "]\nx = 1\n"
    error = load_error(tmp_path, text)
    found = problem(error, "extra")
    assert "unknown field" in found.rule
    assert len(repr(found.value)) < 200


def test_many_unknown_fields_are_capped(tmp_path: Path) -> None:
    text = "".join(f"junk_{i} = {i}\n" for i in range(5000)) + BASE
    error = load_error(tmp_path, text)
    assert len(error.problems) == MAX_PROBLEMS + 1
    assert error.problems[-1].field == "(file)"
    assert "more problems not listed" in error.problems[-1].rule


def test_long_string_value_is_shortened_in_the_message(tmp_path: Path) -> None:
    error = load_error(tmp_path, edited(('priority = "running"', f'priority = "{"r" * 5000}"')))
    found = problem(error, "priority")
    assert isinstance(found.value, str)
    assert found.value.endswith("...")
    assert len(found.value) <= 120


# --------------------------------------------------------------------------------------
# Unknown and missing fields
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "allowed"),
    [
        ('sex = "female"', 'sex = "female"\nage = 34', "age", "name, priority, sex"),
        (
            'strength = "novice"',
            'strength = "novice"\ncycling = "novice"',
            "experience.cycling",
            "running, strength",
        ),
        ("weekly_minutes = 180", "weekly_km = 30", "running.weekly_km", "weekly_minutes"),
        (
            'time = "23:40"',
            'time = "23:40", place = 3',
            "running.recent_race.place",
            "distance, distance_m, time",
        ),
        (
            'date = "2027-03-14"',
            'date = "2027-03-14", time = "1:40:00"',
            "running.goal_race.time",
            "distance, distance_m, date",
        ),
        (
            'run_format = "jog"',
            'run_format = "jog"\ndays = 3',
            "strength.days",
            "one_rep_max_kg, equipment, run_format, hypertrophy",
        ),
        (
            "weeks = 12",
            "weeks = 12\nend = 2027-03-01",
            "schedule.end",
            "start, weeks, availability",
        ),
    ],
)
def test_unknown_field_is_rejected_with_the_allowed_ones(
    tmp_path: Path, old: str, new: str, field: str, allowed: str
) -> None:
    error = load_error(tmp_path, edited((old, new)))
    assert [p.field for p in error.problems] == [field]
    assert "unknown field; allowed here: " in error.problems[0].rule
    assert allowed in error.problems[0].rule


def test_unknown_field_with_an_odd_key_is_quoted_in_the_path(tmp_path: Path) -> None:
    error = load_error(tmp_path, edited(('sex = "female"', 'sex = "female"\n"my age" = 34')))
    assert_problem(error, '"my age"', "unknown field", 34)


@pytest.mark.parametrize(
    ("old", "field"),
    [
        ('name = "Sam"\n', "name"),
        ('priority = "running"\n', "priority"),
        ('running = "experienced"\n', "experience.running"),
        ('strength = "novice"\n', "experience.strength"),
        ('start = "2026-12-07"\n', "schedule.start"),
        (
            '[schedule.availability]\nmon = ["06:00-08:00", "18:00-20:00"]\n'
            'wed = ["18:00-20:00"]\nsat = ["08:00-12:00"]\n',
            "schedule.availability",
        ),
    ],
)
def test_missing_required_field_is_named(tmp_path: Path, old: str, field: str) -> None:
    single_problem(tmp_path, edited((old, "")), field, "is required", None)


def test_missing_race_time_and_distance_are_named(tmp_path: Path) -> None:
    error = load_error(tmp_path, edited(('{ distance = "5k", time = "23:40" }', "{}")))
    assert_problem(error, "running.recent_race.distance", "is required", None)
    assert_problem(error, "running.recent_race.time", "is required", None)


def test_missing_goal_date_is_named(tmp_path: Path) -> None:
    text = edited(('{ distance = "half", date = "2027-03-14" }', '{ distance = "half" }'))
    single_problem(tmp_path, text, "running.goal_race.date", "is required", None)


def test_missing_experience_table_names_both_fields(tmp_path: Path) -> None:
    text = edited(('[experience]\nrunning = "experienced"\nstrength = "novice"\n', ""))
    error = load_error(tmp_path, text)
    assert [p.field for p in error.problems] == ["experience.running", "experience.strength"]


# --------------------------------------------------------------------------------------
# Types
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "rule", "value"),
    [
        ('name = "Sam"', "name = 5", "name", "must be text", 5),
        (
            "weekly_minutes = 180",
            'weekly_minutes = "180"',
            "running.weekly_minutes",
            "must be a number",
            "180",
        ),
        (
            "weekly_minutes = 180",
            "weekly_minutes = 180.5",
            "running.weekly_minutes",
            "must be a whole number",
            180.5,
        ),
        (
            "body_mass_kg = 62",
            "body_mass_kg = true",
            "body_mass_kg",
            "must be a number, not true or false",
            True,
        ),
        (
            "max_hr = 188",
            "max_hr = true",
            "running.max_hr",
            "must be a number, not true or false",
            True,
        ),
        ("weeks = 12", "weeks = 12.5", "schedule.weeks", "must be a whole number", 12.5),
        ("weeks = 12", 'weeks = "12"', "schedule.weeks", "must be a number", "12"),
        (
            'run_format = "jog"',
            'run_format = "jog"\nhypertrophy = "yes"',
            "strength.hypertrophy",
            "must be true or false",
            "yes",
        ),
        (
            '["barbell", "rack", "dumbbells", "box"]',
            '"barbell"',
            "strength.equipment",
            "must be a list",
            "barbell",
        ),
        (
            "deadlift = 100",
            'deadlift = "100"',
            "strength.one_rep_max_kg.deadlift",
            "must be a number",
            "100",
        ),
        (
            'mon = ["06:00-08:00", "18:00-20:00"]',
            'mon = "06:00-08:00"',
            "schedule.availability.mon",
            "must be a list of windows",
            "06:00-08:00",
        ),
        (
            'wed = ["18:00-20:00"]',
            "wed = [1800]",
            "schedule.availability.wed[0]",
            'must be a window written "HH:MM-HH:MM"',
            1800,
        ),
        (
            'time = "23:40"',
            "time = 1420",
            "running.recent_race.time",
            "must be a duration in quotes",
            1420,
        ),
        (
            'time = "23:40"',
            "time = 23:40:00",
            "running.recent_race.time",
            "must be a duration in quotes",
            time(23, 40),
        ),
        (
            'distance = "5k"',
            "distance = 5000",
            "running.recent_race.distance",
            "unknown race distance",
            5000,
        ),
    ],
)
def test_wrong_type_is_rejected(
    tmp_path: Path, old: str, new: str, field: str, rule: str, value: object
) -> None:
    error = load_error(tmp_path, edited((old, new)))
    assert [p.field for p in error.problems] == [field], str(error)
    assert_problem(error, field, rule, value)


def test_not_a_number_is_rejected(tmp_path: Path) -> None:
    error = load_error(tmp_path, edited(("body_mass_kg = 62", "body_mass_kg = nan")))
    found = problem(error, "body_mass_kg")
    assert found.rule == "must be a finite number"
    assert isinstance(found.value, float)
    assert math.isnan(found.value)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            '[experience]\nrunning = "experienced"\nstrength = "novice"\n',
            'experience = "novice"\n',
            "experience",
        ),
    ],
)
def test_scalar_where_a_table_belongs_is_rejected(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    error = load_error(tmp_path, edited((old, new)))
    assert problem(error, field).rule == "must be a table"


def test_schedule_that_is_not_a_table_is_rejected(tmp_path: Path) -> None:
    text = edited(
        ('name = "Kim"', 'name = "Kim"\nschedule = "every day"'),
        ('[schedule]\nstart = 2027-01-04\navailability = { tue = ["07:00-08:00"] }\n', ""),
        text=MINIMAL,
    )
    single_problem(tmp_path, text, "schedule", "must be a table", "every day")


def test_datetime_is_not_a_date(tmp_path: Path) -> None:
    text = edited(('start = "2026-12-07"', "start = 2026-12-07T06:00:00"))
    single_problem(
        tmp_path,
        text,
        "schedule.start",
        "must be a date without a time of day",
        datetime(2026, 12, 7, 6),
    )


# --------------------------------------------------------------------------------------
# Allowed values and ranges
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "rule", "value"),
    [
        (
            'priority = "running"',
            'priority = "speed"',
            "priority",
            "must be one of: running, strength, balanced",
            "speed",
        ),
        (
            'running = "experienced"',
            'running = "pro"',
            "experience.running",
            "must be one of: novice, intermediate, experienced",
            "pro",
        ),
        (
            'strength = "novice"',
            'strength = "beginner"',
            "experience.strength",
            "must be one of: novice, intermediate, experienced",
            "beginner",
        ),
        ('sex = "female"', 'sex = "other"', "sex", "must be one of: female, male", "other"),
        (
            'run_format = "jog"',
            'run_format = "tempo"',
            "strength.run_format",
            "must be one of: jog, hiit",
            "tempo",
        ),
    ],
)
def test_value_outside_the_allowed_set_is_rejected(
    tmp_path: Path, old: str, new: str, field: str, rule: str, value: object
) -> None:
    single_problem(tmp_path, edited((old, new)), field, rule, value)


@pytest.mark.parametrize(
    ("old", "new", "field", "rule", "value"),
    [
        (
            "weekly_minutes = 180",
            "weekly_minutes = -5",
            "running.weekly_minutes",
            "must be between 0 and 3000",
            -5,
        ),
        (
            "weekly_minutes = 180",
            "weekly_minutes = 3001",
            "running.weekly_minutes",
            "must be between 0 and 3000",
            3001,
        ),
        (
            "body_mass_kg = 62",
            "body_mass_kg = 24.9",
            "body_mass_kg",
            "must be between 25 and 300",
            24.9,
        ),
        (
            "body_mass_kg = 62",
            "body_mass_kg = 301",
            "body_mass_kg",
            "must be between 25 and 300",
            301,
        ),
        (
            "body_mass_kg = 62",
            "body_mass_kg = -inf",
            "body_mass_kg",
            "must be a finite number",
            float("-inf"),
        ),
        ("max_hr = 188", "max_hr = 99", "running.max_hr", "must be between 100 and 240", 99),
        ("max_hr = 188", "max_hr = 241", "running.max_hr", "must be between 100 and 240", 241),
        (
            "resting_hr = 52",
            "resting_hr = 24",
            "running.resting_hr",
            "must be between 25 and 120",
            24,
        ),
        (
            "resting_hr = 52",
            "resting_hr = 121",
            "running.resting_hr",
            "must be between 25 and 120",
            121,
        ),
        (
            "deadlift = 100",
            "deadlift = 0",
            "strength.one_rep_max_kg.deadlift",
            "must be more than 0 and at most 600 kg",
            0,
        ),
        (
            "deadlift = 100",
            "deadlift = -20",
            "strength.one_rep_max_kg.deadlift",
            "must be more than 0 and at most 600 kg",
            -20,
        ),
        (
            "deadlift = 100",
            "deadlift = 600.5",
            "strength.one_rep_max_kg.deadlift",
            "must be more than 0 and at most 600 kg",
            600.5,
        ),
        ("weeks = 12", "weeks = 0", "schedule.weeks", "must be between 1 and 52", 0),
        ("weeks = 12", "weeks = 53", "schedule.weeks", "must be between 1 and 52", 53),
    ],
)
def test_number_out_of_range_is_rejected(
    tmp_path: Path, old: str, new: str, field: str, rule: str, value: object
) -> None:
    single_problem(tmp_path, edited((old, new)), field, rule, value)


def test_resting_heart_rate_must_be_below_max(tmp_path: Path) -> None:
    text = edited(
        ("max_hr = 188", "max_hr = 110"),
        ("resting_hr = 52", "resting_hr = 115"),
        ("threshold_hr = 172\n", ""),
    )
    single_problem(tmp_path, text, "running.resting_hr", "must be below max_hr (110)", 115)


@pytest.mark.parametrize("threshold", [70, 65, 188, 200])
def test_threshold_heart_rate_must_lie_between_resting_and_max(
    tmp_path: Path, threshold: int
) -> None:
    text = edited(
        ("resting_hr = 52", "resting_hr = 70"),
        ("threshold_hr = 172", f"threshold_hr = {threshold}"),
    )
    error = load_error(tmp_path, text)
    assert [p.field for p in error.problems] == ["running.threshold_hr"]
    assert_problem(
        error,
        "running.threshold_hr",
        "must be above resting_hr (70) and below max_hr (188)",
        threshold,
    )


def test_threshold_alone_is_checked_against_its_own_range(tmp_path: Path) -> None:
    text = edited(
        ("max_hr = 188\nresting_hr = 52\n", ""), ("threshold_hr = 172", "threshold_hr = 20")
    )
    single_problem(tmp_path, text, "running.threshold_hr", "must be between 60 and 235", 20)


def test_blank_name_is_rejected(tmp_path: Path) -> None:
    text = edited(('name = "Sam"', 'name = "   "'))
    single_problem(tmp_path, text, "name", "must not be empty", "   ")


def test_overlong_name_is_rejected(tmp_path: Path) -> None:
    text = edited(('name = "Sam"', f'name = "{"x" * 101}"'))
    single_problem(tmp_path, text, "name", "must be at most 100 characters", "x" * 101)


def test_name_with_control_characters_is_rejected(tmp_path: Path) -> None:
    text = edited(('name = "Sam"', 'name = "Sam\\nSmith"'))
    single_problem(
        tmp_path, text, "name", "must be one line without control characters", "Sam\nSmith"
    )


# --------------------------------------------------------------------------------------
# Races
# --------------------------------------------------------------------------------------


def test_race_with_both_distance_forms_is_rejected(tmp_path: Path) -> None:
    text = edited(
        (
            '{ distance = "5k", time = "23:40" }',
            '{ distance = "5k", distance_m = 5000, time = "23:40" }',
        )
    )
    single_problem(
        tmp_path,
        text,
        "running.recent_race",
        "give exactly one of distance or distance_m",
        {"distance": "5k", "distance_m": 5000},
    )


def test_unknown_race_distance_lists_the_known_ones(tmp_path: Path) -> None:
    text = edited(('distance = "5k"', 'distance = "parkrun"'))
    error = load_error(tmp_path, text)
    assert_problem(error, "running.recent_race.distance", "unknown race distance", "parkrun")
    rule = problem(error, "running.recent_race.distance").rule
    for name in [*RACE_DISTANCES_M, *TRACK_DISTANCES_M]:
        assert name in rule
    assert "distance_m" in rule


@pytest.mark.parametrize("written", ["fast", "23:70", "1:75:00", "-5", "", "23:40:00:00"])
def test_race_time_that_is_not_a_duration_is_rejected(tmp_path: Path, written: str) -> None:
    text = edited(('time = "23:40"', f'time = "{written}"'))
    single_problem(tmp_path, text, "running.recent_race.time", "not a duration", written)


def test_race_time_of_zero_is_rejected(tmp_path: Path) -> None:
    text = edited(('time = "23:40"', 'time = "0:00"'))
    single_problem(tmp_path, text, "running.recent_race.time", "must be more than zero", "0:00")


@pytest.mark.parametrize(
    ("race", "time_text", "speed"),
    [
        ('distance = "5k"', "10:00", "8.33 m/s"),
        ('distance = "5k"', "1:30:00", "0.93 m/s"),
        ('distance = "marathon"', "1:40:00", "7.03 m/s"),
        ("distance_m = 8000", "12:00:00", "0.19 m/s"),
    ],
)
def test_implausible_race_speed_is_rejected(
    tmp_path: Path, race: str, time_text: str, speed: str
) -> None:
    text = edited(('{ distance = "5k", time = "23:40" }', f'{{ {race}, time = "{time_text}" }}'))
    error = load_error(tmp_path, text)
    assert_problem(error, "running.recent_race.time", "implausible race time", time_text)
    assert speed in problem(error, "running.recent_race.time").rule


def test_fast_mile_is_still_plausible(tmp_path: Path) -> None:
    text = edited(('{ distance = "5k", time = "23:40" }', '{ distance = "mile", time = "3:55" }'))
    race = load_profile(write(tmp_path, text)).running.recent_race
    assert race is not None
    assert race.time_s == 235.0


@pytest.mark.parametrize("metres", [399, 250_001, 0, -8000])
def test_race_distance_in_metres_must_be_plausible(tmp_path: Path, metres: int) -> None:
    text = edited(('distance = "5k"', f"distance_m = {metres}"))
    single_problem(
        tmp_path, text, "running.recent_race.distance_m", "must be between 400 and 250000", metres
    )


def test_goal_race_on_an_impossible_date_is_rejected(tmp_path: Path) -> None:
    text = edited(('date = "2027-03-14"', 'date = "2026-02-30"'))
    error = load_error(tmp_path, text)
    assert_problem(error, "running.goal_race.date", "not a real date", "2026-02-30")


@pytest.mark.parametrize("written", ["14/03/2027", "2027-3-14", "next spring", "20270314"])
def test_goal_race_date_in_another_format_is_rejected(tmp_path: Path, written: str) -> None:
    text = edited(('date = "2027-03-14"', f'date = "{written}"'))
    single_problem(
        tmp_path, text, "running.goal_race.date", "must be a date written YYYY-MM-DD", written
    )


def test_goal_race_before_the_plan_starts_is_rejected(tmp_path: Path) -> None:
    text = edited(('date = "2027-03-14"', 'date = "2026-11-01"'))
    single_problem(
        tmp_path,
        text,
        "running.goal_race.date",
        "is before schedule.start (2026-12-07)",
        date(2026, 11, 1),
    )


def test_goal_race_with_unknown_distance_is_rejected(tmp_path: Path) -> None:
    text = edited(('distance = "half"', 'distance = "ultra"'))
    single_problem(tmp_path, text, "running.goal_race.distance", "unknown race distance", "ultra")


# --------------------------------------------------------------------------------------
# Schedule and availability
# --------------------------------------------------------------------------------------


def test_schedule_start_must_be_a_real_date(tmp_path: Path) -> None:
    text = edited(('start = "2026-12-07"', 'start = "2026-13-01"'))
    error = load_error(tmp_path, text)
    assert_problem(error, "schedule.start", "not a real date", "2026-13-01")


def test_window_ending_before_start_is_rejected(tmp_path: Path) -> None:
    text = edited(('mon = ["06:00-08:00", "18:00-20:00"]', 'mon = ["08:00-06:00", "18:00-20:00"]'))
    single_problem(
        tmp_path, text, "schedule.availability.mon[0]", "must end after it starts", "08:00-06:00"
    )


def test_window_ending_when_it_starts_is_rejected(tmp_path: Path) -> None:
    text = edited(('sat = ["08:00-12:00"]', 'sat = ["08:00-08:00"]'))
    single_problem(
        tmp_path, text, "schedule.availability.sat[0]", "must end after it starts", "08:00-08:00"
    )


def test_window_shorter_than_ten_minutes_is_rejected(tmp_path: Path) -> None:
    text = edited(('wed = ["18:00-20:00"]', 'wed = ["18:00-20:00", "21:00-21:09"]'))
    single_problem(
        tmp_path, text, "schedule.availability.wed[1]", "is shorter than 10 minutes", "21:00-21:09"
    )


@pytest.mark.parametrize("written", ["25:00-26:00", "06:60-08:00", "06:00-24:00"])
def test_window_with_impossible_time_is_rejected(tmp_path: Path, written: str) -> None:
    text = edited(('wed = ["18:00-20:00"]', f'wed = ["{written}"]'))
    single_problem(
        tmp_path, text, "schedule.availability.wed[0]", "not a real time of day", written
    )


@pytest.mark.parametrize("written", ["6am-8am", "06:00", "06:00 to 08:00", "0600-0800", ""])
def test_window_in_another_format_is_rejected(tmp_path: Path, written: str) -> None:
    text = edited(('wed = ["18:00-20:00"]', f'wed = ["{written}"]'))
    single_problem(
        tmp_path,
        text,
        "schedule.availability.wed[0]",
        'must be a window written "HH:MM-HH:MM"',
        written,
    )


def test_overlapping_windows_name_both(tmp_path: Path) -> None:
    text = edited(
        (
            'mon = ["06:00-08:00", "18:00-20:00"]',
            'mon = ["18:00-20:00", "06:00-08:00", "07:30-09:00"]',
        )
    )
    single_problem(
        tmp_path,
        text,
        "schedule.availability.mon[2]",
        "overlaps schedule.availability.mon[1] (06:00-08:00)",
        "07:30-09:00",
    )


def test_window_inside_another_is_an_overlap(tmp_path: Path) -> None:
    text = edited(('sat = ["08:00-12:00"]', 'sat = ["08:00-12:00", "10:00-10:30", "11:00-11:30"]'))
    error = load_error(tmp_path, text)
    assert [p.field for p in error.problems] == [
        "schedule.availability.sat[1]",
        "schedule.availability.sat[2]",
    ]
    assert "overlaps schedule.availability.sat[0]" in error.problems[1].rule


def test_unknown_day_is_rejected(tmp_path: Path) -> None:
    text = edited(('sat = ["08:00-12:00"]', 'sat = ["08:00-12:00"]\nweekend = ["09:00-10:00"]'))
    single_problem(
        tmp_path,
        text,
        "schedule.availability.weekend",
        "unknown day; use mon, tue, wed, thu, fri, sat or sun",
        ["09:00-10:00"],
    )


def test_same_day_twice_in_different_case_is_rejected(tmp_path: Path) -> None:
    text = edited(('sat = ["08:00-12:00"]', 'sat = ["08:00-12:00"]\nSAT = ["14:00-15:00"]'))
    single_problem(
        tmp_path, text, "schedule.availability.SAT", "the same day as 'sat'", ["14:00-15:00"]
    )


def test_week_without_any_window_is_rejected(tmp_path: Path) -> None:
    text = edited(
        (
            'mon = ["06:00-08:00", "18:00-20:00"]\nwed = ["18:00-20:00"]\nsat = ["08:00-12:00"]',
            "mon = []\nsun = []",
        )
    )
    single_problem(
        tmp_path,
        text,
        "schedule.availability",
        "needs at least one time window in the week",
        {"mon": [], "sun": []},
    )


def test_empty_availability_table_is_rejected(tmp_path: Path) -> None:
    text = edited(('availability = { tue = ["07:00-08:00"] }', "availability = {}"), text=MINIMAL)
    single_problem(
        tmp_path, text, "schedule.availability", "needs at least one time window in the week", {}
    )


# --------------------------------------------------------------------------------------
# Strength
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ['"1rm_squat"', '"squat!"', '"dead__lift"', '""', '"_press"'])
def test_lift_name_that_is_not_an_identifier_is_rejected(tmp_path: Path, key: str) -> None:
    text = edited(("deadlift = 100", f"{key} = 100"))
    error = load_error(tmp_path, text)
    assert len(error.problems) == 1
    found = error.problems[0]
    assert found.field.startswith("strength.one_rep_max_kg.")
    assert "lift name must be snake_case" in found.rule
    assert found.value == key.strip('"')


def test_lift_names_that_normalise_to_the_same_lift_are_rejected(tmp_path: Path) -> None:
    text = edited(("back_squat = 80", 'back_squat = 80, "Back Squat" = 85'))
    single_problem(
        tmp_path,
        text,
        'strength.one_rep_max_kg."Back Squat"',
        "names the same lift (back_squat) as 'back_squat'",
        "Back Squat",
    )


def test_one_rep_max_table_must_be_a_table(tmp_path: Path) -> None:
    text = edited(("{ back_squat = 80, deadlift = 100, bench_press = 45 }", "[80, 100]"))
    single_problem(tmp_path, text, "strength.one_rep_max_kg", "must be a table", [80, 100])


def test_bad_equipment_item_is_named_by_index(tmp_path: Path) -> None:
    text = edited(('["barbell", "rack", "dumbbells", "box"]', '["barbell", 3, "rack!"]'))
    error = load_error(tmp_path, text)
    assert [p.field for p in error.problems] == ["strength.equipment[1]", "strength.equipment[2]"]
    assert_problem(error, "strength.equipment[2]", "must be a snake_case name", "rack!")


# --------------------------------------------------------------------------------------
# All problems at once
# --------------------------------------------------------------------------------------


def test_all_problems_are_reported_together(tmp_path: Path) -> None:
    text = edited(
        ('priority = "running"', 'priority = "speed"'),
        ("body_mass_kg = 62", "body_mass_kg = 500"),
        ('time = "23:40"', 'time = "soon"'),
        ("deadlift = 100", "deadlift = -1"),
        ('start = "2026-12-07"', 'start = "2026-02-30"'),
        ('mon = ["06:00-08:00", "18:00-20:00"]', 'mon = ["06:00-08:00", "20:00-18:00"]'),
        ('wed = ["18:00-20:00"]', 'wed = ["18:00-20:00"]\nfunday = []'),
    )
    error = load_error(tmp_path, text)
    assert [p.field for p in error.problems] == [
        "priority",
        "body_mass_kg",
        "running.recent_race.time",
        "strength.one_rep_max_kg.deadlift",
        "schedule.start",
        "schedule.availability.mon[1]",
        "schedule.availability.funday",
    ]
    message = str(error)
    assert message.count("\n  - ") == 7
    assert "is not a valid athlete profile" in message
    assert_problem(error, "schedule.availability.mon[1]", "must end after it starts", "20:00-18:00")


# --------------------------------------------------------------------------------------
# Writing profiles back
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_rendered_examples_read_back_equal(tmp_path: Path, name: str) -> None:
    profile = load_example(name)
    path = write(tmp_path, render_profile(profile))
    assert load_profile(path) == profile


def test_rendered_profile_explains_its_fields() -> None:
    text = render_profile(load_example("lifter"))
    for phrase in (
        "running | strength | balanced",
        "novice | intermediate | experienced",
        "jog",
        "hiit",
        "hypertrophy",
        "HH:MM-HH:MM",
        "1 to 52",
    ):
        assert phrase in text
    assert 'recent_race = { distance = "5k", time = "27:30" }' in text
    assert "\n# sex = " not in text  # set in the lifter example
    assert "# threshold_hr = " in text  # not set: shown commented out


def test_rendered_minimal_profile_reads_back_equal() -> None:
    profile = parse_profile(MINIMAL)
    text = render_profile(profile)
    assert "# recent_race = " in text
    assert "# one_rep_max_kg = " in text
    assert parse_profile(text) == profile


def test_rendered_profile_keeps_odd_names_and_metre_races() -> None:
    profile = parse_profile(BASE)
    odd = replace(
        profile,
        name='Ann "Quotes" O\\Back',
        running=replace(
            profile.running,
            recent_race=RaceResult(distance_m=8046.72, time_s=2400.3, label="8046.72 m"),
        ),
    )
    text = render_profile(odd)
    assert 'distance_m = 8046.72, time = "40:00.3"' in text
    assert parse_profile(text) == odd


LIFT_NAMES = st.from_regex(r"[a-z][a-z0-9]{0,8}(_[a-z0-9]{1,5}){0,2}", fullmatch=True).filter(
    lambda n: n not in {"squat", "bench", "ohp", "press", "dl", "military_press"}
)
KNOWN = {**RACE_DISTANCES_M, **TRACK_DISTANCES_M}


def metre_label(metres: float) -> str:
    """The documented label of a race given in metres."""
    return f"{int(metres)} m" if metres.is_integer() else f"{metres!r} m"


@st.composite
def recent_races(draw: st.DrawFn) -> RaceResult:
    if draw(st.booleans()):
        label = draw(st.sampled_from(sorted(KNOWN)))
        metres = KNOWN[label]
    else:
        metres = draw(
            st.one_of(
                st.integers(400, 250_000).map(float),
                st.floats(400, 250_000, allow_nan=False, allow_infinity=False),
            )
        )
        label = metre_label(metres)
    top_speed = 7.3 if metres < 3000 else 6.7
    fastest = int(metres / top_speed) + 1
    slowest = int(metres / 1.0)
    tenths = draw(st.integers(fastest * 10, slowest * 10))
    seconds = float(tenths // 10) if draw(st.booleans()) else tenths / 10
    return RaceResult(distance_m=metres, time_s=seconds, label=label)


@st.composite
def day_windows(draw: st.DrawFn) -> tuple[TimeWindow, ...]:
    marks = sorted(draw(st.lists(st.integers(0, 1439), unique=True, max_size=8)))
    windows = []
    for start, end in zip(marks[::2], marks[1::2], strict=False):
        if end - start >= 10:
            windows.append(TimeWindow(time(*divmod(start, 60)), time(*divmod(end, 60))))
    return tuple(windows)


@st.composite
def profiles(draw: st.DrawFn) -> AthleteProfile:
    start = draw(st.dates(date(2000, 1, 1), date(2090, 1, 1)))
    days = {day: draw(day_windows()) for day in Weekday}
    if not any(days.values()):
        days[draw(st.sampled_from(list(Weekday)))] = (TimeWindow(time(7), time(8)),)
    max_hr = draw(st.none() | st.integers(100, 240))
    resting_hr = draw(st.none() | st.integers(25, min(120, (max_hr or 241) - 1)))
    low = max(60, (resting_hr or 59) + 1)
    high = min(235, (max_hr or 236) - 1)
    threshold_hr = draw(st.none() | st.integers(low, high)) if low <= high else None
    goal = None
    if draw(st.booleans()):
        label = draw(st.sampled_from(sorted(KNOWN)))
        goal = GoalRace(KNOWN[label], label, start + timedelta(days=draw(st.integers(0, 400))))
    lifts = draw(
        st.dictionaries(
            LIFT_NAMES,
            st.floats(0.5, 600, allow_nan=False) | st.integers(1, 600).map(float),
            max_size=5,
        )
    )
    return AthleteProfile(
        name=draw(
            st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=100)
            .map(str.strip)
            .filter(bool)
        ),
        priority=draw(st.sampled_from(Priority)),
        experience_running=draw(st.sampled_from(Experience)),
        experience_strength=draw(st.sampled_from(Experience)),
        schedule=ScheduleSpec(
            start=start,
            weeks=draw(st.integers(1, 52)),
            availability=Availability(tuple((d, w) for d, w in days.items() if w)),
        ),
        running=RunningProfile(
            weekly_minutes=draw(st.integers(0, 3000)),
            recent_race=draw(st.none() | recent_races()),
            max_hr=max_hr,
            resting_hr=resting_hr,
            threshold_hr=threshold_hr,
            goal_race=goal,
        ),
        strength=StrengthProfile(
            one_rep_max_kg=tuple(sorted(lifts.items())),
            equipment=tuple(draw(st.lists(LIFT_NAMES, unique=True, max_size=5))),
            run_format=draw(st.sampled_from(RunFormat)),
            hypertrophy=draw(st.booleans()),
        ),
        sex=draw(st.none() | st.sampled_from(Sex)),
        body_mass_kg=draw(st.none() | st.floats(25, 300, allow_nan=False)),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_render_then_parse_gives_back_the_same_profile(profile: AthleteProfile) -> None:
    assert parse_profile(render_profile(profile)) == profile
