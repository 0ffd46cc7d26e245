"""Each signal on a synthetic history where it must fire and one where it must not."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from runlift.analysis.running_progress import Intensity, RunEfficiency, RunWeek
from runlift.analysis.sessions import Session
from runlift.analysis.signals import (
    SIGNAL_IDS,
    Severity,
    SignalInputs,
    SignalSettings,
    acwr_high,
    find_signals,
    lift_rpe_creep,
    monotony_high,
    ramp_too_fast,
    run_efficiency_after_legs,
    same_day_gap,
    same_day_order,
    strength_stall_run_rise,
)
from runlift.analysis.strength_progress import E1rmMethod, LiftBest, LoadRpe
from runlift.analysis.training_load import (
    DailyLoad,
    WeekLoad,
    daily_loads,
    fitness_series,
    session_loads,
    weekly_loads,
)
from runlift.model.activity import ActivityModality
from runlift.model.profile import Priority
from tests.analysis.builders import lift, monday, run, working_set

FIRST = monday(2026, 3, 2)
SETTINGS = SignalSettings()


def inputs(
    *,
    sessions: Sequence[Session] = (),
    lifts: Sequence[LiftBest] = (),
    rated: Sequence[LoadRpe] = (),
    efficiency: Sequence[RunEfficiency] = (),
    running_weeks: Sequence[RunWeek] = (),
    weeks: Sequence[WeekLoad] = (),
    fitness: dict[str, list[object]] | None = None,
    priority: Priority | None = None,
    first: date = FIRST,
    last: date = FIRST + timedelta(weeks=7),
) -> SignalInputs:
    return SignalInputs(
        first=first,
        last=last,
        sessions=sessions,
        lifts=lifts,
        rated_sets=rated,
        efficiency=efficiency,
        running_weeks=running_weeks,
        weeks=weeks,
        fitness=fitness or {},  # type: ignore[arg-type]
        priority=priority,
    )


def week(n: int) -> date:
    return FIRST + timedelta(weeks=n)


def run_week(n: int, minutes: float) -> RunWeek:
    return RunWeek(week(n), 3, minutes * 180, minutes, 0, 0, 0)


def squat(day: date, e1rm: float, ident: int) -> LiftBest:
    return LiftBest(day, ident, "back squat", e1rm, e1rm * 0.8, 5, 8, E1rmMethod.RPE_CHART)


# ------------------------------------------------------------------ strength-stall-run-rise


def test_stall_fires_when_squat_is_flat_and_running_climbs() -> None:
    runs = [run_week(n, m) for n, m in enumerate([90, 100, 130, 150, 170, 190, 200, 210])]
    bests = [squat(week(n) + timedelta(1), 120 - 1.5 * n, 100 + n) for n in range(8)]
    found = strength_stall_run_rise(inputs(lifts=bests, running_weeks=runs), SETTINGS)

    (signal,) = found
    assert signal.id == "strength-stall-run-rise"
    assert signal.severity is Severity.WARN  # falling, not just flat
    assert signal.evidence["lift"] == "back squat"
    assert signal.evidence["run_minutes_late"] > signal.evidence["run_minutes_early"]
    assert set(signal.sessions) <= {b.activity_id for b in bests}
    assert signal.refs == (1, 16)
    assert signal.weeks[0] >= FIRST - timedelta(weeks=3)


def test_a_flat_squat_is_reported_as_info() -> None:
    runs = [run_week(n, m) for n, m in enumerate([90, 100, 130, 150, 170, 190, 200, 210])]
    bests = [squat(week(n) + timedelta(1), 120 + (n % 2) * 0.5, 100 + n) for n in range(8)]
    (signal,) = strength_stall_run_rise(inputs(lifts=bests, running_weeks=runs), SETTINGS)

    assert signal.severity is Severity.INFO
    assert "flat" in signal.title


def test_stall_is_quiet_when_the_squat_still_climbs() -> None:
    runs = [run_week(n, m) for n, m in enumerate([90, 100, 130, 150, 170, 190, 200, 210])]
    bests = [squat(week(n) + timedelta(1), 120 + 2 * n, 100 + n) for n in range(8)]

    assert strength_stall_run_rise(inputs(lifts=bests, running_weeks=runs), SETTINGS) == []


def test_stall_is_quiet_when_running_is_steady() -> None:
    runs = [run_week(n, 150) for n in range(8)]
    bests = [squat(week(n) + timedelta(1), 120, 100 + n) for n in range(8)]

    assert strength_stall_run_rise(inputs(lifts=bests, running_weeks=runs), SETTINGS) == []


def test_stall_ignores_upper_body_lifts() -> None:
    runs = [run_week(n, m) for n, m in enumerate([90, 100, 130, 150, 170, 190, 200, 210])]
    bench = [
        LiftBest(week(n) + timedelta(1), 200 + n, "bench press", 80, 64, 5, 8, E1rmMethod.EPLEY)
        for n in range(8)
    ]

    assert strength_stall_run_rise(inputs(lifts=bench, running_weeks=runs), SETTINGS) == []


# ------------------------------------------------------------------ lift-rpe-creep


def _creep_history(rpe_after_heavy: float) -> tuple[list[Session], list[LoadRpe]]:
    """Eight weeks: Monday squat 100 x 5; alternate weeks carry heavy running before it."""
    sessions: list[Session] = []
    rated: list[LoadRpe] = []
    for n in range(8):
        heavy = n % 2 == 1
        for d in range(1, 7):  # the days before next Monday's squat
            sessions.append(run(week(n) + timedelta(d), 70 if heavy else 25))
        squat_day = week(n + 1)
        s = lift(squat_day, [working_set("back squat", 100, 5, 7)])
        sessions.append(s)
        rated.append(
            LoadRpe(squat_day, s.id, "back squat", 100, 5, rpe_after_heavy if heavy else 7)
        )
    return sessions, rated


def test_rpe_creep_fires_when_the_same_load_feels_harder_after_heavy_running() -> None:
    sessions, rated = _creep_history(8.5)
    (signal,) = lift_rpe_creep(inputs(sessions=sessions, rated=rated), SETTINGS)

    assert signal.id == "lift-rpe-creep"
    assert signal.evidence["rpe_after_heavy_running"] == 8.5
    assert signal.evidence["rpe_otherwise"] == 7
    assert signal.severity is Severity.WARN
    assert len(signal.sessions) == 4


def test_rpe_creep_is_quiet_when_ratings_do_not_move() -> None:
    sessions, rated = _creep_history(7.25)

    assert lift_rpe_creep(inputs(sessions=sessions, rated=rated), SETTINGS) == []


# ------------------------------------------------------------------ run-efficiency-after-legs


def _legs_history(after_mpb: float, after_rpe: float) -> tuple[list[Session], list[RunEfficiency]]:
    sessions: list[Session] = []
    efficiency: list[RunEfficiency] = []
    heavy = [working_set("back squat", 120, 5, 8.5) for _ in range(4)]
    for n in range(6):
        leg_day = week(n) + timedelta(1)
        sessions.append(lift(leg_day, heavy))
        for offset, mpb, rpe in ((2, after_mpb, after_rpe), (4, 1.20, 3), (6, 1.21, 3)):
            r = run(week(n) + timedelta(offset), 40)
            sessions.append(r)
            efficiency.append(RunEfficiency(r.day, r.id, Intensity.EASY, mpb, None, rpe))
    return sessions, efficiency


def test_efficiency_after_legs_fires_on_slower_harder_runs() -> None:
    sessions, efficiency = _legs_history(1.10, 4.5)
    (signal,) = run_efficiency_after_legs(
        inputs(sessions=sessions, efficiency=efficiency), SETTINGS
    )

    assert signal.id == "run-efficiency-after-legs"
    assert signal.severity is Severity.WARN
    assert signal.evidence["efficiency_drop_pct"] > 3
    assert signal.evidence["easy_rpe_after_legs"] == 4.5
    assert len(signal.weeks) == 6


def test_efficiency_after_legs_is_quiet_when_runs_are_unaffected() -> None:
    sessions, efficiency = _legs_history(1.20, 3)

    assert (
        run_efficiency_after_legs(inputs(sessions=sessions, efficiency=efficiency), SETTINGS) == []
    )


def test_light_leg_sessions_do_not_count_as_heavy() -> None:
    sessions, efficiency = _legs_history(1.10, 4.5)
    light = [
        lift(s.day, [working_set("back squat", 60, 5, 5)], ident=s.id)
        if s.activity.modality is ActivityModality.STRENGTH
        else s
        for s in sessions
    ]

    assert run_efficiency_after_legs(inputs(sessions=light, efficiency=efficiency), SETTINGS) == []


# ------------------------------------------------------------------ ramp-too-fast


def _weeks(totals: list[float]) -> list[WeekLoad]:
    return [WeekLoad(week(n - 3), t, 0, 0, None, None) for n, t in enumerate(totals)]


def test_ramp_fires_on_a_jump_over_the_three_week_mean() -> None:
    found = ramp_too_fast(inputs(weeks=_weeks([1000, 1000, 1000, 1000, 1000, 1700])), SETTINGS)

    (signal,) = found
    assert signal.weeks == (week(2),)
    assert signal.evidence["rise_pct"] == 70
    assert signal.severity is Severity.ALERT


def test_ramp_is_quiet_for_gradual_growth_and_without_a_base() -> None:
    gradual = _weeks([1000, 1050, 1100, 1150, 1200, 1260, 1320])
    fresh = _weeks([0, 0, 0, 800])

    assert ramp_too_fast(inputs(weeks=gradual), SETTINGS) == []
    assert ramp_too_fast(inputs(weeks=fresh), SETTINGS) == []


# ------------------------------------------------------------------ acwr-high


def _fitness(loads: list[float]) -> dict[str, list[object]]:
    start = FIRST - timedelta(days=len(loads) - 56)
    daily = [DailyLoad(start + timedelta(i), run=x) for i, x in enumerate(loads)]
    return {"run": list(fitness_series(daily, ActivityModality.RUN))}


def test_acwr_fires_on_a_spike_and_carries_the_caveat() -> None:
    loads = [200.0] * 60 + [700.0] * 7 + [200.0] * 30
    (signal,) = acwr_high(inputs(fitness=_fitness(loads)), SETTINGS)

    assert signal.id == "acwr-high"
    assert signal.evidence["modality"] == "run"
    assert float(signal.evidence["peak_ratio"] or 0) > 1.5
    assert "not an injury probability" in str(signal.evidence["caveat"])
    assert signal.refs == (27, 28, 29, 30)


def test_acwr_is_quiet_for_steady_load() -> None:
    assert acwr_high(inputs(fitness=_fitness([300.0] * 100)), SETTINGS) == []


def test_acwr_is_not_judged_before_28_days_of_history() -> None:
    # A first week of training has a huge ratio against nothing: it must stay hidden.
    loads = [0.0] * 60 + [400.0] * 10 + [0.0] * 20
    assert acwr_high(inputs(fitness=_fitness(loads)), SETTINGS) == []


# ------------------------------------------------------------------ same day


def test_order_fires_when_a_strength_athlete_runs_first() -> None:
    day = week(1) + timedelta(2)
    sessions = [run(day, 30, hour=7), lift(day, hour=17)]
    (signal,) = same_day_order(inputs(sessions=sessions, priority=Priority.STRENGTH), SETTINGS)

    assert signal.id == "same-day-order"
    assert signal.sessions == (sessions[0].id, sessions[1].id)
    assert signal.evidence["days"] == day.isoformat()


def test_order_is_quiet_in_the_right_order_or_for_balanced_athletes() -> None:
    day = week(1) + timedelta(2)
    right = [lift(day, hour=7), run(day, 30, hour=17)]
    wrong = [run(day, 30, hour=7), lift(day, hour=17)]

    assert same_day_order(inputs(sessions=right, priority=Priority.STRENGTH), SETTINGS) == []
    assert same_day_order(inputs(sessions=wrong, priority=Priority.BALANCED), SETTINGS) == []
    assert same_day_order(inputs(sessions=wrong, priority=None), SETTINGS) == []


def test_gap_fires_when_sessions_are_under_three_hours_apart() -> None:
    day = week(3)
    sessions = [run(day, 60, hour=7), lift(day, hour=9.5)]  # run ends 8:00, lift at 9:30
    (signal,) = same_day_gap(inputs(sessions=sessions), SETTINGS)

    assert signal.evidence["shortest_gap_h"] == 1.5
    assert signal.weeks == (day,)


def test_gap_is_quiet_at_three_hours_and_across_days() -> None:
    day = week(3)
    spaced = [run(day, 60, hour=7), lift(day, hour=11)]
    split = [run(day, 60, hour=22), lift(day + timedelta(1), hour=0.5)]

    assert same_day_gap(inputs(sessions=spaced), SETTINGS) == []
    assert same_day_gap(inputs(sessions=split), SETTINGS) == []


def test_same_day_checks_only_look_inside_the_window() -> None:
    day = FIRST - timedelta(days=5)
    sessions = [run(day, 60, hour=7), lift(day, hour=8.5)]

    assert same_day_gap(inputs(sessions=sessions), SETTINGS) == []


# ------------------------------------------------------------------ monotony and the whole


def test_monotony_fires_for_identical_days_with_a_little_noise() -> None:
    sessions = [run(week(1) + timedelta(i), 60 + i % 2, rpe=5) for i in range(7)]
    loads = session_loads(sessions)
    weeks = weekly_loads(daily_loads(loads, week(1), week(1) + timedelta(6)), loads)

    (signal,) = monotony_high(inputs(sessions=sessions, weeks=weeks), SETTINGS)
    assert signal.id == "monotony-high"
    assert float(signal.evidence["monotony"] or 0) > 2


def test_find_signals_sorts_by_severity_and_uses_known_ids() -> None:
    day = week(3)
    sessions = [run(day, 60, hour=7), lift(day, hour=7.5), run(day + timedelta(7), 60, hour=7)]
    found = find_signals(
        inputs(
            sessions=sessions,
            weeks=_weeks([1000, 1000, 1000, 1000, 1000, 1700]),
            priority=Priority.STRENGTH,
        )
    )

    assert found[0].id == "ramp-too-fast"  # the alert first
    assert {s.id for s in found} == {"ramp-too-fast", "same-day-gap", "same-day-order"}
    assert {s.id for s in found} <= set(SIGNAL_IDS)
