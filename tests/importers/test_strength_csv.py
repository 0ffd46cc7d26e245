"""What the three lifting-app readers share: telling the apps apart by content, every
error naming the file, row and column, hostile files (binary, other encodings, huge
lines and fields, 100 MB, CSV injection), time zones, a round trip through a written
Strong export, and random mutations of the fixtures."""

from __future__ import annotations

import csv
import io
import math
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlift.importers import strength_csv
from runlift.importers.base import MAX_ACTIVITY_S, Decoded, ImportFileError
from runlift.importers.fitnotes import decode_fitnotes
from runlift.importers.hevy import decode_hevy
from runlift.importers.strength_csv import (
    DECODERS,
    MAX_LINE_BYTES,
    MAX_LOAD_KG,
    MAX_REPS,
    decode_strength_csv,
    sniff_strength_csv,
)
from runlift.importers.strong import decode_strong
from runlift.model.activity import ActivityModality, SetType, StrengthSet
from runlift.model.exercises import canonical_or_raw

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "files" / "csv"
SAMPLES = ROOT.parent / "shared" / "data" / "samples" / "strength-csv"
FIXTURES = {p.name: p.read_bytes() for p in sorted(FILES.glob("*.csv"))}
PARIS = ZoneInfo("Europe/Paris")

Reader = Callable[..., Decoded]

STRONG_COLUMNS = ("Date", "Workout Name", "Exercise Name", "Set Order", "Weight (kg)", "Reps")
STRONG_DEFAULTS = {
    "Date": "2024-03-06 18:30:00",
    "Workout Name": "Upper",
    "Exercise Name": "Bench Press",
    "Set Order": "1",
    "Weight (kg)": "60",
    "Weight": "60",
    "Reps": "8",
    "RPE": "",
    "Seconds": "",
    "Weight Unit": "kg",
}


