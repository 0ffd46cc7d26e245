from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from runlift.errors import InfeasiblePlanError
from runlift.evidence.rules import RULES
from runlift.exporters.plan_json import plan_to_dict, schema
from runlift.model.profile import (
    AthleteProfile,
    Experience,
    Priority,
    RunFormat,
    RunningProfile,
    ScheduleSpec,
    StrengthProfile,
)
from runlift.planning.build import build_plan
from tests.planning.checker import violations
from tests.planning.strategies import generous_availability, profiles

VALIDATOR = jsonschema.Draft202012Validator(schema())
RULE_IDS = {r.id for r in RULES}


def _assert_valid(profile: AthleteProfile) -> None:
    plan = build_plan(profile)
    assert violations(plan, profile) == []
    VALIDATOR.validate(plan_to_dict(plan))
    assert len(plan.week_summaries) == profile.schedule.weeks
    for s in plan.sessions:
        assert set(s.rules) <= RULE_IDS


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profiles())
def test_every_plan_keeps_every_hard_rule_or_explains_why_not(profile: AthleteProfile) -> None:
    try:
        plan = build_plan(profile)
    except InfeasiblePlanError as exc:
        assert exc.conflicts, "an infeasible plan must name at least one conflict"
        for c in exc.conflicts:
            assert c.rule and c.detail and c.fix
        assert exc.exit_code == 3
        return
    assert violations(plan, profile) == []
    VALIDATOR.validate(plan_to_dict(plan))


@pytest.mark.parametrize(
    ("priority", "exp_run", "exp_str", "run_format"),
    [
        (p, r, s, f)
        for p, r, s in itertools.product(Priority, Experience, Experience)
        for f in (RunFormat.JOG, RunFormat.HIIT)
        if f is RunFormat.JOG or p is Priority.STRENGTH
    ],
)
def test_generous_availability_always_gives_a_plan(
    priority: Priority, exp_run: Experience, exp_str: Experience, run_format: RunFormat
) -> None:
    profile = AthleteProfile(
        name="Gen",
        priority=priority,
        experience_running=exp_run,
        experience_strength=exp_str,
        schedule=ScheduleSpec(date(2026, 12, 9), 20, generous_availability()),
        running=RunningProfile(weekly_minutes=150),
        strength=StrengthProfile(run_format=run_format),
    )
    _assert_valid(profile)
    # With a goal race inside the plan the phases end in a taper.
    from runlift.model.profile import GoalRace

    raced = replace(
        profile,
        running=replace(profile.running, goal_race=GoalRace(21097.5, "half", date(2027, 4, 18))),
    )
    _assert_valid(raced)


@pytest.mark.parametrize("kind", ["tempo", "intervals", "hiit"])
@pytest.mark.parametrize("minutes", [10, 15, 20, 25, 30, 35, 45, 55, 60])
def test_structured_runs_add_up_to_their_minutes(kind: str, minutes: int) -> None:
    import re

    from runlift.model.plan import SessionKind
    from runlift.planning.prescribe import _run_segments

    segments, text = _run_segments(SessionKind(kind), minutes)
    assert sum(s.minutes for s in segments) == pytest.approx(minutes)
    assert text is not None
    numbers = [int(n) for n in re.findall(r"(\d+) min", text)]
    reps = re.search(r"(\d+) x (\d+) (min|s)", text)
    total = sum(numbers[:1] + numbers[-1:])
    if kind == "tempo":
        total = sum(numbers)
    elif reps is not None:
        per = 5 if kind == "intervals" else 2
        total += int(reps.group(1)) * per
    assert total == minutes, text
