"""TCX import: real files against their own lap summaries, laps, sports, extensions,
plausibility and broken input. The XML-safety cases shared with GPX (entities, DTDs,
50 MB of junk) run for both readers in test_gpx.py."""

from __future__ import annotations

import math
import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlift.importers.base import Decoded, ImportFileError
from runlift.importers.gpx import EARTH_RADIUS_M
from runlift.importers.tcx import decode_tcx
from runlift.model.activity import Activity, ActivityModality

FILES = Path(__file__).resolve().parents[1] / "files" / "tcx"
SAMPLES = Path("/work/shared/data/samples/tcx")
T0 = datetime(2026, 5, 1, 6, 0, tzinfo=UTC)
M_PER_DEG = EARTH_RADIUS_M * math.pi / 180.0
NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
AX = "http://www.garmin.com/xmlschemas/ActivityExtension/v2"


def fixture(name: str) -> bytes:
    return (FILES / name).read_bytes()


def sample(name: str) -> bytes:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (shared sample data not on this machine)")
    return path.read_bytes()


def only(decoded: Decoded) -> Activity:
    assert len(decoded.activities) == 1
    return decoded.activities[0]


def nan_free(values: tuple[float, ...] | None) -> list[float]:
    assert values is not None
    return [v for v in values if not math.isnan(v)]


# ---------------------------------------------------------------- synthetic files


