from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.analysis.sessions import Session
from runlift.analysis.strength_progress import (
    E1rmMethod,
    LiftBest,
    LoadRpe,
    StrengthWeek,
    best_sets,
    is_hard,
    rated_sets,
    relative_intensities,
    strength_weeks,
)
from runlift.model.activity import Activity, ActivityModality, SetType, StrengthSet

CET = timezone(timedelta(hours=1))


def _set(
    exercise: str,
    reps: int | None = 5,
    load: float | None = 100.0,
    *,
    rpe: float | None = None,
    rir: float | None = None,
    kind: SetType = SetType.WORKING,
) -> StrengthSet:
    return StrengthSet(exercise, exercise.title(), kind, reps, load, None, rpe, rir)


def _session(
    sid: int,
    start: datetime,
    *sets: StrengthSet,
    modality: ActivityModality = ActivityModality.STRENGTH,
) -> Session:
    activity = Activity(
        start=start,
        modality=modality,
        sport="strength_training" if modality is ActivityModality.STRENGTH else "running",
        duration_s=3600.0,
        source="test",
        sets=sets,
    )
    return Session(sid, activity)


def _at(day: date, hour: int = 18) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=CET)


MON = date(2026, 12, 7)
WED = date(2026, 12, 9)
SUN = date(2026, 12, 13)
NEXT_MON = date(2026, 12, 14)


# --------------------------------------------------------------------------------------
# is_hard
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("strength_set", "hard"),
    [
        (_set("back squat", rpe=7), True),
        (_set("back squat", rpe=6.5), False),
        (_set("back squat", rir=3), True),  # RPE 7
        (_set("back squat", rir=4), False),  # RPE 6
        (_set("back squat", rir=8), False),  # off the RIR scale: unrated
        (_set("back squat"), False),  # unrated is not counted as hard
        (_set("back squat", rpe=9, kind=SetType.WARMUP), False),
        (_set("back squat", rpe=9, kind=SetType.REST), False),
        (_set("back squat", rpe=8, kind=SetType.DROP), True),
        (_set("back squat", kind=SetType.FAILURE), True),  # the type is the rating
        (_set("pull-up", reps=8, load=None, rpe=8), True),  # bodyweight can be hard
        (_set("back squat", reps=0, rpe=9), False),
        (_set("back squat", rpe=11), False),
        (_set("back squat", rpe=math.nan), False),
        (_set("back squat", rpe=11, rir=1), True),  # bad RPE, good RIR: RIR is used
    ],
)
def test_is_hard(strength_set: StrengthSet, hard: bool) -> None:
    assert is_hard(strength_set) is hard


# --------------------------------------------------------------------------------------
# best_sets
# --------------------------------------------------------------------------------------


def test_rated_set_uses_the_rts_chart_and_unrated_set_uses_epley() -> None:
    sessions = [
        _session(1, _at(MON), _set("back squat", 5, 100.0, rpe=8)),
        _session(2, _at(WED), _set("back squat", 5, 100.0)),
    ]
    result = best_sets(sessions)
    assert [(b.day, b.method, b.rpe) for b in result] == [
        (MON, E1rmMethod.RPE_CHART, 8.0),
        (WED, E1rmMethod.EPLEY, None),
    ]
    assert result[0].e1rm_kg == pytest.approx(123.30, abs=0.005)  # 100 / 0.811
    assert result[1].e1rm_kg == pytest.approx(116.67, abs=0.005)  # 100 (1 + 5/30)


def test_rir_is_converted_and_fractional_ratings_use_the_nearest_chart_row() -> None:
    sessions = [
        _session(1, _at(MON), _set("back squat", 5, 100.0, rir=2)),  # RPE 8
        _session(2, _at(WED), _set("deadlift", 3, 140.0, rpe=8.8)),  # row 9: 89.2 %
    ]
    squat, deadlift = sorted(best_sets(sessions), key=lambda b: b.lift)
    assert squat.e1rm_kg == pytest.approx(123.30, abs=0.005)
    assert squat.rpe == 8.0
    assert deadlift.e1rm_kg == pytest.approx(156.95, abs=0.005)
    assert deadlift.rpe == 8.8  # reported as logged
    assert deadlift.method is E1rmMethod.RPE_CHART


