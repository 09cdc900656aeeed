"""The command line, as a user types it."""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import uvicorn
from gemeentegraaf.cli import main as cli_main
from gemeentegraaf.cli.main import main
from gemeentegraaf.pipeline.build import BuildResult
from gemeentegraaf.store.base import StoreError
from gemeentegraaf.store.oxigraph import open_store
from rdflib import Dataset

try:
    from tests.service_sample import build_sample_store
    from tests.uvicorn_server import free_port
except ImportError:  # tests/ itself on sys.path rather than the repository root
    from service_sample import build_sample_store
    from uvicorn_server import free_port

COUNT = (
    "PREFIX tooiont: <https://identifier.overheid.nl/tooi/def/ont/> "
    "SELECT (COUNT(*) AS ?n) WHERE { ?g a tooiont:Gemeente }"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_query_counts_605_municipalities_as_table(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "query", "--store", str(built_store), COUNT)
    assert code == 0
    assert "605" in out.splitlines()[2]


def test_query_json_is_sparql_results_json(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "query", "--store", str(built_store), "--format", "json", COUNT)
    assert code == 0
    data = json.loads(out)
    assert data["head"]["vars"] == ["n"]
    assert data["results"]["bindings"][0]["n"]["value"] == "605"


def test_query_csv(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "query", "--store", str(built_store), "--format", "csv", COUNT)
    assert code == 0
    assert out.splitlines() == ["n", "605"]


def test_syntax_error_is_one_clear_line(built_store: Path, capsys) -> None:
    code, out, err = run(capsys, "query", "--store", str(built_store), "SELEC ?x WHERE {")
    assert code == 1
    assert err.startswith("error: SPARQL syntax error")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_missing_store_is_a_clear_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "query", "--store", str(tmp_path / "nope"), COUNT)
    assert code == 1
    assert "gemeentegraaf build" in err and "Traceback" not in err


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld"])
def test_export_round_trips(built_store: Path, tmp_path: Path, capsys, fmt: str) -> None:
    out_file = tmp_path / f"dump.{fmt}"
    code, _, _ = run(
        capsys, "export", "--store", str(built_store), "--format", fmt, "--output", str(out_file)
    )
    assert code == 0
    ds = Dataset()
    ds.parse(out_file, format={"trig": "trig", "nq": "nquads", "jsonld": "json-ld"}[fmt])
    graphs = {str(g.identifier) for g in ds.graphs()}
    assert "https://w3id.org/gemeentegraaf/graph/reference" in graphs


def test_export_turtle_merges_graphs(built_store: Path, tmp_path: Path, capsys) -> None:
    out_file = tmp_path / "dump.ttl"
    code, _, _ = run(
        capsys, "export", "--store", str(built_store), "--format", "ttl", "--output", str(out_file)
    )
    assert code == 0
    assert "gm0363" in out_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["build", "validate", "query", "export", "serve"])
def test_every_command_has_help(capsys, command: str) -> None:
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "--store" in capsys.readouterr().out


FIXTURES = Path(__file__).parent / "fixtures" / "shapes"


def test_validate_reports_the_exact_violation_of_a_broken_file(capsys) -> None:
    code, out, _ = run(capsys, "validate", str(FIXTURES / "broken_cbs_code_three_digits.ttl"))
    assert code == 1
    assert "does NOT conform" in out
    assert "gg:cbsCode" in out and "GM0" in out  # the path and the offending value
    assert "focus:" in out


def test_validate_accepts_a_valid_file(capsys) -> None:
    code, out, _ = run(capsys, "validate", str(FIXTURES / "valid.ttl"))
    assert code == 0, out


