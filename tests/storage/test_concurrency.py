"""Two processes logging at once into one database: both succeed, nothing is lost."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from runlift.storage import Database

ROOT = Path(__file__).resolve().parents[2]
PER_WRITER = 50


def test_two_processes_write_fifty_activities_each(
    engine_name: str, blank_url: Callable[[str], str]
) -> None:
    # A blank database: both writers also race to migrate it and to create the athlete.
    url = blank_url(engine_name)
    start_at = time.time() + 2.5
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")])}
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.storage.writer",
                url,
                tag,
                str(PER_WRITER),
                str(start_at),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("alpha", "beta")
    ]
    spans = []
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        first, last = map(float, out.split())
        spans.append((first, last))
    # They really overlapped in time.
    assert max(s[0] for s in spans) < min(s[1] for s in spans)
    with Database.open(url) as database:
        sam = database.ensure_athlete("Sam")
        stored = database.list_activities(sam)
        assert len(stored) == 2 * PER_WRITER
        assert {s.activity.notes for s in stored} == {"alpha", "beta"}
        hashes = {s.activity.source_hash for s in stored}
        assert len(hashes) == 2 * PER_WRITER
        assert sum(len(s.activity.sets) for s in stored) == PER_WRITER * 5
        assert database.integrity_check() == []
        athlete = database.default_athlete()
        assert athlete is not None and athlete.id == sam


def test_opening_an_up_to_date_database_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    """Another connection holding the write lock does not block a reader from opening."""
    path = tmp_path / "busy.db"
    with Database.open(str(path)) as first:
        first.ensure_athlete("Sam")
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # hold the write lock, as a long import would
        started = time.monotonic()
        with Database.open(str(path)) as reader:
            assert reader.default_athlete() is not None
        assert time.monotonic() - started < 5
        other.execute("ROLLBACK")
    finally:
        other.close()
