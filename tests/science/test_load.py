"""Tests for runlift.science.load against the science spec (sections 3-5, 8; checklist 9-18, 28)."""

from __future__ import annotations

import math

import pytest

from runlift.science.load import (
    DEFAULT_FEMALE_A,
    GOLDENCHEETAH_FEMALE_A,
    SdKind,
    Sex,
    banister_trimp,
    default_lthr,
    edwards_trimp,
    gap_factor,
    hrss,
    lucia_trimp,
    monotony_strain,
    rtss,
    running_intensity_factor,
    session_rpe_load,
    volume_load,
)
from runlift.science.strength import volume_load as strength_volume_load

# Clarke & Skiba spreadsheet, sheet "7 - Quantify workout" (checklist 11).
F1 = {"avg_hr": 137.76197183, "rest_hr": 45.0, "max_hr": 190.0, "minutes": 60.46471}
WEEK = [300.0, 0.0, 315.0, 360.0, 0.0, 240.0, 360.0]

# --------------------------------------------------------------------------------------
# Session RPE, monotony, strain (checklist 9, 10)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rpe", "minutes", "expected"),
    [(7, 60, 420.0), (9, 75, 675.0), (3, 30, 90.0), (6, 120, 720.0), (0, 45, 0.0)],
)
def test_session_rpe_load(rpe: float, minutes: float, expected: float) -> None:
    assert session_rpe_load(rpe, minutes) == expected


def test_session_rpe_week_builds_daily_loads() -> None:
    sessions = [(60, 5), None, (45, 7), (90, 4), None, (30, 8), (120, 3)]
    daily = [0.0 if s is None else session_rpe_load(s[1], s[0]) for s in sessions]
    assert daily == WEEK


@pytest.mark.parametrize(
    ("rpe", "minutes", "name"),
    [(-1, 60, "rpe"), (10.5, 60, "rpe"), (math.nan, 60, "rpe"), (5, -1, "minutes")],
)
def test_session_rpe_load_rejects_bad_input(rpe: float, minutes: float, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        session_rpe_load(rpe, minutes)


def test_monotony_strain_population_default() -> None:
    result = monotony_strain(WEEK)
    assert result.total == 1575.0
    assert result.mean == 225.0
    assert result.sd == pytest.approx(147.187927, abs=1e-5)
    assert result.monotony == pytest.approx(1.528658, abs=1e-5)
    assert result.strain == pytest.approx(2407.636, abs=1e-3)
    assert not result.undefined


def test_monotony_strain_sample() -> None:
    result = monotony_strain(WEEK, sd="sample")
    assert result.sd == pytest.approx(158.981131, abs=1e-5)
    assert result.monotony == pytest.approx(1.415262, abs=1e-5)
    assert result.strain == pytest.approx(2229.038, abs=1e-3)
    assert monotony_strain(WEEK, SdKind.SAMPLE) == result


@pytest.mark.parametrize("loads", [[200.0] * 7, [0.0] * 7])
def test_monotony_undefined_when_sd_is_zero(loads: list[float]) -> None:
    result = monotony_strain(loads)
    assert result.sd == 0.0
    assert result.monotony is None
    assert result.strain is None
    assert result.undefined


@pytest.mark.parametrize(
    ("loads", "sd", "name"),
    [([100.0], "population", "daily_loads"), ([], "population", "daily_loads"),
     ([100.0, -1.0], "population", r"daily_loads\[1\]"), (WEEK, "biased", "sd")],
)  # fmt: skip
def test_monotony_strain_rejects_bad_input(loads: list[float], sd: str, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        monotony_strain(loads, sd=sd)


# --------------------------------------------------------------------------------------
# TRIMP and HRSS (checklist 11-15)
# --------------------------------------------------------------------------------------


def test_banister_trimp_male_spreadsheet_vector() -> None:
    assert banister_trimp(**F1, sex="male") == pytest.approx(84.552468, abs=1e-4)
    assert banister_trimp(**F1, sex=Sex.MALE) == pytest.approx(84.5524683, abs=1e-4)


def test_banister_trimp_female_variants() -> None:
    assert DEFAULT_FEMALE_A == 0.86
    assert banister_trimp(**F1, sex="female") == pytest.approx(96.824692, abs=1e-4)
    gc = banister_trimp(**F1, sex="female", female_a=GOLDENCHEETAH_FEMALE_A)
    assert gc == pytest.approx(72.055585, abs=1e-4)


def test_banister_trimp_below_rest_scores_zero() -> None:
    assert banister_trimp(40, 45, 190, 60, "male") == 0.0


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"avg_hr": 0}, "avg_hr"), ({"rest_hr": -5}, "rest_hr"), ({"max_hr": 40}, "max_hr"),
     ({"avg_hr": 200}, "avg_hr"), ({"minutes": -1}, "minutes"), ({"sex": "other"}, "sex"),
     ({"female_a": 0}, "female_a"), ({"minutes": math.inf}, "minutes")],
)  # fmt: skip
def test_banister_trimp_rejects_bad_input(kwargs: dict[str, object], name: str) -> None:
    args: dict[str, object] = {**F1, "sex": "male", **kwargs}
    with pytest.raises(ValueError, match=name):
        banister_trimp(**args)  # type: ignore[arg-type]


