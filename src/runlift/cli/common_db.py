"""The --db option shared by every command that reads or writes the training log."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from runlift.storage import Database

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database file or URL (default: RUNLIFT_DATABASE_URL, else runlift.db in your "
        "data folder). PostgreSQL: postgresql://user@host/dbname.",
    ),
]


@contextmanager
def opened(db: str | None) -> Iterator[Database]:
    from runlift import services

    database = services.open_database(db)
    try:
        yield database
    finally:
        database.close()
