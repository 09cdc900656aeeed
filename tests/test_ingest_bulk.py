"""Ingest at scale: folders in parallel, unchanged files skipped, changed ones replaced,
interrupted runs resumed, bad files reported while the rest lands; a size limit; what each
report gave; one fact per claim however often a passage repeats it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from gemeentegraaf.cli.main import main
from gemeentegraaf.common.namespaces import (
    GG,
    GRAPH_ANALYSES,
    SH,
    document_graph,
    document_uri,
)
from gemeentegraaf.pipeline.bulk import Job, Metadata, ingest_files, plan, state_path
from gemeentegraaf.pipeline.document_check import DocumentChecker
from gemeentegraaf.pipeline.ingest import (
    IngestError,
    extract_ingested,
    prepare_ingest,
    read_report_text,
)
from gemeentegraaf.queries import read_model
from gemeentegraaf.queries.search import GRAPH_SEARCH
from gemeentegraaf.sources import user_corpus
from gemeentegraaf.store.oxigraph import open_store
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

ZWOLLE = "https://w3id.org/gemeentegraaf/id/gemeente/gm0193"
LEIDEN = "https://w3id.org/gemeentegraaf/id/gemeente/gm0546"

WONEN = (
    "# Woonagenda\n\n"
    "De gemeente Zwolle zet in op betaalbaar wonen voor starters en ouderen in de stad. "
    "Daarnaast werkt Zwolle aan de aanpak van schulden en armoede in de wijken.\n"
)
WERK = (
    "# Werk en inkomen\n\n"
    "De gemeente Leiden zet in op werk en participatie van statushouders, met extra "
    "aandacht voor taal en begeleiding naar werk. Leiden wil meer mensen aan een baan helpen.\n"
)
NOTHING = (
    "# Verslag\n\n"
    + "Het weer was goed en de vergadering begon op tijd; er werd koffie geschonken. " * 5
    + "\n"
)


# context_store (conftest.py): the ontology, themes and reference data, built once.


@pytest.fixture
def store(context_store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(context_store, target)
    return target


def _facts_about(store_path: Path, key: str, subject: str) -> int:
    store = open_store(store_path, read_only=True)
    try:
        rows = store.select(
            f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH <{document_graph(key)}> "
            f"{{ ?a <{GG.onderwerp}> <{subject}> }} }}"
        )
        return rows[0]["n"]
    finally:
        store.close()


def _ingest(capsys, store: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["ingest", "--store", str(store), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_folder_lands_its_good_files_and_names_each_bad_one(store: Path, tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "wonen.md").write_text(WONEN * 3, encoding="utf-8")
    (docs / "werk.md").write_text(WERK * 3, encoding="utf-8")
    (docs / "leeg.txt").write_bytes(b"")
    (docs / "latin1.txt").write_bytes("Súdwest-Fryslân zet in op wonen. ".encode("latin-1") * 20)
    (docs / "kapot.pdf").write_bytes(b"%PDF-1.7\n not a pdf body")
    code, out, err = _ingest(capsys, store, str(docs), "--publisher", "Gemeente", "--year", "2024")
    assert code == 1  # some failed
    assert "leeg.txt: the file is empty" in err
    assert "latin1.txt: not UTF-8 text" in err
    assert "kapot.pdf: not a readable PDF" in err
    assert "Traceback" not in err
    assert "5 files" in out and "2 added" in out and "3 failed" in out
    assert _facts_about(store, "wonen", ZWOLLE) > 0
    assert _facts_about(store, "werk", LEIDEN) > 0
    # what each report gave: facts per kind and the municipalities they are about
    assert "challenge" in out and "Zwolle" in out and "Leiden" in out


def test_unchanged_files_are_skipped_and_a_changed_one_replaces_its_graph(
    store: Path, tmp_path: Path, capsys
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    report = docs / "nota.md"
    report.write_text(WONEN, encoding="utf-8")
    args = (str(docs), "--publisher", "Gemeente Zwolle", "--year", "2024")
    assert _ingest(capsys, store, *args)[0] == 0
    state = json.loads(state_path(store).read_text(encoding="utf-8"))["documents"]
    assert state["nota"]["done"] and len(state["nota"]["sha256"]) == 64

    code, out, _ = _ingest(capsys, store, *args)
    assert code == 0 and "unchanged nota" in out and "1 unchanged" in out
    # an unchanged report is not read again, but a --year that is no year still stops it
    code, out, err = _ingest(capsys, store, str(docs), "--publisher", "P", "--year", "twintig")
    assert code == 1 and "unchanged" not in out
    assert err == "error: year must be a number like 2023, not 'twintig'\n"
    # and a file that is not there is said in one line, before any progress
    code, out, err = _ingest(capsys, store, str(docs / "weg.md"), "--publisher", "P")
    assert (code, out, err) == (1, "", f"error: no such file: {docs / 'weg.md'}\n")

    # the next version names Leiden instead of Zwolle: the old facts go with the old graph
    report.write_text(WONEN.replace("Zwolle", "Leiden"), encoding="utf-8")
    code, out, _ = _ingest(capsys, store, *args)
    assert code == 0 and "replaced nota" in out
    assert _facts_about(store, "nota", ZWOLLE) == 0
    assert _facts_about(store, "nota", LEIDEN) > 0


def test_a_graph_from_another_file_is_not_replaced_without_asking(
    store: Path, tmp_path: Path, capsys
) -> None:
    first, second = tmp_path / "a" / "nota.md", tmp_path / "b" / "nota.md"
    for path, text in ((first, WONEN), (second, WERK)):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    meta = ("--publisher", "P", "--year", "2024")
    assert _ingest(capsys, store, str(first), *meta)[0] == 0
    code, _, err = _ingest(capsys, store, str(second), *meta)
    assert code == 1 and "pass --replace" in err
    assert _ingest(capsys, store, str(second), *meta, "--replace")[0] == 0
    assert _facts_about(store, "nota", LEIDEN) > 0


def test_an_interrupted_run_resumes_where_it_stopped(store: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(3):
        (docs / f"nota-{n}.md").write_text(WONEN if n % 2 else WERK, encoding="utf-8")
    jobs = plan([docs], Metadata(publisher="P", year="2024"))
    seen: list[str] = []

    def stop_after_first(outcome) -> None:
        seen.append(outcome.key)
        if len(seen) == 1:
            raise KeyboardInterrupt  # Ctrl-C while the run is under way

    first = ingest_files(store, jobs, workers=1, on_outcome=stop_after_first)
    assert first.interrupted and first.count("added") == 1
    again = ingest_files(store, jobs, workers=2)
    assert not again.interrupted
    assert again.count("unchanged") == 1 and again.count("added") == 2
    store_ = open_store(store, read_only=True)
    try:
        graphs = store_.graphs()
    finally:
        store_.close()
    assert all(str(document_graph(f"nota-{n}")) in graphs for n in range(3))


def test_metadata_csv_and_a_title_from_the_first_heading(store: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "wonen.md").write_text(WONEN, encoding="utf-8")
    (docs / "werk.md").write_text(WERK, encoding="utf-8")
    (docs / "meta.csv").write_text(
        "file,title,year,key\nwerk.md,Werkagenda Leiden,2022,werkagenda\n", encoding="utf-8"
    )
    code = main(
        [
            "ingest",
            "--store",
            str(store),
            str(docs),
            "--publisher",
            "Gemeente",
            "--year",
            "2024",
            "--metadata",
            str(docs / "meta.csv"),
        ]
    )
    assert code == 0
    rows = {r.key: r for r in user_corpus.records(store)}
    assert rows["werkagenda"].title == "Werkagenda Leiden" and rows["werkagenda"].year == 2022
    assert rows["wonen"].title == "Woonagenda" and rows["wonen"].year == 2024


def test_a_report_without_facts_is_added_with_a_warning(store: Path, tmp_path: Path, capsys):
    report = tmp_path / "verslag.md"
    report.write_text(NOTHING, encoding="utf-8")
    code, out, err = _ingest(capsys, store, str(report), "--publisher", "P", "--year", "2024")
    assert code == 0
    assert "0 facts" in out
    assert "warning:" in err and "no facts found" in err


def test_a_text_over_the_size_limit_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    report = tmp_path / "groot.txt"
    report.write_text(WONEN * 200, encoding="utf-8")
    with pytest.raises(IngestError, match=r"more than the limit of 0.01 MB.*--max-size"):
        read_report_text(report, max_mb=0.01)
    assert read_report_text(report, max_mb=1)  # under the limit: read


def test_cli_size_limit(store: Path, tmp_path: Path, capsys) -> None:
    report = tmp_path / "groot.md"
    report.write_text(WONEN * 200, encoding="utf-8")
    code, _, err = _ingest(
        capsys, store, str(report), "--publisher", "P", "--year", "2024", "--max-size", "0.01"
    )
    assert code == 1 and "more than the limit" in err and "Traceback" not in err


def test_the_same_claim_twice_in_a_passage_is_one_fact_with_two_pieces_of_evidence(
    tmp_path: Path,
) -> None:
    sentence = "De gemeente Zwolle zet in op de aanpak van schulden en armoede. "
    again = "Ook in de wijken zet Zwolle in op de aanpak van schulden en armoede. "
    filler = "Dat vraagt een lange adem van iedereen die meedoet. "
    report = tmp_path / "herhaling.txt"
    report.write_text(sentence + filler + again + filler, encoding="utf-8")
    graph = extract_ingested(prepare_ingest(report, title="T", publisher="P", year=2024))
    about_zwolle = [
        a
        for a in graph.subjects(RDF.type, GG.Uitdaging)
        if str(graph.value(a, GG.onderwerp)) == ZWOLLE
    ]
    assert about_zwolle
    for fact in about_zwolle:
        assert len(list(graph.objects(fact, GG.bewijs))) == 2
        assert graph.value(fact, GG.weggelatenBewijs) is None  # nothing left out


def test_an_unbroken_passage_of_repeats_gives_one_fact_per_claim(tmp_path: Path) -> None:
    sentence = "De gemeente Zwolle zet in op de aanpak van schulden en armoede. "
    report = tmp_path / "zonder-regels.txt"
    report.write_text(sentence * 2000, encoding="utf-8")  # ~130 KB, no line break
    ingested = prepare_ingest(report, title="T", publisher="P", year=2024)
    graph = extract_ingested(ingested)
    facts = set(graph.subjects(RDF.type, GG.Bewering))
    claims = {(graph.value(a, GG.onderwerp), graph.value(a, GG.thema)) for a in facts}
    assert len(facts) == len(claims) <= 4
    # the same words are quoted once (gemeentegraaf.pipeline.evidence_bound), and the
    # other 1,999 places are counted
    assert max(len(list(graph.objects(a, GG.bewijs))) for a in facts) == 1
    assert {graph.value(a, GG.weggelatenBewijs).toPython() for a in facts} == {1999}


def test_single_file_options_are_refused_for_a_folder(store: Path, tmp_path: Path, capsys):
    code, _, err = _ingest(capsys, store, str(tmp_path), "--title", "T", "--year", "2024")
    assert code == 1 and "--title and --key name one document" in err


def test_jobs_hold_the_command_line_defaults_under_the_csv(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(WONEN, encoding="utf-8")
    job = plan([tmp_path], Metadata(publisher="P", year="2020", kind="nota"))[0]
    assert isinstance(job, Job) and job.key == "a"
    assert (job.meta.publisher, job.meta.year, job.meta.kind) == ("P", "2020", "nota")


def test_a_text_without_line_breaks_that_opens_with_a_chapter_word_keeps_its_facts(
    tmp_path: Path,
) -> None:
    report = tmp_path / "van-een-webpagina.txt"
    report.write_text("Inleiding " + " ".join(WONEN.split()[2:]) * 5, encoding="utf-8")
    ingested = prepare_ingest(report, title="T", publisher="P", year=2024)
    assert [p.kind for p in ingested.document.passages] == ["alinea"]
    graph = extract_ingested(ingested)
    assert any(str(o) == ZWOLLE for o in graph.objects(None, GG.onderwerp))


def _wonen_and_checker(context_store: Path, tmp_path: Path) -> tuple[Path, Graph, DocumentChecker]:
    """A report about housing in Zwolle, its graph, and a checker of the context store."""
    report = tmp_path / "wonen.md"
    report.write_text(WONEN, encoding="utf-8")
    graph = extract_ingested(prepare_ingest(report, title="T", publisher="P", year=2024))
    store = open_store(context_store, read_only=True)
    try:
        return report, graph, DocumentChecker.from_store(store)
    finally:
        store.close()


def test_a_document_is_checked_against_the_context_it_links_into(
    context_store: Path, tmp_path: Path
) -> None:
    _, graph, checker = _wonen_and_checker(context_store, tmp_path)
    assert checker.check(graph).conforms
    # a document that says something about a municipality is checked with what the
    # reference graph says of it: Zwolle is a tooiont:Gemeente there, with one CBS code
    graph.add((URIRef(ZWOLLE), GG.cbsCode, Literal("GM0194")))
    check = checker.check(graph)
    assert not check.conforms
    assert any("Zwolle" in v.focus_text or "gm0193" in v.focus_text for v in check.violations)
    # the check leaves its context as it was
    graph.remove((URIRef(ZWOLLE), GG.cbsCode, Literal("GM0194")))
    assert checker.check(graph).conforms


GEMEENTE_AMSTERDAM = URIRef("https://w3id.org/gemeentegraaf/id/gemeente/gm0363")


def test_a_document_is_checked_at_the_values_of_its_nested_shapes(
    context_store: Path, tmp_path: Path
) -> None:
    # pyshacl applies a nested shape (gg:thema through sh:node ggsh:ThemaRef) to no value
    # that is not a focus node itself: with focus nodes alone, a literal theme passed.
    report, graph, checker = _wonen_and_checker(context_store, tmp_path)
    fact, theme = next(iter(graph.subject_objects(GG.thema)))
    graph.remove((fact, GG.thema, theme))
    graph.add((fact, GG.thema, Literal("wonen")))
    check = checker.check(graph)
    assert not check.conforms
    assert [v.shape_text for v in check.violations if v.is_violation] == ["ggsh:Bewering-thema"]
    # the report graph says so too, in each of the two runs' report nodes
    assert set(check.to_graph().objects(None, SH.conforms)) == {Literal(False)}
    graph.remove((fact, GG.thema, Literal("wonen")))
    graph.add((fact, GG.thema, theme))
    assert checker.check(graph).conforms
    # what the context says of itself is not the document's: a report about Amsterdam
    # got the reference graph's warning at Amsterdam's G4 membership
    report.write_text(WONEN.replace("Zwolle", "Amsterdam"), encoding="utf-8")
    graph = extract_ingested(prepare_ingest(report, title="T", publisher="P", year=2024))
    assert GEMEENTE_AMSTERDAM in set(graph.objects(None, GG.onderwerp))
    assert checker.check(graph).violations == []


def _folder(tmp_path: Path, reports: dict[str, str]) -> Path:
    """A folder of reports, each text three times over (long enough to be a report)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in reports.items():
        (docs / name).write_text(text * 3, encoding="utf-8")
    return docs


