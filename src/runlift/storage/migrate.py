"""Alembic, driven from code (no alembic.ini): status and upgrade of one database."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import RevisionError
from alembic.util.exc import CommandError
from sqlalchemy.engine import Connection

from runlift import __version__
from runlift.storage.engine import mask
from runlift.storage.errors import DatabaseTooNewError
from runlift.storage.records import MigrationStatus

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: Key of the PostgreSQL advisory lock held while migrating ("runlift" in ASCII).
PG_LOCK_KEY = 0x72756E6C696674


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    found = scripts().get_current_head()
    assert found is not None, "runlift ships at least one migration"
    return found


def status(connection: Connection, url: str) -> MigrationStatus:
    """Current revision, head, and the revisions still to apply (oldest first).

    Raises DatabaseTooNewError when the database is at a revision this code does not
    know, which means a newer runlift wrote it.
    """
    current = MigrationContext.configure(connection).get_current_revision()
    directory = scripts()
    top = head()
    if current is not None:
        try:
            known = directory.get_revision(current)
        except (RevisionError, CommandError):
            known = None
        if known is None:
            raise DatabaseTooNewError(
                f"the database {mask(url)} is at schema revision {current!r}, which runlift "
                f"{__version__} does not know: a newer runlift wrote it. Upgrade runlift "
                "(pip install -U runlift) to use it, or choose another database with --db "
                "or RUNLIFT_DATABASE_URL."
            )
    pending = [rev.revision for rev in directory.iterate_revisions(top, current or "base")]
    return MigrationStatus(current=current, head=top, pending=tuple(reversed(pending)))


def lock(connection: Connection) -> None:
    """Serialize migrations between processes (SQLite: BEGIN IMMEDIATE already does)."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})


def upgrade(connection: Connection, url: str) -> MigrationStatus:
    """Apply every pending revision inside the caller's (write) transaction."""
    lock(connection)
    before = status(connection, url)
    if before.pending:
        command.upgrade(config(connection), "head")
    return status(connection, url)
