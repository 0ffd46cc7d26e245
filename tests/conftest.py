"""Storage fixtures shared by every test folder.

``db`` is a migrated, empty :class:`runlift.storage.Database`, once on SQLite (a file in
the test's tmp folder) and once on PostgreSQL (127.0.0.1:5432, database ``test``, user
``postgres``, trust auth). The PostgreSQL run uses its own schema
``runlift_test_<random>``, created at the start and dropped at the end; tests that need
a blank database get further schemas with the same prefix, dropped too. When the server
does not answer the PostgreSQL cases are skipped with the reason, unless
``RUNLIFT_REQUIRE_POSTGRES=1`` (then they fail).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from runlift.storage import Database
from runlift.storage.schema import TABLES

PG_CONNINFO = "host=127.0.0.1 port=5432 user=postgres dbname=test"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ENGINES = ("sqlite", "postgresql")


class PostgresServer:
    """The test server, and the schemas this run created on it."""

    def __init__(self) -> None:
        self.prefix = f"runlift_test_{uuid.uuid4().hex[:10]}"
        self.schemas: list[str] = []

    def _execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(PG_CONNINFO, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql)

    def new_schema(self) -> str:
        """A URL whose search_path is a new, empty schema (dropped at the end of the run)."""
        name = self.prefix if not self.schemas else f"{self.prefix}_{len(self.schemas)}"
        self._execute(f'CREATE SCHEMA "{name}"')
        self.schemas.append(name)
        return url_for_schema(name)

    def drop_all(self) -> None:
        for name in reversed(self.schemas):
            self._execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
        self.schemas.clear()


def url_for_schema(schema: str) -> str:
    """The test database URL with ``search_path`` set to ``schema`` for every connection."""
    return f"{PG_URL}?options={quote(f'-csearch_path={schema}', safe='')}"


def _probe_postgres() -> str | None:
    """None when the server answers, else why not."""
    try:
        import psycopg

        psycopg.connect(PG_CONNINFO, connect_timeout=3).close()
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}"
    return None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | None]:
    """The PostgreSQL test server, or None (with the reason in ``postgres_unavailable``)."""
    problem = _probe_postgres()
    if problem is not None:
        if os.environ.get("RUNLIFT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"RUNLIFT_REQUIRE_POSTGRES=1 but PostgreSQL does not answer: {problem}")
        yield None
        return
    server = PostgresServer()
    try:
        yield server
    finally:
        server.drop_all()


def _require(server: PostgresServer | None) -> PostgresServer:
    if server is None:
        pytest.skip(
            "PostgreSQL does not answer on 127.0.0.1:5432 (database test, user postgres): "
            f"{_probe_postgres()}"
        )
    return server


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file, copied for each test (migrating once is faster)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    Database.open(str(path)).close()
    return path


@pytest.fixture(scope="session")
def _pg_shared(postgres_server: PostgresServer | None) -> str:
    """This run's own schema, migrated once; emptied before each test that uses it."""
    server = _require(postgres_server)
    url = server.new_schema()
    Database.open(url).close()
    return url


def _truncate(url: str) -> None:
    with Database.open(url, migrate=False) as database, database.engine.begin() as conn:
        names = ", ".join(table.name for table in TABLES)
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


@pytest.fixture
def blank_url(
    tmp_path: Path, postgres_server: PostgresServer | None
) -> Iterator[Callable[[str], str]]:
    """``blank_url(engine)``: the URL of a new, empty, unmigrated database on that engine."""
    counter = iter(range(1_000_000))

    def make(engine: str) -> str:
        if engine == "sqlite":
            return str(tmp_path / f"blank-{next(counter)}.db")
        return _require(postgres_server).new_schema()

    yield make


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: every storage test runs on both."""
    name: str = request.param
    if name == "postgresql":
        _require(request.getfixturevalue("postgres_server"))
    return name


@pytest.fixture
def db_url(engine_name: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a migrated, empty database on ``engine_name``."""
    if engine_name == "sqlite":
        template: Path = request.getfixturevalue("_sqlite_template")
        path = tmp_path / "runlift.db"
        shutil.copyfile(template, path)
        return str(path)
    url: str = request.getfixturevalue("_pg_shared")
    _truncate(url)
    return url


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A migrated, empty Database on each engine; closed after the test."""
    with Database.open(db_url) as database:
        yield database
