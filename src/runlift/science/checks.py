"""Argument checks shared by the load and fitness-fatigue formulas: each raises a
ValueError that names the argument and the value."""

from __future__ import annotations

import math


def require_finite(name: str, value: float) -> None:
    if isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")


def require_positive(name: str, value: float) -> None:
    require_finite(name, value)
    if not value > 0:
        raise ValueError(f"{name} must be > 0, got {value}")


def require_non_negative(name: str, value: float) -> None:
    require_finite(name, value)
    if not value >= 0:
        raise ValueError(f"{name} must be >= 0, got {value}")
