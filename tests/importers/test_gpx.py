"""GPX import: real files against independent values, the track arithmetic, sport and
cadence rules, plausibility, and hostile or broken input (the XML-safety cases run for
both the GPX and the TCX reader, which share ``xml_safe``)."""

from __future__ import annotations

import math
import re
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import gpxpy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlift.importers import xml_safe
from runlift.importers.base import Decoded, ImportFileError
from runlift.importers.gpx import (
    ASCENT_HYSTERESIS_M,
    EARTH_RADIUS_M,
    decode_gpx,
)
from runlift.importers.tcx import decode_tcx
from runlift.model.activity import Activity, ActivityModality

FILES = Path(__file__).resolve().parents[1] / "files" / "gpx"
SAMPLES = Path("/work/shared/data/samples/gpx")
T0 = datetime(2026, 5, 1, 6, 0, tzinfo=UTC)
#: Metres per degree of latitude on the importer's sphere.
M_PER_DEG = EARTH_RADIUS_M * math.pi / 180.0

V1 = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
V2 = "http://www.garmin.com/xmlschemas/TrackPointExtension/v2"


def fixture(name: str) -> bytes:
    return (FILES / name).read_bytes()


def nan_free(values: tuple[float, ...] | None) -> list[float]:
    assert values is not None
    return [v for v in values if not math.isnan(v)]


def only(decoded: Decoded) -> Activity:
    assert len(decoded.activities) == 1
    return decoded.activities[0]


# ---------------------------------------------------------------- synthetic files


