"""Ingesting a new report: text, Markdown and PDF in; unreadable files refused clearly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.pipeline.ingest import IngestError, prepare_ingest, read_report_text
from pypdf import PdfWriter
from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, XSD

PARAGRAPHS = [
    "De gemeente Zwolle werkt aan betaalbare woningen voor starters en ouderen in de stad.",
    "Het college wil de komende jaren vijfduizend woningen bouwen in de binnenstad en aan de rand.",
    "Zwolle lijkt zich bewust van de noodzaak de arbeidsmarkt beter te laten functioneren.",
]


def minimal_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing `lines` in Helvetica, written by hand."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
    ops += [f"({escape(line)}) Tj T*" for line in lines]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


@pytest.fixture
def report_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "woonvisie-zwolle.pdf"
    path.write_bytes(minimal_pdf(["1 Inleiding", *PARAGRAPHS[:2], "2 Werk", PARAGRAPHS[2]]))
    return path


def test_a_pdf_report_becomes_a_document_with_sections(report_pdf: Path) -> None:
    report = prepare_ingest(report_pdf, title="Woonvisie Zwolle", publisher="Zwolle", year=2022)
    assert report.record.key == "woonvisie-zwolle"
    assert PARAGRAPHS[0] in report.text
    doc = report.document
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Inleiding"), ("2", "Werk")]
    passage = next(p for p in doc.passages if p.text.startswith("Zwolle lijkt"))
    assert report.text[passage.raw_start : passage.raw_end] == PARAGRAPHS[2]
    g = report.graph
    node = report.record.uri
    assert (node, RDF.type, GG.Document) in g
    assert (node, DCTERMS.title, Literal("Woonvisie Zwolle", lang="nl")) in g
    assert (node, DCTERMS.issued, Literal("2022", datatype=XSD.gYear)) in g
    assert (node, GG.bestandsnaam, Literal("woonvisie-zwolle.pdf")) in g
    assert str(report.graph_uri).endswith("/graph/document/woonvisie-zwolle")


def test_markdown_and_plain_text(tmp_path: Path) -> None:
    md = tmp_path / "notitie.md"
    md.write_text(
        "# Woonagenda\n\n"
        + PARAGRAPHS[0]
        + "\n\n## Aanpak\n\n- "
        + PARAGRAPHS[1]
        + "\n- "
        + PARAGRAPHS[2]
        + "\n",
        encoding="utf-8",
    )
    doc = prepare_ingest(md, title="Notitie", publisher="Zwolle", year="2023").document
    assert [(s.title, s.level) for s in doc.sections] == [("Woonagenda", 1), ("Aanpak", 2)]
    assert [p.text for p in doc.of_kind("streepje")] == PARAGRAPHS[1:]
    txt = tmp_path / "verslag.txt"
    txt.write_bytes(("\r\n\r\n".join(PARAGRAPHS)).encode("utf-8"))
    text = read_report_text(txt)
    assert "\r" not in text and PARAGRAPHS[1] in text


def test_a_corrupt_pdf_is_refused(tmp_path: Path, report_pdf: Path) -> None:
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(report_pdf.read_bytes()[:300])
    with pytest.raises(IngestError, match="kapot.pdf: not a readable PDF"):
        prepare_ingest(broken, title="Kapot", publisher="X", year=2020)
    fake = tmp_path / "nep.pdf"
    fake.write_text("dit is geen pdf " * 20, encoding="utf-8")
    with pytest.raises(IngestError, match="not a PDF"):
        read_report_text(fake)


def test_a_pdf_without_text_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(buffer.getvalue())
    with pytest.raises(IngestError, match="no text layer"):
        read_report_text(scan)


def test_an_encrypted_pdf_is_refused(tmp_path: Path, report_pdf: Path) -> None:
    writer = PdfWriter(clone_from=str(report_pdf))
    writer.encrypt(user_password="geheim", algorithm="RC4-128")
    locked = tmp_path / "slot.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    with pytest.raises(IngestError, match="encrypted"):
        read_report_text(locked)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.txt", b"", "the file is empty"),
        ("spaties.md", b"  \n\n \t\n", "the file is empty"),
        ("latin1.txt", "Gemeente Súdwest-Fryslân ".encode("latin-1") * 10, "not UTF-8 text"),
        ("binair.txt", b"\x00\x01\x02abc" * 40, "binary file"),
        ("kort.txt", b"Alleen een titel.", "only 3 words"),
        ("tabel.docx", b"PK\x03\x04", "unsupported file type .docx"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=message):
        read_report_text(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_report_text(tmp_path / "weg.txt")
    with pytest.raises(IngestError, match="not a file"):
        read_report_text(tmp_path)


@pytest.mark.parametrize(
    ("title", "publisher", "year", "message"),
    [
        ("", "VNG", 2023, "a title is required"),
        ("Titel", " ", 2023, "a publisher is required"),
        ("Titel", "VNG", "twintig", "year must be a number"),
        ("Titel", "VNG", 1066, "not plausible"),
    ],
)
def test_bad_metadata_is_refused(
    report_pdf: Path, title: str, publisher: str, year: object, message: str
) -> None:
    with pytest.raises(IngestError, match=message):
        prepare_ingest(report_pdf, title=title, publisher=publisher, year=year)


def test_a_bundled_document_key_is_not_overwritten(report_pdf: Path) -> None:
    with pytest.raises(IngestError, match="already a document of the corpus"):
        prepare_ingest(
            report_pdf,
            title="T",
            publisher="P",
            year=2021,
            key="vng-stand-van-de-uitvoering-2023",
        )
