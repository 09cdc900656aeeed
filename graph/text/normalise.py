"""Clean running text from PDF-extracted reports, with a map back to the raw characters.

The corpus files keep the scars of PDF extraction (see data/corpus/README.md). `normalise`
turns a raw file text into running text and remembers, for every character of that text,
which raw characters it stands for, so that any span of the clean text can be cited by its
offsets in the original file (`NormalisedText.to_raw`).

What it does, line by line:
- drops blank-line artefacts and collapses every whitespace run (U+202F and other odd
  spaces included) to one space;
- removes page furniture: running headers with their page number ("Analyse
  coalitieakkoorden 2018" / "25"), bare page numbers after a page gap, "6 / 20" footers,
  PDF annotation labels ("frankbrander" / "Markering"), lone "|" lines;
- moves footnote bodies (below a "_________" rule or a long blank rule) to the end of the
  text, so that a sentence interrupted by them reads on;
- removes footnote numbers glued to words ("G40-steden2", "Tynaarlo10", "2035.68 Dat",
  "UWV.96") and records them as `FootnoteRef`s, leaving real numbers alone ("G40",
  "2035", "19 procent", "7.500", "Schuldenlab070");
- joins lines: a line-final hyphen is dropped only where the word was broken
  ("verkiezings-" + "programma's"), kept in real compounds ("Sittard-" + "Geleen",
  "niet-" + "westerse") and before a conjunction ("woon-" + "en leefomgeving");
- marks paragraph breaks (one "\\n" in the text) from the blank-line pattern, page gaps
  and where a line ends a sentence well short of the right margin; in a text whose line
  breaks (after one blank line, or none) almost never fall inside a sentence, as in one a
  person wrote rather than a PDF's printed lines, every such break ends a paragraph.

Curly quotes stay as they are in `text`; `fold` gives a same-length matching form.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

_FOLD_TABLE = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "−": "-",
        "\u00ad": "-",
    }
)

# Labels a PDF viewer prints for an annotation, below the author's name.
_ANNOTATION_LABELS = {"Markering", "Opmerking", "Notitie", "Highlight", "Comment", "Note"}
_CONJUNCTIONS = {"en", "of", "tot", "noch", "and", "or", "als", "dan"}
# Word starts that keep their hyphen in Dutch compounds whatever the line layout.
_HYPHEN_PREFIXES = {"niet", "ex", "oud", "vice", "non", "pop", "burn", "drop", "cross", "zij"}
_VOWELS = set("aeiouyáéíóúàèëïöüâêîôû")
_SENTENCE_END = re.compile(r"[.!?][’”'\")]*$")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_URLISH = re.compile(r"://|www\.|\.nl/|\.com/|\.org/|/[\w%-]+/")


def fold(text: str) -> str:
    """A same-length form for matching: straight quotes for curly ones, '-' for dashes."""
    return text.translate(_FOLD_TABLE)


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace (including U+202F, no-break space, newlines) as one space."""
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=8)
def _collapsed_index(raw: str) -> tuple[str, array]:
    """`raw` with whitespace runs as one space and quotes folded, and for every character
    of that form the raw offset it comes from."""
    parts: list[str] = []
    pos = array("l")
    for m in re.finditer(r"\s+|\S+", raw):
        token = m.group(0)
        if token[0].isspace():
            parts.append(" ")
            pos.append(m.start())
        else:
            parts.append(token)
            pos.extend(range(m.start(), m.end()))
    return fold("".join(parts)), pos


def find_collapsed(raw: str, quote: str) -> tuple[int, int] | None:
    """Raw offsets of `quote` in `raw` when both are compared with whitespace collapsed.

    This is how the hand-checked gold quotes are written (footnote numbers and hyphen
    breaks as in the source); curly and straight quotes match each other.
    """
    found = find_all_collapsed(raw, quote)
    return found[0] if found else None


