"""The JSON-LD context (ontology/context.jsonld), derived from the ontology.

Besides the prefixes, every property and class the ontology declares gets a
term named by its local name (`inwonertal`, `Uitdaging`), with type coercion:
`@id` for an object property, the xsd datatype of a datatype property's range
(none for xsd:string or no range: a plain string). The label and description
properties the data uses are language maps (`"prefLabel": {"nl": "…"}`).

ontology/context.jsonld is this function's output, kept in the repository so
that it is served and published as a file; tests/test_jsonld_context.py checks
that the two agree, and `python -m gemeentegraaf.service.jsonld_context`
rewrites the file after the ontology changed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any

from gemeentegraaf.common.resources import ONTOLOGY_DIR
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
ONTOLOGY_FILE = ONTOLOGY_DIR / "gemeentegraaf.ttl"

# Properties with language-tagged text in the data: a language map each.
LANGUAGE_MAPS = {
    "label": "rdfs:label",
    "comment": "rdfs:comment",
    "prefLabel": "skos:prefLabel",
    "altLabel": "skos:altLabel",
    "definition": "skos:definition",
    "title": "dcterms:title",
    "description": "dcterms:description",
}


def _compact(iri: str, prefixes: Mapping[str, str]) -> str:
    for prefix, namespace in sorted(prefixes.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _local_name(iri: str) -> str:
    return iri.replace("#", "/").rsplit("/", 1)[-1]


def context_from_ontology(ontology: Graph, prefixes: Mapping[str, str]) -> dict[str, Any]:
    """The context: prefixes, then a term per declared property and class."""
    terms: dict[str, Any] = {}
    declared: list[tuple[URIRef, Any]] = []
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.Class):
        for subject in sorted(ontology.subjects(RDF.type, kind)):
            if isinstance(subject, URIRef):
                declared.append((subject, kind))
    names = [_local_name(str(s)) for s, _ in declared]
    for (subject, kind), name in zip(declared, names, strict=True):
        if names.count(name) > 1 or name in prefixes or name in LANGUAGE_MAPS:
            continue  # an ambiguous short name: the compact IRI still works
        iri = _compact(str(subject), prefixes)
        if kind == OWL.ObjectProperty:
            terms[name] = {"@id": iri, "@type": "@id"}
        elif kind == OWL.DatatypeProperty:
            ranges = [r for r in ontology.objects(subject, RDFS.range) if isinstance(r, URIRef)]
            datatype = ranges[0] if len(ranges) == 1 else None
            if (
                datatype is not None
                and str(datatype).startswith(str(XSD))
                and datatype != XSD.string
            ):
                terms[name] = {"@id": iri, "@type": _compact(str(datatype), prefixes)}
            else:
                terms[name] = {"@id": iri}
        else:
            terms[name] = iri
    for name, iri in LANGUAGE_MAPS.items():
        terms[name] = {"@id": iri, "@container": "@language"}
    return {"@context": {"@version": 1.1, **dict(prefixes), **dict(sorted(terms.items()))}}


def prefixes_of(context: Mapping[str, Any]) -> dict[str, str]:
    """The prefix entries of a context: namespace IRIs (terms and keywords left out)."""
    return {
        k: v
        for k, v in context["@context"].items()
        if isinstance(v, str) and not k.startswith("@") and v.endswith(("#", "/"))
    }


def derived_context() -> dict[str, Any]:
    """The context the shipped ontology gives, with the shipped file's prefixes."""
    with open(CONTEXT_FILE, encoding="utf-8") as fh:
        prefixes = prefixes_of(json.load(fh))
    return context_from_ontology(Graph().parse(ONTOLOGY_FILE, format="turtle"), prefixes)


def render(context: Mapping[str, Any]) -> str:
    return json.dumps(context, ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    CONTEXT_FILE.write_text(render(derived_context()), encoding="utf-8")
    sys.stdout.write(f"wrote {CONTEXT_FILE}\n")
