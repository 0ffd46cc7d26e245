"""The rule catalogue: each planning rule as data, in our own words.

A rule is enforced in exactly one place in ``planning`` (named in ``enforced_in``),
and every planned session lists the ids of the rules that shaped it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from runlift.evidence.references import Reference, reference


class RuleKind(StrEnum):
    HARD = "hard"  # no plan may break it; the scheduler fails with an explanation instead
    SOFT = "soft"  # followed when the availability allows; the objective pays for breaking it


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: RuleKind
    statement: str
    refs: tuple[int, ...]
    enforced_in: str

    @property
    def references(self) -> tuple[Reference, ...]:
        return tuple(reference(n) for n in self.refs)


RULES: tuple[Rule, ...] = (
    Rule(
        "order.priority-first",
        RuleKind.HARD,
        "When one day holds a run and a lift, the session serving the priority goal goes "
        "first: strength priority lifts then runs, running priority runs then lifts.",
        (11, 12, 13),
        "planning.schedule",
    ),
    Rule(
        "gap.same-day",
        RuleKind.HARD,
        "Two sessions on the same day are at least 3 hours apart (end of the first to start "
        "of the second); 6 hours is preferred and sought when the windows allow.",
        (14, 15, 23),
        "planning.schedule",
    ),
    Rule(
        "consolidate.hard-days",
        RuleKind.SOFT,
        "A lifter's hard runs go on lifting days, lift in the morning and run in the evening, "
        "so hard days recover together and the other days stay easy.",
        (13,),
        "planning.schedule",
    ),
    Rule(
        "runner.strength-frequency",
        RuleKind.HARD,
        "With running as the priority, lift 2-3 times a week, lower body and core: heavy "
        "squats and explosive work.",
        (2, 3, 6, 8),
        "planning.compose",
    ),
    Rule(
        "runner.heavy-squat",
        RuleKind.HARD,
        "Heavy half squats for runners: at most 4 sets of 4 taken close to failure, at most "
        "3 times a week, with recovery and the runs coming first.",
        (6,),
        "planning.compose",
    ),
    Rule(
        "runner.explosive",
        RuleKind.HARD,
        "Explosive lower-body sessions for runners last 15-90 minutes, up to twice a week.",
        (8,),
        "planning.compose",
    ),
    Rule(
        "runner.no-bulk",
        RuleKind.HARD,
        "Unless the athlete chooses hypertrophy, a runner's strength work keeps "
        "muscle-building volume low: low reps, few sets, no hypertrophy sessions.",
        (3,),
        "planning.compose",
    ),
    Rule(
        "runner.key-run-spacing",
        RuleKind.HARD,
        "A runner does no hard lower-body lifting the day before a long run, tempo or "
        "interval session, so leg fatigue does not spoil the key runs.",
        (6, 14),
        "planning.schedule",
    ),
    Rule(
        "lifter.run-dose",
        RuleKind.HARD,
        "With strength as the priority, run easy for 10-40 minutes a few times a week, or do "
        "2-3 running HIIT sessions a week instead.",
        (13, 18),
        "planning.compose",
    ),
    Rule(
        "lifter.avoid-high-volume",
        RuleKind.HARD,
        "With strength as the priority, weekly running volume stays low (capped by "
        "experience), since high running volume slows strength gains, most of all in the "
        "legs.",
        (1, 16),
        "planning.periodize",
    ),
    Rule(
        "ramp.gradual",
        RuleKind.HARD,
        "New training starts at the low end for the athlete's experience and grows "
        "gradually: weekly running minutes and strength sets never rise above the previous "
        "peak by more than a capped fraction, and a lighter deload week comes every 3-5 "
        "weeks.",
        (17, 19, 20, 21, 22),
        "planning.periodize",
    ),
    Rule(
        "recovery.spacing",
        RuleKind.SOFT,
        "The more rest between intense lifting and intense running the better the lifts: "
        "hard sessions and the long run are not put on consecutive days when the week "
        "allows it.",
        (13, 23),
        "planning.schedule",
    ),
    Rule(
        "monitor.interference",
        RuleKind.SOFT,
        "Watch for signs that running is holding back strength or the other way round.",
        (1, 16, 17),
        "analysis",
    ),
    Rule(
        "experiment.self",
        RuleKind.SOFT,
        "Try different kinds of running (short jogs or HIIT) and keep what works for you; "
        "enjoying it keeps you training.",
        (5,),
        "planning.compose",
    ),
    Rule(
        "safety.not-medical",
        RuleKind.SOFT,
        "This is information, not medical advice: beginners and anyone with a health "
        "condition should ask a professional first.",
        (),
        "cli",
    ),
)

_BY_ID = {r.id: r for r in RULES}


def rule(rule_id: str) -> Rule:
    """The rule with this id; a KeyError means code refers to a rule the catalogue lacks."""
    return _BY_ID[rule_id]


def refs_of(rule_ids: tuple[str, ...] | list[str]) -> tuple[int, ...]:
    """The sorted, distinct reference numbers behind these rules."""
    return tuple(sorted({n for rid in rule_ids for n in rule(rid).refs}))