def test_rating_below_the_chart_falls_back_to_epley_and_keeps_the_rating() -> None:
    (best,) = best_sets([_session(1, _at(MON), _set("back squat", 5, 100.0, rpe=5))])
    assert best.method is E1rmMethod.EPLEY
    assert best.rpe == 5.0
    assert best.e1rm_kg == pytest.approx(116.67, abs=0.005)


def test_unrated_failure_set_reads_the_chart_at_rpe_10() -> None:
    failure = _set("back squat", 5, 100.0, kind=SetType.FAILURE)
    (best,) = best_sets([_session(1, _at(MON), failure)])
    assert best.method is E1rmMethod.RPE_CHART
    assert best.rpe == 10.0
    assert best.e1rm_kg == pytest.approx(100 / 0.863, abs=0.005)  # 115.87


def test_the_highest_estimate_of_each_lift_in_a_session_wins() -> None:
    session = _session(
        7,
        _at(MON),
        _set("back squat", 5, 60.0, kind=SetType.WARMUP),
        _set("back squat", 3, 130.0, rpe=9.5),  # 130 / 0.907 = 143.33
        _set("back squat", 1, 140.0, rpe=10),  # 140.00
        _set("back squat", 5, 120.0, rpe=9),  # 120 / 0.837 = 143.37 (best)
        _set("bench press", 8, 60.0),  # Epley 76.00
    )
    result = best_sets([session])
    assert [(b.lift, b.load_kg, b.reps) for b in result] == [
        ("back squat", 120.0, 5),
        ("bench press", 60.0, 8),
    ]
    assert result[0] == LiftBest(
        MON, 7, "back squat", pytest.approx(143.37, abs=0.005), 120.0, 5, 9.0, E1rmMethod.RPE_CHART
    )
    assert result[1].e1rm_kg == pytest.approx(76.0)
    assert result[1].activity_id == 7


def test_skips_warmups_bodyweight_high_reps_and_other_modalities() -> None:
    sessions = [
        _session(
            1,
            _at(MON),
            _set("back squat", 5, 200.0, rpe=8, kind=SetType.WARMUP),
            _set("pull-up", 8, None, rpe=8),
            _set("pull-up", 8, 0.0, rpe=8),
            _set("lunge", 13, 40.0),
            _set("lunge", 15, 40.0, rpe=8),
            _set("back squat", 12, 50.0),  # 12 reps is the last one kept
        ),
        _session(2, _at(WED), _set("back squat", 5, 300.0), modality=ActivityModality.RUN),
    ]
    result = best_sets(sessions)
    assert [(b.lift, b.reps) for b in result] == [("back squat", 12)]
    assert result[0].e1rm_kg == pytest.approx(70.0)  # 50 (1 + 12/30)


def test_sorted_by_day_then_lift_and_filtered_by_lift() -> None:
    sessions = [
        _session(2, _at(WED), _set("deadlift", 5, 150.0), _set("bench press", 5, 70.0)),
        _session(1, _at(MON), _set("back squat", 5, 110.0)),
    ]
    assert [(b.day, b.lift) for b in best_sets(sessions)] == [
        (MON, "back squat"),
        (WED, "bench press"),
        (WED, "deadlift"),
    ]
    assert [b.lift for b in best_sets(sessions, lifts={"deadlift"})] == ["deadlift"]
    assert best_sets(sessions, lifts=[]) == []


def test_hostile_values_are_skipped_not_raised() -> None:
    session = _session(
        1,
        _at(MON),
        _set("back squat", 5, math.nan, rpe=8),
        _set("back squat", 5, math.inf),
        _set("back squat", 5, -100.0),
        _set("back squat", 0, 100.0, rpe=8),
        _set("back squat", -3, 100.0),
        _set("back squat", None, 100.0),
        _set("", 5, 100.0),
        _set("bench press", 5, 80.0, rpe=42),  # bad rating: read as unrated
        _set("bench press", 5, 70.0, rpe=math.nan, rir=-1),
    )
    result = best_sets([session])
    assert [(b.lift, b.load_kg, b.method, b.rpe) for b in result] == [
        ("bench press", 80.0, E1rmMethod.EPLEY, None)
    ]
    assert result[0].e1rm_kg == pytest.approx(80 * (1 + 5 / 30))


# --------------------------------------------------------------------------------------
# strength_weeks
# --------------------------------------------------------------------------------------


