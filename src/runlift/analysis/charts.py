"""Chart specs: a :class:`~runlift.analysis.report.Report` (or parts of it) as Vega-Lite.

Every builder is pure and returns a plain dict (an Altair chart's ``to_dict()``) whose
data sit inline as ``data.values``, so a spec can be tested as data, saved as JSON, drawn
by the web pages or rendered offline to SVG or PNG by :func:`render` (vl-convert, no
network needed).

Charts are named in :data:`CHARTS`; the names are what ``runlift chart NAME`` accepts and
stay stable. An empty input still gives a valid spec whose title ends in "no data".

Dates travel as ISO strings. Day-level charts put them on a UTC time scale, so a day is
drawn as that day whatever the renderer's time zone; weekly charts use one ordinal band
per ISO week (named by its Monday) and, given the report's weeks, show every one of them,
empty weeks included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

import altair as alt

from runlift.analysis.adherence import AdherenceWeek
from runlift.analysis.report import Report
from runlift.analysis.running_progress import BestEffort, RunWeek, VdotPoint
from runlift.analysis.sessions import weeks as week_mondays
from runlift.analysis.signals import Severity, Signal
from runlift.analysis.strength_progress import LiftBest, StrengthWeek
from runlift.analysis.training_load import FitnessDay, LoadMeasure, LoadSource, WeekLoad
from runlift.errors import InputError

Spec = dict[str, Any]
Row = dict[str, Any]

WIDTH: Final = 640
HEIGHT: Final = 260
NO_DATA: Final = "no data"

#: Colour-blind-safe colours (Okabe and Ito), fixed per category so a modality or an
#: intensity keeps its colour from one chart to the next. Key order is stacking order.
MODALITY_COLOURS: Final = {"run": "#0072B2", "strength": "#E69F00", "other": "#999999"}
INTENSITY_COLOURS: Final = {
    "easy": "#009E73",
    "moderate": "#E69F00",
    "hard": "#D55E00",
    "unknown": "#BBBBBB",
}
REGION_COLOURS: Final = {"lower": "#0072B2", "upper": "#CC79A7", "core": "#009E73"}
STATUS_COLOURS: Final = {
    "completed": "#009E73",
    "partial": "#E69F00",
    "missed": "#D55E00",
    "upcoming": "#BBBBBB",
}
SEVERITY_COLOURS: Final = {"info": "#56B4E9", "warn": "#E69F00", "alert": "#D55E00"}
FITNESS_COLOURS: Final = {
    "Fitness (CTL)": "#0072B2",
    "Fatigue (ATL)": "#D55E00",
    "Form (TSB)": "#999999",
}
EFFORT_COLOURS: Final = {"best stretch of a run": "#E69F00", "whole run": "#CC79A7"}
LIFT_PALETTE: Final = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9")

#: The ACWR marks drawn, as Gabbett (2016) described them; for orientation only.
ACWR_BAND: Final = (0.8, 1.3)
ACWR_HIGH: Final = 1.5
ACWR_CAVEAT: Final = (
    "Thresholds 0.8-1.3 and 1.5 are descriptive (Gabbett 2016), not injury-risk cut-offs.",
    "The ratio is mathematically coupled (Lolli et al. 2019) and is not an injury "
    "probability (Impellizzeri et al. 2020).",
)

_DAY_FORMAT: Final = "%d %b %Y"


# --- helpers ----------------------------------------------------------------------------


def load_unit(measure: LoadMeasure) -> str:
    """The unit of a load figure on ``measure``'s scale, for axis titles."""
    return "HRSS points" if measure is LoadMeasure.HRSS else "AU = RPE x min"


def _iso(day: date) -> str:
    return day.isoformat()


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _title(text: str, empty: bool, subtitle: Sequence[str] = ()) -> alt.TitleParams:
    shown = f"{text}: {NO_DATA}" if empty else text
    if subtitle:
        return alt.TitleParams(text=shown, subtitle=list(subtitle), anchor="start")
    return alt.TitleParams(text=shown, anchor="start")


