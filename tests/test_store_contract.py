"""One contract for every store backend: the embedded store, Oxigraph server and Virtuoso.

Every test runs on each backend (the `backend` fixture in conftest.py); a
server backend gets one private server per module, emptied before each test.
Virtuoso stores some values in canonical form (language tags lowercased,
"12.50" as 12.5), so literals are compared by value where the servers differ.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from gemeentegraaf.common.namespaces import GG, GRAPH, TOOIONT
from gemeentegraaf.pipeline.build import BuildError
from gemeentegraaf.pipeline.publish import publish, stale_staging
from gemeentegraaf.store.base import (
    STAGING_PREFIX,
    Boolean,
    GraphStore,
    QueryRejected,
    Solutions,
    StoreError,
    StoreTimeout,
    StoreUnavailable,
    Triples,
)
from gemeentegraaf.store.remote import OXIGRAPH, VIRTUOSO, Endpoints, RemoteStore
from rdflib import BNode, Graph, Literal, Namespace
from rdflib.namespace import RDF, XSD

from tests.conftest import Backends, Location

EX = Namespace("http://example.org/contract/")
G1, G2 = str(EX["g1"]), str(EX["g2"])


@pytest.fixture(scope="module")
def location(backend: str, backends: Backends) -> Iterator[Location]:
    where = backends.new(backend)
    yield where
    backends.stop(where)


@pytest.fixture
def store(location: Location, tmp_path: Path) -> Iterator[GraphStore]:
    if location.url is None:
        # A new embedded store per test.
        opened: GraphStore = Location(location.backend, path=tmp_path / "store").open()
    else:
        opened = location.open()
        for graph in opened.graphs():
            opened.drop_graph(graph)
    yield opened
    opened.close()


def graph_of(*triples: tuple) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def people() -> Graph:
    return graph_of(
        (EX.ann, EX.name, Literal("Ann")),
        (EX.ann, EX.knows, EX.bob),
        (EX.bob, EX.name, Literal("Bob")),
    )


# ---------------------------------------------------------------------------
# Reading: the four query forms, typed
# ---------------------------------------------------------------------------


def test_select_gives_variables_and_rows_of_terms(store: GraphStore) -> None:
    store.load_graph(G1, people())
    result = store.query(f"SELECT ?n WHERE {{ ?p <{EX.name}> ?n }} ORDER BY ?n")
    assert isinstance(result, Solutions)
    assert result.variables == ("n",)
    assert [row[0] for row in result.rows] == [ox.Literal("Ann"), ox.Literal("Bob")]


def test_select_rows_as_dicts_with_unbound_as_none(store: GraphStore) -> None:
    store.load_graph(G1, people())
    rows = store.select(
        f"SELECT ?p ?friend WHERE {{ ?p <{EX.name}> ?n OPTIONAL {{ ?p <{EX.knows}> ?friend }} }} "
        "ORDER BY ?p"
    )
    assert rows == [
        {"p": str(EX.ann), "friend": str(EX.bob)},
        {"p": str(EX.bob), "friend": None},
    ]


def test_ask(store: GraphStore) -> None:
    store.load_graph(G1, people())
    assert store.ask(f"ASK {{ <{EX.ann}> <{EX.knows}> <{EX.bob}> }}") is True
    assert store.ask(f"ASK {{ <{EX.bob}> <{EX.knows}> <{EX.ann}> }}") is False
    assert isinstance(store.query("ASK { ?s ?p ?o }"), Boolean)


def test_construct_gives_triples(store: GraphStore) -> None:
    store.load_graph(G1, people())
    result = store.query(f"CONSTRUCT {{ ?b <{EX.knownBy}> ?a }} WHERE {{ ?a <{EX.knows}> ?b }}")
    assert isinstance(result, Triples)
    assert list(result) == [
        ox.Triple(
            ox.NamedNode(str(EX.bob)), ox.NamedNode(str(EX.knownBy)), ox.NamedNode(str(EX.ann))
        )
    ]


def test_describe_gives_the_resource_with_its_blank_nodes(store: GraphStore) -> None:
    g = people()
    address = BNode()
    g.add((EX.ann, EX.address, address))
    g.add((address, EX.city, Literal("Zwolle")))
    store.load_graph(G1, g)
    result = store.query(f"DESCRIBE <{EX.ann}>")
    assert isinstance(result, Triples)
    predicates = {t.predicate.value for t in result}
    assert {str(EX.name), str(EX.knows), str(EX.address), str(EX.city)} <= predicates


def test_a_bad_query_is_rejected_clearly(store: GraphStore) -> None:
    with pytest.raises(QueryRejected) as exc:
        store.query("SELEC ?x WHERE { ?x ?p ?o }")
    assert str(exc.value)


def test_base_iri_resolves_relative_iris(store: GraphStore) -> None:
    store.load_graph(G1, people())
    result = store.query("SELECT ?n WHERE { <ann> <name> ?n }", base_iri=str(EX))
    assert [row[0] for row in result] == [ox.Literal("Ann")]


# ---------------------------------------------------------------------------
# The default graph is the union of all graphs
# ---------------------------------------------------------------------------


def test_default_graph_is_the_union_of_all_graphs(store: GraphStore) -> None:
    store.load_graph(G1, graph_of((EX.ann, EX.name, Literal("Ann"))))
    store.load_graph(G2, graph_of((EX.bob, EX.name, Literal("Bob"))))
    rows = store.select(f"SELECT ?n WHERE {{ ?p <{EX.name}> ?n }} ORDER BY ?n")
    assert [r["n"] for r in rows] == ["Ann", "Bob"]


def test_from_and_a_protocol_dataset_narrow_the_default_graph(store: GraphStore) -> None:
    store.load_graph(G1, graph_of((EX.ann, EX.name, Literal("Ann"))))
    store.load_graph(G2, graph_of((EX.bob, EX.name, Literal("Bob"))))
    query = f"SELECT ?n WHERE {{ ?p <{EX.name}> ?n }}"
    assert [
        r["n"] for r in store.select(f"SELECT ?n FROM <{G2}> WHERE {{ ?p <{EX.name}> ?n }}")
    ] == ["Bob"]
    result = store.query(query, default_graph=[G1])
    assert [row[0] for row in result] == [ox.Literal("Ann")]


def test_graph_patterns_see_each_graph(store: GraphStore) -> None:
    store.load_graph(G1, graph_of((EX.ann, EX.name, Literal("Ann"))))
    store.load_graph(G2, graph_of((EX.bob, EX.name, Literal("Bob"))))
    rows = store.select(f"SELECT ?g ?n WHERE {{ GRAPH ?g {{ ?p <{EX.name}> ?n }} }} ORDER BY ?g")
    assert [(r["g"], r["n"]) for r in rows] == [(G1, "Ann"), (G2, "Bob")]


# ---------------------------------------------------------------------------
# Literals
# ---------------------------------------------------------------------------


def test_typed_literals_and_language_tags_keep_their_value(store: GraphStore) -> None:
    g = graph_of(
        (EX.x, EX.date, Literal("2021-03-04", datatype=XSD.date)),
        (EX.x, EX["count"], Literal(42)),
        (EX.x, EX.amount, Literal(Decimal("12.50"))),
        (EX.x, EX.flag, Literal(True)),
        (EX.x, EX.label, Literal("gemeente", lang="nl")),
        (EX.x, EX.label, Literal("municipality", lang="en-GB")),
        (EX.x, EX.note, Literal("Zwölf € — “quoted” \n line")),
    )
    store.load_graph(G1, g)
    result = store.query(f"SELECT ?p ?o WHERE {{ <{EX.x}> ?p ?o }}")
    found: dict[tuple[str, str | None], ox.Literal] = {}
    for p, o in result:
        assert isinstance(o, ox.Literal)
        found[(p.value, (o.language or "").lower() or None)] = o
    assert found[(str(EX.date), None)].datatype.value == str(XSD.date)
    assert found[(str(EX.date), None)].value == "2021-03-04"
    assert found[(str(EX["count"]), None)].datatype.value == str(XSD.integer)
    assert int(found[(str(EX["count"]), None)].value) == 42
    assert found[(str(EX.amount), None)].datatype.value == str(XSD.decimal)
    assert Decimal(found[(str(EX.amount), None)].value) == Decimal("12.5")
    assert found[(str(EX.flag), None)].value in ("true", "1")
    assert found[(str(EX.label), "nl")].value == "gemeente"
    assert found[(str(EX.label), "en-gb")].value == "municipality"
    assert found[(str(EX.note), None)].value == "Zwölf € — “quoted” \n line"
    # A language filter works on every backend.
    rows = store.select(
        f'SELECT ?l WHERE {{ <{EX.x}> <{EX.label}> ?l FILTER(langMatches(lang(?l), "nl")) }}'
    )
    assert [r["l"] for r in rows] == ["gemeente"]


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def test_update_inserts_and_deletes(store: GraphStore) -> None:
    store.update(f'INSERT DATA {{ GRAPH <{G1}> {{ <{EX.ann}> <{EX.name}> "Ann" }} }}')
    assert store.ask(f'ASK {{ <{EX.ann}> <{EX.name}> "Ann" }}')
    store.update(f"DELETE WHERE {{ GRAPH <{G1}> {{ <{EX.ann}> <{EX.name}> ?n }} }}")
    assert not store.ask(f"ASK {{ <{EX.ann}> <{EX.name}> ?n }}")


def test_a_bad_update_is_rejected_and_changes_nothing(store: GraphStore) -> None:
    store.load_graph(G1, people())
    with pytest.raises(QueryRejected):
        store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{EX.ann}> <{EX.name}> ")
    assert store.triple_count(G1) == 3


def test_load_graph_adds_and_graphs_lists_them(store: GraphStore) -> None:
    assert store.graphs() == []
    store.load_graph(G2, people())
    store.load_graph(G1, graph_of((EX.c, EX.name, Literal("C"))))
    store.load_graph(G1, graph_of((EX.d, EX.name, Literal("D"))))
    assert store.graphs() == [G1, G2]
    assert store.triple_count(G1) == 2
    assert store.has_graph(G1) and not store.has_graph(str(EX.none))


def test_load_a_dataset_puts_triples_in_their_graphs(store: GraphStore) -> None:
    trig = f"""<{G1}> {{ <{EX.a}> <{EX.p}> "1" . }}
