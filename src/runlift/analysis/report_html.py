"""The training report as one self-contained HTML page.

Everything is inline: the CSS, and every chart as SVG drawn offline by vl-convert. The
page loads nothing, runs no script and works from a file on a machine with no network.
All text that came from the user (the athlete's name, lift names, notes, signal text) is
escaped on the way in.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from datetime import date
from typing import Final

from runlift.analysis.charts import CHARTS, chart_spec, load_unit, render, top_lifts
from runlift.analysis.report import Report
from runlift.analysis.signals import SEVERITY_RANK, Signal
from runlift.analysis.training_load import LoadMeasure, LoadSource
from runlift.evidence.references import reference

#: References the chart notes cite, by number in the bibliography.
REF_VDOT: Final = 24
REF_EWMA: Final = 27
REF_GABBETT: Final = 28
REF_LOLLI: Final = 29
REF_IMPELLIZZERI: Final = 30
REF_BANISTER: Final = 31

_MEASURE_NAMES: Final = {LoadMeasure.SRPE: "session-RPE", LoadMeasure.HRSS: "HRSS"}
_MISSING: Final = "\N{EN DASH}"  # shown for a figure that does not exist

_CSS: Final = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d232a;
 margin:0 auto;max-width:1000px;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{border-bottom:2px solid #e3e7ec;padding-bottom:.2rem;
 margin-top:2.2rem}h3{font-size:1.05rem;margin:.2rem 0}
.meta{color:#4a5560;margin:.1rem 0}
.signal{border-left:5px solid #56B4E9;background:#f6f9fb;padding:.6rem .9rem;margin:.8rem 0}
.signal.warn{border-color:#E69F00;background:#fdf8ef}
.signal.alert{border-color:#D55E00;background:#fdf3ee}
.badge{display:inline-block;font-size:.72rem;font-weight:700;letter-spacing:.05em;
 padding:.05rem .4rem;border-radius:3px;color:#fff;background:#2b7bb5;margin-right:.4rem}
.warn .badge{background:#a86e00}.alert .badge{background:#b54700}
dl.evidence{display:grid;grid-template-columns:max-content auto;gap:0 1rem;margin:.4rem 0}
dl.evidence dt{color:#4a5560}dl.evidence dd{margin:0;font-variant-numeric:tabular-nums}
figure{margin:1.6rem 0}.chart svg{max-width:100%;height:auto}
figcaption{color:#333d47;font-size:.93rem}figcaption p{margin:.35rem 0}
table{border-collapse:collapse;font-variant-numeric:tabular-nums;font-size:.9rem}
th,td{padding:.2rem .6rem;border-bottom:1px solid #e3e7ec;text-align:right}
th:first-child,td:first-child{text-align:left}thead th{background:#f2f4f7}
.refs{font-size:.88rem}footer{margin-top:2.5rem;color:#4a5560;font-size:.85rem}
"""


def _e(text: object) -> str:
    """``text`` made safe to place in HTML text or a quoted attribute."""
    return html.escape(str(text), quote=True)


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _num(value: float | int | str | None, digits: int = 2) -> str:
    if value is None:
        return _MISSING
    if isinstance(value, bool | int):
        return str(value)
    if isinstance(value, float):
        text = f"{value:,.{digits}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return value


def _refs(numbers: Iterable[int]) -> str:
    return " ".join(f"[{n}]" for n in numbers)


def _measure_text(measure: LoadMeasure) -> str:
    if measure is LoadMeasure.HRSS:
        return "heart-rate stress score (HRSS; an hour at threshold heart rate = 100)"
    return "session RPE x minutes (sRPE, Foster 2001; arbitrary units)"


def _session_counts(report: Report) -> tuple[int, int]:
    """(all sessions, sessions whose load was estimated from duration and kind)."""
    total = sum(sum(w.sources.values()) for w in report.weeks)
    estimated = sum(w.sources.get(LoadSource.ESTIMATE, 0) for w in report.weeks)
    return total, estimated


def _header(report: Report) -> str:
    total, estimated = _session_counts(report)
    weeks = len(report.weeks)
    return (
        f"<header><h1>Training report: {_e(report.athlete)}</h1>"
        f'<p class="meta">Period: {_day(report.first)} to {_day(report.last)} '
        f"({weeks} week{'s' if weeks != 1 else ''})</p>"
        f'<p class="meta">Load measure: {_e(_measure_text(report.measure))}</p>'
        f'<p class="meta">Sessions: {total}, of which {estimated} estimated from duration '
        f"and kind (no RPE and no heart rate)</p></header>"
    )


# --- signals ----------------------------------------------------------------------------


