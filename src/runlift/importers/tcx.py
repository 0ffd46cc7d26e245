"""Read recorded activities from TCX files: ``decode_tcx(data, name) -> Decoded``.

The XML is read in one streaming pass through defusedxml (see
:mod:`runlift.importers.xml_safe`); distance, moving time, ascent, heart-rate and
cadence rules are the ones of :mod:`runlift.importers.gpx`, whose helpers this module
shares.

What a TCX file becomes
-----------------------
* **One activity per ``<Activity>``** under ``<Activities>`` (a multisport session
  gives one per leg). Courses (planned routes) and workouts (planned sessions) are
  not recordings: a file holding only those is refused and says so.
* **Sport** from the ``Sport`` attribute: ``Running`` gives modality ``run`` and sport
  ``running``; ``Biking`` gives ``cycling`` and ``Other`` gives ``other``, both modality
  ``other``; a missing attribute gives ``unknown``.
* **Start** is the earliest lap ``StartTime`` (else the first trackpoint, else the
  activity ``Id``), in UTC. **Duration** is the sum of the laps' ``TotalTimeSeconds``
  (the device's timer time) when every lap has one, else first to last trackpoint.
  **Moving time** comes from the trackpoints as for GPX, at most the duration. Unlike a
  GPX segment, a new ``<Track>`` (each lap has its own) is not a gap: the time between
  two trackpoints counts by the same 30 s and 0.5 m/s rule wherever it falls.
* **Distance** is the sum of the laps' ``DistanceMeters`` when every lap has one, else
  the largest trackpoint ``DistanceMeters``, else the haversine sum of the positions.
* **Laps** keep their start, timer time, distance, average and maximum heart rate, and
  the ascent of their own trackpoints. The activity's average heart rate is the
  time-weighted mean of the laps' averages when every lap has one (the device
  averages every second, trackpoints may be sparser), else the trackpoints'; the
  maximum likewise.
* **Streams** from the trackpoints: ``time_s``, ``heart_rate`` (``HeartRateBpm``),
  ``cadence``, ``altitude_m`` (``AltitudeMeters``), ``distance_m`` (the device's
  ``DistanceMeters``, else cumulative haversine), ``speed_mps`` (the ``Speed``
  extension, else derived from distance as in GPX) and ``power_w`` (``Watts``). The
  extensions are found by local name in any namespace prefix (``ns3:TPX``,
  ``ax:TPX``, ...). Trackpoints without a readable ``Time`` are dropped with a
  warning; points out of time order are sorted (as in GPX).
* **Cadence**: ``RunCadence`` is per leg in Garmin's files (the sample ski session
  shows 60-95 while moving), so it goes through the same median rule as GPX and ends
  up in steps per minute; ``Cadence`` is pedal revolutions per minute for rides and
  other sports and is kept as it is, but for a run it is treated like ``RunCadence``.
* **Plausibility**: as in GPX, plus: a negative ``DistanceMeters`` anywhere refuses the
  file, and lap averages or maxima outside 25-240 bpm are dropped with a warning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from math import isnan

from runlift.importers.base import (
    MAX_HEART_RATE,
    MIN_HEART_RATE,
    Decoded,
    ImportFileError,
)
from runlift.importers.gpx import (
    MAX_CADENCE,
    MAX_POWER_W,
    NAN,
    Samples,
    ascent_m,
    channel,
    check_plausible,
    clean_range,
    heart_rate_stats,
    moving_seconds,
    parse_number,
    parse_time,
    speeds_from_steps,
    step_distances,
    steps_per_minute,
    total,
    utc,
)
from runlift.importers.xml_safe import StreamTarget, parse_stream
from runlift.model.activity import Activity, ActivityModality, Lap, Streams

_MAX_NOTE_CHARS = 1_000

_SPORTS = {
    "running": ("running", ActivityModality.RUN),
    "biking": ("cycling", ActivityModality.OTHER),
    "other": ("other", ActivityModality.OTHER),
}


@dataclass(slots=True)
class _Lap:
    start: float | None = None
    total_s: float = NAN
    distance_m: float = NAN
    avg_hr: float = NAN
    max_hr: float = NAN


@dataclass(slots=True)
class _Activity:
    number: int
    sport_attr: str | None
    id_time: float | None = None
    notes: str | None = None
    device: str | None = None
    laps: list[_Lap] = field(default_factory=list)
    points: Samples = field(default_factory=Samples)
    untimed: int = 0
    negative_distance: bool = False


class _TcxReader(StreamTarget):
    root = "TrainingCenterDatabase"
    kind = "TCX"

    def __init__(self) -> None:
        super().__init__()
        self.activities: list[_Activity] = []
        self.activity: _Activity | None = None
        self.lap: _Lap | None = None
        self.in_point = False
        self.courses = 0
        self.workouts = 0
        self._reset_point()

    def _reset_point(self) -> None:
        self._time = ""
        self._lat = self._lon = self._ele = self._dist = NAN
        self._hr = self._cad = self._run_cad = self._speed = self._watts = NAN

    def on_start(self, local: str, attrib: dict[str, str]) -> None:
        activity = self.activity
        if local == "Trackpoint":
            if activity is not None:
                self.in_point = True
                self._reset_point()
        elif local == "Lap":
            if activity is not None:
                self.lap = _Lap(start=parse_time(attrib.get("StartTime", "").strip()))
        elif local == "Activity":
            if "Activities" in self.stack:
                self.activity = _Activity(
                    number=len(self.activities) + 1, sport_attr=attrib.get("Sport")
                )
        elif local == "Course":
            self.courses += 1
        elif local == "Workout":
            self.workouts += 1

    def on_end(self, local: str, text: str) -> None:
        if self.in_point:
            self._point_field(local, text)
            return
        activity = self.activity
        if activity is None:
            return
        parent = self.stack[-2]
        lap = self.lap
        if lap is not None and parent == "Lap":
            if local == "TotalTimeSeconds":
                lap.total_s = parse_number(text)
            elif local == "DistanceMeters":
                lap.distance_m = parse_number(text)
                if lap.distance_m < 0:
                    activity.negative_distance = True
        elif lap is not None and local == "Value" and self.stack[-3] == "Lap":
            if parent == "AverageHeartRateBpm":
                lap.avg_hr = parse_number(text)
            elif parent == "MaximumHeartRateBpm":
                lap.max_hr = parse_number(text)
        elif local == "Lap":
            if lap is not None:
                activity.laps.append(lap)
            self.lap = None
        elif local == "Activity":
            self.activities.append(activity)
            self.activity = None
        elif parent == "Activity":
            if local == "Id":
                activity.id_time = parse_time(text)
            elif local == "Notes":
                activity.notes = text[:_MAX_NOTE_CHARS] or None
        elif local == "Name" and parent == "Creator" and self.stack[-3] == "Activity":
            activity.device = text[:200] or None

    def _point_field(self, local: str, text: str) -> None:
        if local == "Trackpoint":
            self.in_point = False
            self._finish_point()
        elif local == "Time":
            self._time = text
        elif local == "LatitudeDegrees":
            self._lat = parse_number(text)
        elif local == "LongitudeDegrees":
            self._lon = parse_number(text)
        elif local == "AltitudeMeters":
            self._ele = parse_number(text)
        elif local == "DistanceMeters":
            self._dist = parse_number(text)
        elif local == "Value":
            if self.stack[-2] == "HeartRateBpm":
                self._hr = parse_number(text)
        elif local == "Cadence":
            self._cad = parse_number(text)
        elif local == "RunCadence":
            self._run_cad = parse_number(text)
        elif local == "Speed":
            self._speed = parse_number(text)
        elif local == "Watts":
            self._watts = parse_number(text)

    def _finish_point(self) -> None:
        activity = self.activity
        if activity is None:
            return
        moment = parse_time(self._time)
        if moment is None:
            activity.untimed += 1
            return
        lat, lon = self._lat, self._lon
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            lat = lon = NAN
        if self._dist < 0:
            activity.negative_distance = True
        p = activity.points
        p.t.append(moment)
        p.lat.append(lat)
        p.lon.append(lon)
        p.ele.append(self._ele)
        p.hr.append(self._hr)
        p.cad.append(self._cad)
        p.power.append(self._watts)
        p.seg.append(0)  # a TCX <Track> boundary is not a gap: the laps run on
        p.dist.append(self._dist)
        p.speed.append(self._speed)
        p.run_cad.append(self._run_cad)
        p.lap.append(len(activity.laps))


def _valid_hr(value: float) -> bool:
    return MIN_HEART_RATE <= value <= MAX_HEART_RATE


def _laps(raw: _Activity, t_first: float, warnings: list[str], label: str) -> list[Lap]:
    """The laps, with each lap's ascent from its own trackpoints (one pass over them)."""
    s = raw.points
    times: dict[int, list[float]] = {}
    heights: dict[int, list[float]] = {}
    for i, owner in enumerate(s.lap):
        times.setdefault(owner, []).append(s.t[i])
        heights.setdefault(owner, []).append(s.ele[i])
    laps: list[Lap] = []
    bad_hr = 0
    for index, lap in enumerate(raw.laps):
        lap_times = times.get(index, [])
        fallback = lap_times[0] if lap_times else t_first
        lap_start = fallback if lap.start is None else lap.start
        if not isnan(lap.total_s) and lap.total_s >= 0:
            lap_duration = lap.total_s
        else:
            lap_duration = lap_times[-1] - lap_times[0] if len(lap_times) >= 2 else 0.0
        avg = None if isnan(lap.avg_hr) else lap.avg_hr
        top = None if isnan(lap.max_hr) else lap.max_hr
        if avg is not None and not _valid_hr(avg):
            avg, bad_hr = None, bad_hr + 1
        if top is not None and not _valid_hr(top):
            top, bad_hr = None, bad_hr + 1
        ascent = ascent_m(lap_times, heights.get(index, []))
        laps.append(
            Lap(
                start=utc(lap_start),
                duration_s=lap_duration,
                distance_m=None if isnan(lap.distance_m) else lap.distance_m,
                avg_hr=avg,
                max_hr=top,
                ascent_m=None if ascent is None else round(ascent, 1),
            )
        )
    if bad_hr:
        warnings.append(
            f"{label}: {bad_hr} lap heart-rate values outside {MIN_HEART_RATE}-"
            f"{MAX_HEART_RATE} bpm were dropped"
        )
    return laps


