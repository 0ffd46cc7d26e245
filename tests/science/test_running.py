"""Tests for runlift.science.running against the vectors of the science spec (sections 6, 11)."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from runlift.science.running import (
    DEFAULT_PACE_METHOD,
    RACE_DISTANCES_M,
    PaceMethod,
    PredictMethod,
    TrainingPaces,
    cameron,
    equivalent_time,
    format_duration,
    format_pace,
    fraction_of_vo2max,
    oxygen_cost,
    parse_duration,
    predict_time,
    race_distance_m,
    race_duration_in_valid_range,
    riegel,
    training_paces,
    vdot,
    velocity_at_vo2max,
    velocity_for_oxygen_cost,
)

FIVE_K = 5000.0
TEN_K = 10000.0
HALF = 21097.5
MARATHON = 42195.0


def hms(text: str) -> float:
    """Independent tiny parser for test data, so the tests do not depend on parse_duration."""
    total = 0.0
    for field in text.split(":"):
        total = total * 60 + float(field)
    return total


# --------------------------------------------------------------------------------------
# Race distances
# --------------------------------------------------------------------------------------


def test_race_distances_constant() -> None:
    assert RACE_DISTANCES_M == {
        "5k": 5000.0,
        "10k": 10000.0,
        "half": 21097.5,
        "marathon": 42195.0,
    }


@pytest.mark.parametrize(
    ("name", "metres"),
    [
        ("5k", 5000.0),
        ("5 KM", 5000.0),
        ("10k", 10000.0),
        ("10km", 10000.0),
        ("half", 21097.5),
        ("Half Marathon", 21097.5),
        ("half_marathon", 21097.5),
        ("half-marathon", 21097.5),
        ("HM", 21097.5),
        ("marathon", 42195.0),
        (" Marathon ", 42195.0),
        ("mile", 1609.344),
        ("1500m", 1500.0),
    ],
)
def test_race_distance_m_aliases(name: str, metres: float) -> None:
    assert race_distance_m(name) == metres


def test_race_distance_m_unknown_lists_known_names() -> None:
    with pytest.raises(ValueError, match=r"unknown race distance 'ultra'") as info:
        race_distance_m("ultra")
    for known in ("5k", "10k", "half", "marathon", "mile", "1500m"):
        assert known in str(info.value)


# --------------------------------------------------------------------------------------
# Daniels-Gilbert building blocks (H1)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("distance_m", "time", "fraction", "cost", "expected_vdot"),
    [
        (FIVE_K, "20:00", 0.952983, 47.4645, 49.806),
        (TEN_K, "40:00", 0.913761, 47.4645, 51.944),
        (MARATHON, "3:00:00", 0.818992, 43.8392, 53.528),
    ],
)
def test_h1_vectors(
    distance_m: float, time: str, fraction: float, cost: float, expected_vdot: float
) -> None:
    seconds = hms(time)
    minutes = seconds / 60
    assert fraction_of_vo2max(minutes) == pytest.approx(fraction, abs=1e-6)
    assert oxygen_cost(distance_m / minutes) == pytest.approx(cost, abs=1e-4)
    assert vdot(distance_m, seconds) == pytest.approx(expected_vdot, abs=1e-3)


def test_checklist_19_vdot_5k_20min() -> None:
    assert vdot(5000, 20 * 60) == pytest.approx(49.806, abs=1e-3)


def test_checklist_20_vdot_5k_24_34_tlgs() -> None:
    assert vdot(5000, 24 * 60 + 34) == pytest.approx(39.110398, abs=1e-6)


def test_velocity_at_vo2max_h2() -> None:
    assert velocity_at_vo2max(40) == pytest.approx(217.49, abs=0.01)
    assert velocity_at_vo2max(50) == pytest.approx(260.71, abs=0.01)
    assert velocity_at_vo2max(60) == pytest.approx(302.41, abs=0.01)


def test_velocity_for_oxygen_cost_matches_spec_closed_form() -> None:
    # The spec writes the inverse with the rounded discriminant constant 0.033218.
    for vo2 in (10.0, 30.0, 47.4645, 80.0):
        spec = (-0.182258 + math.sqrt(0.033218 - 0.000416 * (-4.6 - vo2))) / 0.000208
        assert velocity_for_oxygen_cost(vo2) == pytest.approx(spec, abs=0.01)


@given(st.floats(min_value=30.0, max_value=600.0))
def test_velocity_for_oxygen_cost_inverts_oxygen_cost(velocity: float) -> None:
    assert velocity_for_oxygen_cost(oxygen_cost(velocity)) == pytest.approx(velocity, rel=1e-9)


def test_fraction_of_vo2max_above_one_for_short_races() -> None:
    assert fraction_of_vo2max(5.0) > 1.0
    assert fraction_of_vo2max(60.0) < 1.0


# --------------------------------------------------------------------------------------
# Published table (Daniels' Running Formula, 3rd ed.) — spec 6.2 and checklist 21/22
# --------------------------------------------------------------------------------------

RACE_TABLE = [
    # VDOT, 5 km, 10 km, half, marathon
    (30, "30:40", "63:46", "2:21:04", "4:49:17"),
    (38, "25:12", "52:17", "1:55:55", "3:59:35"),
    (40, "24:08", "50:03", "1:50:59", "3:49:45"),
    (49, "20:18", "42:04", "1:33:12", "3:14:06"),
    (50, "19:57", "41:21", "1:31:35", "3:10:49"),
    (60, "17:03", "35:22", "1:18:09", "2:43:25"),
    (70, "14:55", "31:00", "1:08:21", "2:23:10"),
    (85, "12:37", "26:19", "0:57:50", "2:01:10"),
]
DISTANCES = (FIVE_K, TEN_K, HALF, MARATHON)
# Spec 6.2 gives 1.8 / 3.0 / 13.2 / 31.9 s: the maxima over all 56 table rows, rounded to
# 0.1 s. The half-marathon maximum (VDOT 30) is really 13.218 s, so it is rounded up here.
TIME_TOLERANCE_S = (1.8, 3.0, 13.25, 31.9)


@pytest.mark.parametrize("row", RACE_TABLE, ids=lambda row: f"vdot{row[0]}")
def test_table_vdot_from_table_times(row: tuple[int, str, str, str, str]) -> None:
    table_vdot, *times = row
    for distance, time in zip(DISTANCES, times, strict=True):
        assert abs(vdot(distance, hms(time)) - table_vdot) <= 0.12


@pytest.mark.parametrize("row", RACE_TABLE, ids=lambda row: f"vdot{row[0]}")
def test_table_equivalent_times(row: tuple[int, str, str, str, str]) -> None:
    table_vdot, *times = row
    for distance, time, tolerance in zip(DISTANCES, times, TIME_TOLERANCE_S, strict=True):
        assert abs(equivalent_time(table_vdot, distance) - hms(time)) <= tolerance


@pytest.mark.parametrize(
    ("distance", "expected"),
    [(FIVE_K, "19:56"), (TEN_K, "41:20"), (HALF, "1:31:31"), (MARATHON, "3:10:40")],
)
def test_checklist_22_equivalent_times_vdot50(distance: float, expected: str) -> None:
    assert format_duration(equivalent_time(50, distance)) == expected


def test_equivalent_time_is_precise() -> None:
    # The root must satisfy the Daniels-Gilbert equation, not just be near it.
    seconds = equivalent_time(50, TEN_K)
    assert vdot(TEN_K, seconds) == pytest.approx(50, abs=1e-6)
    assert vdot(TEN_K, seconds + 0.01) < 50 < vdot(TEN_K, seconds - 0.01)


@given(
    distance=st.floats(min_value=800.0, max_value=50_000.0),
    speed=st.floats(min_value=100.0, max_value=400.0),  # m/min
)
def test_equivalent_time_inverts_vdot(distance: float, speed: float) -> None:
    seconds = distance / speed * 60
    value = vdot(distance, seconds)
    assume(10 <= value <= 100)
    assert equivalent_time(value, distance) == pytest.approx(seconds, abs=0.05)


@given(
    value=st.floats(min_value=10.0, max_value=100.0),
    short=st.floats(min_value=400.0, max_value=40_000.0),
    extra=st.floats(min_value=1.0, max_value=40_000.0),
)
def test_equivalent_time_increases_with_distance(value: float, short: float, extra: float) -> None:
    assert equivalent_time(value, short) < equivalent_time(value, short + extra)


def test_race_duration_in_valid_range() -> None:
    assert race_duration_in_valid_range(20 * 60)
    assert not race_duration_in_valid_range(3 * 60)
    assert not race_duration_in_valid_range(4 * 3600)


# --------------------------------------------------------------------------------------
# Training paces (H2, checklist 23)
# --------------------------------------------------------------------------------------

# VDOT: (easy fast, easy slow, M, T) per km; I and R per 400 m, from the book's table.
PACE_TABLE = {
    40: ("5:56", "6:38", "5:29", "5:06", 112, 104),
    50: ("4:56", "5:34", "4:31", "4:15", 93, 87),
    60: ("4:15", "4:49", "3:52", "3:40", 81, 75),
}


@pytest.mark.parametrize("level", sorted(PACE_TABLE))
def test_default_paces_match_published_table(level: int) -> None:
    easy_fast, easy_slow, marathon, threshold, interval_400, repetition_400 = PACE_TABLE[level]
    paces = training_paces(level)
    assert paces.vdot == level
    assert hms(easy_fast) <= paces.easy[0] < paces.easy[1] <= hms(easy_slow)
    assert paces.marathon == pytest.approx(hms(marathon), abs=6)
    assert paces.threshold == pytest.approx(hms(threshold), abs=5)
    assert paces.interval == pytest.approx(interval_400 * 2.5, abs=5)
    assert paces.repetition == pytest.approx(repetition_400 * 2.5, abs=5)


@pytest.mark.parametrize(
    ("level", "threshold", "interval_400", "repetition_400", "marathon"),
    [
        (40, 306.5, 112.6, 105.1, 324.6),
        (50, 255.7, 93.9, 87.7, 270.8),
        (60, 220.4, 81.0, 75.6, 233.4),
    ],
)
def test_goldencheetah_paces_computed_vectors(
    level: int, threshold: float, interval_400: float, repetition_400: float, marathon: float
) -> None:
    paces = training_paces(level, PaceMethod.GOLDENCHEETAH)
    assert paces.method is PaceMethod.GOLDENCHEETAH
    assert paces.threshold == pytest.approx(threshold, abs=0.06)
    assert paces.interval_per_400m == pytest.approx(interval_400, abs=0.06)
    assert paces.repetition_per_400m == pytest.approx(repetition_400, abs=0.06)
    assert paces.repetition_per_200m == pytest.approx(repetition_400 / 2, abs=0.03)
    assert paces.marathon == pytest.approx(marathon, abs=0.06)


def test_default_pace_method_is_goldencheetah() -> None:
    assert DEFAULT_PACE_METHOD is PaceMethod.GOLDENCHEETAH
    assert training_paces(50).method is PaceMethod.GOLDENCHEETAH


@pytest.mark.parametrize("level", [30, 45, 50, 70, 85])
def test_table_fit_paces_use_fractions_of_vdot(level: int) -> None:
    paces = training_paces(level, PaceMethod.TABLE_FIT)
    assert paces.method is PaceMethod.TABLE_FIT
    for pace, fraction in (
        (paces.easy[0], 0.7346),
        (paces.easy[1], 0.6304),
        (paces.marathon, 0.8251),
        (paces.threshold, 0.8799),
        (paces.interval, 0.9743),
        (paces.repetition, 1.089),
    ):
        assert oxygen_cost(60_000 / pace) == pytest.approx(level * fraction, rel=1e-9)


@pytest.mark.parametrize("level", sorted(PACE_TABLE))
def test_table_fit_threshold_and_interval_within_tolerance(level: int) -> None:
    _, _, _, threshold, interval_400, repetition_400 = PACE_TABLE[level]
    paces = training_paces(level, PaceMethod.TABLE_FIT)
    assert paces.threshold == pytest.approx(hms(threshold), abs=5)
    assert paces.interval == pytest.approx(interval_400 * 2.5, abs=5)
    assert paces.repetition == pytest.approx(repetition_400 * 2.5, abs=5)


def test_table_fit_misses_the_checks_that_decided_the_default() -> None:
    # Documents why GOLDENCHEETAH is the default (docs/science.md): at VDOT 40 the
    # table-fit marathon pace is more than 6 s/km off and its easy band leaves the table.
    paces = training_paces(40, PaceMethod.TABLE_FIT)
    assert abs(paces.marathon - hms("5:29")) > 6
    assert paces.easy[0] < hms("5:56")


@given(st.floats(min_value=10.0, max_value=100.0), st.sampled_from(list(PaceMethod)))
def test_paces_are_ordered(level: float, method: PaceMethod) -> None:
    paces = training_paces(level, method)
    assert paces.easy[1] > paces.easy[0] > paces.marathon > paces.threshold
    assert paces.threshold > paces.interval > paces.repetition


@given(st.floats(min_value=10.0, max_value=99.0))
def test_paces_get_faster_with_vdot(level: float) -> None:
    assert training_paces(level + 1).threshold < training_paces(level).threshold


def test_training_paces_accepts_method_as_string() -> None:
    assert training_paces(50, "table_fit").method is PaceMethod.TABLE_FIT  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [9.9, 100.5, -5.0, float("nan")])
def test_training_paces_rejects_vdot_out_of_range(bad: float) -> None:
    with pytest.raises(ValueError, match=r"vdot must be between 10 and 100, got"):
        training_paces(bad)


def test_training_paces_dataclass_is_frozen_and_validated() -> None:
    paces = training_paces(50)
    with pytest.raises(AttributeError):
        paces.threshold = 1.0  # type: ignore[misc]
    with pytest.raises(ValueError, match=r"easy must be \(fast, slow\)"):
        TrainingPaces(50, (330.0, 300.0), 270.0, 255.0, 235.0, 220.0)
    with pytest.raises(ValueError, match=r"threshold must be > 0, got 0"):
        TrainingPaces(50, (300.0, 330.0), 270.0, 0.0, 235.0, 220.0)


# --------------------------------------------------------------------------------------
# Riegel and Cameron (checklist 24/25)
# --------------------------------------------------------------------------------------


def test_checklist_24_riegel_400_to_800() -> None:
    assert riegel(60, 400, 800) == pytest.approx(125.096, abs=1e-3)
    assert riegel(60, 400, 800) == pytest.approx(125, abs=0.5)  # open-source test value


def test_riegel_custom_exponent() -> None:
    assert riegel(100, 1000, 2000, exponent=1.0) == pytest.approx(200)
    assert riegel(100, 1000, 2000, exponent=1.1) == pytest.approx(100 * 2**1.1)


def test_checklist_25_cameron_800_to_1500() -> None:
    assert cameron(115, 800, 1500) == pytest.approx(238.235, abs=1e-3)
    assert cameron(115, 800, 1500) == pytest.approx(238.48, abs=0.5)  # open-source test value


@pytest.mark.parametrize(
    ("to_m", "riegel_time", "cameron_time"),
    [
        (TEN_K, "41:42", "41:40"),
        (HALF, "1:32:00", "1:31:51"),
        (MARATHON, "3:11:49", "3:15:11"),
    ],
)
def test_predictions_from_5k_20min(to_m: float, riegel_time: str, cameron_time: str) -> None:
    assert format_duration(riegel(1200, FIVE_K, to_m)) == riegel_time
    assert format_duration(cameron(1200, FIVE_K, to_m)) == cameron_time
    assert format_duration(predict_time(1200, FIVE_K, to_m, PredictMethod.RIEGEL)) == riegel_time
    assert format_duration(predict_time(1200, FIVE_K, to_m, PredictMethod.CAMERON)) == cameron_time


def test_predict_time_vdot_method() -> None:
    # 5 km in 19:57 is the VDOT 50 row; the marathon equivalent must follow the formula.
    predicted = predict_time(hms("19:57"), FIVE_K, MARATHON, PredictMethod.VDOT)
    assert predicted == pytest.approx(equivalent_time(vdot(FIVE_K, hms("19:57")), MARATHON))
    assert abs(predicted - hms("3:10:49")) <= 31.9
    assert predict_time(hms("19:57"), FIVE_K, MARATHON) == predicted  # VDOT is the default


def test_predict_same_distance_returns_same_time() -> None:
    for method in PredictMethod:
        assert predict_time(1500.0, TEN_K, TEN_K, method) == pytest.approx(1500.0, abs=0.01)


@given(
    method=st.sampled_from(list(PredictMethod)),
    speed=st.floats(min_value=180.0, max_value=350.0),
    from_m=st.floats(min_value=1500.0, max_value=42_195.0),
    near=st.floats(min_value=1500.0, max_value=42_195.0),
    extra=st.floats(min_value=10.0, max_value=20_000.0),
)
def test_predicted_time_increases_with_distance(
    method: PredictMethod, speed: float, from_m: float, near: float, extra: float
) -> None:
    time_s = from_m / speed * 60
    assert predict_time(time_s, from_m, near, method) < predict_time(
        time_s, from_m, near + extra, method
    )


def test_cameron_rejects_distance_beyond_model() -> None:
    with pytest.raises(ValueError, match=r"to_m is beyond the range of Cameron's model"):
        cameron(1200, 5000, 500_000)


# --------------------------------------------------------------------------------------
# Formatting and parsing
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (1197, "19:57"),
        (5495, "1:31:35"),
        (0, "0:00"),
        (59.4, "0:59"),
        (59.5, "1:00"),
        (3599.6, "1:00:00"),
        (36000, "10:00:00"),
        (11439.74, "3:10:40"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


@pytest.mark.parametrize(("seconds", "text"), [(340, "5:40"), (255.7, "4:16"), (59.9, "1:00")])
def test_format_pace(seconds: float, text: str) -> None:
    assert format_pace(seconds) == text


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("23:40", 1420),
        ("1:31:35", 5495),
        ("95", 95),
        ("63:46", 3826),
        ("0:57:50", 3470),
        (" 19:57 ", 1197),
        ("23:40.5", 1420.5),
        ("12.25", 12.25),
    ],
)
def test_parse_duration(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    "text",
    ["", "   ", "-5", "12:75", "1:75:00", "1:2:3:4", "abc", "12:", ":30", "1:5", "1:05:7", "1e3"],
)
def test_parse_duration_rejects(text: str) -> None:
    with pytest.raises(ValueError, match=r"invalid duration") as info:
        parse_duration(text)
    assert repr(text) in str(info.value)


@given(st.integers(min_value=0, max_value=100 * 3600))
def test_parse_format_round_trip(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds


# --------------------------------------------------------------------------------------
# Error messages
# --------------------------------------------------------------------------------------


def test_vdot_rejects_non_positive_inputs() -> None:
    with pytest.raises(ValueError, match=r"^distance_m must be > 0, got -5$"):
        vdot(-5, 1200)
    with pytest.raises(ValueError, match=r"^time_s must be > 0, got 0$"):
        vdot(5000, 0)


def test_vdot_rejects_walking_pace_outside_model() -> None:
    with pytest.raises(ValueError, match=r"pace too slow"):
        vdot(1000, 3600)  # about 17 m/min


def test_equivalent_time_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match=r"^vdot must be between 10 and 100, got 120$"):
        equivalent_time(120, 5000)
    with pytest.raises(ValueError, match=r"^distance_m must be > 0, got 0$"):
        equivalent_time(50, 0)


def test_predict_time_vdot_out_of_range() -> None:
    # 5 km in 3 hours is a VDOT of about 5: outside the accepted range.
    with pytest.raises(ValueError, match=r"vdot must be between 10 and 100"):
        predict_time(3 * 3600, FIVE_K, TEN_K, PredictMethod.VDOT)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: riegel(-1, 400, 800), r"^time_s must be > 0, got -1$"),
        (lambda: riegel(60, 0, 800), r"^from_m must be > 0, got 0$"),
        (lambda: riegel(60, 400, 800, exponent=0), r"^exponent must be > 0, got 0$"),
        (lambda: cameron(60, 400, -800), r"^to_m must be > 0, got -800$"),
        (lambda: oxygen_cost(0), r"^velocity_m_per_min must be > 0, got 0$"),
        (lambda: velocity_for_oxygen_cost(-1), r"^vo2 must be > 0, got -1$"),
        (lambda: fraction_of_vo2max(float("inf")), r"^duration_min must be > 0, got inf$"),
        (lambda: velocity_at_vo2max(0), r"^vdot must be > 0, got 0$"),
        (lambda: format_duration(-1), r"^seconds must be a finite number >= 0, got -1$"),
        (lambda: format_pace(0), r"^seconds_per_km must be > 0, got 0$"),
    ],
)
def test_error_messages(call: object, message: str) -> None:
    assert callable(call)
    with pytest.raises(ValueError, match=message):
        call()


def test_predict_time_rejects_unknown_method() -> None:
    with pytest.raises(ValueError, match=r"'nonsense' is not a valid PredictMethod"):
        predict_time(1200, 5000, 10000, "nonsense")  # type: ignore[arg-type]
