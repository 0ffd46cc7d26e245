"""The hand-typed lift grammar: what parses into which sets, where every mistake is
pointed at, hostile input, and a render -> parse round trip."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runlift.errors import InputError
from runlift.importers.lift_text import (
    ADDED_LOAD_MARK,
    KG_PER_LB,
    MAX_TEXT_CHARS,
    LiftTextError,
    ParsedLift,
    parse_lift_text,
)
from runlift.model.activity import SetType, StrengthSet
from runlift.model.exercises import CATALOGUE

W = SetType.WORKING
WU = SetType.WARMUP


def sets(
    n: int,
    exercise: str,
    raw: str,
    *,
    type: SetType = W,
    reps: int | None = None,
    load: float | None = None,
    secs: float | None = None,
    rpe: float | None = None,
    rir: float | None = None,
) -> list[StrengthSet]:
    one = StrengthSet(exercise, raw, type, reps, load, secs, rpe, rir)
    return [one] * n


def parsed(text: str) -> list[StrengthSet]:
    return list(parse_lift_text(text).sets)


# ---------------------------------------------------------------- what parses

EXAMPLES: list[tuple[str, list[StrengthSet]]] = [
    (
        "back squat 4x4 @ 100kg rpe 8; bench 3x8 60kg; plank 3x60s",
        sets(4, "back squat", "back squat", reps=4, load=100.0, rpe=8.0)
        + sets(3, "bench press", "bench", reps=8, load=60.0)
        + sets(3, "plank", "plank", secs=60.0),
    ),
    ("squat 4 x 4", sets(4, "back squat", "squat", reps=4)),
    ("squat 4\u00d74", sets(4, "back squat", "squat", reps=4)),
    ("squat 4X4", sets(4, "back squat", "squat", reps=4)),
    ("squat 4*4", sets(4, "back squat", "squat", reps=4)),
    ("deadlift 1x5 140kg", sets(1, "deadlift", "deadlift", reps=5, load=140.0)),
    (
        "squat 3x5,5,4 @100kg",
        sets(2, "back squat", "squat", reps=5, load=100.0)
        + sets(1, "back squat", "squat", reps=4, load=100.0),
    ),
    (
        "squat 5/5/4",
        sets(2, "back squat", "squat", reps=5) + sets(1, "back squat", "squat", reps=4),
    ),
    (
        "squat 3x5/5/4",
        sets(2, "back squat", "squat", reps=5) + sets(1, "back squat", "squat", reps=4),
    ),
    (
        "squat 3x5, 5, 4 rpe 9",
        sets(2, "back squat", "squat", reps=5, rpe=9.0)
        + sets(1, "back squat", "squat", reps=4, rpe=9.0),
    ),
    ("plank 3x60s", sets(3, "plank", "plank", secs=60.0)),
    ("plank 3x1:00", sets(3, "plank", "plank", secs=60.0)),
    ("plank 3x0:45", sets(3, "plank", "plank", secs=45.0)),
    ("plank 2x45sec", sets(2, "plank", "plank", secs=45.0)),
    ("plank 2 x 45 seconds", sets(2, "plank", "plank", secs=45.0)),
    ("plank 1x2min", sets(1, "plank", "plank", secs=120.0)),
    ("plank 1x1.5min", sets(1, "plank", "plank", secs=90.0)),
    ("plank 3x45", sets(3, "plank", "plank", secs=45.0)),  # timed by default
    ("side plank 30/30", sets(2, "side plank", "side plank", secs=30.0)),
    ("wall sit 2x40s", sets(2, "wall sit", "wall sit", secs=40.0)),
    ("squat 1x30s", sets(1, "back squat", "squat", secs=30.0)),
    ("squat 1x5 100 kg", sets(1, "back squat", "squat", reps=5, load=100.0)),
    ("squat 1x5 @100 kgs", sets(1, "back squat", "squat", reps=5, load=100.0)),
    ("squat 1x5 225lb", sets(1, "back squat", "squat", reps=5, load=225 * KG_PER_LB)),
    ("squat 1x5 225 lbs", sets(1, "back squat", "squat", reps=5, load=225 * KG_PER_LB)),
    ("squat 1x5 @ 62.5kg", sets(1, "back squat", "squat", reps=5, load=62.5)),
    ("squat 1x5 0kg", sets(1, "back squat", "squat", reps=5, load=0.0)),
    ("squat 1x5 1000kg", sets(1, "back squat", "squat", reps=5, load=1000.0)),
    ("pull-up 3x8 bw", sets(3, "pull-up", "pull-up", reps=8)),
    ("pullups 3x8 bodyweight", sets(3, "pull-up", "pullups", reps=8)),
    (
        "pull-up 3x5 bw+10kg",
        sets(3, "pull-up", "pull-up" + ADDED_LOAD_MARK, reps=5, load=10.0),
    ),
    (
        "dips 2x8 BW + 20 lb",
        sets(2, "dip", "dips" + ADDED_LOAD_MARK, reps=8, load=20 * KG_PER_LB),
    ),
    ("squat 1x5 rpe 8", sets(1, "back squat", "squat", reps=5, rpe=8.0)),
    ("squat 1x5 RPE8.5", sets(1, "back squat", "squat", reps=5, rpe=8.5)),
    ("squat 1x5 rpe: 7", sets(1, "back squat", "squat", reps=5, rpe=7.0)),
    ("squat 1x5@8", sets(1, "back squat", "squat", reps=5, rpe=8.0)),
    ("squat 1x5 @ 9.5", sets(1, "back squat", "squat", reps=5, rpe=9.5)),
    ("squat 1x5 rpe 1", sets(1, "back squat", "squat", reps=5, rpe=1.0)),
    ("squat 1x5 rpe 10", sets(1, "back squat", "squat", reps=5, rpe=10.0)),
    ("squat 1x5 rir 2", sets(1, "back squat", "squat", reps=5, rpe=8.0, rir=2.0)),
    ("squat 1x5 rir 0", sets(1, "back squat", "squat", reps=5, rpe=10.0, rir=0.0)),
    ("squat 1x5 rir 1.5", sets(1, "back squat", "squat", reps=5, rpe=8.5, rir=1.5)),
    ("squat 1x5 rpe 8 rir 2", sets(1, "back squat", "squat", reps=5, rpe=8.0, rir=2.0)),
    # forgiving order: anything may stand before the set spec
    ("squat 100kg 3x5", sets(3, "back squat", "squat", reps=5, load=100.0)),
    ("squat @100kg 3x5", sets(3, "back squat", "squat", reps=5, load=100.0)),
    ("squat rpe 8 3x5 100kg", sets(3, "back squat", "squat", reps=5, load=100.0, rpe=8.0)),
    ("squat rpe8 3x5", sets(3, "back squat", "squat", reps=5, rpe=8.0)),
    ("pull-up bw 3x5", sets(3, "pull-up", "pull-up", reps=5)),
    (
        "pull-up bw+5kg 3x5",
        sets(3, "pull-up", "pull-up" + ADDED_LOAD_MARK, reps=5, load=5.0),
    ),
    # markers
    ("squat 2x5 40kg wu", sets(2, "back squat", "squat", type=WU, reps=5, load=40.0)),
    ("squat wu 2x5", sets(2, "back squat", "squat", type=WU, reps=5)),
    ("wu squat 2x5", sets(2, "back squat", "squat", type=WU, reps=5)),
    ("warmup squat 2x5", sets(2, "back squat", "squat", type=WU, reps=5)),
    ("squat 2x5 warm-up", sets(2, "back squat", "squat", type=WU, reps=5)),
    ("squat 1x8 60kg drop", sets(1, "back squat", "squat", type=SetType.DROP, reps=8, load=60.0)),
    ("squat 1x8 dropset", sets(1, "back squat", "squat", type=SetType.DROP, reps=8)),
    ("squat drop 1x8", sets(1, "back squat", "squat", type=SetType.DROP, reps=8)),
    ("curl 1x12 fail", sets(1, "biceps curl", "curl", type=SetType.FAILURE, reps=12)),
    ("curl 1x12 FAILURE", sets(1, "biceps curl", "curl", type=SetType.FAILURE, reps=12)),
    ("squat 2x5 wu wu", sets(2, "back squat", "squat", type=WU, reps=5)),
    # "drop" inside a name is part of the name
    ("drop jump 3x5", sets(3, "drop jump", "drop jump", reps=5)),
    # groups
    (
        "squat 2x5 @60kg wu, 3x5 @100kg rpe 8",
        sets(2, "back squat", "squat", type=WU, reps=5, load=60.0)
        + sets(3, "back squat", "squat", reps=5, load=100.0, rpe=8.0),
    ),
    (
        "squat 3x5, 3x3",
        sets(3, "back squat", "squat", reps=5) + sets(3, "back squat", "squat", reps=3),
    ),
    (
        "squat 3 x 5 , 3 x 3",
        sets(3, "back squat", "squat", reps=5) + sets(3, "back squat", "squat", reps=3),
    ),
    (
        "squat 3x5, 60kg 1x8",
        sets(3, "back squat", "squat", reps=5) + sets(1, "back squat", "squat", reps=8, load=60.0),
    ),
    (
        "wu squat 1x5, 1x3 90kg",
        sets(1, "back squat", "squat", type=WU, reps=5)
        + sets(1, "back squat", "squat", reps=3, load=90.0),
    ),
    # separators
    (
        "squat 1x5\nbench 1x5",
        sets(1, "back squat", "squat", reps=5) + sets(1, "bench press", "bench", reps=5),
    ),
    (
        "squat 1x5;\r\n\r\nbench 1x5;",
        sets(1, "back squat", "squat", reps=5) + sets(1, "bench press", "bench", reps=5),
    ),
    (
        "  squat   1x5  ;  bench 1x5  ",
        sets(1, "back squat", "squat", reps=5) + sets(1, "bench press", "bench", reps=5),
    ),
    # names as apps write them, with commas in parentheses
    (
        "Overhead Press (Each Side, Dumbbells) 3x5 8kg",
        sets(
            3,
            "dumbbell overhead press",
            "Overhead Press (Each Side, Dumbbells)",
            reps=5,
            load=8.0,
        ),
    ),
    (
        "Squat (Barbell) 1x5 100kg",
        sets(1, "back squat", "Squat (Barbell)", reps=5, load=100.0),
    ),
    ("T-Bar Row 1x8", sets(1, "T-Bar Row", "T-Bar Row", reps=8)),
    ("Push-Ups 2x20", sets(2, "push-up", "Push-Ups", reps=20)),
    # fullwidth forms and odd spaces fold to ASCII
    (
        "squat \uff14\uff58\uff14 @ \uff11\uff10\uff10kg",
        sets(4, "back squat", "squat", reps=4, load=100.0),
    ),
    (
        "\uff53\uff51\uff55\uff41\uff54\u30003x5\uff1b bench\u00a01x5",
        sets(3, "back squat", "\uff53\uff51\uff55\uff41\uff54", reps=5)
        + sets(1, "bench press", "bench", reps=5),
    ),
    ("squat\t1x5\t100kg", sets(1, "back squat", "squat", reps=5, load=100.0)),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_parses(text: str, expected: list[StrengthSet]) -> None:
    assert parsed(text) == expected


def test_load_in_pounds_keeps_full_precision() -> None:
    (one,) = parsed("squat 1x5 225lb")
    assert one.load_kg == 225 * 0.45359237 == 102.05828325


def test_unknown_exercises_are_kept_and_listed_once_in_order() -> None:
    result = parse_lift_text("zercher squat 1x5; squat 1x5; wall sit 1x30s; Zercher Squat 1x3")
    assert isinstance(result, ParsedLift)
    assert result.unknown_exercises == ("zercher squat", "wall sit", "Zercher Squat")
    assert [s.exercise for s in result.sets] == [
        "zercher squat",
        "back squat",
        "wall sit",
        "Zercher Squat",
    ]


def test_known_exercises_are_not_listed() -> None:
    assert parse_lift_text("squat 1x5; rdl 1x8").unknown_exercises == ()


# ---------------------------------------------------------------- errors


def _caret(err: LiftTextError) -> tuple[int, int]:
    """Column and width of the caret run in the message's last line."""
    line = str(err).splitlines()[-1]
    col = line.index("^")
    width = len(line[col:]) - len(line[col:].lstrip("^"))
    return col, width


