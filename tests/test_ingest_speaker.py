"""`ingest --speaker`: who writes a report, given on the command line or in the metadata CSV,
else inferred; the summary says which speaker was used and how it was found."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.cli.main import main
from gemeentegraaf.common.namespaces import GG, document_graph
from gemeentegraaf.pipeline.bulk import Metadata, plan, read_metadata, state_path
from gemeentegraaf.pipeline.ingest import extract_ingested, prepare_ingest, summarise
from gemeentegraaf.service.app import create_app
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.store.oxigraph import open_store

HOUTEN = "https://w3id.org/gemeentegraaf/id/gemeente/gm0321"
ZWOLLE = "https://w3id.org/gemeentegraaf/id/gemeente/gm0193"

# A programme that never names its municipality: only "we" and "het college".
PROGRAMME = (
    "# Ons programma\n\n"
    "Het college zet de komende jaren in op woningbouw voor starters. "
    "We willen de armoede in onze wijken aanpakken en investeren in de jeugdzorg. "
    "Daarnaast gaan we de energietransitie versnellen, samen met onze inwoners. "
    "Wij willen dat ons college dichtbij de inwoners staat en dat we de raad goed informeren.\n"
)


# context_store (conftest.py): the ontology, themes and reference data, built once.


@pytest.fixture
def store(context_store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(context_store, target)
    return target


def _subjects(store_path: Path, key: str) -> set[str]:
    store = open_store(store_path, read_only=True)
    try:
        rows = store.select(
            f"SELECT DISTINCT ?s WHERE {{ GRAPH <{document_graph(key)}> "
            f"{{ ?a a <{GG.Uitdaging}> ; <{GG.onderwerp}> ?s }} }}"
        )
        return {str(r["s"]) for r in rows}
    finally:
        store.close()


def _ingest(capsys, store: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["ingest", "--store", str(store), "--quiet", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _ingest_houtens_programme(capsys, store: Path, tmp_path: Path) -> str:
    """PROGRAMME ingested as Houten's (key "programma"); its standard output."""
    report = tmp_path / "programma.md"
    report.write_text(PROGRAMME, encoding="utf-8")
    code, out, err = _ingest(
        capsys, store, str(report), "--publisher", "Het college", "--year", "2022",
        "--speaker", "GM0321",
    )  # fmt: skip
    assert code == 0, err
    return out


def test_a_given_speaker_is_who_we_and_het_college_are(store: Path, tmp_path: Path, capsys):
    out = _ingest_houtens_programme(capsys, store, tmp_path)
    assert "speaker: Houten (GM0321, given)" in out
    assert _subjects(store, "programma") == {HOUTEN}


def test_without_a_speaker_the_publisher_names_it_and_the_summary_says_so(
    store: Path, tmp_path: Path, capsys
):
    report = tmp_path / "programma.md"
    report.write_text(PROGRAMME, encoding="utf-8")
    code, out, err = _ingest(
        capsys, store, str(report), "--publisher", "Gemeente Zwolle", "--year", "2022"
    )
    assert code == 0, err
    assert "speaker: Zwolle (GM0193, from the publisher)" in out
    assert _subjects(store, "programma") == {ZWOLLE}


def test_a_given_speaker_wins_over_the_publisher(store: Path, tmp_path: Path, capsys):
    report = tmp_path / "programma.md"
    report.write_text(PROGRAMME, encoding="utf-8")
    code, out, _err = _ingest(
        capsys, store, str(report), "--publisher", "Gemeente Zwolle", "--year", "2022",
        "--speaker", "gm0321",
    )  # fmt: skip
    assert code == 0
    assert "speaker: Houten (GM0321, given)" in out
    assert _subjects(store, "programma") == {HOUTEN}


def test_no_speaker_found_is_said_and_first_person_gives_no_subject(
    store: Path, tmp_path: Path, capsys
):
    report = tmp_path / "programma.md"
    report.write_text(PROGRAMME, encoding="utf-8")
    code, out, err = _ingest(capsys, store, str(report), "--publisher", "Iemand", "--year", "2022")
    assert code == 0
    assert "speaker: none" in out
    assert _subjects(store, "programma") == set()
    assert "no facts found" in err


def test_an_unknown_speaker_code_is_one_line_and_nothing_is_ingested(
    store: Path, tmp_path: Path, capsys
):
    report = tmp_path / "programma.md"
    report.write_text(PROGRAMME, encoding="utf-8")
    for bad in ("GM9999", "Houten"):
        code, out, err = _ingest(
            capsys, store, str(report), "--publisher", "P", "--year", "2022", "--speaker", bad
        )
        assert code == 1
        assert err.startswith("error: ") and bad in err and len(err.strip().splitlines()) == 1
        assert "Traceback" not in err
    assert _subjects(store, "programma") == set()


def test_a_network_can_speak(tmp_path: Path) -> None:
    report = tmp_path / "positie.md"
    report.write_text(PROGRAMME, encoding="utf-8")
    prepared = prepare_ingest(report, title="Positie", publisher="Iemand", year=2022)
    graph = extract_ingested(prepared, speaker="G32")
    assert prepared.speaker is not None and prepared.speaker.code == "G32"
    assert summarise(graph, prepared).speaker == "G32 (given)"