def _colour(field: str, title: str, colours: dict[str, str]) -> alt.Color:
    return alt.Color(
        f"{field}:N",
        title=title,
        scale=alt.Scale(domain=list(colours), range=list(colours.values())),
        sort=list(colours),
    )


def _tips(*fields: tuple[str, str] | tuple[str, str, str]) -> list[alt.Tooltip]:
    """Tooltips from (shorthand, title[, format]); dates are shown as UTC days."""
    tips = []
    for shorthand, title, *fmt in fields:
        if shorthand.endswith(":T"):
            tips.append(
                alt.Tooltip(shorthand, title=title, timeUnit="utcyearmonthdate", format=_DAY_FORMAT)
            )
        elif fmt:
            tips.append(alt.Tooltip(shorthand, title=title, format=fmt[0]))
        else:
            tips.append(alt.Tooltip(shorthand, title=title))
    return tips


def _week_axis(domain: Sequence[str]) -> alt.X:
    """One ordinal band per ISO week, labelled with its Monday."""
    return alt.X(
        "week:O",
        title="Week (starting Monday)",
        scale=alt.Scale(domain=list(domain)) if domain else alt.Undefined,
        axis=alt.Axis(
            labelAngle=-45,
            labelOverlap=True,
            labelExpr="utcFormat(toDate(datum.value), '%d %b %y')",
        ),
    )


def _day_axis() -> alt.X:
    return alt.X(
        "day:T",
        title="Date",
        scale=alt.Scale(type="utc"),
        axis=alt.Axis(format="%d %b %y", labelOverlap=True, tickCount="month"),
    )


def _week_domain(listed: Iterable[date], period: Sequence[date]) -> list[str]:
    return sorted({_iso(d) for d in listed} | {_iso(d) for d in period})


def _inline(node: Any, datasets: dict[str, Any]) -> Any:
    """``node`` with every reference to a named dataset replaced by its values."""
    if isinstance(node, list):
        return [_inline(item, datasets) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline(value, datasets) for key, value in node.items()}
    data = out.get("data")
    if isinstance(data, dict) and set(data) == {"name"} and data["name"] in datasets:
        out["data"] = {"values": datasets[data["name"]]}
    return out


def _spec(chart: alt.TopLevelMixin) -> Spec:
    """The chart as a dict whose data sit where they are used, as ``data.values``.

    Altair gathers inline data into a top-level ``datasets`` map; putting them back makes
    every view self-describing, easy to read and to test.
    """
    spec = chart.to_dict()
    inlined: Spec = _inline(spec, spec.pop("datasets", {}))
    return inlined


def _weekly_stack(
    rows: list[Row],
    *,
    value: tuple[str, str],
    colour: tuple[str, str, dict[str, str]],
    weeks: Sequence[str],
    title: str,
    tips: list[alt.Tooltip],
    y_axis: alt.Axis | None = None,
    y_max: int | None = None,
    height: int = HEIGHT,
    row: alt.Row | None = None,
) -> alt.Chart:
    """Bars per week, stacked by ``colour``'s field in its colours' key order, with one
    row of bars per value of ``row``'s field when given."""
    field, y_title = value
    scale = alt.Scale(domain=[0, y_max]) if y_max else alt.Undefined
    chart: alt.Chart = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_bar()
        .encode(
            x=_week_axis(weeks),
            y=alt.Y(
                f"{field}:Q",
                title=y_title,
                stack="zero",
                scale=scale,
                axis=y_axis if y_axis is not None else alt.Undefined,
            ),
            color=_colour(*colour),
            order=alt.Order("rank:Q"),
            tooltip=tips,
            row=alt.Undefined if row is None else row,
        )
        .properties(title=_title(title, not rows), width=WIDTH, height=height)
    )
    return chart


# --- the charts -------------------------------------------------------------------------


