"""Similar municipalities on hand-made graphs where the right answer is known by hand."""

from __future__ import annotations

import json

import pytest
from gemeentegraaf.analysis import similarity
from gemeentegraaf.analysis.graphs import AnalysisError, UnknownEntity, municipality_theme_graph
from gemeentegraaf.analysis.graphs import analysis_data as load
from gemeentegraaf.analysis.similarity import SimilarityConfig, materialise_similarities, similar
from gemeentegraaf.common.namespaces import GG
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

try:
    from tests.analysis_fixture import MUNICIPALITIES, World, standard_world
except ImportError:  # tests/ itself on sys.path
    from analysis_fixture import MUNICIPALITIES, World, standard_world


@pytest.fixture(scope="module")
def store():
    return standard_world().store()


def codes(answer: dict) -> list[str]:
    return [n["code"] for n in answer["neighbours"]]


def score(answer: dict, code: str) -> float:
    return next(n["score"] for n in answer["neighbours"] if n["code"] == code)


@pytest.mark.parametrize("method", ["profile", "ppr"])
def test_sharing_rare_themes_ranks_above_sharing_only_a_common_one(store, method):
    rare = similar(store, "GM0001", k=10, method=method)
    common = similar(store, "GM0003", k=10, method=method)
    assert codes(rare)[0] == "GM0002"
    assert score(rare, "GM0002") > score(common, "GM0004")


def test_explanation_names_the_shared_themes_with_quotes_and_adds_up(store):
    answer = similar(store, "GM0001", k=3)
    top = answer["neighbours"][0]
    explanation = top["explanation"]
    labels = [t["label"] for t in explanation["themes"]]
    # The rare themes explain more than the common one.
    assert labels[:2] == ["Krimp", "Vergrijzing"]
    assert labels.index("Wonen") > 1
    krimp = explanation["themes"][0]
    assert krimp["municipalities"]["GM0002"]["quote"]["quote"] == "Grijsdorp krimpt ook"
    assert krimp["municipalities"]["GM0001"]["quote"]["quote"]
    assert explanation["programmes"][0]["label"] == "Regio Deal Test"
    total = sum(explanation["by_group"].values())
    assert total == pytest.approx(top["score"], abs=1e-5)
    assert "Krimp" in explanation["summary"]


def test_a_negated_fact_does_not_count():
    negated = standard_world().store()
    # GM0011's only theme is krimp; GM0008's text says it does NOT address krimp.
    assert "GM0008" not in codes(similar(negated, "GM0011", k=10))
    graph = municipality_theme_graph(load(negated))
    krimp = "https://w3id.org/gemeentegraaf/id/thema/krimp"
    assert not graph.has_edge("https://w3id.org/gemeentegraaf/id/gemeente/gm0008", krimp)

    # Control: the same fact, not negated, does make them similar.
    world = standard_world()
    world.challenge("GM0008", "krimp", "rapport-2021", "p64", quote="Ontkenburg krimpt")
    assert "GM0008" in codes(similar(world.store(), "GM0011", k=10))


def test_ties_are_broken_by_code_and_answers_do_not_depend_on_load_order(store):
    answer = similar(store, "GM0007", k=5)
    first, second = answer["neighbours"][:2]
    assert first["score"] == second["score"]
    assert [first["code"], second["code"]] == ["GM0005", "GM0006"]
    reversed_store = standard_world().store(reverse=True)
    for method in ("profile", "ppr", "simrank"):
        a = similar(store, "GM0007", k=5, method=method)
        b = similar(reversed_store, "GM0007", k=5, method=method)
        assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_municipalities_named_only_as_funders_are_not_similar(store):
    for funder in ("GM0009", "GM0010"):
        answer = similar(store, funder, k=10)
        assert answer["neighbours"] == []
        assert answer["confidence"]["level"] == "none"
    for code in MUNICIPALITIES:
        assert not {"GM0009", "GM0010"} & set(codes(similar(store, code, k=20)))


def test_thin_evidence_gets_a_low_confidence_flag_and_few_neighbours(store):
    answer = similar(store, "GM0011", k=10)
    assert answer["confidence"]["level"] == "low"
    assert answer["confidence"]["low"] is True
    assert 0 < len(answer["neighbours"]) <= SimilarityConfig().low_confidence_k
    # Seen from a well-documented municipality, it is flagged as thin.
    entry = next(n for n in similar(store, "GM0001", k=10)["neighbours"] if n["code"] == "GM0011")
    assert entry["thin_evidence"] is True
    assert entry["score"] < score(similar(store, "GM0001", k=10), "GM0002")


def test_repeated_mentions_in_one_passage_count_once(store):
    graph = municipality_theme_graph(load(store))
    edge = graph.edges[
        "https://w3id.org/gemeentegraaf/id/gemeente/gm0001",
        "https://w3id.org/gemeentegraaf/id/thema/krimp",
    ]
    # Three assertions on passage p1 of the 2021 report, one in the 2018 report.
    assert edge["passages"] == 2
    assert edge["documents"] == 2
    assert edge["weight"] == pytest.approx(2.0)


