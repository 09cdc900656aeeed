"""How long a new query worker takes to be ready: started as a new interpreter vs forked
from a template (issue 10: a query moved aside is replaced while cheap queries wait).

    python tests/bench_worker_start.py [--store DIR] [--rounds 10] [--busy 0,8]

For each level of --busy (CPU-bound processes at nice 19, as the slow lane's
queries run) it starts --rounds workers each way, interleaved, on a built store
(built into a temporary directory when --store is not given), and prints the
median and the worst time until the worker has loaded the current version,
and the ratio spawn / fork. Then the memory of a forked worker and of one
started on its own: resident size (what the pool's memory bound watches) and
the private part (what the worker costs the machine). Not a test: figures
depend on the machine; compare them within one run.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from gemeentegraaf.service.sparql.lanes import Lanes
from gemeentegraaf.service.sparql.query_pool import QueryPool
from gemeentegraaf.store.oxigraph import open_store

_BUSY = "import os\nos.nice(19)\nwhile True: pass\n"


def new_worker_seconds(pool: QueryPool) -> tuple[float, int]:
    """Time until a new worker of `pool` has the current version loaded; its pid (alive)."""
    start = time.perf_counter()
    worker = pool._spawn(pool._generation)
    pool._preload(worker)
    elapsed = time.perf_counter() - start
    with pool._lock:
        pool._idle.append(worker)  # the pool stops it at close
    return elapsed, worker.pid


def kill_idle(pool: QueryPool) -> None:
    with pool._lock:
        idle, pool._idle = pool._idle, []
    for worker in idle:
        worker.kill()


def memory(pid: int) -> tuple[int, int]:
    """Resident and private (USS) bytes of `pid`, from /proc/PID/smaps_rollup."""
    fields: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value) * 1024
    return fields["Rss"], fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build one)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--busy", default="0,8", help="CPU-bound processes at nice 19, per level")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-worker-start-"))
    try:
        path = args.store
        if path is None:
            path = scratch / "store"
            print(f"building a store in {path} ...", flush=True)
            command = [sys.executable, "-m", "gemeentegraaf.cli.main", "build", "--quiet"]
            subprocess.run([*command, "--store", str(path)], check=True, stdout=subprocess.DEVNULL)
        store = open_store(path, read_only=True)
        lanes = Lanes(fast_workers=1)
        pools = {
            "spawn": QueryPool(store, lanes=replace(lanes, fork=False)),
            "fork": QueryPool(store, lanes=replace(lanes, fork=True)),
        }
        try:
            for pool in pools.values():
                pool.warm_up()  # the fork pool's template is started here, not timed
            for busy in (int(n) for n in args.busy.split(",")):
                run_level(pools, busy, args.rounds)
            print("\nMemory of one idle worker with the data loaded:")
            for name, pool in pools.items():
                _, pid = new_worker_seconds(pool)
                rss, private = memory(pid)
                print(
                    f"  {name:5}: resident {rss / 2**20:6.1f} MiB, private {private / 2**20:6.1f} MiB"
                )
            [template] = pools["fork"].templates
            rss, private = memory(template)
            print(
                f"  the template: resident {rss / 2**20:6.1f} MiB, private {private / 2**20:6.1f} MiB"
            )
        finally:
            for pool in pools.values():
                pool.close()
            store.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_level(pools: dict[str, QueryPool], busy: int, rounds: int) -> None:
    burners = [subprocess.Popen([sys.executable, "-c", _BUSY]) for _ in range(busy)]
    try:
        times: dict[str, list[float]] = {name: [] for name in pools}
        for _ in range(rounds):
            for name, pool in pools.items():
                times[name].append(new_worker_seconds(pool)[0])
                kill_idle(pool)
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    print(f"\n{busy} CPU-bound process(es) at nice 19, {rounds} new workers each way:")
    for name, values in times.items():
        print(
            f"  {name:5}: median {statistics.median(values) * 1000:8.1f} ms, "
            f"max {max(values) * 1000:8.1f} ms"
        )
    ratio = statistics.median(times["spawn"]) / statistics.median(times["fork"])
    print(f"  spawn / fork (medians): {ratio:.0f}x")


if __name__ == "__main__":
    main()
