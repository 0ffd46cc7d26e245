"""Plans: every saved version kept as its ``runlift.plan/1`` document, one current per
athlete, plus one ``planned_sessions`` row per session of each version."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, RowMapping

from runlift.errors import PlanFileError
from runlift.storage.activities import new_id
from runlift.storage.records import PlannedRow, StoredPlan
from runlift.storage.schema import planned_sessions, plans

PLAN_SCHEMA = "runlift.plan/1"
_TEXT_FIELDS = ("modality", "kind", "intensity")


def dump(document: Mapping[str, Any]) -> str:
    try:
        return json.dumps(document, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise PlanFileError(f"plan document cannot be stored as JSON: {exc}") from None


def _session_row(plan_id: int, index: int, session: Any) -> dict[str, Any]:
    where = f"plan document: sessions[{index}]"
    if not isinstance(session, Mapping):
        raise PlanFileError(f"{where}: expected an object")
    try:
        session_id = session["id"]
        row: dict[str, Any] = {
            "plan_id": plan_id,
            "session_id": session_id,
            "day": date.fromisoformat(session["date"]),
            "start_time": time.fromisoformat(session["start"]),
            "end_time": time.fromisoformat(session["end"]),
            "duration_min": session["duration_min"],
            "distance_km": session.get("distance_km"),
        }
        row.update({name: session[name] for name in _TEXT_FIELDS})
    except KeyError as exc:
        raise PlanFileError(f"{where}: missing field {exc.args[0]}") from None
    except (TypeError, ValueError) as exc:
        raise PlanFileError(f"{where}: {exc}") from None
    checks = {
        "id": isinstance(session_id, str) and bool(session_id),
        "duration_min": isinstance(row["duration_min"], int)
        and not isinstance(row["duration_min"], bool),
        "distance_km": row["distance_km"] is None
        or (
            isinstance(row["distance_km"], int | float) and not isinstance(row["distance_km"], bool)
        ),
        **{name: isinstance(row[name], str) for name in _TEXT_FIELDS},
    }
    for field, ok in checks.items():
        if not ok:
            raise PlanFileError(f"{where}.{field}: unexpected value {session.get(field)!r}")
    if row["distance_km"] is not None:
        row["distance_km"] = float(row["distance_km"])
    return row


def session_rows(plan_id: int, document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The planned_sessions rows of a plan document; raises PlanFileError naming the
    field when the document is not a ``runlift.plan/1`` plan."""
    if not isinstance(document, Mapping) or document.get("schema") != PLAN_SCHEMA:
        raise PlanFileError(f'not a runlift plan (expected "schema": "{PLAN_SCHEMA}")')
    sessions = document.get("sessions")
    if not isinstance(sessions, list):
        raise PlanFileError("plan document: sessions must be a list")
    rows = [_session_row(plan_id, i, s) for i, s in enumerate(sessions)]
    seen: set[str] = set()
    for row in rows:
        if row["session_id"] in seen:
            raise PlanFileError(f"plan document: session id {row['session_id']!r} repeats")
        seen.add(row["session_id"])
    return rows


def save(
    connection: Connection, athlete_id: int, document: Mapping[str, Any], now: datetime
) -> StoredPlan:
    """Store a new version and make it current; older versions stay."""
    text = dump(document)
    session_rows(0, document)  # validate before writing anything
    version = connection.execute(
        sa.select(sa.func.coalesce(sa.func.max(plans.c.version), 0)).where(
            plans.c.athlete_id == athlete_id
        )
    ).scalar_one()
    connection.execute(
        plans.update().where(plans.c.athlete_id == athlete_id).values(is_current=False)
    )
    result = connection.execute(
        plans.insert().values(
            athlete_id=athlete_id,
            version=int(version) + 1,
            created_at=now,
            is_current=True,
            document=text,
        )
    )
    plan_id = new_id(result)
    rows = session_rows(plan_id, document)
    if rows:
        connection.execute(planned_sessions.insert(), rows)
    return StoredPlan(
        id=plan_id,
        version=int(version) + 1,
        created_at=now.replace(tzinfo=UTC),
        document=json.loads(text),
        current=True,
    )


def plan_from(row: RowMapping) -> StoredPlan:
    return StoredPlan(
        id=row["id"],
        version=row["version"],
        created_at=row["created_at"].replace(tzinfo=UTC),
        document=json.loads(row["document"]),
        current=bool(row["is_current"]),
    )


def versions(connection: Connection, athlete_id: int) -> list[StoredPlan]:
    rows = connection.execute(
        sa.select(plans).where(plans.c.athlete_id == athlete_id).order_by(plans.c.version)
    ).mappings()
    return [plan_from(row) for row in rows]


def current(connection: Connection, athlete_id: int) -> StoredPlan | None:
    row = (
        connection.execute(
            sa.select(plans).where(plans.c.athlete_id == athlete_id, plans.c.is_current)
        )
        .mappings()
        .first()
    )
    return None if row is None else plan_from(row)


def planned(
    connection: Connection, plan_id: int, since: date | None, until: date | None
) -> list[PlannedRow]:
    """The plan's sessions between ``since`` and ``until`` (both inclusive), in order."""
    ps = planned_sessions.c
    query = sa.select(planned_sessions).where(ps.plan_id == plan_id)
    if since is not None:
        query = query.where(ps.day >= since)
    if until is not None:
        query = query.where(ps.day <= until)
    rows = connection.execute(query.order_by(ps.day, ps.start_time, ps.session_id)).mappings()
    return [
        PlannedRow(
            plan_id=row["plan_id"],
            session_id=row["session_id"],
            date=row["day"],
            start=row["start_time"],
            end=row["end_time"],
            modality=row["modality"],
            kind=row["kind"],
            intensity=row["intensity"],
            duration_min=row["duration_min"],
            distance_km=row["distance_km"],
        )
        for row in rows
    ]
