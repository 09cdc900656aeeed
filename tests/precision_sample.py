"""Draw a seeded random sample of extracted facts for a precision check (issue 3).

Not a test module: run it by hand and judge each fact against its quote.

    python tests/precision_sample.py --store /tmp/prec-store [--seed 2026] [--n 60] [--out FILE]

The population is every gg:Bewering in a document graph that has gg:bewijs: the facts
the extractor took from the corpus, not the reference figures (no evidence) and not
the curator's additions (curation graph). They are sorted by URI and drawn with
`random.Random(seed).sample`, so the same build and seed give the same sample.
The output is a Markdown table with an empty verdict column.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import BASE
from gemeentegraaf.store.oxigraph import GraphStore, open_store

PREFIXES = f"""PREFIX gg: <{BASE}def#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
DOCUMENT_GRAPHS = f"{BASE}graph/document/"
GG = f"{BASE}def#"


@dataclass
class Fact:
    uri: str
    kind: str
    subject: str
    obj: str
    negated: str
    document: str
    quotes: list[tuple[int, int, str]]
    method: str


def extracted_facts(store: GraphStore) -> list[str]:
    """URIs of all facts with evidence in a document graph, sorted."""
    rows = store.select(
        PREFIXES
        + f"""SELECT DISTINCT ?a WHERE {{
  GRAPH ?g {{ ?a a gg:Bewering ; gg:bewijs ?ev }}
  FILTER(STRSTARTS(STR(?g), "{DOCUMENT_GRAPHS}"))
}}"""
    )
    return sorted(r["a"] for r in rows)


def draw(uris: list[str], seed: int, n: int) -> list[str]:
    """A reproducible sample of n URIs (all of them when there are fewer)."""
    return random.Random(seed).sample(uris, min(n, len(uris)))


