"""Strong CSV exports: the three layouts (iOS comma, Android semicolon, Strong 6 quoted),
Set Order markers, units, durations, grouping, identity, and the real sample exports."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from runlift.importers.base import ImportFileError
from runlift.importers.lift_text import KG_PER_LB as LB
from runlift.importers.strength_csv import UNIT_MISSING
from runlift.importers.strong import decode_strong
from runlift.model.activity import ActivityModality, SetType, StrengthSet

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "files" / "csv"
SAMPLES = ROOT.parent / "shared" / "data" / "samples" / "strength-csv"
PARIS = ZoneInfo("Europe/Paris")

W = SetType.WORKING

IOS_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)


def fixture(name: str) -> bytes:
    return (FILES / name).read_bytes()


def sample(name: str) -> bytes:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"real sample exports not found at {SAMPLES}")
    return path.read_bytes()


def ios(*rows: str) -> bytes:
    return (IOS_HEADER + "".join(r + "\n" for r in rows)).encode()


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


# ---------------------------------------------------------------- synthetic layouts


def test_ios_comma_layout_with_the_unit_passed() -> None:
    got = decode_strong(fixture("strong_ios_comma.csv"), "ios.csv", unit="lb", tz=PARIS)
    legs, upper = got.activities
    assert legs.start == datetime(2024, 3, 4, 7, 15, tzinfo=PARIS)
    assert (legs.duration_s, legs.notes) == (3900.0, "Morning Legs\nKnees felt ok")
    assert (legs.modality, legs.sport, legs.source) == (
        ActivityModality.STRENGTH,
        "strength_training",
        "strong",
    )
    assert legs.source_file == "ios.csv"
    assert list(legs.sets) == [
        s("back squat", "Squat (Barbell)", reps=5, load=95 * LB),
        s("back squat", "Squat (Barbell)", reps=5, load=185 * LB, rpe=8.0),
        s("back squat", "Squat (Barbell)", reps=5, load=185 * LB, rpe=8.5),
        s("romanian deadlift", "Romanian Deadlift (Barbell)", reps=8, load=149.99999999999997 * LB),
        s("plank", "Plank", secs=60.0),
        s("Running (Treadmill)", "Running (Treadmill)", secs=600.0),
    ]
    assert upper.start == datetime(2024, 3, 6, 18, 30, tzinfo=PARIS)
    assert (upper.duration_s, upper.notes) == (2700.0, "Upper")
    assert list(upper.sets) == [
        s("bench press", "Bench Press (Barbell)", reps=8, load=135 * LB),
        s("pull-up", "Pull Up", reps=10),
        s("Zercher Carry", "Zercher Carry", load=100 * LB, secs=45.0),
    ]
    assert got.unknown_exercises == ("Running (Treadmill)", "Zercher Carry")
    # The multi-line note makes row 7 start on line 8; the warning says both.
    assert got.warnings == (
        "2 sets carry a distance (first: 'Running (Treadmill)' on row 7 (line 8)); they stay "
        "sets of the strength session, timed when the file gives a time, and the distance is "
        "not stored",
    )


def test_ios_layout_in_kg_when_told_so() -> None:
    got = decode_strong(fixture("strong_ios_comma.csv"), "ios.csv", unit="kg", tz=PARIS)
    assert got.activities[0].sets[0].load_kg == 95.0


def test_ios_layout_without_a_unit_is_refused_at_the_first_load() -> None:
    with pytest.raises(ImportFileError) as caught:
        decode_strong(fixture("strong_ios_comma.csv"), "ios.csv")
    assert str(caught.value) == f'ios.csv: row 2, column "Weight": {UNIT_MISSING}'


def test_ios_layout_of_bodyweight_sets_only_needs_no_unit() -> None:
    data = ios('2024-03-06 18:30:00,"Upper",45m,"Pull Up",1,0,10,0,0,"","",')
    (only,) = decode_strong(data, "bw.csv", tz=PARIS).activities
    assert only.sets == (s("pull-up", "Pull Up", reps=10),)


def test_android_semicolon_layout_reads_the_unit_of_each_row() -> None:
    got = decode_strong(fixture("strong_android_semicolon.csv"), "android.csv", tz=PARIS)
    push, pull = got.activities
    assert push.start == datetime(2023, 11, 20, 6, 5, 12, tzinfo=PARIS)
    assert (push.duration_s, push.notes) == (52 * 60.0, "Push A\ngym was empty")
    assert list(push.sets) == [
        s("overhead press", "Overhead Press (Barbell)", reps=5, load=40.0, rpe=7.0),
        s("overhead press", "Overhead Press (Barbell)", reps=5, load=42.5, rpe=8.0),
        s("dip", "Dip", reps=8, load=20 * LB),
        s("dip", "Dip", reps=10),
        s("Rowing (Machine)", "Rowing (Machine)", secs=480.0),
    ]
    assert (pull.duration_s, pull.notes) == (3600.0, "Pull A")
    assert pull.sets == (s("lat pulldown", "Lat Pulldown (Cable)", reps=10, load=55.0),)
    assert got.unknown_exercises == ("Rowing (Machine)",)


def test_android_row_with_a_load_and_no_unit_uses_the_unit_passed() -> None:
    text = fixture("strong_android_semicolon.csv").replace(b";55;kg;", b";55;;")
    with pytest.raises(ImportFileError, match=r'row 7, column "Weight": the file does not say'):
        decode_strong(text, "android.csv")
    got = decode_strong(text, "android.csv", unit="lb")
    assert got.activities[1].sets[0].load_kg == 55 * LB


def test_strong6_quoted_semicolon_layout() -> None:
    """BOM, units in the header, decimal commas, W/D/F set orders, Rest Timer and Note
    rows skipped, durations in seconds."""
    got = decode_strong(fixture("strong_v6_semicolon_kg.csv"), "v6.csv", tz=PARIS)
    lower, core = got.activities
    assert lower.start == datetime(2025, 1, 13, 17, 2, 11, tzinfo=PARIS)
    assert (lower.duration_s, lower.notes) == (4012.0, "Lower B\nnew belt")
    assert list(lower.sets) == [
        s("deadlift", "Deadlift (Barbell)", SetType.WARMUP, reps=5, load=60.0),
        s("deadlift", "Deadlift (Barbell)", reps=3, load=142.5, rpe=8.5),
        s("leg curl", "Leg Curl (Machine)", reps=12, load=40.0),
        s("leg curl", "Leg Curl (Machine)", SetType.DROP, reps=8, load=30.0),
        s("leg curl", "Leg Curl (Machine)", SetType.FAILURE, reps=6, load=25.0, rpe=10.0),
    ]
    assert (core.duration_s, core.notes) == (1800.0, "Intervals + Core")
    assert list(core.sets) == [
        s("side plank", "Side Plank", secs=45.0),
        s("Cycling (Indoor)", "Cycling (Indoor)", secs=1200.0),
    ]
    assert got.unknown_exercises == ("Cycling (Indoor)",)
    assert len(got.warnings) == 1 and "1 set carries a distance" in got.warnings[0]


def test_strong6_comma_layout_in_pounds() -> None:
    got = decode_strong(fixture("strong_v6_comma_lbs.csv"), "lbs.csv", tz=PARIS)
    (quick,) = got.activities
    assert (quick.duration_s, quick.notes) == (1500.0, "Quick")
    assert list(quick.sets) == [
        s("dumbbell bench press", "Bench Press (Dumbbell)", reps=10, load=50 * LB),
        s("dumbbell bench press", "Bench Press (Dumbbell)", reps=8, load=55 * LB, rpe=9.0),
        s("Running", "Running", secs=600.0),
    ]


def test_a_decimal_comma_is_refused_when_commas_separate_the_fields() -> None:
    text = fixture("strong_v6_comma_lbs.csv").replace(b'"50"', b'"50,5"')
    with pytest.raises(ImportFileError) as caught:
        decode_strong(text, "lbs.csv")
    assert str(caught.value) == (
        "lbs.csv: row 2, column \"Weight (lbs)\": '50,5' is not a number (use a dot for decimals)"
    )


@pytest.mark.parametrize(
    "name", ["strong_ios_comma.csv", "strong_android_semicolon.csv", "strong_v6_semicolon_kg.csv"]
)
def test_windows_line_endings_read_the_same(name: str) -> None:
    data = fixture(name)
    crlf = data.replace(b"\n", b"\r\n")
    lf = decode_strong(data, name, unit="lb", tz=PARIS)
    got = decode_strong(crlf, name, unit="lb", tz=PARIS)
    # The quoted multi-line note keeps its own line break; nothing else differs.
    assert [a.sets for a in got.activities] == [a.sets for a in lf.activities]
    assert [a.start for a in got.activities] == [a.start for a in lf.activities]


def test_the_file_unit_wins_over_the_unit_passed_with_a_warning() -> None:
    got = decode_strong(fixture("strong_v6_semicolon_kg.csv"), "v6.csv", unit="lb")
    assert got.activities[0].sets[0].load_kg == 60.0
    assert got.warnings[0] == "--unit lb was ignored: the file gives its loads in kg"


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        ("55m", 3300.0),
        ("1h 26m", 5160.0),
        ("1h", 3600.0),
        ("1h 5m 30s", 3930.0),
        ("90 min", 5400.0),
        ("1:05:00", 3900.0),
        ("3324", 3324.0),
    ],
)
def test_workout_durations_as_written_by_strong(written: str, seconds: float) -> None:
    data = ios(f'2024-03-06 18:30:00,"Upper",{written},"Pull Up",1,0,10,0,0,"","",')
    (only,) = decode_strong(data, "d.csv").activities
    assert only.duration_s == seconds


@pytest.mark.parametrize("written", ["", "0", "0m"])
def test_a_missing_duration_gives_an_hour_and_a_warning(written: str) -> None:
    data = ios(f'2024-03-06 18:30:00,"Upper",{written},"Pull Up",1,0,10,0,0,"","",')
    got = decode_strong(data, "d.csv")
    assert got.activities[0].duration_s == 3600.0
    assert got.warnings == (
        "no duration in the file for 1 of 1 workouts (first: 2024-03-06 18:30); "
        "each was given 60 min",
    )


@pytest.mark.parametrize("written", ["soon", "1x", "-5", "1:75:00", "49h"])
def test_a_bad_duration_names_row_and_column(written: str) -> None:
    data = ios(f'2024-03-06 18:30:00,"Upper",{written},"Pull Up",1,0,10,0,0,"","",')
    with pytest.raises(ImportFileError, match=r'^d\.csv: row 2, column "Duration": '):
        decode_strong(data, "d.csv")


def test_set_order_markers_are_read_in_any_case_and_others_refused() -> None:
    rows = [
        f'2024-03-06 18:30:00,"Upper",45m,"Pull Up",{order},0,5,0,0,"","",'
        for order in ("w", "1", "d", "f", "note", "REST TIMER")
    ]
    got = decode_strong(ios(*rows), "o.csv")
    assert [x.type for x in got.activities[0].sets] == [
        SetType.WARMUP,
        W,
        SetType.DROP,
        SetType.FAILURE,
    ]
    bad = ios('2024-03-06 18:30:00,"Upper",45m,"Pull Up",X,0,5,0,0,"","",')
    with pytest.raises(ImportFileError) as caught:
        decode_strong(bad, "o.csv")
    assert str(caught.value) == (
        "o.csv: row 2, column \"Set Order\": 'X' is not a set number, W, D, F, Rest Timer or Note"
    )


def test_workouts_are_grouped_by_date_and_name_even_when_rows_interleave() -> None:
    data = ios(
        '2024-03-06 18:30:00,"Upper",45m,"Pull Up",1,0,5,0,0,"","",',
        '2024-03-06 18:30:00,"Lower",30m,"Squat",1,100,5,0,0,"","",',
        '2024-03-06 18:30:00,"Upper",45m,"Pull Up",2,0,6,0,0,"","",',
        '2024-03-01 10:00:00,"Upper",40m,"Pull Up",1,0,4,0,0,"","",',
    )
    got = decode_strong(data, "g.csv", unit="kg", tz=PARIS)
    assert [(a.notes, len(a.sets)) for a in got.activities] == [
        ("Upper", 1),
        ("Upper", 2),
        ("Lower", 1),
    ]
    assert [a.sets[-1].reps for a in got.activities] == [4, 6, 5]


def test_source_hash_names_the_workout_not_the_file_or_the_zone() -> None:
    first = decode_strong(fixture("strong_ios_comma.csv"), "a.csv", unit="lb", tz=PARIS)
    lines = fixture("strong_ios_comma.csv").splitlines(keepends=True)
    later = b"".join(lines[:3] + lines[8:])  # a later export: other rows, same workouts
    again = decode_strong(later, "b.csv", unit="kg", tz=ZoneInfo("America/Chicago"))
    hashes = [a.source_hash for a in first.activities]
    assert [a.source_hash for a in again.activities] == hashes
    assert len(set(hashes)) == 2 and all(h and len(h) == 64 for h in hashes)


def test_two_workouts_with_the_same_start_and_name_still_get_distinct_hashes() -> None:
    header = '"Workout #";"Date";"Workout Name";"Exercise Name";"Set Order";"Weight (kg)";"Reps"\n'
    rows = [f'"{n}";"2024-01-01 10:00:00";"Same";"Squat";"1";"50";"5"\n' for n in (1, 2)]
    got = decode_strong((header + "".join(rows)).encode(), "twice.csv")
    assert len(got.activities) == 2
    assert got.activities[0].source_hash != got.activities[1].source_hash


# ---------------------------------------------------------------- real exports


def test_real_ios_export_2021() -> None:
    data = sample("strong_ios_2021_comma.csv")
    with pytest.raises(ImportFileError, match="pass --unit kg or --unit lb"):
        decode_strong(data, "ios.csv")
    got = decode_strong(data, "ios.csv", unit="lb", tz=PARIS)
    deadlift_day, climbing = got.activities
    assert [len(a.sets) for a in got.activities] == [16, 5]
    assert deadlift_day.start == datetime(2021, 9, 25, 18, 56, 26, tzinfo=PARIS)
    assert (deadlift_day.duration_s, deadlift_day.notes) == (3300.0, "Deadlift Day")
    assert deadlift_day.sets[0] == s(
        "overhead press", "Overhead Press (Barbell)", reps=8, load=65 * LB
    )
    assert deadlift_day.sets[12] == s("bench press", "Bench Press (Barbell)", reps=6, load=115 * LB)
    assert (climbing.duration_s, climbing.notes) == (1080.0, "Climbing + Back")
    assert climbing.sets[0] == s("chin-up", "Chin Up", reps=5)
    assert climbing.sets[-1] == s("pull-up", "Pull Up", reps=5)
    assert got.unknown_exercises == () and got.warnings == ()


def test_real_android_export_2022() -> None:
    got = decode_strong(sample("strong_android_2022_semicolon.csv"), "android.csv", tz=PARIS)
    first, second = got.activities
    assert [len(a.sets) for a in got.activities] == [10, 2]
    assert first.start == datetime(2022, 2, 16, 17, 40, 8, tzinfo=PARIS)
    assert (first.duration_s, first.notes) == (3480.0, "Kod Ivana 1st\nKod Mahera zvanog Ivan")
    assert first.sets[0] == s("overhead press", "Overhead Press (Barbell)", reps=2, load=45 * LB)
    assert first.sets[8] == s("row", "Bent Over Row (Barbell)", reps=6, load=95 * LB)
    assert first.sets[9] == s("deadlift", "Deadlift (Barbell)", reps=5, load=65 * LB)
    assert (second.duration_s, second.notes) == (4020.0, "Kod Ivana 2nd")
    assert [x.load_kg for x in second.sets] == [65 * LB, 55 * LB]


def test_real_strong6_export() -> None:
    got = decode_strong(sample("strong_v6_2024plus_semicolon.csv"), "v6.csv", tz=PARIS)
    first, second = got.activities
    assert [len(a.sets) for a in got.activities] == [10, 2]
    assert first.start == datetime(2020, 1, 20, 11, 43, 41, tzinfo=PARIS)
    assert (first.duration_s, first.notes) == (3324.0, "Hypertrophy 1\n8 rep")
    assert first.sets[0] == s("push-up", "Push Up", reps=8, load=65.181223569)
    assert first.sets[4] == s("inverted row", "Inverted Row (Bodyweight)", reps=8)
    assert first.sets[9] == s("lateral raise", "Lateral Raise (Dumbbell)", reps=7, load=6.80388555)
    assert (second.duration_s, second.notes) == (3157.0, "Hypertrophy 1: 10-12")
    assert [x.reps for x in second.sets] == [9, 10]
