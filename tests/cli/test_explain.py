"""``runlift explain``: one session, its rules and their references, from a plan or profile."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from runlift.evidence.references import reference
from runlift.evidence.rules import rule
from tests.cli.helpers import copy_example, invoke, load_json, text

#: Reference 6 as the article lists it; the heavy squat rule rests on it.
STOREN_2008 = (
    "Storen O, Helgerud J, Stoa EM, Hoff J. Maximal strength training improves running "
    "economy in distance runners. Med Sci Sports Exerc. 2008;40(6):1087-1092."
)


def _squat_session(plan: dict[str, Any]) -> dict[str, Any]:
    """The first heavy lower-body session of the runner's plan (rules heavy-squat etc.)."""
    return next(s for s in plan["sessions"] if "runner.heavy-squat" in s["rules"])


def _folded(value: str) -> str:
    return " ".join(value.split())


def test_explain_plan_json_shows_title_rules_statements_and_citations(
    runner_plan_json: Path,
) -> None:
    session = _squat_session(load_json(runner_plan_json))
    assert len(session["rules"]) >= 2

    result = invoke("explain", runner_plan_json, session["id"])

    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = text(result)
    assert out.startswith(f"{session['id']}: {_folded(session['title'])}")
    for rid in session["rules"]:
        assert f"- {rid} (" in out
        assert _folded(rule(rid).statement) in out, rid
    assert f"6. {STOREN_2008}" in out
    numbers = sorted({n for rid in session["rules"] for n in rule(rid).refs} | set(session["refs"]))
    for n in numbers:
        assert f"{n}. {_folded(reference(n).citation)}" in out, n
    assert out.index("Rules that shaped it") < out.index("References")


def test_explain_json_returns_session_rules_and_references(runner_plan_json: Path) -> None:
    session = _squat_session(load_json(runner_plan_json))

    result = invoke("explain", runner_plan_json, session["id"], "--format", "json")

    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"session", "rules", "references"}
    assert doc["session"] == session
    assert [r["id"] for r in doc["rules"]] == session["rules"]
    for r in doc["rules"]:
        assert r["statement"] == rule(r["id"]).statement
        assert r["kind"] in ("hard", "soft")
    wanted = sorted({n for r in doc["rules"] for n in r["refs"]} | set(session["refs"]))
    assert [ref["n"] for ref in doc["references"]] == wanted
    assert {"n": 6, "citation": STOREN_2008} in doc["references"]


def test_explain_profile_builds_the_plan_and_matches_the_saved_plan(
    tmp_path: Path, runner_plan_json: Path
) -> None:
    # The saved plan is `--example runner --weeks 3`: the same profile with weeks = 3.
    profile = copy_example("runner", tmp_path / "athlete.toml", ("weeks = 12", "weeks = 3"))
    saved = load_json(runner_plan_json)
    session = saved["sessions"][-1]

    from_profile = invoke("explain", profile, session["id"], "-f", "json")
    from_plan = invoke("explain", runner_plan_json, session["id"], "-f", "json")

    assert from_profile.exit_code == 0, from_profile.stderr
    assert from_profile.stdout == from_plan.stdout
    assert json.loads(from_profile.stdout)["session"]["title"] == session["title"]


def test_explain_profile_table_names_the_session(tmp_path: Path) -> None:
    profile = copy_example("lifter", tmp_path / "athlete.toml", ("weeks = 12", "weeks = 2"))

    result = invoke("explain", profile, "w1-mon-1")

    assert result.exit_code == 0, result.stderr
    out = text(result)
    assert out.startswith("w1-mon-1: ")
    assert "Monday 07 December 2026" in out
    assert "Rules that shaped it" in out


# --------------------------------------------------------------------------- errors


