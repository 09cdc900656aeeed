"""Reading a new report (plain text, Markdown or PDF) into a corpus record and a document.

`read_report_text(path)` gives the text of a file or raises `IngestError` with a message
a user can act on: the file is missing, empty, not UTF-8 text, a corrupt or encrypted PDF,
or a PDF without a text layer. `prepare_ingest(path, title=..., publisher=..., year=...)`
does the rest of the work before anything is stored: it checks the metadata, normalises
and segments the text and builds the document graph. Storing (and validating the graph
against the shapes) is the caller's job; nothing here writes anywhere.

Character offsets in the graph count in the returned `text`; for a PDF that is the text
pypdf extracted, so the caller should keep that text (as data/corpus does for the bundled
reports) rather than extract it again later with another pypdf version.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import slug
from gemeentegraaf.sources.catalogue import (
    CorpusRecord,
    corpus_records,
)
from gemeentegraaf.text.documents import document_graph_content, read_document
from gemeentegraaf.text.segment import Document
from rdflib import Graph, URIRef

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED = sorted(TEXT_SUFFIXES | PDF_SUFFIXES)
MIN_WORDS = 20  # fewer words than this is not a report


class IngestError(UserError, ValueError):
    """A report file or its metadata cannot be ingested; the message says why."""


@dataclass
class IngestedReport:
    record: CorpusRecord
    text: str  # the text offsets refer to (store it with the document)
    document: Document
    graph_uri: URIRef  # graph/document/{key}
    graph: Graph  # document node + structure, ready for validation and loading


def read_report_text(path: str | Path) -> str:
    """The text of a .txt, .md or .pdf report, or IngestError with a clear reason."""
    path = Path(path)
    if not path.exists():
        raise IngestError(f"{path}: no such file")
    if not path.is_file():
        raise IngestError(f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | PDF_SUFFIXES:
        raise IngestError(
            f"{path}: unsupported file type {suffix or '(none)'}; use one of {', '.join(SUPPORTED)}"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise IngestError(f"{path}: the file is empty")
    text = _pdf_text(path, data) if suffix in PDF_SUFFIXES else _plain_text(path, data)
    words = re.findall(r"[^\W\d_]{2,}", text)
    if len(words) < MIN_WORDS:
        raise IngestError(
            f"{path}: only {len(words)} words of text; this does not look like a report"
        )
    return text


def _plain_text(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise IngestError(f"{path}: this is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{path}: not UTF-8 text (byte {exc.start} cannot be decoded); save it as UTF-8"
        ) from None
    # one newline convention, so that offsets mean the same on every platform
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _pdf_text(path: Path, data: bytes) -> str:
    # pypdf is imported here: only PDF ingestion needs it
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip().startswith(b"%PDF"):
        raise IngestError(f"{path}: not a PDF (the file does not start with %PDF)")
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # damaged files make pypdf log; the error says it all
    try:
        reader = PdfReader(BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise IngestError(f"{path}: the PDF is encrypted; provide an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise IngestError(f"{path}: not a readable PDF ({exc})") from None
    except Exception as exc:  # pypdf raises a wide range on damaged files
        raise IngestError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc})") from None
    finally:
        quiet.setLevel(level)
    if not pages:
        raise IngestError(f"{path}: the PDF has no pages")
    text = "\n\n".join(page.replace("\r\n", "\n").replace("\r", "\n") for page in pages)
    if not text.strip():
        raise IngestError(
            f"{path}: the PDF has no text layer (a scan?); run OCR first or provide a text file"
        )
    return text


def _check_metadata(title: str, publisher: str, year: int | str) -> int:
    if not title or not title.strip():
        raise IngestError("a title is required (--title)")
    if not publisher or not publisher.strip():
        raise IngestError("a publisher is required (--publisher)")
    try:
        year_number = int(year)
    except (TypeError, ValueError):
        raise IngestError(f"year must be a number like 2023, not {year!r}") from None
    if not 1900 <= year_number <= dt.date.today().year + 1:
        raise IngestError(f"year {year_number} is not plausible for a report")
    return year_number


def prepare_ingest(
    path: str | Path,
    *,
    title: str,
    publisher: str,
    year: int | str,
    kind: str = "rapport",
    language: str = "nl",
    key: str | None = None,
    replace: bool = False,
) -> IngestedReport:
    """Read, check, normalise and segment a new report; build its document graph.

    `key` defaults to the file name as a slug. A key of a bundled report is refused unless
    `replace` is set. Raises IngestError; never writes anything.
    """
    path = Path(path)
    year_number = _check_metadata(title, publisher, year)
    doc_key = slug(key or path.stem)
    if not doc_key:
        raise IngestError(f"cannot make a document key from {key or path.stem!r}; pass a key")
    if not replace and any(r.key == doc_key for r in corpus_records()):
        raise IngestError(f"{doc_key} is already a document of the corpus; choose another key")
    text = read_report_text(path)
    record = CorpusRecord(
        key=doc_key,
        file=path.name,
        title=title.strip(),
        publisher=publisher.strip(),
        year=year_number,
        date=str(year_number),
        kind=kind.strip() or "rapport",
        language=language.strip() or "nl",
    )
    document = read_document(text, doc_key)
    if not document.passages:
        raise IngestError(f"{path}: no paragraphs found in the text")
    return IngestedReport(
        record, text, document, record.graph, document_graph_content(record, document)
    )
