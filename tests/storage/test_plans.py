"""Plans: versions kept, one current, planned sessions derived from the document."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, time, timedelta

import pytest

from runlift.errors import PlanFileError
from runlift.storage import Database, NotFoundError, PlannedRow
from tests.storage.helpers import count_rows, plan_document


def test_no_plan_yet(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    assert db.current_plan(sam) is None
    assert db.plan_versions(sam) == []


def test_saving_keeps_old_versions_and_the_newest_is_current(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    before = datetime.now(UTC) - timedelta(seconds=5)
    first = db.save_plan(sam, plan_document(note="v1"))
    second = db.save_plan(sam, plan_document(note="v2 — ünïcode"))
    assert (first.version, second.version) == (1, 2)
    assert before <= first.created_at <= second.created_at <= datetime.now(UTC)
    assert first.created_at.tzinfo is UTC
    current = db.current_plan(sam)
    assert current == second
    assert current is not None and current.document == plan_document(note="v2 — ünïcode")
    versions = db.plan_versions(sam)
    assert [(p.version, p.current) for p in versions] == [(1, False), (2, True)]
    assert versions[0].document["sessions"][1]["title"] == "Heavy lower v1"
    assert count_rows(db, "planned_sessions") == 6


def test_versions_count_per_athlete(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    kim = db.ensure_athlete("Kim")
    db.save_plan(sam, plan_document())
    assert db.save_plan(kim, plan_document("Kim")).version == 1
    assert db.save_plan(sam, plan_document()).version == 2
    current = db.current_plan(kim)
    assert current is not None and current.document["athlete"]["name"] == "Kim"


def test_planned_sessions_rows_and_date_filter(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    plan = db.save_plan(sam, plan_document())
    rows = db.planned_sessions(plan.id)
    assert [r.session_id for r in rows] == ["w1-mon-1", "w1-wed-1", "w1-sat-1"]
    assert rows[1] == PlannedRow(
        plan_id=plan.id,
        session_id="w1-wed-1",
        date=date(2026, 12, 9),
        start=time(18, 0),
        end=time(19, 0),
        modality="strength",
        kind="heavy_lower",
        intensity="hard",
        duration_min=60,
        distance_km=None,
    )
    assert rows[0].distance_km == 8.0
    middle = db.planned_sessions(plan.id, since=date(2026, 12, 9), until=date(2026, 12, 9))
    assert [r.session_id for r in middle] == ["w1-wed-1"]
    assert [r.session_id for r in db.planned_sessions(plan.id, since=date(2026, 12, 10))] == [
        "w1-sat-1"
    ]
    assert [r.session_id for r in db.planned_sessions(plan.id, until=date(2026, 12, 8))] == [
        "w1-mon-1"
    ]
    assert db.planned_sessions(plan.id + 100) == []


def test_a_real_generated_plan_is_stored(db: Database) -> None:
    from runlift.exporters.plan_json import plan_to_dict
    from runlift.planning.build import build_plan
    from runlift.profile_file import load_example
    from runlift.services import with_overrides

    document = plan_to_dict(build_plan(with_overrides(load_example("hybrid"), weeks=2)))
    sam = db.ensure_athlete("Sam")
    stored = db.save_plan(sam, document)
    assert stored.document == document
    rows = db.planned_sessions(stored.id)
    assert [r.session_id for r in rows] == [s["id"] for s in document["sessions"]]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema="runlift.plan/9"), "not a runlift plan"),
        (lambda d: d.pop("sessions"), "sessions must be a list"),
        (lambda d: d["sessions"][1].pop("date"), r"sessions\[1\]: missing field date"),
        (lambda d: d["sessions"][0].update(start="25:00"), r"sessions\[0\]"),
        (lambda d: d["sessions"][0].update(duration_min="45"), r"sessions\[0\].duration_min"),
        (lambda d: d["sessions"][2].update(id="w1-mon-1"), "repeats"),
        (lambda d: d.update(extra={1, 2}), "cannot be stored as JSON"),
        (lambda d: d["sessions"][0].update(distance_km=float("nan")), "cannot be stored"),
    ],
)
def test_invalid_documents_are_refused_and_nothing_saved(
    db: Database, change: object, message: str
) -> None:
    sam = db.ensure_athlete("Sam")
    document = copy.deepcopy(plan_document())
    change(document)  # type: ignore[operator]
    with pytest.raises(PlanFileError, match=message):
        db.save_plan(sam, document)
    assert db.plan_versions(sam) == []
    assert count_rows(db, "planned_sessions") == 0


def test_unknown_athlete(db: Database) -> None:
    with pytest.raises(NotFoundError):
        db.save_plan(7, plan_document())
