"""Plan -> iCalendar (RFC 5545), for calendar files and subscribable feeds.

Each planned session is a VEVENT in the athlete's local time zone (VTIMEZONE
included). UIDs depend only on the athlete and the session id, so importing the file
again, or refreshing a subscribed feed after the plan was adapted, updates events
instead of duplicating them; SEQUENCE carries the plan version so clients know the
newer copy wins.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from runlift.errors import InputError
from runlift.evidence.references import reference
from runlift.evidence.rules import rule
from runlift.model.plan import Modality, Plan, PlannedSession

PRODID = "-//runlift//runlift plan//EN"


def system_zone() -> str:
    """The IANA name of this computer's time zone, or "UTC" when it cannot be told."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if name and _is_zone(name):
            return name
    return "UTC"


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def check_zone(name: str) -> ZoneInfo:
    if not _is_zone(name):
        close = sorted(z for z in available_timezones() if name.lower() in z.lower())[:5]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise InputError(f"--tz {name!r} is not a time zone name like Europe/Paris{hint}")
    return ZoneInfo(name)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "athlete"


def session_uid(plan: Plan, session: PlannedSession) -> str:
    """Stable across plan versions: the same athlete and session id give the same UID."""
    return f"{session.id}.{_slug(plan.athlete_name)}@runlift"


def _description(session: PlannedSession) -> str:
    lines = []
    targets = dict(session.targets)
    if session.distance_km is not None:
        lines.append(f"Distance: about {session.distance_km:g} km")
    labels = {
        "pace_per_km": "Pace (min/km)",
        "hr_bpm": "Heart rate (bpm)",
        "rpe": "Effort (RPE)",
        "structure": "Workout",
        "effort": "Effort",
        "load_basis": "Loads",
    }
    lines += [f"{labels.get(k, k)}: {v}" for k, v in targets.items()]
    for e in session.exercises:
        amount = f"{e.sets} x {e.reps}" if e.reps else f"{e.sets} x {e.duration_s} s"
        load = f" @ {e.load_kg:g} kg" if e.load_kg else ""
        rpe = f", RPE {e.rpe:g}" if e.rpe else ""
        lines.append(f"- {e.name}: {amount}{load}{rpe}")
    lines += ["", "Why:"]
    for rid in session.rules:
        r = rule(rid)
        refs = ", ".join(str(n) for n in r.refs)
        lines.append(f"- {r.statement}" + (f" [{refs}]" if refs else ""))
    if session.refs:
        lines += ["", "References:"]
        lines += [f"{n}. {reference(n).citation}" for n in session.refs]
    lines += ["", f"Session {session.id}. runlift explain PLAN {session.id} shows more."]
    return "\n".join(lines)


def plan_to_ics(
    plan: Plan,
    zone: str | None = None,
    *,
    version: int = 0,
    now: datetime | None = None,
) -> bytes:
    """The plan as an iCalendar file (bytes, CRLF lines as RFC 5545 asks)."""
    from icalendar import Calendar, Event

    name = zone or system_zone()
    tz = check_zone(name)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"runlift: {plan.athlete_name}")
    cal.add("x-wr-timezone", name)
    for s in plan.sessions:
        event = Event()
        event.add("uid", session_uid(plan, s))
        event.add("dtstamp", stamp)
        event.add("sequence", version)
        event.add("dtstart", datetime.combine(s.date, s.start, tzinfo=tz))
        event.add("dtend", datetime.combine(s.date, s.end, tzinfo=tz))
        event.add("summary", s.title)
        event.add("description", _description(s))
        kind = "Run" if s.modality is Modality.RUN else "Strength"
        event.add("categories", [kind, s.intensity.value.capitalize()])
        event.add("transp", "OPAQUE")
        cal.add_component(event)
    if plan.sessions:
        # Only the plan's own years: a compact VTIMEZONE that still covers every event.
        first = plan.sessions[0].date.replace(month=1, day=1)
        last = plan.sessions[-1].date.replace(month=12, day=31)
        cal.add_missing_timezones(first_date=first, last_date=last)
    data: bytes = cal.to_ical()
    return data
