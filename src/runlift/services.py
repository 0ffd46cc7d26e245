"""The use cases the CLI (and later the web app) call; nothing else calls them.

Each function takes plain values, returns domain objects or plain data, and raises
only :mod:`runlift.errors` types, so every shell can format results its own way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runlift.errors import InputError, PlanFileError
from runlift.evidence.references import Reference, reference
from runlift.evidence.rules import Rule, rule
from runlift.model.activity import Activity
from runlift.model.plan import Plan, PlannedSession
from runlift.model.profile import AthleteProfile
from runlift.science import running, strength

if TYPE_CHECKING:
    from runlift.analysis.adherence import AdherenceWeek, Done, Match
    from runlift.analysis.banister_fit import BanisterFit
    from runlift.analysis.report import Report
    from runlift.analysis.running_progress import VdotPoint
    from runlift.analysis.sessions import HeartRates
    from runlift.analysis.signals import Signal
    from runlift.analysis.strength_progress import LiftBest
    from runlift.analysis.training_load import DailyLoad
    from runlift.exporters.fit_workout import FitWorkout
    from runlift.imports import ImportReport
    from runlift.model.activity import ActivityModality
    from runlift.storage import Database, StoredActivity, StoredPlan

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


# ------------------------------------------------------------------ the training log

HISTORY_SCHEMA_ID = "runlift.history/1"


def open_database(db: str | None) -> Database:
    """The database named by --db, RUNLIFT_DATABASE_URL or the default file, migrated."""
    from runlift.storage import Database

    return Database.open(db)


def _athlete_id(database: Database) -> int:
    found = database.default_athlete()
    return found.id if found is not None else database.ensure_athlete("Athlete")


def save_plan(database: Database, profile: AthleteProfile, plan: Plan) -> int:
    """Store the plan as the athlete's current plan (a new version); returns the version."""
    from runlift.exporters.plan_json import plan_to_dict
    from runlift.profile_file import render_profile

    athlete = _athlete_id(database)
    database.set_profile(athlete, profile.name, render_profile(profile))
    return database.save_plan(athlete, plan_to_dict(plan)).version


@dataclass(frozen=True, slots=True)
class Logged:
    activity_id: int
    unknown_exercises: tuple[str, ...] = ()
    matched_session: str | None = None


def _log(database: Database, activity: Activity) -> Logged:
    athlete = _athlete_id(database)
    activity_id = database.add_activity(athlete, activity)
    return Logged(activity_id, matched_session=_link_to_plan(database, athlete, activity_id))


def log_run(
    database: Database,
    distance: str,
    duration: str,
    *,
    rpe: float | None,
    avg_hr: float | None,
    when: str | None,
    notes: str | None,
) -> Logged:
    from runlift import logbook

    entry = logbook.run_entry(
        distance, duration, rpe=rpe, avg_hr=avg_hr, when=logbook.parse_when(when), notes=notes
    )
    return _log(database, entry)


def log_lift(
    database: Database,
    text: str,
    *,
    duration_min: float,
    rpe: float | None,
    when: str | None,
    notes: str | None,
) -> Logged:
    from runlift import logbook
    from runlift.importers.lift_text import parse_lift_text
    from runlift.model.activity import Activity, ActivityModality

    parsed = parse_lift_text(text)
    if not 0 < duration_min <= 600:
        raise InputError(
            f"--duration must be more than 0 and at most 600 minutes, got {duration_min:g}"
        )
    entry = Activity(
        start=logbook.parse_when(when),
        modality=ActivityModality.STRENGTH,
        sport="strength_training",
        duration_s=duration_min * 60,
        rpe=logbook.check_rpe(rpe),
        source="manual",
        notes=notes,
        sets=parsed.sets,
    )
    logged = _log(database, entry)
    return replace(logged, unknown_exercises=parsed.unknown_exercises)


def log_wellness(database: Database, when: str | None, **measures: Any) -> None:
    from runlift import logbook

    day = logbook.parse_when(when).date()
    database.put_wellness(_athlete_id(database), logbook.wellness_entry(day, **measures))


def history(
    database: Database, since: date | None, until: date | None, modality: ActivityModality | None
) -> list[StoredActivity]:
    athlete = _athlete_id(database)
    start = _local_midnight(since) if since else None
    end = _local_midnight(until + timedelta(days=1)) if until else None
    return database.list_activities(athlete, since=start, until=end, modality=modality)


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()


