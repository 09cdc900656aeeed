"""The SPARQL the JSON API and the pages run, and the example queries of the query page.

Every query reads the union of the named graphs (the store's default graph).
Functions return plain Python records (dicts, lists) so that the API can wrap
them in response models and the templates can render them; nothing here knows
about HTTP.

Values that come from a request are put into SPARQL only through `iri()` and
`literal()`, which refuse or escape anything that could change the query.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from gemeentegraaf.common.namespaces import (
    GG,
    ID,
    OA,
    ORG,
    PREFIXES,
    SKOS,
    SPARQL_PREFIXES,
    TOOIONT,
    document_graph,
    key_of,
    local_name,
    municipality_uri,
    network_uri,
    parse_cbs_code,
    sparql_prefixes,
)
from gemeentegraaf.store.oxigraph import GraphStore

ID_NS = str(ID)
GEMEENTE_NS = ID_NS + "gemeente/"
PROVINCIE_NS = ID_NS + "provincie/"
NETWERK_NS = ID_NS + "netwerk/"
THEMA_NS = ID_NS + "thema/"
DOCUMENT_NS = ID_NS + "document/"
PROGRAMMA_NS = ID_NS + "programma/"

# The ontology's assertion classes (gg:Bewering and its subclasses) and
# programme classes. Listed here because the store does no RDFS inference.
ASSERTION_KINDS = (
    "Uitdaging",
    "Deelname",
    "Trend",
    "Opgave",
    "Knelpunt",
    "Standpunt",
    "Praktijkvoorbeeld",
    "Kengetal",
    "Rolvermelding",
    "Bewering",
)
PROGRAMME_KINDS = ("CityDeal", "RegioDeal", "NationaalProgramma", "Fonds", "Wet", "Programma")

# Classes counted on the home page and in the VoID class partitions.
COUNTED_CLASSES: tuple[str, ...] = (
    TOOIONT + "Gemeente",
    TOOIONT + "Provincie",
    GG + "Stedennetwerk",
    ORG + "Membership",
    *(GG + k for k in PROGRAMME_KINDS),
    SKOS + "Concept",
    GG + "Document",
    GG + "Sectie",
    GG + "Casus",
    GG + "Passage",
    *(GG + k for k in ASSERTION_KINDS),
    GG + "Gelijkenis",
    OA + "SpecificResource",
)

# A curator's rejection removes an extracted fact from every answer.
_NOT_REJECTED = """FILTER NOT EXISTS { %s gg:curatie ?_cur .
    FILTER(LCASE(STR(?_cur)) IN ("verworpen", "rejected", "afgewezen")) }"""

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class QueryInputError(ValueError):
    """A value from a request that cannot be put into a query; the message is for a person."""


def _valid_iri(value: str) -> bool:
    try:
        iri(value)
    except QueryInputError:
        return False
    return True


def iri(value: str) -> str:
    """`<value>` for SPARQL, refusing characters that an IRI reference may not hold."""
    if not value or _IRI_FORBIDDEN.search(value):
        raise QueryInputError(f"not a valid IRI: {value!r}")
    try:
        ox.NamedNode(value)  # the engine's own IRI rules (e.g. no U+FFFD from bad escapes)
    except ValueError as exc:
        raise QueryInputError(f"not a valid IRI: {value!r}") from exc
    return f"<{value}>"


def literal(value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def _values(var: str, uris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(iri(u) for u in uris)} }}"


def _select(store: GraphStore, body: str) -> list[dict[str, Any]]:
    return store.select(SPARQL_PREFIXES + body)


def _chunks(items: list[str], size: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


# ---------------------------------------------------------------------------
# Labels
# ---------------------------------------------------------------------------

_LABEL_PROPS = (
    "skos:prefLabel",
    "rdfs:label",
    "dcterms:title",
    "skos:notation",
    "foaf:name",
)
_LANG_RANK = {"nl": 0, "": 1, "en": 2}
# Full IRI → position in _LABEL_PROPS.
_LABEL_RANK = {
    PREFIXES[prefix] + name: rank
    for rank, (prefix, name) in enumerate(p.split(":") for p in _LABEL_PROPS)
}


def labels(store: GraphStore, uris: Iterable[str], lang: str = "nl") -> dict[str, str]:
    """The best label of each IRI: a Dutch skos:prefLabel first, then rdfs:label, title, ..."""
    wanted = sorted({u for u in uris if u and not u.startswith("_:")})
    best: dict[str, tuple[int, str]] = {}
    rank = dict(_LANG_RANK)
    rank[lang] = -1
    for chunk in _chunks(wanted):
        rows = _select(
            store,
            f"""SELECT ?x ?p ?l (LANG(?l) AS ?lang) WHERE {{
  {_values("x", chunk)}
  VALUES ?p {{ {" ".join(_LABEL_PROPS)} }}
  ?x ?p ?l . FILTER(isLiteral(?l))
}}""",
        )
        for r in rows:
            prop_rank = _LABEL_RANK[r["p"]]
            score = prop_rank * 10 + rank.get(r["lang"] or "", 5)
            text = str(r["l"])
            if r["x"] not in best or (score, text) < best[r["x"]]:
                best[r["x"]] = (score, text)
    return {u: v[1] for u, v in best.items()}


def label_in(store: GraphStore, uris: Iterable[str], lang: str) -> dict[str, str]:
    """skos:prefLabel (else rdfs:label) in exactly language `lang`, where there is one."""
    wanted = sorted({u for u in uris if u})
    out: dict[str, str] = {}
    for chunk in _chunks(wanted):
        rows = _select(
            store,
            f"""SELECT ?x ?l WHERE {{
  {_values("x", chunk)}
  {{ ?x skos:prefLabel ?l }} UNION {{ ?x rdfs:label ?l }}
  FILTER(LANG(?l) = {literal(lang)})
}} ORDER BY ?x ?l""",
        )
        for r in rows:
            out.setdefault(r["x"], r["l"])
    return out


def known_resources(store: GraphStore, uris: Iterable[str]) -> set[str]:
    """Those of `uris` the store says anything about (as subject or object), in one query.

    A value that is not a valid IRI is simply not known.
    """
    wanted = [u for u in set(uris) if _valid_iri(u)]
    if not wanted:
        return set()
    rows = _select(
        store,
        f"""SELECT ?x WHERE {{
  {_values("x", wanted)}
  FILTER EXISTS {{ {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }} }}
}}""",
    )
    return {r["x"] for r in rows}


# ---------------------------------------------------------------------------
# What the dataset holds
# ---------------------------------------------------------------------------


def class_counts(store: GraphStore) -> dict[str, int]:
    rows = _select(
        store,
        f"""SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  {_values("c", COUNTED_CLASSES)}
  ?s a ?c .
}} GROUP BY ?c""",
    )
    found = {r["c"]: int(r["n"]) for r in rows}
    return {c: found[c] for c in COUNTED_CLASSES if found.get(c)}


def graph_counts(store: GraphStore) -> dict[str, int]:
    rows = _select(
        store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
    )
    return {r["g"]: int(r["n"]) for r in rows}


def dataset_triples(store: GraphStore, dataset: str) -> list[ox.Triple]:
    """What the build wrote about the dataset itself (build id, modification time)."""
    return list(
        store.query(
            f"CONSTRUCT {{ {iri(dataset)} ?p ?o }} WHERE {{ GRAPH ?g {{ {iri(dataset)} ?p ?o }} }}"
        )
    )


def partial_lists(store: GraphStore) -> list[dict[str, Any]]:
    """Sources and programmes whose member or participant list is marked incomplete."""
    rows = _select(
        store,
        "SELECT DISTINCT ?s WHERE { ?s gg:ledenlijstVolledig false } ORDER BY ?s",
    )
    names = labels(store, [r["s"] for r in rows])
    return [{"uri": r["s"], "label": names.get(r["s"], r["s"])} for r in rows]


# ---------------------------------------------------------------------------
# Linked-data descriptions
# ---------------------------------------------------------------------------

INCOMING_LIMIT = 10_000


def describe(store: GraphStore, uri: str) -> list[ox.Triple]:
    """The resource's own triples (following blank nodes), and for an assertion its evidence.

    Oxigraph's DESCRIBE is a concise bounded description: it follows blank
    nodes, so selectors and time intervals come along. Evidence that is an IRI
    of its own (gg:bewijs) is described too, with its selectors.
    """
    node = iri(uri)
    query = f"""DESCRIBE ?x WHERE {{
  {{ BIND({node} AS ?x) }}
  UNION {{ {node} gg:bewijs ?x . FILTER(isIRI(?x)) }}
  UNION {{ {node} gg:bewijs/oa:hasSelector ?x . FILTER(isIRI(?x)) }}
}}"""
    return list(store.query(SPARQL_PREFIXES + query))


def incoming(store: GraphStore, uri: str, limit: int = INCOMING_LIMIT) -> list[ox.Triple]:
    node = iri(uri)
    query = f"CONSTRUCT {{ ?s ?p {node} }} WHERE {{ ?s ?p {node} }} LIMIT {int(limit)}"
    return list(store.query(query))


def graph_triples(store: GraphStore, graph: str) -> list[ox.Triple]:
    return list(
        store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(graph)} {{ ?s ?p ?o }} }}")
    )


# ---------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------


def evidence(store: GraphStore, assertions: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """The evidence (document, quote, offsets, passage) of each assertion."""
    wanted = sorted(set(assertions))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    docs = {d["uri"]: d for d in documents(store)} if wanted else {}
    for chunk in _chunks(wanted):
        rows = _select(
            store,
            f"""SELECT ?a ?ev ?doc ?passage ?exact ?prefix ?suffix ?start ?end WHERE {{
  {_values("a", chunk)}
  ?a gg:bewijs ?ev .
  OPTIONAL {{ ?ev oa:hasSource ?doc }}
  OPTIONAL {{ ?ev gg:passage ?passage }}
  OPTIONAL {{ ?ev oa:hasSelector ?q . ?q a oa:TextQuoteSelector ; oa:exact ?exact .
             OPTIONAL {{ ?q oa:prefix ?prefix }} OPTIONAL {{ ?q oa:suffix ?suffix }} }}
  OPTIONAL {{ ?ev oa:hasSelector ?pos . ?pos a oa:TextPositionSelector ;
             oa:start ?start ; oa:end ?end }}
}} ORDER BY ?a ?doc ?start""",
        )
        for r in rows:
            # One row per evidence node; a second selector of a kind would repeat it.
            if (r["a"], r["ev"]) in seen:
                continue
            seen.add((r["a"], r["ev"]))
            doc = docs.get(r["doc"] or "", {})
            out[r["a"]].append(
                {
                    "document": r["doc"],
                    "document_key": key_of(r["doc"], DOCUMENT_NS),
                    "document_title": doc.get("title"),
                    "year": doc.get("year"),
                    "quote": r["exact"],
                    "prefix": r["prefix"],
                    "suffix": r["suffix"],
                    "start": r["start"],
                    "end": r["end"],
                    "passage": r["passage"],
                }
            )
    return dict(out)


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


def documents(store: GraphStore) -> list[dict[str, Any]]:
    rows = _select(
        store,
        """SELECT ?d (SAMPLE(?t) AS ?title) (SAMPLE(?pub) AS ?publisher) (SAMPLE(?dt) AS ?date)
       (SAMPLE(?k) AS ?kind) (SAMPLE(?f) AS ?file) WHERE {
  ?d a gg:Document .
  OPTIONAL { ?d dcterms:title ?t }
  OPTIONAL { ?d dcterms:publisher ?pub }
  OPTIONAL { ?d dcterms:issued|dcterms:date|dcterms:created ?dt }
  OPTIONAL { ?d gg:documentsoort ?k }
  OPTIONAL { ?d gg:bestandsnaam ?f }
} GROUP BY ?d""",
    )
    publishers = labels(store, [r["publisher"] for r in rows if _is_iri(r["publisher"])])
    out = []
    for r in rows:
        date = str(r["date"]) if r["date"] is not None else None
        pub = r["publisher"]
        out.append(
            {
                "uri": r["d"],
                "key": key_of(r["d"], DOCUMENT_NS) or r["d"],
                "title": r["title"] or local_name(r["d"]),
                "publisher": publishers.get(pub, pub) if pub else None,
                "date": date,
                "year": int(date[:4]) if date and date[:4].isdigit() else None,
                "kind": r["kind"],
                "file": r["file"],
                "graph": str(document_graph(key_of(r["d"], DOCUMENT_NS) or "")),
            }
        )
    return sorted(out, key=lambda d: (d["year"] or 0, d["key"]))


def _is_iri(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://", "urn:"))


def document_fact_counts(store: GraphStore) -> dict[str, dict[str, int]]:
    """Per document: how many assertions of each kind rest on it."""
    rows = _select(
        store,
        f"""SELECT ?d ?c (COUNT(DISTINCT ?a) AS ?n) WHERE {{
  {_values("c", [GG + k for k in ASSERTION_KINDS])}
  ?a a ?c ; gg:bewijs/oa:hasSource ?d .
  # an assertion typed with a subclass as well is counted under the subclass only
  FILTER(?c != gg:Bewering || NOT EXISTS {{
    ?a a ?sub . {_values("sub", [GG + k for k in ASSERTION_KINDS if k != "Bewering"])} }})
}} GROUP BY ?d ?c""",
    )
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        out[r["d"]][local_name(r["c"])] = int(r["n"])
    return dict(out)


def sections(store: GraphStore, document: str) -> list[dict[str, Any]]:
    """The document's sections and cases, nested by dcterms:isPartOf, in document order."""
    rows = _select(
        store,
        f"""SELECT ?s ?parent (SAMPLE(?c) AS ?cls) (SAMPLE(?n) AS ?num) (SAMPLE(?t) AS ?title)
       (SAMPLE(?lv) AS ?level) (MIN(?st) AS ?start) WHERE {{
  ?s dcterms:isPartOf+ {iri(document)} ; a ?c ; dcterms:isPartOf ?parent .
  VALUES ?c {{ gg:Sectie gg:Casus }}
  OPTIONAL {{ ?s gg:sectienummer ?n }}
  OPTIONAL {{ ?s dcterms:title|rdfs:label|skos:prefLabel ?t }}
  OPTIONAL {{ ?s gg:niveau ?lv }}
  OPTIONAL {{ ?s oa:hasSelector|gg:bewijs/oa:hasSelector ?sel . ?sel oa:start ?st }}
}} GROUP BY ?s ?parent""",
    )
    nodes = {
        r["s"]: {
            "uri": r["s"],
            "number": r["num"],
            "title": r["title"] or r["num"] or local_name(r["s"]),
            "level": r["level"],
            "case": (r["cls"] or "").endswith("Casus"),
            "start": r["start"],
            "parent": r["parent"],
            "children": [],
        }
        for r in rows
    }
    roots = []
    for n in sorted(nodes.values(), key=_section_order):
        parent = nodes.get(n["parent"])
        (parent["children"] if parent else roots).append(n)
    return roots


