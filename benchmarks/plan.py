"""Benchmark: time to build plans in process, and the CLI's start-up time.

Prints a table. Goals (issue 2): a 52-week plan under 1 s, `runlift --help` under 0.3 s.
`--quick` runs each case once (CI smoke mode); figures from it are not for the record.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace

from runlift.planning.build import build_plan
from runlift.profile_file import load_example

EXAMPLES = ("runner", "lifter", "hybrid")
WEEKS = (4, 12, 26, 52)


def _time_it(fn: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one run each, for CI")
    args = parser.parse_args()
    repeat = 1 if args.quick else 7

    print(
        f"# runlift plan benchmark  python {platform.python_version()}  "
        f"{platform.machine()}  repeat={repeat}"
    )
    start = time.perf_counter()
    build_plan(load_example("runner"))
    print(
        f"first plan in a fresh process (includes importing OR-Tools): "
        f"{time.perf_counter() - start:.3f} s"
    )
    print(f"{'profile':<8} " + " ".join(f"{w:>4} wk" for w in WEEKS) + "   (median seconds)")
    for name in EXAMPLES:
        profile = load_example(name)
        cells = []
        for weeks in WEEKS if not args.quick else (4, 52):
            sized = replace(profile, schedule=replace(profile.schedule, weeks=weeks))
            cells.append(f"{_time_it(lambda p=sized: build_plan(p), repeat):7.3f}")
        print(f"{name:<8} " + " ".join(cells))

    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "runlift", "--help"], check=True, capture_output=True)
        runs.append(time.perf_counter() - start)
    print(f"`python -m runlift --help`: {statistics.median(runs):.3f} s (median of {repeat})")


if __name__ == "__main__":
    main()