def find_all_collapsed(raw: str, quote: str) -> list[tuple[int, int]]:
    """Raw offsets of every occurrence of `quote` (as `find_collapsed`), in text order."""
    needle = fold(collapse_whitespace(quote))
    if not needle:
        return []
    haystack, pos = _collapsed_index(raw)
    found = []
    at = haystack.find(needle)
    while at >= 0:
        found.append((pos[at], pos[at + len(needle) - 1] + 1))
        at = haystack.find(needle, at + 1)
    return found


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote number printed after a word; removed from the text, kept here."""

    number: int
    raw_start: int
    raw_end: int
    norm_pos: int  # where it stood in NormalisedText.text


@dataclass(frozen=True)
class Removed:
    """Raw text left out of the running text, and why."""

    kind: str  # "kop" (running header), "paginanummer", "annotatie", "scheiding", "url"
    raw_start: int
    raw_end: int
    text: str


@dataclass
class TextLine:
    """One printed line of the source, cleaned, with where it sits in raw and clean text."""

    raw_start: int
    raw_end: int
    text: str
    gap: int  # blank lines between this line and the previous one of the same flow
    page_start: bool  # the line opens a page (leading space right after a text line)
    indent: int
    footnote: bool = False  # part of a footnote body (moved to the end of the text)
    footnote_number: int | None = None  # set on the first line of a footnote body
    hard_break: bool = True  # starts a new paragraph
    after_artefact: bool = False  # page furniture or a footnote block was removed before it
    norm_start: int = 0
    norm_end: int = 0


@dataclass
class NormalisedText:
    raw: str
    text: str
    lines: list[TextLine]
    footnote_refs: list[FootnoteRef]
    removed: list[Removed]
    line_width: int  # typical full line length in characters
    _starts: array = field(repr=False)
    _ends: array = field(repr=False)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets [rs, re) of the clean span [start, end), trimmed of whitespace."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) is outside the text (0..{len(self.text)})")
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if start == end:
            raise ValueError("span holds only whitespace")
        rs, re_ = self._starts[start], self._ends[end - 1]
        if re_ < rs:  # a span across the relocated footnotes: report the raw hull
            rs, re_ = min(rs, re_), max(self._starts[start], self._ends[end - 1])
        return rs, re_

    @cached_property
    def _raw_to_norm(self) -> array:
        table = array("l", [-1]) * (len(self.raw) + 1)
        for i in range(len(self.text) - 1, -1, -1):
            table[self._starts[i]] = i
        return table

    def to_norm(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """The clean span covering the raw span [raw_start, raw_end)."""
        table = self._raw_to_norm
        hits = [table[r] for r in range(raw_start, raw_end) if table[r] >= 0]
        if not hits:
            raise ValueError(f"raw span [{raw_start}, {raw_end}) has no text in the clean form")
        first, last = min(hits), max(hits)
        # extend to the whole last character group (a collapsed space stands for many)
        return first, last + 1

    def raw_quote(self, start: int, end: int) -> str:
        """The raw text of a clean span, whitespace collapsed (the gold-file quote form)."""
        rs, re_ = self.to_raw(start, end)
        return collapse_whitespace(self.raw[rs:re_])

    @cached_property
    def folded(self) -> str:
        """`text` for matching: straight quotes and hyphens, paragraph breaks as spaces.
        Same length, same offsets."""
        return fold(self.text).replace("\n", " ")

    def find(self, quote: str, start: int = 0) -> tuple[int, int] | None:
        """Clean offsets of `quote` in `text` (whitespace collapsed, quotes folded, a
        paragraph break matching a space)."""
        needle = fold(collapse_whitespace(quote))
        at = self.folded.find(needle, start)
        return None if at < 0 or not needle else (at, at + len(needle))


# ---------------------------------------------------------------------------
# Physical lines and page furniture
# ---------------------------------------------------------------------------


@dataclass
class _Raw:
    start: int  # offset of the first character of the physical line
    end: int  # offset of its newline (or end of text)
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def _physical_lines(raw: str) -> list[_Raw]:
    lines = []
    pos = 0
    for part in raw.split("\n"):
        lines.append(_Raw(pos, pos + len(part), part))
        pos += len(part) + 1
    return lines


def _content_span(line: _Raw) -> tuple[int, int]:
    text = line.text
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return line.start + left, line.start + right


_PAGE_NUMBER = re.compile(r"\d{1,3}")
_PAGE_FOOTER = re.compile(r"\d{1,3}\s*/\s*\d{1,3}")
_RULE = re.compile(r"_{5,}")


def _furniture(phys: list[_Raw], headers: Sequence[str]) -> dict[int, str]:
    """Physical line index -> kind, for lines that are page furniture, not text."""
    kinds: dict[int, str] = {}
    header_set = {collapse_whitespace(h) for h in headers}
    n = len(phys)

    def blanks_before(i: int) -> int:
        k = 0
        j = i - 1
        while j >= 0 and phys[j].blank:
            k += 1
            j -= 1
        return k

    def prev_content(i: int) -> int:
        j = i - 1
        while j >= 0 and phys[j].blank:
            j -= 1
        return j

    for i, line in enumerate(phys):
        stripped = collapse_whitespace(line.text)
        if not stripped:
            continue
        if stripped in header_set:
            kinds[i] = "kop"
        elif _PAGE_FOOTER.fullmatch(stripped) and blanks_before(i) >= 1:
            kinds[i] = "paginanummer"
        elif stripped == "|":
            kinds[i] = "scheiding"
        elif (
            stripped in _ANNOTATION_LABELS
            and i > 0
            and not phys[i - 1].blank
            and len(phys[i - 1].text.split()) == 1
        ):
            kinds[i] = "annotatie"
            kinds[i - 1] = "annotatie"

    # A page number: digits alone on a line after a page gap, possibly below one or two
    # short running-header lines that follow the same gap.
    for i, line in enumerate(phys):
        stripped = line.text.strip()
        if not _PAGE_NUMBER.fullmatch(stripped) or i in kinds:
            continue
        j = prev_content(i)
        header_lines: list[int] = []
        while j >= 0 and len(header_lines) < 2:
            if kinds.get(j) == "kop":
                header_lines.append(j)
                j = prev_content(j)
                continue
            candidate = collapse_whitespace(phys[j].text)
            short = 0 < len(candidate) <= 70 and candidate[-1] not in ".,;:"
            if not short or blanks_before(i) > 1:
                break
            if not header_lines and blanks_before(j) >= 3:
                # one header line after the page gap
                header_lines.append(j)
                j = prev_content(j)
                continue
            if not header_lines and blanks_before(j) == 0:
                # the second line of a two-line header (title and subtitle); the check
                # below keeps it only if the line above opens the page gap
                header_lines.append(j)
                j = prev_content(j)
                continue
            if (
                len(header_lines) == 1
                and blanks_before(header_lines[0]) == 0
                and blanks_before(j) >= 3
            ):
                header_lines.append(j)
            break
        after = 0
        k = i + 1
        while k < n and phys[k].blank:
            after += 1
            k += 1
        if header_lines and any(kinds.get(h) == "kop" for h in header_lines):
            kinds[i] = "paginanummer"
        elif header_lines and blanks_before(header_lines[-1]) >= 3:
            kinds[i] = "paginanummer"
            for h in header_lines:
                kinds[h] = "kop"
        elif blanks_before(i) >= 2 and (after >= 1 or k >= n):
            kinds[i] = "paginanummer"
    return kinds


def _footnote_blocks(phys: list[_Raw], furniture: dict[int, str]) -> dict[int, str]:
    """Physical line index -> "rule" | "body" | "url" for footnote areas at page bottoms."""
    marks: dict[int, str] = {}
    n = len(phys)
    i = 0
    while i < n:
        text = phys[i].text
        is_rule = bool(_RULE.fullmatch(text.strip())) or (len(text) >= 20 and not text.strip())
        if not is_rule:
            i += 1
            continue
        # the block runs to the next page start: a line opening with a space right
        # after a text line (or the end of the file)
        k = i + 1
        while k < n and phys[k].blank:
            k += 1
        if k >= n or not re.match(r"\s*\d{1,3}\s+\S", phys[k].text):
            i += 1  # a rule not followed by a numbered note is not a footnote rule
            continue
        marks[i] = "rule"
        j = k
        while j < n:
            line = phys[j]
            if j > k and line.text[:1].isspace() and not line.blank and not phys[j - 1].blank:
                break
            if not line.blank and j not in furniture:
                marks[j] = "body"
            j += 1
        block_text = "".join(
            re.sub(r"\s+", "", phys[m].text) for m in range(k, j) if marks.get(m) == "body"
        )
        for m in range(k, j):
            if marks.get(m) != "body":
                continue
            stripped = phys[m].text.strip()
            if re.fullmatch(r"https?://\S+", stripped):
                rest = block_text.replace(stripped, "", 1)
                if stripped.split("://", 1)[1] in rest:
                    marks[m] = "url"
        i = j
    return marks


# ---------------------------------------------------------------------------
# Footnote references
# ---------------------------------------------------------------------------

# letters directly followed by a number: "steden2", "Tynaarlo10", "Beleidskompas114"
_REF_AFTER_WORD = re.compile(r"(?<=[^\W\d_])(\d{1,3})(?=[\s.,;:)’”'\"]|$)")
# punctuation, a closing bracket or quote, or a percent sign directly followed by a number
_REF_AFTER_MARK = re.compile(r"(?<=[.;:!?)’”'\"%])(\d{1,3})(?=[\s).,;:]|$)")
# a number alone at the end of a line after a finished sentence: "de data. 247"
_REF_LINE_END = re.compile(r"(?<=[.!?)’”] )(\d{1,3})(?=[ \t]*$)", re.MULTILINE)
_SHORT_NUMBER_BEFORE_DOT = re.compile(r"(?<![\d.,])\d{1,3}\.$")
# a number written as a spaced token after a word: "reactie 1 sprak", "gepresenteerd 2."
_REF_SPACED = re.compile(r"(?<=(?:[^\W\d_]|[’”']) )(\d{1,2})(?=[.,]?(?:\s|$))")
_YEAR_BEFORE_DOT = re.compile(r"(?:1[89]|20)\d\d\.$")
_THOUSANDS_BEFORE_DOT = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+\.$")
_NUMBER_WORDS = {
    "van",
    "tot",
    "op",
    "met",
    "in",
    "de",
    "het",
    "een",
    "voor",
    "per",
    "dan",
    "en",
    "of",
    "ongeveer",
    "circa",
    "bijna",
    "ruim",
    "nummer",
    "artikel",
    "hoofdstuk",
    "paragraaf",
    "fase",
    "tranche",
    "casus",
    "thema",
    "figuur",
    "tabel",
    "bijlage",
    "pagina",
    "stap",
    "niveau",
    "klasse",
    "groep",
    "week",
    "jaar",
    "dag",
    "uur",
    "zo’n",
    "zo'n",
    "deel",
    "punt",
    "conclusie",
    "bouwsteen",
    "ontwikkeling",
}


def _word_before(raw: str, pos: int) -> str:
    j = pos
    while j > 0 and (raw[j - 1].isalpha()):
        j -= 1
    return raw[j:pos]


def _token_around(raw: str, start: int, end: int) -> str:
    i, j = start, end
    while i > 0 and not raw[i - 1].isspace():
        i -= 1
    while j < len(raw) and not raw[j].isspace():
        j += 1
    return raw[i:j]


def _find_footnote_refs(
    raw: str,
    spans: Sequence[tuple[int, int]],
    body_numbers: Sequence[tuple[int, int]],
) -> list[tuple[int, int, int]]:
    """(number, raw_start, raw_end) of footnote numbers in the main-text spans.

    `body_numbers` lists (raw offset, number) of footnote bodies found in the file; where
    there are none (the VNG report has no footnote texts), the numbering itself tells
    references from numbers: references rise through the text (infographics cite a few
    out of order), while a code or a measure repeats or stands far outside the run.
    """
    # glued word+number tokens that recur are names or codes (Platform31, G32, D66)
    # (each run of letters tried once, from where it starts: from every letter of a very
    # long word the search would be quadratic)
    glued = Counter(m.group(0) for m in re.finditer(r"(?<![^\W\d_])[^\W\d_]+\d{1,3}\b", raw))
    candidates: list[tuple[int, int, int, str]] = []  # (start, end, number, strength)
    for lo, hi in spans:
        segment = raw[lo:hi]
        for m in _REF_AFTER_WORD.finditer(segment):
            s, e = lo + m.start(1), lo + m.end(1)
            digits = m.group(1)
            word = _word_before(raw, s)
            token = _token_around(raw, s, e)
            if digits.startswith("0") or _URLISH.search(token):
                continue
            if word.isupper() and len(word) <= 5:
                continue  # G40, M50, CO2, A2, P10, WOZ
            if len(word) <= 2 and word.islower():
                continue  # m2, km2
            if glued[word + digits] >= 2:
                continue
            candidates.append((s, e, int(digits), "strong"))
        for m in _REF_AFTER_MARK.finditer(segment):
            s, e = lo + m.start(1), lo + m.end(1)
            digits = m.group(1)
            if digits.startswith("0"):
                continue
            token = _token_around(raw, s, e)
            if _URLISH.search(token):
                continue
            before = raw[max(0, s - 12) : s]
            mark = raw[s - 1]
            if mark == "." and before[-2:-1].isdigit():
                if _YEAR_BEFORE_DOT.search(before):
                    candidates.append((s, e, int(digits), "strong"))
                elif _THOUSANDS_BEFORE_DOT.search(before) or (
                    len(digits) == 3 and _SHORT_NUMBER_BEFORE_DOT.search(before)
                ):
                    candidates.append((s, e, int(digits), "weak"))  # "200.000.120", "top-5.282"
                continue
            if mark == "." and raw[s - 2].isalpha() and raw[s - 3 : s - 2] in ("", " ", "\n", "("):
                continue  # "p.46", initials
            if raw[s - 1] in ",;:" and raw[s - 2].isdigit():
                continue
            candidates.append((s, e, int(digits), "strong"))
        for m in _REF_LINE_END.finditer(segment):
            candidates.append((lo + m.start(1), lo + m.end(1), int(m.group(1)), "line-end"))
        if body_numbers:
            for m in _REF_SPACED.finditer(segment):
                s, e = lo + m.start(1), lo + m.end(1)
                word = _word_before(raw, s - 1).lower()
                if word in _NUMBER_WORDS:
                    continue
                nxt = raw[e : e + 3]
                if nxt[:1] in ".," or re.match(r"\s+[a-zé]", raw[e : e + 4]):
                    candidates.append((s, e, int(m.group(1)), "spaced"))
    candidates.sort()

    refs: list[tuple[int, int, int]] = []
    if body_numbers:
        # each body is cited once before it: take the last candidate with its number
        # between the previous body of that number and the body itself
        taken: set[int] = set()
        previous_body_at: dict[int, int] = {}
        # candidates per number, in text order: each body looks only at the stretch of
        # its own number's list since that number's previous body (linear overall)
        by_number: dict[int, list[tuple[int, int, int, str]]] = {}
        for c in candidates:
            by_number.setdefault(c[2], []).append(c)
        starts_of = {n: [c[0] for c in cs] for n, cs in by_number.items()}
        for body_at, number in sorted(body_numbers):
            lower = previous_body_at.get(number, -1)
            own = by_number.get(number, [])
            starts = starts_of.get(number, [])
            window = own[bisect_right(starts, lower) : bisect_left(starts, body_at)]
            matching = [c for c in window if c[0] not in taken]
            if matching:
                # a glued number beats a spaced one; the last before the body wins
                best = max(matching, key=lambda c: (c[3] != "spaced", c[0]))
                taken.add(best[0])
                refs.append((best[2], best[0], best[1]))
            previous_body_at[number] = body_at
    else:
        taken = set()
    # the rest must fit the running numbering (references rise through the text; an
    # infographic cites a few out of order; a new chapter may start again at 1)
    top = 0
    for s, e, number, strength in candidates:
        if s in taken:
            top = max(top, number)
            continue
        if strength == "strong":
            ok = top - 15 <= number <= top + 20 or number == 1
        elif strength == "weak":
            ok = top - 10 <= number <= top + 3
        elif strength == "line-end":
            ok = top < number <= top + 2
        else:
            ok = False
        if ok:
            refs.append((number, s, e))
            top = number if number == 1 and top > 20 else max(top, number)
    refs.sort(key=lambda r: r[1])
    return refs


# ---------------------------------------------------------------------------
# Hyphens at line ends
# ---------------------------------------------------------------------------


def vocabulary(texts: Iterable[str]) -> Counter:
    """Word counts (lower case, hyphenated words whole) from lines of text, for hyphens."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(m.group(0).lower() for m in _WORD.finditer(text))
    return counts


