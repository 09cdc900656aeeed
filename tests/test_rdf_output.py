"""Linked-data output: Turtle and TriG with only the prefixes used and no escaped local
names (the same triples back when parsed), and codes in upper case sent to their URI."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.common.namespaces import PREFIXES
from gemeentegraaf.service import turtle as turtle_module
from gemeentegraaf.service.turtle import readable_prefixes, trig, turtle, turtle_by_hand

from tests.service_sample import sample_app

EX = "http://example.org/"
PREFIX_MAP = {"ex": EX, "xsd": "http://www.w3.org/2001/XMLSchema#", "unused": "urn:unused:"}
XSD = "http://www.w3.org/2001/XMLSchema#"


def n(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


TRICKY = [
    ox.Triple(n("gemeente/gm0363"), n("p"), n("a.")),  # slash; trailing dot
    ox.Triple(n("gemeente/gm0363"), n("p"), n("x(y)")),  # reserved characters
    ox.Triple(n("plain"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), n("C")),
    ox.Triple(n("plain"), n("label"), ox.Literal('say "hi"\nthere', language="nl")),
    ox.Triple(n("plain"), n("n"), ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))),
    ox.Triple(n("plain"), n("n"), ox.Literal("042", datatype=ox.NamedNode(XSD + "integer"))),
    ox.Triple(n("plain"), n("d"), ox.Literal("1.50", datatype=ox.NamedNode(XSD + "decimal"))),
    ox.Triple(n("plain"), n("b"), ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))),
    ox.Triple(n("plain"), n("t"), ox.Literal("2024-01-01", datatype=ox.NamedNode(XSD + "date"))),
    ox.Triple(n("plain"), n("s"), ox.Literal("Fryslân")),
    ox.Triple(n("plain"), n("bn"), ox.BlankNode("b0")),
    ox.Triple(ox.BlankNode("b0"), n("p"), n("ü")),  # non-ASCII local name: a full IRI
]


def parsed(data: bytes, fmt: ox.RdfFormat) -> set:
    return {(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt)}


def test_turtle_gives_the_same_triples_back() -> None:
    out = turtle(TRICKY, PREFIX_MAP)
    assert parsed(out, ox.RdfFormat.TURTLE) == {(t.subject, t.predicate, t.object) for t in TRICKY}


def test_turtle_escapes_no_local_name_and_declares_only_what_it_uses() -> None:
    out = turtle(TRICKY, PREFIX_MAP).decode()
    assert "\\/" not in out and "\\." not in out and "\\(" not in out
    assert "<http://example.org/gemeente/gm0363>" in out
    assert "ex:plain" in out
    declared = set(re.findall(r"@prefix (\w+):", out))
    assert declared == {"ex", "xsd"}  # xsd for the date; "unused" never
    # Numbers go bare (Turtle keeps a bare number's lexical form, 042 included).
    assert "ex:n 42 , 042 ;" in out


def test_trig_keeps_graph_names() -> None:
    quads = [ox.Quad(t.subject, t.predicate, t.object, n("g/one")) for t in TRICKY[:3]]
    quads.append(ox.Quad(n("x"), n("p"), n("y")))  # the default graph
    out = trig(quads, PREFIX_MAP)
    assert set(ox.parse(out, format=ox.RdfFormat.TRIG)) == set(quads)
    assert b"\\/" not in out


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with TestClient(sample_app(tmp_path_factory.mktemp("turtle") / "store")) as c:
        yield c


@pytest.mark.parametrize(
    "path",
    [
        "/id/gemeente/gm0363.ttl",
        "/def.ttl",
        "/.well-known/void?format=ttl",
        "/sparql?query=CONSTRUCT%7B%3Fs%20%3Fp%20%3Fo%7DWHERE%7B%3Fs%20%3Fp%20%3Fo%7D",
    ],
)
def test_served_turtle_is_clean(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"accept": "text/turtle"})
    assert response.status_code == 200
    text = response.text
    assert "\\/" not in text
    for prefix in re.findall(r"@prefix (\w*):", text):
        body = text.split("\n\n", 1)[1]
        assert re.search(rf"(?<![\w<\"]){prefix}:", body), f"{prefix}: declared but unused"
    ox.parse(response.content, format=ox.RdfFormat.TURTLE)  # and it is Turtle


def test_the_trig_dump_is_the_whole_dataset(client: TestClient) -> None:
    dump = client.get("/dump.trig").content
    nquads = client.get("/dump.nq").content
    assert b"\\/" not in dump
    assert set(ox.parse(dump, format=ox.RdfFormat.TRIG)) == set(
        ox.parse(nquads, format=ox.RdfFormat.N_QUADS)
    )
    assert PREFIXES  # the project's prefixes are what it abbreviates with


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/id/gemeente/GM0363", "/id/gemeente/gm0363"),
        ("/id/gemeente/GM0363.ttl", "/id/gemeente/gm0363.ttl"),
        ("/id/gemeente/Gm0363", "/id/gemeente/gm0363"),
        ("/id/provincie/PV27", "/id/provincie/pv27"),
        ("/id/netwerk/G4", "/id/netwerk/g4"),
    ],
)
def test_an_upper_case_code_is_sent_to_the_canonical_uri(
    client: TestClient, path: str, target: str
) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == target
    assert client.get(target).status_code == 200


def test_an_unknown_code_stays_unknown_in_any_case(client: TestClient) -> None:
    assert client.get("/id/gemeente/GM9999", follow_redirects=False).status_code == 404
    assert client.get("/id/gemeente/gm0363", follow_redirects=False).status_code == 200


def _abbreviated(text: str) -> set[str]:
    body = text.split("\n\n", 1)[-1]
    return set(
        re.findall(
            r"(?<![\w<\"])([A-Za-z][\w-]*:[A-Za-z0-9_][\w.-]*[\w-]|[A-Za-z][\w-]*:[\w])(?![\w:/])",
            body,
        )
    )


PLAIN = [t for t in TRICKY if "gemeente/" not in str(t.subject) and t.subject != ox.BlankNode("b0")]


@pytest.mark.parametrize("triples", [PLAIN, TRICKY], ids=["one kind per namespace", "mixed"])
def test_turtle_by_the_engine_says_what_the_hand_writer_says(triples: list[ox.Triple]) -> None:
    # Where each namespace's IRIs are all plain, pyoxigraph writes (fast); where one
    # namespace holds both kinds, the writer here decides IRI by IRI. Either way the
    # triples, the declared prefixes and the abbreviated IRIs are the hand writer's.
    fast = turtle(triples, PREFIX_MAP).decode()
    by_hand = turtle_by_hand(triples, PREFIX_MAP).decode()
    assert parsed(fast.encode(), ox.RdfFormat.TURTLE) == parsed(
        by_hand.encode(), ox.RdfFormat.TURTLE
    )
    assert set(re.findall(r"@prefix (\w+):", fast)) == set(re.findall(r"@prefix (\w+):", by_hand))
    assert _abbreviated(fast) == _abbreviated(by_hand)
    assert "\\" not in fast.replace('\\"', "").replace("\\n", "")


def test_readable_prefixes_refuses_a_namespace_of_both_kinds() -> None:
    assert readable_prefixes(PLAIN, PREFIX_MAP) == {"ex": EX, "xsd": XSD}
    assert readable_prefixes(TRICKY, PREFIX_MAP) is None
    star = ox.Triple(n("a"), n("p"), ox.Triple(n("b"), n("q"), n("c")))
    assert readable_prefixes([star], PREFIX_MAP) is None


def test_readable_prefixes_agree_once_the_iris_are_remembered_and_past_the_memory() -> None:
    index = turtle_module._namespace_index(tuple({ns: p for p, ns in PREFIX_MAP.items()}))
    first = readable_prefixes(PLAIN, PREFIX_MAP), readable_prefixes(TRICKY, PREFIX_MAP)
    assert readable_prefixes(PLAIN, PREFIX_MAP) == first[0]
    assert readable_prefixes(TRICKY, PREFIX_MAP) == first[1]
    saved = index.LIMIT
    index._placed.clear()
    index.LIMIT = 0  # nothing remembered: every IRI placed afresh
    try:
        assert (
            readable_prefixes(PLAIN, PREFIX_MAP),
            readable_prefixes(TRICKY, PREFIX_MAP),
        ) == first
        assert not index._placed
    finally:
        index.LIMIT = saved