<{G2}> {{ <{EX.b}> <{EX.p}> "2" . _:x <{EX.p}> <{EX.b}> . }}"""
    store.load(trig.encode(), "trig")
    assert store.graphs() == [G1, G2]
    assert store.triple_count(G2) == 2


def test_replace_graph_replaces_only_that_graph(store: GraphStore) -> None:
    store.load_graph(G1, people())
    store.load_graph(G2, graph_of((EX.c, EX.name, Literal("C"))))
    store.replace_graph(G1, graph_of((EX.z, EX.name, Literal("Z"))))
    assert set(store.named_graph(G1)) == {(EX.z, EX.name, Literal("Z"))}
    assert store.triple_count(G2) == 1
    assert not any(g.startswith(STAGING_PREFIX) for g in store.graphs())


def test_replace_graph_leaves_exactly_the_new_triples(store: GraphStore) -> None:
    half = XSD.decimal
    first = graph_of(
        (EX.a, EX.score, Literal("0.5000", datatype=half)),  # kept in canonical form
        (EX.a, EX.name, Literal("A")),
        (EX.b, EX.name, Literal("B")),
    )
    store.replace_graph(G1, first)
    store.replace_graph(G1, first)  # the same again: nothing changes
    second = graph_of(
        (EX.a, EX.score, Literal("0.5", datatype=half)),
        (EX.a, EX.name, Literal("A")),
        (EX.c, EX.name, Literal("C", lang="nl")),
    )
    store.replace_graph(G1, second)
    assert {(s, p, o.toPython()) for s, p, o in store.named_graph(G1)} == {
        (s, p, o.toPython()) for s, p, o in second
    }
    node = BNode()
    with_blank = graph_of((node, EX.name, Literal("X")), (EX.a, EX.knows, node))
    store.replace_graph(G1, with_blank)
    assert store.triple_count(G1) == 2
    store.replace_graph(G1, second)
    assert store.triple_count(G1) == 3
    store.replace_graph(G1, Graph())
    assert store.triple_count(G1) == 0


def test_drop_graph(store: GraphStore) -> None:
    store.load_graph(G1, people())
    store.load_graph(G2, people())
    store.drop_graph(G1)
    store.drop_graph(str(EX.never))  # no such graph: nothing happens
    assert store.graphs() == [G2]
    assert len(store.named_graph(G1)) == 0


def test_named_graph_round_trips_blank_nodes(store: GraphStore) -> None:
    g = people()
    node = BNode()
    g.add((EX.ann, EX.address, node))
    g.add((node, EX.city, Literal("Zwolle")))
    store.load_graph(G1, g)
    back = store.named_graph(G1)
    assert len(back) == 5
    cities = list(back.objects(None, EX.city))
    assert cities == [Literal("Zwolle")]
    (address,) = back.objects(EX.ann, EX.address)
    assert isinstance(address, BNode) and (address, EX.city, Literal("Zwolle")) in back


@pytest.mark.parametrize("fmt", ["nt", "ttl", "rdf", "jsonld", "trig", "nq"])
def test_dump_of_one_graph(store: GraphStore, fmt: str) -> None:
    store.load_graph(G1, people())
    store.load_graph(G2, graph_of((EX.c, EX.name, Literal("C"))))
    data = store.dump(fmt, G1)
    parsed = Graph()
    parsed.parse(
        data=data,
        format={
            "nt": "nt",
            "ttl": "turtle",
            "rdf": "xml",
            "jsonld": "json-ld",
            "trig": "trig",
            "nq": "nquads",
        }[fmt],
    )
    assert {(str(s), str(p), str(o)) for s, p, o in parsed} == {
        (str(s), str(p), str(o)) for s, p, o in people()
    }


def test_dump_of_the_dataset_keeps_graph_names(store: GraphStore) -> None:
    store.load_graph(G1, people())
    store.load_graph(G2, graph_of((EX.c, EX.name, Literal("C"))))
    quads = list(ox.parse(store.dump("nq"), format=ox.RdfFormat.N_QUADS))
    by_graph: dict[str, int] = {}
    for q in quads:
        by_graph[q.graph_name.value] = by_graph.get(q.graph_name.value, 0) + 1
    assert by_graph == {G1: 3, G2: 1}
    # A triple format gets the union.
    assert len(list(ox.parse(store.dump("nt"), format=ox.RdfFormat.N_TRIPLES))) == 4


def test_unknown_dump_format_is_a_clear_error(store: GraphStore) -> None:
    with pytest.raises(StoreError, match="unknown format"):
        store.dump("docx")


def test_data_version_moves_on_every_write(store: GraphStore) -> None:
    first = store.data_version()
    assert store.data_version() == first  # reading does not move it
    store.load_graph(G1, people())
    second = store.data_version()
    assert second != first
    # A swap of one value for another keeps every count, and still moves it.
    store.update(
        f'DELETE DATA {{ GRAPH <{G1}> {{ <{EX.ann}> <{EX.name}> "Ann" }} }} ;'
        f' INSERT DATA {{ GRAPH <{G1}> {{ <{EX.ann}> <{EX.name}> "Annabel" }} }}'
    )
    assert store.data_version() != second


def test_data_version_notices_a_write_by_another_client(location: Location) -> None:
    if location.url is None:
        pytest.skip("an embedded store has one writer: the process that opened it")
    ours, theirs = location.open(), location.open()
    try:
        before = ours.data_version()
        theirs.update(f'INSERT DATA {{ GRAPH <{G2}> {{ <{EX.x}> <{EX.y}> "other client" }} }}')
        assert ours.data_version() != before
    finally:
        theirs.drop_graph(G2)
        ours.close()
        theirs.close()


# ---------------------------------------------------------------------------
# No requests to other servers
# ---------------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[str, list[bytes]]]:
    """A loopback socket that records whether anything connected to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)
    sock.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            seen.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/sparql", seen
    stop.set()
    thread.join(2)
    sock.close()


