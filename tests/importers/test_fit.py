"""FIT activity files: real runs, rides and strength sessions (with their CSV oracles),
multisport splitting, the compressed-timestamp fallback, plausibility limits, and
broken input of every kind, which must always end in ImportFileError."""

from __future__ import annotations

import csv
import gc
import hashlib
import io
import math
import os
import random
import time
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from garmin_fit_sdk import CrcCalculator, Decoder, Encoder, Profile, Stream
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlift.importers import fit as fit_module
from runlift.importers.base import MAX_ACTIVITY_S, Decoded, ImportFileError
from runlift.importers.fit import decode_fit, fit_crc
from runlift.importers.fit_exercises import (
    CATEGORY_TO_CATALOGUE,
    UNKNOWN_EXERCISE,
    exercise_for_category,
)
from runlift.model.activity import Activity, ActivityModality, SetType, Streams
from runlift.model.exercises import normalise_exercise

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "tests" / "files" / "fit"
SAMPLES = Path(
    os.environ.get("RUNLIFT_FIT_SAMPLES", ROOT.parent / "shared" / "data" / "samples" / "fit")
)

FENIX2_RUN = "activity-small-fenix2-run.fit"
FR110_RUN = "2013-02-06-12-11-14.fit"
FENIX5_RUN = "garmin-fenix-5-run.fit"
FR70_COMPRESSED = "compressed-speed-distance.fit"
STRENGTH = "20748058539_ACTIVITY.fit"
BIKE_AND_STRENGTH = "20744294788_ACTIVITY.fit"
FIXTURES = (FENIX2_RUN, FR110_RUN, FENIX5_RUN, FR70_COMPRESSED, STRENGTH, BIKE_AND_STRENGTH)
SMALL = (FENIX5_RUN, FR70_COMPRESSED, FR110_RUN, STRENGTH)

MESG = Profile["mesg_num"]
T0 = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)


def fixture(name: str) -> bytes:
    return (FILES / name).read_bytes()


def samples() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(SAMPLES.rglob("*.fit"))


def sample(relative: str) -> bytes:
    path = SAMPLES / relative
    if not path.is_file():
        pytest.skip(f"the shared FIT samples are not at {SAMPLES} (set RUNLIFT_FIT_SAMPLES)")
    return path.read_bytes()


def only(decoded: Decoded) -> Activity:
    assert len(decoded.activities) == 1
    return decoded.activities[0]


def raw_records(data: bytes) -> list[dict[str, Any]]:
    """The record messages as garmin-fit-sdk's default decode gives them."""
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return [dict(m) for m in messages["record_mesgs"]]


def valid(values: tuple[float, ...] | None) -> list[float]:
    assert values is not None
    return [v for v in values if not math.isnan(v)]


def refuses(data: bytes, *words: str) -> str:
    with pytest.raises(ImportFileError) as caught:
        decode_fit(data, "input.fit")
    reason = caught.value.reason
    assert caught.value.name == "input.fit"
    for word in words:
        assert word in reason, reason
    return reason


# --------------------------------------------------------------- synthetic files


def encode(*messages: tuple[str, dict[str, Any]]) -> bytes:
    encoder = Encoder()
    for name, values in messages:
        encoder.on_mesg(MESG[name], values)
    return encoder.close()


def file_id(kind: str = "activity") -> tuple[str, dict[str, Any]]:
    return (
        "FILE_ID",
        {
            "type": kind,
            "manufacturer": "development",
            "product": 0,
            "serial_number": 1,
            "time_created": T0,
        },
    )


def session(**values: Any) -> tuple[str, dict[str, Any]]:
    fields: dict[str, Any] = {
        "timestamp": T0 + timedelta(seconds=10),
        "start_time": T0,
        "total_elapsed_time": 10.0,
        "total_timer_time": 10.0,
        "total_distance": 30.0,
        "sport": "running",
        "sub_sport": "generic",
    }
    fields.update(values)
    return "SESSION", fields


def record(second: int, **values: Any) -> tuple[str, dict[str, Any]]:
    return "RECORD", {"timestamp": T0 + timedelta(seconds=second), **values}


def run_file(*extra: tuple[str, dict[str, Any]], **session_values: Any) -> bytes:
    records = [record(i, heart_rate=140, enhanced_speed=3.0, distance=3.0 * i) for i in range(10)]
    return encode(file_id(), *records, *extra, session(**session_values))