def volume_rows(weeks: Sequence[WeekLoad]) -> list[Row]:
    """One row per week and modality, with the week's totals and source counts."""
    rows = []
    for w in weeks:
        common = {
            "week": _iso(w.week),
            "combined": round(w.combined, 1),
            "monotony": _round(w.monotony, 2),
            "strain": _round(w.strain, 0),
            "sessions_srpe": w.sources.get(LoadSource.SRPE, 0),
            "sessions_hrss": w.sources.get(LoadSource.HRSS, 0),
            "sessions_estimated": w.sources.get(LoadSource.ESTIMATE, 0),
        }
        for rank, modality in enumerate(MODALITY_COLOURS):
            load = round(float(getattr(w, modality)), 1)
            rows.append({"modality": modality, "rank": rank, "load": load} | common)
    return rows


def volume_chart(
    weeks: Sequence[WeekLoad],
    measure: LoadMeasure = LoadMeasure.SRPE,
    period: Sequence[date] = (),
) -> Spec:
    """Weekly load per modality as stacked bars; the tooltip says how it was measured."""
    unit = load_unit(measure)
    chart = _weekly_stack(
        volume_rows(weeks),
        value=("load", f"Weekly load ({unit})"),
        colour=("modality", "Modality", MODALITY_COLOURS),
        weeks=_week_domain((w.week for w in weeks), period),
        title=f"Weekly training load by modality ({measure.value})",
        tips=_tips(
            ("week:N", "Week"),
            ("modality:N", "Modality"),
            ("load:Q", f"Load ({unit})"),
            ("combined:Q", "Week total"),
            ("sessions_srpe:Q", "Sessions by RPE"),
            ("sessions_hrss:Q", "Sessions by heart rate"),
            ("sessions_estimated:Q", "Sessions estimated"),
            ("monotony:Q", "Monotony"),
            ("strain:Q", "Strain"),
        ),
    )
    return _spec(chart)


def fitness_rows(days: Sequence[FitnessDay]) -> list[Row]:
    """Long rows: one per day and series (CTL, ATL, TSB)."""
    rows = []
    for d in days:
        for series, value in zip(FITNESS_COLOURS, (d.pmc.ctl, d.pmc.atl, d.pmc.tsb), strict=True):
            rows.append({"day": _iso(d.day), "series": series, "value": round(value, 2)})
            rows[-1]["load"] = round(d.load, 1)
    return rows


def fitness_chart(days: Sequence[FitnessDay], measure: LoadMeasure = LoadMeasure.SRPE) -> Spec:
    """CTL and ATL as lines over TSB drawn as a shaded area, per day."""
    rows = fitness_rows(days)
    ctl, atl, tsb = FITNESS_COLOURS
    base = alt.Chart().encode(
        x=_day_axis(),
        y=alt.Y("value:Q", title=f"Load per day ({load_unit(measure)})"),
        color=_colour("series", "Series", FITNESS_COLOURS),
        tooltip=_tips(
            ("day:T", "Day"),
            ("series:N", "Series"),
            ("value:Q", "Value", ".1f"),
            ("load:Q", "Load that day", ".0f"),
        ),
    )
    form = base.transform_filter(alt.datum.series == tsb).mark_area(opacity=0.35)
    lines = base.transform_filter(alt.FieldOneOfPredicate(field="series", oneOf=[ctl, atl]))
    chart = alt.layer(
        form, lines.mark_line(strokeWidth=2), data=alt.InlineData(values=rows)
    ).properties(
        title=_title(
            "Fitness (CTL, 42 d), fatigue (ATL, 7 d) and form (TSB)",
            not rows,
            ["Form is the previous day's fitness minus its fatigue."],
        ),
        width=WIDTH,
        height=HEIGHT,
    )
    return _spec(chart)


def acwr_rows(days: Sequence[FitnessDay]) -> list[Row]:
    """Only the days whose ratio is shown (enough history, chronic load above zero)."""
    return [
        {
            "day": _iso(d.day),
            "ratio": round(d.acwr.ratio, 3),
            "acute": round(d.acwr.acute, 1),
            "chronic": round(d.acwr.chronic, 1),
        }
        for d in days
        if d.acwr_shown and d.acwr.ratio is not None
    ]


def _acwr_label(y: float, text: str, colour: str, scale: alt.Scale) -> alt.Chart:
    label: alt.Chart = (
        alt.Chart(alt.InlineData(values=[{}]))
        .mark_text(align="left", baseline="bottom", dx=4, dy=-2, color=colour, fontSize=10)
        .encode(x=alt.value(0), y=alt.Y(datum=y, scale=scale), text=alt.value(text))
    )
    return label


