"""A real install: the wheel in a fresh virtual environment, next to hostile neighbours.

Another distribution that ships top-level `graph` and `service` packages, and an
empty `site-packages/data/`, must not change what gemeentegraaf imports or reads.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.parse
import urllib.request
import venv
from pathlib import Path

import pytest
from gemeentegraaf.common import resources

from tests.source_tree import copy_of_the_checkout

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_checkout_resources_hold_the_shipped_files() -> None:
    assert (resources.ONTOLOGY_DIR / "gemeentegraaf.ttl").is_file()
    assert any(resources.SHAPES_DIR.glob("*.ttl"))
    assert (resources.REFERENCE_DIR / "tooi_rwc_gemeenten_compleet_4.json").is_file()
    assert (resources.CORPUS_DIR / "corpus.csv").is_file()
    assert (resources.SERVICE_DIR / "templates").is_dir()


def _run(*args: str | Path, cwd: Path | None = None, timeout: float = 600) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{args}: {done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done.stdout


def _squatter(tmp: Path) -> Path:
    """A distribution named 'squatter' whose top-level packages are graph and service."""
    project = tmp / "squatter"
    for package in ("graph", "service"):
        (project / package).mkdir(parents=True)
        (project / package / "__init__.py").write_text("SQUATTER = True\n")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools>=69"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "squatter"\nversion = "1.0"\n'
        '[tool.setuptools]\npackages = ["graph", "service"]\n'
    )
    return project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_wheel_builds_and_serves_beside_graph_and_service_packages(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    source = copy_of_the_checkout(tmp_path / "src")
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, source)
    wheel = next(wheels.glob("gemeentegraaf-*.whl"))
    env_dir = tmp_path / "venv"
    # The wheel's dependencies come from the environment the tests run in (its own
    # install from the registries is what CI checks first), so that this test spends its
    # time on the wheel, not on installing pyoxigraph, rdflib and FastAPI again: a .pth
    # puts that environment's packages after the new one's (a plain path: its own .pth
    # files, the checkout's editable install among them, are not read).
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    inner = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
    )
    (inner / "tests-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    _run(python, "-m", "pip", "install", "-q", "--no-deps", wheel)
    _run(python, "-m", "pip", "install", "-q", _squatter(tmp_path))
    site = Path(
        _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").strip()
    )
    (site / "data").mkdir()  # an empty folder where a careless lookup would read data
    assert (site / "graph" / "__init__.py").read_text() == "SQUATTER = True\n"
    _run(python, "-m", "pip", "check")
    # the package the new environment imports is the wheel's, not the checkout's
    where = _run(python, "-c", "import gemeentegraaf; print(gemeentegraaf.__file__)", cwd=tmp_path)
    assert Path(where.strip()).is_relative_to(site), where

    cli = env_dir / "bin" / "gemeentegraaf"
    store = tmp_path / "store"
    # Run from an unrelated folder so nothing of the checkout is on sys.path.
    _run(cli, "build", "--store", store, "--quiet", cwd=tmp_path)
    out = _run(
        cli,
        "query",
        "--store",
        store,
        "--format",
        "json",
        "PREFIX tooiont: <https://identifier.overheid.nl/tooi/def/ont/> "
        "SELECT (COUNT(*) AS ?n) WHERE { ?g a tooiont:Gemeente }",
        cwd=tmp_path,
    )
    assert int(json.loads(out)["results"]["bindings"][0]["n"]["value"]) > 300

    port = _free_port()
    server = subprocess.Popen(
        [cli, "serve", "--store", store, "--port", str(port)],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode(
            {"query": "ASK { ?s ?p ?o }"}
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    assert json.load(response)["boolean"] is True
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()[-4000:]
                assert time.monotonic() < deadline, "the installed service did not answer"
                time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/gemeenten", timeout=30) as page:
            assert page.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
