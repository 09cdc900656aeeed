"""Which store a command or the service uses: a directory (embedded) or a URL (a server)."""

from __future__ import annotations

from pathlib import Path

from gemeentegraaf.store.base import GraphStore
from gemeentegraaf.store.oxigraph import default_store_path, open_store
from gemeentegraaf.store.remote import RemoteStore, default_store_url


def connect(
    path: Path | None = None, url: str | None = None, *, read_only: bool = False
) -> GraphStore:
    """The store at `url` (a SPARQL server) if given, else the embedded store at `path`.

    Without either: $GEMEENTEGRAAF_STORE_URL, else $GEMEENTEGRAAF_STORE or the default directory.
    """
    if url is None and path is None:
        url = default_store_url()
    if url is not None:
        return RemoteStore(url)
    return open_store(path or default_store_path(), read_only=read_only)
