"""Counts in messages, with the noun in the number that goes with them."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`1 fact`, `2 facts`, `0 facts`; `plural` where adding an s is wrong (1 passage
    would do, but `1 municipality`, `2 municipalities` would not)."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
