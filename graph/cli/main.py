"""The `gemeentegraaf` command line: build, validate, query, export, ingest, evaluate, serve."""

from __future__ import annotations

import argparse
import copy
import json
import logging
import os
import resource
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from gemeentegraaf.cli.analysis import add_commands
from gemeentegraaf.cli.errors import CliError
from gemeentegraaf.cli.evaluate import register_cli as add_evaluate
from gemeentegraaf.cli.glossary import register_cli as add_glossary
from gemeentegraaf.cli.ingest import register_cli as add_ingest
from gemeentegraaf.cli.remove import register_cli as add_remove
from gemeentegraaf.cli.restore import register_cli as add_restore
from gemeentegraaf.cli.store_args import open_args_store, store_arg, store_path, store_url
from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.wording import counted
from gemeentegraaf.pipeline.build import build, progress_steps
from gemeentegraaf.pipeline.publish import publish
from gemeentegraaf.queries.lookups import LookupFailed
from gemeentegraaf.service import results
from gemeentegraaf.service.api.routes import municipality_challenges
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.head_guard import HeadGuard
from gemeentegraaf.service.negotiation import SPARQL_CSV, SPARQL_JSON
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.store.base import Boolean, QueryRejected, Triples
from gemeentegraaf.store.remote import RemoteStore
from gemeentegraaf.store.sparql_text import inspect_query
from gemeentegraaf.validate import validate

EXIT_USAGE = 2


# ---------------------------------------------------------------- build


