"""The one entry point of storage: :class:`Database`, opened on a URL, migrated on first
use. Every public method is one transaction; on any error nothing of it is written."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any, Self, TextIO

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from runlift.model.activity import Activity, ActivityModality, Wellness
from runlift.storage import activities as acts
from runlift.storage import backup, imports, migrate, plans
from runlift.storage.engine import (
    create_engine,
    database_url,
    first_line,
    mask,
    transaction,
    translated,
)
from runlift.storage.errors import (
    DuplicateActivity,
    InvalidRecordError,
    NotFoundError,
    StorageError,
)
from runlift.storage.records import (
    ActivitySource,
    AthleteRecord,
    DailyTotal,
    ImportedFile,
    ImportSummary,
    MigrationStatus,
    PlannedRow,
    StoredActivity,
    StoredPlan,
)
from runlift.storage.schema import (
    CHECKS,
    activities,
    activity_plan_links,
    activity_sources,
    athletes,
    planned_sessions,
    wellness,
)
from runlift.storage.schema import plans as plans_table

LINK_STATUSES = ("completed", "partial")
_WELLNESS_MEASURES = (
    "body_mass_kg",
    "resting_hr",
    "hrv_ms",
    "sleep_h",
    "soreness",
    "mood",
    "notes",
)


def _now() -> datetime:
    """Now, as the naive UTC the timestamp columns hold."""
    return datetime.now(UTC).replace(tzinfo=None)


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment  # read as UTC
    return moment.astimezone(UTC).replace(tzinfo=None)


class Database:
    """A runlift database (SQLite file or PostgreSQL). Open with :meth:`open`."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self._engine = engine
        self._closed = False

    # ------------------------------------------------------------ lifecycle

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> Database:
        """Open ``url`` (or RUNLIFT_DATABASE_URL, or the default SQLite file) and bring
        its schema up to date unless ``migrate`` is False."""
        full = database_url(url)
        database = cls(full, create_engine(full))
        try:
            with database._opening():
                # Read first: only a database that needs migrating takes the write lock.
                if database.migration_status().pending and migrate:
                    database.upgrade()
        except BaseException:
            database.close()
            raise
        return database

    @contextmanager
    def _opening(self) -> Iterator[None]:
        try:
            yield
        except StorageError as exc:
            if isinstance(exc.__cause__, sa_exc.OperationalError | sa_exc.InterfaceError):
                raise StorageError(
                    f"cannot open the database {self.display_url}: {first_line(exc.__cause__)}. "
                    "Check the URL (--db or RUNLIFT_DATABASE_URL) and, for PostgreSQL, that "
                    "the server is running and accepts this user."
                ) from exc.__cause__
            if "no schema has been selected" in str(exc):
                raise StorageError(
                    f"cannot set up the database {self.display_url}: the schema named in the "
                    "URL's search_path does not exist; create it (CREATE SCHEMA name) or fix "
                    "the URL"
                ) from exc.__cause__
            raise

    @property
    def display_url(self) -> str:
        """The URL with any password masked, for messages."""
        return mask(self.url)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for instrumentation and tools; prefer the methods)."""
        return self._engine

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({self.display_url!r})"

    @contextmanager
    def _tx(self, *, write: bool, snapshot: bool = False) -> Iterator[Connection]:
        if self._closed:
            raise StorageError(f"the database {self.display_url} is closed")
        with (
            translated(self.url, CHECKS),
            transaction(self._engine, write=write, snapshot=snapshot) as connection,
        ):
            yield connection

    def _lock(self, connection: Connection) -> None:
        migrate.lock(connection)

    # ------------------------------------------------------------ migrations

    def migration_status(self) -> MigrationStatus:
        with self._tx(write=False) as connection:
            return migrate.status(connection, self.url)

    def upgrade(self) -> MigrationStatus:
        """Apply pending migrations (all in one transaction) and return the new status."""
        with self._tx(write=True) as connection:
            return migrate.upgrade(connection, self.url)

    # ------------------------------------------------------------ athletes

    def _require(self, connection: Connection, table: sa.Table, key: int, what: str) -> Any:
        row = connection.execute(sa.select(table).where(table.c.id == key)).mappings().first()
        if row is None:
            raise NotFoundError(f"no {what} with id {key} in {self.display_url}")
        return row

    def _writing_for(self, connection: Connection, athlete_id: int) -> None:
        """Check the athlete exists and, on PostgreSQL, hold its row until commit
        (``FOR NO KEY UPDATE``: other writes for the same athlete wait, so a hash or file
        checked here cannot be stored by another process before this transaction ends;
        SQLite's ``BEGIN IMMEDIATE`` already serializes writers)."""
        found = connection.execute(imports.ATHLETE_FOR_WRITE, {"athlete_id": athlete_id}).scalar()
        if found is None:
            raise NotFoundError(f"no athlete with id {athlete_id} in {self.display_url}")

    def ensure_athlete(self, name: str, profile_toml: str | None = None) -> int:
        """The id of the athlete called ``name``, created (with the profile) if new. An
        existing athlete is returned unchanged: use :meth:`set_profile` to update."""
        if not name.strip():
            raise InvalidRecordError("an athlete needs a name")
        with self._tx(write=True) as connection:
            query = sa.select(athletes.c.id).where(athletes.c.name == name)
            found = connection.execute(query).scalar()
            if found is None:
                row = {"name": name, "profile_toml": profile_toml, "created_at": _now()}
                if self.dialect == "postgresql":
                    connection.execute(
                        postgresql.insert(athletes).values(row).on_conflict_do_nothing()
                    )
                else:
                    connection.execute(athletes.insert().values(row))
                found = connection.execute(query).scalar_one()
            return int(found)

    def default_athlete(self) -> AthleteRecord | None:
        """The first athlete created (the only one, until the web app adds more)."""
        with self._tx(write=False) as connection:
            row = (
                connection.execute(sa.select(athletes).order_by(athletes.c.id).limit(1))
                .mappings()
                .first()
            )
        if row is None:
            return None
        return AthleteRecord(id=row["id"], name=row["name"], profile_toml=row["profile_toml"])

    def set_profile(self, athlete_id: int, name: str, profile_toml: str) -> None:
        if not name.strip():
            raise InvalidRecordError("an athlete needs a name")
        with self._tx(write=True) as connection:
            self._require(connection, athletes, athlete_id, "athlete")
            other = connection.execute(
                sa.select(athletes.c.id).where(athletes.c.name == name, athletes.c.id != athlete_id)
            ).scalar()
            if other is not None:
                raise InvalidRecordError(f"another athlete (id {other}) is already called {name!r}")
            connection.execute(
                athletes.update()
                .where(athletes.c.id == athlete_id)
                .values(name=name, profile_toml=profile_toml)
            )

    # ------------------------------------------------------------ plans

    def save_plan(self, athlete_id: int, document: dict[str, Any]) -> StoredPlan:
        """Store ``document`` (runlift.plan/1) as a new version and make it current."""
        with self._tx(write=True) as connection:
            # Row lock on PostgreSQL so two saves cannot pick the same version number.
            found = connection.execute(
                sa.select(athletes.c.id).where(athletes.c.id == athlete_id).with_for_update()
            ).scalar()
            if found is None:
                raise NotFoundError(f"no athlete with id {athlete_id} in {self.display_url}")
            return plans.save(connection, athlete_id, document, _now())

    def current_plan(self, athlete_id: int) -> StoredPlan | None:
        with self._tx(write=False) as connection:
            return plans.current(connection, athlete_id)

    def plan_versions(self, athlete_id: int) -> list[StoredPlan]:
        """Every saved version, oldest first."""
        with self._tx(write=False) as connection:
            return plans.versions(connection, athlete_id)

    def planned_sessions(
        self, plan_id: int, since: date | None = None, until: date | None = None
    ) -> list[PlannedRow]:
        """The sessions of one plan version, ``since``/``until`` inclusive, by date and time."""
        with self._tx(write=False) as connection:
            return plans.planned(connection, plan_id, since, until)

    # ------------------------------------------------------------ activities

    def add_activity(self, athlete_id: int, activity: Activity) -> int:
        """Store one activity with its laps, sets and streams in one transaction.

        Raises DuplicateActivity (with ``existing_id``) when the ``source_hash`` is
        already known for this athlete: stored with an activity, or recorded as a copy
        linked to one (see :meth:`hash_known`).
        """
        try:
            with self._tx(write=True) as connection:
                self._writing_for(connection, athlete_id)
                if activity.source_hash is not None:
                    existing = self._by_hash(connection, athlete_id, activity.source_hash)
                    if existing is not None:
                        raise DuplicateActivity(existing, activity.source_hash)
                return acts.insert(connection, athlete_id, activity, _now())
        except InvalidRecordError as exc:
            # Another process stored the same file between our check and our insert.
            if activity.source_hash is not None and "source_hash" in str(exc.__cause__):
                existing = self.find_by_hash(athlete_id, activity.source_hash)
                if existing is not None:
                    raise DuplicateActivity(existing, activity.source_hash) from None
            raise

    def get_activity(self, activity_id: int, *, with_streams: bool = True) -> StoredActivity:
        """One activity with laps and sets, and streams unless ``with_streams`` is False
        (then ``activity.streams`` is None; ``has_streams`` still tells)."""
        with self._tx(write=False) as connection:
            found = acts.load(connection, activities.c.id == activity_id, with_streams=with_streams)
        if not found:
            raise NotFoundError(f"no activity with id {activity_id} in {self.display_url}")
        return found[0]

    def list_activities(
        self,
        athlete_id: int,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        modality: ActivityModality | None = None,
        with_streams: bool = False,
        with_details: bool = True,
    ) -> list[StoredActivity]:
        """Activities starting in [since, until) (aware datetimes; naive ones are read as
        UTC), ordered by start; laps and sets unless ``with_details`` is False (the cheap
        summary a long load history needs), streams on request."""
        condition = activities.c.athlete_id == athlete_id
        if since is not None:
            condition = condition & (activities.c.start_utc >= _naive_utc(since))
        if until is not None:
            condition = condition & (activities.c.start_utc < _naive_utc(until))
        if modality is not None:
            condition = condition & (activities.c.modality == ActivityModality(modality).value)
        with self._tx(write=False) as connection:
            return acts.load(
                connection, condition, with_streams=with_streams, with_details=with_details
            )

    @staticmethod
    def _by_hash(connection: Connection, athlete_id: int, source_hash: str) -> int | None:
        return imports.hash_owner(connection, athlete_id, source_hash)

    def hash_known(self, athlete_id: int, source_hash: str) -> int | None:
        """The id of the athlete's activity this content hash belongs to: stored from it
        (``activities.source_hash``) or linked to a copy with it
        (``activity_sources.source_hash``); None when unknown. One indexed query."""
        with self._tx(write=False) as connection:
            return self._by_hash(connection, athlete_id, source_hash)

    def find_by_hash(self, athlete_id: int, source_hash: str) -> int | None:
        """The same as :meth:`hash_known` (kept under its original name)."""
        return self.hash_known(athlete_id, source_hash)

    def delete_activity(self, activity_id: int) -> None:
        """Delete an activity with its laps, sets, streams, plan links and linked copies.
        The files it came from stay recorded in ``imported_files``."""
        with self._tx(write=True) as connection:
            result = connection.execute(activities.delete().where(activities.c.id == activity_id))
            if result.rowcount == 0:
                raise NotFoundError(f"no activity with id {activity_id} in {self.display_url}")

    # ------------------------------------------------------------ imports

    def file_seen(self, athlete_id: int, file_hash: str) -> bool:
        """Whether a file with this content hash (sha256 hex of its bytes) was already
        imported, linked or recorded as a duplicate for the athlete."""
        with self._tx(write=False) as connection:
            return imports.file_record(connection, athlete_id, file_hash) is not None

    def overlapping(self, athlete_id: int, start: datetime, end: datetime) -> list[StoredActivity]:
        """The athlete's activities whose span [start, start + duration_s] meets
        [``start``, ``end``] (both ends included; aware datetimes, naive ones read as UTC),
        by start, with laps and sets but without streams (``has_streams`` tells whether
        they have some). Index range scans only, whatever the history's size."""
        low, high = _naive_utc(start), _naive_utc(end)
        if high < low:
            raise InvalidRecordError(
                f"the end {end.isoformat()} lies before the start {start.isoformat()}"
            )
        with self._tx(write=False) as connection:
            return imports.overlapping(connection, athlete_id, low, high)

    def import_file(
        self,
        athlete_id: int,
        *,
        file_hash: str,
        file_name: str,
        new: Sequence[Activity] = (),
        linked: Sequence[tuple[int, Activity]] = (),
        replacing: Sequence[tuple[int, Activity]] = (),
    ) -> ImportedFile:
        """Store what one imported file brings, in ONE transaction (all or nothing):

        - ``new``: activities stored as :meth:`add_activity` does;
        - ``linked``: (id of a stored activity, a poorer copy of it): the copy is recorded
          in ``activity_sources`` (see :meth:`sources_of`), nothing else is stored;
        - ``replacing``: (id of a stored activity, a richer copy): the activity's content
          (columns, laps, sets, streams) becomes the copy's, in place (same id, so plan
          links stay); its previous source, file, hash, start and duration are recorded
          in ``activity_sources``;
        - the file is recorded in ``imported_files``: status ``imported`` when it brought
          a new activity (or nothing at all), ``linked`` when only linked or replacing.

        Raises DuplicateFile when the file was seen (:meth:`file_seen`), DuplicateActivity
        when a hash of any of its activities is known (:meth:`hash_known`), NotFoundError
        or InvalidRecordError for an id that is not one of the athlete's activities or a
        value the database refuses; then nothing of the file is written. Costs the same
        number of statements as :meth:`add_activity` for a file of one activity.
        """
        try:
            with self._tx(write=True) as connection:
                return imports.import_file(
                    connection,
                    athlete_id,
                    file_hash=file_hash,
                    file_name=file_name,
                    new=new,
                    linked=linked,
                    replacing=replacing,
                    now=_now(),
                    shown_url=lambda: self.display_url,
                )
        except InvalidRecordError as exc:
            # An activity stored by another program between our check and our insert.
            if "source_hash" in str(exc.__cause__):
                incoming = [*new, *(c for _, c in linked), *(c for _, c in replacing)]
                hashes = [a.source_hash for a in incoming if a.source_hash is not None]
                with self._tx(write=False) as connection:
                    known = imports.known_hashes(connection, athlete_id, hashes)
                for source_hash in hashes:
                    if source_hash in known:
                        raise DuplicateActivity(known[source_hash], source_hash) from None
            raise

    def record_duplicate_file(self, athlete_id: int, file_hash: str, file_name: str) -> None:
        """Record a file whose activities are all known already (status ``duplicate``,
        no activity), so it is skipped next time without decoding. A file already
        recorded keeps its record."""
        with self._tx(write=True) as connection:
            imports.claim_file(
                connection,
                athlete_id,
                file_hash=file_hash,
                file_name=file_name,
                status="duplicate",
                count=0,
                now=_now(),
                shown_url=lambda: self.display_url,
            )

    def sources_of(self, activity_id: int) -> list[ActivitySource]:
        """The other recordings linked to the activity (and the versions its content was
        replaced from), in the order they were recorded."""
        with self._tx(write=False) as connection:
            self._require(connection, activities, activity_id, "activity")
            rows = connection.execute(
                sa.select(activity_sources)
                .where(activity_sources.c.activity_id == activity_id)
                .order_by(activity_sources.c.id)
            ).mappings()
            return [acts.source_from(row) for row in rows]

    # ------------------------------------------------------------ wellness

    def put_wellness(self, athlete_id: int, entry: Wellness) -> None:
        """Insert or update the athlete's entry for ``entry.day``; a field given as None
        keeps the value already stored."""
        row: dict[str, Any] = {"athlete_id": athlete_id, "day": entry.day}
        for name in _WELLNESS_MEASURES:
            value = getattr(entry, name)
            row[name] = acts.real(value) if isinstance(value, float) else value
        with self._tx(write=True) as connection:
            self._require(connection, athletes, athlete_id, "athlete")
            if self.dialect == "postgresql":
                pg_insert = postgresql.insert(wellness).values(row)
                keep = {
                    n: sa.func.coalesce(pg_insert.excluded[n], wellness.c[n])
                    for n in _WELLNESS_MEASURES
                }
                connection.execute(
                    pg_insert.on_conflict_do_update(
                        index_elements=[wellness.c.athlete_id, wellness.c.day], set_=keep
                    )
                )
            else:
                lite_insert = sqlite.insert(wellness).values(row)
                keep = {
                    n: sa.func.coalesce(lite_insert.excluded[n], wellness.c[n])
                    for n in _WELLNESS_MEASURES
                }
                connection.execute(
                    lite_insert.on_conflict_do_update(
                        index_elements=[wellness.c.athlete_id, wellness.c.day], set_=keep
                    )
                )

    def list_wellness(
        self, athlete_id: int, since: date | None = None, until: date | None = None
    ) -> list[Wellness]:
        """Entries from ``since`` to ``until`` (both inclusive), by day."""
        query = sa.select(wellness).where(wellness.c.athlete_id == athlete_id)
        if since is not None:
            query = query.where(wellness.c.day >= since)
        if until is not None:
            query = query.where(wellness.c.day <= until)
        with self._tx(write=False) as connection:
            rows = connection.execute(query.order_by(wellness.c.day)).mappings().all()
        return [
            Wellness(day=row["day"], **{name: row[name] for name in _WELLNESS_MEASURES})
            for row in rows
        ]

    # ------------------------------------------------------------ links

    def link_activity(self, activity_id: int, plan_id: int, session_id: str, status: str) -> None:
        """Record that the activity fulfils a planned session (``completed`` or
        ``partial``); linking it again within the same plan replaces the link."""
        if status not in LINK_STATUSES:
            raise InvalidRecordError(f"link status must be completed or partial, got {status!r}")
        with self._tx(write=True) as connection:
            activity = self._require(connection, activities, activity_id, "activity")
            plan = self._require(connection, plans_table, plan_id, "plan")
            if activity["athlete_id"] != plan["athlete_id"]:
                raise InvalidRecordError(
                    f"activity {activity_id} and plan {plan_id} belong to different athletes"
                )
            exists = connection.execute(
                sa.select(planned_sessions.c.session_id).where(
                    planned_sessions.c.plan_id == plan_id,
                    planned_sessions.c.session_id == session_id,
                )
            ).scalar()
            if exists is None:
                raise NotFoundError(f"plan {plan_id} has no session {session_id!r}")
            links = activity_plan_links.c
            connection.execute(
                activity_plan_links.delete().where(
                    links.activity_id == activity_id, links.plan_id == plan_id
                )
            )
            connection.execute(
                activity_plan_links.insert().values(
                    activity_id=activity_id, plan_id=plan_id, session_id=session_id, status=status
                )
            )

    def links_for_plan(self, plan_id: int) -> list[tuple[int, str, str]]:
        """(activity_id, session_id, status) for the plan, in planned order."""
        links = activity_plan_links.c
        ps = planned_sessions.c
        query = (
            sa.select(links.activity_id, links.session_id, links.status)
            .join_from(
                activity_plan_links,
                planned_sessions,
                (ps.plan_id == links.plan_id) & (ps.session_id == links.session_id),
            )
            .where(links.plan_id == plan_id)
            .order_by(ps.day, ps.start_time, ps.session_id, links.activity_id)
        )
        with self._tx(write=False) as connection:
            rows = connection.execute(query).all()
        return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    # ------------------------------------------------------------ analytics support

    def daily_totals(self, athlete_id: int) -> list[DailyTotal]:
        """Per local day (the athlete's calendar day at each start) and modality: session
        count, duration, distance and session-RPE load (RPE x minutes, where RPE is known).
        One GROUP BY query."""
        a = activities.c
        query = (
            sa.select(
                a.local_day,
                a.modality,
                sa.func.count(),
                sa.func.sum(a.duration_s),
                sa.func.coalesce(sa.func.sum(a.distance_m), 0.0),
                sa.func.coalesce(sa.func.sum(a.rpe * a.duration_s / 60.0), 0.0),
            )
            .where(a.athlete_id == athlete_id)
            .group_by(a.local_day, a.modality)
            .order_by(a.local_day, a.modality)
        )
        with self._tx(write=False) as connection:
            rows = connection.execute(query).all()
        return [
            DailyTotal(
                day=row[0],
                modality=ActivityModality(row[1]),
                sessions=int(row[2]),
                duration_s=float(row[3]),
                distance_m=float(row[4]),
                srpe_load=float(row[5]),
            )
            for row in rows
        ]

    # ------------------------------------------------------------ backup

    def export_document(self) -> dict[str, Any]:
        """Everything stored, as a ``runlift.backup/1`` document (see docs/storage.md).

        Holds the whole database in memory; for large histories use :meth:`write_backup`.
        """
        with self._tx(write=False, snapshot=True) as connection:
            revision = migrate.status(connection, self.url).current
            return backup.export(connection, revision)

    def write_backup(self, out: TextIO) -> int:
        """Write the same document as :meth:`export_document` as JSON text to ``out``,
        a batch of activities at a time (memory stays small whatever the history).
        Returns the number of activities written."""
        with self._tx(write=False, snapshot=True) as connection:
            revision = migrate.status(connection, self.url).current
            return backup.write(connection, revision, out)

    def import_document(self, document: dict[str, Any]) -> ImportSummary:
        """Load a ``runlift.backup/1`` document into this database, which must be empty
        (NotEmptyDatabase otherwise). All or nothing."""
        with self._tx(write=True) as connection:
            return backup.load(
                connection, document, self.display_url, lambda: self._lock(connection)
            )

    def integrity_check(self) -> list[str]:
        """Problems found (empty when fine). SQLite: integrity and foreign-key checks;
        PostgreSQL checks itself, so nothing to report."""
        if self.dialect != "sqlite":
            return []
        with self._tx(write=False) as connection:
            problems = [
                str(row[0])
                for row in connection.exec_driver_sql("PRAGMA integrity_check")
                if row[0] != "ok"
            ]
            problems += [
                f"{row[0]} row {row[1]} refers to a missing row of {row[2]}"
                for row in connection.exec_driver_sql("PRAGMA foreign_key_check")
            ]
        return problems