def iso(seconds: float) -> str:
    return (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def pt(
    t: float | str | None,
    north_m: float,
    *,
    ele: float | None = None,
    hr: float | None = None,
    cad: float | None = None,
    power: float | None = None,
    ext: str = "v1",
) -> str:
    """A track point ``north_m`` metres north of 60N 25E, ``t`` seconds after T0."""
    lat = 60.0 + north_m / M_PER_DEG
    body = ""
    if ele is not None:
        body += f"<ele>{ele}</ele>"
    if t is not None:
        body += f"<time>{t if isinstance(t, str) else iso(t)}</time>"
    inner = ""
    if hr is not None:
        inner += f"<gpxtpx:hr>{hr}</gpxtpx:hr>" if ext in ("v1", "v2") else f"<hr>{hr}</hr>"
    if cad is not None:
        inner += f"<gpxtpx:cad>{cad}</gpxtpx:cad>" if ext in ("v1", "v2") else f"<cad>{cad}</cad>"
    if inner and ext in ("v1", "v2"):
        inner = f"<gpxtpx:TrackPointExtension>{inner}</gpxtpx:TrackPointExtension>"
    if power is not None:
        inner += f"<power>{power}</power>"
    if inner:
        body += f"<extensions>{inner}</extensions>"
    return f'<trkpt lat="{lat:.9f}" lon="25.0">{body}</trkpt>'


def trk(*segments: list[str], type: str | None = "running", name: str | None = None) -> str:
    head = (f"<name>{name}</name>" if name else "") + (f"<type>{type}</type>" if type else "")
    body = "".join("<trkseg>" + "".join(points) + "</trkseg>" for points in segments)
    return f"<trk>{head}{body}</trk>"


def gpx_text(*tracks: str, ns: str = V1, encoding: str = "UTF-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<gpx version="1.1" creator="runlift tests" xmlns="http://www.topografix.com/GPX/1/1"'
        f' xmlns:gpxtpx="{ns}">{"".join(tracks)}</gpx>'
    )


def gpx(*tracks: str, ns: str = V1) -> bytes:
    return gpx_text(*tracks, ns=ns).encode()


def steady(n: int, *, step_m: float = 3.0, dt: float = 1.0, **extra: float) -> list[str]:
    return [pt(i * dt, i * step_m, **extra) for i in range(n)]


def one_hour_gpx() -> bytes:
    """A 1 Hz, one-hour run with elevation, heart rate and cadence."""
    points = [
        pt(i, i * 3.0, ele=100 + 10 * math.sin(i / 300), hr=140 + i % 20, cad=85 + i % 3)
        for i in range(3600)
    ]
    return gpx(trk(points))


# ---------------------------------------------------------------- real files


def test_garmin_connect_run_matches_its_own_values() -> None:
    a = only(decode_gpx(fixture("garmin-activity.gpx"), "garmin-activity.gpx"))
    assert a.start == datetime(2017, 7, 29, 14, 46, 35, tzinfo=UTC)
    assert a.start.tzinfo is not None
    assert a.sport == "running"
    assert a.modality is ActivityModality.RUN
    assert a.source == "gpx"
    assert a.source_file == "garmin-activity.gpx"
    assert a.notes == "casual stroll"
    assert a.duration_s == 5498.0  # 14:46:35 -> 16:18:13
    # gpxpy's length_2d of the same track (12,835.55 m) uses a 6,378,137 m radius.
    assert a.distance_m == pytest.approx(12835.55 * EARTH_RADIUS_M / 6_378_137.0, rel=2e-3)
    assert a.moving_s is not None and 0.95 * a.duration_s < a.moving_s <= a.duration_s
    assert a.ascent_m is not None and 150 < a.ascent_m < 263  # 263 m is the raw sum
    streams = a.streams
    assert streams is not None
    assert len(streams) == 988
    assert len(nan_free(streams.heart_rate)) == 988
    assert a.max_hr == 171.0
    assert a.avg_hr is not None and 140 < a.avg_hr < 150
    assert streams.cadence is not None
    assert streams.cadence[0] == 158.0  # ns3:cad 79, per leg
    assert streams.altitude_m is not None and streams.altitude_m[0] == 104.0
    assert streams.distance_m is not None
    assert streams.distance_m[-1] == pytest.approx(a.distance_m)
    assert streams.power_w is None
    assert streams.time_s[0] == 0.0 and streams.time_s[-1] == 5498.0


def test_gpsbabel_log_gives_one_activity_per_track_without_a_sport() -> None:
    decoded = decode_gpx(fixture("cerknicko-jezero.gpx"), "cerknicko-jezero.gpx")
    # 8 <trk>: the first is empty; 296 points in all.
    assert [len(a.streams or ()) for a in decoded.activities] == [173, 52, 2, 44, 2, 2, 21]
    first = decoded.activities[0]
    assert first.start == datetime(2010, 8, 5, 14, 23, 59, tzinfo=UTC)
    assert first.distance_m == pytest.approx(1914.5 * EARTH_RADIUS_M / 6_378_137.0, rel=2e-3)
    assert first.duration_s == 2469.0
    for a in decoded.activities:
        assert (a.sport, a.modality) == ("unknown", ActivityModality.OTHER)
        assert a.streams is not None and a.streams.heart_rate is None
        assert a.streams.altitude_m is not None
    assert sum("no <type>" in w for w in decoded.warnings) == 7
    assert decoded.activities[0].notes == "ACTIVE LOG #2"


def test_a_route_without_times_is_refused_as_a_route() -> None:
    with pytest.raises(ImportFileError, match="no timestamps: a route, not a recorded activity"):
        decode_gpx(fixture("strava_route_example.gpx"), "route.gpx")


def _sample_paths() -> list[Path]:
    local = sorted(FILES.glob("*.gpx"))
    shared = sorted(SAMPLES.glob("*.gpx")) if SAMPLES.is_dir() else []
    return local + shared


@pytest.mark.parametrize("path", _sample_paths(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_sample_agrees_with_gpxpy(path: Path) -> None:
    """Timed tracks, point counts, starts and distances against gpxpy as an oracle."""
    expected = []
    for track in gpxpy.parse(path.read_text("utf-8")).tracks:
        points = [p for s in track.segments for p in s.points if p.time is not None]
        if len(points) >= 2:
            expected.append((len(points), points[0].time, track.length_2d()))
    try:
        decoded = decode_gpx(path.read_bytes(), path.name)
    except ImportFileError as error:
        assert not expected, error
        assert "no timestamps" in error.reason
        return
    assert len(decoded.activities) == len(expected)
    for a, (count, start, length) in zip(decoded.activities, expected, strict=True):
        assert a.streams is not None and len(a.streams) == count
        assert a.start == start
        assert a.distance_m == pytest.approx(length * EARTH_RADIUS_M / 6_378_137.0, rel=5e-3)


def test_shared_samples_are_present_or_skipped() -> None:
    if not SAMPLES.is_dir():
        pytest.skip(f"{SAMPLES} is absent: only the copies in tests/files/gpx were tested")
    assert {p.name for p in SAMPLES.glob("*.gpx")} >= {p.name for p in FILES.glob("*.gpx")}


# ---------------------------------------------------------------- arithmetic


def test_distance_speed_and_streams_of_a_steady_run() -> None:
    a = only(decode_gpx(gpx(trk(steady(11, step_m=3.0))), "steady.gpx"))
    assert a.distance_m == pytest.approx(30.0, abs=1e-3)
    assert a.duration_s == 10.0
    assert a.moving_s == 10.0
    s = a.streams
    assert s is not None
    assert s.time_s == tuple(float(i) for i in range(11))
    assert s.distance_m == pytest.approx([3.0 * i for i in range(11)], abs=1e-3)
    assert s.speed_mps is not None
    assert math.isnan(s.speed_mps[0])
    assert s.speed_mps[1:] == pytest.approx([3.0] * 10, abs=1e-3)
    assert s.heart_rate is None and s.cadence is None and s.altitude_m is None


def test_haversine_uses_the_documented_radius() -> None:
    # 0.01 degrees of latitude along a meridian is exactly R * pi / 18000.
    body = f'<trkpt lat="45.0" lon="7.0"><time>{iso(0)}</time></trkpt>'
    body += f'<trkpt lat="45.01" lon="7.0"><time>{iso(100)}</time></trkpt>'
    a = only(decode_gpx(gpx(trk([body])), "r.gpx"))
    assert a.distance_m == pytest.approx(6_371_008.8 * math.pi / 18_000, rel=1e-9)


def test_segments_merge_but_the_gap_between_them_is_neither_distance_nor_moving() -> None:
    first = steady(11, step_m=3.0)
    # Ten minutes later and 1 km further on, the recording resumes.
    second = [pt(600 + i, 1000 + i * 3.0) for i in range(11)]
    a = only(decode_gpx(gpx(trk(first, second)), "segments.gpx"))
    assert a.duration_s == 610.0
    assert a.distance_m == pytest.approx(60.0, abs=1e-3)
    assert a.moving_s == 20.0
    assert a.streams is not None and a.streams.speed_mps is not None
    assert math.isnan(a.streams.speed_mps[11])  # first point of the second segment


def test_moving_time_drops_stops_and_long_gaps() -> None:
    points = steady(11, step_m=3.0)  # 10 s moving
    points += [pt(10 + i, 30.0 + 0.1 * i) for i in range(1, 21)]  # 20 s at 0.1 m/s
    points.append(pt(70, 150.0))  # a 40 s gap, moving fast: still a gap
    points.append(pt(71, 153.0))  # 1 s moving
    a = only(decode_gpx(gpx(trk(points)), "stops.gpx"))
    assert a.duration_s == 71.0
    assert a.moving_s == 11.0


@pytest.mark.parametrize(
    ("heights", "expected"),
    [
        ([100, 101, 100, 101.5, 100, 102, 100.5] * 5, 0.0),  # jitter under 3 m
        ([100, 102, 104, 106, 108, 110], 10.0),  # a steady climb counts in full
        ([100, 110, 107.5, 110, 108, 115], 15.0),  # dips under 3 m do not restart it
        ([100, 110, 105, 110], 15.0),  # a 5 m dip does: 10 + 5
        ([100, 90, 80, 85, 90], 10.0),  # climb after a descent
        ([100, 101, 102, 100, 101, 102], 0.0),  # never 3 m above the low point
    ],
)
def test_ascent_hysteresis(heights: list[float], expected: float) -> None:
    points = [pt(i * 10, i * 20.0, ele=h) for i, h in enumerate(heights)]
    a = only(decode_gpx(gpx(trk(points)), "climb.gpx"))
    assert ASCENT_HYSTERESIS_M == 3.0
    assert a.ascent_m == pytest.approx(expected)


def test_ascent_skips_sensor_jumps() -> None:
    # A barometer settling: +600 m in one second, then a real 20 m climb.
    heights = [1250.0, 1850.0, 1850.0, 1855.0, 1860.0, 1865.0, 1870.0]
    points = [pt(i, i * 3.0, ele=h) for i, h in enumerate(heights)]
    a = only(decode_gpx(gpx(trk(points)), "jump.gpx"))
    assert a.ascent_m == pytest.approx(20.0)


def test_points_out_of_time_order_are_sorted_with_a_warning() -> None:
    points = [pt(0, 0), pt(2, 6), pt(1, 3), pt(3, 9), pt(4, 12)]
    decoded = decode_gpx(gpx(trk(points)), "order.gpx")
    a = only(decoded)
    assert a.streams is not None
    assert a.streams.time_s == (0.0, 1.0, 2.0, 3.0, 4.0)
    assert a.distance_m == pytest.approx(12.0, abs=1e-3)
    assert any("time order" in w for w in decoded.warnings)


def test_a_clock_reset_is_refused_by_the_duration_limit() -> None:
    points = [pt(0, 0), pt(1, 3), pt(3 * 24 * 3600, 6)]
    with pytest.raises(ImportFileError, match=r"72\.0 h, more than the 48 h"):
        decode_gpx(gpx(trk(points)), "clock.gpx")


def test_points_without_a_time_are_dropped_with_a_warning() -> None:
    points = [pt(0, 0), pt(None, 1), pt(1, 3), pt("garbage", 4), pt(2, 6)]
    decoded = decode_gpx(gpx(trk(points)), "holes.gpx")
    assert len(only(decoded).streams or ()) == 3
    assert any("2 points without a readable time" in w for w in decoded.warnings)


def test_time_zones_and_naive_times() -> None:
    points = [pt("2026-05-01T08:00:00+02:00", 0), pt("2026-05-01T06:00:10", 30)]
    a = only(decode_gpx(gpx(trk(points)), "zones.gpx"))
    assert a.start == T0 and a.start.utcoffset() == timedelta(0)
    assert a.duration_s == 10.0


def test_a_track_with_one_timed_point_is_skipped_and_a_file_of_them_refused() -> None:
    good = trk(steady(5), name="good")
    lone = trk([pt(100, 0)], name="lone")
    decoded = decode_gpx(gpx(good, lone), "two.gpx")
    assert len(decoded.activities) == 1
    assert any("lone" in w and "fewer than two" in w for w in decoded.warnings)
    with pytest.raises(ImportFileError, match="two points"):
        decode_gpx(gpx(lone), "lone.gpx")


def test_invalid_positions_are_dropped() -> None:
    points = steady(5)
    points.insert(2, f'<trkpt lat="95" lon="25"><time>{iso(1.5)}</time></trkpt>')
    points.insert(3, f'<trkpt lat="abc"><time>{iso(1.6)}</time></trkpt>')
    decoded = decode_gpx(gpx(trk(points)), "pos.gpx")
    assert len(only(decoded).streams or ()) == 5
    assert any("2 points without a valid position" in w for w in decoded.warnings)


# ---------------------------------------------------------------- sport and cadence


@pytest.mark.parametrize(
    ("raw", "sport", "modality"),
    [
        ("running", "running", ActivityModality.RUN),  # Garmin Connect
        ("Run", "running", ActivityModality.RUN),  # Strava route
        ("9", "running", ActivityModality.RUN),  # Strava activity export
        (" RUNNING ", "running", ActivityModality.RUN),
        ("trail_running", "trail_running", ActivityModality.RUN),
        ("TrailRun", "trail_running", ActivityModality.RUN),
        ("treadmill_running", "treadmill_running", ActivityModality.RUN),
        ("1", "cycling", ActivityModality.OTHER),
        ("Biking", "cycling", ActivityModality.OTHER),
        ("cycling", "cycling", ActivityModality.OTHER),
        ("10", "walking", ActivityModality.OTHER),
        ("hiking", "hiking", ActivityModality.OTHER),
        ("Car", "car", ActivityModality.OTHER),
        ("Nordic ski", "nordic_ski", ActivityModality.OTHER),
        ("77", "unknown", ActivityModality.OTHER),
        (None, "unknown", ActivityModality.OTHER),
    ],
)
def test_sport_from_type(raw: str | None, sport: str, modality: ActivityModality) -> None:
    decoded = decode_gpx(gpx(trk(steady(5), type=raw)), "sport.gpx")
    a = only(decoded)
    assert (a.sport, a.modality) == (sport, modality)
    assert any("no <type>" in w for w in decoded.warnings) == (raw is None)


@pytest.mark.parametrize("ns", [V1, V2])
def test_garmin_extensions_in_either_version_and_per_leg_cadence(ns: str) -> None:
    points = steady(10, hr=150, cad=88)
    a = only(decode_gpx(gpx(trk(points), ns=ns), "ext.gpx"))
    assert a.streams is not None
    assert nan_free(a.streams.heart_rate) == [150.0] * 10
    assert nan_free(a.streams.cadence) == [176.0] * 10
    assert (a.avg_hr, a.max_hr) == (150.0, 150.0)


def test_plain_hr_and_power_extensions() -> None:
    points = [pt(i, i * 3.0, hr=140 + i, cad=170, power=250, ext="plain") for i in range(5)]
    a = only(decode_gpx(gpx(trk(points)), "plain.gpx"))
    assert a.streams is not None
    assert nan_free(a.streams.heart_rate) == [140.0, 141.0, 142.0, 143.0, 144.0]
    assert nan_free(a.streams.cadence) == [170.0] * 5  # already steps/min: kept
    assert nan_free(a.streams.power_w) == [250.0] * 5


def test_cycling_cadence_is_not_doubled() -> None:
    a = only(decode_gpx(gpx(trk(steady(5, cad=88), type="cycling")), "ride.gpx"))
    assert a.streams is not None
    assert nan_free(a.streams.cadence) == [88.0] * 5


def test_heart_rate_outside_limits_becomes_nan_with_a_warning() -> None:
    points = [pt(i, i * 3.0, hr=v) for i, v in enumerate([150, 300, 151, 10, 152])]
    decoded = decode_gpx(gpx(trk(points)), "hr.gpx")
    a = only(decoded)
    assert a.streams is not None and a.streams.heart_rate is not None
    assert [math.isnan(v) for v in a.streams.heart_rate] == [False, True, False, True, False]
    assert a.max_hr == 152.0
    assert a.avg_hr is not None and 150 <= a.avg_hr <= 152
    assert any("2 heart-rate samples outside 25-240" in w for w in decoded.warnings)


def test_a_run_faster_than_humans_is_refused_but_a_ride_is_not() -> None:
    fast = steady(11, step_m=15.0)  # 15 m/s
    with pytest.raises(ImportFileError, match="faster than any human runs"):
        decode_gpx(gpx(trk(fast)), "car.gpx")
    ride = only(decode_gpx(gpx(trk(fast, type="cycling")), "ride.gpx"))
    assert ride.distance_m == pytest.approx(150.0, abs=1e-3)
    jet = steady(11, step_m=250.0)
    with pytest.raises(ImportFileError, match="faster than any sport"):
        decode_gpx(gpx(trk(jet, type=None)), "flight.gpx")


def test_several_tracks_give_several_activities() -> None:
    morning = trk(steady(5), name="morning")
    evening = trk([pt(36_000 + i, i * 3.0) for i in range(5)], name="evening", type="1")
    decoded = decode_gpx(gpx(morning, evening), "day.gpx")
    assert [a.notes for a in decoded.activities] == ["morning", "evening"]
    assert [a.sport for a in decoded.activities] == ["running", "cycling"]
    assert decoded.activities[1].start == T0 + timedelta(hours=10)


def test_one_hour_at_one_hertz_decodes_well_under_a_second() -> None:
    data = one_hour_gpx()
    decode_gpx(data, "warm.gpx")
    started = time.perf_counter()
    a = only(decode_gpx(data, "hour.gpx"))
    elapsed = time.perf_counter() - started
    assert len(a.streams or ()) == 3600
    assert a.distance_m == pytest.approx(3 * 3599, rel=1e-6)
    assert elapsed < 1.0, f"{elapsed:.2f} s"  # about 0.1 s on the 2-vCPU workplace VM


# ---------------------------------------------------------------- not GPX


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b" \r\n\t ", "only blank space"),
        (b"\xef\xbb\xbf", "only blank space"),
        (b"GPX please", "is not XML"),
        (b'{"type": "FeatureCollection"}', "is not XML"),
        (bytes(range(256)) * 4, "is not XML"),
        (b"\x1f\x8b\x08\x00rest", "gzip-compressed"),
        (b"PK\x03\x04rest", "ZIP archive"),
        (b"\x0e\x10\xd9\x07\x00\x00\x00\x00.FIT\x00\x00", "is a FIT file"),
        (b"<!DOCTYPE html><html><body>Sign in</body></html>", "HTML page"),
        (b"<html><head><title>404</title></head></html>", "HTML page"),
        (b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"/>', "KML file"),
        (b"<TrainingCenterDatabase/>", "is a TCX file, not a GPX file"),
        (b"<?xml version='1.0'?><note><to>you</to></note>", "root element is <note>"),
        (b"<gpx></gpx>", "no track points: the file holds nothing"),
        (b'<gpx><wpt lat="1" lon="2"/></gpx>', "only 1 waypoints"),
        (b'<gpx><rte><rtept lat="1" lon="2"/><rtept lat="1" lon="3"/></rte></gpx>', "a route"),
        (b"<gpx><trk><trkseg/></trk></gpx>", "no track points"),
        (b'<gpx><trk><trkseg><trkpt lat="x" lon="1"/></trkseg></trk></gpx>', "valid latitude"),
        (b"<gpx><trk><name>x</gpx>", "not well-formed"),
        (b"<gpx>&nbsp;</gpx>", "undefined entity"),
        (gpx(trk(steady(3))) + b"<gpx/>", "more content after the end"),
        (gpx(trk(steady(3))) + b"\x00\x00\x00", "not well-formed"),
    ],
)
def test_files_that_are_not_usable_gpx_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(ImportFileError, match=reason) as caught:
        decode_gpx(data, "upload.gpx")
    assert caught.value.name == "upload.gpx"
    assert str(caught.value).startswith("upload.gpx: ")


# ---------------------------------------------------------------- encodings


def _named(text: str, encoding: str) -> str:
    return gpx_text(trk(steady(5), name=text), encoding=encoding)


@pytest.mark.parametrize(
    ("encoding", "codec", "prefix"),
    [
        ("UTF-8", "utf-8", b""),
        ("UTF-8", "utf-8", b"\xef\xbb\xbf"),  # BOM
        ("UTF-16", "utf-16", b""),  # Python writes a BOM
        ("UTF-16", "utf-16-be", b"\xfe\xff"),
        ("UTF-16LE", "utf-16-le", b""),  # no BOM, declared
        ("ISO-8859-1", "latin-1", b""),
        ("windows-1252", "cp1252", b""),
    ],
)
def test_declared_encodings_are_read(encoding: str, codec: str, prefix: bytes) -> None:
    data = prefix + _named("Järvi café", encoding).encode(codec)
    a = only(decode_gpx(data, "enc.gpx"))
    assert a.notes == "Järvi café"
    assert len(a.streams or ()) == 5


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_named("x", "UTF-16").encode("utf-8"), "names the encoding 'utf-16'"),
        (_named("x", "klingon").encode("utf-8"), "names the encoding 'klingon'"),
        (_named("café", "UTF-8").encode("latin-1"), "not valid UTF-8"),
        (gpx(trk(steady(3), name="café")).replace("é".encode(), b"\xe9"), "not valid UTF-8"),
    ],
)
def test_wrong_encodings_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(ImportFileError, match=reason):
        decode_gpx(data, "enc.gpx")


