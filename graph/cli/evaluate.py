"""`gemeentegraaf evaluate`: the store against hand-checked gold facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gemeentegraaf.cli.errors import CliError
from gemeentegraaf.cli.store_args import open_args_store
from gemeentegraaf.evaluate import (
    GoldFormatError,
    evaluate,
    evaluate_as_new,
    format_by_document,
    held_by_document,
    load_gold,
)


def register_cli(sub: Any, store_arg: Any) -> None:
    """Add `evaluate` to the `gemeentegraaf` command line."""
    p = sub.add_parser(
        "evaluate",
        help="compare the graph with hand-checked gold facts",
        description="Print, per kind, how many gold facts the graph holds, and list the misses.",
    )
    store_arg(p)
    p.add_argument("--gold", type=Path, required=True, help="gold facts, JSON Lines")
    p.add_argument(
        "--as-new",
        action="store_true",
        help="ingest each report the gold names as a new document (new key and title, into a "
        "temporary store, as `ingest` reads a user's report) and evaluate the copies; "
        "--store is not used",
    )
    p.add_argument(
        "--jobs", type=int, default=None, help="worker processes for --as-new (default: cores)"
    )
    p.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="corpus directory with its corpus.csv, like data/corpus (default: bundled)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--min-recall",
        type=float,
        default=0.0,
        help="exit with status 1 when a kind's recall is below this (a negative fact "
        "asserted always does)",
    )
    p.set_defaults(func=_cmd_evaluate)


def _cmd_evaluate(args: Any) -> int:
    if args.as_new:
        try:
            report, copies = evaluate_as_new(args.gold, corpus_dir=args.corpus, workers=args.jobs)
        except GoldFormatError as exc:
            raise CliError(str(exc)) from exc
        if args.json:
            print(report.to_json())
        else:
            for copy in copies:
                print(f"{copy.original} ingested as {copy.key} ({copy.title})")
            print()
            print(format_by_document(held_by_document(load_gold(args.gold), report)))
            print()
            print(report.format())
        return 0 if report.meets(args.min_recall) else 1
    store = open_args_store(args)
    try:
        report = evaluate(store, args.gold, corpus_dir=args.corpus)
    except GoldFormatError as exc:
        raise CliError(str(exc)) from exc
    finally:
        store.close()
    print(report.to_json() if args.json else report.format())
    return 0 if report.meets(args.min_recall) else 1