def acwr_chart(days: Sequence[FitnessDay]) -> Spec:
    """The EWMA acute:chronic ratio with Gabbett's band and line, labelled descriptive."""
    rows = acwr_rows(days)
    top = max([2.0, *(float(r["ratio"]) * 1.05 for r in rows)])
    y_scale = alt.Scale(domain=[0, round(top, 2)])
    low, high = ACWR_BAND
    band = (
        alt.Chart(alt.InlineData(values=[{}]))
        .mark_rect(color="#009E73", opacity=0.12)
        .encode(y=alt.Y(datum=low, scale=y_scale), y2=alt.Y2(datum=high))
    )
    rule = (
        alt.Chart(alt.InlineData(values=[{}]))
        .mark_rule(color="#D55E00", strokeDash=[6, 4])
        .encode(y=alt.Y(datum=ACWR_HIGH, scale=y_scale))
    )
    ratio = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_line(color="#0072B2", strokeWidth=2, point=alt.OverlayMarkDef(size=12))
        .encode(
            x=_day_axis(),
            y=alt.Y("ratio:Q", title="Acute:chronic ratio (EWMA 7/28 d, no unit)", scale=y_scale),
            tooltip=_tips(
                ("day:T", "Day"),
                ("ratio:Q", "Ratio", ".2f"),
                ("acute:Q", "Acute (EWMA 7 d)"),
                ("chronic:Q", "Chronic (EWMA 28 d)"),
            ),
        )
    )
    labels = (
        _acwr_label(high, f"{low}-{high}: descriptive band (Gabbett 2016)", "#2f6b55", y_scale),
        _acwr_label(ACWR_HIGH, f"{ACWR_HIGH}: descriptive line (Gabbett 2016)", "#9a4a10", y_scale),
    )
    chart = alt.layer(band, rule, ratio, *labels).properties(
        title=_title("Acute:chronic workload ratio (EWMA)", not rows, ACWR_CAVEAT),
        width=WIDTH,
        height=HEIGHT,
    )
    return _spec(chart)


def top_lifts(lifts: Sequence[LiftBest], top: int) -> list[str]:
    """The ``top`` lifts logged in the most sessions (ties: the heavier first)."""
    counts = Counter(b.lift for b in lifts)
    heaviest: dict[str, float] = {}
    for b in lifts:
        heaviest[b.lift] = max(heaviest.get(b.lift, 0.0), b.e1rm_kg)
    return sorted(counts, key=lambda lift: (-counts[lift], -heaviest[lift], lift))[:top]


def e1rm_rows(lifts: Sequence[LiftBest], top: int = 6) -> list[Row]:
    chosen = set(top_lifts(lifts, top))
    return [
        {
            "day": _iso(b.day),
            "lift": b.lift,
            "e1rm_kg": round(b.e1rm_kg, 1),
            "load_kg": b.load_kg,
            "reps": b.reps,
            "rpe": b.rpe,
            "method": b.method.value,
        }
        for b in sorted(lifts, key=lambda b: (b.lift, b.day))
        if b.lift in chosen
    ]


def e1rm_chart(lifts: Sequence[LiftBest], top: int = 6) -> Spec:
    """Estimated 1RM of each session's best set, one coloured line per lift."""
    rows = e1rm_rows(lifts, top)
    order = top_lifts(lifts, top)
    palette = [LIFT_PALETTE[i % len(LIFT_PALETTE)] for i in range(len(order))]
    chart = (
        alt.Chart(alt.InlineData(values=rows))
        .mark_line(strokeWidth=2, point=alt.OverlayMarkDef(size=30))
        .encode(
            x=_day_axis(),
            y=alt.Y("e1rm_kg:Q", title="Estimated 1RM (kg)", scale=alt.Scale(zero=False)),
            color=alt.Color(
                "lift:N",
                title="Lift",
                sort=order,
                scale=alt.Scale(domain=order, range=palette) if order else alt.Undefined,
            ),
            tooltip=_tips(
                ("day:T", "Day"),
                ("lift:N", "Lift"),
                ("e1rm_kg:Q", "e1RM (kg)"),
                ("load_kg:Q", "Load (kg)"),
                ("reps:Q", "Reps"),
                ("rpe:Q", "RPE"),
                ("method:N", "Method"),
            ),
        )
        .properties(
            title=_title("Estimated one-rep max per lift", not rows), width=WIDTH, height=HEIGHT
        )
    )
    return _spec(chart)


