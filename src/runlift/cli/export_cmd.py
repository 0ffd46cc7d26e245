"""``runlift export ics|fit``: the plan on a calendar and on a watch."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runlift.cli.common import user_errors
from runlift.cli.common_db import DbOption

app = typer.Typer(
    help="Export the plan: an iCalendar file for any calendar, FIT workouts for a watch.",
    no_args_is_help=True,
    rich_markup_mode=None,
    epilog="Examples:\n\n  runlift export ics -o plan.ics\n\n"
    "  runlift export fit athlete.toml --week 1 -o workouts/",
)

_SOURCE = Annotated[
    Path | None,
    typer.Argument(help="A plan JSON or an athlete profile (default: your saved plan)."),
]


@app.command(
    epilog="Examples:\n\n  runlift export ics -o plan.ics            # the saved plan\n\n"
    "  runlift export ics athlete.toml --tz Europe/Paris -o plan.ics\n\n"
    "Import the file into your calendar app, or serve it and subscribe: events "
    "keep their UIDs, so a new export updates them instead of adding copies."
)
def ics(
    source: _SOURCE = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")] = Path(
        "plan.ics"
    ),
    tz: Annotated[
        str | None,
        typer.Option(
            "--tz", help="Time zone of the sessions (default: this computer's), e.g. Europe/Paris."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write every planned session as a calendar event (.ics)."""
    from runlift import services
    from runlift.cli.common import write_bytes

    with user_errors():
        write_bytes(services.calendar_bytes(source, db, tz), output)


@app.command(
    epilog="Examples:\n\n  runlift export fit --week 1 -o workouts/\n\n"
    "  runlift export fit plan.json -o workouts/\n\n"
    "Copy the files to the watch's NEWFILES folder (Garmin) or import them in its app."
)
def fit(
    source: _SOURCE = None,
    week: Annotated[int | None, typer.Option("--week", help="Only this plan week.")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write into.")] = Path(
        "workouts"
    ),
    db: DbOption = None,
) -> None:
    """Write one FIT workout file per planned session, for a watch."""
    from runlift import services
    from runlift.exporters.fit_workout import workouts_for

    with user_errors():
        plan, _ = services.plan_to_export(source, db)
        if week is not None and not 1 <= week <= plan.weeks:
            from runlift.errors import InputError

            raise InputError(f"--week must be between 1 and {plan.weeks}, got {week}")
        files = workouts_for(plan, week)
        services.write_workout_files(files, output)
    custom = sorted({name for f in files for name in f.custom_steps})
    typer.echo(f"Wrote {len(files)} workout files to {output}")
    if custom:
        typer.echo(
            "No FIT exercise for these; written as named custom steps: " + ", ".join(custom),
            err=True,
        )