ERRORS: list[tuple[str, int, str, str]] = [
    # (text, position, token, words in the message)
    ("bench 3x8 60kgg", 10, "60kgg", "expected a load like 60kg, 135lb or bw"),
    ("squat 3x5 60st", 10, "60st", "expected a load"),
    ("squat 3x0", 8, "0", "reps go from 1 to 100"),
    ("squat 3x101", 8, "101", "reps go from 1 to 100"),
    ("squat 3x-1", 8, "-1", "cannot be negative"),
    ("squat 3x5.5", 8, "5.5", "whole number"),
    ("squat 0x5", 6, "0", "sets goes from 1 to 50"),
    ("squat 51x5", 6, "51", "sets goes from 1 to 50"),
    ("squat 100x5", 6, "100", "sets goes from 1 to 50"),
    ("squat 2.5x5", 6, "2.5", "whole number"),
    ("squat 3x5 1001kg", 10, "1001kg", "at most 1000 kg"),
    ("squat 3x5 2205lb", 10, "2205lb", "at most 1000 kg"),
    ("squat 3x5 -10kg", 10, "-10kg", "negative"),
    ("squat 3x5 @ -10kg", 12, "-10kg", "negative"),
    ("squat 3x5 rpe 11", 10, "rpe 11", "RPE goes from 1 to 10"),
    ("squat 3x5 rpe 0", 10, "rpe 0", "RPE goes from 1 to 10"),
    ("squat 3x5 rpe 8.25", 10, "rpe 8.25", "steps of 0.5"),
    ("squat 3x5 @100", 10, "@100", "a load needs its unit"),
    ("squat 3x5 rir 11", 10, "rir 11", "RIR goes from 0 to 10"),
    ("squat 3x5 rir 1.2", 10, "rir 1.2", "steps of 0.5"),
    ("squat 3x5 rpe 7-8", 14, "7-8", "not a range"),
    ("squat 3x5 rpe 7 to 8", 14, "7 to 8", "not a range"),
    ("squat 3x5 @7-8", 11, "7-8", "not a range"),
    ("squat 3x5 rir 1-2", 14, "1-2", "not a range"),
    ("squat 3x5 rpe abc", 14, "abc", "expected a number after rpe"),
    ("squat 3x5 rpe", 13, "", "expected a number after rpe"),
    ("squat 3x5 rpe 8 rpe 9", 16, "rpe 9", "given twice"),
    ("squat 3x5 rpe 9 rir 2", 16, "rir 2", "rir 2 means rpe 8"),
    ("squat 3xabc", 8, "abc", "expected reps"),
    ("squat 3x", 8, "", "expected reps"),
    ("squat 3x8kg", 8, "8kg", "a load goes after a space"),
    ("squat abc", 9, "", "expected a set spec"),
    ("squat", 5, "", "expected a set spec like 3x5"),
    ("squat 100kg", 6, "100kg", "no set spec in this group"),
    ("squat 3x5 60", 10, "60", "a number on its own"),
    ("squat 5", 6, "5", "a number on its own"),
    ("squat x5", 6, "x5", "like 1x5"),
    ("squat 60s", 6, "60s", "a time needs a set count, like 1x60s"),
    ("squat 1:00", 6, "1:00", "a time needs a set count"),
    ("squat 3x5 60,5kg", 10, "60,5kg", "decimals with a dot"),
    ("squat 3x5,5", 6, "3x5,5", "3 sets but 2 numbers"),
    ("squat 2x5/5/5", 6, "2x5/5/5", "2 sets but 3 numbers"),
    ("squat 3x5 3x3", 10, "3x3", "one set spec"),
    ("squat 3x5 10kg 20kg", 15, "20kg", "one load"),
    ("squat 3x5 bw 20kg", 13, "20kg", "one load"),
    ("squat 3x5 wu drop", 13, "drop", "one set type per group"),
    ("wu squat 3x5 fail", 13, "fail", "one set type per group"),
    ("squat 3x5 ab", 10, "ab", "expected a load (60kg, 135lb, bw)"),
    ("squat 3x5 (heavy)", 10, "(heavy)", "expected a load"),
    ("squat 3x5, bench 3x5", 11, "bench", "separate it with ';'"),
    ("squat 3x5,", 9, ",", "after this ','"),
    ("squat 3x5,,3x3", 9, ",", "after this ','"),
    ("squat 3x5;;bench 3x5", 10, ";", "empty entry"),
    (";squat 3x5", 0, ";", "empty entry"),
    ("squat 3x5; ;", 11, ";", "empty entry"),
    ("", 0, "", "expected at least one exercise"),
    ("  \n\n ; ", 5, ";", "empty entry"),
    ("\n \n", 0, "", "expected at least one exercise"),
    ("3x5", 0, "3x5", "expected an exercise name"),
    ("@100kg 3x5", 0, "@100kg", "expected an exercise name"),
    ("wu 3x5", 0, "wu", "expected an exercise name"),
    ("squat 3x5 @", 10, "@", "after '@'"),
    ("squat 3x5 @ kg", 12, "kg", "after '@'"),
    ("squat 3x5 bw+", 12, "+", "expected a load"),
    ("squat 3x5 bw+10", 13, "10", "needs its unit"),
    ("squat 3x5 bw+10kgg", 13, "10kgg", "expected a load"),
    ("squat 3x5 bw-10kg", 10, "bw-10kg", "assisted"),
    ("squat 3x5 +10kg", 10, "+10kg", "bw+10kg"),
    ("squat 3x5 5/x", 11, "/x", "after '/'"),
    ("(squat 3x5", 0, "(", "never closed"),
    ("squat (barbell 3x5", 6, "(", "never closed"),
    ("\U0001f4aa 3x5", 0, "\U0001f4aa", "needs letters"),
    ("!!! 3x5", 0, "!!!", "needs letters"),
    ("squat 3x5 @ 1234567890123kg", 12, "1234567890123", "far too long"),
    ("plank 3x0s", 8, "0s", "more than 0 s"),
    ("plank 3x3601s", 8, "3601s", "at most 3600 s"),
    ("plank 3x61:00", 8, "61:00", "at most 3600 s"),
    ("plank 3x0", 8, "0", "more than 0 s"),
    ("squat 3x5 \x00", 10, "\x00", "control character (U+0000)"),
    ("squat\x1b[31m 3x5", 5, "\x1b", "control character"),
    ("squat 3x5 \u202e", 10, "\u202e", "control character (U+202E)"),
    ("squat 3x5 \x7f", 10, "\x7f", "control character"),
    ("squat 3x5 \U0001d7d2kg", 10, "\U0001d7d2kg", "expected a load"),
    ("squat 3x5 rpe \U0001f4aa", 14, "\U0001f4aa", "expected a number after rpe"),
    ("a" * 101 + " 3x5", 0, "a" * 101, "at most 100 characters"),
]


