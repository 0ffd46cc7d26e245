"""Training-load science: session RPE, monotony and strain, TRIMP variants, HRSS, rTSS and GAP.

Every function here is pure. Durations are in minutes unless a name says otherwise, heart
rates in beats per minute and paces in seconds per kilometre (any distance unit works for
paces as long as both paces use it). Loads are in arbitrary units (AU).

Sources
-------
* Session RPE: Foster et al., "A new approach to monitoring exercise training",
  *J Strength Cond Res* 15(1):109-115, 2001; monotony and strain: Foster, "Monitoring
  training in athletes with reference to overtraining syndrome", *Med Sci Sports Exerc*
  30(7):1164-1168, 1998. For lifting: Day, McGuigan, Brice & Foster, *J Strength Cond Res*
  18(2):353-358, 2004.
* Banister TRIMP: Morton, Fitz-Clarke & Banister, *J Appl Physiol* 69(3):1171-1177, 1990;
  worked example from the Clarke & Skiba spreadsheet (*Adv Physiol Educ* 37:134-152, 2013).
* HRSS / TRIMP(100): GoldenCheetah ``src/Metrics/TRIMPPoints.cpp`` (read as reference only)
  and the Elevate HRSS definition (default LTHR = rest + 0.85 x reserve).
* Edwards TRIMP: S. Edwards, *The Heart Rate Monitor Book*, 1993.
* Lucia TRIMP: Lucia et al., *Med Sci Sports Exerc* 35(5):872-878, 2003.
* rTSS: TrainingPeaks' running TSS as publicly described (``hours x IF^2 x 100`` with IF a
  ratio of speeds); GAP: the polynomial fit to Strava's 2017 GAP curve published in
  GoldenCheetah ``src/Metrics/DanielsPoints.cpp`` (coefficients only; no code reused).

Volume load for lifting lives in :func:`runlift.science.strength.volume_load` and is
re-exported here for convenience.

See ``docs/science.md`` for defaults, valid ranges and test vectors.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from runlift.science.checks import require_finite, require_non_negative, require_positive
from runlift.science.strength import volume_load

__all__ = [
    "DEFAULT_FEMALE_A",
    "EDWARDS_WEIGHTS",
    "GAP_GRADE_LIMIT",
    "GOLDENCHEETAH_FEMALE_A",
    "LUCIA_WEIGHTS",
    "SRPE_MAX",
    "MonotonyStrain",
    "SdKind",
    "Sex",
    "banister_trimp",
    "default_lthr",
    "edwards_trimp",
    "gap_factor",
    "hrss",
    "lucia_trimp",
    "monotony_strain",
    "rtss",
    "running_intensity_factor",
    "session_rpe_load",
    "volume_load",
]


def _non_negative_list(name: str, values: Iterable[float]) -> list[float]:
    result = [float(v) for v in values]
    for index, value in enumerate(result):
        require_non_negative(f"{name}[{index}]", value)
    return result


# --------------------------------------------------------------------------------------
# Session RPE, monotony and strain (Foster)
# --------------------------------------------------------------------------------------

SRPE_MAX = 10.0
"""Top of the CR-10 scale used for session RPE."""


def session_rpe_load(rpe: float, minutes: float) -> float:
    """Session load in AU: session RPE (CR-10, 0-10) x duration in minutes.

    Foster et al., *J Strength Cond Res* 15(1):109-115, 2001; valid for resistance training
    too (Day et al., *J Strength Cond Res* 18(2):353-358, 2004), which makes it the common
    currency across running and lifting. The rating is taken about 30 minutes after the
    session. Example: 60 min at RPE 7 gives 420 AU.

    Raises:
        ValueError: if ``rpe`` is outside 0..10 or ``minutes`` is negative.
    """
    require_finite("rpe", rpe)
    if not 0 <= rpe <= SRPE_MAX:
        raise ValueError(f"rpe must be between 0 and {SRPE_MAX:g}, got {rpe}")
    require_non_negative("minutes", minutes)
    return float(rpe) * float(minutes)


class SdKind(StrEnum):
    """Standard-deviation convention for :func:`monotony_strain`.

    Foster's papers do not say which one they use; for 7 days the two differ by about 8 %.
    """

    POPULATION = "population"  # divide by n
    SAMPLE = "sample"  # divide by n - 1


@dataclass(frozen=True, slots=True)
class MonotonyStrain:
    """Foster's weekly load summary.

    ``monotony`` and ``strain`` are ``None`` when every day has the same load (standard
    deviation 0): the ratio is then undefined (infinite for a non-zero mean), and
    ``undefined`` is set so callers can flag it instead of plotting a number.
    """

    total: float
    mean: float
    sd: float
    monotony: float | None
    strain: float | None

    @property
    def undefined(self) -> bool:
        """True when the standard deviation is 0 and monotony cannot be computed."""
        return self.monotony is None


def monotony_strain(
    daily_loads: Iterable[float], sd: SdKind | str = SdKind.POPULATION
) -> MonotonyStrain:
    """Training monotony (mean / SD of daily load) and strain (total x monotony).

    Foster, *Med Sci Sports Exerc* 30(7):1164-1168, 1998. Pass the daily loads of one week
    (rest days as 0); other window lengths are accepted but the published use is 7 days.
    ``sd`` selects the population (÷ n, default) or sample (÷ (n - 1)) standard deviation.
    Example: ``[300, 0, 315, 360, 0, 240, 360]`` gives total 1575, monotony 1.528658 and
    strain 2407.636 (population) or 1.415262 and 2229.038 (sample).

    Cut-offs such as monotony > 2 or strain > 6000 come from secondary sources and are not
    applied here. When all days are equal (SD 0) monotony and strain are ``None``.

    Raises:
        ValueError: if fewer than 2 days are given, a load is negative or not finite, or
            ``sd`` is not ``"population"`` or ``"sample"``.
    """
    try:
        kind = SdKind(sd)
    except ValueError:
        raise ValueError(f"sd must be 'population' or 'sample', got {sd!r}") from None
    loads = _non_negative_list("daily_loads", daily_loads)
    n = len(loads)
    if n < 2:
        raise ValueError(f"daily_loads must hold at least 2 days, got {n}")
    total = math.fsum(loads)
    mean = total / n
    squares = math.fsum((x - mean) ** 2 for x in loads)
    divisor = n if kind is SdKind.POPULATION else n - 1
    spread = math.sqrt(squares / divisor)
    if spread == 0:
        return MonotonyStrain(total, mean, 0.0, None, None)
    monotony = mean / spread
    return MonotonyStrain(total, mean, spread, monotony, total * monotony)


# --------------------------------------------------------------------------------------
# Heart-rate TRIMP and HRSS
# --------------------------------------------------------------------------------------


class Sex(StrEnum):
    """Sex used to pick the Banister TRIMP weighting coefficients."""

    MALE = "male"
    FEMALE = "female"


_MALE_A = 0.64
_MALE_B = 1.92
_FEMALE_B = 1.67
DEFAULT_FEMALE_A = 0.86
"""Female ``a`` coefficient as commonly cited from Morton et al. (1990)."""
GOLDENCHEETAH_FEMALE_A = 0.64
"""Female ``a`` used by GoldenCheetah and Elevate (only ``b`` changes with sex)."""


def _heart_rate_reserve_fraction(avg_hr: float, rest_hr: float, max_hr: float) -> float:
    require_positive("avg_hr", avg_hr)
    require_positive("rest_hr", rest_hr)
    require_positive("max_hr", max_hr)
    if not max_hr > rest_hr:
        raise ValueError(f"max_hr must be > rest_hr ({rest_hr}), got {max_hr}")
    if avg_hr > max_hr:
        raise ValueError(f"avg_hr must be <= max_hr ({max_hr}), got {avg_hr}")
    return max(0.0, (avg_hr - rest_hr) / (max_hr - rest_hr))


def _trimp_coefficients(sex: Sex | str, female_a: float) -> tuple[float, float]:
    try:
        kind = Sex(sex)
    except ValueError:
        raise ValueError(f"sex must be 'male' or 'female', got {sex!r}") from None
    require_positive("female_a", female_a)
    if kind is Sex.MALE:
        return _MALE_A, _MALE_B
    return female_a, _FEMALE_B


def banister_trimp(
    avg_hr: float,
    rest_hr: float,
    max_hr: float,
    minutes: float,
    sex: Sex | str,
    female_a: float = DEFAULT_FEMALE_A,
) -> float:
    """Banister exponential TRIMP from a session's average heart rate.

    ``HRr = (avg_hr - rest_hr) / (max_hr - rest_hr)`` and
    ``TRIMP = minutes x HRr x a x exp(b x HRr)`` with ``a, b = 0.64, 1.92`` for men and
    ``female_a, 1.67`` for women (Morton, Fitz-Clarke & Banister, *J Appl Physiol*
    69(3):1171-1177, 1990, as commonly cited). ``female_a`` defaults to 0.86 (Morton);
    pass :data:`GOLDENCHEETAH_FEMALE_A` (0.64) to match GoldenCheetah and Elevate, which
    change only ``b``. An average below resting heart rate scores 0.

    Example (Clarke & Skiba spreadsheet, sheet "7 - Quantify workout"): male, 137.76197183
    bpm average, rest 45, max 190, 60.46471 min gives 84.5525.

    Raises:
        ValueError: if a heart rate is not > 0, ``max_hr <= rest_hr``, ``avg_hr > max_hr``,
            ``minutes`` is negative, ``sex`` is unknown or ``female_a`` is not > 0.
    """
    fraction = _heart_rate_reserve_fraction(avg_hr, rest_hr, max_hr)
    require_non_negative("minutes", minutes)
    a, b = _trimp_coefficients(sex, female_a)
    return minutes * fraction * a * math.exp(b * fraction)


def default_lthr(rest_hr: float, max_hr: float) -> float:
    """Default lactate-threshold heart rate: ``rest + 0.85 x (max - rest)`` (Elevate).

    Raises:
        ValueError: if a heart rate is not > 0 or ``max_hr <= rest_hr``.
    """
    require_positive("rest_hr", rest_hr)
    require_positive("max_hr", max_hr)
    if not max_hr > rest_hr:
        raise ValueError(f"max_hr must be > rest_hr ({rest_hr}), got {max_hr}")
    return rest_hr + 0.85 * (max_hr - rest_hr)


def hrss(
    avg_hr: float,
    rest_hr: float,
    max_hr: float,
    minutes: float,
    sex: Sex | str,
    lthr: float | None = None,
    female_a: float = DEFAULT_FEMALE_A,
) -> float:
    """Heart-rate stress score: Banister TRIMP scaled so one hour at LTHR scores 100.

    ``HRSS = 100 x TRIMP(session) / TRIMP(60 min at lthr)``, the "TRIMP(100)" idea of
    GoldenCheetah (``TRIMPPoints.cpp``) and Elevate's HRSS. ``lthr`` defaults to
    :func:`default_lthr` (``rest + 0.85 x reserve``). This is *not* TrainingPeaks' hrTSS,
    whose algorithm is unpublished. Example: the :func:`banister_trimp` example with
    LTHR 168.25 gives 50.6533.

    Raises:
        ValueError: as :func:`banister_trimp`, or if ``lthr`` is not strictly between
            ``rest_hr`` and ``max_hr``.
    """
    session = banister_trimp(avg_hr, rest_hr, max_hr, minutes, sex, female_a)
    threshold = default_lthr(rest_hr, max_hr) if lthr is None else lthr
    require_finite("lthr", threshold)
    if not rest_hr < threshold <= max_hr:
        raise ValueError(f"lthr must be > rest_hr and <= max_hr, got {threshold}")
    reference = banister_trimp(threshold, rest_hr, max_hr, 60.0, sex, female_a)
    return 100.0 * session / reference


EDWARDS_WEIGHTS: tuple[int, ...] = (1, 2, 3, 4, 5)
"""Edwards zone weights for 50-60, 60-70, 70-80, 80-90 and 90-100 % of HRmax."""

LUCIA_WEIGHTS: tuple[int, ...] = (1, 2, 3)
"""Lucia phase weights: below VT1, VT1-VT2 (RCP), above VT2."""


def _zone_sum(name: str, minutes: Sequence[float], weights: tuple[int, ...]) -> float:
    values = _non_negative_list(name, minutes)
    if len(values) != len(weights):
        raise ValueError(f"{name} must hold {len(weights)} values, got {len(values)}")
    return math.fsum(m * w for m, w in zip(values, weights, strict=True))


def edwards_trimp(minutes_in_zones: Sequence[float]) -> float:
    """Edwards summated-zone TRIMP: ``sum(minutes_in_zone_z x z)`` for z = 1..5.

    S. Edwards, *The Heart Rate Monitor Book*, 1993. Zones are 50-60, 60-70, 70-80, 80-90
    and 90-100 % of HRmax; time below 50 % counts 0, so pass only the five zones.
    Example: ``[10, 20, 15, 10, 5]`` gives 160.

    Raises:
        ValueError: if not exactly 5 values are given or one is negative.
    """
    return _zone_sum("minutes_in_zones", minutes_in_zones, EDWARDS_WEIGHTS)


def lucia_trimp(minutes_in_phases: Sequence[float]) -> float:
    """Lucia TRIMP: minutes below VT1 x 1 + between VT1 and VT2 x 2 + above VT2 x 3.

    Lucia et al., *Med Sci Sports Exerc* 35(5):872-878, 2003. The abstract describes "a
    multiplier for this particular phase"; 1/2/3 is the standard reading, not checked
    against the full text. Example: ``[40, 15, 5]`` gives 85.

    Raises:
        ValueError: if not exactly 3 values are given or one is negative.
    """
    return _zone_sum("minutes_in_phases", minutes_in_phases, LUCIA_WEIGHTS)


# --------------------------------------------------------------------------------------
# Running stress: GAP and rTSS
# --------------------------------------------------------------------------------------

GAP_GRADE_LIMIT = 40.0
"""Grades beyond +/- this many percent use the fixed end values."""
_GAP_UPHILL_CAP = 3.739
_GAP_DOWNHILL_CAP = 1.937
# Coefficients of g^5 .. g^0 (grade in %), GoldenCheetah's fit to Strava's 2017 GAP curve.
_GAP_POLY = (
    -3.40028981678083e-9,
    -4.71345135734814e-7,
    7.77801576537029e-7,
    0.001906977,
    0.0299822939,
    0.9935756154,
)


def gap_factor(grade_percent: float) -> float:
    """Grade-adjusted-pace speed multiplier for a grade in percent.

    Fifth-order polynomial fitted to Strava's 2017 GAP model (Strava Engineering, "An
    improved GAP model"), with the coefficients published in GoldenCheetah
    ``src/Metrics/DanielsPoints.cpp``. Flat ground returns exactly 1 (the polynomial itself
    gives 0.9936 there, a small discontinuity kept for fidelity); grades above +40 % return
    3.739 and below -40 % return 1.937. ``GAP speed = speed x gap_factor(grade)``.
    Example: +10 % gives 1.4798 (Strava's table: 1.48).

    Raises:
        ValueError: if ``grade_percent`` is not finite.
    """
    require_finite("grade_percent", grade_percent)
    if grade_percent == 0:
        return 1.0
    if grade_percent > GAP_GRADE_LIMIT:
        return _GAP_UPHILL_CAP
    if grade_percent < -GAP_GRADE_LIMIT:
        return _GAP_DOWNHILL_CAP
    result = 0.0
    for coefficient in _GAP_POLY:
        result = result * grade_percent + coefficient
    return result


def running_intensity_factor(ngp_s_per_km: float, threshold_s_per_km: float) -> float:
    """Running intensity factor: NGP *speed* over threshold speed.

    With paces that is ``threshold_pace / ngp_pace`` (dividing paces the other way round
    inverts the intensity). Example: NGP 300 s/km at threshold 270 s/km gives 0.9.

    Raises:
        ValueError: if a pace is not > 0.
    """
    require_positive("ngp_s_per_km", ngp_s_per_km)
    require_positive("threshold_s_per_km", threshold_s_per_km)
    return threshold_s_per_km / ngp_s_per_km


def rtss(ngp_s_per_km: float, threshold_s_per_km: float, seconds: float) -> float:
    """Running TSS: ``hours x IF^2 x 100`` with IF from :func:`running_intensity_factor`.

    TrainingPeaks' rTSS as publicly described (Coggan's TSS with functional threshold
    pace); TrainingPeaks' own NGP algorithm is proprietary, so results can differ from its
    numbers. One hour at threshold scores 100. Example: NGP 300 s/km, threshold 270 s/km,
    30 min gives 40.5.

    Raises:
        ValueError: if a pace is not > 0 or ``seconds`` is negative.
    """
    factor = running_intensity_factor(ngp_s_per_km, threshold_s_per_km)
    require_non_negative("seconds", seconds)
    return seconds / 3600.0 * factor * factor * 100.0
