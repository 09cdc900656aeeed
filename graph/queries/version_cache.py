"""Rows of the project's own queries, kept per read view copy.

A read view's copy of the data never changes (GraphStore.frozen): the next
version is a new copy. So a query file bound to the same values gives the same
rows for as long as the copy lives, and the pages that share a store-wide query
(every theme with its municipality count, the municipality records, labels)
run it once per version instead of once per page. Each copy keeps at most
ROWS_KEPT answers (least recently used go first), and they go with the copy.
A store that can change (the durable store, a store server) is always asked.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from gemeentegraaf.store.base import GraphStore

# Answers kept per copy: enough for the store-wide queries and the recent pages'.
ROWS_KEPT = 512

Rows = list[dict[str, Any]]


class _Kept:
    def __init__(self) -> None:
        self.rows: OrderedDict[Hashable, Rows] = OrderedDict()
        self.lock = threading.Lock()


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
            kept.rows[key] = found
            while len(kept.rows) > ROWS_KEPT:
                kept.rows.popitem(last=False)
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