def with_header(body: bytes, *, header_crc: bool = True) -> bytes:
    """A 14-byte FIT header in front of ``body``, and a correct file checksum after."""
    header = bytearray(
        bytes([14, 0x20]) + (2100).to_bytes(2, "little") + len(body).to_bytes(4, "little")
    )
    header += b".FIT"
    header += (fit_crc(bytes(header)) if header_crc else 0).to_bytes(2, "little")
    whole = bytes(header) + body
    return whole + fit_crc(whole).to_bytes(2, "little")


def refit(data: bytes) -> bytes:
    """``data`` with its header's data size and both checksums made consistent again, so a
    damaged body reaches the message decoder instead of failing the checksum."""
    size = data[0] if data else 0
    if size not in (12, 14) or len(data) < size + 2:
        return data
    return with_header(data[size:-2])


# ------------------------------------------------------------------ real runs


def test_fenix2_run() -> None:
    data = fixture(FENIX2_RUN)
    decoded = decode_fit(data, FENIX2_RUN)
    run = only(decoded)
    assert decoded.warnings == ()
    assert run.modality is ActivityModality.RUN
    assert run.sport == "running"
    assert run.start == datetime(2015, 8, 15, 14, 45, 8, tzinfo=UTC)
    assert run.start.utcoffset() == timedelta(hours=2)  # local_timestamp - timestamp
    assert run.duration_s == 2832.0  # about 47 minutes
    assert run.moving_s == 2832.0
    assert run.distance_m == pytest.approx(9008.22)
    assert run.ascent_m == 64.0
    assert run.device == "Garmin fenix2"
    assert (run.source, run.source_file) == ("fit", FENIX2_RUN)
    assert run.source_hash == hashlib.sha256(data).hexdigest()
    assert len(run.laps) == 4
    assert sum(lap.duration_s for lap in run.laps) == pytest.approx(run.duration_s, abs=30)
    streams = run.streams
    assert streams is not None
    assert len(streams) == 2809
    assert len(valid(streams.heart_rate)) == 2808
    assert streams.time_s[0] == 0.0
    assert streams.time_s[-1] == 2833.0
    assert streams.power_w is None
    # No heart rate in the session summary: taken from the samples.
    assert run.max_hr == 178.0
    assert run.avg_hr == pytest.approx(sum(valid(streams.heart_rate)) / 2808, abs=0.05)


def test_running_cadence_is_stored_in_steps_per_minute() -> None:
    data = fixture(FENIX5_RUN)
    run = only(decode_fit(data, FENIX5_RUN))
    assert run.streams is not None and run.streams.cadence is not None
    expected = [2 * (r["cadence"] + r.get("fractional_cadence", 0.0)) for r in raw_records(data)]
    assert list(run.streams.cadence) == pytest.approx(expected)
    assert max(run.streams.cadence) > 150  # steps, not strides


def test_fr110_run_has_five_laps() -> None:
    run = only(decode_fit(fixture(FR110_RUN), FR110_RUN))
    assert run.modality is ActivityModality.RUN
    assert len(run.laps) == 5
    assert run.laps[0].start == run.start == datetime(2013, 2, 6, 12, 11, 14, tzinfo=UTC)
    assert [round(lap.distance_m or 0) for lap in run.laps][:1] == [1000]
    assert (run.avg_hr, run.max_hr) == (147.0, 171.0)
    assert run.streams is not None
    assert len(run.streams) == 590
    assert run.streams.cadence is None  # never recorded
    assert run.device == "Garmin fr110"


def test_fenix5_run_matches_the_csv_oracle() -> None:
    data = fixture(FENIX5_RUN)
    run = only(decode_fit(data, FENIX5_RUN))
    assert run.start.utcoffset() == timedelta(hours=-7)  # the oracle's PDT
    rows = list(csv.DictReader(io.StringIO((FILES / "garmin-fenix-5-run-records.csv").read_text())))
    streams = run.streams
    assert streams is not None and len(streams) == len(rows) == 21
    for i, row in enumerate(rows):
        moment = datetime.strptime(row["timestamp"], "%a %b %d %H:%M:%S PDT %Y")
        utc = moment.replace(tzinfo=timezone(timedelta(hours=-7)))
        assert run.start + timedelta(seconds=streams.time_s[i]) == utc
        assert streams.heart_rate is not None and streams.heart_rate[i] == float(row["heart_rate"])
        assert streams.speed_mps is not None
        assert streams.speed_mps[i] == pytest.approx(float(row["speed"]))
        assert streams.distance_m is not None
        assert streams.distance_m[i] == pytest.approx(float(row["distance"]))
        assert streams.altitude_m is not None
        assert streams.altitude_m[i] == pytest.approx(float(row["altitude"]))
        assert streams.cadence is not None
        assert int(streams.cadence[i] / 2) == int(row["cadence"])


