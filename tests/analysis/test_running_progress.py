from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runlift.analysis.running_progress import (
    BestEffort,
    Intensity,
    RunWeek,
    VdotPoint,
    best_efforts,
    run_efficiency,
    running_weeks,
    vdot_trend,
)
from runlift.analysis.sessions import HeartRates, Session
from runlift.model.activity import Activity, ActivityModality, Streams
from runlift.science.running import vdot

NAN = math.nan
DAY = date(2026, 12, 7)  # a Monday
# LTHR 170: EASY below 153, MODERATE 153 up to 170, HARD from 170.
HEART = HeartRates(rest_hr=50, max_hr=190, threshold_hr=170)


def _activity(
    day: date = DAY,
    *,
    duration_s: float = 1800.0,
    modality: ActivityModality = ActivityModality.RUN,
    streams: Streams | None = None,
    moving_s: float | None = None,
    distance_m: float | None = None,
    avg_hr: float | None = None,
    rpe: float | None = None,
) -> Activity:
    return Activity(
        start=datetime(day.year, day.month, day.day, 7, 0, tzinfo=UTC),
        modality=modality,
        sport="running" if modality is ActivityModality.RUN else "training",
        duration_s=duration_s,
        source="test",
        moving_s=moving_s,
        distance_m=distance_m,
        avg_hr=avg_hr,
        rpe=rpe,
        streams=streams,
    )


def _run(sid: int, activity: Activity) -> Session:
    return Session(sid, activity)


def _streams(
    speed: list[tuple[float, float]],
    hr: list[tuple[float, float]] | None = None,
    step_s: float = 1.0,
) -> Streams:
    """Streams sampled every ``step_s`` from piecewise-constant (seconds, value) blocks of
    speed (and heart rate); distance is the exact integral of the speed."""
    total = sum(seconds for seconds, _ in speed)
    t = np.arange(0.0, total + step_s / 2, step_s)
    edges = np.cumsum([0.0] + [seconds for seconds, _ in speed])
    speeds = np.array([v for _, v in speed])
    block = np.clip(np.searchsorted(edges, t, side="right") - 1, 0, len(speed) - 1)
    covered = np.concatenate([[0.0], np.cumsum(np.diff(edges) * speeds)])
    distance = covered[block] + (t - edges[block]) * speeds[block]
    heart = None
    if hr is not None:
        hr_edges = np.cumsum([0.0] + [seconds for seconds, _ in hr])
        hr_values = np.array([v for _, v in hr])
        hr_block = np.clip(np.searchsorted(hr_edges, t, side="right") - 1, 0, len(hr) - 1)
        heart = tuple(hr_values[hr_block].tolist())
    return Streams(
        time_s=tuple(t.tolist()),
        speed_mps=tuple(speeds[block].tolist()),
        distance_m=tuple(distance.tolist()),
        heart_rate=heart,
    )


# --------------------------------------------------------------------------------------
# Best efforts
# --------------------------------------------------------------------------------------


def test_a_steady_run_is_worth_its_longest_standard_distance() -> None:
    # 4 m/s for 30 min covers 7200 m; at a steady pace a longer effort is worth more VDOT.
    activity = _activity(duration_s=1800, streams=_streams([(1800, 4.0)]))
    [effort] = best_efforts([_run(1, activity)])
    assert effort == BestEffort(DAY, 1, 5000.0, 1250.0, vdot(5000, 1250), whole_run=False)


def test_the_sliding_window_finds_a_fast_stretch_in_the_middle() -> None:
    # 10 min at 3 m/s, then 1500 m at 5 m/s, then 10 min at 3 m/s.
    activity = _activity(duration_s=1500, streams=_streams([(600, 3.0), (300, 5.0), (600, 3.0)]))
    [effort] = best_efforts([_run(7, activity)])
    assert (effort.distance_m, effort.activity_id) == (1500.0, 7)
    assert effort.time_s == pytest.approx(300.0)
    assert effort.vdot == pytest.approx(vdot(1500, 300))