def hard_sets_rows(weeks: Sequence[StrengthWeek]) -> list[Row]:
    rows = []
    for w in weeks:
        counts = (w.hard_sets_lower, w.hard_sets_upper, w.hard_sets_core)
        for rank, (region, sets) in enumerate(zip(REGION_COLOURS, counts, strict=True)):
            rows.append({"week": _iso(w.week), "region": region, "rank": rank, "sets": sets})
            rows[-1] |= {
                "sessions": w.sessions,
                "working_sets": w.working_sets,
                "tonnage_kg": round(w.tonnage_kg),
            }
    return rows


def hard_sets_chart(weeks: Sequence[StrengthWeek], period: Sequence[date] = ()) -> Spec:
    """Weekly hard sets stacked by body region."""
    chart = _weekly_stack(
        hard_sets_rows(weeks),
        value=("sets", "Hard sets per week (sets)"),
        colour=("region", "Body region", REGION_COLOURS),
        weeks=_week_domain((w.week for w in weeks), period),
        title="Weekly hard sets per body region",
        tips=_tips(
            ("week:N", "Week"),
            ("region:N", "Region"),
            ("sets:Q", "Hard sets"),
            ("working_sets:Q", "Working sets (week)"),
            ("sessions:Q", "Sessions (week)"),
            ("tonnage_kg:Q", "Tonnage (kg, week)"),
        ),
    )
    return _spec(chart)


def running_rows(weeks: Sequence[RunWeek]) -> list[Row]:
    rows = []
    for w in weeks:
        minutes = (w.minutes_easy, w.minutes_moderate, w.minutes_hard, w.minutes_unknown)
        for rank, (intensity, value) in enumerate(zip(INTENSITY_COLOURS, minutes, strict=True)):
            rows.append(
                {
                    "week": _iso(w.week),
                    "intensity": intensity,
                    "rank": rank,
                    "minutes": round(value, 1),
                    "runs": w.runs,
                    "distance_km": round(w.distance_m / 1000, 1),
                }
            )
    return rows


def running_chart(weeks: Sequence[RunWeek], period: Sequence[date] = ()) -> Spec:
    """Weekly running minutes stacked by intensity."""
    chart = _weekly_stack(
        running_rows(weeks),
        value=("minutes", "Running time per week (min)"),
        colour=("intensity", "Intensity", INTENSITY_COLOURS),
        weeks=_week_domain((w.week for w in weeks), period),
        title="Weekly running time by intensity",
        tips=_tips(
            ("week:N", "Week"),
            ("intensity:N", "Intensity"),
            ("minutes:Q", "Minutes"),
            ("runs:Q", "Runs (week)"),
            ("distance_km:Q", "Distance (km, week)"),
        ),
    )
    return _spec(chart)


def _clock(seconds: float) -> str:
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def vdot_rows(points: Sequence[VdotPoint], efforts: Sequence[BestEffort]) -> list[Row]:
    """Trend rows (``kind`` "trend") then one row per effort (``kind`` "effort")."""
    rows: list[Row] = [
        {"day": _iso(p.day), "kind": "trend", "vdot": round(p.vdot, 2)} for p in points
    ]
    rows += [
        {
            "day": _iso(e.day),
            "kind": "effort",
            "vdot": round(e.vdot, 2),
            "distance_km": round(e.distance_m / 1000, 2),
            "time": _clock(e.time_s),
            "effort": "whole run" if e.whole_run else "best stretch of a run",
        }
        for e in efforts
    ]
    return rows


