"""The terminal form of ``runlift report``: a few short tables, newest weeks last."""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from runlift.analysis.report import Report

#: Weeks shown in the load table; the HTML report and JSON hold them all.
TABLE_WEEKS = 12


def _number(value: float | None, digits: int = 0) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def _header(out: Console, report: Report) -> None:
    sources: dict[str, int] = defaultdict(int)
    for w in report.weeks:
        for source, count in w.sources.items():
            sources[source.value] += count
    counted = ", ".join(f"{n} by {k}" for k, n in sorted(sources.items()))
    out.print(
        f"[bold]{report.athlete}[/bold]: weeks of {report.first:%d %b %Y} to "
        f"{report.last:%d %b %Y}; load measure {report.measure.value}"
        + (f" (sessions: {counted})" if counted else "")
    )


def _load(out: Console, report: Report) -> None:
    from rich.table import Table

    table = Table(
        "week", "run", "strength", "other", "total", "monotony", "strain",
        title="Load per week", title_justify="left", show_edge=False,
    )  # fmt: skip
    for w in report.weeks[-TABLE_WEEKS:]:
        table.add_row(
            f"{w.week:%d %b}",
            _number(w.run),
            _number(w.strength),
            _number(w.other),
            _number(w.combined),
            _number(w.monotony, 2),
            _number(w.strain),
        )
    out.print(table)
    if report.fitness:
        today = report.fitness[-1]
        ratio = (
            f"{today.acwr.ratio:.2f} (descriptive: a spike detector, not an injury risk)"
            if today.acwr_shown and today.acwr.ratio is not None
            else "not shown before 28 days of history"
        )
        out.print(
            f"Fitness (CTL) {today.pmc.ctl:.0f}, fatigue (ATL) {today.pmc.atl:.0f}, "
            f"form (TSB) {today.pmc.tsb:+.0f}; acute:chronic ratio {ratio}"
        )


def _strength(out: Console, report: Report) -> None:
    from rich.table import Table

    by_lift = defaultdict(list)
    for b in report.lifts:
        by_lift[b.lift].append(b)
    if not by_lift:
        out.print("Strength: no lifting with loads and reps in this period.")
        return
    table = Table(
        "lift", "sessions", "first e1RM", "latest e1RM", "change",
        title="Strength (estimated 1RM, kg)", title_justify="left", show_edge=False,
    )  # fmt: skip
    top = sorted(by_lift.items(), key=lambda kv: -len(kv[1]))[:6]
    for lift, bests in top:
        first, last = bests[0].e1rm_kg, bests[-1].e1rm_kg
        table.add_row(
            lift,
            str(len(bests)),
            f"{first:.1f}",
            f"{last:.1f}",
            f"{100 * (last / first - 1):+.1f} %",
        )
    out.print(table)
    active = [w for w in report.strength_weeks if w.sessions]
    if active:
        out.print(
            "Hard sets per lifting week: "
            f"lower {statistics.fmean(w.hard_sets_lower for w in active):.1f}, "
            f"upper {statistics.fmean(w.hard_sets_upper for w in active):.1f}, "
            f"core {statistics.fmean(w.hard_sets_core for w in active):.1f}; "
            f"tonnage {statistics.fmean(w.tonnage_kg for w in active):,.0f} kg a week"
        )


def _running(out: Console, report: Report) -> None:
    active = [w for w in report.running_weeks if w.runs]
    if not active:
        out.print("Running: no runs in this period.")
        return
    mean = statistics.fmean
    out.print(
        f"Running: {mean(w.minutes for w in active):.0f} min and "
        f"{mean(w.distance_m for w in active) / 1000:.1f} km a running week "
        f"(easy {mean(w.minutes_easy for w in active):.0f}, "
        f"moderate {mean(w.minutes_moderate for w in active):.0f}, "
        f"hard {mean(w.minutes_hard for w in active):.0f}, "
        f"unrated {mean(w.minutes_unknown for w in active):.0f} min)"
    )
    if report.vdot:
        first, last = report.vdot[0], report.vdot[-1]
        out.print(f"VDOT from best efforts: {first.vdot:.1f} on {first.day} -> {last.vdot:.1f}")
    hr = [z.hr_minutes for z in report.zones if z.hr_minutes]
    if hr:
        from runlift.analysis.zones import HR_ZONE_LABELS

        totals = [sum(m[i] for m in hr) for i in range(len(HR_ZONE_LABELS))]
        shown = ", ".join(
            f"{label} {v:.0f}" for label, v in zip(HR_ZONE_LABELS, totals, strict=True)
        )
        out.print(f"Minutes by heart-rate zone (% of max, Edwards): {shown}")
    drifts = [e for e in report.efficiency if e.decoupling_pct is not None]
    if drifts:
        latest = drifts[-1]
        out.print(f"Aerobic decoupling of the latest long run ({latest.day}): "
                  f"{latest.decoupling_pct:+.1f} %")  # fmt: skip


def _adherence(out: Console, report: Report) -> None:
    if not report.adherence:
        out.print("Plan adherence: no saved plan covers this period.")
        return
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for w in report.adherence:
        t = totals[w.modality]
        t[0] += w.completed
        t[1] += w.partial
        t[2] += w.missed
        t[3] += w.extra
    parts = [
        f"{modality}: {c} completed, {p} partial, {m} missed, {e} extra"
        for modality, (c, p, m, e) in sorted(totals.items())
    ]
    out.print("Plan adherence: " + "; ".join(parts))


def print_report(out: Console, report: Report) -> None:
    _header(out, report)
    _load(out, report)
    _strength(out, report)
    _running(out, report)
    _adherence(out, report)
    if report.banister is not None or report.banister_measure:
        out.print(f"Fitness-fatigue model ({report.banister_measure}): {report.banister_note}")
    counts: dict[str, int] = defaultdict(int)
    for s in report.signals:
        counts[s.severity.value] += 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "none"
    out.print(f"Signals: {summary}" + ("; details: `runlift check`" if report.signals else ""))
