"""Backup ``runlift.backup/1``: export everything, import into an empty database, lose
nothing; across engines too."""

from __future__ import annotations

import copy
import io
import json
import math
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from runlift.errors import InputError
from runlift.model.activity import Streams, Wellness
from runlift.storage import (
    BACKUP_SCHEMA,
    ActivitySource,
    BackupFormatError,
    Database,
    ImportSummary,
    NotEmptyDatabase,
)
from runlift.storage import backup as backup_module
from tests.storage.helpers import (
    NEPAL,
    NEWFOUNDLAND,
    assert_same_activity,
    count_rows,
    lift,
    plan_document,
    run,
)

PROFILE = 'name = "Sam"\npriority = "running"\n[running]\nweekly_minutes = 180\n'


def populate(db: Database) -> None:
    """Something of everything, with the awkward cases."""
    sam = db.ensure_athlete("Sam", PROFILE)
    kim = db.ensure_athlete("Kim ✓")
    old = db.save_plan(sam, plan_document(note="old"))
    new = db.save_plan(sam, plan_document(note="new"))
    db.save_plan(kim, plan_document("Kim ✓"))
    gappy = Streams(
        time_s=(0.0, 1.0, 2.0), heart_rate=(130.0, math.nan, 131.0), power_w=(math.nan,) * 3
    )
    ids = [
        db.add_activity(sam, run(source_hash="sha-1", streams=gappy)),
        db.add_activity(sam, lift(notes="Kniebeuge 💪\nline two")),
        db.add_activity(
            sam, run(datetime(2026, 12, 9, 23, 59, tzinfo=NEWFOUNDLAND), streams=Streams(()))
        ),
        db.add_activity(sam, run(datetime(2026, 12, 12, 8, 0, tzinfo=UTC), samples=600)),
        db.add_activity(kim, lift(datetime(2026, 12, 8, 6, 0, tzinfo=NEPAL), rpe=None)),
    ]
    doomed = db.add_activity(sam, run(source_hash="deleted"))
    db.delete_activity(doomed)  # leaves a gap in the ids
    db.link_activity(ids[0], old.id, "w1-mon-1", "completed")
    db.link_activity(ids[0], new.id, "w1-mon-1", "completed")
    db.link_activity(ids[3], new.id, "w1-sat-1", "partial")
    db.put_wellness(sam, Wellness(date(2026, 12, 7), body_mass_kg=62.4, soreness=3))
    db.put_wellness(sam, Wellness(date(2026, 12, 8), hrv_ms=71.5, mood=9, notes="🙂"))
    db.put_wellness(kim, Wellness(date(2026, 12, 7), sleep_h=8.0))
    # Imports (schema 0002): a linked copy, a replaced version, a duplicate file.
    db.import_file(
        sam,
        file_hash="a" * 64,
        file_name="export_123.zip/activities/9876.gpx",
        linked=[
            (
                ids[0],
                run(
                    datetime(2026, 12, 7, 6, 30, 20, tzinfo=NEWFOUNDLAND),
                    source="gpx",
                    source_file="9876.gpx",
                    source_hash="sha-gpx",
                    duration_s=1790.25,
                    streams=None,
                ),
            )
        ],
    )
    db.record_duplicate_file(sam, "b" * 64, "Morning_Run (1).fit")
    db.import_file(
        kim,
        file_hash="c" * 64,
        file_name="Strength ✓.fit",
        replacing=[
            (ids[4], lift(datetime(2026, 12, 8, 6, 1, tzinfo=NEPAL), source="fit", avg_hr=101.0))
        ],
    )


def as_file(document: dict[str, Any]) -> dict[str, Any]:
    """The document as it would come back from a .json file (strict JSON: no NaN)."""
    loaded: dict[str, Any] = json.loads(json.dumps(document, allow_nan=False))
    return loaded


def without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "exported_at"}


def strip_ids(sources: list[ActivitySource]) -> list[ActivitySource]:
    """Linked copies without their own row ids (a backup does not keep those)."""
    return [replace(s, id=0) for s in sources]


