"""Every subject gets its fact: lists, "samen met" partners, "de gemeenten X en Y";
and names in a role are no subjects (issue 9, items 2 and 3)."""

from __future__ import annotations

from gemeentegraaf.common.namespaces import GG, OA
from gemeentegraaf.extract.framework import context_for, extract_facts
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.text.documents import read_document
from gemeentegraaf.text.normalise import is_bullet_line
from rdflib.namespace import RDF

ZWOLLE, TILBURG, BREDA = "gm0193", "gm0855", "gm0758"
DEVENTER, APELDOORN, DELFT = "gm0150", "gm0200", "gm0503"


def _facts(text: str) -> set[tuple[str, str, bool]]:
    record = CorpusRecord(
        key="nota",
        file="nota.txt",
        title="Een nota",
        publisher="Een bureau",
        year=2022,
        date="2022",
        kind="rapport",
        language="nl",
    )
    g = extract_facts(record, read_document("# Nota\n\n" + text, "nota")).graph
    found = set()
    for node in g.subjects(RDF.type, GG.Uitdaging):
        negated = g.value(node, GG.ontkend)
        found.add(
            (
                str(g.value(node, GG.onderwerp)).rsplit("/", 1)[-1],
                str(g.value(node, GG.thema)).rsplit("/", 1)[-1],
                bool(negated is not None and negated.toPython()),
            )
        )
    return found


def _subjects(facts: set[tuple[str, str, bool]], theme: str) -> set[str]:
    return {s for s, t, negated in facts if t == theme and not negated}


def test_each_name_of_a_list_gets_the_fact() -> None:
    facts = _facts("In Zwolle, Tilburg en Breda investeert men in de energietransitie.\n")
    assert _subjects(facts, "energietransitie") == {ZWOLLE, TILBURG, BREDA}


def test_de_gemeenten_x_en_y() -> None:
    facts = _facts("De gemeenten Zwolle en Tilburg investeren in de energietransitie.\n")
    assert _subjects(facts, "energietransitie") == {ZWOLLE, TILBURG}


def test_samen_met_partners_act_too_but_a_comparison_does_not() -> None:
    facts = _facts(
        "Zwolle gaat samen met Deventer en Apeldoorn investeren in de energietransitie.\n"
    )
    assert _subjects(facts, "energietransitie") == {ZWOLLE, DEVENTER, APELDOORN}
    facts = _facts("Zwolle investeert meer in de energietransitie dan Tilburg.\n")
    assert _subjects(facts, "energietransitie") == {ZWOLLE}


def test_funders_employers_and_examples_are_no_subjects() -> None:
    assert not _facts(
        "De studie is gefinancierd door Zwolle en Tilburg, die investeren in wonen.\n"
    )
    facts = _facts("Veel gemeenten investeren in de energietransitie, zoals in Delft.\n")
    assert DELFT not in _subjects(facts, "energietransitie")
    facts = _facts("Hans Jansen (Zwolle) wil investeren in de energietransitie.\n")
    assert ZWOLLE not in _subjects(facts, "energietransitie")


def test_negation_covers_every_name_of_the_list() -> None:
    facts = _facts(
        "In Zwolle en Tilburg staat niets over schuldhulpverlening, wel willen ze meer.\n"
    )
    negated = {s for s, t, n in facts if n and "schuld" in t}
    assert negated == {ZWOLLE, TILBURG}
    assert not {s for s, t, n in facts if not n and "schuld" in t}


def test_bundled_reports_give_every_listed_name_its_fact() -> None:
    trends = context_for("platform31-trendstudie-g40-m50-2021").graph
    coalition = context_for("platform31-analyse-coalitieakkoorden-2018").graph

    def subjects(g, quote_start: str) -> set[str]:
        found = set()
        for node in g.subjects(RDF.type, GG.Uitdaging):
            for evidence in g.objects(node, GG.bewijs):
                for selector in g.objects(evidence, OA.hasSelector):
                    exact = g.value(selector, OA.exact)
                    if exact is not None and str(exact).startswith(quote_start):
                        found.add(str(g.value(node, GG.onderwerp)).rsplit("/", 1)[-1])
        return found

    assert {"gm0984", "gm0928", "gm1895"} <= subjects(trends, "In Venray, Kerkrade en Oldambt")
    assert {"gm0301", DEVENTER, APELDOORN, ZWOLLE} <= subjects(coalition, "Zutphen gaat")


def test_a_dash_after_a_line_that_stops_mid_sentence_is_an_inserted_clause() -> None:
    previous = "Barneveld (4 procent) en Zeist (2,5 procent) wordt nog groei verwacht. In Venray"
    assert not is_bullet_line("– M50-gemeenten die zich aan de rand bevinden", previous)
    assert is_bullet_line("– Meer woningen bouwen", "De gemeente wil het volgende:")
    assert is_bullet_line("– Meer woningen bouwen", "")
