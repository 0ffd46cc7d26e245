from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from runlift.errors import InputError
from runlift.exporters.ics import check_zone, plan_to_ics, session_uid, system_zone
from runlift.exporters.plan_json import plan_to_dict
from runlift.model.plan import Plan
from runlift.planning.build import build_plan
from runlift.profile_file import example_profile_path, load_example
from tests.cli.helpers import invoke


def _plan(name: str = "runner", weeks: int = 3, start: date | None = None) -> Plan:
    profile = load_example(name)
    schedule = replace(profile.schedule, weeks=weeks, start=start or profile.schedule.start)
    return build_plan(replace(profile, schedule=schedule))


def _events(data: bytes) -> list[object]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


@pytest.mark.parametrize("name", ["runner", "lifter", "hybrid"])
def test_every_session_is_an_event_matching_the_plan_json(name: str) -> None:
    plan = _plan(name)
    doc = plan_to_dict(plan)
    events = {str(e["uid"]): e for e in _events(plan_to_ics(plan, "Europe/Paris", version=3))}
    assert len(events) == len(doc["sessions"])
    tz = ZoneInfo("Europe/Paris")
    for s, session in zip(doc["sessions"], plan.sessions, strict=True):
        event = events[session_uid(plan, session)]
        start = event["dtstart"].dt
        assert start == datetime.fromisoformat(f"{s['date']}T{s['start']}").replace(tzinfo=tz)
        assert event["dtend"].dt == datetime.fromisoformat(f"{s['date']}T{s['end']}").replace(
            tzinfo=tz
        )
        assert str(event["summary"]) == s["title"]
        assert int(event["sequence"]) == 3
        categories = [str(c) for c in event["categories"].cats]
        assert categories[0] == ("Run" if s["modality"] == "run" else "Strength")
        assert categories[1].lower() == s["intensity"]
        text = str(event["description"])
        for value in s["targets"].values():
            assert value in text
        for exercise in s["exercises"]:
            assert exercise["name"] in text
        assert s["id"] in text and "Why:" in text


def test_the_calendar_carries_its_time_zone_and_stamps() -> None:
    cal = Calendar.from_ical(plan_to_ics(_plan(), "America/New_York"))
    zones = [str(z["tzid"]) for z in cal.walk("VTIMEZONE")]
    assert zones == ["America/New_York"]
    assert str(cal["x-wr-timezone"]) == "America/New_York"
    for event in cal.walk("VEVENT"):
        assert event["dtstamp"].dt.tzinfo is not None
        assert event["dtstart"].params["TZID"] == "America/New_York"


def test_uids_are_stable_so_a_new_export_updates_instead_of_duplicating() -> None:
    first = [str(e["uid"]) for e in _events(plan_to_ics(_plan(), "UTC", version=1))]
    again = [str(e["uid"]) for e in _events(plan_to_ics(_plan(), "UTC", version=2))]
    assert first == again
    assert len(set(first)) == len(first)


def test_wall_clock_times_hold_across_a_daylight_saving_change() -> None:
    plan = _plan(weeks=3, start=date(2027, 3, 22))  # Europe changes clocks on 28 March
    events = _events(plan_to_ics(plan, "Europe/Berlin"))
    for session, event in zip(plan.sessions, events, strict=True):
        assert event["dtstart"].dt.time() == session.start
    offsets = {e["dtstart"].dt.utcoffset() for e in events}
    assert len(offsets) == 2  # CET before, CEST after


def test_an_unknown_zone_is_an_input_error_with_suggestions() -> None:
    with pytest.raises(InputError, match="not a time zone name"):
        check_zone("Mars/Base")
    with pytest.raises(InputError, match="Europe/Paris"):
        check_zone("paris")
    assert check_zone(system_zone()) is not None


def test_cli_exports_a_profile_a_plan_file_and_the_saved_plan(tmp_path: Path, db_url: str) -> None:
    out = tmp_path / "a.ics"
    profile = example_profile_path("runner")
    result = invoke("export", "ics", profile, "-o", out, "--tz", "Europe/Paris")
    assert result.exit_code == 0, result.stderr
    assert len(_events(out.read_bytes())) > 10

    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan_to_dict(_plan(weeks=1))))
    from_json = invoke("export", "ics", plan_file, "-o", tmp_path / "b.ics", "--tz", "UTC")
    assert from_json.exit_code == 0, from_json.stderr

    none_saved = invoke("export", "ics", "--db", db_url, "-o", tmp_path / "c.ics")
    assert none_saved.exit_code == 2 and "no saved plan" in none_saved.stderr
    assert not (tmp_path / "c.ics").exists()
    invoke("plan", "--example", "hybrid", "--weeks", "2", "--save", "--db", db_url)
    invoke("plan", "--example", "hybrid", "--weeks", "2", "--save", "--db", db_url)
    saved = invoke("export", "ics", "--db", db_url, "-o", tmp_path / "c.ics", "--tz", "UTC")
    assert saved.exit_code == 0, saved.stderr
    assert {int(e["sequence"]) for e in _events((tmp_path / "c.ics").read_bytes())} == {2}

    bad = invoke("export", "ics", profile, "--tz", "Nowhere/Land", "-o", tmp_path / "d.ics")
    assert bad.exit_code == 2 and "Nowhere/Land" in bad.stderr
