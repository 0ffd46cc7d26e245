"""Shared helpers for the CLI tests: run the app in-process or as a real program.

Every helper checks the promise of DESIGN.md that a user never sees a traceback: output
containing "Traceback", or an exception other than a normal exit escaping the app, fails
the test with the exception in the message.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from runlift.cli.app import app
from runlift.evidence.rules import RULES
from runlift.profile_file import example_profile_path

#: Rule ids from the catalogue, plus the two scheduler labels that are not rules of the
#: article but name the structural limits of a week.
CONFLICT_LABELS = frozenset({r.id for r in RULES} | {"day.one-per-modality", "week.sessions"})

#: ``  - [rule.id] Mon, Thu: ...`` lines of an infeasible-plan message.
CONFLICT_LINE = re.compile(r"^\s*- \[([^\]]+)\] ([^:]+):", re.MULTILINE)

_RUNNER = CliRunner()


def _no_traceback(text: str, what: str) -> None:
    if "Traceback" in text:
        pytest.fail(f"{what} shows a traceback:\n{text}")


def invoke(*args: str | Path, stdin: str | None = None) -> Result:
    """Run ``runlift ARGS`` in-process (stdin is not a terminal)."""
    result = _RUNNER.invoke(app, [str(a) for a in args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        pytest.fail(
            f"runlift {' '.join(map(str, args))} raised {result.exception!r} "
            f"(exit {result.exit_code}); stderr:\n{result.stderr}"
        )
    _no_traceback(result.stdout + result.stderr, f"runlift {' '.join(map(str, args))}")
    return result


def text(result: Result) -> str:
    """Standard output and error with Rich's line wrapping folded into single spaces."""
    return " ".join((result.stdout + "\n" + result.stderr).split())


def console_script() -> Path:
    """The installed ``runlift`` console script, next to this Python or on PATH."""
    beside = Path(sys.executable).with_name("runlift")
    if beside.exists():
        return beside
    found = shutil.which("runlift")
    if found is None:
        pytest.skip("the runlift console script is not installed (pip install -e .)")
    return Path(found)


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def run_program(
    *args: str | Path,
    module: bool = False,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run the real program (console script, or ``python -m runlift``) in a subprocess."""
    head = [sys.executable, "-m", "runlift"] if module else [str(console_script())]
    proc = subprocess.run(
        [*head, *(str(a) for a in args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=cwd,
        env={**os.environ, "COLUMNS": "100", **(env or {})},
        check=False,
    )
    _no_traceback(proc.stdout + proc.stderr, f"runlift {' '.join(map(str, args))}")
    return Run(proc.returncode, proc.stdout, proc.stderr)


def copy_example(name: str, dest: Path, *replacements: tuple[str, str]) -> Path:
    """Copy a shipped example profile to ``dest``, replacing whole-line fragments."""
    content = example_profile_path(name).read_text("utf-8")
    for old, new in replacements:
        if old not in content:
            raise AssertionError(f"{old!r} is not in the {name} example any more")
        content = content.replace(old, new, 1)
    dest.write_text(content, encoding="utf-8")
    return dest


def write_profile(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


def load_json(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return loaded


def conflicts(stderr: str) -> list[tuple[str, list[str]]]:
    """The ``(rule, days)`` pairs named by an infeasible-plan message."""
    return [
        (rule, [d.strip() for d in days.split(",")]) for rule, days in CONFLICT_LINE.findall(stderr)
    ]
