"""``runlift import``: bring history in from watch files, app exports and bulk exports."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from runlift.cli.common import DataFormat, console, user_errors
from runlift.cli.common_db import DbOption, opened

if TYPE_CHECKING:
    from runlift.imports import ImportReport
    from runlift.storage import Database

EXAMPLES = """\
Examples:

  runlift import ~/Downloads/export_12345.zip        # a Strava bulk export

  runlift import garmin-export.zip                    # Garmin Connect "export your data"

  runlift import runs/ strong.csv --unit kg           # a folder and a Strong CSV

  runlift import activity.fit --format json
"""


def import_(
    paths: Annotated[list[Path], typer.Argument(help="Files, folders (searched) or zips.")],
    unit: Annotated[
        str | None, typer.Option("--unit", help="kg or lb, for CSVs that do not say.")
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Processes decoding files (default: cores).")
    ] = None,
    fmt: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.TABLE,
    db: DbOption = None,
) -> None:
    """Import activities: FIT, GPX, TCX, Strong/Hevy/FitNotes CSV, Strava and Garmin exports.

    Formats are told from the content, not the name. Each file goes in whole or not at
    all; files seen before are skipped, and one session recorded twice (a watch file and
    its Strava copy) is kept once, the richer copy winning. Bad files are listed with the
    reason and the rest still go in.
    """
    with user_errors(), opened(db) as database:
        report = _run(database, paths, unit, workers, quiet=fmt is DataFormat.JSON)
    if fmt is DataFormat.JSON:
        typer.echo(json.dumps(_as_json(report), indent=2, ensure_ascii=False))
    else:
        _print(report)
    if report.failed and not report.files - len(report.failed):
        raise typer.Exit(2)


def _run(
    database: Database, paths: list[Path], unit: str | None, workers: int | None, *, quiet: bool
) -> ImportReport:
    """Import with a progress bar on standard error: files done and files per second."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from runlift import services

    started = time.perf_counter()
    with Progress(
        SpinnerColumn(),
        TextColumn(
            "importing: {task.completed} files, "
            "{task.fields[rate]:.1f} files/s  "
            "{task.fields[last]}"
        ),
        console=Console(stderr=True),
        transient=True,
        disable=quiet,
    ) as bar:
        task = bar.add_task("import", total=None, rate=0.0, last="")

        def tick(name: str) -> None:
            done = bar.tasks[0].completed + 1
            bar.update(
                task,
                completed=done,
                last=Path(name).name[:40],
                rate=done / max(time.perf_counter() - started, 1e-6),
            )

        return services.import_files(database, paths, unit=unit, workers=workers, progress=tick)


def _as_json(report: ImportReport) -> dict[str, object]:
    return {
        "files": report.files,
        "imported": dict(report.imported),
        "activities": report.activities,
        "linked": report.linked,
        "replaced": report.replaced,
        "duplicates": dict(report.duplicates),
        "failed": [{"file": f, "reason": r} for f, r in report.failed],
        "skipped": [{"file": f, "reason": r} for f, r in report.skipped],
        "unknown_exercises": sorted(report.unknown_exercises),
        "warnings": [{"file": f, "warning": w} for f, w in report.warnings],
    }


def _print(report: ImportReport) -> None:
    from rich.table import Table

    out = console()
    table = Table(
        "format",
        "imported files",
        "duplicates skipped",
        show_edge=False,
        title=f"{report.files} files: {report.activities} new activities, "
        f"{report.linked} linked to an existing copy, {report.replaced} replaced "
        "by a richer copy",
        title_justify="left",
    )
    for name in sorted(set(report.imported) | set(report.duplicates)):
        table.add_row(name, str(report.imported[name]), str(report.duplicates[name]))
    out.print(table)
    if report.failed:
        failed = Table(show_edge=False)
        failed.add_column("failed file", overflow="fold")
        failed.add_column("reason", overflow="fold")
        for name, reason in report.failed:
            failed.add_row(name, reason)
        out.print(failed)
    if report.unknown_exercises:
        out.print(
            "Exercises kept as written (not in the catalogue): "
            + ", ".join(sorted(report.unknown_exercises))
        )
    if report.skipped:
        out.print(f"{len(report.skipped)} files were not activities and were skipped.")
