"""The whole database as one JSON document, schema id ``runlift.backup/1``, and back.

Documented field by field in docs/storage.md. Ids are kept, so an activity is still
number 42 after a move from SQLite to PostgreSQL. Planned sessions are not written:
they are derived again from each plan document on import. Since schema revision
0002 an athlete also lists its ``imported_files`` and an activity its linked copies
(``sources``); both are optional on import, so older backups still load.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, TextIO

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from runlift import __version__
from runlift.errors import PlanFileError
from runlift.model.activity import Streams
from runlift.storage import activities as acts
from runlift.storage import plans as plan_store
from runlift.storage import streams as stream_codec
from runlift.storage.errors import BackupFormatError, InvalidRecordError, NotEmptyDatabase
from runlift.storage.records import ImportSummary
from runlift.storage.schema import (
    TABLES,
    activities,
    activity_plan_links,
    activity_sources,
    athletes,
    imported_files,
    laps,
    planned_sessions,
    plans,
    streams,
    strength_sets,
    wellness,
)

SCHEMA_ID = "runlift.backup/1"
WELLNESS_FIELDS = (
    "body_mass_kg",
    "resting_hr",
    "hrv_ms",
    "sleep_h",
    "soreness",
    "mood",
    "notes",
)
WELLNESS_NUMBERS = ("body_mass_kg", "resting_hr", "hrv_ms", "sleep_h")
SET_FIELDS = ("exercise", "exercise_raw", "type", "reps", *acts.SET_NUMBERS)
SOURCE_TEXTS = ("source", "source_file", "source_hash")
#: Activities read per round of queries when exporting.
BATCH = 50
#: Tables whose integer ids come from a sequence on PostgreSQL (reset after import).
_SERIAL = (athletes, plans, activities)

Row = RowMapping


def _iso_utc(moment: datetime) -> str:
    return moment.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")


def _by(
    connection: Connection,
    table: sa.Table,
    key: str,
    *order: str,
    where: sa.ColumnElement[bool] | None = None,
) -> dict[int, list[Row]]:
    grouped: dict[int, list[Row]] = defaultdict(list)
    query = sa.select(table).order_by(*(table.c[name] for name in (key, *order)))
    if where is not None:
        query = query.where(where)
    for row in connection.execute(query).mappings():
        grouped[row[key]].append(row)
    return grouped


# ---------------------------------------------------------------- export


def _streams_json(row: Row | None) -> dict[str, Any] | None:
    if row is None:
        return None
    decoded = stream_codec.from_row(row)
    return {name: stream_codec.to_json(getattr(decoded, name)) for name in stream_codec.CHANNELS}


def _activity_json(
    row: Row,
    lap_rows: list[Row],
    set_rows: list[Row],
    stream_row: Row | None,
    links: list[Row],
    sources: list[Row],
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": row["id"],
        "start": acts.join_time(row["start_utc"], row["utc_offset_min"]).isoformat(),
        "modality": row["modality"],
    }
    out.update({name: row[name] for name in (*acts.SCALARS, *acts.TEXTS)})
    out["stored_at"] = _iso_utc(row["stored_at"])
    out["laps"] = [
        {
            "start": acts.join_time(lap["start_utc"], lap["utc_offset_min"]).isoformat(),
            **{name: lap[name] for name in acts.LAP_NUMBERS},
        }
        for lap in lap_rows
    ]
    out["sets"] = [{name: s[name] for name in SET_FIELDS} for s in set_rows]
    out["streams"] = _streams_json(stream_row)
    out["links"] = [
        {"plan_id": link["plan_id"], "session_id": link["session_id"], "status": link["status"]}
        for link in links
    ]
    out["sources"] = [
        {
            **{name: source[name] for name in SOURCE_TEXTS},
            "start": acts.join_time(source["start_utc"], source["utc_offset_min"]).isoformat(),
            "duration_s": source["duration_s"],
            "recorded_at": _iso_utc(source["recorded_at"]),
        }
        for source in sources
    ]
    return out


def _activity_batches(
    connection: Connection, athlete_id: int, size: int | None = None
) -> Iterator[list[dict[str, Any]]]:
    """The athlete's activities in start order, ``size`` at a time, six queries a batch."""
    order = (activities.c.start_utc, activities.c.id)
    ids = list(
        connection.execute(
            sa.select(activities.c.id).where(activities.c.athlete_id == athlete_id).order_by(*order)
        ).scalars()
    )
    step = size or BATCH
    for first in range(0, len(ids), step):
        chunk = ids[first : first + step]
        rows = connection.execute(
            sa.select(activities).where(activities.c.id.in_(chunk)).order_by(*order)
        ).mappings()
        lap_map = _by(
            connection, laps, "activity_id", "position", where=laps.c.activity_id.in_(chunk)
        )
        set_map = _by(
            connection,
            strength_sets,
            "activity_id",
            "position",
            where=strength_sets.c.activity_id.in_(chunk),
        )
        stream_map = _by(connection, streams, "activity_id", where=streams.c.activity_id.in_(chunk))
        link_map = _by(
            connection,
            activity_plan_links,
            "activity_id",
            "plan_id",
            where=activity_plan_links.c.activity_id.in_(chunk),
        )
        source_map = _by(
            connection,
            activity_sources,
            "activity_id",
            "id",
            where=activity_sources.c.activity_id.in_(chunk),
        )
        yield [
            _activity_json(
                a,
                lap_map.get(a["id"], []),
                set_map.get(a["id"], []),
                next(iter(stream_map.get(a["id"], ())), None),
                link_map.get(a["id"], []),
                source_map.get(a["id"], []),
            )
            for a in rows
        ]


