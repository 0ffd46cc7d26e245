"""Compose: choose the week's sessions (kind, intensity, duration) by priority and experience.

Every choice here that comes from a rule in the catalogue names that rule, so a session
can explain itself later. Placement in time is :mod:`runlift.planning.schedule`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from runlift.model.plan import Intensity, Phase, SessionKind
from runlift.model.profile import AthleteProfile, Availability, Experience, Priority, RunFormat
from runlift.planning.periodize import BALANCED_HARD_CAP, WeekTarget, lowest_experience

_K = SessionKind
_E = Experience

#: Typical session length used to judge whether a day can hold two sessions 3 h apart.
_TYPICAL_MIN = 45
MIN_RUN_MIN = 10
LONG_RUN_CAP = {_E.NOVICE: 90, _E.INTERMEDIATE: 120, _E.EXPERIENCED: 150}
MINUTES_PER_SET = 3.5
WARM_UP_MIN = 10


@dataclass(frozen=True, slots=True)
class SessionSpec:
    """A session chosen for a week, not yet placed in time."""

    key: str
    kind: SessionKind
    intensity: Intensity
    lower_body: bool
    duration_min: int
    sets: int
    rules: tuple[str, ...]

    @property
    def is_hard(self) -> bool:
        return self.intensity is Intensity.HARD


@dataclass(frozen=True, slots=True)
class Capacity:
    """How many sessions the availability can take in a week, at most."""

    single_days: int  # days with a window long enough for one session
    double_days: int  # days that can also hold a second session 3 h after the first
    longest_window: int

    @property
    def slots(self) -> int:
        return self.single_days + self.double_days


def capacity(availability: Availability, min_gap: int) -> Capacity:
    single = double = 0
    longest = 0
    for _, windows in availability.windows:
        longest = max([longest, *(w.minutes for w in windows)])
        usable = [w for w in windows if w.minutes >= MIN_RUN_MIN]
        if not usable:
            continue
        single += 1
        typical = [w for w in windows if w.minutes >= _TYPICAL_MIN]
        if typical:
            first_end = min(w.start_min for w in typical) + _TYPICAL_MIN
            second_start = max(w.end_min for w in typical) - _TYPICAL_MIN
            if second_start - first_end >= min_gap:
                double += 1
    return Capacity(single, double, longest)


def _round5(minutes: float) -> int:
    return int(minutes // 5 * 5)


def _quality_kinds(profile: AthleteProfile, target: WeekTarget, runs: int) -> list[SessionKind]:
    """Hard or structured runs of the week, by phase and running experience."""
    if target.deload or target.phase is Phase.RECOVERY or runs < 2:
        return [_K.STRIDES] if target.deload and runs >= 2 else []
    exp = profile.experience_running
    phase = {
        Phase.ACCUMULATION: Phase.BASE,
        Phase.INTENSIFICATION: Phase.BUILD,
        Phase.REALIZATION: Phase.PEAK,
    }.get(target.phase, target.phase)
    table: dict[Phase, dict[Experience, list[SessionKind]]] = {
        Phase.BASE: {
            _E.NOVICE: [_K.STRIDES],
            _E.INTERMEDIATE: [_K.STRIDES],
            _E.EXPERIENCED: [_K.TEMPO],
        },
        Phase.BUILD: {
            _E.NOVICE: [_K.TEMPO],
            _E.INTERMEDIATE: [_K.TEMPO],
            _E.EXPERIENCED: [_K.TEMPO, _K.INTERVALS],
        },
        Phase.PEAK: {
            _E.NOVICE: [_K.TEMPO],
            _E.INTERMEDIATE: [_K.INTERVALS],
            _E.EXPERIENCED: [_K.INTERVALS, _K.TEMPO],
        },
        Phase.TAPER: {
            _E.NOVICE: [_K.STRIDES],
            _E.INTERMEDIATE: [_K.INTERVALS],
            _E.EXPERIENCED: [_K.INTERVALS],
        },
    }
    kinds = table[phase][exp]
    if profile.priority is Priority.BALANCED or runs < 4:
        kinds = kinds[:1]
    return kinds


_RUN_INTENSITY = {
    _K.EASY: Intensity.EASY,
    _K.LONG: Intensity.MODERATE,
    _K.STRIDES: Intensity.EASY,
    _K.TEMPO: Intensity.HARD,
    _K.INTERVALS: Intensity.HARD,
    _K.HIIT: Intensity.HARD,
    _K.SPRINTS: Intensity.HARD,
}


def _endurance_runs(
    profile: AthleteProfile, target: WeekTarget, runs: int, longest: int
) -> list[SessionSpec]:
    """Runs for running-priority and balanced athletes: a long run, quality, easy runs."""
    rules: tuple[str, ...] = ("ramp.gradual",)
    if profile.priority is Priority.RUNNING:
        rules += ("runner.key-run-spacing",)
    budget = target.run_minutes
    while True:
        quality = _quality_kinds(profile, target, runs)
        has_long = runs >= 2
        easy_count = runs - len(quality) - (1 if has_long else 0)
        share = 0.25 if profile.experience_running is _E.NOVICE else 0.3
        long_min = (
            min(LONG_RUN_CAP[profile.experience_running], longest, _round5(budget * share))
            if has_long
            else 0
        )
        quality_min = [min(longest, max(30, min(55, _round5(budget * 0.2)))) for _ in quality]
        rest = budget - long_min - sum(quality_min)
        easy_min = min(longest, 75, _round5(rest / easy_count)) if easy_count else 0
        if has_long and easy_min >= long_min:
            # Few runs for the volume: the long run must still be the week's longest.
            pool = long_min + easy_count * easy_min
            long_cap = min(LONG_RUN_CAP[profile.experience_running], longest)
            long_min = min(long_cap, _round5(pool / (easy_count + 1)) + 15)
            easy_min = min(longest, 75, _round5((pool - long_min) / easy_count))
        if easy_count and easy_min < 20 and runs > 2:
            runs -= 1
            continue
        break
    specs: list[SessionSpec] = []
    if has_long:
        specs.append(_run_spec("run-long", _K.LONG, long_min, rules))
    for i, (kind, minutes) in enumerate(zip(quality, quality_min, strict=True)):
        specs.append(_run_spec(f"run-q{i + 1}", kind, minutes, rules))
    for i in range(easy_count):
        specs.append(_run_spec(f"run-e{i + 1}", _K.EASY, max(MIN_RUN_MIN, easy_min), rules))
    return _fit_budget(specs, budget)


def _fit_budget(specs: list[SessionSpec], budget: int) -> list[SessionSpec]:
    """Trim easy runs, then the long run, so the week never exceeds its ramped budget."""
    total = sum(s.duration_min for s in specs)
    trimmed = list(specs)
    for kind in (_K.EASY, _K.LONG, _K.STRIDES, _K.TEMPO, _K.INTERVALS, _K.HIIT):
        for i, s in enumerate(trimmed):
            if total <= budget:
                return trimmed
            if s.kind is not kind:
                continue
            floor = MIN_RUN_MIN if kind is not _K.HIIT else 15
            cut = min(-(-(total - budget) // 5) * 5, s.duration_min - floor)
            if cut > 0:
                trimmed[i] = _run_spec(s.key, s.kind, s.duration_min - cut, s.rules)
                total -= cut
    return trimmed


def _run_spec(key: str, kind: SessionKind, minutes: int, rules: tuple[str, ...]) -> SessionSpec:
    return SessionSpec(key, kind, _RUN_INTENSITY[kind], True, minutes, 0, rules)


def _lifter_runs(
    profile: AthleteProfile, target: WeekTarget, runs: int, longest: int
) -> list[SessionSpec]:
    """A lifter's running: easy 10-40 min jogs, or 2-3 HIIT sessions (lifter.run-dose)."""
    rules: tuple[str, ...] = (
        "lifter.run-dose",
        "lifter.avoid-high-volume",
        "experiment.self",
        "ramp.gradual",
    )
    budget = target.run_minutes
    if profile.strength.run_format is RunFormat.HIIT and not target.deload:
        minutes = max(15, min(30, longest, _round5(budget / runs)))
        hiit_rules = (*rules, "consolidate.hard-days", "recovery.spacing")
        specs = [_run_spec(f"run-h{i + 1}", _K.HIIT, minutes, hiit_rules) for i in range(runs)]
    else:
        minutes = max(MIN_RUN_MIN, min(40, longest, _round5(budget / runs)))
        specs = [_run_spec(f"run-e{i + 1}", _K.EASY, minutes, rules) for i in range(runs)]
    return _fit_budget(specs, budget)