@pytest.mark.parametrize(
    ("text", "position", "token", "words"), ERRORS, ids=[repr(e[0])[:40] for e in ERRORS]
)
def test_errors_point_at_the_bad_token(text: str, position: int, token: str, words: str) -> None:
    with pytest.raises(LiftTextError) as info:
        parse_lift_text(text)
    err = info.value
    assert (err.position, err.token) == (position, token)
    assert err.text == text
    assert words in str(err)
    assert words in err.expected or words in str(err)
    if len(text) < 70 and text.isascii() and text.isprintable():
        # One short line of plain text: the caret sits right under the token.
        col, width = _caret(err)
        assert col == position
        assert width == max(1, len(token))
        assert str(err).splitlines()[0] == text


def test_the_message_shows_the_text_and_a_caret_line() -> None:
    with pytest.raises(LiftTextError) as info:
        parse_lift_text("bench 3x8 60kgg")
    assert str(info.value) == (
        "bench 3x8 60kgg\n          ^^^^^ expected a load like 60kg, 135lb or bw"
    )


def test_an_error_is_an_input_error_with_exit_code_2() -> None:
    with pytest.raises(InputError) as info:
        parse_lift_text("squat")
    assert info.value.exit_code == 2


def test_on_a_later_line_the_message_names_the_line_and_shows_only_it() -> None:
    with pytest.raises(LiftTextError) as info:
        parse_lift_text("squat 3x5\r\nbench 3x8 70kg rpe 11\nrow 3x8")
    err = info.value
    assert err.position == 26
    assert err.token == "rpe 11"
    assert str(err).splitlines() == [
        "line 2:",
        "bench 3x8 70kg rpe 11",
        "               ^^^^^^ RPE goes from 1 to 10 in steps of 0.5",
    ]


