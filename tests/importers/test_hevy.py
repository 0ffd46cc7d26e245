"""Hevy ``workout_data.csv``: set types, units in the header, durations from start and
end (through a DST change), date forms, and the real sample export."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from runlift.importers.base import ImportFileError
from runlift.importers.hevy import decode_hevy
from runlift.importers.lift_text import KG_PER_LB as LB
from runlift.model.activity import ActivityModality, SetType, StrengthSet

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "files" / "csv"
SAMPLES = ROOT.parent / "shared" / "data" / "samples" / "strength-csv"
PARIS = ZoneInfo("Europe/Paris")

W = SetType.WORKING
HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"\n'
)


def fixture(name: str) -> bytes:
    return (FILES / name).read_bytes()


def hevy(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode()


def row(
    start: str = "3 Jan 2024, 18:05",
    end: str = "3 Jan 2024, 19:12",
    set_type: str = "normal",
    weight: str = "90",
    reps: str = "5",
    rpe: str = "",
) -> str:
    return (
        f'"Full Body","{start}","{end}","","Squat (Barbell)",,"",0,"{set_type}",'
        f"{weight},{reps},,,{rpe}"
    )


def s(
    exercise: str,
    raw: str,
    type: SetType = W,
    reps: int | None = None,
    load: float | None = None,
    secs: float | None = None,
    rpe: float | None = None,
) -> StrengthSet:
    return StrengthSet(exercise, raw, type, reps, load, secs, rpe)


def test_kg_export_with_every_set_type() -> None:
    got = decode_hevy(fixture("hevy_kg.csv"), "hevy.csv", tz=PARIS)
    full, recovery = got.activities
    assert full.start == datetime(2024, 1, 3, 18, 5, tzinfo=PARIS)
    assert (full.duration_s, full.notes) == (67 * 60.0, "Full Body\nfelt strong")
    assert (full.modality, full.sport, full.source) == (
        ActivityModality.STRENGTH,
        "strength_training",
        "hevy",
    )
    assert list(full.sets) == [
        s("back squat", "Squat (Barbell)", SetType.WARMUP, reps=8, load=40.0),
        s("back squat", "Squat (Barbell)", reps=5, load=90.0, rpe=8.0),
        s("back squat", "Squat (Barbell)", SetType.DROP, reps=8, load=70.0, rpe=9.0),
        s("pull-up", "Pull Up", SetType.FAILURE, reps=12, rpe=10.0),
        s("plank", "Plank", secs=90.0),
        s("Treadmill", "Treadmill", secs=900.0),
    ]
    assert recovery.start == datetime(2024, 1, 5, 7, 30, tzinfo=PARIS)
    assert (recovery.duration_s, recovery.notes) == (1800.0, "Recovery, easy")
    assert recovery.sets == (
        s(
            "dumbbell romanian deadlift",
            "Romanian Deadlift (Dumbbell)",
            reps=10,
            load=22.5,
            rpe=7.5,
        ),
    )
    assert got.unknown_exercises == ("Treadmill",)
    assert len(got.warnings) == 1 and "'Treadmill' on row 7" in got.warnings[0]


def test_pound_export_without_an_end_time() -> None:
    got = decode_hevy(fixture("hevy_lbs.csv"), "hevy.csv", tz=PARIS)
    (arms,) = got.activities
    assert arms.duration_s == 3600.0
    assert list(arms.sets) == [
        s("biceps curl", "Bicep Curl (Dumbbell)", reps=12, load=30 * LB),
        s("biceps curl", "Bicep Curl (Dumbbell)", reps=10, load=35 * LB),
        s("Walking", "Walking", secs=1800.0),
    ]
    assert got.warnings[0] == (
        "no duration in the file for 1 of 1 workouts (first: 2024-02-12 20:00); "
        "each was given 60 min"
    )


def test_duration_counts_real_time_across_a_dst_change() -> None:
    # Paris skips 02:00-03:00 on 31 March 2024: 01:30 to 03:30 is one hour.
    data = hevy(row(start="31 Mar 2024, 01:30", end="31 Mar 2024, 03:30"))
    (only,) = decode_hevy(data, "dst.csv", tz=PARIS).activities
    assert only.duration_s == 3600.0


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("3 Jan 2024, 18:05", "3 Jan 2024, 19:12"),
        ("3 January 2024, 18:05", "3 January 2024, 19:12"),
        ("03 Jan 2024 18:05", "03 Jan 2024 19:12"),
        ("2024-01-03 18:05:00", "2024-01-03 19:12:00"),
        ("2024-01-03T18:05", "2024-01-03T19:12"),
    ],
)
def test_date_forms(start: str, end: str) -> None:
    (only,) = decode_hevy(hevy(row(start=start, end=end)), "d.csv", tz=PARIS).activities
    assert (only.start, only.duration_s) == (datetime(2024, 1, 3, 18, 5, tzinfo=PARIS), 4020.0)


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("", W),
        ("normal", W),
        ("warmup", SetType.WARMUP),
        ("Warm-up", SetType.WARMUP),
        ("dropset", SetType.DROP),
        ("drop_set", SetType.DROP),
        ("failure", SetType.FAILURE),
    ],
)
def test_set_types(written: str, kind: SetType) -> None:
    (only,) = decode_hevy(hevy(row(set_type=written)), "t.csv").activities
    assert only.sets[0].type is kind


def test_an_unknown_set_type_names_row_and_column() -> None:
    data = hevy(row(), row(set_type="superset"))
    with pytest.raises(ImportFileError) as caught:
        decode_hevy(data, "t.csv")
    assert str(caught.value) == (
        "t.csv: row 3, column \"set_type\": 'superset' is not a Hevy set type "
        "(normal, warmup, dropset, failure)"
    )


def test_a_workout_that_ends_before_it_starts_is_refused() -> None:
    data = hevy(row(end="3 Jan 2024, 17:00"))
    with pytest.raises(ImportFileError) as caught:
        decode_hevy(data, "e.csv")
    assert str(caught.value) == (
        'e.csv: row 2, column "end_time": the workout ends before it starts'
    )


def test_a_month_that_does_not_exist_names_row_and_column() -> None:
    data = hevy(row(start="3 Foo 2024, 18:05"))
    with pytest.raises(ImportFileError, match=r'row 2, column "start_time": \'3 Foo 2024'):
        decode_hevy(data, "m.csv")


def test_a_header_without_a_unit_needs_one_passed() -> None:
    data = hevy(row()).replace(b'"weight_kg"', b'"weight"')
    with pytest.raises(ImportFileError, match=r'row 2, column "weight": the file does not say'):
        decode_hevy(data, "u.csv")
    assert decode_hevy(data, "u.csv", unit="lb").activities[0].sets[0].load_kg == 90 * LB


def test_real_sample_export() -> None:
    path = SAMPLES / "hevy_workout_data.csv"
    if not path.is_file():
        pytest.skip(f"real sample exports not found at {SAMPLES}")
    got = decode_hevy(path.read_bytes(), "workout_data.csv", tz=PARIS)
    upper, lower = got.activities  # by start: 8 April, then 9 April
    assert [len(a.sets) for a in got.activities] == [15, 10]
    assert upper.start == datetime(2026, 4, 8, 17, 15, tzinfo=PARIS)
    assert (upper.duration_s, upper.notes) == (69 * 60.0, "Upper chest bias")
    assert upper.sets[0] == s(
        "incline bench press", "Incline Bench Press (Barbell)", reps=6, load=70.0, rpe=8.0
    )
    assert upper.sets[9] == s("chest press", "Chest Press (Machine)", reps=8, load=90.0, rpe=10.0)
    assert upper.sets[10] == s(
        "triceps extension", "Single Arm Triceps Pushdown (Cable)", reps=8, load=22.5, rpe=7.0
    )
    assert upper.sets[-1] == s("biceps curl", "Hammer Curl (Dumbbell)", reps=8, load=20.0, rpe=10.0)
    assert lower.start == datetime(2026, 4, 9, 17, 18, tzinfo=PARIS)
    assert (lower.duration_s, lower.notes) == (47 * 60.0, "Lower")
    assert lower.sets[2] == s("hack squat", "Hack Squat (Machine)", reps=12, load=100.0, rpe=7.5)
    assert lower.sets[-1] == s(
        "leg extension", "Leg Extension (Machine)", reps=15, load=65.0, rpe=7.0
    )
    assert all(x.type is W for a in got.activities for x in a.sets)
    assert got.unknown_exercises == ("Straight Arm Lat Pulldown (Cable)",)
    assert got.warnings == ()
