"""The use cases the CLI (and later the web app) call; nothing else calls them.

Each function takes plain values, returns domain objects or plain data, and raises
only :mod:`runlift.errors` types, so every shell can format results its own way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from runlift.errors import InputError, PlanFileError
from runlift.evidence.references import Reference, reference
from runlift.evidence.rules import Rule, rule
from runlift.model.plan import Plan, PlannedSession
from runlift.model.profile import AthleteProfile
from runlift.science import running, strength

MAX_WEEKS = 52


# ------------------------------------------------------------------ profiles and plans


def load_profile(path: Path | None, example: str | None) -> AthleteProfile:
    """The profile from a file, or one of the shipped examples; exactly one is needed."""
    from runlift import profile_file

    if (path is None) == (example is None):
        raise InputError(
            "give a profile file or --example runner|lifter|hybrid (one of the two); "
            "`runlift init` writes a profile"
        )
    if example is not None:
        return profile_file.load_example(example)
    assert path is not None
    return profile_file.load_profile(path)


def with_overrides(
    profile: AthleteProfile, weeks: int | None = None, start: date | None = None
) -> AthleteProfile:
    """The profile with its plan length or start date replaced (from the command line)."""
    if weeks is not None and not 1 <= weeks <= MAX_WEEKS:
        raise InputError(f"--weeks must be between 1 and {MAX_WEEKS}, got {weeks}")
    schedule = profile.schedule
    if weeks is not None:
        schedule = replace(schedule, weeks=weeks)
    if start is not None:
        schedule = replace(schedule, start=start)
    return replace(profile, schedule=schedule)


def make_plan(profile: AthleteProfile) -> Plan:
    """Build the plan; raises InfeasiblePlanError (exit 3) when the windows cannot hold it."""
    from runlift.planning.build import build_plan

    return build_plan(profile)


def plan_as(plan: Plan, fmt: str) -> str:
    """The plan rendered as ``json`` (runlift.plan/1) or ``markdown``."""
    if fmt == "json":
        from runlift.exporters.plan_json import plan_to_json

        return plan_to_json(plan)
    if fmt == "markdown":
        from runlift.exporters.plan_markdown import plan_to_markdown

        return plan_to_markdown(plan)
    raise InputError(f"unknown format {fmt!r}: use table, json or markdown")


def load_plan_or_profile(path: Path) -> Plan:
    """A saved plan JSON as it is, or a profile (TOML) planned afresh."""
    try:
        head = path.read_bytes()[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror})") from None
    if not head.startswith(b"{"):
        return make_plan(load_profile(path, None))
    from runlift.exporters.plan_json import plan_from_dict

    try:
        doc = json.loads(path.read_text("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanFileError(f"{path}: not valid JSON ({exc})") from None
    except RecursionError:
        raise PlanFileError(f"{path}: JSON nested too deeply to be a plan") from None
    return plan_from_dict(doc, str(path))


@dataclass(frozen=True, slots=True)
class Explanation:
    session: PlannedSession
    rules: tuple[Rule, ...]
    references: tuple[Reference, ...]


def explain(plan: Plan, session_id: str) -> Explanation:
    session = plan.session(session_id)
    if session is None:
        ids = [s.id for s in plan.sessions]
        hint = ", ".join(ids[:6]) + (", ..." if len(ids) > 6 else "")
        raise InputError(
            f"no session {session_id!r} in this plan; ids look like {hint} "
            "(see `runlift plan` for all of them)"
        )
    rules = tuple(rule(r) for r in session.rules)
    numbers = sorted({n for r in rules for n in r.refs} | set(session.refs))
    return Explanation(session, rules, tuple(reference(n) for n in numbers))


# ------------------------------------------------------------------ calculators

_DISTANCE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|km|mi)?\s*$", re.IGNORECASE)
_UNIT_M = {"m": 1.0, "km": 1000.0, "mi": 1609.344}


def parse_distance(text: str) -> float:
    """A race name (5k, 10k, half, marathon, mile, 1500m) or a number with m, km or mi."""
    try:
        return running.race_distance_m(text)
    except ValueError:
        pass
    match = _DISTANCE.match(text)
    if match is None:
        names = ", ".join([*running.RACE_DISTANCES_M, *running.TRACK_DISTANCES_M])
        raise InputError(
            f"distance {text!r} is not understood: use {names}, or metres like 8000, 8km, 3mi"
        )
    value = float(match.group(1)) * _UNIT_M[(match.group(2) or "m").lower()]
    if value <= 0:
        raise InputError(f"distance must be more than 0, got {text!r}")
    return value


def parse_time(text: str, what: str = "time") -> float:
    try:
        seconds = running.parse_duration(text)
    except ValueError as exc:
        raise InputError(f"{what} {text!r}: {exc}; write it as h:mm:ss or mm:ss") from None
    if seconds <= 0:
        raise InputError(f"{what} must be more than 0, got {text!r}")
    return seconds


@dataclass(frozen=True, slots=True)
class VdotResult:
    distance_m: float
    time_s: float
    vdot: float
    paces: running.TrainingPaces
    in_valid_range: bool


def calc_vdot(distance: str, time_text: str) -> VdotResult:
    d, t = parse_distance(distance), parse_time(time_text)
    try:
        value = running.vdot(d, t)
        paces = running.training_paces(value)
    except ValueError as exc:
        raise InputError(f"{distance} in {time_text}: {exc}") from None
    return VdotResult(d, t, value, paces, running.race_duration_in_valid_range(t))


@dataclass(frozen=True, slots=True)
class Prediction:
    distance_m: float
    method: running.PredictMethod
    time_s: float


def calc_predict(distance: str, time_text: str, targets: list[str]) -> list[Prediction]:
    d, t = parse_distance(distance), parse_time(time_text)
    to = [parse_distance(x) for x in targets] or list(running.RACE_DISTANCES_M.values())
    out = []
    try:
        for target in to:
            for method in running.PredictMethod:
                out.append(Prediction(target, method, running.predict_time(t, d, target, method)))
    except ValueError as exc:
        raise InputError(f"{distance} in {time_text}: {exc}") from None
    return out


@dataclass(frozen=True, slots=True)
class E1rmResult:
    load_kg: float
    reps: int
    rpe: float | None
    by_formula: dict[str, float]
    from_rpe: float | None


MAX_LOAD_KG = 1000.0
MAX_REPS = 30


def calc_e1rm(load_kg: float, reps: int, rpe: float | None) -> E1rmResult:
    if not 0 < load_kg <= MAX_LOAD_KG:
        raise InputError(
            f"load must be more than 0 and at most {MAX_LOAD_KG:g} kg, got {load_kg:g}"
        )
    if not 1 <= reps <= MAX_REPS:
        raise InputError(
            f"reps must be 1-{MAX_REPS} (estimates past 10 reps are already rough), got {reps}"
        )
    try:
        formulas = {f.value: strength.e1rm(load_kg, reps, f) for f in strength.E1rmFormula}
        chart = strength.e1rm_from_rpe(load_kg, reps, rpe) if rpe is not None else None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return E1rmResult(load_kg, reps, rpe, formulas, chart)