def _strength_kinds(profile: AthleteProfile, target: WeekTarget, n: int) -> list[SessionKind]:
    phase = target.phase
    if profile.priority is Priority.RUNNING:
        if phase is Phase.TAPER:
            return [_K.EXPLOSIVE_LOWER] * min(n, 1) + [_K.CORE] * max(0, n - 1)
        if phase is Phase.RECOVERY:
            return [_K.CORE] * n
        second = _K.HYPERTROPHY if profile.strength.hypertrophy else _K.EXPLOSIVE_LOWER
        return [_K.HEAVY_LOWER, second, _K.HEAVY_LOWER][:n]
    if profile.priority is Priority.STRENGTH:
        if profile.experience_strength is _E.NOVICE or n < 4:
            return [_K.FULL_BODY] * n
        return [_K.HEAVY_LOWER, _K.UPPER, _K.HEAVY_LOWER, _K.UPPER][:n]
    return [_K.HEAVY_LOWER, _K.UPPER, _K.FULL_BODY][:n]


def _strength_intensity(
    profile: AthleteProfile, target: WeekTarget, kind: SessionKind
) -> Intensity:
    if target.deload or target.phase in (Phase.TAPER, Phase.RECOVERY) or kind is _K.CORE:
        return Intensity.MODERATE if kind is not _K.CORE else Intensity.EASY
    if profile.experience_strength is _E.NOVICE and target.week <= 4:
        return Intensity.MODERATE  # ramp.gradual: learn the lifts before taking them heavy
    if kind is _K.HYPERTROPHY:
        return Intensity.MODERATE
    return Intensity.HARD


