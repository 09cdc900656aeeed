"""The lists of facts on the entity pages: bounded, counted, each with a paged view of its own.

A municipality's, network's, theme's, document's or programme's page shows at most
PAGE_SIZE facts per list, says how many more there are and links to the list's own view,
/{kind}/{key}/{list}?pagina=N (list_pages.py), where a reader walks all of them. The lists
are declared here once (`OWNERS`), so that a page and its lists' views show the same facts
in the same order: the read model's selections (gemeentegraaf.queries.fact_lists).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gemeentegraaf.common.namespaces import key_of
from gemeentegraaf.queries import fact_lists as facts
from gemeentegraaf.queries import read_model as queries
from gemeentegraaf.service.web.paging import PAGE_SIZE, Pager, page_href, page_number
from gemeentegraaf.store.base import GraphStore

Selector = Callable[[str, str | None], facts.Selection]


@dataclass(frozen=True)
class FactList:
    """One list of an entity's page: `select(uri, theme)` says which facts it holds."""

    slug: str  # the last segment of its view's path
    heading: str  # Dutch, as on the page
    select: Selector
    # For the lists of facts about a subject: their main kinds and negation, so that one
    # reading (fact_lists.kind_counts) counts every list of the page.
    kinds: frozenset[str] = frozenset()
    negated: bool | None = None
    by_theme: bool = False  # its view takes ?thema= (the page shows it per theme)
    show_subjects: bool = False  # each fact says what it is about


def _about(
    slug: str, heading: str, kinds: tuple[str, ...], negated: bool | None, **kw: Any
) -> FactList:
    def select(uri: str, theme: str | None) -> facts.Selection:
        return facts.about(uri, kinds, negated=negated, theme=theme)

    return FactList(slug, heading, select, frozenset(kinds), negated, **kw)


def _of_kind(slug: str, heading: str, kind: str, *, by_law: bool = False) -> FactList:
    def select(uri: str, theme: str | None) -> facts.Selection:
        if by_law:
            return facts.of_kind(kind, law=uri)
        return facts.of_kind(kind, theme=uri)

    return FactList(slug, heading, select, show_subjects=True)


# The main kinds the municipality's page lists apart; the others go together.
_APART = ("Uitdaging", "Deelname", "Praktijkvoorbeeld", "Rolvermelding", "Kengetal")
_OTHER = tuple(k for k in queries.ASSERTION_KINDS if k not in _APART)
_ALL = tuple(queries.ASSERTION_KINDS)


@dataclass(frozen=True)
class Owner:
    """A kind of entity whose page has lists of facts; their views are /{path}/{key}/{slug}."""

    path: str  # "gemeenten"
    namespace: str  # its URIs': queries.GEMEENTE_NS
    lists: tuple[FactList, ...]
    title: Callable[[GraphStore, str], str | None] = field(repr=False)  # None: not one of these

    def fact_list(self, slug: str) -> FactList | None:
        return next((f for f in self.lists if f.slug == slug), None)

    def view(self, uri: str, fact_list: FactList) -> str:
        return self.path_of(uri, fact_list.slug)

    def path_of(self, uri: str, slug: str) -> str:
        """The path of the entity's list `slug`."""
        return f"/{self.path}/{key_of(uri, self.namespace)}/{slug}"


def _municipality_name(store: GraphStore, uri: str) -> str | None:
    try:
        record = queries.municipality(store, key_of(uri, queries.GEMEENTE_NS) or "")
    except ValueError:
        return None
    return record["name"] if record and record["uri"] == uri else None


def _network_name(store: GraphStore, uri: str) -> str | None:
    record = queries.network(store, key_of(uri, queries.NETWERK_NS) or "")
    # network() folds the key's case; the page is the one URI that is minted (g32, not G32)
    return record["name"] if record and record["uri"] == uri else None


def _theme_label(store: GraphStore, uri: str) -> str | None:
    record = queries.theme(store, uri)
    return record["label"] if record else None


def _document_title(store: GraphStore, uri: str) -> str | None:
    return next((d["title"] for d in queries.documents(store) if d["uri"] == uri), None)


def _programme_name(store: GraphStore, uri: str) -> str | None:
    record = queries.programme(store, uri)
    return record["name"] if record else None


