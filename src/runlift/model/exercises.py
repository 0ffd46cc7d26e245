"""The exercise catalogue: one canonical name per movement, whatever an app or a person
calls it.

"Squat (Barbell)" (Strong, Hevy), "Barbell Squat" (FitNotes), "Back Squat" and "squats"
are all ``back squat``. Matching is exact after normalisation, never fuzzy: a name that
is not in the catalogue stays unknown rather than being guessed into the nearest entry,
because a wrong match silently corrupts training history while an unknown name is
only reported.

Normalisation (see :func:`normalise_exercise`):

* Unicode compatibility forms are folded (NFKC) and case is ignored.
* Punctuation, hyphens and spaces do not count: "pull-up" = "pull up" = "pullup".
* A plural ``s`` (or ``es`` after ch, sh, x, ss) is dropped from every word.
* Parenthesised qualifiers, in whatever order, are read as equipment ("(Barbell)",
  "(Dumbbells)", "(Smith Machine)"...), side notes ("(Each Side)") or grips. With
  equipment the equipment-specific entry wins when one exists ("Romanian Deadlift
  (Dumbbell)" is ``dumbbell romanian deadlift``), else the base movement does. A
  qualifier that is none of these ("(Assisted)", "(Single Leg)") leaves the name
  unknown, unless the whole name is an alias.
* Equipment words inside the name ("Flat Barbell Bench Press") follow the same rule.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from runlift.model.activity import BodyRegion

_L = BodyRegion.LOWER
_U = BodyRegion.UPPER
_C = BodyRegion.CORE
_F = BodyRegion.FULL


@dataclass(frozen=True, slots=True)
class ExerciseInfo:
    """One catalogue entry. ``timed`` means it is held for time rather than counted in
    reps by default (a plank)."""

    name: str
    region: BodyRegion
    timed: bool = False
    aliases: tuple[str, ...] = ()


def _e(name: str, region: BodyRegion, *aliases: str, timed: bool = False) -> ExerciseInfo:
    return ExerciseInfo(name, region, timed, aliases)


#: Every exercise runlift knows. Names are lower case; aliases are compared after
#: normalisation, so they are written the way apps and people write them.
CATALOGUE: tuple[ExerciseInfo, ...] = (
    # ---- squats and knee-dominant lower body
    _e(
        "back squat",
        _L,
        "squat",
        "barbell squat",
        "barbell back squat",
        "high bar squat",
        "low bar squat",
        "bb squat",
    ),
    _e("half squat", _L, "half back squat"),
    _e("front squat", _L, "barbell front squat"),
    _e("goblet squat", _L, "dumbbell squat", "kettlebell squat", "db goblet squat"),
    _e("air squat", _L, "bodyweight squat"),
    _e("hack squat", _L, "machine hack squat"),
    _e("lunge", _L, "walking lunge", "forward lunge", "reverse lunge", "dumbbell lunge"),
    _e("split squat", _L, "bulgarian split squat", "rear foot elevated split squat", "bss"),
    _e("step-up", _L, "box step up", "dumbbell step up"),
    _e("leg press", _L, "leg press machine", "machine leg press"),
    _e("leg extension", _L, "quad extension", "knee extension"),
    # ---- hinges and posterior chain
    _e("deadlift", _L, "dl", "conventional deadlift", "barbell deadlift"),
    _e(
        "romanian deadlift",
        _L,
        "rdl",
        "barbell romanian deadlift",
        "barbell rdl",
        "romanian dl",
    ),
    _e("dumbbell romanian deadlift", _L, "dumbbell rdl", "db rdl", "db romanian deadlift"),
    _e("hip thrust", _L, "barbell hip thrust", "glute thrust"),
    _e("glute bridge", _L, "hip bridge", "bodyweight glute bridge"),
    _e(
        "calf raise",
        _L,
        "standing calf raise",
        "seated calf raise",
        "calve raise",
        "heel raise",
    ),
    _e("leg curl", _L, "lying leg curl", "seated leg curl", "hamstring curl"),
    # ---- jumps and plyometrics
    _e("box jump", _L),
    _e("jump squat", _L, "squat jump"),
    _e("broad jump", _L, "standing long jump"),
    _e("bounding", _L, "bound"),
    # ---- upper body pushes
    _e(
        "bench press",
        _U,
        "bench",
        "barbell bench press",
        "barbell bench",
        "flat bench press",
        "flat bench",
        "flat barbell bench press",
        "bb bench",
    ),
    _e(
        "dumbbell bench press",
        _U,
        "dumbbell bench",
        "db bench",
        "db bench press",
        "flat dumbbell bench press",
    ),
    _e("incline bench press", _U, "incline bench", "incline barbell bench press"),
    _e("chest press", _U, "machine chest press"),
    _e("push-up", _U, "press up", "pushup"),
    _e(
        "overhead press",
        _U,
        "ohp",
        "press",
        "military press",
        "shoulder press",
        "strict press",
        "barbell overhead press",
        "standing overhead press",
        "standing press",
    ),
    _e(
        "dumbbell overhead press",
        _U,
        "db ohp",
        "dumbbell ohp",
        "dumbbell shoulder press",
        "db shoulder press",
        "seated dumbbell press",
    ),
    _e("dip", _U, "chest dip", "triceps dip", "parallel bar dip", "bar dip"),
    _e("lateral raise", _U, "side raise", "side lateral raise", "dumbbell lateral raise"),
    _e(
        "triceps extension",
        _U,
        "tricep extension",
        "overhead triceps extension",
        "skullcrusher",
        "skull crusher",
        "lying triceps extension",
        "triceps pushdown",
        "tricep pushdown",
        "pushdown",
        "rope pushdown",
    ),
    # ---- upper body pulls
    _e("pull-up", _U, "pullup", "pull up"),
    _e("chin-up", _U, "chinup"),
    _e(
        "row",
        _U,
        "bent over row",
        "barbell row",
        "barbell bent over row",
        "bb row",
        "pendlay row",
    ),
    _e(
        "dumbbell row",
        _U,
        "db row",
        "one arm dumbbell row",
        "dumbbell bent over row",
        "bent over one arm row",
        "one arm row",
    ),
    _e("cable row", _U, "seated cable row", "seated row"),
    _e("inverted row", _U, "bodyweight row", "australian pull up"),
    _e("lat pulldown", _U, "pulldown", "lat pull down", "pull down"),
    _e(
        "biceps curl",
        _U,
        "bicep curl",
        "curl",
        "barbell curl",
        "dumbbell curl",
        "ez bar curl",
        "hammer curl",
    ),
    # ---- trunk
    _e("plank", _C, "front plank", "forearm plank", timed=True),
    _e("side plank", _C, timed=True),
    _e("dead bug", _C),
    _e("hanging leg raise", _C, "hanging knee raise", "hlr"),
    _e("sit-up", _C, "situp"),
    # ---- whole body
    _e("kettlebell swing", _F, "kb swing", "swing", "russian kettlebell swing"),
    _e("clean", _F, "power clean", "hang clean", "hang power clean", "squat clean"),
    _e("snatch", _F, "power snatch", "hang snatch", "hang power snatch", "squat snatch"),
)

#: Longest raw name looked at; anything longer is not an exercise name.
MAX_NAME_CHARS = 200

_NON_WORD = re.compile(r"[\W_]+")
_APOSTROPHES = re.compile(r"['\u2019\u02bc]")
_PARENS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_QUALIFIER_SPLIT = re.compile(r",|/|;|\s-\s|\s\u2013\s")
_DASH_SUFFIX = re.compile(r"\s[-\u2013]\s")

#: Equipment as written in parentheses (after normalisation) -> the word a variant
#: entry starts with ("dumbbell romanian deadlift").
_EQUIPMENT = {
    "barbell": "barbell",
    "bb": "barbell",
    "dumbbell": "dumbbell",
    "db": "dumbbell",
    "kettlebell": "kettlebell",
    "kb": "kettlebell",
    "cable": "cable",
    "machine": "machine",
    "smith machine": "machine",
    "smith": "machine",
    "plate loaded": "machine",
    "band": "band",
    "banded": "band",
    "resistance band": "band",
    "bodyweight": "bodyweight",
    "body weight": "bodyweight",
    "weighted": "weighted",
    "trap bar": "trap bar",
    "hex bar": "trap bar",
    "ez bar": "ez bar",
    "ez curl bar": "ez bar",
}
#: Equipment words that may stand inside the name itself ("Flat Barbell Bench Press").
_EQUIPMENT_WORDS = {
    k: v for k, v in _EQUIPMENT.items() if " " not in k and k not in ("band", "plate loaded")
}
#: Qualifiers that say nothing about which movement it is.
_NOISE = frozenset(
    {
        "each side",
        "each arm",
        "each leg",
        "per side",
        "per arm",
        "per leg",
        "both side",
        "single arm",
        "one arm",
        "alternating",
        "standing",
        "seated",
        "lying",
        "straight bar",
        "rope",
        "v bar",
    }
)
#: Leading words of a name that only say one arm works at a time.
_ARM_PREFIXES = (("single", "arm"), ("one", "arm"), ("1", "arm"))


def _singular(word: str) -> str:
    if len(word) < 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]


def _words(text: str) -> list[str]:
    """Lower-case singular words, with every punctuation mark read as a space."""
    folded = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())
    return [_singular(w) for w in _NON_WORD.split(folded) if w]


def _key(words: list[str] | tuple[str, ...]) -> str:
    return "".join(words)


def _build_index() -> dict[str, ExerciseInfo]:
    index: dict[str, ExerciseInfo] = {}
    for info in CATALOGUE:
        for spelling in (info.name, *info.aliases):
            key = _key(_words(spelling))
            other = index.setdefault(key, info)
            if other is not info:
                raise ValueError(
                    f"catalogue spelling {spelling!r} of {info.name!r} collides with {other.name!r}"
                )
    return index


_INDEX = _build_index()
_BY_NAME = {info.name: info for info in CATALOGUE}


def _qualifiers(text: str) -> tuple[str, list[str]] | None:
    """The name without its qualifiers, and the equipment those qualifiers name, in
    order; None when a qualifier is neither equipment nor noise."""
    parts: list[str] = []
    for match in _PARENS.finditer(text):
        parts.extend(_QUALIFIER_SPLIT.split(match.group(1) or match.group(2) or ""))
    base = _PARENS.sub(" ", text)
    # Hevy puts variants after a dash: "Seated Cable Row - V Grip (Cable)".
    base, *suffixes = _DASH_SUFFIX.split(base)
    parts.extend(suffixes)
    equipment: list[str] = []
    for part in parts:
        phrase = " ".join(_words(part))
        if not phrase or phrase in _NOISE or phrase.endswith("grip"):
            continue
        if phrase not in _EQUIPMENT:
            return None
        equipment.append(_EQUIPMENT[phrase])
    return base, equipment


def _lookup(raw: str) -> ExerciseInfo | None:
    if len(raw) > MAX_NAME_CHARS:
        return None
    whole = _INDEX.get(_key(_words(raw)))
    if whole is not None:
        return whole
    split = _qualifiers(raw)
    if split is None:
        return None
    base_text, equipment = split
    base = _words(base_text)
    if not base:
        return None
    core = [w for w in base if w not in _EQUIPMENT_WORDS]
    equipment += [_EQUIPMENT_WORDS[w] for w in base if w in _EQUIPMENT_WORDS]
    for prefix in _ARM_PREFIXES:
        if tuple(core[:2]) == prefix:
            core = core[2:]
    candidates = [[kind, *core] for kind in equipment]
    candidates += [base, core]
    for words in candidates:
        found = _INDEX.get(_key(words))
        if found is not None:
            return found
    return None


def normalise_exercise(raw: str) -> str | None:
    """The catalogue name of ``raw``, or None when it is not a known exercise."""
    info = _lookup(raw)
    return None if info is None else info.name


def exercise_info(name: str) -> ExerciseInfo | None:
    """The catalogue entry for a canonical name or any spelling that normalises to one."""
    found = _BY_NAME.get(name)
    return found if found is not None else _lookup(name)


def body_region(name: str) -> BodyRegion | None:
    """The body region an exercise mainly trains, or None when it is unknown."""
    info = exercise_info(name)
    return None if info is None else info.region


def canonical_or_raw(raw: str) -> tuple[str, bool]:
    """The name to store and whether it is known.

    A known name becomes its catalogue name. An unknown one is kept as given (only
    stripped of surrounding space), never dropped: the caller lists it for the user.
    """
    info = _lookup(raw)
    if info is None:
        return raw.strip(), False
    return info.name, True
