"""The public plan document, schema id ``runlift.plan/1`` (see schemas/plan-1.schema.json)."""

from __future__ import annotations

import json
from datetime import date, time
from importlib import resources
from typing import Any

from runlift.errors import PlanFileError
from runlift.evidence.references import REFERENCES, reference
from runlift.evidence.rules import RULES, rule
from runlift.model.plan import (
    Exercise,
    Intensity,
    Phase,
    Plan,
    PlannedSession,
    SessionKind,
    WeekSummary,
)

SCHEMA_ID = "runlift.plan/1"
RULE_IDS = frozenset(r.id for r in RULES)


def schema() -> dict[str, Any]:
    """The JSON Schema of the plan document, as shipped in the package."""
    text = resources.files("runlift.schemas").joinpath("plan-1.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _exercise(e: Exercise) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": e.name,
        "sets": e.sets,
        "reps": e.reps,
        "load_kg": e.load_kg,
        "rpe": e.rpe,
    }
    if e.duration_s is not None:
        out["duration_s"] = e.duration_s
    return out


def session_to_dict(s: PlannedSession) -> dict[str, Any]:
    return {
        "id": s.id,
        "week": s.week,
        "date": s.date.isoformat(),
        "start": f"{s.start:%H:%M}",
        "end": f"{s.end:%H:%M}",
        "modality": s.modality.value,
        "kind": s.kind.value,
        "intensity": s.intensity.value,
        "lower_body": s.lower_body,
        "duration_min": s.duration_min,
        "distance_km": s.distance_km,
        "title": s.title,
        "targets": dict(s.targets),
        "exercises": [_exercise(e) for e in s.exercises],
        "rules": list(s.rules),
        "refs": list(s.refs),
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as the ``runlift.plan/1`` document."""
    rule_ids = plan.rule_ids
    ref_numbers = sorted({n for rid in rule_ids for n in rule(rid).refs})
    return {
        "schema": SCHEMA_ID,
        "athlete": {"name": plan.athlete_name, "priority": plan.priority},
        "start": plan.start.isoformat(),
        "weeks": plan.weeks,
        "rules": [
            {"id": r.id, "kind": r.kind.value, "statement": r.statement, "refs": list(r.refs)}
            for r in (rule(rid) for rid in rule_ids)
        ],
        "references": [{"n": n, "citation": reference(n).citation} for n in ref_numbers],
        "week_summaries": [
            {
                "week": w.week,
                "phase": w.phase.value,
                "deload": w.deload,
                "run_minutes": w.run_minutes,
                "strength_sessions": w.strength_sessions,
                "hard_sessions": w.hard_sessions,
                "strength_sets": w.strength_sets,
            }
            for w in plan.week_summaries
        ],
        "sessions": [session_to_dict(s) for s in plan.sessions],
    }


def plan_to_json(plan: Plan) -> str:
    return json.dumps(plan_to_dict(plan), indent=2, ensure_ascii=False) + "\n"


def plan_from_dict(doc: Any, source: str) -> Plan:
    """Read a ``runlift.plan/1`` document back; validates it against the schema first."""
    import jsonschema  # only needed when reading plans back

    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA_ID:
        raise PlanFileError(f'{source}: not a runlift plan (expected "schema": "{SCHEMA_ID}")')
    errors = sorted(jsonschema.Draft202012Validator(schema()).iter_errors(doc), key=str)
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        raise PlanFileError(f"{source}: field {where}: {first.message}")
    problem = _contract_problem(doc)
    if problem:
        raise PlanFileError(f"{source}: field {problem}")
    try:
        return Plan(
            athlete_name=doc["athlete"]["name"],
            priority=doc["athlete"]["priority"],
            start=date.fromisoformat(doc["start"]),
            weeks=doc["weeks"],
            week_summaries=tuple(
                WeekSummary(
                    w["week"],
                    Phase(w["phase"]),
                    w["deload"],
                    w["run_minutes"],
                    w["strength_sessions"],
                    w["hard_sessions"],
                    w.get("strength_sets", 0),
                )
                for w in doc["week_summaries"]
            ),
            sessions=tuple(_session_from(s) for s in doc["sessions"]),
        )
    except (ValueError, KeyError) as exc:
        raise PlanFileError(f"{source}: {exc}") from None


def _real_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _contract_problem(doc: dict[str, Any]) -> str | None:
    """What the schema cannot see: real dates, known rules and references, consistency."""
    if not _real_date(doc["start"]):
        return f"start: {doc['start']!r} is not a real date"
    if doc["weeks"] != len(doc["week_summaries"]):
        return f"weeks: {doc['weeks']} but week_summaries holds {len(doc['week_summaries'])} weeks"
    known_refs = {r.n for r in REFERENCES}
    for i, r in enumerate(doc["rules"]):
        if r["id"] not in RULE_IDS:
            return f"rules/{i}/id: unknown rule {r['id']!r}"
    for i, r in enumerate(doc["references"]):
        if r["n"] not in known_refs:
            return f"references/{i}/n: unknown reference {r['n']}"
    seen: set[str] = set()
    for i, s in enumerate(doc["sessions"]):
        where = f"sessions/{i}"
        if s["id"] in seen:
            return f"{where}/id: {s['id']!r} appears twice"
        seen.add(s["id"])
        if not _real_date(s["date"]):
            return f"{where}/date: {s['date']!r} is not a real date"
        if s["end"] <= s["start"]:
            return f"{where}: ends at {s['end']}, not after its start at {s['start']}"
        if SessionKind(s["kind"]).modality.value != s["modality"]:
            return f"{where}/modality: {s['modality']!r} does not match kind {s['kind']!r}"
        unknown = [r for r in s["rules"] if r not in RULE_IDS]
        if unknown:
            return f"{where}/rules: unknown rule {unknown[0]!r}"
        missing = [n for n in s["refs"] if n not in known_refs]
        if missing:
            return f"{where}/refs: unknown reference {missing[0]}"
    return None


def _session_from(s: dict[str, Any]) -> PlannedSession:
    return PlannedSession(
        id=s["id"],
        week=s["week"],
        date=date.fromisoformat(s["date"]),
        start=time.fromisoformat(s["start"]),
        end=time.fromisoformat(s["end"]),
        kind=SessionKind(s["kind"]),
        intensity=Intensity(s["intensity"]),
        lower_body=s["lower_body"],
        duration_min=s["duration_min"],
        distance_km=s["distance_km"],
        targets=tuple(s["targets"].items()),
        exercises=tuple(
            Exercise(
                e["name"],
                e["sets"],
                e.get("reps"),
                e.get("load_kg"),
                e.get("rpe"),
                e.get("duration_s"),
            )
            for e in s["exercises"]
        ),
        rules=tuple(s["rules"]),
        refs=tuple(s["refs"]),
        title=s.get("title", s["kind"]),
    )
