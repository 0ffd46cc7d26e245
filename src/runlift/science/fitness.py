"""Fitness-fatigue models: Banister impulse-response, the Performance Management Chart, ACWR.

Every function here is pure. Time is in whole days; a daily series holds one value per
calendar day, rest days as 0, and element 0 is day 1 (the day after the starting state).
Loads and stress scores are in arbitrary units (TSS, TRIMP, sRPE load, ...); never mix
scales in one series.

Sources
-------
* Banister model: Morton, Fitz-Clarke & Banister, *J Appl Physiol* 69(3):1171-1177, 1990;
  Clarke & Skiba, *Adv Physiol Educ* 37:134-152, 2013 and its supplementary spreadsheet
  (test vectors; the day's impulse counts on that day).
* Performance Management Chart: A. Coggan's CTL/ATL/TSB definitions; the exponential
  form follows GoldenCheetah ``src/Metrics/PMCData.cpp`` and intervals.icu (read as
  reference only, no code reused).
* ACWR: Gabbett, *Br J Sports Med* 50:273-280, 2016 (rolling, coupled); Windt & Gabbett,
  *Br J Sports Med* 53:988, 2019 and Lolli et al., *Br J Sports Med* 53:921-922, 2019
  (uncoupled); Williams et al., *Br J Sports Med* 51:209-210, 2017 (EWMA); seeding as in
  the CRAN package ACWR (``JorgeDelro/ACWR``). ACWR is a descriptive spike detector, not an
  injury probability: Impellizzeri et al., *Sports Med* 2021, doi
  10.1007/s40279-020-01378-6.

See ``docs/science.md`` for defaults, valid ranges and test vectors.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from runlift.science.checks import require_finite, require_positive

__all__ = [
    "AcwrDay",
    "BanisterDay",
    "PmcDay",
    "PmcForm",
    "TsbTiming",
    "acwr_ewma",
    "acwr_rolling",
    "banister",
    "banister_times",
    "pmc",
]


def _require_window(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a whole number >= 1, got {value!r}")


def _daily(name: str, values: Iterable[float]) -> list[float]:
    result = [float(v) for v in values]
    for index, value in enumerate(result):
        require_finite(f"{name}[{index}]", value)
        if value < 0:
            raise ValueError(f"{name}[{index}] must be >= 0, got {value}")
    return result


# --------------------------------------------------------------------------------------
# Banister impulse-response model
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BanisterDay:
    """One day of the Banister model: unscaled fitness ``g``, fatigue ``h`` and performance."""

    fitness: float
    fatigue: float
    performance: float


def banister(
    daily_impulse: Iterable[float],
    p0: float,
    k1: float,
    k2: float,
    tau1: float,
    tau2: float,
) -> tuple[BanisterDay, ...]:
    """Banister impulse-response model in its discrete daily form.

    ``g(t) = g(t-1) e^(-1/tau1) + w(t)``, ``h(t) = h(t-1) e^(-1/tau2) + w(t)`` with
    ``g(0) = h(0) = 0``, and ``p(t) = p0 + k1 g(t) - k2 h(t)`` (Morton, Fitz-Clarke &
    Banister, 1990). As in the Clarke & Skiba (2013) spreadsheet, the impulse of day t is
    included in day t's performance. Element i of the result is day i + 1. Example:
    p0 500, k1 1, k2 2, tau1 27, tau2 10 and 100 AU a day gives p(1) = 400,
    p(12) = 18.208 (the trough) and p(37) = 501.989.

    Parameters are individual and must be fitted to performance tests; GoldenCheetah starts
    its fit from tau1 50, tau2 11, k1 = k2 = 0.2.

    Raises:
        ValueError: if an impulse is negative or not finite, ``p0`` is not finite, or
            ``k1``, ``k2``, ``tau1`` or ``tau2`` is not > 0.
    """
    impulses = _daily("daily_impulse", daily_impulse)
    require_finite("p0", p0)
    for name, value in (("k1", k1), ("k2", k2), ("tau1", tau1), ("tau2", tau2)):
        require_positive(name, value)
    decay_g = math.exp(-1.0 / tau1)
    decay_h = math.exp(-1.0 / tau2)
    g = h = 0.0
    days: list[BanisterDay] = []
    for w in impulses:
        g = g * decay_g + w
        h = h * decay_h + w
        days.append(BanisterDay(g, h, p0 + k1 * g - k2 * h))
    return tuple(days)


def banister_times(k1: float, k2: float, tau1: float, tau2: float) -> tuple[float, float]:
    """Days ``(t_n, t_g)`` after a single impulse in the Banister model.

    ``t_n = tau1 tau2 / (tau1 - tau2) ln(k2 / k1)`` is when the net effect turns positive
    and ``t_g = tau1 tau2 / (tau1 - tau2) ln(k2 tau1 / (k1 tau2))`` is when it peaks
    (Clarke & Skiba, *Adv Physiol Educ* 37:134-152, 2013, spreadsheet sheet 8). Example:
    the fitted cyclist of that sheet (k1 0.18258, k2 0.23016, tau1 35.821, tau2 21.340)
    gives t_n 12.2247 and t_g 39.5660. ``t_n`` is negative when ``k2 < k1`` (no initial
    performance dip).

    Raises:
        ValueError: if a parameter is not > 0, ``tau1 <= tau2`` (fitness must decay more
            slowly than fatigue).
    """
    for name, value in (("k1", k1), ("k2", k2), ("tau1", tau1), ("tau2", tau2)):
        require_positive(name, value)
    if not tau1 > tau2:
        raise ValueError(f"tau1 must be > tau2 ({tau2}), got {tau1}")
    scale = tau1 * tau2 / (tau1 - tau2)
    return scale * math.log(k2 / k1), scale * math.log(k2 * tau1 / (k1 * tau2))


# --------------------------------------------------------------------------------------
# Performance Management Chart
# --------------------------------------------------------------------------------------


class PmcForm(StrEnum):
    """Update rule for CTL and ATL with time constant ``tc`` days.

    * ``EXP`` (default): ``X += (stress - X) (1 - e^(-1/tc))`` - GoldenCheetah, intervals.icu.
    * ``LINEAR``: ``X += (stress - X) / tc`` - Coggan's published definition. The two
      coefficients differ by about 1.2 % for tc = 42.
    """

    EXP = "exp"
    LINEAR = "linear"


class TsbTiming(StrEnum):
    """Which day a TSB (form) value belongs to.

    * ``TOMORROW`` (default): TSB of day d is ``CTL(d-1) - ATL(d-1)``, the form carried into
      the day before its training (TrainingPeaks display, GoldenCheetah default).
    * ``TODAY``: TSB of day d is ``CTL(d) - ATL(d)`` (GoldenCheetah's "SB today" setting).
    """

    TODAY = "today"
    TOMORROW = "tomorrow"


@dataclass(frozen=True, slots=True)
class PmcDay:
    """One day of the Performance Management Chart."""

    ctl: float
    atl: float
    tsb: float


def pmc(
    daily_stress: Iterable[float],
    ctl_days: float = 42,
    atl_days: float = 7,
    form: PmcForm | str = PmcForm.EXP,
    seed: float = 0,
    tsb: TsbTiming | str = TsbTiming.TOMORROW,
) -> tuple[PmcDay, ...]:
    """Chronic training load (fitness), acute training load (fatigue) and form per day.

    CTL and ATL are exponentially weighted averages of daily stress with time constants
    ``ctl_days`` (42) and ``atl_days`` (7); see :class:`PmcForm` for the update rule and
    :class:`TsbTiming` for the TSB convention. Both start at ``seed`` on the day before
    element 0 (so with ``TsbTiming.TOMORROW`` the first TSB is 0 for seed 0). Example: 100
    a day from 0 gives CTL 2.352831 and ATL 13.312210 on day 1 (exp) or 2.380952 and
    14.285714 (linear); CTL on day 42 is 100 (1 - 1/e).

    Raises:
        ValueError: if a stress value is negative or not finite, ``seed`` is negative, a time
            constant is not > 0 (or < 1 for the linear form), or ``form``/``tsb`` is unknown.
    """
    try:
        rule = PmcForm(form)
    except ValueError:
        raise ValueError(f"form must be 'exp' or 'linear', got {form!r}") from None
    try:
        timing = TsbTiming(tsb)
    except ValueError:
        raise ValueError(f"tsb must be 'today' or 'tomorrow', got {tsb!r}") from None
    stress = _daily("daily_stress", daily_stress)
    require_positive("ctl_days", ctl_days)
    require_positive("atl_days", atl_days)
    require_finite("seed", seed)
    if seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    if rule is PmcForm.LINEAR:
        for name, value in (("ctl_days", ctl_days), ("atl_days", atl_days)):
            if value < 1:
                raise ValueError(f"{name} must be >= 1 for the linear form, got {value}")
        ctl_k, atl_k = 1.0 / ctl_days, 1.0 / atl_days
    else:
        ctl_k, atl_k = -math.expm1(-1.0 / ctl_days), -math.expm1(-1.0 / atl_days)
    ctl = atl = float(seed)
    days: list[PmcDay] = []
    for s in stress:
        previous_form = ctl - atl
        ctl += (s - ctl) * ctl_k
        atl += (s - atl) * atl_k
        form_value = ctl - atl if timing is TsbTiming.TODAY else previous_form
        days.append(PmcDay(ctl, atl, form_value))
    return tuple(days)


# --------------------------------------------------------------------------------------
# Acute:chronic workload ratio
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AcwrDay:
    """Acute and chronic load for one day and their ratio (``None`` when chronic is 0)."""

    acute: float
    chronic: float
    ratio: float | None


def _ratio(acute: float, chronic: float) -> float | None:
    return acute / chronic if chronic > 0 else None


def acwr_ewma(
    daily_loads: Iterable[float], acute: int = 7, chronic: int = 28
) -> tuple[AcwrDay, ...]:
    """Acute:chronic workload ratio from exponentially weighted moving averages.

    ``EWMA_today = lambda load_today + (1 - lambda) EWMA_yesterday`` with
    ``lambda = 2 / (N + 1)`` for N = ``acute`` (7) and ``chronic`` (28) days (Williams
    et al., *Br J Sports Med* 51:209-210, 2017). Both averages are seeded with the first
    day's load, as in the CRAN package ACWR. Note ``2 / (N + 1)`` is not the PMC decay
    ``1 - e^(-1/N)``. Example: 21 days of 30 then 7 of 50 gives, on day 28, acute
    47.330322, chronic 37.871967, ratio 1.249746.

    The ratio is descriptive (a spike detector) and needs about ``chronic`` days of history
    before it means anything; callers should hide it earlier.

    Raises:
        ValueError: if a load is negative or not finite, or a window is not a whole number
            >= 1, or ``acute >= chronic``.
    """
    _require_window("acute", acute)
    _require_window("chronic", chronic)
    if acute >= chronic:
        raise ValueError(f"acute must be < chronic ({chronic}), got {acute}")
    loads = _daily("daily_loads", daily_loads)
    if not loads:
        return ()
    lam_a, lam_c = 2.0 / (acute + 1), 2.0 / (chronic + 1)
    ewma_a = ewma_c = loads[0]
    days = [AcwrDay(ewma_a, ewma_c, _ratio(ewma_a, ewma_c))]
    for load in loads[1:]:
        ewma_a = lam_a * load + (1.0 - lam_a) * ewma_a
        ewma_c = lam_c * load + (1.0 - lam_c) * ewma_c
        days.append(AcwrDay(ewma_a, ewma_c, _ratio(ewma_a, ewma_c)))
    return tuple(days)


def acwr_rolling(
    daily_loads: Iterable[float],
    coupled: bool = True,
    acute: int = 7,
    chronic: int = 28,
) -> tuple[AcwrDay | None, ...]:
    """Acute:chronic workload ratio from rolling averages, one entry per input day.

    Acute load is the mean of the last ``acute`` days (today included). When ``coupled``
    (Gabbett 2016) chronic load is the mean of the last ``chronic`` days, which contain the
    acute window; when uncoupled (Windt & Gabbett 2019; Lolli et al. 2019) it is the mean
    of the ``chronic - acute`` days before the acute window, removing the mathematical
    coupling. Days without ``chronic`` days of history are ``None``. Example: 21 days of 30
    then 7 of 50 gives, on day 28, 50 / 35 = 1.428571 (coupled) or 50 / 30 = 1.666667
    (uncoupled).

    Raises:
        ValueError: if a load is negative or not finite, or a window is not a whole number
            >= 1, or ``acute >= chronic``.
    """
    _require_window("acute", acute)
    _require_window("chronic", chronic)
    if acute >= chronic:
        raise ValueError(f"acute must be < chronic ({chronic}), got {acute}")
    loads = _daily("daily_loads", daily_loads)
    result: list[AcwrDay | None] = []
    for end in range(1, len(loads) + 1):
        if end < chronic:
            result.append(None)
            continue
        acute_mean = math.fsum(loads[end - acute : end]) / acute
        if coupled:
            chronic_mean = math.fsum(loads[end - chronic : end]) / chronic
        else:
            chronic_mean = math.fsum(loads[end - chronic : end - acute]) / (chronic - acute)
        result.append(AcwrDay(acute_mean, chronic_mean, _ratio(acute_mean, chronic_mean)))
    return tuple(result)
