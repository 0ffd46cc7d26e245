"""A separate process that stores activities; the concurrency tests start two of these.

    python -m tests.storage.writer URL TAG COUNT START_AT

waits until the wall clock reaches START_AT (so both writers really overlap), stores
COUNT activities for athlete "Sam", and prints the first and last write times.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta

from runlift.storage import Database
from tests.storage.helpers import lift, run


def main(url: str, tag: str, count: int, start_at: float) -> None:
    database = Database.open(url)
    athlete = database.ensure_athlete("Sam")
    time.sleep(max(0.0, start_at - time.time()))
    first = time.time()
    base = datetime(2026, 1, 1, 7, 0, tzinfo=UTC)
    for i in range(count):
        start = base + timedelta(hours=i)
        make = run if i % 2 else lift
        database.add_activity(athlete, make(start, source_hash=f"{tag}-{i}", notes=tag))
    print(first, time.time())
    database.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