def history_document(stored: list[StoredActivity]) -> dict[str, Any]:
    """The public ``runlift.history/1`` document (docs/history-json.md)."""
    return {"schema": HISTORY_SCHEMA_ID, "activities": [_activity_json(s) for s in stored]}


def _activity_json(stored: StoredActivity) -> dict[str, Any]:
    a = stored.activity
    return {
        "id": stored.id,
        "start": a.start.isoformat(),
        "modality": a.modality.value,
        "sport": a.sport,
        "duration_s": a.duration_s,
        "moving_s": a.moving_s,
        "distance_m": a.distance_m,
        "ascent_m": a.ascent_m,
        "avg_hr": a.avg_hr,
        "max_hr": a.max_hr,
        "rpe": a.rpe,
        "source": a.source,
        "source_file": a.source_file,
        "sets": [
            {
                "exercise": s.exercise,
                "type": s.type.value,
                "reps": s.reps,
                "load_kg": s.load_kg,
                "duration_s": s.duration_s,
                "rpe": s.rpe,
                "rir": s.rir,
            }
            for s in a.sets
        ],
    }


# ------------------------------------------------------------------ planned versus done


@dataclass(frozen=True, slots=True)
class WeekReport:
    plan_version: int
    week: int
    first_day: date
    matches: list[Match]
    titles: dict[str, str]


def _plan_week(
    database: Database, athlete: int, day: date, week: int | None
) -> tuple[StoredPlan, int, date]:
    stored = database.current_plan(athlete)
    if stored is None:
        raise InputError("no saved plan yet: run `runlift plan PROFILE --save` first")
    start = date.fromisoformat(stored.document["start"])
    weeks = int(stored.document["weeks"])
    number = week if week is not None else (day - start).days // 7 + 1
    if not 1 <= number <= weeks:
        raise InputError(
            f"the saved plan covers weeks 1-{weeks} from {start}; "
            + (f"week {number} is outside it" if week is not None else f"{day} is outside it")
        )
    return stored, number, start + timedelta(days=7 * (number - 1))


def _done_between(logged: Iterable[tuple[int, Activity]], first: date, last: date) -> list[Done]:
    """The activities done on the athlete's days ``first`` to ``last``, for plan matching
    (the day is the local date of the start, whatever the machine's time zone)."""
    from runlift.analysis.adherence import Done

    return [
        Done(key, a.start.date(), a.modality.value, a.duration_s / 60)
        for key, a in logged
        if first <= a.start.date() <= last
    ]


def week_report(
    database: Database, week: int | None = None, today: date | None = None
) -> WeekReport:
    """This week's (or week N's) planned sessions against what was logged."""
    from runlift.analysis.adherence import Planned, match

    athlete = _athlete_id(database)
    day = today or date.today()
    stored, number, first = _plan_week(database, athlete, day, week)
    last = first + timedelta(days=6)
    rows = database.planned_sessions(stored.id, since=first, until=last)
    planned = [Planned(r.session_id, r.date, r.modality, r.kind, r.duration_min) for r in rows]
    logged = database.list_activities(
        athlete,
        since=_local_midnight(first - timedelta(days=1)),
        until=_local_midnight(last + timedelta(days=2)),
    )
    done_list = _done_between(((s.id, s.activity) for s in logged), first, last)
    titles = {s["id"]: s.get("title", s["kind"]) for s in stored.document["sessions"]}
    return WeekReport(stored.version, number, first, match(planned, done_list, day), titles)


def _link_to_plan(database: Database, athlete: int, activity_id: int) -> str | None:
    """Link a new activity to the planned session it fulfils, if the current plan has one."""
    stored = database.current_plan(athlete)
    if stored is None:
        return None
    logged = database.get_activity(activity_id, with_streams=False).activity
    try:
        report = week_report(database, today=logged.start.date())
    except InputError:
        return None  # the activity lies outside the saved plan
    for m in report.matches:
        if m.done is not None and m.done.activity_id == activity_id and m.planned is not None:
            database.link_activity(activity_id, stored.id, m.planned.session_id, m.status.value)
            return m.planned.session_id
    return None


# ------------------------------------------------------------------ calendar and watch