# A municipality's challenges: its page shows them per theme (theme_groups).
CHALLENGES = _about("uitdagingen", "Uitdagingen", ("Uitdaging",), False, by_theme=True)
MUNICIPALITY = Owner(
    "gemeenten",
    queries.GEMEENTE_NS,
    (
        CHALLENGES,
        _about("ontkend", "Uitdrukkelijk níet als uitdaging", _ALL, True),
        _about("deelnames", "Deelname volgens de documenten", ("Deelname",), False),
        _about("praktijkvoorbeelden", "Praktijkvoorbeelden", ("Praktijkvoorbeeld",), False),
        _about("overige", "Trends, opgaven en andere feiten", _OTHER, False),
        _about("rollen", "Genoemd in een rol", ("Rolvermelding",), False),
        _about("kengetallen", "Kengetallen", ("Kengetal",), False),
    ),
    _municipality_name,
)
NETWORK = Owner(
    "netwerken",
    queries.NETWERK_NS,
    (
        _about("standpunten", "Standpunten", ("Standpunt",), None),
        _about(
            "feiten",
            "Trends, opgaven en andere feiten over het netwerk",
            tuple(k for k in _ALL if k != "Standpunt"),
            None,
        ),
    ),
    _network_name,
)
THEME = Owner(
    "themas",
    queries.THEMA_NS,
    (
        FactList(
            "ontkend",
            "Uitdrukkelijk níet als uitdaging",
            lambda uri, _: facts.negated_on_theme(uri),
            show_subjects=True,
        ),
        _of_kind("knelpunten", "Knelpunten", "Knelpunt"),
        _of_kind("trends", "Trends", "Trend"),
        _of_kind("opgaven", "Opgaven", "Opgave"),
    ),
    _theme_label,
)
DOCUMENT = Owner(
    "documenten",
    queries.DOCUMENT_NS,
    (
        FactList(
            "feiten",
            "Feiten uit dit document",
            lambda uri, _: facts.from_document(uri),
            show_subjects=True,
        ),
    ),
    _document_title,
)
PROGRAMME = Owner(
    "programmas",
    queries.PROGRAMMA_NS,
    (
        _of_kind(
            "knelpunten", "Knelpunten waarbij deze regeling betrokken is", "Knelpunt", by_law=True
        ),
    ),
    _programme_name,
)
OWNERS = (MUNICIPALITY, NETWORK, THEME, DOCUMENT, PROGRAMME)