def assert_same_content(source: Database, target: Database) -> None:
    assert without_time(target.export_document()) == without_time(source.export_document())
    for athlete in (source.default_athlete(),):
        assert athlete is not None
        before = source.list_activities(athlete.id, with_streams=True)
        after = target.list_activities(athlete.id, with_streams=True)
        assert [a.id for a in after] == [a.id for a in before]
        for got, expected in zip(after, before, strict=True):
            assert_same_activity(got.activity, expected.activity)
        assert target.daily_totals(athlete.id) == source.daily_totals(athlete.id)
        assert target.list_wellness(athlete.id) == source.list_wellness(athlete.id)
        assert target.plan_versions(athlete.id) == source.plan_versions(athlete.id)
        for stored in before:
            assert strip_ids(target.sources_of(stored.id)) == strip_ids(
                source.sources_of(stored.id)
            )
        for digest in ("a" * 64, "b" * 64, "c" * 64):
            assert target.file_seen(athlete.id, digest) == source.file_seen(athlete.id, digest)
        for plan in source.plan_versions(athlete.id):
            assert target.planned_sessions(plan.id) == source.planned_sessions(plan.id)
            assert target.links_for_plan(plan.id) == source.links_for_plan(plan.id)


def test_document_shape(db: Database) -> None:
    populate(db)
    document = db.export_document()
    assert document["schema"] == BACKUP_SCHEMA == "runlift.backup/1"
    assert document["schema_revision"] == db.migration_status().head
    sam = document["athletes"][0]
    assert sam["name"] == "Sam" and sam["profile_toml"] == PROFILE
    assert [(p["version"], p["current"]) for p in sam["plans"]] == [(1, False), (2, True)]
    first = sam["activities"][0]
    assert first["start"] == "2026-12-07T06:30:15.250000+05:45"
    assert first["streams"]["heart_rate"] == [130.0, None, 131.0]
    assert first["streams"]["power_w"] == [None, None, None]
    assert first["streams"]["speed_mps"] is None
    assert first["links"][0]["session_id"] == "w1-mon-1"
    assert sam["activities"][1]["sets"][0] == {
        "exercise": "back squat",
        "exercise_raw": "Squat (Barbell)",
        "type": "warmup",
        "reps": 5,
        "load_kg": 40.0,
        "duration_s": None,
        "rpe": None,
        "rir": None,
    }
    assert sam["wellness"][1]["mood"] == 9
    assert sam["imported_files"] == [
        {
            "file_hash": "a" * 64,
            "file_name": "export_123.zip/activities/9876.gpx",
            "imported_at": sam["imported_files"][0]["imported_at"],
            "activities": 0,
            "status": "linked",
        },
        {
            "file_hash": "b" * 64,
            "file_name": "Morning_Run (1).fit",
            "imported_at": sam["imported_files"][1]["imported_at"],
            "activities": 0,
            "status": "duplicate",
        },
    ]
    assert sam["imported_files"][0]["imported_at"].endswith("Z")
    assert first["sources"] == [
        {
            "source": "gpx",
            "source_file": "9876.gpx",
            "source_hash": "sha-gpx",
            "start": "2026-12-07T06:30:20-03:30",
            "duration_s": 1790.25,
            "recorded_at": first["sources"][0]["recorded_at"],
        }
    ]
    assert sam["activities"][1]["sources"] == []
    kim = document["athletes"][1]
    assert [f["status"] for f in kim["imported_files"]] == ["linked"]
    assert kim["imported_files"][0]["activities"] == 1
    [previous] = kim["activities"][0]["sources"]
    assert (previous["source"], previous["start"]) == ("strong-csv", "2026-12-08T06:00:00+05:45")
    assert kim["activities"][0]["source"] == "fit"
    json.dumps(document, allow_nan=False)


def test_round_trip_on_the_same_engine(
    db: Database, engine_name: str, blank_url: Callable[[str], str]
) -> None:
    populate(db)
    with Database.open(blank_url(engine_name)) as target:
        summary = target.import_document(as_file(db.export_document()))
        assert summary == ImportSummary(
            athletes=2,
            plans=3,
            planned_sessions=9,
            activities=5,
            laps=6,
            streams=3,
            sets=10,
            wellness=3,
            links=3,
            imported_files=3,
            sources=2,
        )
        assert_same_content(db, target)
        assert target.integrity_check() == []
        # New rows after an import get new ids (PostgreSQL sequences were moved on).
        sam = target.ensure_athlete("Sam")
        new_id = target.add_activity(sam, run())
        assert new_id > max(a.id for a in db.list_activities(sam))
        assert target.save_plan(sam, plan_document()).version == 3
        assert target.ensure_athlete("Newcomer") == 3


