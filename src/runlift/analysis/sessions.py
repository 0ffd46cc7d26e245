"""What every analysis reads: logged sessions, calendar weeks and the athlete's heart rates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from runlift.model.activity import Activity
from runlift.science.load import Sex


@dataclass(frozen=True, slots=True)
class Session:
    """A logged activity and its stored id (the id lets signals name their sessions)."""

    id: int
    activity: Activity

    @property
    def day(self) -> date:
        """The athlete's calendar day: the start is stored with its own UTC offset."""
        return self.activity.start.date()


@dataclass(frozen=True, slots=True)
class HeartRates:
    """The heart rates HR-based measures need. ``threshold_hr`` None means the default
    (rest + 85 % of the reserve, see :func:`runlift.science.load.default_lthr`)."""

    rest_hr: float
    max_hr: float
    threshold_hr: float | None = None
    sex: Sex = Sex.MALE


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def weeks(first: date, last: date) -> list[date]:
    """The Mondays of every week from ``first``'s to ``last``'s, both included."""
    start, end = week_start(first), week_start(last)
    return [start + timedelta(days=7 * i) for i in range((end - start).days // 7 + 1)]


def days(first: date, last: date) -> list[date]:
    """Every day from ``first`` to ``last``, both included."""
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