def test_weeks_split_at_monday_and_empty_weeks_are_zero() -> None:
    sessions = [
        _session(1, _at(WED), _set("back squat", 5, 100.0, rpe=8)),
        _session(2, _at(SUN, 23), _set("back squat", 5, 100.0, rpe=8)),
        # 22:30 UTC on Sunday, but Monday 00:30 where it was done: next week.
        _session(
            3,
            datetime(2026, 12, 14, 0, 30, tzinfo=timezone(timedelta(hours=2))),
            _set("bench press", 10, 50.0, rpe=7),
        ),
        _session(4, _at(date(2026, 12, 28)), _set("deadlift", 3, 150.0)),
        _session(5, _at(date(2027, 1, 4)), _set("deadlift", 3, 150.0)),  # after `last`
        _session(6, _at(date(2026, 11, 30)), _set("deadlift", 3, 150.0)),  # before
        _session(7, _at(WED), _set("back squat", 5, 100.0), modality=ActivityModality.RUN),
    ]
    result = strength_weeks(sessions, WED, date(2026, 12, 31))
    assert [w.week for w in result] == [MON, NEXT_MON, date(2026, 12, 21), date(2026, 12, 28)]
    assert result[0] == StrengthWeek(MON, 2, 2, 2, 0, 0, 1000.0, 2, 2)
    assert result[1] == StrengthWeek(NEXT_MON, 1, 1, 0, 1, 0, 500.0, 1, 1)
    assert result[2] == StrengthWeek(date(2026, 12, 21), 0, 0, 0, 0, 0, 0.0, 0, 0)
    assert result[3] == StrengthWeek(date(2026, 12, 28), 1, 1, 0, 0, 0, 450.0, 0, 0)


def test_week_counts_regions_tonnage_and_ignores_warmups() -> None:
    session = _session(
        1,
        _at(MON),
        _set("back squat", 10, 20.0, rpe=3, kind=SetType.WARMUP),
        _set("back squat", 5, 60.0, rpe=8, kind=SetType.WARMUP),
        *[_set("back squat", 4, 100.0, rpe=8.5) for _ in range(4)],
        _set("bench press", 5, 60.0, rir=2),
        _set("bench press", 5, 60.0, rir=4),  # RPE 6: rated, not hard
        _set("bench press", 5, 60.0),  # unrated
        _set("clean", 3, 70.0, rpe=8),  # full body: lower and upper
        _set("plank", None, None, rpe=7),  # timed core hold
        _set("zercher wobble", 5, 40.0, rpe=9),  # unknown: no region
        StrengthSet("back squat", "Back Squat", SetType.REST),
    )
    (week,) = strength_weeks([session], MON, MON)
    assert week.sessions == 1
    assert week.working_sets == 10
    assert week.rated_sets == 9
    assert (week.hard_sets_lower, week.hard_sets_upper, week.hard_sets_core) == (5, 2, 1)
    assert week.hard_sets == 8  # the clean counted twice
    assert week.hard_sets_total == 8  # squats 4, bench 1, clean, plank, unknown lift
    # 4 x 4 x 100 + 3 x 5 x 60 + 3 x 70 + 5 x 40; warm-ups and the plank add nothing.
    assert week.tonnage_kg == pytest.approx(1600 + 900 + 210 + 200)


def test_week_skips_hostile_sets_in_counts_and_tonnage() -> None:
    session = _session(
        1,
        _at(MON),
        _set("back squat", 5, math.nan, rpe=9),  # counted as a hard set, no tonnage
        _set("back squat", 0, 100.0, rpe=9),  # not done
        _set("back squat", -2, 100.0, rpe=9),
        _set("back squat", 5, -50.0),
        _set("back squat", 5, 1e300),  # a typing slip, not a load: no tonnage
        _set("back squat", 10**9, 100.0, rpe=9),  # not a rep count: not a set
        _set("back squat", 5, 100.0, rpe=12),  # bad rating: unrated
        _set("back squat", 5, 100.0, rpe=math.inf, rir=math.nan),
    )
    (week,) = strength_weeks([session], MON, MON)
    assert week.working_sets == 5
    assert week.rated_sets == 1
    assert week.hard_sets_lower == 1
    assert week.tonnage_kg == pytest.approx(1000.0)


def test_last_before_first_gives_no_weeks() -> None:
    assert strength_weeks([], NEXT_MON, MON) == []


# --------------------------------------------------------------------------------------
# rated_sets
# --------------------------------------------------------------------------------------


