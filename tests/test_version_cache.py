"""Query rows kept per read view copy: only for a frozen store, as copies, bounded."""

from __future__ import annotations

import gc
import weakref

from gemeentegraaf.queries import read_model, version_cache
from gemeentegraaf.store.oxigraph import OxigraphStore
from rdflib import Literal, URIRef

EX = "http://example.org/"


def _store(frozen: bool) -> OxigraphStore:
    store = OxigraphStore(None)
    store.update(f'INSERT DATA {{ <{EX}a> <http://www.w3.org/2000/01/rdf-schema#label> "A" }}')
    store.frozen = frozen
    return store


def test_a_frozen_copy_runs_a_query_once_and_hands_out_copies() -> None:
    store = _store(frozen=True)
    runs = []

    def run() -> list[dict]:
        runs.append(1)
        return [{"x": 1}]

    first = version_cache.rows(store, ("q", ()), run)
    first[0]["x"] = 99  # a caller changing its rows changes nobody else's
    first.append({"x": 2})
    assert version_cache.rows(store, ("q", ()), run) == [{"x": 1}]
    assert len(runs) == 1
    assert version_cache.rows(store, ("other", ()), run) == [{"x": 1}] and len(runs) == 2


def test_a_store_that_can_change_is_always_asked() -> None:
    store = _store(frozen=False)
    assert read_model.labels(store, [EX + "a"]) == {EX + "a": "A"}
    store.update(
        f'DELETE DATA {{ <{EX}a> <http://www.w3.org/2000/01/rdf-schema#label> "A" }} ; '
        f'INSERT DATA {{ <{EX}a> <http://www.w3.org/2000/01/rdf-schema#label> "B" }}'
    )
    assert read_model.labels(store, [EX + "a"]) == {EX + "a": "B"}


def test_the_keep_is_bounded_and_goes_with_the_copy(monkeypatch) -> None:
    monkeypatch.setattr(version_cache, "ROWS_KEPT", 3)
    store = _store(frozen=True)
    for n in range(10):
        version_cache.rows(store, ("q", (n,)), lambda n=n: [{"n": n}])
    assert len(version_cache._KEPT[store].rows) == 3
    # (the keep holds no strong reference: the copy goes, and its answers with it; counting
    # the whole keep before and after failed when other tests' stores went in the same
    # collection)
    copy = weakref.ref(store)
    kept = weakref.ref(version_cache._KEPT[store])
    del store
    gc.collect()
    assert copy() is None
    assert kept() is None


def test_parameter_values_make_the_key() -> None:
    key = version_cache.value_key([URIRef(EX + "a"), [Literal("x")]])
    assert key == (URIRef(EX + "a"), (Literal("x"),))
    hash(key)


def test_the_keep_is_bounded_by_the_values_it_holds(monkeypatch) -> None:
    monkeypatch.setattr(version_cache, "CELLS_KEPT", 25)
    store = _store(frozen=True)
    for n in range(10):  # answers of four rows of two values: 9 cells each
        version_cache.rows(store, ("q", (n,)), lambda n=n: [{"n": n, "m": 0}] * 4)
    kept = version_cache._KEPT[store]
    assert list(kept.rows) == [("q", (8,)), ("q", (9,))]  # the least recently used went
    assert kept.total_cells == 18
    # an answer larger than the bound is still kept alone, for as long as nothing follows
    version_cache.rows(store, ("big", ()), lambda: [{"n": n} for n in range(40)])
    assert list(kept.rows) == [("big", ())] and kept.total_cells == 41