def _athletes(connection: Connection) -> Iterator[dict[str, Any]]:
    """Each athlete with profile, plans, wellness and imported files (activities come
    separately)."""
    plan_map = _by(connection, plans, "athlete_id", "version")
    wellness_map = _by(connection, wellness, "athlete_id", "day")
    file_map = _by(connection, imported_files, "athlete_id", "imported_at", "file_hash")
    for athlete in connection.execute(sa.select(athletes).order_by(athletes.c.id)).mappings():
        key = athlete["id"]
        yield {
            "id": key,
            "name": athlete["name"],
            "profile_toml": athlete["profile_toml"],
            "created_at": _iso_utc(athlete["created_at"]),
            "plans": [
                {
                    "id": p["id"],
                    "version": p["version"],
                    "created_at": _iso_utc(p["created_at"]),
                    "current": bool(p["is_current"]),
                    "document": json.loads(p["document"]),
                }
                for p in plan_map.get(key, ())
            ],
            "wellness": [
                {"day": w["day"].isoformat(), **{f: w[f] for f in WELLNESS_FIELDS}}
                for w in wellness_map.get(key, ())
            ],
            "imported_files": [
                {
                    "file_hash": f["file_hash"],
                    "file_name": f["file_name"],
                    "imported_at": _iso_utc(f["imported_at"]),
                    "activities": f["activities"],
                    "status": f["status"],
                }
                for f in file_map.get(key, ())
            ],
        }


def _header(revision: str | None) -> dict[str, Any]:
    return {
        "schema": SCHEMA_ID,
        "exported_at": _iso_utc(datetime.now(UTC).replace(tzinfo=None)),
        "runlift_version": __version__,
        "schema_revision": revision,
    }


def export(connection: Connection, revision: str | None) -> dict[str, Any]:
    """Everything stored, as one dict."""
    document = _header(revision)
    document["athletes"] = [
        {
            **athlete,
            "activities": [
                item for batch in _activity_batches(connection, athlete["id"]) for item in batch
            ],
        }
        for athlete in _athletes(connection)
    ]
    return document


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def write(connection: Connection, revision: str | None, out: TextIO) -> int:
    """The same document as :func:`export`, written as it is read: one athlete header,
    then one activity per line. Returns the number of activities written."""
    written = 0
    header = _dumps(_header(revision))
    out.write(header[:-1] + ', "athletes": [')
    for n, athlete in enumerate(_athletes(connection)):
        out.write(("," if n else "") + "\n" + _dumps(athlete)[:-1] + ', "activities": [')
        separator = "\n"
        for batch in _activity_batches(connection, athlete["id"]):
            for item in batch:
                out.write(separator + _dumps(item))
                separator = ",\n"
                written += 1
        out.write("]}")
    out.write("\n]}\n")
    return written


# ---------------------------------------------------------------- import


