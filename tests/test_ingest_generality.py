"""How general extraction is: every bundled report read again as a new document.

`evaluate_as_new` ingests each report the gold names under a new key and title into a
fresh store, the way `gemeentegraaf ingest` reads a user's report, and scores the copies
against the gold facts of the originals. The floors below hold
the generality issue's targets; a change that lowers one fails here.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from gemeentegraaf.common.namespaces import GG, document_graph
from gemeentegraaf.common.resources import CORPUS_DIR
from gemeentegraaf.evaluate import evaluate_as_new
from gemeentegraaf.pipeline.build import build, default_steps
from gemeentegraaf.pipeline.bulk import Job, Metadata, ingest_files
from gemeentegraaf.store.oxigraph import open_store

GOLD = Path(__file__).parent / "gold" / "dev.jsonl"

# Recall of the copies per kind against the development gold: challenge and practice
# facts must reach 0.85 (issue 9); the others stay at what the pipeline reaches today
# (measured: membership 0.97, the rest 1.00; raise, never lower).
RECALL_FLOOR = {
    "challenge": 0.85,
    "practice": 0.85,
    "membership": 0.95,
    "programme": 1.0,
    "bottleneck": 1.0,
    "stance": 0.9,
    "network_fact": 1.0,
}

EMMEN = "https://w3id.org/gemeentegraaf/id/gemeente/gm0114"
ALMELO = "https://w3id.org/gemeentegraaf/id/gemeente/gm0141"


@pytest.mark.slow
def test_reports_ingested_as_new_documents_keep_their_recall(tmp_path: Path) -> None:
    report, copies = evaluate_as_new(GOLD, workdir=tmp_path)
    assert len(copies) == 5
    assert all(c.key.startswith("nieuw-rapport-") for c in copies)
    for kind, floor in RECALL_FLOOR.items():
        recall = report.kinds[kind].recall
        assert recall >= floor, f"{kind}: recall {recall:.2f} on the copies, floor {floor}"
    assert not report.violations, "a negative gold fact is asserted by a copy"


def _swap(text: str, a: str, b: str) -> str:
    """Every whole-word `a` becomes `b` and every `b` becomes `a`."""
    return re.sub(rf"\b({a}|{b})\b", lambda m: b if m.group(1) == a else a, text)


def _facts(store_path: Path, key: str, subject: str) -> set[tuple[str, str]]:
    store = open_store(store_path, read_only=True)
    try:
        rows = store.select(
            f"SELECT ?c ?t WHERE {{ GRAPH <{document_graph(key)}> {{ "
            f"?a <{GG.onderwerp}> <{subject}> ; a ?c . "
            f"FILTER (?c != <{GG.Bewering}>) OPTIONAL {{ ?a <{GG.thema}> ?t }} }} }}"
        )
    finally:
        store.close()
    return {(r["c"], r["t"] or "") for r in rows}


@pytest.mark.slow
def test_facts_follow_the_names_when_municipalities_are_swapped(tmp_path: Path) -> None:
    original = (CORPUS_DIR / "platform31-analyse-coalitieakkoorden-2018.txt").read_text(
        encoding="utf-8"
    )
    swapped = _swap(original, "Emmen", "Almelo")
    assert swapped != original
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "eerste.txt").write_text(original, encoding="utf-8")
    (tmp_path / "docs" / "tweede.txt").write_text(swapped, encoding="utf-8")

    store = tmp_path / "store"
    build(store, steps=[s for s in default_steps() if s[0] in ("ontology", "themes", "reference")])
    meta = Metadata(title="Analyse", publisher="Platform31", year="2018")
    jobs = [Job(tmp_path / "docs" / f"{k}.txt", meta) for k in ("eerste", "tweede")]
    result = ingest_files(store, jobs)
    assert not result.failed, [o.message for o in result.failed]

    emmen_before = _facts(store, "eerste", EMMEN)
    assert emmen_before, "the original gives facts about Emmen"
    assert _facts(store, "tweede", ALMELO) == emmen_before
    assert _facts(store, "tweede", EMMEN) == _facts(store, "eerste", ALMELO)
    shutil.rmtree(store)
