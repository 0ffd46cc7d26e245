"""Time in Edwards heart-rate zones and Daniels pace zones, per run."""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.analysis.sessions import Session
from runlift.analysis.zones import HR_ZONE_LABELS, PACE_ZONES, RunZones, run_zones
from runlift.model.activity import Streams
from runlift.science.running import TrainingPaces, training_paces
from tests.analysis.builders import lift, run

DAY = date(2024, 3, 4)
MAX_HR = 190.0
PACES = training_paces(50)  # GoldenCheetah fractions; speeds below in m/s
# VDOT 50 speeds (m/s): easy 3.085-3.346, marathon 3.693, threshold 3.911, interval 4.258,
# repetition 4.562. Midpoints: easy|M 3.519, M|T 3.802, T|I 4.084, I|R 4.410.


def _segments(*parts: tuple[float, float | None, float | None]) -> Streams:
    """A 1 Hz stream from ``(seconds, heart_rate, speed)`` segments; None = NaN sample."""
    hr: list[float] = []
    speed: list[float] = []
    for seconds, bpm, mps in parts:
        count = int(seconds)
        hr += [math.nan if bpm is None else bpm] * count
        speed += [math.nan if mps is None else mps] * count
    return Streams(
        tuple(float(t) for t in range(len(hr))), heart_rate=tuple(hr), speed_mps=tuple(speed)
    )


def _one(
    streams: Streams | None, max_hr: float | None = MAX_HR, paces: TrainingPaces | None = PACES
) -> RunZones:
    [zones] = run_zones([run(DAY, streams=streams, ident=7)], max_hr, paces)
    return zones


def test_public_labels() -> None:
    assert HR_ZONE_LABELS == ("50-60 %", "60-70 %", "70-80 %", "80-90 %", "90-100 %")
    assert PACE_ZONES == ("below-easy", "easy", "marathon", "threshold", "interval", "repetition")


# --------------------------------------------------------------------------------------
# Heart-rate zones (Edwards)
# --------------------------------------------------------------------------------------


def test_ten_minutes_at_65_then_twenty_at_85_percent() -> None:
    zones = _one(_segments((600, 0.65 * MAX_HR, 3.0), (1200, 0.85 * MAX_HR, 3.0)))
    assert zones.day == DAY and zones.activity_id == 7
    # 1 Hz samples weigh 1 s each, except the first and last which weigh half a second.
    assert zones.hr_minutes == pytest.approx((0, 599.5 / 60, 0, 1199.5 / 60, 0), abs=1e-12)
    assert zones.hr_minutes == pytest.approx((0, 10, 0, 20, 0), abs=1 / 60)
    assert zones.edwards_trimp == pytest.approx(2 * 599.5 / 60 + 4 * 1199.5 / 60, abs=1e-9)
    assert zones.edwards_trimp == pytest.approx(100, abs=0.1)


def test_zone_boundaries_belong_to_the_upper_zone() -> None:
    # max 190: 50 % = 95, 60 % = 114, 70 % = 133, 80 % = 152, 90 % = 171.
    cases = {
        94.9: None,  # below 50 %: not counted
        95.0: 0,
        113.9: 0,
        114.0: 1,
        133.0: 2,
        152.0: 3,
        170.9: 3,
        171.0: 4,
        190.0: 4,  # at max
        200.0: 4,  # above the stated max: still the top zone
    }
    for bpm, expected in cases.items():
        # Two samples 10 s apart: 10 s at this heart rate in all.
        zones = _one(Streams((0.0, 10.0), heart_rate=(bpm, bpm)))
        minutes = [0.0] * 5
        if expected is not None:
            minutes[expected] = 10 / 60
        assert zones.hr_minutes == pytest.approx(tuple(minutes)), bpm


def test_all_time_below_half_max_gives_zero_minutes_not_empty() -> None:
    zones = _one(_segments((300, 80.0, 2.0)))
    assert zones.hr_minutes == (0.0, 0.0, 0.0, 0.0, 0.0)
    assert zones.edwards_trimp == 0.0


