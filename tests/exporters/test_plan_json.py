"""The ``runlift.plan/1`` document: round trip, the shipped schema, and reading bad files."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import jsonschema
import pytest

from runlift.errors import InputError, PlanFileError
from runlift.evidence.references import REFERENCES
from runlift.evidence.rules import RULES
from runlift.exporters.plan_json import (
    SCHEMA_ID,
    plan_from_dict,
    plan_to_dict,
    plan_to_json,
    schema,
    session_to_dict,
)
from runlift.model.plan import Plan

EXAMPLES = ("runner", "lifter", "hybrid")
VALIDATOR = jsonschema.Draft202012Validator(schema())

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def runner_doc(example_plans: dict[str, Plan]) -> Doc:
    return plan_to_dict(example_plans["runner"])


def _edited(doc: Doc, change: Callable[[Doc], object]) -> Doc:
    edited = copy.deepcopy(doc)
    change(edited)
    return edited


# --------------------------------------------------------------------------- round trip


@pytest.mark.parametrize("name", EXAMPLES)
def test_plan_dict_round_trip_gives_an_equal_plan(
    example_plans: dict[str, Plan], name: str
) -> None:
    plan = example_plans[name]

    back = plan_from_dict(plan_to_dict(plan), f"{name}.json")

    assert back == plan
    assert len(back.sessions) > 20  # a real plan, not two empty ones


@pytest.mark.parametrize("name", EXAMPLES)
def test_plan_json_text_round_trip_gives_an_equal_plan(
    example_plans: dict[str, Plan], name: str
) -> None:
    plan = example_plans[name]

    text = plan_to_json(plan)

    assert text.endswith("}\n")
    assert plan_from_dict(json.loads(text), f"{name}.json") == plan
    assert plan_to_json(plan_from_dict(json.loads(text), "again")) == text


@pytest.mark.parametrize("name", EXAMPLES)
def test_plan_dict_follows_the_schema_and_the_catalogue(
    example_plans: dict[str, Plan], name: str
) -> None:
    doc = plan_to_dict(example_plans[name])

    VALIDATOR.validate(doc)
    assert doc["schema"] == SCHEMA_ID == "runlift.plan/1"
    catalogue = {r.id: r for r in RULES}
    for r in doc["rules"]:
        assert r["statement"] == catalogue[r["id"]].statement
        assert r["kind"] == catalogue[r["id"]].kind.value
    citations = {r.n: r.citation for r in REFERENCES}
    for ref in doc["references"]:
        assert ref["citation"] == citations[ref["n"]]
    assert [r["n"] for r in doc["references"]] == sorted({r["n"] for r in doc["references"]})


def test_plan_json_keeps_non_ascii_names_readable(example_plans: dict[str, Plan]) -> None:
    plan = replace(example_plans["hybrid"], athlete_name="Zoë Ørsted")

    text = plan_to_json(plan)

    assert '"name": "Zoë Ørsted"' in text
    assert plan_from_dict(json.loads(text), "zoe.json").athlete_name == "Zoë Ørsted"


def test_session_without_a_title_falls_back_to_its_kind(runner_doc: Doc) -> None:
    doc = _edited(runner_doc, lambda d: d["sessions"][0].pop("title"))

    plan = plan_from_dict(doc, "plan.json")

    assert plan.sessions[0].title == runner_doc["sessions"][0]["kind"]
    assert session_to_dict(plan.sessions[1]) == runner_doc["sessions"][1]


# --------------------------------------------------------------------------- bad documents

BROKEN: list[tuple[str, Callable[[Doc], object], list[str]]] = [
    ("missing-schema", lambda d: d.pop("schema"), ['"schema": "runlift.plan/1"']),
    ("other-schema", lambda d: d.update(schema="runlift.plan/2"), ["not a runlift plan"]),
    (
        "end-25h",
        lambda d: d["sessions"][0].update(end="25:00"),
        ["field sessions/0/end", "'25:00'"],
    ),
    ("unknown-top-field", lambda d: d.update(colour="red"), ["'colour' was unexpected"]),
    (
        "negative-duration",
        lambda d: d["sessions"][2].update(duration_min=-30),
        ["field sessions/2/duration_min", "-30"],
    ),
    (
        "rpe-11",
        lambda d: d["sessions"][1]["exercises"][0].update(rpe=11),
        ["field sessions/1/exercises/0/rpe", "11"],
    ),
    ("weeks-53", lambda d: d.update(weeks=53), ["field weeks", "53"]),
    (
        "phase",
        lambda d: d["week_summaries"][0].update(phase="offseason"),
        ["field week_summaries/0/phase", "'offseason'"],
    ),
    (
        "bad-id",
        lambda d: d["sessions"][0].update(id="monday-1"),
        ["field sessions/0/id", "'monday-1'"],
    ),
]


@pytest.mark.parametrize(
    ("change", "needles"), [(c, n) for _, c, n in BROKEN], ids=[i for i, _, _ in BROKEN]
)
def test_schema_and_reader_reject_a_broken_document(
    runner_doc: Doc, change: Callable[[Doc], object], needles: list[str]
) -> None:
    doc = _edited(runner_doc, change)
    assert doc != runner_doc

    assert not VALIDATOR.is_valid(doc)
    with pytest.raises(PlanFileError) as caught:
        plan_from_dict(doc, "saved/plan.json")

    message = str(caught.value)
    assert message.startswith("saved/plan.json: ")
    for needle in needles:
        assert needle in message
    assert isinstance(caught.value, InputError)
    assert caught.value.exit_code == 2


def test_the_runner_document_has_what_the_broken_cases_edit(runner_doc: Doc) -> None:
    # Guards the table above: session 1 must be a lift with exercises for "rpe-11".
    assert runner_doc["sessions"][1]["exercises"]
    assert len(runner_doc["sessions"]) > 2


@pytest.mark.parametrize("doc", [[], "plan", None, 3, {"sessions": []}])
def test_reader_refuses_what_is_not_a_plan_object(doc: Any) -> None:
    with pytest.raises(PlanFileError, match=r"^x\.json: not a runlift plan"):
        plan_from_dict(doc, "x.json")


# Documents the schema accepts but that break the contract; the reader's own checks
# must refuse them, naming the field.


def _case(case_id: str, change: Callable[[Doc], object], needle: str, reason: str) -> Any:
    """A broken document, what the error must contain, and why the schema misses it."""
    del reason  # documents the case; the check is the needle
    return pytest.param(change, needle, id=case_id)


INCONSISTENT = [
    _case(
        "date-feb-30",
        lambda d: d["sessions"][0].update(date="2027-02-30"),
        "sessions/0/date",
        "the date error is 'plan.json: day is out of range for month', with no field path "
        "(the schema's format: date is not checked, and the ValueError loses the path)",
    ),
    _case(
        "modality-vs-kind",
        lambda d: d["sessions"][0].update(
            modality="strength" if d["sessions"][0]["modality"] == "run" else "run"
        ),
        "sessions/0/modality",
        "modality is ignored on reading (derived from kind), so a contradiction is accepted",
    ),
    _case(
        "ends-before-start",
        lambda d: d["sessions"][0].update(start="23:00"),
        "sessions/0",
        "a session ending before it starts is accepted",
    ),
    _case(
        "unknown-rule-id",
        lambda d: d["sessions"][0].update(rules=["made.up"]),
        "made.up",
        "rule ids outside the catalogue are accepted; `runlift explain` then crashes",
    ),
    _case(
        "unknown-reference",
        lambda d: d["sessions"][0].update(refs=[999]),
        "999",
        "reference numbers outside the bibliography are accepted; explain then crashes",
    ),
    _case(
        "duplicate-id",
        lambda d: d["sessions"][1].update(id=d["sessions"][0]["id"]),
        "sessions/1/id",
        "two sessions with the same id are accepted; explain shows only the first",
    ),
    _case(
        "weeks-vs-summaries",
        lambda d: d.update(weeks=2),
        "weeks",
        "weeks that disagree with the number of week_summaries are accepted",
    ),
]


@pytest.mark.parametrize(("change", "needle"), INCONSISTENT)
def test_reader_rejects_an_inconsistent_document_naming_the_field(
    runner_doc: Doc, change: Callable[[Doc], object], needle: str
) -> None:
    doc = _edited(runner_doc, change)
    assert doc != runner_doc
    assert VALIDATOR.is_valid(doc)  # the schema alone cannot see these

    with pytest.raises(PlanFileError) as caught:
        plan_from_dict(doc, "plan.json")

    assert needle in str(caught.value)
