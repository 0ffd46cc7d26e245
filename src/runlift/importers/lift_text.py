"""Read a strength session typed by hand, such as
``back squat 4x4 @ 100kg rpe 8; bench 3x8 60kg; plank 3x60s``.

The grammar, in short (docs/logging.md has the full version with examples):

* Entries are separated by ``;`` or new lines. Blank lines and a final ``;`` are
  ignored; two ``;`` with nothing between them are an error.
* An entry is an exercise name followed by one or more *groups* separated by ``,``.
  Each group has exactly one set spec and, in any order around it, at most one load,
  at most one effort and at most one set-type marker.
* Set specs: ``4x4`` (also ``4 x 4``, ``4*4`` and the times sign), rep lists ``3x5,5,4`` or
  ``5/5/4`` (one set per number), and timed sets ``3x60s``, ``3x1:00``, ``2x45sec``,
  ``1x2min``. A bare number after ``x`` counts seconds for exercises the catalogue
  marks as timed (``plank 3x45``) and reps for every other one. A single set is
  written ``1x5``: a number on its own is never read as reps.
* Loads: ``100kg``, ``100 kg``, ``@ 100kg``, ``225lb``/``225 lbs`` (converted with
  1 lb = 0.45359237 kg, unrounded), ``bw``/``bodyweight`` (no load) and
  ``bw+10kg`` (10 kg added to the body; the set's ``exercise_raw`` then ends with
  :data:`ADDED_LOAD_MARK` so the load cannot be mistaken for the whole weight lifted).
* Effort: ``rpe 8``, ``rpe8``, ``rpe 8.5``, ``@8`` (a number after ``@`` without a unit
  is an RPE), ``rir 2`` (stored as RIR, and RPE = 10 - RIR). RPE is 1 to 10 and RIR 0
  to 10, both in steps of 0.5; ranges such as ``rpe 7-8`` are refused.
* Markers: ``wu``/``warmup``/``warm-up`` (warm-up sets; may also open the entry:
  ``wu squat 2x5``), ``drop``/``dropset`` (drop sets), ``fail``/``failure`` (sets
  taken to failure).

Every mistake raises :class:`LiftTextError`, which points at the offending characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from runlift.errors import InputError
from runlift.model.activity import SetType, StrengthSet
from runlift.model.exercises import canonical_or_raw, exercise_info

MAX_TEXT_CHARS = 10_000
MAX_NAME_CHARS = 100
MAX_SETS = 50  # in one group
MAX_TOTAL_SETS = 1000  # in one text
MAX_REPS = 100
MAX_LOAD_KG = 1000.0
MAX_SET_SECONDS = 3600.0
MAX_RPE = 10.0
MIN_RPE = 1.0
MAX_RIR = 10.0
KG_PER_LB = 0.45359237

#: Appended to ``exercise_raw`` when ``load_kg`` is load added to the body (``bw+10kg``).
ADDED_LOAD_MARK = " (bw+)"

LOAD_UNITS: dict[str, float] = {
    "kg": 1.0,
    "kgs": 1.0,
    "kilo": 1.0,
    "kilos": 1.0,
    "kilogram": 1.0,
    "kilograms": 1.0,
    "lb": KG_PER_LB,
    "lbs": KG_PER_LB,
    "pound": KG_PER_LB,
    "pounds": KG_PER_LB,
}
TIME_UNITS: dict[str, float] = {
    "s": 1.0,
    "sec": 1.0,
    "secs": 1.0,
    "second": 1.0,
    "seconds": 1.0,
    "min": 60.0,
    "mins": 60.0,
    "minute": 60.0,
    "minutes": 60.0,
}
MARKERS: dict[str, SetType] = {
    "wu": SetType.WARMUP,
    "warmup": SetType.WARMUP,
    "warm-up": SetType.WARMUP,
    "warmups": SetType.WARMUP,
    "warm-ups": SetType.WARMUP,
    "drop": SetType.DROP,
    "dropset": SetType.DROP,
    "drop-set": SetType.DROP,
    "fail": SetType.FAILURE,
    "failure": SetType.FAILURE,
}
BODYWEIGHT_WORDS = frozenset({"bw", "bodyweight", "body-weight"})

_DIGITS = frozenset("0123456789")
_X_SIGNS = frozenset("xX*")
_WORD_END = frozenset(" ,@")
_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")
_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_TIMES_SIGNS = frozenset("\u00d7\u2715\u2716\u2a2f")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2212\ufe63")
_MAX_DIGITS = 9

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_INT = re.compile(r"[0-9]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_CLOCK = re.compile(r"([0-9]+):([0-5][0-9])(?![0-9])")
_EFFORT = re.compile(r"(rpe|rir)(?![^\W\d_])[ ]*[:=]?[ ]*", re.IGNORECASE)
_BODYWEIGHT = re.compile(r"(?:bw|bodyweight|body-weight)(?![^\W\d_])", re.IGNORECASE)
_RANGE = re.compile(r"[ ]*(?:-|~|/|to(?![^\W\d_]))[ ]*[0-9]", re.IGNORECASE)
_LIST_COMMA = re.compile(r"[ ]*,[ ]*([0-9]+)(?![0-9.:/]|[^\W\d_])")
_DECIMAL_COMMA = re.compile(r",[0-9]+[ ]*[^\W\d_]")
_ITEM_WORD = re.compile(r"(?:bw|bodyweight|body-weight)\+.*|(?:rpe|rir)[:=]?[0-9.]+")

_EXPECT_SPEC = "expected a set spec like 3x5, 3x5,5,4, 5/5/4 or 3x60s"
_EXPECT_LOAD = "expected a load like 60kg, 135lb or bw"
_EXPECT_ITEM = (
    "expected a load (60kg, 135lb, bw), an effort (rpe 8, rir 2, @8) or a marker (wu, drop, fail)"
)


class LiftTextError(InputError):
    """The lift text cannot be read; ``position`` is the 0-based offset of ``token`` in
    ``text`` and the message draws a caret line under it."""

    def __init__(self, text: str, position: int, token: str, expected: str) -> None:
        self.text = text
        self.position = position
        self.token = token
        self.expected = expected
        super().__init__(_pointer(text, position, len(token), expected))


@dataclass(frozen=True, slots=True)
class ParsedLift:
    """The sets read, in the order written, and the exercise names (as typed) that are
    not in the catalogue, each once, in order of first appearance."""

    sets: tuple[StrengthSet, ...]
    unknown_exercises: tuple[str, ...]


def parse_lift_text(text: str) -> ParsedLift:
    """Read a hand-typed strength session; raises :class:`LiftTextError` on any mistake."""
    if len(text) > MAX_TEXT_CHARS:
        raise LiftTextError(
            text,
            MAX_TEXT_CHARS,
            "",
            f"the text is {len(text):,} characters long; at most {MAX_TEXT_CHARS:,} are read",
        )
    return _Parser(text).parse()


# ---------------------------------------------------------------- error display


def _width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _printable(ch: str) -> str:
    if ch == "\t":
        return " "
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") or ch in _BIDI_CONTROLS:
        return "?"
    return ch


def _pointer(text: str, position: int, length: int, expected: str) -> str:
    """The line holding ``position``, and under it carets and what was expected."""
    position = max(0, min(position, len(text)))
    start = max(text.rfind(b, 0, position) for b in _LINE_BREAKS) + 1
    ends = [text.find(b, position) for b in _LINE_BREAKS]
    stop = min((e for e in ends if e >= 0), default=len(text))
    prefix = text[:start]
    breaks = sum(prefix.count(b) for b in _LINE_BREAKS) - prefix.count("\r\n")
    window = 76
    lo = max(start, min(position - 30, stop - window))
    hi = min(stop, lo + window)
    head = "..." if lo > start else ""
    tail = "..." if hi < stop else ""
    shown = head + "".join(_printable(c) for c in text[lo:hi]) + tail
    offset = len(head) + sum(_width(_printable(c)) for c in text[lo:position])
    under = sum(_width(_printable(c)) for c in text[position : min(position + length, hi)])
    caret = " " * offset + "^" * max(1, under) + " " + expected
    lines = [shown, caret]
    if breaks:
        lines.insert(0, f"line {breaks + 1}:")
    return "\n".join(lines)


# ---------------------------------------------------------------- parsing


def _fold(text: str) -> str:
    """The text with fullwidth forms, odd spaces, dashes and times signs made ASCII,
    one character for one, so that offsets still point into the original text."""
    out = []
    for i, ch in enumerate(text):
        if ch.isascii() and ch.isprintable():
            out.append(ch)
        elif ch in _LINE_BREAKS:
            out.append("\n")
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS:
            raise LiftTextError(
                text, i, ch, f"a control character (U+{ord(ch):04X}) is not allowed"
            )
        elif ch in _TIMES_SIGNS:
            out.append("x")
        elif ch in _DASHES:
            out.append("-")
        elif ch.isspace():
            out.append(" ")
        elif unicodedata.decomposition(ch).startswith(("<wide>", "<narrow>")):
            folded = unicodedata.normalize("NFKC", ch)
            out.append(folded if len(folded) == 1 else ch)
        else:
            out.append(ch)
    return "".join(out)


@dataclass(slots=True)
class _Group:
    """What one comma-separated group of an entry said, with where each part was."""

    comma: int | None = None  # the comma that opened it, if any
    first: int | None = None  # start of its first token
    last: int = 0  # end of its last token
    values: tuple[float, ...] = ()
    timed: bool = False
    spec: tuple[int, int] | None = None
    load_kg: float | None = None
    load: tuple[int, int] | None = None
    added: bool = False
    rpe: float | None = None
    rir: float | None = None
    rir_at: tuple[int, int] | None = None
    type: SetType | None = None


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.src = _fold(text)
        self.sets: list[StrengthSet] = []
        self.unknown: dict[str, None] = {}

    # ------------------------------------------------------------ helpers

    def fail(self, start: int, stop: int, expected: str) -> LiftTextError:
        return LiftTextError(self.text, start, self.text[start:stop], expected)

    def skip(self, i: int, end: int) -> int:
        while i < end and self.src[i] == " ":
            i += 1
        return i

    def word_end(self, i: int, end: int) -> int:
        while i < end and self.src[i] not in _WORD_END:
            i += 1
        return i

    def number(self, i: int, end: int) -> tuple[str, int] | None:
        m = _NUMBER.match(self.src, i, end)
        if m is None:
            return None
        if len(m.group().split(".")[0]) > _MAX_DIGITS or len(m.group()) > 2 * _MAX_DIGITS:
            raise self.fail(i, m.end(), "this number is far too long")
        return m.group(), m.end()

    def letters(self, i: int, end: int) -> tuple[str, int] | None:
        m = _LETTERS.match(self.src, i, end)
        return None if m is None else (m.group().casefold(), m.end())

    def at_boundary(self, i: int, end: int) -> bool:
        return i >= end or self.src[i] in _WORD_END

    def spaced_unit(self, j: int, end: int, units: dict[str, float]) -> tuple[float, int] | None:
        """A unit from ``units`` right at ``j`` or after spaces, ending at a boundary."""
        k = self.skip(j, end)
        unit = self.letters(k, end)
        if unit is None or unit[0] not in units or not self.at_boundary(unit[1], end):
            return None
        return units[unit[0]], unit[1]

    # ------------------------------------------------------------ text and entries

    def parse(self) -> ParsedLift:
        src = self.src
        start = 0
        pieces: list[tuple[int, int, str]] = []
        for i, ch in enumerate(src):
            if ch in ";\n":
                pieces.append((start, i, ch))
                start = i + 1
        pieces.append((start, len(src), ""))
        for begin, end, closer in pieces:
            if src[begin:end].strip(" "):
                self.entry(begin, end)
            elif closer == ";":
                raise self.fail(end, end + 1, "empty entry: expected an exercise before this ';'")
        if not self.sets:
            raise self.fail(0, 0, "empty: expected at least one exercise, like 'squat 3x5 @ 100kg'")
        return ParsedLift(tuple(self.sets), tuple(self.unknown))

    def entry(self, begin: int, end: int) -> None:
        src = self.src
        p = self.skip(begin, end)
        depth = 0
        opened = -1
        name_end = end
        i = p
        while i < end:
            ch = src[i]
            if ch in "([":
                if depth == 0:
                    opened = i
                depth += 1
            elif ch in ")]":
                depth = max(0, depth - 1)
            elif depth == 0:
                word_start = i == p or src[i - 1] == " "
                signed = ch in "+-xX" and i + 1 < end and src[i + 1] in _DIGITS
                if ch in ",@" or (word_start and (ch in _DIGITS or signed)):
                    name_end = i
                    break
            i += 1
        if depth > 0:
            raise self.fail(opened, opened + 1, "this '(' is never closed")

        words: list[tuple[int, int]] = []
        i = p
        while i < name_end:
            j = i
            while j < name_end and src[j] != " ":
                j += 1
            words.append((i, j))
            i = self.skip(j, name_end)
        prefix = len(words) > 1 and MARKERS.get(src[slice(*words[0])].casefold()) is SetType.WARMUP
        if prefix:
            words.pop(0)
        items = name_end
        while words and self.is_item_word(src[slice(*words[-1])]):
            items = words.pop()[0]
        if not words:
            stop = self.word_end(p + 1, end)
            raise self.fail(
                p, max(stop, p + 1), "expected an exercise name first, like 'squat 3x5'"
            )
        name_start, name_stop = words[0][0], words[-1][1]
        raw = self.text[name_start:name_stop]
        if not any(c.isalpha() for c in src[name_start:name_stop]):
            raise self.fail(name_start, name_stop, "an exercise name needs letters")
        if name_stop - name_start > MAX_NAME_CHARS:
            raise self.fail(
                name_start, name_stop, f"an exercise name is at most {MAX_NAME_CHARS} characters"
            )
        exercise, known = canonical_or_raw(raw)
        if not known:
            self.unknown.setdefault(raw.strip(), None)
        info = exercise_info(exercise) if known else None
        timed_default = info is not None and info.timed

        group = _Group()
        if prefix:
            group.type = SetType.WARMUP
        i = items
        while True:
            i = self.skip(i, end)
            if i >= end:
                self.finish(group, exercise, raw, name_stop)
                return
            if src[i] == ",":
                self.finish(group, exercise, raw, name_stop)
                group = _Group(comma=i)
                i += 1
                continue
            if group.first is None:
                group.first = i
            i = self.item(group, i, end, timed_default)
            group.last = i

    @staticmethod
    def is_item_word(word: str) -> bool:
        low = word.casefold()
        return (
            low in MARKERS
            or low in BODYWEIGHT_WORDS
            or low in ("rpe", "rir")
            or _ITEM_WORD.fullmatch(low) is not None
        )

    # ------------------------------------------------------------ groups

    def finish(self, g: _Group, exercise: str, raw: str, name_stop: int) -> None:
        if g.spec is None:
            if g.first is not None:
                raise self.fail(g.first, g.last, f"no set spec in this group: {_EXPECT_SPEC}")
            if g.comma is not None:
                raise self.fail(g.comma, g.comma + 1, f"{_EXPECT_SPEC} after this ','")
            raise self.fail(name_stop, name_stop, f"{_EXPECT_SPEC} after the exercise name")
        rpe, rir = g.rpe, g.rir
        if rir is not None:
            implied = MAX_RPE - rir
            if rpe is not None and rpe != implied and g.rir_at is not None:
                raise self.fail(
                    *g.rir_at,
                    f"rir {rir:g} means rpe {implied:g}, but rpe {rpe:g} is also given",
                )
            rpe = implied
        if len(self.sets) + len(g.values) > MAX_TOTAL_SETS:
            raise self.fail(*g.spec, f"more than {MAX_TOTAL_SETS} sets in one text")
        shown = raw + ADDED_LOAD_MARK if g.added else raw
        kind = g.type if g.type is not None else SetType.WORKING
        for value in g.values:
            self.sets.append(
                StrengthSet(
                    exercise=exercise,
                    exercise_raw=shown,
                    type=kind,
                    reps=None if g.timed else int(value),
                    load_kg=g.load_kg,
                    duration_s=value if g.timed else None,
                    rpe=rpe,
                    rir=rir,
                )
            )

    def item(self, g: _Group, i: int, end: int, timed_default: bool) -> int:
        src = self.src
        ch = src[i]
        if ch == "@":
            return self.at_sign(g, i, end)
        if ch in _DIGITS:
            return self.number_item(g, i, end, timed_default)
        stop = self.word_end(i, end)
        if ch in "+-" and i + 1 < end and src[i + 1] in _DIGITS:
            if ch == "-":
                raise self.fail(i, stop, "negative numbers are not allowed")
            raise self.fail(i, stop, "load added to bodyweight is written bw+10kg")
        effort = _EFFORT.match(src, i, end)
        if effort is not None:
            return self.effort(g, i, effort.end(), end, effort.group(1).casefold())
        if _BODYWEIGHT.match(src, i, end) is not None:
            return self.bodyweight(g, i, end)
        low = src[i:stop].casefold()
        if low in MARKERS:
            self.set_type(g, MARKERS[low], i, stop)
            return stop
        if low[:1] == "x" and low[1:].isdecimal():
            raise self.fail(i, stop, "write the number of sets too, like 1x5 for a single set")
        if g.comma is not None and g.spec is None and g.first == i:
            raise self.fail(
                i, stop, f"{_EXPECT_SPEC}; to start another exercise, separate it with ';'"
            )
        raise self.fail(i, max(stop, i + 1), _EXPECT_ITEM)

    def set_type(self, g: _Group, kind: SetType, i: int, stop: int) -> None:
        if g.type is not None and g.type is not kind:
            raise self.fail(
                i, stop, f"this group is already marked {g.type.value}: one set type per group"
            )
        g.type = kind

    def set_load(self, g: _Group, kg: float, i: int, stop: int, added: bool = False) -> None:
        if g.load is not None:
            raise self.fail(i, stop, "a group has one load; start another group with ','")
        if kg > MAX_LOAD_KG:
            raise self.fail(i, stop, f"a load is at most {MAX_LOAD_KG:g} kg")
        g.load_kg, g.load, g.added = kg, (i, stop), added

    def set_effort(self, g: _Group, kind: str, value: float, i: int, stop: int) -> None:
        if kind == "rir":
            if g.rir is not None:
                raise self.fail(i, stop, "RIR is given twice in this group")
            if not 0.0 <= value <= MAX_RIR or value * 2 != int(value * 2):
                raise self.fail(i, stop, "RIR goes from 0 to 10 in steps of 0.5")
            g.rir, g.rir_at = value, (i, stop)
            return
        if g.rpe is not None:
            raise self.fail(i, stop, "RPE is given twice in this group")
        if not MIN_RPE <= value <= MAX_RPE or value * 2 != int(value * 2):
            hint = " (a load needs its unit: @100kg)" if self.src[i] == "@" else ""
            raise self.fail(i, stop, f"RPE goes from 1 to 10 in steps of 0.5{hint}")
        g.rpe = value

    # ------------------------------------------------------------ items

    def effort(self, g: _Group, i: int, j: int, end: int, kind: str) -> int:
        got = self.number(j, end)
        if got is None:
            stop = self.word_end(j, end)
            raise self.fail(j, max(stop, j + 1), f"expected a number after {kind}, like {kind} 8")
        text, k = got
        self.refuse_range(j, k, end, kind)
        if not self.at_boundary(k, end):
            raise self.fail(j, self.word_end(j, end), f"expected a number like {kind} 8")
        self.set_effort(g, kind, float(text), i, k)
        return k

    def refuse_range(self, i: int, k: int, end: int, kind: str) -> None:
        """Refuse ``7-8`` (or ``7 to 8``, ``7/8``) where one value starting at ``i`` and
        ending at ``k`` was expected."""
        m = _RANGE.match(self.src, k, end)
        if m is not None:
            raise self.fail(i, self.word_end(m.end(), end), f"give one {kind.upper()}, not a range")

    def at_sign(self, g: _Group, i: int, end: int) -> int:
        src = self.src
        k = self.skip(i + 1, end)
        got = self.number(k, end) if k < end else None
        if got is not None:
            text, j = got
            attached = self.letters(j, end)
            if attached is not None:
                return self.unit_load(g, k, j, attached, end)
            spaced = self.spaced_unit(j, end, LOAD_UNITS)
            if spaced is not None:
                self.set_load(g, float(text) * spaced[0], i, spaced[1])
                return spaced[1]
            self.refuse_range(k, j, end, "rpe")
            if not self.at_boundary(j, end):
                raise self.fail(
                    k, self.word_end(k, end), "expected an RPE like @8 or a load like @100kg"
                )
            self.set_effort(g, "rpe", float(text), i, j)
            return j
        if k < end and _BODYWEIGHT.match(src, k, end) is not None:
            return self.bodyweight(g, k, end)
        if k < end and src[k] == "-":
            raise self.fail(k, self.word_end(k + 1, end), "negative numbers are not allowed")
        stop = self.word_end(k, end) if k < end else k
        raise self.fail(
            k if k < end else i,
            max(stop, (k if k < end else i) + 1),
            "expected a load like @100kg or an RPE like @8 after '@'",
        )

    def unit_load(
        self, g: _Group, i: int, j: int, unit: tuple[str, int], end: int, added: bool = False
    ) -> int:
        """A number from ``i`` to ``j`` with letters right after it that must be a load
        unit."""
        name, stop = unit
        if name in LOAD_UNITS and self.at_boundary(stop, end):
            self.set_load(g, float(self.src[i:j]) * LOAD_UNITS[name], i, stop, added)
            return stop
        word = self.word_end(i, end)
        if name in TIME_UNITS and not added:
            raise self.fail(i, word, f"a time needs a set count, like 1x{self.src[i:word]}")
        raise self.fail(i, word, _EXPECT_LOAD)

    def bodyweight(self, g: _Group, i: int, end: int) -> int:
        src = self.src
        m = _BODYWEIGHT.match(src, i, end)
        assert m is not None
        k = self.skip(m.end(), end)
        if k < end and src[k] == "+":
            r = self.skip(k + 1, end)
            got = self.number(r, end) if r < end else None
            if got is None:
                stop = self.word_end(r, end) if r < end else r
                raise self.fail(r if r < end else k, max(stop, k + 1), _EXPECT_LOAD)
            text, j = got
            attached = self.letters(j, end)
            if attached is not None:
                return self.unit_load(g, r, j, attached, end, added=True)
            spaced = self.spaced_unit(j, end, LOAD_UNITS)
            if spaced is None:
                raise self.fail(r, j, "a load needs its unit, like bw+10kg")
            self.set_load(g, float(text) * spaced[0], i, spaced[1], added=True)
            return spaced[1]
        if k < end and src[k] == "-":
            raise self.fail(i, self.word_end(k, end), "assisted sets (bw-10kg) are not supported")
        if not self.at_boundary(m.end(), end):
            raise self.fail(i, self.word_end(i, end), _EXPECT_LOAD)
        if g.load is not None:
            raise self.fail(i, m.end(), "a group has one load; start another group with ','")
        g.load = (i, m.end())
        return m.end()

    def number_item(self, g: _Group, i: int, end: int, timed_default: bool) -> int:
        src = self.src
        got = self.number(i, end)
        assert got is not None
        text, j = got
        k = self.skip(j, end)
        if k < end and src[k] in _X_SIGNS and (k == j or k + 1 >= end or not src[k + 1].isalpha()):
            return self.spec(g, i, j, k + 1, end, timed_default)
        attached = self.letters(j, end)
        if attached is not None:
            return self.unit_load(g, i, j, attached, end)
        spaced = self.spaced_unit(j, end, LOAD_UNITS)
        if spaced is not None:
            self.set_load(g, float(text) * spaced[0], i, spaced[1])
            return spaced[1]
        spaced_time = self.spaced_unit(j, end, TIME_UNITS)
        if spaced_time is not None or (j < end and src[j] == ":"):
            stop = spaced_time[1] if spaced_time is not None else self.word_end(j, end)
            raise self.fail(i, stop, f"a time needs a set count, like 1x{src[i:stop]}")
        if j < end and src[j] == "/":
            return self.spec(g, i, i, i, end, timed_default, count_given=False)
        if _DECIMAL_COMMA.match(src, j, end) is not None:
            raise self.fail(i, self.word_end(j + 1, end), "write decimals with a dot: 62.5kg")
        raise self.fail(
            i,
            self.word_end(i, end),
            "a number on its own: expected sets x reps like 3x5, a load with its unit "
            "like 60kg, or an effort like rpe 8",
        )

    def spec(
        self,
        g: _Group,
        i: int,
        count_end: int,
        after_x: int,
        end: int,
        timed_default: bool,
        count_given: bool = True,
    ) -> int:
        src = self.src
        count = 0
        if count_given:
            count_text = src[i:count_end]
            if "." in count_text:
                raise self.fail(i, count_end, "the number of sets is a whole number")
            count = int(count_text)
            if not 1 <= count <= MAX_SETS:
                raise self.fail(i, count_end, f"the number of sets goes from 1 to {MAX_SETS}")
        k = self.skip(after_x, end)
        values, timed, stop = self.set_values(k, end, timed_default)
        if not count_given:
            count = len(values)
            if count > MAX_SETS:
                raise self.fail(i, stop, f"at most {MAX_SETS} sets in one group")
        elif len(values) == 1:
            values *= count
        elif len(values) != count:
            raise self.fail(
                i,
                stop,
                f"{count} sets but {len(values)} numbers in the list: give one number per set",
            )
        if not self.at_boundary(stop, end):
            raise self.fail(stop, max(self.word_end(stop, end), stop + 1), _EXPECT_SPEC)
        if g.spec is not None:
            raise self.fail(i, stop, "a group has one set spec; start another group with ','")
        g.values, g.timed, g.spec = tuple(values), timed, (i, stop)
        return stop

    def set_values(self, k: int, end: int, timed_default: bool) -> tuple[list[float], bool, int]:
        """The reps or times after ``x``: one value, or a list of bare numbers."""
        src = self.src
        expected = "expected reps (a whole number like 5) or a time like 60s"
        if k >= end or src[k] not in _DIGITS:
            stop = self.word_end(k, end) if k < end else k
            if k < end and src[k] == "-":
                expected = "reps and times cannot be negative"
            raise self.fail(k, max(stop, k + 1), expected)
        clock = _CLOCK.match(src, k, end)
        if clock is not None:
            if len(clock.group(1)) > _MAX_DIGITS:
                raise self.fail(k, clock.end(), "this number is far too long")
            clock_s = float(int(clock.group(1)) * 60 + int(clock.group(2)))
            self.check_seconds(clock_s, k, clock.end())
            return [clock_s], True, clock.end()
        got = self.number(k, end)
        assert got is not None
        text, j = got
        unit = self.letters(j, end)
        if unit is not None:
            if unit[0] not in TIME_UNITS:
                raise self.fail(
                    k,
                    self.word_end(k, end),
                    f"{expected} (a load goes after a space: 3x8 60kg)",
                )
            seconds = float(text) * TIME_UNITS[unit[0]]
            self.check_seconds(seconds, k, unit[1])
            return [seconds], True, unit[1]
        spaced = self.spaced_unit(j, end, TIME_UNITS)
        if spaced is not None:
            seconds = float(text) * spaced[0]
            self.check_seconds(seconds, k, spaced[1])
            return [seconds], True, spaced[1]
        values = [self.bare_value(text, k, j, timed_default)]
        while True:
            if j < end and src[j] == "/":
                got = self.number(j + 1, end)
                if got is None:
                    raise self.fail(j, self.word_end(j, end), f"{expected} after '/'")
                text, nxt = got
                values.append(self.bare_value(text, j + 1, nxt, timed_default))
                j = nxt
                continue
            more = _LIST_COMMA.match(src, j, end)
            if more is not None and self.continues_list(more.end(), end):
                values.append(
                    self.bare_value(more.group(1), more.start(1), more.end(), timed_default)
                )
                j = more.end()
                continue
            return values, timed_default, j

    def continues_list(self, r: int, end: int) -> bool:
        """Whether a number just read after a comma is another list item rather than the
        start of the next group (``3x5, 3x3``) or a load (``3x5, 60kg``)."""
        q = self.skip(r, end)
        if q >= end:
            return True
        if self.src[q] in _X_SIGNS and (q + 1 >= end or not self.src[q + 1].isalpha()):
            return False
        unit = self.letters(q, end)
        return unit is None or (unit[0] not in LOAD_UNITS and unit[0] not in TIME_UNITS)

    def bare_value(self, text: str, i: int, j: int, timed: bool) -> float:
        if len(text) > _MAX_DIGITS:
            raise self.fail(i, j, "this number is far too long")
        if timed:
            seconds = float(text)
            self.check_seconds(seconds, i, j)
            return seconds
        if "." in text:
            raise self.fail(i, j, "reps are a whole number")
        reps = int(text)
        if not 1 <= reps <= MAX_REPS:
            raise self.fail(i, j, f"reps go from 1 to {MAX_REPS}")
        return float(reps)

    def check_seconds(self, seconds: float, i: int, j: int) -> None:
        if not 0 < seconds <= MAX_SET_SECONDS:
            raise self.fail(
                i, j, f"a timed set lasts more than 0 s and at most {MAX_SET_SECONDS:g} s"
            )