@pytest.mark.parametrize(("source", "target"), [("sqlite", "postgresql"), ("postgresql", "sqlite")])
def test_transfer_between_engines(
    blank_url: Callable[[str], str], source: str, target: str
) -> None:
    with Database.open(blank_url(source)) as origin, Database.open(blank_url(target)) as copy_:
        populate(origin)
        copy_.import_document(as_file(origin.export_document()))
        assert_same_content(origin, copy_)


@pytest.mark.parametrize("batch", [1, 2, 200])
def test_write_backup_streams_the_same_document(
    db: Database,
    engine_name: str,
    blank_url: Callable[[str], str],
    batch: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(backup_module, "BATCH", batch)
    populate(db)
    db.ensure_athlete("Nobody")  # an athlete without activities
    out = io.StringIO()
    assert db.write_backup(out) == 5
    text = out.getvalue()
    assert text.count("\n") >= 5 + 3  # one line per activity and per athlete
    written = json.loads(text)
    assert without_time(written) == without_time(as_file(db.export_document()))
    with Database.open(blank_url(engine_name)) as target:
        target.import_document(written)
        assert_same_content(db, target)


def test_write_backup_of_an_empty_database(db: Database) -> None:
    out = io.StringIO()
    assert db.write_backup(out) == 0
    assert without_time(json.loads(out.getvalue())) == without_time(db.export_document())


def test_an_empty_database_round_trips(db: Database, blank_url: Callable[[str], str]) -> None:
    with Database.open(blank_url("sqlite")) as target:
        assert target.import_document(db.export_document()) == ImportSummary()
        assert without_time(target.export_document()) == without_time(db.export_document())


def test_import_into_a_non_empty_database_is_refused(
    db: Database, engine_name: str, blank_url: Callable[[str], str]
) -> None:
    populate(db)
    document = db.export_document()
    with Database.open(blank_url(engine_name)) as other:
        other.ensure_athlete("Somebody")
        with pytest.raises(NotEmptyDatabase, match="already holds data") as info:
            other.import_document(document)
        assert isinstance(info.value, InputError) and info.value.exit_code == 2
        assert other.display_url in str(info.value)
        assert count_rows(other, "athletes") == 1
    with pytest.raises(NotEmptyDatabase):
        db.import_document(document)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema="runlift.backup/2"), "not a runlift backup"),
        (lambda d: d.update(athletes={}), "athletes must be a list"),
        (lambda d: d["athletes"][0].pop("name"), r"athletes\[0\]: missing field 'name'"),
        (
            lambda d: d["athletes"][0]["activities"][1].update(start="yesterday"),
            r"athletes\[0\].activities\[1\]: Invalid isoformat",
        ),
        (
            lambda d: d["athletes"][0]["activities"][1].update(start="2026-12-07T06:00:00"),
            "timezone-aware",
        ),
        (
            lambda d: d["athletes"][0]["activities"][1]["sets"][0].update(reps=2.5),
            r"activities\[1\].sets\[0\]: expected an integer",
        ),
        (
            lambda d: d["athletes"][0]["activities"][0]["streams"]["heart_rate"].append(1.0),
            r"activities\[0\].streams: .*heart_rate has 4 samples",
        ),
        (
            lambda d: d["athletes"][0]["plans"][0]["document"].update(schema="x"),
            r"plans\[0\]: not a runlift plan",
        ),
        (
            lambda d: d["athletes"][0]["activities"][0]["links"][0].update(plan_id=99),
            "not consistent",
        ),
        (lambda d: d["athletes"][1].update(id=1), "not consistent"),
        (
            lambda d: d["athletes"][0]["activities"][1]["sets"][0].update(reps=-3),
            "not consistent",
        ),
        (
            lambda d: d["athletes"][0]["imported_files"][1].update(status="maybe"),
            "not consistent",
        ),
        (
            lambda d: d["athletes"][0]["imported_files"][0].pop("file_hash"),
            r"athletes\[0\].imported_files\[0\]: missing field 'file_hash'",
        ),
        (
            lambda d: d["athletes"][0]["imported_files"].append(
                d["athletes"][0]["imported_files"][0]
            ),
            "not consistent",
        ),
        (
            lambda d: d["athletes"][0]["activities"][0]["sources"][0].update(
                start="2026-12-07T06:30:20"
            ),
            r"activities\[0\].sources\[0\]: .*timezone-aware",
        ),
        (
            lambda d: d["athletes"][0]["activities"][0]["sources"][0].update(duration_s=None),
            r"activities\[0\].sources\[0\]: duration_s is required",
        ),
        (
            lambda d: d["athletes"][0]["activities"][0]["sources"][0].update(duration_s=-1),
            "not consistent",
        ),
    ],
)
def test_broken_backups_are_refused_and_nothing_is_written(
    db: Database, blank_url: Callable[[str], str], change: Any, message: str, engine_name: str
) -> None:
    populate(db)
    document = copy.deepcopy(as_file(db.export_document()))
    change(document)
    with Database.open(blank_url(engine_name)) as target:
        with pytest.raises(BackupFormatError, match=message):
            target.import_document(document)
        assert target.export_document()["athletes"] == []


