"""A writer killed with SIGKILL mid-import leaves a consistent SQLite database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from runlift.storage import Database

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timedelta, timezone
    from runlift.model.activity import (
        Activity, ActivityModality, SetType, StrengthSet, Streams)
    from runlift.storage import Database

    db = Database.open(sys.argv[1])
    athlete = db.ensure_athlete("Crash")
    start = datetime(2026, 1, 1, 7, 0, tzinfo=timezone(timedelta(hours=2)))
    for i in range(int(sys.argv[2]), 100000):
        n = 20000 + i
        sets = tuple(StrengthSet("back squat", "squat", SetType.WORKING, 5, 100.0 + k)
                     for k in range(i % 7 + 1))
        db.add_activity(athlete, Activity(
            start=start + timedelta(hours=i), modality=ActivityModality.STRENGTH,
            sport="strength_training", duration_s=3600.0, source="manual", notes=f"n{i}",
            streams=Streams(time_s=tuple(float(t) for t in range(n)),
                            heart_rate=tuple(120.0 for _ in range(n))),
            sets=sets))
        print(i, flush=True)
    """
)


def _check(path: Path) -> int:
    """Every stored entry is complete, entries form a gapless prefix; returns their count."""
    database = Database.open(str(path))
    try:
        assert database.integrity_check() == []
        athlete = database.default_athlete()
        assert athlete is not None
        stored = database.list_activities(athlete.id, with_streams=True)
        indexes = sorted(int((s.activity.notes or "n-1")[1:]) for s in stored)
        assert indexes == list(range(len(indexes))), "entries must be a gapless prefix"
        for s in stored:
            i = int((s.activity.notes or "")[1:])
            assert len(s.activity.sets) == i % 7 + 1
            assert s.activity.streams is not None
            assert len(s.activity.streams) == 20000 + i
        return len(stored)
    finally:
        database.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_import_leaves_every_entry_whole_or_absent(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    Database.open(str(path)).close()  # migrate first, so the kills hit data writes
    stored = 0
    # Several kills at different moments, each resuming where the last one stopped.
    for delay in (0.004, 0.013, 0.029):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(stored)],
            stdout=subprocess.PIPE,
            text=True,
        ) as child:
            assert child.stdout is not None
            seen = 0
            deadline = time.monotonic() + 60
            while seen < 10 and time.monotonic() < deadline:
                if child.stdout.readline():
                    seen += 1
            time.sleep(delay)
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        assert child.returncode == -signal.SIGKILL
        assert seen == 10, "the writer never got going"
        count = _check(path)
        assert count >= stored + seen
        stored = count
