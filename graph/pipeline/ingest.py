"""Reading a new report (plain text, Markdown or PDF) into a corpus record and a document.

`read_report_text(path)` gives the text of a file or raises `IngestError` with a message
a user can act on: the file is missing, empty, too large, not UTF-8 text, a corrupt or
encrypted PDF, or a PDF without a text layer. `prepare_ingest(path, title=..., publisher=...,
year=...)` does the rest of the work before anything is stored: it checks the metadata,
normalises and segments the text and builds the document graph. `extract_ingested` adds the
facts and `summarise` says what they are. Storing (and validating the graph against the
shapes) is the caller's job (gemeentegraaf.pipeline.bulk); nothing here writes anywhere.

Character offsets in the graph count in the returned `text`; for a PDF that is the text
pypdf extracted, so the caller should keep that text (as data/corpus does for the bundled
reports) rather than extract it again later with another pypdf version.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import GG, ID, slug
from gemeentegraaf.common.wording import counted
from gemeentegraaf.extract.report import extract_report
from gemeentegraaf.extract.speaker import Speaker, resolve_speaker
from gemeentegraaf.pipeline.evidence_bound import bound_evidence
from gemeentegraaf.sources.catalogue import (
    CorpusRecord,
    corpus_records,
)
from gemeentegraaf.text.documents import document_graph_content, read_document
from gemeentegraaf.text.segment import Document, sentences
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED = sorted(TEXT_SUFFIXES | PDF_SUFFIXES)
MIN_WORDS = 20  # fewer words than this is not a report
# The largest text ingest takes by default, in megabytes (10**6 bytes) of text. A report
# is held in memory whole (text, offset tables, its graph while it is validated): about
# 200 MB per MB of text on top of 200 MB (measured: 1 MB 380 MB, 5 MB 1.2 GB).
DEFAULT_MAX_MB = 20.0


class IngestError(UserError, ValueError):
    """A report file or its metadata cannot be ingested; the message says why."""


@dataclass
class IngestedReport:
    record: CorpusRecord
    text: str  # the text offsets refer to (store it with the document)
    document: Document
    graph_uri: URIRef  # graph/document/{key}
    speaker: Speaker | None = None  # who writes it: given or inferred (extract_ingested)

    @cached_property
    def graph(self) -> Graph:
        """Document node + structure (no facts), ready for validation and loading."""
        return document_graph_content(self.record, self.document)


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


# Most passages (paragraphs, headings, list items) one report may have. Memory follows the
# document graph, about 50 triples and 0.3 MB a passage (measured: 11,322 passages of
# ordinary text took 3.1 GB; 10,000 headings 3.6 GB): this keeps one report under about
# 7 GB, whatever its size in bytes. The bundled corpus's largest report has 970.
MAX_PASSAGES = 20_000
# The longest paragraph (heading, list item) one report may have, in characters. A
# passage's text is one term in the store, and a term of more than 4 MiB could not be
# loaded again from the store's dumps; text copied from a web page can come without any
# line break, and one such line of 1 MB is read in linear time (tests/bench_ingest.py).
MAX_PARAGRAPH_CHARS = 1_000_000
# The longest sentence, in characters. A fact quotes its sentence, and pages show the
# quotes: the bundled reports' longest is under 700 characters (4,700 with their line
# breaks removed, where tables run together); a longer one is not running text.
MAX_SENTENCE_CHARS = 20_000


def check_size(path: Path, size: int, max_mb: float | None, what: str = "") -> None:
    """IngestError when `size` bytes exceed the limit of `max_mb` megabytes (None: no limit)."""
    if max_mb is not None and size > max_mb * 1e6:
        raise IngestError(
            f"{path}: {_megabytes(size)}{what} is more than the limit of {max_mb:g} MB; "
            "split the report, or raise the limit with --max-size"
        )


def read_report_text(path: str | Path, *, max_mb: float | None = DEFAULT_MAX_MB) -> str:
    """The text of a .txt, .md or .pdf report, or IngestError with a clear reason.

    A text file larger than `max_mb` megabytes is refused before it is read; for a
    PDF the limit applies to the text extracted from it.
    """
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
        if suffix in TEXT_SUFFIXES:
            check_size(path, path.stat().st_size, max_mb)
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise IngestError(f"{path}: the file is empty")
    if suffix in PDF_SUFFIXES:
        text = _pdf_text(path, data)
        check_size(path, len(text.encode("utf-8")), max_mb, " of text")
    else:
        text = _plain_text(path, data)
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
    return visible_text(text)


# Line and paragraph separators that are not "\n": each becomes the break it stands for.
_BREAKS = str.maketrans({"\u2028": "\n", "\u2029": "\n\n", "\x85": "\n"})


def visible_text(text: str) -> str:
    """The text as a reader sees it, in one form: one newline convention (so that offsets
    mean the same on every platform), Unicode line and paragraph separators as breaks,
    combining accents composed (NFC), and format characters removed (zero-width spaces
    and joiners, word joiners, byte-order marks, soft hyphens, direction marks). They are
    invisible, and inside a word they split it: "Deven\u2060ter" is no municipality."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_BREAKS)
    # A soft hyphen at a line's end is a break that was used: a hyphen, so that the
    # word is joined again ("woning\u00ad" + "bouw"); anywhere else it is invisible.
    text = unicodedata.normalize("NFC", text.replace("\u00ad\n", "-\n"))
    # (each distinct character looked up once, not each character of a 20 MB text)
    hidden = {ord(ch): None for ch in set(text) if unicodedata.category(ch) == "Cf"}
    return text.translate(hidden) if hidden else text


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
    text = "\n\n".join(visible_text(page) for page in pages)
    if not text.strip():
        raise IngestError(
            f"{path}: the PDF has no text layer (a scan?); run OCR first or provide a text file"
        )
    return text