def _section_order(n: dict[str, Any]) -> tuple:
    number = n["number"] or ""
    parts = tuple(int(p) if p.isdigit() else 10_000 for p in re.split(r"[.\s]+", number) if p)
    start = n["start"] if n["start"] is not None else 10**9
    return (start, parts or (10_000,), n["title"] or "")


def document_subjects(store: GraphStore, document: str) -> list[dict[str, Any]]:
    """Municipalities that facts resting on this document are about, with a count."""
    rows = _select(
        store,
        f"""SELECT ?m (COUNT(DISTINCT ?a) AS ?n) WHERE {{
  ?a gg:bewijs/oa:hasSource {iri(document)} .
  {{ ?a gg:onderwerp ?m }} UNION {{ ?a gg:geldtVoor ?m }}
  ?m a tooiont:Gemeente .
}} GROUP BY ?m""",
    )
    names = labels(store, [r["m"] for r in rows])
    out = [
        {
            "uri": r["m"],
            "code": (key_of(r["m"], GEMEENTE_NS) or "").upper(),
            "name": names.get(r["m"], r["m"]),
            "facts": int(r["n"]),
        }
        for r in rows
    ]
    return sorted(out, key=lambda m: m["name"])


# ---------------------------------------------------------------------------
# Municipalities
# ---------------------------------------------------------------------------


