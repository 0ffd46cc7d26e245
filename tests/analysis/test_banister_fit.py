from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest

from runlift.analysis.banister_fit import (
    MIN_SPAN_DAYS,
    MIN_TESTS,
    BanisterFit,
    PerformanceTest,
    fit_banister,
)
from runlift.errors import InputError, NotEnoughDataError
from runlift.science.fitness import banister

START = date(2025, 1, 6)
# Clarke & Skiba (2013) spreadsheet, sheet "8 - IR model fit": the fitted cyclist (spec 1.1 B).
CYCLIST = {
    "p0": 261.92737210897678,
    "k1": 0.18258190690144069,
    "k2": 0.23016327121095306,
    "tau1": 35.821034441472136,
    "tau2": 21.339714582978822,
}


def _loads(days: int, seed: int = 7) -> list[float]:
    """A varied block-periodised pattern: build weeks, a recovery week, rest days."""
    rng = random.Random(seed)
    loads = []
    for day in range(days):
        week = day // 7
        base = 40.0 + 25.0 * (week % 4) if week % 4 != 3 else 25.0
        load = 0.0 if day % 7 == 6 else max(0.0, base + rng.uniform(-30.0, 60.0))
        loads.append(load)
    return loads


def _truth(loads: list[float]) -> list[float]:
    return [d.performance for d in banister(loads, **CYCLIST)]


def _tests(truth: list[float], days: list[int], noise: float = 0.0) -> list[PerformanceTest]:
    rng = random.Random(3)
    return [
        PerformanceTest(START + timedelta(days=i), truth[i] + rng.gauss(0.0, noise)) for i in days
    ]


def test_recovers_a_known_cyclist_from_noise_free_tests() -> None:
    loads = _loads(200)
    truth = _truth(loads)
    days = [8, 22, 35, 50, 63, 77, 92, 106, 120, 141, 162, 190]
    fit = fit_banister(loads, START, _tests(truth, days))
    assert isinstance(fit, BanisterFit)
    assert fit.tests == 12
    assert fit.first_day == START
    assert fit.r2 > 0.99
    assert fit.rmse < 1e-3
    assert max(abs(m - t) for m, t in zip(fit.modelled, truth, strict=True)) < 0.05
    assert fit.converged
    # Parameters are only loosely identifiable; these are sanity bounds, not exact values.
    assert fit.p0 == pytest.approx(CYCLIST["p0"], abs=2.0)
    assert fit.tau1 > fit.tau2 > 0
    assert fit.k1 > 0
    assert fit.k2 > 0
    assert fit.t_n == pytest.approx(12.2247078, abs=1.0)
    assert fit.t_g == pytest.approx(39.5660190, abs=2.0)


def test_modelled_series_is_the_forward_model_of_the_fitted_parameters() -> None:
    loads = _loads(120)
    days = [5, 20, 33, 47, 61, 75, 90, 110]
    fit = fit_banister(loads, START, _tests(_truth(loads), days, noise=2.0))
    assert len(fit.modelled) == len(loads)
    forward = banister(loads, fit.p0, fit.k1, fit.k2, fit.tau1, fit.tau2)
    for m, d in zip(fit.modelled, forward, strict=True):
        assert m == pytest.approx(d.performance, rel=1e-9, abs=1e-9)


def test_noisy_tests_still_give_a_meaningful_r2() -> None:
    loads = _loads(240, seed=11)
    days = list(range(10, 240, 18))
    fit = fit_banister(loads, START, _tests(_truth(loads), days, noise=4.0))
    assert 0.0 < fit.r2 <= 1.0
    assert 0.0 < fit.rmse < 10.0
    assert math.isfinite(fit.t_n)
    assert fit.tau1 > fit.tau2


