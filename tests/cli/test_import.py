"""``runlift import`` end to end on the project's own sample files, on both engines."""

from __future__ import annotations

import gzip
import io
import json
import math
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from runlift.importers import registry
from runlift.importers.fit import decode_fit
from runlift.storage import Database
from tests.cli.helpers import invoke

FILES = Path(__file__).resolve().parents[1] / "files"
RUN_FIT = FILES / "fit" / "activity-small-fenix2-run.fit"
LIFT_FIT = FILES / "fit" / "20748058539_ACTIVITY.fit"


def _import(db_url: str, *paths: Path | str, extra: tuple[str, ...] = ()) -> dict[str, Any]:
    result = invoke("import", *paths, "--db", db_url, "--format", "json", *extra)
    assert result.exit_code in (0, 2), result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _count(db_url: str) -> int:
    with Database.open(db_url) as database:
        athlete = database.default_athlete()
        return 0 if athlete is None else len(database.list_activities(athlete.id))


def test_a_folder_of_every_format_goes_in_and_a_second_import_changes_nothing(
    db_url: str,
) -> None:
    first = _import(db_url, FILES, extra=("--unit", "kg"))
    assert first["imported"]["fit"] == 6
    assert {"gpx", "tcx", "strong", "hevy", "fitnotes"} <= set(first["imported"])
    failed = {Path(f["file"]).name: f["reason"] for f in first["failed"]}
    assert "no timestamps" in failed["strava_route_example.gpx"]
    assert "README.md" in failed  # not an activity format: reported, nothing stored
    stored = _count(db_url)
    assert stored == first["activities"] > 20

    again = _import(db_url, FILES, extra=("--unit", "kg"))
    assert again["activities"] == 0 and again["imported"] == {}
    assert sum(again["duplicates"].values()) == sum(first["imported"].values())
    assert _count(db_url) == stored


def test_a_csv_without_units_asks_for_them_and_the_rest_still_goes_in(db_url: str) -> None:
    csv_file = FILES / "csv" / "strong_ios_comma.csv"
    report = _import(db_url, csv_file, RUN_FIT)
    assert report["failed"][0]["file"].endswith("strong_ios_comma.csv")
    assert "--unit kg or --unit lb" in report["failed"][0]["reason"]
    assert report["activities"] == 1


def _strava_zip(tmp_path: Path) -> Path:
    run = RUN_FIT.read_bytes()
    csv_text = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
        "Filename,Distance\n"
        '1,"Aug 15, 2015, 2:45:08 PM",Morning Run,Run,2832,9.01,activities/1.fit.gz,9010.0\n'
        '2,"Jan 3, 2024, 5:00:00 PM",Gym,Weight Training,3600,0,,0\n'
    )
    path = tmp_path / "export_42.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("activities.csv", csv_text)
        z.writestr("activities/1.fit.gz", gzip.compress(run))
        z.writestr(
            "activities/2.gpx.gz",
            gzip.compress((FILES / "gpx" / "garmin-activity.gpx").read_bytes()),
        )
        z.writestr("profile.json", "{}")
        z.writestr("media/photo.jpg", b"\xff\xd8")
    return path


def test_a_strava_bulk_export_zip_is_read_in_place(db_url: str, tmp_path: Path) -> None:
    report = _import(db_url, _strava_zip(tmp_path))
    assert report["failed"] == []
    assert report["imported"] == {"strava": 1, "fit": 1, "gpx": 1}
    assert report["activities"] == 3  # the FIT run, the GPX run and the manual gym row
    assert len(report["skipped"]) == 2
    with Database.open(db_url) as database:
        athlete = database.default_athlete()
        assert athlete is not None
        gym = [s for s in database.list_activities(athlete.id) if s.activity.source == "strava"]
    assert [g.activity.modality.value for g in gym] == ["strength"]
    again = _import(db_url, _strava_zip(tmp_path))
    assert again["activities"] == 0 and _count(db_url) == 3


