"""Chart specs as data, and every chart drawn to a real PNG and looked at."""

from __future__ import annotations

import json
import struct
import zlib
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from runlift.analysis import charts
from runlift.analysis.charts import CHARTS, chart_spec, render
from runlift.analysis.report import Report
from runlift.analysis.training_load import LoadMeasure, LoadSource
from runlift.errors import InputError
from tests.analysis.sample_report import empty_report, sample_report

WEEKS = 26


@pytest.fixture(scope="module")
def report() -> Report:
    return sample_report(weeks=WEEKS)


@pytest.fixture(scope="module")
def specs(report: Report) -> dict[str, dict[str, Any]]:
    return {name: chart_spec(report, name) for name in CHARTS}


# --- a tiny PNG reader ------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SAMPLES = {0: 1, 2: 3, 4: 2, 6: 4}  # colour type -> samples per pixel


@dataclass(frozen=True)
class Png:
    width: int
    height: int
    pixels: npt.NDArray[np.uint8]  # height x width x samples


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, payload) of every chunk; each CRC is checked."""
    assert data.startswith(PNG_SIGNATURE), "bad PNG signature"
    out, pos = [], len(PNG_SIGNATURE)
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, payload = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + payload) == crc, f"bad CRC in {kind!r}"
        out.append((kind, payload))
        pos += 12 + length
    return out


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter_row(
    kind: int, row: npt.NDArray[np.uint8], prev: npt.NDArray[np.uint8], bpp: int
) -> npt.NDArray[np.uint8]:
    if kind == 0:
        return row.copy()
    if kind == 1:  # sub: a running sum of each sample along the row
        summed = np.cumsum(row.reshape(-1, bpp), axis=0, dtype=np.uint64) % 256
        return summed.astype(np.uint8).reshape(-1)
    if kind == 2:  # up
        return ((row.astype(np.uint16) + prev) % 256).astype(np.uint8)
    out = bytearray(row.tobytes())  # average and Paeth depend on the pixel just decoded
    for i in range(len(out)):
        left = out[i - bpp] if i >= bpp else 0
        up_left = int(prev[i - bpp]) if i >= bpp else 0
        up = int(prev[i])
        guess = (left + up) // 2 if kind == 3 else _paeth(left, up, up_left)
        out[i] = (out[i] + guess) & 0xFF
    return np.frombuffer(bytes(out), dtype=np.uint8)


def decode_png(data: bytes) -> Png:
    """8-bit, non-interlaced PNGs (what vl-convert writes), fully unfiltered."""
    parts = png_chunks(data)
    assert parts[0][0] == b"IHDR"
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", parts[0][1])
    assert depth == 8 and colour in _SAMPLES and interlace == 0
    bpp = _SAMPLES[colour]
    raw = zlib.decompress(b"".join(p for k, p in parts if k == b"IDAT"))
    stride = width * bpp
    assert len(raw) == height * (stride + 1), "image data does not match the header"
    rows = np.zeros((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.uint8)
    for y in range(height):
        start = y * (stride + 1)
        line = np.frombuffer(raw, dtype=np.uint8, count=stride, offset=start + 1)
        prev = rows[y] = _unfilter_row(raw[start], line, prev, bpp)
    return Png(width, height, rows.reshape(height, width, bpp))


def colour_pixels(image: Png, hex_colour: str, tolerance: int = 6) -> int:
    """How many opaque pixels lie within ``tolerance`` of the colour."""
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.int16)
    close = np.all(np.abs(image.pixels[..., :3].astype(np.int16) - target) <= tolerance, -1)
    if image.pixels.shape[-1] == 4:
        close &= image.pixels[..., 3] > 200
    return int(close.sum())


def test_png_reader_decodes_every_filter_type() -> None:
    # a 3x2 RGB image written with filters none, sub, up, average and Paeth in turn
    pixels = np.array(
        [[[10, 20, 30], [40, 50, 60], [70, 80, 90]], [[5, 6, 7], [200, 100, 50], [0, 0, 255]]],
        dtype=np.uint8,
    )
    for kind in range(5):
        raw = b""
        prev = bytes(9)
        for row in pixels.reshape(2, 9):
            cur = row.tobytes()
            filtered = bytearray()
            for i, value in enumerate(cur):
                left = cur[i - 3] if i >= 3 else 0
                up_left = prev[i - 3] if i >= 3 else 0
                guess = (0, left, prev[i], (left + prev[i]) // 2, _paeth(left, prev[i], up_left))
                filtered.append((value - guess[kind]) & 0xFF)
            raw += bytes([kind]) + bytes(filtered)
            prev = cur

        def chunk(kind_name: bytes, payload: bytes) -> bytes:
            crc = zlib.crc32(kind_name + payload)
            return struct.pack(">I", len(payload)) + kind_name + payload + struct.pack(">I", crc)

        png = (
            PNG_SIGNATURE
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b"")
        )
        assert np.array_equal(decode_png(png).pixels, pixels), f"filter {kind}"


# --- the registry -----------------------------------------------------------------------


def test_registry_names_are_the_stable_cli_names() -> None:
    assert list(CHARTS) == [
        "volume",
        "fitness",
        "acwr",
        "e1rm",
        "hard-sets",
        "running",
        "vdot",
        "adherence",
        "signals",
    ]
    for name, info in CHARTS.items():
        assert info.name == name
        assert info.description and "\n" not in info.description


def test_every_chart_is_vega_lite_with_title_and_inline_data_only(
    specs: dict[str, dict[str, Any]],
) -> None:
    for name, spec in specs.items():
        assert "vega-lite" in spec["$schema"], name
        assert spec["title"]["text"], name
        assert "no data" not in spec["title"]["text"], name
        assert "datasets" not in spec, name
        body = json.dumps({k: v for k, v in spec.items() if k != "$schema"})
        assert "http://" not in body and "https://" not in body, name
        assert '"url"' not in body, name
        assert '"values"' in body, name


def test_unknown_chart_name_is_an_input_error_listing_the_valid_ones(report: Report) -> None:
    with pytest.raises(InputError) as caught:
        chart_spec(report, "pie")
    message = str(caught.value)
    assert "'pie'" in message
    for name in CHARTS:
        assert name in message


def test_unknown_image_format_is_an_input_error(specs: dict[str, dict[str, Any]]) -> None:
    with pytest.raises(InputError, match="svg, png"):
        render(specs["volume"], "gif")


# --- each chart as data -----------------------------------------------------------------


def _mark(view: dict[str, Any]) -> str:
    mark = view["mark"]
    return str(mark["type"] if isinstance(mark, dict) else mark)


def test_volume_is_stacked_bars_per_modality_matching_the_weeks(
    report: Report, specs: dict[str, dict[str, Any]]
) -> None:
    spec = specs["volume"]
    enc = spec["encoding"]
    assert _mark(spec) == "bar"
    assert (enc["x"]["field"], enc["y"]["field"], enc["color"]["field"]) == (
        "week",
        "load",
        "modality",
    )
    assert enc["y"]["stack"] == "zero"
    assert "AU" in enc["y"]["title"]
    assert enc["color"]["scale"]["domain"] == ["run", "strength", "other"]
    tips = {t["field"] for t in enc["tooltip"]}
    assert {"sessions_srpe", "sessions_hrss", "sessions_estimated"} <= tips
    rows = spec["data"]["values"]
    assert len(rows) == 3 * WEEKS
    by_week: dict[str, dict[str, Any]] = defaultdict(dict)
    for row in rows:
        by_week[row["week"]][row["modality"]] = row
    for w in report.weeks:
        cells = by_week[w.week.isoformat()]
        for modality in ("run", "strength", "other"):
            assert cells[modality]["load"] == pytest.approx(getattr(w, modality), abs=0.05)
        assert cells["run"]["sessions_estimated"] == w.sources.get(LoadSource.ESTIMATE, 0)
    assert enc["x"]["scale"]["domain"] == sorted(w.week.isoformat() for w in report.weeks)


def test_volume_names_the_hrss_unit() -> None:
    spec = charts.volume_chart(sample_report(weeks=2).weeks, LoadMeasure.HRSS)
    assert "HRSS" in spec["encoding"]["y"]["title"]


def test_fitness_draws_ctl_atl_lines_over_tsb(
    report: Report, specs: dict[str, dict[str, Any]]
) -> None:
    spec = specs["fitness"]
    assert sorted(_mark(layer) for layer in spec["layer"]) == ["area", "line"]
    rows = spec["data"]["values"]
    assert len(rows) == 3 * len(report.fitness)
    day = report.fitness[100]
    got = {r["series"]: r["value"] for r in rows if r["day"] == day.day.isoformat()}
    assert got == pytest.approx(
        {"Fitness (CTL)": day.pmc.ctl, "Fatigue (ATL)": day.pmc.atl, "Form (TSB)": day.pmc.tsb},
        abs=0.01,
    )
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "utc"


def test_acwr_shows_only_shown_days_with_descriptive_thresholds_and_caveats(
    report: Report, specs: dict[str, dict[str, Any]]
) -> None:
    spec = specs["acwr"]
    layers = spec["layer"]
    line = next(layer for layer in layers if _mark(layer) == "line")
    shown = [d for d in report.fitness if d.acwr_shown and d.acwr.ratio is not None]
    assert 0 < len(shown) < len(report.fitness)
    assert [r["day"] for r in line["data"]["values"]] == [d.day.isoformat() for d in shown]
    assert line["data"]["values"][5]["ratio"] == pytest.approx(shown[5].acwr.ratio, abs=1e-3)
    band = next(layer for layer in layers if _mark(layer) == "rect")
    assert (band["encoding"]["y"]["datum"], band["encoding"]["y2"]["datum"]) == (0.8, 1.3)
    rule = next(layer for layer in layers if _mark(layer) == "rule")
    assert rule["encoding"]["y"]["datum"] == 1.5
    labels = " ".join(
        layer["encoding"]["text"]["value"] for layer in layers if _mark(layer) == "text"
    )
    assert labels.count("descriptive") == 2 and "Gabbett 2016" in labels
    subtitle = " ".join(spec["title"]["subtitle"])
    for needle in ("Gabbett 2016", "Lolli et al. 2019", "Impellizzeri et al. 2020", "coupled"):
        assert needle in subtitle
    assert "not an injury probability" in subtitle


def test_e1rm_colours_the_top_lifts_and_leaves_out_the_rarest(
    report: Report, specs: dict[str, dict[str, Any]]
) -> None:
    spec = specs["e1rm"]
    enc = spec["encoding"]
    assert _mark(spec) == "line"
    assert (enc["x"]["field"], enc["y"]["field"], enc["color"]["field"]) == (
        "day",
        "e1rm_kg",
        "lift",
    )
    assert "kg" in enc["y"]["title"]
    rows = spec["data"]["values"]
    lifts = {r["lift"] for r in rows}
    assert len(lifts) == 6 and "hip thrust" not in lifts
    assert set(enc["color"]["scale"]["domain"]) == lifts
    best = next(b for b in report.lifts if b.lift == "deadlift")
    row = next(r for r in rows if r["lift"] == "deadlift" and r["day"] == best.day.isoformat())
    assert row["e1rm_kg"] == pytest.approx(best.e1rm_kg, abs=0.05)
    assert row["method"] == best.method.value
    assert charts.top_lifts(report.lifts, 2) == ["deadlift", "half squat"]  # ties: heavier


def test_hard_sets_stack_regions_to_the_weekly_total(
    report: Report, specs: dict[str, dict[str, Any]]
) -> None:
    spec = specs["hard-sets"]
    assert _mark(spec) == "bar"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["lower", "upper", "core"]
    totals: dict[str, int] = defaultdict(int)
    for row in spec["data"]["values"]:
        totals[row["week"]] += row["sets"]
    assert totals == {w.week.isoformat(): w.hard_sets for w in report.strength_weeks}


def test_running_stacks_minutes_by_intensity(
    report: Report, specs: dict[str, dict[str, Any]]
) -> None:
    spec = specs["running"]
    assert _mark(spec) == "bar"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["easy", "moderate", "hard", "unknown"]
    assert "min" in spec["encoding"]["y"]["title"]
    totals: dict[str, float] = defaultdict(float)
    for row in spec["data"]["values"]:
        totals[row["week"]] += row["minutes"]
    for w in report.running_weeks:
        assert totals[w.week.isoformat()] == pytest.approx(w.minutes, abs=0.2)


def test_vdot_is_a_trend_line_with_effort_points(
    report: Report, specs: dict[str, dict[str, Any]]
) -> None:
    spec = specs["vdot"]
    assert sorted(_mark(layer) for layer in spec["layer"]) == ["line", "point"]
    rows = spec["data"]["values"]
    trend = [r for r in rows if r["kind"] == "trend"]
    efforts = [r for r in rows if r["kind"] == "effort"]
    assert [r["vdot"] for r in trend] == pytest.approx([p.vdot for p in report.vdot], abs=0.01)
    assert len(efforts) == len(report.efforts)
    first = report.efforts[0]
    assert efforts[0]["distance_km"] == 5.0
    assert efforts[0]["time"] == f"{int(first.time_s) // 60}:{int(first.time_s) % 60:02d}"


def test_adherence_counts_outcomes_per_modality(
    report: Report, specs: dict[str, dict[str, Any]]
) -> None:
    spec = specs["adherence"]
    assert _mark(spec) == "bar"
    assert spec["encoding"]["row"]["field"] == "modality"
    counted: dict[tuple[str, str, str], int] = {
        (r["week"], r["modality"], r["status"]): r["count"] for r in spec["data"]["values"]
    }
    for w in report.adherence:
        week = w.week.isoformat()
        assert counted.get((week, w.modality, "completed"), 0) == w.completed
        assert counted.get((week, w.modality, "partial"), 0) == w.partial
        assert counted.get((week, w.modality, "missed"), 0) == w.missed


def test_signals_are_counted_per_week_and_severity(
    report: Report, specs: dict[str, dict[str, Any]]
) -> None:
    spec = specs["signals"]
    assert _mark(spec) == "bar"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["info", "warn", "alert"]
    rows = spec["data"]["values"]
    expected: dict[tuple[str, str], int] = defaultdict(int)
    for s in report.signals:
        for week in set(s.weeks):
            expected[(week.isoformat(), s.severity.value)] += 1
    assert {(r["week"], r["severity"]): r["count"] for r in rows} == expected
    assert len(spec["encoding"]["x"]["scale"]["domain"]) == WEEKS  # every week, not just flagged


def test_empty_report_gives_valid_no_data_charts() -> None:
    empty = empty_report()
    for name in CHARTS:
        spec = chart_spec(empty, name)
        assert spec["title"]["text"].endswith("no data"), name
        svg = render(spec, "svg").decode()
        assert svg.startswith("<svg") and "no data" in svg, name


def test_a_lift_name_with_markup_is_escaped_in_the_svg() -> None:
    base = sample_report(weeks=3)
    lifts = tuple(replace(b, lift="<b>&squat") for b in base.lifts)
    svg = render(charts.e1rm_chart(lifts), "svg").decode()
    assert "<b>" not in svg and "&lt;b&gt;&amp;squat" in svg


# --- rendering ------------------------------------------------------------------------

#: A colour each chart must show in solid fills or lines: proof the data were drawn.
_DRAWN_COLOUR = {
    "volume": charts.MODALITY_COLOURS["run"],
    "fitness": charts.FITNESS_COLOURS["Fitness (CTL)"],
    "acwr": "#0072B2",
    "e1rm": charts.LIFT_PALETTE[0],
    "hard-sets": charts.REGION_COLOURS["lower"],
    "running": charts.INTENSITY_COLOURS["easy"],
    "vdot": "#0072B2",
    "adherence": charts.STATUS_COLOURS["completed"],
    "signals": charts.SEVERITY_COLOURS["alert"],
}


_DRAWN_MIN = 400  # pixels; a legend swatch is about 100


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_chart_renders_to_a_real_non_blank_png(
    name: str, specs: dict[str, dict[str, Any]]
) -> None:
    png = render(specs[name], "png", scale=1)
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) > 20_000
    width, height = struct.unpack(">II", png[16:24])
    assert 500 <= width <= 1200 and 200 <= height <= 800, (width, height)
    image = decode_png(png)
    assert (image.width, image.height) == (width, height)
    rgb = image.pixels[..., :3].reshape(-1, 3)
    assert len(np.unique(rgb, axis=0)) > 20  # text, axes and marks, not one flat colour
    not_white = np.any(rgb < 235, axis=1).mean()
    assert 0.03 < not_white < 0.9, not_white
    assert colour_pixels(image, _DRAWN_COLOUR[name]) > _DRAWN_MIN, f"{name} marks not drawn"


def test_the_drawn_colour_check_fails_on_a_chart_without_marks() -> None:
    # the legend still shows the colour, in a swatch far smaller than any drawn data
    image = decode_png(render(chart_spec(empty_report(), "volume"), "png", scale=1))
    assert 0 < colour_pixels(image, _DRAWN_COLOUR["volume"]) < _DRAWN_MIN


def test_png_scale_multiplies_the_size(specs: dict[str, dict[str, Any]]) -> None:
    one = struct.unpack(">II", render(specs["signals"], "png", scale=1)[16:24])
    two = struct.unpack(">II", render(specs["signals"], "png", scale=2)[16:24])
    assert two == (2 * one[0], 2 * one[1])


def test_svg_differs_with_the_data() -> None:
    small = render(chart_spec(sample_report(weeks=8), "volume"), "svg")
    other = render(chart_spec(sample_report(weeks=8, seed=99), "volume"), "svg")
    assert small.startswith(b"<svg") and small != other
