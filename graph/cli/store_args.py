"""Which store a command uses: --store PATH (a directory) or --store-url URL (a SPARQL server)."""

from __future__ import annotations

import argparse
from pathlib import Path

from gemeentegraaf.store.base import GraphStore
from gemeentegraaf.store.location import connect
from gemeentegraaf.store.oxigraph import default_store_path
from gemeentegraaf.store.remote import default_store_url


def store_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        type=Path,
        default=None,
        help=f"store directory (default: $GEMEENTEGRAAF_STORE or ./{default_store_path()}); "
        "with --store-url, where ingested reports are kept",
    )
    parser.add_argument(
        "--store-url",
        default=None,
        metavar="URL",
        help="use a SPARQL 1.1 server as the store instead of a directory: an Oxigraph "
        "server's base URL (http://host:7878) or a Virtuoso /sparql endpoint "
        "(default: $GEMEENTEGRAAF_STORE_URL)",
    )


def store_path(args: argparse.Namespace) -> Path:
    return args.store or default_store_path()


def store_url(args: argparse.Namespace) -> str | None:
    """The server to use: --store-url, else $GEMEENTEGRAAF_STORE_URL unless --store is given."""
    url = getattr(args, "store_url", None)
    if url is None and getattr(args, "store", None) is None:
        url = default_store_url()
    return url


def open_args_store(args: argparse.Namespace, *, read_only: bool = True) -> GraphStore:
    """The store the command line names (a server or a directory)."""
    return connect(store_path(args), store_url(args), read_only=read_only)
