"""Terminal rendering of plans and explanations with Rich."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from runlift.model.plan import Modality, Plan, PlannedSession
from runlift.services import Explanation
from runlift.text import count


def _details(s: PlannedSession) -> str:
    targets = dict(s.targets)
    parts = []
    if s.modality is Modality.RUN:
        if s.distance_km is not None:
            parts.append(f"~{s.distance_km:g} km")
        if "pace_per_km" in targets:
            parts.append(f"{targets['pace_per_km']} /km")
        if "hr_bpm" in targets:
            parts.append(f"HR {targets['hr_bpm']}")
        if "structure" in targets:
            parts.append(targets["structure"])
        return "  ".join(parts)
    for e in s.exercises:
        amount = f"{e.sets}x{e.reps}" if e.reps else f"{e.sets}x{e.duration_s}s"
        load = f" {e.load_kg:g}kg" if e.load_kg else ""
        parts.append(f"{e.name} {amount}{load}")
    return ", ".join(parts)


def plain_console(width: int = 120) -> tuple[Console, io.StringIO]:
    """A console that renders to a string without colours, for writing tables to files."""
    buffer = io.StringIO()
    return Console(file=buffer, width=width, color_system=None, highlight=False), buffer


def print_plan(console: Console, plan: Plan) -> None:
    console.print(
        f"[bold]Plan for {plan.athlete_name}[/bold]: {count(plan.weeks, 'week')} from "
        f"{plan.start:%a %d %b %Y}, priority {plan.priority}"
    )
    for w in plan.week_summaries:
        label = w.phase.value + (" · deload" if w.deload else "")
        table = Table(
            title=f"Week {w.week} · {label} · run {w.run_minutes} min · "
            f"{count(w.strength_sessions, 'lift')} ({count(w.strength_sets, 'set')}) · "
            f"{w.hard_sessions} hard",
            title_justify="left",
            show_edge=False,
            pad_edge=False,
        )
        table.add_column("id", no_wrap=True)
        table.add_column("when", no_wrap=True)
        table.add_column("session", ratio=1)
        table.add_column("details", ratio=2)
        for s in plan.sessions:
            if s.week == w.week:
                table.add_row(
                    s.id,
                    f"{s.date:%a %d %b}\n{s.start:%H:%M}-{s.end:%H:%M}",
                    f"{s.title}\n[dim]{s.intensity.value}[/dim]",
                    _details(s),
                )
        console.print()
        console.print(table)
    console.print()
    console.print("Why a session looks the way it does: runlift explain PROFILE SESSION_ID")


def print_explanation(console: Console, found: Explanation) -> None:
    s = found.session
    console.print(f"[bold]{s.id}[/bold]: {s.title}")
    console.print(
        f"{s.date:%A %d %B %Y} {s.start:%H:%M}-{s.end:%H:%M}, "
        f"{s.modality.value}, {s.kind.value}, {s.intensity.value}"
    )
    details = _details(s)
    if details:
        console.print(details)
    for key, value in s.targets:
        if key not in ("pace_per_km", "hr_bpm", "structure"):
            console.print(f"{key}: {value}")
    console.print()
    console.print("[bold]Rules that shaped it[/bold]")
    for r in found.rules:
        refs = ", ".join(str(n) for n in r.refs)
        console.print(f"- {r.id} ({r.kind.value}): {r.statement}" + (f" [{refs}]" if refs else ""))
    console.print()
    console.print("[bold]References[/bold]")
    for ref in found.references:
        console.print(f"{ref.n}. {ref.citation}")