def test_sparse_samples_are_interpolated_not_rounded_up_to_a_sample() -> None:
    # Samples every 7 s (28 m apart): whole samples would give 5012 m in 1253 s.
    activity = _activity(duration_s=1799, streams=_streams([(1799, 4.0)], step_s=7.0))
    [effort] = best_efforts([_run(1, activity)])
    assert effort.distance_m == 5000.0
    assert effort.time_s == pytest.approx(1250.0)


@pytest.mark.parametrize("speeds", [(3.0, 6.0, 4.0), (4.0, 6.0, 3.0)])
def test_the_best_window_may_start_or_end_between_samples(speeds: tuple[float, ...]) -> None:
    # Four samples, 1 km apart, at the given speeds. The fastest 1500 m is the 6 m/s km
    # plus 500 m of the 4 m/s one: it starts (or, mirrored, ends) on a sample and its
    # other end falls between samples. Whole sample pairs would give 1000/3 s at best.
    time_s = np.concatenate([[0.0], np.cumsum([1000.0 / v for v in speeds])])
    streams = Streams(time_s=tuple(time_s.tolist()), distance_m=(0.0, 1000.0, 2000.0, 3000.0))
    [effort] = best_efforts([_run(1, _activity(duration_s=float(time_s[-1]), streams=streams))])
    assert effort.distance_m == 1500.0
    assert effort.time_s == pytest.approx(1000 / 6 + 500 / 4)


def test_shuffled_and_gappy_distance_samples_give_the_same_effort() -> None:
    streams = _streams([(600, 3.0), (300, 5.0), (600, 3.0)])
    order = np.random.default_rng(1).permutation(len(streams))
    distance = np.array(streams.distance_m)
    distance[1::50] = NAN  # missing samples (not the segment boundaries at 600 and 900 s)
    shuffled = Streams(
        time_s=tuple(np.array(streams.time_s)[order].tolist()),
        distance_m=tuple(distance[order].tolist()),
    )
    [effort] = best_efforts([_run(1, _activity(duration_s=1500, streams=shuffled))])
    assert effort.distance_m == 1500.0
    assert effort.time_s == pytest.approx(300.0)


def test_a_distance_that_steps_back_cannot_fake_a_fast_stretch() -> None:
    streams = _streams([(1200, 3.0)])
    distance = np.array(streams.distance_m)
    distance[600] -= 900.0  # a GPS correction: 900 m back for one sample
    glitchy = Streams(time_s=streams.time_s, distance_m=tuple(distance.tolist()))
    [effort] = best_efforts([_run(1, _activity(duration_s=1200, streams=glitchy))])
    # The sample is held at the previous distance, so only its 2 s become a bit faster.
    assert effort.distance_m == 3000.0
    assert 999.0 <= effort.time_s <= 1000.0


def test_without_a_distance_stream_the_whole_run_counts_over_moving_time() -> None:
    activity = _activity(duration_s=3000, moving_s=2900, distance_m=10000)
    [effort] = best_efforts([_run(3, activity)])
    assert effort == BestEffort(DAY, 3, 10000.0, 2900.0, vdot(10000, 2900), whole_run=True)


def test_unbelievable_efforts_and_other_modalities_are_left_out() -> None:
    sessions = [
        _run(1, _activity(duration_s=120, distance_m=600)),  # 2 min: below VDOT's window
        _run(2, _activity(duration_s=1000, distance_m=10000)),  # 10 m/s: a GPS error
        _run(3, _activity(duration_s=600, streams=_streams([(300, 4.0)]))),  # under 1500 m
        _run(4, _activity(duration_s=1800, distance_m=5000, modality=ActivityModality.OTHER)),
        _run(5, _activity(duration_s=1800)),  # no distance at all
        _run(6, _activity(duration_s=1250, distance_m=5000)),  # the one believable run
    ]
    assert [e.activity_id for e in best_efforts(sessions)] == [6]


# --------------------------------------------------------------------------------------
# VDOT trend
# --------------------------------------------------------------------------------------


def _effort(day_offset: int, value: float, sid: int) -> BestEffort:
    return BestEffort(DAY + timedelta(days=day_offset), sid, 5000.0, 1200.0, value, False)


