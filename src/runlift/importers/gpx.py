"""Read recorded activities from GPX files: ``decode_gpx(data, name) -> Decoded``.

The XML is read in one streaming pass through defusedxml (see
:mod:`runlift.importers.xml_safe` for why gpxpy is not used and what is refused).
This module also holds the track arithmetic that the TCX reader shares.

What a GPX file becomes
-----------------------
* **One activity per ``<trk>``.** The segments of a track are merged in time order;
  the pause between two segments is a gap (no distance is counted across it and it
  is never moving time). Tracks with fewer than two timed points are skipped with a
  warning. Routes (``<rte>``) and waypoints are plans, not recordings: a file with no
  timed track point is refused with "no timestamps: a route, not a recorded activity".
* **Times.** ``start`` is the first timestamped point, in UTC (times without a zone
  are read as UTC, as the GPX schema requires); ``duration_s`` runs from the first to
  the last point. Points without a time, or with a time that cannot be read or lies
  outside 1970-2200, are dropped with a warning. Points whose time goes backwards are
  put back in time order (a stable sort) with a warning: this is what GPS time glitches
  and spliced recordings need, and a device clock reset still ends up refused by the
  48-hour limit below.
* **Sport** comes from the track's ``<type>``: Garmin Connect writes ``running``,
  Strava's activity export a number (``9`` run, ``1`` ride, ``4`` hike, ``10`` walk,
  ``16`` swim; checked on real exports), Strava routes ``Run``, other apps words such
  as ``Biking`` or ``TrailRun``. Running types give modality ``run`` (sport
  ``running``, ``trail_running``, ...); everything else is ``other`` with the type as
  sport. **No ``<type>`` gives sport ``unknown``, modality ``other``, and a warning**:
  the GPSBabel sample has none and mixes walking with a car ride, so guessing "run"
  from a name or a speed would put wrong load into the running history.
* **Distance** is the sum of great-circle (haversine) distances between consecutive
  points, on a sphere of radius :data:`EARTH_RADIUS_M` = 6,371,008.8 m (the IUGG mean
  Earth radius), without smoothing.
* **Moving time** sums the intervals between consecutive points of one segment that
  last at most :data:`MAX_MOVING_GAP_S` (30 s) and are covered at
  :data:`MIN_MOVING_SPEED_MPS` (0.5 m/s) or faster. Longer gaps count as stopped
  even when the position changed. An interval whose speed cannot be known (no
  position, no distance) counts as moving.
* **Ascent** sums climbs in the altitude stream with a hysteresis of
  :data:`ASCENT_HYSTERESIS_M` (3 m): a climb starts counting once the altitude is 3 m
  above the lowest point since the last descent, and a descent only ends a climb once
  it is 3 m below the highest point, so GPS and barometer jitter of a metre or two
  adds nothing. Steps faster than :data:`MAX_VERTICAL_SPEED_MPS` (5 m/s, beyond any
  climb on foot or bike) are sensor jumps, e.g. a barometer settling after start, and
  are skipped.
* **Streams**: ``time_s`` (seconds from start), ``heart_rate``, ``cadence``,
  ``altitude_m``, ``power_w``, ``distance_m`` (cumulative) and ``speed_mps``. Speed
  is the raw derived speed, the distance from the previous point over the time since
  it, not smoothed (NaN at the first point, at a segment start and for points with
  the same time). A channel with no sample at all is ``None``.
* **Extensions**: heart rate, cadence and power are read from any element with the
  local name ``hr``/``heartrate``, ``cad``/``cadence`` and ``power``/``PowerInWatts``
  inside the point, whatever its namespace: Garmin TrackPointExtension v1 and v2
  (``gpxtpx:``/``ns3:``), ClueTrust ``gpxdata:``, and the plain ``<hr>`` some apps
  write.
* **Cadence** is stored in steps per minute for runs (revolutions per minute for
  other sports). Garmin and Strava write running cadence per leg (the sample run
  shows 79-80 at an easy pace, i.e. 158-160 steps/min), so a run's cadence is doubled
  when the median of its non-zero samples is below 120; a file that already holds
  steps per minute (median 150-190) is kept as it is.
* **Plausibility** (limits in :mod:`runlift.importers.base`): heart-rate samples
  outside 25-240 bpm become NaN with a warning, as do cadence outside 0-300 and power
  outside 0-3000 W. An activity over 48 h, a run averaging more than 12.5 m/s over its
  elapsed time, or any activity averaging more than :data:`MAX_SPEED_MPS` (100 m/s)
  makes the whole file refused (one file is one import: nothing is half taken).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from math import isnan

from runlift.importers.base import (
    MAX_ACTIVITY_S,
    MAX_HEART_RATE,
    MAX_RUN_SPEED_MPS,
    MIN_HEART_RATE,
    Decoded,
    ImportFileError,
)
from runlift.importers.xml_safe import StreamTarget, parse_stream
from runlift.model.activity import Activity, ActivityModality, Streams

EARTH_RADIUS_M = 6_371_008.8
MIN_MOVING_SPEED_MPS = 0.5
MAX_MOVING_GAP_S = 30.0
ASCENT_HYSTERESIS_M = 3.0
MAX_VERTICAL_SPEED_MPS = 5.0
MAX_CADENCE = 300.0
MAX_POWER_W = 3000.0
#: Average speed above which no activity of any sport is believed (360 km/h).
MAX_SPEED_MPS = 100.0
#: Median step cadence below which a run's cadence is taken as per leg and doubled.
PER_LEG_CADENCE_BELOW = 120.0
#: Timestamps outside [1970, 2200) are treated as unreadable.
_MIN_EPOCH = 0.0
_MAX_EPOCH = 7_258_118_400.0
_MAX_NOTE_CHARS = 1_000

NAN = math.nan
_RADIANS = math.pi / 180.0

HR_NAMES = frozenset({"hr", "heartrate", "heart_rate"})
CADENCE_NAMES = frozenset({"cad", "cadence"})
POWER_NAMES = frozenset({"power", "powerinwatts", "watts"})

#: ``<type>`` values, normalized (lower case, ``_`` for spaces and dashes), to sport.
_SPORTS = {
    "run": "running",
    "running": "running",
    "9": "running",
    "trailrun": "trail_running",
    "trail_run": "trail_running",
    "trail_running": "trail_running",
    "treadmill": "treadmill_running",
    "treadmill_running": "treadmill_running",
    "indoor_running": "treadmill_running",
    "track_running": "track_running",
    "street_running": "running",
    "road_running": "running",
    "virtualrun": "virtual_running",
    "virtual_run": "virtual_running",
    "virtual_running": "virtual_running",
    "ride": "cycling",
    "1": "cycling",
    "biking": "cycling",
    "bike": "cycling",
    "cycling": "cycling",
    "road_biking": "cycling",
    "mountain_biking": "mountain_biking",
    "mountainbikeride": "mountain_biking",
    "virtualride": "virtual_cycling",
    "hike": "hiking",
    "4": "hiking",
    "hiking": "hiking",
    "walk": "walking",
    "10": "walking",
    "walking": "walking",
    "swim": "swimming",
    "16": "swimming",
    "swimming": "swimming",
}
RUN_SPORTS = frozenset(
    {"running", "trail_running", "treadmill_running", "track_running", "virtual_running"}
)


# ----------------------------------------------------------------------------
# Samples and the arithmetic shared with the TCX reader
# ----------------------------------------------------------------------------


@dataclass(slots=True)
class Samples:
    """The points of one activity as parallel lists (NaN marks a missing value).

    ``seg`` numbers the continuous stretches (GPX segments; always 0 for TCX); no
    distance or moving time is counted between points of different stretches. ``dist``, ``speed``,
    ``run_cad`` and ``lap`` hold what a TCX device recorded (cumulative distance, speed,
    per-leg run cadence, lap index) and stay empty for GPX.
    """

    t: list[float] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    ele: list[float] = field(default_factory=list)
    hr: list[float] = field(default_factory=list)
    cad: list[float] = field(default_factory=list)
    power: list[float] = field(default_factory=list)
    seg: list[int] = field(default_factory=list)
    dist: list[float] = field(default_factory=list)
    speed: list[float] = field(default_factory=list)
    run_cad: list[float] = field(default_factory=list)
    lap: list[int] = field(default_factory=list)

    def sort_by_time(self) -> int:
        """Put the points in time order (stable); returns how many were out of order."""
        t = self.t
        backwards = sum(1 for i in range(1, len(t)) if t[i] < t[i - 1])
        if backwards:
            order = sorted(range(len(t)), key=t.__getitem__)
            floats = (self.t, self.lat, self.lon, self.ele, self.hr, self.cad, self.power)
            for column in (*floats, self.dist, self.speed, self.run_cad):
                if column:
                    column[:] = [column[i] for i in order]
            for ints in (self.seg, self.lap):
                if ints:
                    ints[:] = [ints[i] for i in order]
        return backwards


def parse_number(text: str) -> float:
    """A finite float from ``text``, or NaN when it is absent or unreadable."""
    if not text or len(text) > 40:
        return NAN
    try:
        value = float(text)
    except ValueError:
        return NAN
    return value if math.isfinite(value) else NAN


def parse_time(text: str) -> float | None:
    """Seconds since the Unix epoch for an ISO 8601 time (no zone means UTC)."""
    if not text or len(text) > 40:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        value = moment.timestamp()
    except (OverflowError, OSError, ValueError):
        return None
    return value if _MIN_EPOCH <= value < _MAX_EPOCH else None


def utc(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres on a sphere of radius EARTH_RADIUS_M."""
    p1 = lat1 * _RADIANS
    p2 = lat2 * _RADIANS
    dp = p2 - p1
    dl = (lon2 - lon1) * _RADIANS
    h = math.sin(dp * 0.5) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl * 0.5) ** 2
    h = min(h, 1.0)  # rounding guard; in this order a NaN position stays NaN
    return 2.0 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def step_distances(s: Samples) -> list[float]:
    """Distance from the previous point of the same stretch, NaN where unknown."""
    lat, lon, seg = s.lat, s.lon, s.seg
    steps = [NAN] * len(lat)
    for i in range(1, len(lat)):
        if seg[i] == seg[i - 1]:
            # NaN positions give NaN, which is what "unknown" should be.
            steps[i] = haversine_m(lat[i - 1], lon[i - 1], lat[i], lon[i])
    return steps