def hyphen_join(before: str, after: str, vocab: Counter, prefer_join: bool) -> str:
    """How a line ending in `before`+'-' joins a line starting with `after`.

    Returns "drop" (a word broken at the margin: "verkiezings-" "programma's"), "keep"
    (a real compound: "Sittard-" "Geleen") or "space" (an elided compound before a
    conjunction: "woon-" "en leefomgeving").
    """
    first = after.split(" ", 1)[0]
    if _URLISH.search(before) or _URLISH.search(first):
        return "keep"
    word_after = re.match(r"[^\W\d_]*", first).group(0)
    if word_after.lower() in _CONJUNCTIONS and word_after == first.rstrip(",;:"):
        return "space"
    stem = re.search(r"[^\W_]*$", before).group(0)
    if not stem or not word_after:
        return "keep"
    if stem[-1].isdigit() or any(ch.isupper() for ch in stem[1:]) or after[0].isupper():
        return "keep"
    if stem[0].isupper() and len(stem) <= 3:
        return "keep"  # Wmo-, Oost-
    joined = (stem + word_after).lower()
    hyphened = f"{stem}-{word_after}".lower()
    with_hyphen, without = vocab.get(hyphened, 0), vocab.get(joined, 0)
    if with_hyphen != without:
        return "keep" if with_hyphen > without else "drop"
    low = stem.lower()
    if (low[-1] in _VOWELS or low.endswith("ij")) and word_after[0].lower() in _VOWELS:
        return "keep"  # re-integratie, zij-instromers: the hyphen separates vowels
    if low in _HYPHEN_PREFIXES:
        return "keep"
    if len(low) >= 5 and low.endswith("s") and low[-2] not in _VOWELS:
        return "drop"  # a linking -s: verkiezings-, uitvoerings-, bedrijfs-
    return "drop" if prefer_join else "keep"