def _signal(signal: Signal) -> str:
    sev = signal.severity.value
    parts = [
        f'<article class="signal {_e(sev)}" id="signal-{_e(signal.id)}">',
        f'<h3><span class="badge">{_e(sev.upper())}</span>{_e(signal.title)}</h3>',
    ]
    if signal.evidence:
        rows = "".join(
            f"<dt>{_e(key.replace('_', ' '))}</dt><dd>{_e(_num(value))}</dd>"
            for key, value in signal.evidence.items()
        )
        parts.append(f'<dl class="evidence">{rows}</dl>')
    when = []
    if signal.weeks:
        weeks = sorted(set(signal.weeks))
        label = "Week of " if len(weeks) == 1 else "Weeks of "
        when.append(label + ", ".join(_day(w) for w in weeks))
    if signal.sessions:
        when.append("sessions " + ", ".join(f"#{s}" for s in signal.sessions))
    if when:
        parts.append(f"<p>{_e('; '.join(when))}.</p>")
    parts.append(f'<p class="advice"><strong>What to try:</strong> {_e(signal.advice)}</p>')
    if signal.refs:
        parts.append(f'<p class="refs">References: {_refs(signal.refs)}</p>')
    parts.append("</article>")
    return "".join(parts)


def _signals(signals: Iterable[Signal]) -> str:
    ordered = sorted(signals, key=lambda s: SEVERITY_RANK[s.severity])
    body = (
        "".join(_signal(s) for s in ordered)
        if ordered
        else "<p>No signals in this period: nothing in the log suggests interference "
        "or a load spike.</p>"
    )
    return f'<section id="signals"><h2>Signals</h2>{body}</section>'


# --- chart notes ------------------------------------------------------------------------


def _note_volume(report: Report) -> list[str]:
    total, estimated = _session_counts(report)
    return [
        f"Load per ISO week on the {_e(_MEASURE_NAMES[report.measure])} scale "
        f"({_e(load_unit(report.measure))}), split by modality. {estimated} of {total} "
        "sessions had neither an RPE nor heart rate and were estimated from their duration "
        "and kind; read weeks with many of them as approximate."
    ]


def _note_fitness(report: Report) -> list[str]:
    notes = [
        "Fitness (CTL) and fatigue (ATL) are exponentially weighted averages of daily load "
        "over 42 and 7 days, computed over the whole history; form (TSB) is the previous "
        "day's fitness minus its fatigue. These are load summaries, not measurements of "
        "performance."
    ]
    fit = report.banister
    if fit is not None:
        measure = f" ({_e(report.banister_measure)})" if report.banister_measure else ""
        notes.append(
            f"Banister impulse-response model fitted to {fit.tests} performance "
            f"tests{measure}: r² = {fit.r2:.2f}, RMSE = {_e(_num(fit.rmse, 3))}; fitness gain "
            f"k1 = {fit.k1:.3g} with time constant {fit.tau1:.0f} d, fatigue gain "
            f"k2 = {fit.k2:.3g} with {fit.tau2:.0f} d. With few tests such a fit describes "
            f"the past more than it predicts. {_refs([REF_BANISTER])}"
        )
    if report.banister_note:
        lead = "" if fit is not None else "No Banister model was fitted: "
        notes.append(f"{lead}{_e(report.banister_note)}")
    return notes


def _note_acwr(report: Report) -> list[str]:
    return [
        "Acute (7-day) over chronic (28-day) exponentially weighted load "
        f"{_refs([REF_EWMA])}, shown once 28 days of training are logged. The 0.8-1.3 "
        f"band and the 1.5 line are the ranges Gabbett described {_refs([REF_GABBETT])}; "
        "they are drawn for orientation, not as risk cut-offs.",
        "Criticisms: acute load is part of chronic load, so the ratio is mathematically "
        f"coupled and correlates spuriously {_refs([REF_LOLLI])}; it does not predict injury "
        f"better than acute load alone and is not an injury probability "
        f"{_refs([REF_IMPELLIZZERI])}. Read it as a spike detector only.",
    ]


def _note_e1rm(report: Report) -> list[str]:
    notes = [
        "Estimated one-rep max of each session's best set: through the RPE chart when "
        "the set was rated, by Epley (taken as a set to failure) otherwise. The "
        "most-logged lifts are shown."
    ]
    latest = []
    for lift in top_lifts(report.lifts, 6):
        series = sorted((b for b in report.lifts if b.lift == lift), key=lambda b: b.day)
        first, last = series[0], series[-1]
        change = last.e1rm_kg - first.e1rm_kg
        latest.append(
            f"{_e(lift)} {last.e1rm_kg:.1f} kg ({change:+.1f} kg since {_day(first.day)})"
        )
    if latest:
        notes.append("Latest: " + "; ".join(latest) + ".")
    return notes


def _note_vdot(report: Report) -> list[str]:
    notes = [
        f"VDOT from Daniels' tables {_refs([REF_VDOT])} for each best effort; the line "
        "holds the best value of the recent window, so it drops only as old efforts age "
        "out. Whole-run points come from runs without a distance stream."
    ]
    if report.vdot:
        last = max(report.vdot, key=lambda p: p.day)
        notes.append(f"Current VDOT: {last.vdot:.1f} ({_day(last.day)}).")
    return notes