def test_a_minimal_hand_written_backup(db: Database) -> None:
    """Timestamps the document leaves out default to now; lists default to empty."""
    document = {
        "schema": "runlift.backup/1",
        "athletes": [
            {
                "id": 7,
                "name": "Hand",
                "plans": [{"id": 3, "version": 1, "current": True, "document": plan_document()}],
                "activities": [
                    {
                        "id": 11,
                        "start": "2026-12-07T06:30:00-03:30",
                        "modality": "strength",
                        "sport": "strength_training",
                        "duration_s": 1800,
                        "source": "manual",
                        "sets": [{"exercise": "deadlift", "reps": 5, "load_kg": 100}],
                        "links": [{"plan_id": 3, "session_id": "w1-wed-1", "status": "partial"}],
                    }
                ],
            }
        ],
    }
    summary = db.import_document(document)
    assert (summary.athletes, summary.activities, summary.sets, summary.links) == (1, 1, 1, 1)
    stored = db.get_activity(11).activity
    assert stored.start.isoformat() == "2026-12-07T06:30:00-03:30"
    assert stored.sets[0].exercise_raw == "deadlift" and stored.sets[0].load_kg == 100.0
    assert db.links_for_plan(3) == [(11, "w1-wed-1", "partial")]
    plan = db.current_plan(7)
    assert plan is not None and plan.version == 1


def test_not_a_dict(db: Database) -> None:
    with pytest.raises(BackupFormatError, match="not a runlift backup"):
        db.import_document([])  # type: ignore[arg-type]


def test_a_backup_from_before_imports_still_loads(
    db: Database, engine_name: str, blank_url: Callable[[str], str]
) -> None:
    """A document written by schema 0001 has neither imported_files nor sources."""
    populate(db)
    document = as_file(db.export_document())
    document["schema_revision"] = "0001_initial"
    for athlete in document["athletes"]:
        del athlete["imported_files"]
        for activity in athlete["activities"]:
            del activity["sources"]
    with Database.open(blank_url(engine_name)) as target:
        summary = target.import_document(document)
        assert (summary.activities, summary.imported_files, summary.sources) == (5, 0, 0)
        again = target.export_document()
        assert again["athletes"][0]["imported_files"] == []
        assert all(a["sources"] == [] for a in again["athletes"][0]["activities"])
        sam = target.ensure_athlete("Sam")
        assert not target.file_seen(sam, "a" * 64)
        assert target.hash_known(sam, "sha-1") is not None


def test_a_hand_written_backup_with_imports(db: Database) -> None:
    """imported_at and recorded_at may be left out (now); activities defaults to 0."""
    document = {
        "schema": "runlift.backup/1",
        "athletes": [
            {
                "id": 1,
                "name": "Hand",
                "imported_files": [{"file_hash": "f1", "file_name": "a.fit", "status": "imported"}],
                "activities": [
                    {
                        "id": 4,
                        "start": "2026-12-07T06:30:00+01:00",
                        "modality": "run",
                        "sport": "running",
                        "duration_s": 1800,
                        "source": "fit",
                        "source_hash": "h-fit",
                        "sources": [
                            {
                                "source": "strava",
                                "start": "2026-12-07T05:30:02Z",
                                "duration_s": 1795,
                                "source_hash": "h-strava",
                            }
                        ],
                    }
                ],
            }
        ],
    }
    summary = db.import_document(document)
    assert (summary.imported_files, summary.sources) == (1, 1)
    assert db.file_seen(1, "f1")
    [copy] = db.sources_of(4)
    assert copy.source == "strava" and copy.source_file is None and copy.duration_s == 1795.0
    assert copy.start.isoformat() == "2026-12-07T05:30:02+00:00"
    assert db.hash_known(1, "h-strava") == 4
    file_entry = db.export_document()["athletes"][0]["imported_files"][0]
    assert (file_entry["activities"], file_entry["status"]) == (0, "imported")
