"""Queries stopped for time or memory are refused when sent again, for a while."""

from __future__ import annotations

import time

import pytest
from gemeentegraaf.service.sparql import stopped_queries
from gemeentegraaf.service.sparql.stopped_queries import StoppedQueries

HEAVY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a LIMIT 10"


def test_a_repeat_is_known_whatever_its_comments_names_and_limit() -> None:
    stopped = StoppedQueries()
    assert stopped.lately(HEAVY) is None
    stopped.note(HEAVY, 507, "needed more than 1 GiB of memory")
    again = "# again\nselect *  where { ?x ?b ?c . ?d ?e ?f } ORDER BY ?x LIMIT 3"
    found = stopped.lately(again)
    assert found is not None
    how, wait = found
    assert (how.status, how.why) == (507, "needed more than 1 GiB of memory")
    assert 0 < wait <= stopped_queries.MEMORY_SECONDS
    assert stopped.lately("SELECT * WHERE { ?a ?b ?c }") is None


def test_the_memory_fades_and_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stopped_queries, "MEMORY_SECONDS", 0.05)
    monkeypatch.setattr(stopped_queries, "LIMIT", 3)
    stopped = StoppedQueries()
    stopped.note(HEAVY, 503, "ran longer than 30 s")
    time.sleep(0.1)
    assert stopped.lately(HEAVY) is None
    monkeypatch.setattr(stopped_queries, "MEMORY_SECONDS", 60.0)
    for n in range(5):
        stopped.note(f"ASK {{ ?s ?p {n} }}", 503, "ran longer than 30 s")
    assert stopped.lately("ASK { ?s ?p 0 }") is None  # the oldest went first
    assert stopped.lately("ASK { ?s ?p 4 }") is not None


def test_once_all_have_faded_no_query_pays_for_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stopped_queries, "MEMORY_SECONDS", 0.05)
    stopped = StoppedQueries()
    stopped.note(HEAVY, 503, "ran longer than 30 s")
    time.sleep(0.1)
    keys = []
    monkeypatch.setattr(stopped_queries, "query_key", lambda text: keys.append(text) or text)
    assert stopped.lately("ASK { ?s ?p ?o }") is None
    assert keys == []