@contextmanager
def _at(where: str) -> Iterator[None]:
    """Name the place in the document when a field is missing or malformed."""
    try:
        yield
    except BackupFormatError:
        raise
    except KeyError as exc:
        raise BackupFormatError(f"backup {where}: missing field {exc.args[0]!r}") from None
    except (PlanFileError, InvalidRecordError) as exc:
        raise BackupFormatError(f"backup {where}: {exc}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise BackupFormatError(f"backup {where}: {exc}") from None


def _list(obj: Mapping[str, Any], key: str) -> list[Any]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"{key} must be a list")
    return value


def _utc(text: str | None) -> datetime:
    """A stored timestamp; when the document leaves it out, now."""
    if text is None:
        return datetime.now(UTC).replace(tzinfo=None)
    moment = datetime.fromisoformat(_str(text).replace("Z", "+00:00"))
    utc, _ = acts.split_time(moment, "timestamp")
    return utc


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {value!r}")
    return value


def _opt_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _num(value: Any) -> float | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise TypeError(f"expected a number, got {value!r}")
    return acts.real(value)


class _Rows:
    """Rows to insert, per table, gathered from the document before any write."""

    def __init__(self) -> None:
        self.by_table: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}

    def add(self, table: sa.Table, row: dict[str, Any]) -> None:
        self.by_table[table.name].append(row)

    def count(self, table: sa.Table) -> int:
        return len(self.by_table[table.name])


def _activity_rows(rows: _Rows, athlete_id: int, item: Mapping[str, Any], where: str) -> None:
    activity_id = _int(item["id"])
    moment = datetime.fromisoformat(item["start"])
    start_utc, offset = acts.split_time(moment, "start")
    row: dict[str, Any] = {
        "id": activity_id,
        "athlete_id": athlete_id,
        "start_utc": start_utc,
        "utc_offset_min": offset,
        "local_day": moment.date(),
        "modality": _str(item["modality"]),
        "stored_at": _utc(item.get("stored_at")),
        **{name: _num(item.get(name)) for name in acts.SCALARS},
        **{name: _opt_str(item.get(name)) for name in acts.TEXTS},
    }
    if row["duration_s"] is None or row["sport"] is None or row["source"] is None:
        raise TypeError("duration_s, sport and source are required")
    rows.add(activities, row)
    for position, lap in enumerate(_list(item, "laps")):
        with _at(f"{where}.laps[{position}]"):
            lap_utc, lap_offset = acts.split_time(datetime.fromisoformat(lap["start"]), "start")
            lap_row = {
                "activity_id": activity_id,
                "position": position,
                "start_utc": lap_utc,
                "utc_offset_min": lap_offset,
                **{name: _num(lap.get(name)) for name in acts.LAP_NUMBERS},
            }
            rows.add(laps, lap_row)
    for position, done in enumerate(_list(item, "sets")):
        with _at(f"{where}.sets[{position}]"):
            set_row = {
                "activity_id": activity_id,
                "position": position,
                "exercise": _str(done["exercise"]),
                "exercise_raw": _str(done.get("exercise_raw", done["exercise"])),
                "type": _str(done.get("type", "working")),
                "reps": _opt_int(done.get("reps")),
                **{name: _num(done.get(name)) for name in acts.SET_NUMBERS},
            }
            rows.add(strength_sets, set_row)
    channels = item.get("streams")
    if channels is not None:
        with _at(f"{where}.streams"):
            decoded = {n: stream_codec.from_json(channels.get(n)) for n in stream_codec.CHANNELS}
            time_s = decoded.pop("time_s")
            if time_s is None:
                raise TypeError("time_s is required when streams are present")
            stream_row = stream_codec.to_row(Streams(time_s=time_s, **decoded))
            rows.add(streams, {"activity_id": activity_id, **stream_row})
    for position, link in enumerate(_list(item, "links")):
        with _at(f"{where}.links[{position}]"):
            rows.add(
                activity_plan_links,
                {
                    "activity_id": activity_id,
                    "plan_id": _int(link["plan_id"]),
                    "session_id": _str(link["session_id"]),
                    "status": _str(link["status"]),
                },
            )
    for position, source in enumerate(_list(item, "sources")):
        with _at(f"{where}.sources[{position}]"):
            duration = _num(source["duration_s"])
            if duration is None:
                raise TypeError("duration_s is required")
            source_row = acts.source_row(
                activity_id,
                source=_str(source["source"]),
                source_file=_opt_str(source.get("source_file")),
                source_hash=_opt_str(source.get("source_hash")),
                start=datetime.fromisoformat(_str(source["start"])),
                duration_s=duration,
                recorded_at=_utc(source.get("recorded_at")),
            )
            rows.add(activity_sources, source_row)


