"""Tests for runlift.science.strength against the vectors of the science spec (sections 7, 11)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runlift.science.strength import (
    E1rmFormula,
    acsm_progression_range,
    e1rm,
    e1rm_from_rpe,
    load_for_target,
    percent_of_1rm,
    relative_intensity,
    rir_to_rpe,
    round_to_plate,
    rpe_to_rir,
    volume_load,
)

# --------------------------------------------------------------------------------------
# 1RM equations (spec 7.1, checklist 26)
# --------------------------------------------------------------------------------------

E1RM_VECTORS = {
    # formula: (100 kg x 5, 100 kg x 10)
    E1rmFormula.EPLEY: (116.67, 133.33),
    E1rmFormula.BRZYCKI: (112.50, 133.33),
    E1rmFormula.LANDER: (113.71, 134.07),
    E1rmFormula.LOMBARDI: (117.46, 125.89),
    E1rmFormula.MAYHEW: (119.01, 130.93),
    E1rmFormula.OCONNER: (112.50, 125.00),
    E1rmFormula.WATHAN: (116.58, 134.75),
}


def test_formula_values() -> None:
    assert [f.value for f in E1rmFormula] == [
        "epley",
        "brzycki",
        "lander",
        "lombardi",
        "mayhew",
        "oconner",
        "wathan",
    ]


@pytest.mark.parametrize("formula", list(E1rmFormula))
def test_e1rm_table_vectors(formula: E1rmFormula) -> None:
    five, ten = E1RM_VECTORS[formula]
    # Table values are rounded to 0.01, so allow the rounding on top of the 0.01 tolerance.
    assert e1rm(100, 5, formula) == pytest.approx(five, abs=0.01)
    assert e1rm(100, 10, formula) == pytest.approx(ten, abs=0.01)


def test_checklist_26_three_decimals() -> None:
    assert e1rm(100, 5) == pytest.approx(116.667, abs=1e-3)  # Epley is the default
    assert e1rm(100, 5, E1rmFormula.BRZYCKI) == pytest.approx(112.5, abs=1e-9)
    assert e1rm(100, 5, E1rmFormula.LOMBARDI) == pytest.approx(117.462, abs=1e-3)


def test_e1rm_accepts_formula_name_string() -> None:
    assert e1rm(100, 5, "brzycki") == pytest.approx(112.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("formula", list(E1rmFormula))
def test_single_rep_returns_load(formula: E1rmFormula) -> None:
    assert e1rm(142.5, 1, formula) == 142.5


def test_e1rm_scales_with_load() -> None:
    for formula in E1rmFormula:
        assert e1rm(200, 6, formula) == pytest.approx(2 * e1rm(100, 6, formula))


@given(
    load=st.floats(min_value=1.0, max_value=500.0),
    reps=st.integers(min_value=1, max_value=36),
    formula=st.sampled_from(list(E1rmFormula)),
)
def test_e1rm_at_least_load(load: float, reps: int, formula: E1rmFormula) -> None:
    assert e1rm(load, reps, formula) >= load


@given(
    reps=st.integers(min_value=1, max_value=35),
    formula=st.sampled_from(list(E1rmFormula)),
)
def test_e1rm_increases_with_reps(reps: int, formula: E1rmFormula) -> None:
    assert e1rm(100, reps + 1, formula) > e1rm(100, reps, formula)


def test_e1rm_rep_limits() -> None:
    assert e1rm(100, 36, E1rmFormula.BRZYCKI) == pytest.approx(3600)
    with pytest.raises(ValueError, match=r"^reps must be <= 36 for the brzycki formula, got 37$"):
        e1rm(100, 37, E1rmFormula.BRZYCKI)
    assert e1rm(100, 37, E1rmFormula.LANDER) > 0
    with pytest.raises(ValueError, match=r"^reps must be <= 37 for the lander formula, got 38$"):
        e1rm(100, 38, E1rmFormula.LANDER)
    assert e1rm(100, 50, E1rmFormula.EPLEY) == pytest.approx(100 * (1 + 50 / 30))


@pytest.mark.parametrize(
    ("load", "reps", "message"),
    [
        (-5, 5, r"^load_kg must be > 0, got -5$"),
        (0, 5, r"^load_kg must be > 0, got 0$"),
        (math.nan, 5, r"^load_kg must be > 0, got nan$"),
        (100, 0, r"^reps must be >= 1, got 0$"),
        (100, 2.5, r"^reps must be a whole number, got 2.5$"),
        (100, True, r"^reps must be a whole number, got True$"),
    ],
)
def test_e1rm_rejects_bad_input(load: float, reps: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        e1rm(load, reps)


# --------------------------------------------------------------------------------------
# RPE / RIR (Zourdos 2016)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("rpe", "rir"), [(10, 0), (9.5, 0.5), (9, 1), (8, 2), (6, 4), (5, 5)])
def test_rpe_rir_conversion(rpe: float, rir: float) -> None:
    assert rpe_to_rir(rpe) == rir
    assert rir_to_rpe(rir) == rpe


def test_rpe_rir_rejects_out_of_scale() -> None:
    with pytest.raises(ValueError, match=r"^rpe must be between 5 and 10, got 11$"):
        rpe_to_rir(11)
    with pytest.raises(ValueError, match=r"^rpe must be between 5 and 10, got 4$"):
        rpe_to_rir(4)
    with pytest.raises(ValueError, match=r"^rir must be between 0 and 5, got -1$"):
        rir_to_rpe(-1)
    with pytest.raises(ValueError, match=r"^rir must be between 0 and 5, got 6$"):
        rir_to_rpe(6)


# --------------------------------------------------------------------------------------
# RTS chart (spec 7.2, checklist 27)
# --------------------------------------------------------------------------------------

# The chart exactly as printed in the spec, RPE row -> reps 1..12.
RTS_CHART: dict[float, tuple[float, ...]] = {
    10.0: (100.0, 95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0),
    9.5: (97.8, 93.9, 90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7),
    9.0: (95.5, 92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3),
    8.5: (93.9, 90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0),
    8.0: (92.2, 89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3, 62.6),
    7.5: (90.7, 87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0, 61.3),
    7.0: (89.2, 86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3, 62.6, 59.9),
    6.5: (87.8, 85.0, 82.4, 79.9, 77.4, 75.1, 72.3, 69.4, 66.7, 64.0, 61.3, 58.6),
    6.0: (86.3, 83.7, 81.1, 78.6, 76.2, 73.9, 70.7, 68.0, 65.3, 62.6, 59.9, 57.4),
}


def test_rts_chart_has_every_printed_cell() -> None:
    cells = 0
    for rpe, row in RTS_CHART.items():
        assert len(row) == 12
        for reps, expected in enumerate(row, start=1):
            assert percent_of_1rm(reps, rpe) == expected, (reps, rpe)
            cells += 1
    assert cells == 108


def test_rts_chart_structure_holds_in_printed_table() -> None:
    # The compact encoding relies on cell(r, p) == cell(r + 1, p + 1); check the data.
    # Index i of a row is i + 1 reps.
    checked = 0
    for rpe, row in RTS_CHART.items():
        if rpe + 1 in RTS_CHART:
            for reps in range(1, 12):
                assert row[reps - 1] == RTS_CHART[rpe + 1][reps], (reps, rpe)
                checked += 1
    assert checked == 7 * 11


def test_rts_half_points_are_near_midpoints() -> None:
    for rpe in (6.5, 7.5, 8.5, 9.5):
        for reps in range(1, 13):
            midpoint = (percent_of_1rm(reps, rpe - 0.5) + percent_of_1rm(reps, rpe + 0.5)) / 2
            assert percent_of_1rm(reps, rpe) == pytest.approx(midpoint, abs=0.0501)


@given(reps=st.integers(min_value=1, max_value=12), half_steps=st.integers(12, 19))
def test_rts_monotone(reps: int, half_steps: int) -> None:
    rpe = half_steps / 2
    assert percent_of_1rm(reps, rpe + 0.5) > percent_of_1rm(reps, rpe)
    if reps < 12:
        assert percent_of_1rm(reps + 1, rpe) < percent_of_1rm(reps, rpe)


def test_checklist_27_rts_vectors() -> None:
    assert percent_of_1rm(5, 8) == 81.1
    assert e1rm_from_rpe(100, 5, 8) == pytest.approx(123.30, abs=0.01)
    assert percent_of_1rm(3, 9) == 89.2
    assert e1rm_from_rpe(140, 3, 9) == pytest.approx(156.95, abs=0.01)
    assert load_for_target(180, 5, 8) == pytest.approx(145.98, abs=0.01)


@given(
    load=st.floats(min_value=20.0, max_value=400.0),
    reps=st.integers(min_value=1, max_value=12),
    half_steps=st.integers(12, 20),
)
def test_rts_round_trip(load: float, reps: int, half_steps: int) -> None:
    rpe = half_steps / 2
    assert load_for_target(e1rm_from_rpe(load, reps, rpe), reps, rpe) == pytest.approx(load)


@pytest.mark.parametrize(
    ("reps", "rpe", "message"),
    [
        (0, 8, r"^reps must be >= 1, got 0$"),
        (13, 8, r"^reps must be between 1 and 12, got 13$"),
        (5, 5.5, r"^rpe must be one of 6, 6.5, \.\.\., 9\.5, 10, got 5\.5$"),
        (5, 10.5, r"rpe must be one of .* got 10\.5$"),
        (5, 8.25, r"rpe must be one of .* got 8\.25$"),
        (5, math.nan, r"rpe must be one of .* got nan$"),
    ],
)
def test_rts_rejects_outside_chart(reps: int, rpe: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        percent_of_1rm(reps, rpe)


def test_rts_helpers_reject_bad_loads() -> None:
    with pytest.raises(ValueError, match=r"^load_kg must be > 0, got -100$"):
        e1rm_from_rpe(-100, 5, 8)
    with pytest.raises(ValueError, match=r"^e1rm_kg must be > 0, got 0$"):
        load_for_target(0, 5, 8)


# --------------------------------------------------------------------------------------
# Load arithmetic (checklist 28 and friends)
# --------------------------------------------------------------------------------------


def test_volume_load_4x4x100() -> None:
    assert volume_load([(4, 100.0)] * 4) == 1600.0


def test_volume_load_mixed_sets_and_generator() -> None:
    assert volume_load([(5, 100.0), (3, 110.0), (0, 120.0)]) == 830.0
    assert volume_load((reps, 50.0) for reps in (10, 8, 6)) == 1200.0
    assert volume_load([]) == 0.0


def test_volume_load_rejects_bad_sets() -> None:
    with pytest.raises(ValueError, match=r"^sets\[1\] reps must be >= 0, got -3$"):
        volume_load([(5, 100.0), (-3, 100.0)])
    with pytest.raises(ValueError, match=r"^sets\[0\] load must be >= 0, got -1.0$"):
        volume_load([(5, -1.0)])


def test_relative_intensity() -> None:
    assert relative_intensity(100, 115) == pytest.approx(86.96, abs=0.005)
    assert relative_intensity(0, 115) == 0.0
    with pytest.raises(ValueError, match=r"^one_rm must be > 0, got 0$"):
        relative_intensity(100, 0)
    with pytest.raises(ValueError, match=r"^load must be >= 0, got -1$"):
        relative_intensity(-1, 100)


@pytest.mark.parametrize(
    ("load", "increment", "expected"),
    [
        (145.98, 2.5, 145.0),
        (146.25, 2.5, 147.5),
        (146.24, 2.5, 145.0),
        (123.3, 2.5, 122.5),
        (101.1, 1.0, 101.0),
        (0.31, 0.1, 0.3),
        (72.0, 5.0, 70.0),
    ],
)
def test_round_to_plate(load: float, increment: float, expected: float) -> None:
    assert round_to_plate(load, increment) == expected


@given(
    load=st.floats(min_value=0.0, max_value=500.0),
    increment=st.sampled_from([0.5, 1.0, 1.25, 2.5, 5.0]),
)
def test_round_to_plate_properties(load: float, increment: float) -> None:
    rounded = round_to_plate(load, increment)
    assert abs(rounded - load) <= increment / 2 + 1e-9
    assert (rounded / increment) == pytest.approx(round(rounded / increment), abs=1e-9)


def test_round_to_plate_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match=r"^increment must be > 0, got 0$"):
        round_to_plate(100, 0)
    with pytest.raises(ValueError, match=r"^load_kg must be >= 0, got -2.5$"):
        round_to_plate(-2.5)


# --------------------------------------------------------------------------------------
# ACSM progression (spec 10.2)
# --------------------------------------------------------------------------------------


def test_acsm_progression_vector() -> None:
    # Target 3 x 8 at 100 kg, athlete completes 3 x 10 -> increase to 102-110 kg.
    low, high = acsm_progression_range(100, 8, 10)
    assert low == pytest.approx(102)
    assert high == pytest.approx(110)


def test_acsm_progression_thresholds() -> None:
    assert acsm_progression_range(100, 8, 9) == pytest.approx((102, 110))
    assert acsm_progression_range(100, 8, 8) == (100.0, 100.0)
    assert acsm_progression_range(100, 8, 5) == (100.0, 100.0)
    with pytest.raises(ValueError, match=r"^target_reps must be >= 1, got 0$"):
        acsm_progression_range(100, 0, 5)
