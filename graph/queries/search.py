"""Search over everything that has a label or a quote, typo-tolerant and ranked.

What is found: municipalities and provinces (prefLabel, altLabels), themes (prefLabel,
altLabels), networks, programmes and documents by their names, and facts (assertions,
knelpunten among them) by their labels and by words from their quotes.

Texts are cut into normalised tokens (lower case, accents dropped, letters and digits
only), so a query's punctuation or regex characters are never interpreted. A query token
matches an indexed token exactly, as its prefix, or, from four letters on, by edit
similarity (rapidfuzz), so "amsterdm" finds Amsterdam. Every query token must match;
an item scores by how well its tokens do, weighted by the field they came from (a name
over an altLabel over a quote), with a bonus when the whole query is the item's name.

The same tokens, less Dutch function words (de, het, van, …), are materialised at build
time as `gg:zoekterm` triples in the named graph …/graph/search (`search_graph`), so that
`?x gg:zoekterm "amsterdam"` works on any SPARQL backend.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from gemeentegraaf.common.namespaces import GG, GRAPH, GRAPH_DATASET, ID
from gemeentegraaf.queries.sparql_files import query
from gemeentegraaf.store.oxigraph import GraphStore
from rapidfuzz import process
from rapidfuzz.distance import OSA
from rdflib import Graph, Literal, URIRef

GRAPH_SEARCH = GRAPH["search"]
ZOEKTERM = GG["zoekterm"]

# Kinds of item by the first segment of their IRI under …/id/, and the kinds of facts.
LABELLED_KINDS = ("gemeente", "provincie", "thema", "netwerk", "programma", "document")
FACT_KINDS = ("knelpunt", "feit")
KINDS = LABELLED_KINDS + FACT_KINDS

MAX_QUERY_CHARS = 200  # longer is not a search (the API answers 422)
MAX_QUERY_TOKENS = 12
MAX_LIMIT = 100

# How much a match in each field counts: the name, another label, a quote.
_FIELD_WEIGHT = {"label": 1.0, "alt": 0.9, "quote": 0.6}
_TWO_TYPOS_FROM = 8  # query tokens this long may have two typos, shorter ones one
_FUZZY_MIN_CHARS = 4  # shorter query tokens match exactly or as a prefix only
_PREFIX_MIN_CHARS = 3
_LANG_RANK = {"nl": 0, "": 1, "en": 2}  # which label names an item
_TOKEN = re.compile(r"[a-z0-9]+")
_ID = str(ID)


def normalise(text: str) -> str:
    """Lower case without accents: 'Súdwest-Fryslân' → 'sudwest-fryslan'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """The search tokens of `text`: runs of letters and digits after `normalise`."""
    return _TOKEN.findall(normalise(text))


@dataclass
class Hit:
    uri: str
    kind: str
    label: str  # the item's name (or the start of its quote)
    score: float  # 0..1, higher is better
    matched: str  # the text the best match was in
    field: str  # label, alt or quote
    exact: bool = False  # the whole query is one of its names

    def as_dict(self) -> dict[str, Any]:
        return {
            "uri": self.uri,
            "kind": self.kind,
            "label": self.label,
            "score": round(self.score, 3),
            "matched": self.matched,
            "field": self.field,
        }


@dataclass
class _Entry:
    uri: str
    kind: str
    field: str
    text: str
    tokens: frozenset[str]
    normalised: str