def test_service_and_load_are_refused_before_anything_is_sent(
    store: GraphStore, listener: tuple[str, list[bytes]]
) -> None:
    url, seen = listener
    with pytest.raises(QueryRejected, match="SERVICE"):
        store.query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}")
    with pytest.raises(QueryRejected, match="SERVICE"):
        store.query(f"SELECT * WHERE {{ ?s ?p ?o . sErViCe   silent <{url}> {{ ?s ?p ?o }} }}")
    with pytest.raises(QueryRejected, match="LOAD"):
        store.update(f"LOAD <{url}> INTO GRAPH <{G1}>")
    with pytest.raises(QueryRejected, match="SERVICE"):
        store.update(
            f"INSERT {{ GRAPH <{G1}> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
        )
    assert seen == []
    assert store.graphs() == []


# ---------------------------------------------------------------------------
# Replacing a graph: readers see the old or the new graph, never a mix
# ---------------------------------------------------------------------------


def _version(tag: str, size: int = 300) -> Graph:
    return graph_of(*((EX[f"item{i}"], EX.version, Literal(tag)) for i in range(size)))


def test_readers_see_the_old_or_the_new_graph_during_replace(
    store: GraphStore, location: Location, tmp_path: Path
) -> None:
    store.replace_graph(G1, _version("old"))
    reader = store if location.url is None else location.open()
    seen: list[dict[str, int]] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            rows = reader.select(
                f"SELECT ?v (COUNT(*) AS ?n) WHERE {{ GRAPH <{G1}> {{ ?s <{EX.version}> ?v }} }} "
                "GROUP BY ?v"
            )
            seen.append({r["v"]: r["n"] for r in rows})

    thread = threading.Thread(target=read)
    thread.start()
    try:
        for tag in ("new", "old", "new", "old", "new"):
            store.replace_graph(G1, _version(tag))
    finally:
        done.set()
        thread.join(60)
    if reader is not store:
        reader.close()
    assert seen, "the reader never ran"
    mixed = [s for s in seen if s not in ({"old": 300}, {"new": 300})]
    assert mixed == [], f"readers saw {len(mixed)} of {len(seen)} half-replaced states: {mixed[:3]}"
    assert store.select(f"SELECT DISTINCT ?v WHERE {{ GRAPH <{G1}> {{ ?s ?p ?v }} }}") == [
        {"v": "new"}
    ]


