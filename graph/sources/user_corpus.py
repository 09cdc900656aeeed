"""Reports a user ingested: kept beside the store so that every rebuild includes them.

`gemeentegraaf ingest` writes the report's text (for a PDF: the text pypdf
extracted, which the evidence offsets count in) and a catalogue row to
`<store>-corpus/`, in the same format as data/corpus; `gemeentegraaf build`
reads it back, so an ingested report survives a rebuild like a bundled one.
"""

from __future__ import annotations

import csv
from dataclasses import asdict
from pathlib import Path

from gemeentegraaf.sources.catalogue import (
    CATALOGUE,
    CorpusRecord,
    read_catalogue,
)

FIELDS = ("file", "title", "publisher", "year", "date", "kind", "language", "note")


def corpus_dir(store: Path) -> Path:
    return store.with_name(f"{store.name}-corpus")


def records(store: Path) -> tuple[CorpusRecord, ...]:
    directory = corpus_dir(store)
    if not (directory / CATALOGUE).is_file():
        return ()
    return read_catalogue(directory)


def save(store: Path, record: CorpusRecord, text: str, source_name: str) -> CorpusRecord:
    """Keep the text and its catalogue row; a row with the same key is replaced."""
    directory = corpus_dir(store)
    directory.mkdir(parents=True, exist_ok=True)
    kept = CorpusRecord(
        **{**asdict(record), "file": f"{record.key}.txt", "note": f"ingested from {source_name}"}
    )
    # newline="" so the offsets of the facts count in exactly this text
    with open(directory / kept.file, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    _write_catalogue(directory, [r for r in records(store) if r.key != kept.key] + [kept])
    return kept


def remove(store: Path, key: str) -> bool:
    """Forget the report `key`: its catalogue row, then its text. False: it was not kept."""
    directory = corpus_dir(store)
    rows = records(store)
    gone = [r for r in rows if r.key == key]
    if gone:
        # the row first: a stop between the two leaves a stray text, never a row without one
        _write_catalogue(directory, [r for r in rows if r.key != key])
    for name in {r.file for r in gone} | {f"{key}.txt"}:
        (directory / name).unlink(missing_ok=True)
    return bool(gone)


def _write_catalogue(directory: Path, rows: list[CorpusRecord]) -> None:
    # written beside and renamed: a stop leaves the old catalogue or the new one
    tmp = directory / f".{CATALOGUE}.tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        for r in rows:
            writer.writerow({f: getattr(r, f) for f in FIELDS})
    tmp.replace(directory / CATALOGUE)