# ---------------------------------------------------------------------------
# What an entity's page shows of a list
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """The first facts of a list, how many it has, and where its own view is."""

    items: list[dict[str, Any]]
    total: int
    view: str  # path of the list's own view
    query: dict[str, str] = field(default_factory=dict)  # its filters (?thema=)
    heading: str = ""

    @property
    def rest(self) -> int:
        """How many of the list's facts the page does not show."""
        return max(0, self.total - len(self.items))

    @property
    def rest_href(self) -> str:
        """The page of the list's view with the first fact not shown."""
        return page_href(self.view, self.query, len(self.items) // PAGE_SIZE + 1)

    @property
    def href(self) -> str:
        return page_href(self.view, self.query, 1)


def shown_lists(
    store: GraphStore,
    owner: Owner,
    uri: str,
    lists: Sequence[FactList],
    *,
    quotes: int,
    totals: Mapping[str, int] | None = None,
) -> dict[str, Shown]:
    """The first PAGE_SIZE facts of each of `lists` (each with at most `quotes` quotes) and
    their totals, by slug. Per list one query, which reads one fact more than a page and so
    counts a short list itself (facts.first_page; a longer one is counted apart), or with
    `totals` known, a page of it; and one read of the records of every list's facts."""
    firsts = {}
    for f in lists:
        selection = f.select(uri, None)
        if totals is None:
            firsts[f.slug] = facts.first_page(store, selection, limit=PAGE_SIZE)
        else:
            total = totals.get(f.slug, 0)
            rows = facts.page_rows(store, selection, offset=0, limit=PAGE_SIZE) if total else []
            firsts[f.slug] = facts.FirstPage(rows, total)
    records = _records(store, [i for first in firsts.values() for i in first.iris], quotes)
    return {
        f.slug: Shown(
            [records[i] for i in firsts[f.slug].iris if i in records],
            firsts[f.slug].total,
            owner.view(uri, f),
            heading=f.heading,
        )
        for f in lists
    }


def _records(store: GraphStore, iris: list[str], quotes: int) -> dict[str, dict[str, Any]]:
    """The records of the facts `iris` by IRI (one read for all: none for none)."""
    if not iris:
        return {}
    return {r["uri"]: r for r in facts.records_in_order(store, iris, quotes)}


def list_page(
    store: GraphStore, selection: facts.Selection, pagina: str | None, *, quotes: int
) -> tuple[Pager, list[dict[str, Any]]]:
    """Page `pagina` of a list (a list's own view, /knelpunten) and its facts, each with at
    most `quotes` quotes; PageError for a page number that names none. The first page is
    read as an entity's page reads it (facts.first_page: the list counted only when it is
    longer than a page), a later one after counting the list, which says whether it is
    there."""
    number = page_number(pagina)
    if number == 1:
        first = facts.first_page(store, selection, limit=PAGE_SIZE)
        return Pager(1, first.total), facts.records_in_order(store, first.iris, quotes)
    pager = Pager(number, facts.count(store, selection))
    pager.check()
    items = facts.page(store, selection, offset=pager.offset, limit=pager.size, quotes=quotes)
    return pager, items


# How many facts about an entity (a municipality, a network) its page reads in one query,
# records and all, and sorts into its lists itself: a municipality has a few dozen. That
# is one query for all its lists, as when the page read every fact. Past this, each list
# is read a page at a time, its first page and its count apart.
READ_WHOLE = queries.ABOUT_FIRST


def about_facts(store: GraphStore, uri: str, *, quotes: int) -> list[dict[str, Any]] | None:
    """The facts about an entity as records (at most `quotes` quotes each) in the order of
    its lists (by IRI), when there are no more than READ_WHOLE; else None."""
    found = queries.facts_about_first(store, uri, quotes=quotes)
    return None if found is None else sorted(found, key=lambda r: r["uri"])


def _holds(fact_list: FactList, record: dict[str, Any]) -> bool:
    return record["kind"] in fact_list.kinds and fact_list.negated in (None, record["negated"])


def about_lists(
    store: GraphStore,
    owner: Owner,
    uri: str,
    *,
    quotes: int,
    whole: list[dict[str, Any]] | None = None,
) -> dict[str, Shown]:
    """Every list of an entity whose lists are facts about it (a municipality, a network);
    the list shown per theme (challenges) is left to theme_groups. `whole`: the entity's
    facts when about_facts read them all, sorted into the lists here; else the lists are
    counted in one reading and the first page of each read apart."""
    lists = [f for f in owner.lists if not f.by_theme]
    if whole is None:
        counts = facts.kind_counts(store, facts.about(uri, _ALL))
        totals = {f.slug: _tally(counts, f) for f in lists}
        return shown_lists(store, owner, uri, lists, quotes=quotes, totals=totals)
    out = {}
    for f in lists:
        held = [r for r in whole if _holds(f, r)]
        out[f.slug] = Shown(held[:PAGE_SIZE], len(held), owner.view(uri, f), heading=f.heading)
    return out


def _tally(counts: dict[tuple[str, bool], int], fact_list: FactList) -> int:
    return sum(
        n
        for (kind, denied), n in counts.items()
        if kind in fact_list.kinds and fact_list.negated in (None, denied)
    )


# ---------------------------------------------------------------------------
# A municipality's challenges, per theme
# ---------------------------------------------------------------------------


def shares(counts: dict[str, int], budget: int) -> dict[str, int]:
    """How many of each group's items a page of `budget` items shows: every group what it
    has when all fit, else each an even share, and what a small group leaves to the bigger
    ones (the smallest first; ties by key, so the same counts give the same shares)."""
    out: dict[str, int] = {}
    left = budget
    order = sorted(counts, key=lambda k: (counts[k], k))
    for place, key in enumerate(order):
        share = min(counts[key], left // (len(order) - place))
        out[key] = share
        left -= share
    return out


def theme_groups(
    store: GraphStore,
    owner: Owner,
    uri: str,
    fact_list: FactList,
    *,
    quotes: int,
    whole: list[dict[str, Any]] | None = None,
) -> list[dict[str, Any]]:
    """The list's facts per theme, by the theme's label: each theme with its total and at
    most its share of PAGE_SIZE facts, so that the page shows PAGE_SIZE in all and something
    of every theme (each its own view: ?thema=). `whole`: as for about_lists (then nothing
    more is read)."""
    if whole is not None:
        held = [r for r in whole if _holds(fact_list, r)]
        counts: dict[str, int] = defaultdict(int)
        for r in held:
            for t in r["themes"]:
                if t["uri"]:
                    counts[t["uri"]] += 1
        share = shares(counts, PAGE_SIZE)
        found, taken = [], dict.fromkeys(counts, 0)
        for r in held:
            mine = [t["uri"] for t in r["themes"] if t["uri"]]
            if any(taken[t] < share[t] for t in mine):
                found.append(r)
                for t in mine:
                    taken[t] += 1
    else:
        counts = facts.challenge_theme_counts(store, uri)
        if not counts:
            return []
        if sum(counts.values()) <= PAGE_SIZE:
            # All fit: one read of the whole list, sorted out per theme below.
            selection = fact_list.select(uri, None)
            iris = facts.page_iris(store, selection, offset=0, limit=PAGE_SIZE)
        else:
            share = shares(counts, PAGE_SIZE)
            iris = [
                iri
                for theme in sorted(counts)
                if share[theme]
                for iri in facts.page_iris(
                    store, fact_list.select(uri, theme), offset=0, limit=share[theme]
                )
            ]
        found = facts.records_in_order(store, iris, quotes)
    names = queries.labels(store, counts)
    groups = []
    for theme in sorted(counts):
        items = [r for r in found if any(t["uri"] == theme for t in r["themes"])]
        relations: list[dict[str, Any]] = []
        for r in items:
            if r["relation"] and r["relation"] not in relations:
                relations.append(r["relation"])
        key = key_of(theme, queries.THEMA_NS)
        groups.append(
            {
                "theme": {"uri": theme, "id": key, "label": names.get(theme, key or theme)},
                "relations": relations,
                "facts": Shown(
                    items, counts[theme], owner.view(uri, fact_list), {"thema": key or ""}
                ),
            }
        )
    return sorted(groups, key=lambda g: (g["theme"]["label"].lower(), g["theme"]["uri"]))
