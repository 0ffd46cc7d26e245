from __future__ import annotations

from runlift.evidence.references import REFERENCES, reference
from runlift.evidence.rules import RULES, RuleKind, refs_of, rule

DESIGN_RULES = {
    "order.priority-first",
    "gap.same-day",
    "consolidate.hard-days",
    "runner.strength-frequency",
    "runner.heavy-squat",
    "runner.explosive",
    "runner.no-bulk",
    "lifter.run-dose",
    "lifter.avoid-high-volume",
    "ramp.gradual",
    "recovery.spacing",
    "monitor.interference",
    "experiment.self",
    "safety.not-medical",
}


def test_every_rule_of_the_design_is_in_the_catalogue() -> None:
    assert {r.id for r in RULES} >= DESIGN_RULES


def test_rule_ids_are_unique_and_cite_existing_references() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        for n in r.refs:
            assert reference(n).n == n
        assert r.statement.endswith(".")


def test_references_are_numbered_one_to_n_without_gaps() -> None:
    assert [r.n for r in REFERENCES] == list(range(1, len(REFERENCES) + 1))


def test_the_article_numbering_is_kept() -> None:
    assert "Storen" in reference(6).citation and "Paavolainen" in reference(8).citation
    assert "Doma" in reference(14).citation


def test_refs_of_merges_and_sorts() -> None:
    assert refs_of(["gap.same-day", "order.priority-first"]) == (11, 12, 13, 14, 15, 23)
    assert rule("gap.same-day").kind is RuleKind.HARD
    assert rule("consolidate.hard-days").kind is RuleKind.SOFT
