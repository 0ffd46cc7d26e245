"""Speed of the import path, loosely (the suite must stay quick): ``import_file`` costs
what ``add_activity`` does for a typical file, and ``overlapping`` stays on indexes
and fast in a 5,000-activity history."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from runlift.model.activity import Activity
from runlift.storage import Database
from runlift.storage import activities as acts
from runlift.storage.schema import activities, strength_sets
from tests.storage.helpers import lift, run

ROUNDS = 11


def one_hour_run(i: int) -> Activity:
    """One hour of 1 Hz samples in six channels, two laps."""
    template = run(samples=3600)
    return replace(template, start=template.start + timedelta(days=i), source_hash=f"run-{i}")


def thirty_sets(i: int) -> Activity:
    template = lift()
    sets = tuple(replace(template.sets[1], reps=5 + i % 3) for _ in range(30))
    return replace(
        template, start=template.start + timedelta(days=i), sets=sets, source_hash=f"lift-{i}"
    )


@contextmanager
def statements(database: Database) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        seen.append((statement, parameters))

    sa.event.listen(database.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        sa.event.remove(database.engine, "before_cursor_execute", record)


# ---------------------------------------------------------------- import_file


@pytest.mark.parametrize("make", [one_hour_run, thirty_sets], ids=["run-1h-1Hz", "lift-30-sets"])
def test_import_file_issues_the_same_statements_as_add_activity(
    db: Database, make: Callable[[int], Activity]
) -> None:
    """The deterministic half of "not slower": one file of one activity costs exactly
    as many statements as add_activity (the file row also checks the file and locks
    the athlete, in place of add_activity's athlete check)."""
    sam = db.ensure_athlete("Sam")
    with statements(db) as added:
        db.add_activity(sam, make(0))
    with statements(db) as imported:
        db.import_file(sam, file_hash="f", file_name="f.fit", new=[make(1)])
    assert len(imported) == len(added)


@pytest.mark.parametrize("make", [one_hour_run, thirty_sets], ids=["run-1h-1Hz", "lift-30-sets"])
def test_import_file_is_not_slower_than_add_activity(
    db: Database, make: Callable[[int], Activity]
) -> None:
    """Timed in pairs, alternating which goes first (so both see the same load and
    neither always gets the warm caches). Measured medians: 0.87 to 1.24, typically
    1.05 (the file's own row is the only extra write); the bound leaves room for a
    loaded machine while catching a real regression (an extra query per activity,
    loading what is stored)."""
    sam = db.ensure_athlete("Sam")
    db.add_activity(sam, make(-2))  # warm up both paths
    db.import_file(sam, file_hash="warm", file_name="warm", new=[make(-1)])

    def add(activity: Activity) -> float:
        began = time.perf_counter()
        db.add_activity(sam, activity)
        return time.perf_counter() - began

    def import_(i: int, activity: Activity) -> float:
        began = time.perf_counter()
        db.import_file(sam, file_hash=f"file-{i}", file_name=f"{i}.fit", new=[activity])
        return time.perf_counter() - began

    ratios = []
    for i in range(ROUNDS):
        first, second = make(2 * i), make(2 * i + 1)
        if i % 2:
            imported = import_(i, second)
            added = add(first)
        else:
            added = add(first)
            imported = import_(i, second)
        ratios.append(imported / added)
    assert statistics.median(ratios) < 1.35, sorted(ratios)


def test_one_transaction_for_many_activities_beats_one_each(db: Database) -> None:
    """A bulk export file: one import_file for 40 lifts against 40 add_activity calls
    (best of two each, alternating, so a WAL checkpoint in one run does not decide)."""
    sam = db.ensure_athlete("Sam")
    one_each, together = [], []
    for rep in range(2):
        singles = [thirty_sets(1000 * rep + i) for i in range(40)]
        bulk = [thirty_sets(1000 * rep + 500 + i) for i in range(40)]
        began = time.perf_counter()
        for activity in singles:
            db.add_activity(sam, activity)
        one_each.append(time.perf_counter() - began)
        began = time.perf_counter()
        result = db.import_file(sam, file_hash=f"bulk-{rep}", file_name="bulk.csv", new=bulk)
        together.append(time.perf_counter() - began)
        assert len(result.new) == 40
    assert min(together) < min(one_each), (together, one_each)


# ---------------------------------------------------------------- overlapping

HISTORY = 5_000
BASE = datetime(2020, 1, 1, 6, 0)
LONG = 30 * 3600.0


@pytest.fixture
def history(db: Database) -> tuple[int, list[tuple[int, datetime, float]]]:
    """5,000 small activities for Sam (one every 9 hours, 0 to 70 minutes long, every
    500th lasting 30 hours), and Kim's at the same times; written in one bulk insert."""
    sam = db.ensure_athlete("Sam")
    kim = db.ensure_athlete("Kim")
    template = acts.activity_row(lift(source_hash=None))
    rows = []
    for i in range(HISTORY):
        start = BASE + timedelta(hours=9 * i, minutes=i % 50)
        duration = LONG if i % 500 == 7 else 600.0 * (i % 8)
        for athlete in (sam, kim):
            rows.append(
                {
                    **template,
                    "athlete_id": athlete,
                    "start_utc": start,
                    "local_day": start.date(),
                    "duration_s": duration,
                    "stored_at": BASE,
                }
            )
    with db.engine.begin() as conn:
        conn.execute(activities.insert(), rows)
        ids = conn.execute(
            sa.select(activities.c.id, activities.c.start_utc, activities.c.duration_s)
            .where(activities.c.athlete_id == sam)
            .order_by(activities.c.start_utc, activities.c.id)
        ).all()
        # A few carry sets, so the set query has something to find.
        set_rows = acts.set_rows(ids[100][0], lift().sets) + acts.set_rows(
            ids[2_507][0], lift().sets
        )
        conn.execute(strength_sets.insert(), set_rows)
    return sam, [(int(key), start, float(seconds)) for key, start, seconds in ids]


def expected(rows: list[tuple[int, datetime, float]], start: datetime, end: datetime) -> list[int]:
    return [
        key
        for key, begins, seconds in rows
        if begins <= end and begins + timedelta(seconds=seconds) >= start
    ]


def windows(count: int) -> list[tuple[datetime, datetime]]:
    pick = random.Random(5000)
    span = HISTORY * 9 * 3600
    out = []
    for _ in range(count):
        start = BASE + timedelta(seconds=pick.uniform(-86400, span + 86400))
        out.append((start, start + timedelta(minutes=pick.choice([0, 30, 90, 600]))))
    return out


def test_overlapping_matches_a_full_scan_over_5000_activities(
    db: Database, history: tuple[int, list[tuple[int, datetime, float]]]
) -> None:
    sam, rows = history
    hits = 0
    for start, end in windows(60):
        found = db.overlapping(sam, start.replace(tzinfo=UTC), end.replace(tzinfo=UTC))
        assert [s.id for s in found] == expected(rows, start, end), (start, end)
        hits += bool(found)
    assert hits > 20  # the windows do find things
    # Inside the span of a 30-hour activity, far from its start.
    key, begins, _ = next(r for r in rows if r[2] == LONG)
    moment = (begins + timedelta(hours=29)).replace(tzinfo=UTC)
    assert key in [s.id for s in db.overlapping(sam, moment, moment)]


def _plans(db: Database, seen: list[tuple[str, Any]]) -> list[str]:
    lines = []
    with db.engine.connect() as conn:
        for statement, parameters in seen:
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            if db.dialect == "sqlite":
                explain = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
                lines.append(" | ".join(str(r[-1]) for r in explain))
            else:
                explain = conn.exec_driver_sql("EXPLAIN " + statement, parameters)
                lines.append(" | ".join(str(r[0]) for r in explain))
    return lines


def test_overlapping_uses_indexes_and_is_fast(
    db: Database, history: tuple[int, list[tuple[int, datetime, float]]]
) -> None:
    sam, rows = history
    key, begins, _ = rows[2_507]  # has sets
    start = (begins + timedelta(minutes=1)).replace(tzinfo=UTC)
    end = start + timedelta(hours=2)
    if db.dialect == "postgresql":
        with db.engine.begin() as conn:  # as autovacuum would have, for a real history
            conn.exec_driver_sql("ANALYZE activities")
    with statements(db) as seen:
        found = db.overlapping(sam, start, end)
    assert key in [s.id for s in found] and found[0].activity.sets
    plans = _plans(db, seen)
    assert len(plans) == 5  # candidates, activities, laps, sets, stream keys
    candidates = plans[0]
    assert "ix_activities_athlete_id_start_utc" in candidates, candidates
    assert "ix_activities_athlete_id_duration_s" in candidates, candidates
    for plan in plans:
        if db.dialect == "sqlite":
            assert " SCAN " not in f" {plan} ".replace("|", " "), plan
        else:
            assert "Seq Scan" not in plan, plan
    timings = []
    for _ in range(15):
        began = time.perf_counter()
        db.overlapping(sam, start, end)
        timings.append(time.perf_counter() - began)
    limit = 0.050 if db.dialect == "sqlite" else 0.100
    assert statistics.median(timings) < limit, sorted(timings)
