"""`gemeentegraaf evaluate --gold FILE.jsonl`: how many hand-checked facts does the graph hold?

The gold file (format: tests/gold/README.md) lists facts a reader checked
against the reports. A gold fact counts as *held* when one assertion in the
graph has

- the same subject: a CBS code (`GM0363`) is `…/id/gemeente/gm0363`, a network
  (`G40`) is `…/id/netwerk/g40`; any other subject ("VNG-2023-casus-1") is
  matched by the labels of the assertion's gg:onderwerp, of the sections that
  contain it, and of the sections that contain its evidence passage;
- a matching object (rules per kind in `_object_matches`), where a theme
  matches when a preferred label of the asserted concept, of a broader or of
  a narrower concept contains one of the fact's `theme_keywords`;
- evidence from the same document overlapping the gold quote: the quote is
  found in the raw file by whitespace-collapsed search (the occurrence
  nearest the gold `line`), and its span must overlap the evidence's
  oa:TextPositionSelector (raw offsets); evidence without positions is
  compared by its oa:exact text.

A "negative" gold fact is an error when the graph asserts it: a non-negated
gg:Uitdaging of that subject, from that document, whose own theme label
contains a keyword; for object "any", any challenge, participation, practice
example, stance, bottleneck, trend or task of that subject from that document
(roles such as funder, gg:Rolvermelding, and figures are fine).

The graph is read from the project's store (gemeentegraaf.store.oxigraph: anything with
`.select(sparql)`), or from the store at a path.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import (
    GG,
    PREFIXES,
    document_uri,
    municipality_uri,
    network_uri,
    slug,
)
from gemeentegraaf.common.resources import CORPUS_DIR
from gemeentegraaf.pipeline.build import build, default_steps
from gemeentegraaf.pipeline.bulk import Job, Metadata, ingest_files
from gemeentegraaf.queries.sparql_files import query
from gemeentegraaf.sources import user_corpus
from gemeentegraaf.sources.catalogue import CorpusRecord, raw_text, read_catalogue
from gemeentegraaf.store.oxigraph import GraphStore, open_store
from gemeentegraaf.text.normalise import find_all_collapsed, fold
from gemeentegraaf.text.themes import ThemeScheme
from rapidfuzz import fuzz
from rdflib import URIRef

KINDS = (
    "membership",
    "challenge",
    "practice",
    "programme",
    "bottleneck",
    "stance",
    "network_fact",
    "negative",
)
REQUIRED_FIELDS = ("id", "doc", "kind", "subject", "object", "quote")

ORG_MEMBERSHIP = "http://www.w3.org/ns/org#Membership"

# Which assertion classes can hold a gold fact of each kind.
KIND_CLASSES: dict[str, tuple[str, ...]] = {
    "membership": (ORG_MEMBERSHIP,),
    "challenge": (str(GG.Uitdaging),),
    "practice": (str(GG.Praktijkvoorbeeld),),
    "programme": (str(GG.Deelname),),
    "bottleneck": (str(GG.Knelpunt),),
    "stance": (str(GG.Standpunt),),
    "network_fact": (
        str(GG.Kengetal),
        str(GG.Bewering),
        str(GG.Trend),
        str(GG.Opgave),
        str(GG.Deelname),
        str(GG.Uitdaging),
    ),
}
# What a "negative ... any" fact forbids: every claim that the municipality
# itself faces, does or says something in that document.
NEGATIVE_ANY_CLASSES = tuple(
    str(GG[c])
    for c in (
        "Uitdaging",
        "Deelname",
        "Praktijkvoorbeeld",
        "Standpunt",
        "Knelpunt",
        "Trend",
        "Opgave",
    )
)
ASSERTION_CLASSES = tuple(
    dict.fromkeys(
        [str(GG.Bewering), str(GG.Kengetal), str(GG.Rolvermelding)]
        + [c for classes in KIND_CLASSES.values() for c in classes]
        + list(NEGATIVE_ANY_CLASSES)
    )
)
STANCE_NOTES = {
    "positive": str(GG.Positief),
    "negative": str(GG.Negatief),
    "demand": str(GG.Eis),
    "concern": str(GG.Zorg),
}

_CODE = re.compile(r"^GM\d{4}$", re.IGNORECASE)
_NETWORK = re.compile(r"^[GMP]\d{1,3}$", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Words that say nothing about which programme or knelpunt is meant.
_GENERIC_WORDS = frozenset(
    {"city", "deal", "deals", "regio", "regiodeal", "programma", "fonds", "aanpak", "nationaal"}
    | {"landelijk", "landelijke", "wet", "voor", "van", "het", "een", "met", "aan", "bij"}
    | {"door", "naar", "over", "als", "dat", "die", "zijn"}
)


class GoldFormatError(UserError, ValueError):
    """The gold file cannot be read; the message names the file and line."""


# ---------------------------------------------------------------------------
# Gold facts
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldFact:
    id: str
    doc: str
    kind: str
    subject: str
    object: str
    quote: str
    subject_name: str = ""
    theme_keywords: tuple[str, ...] = ()
    line: int | None = None
    note: str = ""


def load_gold(path: Path) -> list[GoldFact]:
    """The facts in a gold JSON Lines file; a clear GoldFormatError on a bad line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise GoldFormatError(f"no gold file at {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFormatError(f"cannot read the gold file {path}: {exc}") from exc
    facts = [_gold_fact(path, n, text) for n, text in enumerate(lines, 1) if text.strip()]
    if not facts:
        raise GoldFormatError(f"{path} holds no gold facts")
    return facts


def _gold_fact(path: Path, lineno: int, text: str) -> GoldFact:
    where = f"{path}:{lineno}"
    try:
        row = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldFormatError(f"{where}: not valid JSON ({exc.msg})") from exc
    if not isinstance(row, dict):
        raise GoldFormatError(f"{where}: expected a JSON object per line")
    missing = [f for f in REQUIRED_FIELDS if not isinstance(row.get(f), str) or not row[f].strip()]
    if missing:
        raise GoldFormatError(f"{where}: missing or empty field(s): {', '.join(missing)}")
    if row["kind"] not in KINDS:
        raise GoldFormatError(f"{where}: unknown kind {row['kind']!r}; one of {', '.join(KINDS)}")
    keywords = row.get("theme_keywords") or []
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise GoldFormatError(f"{where}: theme_keywords must be a list of strings")
    line = row.get("line")
    if line is not None and (not isinstance(line, int) or line < 1):
        raise GoldFormatError(f"{where}: line must be a positive whole number")
    return GoldFact(
        id=row["id"],
        doc=row["doc"],
        kind=row["kind"],
        subject=row["subject"].strip(),
        object=row["object"],
        quote=row["quote"],
        subject_name=str(row.get("subject_name") or ""),
        theme_keywords=tuple(keywords),
        line=line,
        note=str(row.get("note") or ""),
    )


# ---------------------------------------------------------------------------
# Finding a gold quote in the raw document
# ---------------------------------------------------------------------------


class QuoteLocator:
    """Finds gold quotes in the raw report files (text.normalise.find_all_collapsed)."""

    def __init__(self, corpus_dir: Path | None = None) -> None:
        self.corpus_dir = Path(corpus_dir or CORPUS_DIR)
        self._raw: dict[str, str | None] = {}

    @cached_property
    def _records(self) -> dict[str, CorpusRecord]:
        return {r.key: r for r in read_catalogue(self.corpus_dir)}

    def _text(self, doc: str) -> str | None:
        if doc not in self._raw:
            record = self._records.get(doc)
            self._raw[doc] = raw_text(record, self.corpus_dir) if record else None
        return self._raw[doc]

    def has(self, doc: str) -> bool:
        return self._text(doc) is not None

    def locate(self, doc: str, quote: str, line: int | None = None) -> tuple[int, int] | None:
        """Raw [start, end) of the quote's occurrence nearest `line`, or None."""
        raw = self._text(doc)
        spans = find_all_collapsed(raw, quote) if raw is not None else []
        if not spans:
            return None
        if line is None:
            return spans[0]
        return min(spans, key=lambda sp: abs(raw.count("\n", 0, sp[0]) + 1 - line))


def _squash(text: str) -> str:
    """For comparing quotes across normalisations: no spaces, hyphens or quote marks."""
    text = unicodedata.normalize("NFKC", fold(text)).lower()
    return re.sub(r"[\s\-'\"]+", "", text)


# ---------------------------------------------------------------------------
# Reading the graph
# ---------------------------------------------------------------------------


@dataclass
class Evidence:
    source: str | None
    start: int | None
    end: int | None
    exact: str | None


@dataclass
class Assertion:
    uri: str
    classes: set[str] = field(default_factory=set)
    subjects: set[str] = field(default_factory=set)  # gg:onderwerp, org:member
    concerns: set[str] = field(default_factory=set)  # gg:geldtVoor
    themes: set[str] = field(default_factory=set)
    objects: set[str] = field(default_factory=set)  # programme, instrument, network, ...
    own_texts: list[str] = field(default_factory=list)  # labels, beleid, grootheid
    object_labels: list[str] = field(default_factory=list)
    context_labels: list[str] = field(default_factory=list)  # subject and section labels
    values: list[float] = field(default_factory=list)
    negated: bool = False
    stances: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    shortcut: bool = False  # a materialised shortcut triple, not an assertion node


_CLASS_IRIS = [URIRef(c) for c in ASSERTION_CLASSES]
_PROPS = {
    "gg:onderwerp": "subjects",
    "org:member": "subjects",
    "gg:geldtVoor": "concerns",
    "gg:thema": "themes",
    "gg:programma": "objects",
    "gg:instrument": "objects",
    "gg:betrokkenRegeling": "objects",
    "gg:betrokkenOrganisatie": "objects",
    "org:organization": "objects",
    "gg:houding": "stances",
    "gg:ontkend": "negated",
    "rdf:value": "values",
    "rdfs:label": "own_texts",
    "skos:prefLabel": "own_texts",
    "dcterms:title": "own_texts",
    "dcterms:description": "own_texts",
    "rdfs:comment": "own_texts",
    "gg:beleid": "own_texts",
    "gg:grootheid": "own_texts",
}


def _expand(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return PREFIXES[prefix] + local


def _expand_all(curies: str) -> list[URIRef]:
    return [URIRef(_expand(c)) for c in curies.split()]


_LABEL_PROPS = _expand_all(
    "rdfs:label skos:prefLabel skos:altLabel dcterms:title skos:notation gg:sectienummer"
)
_LINK_PROPS = _expand_all(
    "gg:onderwerp gg:programma gg:instrument gg:betrokkenRegeling gg:betrokkenOrganisatie"
)


def read_assertions(store: GraphStore) -> dict[str, Assertion]:
    """Every assertion node (and programme-participation shortcut) with what evaluation needs."""
    found: dict[str, Assertion] = {}

    def node(uri: str) -> Assertion:
        return found.setdefault(uri, Assertion(uri))

    for row in store.select(query("evaluate/assertion_classes", assertion_class=_CLASS_IRIS)):
        node(row["a"]).classes.add(row["assertion_class"])

    props = {_expand(p): attr for p, attr in _PROPS.items()}
    for row in store.select(
        query(
            "evaluate/assertion_properties",
            assertion_class=_CLASS_IRIS,
            property=[URIRef(p) for p in props],
        )
    ):
        _add_property(node(row["a"]), props[row["property"]], row["o"])

    for row in store.select(query("evaluate/evidence")):
        if row["a"] in found:
            found[row["a"]].evidence.append(
                Evidence(row["src"], _int(row["start"]), _int(row["end"]), row["exact"])
            )

    for row in store.select(
        query(
            "evaluate/linked_labels",
            assertion_class=_CLASS_IRIS,
            link_property=_LINK_PROPS,
            label_property=_LABEL_PROPS,
        )
    ):
        target = "context_labels" if row["link_property"] == str(GG.onderwerp) else "object_labels"
        getattr(node(row["a"]), target).append(str(row["l"]))

    _add_section_labels(store, found)

    for row in store.select(query("evaluate/participants")):
        shortcut = node(f"shortcut:{row['p']}|{row['m']}")
        shortcut.shortcut = True
        shortcut.classes.add(str(GG.Deelname))
        shortcut.subjects.add(row["m"])
        shortcut.objects.add(row["p"])
        if row["l"] is not None:
            shortcut.object_labels.append(str(row["l"]))
    return found


def _add_section_labels(store: GraphStore, found: dict[str, Assertion]) -> None:
    """Labels of the sections around an assertion's subject and evidence passage, so that a
    knelpunt in "7.4 Samenvatting knelpunten" is known to be part of "Casus 1 Ronald en Marijke".

    The containment chains are walked here rather than with a property path, which the
    embedded store evaluates slowly over the whole graph.
    """
    parents: dict[str, list[str]] = {}
    for row in store.select(query("evaluate/part_of")):
        parents.setdefault(row["x"], []).append(row["y"])
    labels: dict[str, list[str]] = {}
    for row in store.select(query("evaluate/container_labels", label_property=_LABEL_PROPS)):
        labels.setdefault(row["y"], []).append(str(row["l"]))
    starts: dict[str, set[str]] = {}
    for row in store.select(query("evaluate/evidence_passages")):
        starts.setdefault(row["a"], set()).add(row["p"])
    for uri, a in found.items():
        queue = list(starts.get(uri, set()) | a.subjects)
        seen: set[str] = set()
        while queue:
            node = queue.pop()
            for parent in parents.get(node, []):
                if parent not in seen:
                    seen.add(parent)
                    a.context_labels.extend(labels.get(parent, []))
                    queue.append(parent)


def _add_property(a: Assertion, attr: str, value: Any) -> None:
    if attr == "negated":
        a.negated = a.negated or value is True or str(value).lower() in ("true", "1")
    elif attr == "values":
        number = _float(value)
        if number is not None:
            a.values.append(number)
        a.own_texts.append(str(value))
    elif attr in ("own_texts",):
        a.own_texts.append(str(value))
    else:
        getattr(a, attr).add(str(value))


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return None


# ---------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------


def _content_tokens(text: str) -> list[str]:
    words = re.findall(r"[^\W_]+", fold(text).lower())
    return [w for w in words if (len(w) >= 4 or w.isdigit()) and w not in _GENERIC_WORDS]


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False
    # Dutch inflection and compounds: "lokaal"/"lokale", "terugbetalen"/"terugbetalingsrisico".
    return (len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]) or fuzz.ratio(a, b) >= 85


def _shared(gold: list[str], other: list[str]) -> int:
    return sum(1 for g in gold if any(_same_word(g, o) for o in other))


def label_matches(gold: str, label: str) -> bool:
    """Half the content words of each side have a counterpart in the other."""
    g, t = _content_tokens(gold), _content_tokens(label)
    if not g or not t:
        return False
    shared = _shared(g, t)
    return shared * 2 >= len(g) and _shared(t, g) * 2 >= len(t)


def text_mentions(gold: str, text: str) -> bool:
    """Half the gold object's content words occur in a (longer) text such as a quote."""
    g, t = _content_tokens(gold), _content_tokens(text)
    return bool(g) and bool(t) and _shared(g, t) * 2 >= len(g)


class ThemeMatcher:
    """Does an asserted theme match a gold fact's keywords?"""

    def __init__(self, scheme: ThemeScheme) -> None:
        self.scheme = scheme
        self._family: dict[str, list[str]] = {}
        self._own: dict[str, list[str]] = {}

    def _labels(self, concepts: Iterable[str]) -> list[str]:
        labels: list[str] = []
        for c in concepts:
            known = self.scheme.labels(c)  # type: ignore[arg-type]
            if known:
                labels += [v.lower() for v in known.values()]
            else:  # a concept the scheme does not know: judge it by its key
                labels.append(str(c).rstrip("/").rsplit("/", 1)[-1].replace("-", " ").lower())
        return labels

    def _main(self, concept: str) -> list[str]:
        return [str(c) for c in self.scheme.mapped(concept)] or [concept]  # type: ignore[arg-type]

    def family_labels(self, concept: str) -> list[str]:
        """Labels of the concept and of every broader and narrower concept."""
        if concept not in self._family:
            family: set[str] = set()
            for c in self._main(concept):
                family.add(c)
                family.update(str(x) for x in self.scheme.ancestors(c))  # type: ignore[arg-type]
                family.update(str(x) for x in self.scheme.descendants(c))  # type: ignore[arg-type]
            self._family[concept] = self._labels(sorted(family))
        return self._family[concept]

    def family_matches(self, concept: str, keywords: Iterable[str]) -> bool:
        """The concept, a broader or a narrower one has a label containing a keyword."""
        return _contains_keyword(self.family_labels(concept), keywords)

    def own_matches(self, concept: str, keywords: Iterable[str]) -> bool:
        """The concept's own labels contain a keyword (used for negative facts)."""
        if concept not in self._own:
            self._own[concept] = self._labels(self._main(concept))
        return _contains_keyword(self._own[concept], keywords)

    def describe(self, concepts: Iterable[str]) -> str:
        return ", ".join(sorted({self.scheme.label(c) for c in concepts})) or "none"  # type: ignore[arg-type]


def _contains_keyword(labels: list[str], keywords: Iterable[str]) -> bool:
    keys = [k.lower().strip() for k in keywords if k.strip()]
    return any(k in label for k in keys for label in labels)


def _numbers(text: str) -> set[float]:
    found: set[float] = set()
    for m in _NUMBER.finditer(text):
        token = m.group(0)
        # Dutch notation: "5.059,3" is 5059.3, "7,4" is 7.4.
        dutch = token.replace(".", "").replace(",", ".")
        for candidate in {dutch, token.replace(",", "")}:
            with contextlib.suppress(ValueError):
                found.add(round(float(candidate), 6))
    return found


@dataclass
class _Context:
    fact: GoldFact
    span: tuple[int, int] | None
    themes: ThemeMatcher

    @property
    def keywords(self) -> tuple[str, ...]:
        return self.fact.theme_keywords or (self.fact.object,)


def subject_uri(subject: str) -> str | None:
    """The URI a gold subject names, or None when it is a label (a case, a section)."""
    if _CODE.match(subject):
        return str(municipality_uri(subject))
    if _NETWORK.match(subject):
        return str(network_uri(subject))
    return None


def _subject_matches(fact: GoldFact, a: Assertion, *, with_concerns: bool = False) -> bool:
    uri = subject_uri(fact.subject)
    subjects = a.subjects | (a.concerns if with_concerns else set())
    if uri is not None:
        return uri in subjects
    wanted = slug(fact.subject)
    if any(str(s).rstrip("/").endswith(wanted) for s in subjects):
        return True
    names = [n for n in (fact.subject_name, fact.subject.replace("-", " ")) if n]
    return any(label_matches(n, label) for n in names for label in a.context_labels)


def _object_matches(ctx: _Context, a: Assertion) -> bool:
    fact = ctx.fact
    if fact.kind == "membership":
        return str(network_uri(fact.object)) in a.objects
    if fact.kind == "challenge":
        return any(ctx.themes.family_matches(t, ctx.keywords) for t in a.themes)
    if fact.kind == "programme":
        labels = a.object_labels + a.own_texts
        return any(label_matches(fact.object, label) for label in labels)
    texts = a.own_texts + a.object_labels
    quotes = [e.exact for e in a.evidence if e.exact]
    by_label = any(label_matches(fact.object, t) or text_mentions(fact.object, t) for t in texts)
    by_quote = any(text_mentions(fact.object, q) for q in quotes)
    by_theme = bool(fact.theme_keywords) and any(
        ctx.themes.family_matches(t, fact.theme_keywords) for t in a.themes
    )
    if fact.kind == "network_fact":
        wanted = _numbers(fact.object)
        by_number = any(round(v, 6) in wanted for v in a.values)
        return by_number or by_label or by_quote or by_theme
    return by_label or by_quote or by_theme


def _evidence_overlaps(ctx: _Context, ev: Evidence) -> bool:
    if ev.source != str(document_uri(ctx.fact.doc)):
        return False
    if ctx.span is not None and ev.start is not None and ev.end is not None:
        return ev.start < ctx.span[1] and ctx.span[0] < ev.end
    return ev.exact is not None and _same_text(ev.exact, ctx.fact.quote)


def _same_text(a: str, b: str) -> bool:
    x, y = _squash(a), _squash(b)
    if not x or not y:
        return False
    short, long_ = sorted((x, y), key=len)
    return short in long_ or (len(short) >= 20 and fuzz.partial_ratio(short, long_) >= 90)


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


@dataclass
class KindResult:
    kind: str
    total: int = 0
    held: int = 0
    without_evidence: int = 0  # subject and object found, evidence missing or elsewhere

    @property
    def recall(self) -> float:
        return self.held / self.total if self.total else 0.0


@dataclass
class Miss:
    id: str
    kind: str
    subject: str
    subject_name: str
    object: str
    quote: str
    reason: str


@dataclass
class Violation:
    id: str
    subject: str
    subject_name: str
    object: str
    quote: str
    assertion: str
    assertion_quote: str


@dataclass
class EvaluationReport:
    gold: str
    kinds: dict[str, KindResult]
    negatives: int
    misses: list[Miss]
    violations: list[Violation]
    warnings: list[str]

    def meets(self, min_recall: float = 0.0) -> bool:
        """No negative fact asserted and every kind at or above `min_recall`."""
        return not self.violations and all(k.recall >= min_recall for k in self.kinds.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "kinds": {
                k: {**asdict(r), "recall": round(r.recall, 4)} for k, r in self.kinds.items()
            },
            "negative": {"total": self.negatives, "asserted": len(self.violations)},
            "misses": [asdict(m) for m in self.misses],
            "violations": [asdict(v) for v in self.violations],
            "warnings": list(self.warnings),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def format(self) -> str:
        total = sum(r.total for r in self.kinds.values()) + self.negatives
        out = [f"Evaluation against {self.gold} ({total} gold facts)", ""]
        header = f"{'kind':<14}{'gold':>6}{'held':>6}{'recall':>8}  {'no evidence':>11}"
        out += [header, "-" * len(header)]
        for r in self.kinds.values():
            out.append(
                f"{r.kind:<14}{r.total:>6}{r.held:>6}{r.recall:>8.2f}  {r.without_evidence:>11}"
            )
        if self.negatives:
            out.append(
                f"{'negative':<14}{self.negatives:>6}  asserted (errors): {len(self.violations)}"
            )
        out.append("")
        out.append(f"Misses ({len(self.misses)})")
        for m in self.misses:
            name = f" {m.subject_name}" if m.subject_name and m.subject_name != m.subject else ""
            out.append(f"  {m.id}  {m.kind}  {m.subject}{name} → {m.object}")
            out.append(f"      {m.reason}")
            out.append(f"      “{_shorten(m.quote)}”")
        out.append("")
        out.append(f"Negative facts the graph asserts ({len(self.violations)})")
        for v in self.violations:
            out.append(f"  {v.id}  {v.subject} {v.subject_name} → {v.object}: <{v.assertion}>")
            out.append(f"      gold: “{_shorten(v.quote)}”")
            if v.assertion_quote:
                out.append(f"      graph: “{_shorten(v.assertion_quote)}”")
        if self.warnings:
            out.append("")
            out.append(f"Warnings ({len(self.warnings)})")
            out += [f"  {w}" for w in self.warnings]
        return "\n".join(out)


def _shorten(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------


def evaluate(
    store: GraphStore | str | Path,
    gold_path: Path,
    *,
    corpus_dir: Path | None = None,
    scheme: ThemeScheme | None = None,
) -> EvaluationReport:
    """Compare the graph in `store` (a store or its path) with gold facts."""
    facts = load_gold(Path(gold_path))
    return evaluate_facts(store, facts, str(gold_path), corpus_dir=corpus_dir, scheme=scheme)


def evaluate_facts(
    store: GraphStore | str | Path,
    facts: list[GoldFact],
    gold_name: str,
    *,
    corpus_dir: Path | None = None,
    scheme: ThemeScheme | None = None,
) -> EvaluationReport:
    """`evaluate` for gold facts already read (`gold_name` says where they came from)."""
    gold_path = gold_name
    assertions = list(_read_from(store).values())
    themes = ThemeMatcher(scheme or ThemeScheme.load())
    locator = QuoteLocator(corpus_dir)

    kinds = {k: KindResult(k) for k in KINDS if k != "negative" and any(f.kind == k for f in facts)}
    misses: list[Miss] = []
    violations: list[Violation] = []
    warnings: list[str] = []
    negatives = 0
    for fact in facts:
        span = locator.locate(fact.doc, fact.quote, fact.line)
        if span is None:
            where = "document" if locator.has(fact.doc) else "corpus (no such document)"
            warnings.append(f"{fact.id}: quote not found in the {where}; evidence compared by text")
        ctx = _Context(fact, span, themes)
        if fact.kind == "negative":
            negatives += 1
            violations += _violations(ctx, assertions)
            continue
        result = kinds[fact.kind]
        result.total += 1
        held, reason, matched = _judge(ctx, assertions)
        if held:
            result.held += 1
            warnings += _stance_warnings(fact, matched)
        else:
            if reason.startswith("found"):
                result.without_evidence += 1
            misses.append(
                Miss(
                    fact.id,
                    fact.kind,
                    fact.subject,
                    fact.subject_name,
                    fact.object,
                    fact.quote,
                    reason,
                )
            )
    return EvaluationReport(str(gold_path), kinds, negatives, misses, violations, warnings)


def _read_from(store: GraphStore | str | Path) -> dict[str, Assertion]:
    if not isinstance(store, str | Path):
        return read_assertions(store)

    opened = open_store(Path(store), read_only=True)
    try:
        return read_assertions(opened)
    finally:
        opened.close()


def _judge(ctx: _Context, assertions: list[Assertion]) -> tuple[bool, str, list[Assertion]]:
    """Whether the fact is held, else why not (the furthest any assertion got)."""
    fact = ctx.fact
    classes = set(KIND_CLASSES[fact.kind])
    candidates = [
        a
        for a in assertions
        if a.classes & classes
        and _subject_matches(fact, a, with_concerns=fact.kind == "network_fact")
        and not (fact.kind == "challenge" and a.negated)
    ]
    with_object = [a for a in candidates if _object_matches(ctx, a)]
    held = [a for a in with_object if any(_evidence_overlaps(ctx, e) for e in a.evidence)]
    if held:
        return True, "", held
    kind_name = " or ".join(sorted(_short(c) for c in classes))
    if not candidates:
        return False, f"no {kind_name} about {fact.subject} in the graph", []
    if not with_object:
        detail = ""
        if fact.kind == "challenge":
            detail = f" (themes: {ctx.themes.describe(t for a in candidates for t in a.themes)})"
        found = f"{len(candidates)} {kind_name} about {fact.subject}"
        return False, f"{found}, none matches the object{detail}", []
    return False, "found " + _evidence_problem(ctx, with_object), []


def _evidence_problem(ctx: _Context, found: list[Assertion]) -> str:
    evidence = [e for a in found for e in a.evidence]
    if not evidence:
        return "with a matching object, but it has no evidence (gg:bewijs)"
    doc = str(document_uri(ctx.fact.doc))
    here = [e for e in evidence if e.source == doc]
    if not here:
        return f"with a matching object, but its evidence is not from {ctx.fact.doc}"
    if ctx.span is not None and any(e.exact and _same_text(e.exact, ctx.fact.quote) for e in here):
        offsets = ", ".join(f"{e.start}–{e.end}" for e in here if e.start is not None)
        return (
            "with a matching object and quote text, but its offsets "
            f"({offsets}) do not overlap the gold quote ({ctx.span[0]}–{ctx.span[1]})"
        )
    return "with a matching object, but its evidence does not overlap the gold quote"


def _short(uri: str) -> str:
    prefix = "gg:" if uri.startswith(str(GG)) else "org:"
    return prefix + re.split("[#/]", uri)[-1]


def _violations(ctx: _Context, assertions: list[Assertion]) -> list[Violation]:
    fact = ctx.fact
    uri = subject_uri(fact.subject)
    doc = str(document_uri(fact.doc))
    any_object = fact.object.strip().lower() == "any"
    classes = set(NEGATIVE_ANY_CLASSES if any_object else (str(GG.Uitdaging),))
    found: list[Violation] = []
    for a in assertions:
        if not a.classes & classes or a.negated or a.shortcut:
            continue
        about = uri in (a.subjects | a.concerns) if uri else _subject_matches(fact, a)
        if not about:
            continue
        from_doc = [e for e in a.evidence if e.source == doc]
        if not from_doc:
            continue
        if not any_object and not any(ctx.themes.own_matches(t, ctx.keywords) for t in a.themes):
            continue
        found.append(
            Violation(
                fact.id,
                fact.subject,
                fact.subject_name,
                fact.object,
                fact.quote,
                a.uri,
                from_doc[0].exact or "",
            )
        )
    return found


def _stance_warnings(fact: GoldFact, matched: list[Assertion]) -> list[str]:
    if fact.kind != "stance":
        return []
    expected = STANCE_NOTES.get(fact.note.split(";")[0].strip().lower())
    if expected is None or any(expected in a.stances for a in matched):
        return []
    found = ", ".join(sorted(_short(s) for a in matched for s in a.stances)) or "none"
    return [f"{fact.id}: stance held, but its houding is {found}; gold says {fact.note}"]


# ---------------------------------------------------------------------------
# Every bundled report read again as a new document
# ---------------------------------------------------------------------------

# The steps of a build that give the context a new document is read against.
_CONTEXT_STEPS = ("ontology", "themes", "reference")


@dataclass(frozen=True)
class AsNewCopy:
    original: str  # the bundled document's key
    key: str  # the key of its copy
    title: str


def as_new_copies(records: Iterable[CorpusRecord]) -> list[AsNewCopy]:
    """A new key and title per report: nothing of the original's name survives."""
    return [
        AsNewCopy(r.key, f"nieuw-rapport-{n}", f"Nieuw rapport {n}")
        for n, r in enumerate(records, start=1)
    ]


def evaluate_as_new(
    gold_path: Path,
    *,
    corpus_dir: Path | None = None,
    workers: int | None = None,
    workdir: Path | None = None,
    scheme: ThemeScheme | None = None,
) -> tuple[EvaluationReport, list[AsNewCopy]]:
    """Ingest every report the gold file names as a new document and evaluate the copies.

    Each report is copied under a new file name, key and title into a fresh store that
    holds only the ontology, the themes and the reference data, and read by
    `gemeentegraaf ingest` exactly as a user's report is (kind "rapport", the default);
    the gold facts of the original then have to be found in the copy. How general the
    extraction is, measured: a rule tied to one report's name cannot score here.
    """
    facts = load_gold(Path(gold_path))
    source = Path(corpus_dir or CORPUS_DIR)
    wanted = {f.doc for f in facts}
    records = [r for r in read_catalogue(source) if r.key in wanted]
    copies = as_new_copies(records)
    with contextlib.ExitStack() as stack:
        if workdir is None:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        store = workdir / "store"
        steps = [step for step in default_steps() if step[0] in _CONTEXT_STEPS]
        build(store, steps=steps, store_steps=[])
        inbox = workdir / "nieuw"
        inbox.mkdir(exist_ok=True)
        jobs = []
        for record, copy in zip(records, copies, strict=True):
            path = inbox / f"{copy.key}.txt"
            path.write_text(raw_text(record, source), encoding="utf-8", newline="")
            meta = Metadata(title=copy.title, publisher=record.publisher, year=str(record.year))
            jobs.append(Job(path, meta))
        # a throwaway store: the analyses are not what is scored
        result = ingest_files(store, jobs, workers=workers, derive=False)
        if result.failed:
            failures = "; ".join(o.message for o in result.failed)
            raise UserError(f"ingesting the copies failed: {failures}")
        renamed = {c.original: c.key for c in copies}
        moved = [dataclasses.replace(f, doc=renamed.get(f.doc, f.doc)) for f in facts]
        report = evaluate_facts(
            store,
            moved,
            f"{gold_path} (each report ingested as a new document)",
            corpus_dir=user_corpus.corpus_dir(store),
            scheme=scheme,
        )
    return report, copies


def held_by_document(
    facts: Iterable[GoldFact], report: EvaluationReport
) -> dict[str, dict[str, tuple[int, int]]]:
    """Per document, per kind: (gold facts held, gold facts), from a report on `facts`."""
    missed = {m.id for m in report.misses}
    table: dict[str, dict[str, tuple[int, int]]] = {}
    for fact in facts:
        if fact.kind == "negative":
            continue
        held, total = table.setdefault(fact.doc, {}).get(fact.kind, (0, 0))
        table[fact.doc][fact.kind] = (held + (fact.id not in missed), total + 1)
    return table


def format_by_document(table: dict[str, dict[str, tuple[int, int]]]) -> str:
    lines = ["Held per document (held/gold)"]
    for doc, kinds in sorted(table.items()):
        cells = ", ".join(f"{kind} {held}/{total}" for kind, (held, total) in sorted(kinds.items()))
        lines.append(f"  {doc}: {cells}")
    return "\n".join(lines)