def test_gaps_longer_than_thirty_seconds_count_thirty() -> None:
    # An auto-pause of 10 minutes between two samples: 15 s each side, 30 s in all.
    zones = _one(Streams((0.0, 600.0), heart_rate=(124.0, 124.0)))
    assert zones.hr_minutes == pytest.approx((0, 0.5, 0, 0, 0))


def test_samples_out_of_time_order_are_sorted() -> None:
    zones = _one(Streams((20.0, 0.0, 10.0), heart_rate=(124.0, 124.0, 160.0)))
    # Sorted: t=0 (124, 5 s), t=10 (160, 10 s), t=20 (124, 5 s).
    assert zones.hr_minutes == pytest.approx((0, 10 / 60, 0, 10 / 60, 0))


def test_implausible_heart_rates_are_missing() -> None:
    # 250 bpm would otherwise land in the top zone, 20 bpm would be dropped anyway; the
    # NaN, infinite and negative samples must not count either.
    bad = (250.0, math.nan, math.inf, -160.0, 20.0)
    streams = Streams(
        tuple(float(t) for t in range(12)),
        heart_rate=(160.0, 160.0, 160.0, 160.0, 160.0, 160.0, 160.0, *bad),
    )
    zones = _one(streams)
    # Samples 0..6 at 160 bpm (84 %): 0.5 + 6 x 1 s.
    assert zones.hr_minutes == pytest.approx((0, 0, 0, 6.5 / 60, 0))


@pytest.mark.parametrize("max_hr", [None, 0.0, -190.0, math.nan, math.inf])
def test_no_usable_max_hr_empties_the_heart_rate_half(max_hr: float | None) -> None:
    zones = _one(_segments((600, 150.0, 3.2)), max_hr=max_hr)
    assert zones.hr_minutes == ()
    assert zones.edwards_trimp is None
    assert zones.pace_minutes["easy"] == pytest.approx(599 / 60)


@pytest.mark.parametrize(
    "heart_rate",
    [None, (math.nan, math.nan, math.nan), (10.0, 300.0, -5.0), (150.0, 150.0)],
    ids=["absent", "all-nan", "all-implausible", "wrong-length"],
)
def test_no_usable_heart_rate_stream(heart_rate: tuple[float, ...] | None) -> None:
    streams = Streams((0.0, 1.0, 2.0), heart_rate=heart_rate, speed_mps=(3.2, 3.2, 3.2))
    zones = _one(streams)
    assert zones.hr_minutes == ()
    assert zones.edwards_trimp is None
    assert zones.pace_minutes["easy"] == pytest.approx(2 / 60)


# --------------------------------------------------------------------------------------
# Pace zones (Daniels)
# --------------------------------------------------------------------------------------


def test_constant_speed_segments_land_in_their_zones() -> None:
    zones = _one(
        _segments(
            (601, 150.0, 2.5),  # below easy (slower than 3.085 m/s)
            (600, 150.0, 3.2),  # easy
            (300, 150.0, 3.7),  # marathon
            (300, 150.0, 3.9),  # threshold
            (180, 150.0, 4.25),  # interval
            (120, 150.0, 4.6),  # repetition
            (120, 150.0, 0.3),  # stopped: not counted
        )
    )
    # Each sample weighs 1 s, the very first 0.5 s; the segment before the stop keeps its
    # full weight, the stop's samples (including the last, 0.5 s) are dropped.
    expected = {
        "below-easy": 600.5 / 60,
        "easy": 10.0,
        "marathon": 5.0,
        "threshold": 5.0,
        "interval": 3.0,
        "repetition": 2.0,
    }
    assert list(zones.pace_minutes) == list(PACE_ZONES)
    assert zones.pace_minutes == pytest.approx(expected)