def _prefers_join(pairs: list[tuple[str, str]], vocab: Counter) -> bool:
    """Does this document break words at the margin (typeset) or only print real hyphens?"""
    drops = keeps = 0
    for before, after in pairs:
        stem = re.search(r"[^\W_]*$", before).group(0)
        word_after = re.match(r"[^\W\d_]*", after).group(0)
        if not stem or not word_after or not stem.islower() or not word_after.islower():
            continue
        with_hyphen = vocab.get(f"{stem}-{word_after}", 0)
        without = vocab.get(stem + word_after, 0)
        if with_hyphen > without:
            keeps += 1
        elif without > with_hyphen:
            drops += 1
    return drops > keeps


# ---------------------------------------------------------------------------
# The pipeline
# ---------------------------------------------------------------------------


def _percentile(values: list[int], q: float) -> int:
    if not values:
        return 80
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def normalise(
    raw: str,
    *,
    headers: Sequence[str] | None = None,
    vocab: Counter | None = None,
) -> NormalisedText:
    """Clean running text from a raw report text, with offsets back into `raw`.

    `headers` are running-header lines a caller knows for this document (the page-gap
    rule finds one- and two-line headers above a page number without them); `vocab`
    adds word counts (for instance from the rest of the
    corpus) to this text's own when deciding line-final hyphens.
    """
    phys = _physical_lines(raw)
    furniture = _furniture(phys, headers or ())
    notes = _footnote_blocks(phys, furniture)
    removed: list[Removed] = []
    for i, kind in sorted(furniture.items()):
        s, e = _content_span(phys[i])
        removed.append(Removed(kind, s, e, raw[s:e]))
    for i, kind in sorted(notes.items()):
        if kind in ("rule", "url"):
            s, e = _content_span(phys[i]) if kind == "url" else (phys[i].start, phys[i].end)
            removed.append(Removed("scheiding" if kind == "rule" else "url", s, e, raw[s:e]))

    # Lines of the two flows: running text and footnote bodies.
    main: list[TextLine] = []
    foot: list[TextLine] = []
    gap = 0
    artefact = False
    foot_gap = 0
    body_numbers: list[tuple[int, int]] = []
    for i, line in enumerate(phys):
        if line.blank:
            gap += 1
            foot_gap += 1
            continue
        if i in furniture or notes.get(i) in ("rule", "url"):
            artefact = True
            continue
        s, e = _content_span(line)
        indent = len(line.text) - len(line.text.lstrip())
        page_start = indent > 0 and i > 0 and not phys[i - 1].blank
        if notes.get(i) == "body":
            number = None
            m = re.match(r"(\d{1,3})\s+\S", raw[s:e])
            last = body_numbers[-1][1] if body_numbers else None
            # a new note starts with the next number (not a year or count that wraps)
            follows = last is None or (m is not None and last < int(m.group(1)) <= last + 5)
            if m and follows and (not foot or raw[foot[-1].raw_end - 1] != "-"):
                number = int(m.group(1))
                body_numbers.append((s, number))
            foot.append(TextLine(s, e, "", foot_gap, page_start, indent, True, number))
            foot_gap = 0
            artefact = True
            continue
        main.append(TextLine(s, e, "", gap, page_start, indent, after_artefact=artefact))
        gap = 0
        artefact = False
        foot_gap = 0

    refs = _find_footnote_refs(raw, [(ln.raw_start, ln.raw_end) for ln in main], body_numbers)
    refs_by_line = _assign_refs(main, refs)

    own_vocab = vocabulary(raw[ln.raw_start : ln.raw_end] for ln in main + foot)
    if vocab:
        own_vocab = own_vocab + vocab
    width = _percentile([ln.raw_end - ln.raw_start for ln in main], 0.9)

    # Clean each line: pieces of (text, raw_start, raw_end), whitespace runs collapsed.
    pieces_by_line: list[list[tuple[str, int, int]]] = []
    for idx, ln in enumerate(main + foot):
        cut = refs_by_line.get(idx, []) if idx < len(main) else []
        pieces_by_line.append(_line_pieces(raw, ln.raw_start, ln.raw_end, cut))
    for ln, pieces in zip(main + foot, pieces_by_line, strict=True):
        ln.text = "".join(p[0] for p in pieces)

    _mark_breaks(main)
    for ln in foot:
        ln.hard_break = ln.footnote_number is not None or ln.gap > 1

    pairs = [
        (a.text[:-1], b.text)
        for a, b in zip(main, main[1:], strict=False)
        if a.text.endswith("-") and not b.hard_break
    ]
    prefer_join = _prefers_join(pairs, own_vocab)

    text_parts: list[str] = []
    starts = array("l")
    ends = array("l")
    length = 0

    def emit(piece_text: str, rs: int, re_: int, copy: bool) -> None:
        nonlocal length
        text_parts.append(piece_text)
        if copy:
            starts.extend(range(rs, re_))
            ends.extend(range(rs + 1, re_ + 1))
        else:
            starts.extend([rs] * len(piece_text))
            ends.extend([re_] * len(piece_text))
        length += len(piece_text)

    def emit_pieces(pieces: list[tuple[str, int, int]]) -> None:
        for piece_text, rs, re_ in pieces:
            emit(piece_text, rs, re_, len(piece_text) == re_ - rs)

    def emit_flow(flow: list[TextLine], flow_pieces: list[list[tuple[str, int, int]]]) -> None:
        # A line's pieces are held back until the next line shows how they join: a
        # broken word loses its hyphen.
        previous: TextLine | None = None
        pending: list[tuple[str, int, int]] = []
        for ln, pieces in zip(flow, flow_pieces, strict=True):
            if previous is not None:
                join = "\n" if ln.hard_break else " "
                if not ln.hard_break and previous.text.endswith("-"):
                    if previous.text.endswith(" -") or previous.text == "-":
                        join = " "
                    else:
                        how = hyphen_join(previous.text[:-1], ln.text, own_vocab, prefer_join)
                        join = " " if how == "space" else ""
                        if how == "drop":
                            text_, rs, re_ = pending.pop()
                            if len(text_) > 1:
                                pending.append((text_[:-1], rs, re_ - 1))
                emit_pieces(pending)
                if join:
                    emit(join, previous.raw_end, ln.raw_start, False)
            ln.norm_start = length
            pending = list(pieces)
            previous = ln
        emit_pieces(pending)

    emit_flow(main, pieces_by_line[: len(main)])
    main_length = length  # the running text; footnote bodies follow it
    if foot:
        emit("\n", main[-1].raw_end if main else 0, foot[0].raw_start, False)
        emit_flow(foot, pieces_by_line[len(main) :])
    text = "".join(text_parts)

    # line ends in the clean text: the start of the next line's join, or the text end
    all_lines = main + foot
    for ln in all_lines:
        ln.norm_end = ln.norm_start + len(ln.text)
    for a, b in zip(all_lines, all_lines[1:], strict=False):
        a.norm_end = min(a.norm_end, b.norm_start)
        while a.norm_end > a.norm_start and text[a.norm_end - 1] in " \n":
            a.norm_end -= 1

    # where each removed footnote number stood: the first clean character after it (the
    # running text maps to raw offsets in order, so a binary search finds it)
    footnote_refs = [
        FootnoteRef(number, rs, re_, bisect_left(starts, rs, 0, main_length))
        for number, rs, re_ in refs
    ]

    return NormalisedText(
        raw=raw,
        text=text,
        lines=all_lines,
        footnote_refs=footnote_refs,
        removed=sorted(removed, key=lambda r: r.raw_start),
        line_width=width,
        _starts=starts,
        _ends=ends,
    )