def test_an_ingest_derives_the_similarities_and_search_terms_again(
    store: Path, tmp_path: Path, capsys
) -> None:
    # The analyses and search graphs are derived from the whole store: a municipality's
    # linked data named the neighbours of the last build while its page, computed from
    # the facts, named today's.
    docs = _folder(
        tmp_path,
        {"wonen.md": WONEN, "werk.md": WERK, "leiden.md": WONEN.replace("Zwolle", "Leiden")},
    )
    code, _out, err = _ingest(capsys, store, str(docs), "--publisher", "Gemeente", "--year", "2024")
    assert code == 0, err
    opened = open_store(store, read_only=True)
    try:
        neighbours = opened.select(
            f"SELECT ?b WHERE {{ GRAPH <{GRAPH_ANALYSES}> {{ <{ZWOLLE}> <{GG.lijktOp}> ?b }} }}"
        )
        found = opened.ask(
            f'ASK {{ GRAPH <{GRAPH_SEARCH}> {{ ?item <{GG.zoekterm}> "statushouders" }} }}'
        )
    finally:
        opened.close()
    assert [str(r["b"]) for r in neighbours] == [LEIDEN]
    assert found
    assert "deriving the similar municipalities and search terms again" in err
    assert re.search(r"^derived again \(\d+ s; \d+ s in all\)$", err, re.M)


