"""Tests for runlift.science.fitness against the science spec (sections 1-2; checklist 1-8)."""

from __future__ import annotations

import math

import pytest

from runlift.science.fitness import (
    AcwrDay,
    PmcForm,
    TsbTiming,
    acwr_ewma,
    acwr_rolling,
    banister,
    banister_times,
    pmc,
)

# Fitted cyclist, Clarke & Skiba spreadsheet sheet "8 - IR model fit".
CYCLIST = {
    "p0": 261.92737210897678,
    "k1": 0.18258190690144069,
    "k2": 0.23016327121095306,
    "tau1": 35.821034441472136,
    "tau2": 21.339714582978822,
}
ACWR_SERIES = [30.0] * 21 + [50.0] * 7

# --------------------------------------------------------------------------------------
# Banister (checklist 1-4)
# --------------------------------------------------------------------------------------


def test_banister_textbook_definition() -> None:
    days = banister([100.0] * 50, p0=500, k1=1, k2=2, tau1=27, tau2=10)
    expected = {1: 400.0, 2: 315.396561, 12: 18.208039, 37: 501.989079, 50: 731.152520}
    for day, value in expected.items():
        assert days[day - 1].performance == pytest.approx(value, abs=1e-6)
    assert days[9].fitness == pytest.approx(851.279515316, abs=1e-6)
    assert days[9].fatigue == pytest.approx(664.253266129, abs=1e-6)
    trough = min(range(50), key=lambda i: days[i].performance)
    assert trough == 11


def test_banister_simulation_sheet() -> None:
    days = banister([100.0] * 3, p0=500, k1=1, k2=2, tau1=25, tau2=10)
    assert days[1].performance == pytest.approx(315.111460, abs=1e-6)
    days = banister([100.0] * 3, p0=500, k1=1, k2=2, tau1=30, tau2=5)
    assert days[2].performance == pytest.approx(292.462148729, abs=1e-6)


def test_banister_fitted_cyclist() -> None:
    days = banister([46.46, 26.7, 177.37, 0, 36.64], **CYCLIST)
    expected = [259.716742, 258.702328, 250.649973, 251.990167, 251.502944]
    assert [d.performance for d in days] == pytest.approx(expected, abs=1e-5)


def test_banister_times_fitted_cyclist() -> None:
    params = {k: v for k, v in CYCLIST.items() if k != "p0"}
    t_n, t_g = banister_times(**params)
    assert t_n == pytest.approx(12.224708, abs=1e-5)
    assert t_g == pytest.approx(39.566019, abs=1e-5)


def test_banister_empty_series() -> None:
    assert banister([], p0=1, k1=1, k2=2, tau1=27, tau2=10) == ()


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"k1": 0}, "k1"), ({"k2": -1}, "k2"), ({"tau1": 0}, "tau1"), ({"tau2": math.nan}, "tau2"),
     ({"p0": math.inf}, "p0"), ({"daily_impulse": [1, -1]}, r"daily_impulse\[1\]")],
)  # fmt: skip
def test_banister_rejects_bad_input(kwargs: dict[str, object], name: str) -> None:
    args: dict[str, object] = {"daily_impulse": [100.0], "p0": 500, "k1": 1, "k2": 2,
                               "tau1": 27, "tau2": 10, **kwargs}  # fmt: skip
    with pytest.raises(ValueError, match=name):
        banister(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"k1": 0}, "k1"), ({"tau2": -1}, "tau2"), ({"tau1": 10}, "tau1"), ({"tau1": 5}, "tau1")],
)
def test_banister_times_rejects_bad_input(kwargs: dict[str, float], name: str) -> None:
    args = {"k1": 1.0, "k2": 2.0, "tau1": 27.0, "tau2": 10.0, **kwargs}
    with pytest.raises(ValueError, match=name):
        banister_times(**args)


# --------------------------------------------------------------------------------------
# PMC (checklist 5, 6)
# --------------------------------------------------------------------------------------


def test_pmc_exp_vectors() -> None:
    days = pmc([100.0] * 84)
    assert days[0].ctl == pytest.approx(2.352831, abs=1e-5)
    assert days[0].atl == pytest.approx(13.312210, abs=1e-5)
    assert days[41].ctl == pytest.approx(63.212056, abs=1e-5)
    assert days[6].atl == pytest.approx(63.212056, abs=1e-5)
    assert days[13].ctl == pytest.approx(28.3469, abs=1e-4)
    assert days[83].atl == pytest.approx(99.9994, abs=1e-4)
    for d in (1, 7, 42, 84):
        assert days[d - 1].ctl == pytest.approx(100 * (1 - math.exp(-d / 42)), abs=1e-9)