def test_weights_are_configurable_and_checked(store):
    no_networks = SimilarityConfig.parse("networks=0,programmes=0")
    answer = similar(store, "GM0001", k=5, config=no_networks)
    for n in answer["neighbours"]:
        assert n["explanation"]["networks"] == []
        assert n["explanation"]["programmes"] == []
    assert answer["weights"]["networks"] == 0
    with pytest.raises(AnalysisError):
        SimilarityConfig.parse("colour=3")
    with pytest.raises(AnalysisError):
        SimilarityConfig.parse("themes=0")
    with pytest.raises(AnalysisError):
        similar(store, "GM0001", method="astrology")
    with pytest.raises(UnknownEntity):
        similar(store, "GM9999")
    with pytest.raises(AnalysisError):
        similar(store, "Amsterdam")


def test_structural_methods_explain_their_scores(store):
    for method in ("ppr", "simrank"):
        answer = similar(store, "GM0001", k=3, method=method)
        assert answer["method"] == method
        top = answer["neighbours"][0]
        assert top["explanation"]["themes"], method
        assert sum(top["explanation"]["by_group"].values()) == pytest.approx(top["score"], abs=1e-5)


@pytest.mark.parametrize("method", ["profile", "ppr", "simrank"])
def test_sibling_themes_meet_in_their_broader_theme(method):
    world = standard_world()
    world.municipality("GM0013", "Zusterstad")
    world.challenge("GM0013", "vergrijzing", "rapport-2018", "p120")
    world.challenge("GM0013", "vergrijzing", "rapport-2021", "p121")
    world.challenge("GM0013", "cultuur", "rapport-2021", "p122")
    answer = similar(world.store(), "GM0011", k=3, method=method)  # GM0011: krimp only
    by_code = {n["code"]: n for n in answer["neighbours"]}
    assert "GM0013" in by_code
    sibling = by_code["GM0013"]
    assert [t["label"] for t in sibling["explanation"]["themes"]] == ["Demografie"]
    via = sibling["explanation"]["themes"][0]["municipalities"]
    assert via["GM0013"]["via"][0]["label"] == "Vergrijzing"
    assert via["GM0011"]["via"][0]["label"] == "Krimp"
    # A shared narrower theme counts for more than meeting only in the broader one.
    assert by_code["GM0001"]["score"] > sibling["score"]


def test_being_named_together_in_one_passage_counts_and_is_quoted():
    world = standard_world()
    for code in ("GM0021", "GM0022", "GM0023"):
        world.municipality(code, f"Stad {code}")
        world.challenge(code, "cultuur", "rapport-2018", f"c{code}")
        world.challenge(code, "veiligheid", "rapport-2018", f"v{code}")
    together = "Stad GM0021 en Stad GM0023 kampen allebei met ondermijning"
    world.challenge("GM0021", "veiligheid", "rapport-2021", "p300", quote=together)
    world.challenge("GM0023", "veiligheid", "rapport-2021", "p300", quote=together)
    # GM0022 has as much evidence, but alone; without the co-mention it would tie with
    # GM0023 and come first by code.
    world.challenge("GM0022", "veiligheid", "rapport-2021", "p301")
    # A long list of twelve names says little about any two of them.
    listed = [f"GM00{n}" for n in range(30, 42)]
    for code in listed:
        world.municipality(code, f"Lijststad {code}")
        world.challenge(code, "cultuur", "rapport-2021", "p400", quote="Twaalf steden ...")
        world.challenge(code, "veiligheid", "rapport-2018", f"v{code}")
    store = world.store()

    answer = similar(store, "GM0021", k=20)
    ranked = codes(answer)
    assert ranked.index("GM0023") < ranked.index("GM0022")
    pair = next(n for n in answer["neighbours"] if n["code"] == "GM0023")
    named = pair["explanation"]["together"]
    assert [t["label"] for t in named] == ["Veiligheid"]
    assert named[0]["passages"][0]["quote"] == together
    assert named[0]["passages"][0]["municipalities_named"] == 2
    assert sum(pair["explanation"]["by_group"].values()) == pytest.approx(pair["score"], abs=1e-5)

    in_list = similar(store, "GM0030", k=20)["neighbours"]
    listed_pair = next(n for n in in_list if n["code"] == "GM0031")
    assert (
        listed_pair["explanation"]["by_group"]["together"]
        < 0.25 * (pair["explanation"]["by_group"]["together"])
    )


def test_the_cache_follows_the_store():
    store = standard_world().store()
    assert "GM0012" not in codes(similar(store, "GM0011", k=10))
    extra = World()
    extra.challenge("GM0012", "krimp", "rapport-2021", "p99", quote="Woonstee krimpt")
    store.load(extra.trig().encode("utf-8"), "trig")
    assert "GM0012" in codes(similar(store, "GM0011", k=10))


