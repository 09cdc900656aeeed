"""Namespaces and identifier rules shared by every module (see DESIGN.md, Identifiers)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    VANN,
    VOID,
    XSD,
)

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
    "sd": str(SD),
    "foaf": str(FOAF),
    "vann": str(VANN),
}


def sparql_prefixes(names: Iterable[str] | None = None) -> str:
    """PREFIX lines for `names` (all of PREFIXES when None), in the order given."""
    chosen = PREFIXES if names is None else {name: PREFIXES[name] for name in names}
    return "".join(f"PREFIX {p}: <{uri}>\n" for p, uri in chosen.items())


SPARQL_PREFIXES = sparql_prefixes()


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


def local_name(uri: str) -> str:
    """The last segment of an IRI, after its last `/` or `#`."""
    return re.split(r"[#/]", uri)[-1]


def key_of(uri: str | None, namespace: str = str(ID)) -> str | None:
    """The key of an IRI in one of our namespaces (`…/id/thema/wonen`, `…/id/thema/` → `wonen`);
    None when `uri` is not in `namespace`."""
    if uri and uri.startswith(namespace):
        return uri[len(namespace) :]
    return None


_CBS_CODE = re.compile(r"(?:GM)?(\d{4})", re.IGNORECASE)


def parse_cbs_code(text: str) -> str:
    """`GM0363`, `gm0363` or `0363` → `GM0363`; ValueError with a readable message otherwise."""
    match = _CBS_CODE.fullmatch(text.strip())
    if not match:
        raise ValueError(
            f"Ongeldige gemeentecode {text!r}: verwacht GM met vier cijfers, zoals GM0363. "
            "(Invalid municipality code: expected GM and four digits, e.g. GM0363.)"
        )
    return "GM" + match.group(1)
