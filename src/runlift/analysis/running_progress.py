"""Running progress: VDOT from best efforts, efficiency at easy effort, aerobic decoupling
on long runs, and weekly minutes by intensity.

Only run sessions count; every function here skips strength and other sessions. Bad data
(NaN or negative samples, streams of unequal length, an average heart rate above the
athlete's maximum, an RPE outside 0-10) is treated as missing, never raised.

Sources
-------
* J. Daniels & J. Gilbert, *Oxygen Power*, 1979: VDOT from a performance
  (:func:`runlift.science.running.vdot`) and its valid window of about 3.5-230 minutes.
* J. Friel, "aerobic decoupling" (Pa:HR): the speed-to-heart-rate ratio of a steady run's
  first half against its second (TrainingPeaks blog and *The Triathlete's Training
  Bible*). Above about 5 % is commonly read as aerobic endurance not yet complete; that
  threshold is a rule of thumb, not a validated cut-off.
* S. Seiler & K. J. Tonnessen, "Intervals, thresholds, and long slow distance", Sportscience
  13, 2009: the three-zone intensity model (below the first ventilatory threshold, between
  the thresholds, above the second). Placing the first threshold at 90 % of lactate-threshold
  heart rate is *our* mapping (see :data:`MODERATE_FROM_LTHR`), not a published constant.
* Lactate-threshold heart rate defaults to rest + 85 % of the reserve
  (:func:`runlift.science.load.default_lthr`, the Elevate default).
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from runlift.analysis.sessions import HeartRates, Session, week_start, weeks
from runlift.model.activity import Activity, ActivityModality, Streams
from runlift.science.load import default_lthr
from runlift.science.running import race_duration_in_valid_range, vdot

FloatArray = npt.NDArray[np.float64]

#: Distances searched for a best effort in a run's distance stream (metres): 1500 m, the
#: mile, 3000 m, 5 km, 10 km, the half and the full marathon.
EFFORT_DISTANCES_M: tuple[float, ...] = (
    1500.0,
    1609.344,
    3000.0,
    5000.0,
    10000.0,
    21097.5,
    42195.0,
)

#: Efforts faster than this (m/s, a 2:23 /km pace) are taken for GPS errors: it beats the
#: world records from 3000 m up and is close to them at 1500 m and the mile (about 7.3 m/s),
#: out of reach for the athletes this tool serves.
MAX_EFFORT_SPEED_MPS = 7.0

#: Distance samples beyond this (metres) are corrupt: no run is 1000 km long, and huge
#: values would swamp the standard distances in floating point.
MAX_STREAM_DISTANCE_M = 1_000_000.0

#: Below this speed a sample counts as stopped (the importers' moving threshold).
STOPPED_BELOW_MPS = 0.5

#: A gap between samples longer than this (seconds) is a pause: it counts at most this
#: long, as in the importers' moving time, so an auto-paused watch adds no phantom minutes.
MAX_SAMPLE_GAP_S = 30.0

#: Heart-rate samples outside this range (bpm) are sensor errors (same bounds as importers).
PLAUSIBLE_HR_BPM = (25.0, 240.0)

#: Intensity bands as fractions of lactate-threshold heart rate (LTHR): EASY below
#: ``MODERATE_FROM_LTHR``, MODERATE up to ``HARD_FROM_LTHR``, HARD at or above. This is our
#: mapping of Seiler's three zones, taking the first ventilatory threshold at about 90 %
#: of LTHR and the second at LTHR; change it here, nowhere else.
MODERATE_FROM_LTHR = 0.90
HARD_FROM_LTHR = 1.00

#: Without heart rates, session RPE (CR-10) decides: up to ``EASY_RPE_MAX`` is easy, from
#: ``HARD_RPE_MIN`` hard, in between moderate.
EASY_RPE_MAX = 4.0
HARD_RPE_MIN = 7.0

#: Decoupling needs a run of at least this long (moving time, else elapsed; seconds)...
DECOUPLING_MIN_RUN_S = 3600.0
#: ...whose usable moving samples (heart rate and speed both valid) cover at least this
#: fraction of it, so a strap that dropped out early cannot report a 10-minute "drift".
DECOUPLING_MIN_COVERAGE = 0.5


class Intensity(StrEnum):
    EASY = "easy"
    MODERATE = "moderate"
    HARD = "hard"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class BestEffort:
    """A run's fastest stretch over a standard distance (or the whole run, without a
    distance stream) and the VDOT it is worth."""

    day: date
    activity_id: int
    distance_m: float
    time_s: float
    vdot: float
    whole_run: bool


@dataclass(frozen=True, slots=True)
class VdotPoint:
    """The best VDOT of the ``window_days`` before and including ``day``."""

    day: date
    vdot: float
    activity_id: int


@dataclass(frozen=True, slots=True)
class RunEfficiency:
    """Metres covered per heart beat in one run, and its aerobic decoupling (per cent,
    long runs with heart-rate and speed streams only)."""

    day: date
    activity_id: int
    intensity: Intensity
    metres_per_beat: float | None
    decoupling_pct: float | None
    rpe: float | None


@dataclass(frozen=True, slots=True)
class RunWeek:
    week: date
    runs: int
    distance_m: float
    minutes_easy: float
    minutes_moderate: float
    minutes_hard: float
    minutes_unknown: float

    @property
    def minutes(self) -> float:
        return self.minutes_easy + self.minutes_moderate + self.minutes_hard + self.minutes_unknown


# --------------------------------------------------------------------------------------
# Reading activities defensively
# --------------------------------------------------------------------------------------


def _runs(sessions: Iterable[Session]) -> list[Session]:
    """Run sessions in calendar order (ties by id), so every output is chronological."""
    runs = [s for s in sessions if s.activity.modality is ActivityModality.RUN]
    return sorted(runs, key=lambda s: (s.day, s.id))


def _positive(value: float | None) -> float | None:
    """``value`` if it is a finite number above zero, else None (missing)."""
    if value is None or not math.isfinite(value) or value <= 0:
        return None
    return float(value)


def _channel(streams: Streams | None, name: str) -> FloatArray | None:
    """One stream as a float array (NaN = missing), or None when it is absent, empty, of
    another length than ``time_s`` or not numeric."""
    if streams is None:
        return None
    values = getattr(streams, name)
    if values is None or len(values) == 0 or len(values) != len(streams.time_s):
        return None
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    # Infinities are as meaningless as NaN for every measure here.
    return np.where(np.isfinite(array), array, np.nan)


def _run_seconds(activity: Activity) -> float | None:
    """Moving time when it is known and no longer than the elapsed time, else elapsed."""
    elapsed = _positive(activity.duration_s)
    moving = _positive(activity.moving_s)
    if moving is not None and (elapsed is None or moving <= elapsed):
        return moving
    return elapsed


def _run_distance(activity: Activity) -> float | None:
    """The activity's distance, else the span of its distance stream."""
    distance = _positive(activity.distance_m)
    if distance is not None:
        return distance
    profile = _distance_profile(_samples(activity.streams, "distance_m"))
    return None if profile is None else _positive(float(profile[1][-1] - profile[1][0]))


