"""Strength science: one-repetition-maximum estimates, RPE/RIR and load arithmetic.

Every function here is pure. Loads are in kilograms (any unit works as long as it is used
consistently); percentages are on a 0-100 scale.

Sources
-------
* 1RM equations: Epley (1985), Brzycki (1993), Lander (1985), Lombardi (1989),
  Mayhew et al. (1992), O'Conner et al. (1989), Wathan (1994), with the attributions
  usual in the literature (the years are as commonly cited, not checked against the
  originals). Accuracy: Reynolds, Gordon & Robergs, *J Strength Cond Res*
  20(3):584-592, 2006.
* RIR-based RPE: Zourdos et al., *J Strength Cond Res* 30(1):267-275, 2016.
* %1RM chart: M. Tuchscherer, *The Reactive Training Manual*, 2008 (as reproduced by
  Helms et al., *Strength Cond J* 38(4):42-49, 2016).
* Load progression: ACSM position stand, *Med Sci Sports Exerc* 41(3):687-708, 2009.

See ``docs/science.md`` for defaults, valid ranges and test vectors.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from enum import StrEnum

__all__ = [
    "RPE_MAX",
    "RPE_MIN",
    "RTS_MAX_REPS",
    "RTS_MIN_RPE",
    "E1rmFormula",
    "acsm_progression_range",
    "e1rm",
    "e1rm_from_rpe",
    "load_for_target",
    "percent_of_1rm",
    "relative_intensity",
    "rir_to_rpe",
    "round_to_plate",
    "rpe_to_rir",
    "volume_load",
]


def _require_positive(name: str, value: float) -> None:
    if not (value > 0 and math.isfinite(value)):
        raise ValueError(f"{name} must be > 0, got {value}")


def _require_non_negative(name: str, value: float) -> None:
    if not (value >= 0 and math.isfinite(value)):
        raise ValueError(f"{name} must be >= 0, got {value}")


def _require_whole(name: str, value: int, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")


# --------------------------------------------------------------------------------------
# 1RM estimation
# --------------------------------------------------------------------------------------


class E1rmFormula(StrEnum):
    """Published equations estimating a one-repetition maximum from a set to failure.

    With ``w`` the load and ``r`` the repetitions completed:

    * ``EPLEY`` (Epley, 1985): ``w (1 + r / 30)``
    * ``BRZYCKI`` (Brzycki, 1993): ``w 36 / (37 - r)``
    * ``LANDER`` (Lander, 1985): ``100 w / (101.3 - 2.67123 r)``
    * ``LOMBARDI`` (Lombardi, 1989): ``w r^0.10``
    * ``MAYHEW`` (Mayhew et al., 1992): ``100 w / (52.2 + 41.9 e^(-0.055 r))``
    * ``OCONNER`` (O'Conner et al., 1989): ``w (1 + 0.025 r)``
    * ``WATHAN`` (Wathan, 1994): ``100 w / (48.8 + 53.8 e^(-0.075 r))``
    """

    EPLEY = "epley"
    BRZYCKI = "brzycki"
    LANDER = "lander"
    LOMBARDI = "lombardi"
    MAYHEW = "mayhew"
    OCONNER = "oconner"
    WATHAN = "wathan"


# Largest repetition count each equation can take before its denominator reaches zero.
_MAX_REPS = {E1rmFormula.BRZYCKI: 36, E1rmFormula.LANDER: 37}


def e1rm(load_kg: float, reps: int, formula: E1rmFormula = E1rmFormula.EPLEY) -> float:
    """Estimated one-repetition maximum from ``reps`` repetitions to failure at ``load_kg``.

    See :class:`E1rmFormula` for the equations and their sources. One repetition returns
    the load itself (the equations would otherwise inflate a true single, e.g. Epley by
    3.3 %). Example: 100 kg x 5 gives 116.67 (Epley) or 112.50 (Brzycki).

    Estimates from more than 10 repetitions are inaccurate: Reynolds, Gordon & Robergs
    (*J Strength Cond Res* 20(3):584-592, 2006) advise using no more than 10 and found a
    5RM the most accurate. Brzycki accepts at most 36 repetitions and Lander at most 37.

    Default: Epley, a widely used equation that for 100 x 5 lands close to the median of
    the seven estimates (112.5-119.0).

    Raises:
        ValueError: if ``load_kg`` is not > 0, ``reps`` is not a whole number >= 1, or
            ``reps`` is above the formula's limit.
    """
    _require_positive("load_kg", load_kg)
    _require_whole("reps", reps, 1)
    formula = E1rmFormula(formula)
    limit = _MAX_REPS.get(formula)
    if limit is not None and reps > limit:
        raise ValueError(f"reps must be <= {limit} for the {formula} formula, got {reps}")
    if reps == 1:
        return float(load_kg)
    w, r = load_kg, reps
    if formula is E1rmFormula.EPLEY:
        return w * (1.0 + r / 30.0)
    if formula is E1rmFormula.BRZYCKI:
        return w * 36.0 / (37.0 - r)
    if formula is E1rmFormula.LANDER:
        return 100.0 * w / (101.3 - 2.67123 * r)
    if formula is E1rmFormula.LOMBARDI:
        return w * math.pow(r, 0.10)
    if formula is E1rmFormula.MAYHEW:
        return 100.0 * w / (52.2 + 41.9 * math.exp(-0.055 * r))
    if formula is E1rmFormula.OCONNER:
        return w * (1.0 + 0.025 * r)
    return 100.0 * w / (48.8 + 53.8 * math.exp(-0.075 * r))


# --------------------------------------------------------------------------------------
# RPE / RIR
# --------------------------------------------------------------------------------------

RPE_MIN = 5.0
"""Lowest RPE for which ``RIR = 10 - RPE`` is used."""
RPE_MAX = 10.0
"""Highest RPE (maximal effort, no repetitions in reserve)."""


def rpe_to_rir(rpe: float) -> float:
    """Repetitions in reserve for an RPE: ``RIR = 10 - RPE``.

    Zourdos et al., "Novel resistance training-specific rating of perceived exertion scale
    measuring repetitions in reserve", *J Strength Cond Res* 30(1):267-275, 2016: RPE 10 is
    0 RIR, RPE 9 is 1 RIR, and so on. Below RPE 5 the scale describes effort rather than
    reps in reserve, so only RPE 5-10 is accepted.

    Raises:
        ValueError: if ``rpe`` is outside 5..10.
    """
    if not RPE_MIN <= rpe <= RPE_MAX:
        raise ValueError(f"rpe must be between {RPE_MIN:g} and {RPE_MAX:g}, got {rpe}")
    return RPE_MAX - rpe


def rir_to_rpe(rir: float) -> float:
    """RPE for a number of repetitions in reserve: ``RPE = 10 - RIR`` (Zourdos et al., 2016).

    Raises:
        ValueError: if ``rir`` is outside 0..5.
    """
    max_rir = RPE_MAX - RPE_MIN
    if not 0 <= rir <= max_rir:
        raise ValueError(f"rir must be between 0 and {max_rir:g}, got {rir}")
    return RPE_MAX - rir


# --------------------------------------------------------------------------------------
# RTS %1RM chart
# --------------------------------------------------------------------------------------

RTS_MAX_REPS = 12
"""Highest repetition count in the RTS chart."""
RTS_MIN_RPE = 6.0
"""Lowest RPE in the RTS chart."""

# The chart only depends on reps + RIR ("effort reps"): one more rep at one more RPE
# point is the same cell. Effort reps run from 1 (a single at RPE 10) to 16 (12 reps at
# RPE 6) in half steps; entry i is for effort reps 1 + i / 2. The half-step entries are,
# to within 0.05, the midpoints of their neighbours; they are stored as printed so that
# every cell of the chart is reproduced exactly. The last entry is 57.4 in one
# transcription lineage and 57.2 in another; 57.4 is used.
_RTS_PERCENT_BY_HALF_EFFORT_REPS: tuple[float, ...] = (
    100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8,  # 1 .. 4.5
    86.3, 85.0, 83.7, 82.4, 81.1, 79.9, 78.6, 77.4,  # 5 .. 8.5
    76.2, 75.1, 73.9, 72.3, 70.7, 69.4, 68.0, 66.7,  # 9 .. 12.5
    65.3, 64.0, 62.6, 61.3, 59.9, 58.6, 57.4,  # 13 .. 16
)  # fmt: skip


def percent_of_1rm(reps: int, rpe: float) -> float:
    """Percentage of 1RM for a set of ``reps`` at ``rpe``, from the RTS chart.

    Chart of M. Tuchscherer (*The Reactive Training Manual*, 2008; reproduced by Helms
    et al., *Strength Cond J* 38(4):42-49, 2016), as transcribed by two independent
    open-source projects that agree on every cell except 12 reps at RPE 6 (57.4 vs 57.2;
    57.4 is used). Covers 1-12 reps and RPE 6-10 in half points. Example: 5 reps at RPE 8
    is 81.1 %. It is a heuristic for experienced lifters, not a measurement.

    Raises:
        ValueError: if ``reps`` is not a whole number in 1..12 or ``rpe`` is not one of
            6, 6.5, ..., 10.
    """
    _require_whole("reps", reps, 1)
    if reps > RTS_MAX_REPS:
        raise ValueError(f"reps must be between 1 and {RTS_MAX_REPS}, got {reps}")
    if not (RTS_MIN_RPE <= rpe <= RPE_MAX and float(rpe * 2).is_integer()):
        raise ValueError(f"rpe must be one of 6, 6.5, ..., 9.5, 10, got {rpe}")
    half_steps = round(2 * (reps - 1 + RPE_MAX - rpe))
    return _RTS_PERCENT_BY_HALF_EFFORT_REPS[half_steps]


def e1rm_from_rpe(load_kg: float, reps: int, rpe: float) -> float:
    """Estimated 1RM from a set rated by RPE: ``load / (percent_of_1rm(reps, rpe) / 100)``.

    Uses the RTS chart (Tuchscherer, 2008); see :func:`percent_of_1rm`. Example:
    100 kg x 5 at RPE 8 gives 123.30 kg.

    Raises:
        ValueError: if ``load_kg`` is not > 0 or ``reps``/``rpe`` are outside the chart.
    """
    _require_positive("load_kg", load_kg)
    return load_kg * 100.0 / percent_of_1rm(reps, rpe)


def load_for_target(e1rm_kg: float, reps: int, rpe: float) -> float:
    """Load for ``reps`` repetitions at a target ``rpe`` given an estimated 1RM.

    ``e1rm * percent_of_1rm(reps, rpe) / 100`` (RTS chart, Tuchscherer 2008). Example:
    5 reps at RPE 8 with an e1RM of 180 kg gives 145.98 kg; use :func:`round_to_plate` for a
    loadable bar weight.

    Raises:
        ValueError: if ``e1rm_kg`` is not > 0 or ``reps``/``rpe`` are outside the chart.
    """
    _require_positive("e1rm_kg", e1rm_kg)
    return e1rm_kg * percent_of_1rm(reps, rpe) / 100.0


# --------------------------------------------------------------------------------------
# Load arithmetic
# --------------------------------------------------------------------------------------


def volume_load(sets: Iterable[tuple[int, float]]) -> float:
    """Volume load: the sum of repetitions x load over all sets.

    Each set is ``(reps, load)``. Four sets of 4 at 100 kg give 1600 kg. Standard
    volume-load definition (e.g. ACSM position stand, *Med Sci Sports Exerc*
    41(3):687-708, 2009).

    Raises:
        ValueError: if a set has negative or non-whole reps or a negative load.
    """
    total = 0.0
    for index, (reps, load) in enumerate(sets):
        _require_whole(f"sets[{index}] reps", reps, 0)
        _require_non_negative(f"sets[{index}] load", load)
        total += reps * load
    return total


def relative_intensity(load: float, one_rm: float) -> float:
    """Load as a percentage of the 1RM: ``100 load / one_rm`` (100 of 115 is 86.96 %).

    Raises:
        ValueError: if ``load`` is negative or ``one_rm`` is not > 0.
    """
    _require_non_negative("load", load)
    _require_positive("one_rm", one_rm)
    return 100.0 * load / one_rm


def round_to_plate(load_kg: float, increment: float = 2.5) -> float:
    """Round a load to the nearest multiple of ``increment`` (halves round up).

    ``145.98 -> 145.0``, ``146.25 -> 147.5`` with the default 2.5 kg step (a pair of
    1.25 kg plates).

    Raises:
        ValueError: if ``load_kg`` is negative or ``increment`` is not > 0.
    """
    _require_non_negative("load_kg", load_kg)
    _require_positive("increment", increment)
    steps = math.floor(load_kg / increment + 0.5)
    # Round away binary noise such as 0.1 * 3 = 0.30000000000000004.
    return round(steps * increment, 9)


def acsm_progression_range(
    load_kg: float, target_reps: int, achieved_reps: int
) -> tuple[float, float]:
    """Load range for the next session under the ACSM progression rule.

    ACSM position stand "Progression models in resistance training for healthy adults",
    *Med Sci Sports Exerc* 41(3):687-708, 2009: when the lifter can perform the current
    load for one to two repetitions over the desired number, increase the load by 2-10 %.
    Returns ``(1.02 load, 1.10 load)`` when ``achieved_reps >= target_reps + 1`` and
    ``(load, load)`` otherwise. Example: target 8 at 100 kg, 10 achieved -> (102, 110).
    The ACSM text does not split the range by exercise; the choice within it is left to
    the caller.

    Raises:
        ValueError: if ``load_kg`` is not > 0, ``target_reps`` is not a whole number >= 1
            or ``achieved_reps`` is not a whole number >= 0.
    """
    _require_positive("load_kg", load_kg)
    _require_whole("target_reps", target_reps, 1)
    _require_whole("achieved_reps", achieved_reps, 0)
    if achieved_reps >= target_reps + 1:
        return (load_kg * 1.02, load_kg * 1.10)
    return (float(load_kg), float(load_kg))