def test_the_metadata_csv_gives_each_file_its_speaker(store: Path, tmp_path: Path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "houten.md").write_text(PROGRAMME, encoding="utf-8")
    (docs / "zwolle.md").write_text(PROGRAMME, encoding="utf-8")
    (docs / "meta.csv").write_text("file,speaker\nhouten.md,GM0321\nzwolle.md,\n", encoding="utf-8")
    rows = read_metadata(docs / "meta.csv")
    assert rows[(docs / "houten.md").resolve()].speaker == "GM0321"
    code, out, err = _ingest(
        capsys, store, str(docs), "--publisher", "Het college", "--year", "2022",
        "--metadata", str(docs / "meta.csv"), "--speaker", "GM0193", "--jobs", "1",
    )  # fmt: skip
    assert code == 0, err
    assert _subjects(store, "houten") == {HOUTEN}  # the CSV's cell wins
    assert _subjects(store, "zwolle") == {ZWOLLE}  # an empty cell takes --speaker
    assert "speaker: Houten (GM0321, given)" in out and "speaker: Zwolle (GM0193, given)" in out


def test_a_bad_speaker_in_the_metadata_csv_names_the_row(store: Path, tmp_path: Path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "houten.md").write_text(PROGRAMME, encoding="utf-8")
    (docs / "meta.csv").write_text("file,speaker\nhouten.md,GM0000\n", encoding="utf-8")
    code, _out, err = _ingest(
        capsys, store, str(docs), "--publisher", "P", "--year", "2022",
        "--metadata", str(docs / "meta.csv"),
    )  # fmt: skip
    assert code == 1
    assert "houten.md" in err and "GM0000" in err


def test_plan_keeps_the_speaker_of_the_command_line(tmp_path: Path) -> None:
    report = tmp_path / "a.md"
    report.write_text(PROGRAMME, encoding="utf-8")
    jobs = plan([report], Metadata(speaker="GM0321"))
    assert jobs[0].meta.speaker == "GM0321"


def test_the_same_file_with_another_speaker_is_ingested_again(store: Path, tmp_path, capsys):
    report = tmp_path / "programma.md"
    report.write_text(PROGRAMME, encoding="utf-8")
    args = (str(report), "--publisher", "Iemand", "--year", "2022")
    code, out, _err = _ingest(capsys, store, *args)
    assert code == 0 and "speaker: none" in out
    code, out, _err = _ingest(capsys, store, *args)
    assert code == 0 and out.startswith("unchanged")
    code, out, err = _ingest(capsys, store, *args, "--speaker", "GM0321")
    assert code == 0, err
    assert out.startswith("replaced") and "speaker: Houten (GM0321, given)" in out
    assert _subjects(store, "programma") == {HOUTEN}
    code, out, _err = _ingest(capsys, store, *args, "--speaker", "gm0321")
    assert code == 0 and out.startswith("unchanged")


def test_the_state_file_names_the_speaker_used_also_when_it_was_inferred(
    store: Path, tmp_path: Path, capsys
):
    report = tmp_path / "programma.md"
    report.write_text(PROGRAMME, encoding="utf-8")
    args = (str(report), "--publisher", "Gemeente Zwolle", "--year", "2022")
    code, _out, err = _ingest(capsys, store, *args)
    assert code == 0, err
    entry = json.loads(state_path(store).read_text(encoding="utf-8"))["documents"]["programma"]
    assert entry["speaker"] == "Zwolle (GM0193, from the publisher)"
    assert entry["speaker_given"] is None
    # A state file written before "speaker_given" kept the given speaker under "speaker":
    # the same file with the same speaker given is still unchanged.
    code, _out, err = _ingest(capsys, store, *args, "--speaker", "GM0193")
    assert code == 0, err
    state = json.loads(state_path(store).read_text(encoding="utf-8"))
    entry = state["documents"]["programma"]
    assert entry["speaker_given"] == "GM0193"
    del entry["speaker_given"]
    entry["speaker"] = "GM0193"
    state_path(store).write_text(json.dumps(state), encoding="utf-8")
    code, out, _err = _ingest(capsys, store, *args, "--speaker", "GM0193")
    assert code == 0 and out.startswith("unchanged")


def test_the_summary_says_how_many_facts_are_negated(store: Path, tmp_path: Path, capsys):
    report = tmp_path / "programma.md"
    report.write_text(
        PROGRAMME + "\nArmoede is voor ons college geen prioriteit meer.\n", encoding="utf-8"
    )
    prepared = prepare_ingest(report, title="Programma", publisher="Gemeente Zwolle", year=2022)
    summary = summarise(extract_ingested(prepared), prepared)
    assert summary.negated == 1
    assert summary.line().endswith(", 1 of them negated")


def test_the_documents_api_names_each_reports_speaker_and_genre(
    store: Path, tmp_path: Path, capsys
):
    _ingest_houtens_programme(capsys, store, tmp_path)
    with TestClient(create_app(Settings(store_path=store))) as client:
        docs = {d["key"]: d for d in client.get("/api/documents").json()}
    assert docs["programma"]["speaker"] == "Houten"
    assert docs["programma"]["speaker_uri"] == HOUTEN
    assert docs["programma"]["genre"]
