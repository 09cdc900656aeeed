"""The service starting while another process writes the store.

An outsider started `gemeentegraaf serve` while an ingest was writing: the first read of
the store failed on a file the writer had just removed ("000260.sst: No such file") and
the service died at startup with a traceback, 2 starts in 7. The read now fails as a
StoreError, and the service tries again, with growing pauses, before it gives up.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gemeentegraaf.service import app as service_app
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.store import read_view
from gemeentegraaf.store.base import StoreError


class _Store:
    closed = 0

    def close(self) -> None:
        _Store.closed += 1


def _settings(tmp_path: Path) -> Settings:
    return Settings(store_path=tmp_path)


def test_a_store_caught_mid_write_is_read_again(monkeypatch, tmp_path: Path) -> None:
    failures = iter([StoreError("000260.sst: No such file"), StoreError("000293.sst")])

    def views(store):
        error = next(failures, None)
        if error is not None:
            raise error
        return "views"

    monkeypatch.setattr(service_app, "connect", lambda *a, **k: _Store())
    monkeypatch.setattr(service_app, "ReadViews", views)
    monkeypatch.setattr(service_app, "OPEN_PAUSE", 0.0)
    _Store.closed = 0
    store, got = service_app._open_views(_settings(tmp_path))
    assert got == "views"
    assert _Store.closed == 2  # each failed handle closed, the last one kept


def test_a_store_that_stays_unreadable_is_an_error(monkeypatch, tmp_path: Path) -> None:
    calls = []

    def views(store):
        calls.append(store)
        raise StoreError("cannot copy the store")

    monkeypatch.setattr(service_app, "connect", lambda *a, **k: _Store())
    monkeypatch.setattr(service_app, "ReadViews", views)
    monkeypatch.setattr(service_app, "OPEN_PAUSE", 0.0)
    with pytest.raises(StoreError, match="cannot copy the store"):
        service_app._open_views(_settings(tmp_path))
    assert len(calls) == service_app.OPEN_ATTEMPTS


def test_an_io_error_while_reading_the_graphs_is_a_store_error(tmp_path: Path) -> None:
    """The read that failed was the list of empty graphs, after the dump: it raised a bare
    FileNotFoundError that no one caught."""

    class _Raw:
        def named_graphs(self):
            raise FileNotFoundError("IO error: 000260.sst: No such file or directory")

    class _Durable:
        location = str(tmp_path)
        raw = _Raw()

        def dump_to_file(self, path, fmt) -> None:
            Path(path).write_text("", encoding="utf-8")

    with pytest.raises(StoreError, match="000260.sst"):
        read_view.load_view(_Durable(), tmp_path, None)
    assert not list(tmp_path.glob("loading-*"))