def _build(raw: _Activity, name: str, label: str, warnings: list[str]) -> Activity | None:
    s = raw.points
    if raw.negative_distance:
        raise ImportFileError(name, f"{label} has a negative DistanceMeters value")
    if raw.untimed:
        warnings.append(f"{label}: {raw.untimed} trackpoints without a readable time dropped")
    backwards = s.sort_by_time()
    if backwards:
        warnings.append(
            f"{label}: {backwards} trackpoints had a time earlier than the one before; "
            f"they were put in time order"
        )
    sport, modality = _SPORTS.get(
        (raw.sport_attr or "").strip().lower(), ("unknown", ActivityModality.OTHER)
    )
    if raw.sport_attr is None:
        warnings.append(f"{label}: no Sport attribute; imported as 'unknown' (modality other)")
    lap_starts = [lap.start for lap in raw.laps if lap.start is not None]
    if lap_starts:
        start = min(lap_starts)
    elif s.t:
        start = s.t[0]
    elif raw.id_time is not None:
        start = raw.id_time
    else:
        warnings.append(f"{label}: no time anywhere (no laps, trackpoints or Id), skipped")
        return None
    if s.t:
        start = min(start, s.t[0])
    totals = [lap.total_s for lap in raw.laps]
    span = s.t[-1] - start if s.t else 0.0
    duration = 0.0
    if totals and all(not isnan(v) and v >= 0 for v in totals):
        duration = total(totals)
    if duration <= 0:
        duration = span
    if duration <= 0:
        warnings.append(f"{label}: no lap time and fewer than two timed trackpoints, skipped")
        return None

    steps = step_distances(s)
    has_device_distance = any(not isnan(v) for v in s.dist)
    if has_device_distance:
        distance_stream = s.dist
        device_steps = [NAN] * len(s.t)
        for i in range(1, len(s.t)):
            device_steps[i] = s.dist[i] - s.dist[i - 1]
        derived_speed = speeds_from_steps(s.t, device_steps)
    else:
        distance_stream = []
        if any(not isnan(d) for d in steps):  # else no position: no distance channel
            running = 0.0
            for d in steps:
                if not isnan(d):
                    running += d
                distance_stream.append(running)
        derived_speed = speeds_from_steps(s.t, steps)
    device_speed = any(not isnan(v) for v in s.speed)
    speed = s.speed if device_speed else derived_speed

    lap_distances = [lap.distance_m for lap in raw.laps]
    distance: float | None
    if lap_distances and all(not isnan(v) for v in lap_distances):
        distance = total(lap_distances)
    elif has_device_distance:
        distance = max(v for v in s.dist if not isnan(v))
    elif any(not isnan(d) for d in steps):
        distance = total(steps)
    else:
        distance = None
    problem = check_plausible(label, duration, distance, modality, elapsed_s=span)
    if problem:
        raise ImportFileError(name, problem)

    dropped = clean_range(s.hr, MIN_HEART_RATE, MAX_HEART_RATE)
    if dropped:
        warnings.append(
            f"{label}: {dropped} heart-rate samples outside {MIN_HEART_RATE}-"
            f"{MAX_HEART_RATE} bpm were dropped"
        )
    cadence = _cadence(s.cad, s.run_cad, modality)
    odd = clean_range(cadence, 0.0, MAX_CADENCE) + clean_range(s.power, 0.0, MAX_POWER_W)
    odd += clean_range(speed, 0.0, 1_000.0)
    if odd:
        warnings.append(f"{label}: {odd} cadence, power or speed samples out of range were dropped")

    laps = _laps(raw, s.t[0] if s.t else start, warnings, label)

    stream_avg, stream_max = heart_rate_stats(s.t, s.hr)
    avg_hr, max_hr = stream_avg, stream_max
    if laps and all(lap.avg_hr is not None for lap in laps):
        weight = math.fsum(lap.duration_s for lap in laps)
        if weight > 0:
            avg_hr = round(
                math.fsum((lap.avg_hr or 0.0) * lap.duration_s for lap in laps) / weight, 1
            )
    lap_maxima = [lap.max_hr for lap in laps if lap.max_hr is not None]
    if lap_maxima:
        max_hr = max(lap_maxima)

    streams = None
    if s.t:
        streams = Streams(
            time_s=tuple(v - start for v in s.t),
            heart_rate=channel(s.hr),
            speed_mps=channel(speed),
            cadence=channel(cadence),
            altitude_m=channel(s.ele),
            power_w=channel(s.power),
            distance_m=channel(distance_stream),
        )
    moving = None
    if len(s.t) >= 2:
        moving = min(moving_seconds(s.t, s.seg, speed), duration)
    ascent = ascent_m(s.t, s.ele)
    return Activity(
        start=utc(start),
        modality=modality,
        sport=sport,
        duration_s=duration,
        source="tcx",
        moving_s=moving,
        distance_m=distance,
        ascent_m=None if ascent is None else round(ascent, 1),
        avg_hr=avg_hr,
        max_hr=max_hr,
        source_file=name,
        device=raw.device,
        notes=raw.notes,
        laps=tuple(laps),
        streams=streams,
    )