def test_wide_characters_before_the_token_shift_the_caret_by_their_width() -> None:
    with pytest.raises(LiftTextError) as info:
        parse_lift_text("\u6df1\u8e72 3x5 60kgg")  # two CJK characters, two columns each
    err = info.value
    assert err.position == 7
    assert _caret(err) == (9, 5)


def test_control_characters_are_not_echoed_in_the_message() -> None:
    with pytest.raises(LiftTextError) as info:
        parse_lift_text("squat 3x5 \x1b[2J")
    assert "\x1b" not in str(info.value)
    assert _caret(info.value) == (10, 1)


def test_a_long_line_is_shown_as_a_window_around_the_token() -> None:
    text = "; ".join(["squat 3x5"] * 40) + "; bench 3x8 60kgg; " + "; ".join(["row 3x8"] * 40)
    with pytest.raises(LiftTextError) as info:
        parse_lift_text(text)
    shown, _ = str(info.value).splitlines()
    assert len(shown) <= 82
    assert shown.startswith("...")
    assert shown.endswith("...")
    col, width = _caret(info.value)
    assert shown[col : col + width] == "60kgg"


# ---------------------------------------------------------------- hostile input


def test_text_over_the_limit_is_refused_at_once() -> None:
    text = "squat 3x5; " * 2_000_000  # 22 MB
    start = time.perf_counter()
    with pytest.raises(LiftTextError) as info:
        parse_lift_text(text)
    assert time.perf_counter() - start < 1.0
    assert info.value.position == MAX_TEXT_CHARS
    assert "at most 10,000" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "a 50x1;" * 1428,  # 71,400 sets asked for: refused past 1000
        "squat 3x" + "5/" * 4990 + "5",
        "squat 3x5," + "5," * 4990,
        "squat " + "(" * 9990,
        "x" * MAX_TEXT_CHARS,
        "squat 3x5 " + "wu " * 3300,
        "1" * MAX_TEXT_CHARS,
        "\U0001f4aa" * MAX_TEXT_CHARS,
        "\u0301" * MAX_TEXT_CHARS,
        "squat 1x5 rpe " + "9" * 9980,
        ("squat 1x1;\n") * 900,
    ],
    ids=lambda t: repr(t[:20]),
)
def test_large_hostile_texts_finish_quickly(text: str) -> None:
    start = time.perf_counter()
    try:
        parse_lift_text(text)
    except LiftTextError as err:
        assert str(err)
    assert time.perf_counter() - start < 1.0


