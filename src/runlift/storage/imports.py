"""What ``runlift import`` needs from storage: files already seen, hashes already known,
activities overlapping a time span, and one file stored (new activities, linked copies,
richer copies replacing stored ones) in the caller's transaction.

Every function runs inside a transaction the caller holds (see ``repository.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, RowMapping

from runlift.model.activity import Activity
from runlift.storage import activities as acts
from runlift.storage.errors import (
    DuplicateActivity,
    DuplicateFile,
    InvalidRecordError,
    NotFoundError,
)
from runlift.storage.records import ImportedFile, StoredActivity
from runlift.storage.schema import activities, activity_sources, athletes, imported_files

#: :func:`overlapping` finds activities up to this long through the start-time index;
#: longer ones (rare) through the (athlete, duration) index.
WINDOW = timedelta(hours=6)
#: Hashes per ``IN (...)`` list (each list is used twice; old SQLite allows 999 values).
_CHUNK = 400


# ---------------------------------------------------------------- statements
# Built once: building a statement costs several times what running a small one does,
# and import_file must cost no more than add_activity.

_a = activities.c
_s = activity_sources.c
_f = imported_files.c


def _hash_query(match: Any) -> sa.CompoundSelect[Any]:
    """(hash, activity id) of the athlete's activities and linked copies whose hash
    satisfies ``match(column)``."""
    stored = sa.select(_a.source_hash, _a.id).where(
        _a.athlete_id == sa.bindparam("athlete_id"), match(_a.source_hash)
    )
    linked = (
        sa.select(_s.source_hash, _s.activity_id)
        .join_from(activity_sources, activities, _a.id == _s.activity_id)
        .where(_a.athlete_id == sa.bindparam("athlete_id"), match(_s.source_hash))
    )
    return sa.union_all(stored, linked)


_HASH_ONE = _hash_query(lambda column: column == sa.bindparam("source_hash")).limit(1)
_HASH_MANY = _hash_query(lambda column: column.in_(sa.bindparam("hashes", expanding=True)))
_FILE = sa.select(imported_files).where(
    _f.athlete_id == sa.bindparam("athlete_id"), _f.file_hash == sa.bindparam("file_hash")
)
#: The athlete row, locked until commit on PostgreSQL (``FOR NO KEY UPDATE``: other
#: writers for the same athlete wait, inserts referring to it do not).
ATHLETE_FOR_WRITE = (
    sa.select(athletes.c.id)
    .where(athletes.c.id == sa.bindparam("athlete_id"))
    .with_for_update(key_share=True)
)


def _claim(dialect: str) -> sa.Insert:
    """Record a file unless it is recorded already, locking the athlete, in one
    statement: INSERT ... SELECT FROM athletes [FOR NO KEY UPDATE] ON CONFLICT DO
    NOTHING. No row written: the file was seen, or the athlete does not exist."""
    source = ATHLETE_FOR_WRITE.with_only_columns(
        athletes.c.id,
        sa.bindparam("file_hash", type_=sa.Text()),
        sa.bindparam("file_name", type_=sa.Text()),
        sa.bindparam("imported_at", type_=sa.DateTime()),
        sa.bindparam("activities", type_=sa.Integer()),
        sa.bindparam("status", type_=sa.Text()),
    )
    columns = [_f.athlete_id, _f.file_hash, _f.file_name, _f.imported_at, _f.activities, _f.status]
    if dialect == "postgresql":
        pg_insert = postgresql.insert(imported_files).from_select(columns, source)
        # psycopg reports no row count for it: RETURNING tells instead.
        return pg_insert.on_conflict_do_nothing().returning(_f.athlete_id)
    # rowcount works on SQLite (RETURNING needs SQLite 3.35).
    return sqlite.insert(imported_files).from_select(columns, source).on_conflict_do_nothing()


_CLAIMS = {name: _claim(name) for name in ("sqlite", "postgresql")}

_near = sa.select(_a.id, _a.start_utc, _a.duration_s).where(
    _a.athlete_id == sa.bindparam("athlete_id"),
    _a.start_utc >= sa.bindparam("earliest"),
    _a.start_utc <= sa.bindparam("end"),
)
_long = sa.select(_a.id, _a.start_utc, _a.duration_s).where(
    _a.athlete_id == sa.bindparam("athlete_id"),
    _a.duration_s > WINDOW.total_seconds(),
    _a.start_utc < sa.bindparam("earliest"),
)
_OVERLAP_CANDIDATES = sa.union_all(_near, _long)


# ---------------------------------------------------------------- look-ups


def file_record(connection: Connection, athlete_id: int, file_hash: str) -> RowMapping | None:
    params = {"athlete_id": athlete_id, "file_hash": file_hash}
    return connection.execute(_FILE, params).mappings().first()


def hash_owner(connection: Connection, athlete_id: int, source_hash: str) -> int | None:
    """The activity the hash belongs to: stored from it, or linked to a copy with it."""
    params = {"athlete_id": athlete_id, "source_hash": source_hash}
    row = connection.execute(_HASH_ONE, params).first()
    return None if row is None else int(row[1])


def known_hashes(connection: Connection, athlete_id: int, hashes: Iterable[str]) -> dict[str, int]:
    """Which of ``hashes`` the athlete already has, each with its activity id."""
    wanted = list(dict.fromkeys(hashes))
    if len(wanted) == 1:  # the usual file: skip the cost of an expanding IN list
        owner = hash_owner(connection, athlete_id, wanted[0])
        return {} if owner is None else {wanted[0]: owner}
    found: dict[str, int] = {}
    for first in range(0, len(wanted), _CHUNK):
        params = {"athlete_id": athlete_id, "hashes": wanted[first : first + _CHUNK]}
        for source_hash, activity_id in connection.execute(_HASH_MANY, params):
            found.setdefault(str(source_hash), int(activity_id))
    return found


def overlapping(
    connection: Connection, athlete_id: int, start: datetime, end: datetime
) -> list[StoredActivity]:
    """The athlete's activities whose [start, start + duration] meets [start, end]
    (naive UTC instants; both ends included), by start, with laps and sets but no
    streams. Two index range scans find the candidates: those starting from
    ``WINDOW`` before ``start`` to ``end`` (start-time index), and the few longer than
    ``WINDOW`` starting earlier (duration index); the exact test runs here."""
    params = {"athlete_id": athlete_id, "earliest": start - WINDOW, "end": end}
    ids = [
        int(key)
        for key, begins, seconds in connection.execute(_OVERLAP_CANDIDATES, params)
        if begins <= end and begins + timedelta(seconds=seconds) >= start
    ]
    if not ids:
        return []
    return acts.load(connection, _a.id.in_(ids), with_streams=False)


# ---------------------------------------------------------------- writing


def claim_file(
    connection: Connection,
    athlete_id: int,
    *,
    file_hash: str,
    file_name: str,
    status: str,
    count: int,
    now: datetime,
    shown_url: Callable[[], str],
) -> RowMapping | None:
    """Record the file for the athlete and lock the athlete (PostgreSQL) in one
    statement. Returns None when recorded, else the record already there; raises
    NotFoundError for an unknown athlete."""
    params = {
        "athlete_id": athlete_id,
        "file_hash": file_hash,
        "file_name": file_name,
        "imported_at": now,
        "activities": count,
        "status": status,
    }
    dialect = connection.dialect.name
    result = connection.execute(_CLAIMS[dialect], params)
    claimed = result.first() is not None if dialect == "postgresql" else result.rowcount == 1
    if claimed:
        return None
    earlier = file_record(connection, athlete_id, file_hash)
    if earlier is None:
        raise NotFoundError(f"no athlete with id {athlete_id} in {shown_url()}")
    return earlier


def _check_hashes(connection: Connection, athlete_id: int, incoming: Sequence[Activity]) -> None:
    """Refuse the file when any of its hashes is already known (DuplicateActivity) or
    appears twice in it."""
    hashes = [a.source_hash for a in incoming if a.source_hash is not None]
    seen: set[str] = set()
    for source_hash in hashes:
        if source_hash in seen:
            raise InvalidRecordError(
                f"the source hash {source_hash[:12]} appears twice in one file; "
                "each activity of a file needs its own hash"
            )
        seen.add(source_hash)
    known = known_hashes(connection, athlete_id, hashes)
    for source_hash in hashes:
        if source_hash in known:
            raise DuplicateActivity(known[source_hash], source_hash)


def _targets(
    connection: Connection, athlete_id: int, ids: Iterable[int], shown_url: Callable[[], str]
) -> None:
    """Every id names an activity of this athlete."""
    wanted = set(ids)
    if not wanted:
        return
    owners = dict(
        connection.execute(sa.select(_a.id, _a.athlete_id).where(_a.id.in_(wanted))).all()
    )
    for key in sorted(wanted):
        if key not in owners:
            raise NotFoundError(f"no activity with id {key} in {shown_url()}")
        if owners[key] != athlete_id:
            raise InvalidRecordError(
                f"activity {key} belongs to another athlete (id {owners[key]}), "
                f"not to athlete {athlete_id}"
            )


def _copy_row(activity_id: int, copy: Activity, now: datetime) -> dict[str, Any]:
    return acts.source_row(
        activity_id,
        source=copy.source,
        source_file=copy.source_file,
        source_hash=copy.source_hash,
        start=copy.start,
        duration_s=copy.duration_s,
        recorded_at=now,
    )


def _previous_row(connection: Connection, activity_id: int, now: datetime) -> dict[str, Any]:
    """The stored version of an activity, as a linked copy, before it is replaced."""
    row = (
        connection.execute(
            sa.select(
                _a.source,
                _a.source_file,
                _a.source_hash,
                _a.start_utc,
                _a.utc_offset_min,
                _a.duration_s,
            ).where(_a.id == activity_id)
        )
        .mappings()
        .one()
    )
    return {"activity_id": activity_id, **row, "recorded_at": now}


def import_file(
    connection: Connection,
    athlete_id: int,
    *,
    file_hash: str,
    file_name: str,
    new: Sequence[Activity],
    linked: Sequence[tuple[int, Activity]],
    replacing: Sequence[tuple[int, Activity]],
    now: datetime,
    shown_url: Callable[[], str],
) -> ImportedFile:
    """Store one file; the caller's transaction makes it all or nothing. The file row
    comes first: it checks the file is new and the athlete exists, and locks the
    athlete against other writers, in one statement."""
    status = "imported" if new or not (linked or replacing) else "linked"
    seen = claim_file(
        connection,
        athlete_id,
        file_hash=file_hash,
        file_name=file_name,
        status=status,
        count=len(new) + len(replacing),
        now=now,
        shown_url=shown_url,
    )
    if seen is not None:
        raise DuplicateFile(file_hash, seen["file_name"], seen["status"])
    _check_hashes(
        connection,
        athlete_id,
        [*new, *(copy for _, copy in linked), *(copy for _, copy in replacing)],
    )
    _targets(connection, athlete_id, [key for key, _ in (*linked, *replacing)], shown_url)
    new_ids = tuple(acts.insert(connection, athlete_id, activity, now) for activity in new)
    for activity_id, richer in replacing:
        previous = _previous_row(connection, activity_id, now)
        connection.execute(activity_sources.insert().values(**previous))
        acts.replace_content(connection, activity_id, richer)
    if linked:
        connection.execute(
            activity_sources.insert(), [_copy_row(key, copy, now) for key, copy in linked]
        )
    return ImportedFile(
        file_hash=file_hash,
        file_name=file_name,
        status=status,
        new=new_ids,
        linked=tuple(key for key, _ in linked),
        replaced=tuple(key for key, _ in replacing),
    )
