"""Linked data: every URI under the base dereferences here, in the format the client asks for.

- `/id/…` resources and `/def` (the ontology): HTML for a browser, Turtle,
  JSON-LD, N-Triples or RDF/XML chosen by Accept (with q-values; `Vary:
  Accept`) or by a suffix (`.ttl`, `.jsonld`, `.nt`, `.rdf`, `.html`).
- `/graph/…`: the named graphs (their triples, or a page about them).
- `/.well-known/void` (and `/id/dataset`, `/id/catalogus`): VoID + DCAT-AP-NL 3.0
  (service/web/catalogue.py).
- `/dump.trig`, `/dump.nq`: the whole dataset, streamed.
- `/context.jsonld`: the JSON-LD context the JSON-LD output refers to.

A resource's description holds its own triples (following blank nodes), the
triples that point at it, and for an assertion its evidence.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Path, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from gemeentegraaf.common.namespaces import (
    BASE,
    GG,
    GRAPH_ONTOLOGY,
    OA,
    PREFIXES,
    SD,
    TOOIONT,
    municipality_uri,
)
from gemeentegraaf.common.resources import ONTOLOGY_DIR
from gemeentegraaf.common.visible import shown
from gemeentegraaf.queries import read_model as queries
from gemeentegraaf.service import openapi_responses as responses
from gemeentegraaf.service.dependencies import SettingsDep, StoreDep, settings_of, view_of
from gemeentegraaf.service.jsonld_context import prefixes_of
from gemeentegraaf.service.negotiation import (
    DATASET_FORMATS,
    HTML,
    JSON_LD,
    LINKED_DATA_FORMATS,
    PREFIXED_RDF,
    MediaFormat,
    accept_of,
    by_suffix,
    choose,
    describe,
)
from gemeentegraaf.service.openapi_responses import NO_LINE_BREAK
from gemeentegraaf.service.results import from_rdflib, used_prefixes
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.service.slow_readers import DumpResponse, DumpSlots
from gemeentegraaf.service.turtle import prefix_lines, trig, turtle
from gemeentegraaf.service.web import catalogue, pages
from gemeentegraaf.store.base import GraphStore
from gemeentegraaf.store.rdflib_terms import rdflib_graph
from gemeentegraaf.store.read_view import ReadView
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import (
    DCTERMS,
    ORG,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    VOID,
)

router = APIRouter(tags=["linked data"])

# What the OpenAPI document says each path answers (openapi_responses.py).
_DESCRIPTION = responses.data(
    200, (*LINKED_DATA_FORMATS,), "The description: a page for a browser, RDF otherwise"
)
_RESOURCE = {200: _DESCRIPTION, **responses.LINKED_DATA_ERRORS}
_DATASET = {200: _DESCRIPTION, 406: responses.LINKED_DATA_ERRORS[406]}

# HEAD is answered for every GET route by the app (HeadAsGet): a handler sees GET.


# Turtle and RDF/XML prefixes. The id/ namespace is left out: its local names
# hold slashes, which Turtle would have to escape.
OUTPUT_PREFIXES = {p: u for p, u in PREFIXES.items() if p not in {"ggid", "sh"}}


# ---------------------------------------------------------------------------
# Content negotiation
# ---------------------------------------------------------------------------


def split_suffix(path: str) -> tuple[str, MediaFormat | None]:
    """`gemeente/gm0363.ttl` → (`gemeente/gm0363`, Turtle); no known suffix → (path, None)."""
    stem, dot, ext = path.rpartition(".")
    fmt = by_suffix(ext, LINKED_DATA_FORMATS) if dot and "/" not in ext else None
    return (stem, fmt) if fmt is not None else (path, None)


def _not_acceptable() -> Response:
    return Response(
        f"Geen van de gevraagde formaten is beschikbaar. / None of the requested formats is "
        f"available. Offered: {describe(LINKED_DATA_FORMATS)}\n",
        status_code=406,
        media_type="text/plain",
        headers={"Vary": "Accept"},
    )


# ---------------------------------------------------------------------------
# Serialisation
# ---------------------------------------------------------------------------


@cache
def jsonld_context() -> dict:
    with open(ONTOLOGY_DIR / "context.jsonld", encoding="utf-8") as fh:
        return json.load(fh)


def context_url(request: Request) -> str:
    # The published URL (w3id.org, or the public base), not the host this request reached.
    return settings_of(request).context_url


def serialize(triples: list[ox.Triple], fmt: MediaFormat, request: Request) -> bytes:
    """Triples as Turtle, N-Triples, RDF/XML or JSON-LD (compacted with our context)."""
    if fmt == JSON_LD:
        return _jsonld(triples, request)
    if fmt.rdf is None:
        raise ValueError(f"cannot serialise as {fmt.media_type}")
    if fmt.rdf == ox.RdfFormat.TURTLE:
        # Only the prefixes used, and full IRIs where a local name would need escapes.
        return turtle(triples, OUTPUT_PREFIXES)
    prefixes = used_prefixes(triples) if fmt.rdf in PREFIXED_RDF else None
    return ox.serialize(triples, format=fmt.rdf, prefixes=prefixes)


def _jsonld(triples: list[ox.Triple], request: Request) -> bytes:
    # rdflib compacts with the context's prefixes; the output then points at
    # the published context instead of repeating it inline. Only the prefixes:
    # rdflib drops blank-node objects of terms typed "@id", and a compact IRI
    # key expands the same with or without the context's terms.
    g = rdflib_graph(triples)
    prefixes = prefixes_of(jsonld_context())
    doc = json.loads(g.serialize(format="json-ld", context=prefixes))
    if isinstance(doc, list):  # an empty graph serialises as []
        doc = {"@graph": doc}
    doc["@context"] = context_url(request)
    return json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8")


def rdf_response(
    triples: list[ox.Triple],
    fmt: MediaFormat,
    request: Request,
    *,
    negotiated: bool,
    stem: str | None = None,
) -> Response:
    """The triples in `fmt`; a negotiated answer names its variant (`stem`.suffix)."""
    headers = {"Vary": "Accept"} if negotiated else {}
    if negotiated and stem:
        headers["Content-Location"] = f"{stem}.{fmt.suffix}"
    return Response(serialize(triples, fmt, request), media_type=fmt.content_type, headers=headers)


def _chosen_format(request: Request, suffix: MediaFormat | None) -> tuple[MediaFormat | None, bool]:
    """(format, negotiated): the suffix decides when there is one, else Accept."""
    if suffix is not None:
        return suffix, False
    return choose(accept_of(request), LINKED_DATA_FORMATS), True


def _with_vary(response: Response, negotiated: bool) -> Response:
    if negotiated:
        response.headers["Vary"] = "Accept"
    return response


def _unknown(request: Request, fmt: MediaFormat, uri: str, negotiated: bool) -> Response:
    message = (
        f"Onbekende resource: {shown(uri)} — deze URI staat niet in de graaf. "
        f"(Unknown resource: this URI is not in the graph.)"
    )
    if fmt == HTML:
        return _with_vary(pages.not_found(request, message), negotiated)
    return Response(
        message + "\n",
        status_code=404,
        media_type="text/plain; charset=utf-8",
        headers={"Vary": "Accept"} if negotiated else {},
    )


# ---------------------------------------------------------------------------
# Resources
# ---------------------------------------------------------------------------


@router.get(
    "/id/{path:path}",
    summary="Dereference a resource URI (content negotiation)",
    response_class=Response,
    responses={
        **_RESOURCE,
        301: responses.redirect(301, "The URI in its canonical (lower-case) spelling"),
    },
)
def resource(
    path: Annotated[str, Path(pattern=NO_LINE_BREAK)],
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
) -> Response:
    base = BASE
    stem, suffix = split_suffix(path)
    candidates = {base + "id/" + path, base + "id/" + stem}
    known = queries.known_resources(store, candidates | {c.lower() for c in candidates})
    moved = _case_folded(path, stem, suffix, known, base)
    if moved is not None:
        return RedirectResponse(request.scope.get("root_path", "") + moved, status_code=301)
    # A key may itself end in something that looks like a suffix: the full
    # path wins when the store knows it.
    if suffix and base + "id/" + path in known:
        stem, suffix = path, None
    uri = base + "id/" + stem
    fmt, negotiated = _chosen_format(request, suffix)
    if fmt is None:
        return _not_acceptable()
    cut = False
    if uri in (dataset_uri(base), catalogue.catalogue_uri(base)):
        triples = void_description(store, request, settings)
    else:
        if uri not in known:
            return _unknown(request, fmt, uri, negotiated)
        triples = queries.describe(store, uri)
        if fmt == HTML:
            # A page shows ROW_LIMIT of the links to the resource and counts the rest
            # (pages.triple_table); the RDF formats carry up to INCOMING_LIMIT.
            triples += queries.incoming_first(store, uri, pages.ROW_LIMIT + 1)
        else:
            links, cut = queries.incoming(store, uri)
            triples += links
    if fmt == HTML:
        return _with_vary(pages.resource_page(request, store, uri, triples), negotiated)
    response = rdf_response(triples, fmt, request, negotiated=negotiated, stem=f"/id/{stem}")
    if cut:
        # Said as the endpoint says a cut answer (X-SPARQL-Truncated): the links past the
        # limit are there, through /sparql or the resource's lists.
        response.headers["X-Linked-Data-Truncated"] = "true"
        response.headers["X-Total-Links"] = str(queries.incoming_count(store, uri))
    return response


def _case_folded(
    path: str, stem: str, suffix: MediaFormat | None, known: set[str], base: str
) -> str | None:
    """The canonical path when `path` is unknown but its lower-case form is known.

    Keys that are codes (GM0363, PV27, G40, …) are minted in lower case; CBS and
    the API write them in upper case. Whatever the kind, an unknown URI whose
    lower-case form is a resource is sent there (301), suffix kept.
    """
    if base + "id/" + path in known or base + "id/" + stem in known:
        return None
    if (base + "id/" + stem).lower() in known and stem != stem.lower():
        return f"/id/{stem.lower()}" + (f".{suffix.suffix}" if suffix is not None else "")
    if (base + "id/" + path).lower() in known and path != path.lower():
        return f"/id/{path.lower()}"
    return None


# ---------------------------------------------------------------------------
# The ontology
# ---------------------------------------------------------------------------


def ontology_triples(store: GraphStore) -> list[ox.Triple]:
    """The ontology graph of the store; the shipped file when the store has none."""
    triples = queries.graph_triples(store, str(GRAPH_ONTOLOGY))
    if triples:
        return triples
    with open(ONTOLOGY_DIR / "gemeentegraaf.ttl", "rb") as fh:
        return [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(fh, format=ox.RdfFormat.TURTLE)
        ]


def _ontology(request: Request, store: GraphStore, suffix: MediaFormat | None) -> Response:
    fmt, negotiated = _chosen_format(request, suffix)
    if fmt is None:
        return _not_acceptable()
    triples = ontology_triples(store)
    if fmt == HTML:
        return _with_vary(pages.ontology_page(request, triples), negotiated)
    return rdf_response(triples, fmt, request, negotiated=negotiated, stem="/def")


@router.get(
    "/def", summary="The gemeentegraaf ontology", response_class=Response, responses=_DATASET
)
def ontology(request: Request, store: StoreDep) -> Response:
    return _ontology(request, store, None)


@router.get(
    "/def.{ext}",
    summary="The ontology in a given format",
    response_class=Response,
    responses={
        200: responses.data(200, (*LINKED_DATA_FORMATS,), "The ontology in that format"),
        404: responses.text(404, "Not a format suffix of this service"),
    },
)
def ontology_as(ext: str, request: Request, store: StoreDep) -> Response:
    fmt = by_suffix(ext, LINKED_DATA_FORMATS)
    if fmt is None:
        suffixes = ", ".join("." + f.suffix for f in LINKED_DATA_FORMATS)
        return Response(
            f"Onbekend formaat .{shown(ext)}; kies uit {suffixes}.\n",
            status_code=404,
            media_type="text/plain; charset=utf-8",
        )
    return _ontology(request, store, fmt)


# ---------------------------------------------------------------------------
# Named graphs
# ---------------------------------------------------------------------------


@router.get(
    "/graph/{path:path}",
    summary="A named graph: its triples, or a page about it",
    response_class=Response,
    responses=_RESOURCE,
)
def named_graph(
    path: Annotated[str, Path(pattern=NO_LINE_BREAK)], request: Request, store: StoreDep
) -> Response:
    base = BASE
    stem, suffix = split_suffix(path)
    known = set(store.graphs())
    if suffix and base + "graph/" + path in known:
        stem, suffix = path, None
    uri = base + "graph/" + stem
    fmt, negotiated = _chosen_format(request, suffix)
    if fmt is None:
        return _not_acceptable()
    if uri not in known:
        return _unknown(request, fmt, uri, negotiated)
    if fmt == HTML:
        count = queries.graph_counts(store).get(uri, 0)
        return _with_vary(pages.graph_page(request, uri, count), negotiated)
    triples = queries.graph_triples(store, uri)
    return rdf_response(triples, fmt, request, negotiated=negotiated, stem=f"/graph/{stem}")


# ---------------------------------------------------------------------------
# Dataset description (VoID + DCAT-AP-NL)
# ---------------------------------------------------------------------------

VOCABULARIES = (GG, TOOIONT, ORG, SKOS, PROV, DCTERMS, OA, TIME)


def dataset_uri(base: str) -> str:
    return base + "id/dataset"


def published_base(request: Request, settings: Settings) -> str:
    """Where the service is published: the `public_base` setting, else the request's base."""
    return settings.access_base(str(request.base_url))


