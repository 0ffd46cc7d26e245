"""Benchmark: analytics over ten years of training history (the storage benchmark's data).

Stores the synthetic ten-year history in a scratch SQLite file, then times, for one
athlete and the last 12 weeks (the default of `runlift check` and `runlift report`):

* series + signals: everything `runlift check` computes, from opening the log to the
  signals (load series, fitness and fatigue, ACWR, strength and running progress,
  adherence, signals); goal under 0.5 s;
* HTML report: the same plus the charts rendered to SVG and the page; goal under 3 s;
* the Banister fit (`--fit auto`) on its own.

Times are medians of 5 runs after one warm-up run (the first run imports SciPy, Altair
and vl-convert and is shown apart). `--quick` stores 300 activities (CI smoke mode).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from history import history  # benchmarks/history.py: this script's folder is on sys.path
from runlift import services
from runlift.analysis.report_html import render_html
from runlift.storage import Database

GOALS = {"series + signals": 0.5, "HTML report": 3.0}


def _timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(first run, median of the next ``repeat`` runs) in seconds."""
    start = time.perf_counter()
    fn()
    first = time.perf_counter() - start
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return first, statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="300 activities, for CI")
    parser.add_argument("--count", type=int, default=5000)
    args = parser.parse_args()
    count = 300 if args.quick else args.count
    repeat = 2 if args.quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        database = Database.open(str(Path(tmp) / "bench.db"))
        athlete = database.ensure_athlete("Bench")
        last_day = date.min
        for i, activity in enumerate(history(count)):
            database.add_activity(athlete, activity)
            last_day = max(last_day, activity.start.date())
            if count >= 500 and (i + 1) % (count // 10) == 0:
                print(f"  stored {i + 1}/{count}", file=sys.stderr)
        options = services.AnalysisOptions(weeks=12, today=last_day)
        fitted = services.AnalysisOptions(weeks=52, today=last_day, fit="auto")
        cases: dict[str, Callable[[], object]] = {
            "series + signals": lambda: services.analyse(database, options),
            "HTML report": lambda: render_html(services.analyse(database, options)),
            "Banister fit, 52 weeks": lambda: services.analyse(database, fitted),
        }
        report = services.analyse(database, fitted)
        print(
            f"{count} activities over ten years; last 12 weeks analysed "
            f"({len(report.signals)} signals over 52 weeks; fit: {report.banister_note})\n"
        )
        print("| measure | first run | median | goal |")
        print("|---|---:|---:|---:|")
        for name, fn in cases.items():
            first, median = _timed(fn, repeat)
            goal = GOALS.get(name)
            met = "met" if goal is not None and median < goal else "MISSED"
            verdict = "" if goal is None else f"< {goal:g} s: {met}"
            print(f"| {name} | {first:.3f} s | {median:.3f} s | {verdict} |")
        database.close()


if __name__ == "__main__":
    main()
