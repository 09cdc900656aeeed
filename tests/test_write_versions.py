"""Writes you can undo and writes you can confirm.

- A write that removes anything keeps the graphs' previous content as a version
  beside the store; `gemeentegraaf restore` brings it back (CLEAR ALL included),
  validated and itself versioned; retention bounds the versions.
- The commit applies the checked delta, never the client's text.
- An Idempotency-Key makes a retry safe: the write happens once, the retry gets
  the first answer, and GET /sparql/writes/{key} says whether it landed.
"""

from __future__ import annotations

import gzip
import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.cli.main import main
from gemeentegraaf.pipeline.build import build
from gemeentegraaf.service.sparql import commit_worker
from gemeentegraaf.store import write_log
from gemeentegraaf.store.commit import CommitDone, CommitJob
from gemeentegraaf.store.oxigraph import open_store
from gemeentegraaf.store.versions import GraphRecord, VersionArchive, versions_folder
from gemeentegraaf.store.write_log import WRITE_LOG
from gemeentegraaf.validate import validate
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.sparql_helpers import REFERENCE, TOKEN, make_client, make_store
from tests.test_write_delta import _as_graph

UPDATE = {"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"}
AUTH = {"authorization": f"Bearer {TOKEN}"}
EX = "http://example.org/"
NOTES = f"{EX}graph/notes"
LINKS = f"{EX}graph/links"

# The user's own graphs, with a blank node and triples in the store's default graph,
# beside a bundled graph (read-only, untouched by CLEAR ALL's refusal test below).
USER_TRIG = f"""
@prefix ex: <{EX}> .
ex:d ex:p "in the default graph" .
<{NOTES}> {{ ex:a ex:p "1" , "2" ; ex:q [ ex:r "blank" ] . }}
<{LINKS}> {{ ex:a ex:link ex:b . ex:b ex:link ex:c . }}
"""


def _dataset(path: Path) -> ox.Store:
    """The store's data without the write log (which records writes, including restores)."""
    store = open_store(path, read_only=True)
    copy = ox.Store()
    copy.extend(q for q in store.quads() if q.graph_name != ox.NamedNode(WRITE_LOG))
    store.close()
    return copy


def _post(client: TestClient, update: str, **headers: str):
    return client.post("/sparql", content=update, headers={**UPDATE, **headers})