def test_validate_refuses_invalid_rdf_with_one_line(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 1 and "not valid RDF" in err and "Traceback" not in err


@pytest.mark.slow
def test_validate_conforms_on_the_real_build(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "validate", "--store", str(built_store))
    assert code == 0, out[:2000]


def ingest(capsys, store_path: Path, report: Path, title: str = "Nota wonen"):
    return run(
        capsys,
        "ingest",
        "--store",
        str(store_path),
        str(report),
        "--title",
        title,
        "--publisher",
        "Gemeente Zwolle",
        "--year",
        "2024",
    )


def test_ingest_adds_a_report_with_its_facts_and_keeps_it_across_rebuilds(
    built_store: Path, tmp_path: Path, capsys
) -> None:
    import shutil

    from gemeentegraaf.pipeline.build import build

    store_path = tmp_path / "store"
    shutil.copytree(built_store, store_path)
    report = tmp_path / "nota.md"
    report.write_text(
        "# Wonen en schulden\n\n"
        "De gemeente Zwolle zet in op de aanpak van schulden en armoede. "
        "Zwolle wil dat meer inwoners met problematische schulden hulp krijgen. "
        "De gemeente Leiden geeft prioriteit aan betaalbaar wonen en de bouw van sociale huurwoningen. "
        "Daarnaast werkt Leiden samen met corporaties aan de aanpak van dakloosheid.\n\n"
        "## Werk\n\n"
        "Voor de komende jaren zet de gemeente Zwolle in op werk en participatie van statushouders, "
        "met extra aandacht voor taal en begeleiding naar werk.\n",
        encoding="utf-8",
    )
    code, out, err = ingest(capsys, store_path, report)
    assert code == 0, err
    # Not a terminal: a line per step instead of a bar, so a long ingest is not silent.
    assert "nota.md: extract (starting at " in err
    # the write to the store, the last step, says when it ended
    assert re.search(
        r"nota\.md: store \(starting at \d+ s\)\n.*nota\.md: done \(\d+ s in all\)", err, re.S
    )
    graph_uri = "https://w3id.org/gemeentegraaf/graph/document/nota"

    def facts_about_zwolle() -> int:
        store = open_store(store_path, read_only=True)
        try:
            assert graph_uri in store.graphs()
            rows = store.select(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_uri}> {{ ?a "
                "<https://w3id.org/gemeentegraaf/def#onderwerp> "
                "<https://w3id.org/gemeentegraaf/id/gemeente/gm0193> } }"
            )
            return rows[0]["n"]
        finally:
            store.close()

    assert facts_about_zwolle() > 0
    # the text is kept beside the store, so a rebuild includes the report again
    build(store_path)
    assert facts_about_zwolle() > 0


def test_ingest_adds_a_document_graph_and_refuses_a_broken_pdf(tmp_path: Path, capsys) -> None:
    from gemeentegraaf.pipeline.build import build

    from tests.test_build import _steps

    store_path = tmp_path / "store"
    build(store_path, steps=_steps("GM0363"))
    report = tmp_path / "nota.md"
    report.write_text(
        "# Wonen in Zwolle\n\n"
        + "De gemeente Zwolle bouwt de komende jaren duizend woningen per jaar voor starters. " * 4
        + "\n\n## Schulden\n\n"
        + "Zwolle pakt schulden vroeg aan, samen met woningcorporaties en energiebedrijven. " * 4
        + "\n",
        encoding="utf-8",
    )
    code, out, err = ingest(capsys, store_path, report)
    assert code == 0, err
    store = open_store(store_path, read_only=True)
    assert "https://w3id.org/gemeentegraaf/graph/document/nota" in store.graphs()
    store.close()

    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.7\n this is not a pdf body")
    code, _, err = ingest(capsys, store_path, broken, title="Kapot")
    # One error line (after the progress lines of the steps it got through).
    errors = [line for line in err.splitlines() if not line.startswith("kapot.pdf: ")]
    assert code == 1 and len(errors) == 1 and errors[0].startswith("error:")
    assert "Traceback" not in err
    store = open_store(store_path, read_only=True)
    assert not any("kapot" in g for g in store.graphs())
    store.close()


def test_challenges_lists_themes_with_quotes(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "challenges", "--store", str(built_store), "gm0114")
    assert code == 0
    assert out.startswith("Emmen (GM0114):")
    assert "Demografie" in out or "Krimp" in out
    assert "“" in out and "/id/bewering/" in out


def test_challenges_json_is_the_api_shape(built_store: Path, capsys) -> None:
    code, out, _ = run(capsys, "challenges", "--store", str(built_store), "GM0114", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["municipality"]["code"] == "GM0114"
    first = data["challenges"][0]
    assert first["theme"]["uri"].startswith("https://w3id.org/gemeentegraaf/id/thema/")
    assert all(ev["quote"] and ev["assertion"] for ev in first["evidence"])
    assert all(entry["evidence"] != [] for entry in data["challenges"])


@pytest.mark.parametrize(
    ("code", "message"), [("GM9999", "Onbekende gemeente"), ("xx", "Ongeldige gemeentecode")]
)
def test_challenges_of_a_bad_code_is_one_line(
    built_store: Path, capsys, code: str, message: str
) -> None:
    status, _, err = run(capsys, "challenges", "--store", str(built_store), code)
    assert status == 1 and message in err and len(err.strip().splitlines()) == 1


def test_validate_says_so_when_a_file_holds_no_triples(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.ttl"
    empty.write_text("# nothing here\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(empty))
    assert code == 1 and "holds no RDF triples" in err


def test_serve_keeps_idle_connections_longer_than_clients_do(
    built_store: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A server that closes an idle connection when the client may still reuse it
    # (httpx keeps one 5 s) drops that client's next request without an answer.
    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options))
    code, _, err = run(capsys, "serve", "--store", str(built_store), "--port", "8123")
    assert code == 0, err
    assert seen["port"] == 8123 and seen["timeout_keep_alive"] > 60


def test_serve_takes_no_more_connections_than_half_its_descriptors(
    built_store: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past that, new connections get 503 while the store, the workers and their pipes
    # keep the descriptors they need (an outside probe held 20,000 slow connections).
    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options))
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    code, _, err = run(capsys, "serve", "--store", str(built_store), "--port", "8123")
    assert code == 0, err
    limit = seen["limit_concurrency"]
    assert isinstance(limit, int) and 64 <= limit <= 4096
    if soft != resource.RLIM_INFINITY:
        assert limit <= max(64, soft // 2)


def test_serve_logs_the_projects_own_messages_in_uvicorns_format() -> None:
    # Without a handler for "gemeentegraaf", Python printed only warnings, bare: a server
    # that switched to a new data version said nothing. Applied in a process of its own,
    # as the configuration is global.
    code = (
        "import logging, logging.config\n"
        "from gemeentegraaf.cli.main import serve_log_config\n"
        "logging.config.dictConfig(serve_log_config())\n"
        "logging.getLogger('gemeentegraaf.store').info('now answering from data version x')\n"
        "logging.getLogger('gemeentegraaf.store').debug('not shown')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == ["INFO:     now answering from data version x"]


def test_build_writes_a_line_per_step_to_a_log_not_a_bar(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A redirected build log held the bar's carriage returns on one long line.
    def fake_build(target: Path, progress) -> BuildResult:
        for step in ("ontology", "validate", "store"):
            progress(step)
        return BuildResult(store=target, graphs={"https://example.org/g": 3}, seconds=0.5)

    monkeypatch.setattr(cli_main, "build", fake_build)
    assert cli_main.main(["build", "--store", str(tmp_path / "store")]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err
    assert re.findall(r"^build: (\w+) \(starting at \d+ s\)$", err, re.M) == [
        "ontology",
        "validate",
        "store",
    ]
    assert cli_main.main(["build", "--store", str(tmp_path / "store"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""


@pytest.fixture
def damaged_store(tmp_path: Path) -> Path:
    """A store folder whose RocksDB files are not RocksDB's (a disk error, a bad copy)."""
    store = tmp_path / "damaged"
    store.mkdir()
    (store / "CURRENT").write_text("not a manifest name\n")
    (store / "MANIFEST-000001").write_bytes(b"\x00garbage")
    return store


def test_a_damaged_store_is_refused_in_one_line(damaged_store: Path, capsys) -> None:
    # pyoxigraph says "Corruption: …" with a RuntimeError, which went out as an internal
    # error ("error: RuntimeError: … (run with --debug for the traceback)")
    code, _, err = run(capsys, "query", "--store", str(damaged_store), "ASK {}")
    assert code == 1
    assert err.startswith(f"error: cannot open the store at {damaged_store}: ")
    assert "Traceback" not in err


def test_serve_on_a_damaged_store_stops_in_one_line(damaged_store: Path) -> None:
    # The store is opened in the app's startup, under uvicorn, which printed the whole
    # traceback Starlette gave it.
    code = (
        "import sys\n"
        "from gemeentegraaf.cli.main import main\n"
        f"sys.exit(main(['serve', '--store', {str(damaged_store)!r}, '--port', '{free_port()}']))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert f"cannot start the service: cannot open the store at {damaged_store}" in done.stderr


@pytest.fixture
def store_with_damaged_blocks(tmp_path: Path) -> Path:
    """A store that opens, but some of whose data blocks were overwritten (a disk error)."""
    store = build_sample_store(tmp_path / "store")
    for table in store.glob("*.sst"):
        data = bytearray(table.read_bytes())
        if len(data) > 10_000:
            data[len(data) // 3 : len(data) // 3 + 64] = bytes(64)
            table.write_bytes(bytes(data))
    return store


def test_a_store_with_damaged_blocks_is_a_store_error_not_an_internal_one(
    store_with_damaged_blocks: Path, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "dump.nq"
    code, _, err = run(
        capsys, "export", "--store", str(store_with_damaged_blocks), "--output", str(out)
    )
    assert code == 1
    assert err.startswith(f"error: cannot read the store at {store_with_damaged_blocks}: ")
    assert "Corruption" in err and "--debug" not in err


def test_the_read_view_of_a_store_with_damaged_blocks_fails_as_a_store_error(
    store_with_damaged_blocks: Path, tmp_path: Path
) -> None:
    # (the service's startup loads the read view this way; a StoreError is what it tries
    # again and then reports in one line)
    store = open_store(store_with_damaged_blocks, read_only=True)
    try:
        with pytest.raises(StoreError, match="cannot read the store at"):
            store.dump_to_file(tmp_path / "copy.nq")
    finally:
        store.close()


def test_an_empty_folder_is_no_store(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "query", "--store", str(empty), "ASK {}")
    assert code == 1
    assert err.startswith(f"error: no store at {empty}: run `gemeentegraaf build` first")
