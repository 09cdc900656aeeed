"""The structure of a report: chapters, sections and the passages facts are drawn from.

`segment(norm, key, profile)` reads the printed lines of a normalised report
(gemeentegraaf.text.normalise) and returns a `Document`: sections with their headings and
numbers, and passages (paragraphs,
trend and opgave bullets, dash items, table cells, footnotes, practice boxes, headings),
each with offsets into the clean text and into the raw file. `sentences(doc, passage)`
splits a passage for the extractor; `footnote(doc, number)` finds a footnote; `to_rdf`
gives the document's named-graph content.

The layout profile comes from the genre the text shows (data/genres/*.toml, picked by
gemeentegraaf.text.genres): how chapters are numbered, which bullets mean what, what a
case table's columns and a box heading look like. A text of no known genre gets the
general one, which understands numbered headings, Markdown headings and bullets.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from functools import cached_property

from gemeentegraaf.common.namespaces import GG, ID, OA, document_uri, slug
from gemeentegraaf.common.resources import GENRES_DIR
from gemeentegraaf.text.normalise import _FUNCTION_WORDS, NormalisedText, TextLine, is_bullet_line
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

# "inhoud": the entries of a table of contents, which claim nothing there.
PASSAGE_KINDS = (
    "alinea", "trend", "opgave", "streepje", "tabelcel", "voetnoot", "kader", "kop", "inhoud"
)  # fmt: skip


@dataclass(frozen=True)
class Section:
    key: str  # unique in the document: the number ("7.4") or a slug ("inleiding")
    number: str | None  # as printed, without trailing dot
    title: str  # heading text without the number
    level: int  # 1 chapter, 2 section, 3 subsection (a table column is a level-4 part)
    parent: str | None  # key of the enclosing section
    raw_start: int  # heading start in the raw file
    raw_end: int  # end of the section's last line in the raw file
    norm_start: int  # heading span in the clean text
    norm_end: int
    case: bool = False  # a worked case (gg:Casus)
    column: bool = False  # a table column (the VNG knelpunt tables)


@dataclass(frozen=True)
class Passage:
    kind: str  # one of PASSAGE_KINDS
    raw_start: int
    raw_end: int
    norm_start: int
    norm_end: int
    text: str  # the clean text of the passage
    section: str | None  # key of the innermost section it belongs to
    column: str | None = None  # table column name, for "tabelcel"
    row: int | None = None  # position in its table column (1-based), for "tabelcel"
    number: int | None = None  # footnote number, or the number of a numbered list item
    title: str | None = None  # title of a box ("kader")

    @property
    def key(self) -> str:
        """The stable key used in its URI: raw start and end offsets."""
        return f"{self.raw_start}-{self.raw_end}"


@dataclass(frozen=True)
class Sentence:
    text: str
    norm_start: int
    norm_end: int
    raw_start: int
    raw_end: int


@dataclass
class Document:
    key: str
    norm: NormalisedText
    sections: list[Section]
    passages: list[Passage]
    genre: str = "algemeen"  # the genre profile it was read with (gemeentegraaf.text.genres)
    genre_score: int = 0

    @property
    def raw(self) -> str:
        return self.norm.raw

    @property
    def text(self) -> str:
        return self.norm.text

    @cached_property
    def _sections_by_key(self) -> dict[str, Section]:
        return {s.key: s for s in self.sections}

    def section(self, key: str) -> Section:
        try:
            return self._sections_by_key[key]
        except KeyError:
            raise KeyError(f"document {self.key} has no section {key!r}") from None

    def children(self, key: str | None) -> list[Section]:
        return [s for s in self.sections if s.parent == key]

    def ancestors(self, key: str | None) -> list[Section]:
        """The section and the sections enclosing it, innermost first."""
        chain = []
        while key is not None:
            section = self.section(key)
            chain.append(section)
            key = section.parent
        return chain

    def passages_in(self, key: str, *, kind: str | None = None) -> list[Passage]:
        """Passages of a section and its subsections, in document order."""
        keys = {key}
        for s in self.sections:  # sections are in document order, parents first
            if s.parent in keys:
                keys.add(s.key)
        return [p for p in self.passages if p.section in keys and (kind is None or p.kind == kind)]

    def passage_at(self, raw_offset: int) -> Passage | None:
        """The (innermost) passage whose raw span holds `raw_offset`."""
        best = None
        for p in self.passages:
            if p.raw_start <= raw_offset < p.raw_end and (
                best is None or p.raw_end - p.raw_start < best.raw_end - best.raw_start
            ):
                best = p
        return best

    def of_kind(self, kind: str) -> list[Passage]:
        return [p for p in self.passages if p.kind == kind]


# ---------------------------------------------------------------------------
# Profiles
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    # numbered chapter heading: groups "number" and "title" (title may be empty)
    chapter: re.Pattern | None = None
    chapter_at_page_start: bool = True
    # unnumbered chapter headings (Voorwoord, Inleiding, ...), at the top of a page
    named_chapters: re.Pattern | None = None
    # numbered section heading: groups "chapter", "number" (the part after the dot), "title"
    section: re.Pattern | None = re.compile(
        r"(?P<chapter>\d{1,2})\.(?P<number>\d{1,2})\.?\s+(?P<title>\S.*)"
    )
    bullet_kinds: dict[str, str] = field(default_factory=lambda: {})
    # unnumbered headings that sit one level below the chapter; others go one deeper
    level2_headings: frozenset[str] = frozenset()
    # headings recognised by their exact text (they may end in a colon)
    fixed_headings: re.Pattern | None = None
    # section numbers holding a table whose columns are printed one after the other
    # the column headings of a case table printed column by column: a section whose
    # first lines hold one of them is such a table
    table_columns: frozenset[str] = frozenset()
    box_prefix: str | None = None  # "Praktijkvoorbeeld:"
    # page-start lines opening a part title page (kept as a heading passage, no section)
    part_titles: re.Pattern | None = None
    markdown: bool = False
    # lines known (from reading the file) to open a paragraph the layout does not mark
    paragraph_starts: tuple[str, ...] = ()
    # section titles wrap until they end in a full stop (the G32 speerpunten)
    titles_end_with_period: bool = False


def profile_from_table(table: dict[str, object]) -> Profile:
    """A Profile from a genre file's [segment] table (data/genres/*.toml).

    Regular expressions are strings; an empty string switches a pattern off (for
    `section`, whose default is the numbered "2.3 Title" heading); lists become sets.
    """
    known = {f.name: f for f in fields(Profile)}
    values: dict[str, object] = {}
    for name, value in table.items():
        if name not in known:
            raise ValueError(f"unknown segmentation setting {name!r} in a genre profile")
        if name in _PATTERN_FIELDS:
            values[name] = re.compile(str(value)) if value else None
        elif name in ("level2_headings", "table_columns"):
            values[name] = frozenset(str(v) for v in value)  # type: ignore[union-attr]
        elif name == "paragraph_starts":
            values[name] = tuple(str(v) for v in value)  # type: ignore[union-attr]
        elif name == "bullet_kinds":
            values[name] = {str(k): str(v) for k, v in value.items()}  # type: ignore[union-attr]
        else:
            values[name] = value
    return Profile(**values)  # type: ignore[arg-type]


# How many lines after a section heading its table's first column heading may stand.
_TABLE_LOOKAHEAD = 6

_PATTERN_FIELDS = {"chapter", "named_chapters", "section", "fixed_headings", "part_titles"}


def _general_profile() -> Profile:
    with (GENRES_DIR / "algemeen.toml").open("rb") as handle:
        return profile_from_table(tomllib.load(handle)["segment"])


# The general rules (data/genres/algemeen.toml): numbered and Markdown headings, bullets.
GENERIC = _general_profile()

# No heading is longer than this: a longer line is text, whatever word opens it.
MAX_HEADING_CHARS = 200
_CAPTION = re.compile(r"(Figuur|Tabel|Bron|Grafiek|Kaart|Noot|Foto)\b")
_TABLE_CAPTION = re.compile(r"Tabel \d+(\.\d+)?:?\s")
_LIST_NUMBER = re.compile(r"(\d{1,2})[.)]\s+\S")
# A lettered item of a list ("a. Werk maken van werk"), on a line of its own.
_LIST_LETTER = re.compile(r"([a-z])[.)]\s+[A-Z]")
_MARKDOWN_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*$")
_HEADING_END_OK = "?!’”)"
_ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}


def _starts_paragraph(text: str, profile: Profile) -> bool:
    return bool(profile.paragraph_starts) and text.startswith(profile.paragraph_starts)


# ---------------------------------------------------------------------------
# Segmentation
# ---------------------------------------------------------------------------


@dataclass
class _Open:
    """A section being built."""

    key: str
    number: str | None
    title: str
    level: int
    parent: str | None
    raw_start: int
    norm_start: int
    norm_end: int
    case: bool = False
    column: bool = False
    raw_end: int = 0


# A table of contents: its title, then entries ("1. Inleiding", "2.1 Wonen 12",
# "Voorwoord ....... 3") that name the chapters to come. Its entries are no sections: the
# chapters are, where they stand.
_INDEX_TITLE = re.compile(r"(?i)(?:inhoud(?:sopgave)?|indeling)\s*:?")
_ENTRY_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)\.?(?:\s|$)")
_PAGE_REFERENCE = re.compile(r"[\s.…·_-]*\d{0,4}$")
_ENDS_IN_PAGE = re.compile(r"\S\s*(?:\.{2,}|…|\s)\s*\d{1,4}$")
# leader dots whose page number the text lost ("Wonen ..."; the page numbers of a PDF's
# text are taken out as page furniture)
_ENDS_IN_LEADER = re.compile(r"\w\s*(?:\.{3,}|…)\s*$")
_PAGE_NUMBER_LINE = re.compile(r"\d{1,4}")
# an index written as a Markdown list: "- Wonen", "* 2. Zorg"
_BULLET = re.compile(r"^[-*•–]\s+")
_TITLE_MAX_WORDS = 6
_ENTRY_MAX_CHARS = 100
# How far one index may run: what follows is read as text again, whatever it looks like, so
# that a long list under a title that happens to be "Inhoud" loses no more than this.
_INDEX_MAX_LINES = 80
_INDEX_MAX_CHARS = 4000


@dataclass
class _Index:
    """The table of contents being read: what its entries were, to see where it ends."""

    level: int  # of its section
    last_number: tuple[int, ...] = ()
    titles: set[str] = field(default_factory=set)
    lines: int = 0
    chars: int = 0

    def takes(self, text: str) -> bool:
        """Whether `text` is one more entry: short, numbered, or ending in a page number,
        or a title of a few capitalised words; not a Markdown heading, not a chapter named
        a second time (the chapter itself, after the index), and numbered after the entry
        before it. Anything else ends the index: a line of text it took would be lost to
        its chapter."""
        # (length first: the heading pattern is not tried on a long line)
        if len(text) > _ENTRY_MAX_CHARS or self.lines >= _INDEX_MAX_LINES:
            return False
        if self.chars + len(text) > _INDEX_MAX_CHARS or _MARKDOWN_HEADING.fullmatch(text):
            return False
        length = len(text)
        text = _BULLET.sub("", text)
        if not _looks_like_entry(text):
            return False
        if _PAGE_NUMBER_LINE.fullmatch(text):
            # a page number on a line of its own, after its entry: no entry number
            self.lines += 1
            self.chars += length
            return True
        number = _ENTRY_NUMBER.match(text)
        if number is not None:
            numbers = tuple(int(n) for n in number.group(1).split("."))
            if numbers <= self.last_number:
                return False
            self.last_number = numbers
        title = _PAGE_REFERENCE.sub("", text[number.end() if number else 0 :]).strip().lower()
        if title and title in self.titles:
            return False
        self.titles.add(title)
        self.lines += 1
        self.chars += length
        return True


def _looks_like_entry(text: str) -> bool:
    """An index entry: numbered ("2.1 Wonen"), or ending in a page number ("Wonen ... 12")
    or in leader dots, or a title of at most six words that opens with a capital and ends
    no sentence (`text` without a list marker). A line of wrapped prose is none of these,
    or not for long."""
    if _ENTRY_NUMBER.match(text) or _ENDS_IN_PAGE.search(text) or _ENDS_IN_LEADER.search(text):
        return True
    words = text.split()
    return len(words) <= _TITLE_MAX_WORDS and text[:1].isupper() and text[-1:] not in ".,;:!?"


class _Segmenter:
    def __init__(self, norm: NormalisedText, key: str, profile: Profile) -> None:
        self.norm = norm
        self.key = key
        self.profile = profile
        self.lines = [ln for ln in norm.lines if not ln.footnote]
        self.width = norm.line_width
        self.sections: list[_Open] = []
        self.stack: list[_Open] = []  # open sections, outermost first
        self.passages: list[Passage] = []
        self.used_keys: set[str] = set()
        self.next_suffix: dict[str, int] = {}
        self.chapter_number = 0
        self.section_number = 0
        self.in_table: str | None = None
        self.column: str | None = None
        self.row = 0
        self.index: _Index | None = None  # reading a table of contents

    # -- sections ---------------------------------------------------------------

    def _unique(self, candidate: str) -> str:
        key = candidate or "sectie"
        # numbering resumes where it stopped for this candidate: "-2", "-3", … are
        # taken already, and counting from 2 each time was quadratic in repeats
        n = self.next_suffix.get(candidate, 2)
        while key in self.used_keys:
            key = f"{candidate}-{n}"
            n += 1
            self.next_suffix[candidate] = n
        self.used_keys.add(key)
        return key

    def _close_to(self, level: int, at_raw: int) -> None:
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop().raw_end = at_raw

    def _open(
        self,
        number: str | None,
        title: str,
        level: int,
        first: TextLine,
        last: TextLine,
        *,
        case: bool = False,
        column: bool = False,
    ) -> _Open:
        self._close_to(level, first.raw_start)
        parent = self.stack[-1].key if self.stack else None
        if number and not column:
            key = self._unique(number)
        else:
            # an unnumbered section is keyed by its title under the nearest numbered one
            anchor = next((o.key for o in reversed(self.stack) if o.number and not o.column), None)
            if anchor is None and self.stack:
                anchor = self.stack[0].key  # below an unnumbered chapter
            if column and parent:
                anchor = parent
            base = slug(title) or "sectie"
            if level == 1:
                anchor = None
                base = slug(title.split(":", 1)[0]) or base  # "Proloog: aandacht voor ..."
            key = self._unique(f"{anchor}-{base}" if anchor else base)
        section = _Open(
            key,
            number,
            title,
            level,
            parent,
            first.raw_start,
            first.norm_start,
            last.norm_end,
            case,
            column,
        )
        self.sections.append(section)
        self.stack.append(section)
        self.index = _Index(level) if _INDEX_TITLE.fullmatch(title.strip()) else None
        return section

    @property
    def current(self) -> str | None:
        return self.stack[-1].key if self.stack else None

    def _level_of_current_numbered(self) -> int:
        for s in reversed(self.stack):
            if not s.column and (s.number is not None or s.level == 1):
                return s.level
        return 0

    # -- passages ---------------------------------------------------------------

    def _passage(
        self,
        kind: str,
        lines: list[TextLine],
        span: tuple[int, int] | None = None,
        **extra,
    ) -> Passage | None:
        """A passage of `lines`, or of the clean-text `span` within them."""
        start, end = span or (lines[0].norm_start, lines[-1].norm_end)
        text = self.norm.text[start:end]
        if kind != "kop" and is_bullet_line(text):
            start += 2  # the bullet sign is layout, not text
            text = text[2:]
        if not text.strip():
            return None
        rs, re_ = self.norm.to_raw(start, end)
        passage = Passage(kind, rs, re_, start, end, text, self.current, **extra)
        self.passages.append(passage)
        return passage

    def _heading_words(self, ln: TextLine) -> tuple[int, int] | None:
        """The clean-text span of a Markdown heading's words, without its "#" marks: what
        a fact resting on the heading quotes ("Wonen", not "## Wonen")."""
        line = self.norm.text[ln.norm_start : ln.norm_end]
        m = _MARKDOWN_HEADING.fullmatch(line)
        if m is None or not m.group(2):
            return None
        return ln.norm_start + m.start(2), ln.norm_start + m.end(2)

    # -- line tests -------------------------------------------------------------

    def _next(self, i: int, step: int = 1) -> TextLine | None:
        j = i + step
        return self.lines[j] if 0 <= j < len(self.lines) else None

    def _is_long(self, ln: TextLine | None) -> bool:
        return ln is not None and len(ln.text) >= 0.55 * self.width

    def _looks_like_heading(self, i: int) -> bool:
        ln = self.lines[i]
        text = ln.text
        if not text or not text[0].isupper() or _CAPTION.match(text):
            return False
        if is_bullet_line(text) or _LIST_NUMBER.match(text):
            return False
        if len(text) > 0.85 * self.width or len(text.split()) > 14:
            return False
        core = text.rstrip("’”")
        if (
            not core
            or core[-1] in ".,;:"
            or (not text[-1].isalnum() and text[-1] not in _HEADING_END_OK)
        ):
            return False
        if text.isupper() or text.split(" ", 1)[0] in _ROMAN or ln.indent >= 8:
            return False  # labels in figures and boxes, column continuations
        if "   " in self.norm.raw[ln.raw_start : ln.raw_end]:
            return False  # a line laid out in columns (a list of names and roles)
        if not (ln.hard_break or ln.page_start or i == 0):
            return False
        if text.rsplit(" ", 1)[-1].lower() in _FUNCTION_WORDS:
            return False  # a line cut off mid-sentence ("... in het")
        tokens = text.split()
        if sum(any(ch.isdigit() for ch in t) for t in tokens) * 3 > len(tokens):
            return False  # a table row
        previous = self._next(i, -1)
        if previous is not None and previous.text[-1:] in "’”" and ln.hard_break is False:
            return False
        if previous is not None and previous.text.endswith(("’", "”")) and "," in text:
            return False  # the speaker under a quotation
        nxt = self._next(i)
        if nxt is None or not nxt.text or self._is_chapter_start(i + 1):
            return False
        first = nxt.text[0]
        if not (
            first.isupper() or first.isdigit() or first in "‘“'\"(" or is_bullet_line(nxt.text)
        ):
            return False
        return self._is_long(nxt) or self._is_long(self._next(i, 2))

    def _heading_lines(self, i: int, *, until_period: bool = False) -> int:
        """Index of the last line of a heading starting at line i (titles may wrap)."""
        j = i
        while j + 1 < len(self.lines) and j - i < 3:
            nxt = self.lines[j + 1]
            current = self.lines[j].text
            if not nxt.text or current[-1:] in ".?!":
                break
            if current.endswith(":") and not until_period:
                break
            lower_start = nxt.text[0].islower()
            if not lower_start:
                break
            if not until_period and len(nxt.text) > 0.75 * self.width:
                break
            j += 1
        return j

    def _chapter_match(self, i: int) -> tuple[str, str] | None:
        ln = self.lines[i]
        p = self.profile
        if p.chapter is None or (p.chapter_at_page_start and not (ln.page_start or i == 0)):
            return None
        m = p.chapter.fullmatch(ln.text)
        if not m:
            return None
        number = m.group("number")
        if int(number) != self.chapter_number + 1:
            return None
        if not p.chapter_at_page_start:
            previous = self.lines[i - 1].text if i else ""
            starts_block = ln.hard_break or previous[-1:] in ".!?:" or not previous
            if not starts_block or ln.text[-1] in ".,;:":
                return None
        title = (m.group("title") or "").strip()
        if len(title) > 0.9 * self.width:
            return None
        return number, title

    def _named_chapter(self, i: int) -> bool:
        ln = self.lines[i]
        pattern = self.profile.named_chapters
        if pattern is None or not (ln.page_start or ln.after_artefact or ln.indent > 0 or i == 0):
            return False
        text = ln.text
        if len(text) > MAX_HEADING_CHARS:
            return False  # a whole text without line breaks that opens with "Inleiding"
        return bool(pattern.fullmatch(text) or (pattern.match(text) and text[-1:] not in ".,;"))

    def _is_chapter_start(self, i: int) -> bool:
        return 0 <= i < len(self.lines) and (
            self._chapter_match(i) is not None or self._named_chapter(i)
        )

    def _section_match(self, i: int) -> tuple[str, str] | None:
        ln = self.lines[i]
        p = self.profile
        if p.section is None:
            return None
        m = p.section.fullmatch(ln.text)
        if not m:
            return None
        chapter, number = int(m.group("chapter")), int(m.group("number"))
        if chapter != self.chapter_number or number != self.section_number + 1:
            return None
        if m.group("title")[:1].islower():
            return None
        return f"{chapter}.{number}", m.group("title").strip()

    # -- the walk -----------------------------------------------------------------

    def run(self) -> Document:
        lines = self.lines
        p = self.profile
        i = 0
        block: list[TextLine] = []
        block_kind = "alinea"
        block_extra: dict = {}

        def flush() -> None:
            nonlocal block, block_kind, block_extra
            if block:
                self._passage(block_kind, block, **block_extra)
            block, block_kind, block_extra = [], "alinea", {}

        while i < len(lines):
            ln = lines[i]
            text = ln.text
            if not text:
                i += 1
                continue

            # the entries of a table of contents: one passage under its title, no sections
            if self.index is not None:
                if self.index.takes(text):
                    if block_kind != "inhoud":
                        flush()
                        block_kind = "inhoud"
                    block.append(ln)
                    i += 1
                    continue
                flush()
                if self.index.lines:
                    # the section holds the index only: what follows is not part of it
                    self._close_to(self.index.level, ln.raw_start)
                self.index = None
            elif _INDEX_TITLE.fullmatch(text) and (ln.hard_break or ln.page_start or i == 0):
                # the title on a line of its own, with no heading mark (a PDF's text)
                flush()
                level = min(self._level_of_current_numbered() + 1, 3)
                self._open(None, text.rstrip(":"), level, ln, ln)
                self._passage("kop", [ln])
                i += 1
                continue

            # part title pages (VNG: "Hoe staat het ervoor?") run to the next chapter
            if p.part_titles and ln.page_start and p.part_titles.match(text):
                flush()
                self._leave_table()
                j = i
                while j + 1 < len(lines) and not self._chapter_match(j + 1):
                    j += 1
                    if j - i > 8:
                        break
                self._close_to(1, ln.raw_start)
                self._passage("kop", lines[i : j + 1])
                i = j + 1
                continue

            # Markdown headings (ingested .md files)
            if p.markdown:
                # (a "#" line longer than any heading is text: a whole report on one line
                # that opens with "# Titel" would otherwise be one heading and nothing else)
                m = _MARKDOWN_HEADING.fullmatch(text) if len(text) <= MAX_HEADING_CHARS else None
                if m:
                    flush()
                    level = min(len(m.group(1)), 3)
                    self._open(None, m.group(2), level, ln, ln)
                    self._passage("kop", [ln], span=self._heading_words(ln))
                    i += 1
                    continue

            chapter = self._chapter_match(i)
            if chapter is None and self._named_chapter(i):
                flush()
                self._leave_table()
                j = self._heading_lines(i)
                title = self._text(i, j)
                self._open(None, title, 1, ln, lines[j])
                self._passage("kop", lines[i : j + 1])
                self.section_number = 0
                i = j + 1
                continue
            if chapter is not None:
                flush()
                self._leave_table()
                number, title = chapter
                j = i if not title else self._heading_lines(i)
                case = False
                if not title and j + 1 < len(lines):
                    # "7." / "Casus 1" / "Ronald en Marijke"
                    j += 1
                    title = lines[j].text
                    if re.fullmatch(r"Casus \d+", title) and j + 1 < len(lines):
                        j += 1
                        title = f"{title}: {lines[j].text}"
                        case = True
                else:
                    title = self._text(i, j)
                    title = re.sub(rf"^(Thema\s+)?{number}\.?\s*:?\s*", "", title)
                self.chapter_number = int(number)
                self.section_number = 0
                self._open(number, title, 1, ln, lines[j], case=case)
                self._passage("kop", lines[i : j + 1])
                i = j + 1
                continue

            section = self._section_match(i)
            if section is not None:
                flush()
                self._leave_table()
                number, _ = section
                j = self._heading_lines(i, until_period=p.titles_end_with_period)
                title = self._text(i, j)
                title = re.sub(rf"^{re.escape(number)}\.?\s*", "", title)
                self.section_number = int(number.split(".")[1])
                self._open(number, title, 2, ln, lines[j])
                self._passage("kop", lines[i : j + 1])
                if self._opens_table(j + 1):
                    self.in_table = number
                i = j + 1
                continue

            # the columns of a knelpunt table, one after the other
            if self.in_table:
                if text in p.table_columns:
                    flush()
                    self.column = text
                    self.row = 0
                    self._close_to(3, ln.raw_start)
                    self._open(None, text, 3, ln, ln, column=True)
                    self._passage("kop", [ln])
                    i += 1
                    continue
                if self.column:
                    if ln.hard_break or not block:
                        flush()
                        self.row += 1
                        block_kind = "tabelcel"
                        block_extra = {"column": self.column, "row": self.row}
                    block.append(ln)
                    i += 1
                    continue

            # a table under a caption ("Tabel 2.1 ..."): one passage per printed row,
            # up to its source line ("Bron: ...")
            if _TABLE_CAPTION.match(text):
                end = next(
                    (
                        k
                        for k in range(i + 1, min(i + 40, len(lines)))
                        if lines[k].text.startswith("Bron")
                    ),
                    None,
                )
                if end is not None:
                    flush()
                    j = i
                    while j + 1 < end and lines[j + 1].text[:1].islower():
                        j += 1  # the caption wraps
                    self._passage("alinea", lines[i : j + 1])
                    for row, k in enumerate(range(j + 1, end), start=1):
                        self._passage("tabelcel", [lines[k]], row=row)
                    i = end
                    continue

            # a box: "Praktijkvoorbeeld: title" and its text up to the next blank line
            if p.box_prefix and text.startswith(p.box_prefix) and (ln.hard_break or ln.page_start):
                flush()
                j = self._heading_lines(i)
                k = j + 1
                seen_bullet = False
                while k < len(lines):
                    nxt = lines[k]
                    if nxt.gap > 0 or self._chapter_match(k) or self._section_match(k):
                        break
                    if is_bullet_line(nxt.text):
                        seen_bullet = True
                    elif seen_bullet and nxt.text[:1].isupper():
                        break
                    if nxt.page_start and self._looks_like_heading(k):
                        break
                    k += 1
                title = self._text(i, j)[len(p.box_prefix) :].strip()
                self._passage("kader", lines[i:k], title=title)
                i = k
                continue

            fixed = p.fixed_headings and p.fixed_headings.fullmatch(text)
            if fixed or (
                (ln.hard_break or ln.page_start)
                and block_kind != "tabelcel"
                and self._looks_like_heading(i)
            ):
                flush()
                j = i if fixed else self._heading_lines(i)
                title = self._text(i, j).rstrip(":").strip()
                if title in p.level2_headings:
                    level = 2
                else:
                    level = min(self._level_of_current_numbered() + 1, 3)
                    if p.level2_headings and level == 2:
                        level = 3  # below "Toelichting" in the 2013 study
                self._open(None, title, level, ln, lines[j])
                self._passage("kop", lines[i : j + 1])
                i = j + 1
                continue

            # bullets and numbered items start a passage of their own
            marker = text[0]
            if is_bullet_line(text, lines[i - 1].text if i else ""):
                flush()
                block_kind = p.bullet_kinds.get(marker, "streepje")
                block = [ln]
                i += 1
                continue
            m = _LIST_NUMBER.match(text)
            if m and (ln.hard_break or ln.page_start) and len(text) > 3:
                flush()
                block_kind = "streepje"
                block_extra = {"number": int(m.group(1))}
                block = [ln]
                i += 1
                continue
            m = _LIST_LETTER.match(text)
            after_list = block_kind == "streepje" or (i > 0 and lines[i - 1].text.endswith(":"))
            if m and ln.hard_break and after_list:
                flush()
                block_kind = "streepje"
                block_extra = {"number": ord(m.group(1)) - ord("a") + 1}
                block = [ln]
                i += 1
                continue

            if block and (ln.hard_break or _starts_paragraph(text, p)):
                flush()
            block.append(ln)
            i += 1
        flush()
        self._close_to(0, len(self.norm.raw))
        self._footnotes()
        return self._document()

    def _opens_table(self, i: int) -> bool:
        """Whether a table column heading stands among the first lines after a heading."""
        if not self.profile.table_columns:
            return False
        for k in range(i, min(i + _TABLE_LOOKAHEAD, len(self.lines))):
            if self.lines[k].text.strip() in self.profile.table_columns:
                return True
            if self._section_match(k) is not None:
                return False
        return False

    def _leave_table(self) -> None:
        self.in_table = None
        self.column = None

    def _text(self, i: int, j: int) -> str:
        return self.norm.text[self.lines[i].norm_start : self.lines[j].norm_end].strip()

    def _footnotes(self) -> None:
        notes = [ln for ln in self.norm.lines if ln.footnote]
        groups: list[list[TextLine]] = []
        for ln in notes:
            if ln.footnote_number is not None or not groups:
                groups.append([ln])
            else:
                groups[-1].append(ln)
        for group in groups:
            first = group[0]
            section = self._section_at(first.raw_start)
            start, end = first.norm_start, group[-1].norm_end
            text = self.norm.text[start:end]
            number = first.footnote_number
            if number is not None:
                text_wo_number = re.sub(r"^\d{1,3}\s+", "", text)
                start += len(text) - len(text_wo_number)
                text = text_wo_number
            rs, re_ = self.norm.to_raw(start, end)
            self.passages.append(
                Passage("voetnoot", rs, re_, start, end, text, section, number=number)
            )

    def _section_at(self, raw_offset: int) -> str | None:
        best = None
        for s in self.sections:
            inside = s.raw_start <= raw_offset < s.raw_end and not s.column
            if inside and (best is None or s.level > best.level):
                best = s
        return best.key if best else None

    def _document(self) -> Document:
        sections = [
            Section(
                s.key,
                s.number,
                s.title,
                s.level,
                s.parent,
                s.raw_start,
                s.raw_end,
                s.norm_start,
                s.norm_end,
                s.case,
                s.column,
            )
            for s in self.sections
        ]
        passages = sorted(self.passages, key=lambda p: (p.norm_start, p.norm_end))
        return Document(self.key, self.norm, sections, passages)


def segment(norm: NormalisedText, key: str, profile: Profile | None = None) -> Document:
    """The structure of a normalised report, read with a genre's layout profile (the
    general one by default; gemeentegraaf.text.genres picks one from the text).
    `key` names the document in URIs only."""
    return _Segmenter(norm, key, profile or GENERIC).run()


# ---------------------------------------------------------------------------
# Footnotes and sentences
# ---------------------------------------------------------------------------


def footnote(doc: Document, number: int, *, within: str | None = None) -> Passage:
    """The footnote passage with this number.

    Footnote numbers restart in some reports (the 2021 study numbers the introduction's
    notes 1-3 and starts again in chapter 1); the first in document order is returned
    unless `within` names a section key, e.g. footnote(doc, 2, within="inleiding").
    """
    keys: set[str] | None = None
    if within is not None:
        keys = {s.key for s in doc.sections if s.key == within} | {
            s.key for s in doc.sections if within in {a.key for a in doc.ancestors(s.key)}
        }
    for p in doc.passages:
        if p.kind == "voetnoot" and p.number == number and (keys is None or p.section in keys):
            return p
    where = f" in section {within!r}" if within else ""
    raise KeyError(f"document {doc.key} has no footnote {number}{where}")


_ABBREVIATIONS = {
    "o.a",
    "e.d",
    "t.a.v",
    "bijv",
    "z.s.m",
    "c.a",
    "ca",
    "d.w.z",
    "m.b.t",
    "n.a.v",
    "enz",
    "etc",
    "p",
    "nr",
    "blz",
    "dhr",
    "mevr",
    "e.v",
    "i.p.v",
    "vs",
    "b.v",
    "incl",
    "excl",
    "jl",
    "resp",
    "m.n",
    "t.b.v",
    "i.s.m",
    "a.s",
    "mln",
    "mld",
    "vgl",
    "zgn",
    "evt",
    "o.b.v",
    "t.o.v",
    "m.u.v",
    "i.c.m",
    "o.m",
    "m.i.v",
    "i.o.m",
    "m.a.w",
    "d.d",
    # Titles before a name ("de Dr. Hockesingel", "Mr. Jansen", "prof. De Vries"); not
    # those that also end sentences as words or units ("ING.", "20 MW.", "St.")
    "dr",
    "drs",
    "mr",
    "ir",
    "prof",
    "ds",
}
# (Dutch newspapers open a quote with two commas: ",,Wij willen …", as in „Wij willen …")
_SENTENCE_BREAK = re.compile(r"[.!?]+[’”'\")]*\s+(?=(?:,,|[\"“‘'(„])?[A-Z0-9ÁÉÍÓÚÀÈËÏÖÜ•➢–-])")


def _word_before_stop(text: str, stop: int) -> str:
    """The run of non-space characters that ends just before a full stop at `stop`
    ("" when text[stop] is not a full stop or a space precedes it).

    Walks back from the stop instead of searching the text before it, so that a
    passage of any length is split in time linear in its length (a long paragraph
    without line breaks was quadratic).
    """
    if text[stop] != ".":
        return ""
    start = stop
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:stop]


def sentences(doc: Document, passage: Passage) -> list[Sentence]:
    """The sentences of a passage, each with clean and raw offsets.

    Splits after ., ! or ? followed by a capital or a digit, except after common Dutch
    abbreviations ("o.a.", "t.a.v.") and initials ("M. van der Steen"). A passage without
    sentence punctuation (a heading, a table cell) is one sentence.
    """
    text = passage.text
    base = passage.norm_start
    cuts = [0]
    for m in _SENTENCE_BREAK.finditer(text):
        word = _word_before_stop(text, m.start())
        if word:
            token = word.lower().lstrip("(‘“'\"")
            if token.rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"[a-z]", token):
                continue
            if re.fullmatch(r"[A-Z]", word):
                continue  # an initial
        cuts.append(m.end())
    cuts.append(len(text))
    result = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        chunk = text[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        start = base + a + lead
        end = start + len(stripped)
        rs, re_ = doc.norm.to_raw(start, end)
        result.append(Sentence(stripped, start, end, rs, re_))
    return result


# ---------------------------------------------------------------------------
# RDF
# ---------------------------------------------------------------------------


def section_uri(doc_key: str, section_key: str) -> URIRef:
    return ID[f"document/{doc_key}/sectie/{section_key}"]


def passage_uri(doc_key: str, passage: Passage) -> URIRef:
    """<…/id/document/{doc}/passage/{rawstart}-{rawend}>: stable, the files never change."""
    return ID[f"document/{doc_key}/passage/{passage.key}"]


def to_rdf(doc: Document) -> Graph:
    """The structure of a document as RDF, for its named graph graph/document/{key}.

    The document node (a gg:Document), its sections (gg:Sectie, or gg:Casus for a worked
    case) with title, number and level, and its passages (gg:Passage) with the clean text
    as rdf:value, the kind, the enclosing section and the raw character offsets as
    oa:start/oa:end (the same numbers an oa:TextPositionSelector carries). Title,
    publisher and date of the document come from gemeentegraaf.sources.catalogue.document_rdf.
    """
    g = Graph()
    g.bind("gg", GG)
    g.bind("dcterms", DCTERMS)
    g.bind("oa", OA)
    document = document_uri(doc.key)
    g.add((document, RDF.type, GG.Document))
    for s in doc.sections:
        node = section_uri(doc.key, s.key)
        g.add((node, RDF.type, GG.Casus if s.case else GG.Sectie))
        g.add((node, DCTERMS.title, Literal(s.title, lang="nl")))
        if s.number:
            g.add((node, GG.sectienummer, Literal(s.number)))
        g.add((node, GG.niveau, Literal(s.level, datatype=XSD.integer)))
        parent = section_uri(doc.key, s.parent) if s.parent else document
        g.add((node, DCTERMS.isPartOf, parent))
    for p in doc.passages:
        node = passage_uri(doc.key, p)
        g.add((node, RDF.type, GG.Passage))
        g.add((node, RDF.value, Literal(p.text)))
        g.add((node, GG.passagesoort, Literal(p.kind)))
        parent = section_uri(doc.key, p.section) if p.section else document
        g.add((node, DCTERMS.isPartOf, parent))
        g.add((node, OA.start, Literal(p.raw_start, datatype=XSD.integer)))
        g.add((node, OA.end, Literal(p.raw_end, datatype=XSD.integer)))
    return g