# ---------------------------------------------------------------------------
# Publishing a build: nothing changes until everything is staged and valid
# ---------------------------------------------------------------------------

GA, GB = str(GRAPH["contract-a"]), str(GRAPH["contract-b"])


def _steps(*graphs: tuple[str, Graph]):
    def step(_result):
        yield from graphs

    return [("contract", step)]


def _failing_step(_result):
    yield GA, _version("broken")
    raise ValueError("a broken input file")


def _values(store: GraphStore, graph: str) -> set[str]:
    return {
        r["v"]
        for r in store.select(f"SELECT DISTINCT ?v WHERE {{ GRAPH <{graph}> {{ ?s ?p ?v }} }}")
    }


def test_publish_swaps_in_every_graph_and_drops_graphs_it_no_longer_makes(
    store: GraphStore, tmp_path: Path
) -> None:
    publish(
        store,
        corpus_store=tmp_path / "s",
        steps=_steps((GA, _version("v1")), (GB, _version("v1"))),
        store_steps=[],
    )
    assert _values(store, GA) == {"v1"} and _values(store, GB) == {"v1"}
    store.load_graph(G1, people())  # not the project's graph: publishing leaves it alone
    publish(store, corpus_store=tmp_path / "s", steps=_steps((GA, _version("v2"))), store_steps=[])
    assert _values(store, GA) == {"v2"}
    assert not store.has_graph(GB)
    assert store.has_graph(G1)
    assert stale_staging(store) == []


