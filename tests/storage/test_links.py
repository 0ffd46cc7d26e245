"""Which activity fulfilled which planned session."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runlift.storage import Database, InvalidRecordError, NotFoundError
from tests.storage.helpers import lift, plan_document, run


def test_links_are_listed_in_planned_order_and_relinking_replaces(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    plan = db.save_plan(sam, plan_document())
    long_run = db.add_activity(sam, run(datetime(2026, 12, 12, 8, 0, tzinfo=UTC)))
    squat = db.add_activity(sam, lift())
    easy = db.add_activity(sam, run())
    db.link_activity(long_run, plan.id, "w1-sat-1", "partial")
    db.link_activity(squat, plan.id, "w1-wed-1", "completed")
    db.link_activity(easy, plan.id, "w1-sat-1", "partial")
    db.link_activity(easy, plan.id, "w1-mon-1", "completed")  # replaces its first link
    assert db.links_for_plan(plan.id) == [
        (easy, "w1-mon-1", "completed"),
        (squat, "w1-wed-1", "completed"),
        (long_run, "w1-sat-1", "partial"),
    ]
    newer = db.save_plan(sam, plan_document())
    assert db.links_for_plan(newer.id) == []
    db.link_activity(easy, newer.id, "w1-mon-1", "completed")
    assert len(db.links_for_plan(plan.id)) == 3


def test_link_errors(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    kim = db.ensure_athlete("Kim")
    plan = db.save_plan(sam, plan_document())
    kims_plan = db.save_plan(kim, plan_document("Kim"))
    activity = db.add_activity(sam, run())
    with pytest.raises(InvalidRecordError, match="completed or partial"):
        db.link_activity(activity, plan.id, "w1-mon-1", "done")
    with pytest.raises(NotFoundError, match="no session 'w9-mon-1'"):
        db.link_activity(activity, plan.id, "w9-mon-1", "completed")
    with pytest.raises(NotFoundError, match="no activity"):
        db.link_activity(999, plan.id, "w1-mon-1", "completed")
    with pytest.raises(NotFoundError, match="no plan"):
        db.link_activity(activity, 999, "w1-mon-1", "completed")
    with pytest.raises(InvalidRecordError, match="different athletes"):
        db.link_activity(activity, kims_plan.id, "w1-mon-1", "completed")
    assert db.links_for_plan(plan.id) == []