def test_pmc_linear_vectors() -> None:
    days = pmc([100.0] * 42, form="linear")
    assert days[0].ctl == pytest.approx(2.380952, abs=1e-6)
    assert days[0].atl == pytest.approx(14.285714, abs=1e-6)
    assert days[6].atl == pytest.approx(66.0083, abs=1e-4)
    assert days[41].ctl == pytest.approx(63.6544, abs=1e-4)
    assert pmc([100.0], form=PmcForm.LINEAR) == days[:1]


def test_pmc_tsb_timing() -> None:
    today = pmc([100.0] * 2, tsb=TsbTiming.TODAY)
    tomorrow = pmc([100.0] * 2)
    assert today[0].tsb == pytest.approx(-10.9594, abs=1e-4)
    assert today[1].tsb == pytest.approx(-20.2020, abs=1e-4)
    assert tomorrow[0].tsb == 0.0
    assert tomorrow[1].tsb == pytest.approx(today[0].tsb)


def test_pmc_taper_and_single_impulse() -> None:
    taper = pmc([100.0] * 42 + [0.0] * 7, tsb="today")[-1]
    assert (taper.ctl, taper.atl, taper.tsb) == pytest.approx((53.5079, 36.6968, 16.8111), abs=1e-4)
    single = pmc([100.0] + [0.0] * 41)
    assert (single[7].ctl, single[7].atl) == pytest.approx((1.9916, 4.8973), abs=1e-4)
    assert (single[41].ctl, single[41].atl) == pytest.approx((0.8864, 0.0381), abs=1e-4)


def test_pmc_seed_is_steady_state() -> None:
    days = pmc([50.0] * 5, seed=50)
    assert all(d.ctl == pytest.approx(50) and d.atl == pytest.approx(50) for d in days)
    assert all(d.tsb == pytest.approx(0) for d in days)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"ctl_days": 0}, "ctl_days"), ({"atl_days": -7}, "atl_days"), ({"seed": -1}, "seed"),
     ({"form": "ewma"}, "form"), ({"tsb": "yesterday"}, "tsb"),
     ({"form": "linear", "atl_days": 0.5}, "atl_days"),
     ({"daily_stress": [1.0, math.nan]}, r"daily_stress\[1\]")],
)  # fmt: skip
def test_pmc_rejects_bad_input(kwargs: dict[str, object], name: str) -> None:
    args: dict[str, object] = {"daily_stress": [100.0], **kwargs}
    with pytest.raises(ValueError, match=name):
        pmc(**args)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# ACWR (checklist 7, 8)
# --------------------------------------------------------------------------------------


def test_acwr_ewma_vector() -> None:
    days = acwr_ewma(ACWR_SERIES)
    assert len(days) == 28
    last = days[-1]
    assert last.acute == pytest.approx(47.330322, abs=1e-6)
    assert last.chronic == pytest.approx(37.871967, abs=1e-6)
    assert last.ratio == pytest.approx(1.249746, abs=1e-6)
    assert days[20] == AcwrDay(30.0, 30.0, 1.0)
    assert days[21].ratio == pytest.approx(1.115385, abs=1e-6)


def test_acwr_ewma_zero_chronic_has_no_ratio() -> None:
    assert acwr_ewma([0.0, 0.0])[1].ratio is None
    assert acwr_ewma([]) == ()


def test_acwr_rolling_vectors() -> None:
    coupled = acwr_rolling(ACWR_SERIES)
    uncoupled = acwr_rolling(ACWR_SERIES, coupled=False)
    assert coupled[:27] == (None,) * 27
    assert uncoupled[:27] == (None,) * 27
    assert coupled[27] is not None
    assert uncoupled[27] is not None
    assert (coupled[27].acute, coupled[27].chronic) == (50.0, 35.0)
    assert coupled[27].ratio == pytest.approx(1.428571, abs=1e-6)
    assert (uncoupled[27].acute, uncoupled[27].chronic) == (50.0, 30.0)
    assert uncoupled[27].ratio == pytest.approx(1.666667, abs=1e-6)


def test_acwr_rolling_zero_chronic_has_no_ratio() -> None:
    result = acwr_rolling([0.0] * 28)[-1]
    assert result == AcwrDay(0.0, 0.0, None)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"acute": 0}, "acute"), ({"chronic": 2.5}, "chronic"), ({"acute": 28}, "acute"),
     ({"daily_loads": [1.0, -2.0]}, r"daily_loads\[1\]")],
)  # fmt: skip
@pytest.mark.parametrize("func", [acwr_ewma, acwr_rolling])
def test_acwr_rejects_bad_input(func: object, kwargs: dict[str, object], name: str) -> None:
    args: dict[str, object] = {"daily_loads": ACWR_SERIES, **kwargs}
    with pytest.raises(ValueError, match=name):
        func(**args)  # type: ignore[operator]