def test_a_build_that_fails_leaves_the_old_data_answering(
    store: GraphStore, tmp_path: Path
) -> None:
    publish(store, corpus_store=tmp_path / "s", steps=_steps((GA, _version("v1"))), store_steps=[])
    with pytest.raises(BuildError):
        publish(
            store, corpus_store=tmp_path / "s", steps=[("contract", _failing_step)], store_steps=[]
        )
    assert _values(store, GA) == {"v1"}
    assert stale_staging(store) == []


def test_a_failed_upload_leaves_the_old_data_and_no_staging_graphs(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish(
        store,
        corpus_store=tmp_path / "s",
        steps=_steps((GA, _version("v1")), (GB, _version("v1"))),
        store_steps=[],
    )
    real_load = store.load
    calls = []

    def load_then_fail(data: bytes, fmt: str, graph: str | None = None) -> None:
        calls.append(graph)
        if len(calls) == 2:
            raise StoreUnavailable("the connection dropped (simulated)")
        real_load(data, fmt, graph)

    monkeypatch.setattr(store, "load", load_then_fail)
    with pytest.raises(BuildError, match="unchanged"):
        publish(
            store,
            corpus_store=tmp_path / "s",
            steps=_steps((GA, _version("v2")), (GB, _version("v2"))),
            store_steps=[],
        )
    monkeypatch.undo()
    assert _values(store, GA) == {"v1"} and _values(store, GB) == {"v1"}
    assert stale_staging(store) == []


def test_stale_staging_graphs_are_removed_by_the_next_build(
    store: GraphStore, tmp_path: Path
) -> None:
    store.load_graph(f"{STAGING_PREFIX}interrupted:0", _version("half"))
    publish(store, corpus_store=tmp_path / "s", steps=_steps((GA, _version("v1"))), store_steps=[])
    assert stale_staging(store) == []
    assert _values(store, GA) == {"v1"}


def test_a_build_that_does_not_validate_publishes_nothing(
    store: GraphStore, tmp_path: Path
) -> None:
    publish(store, corpus_store=tmp_path / "s", steps=_steps((GA, _version("v1"))), store_steps=[])
    bad = graph_of((EX.m, RDF.type, TOOIONT.Gemeente), (EX.m, GG.cbsCode, Literal("GM1")))
    with pytest.raises(BuildError, match="conform"):
        publish(
            store,
            corpus_store=tmp_path / "s",
            steps=_steps((GA, _version("v2")), (GB, bad)),
            store_steps=[],
        )
    assert _values(store, GA) == {"v1"}
    assert not store.has_graph(GB)


# ---------------------------------------------------------------------------
# The remote store itself: endpoints and errors
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "query", "update", "gsp", "flavour"),
    [
        (
            "http://h:7878",
            "http://h:7878/query",
            "http://h:7878/update",
            "http://h:7878/store",
            OXIGRAPH,
        ),
        (
            "http://h:7878/query",
            "http://h:7878/query",
            "http://h:7878/update",
            "http://h:7878/store",
            OXIGRAPH,
        ),
        (
            "http://h:8890/sparql",
            "http://h:8890/sparql",
            "http://h:8890/sparql",
            "http://h:8890/sparql-graph-crud",
            VIRTUOSO,
        ),
        (
            "https://h/db/sparql/",
            "https://h/db/sparql",
            "https://h/db/sparql",
            "https://h/db/sparql-graph-crud",
            VIRTUOSO,
        ),
    ],
)
def test_endpoints_are_derived_from_one_url(url, query, update, gsp, flavour, monkeypatch) -> None:
    monkeypatch.delenv("GEMEENTEGRAAF_STORE_UPDATE_URL", raising=False)
    monkeypatch.delenv("GEMEENTEGRAAF_STORE_GSP_URL", raising=False)
    assert Endpoints.from_url(url) == Endpoints(query, update, gsp, flavour)


