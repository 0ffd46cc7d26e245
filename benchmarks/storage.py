"""Benchmark: write and read ten years of training history, on SQLite and PostgreSQL.

Prints write throughput, database size per activity, the time to load one athlete's
daily load series, and the time to load one activity with its streams. PostgreSQL is
measured when 127.0.0.1:5432 answers (database `test`, a scratch schema dropped after).
`--quick` stores 50 activities (CI smoke mode).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from history import history  # benchmarks/history.py: this script's folder is on sys.path
from runlift.storage import Database

PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _median_time(fn: Callable[[], object], repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _pg_available() -> bool:
    try:
        import psycopg

        psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=test", connect_timeout=2
        ).close()
    except Exception:
        return False
    return True


def _measure(name: str, url: str, count: int, size: Callable[[], int]) -> None:
    database = Database.open(url)
    athlete = database.ensure_athlete("Bench")
    samples = sets = 0
    start = time.perf_counter()
    for i, activity in enumerate(history(count)):
        database.add_activity(athlete, activity)
        samples += len(activity.streams or ())
        sets += len(activity.sets)
        if count >= 500 and (i + 1) % (count // 10) == 0:
            print(f"  {name}: {i + 1}/{count} stored", file=sys.stderr)
    elapsed = time.perf_counter() - start
    series = _median_time(lambda: database.daily_totals(athlete))
    listed = database.list_activities(athlete)
    middle = listed[len(listed) // 2].id
    one = _median_time(lambda: database.get_activity(middle, with_streams=True))
    database.close()
    total = size()
    print(
        f"| {name} | {count} | {elapsed:.1f} s | {count / elapsed:.0f} | "
        f"{samples / elapsed:,.0f} | {sets} | {total / count / 1024:.1f} KiB | "
        f"{series * 1000:.1f} ms | {one * 1000:.1f} ms |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="50 activities, for CI")
    parser.add_argument("--count", type=int, default=5000)
    args = parser.parse_args()
    count = 50 if args.quick else args.count
    print(
        "| engine | activities | write time | activities/s | samples/s | sets | "
        "size/activity | daily series | one activity + streams |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"

        def sqlite_size() -> int:
            return sum(p.stat().st_size for p in Path(tmp).glob("bench.db*"))

        _measure("SQLite", str(path), count, sqlite_size)
    if not _pg_available():
        print("PostgreSQL: 127.0.0.1:5432 does not answer; skipped")
        return
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = "host=127.0.0.1 port=5432 user=postgres dbname=test"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        url = f"{PG_BASE}?options=-csearch_path%3D{schema}"

        def pg_size() -> int:
            with psycopg.connect(admin) as conn:
                row = conn.execute(
                    "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = %s AND c.relkind = 'r'",
                    (schema,),
                ).fetchone()
            return int(row[0]) if row else 0

        _measure("PostgreSQL", url, count, pg_size)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