def test_more_than_a_thousand_sets_are_refused() -> None:
    with pytest.raises(LiftTextError, match="more than 1000 sets"):
        parse_lift_text("a 50x1;" * 21)


def test_lone_surrogates_and_private_use_characters_do_not_crash() -> None:
    for text in ("\ud800 3x5", "squat\udfff 3x5", "\ue000 3x5", "squat 3x5 \ud800"):
        try:
            parse_lift_text(text)
        except LiftTextError as err:
            assert str(err)


_GRAMMAR_BITS = st.sampled_from(
    [
        "squat",
        "bench",
        "plank",
        "zercher",
        " ",
        "  ",
        "3",
        "5",
        "0",
        "100",
        "x",
        "\u00d7",
        "\uff14",
        "@",
        "kg",
        "lb",
        "s",
        "min",
        ":",
        "30",
        ".",
        "5",
        ",",
        ";",
        "\n",
        "/",
        "-",
        "+",
        "bw",
        "rpe",
        "rir",
        "wu",
        "drop",
        "fail",
        "(",
        ")",
        "\U0001f4aa",
        "\u202e",
        "\x00",
    ]
)


@settings(max_examples=400, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), st.lists(_GRAMMAR_BITS, max_size=60).map("".join)))
def test_any_text_parses_or_raises_a_lift_text_error(text: str) -> None:
    try:
        result = parse_lift_text(text)
    except LiftTextError as err:
        assert 0 <= err.position <= len(text)
        assert err.text[err.position : err.position + len(err.token)] == err.token
        assert str(err)
        return
    assert result.sets
    for s in result.sets:
        assert (s.reps is None) != (s.duration_s is None)
        assert s.reps is None or 1 <= s.reps <= 100
        assert s.load_kg is None or 0 <= s.load_kg <= 1000
        assert s.rpe is None or 1 <= s.rpe <= 10
        assert s.rir is None or 0 <= s.rir <= 10