def test_compressed_timestamps_decode_through_the_fallback() -> None:
    data = fixture(FR70_COMPRESSED)
    # garmin-fit-sdk alone stops at the first compressed header with no records.
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors and messages["record_mesgs"] == []

    decoded = decode_fit(data, FR70_COMPRESSED)
    run = only(decoded)
    assert run.modality is ActivityModality.RUN
    assert len(run.laps) == 11
    assert run.streams is not None and len(run.streams) == 755
    assert run.duration_s == pytest.approx(3883.273)
    assert run.distance_m == pytest.approx(10248.67)
    assert (run.avg_hr, run.max_hr) == (170.0, 190.0)
    # The FR70's clock was never set: the start is the local time it recorded.
    assert any("clock was not set" in w for w in decoded.warnings)
    assert run.start == datetime(2012, 2, 13, 11, 16, 16, tzinfo=UTC)
    assert run.start + timedelta(seconds=run.duration_s) <= datetime(
        2012, 2, 13, 12, 21, 3, tzinfo=UTC
    )

    text = (FILES / "compressed-speed-distance-records.csv").read_text()
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert len(rows) == 754  # the oracle leaves out the first, time-only record
    streams = run.streams
    first_relative = 17217864  # session start_time, device seconds
    by_time = {int(t): i for i, t in enumerate(streams.time_s)}
    for stamp, hr, speed, distance, cadence in rows:
        i = by_time[int(stamp) - first_relative]
        assert streams.heart_rate is not None and streams.heart_rate[i] == float(hr)
        assert streams.speed_mps is not None
        assert streams.speed_mps[i] == pytest.approx(float(speed))
        assert streams.distance_m is not None
        assert streams.distance_m[i] == pytest.approx(float(distance))
        assert streams.cadence is not None
        if cadence == "null":
            assert math.isnan(streams.cadence[i])
        else:
            assert streams.cadence[i] == 2 * float(cadence)


def test_edge_500_ride_matches_the_csv_oracle() -> None:
    data = sample("activities/garmin-edge-500-activity.fit")
    oracle = SAMPLES / "activities" / "garmin-edge-500-activity-records.csv"
    ride = only(decode_fit(data, "edge500.fit"))
    assert ride.modality is ActivityModality.OTHER
    assert ride.sport == "cycling"
    assert ride.start.utcoffset() == timedelta(0)  # no local time in the file
    streams = ride.streams
    assert streams is not None
    rows = list(csv.DictReader(io.StringIO(oracle.read_text())))
    assert len(streams) == len(rows) == 10686
    pdt = timezone(timedelta(hours=-7))
    for i in range(0, len(rows), 7):
        row = rows[i]
        moment = datetime.strptime(row["timestamp"], "%a %b %d %H:%M:%S PDT %Y")
        assert ride.start + timedelta(seconds=streams.time_s[i]) == moment.replace(tzinfo=pdt)
        assert streams.heart_rate is not None and streams.heart_rate[i] == float(row["heart_rate"])
        assert streams.speed_mps is not None
        assert streams.speed_mps[i] == pytest.approx(float(row["speed"]))
        assert streams.distance_m is not None
        assert streams.distance_m[i] == pytest.approx(float(row["distance"]))
        assert streams.altitude_m is not None
        assert streams.altitude_m[i] == pytest.approx(float(row["altitude"]))
        assert streams.cadence is not None
        if math.isnan(streams.cadence[i]):
            assert row["cadence"] == "0"  # the oracle writes 0 where the record has none
        else:
            assert streams.cadence[i] == float(row["cadence"])  # pedal rpm, not doubled


# ------------------------------------------------------------------- strength


def set_messages(data: bytes) -> list[dict[str, Any]]:
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return [dict(m) for m in messages["set_mesgs"]]


