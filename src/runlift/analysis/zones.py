"""Time in heart-rate and pace zones, run by run.

Only run sessions count. Each run with streams gets a :class:`RunZones`: the minutes it
spent in Edwards' five heart-rate zones, the Edwards TRIMP those minutes are worth, and
the minutes it spent at each of Daniels' training intensities judged by speed. Bad data
(NaN, infinite or negative samples, heart rates outside the plausible range, channels of
another length than ``time_s``) is treated as missing, never raised.

Sources
-------
* S. Edwards, *The Heart Rate Monitor Book*, 1993: five zones of 50-60, 60-70, 70-80,
  80-90 and 90-100 % of maximum heart rate, weighted 1..5 in the summated-zone TRIMP
  (:func:`runlift.science.load.edwards_trimp`); time below 50 % counts nothing.
* J. Daniels, *Daniels' Running Formula*, 3rd ed., 2013: the Easy, Marathon, Threshold,
  Interval and Repetition paces (:class:`runlift.science.running.TrainingPaces`). Daniels
  prescribes paces; he does not define zones between them. Cutting the speed axis into
  zones at the midpoints between his paces (see :func:`_pace_zone_index`) is *our*
  mapping, not a published one.

Samples are time-weighted as in :mod:`runlift.analysis.running_progress`: each stands for
half the gap to each neighbour, every gap capped at
:data:`~runlift.analysis.running_progress.MAX_SAMPLE_GAP_S`, so an auto-paused watch adds
no phantom minutes and "smart recording" does not skew the split.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from runlift.analysis.running_progress import STOPPED_BELOW_MPS, _samples, _usable_hr
from runlift.analysis.sessions import Session
from runlift.model.activity import ActivityModality
from runlift.science.load import edwards_trimp
from runlift.science.running import TrainingPaces

FloatArray = npt.NDArray[np.float64]

#: Edwards' zones, in order (fractions of maximum heart rate).
HR_ZONE_LABELS: tuple[str, ...] = ("50-60 %", "60-70 %", "70-80 %", "80-90 %", "90-100 %")

#: Pace zones, slowest first: slower than Daniels' easy range, then one per training pace.
PACE_ZONES: tuple[str, ...] = (
    "below-easy",
    "easy",
    "marathon",
    "threshold",
    "interval",
    "repetition",
)

#: Speed samples above this (m/s) are GPS spikes, not running: it is faster than the
#: fastest human sprint (about 12.4 m/s), so no real stride is lost by dropping them.
MAX_RUN_SPEED_MPS = 12.5

# Lower edges of Edwards' zones in tenths of maximum heart rate. Comparing ``10 * hr``
# with ``k * max_hr`` keeps whole-number boundaries exact in floating point (190 * 0.6 is
# not exactly 114, but 10 * 114 == 6 * 190).
_HR_ZONE_TENTHS = np.arange(5.0, 10.0)


@dataclass(frozen=True, slots=True)
class RunZones:
    """Minutes one run spent in each zone.

    ``hr_minutes`` follows :data:`HR_ZONE_LABELS` (time below 50 % of max is not counted;
    at or above max goes in the top zone) and is ``()`` without a usable heart-rate stream
    or maximum heart rate. ``pace_minutes`` has every key of :data:`PACE_ZONES` (stopped
    time excluded) and is ``{}`` without a usable speed stream or training paces.
    ``edwards_trimp`` is the Edwards TRIMP of ``hr_minutes``, None when that is empty.
    """

    day: date
    activity_id: int
    hr_minutes: tuple[float, ...]
    pace_minutes: dict[str, float]
    edwards_trimp: float | None


def run_zones(
    sessions: Iterable[Session], max_hr: float | None, paces: TrainingPaces | None
) -> list[RunZones]:
    """Time in Edwards' heart-rate zones and Daniels' pace zones for every run, in
    calendar order (ties by id).

    Sessions that are not runs, and runs without at least two timed stream samples, get no
    entry. ``max_hr`` is the athlete's maximum heart rate (bpm); ``paces`` their current
    Daniels training paces. Either may be None (or unusable), which empties the matching
    half of every entry rather than failing.
    """
    top = _finite_positive(max_hr)
    speed_edges = _speed_edges(paces)
    result: list[RunZones] = []
    runs = sorted(
        (s for s in sessions if s.activity.modality is ActivityModality.RUN),
        key=lambda s: (s.day, s.id),
    )
    for session in runs:
        samples = _samples(session.activity.streams, "heart_rate", "speed_mps")
        if samples is None:
            continue
        hr_minutes = _hr_minutes(samples.heart_rate, samples.weights, top)
        result.append(
            RunZones(
                day=session.day,
                activity_id=session.id,
                hr_minutes=hr_minutes,
                pace_minutes=_pace_minutes(samples.speed_mps, samples.weights, speed_edges),
                edwards_trimp=edwards_trimp(hr_minutes) if hr_minutes else None,
            )
        )
    return result


def _finite_positive(value: float | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and number > 0 else None


def _hr_minutes(
    heart_rate: FloatArray | None, weights: FloatArray, max_hr: float | None
) -> tuple[float, ...]:
    """Minutes in Edwards' five zones, or ``()`` without a maximum heart rate or a single
    plausible heart-rate sample."""
    if heart_rate is None or max_hr is None:
        return ()
    usable = _usable_hr(heart_rate)
    if not usable.any():
        return ()
    hr, w = heart_rate[usable], weights[usable]
    # Zone index 0..4 by the last lower edge reached; -1 is below 50 % and is dropped.
    # Everything from 90 % up, including above the stated max (a max set too low), lands
    # in the top zone rather than vanishing.
    zone = np.searchsorted(_HR_ZONE_TENTHS * max_hr, 10.0 * hr, side="right") - 1
    counted = zone >= 0
    seconds = np.bincount(zone[counted], weights=w[counted], minlength=len(HR_ZONE_LABELS))
    return tuple(float(s) / 60.0 for s in seconds)


def _speed_edges(paces: TrainingPaces | None) -> tuple[FloatArray, FloatArray] | None:
    """The paces as speeds (m/s) for :func:`_pace_zone_index`: the easy range's slow and
    fast bounds, and the single-pace speeds of marathon, threshold, interval, repetition.
    None when the paces are missing or unusable."""
    if paces is None:
        return None
    try:
        pace_s_per_km = np.array(
            [
                paces.easy[1],
                paces.easy[0],
                paces.marathon,
                paces.threshold,
                paces.interval,
                paces.repetition,
            ],
            dtype=np.float64,
        )
    except (TypeError, ValueError, IndexError, AttributeError):
        return None
    if not (np.all(np.isfinite(pace_s_per_km)) and np.all(pace_s_per_km > 0)):
        return None
    speeds = 1000.0 / pace_s_per_km
    easy = np.array([min(speeds[0], speeds[1]), max(speeds[0], speeds[1])])
    return easy, speeds[2:]


def _pace_zone_index(
    speed: FloatArray, edges: tuple[FloatArray, FloatArray]
) -> npt.NDArray[np.intp]:
    """Index into :data:`PACE_ZONES` for each (moving, valid) speed.

    Our mapping of Daniels' paces onto zones: slower than the easy range's slow bound is
    "below-easy"; inside the easy range (bounds included) is "easy"; faster, the zone whose
    pace is nearest in *speed*, the easy range counting by its fast bound. Nearest in
    speed, not in s/km, because the oxygen cost of running (Daniels & Gilbert) is close to
    linear in speed, not in pace. A speed exactly between two paces goes to the zone
    listed first in :data:`PACE_ZONES` (the slower one when the paces are in order).
    Distances are computed against every pace rather than at fixed midpoints so that
    hand-entered paces out of the usual order still give the nearest zone.
    """
    (easy_slow, easy_fast), singles = edges
    # Distance to the easy range is zero inside it, else the gap to its nearer bound.
    to_easy = np.maximum(np.maximum(easy_slow - speed, speed - easy_fast), 0.0)
    distances = np.column_stack([to_easy, *(np.abs(speed - v) for v in singles)])
    # argmin keeps the first on a tie: the slower zone when the paces are in the usual order.
    zone: npt.NDArray[np.intp] = np.argmin(distances, axis=1) + 1
    zone[speed < easy_slow] = 0
    return zone


def _pace_minutes(
    speed: FloatArray | None,
    weights: FloatArray,
    edges: tuple[FloatArray, FloatArray] | None,
) -> dict[str, float]:
    """Moving minutes in each pace zone, or ``{}`` without paces or a single valid speed
    sample. Stopped samples are valid but not counted: standing at a light is not running
    below easy pace."""
    if speed is None or edges is None:
        return {}
    # NaN compares False, so missing samples fall out with negative and absurd ones.
    valid = (speed >= 0.0) & (speed <= MAX_RUN_SPEED_MPS)
    if not valid.any():
        return {}
    moving = valid & (speed >= STOPPED_BELOW_MPS)
    zone = _pace_zone_index(speed[moving], edges)
    seconds = np.bincount(zone, weights=weights[moving], minlength=len(PACE_ZONES))
    return {name: float(s) / 60.0 for name, s in zip(PACE_ZONES, seconds, strict=True)}
