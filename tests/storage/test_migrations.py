"""Migrations: run on first use, status and upgrade, refuse a newer database, match the
schema, and only ever add."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from runlift.storage import (
    Database,
    DatabaseTooNewError,
    MigrationStatus,
    StorageError,
    database_url,
)
from runlift.storage.migrate import MIGRATIONS, head, scripts
from runlift.storage.schema import TABLES, metadata

HEAD = head()
REVISIONS = tuple(reversed([r.revision for r in scripts().walk_revisions()]))


def test_the_revisions_in_order() -> None:
    assert REVISIONS == ("0001_initial", "0002_imports")
    assert HEAD == "0002_imports"


def test_status_before_and_after_upgrade(engine_name: str, blank_url: Callable[[str], str]) -> None:
    url = blank_url(engine_name)
    with Database.open(url, migrate=False) as database:
        before = database.migration_status()
        assert before == MigrationStatus(current=None, head=HEAD, pending=REVISIONS)
        assert not before.up_to_date
        with pytest.raises(StorageError, match="athletes"):
            database.default_athlete()
        after = database.upgrade()
        assert after == MigrationStatus(current=HEAD, head=HEAD, pending=())
        assert after.up_to_date
        assert database.upgrade() == after
        assert database.default_athlete() is None


def test_open_migrates_on_first_use(engine_name: str, blank_url: Callable[[str], str]) -> None:
    with Database.open(blank_url(engine_name)) as database:
        assert database.migration_status().up_to_date
        with database.engine.connect() as conn:
            names = set(sa.inspect(conn).get_table_names())
        assert {t.name for t in TABLES} | {"alembic_version"} <= names


def test_postgres_tables_land_in_the_schema_of_the_search_path(
    blank_url: Callable[[str], str],
) -> None:
    url = blank_url("postgresql")
    with Database.open(url) as database, database.engine.connect() as conn:
        schema = conn.execute(sa.text("SELECT current_schema()")).scalar_one()
        assert schema.startswith("runlift_test_")
        found = conn.execute(
            sa.text(
                "SELECT DISTINCT table_schema FROM information_schema.tables "
                "WHERE table_name IN ('activities', 'alembic_version') AND table_schema = :s"
            ),
            {"s": schema},
        ).all()
        assert found == [(schema,)]


def _stamp(url: str, revision: str) -> None:
    engine = sa.create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_a_database_from_a_newer_runlift_is_refused_clearly(
    engine_name: str, blank_url: Callable[[str], str]
) -> None:
    url = blank_url(engine_name)
    with Database.open(url) as database:
        database.ensure_athlete("Sam")
        shown = database.display_url
    _stamp(url, "0042_from_the_future")
    for migrate in (True, False):
        with pytest.raises(DatabaseTooNewError) as info:
            Database.open(url, migrate=migrate)
        message = str(info.value)
        assert "0042_from_the_future" in message and shown in message
        assert "newer runlift" in message and "pip install -U runlift" in message
    # Nothing was touched: with the stamp back, the data is still there.
    _stamp(url, HEAD)
    with Database.open(url) as database:
        assert database.ensure_athlete("Sam") == 1


def test_the_migrations_build_exactly_the_declared_schema(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


FORBIDDEN = {"drop_table", "drop_column", "drop_constraint", "rename_table"}


def test_migrations_are_additive() -> None:
    """Nothing stored may be lost: no revision drops or renames tables or columns, or
    deletes rows (a new revision that must, needs a documented exception here)."""
    revisions = sorted((MIGRATIONS / "versions").glob("v*.py"))
    assert revisions, "no migrations found"
    for path in revisions:
        tree = ast.parse(path.read_text("utf-8"))
        upgrade = next(
            n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "upgrade"
        )
        calls = {
            node.func.attr
            for node in ast.walk(upgrade)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        }
        assert not calls & FORBIDDEN, f"{path.name} calls {calls & FORBIDDEN}"
        text = ast.get_source_segment(path.read_text("utf-8"), upgrade) or ""
        for word in ("DELETE FROM", "DROP TABLE", "DROP COLUMN", "TRUNCATE"):
            assert word not in text.upper(), f"{path.name} runs {word}"


def test_migration_files_ship_in_the_package() -> None:
    assert (MIGRATIONS / "env.py").is_file()
    assert Path(MIGRATIONS / "versions" / "__init__.py").is_file()
