"""Reads from memory, one data version per request, and the switch to a new version.

A running service answers every route from one in-memory read view; a write
through the service or a `build` replacing the store underneath makes a new
view, and then every route (SPARQL, VoID, dumps, the Graph Store, the service
description, the API) answers from the new version and none from the old.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from gemeentegraaf.pipeline.build import build
from gemeentegraaf.service.negotiation import TABULAR
from gemeentegraaf.service.sparql import endpoint
from gemeentegraaf.service.sparql.query_pool import QueryPool
from gemeentegraaf.service.sparql.query_worker import Answer, QueryTask
from gemeentegraaf.store.base import StoreError
from gemeentegraaf.store.commit import CommitDone, CommitJob, apply
from gemeentegraaf.store.oxigraph import OxigraphStore, open_store
from gemeentegraaf.store.read_view import ReadViews

from tests.sparql_helpers import CURATION, TOKEN, make_client, make_store
from tests.test_build import _steps

# Writes go to a graph of the user's own: the graphs `build` makes are read-only.
USER_GRAPH = "http://example.org/graph/notes"
AUTH = {"authorization": f"Bearer {TOKEN}"}
UPDATE = "application/sparql-update"
NEW = "http://example.org/nieuw"
CODES = "SELECT ?c WHERE { ?g <https://w3id.org/gemeentegraaf/def#cbsCode> ?c }"

# Routes that read the data, each with what it shows of NEW (or of the new build).
ROUTES = [
    "/sparql?query=" + "ASK%20%7B%20%3Chttp%3A%2F%2Fexample.org%2Fnieuw%3E%20%3Fp%20%3Fo%20%7D",
    "/.well-known/void",
    "/dump.nq",
    f"/rdf-graph-store?graph={CURATION}",
    "/sparql",  # the service description
]


def _etags(client: TestClient) -> dict[str, str]:
    tags = {}
    for route in ROUTES:
        response = client.get(route, headers={"accept": "application/n-triples, */*;q=0.1"})
        assert response.status_code == 200, (route, response.text)
        tags[route] = response.headers["etag"]
    return tags


def _tabular_json() -> object:
    return next(f for f in TABULAR if "json" in f.content_type)


def test_a_write_switches_every_route_to_the_new_version(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store")
    with make_client(path, update_token=TOKEN) as client:
        views: ReadViews = client.app.state.views
        before = views.current()
        assert before.in_memory and before.dump is not None and before.dump.exists()
        old_tags = _etags(client)
        assert _etags(client) == old_tags  # reading does not move the version
        assert NEW not in client.get("/dump.nq").text

        update = f"INSERT DATA {{ GRAPH <{USER_GRAPH}> {{ <{NEW}> <http://example.org/p> 1 }} }}"
        response = client.post("/sparql", content=update, headers={"content-type": UPDATE, **AUTH})
        assert response.status_code == 204, response.text

        after = views.current()
        assert after.version != before.version
        assert after.last_modified > before.last_modified
        new_tags = _etags(client)
        assert all(new_tags[r] != old_tags[r] for r in ROUTES), (old_tags, new_tags)
        # Every route shows the write, none the old data.
        assert client.get(ROUTES[0]).json()["boolean"] is True
        assert NEW in client.get("/dump.nq").text
        assert NEW in client.get(f"/rdf-graph-store?graph={USER_GRAPH}").text
        void = client.get("/.well-known/void", headers={"accept": "text/turtle"})
        assert void.headers["last-modified"] != ""
        # The old version's dump is gone once nothing uses it.
        assert not before.dump.exists()
        assert after.dump is not None and after.dump.exists()


def test_a_query_whose_version_went_meanwhile_is_answered_from_the_new_one(
    tmp_path: Path,
) -> None:
    # The workers hold the newest version; answering from the old one would mean
    # loading it into a worker first (seconds under load, for one query).
    path = make_store(tmp_path / "store")
    with make_client(path, update_token=TOKEN) as client:
        views: ReadViews = client.app.state.views
        service = client.app.state.sparql
        taken = views.take()  # a request began here
        try:
            update = (
                f"INSERT DATA {{ GRAPH <{USER_GRAPH}> {{ <{NEW}> <http://example.org/p> 1 }} }}"
            )
            response = client.post(
                "/sparql", content=update, headers={"content-type": UPDATE, **AUTH}
            )
            assert response.status_code == 204, response.text
            assert views.current().version != taken.version
            ask = f"ASK {{ <{NEW}> ?p ?o }}"
            task = QueryTask(ask, None, None, None, True, _tabular_json(), None, 10)
            answer = asyncio.run(endpoint._run_on_view(service, taken, task, 30.0, None))
            assert answer.status == 200 and b"true" in answer.body
        finally:
            views.release(taken)


def test_a_rebuild_under_a_running_read_only_server_is_picked_up(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "store"
    build(path, steps=_steps("GM0363"))
    caplog.set_level(logging.INFO, logger="gemeentegraaf.store")
    with make_client(path) as client:
        views: ReadViews = client.app.state.views
        first = views.current()
        said = [r.getMessage() for r in caplog.records if r.name == "gemeentegraaf.store"]
        assert any(m.startswith(f"answering from data version {first.version}") for m in said)
        query = {"query": CODES}
        assert client.get("/sparql", params=query).text.count("GM0363") == 1
        void_before = client.get("/.well-known/void", headers={"accept": "text/turtle"})
        dump_before = client.get("/dump.nq").text

        # Another build replaces the directory while the server runs (no restart).
        result = build(path, steps=_steps("GM0363"))
        deadline = time.monotonic() + 30
        while views.current().version == first.version and time.monotonic() < deadline:
            time.sleep(0.2)  # noticed by a stat at most once a second, loaded in the background
        now = views.current()
        assert now.version != first.version
        assert now.build_id == result.build_id
        # The server's log says so, and how long the new version took to load.
        said = [r.getMessage() for r in caplog.records if r.name == "gemeentegraaf.store"]
        assert any(
            re.fullmatch(
                rf"now answering from data version {now.version} \(loaded in [\d.]+ s\)", m
            )
            for m in said
        ), said

        # Every route answers from the new build: the build id is in the data.
        rows = client.get(
            "/sparql",
            params={
                "query": "SELECT ?b WHERE { ?d <https://w3id.org/gemeentegraaf/def#buildId> ?b }"
            },
        ).json()["results"]["bindings"]
        assert [r["b"]["value"] for r in rows] == [result.build_id]
        void = client.get("/.well-known/void", headers={"accept": "text/turtle"})
        assert void.headers["etag"] != void_before.headers["etag"]
        dump = client.get("/dump.nq").text
        assert result.build_id in dump and result.build_id not in dump_before
        assert first.build_id not in dump
        # The old store's files are no longer held open: the views read the new directory.
        assert Path(views.durable.path).resolve() == path.resolve()  # type: ignore[attr-defined]


def test_an_ingest_into_the_store_a_read_only_server_reads_is_picked_up(tmp_path: Path) -> None:
    # ingest and restore write to the store in place (no new directory): their mark
    # on closing it is what a read-only server sees.
    path = make_store(tmp_path / "store")
    durable = open_store(path, read_only=True)
    views = ReadViews(durable)
    try:
        first = views.current()
        assert not views.check()  # nothing changed: nothing reloaded
        writer = OxigraphStore(path)  # as ingest opens it, in another process
        update = f"INSERT DATA {{ GRAPH <{USER_GRAPH}> {{ <{NEW}> <http://example.org/p> 1 }} }}"
        writer.update(update)
        assert not views.check()  # still writing: not yet
        writer.close()
        assert views.check()
        now = views.current()
        assert now.version != first.version
        assert now.store.select(f"SELECT ?o WHERE {{ GRAPH ?g {{ <{NEW}> ?p ?o }} }}")
        assert not views.check()  # once
    finally:
        views.close()
        views.durable.close()


def test_last_modified_after_a_restart_is_that_of_the_last_write(tmp_path: Path) -> None:
    # Not the build time: a cache holding a copy from after the build but before the
    # write would be told 304 for data that changed.
    path = tmp_path / "store"
    build(path, steps=_steps("GM0363"))
    first = ReadViews(open_store(path, read_only=True))
    built = first.current().last_modified
    first.close()
    first.durable.close()
    time.sleep(1.1)  # HTTP dates have whole seconds
    writer = OxigraphStore(path)
    writer.update(f"INSERT DATA {{ GRAPH <{USER_GRAPH}> {{ <{NEW}> <http://example.org/p> 1 }} }}")
    writer.close()
    again = ReadViews(open_store(path, read_only=True))
    try:
        assert again.current().last_modified > built
        assert again.current().last_modified <= datetime.now(UTC)
    finally:
        again.close()
        again.durable.close()


def _write(views: ReadViews, path: Path, update: str) -> CommitDone:
    """Commit as the service does: the views hold no handle on a store opened for writing
    (the commit process opens it); here in this process."""
    done = views.commit(lambda dump: apply(CommitJob(str(path), update, str(dump))))
    assert done.applied, done
    return done


def test_void_says_the_data_was_modified_when_it_last_changed_not_at_the_build(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store"
    build(path, steps=_steps("GM0363"))
    modified = "<http://purl.org/dc/terms/modified>"
    with make_client(path, update_token=TOKEN) as client:
        void = client.get("/.well-known/void", headers={"accept": "application/n-triples"})
        [built] = [line for line in void.text.splitlines() if modified in line]
        time.sleep(1.1)  # HTTP dates have whole seconds
        update = f"INSERT DATA {{ GRAPH <{USER_GRAPH}> {{ <{NEW}> <http://example.org/p> 1 }} }}"
        response = client.post("/sparql", content=update, headers={"content-type": UPDATE, **AUTH})
        assert response.status_code == 204, response.text
        void = client.get("/.well-known/void", headers={"accept": "application/n-triples"})
        [now] = [line for line in void.text.splitlines() if modified in line]
        stamp = now.split('"')[1]
        assert now != built and stamp > built.split('"')[1]
        served = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        last_modified = parsedate_to_datetime(void.headers["last-modified"])
        assert served == last_modified


def test_a_writing_service_closes_its_handle_but_keeps_the_writer_lock(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store")
    durable = open_store(path)
    views = ReadViews(durable)
    try:
        assert views.detached
        with pytest.raises(StoreError, match="another process writes to it"):
            open_store(path)
        done = _write(
            views, path, f"INSERT DATA {{ GRAPH <{USER_GRAPH}> {{ <{NEW}> <{NEW}> 1 }} }}"
        )
        assert done.empty_graphs == ()
        # The new view is the commit's dump, loaded: the write is in it.
        assert views.current().store.query(f"ASK {{ <{NEW}> ?p ?o }}").value  # type: ignore[union-attr]
    finally:
        views.close()
        durable.close()
    open_store(path).close()  # the lock went with the store


def test_a_pinned_view_keeps_its_dump_and_a_worker_answers_from_it(tmp_path: Path) -> None:
    """A task carries its request's version: a worker answers from it even after a write."""
    path = make_store(tmp_path / "store")
    durable = open_store(path)
    views = ReadViews(durable)
    pool = QueryPool(durable, max_workers=1, isolate_network=False, views=views)
    try:
        old = views.take()
        _write(
            views,
            path,
            f"INSERT DATA {{ GRAPH <{USER_GRAPH}> {{ <{NEW}> <http://example.org/p> 1 }} }}",
        )
        new = views.current()
        assert new.version != old.version
        assert old.dump is not None and old.dump.exists()  # pinned: kept

        def ask(view) -> bool:
            task = QueryTask(
                query=f"ASK {{ <{NEW}> ?p ?o }}",
                base_iri=None,
                default_graphs=None,
                named_graphs=None,
                union_default=True,
                tabular=_tabular_json(),  # type: ignore[arg-type]
                graph=None,
                max_rows=10,
                snapshot=pool.snapshots.of(view),
            )
            answer: Answer = pool.run(task, 30)
            return b"true" in answer.body

        assert ask(new) is True
        assert ask(old) is False  # the same worker, back to the older version
        assert ask(new) is True
        views.release(old)
        assert not old.dump.exists()
        assert new.dump is not None and new.dump.exists()
    finally:
        pool.close()
        views.close()
        durable.close()