def test_the_trend_keeps_the_best_of_the_window_and_drops_it_after_window_days() -> None:
    efforts = [
        _effort(42, 41.0, 4),  # input order must not matter
        _effort(0, 50.0, 1),
        _effort(10, 45.0, 2),
        _effort(41, 40.0, 3),
        _effort(52, 44.0, 5),
    ]
    points = vdot_trend(efforts, window_days=42)
    assert points == [
        VdotPoint(DAY, 50.0, 1),
        VdotPoint(DAY + timedelta(days=10), 50.0, 1),
        VdotPoint(DAY + timedelta(days=41), 50.0, 1),  # day 0 is the 42nd day back
        VdotPoint(DAY + timedelta(days=42), 45.0, 2),  # ... and now outside
        VdotPoint(DAY + timedelta(days=52), 44.0, 5),  # day 10 dropped too
    ]


def test_the_trend_gives_one_point_per_day_and_names_the_recent_run_on_a_tie() -> None:
    efforts = [_effort(0, 48.0, 1), _effort(3, 47.0, 2), _effort(3, 48.0, 3)]
    assert vdot_trend(efforts) == [
        VdotPoint(DAY, 48.0, 1),
        VdotPoint(DAY + timedelta(days=3), 48.0, 3),
    ]
    assert vdot_trend([]) == []
    with pytest.raises(ValueError, match="window_days"):
        vdot_trend(efforts, window_days=0)


# --------------------------------------------------------------------------------------
# Efficiency and decoupling
# --------------------------------------------------------------------------------------


def test_metres_per_beat_is_speed_per_minute_over_average_heart_rate() -> None:
    activity = _activity(duration_s=3100, moving_s=3000, distance_m=10000, avg_hr=150, rpe=3)
    [row] = run_efficiency([_run(1, activity)], HEART)
    assert row.metres_per_beat == pytest.approx(200.0 / 150.0)  # 200 m/min at 150 bpm
    assert row.intensity is Intensity.EASY
    assert row.rpe == 3
    assert row.decoupling_pct is None  # 50 minutes: too short


def test_an_average_above_the_athletes_maximum_is_missing_data() -> None:
    activity = _activity(duration_s=3000, distance_m=10000, avg_hr=200, rpe=8)
    [row] = run_efficiency([_run(1, activity)], HEART)
    assert row.metres_per_beat is None
    assert row.intensity is Intensity.HARD  # from the RPE, not the impossible average


def test_decoupling_of_a_steady_run_whose_heart_rate_drifts() -> None:
    streams = _streams([(3600, 3.0)], hr=[(1800, 140.0), (1801, 147.0)])
    speed = np.array(streams.speed_mps)
    # GPS spikes, as many in each half so the split stays at 1800 s: not running, left out.
    speed[100:105] = speed[2000:2005] = 40.0
    streams = Streams(streams.time_s, streams.heart_rate, tuple(speed.tolist()))
    activity = _activity(duration_s=3600, streams=streams, distance_m=10800, avg_hr=143.5)
    [row] = run_efficiency([_run(1, activity)], HEART)
    assert row.decoupling_pct == pytest.approx((147 / 140 - 1) * 100)  # +5.0 %


def test_decoupling_leaves_out_stops_and_weighs_speed_against_heart_rate() -> None:
    # Moving: 1800 s at 3.0 m/s / 140 bpm around a 300 s stop (HR 100), then 1800 s at
    # 2.9 m/s / 145 bpm. Efficiency 3/140 then 2.9/145 = 0.02: decoupling (150/140 - 1).
    streams = _streams(
        [(900, 3.0), (300, 0.0), (900, 3.0), (1800, 2.9)],
        hr=[(900, 140.0), (300, 100.0), (900, 140.0), (1801, 145.0)],
    )
    activity = _activity(duration_s=3900, moving_s=3600, streams=streams)
    [row] = run_efficiency([_run(1, activity)], None)
    assert row.decoupling_pct == pytest.approx((150 / 140 - 1) * 100)
    assert row.decoupling_pct == pytest.approx(7.142857, abs=1e-6)