def plan_to_export(source: Path | None, db: str | None) -> tuple[Plan, int]:
    """The plan to export and its version: a plan JSON or profile given, else the saved
    current plan (version 0 for a plan that was never saved)."""
    if source is not None:
        return load_plan_or_profile(source), 0
    from runlift.exporters.plan_json import plan_from_dict

    database = open_database(db)
    try:
        found = database.default_athlete()
        stored = database.current_plan(found.id) if found is not None else None
    finally:
        database.close()
    if stored is None:
        raise InputError(
            "no saved plan to export: give a plan JSON or a profile, or save one with "
            "`runlift plan PROFILE --save`"
        )
    return plan_from_dict(stored.document, f"saved plan version {stored.version}"), stored.version


def calendar_bytes(source: Path | None, db: str | None, zone: str | None) -> bytes:
    from runlift.exporters.ics import plan_to_ics

    plan, version = plan_to_export(source, db)
    return plan_to_ics(plan, zone, version=version)


def write_workout_files(files: list[FitWorkout], folder: Path) -> None:
    """Write the workout files into ``folder`` (created if needed), each whole or not at all."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for f in files:
            tmp = folder / (f.filename + ".tmp")
            tmp.write_bytes(f.data)
            tmp.replace(folder / f.filename)
    except OSError as exc:
        raise InputError(f"cannot write workouts to {folder}: {exc.strerror}") from None


# ------------------------------------------------------------------ imports


def import_files(
    database: Database,
    paths: list[Path],
    *,
    unit: str | None,
    workers: int | None,
    progress: Callable[[str], None] | None = None,
) -> ImportReport:
    """Import files, folders and zips; link new activities to the saved plan's sessions."""
    from runlift.imports import import_paths

    if unit is not None and unit not in ("kg", "lb"):
        raise InputError(f"--unit must be kg or lb, got {unit!r}")
    if workers is not None and not 1 <= workers <= 64:
        raise InputError(f"--workers must be between 1 and 64, got {workers}")
    athlete = _athlete_id(database)
    report = import_paths(database, athlete, paths, unit=unit, workers=workers, progress=progress)
    for activity_id in report.new_ids:
        _link_to_plan(database, athlete, activity_id)
    return report


# ------------------------------------------------------------------ analytics

SIGNALS_SCHEMA_ID = "runlift.signals/1"
REPORT_SCHEMA_ID = "runlift.report/1"
#: Days of load history read before the first week: enough for the 42-day fitness average
#: to forget its start (e^(-365/42) < 0.02 %) without reading a decade of sessions.
LOAD_HISTORY_DAYS = 365
#: Weeks of log read before the first week asked for, for baselines: the stall span, the
#: three-week ramp base and the six-week VDOT window.
LOOKBACK_WEEKS = 6


@dataclass(frozen=True, slots=True)
class AnalysisOptions:
    weeks: int = 12
    measure: str = "srpe"
    today: date | None = None
    fit: str | None = None  # a lift, "vdot", "auto", or None for no Banister fit
    pmc: str = "exp"  # the PMC update rule: "exp" or "linear"


def _stored_profile(database: Database, athlete: int) -> AthleteProfile | None:
    from runlift.profile_file import parse_profile

    record = database.default_athlete()
    if record is None or record.id != athlete or not record.profile_toml:
        return None
    try:
        return parse_profile(record.profile_toml, "the stored profile")
    except InputError:
        return None  # a profile saved by an older version: analyse without it


def _heart_rates(profile: AthleteProfile | None) -> HeartRates | None:
    from runlift.analysis.sessions import HeartRates
    from runlift.science.load import Sex

    if profile is None:
        return None
    hr = profile.running
    if hr.resting_hr is None or hr.max_hr is None or hr.max_hr <= hr.resting_hr:
        return None
    sex = Sex.FEMALE if profile.sex is not None and profile.sex.value == "female" else Sex.MALE
    return HeartRates(hr.resting_hr, hr.max_hr, hr.threshold_hr, sex)


def _paces(profile: AthleteProfile | None, vdot: list[VdotPoint]) -> running.TrainingPaces | None:
    """Daniels' paces from the latest VDOT trend point, else the profile's recent race."""
    race = profile.running.recent_race if profile is not None else None
    try:
        if vdot:
            return running.training_paces(vdot[-1].vdot)
        if race is not None:
            return running.training_paces(running.vdot(race.distance_m, race.time_s))
    except ValueError:
        pass  # a VDOT outside the pace tables: no pace zones rather than a guess
    return None


def _adherence(
    database: Database, athlete: int, done: list[Done], first: date, today: date
) -> list[AdherenceWeek]:
    from runlift.analysis.adherence import Planned, match, weekly

    stored = database.current_plan(athlete)
    if stored is None:
        return []
    rows = database.planned_sessions(stored.id, since=first, until=today)
    if not rows:
        return []
    planned = [Planned(r.session_id, r.date, r.modality, r.kind, r.duration_min) for r in rows]
    return weekly(match(planned, done, today))