@dataclass
class SearchIndex:
    entries: list[_Entry] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # uri → name (Dutch first)
    _name_rank: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # uri → kind
    postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    vocabulary: list[str] = field(default_factory=list)

    def add(self, uri: str, kind: str, field_name: str, text: str, lang: str = "") -> None:
        words = frozenset(tokens(text))
        if not words:
            return
        position = len(self.entries)
        self.entries.append(_Entry(uri, kind, field_name, text, words, " ".join(tokens(text))))
        self.kinds.setdefault(uri, kind)
        rank = _LANG_RANK.get(lang, len(_LANG_RANK))
        if field_name == "label" and rank < self._name_rank.get(uri, len(_LANG_RANK) + 1):
            self.names[uri] = text
            self._name_rank[uri] = rank
        for word in words:
            self.postings[word].append(position)

    def finish(self) -> SearchIndex:
        self.vocabulary = sorted(self.postings)
        return self

    def _matches(self, word: str) -> dict[str, float]:
        """Indexed tokens that `word` matches, with how well (1 exact, less for prefix/typo)."""
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 1.0
        if len(word) >= _PREFIX_MIN_CHARS:
            for token in self.vocabulary:
                if token != word and token.startswith(word):
                    found[token] = max(found.get(token, 0.0), 0.85)
        if len(word) >= _FUZZY_MIN_CHARS:
            # a typo is an edit or two (a swap of neighbours counts one), not a shared
            # tail: "woningtekort" is no typo of "ingekort", though their ratio is 80
            most = 1 if len(word) < _TWO_TYPOS_FROM else 2
            for token, edits, _ in process.extract(
                word, self.vocabulary, scorer=OSA.distance, score_cutoff=most, limit=50
            ):
                closeness = 1.0 - edits / max(len(word), len(token))
                found[token] = max(found.get(token, 0.0), 0.8 * closeness)
        return found

    def search(self, text: str, kind: str | None = None, limit: int = 20) -> list[Hit]:
        words = list(dict.fromkeys(tokens(text)))[:MAX_QUERY_TOKENS]
        if not words:
            return []
        whole = " ".join(tokens(text))
        # per entry: the best score of each query word
        per_entry: dict[int, dict[str, float]] = defaultdict(dict)
        for word in words:
            for token, quality in self._matches(word).items():
                for position in self.postings[token]:
                    seen = per_entry[position]
                    seen[word] = max(seen.get(word, 0.0), quality)
        best: dict[str, Hit] = {}
        for position, seen in per_entry.items():
            if len(seen) < len(words):
                continue  # every query word must match
            entry = self.entries[position]
            if kind and entry.kind != kind:
                continue
            score = sum(seen.values()) / len(words) * _FIELD_WEIGHT[entry.field]
            exact = entry.field != "quote" and entry.normalised == whole
            if exact:
                score = min(1.0, score + 0.1)  # the whole name, not just its words
            elif entry.field != "quote":
                # fewer other words in the name: a closer match
                score *= 0.9 + 0.1 * len(words) / max(len(entry.tokens), len(words))
            hit = best.get(entry.uri)
            if hit is not None and exact:
                hit.exact = True
            if hit is None or score > hit.score:
                best[entry.uri] = Hit(
                    uri=entry.uri,
                    kind=entry.kind,
                    label=self.names.get(entry.uri) or _shorten(entry.text),
                    score=score,
                    matched=_shorten(entry.text),
                    field=entry.field,
                    exact=exact or (hit is not None and hit.exact),
                )
        ranked = sorted(best.values(), key=lambda h: (-h.score, _KIND_ORDER[h.kind], h.label))
        return ranked[:limit]


_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}