def test_derived_graphs_left_stale_by_a_stopped_ingest_are_made_on_the_next_run(
    store: Path, tmp_path: Path, capsys
) -> None:
    # Ctrl-C or a failure after a document landed but before the derivation: the next
    # run finds every file unchanged and must still derive
    docs = _folder(tmp_path, {"wonen.md": WONEN})
    args = (str(docs), "--publisher", "Gemeente", "--year", "2024")
    assert _ingest(capsys, store, *args)[0] == 0
    state = json.loads(state_path(store).read_text(encoding="utf-8"))
    assert state["derivations_stale"] is False
    state["derivations_stale"] = True
    state_path(store).write_text(json.dumps(state), encoding="utf-8")
    code, out, err = _ingest(capsys, store, *args)
    assert code == 0 and "unchanged" in out
    assert "deriving the similar municipalities and search terms again" in err
    assert json.loads(state_path(store).read_text(encoding="utf-8"))["derivations_stale"] is False
    code, _out, err = _ingest(capsys, store, *args)
    assert "deriving" not in err


def test_a_documents_sections_come_in_document_order_also_one_without_facts(
    store: Path, tmp_path: Path, capsys
) -> None:
    # "Inhoud" holds no fact and had no offset of its own: it came last on the page
    report = tmp_path / "akkoord.md"
    report.write_text(
        "# Akkoord\n\n## Inhoud\n\n1. Wonen\n2. Werk\n\n## 1. Wonen\n\n" + WONEN.split("\n\n")[1]
        + "\n## 2. Werk\n\n" + WERK.split("\n\n")[1],
        encoding="utf-8",
    )  # fmt: skip
    code, _out, err = _ingest(
        capsys, store, str(report), "--publisher", "Gemeente Zwolle", "--year", "2024"
    )
    assert code == 0, err
    opened = open_store(store, read_only=True)
    try:
        outline = read_model.sections(opened, str(document_uri("akkoord")))
    finally:
        opened.close()
    assert [s["title"] for s in outline] == ["Akkoord"]
    assert [s["title"] for s in outline[0]["children"]] == ["Inhoud", "1. Wonen", "2. Werk"]