def _banister(
    choice: str | None, daily: list[DailyLoad], lifts: list[LiftBest], vdot: list[VdotPoint]
) -> tuple[BanisterFit | None, str, str]:
    """The fit, the measure fitted and a note (why there is no fit, or how good it is)."""
    from collections import Counter

    from runlift.analysis.banister_fit import MIN_TESTS, PerformanceTest, fit_banister
    from runlift.errors import NotEnoughDataError

    if choice is None:
        return None, "", "no model fit asked for (use --fit)"
    if choice == "auto":
        counts = Counter(b.lift for b in lifts)
        choice = counts.most_common(1)[0][0] if counts else "vdot"
    if choice == "vdot":
        weekly_best: dict[date, float] = {}
        for p in vdot:
            weekly_best[p.day] = p.vdot
        points = sorted(weekly_best.items())
        label = "VDOT"
    else:
        best: dict[date, float] = {}
        for b in lifts:
            if b.lift == choice:
                best[b.day] = max(best.get(b.day, 0.0), b.e1rm_kg)
        points = sorted(best.items())
        label = f"{choice} e1RM (kg)"
    first_day, last_day = daily[0].day, daily[-1].day
    tests = [PerformanceTest(d, v) for d, v in points if first_day <= d <= last_day]
    try:
        fit = fit_banister([d.combined for d in daily], first_day, tests)
    except NotEnoughDataError as exc:
        return None, label, str(exc)
    note = (
        f"fitted to {fit.tests} tests (at least {MIN_TESTS} needed): R² {fit.r2:.2f}, "
        f"RMSE {fit.rmse:.2f}; fitness decays over {fit.tau1:.0f} days, fatigue over "
        f"{fit.tau2:.0f}"
    )
    return fit, label, f"{note}. {fit.note}" if fit.note else note


