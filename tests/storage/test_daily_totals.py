"""Daily totals per local day and modality, the basis of the load series."""

from __future__ import annotations

from datetime import UTC, date, datetime

from runlift.model.activity import ActivityModality
from runlift.storage import DailyTotal, Database
from tests.storage.helpers import NEPAL, NEWFOUNDLAND, lift, run

RUN = ActivityModality.RUN
STRENGTH = ActivityModality.STRENGTH


def test_grouped_by_the_local_date_of_each_start(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    # 23:30 in Newfoundland on 2 Jan is already 3 Jan in UTC: counts for 2 Jan.
    db.add_activity(sam, run(datetime(2026, 1, 2, 23, 30, tzinfo=NEWFOUNDLAND), rpe=4.0))
    # 00:30 in Nepal on 3 Jan is still 2 Jan in UTC: counts for 3 Jan.
    db.add_activity(sam, run(datetime(2026, 1, 3, 0, 30, tzinfo=NEPAL), rpe=None, distance_m=None))
    db.add_activity(sam, run(datetime(2026, 1, 3, 18, 0, tzinfo=UTC), rpe=6.0, duration_s=600.0))
    db.add_activity(sam, lift(datetime(2026, 1, 2, 7, 0, tzinfo=NEPAL), rpe=8.0, duration_s=3600.0))
    db.add_activity(sam, lift(datetime(2026, 1, 2, 9, 0, tzinfo=NEPAL), rpe=None, duration_s=60.0))
    db.add_activity(db.ensure_athlete("Kim"), run(datetime(2026, 1, 2, 12, 0, tzinfo=UTC)))
    assert db.daily_totals(sam) == [
        DailyTotal(date(2026, 1, 2), RUN, 1, 1800.5, 5012.3, 4.0 * 1800.5 / 60),
        DailyTotal(date(2026, 1, 2), STRENGTH, 2, 3660.0, 0.0, 8.0 * 60),
        DailyTotal(date(2026, 1, 3), RUN, 2, 2400.5, 5012.3, 6.0 * 10),
    ]


def test_no_activities(db: Database) -> None:
    assert db.daily_totals(db.ensure_athlete("Sam")) == []
