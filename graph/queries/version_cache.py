"""Rows of the project's own queries, kept per read view copy.

A read view's copy of the data never changes (GraphStore.frozen): the next
version is a new copy. So a query file bound to the same values gives the same
rows for as long as the copy lives, and the pages that share a store-wide query
(every theme with its municipality count, the municipality records, labels)
run it once per version instead of once per page; and the municipality's HTML page,
its JSON and its Turtle share the rows they all read. Each copy keeps at most
ROWS_KEPT answers holding CELLS_KEPT values in all (least recently used go first),
and they go with the copy. A store that can change (the durable store, a store
server) is always asked.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from gemeentegraaf.store.base import GraphStore

# Answers kept per copy. With the bundled data, every page of every municipality and
# theme in its three formats reads some 4,500 answers of 83,000 values in all (some
# 10 MB): all of them fit, so that a page's first rendering in one format finds what
# the other formats read (a JSON municipality's took 9 ms alone, 4 ms after the HTML
# page's). Past the values bound (larger data), the least recently used go first.
ROWS_KEPT = 16_384
CELLS_KEPT = 500_000

Rows = list[dict[str, Any]]


class _Kept:
    def __init__(self) -> None:
        self.rows: OrderedDict[Hashable, Rows] = OrderedDict()
        self.cells: dict[Hashable, int] = {}
        self.total_cells = 0
        self.lock = threading.Lock()

    def add(self, key: Hashable, found: Rows) -> None:
        if key in self.rows:
            return  # another thread ran the same query meanwhile
        cells = 1 + sum(len(row) for row in found)
        self.rows[key] = found
        self.cells[key] = cells
        self.total_cells += cells
        while len(self.rows) > 1 and (len(self.rows) > ROWS_KEPT or self.total_cells > CELLS_KEPT):
            old, _ = self.rows.popitem(last=False)
            self.total_cells -= self.cells.pop(old)


_KEPT: weakref.WeakKeyDictionary[GraphStore, _Kept] = weakref.WeakKeyDictionary()
_KEPT_LOCK = threading.Lock()


def rows(store: GraphStore, key: Hashable, run: Callable[[], Rows]) -> Rows:
    """`run()`'s rows, from this copy's keep when it has them; a fresh list of fresh
    row dicts each time, so that a caller may change what it gets."""
    if not store.frozen:
        return run()
    with _KEPT_LOCK:
        kept = _KEPT.get(store)
        if kept is None:
            kept = _KEPT[store] = _Kept()
    with kept.lock:
        found = kept.rows.get(key)
        if found is not None:
            kept.rows.move_to_end(key)
    if found is None:
        # Two threads may run the same query at once; both get the same rows.
        found = run()
        with kept.lock:
            kept.add(key, found)
    return [dict(row) for row in found]


def value_key(value: object) -> Hashable:
    """A query parameter's value as part of a key (lists become tuples)."""
    if isinstance(value, list | tuple):
        return tuple(value_key(v) for v in value)
    return value  # URIRef, Literal, ANY: hashable


def forget(store: GraphStore) -> None:
    """Drop every answer kept for `store` (for tests and benchmarks that count what a
    request reads)."""
    with _KEPT_LOCK:
        _KEPT.pop(store, None)