def _athlete_rows(rows: _Rows, athlete: Mapping[str, Any], where: str) -> None:
    athlete_id = _int(athlete["id"])
    rows.add(
        athletes,
        {
            "id": athlete_id,
            "name": _str(athlete["name"]),
            "profile_toml": _opt_str(athlete.get("profile_toml")),
            "created_at": _utc(athlete.get("created_at")),
        },
    )
    for i, plan in enumerate(_list(athlete, "plans")):
        with _at(f"{where}.plans[{i}]"):
            plan_id = _int(plan["id"])
            document = plan["document"]
            rows.add(
                plans,
                {
                    "id": plan_id,
                    "athlete_id": athlete_id,
                    "version": _int(plan["version"]),
                    "created_at": _utc(plan.get("created_at")),
                    "is_current": bool(plan.get("current", False)),
                    "document": plan_store.dump(document),
                },
            )
            for session_row in plan_store.session_rows(plan_id, document):
                rows.add(planned_sessions, session_row)
    for i, entry in enumerate(_list(athlete, "wellness")):
        with _at(f"{where}.wellness[{i}]"):
            rows.add(
                wellness,
                {
                    "athlete_id": athlete_id,
                    "day": date.fromisoformat(entry["day"]),
                    **{f: _num(entry.get(f)) for f in WELLNESS_NUMBERS},
                    "soreness": _opt_int(entry.get("soreness")),
                    "mood": _opt_int(entry.get("mood")),
                    "notes": _opt_str(entry.get("notes")),
                },
            )
    for i, entry in enumerate(_list(athlete, "imported_files")):
        with _at(f"{where}.imported_files[{i}]"):
            rows.add(
                imported_files,
                {
                    "athlete_id": athlete_id,
                    "file_hash": _str(entry["file_hash"]),
                    "file_name": _str(entry["file_name"]),
                    "imported_at": _utc(entry.get("imported_at")),
                    "activities": _int(entry.get("activities", 0)),
                    "status": _str(entry["status"]),
                },
            )
    for i, item in enumerate(_list(athlete, "activities")):
        with _at(f"{where}.activities[{i}]"):
            _activity_rows(rows, athlete_id, item, f"{where}.activities[{i}]")


def rows_of(document: Any) -> _Rows:
    """Read and check the whole document; nothing is written yet."""
    if not isinstance(document, Mapping) or document.get("schema") != SCHEMA_ID:
        found = document.get("schema") if isinstance(document, Mapping) else type(document)
        raise BackupFormatError(
            f'not a runlift backup: expected "schema": "{SCHEMA_ID}", found {found!r}'
        )
    rows = _Rows()
    with _at("(top level)"):
        athlete_list = _list(document, "athletes")
    for i, athlete in enumerate(athlete_list):
        with _at(f"athletes[{i}]"):
            _athlete_rows(rows, athlete, f"athletes[{i}]")
    return rows


def is_empty(connection: Connection) -> bool:
    return all(
        connection.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is None
        for table in TABLES
    )


def load(
    connection: Connection, document: Any, shown_url: str, lock: Callable[[], None]
) -> ImportSummary:
    """Insert the document into an empty database, all in the caller's transaction."""
    rows = rows_of(document)
    lock()
    if not is_empty(connection):
        raise NotEmptyDatabase(
            f"the database {shown_url} already holds data; a backup is only imported into "
            "an empty database (choose a new file with --db, or an empty PostgreSQL schema)"
        )
    try:
        for table in TABLES:
            batch = rows.by_table[table.name]
            if batch:
                connection.execute(table.insert(), batch)
    except sa.exc.IntegrityError as exc:
        reason = str(exc.orig).strip().splitlines()[0]
        raise BackupFormatError(f"backup is not consistent: {reason}") from exc
    if connection.dialect.name == "postgresql":
        for table in _SERIAL:
            connection.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                )
            )
    return ImportSummary(
        athletes=rows.count(athletes),
        plans=rows.count(plans),
        planned_sessions=rows.count(planned_sessions),
        activities=rows.count(activities),
        laps=rows.count(laps),
        streams=rows.count(streams),
        sets=rows.count(strength_sets),
        wellness=rows.count(wellness),
        links=rows.count(activity_plan_links),
        imported_files=rows.count(imported_files),
        sources=rows.count(activity_sources),
    )
