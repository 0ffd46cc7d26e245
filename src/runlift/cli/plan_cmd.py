"""``runlift plan`` and ``runlift explain``."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from runlift.cli.common import DataFormat, Format, console, user_errors, write_output
from runlift.cli.common_db import DbOption, opened

if TYPE_CHECKING:
    from runlift.services import Explanation

PLAN_EXAMPLES = """\
Examples:

  runlift plan --example runner            # a runner adding strength, as a table

  runlift plan athlete.toml --weeks 16 --start 2027-01-04

  runlift plan athlete.toml --format json -o plan.json

  runlift plan --example hybrid --format markdown -o plan.md

  runlift plan athlete.toml --save      # store it; `runlift done` then tracks it
"""

EXPLAIN_EXAMPLES = """\
Examples:

  runlift explain plan.json w1-mon-1

  runlift explain athlete.toml w3-sat-1 --format json
"""


def _parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a real date; write it as YYYY-MM-DD", param_hint="--start"
        ) from None


def plan(
    profile: Annotated[
        Path | None,
        typer.Argument(help="Athlete profile (athlete.toml). Omit it to use --example."),
    ] = None,
    example: Annotated[
        str | None,
        typer.Option("--example", help="Use a shipped profile: runner, lifter or hybrid."),
    ] = None,
    weeks: Annotated[
        int | None, typer.Option("--weeks", help="Plan length in weeks (1-52).")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="First day of the plan, YYYY-MM-DD.")
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="table, json (runlift.plan/1) or markdown.")
    ] = Format.TABLE,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead.")
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help="Store it as your current plan (a new version).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Build a periodized running + strength plan from an athlete profile.

    Exit codes: 0 plan printed; 2 the profile or an option is wrong; 3 the rules
    cannot all be met in the availability (the conflicting rules and days are named).
    """
    from runlift import services

    with user_errors():
        athlete = services.load_profile(profile, example)
        athlete = services.with_overrides(athlete, weeks=weeks, start=_parse_date(start))
        built = services.make_plan(athlete)
        if save:
            with opened(db) as database:
                version = services.save_plan(database, athlete, built)
            typer.echo(f"Saved as your current plan (version {version}).", err=True)
        if fmt is Format.TABLE:
            from runlift.cli.render import plain_console, print_plan

            if output is None:
                print_plan(console(), built)
                return
            text_console, buffer = plain_console()
            print_plan(text_console, built)
            write_output(buffer.getvalue(), output)
            return
        write_output(services.plan_as(built, fmt.value), output)


def explain(
    source: Annotated[Path, typer.Argument(help="A plan JSON file or an athlete profile.")],
    session_id: Annotated[str, typer.Argument(help="Session id, e.g. w1-mon-1.")],
    fmt: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.TABLE,
) -> None:
    """Show one session, the rules that shaped it and the studies behind them."""
    from runlift import services

    with user_errors():
        loaded = services.load_plan_or_profile(source)
        found = services.explain(loaded, session_id)
        if fmt is DataFormat.JSON:
            typer.echo(json.dumps(_explanation_json(found), indent=2, ensure_ascii=False))
            return
        from runlift.cli.render import print_explanation

        print_explanation(console(), found)


def _explanation_json(found: Explanation) -> dict[str, Any]:
    from runlift.exporters.plan_json import session_to_dict

    return {
        "session": session_to_dict(found.session),
        "rules": [
            {"id": r.id, "kind": r.kind.value, "statement": r.statement, "refs": list(r.refs)}
            for r in found.rules
        ],
        "references": [{"n": r.n, "citation": r.citation} for r in found.references],
    }