def _assign_refs(
    main: list[TextLine], refs: list[tuple[int, int, int]]
) -> dict[int, list[tuple[int, int, int]]]:
    by_line: dict[int, list[tuple[int, int, int]]] = {}
    j = 0
    for number, rs, re_ in refs:
        while j < len(main) and main[j].raw_end < rs:
            j += 1
        if j < len(main) and main[j].raw_start <= rs:
            by_line.setdefault(j, []).append((number, rs, re_))
    return by_line


_COLLAPSE = re.compile(r"\s{2,}|[^\S ]")  # a whitespace run, or one odd space (U+202F, tab)


def _add_piece(pieces: list[tuple[str, int, int]], text: str, rs: int, re_: int) -> None:
    """Append a piece, never two spaces in a row; verbatim neighbours become one piece."""
    if pieces and pieces[-1][0].endswith(" ") and text.startswith(" "):
        if len(text) != re_ - rs:
            return  # a collapsed run after a space: nothing to add
        text, rs = text[1:], rs + 1
        if not text:
            return
    if pieces:
        last_text, last_rs, last_re = pieces[-1]
        if last_re == rs and len(last_text) == last_re - last_rs and len(text) == re_ - rs:
            pieces[-1] = (last_text + text, last_rs, re_)
            return
    pieces.append((text, rs, re_))