def _shorten(text: str, size: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _labelled_kind(uri: str) -> str | None:
    """gemeente for …/id/gemeente/gm0363; None for other IRIs and for parts of things."""
    if not uri.startswith(_ID):
        return None
    kind, _, rest = uri[len(_ID) :].partition("/")
    return kind if kind in LABELLED_KINDS and rest and "/" not in rest else None


def build_index(store: GraphStore) -> SearchIndex:
    index = SearchIndex()
    labels = store.select(query("search_labels"))
    for row in labels:
        kind = _labelled_kind(str(row["item"]))
        if kind and isinstance(row["text"], str):
            index.add(str(row["item"]), kind, row["field"], row["text"], row["lang"] or "")
    for row in store.select(query("search_quotes")):
        if isinstance(row["text"], str):
            kind = "knelpunt" if row["knelpunt"] else "feit"
            index.add(str(row["item"]), kind, "quote", row["text"])
    # facts are also found by their labels (a knelpunt's title)
    for row in labels:
        uri = str(row["item"])
        kind = index.kinds.get(uri)
        if kind in FACT_KINDS and row["field"] == "label" and isinstance(row["text"], str):
            index.add(uri, kind, "label", row["text"], row["lang"] or "")
    return index.finish()


# Which build the store holds: a rebuild (or a build swapped in) gives a new id.
_VERSION = (
    "PREFIX gg: <https://w3id.org/gemeentegraaf/def#> "
    "PREFIX dcterms: <http://purl.org/dc/terms/> "
    "SELECT ?build ?modified WHERE { GRAPH <" + str(GRAPH_DATASET) + "> { "
    "OPTIONAL { <" + _ID + "dataset> gg:buildId ?build } "
    "OPTIONAL { <" + _ID + "dataset> dcterms:modified ?modified } } }"
)
_cache: weakref.WeakKeyDictionary[Any, tuple[tuple, SearchIndex]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _version(store: GraphStore) -> tuple:
    rows = store.select(_VERSION)
    return (rows[0].get("build"), rows[0].get("modified")) if rows else ()


def index_for(store: GraphStore) -> SearchIndex:
    """The search index of `store`, read again when it holds another build; a writer calls
    `forget` after it commits (a write keeps the build id)."""
    version = _version(store)
    with _lock:
        cached = _cache.get(store)
        if cached and cached[0] == version:
            return cached[1]
    index = build_index(store)
    with _lock:
        _cache[store] = (version, index)
    return index


def forget(store: GraphStore) -> None:
    """Drop the cached index of `store` after a write."""
    with _lock:
        _cache.pop(store, None)


def search(store: GraphStore, text: str, kind: str | None = None, limit: int = 20) -> list[Hit]:
    """Ranked hits for `text`; `kind` one of KINDS (or None for all)."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of: {', '.join(KINDS)}")
    return index_for(store).search(text[:MAX_QUERY_CHARS], kind, max(1, min(limit, MAX_LIMIT)))


def confident(hits: list[Hit]) -> Hit | None:
    """The one hit a search clearly means (to open its page directly), or None: the only
    thing the whole query names, or the only hit at all if it matched a name well."""
    named = [hit for hit in hits if hit.exact]
    if len(named) == 1 and named[0] is hits[0]:
        return named[0]
    if len(hits) == 1 and hits[0].field != "quote" and hits[0].score >= 0.6:
        return hits[0]
    return None


def search_graph(store: GraphStore) -> Graph:
    """`<item> gg:zoekterm "token"` for every token an item is found by (…/graph/search),
    but Dutch function words: `?x gg:zoekterm "de"` finds nearly every quote, and such
    terms were 7,649 of its 25,774 triples."""
    index = build_index(store)
    g = Graph()
    for entry in index.entries:
        item = URIRef(entry.uri)
        for word in entry.tokens - FUNCTION_WORDS:
            g.add((item, ZOEKTERM, Literal(word)))
    return g


# Articles, pronouns, prepositions, conjunctions and auxiliaries: in nearly every text,
# and never what a search is about.
FUNCTION_WORDS = frozenset((
    "de", "het", "een", "en", "of", "maar", "dan", "dat", "die", "dit", "deze", "er", "hier",
    "daar", "van", "in", "op", "te", "aan", "bij", "met", "voor", "door", "naar", "uit", "tot",
    "over", "om", "als", "zo", "ook", "nog", "niet", "wel", "al", "is", "zijn", "was", "waren",
    "wordt", "worden", "werd", "kan", "kunnen", "zal", "zullen", "moet", "moeten", "heeft",
    "hebben", "had", "wil", "willen", "zich", "we", "wij", "ons", "onze", "hun", "hij", "zij",
    "ze", "u", "je", "jij", "ik", "hen", "haar",
))  # fmt: skip