def _cadence(cad: list[float], run_cad: list[float], modality: ActivityModality) -> list[float]:
    has_run = any(not isnan(v) for v in run_cad)
    if has_run:
        return steps_per_minute(run_cad)
    if modality is ActivityModality.RUN:
        return steps_per_minute(cad)
    return cad


def _decode(data: bytes, name: str) -> Decoded:
    reader = _TcxReader()
    parse_stream(data, name, reader)
    several = len(reader.activities) > 1
    warnings: list[str] = []
    activities: list[Activity] = []
    for raw in reader.activities:
        label = f"activity {raw.number}" if several else "the activity"
        built = _build(raw, name, label, warnings)
        if built is not None:
            activities.append(built)
    if activities:
        return Decoded(activities=tuple(activities), warnings=tuple(warnings))
    if reader.activities:
        raise ImportFileError(name, "no track points: the activity has no times or laps")
    if reader.courses:
        raise ImportFileError(name, "holds a course (a planned route), not a recorded activity")
    if reader.workouts:
        raise ImportFileError(name, "holds a planned workout, not a recorded activity")
    raise ImportFileError(name, "no track points: the file holds no activity")


def decode_tcx(data: bytes, name: str) -> Decoded:
    """The activities recorded in a TCX file; raises ImportFileError for any bad file."""
    try:
        return _decode(data, name)
    except ImportFileError:
        raise
    except Exception as exc:  # the boundary: nothing else may escape
        raise ImportFileError(
            name, f"could not be read as TCX ({type(exc).__name__}: {exc})"[:300]
        ) from exc