@pytest.mark.parametrize(
    ("speed", "zone"),
    [
        (1000 / PACES.easy[1] - 1e-6, "below-easy"),
        (1000 / PACES.easy[1], "easy"),  # the easy range includes its bounds
        (1000 / PACES.easy[0], "easy"),
        (1000 / PACES.marathon, "marathon"),
        (1000 / PACES.threshold, "threshold"),
        (1000 / PACES.interval, "interval"),
        (1000 / PACES.repetition, "repetition"),
        (3.515, "easy"),  # nearer easy in speed, though nearer marathon in s/km
        (3.525, "marathon"),
        (3.80, "marathon"),
        (3.81, "threshold"),
        (4.08, "threshold"),
        (4.09, "interval"),
        (4.40, "interval"),
        (4.42, "repetition"),
        (9.0, "repetition"),  # fast strides: the fastest zone, not dropped
        (0.6, "below-easy"),  # a walk that is not a stop
    ],
)
def test_nearest_pace_in_speed(speed: float, zone: str) -> None:
    zones = _one(Streams((0.0, 60.0), speed_mps=(speed, speed)))
    expected = dict.fromkeys(PACE_ZONES, 0.0)
    expected[zone] = 0.5  # two samples 60 s apart, gap capped at 30 s
    assert zones.pace_minutes == pytest.approx(expected)


def test_the_easy_mid_point_case_in_pace_and_speed() -> None:
    # Guards the documented choice: 3.515 m/s is 284.5 s/km, nearer the marathon pace
    # (270.8) than the easy range (298.9) in s/km, but nearer easy in speed.
    fast_easy, marathon = 1000 / PACES.easy[0], 1000 / PACES.marathon
    assert abs(1000 / 3.515 - PACES.marathon) < abs(1000 / 3.515 - PACES.easy[0])
    assert 3.515 - fast_easy < marathon - 3.515


def test_hand_entered_paces_out_of_order_still_pick_the_nearest() -> None:
    # Marathon entered faster than threshold: each speed still goes to the nearest pace.
    paces = TrainingPaces(
        vdot=50,
        easy=(300.0, 330.0),
        marathon=240.0,
        threshold=260.0,
        interval=230.0,
        repetition=215.0,
    )
    zones = _one(Streams((0.0, 60.0), speed_mps=(1000 / 240, 1000 / 240)), paces=paces)
    assert zones.pace_minutes["marathon"] == pytest.approx(0.5)
    zones = _one(Streams((0.0, 60.0), speed_mps=(1000 / 260, 1000 / 260)), paces=paces)
    assert zones.pace_minutes["threshold"] == pytest.approx(0.5)


def test_bad_speed_samples_are_skipped() -> None:
    speeds = (3.2, 3.2, 3.2, math.nan, -3.2, math.inf, 50.0, 3.2)
    zones = _one(Streams(tuple(float(t) for t in range(8)), speed_mps=speeds))
    # Valid: samples 0, 1, 2 and 7 -> 0.5 + 1 + 1 + 0.5 s.
    assert zones.pace_minutes == pytest.approx({**dict.fromkeys(PACE_ZONES, 0.0), "easy": 3 / 60})


def test_a_run_that_never_moves_has_zero_pace_minutes() -> None:
    zones = _one(Streams((0.0, 1.0, 2.0), speed_mps=(0.0, 0.2, 0.49)))
    assert zones.pace_minutes == dict.fromkeys(PACE_ZONES, 0.0)


@pytest.mark.parametrize(
    "speed",
    [None, (math.nan, math.nan, math.nan), (-1.0, -2.0, math.nan), (3.0, 3.0)],
    ids=["absent", "all-nan", "all-invalid", "wrong-length"],
)
def test_no_usable_speed_stream(speed: tuple[float, ...] | None) -> None:
    zones = _one(Streams((0.0, 1.0, 2.0), heart_rate=(124.0, 124.0, 124.0), speed_mps=speed))
    assert zones.pace_minutes == {}
    assert zones.hr_minutes == pytest.approx((0, 2 / 60, 0, 0, 0))


def test_no_paces_empties_the_pace_half() -> None:
    zones = _one(_segments((60, 124.0, 3.2)), paces=None)
    assert zones.pace_minutes == {}
    assert zones.hr_minutes == pytest.approx((0, 59 / 60, 0, 0, 0))


# --------------------------------------------------------------------------------------
# Which sessions, and hostile inputs
# --------------------------------------------------------------------------------------


