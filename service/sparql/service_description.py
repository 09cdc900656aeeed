"""The SPARQL 1.1 Service Description of /sparql (https://www.w3.org/TR/sparql11-service-description/)."""

from __future__ import annotations

from gemeentegraaf.common.namespaces import SD
from gemeentegraaf.service.negotiation import MediaFormat
from gemeentegraaf.service.results import from_rdflib, graph_bytes
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, VOID

FORMATS = "http://www.w3.org/ns/formats/"
ENTAILMENT_SIMPLE = URIRef("http://www.w3.org/ns/entailment/Simple")

# W3C format IRIs (https://www.w3.org/ns/formats/) of what the endpoint writes.
RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
    "TriG",
    "N-Quads",
)


def describe(
    endpoint: str,
    *,
    dataset: str,
    graphs: list[str],
    updates_enabled: bool,
    query_timeout: float,
    max_rows: int,
) -> Graph:
    g = Graph()
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, DCTERMS.title, Literal("gemeentegraaf SPARQL endpoint", lang="en")))
    g.add((service, DCTERMS.title, Literal("gemeentegraaf SPARQL-endpoint", lang="nl")))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if updates_enabled:
        g.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    for name in RESULT_FORMATS:
        g.add((service, SD.resultFormat, URIRef(FORMATS + name)))
    # The query default graph is the union of all named graphs.
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    g.add((service, SD.defaultEntailmentRegime, ENTAILMENT_SIMPLE))
    g.add(
        (
            service,
            RDFS.comment,
            Literal(
                "The default graph of a query is the union of all named graphs; "
                "default-graph-uri / named-graph-uri (or FROM / FROM NAMED) choose graphs instead. "
                f"Queries stop after {query_timeout:g} s (503) and return at most {max_rows} "
                "rows (a cut result carries the header X-SPARQL-Truncated). "
                "SERVICE and LOAD are refused (400): the endpoint makes no outbound requests. "
                "The Graph Store Protocol's ?default (/rdf-graph-store?default) is the store's "
                "own default graph (empty in a built store), not the union: GET ?default "
                "returns what PUT ?default stored and DELETE ?default removes; the union is "
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } or the dumps. "
                + (
                    "SPARQL Update and the Graph Store Protocol (/rdf-graph-store) need a bearer "
                    "token; every write is validated with SHACL (422 when it does not conform). "
                    "In an update, WHERE reads the store's own default graph (empty: the data "
                    "sits in named graphs), so use GRAPH or USING / using-graph-uri. "
                    "Writable are the store's default graph and every named graph outside "
                    "https://w3id.org/gemeentegraaf/graph/ (the bundled graphs, which "
                    "`gemeentegraaf build` makes) and urn:gemeentegraaf: (the service's own, "
                    "such as the write log <urn:gemeentegraaf:write-log>); a write to another "
                    "graph is refused (403). What a write removes is kept as a version "
                    "(`gemeentegraaf restore`); with an Idempotency-Key header a retry is safe, "
                    "and GET /sparql/writes/{key} says whether the write landed."
                    if updates_enabled
                    else "The endpoint is read-only."
                ),
                lang="en",
            ),
        )
    )

    data = URIRef(dataset)
    g.add((service, SD.defaultDataset, data))
    g.add((data, RDF.type, SD.Dataset))
    g.add((data, VOID.sparqlEndpoint, service))
    default_graph = BNode()
    g.add((data, SD.defaultGraph, default_graph))
    g.add((default_graph, RDF.type, SD.Graph))
    g.add(
        (
            default_graph,
            RDFS.comment,
            Literal("The union of all named graphs of the dataset.", lang="en"),
        )
    )
    for name in graphs:
        node = BNode()
        g.add((data, SD.namedGraph, node))
        g.add((node, RDF.type, SD.NamedGraph))
        g.add((node, SD.name, URIRef(name)))
    return g


def serialize(graph: Graph, fmt: MediaFormat) -> bytes:
    """The description in `fmt`, written like a CONSTRUCT result (results.graph_bytes)."""
    triples = from_rdflib(graph)
    # Grouped by subject, so that Turtle can write each one's statements together.
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return graph_bytes(triples, fmt)
