"""``runlift history`` and ``runlift done``: what was logged, and the plan against it."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated

import typer

from runlift.cli.common import DataFormat, console, user_errors
from runlift.cli.common_db import DbOption, opened

HISTORY_EXAMPLES = """\
Examples:

  runlift history                                  # everything, oldest first

  runlift history --since 2026-11-01 --modality run

  runlift history --format json > history.json     # runlift.history/1
"""

DONE_EXAMPLES = """\
Examples:

  runlift done              # this week of the saved plan

  runlift done --week 3 --format json
"""


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a real date; write YYYY-MM-DD", param_hint=option
        ) from None


def history(
    since: Annotated[str | None, typer.Option("--since", help="First day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day, YYYY-MM-DD.")] = None,
    modality: Annotated[
        str | None, typer.Option("--modality", help="run, strength or other.")
    ] = None,
    fmt: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.TABLE,
    db: DbOption = None,
) -> None:
    """List what was logged or imported."""
    from runlift import services
    from runlift.errors import InputError
    from runlift.model.activity import ActivityModality

    with user_errors():
        chosen = None
        if modality is not None:
            try:
                chosen = ActivityModality(modality)
            except ValueError:
                raise InputError(
                    f"--modality must be run, strength or other, got {modality!r}"
                ) from None
        first, last = _day(since, "--since"), _day(until, "--until")
        if first and last and last < first:
            raise InputError(f"--until {last} comes before --since {first}")
        with opened(db) as database:
            found = services.history(database, first, last, chosen)
    if fmt is DataFormat.JSON:
        typer.echo(json.dumps(services.history_document(found), indent=2, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(
        "id",
        "start",
        "modality",
        "sport",
        "time",
        "distance",
        "RPE",
        "sets",
        "source",
        show_edge=False,
    )
    for s in found:
        a = s.activity
        minutes = f"{a.duration_s / 60:.0f} min"
        km = f"{a.distance_m / 1000:.2f} km" if a.distance_m else ""
        working = sum(1 for x in a.sets if x.type.value != "rest")
        table.add_row(
            str(s.id),
            f"{a.start:%Y-%m-%d %H:%M}",
            a.modality.value,
            a.sport,
            minutes,
            km,
            f"{a.rpe:g}" if a.rpe is not None else "",
            str(working or ""),
            a.source,
        )
    out = console()
    out.print(table if found else "Nothing logged in that range yet: try `runlift log run`.")


def done(
    week: Annotated[
        int | None, typer.Option("--week", help="Plan week (default: this week).")
    ] = None,
    fmt: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.TABLE,
    db: DbOption = None,
) -> None:
    """This week's planned sessions against what was done: completed, partial, missed, extra."""
    from runlift import services

    with user_errors(), opened(db) as database:
        report = services.week_report(database, week)
    if fmt is DataFormat.JSON:
        typer.echo(
            json.dumps(
                {
                    "plan_version": report.plan_version,
                    "week": report.week,
                    "first_day": report.first_day.isoformat(),
                    "sessions": [
                        {
                            "status": m.status.value,
                            "session_id": m.planned.session_id if m.planned else None,
                            "date": m.day.isoformat(),
                            "activity_id": m.done.activity_id if m.done else None,
                        }
                        for m in report.matches
                    ],
                },
                indent=2,
            )
        )
        return
    from rich.table import Table

    table = Table(
        "status",
        "day",
        "planned",
        "done",
        show_edge=False,
        title=f"Week {report.week} from {report.first_day:%a %d %b}",
        title_justify="left",
    )
    for m in report.matches:
        planned = report.titles.get(m.planned.session_id, "") if m.planned else ""
        done_text = (
            f"#{m.done.activity_id} {m.done.modality} {m.done.duration_min:.0f} min"
            if m.done
            else ""
        )
        table.add_row(m.status.value, f"{m.day:%a %d %b}", planned, done_text)
    console().print(table)