def _check_metadata(title: str | None, publisher: str, year: int | str | None) -> int:
    if title is not None and not title.strip():
        raise IngestError("a title is required (--title)")
    if not publisher or not publisher.strip():
        raise IngestError("a publisher is required (--publisher, or a metadata CSV)")
    if year is None or (isinstance(year, str) and not year.strip()):
        raise IngestError("a year is required (--year, or a metadata CSV)")
    return check_year(year)


def check_year(year: int | str) -> int:
    """The year of publication as a number, or IngestError when it cannot be one."""
    try:
        year_number = int(year)
    except (TypeError, ValueError):
        raise IngestError(f"year must be a number like 2023, not {year!r}") from None
    if not 1900 <= year_number <= dt.date.today().year + 1:
        raise IngestError(f"year {year_number} is not plausible for a report")
    return year_number


Step = Callable[[str], None]  # told the name of each step as it starts (a progress bar)
STEPS = ("read", "normalise", "segment", "extract")


def prepare_ingest(
    path: str | Path,
    *,
    title: str | None,
    publisher: str,
    year: int | str,
    kind: str = "rapport",
    language: str = "nl",
    key: str | None = None,
    replace: bool = False,
    max_mb: float | None = DEFAULT_MAX_MB,
    step: Step | None = None,
) -> IngestedReport:
    """Read, check, normalise and segment a new report; build its document graph.

    `key` defaults to the file name as a slug, `title` (when None) to the document's
    first heading, else its file name. A key of a bundled report is refused unless
    `replace` is set. Raises IngestError; never writes anything.
    """
    path = Path(path)
    say = step or (lambda _name: None)
    year_number = _check_metadata(title, publisher, year)
    doc_key = slug(key or path.stem)
    if not doc_key:
        raise IngestError(
            f"{path}: cannot make a document key from {key or path.stem!r}; give the file a "
            "name with letters or digits, or a key (--key for one file, a key column in "
            "--metadata for a folder)"
        )
    if not replace and any(r.key == doc_key for r in corpus_records()):
        raise IngestError(f"{doc_key} is already a document of the corpus; choose another key")
    say("read")
    text = read_report_text(path, max_mb=max_mb)
    say("normalise and segment")
    document = read_document(text, doc_key)
    if not document.passages:
        raise IngestError(f"{path}: no paragraphs found in the text")
    if len(document.passages) > MAX_PASSAGES:
        raise IngestError(
            f"{path}: {len(document.passages):,} paragraphs, headings and list items are more "
            f"than the limit of {MAX_PASSAGES:,} for one report (its graph would take several "
            "GB of memory); split the report"
        )
    check_lengths(path, document)
    record = CorpusRecord(
        key=doc_key,
        file=path.name,
        title=(title or default_title(path, document)).strip(),
        publisher=publisher.strip(),
        year=year_number,
        date=str(year_number),
        kind=(kind or "").strip() or "rapport",
        language=(language or "").strip() or "nl",
    )
    return IngestedReport(record, text, document, record.graph)


def check_lengths(path: Path, document: Document) -> None:
    """IngestError for a paragraph or a sentence longer than any report has (see
    MAX_PARAGRAPH_CHARS, MAX_SENTENCE_CHARS), naming the line it starts on."""
    for passage in document.passages:
        if len(passage.text) > MAX_PARAGRAPH_CHARS:
            raise IngestError(
                f"{path}: the paragraph on line {_line_of(document, passage.raw_start)} has "
                f"{len(passage.text):,} characters, more than the limit of "
                f"{MAX_PARAGRAPH_CHARS:,} for one paragraph; put a blank line between its "
                "paragraphs"
            )
        if len(passage.text) <= MAX_SENTENCE_CHARS:
            continue  # (no sentence in it can be longer: spare splitting it)
        for sentence in sentences(document, passage):
            if len(sentence.text) > MAX_SENTENCE_CHARS:
                raise IngestError(
                    f"{path}: the sentence on line {_line_of(document, sentence.raw_start)} "
                    f"has {len(sentence.text):,} characters, more than the limit of "
                    f"{MAX_SENTENCE_CHARS:,} for one sentence (a table or a list without "
                    "punctuation?); give it full stops or line breaks, or leave it out"
                )


def _line_of(document: Document, offset: int) -> int:
    return document.raw.count("\n", 0, offset) + 1


