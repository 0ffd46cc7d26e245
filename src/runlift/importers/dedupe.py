"""Recognising one session recorded twice (a watch file and its Strava copy; a Garmin
strength file and the Hevy log of the same workout) and choosing the richer record.
"""

from __future__ import annotations

from datetime import timedelta

from runlift.model.activity import Activity, ActivityModality, SetType

#: Two records are the same session when their times overlap by at least this share of
#: the shorter one and they start within ``MAX_START_GAP`` of each other.
MIN_OVERLAP_SHARE = 0.5
MAX_START_GAP = timedelta(minutes=20)


def same_session(a: Activity, b: Activity) -> bool:
    if a.modality is not b.modality:
        return False
    if abs(a.start - b.start) > MAX_START_GAP:
        return False
    a_end = a.start + timedelta(seconds=a.duration_s)
    b_end = b.start + timedelta(seconds=b.duration_s)
    overlap = (min(a_end, b_end) - max(a.start, b.start)).total_seconds()
    shorter = min(a.duration_s, b.duration_s)
    return shorter > 0 and overlap >= MIN_OVERLAP_SHARE * shorter


def richness(a: Activity) -> tuple[int, ...]:
    """A sortable measure of how much a record tells: bigger is richer.

    Lifting sessions rank by sets with a named exercise and a load first (what a lifting
    app records well), then by streams; other sessions by streams, then laps and heart rate.
    """
    streams = a.streams
    channels = (
        0 if streams is None else sum(getattr(streams, c) is not None for c in streams.CHANNELS)
    )
    if a.modality is ActivityModality.STRENGTH:
        working = [s for s in a.sets if s.type is not SetType.REST]
        detailed = sum(1 for s in working if s.load_kg and s.exercise != "unknown exercise")
        return (detailed, len(working), channels, int(a.avg_hr is not None))
    return (channels, len(a.laps), int(a.avg_hr is not None), int(a.distance_m is not None))