def test_strength_session_sets() -> None:
    data = fixture(STRENGTH)
    decoded = decode_fit(data, STRENGTH)
    lift = only(decoded)
    assert lift.modality is ActivityModality.STRENGTH
    assert lift.sport == "strength_training"
    assert lift.distance_m is None
    assert lift.start == datetime(2025, 10, 20, 17, 44, 6, tzinfo=UTC)
    assert lift.start.utcoffset() == timedelta(hours=3)
    assert lift.device == "Garmin fr965"

    raw = set_messages(data)
    assert len(raw) == len(lift.sets) == 27
    working = [s for s in lift.sets if s.type is SetType.WORKING]
    rests = [s for s in lift.sets if s.type is SetType.REST]
    assert len(working) == sum(1 for m in raw if m["set_type"] == "active") == 14
    assert len(rests) == 13
    assert all(
        (s.exercise, s.exercise_raw, s.reps, s.load_kg) == ("rest", "rest", None, None)
        for s in rests
    )
    assert rests[0].duration_s == pytest.approx(34.243)

    first = lift.sets[0]  # guesses pull_up, shrug, hip_raise; 15 reps; no load entered
    assert (first.exercise, first.exercise_raw, first.reps, first.load_kg) == (
        "pull-up",
        "pull_up",
        15,
        None,
    )
    assert first.duration_s == pytest.approx(75.391)
    loaded = [s for s in working if s.load_kg is not None]
    assert {s.load_kg for s in loaded} == {14.0}
    assert ("bench press", "bench_press", 6, 14.0) in [
        (s.exercise, s.exercise_raw, s.reps, s.load_kg) for s in loaded
    ]
    # Guesses that are all 'unknown' give the raw name "unknown exercise".
    unknown_sets = [s for s in working if s.exercise == UNKNOWN_EXERCISE]
    assert len(unknown_sets) == 6
    assert all(s.exercise_raw == "unknown" for s in unknown_sets)
    assert set(decoded.unknown_exercises) == {"shrug", UNKNOWN_EXERCISE}
    # A zero-rep set is kept, without a rep count.
    assert working[-1].reps is None


def test_multisport_bike_then_strength_is_split() -> None:
    data = fixture(BIKE_AND_STRENGTH)
    decoded = decode_fit(data, BIKE_AND_STRENGTH)
    bike, lift = decoded.activities
    assert (bike.modality, bike.sport) == (ActivityModality.OTHER, "cycling")
    assert (lift.modality, lift.sport) == (ActivityModality.STRENGTH, "strength_training")
    assert bike.start == datetime(2025, 10, 20, 10, 9, 48, tzinfo=UTC)
    assert lift.start == datetime(2025, 10, 20, 10, 21, 30, tzinfo=UTC)
    assert bike.duration_s == pytest.approx(623.77)
    assert lift.duration_s == pytest.approx(3946.006)
    assert bike.distance_m == pytest.approx(4331.59)
    assert bike.sets == ()
    assert len(lift.sets) == len(set_messages(data)) == 83
    assert bike.streams is not None and lift.streams is not None
    assert len(bike.streams) + len(lift.streams) == len(raw_records(data)) == 2587
    assert len(bike.streams) == 602
    assert bike.streams.power_w is not None and lift.streams.power_w is None
    assert len(bike.laps) == 1
    digest = hashlib.sha256(data).hexdigest()
    assert (bike.source_hash, lift.source_hash) == (f"{digest}:1", f"{digest}:2")
    assert {"flye", "shrug", "total body", "olympic lift", UNKNOWN_EXERCISE} == set(
        decoded.unknown_exercises
    )
    assert "triceps extension" in {s.exercise for s in lift.sets}


def test_fenix2_multisport_drops_transitions() -> None:
    data = sample("activities/activity-large-fenxi2-multisport.fit")
    decoded = decode_fit(data, "multisport.fit")
    assert [a.sport for a in decoded.activities] == ["generic", "running", "running", "cycling"]
    assert [a.modality for a in decoded.activities] == [
        ActivityModality.OTHER,
        ActivityModality.RUN,
        ActivityModality.RUN,
        ActivityModality.OTHER,
    ]
    assert any("3 multisport transition parts" in w for w in decoded.warnings)
    kept = sum(len(a.streams or ()) for a in decoded.activities)
    assert 24239 - 700 < kept < 24239  # the transitions' few minutes of samples are gone
    first = decoded.activities[0]
    # Its start_time is off by 45 min; the end stamp minus the duration is right.
    assert first.start == datetime(2015, 8, 29, 7, 14, 44, tzinfo=UTC)
    assert any("contradicts" in w for w in decoded.warnings)
    for activity in decoded.activities:
        assert activity.streams is not None
        assert min(activity.streams.time_s) >= 0


# ----------------------------------------------------------------- not activities


def test_a_workout_file_is_refused_as_a_plan() -> None:
    workout = encode(
        file_id("workout"),
        ("WORKOUT", {"sport": "running", "num_valid_steps": 1, "wkt_name": "easy"}),
        (
            "WORKOUT_STEP",
            {"message_index": 0, "duration_type": "time", "duration_value": 600000},
        ),
    )
    refuses(workout, "planned workout", "not a completed activity")


@pytest.mark.parametrize(
    "name",
    [
        "WorkoutIndividualSteps.fit",
        "WorkoutRepeatSteps.fit",
        "WorkoutRepeatGreaterThanStep.fit",
        "WorkoutCustomTargetValues.fit",
    ],
)
def test_sdk_workout_samples_are_refused(name: str) -> None:
    refuses(sample(f"workouts/{name}"), "planned workout")


