"""`gemeentegraaf restore`: list the versions kept before writes, and bring one back.

`gemeentegraaf restore --list` shows them (newest last); `gemeentegraaf restore
VERSION` puts back every graph the version kept, `--graph G` (repeatable) only
those. The restore is validated and itself kept as a version, so it can be undone
with the version it names. The service must not have the store open for writing
(an embedded store has one writer); stop it first.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from gemeentegraaf.cli.store_args import open_args_store, store_path
from gemeentegraaf.pipeline.restore import restore
from gemeentegraaf.store.base import DEFAULT_GRAPH
from gemeentegraaf.store.versions import Version, VersionArchive, versions_folder


def _label(graph: str) -> str:
    return "(default graph)" if graph == DEFAULT_GRAPH else graph


def _describe(version: Version) -> list[str]:
    lines = [f"{version.id}  {version.operation}"]
    detail = f"    {version.time.isoformat()}  by {version.who or 'unknown'}"
    if version.key:
        detail += f"  Idempotency-Key {version.key}"
    lines.append(detail)
    for record in version.graphs:
        state = f"{record.triples} triples" if record.existed else "did not exist"
        lines.append(f"    {_label(record.graph)}: {state} (the write removed {record.removed})")
    return lines


def cmd_restore(args: argparse.Namespace) -> int:
    folder = args.versions or versions_folder(store_path(args))
    archive = VersionArchive(folder, keep=None, max_age_days=None)
    if args.list or not args.version:
        versions = archive.list()
        if not versions:
            print(f"no versions in {folder}")
            return 0
        for version in versions:
            print("\n".join(_describe(version)))
        if not args.list:
            print("\nrestore one with: gemeentegraaf restore VERSION [--graph G]")
        return 0
    graphs = ["" if g == "default" else g for g in args.graph or []]
    store = open_args_store(args, read_only=False)
    try:
        result = restore(store, archive, args.version, graphs=graphs or None)
    finally:
        store.close()
    if not result.changes:
        print(f"nothing to do: the graphs already hold what version {args.version} kept")
        return 0
    print(f"restored version {result.version.id}:")
    for change in result.changes:
        print(
            f"  {_label(change.graph)}: {change.before} -> {change.after} triples "
            f"(-{change.removed} +{change.added})"
        )
    if result.kept:
        print(f"what it replaced is kept as version {result.kept} (restore that to undo)")
    return 0


def register_cli(sub: Any, store_arg: Any) -> None:
    p = sub.add_parser(
        "restore",
        help="list the versions kept before writes that removed data, and bring one back",
        description="Versions are kept beside the store (<store>.versions) before every "
        "SPARQL Update or Graph Store write that removes anything. Without VERSION: list them.",
    )
    store_arg(p)
    p.add_argument("version", nargs="?", metavar="VERSION", help="the version to bring back")
    p.add_argument("--list", action="store_true", help="list the versions (the default)")
    p.add_argument(
        "--graph",
        action="append",
        metavar="IRI",
        help="restore only this graph (repeatable; 'default' for the default graph)",
    )
    p.add_argument(
        "--versions",
        type=Path,
        metavar="DIR",
        help="the versions folder (default: beside the store, <store>.versions)",
    )
    p.set_defaults(func=cmd_restore)