def iso(seconds: float) -> str:
    return (T0 + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def tp(
    t: float | None,
    north_m: float | None = None,
    *,
    dist: float | None = None,
    alt: float | None = None,
    hr: float | None = None,
    cad: float | None = None,
    run_cad: float | None = None,
    speed: float | None = None,
    watts: float | None = None,
) -> str:
    body = f"<Time>{iso(t)}</Time>" if t is not None else ""
    if north_m is not None:
        lat = 60.0 + north_m / M_PER_DEG
        body += (
            f"<Position><LatitudeDegrees>{lat:.9f}</LatitudeDegrees>"
            "<LongitudeDegrees>25.0</LongitudeDegrees></Position>"
        )
    if alt is not None:
        body += f"<AltitudeMeters>{alt}</AltitudeMeters>"
    if dist is not None:
        body += f"<DistanceMeters>{dist}</DistanceMeters>"
    if hr is not None:
        body += f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>"
    if cad is not None:
        body += f"<Cadence>{cad}</Cadence>"
    ext = ""
    if speed is not None:
        ext += f"<ax:Speed>{speed}</ax:Speed>"
    if run_cad is not None:
        ext += f"<ax:RunCadence>{run_cad}</ax:RunCadence>"
    if watts is not None:
        ext += f"<ax:Watts>{watts}</ax:Watts>"
    if ext:
        body += f"<Extensions><ax:TPX>{ext}</ax:TPX></Extensions>"
    return f"<Trackpoint>{body}</Trackpoint>"


def lap(
    points: list[str],
    *,
    start: float | None = 0.0,
    total: float | None = None,
    dist: float | None = None,
    avg_hr: float | None = None,
    max_hr: float | None = None,
    tracks: int = 1,
) -> str:
    attr = f' StartTime="{iso(start)}"' if start is not None else ""
    body = f"<TotalTimeSeconds>{total}</TotalTimeSeconds>" if total is not None else ""
    if dist is not None:
        body += f"<DistanceMeters>{dist}</DistanceMeters>"
    if avg_hr is not None:
        body += f"<AverageHeartRateBpm><Value>{avg_hr}</Value></AverageHeartRateBpm>"
    if max_hr is not None:
        body += f"<MaximumHeartRateBpm><Value>{max_hr}</Value></MaximumHeartRateBpm>"
    body += "<Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod>"
    if points:
        size = math.ceil(len(points) / tracks)
        for k in range(tracks):
            body += "<Track>" + "".join(points[k * size : (k + 1) * size]) + "</Track>"
    return f"<Lap{attr}>{body}</Lap>"


def activity(*laps: str, sport: str | None = "Running", extra: str = "") -> str:
    attr = f' Sport="{sport}"' if sport is not None else ""
    return f"<Activity{attr}><Id>{iso(0)}</Id>{''.join(laps)}{extra}</Activity>"


def tcx(*activities: str, outside: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<TrainingCenterDatabase xmlns="{NS}" xmlns:ax="{AX}">'
        f"<Activities>{''.join(activities)}</Activities>{outside}</TrainingCenterDatabase>"
    ).encode()


def steady(n: int, *, step_m: float = 3.0, t0: float = 0.0, **extra: float) -> list[str]:
    return [tp(t0 + i, i * step_m, dist=i * step_m, **extra) for i in range(n)]


# ---------------------------------------------------------------- real files


def test_forerunner_run_matches_its_own_lap_summary() -> None:
    data = fixture("forerunner410-run-hr.tcx")
    decoded = decode_tcx(data, "fr410.tcx")
    a = only(decoded)
    assert decoded.warnings == ()
    assert a.start == datetime(2012, 12, 26, 21, 29, 53, tzinfo=UTC)
    assert (a.sport, a.modality, a.source) == ("running", ActivityModality.RUN, "tcx")
    assert a.device == "Forerunner 410 Software Version 2.20"
    assert a.notes == "Aerobics"
    # Laps: 608.47 + 714.80 + 669.51 s and 1609.34 + 1609.34 + 1470.55 m.
    assert a.duration_s == pytest.approx(1992.78)
    assert a.distance_m == pytest.approx(4689.2427, abs=1e-3)
    assert [lap.duration_s for lap in a.laps] == [608.47, 714.80, 669.51]
    assert [lap.avg_hr for lap in a.laps] == [139.0, 172.0, 167.0]
    assert [lap.max_hr for lap in a.laps] == [189.0, 188.0, 180.0]
    assert a.laps[1].start == datetime(2012, 12, 26, 21, 40, 2, tzinfo=UTC)
    assert a.max_hr == 189.0
    # Time-weighted mean of the lap averages.
    assert a.avg_hr == pytest.approx((139 * 608.47 + 172 * 714.8 + 167 * 669.51) / 1992.78, 0.05)
    assert a.moving_s is not None and 0.9 * a.duration_s < a.moving_s <= a.duration_s
    s = a.streams
    assert s is not None
    assert len(s) == data.count(b"<Trackpoint>") == 384
    assert len(nan_free(s.heart_rate)) == 383
    # The trackpoint mean the samples README quotes (156), from our stream.
    assert sum(nan_free(s.heart_rate)) / 383 == pytest.approx(156.65, abs=0.01)
    assert s.distance_m is not None and nan_free(s.distance_m)[-1] == pytest.approx(4686.311)
    assert s.cadence is None and s.power_w is None
    assert s.speed_mps is not None  # derived from DistanceMeters
    assert s.time_s[-1] == 1992.0


def test_forerunner_positions_agree_with_the_device_distance() -> None:
    """Our haversine over the positions lands within 0.1 % of the watch's distance."""
    text = fixture("forerunner410-run-hr.tcx").decode()
    no_distance = re.sub(r"<DistanceMeters>[^<]*</DistanceMeters>", "", text).encode()
    a = only(decode_tcx(no_distance, "fr410.tcx"))
    assert a.distance_m == pytest.approx(4686.311, rel=1e-3)


def test_vivoactive_ski_session_with_extensions() -> None:
    data = sample("cross-country-skiing_activity_1.tcx")
    a = only(decode_tcx(data, "ski.tcx"))
    assert a.start == datetime(2020, 12, 26, 15, 14, 21, tzinfo=UTC)
    assert (a.sport, a.modality) == ("other", ActivityModality.OTHER)
    assert a.device == "vívoactive HR"
    assert a.duration_s == pytest.approx(2160.432 + 240.828)
    assert a.distance_m == pytest.approx(5692.01)
    assert len(a.laps) == 2
    assert [lap.distance_m for lap in a.laps] == [5000.0, 692.01]
    s = a.streams
    assert s is not None and len(s) == 486
    assert len(nan_free(s.heart_rate)) == 486
    assert s.speed_mps is not None and s.speed_mps[0] == pytest.approx(0.56)  # ns3:Speed
    assert s.cadence is not None and max(s.cadence) == 190.0  # ns3:RunCadence 95 per leg
    # The barometer settles from 1258 m to 2258 m in the first seconds: not a climb.
    assert a.ascent_m is not None and a.ascent_m < 200


@pytest.mark.parametrize(
    "path",
    sorted(FILES.glob("*.tcx")) + (sorted(SAMPLES.glob("*.tcx")) if SAMPLES.is_dir() else []),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_sample_agrees_with_its_lap_totals(path: Path) -> None:
    data = path.read_bytes()
    a = only(decode_tcx(data, path.name))
    text = data.decode("utf-8")
    lap_times = [float(v) for v in re.findall(r"<Lap [^>]*>\s*<TotalTimeSeconds>([^<]+)<", text)]
    assert len(a.laps) == len(lap_times) == text.count("<Lap ")
    assert a.duration_s == pytest.approx(sum(lap_times))
    assert a.streams is not None and len(a.streams) == text.count("<Trackpoint>")


def test_shared_samples_are_present_or_skipped() -> None:
    if not SAMPLES.is_dir():
        pytest.skip(f"{SAMPLES} is absent: only the copies in tests/files/tcx were tested")
    assert {p.name for p in SAMPLES.glob("*.tcx")} >= {p.name for p in FILES.glob("*.tcx")}


# ---------------------------------------------------------------- structure and rules


def test_laps_durations_distances_and_heart_rates() -> None:
    first = steady(61, hr=140)
    second = [tp(61 + i, 183 + i * 4.0, dist=183 + i * 4.0, hr=160) for i in range(60)]
    data = tcx(
        activity(
            lap(first, total=61.0, dist=183.0, avg_hr=140, max_hr=145),
            lap(second, start=61, total=60.0, dist=240.0, avg_hr=160, max_hr=170),
        )
    )
    a = only(decode_tcx(data, "laps.tcx"))
    assert a.duration_s == 121.0
    assert a.distance_m == 423.0
    assert a.avg_hr == pytest.approx((140 * 61 + 160 * 60) / 121, abs=0.05)
    assert a.max_hr == 170.0
    assert [lap.start for lap in a.laps] == [T0, T0 + timedelta(seconds=61)]
    assert [lap.distance_m for lap in a.laps] == [183.0, 240.0]
    assert a.moving_s == 120.0


def test_duration_and_distance_fall_back_to_the_trackpoints() -> None:
    points = steady(31)  # 90 m over 30 s, DistanceMeters on each point
    a = only(decode_tcx(tcx(activity(lap(points))), "bare.tcx"))
    assert a.duration_s == 30.0
    assert a.distance_m == 90.0
    positions_only = [tp(i, i * 3.0) for i in range(31)]
    b = only(decode_tcx(tcx(activity(lap(positions_only))), "positions.tcx"))
    assert b.distance_m == pytest.approx(90.0, abs=1e-3)
    assert b.streams is not None and b.streams.distance_m is not None
    assert b.streams.distance_m[-1] == pytest.approx(90.0, abs=1e-3)


def test_a_lap_only_activity_has_no_streams() -> None:
    a = only(decode_tcx(tcx(activity(lap([], total=1800.0, dist=5000.0, avg_hr=150))), "l.tcx"))
    assert (a.duration_s, a.distance_m, a.avg_hr) == (1800.0, 5000.0, 150.0)
    assert a.streams is None and a.moving_s is None


def test_an_indoor_session_without_position_or_distance() -> None:
    points = [tp(i * 5, hr=120 + i) for i in range(13)]
    a = only(decode_tcx(tcx(activity(lap(points), sport="Other")), "gym.tcx"))
    assert a.distance_m is None
    assert a.duration_s == 60.0
    assert a.moving_s == 60.0  # unknown speed counts as moving
    assert a.streams is not None and a.streams.distance_m is None
    assert a.avg_hr is not None and 120 < a.avg_hr < 132


def test_several_activities_and_a_multisport_session() -> None:
    run = activity(lap(steady(11)))
    ride = activity(lap(steady(11, t0=3600, step_m=8.0), start=3600), sport="Biking")
    multisport = (
        "<MultiSportSession><Id>x</Id>"
        f"<FirstSport>{activity(lap(steady(11, t0=7200), start=7200))}</FirstSport>"
        f"<NextSport>{activity(lap(steady(11, t0=9000), start=9000), sport='Other')}</NextSport>"
        "</MultiSportSession>"
    )
    decoded = decode_tcx(tcx(run, ride, multisport), "multi.tcx")
    assert [a.sport for a in decoded.activities] == ["running", "cycling", "running", "other"]
    assert [a.start - T0 for a in decoded.activities] == [
        timedelta(0),
        timedelta(hours=1),
        timedelta(hours=2),
        timedelta(hours=2.5),
    ]


@pytest.mark.parametrize(
    ("sport", "expected", "modality"),
    [
        ("Running", "running", ActivityModality.RUN),
        ("Biking", "cycling", ActivityModality.OTHER),
        ("Other", "other", ActivityModality.OTHER),
        ("Rowing", "unknown", ActivityModality.OTHER),
        (None, "unknown", ActivityModality.OTHER),
    ],
)
def test_sport_attribute(sport: str | None, expected: str, modality: ActivityModality) -> None:
    a = only(decode_tcx(tcx(activity(lap(steady(5)), sport=sport)), "s.tcx"))
    assert (a.sport, a.modality) == (expected, modality)


def test_extensions_speed_power_and_cadence() -> None:
    run = [tp(i, i * 3.0, speed=3.1, run_cad=86, watts=260) for i in range(10)]
    a = only(decode_tcx(tcx(activity(lap(run))), "ext.tcx"))
    assert a.streams is not None
    assert nan_free(a.streams.speed_mps) == [3.1] * 10  # the device's speed, not derived
    assert nan_free(a.streams.cadence) == [172.0] * 10  # RunCadence is per leg
    assert nan_free(a.streams.power_w) == [260.0] * 10
    ride = [tp(i, i * 8.0, cad=92) for i in range(10)]
    b = only(decode_tcx(tcx(activity(lap(ride), sport="Biking")), "ride.tcx"))
    assert b.streams is not None and nan_free(b.streams.cadence) == [92.0] * 10  # rpm
    run_in_spm = [tp(i, i * 3.0, cad=172) for i in range(10)]
    c = only(decode_tcx(tcx(activity(lap(run_in_spm))), "spm.tcx"))
    assert c.streams is not None and nan_free(c.streams.cadence) == [172.0] * 10
    run_per_leg = [tp(i, i * 3.0, cad=86) for i in range(10)]
    d = only(decode_tcx(tcx(activity(lap(run_per_leg))), "leg.tcx"))
    assert d.streams is not None and nan_free(d.streams.cadence) == [172.0] * 10


def test_a_pause_between_tracks_is_not_moving_time() -> None:
    points = steady(10) + [tp(100 + i, 30 + i * 3.0, dist=30 + i * 3.0) for i in range(10)]
    a = only(decode_tcx(tcx(activity(lap(points, tracks=2))), "pause.tcx"))
    assert a.duration_s == 109.0
    assert a.moving_s == 18.0


def test_heart_rate_limits_on_samples_and_laps() -> None:
    points = [tp(i, i * 3.0, hr=v) for i, v in enumerate([150, 250, 151, 20, 152])]
    decoded = decode_tcx(tcx(activity(lap(points, avg_hr=260, max_hr=300))), "hr.tcx")
    a = only(decoded)
    assert a.streams is not None and a.streams.heart_rate is not None
    assert [math.isnan(v) for v in a.streams.heart_rate] == [False, True, False, True, False]
    assert a.laps[0].avg_hr is None and a.laps[0].max_hr is None
    assert a.max_hr == 152.0  # from the samples once the lap values are dropped
    assert any("2 heart-rate samples" in w for w in decoded.warnings)
    assert any("2 lap heart-rate values" in w for w in decoded.warnings)


def test_trackpoints_out_of_order_are_sorted_and_untimed_ones_dropped() -> None:
    points = [tp(0, 0, dist=0), tp(2, 6, dist=6), tp(1, 3, dist=3), tp(None, 9), tp(3, 9, dist=9)]
    decoded = decode_tcx(tcx(activity(lap(points))), "order.tcx")
    a = only(decoded)
    assert a.streams is not None and a.streams.time_s == (0.0, 1.0, 2.0, 3.0)
    assert a.streams.distance_m == (0.0, 3.0, 6.0, 9.0)
    assert any("time order" in w for w in decoded.warnings)
    assert any("1 trackpoints without a readable time" in w for w in decoded.warnings)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (tcx(activity(lap(steady(5), dist=-5.0))), "negative DistanceMeters"),
        (tcx(activity(lap([tp(0, dist=0), tp(1, dist=-3)]))), "negative DistanceMeters"),
        (tcx(activity(lap(steady(5), total=49 * 3600.0))), r"49\.0 h, more than the 48 h"),
        (
            tcx(activity(lap([tp(0, 0), tp(1, 3), tp(60 * 3600, 6)], total=120.0))),
            r"60\.0 h, more than the 48 h",
        ),
        (tcx(activity(lap(steady(11, step_m=20.0)))), "faster than any human runs"),
        (tcx(activity(lap([], total=600.0, dist=9000.0))), "faster than any human runs"),
        (
            tcx(
                activity(
                    lap([], total=60.0, dist=1e308), lap([], total=1.0, dist=1e308), sport="Other"
                )
            ),
            "faster than any sport",
        ),
        (tcx(activity(lap([], total=1e308), lap([], total=1e308))), "more than the 48 h"),
    ],
)
def test_implausible_activities_refuse_the_file(data: bytes, reason: str) -> None:
    with pytest.raises(ImportFileError, match=reason):
        decode_tcx(data, "bad.tcx")


