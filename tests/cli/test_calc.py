"""``runlift calc``: VDOT and paces, race prediction, estimated 1RM, and their errors.

Expected values are the published test vectors (Daniels & Gilbert VDOT tables, Riegel
1981, Cameron 1998, Epley, Brzycki, the RTS RPE chart), not the code's own output.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.cli.helpers import invoke, run_program


def _json(*args: str) -> dict[str, Any]:
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


PACE = re.compile(r"^\d{1,2}:\d{2}$")

# --------------------------------------------------------------------------- vdot


def test_calc_vdot_text_shows_vdot_and_five_paces() -> None:
    result = invoke("calc", "vdot", "5k", "20:00")

    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "VDOT 49.8"
    for name in ("easy", "marathon", "threshold", "interval", "repetition"):
        assert re.search(rf"^  {name} +\d:\d\d(-\d:\d\d)? /km$", result.stdout, re.MULTILINE)
    assert "Note:" not in result.stdout


def test_calc_vdot_json_5k_in_20_minutes() -> None:
    doc = _json("calc", "vdot", "5k", "20:00")

    assert doc["vdot"] == pytest.approx(49.81, abs=0.01)
    assert doc["distance_m"] == 5000
    assert doc["time_s"] == 1200
    assert doc["in_valid_range"] is True
    paces = doc["paces_per_km"]
    assert set(paces) == {"easy", "marathon", "threshold", "interval", "repetition"}
    low, high = paces["easy"].split("-")
    assert PACE.match(low)
    assert PACE.match(high)
    for name in ("marathon", "threshold", "interval", "repetition"):
        assert PACE.match(paces[name]), name

    def seconds(p: str) -> int:
        m, s = p.split(":")
        return int(m) * 60 + int(s)

    # Faster paces for harder work: easy > marathon > threshold > interval > repetition.
    order = [high, low, paces["marathon"], paces["threshold"], paces["interval"]]
    order.append(paces["repetition"])
    assert [seconds(p) for p in order] == sorted((seconds(p) for p in order), reverse=True)


def test_calc_vdot_json_distance_in_metres() -> None:
    doc = _json("calc", "vdot", "5000", "24:34")

    assert doc["vdot"] == pytest.approx(39.11, abs=0.01)
    assert doc["distance_m"] == 5000


def test_calc_vdot_outside_the_validated_range_adds_a_note() -> None:
    result = invoke("calc", "vdot", "1500m", "3:00")

    assert result.exit_code == 0, result.stderr
    assert "Note: the formula is validated for races of about 3.5 to 230 minutes." in (
        result.stdout
    )


# --------------------------------------------------------------------------- predict


def test_calc_predict_5k_to_10k_by_three_methods() -> None:
    doc = _json("calc", "predict", "5k", "20:00", "--to", "10k")

    by_method = {p["method"]: p for p in doc["predictions"]}
    assert set(by_method) == {"vdot", "riegel", "cameron"}
    assert all(p["distance_m"] == 10000 for p in doc["predictions"])
    assert by_method["riegel"]["time_s"] == pytest.approx(2502, abs=1)
    assert by_method["riegel"]["time"] == "41:42"
    assert by_method["cameron"]["time_s"] == pytest.approx(2500, abs=1)
    assert by_method["cameron"]["time"] == "41:40"
    # VDOT 49.8 gives about 41:2x for 10 km in Daniels' tables.
    assert 2460 < by_method["vdot"]["time_s"] < 2510


def test_calc_predict_table_defaults_to_5k_through_marathon() -> None:
    result = invoke("calc", "predict", "10k", "48:30")

    assert result.exit_code == 0, result.stderr
    for header in ("distance", "VDOT", "Riegel", "Cameron"):
        assert header in result.stdout
    for distance in ("5 km", "10 km", "21.0975 km", "42.195 km"):
        assert distance in result.stdout
    assert "48:30" in result.stdout  # the 10 km row gives back the race itself


def test_calc_predict_several_targets_in_json() -> None:
    doc = _json("calc", "predict", "10k", "48:30", "--to", "half", "--to", "marathon")

    assert sorted({p["distance_m"] for p in doc["predictions"]}) == [21097.5, 42195]
    assert len(doc["predictions"]) == 6


# --------------------------------------------------------------------------- e1rm


def test_calc_e1rm_json_formulas() -> None:
    doc = _json("calc", "e1rm", "100", "5")

    assert doc["load_kg"] == 100
    assert doc["reps"] == 5
    assert doc["rpe"] is None
    assert doc["rpe_chart_kg"] is None
    assert doc["e1rm_kg"]["epley"] == pytest.approx(116.67, abs=0.01)
    assert doc["e1rm_kg"]["brzycki"] == pytest.approx(112.5, abs=0.01)
    assert len(doc["e1rm_kg"]) == 7


def test_calc_e1rm_with_rpe_uses_the_chart() -> None:
    doc = _json("calc", "e1rm", "100", "5", "--rpe", "8")

    assert doc["rpe"] == 8
    assert doc["rpe_chart_kg"] == pytest.approx(123.30, abs=0.01)


def test_calc_e1rm_text_lists_formulas_and_chart() -> None:
    result = invoke("calc", "e1rm", "100", "5", "--rpe", "8")

    assert result.exit_code == 0, result.stderr
    assert re.search(r"^  epley +116\.7 kg$", result.stdout, re.MULTILINE)
    assert re.search(r"^  brzycki +112\.5 kg$", result.stdout, re.MULTILINE)
    assert "RPE chart  123.3 kg (at RPE 8)" in result.stdout


def test_calc_e1rm_many_reps_warns() -> None:
    result = invoke("calc", "e1rm", "60", "12")

    assert result.exit_code == 0, result.stderr
    assert "Note: estimates from more than 10 reps are much less accurate." in result.stdout


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["vdot", "5k", "abc"], ["time 'abc'", "h:mm:ss or mm:ss"]),
        (["vdot", "moon", "20:00"], ["distance 'moon' is not understood", "5k, 10k"]),
        (["vdot", "5k", "--", "-5:00"], ["time '-5:00'"]),
        (["vdot", "5k", "0:00"], ["time must be more than 0"]),
        (["vdot", "5k", "1:00"], ["5k in 1:00", "vdot must be between"]),
        (["vdot", "0m", "20:00"], ["distance must be more than 0"]),
        (["predict", "5k", "20:00", "--to", "moon"], ["distance 'moon'"]),
        (["e1rm", "100", "0"], ["reps must be 1-30", "got 0"]),
        (["e1rm", "--", "-100", "5"], ["load must be more than 0", "-100"]),
        (["e1rm", "100", "5", "--rpe", "12"], ["rpe must be one of 6, 6.5", "12"]),
        (["e1rm", "100", "5", "--rpe", "7.3"], ["rpe must be one of", "7.3"]),
    ],
    ids=[
        "time-abc",
        "distance-moon",
        "negative-time",
        "zero-time",
        "absurd-time",
        "zero-distance",
        "predict-moon",
        "zero-reps",
        "negative-load",
        "rpe-12",
        "rpe-off-grid",
    ],
)
def test_calc_bad_input_exits_2_with_the_reason(args: list[str], needles: list[str]) -> None:
    result = invoke("calc", *args)

    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ")
    for needle in needles:
        assert needle in result.stderr


@pytest.mark.parametrize(
    "args",
    [["vdot", "5k", "-5:00"], ["e1rm", "-100", "5"], ["e1rm", "heavy", "5"], ["e1rm", "100"]],
    ids=["dash-time", "dash-load", "text-load", "missing-reps"],
)
def test_calc_arguments_the_parser_refuses_exit_2_with_usage(args: list[str]) -> None:
    result = invoke("calc", *args)

    assert result.exit_code == 2
    assert "Usage: " in result.stderr
    assert f"runlift calc {args[0]} --help" in result.stderr


def test_calc_error_via_the_console_script_has_no_traceback() -> None:
    run = run_program("calc", "vdot", "5k", "abc")

    assert run.code == 2
    assert run.stderr.startswith("Error: time 'abc'")
    assert run.stdout == ""


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize("command", ["vdot", "predict", "e1rm"])
def test_calc_subcommand_help_has_examples(command: str) -> None:
    result = invoke("calc", command, "--help")

    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"runlift calc {command} " in result.stdout
    assert "--format" in result.stdout


# The calc group's own --help is checked in tests/cli/test_help.py.


@pytest.mark.parametrize(
    ("args", "needle"),
    [(["1e300", "5"], "at most 1000 kg"), (["100", "37"], "reps must be 1-30")],
)
def test_e1rm_refuses_loads_and_reps_no_formula_can_use(args: list[str], needle: str) -> None:
    result = invoke("calc", "e1rm", *args)
    assert result.exit_code == 2
    assert needle in result.stderr