def test_explain_unknown_session_id_suggests_real_ids(runner_plan_json: Path) -> None:
    result = invoke("explain", runner_plan_json, "w9-mon-1")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no session 'w9-mon-1' in this plan" in result.stderr
    first = load_json(runner_plan_json)["sessions"][0]["id"]
    assert f"ids look like {first}" in result.stderr
    assert "runlift plan" in result.stderr


def test_explain_json_that_is_not_a_plan_names_the_file(tmp_path: Path) -> None:
    other = tmp_path / "package.json"
    other.write_text('{"name": "left-pad", "version": "1.3.0"}\n', encoding="utf-8")

    result = invoke("explain", other, "w1-mon-1")

    assert result.exit_code == 2
    assert f"{other}: not a runlift plan" in result.stderr
    assert '"schema": "runlift.plan/1"' in result.stderr


def _mutated(plan_json: Path, tmp_path: Path, change: Any) -> Path:
    doc = load_json(plan_json)
    change(doc)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "needles"),
    [
        (
            lambda d: d["sessions"][0].update(modality="swim"),
            ["field sessions/0/modality", "'swim'"],
        ),
        (
            lambda d: d["sessions"][1].update(start="7am"),
            ["field sessions/1/start", "'7am'"],
        ),
        (lambda d: d.update(weeks="three"), ["field weeks", "'three'"]),
        (lambda d: d["athlete"].pop("name"), ["field athlete", "'name'"]),
    ],
    ids=["modality", "start", "weeks", "athlete-name"],
)
def test_explain_plan_with_a_broken_field_names_the_path(
    runner_plan_json: Path, tmp_path: Path, change: Any, needles: list[str]
) -> None:
    path = _mutated(runner_plan_json, tmp_path, change)

    result = invoke("explain", path, "w1-mon-1")

    assert result.exit_code == 2
    assert result.stdout == ""
    assert str(path) in result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_explain_truncated_json_names_the_file(runner_plan_json: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.json"
    cut.write_bytes(runner_plan_json.read_bytes()[:500])

    result = invoke("explain", cut, "w1-mon-1")

    assert result.exit_code == 2
    assert f"{cut}: not valid JSON" in result.stderr


def test_explain_missing_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "plan.json"

    result = invoke("explain", missing, "w1-mon-1")

    assert result.exit_code == 2
    assert str(missing) in result.stderr
    assert "cannot read" in result.stderr


def test_explain_missing_file_via_python_m(tmp_path: Path) -> None:
    from tests.cli.helpers import run_program

    run = run_program("explain", tmp_path / "gone.json", "w1-mon-1", module=True)

    assert run.code == 2
    assert "gone.json" in run.stderr
    assert run.stdout == ""


def test_explain_plan_with_an_unknown_rule_id_is_an_input_error(
    runner_plan_json: Path, tmp_path: Path
) -> None:
    path = _mutated(
        runner_plan_json, tmp_path, lambda d: d["sessions"][0].update(rules=["made.up"])
    )

    result = invoke("explain", path, load_json(path)["sessions"][0]["id"])

    assert result.exit_code == 2
    assert "made.up" in result.stderr


def test_explain_plan_with_an_unknown_reference_is_an_input_error(
    runner_plan_json: Path, tmp_path: Path
) -> None:
    path = _mutated(runner_plan_json, tmp_path, lambda d: d["sessions"][0].update(refs=[999]))

    result = invoke("explain", path, load_json(path)["sessions"][0]["id"])

    assert result.exit_code == 2
    assert "999" in result.stderr


def test_explain_deeply_nested_json_is_an_input_error(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"schema": "runlift.plan/1", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")

    result = invoke("explain", deep, "w1-mon-1")

    assert result.exit_code == 2
    assert str(deep) in result.stderr


def test_explain_plan_saved_with_a_byte_order_mark_is_read(
    runner_plan_json: Path, tmp_path: Path
) -> None:
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + runner_plan_json.read_bytes())

    result = invoke("explain", bom, "w1-mon-1")

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("w1-mon-1: ")