def test_a_fast_ride_is_fine() -> None:
    a = only(decode_tcx(tcx(activity(lap(steady(11, step_m=20.0)), sport="Biking")), "r.tcx"))
    assert a.distance_m == 200.0


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"not xml", "is not XML"),
        (b"<gpx/>", "is a GPX file, not a TCX file"),
        (b"<kml/>", "KML"),
        (b"<!DOCTYPE html><html/>", "HTML page"),
        (b"<TrainingCenterDatabase/>", "no track points"),
        (tcx(), "no track points"),
        (tcx(activity()), "no track points"),
        (tcx(activity(lap([tp(None, 0)], start=None))), "no track points"),
        (
            b"<TrainingCenterDatabase><Courses><Course><Name>Loop</Name><Track>"
            + tp(0, 0).encode()
            + b"</Track></Course></Courses></TrainingCenterDatabase>",
            "a course",
        ),
        (
            b"<TrainingCenterDatabase><Workouts><Workout Sport='Running'><Name>Intervals</Name>"
            b"</Workout></Workouts></TrainingCenterDatabase>",
            "planned workout",
        ),
        (tcx(activity(lap(steady(5))))[:-40], "ends too early"),
        (tcx(activity(lap(steady(5)))).replace(b"UTF-8", b"UTF-16"), "names the encoding"),
    ],
)
def test_unusable_files_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(ImportFileError, match=reason) as caught:
        decode_tcx(data, "upload.tcx")
    assert caught.value.name == "upload.tcx"


