"""`gemeentegraaf remove KEY`: a document a user ingested leaves the store with its facts,
its evidence, its kept text and what was derived from it; anything else is refused in one
line and changes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gemeentegraaf.cli.main import main
from gemeentegraaf.common.namespaces import document_graph
from gemeentegraaf.queries.search import GRAPH_SEARCH
from gemeentegraaf.sources import user_corpus
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.store.oxigraph import open_store

REPORT = (
    "# Motie Zwolle\n\n"
    "De gemeente Zwolle zet in op betaalbaar wonen voor starters en ouderen in de stad. "
    "Daarnaast werkt Zwolle aan de aanpak van schulden en armoede in de wijken. "
    "Het college wil de jeugdzorg in Zwolle verbeteren en de wachtlijsten verkorten.\n"
)
GRAPH = str(document_graph("motie-zwolle"))


@pytest.fixture
def store(context_store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(context_store, target)
    return target


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _count(store: Path, where: str) -> int:
    s = open_store(store, read_only=True)
    try:
        return s.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0]["n"]
    finally:
        s.close()


def _state(store: Path) -> str:
    path = store.with_name(f"{store.name}-ingest-state.json")
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _ingest(capsys, store: Path, tmp_path: Path) -> None:
    report = tmp_path / "motie-zwolle.md"
    report.write_text(REPORT, encoding="utf-8")
    code, out, _ = _run(
        capsys, "ingest", "--store", str(store), str(report), "--quiet",
        "--publisher", "Gemeente Zwolle", "--year", "2026",
    )  # fmt: skip
    assert code == 0 and "added motie-zwolle" in out


def test_removing_an_ingested_document_takes_its_facts_text_and_derivations(
    store: Path, tmp_path: Path, capsys
) -> None:
    _ingest(capsys, store, tmp_path)
    assert _count(
        store, f"GRAPH <{GRAPH}> {{ ?a a <https://w3id.org/gemeentegraaf/def#Bewering> }}"
    )
    searched = f"GRAPH <{GRAPH_SEARCH}> {{ ?item ?p ?o FILTER(CONTAINS(STR(?item), 'motie')) }}"
    assert _count(store, searched)
    code, out, err = _run(capsys, "remove", "motie-zwolle", "--store", str(store))
    assert code == 0, err
    assert out.startswith("removed motie-zwolle (Motie Zwolle): ")
    assert _count(store, f"GRAPH <{GRAPH}> {{ ?s ?p ?o }}") == 0
    assert _count(store, "?s ?p ?o FILTER(CONTAINS(STR(?s), 'motie-zwolle'))") == 0
    assert _count(store, searched) == 0  # the search terms were derived again
    assert not any(r.key == "motie-zwolle" for r in user_corpus.records(store))
    assert not (user_corpus.corpus_dir(store) / "motie-zwolle.txt").exists()
    assert "motie-zwolle" not in _state(store)
    # (a rebuild reads user_corpus.records: it does not bring it back)


def test_an_unknown_key_or_a_bundled_document_is_refused_and_nothing_changes(
    store: Path, capsys
) -> None:
    # a report kept beside the store, as ingest keeps it
    record = CorpusRecord("motie-zwolle", "x", "Motie Zwolle", "Gemeente Zwolle", 2026, "2026",
                          "rapport", "nl")  # fmt: skip
    user_corpus.save(store, record, REPORT, "motie-zwolle.md")
    before = (_count(store, "GRAPH ?g { ?s ?p ?o }"), _state(store), user_corpus.records(store))
    for key, says in (
        ("onbekend", "no ingested document onbekend; ingested: motie-zwolle"),
        ("motie-zwolle.md", "the key of motie-zwolle.md is motie-zwolle"),
        ("platform31-trendstudie-2013", "is a document of the bundled corpus"),
        ("", "give the key of a document you ingested"),
    ):
        code, _, err = _run(capsys, "remove", key, "--store", str(store))
        assert code == 1 and says in err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    after = (_count(store, "GRAPH ?g { ?s ?p ?o }"), _state(store), user_corpus.records(store))
    assert after == before
