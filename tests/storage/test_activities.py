"""Activities with laps, sets and streams: what goes in comes back, on both engines."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
import sqlalchemy as sa

from runlift.errors import InputError
from runlift.model.activity import Activity, ActivityModality, Lap, Streams
from runlift.storage import Database, DuplicateActivity, InvalidRecordError, NotFoundError
from tests.storage.helpers import (
    NEPAL,
    NEWFOUNDLAND,
    assert_same_activity,
    count_rows,
    lift,
    plan_document,
    run,
)


@pytest.fixture
def sam(db: Database) -> int:
    return db.ensure_athlete("Sam")


def roundtrip(db: Database, athlete: int, activity: Activity) -> Activity:
    stored = db.get_activity(db.add_activity(athlete, activity)).activity
    assert_same_activity(stored, activity)
    return stored


def test_a_full_run_round_trips(db: Database, sam: int) -> None:
    stored = roundtrip(db, sam, run(source_hash="h1"))
    assert stored.start.isoformat() == "2026-12-07T06:30:15.250000+05:45"
    assert stored.duration_s == 1800.5 and stored.rpe == 4.5
    assert stored.streams is not None and stored.streams.power_w is None


@pytest.mark.parametrize(
    "zone",
    [NEPAL, NEWFOUNDLAND, UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))],
    ids=["+05:45", "-03:30", "UTC", "+14:00", "-12:00"],
)
def test_start_keeps_its_original_offset(db: Database, sam: int, zone: timezone) -> None:
    start = datetime(2026, 3, 29, 0, 15, 1, 999_999, tzinfo=zone)
    stored = roundtrip(db, sam, run(start))
    assert stored.start == start
    assert stored.start.isoformat() == start.isoformat()


def test_a_zoneinfo_start_comes_back_as_the_same_instant_and_offset(db: Database, sam: int) -> None:
    from zoneinfo import ZoneInfo

    start = datetime(2026, 7, 1, 6, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    stored = roundtrip(db, sam, run(start))
    assert stored.start == start and stored.start.utcoffset() == timedelta(hours=2)


def test_only_sets_no_streams_no_laps(db: Database, sam: int) -> None:
    stored = roundtrip(db, sam, lift())
    assert stored.streams is None and stored.laps == ()
    assert [s.reps for s in stored.sets] == [5, 4, 0, None, None]
    assert stored.sets[1].rir == 1.5


def test_empty_streams_are_not_the_same_as_no_streams(db: Database, sam: int) -> None:
    stored = roundtrip(db, sam, run(streams=Streams(time_s=())))
    assert stored.streams == Streams(time_s=())


def test_nan_samples_missing_and_all_nan_channels(db: Database, sam: int) -> None:
    streams = Streams(
        time_s=(0.0, 1.0, 2.0),
        heart_rate=(120.0, math.nan, 122.0),
        power_w=(math.nan, math.nan, math.nan),
    )
    stored = roundtrip(db, sam, run(streams=streams))
    assert stored.streams is not None
    assert stored.streams.speed_mps is None and stored.streams.cadence is None
    assert math.isnan(stored.streams.heart_rate[1])  # type: ignore[index]
    assert all(math.isnan(v) for v in stored.streams.power_w)  # type: ignore[union-attr]


def test_streams_keep_float32_precision(db: Database, sam: int) -> None:
    values = (0.1, 3.456, 42195.37, 1234567.8)
    streams = Streams(time_s=(0.0, 0.5, 1.0, 1.5), speed_mps=values)
    stored = roundtrip(db, sam, run(streams=streams))
    assert stored.streams is not None and stored.streams.speed_mps is not None
    for got, given in zip(stored.streams.speed_mps, values, strict=True):
        assert got == pytest.approx(given, rel=1e-7)


def test_floats_outside_streams_are_exact_and_nan_becomes_none(db: Database, sam: int) -> None:
    activity = run(
        distance_m=0.1 + 0.2, ascent_m=1e-300, moving_s=1.7976931348623157e308, avg_hr=math.nan
    )
    stored = db.get_activity(db.add_activity(sam, activity)).activity
    assert stored.distance_m == 0.1 + 0.2
    assert stored.ascent_m == 1e-300
    assert stored.moving_s == 1.7976931348623157e308
    assert stored.avg_hr is None


def test_unicode_and_one_megabyte_notes(db: Database, sam: int) -> None:
    notes = "Läuft gut 🏃‍♀️ — 東京 — ñ\n" + "x" * 1_000_000
    stored = roundtrip(db, sam, run(notes=notes, device="Coros Pace 3 «beta»"))
    assert stored.notes == notes


def test_a_long_one_hz_activity(db: Database, sam: int) -> None:
    stored = roundtrip(db, sam, run(samples=3600))
    assert stored.streams is not None and len(stored.streams) == 3600


def test_duplicate_hash_is_refused_with_the_existing_id(db: Database, sam: int) -> None:
    first = db.add_activity(sam, run(source_hash="abc123abc123abc123"))
    with pytest.raises(DuplicateActivity) as info:
        db.add_activity(sam, run(source_hash="abc123abc123abc123", notes="again"))
    assert info.value.existing_id == first
    assert isinstance(info.value, InputError) and info.value.exit_code == 2
    assert f"activity {first}" in str(info.value)
    assert count_rows(db, "activities") == 1
    assert db.find_by_hash(sam, "abc123abc123abc123") == first
    assert db.find_by_hash(sam, "other") is None


def test_a_duplicate_slipping_past_the_check_is_still_reported_as_duplicate(
    db: Database, sam: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes storing the same file at once: the unique index catches the second."""
    first = db.add_activity(sam, run(source_hash="race"))
    original = Database._by_hash
    calls = iter([None])  # the pre-insert check misses the row, as if it were not yet there

    def racy(connection: Any, athlete_id: int, source_hash: str) -> int | None:
        return next(calls, original(connection, athlete_id, source_hash))

    monkeypatch.setattr(Database, "_by_hash", staticmethod(racy))
    with pytest.raises(DuplicateActivity) as info:
        db.add_activity(sam, run(source_hash="race"))
    assert info.value.existing_id == first
    assert count_rows(db, "activities") == 1


