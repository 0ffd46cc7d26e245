"""The one exception hierarchy of runlift.

Every error a user can cause derives from :class:`RunliftError` and carries the
exit code the CLI uses, so the shell layer never has to guess.
"""

from __future__ import annotations

from dataclasses import dataclass


class RunliftError(Exception):
    """Base of every error runlift raises on purpose."""

    exit_code = 1


class InputError(RunliftError):
    """The user gave something we cannot use: a file, a field or an argument."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One mistake in a structured input: which field, which rule, which value."""

    field: str
    rule: str
    value: object

    def __str__(self) -> str:
        return f"{self.field}: {self.rule} (got {self.value!r})"


class ProfileError(InputError):
    """An athlete profile is not valid; lists every problem found, not just the first."""

    def __init__(self, source: str, problems: list[FieldProblem]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source} is not a valid athlete profile:\n{lines}")


class PlanFileError(InputError):
    """A plan JSON file could not be read or does not follow runlift.plan/1."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """A rule that could not be met, the days involved and what would fix it."""

    rule: str
    days: tuple[str, ...]
    detail: str
    fix: str


class InfeasiblePlanError(RunliftError):
    """The rules cannot all be met inside the availability windows given."""

    exit_code = 3

    def __init__(self, week: int, conflicts: list[Conflict]) -> None:
        self.week = week
        self.conflicts = conflicts
        lines = []
        for c in conflicts:
            days = ", ".join(c.days) if c.days else "the week"
            lines.append(f"  - [{c.rule}] {days}: {c.detail}\n    fix: {c.fix}")
        body = "\n".join(lines)
        super().__init__(
            f"No plan fits the availability for week {week}: these rules conflict.\n{body}"
        )


class NotEnoughDataError(InputError):
    """An analysis was asked for with too little logged data to give an honest answer."""