def test_endpoints_can_be_given_explicitly(monkeypatch) -> None:
    monkeypatch.setenv("GEMEENTEGRAAF_STORE_GSP_URL", "http://h:3030/ds/data")
    found = Endpoints.from_url("http://h:3030/ds/sparql", update="http://h:3030/ds/update")
    assert (found.update, found.graph_store) == ("http://h:3030/ds/update", "http://h:3030/ds/data")


def test_not_a_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="not an http"):
        RemoteStore("localhost:7878")


def test_no_server_is_a_clear_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    store = RemoteStore(f"http://127.0.0.1:{port}")
    with pytest.raises(
        StoreUnavailable, match=f"cannot reach the SPARQL store at http://127.0.0.1:{port}"
    ):
        store.graphs()


def test_a_server_that_does_not_answer_times_out_clearly() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)  # accepts the connection, never answers
        store = RemoteStore(f"http://127.0.0.1:{sock.getsockname()[1]}", timeout=0.5)
        with pytest.raises(StoreTimeout, match="did not answer within 0.5 s"):
            store.query("ASK {}")


def test_an_http_error_names_the_status_and_the_server_message() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, text="Service Unavailable: maintenance until 14:00")

    store = RemoteStore("http://store.invalid:7878")
    store._client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(StoreUnavailable, match="503.*maintenance until 14:00"):
        store.ask("ASK {}")


def test_a_cut_or_broken_answer_is_an_error_not_a_short_result() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        # Oxigraph server reports an error in the middle of a stream this way.
        body = b'{"head":{"vars":["s"]},"results":{"bindings":[Connection refused'
        return httpx.Response(
            200, content=body, headers={"content-type": "application/sparql-results+json"}
        )

    store = RemoteStore("http://store.invalid:7878")
    store._client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(StoreError, match="cannot read"):
        store.select("SELECT ?s WHERE { ?s ?p ?o }")
