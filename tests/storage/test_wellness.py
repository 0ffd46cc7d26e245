"""Wellness: one row per athlete and day; partial updates keep what is stored."""

from __future__ import annotations

import math
from datetime import date

import pytest

from runlift.model.activity import Wellness
from runlift.storage import Database, NotFoundError
from tests.storage.helpers import count_rows


def test_partial_upsert_keeps_stored_values(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    day = date(2026, 12, 7)
    db.put_wellness(sam, Wellness(day, body_mass_kg=62.4, resting_hr=48.0, soreness=3))
    db.put_wellness(sam, Wellness(day, sleep_h=7.25, mood=8, notes="slept well ☀️"))
    db.put_wellness(sam, Wellness(day, soreness=5))
    assert db.list_wellness(sam) == [
        Wellness(
            day,
            body_mass_kg=62.4,
            resting_hr=48.0,
            hrv_ms=None,
            sleep_h=7.25,
            soreness=5,
            mood=8,
            notes="slept well ☀️",
        )
    ]
    assert count_rows(db, "wellness") == 1


def test_list_filters_inclusive_orders_and_separates_athletes(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    kim = db.ensure_athlete("Kim")
    for d in (9, 7, 8, 10):
        db.put_wellness(sam, Wellness(date(2026, 12, d), hrv_ms=50.0 + d))
    db.put_wellness(kim, Wellness(date(2026, 12, 8), hrv_ms=99.0))
    assert [w.day.day for w in db.list_wellness(sam)] == [7, 8, 9, 10]
    window = db.list_wellness(sam, since=date(2026, 12, 8), until=date(2026, 12, 9))
    assert [(w.day.day, w.hrv_ms) for w in window] == [(8, 58.0), (9, 59.0)]
    assert [w.hrv_ms for w in db.list_wellness(kim)] == [99.0]


def test_nan_is_treated_as_not_given(db: Database) -> None:
    sam = db.ensure_athlete("Sam")
    day = date(2026, 1, 1)
    db.put_wellness(sam, Wellness(day, body_mass_kg=70.0))
    db.put_wellness(sam, Wellness(day, body_mass_kg=math.nan))
    assert db.list_wellness(sam)[0].body_mass_kg == 70.0


def test_unknown_athlete(db: Database) -> None:
    with pytest.raises(NotFoundError):
        db.put_wellness(42, Wellness(date(2026, 1, 1), mood=5))
