"""Several processes opening one brand-new SQLite file at the same instant all succeed.

Switching a new file to WAL needs an exclusive lock, and SQLite can answer "database is
locked" at once instead of waiting; opening must wait instead (it did not, once, in CI).
"""

from __future__ import annotations

import multiprocessing as mp
import time
from pathlib import Path


def _open(path: str, start_at: float, results: mp.Queue) -> None:  # type: ignore[type-arg]
    from runlift.storage import Database

    time.sleep(max(0.0, start_at - time.time()))
    try:
        with Database.open(path) as database:
            database.ensure_athlete("Sam")
        results.put("ok")
    except Exception as exc:  # reported to the test, which fails with it
        results.put(repr(exc))


def test_simultaneous_first_opens_of_a_new_file_all_succeed(tmp_path: Path) -> None:
    context = mp.get_context("fork")
    for attempt in range(8):  # the race is probabilistic: several tries catch a regression
        path = str(tmp_path / f"race-{attempt}.db")
        results: mp.Queue = context.Queue()  # type: ignore[type-arg]
        start_at = time.time() + 0.7
        workers = [context.Process(target=_open, args=(path, start_at, results)) for _ in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout=60)
        outcomes = [results.get(timeout=5) for _ in workers]
        assert outcomes == ["ok"] * 4, outcomes