def _line_pieces(
    raw: str, start: int, end: int, cuts: list[tuple[int, int, int]]
) -> list[tuple[str, int, int]]:
    """Pieces (text, raw_start, raw_end) of one line: footnote numbers cut out, every
    whitespace run one space (mapped to the whole run). A piece whose text has the
    length of its raw span is a verbatim copy."""
    pieces: list[tuple[str, int, int]] = []
    ranges = []
    pos = start
    for _, rs, re_ in cuts:
        ranges.append((pos, rs))
        pos = re_
    ranges.append((pos, end))
    for lo, hi in ranges:
        at = lo
        for m in _COLLAPSE.finditer(raw, lo, hi):
            if m.start() > at:
                _add_piece(pieces, raw[at : m.start()], at, m.start())
            _add_piece(pieces, " ", m.start(), m.end())
            at = m.end()
        if hi > at:
            _add_piece(pieces, raw[at:hi], at, hi)
    # a cut may leave a space at either end ("reactie 1 sprak" -> "reactie sprak")
    while pieces and pieces[-1][0].endswith(" "):
        text, rs, re_ = pieces.pop()
        if len(text) > 1:
            pieces.append((text[:-1], rs, re_ - 1))
    while pieces and pieces[0][0].startswith(" "):
        text, rs, re_ = pieces.pop(0)
        if len(text) > 1:
            pieces.insert(0, (text[1:], rs + 1, re_))
    return pieces