def test_every_copy_of_a_version_has_the_same_blank_nodes(tmp_path: Path) -> None:
    trig = "<http://example.org/g> { <http://example.org/s> <http://example.org/p> [ <http://example.org/q> 1 ] . }"
    path = make_store(tmp_path / "store", trig)
    durable = open_store(path, read_only=True)
    views = ReadViews(durable)
    try:
        view = views.current()
        mine = {q.object.value for q in view.store.quads()}  # type: ignore[attr-defined]
        assert view.dump is not None
        assert any(label in view.dump.read_text() for label in mine)
    finally:
        views.close()
        durable.close()


@pytest.mark.parametrize("interval", [0.0])
def test_a_write_that_changes_nothing_keeps_the_version(tmp_path: Path, interval: float) -> None:
    path = make_store(tmp_path / "store")
    durable = open_store(path)
    views = ReadViews(durable, check_interval=interval)
    try:
        before = views.current()
        _write(
            views,
            path,
            f"DELETE DATA {{ GRAPH <{USER_GRAPH}> {{ <{NEW}> <http://example.org/p> 1 }} }}",
        )
        assert views.current() is before
        assert views.reload() is before
    finally:
        views.close()
        durable.close()


def test_a_refused_write_is_looked_at_once_not_reloaded_for_ever(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store")
    durable = open_store(path)
    views = ReadViews(durable, check_interval=-1)  # checks only when asked (`check`)
    try:
        before = views.current()
        done = views.commit(
            lambda dump: apply(
                CommitJob(str(path), "DROP GRAPH <http://example.org/none>", str(dump))
            )
        )
        assert not done.applied and done.rejected, done
        # The commit process marked the store as it closed it; the next look reads it
        # once, finds the same quads, and from then on sees nothing new.
        views.check()
        assert views.check() is False
        assert views.check() is False
        assert views.current() is before
    finally:
        views.close()
        durable.close()


# ---------------------------------------------------------------------------
# Answers kept per version
# ---------------------------------------------------------------------------


def test_pages_are_kept_per_version_and_never_outlive_it(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store")
    with make_client(path, update_token=TOKEN) as client:
        cache = client.app.state.data_version.cache
        turtle = {"accept": "text/turtle"}
        first = client.get("/.well-known/void", headers=turtle)
        hits = cache.hits
        again = client.get("/.well-known/void", headers=turtle)
        assert cache.hits == hits + 1
        assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
        # Each encoding and each Accept is an answer of its own.
        plain = client.get("/.well-known/void", headers={**turtle, "accept-encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.content == first.content
        ntriples = client.get("/.well-known/void", headers={"accept": "application/n-triples"})
        assert ntriples.headers["content-type"].startswith("application/n-triples")

        update = f"INSERT DATA {{ GRAPH <{USER_GRAPH}> {{ <{NEW}> <http://example.org/p> 1 }} }}"
        response = client.post("/sparql", content=update, headers={"content-type": UPDATE, **AUTH})
        assert response.status_code == 204, response.text
        after = client.get("/.well-known/void", headers=turtle)
        assert after.headers["etag"] != first.headers["etag"]
        assert after.content != first.content  # the counts moved on; the kept answer did not stay
        assert client.get("/.well-known/void", headers=turtle).content == after.content


def test_sparql_results_and_credentialed_requests_are_not_kept(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store")
    with make_client(path) as client:
        cache = client.app.state.data_version.cache
        for _ in range(2):
            client.get("/sparql", params={"query": "ASK {}"})
            client.get("/.well-known/void", headers={"authorization": "Bearer x"})
        assert len(cache) == 0 and cache.hits == 0