def _note_adherence(report: Report) -> list[str]:
    done = sum(w.completed + 0.5 * w.partial for w in report.adherence)
    due = sum(w.planned - w.upcoming for w in report.adherence)
    notes = [
        "Planned sessions by outcome. A session done for at least 80 % of its planned "
        "minutes counts as completed, a shorter one as partial (half in the share done)."
    ]
    if due:
        notes.append(f"Share of due sessions done: {done / due:.0%}.")
    return notes


_NOTES: Final[dict[str, Callable[[Report], list[str]]]] = {
    "volume": _note_volume,
    "fitness": _note_fitness,
    "acwr": _note_acwr,
    "e1rm": _note_e1rm,
    "hard-sets": lambda r: [
        "Hard sets are working sets taken close to failure, counted per week and body "
        "region; the weekly count is a common measure of lifting volume."
    ],
    "running": lambda r: [
        "Running minutes per week by intensity, from heart rate or RPE; unknown where "
        "a run had neither."
    ],
    "vdot": _note_vdot,
    "adherence": _note_adherence,
    "signals": lambda r: [
        "Weeks in which signals were raised, by severity; the details are in the Signals "
        "section above."
    ],
}


def chart_svg(report: Report, name: str) -> str:
    """The chart ``name`` as inline SVG markup (vl-convert escapes the text it draws)."""
    svg = render(chart_spec(report, name), "svg").decode("utf-8")
    start = svg.find("<svg")  # drop an XML declaration, if a renderer ever adds one
    return svg[start:] if start > 0 else svg


def _figure(report: Report, name: str) -> str:
    notes = _NOTES[name](report) if name in _NOTES else []
    caption = "".join(f"<p>{text}</p>" for text in notes)
    return (
        f'<figure id="chart-{_e(name)}"><div class="chart">{chart_svg(report, name)}</div>'
        f"<figcaption>{caption}</figcaption></figure>"
    )


# --- table and references ---------------------------------------------------------------


def _weeks_table(report: Report) -> str:
    unit = _e(load_unit(report.measure))
    head = (
        "<thead><tr><th>Week</th><th>Run</th><th>Strength</th><th>Other</th><th>Total</th>"
        "<th>Monotony</th><th>Strain</th><th>Sessions</th><th>Estimated</th></tr></thead>"
    )
    rows = []
    for w in sorted(report.weeks, key=lambda w: w.week):
        cells = (
            _day(w.week),
            f"{w.run:.0f}",
            f"{w.strength:.0f}",
            f"{w.other:.0f}",
            f"{w.combined:.0f}",
            _MISSING if w.monotony is None else f"{w.monotony:.2f}",
            _MISSING if w.strain is None else f"{w.strain:.0f}",
            str(sum(w.sources.values())),
            str(w.sources.get(LoadSource.ESTIMATE, 0)),
        )
        rows.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in cells) + "</tr>")
    body = "".join(rows) or '<tr><td colspan="9">No training logged in this period.</td></tr>'
    return (
        f'<section id="weeks"><h2>Week by week</h2><p class="meta">Load in {unit}. '
        "Monotony is the week's mean daily load over its standard deviation; strain is "
        "the week's load times its monotony (Foster).</p>"
        f"<table>{head}<tbody>{body}</tbody></table></section>"
    )


def _cited(report: Report) -> list[int]:
    cited = {n for s in report.signals for n in s.refs}
    cited |= {REF_VDOT, REF_EWMA, REF_GABBETT, REF_LOLLI, REF_IMPELLIZZERI}
    if report.banister is not None:
        cited.add(REF_BANISTER)
    return sorted(cited)


def _references(report: Report) -> str:
    items = []
    for n in _cited(report):
        try:
            citation = reference(n).citation
        except KeyError:
            citation = "(not in the bibliography)"
        items.append(f"<li>[{n}] {_e(citation)}</li>")
    return (
        '<section id="references" class="refs"><h2>References</h2>'
        f'<ul style="list-style:none;padding:0">{"".join(items)}</ul></section>'
    )


def render_html(report: Report) -> str:
    """The whole report as one HTML document: no script, no external resource."""
    figures = "".join(_figure(report, name) for name in CHARTS)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Training report: {_e(report.athlete)}</title>"
        f"<style>{_CSS}</style></head><body>"
        f"{_header(report)}{_signals(report.signals)}"
        f'<section id="charts"><h2>Charts</h2>{figures}</section>'
        f"{_weeks_table(report)}{_references(report)}"
        "<footer><p>Information, not medical advice: beginners and anyone with a health "
        "condition should consult a professional before changing their training.</p>"
        "<p>Made by runlift.</p></footer></body></html>\n"
    )