def test_hash_is_unique_per_athlete_and_none_never_collides(db: Database, sam: int) -> None:
    kim = db.ensure_athlete("Kim")
    db.add_activity(sam, run(source_hash="same"))
    db.add_activity(kim, run(source_hash="same"))
    db.add_activity(sam, run())
    db.add_activity(sam, run())
    assert count_rows(db, "activities") == 4
    assert db.find_by_hash(kim, "same") != db.find_by_hash(sam, "same")


def test_a_naive_start_is_refused(db: Database, sam: int) -> None:
    with pytest.raises(InvalidRecordError, match="timezone-aware"):
        db.add_activity(sam, run(datetime(2026, 1, 1, 7, 0)))
    naive_lap = Lap(start=datetime(2026, 1, 1, 7, 0), duration_s=60.0)
    with pytest.raises(InvalidRecordError, match="lap 1 start"):
        db.add_activity(sam, run(laps=(naive_lap,)))
    assert count_rows(db, "activities") == 0


def test_streams_of_unequal_length_write_nothing(db: Database, sam: int) -> None:
    bad = Streams(time_s=(0.0, 1.0), cadence=(170.0,))
    with pytest.raises(InvalidRecordError, match="cadence"):
        db.add_activity(sam, run(streams=bad))
    assert count_rows(db, "activities") == 0


def test_an_unknown_modality_is_refused(db: Database, sam: int) -> None:
    with pytest.raises(InvalidRecordError, match="modality must be run, strength or other"):
        db.add_activity(sam, run(modality="swim"))
    assert count_rows(db, "activities") == 0


