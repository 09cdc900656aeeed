"""A copy of the checkout's sources, for the tests that build the project.

setuptools builds in the source folder (build/, *.egg-info): two test processes
(pytest-xdist) building the checkout at once remove each other's files, so each
build starts from its own copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# What a build or a run leaves in a checkout; none of it is source.
_LEFTOVERS = shutil.ignore_patterns(
    ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache",
    ".hypothesis", ".benchmarks", ".venv", "gemeentegraaf-store*", ".gemeentegraaf-store.*",
    ".sparql-snapshots-*", "*.versions",
)  # fmt: skip


def copy_of_the_checkout(target: Path) -> Path:
    """The checkout at `target` (a new folder), without build or run leftovers."""
    shutil.copytree(REPO, target, ignore=_LEFTOVERS)
    return target