def test_decoupling_needs_an_hour_of_mostly_usable_heart_rate_and_speed() -> None:
    long_run = _streams([(4000, 3.0)], hr=[(600, 140.0), (3401, NAN)])  # strap died
    no_speed = Streams(time_s=long_run.time_s, heart_rate=(150.0,) * len(long_run))
    short = _streams([(3000, 3.0)], hr=[(3001, 140.0)])
    sessions = [
        _run(1, _activity(duration_s=4000, streams=long_run)),
        _run(2, _activity(duration_s=4000, streams=no_speed)),
        _run(3, _activity(duration_s=3000, streams=short)),
    ]
    assert [r.decoupling_pct for r in run_efficiency(sessions, HEART)] == [None, None, None]


# --------------------------------------------------------------------------------------
# Intensity
# --------------------------------------------------------------------------------------


def test_band_minutes_come_from_each_heart_rate_sample() -> None:
    # 1200 samples at 1 Hz, each weighing 1 s (0.5 s for the first and last):
    # 600 at 130 (easy), 300 at exactly 153 (moderate from 0.9 x 170), 300 at exactly 170.
    streams = _streams([(1199, 3.0)], hr=[(600, 130.0), (300, 153.0), (300, 170.0)])
    activity = _activity(duration_s=1199, streams=streams, distance_m=3597)
    [week] = running_weeks([_run(1, activity)], HEART, DAY, DAY)
    assert week.minutes_easy == pytest.approx(599.5 / 60)
    assert week.minutes_moderate == pytest.approx(300 / 60)
    assert week.minutes_hard == pytest.approx(299.5 / 60)
    assert week.minutes_unknown == 0
    [row] = run_efficiency([_run(1, activity)], HEART)
    assert row.intensity is Intensity.EASY


def test_stopped_samples_are_not_minutes_and_missing_samples_take_the_run_band() -> None:
    # 600 s hard running, a 300 s stop at high HR, 600 s with the strap silent.
    streams = _streams([(600, 3.5), (300, 0.0), (600, 3.5)], hr=[(600, 175.0), (300, 172.0)])
    heart_rate = np.array(streams.heart_rate)
    heart_rate[900:] = NAN
    streams = Streams(
        time_s=streams.time_s, speed_mps=streams.speed_mps, heart_rate=tuple(heart_rate.tolist())
    )
    activity = _activity(duration_s=1500, moving_s=1200, streams=streams, rpe=3)
    [week] = running_weeks([_run(1, activity)], HEART, DAY, DAY)
    # Sample weights: 0.5 s for the first and last sample, 1 s otherwise; the stop's 300
    # samples (600-899 s, speed 0) count nothing, so the total is the moving time.
    assert week.minutes_hard == pytest.approx(599.5 / 60)
    assert week.minutes_easy == pytest.approx(600.5 / 60)  # silent samples: RPE 3 is easy
    assert week.minutes == pytest.approx(20.0)


@pytest.mark.parametrize(
    ("heart", "avg_hr", "rpe", "expected"),
    [
        (HEART, 152.9, 9, Intensity.EASY),  # heart rate outranks RPE
        (HEART, 153.0, None, Intensity.MODERATE),
        (HEART, 170.0, None, Intensity.HARD),
        (HeartRates(50, 190), 168.0, None, Intensity.MODERATE),  # default LTHR 169
        (HeartRates(50, 190), 169.0, None, Intensity.HARD),
        (None, 180.0, 4, Intensity.EASY),  # no profile heart rates: RPE decides
        (None, None, 5, Intensity.MODERATE),
        (None, None, 6.5, Intensity.MODERATE),
        (None, None, 7, Intensity.HARD),
        (HEART, None, None, Intensity.UNKNOWN),
        (None, None, 12, Intensity.UNKNOWN),  # not a CR-10 value
        (HeartRates(190, 50), 175.0, 2, Intensity.EASY),  # inverted profile: ignored
    ],
)
def test_a_run_without_a_heart_rate_stream_is_banded_whole(
    heart: HeartRates | None, avg_hr: float | None, rpe: float | None, expected: Intensity
) -> None:
    activity = _activity(duration_s=2400, moving_s=2000, avg_hr=avg_hr, rpe=rpe)
    [row] = run_efficiency([_run(1, activity)], heart)
    assert row.intensity is expected
    [week] = running_weeks([_run(1, activity)], heart, DAY, DAY)
    assert getattr(week, f"minutes_{expected.value}") == pytest.approx(2000 / 60)
    assert week.minutes == pytest.approx(2000 / 60)


