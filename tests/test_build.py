"""The build: validated graphs into a store, swapped in only when all is well."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gemeentegraaf.common.namespaces import GG, GRAPH_REFERENCE, SPARQL_PREFIXES, TOOIONT
from gemeentegraaf.pipeline.build import BuildError, build
from gemeentegraaf.store.oxigraph import open_store
from gemeentegraaf.store.writer_lock import WriterLock
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import ORG, OWL, RDF, SKOS

AMSTERDAM = URIRef("https://w3id.org/gemeentegraaf/id/gemeente/gm0363")
NH = URIRef("https://w3id.org/gemeentegraaf/id/provincie/pv27")


def _small_reference(code: str) -> Graph:
    g = Graph()
    g.add((NH, RDF.type, TOOIONT.Provincie))
    g.add((NH, RDF.type, ORG.Organization))
    g.add((NH, GG.provinciecode, Literal("PV27")))
    g.add((NH, SKOS.prefLabel, Literal("Noord-Holland", lang="nl")))
    g.add((NH, OWL.sameAs, URIRef("https://identifier.overheid.nl/tooi/id/provincie/pv27")))
    g.add((AMSTERDAM, RDF.type, TOOIONT.Gemeente))
    g.add((AMSTERDAM, RDF.type, ORG.Organization))
    g.add((AMSTERDAM, GG.cbsCode, Literal(code)))
    g.add((AMSTERDAM, SKOS.prefLabel, Literal("Amsterdam", lang="nl")))
    g.add((AMSTERDAM, TOOIONT.ligtInProvincie, NH))
    g.add((AMSTERDAM, OWL.sameAs, URIRef("https://identifier.overheid.nl/tooi/id/gemeente/gm0363")))
    return g


def _steps(code: str):
    def step(_: object) -> Iterator[tuple[str, Graph]]:
        yield str(GRAPH_REFERENCE), _small_reference(code)

    return [("small", step)]


def _codes(path: Path) -> list[str]:
    store = open_store(path, read_only=True)
    try:
        rows = store.select(SPARQL_PREFIXES + "SELECT ?c WHERE { ?g gg:cbsCode ?c }")
        return [r["c"] for r in rows]
    finally:
        store.close()


def test_build_writes_a_queryable_store(tmp_path: Path) -> None:
    target = tmp_path / "store"
    result = build(target, steps=_steps("GM0363"))
    assert _codes(target) == ["GM0363"]
    assert result.graphs[str(GRAPH_REFERENCE)] > 0


def test_failed_validation_leaves_previous_store_untouched(tmp_path: Path) -> None:
    target = tmp_path / "store"
    build(target, steps=_steps("GM0363"))
    with pytest.raises(BuildError, match="GM363|cbsCode|CBS"):
        build(target, steps=_steps("GM363"))
    assert _codes(target) == ["GM0363"]
    # and nothing half-built is left beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_step_that_crashes_leaves_previous_store_untouched(tmp_path: Path) -> None:
    target = tmp_path / "store"
    build(target, steps=_steps("GM0363"))

    def broken(_: object) -> Iterator[tuple[str, Graph]]:
        raise OSError("corpus file unreadable")
        yield  # pragma: no cover

    with pytest.raises(OSError, match="unreadable"):
        build(target, steps=[*_steps("GM0363"), ("broken", broken)])
    assert _codes(target) == ["GM0363"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_a_derived_graph_that_fails_validation_leaves_previous_store_untouched(
    tmp_path: Path,
) -> None:
    # the store steps are validated once all are made, after they are loaded into the new
    # store: a failure there must still discard that store and keep the old one
    target = tmp_path / "store"
    build(target, steps=_steps("GM0363"), store_steps=[])

    def broken(_: object) -> Iterator[tuple[str, Graph]]:
        yield "https://w3id.org/gemeentegraaf/graph/derived-b", _small_reference("GM363")

    def tripping(_: object) -> Iterator[tuple[str, Graph]]:
        # a later step that reads the invalid graph and fails on it
        raise ValueError("cannot read the code GM363")
        yield  # pragma: no cover

    for later in ([], [("tripping", tripping)]):
        with pytest.raises(BuildError, match="GM363|cbsCode|CBS"):
            build(target, steps=_steps("GM0363"), store_steps=[("b", broken), *later])
        assert _codes(target) == ["GM0363"]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


@pytest.mark.slow
def test_full_build_counts(built) -> None:
    def n(where: str) -> int:
        return built.select(SPARQL_PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")[0][
            "n"
        ]

    assert n("?g a tooiont:Gemeente") == 605
    assert n("?g a tooiont:Gemeente FILTER NOT EXISTS { ?g tooiont:einddatum ?e }") == 342
    assert n("?p a tooiont:Provincie") == 12


@pytest.mark.slow
def test_2021_study_lists_40_g40_and_43_m50_members_with_their_passage(built) -> None:
    rows = built.select(
        SPARQL_PREFIXES
        + """
        SELECT ?net (COUNT(DISTINCT ?m) AS ?n) (COUNT(DISTINCT ?quoted) AS ?q) WHERE {
          ?m a org:Membership ; org:organization/skos:notation ?net ;
             gg:vastgesteldOp "2021-01-01"^^xsd:date ;
             prov:wasDerivedFrom ?passage .
          ?passage a gg:Passage ; gg:passagesoort "voetnoot" .
          OPTIONAL { ?m gg:bewijs/oa:hasSelector/oa:exact ?exact . BIND(?m AS ?quoted) }
        } GROUP BY ?net ORDER BY ?net"""
    )
    assert rows == [{"net": "G40", "n": 40, "q": 40}, {"net": "M50", "n": 43, "q": 43}]


@pytest.mark.slow
def test_members_on_tells_2021_from_2023(built) -> None:
    from datetime import date

    from gemeentegraaf.queries.networks import members_on

    g40_2021 = {m.code for m in members_on(built, "g40", date(2021, 6, 1))}
    g40_2023 = {m.code for m in members_on(built, "g40", date(2023, 6, 1))}
    assert len(g40_2021) == 40 and len(g40_2023) == 41
    assert g40_2023 - g40_2021 == {"GM0362"}  # Amstelveen joined on 2022-07-01
    m50_2021 = {m.code for m in members_on(built, "m50", date(2021, 6, 1))}
    assert len(m50_2021) == 43 and "GM0398" in m50_2021  # Heerhugowaard, as it was then
    assert len(members_on(built, "m50", date(2023, 6, 1))) == 61


@pytest.mark.slow
def test_every_fact_in_the_store_quotes_its_document_exactly(built) -> None:
    """Every evidence quote is the file text at its offsets, hence a substring of the
    whitespace-collapsed document (the gold file's notion of the normalised text)."""
    import re

    from gemeentegraaf.common.namespaces import document_uri
    from gemeentegraaf.sources.catalogue import corpus_records, raw_text

    raw = {str(document_uri(r.key)): raw_text(r) for r in corpus_records()}
    collapsed = {uri: re.sub(r"\s+", " ", text) for uri, text in raw.items()}
    rows = built.select(
        SPARQL_PREFIXES
        + """
        SELECT DISTINCT ?fact ?doc ?exact ?start ?end WHERE {
          ?fact gg:bewijs ?ev .
          ?ev oa:hasSource ?doc ;
              oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact ?exact ] ,
                             [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] .
        }"""
    )
    assert len(rows) > 1000
    wrong = [
        r["fact"]
        for r in rows
        if raw[r["doc"]][r["start"] : r["end"]] != r["exact"]
        or re.sub(r"\s+", " ", r["exact"]) not in collapsed[r["doc"]]
    ]
    assert wrong == []
    # and no fact is without evidence, except figures from reference files and curated ones
    bare = built.select(
        SPARQL_PREFIXES
        + """
        SELECT ?a WHERE { ?a a gg:Bewering .
          FILTER NOT EXISTS { ?a gg:bewijs ?ev }
          FILTER NOT EXISTS { ?a prov:wasAttributedTo ?who } }"""
    )
    assert bare == []


def test_build_refuses_to_replace_a_directory_that_is_not_a_store(tmp_path: Path) -> None:
    target = tmp_path / "thesis"
    target.mkdir()
    (target / "chapter1.txt").write_text("years of work", encoding="utf-8")
    with pytest.raises(BuildError, match="not a gemeentegraaf store"):
        build(target, steps=_steps("GM0363"))
    assert (target / "chapter1.txt").read_text(encoding="utf-8") == "years of work"


def test_build_refuses_a_file_as_store(tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(BuildError, match="is a file"):
        build(target, steps=_steps("GM0363"))
    assert target.read_text(encoding="utf-8") == "keep me"


def test_build_refuses_a_store_another_process_writes(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    target = tmp_path / "store"
    build(target, steps=_steps("GM0363"))
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('open', flush=True); time.sleep(60)",
            str(target),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(BuildError, match="open for writing in another process"):
            build(target, steps=_steps("GM0363"))
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    assert _codes(target) == ["GM0363"]


def test_build_refuses_a_store_a_writing_service_holds(tmp_path: Path) -> None:
    # Such a service holds no RocksDB handle between commits, only its writer lock:
    # a build swapped under it would lose every write it commits afterwards.
    target = tmp_path / "store"
    build(target, steps=_steps("GM0363"))
    lock = WriterLock.acquire(target)
    try:
        with pytest.raises(BuildError, match="written to by another process"):
            build(target, steps=_steps("GM0363"))
    finally:
        lock.release()
    assert _codes(target) == ["GM0363"]
    assert build(target, steps=_steps("GM0363")).store == target.resolve()  # now it runs


def test_broken_input_is_a_build_error_naming_the_step(tmp_path: Path) -> None:
    def bad_csv(_: object) -> Iterator[tuple[str, Graph]]:
        int("not-a-number")
        yield  # pragma: no cover

    with pytest.raises(BuildError, match="bad: cannot read the input: ValueError"):
        build(tmp_path / "store", steps=[("bad", bad_csv)])


def test_progress_names_every_step_a_default_build_reports() -> None:
    from gemeentegraaf.pipeline.build import progress_steps

    assert progress_steps()[:3] == ["ontology", "themes", "reference"]
    assert progress_steps()[-4:] == ["validate", "store", "analyses", "search"]