def vdot_chart(points: Sequence[VdotPoint], efforts: Sequence[BestEffort]) -> Spec:
    """The VDOT trend as a stepped line, each best effort as a point."""
    rows = vdot_rows(points, efforts)
    base = alt.Chart().encode(
        x=_day_axis(),
        y=alt.Y("vdot:Q", title="VDOT (ml/kg/min, Daniels)", scale=alt.Scale(zero=False)),
    )
    trend = base.transform_filter(alt.datum.kind == "trend").mark_line(
        color="#0072B2", strokeWidth=2, interpolate="step-after"
    )
    dots = (
        base.transform_filter(alt.datum.kind == "effort")
        .mark_point(filled=True, size=45, opacity=0.85)
        .encode(
            color=_colour("effort", "Effort", EFFORT_COLOURS),
            tooltip=_tips(
                ("day:T", "Day"),
                ("vdot:Q", "VDOT", ".1f"),
                ("distance_km:Q", "Distance (km)"),
                ("time:N", "Time"),
                ("effort:N", "Effort"),
            ),
        )
    )
    chart = alt.layer(trend, dots, data=alt.InlineData(values=rows)).properties(
        title=_title(
            "Running fitness: VDOT from best efforts",
            not rows,
            ["Line: best VDOT of the recent window; points: single efforts."],
        ),
        width=WIDTH,
        height=HEIGHT,
    )
    return _spec(chart)


def adherence_rows(weeks: Sequence[AdherenceWeek]) -> list[Row]:
    """One row per week, modality and outcome whose count is above zero."""
    rows = []
    for w in weeks:
        share = w.share_done
        counts = (w.completed, w.partial, w.missed, w.upcoming)
        for rank, (status, count) in enumerate(zip(STATUS_COLOURS, counts, strict=True)):
            if count:
                rows.append(
                    {
                        "week": _iso(w.week),
                        "modality": w.modality,
                        "status": status,
                        "rank": rank,
                        "count": count,
                        "planned": w.planned,
                        "extra": w.extra,
                        "share_done": _round(share, 3),
                    }
                )
    return rows


def adherence_chart(weeks: Sequence[AdherenceWeek], period: Sequence[date] = ()) -> Spec:
    """Planned sessions per week by outcome, stacked; one row of bars per modality."""
    rows = adherence_rows(weeks)
    chart = _weekly_stack(
        rows,
        value=("count", "Planned sessions (count)"),
        colour=("status", "Outcome", STATUS_COLOURS),
        weeks=_week_domain((w.week for w in weeks), period),
        title="Plan adherence: planned sessions by outcome",
        tips=_tips(
            ("week:N", "Week"),
            ("modality:N", "Modality"),
            ("status:N", "Outcome"),
            ("count:Q", "Sessions"),
            ("planned:Q", "Planned (week)"),
            ("extra:Q", "Extra, unplanned (week)"),
            ("share_done:Q", "Share done", ".0%"),
        ),
        height=HEIGHT // 2,
        # a facet of no rows draws nothing at all, not even empty axes: facet only data
        row=alt.Row("modality:N", title="Modality", sort=list(MODALITY_COLOURS)) if rows else None,
    )
    return _spec(chart)