def _lthr(heart: HeartRates | None) -> float | None:
    """The athlete's threshold heart rate, or None when the profile's heart rates are
    unusable (missing, or max not above rest). A threshold outside (rest, max] is ignored
    in favour of the default rather than trusted."""
    if heart is None:
        return None
    rest, top = _positive(heart.rest_hr), _positive(heart.max_hr)
    if rest is None or top is None or top <= rest:
        return None
    threshold = _positive(heart.threshold_hr)
    if threshold is not None and rest < threshold <= top:
        return threshold
    return default_lthr(rest, top)


def _avg_hr(activity: Activity, heart: HeartRates | None) -> float | None:
    """The run's average heart rate, or None when it is missing or impossible (outside the
    plausible range, or above the athlete's maximum)."""
    avg = _positive(activity.avg_hr)
    low, high = PLAUSIBLE_HR_BPM
    if avg is None or not low <= avg <= high:
        return None
    top = None if heart is None else _positive(heart.max_hr)
    if top is not None and avg > top:
        return None
    return avg


_HR_CHANNELS = ("heart_rate", "speed_mps")  # what banding and decoupling read


@dataclass(frozen=True, slots=True)
class _Samples:
    """A run's streams in time order, samples without a time dropped. ``weights`` are the
    seconds each sample stands for: half the gap to each neighbour, every gap capped at
    :data:`MAX_SAMPLE_GAP_S` (a pause). Time-weighting keeps "smart recording" (sparse,
    irregular samples) from skewing averages towards the moments a watch chose to record
    more often. A channel is None when it is absent or unusable."""

    time_s: FloatArray
    weights: FloatArray
    heart_rate: FloatArray | None
    speed_mps: FloatArray | None
    distance_m: FloatArray | None


