"""Lists of facts that grow with the data, read a page at a time.

The facts about a municipality, those resting on a document, a theme's bottlenecks: an
ingested report can add tens of thousands to one list (a report of 19,999 identical
paragraphs gave Deventer 19,999 challenges, and its page took 18 MB). So a list is a
`Selection` (a query file under rq/fact_lists/ and its parameters). `first_page` reads its
first page with one query, LIMIT one more than the page, and so knows the whole list when
it gets no more than a page: only a list longer than its page is counted too (COUNT, kept
per data version). `page` reads a later page with LIMIT and OFFSET, then the records of
that page's facts alone. What a page costs does not follow the length of its list (beyond
the engine's own counting and ordering of the list's IRIs), and a short list costs one
query, as it did when lists were read whole: a COUNT and a page read each run the list's
query in the engine, and the two of them for every short list made the pages slower
under load than reading everything had been.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gemeentegraaf.common.namespaces import GG, local_name
from gemeentegraaf.queries import version_cache
from gemeentegraaf.queries.read_model import ASSERTION_KINDS, assertion_records
from gemeentegraaf.queries.sparql_files import ANY, Value, count_query, page_query, query
from gemeentegraaf.store.base import GraphStore
from rdflib import Literal, URIRef

# The assertion classes (the store does no inference), and those but gg:Bewering.
ASSERTION_CLASSES = [URIRef(GG + k) for k in ASSERTION_KINDS]
SPECIFIC_CLASSES = [c for c in ASSERTION_CLASSES if c != URIRef(GG.Bewering)]


@dataclass(frozen=True)
class Selection:
    """Which facts a list holds: the query file rq/<query>.rq with these parameter values."""

    query: str
    values: Mapping[str, Value] = field(default_factory=dict)

    def key(self) -> tuple:
        """The selection as part of a cache key."""
        return (
            self.query,
            tuple(sorted((k, version_cache.value_key(v)) for k, v in self.values.items())),
        )


def _one_or_any(value: str | None) -> Value:
    return ANY if value is None else [URIRef(value)]


# How rq/fact_lists/about.rq marks a negated fact (?denied), and one that is not.
NEGATED, ASSERTED = "ontkend", ""


def _negated(value: bool | None) -> Value:
    return ANY if value is None else [Literal(NEGATED if value else ASSERTED)]


def about(
    subject: str,
    kinds: Iterable[str],
    *,
    negated: bool | None = None,
    theme: str | None = None,
) -> Selection:
    """The facts about `subject` whose main kind is one of `kinds` ("Uitdaging", ...; see
    rq/fact_lists/about.rq), negated or not (None: both), naming `theme` (None: any)."""
    return Selection(
        "fact_lists/about",
        {
            "subject": URIRef(subject),
            "kind": [URIRef(GG + k) for k in kinds],
            "specific_class": SPECIFIC_CLASSES,
            "negated": _negated(negated),
            "theme": _one_or_any(theme),
        },
    )


def of_kind(kind: str, *, theme: str | None = None, law: str | None = None) -> Selection:
    """The facts of class gg:`kind`, on `theme` or a narrower one, involving `law` (None: no
    restriction)."""
    return Selection(
        "fact_lists/of_kind",
        {"kind": URIRef(GG + kind), "theme": _one_or_any(theme), "law": _one_or_any(law)},
    )


def negated_on_theme(theme: str) -> Selection:
    """The negated challenges on `theme` or a narrower one."""
    return Selection("fact_lists/negated_on_theme", {"theme": URIRef(theme)})


def from_document(document: str) -> Selection:
    """The facts resting on `document`, in the order their quotes stand in its text."""
    return Selection(
        "fact_lists/from_document",
        {"document": URIRef(document), "assertion_class": ASSERTION_CLASSES},
    )


def count(store: GraphStore, selection: Selection) -> int:
    """How many facts the selection holds (one COUNT query, kept per data version)."""
    text = count_query(selection.query, **selection.values)
    rows = version_cache.rows(store, ("count", selection.key()), lambda: store.select(text))
    return int(rows[0]["count"]) if rows else 0


def kind_counts(store: GraphStore, selection: Selection) -> dict[tuple[str, bool], int]:
    """How many facts of an `about` selection there are per (main kind, negated): the totals
    of every list of a municipality's or a network's page from one reading of its facts."""
    text = count_query(selection.query, by=("main", "denied"), **selection.values)
    rows = version_cache.rows(store, ("kinds", selection.key()), lambda: store.select(text))
    return {(local_name(r["main"]), r["denied"] == NEGATED): int(r["count"]) for r in rows}


@dataclass(frozen=True)
class FirstPage:
    """The rows of a list's first page and how many the list holds in all."""

    rows: list[dict[str, Any]]
    total: int

    @property
    def iris(self) -> list[str]:
        return [r["assertion"] for r in self.rows]


def first_page(store: GraphStore, selection: Selection, *, limit: int) -> FirstPage:
    """The first `limit` rows of the selection and its total: one query for a list of no
    more than `limit` (it reads one row more, to know), a COUNT besides for a longer one."""
    rows = page_rows(store, selection, offset=0, limit=limit + 1)
    if len(rows) <= limit:
        return FirstPage(rows, len(rows))
    return FirstPage(rows[:limit], count(store, selection))


def page_rows(
    store: GraphStore, selection: Selection, *, offset: int, limit: int
) -> list[dict[str, Any]]:
    """The rows (the fact's IRI, ?assertion, and what else the selection's query gives) of
    `limit` facts of the selection from `offset` on, in the list's order."""
    text = page_query(selection.query, limit=limit, offset=offset, **selection.values)
    key = ("page", selection.key(), limit, offset)
    return version_cache.rows(store, key, lambda: store.select(text))


def page_iris(store: GraphStore, selection: Selection, *, offset: int, limit: int) -> list[str]:
    """The IRIs of `limit` facts of the selection from `offset` on, in the list's order."""
    return [r["assertion"] for r in page_rows(store, selection, offset=offset, limit=limit)]


def page(
    store: GraphStore,
    selection: Selection,
    *,
    offset: int,
    limit: int,
    quotes: int | None,
) -> list[dict[str, Any]]:
    """The records of `limit` facts of the selection from `offset` on, in the list's order,
    each with at most `quotes` quotes (read_model.evidence)."""
    return records_in_order(store, page_iris(store, selection, offset=offset, limit=limit), quotes)


def records_in_order(
    store: GraphStore, iris: list[str], quotes: int | None
) -> list[dict[str, Any]]:
    """The records of the facts `iris`, in that order (a fact the store no longer has, or
    one that is no assertion, left out)."""
    if not iris:
        return []
    found = {r["uri"]: r for r in assertion_records(store, list(dict.fromkeys(iris)), quotes)}
    return [found[i] for i in dict.fromkeys(iris) if i in found]


def challenge_theme_counts(store: GraphStore, subject: str) -> dict[str, int]:
    """How many of `subject`'s challenges (main kind Uitdaging, not negated) name each theme."""
    earlier = [c for c in SPECIFIC_CLASSES if str(c) < str(GG.Uitdaging)]
    text = query("fact_lists/challenge_themes", subject=URIRef(subject), other_class=earlier)
    rows = version_cache.rows(store, ("challenge_themes", subject), lambda: store.select(text))
    return {r["theme"]: int(r["n"]) for r in rows}