def _theme_filter(var: str, theme: str) -> str:
    return f"""?_ch a gg:Uitdaging ; gg:onderwerp ?{var} ; gg:thema ?_t .
  ?_t skos:broader* {iri(theme)} .
  FILTER NOT EXISTS {{ ?_ch gg:ontkend true }}
  {_NOT_REJECTED % "?_ch"}"""


def municipalities(
    store: GraphStore,
    *,
    network: str | None = None,
    province: str | None = None,
    theme: str | None = None,
    current: bool | None = None,
    text: str | None = None,
) -> list[dict[str, Any]]:
    """Municipalities, filtered by network (any recorded membership), province and theme."""
    filters = []
    if network:
        filters.append(f"?_ms org:member ?m ; org:organization {iri(network)} .")
    if province:
        filters.append(f"?m tooiont:ligtInProvincie {iri(province)} .")
    if theme:
        filters.append(_theme_filter("m", theme))
    if current is True:
        filters.append("FILTER NOT EXISTS { ?m tooiont:einddatum ?_e }")
    elif current is False:
        filters.append("FILTER EXISTS { ?m tooiont:einddatum ?_e }")
    if text:
        filters.append(
            f"FILTER EXISTS {{ ?m skos:prefLabel|skos:altLabel|rdfs:label ?_l . "
            f"FILTER(CONTAINS(LCASE(STR(?_l)), {literal(text.lower())})) }}"
        )
    out = _municipality_records(store, "\n  ".join(filters))
    return sorted(out, key=lambda m: (m["name"].lower(), m["code"]))


def _municipality_records(store: GraphStore, where: str) -> list[dict[str, Any]]:
    """The municipalities (?m) that match the WHERE fragment, as records."""
    rows = _select(
        store,
        f"""SELECT ?m (SAMPLE(?c) AS ?code) (SAMPLE(?n) AS ?name) (SAMPLE(?p) AS ?prov)
       (SAMPLE(?b) AS ?begin) (SAMPLE(?e) AS ?end) (SAMPLE(?pop) AS ?population)
       (SAMPLE(?urb) AS ?urbanity) WHERE {{
  ?m a tooiont:Gemeente ; gg:cbsCode ?c .
  {where}
  OPTIONAL {{ ?m skos:prefLabel ?n }}
  OPTIONAL {{ ?m tooiont:ligtInProvincie ?p }}
  OPTIONAL {{ ?m tooiont:begindatum ?b }}
  OPTIONAL {{ ?m tooiont:einddatum ?e }}
  OPTIONAL {{ ?m gg:inwonertal ?pop }}
  OPTIONAL {{ ?m gg:stedelijkheid ?urb }}
}} GROUP BY ?m""",
    )
    provinces = _provinces(store)
    return [_municipality_record(r, provinces) for r in rows]


def _provinces(store: GraphStore) -> dict[str, dict[str, Any]]:
    rows = _select(
        store,
        """SELECT ?p (SAMPLE(?c) AS ?code) (SAMPLE(?n) AS ?name) WHERE {
  ?p a tooiont:Provincie . OPTIONAL { ?p gg:provinciecode ?c }
  OPTIONAL { ?p skos:prefLabel ?n }
} GROUP BY ?p""",
    )
    return {
        r["p"]: {
            "uri": r["p"],
            "code": r["code"] or (key_of(r["p"], PROVINCIE_NS) or "").upper(),
            "name": r["name"] or local_name(r["p"]),
        }
        for r in rows
    }


def provinces(store: GraphStore) -> list[dict[str, Any]]:
    return sorted(_provinces(store).values(), key=lambda p: p["name"])


