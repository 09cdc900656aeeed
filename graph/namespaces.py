"""Namespaces and identifier rules shared by every module (see DESIGN.md, Identifiers)."""

from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD

# Every URI is minted under BASE (the ontology, themes and shapes files name it
# too); w3id.org redirects it to wherever the service runs, and the service
# answers for it at its own /id/… and /def paths, whatever its host.
BASE = "https://w3id.org/gemeentegraaf/"
GG = Namespace(BASE + "def#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")

TOOI_ID = Namespace("https://identifier.overheid.nl/tooi/id/")
TOOIONT = Namespace("https://identifier.overheid.nl/tooi/def/ont/")
OA = Namespace("http://www.w3.org/ns/oa#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = Namespace("https://schema.org/")

# Named graphs: one per source (DESIGN.md, The store).
GRAPH_REFERENCE = GRAPH["reference"]
GRAPH_ONTOLOGY = GRAPH["ontology"]
GRAPH_THEMES = GRAPH["themes"]
GRAPH_CURATION = GRAPH["curation"]
GRAPH_ANALYSES = GRAPH["analyses"]
GRAPH_DATASET = GRAPH["dataset"]

PREFIXES: dict[str, str] = {
    "gg": str(GG),
    "ggid": str(ID),
    "tooi": str(TOOI_ID),
    "tooiont": str(TOOIONT),
    "org": str(ORG),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "time": str(TIME),
    "void": str(VOID),
    "dcat": str(DCAT),
    "sh": str(SH),
}

SPARQL_PREFIXES = "\n".join(f"PREFIX {p}: <{uri}>" for p, uri in PREFIXES.items()) + "\n"


def slug(text: str) -> str:
    """A stable, readable key: lower case ASCII, words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def document_graph(doc_key: str) -> URIRef:
    return GRAPH[f"document/{doc_key}"]


def municipality_uri(cbs_code: str) -> URIRef:
    """`GM0363` or `gm0363` → …/id/gemeente/gm0363."""
    return ID[f"gemeente/{cbs_code.lower()}"]


def province_uri(code: str) -> URIRef:
    return ID[f"provincie/{code.lower()}"]


def network_uri(key: str) -> URIRef:
    return ID[f"netwerk/{key.lower()}"]


def theme_uri(key: str) -> URIRef:
    return ID[f"thema/{key}"]


def document_uri(doc_key: str) -> URIRef:
    return ID[f"document/{doc_key}"]


def programme_uri(key: str) -> URIRef:
    return ID[f"programma/{key}"]
