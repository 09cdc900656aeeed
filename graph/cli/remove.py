"""`gemeentegraaf remove KEY`: take a document you ingested out of the store again.

Its facts and their evidence go with its graph, its kept text leaves `<store>-corpus/`,
and the similar municipalities and search terms are derived again, as after an ingest
(gemeentegraaf.pipeline.remove). A document of the bundled corpus, or a key nothing was
ingested under, is refused in one line and nothing changes.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from gemeentegraaf.cli.store_args import store_path, store_url
from gemeentegraaf.common.wording import counted
from gemeentegraaf.pipeline.remove import remove_document


def register_cli(sub: Any, store_arg: Any) -> None:
    """Add `remove` to the `gemeentegraaf` command line."""
    p = sub.add_parser(
        "remove",
        help="remove a document you ingested (its facts and evidence) from the store",
        description="Remove a document ingested with `gemeentegraaf ingest`: its graph with "
        "its facts and their evidence, its text kept beside the store, its ingest state; "
        "then derive the similar municipalities and search terms again. Documents of the "
        "bundled corpus cannot be removed.",
    )
    store_arg(p)
    p.add_argument("key", metavar="KEY", help="the document's key (ingest names it: 'added KEY')")
    p.add_argument("--quiet", action="store_true", help="no line while deriving")
    p.set_defaults(func=cmd_remove)


def cmd_remove(args: argparse.Namespace) -> int:
    began = time.monotonic()

    def deriving() -> None:
        if not args.quiet:
            print("deriving the similar municipalities and search terms again", file=sys.stderr)

    removed = remove_document(
        store_path(args), args.key, store_url=store_url(args), on_derive=deriving
    )
    title = f" ({removed.title})" if removed.title else ""
    print(
        f"removed {removed.key}{title}: {counted(removed.triples, 'triple')} "
        f"in <{removed.graph}>, in {time.monotonic() - began:.0f} s"
    )
    return 0
