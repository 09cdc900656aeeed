"""The query mix of tests/bench_compare.py parses and finds results in the built data.

Runs only pyoxigraph in memory (no server, no timing): a query that stops
parsing or comes back empty after a vocabulary change fails here, not in the
middle of a benchmark run.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from tests.bench_compare_load import Samples, load_mix, percentile, pick
from tests.bench_compare_queries import ASK_EMPTY, HEAVY_QUERIES, QUERIES
from tests.bench_compare_targets import BenchError, count_answer, memory_store, run_in_memory


@pytest.fixture(scope="module")
def memory(built, tmp_path_factory: pytest.TempPathFactory) -> ox.Store:
    dump = tmp_path_factory.mktemp("bench") / "dump.nq"
    dump.write_bytes(built.dump("nq"))
    return memory_store(dump)


def test_the_mix_covers_every_kind_of_work() -> None:
    kinds = {q.kind for q in QUERIES}
    assert kinds == {"lookup", "aggregate", "text", "join", "path", "construct", "describe"}
    assert len(QUERIES) >= 15
    assert len({q.name for q in QUERIES}) == len(QUERIES)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_query_answers_with_results(memory: ox.Store, query) -> None:
    body, content_type = run_in_memory(memory, query)
    assert count_answer(body, content_type, query) > 0


def test_heavy_and_polling_queries_parse() -> None:
    # On an empty store a cartesian product is empty at once: this checks the syntax only.
    empty = ox.Store()
    for query in (*HEAVY_QUERIES, ASK_EMPTY):
        body, content_type = run_in_memory(empty, query)
        assert count_answer(body, content_type, query) >= 0


def test_counting_is_by_distinct_triples_whatever_the_syntax() -> None:
    describe = next(q for q in QUERIES if q.form == "DESCRIBE")
    turtle = (
        b"<http://a> <http://p> <http://b> , <http://c> .\n<http://a> <http://p> <http://b> .\n"
    )
    xml = (
        b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns:e="http://e/"><rdf:Description rdf:about="http://a"><e:p rdf:resource="http://b"/>'
        b"</rdf:Description></rdf:RDF>"
    )
    assert count_answer(turtle, "text/turtle; charset=utf-8", describe) == 2
    # rdflib-endpoint's DESCRIBE: RDF/XML under the SPARQL results XML type.
    assert count_answer(xml, "application/sparql-results+xml", describe) == 1
    with pytest.raises(BenchError):
        count_answer(b"{}", "application/sparql-results+json", describe)


def test_the_load_mix_draws_paths_from_the_data(memory: ox.Store) -> None:
    samples = Samples.from_store(memory)
    assert "gm0363" in samples.municipalities and "g40" in samples.networks
    mix = load_mix(samples)
    rng = random.Random(7)
    drawn = [pick(mix, rng) for _ in range(300)]
    assert {r.kind for r in drawn} == {kind for _, kind, _ in mix}
    assert all(r.path.startswith("/") for r in drawn)
    # The same seed gives the same sequence: two runs send the same requests.
    rng = random.Random(7)
    again = [pick(mix, rng) for _ in range(300)]
    assert drawn == again


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0