def test_other_file_types_are_named() -> None:
    refuses(encode(file_id("settings")), "FIT settings file", "not an activity")


def test_an_activity_without_a_session_is_refused() -> None:
    refuses(encode(file_id(), record(0, heart_rate=120)), "no session")


def test_only_transitions_is_refused() -> None:
    refuses(encode(file_id(), session(sport="transition")), "only multisport transitions")


# ------------------------------------------------------------------ plausibility


def test_a_session_over_48_hours_is_refused() -> None:
    refuses(run_file(total_elapsed_time=49 * 3600 + 600.0), "lasts 49 h 10 min", "48 h")
    assert only(decode_fit(run_file(total_elapsed_time=float(MAX_ACTIVITY_S)), "ok.fit"))


def test_a_run_faster_than_any_human_is_refused() -> None:
    refuses(run_file(total_distance=10000.0, total_timer_time=600.0), "16.7 m/s")
    # Without a recorded average speed the distance over moving time counts.
    refuses(run_file(enhanced_avg_speed=13.0), "13.0 m/s")


def test_a_fast_ride_is_not_a_run() -> None:
    ride = only(decode_fit(run_file(sport="cycling", enhanced_avg_speed=14.0), "ride.fit"))
    assert ride.modality is ActivityModality.OTHER


def test_a_negative_distance_is_refused() -> None:
    # No FIT encoder can write one (the field is unsigned); a decoder could still hand
    # one over, so the rule is checked on decoded messages.
    messages: dict[str, list[dict[Any, Any]]] = {
        "file_id_mesgs": [{"type": "activity"}],
        "session_mesgs": [
            {"start_time": 1_000_000_000, "total_elapsed_time": 60.0, "total_distance": -5.0}
        ],
    }
    with pytest.raises(ImportFileError, match="negative distance"):
        fit_module._build(messages, b"", "odd.fit", fit_module._Notes())


def test_implausible_heart_rate_samples_become_nan() -> None:
    records = [record(i, heart_rate=[140, 250, 20, 141][i % 4]) for i in range(8)]
    data = encode(file_id(), *records, session(avg_heart_rate=250, max_heart_rate=150))
    decoded = decode_fit(data, "hr.fit")
    run = only(decoded)
    assert run.streams is not None and run.streams.heart_rate is not None
    hr = run.streams.heart_rate
    assert [math.isnan(v) for v in hr] == [False, True, True, False] * 2
    assert any("4 heart-rate samples outside 25-240 bpm" in w for w in decoded.warnings)
    assert run.avg_hr is None  # 250 in the summary is left out, not recomputed
    assert run.max_hr == 150.0
    assert any("average heart rate of 250 bpm" in w for w in decoded.warnings)


def test_run_speed_spikes_are_dropped() -> None:
    records = [record(i, enhanced_speed=[3.0, 40.0][i % 2]) for i in range(6)]
    decoded = decode_fit(encode(file_id(), *records, session()), "gps.fit")
    speed = only(decoded).streams
    assert speed is not None and speed.speed_mps is not None
    assert valid(speed.speed_mps) == [3.0, 3.0, 3.0]
    assert any("3 speed samples above 12.5 m/s" in w for w in decoded.warnings)


def test_missing_samples_are_nan_and_absent_channels_none() -> None:
    records = [record(0, heart_rate=120), record(1), record(2, heart_rate=122, power=200)]
    run = only(decode_fit(encode(file_id(), *records, session()), "gaps.fit"))
    streams = run.streams
    assert streams is not None
    assert streams.time_s == (0.0, 1.0, 2.0)
    assert streams.heart_rate is not None and math.isnan(streams.heart_rate[1])
    assert streams.power_w is not None and valid(streams.power_w) == [200.0]
    assert streams.speed_mps is None and streams.cadence is None
    assert streams.altitude_m is None and streams.distance_m is None


def test_cadence256_is_read_when_cadence_is_absent() -> None:
    records = [record(i, cadence256=85.5) for i in range(3)]
    run = only(decode_fit(encode(file_id(), *records, session()), "c256.fit"))
    assert run.streams is not None and run.streams.cadence == (171.0, 171.0, 171.0)


def test_timezone_from_local_timestamp() -> None:
    end = T0 + timedelta(seconds=10)
    fit_end = int(end.timestamp()) - fit_module.FIT_EPOCH_S
    activity = (
        "ACTIVITY",
        {"timestamp": end, "local_timestamp": fit_end + 5 * 3600 + 45 * 60, "num_sessions": 1},
    )
    run = only(decode_fit(run_file(activity), "nepal.fit"))
    assert run.start == T0
    assert run.start.utcoffset() == timedelta(hours=5, minutes=45)
    assert run.laps == ()


