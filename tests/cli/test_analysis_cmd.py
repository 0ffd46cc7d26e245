"""``runlift check``, ``report`` and ``chart`` against a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runlift.storage import Database
from tests.analysis.stories import CRAMMED_DAY, TODAY, interfering_lifter, store
from tests.cli.helpers import invoke, text

SAMPLES = Path(__file__).parent.parent / "files"
SHARED_SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "data" / "samples"


@pytest.fixture
def logged(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'log.db'}"
    with Database.open(url) as database:
        store(database, interfering_lifter())
    return url


def test_check_table_names_signals_weeks_and_advice(logged: str) -> None:
    result = invoke("check", "--db", logged, "--today", TODAY.isoformat())
    out = text(result)

    assert result.exit_code == 0
    assert "strength-stall-run-rise" in out
    assert "same-day-gap" in out and CRAMMED_DAY.isoformat() in out
    assert "try:" in out and "[1]" in out


def test_check_json_is_the_public_document(logged: str) -> None:
    result = invoke("check", "--db", logged, "--today", TODAY.isoformat(), "--format", "json")
    document = json.loads(result.stdout)

    assert document["schema"] == "runlift.signals/1"
    ids = [s["id"] for s in document["signals"]]
    assert "same-day-order" in ids
    severities = [s["severity"] for s in document["signals"]]
    order = {"alert": 0, "warn": 1, "info": 2}
    assert severities == sorted(severities, key=order.__getitem__)


def test_check_on_a_quiet_period_says_so(logged: str) -> None:
    result = invoke("check", "--db", logged, "--today", "2026-03-20", "--weeks", "1")

    assert result.exit_code == 0
    assert "No signals" in text(result)


def test_report_summarises_every_part(logged: str, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = invoke(
        "report", "--db", logged, "--today", TODAY.isoformat(), "--html", page, "--fit", "auto"
    )
    out = text(result)

    assert result.exit_code == 0, out
    for part in ("Load per week", "back squat", "Running:", "Signals:", "Fitness (CTL)"):
        assert part in out
    html = page.read_text("utf-8")
    assert html.count("<svg") >= 6
    assert "https://cdn" not in html and "<script src" not in html


def test_report_json(logged: str) -> None:
    result = invoke("report", "--db", logged, "--today", TODAY.isoformat(), "-f", "json")
    document = json.loads(result.stdout)
    linear = invoke(
        "report", "--db", logged, "--today", TODAY.isoformat(), "-f", "json", "--pmc", "linear"
    )
    ctl = [json.loads(r.stdout)["fitness"][-1]["pmc"]["ctl"] for r in (result, linear)]
    assert ctl[0] != ctl[1]

    assert document["schema"] == "runlift.report/1"
    assert len(document["weeks"]) == 12
    assert {"lifts", "vdot", "running_weeks", "adherence", "fitness"} <= set(document)


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_chart_writes_the_file(logged: str, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"fitness.{suffix}"
    result = invoke("chart", "fitness", "--db", logged, "--today", TODAY.isoformat(), "-o", target)

    assert result.exit_code == 0, text(result)
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == "png" else b"<svg" in data[:400]


def test_chart_list_names_every_chart() -> None:
    result = invoke("chart", "--list")

    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert {"volume", "fitness", "acwr", "e1rm", "vdot", "adherence", "signals"} <= set(names)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("chart", "nonsense", "-o", "x.png"), "nonsense"),
        (("chart", "fitness", "-o", "x.gif"), ".png or .svg"),
        (("chart", "fitness"), "-o"),
        (("check", "--today", "2026-02-30"), "--today"),
        (("check", "--weeks", "0"), "--weeks"),
        (("report", "--load", "watts"), "--load"),
    ],
)
def test_bad_arguments_exit_2_with_the_fix(
    logged: str, args: tuple[str, ...], message: str
) -> None:
    result = invoke(*args, "--db", logged)

    assert result.exit_code == 2
    assert message in text(result)


def test_an_empty_log_points_to_import(tmp_path: Path) -> None:
    result = invoke("check", "--db", f"sqlite:///{tmp_path / 'empty.db'}")

    assert result.exit_code == 2
    assert "runlift import" in text(result)


@pytest.mark.parametrize("folder", [SAMPLES, SHARED_SAMPLES], ids=["tests-files", "shared"])
def test_real_files_import_and_analyse(tmp_path: Path, folder: Path) -> None:
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (the shared sample files live beside the project)")
    url = f"sqlite:///{tmp_path / 'real.db'}"
    imported = invoke("import", folder, "--db", url)
    assert imported.exit_code in (0, 2), text(imported)  # the folder holds non-activities too

    for command in ("check", "report"):
        result = invoke(command, "--db", url, "--weeks", "520", "--format", "json")
        assert result.exit_code == 0, text(result)
        document = json.loads(result.stdout)
        assert document["schema"] in ("runlift.signals/1", "runlift.report/1")
    page = tmp_path / "real.html"
    assert invoke("report", "--db", url, "--weeks", "520", "--html", page).exit_code == 0
    assert page.stat().st_size > 10_000
