"""Which municipality does a name in a text mean? Names, aliases, demonyms, typos, dates, context.

The corpus extractor calls `Gazetteer.find(text, on)` to get every municipality mention in a
document with character offsets into the original text, and `resolve(name, on, context)` for a
single name. Everything is decided from the reference data
(gemeentegraaf.sources.reference_data) plus the hand-kept list
data/reference/gazetteer_aliases.csv; nothing is guessed silently:

- an official name, alias or demonym resolves with method "exact", "alias" or "demonym";
- a typo resolves only through a conservative fuzzy match, recorded as method "fuzzy" with its
  score and a note;
- a name that fits several municipalities (Bergen NH/L) or a municipality and a province
  (Groningen, Utrecht) is decided by context (method "context") or reported "ambiguous" with
  its candidates;
- phrases that contain a name but mean something else (parties, regions, institutions,
  airports, compounds such as "Oost-Groningen") come back as "not_municipality" with a note.

Dates: a name resolves to the municipality that bore it on the date of the text. A name of a
municipality dissolved before that date still resolves to the old municipality (a 2023 report
naming Heerhugowaard means the old municipality, now part of Dijk en Waard); the note says so and
`successors` lists the municipalities it went into. A name of a municipality that did not exist
yet on that date is "not_municipality" (it named a region or a plan then).

Matching works on tokens, not on a regex per name: the text is tokenised once and a dictionary
keyed on the first token finds the longest entry at each position, so whitespace and blank lines
inside names ("Den\\n\\nHaag"), apostrophe styles and footnote digits glued to a name
("Tynaarlo10") need no special cases.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Literal

from gemeentegraaf.common.resources import REFERENCE_DIR
from gemeentegraaf.sources.reference_data import (
    ALIASES_FILE,
    Municipality,
    Place,
    Province,
    municipalities,
    places,
    provinces,
    read_alias_rows,
)
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

Method = Literal["exact", "alias", "demonym", "fuzzy", "context", "none"]
Status = Literal["resolved", "ambiguous", "not_municipality", "unknown"]


@dataclass(frozen=True)
class Resolution:
    """What a name means on a date. `code` is set only when status is "resolved"."""

    code: str | None
    method: Method
    score: float
    candidates: tuple[str, ...]
    status: Status
    note: str
    # Codes a dissolved municipality went into, as they stood on the date asked about.
    successors: tuple[str, ...] = ()
    # Province code when the name was read as the province ("provincie Groningen") or a region
    # of it ("aardbevingen in Groningen").
    province: str | None = None


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets into the text given to find(): text[start:end] == surface
    end: int
    surface: str
    resolution: Resolution


# --- tokens ---------------------------------------------------------------------------------

# Letters, digit runs, or any other single visible character. Digits split from letters, so a
# footnote number glued to a name ("Tynaarlo10") is its own token.
_TOKEN = re.compile(r"[^\W\d_]+|\d+|\S")
_FOLD = str.maketrans(
    dict.fromkeys("\u2018\u2019`\u00b4\u02bc", "'") | {"\u2010": "-", "\u2011": "-"}
)
# Small words inside names whose case varies in running text ("den Haag", "De Bilt").
_PARTICLES = frozenset(
    {"de", "den", "der", "het", "s", "van", "aan", "op", "en", "bij", "in", "ter", "ten", "te",
     "a", "d"}
)  # fmt: skip


def _norm(raw: str) -> str:
    tok = raw.translate(_FOLD)
    low = tok.lower()
    return low if low in _PARTICLES else tok


@dataclass
class _Tokens:
    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    raws: list[str] = field(default_factory=list)
    norms: list[str] = field(default_factory=list)
    _vocabulary: frozenset[str] | None = None
    # How earlier matches were read ("city"/"province"), by first token: lists lean on them.
    readings: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> _Tokens:
        tk = cls(text)
        for m in _TOKEN.finditer(text):
            tk.starts.append(m.start())
            tk.ends.append(m.end())
            tk.raws.append(m.group())
            tk.norms.append(_norm(m.group()))
        return tk

    def __len__(self) -> int:
        return len(self.raws)

    @property
    def vocabulary(self) -> frozenset[str]:
        """Words the text uses in lower case somewhere: ordinary words, not names."""
        if self._vocabulary is None:
            self._vocabulary = frozenset(r for r in self.raws if r[0].islower())
        return self._vocabulary

    def glued(self, i: int, j: int) -> bool:
        """Tokens i and j=i+1 touch (no whitespace between them)."""
        return i >= 0 and j < len(self.raws) and self.ends[i] == self.starts[j]

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.raws) and self.raws[i][0].isalpha()


# "de gemeente Heusden", "in de buurgemeente Hengelo": the municipality, whatever the
# speaker's towns.
_MUNICIPALITY_BEFORE = re.compile(r"gemeenten?\s+$", re.IGNORECASE)
# What joins the names of one list: "Enschede, Almelo en Hengelo".
_LIST_JOIN = re.compile(r"^\s*(?:,|en|of|&)?\s*(?:,\s*)?(?:en\s+|of\s+)?$")


def _key(surface: str) -> tuple[str, ...]:
    return tuple(_norm(m.group()) for m in _TOKEN.finditer(surface))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


# --- entries ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    code: str  # GM…, PV…, or "" for exclusions and known words
    kind: Literal["municipality", "province", "exclusion", "known"]
    method: Literal["exact", "alias", "demonym"]
    note: str = ""


@dataclass(frozen=True)
class _Raw:
    """A span of tokens [i, e) that matched one entry of the gazetteer."""

    i: int
    e: int
    targets: tuple[_Target, ...]

    @property
    def municipal(self) -> tuple[_Target, ...]:
        return tuple(t for t in self.targets if t.kind == "municipality")

    @property
    def provincial(self) -> tuple[_Target, ...]:
        return tuple(t for t in self.targets if t.kind == "province")


# --- context rules (Dutch) ------------------------------------------------------------------

# A sentence ends at . ! ? ; (optionally followed by a footnote number) or at a bullet.
_SENTENCE_END = re.compile(r"[.!?;]\d*\s|[•➢▪●■]")
_WINDOW = 200  # characters either side of a mention that count as its sentence, at most
_WINDOW_WORD = re.compile(r"[^\W_]+")
# Tokens after which the next word starts a sentence (footnote numbers are skipped first).
_OPENERS = frozenset(".!?:;•➢▪●■◦-–—(“„\"'‘’*")

# Municipality names that are also ordinary Dutch (or English) words. At the start of a sentence
# they are taken as the word ("Huizen werden duurder"), elsewhere as the name.
COMMON_WORD_NAMES = frozenset(
    {
        "Beek", "Bergen", "Best", "Born", "Buren", "Doorn", "Duiven", "Echt", "Haren", "Heel",
        "Helden", "Houten", "Huizen", "Leek", "Monster", "Putten", "Sluis",
    }
)  # fmt: skip

# The word right before a name that makes it the municipality or the province.
_CITY_BEFORE = frozenset(
    {"gemeente", "gemeenten", "stad", "centrumgemeente", "hoofdstad", "provinciehoofdstad"}
)
# … followed by "van": "college van Utrecht".
_CITY_BEFORE_PAIR = frozenset(
    {"college", "burgemeester", "wethouder", "wethouders", "gemeenteraad", "raad",
     "coalitieakkoord"}
)  # fmt: skip
_PROVINCE_BEFORE = frozenset({"provincie", "provincies", "provinciale"})
_PROVINCE_BEFORE_PAIR = frozenset({"staten", "provincie"})  # … followed by "van"
# Words in the same sentence that point to the city or to the province.
_CITY_WORDS = frozenset(
    {"gemeente", "college", "coalitieakkoord", "wethouder", "burgemeester", "gemeenteraad",
     "stad", "steden", "g4", "g32", "g40", "m50", "binnenstad", "stadsdeel", "stadsdelen"}
)  # fmt: skip
_PROVINCE_WORDS = frozenset({"provincie", "provincies", "provinciale", "gedeputeerde"})
# The Groningen gas field: the region, neither the city nor the province as an authority.
_REGION_CUES = {"PV20": ("beving", "gaswinning", "gasveld", "schadeafhandeling", "mijnbouw")}
# After a demonym these words make it a region or the province ("Groningse gemeenten").
_DEMONYM_AREA_AFTER = frozenset(
    {"gemeenten", "dorpen", "platteland", "regio", "omgeving", "agglomeratie", "provincie"}
)
# "Rotterdam-Zuid" is part of Rotterdam; other capitalised second parts make another name.
_DISTRICT_SUFFIXES = frozenset(
    {"Noord", "Zuid", "Oost", "West", "Noordoost", "Noordwest", "Zuidoost", "Zuidwest",
     "Centrum", "Nieuw"}
)  # fmt: skip
# A capitalised word right before a name that makes the whole a party or an institution.
_PARTY_BEFORE = frozenset(
    {
        "leefbaar",
        "stadspartij",
        "stadsbelang",
        "gemeentebelangen",
        "burgerbelangen",
        "dorpsbelang",
        "dorpsbelangen",
    }
)
_PARTY_BEFORE_PAIR = {("hart", "voor"), ("trots", "op"), ("beter", "voor"), ("echt", "voor")}
_INSTITUTION_BEFORE = frozenset(
    {"universiteit", "rijksuniversiteit", "hogeschool", "tu", "ggd", "omgevingsdienst",
     "havenbedrijf", "brainport"}
)  # fmt: skip
_INSTITUTION_BEFORE_PAIR = {("universiteit", "van"), ("hogeschool", "van")}
_SUFFIX_KIND = {
    "Airport": "airport",
    "University": "university",
    "UMC": "hospital",
    "Courant": "newspaper",
    "Dagblad": "newspaper",
    "Nieuwsblad": "newspaper",
    "Museum": "museum",
    "Hogeschool": "college",
    "Stadspartij": "local political party",
    # "Texels Belang", "Westlands Belang": a place's interest is a party's name
    "Belang": "local political party",
    "Belangen": "local political party",
}
# Titles before a capitalised "Van"/"De" that make the name a surname ("minister Van Veldhoven").
_TITLES = frozenset(
    {"minister", "staatssecretaris", "wethouder", "burgemeester", "mevrouw", "meneer", "heer",
     "dhr", "mevr", "mw", "dr", "prof", "ir", "drs", "mr", "ing"}
)  # fmt: skip
_SURNAME_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten"})
_ARTICLES = frozenset({"de", "het", "een", "onze", "ons", "dit", "deze"})
# Separators between items of a list of places: "Dordrecht (5,2), Groningen (5,2) en Leiden".
_LIST_SEPARATOR = re.compile(r"(?:[\s,/&+\-–]|\ben\b|\bof\b)*")
_PARENTHESIS = re.compile(r"\([^()]{0,40}\)")

# Fuzzy matching: only capitalised words of at least this length, and only this close.
FUZZY_MIN_LENGTH = 6
FUZZY_MIN_SCORE = 88.0
FUZZY_MAX_EDITS = 2
_FUZZY_WORD = re.compile(r"[A-Z][a-zà-ÿ]+(?:[ -][A-Za-zà-ÿ]+)*")


def _as_date(on: date) -> date:
    if isinstance(on, datetime):
        return on.date()
    if not isinstance(on, date):
        raise TypeError(f"on must be a datetime.date, not {type(on).__name__}")
    return on


class Gazetteer:
    """Municipality names → CBS codes, aware of dates and context. Build once, use often."""

    def __init__(
        self,
        munis: Sequence[Municipality],
        provs: Sequence[Province],
        alias_rows: Iterable[dict[str, str]] = (),
        towns: Iterable[Place] = (),
    ) -> None:
        self._munis = {m.code: m for m in munis}
        # Per municipality, the keys of its towns and villages named like another municipality.
        self._towns: dict[str, dict[tuple[str, ...], str]] = {}
        self._provs = {p.code: p for p in provs}
        self._entries: dict[tuple[str, ...], list[_Target]] = {}
        for m in munis:
            for surface in self._name_variants(m):
                self._add(surface, _Target(m.code, "municipality", "exact"))
        for p in provs:
            self._add(p.name, _Target(p.code, "province", "exact"))
            if not p.name.isascii():
                self._add(_ascii(p.name), _Target(p.code, "province", "exact"))
        for row in alias_rows:
            self._add_row(row)
        # First token → entries starting with it, longest first (leftmost-longest matching).
        self._trie: dict[str, list[tuple[tuple[str, ...], tuple[_Target, ...]]]] = {}
        for key, targets in self._entries.items():
            self._trie.setdefault(key[0], []).append((key, tuple(targets)))
        for options in self._trie.values():
            options.sort(key=lambda kt: -len(kt[0]))
        self._province_terms = self._province_terms_by_code()
        for town in towns:
            self._add_town(town)
        self._fuzzy_cache: dict[date, dict[str, list[tuple[str, str]]]] = {}

    # -- construction -----------------------------------------------------------------------

    @classmethod
    def from_reference(cls, directory: Path = REFERENCE_DIR) -> Gazetteer:
        """The gazetteer of the bundled reference data; built once per process."""
        return _cached_gazetteer(directory)

    def _name_variants(self, m: Municipality) -> list[str]:
        names = [m.name]
        base, _, qualifier = m.name.partition(" (")
        if qualifier:
            # "Bergen (NH)": the bare name is ambiguous; the qualifier may be written many ways.
            prov = self._provs.get(m.province)
            abbrev = qualifier.rstrip(")").rstrip(".")
            forms = {abbrev, abbrev + ".", ".".join(abbrev) + "."}
            if prov is not None:
                forms |= {prov.name, prov.abbreviation}
            names += [base] + [f"{base} ({form})" for form in sorted(forms)]
        if m.name.startswith("'s-"):
            rest = m.name[3:]
            names += [f"'s {rest}", f"s-{rest}"]
        names += [_ascii(n) for n in names if not n.isascii()]
        return names

    def _add(self, surface: str, target: _Target) -> None:
        key = _key(surface)
        if key:
            targets = self._entries.setdefault(key, [])
            if target not in targets:
                targets.append(target)

    def _add_row(self, row: dict[str, str]) -> None:
        kind = row["kind"].strip()
        surface = row["surface"].strip()
        codes = row["target"].split()
        note = row.get("note", "").strip()
        if kind in ("alias", "demonym"):
            for code in codes:
                # A demonym may name a province as well ("Groningse"): the province reading.
                target_kind = "province" if code.startswith("PV") else "municipality"
                self._add(surface, _Target(code, target_kind, kind, note))
        elif kind == "province":
            for code in codes:
                self._add(surface, _Target(code, "province", "alias", note))
        elif kind in ("exclusion", "known"):
            self._add(surface, _Target("", kind, "exact", note))
        else:
            raise ValueError(f"{ALIASES_FILE}: unknown kind {kind!r} for {surface!r}")

    def _add_town(self, town: Place) -> None:
        # A town that was itself the municipality of its name until a merger ("Weesp", now
        # Amsterdam's; "Valkenburg", Katwijk's since 2006, beside Valkenburg aan de Geul) is
        # no namesake: the date of the text decides what it names.
        key = _key(town.bare_name)
        others = [
            t.code
            for t in self._entries.get(key, ())
            if t.kind == "municipality" and t.code != town.municipality
        ]
        if others and not any(town.municipality in self._descendants(c) for c in others):
            self._towns.setdefault(town.municipality, {})[key] = town.name

    def _descendants(self, code: str) -> set[str]:
        """Every municipality that `code` went into, through later mergers too."""
        return set(self._went_into(code, lambda _c: False))

    def _went_into(self, code: str, stop: Callable[[str], bool]) -> Iterator[str]:
        """The municipalities `code` went into, following later mergers, each once; one for
        which `stop` holds is given but not followed further."""
        todo = list(self._munis[code].successors)
        seen: set[str] = set()
        while todo:
            c = todo.pop()
            if c in seen or c not in self._munis:
                continue
            seen.add(c)
            yield c
            if not stop(c):
                todo.extend(self._munis[c].successors)

    def own_towns(self, mentions: list[Mention], text: str, speaker: str) -> list[Mention]:
        """`mentions` with those of another municipality that are named like a town of
        `speaker` (its code) read as that town: a municipality writing about itself means its
        own village ("woningbouw in Asten, Ommel en Heusden": Heusden is a village of Asten,
        not the municipality of Heusden). "de gemeente Heusden" still names the municipality.
        """
        towns = self._towns.get(speaker)
        if not towns:
            return mentions
        result = []
        for n, m in enumerate(mentions):
            town = towns.get(_key(m.surface))
            res = m.resolution
            if (
                town is not None
                and speaker not in (res.code, *res.candidates, *res.successors)
                and not _MUNICIPALITY_BEFORE.search(text, max(0, m.start - 30), m.start)
                and not self._listed_with_others(mentions, n, text, speaker, towns)
            ):
                speaker_name = self.name_of(speaker)
                res = Resolution(
                    None, "none", 0.0, res.candidates, "not_municipality",
                    f"{town}: een woonplaats van {speaker_name} ({speaker}), die de tekst schrijft",
                )  # fmt: skip
                m = Mention(m.start, m.end, m.surface, res)
            result.append(m)
        return result

    @staticmethod
    def _listed_with_others(
        mentions: list[Mention], n: int, text: str, speaker: str, towns: dict
    ) -> bool:
        """Whether mention `n` stands in one list with a municipality other than the speaker
        ("de gemeenten Enschede, Almelo en Hengelo": Hengelo is the municipality there; in
        "Asten, Ommel en Heusden" the speaker's own name leads its villages, and in "Katwijk
        en Vianen" of Land van Cuijk both are its villages)."""
        for k in (n - 1, n + 1):
            if not 0 <= k < len(mentions):
                continue
            other = mentions[k]
            code = other.resolution.code
            between = (
                text[other.end : mentions[n].start]
                if k < n
                else text[mentions[n].end : other.start]
            )
            if (
                code
                and code.startswith("GM")
                and code != speaker
                and _key(other.surface) not in towns
                and _LIST_JOIN.match(between)
            ):
                return True
        return False

    def _province_terms_by_code(self) -> dict[str, tuple[str, ...]]:
        # Lower-case words that name a province in running text, for "Bergen … Limburg".
        terms: dict[str, set[str]] = {p.code: {p.name.lower(), _ascii(p.name).lower()}
                                      for p in self._provs.values()}  # fmt: skip
        for key, targets in self._entries.items():
            for t in targets:
                if t.kind == "province" and t.method != "demonym" and t.code in terms:
                    terms[t.code].add(" ".join(key).lower())
        for code, p in self._provs.items():
            if len(p.abbreviation) >= 2:
                terms[code].add(p.abbreviation.lower())
        return {code: tuple(sorted(v)) for code, v in terms.items()}

    # -- public API -----------------------------------------------------------------------------

    def name_of(self, code: str) -> str:
        if code in self._munis:
            return self._munis[code].name
        if code in self._provs:
            return self._provs[code].name
        raise KeyError(code)

    def resolve(self, name: str, on: date, context: str = "") -> Resolution:
        """What `name` meant on `on`. `context` is text around it (may contain the name)."""
        on = _as_date(on)
        name_tk = _Tokens.of(name)
        keep = [i for i in range(len(name_tk)) if not name_tk.raws[i].isdigit()]
        if not keep:
            return _unknown(name, "empty name")
        wanted = [name_tk.norms[i] for i in keep]
        text, lo, hi = self._locate(wanted, context, name)
        tk = _Tokens.of(text)
        raws = self._scan(tk)
        # The match that covers the asked name (or the longest one inside it).
        covering = [r for r in raws if r.i <= lo and r.e >= hi]
        inside = sorted((r for r in raws if r.i >= lo and r.e <= hi), key=lambda r: r.i - r.e)
        raw = covering[0] if covering else (inside[0] if inside else None)
        if raw is not None:
            target = raws.index(raw)
            for j in range(target):  # earlier places in a list help decide this one
                earlier = self._decide(tk, raws, j, on, explicit=False)
                if earlier is not None:
                    _remember(tk, raws[j], earlier[2])
            decided = self._decide(tk, raws, target, on, explicit=True)
            if decided is not None:
                return decided[2]
        surface = " ".join(name.split())
        if _FUZZY_WORD.fullmatch(surface) and len(surface) >= FUZZY_MIN_LENGTH:
            hit = self._fuzzy(surface, on)
            if hit is not None:
                return hit
        return _unknown(surface, "no municipality of that name")

    def find(
        self,
        text: str,
        on: date,
        *,
        include_non_municipal: bool = True,
        discourse: bool = False,
    ) -> list[Mention]:
        """Every municipality mention in `text` (a text dated `on`), in order.

        Returned: resolved, ambiguous and fuzzy hits, and (unless include_non_municipal is
        False) phrases that look like a municipality but are not one ("Leefbaar Rotterdam",
        "provincie Utrecht", "Oost-Groningen"), with status "not_municipality" and the reason.
        Not returned: plain province and country names, and names that are also ordinary words
        at the start of a sentence ("Huizen werden duurder").

        discourse=True also settles an ambiguous mention by the rest of the text: when its
        other mentions were decided at least twice, always the same way ("one sense per
        discourse"). The note says so; without it such mentions stay "ambiguous".
        """
        on = _as_date(on)
        tk = _Tokens.of(text)
        raws = self._scan(tk)
        mentions: list[Mention] = []
        covered = bytearray(len(tk))
        for j in range(len(raws)):
            decided = self._decide(tk, raws, j, on, explicit=False)
            if decided is None:
                covered[raws[j].i : raws[j].e] = b"\x01" * (raws[j].e - raws[j].i)
                continue
            i, e, res = decided
            covered[i:e] = b"\x01" * (e - i)
            _remember(tk, raws[j], res)
            start, end = tk.starts[i], tk.ends[e - 1]
            mentions.append(Mention(start, end, text[start:end], res))
        mentions += self._fuzzy_mentions(tk, covered, on)
        mentions.sort(key=lambda m: m.start)
        # A compound span may swallow a neighbouring match ("Groningen-Assen"): keep the first.
        result: list[Mention] = []
        for m in mentions:
            if not result or m.start >= result[-1].end:
                result.append(m)
        if discourse:
            result = self.settle_by_discourse(result, on)
        if not include_non_municipal:
            result = [m for m in result if m.resolution.status != "not_municipality"]
        return result

    def settle_by_discourse(self, mentions: list[Mention], on: date) -> list[Mention]:
        """Settle ambiguous mentions by how the same text decided its other mentions.

        For callers that run find() per sentence: collect the mentions of the whole document
        and pass them here; the result is aligned one to one with `mentions`.
        """
        # How often each municipality or province reading was decided elsewhere in the text.
        votes: dict[str, int] = {}
        for m in mentions:
            r = m.resolution
            reading = r.code if r.status == "resolved" else r.province
            if reading is not None and r.method != "fuzzy":
                votes[reading] = votes.get(reading, 0) + 1
        settled = []
        for m in mentions:
            r = m.resolution
            seen = {c: votes[c] for c in r.candidates if c in votes}
            if r.status != "ambiguous" or r.method == "fuzzy" or len(seen) != 1:
                settled.append(m)
                continue
            ((code, count),) = seen.items()
            if count < 2:
                settled.append(m)
                continue
            others = " or ".join(self.name_of(c) + f" ({c})" for c in r.candidates if c != code)
            why = (
                f"elsewhere in this text it means {self.name_of(code)} ({code}) {count} times "
                f"and never {others}"
            )
            surface = " ".join(m.surface.split())
            if code.startswith("PV"):
                res = _not_municipality(
                    f"'{surface}' is the province {self.name_of(code)} ({code}): {why}",
                    province=code,
                )
            else:
                res = self._resolved(code, "context", surface, on, how=why)
            settled.append(Mention(m.start, m.end, m.surface, res))
        return settled

    # -- matching -----------------------------------------------------------------------------

    def _locate(self, wanted: list[str], context: str, name: str) -> tuple[str, int, int]:
        """Text to analyse and the token range of the name in it."""
        if context:
            ctx = _Tokens.of(context)
            n = len(wanted)
            for i in range(len(ctx) - n + 1):
                if ctx.norms[i : i + n] == wanted:
                    return context, i, i + n
            # Context without the name: read it as the words before the name.
            text = context.rstrip() + " " + name
            total = len(_Tokens.of(text))
            return text, total - len(_Tokens.of(name)), total
        return name, 0, len(_Tokens.of(name))

    def _scan(self, tk: _Tokens) -> list[_Raw]:
        raws: list[_Raw] = []
        norms = tk.norms
        n = len(norms)
        i = 0
        while i < n:
            options = self._trie.get(norms[i])
            step = 1
            if options is not None:
                for key, targets in options:
                    k = len(key)
                    if i + k <= n and all(norms[i + x] == key[x] for x in range(1, k)):
                        raws.append(_Raw(i, i + k, targets))
                        step = k
                        break
            i += step
        return raws

    # -- deciding what a match means ------------------------------------------------------------

    def _decide(
        self, tk: _Tokens, raws: list[_Raw], j: int, on: date, *, explicit: bool
    ) -> tuple[int, int, Resolution] | None:
        """(first token, end token, resolution) for match j, or None if it is no mention."""
        raw = raws[j]
        surface = _surface(tk, raw.i, raw.e)
        kinds = {t.kind for t in raw.targets}
        if not raw.municipal:
            if "exclusion" in kinds:
                note = next(t.note for t in raw.targets if t.kind == "exclusion")
                return (
                    raw.i,
                    raw.e,
                    _not_municipality(f"'{surface}' is not a municipality: {note}", method="exact"),
                )
            if not explicit:
                return None  # a province or country name: context only
            if raw.provincial:
                code = raw.provincial[0].code
                note = f"'{surface}' is the province {self.name_of(code)} ({code})"
                return raw.i, raw.e, _not_municipality(note, province=code, method="exact")
            note = next(t.note for t in raw.targets)
            return (
                raw.i,
                raw.e,
                _not_municipality(f"'{surface}' is not a municipality: {note}", method="exact"),
            )

        shape = self._shape_rules(tk, raws, j, explicit)
        if shape is not None:
            return shape
        if not explicit and self._ordinary_word(tk, raw):
            return None
        return raw.i, raw.e, self._meaning(tk, raws, j, on)

    def _shape_rules(
        self, tk: _Tokens, raws: list[_Raw], j: int, explicit: bool
    ) -> tuple[int, int, Resolution] | None:
        """Compounds, parties, institutions and surnames built around a name."""
        raw = raws[j]
        i, e = raw.i, raw.e
        # "Oost-Groningen", "Noord-Groningen": a compound with a word glued before the name.
        if tk.raws[i - 1 : i] == ["-"] and tk.glued(i - 2, i - 1) and tk.is_word(i - 2):
            whole = _surface(tk, i - 2, e)
            return i - 2, e, _not_municipality(f"'{whole}' is a compound name (an area), "
                                               f"not the municipality")  # fmt: skip
        # "Groningen-Assen", "Arnhem-Nijmegen" (regions) but "Rotterdam-Zuid" (a district).
        if (
            e + 1 < len(tk)
            and tk.raws[e] == "-"
            and tk.glued(e - 1, e)
            and tk.is_word(e + 1)
            and tk.raws[e + 1][0].isupper()
            and tk.raws[e + 1] not in _DISTRICT_SUFFIXES
        ):
            nxt = raws[j + 1] if j + 1 < len(raws) and raws[j + 1].i == e + 1 else None
            stop = nxt.e if nxt is not None else e + 2
            whole = _surface(tk, i, stop)
            return i, stop, _not_municipality(f"'{whole}' is a compound name (an area), "
                                              f"not the municipality")  # fmt: skip
        before = [tk.norms[k].lower() for k in range(max(0, i - 2), i)]
        before_raw = tk.raws[i - 1] if i > 0 else ""
        prev1 = before[-1] if before else ""
        pair = tuple(before[-2:])
        kind = None
        if prev1 in _PARTY_BEFORE and before_raw[:1].isupper() or pair in _PARTY_BEFORE_PAIR:
            kind = "local political party"
        elif prev1 in _INSTITUTION_BEFORE and before_raw[:1].isupper():
            kind = "institution or region"
        elif pair in _INSTITUTION_BEFORE_PAIR and tk.raws[i - 2][:1].isupper():
            kind = "institution"
        elif prev1.endswith("regio"):
            kind = "region"
        if kind is not None:
            first = i - (2 if pair in _PARTY_BEFORE_PAIR | _INSTITUTION_BEFORE_PAIR else 1)
            whole = _surface(tk, first, e)
            return first, e, _not_municipality(f"'{whole}' is not the municipality: {kind}")
        if e < len(tk) and tk.raws[e] in _SUFFIX_KIND:
            whole = _surface(tk, i, e + 1)
            return (
                i,
                e + 1,
                _not_municipality(f"'{whole}' is not the municipality: {_SUFFIX_KIND[tk.raws[e]]}"),
            )
        if not explicit and e - i == 1 and self._surname(tk, i):
            return i, e, _not_municipality(f"'{tk.raws[i]}' looks like part of a person's name")
        if not explicit and _particle_surname(tk, i):
            whole = _surface(tk, i - 1, e)
            return i - 1, e, _not_municipality(f"'{whole}' looks like a person's name")
        return None

    def _surname(self, tk: _Tokens, i: int) -> bool:
        # "minister Van Veldhoven": a title, then a capitalised particle, then the name.
        k = i - 1
        while k >= 0 and tk.norms[k] in _SURNAME_PARTICLES and i - k <= 2:
            k -= 1
        if k == i - 1 or k < 0:
            return False
        return tk.raws[k + 1][0].isupper() and tk.raws[k].lower() in _TITLES

    def _ordinary_word(self, tk: _Tokens, raw: _Raw) -> bool:
        return (
            raw.e - raw.i == 1
            and tk.raws[raw.i] in COMMON_WORD_NAMES
            and _sentence_start(tk, raw.i)
        )

    def _meaning(self, tk: _Tokens, raws: list[_Raw], j: int, on: date) -> Resolution:
        raw = raws[j]
        surface = _surface(tk, raw.i, raw.e)
        # How each candidate was named; an official name beats an alias of the same code.
        methods: dict[str, Method] = {}
        for t in raw.municipal:
            if methods.get(t.code) != "exact":
                methods[t.code] = t.method
        if raw.provincial:
            code = raw.municipal[0].code
            return self._city_or_province(tk, raws, j, on, surface, methods[code])
        living = [c for c in sorted(methods) if self._munis[c].existed_on(on)]
        if len(living) > 1:
            return self._by_province_nearby(tk, raw, living, on, surface, methods)
        return self._dated(surface, methods, on)

    def _dated(self, surface: str, methods: dict[str, Method], on: date) -> Resolution:
        """Resolve one or more same-named municipalities on a date (no context needed)."""
        codes = sorted(methods)
        living = [c for c in codes if self._munis[c].existed_on(on)]
        if len(living) == 1:
            return self._resolved(living[0], methods[living[0]], surface, on)
        if len(living) > 1:
            return _ambiguous(tuple(living), methods[living[0]],
                              f"'{surface}' fits " + self._list(living))  # fmt: skip
        ended = [c for c in codes if (end := self._munis[c].end) is not None and end < on]
        if ended:
            last = max(self._munis[c].end or on for c in ended)
            latest = [c for c in ended if self._munis[c].end == last]
            if len(latest) == 1:
                return self._resolved(latest[0], methods[latest[0]], surface, on)
            return _ambiguous(tuple(latest), methods[latest[0]],
                              f"'{surface}' fits " + self._list(latest))  # fmt: skip
        future = sorted(codes, key=lambda c: self._munis[c].begin or on)
        m = self._munis[future[0]]
        note = (
            f"'{surface}': {m.name} ({m.code}) only exists from {m.begin}; on {on} the name "
            f"did not denote a municipality"
        )
        return Resolution(None, methods[m.code], 1.0, tuple(future), "not_municipality", note)

    def _resolved(self, code: str, method: Method, surface: str, on: date,
                  score: float = 1.0, how: str = "") -> Resolution:  # fmt: skip
        m = self._munis[code]
        label = {"exact": "name", "alias": "alias", "demonym": "demonym", "fuzzy": "fuzzy match",
                 "context": "by context:"}[method]  # fmt: skip
        note = f"{label} '{surface}' → {m.name} ({code})"
        if method == "fuzzy":
            note = f"fuzzy match '{surface}' → {m.name} (score {score * 100:.0f})"
        if how:
            note += f"; {how}"
        successors: tuple[str, ...] = ()
        if m.end is not None and m.end < on:
            successors = self._successors_on(code, on)
            note += f"; {m.name} was dissolved on {m.end}"
            if successors:
                note += " and went into " + self._list(successors)
        elif m.end is not None and m.successors:
            note += f" (dissolved later, on {m.end}, into {self._list(m.successors)})"
        return Resolution(code, method, score, (), "resolved", note, successors)

    def _successors_on(self, code: str, on: date) -> tuple[str, ...]:
        def settled(c: str) -> bool:
            return self._munis[c].existed_on(on) or not self._munis[c].successors

        return tuple(sorted(c for c in self._went_into(code, settled) if settled(c)))

    def _list(self, codes: Iterable[str]) -> str:
        return ", ".join(f"{self.name_of(c)} ({c})" for c in codes)

    # -- context --------------------------------------------------------------------------------

    def _by_province_nearby(
        self,
        tk: _Tokens,
        raw: _Raw,
        living: list[str],
        on: date,
        surface: str,
        methods: dict[str, Method],
    ) -> Resolution:
        """Same-named municipalities (Bergen NH / Bergen L): a province named nearby decides."""
        window = _window(tk, raw.i, raw.e).lower()
        words = set(_WINDOW_WORD.findall(window))
        hits = []
        for code in living:
            terms = self._province_terms.get(self._munis[code].province, ())
            if any((t in words) if t.isalpha() and len(t) <= 3 else (t in window) for t in terms):
                hits.append(code)
        if len(hits) == 1:
            prov = self.name_of(self._munis[hits[0]].province)
            return self._resolved(hits[0], "context", surface, on, how=f"{prov} named nearby")
        return _ambiguous(
            tuple(living),
            methods[living[0]],
            f"'{surface}' fits {self._list(living)}; context does not say",
        )

    def _city_or_province(
        self, tk: _Tokens, raws: list[_Raw], j: int, on: date, surface: str, method: Method
    ) -> Resolution:
        """Groningen, Utrecht, Groningse …: the municipality, the province, or a region."""
        raw = raws[j]
        city = raw.municipal[0].code
        prov = raw.provincial[0].code
        verdict, why = self._city_or_province_cue(tk, raws, j, prov, method)
        if verdict == "city":
            return self._resolved(city, "context", surface, on, how=why)
        if verdict == "province":
            note = f"'{surface}' is the province {self.name_of(prov)} ({prov}): {why}"
            return _not_municipality(note, province=prov)
        if verdict == "region":
            return _not_municipality(
                f"'{surface}' means the region, not the municipality: {why}", province=prov
            )
        note = (
            f"'{surface}' may be the municipality {self.name_of(city)} ({city}) or the province "
            f"{self.name_of(prov)} ({prov}); context does not say"
        )
        return _ambiguous((city, prov), method, note)

    def _city_or_province_cue(
        self, tk: _Tokens, raws: list[_Raw], j: int, prov: str, method: Method
    ) -> tuple[str | None, str]:
        raw = raws[j]
        i, e = raw.i, raw.e
        before = [tk.norms[k].lower() for k in range(max(0, i - 2), i)]
        prev1 = before[-1] if before else ""
        pair_head = before[-2] if len(before) == 2 and prev1 == "van" else ""
        after = tk.norms[e].lower() if e < len(tk) else ""
        # 1. The words right next to the name.
        if prev1 in _PROVINCE_BEFORE or pair_head in _PROVINCE_BEFORE_PAIR:
            return "province", f"'{pair_head or prev1}{' van' if pair_head else ''}' before it"
        if prev1 in _CITY_BEFORE or pair_head in _CITY_BEFORE_PAIR:
            return "city", f"'{pair_head or prev1}{' van' if pair_head else ''}' before it"
        if after == "(" and e + 1 < len(tk):
            inner = tk.norms[e + 1].lower()
            if inner in ("provincie", "prov"):
                return "province", "'(provincie)' after it"
            if inner in ("gemeente", "stad"):
                return "city", f"'({inner})' after it"
        if method == "demonym" and after in _DEMONYM_AREA_AFTER:
            return "province", f"'{after}' after it"
        # 2. "Oldambt in Groningen": a municipality in it → the province.
        if j > 0 and self._kind_of(raws[j - 1]) == "city":
            between = tk.text[tk.ends[raws[j - 1].e - 1] : tk.starts[i]]
            if between.strip() == "in":
                return "province", "a municipality is said to lie in it"
        # 3. The earthquake region, 4. a list of places, 5. words in the same sentence.
        window = _window(tk, i, e)
        words = set(_WINDOW_WORD.findall(window.lower()))
        for cue in _REGION_CUES.get(prov, ()):
            hit = next((w for w in sorted(words) if cue in w), None)
            if hit is not None:
                return "region", f"'{hit}' in the same sentence"
        siblings = self._list_siblings(tk, raws, j)
        if "city" in siblings and "province" not in siblings:
            return "city", "listed with other municipalities"
        if "province" in siblings and "city" not in siblings:
            return "province", "listed with provinces or regions"
        city_words = sorted(words & _CITY_WORDS)
        prov_words = sorted(words & _PROVINCE_WORDS)
        if city_words and not prov_words:
            return "city", f"'{city_words[0]}' in the same sentence"
        if prov_words and not city_words:
            return "province", f"'{prov_words[0]}' in the same sentence"
        return None, ""

    def _kind_of(self, raw: _Raw) -> str | None:
        if raw.municipal and not raw.provincial:
            return "city"
        if not raw.municipal and (
            raw.provincial or any(t.kind == "exclusion" for t in raw.targets)
        ):
            return "province"
        return None

    def _list_siblings(self, tk: _Tokens, raws: list[_Raw], j: int) -> set[str]:
        kinds: set[str] = set()
        for k in (j - 1, j + 1):
            if not 0 <= k < len(raws):
                continue
            a, b = (raws[k], raws[j]) if k < j else (raws[j], raws[k])
            between = _PARENTHESIS.sub(" ", tk.text[tk.ends[a.e - 1] : tk.starts[b.i]])
            kind = self._kind_of(raws[k]) or tk.readings.get(raws[k].i)
            if kind is not None and _LIST_SEPARATOR.fullmatch(between):
                kinds.add(kind)
        return kinds

    # -- fuzzy ----------------------------------------------------------------------------------

    def _fuzzy_choices(self, on: date) -> dict[str, list[tuple[str, str]]]:
        """Names of municipalities existing on `on`, grouped by lower-case first letter."""
        if on not in self._fuzzy_cache:
            groups: dict[str, list[tuple[str, str]]] = {}
            for key, targets in self._entries.items():
                for t in targets:
                    if (
                        t.kind == "municipality"
                        and t.method != "demonym"
                        and self._munis[t.code].existed_on(on)
                    ):
                        name = " ".join(key).replace(" - ", "-")
                        groups.setdefault(name[0].lower(), []).append((name, t.code))
            if len(self._fuzzy_cache) > 64:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[on] = groups
        return self._fuzzy_cache[on]

    def _fuzzy(self, word: str, on: date) -> Resolution | None:
        if _key(word) in self._entries:
            return None  # known words never fuzzy-match
        best: dict[str, float] = {}
        for name, code in self._fuzzy_choices(on).get(word[0].lower(), ()):
            if abs(len(name) - len(word)) > FUZZY_MAX_EDITS:
                continue
            score = fuzz.ratio(word, name)
            if score >= FUZZY_MIN_SCORE and Levenshtein.distance(word, name) <= FUZZY_MAX_EDITS:
                best[code] = max(score, best.get(code, 0.0))
        if not best:
            return None
        top = max(best.values())
        winners = sorted(c for c, s in best.items() if s == top)
        if len(winners) > 1:
            note = f"fuzzy match '{word}' fits {self._list(winners)} equally (score {top:.0f})"
            return Resolution(None, "fuzzy", top / 100, tuple(winners), "ambiguous", note)
        return self._resolved(winners[0], "fuzzy", word, on, score=top / 100)

    def _fuzzy_mentions(self, tk: _Tokens, covered: bytearray, on: date) -> list[Mention]:
        # Only capitalised words not matched otherwise, not opening a sentence, not after a
        # surname particle, and never used in lower case in the same text (ordinary words).
        found = []
        vocabulary = tk.vocabulary
        for i, raw in enumerate(tk.raws):
            if (
                covered[i]
                or len(raw) < FUZZY_MIN_LENGTH
                or not raw[0].isupper()
                or not raw[1:].islower()
                or not raw.isalpha()
                or raw.lower() in vocabulary
                or (raw,) in self._entries
                or _sentence_start(tk, i)
                or (i > 0 and tk.norms[i - 1] in _SURNAME_PARTICLES)
                # a thing with a name of its own ("het Waterplan", "de Stadsgids"): a
                # municipality takes no article (the names that hold one, "De Bilt", are
                # matched whole before any fuzzy match is tried)
                or (i > 0 and tk.raws[i - 1].lower() in _DETERMINERS)
                # part of a name ("Texels Belang", a party): not a misspelt municipality
                or (i + 1 < len(tk.raws) and tk.raws[i + 1] in _SUFFIX_KIND)
            ):
                continue
            res = self._fuzzy(raw, on)
            if res is not None:
                found.append(Mention(tk.starts[i], tk.ends[i], raw, res))
        return found


# --- helpers ------------------------------------------------------------------------------------


# (articles and demonstratives only: "dat", "die" and the possessives also stand before a
# name, "Wij verwachten dat Amersfort meer bouwt")
_DETERMINERS = frozenset({"de", "het", "een", "dit", "deze"})


def _remember(tk: _Tokens, raw: _Raw, res: Resolution) -> None:
    if res.status == "resolved" and res.code is not None:
        tk.readings[raw.i] = "city"
    elif res.province is not None:
        tk.readings[raw.i] = "province"


def _surface(tk: _Tokens, i: int, e: int) -> str:
    return " ".join(tk.text[tk.starts[i] : tk.ends[e - 1]].split())


def _particle_surname(tk: _Tokens, i: int) -> bool:
    """A name that starts with an article after "van" is a surname: after a first name
    ("wethouder Jan van den Bosch"), or with a capital "Van" inside a sentence ("licht Van
    den Bosch toe"), as Dutch writes a surname without its first name. A place keeps its
    capital after a lower-case "van" ("de burgemeester van Den Haag"), or its article after
    a word in lower case or after an article ("het college van de Bilt", "Het College van
    de Bilt", "de burgemeester van den Bosch"); "Van Den Bosch" opening a sentence may be
    a route."""
    if i == 0 or tk.norms[i] not in _SURNAME_PARTICLES or tk.norms[i - 1] != "van":
        return False
    if tk.raws[i - 1][:1] == "V":
        return not _sentence_start(tk, i - 1)
    if not tk.raws[i][:1].islower() or i < 2:
        return False
    before = tk.raws[i - 2]
    if not (before[:1].isupper() and before.isalpha()) or _sentence_start(tk, i - 2):
        return False
    # a first name has no article before it: "Het College van de Bilt" is the council's
    return i < 3 or tk.norms[i - 3] not in _ARTICLES


def _sentence_start(tk: _Tokens, i: int) -> bool:
    k = i - 1
    while k >= 0 and tk.raws[k].isdigit():
        k -= 1
    return k < 0 or tk.raws[k] in _OPENERS


def _window(tk: _Tokens, i: int, e: int) -> str:
    """The sentence around tokens [i, e), at most _WINDOW characters either side."""
    start, end = tk.starts[i], tk.ends[e - 1]
    lo = max(0, start - _WINDOW)
    left = tk.text[lo:start]
    cut = 0
    for m in _SENTENCE_END.finditer(left):
        cut = m.end()
    right = tk.text[end : end + _WINDOW]
    m = _SENTENCE_END.search(right)
    if m is not None:
        right = right[: m.start()]
    return left[cut:] + " " + right


def _not_municipality(
    note: str, province: str | None = None, method: Method = "context"
) -> Resolution:
    return Resolution(None, method, 1.0, (), "not_municipality", note, province=province)


def _ambiguous(candidates: tuple[str, ...], method: Method, note: str) -> Resolution:
    return Resolution(None, method, 1.0, candidates, "ambiguous", note)


def _unknown(surface: str, why: str) -> Resolution:
    return Resolution(None, "none", 0.0, (), "unknown", f"'{surface}': {why}")


@cache
def _cached_gazetteer(directory: Path) -> Gazetteer:
    return Gazetteer(
        municipalities(directory),
        provinces(directory),
        read_alias_rows(directory),
        places(directory),
    )