def test_strength_set_loads_and_categories() -> None:
    def done(second: int, **values: Any) -> tuple[str, dict[str, Any]]:
        return "SET", {"timestamp": T0, "start_time": T0 + timedelta(seconds=second), **values}

    data = encode(
        file_id(),
        done(0, set_type="active", category=["squat"], repetitions=5, weight=100.0, duration=30.0),
        done(40, set_type="rest", duration=90.0),
        done(130, set_type="active", category=["unknown", "crunch"], repetitions=20, weight=0.0),
        done(200, set_type="active", category=["sit_up"], repetitions=0),
        done(260, set_type="active", category=["deadlift"], repetitions=3, weight=2000.0),
        session(sport="training", sub_sport="strength_training", total_elapsed_time=300.0),
    )
    decoded = decode_fit(data, "lift.fit")
    lift = only(decoded)
    assert lift.modality is ActivityModality.STRENGTH
    got = [(s.exercise, s.exercise_raw, s.type, s.reps, s.load_kg) for s in lift.sets]
    assert got == [
        ("back squat", "squat", SetType.WORKING, 5, 100.0),
        ("rest", "rest", SetType.REST, None, None),
        ("crunch", "crunch", SetType.WORKING, 20, None),
        ("sit-up", "sit_up", SetType.WORKING, None, None),
        ("deadlift", "deadlift", SetType.WORKING, 3, None),
    ]
    assert lift.sets[1].duration_s == 90.0
    assert decoded.unknown_exercises == ("crunch",)
    assert any("2000 kg is not plausible" in w for w in decoded.warnings)


def test_sets_in_a_non_strength_session_are_ignored_with_a_warning() -> None:
    data = encode(
        file_id(),
        ("SET", {"start_time": T0, "set_type": "active", "category": ["squat"]}),
        session(sport="cycling"),
    )
    decoded = decode_fit(data, "odd.fit")
    assert only(decoded).sets == ()
    assert any("strength sets in a cycling session were ignored" in w for w in decoded.warnings)


# ----------------------------------------------------------------- exercises


def test_mapped_categories_are_in_the_catalogue() -> None:
    for category, spelling in CATEGORY_TO_CATALOGUE.items():
        assert category in Profile["types"]["exercise_category"].values()
        assert normalise_exercise(spelling) is not None, spelling


def test_unmapped_categories_stay_unknown_with_readable_names() -> None:
    for category in Profile["types"]["exercise_category"].values():
        name, known = exercise_for_category(category)
        if category in CATEGORY_TO_CATALOGUE:
            assert known
        else:
            assert not known, (category, name)  # no accidental catalogue match
            assert "_" not in name
    assert exercise_for_category("sit_up") == ("sit-up", True)
    assert exercise_for_category("hip_raise") == ("glute bridge", True)
    assert exercise_for_category("total_body") == ("total body", False)
    assert exercise_for_category("unknown") == (UNKNOWN_EXERCISE, False)


# ------------------------------------------------------------- broken input


def test_empty_file() -> None:
    refuses(b"", "empty")


def test_random_bytes() -> None:
    refuses(bytes(random.Random(7).randrange(256) for _ in range(10)), "not a FIT file")


def test_a_fit_header_with_a_garbage_body() -> None:
    body = bytes(random.Random(3).randrange(256) for _ in range(500))
    refuses(with_header(body), "damaged")  # checksums right: the decoder itself fails
    broken = bytearray(with_header(body))
    broken[-1] ^= 0xFF
    refuses(bytes(broken), "checksum does not match")


def test_a_header_checksum_of_zero_is_accepted() -> None:
    # The FR110 file really has one (fit-tool and fitfast wrongly refuse it).
    data = fixture(FR110_RUN)
    assert data[12:14] == b"\x00\x00"
    body = fixture(FENIX5_RUN)[14:-2]
    assert only(decode_fit(with_header(body, header_crc=False), "zero.fit")).sport == "running"


def test_a_damaged_header_checksum() -> None:
    data = bytearray(fixture(FENIX5_RUN))
    data[12] ^= 0x01
    refuses(bytes(data), "header is damaged")