def _samples(streams: Streams | None, *channels: str) -> _Samples | None:
    """The streams as a :class:`_Samples` with only the named ``channels`` read (turning a
    tuple into an array is most of the cost), or None with fewer than two timed samples."""
    time_s = _channel(streams, "time_s")
    if time_s is None:
        return None
    order = np.argsort(time_s, kind="stable")  # NaN sorts last and is cut off next
    order = order[: int(np.count_nonzero(np.isfinite(time_s)))]
    if order.size < 2:
        return None
    t = time_s[order]
    gaps = np.minimum(np.diff(t), MAX_SAMPLE_GAP_S) / 2.0
    weights = np.zeros(t.size, dtype=np.float64)
    weights[1:] += gaps
    weights[:-1] += gaps

    def pick(name: str) -> FloatArray | None:
        channel = _channel(streams, name) if name in channels else None
        return None if channel is None else channel[order]

    return _Samples(t, weights, pick("heart_rate"), pick("speed_mps"), pick("distance_m"))


def _usable_hr(hr: FloatArray) -> npt.NDArray[np.bool_]:
    low, high = PLAUSIBLE_HR_BPM
    return (hr >= low) & (hr <= high)  # NaN compares False


# --------------------------------------------------------------------------------------
# Best efforts and the VDOT trend
# --------------------------------------------------------------------------------------


def _effort_vdot(distance_m: float, time_s: float) -> float | None:
    """VDOT of a stretch, or None when the stretch is not a believable effort: shorter or
    longer than the Daniels-Gilbert window, faster than :data:`MAX_EFFORT_SPEED_MPS`, or
    too slow for the oxygen-cost curve (a walk)."""
    if not (time_s > 0 and math.isfinite(time_s)) or distance_m / time_s > MAX_EFFORT_SPEED_MPS:
        return None
    if not race_duration_in_valid_range(time_s):
        return None
    try:
        return vdot(distance_m, time_s)
    except ValueError:
        return None


def _distance_profile(samples: _Samples | None) -> tuple[FloatArray, FloatArray] | None:
    """Time and cumulative distance as two increasing arrays, or None without at least two
    usable samples. NaN, negative and absurd distances are dropped, a repeated time keeps its first
    sample, and distance is made non-decreasing (a GPS correction that steps back must not
    create a negative stretch)."""
    if samples is None or samples.distance_m is None:
        return None
    keep = (samples.distance_m >= 0) & (samples.distance_m <= MAX_STREAM_DISTANCE_M)
    time_s, first = np.unique(samples.time_s[keep], return_index=True)
    if time_s.size < 2:
        return None
    distance = np.maximum.accumulate(samples.distance_m[keep][first])
    return time_s, distance


def _fastest_time(time_s: FloatArray, distance: FloatArray, target_m: float) -> float | None:
    """The shortest time in which ``target_m`` metres were covered, or None if the run is
    shorter than that.

    Between samples the distance is taken to grow linearly with time. The time needed
    from a point ``x`` to ``x + target_m`` is then piecewise linear in ``x`` and reaches its
    minimum where one end sits on a sample; both cases are searched with ``searchsorted``
    on the cumulative distance (O(n log n), no Python loop over samples), the free end
    interpolated."""
    if distance[-1] - distance[0] < target_m:
        return None
    best = math.inf
    # Windows ending on a sample: the start is the last sample at or before end - target.
    goal = distance - target_m
    ends = np.flatnonzero(goal >= distance[0])
    if ends.size:
        i = np.searchsorted(distance, goal[ends], side="right") - 1
        frac = (goal[ends] - distance[i]) / (distance[i + 1] - distance[i])
        start = time_s[i] + frac * (time_s[i + 1] - time_s[i])
        best = min(best, float(np.min(time_s[ends] - start)))
    # Windows starting on a sample: the end is the first sample at or after start + target.
    goal = distance + target_m
    starts = np.flatnonzero(goal <= distance[-1])
    if starts.size:
        j = np.searchsorted(distance, goal[starts], side="left")
        frac = (goal[starts] - distance[j - 1]) / (distance[j] - distance[j - 1])
        end = time_s[j - 1] + frac * (time_s[j] - time_s[j - 1])
        best = min(best, float(np.min(end - time_s[starts])))
    return best if math.isfinite(best) else None


