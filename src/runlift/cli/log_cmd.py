"""``runlift log run|lift|wellness``: record what was done by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from runlift.cli.common import user_errors
from runlift.cli.common_db import DbOption, opened

if TYPE_CHECKING:
    from runlift.services import Logged

app = typer.Typer(
    help="Log a run, a lifting session or a wellness entry by hand.",
    no_args_is_help=True,
    rich_markup_mode=None,
    epilog="Examples:\n\n  runlift log run 8km 42:10 --rpe 5 --hr 148\n\n"
    '  runlift log lift "back squat 4x4 @ 100kg rpe 8; bench 3x8 60kg; plank 3x60s" '
    "--duration 50 --rpe 7\n\n  runlift log wellness --sleep 7.5 --soreness 3 --hrv 62",
)

_DATE = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="When: YYYY-MM-DD, YYYY-MM-DDTHH:MM, today or yesterday "
        "(default now; a date alone means noon).",
    ),
]
_NOTES = Annotated[str | None, typer.Option("--notes", help="Free text.")]
_RPE = Annotated[
    float | None, typer.Option("--rpe", help="Session effort, 0-10 (CR-10), about 30 min after.")
]


def _report(kind: str, logged: Logged) -> None:
    typer.echo(
        f"Logged {kind} #{logged.activity_id}"
        + (f", matching planned session {logged.matched_session}" if logged.matched_session else "")
    )
    if logged.unknown_exercises:
        names = ", ".join(logged.unknown_exercises)
        typer.echo(f"Not in the exercise catalogue, kept as written: {names}", err=True)


@app.command(
    epilog="Examples:\n\n  runlift log run 8km 42:10 --rpe 5 --hr 148\n\n"
    "  runlift log run 5mi 40:00 --date 2026-11-20T07:30 --notes 'hilly'"
)
def run(
    distance: Annotated[str, typer.Argument(help="Distance: 8km, 5mi, 800m.")],
    time: Annotated[str, typer.Argument(help="Time: h:mm:ss or mm:ss.")],
    rpe: _RPE = None,
    hr: Annotated[float | None, typer.Option("--hr", help="Average heart rate.")] = None,
    date: _DATE = None,
    notes: _NOTES = None,
    db: DbOption = None,
) -> None:
    """Log a run."""
    from runlift import services

    with user_errors(), opened(db) as database:
        _report(
            "run",
            services.log_run(database, distance, time, rpe=rpe, avg_hr=hr, when=date, notes=notes),
        )


@app.command(
    epilog="Examples:\n\n"
    '  runlift log lift "back squat 4x4 @ 100kg rpe 8; bench 3x8 60kg; plank 3x60s" '
    "--duration 50 --rpe 7\n\n"
    '  runlift log lift "squat 2x5 @60kg wu, 3x5 @100kg rir 2" --duration 40\n\n'
    "The set grammar is in docs/logging.md."
)
def lift(
    sets: Annotated[
        str,
        typer.Argument(help="Exercises and sets: 'back squat 4x4 @ 100kg rpe 8; bench 3x8 60kg'."),
    ],
    duration: Annotated[float, typer.Option("--duration", help="Session minutes.")],
    rpe: _RPE = None,
    date: _DATE = None,
    notes: _NOTES = None,
    db: DbOption = None,
) -> None:
    """Log a lifting session: exercises with sets x reps, load and effort."""
    from runlift import services

    with user_errors(), opened(db) as database:
        _report(
            "lifting session",
            services.log_lift(
                database, sets, duration_min=duration, rpe=rpe, when=date, notes=notes
            ),
        )


@app.command(
    epilog="Examples:\n\n  runlift log wellness --sleep 7.5 --soreness 3 --hrv 62 "
    "--rhr 48 --mass 71.2\n\n  runlift log wellness --mood 8 --date yesterday"
)
def wellness(
    sleep: Annotated[float | None, typer.Option("--sleep", help="Hours slept.")] = None,
    soreness: Annotated[int | None, typer.Option("--soreness", help="1-10.")] = None,
    hrv: Annotated[float | None, typer.Option("--hrv", help="HRV, ms.")] = None,
    rhr: Annotated[float | None, typer.Option("--rhr", help="Resting heart rate.")] = None,
    mass: Annotated[float | None, typer.Option("--mass", help="Body mass, kg.")] = None,
    mood: Annotated[int | None, typer.Option("--mood", help="1-10.")] = None,
    date: _DATE = None,
    notes: _NOTES = None,
    db: DbOption = None,
) -> None:
    """Log how you are today: sleep, soreness, HRV, resting HR, body mass, mood."""
    from runlift import services

    with user_errors(), opened(db) as database:
        services.log_wellness(
            database,
            date,
            sleep_h=sleep,
            soreness=soreness,
            hrv_ms=hrv,
            resting_hr=rhr,
            body_mass_kg=mass,
            mood=mood,
            notes=notes,
        )
    typer.echo("Logged wellness")