def test_only_runs_with_streams_in_calendar_order() -> None:
    streams = _segments((60, 124.0, 3.2))
    later = run(date(2024, 3, 6), streams=streams, ident=3)
    earlier = run(DAY, streams=streams, ident=9)
    same_day = run(DAY, streams=streams, ident=4)
    sessions = [
        later,
        lift(DAY, ident=1),
        run(DAY, streams=None, ident=2),  # no streams: skipped entirely
        run(DAY, streams=Streams(()), ident=5),  # empty streams
        run(DAY, streams=Streams((math.nan, math.nan), heart_rate=(124.0, 124.0)), ident=6),
        earlier,
        same_day,
    ]
    result = run_zones(sessions, MAX_HR, PACES)
    assert [(z.day, z.activity_id) for z in result] == [
        (DAY, 4),
        (DAY, 9),
        (date(2024, 3, 6), 3),
    ]


def test_a_lift_with_streams_is_ignored() -> None:
    strength = lift(DAY, ident=1)
    with_streams = Session(1, replace(strength.activity, streams=_segments((60, 124.0, 3.2))))
    assert run_zones([with_streams], MAX_HR, PACES) == []


def test_empty_input() -> None:
    assert run_zones([], MAX_HR, PACES) == []
    assert run_zones(iter(()), None, None) == []


_ANY_FLOAT = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -1.0, 0.4, 3.2, 4.6, 95.0, 171.0, 190.0, 240.0, 1e308]),
)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 10),
    values=st.lists(_ANY_FLOAT, min_size=30, max_size=30),
    lengths=st.tuples(st.integers(0, 10), st.integers(0, 10)),
    max_hr=st.one_of(st.none(), _ANY_FLOAT),
)
def test_any_numbers_at_all_never_raise(
    n: int, values: list[float], lengths: tuple[int, int], max_hr: float | None
) -> None:
    time_s = tuple(values[:n])
    heart_rate = tuple(values[10 : 10 + lengths[0]])
    speed = tuple(values[20 : 20 + lengths[1]])
    streams = Streams(time_s, heart_rate=heart_rate, speed_mps=speed)
    for zones in run_zones([run(DAY, streams=streams)], max_hr, PACES):
        assert all(math.isfinite(m) and m >= 0 for m in zones.hr_minutes)
        assert all(math.isfinite(m) and m >= 0 for m in zones.pace_minutes.values())
        assert len(zones.hr_minutes) in (0, 5)
        assert (zones.edwards_trimp is None) == (zones.hr_minutes == ())
        # No zone time can exceed the capped span of the timed samples.
        finite = sorted(t for t in time_s if math.isfinite(t))
        span = sum(min(b - a, 30.0) for a, b in itertools.pairwise(finite)) / 60
        assert sum(zones.hr_minutes) <= span * (1 + 1e-9) + 1e-12
        assert sum(zones.pace_minutes.values()) <= span * (1 + 1e-9) + 1e-12


def test_minutes_add_up_to_the_run() -> None:
    # Heart rate and speed both usable throughout and above 50 % / moving: every second
    # lands in exactly one zone of each kind.
    streams = _segments((900, 130.0, 3.0), (900, 175.0, 4.0), (1801, 150.0, 3.6))
    zones = _one(streams)
    assert sum(zones.hr_minutes) == pytest.approx(3600 / 60)
    assert sum(zones.pace_minutes.values()) == pytest.approx(3600 / 60)


def test_an_hour_at_one_hertz_is_fast() -> None:
    streams = _segments((1200, 130.0, 3.0), (1200, 175.0, 4.0), (1201, 150.0, 3.6))
    session = run(DAY, streams=streams)
    run_zones([session], MAX_HR, PACES)  # warm-up
    best = math.inf
    for _ in range(5):
        start = time.perf_counter()
        run_zones([session], MAX_HR, PACES)
        best = min(best, time.perf_counter() - start)
    # A couple of milliseconds on a laptop; the bound is loose so a busy CI box passes.
    assert best < 0.05
