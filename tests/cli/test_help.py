"""``--help`` everywhere: the commands are listed and each one shows examples."""

from __future__ import annotations

import pytest

from tests.cli.helpers import invoke, run_program

COMMANDS = (
    "plan", "explain", "init", "import", "history", "done", "check", "report", "chart", "calc",
    "log", "export", "db",
)  # fmt: skip


def _listed(help_text: str) -> list[str]:
    """The command names under "Commands:" in a help page."""
    block = help_text.split("Commands:", 1)[1]
    return [line.split()[0] for line in block.splitlines() if line.startswith("  ")]


def test_console_script_help_lists_every_command() -> None:
    run = run_program("--help")

    assert run.code == 0
    assert run.stdout.startswith("Usage: runlift ")
    assert _listed(run.stdout) == list(COMMANDS)
    assert "not medical advice" in run.stdout
    assert run.stderr == ""


def test_python_m_runlift_help_lists_every_command() -> None:
    run = run_program("--help", module=True)

    assert run.code == 0
    assert _listed(run.stdout) == list(COMMANDS)


def test_no_arguments_shows_the_help() -> None:
    result = invoke()

    assert result.exit_code in (0, 2)  # Click >= 8.2 exits 2 for no_args_is_help
    assert "Usage: " in result.output
    assert _listed(result.output) == list(COMMANDS)


@pytest.mark.parametrize(
    "command",
    [
        ("plan",),
        ("explain",),
        ("init",),
        ("calc",),
        ("calc", "vdot"),
        ("calc", "predict"),
        ("calc", "e1rm"),
        ("log",),
        ("log", "run"),
        ("log", "lift"),
        ("log", "wellness"),
        ("import",),
        ("history",),
        ("done",),
        ("check",),
        ("report",),
        ("chart",),
        ("export",),
        ("export", "ics"),
        ("export", "fit"),
        ("db",),
        ("db", "status"),
        ("db", "upgrade"),
        ("db", "export"),
        ("db", "import"),
    ],
    ids=" ".join,
)
def test_every_command_help_has_examples(command: tuple[str, ...]) -> None:
    result = invoke(*command, "--help")

    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: runlift {' '.join(command)} ")
    assert "Examples:" in result.stdout
    assert f"runlift {' '.join(command)}" in result.stdout.split("Examples:", 1)[1]


def test_plan_help_documents_exit_codes_and_formats() -> None:
    result = invoke("plan", "--help")

    assert result.exit_code == 0
    assert "Exit codes" in result.stdout
    for word in ("table", "json", "markdown", "--weeks", "--start", "--example"):
        assert word in result.stdout


def test_unknown_command_exits_2_and_names_it() -> None:
    result = invoke("plna")

    assert result.exit_code == 2
    assert "No such command 'plna'" in result.stderr