def speeds_from_steps(t: Sequence[float], steps: Sequence[float]) -> list[float]:
    """Raw derived speed at each point: the last step over the time it took."""
    out = [NAN] * len(t)
    for i in range(1, len(t)):
        dt = t[i] - t[i - 1]
        if dt > 0:
            out[i] = steps[i] / dt
    return out


def moving_seconds(t: Sequence[float], seg: Sequence[int], speed: Sequence[float]) -> float:
    """Seconds spent moving: see the module docstring for the rule."""
    total = 0.0
    for i in range(1, len(t)):
        if seg[i] != seg[i - 1]:
            continue
        dt = t[i] - t[i - 1]
        if dt <= 0 or dt > MAX_MOVING_GAP_S:
            continue
        v = speed[i]
        if isnan(v) or v >= MIN_MOVING_SPEED_MPS:  # unknown speed counts as moving
            total += dt
    return total


def ascent_m(t: Sequence[float], ele: Sequence[float]) -> float | None:
    """Total climb with hysteresis and jump rejection; None without two altitudes."""
    ref = prev = prev_t = NAN
    climbing = False
    total = 0.0
    count = 0
    for i, a in enumerate(ele):
        if isnan(a):
            continue
        count += 1
        if count == 1:
            ref = prev = a
            prev_t = t[i]
            continue
        step = a - prev
        if abs(step) > MAX_VERTICAL_SPEED_MPS * max(t[i] - prev_t, 1.0):
            ref += step  # a sensor jump: move the reference along, count nothing
        elif climbing:
            if a > ref:
                total += a - ref
                ref = a
            elif ref - a >= ASCENT_HYSTERESIS_M:
                climbing = False
                ref = a
        elif a < ref:
            ref = a
        elif a - ref >= ASCENT_HYSTERESIS_M:
            climbing = True
            total += a - ref
            ref = a
        prev = a
        prev_t = t[i]
    return total if count >= 2 else None