# --------------------------------------------------------------------------------------
# Weeks
# --------------------------------------------------------------------------------------


def test_runs_are_bucketed_into_iso_weeks_with_empty_weeks_as_zeros() -> None:
    sessions = [
        _run(1, _activity(DAY, duration_s=1800, distance_m=5000, rpe=3)),
        _run(2, _activity(DAY + timedelta(days=6), duration_s=3600, distance_m=12000, rpe=8)),
        _run(3, _activity(DAY - timedelta(days=1), duration_s=1800, distance_m=5000)),  # before
        _run(4, _activity(DAY + timedelta(days=1), modality=ActivityModality.STRENGTH, rpe=8)),
        _run(5, _activity(DAY + timedelta(days=15), duration_s=1200, distance_m=3000)),
    ]
    rows = running_weeks(sessions, None, DAY + timedelta(days=2), DAY + timedelta(days=15))
    assert rows == [
        RunWeek(DAY, 2, 17000.0, 30.0, 0.0, 60.0, 0.0),
        RunWeek(DAY + timedelta(days=7), 0, 0.0, 0.0, 0.0, 0.0, 0.0),
        RunWeek(DAY + timedelta(days=14), 1, 3000.0, 0.0, 0.0, 0.0, 20.0),
    ]
    assert rows[0].minutes == 90.0


# --------------------------------------------------------------------------------------
# Hostile data
# --------------------------------------------------------------------------------------


def _hostile_sessions() -> list[Session]:
    n = 4000
    nan_everywhere = Streams(
        time_s=(NAN,) * n, heart_rate=(NAN,) * n, speed_mps=(NAN,) * n, distance_m=(NAN,) * n
    )
    negative = Streams(
        time_s=tuple(float(i) for i in range(n)),
        heart_rate=(-5.0,) * n,
        speed_mps=(-3.0,) * n,
        distance_m=tuple(-float(i) for i in range(n)),
    )
    empty = Streams(time_s=(), heart_rate=(), speed_mps=(), distance_m=())
    ragged = Streams(time_s=(0.0, 1.0, 2.0), heart_rate=(150.0,), distance_m=(0.0, 5.0))
    infinite = Streams(
        time_s=tuple(float(i) for i in range(n)),
        heart_rate=(math.inf,) * n,
        speed_mps=(math.inf,) * n,
        distance_m=(math.inf,) * n,
    )
    backwards = Streams(  # a steady 3 m/s run, its samples listed last to first
        time_s=tuple(float(n - i) for i in range(n)),
        heart_rate=(150.0,) * n,
        speed_mps=(3.0,) * n,
        distance_m=tuple(3.0 * (n - i) for i in range(n)),
    )
    huge = Streams(time_s=(0.0, 1.0, 2.0, 3.0), distance_m=(1e20, 2e20, 3e20, 4e20))
    streams = [nan_everywhere, negative, empty, ragged, infinite, backwards, huge]
    activities = [_activity(duration_s=4000, streams=s, avg_hr=NAN, rpe=NAN) for s in streams]
    activities += [
        _activity(duration_s=NAN, moving_s=-1, distance_m=NAN, avg_hr=300, rpe=-2),
        _activity(duration_s=-60, distance_m=-5, avg_hr=0),
        _activity(duration_s=0, moving_s=0, distance_m=0),
        _activity(duration_s=math.inf, distance_m=math.inf, avg_hr=math.inf),
    ]
    return [_run(i, a) for i, a in enumerate(activities)]