def test_rated_sets_in_time_order_with_converted_rir() -> None:
    sessions = [
        _session(
            2,
            _at(WED),
            _set("back squat", 5, 100.0, rpe=9),
            _set("back squat", 15, 40.0, rir=1),  # high reps are kept here
        ),
        _session(
            1,
            _at(MON),
            _set("back squat", 5, 60.0, rpe=5, kind=SetType.WARMUP),
            _set("back squat", 5, 100.0, rpe=8),
            _set("back squat", 5, 100.0),  # unrated
            _set("pull-up", 8, None, rpe=8),  # no load
            _set("bench press", 3, 80.0, kind=SetType.FAILURE),
        ),
        _session(3, datetime(2026, 12, 7, 6, tzinfo=UTC), _set("deadlift", 2, 160.0, rpe=9.5)),
    ]
    assert rated_sets(sessions) == [
        LoadRpe(MON, 3, "deadlift", 160.0, 2, 9.5),  # 06:00 UTC, before the 18:00 session
        LoadRpe(MON, 1, "back squat", 100.0, 5, 8.0),
        LoadRpe(MON, 1, "bench press", 80.0, 3, 10.0),
        LoadRpe(WED, 2, "back squat", 100.0, 5, 9.0),
        LoadRpe(WED, 2, "back squat", 40.0, 15, 9.0),
    ]


def test_rated_sets_skip_hostile_values() -> None:
    session = _session(
        1,
        _at(MON),
        _set("back squat", 5, 100.0, rpe=0.5),
        _set("back squat", 5, 100.0, rpe=10.5),
        _set("back squat", 5, 100.0, rir=-1),
        _set("back squat", 5, 100.0, rir=6),  # off the RIR scale
        _set("back squat", 0, 100.0, rpe=8),
        _set("back squat", 5, math.nan, rpe=8),
        _set("back squat", 5, 100.0, rpe=2),  # low but a valid rating
    )
    assert rated_sets([session]) == [LoadRpe(MON, 1, "back squat", 100.0, 5, 2.0)]


# --------------------------------------------------------------------------------------
# Nothing raises on logged data
# --------------------------------------------------------------------------------------

_numbers = st.none() | st.floats(allow_nan=True, allow_infinity=True)
_sets = st.builds(
    StrengthSet,
    exercise=st.sampled_from(["back squat", "bench press", "clean", "plank", "??", ""]),
    exercise_raw=st.just("raw"),
    type=st.sampled_from(SetType),
    reps=st.none() | st.integers(min_value=-5, max_value=40) | st.integers(),
    load_kg=_numbers,
    duration_s=_numbers,
    rpe=_numbers,
    rir=_numbers,
)


@given(st.lists(st.lists(_sets, max_size=8), max_size=4))
def test_no_function_raises_on_any_logged_sets(days_sets: list[list[StrengthSet]]) -> None:
    sessions = [
        _session(i, _at(MON + timedelta(days=3 * i)), *sets) for i, sets in enumerate(days_sets)
    ]
    for best in best_sets(sessions):
        assert math.isfinite(best.e1rm_kg)
        assert best.e1rm_kg >= best.load_kg > 0
    weeks = strength_weeks(sessions, MON, MON + timedelta(days=14))
    assert len(weeks) == 3
    for week in weeks:
        assert math.isfinite(week.tonnage_kg)
        assert week.tonnage_kg >= 0
        assert week.hard_sets_total <= week.rated_sets <= week.working_sets
    for rated in rated_sets(sessions):
        assert 1 <= rated.rpe <= 10
        assert rated.reps >= 1
        assert rated.load_kg > 0


def test_relative_intensity_is_against_the_best_e1rm_so_far() -> None:
    day = date(2026, 3, 2)
    bests = [
        LiftBest(day, 1, "back squat", 120.0, 100.0, 5, 8.0, E1rmMethod.RPE_CHART),
        LiftBest(day + timedelta(days=3), 2, "back squat", 110.0, 90.0, 5, 8.0, E1rmMethod.EPLEY),
        LiftBest(day + timedelta(days=7), 3, "back squat", 125.0, 100.0, 5, 8.0, E1rmMethod.EPLEY),
    ]
    found = relative_intensities(bests)

    assert [round(i.percent, 2) for i in found] == [83.33, 75.0, 80.0]
    assert [i.reference_e1rm_kg for i in found] == [120.0, 120.0, 125.0]