def void_description(store: GraphStore, request: Request, settings: Settings) -> list[ox.Triple]:
    """The dataset as DCAT (catalogue, dataset, distributions, service) and VoID (triples
    per named graph, class partitions)."""
    base = BASE
    g = Graph()
    sources = [
        catalogue.Source(uri=d["uri"], title=d["title"], year=d["year"])
        for d in queries.documents(store)
    ]
    ds = catalogue.describe_catalogue(
        g, base=base, public=published_base(request, settings), dumps=DUMPS, sources=sources
    )
    g.add((ds, VOID.uriSpace, Literal(base + "id/")))
    g.add((ds, VOID.exampleResource, municipality_uri("GM0363")))
    g.add((ds, VOID.rootResource, municipality_uri("GM0363")))
    for vocab in VOCABULARIES:
        g.add((ds, VOID.vocabulary, URIRef(vocab)))

    graph_counts = queries.graph_counts(store)
    g.add((ds, VOID.triples, Literal(sum(graph_counts.values()))))
    for graph_uri, n in graph_counts.items():
        sub = URIRef(graph_uri)
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, SD.name, sub))
        g.add((sub, VOID.triples, Literal(n)))
        g.add((sub, DCTERMS.title, Literal(pages.graph_title(graph_uri, base), lang="nl")))
    for cls, n in queries.class_counts(store).items():
        part = BNode()
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(n)))
    partial = [p["label"] for p in queries.partial_lists(store) if "/programma/" not in p["uri"]]
    if partial:
        listed = "; ".join(sorted(partial)) + "."
        g.add(
            (
                ds,
                RDFS.comment,
                Literal(
                    "Onvolledige leden- of deelnemerslijsten (gg:ledenlijstVolledig false): "
                    + listed,
                    lang="nl",
                ),
            )
        )
        g.add(
            (
                ds,
                RDFS.comment,
                Literal(
                    "Incomplete member or participant lists (gg:ledenlijstVolledig false): "
                    + listed,
                    lang="en",
                ),
            )
        )

    triples = from_rdflib(g)
    # What the build recorded about itself (modification time, build id, version); a
    # write or an ingest since changed the data later than the build says.
    triples += _modified_as_served(queries.dataset_triples(store, str(ds)), view_of(request))
    return triples


XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")


def _modified_as_served(triples: list[ox.Triple], view: ReadView) -> list[ox.Triple]:
    """`triples` with dcterms:modified no earlier than the data version served, which
    is also the answer's Last-Modified."""
    served = view.last_modified.astimezone(UTC).replace(tzinfo=None)
    modified = ox.NamedNode(str(DCTERMS.modified))
    out = []
    for triple in triples:
        if triple.predicate == modified and isinstance(triple.object, ox.Literal):
            try:
                built = datetime.fromisoformat(triple.object.value.replace("Z", "+00:00"))
            except ValueError:
                built = None
            if built is not None:
                built = built.astimezone(UTC).replace(tzinfo=None) if built.tzinfo else built
            if built is None or built < served:
                stamp = served.isoformat(timespec="seconds") + "Z"
                literal = ox.Literal(stamp, datatype=XSD_DATETIME)
                triple = ox.Triple(triple.subject, triple.predicate, literal)
        out.append(triple)
    return out


# ---------------------------------------------------------------------------
# Dumps and context
# ---------------------------------------------------------------------------


@router.get(
    "/.well-known/void",
    summary="VoID and DCAT-AP-NL description of the dataset",
    response_class=Response,
    responses=_DATASET,
)
def void(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    fmt, negotiated = _chosen_format(request, None)
    if fmt is None:
        return _not_acceptable()
    triples = void_description(store, request, settings)
    if fmt == HTML:
        uri = dataset_uri(BASE)
        return _with_vary(pages.resource_page(request, store, uri, triples), negotiated)
    return rdf_response(triples, fmt, request, negotiated=negotiated)


# /dump.trig and /dump.nq, and their EU file-type names in the DCAT description.
DUMP_FORMATS: dict[str, MediaFormat] = {fmt.suffix: fmt for fmt in DATASET_FORMATS}
# How the DCAT description names each dump's format.
DUMPS = (
    catalogue.Dump(
        "trig",
        "TriG",
        "application/trig",
        catalogue.Term("file-type", "RDF_TRIG", "RDF TriG", "RDF TriG"),
        "http://www.w3.org/TR/trig/",
    ),
    catalogue.Dump(
        "nq",
        "N-Quads",
        "application/n-quads",
        catalogue.Term("file-type", "RDF_N_QUADS", "RDF N-Quads", "RDF N-Quads"),
        "http://www.w3.org/TR/n-quads/",
    ),
)
# Quads per chunk: a chunk of a few hundred kB is what one download holds in flight.
_DUMP_BATCH = 2_000


def _dump_chunks(store: GraphStore, fmt: ox.RdfFormat) -> Iterator[bytes]:
    """Serialised batches of quads, produced on a thread of their own.

    pyoxigraph iterators must stay on the thread that made them, while a
    streaming response pulls its chunks from whichever worker thread is free;
    so one producer thread walks the store and hands bytes over a small queue.
    """
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(maxsize=4)
    stop = threading.Event()

    def put(item: bytes | BaseException | None) -> bool:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.5)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            if fmt == ox.RdfFormat.TRIG and not put(prefix_lines(OUTPUT_PREFIXES)):
                return
            for batch in _quad_batches(store):
                if not put(_dump_chunk(batch, fmt)):
                    return
            put(None)
        except BaseException as exc:  # handed to the consumer, which re-raises it
            put(exc)

    worker = threading.Thread(target=produce, name="dump", daemon=True)
    worker.start()
    try:
        while True:
            item = chunks.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()


