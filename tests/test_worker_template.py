"""New query workers are forked from a template that has loaded the data (worker_template.py).

What a worker started on its own guaranteed still holds for a forked one: its
memory limit, its network namespace, being stopped with its pool or its
service, a template per data version; and the pool can still start workers as
new interpreters when told to. Conditions are waited for, never times.
"""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from gemeentegraaf.service.sparql.lanes import MIB, Lanes
from gemeentegraaf.service.sparql.query_pool import QueryPool, _Worker
from gemeentegraaf.service.sparql.query_worker import QueryTask, Snapshot
from gemeentegraaf.service.sparql.worker_template import CAN_FORK, Template, TemplateError
from gemeentegraaf.store.commit import CommitJob, apply
from gemeentegraaf.store.oxigraph import open_store
from gemeentegraaf.store.read_view import ReadViews

from tests.sparql_helpers import make_store

pytestmark = pytest.mark.skipif(not CAN_FORK, reason="needs fork, pidfds and SCM_RIGHTS")

EX = "http://example.org/"
NEW = f"{EX}new"
USER_GRAPH = "https://w3id.org/gemeentegraaf/graph/user/test"


def _until(condition: Callable[[], bool], what: str) -> None:
    for _ in range(600):
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _ended(pid: int) -> bool:
    """Gone, or a zombie (ended, its exit status not yet collected by init)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def _ask(pool: QueryPool, query: str) -> bytes:
    task = QueryTask(query, None, None, None, True, None, None, 10)
    return pool.run(task, 30).body  # no acceptable format: 406, after running it


def test_workers_are_forked_from_a_loaded_template_and_end_with_the_pool(tmp_path: Path) -> None:
    store = open_store(make_store(tmp_path / "store"), read_only=True)
    lanes = Lanes(fast_workers=2, memory=256 * MIB)
    pool = QueryPool(store, lanes=lanes, isolate_network=True)
    try:
        pool.warm_up()
        _until(lambda: len(pool.workers) == 2, "two warm workers")
        [template] = pool.templates
        # Forked: the template is their parent, and it runs no thread a fork would lose.
        assert {_parent(pid) for pid in pool.workers} == {template}
        assert len(os.listdir(f"/proc/{template}/task")) == 1
        for pid in pool.workers:
            # The memory limit is the worker's own, set after the fork.
            limits = Path(f"/proc/{pid}/limits").read_text()
            [line] = [x for x in limits.splitlines() if x.startswith("Max data size")]
            assert line.split()[3] == str(lanes.data_limit)
            # The template's network namespace, not the service's (when the kernel allows).
            if pool.network_isolated:
                assert os.readlink(f"/proc/{pid}/ns/net") == os.readlink(f"/proc/{template}/ns/net")
                assert os.readlink(f"/proc/{pid}/ns/net") != os.readlink("/proc/self/ns/net")
        assert b"No acceptable format" in _ask(pool, "ASK { ?s ?p ?o }")
        everyone = [template, *pool.workers]
    finally:
        pool.close()
        store.close()
    assert all(_ended(pid) for pid in everyone)


@contextmanager
def _written_store(
    tmp_path: Path, prepare_bytes: int = 0
) -> Iterator[tuple[QueryPool, ReadViews, Callable[[], None]]]:
    """A pool on read views of a store the service writes to, and a write as the
    service makes it: committed on the store, the commit's dump the next view (the
    service holds no handle on a store it writes to)."""
    path = make_store(tmp_path / "store")
    durable = open_store(path)
    views = ReadViews(durable)
    # By default prepared at any size (as the bundled data is; Lanes.prepare_bytes).
    lanes = Lanes(fast_workers=2, prepare_bytes=prepare_bytes)
    pool = QueryPool(durable, lanes=lanes, isolate_network=False, views=views)
    writes = itertools.count(1)

    def write() -> None:  # each one another triple: a new version
        update = f"INSERT DATA {{ GRAPH <{USER_GRAPH}> {{ <{NEW}> <{EX}p> {next(writes)} }} }}"
        views.commit(lambda dump: apply(CommitJob(str(path), update, str(dump))))

    try:
        pool.warm_up()
        yield pool, views, write
    finally:
        pool.close()
        views.close()
        durable.close()


def test_a_new_data_version_gets_a_new_template_and_the_old_one_ends(tmp_path: Path) -> None:
    # A tiny version: loaded by the workers that need it, its template in the background.
    with _written_store(tmp_path, prepare_bytes=Lanes().prepare_bytes) as (pool, _views, write):
        [old] = pool.templates
        write()
        assert pool.templates == [old] and pool.spare_template is None
        _ask(pool, f"ASK {{ <{NEW}> ?p ?o }}")  # answered; the new template loads meanwhile
        _until(lambda: pool.templates[:1] != [old], "a template for the new version")
        new = pool.templates[0]
        # Idle workers of the old version are replaced by forks of the new template,
        # and the old template ends once none of its workers is left.
        _until(lambda: len(pool.workers) == 2, "two warm workers")
        _until(lambda: {_parent(p) for p in pool.workers} == {new}, "workers of the new version")
        _until(lambda: _ended(old), "the old template ended")
        assert pool.templates == [new]


def test_a_write_readies_the_new_versions_template_before_readers_see_it(
    tmp_path: Path,
) -> None:
    # Else the first queries to name the new version each load it into an old worker
    # (seconds of CPU under load), and cheap queries wait behind that.
    with _written_store(tmp_path) as (pool, views, write):
        _until(lambda: len(pool.workers) == 2, "two warm workers")
        [old] = pool.templates
        before = views.current().version
        seen: list[tuple[str, list[int]]] = []  # (version readers see, templates) at prepare

        def prepare(view) -> None:  # type: ignore[no-untyped-def]
            seen.append((views.current().version, pool.templates))

        views.follow(prepare)  # told after the pool's own preparation
        write()
        # Ready while readers still saw the previous version.
        [(version, templates)] = seen
        assert version == before and templates[0] != old
        new = templates[0]
        assert pool.templates[0] == new
        # At the switch, the idle workers of the old version made way for forks of the new.
        assert all(_parent(pid) == new for pid in pool.workers)
        assert b"No acceptable format" in _ask(pool, f"ASK {{ <{NEW}> ?p ?o }}")
        assert all(_parent(pid) == new for pid in pool.workers)
        _until(lambda: _ended(old), "the old template ended")


def test_after_the_first_write_a_spare_template_waits_for_the_next_version(
    tmp_path: Path,
) -> None:
    # A fresh interpreter spends as long on its imports as on the data: the spare has
    # them done, and the next version only loads into it.
    with _written_store(tmp_path) as (pool, views, write):
        assert pool.spare_template is None  # not for a service whose data never changes
        write()
        _until(lambda: pool.spare_template is not None, "a spare template")
        spare = pool.spare_template
        assert spare is not None and _parent(spare) == os.getpid()
        write()
        assert pool.templates[0] == spare  # the second version loaded into the spare
        assert b"No acceptable format" in _ask(pool, f"ASK {{ <{NEW}> ?p ?o }}")
        assert all(_parent(pid) == spare for pid in pool.workers)
        _until(lambda: pool.spare_template not in (None, spare), "the next spare")
        last = pool.spare_template
    assert last is not None and _ended(last) and _ended(spare)  # closed with the pool


def test_a_worker_killed_from_outside_is_replaced_by_a_fork(tmp_path: Path) -> None:
    store = open_store(make_store(tmp_path / "store"), read_only=True)
    pool = QueryPool(store, lanes=Lanes(fast_workers=1), isolate_network=False)
    try:
        pool.warm_up()
        [worker] = pool.workers
        os.kill(worker, signal.SIGKILL)
        _until(lambda: _ended(worker), "the worker ended")
        assert b"No acceptable format" in _ask(pool, "ASK {}")
        [replacement] = pool.workers
        assert replacement != worker and _parent(replacement) == pool.templates[0]
    finally:
        pool.close()
        store.close()


_SERVICE = """
import sys, time
from pathlib import Path
from gemeentegraaf.service.sparql.lanes import Lanes
from gemeentegraaf.service.sparql.query_pool import QueryPool
from gemeentegraaf.store.oxigraph import open_store
store = open_store(Path(sys.argv[1]), read_only=True)
pool = QueryPool(store, lanes=Lanes(fast_workers=2), isolate_network=False)
pool.warm_up()
while len(pool.workers) < 2:
    time.sleep(0.05)
