"""A printable Markdown plan: the why first, then week by week, then the references."""

from __future__ import annotations

from runlift.evidence.references import reference
from runlift.evidence.rules import rule
from runlift.model.plan import Modality, Plan, PlannedSession
from runlift.text import count

_PRIORITY_WHY = {
    "running": (
        "Running is your priority. Strength work is added because lifting heavy and "
        "explosively makes runners more economical and faster (refs 2, 3, 6, 8) and lowers "
        "injury risk (refs 9, 10). It stays low in volume so it does not add bulk (ref 3), "
        "and heavy leg days never fall the day before a key run (refs 6, 14)."
    ),
    "strength": (
        "Strength is your priority. Running is added because endurance work raises your "
        "capacity to train and recover (refs 1-3), while its volume is held low, since a lot "
        "of running slows strength gains, most of all in the legs (refs 1, 16). On a day "
        "with both, you lift first and run later (refs 11-13)."
    ),
    "balanced": (
        "You train both with equal weight. The plan keeps hard sessions few and apart "
        "(refs 13, 23), spaces a run and a lift on the same day by at least 3 hours "
        "(refs 14, 15), and builds both gradually so total volume stays recoverable (ref 17)."
    ),
}

#: The references the paragraphs above cite, so the reference list can include them.
_PRIORITY_REFS = {
    "running": (2, 3, 6, 8, 9, 10, 14, 17),
    "strength": (1, 2, 3, 11, 12, 13, 16, 17),
    "balanced": (13, 14, 15, 17, 23),
}


def _line(s: PlannedSession) -> str:
    when = f"{s.date:%a %d %b} {s.start:%H:%M}-{s.end:%H:%M}"
    detail = []
    targets = dict(s.targets)
    if s.distance_km is not None:
        detail.append(f"~{s.distance_km:g} km")
    if "pace_per_km" in targets:
        detail.append(f"pace {targets['pace_per_km']} /km")
    if "structure" in targets:
        detail.append(targets["structure"])
    if s.modality is Modality.STRENGTH:
        for e in s.exercises:
            amount = f"{e.sets}x{e.reps}" if e.reps else f"{e.sets}x{e.duration_s}s"
            load = f" @ {e.load_kg:g} kg" if e.load_kg else ""
            rpe = f" RPE {e.rpe:g}" if e.rpe else ""
            detail.append(f"{e.name} {amount}{load}{rpe}")
    extra = "; ".join(detail)
    return f"- **{when}** `{s.id}` {s.title}" + (f": {extra}" if extra else "")


def plan_to_markdown(plan: Plan) -> str:
    out = [
        f"# Training plan for {plan.athlete_name}",
        "",
        f"{count(plan.weeks, 'week')} from {plan.start:%A %d %B %Y}, "
        f"priority: **{plan.priority}**.",
        "",
        "## Why the plan looks like this",
        "",
        _PRIORITY_WHY[plan.priority],
        "",
        "New kinds of training start at the low end and grow gradually, with a lighter "
        "week every few weeks (ref 17). *This plan is information, not medical advice: if "
        "you are new to training or have a health condition, check with a professional.*",
        "",
    ]
    for w in plan.week_summaries:
        label = w.phase.value + (", deload" if w.deload else "")
        out += [
            f"## Week {w.week} ({label})",
            "",
            f"Running {w.run_minutes} min, {count(w.strength_sessions, 'strength session')} "
            f"({count(w.strength_sets, 'working set')}), "
            f"{count(w.hard_sessions, 'hard session')}.",
            "",
        ]
        out += [_line(s) for s in plan.sessions if s.week == w.week]
        out.append("")
    out += ["## Rules followed", ""]
    for rid in plan.rule_ids:
        r = rule(rid)
        refs = ", ".join(str(n) for n in r.refs)
        out.append(f"- `{r.id}` ({r.kind.value}): {r.statement}" + (f" [{refs}]" if refs else ""))
    numbers = sorted(
        {n for rid in plan.rule_ids for n in rule(rid).refs} | set(_PRIORITY_REFS[plan.priority])
    )
    out += ["", "## References", ""]
    out += [f"{n}. {reference(n).citation}" for n in numbers]
    return "\n".join(out) + "\n"
