"""Removing a document a user ingested: its graph (facts and evidence), its kept text, its
ingest state, and what the store derives from every document.

`remove_document(store, key)` refuses a key of the bundled corpus (a build makes those
from data/corpus) and a key nothing was ingested under, before it changes anything. Else,
in an order that a stop at any point leaves resumable (the same command again finishes):

1. the ingest state says the derived graphs are stale (an ingest stopped later derives
   them, as after an ingest: gemeentegraaf.pipeline.bulk);
2. the document's named graph is dropped in one update (readers see it or not);
3. its text and catalogue row leave `<store>-corpus/`, so that no rebuild brings it back;
4. its ingest state entry goes (ingesting the file again adds it as new);
5. the similar municipalities and the search terms are derived again from what is left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import GRAPH, document_graph, slug
from gemeentegraaf.pipeline.build import derive_again
from gemeentegraaf.pipeline.bulk import IngestState, state_path
from gemeentegraaf.sources import user_corpus
from gemeentegraaf.sources.catalogue import corpus_records
from gemeentegraaf.store.base import GraphStore
from gemeentegraaf.store.location import connect


class RemoveError(UserError):
    """The document cannot be removed; nothing was changed."""


@dataclass
class Removed:
    key: str
    graph: str
    triples: int  # in the graph dropped (0: it was not in the store)
    title: str = ""


def ingested_keys(store_path: Path, store: GraphStore) -> list[str]:
    """Keys of the documents ingested into this store: kept beside it, in its ingest
    state, or with a document graph the bundled corpus does not make."""
    bundled = {r.key for r in corpus_records()}
    keys = {r.key for r in user_corpus.records(store_path)}
    keys |= set(IngestState(state_path(store_path)).entries)
    prefix = str(GRAPH["document/"])
    keys |= {g[len(prefix) :] for g in store.graphs() if g.startswith(prefix)}
    return sorted(keys - bundled)


def remove_document(
    store_path: Path,
    key: str,
    *,
    store_url: str | None = None,
    on_derive: Callable[[], None] | None = None,
) -> Removed:
    """Remove the ingested document `key` (see the module); RemoveError when it cannot be."""
    if not key.strip():
        raise RemoveError("give the key of a document you ingested (ingest names it: added KEY)")
    if any(r.key == key for r in corpus_records()):
        raise RemoveError(
            f"{key} is a document of the bundled corpus (data/corpus); a build makes it "
            "again, so it cannot be removed; only documents you ingested can"
        )
    if store_url is None and not (store_path / "CURRENT").is_file():
        raise RemoveError(f"no store at {store_path}: run `gemeentegraaf build` first")
    store = connect(store_path, store_url)
    try:
        known = ingested_keys(store_path, store)
        if key not in known:
            raise RemoveError(_unknown(key, known))
        graph = str(document_graph(key))
        rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        triples = int(rows[0]["n"]) if rows else 0
        title = next((r.title for r in user_corpus.records(store_path) if r.key == key), "")
        state = IngestState(state_path(store_path))
        state.derivations_stale = True
        state.save()
        store.update(f"DROP SILENT GRAPH <{graph}>")
        flush = getattr(store, "flush", None)
        if flush is not None:
            flush()
        user_corpus.remove(store_path, key)
        state.entries.pop(key, None)
        state.save()
        if on_derive is not None:
            on_derive()
        derive_again(store)
        state.derivations_stale = False
        state.save()
        return Removed(key, graph, triples, title)
    finally:
        store.close()


def _unknown(key: str, known: list[str]) -> str:
    hint = ""
    guess = slug(Path(key).stem)
    if guess != key and guess in known:
        hint = f" (the key of {key} is {guess})"
    listed = ", ".join(known[:20]) + (f" and {len(known) - 20} more" if len(known) > 20 else "")
    ingested = f"ingested: {listed}" if known else "nothing was ingested into this store"
    return f"no ingested document {key}{hint}; {ingested}"