print(*pool.templates, *pool.workers, flush=True)
time.sleep(600)
"""


def test_a_killed_service_leaves_no_template_or_worker_behind(tmp_path: Path) -> None:
    path = make_store(tmp_path / "store")
    service = subprocess.Popen(
        [sys.executable, "-c", _SERVICE, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert service.stdout is not None
    pids = [int(p) for p in service.stdout.readline().split()]
    assert len(pids) == 3  # a template and two workers
    os.kill(service.pid, signal.SIGKILL)  # no chance to clean up
    service.wait(10)
    _until(lambda: all(_ended(pid) for pid in pids), "every worker and the template ended")


def test_starting_each_worker_as_a_new_interpreter_is_still_possible(tmp_path: Path) -> None:
    store = open_store(make_store(tmp_path / "store"), read_only=True)
    pool = QueryPool(store, lanes=Lanes(fast_workers=1, fork=False), isolate_network=False)
    try:
        assert b"No acceptable format" in _ask(pool, "ASK {}")
        [worker] = pool.workers
        assert _parent(worker) == os.getpid() and pool.templates == []
    finally:
        pool.close()
        store.close()


def test_a_template_that_cannot_load_its_version_says_so(tmp_path: Path) -> None:
    missing = Snapshot(str(tmp_path / "gone.nq"), "nquads")
    with pytest.raises(TemplateError, match="did not start"):
        Template.start(missing, isolate=False, timeout=60)


def test_how_a_forked_worker_ended_comes_from_its_template(tmp_path: Path) -> None:
    # pyoxigraph aborts when an allocation fails under the memory limit: the pool
    # tells that (507) from another death (tried again) by the exit code, which only
    # the parent, the template, can collect.
    store = open_store(make_store(tmp_path / "store"), read_only=True)
    pool = QueryPool(store, lanes=Lanes(fast_workers=2), isolate_network=False)
    try:
        pool.warm_up()
        _until(lambda: len(pool.workers) == 2, "two warm workers")
        with pool._lock:
            aborting, killed = pool._idle[:2]
        os.kill(aborting.pid, signal.SIGABRT)
        os.kill(killed.pid, signal.SIGTERM)
        assert aborting.aborted()
        assert not killed.aborted() and killed.process.returncode == -signal.SIGTERM
    finally:
        pool.close()
        store.close()


@pytest.mark.skipif(not CAN_FORK, reason="templates need fork")
def test_a_template_whose_data_is_gone_says_so_without_a_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # The dump of a version can go while its template starts (the service stopping,
    # a newer version): the service is told why, the terminal gets no traceback.
    missing = Snapshot(str(tmp_path / "gone.nq"), "nquads")
    with pytest.raises(TemplateError, match=r"cannot load .*gone\.nq"):
        Template.start(missing, isolate=False, timeout=60)
    assert "Traceback" not in capfd.readouterr().err


def test_a_worker_whose_pidfd_the_closing_pool_took_is_not_an_abort() -> None:
    # Closing the pool closes forked workers' pidfds while a query's thread may still
    # ask how its worker ended: that is a failed worker, not an error of its own.
    class Closed:
        returncode = None

        def wait(self, timeout: float | None = None) -> int:
            raise OSError(9, "Bad file descriptor")

    worker = _Worker(Closed(), None, 1, False, 0)  # type: ignore[arg-type]
    assert worker.aborted() is False