def _restore(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(["restore", *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_clear_all_then_restore_returns_every_triple(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_store(tmp_path / "store", trig=USER_TRIG)
    before = _as_graph(_dataset(path))
    assert len(before) > 0
    with make_client(path, update_token=TOKEN) as client:
        response = _post(client, "CLEAR ALL")
        assert response.status_code == 204, response.text
        version = response.headers["x-gemeentegraaf-version"]
        empty = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()
    assert not empty["boolean"] or len(_dataset(path)) == 0
    assert len(_dataset(path)) == 0

    listed = _restore(capsys, "--list", "--store", str(path))
    assert version in listed and "SPARQL Update" in listed and NOTES in listed
    out = _restore(capsys, version, "--store", str(path))
    assert f"restored version {version}" in out
    assert isomorphic(_as_graph(_dataset(path)), before)
    # Restoring again changes nothing.
    assert "nothing to do" in _restore(capsys, version, "--store", str(path))


def test_a_restore_is_itself_a_version_and_can_be_undone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_store(tmp_path / "store", trig=USER_TRIG)
    original = _as_graph(_dataset(path))
    with make_client(path, update_token=TOKEN) as client:
        put = client.put(
            "/rdf-graph-store",
            params={"graph": NOTES},
            content=f"<{EX}x> <{EX}p> 'replaced' .",
            headers={"content-type": "text/turtle", **AUTH},
        )
        assert put.status_code == 204, put.text
        version = put.headers["x-gemeentegraaf-version"]
    replaced = _as_graph(_dataset(path))

    out = _restore(capsys, version, "--store", str(path))
    assert isomorphic(_as_graph(_dataset(path)), original)
    undo = out.split("kept as version ")[1].split()[0]
    _restore(capsys, undo, "--store", str(path))
    assert isomorphic(_as_graph(_dataset(path)), replaced)


def test_one_graph_of_a_version_can_be_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_store(tmp_path / "store", trig=USER_TRIG)
    with make_client(path, update_token=TOKEN) as client:
        response = _post(client, f"DROP GRAPH <{NOTES}> ; DROP GRAPH <{LINKS}>")
        assert response.status_code == 204, response.text
        version = response.headers["x-gemeentegraaf-version"]
    _restore(capsys, version, "--graph", LINKS, "--store", str(path))
    data = _dataset(path)
    graphs = {g.value for g in data.named_graphs()}
    assert LINKS in graphs and NOTES not in graphs
    assert main(["restore", version, "--graph", f"{EX}other", "--store", str(path)]) == 1
    assert "holds no" in capsys.readouterr().err


def test_a_write_that_only_adds_keeps_no_version(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store", trig=USER_TRIG)
    with make_client(path, update_token=TOKEN) as client:
        response = _post(client, f"INSERT DATA {{ GRAPH <{NOTES}> {{ <{EX}n> <{EX}p> 3 }} }}")
        assert response.status_code == 204
        assert "x-gemeentegraaf-version" not in response.headers
    assert VersionArchive(versions_folder(path)).list() == []


def test_a_version_holds_the_previous_content_and_a_manifest(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store", trig=USER_TRIG)
    with make_client(path, update_token=TOKEN) as client:
        response = _post(
            client, f"DELETE DATA {{ GRAPH <{LINKS}> {{ <{EX}a> <{EX}link> <{EX}b> }} }}"
        )
        assert response.status_code == 204
    (version,) = VersionArchive(versions_folder(path)).list()
    assert version.operation == "SPARQL Update"
    assert version.who.startswith("bearer token sha256:") and TOKEN not in version.who
    assert version.graphs == [GraphRecord(LINKS, True, 2, 1, 0)]
    quads = list(ox.parse(gzip.decompress(version.data.read_bytes()), ox.RdfFormat.N_QUADS))
    assert len(quads) == 2 and all(q.graph_name == ox.NamedNode(LINKS) for q in quads)


def test_retention_keeps_the_newest_and_drops_the_old(tmp_path: Path) -> None:
    archive = VersionArchive(tmp_path / "versions", keep=2, max_age_days=30)
    now = datetime.now(UTC)
    record = [GraphRecord(NOTES, True, 1, 1)]
    old = archive.save(b"", operation="old", graphs=record, who="t", now=now - timedelta(days=40))
    assert [v.id for v in archive.list()] == [old.id]  # the new one is never dropped
    kept = [
        archive.save(b"", operation=f"n{i}", graphs=record, who="t", now=now + timedelta(seconds=i))
        for i in range(3)
    ]
    assert [v.id for v in archive.list()] == [v.id for v in kept[1:]]


def test_the_commit_applies_the_checked_delta_not_the_update_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed: list[str] = []
    real = commit_worker.Committer.run

    # What the commit process is sent to apply (it runs the update in a process of its own).
    def spy(self: commit_worker.Committer, job: CommitJob) -> CommitDone:
        committed.append(job.update)
        return real(self, job)

    monkeypatch.setattr(commit_worker.Committer, "run", spy)
    path = make_store(tmp_path / "store", trig=USER_TRIG)
    update = (
        f"INSERT {{ GRAPH <{NOTES}> {{ ?s <{EX}copy> ?o }} }} "
        f"WHERE {{ GRAPH <{LINKS}> {{ ?s <{EX}link> ?o }} }}"
    )
    with make_client(path, update_token=TOKEN) as client:
        assert _post(client, update).status_code == 204
    assert len(committed) == 1
    assert "WHERE" not in committed[0] and "INSERT DATA" in committed[0]
    assert f"<{EX}a> <{EX}copy> <{EX}b>" in committed[0]


def test_an_idempotency_key_applies_a_write_once(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store", trig=USER_TRIG)
    # Not idempotent by itself: each run adds a new UUID.
    update = (
        f"INSERT {{ GRAPH <{NOTES}> {{ <{EX}n> <{EX}id> ?u }} }} WHERE {{ BIND(UUID() AS ?u) }}"
    )
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{NOTES}> {{ <{EX}n> <{EX}id> ?u }} }}"
    with make_client(path, update_token=TOKEN) as client:

        def ids() -> int:
            rows = client.get("/sparql", params={"query": count}).json()
            return int(rows["results"]["bindings"][0]["n"]["value"])

        assert client.get("/sparql/writes/k-1", headers=AUTH).status_code == 404
        first = _post(client, update, **{"idempotency-key": "k-1"})
        assert first.status_code == 204 and "idempotent-replayed" not in first.headers
        again = _post(client, update, **{"idempotency-key": "k-1"})
        assert again.status_code == 204 and again.headers["idempotent-replayed"] == "true"
        assert ids() == 1
        other = _post(client, update, **{"idempotency-key": "k-2"})
        assert other.status_code == 204 and ids() == 2

        status = client.get("/sparql/writes/k-1", headers=AUTH)
        assert status.status_code == 200
        assert status.json()["landed"] is True and status.json()["graphs"] == [NOTES]
        unknown = client.get("/sparql/writes/never-sent", headers=AUTH)
        assert unknown.status_code == 404 and unknown.json()["landed"] is False
        assert client.get("/sparql/writes/k-1").status_code == 401
        # The log is readable by any query, but names keys so that only the token's
        # holders can tell whether a key they guess landed.
        plain = hashlib.sha256(b"k-1").hexdigest()
        guess = f'ASK {{ GRAPH <{WRITE_LOG}> {{ ?w ?p "{plain}" }} }}'
        assert client.get("/sparql", params={"query": guess}).json()["boolean"] is False

        reused = _post(client, "CLEAR ALL", **{"idempotency-key": "k-1"})
        assert reused.status_code == 422 and "different request" in reused.text
        assert ids() == 2
        bad = _post(client, update, **{"idempotency-key": "a key with spaces"})
        assert bad.status_code == 400
        # a key with "/" can be asked after too (the path took it apart: a 404 that read as
        # "did not land", an adversary found)
        slashed = _post(client, update, **{"idempotency-key": "batch/2026/1"})
        assert slashed.status_code == 204
        status = client.get("/sparql/writes/batch%2F2026%2F1", headers=AUTH)
        assert status.status_code == 200 and status.json()["landed"] is True


def test_a_refused_write_leaves_no_record(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store", trig=USER_TRIG)
    with make_client(path, update_token=TOKEN) as client:
        refused = _post(
            client,
            f"INSERT DATA {{ GRAPH <{REFERENCE}> {{ <{EX}n> <{EX}p> 1 }} }}",
            **{"idempotency-key": "refused"},
        )
        assert refused.status_code == 403
        assert client.get("/sparql/writes/refused", headers=AUTH).status_code == 404


def test_graph_store_writes_take_an_idempotency_key(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store", trig=USER_TRIG)
    turtle = {"content-type": "text/turtle", **AUTH}
    body = f"<{EX}s> <{EX}p> 'posted' ."
    with make_client(path, update_token=TOKEN) as client:
        made = client.post(
            "/rdf-graph-store", content=body, headers={**turtle, "idempotency-key": "new"}
        )
        assert made.status_code == 201
        again = client.post(
            "/rdf-graph-store", content=body, headers={**turtle, "idempotency-key": "new"}
        )
        assert again.status_code == 201 and again.headers["location"] == made.headers["location"]
        graphs = client.get(
            "/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p 'posted' } }"}
        ).json()["results"]["bindings"]
        assert [g["g"]["value"] for g in graphs] == [made.headers["location"]]

        headers = {**AUTH, "idempotency-key": "gone"}
        assert (
            client.delete("/rdf-graph-store", params={"graph": NOTES}, headers=headers).status_code
            == 204
        )
        repeat = client.delete("/rdf-graph-store", params={"graph": NOTES}, headers=headers)
        assert repeat.status_code == 204 and repeat.headers["idempotent-replayed"] == "true"
        fresh = client.delete(
            "/rdf-graph-store", params={"graph": NOTES}, headers={**AUTH, "idempotency-key": "x"}
        )
        assert fresh.status_code == 404


def test_a_build_keeps_the_graphs_users_wrote(tmp_path: Path) -> None:
    path = make_store(
        tmp_path / "store", trig=USER_TRIG + f"<{REFERENCE}> {{ <{EX}old> <{EX}p> 1 }}"
    )
    with make_client(path, update_token=TOKEN) as client:
        assert _post(
            client, f"CREATE GRAPH <{EX}graph/empty>", **{"idempotency-key": "k"}
        ).is_success
    user = _dataset(path)
    user.remove_graph(ox.NamedNode(REFERENCE))

    def bundled(_result: object):
        yield REFERENCE, Graph().parse(data=f'<{EX}new> <{EX}p> "2" .', format="nt")

    result = build(path, steps=[("reference", bundled)], store_steps=[])
    assert set(result.kept) == {NOTES, LINKS, f"{EX}graph/empty", WRITE_LOG, ""}
    data = _dataset(path)
    reference = ox.NamedNode(REFERENCE)
    # The bundled graph is the build's; the rest is as the users left it.
    assert [q.subject.value for q in data.quads_for_pattern(None, None, None, reference)] == [
        f"{EX}new"
    ]
    data.remove_graph(reference)
    data.remove_graph(ox.NamedNode("https://w3id.org/gemeentegraaf/graph/dataset"))
    assert isomorphic(_as_graph(data), _as_graph(user))
    store = open_store(path, read_only=True)
    assert store.has_graph(f"{EX}graph/empty")
    store.close()
    with make_client(path, update_token=TOKEN) as client:
        assert client.get("/sparql/writes/k", headers=AUTH).json()["landed"] is True


def test_concurrent_writes_are_serialised_and_none_is_lost(tmp_path: Path) -> None:
    """Each write's delta is computed against the state it is applied to: increments
    from two clients at once all count."""
    path = make_store(tmp_path / "store", trig=f"<{NOTES}> {{ <{EX}counter> <{EX}n> 0 }}")
    increment = (
        f"DELETE {{ GRAPH <{NOTES}> {{ <{EX}counter> <{EX}n> ?n }} }} "
        f"INSERT {{ GRAPH <{NOTES}> {{ <{EX}counter> <{EX}n> ?next }} }} "
        f"WHERE {{ GRAPH <{NOTES}> {{ <{EX}counter> <{EX}n> ?n }} BIND(?n + 1 AS ?next) }}"
    )
    with make_client(path, update_token=TOKEN) as client:

        def client_writes() -> list[int]:
            return [_post(client, increment).status_code for _ in range(4)]

        with ThreadPoolExecutor(2) as pool:
            statuses = [
                s for done in [pool.submit(client_writes) for _ in range(2)] for s in done.result()
            ]
        assert statuses == [204] * 8
        query = f"SELECT ?n WHERE {{ GRAPH <{NOTES}> {{ <{EX}counter> <{EX}n> ?n }} }}"
        rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    assert [r["n"]["value"] for r in rows] == ["8"]


def test_a_write_log_record_is_a_complete_prov_activity() -> None:
    """`restore` validates the whole store: the service's own records must conform too."""
    record = write_log.WriteRecord(
        key_hash="ab" * 32, time=datetime.now(UTC), status=204, fingerprint="f", graphs=[""]
    )
    store = ox.Store()
    store.update(write_log.record_update(record))
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store)
    data = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    report = validate(data)
    assert report.conforms, report.format(limit=5)