@pytest.mark.parametrize(
    "heart",
    [HEART, None, HeartRates(190, 50), HeartRates(NAN, NAN, NAN), HeartRates(50, 190, 500)],
)
def test_hostile_data_never_raises_and_yields_nothing_false(heart: HeartRates | None) -> None:
    sessions = _hostile_sessions()
    efforts = best_efforts(sessions)
    assert all(math.isfinite(e.vdot) and e.time_s > 0 for e in efforts)
    assert vdot_trend(efforts) == [VdotPoint(e.day, e.vdot, e.activity_id) for e in efforts]
    rows = run_efficiency(sessions, heart)
    assert len(rows) == len(sessions)
    for row in rows:
        assert row.metres_per_beat is None or math.isfinite(row.metres_per_beat)
        assert row.decoupling_pct is None or math.isfinite(row.decoupling_pct)
        assert row.rpe is None or math.isfinite(row.rpe)
    [week] = running_weeks(sessions, heart, DAY, DAY)
    assert week.runs == len(sessions)
    assert math.isfinite(week.minutes) and week.minutes >= 0
    assert math.isfinite(week.distance_m) and week.distance_m >= 0


def test_hostile_data_is_read_as_missing_not_as_numbers() -> None:
    sessions = _hostile_sessions()
    # Only the reversed stream holds a real run: 3 m/s, so 10 km in 3333.3 s is its best.
    [effort] = best_efforts(sessions)
    assert (effort.activity_id, effort.distance_m, effort.whole_run) == (5, 10000.0, False)
    assert effort.time_s == pytest.approx(10000 / 3)
    rows = {r.activity_id: r for r in run_efficiency(sessions, HEART)}
    assert rows[5].decoupling_pct == pytest.approx(0.0)
    assert rows[5].intensity is Intensity.EASY
    assert rows[0].intensity is Intensity.UNKNOWN  # all-NaN HR, no average, no RPE
    assert rows[4].intensity is Intensity.UNKNOWN  # infinite HR is not a heart rate
    assert rows[7].metres_per_beat is None  # avg HR 300
    assert rows[7].rpe is None  # RPE -2 is off the CR-10 scale
    assert rows[7].intensity is Intensity.UNKNOWN
    [week] = running_weeks(sessions, HEART, DAY, DAY)
    assert week.distance_m == pytest.approx(3.0 * 3999)  # negative distances do not count


def test_a_strap_that_records_nothing_falls_back_to_the_average() -> None:
    streams = Streams(time_s=tuple(float(i) for i in range(600)), heart_rate=(NAN,) * 600)
    activity = _activity(duration_s=600, streams=streams, avg_hr=175.0)
    [row] = run_efficiency([_run(1, activity)], HEART)
    assert row.intensity is Intensity.HARD
    [week] = running_weeks([_run(1, activity)], HEART, DAY, DAY)
    assert week.minutes_hard == pytest.approx(10.0)


_ANY_FLOAT = st.floats(allow_nan=True, allow_infinity=True, width=32)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(0, 12),
    values=st.lists(_ANY_FLOAT, min_size=48, max_size=48),
    summary=st.lists(st.one_of(st.none(), _ANY_FLOAT), min_size=5, max_size=5),
)
def test_any_numbers_at_all_never_raise(
    n: int, values: list[float], summary: list[float | None]
) -> None:
    time_s, heart_rate, speed, distance = (tuple(values[k * 12 : k * 12 + n]) for k in range(4))
    streams = Streams(time_s, heart_rate=heart_rate, speed_mps=speed, distance_m=distance)
    moving_s, distance_m, avg_hr, rpe, duration_s = summary
    activity = _activity(
        duration_s=duration_s if duration_s is not None else 3600.0,
        streams=streams,
        moving_s=moving_s,
        distance_m=distance_m,
        avg_hr=avg_hr,
        rpe=rpe,
    )
    sessions = [_run(1, activity)]
    for effort in best_efforts(sessions):
        assert math.isfinite(effort.vdot) and effort.time_s > 0
    [row] = run_efficiency(sessions, HEART)
    assert row.metres_per_beat is None or math.isfinite(row.metres_per_beat)
    [week] = running_weeks(sessions, HEART, DAY, DAY)
    assert math.isfinite(week.minutes) and week.minutes >= 0