# Approximate glyph widths (1/1000 em, a Helvetica-like sans): lines are compared by
# printed width, not by character count, to tell a line that ends a paragraph from one
# that is full.
_GLYPH_WIDTHS = {
    **dict.fromkeys("ijl", 222),
    **dict.fromkeys("ft .,:;!’‘'I", 278),
    **dict.fromkeys("r()-/", 333),
    **dict.fromkeys("ckvsxyzJ", 500),
    **dict.fromkeys("abdeghnopqu0123456789L", 556),
    **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("ABEKPSVXY", 667),
    **dict.fromkeys("wCDHNRU", 722),
    **dict.fromkeys("GOQ", 778),
    **dict.fromkeys("mM", 833),
    "W": 944,
}
_SPACE_WIDTH = 278


def text_width(text: str) -> int:
    """Printed width of a line in 1/1000 em (accents count as their base letter)."""
    total = 0
    for ch in text:
        width = _GLYPH_WIDTHS.get(ch)
        if width is None:
            base = unicodedata.normalize("NFD", ch)[:1]
            width = _GLYPH_WIDTHS.get(base, 556)
        total += width
    return total


_FUNCTION_WORDS = {
    "de",
    "het",
    "een",
    "van",
    "en",
    "in",
    "op",
    "met",
    "voor",
    "naar",
    "aan",
    "te",
    "of",
    "bij",
    "tot",
    "om",
    "door",
    "uit",
    "over",
    "als",
    "dan",
    "die",
    "dat",
    "den",
    "der",
}
# "·" (a middle dot) is how many web pages print a list item once their markup is gone.
_BULLETS = "•➢▪●■◦*·"
_LIST_ITEM = re.compile(r"\d{1,2}[.)]\s+[A-Z]")
# A lettered item ("a. Werk maken van werk") after a line that announces a list (ends in a
# colon) or after another lettered item.
_LETTER_ITEM = re.compile(r"[a-z][.)]\s+[A-Z]")
_DASHES = "–-−"
# A lead line that ends with the first item's marker: "kiest voor zes speerpunten: -".
_MARKER_AT_END = re.compile(r":\s+[–\-−•▪●]$")
# A line this short after a bullet item may be a heading of its own.
_MAX_HEADING_AFTER_BULLET = 80


def is_bullet_line(text: str, previous: str = "") -> bool:
    """Does a printed line open a list item (•, ➢, or a dash that starts an item)?"""
    if len(text) == 1 and text in _BULLETS + _DASHES:
        return True  # a marker alone, its item on the next line (PDF extraction)
    if _MARKER_AT_END.search(previous) and text[:1].isalnum():
        return True  # the first item's marker ended the lead line ("speerpunten: -")
    if len(text) < 2 or text[1] != " ":
        return False
    if text[0] in _BULLETS:
        return True
    if text[0] in _DASHES:
        before = previous.rstrip()
        following = text[2:3]
        # a long item after an item with the same dash is its sibling ("– Meerkosten
        # verplaatsen hoofdveld FC Harlingen door plaatsen tribune / – Vervolg …")
        sibling = previous[:2] == text[:2] and (following.isupper() or following.isdigit())
        if (
            not sibling
            and len(before) >= _RUNNING_LINE
            and before[-1:].isalpha()
            and before[-1:].islower()
        ):
            # a dash after a full line that stops mid-sentence opens an inserted clause
            # ("In Venray, Kerkrade en Oldambt / – M50-gemeenten die … - gaat …")
            return False
        return following.isupper() or following.isdigit() or before[-1:] in ".:;"
    return False


# A printed line at least this long is running text, not a list item or heading.
_RUNNING_LINE = 60
# A line longer than this was never printed: it is a paragraph as a web page gives it.
_UNWRAPPED_LINE = 250
# At most this share of the line breaks of a kind may fall inside a sentence for them to be
# read as paragraph breaks (see _breaks_end_paragraphs).
_RUN_ON_SHARE = 0.1


def _breaks_end_paragraphs(lines: list[TextLine], regular: list[int | None], gap: int) -> bool:
    """Do the line breaks with `gap` blank lines in this text end paragraphs, not lines?

    A PDF extraction breaks its sentences at every printed line: in the bundled reports
    three in four lines after a single blank line (where the extraction puts one after
    every line) go on with a sentence the line before left open (no full stop, a
    lower-case start), and as many after no blank line. A person who leaves a blank line
    between paragraphs, or writes each paragraph on one line, almost never does.
    """
    breaks = 0
    run_on = 0
    for i in range(1, len(lines)):
        if regular[i] != gap:
            continue
        breaks += 1
        if _runs_on(lines[i - 1].text, lines[i].text[:1]):
            run_on += 1
    return breaks > 0 and run_on <= _RUN_ON_SHARE * breaks


