"""Fixtures shared by the CLI tests: one generated plan JSON for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import invoke

#: The plan every explain/schema test reads: the runner example, three weeks.
PLAN_ARGS = ("--example", "runner", "--weeks", "3")


@pytest.fixture(scope="session")
def runner_plan_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``runlift plan --example runner --weeks 3 --format json -o plan.json``, once."""
    path = tmp_path_factory.mktemp("plan") / "plan.json"
    result = invoke("plan", *PLAN_ARGS, "--format", "json", "-o", path)
    assert result.exit_code == 0, result.stderr
    return path