def analyse(database: Database, options: AnalysisOptions) -> Report:
    """Everything the report, the charts and the signals show, for the last
    ``options.weeks`` whole or started weeks up to ``options.today``.

    Loads come from :data:`LOAD_HISTORY_DAYS` days before the window too (so fitness and
    fatigue do not restart at the window's start); sets, streams and progress come from
    the window and :data:`LOOKBACK_WEEKS` weeks before it.
    """
    from runlift.analysis import running_progress as rp
    from runlift.analysis import strength_progress as sp
    from runlift.analysis.report import Report
    from runlift.analysis.sessions import Session, week_start
    from runlift.analysis.signals import SignalInputs, find_signals
    from runlift.analysis.training_load import (
        LoadMeasure,
        daily_loads,
        fitness_series,
        session_loads,
        weekly_loads,
    )
    from runlift.analysis.zones import run_zones
    from runlift.errors import NotEnoughDataError
    from runlift.model.activity import ActivityModality
    from runlift.science.fitness import PmcForm

    if not 1 <= options.weeks <= 520:
        raise InputError(f"--weeks must be between 1 and 520, got {options.weeks}")
    try:
        measure = LoadMeasure(options.measure)
    except ValueError:
        raise InputError(f"--load must be srpe or hrss, got {options.measure!r}") from None
    try:
        form = PmcForm(options.pmc)
    except ValueError:
        raise InputError(f"--pmc must be exp or linear, got {options.pmc!r}") from None
    athlete = _athlete_id(database)
    profile = _stored_profile(database, athlete)
    heart = _heart_rates(profile)
    today = options.today or date.today()
    last = week_start(today)
    first = last - timedelta(weeks=options.weeks - 1)
    end = _local_midnight(today + timedelta(days=1))
    summary = [
        Session(s.id, s.activity)
        for s in database.list_activities(
            athlete,
            since=_local_midnight(first - timedelta(days=LOAD_HISTORY_DAYS)),
            until=end,
            with_details=False,
        )
    ]
    if not summary:
        raise NotEnoughDataError(
            f"nothing logged in {database.display_url} from "
            f"{first - timedelta(days=LOAD_HISTORY_DAYS)} to {today}: import files with "
            "`runlift import PATH`, log sessions with `runlift log`, or pick another --today"
        )
    loads = session_loads(summary, measure, heart)
    start = min(first, week_start(summary[0].day))
    daily = daily_loads(loads, start, today)
    weeks = weekly_loads(daily, loads)
    fitness = {
        name: [f for f in fitness_series(daily, modality, form=form) if f.day >= first]
        for name, modality in (
            ("combined", None),
            ("run", ActivityModality.RUN),
            ("strength", ActivityModality.STRENGTH),
        )
    }
    since = _local_midnight(first - timedelta(weeks=LOOKBACK_WEEKS))
    runs = [
        Session(s.id, s.activity)
        for s in database.list_activities(
            athlete, since=since, until=end, modality=ActivityModality.RUN, with_streams=True
        )
    ]
    others = [
        Session(s.id, s.activity)
        for s in database.list_activities(athlete, since=since, until=end)
        if s.activity.modality is not ActivityModality.RUN
    ]
    detailed = sorted(runs + others, key=lambda s: (s.activity.start, s.id))
    lifts = sp.best_sets(detailed)
    efforts = rp.best_efforts(runs)
    vdot = rp.vdot_trend(efforts)
    efficiency = rp.run_efficiency(runs, heart)
    lookback_first = first - timedelta(weeks=LOOKBACK_WEEKS)
    running_weeks = rp.running_weeks(runs, heart, lookback_first, today)
    inputs = SignalInputs(
        first=first,
        last=last,
        sessions=detailed,
        lifts=lifts,
        rated_sets=sp.rated_sets(detailed),
        efficiency=efficiency,
        running_weeks=running_weeks,
        weeks=weeks,
        fitness=fitness,
        priority=profile.priority if profile is not None else None,
    )
    fit, fit_measure, fit_note = _banister(options.fit, daily, lifts, vdot)
    window_runs = [s for s in runs if s.day >= first]
    zones = run_zones(window_runs, heart.max_hr if heart else None, _paces(profile, vdot))
    return Report(
        athlete=profile.name if profile is not None else "Athlete",
        first=first,
        last=last,
        measure=measure,
        weeks=tuple(w for w in weeks if w.week >= first),
        fitness=tuple(fitness["combined"]),
        lifts=tuple(b for b in lifts if b.day >= first),
        strength_weeks=tuple(sp.strength_weeks(detailed, first, today)),
        efforts=tuple(e for e in efforts if e.day >= first),
        vdot=tuple(p for p in vdot if p.day >= first),
        efficiency=tuple(e for e in efficiency if e.day >= first),
        running_weeks=tuple(w for w in running_weeks if w.week >= first),
        adherence=tuple(
            _adherence(
                database,
                athlete,
                _done_between(((s.id, s.activity) for s in detailed), first, today),
                first,
                today,
            )
        ),
        signals=tuple(find_signals(inputs)),
        banister=fit,
        banister_measure=fit_measure,
        banister_note=fit_note,
        zones=tuple(zones),
        intensity=tuple(i for i in sp.relative_intensities(lifts) if i.day >= first),
    )


def _signal_json(signal: Signal) -> dict[str, Any]:
    return {
        "id": signal.id,
        "severity": signal.severity.value,
        "title": signal.title,
        "evidence": signal.evidence,
        "weeks": [w.isoformat() for w in signal.weeks],
        "sessions": list(signal.sessions),
        "advice": signal.advice,
        "refs": list(signal.refs),
    }


def signals_document(report: Report) -> dict[str, Any]:
    """The public ``runlift.signals/1`` document (docs/signals-json.md)."""
    refs = sorted({n for s in report.signals for n in s.refs})
    return {
        "schema": SIGNALS_SCHEMA_ID,
        "athlete": report.athlete,
        "first_week": report.first.isoformat(),
        "last_week": report.last.isoformat(),
        "signals": [_signal_json(s) for s in report.signals],
        "references": [{"n": n, "citation": reference(n).citation} for n in refs],
    }


def _plain(value: Any) -> Any:
    """Dataclasses, dates, enums and tuples as JSON-ready values; floats rounded."""
    import dataclasses
    import enum

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(_plain(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def report_document(report: Report) -> dict[str, Any]:
    """The ``runlift.report/1`` document: every series of the report (docs/analysis.md)."""
    body = _plain(report)
    body.pop("signals")
    fit = body.pop("banister")
    if fit is not None:
        fit.pop("modelled")  # one value per day of the whole history: too long to be useful
    return {
        "schema": REPORT_SCHEMA_ID,
        **body,
        "banister": fit,
        "signals": signals_document(report)["signals"],
    }