def test_hrss_vector() -> None:
    assert default_lthr(45, 190) == pytest.approx(168.25)
    assert hrss(**F1, sex="male") == pytest.approx(50.6533, abs=1e-3)
    assert hrss(**F1, sex="male", lthr=168.25) == pytest.approx(50.6533, abs=1e-3)


def test_hrss_one_hour_at_lthr_is_100() -> None:
    for sex in Sex:
        assert hrss(160, 50, 185, 60, sex, lthr=160) == pytest.approx(100.0)


@pytest.mark.parametrize("lthr", [45.0, 30.0, 191.0, math.nan])
def test_hrss_rejects_bad_lthr(lthr: float) -> None:
    with pytest.raises(ValueError, match="lthr"):
        hrss(**F1, sex="male", lthr=lthr)


def test_default_lthr_rejects_inverted_range() -> None:
    with pytest.raises(ValueError, match="max_hr"):
        default_lthr(190, 45)


def test_edwards_trimp() -> None:
    assert edwards_trimp([10, 20, 15, 10, 5]) == 160.0


def test_lucia_trimp() -> None:
    assert lucia_trimp([40, 15, 5]) == 85.0


@pytest.mark.parametrize(
    ("values", "name"),
    [([10, 20, 15, 10], "minutes_in_zones"), ([10, 20, 15, 10, 5, 1], "minutes_in_zones"),
     ([10, -20, 15, 10, 5], r"minutes_in_zones\[1\]")],
)  # fmt: skip
def test_edwards_trimp_rejects_bad_input(values: list[float], name: str) -> None:
    with pytest.raises(ValueError, match=name):
        edwards_trimp(values)


@pytest.mark.parametrize("values", [[40, 15], [40, 15, 5, 1], [40, 15, math.nan]])
def test_lucia_trimp_rejects_bad_input(values: list[float]) -> None:
    with pytest.raises(ValueError, match="minutes_in_phases"):
        lucia_trimp(values)


# --------------------------------------------------------------------------------------
# rTSS and GAP (checklist 16-18)
# --------------------------------------------------------------------------------------


def test_rtss_pace_vector() -> None:
    assert running_intensity_factor(300, 270) == pytest.approx(0.9, abs=1e-9)
    assert rtss(300, 270, 30 * 60) == pytest.approx(40.5, abs=1e-9)


def test_rtss_speed_vector() -> None:
    # 15 mph threshold = 240 s/mile, 10 mph NGP = 360 s/mile; units cancel.
    assert rtss(360, 240, 3600) == pytest.approx(44.444, abs=1e-3)


def test_rtss_one_hour_at_threshold_is_100() -> None:
    assert rtss(270, 270, 3600) == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("ngp", "threshold", "seconds", "name"),
    [(0, 270, 60, "ngp_s_per_km"), (300, -1, 60, "threshold_s_per_km"),
     (300, 270, -1, "seconds")],
)  # fmt: skip
def test_rtss_rejects_bad_input(ngp: float, threshold: float, seconds: float, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        rtss(ngp, threshold, seconds)


@pytest.mark.parametrize(
    ("grade", "expected"),
    [(10, 1.4798), (-10, 0.8793), (-5, 0.8910), (-1, 0.9655), (1, 1.0255), (5, 1.1910),
     (20, 2.2759)],
)  # fmt: skip
def test_gap_factor_polynomial(grade: float, expected: float) -> None:
    assert gap_factor(grade) == pytest.approx(expected, abs=1e-3)


def test_gap_factor_flat_and_clamps() -> None:
    assert gap_factor(0) == 1.0
    assert gap_factor(41) == 3.739
    assert gap_factor(100) == 3.739
    assert gap_factor(-41) == 1.937


def test_gap_factor_rejects_nan() -> None:
    with pytest.raises(ValueError, match="grade_percent"):
        gap_factor(math.nan)


# --------------------------------------------------------------------------------------
# Strength load (checklist 28)
# --------------------------------------------------------------------------------------


def test_volume_load_is_reused_from_strength() -> None:
    assert volume_load is strength_volume_load
    assert volume_load([(4, 100.0)] * 4) == 1600.0