# ---------------------------------------------------------------- round trip


@dataclass(frozen=True)
class _Group:
    """Sets to render as one group: ``count`` identical sets."""

    count: int
    reps: int | None
    seconds: int | None
    load: tuple[str, float] | None  # ("kg" | "lb" | "bw" | "bw+", amount)
    rpe: float | None
    rir: float | None
    type: SetType
    style: int  # which of the equivalent spellings to use


_UNKNOWN_NAMES = ("zercher squat", "turkish get-up", "farmer carry", "windmill")
_NAMES = tuple(i.name for i in CATALOGUE) + _UNKNOWN_NAMES
_TIMED = {i.name for i in CATALOGUE if i.timed}
_HALVES = st.integers(0, 20).map(lambda n: n / 2)


@st.composite
def _groups(draw: st.DrawFn, timed: bool) -> _Group:
    kind = draw(st.sampled_from(["kg", "lb", "bw", "bw+", None]))
    load: tuple[str, float] | None = None
    if kind == "kg":
        load = ("kg", draw(st.integers(0, 4000)) / 4)
    elif kind == "lb":
        load = ("lb", float(draw(st.integers(0, 2204))))
    elif kind == "bw+":
        load = ("bw+", draw(st.integers(0, 400)) / 4)
    elif kind == "bw":
        load = ("bw", 0.0)
    effort = draw(st.sampled_from(["rpe", "rir", None]))
    rpe = draw(_HALVES.filter(lambda v: v >= 1)) if effort == "rpe" else None
    rir = draw(_HALVES) if effort == "rir" else None
    use_time = timed or draw(st.booleans())
    return _Group(
        count=draw(st.integers(1, 6)),
        reps=None if use_time else draw(st.integers(1, 100)),
        seconds=draw(st.integers(1, 3600)) if use_time else None,
        load=load,
        rpe=rpe,
        rir=rir,
        type=draw(st.sampled_from([W, WU, SetType.DROP, SetType.FAILURE])),
        style=draw(st.integers(0, 5)),
    )


