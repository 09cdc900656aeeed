"""Shared challenges, communities and themes over time on a hand-made graph."""

from __future__ import annotations

import json

import pytest
from gemeentegraaf.analysis.communities import communities, theme_centrality
from gemeentegraaf.analysis.graphs import AnalysisError, UnknownEntity
from gemeentegraaf.analysis.shared_challenges import shared_challenges
from gemeentegraaf.analysis.timeline import theme_timeline

try:
    from tests.analysis_fixture import standard_world
except ImportError:  # tests/ itself on sys.path
    from analysis_fixture import standard_world


@pytest.fixture(scope="module")
def store():
    return standard_world().store()


def labels(answer: dict) -> list[str]:
    return [t["label"] for t in answer["themes"]]


def test_shared_themes_come_with_quotes_per_municipality(store):
    answer = shared_challenges(store, ["GM0001", "gm0002"])
    # All three shared; the rare ones first.
    assert labels(answer) == ["Vergrijzing", "Krimp", "Wonen"]
    for theme in answer["themes"]:
        assert set(theme["municipalities"]) == {"GM0001", "GM0002"}
        for evidence in theme["municipalities"].values():
            assert evidence["quotes"], theme["label"]
            assert all(q["quote"] and q["document"] for q in evidence["quotes"])
    krimp = next(t for t in answer["themes"] if t["label"] == "Krimp")
    # Three mentions in one passage count once: one passage per report.
    assert krimp["municipalities"]["GM0001"]["passages"] == 2
    assert krimp["municipalities"]["GM0001"]["documents"] == 2
    assert krimp["municipalities"]["GM0002"]["quotes"][0]["quote"] == "Grijsdorp krimpt ook"


def test_a_negated_theme_is_reported_but_never_shared(store):
    answer = shared_challenges(store, ["GM0001", "GM0002", "GM0008"], min_share=0.5)
    krimp = next(t for t in answer["themes"] if t["label"] == "Krimp")
    assert set(krimp["municipalities"]) == {"GM0001", "GM0002"}
    assert krimp["shared_by_all"] is False
    assert krimp["negated"]["GM0008"]["quotes"][0]["quote"] == "Ontkenburg zegt niets over krimp"
    assert "GM0008" not in krimp["missing"]
    everyone = shared_challenges(store, ["GM0001", "GM0002", "GM0008"], min_share=1.0)
    assert labels(everyone) == ["Wonen"]


def test_funders_share_nothing(store):
    answer = shared_challenges(store, ["GM0009", "GM0010"])
    assert answer["themes"] == []
    assert answer["pairwise"]["matrix"] == [[0, 0], [0, 0]]


def test_a_network_gives_a_pairwise_matrix(store):
    answer = shared_challenges(store, network="G40", min_share=0.3)
    members = answer["pairwise"]["codes"]
    assert members == ["GM0001", "GM0003", "GM0004", "GM0009", "GM0010", "GM0012"]
    matrix = answer["pairwise"]["matrix"]
    for i in range(len(members)):
        for j in range(len(members)):
            assert matrix[i][j] == matrix[j][i]
    assert matrix[members.index("GM0004")][members.index("GM0012")] == 2  # wonen, schulden
    assert answer["pairwise"]["shared_themes"]["GM0004|GM0012"] == ["Schulden", "Wonen"]
    assert "Wonen" in labels(answer)


def test_a_network_means_its_members_today_not_every_list_ever_recorded():
    world = standard_world()
    # An old list (2021) and the newest list (2023) of one network, plus a membership that
    # has ended: only the newest list counts.
    world.network("p10", "P10", ["GM0001", "GM0002", "GM0003"], attested="2021-01-01")
    world.network("p10", "P10", ["GM0002", "GM0003", "GM0004"], attested="2023-01-01")
    world.network("p10", "P10", ["GM0012"], ended="2020-12-31")
    answer = shared_challenges(world.store(), network="P10")
    assert answer["pairwise"]["codes"] == ["GM0002", "GM0003", "GM0004"]


def test_broader_themes_can_be_shared_through_narrower_ones(store):
    direct = shared_challenges(store, ["GM0004", "GM0011"], min_share=1.0)
    assert direct["themes"] == []
    via = shared_challenges(store, ["GM0001", "GM0011"], min_share=1.0, include_broader=True)
    assert "Demografie" in labels(via)


def test_user_mistakes_get_clear_errors(store):
    with pytest.raises(AnalysisError, match="at least two"):
        shared_challenges(store, ["GM0001"])
    with pytest.raises(UnknownEntity, match="GM9999"):
        shared_challenges(store, ["GM0001", "GM9999"])
    with pytest.raises(AnalysisError, match="not a municipality code"):
        shared_challenges(store, ["GM0001", "Utrecht"])
    with pytest.raises(UnknownEntity, match="network"):
        shared_challenges(store, network="G99")


def test_communities_are_stable_and_group_what_belongs_together(store):
    first = communities(store, seed=42)
    groups = [{m["code"] for m in c["members"]} for c in first["communities"]]
    assert any({"GM0001", "GM0002", "GM0011"} <= g for g in groups)
    assert any({"GM0005", "GM0006", "GM0007"} <= g for g in groups)
    assert not any({"GM0001", "GM0005"} <= g for g in groups)
    again = communities(standard_world().store(reverse=True), seed=42)
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    codes = {m["code"] for c in first["communities"] for m in c["members"]}
    assert not {"GM0009", "GM0010"} & codes


def test_the_most_connecting_theme_comes_first(store):
    rows = theme_centrality(store)["themes"]
    assert rows[0]["label"] == "Wonen"
    krimp = next(r for r in rows if r["label"] == "Krimp")
    assert krimp["municipalities"] == 3  # GM0008's negated krimp does not count
    assert krimp["broader"][0]["label"] == "Demografie"


def test_timeline_counts_passages_per_report_year(store):
    timeline = theme_timeline(store)
    assert timeline["years"] == [2013, 2018, 2021]
    rows = {r["label"]: r for r in timeline["overall"]["themes"]}
    # 2018: only GM0001's passage; GM0008's negated krimp is not attention for krimp.
    assert rows["Krimp"]["counts"] == [0, 1, 3]
    # Energietransitie in 2021: GM0008's challenge plus two trends.
    assert rows["Energietransitie"]["counts"] == [0, 2, 3]
    g40 = {r["label"]: r for r in timeline["networks"]["G40"]["themes"]}
    # A trend about the G40 itself counts for the G40; one about all municipalities does not.
    assert g40["Energietransitie"]["counts"] == [0, 1, 1]
    demography = theme_timeline(store, theme="demografie", rollup=True)
    assert demography["overall"]["themes"][0]["counts"] == [0, 1, 5]
    with pytest.raises(UnknownEntity):
        theme_timeline(store, theme="astrologie")
