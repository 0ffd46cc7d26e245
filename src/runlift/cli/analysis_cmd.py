"""``runlift check``, ``runlift report`` and ``runlift chart``: what the log says."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from runlift.cli.common import DataFormat, console, user_errors, write_bytes, write_output
from runlift.cli.common_db import DbOption, opened

if TYPE_CHECKING:
    from runlift.analysis.report import Report
    from runlift.services import AnalysisOptions

CHECK_EXAMPLES = """\
Examples:

  runlift check                        # the last 12 weeks

  runlift check --weeks 26 --format json > signals.json    # runlift.signals/1

  runlift check --load hrss            # heart-rate stress instead of session RPE
"""

REPORT_EXAMPLES = """\
Examples:

  runlift report                       # a summary of the last 12 weeks

  runlift report --weeks 26 --html report.html    # one file, charts inside, works offline

  runlift report --fit "back squat"    # also fit the fitness-fatigue model to your squat

  runlift report --format json > report.json      # runlift.report/1
"""

CHART_EXAMPLES = """\
Examples:

  runlift chart --list

  runlift chart fitness -o fitness.png

  runlift chart e1rm --weeks 26 -o e1rm.svg
"""

Weeks = Annotated[
    int, typer.Option("--weeks", "-w", help="How many weeks back from this one to analyse.")
]
Load = Annotated[
    str,
    typer.Option(
        "--load",
        help="Load measure for the combined series: srpe (session RPE x minutes, default) "
        "or hrss (heart-rate stress; one hour at threshold = 100).",
    ),
]
Pmc = Annotated[
    str,
    typer.Option(
        "--pmc",
        help="Fitness-fatigue update rule: exp (GoldenCheetah, intervals.icu; default) or "
        "linear (Coggan's published form).",
    ),
]
Today = Annotated[
    str | None,
    typer.Option("--today", help="Analyse as if today were this day (YYYY-MM-DD)."),
]


def _options(
    weeks: int, load: str, today: str | None, fit: str | None = None, pmc: str = "exp"
) -> AnalysisOptions:
    from runlift.errors import InputError
    from runlift.services import AnalysisOptions

    day: date | None = None
    if today is not None:
        try:
            day = datetime.strptime(today, "%Y-%m-%d").date()
        except ValueError:
            raise InputError(f"--today {today!r} is not a real date; write YYYY-MM-DD") from None
    return AnalysisOptions(weeks=weeks, measure=load, today=day, fit=fit, pmc=pmc)


def _analyse(db: str | None, options: AnalysisOptions) -> Report:
    from runlift import services

    with opened(db) as database:
        return services.analyse(database, options)


def check(
    weeks: Weeks = 12,
    load: Load = "srpe",
    today: Today = None,
    fmt: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.TABLE,
    db: DbOption = None,
) -> None:
    """Look for signs of interference between running and lifting, and load spikes.

    Each signal names the weeks and sessions behind it, the figures, what to try and
    the references. Signals are prompts to look closer, not diagnoses.
    """
    from runlift import services

    with user_errors():
        report = _analyse(db, _options(weeks, load, today))
    if fmt is DataFormat.JSON:
        document = services.signals_document(report)
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    out = console()
    period = f"weeks of {report.first:%d %b %Y} to {report.last:%d %b %Y}"
    if not report.signals:
        out.print(f"No signals in the {period}: nothing in the log points to interference.")
        return
    out.print(f"{len(report.signals)} signal(s) in the {period}:\n")
    for s in report.signals:
        refs = " ".join(f"[{n}]" for n in s.refs)
        weeks_text = ", ".join(f"{w:%d %b}" for w in s.weeks[:6])
        if len(s.weeks) > 6:
            weeks_text += f" and {len(s.weeks) - 6} more"
        out.print(f"[bold]{s.severity.value.upper():5}[/bold] {s.title}  ({s.id})")
        figures = ", ".join(f"{k} {v}" for k, v in s.evidence.items() if k != "caveat")
        out.print(f"      {figures}", markup=False)
        if "caveat" in s.evidence:
            out.print(f"      {s.evidence['caveat']}", markup=False)
        out.print(f"      weeks: {weeks_text}; sessions: {_ids(s.sessions)}", markup=False)
        out.print(f"      try: {s.advice} {refs}\n", markup=False)


def _ids(ids: tuple[int, ...]) -> str:
    shown = ", ".join(f"#{i}" for i in ids[:8])
    return shown + (f" and {len(ids) - 8} more" if len(ids) > 8 else "") if ids else "none"


def report(
    weeks: Weeks = 12,
    load: Load = "srpe",
    today: Today = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a self-contained HTML report.")
    ] = None,
    fit: Annotated[
        str | None,
        typer.Option(
            "--fit",
            help="Fit the fitness-fatigue (Banister) model to a lift's e1RM (its name), "
            "to 'vdot', or 'auto' (your most tested lift).",
        ),
    ] = None,
    pmc: Pmc = "exp",
    fmt: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.TABLE,
    db: DbOption = None,
) -> None:
    """Summarise load, fitness and fatigue, strength and running progress, plan adherence
    and signals; optionally as an HTML file with charts."""
    from runlift import services

    with user_errors():
        result = _analyse(db, _options(weeks, load, today, fit, pmc))
        if html is not None:
            from runlift.analysis.report_html import render_html

            write_bytes(render_html(result).encode("utf-8"), html)
    if fmt is DataFormat.JSON:
        document = services.report_document(result)
        write_output(json.dumps(document, indent=2, ensure_ascii=False) + "\n", None)
        return
    from runlift.cli.report_text import print_report

    print_report(console(), result)


def chart(
    name: Annotated[str | None, typer.Argument(help="Chart name (see --list).")] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write: .png or .svg.")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the charts and exit.")] = False,
    weeks: Weeks = 12,
    load: Load = "srpe",
    today: Today = None,
    pmc: Pmc = "exp",
    db: DbOption = None,
) -> None:
    """Render one chart of the report as a PNG or SVG file."""
    from runlift.analysis import charts
    from runlift.errors import InputError

    if list_:
        for info in charts.CHARTS.values():
            typer.echo(f"{info.name:12} {info.description}")
        return
    with user_errors():
        if name is None:
            raise InputError("name a chart (see `runlift chart --list`)")
        if output is None:
            raise InputError("give the file to write with -o, e.g. -o chart.png")
        kind = output.suffix.lower().lstrip(".")
        if kind not in ("png", "svg"):
            raise InputError(f"-o {output}: the file must end in .png or .svg")
        charts.chart_info(name)  # an unknown name fails before the database is opened
        result = _analyse(db, _options(weeks, load, today, pmc=pmc))
        write_bytes(charts.render(charts.chart_spec(result, name), kind), output)
