"""Reading W3C test manifests written in the HTTP-in-RDF vocabulary (ht:).

Used by test_w3c_protocol.py (SPARQL 1.1 Protocol) and test_graph_store.py
(Graph Store Protocol). A test is a list of HTTP requests, each with its
expected response; this module turns them into plain dataclasses and checks a
response against one.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

REPO = Path(__file__).resolve().parents[1]
W3C = REPO / "data" / "w3c"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

# Named status codes used by the manifests; StatusCodeNxx are classes.
_NAMED_STATUS = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404}


@dataclass(frozen=True)
class Expected:
    statuses: tuple[str, ...]  # "2xx", "201", ...
    format: str | None = None  # "boolean", "tabular", "RDF"
    boolean: bool | None = None
    location_var: str | None = None  # mf:expectedLocation template variable
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None

    def allows(self, status: int) -> bool:
        return any(
            str(status) == s or (s.endswith("xx") and str(status)[0] == s[0]) for s in self.statuses
        )


@dataclass(frozen=True)
class HttpRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    expected: Expected


@dataclass(frozen=True)
class ManifestTest:
    name: str  # local name, e.g. query_post_form
    title: str
    requests: tuple[HttpRequest, ...]
    graph_data: tuple[tuple[Path, str], ...]  # (local file, graph IRI)
    requires: tuple[str, ...] = ()


def _list(g: Graph, node: Node | None) -> list[Node]:
    return list(Collection(g, node)) if node is not None else []


def _status(node: Node) -> str:
    local = str(node).rsplit("#", 1)[-1]
    if local.startswith("StatusCode"):
        return local.removeprefix("StatusCode")
    return str(_NAMED_STATUS[local])


def _request(g: Graph, node: Node) -> HttpRequest:
    headers = {
        str(g.value(h, HT.fieldName)).lower(): str(g.value(h, HT.fieldValue))
        for h in _list(g, g.value(node, HT.headers))
    }
    body = None
    if (content := g.value(node, HT.body)) is not None:
        encoding = str(g.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(g.value(content, CNT.chars)).encode(encoding.lower())
    resp = g.value(node, HT.resp)
    resp_body = g.value(resp, HT.body)
    expected = Expected(
        statuses=tuple(sorted(_status(s) for s in g.objects(resp, MF.expectedStatus))),
        format=str(f) if (f := g.value(resp, MF.expectedFormat)) is not None else None,
        boolean=b.toPython() if (b := g.value(resp, MF.expectedBoolean)) is not None else None,
        location_var=str(v) if (v := g.value(resp, MF.expectedLocation)) is not None else None,
        headers={
            str(g.value(h, HT.fieldName)).lower(): str(g.value(h, HT.fieldValue))
            for h in _list(g, g.value(resp, HT.headers))
        },
        body=str(g.value(resp_body, CNT.chars)) if resp_body is not None else None,
    )
    return HttpRequest(
        method=str(g.value(node, HT.methodName)),
        path=str(g.value(node, HT.absolutePath)),
        headers=headers,
        body=body,
        expected=expected,
    )


_TEST_CLASSES = (MF.ProtocolTest, MF.GraphStoreProtocolTest)


def read_manifest(path: Path) -> list[ManifestTest]:
    """The tests of one manifest: its mf:entries in order, then any test it defines
    but does not list (manifest-direct.ttl defines head_non_existing_direct that way).
    Includes are not followed."""
    g = Graph()
    g.parse(path, format="turtle", publicID=path.as_uri())
    manifest = URIRef(path.as_uri())
    entries = _list(g, g.value(manifest, MF.entries))
    defined = {t for cls in _TEST_CLASSES for t in g.subjects(RDF.type, cls)}
    entries += sorted(defined - set(entries))
    tests = []
    for entry in entries:
        action = g.value(entry, MF.action)
        requests = tuple(_request(g, r) for r in _list(g, g.value(action, HT.requests)))
        graph_data = tuple(
            (Path(str(g.value(d, UT.graph)).removeprefix("file://")), str(g.value(d, RDFS.label)))
            for d in g.objects(entry, UT.graphData)
        )
        tests.append(
            ManifestTest(
                name=str(entry).rsplit("#", 1)[-1],
                title=str(g.value(entry, MF.name)),
                requests=requests,
                graph_data=tuple(sorted(graph_data)),
                requires=tuple(
                    sorted(str(r).rsplit("#", 1)[-1] for r in g.objects(entry, MF.requires))
                ),
            )
        )
    return tests


# ---------------------------------------------------------------------------
# Checking SPARQL results
# ---------------------------------------------------------------------------

BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
TABULAR_TYPES = (*BOOLEAN_TYPES, "text/csv", "text/tab-separated-values")
RDF_TYPES = ("application/rdf+xml", "text/turtle", "application/n-triples", "application/xhtml+xml")


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def boolean_of(content_type: str, body: bytes) -> bool:
    kind = media_type(content_type)
    if kind == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    root = ET.fromstring(body)
    element = root.find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert element is not None, "no <boolean> in the XML result"
    return element.text == "true"


def check_format(expected: str, content_type: str, body: bytes) -> None:
    kind = media_type(content_type)
    if expected == "boolean":
        assert kind in BOOLEAN_TYPES, kind
        boolean_of(content_type, body)
    elif expected == "tabular":
        assert kind in TABULAR_TYPES, kind
    elif expected == "RDF":
        assert kind in RDF_TYPES, kind
        Graph().parse(data=body, format={"application/rdf+xml": "xml"}.get(kind, "turtle"))
    else:
        raise AssertionError(f"unknown expected format {expected!r}")
