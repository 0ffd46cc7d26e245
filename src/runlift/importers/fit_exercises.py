"""FIT ``exercise_category`` values and what runlift's catalogue calls them.

A watch that records a strength session writes, for every set, up to three guesses of
the exercise as FIT ``exercise_category`` names (``squat``, ``bench_press``...). A
category is a family of movements, not one movement: ``squat`` covers back squats,
goblet squats and leg presses alike. Only families whose everyday meaning is a single
catalogue entry are mapped here; the rest keep a readable version of their FIT name
(``crunch``, ``shrug``, ``total body``) and are reported as unknown, because a wrong
match would quietly corrupt the training history while an unknown name is only
listed for the user (the policy of :mod:`runlift.model.exercises`).

The ``category_subtype`` that goes with a category (the exact exercise within the
family) is deliberately not used: on the sample files it is usually invalid, and when
present it is mostly ``0``, which names a different movement in every family
(``squat`` 0 is a leg press, ``triceps_extension`` 0 a bench dip), so it reads as a
placeholder rather than a choice.
"""

from __future__ import annotations

from typing import Final

from runlift.model.exercises import canonical_or_raw

#: The raw name given to a set whose category is missing or ``unknown`` (65534).
UNKNOWN_EXERCISE: Final = "unknown exercise"

#: FIT category -> a spelling the catalogue knows. Checked by the tests against the
#: catalogue, so a rename there shows up here at once.
CATEGORY_TO_CATALOGUE: Final[dict[str, str]] = {
    "bench_press": "bench press",
    "calf_raise": "calf raise",
    "curl": "biceps curl",
    "deadlift": "deadlift",
    "hip_raise": "glute bridge",
    "hip_swing": "kettlebell swing",
    "lateral_raise": "lateral raise",
    "leg_curl": "leg curl",
    "lunge": "lunge",
    "plank": "plank",
    "pull_up": "pull-up",
    "push_up": "push-up",
    "row": "row",
    "shoulder_press": "overhead press",
    "sit_up": "sit-up",
    "squat": "back squat",
    "triceps_extension": "triceps extension",
}

#: Categories left unmapped on purpose, with the reason (documentation for reviewers;
#: the code only needs the table above).
UNMAPPED_REASONS: Final[dict[str, str]] = {
    "plyo": "any jump (box, depth, squat or split jumps): no single catalogue entry",
    "leg_raise": "hanging and lying leg raises share it; the catalogue has only hanging",
    "olympic_lift": "cleans, snatches and jerks share it",
    "flye": "no chest fly in the catalogue",
    "crunch": "no crunch in the catalogue",
    "core": "a grab bag of trunk exercises",
    "shrug": "shrugs and upright rows; neither is in the catalogue",
    "total_body": "burpees, man makers, squat thrusts",
    "hyperextension": "back extensions; not in the catalogue",
}


def readable_category(category: str) -> str:
    """A FIT category name as a person would write it: ``sit_up`` -> ``sit up``."""
    return category.replace("_", " ").strip()


def is_unknown_category(category: object) -> bool:
    """True for a category that names no exercise: missing, ``unknown`` (65534), or a
    number the decoder could not name."""
    return not isinstance(category, str) or category in ("", "unknown")


def exercise_for_category(category: str) -> tuple[str, bool]:
    """The exercise name to store for a FIT category and whether the catalogue knows it.

    ``squat`` -> ``("back squat", True)``; ``crunch`` -> ``("crunch", False)``;
    ``unknown`` -> ``("unknown exercise", False)``.
    """
    if is_unknown_category(category):
        return UNKNOWN_EXERCISE, False
    spelling = CATEGORY_TO_CATALOGUE.get(category, readable_category(category))
    return canonical_or_raw(spelling)