def test_long_history_with_twenty_tests_is_fit_quickly() -> None:
    loads = _loads(3650, seed=5)
    truth = _truth(loads)
    days = sorted(random.Random(2).sample(range(30, 3650), 20))
    fit = fit_banister(loads, START, _tests(truth, days, noise=2.0))
    assert len(fit.modelled) == 3650
    assert fit.r2 > 0.5


def _valid_case() -> tuple[list[float], list[PerformanceTest]]:
    loads = _loads(120)
    return loads, _tests(_truth(loads), [5, 20, 33, 47, 61, 75, 90, 110])


def test_too_few_tests_is_refused_with_the_count() -> None:
    loads, tests = _valid_case()
    with pytest.raises(NotEnoughDataError, match=r"at least 6 .* found 5") as caught:
        fit_banister(loads, START, tests[:5])
    assert "every 2-4 weeks" in str(caught.value)
    assert isinstance(caught.value, InputError)


def test_tests_on_the_same_day_count_once() -> None:
    loads, tests = _valid_case()
    doubled = tests[:4] + [PerformanceTest(t.day, t.value + 1.0) for t in tests[:4]]
    with pytest.raises(NotEnoughDataError, match=r"found 4 \(8 tests in all\)"):
        fit_banister(loads, START, doubled)


def test_a_higher_min_tests_is_respected() -> None:
    loads, tests = _valid_case()
    with pytest.raises(NotEnoughDataError, match=r"at least 10 .* found 8"):
        fit_banister(loads, START, tests, min_tests=10)


def test_equal_test_values_are_refused() -> None:
    loads, tests = _valid_case()
    flat = [PerformanceTest(t.day, 250.0) for t in tests]
    with pytest.raises(NotEnoughDataError, match=r"all 8 test values are equal"):
        fit_banister(loads, START, flat)


@pytest.mark.parametrize("loads", [[], [0.0] * 120], ids=["empty", "all-zero"])
def test_missing_load_is_refused(loads: list[float]) -> None:
    _, tests = _valid_case()
    tests = tests if loads else []
    with pytest.raises(NotEnoughDataError, match=r"load"):
        fit_banister(loads, START, tests)


def test_load_only_after_the_last_test_is_refused() -> None:
    loads, tests = _valid_case()
    late = [0.0] * 111 + loads[111:]
    with pytest.raises(NotEnoughDataError, match=r"last of the 8 tests"):
        fit_banister(late, START, tests)


def test_tests_spanning_under_three_weeks_are_refused() -> None:
    loads, _ = _valid_case()
    truth = _truth(loads)
    tests = _tests(truth, [40 + 3 * i for i in range(MIN_TESTS + 1)])  # 18 days
    with pytest.raises(NotEnoughDataError, match=rf"7 tests span only 18 days.*{MIN_SPAN_DAYS}"):
        fit_banister(loads, START, tests)


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf])
def test_invalid_loads_are_programming_errors(bad: float) -> None:
    loads, tests = _valid_case()
    loads[3] = bad
    with pytest.raises(ValueError, match=r"daily_loads\[3\]") as caught:
        fit_banister(loads, START, tests)
    assert not isinstance(caught.value, NotEnoughDataError)


def test_tests_outside_the_load_series_are_an_error() -> None:
    loads, tests = _valid_case()
    outside = [*tests, PerformanceTest(START + timedelta(days=len(loads)), 250.0)]
    with pytest.raises(ValueError, match=r"outside the load series"):
        fit_banister(loads, START, outside)
    before = [PerformanceTest(START - timedelta(days=1), 250.0), *tests]
    with pytest.raises(ValueError, match=r"outside the load series"):
        fit_banister(loads, START, before)


def test_non_finite_test_value_and_tiny_min_tests_are_errors() -> None:
    loads, tests = _valid_case()
    with pytest.raises(ValueError, match=r"tests\[8\]\.value"):
        fit_banister(loads, START, [*tests, PerformanceTest(START, math.nan)])
    with pytest.raises(ValueError, match=r"min_tests"):
        fit_banister(loads, START, tests, min_tests=5)