def strong(*rows: dict[str, str], columns: tuple[str, ...] = STRONG_COLUMNS) -> bytes:
    """A small comma-separated Strong file; each row overrides the defaults it names."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for changes in rows:
        cells = {**STRONG_DEFAULTS, **changes}
        writer.writerow([cells[c] for c in columns])
    return out.getvalue().encode()


def message(reader: Reader, data: bytes, unit: str | None = None) -> str:
    with pytest.raises(ImportFileError) as caught:
        reader(data, "e.csv", unit=unit)
    return str(caught.value)


# ---------------------------------------------------------------- telling apps apart


@pytest.mark.parametrize(
    ("name", "app"),
    [
        ("strong_ios_comma.csv", "strong"),
        ("strong_android_semicolon.csv", "strong"),
        ("strong_v6_semicolon_kg.csv", "strong"),
        ("strong_v6_comma_lbs.csv", "strong"),
        ("hevy_kg.csv", "hevy"),
        ("hevy_lbs.csv", "hevy"),
        ("fitnotes_unit_column.csv", "fitnotes"),
        ("fitnotes_unit_header_comment.csv", "fitnotes"),
    ],
)
def test_sniff_knows_every_fixture_from_its_header(name: str, app: str) -> None:
    assert sniff_strength_csv(FIXTURES[name]) == app
    got = decode_strength_csv(FIXTURES[name], name, unit="lb")
    assert {a.source for a in got.activities} == {app}


@pytest.mark.parametrize(
    ("name", "app"),
    [
        ("strong_ios_2021_comma.csv", "strong"),
        ("strong_android_2022_semicolon.csv", "strong"),
        ("strong_v6_2024plus_semicolon.csv", "strong"),
        ("hevy_workout_data.csv", "hevy"),
        ("fitnotes_export.csv", "fitnotes"),
        ("dailystrength_android.csv", None),
    ],
)
def test_sniff_knows_every_real_sample(name: str, app: str | None) -> None:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"real sample exports not found at {SAMPLES}")
    assert sniff_strength_csv(path.read_bytes()) == app


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"\x00\x01\x02\x03",
        "Date,Exercise,Reps\n".encode("utf-16"),
        b"Activity ID,Activity Date,Activity Name,Activity Type\n1,2,3,4\n",
        b'"Date","Workout name","Exercise","Set","Weight","Reps"\n',
        b"<?xml version='1.0'?><gpx></gpx>",
        b"\xff\xfe\xfd" * 100,
        b'"Date",\r"Exercise Name","Set Order"\n',
    ],
)
def test_sniff_says_none_for_anything_else(data: bytes) -> None:
    assert sniff_strength_csv(data) is None


def test_sniff_reads_content_not_names_and_survives_a_bom_and_blank_lines() -> None:
    data = b"\xef\xbb\xbf\r\n\r\n" + FIXTURES["hevy_kg.csv"]
    assert sniff_strength_csv(data) == "hevy"
    assert len(decode_strength_csv(data, "strong.csv").activities) == 2


def test_every_app_has_a_reader() -> None:
    assert {
        "strong": strength_csv.decode_strong,
        "hevy": strength_csv.decode_hevy,
        "fitnotes": strength_csv.decode_fitnotes,
    } == DECODERS
    data = FIXTURES["fitnotes_unit_column.csv"]
    assert strength_csv.decode_fitnotes(data, "f.csv") == decode_fitnotes(data, "f.csv")


def test_an_unknown_header_is_refused_by_the_sniffing_reader() -> None:
    assert message(decode_strength_csv, b"a,b,c\n1,2,3\n") == (
        "e.csv: the header is not that of a Strong, Hevy or FitNotes CSV export"
    )
    assert message(decode_strength_csv, b"") == "e.csv: the file is empty"


# ---------------------------------------------------------------- errors in a row


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"Weight (kg)": "abc"}, "column \"Weight (kg)\": 'abc' is not a number"),
        ({"Weight (kg)": "nan"}, "column \"Weight (kg)\": 'nan' is not a number"),
        ({"Weight (kg)": "1e3"}, "column \"Weight (kg)\": '1e3' is not a number"),
        ({"Weight (kg)": "=1+2"}, "column \"Weight (kg)\": '=1+2' is not a number"),
        ({"Weight (kg)": "-20"}, "column \"Weight (kg)\": a load cannot be negative (got '-20')"),
        (
            {"Weight (kg)": "1500.5"},
            'column "Weight (kg)": a load of 1,500.5 kg is not plausible (at most 1,500 kg)',
        ),
        ({"Reps": "-3"}, "column \"Reps\": reps cannot be negative (got '-3')"),
        ({"Reps": "5.5"}, "column \"Reps\": reps must be a whole number (got '5.5')"),
        ({"Reps": "1001"}, 'column "Reps": 1,001 reps in one set is not plausible'),
        ({"Reps": "9" * 60}, 'column "Reps": \'99999999999999999999999999999999999999'),
        ({"RPE": "11"}, "column \"RPE\": an RPE must be between 1 and 10 (got '11')"),
        ({"RPE": "0.5"}, "column \"RPE\": an RPE must be between 1 and 10 (got '0.5')"),
        ({"Seconds": "-5"}, "column \"Seconds\": a set time cannot be negative (got '-5')"),
        ({"Seconds": "200000"}, 'column "Seconds": a set time of 200,000 is not plausible'),
        ({"Date": "2023-02-30 10:00:00"}, 'column "Date": 2023-02-30 is not a date that exists'),
        ({"Date": "2023-02-10 25:00:00"}, 'column "Date": 25:00:00 is not a time that exists'),
        ({"Date": "1899-12-31 10:00:00"}, 'column "Date": the year 1899 is not plausible'),
        ({"Date": ""}, 'column "Date": the date is empty'),
        (
            {"Date": "yesterday"},
            "column \"Date\": 'yesterday' is not a date like 2021-09-25 18:56:26 or "
            "9 Apr 2026, 17:18",
        ),
        ({"Exercise Name": " "}, 'column "Exercise Name": the exercise name is empty'),
        (
            {"Exercise Name": "x" * 201},
            'column "Exercise Name": an exercise name of 201 characters is not plausible '
            "(at most 200)",
        ),
        ({"Weight Unit": "stone"}, "column \"Weight Unit\": 'stone' is not kg or lb"),
    ],
)
def test_a_bad_value_names_the_file_row_column_and_value(
    changes: dict[str, str], problem: str
) -> None:
    columns = (*STRONG_COLUMNS, "RPE", "Seconds")
    if "Weight Unit" in changes:
        columns = ("Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Weight Unit")
        columns += ("Reps",)
    data = strong({}, changes, columns=columns)
    assert message(decode_strong, data).startswith(f"e.csv: row 3, {problem}")


def test_hevy_and_fitnotes_name_their_columns_too() -> None:
    hevy = FIXTURES["hevy_kg.csv"].replace(b'"dropset",70,8', b'"dropset",70,-8')
    assert message(decode_hevy, hevy) == (
        "e.csv: row 4, column \"reps\": reps cannot be negative (got '-8')"
    )
    fitnotes = FIXTURES["fitnotes_unit_column.csv"].replace(b"100.0,kgs", b"1600,kgs")
    assert message(decode_fitnotes, fitnotes) == (
        'e.csv: row 8, column "Weight": a load of 1,600.0 kg is not plausible (at most 1,500 kg)'
    )
    pounds = FIXTURES["fitnotes_unit_header_comment.csv"].replace(b"225.0", b"3400")
    assert message(decode_fitnotes, pounds).startswith(
        'e.csv: row 2, column "Weight (lbs)": a load of 1,542.2 kg is not plausible'
    )


def test_after_a_multi_line_note_the_text_line_is_given_too() -> None:
    data = FIXTURES["strong_ios_comma.csv"].replace(b"135.0", b"abc")
    assert message(decode_strong, data, unit="lb") == (
        "e.csv: row 8 (line 9), column \"Weight\": 'abc' is not a number"
    )


def test_blank_lines_above_the_header_count_as_rows() -> None:
    data = b"\n\r\n" + strong({"Reps": "abc"})
    assert message(decode_strong, data) == "e.csv: row 4, column \"Reps\": 'abc' is not a number"


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"Reps": "\u0663"}, "column \"Reps\": '\u0663' is not a number"),
        ({"Reps": "\uff15"}, "column \"Reps\": '\uff15' is not a number"),
        ({"Set Order": "\u0663"}, "column \"Set Order\": '\u0663' is not a set number"),
        ({"Date": "2024-03-06 18:30:00" + "0" * 50}, 'column "Date": \'2024-03-06 18:30:00000'),
    ],
)
def test_only_ascii_digits_and_short_values_are_read(changes: dict[str, str], problem: str) -> None:
    assert message(decode_strong, strong(changes)).startswith(f"e.csv: row 2, {problem}")


def test_one_bad_row_fails_the_whole_file() -> None:
    good = [{"Reps": str(n)} for n in range(1, 50)]
    data = strong(*good, {"Reps": "abc"}, *good)
    assert message(decode_strong, data).startswith("e.csv: row 51, ")


# ---------------------------------------------------------------- errors in the file


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the file is empty"),
        (b"\xef\xbb\xbf \r\n\t\n", "the file is empty"),
        (b"\n\x0b\x0c\n", "the file holds no header, only blank space"),
        (bytes(range(256)) * 4, "this is a binary file, not a CSV export"),
        (b"PK\x03\x04" + b"\x00" * 40, "this is a ZIP archive (unzip it and import the CSV"),
        (b"\x1f\x8b\x08\x00", "this is a gzip archive"),
        (
            "Date,Exercise Name\n".encode("utf-16"),
            "the file is UTF-16 text, not UTF-8: save it as CSV (UTF-8) and import again",
        ),
        (
            b"Date,Workout Name,Exercise Name,Set Order,Weight (kg),Reps\n",
            "the file has no sets after the header",
        ),
        (
            b"Date,Workout Name,Exercise Name,Set Order,Weight (kg),Reps\n"
            b"2024-03-06 18:30:00,Upper,Bench,Rest Timer,,\n\n",
            "the file has no sets after the header",
        ),
        (
            b"Date,Workout Name,Exercise Name,Weight (kg)\n",
            'row 1: the header has no "Set Order", "Reps" columns, so this is not a Strong '
            "CSV export",
        ),
        (
            b"Date,Workout Name,Exercise Name,Set Order,Weight (kg),Reps,Reps\n",
            'row 1: the header has two columns called "Reps"',
        ),
        (
            b"Date,Workout Name,Exercise Name,Set Order,Weight (kg),Reps\n"
            b"2024-03-06 18:30:00,Upper,Bench,1,60,8,extra\n",
            "row 2: 7 fields where the header has 6 (with ',' between fields)",
        ),
        (
            b"Date,Workout Name,Exercise Name,Set Order,Weight (kg),Reps\n"
            b"2024-03-06 18:30:00,Upper,Bench,1,60\n",
            "row 2: 5 fields where the header has 6 (with ',' between fields)",
        ),
        (
            b"Date,Workout Name,Exercise Name,Set Order,Weight (kg),Reps\n"
            b'2024-03-06 18:30:00,"Upper,Bench,1,60,8\n2024-03-06 18:30:00,Upper,Bench,1,60,8\n',
            "row 2: 2 fields where the header has 6 (with ',' between fields; a quote that is "
            "never closed?)",
        ),
        (
            b"Date,Workout Name,Exercise Name,Set Order,Weight (kg),Reps\n"
            b"2024-03-06 18:30:00,Up\rper,Bench,1,60,8\n",
            "row 2: the CSV cannot be read (a line break inside a field that is not quoted)",
        ),
        (
            b"\rDate,Workout Name,Exercise Name,Set Order,Weight (kg),Reps\n",
            "row 1: the CSV cannot be read (a line break inside a field that is not quoted)",
        ),
    ],
)
def test_a_file_that_is_not_a_usable_export_says_why(data: bytes, problem: str) -> None:
    assert message(decode_strong, data).startswith(f"e.csv: {problem}")


def test_a_file_of_another_app_says_which_app_it_looks_like() -> None:
    assert message(decode_strong, FIXTURES["hevy_kg.csv"]) == (
        'e.csv: row 1: the header has no "Date", "Workout Name", "Exercise Name", "Set Order", '
        '"Weight" columns; this looks like a Hevy export, not a Strong one'
    )
    assert message(decode_hevy, FIXTURES["fitnotes_unit_column.csv"]).endswith(
        "this looks like a FitNotes export, not a Hevy one"
    )


def test_another_encoding_is_reported_with_its_line() -> None:
    data = strong({}, {"Exercise Name": "Développé couché"}).decode().encode("latin-1")
    assert message(decode_strong, data) == (
        "e.csv: line 3 is not UTF-8 text (byte 0xE9 at byte 28 of the line): save the file as "
        "CSV (UTF-8) and import again"
    )


def test_a_bom_is_skipped_and_utf8_names_are_kept() -> None:
    data = b"\xef\xbb\xbf" + strong({"Exercise Name": "Développé couché"})
    (only,) = decode_strong(data, "u.csv").activities
    assert only.sets[0].exercise_raw == "Développé couché"


def test_a_unit_argument_must_be_kg_or_lb() -> None:
    data = FIXTURES["strong_ios_comma.csv"]
    assert message(decode_strong, data, unit="stone") == (
        "e.csv: the unit must be kg or lb (got 'stone')"
    )
    for unit in ("kg", "KG", "kgs", "lb", "lbs", "pounds"):
        assert decode_strong(data, "u.csv", unit=unit).activities


# ---------------------------------------------------------------- hostile files


def test_a_nul_byte_past_the_sniffed_head_is_refused_with_its_line() -> None:
    data = strong(*[{}] * 400) + b"2024-03-06 18:30:00,Up\x00per,Bench,1,60,8\n"
    assert len(data) > 8192
    assert message(decode_strong, data) == (
        "e.csv: line 402 holds a NUL byte: this is not a text CSV file"
    )


def test_a_huge_line_is_refused_without_reading_it_all() -> None:
    data = strong({}) + b"x" * (100 * 2**20)
    tracemalloc.start()
    try:
        problem = message(decode_strong, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problem == (
        f"e.csv: line 3 is longer than {MAX_LINE_BYTES:,} bytes: this is not a lifting-app export"
    )
    assert peak < 2 * 2**20


def test_a_huge_quoted_field_over_many_lines_is_refused() -> None:
    note = "\n".join(["y" * 1000] * 200)
    data = strong({}) + f'2024-03-06 18:30:00,Upper,"{note}",1,60,8\n'.encode()
    assert message(decode_strong, data) == (
        "e.csv: row 3: the CSV cannot be read (field larger than field limit (131072))"
    )


def test_a_100_mb_file_is_read_as_a_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows are read one by one: past the row limit the reader stops, having held
    only a little more than the rows it kept."""
    monkeypatch.setattr(strength_csv, "MAX_ROWS", 1000)
    row = b"2024-03-06 18:30:00,Upper,Bench Press,1,60,8\n"
    data = strong({}) + row * (100 * 2**20 // len(row))
    tracemalloc.start()
    try:
        problem = message(decode_strong, data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problem == (
        "e.csv: row 1002: the file has more than 1,000 rows, far more than a lifting history; "
        "split it"
    )
    assert peak < 4 * 2**20


def test_the_row_limit_leaves_room_for_decades_of_training() -> None:
    assert strength_csv.MAX_ROWS >= 200_000
    assert (MAX_REPS, MAX_LOAD_KG) == (1000, 1500.0)


def test_csv_injection_strings_are_plain_text() -> None:
    hostile = ["=cmd|' /C calc'!A0", "+SUM(1+1)", "-2+3", '@HYPERLINK("http://x")']
    rows = [{"Exercise Name": h, "Workout Name": "=1+1"} for h in hostile]
    got = decode_strong(strong(*rows), "i.csv")
    (only,) = got.activities
    assert [x.exercise_raw for x in only.sets] == hostile
    assert [x.exercise for x in only.sets] == hostile
    assert got.unknown_exercises == tuple(hostile)
    assert only.notes == "=1+1"


# ---------------------------------------------------------------- time zones


@pytest.mark.parametrize(
    "tz", [PARIS, ZoneInfo("America/New_York"), timezone(timedelta(hours=-5, minutes=-30))]
)
def test_wall_clock_times_are_made_aware_in_the_zone_given(tz: tzinfo) -> None:
    (only,) = decode_strong(strong({}), "z.csv", tz=tz).activities
    assert only.start == datetime(2024, 3, 6, 18, 30, tzinfo=tz)
    assert only.start.utcoffset() == tz.utcoffset(datetime(2024, 3, 6, 18, 30))


def test_by_default_the_system_zone_of_that_date_is_used() -> None:
    data = strong({"Date": "2024-01-10 08:00:00"}, {"Date": "2024-07-10 08:00:00"})
    winter, summer = decode_strong(data, "z.csv").activities
    assert winter.start == datetime(2024, 1, 10, 8, 0).astimezone()
    assert summer.start == datetime(2024, 7, 10, 8, 0).astimezone()
    assert winter.start.tzinfo is not None and summer.start.tzinfo is not None


# ---------------------------------------------------------------- round trip


V6_COLUMNS = (
    "Workout #",
    "Date",
    "Workout Name",
    "Duration (sec)",
    "Exercise Name",
    "Set Order",
    "Weight (kg)",
    "Reps",
    "RPE",
    "Distance (meters)",
    "Seconds",
    "Notes",
    "Workout Notes",
)
ORDER_OF = {SetType.WARMUP: "W", SetType.DROP: "D", SetType.FAILURE: "F"}

names = (
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(lambda n: 0 < len(n) <= 200)
)
sets = st.builds(
    lambda raw, kind, reps, load, secs, rpe: StrengthSet(
        canonical_or_raw(raw)[0], raw, kind, reps, load, secs, rpe
    ),
    st.one_of(names, st.sampled_from(["Squat (Barbell)", "Bench Press", "Plank", "Pull Up"])),
    st.sampled_from(list(SetType)).filter(lambda t: t is not SetType.REST),
    st.one_of(st.none(), st.integers(1, MAX_REPS)),
    st.one_of(st.none(), st.floats(0.25, MAX_LOAD_KG)),
    st.one_of(st.none(), st.integers(1, 3600).map(float)),
    st.one_of(st.none(), st.sampled_from([x / 2 for x in range(2, 21)])),
)
workouts = st.lists(
    st.tuples(
        st.datetimes(datetime(2000, 1, 1), datetime(2030, 12, 31)).map(
            lambda d: d.replace(microsecond=0)
        ),
        names,
        st.integers(1, MAX_ACTIVITY_S),
        st.lists(sets, min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=4,
    unique_by=lambda w: w[0],
)


def _write_v6(plan: list[tuple[datetime, str, int, list[StrengthSet]]], delimiter: str) -> bytes:
    def num(value: float | None) -> str:
        text = "" if value is None else repr(value)
        return text.replace(".", ",") if delimiter == ";" else text

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(V6_COLUMNS)
    for number, (start, title, seconds, done) in enumerate(plan, 1):
        for index, x in enumerate(done, 1):
            writer.writerow(
                [
                    number,
                    start.strftime("%Y-%m-%d %H:%M:%S"),
                    title,
                    seconds,
                    x.exercise_raw,
                    ORDER_OF.get(x.type, index),
                    num(x.load_kg),
                    "" if x.reps is None else x.reps,
                    num(x.rpe),
                    "",
                    num(x.duration_s),
                    "",
                    "",
                ]
            )
    return out.getvalue().encode()


@given(workouts, st.sampled_from([",", ";"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_written_strong6_export_reads_back_exactly(
    plan: list[tuple[datetime, str, int, list[StrengthSet]]], delimiter: str
) -> None:
    got = decode_strong(_write_v6(plan, delimiter), "rt.csv", tz=UTC)
    expected = sorted(plan, key=lambda w: w[0])
    assert [a.start for a in got.activities] == [w[0].replace(tzinfo=UTC) for w in expected]
    assert [a.notes for a in got.activities] == [w[1] for w in expected]
    assert [a.duration_s for a in got.activities] == [float(w[2]) for w in expected]
    assert [list(a.sets) for a in got.activities] == [w[3] for w in expected]


# ---------------------------------------------------------------- random damage

TOKENS = [b",", b";", b'"', b"\n", b"\r\n", b"-", b"0", b"9" * 12, b"\xff", b"\x00", b"W", b" "]


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(sorted(FIXTURES.values()))))
    for _ in range(draw(st.integers(1, 5))):
        pos = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["set", "insert", "delete", "repeat", "cut"]))
        if kind == "set" and pos < len(data):
            data[pos] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[pos:pos] = draw(st.one_of(st.sampled_from(TOKENS), st.binary(max_size=6)))
        elif kind == "delete":
            del data[pos : pos + draw(st.integers(1, 40))]
        elif kind == "repeat":
            data[pos:pos] = data[pos : pos + draw(st.integers(1, 200))]
        else:
            del data[pos:]
    return bytes(data)


def _check(decoded: Decoded) -> None:
    assert decoded.activities
    for activity in decoded.activities:
        assert activity.start.utcoffset() is not None
        assert 0 < activity.duration_s <= MAX_ACTIVITY_S
        assert activity.modality is ActivityModality.STRENGTH and activity.sets
        for x in activity.sets:
            assert x.exercise_raw and x.exercise_raw == x.exercise_raw.strip()
            assert x.reps is None or 1 <= x.reps <= MAX_REPS
            assert x.load_kg is None or 0 < x.load_kg <= MAX_LOAD_KG
            assert x.duration_s is None or (x.duration_s > 0 and math.isfinite(x.duration_s))
            assert x.rpe is None or 1 <= x.rpe <= 10


@given(damaged(), st.sampled_from([None, "kg", "lb"]), st.sampled_from([None, PARIS]))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_damaged_files_give_activities_or_a_file_error(
    data: bytes, unit: str | None, tz: tzinfo | None
) -> None:
    assert sniff_strength_csv(data) in (None, "strong", "hevy", "fitnotes")
    for reader in (decode_strong, decode_hevy, decode_fitnotes, decode_strength_csv):
        try:
            decoded = reader(data, "d.csv", unit=unit, tz=tz)
        except ImportFileError as exc:
            assert str(exc).startswith("d.csv: ")
        else:
            _check(decoded)
