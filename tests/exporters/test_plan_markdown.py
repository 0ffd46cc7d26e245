"""The printable Markdown plan: every session, the why, the rules and their references."""

from __future__ import annotations

import re

import pytest

from runlift.evidence.references import reference
from runlift.evidence.rules import rule
from runlift.exporters.plan_markdown import plan_to_markdown
from runlift.model.plan import Plan

EXAMPLES = ("runner", "lifter", "hybrid")


def _section(md: str, heading: str) -> str:
    """The text under ``## heading`` up to the next ``## `` heading."""
    start = md.index(f"\n## {heading}\n") + len(heading) + 5
    end = md.find("\n## ", start)
    return md[start : end if end != -1 else len(md)]


def _cited(paragraphs: str) -> set[int]:
    """Reference numbers cited as "ref 3", "refs 2, 3, 6, 8" or "refs 11-13"."""
    numbers: set[int] = set()
    for group in re.findall(r"\brefs? ([\d, \-]+\d)", paragraphs):
        for part in group.split(","):
            low, _, high = part.strip().partition("-")
            numbers.update(range(int(low), int(high or low) + 1))
    return numbers


def _listed_references(md: str) -> dict[int, str]:
    body = _section(md, "References")
    return {int(n): text for n, text in re.findall(r"^(\d+)\. (.+)$", body, re.MULTILINE)}


def test_cited_parses_single_lists_and_ranges() -> None:
    assert _cited("as shown (ref 17) and (refs 2, 3, 6) and (refs 11-13).") == {
        2,
        3,
        6,
        11,
        12,
        13,
        17,
    }


@pytest.mark.parametrize("name", EXAMPLES)
def test_markdown_lists_every_session_by_id(example_plans: dict[str, Plan], name: str) -> None:
    plan = example_plans[name]

    md = plan_to_markdown(plan)

    for s in plan.sessions:
        line = next(x for x in md.splitlines() if f"`{s.id}`" in x)
        assert line.startswith(f"- **{s.date:%a %d %b} {s.start:%H:%M}-{s.end:%H:%M}** ")
        assert s.title in line
    assert md.count("\n- **") == len(plan.sessions)


@pytest.mark.parametrize("name", EXAMPLES)
def test_markdown_has_a_heading_per_week_in_order(
    example_plans: dict[str, Plan], name: str
) -> None:
    plan = example_plans[name]

    md = plan_to_markdown(plan)

    assert md.startswith(f"# Training plan for {plan.athlete_name}\n")
    headings = re.findall(r"^## Week (\d+) \(([a-z]+)(, deload)?\)$", md, re.MULTILINE)
    assert [int(n) for n, _, _ in headings] == list(range(1, plan.weeks + 1))
    for (_, phase, deload), summary in zip(headings, plan.week_summaries, strict=True):
        assert phase == summary.phase.value
        assert bool(deload) == summary.deload


@pytest.mark.parametrize("name", EXAMPLES)
def test_markdown_references_cover_the_why_and_the_rules(
    example_plans: dict[str, Plan], name: str
) -> None:
    plan = example_plans[name]

    md = plan_to_markdown(plan)

    why = _section(md, "Why the plan looks like this")
    cited = _cited(why)
    assert cited, "the why paragraph cites no reference"
    listed = _listed_references(md)
    assert cited <= set(listed), f"cited but not listed: {sorted(cited - set(listed))}"
    for rid in plan.rule_ids:
        assert set(rule(rid).refs) <= set(listed), rid
    for n, citation in listed.items():
        assert citation == reference(n).citation
    assert list(listed) == sorted(listed)


@pytest.mark.parametrize("name", EXAMPLES)
def test_markdown_rules_section_lists_each_rule_of_the_plan(
    example_plans: dict[str, Plan], name: str
) -> None:
    plan = example_plans[name]

    rules_text = _section(plan_to_markdown(plan), "Rules followed")

    listed = re.findall(r"^- `([a-z]+\.[a-z0-9-]+)` \((hard|soft)\): ", rules_text, re.MULTILINE)
    assert [rid for rid, _ in listed] == list(plan.rule_ids)
    for rid, kind in listed:
        assert kind == rule(rid).kind.value
        assert rule(rid).statement in rules_text


def test_markdown_why_paragraph_follows_the_priority(example_plans: dict[str, Plan]) -> None:
    whys = {
        name: _section(plan_to_markdown(plan), "Why the plan looks like this")
        for name, plan in example_plans.items()
    }

    assert "Running is your priority" in whys["runner"]
    assert "Strength is your priority" in whys["lifter"]
    assert "equal weight" in whys["hybrid"]
    for why in whys.values():
        assert "not medical advice" in why