def clean_range(values: list[float], low: float, high: float) -> int:
    """Set samples outside [low, high] to NaN in place; returns how many."""
    dropped = 0
    for i, v in enumerate(values):
        if not isnan(v) and not low <= v <= high:
            values[i] = NAN
            dropped += 1
    return dropped


def steps_per_minute(cadence: list[float]) -> list[float]:
    """Per-leg cadence doubled to steps/min when its median says it is per leg."""
    positive = sorted(v for v in cadence if not isnan(v) and v > 0)
    if positive and positive[len(positive) // 2] < PER_LEG_CADENCE_BELOW:
        return [v * 2.0 for v in cadence]
    return cadence


def heart_rate_stats(t: Sequence[float], hr: Sequence[float]) -> tuple[float | None, float | None]:
    """Time-weighted average and maximum of the valid heart-rate samples.

    Each sample weighs half the time to each neighbour, each half capped at the moving
    gap, so sparse "smart recording" samples are not under- or over-counted.
    """
    best = -1.0
    weighted = weights = 0.0
    plain = 0.0
    count = 0
    n = len(hr)
    for i, v in enumerate(hr):
        if isnan(v):
            continue
        count += 1
        plain += v
        best = max(best, v)
        w = 0.0
        if i > 0:
            w += min(max(t[i] - t[i - 1], 0.0), MAX_MOVING_GAP_S) * 0.5
        if i + 1 < n:
            w += min(max(t[i + 1] - t[i], 0.0), MAX_MOVING_GAP_S) * 0.5
        weighted += v * w
        weights += w
    if not count:
        return None, None
    average = weighted / weights if weights > 0 else plain / count
    return round(average, 1), best


def channel(values: list[float]) -> tuple[float, ...] | None:
    """The stream tuple, or None when no sample has a value."""
    if not values or all(isnan(v) for v in values):
        return None
    return tuple(values)


def classify_sport(raw: str | None) -> tuple[str, ActivityModality]:
    """(sport, modality) for a ``<type>`` text; ``unknown``/other when absent."""
    if raw is None or not raw.strip():
        return "unknown", ActivityModality.OTHER
    key = "_".join(raw.strip().lower().replace("-", " ").split())
    sport = _SPORTS.get(key)
    if sport is None:
        cleaned = "".join(c for c in key if c.isalnum() or c == "_")[:40]
        sport = cleaned if cleaned and not cleaned.isdigit() else "unknown"
    modality = ActivityModality.RUN if sport in RUN_SPORTS else ActivityModality.OTHER
    return sport, modality


def total(values: Iterable[float]) -> float:
    """The exact sum of the non-NaN values; infinity when it overflows."""
    try:
        return math.fsum(v for v in values if not isnan(v))
    except OverflowError:
        return math.inf


def check_plausible(
    label: str,
    duration_s: float,
    distance_m: float | None,
    modality: ActivityModality,
    *,
    elapsed_s: float = 0.0,
) -> str | None:
    """Why an activity is impossible (the file is then refused), or None.

    ``elapsed_s`` is the span of the samples when it may differ from ``duration_s``.
    """
    longest = max(duration_s, elapsed_s)
    if not math.isfinite(longest) or longest > MAX_ACTIVITY_S:
        return (
            f"{label} lasts {longest / 3600:.1f} h, more than the "
            f"{MAX_ACTIVITY_S // 3600} h any activity can; the device clock may have jumped"
        )
    if distance_m is not None and distance_m < 0:
        return f"{label} has a negative distance ({distance_m:.0f} m)"
    if distance_m is not None and duration_s > 0 and distance_m / duration_s > MAX_SPEED_MPS:
        return (
            f"{label} averages {distance_m / duration_s:.3g} m/s, faster than any sport "
            f"(limit {MAX_SPEED_MPS:.0f} m/s): its distance or times are wrong"
        )
    if (
        modality is ActivityModality.RUN
        and distance_m is not None
        and duration_s > 0
        and distance_m / duration_s > MAX_RUN_SPEED_MPS
    ):
        return (
            f"{label} is marked as a run but averages {distance_m / duration_s:.1f} m/s, "
            f"faster than any human runs (limit {MAX_RUN_SPEED_MPS} m/s): check its sport"
        )
    return None


# ----------------------------------------------------------------------------
# GPX parsing
# ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Track:
    number: int
    name: str | None = None
    type: str | None = None
    desc: str | None = None
    points: Samples = field(default_factory=Samples)
    segments: int = 0
    untimed: int = 0
    bad_position: int = 0


class _GpxReader(StreamTarget):
    root = "gpx"
    kind = "GPX"

    def __init__(self) -> None:
        super().__init__()
        self.tracks: list[_Track] = []
        self.track: _Track | None = None
        self.route_points = 0
        self.waypoints = 0
        self.track_points = 0
        self.in_point = False
        self._lat = self._lon = ""
        self._time = ""
        self._ele = self._hr = self._cad = self._power = NAN

    def on_start(self, local: str, attrib: dict[str, str]) -> None:
        if local == "trkpt":
            if self.track is not None:
                self.in_point = True
                self._lat = attrib.get("lat", "")
                self._lon = attrib.get("lon", "")
                self._time = ""
                self._ele = self._hr = self._cad = self._power = NAN
        elif local == "trkseg":
            if self.track is not None:
                self.track.segments += 1
        elif local == "trk":
            self.track = _Track(number=len(self.tracks) + 1)
        elif local == "rtept":
            self.route_points += 1
        elif local == "wpt":
            self.waypoints += 1

    def on_end(self, local: str, text: str) -> None:
        if self.in_point:
            if local == "trkpt":
                self.in_point = False
                self._finish_point()
            elif local == "time":
                if self.stack[-2] == "trkpt":
                    self._time = text
            elif local == "ele":
                if self.stack[-2] == "trkpt":
                    self._ele = parse_number(text)
            else:
                low = local.lower()
                if low in HR_NAMES:
                    self._hr = parse_number(text)
                elif low in CADENCE_NAMES:
                    self._cad = parse_number(text)
                elif low in POWER_NAMES:
                    self._power = parse_number(text)
            return
        track = self.track
        if track is None:
            return
        if local == "trk":
            self.tracks.append(track)
            self.track = None
        elif self.stack[-2] == "trk":
            if local == "name":
                track.name = text[:_MAX_NOTE_CHARS] or None
            elif local == "type":
                track.type = text[:100] or None
            elif local == "desc":
                track.desc = text[:_MAX_NOTE_CHARS] or None

    def _finish_point(self) -> None:
        track = self.track
        if track is None:
            return
        self.track_points += 1
        lat = parse_number(self._lat)
        lon = parse_number(self._lon)
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            track.bad_position += 1
            return
        moment = parse_time(self._time)
        if moment is None:
            track.untimed += 1
            return
        p = track.points
        p.t.append(moment)
        p.lat.append(lat)
        p.lon.append(lon)
        p.ele.append(self._ele)
        p.hr.append(self._hr)
        p.cad.append(self._cad)
        p.power.append(self._power)
        p.seg.append(track.segments)


def _note(track: _Track) -> str | None:
    parts = [part for part in (track.name, track.desc) if part]
    return "\n".join(parts)[:_MAX_NOTE_CHARS] if parts else None


def _build(track: _Track, name: str, label: str, warnings: list[str]) -> Activity | None:
    s = track.points
    if track.bad_position:
        warnings.append(f"{label}: {track.bad_position} points without a valid position dropped")
    if track.untimed and s.t:
        warnings.append(f"{label}: {track.untimed} points without a readable time dropped")
    if len(s.t) < 2:
        if s.t or track.untimed or track.bad_position:
            warnings.append(f"{label}: fewer than two timed points, skipped")
        return None
    backwards = s.sort_by_time()
    if backwards:
        warnings.append(
            f"{label}: {backwards} points had a time earlier than the point before; "
            f"the points were put in time order"
        )
    t0 = s.t[0]
    duration = s.t[-1] - t0
    if duration <= 0:
        warnings.append(f"{label}: all points have the same time, skipped")
        return None
    sport, modality = classify_sport(track.type)
    if track.type is None:
        warnings.append(
            f"{label}: the file does not say which sport this is (no <type>); imported "
            f"as 'unknown' (modality other): change it if it was a run"
        )
    steps = step_distances(s)
    distance = total(steps)
    problem = check_plausible(label, duration, distance, modality)
    if problem:
        raise ImportFileError(name, problem)
    speed = speeds_from_steps(s.t, steps)
    cumulative: list[float] = []
    running = 0.0
    for d in steps:
        if not isnan(d):
            running += d
        cumulative.append(running)
    dropped = clean_range(s.hr, MIN_HEART_RATE, MAX_HEART_RATE)
    if dropped:
        warnings.append(
            f"{label}: {dropped} heart-rate samples outside {MIN_HEART_RATE}-"
            f"{MAX_HEART_RATE} bpm were dropped"
        )
    cadence = steps_per_minute(s.cad) if modality is ActivityModality.RUN else s.cad
    odd = clean_range(cadence, 0.0, MAX_CADENCE) + clean_range(s.power, 0.0, MAX_POWER_W)
    if odd:
        warnings.append(f"{label}: {odd} cadence or power samples out of range were dropped")
    avg_hr, max_hr = heart_rate_stats(s.t, s.hr)
    streams = Streams(
        time_s=tuple(v - t0 for v in s.t),
        heart_rate=channel(s.hr),
        speed_mps=channel(speed),
        cadence=channel(cadence),
        altitude_m=channel(s.ele),
        power_w=channel(s.power),
        distance_m=tuple(cumulative),
    )
    ascent = ascent_m(s.t, s.ele)
    return Activity(
        start=utc(t0),
        modality=modality,
        sport=sport,
        duration_s=duration,
        source="gpx",
        moving_s=moving_seconds(s.t, s.seg, speed),
        distance_m=distance,
        ascent_m=None if ascent is None else round(ascent, 1),
        avg_hr=avg_hr,
        max_hr=max_hr,
        source_file=name,
        notes=_note(track),
        streams=streams,
    )


def _decode(data: bytes, name: str) -> Decoded:
    reader = _GpxReader()
    parse_stream(data, name, reader)
    several = len(reader.tracks) > 1
    warnings: list[str] = []
    activities: list[Activity] = []
    for track in reader.tracks:
        label = f"track {track.number}" + (f" ({track.name})" if track.name else "")
        built = _build(track, name, label if several else "the track", warnings)
        if built is not None:
            activities.append(built)
    if activities:
        return Decoded(activities=tuple(activities), warnings=tuple(warnings))
    timed = sum(len(track.points.t) for track in reader.tracks)
    untimed = sum(track.untimed for track in reader.tracks)
    if reader.track_points == 0 and reader.route_points == 0:
        what = f"only {reader.waypoints} waypoints" if reader.waypoints else "nothing"
        raise ImportFileError(name, f"no track points: the file holds {what}")
    if timed == 0 and untimed == 0 and reader.track_points:
        raise ImportFileError(name, "no track point has a valid latitude and longitude")
    if timed == 0:
        raise ImportFileError(name, "no timestamps: a route, not a recorded activity")
    raise ImportFileError(name, "no track has two points with different times")


def decode_gpx(data: bytes, name: str) -> Decoded:
    """The activities recorded in a GPX file; raises ImportFileError for any bad file."""
    try:
        return _decode(data, name)
    except ImportFileError:
        raise
    except Exception as exc:  # the boundary: nothing else may escape
        raise ImportFileError(
            name, f"could not be read as GPX ({type(exc).__name__}: {exc})"[:300]
        ) from exc