def cmd_build(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    target = store_path(args)
    # A terminal gets a bar; a log (stderr not a terminal) a line per step, not a bar's
    # carriage returns run together on one line. --quiet: neither.
    lines = not args.quiet and not sys.stderr.isatty()
    steps_bar = tqdm(
        desc="build",
        unit="step",
        total=len(progress_steps()),
        disable=args.quiet or lines,
        file=sys.stderr,
    )
    began = time.monotonic()

    def progress(step: str) -> None:
        if lines:
            seconds = time.monotonic() - began
            print(f"build: {step} (starting at {seconds:.0f} s)", file=sys.stderr, flush=True)
        steps_bar.set_postfix_str(step)
        steps_bar.update(1)

    url = store_url(args)
    if url is not None:
        store = RemoteStore(url)
        try:
            result = publish(store, corpus_store=target, progress=progress)
        finally:
            store.close()
        where = url
    else:
        result = build(target, progress=progress)
        where = str(target)
    steps_bar.close()
    total = sum(result.graphs.values())
    print(
        f"built {where} in {result.seconds:.1f} s: {total} triples in {len(result.graphs)} graphs"
    )
    for uri, n in sorted(result.graphs.items()):
        print(f"  {n:>8}  {uri}")
    if result.kept:
        print(
            f"kept {counted(len(result.kept), 'graph')} the build does not make (users wrote them):"
        )
        for uri, n in sorted(result.kept.items()):
            print(f"  {n:>8}  {uri or '(default graph)'}")
    return 0


# ------------------------------------------------------------- validate


# What a file name may end in: pyoxigraph's own suffixes, and .owl for RDF/XML.
_EXTRA_SUFFIXES = {"owl": ox.RdfFormat.RDF_XML}


def _file_format(path: Path) -> ox.RdfFormat:
    suffix = path.suffix.lstrip(".").lower()
    fmt = ox.RdfFormat.from_extension(suffix) if suffix else None
    fmt = fmt or _EXTRA_SUFFIXES.get(suffix)
    if fmt is None:
        raise CliError(
            f"{path}: cannot tell the RDF format from the file name; name it .ttl, .nt, .nq, "
            ".trig, .jsonld, .rdf or .owl"
        )
    return fmt


def _read_triples(path: Path) -> bytes:
    """The file's triples (graph names dropped) as N-Triples; a CliError in one line when the
    file is not RDF in the format its name says."""
    fmt = _file_format(path)
    try:
        quads = list(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        reason = " ".join(str(exc).split())  # the parser's message, on one line
        raise CliError(f"{path} is not valid RDF ({fmt.name}): {reason}") from None
    if not quads:
        raise CliError(f"{path} holds no RDF triples; nothing to validate")
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def cmd_validate(args: argparse.Namespace) -> int:
    from rdflib import Graph

    data = Graph()
    if args.files:
        for path in args.files:
            if not path.exists():
                raise CliError(f"no such file: {path}")
            data.parse(data=_read_triples(path).decode("utf-8"), format="nt")
    else:
        store = open_args_store(args)
        try:
            data.parse(data=store.dump("nq").decode("utf-8"), format="nquads")
        finally:
            store.close()
    report = validate(data)
    print(report.format())
    return 0 if report.conforms else 1


# ---------------------------------------------------------------- query


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)


def _term_text(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    return getattr(term, "value", str(term))


def cmd_query(args: argparse.Namespace) -> int:
    sparql = args.sparql
    if sparql == "-":
        sparql = sys.stdin.read()
    shape = inspect_query(sparql)
    if shape.outbound:
        raise CliError(f"{shape.outbound} is not allowed: gemeentegraaf makes no network requests")
    if shape.problem:
        raise CliError(shape.problem)
    store = open_args_store(args)
    try:
        result = store.query(sparql)
    except QueryRejected as exc:
        raise CliError(str(exc)) from exc
    finally:
        store.close()
    if isinstance(result, Boolean):
        if args.format == "json":
            print(json.dumps({"head": {}, "boolean": bool(result)}))
        else:
            print("true" if result else "false")
        return 0
    if isinstance(result, Triples):
        sys.stdout.write(ox.serialize(result.triples, format=ox.RdfFormat.TURTLE).decode("utf-8"))
        return 0
    fmt = {"json": SPARQL_JSON, "csv": SPARQL_CSV}.get(args.format)
    if fmt is not None:
        body = results.solutions(
            list(result.variables), [list(r) for r in result.rows], fmt, truncated=False, cap=0
        )
        sys.stdout.write(body.decode("utf-8"))
        if args.format == "json":
            sys.stdout.write("\n")
        return 0
    header = list(result.variables)
    rows = [[_term_text(term) for term in row] for row in result.rows]
    print(_table(rows, header))
    print(f"({counted(len(rows), 'row')})")
    return 0


# --------------------------------------------------------------- export


def cmd_export(args: argparse.Namespace) -> int:
    store = open_args_store(args)
    try:
        data = store.dump(args.format)
    finally:
        store.close()
    if args.output:
        args.output.write_bytes(data)
        print(f"wrote {len(data)} bytes to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


# ----------------------------------------------------------- challenges


def cmd_challenges(args: argparse.Namespace) -> int:

    store = open_args_store(args)
    try:
        result = municipality_challenges(store, args.code)
    except LookupFailed as exc:
        raise CliError(str(exc.detail)) from None
    finally:
        store.close()
    if args.json:
        print(result.model_dump_json(indent=2))
        return 0
    m = result.municipality
    print(f"{m.name} ({m.code}): {counted(len(result.challenges), 'theme')}")
    for section, entries in (("", result.challenges), ("not addressed: ", result.negated)):
        for entry in entries:
            relations = ", ".join(r.label for r in entry.relations if r.label)
            print(f"\n{section}{entry.theme.label}" + (f" ({relations})" if relations else ""))
            for ev in entry.evidence:
                quote = " ".join((ev.quote or "").split())
                print(f"  “{quote}”")
                print(f"      {ev.document_title or ev.document} ({ev.year}), {ev.assertion}")
    return 0


# ---------------------------------------------------------------- serve


KEEP_ALIVE = 65  # seconds an idle HTTP connection is kept open
# Seconds a stopping server (Ctrl-C) waits for the requests under way before it cancels
# them (uvicorn's timeout_graceful_shutdown; they get 503: service/stopping.py). Without
# it, one page that rendered for minutes held the server at "Waiting for background tasks
# to complete" for as long.
SHUTDOWN_GRACE = 5
# Seconds the process then waits for handlers still running in worker threads (a
# cancelled request's thread runs on: Python cannot stop it) before it exits without them.
THREAD_GRACE = 2.0
# Most connections at once (see connection_limit).
MAX_CONNECTIONS = 4096


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    target = store_path(args)
    url = store_url(args)
    if url is None and not target.exists():
        print(f"no store at {target}: building it from the bundled data first", file=sys.stderr)
        cmd_build(argparse.Namespace(store=target, store_url=None, quiet=False))
    overrides = {
        name: value
        for name, value in (("query_timeout", args.query_timeout), ("max_rows", args.max_rows))
        if value is not None
    }
    settings = Settings(store_path=target, store_url=url, **overrides)
    # Longer than the keep-alive of clients and proxies (httpx 5 s, load balancers 60 s):
    # with uvicorn's 5 s, a client reusing a connection just as the server closed it
    # got a dropped request (16 of 4,844 under load).
    interrupted = False
    try:
        uvicorn.run(
            create_app(settings),
            host=args.host,
            port=args.port,
            timeout_keep_alive=KEEP_ALIVE,
            timeout_graceful_shutdown=SHUTDOWN_GRACE,
            limit_concurrency=connection_limit(),
            http=HeadGuard,
            log_config=serve_log_config(),
        )
    except KeyboardInterrupt:  # (uvicorn raises the Ctrl-C it held once it has stopped)
        interrupted = True
        raise
    finally:
        leave_unfinished_threads(exit_code=130 if interrupted else 0)
    return 0


def leave_unfinished_threads(*, exit_code: int, grace: float = THREAD_GRACE) -> None:
    """Exit now when threads the server started still run after `grace` seconds.

    uvicorn has stopped and the app has closed the store; what can still run is a handler
    whose request was cancelled (its answer has been given up) in one of anyio's worker
    threads, which are not daemons: the interpreter would wait for it at exit, and a
    second Ctrl-C left a process rendering a page at full speed for minutes.
    """
    deadline = time.monotonic() + grace
    running = [
        t
        for t in threading.enumerate()
        if t is not threading.current_thread() and not t.daemon and t.is_alive()
    ]
    for thread in running:
        thread.join(max(0.0, deadline - time.monotonic()))
    left = [t for t in running if t.is_alive()]
    if left:
        print(
            f"stopped without waiting for {counted(len(left), 'worker thread')} of "
            "cancelled requests",
            file=sys.stderr,
            flush=True,
        )
        logging.shutdown()
        sys.stdout.flush()
        os._exit(exit_code)


def serve_log_config() -> dict[str, Any]:
    """uvicorn's logging, with the project's own messages beside its own and in its
    format: which data version is served and when it changed, refused queries, clients
    that went away. Without a handler, Python prints only warnings, bare."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["gemeentegraaf"] = {
        "handlers": ["default"],
        "level": "INFO",
        "propagate": False,
    }
    return config


def connection_limit() -> int:
    """Connections (and requests) at once before new ones get 503: half the process's
    descriptors, so that many open connections (slow clients, or an attack) cannot take
    the ones the store, the workers and their pipes need."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return min(MAX_CONNECTIONS, max(64, soft // 2))


# ----------------------------------------------------------------- main


def _positive(kind: type) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
        return value

    return parse


def _port(text: str) -> int:
    port = _positive(int)(text)
    if port > 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return int(port)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gemeentegraaf",
        description="Knowledge graph of Dutch municipal policy: build, query and serve it.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="build the store from the bundled reference data and corpus")
    store_arg(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("validate", help="check RDF files, or the store, against the SHACL shapes")
    store_arg(p)
    p.add_argument("files", nargs="*", type=Path, help="RDF files to check (default: the store)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("query", help="run a SPARQL query on the store")
    store_arg(p)
    p.add_argument("sparql", help="the query, or - to read it from standard input")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.set_defaults(func=cmd_query)

    p = sub.add_parser("export", help="write the whole store as RDF")
    store_arg(p)
    p.add_argument("--format", choices=["trig", "nq", "ttl", "jsonld"], default="trig")
    p.add_argument("--output", type=Path, help="file to write (default: standard output)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("challenges", help="a municipality's themes with their evidence quotes")
    store_arg(p)
    p.add_argument("code", help="CBS code, e.g. GM0363")
    p.add_argument("--json", action="store_true", help="print JSON (as /api/…/challenges)")
    p.set_defaults(func=cmd_challenges)

    p = sub.add_parser("serve", help="serve SPARQL, linked data, the JSON API and pages")
    store_arg(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=_port, default=8000)
    p.add_argument(
        "--query-timeout",
        type=_positive(float),
        metavar="SECONDS",
        help="stop a SPARQL query after this long (default 30, or $GEMEENTEGRAAF_QUERY_TIMEOUT)",
    )
    p.add_argument(
        "--max-rows",
        type=_positive(int),
        help="most rows a SELECT returns; a cut result says so (default 100000)",
    )
    p.set_defaults(func=cmd_serve)

    add_ingest(sub, store_arg)
    add_remove(sub, store_arg)
    add_restore(sub, store_arg)
    add_evaluate(sub, store_arg)
    add_glossary(sub)

    add_commands(sub, store_arg)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`… | head`): not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        if args.debug:
            raise
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return 1


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return str(exc)
    if isinstance(exc, OSError) and exc.filename:
        # A path the user named that cannot be read or written.
        return f"{exc.strerror or exc}: {exc.filename}"
    return f"{type(exc).__name__}: {exc} (run with --debug for the traceback)"


if __name__ == "__main__":
    sys.exit(main())
