"""``runlift calc``: the running and lifting calculators athletes already use."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from runlift.cli.common import DataFormat, console, user_errors

app = typer.Typer(
    help="Calculators: VDOT and training paces, race prediction, estimated 1RM.",
    epilog="Examples:\n\n  runlift calc vdot 5k 23:40\n\n  runlift calc predict 10k 48:30 --to half"
    "\n\n  runlift calc e1rm 100 5 --rpe 8",
    no_args_is_help=True,
    rich_markup_mode=None,
)

_FMT = Annotated[DataFormat, typer.Option("--format", "-f", help="table or json.")]


@app.command(
    epilog="Examples:\n\n  runlift calc vdot 5k 23:40\n\n"
    "  runlift calc vdot 8km 40:10 --format json"
)
def vdot(
    distance: Annotated[str, typer.Argument(help="5k, 10k, half, marathon, mile, or 8000, 8km.")],
    time: Annotated[str, typer.Argument(help="Race time as h:mm:ss or mm:ss.")],
    fmt: _FMT = DataFormat.TABLE,
) -> None:
    """VDOT of a race (Daniels & Gilbert) and the five training paces it gives."""
    from runlift import services
    from runlift.science.running import format_pace

    with user_errors():
        r = services.calc_vdot(distance, time)
    p = r.paces
    paces = {
        "easy": f"{format_pace(p.easy[0])}-{format_pace(p.easy[1])}",
        "marathon": format_pace(p.marathon),
        "threshold": format_pace(p.threshold),
        "interval": format_pace(p.interval),
        "repetition": format_pace(p.repetition),
    }
    if fmt is DataFormat.JSON:
        typer.echo(
            json.dumps(
                {
                    "distance_m": r.distance_m,
                    "time_s": r.time_s,
                    "vdot": round(r.vdot, 2),
                    "paces_per_km": paces,
                    "in_valid_range": r.in_valid_range,
                },
                indent=2,
            )
        )
        return
    out = console()
    out.print(f"VDOT {r.vdot:.1f}")
    for name, pace in paces.items():
        out.print(f"  {name:<11}{pace} /km")
    if not r.in_valid_range:
        out.print("Note: the formula is validated for races of about 3.5 to 230 minutes.")


@app.command(
    epilog="Examples:\n\n  runlift calc predict 5k 23:40\n\n"
    "  runlift calc predict 10k 48:30 --to half --to marathon --format json"
)
def predict(
    distance: Annotated[str, typer.Argument(help="Distance of the race you ran.")],
    time: Annotated[str, typer.Argument(help="Its time, h:mm:ss or mm:ss.")],
    to: Annotated[
        list[str] | None,
        typer.Option("--to", help="Distance to predict (repeat it); default 5k to marathon."),
    ] = None,
    fmt: _FMT = DataFormat.TABLE,
) -> None:
    """Predict race times at other distances by VDOT, Riegel and Cameron."""
    from runlift import services
    from runlift.science.running import format_duration

    with user_errors():
        found = services.calc_predict(distance, time, to or [])
    if fmt is DataFormat.JSON:
        typer.echo(
            json.dumps(
                {
                    "predictions": [
                        {
                            "distance_m": p.distance_m,
                            "method": p.method.value,
                            "time_s": round(p.time_s, 1),
                            "time": format_duration(p.time_s),
                        }
                        for p in found
                    ]
                },
                indent=2,
            )
        )
        return
    from rich.table import Table

    table = Table("distance", "VDOT", "Riegel", "Cameron")
    rows: dict[float, dict[str, str]] = {}
    for p in found:
        rows.setdefault(p.distance_m, {})[p.method.value] = format_duration(p.time_s)
    for metres, times in rows.items():
        table.add_row(f"{metres / 1000:g} km", times["vdot"], times["riegel"], times["cameron"])
    console().print(table)


@app.command(
    epilog="Examples:\n\n  runlift calc e1rm 100 5\n\n"
    "  runlift calc e1rm 140 3 --rpe 9 --format json"
)
def e1rm(
    load: Annotated[float, typer.Argument(help="Load lifted, kg.")],
    reps: Annotated[int, typer.Argument(help="Repetitions done.")],
    rpe: Annotated[
        float | None, typer.Option("--rpe", help="How hard it was, RPE 6-10 (half steps).")
    ] = None,
    fmt: _FMT = DataFormat.TABLE,
) -> None:
    """Estimated one-rep max from a set: seven formulas, and the RPE chart with --rpe."""
    from runlift import services

    with user_errors():
        r = services.calc_e1rm(load, reps, rpe)
    if fmt is DataFormat.JSON:
        typer.echo(
            json.dumps(
                {
                    "load_kg": r.load_kg,
                    "reps": r.reps,
                    "rpe": r.rpe,
                    "e1rm_kg": {k: round(v, 2) for k, v in r.by_formula.items()},
                    "rpe_chart_kg": None if r.from_rpe is None else round(r.from_rpe, 2),
                },
                indent=2,
            )
        )
        return
    out = console()
    for name, value in r.by_formula.items():
        out.print(f"  {name:<9}{value:7.1f} kg")
    if r.from_rpe is not None:
        out.print(f"  RPE chart {r.from_rpe:6.1f} kg (at RPE {r.rpe:g})")
    if reps > 10:
        out.print("Note: estimates from more than 10 reps are much less accurate.")
