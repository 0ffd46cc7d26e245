"""``runlift plan``: tables, JSON, Markdown, files, input errors and infeasible weeks."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from runlift.evidence.rules import RULES
from runlift.exporters.plan_json import SCHEMA_ID, schema
from runlift.model.profile import Weekday
from runlift.profile_file import load_example
from tests.cli.helpers import (
    CONFLICT_LABELS,
    conflicts,
    copy_example,
    invoke,
    load_json,
    run_program,
    write_profile,
)

RULE_IDS = {r.id for r in RULES}
DAY_KEYS = [d.key for d in Weekday]

# --------------------------------------------------------------------------- the table


@pytest.mark.parametrize(
    ("example", "athlete"), [("runner", "Sam"), ("lifter", "Alex"), ("hybrid", "Robin")]
)
def test_plan_example_prints_a_table_week_by_week(example: str, athlete: str) -> None:
    result = invoke("plan", "--example", example, "--weeks", "2")

    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith(f"Plan for {athlete}: 2 weeks from Mon 07 Dec 2026")
    assert "Week 1 " in out
    assert "Week 2 " in out
    assert "Week 3 " not in out
    assert re.search(r"^w1-(mon|tue|wed|thu|fri|sat|sun)-1 ", out, re.MULTILINE)
    assert re.search(r"^w2-(mon|tue|wed|thu|fri|sat|sun)-1 ", out, re.MULTILINE)
    assert "runlift explain PROFILE SESSION_ID" in out


def test_plan_defaults_to_the_profile_length_of_twelve_weeks() -> None:
    result = invoke("plan", "--example", "runner")

    assert result.exit_code == 0, result.stderr
    assert "Plan for Sam: 12 weeks" in result.stdout
    assert "Week 12 " in result.stdout
    assert "Week 13 " not in result.stdout
    assert re.search(r"^w12-\w{3}-1 ", result.stdout, re.MULTILINE)


def test_plan_weeks_option_sets_the_length() -> None:
    result = invoke("plan", "--example", "lifter", "--weeks", "3")

    assert result.exit_code == 0, result.stderr
    assert "3 weeks from" in result.stdout
    assert [int(n) for n in re.findall(r"^Week (\d+) ", result.stdout, re.MULTILINE)] == [1, 2, 3]


def test_plan_start_on_a_wednesday_uses_real_weekdays() -> None:
    start = date(2027, 1, 6)  # a Wednesday
    assert start.weekday() == 2

    table = invoke("plan", "--example", "runner", "--weeks", "2", "--start", "2027-01-06")
    as_json = invoke(
        "plan", "--example", "runner", "--weeks", "2", "--start", "2027-01-06", "-f", "json"
    )

    assert table.exit_code == 0, table.stderr
    assert "2 weeks from Wed 06 Jan 2027" in table.stdout
    assert as_json.exit_code == 0, as_json.stderr
    doc = json.loads(as_json.stdout)
    assert doc["start"] == "2027-01-06"
    sessions = doc["sessions"]
    assert min(date.fromisoformat(s["date"]) for s in sessions) >= start
    for s in sessions:
        day = date.fromisoformat(s["date"])
        week_start = start + timedelta(days=7 * (s["week"] - 1))
        assert week_start <= day < week_start + timedelta(days=7), s["id"]
        week, weekday, _ = s["id"].split("-")
        assert week == f"w{s['week']}"
        assert weekday == DAY_KEYS[day.weekday()], (s["id"], s["date"])
    # The first day of the plan is a Wednesday, so week 1 runs Wednesday to Tuesday and
    # its Monday session (if any) is dated 2027-01-11, after its Wednesday one.
    mondays = [s for s in sessions if s["id"].startswith("w1-mon-")]
    assert all(s["date"] == "2027-01-11" for s in mondays)


# --------------------------------------------------------------------------- JSON


@pytest.fixture(scope="module")
def example_docs() -> dict[str, dict[str, Any]]:
    docs = {}
    for example in ("runner", "lifter", "hybrid"):
        result = invoke("plan", "--example", example, "--weeks", "4", "--format", "json")
        assert result.exit_code == 0, result.stderr
        docs[example] = json.loads(result.stdout)
    return docs


@pytest.mark.parametrize("example", ["runner", "lifter", "hybrid"])
def test_plan_json_follows_the_shipped_schema(
    example_docs: dict[str, dict[str, Any]], example: str
) -> None:
    doc = example_docs[example]

    jsonschema.Draft202012Validator(schema()).validate(doc)
    assert doc["schema"] == SCHEMA_ID == "runlift.plan/1"
    assert doc["weeks"] == 4
    assert [w["week"] for w in doc["week_summaries"]] == [1, 2, 3, 4]
    assert doc["sessions"], "a plan without sessions"


@pytest.mark.parametrize("example", ["runner", "lifter", "hybrid"])
def test_plan_json_rules_and_references_are_consistent(
    example_docs: dict[str, dict[str, Any]], example: str
) -> None:
    doc = example_docs[example]
    listed_rules = {r["id"]: r for r in doc["rules"]}
    listed_refs = {r["n"] for r in doc["references"]}

    used = {rid for s in doc["sessions"] for rid in s["rules"]}
    assert used <= RULE_IDS, used - RULE_IDS
    assert set(listed_rules) == used
    for s in doc["sessions"]:
        assert s["rules"], f"{s['id']} carries no rule"
        assert set(s["refs"]) <= listed_refs, (s["id"], set(s["refs"]) - listed_refs)
    for r in listed_rules.values():
        assert set(r["refs"]) <= listed_refs, r["id"]
    assert all(ref["citation"].strip() for ref in doc["references"])


@pytest.mark.parametrize("example", ["runner", "lifter", "hybrid"])
def test_plan_json_sessions_lie_inside_the_availability(
    example_docs: dict[str, dict[str, Any]], example: str
) -> None:
    availability = load_example(example).schedule.availability
    by_day: dict[str, list[tuple[time, time]]] = {}
    for s in example_docs[example]["sessions"]:
        day = Weekday(date.fromisoformat(s["date"]).weekday())
        start, end = time.fromisoformat(s["start"]), time.fromisoformat(s["end"])
        assert start < end, s["id"]
        assert any(w.start <= start and end <= w.end for w in availability.on(day)), s["id"]
        by_day.setdefault(s["date"], []).append((start, end))
    for when, spans in by_day.items():
        spans.sort()
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start, f"sessions overlap on {when}"


# --------------------------------------------------------------------------- Markdown


def test_plan_markdown_has_title_weeks_and_references() -> None:
    result = invoke("plan", "--example", "hybrid", "--weeks", "3", "--format", "markdown")

    assert result.exit_code == 0, result.stderr
    md = result.stdout
    assert md.startswith("# Training plan for Robin\n")
    for week in (1, 2, 3):
        assert re.search(rf"^## Week {week} \(", md, re.MULTILINE), f"no heading for week {week}"
    assert "## Week 4 " not in md
    assert "\n## References\n" in md
    assert md.index("## Week 3") < md.index("## References")
    assert re.search(r"^\d+\. \S", md.split("## References", 1)[1], re.MULTILINE)


# --------------------------------------------------------------------------- files


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("json", lambda body: json.loads(body)["schema"] == "runlift.plan/1"),
        ("markdown", lambda body: body.startswith("# Training plan for Sam")),
    ],
)
def test_plan_output_option_writes_the_file_and_keeps_stdout_clean(
    tmp_path: Path, fmt: str, check: Any
) -> None:
    target = tmp_path / f"plan.{fmt}"

    result = invoke("plan", "--example", "runner", "--weeks", "2", "-f", fmt, "-o", target)

    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"Wrote {target}" in result.stderr
    assert check(target.read_text("utf-8"))
    assert not (tmp_path / f"plan.{fmt}.tmp").exists()


def test_plan_table_output_option_writes_a_plain_table(tmp_path: Path) -> None:
    target = tmp_path / "plan.txt"

    result = invoke("plan", "--example", "runner", "--weeks", "2", "-o", target)

    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    body = target.read_text("utf-8")
    assert body.startswith("Plan for Sam: 2 weeks")
    assert "Week 2 " in body
    assert re.search(r"^w2-\w{3}-1 ", body, re.MULTILINE)
    assert "\x1b[" not in body, "colour codes written to a file"


def test_plan_output_into_a_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "plan.json"

    result = invoke("plan", "--example", "runner", "--weeks", "1", "-f", "json", "-o", target)

    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert str(target) in result.stderr
    assert not target.exists()


def test_plan_reads_a_profile_file(tmp_path: Path) -> None:
    profile = copy_example(
        "lifter", tmp_path / "athlete.toml", ('name = "Alex"', 'name = "Jo Lifter"')
    )

    result = invoke("plan", profile, "--weeks", "2")

    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Plan for Jo Lifter: 2 weeks")
    assert "w1-" in result.stdout


# --------------------------------------------------------------------------- input errors


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["plan"], ["give a profile file or --example", "runlift init"]),
        (["plan", "--example", "moon"], ["unknown example profile 'moon'", "runner, lifter"]),
        (["plan", "--example", "runner", "--weeks", "0"], ["--weeks", "between 1 and 52", "0"]),
        (["plan", "--example", "runner", "--weeks", "53"], ["--weeks", "between 1 and 52", "53"]),
        (
            ["plan", "--example", "runner", "--start", "2027-02-30"],
            ["--start", "'2027-02-30'", "not a real date", "YYYY-MM-DD"],
        ),
        (["plan", "--example", "runner", "--start", "6 Jan"], ["--start", "YYYY-MM-DD"]),
        (["plan", "--example", "runner", "--format", "xml"], ["--format", "xml", "markdown"]),
    ],
    ids=["neither", "unknown-example", "weeks-0", "weeks-53", "feb-30", "bad-date", "xml"],
)
def test_plan_option_errors_exit_2_naming_the_option(args: list[str], needles: list[str]) -> None:
    result = invoke(*args)

    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert "Error" in result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_plan_with_both_a_file_and_an_example_is_refused(tmp_path: Path) -> None:
    profile = copy_example("runner", tmp_path / "athlete.toml")

    result = invoke("plan", profile, "--example", "runner")

    assert result.exit_code == 2
    assert "one of the two" in result.stderr
    assert result.stdout == ""


def test_plan_missing_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nobody.toml"

    result = invoke("plan", missing)

    assert result.exit_code == 2
    assert str(missing) in result.stderr
    assert "file not found" in result.stderr


@pytest.mark.parametrize(
    ("old", "new", "needles"),
    [
        (
            'priority = "running"',
            'priority = "speed"',
            ["priority: must be one of: running, strength, balanced", "'speed'"],
        ),
        (
            'mon = ["06:00-08:00", "18:00-20:00"]',
            'mon = ["08:00-06:00", "18:00-20:00"]',
            ["schedule.availability.mon[0]", "must end after it starts", "'08:00-06:00'"],
        ),
        ("weeks = 12", "weeks = 0", ["schedule.weeks", "between 1 and 52"]),
        (
            'recent_race = { distance = "5k", time = "23:40" }',
            'recent_race = { distance = "5k", time = "soon" }',
            ["running.recent_race.time", "'soon'"],
        ),
    ],
    ids=["priority", "window", "weeks", "race-time"],
)
def test_plan_bad_profile_field_is_named(
    tmp_path: Path, old: str, new: str, needles: list[str]
) -> None:
    profile = copy_example("runner", tmp_path / "athlete.toml", (old, new))

    result = invoke("plan", profile)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{profile} is not a valid athlete profile" in result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_plan_lists_every_bad_field_at_once(tmp_path: Path) -> None:
    profile = copy_example(
        "runner",
        tmp_path / "athlete.toml",
        ('priority = "running"', 'priority = "speed"'),
        ('strength = "novice"', 'strength = "guru"'),
    )

    result = invoke("plan", profile)

    assert result.exit_code == 2
    assert "  - priority:" in result.stderr
    assert "  - experience.strength:" in result.stderr


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        (b"this is : not toml [[\n", ["is not valid TOML", "line 1"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", ["is not UTF-8 text"]),
        (b"\x00\x01\x02\x03", ["is not valid TOML"]),
    ],
    ids=["not-toml", "binary", "nul-bytes"],
)
def test_plan_unreadable_profile_is_named(
    tmp_path: Path, content: bytes, needles: list[str]
) -> None:
    profile = tmp_path / "athlete.toml"
    profile.write_bytes(content)

    result = invoke("plan", profile)

    assert result.exit_code == 2
    assert str(profile) in result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_plan_on_a_directory_is_an_input_error(tmp_path: Path) -> None:
    result = invoke("plan", tmp_path)

    assert result.exit_code == 2
    assert "is a directory" in result.stderr


# --------------------------------------------------------------------------- infeasible

ONE_SHORT_MONDAY = """\
name = "Pat"
priority = "running"
[experience]
running = "experienced"
strength = "novice"
[running]
weekly_minutes = 180
[schedule]
start = "2027-01-04"
weeks = 2
[schedule.availability]
mon = ["06:00-06:20"]
"""

TWO_SHORT_MORNINGS = """\
name = "Lee"
priority = "strength"
[experience]
running = "novice"
strength = "experienced"
[running]
weekly_minutes = 60
[strength]
run_format = "hiit"
[schedule]
start = "2027-01-04"
weeks = 2
[schedule.availability]
mon = ["06:00-08:00"]
thu = ["06:00-08:00"]
"""


def test_plan_that_cannot_fit_one_short_window_exits_3_with_rules_and_fixes(
    tmp_path: Path,
) -> None:
    profile = write_profile(tmp_path / "athlete.toml", ONE_SHORT_MONDAY)

    result = invoke("plan", profile)

    assert result.exit_code == 3
    assert result.stdout == ""
    err = result.stderr
    assert "No plan fits the availability for week 1" in err
    named = conflicts(err)
    assert named, err
    rules = {rule for rule, _ in named}
    assert rules & {"day.one-per-modality", "runner.strength-frequency"}, rules
    assert rules <= CONFLICT_LABELS, rules - CONFLICT_LABELS
    assert all(days == ["Mon"] for _, days in named), named
    assert err.count("fix:") == len(named)
    assert "Mon 06:00-06:20" in err


def test_plan_where_same_day_gap_cannot_be_kept_names_gap_rule(tmp_path: Path) -> None:
    profile = write_profile(tmp_path / "athlete.toml", TWO_SHORT_MORNINGS)

    result = invoke("plan", profile)

    assert result.exit_code == 3
    assert result.stdout == ""
    named = conflicts(result.stderr)
    rules = [rule for rule, _ in named]
    assert set(rules) <= CONFLICT_LABELS, rules
    assert "gap.same-day" in rules
    gap_days = dict(named)["gap.same-day"]
    assert set(gap_days) <= {"Mon", "Thu"}
    assert "3 h" in result.stderr
    assert "fix:" in result.stderr


def test_infeasible_plan_via_the_real_program_exits_3(tmp_path: Path) -> None:
    profile = write_profile(tmp_path / "athlete.toml", ONE_SHORT_MONDAY)

    run = run_program("plan", profile)

    assert run.code == 3
    assert run.stdout == ""
    assert "fix:" in run.stderr
    assert conflicts(run.stderr)


def test_infeasible_message_names_each_day_once(tmp_path: Path) -> None:
    # Mon has two windows (room for a run and a lift), Sat one: the runner's week does not
    # fit, and the per-modality limit is hit on Monday for both modalities.
    profile = copy_example(
        "runner",
        tmp_path / "athlete.toml",
        ('tue = ["18:00-20:00"]\n', ""),
        ('wed = ["06:00-07:30", "18:00-20:00"]\n', ""),
        ('thu = ["18:00-20:00"]\n', ""),
        ('fri = ["06:00-08:00", "17:00-19:00"]\n', ""),
        ('sun = ["08:00-11:00"]\n', ""),
    )

    result = invoke("plan", profile, "--weeks", "2")

    assert result.exit_code == 3
    named = conflicts(result.stderr)
    assert named
    for rule, days in named:
        assert len(days) == len(set(days)), f"[{rule}] lists {days}"


def test_infeasible_message_uses_singular_for_one_run(tmp_path: Path) -> None:
    profile = write_profile(tmp_path / "athlete.toml", ONE_SHORT_MONDAY)

    result = invoke("plan", profile)

    assert result.exit_code == 3
    assert "needs 1 run " in result.stderr or "needs 1 run and" in result.stderr
    assert "1 runs" not in result.stderr


def test_plan_header_for_one_week_says_week() -> None:
    table = invoke("plan", "--example", "runner", "--weeks", "1")
    md = invoke("plan", "--example", "runner", "--weeks", "1", "-f", "markdown")

    assert table.exit_code == 0
    assert "Plan for Sam: 1 week from" in table.stdout
    assert "1 week from" in md.stdout


# --------------------------------------------------------------------------- determinism


def test_plan_json_is_byte_identical_across_processes(tmp_path: Path) -> None:
    profile = copy_example("hybrid", tmp_path / "athlete.toml", ("weeks = 12", "weeks = 3"))

    first = run_program("plan", profile, "--format", "json", env={"PYTHONHASHSEED": "1"})
    second = run_program("plan", profile, "--format", "json", env={"PYTHONHASHSEED": "2"})
    in_process = invoke("plan", profile, "--format", "json")

    assert first.code == second.code == in_process.exit_code == 0
    assert first.stdout == second.stdout
    assert first.stdout == in_process.stdout
    assert json.loads(first.stdout)["weeks"] == 3


def test_plan_json_file_written_twice_is_identical(tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for target in (a, b):
        result = invoke("plan", "--example", "lifter", "--weeks", "3", "-f", "json", "-o", target)
        assert result.exit_code == 0, result.stderr

    assert a.read_bytes() == b.read_bytes()
    assert load_json(a)["athlete"] == {"name": "Alex", "priority": "strength"}
