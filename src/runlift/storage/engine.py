"""Which database, and how to talk to it: URLs, engines, SQLite pragmas, transactions.

SQLite is the default (a file in the user data folder); PostgreSQL is chosen by URL.
On SQLite every connection runs in WAL mode with foreign keys on and a 30 s busy
timeout, and write transactions start with ``BEGIN IMMEDIATE`` so that two processes
writing at once queue up instead of failing.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import platformdirs
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from runlift.storage.errors import DatabaseUrlError, InvalidRecordError, StorageError

ENV_VAR = "RUNLIFT_DATABASE_URL"
DEFAULT_FILE = "runlift.db"
BUSY_TIMEOUT_S = 30
PG_CONNECT_TIMEOUT_S = 10
ACCEPTED = (
    "a file path (SQLite), sqlite:///PATH, or postgresql+psycopg://USER:PASSWORD@HOST:PORT/DB "
    "(postgresql:// and postgres:// are accepted too)"
)
_SQLITE_DRIVERS = {"sqlite", "sqlite+pysqlite"}
_PG_DRIVERS = {"postgresql", "postgres", "postgresql+psycopg"}
_WRITE = "runlift_write"


def default_path() -> Path:
    """``runlift.db`` in the user data folder (``platformdirs.user_data_dir("runlift")``)."""
    return Path(platformdirs.user_data_dir("runlift")) / DEFAULT_FILE


def database_url(explicit: str | None = None) -> str:
    """The URL to use: ``explicit`` if given, else ``$RUNLIFT_DATABASE_URL``, else the
    default SQLite file (its folder is created). Plain paths become ``sqlite:///`` URLs and
    ``postgresql://`` becomes ``postgresql+psycopg://``."""
    if explicit is not None and explicit.strip():
        return normalize_url(explicit)
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return normalize_url(env)
    path = default_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"cannot create the data folder {path.parent}: {exc.strerror or exc}; "
            f"set {ENV_VAR} or use --db to put the database elsewhere"
        ) from None
    return normalize_url(str(path))


def normalize_url(text: str) -> str:
    """A full SQLAlchemy URL (password kept) for a URL or a plain filesystem path."""
    text = text.strip()
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)
    try:
        url = make_url(text)
    except (sa_exc.ArgumentError, ValueError):
        raise DatabaseUrlError(f"not a database URL: {mask(text)}; use {ACCEPTED}") from None
    driver = url.drivername.lower()
    if driver in _PG_DRIVERS:
        url = url.set(drivername="postgresql+psycopg")
    elif driver in _SQLITE_DRIVERS:
        url = url.set(drivername="sqlite")
    else:
        raise DatabaseUrlError(
            f"unsupported database {mask(text)}: runlift stores in SQLite or PostgreSQL; "
            f"use {ACCEPTED}"
        )
    return url.render_as_string(hide_password=False)


def mask(url: str) -> str:
    """The URL with any password replaced by ``***``, for messages and display."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (sa_exc.ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def display_url(url: str) -> str:
    """Alias of :func:`mask`: the URL as it may be shown to a user."""
    return mask(url)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _sqlite_file(url: URL) -> Path | None:
    if url.database in (None, "", ":memory:") or url.query.get("mode") == "memory":
        return None
    return Path(url.database or "")


def create_engine(url: str) -> Engine:
    """An engine for a normalized URL, with runlift's connection settings."""
    parsed = make_url(url)
    shown = mask(url)
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_file(parsed)
        if path is None:
            engine = sa.create_engine(parsed, poolclass=StaticPool)
        else:
            if not path.parent.is_dir():
                raise DatabaseUrlError(
                    f"cannot open database {shown}: the folder {path.parent} does not exist; "
                    "create it or choose another path"
                )
            engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S})
        _sqlite_events(engine, wal=path is not None)
        return engine
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    try:
        return sa.create_engine(parsed, connect_args=connect_args)
    except (ImportError, sa_exc.SQLAlchemyError) as exc:
        raise DatabaseUrlError(f"cannot use database {shown}: {exc}") from None


def _switch_to_wal(cursor: Any) -> None:
    """Turn on WAL, waiting while another process holds the lock.

    Changing the journal mode needs an exclusive lock, and SQLite may answer "database
    is locked" at once instead of running the busy handler, as when two processes open
    a brand-new file together; so wait here, up to the same busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_events(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN, so writes can be IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if wal:
            # synchronous stays FULL (the default): a commit survives a power cut too.
            _switch_to_wal(cursor)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(_WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def transaction(engine: Engine, *, write: bool, snapshot: bool = False) -> Iterator[Connection]:
    """One transaction, committed at the end or rolled back on any error.

    On SQLite a write transaction takes the write lock up front (``BEGIN IMMEDIATE``),
    waiting up to the busy timeout for another writer, so it never fails half-way on a
    lock upgrade. ``snapshot`` makes every statement of a PostgreSQL transaction see the
    same data (REPEATABLE READ); an SQLite transaction always does.
    """
    with engine.connect() as connection:
        if write:
            connection.execution_options(**{_WRITE: True})
        if snapshot and engine.dialect.name == "postgresql":
            connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection


def first_line(exc: BaseException) -> str:
    """The driver's message without SQLAlchemy's SQL echo and background link."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@contextmanager
def translated(url: str, checks: dict[str, str] | None = None) -> Iterator[None]:
    """Turn driver errors into runlift errors naming the (masked) URL."""
    try:
        yield
    except sa_exc.IntegrityError as exc:
        text = first_line(exc)
        for name, meaning in (checks or {}).items():
            if name in str(exc.orig):
                raise InvalidRecordError(f"refused by the database: {meaning}") from exc
        raise InvalidRecordError(f"refused by the database: {text}") from exc
    except sa_exc.DBAPIError as exc:
        raise StorageError(f"database {mask(url)}: {first_line(exc)}") from exc
