"""Revision 0002 (imports) on a database at 0001 that holds data: every row is still
there afterwards, the new tables are empty and usable, and the status says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import command

from runlift.model.activity import Wellness
from runlift.storage import Database, MigrationStatus
from runlift.storage import activities as acts
from runlift.storage.engine import transaction
from runlift.storage.migrate import config, head
from runlift.storage.schema import TABLES, activity_sources, imported_files
from tests.storage.helpers import NEPAL, assert_same_activity, lift, plan_document, run

OLD = "0001_initial"
NEW_TABLES = {"imported_files", "activity_sources"}
OLD_TABLES = [t for t in TABLES if t.name not in NEW_TABLES]


def _at_0001(url: str) -> Database:
    """A new database migrated only to 0001."""
    database = Database.open(url, migrate=False)
    with transaction(database.engine, write=True) as conn:
        command.upgrade(config(conn), OLD)
    return database


def _fill(database: Database) -> list[int]:
    """Data of every 0001 table, written as runlift 0.1 did (no 0002 table touched)."""
    sam = database.ensure_athlete("Sam", 'name = "Sam"\n')
    plan = database.save_plan(sam, plan_document())
    now = datetime(2026, 12, 7, 8, 0)
    start = datetime(2026, 12, 7, 6, 30, tzinfo=NEPAL)
    with transaction(database.engine, write=True) as conn:
        ids = [
            acts.insert(conn, sam, run(start, source_hash="fit-1", samples=60), now),
            acts.insert(conn, sam, lift(source_hash="strong-1"), now),
            acts.insert(conn, sam, run(start + timedelta(days=5), streams=None), now),
        ]
    database.link_activity(ids[0], plan.id, "w1-mon-1", "completed")
    database.put_wellness(sam, Wellness(date(2026, 12, 7), hrv_ms=70.0, soreness=2))
    return ids


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def _snapshot(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    with database.engine.connect() as conn:
        return {
            table.name: [
                tuple(_plain(v) for v in row)
                for row in conn.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
            ]
            for table in OLD_TABLES
        }


def test_a_0001_database_with_data_upgrades_to_0002_losing_nothing(
    engine_name: str, blank_url: Callable[[str], str]
) -> None:
    url = blank_url(engine_name)
    with _at_0001(url) as old:
        assert old.migration_status() == MigrationStatus(
            current=OLD, head=head(), pending=("0002_imports",)
        )
        ids = _fill(old)
        before = _snapshot(old)
        assert all(before[t.name] for t in OLD_TABLES)  # something in every table
        with old.engine.connect() as conn:
            assert not NEW_TABLES & set(sa.inspect(conn).get_table_names())
    # Reopened with migrate=False: still at 0001, the pending revision reported.
    with Database.open(url, migrate=False) as still_old:
        status = still_old.migration_status()
        assert status.current == OLD and status.pending == ("0002_imports",)
        assert not status.up_to_date
    # Opening normally applies it.
    with Database.open(url) as upgraded:
        assert upgraded.migration_status() == MigrationStatus(
            current="0002_imports", head="0002_imports", pending=()
        )
        assert _snapshot(upgraded) == before
        with upgraded.engine.connect() as conn:
            for table in (imported_files, activity_sources):
                assert conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() == 0
        assert upgraded.integrity_check() == []
        sam = upgraded.ensure_athlete("Sam")
        stored = upgraded.get_activity(ids[0])
        assert stored.has_streams
        assert_same_activity(
            stored.activity,
            run(datetime(2026, 12, 7, 6, 30, tzinfo=NEPAL), source_hash="fit-1", samples=60),
        )
        # The new features work on the old data.
        assert upgraded.hash_known(sam, "fit-1") == ids[0]
        assert not upgraded.file_seen(sam, "f" * 64)
        copy = run(stored.activity.start, source="gpx", source_hash="gpx-1", streams=None)
        result = upgraded.import_file(
            sam, file_hash="f" * 64, file_name="Morning_Run.gpx", linked=[(ids[0], copy)]
        )
        assert result.linked == (ids[0],) and result.status == "linked"
        assert upgraded.file_seen(sam, "f" * 64)
        assert [s.source_hash for s in upgraded.sources_of(ids[0])] == ["gpx-1"]
        assert upgraded.links_for_plan(1) == [(ids[0], "w1-mon-1", "completed")]
        moment = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
        assert [a.id for a in upgraded.overlapping(sam, moment, moment)] == [ids[0]]


def test_upgrade_applies_0002_to_a_0001_database_explicitly(
    engine_name: str, blank_url: Callable[[str], str]
) -> None:
    url = blank_url(engine_name)
    with _at_0001(url) as old:
        _fill(old)
        before = _snapshot(old)
        after = old.upgrade()
        assert after == MigrationStatus(current="0002_imports", head="0002_imports", pending=())
        assert _snapshot(old) == before
        assert old.upgrade() == after  # nothing left to do