_MARKER_WORDS = {WU: "wu", SetType.DROP: "drop", SetType.FAILURE: "fail"}


def _render_group(g: _Group, timed_default: bool) -> str:
    """One group in the lift grammar, spelled one of several equivalent ways."""
    if g.reps is not None:
        spec = (
            f"{g.count}x{g.reps}",
            f"{g.count} x {g.reps}",
            "/".join([str(g.reps)] * g.count) if g.count > 1 else f"1x{g.reps}",
            f"{g.count}x" + ",".join([str(g.reps)] * g.count),
        )[g.style % 4]
    else:
        assert g.seconds is not None
        minutes, secs = divmod(g.seconds, 60)
        spellings = [f"{g.count}x{g.seconds}s", f"{g.count}x{minutes}:{secs:02d}"]
        if timed_default:
            spellings.append(f"{g.count}x{g.seconds}")
        spec = spellings[g.style % len(spellings)]
    parts = [spec]
    if g.load is not None:
        unit, amount = g.load
        if unit == "kg":
            parts.append(("@ " if g.style % 2 else "") + f"{amount!r}kg")
        elif unit == "lb":
            parts.append(f"{int(amount)} lbs" if g.style % 2 else f"{int(amount)}lb")
        elif unit == "bw":
            parts.append("bw")
        else:
            parts.append(f"bw+{amount!r}kg")
    if g.rpe is not None:
        parts.append(f"@{g.rpe:g}" if g.style % 3 == 0 else f"rpe {g.rpe:g}")
    if g.rir is not None:
        parts.append(f"rir {g.rir:g}")
    if g.type is not W:
        parts.append(_MARKER_WORDS[g.type])
    if g.style >= 3 and len(parts) > 1:
        # The set spec last, for variety; in the first group this puts the load, effort
        # and marker between the name and the spec.
        parts = parts[1:] + parts[:1]
    return " ".join(parts)