def _runs_on(before: str, first: str) -> bool:
    """Does a line starting with `first` go on with the sentence the line `before` left open?"""
    return first.islower() and not _SENTENCE_END.search(before) and not before.endswith(":")


def _mark_breaks(lines: list[TextLine]) -> None:
    """Decide which lines start a paragraph.

    The files put an empty line after every printed line in some stretches and not in
    others; a paragraph gap is a gap wider than the local rhythm. Page furniture removed
    between two lines breaks only where the sentence had ended. A line that ends clearly
    short of the margin (the next word would have fitted) ends its paragraph when it ends
    a sentence, or is a heading-like short line followed by a capital. List items always
    start a new block.
    """
    if not lines:
        return
    regular = [ln.gap if not ln.page_start and not ln.after_artefact else None for ln in lines]
    counts = Counter(g for g in regular if g is not None)
    mode = min(counts.most_common(1)[0][0], 1) if counts else 1
    # Hand-written text with a blank line between paragraphs (the way Markdown and most
    # plain text is written): the blank line is the paragraph break, as if the rhythm
    # between lines were none. The margin rules below would merge such paragraphs.
    # Lines that follow each other without a blank line and never go on with a sentence
    # were not wrapped at a margin: each is a paragraph (or a heading, or an item),
    # whatever its width (one per line, as text copied from a web page or an editor
    # without wrapping gives them).
    unwrapped = mode == 0 and _breaks_end_paragraphs(lines, regular, 0)
    blank_breaks = mode == 1 and _breaks_end_paragraphs(lines, regular, 1)
    if blank_breaks:
        mode = 0
    n = len(lines)
    prev_regular = [mode] * n
    last = mode
    for i in range(n):
        prev_regular[i] = last
        if regular[i] is not None:
            last = regular[i]
    next_regular = [mode] * n
    last = mode
    for i in range(n - 1, -1, -1):
        next_regular[i] = last
        if regular[i] is not None:
            last = regular[i]
    widths = [text_width(ln.text) for ln in lines]
    full = _percentile(widths, 0.95)
    lines[0].hard_break = True
    for i in range(1, n):
        ln, prev = lines[i], lines[i - 1]
        first = ln.text[:1]
        ended = bool(_SENTENCE_END.search(prev.text)) or prev.text.endswith(":")
        starts_new = first.isupper() or first.isdigit() or first in "‘“'\"•➢–-−(" or not first
        if (
            is_bullet_line(ln.text, prev.text)
            or (
                _LIST_ITEM.match(ln.text)
                and (prev.text[-1:] in ".:;!?" or _LIST_ITEM.match(prev.text))
            )
            or (
                _LETTER_ITEM.match(ln.text)
                and (prev.text.endswith(":") or _LETTER_ITEM.match(prev.text))
            )
        ):
            ln.hard_break = True
            continue
        if (
            is_bullet_line(prev.text)
            and _SENTENCE_END.search(prev.text)
            and first.isupper()
            and not _SENTENCE_END.search(ln.text)
            and len(ln.text) <= _MAX_HEADING_AFTER_BULLET
        ):
            # a short line with no full stop after a finished bullet item is the next
            # heading ("Positieve gezondheid"), not more of the item
            ln.hard_break = True
            continue
        if len(prev.text) == 1 and prev.text in _BULLETS + _DASHES:
            # the item of a marker that stands alone (a "-" before a figure is a table's nil)
            ln.hard_break = not first.isalpha()
            continue
        if ln.after_artefact:
            ln.hard_break = ended and starts_new
            continue
        if len(prev.text) > _UNWRAPPED_LINE and _SENTENCE_END.search(prev.text):
            # a line longer than any printed one is a whole paragraph (text from a web page):
            # a new start after its last sentence opens the next block, whatever the rhythm
            ln.hard_break = starts_new
            continue
        base = min(prev_regular[i], next_regular[i], mode)
        if ln.gap > base:
            # (in hand-written text, the odd blank line inside a sentence does not end it)
            run_on = blank_breaks and _runs_on(prev.text, first)
            ln.hard_break = not (prev.text.endswith("-") and first.islower()) and not run_on
            continue
        # the printed width of this stretch (narrow columns have short lines); would the
        # next word have fitted on the previous line?
        local = min(max(widths[j] for j in range(max(0, i - 4), min(n, i + 3))), full)
        next_word = ln.text.split(" ", 1)[0]
        fits = widths[i - 1] + _SPACE_WIDTH + text_width(next_word) <= 0.9 * local
        if _SENTENCE_END.search(prev.text):
            ln.hard_break = starts_new and (fits or unwrapped)
            continue
        last_word = prev.text.rsplit(" ", 1)[-1].lower()
        # (a quotation may open the line: "'We bouwen niet voor leegstand' / "We konden …")
        opener = ln.text.lstrip("‘“'\"")[:1]
        ln.hard_break = (
            fits
            and (opener.isupper() or opener.isdigit())
            and (widths[i - 1] <= 0.7 * local or prev.hard_break)
            # a bullet item wraps onto the next line only from a line that ran to the
            # margin: after a short one ("· leestijd 2 minuten"), a capital opens a new block
            and (not is_bullet_line(prev.text) or widths[i - 1] <= 0.5 * local)
            and prev.text[-1:] not in ",;-"
            and last_word not in _FUNCTION_WORDS
        )