def test_similarities_materialise_as_rdf(store):
    graph = materialise_similarities(store, k=3)
    nodes = set(graph.subjects(RDF.type, GG.Gelijkenis))
    assert nodes
    source = URIRef("https://w3id.org/gemeentegraaf/id/gemeente/gm0001")
    first = next(
        n
        for n in nodes
        if (n, GG.van, source) in graph
        and (n, GG.rang, None) in graph
        and graph.value(n, GG.rang).toPython() == 1
    )
    assert graph.value(first, GG.naar) == URIRef(
        "https://w3id.org/gemeentegraaf/id/gemeente/gm0002"
    )
    assert graph.value(first, GG.methode) == Literal("profile/v1")
    assert 0 < float(graph.value(first, GG.score)) <= 1
    from gemeentegraaf.validate import validate

    report = validate(graph)
    assert report.conforms, report.format()
    funder = URIRef("https://w3id.org/gemeentegraaf/id/gemeente/gm0009")
    assert (None, GG.naar, funder) not in graph
    assert (funder, None, None) not in graph


# ---------------------------------------------------------------------------
# The real build
# ---------------------------------------------------------------------------

SHRINKING_EDGE = ("GM1883", "GM0917", "GM0114")  # Sittard-Geleen, Heerlen, Emmen
DEMOGRAPHY = ("demogra", "krimp", "bevolking")


@pytest.mark.slow
def test_shrinking_edge_municipalities_are_each_others_neighbours(built):
    has_facts = built.ask(
        "ASK { ?a a <https://w3id.org/gemeentegraaf/def#Uitdaging> ; "
        "<https://w3id.org/gemeentegraaf/def#onderwerp> ?m }"
    )
    assert has_facts, "the build has no gg:Uitdaging facts about a municipality"
    store = built
    for code in SHRINKING_EDGE:
        answer = similar(store, code)  # the default top 10
        top = {n["code"]: n for n in answer["neighbours"]}
        for other in SHRINKING_EDGE:
            if other == code:
                continue
            assert other in top, f"{other} not among the top 10 of {code}: {list(top)}"
            themes = " ".join(
                f"{t['label']} {t['theme']}".lower() for t in top[other]["explanation"]["themes"]
            )
            assert any(word in themes for word in DEMOGRAPHY), (code, other, themes)


@pytest.mark.slow
def test_the_analyses_count_todays_members_of_a_network(built):
    from gemeentegraaf.analysis.graphs import load_analysis_data
    from gemeentegraaf.queries.networks import members_on

    data = load_analysis_data(built)
    for key in ("g4", "g40", "m50", "p10"):
        today = {m.code for m in members_on(built, key)}
        assert set(data.members(data.resolve_network(key))) == today, key
    # The M50 list of 2023 has 61 members; the 2021 study listed 43, 63 municipalities in all.
    assert len(data.members(data.resolve_network("M50"))) == len(members_on(built, "m50")) < 63


def test_a_write_that_keeps_every_count_is_seen_after_forget() -> None:
    from gemeentegraaf.analysis.graphs import analysis_data, forget

    store = standard_world().store()
    before = analysis_data(store)
    assert "https://w3id.org/gemeentegraaf/id/thema/cultuur" in before.challenges["GM0005"]
    # Swap one theme for another: every triple count stays the same.
    store.update(
        """PREFIX gg: <https://w3id.org/gemeentegraaf/def#>
        DELETE { GRAPH ?g { ?a gg:thema <https://w3id.org/gemeentegraaf/id/thema/cultuur> } }
        INSERT { GRAPH ?g { ?a gg:thema <https://w3id.org/gemeentegraaf/id/thema/schulden> } }
        WHERE { GRAPH ?g { ?a gg:onderwerp <https://w3id.org/gemeentegraaf/id/gemeente/gm0005> ;
                             gg:thema <https://w3id.org/gemeentegraaf/id/thema/cultuur> } }"""
    )
    forget(store)
    after = analysis_data(store)
    assert "https://w3id.org/gemeentegraaf/id/thema/cultuur" not in after.challenges["GM0005"]
    assert "https://w3id.org/gemeentegraaf/id/thema/schulden" in after.challenges["GM0005"]


@pytest.mark.parametrize(
    "text", ["min_evidence=inf", "themes=nan", "themes=1e400", "themes=1e308,networks=1e308"]
)
def test_weights_that_are_not_finite_are_refused(text: str) -> None:
    from gemeentegraaf.analysis.graphs import AnalysisError
    from gemeentegraaf.analysis.similarity import SimilarityConfig

    with pytest.raises(AnalysisError):
        SimilarityConfig.parse(text)


def test_a_ppr_that_does_not_settle_is_a_clear_analysis_error(store, monkeypatch):
    # An alpha close to 1 on the full data did not settle in the steps allowed: a 500 with
    # networkx's exception name before (an adversary's finding); now the reason and a cure.
    with pytest.raises(AnalysisError, match="at most 0.99"):
        SimilarityConfig.parse("ppr_alpha=0.999")
    monkeypatch.setattr(similarity, "_PPR_MAX_ITER", 1)
    with pytest.raises(AnalysisError, match="choose a smaller ppr_alpha"):
        similar(store, "GM0001", method="ppr", config=SimilarityConfig.parse("ppr_alpha=0.99"))