# ---------------------------------------------------------------- truncation


@pytest.mark.parametrize("fraction", [0.001, 0.05, 0.25, 0.5, 0.75, 0.99, 0.9999])
def test_a_real_file_cut_anywhere_is_refused_as_truncated(fraction: float) -> None:
    data = fixture("garmin-activity.gpx")
    cut = data[: int(len(data) * fraction)]
    with pytest.raises(ImportFileError, match="ends too early"):
        decode_gpx(cut, "cut.gpx")


def test_cut_inside_a_tag_an_attribute_and_a_multibyte_character() -> None:
    data = gpx(trk(steady(5), name="Järvi"))
    for marker in (b"<trkpt lat", b'lat="60', b"</ti", "ä".encode()):
        at = data.index(marker) + len(marker) - 1
        with pytest.raises(ImportFileError, match="ends too early"):
            decode_gpx(data[:at], "cut.gpx")


def test_only_the_closing_tag_missing_is_still_truncated() -> None:
    data = gpx(trk(steady(5)))
    with pytest.raises(ImportFileError, match="ends too early"):
        decode_gpx(data[: data.rindex(b"</gpx>")], "cut.gpx")


# ---------------------------------------------------------------- hostile XML (both readers)

Decoder = Callable[[bytes, str], Decoded]
READERS: list[tuple[str, Decoder]] = [("gpx", decode_gpx), ("TrainingCenterDatabase", decode_tcx)]