def _stream_effort(profile: tuple[FloatArray, FloatArray]) -> tuple[float, float, float] | None:
    """(distance, time, VDOT) of the run's standard-distance effort worth the most VDOT."""
    time_s, distance = profile
    best: tuple[float, float, float] | None = None
    for target in EFFORT_DISTANCES_M:
        fastest = _fastest_time(time_s, distance, target)
        score = None if fastest is None else _effort_vdot(target, fastest)
        if fastest is not None and score is not None and (best is None or score > best[2]):
            best = (target, fastest, score)
    return best


def _whole_run_effort(activity: Activity) -> tuple[float, float, float] | None:
    """(distance, time, VDOT) of the whole run: its distance over moving time, else elapsed."""
    distance, seconds = _run_distance(activity), _run_seconds(activity)
    if distance is None or seconds is None:
        return None
    score = _effort_vdot(distance, seconds)
    return None if score is None else (distance, seconds, score)


def best_efforts(sessions: Iterable[Session]) -> list[BestEffort]:
    """Each run's best effort: the standard distance (:data:`EFFORT_DISTANCES_M`) covered
    fastest relative to its length, i.e. the one worth the highest VDOT (Daniels &
    Gilbert, 1979). One effort per run, in calendar order; runs with nothing believable
    are left out.

    With a distance stream, every stretch of each standard distance is searched (see
    :func:`_fastest_time`); the clock runs through stops, as in a race. Without a usable
    distance stream the whole run is the effort (its distance over moving time, else
    elapsed) and ``whole_run`` is True.

    A training run is rarely run all-out, so its VDOT is a *floor* on the athlete's
    fitness, not a race result: easy runs understate it. That is why :func:`vdot_trend`
    takes the best of a window rather than the latest value.
    """
    out = []
    for session in _runs(sessions):
        activity = session.activity
        profile = _distance_profile(_samples(activity.streams, "distance_m"))
        whole_run = profile is None
        found = _whole_run_effort(activity) if profile is None else _stream_effort(profile)
        if found is not None:
            distance_m, time_s, score = found
            out.append(BestEffort(session.day, session.id, distance_m, time_s, score, whole_run))
    return out


def vdot_trend(efforts: Sequence[BestEffort], window_days: int = 42) -> list[VdotPoint]:
    """For each day with an effort, the best VDOT of the ``window_days`` days ending on
    (and including) that day, and the run that set it: an effort counts from its own day
    through ``window_days - 1`` days later. Taking the best of a window makes the trend
    follow the floor that training runs put under fitness (see :func:`best_efforts`)
    instead of dipping after every easy run. On a tie the more recent effort is named.

    Raises:
        ValueError: if ``window_days`` is below 1 (a caller's mistake, not bad data).
    """
    if window_days < 1:
        raise ValueError(f"window_days must be at least 1, got {window_days}")
    ordered = sorted((e for e in efforts if math.isfinite(e.vdot)), key=lambda e: e.day)
    # Max-heap on (VDOT, day) with lazy removal of efforts that have left the window.
    heap: list[tuple[float, int, int, int]] = []
    out: list[VdotPoint] = []
    for n, effort in enumerate(ordered):
        heapq.heappush(heap, (-effort.vdot, -effort.day.toordinal(), -n, effort.activity_id))
        is_last_of_day = n + 1 == len(ordered) or ordered[n + 1].day != effort.day
        if not is_last_of_day:
            continue
        oldest = (effort.day - timedelta(days=window_days - 1)).toordinal()
        while -heap[0][1] < oldest:
            heapq.heappop(heap)
        score, _, _, activity_id = heap[0]
        out.append(VdotPoint(effort.day, -score, activity_id))
    return out


# --------------------------------------------------------------------------------------
# Intensity bands
# --------------------------------------------------------------------------------------


def _band_for_hr(hr: float, lthr: float) -> Intensity:
    if hr >= HARD_FROM_LTHR * lthr:
        return Intensity.HARD
    if hr >= MODERATE_FROM_LTHR * lthr:
        return Intensity.MODERATE
    return Intensity.EASY


