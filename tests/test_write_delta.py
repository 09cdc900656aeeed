"""The delta a write commits: one update of ground data that turns the old state into the new.

Each case runs an update on a copy of a store, computes the delta, applies the
delta's update to another copy and checks that the two copies hold the same
dataset (up to blank node names: the quads are compared as an rdflib graph of
statement nodes, so blank nodes shared across graphs count too).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from gemeentegraaf.store.base import QueryRejected
from gemeentegraaf.store.delta import compute
from gemeentegraaf.store.oxigraph import OxigraphStore
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic

EX = "http://example.org/"
START = f"""
<{EX}a> <{EX}p> "1" .
<{EX}a> <{EX}p> "2" <{EX}g1> .
<{EX}b> <{EX}p> <{EX}c> <{EX}g1> .
_:x <{EX}p> "blank" <{EX}g2> .
_:x <{EX}q> <{EX}a> <{EX}g2> .
_:shared <{EX}p> "in g3" <{EX}g3> .
_:shared <{EX}p> "in g4" <{EX}g4> .
<{EX}untouched> <{EX}p> _:own <{EX}g5> .
"""


def _start() -> ox.Store:
    store = ox.Store()
    store.load(START.encode(), format=ox.RdfFormat.N_QUADS)
    store.add_graph(ox.NamedNode(f"{EX}empty"))
    return store


def _copy(store: ox.Store) -> ox.Store:
    copy = ox.Store()
    copy.extend(store.quads_for_pattern(None, None, None, None))
    for graph in store.named_graphs():
        copy.add_graph(graph)
    return copy


def _as_graph(store: ox.Store) -> Graph:
    """The dataset as statement nodes, so that isomorphism covers graph names and blank nodes."""
    g = Graph()
    nodes: dict[str, BNode] = {}

    def term(t: object) -> object:
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return nodes.setdefault(t.value, BNode())
        if isinstance(t, ox.Literal):
            return Literal(
                t.value, lang=t.language, datatype=None if t.language else t.datatype.value
            )
        return URIRef(f"{EX}default-graph")

    for quad in store.quads_for_pattern(None, None, None, None):
        st = BNode()
        g.add((st, URIRef(f"{EX}s"), term(quad.subject)))
        g.add((st, URIRef(f"{EX}p"), term(quad.predicate)))
        g.add((st, URIRef(f"{EX}o"), term(quad.object)))
        g.add((st, URIRef(f"{EX}g"), term(quad.graph_name)))
    for graph in store.named_graphs():
        g.add((URIRef(graph.value), URIRef(f"{EX}exists"), Literal(True)))
    return g


CASES = {
    "insert ground": f"INSERT DATA {{ GRAPH <{EX}g1> {{ <{EX}n> <{EX}p> 3 }} }}",
    "delete ground": f"DELETE DATA {{ GRAPH <{EX}g1> {{ <{EX}a> <{EX}p> '2' }} }}",
    "default graph": f"DELETE DATA {{ <{EX}a> <{EX}p> '1' }} ; INSERT DATA {{ <{EX}d> <{EX}p> 4 }}",
    "create empty": f"CREATE GRAPH <{EX}new>",
    "drop empty": f"DROP GRAPH <{EX}empty>",
    "drop": f"DROP GRAPH <{EX}g1>",
    "clear all": "CLEAR ALL",
    "drop all": "DROP ALL",
    "move": f"MOVE <{EX}g1> TO <{EX}g6>",
    "insert blank": f"INSERT DATA {{ GRAPH <{EX}g1> {{ _:n <{EX}p> <{EX}a> }} }}",
    "delete blank": f"DELETE WHERE {{ GRAPH <{EX}g2> {{ ?x <{EX}p> 'blank' }} }}",
    "link to a blank node": (
        f"INSERT {{ GRAPH <{EX}g2> {{ ?x <{EX}r> 5 }} }} WHERE {{ GRAPH <{EX}g2> {{ ?x <{EX}q> ?a }} }}"
    ),
    "blank node shared across graphs": (
        f"INSERT {{ GRAPH <{EX}g3> {{ ?x <{EX}r> 6 }} }} WHERE {{ GRAPH <{EX}g3> {{ ?x <{EX}p> ?v }} }}"
    ),
    "copy a blank node into another graph": (
        f"INSERT {{ GRAPH <{EX}g7> {{ ?x <{EX}copied> true }} }} "
        f"WHERE {{ GRAPH <{EX}g2> {{ ?x <{EX}q> ?a }} }}"
    ),
    "no change": f"DELETE DATA {{ GRAPH <{EX}g1> {{ <{EX}none> <{EX}p> 1 }} }}",
}


@pytest.mark.parametrize("update", CASES.values(), ids=list(CASES))
def test_the_delta_reproduces_the_update(update: str) -> None:
    before = _start()
    after = _copy(before)
    after.update(update)
    delta = compute(before, after)
    target = _copy(before)
    if delta.update:
        target.update(delta.update)
    assert isomorphic(_as_graph(target), _as_graph(after)), delta.update
    assert {g.value for g in target.named_graphs()} == {g.value for g in after.named_graphs()}
    # The commit evaluates nothing: only ground data and graph management.
    assert "WHERE" not in delta.update


def test_the_delta_reports_what_each_graph_loses() -> None:
    before = _start()
    after = _copy(before)
    after.update(f"DROP GRAPH <{EX}g1> ; INSERT DATA {{ GRAPH <{EX}g5> {{ <{EX}n> <{EX}p> 1 }} }}")
    delta = compute(before, after)
    changes = {c.graph: c for c in delta.changes}
    assert set(changes) == {f"{EX}g1", f"{EX}g5"}
    assert changes[f"{EX}g1"].destructive and not changes[f"{EX}g1"].exists
    assert changes[f"{EX}g1"].before == 2 and changes[f"{EX}g1"].removed == 2
    assert not changes[f"{EX}g5"].destructive and changes[f"{EX}g5"].added == 1
    assert [c.graph for c in delta.destructive] == [f"{EX}g1"]


def test_a_graph_sharing_a_blank_node_is_rewritten_with_it() -> None:
    before = _start()
    after = _copy(before)
    after.update(CASES["blank node shared across graphs"])
    delta = compute(before, after)
    assert delta.graphs == [f"{EX}g3"]
    assert delta.rewritten == [f"{EX}g4"]
    assert delta.touched == [f"{EX}g3", f"{EX}g4"]


def test_an_update_that_fails_halfway_changes_nothing(tmp_path) -> None:
    """pyoxigraph runs one update request as one transaction: the delta relies on it."""
    store = OxigraphStore(tmp_path / "store")
    store.load(START.encode(), "nq")
    before = _as_graph(store._store)
    with pytest.raises(QueryRejected):
        # The last operation fails (the graph exists) after the first ones ran.
        store.update(
            f"DELETE DATA {{ GRAPH <{EX}g1> {{ <{EX}a> <{EX}p> '2' }} }} ; "
            f"INSERT DATA {{ GRAPH <{EX}g9> {{ <{EX}n> <{EX}p> 1 }} }} ; "
            f"CREATE GRAPH <{EX}g1>"
        )
    assert isomorphic(_as_graph(store._store), before)
    store.close()


def test_a_delta_applied_to_another_state_fails_whole() -> None:
    before = _start()
    after = _copy(before)
    # A new graph (made first in the delta) and a graph dropped (a precondition).
    after.update(f"INSERT DATA {{ GRAPH <{EX}a0> {{ <{EX}n> <{EX}p> 1 }} }} ; DROP GRAPH <{EX}g1>")
    delta = compute(before, after)
    moved_on = _copy(before)
    moved_on.update(f"DROP GRAPH <{EX}g1>")  # changed since the delta was computed
    expected = _as_graph(moved_on)
    with pytest.raises(RuntimeError):
        moved_on.update(delta.update)
    assert isomorphic(_as_graph(moved_on), expected)


def test_a_graph_the_copy_lacks_but_the_store_holds_empty_is_written_to() -> None:
    """The service's copies are N-Quads, which cannot hold an empty named graph."""
    before = _start()
    after = _copy(before)
    after.update(f"INSERT DATA {{ GRAPH <{EX}g9> {{ <{EX}n> <{EX}p> 1 }} }}")
    delta = compute(before, after)
    store = _copy(before)
    store.update(f"CREATE GRAPH <{EX}g9>")  # there, but empty: no copy shows it
    store.update(delta.update)
    assert isomorphic(_as_graph(store), _as_graph(after))


def test_graphs_listed_in_another_order_are_not_changed() -> None:
    # An in-memory copy may list a graph's quads in another order than the original:
    # only the graph the update changed is in the delta, not every graph.
    before = ox.Store()
    many = [
        ox.Quad(ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(f"{EX}p"), ox.Literal(str(i)), graph)
        for graph in (ox.NamedNode(f"{EX}big1"), ox.NamedNode(f"{EX}big2"))
        for i in range(500)
    ]
    before.extend(many)
    after = ox.Store()
    after.extend(reversed(many))
    after.update(f"INSERT DATA {{ GRAPH <{EX}big2> {{ <{EX}new> <{EX}p> 1 }} }}")
    delta = compute(before, after)
    assert delta.graphs == [f"{EX}big2"]
    [change] = delta.changes
    assert (change.removed, change.added) == (0, 1)
    # And with nothing changed, nothing at all, whatever the order.
    assert compute(before, _reversed_copy(before)).graphs == []


def _reversed_copy(store: ox.Store) -> ox.Store:
    copy = ox.Store()
    copy.extend(reversed(list(store.quads_for_pattern(None, None, None, None))))
    return copy
