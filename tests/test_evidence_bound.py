"""A fact keeps its document's quotes boundedly: the same words once, at most ten, the
rest counted; and a report with a paragraph or a sentence no report has is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gemeentegraaf.analysis import graphs
from gemeentegraaf.cli.main import main
from gemeentegraaf.common.namespaces import GG, ID, OA
from gemeentegraaf.extract.evidence import Evidence, add_assertion, add_evidence_to
from gemeentegraaf.pipeline import ingest as ingest_module
from gemeentegraaf.pipeline.document_check import DocumentChecker
from gemeentegraaf.pipeline.evidence_bound import MAX_QUOTES_PER_FACT, bound_evidence
from gemeentegraaf.pipeline.ingest import IngestError, extract_ingested, prepare_ingest
from gemeentegraaf.store.oxigraph import open_store
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

try:
    from tests.analysis_fixture import World
except ImportError:  # run from tests/
    from analysis_fixture import World

SAME = "Het college wil de schulden in Zwolle aanpakken. "
ACTIVITY = ID["activiteit/extractie/test"]


def _fact(g: Graph, raw: str, spans: list[tuple[int, int]], key: str = "k") -> URIRef:
    first, *rest = (Evidence.from_span("test", raw, s, e) for s, e in spans)
    node = add_assertion(
        g, GG.Uitdaging, key, ID["gemeente/gm0193"], first, "test", ACTIVITY, thema=ID["thema/x"]
    )
    for ev in rest:
        add_evidence_to(g, node, ev)
    return node


def _quotes(g: Graph, fact: URIRef) -> list[str]:
    return sorted(
        str(g.value(sel, OA.exact))
        for ev in g.objects(fact, GG.bewijs)
        for sel in g.objects(ev, OA.hasSelector)
        if g.value(sel, OA.exact) is not None
    )


def _spans(raw: str, sentence: str) -> list[tuple[int, int]]:
    spans, at = [], raw.find(sentence)
    while at >= 0:
        spans.append((at, at + len(sentence)))
        at = raw.find(sentence, at + 1)
    return spans


def test_the_same_words_are_quoted_once_and_the_other_places_counted() -> None:
    raw = SAME * 30
    g = Graph()
    fact = _fact(g, raw, _spans(raw, SAME.strip()))
    assert bound_evidence(g) == 29
    assert _quotes(g, fact) == [SAME.strip()]
    assert g.value(fact, GG.weggelatenBewijs).toPython() == 29
    # the quote kept is the first, whose offset the fact's key carries; the others are gone
    assert [str(e) for e in g.objects(fact, GG.bewijs)] == [str(ID["bewijs/test/0-48"])]
    assert len(list(g.subjects(RDF.type, OA.TextQuoteSelector))) == 1


def test_at_most_ten_quotes_in_text_order_the_rest_counted() -> None:
    sentences = [f"In wijk {n} wil het college de schulden aanpakken." for n in range(1, 16)]
    raw = " ".join(sentences)
    g = Graph()
    fact = _fact(g, raw, [s for sentence in sentences for s in _spans(raw, sentence)])
    bound_evidence(g)
    assert _quotes(g, fact) == sorted(sentences[:MAX_QUOTES_PER_FACT])
    assert g.value(fact, GG.weggelatenBewijs).toPython() == 15 - MAX_QUOTES_PER_FACT


def test_evidence_another_fact_rests_on_stays() -> None:
    raw = SAME * 3
    g = Graph()
    spans = _spans(raw, SAME.strip())
    first = _fact(g, raw, spans, "een")
    other = _fact(g, raw, spans[1:2], "twee")  # the second place alone
    bound_evidence(g)
    assert len(list(g.objects(first, GG.bewijs))) == 1
    (kept,) = g.objects(other, GG.bewijs)
    assert g.value(kept, OA.hasSelector) is not None and _quotes(g, other) == [SAME.strip()]


def test_a_fact_with_few_quotes_is_left_as_it_is() -> None:
    raw = "Zwolle pakt de schulden aan. Zwolle pakt de armoede aan."
    g = Graph()
    _fact(g, raw, [(0, 28), (29, 55)])
    before = set(g)
    assert bound_evidence(g) == 0
    assert set(g) == before


def test_an_ingested_report_of_repeats_keeps_one_quote_and_conforms(
    context_store: Path, tmp_path: Path
) -> None:
    report = tmp_path / "herhaling.txt"
    report.write_text(SAME * 100, encoding="utf-8")  # one paragraph, no line break
    graph = extract_ingested(prepare_ingest(report, title=None, publisher="P", year=2024))
    facts = set(graph.subjects(RDF.type, GG.Bewering))
    assert facts
    for fact in facts:
        assert len(_quotes(graph, fact)) == 1
        assert graph.value(fact, GG.weggelatenBewijs).toPython() == 99
    store = open_store(context_store, read_only=True)
    try:
        checker = DocumentChecker.from_store(store)
    finally:
        store.close()
    assert checker.check(graph).conforms


def test_a_paragraph_or_a_sentence_longer_than_any_report_has_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "MAX_PARAGRAPH_CHARS", 2_000)
    monkeypatch.setattr(ingest_module, "MAX_SENTENCE_CHARS", 500)
    report = tmp_path / "lang.txt"
    report.write_text("# Kop\n\nKort begin van de tekst.\n\n" + SAME * 50, encoding="utf-8")
    with pytest.raises(IngestError, match=r"paragraph on line 5 has 2,449 characters.*2,000"):
        prepare_ingest(report, title=None, publisher="P", year=2024)
    words = "woningen schulden armoede jeugdzorg en " * 20
    report.write_text(f"# Kop\n\n{SAME * 5}\n\n{SAME}Zwolle wil {words}bouwen.\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"sentence on line 5 has 798 characters.*limit of 500"):
        prepare_ingest(report, title=None, publisher="P", year=2024)
    report.write_text(f"# Kop\n\n{SAME * 5}\n", encoding="utf-8")
    assert prepare_ingest(report, title=None, publisher="P", year=2024).document.passages


def test_the_command_refuses_a_pathological_report_in_one_line_and_changes_nothing(
    context_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setattr(ingest_module, "MAX_PARAGRAPH_CHARS", 2_000)
    store = tmp_path / "store"
    shutil.copytree(context_store, store)
    report = tmp_path / "herhaling.txt"
    report.write_text(SAME * 100, encoding="utf-8")
    argv = ["ingest", "--store", str(store), str(report), "--publisher", "P", "--year", "2024"]
    assert main([*argv, "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert "more than the limit of 2,000 for one paragraph" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "store-corpus").exists()
    assert not (tmp_path / "store-ingest-state.json").exists()


def test_the_analyses_read_a_fact_with_thousands_of_quotes_in_linear_time(monkeypatch) -> None:
    # A store ingested before quotes were bounded (or written to) may hold such a fact:
    # each quote was compared with every one before it (an eight-minute derivation).
    world = World().municipality("GM0193", "Zwolle").document("herhaling", 2026)
    world.challenge("GM0193", "schulden", "herhaling", "0-10")
    fact = next(t.split()[0] for t in world.graphs["document/herhaling"] if "Uitdaging" in t)
    for n in range(3_000):
        ev = f"<{ID}bewijs/extra{n}>"
        world.add(
            "document/herhaling",
            f"{fact} gg:bewijs {ev} . {ev} a oa:SpecificResource ; "
            f"oa:hasSource <{ID}document/herhaling> ; "
            f'oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "{SAME} {n}" ] .',
        )
    comparisons = 0
    compare = graphs.Evidence.__eq__

    def counted(self: graphs.Evidence, other: object) -> bool:
        nonlocal comparisons
        comparisons += 1
        return compare(self, other)

    monkeypatch.setattr(graphs.Evidence, "__eq__", counted)
    data = graphs.load_analysis_data(world.store())
    assert len(data.challenges["GM0193"][f"{ID}thema/schulden"]) == 3_001
    assert comparisons < 30_000  # (4.5 million before)