def _hostile(root: str, secret_path: Path, port: int) -> dict[str, bytes]:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    return {
        "billion laughs": f"<!DOCTYPE {root} [{laughs}]><{root}>&l9;</{root}>".encode(),
        "quadratic blow-up": (
            f'<!DOCTYPE {root} [<!ENTITY a "{"x" * 100_000}">]><{root}>{"&a;" * 10_000}</{root}>'
        ).encode(),
        "external file entity": (
            f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "file://{secret_path}">]><{root}>&x;</{root}>'
        ).encode(),
        "external network entity": (
            f'<!DOCTYPE {root} [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>'
            f"<{root}>&x;</{root}>"
        ).encode(),
        "parameter entity": (
            f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p.dtd"> %p;]><{root}/>'
        ).encode(),
        "external DTD": (
            f'<!DOCTYPE {root} SYSTEM "http://127.0.0.1:{port}/gpx.dtd"><{root}/>'
        ).encode(),
        "internal DTD only": f"<!DOCTYPE {root} [<!ELEMENT {root} ANY>]><{root}/>".encode(),
        "xinclude": (
            f'<{root} xmlns:xi="http://www.w3.org/2001/XInclude">'
            f'<xi:include parse="text" href="file://{secret_path}"/></{root}>'
        ).encode(),
    }