def _expected(name: str, g: _Group) -> list[StrengthSet]:
    raw = name + (ADDED_LOAD_MARK if g.load is not None and g.load[0] == "bw+" else "")
    load = None
    if g.load is not None and g.load[0] != "bw":
        load = g.load[1] * KG_PER_LB if g.load[0] == "lb" else g.load[1]
    rpe = 10 - g.rir if g.rir is not None else g.rpe
    one = StrengthSet(
        exercise=name,
        exercise_raw=raw,
        type=g.type,
        reps=g.reps,
        load_kg=load,
        duration_s=float(g.seconds) if g.seconds is not None else None,
        rpe=rpe,
        rir=g.rir,
    )
    return [one] * g.count


@st.composite
def _sessions(draw: st.DrawFn) -> list[tuple[str, list[_Group]]]:
    out = []
    for name in draw(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=5)):
        groups = draw(st.lists(_groups(name in _TIMED), min_size=1, max_size=3))
        out.append((name, groups))
    return out


@settings(max_examples=300, deadline=None)
@given(_sessions(), st.sampled_from(["; ", ";", "\n", " ;\n"]))
def test_rendered_sets_parse_back_to_the_same_sets(
    session: list[tuple[str, list[_Group]]], separator: str
) -> None:
    entries = []
    expected: list[StrengthSet] = []
    for name, groups in session:
        text = ", ".join(_render_group(g, name in _TIMED) for g in groups)
        entries.append(f"{name} {text}")
        for g in groups:
            expected += _expected(name, g)
    result = parse_lift_text(separator.join(entries))
    assert list(result.sets) == expected
    unknown = [n for n, _ in session if n in _UNKNOWN_NAMES]
    assert result.unknown_exercises == tuple(dict.fromkeys(unknown))