@pytest.mark.parametrize("name", FIXTURES)
def test_truncated_files(name: str) -> None:
    data = fixture(name)
    for cut in (1, 11, 13, len(data) // 3, len(data) - 1):
        reason = refuses(data[:cut])
        assert "truncated" in reason or "not a FIT file" in reason, (cut, reason)


@pytest.mark.parametrize("name", FIXTURES)
def test_one_flipped_byte_fails_the_checksum(name: str) -> None:
    data = bytearray(fixture(name))
    data[len(data) // 2] ^= 0x10
    refuses(bytes(data), "checksum does not match")


def test_twenty_megabytes_of_zeros_is_refused_quickly() -> None:
    started = time.perf_counter()
    refuses(bytes(20 * 1024 * 1024), "not a FIT file")
    assert time.perf_counter() - started < 1.0


def test_a_header_announcing_twenty_megabytes_is_refused_quickly() -> None:
    header = bytearray(fixture(FENIX5_RUN)[:14])
    header[4:8] = (20 * 1024 * 1024).to_bytes(4, "little")
    header[12:14] = fit_crc(bytes(header[:12])).to_bytes(2, "little")
    started = time.perf_counter()
    refuses(bytes(header) + bytes(1000), "truncated")
    refuses(with_header(bytes(2 * 1024 * 1024)), "damaged")
    assert time.perf_counter() - started < 5.0


GPX = b"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
 <trk><trkseg><trkpt lat="60.1" lon="24.9"><time>2024-05-01T06:00:00Z</time></trkpt>
 </trkseg></trk></gpx>
"""


def test_other_formats_are_named() -> None:
    refuses(GPX, "GPX file")
    refuses(b"\xef\xbb\xbf<TrainingCenterDatabase>", "TCX file")
    refuses(zlib.compress(b"x"), "not a FIT file")
    gz = b"\x1f\x8b\x08\x00" + bytes(20)
    refuses(gz, "gzip")
    refuses(b"PK\x03\x04" + bytes(20), "ZIP")
    refuses(b'{"type": "run"}', "JSON")
    gpx_sample = SAMPLES.parent / "gpx" / "garmin-activity.gpx"
    if gpx_sample.is_file():
        refuses(gpx_sample.read_bytes(), "GPX file")


def test_unreadable_trailing_bytes_are_ignored_with_a_warning() -> None:
    decoded = decode_fit(fixture(FENIX5_RUN) + b"garbage", "tail.fit")
    assert only(decoded).sport == "running"
    assert decoded.warnings == (
        "ignored 7 bytes after the end of the FIT data that are not an intact FIT file",
    )


def test_a_chained_file_with_a_corrupt_second_header() -> None:
    decoded = decode_fit(sample("invalid/activity-settings-corruptheader.fit"), "chained.fit")
    assert len(decoded.activities) == 1
    assert any("ignored 83 bytes" in w for w in decoded.warnings)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("activity-unexpected-eof.fit", ("truncated",)),
        ("activity-filecrc.fit", ("checksum does not match",)),
    ],
)
def test_the_invalid_samples(name: str, words: tuple[str, ...]) -> None:
    refuses(sample(f"invalid/{name}"), *words)


def test_an_unexpected_decoder_failure_becomes_an_import_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def explode(*_: object, **__: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(fit_module, "_build", explode)
    reason = refuses(fixture(FENIX5_RUN), "could not handle")
    assert "boom" in reason


def test_a_decoder_error_is_described() -> None:
    # A record that claims a field layout it never defined.
    body = bytes([0x00]) + bytes(20)
    refuses(with_header(body), "damaged", "never defined")


def mutate(data: bytes, draw: st.DataObject) -> bytes:
    out = bytearray(data)
    for _ in range(draw.draw(st.integers(1, 4), label="edits")):
        position = draw.draw(st.integers(0, len(out) - 1), label="position")
        kind = draw.draw(st.sampled_from(["flip", "delete", "insert", "zero"]), label="kind")
        if kind == "flip":
            out[position] ^= 1 << draw.draw(st.integers(0, 7))
        elif kind == "delete":
            del out[position : position + draw.draw(st.integers(1, 64))]
        elif kind == "insert":
            out[position:position] = draw.draw(st.binary(min_size=1, max_size=16))
        else:
            out[position : position + 8] = bytes(8)
        if not out:
            break
    return bytes(out)


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.data())
def test_mutated_files_never_raise_anything_but_import_file_error(data: st.DataObject) -> None:
    original = fixture(data.draw(st.sampled_from(SMALL), label="file"))
    damaged = mutate(original, data)
    if data.draw(st.booleans(), label="fix checksums"):
        damaged = refit(damaged)  # let the damage reach the message decoder
    try:
        decoded = decode_fit(damaged, "mutant.fit")
    except ImportFileError as exc:
        assert exc.reason
        return
    for activity in decoded.activities:
        assert activity.start.tzinfo is not None
        if activity.streams is not None:
            n = len(activity.streams)
            assert all(
                getattr(activity.streams, c) is None or len(getattr(activity.streams, c)) == n
                for c in Streams.CHANNELS
            )


# -------------------------------------------------------------- decoder agreement


def decode_with(data: bytes, read: Callable[[bytes], Any]) -> Decoded:
    notes = fit_module._Notes()
    header = fit_module._read_header(data, "x.fit")
    checked = fit_module._checked(data, header, "x.fit", notes)
    return fit_module._build(read(checked), data, "x.fit", notes)


def same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Streams) and isinstance(b, Streams):
        return all(same(getattr(a, c), getattr(b, c)) for c in ("time_s", *Streams.CHANNELS))
    return a == b


def agreeing_files() -> Iterator[Path]:
    for name in FIXTURES:
        if name != FR70_COMPRESSED:  # garmin-fit-sdk cannot read it at all
            yield FILES / name
    for path in samples():
        small = path.stat().st_size < 200_000
        if path.parent.name in ("activities", "strength") and small and path.name not in FIXTURES:
            yield path


@pytest.mark.parametrize("path", list(agreeing_files()), ids=lambda p: p.name)
def test_fast_options_fitdecode_and_full_decode_agree(path: Path) -> None:
    """The fast garmin options lose nothing we read, and the fitdecode fallback reads
    the same activities as garmin-fit-sdk."""
    name = path.name
    data = path.read_bytes()
    fast = decode_fit(data, "x.fit")
    full = decode_with(data, lambda d: fit_module._garmin_read(d, full=True)[0])
    other = decode_with(data, lambda d: fit_module._fitdecode_read(d, "x.fit"))
    for version in (full, other):
        assert version.warnings == fast.warnings
        assert version.unknown_exercises == fast.unknown_exercises
        assert len(version.activities) == len(fast.activities)
        for mine, theirs in zip(fast.activities, version.activities, strict=True):
            for slot in Activity.__slots__:
                assert same(getattr(mine, slot), getattr(theirs, slot)), (name, slot)


# ------------------------------------------------------------- every sample


@pytest.mark.skipif(not samples(), reason=f"the shared FIT samples are not at {SAMPLES}")
@pytest.mark.parametrize("path", samples(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shared_sample(path: Path) -> None:
    data = path.read_bytes()
    if path.parent.name == "workouts":
        refuses(data, "planned workout")
        return
    if path.parent.name == "invalid" and "corruptheader" not in path.name:
        refuses(data)
        return
    decoded = decode_fit(data, path.name)
    assert decoded.activities
    for activity in decoded.activities:
        offset = activity.start.utcoffset()
        assert offset is not None and abs(offset) <= timedelta(hours=18)
        assert 0 < activity.duration_s <= MAX_ACTIVITY_S
        assert activity.source == "fit" and activity.source_file == path.name
        streams = activity.streams
        assert streams is not None
        assert min(streams.time_s) >= 0
        for channel in Streams.CHANNELS:
            values = getattr(streams, channel)
            assert values is None or len(values) == len(streams)
        if activity.modality is ActivityModality.STRENGTH:
            assert activity.sets
        hr = streams.heart_rate
        assert hr is None or all(25 <= v <= 240 for v in valid(hr))


def test_no_shared_samples_is_reported_as_a_skip() -> None:
    if not samples():
        pytest.skip(f"the shared FIT samples are not at {SAMPLES} (set RUNLIFT_FIT_SAMPLES)")
    assert len(samples()) >= 15


# ------------------------------------------------------------------ checksum, speed


def test_fit_crc_matches_the_sdk() -> None:
    rng = random.Random(11)
    for size in (0, 1, 2, 13, 1000):
        block = bytes(rng.randrange(256) for _ in range(size))
        assert fit_crc(block) == CrcCalculator.calculate_crc(block, 0, size)
    whole = fixture(FENIX5_RUN)
    assert fit_crc(whole) == 0  # data followed by its own checksum


def best_time(action: Callable[[], object], rounds: int = 5) -> float:
    best = math.inf
    for _ in range(rounds):
        gc.collect()
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def test_import_costs_no_more_than_the_bare_sdk_decode() -> None:
    """The goal is at most 1.2x garmin-fit-sdk's default decode; the measured ratio is
    about 0.7 (see the module notes). The bound here leaves room for a busy machine."""
    data = fixture(FENIX2_RUN)

    def bare() -> object:
        return Decoder(Stream.from_byte_array(bytearray(data))).read()

    ours = best_time(lambda: decode_fit(data, FENIX2_RUN))
    theirs = best_time(bare)
    assert ours <= 1.5 * theirs, (ours, theirs)
