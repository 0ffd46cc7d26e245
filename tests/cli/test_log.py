"""The training log from the command line: log, history, done, plan --save, db.

Every test runs on SQLite and, when it answers, PostgreSQL (the ``db_url`` fixture).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from runlift.storage import Database
from tests.cli.helpers import invoke, text

HISTORY_SCHEMA = json.loads(
    resources.files("runlift.schemas").joinpath("history-1.schema.json").read_text("utf-8")
)


def _history(db_url: str, *extra: str) -> dict[str, Any]:
    result = invoke("history", "--db", db_url, "--format", "json", *extra)
    assert result.exit_code == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    jsonschema.validate(doc, HISTORY_SCHEMA)
    return doc


def test_log_run_is_stored_and_listed(db_url: str) -> None:
    result = invoke(
        "log",
        "run",
        "8km",
        "42:10",
        "--rpe",
        "5",
        "--hr",
        "148",
        "--date",
        "2026-11-20T07:30",
        "--notes",
        "easy",
        "--db",
        db_url,
    )
    assert result.exit_code == 0, result.stderr
    assert "Logged run #1" in result.stdout
    (run,) = _history(db_url)["activities"]
    assert run["distance_m"] == 8000.0
    assert run["duration_s"] == 42 * 60 + 10
    assert run["rpe"] == 5.0 and run["avg_hr"] == 148.0
    assert run["start"].startswith("2026-11-20T07:30:00")
    assert run["source"] == "manual" and run["modality"] == "run"


def test_log_lift_stores_sets_and_reports_unknown_exercises(db_url: str) -> None:
    result = invoke(
        "log",
        "lift",
        "back squat 4x4 @ 100kg rpe 8; bench 3x8 60kg; plank 3x60s; zercher squat 3x5 80kg",
        "--duration",
        "50",
        "--rpe",
        "7",
        "--date",
        "2026-11-21",
        "--db",
        db_url,
    )
    assert result.exit_code == 0, result.stderr
    assert "zercher squat" in result.stderr
    (lift,) = _history(db_url)["activities"]
    names = [s["exercise"] for s in lift["sets"]]
    assert names == ["back squat"] * 4 + ["bench press"] * 3 + ["plank"] * 3 + ["zercher squat"] * 3
    assert lift["sets"][0] == {
        "exercise": "back squat",
        "type": "working",
        "reps": 4,
        "load_kg": 100.0,
        "duration_s": None,
        "rpe": 8.0,
        "rir": None,
    }
    assert lift["sets"][7]["duration_s"] == 60.0
    assert lift["duration_s"] == 3000.0


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["run", "8km", "abc"], ["time 'abc'"]),
        (["run", "eight", "40:00"], ["distance 'eight'"]),
        (["run", "8km", "1:00"], ["faster than any human"]),
        (["run", "8km", "40:00", "--rpe", "12"], ["--rpe must be between 0 and 10", "12"]),
        (["run", "8km", "40:00", "--date", "2026-02-30"], ["not a real date"]),
        (["run", "8km", "40:00", "--date", "2999-01-01"], ["future"]),
        (["lift", "bench 3x8 60kgg", "--duration", "40"], ["60kgg", "^"]),
        (["lift", "squat -3x5 100kg", "--duration", "40"], ["squat"]),
        (["lift", "squat 3x5 abc", "--duration", "40"], ["abc"]),
        (["lift", "squat 3x5 100kg", "--duration", "0"], ["--duration must be more than 0"]),
        (["wellness", "--soreness", "11"], ["--soreness must be between 1 and 10", "11"]),
        (["wellness", "--sleep", "30"], ["--sleep must be between 0 and 24"]),
        (["wellness"], ["give at least one measure"]),
    ],
)
def test_bad_log_input_exits_2_names_the_problem_and_writes_nothing(
    db_url: str, args: list[str], needles: list[str]
) -> None:
    result = invoke("log", *args, "--db", db_url)
    assert result.exit_code == 2, result.stdout
    for needle in needles:
        assert needle in result.stderr
    assert _history(db_url)["activities"] == []
    with Database.open(db_url) as database:
        athlete = database.default_athlete()
        assert athlete is None or database.list_wellness(athlete.id) == []


def test_wellness_entries_merge_by_day(db_url: str) -> None:
    assert (
        invoke(
            "log",
            "wellness",
            "--sleep",
            "7.5",
            "--soreness",
            "3",
            "--date",
            "2026-11-20",
            "--db",
            db_url,
        ).exit_code
        == 0
    )
    assert (
        invoke("log", "wellness", "--hrv", "62", "--date", "2026-11-20", "--db", db_url).exit_code
        == 0
    )
    with Database.open(db_url) as database:
        athlete = database.default_athlete()
        assert athlete is not None
        (entry,) = database.list_wellness(athlete.id)
    assert (entry.sleep_h, entry.soreness, entry.hrv_ms) == (7.5, 3, 62.0)


def test_history_filters_by_dates_and_modality(db_url: str) -> None:
    for day in ("2026-11-01", "2026-11-10", "2026-11-20"):
        invoke("log", "run", "5km", "25:00", "--date", day, "--db", db_url)
    invoke(
        "log", "lift", "squat 3x5 100kg", "--duration", "30", "--date", "2026-11-10", "--db", db_url
    )
    window = _history(db_url, "--since", "2026-11-05", "--until", "2026-11-10")["activities"]
    assert [a["modality"] for a in window] == ["run", "strength"]
    runs = _history(db_url, "--modality", "run")["activities"]
    assert len(runs) == 3
    table = invoke("history", "--db", db_url)
    assert table.exit_code == 0 and "running" in table.stdout
    bad = invoke("history", "--db", db_url, "--modality", "swim")
    assert bad.exit_code == 2 and "--modality" in bad.stderr
    backwards = invoke("history", "--db", db_url, "--since", "2026-11-10", "--until", "2026-11-01")
    assert backwards.exit_code == 2 and "comes before" in backwards.stderr


def test_done_without_a_saved_plan_says_how_to_save_one(db_url: str) -> None:
    result = invoke("done", "--db", db_url)
    assert result.exit_code == 2
    assert "runlift plan PROFILE --save" in result.stderr


def test_a_saved_plan_tracks_what_was_done(db_url: str) -> None:
    monday = date.today() - timedelta(days=date.today().weekday())
    start = monday - timedelta(days=7)  # week 2 of the plan is this week
    saved = invoke(
        "plan",
        "--example",
        "runner",
        "--weeks",
        "3",
        "--start",
        start.isoformat(),
        "--save",
        "--db",
        db_url,
        "--format",
        "json",
    )
    assert saved.exit_code == 0, saved.stderr
    assert "version 1" in saved.stderr
    plan = json.loads(saved.stdout)
    last_week = [s for s in plan["sessions"] if s["week"] == 1]
    first_run = next(s for s in last_week if s["modality"] == "run")
    logged = invoke(
        "log",
        "run",
        "6km",
        f"{first_run['duration_min']}:00",
        "--date",
        f"{first_run['date']}T{first_run['start']}",
        "--db",
        db_url,
    )
    assert f"matching planned session {first_run['id']}" in logged.stdout

    report = invoke("done", "--week", "1", "--db", db_url, "--format", "json")
    assert report.exit_code == 0, report.stderr
    doc = json.loads(report.stdout)
    by_id = {s["session_id"]: s for s in doc["sessions"]}
    assert by_id[first_run["id"]]["status"] == "completed"
    others = [s for s in doc["sessions"] if s["session_id"] != first_run["id"]]
    assert {s["status"] for s in others} == {"missed"}
    this_week = invoke("done", "--db", db_url)
    assert this_week.exit_code == 0 and "Week 2" in this_week.stdout

    again = invoke(
        "plan",
        "--example",
        "runner",
        "--weeks",
        "3",
        "--start",
        start.isoformat(),
        "--save",
        "--db",
        db_url,
    )
    assert "version 2" in again.stderr
    outside = invoke("done", "--week", "9", "--db", db_url)
    assert outside.exit_code == 2 and "weeks 1-3" in outside.stderr


def test_db_status_upgrade_export_and_import_round_trip(db_url: str, tmp_path: Path) -> None:
    invoke("log", "run", "8km", "40:00", "--date", "2026-11-20", "--db", db_url)
    invoke("log", "wellness", "--sleep", "8", "--date", "2026-11-20", "--db", db_url)
    status = invoke("db", "status", "--db", db_url)
    assert status.exit_code == 0 and "up to date" in status.stdout
    assert invoke("db", "upgrade", "--db", db_url).exit_code == 0
    backup = tmp_path / "backup.json"
    exported = invoke("db", "export", str(backup), "--db", db_url)
    assert exported.exit_code == 0, exported.stderr
    assert json.loads(backup.read_text())["schema"] == "runlift.backup/1"

    target = str(tmp_path / "restored.db")
    restored = invoke("db", "import", str(backup), "--db", target)
    assert restored.exit_code == 0, restored.stderr
    assert _history(target)["activities"] == _history(db_url)["activities"]
    twice = invoke("db", "import", str(backup), "--db", target)
    assert twice.exit_code == 2 and "empty" in text(twice)
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "runlift.backup/1", "athletes": [')
    bad = invoke("db", "import", str(broken), "--db", str(tmp_path / "other.db"))
    assert bad.exit_code == 2 and "broken.json" in bad.stderr


def test_environment_variable_selects_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("RUNLIFT_DATABASE_URL", str(path))
    assert invoke("log", "run", "5km", "25:00", "--date", "2026-11-20").exit_code == 0
    assert path.exists()
    status = invoke("db", "status")
    assert str(path) in status.stdout


def test_an_unusable_database_url_is_a_clear_error(tmp_path: Path) -> None:
    # Unreachable or unopenable: an environment problem (exit 1), said plainly.
    result = invoke("history", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert result.exit_code == 1
    assert "127.0.0.1:1" in result.stderr and "Check the URL" in result.stderr
    directory = invoke("history", "--db", str(tmp_path))
    assert directory.exit_code == 1 and "cannot open the database" in directory.stderr


def test_timestamps_keep_their_offset(db_url: str) -> None:
    invoke("log", "run", "5km", "25:00", "--date", "2026-07-01T06:15", "--db", db_url)
    start = _history(db_url)["activities"][0]["start"]
    assert datetime.fromisoformat(start).replace(tzinfo=None) == datetime(2026, 7, 1, 6, 15)
    assert datetime.fromisoformat(start).utcoffset() is not None