@pytest.mark.parametrize("fraction", [0.001, 0.1, 0.5, 0.9, 0.9999])
def test_a_real_file_cut_anywhere_is_refused_as_truncated(fraction: float) -> None:
    data = fixture("forerunner410-run-hr.tcx")
    with pytest.raises(ImportFileError, match="ends too early"):
        decode_tcx(data[: int(len(data) * fraction)], "cut.tcx")


@pytest.mark.parametrize(("codec", "prefix"), [("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_utf16_and_bom(codec: str, prefix: bytes) -> None:
    text = fixture("forerunner410-run-hr.tcx").decode()
    if codec == "utf-16":
        text = text.replace("encoding='UTF-8'", "encoding='UTF-16'")
    a = only(decode_tcx(prefix + text.encode(codec), "enc.tcx"))
    assert a.distance_m == pytest.approx(4689.2427, abs=1e-3)


def test_one_hour_at_one_hertz_decodes_well_under_a_second() -> None:
    points = [
        tp(i, i * 3.0, dist=i * 3.0, alt=100 + math.sin(i / 300), hr=150, speed=3.0, run_cad=86)
        for i in range(3600)
    ]
    laps = [lap(points[k * 300 : (k + 1) * 300], start=k * 300, total=300.0) for k in range(12)]
    data = tcx(activity(*laps))
    decode_tcx(data, "warm.tcx")
    started = time.perf_counter()
    a = only(decode_tcx(data, "hour.tcx"))
    elapsed = time.perf_counter() - started
    assert len(a.laps) == 12 and len(a.streams or ()) == 3600
    assert elapsed < 1.0, f"{elapsed:.2f} s"  # about 0.1 s on the 2-vCPU workplace VM


# ---------------------------------------------------------------- mutation fuzzing

REAL = fixture("forerunner410-run-hr.tcx")
SMALL_REAL = [REAL[: REAL.index(b"<Lap StartTime", 500)] + REAL[REAL.rindex(b"</Lap>") + 6 :], REAL]


def test_the_small_real_excerpt_is_itself_valid() -> None:
    a = only(decode_tcx(SMALL_REAL[0], "excerpt.tcx"))
    assert len(a.laps) == 1 and a.streams is not None and len(a.streams) > 100


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
            data[at:at] = draw(
                st.one_of(
                    st.binary(min_size=1, max_size=16),
                    st.sampled_from(
                        [
                            b"<",
                            b"&",
                            b"</Lap>",
                            b"<Lap>",
                            b"<Track>",
                            b"<Activity Sport='Running'>",
                            b"<Time>1969-12-31T23:59:59Z</Time>",
                            b"<DistanceMeters>-1</DistanceMeters>",
                            b"<DistanceMeters>1e300</DistanceMeters>",
                            b"<TotalTimeSeconds>nan</TotalTimeSeconds>",
                            b"<Value>999</Value>",
                            b"\x00",
                        ]
                    ),
                )
            )
        elif op == "truncate":
            del data[at:]
        elif op == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 3000))]
    return bytes(data)