def _dump_chunk(batch: list[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    # TriG declares every prefix once, in the first chunk: the dump is streamed.
    if fmt == ox.RdfFormat.TRIG:
        return trig(batch, OUTPUT_PREFIXES, declare=False)
    return ox.serialize(batch, format=fmt)


def _quad_batches(store: GraphStore) -> Iterator[list[ox.Quad]]:
    batch: list[ox.Quad] = []
    for quad in store.quads():
        batch.append(quad)
        if len(batch) >= _DUMP_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _dump(request: Request, store: GraphStore, suffix: str) -> Response:
    fmt = DUMP_FORMATS[suffix]
    client = request.client.host if request.client else None
    slots = _dump_slots(request)
    if (refused := slots.take(client)) is not None:
        status, message = refused
        return PlainTextResponse(message, status_code=status, headers={"Retry-After": "10"})
    headers = {"Content-Disposition": f'inline; filename="gemeentegraaf.{suffix}"'}
    chunks = _dump_chunks(store, fmt.rdf)
    return DumpResponse(chunks, slots, client, fmt.content_type, headers)


def _dump_slots(request: Request) -> DumpSlots:
    """The app's count of running downloads (service/app.py makes it)."""
    return request.app.state.dump_slots


# A download refused while others run (slow_readers.DumpSlots), with when to try again.
_DUMP_REFUSED: responses.Responses = {
    429: responses.retry_later(
        429, "This client runs the most downloads at once; try again after Retry-After"
    ),
    503: responses.retry_later(503, "Too many downloads at once; try again after Retry-After"),
}


@router.get(
    "/dump.trig",
    summary="The whole dataset as TriG (streamed)",
    response_class=Response,
    responses={200: responses.data(200, (DUMP_FORMATS["trig"],), "Every quad"), **_DUMP_REFUSED},
)
def dump_trig(request: Request, store: StoreDep) -> Response:
    return _dump(request, store, "trig")


@router.get(
    "/dump.nq",
    summary="The whole dataset as N-Quads (streamed)",
    response_class=Response,
    responses={200: responses.data(200, (DUMP_FORMATS["nq"],), "Every quad"), **_DUMP_REFUSED},
)
def dump_nq(request: Request, store: StoreDep) -> Response:
    return _dump(request, store, "nq")


@router.get(
    "/context.jsonld",
    name="jsonld_context_document",
    summary="The JSON-LD context of the JSON-LD output",
    response_class=Response,
    responses={
        200: responses.described(
            200,
            "The context",
            content={JSON_LD.media_type: {"schema": responses.JSON_LD_DOCUMENT}},
        )
    },
)
def context_document() -> Response:
    body = json.dumps(jsonld_context(), ensure_ascii=False, indent=2)
    # CORS comes from the app's middleware, like every other read.
    return Response(body, media_type="application/ld+json")