def _rpe(rpe: float | None) -> float | None:
    """A CR-10 session RPE, or None when missing or off the scale."""
    return rpe if rpe is not None and 0 <= rpe <= 10 else None  # NaN fails the comparison


def _band_for_rpe(rpe: float | None) -> Intensity:
    rpe = _rpe(rpe)
    if rpe is None:
        return Intensity.UNKNOWN
    if rpe <= EASY_RPE_MAX:
        return Intensity.EASY
    if rpe >= HARD_RPE_MIN:
        return Intensity.HARD
    return Intensity.MODERATE


def _whole_run_band(activity: Activity, heart: HeartRates | None, lthr: float | None) -> Intensity:
    """The band of a run as a whole: its average heart rate against LTHR, else its RPE.
    (An interval session's average looks moderate; the stream path does better.)"""
    avg = _avg_hr(activity, heart)
    if lthr is not None and avg is not None:
        return _band_for_hr(avg, lthr)
    return _band_for_rpe(activity.rpe)


def _band_seconds(
    activity: Activity, heart: HeartRates | None, samples: _Samples | None
) -> dict[Intensity, float]:
    """Seconds of the run in each band.

    With the athlete's heart rates and a heart-rate stream, every recorded sample is
    banded by its own heart rate, weighted by the time it stands for; stopped samples
    (speed below :data:`STOPPED_BELOW_MPS`) are left out, so the total is close to moving
    time. Samples without a usable heart rate take the run's whole-run band. Otherwise the
    whole run's time goes into its band."""
    lthr = _lthr(heart)
    fallback = _whole_run_band(activity, heart, lthr)
    whole = dict.fromkeys(Intensity, 0.0)
    whole[fallback] = _run_seconds(activity) or 0.0
    if lthr is None or samples is None or samples.heart_rate is None:
        return whole
    hr = samples.heart_rate
    usable = _usable_hr(hr)
    if not np.any(usable):
        return whole
    weights = samples.weights
    if samples.speed_mps is not None:
        # NaN speed compares False, so a sample with no speed reading is kept.
        weights = np.where(samples.speed_mps < STOPPED_BELOW_MPS, 0.0, weights)
    hard = usable & (hr >= HARD_FROM_LTHR * lthr)
    moderate = usable & ~hard & (hr >= MODERATE_FROM_LTHR * lthr)
    easy = usable & ~hard & ~moderate
    seconds = dict.fromkeys(Intensity, 0.0)
    seconds[Intensity.HARD] = float(np.sum(weights[hard]))
    seconds[Intensity.MODERATE] = float(np.sum(weights[moderate]))
    seconds[Intensity.EASY] = float(np.sum(weights[easy]))
    seconds[fallback] += float(np.sum(weights[~usable]))
    # Nothing timed (say, a treadmill logging speed 0 throughout): count the run as a whole.
    return seconds if sum(seconds.values()) > 0 else whole


def _dominant(seconds: dict[Intensity, float]) -> Intensity:
    """The known band holding the most time (ties go to the harder band); UNKNOWN only when
    no time could be banded at all."""
    known = [Intensity.HARD, Intensity.MODERATE, Intensity.EASY]
    band = max(known, key=lambda b: seconds[b])
    return band if seconds[band] > 0 else Intensity.UNKNOWN


# --------------------------------------------------------------------------------------
# Efficiency and decoupling
# --------------------------------------------------------------------------------------


def _metres_per_beat(activity: Activity, heart: HeartRates | None) -> float | None:
    """Average speed (m/min, distance over moving time) divided by average heart rate."""
    distance, seconds = _run_distance(activity), _run_seconds(activity)
    avg = _avg_hr(activity, heart)
    if distance is None or seconds is None or avg is None:
        return None
    if distance / seconds > MAX_EFFORT_SPEED_MPS:
        return None  # a distance or time that cannot both be right
    return (distance / (seconds / 60.0)) / avg