def test_a_garmin_export_with_nested_zips(db_url: str, tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("123_ACTIVITY.fit", LIFT_FIT.read_bytes())
        z.writestr("456_ACTIVITY.fit", RUN_FIT.read_bytes())
    outer = tmp_path / "garmin.zip"
    with zipfile.ZipFile(outer, "w") as z:
        z.writestr(
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner.getvalue()
        )
        z.writestr("DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json", "[]")
    report = _import(db_url, outer)
    assert report["imported"] == {"fit": 2}
    assert report["activities"] == 2


def test_bad_files_are_reported_one_by_one_and_the_rest_goes_in(
    db_url: str, tmp_path: Path
) -> None:
    good = RUN_FIT.read_bytes()
    tmp_path = tmp_path / "in"  # the SQLite test database lives beside it
    tmp_path.mkdir()
    (tmp_path / "empty.fit").write_bytes(b"")
    (tmp_path / "truncated.fit").write_bytes(good[: len(good) // 2])
    (tmp_path / "noise.fit").write_bytes(bytes(range(256)) * 10)
    flipped = bytearray(good)
    flipped[len(flipped) // 2] ^= 0xFF
    (tmp_path / "crc.fit").write_bytes(bytes(flipped))
    (tmp_path / "bomb.gpx").write_text(
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        "<gpx><trk><name>&lol2;</name></trk></gpx>"
    )
    (tmp_path / "xxe.tcx").write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        "<TrainingCenterDatabase>&e;</TrainingCenterDatabase>"
    )
    (tmp_path / "missing.csv").write_text('"title","start_time"\n"a","3 Jan 2024, 18:05"\n')
    (tmp_path / "good.fit").write_bytes(good)
    report = _import(db_url, tmp_path)
    failed = {Path(f["file"]).name: f["reason"] for f in report["failed"]}
    assert set(failed) == {
        "empty.fit",
        "truncated.fit",
        "noise.fit",
        "crc.fit",
        "bomb.gpx",
        "xxe.tcx",
        "missing.csv",
    }
    assert all(reason and "Traceback" not in reason for reason in failed.values())
    assert "root:" not in json.dumps(report)  # the external entity was never read
    assert report["activities"] == 1 and _count(db_url) == 1


def test_only_bad_files_exit_2(db_url: str, tmp_path: Path) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "empty.fit").write_bytes(b"")
    result = invoke("import", tmp_path, "--db", db_url)
    assert result.exit_code == 2
    assert "empty.fit" in result.stdout


def test_a_gzip_bomb_is_refused_without_filling_memory(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "MAX_FILE_BYTES", 1_000_000)
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "bomb.fit.gz").write_bytes(gzip.compress(b"\0" * 3_000_000))
    report = _import(db_url, tmp_path, extra=("--workers", "1"))
    assert "more than" in report["failed"][0]["reason"]


def _gpx_copy_of(fit_path: Path, tmp_path: Path) -> Path:
    """A GPX with the same start and duration as the FIT run (as a Strava copy would be),
    poorer: positions and times only, no heart rate."""
    run = decode_fit(fit_path.read_bytes(), fit_path.name).activities[0]
    points = []
    for i in range(0, int(run.duration_s), 10):
        when = (run.start + timedelta(seconds=i)).astimezone().strftime("%Y-%m-%dT%H:%M:%S%z")
        lat = 46.0 + i * 1e-5
        points.append(f'<trkpt lat="{lat:.6f}" lon="14.0"><time>{when}</time></trkpt>')
    gpx = (
        '<?xml version="1.0"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        + "".join(points)
        + "</trkseg></trk></gpx>"
    )
    path = tmp_path / "copy.gpx"
    path.write_text(gpx)
    return path


@pytest.mark.parametrize("fit_first", [True, False], ids=["fit-first", "gpx-first"])
def test_one_run_from_two_sources_is_kept_once_the_richer_copy_winning(
    db_url: str, tmp_path: Path, fit_first: bool
) -> None:
    copy = _gpx_copy_of(RUN_FIT, tmp_path)
    order = [RUN_FIT, copy] if fit_first else [copy, RUN_FIT]
    _import(db_url, order[0])
    second = _import(db_url, order[1])
    assert _count(db_url) == 1
    assert (second["linked"], second["replaced"]) == ((1, 0) if fit_first else (0, 1))
    with Database.open(db_url) as database:
        athlete = database.default_athlete()
        assert athlete is not None
        (kept,) = database.list_activities(athlete.id, with_streams=True)
        assert kept.activity.source == "fit"
        assert kept.activity.streams is not None
        assert kept.activity.streams.heart_rate is not None
        sources = database.sources_of(kept.id)
    assert [s.source for s in sources] == ["gpx"]
    assert _import(db_url, *order)["activities"] == 0  # both files known now


def test_a_lifting_app_log_wins_over_the_watchs_guess_of_the_same_workout(
    db_url: str, tmp_path: Path
) -> None:
    lift = decode_fit(LIFT_FIT.read_bytes(), LIFT_FIT.name).activities[0]
    local = lift.start.astimezone()
    end = local + timedelta(seconds=lift.duration_s)
    fmt = "%-d %b %Y, %H:%M"
    rows = [
        f'"Gym","{local:{fmt}}","{end:{fmt}}","","Squat (Barbell)",,"",{i},"normal",{90 + i},5,,,8'
        for i in range(5)
    ]
    header = (
        '"title","start_time","end_time","description","exercise_title","superset_id",'
        '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
        '"duration_seconds","rpe"'
    )
    hevy = tmp_path / "workout_data.csv"
    hevy.write_text(header + "\n" + "\n".join(rows) + "\n")
    _import(db_url, LIFT_FIT)
    report = _import(db_url, hevy)
    assert report["replaced"] == 1 and _count(db_url) == 1
    with Database.open(db_url) as database:
        athlete = database.default_athlete()
        assert athlete is not None
        (kept,) = database.list_activities(athlete.id)
    assert kept.activity.source == "hevy"
    assert [s.load_kg for s in kept.activity.sets] == [90.0, 91.0, 92.0, 93.0, 94.0]


def test_one_and_two_workers_store_the_same(db_url: str, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    one = _import(str(other), FILES / "fit", extra=("--workers", "1"))
    two = _import(db_url, FILES / "fit", extra=("--workers", "2"))
    assert one["activities"] == two["activities"]
    with Database.open(str(other)) as a, Database.open(db_url) as b:
        ida, idb = a.default_athlete(), b.default_athlete()
        assert ida is not None and idb is not None
        left = [(s.activity.start, s.activity.duration_s) for s in a.list_activities(ida.id)]
        right = [(s.activity.start, s.activity.duration_s) for s in b.list_activities(idb.id)]
    assert left == right and not any(math.isnan(d) for _, d in left)


def test_imported_activities_are_linked_to_the_saved_plan(db_url: str) -> None:
    run = decode_fit(RUN_FIT.read_bytes(), RUN_FIT.name).activities[0]
    day = run.start.astimezone().date()
    monday = day - timedelta(days=day.weekday())
    invoke(
        "plan",
        "--example",
        "runner",
        "--weeks",
        "1",
        "--start",
        monday.isoformat(),
        "--save",
        "--db",
        db_url,
    )
    _import(db_url, RUN_FIT)
    done = json.loads(invoke("done", "--week", "1", "--db", db_url, "--format", "json").stdout)
    matched = [s for s in done["sessions"] if s["activity_id"] is not None]
    assert len(matched) == 1
    assert matched[0]["status"] in ("completed", "partial", "extra")


def test_the_format_comes_from_the_content_not_the_name(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "run.fit").write_bytes((FILES / "gpx" / "garmin-activity.gpx").read_bytes())
    (folder / "ride.txt.gpx").write_bytes(RUN_FIT.read_bytes())
    report = _import(db_url, folder)
    assert report["imported"] == {"gpx": 1, "fit": 1}
    assert report["failed"] == []
