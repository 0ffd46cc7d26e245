from __future__ import annotations

from datetime import date, timedelta

import pytest

from runlift.analysis.sessions import HeartRates, weeks
from runlift.analysis.training_load import (
    ACWR_MIN_DAYS,
    ASSUMED_RPE,
    THRESHOLD_RPE,
    DailyLoad,
    LoadMeasure,
    LoadSource,
    daily_loads,
    fitness_series,
    session_load,
    session_loads,
    weekly_loads,
)
from runlift.model.activity import ActivityModality
from runlift.science.fitness import PmcForm
from runlift.science.load import hrss
from tests.analysis.builders import lift, monday, run

HEART = HeartRates(rest_hr=50, max_hr=190)
MON = monday(2026, 3, 2)


def test_session_rpe_is_the_default_and_says_so() -> None:
    value, source = session_load(run(MON, 60, rpe=7).activity)

    assert (value, source) == (420.0, LoadSource.SRPE)


def test_moving_time_is_preferred_for_session_rpe() -> None:
    session = run(MON, 60, rpe=5)
    activity = session.activity.__class__(
        **{
            **{f: getattr(session.activity, f) for f in session.activity.__slots__},
            "moving_s": 3000,
        }
    )

    assert session_load(activity)[0] == pytest.approx(5 * 50)


def test_missing_rpe_falls_back_to_heart_rate_on_the_rpe_scale() -> None:
    activity = run(MON, 60, rpe=None, avg_hr=150).activity
    value, source = session_load(activity, heart=HEART)

    expected = hrss(150, 50, 190, 60, "male") * 60 * THRESHOLD_RPE / 100
    assert source is LoadSource.HRSS
    assert value == pytest.approx(expected)


def test_one_hour_at_threshold_equals_an_hour_at_the_threshold_rpe() -> None:
    threshold = 50 + 0.85 * 140
    activity = run(MON, 60, rpe=None, avg_hr=threshold).activity

    assert session_load(activity, heart=HEART)[0] == pytest.approx(60 * THRESHOLD_RPE)
    assert session_load(activity, LoadMeasure.HRSS, HEART)[0] == pytest.approx(100)


def test_without_rpe_or_heart_rate_the_estimate_is_used_and_named() -> None:
    value, source = session_load(lift(MON, rpe=None, minutes=50).activity)

    assert source is LoadSource.ESTIMATE
    assert value == ASSUMED_RPE[ActivityModality.STRENGTH] * 50


def test_hrss_measure_uses_heart_rate_first_and_converts_rpe_back() -> None:
    with_hr = run(MON, 60, rpe=9, avg_hr=150).activity
    only_rpe = run(MON, 60, rpe=6).activity

    assert session_load(with_hr, LoadMeasure.HRSS, HEART) == (
        pytest.approx(hrss(150, 50, 190, 60, "male")),
        LoadSource.HRSS,
    )
    assert session_load(only_rpe, LoadMeasure.HRSS, HEART) == (pytest.approx(100), LoadSource.SRPE)


@pytest.mark.parametrize("avg_hr", [30.0, 45.0, float("nan")])
def test_implausible_heart_rate_is_ignored_not_fatal(avg_hr: float) -> None:
    activity = run(MON, 30, rpe=None, avg_hr=avg_hr).activity

    assert session_load(activity, heart=HEART)[1] is LoadSource.ESTIMATE


def test_heart_rate_above_max_is_capped() -> None:
    activity = run(MON, 60, rpe=None, avg_hr=230).activity
    value, source = session_load(activity, LoadMeasure.HRSS, HEART)

    assert source is LoadSource.HRSS
    assert value == pytest.approx(hrss(190, 50, 190, 60, "male"))


def test_daily_loads_fill_rest_days_and_split_modalities() -> None:
    loads = session_loads(
        [run(MON, 60, rpe=5), lift(MON, rpe=6, minutes=50), run(MON + timedelta(2), 30, rpe=4)]
    )
    days = daily_loads(loads, MON, MON + timedelta(6))

    assert [d.day for d in days] == [MON + timedelta(i) for i in range(7)]
    assert (days[0].run, days[0].strength, days[0].combined) == (300, 300, 600)
    assert days[1] == DailyLoad(MON + timedelta(1))
    assert days[2].run == 120


def test_weekly_loads_match_foster_monotony_and_strain() -> None:
    # science-spec test vectors E: the week [300, 0, 315, 360, 0, 240, 360]
    sessions = [
        run(MON, 60, rpe=5),
        run(MON + timedelta(2), 45, rpe=7),
        run(MON + timedelta(3), 90, rpe=4),
        run(MON + timedelta(5), 30, rpe=8),
        run(MON + timedelta(6), 120, rpe=3),
    ]
    loads = session_loads(sessions)
    (week,) = weekly_loads(daily_loads(loads, MON, MON + timedelta(6)), loads)

    assert week.combined == 1575
    assert week.monotony == pytest.approx(1.528658, abs=1e-6)
    assert week.strain == pytest.approx(2407.636, abs=1e-3)
    assert week.sources == {LoadSource.SRPE: 5}


def test_a_week_of_equal_days_has_no_monotony() -> None:
    (week,) = weekly_loads([DailyLoad(MON + timedelta(i), run=100) for i in range(7)])

    assert week.monotony is None and week.strain is None


def test_fitness_series_hides_acwr_until_28_days_of_history() -> None:
    daily = [DailyLoad(MON + timedelta(i), run=30 if i < 21 else 50) for i in range(40)]
    series = fitness_series(daily, ActivityModality.RUN)

    assert [d.acwr_shown for d in series].index(True) == ACWR_MIN_DAYS - 1
    # science-spec test vectors D: day 28 of 21 x 30 then 7 x 50
    assert series[27].acwr.ratio == pytest.approx(1.249746, abs=1e-6)
    assert series[0].pmc.ctl == pytest.approx(30 * (1 - 2.718281828 ** (-1 / 42)), rel=1e-6)


def test_fitness_series_counts_history_from_the_first_training_day() -> None:
    daily = [DailyLoad(MON + timedelta(i), strength=0 if i < 10 else 100) for i in range(40)]
    shown = [d.acwr_shown for d in fitness_series(daily, ActivityModality.STRENGTH)]

    assert shown.index(True) == 10 + ACWR_MIN_DAYS - 1
    assert not any(d.acwr_shown for d in fitness_series(daily, ActivityModality.RUN))


def test_weeks_lists_every_monday() -> None:
    assert weeks(date(2026, 3, 4), date(2026, 3, 16)) == [
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
    ]


def test_the_pmc_variant_is_a_setting() -> None:
    daily = [DailyLoad(MON + timedelta(i), run=100) for i in range(3)]
    exp = fitness_series(daily)
    linear = fitness_series(daily, form=PmcForm.LINEAR)

    # science-spec 1.2: 100 a day from 0 gives CTL 2.352831 (exp) or 2.380952 (linear) on day 1
    assert exp[0].pmc.ctl == pytest.approx(2.352831, abs=1e-6)
    assert linear[0].pmc.ctl == pytest.approx(2.380952, abs=1e-6)