def _municipality_record(r: dict[str, Any], provinces: dict[str, dict]) -> dict[str, Any]:
    return {
        "uri": r["m"],
        "code": r["code"],
        "name": r["name"] or r["code"],
        "province": provinces.get(r["prov"]) if r["prov"] else None,
        "begin": _date_text(r["begin"]),
        "end": _date_text(r["end"]),
        "current": r["end"] is None,
        "population": r["population"],
        "urbanity": r["urbanity"],
    }


def _date_text(value: Any) -> str | None:
    return None if value is None else str(value)


def municipality(store: GraphStore, code: str) -> dict[str, Any] | None:
    """One municipality with its identifiers, successors and predecessors; None if unknown.

    `code` is a CBS code in any form parse_cbs_code reads (ValueError otherwise).
    """
    uri = str(municipality_uri(parse_cbs_code(code)))
    found = _municipality_records(store, f"VALUES ?m {{ {iri(uri)} }}")
    if not found:
        return None
    record = found[0]
    links = _select(
        store,
        f"""SELECT ?p ?o WHERE {{
  {iri(uri)} ?p ?o .
  VALUES ?p {{ owl:sameAs gg:opgegaanIn dcterms:replaces }}
}} ORDER BY ?p ?o""",
    )
    related = [r["o"] for r in links if r["o"].startswith(GEMEENTE_NS)]
    names = labels(store, related)

    def refs(prop: str) -> list[dict[str, str]]:
        return [
            {
                "uri": r["o"],
                "code": (key_of(r["o"], GEMEENTE_NS) or "").upper(),
                "name": names.get(r["o"], r["o"]),
            }
            for r in links
            if r["p"].endswith(prop) and r["o"].startswith(GEMEENTE_NS)
        ]

    record["same_as"] = [r["o"] for r in links if r["p"].endswith("#sameAs")]
    record["successors"] = refs("#opgegaanIn")
    record["predecessors"] = refs("/replaces")
    return record


def municipality_networks(store: GraphStore, uri: str) -> list[dict[str, Any]]:
    """The memberships of a municipality, each with its dates and source."""
    rows = _select(
        store,
        f"""SELECT ?ms ?net (SAMPLE(?v) AS ?attested) (SAMPLE(?b) AS ?begin) (SAMPLE(?e) AS ?end)
       (SAMPLE(?d) AS ?derived) (SAMPLE(?src) AS ?source) WHERE {{
  ?ms a org:Membership ; org:member {iri(uri)} ; org:organization ?net .
  OPTIONAL {{ ?ms gg:vastgesteldOp ?v }}
  OPTIONAL {{ ?ms org:memberDuring/time:hasBeginning/time:inXSDDate ?b }}
  OPTIONAL {{ ?ms org:memberDuring/time:hasEnd/time:inXSDDate ?e }}
  OPTIONAL {{ ?ms prov:wasDerivedFrom ?d }}
  OPTIONAL {{ ?ms dcterms:source ?src }}
}} GROUP BY ?ms ?net""",
    )
    names = labels(store, [r["net"] for r in rows] + [r["derived"] for r in rows if r["derived"]])
    out = [
        {
            "membership": r["ms"],
            "network": {
                "uri": r["net"],
                "id": key_of(r["net"], NETWERK_NS) or local_name(r["net"]),
                "name": names.get(r["net"], r["net"]),
            },
            "attested": _date_text(r["attested"]),
            "begin": _date_text(r["begin"]),
            "end": _date_text(r["end"]),
            "derived_from": r["derived"],
            "derived_from_label": names.get(r["derived"]) if r["derived"] else None,
            "source": r["source"],
        }
        for r in rows
    ]
    return sorted(out, key=lambda m: (m["network"]["name"], m["attested"] or "", m["membership"]))


# ---------------------------------------------------------------------------
# Assertions about a subject (municipality or network)
# ---------------------------------------------------------------------------


def facts_about(store: GraphStore, subject: str) -> list[dict[str, Any]]:
    """Every assertion about `subject` (gg:onderwerp or gg:geldtVoor), with its evidence.

    Rejected ones are left out; negated ones are kept and flagged, since the
    page and the API show them apart.
    """
    rows = _select(
        store,
        f"""SELECT ?a ?cls ?p ?o WHERE {{
  {{ ?a gg:onderwerp {iri(subject)} }} UNION {{ ?a gg:geldtVoor {iri(subject)} }}
  ?a a ?cls . {_values("cls", [GG + k for k in ASSERTION_KINDS])}
  {_NOT_REJECTED % "?a"}
  OPTIONAL {{
    ?a ?p ?o .
    VALUES ?p {{ gg:thema gg:programma gg:relatie gg:ontkend gg:methode gg:rol gg:grootheid
                rdf:value gg:eenheid gg:periode gg:houding gg:instrument gg:beleid
                gg:betrokkenRegeling gg:betrokkenOrganisatie rdfs:label skos:prefLabel
                dcterms:description dcterms:source gg:curatie prov:wasDerivedFrom }}
  }}
}}""",
    )
    return _assemble(store, rows)


