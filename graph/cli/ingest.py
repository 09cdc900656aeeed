"""`gemeentegraaf ingest`: add reports (text, Markdown, PDF; files or folders) to the store.

One file: its steps on a progress bar. Several files or a folder: in parallel over the
cores with one bar over the files; Ctrl-C stops, and the same command again resumes
(gemeentegraaf.pipeline.bulk). Every document says what it gave; a report that gave no
fact is named in a warning; a file that failed is named with its reason, and the exit
status is 1 when any failed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from gemeentegraaf.cli.errors import CliError
from gemeentegraaf.cli.store_args import store_path, store_url
from gemeentegraaf.common.wording import counted
from gemeentegraaf.extract.speaker import SpeakerError, check_speaker_code
from gemeentegraaf.pipeline.bulk import (
    BulkReport,
    Metadata,
    Outcome,
    ingest_files,
    plan,
    read_metadata,
    state_path,
)
from gemeentegraaf.pipeline.ingest import DEFAULT_MAX_MB, MAX_PASSAGES, STEPS, check_year
from tqdm import tqdm

EXIT_INTERRUPTED = 130


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
    return value


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text!r}")
    return value


def register_cli(sub: Any, store_arg: Any) -> None:
    """Add `ingest` to the `gemeentegraaf` command line."""
    p = sub.add_parser(
        "ingest",
        help="add reports (text, Markdown or PDF; files or folders) to the store",
        description="Add reports to the store: read, extract facts, validate, store. "
        "Several files or a folder are ingested in parallel; an unchanged file is skipped, "
        "a changed one replaces its document; Ctrl-C stops and the same command resumes.",
    )
    store_arg(p)
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="report files or folders")
    p.add_argument("--title", help="title (one file only; default: its first heading)")
    p.add_argument("--publisher", help="publisher (for every file without one in --metadata)")
    p.add_argument("--year", help="year of publication (for every file without one)")
    p.add_argument("--kind", help="kind of report (default: rapport)")
    p.add_argument("--language", help="language code (default: nl)")
    p.add_argument("--key", help="document key (one file only; default: from the file name)")
    p.add_argument(
        "--speaker",
        metavar="CODE",
        help="the municipality (CBS code, e.g. GM0344) or network (G4, G32, G40, M50, P10) "
        "that writes the reports: 'we', 'de gemeente', 'het college' are it "
        "(default: inferred from the publisher, the title, or the text)",
    )
    p.add_argument(
        "--metadata",
        type=Path,
        help="CSV with a row per file: file,title,publisher,year,kind,language,key,speaker "
        "(file relative to the CSV's folder; empty cells take the command line's values)",
    )
    p.add_argument("--replace", action="store_true", help="replace documents with these keys")
    p.add_argument(
        "--jobs", type=_jobs, default=None, help="worker processes (default: the number of cores)"
    )
    p.add_argument(
        "--max-size",
        type=_megabytes,
        default=DEFAULT_MAX_MB,
        metavar="MB",
        help=f"largest text to ingest, in megabytes (default {DEFAULT_MAX_MB:g}); memory "
        "follows the number of paragraphs, about 3 GB for 1 MB of ordinary report text, and a "
        f"report of more than {MAX_PASSAGES:,} paragraphs, headings and list items is refused",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_ingest)


def cmd_ingest(args: argparse.Namespace) -> int:
    target: Path = store_path(args)
    url = store_url(args)
    if url is None and not (target / "CURRENT").is_file():
        raise CliError(f"no store at {target}: run `gemeentegraaf build` first")
    single = len(args.paths) == 1 and not args.paths[0].is_dir()
    if not single and (args.title or args.key):
        raise CliError("--title and --key name one document; give one file, or use --metadata")
    if args.speaker:
        check_speaker_code(args.speaker)  # an unknown code stops here, before any work
    # Before any work too: an unchanged report is not read again, so its --year would
    # never be looked at; and one missing file would first get a progress line (among
    # several, a missing one fails as any file that cannot be read, and the rest land).
    if args.year is not None:
        check_year(args.year)
    if single and not args.paths[0].exists():
        raise CliError(f"no such file: {args.paths[0]}")
    defaults = Metadata(
        title=args.title,
        publisher=args.publisher,
        year=args.year,
        kind=args.kind,
        language=args.language,
        key=args.key,
        speaker=args.speaker,
    )
    rows = read_metadata(args.metadata) if args.metadata else None
    for path, row in (rows or {}).items():
        if row.speaker:
            try:
                check_speaker_code(row.speaker)
            except SpeakerError as exc:
                raise CliError(f"{args.metadata}: {path.name}: {exc}") from None
    jobs = plan(args.paths, defaults, metadata=rows, replace=args.replace, max_mb=args.max_size)
    if not jobs:
        raise CliError(f"no reports ({', '.join(sorted({'.txt', '.md', '.pdf'}))}) found")

    bar: tqdm | None = None
    # A terminal gets bars; a log (stderr not a terminal) a line per step of one report,
    # so that a long ingest is never silent. --quiet: neither.
    quiet = args.quiet or not sys.stderr.isatty()
    lines = not args.quiet and quiet and single
    began = time.monotonic()

    def start(count: int) -> None:
        nonlocal bar
        if single:
            bar = tqdm(total=len(STEPS) + 2, desc=jobs[0].path.name, unit="step", disable=quiet)
        else:
            bar = tqdm(total=count, desc="ingest", unit="file", disable=quiet)

    def step(name: str) -> None:
        if lines:
            # the time since the ingest began, as the step starts (not the step's own)
            seconds = time.monotonic() - began
            print(
                f"{jobs[0].path.name}: {name} (starting at {seconds:.0f} s)",
                file=sys.stderr,
                flush=True,
            )
        if bar is not None:
            bar.set_postfix_str(name)
            bar.update(1)

    def done(outcome: Outcome) -> None:
        if bar is not None and not single and outcome.status != "unchanged":
            bar.update(1)
        if lines and outcome.status in ("added", "replaced"):
            # the last step (writing to the store) can be the longest: say when it ended
            seconds = time.monotonic() - began
            print(
                f"{outcome.path.name}: done ({seconds:.0f} s in all)", file=sys.stderr, flush=True
            )
        writer = tqdm.write if bar is not None and not quiet else print
        for stream, line in _outcome_lines(outcome):
            writer(line, file=stream)

    deriving_since: float | None = None

    def derive() -> None:
        # some seconds over the whole store, after the last report's "done"
        nonlocal deriving_since
        deriving_since = time.monotonic()
        if not args.quiet:
            writer = tqdm.write if bar is not None and not quiet else print
            writer("deriving the similar municipalities and search terms again", file=sys.stderr)

    try:
        report = ingest_files(
            target,
            jobs,
            store_url=url,
            workers=args.jobs,
            on_start=start,
            on_outcome=done,
            step=step,
            on_derive=derive,
        )
    finally:
        if bar is not None:
            bar.close()
    if deriving_since is not None and not args.quiet and not report.interrupted:
        # the log's last line: the derivation ends the ingest, not the last report's "done"
        now = time.monotonic()
        print(
            f"derived again ({now - deriving_since:.0f} s; {now - began:.0f} s in all)",
            file=sys.stderr,
            flush=True,
        )
    return _finish(report, len(jobs), single, target)


def _outcome_lines(outcome: Outcome) -> list[tuple[Any, str]]:
    if outcome.status == "failed":
        return [(sys.stderr, f"error: {outcome.message}")]
    if outcome.status == "unchanged":
        return [(sys.stdout, f"unchanged {outcome.key} ({outcome.path}): already ingested")]
    s = outcome.summary
    assert s is not None and outcome.record is not None
    lines = [
        (
            sys.stdout,
            f"{outcome.status} {outcome.key}: {counted(s.sections, 'section')}, "
            f"{counted(s.passages, 'passage')}, {s.line()}, {counted(s.triples, 'triple')} "
            f"in <{outcome.record.graph}>",
        ),
        (sys.stdout, f"  {s.municipalities_line()}"),
        (sys.stdout, f"  {s.speaker_line()}"),
    ]
    if s.facts == 0:
        lines.append(
            (
                sys.stderr,
                f"warning: {outcome.path}: no facts found (no sentence ties a named "
                "municipality to a theme); the document was added without facts",
            )
        )
    return lines


def _finish(report: BulkReport, total: int, single: bool, target: Path) -> int:
    counts = {s: report.count(s) for s in ("added", "replaced", "unchanged", "failed")}
    if report.interrupted:
        print(
            f"interrupted: {counts['added'] + counts['replaced']} of "
            f"{counted(total, 'document')} landed; "
            f"run the same command again to do the rest (state in {state_path(target)})",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    if not single:
        summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "nothing"
        print(f"ingested {counted(total, 'file')} in {report.seconds:.1f} s: {summary}")
    return 1 if counts["failed"] else 0