def signal_rows(signals: Sequence[Signal]) -> list[Row]:
    """Signals counted per week and severity; a signal spanning weeks counts in each."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for s in signals:
        for week in sorted(set(s.weeks)):
            grouped.setdefault((_iso(week), s.severity.value), []).append(s.title)
    rank = {sev.value: i for i, sev in enumerate(Severity)}
    return [
        {
            "week": week,
            "severity": severity,
            "rank": rank[severity],
            "count": len(titles),
            "titles": "; ".join(titles),
        }
        for (week, severity), titles in sorted(grouped.items())
    ]


def signals_chart(signals: Sequence[Signal], period: Sequence[date] = ()) -> Spec:
    """Signals raised per week, stacked by severity (signals without weeks are left out)."""
    rows = signal_rows(signals)
    per_week = Counter[str]()
    for row in rows:
        per_week[row["week"]] += row["count"]
    most = max([1, *per_week.values()])
    chart = _weekly_stack(
        rows,
        value=("count", "Signals (count)"),
        colour=("severity", "Severity", {s.value: SEVERITY_COLOURS[s.value] for s in Severity}),
        weeks=_week_domain((w for s in signals for w in s.weeks), period),
        title="Interference and load signals per week",
        tips=_tips(
            ("week:N", "Week"),
            ("severity:N", "Severity"),
            ("count:Q", "Signals"),
            ("titles:N", "Which"),
        ),
        y_axis=alt.Axis(
            format="d", tickMinStep=1, values=list(range(most + 1)) if most <= 10 else alt.Undefined
        ),
        y_max=most,
        height=HEIGHT // 2 + 40,
    )
    return _spec(chart)


# --- registry and rendering -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChartInfo:
    name: str
    description: str
    build: Callable[[Report], Spec]


def report_weeks(report: Report) -> list[date]:
    """The Monday of every week the report covers."""
    return week_mondays(report.first, report.last)


CHARTS: Final[dict[str, ChartInfo]] = {
    c.name: c
    for c in (
        ChartInfo(
            "volume",
            "Weekly training load per modality (stacked bars).",
            lambda r: volume_chart(r.weeks, r.measure, report_weeks(r)),
        ),
        ChartInfo(
            "fitness",
            "Fitness (CTL), fatigue (ATL) and form (TSB) per day.",
            lambda r: fitness_chart(r.fitness, r.measure),
        ),
        ChartInfo(
            "acwr",
            "Acute:chronic workload ratio (EWMA), descriptive thresholds and caveats.",
            lambda r: acwr_chart(r.fitness),
        ),
        ChartInfo(
            "e1rm",
            "Estimated one-rep max over time for the most-logged lifts.",
            lambda r: e1rm_chart(r.lifts),
        ),
        ChartInfo(
            "hard-sets",
            "Weekly hard sets per body region (stacked bars).",
            lambda r: hard_sets_chart(r.strength_weeks, report_weeks(r)),
        ),
        ChartInfo(
            "running",
            "Weekly running minutes by intensity (stacked bars).",
            lambda r: running_chart(r.running_weeks, report_weeks(r)),
        ),
        ChartInfo(
            "vdot",
            "VDOT trend with the best efforts behind it.",
            lambda r: vdot_chart(r.vdot, r.efforts),
        ),
        ChartInfo(
            "adherence",
            "Planned sessions per week: completed, partial, missed, per modality.",
            lambda r: adherence_chart(r.adherence, report_weeks(r)),
        ),
        ChartInfo(
            "signals",
            "Interference and load signals per week by severity.",
            lambda r: signals_chart(r.signals, report_weeks(r)),
        ),
    )
}

FORMATS: Final = ("svg", "png")


def _unknown(kind: str, name: str, valid: Iterable[str]) -> InputError:
    return InputError(f"unknown {kind} {name!r}; choose one of: {', '.join(valid)}")


def chart_info(name: str) -> ChartInfo:
    """The chart called ``name``.

    Raises:
        InputError: if no chart has that name (the message lists the valid ones).
    """
    info = CHARTS.get(name)
    if info is None:
        raise _unknown("chart", name, CHARTS)
    return info


def chart_spec(report: Report, name: str) -> Spec:
    """The Vega-Lite spec of the chart called ``name`` (InputError for an unknown one)."""
    return chart_info(name).build(report)


def render(spec: Spec, fmt: str = "png", *, scale: float = 2.0) -> bytes:
    """Draw ``spec`` offline with vl-convert: SVG text encoded as UTF-8, or PNG bytes.

    ``scale`` multiplies the PNG's pixel size (2 keeps it sharp on dense screens).

    Raises:
        InputError: for a format other than "svg" or "png".
    """
    import vl_convert as vlc  # heavy: loaded on first use only

    if fmt == "svg":
        svg: str = vlc.vegalite_to_svg(spec)
        return svg.encode("utf-8")
    if fmt == "png":
        png: bytes = vlc.vegalite_to_png(spec, scale=scale)
        return png
    raise _unknown("image format", fmt, FORMATS)
