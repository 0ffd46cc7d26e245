"""Choosing the database: explicit URL or path, RUNLIFT_DATABASE_URL, the default file;
SQLite settings; clear errors for bad URLs and unreachable servers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from runlift.errors import InputError
from runlift.storage import (
    Database,
    DatabaseUrlError,
    StorageError,
    database_url,
    default_path,
    display_url,
)


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user data folder moved into tmp (platformdirs follows XDG_DATA_HOME)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("RUNLIFT_DATABASE_URL", raising=False)
    return tmp_path / "xdg"


def test_default_is_runlift_db_in_the_user_data_folder_which_is_created(data_home: Path) -> None:
    url = database_url()
    expected = data_home / "runlift" / "runlift.db"
    assert default_path() == expected
    assert url == f"sqlite:///{expected}"
    assert expected.parent.is_dir()


def test_env_var_overrides_default_and_explicit_overrides_env(
    data_home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("RUNLIFT_DATABASE_URL", "postgresql://u:secret@db.example/runlift")
    assert database_url() == "postgresql+psycopg://u:secret@db.example/runlift"
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert database_url("  ") == "postgresql+psycopg://u:secret@db.example/runlift"
    assert not (data_home / "runlift").exists()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h:5433/db", "postgresql+psycopg://u@h:5433/db"),
        ("sqlite:////abs/file.db", "sqlite:////abs/file.db"),
        ("sqlite+pysqlite:////abs/file.db", "sqlite:////abs/file.db"),
    ],
)
def test_url_forms(given: str, expected: str) -> None:
    assert database_url(given) == expected


def test_plain_paths_are_sqlite_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert database_url("rel.db") == f"sqlite:///{tmp_path / 'rel.db'}"
    assert database_url("~/home.db") == f"sqlite:///{tmp_path / 'home.db'}"


def test_password_is_masked_for_display() -> None:
    url = "postgresql+psycopg://sam:hunter2@db.example:5432/runlift"
    assert "hunter2" not in display_url(url)
    assert display_url(url) == "postgresql+psycopg://sam:***@db.example:5432/runlift"


@pytest.mark.parametrize("bad", ["mysql://u:pw@h/db", "oracle://x", "http://example.com/db"])
def test_unsupported_databases_are_named_with_the_accepted_forms(bad: str) -> None:
    with pytest.raises(DatabaseUrlError) as info:
        Database.open(bad)
    message = str(info.value)
    assert "unsupported database" in message and "postgresql+psycopg://" in message
    assert "pw@" not in message
    assert isinstance(info.value, InputError) and info.value.exit_code == 2


def test_malformed_url() -> None:
    with pytest.raises(DatabaseUrlError, match="not a database URL"):
        database_url("postgresql://u:pw@h:notaport/db")


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUrlError, match="does not exist"):
        Database.open(str(tmp_path / "nowhere" / "x.db"))


def test_unreachable_server_names_the_url_without_the_password() -> None:
    url = "postgresql://sam:hunter2@127.0.0.1:1/test"
    with pytest.raises(StorageError) as info:
        Database.open(url)
    message = str(info.value)
    assert message.startswith("cannot open the database postgresql+psycopg://sam:***@127.0.0.1:1")
    assert "hunter2" not in message
    assert "server is running" in message


def test_a_missing_postgres_schema_is_named(blank_url: Callable[[str], str]) -> None:
    blank_url("postgresql")  # skips with the reason when the server does not answer
    url = "postgresql://postgres@127.0.0.1:5432/test?options=-csearch_path%3Drunlift_missing_x"
    with pytest.raises(StorageError, match="search_path does not exist"):
        Database.open(url)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("just some text, not SQLite " * 100)
    with pytest.raises(StorageError, match="not a database"):
        Database.open(str(path))


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    with Database.open(str(tmp_path / "w.db")) as database, database.engine.connect() as conn:
        pragma = conn.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA busy_timeout").scalar() == 30_000
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL


def test_in_memory_sqlite_works() -> None:
    with Database.open("sqlite://") as database:
        assert database.ensure_athlete("Sam") == 1
        assert database.migration_status().pending == ()


def test_closed_database_says_so(tmp_path: Path) -> None:
    database = Database.open(str(tmp_path / "c.db"))
    database.close()
    database.close()
    with pytest.raises(StorageError, match="is closed"):
        database.default_athlete()


def test_postgres_display_url_and_dialect(db: Database) -> None:
    assert db.dialect in {"sqlite", "postgresql"}
    assert db.display_url == display_url(db.url)
    assert repr(db) == f"Database({db.display_url!r})"
    with db.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT 1")).scalar() == 1
