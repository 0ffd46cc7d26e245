"""Project-wide checks: lint, types and the dependency direction of DESIGN.md."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "runlift"

#: Layers that must stay pure: no storage, CLI or web code, no heavy UI libraries.
PURE = ("model", "evidence", "science", "planning")
FORBIDDEN = (
    "runlift.cli",
    "runlift.web",
    "runlift.storage",
    "runlift.services",
    "sqlalchemy",
    "typer",
    "rich",
    "fastapi",
    "click",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", PURE)
def test_pure_layers_import_no_storage_cli_or_web(layer: str) -> None:
    offenders = []
    for path in sorted((SRC / layer).rglob("*.py")):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_the_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from runlift.cli.app import app\nimport rich.table\n")
    assert {"runlift.cli.app", "rich.table"} <= _imports(bad)


def _tool(name: str) -> list[str]:
    if shutil.which(name) is None:
        return [sys.executable, "-m", name]
    return [name]


def test_ruff_is_clean() -> None:
    result = subprocess.run(
        [*_tool("ruff"), "check", "src", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "src"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