class Listener:
    """A TCP socket on 127.0.0.1 that counts the connections made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(0.1)
        self.port: int = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.stop = True
    server.thread.join(2)
    server.sock.close()


@pytest.mark.parametrize(("root", "decode"), READERS, ids=["gpx", "tcx"])
@pytest.mark.parametrize(
    "case",
    [
        "billion laughs",
        "quadratic blow-up",
        "external file entity",
        "external network entity",
        "parameter entity",
        "external DTD",
        "internal DTD only",
        "xinclude",
    ],
)
def test_entity_and_dtd_attacks_are_refused_quickly_without_reading_anything(
    root: str, decode: Decoder, case: str, tmp_path: Path, listener: Listener
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    data = _hostile(root, secret, listener.port)[case]
    started = time.perf_counter()
    with pytest.raises(ImportFileError) as caught:
        decode(data, "evil.xml")
    assert time.perf_counter() - started < 1.0
    assert "TOP-SECRET" not in str(caught.value)
    if case == "xinclude":  # XInclude is never processed: just no activity
        assert "no track points" in caught.value.reason or "no activity" in caught.value.reason
    else:
        assert "document type declaration" in caught.value.reason
    time.sleep(0.05)
    assert listener.connections == 0


def _big(root: str, kind: str) -> bytes:
    size = 50 * 1024 * 1024
    if kind == "nested":
        return f"<{root}>".encode() + b"<a>" * (size // 3)
    if kind == "flat":
        return f"<{root}>".encode() + b"<a/>" * (size // 4) + f"</{root}>".encode()
    if kind == "text":
        return f"<{root}><name>".encode() + b"x" * size + f"</name></{root}>".encode()
    if kind == "attribute":
        return f'<{root} a="'.encode() + b"x" * size + b'"/>'
    assert kind == "names"
    return f"<{root}>".encode() + b"".join(b"<n%d/>" % i for i in range(100_000)) + b"</x>"


@pytest.mark.parametrize(("root", "decode"), READERS, ids=["gpx", "tcx"])
@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("nested", "more than 32 deep"),
        ("flat", "more densely"),
        ("text", "without any markup"),
        ("attribute", "without any markup"),
        ("names", "different XML names"),
    ],
)
def test_fifty_megabytes_of_junk_is_refused_fast_in_bounded_memory(
    root: str, decode: Decoder, kind: str, reason: str
) -> None:
    data = _big(root, kind)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ImportFileError, match=reason):
            decode(data, "big.xml")
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 3.0, f"{elapsed:.2f} s"
    assert peak < 32 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_a_dense_but_real_looking_file_under_the_limits_still_parses() -> None:
    # Compact points, no whitespace: about 30 bytes per element, well above the floor.
    points = "".join(
        f'<trkpt lat="{60 + i * 1e-5:.5f}" lon="25"><time>{iso(i)}</time></trkpt>'
        for i in range(20_000)
    )
    data = f"<gpx><trk><type>running</type><trkseg>{points}</trkseg></trk></gpx>".encode()
    assert len(data) / (2 * 20_000) < 40
    assert len(only(decode_gpx(data, "dense.gpx")).streams or ()) == 20_000


def test_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    assert xml_safe.MAX_XML_BYTES == 200 * 1024 * 1024
    data = gpx(trk(steady(50)))
    monkeypatch.setattr(xml_safe, "MAX_XML_BYTES", len(data) - 1)
    with pytest.raises(ImportFileError, match="GPX files over 0 MB are refused"):
        decode_gpx(data, "huge.gpx")


def test_over_two_hundred_megabytes_is_refused_before_parsing() -> None:
    data = b" " * (xml_safe.MAX_XML_BYTES + 1)
    started = time.perf_counter()
    with pytest.raises(ImportFileError, match="files over 200 MB are refused"):
        decode_gpx(data, "huge.gpx")
    assert time.perf_counter() - started < 0.5


# ---------------------------------------------------------------- mutation fuzzing

SMALL_REAL = [fixture("cerknicko-jezero.gpx"), fixture("strava_route_example.gpx")]


def _check_decoded(decoded: Decoded) -> None:
    for a in decoded.activities:
        assert a.start.tzinfo is not None
        assert 0 < a.duration_s <= 48 * 3600
        assert a.distance_m is None or 0 <= a.distance_m < math.inf
        assert a.moving_s is None or 0 <= a.moving_s <= a.duration_s
        assert a.ascent_m is None or 0 <= a.ascent_m < math.inf
        for hr in (a.avg_hr, a.max_hr):
            assert hr is None or 25 <= hr <= 240
        s = a.streams
        assert s is not None
        for name in s.CHANNELS:
            values = getattr(s, name)
            assert values is None or len(values) == len(s.time_s)
        assert list(s.time_s) == sorted(s.time_s)
        for v in s.heart_rate or ():
            assert math.isnan(v) or 25 <= v <= 240


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SMALL_REAL)))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "duplicate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "insert":
            chunk = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=16),
                    st.sampled_from(
                        [
                            b"<",
                            b">",
                            b"&",
                            b"]]>",
                            b"<!DOCTYPE x>",
                            b"</trk>",
                            b"<trkseg>",
                            b"<time>1999-01-01T00:00:00Z</time>",
                            b"<ele>1e308</ele>",
                            b"<gpxtpx:hr>999</gpxtpx:hr>",
                            b'lat="nan"',
                            b"\xff\xfe",
                            b"\x00",
                        ]
                    ),
                )
            )
            data[at:at] = chunk
        elif op == "truncate":
            del data[at:]
        elif op == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 2000))]
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_real_files_give_activities_or_an_import_error(data: bytes) -> None:
    try:
        decoded = decode_gpx(data, "fuzz.gpx")
    except ImportFileError as error:
        assert error.reason
        return
    _check_decoded(decoded)


ODD_VALUES = [
    "", "nan", "inf", "-1", "0", "1e308", "-1e308", "abc", "9" * 45, " 7 ",
    "1970-01-01T00:00:00Z", "2199-12-31T23:59:59+14:00", "2010-08-05", "Run", "9", "1",
]  # fmt: skip


def _garmin_excerpt(points: int = 60) -> bytes:
    """The first points of the Garmin run, closed properly: heart rate and cadence."""
    data = fixture("garmin-activity.gpx")
    end = 0
    for _ in range(points):
        end = data.index(b"</trkpt>", end) + len(b"</trkpt>")
    return data[:end] + b"</trkseg></trk></gpx>"


VALUE_SOURCES = [fixture("cerknicko-jezero.gpx"), _garmin_excerpt()]


def test_the_garmin_excerpt_is_itself_valid() -> None:
    a = only(decode_gpx(VALUE_SOURCES[1], "excerpt.gpx"))
    assert len(a.streams or ()) == 60 and a.max_hr is not None


@st.composite
def with_odd_values(draw: st.DrawFn) -> bytes:
    """A real file, still well-formed, with some texts and attribute values replaced."""
    text = draw(st.sampled_from(VALUE_SOURCES)).decode()
    spans = [m.span(1) for m in re.finditer(r">([^<>]+)<", text)]
    spans += [m.span(1) for m in re.finditer(r'="([^"]*)"', text)]
    chosen = sorted(set(draw(st.lists(st.sampled_from(spans), min_size=1, max_size=25))))
    values = st.one_of(st.sampled_from(ODD_VALUES), st.text("0123456789.-eE:TZ", max_size=8))
    for start, end in reversed(chosen):
        text = text[:start] + draw(values) + text[end:]
    return text.encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_odd_values())
def test_odd_values_in_real_files_give_activities_or_an_import_error(data: bytes) -> None:
    try:
        decoded = decode_gpx(data, "values.gpx")
    except ImportFileError as error:
        assert "could not be read as GPX" not in error.reason  # no unexpected exception
        return
    _check_decoded(decoded)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_an_import_error(data: bytes) -> None:
    with pytest.raises(ImportFileError):
        decode_gpx(b"<gpx>" + data, "fuzz.gpx")