def _strength_sessions(
    profile: AthleteProfile, target: WeekTarget, n: int, longest: int
) -> list[SessionSpec]:
    specs = []
    for i, kind in enumerate(_strength_kinds(profile, target, n)):
        rules: list[str] = ["ramp.gradual"]
        if profile.priority is Priority.RUNNING:
            rules += ["runner.strength-frequency", "runner.no-bulk"]
            if kind is _K.HEAVY_LOWER:
                rules.append("runner.heavy-squat")
            if kind is _K.EXPLOSIVE_LOWER:
                rules.append("runner.explosive")
        intensity = _strength_intensity(profile, target, kind)
        lower = kind in (_K.HEAVY_LOWER, _K.EXPLOSIVE_LOWER, _K.FULL_BODY, _K.HYPERTROPHY)
        if intensity is Intensity.HARD:
            rules.append("recovery.spacing")
            if lower and profile.priority is Priority.RUNNING:
                rules.append("runner.key-run-spacing")
        sets = target.sets_per_session
        if kind is _K.CORE:
            sets = min(sets, 6)
        minutes = _round5(WARM_UP_MIN + sets * MINUTES_PER_SET + 4)
        if kind is _K.EXPLOSIVE_LOWER:
            minutes = max(30, minutes)  # runner.explosive: 15-90 min
        minutes = min(minutes, 90, longest)
        sets = min(sets, int((minutes - WARM_UP_MIN) // MINUTES_PER_SET)) or 1
        specs.append(
            SessionSpec(f"lift-{i + 1}", kind, intensity, lower, minutes, sets, tuple(rules))
        )
    return specs


def _cap_hard_sessions(profile: AthleteProfile, specs: list[SessionSpec]) -> list[SessionSpec]:
    """Balanced athletes: at most a few hard sessions a week; lifts soften first."""
    cap = BALANCED_HARD_CAP[
        lowest_experience(profile.experience_running, profile.experience_strength)
    ]
    out = list(specs)
    for prefer_lift in (True, False):
        for i, s in enumerate(out):
            if sum(x.is_hard for x in out) <= cap:
                return out
            if s.is_hard and (s.key.startswith("lift") == prefer_lift):
                rules = tuple(r for r in s.rules if r != "recovery.spacing")
                out[i] = replace(s, intensity=Intensity.MODERATE, rules=rules)
    return out


def compose(profile: AthleteProfile, target: WeekTarget, cap: Capacity) -> list[SessionSpec]:
    """The week's sessions, trimmed to what the availability can hold where the rules allow."""
    runs = min(target.run_sessions, cap.single_days)
    lifts = min(target.strength_sessions, cap.single_days)
    min_runs = 2  # a long run and one more; below that the scheduler explains
    min_lifts = 2 if target.strength_sessions >= 2 else target.strength_sessions
    while runs + lifts > cap.slots and (runs > min_runs or lifts > min_lifts):
        if runs > min_runs:
            runs -= 1
        else:
            lifts -= 1
    if profile.priority is Priority.STRENGTH:
        # Keep the rule's floor of runs even if the availability seems short: the
        # scheduler then explains what is missing instead of silently dropping them.
        runs = max(runs, min(2, target.run_sessions))
        specs = _lifter_runs(profile, target, runs, cap.longest_window)
    else:
        specs = _endurance_runs(profile, target, max(runs, 1), cap.longest_window)
    if profile.priority is Priority.RUNNING:
        lifts = max(lifts, min_lifts)
    specs += _strength_sessions(profile, target, lifts, cap.longest_window)
    if profile.priority is Priority.BALANCED:
        specs = _cap_hard_sessions(profile, specs)
    return specs
