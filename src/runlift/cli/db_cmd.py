"""``runlift db``: migrations and whole-database backup."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from runlift.cli.common import user_errors
from runlift.cli.common_db import DbOption, opened

app = typer.Typer(
    help="The training log's database: status, upgrade, export and import.",
    no_args_is_help=True,
    rich_markup_mode=None,
    epilog="Examples:\n\n  runlift db status\n\n  runlift db export backup.json\n\n"
    "  runlift db import backup.json --db postgresql://me@localhost/runlift",
)


@app.command(epilog="Examples:\n\n  runlift db status\n\n  runlift db status --db other.db")
def status(db: DbOption = None) -> None:
    """Where the database is and which migrations it has."""
    from runlift.storage import Database

    with user_errors():
        database = Database.open(db, migrate=False)
        try:
            st = database.migration_status()
        finally:
            database.close()
    typer.echo(f"database: {database.display_url}")
    typer.echo(f"schema revision: {st.current or 'none (empty database)'}; latest: {st.head}")
    typer.echo("pending: " + (", ".join(st.pending) if st.pending else "none, up to date"))


@app.command(epilog="Examples:\n\n  runlift db upgrade")
def upgrade(db: DbOption = None) -> None:
    """Apply pending migrations (runlift also does this on first use)."""
    from runlift.storage import Database

    with user_errors():
        database = Database.open(db, migrate=False)
        try:
            st = database.upgrade()
        finally:
            database.close()
    typer.echo(f"{database.display_url} is at revision {st.current}")


@app.command(name="export", epilog="Examples:\n\n  runlift db export backup.json")
def export_(
    file: Annotated[Path, typer.Argument(help="JSON file to write (runlift.backup/1).")],
    db: DbOption = None,
) -> None:
    """Write everything (profile, plans, activities with streams and sets, wellness)."""
    from runlift.errors import InputError

    with user_errors(), opened(db) as database:
        # Streamed a batch at a time into a temporary file, renamed when complete, so a
        # failure never leaves half a backup under the real name.
        tmp = file.with_name(file.name + ".tmp")
        try:
            with tmp.open("w", encoding="utf-8") as out:
                count = database.write_backup(out)
            tmp.replace(file)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise InputError(f"cannot write {file}: {exc.strerror}") from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    typer.echo(f"Wrote {file}: {count} activities")


@app.command(name="import", epilog="Examples:\n\n  runlift db import backup.json --db new.db")
def import_(
    file: Annotated[Path, typer.Argument(help="A runlift.backup/1 JSON file.")],
    db: DbOption = None,
) -> None:
    """Restore a backup into an empty database."""
    from runlift.errors import InputError

    with user_errors():
        try:
            document = json.loads(file.read_text("utf-8"))
        except OSError as exc:
            raise InputError(f"{file}: cannot read the file ({exc.strerror})") from None
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise InputError(f"{file}: not a valid JSON backup ({exc})") from None
        with opened(db) as database:
            summary = database.import_document(document)
    typer.echo(f"Imported from {file}: {summary}")
