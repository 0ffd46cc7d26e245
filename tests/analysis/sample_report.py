"""A realistic, deterministic :class:`Report` for chart and HTML tests.

A hybrid athlete over ``weeks`` ISO weeks: two lifting sessions and three runs a week,
load rising about 2 % a week with a lighter fourth week, a few estimated sessions, 5 km
efforts every other week, and three signals. The dataclasses are built directly; only
the science formulas (PMC, EWMA ACWR) are borrowed to keep the fitness series honest.
"""

from __future__ import annotations

import random
import statistics
from dataclasses import replace
from datetime import date, timedelta

from runlift.analysis.adherence import AdherenceWeek
from runlift.analysis.banister_fit import BanisterFit
from runlift.analysis.report import Report
from runlift.analysis.running_progress import (
    BestEffort,
    Intensity,
    RunEfficiency,
    RunWeek,
    VdotPoint,
)
from runlift.analysis.signals import Severity, Signal
from runlift.analysis.strength_progress import E1rmMethod, LiftBest, StrengthWeek
from runlift.analysis.training_load import FitnessDay, LoadMeasure, LoadSource, WeekLoad
from runlift.science.fitness import acwr_ewma, pmc

FIRST = date(2026, 1, 5)  # a Monday
HOSTILE = "<script>alert(1)</script>"

# weekday -> (modality, base sRPE load); Wednesday and Sunday are rest days
_WEEK_PLAN = {
    0: ("strength", 300.0),
    1: ("run", 240.0),
    3: ("run", 330.0),
    4: ("strength", 280.0),
    5: ("run", 420.0),
}
_LIFTS = {  # lift -> (starting e1RM kg, sessions per week it appears in)
    "back squat": 80.0,
    "deadlift": 100.0,
    "bench press": 45.0,
    "half squat": 95.0,
    "overhead press": 30.0,
    "romanian deadlift": 70.0,
}
_RARE_LIFT = "hip thrust"  # logged twice only: the seventh lift, left out by top=6


def _week_factor(index: int) -> float:
    return (0.6 if index % 4 == 3 else 1.0) * (1 + 0.02 * index)


