"""`gemeentegraaf glossary`: the Dutch terms of the vocabulary with their English meaning.

The glossary is made from the ontology itself (labels and comments in both
languages), so it cannot drift from it; ontology/GLOSSARY.md is its output,
kept in the repository where a newcomer looks, and a test checks it is current.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.common.resources import ONTOLOGY_DIR
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.term import Literal

_KINDS = (
    (OWL.Class, "class"),
    (OWL.ObjectProperty, "relation"),
    (OWL.DatatypeProperty, "value"),
    (RDF.Property, "property"),
    (OWL.NamedIndividual, "individual"),
)


def _text(g: Graph, node: URIRef, prop: URIRef, lang: str) -> str:
    for value in g.objects(node, prop):
        if isinstance(value, Literal) and value.language == lang:
            return " ".join(str(value).split()).replace("|", "\\|")
    return ""


def _kind(g: Graph, node: URIRef) -> str:
    types = set(g.objects(node, RDF.type))
    for cls, name in _KINDS:
        if cls in types:
            return name
    return "term"


def glossary_markdown(ontology: Path = ONTOLOGY_DIR / "gemeentegraaf.ttl") -> str:
    g = Graph()
    g.parse(ontology, format="turtle")
    terms = sorted(
        {s for s in g.subjects(RDFS.label, None) if isinstance(s, URIRef) and s.startswith(GG)},
        key=lambda t: (_kind(g, t) != "class", str(t).lower()),
    )
    lines = [
        "# Glossary of the gemeentegraaf vocabulary",
        "",
        "The Dutch terms of the vocabulary (`gg:` = `https://w3id.org/gemeentegraaf/def#`)",
        "with their English meaning. Generated from `ontology/gemeentegraaf.ttl` by",
        "`gemeentegraaf glossary > ontology/GLOSSARY.md`; do not edit by hand. Terms reused",
        "from TOOI, ORG, SKOS, PROV, DCTERMS and Web Annotation keep their own definitions.",
        "",
        "| term | kind | Nederlands | English | meaning |",
        "| --- | --- | --- | --- | --- |",
    ]
    for term in terms:
        local = str(term)[len(str(GG)) :]
        lines.append(
            f"| `gg:{local}` | {_kind(g, term)} | {_text(g, term, RDFS.label, 'nl')} "
            f"| {_text(g, term, RDFS.label, 'en')} | {_text(g, term, RDFS.comment, 'en')} |"
        )
    return "\n".join(lines) + "\n"


def cmd_glossary(_: argparse.Namespace) -> int:
    print(glossary_markdown(), end="")
    return 0


def register_cli(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "glossary", help="print the vocabulary's Dutch terms with their English meaning (Markdown)"
    )
    p.set_defaults(func=cmd_glossary)
