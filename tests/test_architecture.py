"""The layers hold: imports point down the data flow, and no import hides inside a function.

The import-linter contracts live in pyproject.toml. They are checked against the
package as it is installed, because gemeentegraaf.service lives in service/ and
only an install puts it inside gemeentegraaf/ where the linter looks.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.source_tree import copy_of_the_checkout

REPO = Path(__file__).resolve().parents[1]
PACKAGE_DIRS = (REPO / "graph", REPO / "service")


def test_import_linter_contracts_hold_on_the_installed_package(tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(copy_of_the_checkout(tmp_path / "src")),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    assert (target / "gemeentegraaf" / "service" / "app.py").is_file()
    env = dict(os.environ, PYTHONPATH=str(target))
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def _function_level_project_imports(path: Path, root: Path = REPO) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for inner in ast.walk(node):
            if (
                isinstance(inner, ast.ImportFrom)
                and (inner.level > 0 or (inner.module or "").split(".")[0] == "gemeentegraaf")
                or isinstance(inner, ast.Import)
                and any(a.name.split(".")[0] == "gemeentegraaf" for a in inner.names)
            ):
                found.append(f"{path.relative_to(root)}:{inner.lineno}")
    return found


@pytest.mark.parametrize("top", PACKAGE_DIRS, ids=lambda p: p.name)
def test_no_project_import_hides_inside_a_function(top: Path) -> None:
    offenders = [
        hit for path in sorted(top.rglob("*.py")) for hit in _function_level_project_imports(path)
    ]
    assert offenders == []


def test_the_check_sees_a_hidden_import(tmp_path: Path) -> None:
    # Not in the checkout: another test process may be reading or building it.
    sample = tmp_path / "graph" / "_probe_for_test.py"
    sample.parent.mkdir()
    sample.write_text(
        "def f():\n    from gemeentegraaf.store import oxigraph\n    return oxigraph\n"
    )
    found = _function_level_project_imports(sample, root=tmp_path)
    assert found == ["graph/_probe_for_test.py:2"]
