"""Genres of report as data (data/genres/*.toml), and picking one from a text's structure.

A genre profile says what a kind of report needs beyond the general rules: how its
headings, bullets, case tables and boxes look (a gemeentegraaf.text.segment.Profile),
which extractors run for it, whether "we" and "de gemeente" stand for the document's
speaker, and a few rule parameters its extractors read. `detect(norm)` scores every
profile on what the normalised text shows (lines that look like its headings or
bullets, cue words per 10,000 words) and returns the best one that reaches its
`min_score`, else the general profile. Nothing here reads a document's key, file name,
title or publisher: a renamed copy of a report gets the same genre, and the next
edition of a report gets its genre's treatment.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.resources import GENRES_DIR
from gemeentegraaf.text.normalise import NormalisedText
from gemeentegraaf.text.segment import Profile, profile_from_table

GENERAL = "algemeen"
_WORD = re.compile(r"[^\W\d_]+")


class GenreError(UserError):
    """A genre profile file is malformed."""


@dataclass(frozen=True)
class Signal:
    """One structural signal of a genre: lines matching a pattern, or words per 10,000."""

    pattern: re.Pattern[str]
    on_lines: bool
    threshold: float  # `min` lines, or `per_10k` words
    weight: int

    def value(self, lines: list[str], text: str, words: int) -> float:
        if self.on_lines:
            return sum(1 for line in lines if self.pattern.search(line))
        return len(self.pattern.findall(text)) * 10_000 / max(words, 1)

    def shown(self, lines: list[str], text: str, words: int) -> bool:
        return self.value(lines, text, words) >= self.threshold


@dataclass(frozen=True)
class Genre:
    name: str
    label_nl: str
    label_en: str
    layout: Profile
    extractors: frozenset[str]
    speaker_refs: bool  # "we", "de gemeente", "het college" stand for the speaker
    speaker_from_text: bool  # the speaker may be read from the text (its most named actor)
    min_score: int
    signals: tuple[Signal, ...] = ()
    rules: dict[str, object] = field(default_factory=dict)

    def score(self, norm: NormalisedText) -> int:
        lines, text, words = _features(norm)
        return sum(s.weight for s in self.signals if s.shown(lines, text, words))


@dataclass(frozen=True)
class Detection:
    genre: Genre
    score: int
    scores: dict[str, int]  # every profile's score, for reports and tests


def _features(norm: NormalisedText) -> tuple[list[str], str, int]:
    lines = [" ".join(ln.text.split()) for ln in norm.lines if not ln.footnote]
    return lines, norm.text, len(_WORD.findall(norm.text))


def _load(path: Path) -> Genre:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        signals = []
        for entry in data.get("detect", []):
            on_lines = "lines" in entry
            pattern = entry["lines"] if on_lines else entry["words"]
            threshold = entry["min"] if on_lines else entry["per_10k"]
            flags = 0 if on_lines else re.IGNORECASE
            signals.append(
                Signal(re.compile(pattern, flags), on_lines, float(threshold), int(entry["weight"]))
            )
        return Genre(
            name=data["name"],
            label_nl=data["label_nl"],
            label_en=data["label_en"],
            layout=profile_from_table(data.get("segment", {})),
            extractors=frozenset(data.get("extractors", [])),
            speaker_refs=data.get("speaker") in ("document", "document-or-text"),
            speaker_from_text=data.get("speaker") == "document-or-text",
            min_score=int(data["min_score"]),
            signals=tuple(signals),
            rules=dict(data.get("rules", {})),
        )
    except (KeyError, ValueError, TypeError, re.error, tomllib.TOMLDecodeError) as exc:
        raise GenreError(f"genre profile {path.name}: {exc}") from None


@cache
def genres() -> dict[str, Genre]:
    """Every genre profile by name, the general one included."""
    found = {g.name: g for g in map(_load, sorted(GENRES_DIR.glob("*.toml")))}
    if GENERAL not in found:
        raise GenreError(f"no general genre profile ({GENERAL}.toml) in {GENRES_DIR}")
    return found


def genre(name: str) -> Genre:
    try:
        return genres()[name]
    except KeyError:
        raise GenreError(f"unknown genre {name!r}; known: {', '.join(sorted(genres()))}") from None


def detect(norm: NormalisedText) -> Detection:
    """The genre whose signals the text shows most strongly (ties: the first by name)."""
    lines, text, words = _features(norm)
    scores = {
        g.name: sum(s.weight for s in g.signals if s.shown(lines, text, words))
        for g in genres().values()
        if g.name != GENERAL
    }
    best: Genre | None = None
    for name in sorted(scores, key=lambda n: (-scores[n], n)):
        candidate = genres()[name]
        if scores[name] >= candidate.min_score and scores[name] > 0:
            best = candidate
            break
    if best is None:
        return Detection(genres()[GENERAL], 0, scores)
    return Detection(best, scores[best.name], scores)
