"""Small wording helpers shared by every output format."""

from __future__ import annotations


def count(n: int, noun: str) -> str:
    """``count(1, "week")`` -> "1 week"; ``count(3, "week")`` -> "3 weeks"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")
