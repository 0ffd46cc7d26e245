from __future__ import annotations

import json
from pathlib import Path

from garmin_fit_sdk import Decoder, Stream

from runlift.profile_file import example_profile_path
from tests.cli.helpers import invoke


def test_export_fit_writes_one_decodable_file_per_session_of_the_week(tmp_path: Path) -> None:
    profile = example_profile_path("runner")
    plan = json.loads(invoke("plan", profile, "--format", "json").stdout)
    week_two = [s for s in plan["sessions"] if s["week"] == 2]
    out = tmp_path / "watch"
    result = invoke("export", "fit", profile, "--week", "2", "-o", out)
    assert result.exit_code == 0, result.stderr
    files = sorted(out.glob("*.fit"))
    assert len(files) == len(week_two)
    assert {
        f.name.split("-")[0] + "-" + f.name.split("-")[1] + "-" + f.name.split("-")[2]
        for f in files
    } == {s["id"] for s in week_two}
    for f in files:
        data = bytearray(f.read_bytes())
        assert Decoder(Stream.from_byte_array(data)).check_integrity()
        messages, errors = Decoder(Stream.from_byte_array(data)).read()
        assert errors == []
        assert messages["workout_mesgs"][0]["wkt_name"]
    assert not list(out.glob("*.tmp"))


def test_export_fit_from_the_saved_plan_and_bad_weeks(tmp_path: Path, db_url: str) -> None:
    none = invoke("export", "fit", "--db", db_url, "-o", tmp_path / "a")
    assert none.exit_code == 2 and "no saved plan" in none.stderr
    invoke("plan", "--example", "lifter", "--weeks", "2", "--save", "--db", db_url)
    saved = invoke("export", "fit", "--db", db_url, "-o", tmp_path / "b")
    assert saved.exit_code == 0, saved.stderr
    assert len(list((tmp_path / "b").glob("*.fit"))) > 8
    bad = invoke("export", "fit", "--db", db_url, "--week", "3", "-o", tmp_path / "c")
    assert bad.exit_code == 2 and "between 1 and 2" in bad.stderr
    assert not (tmp_path / "c").exists()