def test_unknown_ids(db: Database, sam: int) -> None:
    with pytest.raises(NotFoundError, match="no activity with id 999"):
        db.get_activity(999)
    with pytest.raises(NotFoundError):
        db.delete_activity(999)
    with pytest.raises(NotFoundError, match="no athlete with id 999"):
        db.add_activity(999, run())


def test_with_streams_false_leaves_streams_out(db: Database, sam: int) -> None:
    activity_id = db.add_activity(sam, run())
    stored = db.get_activity(activity_id, with_streams=False).activity
    assert stored.streams is None and len(stored.laps) == 2


def test_delete_cascades_to_laps_sets_streams_and_links(db: Database, sam: int) -> None:
    plan = db.save_plan(sam, plan_document())
    keep = db.add_activity(sam, lift(source_hash="keep"))
    gone_run = db.add_activity(sam, run(sets=lift().sets))
    db.link_activity(gone_run, plan.id, "w1-mon-1", "completed")
    db.link_activity(keep, plan.id, "w1-wed-1", "completed")
    db.delete_activity(gone_run)
    assert count_rows(db, "activities") == 1
    assert count_rows(db, "laps") == 0
    assert count_rows(db, "streams") == 0
    assert count_rows(db, "strength_sets") == len(lift().sets)
    assert db.links_for_plan(plan.id) == [(keep, "w1-wed-1", "completed")]
    assert db.integrity_check() == []


def test_list_orders_by_start_and_filters(db: Database, sam: int) -> None:
    kim = db.ensure_athlete("Kim")
    base = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    ids = {}
    # Stored out of order, in different offsets.
    for hours, zone, make in [
        (48, NEPAL, lift),
        (0, NEWFOUNDLAND, run),
        (24, UTC, run),
        (72, NEPAL, run),
    ]:
        start = (base + timedelta(hours=hours)).astimezone(zone)
        ids[hours] = db.add_activity(sam, make(start))
    db.add_activity(kim, run(base))
    listed = db.list_activities(sam)
    assert [s.id for s in listed] == [ids[0], ids[24], ids[48], ids[72]]
    assert all(s.activity.streams is None for s in listed)
    assert listed[2].activity.sets == lift().sets
    assert len(listed[1].activity.laps) == 2
    window = db.list_activities(
        sam, since=base + timedelta(hours=24), until=base + timedelta(hours=72)
    )
    assert [s.id for s in window] == [ids[24], ids[48]]
    # The bound is an instant: the same moment in another offset selects the same rows.
    shifted = db.list_activities(sam, since=(base + timedelta(hours=24)).astimezone(NEPAL))
    assert [s.id for s in shifted] == [ids[24], ids[48], ids[72]]
    runs = db.list_activities(sam, modality=ActivityModality.RUN, with_streams=True)
    assert [s.id for s in runs] == [ids[0], ids[24], ids[72]]
    assert all(s.activity.streams is not None for s in runs)
    assert db.list_activities(db.ensure_athlete("Nobody")) == []


@contextmanager
def statements(database: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    sa.event.listen(database.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(database.engine, "before_cursor_execute", record)


def test_listing_many_activities_takes_a_fixed_number_of_queries(db: Database, sam: int) -> None:
    base = datetime(2026, 2, 1, tzinfo=UTC)
    for i in range(30):
        db.add_activity(sam, (run if i % 2 else lift)(base + timedelta(days=i)))
    with statements(db) as seen:
        listed = db.list_activities(sam, with_streams=True)
    selects = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    assert len(listed) == 30
    assert len(selects) == 4  # activities, laps, sets, streams
    assert sum("strength_sets" in s for s in selects) == 1


def test_many_laps_and_sets_keep_their_order(db: Database, sam: int) -> None:
    activity = lift()
    sets = tuple(replace(activity.sets[1], reps=i) for i in range(150))
    start = activity.start
    laps = tuple(Lap(start=start + timedelta(minutes=i), duration_s=60.0) for i in range(120))
    stored = roundtrip(db, sam, replace(activity, sets=sets, laps=laps))
    assert [s.reps for s in stored.sets] == list(range(150))
