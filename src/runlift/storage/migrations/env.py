"""Alembic environment, run by :func:`runlift.storage.migrate.upgrade`.

runlift hands over its own connection, already inside a write transaction (and, on
PostgreSQL, holding the migration lock), in ``config.attributes["connection"]``. Run
through the ``alembic`` command instead, it opens the database runlift would use (or
``-x url=...``).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from runlift.storage.schema import metadata


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run() -> None:
    if context.is_offline_mode():
        raise SystemExit("runlift migrations run online only (no --sql mode)")
    connection = context.config.attributes.get("connection")
    if isinstance(connection, Connection):
        _migrate(connection)
        return
    from runlift.storage.engine import create_engine, database_url, transaction

    url = database_url(context.get_x_argument(as_dictionary=True).get("url"))
    engine = create_engine(url)
    try:
        with transaction(engine, write=True) as own:
            _migrate(own)
    finally:
        engine.dispose()


_run()
