"""Fitting the Banister impulse-response model to an athlete's own performance tests.

The model (Morton, Fitz-Clarke & Banister, *J Appl Physiol* 69(3):1171-1177, 1990) is
``p(t) = p0 + k1 g(t) - k2 h(t)`` with ``g(t) = g(t-1) e^(-1/tau1) + w(t)`` and
``h(t) = h(t-1) e^(-1/tau2) + w(t)``, ``g(0) = h(0) = 0``; the impulse of day t counts on
day t, as in the Clarke & Skiba spreadsheet (*Adv Physiol Educ* 37:134-152, 2013) and in
:func:`runlift.science.fitness.banister`. Its five parameters are individual, so they are
fitted here by bounded non-linear least squares to the logged performance tests, as in
Clarke & Skiba's sheet "8 - IR model fit". The time constants start from GoldenCheetah's
guesses (tau1 50 d, tau2 11 d; read as reference only, no code reused) and from a few
points of a coarse grid; for each, ``p0, k1, k2`` are solved linearly, which scales the
gains to the data.

Thresholds (a fit is refused with :class:`~runlift.errors.NotEnoughDataError` below them):

* at least ``min_tests`` (default :data:`MIN_TESTS` = 6) tests on different days - one
  more than the five parameters;
* the tests span at least :data:`MIN_SPAN_DAYS` (21) days, so that fitness and fatigue,
  which act on time scales of days to weeks, can be told apart;
* the test values are not all equal, and some training load was logged on or before the
  last test day.

Parameter bounds: ``1 <= tau2 < tau1 <= 100`` days (fitness decays more slowly than
fatigue), ``k1, k2 > 0``, ``p0`` free. Even a good fit rarely pins the parameters down
individually (they trade off against each other); the modelled curve is the robust output.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from runlift.errors import NotEnoughDataError
from runlift.science.fitness import banister_times

__all__ = [
    "MIN_SPAN_DAYS",
    "MIN_TESTS",
    "TAU_MAX",
    "TAU_MIN",
    "BanisterFit",
    "PerformanceTest",
    "fit_banister",
]

#: Fewest performance tests a fit is attempted with: five parameters need more points.
MIN_TESTS = 6
#: Fewest days between the first and the last test.
MIN_SPAN_DAYS = 21
#: Bounds on the time constants, in days.
TAU_MIN = 1.0
TAU_MAX = 100.0

_FREE_PARAMETERS = 5
_ADVICE = "log a performance test (time trial, test run, max-effort set) every 2-4 weeks"
# GoldenCheetah's starting time constants (src/Metrics/Banister.cpp).
_GC_TAU1, _GC_TAU2 = 50.0, 11.0
# Coarse grid of time constants for extra starting points.
_GRID_TAU1 = (5.0, 8.0, 12.0, 17.0, 23.0, 30.0, 40.0, 50.0, 65.0, 80.0, 100.0)
_GRID_TAU2 = (1.0, 2.0, 4.0, 7.0, 11.0, 16.0, 22.0, 30.0, 40.0, 55.0)
_GRID_STARTS = 4
# tau1 = tau2 + s (TAU_MAX - tau2) with s in [_S_MIN, 1]: keeps tau1 > tau2 with box bounds.
_S_MIN = 0.01
# k is bounded to (_K_LOW, _K_HIGH) times the data's scale (test spread per unit load).
_K_LOW, _K_HIGH = 1e-9, 1e3
_BOUND_TOL = 1e-3

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class PerformanceTest:
    """A performance test result (any unit where higher is better) on a calendar day."""

    day: date
    value: float


@dataclass(frozen=True, slots=True)
class BanisterFit:
    """Fitted Banister parameters, fit quality on the tests and the modelled curve.

    ``r2`` is ``1 - SS_res / SS_tot`` and ``rmse`` the root-mean-square residual, both on
    the tests, in the tests' unit. ``modelled[i]`` is the modelled performance of day
    ``first_day + i``. ``t_n`` and ``t_g`` are the days after a single impulse when its net
    effect turns positive and when it peaks (Clarke & Skiba 2013); ``t_n`` is negative when
    ``k2 < k1``. ``converged`` is False when the optimiser stopped on its evaluation limit;
    ``note`` says so and names parameters that ended on a bound (poorly determined).
    """

    p0: float
    k1: float
    k2: float
    tau1: float
    tau2: float
    r2: float
    rmse: float
    tests: int
    first_day: date
    modelled: tuple[float, ...]  # modelled performance for every day of the load series
    t_n: float = math.nan
    t_g: float = math.nan
    converged: bool = True
    note: str = ""


def _response(loads: FloatArray, tau: float) -> FloatArray:
    """``x(t) = x(t-1) e^(-1/tau) + w(t)``, ``x(0) = 0``, vectorised in blocks.

    Inside a block of B days ``x(b + j) = a^j sum_{i<=j} a^-i w(b + i) + a^(j+1) x(b - 1)``
    with ``a = e^(-1/tau)``; B keeps ``a^-B`` finite. Loads are >= 0, so the sums are all
    positive terms and accurate to a few ulps.
    """
    n = loads.shape[0]
    if n == 0:
        return np.zeros(0)
    a = math.exp(-1.0 / tau)
    block = max(1, min(256, n, int(200.0 * tau)))
    blocks = -(-n // block)
    padded = np.zeros(blocks * block)
    padded[:n] = loads
    w = padded.reshape(blocks, block)
    j = np.arange(block, dtype=np.float64)
    inner: FloatArray = np.cumsum(w * np.exp(j / tau), axis=1) * np.exp(-j / tau)
    carry = np.zeros(blocks)
    a_block = a**block
    for k in range(1, blocks):
        carry[k] = inner[k - 1, -1] + a_block * carry[k - 1]
    out: FloatArray = inner + np.exp(-(j + 1.0) / tau)[None, :] * carry[:, None]
    return out.reshape(-1)[:n]


def _taus(tau2: float, s: float) -> tuple[float, float]:
    return tau2 + s * (TAU_MAX - tau2), tau2


def _refuse(problem: str) -> NotEnoughDataError:
    return NotEnoughDataError(f"Cannot fit the Banister model: {problem}; {_ADVICE}.")


def _validate(
    daily_loads: Sequence[float], first_day: date, tests: Sequence[PerformanceTest], min_tests: int
) -> tuple[FloatArray, NDArray[np.int64], FloatArray]:
    if isinstance(min_tests, bool) or not isinstance(min_tests, int):
        raise ValueError(f"min_tests must be a whole number, got {min_tests!r}")
    if min_tests <= _FREE_PARAMETERS:
        raise ValueError(
            f"min_tests must be > {_FREE_PARAMETERS} (the model has five parameters), "
            f"got {min_tests}"
        )
    loads = np.asarray([float(v) for v in daily_loads], dtype=np.float64)
    bad = np.flatnonzero(~np.isfinite(loads) | (loads < 0))
    if bad.size:
        i = int(bad[0])
        raise ValueError(f"daily_loads[{i}] must be a finite number >= 0, got {loads[i]!r}")
    n = loads.shape[0]
    if n == 0:
        raise _refuse("no daily training loads were given")
    days: list[int] = []
    values: list[float] = []
    for number, test in enumerate(tests):
        value = float(test.value)
        if not math.isfinite(value):
            raise ValueError(f"tests[{number}].value must be finite, got {test.value!r}")
        index = (test.day - first_day).days
        if not 0 <= index < n:
            last = date.fromordinal(first_day.toordinal() + n - 1)
            raise ValueError(
                f"tests[{number}] on {test.day} is outside the load series ({first_day} to {last})"
            )
        days.append(index)
        values.append(value)
    distinct = len(set(days))
    if distinct < min_tests:
        extra = f" ({len(days)} tests in all)" if len(days) != distinct else ""
        raise _refuse(
            f"it needs at least {min_tests} performance tests on different days, "
            f"found {distinct}{extra}"
        )
    idx = np.asarray(days, dtype=np.int64)
    y = np.asarray(values, dtype=np.float64)
    span = int(idx.max() - idx.min())
    if span < MIN_SPAN_DAYS:
        raise _refuse(
            f"the {distinct} tests span only {span} days, at least {MIN_SPAN_DAYS} are needed"
        )
    if float(np.ptp(y)) <= 1e-12 * max(1.0, float(np.abs(y).max())):
        raise _refuse(f"all {len(values)} test values are equal ({values[0]:g}), nothing to fit")
    if not float(loads[: int(idx.max()) + 1].sum()) > 0:
        raise _refuse(f"no training load was logged on or before the last of the {distinct} tests")
    return loads, idx, y


def _linear_fit(g: FloatArray, h: FloatArray, y: FloatArray) -> tuple[float, float, float]:
    """Least-squares ``p0, k1, k2`` with ``k1, k2 >= 0`` for fixed fitness/fatigue responses.

    ``p0`` is eliminated by centring; the two-variable non-negative problem is solved
    exactly: the unconstrained solution if it is feasible, else the better one-gain fit.
    """
    gm, hm, ym = float(g.mean()), float(h.mean()), float(y.mean())
    a1, a2, b = g - gm, hm - h, y - ym
    s11, s22, s12 = float(a1 @ a1), float(a2 @ a2), float(a1 @ a2)
    r1, r2 = float(a1 @ b), float(a2 @ b)
    det = s11 * s22 - s12 * s12
    k1 = k2 = -1.0
    if det > 1e-12 * s11 * s22:
        k1, k2 = (s22 * r1 - s12 * r2) / det, (s11 * r2 - s12 * r1) / det
    if not (k1 >= 0 and k2 >= 0):
        only1 = max(0.0, r1 / s11) if s11 > 0 else 0.0
        only2 = max(0.0, r2 / s22) if s22 > 0 else 0.0
        # Residual reduction of a one-gain fit c with column a: c (2 a.b - c a.a).
        if only1 * (2 * r1 - only1 * s11) >= only2 * (2 * r2 - only2 * s22):
            k1, k2 = only1, 0.0
        else:
            k1, k2 = 0.0, only2
    return ym - k1 * gm + k2 * hm, k1, k2


def fit_banister(
    daily_loads: Sequence[float],
    first_day: date,
    tests: Sequence[PerformanceTest],
    min_tests: int = MIN_TESTS,
) -> BanisterFit:
    """Fit ``p0, k1, k2, tau1, tau2`` of the Banister model to performance tests.

    ``daily_loads[i]`` is the training impulse of day ``first_day + i`` (rest days 0, one
    unit throughout); a test on day d is compared with the modelled performance of index
    ``(d - first_day).days``, so a test on ``first_day`` already sees that day's load.

    Method: bounded least squares (``scipy.optimize.least_squares``). The time constants
    are searched first with ``p0, k1, k2`` solved linearly for each pair (variable
    projection), starting from GoldenCheetah's tau1 50 d / tau2 11 d and from the best
    points of a coarse grid; the best result is then polished with all five parameters
    free. See the module docstring for the thresholds and bounds (Morton, Fitz-Clarke &
    Banister 1990; Clarke & Skiba 2013).

    Raises:
        NotEnoughDataError: too few tests (fewer than ``min_tests`` distinct days), tests
            spanning under 21 days, all test values equal, or no load (empty, all zero, or
            none up to the last test). The message names the counts and what to log.
        ValueError: a load is negative or not finite, a test value is not finite, a test
            lies outside the load series, or ``min_tests`` is not a whole number > 5.
    """
    loads, idx, y = _validate(daily_loads, first_day, tests, min_tests)
    from scipy.optimize import least_squares

    fit_loads = loads[: int(idx.max()) + 1]
    n_tests = y.shape[0]
    k_scale = float(np.ptp(y)) / float(fit_loads.mean())
    k_low, k_high = _K_LOW * k_scale, _K_HIGH * k_scale

    def at_tests(tau: float) -> FloatArray:
        return _response(fit_loads, tau)[idx]

    def projected(theta: FloatArray) -> FloatArray:
        tau1, tau2 = _taus(float(theta[0]), float(theta[1]))
        g, h = at_tests(tau1), at_tests(tau2)
        p0, k1, k2 = _linear_fit(g, h, y)
        out: FloatArray = p0 + k1 * g - k2 * h - y
        return out

    def full(theta: FloatArray) -> FloatArray:
        p0, k1, k2, tau2, s = (float(v) for v in theta)
        tau1, _ = _taus(tau2, s)
        out: FloatArray = p0 + k1 * at_tests(tau1) - k2 * at_tests(tau2) - y
        return out

    def to_s(tau1: float, tau2: float) -> float:
        return min(max((tau1 - tau2) / (TAU_MAX - tau2), _S_MIN), 1.0)

    # Stage 1: time constants by variable projection.
    responses = {tau: at_tests(tau) for tau in {*_GRID_TAU1, *_GRID_TAU2}}
    grid: list[tuple[float, float, float]] = []
    for tau1 in _GRID_TAU1:
        for tau2 in _GRID_TAU2:
            if tau1 >= 1.1 * tau2:
                g, h = responses[tau1], responses[tau2]
                p0, k1, k2 = _linear_fit(g, h, y)
                r = p0 + k1 * g - k2 * h - y
                grid.append((float(r @ r), tau1, tau2))
    grid.sort()
    starts = [(_GC_TAU1, _GC_TAU2)] + [(t1, t2) for _, t1, t2 in grid[:_GRID_STARTS]]
    tau_lower = np.array([TAU_MIN, _S_MIN])
    tau_upper = np.array([TAU_MAX - 1.0, 1.0])
    best: Any = None
    for tau1, tau2 in starts:
        result = least_squares(
            projected,
            np.array([tau2, to_s(tau1, tau2)]),
            bounds=(tau_lower, tau_upper),
            method="trf",
            max_nfev=200,
        )
        if best is None or result.cost < best.cost:
            best = result
    stage1_converged = bool(best.status > 0)

    # Stage 2: polish all five parameters from the best projection.
    tau1, tau2 = _taus(float(best.x[0]), float(best.x[1]))
    p0, k1, k2 = _linear_fit(at_tests(tau1), at_tests(tau2), y)
    start = np.array(
        [p0, min(max(k1, k_low), k_high), min(max(k2, k_low), k_high), tau2, to_s(tau1, tau2)]
    )
    polish = least_squares(
        full,
        start,
        bounds=(
            np.array([-np.inf, k_low, k_low, TAU_MIN, _S_MIN]),
            np.array([np.inf, k_high, k_high, TAU_MAX - 1.0, 1.0]),
        ),
        x_scale="jac",
        method="trf",
        max_nfev=200,
    )
    converged = stage1_converged and bool(polish.status > 0)

    p0, k1, k2, tau2, s = (float(v) for v in polish.x)
    tau1, _ = _taus(tau2, s)
    modelled = p0 + k1 * _response(loads, tau1) - k2 * _response(loads, tau2)
    residual = modelled[idx] - y
    ss_res = float(residual @ residual)
    ss_tot = float(((y - y.mean()) ** 2).sum())
    t_n, t_g = banister_times(k1, k2, tau1, tau2)

    notes: list[str] = []
    if not converged:
        notes.append("optimiser stopped at its evaluation limit")
    on_bound = [
        name
        for name, value, low, high in (
            ("k1", k1, k_low, k_high),
            ("k2", k2, k_low, k_high),
            ("tau2", tau2, TAU_MIN, TAU_MAX - 1.0),
        )
        if value <= low * (1 + _BOUND_TOL) or value >= high * (1 - _BOUND_TOL)
    ]
    if tau1 >= TAU_MAX * (1 - _BOUND_TOL):
        on_bound.append("tau1")
    if s <= _S_MIN * (1 + _BOUND_TOL):
        on_bound.append("tau1-tau2 gap")
    if on_bound:
        notes.append("at a bound, poorly determined: " + ", ".join(on_bound))
    if n_tests < 2 * _FREE_PARAMETERS:
        notes.append(f"only {n_tests} tests for 5 parameters: treat the parameters as rough")

    return BanisterFit(
        p0=p0,
        k1=k1,
        k2=k2,
        tau1=tau1,
        tau2=tau2,
        r2=1.0 - ss_res / ss_tot,
        rmse=math.sqrt(ss_res / n_tests),
        tests=n_tests,
        first_day=first_day,
        modelled=tuple(float(v) for v in modelled),
        t_n=t_n,
        t_g=t_g,
        converged=converged,
        note="; ".join(notes),
    )