def default_title(path: Path, document: Document) -> str:
    """The title a report gets when none is given: its first heading, else its file name."""
    for section in document.sections:
        if section.title.strip() and len(section.title) <= 200:
            return " ".join(section.title.split())
    return path.stem.replace("_", " ").replace("-", " ").strip().capitalize() or path.name


def extract_ingested(
    report: IngestedReport, *, speaker: str | None = None, step: Step | None = None
) -> Graph:
    """The report's named graph: its structure and every fact the rules find in it.

    `speaker`: the CBS code of the municipality (or the network) that writes the report
    (`ingest --speaker`); when None it is inferred from the publisher, title and text.
    The speaker used is kept in `report.speaker`. Raises SpeakerError for an unknown code.
    """
    if step is not None:
        step("extract")
    report.speaker = resolve_speaker(report.record, report.document, speaker)
    graph = extract_report(report.record, report.document, speaker=report.speaker)
    bound_evidence(graph)  # as a build does (gemeentegraaf.pipeline.build)
    return graph


# ---------------------------------------------------------------------------
# What a report gave
# ---------------------------------------------------------------------------

# Kinds of fact, by class, as `ingest` names them.
FACT_KINDS: tuple[tuple[URIRef, str], ...] = (
    (GG.Uitdaging, "challenge"),
    (GG.Praktijkvoorbeeld, "practice"),
    (GG.Deelname, "programme"),
    (GG.Knelpunt, "bottleneck"),
    (GG.Standpunt, "stance"),
    (GG.Trend, "trend"),
    (GG.Opgave, "task"),
    (GG.Kengetal, "figure"),
    (GG.Rolvermelding, "role"),
)
MUNICIPALITY_BASE = str(ID) + "gemeente/"


@dataclass
class Summary:
    """What one report gave: facts per kind and the municipalities they are about."""

    facts: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    negated: int = 0
    municipalities: list[str] = field(default_factory=list)  # names (codes when unknown)
    sections: int = 0
    passages: int = 0
    triples: int = 0
    speaker: str = ""  # who the report speaks for, and how that was found; "" for none

    def speaker_line(self) -> str:
        if self.speaker:
            return f"speaker: {self.speaker}"
        return "speaker: none (no municipality or network writes about itself here)"

    def line(self) -> str:
        kinds = ", ".join(counted(n, kind) for kind, n in self.kinds.items() if n) or "none"
        # A negated fact ("X is no priority") counts among the facts, as it is one: said
        # apart, so that the count matches what the API lists as claimed.
        negated = f", {self.negated} of them negated" if self.negated else ""
        return f"{counted(self.facts, 'fact')} ({kinds}){negated}"

    def municipalities_line(self, limit: int = 12) -> str:
        names = self.municipalities
        shown = ", ".join(names[:limit]) + (
            f" and {len(names) - limit} more" if len(names) > limit else ""
        )
        if not names:
            return "no municipality"
        return f"{counted(len(names), 'municipality', 'municipalities')}: {shown}"


def summarise(graph: Graph, report: IngestedReport, names: Graph | None = None) -> Summary:
    """Count a report's facts per kind and name the municipalities they are about.

    `names` is a graph with the municipalities' skos:prefLabel (the reference graph).
    """
    assertions = set(graph.subjects(RDF.type, GG.Bewering))
    kinds: Counter[str] = Counter()
    for cls, kind in FACT_KINDS:
        kinds[kind] = sum(1 for node in graph.subjects(RDF.type, cls) if node in assertions)
    negated = sum(1 for a in assertions if str(graph.value(a, GG.ontkend)).lower() == "true")
    subjects = {
        o
        for a in assertions
        for o in graph.objects(a, GG.onderwerp)
        if isinstance(o, URIRef) and str(o).startswith(MUNICIPALITY_BASE)
    }
    labels = []
    for uri in subjects:
        label = names.value(uri, SKOS.prefLabel) if names is not None else None
        labels.append(str(label) if label is not None else str(uri).rsplit("/", 1)[-1].upper())
    return Summary(
        facts=len(assertions),
        kinds={kind: kinds[kind] for _cls, kind in FACT_KINDS},
        negated=negated,
        municipalities=sorted(labels),
        sections=len(report.document.sections),
        passages=len(report.document.passages),
        triples=len(graph),
        speaker=report.speaker.describe() if report.speaker is not None else "",
    )


# A report every rule has something to do with, to load the lexicons and rules once.
_WARM_UP_TEXT = (
    "# Wonen en werk\n\n"
    "De gemeente Zwolle zet in op betaalbaar wonen en de aanpak van schulden. "
    "Leiden werkt samen met Deventer aan werk en participatie van statushouders, "
    "met de Regio Deal en het Gemeentefonds. In Emmen staat niets over armoede.\n"
)


def warm_up() -> None:
    """Load what every extraction needs (reference names, themes, rules, curation) now.

    Worker processes forked afterwards share it instead of each loading it again.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "opwarmen.md"
        path.write_text(_WARM_UP_TEXT, encoding="utf-8")
        report = prepare_ingest(path, title="Opwarmen", publisher="gemeentegraaf", year=2024)
        extract_ingested(report)