def sample_report(weeks: int = 26, athlete: str = "Sam", seed: int = 7) -> Report:
    rng = random.Random(seed)
    last = FIRST + timedelta(days=7 * weeks - 1)
    mondays = [FIRST + timedelta(days=7 * i) for i in range(weeks)]

    daily: list[tuple[date, str, float]] = []  # (day, modality, load); 0 on rest days
    for i, monday in enumerate(mondays):
        for weekday in range(7):
            day = monday + timedelta(days=weekday)
            if weekday in _WEEK_PLAN:
                modality, base = _WEEK_PLAN[weekday]
                load = base * _week_factor(i) * rng.uniform(0.9, 1.1)
                daily.append((day, modality, round(load, 1)))
            else:
                daily.append((day, "rest", 0.0))

    week_loads = []
    for i, monday in enumerate(mondays):
        days = daily[7 * i : 7 * i + 7]
        totals = [load for _, _, load in days]
        mean = statistics.fmean(totals)
        sd = statistics.pstdev(totals)
        monotony = mean / sd if sd > 0 else None
        week_loads.append(
            WeekLoad(
                week=monday,
                run=sum(v for _, m, v in days if m == "run"),
                strength=sum(v for _, m, v in days if m == "strength"),
                other=25.0 if i % 5 == 0 else 0.0,
                monotony=monotony,
                strain=None if monotony is None else sum(totals) * monotony,
                sources={
                    LoadSource.SRPE: 3,
                    LoadSource.HRSS: 1,
                    LoadSource.ESTIMATE: 1 if i % 3 == 0 else 0,
                },
            )
        )

    values = [load for _, _, load in daily]
    chart = pmc(values)
    ratios = acwr_ewma(values)
    fitness = tuple(
        FitnessDay(
            day=day,
            load=values[i],
            pmc=chart[i],
            acwr=ratios[i],
            acwr_shown=i >= 27 and ratios[i].ratio is not None,
        )
        for i, (day, _, _) in enumerate(daily)
    )

    lifts = []
    aid = 1000
    for i, monday in enumerate(mondays):
        for weekday, names in (
            (0, ("back squat", "bench press", "overhead press")),
            (4, ("deadlift", "half squat", "romanian deadlift")),
        ):
            aid += 1
            for name in names:
                e1rm = _LIFTS[name] * (1 + 0.006 * i) * rng.uniform(0.98, 1.02)
                rated = rng.random() < 0.8
                lifts.append(
                    LiftBest(
                        day=monday + timedelta(days=weekday),
                        activity_id=aid,
                        lift=name,
                        e1rm_kg=round(e1rm, 1),
                        load_kg=round(e1rm * 0.85 / 2.5) * 2.5,
                        reps=4,
                        rpe=8.5 if rated else None,
                        method=E1rmMethod.RPE_CHART if rated else E1rmMethod.EPLEY,
                    )
                )
    for k in (2, 9):
        lifts.append(
            LiftBest(
                mondays[min(k, weeks - 1)], 999, _RARE_LIFT, 110.0, 90.0, 8, None, E1rmMethod.EPLEY
            )
        )

    strength_weeks = tuple(
        StrengthWeek(
            week=monday,
            sessions=2,
            working_sets=24,
            hard_sets_lower=8 + (i % 3),
            hard_sets_upper=6,
            hard_sets_core=2 if i % 2 else 0,
            tonnage_kg=round(9000 * _week_factor(i)),
        )
        for i, monday in enumerate(mondays)
    )

    efforts = []
    for i in range(0, weeks, 2):
        day = mondays[i] + timedelta(days=5)
        time_s = 24 * 60 - 6 * i + rng.uniform(-10, 10)
        efforts.append(
            BestEffort(day, 2000 + i, 5000.0, round(time_s), round(40.5 + 0.08 * i, 2), i % 6 == 0)
        )
    vdot = []
    for e in efforts:
        recent = [x.vdot for x in efforts if 0 <= (e.day - x.day).days < 42]
        vdot.append(VdotPoint(e.day, max(recent), e.activity_id))

    efficiency = tuple(
        RunEfficiency(m + timedelta(days=1), 3000 + i, Intensity.EASY, 1.05 + 0.004 * i, None, 3.0)
        for i, m in enumerate(mondays)
    )

    running_weeks = tuple(
        RunWeek(
            week=monday,
            runs=3,
            distance_m=round(28000 * _week_factor(i)),
            minutes_easy=round(110 * _week_factor(i), 1),
            minutes_moderate=30.0 if i % 2 else 0.0,
            minutes_hard=round(22 * _week_factor(i), 1),
            minutes_unknown=15.0 if i % 7 == 0 else 0.0,
        )
        for i, monday in enumerate(mondays)
    )

    adherence = []
    for i, monday in enumerate(mondays):
        missed_run = 1 if i % 5 == 2 else 0
        adherence.append(AdherenceWeek(monday, "run", 3, 3 - missed_run, 0, missed_run, 0, 0))
        partial = 1 if i % 4 == 1 else 0
        adherence.append(
            AdherenceWeek(monday, "strength", 2, 2 - partial, partial, 0, 0, 1 if i == 3 else 0)
        )

    signals = (
        Signal(
            id="load.ramp",
            severity=Severity.ALERT,
            title="Weekly load jumped by 38 %",
            evidence={"ramp_pct": 38.2, "week_load": 2140.5, "mean_3_weeks": 1548.0},
            weeks=(mondays[min(4, weeks - 1)],),
            sessions=(1011, 1012),
            advice="Hold next week's load at this level before adding more.",
            refs=(17, 28),
        ),
        Signal(
            id="strength.stall",
            severity=Severity.WARN,
            title="Back squat e1RM flat for 4 weeks while running minutes rose",
            evidence={"lift": "back squat", "change_pct": -0.4, "run_minutes_change_pct": 22},
            weeks=tuple(mondays[min(k, weeks - 1)] for k in (8, 9, 10, 11)),
            sessions=(1017, 1019),
            advice="Space hard runs at least 6 h from lower-body lifting.",
            refs=(1, 13, 16),
        ),
        Signal(
            id="data.estimated",
            severity=Severity.INFO,
            title="Some sessions have neither RPE nor heart rate",
            evidence={"estimated": 9, "share": None},
            weeks=(mondays[min(12, weeks - 1)],),
            sessions=(),
            advice="Log an RPE after each session for a truer load.",
            refs=(),
        ),
    )

    banister = BanisterFit(
        p0=40.1,
        k1=0.012,
        k2=0.025,
        tau1=42.0,
        tau2=7.0,
        r2=0.71,
        rmse=0.62,
        tests=len(efforts),
        first_day=FIRST,
        modelled=tuple(40.0 + 0.001 * i for i in range(len(daily))),
    )

    return Report(
        athlete=athlete,
        first=FIRST,
        last=last,
        measure=LoadMeasure.SRPE,
        weeks=tuple(week_loads),
        fitness=fitness,
        lifts=tuple(lifts),
        strength_weeks=strength_weeks,
        efforts=tuple(efforts),
        vdot=tuple(vdot),
        efficiency=efficiency,
        running_weeks=running_weeks,
        adherence=tuple(adherence),
        signals=signals,
        banister=banister,
        banister_measure="5 km VDOT",
        banister_note="",
    )


def empty_report(athlete: str = "Nobody") -> Report:
    """A report with no data at all (a new athlete)."""
    return Report(
        athlete=athlete,
        first=FIRST,
        last=FIRST + timedelta(days=6),
        measure=LoadMeasure.SRPE,
        weeks=(),
        fitness=(),
        lifts=(),
        strength_weeks=(),
        efforts=(),
        vdot=(),
        efficiency=(),
        running_weeks=(),
        adherence=(),
        signals=(),
        banister=None,
        banister_measure="",
        banister_note="Too few performance tests for a fit: 0 of the 6 needed.",
    )


def hostile_report(weeks: int = 8) -> Report:
    """Every piece of user text replaced by markup that must come out escaped."""
    base = sample_report(weeks=weeks, athlete=HOSTILE)
    lifts = tuple(replace(b, lift=HOSTILE) if b.lift == "back squat" else b for b in base.lifts)
    signals = tuple(
        replace(
            s,
            title=f"{s.title} {HOSTILE}",
            advice=HOSTILE,
            evidence={**s.evidence, HOSTILE: HOSTILE},
        )
        for s in base.signals
    )
    return replace(
        base,
        lifts=lifts,
        signals=signals,
        banister=None,
        banister_measure=HOSTILE,
        banister_note=f"No fit {HOSTILE} & done",
    )
