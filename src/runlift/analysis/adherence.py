"""Planned versus done: match each activity to the planned session it fulfils.

Matching is by date and modality, then by the closest duration; an activity a day
off its planned date still counts (a moved session) when nothing closer claims it.
A session done for at least :data:`COMPLETE_SHARE` of its planned minutes is
completed, otherwise partial.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

#: Share of the planned duration that counts as completing a session.
COMPLETE_SHARE = 0.8


class Status(StrEnum):
    COMPLETED = "completed"
    PARTIAL = "partial"
    MISSED = "missed"
    UPCOMING = "upcoming"
    EXTRA = "extra"


@dataclass(frozen=True, slots=True)
class Planned:
    session_id: str
    day: date
    modality: str  # "run" | "strength"
    kind: str
    duration_min: int


@dataclass(frozen=True, slots=True)
class Done:
    activity_id: int
    day: date  # local date of the start
    modality: str  # "run" | "strength" | "other"
    duration_min: float


@dataclass(frozen=True, slots=True)
class Match:
    status: Status
    planned: Planned | None
    done: Done | None

    @property
    def day(self) -> date:
        """The planned day, or the day it was done for an extra activity."""
        if self.planned is not None:
            return self.planned.day
        assert self.done is not None  # a match always holds one side
        return self.done.day


def _status(planned: Planned, done: Done) -> Status:
    if done.duration_min >= COMPLETE_SHARE * planned.duration_min:
        return Status.COMPLETED
    return Status.PARTIAL


def match(planned: list[Planned], done: list[Done], today: date) -> list[Match]:
    """Pair sessions with activities; leftovers are missed, upcoming or extra.

    Results come sorted by date, planned sessions before extras on the same day.
    """
    free = list(done)
    pairs: dict[str, Done] = {}
    for max_days in (0, 1):
        for p in sorted(planned, key=lambda p: (p.day, -p.duration_min)):
            if p.session_id in pairs:
                continue
            candidates = [
                d
                for d in free
                if d.modality == p.modality and abs((d.day - p.day).days) <= max_days
            ]
            if not candidates:
                continue
            best = min(
                candidates,
                key=lambda d: (abs((d.day - p.day).days), abs(d.duration_min - p.duration_min)),
            )
            pairs[p.session_id] = best
            free.remove(best)
    out = []
    for p in planned:
        d = pairs.get(p.session_id)
        if d is not None:
            out.append(Match(_status(p, d), p, d))
        else:
            out.append(Match(Status.UPCOMING if p.day >= today else Status.MISSED, p, None))
    out += [Match(Status.EXTRA, None, d) for d in free]
    return sorted(out, key=lambda m: (m.day, m.planned is None))


@dataclass(frozen=True, slots=True)
class AdherenceWeek:
    """Planned sessions of one ISO week and modality by outcome (extras counted apart)."""

    week: date
    modality: str
    planned: int
    completed: int
    partial: int
    missed: int
    upcoming: int
    extra: int

    @property
    def share_done(self) -> float | None:
        """Completed share of the sessions already due (partial counts half)."""
        due = self.planned - self.upcoming
        return None if due == 0 else (self.completed + 0.5 * self.partial) / due


def weekly(matches: list[Match]) -> list[AdherenceWeek]:
    """Matches grouped by the Monday of their day and by modality, in date order."""
    counts: dict[tuple[date, str], dict[Status, int]] = {}
    for m in matches:
        side = m.planned if m.planned is not None else m.done
        assert side is not None  # a match always holds one side
        key = (m.day - timedelta(days=m.day.weekday()), side.modality)
        counts.setdefault(key, dict.fromkeys(Status, 0))[m.status] += 1
    out = []
    for (monday, modality), c in sorted(counts.items()):
        planned = sum(c[s] for s in Status if s is not Status.EXTRA)
        out.append(
            AdherenceWeek(
                monday,
                modality,
                planned,
                c[Status.COMPLETED],
                c[Status.PARTIAL],
                c[Status.MISSED],
                c[Status.UPCOMING],
                c[Status.EXTRA],
            )
        )
    return out
