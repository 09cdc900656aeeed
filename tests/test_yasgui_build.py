"""The build step that fetches YASGUI (setup.py): pinned, integrity-checked, clear on failure."""

from __future__ import annotations

import importlib.util
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType

import pytest
from gemeentegraaf.service.web import pages

REPO = Path(__file__).resolve().parents[1]


def _setup_module() -> ModuleType:
    # setup.py calls setup() at import; load its functions without running that.
    source = (
        (REPO / "setup.py")
        .read_text()
        .replace('setup(cmdclass={"build_py": BuildPyWithYasgui})', "")
    )
    module = ModuleType("yasgui_setup")
    module.__file__ = str(REPO / "setup.py")
    exec(compile(source, "setup.py", "exec"), module.__dict__)
    return module


def test_the_page_names_the_release_the_build_fetches() -> None:
    assert _setup_module().YASGUI_VERSION == pages.YASGUI_VERSION


def test_the_installed_package_has_yasguis_files() -> None:
    spec = importlib.util.find_spec("gemeentegraaf.service")
    static = Path(spec.origin).parent / "static" / "vendor" / "yasgui"
    assert (static / "yasgui.min.js").stat().st_size > 500_000
    assert (static / "yasgui.min.css").stat().st_size > 10_000


def test_a_tarball_that_does_not_match_its_integrity_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = _setup_module()

    class Tampered:
        def __enter__(self) -> Tampered:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def read(self) -> bytes:
            return b"not the release"

    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: Tampered())
    with pytest.raises(setup.YasguiError, match="does not match its pinned integrity"):
        setup.fetch_yasgui(tmp_path)
    assert not any(tmp_path.iterdir())


def test_a_failed_download_says_what_the_build_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = _setup_module()

    def offline(*args: object, **kwargs: object) -> None:
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    with pytest.raises(setup.YasguiError, match="could not download YASGUI 4.6.2"):
        setup.fetch_yasgui(tmp_path)
