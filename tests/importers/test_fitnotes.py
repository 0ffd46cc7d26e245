"""FitNotes CSV: the unquoted-comma quirk, units per row or in the header, dates only
(noon local), set times, and the real sample export with the quirk in it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from runlift.importers.base import ImportFileError
from runlift.importers.fitnotes import MAX_EXTRA_FIELDS, decode_fitnotes
from runlift.importers.lift_text import KG_PER_LB as LB
from runlift.model.activity import SetType, StrengthSet

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "files" / "csv"
SAMPLES = ROOT.parent / "shared" / "data" / "samples" / "strength-csv"
PARIS = ZoneInfo("Europe/Paris")
NOON_NOTE = "FitNotes records dates only: each workout was placed at 12:00 local time"

NEW_HEADER = "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time\n"


def fixture(name: str) -> bytes:
    return (FILES / name).read_bytes()


def fitnotes(*rows: str, header: str = NEW_HEADER) -> bytes:
    return (header + "".join(r + "\n" for r in rows)).encode()


def s(
    exercise: str,
    raw: str,
    reps: int | None = None,
    load: float | None = None,
    secs: float | None = None,
) -> StrengthSet:
    return StrengthSet(exercise, raw, SetType.WORKING, reps, load, secs)


def test_unit_column_layout_with_a_comma_inside_a_name() -> None:
    got = decode_fitnotes(fixture("fitnotes_unit_column.csv"), "fn.csv", tz=PARIS)
    chest_day, legs_day = got.activities
    assert chest_day.start == datetime(2024, 5, 2, 12, 0, tzinfo=PARIS)
    assert (chest_day.duration_s, chest_day.notes, chest_day.source) == (3600.0, None, "fitnotes")
    assert list(chest_day.sets) == [
        s("bench press", "Flat Barbell Bench Press", reps=5, load=80.0),
        s("bench press", "Flat Barbell Bench Press", reps=5, load=80.0),
        s("lateral raise", "Lateral Raise (Seated, Dumbbells)", reps=12, load=12.5),
        s("lateral raise", "Lateral Raise (Seated, Dumbbells)", reps=10, load=25 * LB),
        s("plank", "Plank", secs=90.0),
    ]
    assert legs_day.start == datetime(2024, 5, 4, 12, 0, tzinfo=PARIS)
    assert list(legs_day.sets) == [
        s("Treadmill Run", "Treadmill Run", secs=1080.0),
        s("back squat", "Barbell Squat", reps=5, load=100.0),
    ]
    assert got.unknown_exercises == ("Treadmill Run",)
    assert got.warnings == (
        "no duration in the file for 2 of 2 workouts (first: 2024-05-02 12:00); "
        "each was given 60 min",
        "1 set carries a distance (first: 'Treadmill Run' on row 7); they stay sets of the "
        "strength session, timed when the file gives a time, and the distance is not stored",
        NOON_NOTE,
    )


def test_unit_in_header_with_commas_in_comments_and_names() -> None:
    """Extra fields go back to the name or the comment, whichever keeps every other
    column readable; a row with commas in both is split between them."""
    got = decode_fitnotes(fixture("fitnotes_unit_header_comment.csv"), "old.csv", tz=PARIS)
    (day,) = got.activities
    assert list(day.sets) == [
        s("deadlift", "Deadlift", reps=5, load=225 * LB),
        s("deadlift", "Deadlift", reps=3, load=245 * LB),
        s("overhead press", "Overhead Press (Standing, Barbell)", reps=5, load=95 * LB),
        s("Curl (Hammer, Dumbbell)", "Curl (Hammer, Dumbbell)", reps=10, load=30 * LB),
    ]
    assert got.unknown_exercises == ("Curl (Hammer, Dumbbell)",)


def test_ios_layout_reads_the_kg_column() -> None:
    header = (
        "Date,Exercise,Category,Weight (kg),Weight (lbs),Reps,Distance,Distance Unit,Time,"
        "Notes,Kind\n"
    )
    data = fitnotes("2024-05-02,Deadlift,Back,100,220.46,5,,,,heavy, slow,strength", header=header)
    (day,) = decode_fitnotes(data, "ios.csv").activities
    assert day.sets == (s("deadlift", "Deadlift", reps=5, load=100.0),)


def test_a_row_no_split_can_fit_names_the_row() -> None:
    data = fitnotes(
        "2024-05-02,Deadlift,Back,100.0,kgs,5,,,",
        "2024-05-02,Row, Barbell,Back,abc,kgs,5,,,",
    )
    with pytest.raises(ImportFileError) as caught:
        decode_fitnotes(data, "fn.csv")
    assert (
        str(caught.value)
        == "fn.csv: row 3: 10 fields where the header has 9 (with ',' between fields)"
    )


def test_too_many_extra_fields_are_refused() -> None:
    name = ",".join(["x"] * (MAX_EXTRA_FIELDS + 2))
    data = fitnotes(f"2024-05-02,{name},Back,100.0,kgs,5,,,")
    with pytest.raises(ImportFileError, match=r"row 2: \d+ fields where the header has 9"):
        decode_fitnotes(data, "fn.csv")


def test_a_row_with_too_few_fields_is_refused() -> None:
    with pytest.raises(ImportFileError, match="row 2: 6 fields where the header has 9"):
        decode_fitnotes(fitnotes("2024-05-02,Deadlift,Back,100.0,kgs,5"), "fn.csv")


def test_noon_keeps_the_day_for_a_zone_wrong_by_up_to_eleven_hours() -> None:
    data = fitnotes("2024-05-02,Deadlift,Back,100.0,kgs,5,,,")
    (day,) = decode_fitnotes(data, "fn.csv", tz=UTC).activities
    assert day.start == datetime(2024, 5, 2, 12, 0, tzinfo=UTC)
    for seen_in in (ZoneInfo("Pacific/Pago_Pago"), ZoneInfo("Pacific/Noumea")):  # -11, +11
        assert day.start.astimezone(seen_in).date() == day.start.date()


def test_default_zone_is_the_system_zone_at_that_date() -> None:
    data = fitnotes("2024-05-02,Deadlift,Back,100.0,kgs,5,,,")
    (day,) = decode_fitnotes(data, "fn.csv").activities
    assert day.start == datetime(2024, 5, 2, 12, 0).astimezone()
    assert day.start.utcoffset() is not None


@pytest.mark.parametrize(("written", "seconds"), [("0:01:30", 90.0), ("1:30", 90.0), ("45", 45.0)])
def test_set_times(written: str, seconds: float) -> None:
    data = fitnotes(f"2024-05-02,Plank,Abs,,,,,,{written}")
    (day,) = decode_fitnotes(data, "fn.csv", tz=timezone(timedelta(hours=2))).activities
    assert day.sets[0].duration_s == seconds


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("2024-02-30", "2024-02-30 is not a date that exists"),
        ("2024-05-02 10:00:00", "'2024-05-02 10:00:00' is not a date like 2025-04-29"),
        ("02/05/2024", "'02/05/2024' is not a date like 2025-04-29"),
    ],
)
def test_bad_dates_name_row_and_column(written: str, problem: str) -> None:
    data = fitnotes(
        "2024-05-02,Deadlift,Back,100.0,kgs,5,,,", f"{written},Deadlift,Back,1,kgs,5,,,"
    )
    with pytest.raises(ImportFileError) as caught:
        decode_fitnotes(data, "fn.csv")
    assert str(caught.value) == f'fn.csv: row 3, column "Date": {problem}'


def test_real_sample_export_with_the_comma_quirk() -> None:
    path = SAMPLES / "fitnotes_export.csv"
    if not path.is_file():
        pytest.skip(f"real sample exports not found at {SAMPLES}")
    got = decode_fitnotes(path.read_bytes(), "FitNotes_Export.csv", tz=PARIS)
    (day,) = got.activities
    assert day.start == datetime(2025, 4, 29, 12, 0, tzinfo=PARIS)
    assert (day.duration_s, len(day.sets)) == (3600.0, 16)
    press = [x for x in day.sets if x.exercise_raw == "Overhead Press (Each Side, Dumbbells)"]
    assert [(x.reps, x.load_kg) for x in press] == [(5, 8.0), (5, 8.0), (3, 10.0), (2, 8.0)]
    assert {x.exercise for x in press} == {"dumbbell overhead press"}
    assert day.sets[0] == s(
        "bench press", "Flat Barbell Bench Press (Each Side) (Smith Machine)", reps=20, load=7.5
    )
    assert day.sets[10] == s("cable row", "Seated Cable Row", reps=5, load=35.0)
    assert day.sets[-1] == s("biceps curl", "Dumbbell Curl (Each Side)", reps=6, load=10.0)
    assert got.unknown_exercises == ()
    assert got.warnings[-1] == NOON_NOTE