ODD_VALUES = [
    "", "nan", "inf", "-1", "0", "1e308", "-1e308", "abc", "9" * 45, " 7 ",
    "1970-01-01T00:00:00Z", "2199-12-31T23:59:59+14:00", "2012-12-26", "Running", "Other",
]  # fmt: skip


@st.composite
def with_odd_values(draw: st.DrawFn) -> bytes:
    """The real excerpt, still well-formed, with some texts and attribute values replaced."""
    text = SMALL_REAL[0].decode()
    spans = [m.span(1) for m in re.finditer(r">([^<>]+)<", text)]
    spans += [m.span(1) for m in re.finditer(r'="([^"]*)"', text)]
    chosen = sorted(set(draw(st.lists(st.sampled_from(spans), min_size=1, max_size=25))))
    values = st.one_of(st.sampled_from(ODD_VALUES), st.text("0123456789.-eE:TZ", max_size=8))
    for start, end in reversed(chosen):
        text = text[:start] + draw(values) + text[end:]
    return text.encode()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(with_odd_values())
def test_odd_values_in_a_real_file_give_activities_or_an_import_error(data: bytes) -> None:
    try:
        decoded = decode_tcx(data, "values.tcx")
    except ImportFileError as error:
        assert "could not be read as TCX" not in error.reason  # no unexpected exception
        return
    _check_decoded(decoded)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_real_files_give_activities_or_an_import_error(data: bytes) -> None:
    try:
        decoded = decode_tcx(data, "fuzz.tcx")
    except ImportFileError as error:
        assert error.reason
        return
    _check_decoded(decoded)


def _check_decoded(decoded: Decoded) -> None:
    for a in decoded.activities:
        assert a.start.tzinfo is not None
        assert 0 < a.duration_s <= 48 * 3600
        assert a.distance_m is None or 0 <= a.distance_m < math.inf
        assert a.moving_s is None or 0 <= a.moving_s <= a.duration_s
        assert a.ascent_m is None or 0 <= a.ascent_m < math.inf
        for hr in (a.avg_hr, a.max_hr):
            assert hr is None or 25 <= hr <= 240
        for lap_ in a.laps:
            assert lap_.avg_hr is None or 25 <= lap_.avg_hr <= 240
        s = a.streams
        if s is not None:
            for name in s.CHANNELS:
                values = getattr(s, name)
                assert values is None or len(values) == len(s.time_s)
            assert list(s.time_s) == sorted(s.time_s)