def _decoupling_pct(activity: Activity, samples: _Samples | None) -> float | None:
    """Friel's Pa:HR decoupling in per cent: (first-half efficiency / second-half - 1) x
    100, efficiency being mean speed over mean heart rate. Positive means heart rate
    drifted up relative to pace. Halves split the usable moving samples by time."""
    seconds = _run_seconds(activity)
    if seconds is None or seconds < DECOUPLING_MIN_RUN_S or samples is None:
        return None
    hr, speed = samples.heart_rate, samples.speed_mps
    if hr is None or speed is None:
        return None
    usable = (
        (samples.weights > 0)
        & _usable_hr(hr)
        & (speed >= STOPPED_BELOW_MPS)
        & (speed <= MAX_EFFORT_SPEED_MPS)
    )
    w, hr, speed = samples.weights[usable], hr[usable], speed[usable]
    total = float(np.sum(w))
    if total < DECOUPLING_MIN_COVERAGE * seconds:
        return None
    # A sample belongs to the half that holds its midpoint in usable moving time.
    first = (np.cumsum(w) - w / 2.0) < total / 2.0
    second = ~first
    if not np.any(first) or not np.any(second):
        return None
    # Time-weighted mean speed / mean HR; the weight sums cancel in the ratio.
    eff_first = float(np.sum(w[first] * speed[first]) / np.sum(w[first] * hr[first]))
    eff_second = float(np.sum(w[second] * speed[second]) / np.sum(w[second] * hr[second]))
    return (eff_first / eff_second - 1.0) * 100.0


def run_efficiency(sessions: Iterable[Session], heart: HeartRates | None) -> list[RunEfficiency]:
    """Per run, in calendar order: its intensity band (the band with most of its time, see
    :func:`running_weeks`), metres per heart beat (only with an average heart rate and a
    distance), aerobic decoupling (only for runs of an hour or more with usable
    heart-rate and speed streams) and the logged RPE.

    Metres per beat rises as aerobic fitness improves, so it is comparable between runs of
    similar intensity (easy runs especially), not across intensities. Decoupling above
    about 5 % is commonly read (Friel) as aerobic endurance not yet built for that
    duration; it is a rule of thumb, and heat, hills and fuelling move it too.
    """
    out = []
    for session in _runs(sessions):
        activity = session.activity
        samples = _samples(activity.streams, *_HR_CHANNELS)
        intensity = _dominant(_band_seconds(activity, heart, samples))
        out.append(
            RunEfficiency(
                day=session.day,
                activity_id=session.id,
                intensity=intensity,
                metres_per_beat=_metres_per_beat(activity, heart),
                decoupling_pct=_decoupling_pct(activity, samples),
                rpe=_rpe(activity.rpe),
            )
        )
    return out


# --------------------------------------------------------------------------------------
# Weekly volume by intensity
# --------------------------------------------------------------------------------------


def running_weeks(
    sessions: Iterable[Session], heart: HeartRates | None, first: date, last: date
) -> list[RunWeek]:
    """One row per ISO week (Monday) from ``first``'s week to ``last``'s, empty weeks as
    zeros: number of runs, distance, and minutes per intensity band.

    Bands: with the athlete's heart rates, by heart rate against lactate-threshold heart
    rate (``threshold_hr``, else the default of rest + 85 % of the reserve): EASY below
    :data:`MODERATE_FROM_LTHR` x LTHR, MODERATE up to LTHR, HARD at or above (our mapping of
    Seiler's three zones). Per recorded second when the run has a heart-rate stream, else
    the whole run by its average heart rate. Without heart rates or heart-rate data, by
    RPE (up to 4 easy, 5-6 moderate, 7 and up hard); with neither, UNKNOWN.
    """
    mondays = weeks(first, last)
    rows: dict[date, tuple[int, float, dict[Intensity, float]]] = {
        monday: (0, 0.0, dict.fromkeys(Intensity, 0.0)) for monday in mondays
    }
    for session in _runs(sessions):
        monday = week_start(session.day)
        if monday not in rows:
            continue
        activity = session.activity
        runs, distance, seconds = rows[monday]
        samples = _samples(activity.streams, *_HR_CHANNELS)
        for band, value in _band_seconds(activity, heart, samples).items():
            seconds[band] += value
        rows[monday] = (runs + 1, distance + (_run_distance(activity) or 0.0), seconds)
    return [
        RunWeek(
            week=monday,
            runs=runs,
            distance_m=distance,
            minutes_easy=seconds[Intensity.EASY] / 60.0,
            minutes_moderate=seconds[Intensity.MODERATE] / 60.0,
            minutes_hard=seconds[Intensity.HARD] / 60.0,
            minutes_unknown=seconds[Intensity.UNKNOWN] / 60.0,
        )
        for monday, (runs, distance, seconds) in rows.items()
    ]
