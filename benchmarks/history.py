"""A synthetic, realistic training history, shared by the storage and analytics benchmarks.

Ten years of a hybrid athlete: runs with 1 Hz streams (heart rate, speed, cadence,
altitude, distance) and lifting sessions with their sets (and a heart-rate stream).
Seeded, so every run of a benchmark stores the same data.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

from runlift.model.activity import (
    Activity,
    ActivityModality,
    Lap,
    SetType,
    Streams,
    StrengthSet,
)

LIFTS = ("back squat", "deadlift", "bench press", "overhead press", "row", "pull-up", "lunge")
ZONE = timezone(timedelta(hours=1))


def _streams(rng: random.Random, seconds: int, run: bool) -> Streams:
    t = tuple(float(i) for i in range(seconds))
    base = rng.uniform(130, 155)
    hr = tuple(base + 10 * math.sin(i / 300) + rng.uniform(-2, 2) for i in range(seconds))
    if not run:
        return Streams(time_s=t, heart_rate=hr)
    speed = tuple(
        max(0.0, 3.0 + 0.3 * math.sin(i / 120) + rng.uniform(-0.2, 0.2)) for i in range(seconds)
    )
    distance = tuple(itertools.accumulate(speed))
    return Streams(
        time_s=t,
        heart_rate=hr,
        speed_mps=speed,
        cadence=tuple(170 + rng.uniform(-5, 5) for _ in range(seconds)),
        altitude_m=tuple(50 + 20 * math.sin(i / 600) for i in range(seconds)),
        distance_m=distance,
    )


def history(
    count: int, sets_per_lift: int = 30, mean_seconds: int = 3600, seed: int = 7
) -> Iterator[Activity]:
    """``count`` activities spread over ten years, 60 % runs and 40 % lifts."""
    rng = random.Random(seed)
    start = datetime(2016, 1, 4, 6, 30, tzinfo=UTC)
    step = timedelta(days=3650 / max(count, 1))
    for i in range(count):
        when = (start + i * step).astimezone(ZONE)
        run = i % 5 < 3
        seconds = int(rng.uniform(0.5, 1.5) * mean_seconds)
        streams = _streams(rng, seconds, run)
        if run:
            distance = streams.distance_m[-1] if streams.distance_m else None
            yield Activity(
                start=when,
                modality=ActivityModality.RUN,
                sport="running",
                duration_s=float(seconds),
                moving_s=float(seconds),
                distance_m=distance,
                avg_hr=sum(streams.heart_rate or ()) / seconds,
                rpe=float(rng.randint(2, 8)),
                source="fit",
                source_file=f"run-{i}.fit",
                source_hash=f"h{i:08d}",
                laps=tuple(
                    Lap(when + timedelta(seconds=600 * k), 600.0, 1800.0)
                    for k in range(seconds // 600)
                ),
                streams=streams,
            )
        else:
            sets = tuple(
                StrengthSet(
                    exercise=LIFTS[k % len(LIFTS)],
                    exercise_raw=LIFTS[k % len(LIFTS)],
                    type=SetType.WARMUP if k % 6 == 0 else SetType.WORKING,
                    reps=rng.randint(3, 10),
                    load_kg=round(rng.uniform(40, 160) / 2.5) * 2.5,
                    rpe=float(rng.randint(6, 9)),
                )
                for k in range(sets_per_lift)
            )
            yield Activity(
                start=when,
                modality=ActivityModality.STRENGTH,
                sport="strength_training",
                duration_s=float(seconds),
                rpe=float(rng.randint(5, 9)),
                source="fit",
                source_file=f"lift-{i}.fit",
                source_hash=f"h{i:08d}",
                streams=streams,
                sets=sets,
            )
