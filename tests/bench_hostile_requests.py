"""The probes of issue 11 against a real server: status, time, server memory, and whether
a plain `ASK {}` sent meanwhile had to wait.

    python tests/bench_hostile_requests.py [--python PATH] [--string-mb 2,5] [--skip-deep]

The server is uvicorn in its own process, started with `--python` (default: this
interpreter), so another installation of gemeentegraaf (an older commit, in its
own venv) can be measured the same way in the same run of the machine. For each
probe it prints the status, seconds until the answer, the growth of the
server's resident memory (VmRSS) and of its peak (VmHWM) since the previous
probe, and how long an `ASK {}` sent 0.2 s after the probe started took.
Times on a shared machine are noisy: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

try:
    from tests import uvicorn_server
except ImportError:  # run as `python tests/bench_hostile_requests.py`: tests/ is on sys.path
    import uvicorn_server

MiB = 1024 * 1024
QUERY = {"Content-Type": "application/sparql-query"}
TOKEN = "bench-token"
UPDATE = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
PREFIX = "PREFIX : <http://example.org/> "


def _store(path: Path) -> Path:
    store = ox.Store(str(path))
    for i in range(50):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://example.org/s{i}"),
                ox.NamedNode("http://example.org/p"),
                ox.Literal(str(i)),
                ox.NamedNode("http://example.org/g"),
            )
        )
    store.flush()
    del store
    return path


def _memory(pid: int) -> tuple[int, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) * 1024
    return fields["VmRSS"], fields["VmHWM"]


def probes(string_sizes: list[int], deep: bool) -> list[tuple[str, bytes, dict[str, str]]]:
    out = []
    for size in string_sizes:
        body = b'ASK { FILTER("' + b"a" * (size * MiB) + b'" != "") }'
        out.append((f"{size} MB string literal", body, QUERY))
    if deep:
        out += [
            ("100k !", ("ASK { FILTER(" + "!" * 100_000 + "true) }").encode(), QUERY),
            ("100k + terms", ("SELECT (1" + "+1" * 100_000 + " AS ?x) {}").encode(), QUERY),
            (
                "path of 50k steps",
                (PREFIX + "ASK { ?s " + "/".join([":p"] * 50_000) + " ?o }").encode(),
                QUERY,
            ),
            (
                "update: 100k !",
                (
                    "INSERT { <http://ex/a> <http://ex/b> ?x } WHERE { BIND("
                    + "!" * 100_000
                    + "true AS ?x) }"
                ).encode(),
                UPDATE,
            ),
        ]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--string-mb", default="2,5,20")
    parser.add_argument("--skip-deep", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.string_mb.split(",") if s]
    with tempfile.TemporaryDirectory() as scratch:
        store = _store(Path(scratch) / "store")
        try:
            running = uvicorn_server.start(
                store,
                python=args.python,
                cwd=Path(scratch),
                log_level="error",
                GEMEENTEGRAAF_UPDATE_TOKEN=TOKEN,
                GEMEENTEGRAAF_QUERY_TIMEOUT="60",
            )
        except RuntimeError as exc:
            raise SystemExit(f"the server did not start: {exc}") from None
        server, url = running.process, running.sparql
        try:
            print(f"server: {args.python}")
            print(
                f"{'probe':22} {'status':>6} {'seconds':>8} {'RSS +MiB':>9} "
                f"{'peak +MiB':>10} {'ASK {} s':>9}"
            )
            for name, body, headers in probes(sizes, not args.skip_deep):
                rss, peak = _memory(server.pid)
                side: dict[str, float] = {}

                def ask(side: dict[str, float] = side) -> None:
                    time.sleep(0.2)
                    start = time.perf_counter()
                    httpx.get(url, params={"query": "ASK {}"}, timeout=300)
                    side["seconds"] = time.perf_counter() - start

                other = threading.Thread(target=ask)
                other.start()
                start = time.perf_counter()
                try:
                    status = str(
                        httpx.post(url, content=body, headers=headers, timeout=600).status_code
                    )
                except httpx.TransportError as exc:
                    status = type(exc).__name__[:6]
                seconds = time.perf_counter() - start
                other.join()
                rss_after, peak_after = _memory(server.pid)
                print(
                    f"{name:22} {status:>6} {seconds:8.2f} {(rss_after - rss) / MiB:9.0f} "
                    f"{(peak_after - peak) / MiB:10.0f} {side.get('seconds', float('nan')):9.2f}",
                    flush=True,
                )
        finally:
            running.stop()


if __name__ == "__main__":
    main()
