"""The ``runlift`` command. Heavy modules load inside commands so ``--help`` stays quick."""

from __future__ import annotations

import typer

from runlift.cli import (
    analysis_cmd,
    calc_cmd,
    db_cmd,
    export_cmd,
    history_cmd,
    import_cmd,
    init_cmd,
    log_cmd,
    plan_cmd,
)

app = typer.Typer(
    name="runlift",
    help=(
        "Plan concurrent running and strength training from the evidence.\n\n"
        "Start with `runlift plan --example runner`, write your own profile with "
        "`runlift init`, then `runlift plan athlete.toml`.\n\n"
        "Information, not medical advice: beginners and anyone with a health condition "
        "should check with a professional."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.command(name="plan", epilog=plan_cmd.PLAN_EXAMPLES)(plan_cmd.plan)
app.command(name="explain", epilog=plan_cmd.EXPLAIN_EXAMPLES)(plan_cmd.explain)
app.command(name="init", epilog=init_cmd.EXAMPLES)(init_cmd.init)
app.add_typer(calc_cmd.app, name="calc")
app.add_typer(log_cmd.app, name="log")
app.command(name="import", epilog=import_cmd.EXAMPLES)(import_cmd.import_)
app.command(name="history", epilog=history_cmd.HISTORY_EXAMPLES)(history_cmd.history)
app.command(name="done", epilog=history_cmd.DONE_EXAMPLES)(history_cmd.done)
app.command(name="check", epilog=analysis_cmd.CHECK_EXAMPLES)(analysis_cmd.check)
app.command(name="report", epilog=analysis_cmd.REPORT_EXAMPLES)(analysis_cmd.report)
app.command(name="chart", epilog=analysis_cmd.CHART_EXAMPLES)(analysis_cmd.chart)
app.add_typer(export_cmd.app, name="export")
app.add_typer(db_cmd.app, name="db")


def main() -> None:
    app()
