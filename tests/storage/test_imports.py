"""What ``runlift import`` needs: files seen, hashes known (stored or linked), one file
stored in one transaction (new, linked, replacing), linked copies, overlap look-ups."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import FrozenInstanceError, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from runlift.errors import InputError
from runlift.model.activity import ActivityModality, SetType, StrengthSet
from runlift.storage import (
    ActivitySource,
    Database,
    DuplicateActivity,
    DuplicateFile,
    ImportedFile,
    InvalidRecordError,
    NotFoundError,
    StoredActivity,
)
from runlift.storage import imports as imports_module
from tests.storage.helpers import (
    NEPAL,
    NEWFOUNDLAND,
    assert_same_activity,
    count_rows,
    lift,
    plan_document,
    run,
)

T0 = datetime(2026, 12, 7, 6, 30, tzinfo=NEPAL)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def sam(db: Database) -> int:
    return db.ensure_athlete("Sam")


def file_rows(db: Database) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [
            tuple(row)
            for row in conn.execute(
                sa.text(
                    "SELECT athlete_id, file_hash, file_name, activities, status "
                    "FROM imported_files ORDER BY imported_at, file_hash"
                )
            )
        ]


def snapshot(db: Database) -> dict[str, int]:
    tables = ("activities", "laps", "streams", "strength_sets", "activity_sources")
    return {table: count_rows(db, table) for table in (*tables, "imported_files")}


# ---------------------------------------------------------------- files seen


def test_file_seen_and_record_duplicate_file(db: Database, sam: int) -> None:
    kim = db.ensure_athlete("Kim")
    digest = sha("Morning_Run.fit bytes")
    assert not db.file_seen(sam, digest)
    db.record_duplicate_file(sam, digest, "Morning_Run (1).fit")
    assert db.file_seen(sam, digest)
    assert not db.file_seen(kim, digest)  # per athlete
    db.record_duplicate_file(sam, digest, "again.fit")  # already recorded: kept as it was
    assert file_rows(db) == [(sam, digest, "Morning_Run (1).fit", 0, "duplicate")]
    assert count_rows(db, "activities") == 0
    with pytest.raises(NotFoundError, match="no athlete with id 99"):
        db.record_duplicate_file(99, digest, "x.fit")


def test_recording_a_duplicate_keeps_an_earlier_import(db: Database, sam: int) -> None:
    db.import_file(sam, file_hash="f1", file_name="a.fit", new=[run(source_hash="h1")])
    db.record_duplicate_file(sam, "f1", "a copy.fit")
    assert file_rows(db) == [(sam, "f1", "a.fit", 1, "imported")]


# ---------------------------------------------------------------- new activities


def test_a_file_with_new_activities(db: Database, sam: int) -> None:
    activities = [run(source_hash="h-run"), lift(source_hash="h-lift"), lift(T0 + timedelta(1))]
    result = db.import_file(sam, file_hash=sha("f"), file_name="export.csv", new=activities)
    assert isinstance(result, ImportedFile)
    assert result.status == "imported" and result.activities == 3
    assert result.linked == () and result.replaced == ()
    assert len(result.new) == 3 and len(set(result.new)) == 3
    for key, activity in zip(result.new, activities, strict=True):
        stored = db.get_activity(key)
        assert_same_activity(stored.activity, activity)
        assert stored.has_streams == (activity.streams is not None)
    assert db.file_seen(sam, sha("f"))
    assert file_rows(db) == [(sam, sha("f"), "export.csv", 3, "imported")]
    assert db.hash_known(sam, "h-run") == result.new[0]
    with pytest.raises(FrozenInstanceError):
        result.status = "x"  # type: ignore[misc]


def test_the_same_file_again_is_refused_and_changes_nothing(db: Database, sam: int) -> None:
    db.import_file(sam, file_hash="f1", file_name="a.fit", new=[run(source_hash="h1")])
    before = snapshot(db)
    with pytest.raises(DuplicateFile) as info:
        db.import_file(sam, file_hash="f1", file_name="b.fit", new=[run(source_hash="h2")])
    assert isinstance(info.value, InputError) and info.value.exit_code == 2
    assert info.value.file_name == "a.fit" and info.value.status == "imported"
    assert "already imported" in str(info.value)
    assert snapshot(db) == before
    assert db.hash_known(sam, "h2") is None


def test_a_known_hash_rolls_back_the_whole_file(db: Database, sam: int) -> None:
    first = db.add_activity(sam, run(source_hash="known"))
    before = snapshot(db)
    fresh = [lift(source_hash="fresh-1"), run(source_hash="known"), lift(source_hash="fresh-2")]
    with pytest.raises(DuplicateActivity) as info:
        db.import_file(sam, file_hash="f2", file_name="multi.csv", new=fresh)
    assert info.value.existing_id == first and info.value.source_hash == "known"
    assert snapshot(db) == before
    assert not db.file_seen(sam, "f2")
    assert db.hash_known(sam, "fresh-1") is None


def test_a_hash_twice_in_one_file_is_refused(db: Database, sam: int) -> None:
    with pytest.raises(InvalidRecordError, match="appears twice in one file"):
        db.import_file(
            sam, file_hash="f", file_name="x", new=[run(source_hash="h"), lift(source_hash="h")]
        )
    assert snapshot(db) == dict.fromkeys(snapshot(db), 0)


def test_an_empty_file_is_recorded_as_imported_with_no_activity(db: Database, sam: int) -> None:
    result = db.import_file(sam, file_hash="empty", file_name="empty.csv")
    assert result == ImportedFile("empty", "empty.csv", "imported")
    assert file_rows(db) == [(sam, "empty", "empty.csv", 0, "imported")]


def test_unknown_athlete(db: Database) -> None:
    with pytest.raises(NotFoundError, match="no athlete with id 42"):
        db.import_file(42, file_hash="f", file_name="x", new=[run()])


def test_add_activity_is_unchanged_and_refuses_a_linked_hash(db: Database, sam: int) -> None:
    first = db.add_activity(sam, run(source_hash="fit"))
    db.import_file(sam, file_hash="g", file_name="g.gpx", linked=[(first, run(source_hash="gpx"))])
    with pytest.raises(DuplicateActivity) as info:
        db.add_activity(sam, run(source_hash="gpx"))
    assert info.value.existing_id == first
    assert db.find_by_hash(sam, "gpx") == db.hash_known(sam, "gpx") == first
    assert db.hash_known(db.ensure_athlete("Kim"), "gpx") is None
    assert db.add_activity(sam, run(source_hash="other")) > first


# ---------------------------------------------------------------- linked copies


def test_linking_a_poorer_copy(db: Database, sam: int) -> None:
    watch = run(source_hash="fit-hash")
    activity_id = db.add_activity(sam, watch)
    strava = run(
        T0.astimezone(NEWFOUNDLAND) + timedelta(seconds=3),
        source="gpx",
        source_file="export.zip/activities/123.gpx",
        source_hash="gpx-hash",
        duration_s=1795.0,
        streams=None,
        laps=(),
    )
    before = datetime.now(UTC)
    result = db.import_file(
        sam, file_hash="gpx-file", file_name="123.gpx", linked=[(activity_id, strava)]
    )
    assert result == ImportedFile("gpx-file", "123.gpx", "linked", linked=(activity_id,))
    assert result.activities == 0
    assert_same_activity(db.get_activity(activity_id).activity, watch)  # untouched
    assert count_rows(db, "activities") == 1
    [source] = db.sources_of(activity_id)
    assert isinstance(source, ActivitySource)
    assert (source.activity_id, source.source, source.source_file, source.source_hash) == (
        activity_id,
        "gpx",
        "export.zip/activities/123.gpx",
        "gpx-hash",
    )
    assert source.start == strava.start and source.start.utcoffset() == strava.start.utcoffset()
    assert source.duration_s == 1795.0
    assert before - timedelta(seconds=5) <= source.recorded_at <= datetime.now(UTC)
    assert file_rows(db) == [(sam, "gpx-file", "123.gpx", 0, "linked")]
    assert db.hash_known(sam, "gpx-hash") == activity_id


def test_several_copies_of_several_activities(db: Database, sam: int) -> None:
    a = db.add_activity(sam, run(source_hash="a"))
    b = db.add_activity(sam, lift(source_hash="b"))
    db.import_file(
        sam,
        file_hash="f",
        file_name="f",
        linked=[(a, run(source="tcx", source_hash="a2")), (b, lift(source="hevy"))],
    )
    db.import_file(sam, file_hash="g", file_name="g", linked=[(a, run(source="manual"))])
    assert [s.source for s in db.sources_of(a)] == ["tcx", "manual"]
    assert [(s.source, s.source_hash) for s in db.sources_of(b)] == [("hevy", None)]


def test_linking_to_unknown_or_foreign_activities_writes_nothing(db: Database, sam: int) -> None:
    kim = db.ensure_athlete("Kim")
    theirs = db.add_activity(kim, run(source_hash="k"))
    before = snapshot(db)
    with pytest.raises(NotFoundError, match="no activity with id 999"):
        db.import_file(sam, file_hash="f", file_name="f", new=[lift()], linked=[(999, run())])
    with pytest.raises(InvalidRecordError, match=f"activity {theirs} belongs to another athlete"):
        db.import_file(sam, file_hash="f", file_name="f", replacing=[(theirs, run())])
    assert snapshot(db) == before
    assert not db.file_seen(sam, "f")


def test_a_copy_with_a_known_hash_is_a_duplicate(db: Database, sam: int) -> None:
    a = db.add_activity(sam, run(source_hash="a"))
    with pytest.raises(DuplicateActivity) as info:
        db.import_file(sam, file_hash="f", file_name="f", linked=[(a, run(source_hash="a"))])
    assert info.value.existing_id == a
    assert db.sources_of(a) == []


def test_sources_of_an_unknown_activity(db: Database) -> None:
    with pytest.raises(NotFoundError, match="no activity with id 5"):
        db.sources_of(5)


def test_deleting_an_activity_deletes_its_sources_but_the_file_stays_seen(
    db: Database, sam: int
) -> None:
    a = db.add_activity(sam, run(source_hash="a"))
    db.import_file(sam, file_hash="f", file_name="f", linked=[(a, run(source_hash="b"))])
    db.delete_activity(a)
    assert count_rows(db, "activity_sources") == 0
    assert db.hash_known(sam, "b") is None
    assert db.file_seen(sam, "f")
    assert db.integrity_check() == []


# ---------------------------------------------------------------- replacing


def garmin_strength(start: datetime, **changes: Any) -> Any:
    """The richer recording of a lifting session: sets with loads, heart rate streams."""
    base = lift(start, source="fit", source_file="Strength.fit", source_hash="fit-strength")
    sets = tuple(replace(s, rpe=8.0) for s in base.sets if s.type is not SetType.REST)
    return replace(base, sets=sets, avg_hr=112.0, **changes)


def stored_at(db: Database, activity_id: int) -> datetime:
    with db.engine.connect() as conn:
        query = sa.text("SELECT stored_at FROM activities WHERE id = :id")
        value: datetime = conn.execute(query, {"id": activity_id}).scalar_one()
    return value


def test_replacing_keeps_the_id_and_the_plan_links(db: Database, sam: int) -> None:
    hevy = lift(source="hevy", source_file="workouts.csv", source_hash="hevy-1", streams=None)
    activity_id = db.add_activity(sam, hevy)
    first_stored = stored_at(db, activity_id)
    plan = db.save_plan(sam, plan_document())
    db.link_activity(activity_id, plan.id, "w1-wed-1", "completed")
    stored_before = db.get_activity(activity_id)
    assert not stored_before.has_streams
    richer = replace(
        garmin_strength(hevy.start + timedelta(seconds=40)),
        streams=run(samples=3600).streams,
        laps=run().laps,
    )
    result = db.import_file(
        sam, file_hash="fit-file", file_name="Strength.fit", replacing=[(activity_id, richer)]
    )
    assert result == ImportedFile("fit-file", "Strength.fit", "linked", replaced=(activity_id,))
    assert result.activities == 1
    assert file_rows(db) == [(sam, "fit-file", "Strength.fit", 1, "linked")]
    stored = db.get_activity(activity_id)
    assert stored.id == activity_id and stored.has_streams
    assert_same_activity(stored.activity, richer)
    assert db.links_for_plan(plan.id) == [(activity_id, "w1-wed-1", "completed")]
    assert count_rows(db, "activities") == 1
    assert count_rows(db, "strength_sets") == len(richer.sets)
    assert count_rows(db, "laps") == len(richer.laps)
    [previous] = db.sources_of(activity_id)
    assert (previous.source, previous.source_file, previous.source_hash) == (
        "hevy",
        "workouts.csv",
        "hevy-1",
    )
    assert previous.start == hevy.start and previous.start.utcoffset() == hevy.start.utcoffset()
    assert previous.duration_s == hevy.duration_s
    # Both recordings' hashes now name the activity.
    assert db.hash_known(sam, "hevy-1") == db.hash_known(sam, "fit-strength") == activity_id
    with pytest.raises(DuplicateActivity):
        db.add_activity(sam, hevy)
    # stored_at stays when the activity was first stored (sources say when it changed).
    assert stored_at(db, activity_id) == first_stored


def test_replacing_with_a_copy_without_streams_removes_them(db: Database, sam: int) -> None:
    activity_id = db.add_activity(sam, run(source_hash="old"))
    db.import_file(
        sam,
        file_hash="f",
        file_name="f",
        replacing=[(activity_id, run(source_hash="new", streams=None, laps=(), notes=None))],
    )
    stored = db.get_activity(activity_id)
    assert not stored.has_streams and stored.activity.streams is None
    assert stored.activity.laps == () and stored.activity.notes is None
    assert count_rows(db, "streams") == count_rows(db, "laps") == 0


def test_replacing_twice_keeps_the_whole_history(db: Database, sam: int) -> None:
    activity_id = db.add_activity(sam, lift(source="manual", source_hash=None))
    db.import_file(
        sam,
        file_hash="f1",
        file_name="hevy.csv",
        replacing=[(activity_id, lift(source="hevy", source_hash="h"))],
    )
    db.import_file(
        sam, file_hash="f2", file_name="s.fit", replacing=[(activity_id, garmin_strength(T0))]
    )
    assert [(s.source, s.source_hash) for s in db.sources_of(activity_id)] == [
        ("manual", None),
        ("hevy", "h"),
    ]
    assert db.get_activity(activity_id).activity.source == "fit"


def test_new_linked_and_replacing_in_one_file(db: Database, sam: int) -> None:
    a = db.add_activity(sam, run(T0, source_hash="a"))
    b = db.add_activity(sam, lift(source_hash="b", source="hevy"))
    result = db.import_file(
        sam,
        file_hash="bulk",
        file_name="export.zip",
        new=[run(T0 + timedelta(days=3), source_hash="c")],
        linked=[(a, run(T0, source="gpx", source_hash="a-gpx"))],
        replacing=[(b, garmin_strength(lift().start))],
    )
    assert result.status == "imported" and result.activities == 2
    assert result.linked == (a,) and result.replaced == (b,) and len(result.new) == 1
    assert file_rows(db) == [(sam, "bulk", "export.zip", 2, "imported")]
    assert count_rows(db, "activity_sources") == 2


def test_a_failure_late_in_the_file_rolls_back_everything(db: Database, sam: int) -> None:
    """A replacing copy the database refuses (its last set) after new activities were
    inserted and a copy replaced: nothing of the file is left."""
    keep = lift(source_hash="keep")
    a = db.add_activity(sam, run(source_hash="a"))
    b = db.add_activity(sam, keep)
    before = snapshot(db)
    bad = StrengthSet("back squat", "Squat", reps=-1)
    with pytest.raises(InvalidRecordError, match="reps must be 0 or more"):
        db.import_file(
            sam,
            file_hash="f",
            file_name="f",
            new=[run(T0 + timedelta(days=2), source_hash="n")],
            linked=[(a, run(source_hash="a2"))],
            replacing=[(b, garmin_strength(T0)), (a, lift(sets=(*lift().sets, bad)))],
        )
    assert snapshot(db) == before
    assert_same_activity(db.get_activity(b).activity, keep)
    assert db.sources_of(a) == db.sources_of(b) == []
    assert not db.file_seen(sam, "f")
    assert db.hash_known(sam, "n") is None


def test_a_failure_recording_the_file_rolls_back_everything(db: Database, sam: int) -> None:
    a = db.add_activity(sam, run(source_hash="a"))
    before = snapshot(db)

    def fail(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO IMPORTED_FILES"):
            raise RuntimeError("killed")

    sa.event.listen(db.engine, "before_cursor_execute", fail)
    try:
        with pytest.raises(RuntimeError, match="killed"):
            db.import_file(
                sam,
                file_hash="f",
                file_name="f",
                new=[lift(source_hash="n")],
                replacing=[(a, run(source_hash="a-rich", samples=100))],
            )
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", fail)
    assert snapshot(db) == before
    assert len(db.get_activity(a).activity.streams or ()) == 5


def test_the_same_file_imported_by_two_processes_at_once(db: Database, sam: int) -> None:
    """Another writer records the same file and has not committed yet: this import
    waits for it, then finds the file recorded (DuplicateFile) and writes nothing."""
    other = db.engine.connect()
    other_tx = other.begin()
    other.execute(
        sa.text(
            "INSERT INTO imported_files (athlete_id, file_hash, file_name, imported_at, "
            "activities, status) VALUES (:a, 'f', 'first.fit', '2026-01-01', 0, 'duplicate')"
        ),
        {"a": sam},
    )
    outcome: list[BaseException | ImportedFile] = []

    def second() -> None:
        try:
            outcome.append(db.import_file(sam, file_hash="f", file_name="second.fit", new=[run()]))
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=second)
    worker.start()
    time.sleep(0.3)
    assert worker.is_alive() and not outcome  # waiting for the first writer
    other_tx.commit()
    other.close()
    worker.join(10)
    [result] = outcome
    assert isinstance(result, DuplicateFile) and result.file_name == "first.fit"
    assert count_rows(db, "activities") == 0


def test_a_hash_stored_by_another_process_meanwhile(
    db: Database, sam: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = db.add_activity(sam, run(source_hash="race"))
    original = imports_module.known_hashes
    misses: Iterator[dict[str, int]] = iter([{}])

    def racy(connection: Any, athlete_id: int, hashes: Any) -> dict[str, int]:
        return next(misses, None) or original(connection, athlete_id, hashes)

    monkeypatch.setattr(imports_module, "known_hashes", racy)
    with pytest.raises(DuplicateActivity) as info:
        db.import_file(
            sam, file_hash="f", file_name="f", new=[lift(source_hash="ok"), run(source_hash="race")]
        )
    assert info.value.existing_id == first
    assert count_rows(db, "activities") == 1 and not db.file_seen(sam, "f")


# ---------------------------------------------------------------- has_streams


def test_has_streams_everywhere(db: Database, sam: int) -> None:
    with_samples = db.add_activity(sam, run(T0))
    empty = db.add_activity(sam, run(T0 + timedelta(days=1), streams=run(samples=0).streams))
    without = db.add_activity(sam, lift(T0 + timedelta(days=2)))
    expected = {with_samples: True, empty: True, without: False}
    for streams_too in (True, False):
        listed = db.list_activities(sam, with_streams=streams_too)
        assert {s.id: s.has_streams for s in listed} == expected
        for key, flag in expected.items():
            assert db.get_activity(key, with_streams=streams_too).has_streams is flag
    assert StoredActivity(1, lift()).has_streams is False  # the default


# ---------------------------------------------------------------- overlapping


def test_overlapping_finds_activities_meeting_the_span(db: Database, sam: int) -> None:
    kim = db.ensure_athlete("Kim")
    base = datetime(2026, 5, 1, 6, 0, tzinfo=UTC)
    one_hour: dict[str, Any] = {"duration_s": 3600.0}
    ids = {
        "before": db.add_activity(sam, run(base - timedelta(hours=3), **one_hour)),
        "touching_start": db.add_activity(sam, lift(base - timedelta(hours=1), **one_hour)),
        "inside": db.add_activity(sam, run(base + timedelta(minutes=10), duration_s=600.0)),
        "crossing_end": db.add_activity(sam, run(base + timedelta(minutes=50), **one_hour)),
        "touching_end": db.add_activity(sam, run(base + timedelta(hours=1), **one_hour)),
        "after": db.add_activity(sam, run(base + timedelta(hours=1, seconds=1), **one_hour)),
        # Starts two days before, lasts three: longer than the index window.
        "multi_day": db.add_activity(
            sam,
            replace(
                run(base - timedelta(days=2)),
                duration_s=3 * 86400.0,
                modality=ActivityModality.OTHER,
            ),
        ),
        "long_but_over": db.add_activity(
            sam, replace(run(base - timedelta(days=3)), duration_s=86400.0)
        ),
    }
    db.add_activity(kim, run(base))
    found = db.overlapping(sam, base, base + timedelta(hours=1))
    assert [s.id for s in found] == [
        ids["multi_day"],
        ids["touching_start"],
        ids["inside"],
        ids["crossing_end"],
        ids["touching_end"],
    ]
    # Laps and sets come with them, streams do not (but has_streams tells).
    by_id = {s.id: s for s in found}
    assert by_id[ids["touching_start"]].activity.sets == lift().sets
    assert len(by_id[ids["inside"]].activity.laps) == 2
    assert all(s.activity.streams is None for s in found)
    assert by_id[ids["inside"]].has_streams and not by_id[ids["touching_start"]].has_streams
    # A moment, in another offset; a naive datetime is read as UTC.
    moment = (base + timedelta(minutes=15)).astimezone(NEPAL)
    assert [s.id for s in db.overlapping(sam, moment, moment)] == [
        ids["multi_day"],
        ids["inside"],
    ]
    naive = base.replace(tzinfo=None) + timedelta(minutes=15)
    assert [s.id for s in db.overlapping(sam, naive, naive)] == [ids["multi_day"], ids["inside"]]
    assert db.overlapping(sam, base + timedelta(days=30), base + timedelta(days=31)) == []
    with pytest.raises(InvalidRecordError, match="before the start"):
        db.overlapping(sam, base, base - timedelta(seconds=1))


def test_overlapping_is_what_dedupe_needs(db: Database, sam: int) -> None:
    """The importer's flow: find the stored session, decide, link or replace."""
    stored_id = db.add_activity(sam, lift(source="hevy", source_hash="hevy"))
    incoming = garmin_strength(lift().start + timedelta(minutes=2))
    end = incoming.start + timedelta(seconds=incoming.duration_s)
    [candidate] = db.overlapping(sam, incoming.start, end)
    assert candidate.id == stored_id and candidate.activity.modality is ActivityModality.STRENGTH
    db.import_file(sam, file_hash="f", file_name="f", replacing=[(candidate.id, incoming)])
    assert db.get_activity(stored_id).activity.source == "fit"


# ---------------------------------------------------------------- statements


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


def test_import_file_adds_only_a_few_statements_to_add_activity(db: Database, sam: int) -> None:
    with statements(db) as added:
        db.add_activity(sam, run(source_hash="a", samples=3600, sets=lift().sets))
    with statements(db) as imported:
        db.import_file(
            sam,
            file_hash="f",
            file_name="f",
            new=[run(T0 + timedelta(days=1), source_hash="b", samples=3600, sets=lift().sets)],
        )
    # The file check and the file row; the hash check, inserts and lock are shared.
    assert len(imported) <= len(added) + 2