def _assemble(store: GraphStore, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group (assertion, class, property, value) rows into assertion records."""
    records: dict[str, dict[str, Any]] = {}
    for r in rows:
        rec = records.setdefault(
            r["a"],
            {"uri": r["a"], "kinds": set(), "values": defaultdict(list)},
        )
        rec["kinds"].add(local_name(r["cls"]))
        if r.get("p") is not None and r["o"] not in rec["values"][local_name(r["p"])]:
            rec["values"][local_name(r["p"])].append(r["o"])
    refs = set()
    for rec in records.values():
        for prop in (
            "thema",
            "programma",
            "relatie",
            "houding",
            "instrument",
            "betrokkenRegeling",
            "betrokkenOrganisatie",
            "onderwerp",
            "geldtVoor",
            "wasDerivedFrom",
        ):
            refs.update(v for v in rec["values"].get(prop, []) if _is_iri(v))
    names = labels(store, refs)
    evid = evidence(store, records)
    out = []
    for rec in records.values():
        v = rec["values"]
        kind = _main_kind(rec["kinds"])
        out.append(
            {
                "uri": rec["uri"],
                "kind": kind,
                "label": _first(v, "prefLabel", "label", "description"),
                "themes": _refs(v.get("thema", []), names, THEMA_NS),
                "programmes": _refs(v.get("programma", []), names, PROGRAMMA_NS),
                "relation": _ref(_first(v, "relatie"), names),
                "negated": any(x is True for x in v.get("ontkend", [])),
                "method": _first(v, "methode"),
                "role": _first(v, "rol"),
                "measure": _first(v, "grootheid"),
                "value": _first(v, "value"),
                "unit": _first(v, "eenheid"),
                "period": _first(v, "periode"),
                "stance": _ref(_first(v, "houding"), names),
                "instrument": _ref(_first(v, "instrument"), names),
                "policy": _first(v, "beleid"),
                "laws": _refs(v.get("betrokkenRegeling", []), names, PROGRAMMA_NS),
                "organisations": _refs(v.get("betrokkenOrganisatie", []), names, ID_NS),
                "subjects": _refs(v.get("onderwerp", []) + v.get("geldtVoor", []), names, ID_NS),
                "source": _first(v, "source"),
                "derived_from": _ref(_first(v, "wasDerivedFrom"), names),
                "curation": _first(v, "curatie"),
                "evidence": evid.get(rec["uri"], []),
            }
        )
    return sorted(out, key=lambda a: (a["kind"], _sort_year(a), a["uri"]))


def _sort_year(a: dict[str, Any]) -> int:
    years = [e["year"] for e in a["evidence"] if e.get("year")]
    return min(years) if years else 0


def _main_kind(kinds: set[str]) -> str:
    specific = sorted(k for k in kinds if k != "Bewering")
    return specific[0] if specific else "Bewering"


def _first(values: dict[str, list], *props: str) -> Any:
    # The least value, not the first row: row order is the engine's choice, and
    # the same store on another engine must give the same answer.
    for p in props:
        if values.get(p):
            return min(values[p], key=lambda v: (type(v).__name__, str(v)))
    return None


def _ref(uri: Any, names: dict[str, str]) -> dict[str, str] | None:
    if not _is_iri(uri):
        return None if uri is None else {"uri": None, "label": str(uri)}
    return {"uri": uri, "label": names.get(uri, local_name(uri))}


def _refs(uris: list[Any], names: dict[str, str], namespace: str) -> list[dict[str, Any]]:
    out = []
    for u in uris:
        if _is_iri(u):
            out.append({"uri": u, "id": key_of(u, namespace), "label": names.get(u, local_name(u))})
        elif u is not None:
            out.append({"uri": None, "id": None, "label": str(u)})
    return sorted(out, key=lambda x: x["label"].lower())


def assertions_of_kind(
    store: GraphStore, kind: str, *, where: str = "", limit: int | None = None
) -> list[dict[str, Any]]:
    """All assertions of class gg:{kind}, optionally narrowed by a WHERE fragment on ?a."""
    limit_clause = f"LIMIT {int(limit)}" if limit else ""
    rows = _select(
        store,
        f"""SELECT ?a ?cls ?p ?o WHERE {{
  {{ SELECT DISTINCT ?a WHERE {{ ?a a gg:{kind} . {where} {_NOT_REJECTED % "?a"} }}
     ORDER BY ?a {limit_clause} }}
  ?a a ?cls . {_values("cls", [GG + k for k in ASSERTION_KINDS])}
  OPTIONAL {{
    ?a ?p ?o .
    VALUES ?p {{ gg:thema gg:programma gg:relatie gg:ontkend gg:methode gg:onderwerp
                gg:geldtVoor gg:houding gg:instrument gg:beleid gg:betrokkenRegeling
                gg:betrokkenOrganisatie rdfs:label skos:prefLabel dcterms:description
                gg:rol gg:curatie prov:wasDerivedFrom }}
  }}
}}""",
    )
    return _assemble(store, rows)


def assertion(store: GraphStore, uri: str) -> dict[str, Any] | None:
    rows = _select(
        store,
        f"""SELECT ?a ?cls ?p ?o WHERE {{
  BIND({iri(uri)} AS ?a)
  ?a a ?cls . {_values("cls", [GG + k for k in ASSERTION_KINDS])}
  OPTIONAL {{
    ?a ?p ?o .
    VALUES ?p {{ gg:thema gg:programma gg:relatie gg:ontkend gg:methode gg:onderwerp
                gg:geldtVoor gg:houding gg:instrument gg:beleid gg:betrokkenRegeling
                gg:betrokkenOrganisatie rdfs:label skos:prefLabel dcterms:description
                gg:rol gg:grootheid rdf:value gg:eenheid gg:periode dcterms:source
                gg:curatie prov:wasDerivedFrom }}
  }}
}}""",
    )
    found = _assemble(store, rows)
    return found[0] if found else None


def challenges(store: GraphStore, subject: str) -> list[dict[str, Any]]:
    """The challenge assertions (gg:Uitdaging) about a subject, negated ones included."""
    return [a for a in facts_about(store, subject) if a["kind"] == "Uitdaging"]


def group_by_theme(challenge_list: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per theme: the assertions naming it and their evidence."""
    themes: dict[str, dict[str, Any]] = {}
    for a in challenge_list:
        for t in a["themes"] or [{"uri": None, "id": None, "label": "(zonder thema)"}]:
            entry = themes.setdefault(
                t["uri"] or t["label"], {"theme": t, "relations": [], "assertions": []}
            )
            entry["assertions"].append(a)
            if a["relation"] and a["relation"] not in entry["relations"]:
                entry["relations"].append(a["relation"])
    return sorted(themes.values(), key=lambda e: e["theme"]["label"].lower())


# ---------------------------------------------------------------------------
# Themes
# ---------------------------------------------------------------------------


def themes(store: GraphStore) -> list[dict[str, Any]]:
    """Every theme with Dutch and English labels, its broader theme and its municipality count."""
    rows = _select(
        store,
        f"""SELECT ?t (SAMPLE(?b) AS ?broader) (SAMPLE(?def) AS ?definition) WHERE {{
  ?t a skos:Concept . FILTER(STRSTARTS(STR(?t), {literal(THEMA_NS)}))
  OPTIONAL {{ ?t skos:broader ?b }}
  OPTIONAL {{ ?t skos:definition|skos:scopeNote ?def FILTER(LANG(?def) IN ("nl", "")) }}
}} GROUP BY ?t""",
    )
    uris = [r["t"] for r in rows]
    nl = labels(store, uris)
    en = label_in(store, uris, "en")
    counts = _theme_municipality_counts(store)
    out = [
        {
            "uri": r["t"],
            "id": key_of(r["t"], THEMA_NS),
            "label": nl.get(r["t"], local_name(r["t"])),
            "label_en": en.get(r["t"]),
            "broader": key_of(r["broader"], THEMA_NS) if r["broader"] else None,
            "definition": r["definition"],
            "municipalities": counts.get(r["t"], 0),
        }
        for r in rows
    ]
    # The URI breaks ties between equal labels (two schemes' "Klimaatadaptatie"),
    # which the engine's row order would otherwise decide.
    return sorted(out, key=lambda t: (t["label"].lower(), t["uri"]))


def _theme_municipality_counts(store: GraphStore) -> dict[str, int]:
    """Per theme: municipalities with a (non-negated) challenge on it or a narrower theme."""
    rows = _select(
        store,
        f"""SELECT ?top (COUNT(DISTINCT ?m) AS ?n) WHERE {{
  ?a a gg:Uitdaging ; gg:onderwerp ?m ; gg:thema ?t .
  ?m a tooiont:Gemeente .
  FILTER NOT EXISTS {{ ?a gg:ontkend true }}
  {_NOT_REJECTED % "?a"}
  ?t skos:broader* ?top .
}} GROUP BY ?top""",
    )
    return {r["top"]: int(r["n"]) for r in rows}


def theme(store: GraphStore, uri: str) -> dict[str, Any] | None:
    rows = _select(
        store,
        f"""SELECT ?p ?o (LANG(?o) AS ?lang) WHERE {{
  {iri(uri)} a skos:Concept ; ?p ?o .
  VALUES ?p {{ skos:prefLabel skos:altLabel skos:definition skos:scopeNote skos:broader
              skos:narrower skos:closeMatch skos:broadMatch skos:exactMatch skos:related
              skos:inScheme skos:topConceptOf }}
}}""",
    )
    if not rows:
        return None
    narrower = _select(store, f"SELECT ?n WHERE {{ ?n skos:broader {iri(uri)} }}")
    by: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows:
        by[local_name(r["p"])].append((r["o"], r["lang"] or ""))
    linked = {
        o
        for p in (
            "broader",
            "narrower",
            "closeMatch",
            "broadMatch",
            "exactMatch",
            "related",
            "inScheme",
            "topConceptOf",
        )
        for o, _ in by.get(p, [])
    }
    linked |= {r["n"] for r in narrower}
    names = labels(store, linked)
    en = [o for o, lang in by.get("prefLabel", []) if lang == "en"]

    def refs(*props: str) -> list[dict[str, Any]]:
        uris = sorted({o for p in props for o, _ in by.get(p, [])})
        return _refs(uris, names, THEMA_NS)

    return {
        "uri": uri,
        "id": key_of(uri, THEMA_NS),
        "label": labels(store, [uri]).get(uri, local_name(uri)),
        "label_en": en[0] if en else None,
        "alt_labels": sorted(o for o, _ in by.get("altLabel", [])),
        "definition": next(iter(o for o, _ in by.get("definition", [])), None),
        "broader": refs("broader"),
        "narrower": _refs(
            sorted({r["n"] for r in narrower} | {o for o, _ in by.get("narrower", [])}),
            names,
            THEMA_NS,
        ),
        "matches": refs("closeMatch", "broadMatch", "exactMatch", "related"),
        "schemes": refs("inScheme", "topConceptOf"),
    }


def theme_municipalities(store: GraphStore, uri: str) -> list[dict[str, Any]]:
    """Municipalities with a challenge on the theme (or a narrower one), with evidence counts."""
    rows = _select(
        store,
        f"""SELECT ?m (COUNT(DISTINCT ?a) AS ?n) (COUNT(DISTINCT ?doc) AS ?docs)
       (GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?themes) WHERE {{
  ?a a gg:Uitdaging ; gg:onderwerp ?m ; gg:thema ?t .
  ?m a tooiont:Gemeente .
  ?t skos:broader* {iri(uri)} .
  FILTER NOT EXISTS {{ ?a gg:ontkend true }}
  {_NOT_REJECTED % "?a"}
  OPTIONAL {{ ?a gg:bewijs/oa:hasSource ?doc }}
}} GROUP BY ?m""",
    )
    found = {r["m"]: r for r in rows}
    records = {m["uri"]: m for m in municipalities(store, theme=uri)} if found else {}
    out = []
    for m_uri, r in found.items():
        rec = dict(records.get(m_uri) or {"uri": m_uri, "code": "", "name": m_uri})
        rec["assertions"] = int(r["n"])
        rec["documents"] = int(r["docs"])
        rec["themes"] = sorted(key_of(t, THEMA_NS) or t for t in (r["themes"] or "").split())
        out.append(rec)
    return sorted(out, key=lambda m: (-m["assertions"], m["name"]))


def theme_negations(store: GraphStore, uri: str) -> list[dict[str, Any]]:
    """Municipalities the texts say do NOT address the theme."""
    rows = _select(
        store,
        f"""SELECT DISTINCT ?a WHERE {{
  ?a a gg:Uitdaging ; gg:thema ?t ; gg:ontkend true .
  ?t skos:broader* {iri(uri)} .
}}""",
    )
    if not rows:
        return []
    return assertions_of_kind(store, "Uitdaging", where=f"{_values('a', [r['a'] for r in rows])}")


# ---------------------------------------------------------------------------
# Networks
# ---------------------------------------------------------------------------


def networks(store: GraphStore) -> list[dict[str, Any]]:
    rows = _select(
        store,
        """SELECT ?n (SAMPLE(?not) AS ?notation) (SAMPLE(?c) AS ?comment)
       (SAMPLE(?rb) AS ?replacedBy) (SAMPLE(?r) AS ?replaces)
       (COUNT(DISTINCT ?m) AS ?members) (SAMPLE(?full) AS ?complete) WHERE {
  ?n a gg:Stedennetwerk .
  OPTIONAL { ?n skos:notation ?not }
  OPTIONAL { ?n rdfs:comment ?c }
  OPTIONAL { ?n dcterms:isReplacedBy ?rb }
  OPTIONAL { ?n dcterms:replaces ?r }
  OPTIONAL { ?n gg:ledenlijstVolledig ?full }
  OPTIONAL { ?ms org:organization ?n ; org:member ?m }
} GROUP BY ?n""",
    )
    names = labels(store, [r["n"] for r in rows])
    out = [
        {
            "uri": r["n"],
            "id": key_of(r["n"], NETWERK_NS) or local_name(r["n"]),
            "notation": r["notation"],
            "name": names.get(r["n"], r["notation"] or r["n"]),
            "comment": r["comment"],
            "replaced_by": key_of(r["replacedBy"], NETWERK_NS) if r["replacedBy"] else None,
            "replaces": key_of(r["replaces"], NETWERK_NS) if r["replaces"] else None,
            "members_recorded": int(r["members"]),
            "member_list_complete": r["complete"] is not False,
        }
        for r in rows
    ]
    return sorted(out, key=lambda n: n["notation"] or n["id"])


def network(store: GraphStore, key: str) -> dict[str, Any] | None:
    uri = str(network_uri(key))
    return next((n for n in networks(store) if n["uri"] == uri), None)


def membership_sources(store: GraphStore, memberships: Iterable[str]) -> dict[str, list[str]]:
    """dcterms:source URLs of memberships."""
    wanted = sorted(set(memberships))
    out: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(wanted):
        rows = _select(
            store,
            f"SELECT ?ms ?s WHERE {{ {_values('ms', chunk)} ?ms dcterms:source ?s }} ORDER BY ?s",
        )
        for r in rows:
            out[r["ms"]].append(r["s"])
    return dict(out)


# ---------------------------------------------------------------------------
# Programmes and bottlenecks
# ---------------------------------------------------------------------------


def programmes(store: GraphStore, *, participant: str | None = None) -> list[dict[str, Any]]:
    """Programmes, deals, funds and laws with their participants (reference and text)."""
    narrowing = ""
    if participant:
        narrowing = f"""FILTER EXISTS {{
    {{ ?p gg:heeftDeelnemer {iri(participant)} }}
    UNION {{ ?_d a gg:Deelname ; gg:programma ?p ; gg:onderwerp {iri(participant)} .
             FILTER NOT EXISTS {{ ?_d gg:ontkend true }} }} }}"""
    rows = _select(
        store,
        f"""SELECT ?p (GROUP_CONCAT(DISTINCT STR(?c); separator=" ") AS ?classes)
       (SAMPLE(?tr) AS ?tranche) (SAMPLE(?dt) AS ?date) (SAMPLE(?eur) AS ?contribution)
       (SAMPLE(?full) AS ?complete) (SAMPLE(?ty) AS ?type) WHERE {{
  ?p a ?c . {_values("c", [GG + k for k in PROGRAMME_KINDS])}
  {narrowing}
  OPTIONAL {{ ?p gg:tranche ?tr }}
  OPTIONAL {{ ?p dcterms:date ?dt }}
  OPTIONAL {{ ?p gg:rijksbijdrageMiljoenEuro ?eur }}
  OPTIONAL {{ ?p gg:ledenlijstVolledig ?full }}
  OPTIONAL {{ ?p dcterms:type ?ty }}
}} GROUP BY ?p""",
    )
    uris = [r["p"] for r in rows]
    participants = _programme_participants(store, uris)
    names = labels(store, uris)
    out = []
    for r in rows:
        classes = [local_name(c) for c in (r["classes"] or "").split()]
        kind = next((k for k in PROGRAMME_KINDS if k in classes), "Programma")
        out.append(
            {
                "uri": r["p"],
                "id": key_of(r["p"], PROGRAMMA_NS) or local_name(r["p"]),
                "name": names.get(r["p"], local_name(r["p"])),
                "kind": kind,
                "type": r["type"],
                "tranche": r["tranche"],
                "date": _date_text(r["date"]),
                "contribution_million_eur": r["contribution"],
                "participant_list_complete": r["complete"] is not False,
                "participants": participants.get(r["p"], []),
            }
        )
    return sorted(out, key=lambda p: (p["kind"], p["name"].lower(), p["id"]))


def _programme_participants(store: GraphStore, uris: list[str]) -> dict[str, list[dict]]:
    out: dict[str, dict[str, dict]] = defaultdict(dict)
    for chunk in _chunks(uris):
        rows = _select(
            store,
            f"""SELECT ?p ?m ?how ?a WHERE {{
  {_values("p", chunk)}
  {{ ?p gg:heeftDeelnemer ?m . BIND("bron" AS ?how) }}
  UNION {{ ?a a gg:Deelname ; gg:programma ?p ; gg:onderwerp ?m .
          FILTER NOT EXISTS {{ ?a gg:ontkend true }} {_NOT_REJECTED % "?a"}
          BIND("tekst" AS ?how) }}
}}""",
        )
        names = labels(store, {r["m"] for r in rows})
        for r in rows:
            entry = out[r["p"]].setdefault(
                r["m"],
                {
                    "uri": r["m"],
                    "code": (key_of(r["m"], GEMEENTE_NS) or "").upper() or None,
                    "name": names.get(r["m"], local_name(r["m"])),
                    "from_reference": False,
                    "assertions": [],
                },
            )
            if r["how"] == "bron":
                entry["from_reference"] = True
            elif r["a"] and r["a"] not in entry["assertions"]:
                entry["assertions"].append(r["a"])
    for members in out.values():
        for entry in members.values():
            entry["assertions"].sort()  # not in the engine's row order
    return {p: sorted(ms.values(), key=lambda m: m["name"]) for p, ms in out.items()}


def programme(store: GraphStore, uri: str) -> dict[str, Any] | None:
    return next((p for p in programmes(store) if p["uri"] == uri), None)


def bottlenecks(
    store: GraphStore, *, theme: str | None = None, law: str | None = None
) -> list[dict[str, Any]]:
    where = ""
    if theme:
        where += f" ?a gg:thema/skos:broader* {iri(theme)} ."
    if law:
        where += f" ?a gg:betrokkenRegeling {iri(law)} ."
    return assertions_of_kind(store, "Knelpunt", where=where)


# ---------------------------------------------------------------------------
# Example queries for the query page: the users' questions (DESIGN.md)
# ---------------------------------------------------------------------------

# The few prefixes every example needs; an example adds its own further ones.
_EXAMPLE_PREFIXES = sparql_prefixes(["gg", "skos", "org", "oa"])

EXAMPLE_QUERIES: list[dict[str, str]] = [
    {
        "id": "g40-wonen-schulden-2018",
        "title": "G40-steden met wonen én schulden als prioriteit in 2018, en hun City Deals",
        "title_en": "G40 cities with housing and debt as 2018 priorities, and their City Deals",
        "query": _EXAMPLE_PREFIXES
        + """
SELECT ?gemeente ?naam (GROUP_CONCAT(DISTINCT ?deal; separator="; ") AS ?cityDeals)
WHERE {
  ?lid org:organization <https://w3id.org/gemeentegraaf/id/netwerk/g40> ;
       org:member ?gemeente .
  ?gemeente skos:prefLabel ?naam .
  # beide thema's in het rapport over de coalitieakkoorden van 2018, niet ontkend
  VALUES ?doc {
    <https://w3id.org/gemeentegraaf/id/document/platform31-analyse-coalitieakkoorden-2018>
  }
  ?wonen a gg:Uitdaging ; gg:onderwerp ?gemeente ; gg:thema ?t1 ;
         gg:bewijs/oa:hasSource ?doc .
  ?t1 skos:prefLabel ?l1 . FILTER(CONTAINS(LCASE(?l1), "wonen"))
  FILTER NOT EXISTS { ?wonen gg:ontkend true }
  ?schulden a gg:Uitdaging ; gg:onderwerp ?gemeente ; gg:thema ?t2 ;
            gg:bewijs/oa:hasSource ?doc .
  ?t2 skos:prefLabel ?l2 . FILTER(CONTAINS(LCASE(?l2), "schulden"))
  FILTER NOT EXISTS { ?schulden gg:ontkend true }
  FILTER NOT EXISTS { ?wonen gg:curatie "verworpen" }
  FILTER NOT EXISTS { ?schulden gg:curatie "verworpen" }
  # City Deals: uit de referentielijst of volgens een document
  OPTIONAL {
    { ?cd gg:heeftDeelnemer ?gemeente }
    UNION { ?dn a gg:Deelname ; gg:onderwerp ?gemeente ; gg:programma ?cd }
    ?cd a gg:CityDeal ; skos:prefLabel ?deal .
  }
}
GROUP BY ?gemeente ?naam
ORDER BY ?naam
""",
    },
    {
        "id": "knelpunten-participatiewet",
        "title": "Knelpunten waarbij de Participatiewet betrokken is",
        "title_en": "Bottlenecks that involve the Participatiewet",
        "query": _EXAMPLE_PREFIXES
        + sparql_prefixes(["rdfs"])
        + """
# Als betrokken regeling (gg:betrokkenRegeling), of genoemd in het citaat zelf.
SELECT ?knelpunt ?omschrijving ?hoe ?citaat ?document
WHERE {
  ?knelpunt a gg:Knelpunt .
  OPTIONAL {
    ?knelpunt gg:bewijs ?bewijs .
    ?bewijs oa:hasSource ?document ; oa:hasSelector ?sel .
    ?sel a oa:TextQuoteSelector ; oa:exact ?citaat .
  }
  {
    ?knelpunt gg:betrokkenRegeling ?wet .
    ?wet skos:prefLabel|rdfs:label ?wetnaam .
    FILTER(CONTAINS(LCASE(STR(?wetnaam)), "participatiewet"))
    BIND("betrokken regeling" AS ?hoe)
  } UNION {
    ?knelpunt gg:bewijs/oa:hasSelector/oa:exact ?tekst .
    FILTER(CONTAINS(LCASE(?tekst), "participatiewet"))
    BIND("genoemd in het citaat" AS ?hoe)
  }
  OPTIONAL { ?knelpunt skos:prefLabel|rdfs:label ?omschrijving }
}
ORDER BY ?knelpunt
""",
    },
    {
        "id": "netwerk-op-datum",
        "title": "Gemeenten van een netwerk op een datum (G40 op 1 juni 2022)",
        "title_en": "Municipalities of a network on a date (G40 on 1 June 2022)",
        "query": _EXAMPLE_PREFIXES
        + sparql_prefixes(["time", "xsd", "prov"])
        + """
# Een lidmaatschap met begindatum geldt vanaf die datum; een ledenlijst geldt
# op haar peildatum (gg:vastgesteldOp) tot er een nieuwere lijst is.
SELECT ?gemeente ?naam (GROUP_CONCAT(DISTINCT ?grond; separator="; ") AS ?volgens)
       (SAMPLE(?bron) AS ?eenBron)
WHERE {
  VALUES (?netwerk ?datum) {
    (<https://w3id.org/gemeentegraaf/id/netwerk/g40> "2022-06-01"^^xsd:date)
  }
  ?lid org:organization ?netwerk ; org:member ?gemeente .
  ?gemeente skos:prefLabel ?naam .
  OPTIONAL { ?lid gg:vastgesteldOp ?peil }
  OPTIONAL { ?lid org:memberDuring/time:hasBeginning/time:inXSDDate ?begin }
  OPTIONAL { ?lid org:memberDuring/time:hasEnd/time:inXSDDate ?eind }
  FILTER(!BOUND(?eind) || ?eind >= ?datum)
  FILTER((BOUND(?begin) && ?begin <= ?datum)
         || (!BOUND(?begin) && BOUND(?peil) && ?peil <= ?datum
             && NOT EXISTS { ?ander org:organization ?netwerk ; gg:vastgesteldOp ?nieuwer .
                             FILTER(?nieuwer > ?peil && ?nieuwer <= ?datum) }))
  BIND(IF(BOUND(?begin), CONCAT("lid sinds ", STR(?begin)),
          CONCAT("ledenlijst van ", STR(?peil))) AS ?grond)
  OPTIONAL { ?lid prov:wasDerivedFrom ?bron }
}
GROUP BY ?gemeente ?naam
ORDER BY ?naam
""",
    },
    {
        "id": "feiten-met-citaten",
        "title": "Alle feiten over een gemeente met hun citaat (Zwolle)",
        "title_en": "Facts about a municipality with their quotes (Zwolle)",
        "query": _EXAMPLE_PREFIXES
        + sparql_prefixes(["rdfs"])
        + """
SELECT ?feit ?soort ?over ?ontkend ?citaat ?document
WHERE {
  ?feit gg:onderwerp <https://w3id.org/gemeentegraaf/id/gemeente/gm0193> ;
        a ?klasse ; gg:bewijs ?bewijs .
  ?klasse rdfs:subClassOf gg:Bewering ; rdfs:label ?soort .
  FILTER(LANG(?soort) = "nl")
  OPTIONAL { ?feit gg:thema|gg:programma ?x . ?x skos:prefLabel ?over .
             FILTER(LANG(?over) = "nl") }
  OPTIONAL { ?feit gg:ontkend ?ontkend }
  ?bewijs oa:hasSource ?document ; oa:hasSelector ?sel .
  ?sel a oa:TextQuoteSelector ; oa:exact ?citaat .
}
ORDER BY ?soort ?over
""",
    },
    {
        "id": "themas-meeste-gemeenten",
        "title": "Thema's die de meeste gemeenten noemen",
        "title_en": "Themes named by the most municipalities",
        "query": _EXAMPLE_PREFIXES
        + """
SELECT ?thema ?naam (COUNT(DISTINCT ?gemeente) AS ?gemeenten)
WHERE {
  ?u a gg:Uitdaging ; gg:onderwerp ?gemeente ; gg:thema ?thema .
  FILTER NOT EXISTS { ?u gg:ontkend true }
  FILTER NOT EXISTS { ?u gg:curatie "verworpen" }
  ?thema skos:prefLabel ?naam . FILTER(LANG(?naam) = "nl")
}
GROUP BY ?thema ?naam
ORDER BY DESC(?gemeenten)
LIMIT 25
""",
    },
    {
        "id": "grafen",
        "title": "Benoemde grafen en hun omvang",
        "title_en": "Named graphs and their size",
        "query": """SELECT ?graaf (COUNT(*) AS ?triples)
WHERE { GRAPH ?graaf { ?s ?p ?o } }
GROUP BY ?graaf
ORDER BY DESC(?triples)
""",
    },
]
