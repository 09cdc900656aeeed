"""Build step: fetch the SPARQL editor (YASGUI) from the npm registry.

Everything else about the build is in pyproject.toml. YASGUI is published only
on npm (no PyPI package ships its files), so instead of copying its build into
the repository, `build_py` downloads the pinned release tarball over HTTPS,
checks it against the registry's sha512 integrity pinned below and unpacks the
two files the query page needs into service/static/vendor/yasgui/ (gitignored),
from where the package data of both wheels and editable installs picks them up.
A download that fails, or a tarball that does not match, stops the build.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from setuptools import setup
from setuptools.command.build_py import build_py

YASGUI_VERSION = "4.6.2"
YASGUI_TARBALL = f"https://registry.npmjs.org/@zazuko/yasgui/-/yasgui-{YASGUI_VERSION}.tgz"
# `dist.integrity` of @zazuko/yasgui 4.6.2 in the npm registry's metadata.
YASGUI_INTEGRITY = "sha512-Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw=="  # noqa: E501
YASGUI_FILES = ("build/yasgui.min.js", "build/yasgui.min.css")
VENDOR_DIR = Path(__file__).resolve().parent / "service" / "static" / "vendor" / "yasgui"
STAMP = VENDOR_DIR / "INTEGRITY"


class YasguiError(RuntimeError):
    pass


def fetch_yasgui(target: Path = VENDOR_DIR) -> None:
    """Unpack YASGUI's two build files into `target`, unless this release is already there."""
    stamp = target / STAMP.name
    wanted = [target / Path(name).name for name in YASGUI_FILES]
    fetched = stamp.is_file() and stamp.read_text().strip() == YASGUI_INTEGRITY
    if fetched and all(path.is_file() for path in wanted):
        return
    try:
        with urllib.request.urlopen(YASGUI_TARBALL, timeout=120) as response:
            tarball = response.read()
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise YasguiError(
            f"could not download YASGUI {YASGUI_VERSION} from {YASGUI_TARBALL}: {exc}. "
            f"The build needs HTTPS access to {urlsplit(YASGUI_TARBALL).netloc} once "
            f"(then it is cached in {target})."
        ) from exc
    algorithm, _, expected = YASGUI_INTEGRITY.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if actual != expected:
        raise YasguiError(
            f"{YASGUI_TARBALL} does not match its pinned integrity {YASGUI_INTEGRITY} "
            f"(got {algorithm}-{actual}); refusing to use it."
        )
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        for name, path in zip(YASGUI_FILES, wanted, strict=True):
            member = archive.extractfile(f"package/{name}")  # npm tarballs root at package/
            if member is None:
                raise YasguiError(f"{YASGUI_TARBALL} has no package/{name}")
            path.write_bytes(member.read())
    stamp.write_text(YASGUI_INTEGRITY + "\n")


class BuildPyWithYasgui(build_py):
    """build_py (also run for editable installs) with YASGUI fetched first, so that
    the package-data glob static/**/* finds its files."""

    def run(self) -> None:
        try:
            fetch_yasgui()
        except YasguiError as exc:
            raise SystemExit(f"error: {exc}") from None
        super().run()


setup(cmdclass={"build_py": BuildPyWithYasgui})