def label(store: GraphStore, uri: str) -> str:
    """A readable name for a node: Dutch label first, then any label; code appended."""
    if not uri.startswith("http"):
        return uri
    rows = store.select(
        PREFIXES
        + f"""SELECT ?l ?code WHERE {{
  OPTIONAL {{
    {{ <{uri}> skos:prefLabel ?l }} UNION {{ <{uri}> rdfs:label ?l }}
    UNION {{ <{uri}> foaf:name ?l }} UNION {{ <{uri}> dcterms:title ?l }}
  }}
  OPTIONAL {{ {{ <{uri}> gg:cbsCode ?code }} UNION {{ <{uri}> skos:notation ?code }} }}
}} ORDER BY DESC(LANG(?l) = "nl") DESC(LANG(?l) = "") ?l"""
    )
    name = next((r["l"] for r in rows if r["l"]), uri.rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    code = next((r["code"] for r in rows if r["code"]), None)
    return f"{name} ({code})" if code else str(name)


def values(store: GraphStore, uri: str, prop: str) -> list[str]:
    rows = store.select(PREFIXES + f"SELECT ?o WHERE {{ <{uri}> {prop} ?o }} ORDER BY ?o")
    return [r["o"] for r in rows]


def labels(store: GraphStore, uri: str, prop: str) -> str:
    return ", ".join(label(store, v) for v in values(store, uri, prop))


def kind_of(store: GraphStore, uri: str) -> str:
    kinds = [t for t in values(store, uri, "rdf:type") if t.startswith(GG) and t != GG + "Bewering"]
    return ", ".join(k.removeprefix(GG) for k in kinds) or "Bewering"


def object_of(store: GraphStore, uri: str, kind: str) -> str:
    """What the fact says about its subject, in the terms of its kind."""
    parts: list[str] = []
    if kind == "Standpunt":
        parts.append(f"houding={labels(store, uri, 'gg:houding')}")
        parts.append(f"beleid={'; '.join(values(store, uri, 'gg:beleid'))}")
        if instruments := labels(store, uri, "gg:instrument"):
            parts.append(f"instrument={instruments}")
    if kind == "Kengetal":
        value = ", ".join(str(v) for v in values(store, uri, "rdf:value"))
        unit = ", ".join(values(store, uri, "gg:eenheid"))
        period = ", ".join(str(v) for v in values(store, uri, "gg:periode"))
        measure = ", ".join(values(store, uri, "gg:grootheid"))
        parts.append(f"{measure} = {value} {unit}" + (f" ({period})" if period else ""))
    if kind == "Rolvermelding":
        parts.append(f"rol={', '.join(values(store, uri, 'gg:rol'))}")
        if org := labels(store, uri, "org:organization"):
            parts.append(f"bij={org}")
    if kind == "Uitdaging":
        parts.append(f"relatie={labels(store, uri, 'gg:relatie') or '-'}")
    if kind in {"Trend", "Opgave"}:
        parts.append(f"geldtVoor={labels(store, uri, 'gg:geldtVoor')}")
    if kind in {"Knelpunt", "Trend", "Opgave", "Praktijkvoorbeeld"} and (
        text := values(store, uri, "rdfs:label")
    ):
        parts.append(f"label={text[0]}")
    if programmes := labels(store, uri, "gg:programma"):
        parts.append(f"programma={programmes}")
    if themes := labels(store, uri, "gg:thema"):
        parts.append(f"thema={themes}")
    if schemes := labels(store, uri, "gg:betrokkenRegeling"):
        parts.append(f"regeling={schemes}")
    if orgs := labels(store, uri, "gg:betrokkenOrganisatie"):
        parts.append(f"organisatie={orgs}")
    return "; ".join(parts)


def evidence(store: GraphStore, uri: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The document key and the (start, end, exact quote) of each piece of evidence."""
    rows = store.select(
        PREFIXES
        + f"""SELECT ?doc ?start ?end ?exact WHERE {{
  <{uri}> gg:bewijs ?ev . ?ev oa:hasSource ?doc ;
    oa:hasSelector ?q , ?p .
  ?q a oa:TextQuoteSelector ; oa:exact ?exact .
  ?p a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
}} ORDER BY ?start"""
    )
    doc = rows[0]["doc"].rsplit("/", 1)[-1] if rows else "?"
    return doc, [(int(r["start"]), int(r["end"]), str(r["exact"])) for r in rows]


def describe(store: GraphStore, uri: str) -> Fact:
    kind = kind_of(store, uri)
    negated = values(store, uri, "gg:ontkend")
    doc, quotes = evidence(store, uri)
    return Fact(
        uri=uri,
        kind=kind,
        subject=labels(store, uri, "gg:onderwerp"),
        obj=object_of(store, uri, kind),
        negated="yes" if any(v is True or v == "true" for v in negated) else "no",
        document=doc,
        quotes=quotes,
        method=", ".join(values(store, uri, "gg:methode")),
    )


def cell(text: str) -> str:
    """Text for one Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def render(facts: list[Fact], *, seed: int, population: int) -> str:
    lines = [
        f"Sample of {len(facts)} of {population} extracted facts, "
        f"`random.Random({seed}).sample` over their URIs sorted.",
        "",
        "| # | kind | subject | object | negated | document | quote [raw start-end] "
        "| method | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for i, f in enumerate(facts, 1):
        quote = " ⟂ ".join(f"{q} [{s}-{e}]" for s, e, q in f.quotes)
        row = [str(i), f.kind, f.subject, f.obj, f.negated, f.document, quote, f.method, ""]
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    lines.append("")
    lines.append("Fact URIs, in order:")
    lines.append("")
    lines.extend(f"{i}. <{f.uri}>" for i, f in enumerate(facts, 1))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--store", type=Path, required=True, help="a built store")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--out", type=Path, help="write the Markdown here (default stdout)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    try:
        store = open_store(args.store, read_only=True)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    population = extracted_facts(store)
    if not population:
        print(f"error: the store at {args.store} holds no extracted facts", file=sys.stderr)
        return 2
    facts = [describe(store, uri) for uri in draw(population, args.seed, args.n)]
    text = render(facts, seed=args.seed, population=len(population))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
