"""Structure of the bundled reports: sections, passages, footnotes, sentences, RDF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gemeentegraaf.common.namespaces import GG, OA
from gemeentegraaf.sources.catalogue import corpus_records
from gemeentegraaf.text.documents import load_document
from gemeentegraaf.text.normalise import find_collapsed, normalise
from gemeentegraaf.text.segment import (
    PASSAGE_KINDS,
    footnote,
    passage_uri,
    section_uri,
    segment,
    sentences,
    to_rdf,
)
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

GOLD = Path(__file__).parent / "gold" / "dev.jsonl"
STUDY_2013 = "platform31-trendstudie-2013"
STUDY_2021 = "platform31-trendstudie-g40-m50-2021"
ANALYSIS_2018 = "platform31-analyse-coalitieakkoorden-2018"
G32 = "g32-analyse-regeerakkoord-2017"
VNG = "vng-stand-van-de-uitvoering-2023"


def texts(passages) -> list[str]:
    return [p.text for p in passages]


# -- the 2021 trend study: trends (➢) and opgaven (•) per chapter ---------------------


@pytest.mark.parametrize(
    ("chapter", "trends", "opgaven"),
    [("1", 3, 3), ("2", 3, 3), ("3", 3, 3), ("4", 3, 3), ("5", 3, 3), ("6", 3, 4)]
    + [("7", 3, 3), ("8", 3, 3), ("9", 0, 0)],
)
def test_trend_and_opgave_bullets_per_chapter(chapter: str, trends: int, opgaven: int) -> None:
    doc = load_document(STUDY_2021)
    assert len(doc.passages_in(chapter, kind="trend")) == trends
    assert len(doc.passages_in(chapter, kind="opgave")) == opgaven


def test_trend_and_opgave_bullets_read_whole() -> None:
    doc = load_document(STUDY_2021)
    assert texts(doc.passages_in("1", kind="trend"))[0] == (
        "De taken op lokaal niveau zijn toegenomen, worden belangrijker en ook steeds "
        "ingewikkelder. Juist in deze ingewikkelde, verwarrende en transformatieve tijd zijn "
        "goede bestuurders en is goed beleid van belang."
    )
    assert "Bevolking blijft groeien, met name in de grote steden." in texts(
        doc.passages_in("2", kind="trend")
    )
    assert texts(doc.passages_in("6", kind="opgave"))[0] == (
        "Focus niet alleen op méér nieuwbouw; kijk naar een beter gebruik van de bestaande "
        "woningen."
    )
    # the last opgave of chapter 8 stops before the next paragraph
    assert texts(doc.passages_in("8", kind="opgave"))[-1].endswith("de NIMBY-problematiek.")


def test_2021_chapters_and_sections() -> None:
    doc = load_document(STUDY_2021)
    chapters = [s for s in doc.sections if s.level == 1]
    assert [s.key for s in chapters] == ["managementsamenvatting", "inleiding"] + [
        str(n) for n in range(1, 10)
    ]
    assert doc.section("3").title == "Van ondersteuning naar economisch herstel"
    assert doc.section("7.1").title == "Trends en ontwikkelingen in verkeer, vervoer en mobiliteit"
    assert doc.section("7.1").parent == "7"


def test_2021_table_rows_are_passages() -> None:
    doc = load_document(STUDY_2021)
    rows = [p for p in doc.passages_in("2.1", kind="tabelcel")]
    assert "G4 2.436,5 2.773,3 13,8 336,8" in texts(rows)
    assert "G40 5.059,3 5.433,4 7,4 374,1" in texts(rows)


# -- footnotes --------------------------------------------------------------------------


def test_footnotes_2_and_3_of_the_2021_introduction_list_the_networks() -> None:
    doc = load_document(STUDY_2021)
    g40, m50 = footnote(doc, 2), footnote(doc, 3)
    assert g40.kind == m50.kind == "voetnoot"
    assert g40.text.startswith("Alkmaar, Almelo, Almere, Alphen aan den Rijn,")
    assert g40.text.endswith("Zaanstad, Zoetermeer, Zwolle.")
    assert len(g40.text.split(", ")) == 40
    assert m50.text.startswith("Altena, Barendrecht") and "Veldoven" in m50.text
    assert len(m50.text.split(", ")) == 43
    assert doc.raw[g40.raw_start : g40.raw_end].startswith("Alkmaar, Almelo")
    assert doc.section(g40.section).title == "Bruikbaar voor alle gemeenten"
    assert doc.ancestors(g40.section)[-1].key == "inleiding"
    assert footnote(doc, 2, within="inleiding") == g40


def test_unknown_footnote_is_a_clear_error() -> None:
    doc = load_document(STUDY_2021)
    with pytest.raises(KeyError, match="no footnote 7 in section 'inleiding'"):
        footnote(doc, 7, within="inleiding")


def test_footnotes_of_the_2018_analysis_and_the_g32() -> None:
    analysis = load_document(ANALYSIS_2018)
    assert [p.number for p in analysis.of_kind("voetnoot")] == list(range(1, 16))
    assert footnote(analysis, 10).text.startswith("Bij de gemeente Tynaarlo gaat het om")
    g32 = load_document(G32)
    assert footnote(g32, 4).text == (
        "De invoering van het abonnementstarief Wmo, de bezuiniging op de wijkverpleging, de "
        "aanpak van de wachtlijsten GGZ."
    )


# -- the 2013 trend study: dash lists of key trends ---------------------------------------


@pytest.mark.parametrize(("chapter", "items"), [("2", 7), ("3", 6), ("4", 7), ("5", 6)])
def test_2013_key_trend_dash_lists(chapter: str, items: int) -> None:
    doc = load_document(STUDY_2013)
    key = f"{chapter}-belangrijkste-trends-en-ontwikkelingen"
    assert doc.section(key).level == 2
    dashes = doc.passages_in(key, kind="streepje")
    assert len(dashes) == items


def test_2013_dash_items_read_whole() -> None:
    doc = load_document(STUDY_2013)
    fysiek = texts(doc.passages_in("2-belangrijkste-trends-en-ontwikkelingen", kind="streepje"))
    assert fysiek[0] == "Sterk wijzigende samenstelling inwoners en huishoudens."
    sociaal = texts(doc.passages_in("4-belangrijkste-trends-en-ontwikkelingen", kind="streepje"))
    assert sociaal[1] == (
        "Ontwikkelingen ingezet voor de crisis, vanuit maatschappelijke tendensen en "
        "demografische ontwikkelingen."
    )


def test_2013_explanations_sit_below_toelichting() -> None:
    doc = load_document(STUDY_2013)
    toelichting = doc.section("2-toelichting")
    heads = [s.title for s in doc.children(toelichting.key)]
    assert heads[0] == "Nauwelijks groei van het aantal inwoners"
    assert len(heads) == 9
    assert doc.section("6").title == "Verbindende trends en ontwikkelingen"


# -- the VNG report: knelpunt tables and practice boxes -------------------------------------


@pytest.mark.parametrize(("number", "rows"), [("7.4", 9), ("8.4", 6), ("9.4", 7)])
def test_knelpunt_tables_columns(number: str, rows: int) -> None:
    doc = load_document(VNG)
    columns = {s.title: s for s in doc.children(number) if s.column}
    assert set(columns) == {
        "Knelpunt",
        "Inwonerperspectief",
        "Gemeenteperspectief",
        "Ketenpartnerperspectief",
    }
    cells = doc.passages_in(columns["Knelpunt"].key, kind="tabelcel")
    assert len(cells) == rows
    assert all(c.column == "Knelpunt" for c in cells)
    assert [c.row for c in cells] == list(range(1, rows + 1))


def test_knelpunt_items_read_whole() -> None:
    doc = load_document(VNG)
    casus1 = texts(doc.passages_in("7.4-knelpunt", kind="tabelcel"))
    assert (
        "Door wantrouwen in de overheid zijn mensen terughoudend in het gebruik maken van regelingen"
        in casus1
    )
    assert casus1[-1] == "Ketenbreed overzicht en ketensamenwerking is onvoldoende"
    casus2 = texts(doc.passages_in("8.4-knelpunt", kind="tabelcel"))
    assert "Ruimte voor lokale/regionale verschillen in oplossingsrichtingen" in casus2
    casus3 = texts(doc.passages_in("9.4-knelpunt", kind="tabelcel"))
    assert "Complex geheel van regelingen" in casus3
    # the last cell of a column does not swallow the next column's header
    inwoner = texts(doc.passages_in("7.4-inwonerperspectief", kind="tabelcel"))
    assert inwoner[-1].endswith("een vast aanspreekpunt of regiehouder ontbreekt vaak")


def test_gold_bottlenecks_are_knelpunt_cells() -> None:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    doc = load_document(VNG)
    bottlenecks = [r for r in rows if r["kind"] == "bottleneck"]
    assert bottlenecks
    for row in bottlenecks:
        rs, _ = find_collapsed(doc.raw, row["quote"])
        cell = doc.passage_at(rs)
        assert cell.kind == "tabelcel" and cell.column == "Knelpunt", row["id"]


def test_cases_are_marked_and_titled() -> None:
    doc = load_document(VNG)
    cases = [s for s in doc.sections if s.case]
    assert [(s.key, s.title) for s in cases] == [
        ("7", "Casus 1: Ronald en Marijke"),
        ("8", "Casus 2: Gerrit"),
        ("9", "Casus 3: Nathalie en Dunya"),
    ]


def test_practice_boxes() -> None:
    doc = load_document(VNG)
    boxes = doc.of_kind("kader")
    assert len(boxes) == 22
    assert all(b.text.startswith("Praktijkvoorbeeld:") for b in boxes)
    wijktafels = next(b for b in boxes if b.title == "Wijktafels")
    assert "De gemeente Middelburg organiseert zogenaamde ‘wijktafels’." in wijktafels.text
    assert wijktafels.text.endswith("in gesprek gaan met hun wijkwethouder.")
    wrapped = next(b for b in boxes if b.title.startswith("Een effectieve aanpak van ondermijning"))
    assert wrapped.title.endswith("binnen de geldende wet- en regelgeving")


# -- the G32 analysis: ten speerpunten and three pillars -------------------------------------


def test_g32_ten_speerpunten_with_their_reaction() -> None:
    doc = load_document(G32)
    speerpunten = doc.children("2")
    assert [s.number for s in speerpunten] == [f"2.{n}" for n in range(1, 11)]
    for s in speerpunten:
        assert s.level == 2
        assert "Reactie G32 op Regeerakkoord" in [c.title for c in doc.children(s.key)]
    assert doc.section("2.8").title == (
        "Een veilige stad o.a. door meer wijkagenten en meer ruimte voor het lokaal bestuur."
    )
    assert doc.section("2.3").title.endswith(
        "internationalisering van hogescholen en universiteiten."
    )
    reaction = doc.passages_in("2.4-reactie-g32-op-regeerakkoord", kind="alinea")
    assert reaction[0].text.startswith("De G32 onderschrijft het standpunt van het kabinet")


def test_g32_three_pillars() -> None:
    doc = load_document(G32)
    assert doc.section("3").title == "Aanvullende opmerkingen vanuit de drie pijlers"
    assert [(s.number, s.title) for s in doc.children("3")] == [
        ("3.1", "Sociaal"),
        ("3.2", "Fysiek"),
        ("3.3", "Economie"),
    ]
    points = doc.passages_in("3.2", kind="streepje")
    assert points[1].number == 2
    assert points[1].text.startswith("2) Er staat in het Regeerakkoord niets over transformatie")


# -- the 2018 analysis --------------------------------------------------------------------------


def test_2018_themes_and_subheadings() -> None:
    doc = load_document(ANALYSIS_2018)
    assert [s.title for s in doc.sections if s.level == 1] == [
        "Proloog: aandacht voor iedereen",
        "Ontwikkeling van de economie in stad en regio",
        "Toekomstbestending wonen",
        "Activering van mensen die langs de kant staan",
        "Transformatie in het sociaal domein",
        "De aanpak van problematische schulden",
        "De transitie naar een duurzame samenleving",
        "Epiloog: nieuwe ambities in samenhang",
    ]
    assert "Vitaliteit van de binnenstad" in [s.title for s in doc.children("1")]
    bullets = texts(doc.passages_in("1-wat-zijn-de-economische-aandachtspunten", kind="streepje"))
    assert bullets[0] == "het versterken van het vestigingsklimaat;"


# -- invariants over all documents --------------------------------------------------------------


def test_structure_is_consistent_in_every_document() -> None:
    for record in corpus_records():
        doc = load_document(record.key)
        keys = [s.key for s in doc.sections]
        assert len(keys) == len(set(keys)), record.key
        for s in doc.sections:
            if s.parent is not None:
                assert doc.section(s.parent).level < s.level, (record.key, s.key)
        previous_end = -1
        for p in doc.passages:
            assert p.kind in PASSAGE_KINDS
            assert p.section is None or p.section in keys
            assert p.text == doc.text[p.norm_start : p.norm_end]
            assert p.text.strip() == p.text and p.text
            assert p.norm_start >= previous_end, (record.key, p.key)  # no overlaps
            previous_end = p.norm_end
        assert len({p.key for p in doc.passages}) == len(doc.passages)


def test_sentences_carry_raw_offsets() -> None:
    doc = load_document(ANALYSIS_2018)
    rs, _ = find_collapsed(doc.raw, "Zwolle lijkt zich als een van de weinige")
    passage = doc.passage_at(rs)
    found = [s for s in sentences(doc, passage) if s.text.startswith("Zwolle lijkt")]
    assert len(found) == 1
    sentence = found[0]
    assert sentence.text == (
        "Zwolle lijkt zich als een van de weinige wel bewust van de noodzaak de arbeidsmarkt "
        "beter te laten functioneren en inclusiever te maken."
    )
    assert doc.raw[sentence.raw_start : sentence.raw_start + 12] == "Zwolle lijkt"
    assert doc.raw[sentence.raw_end - 6 : sentence.raw_end] == "maken."


def test_sentences_do_not_split_at_abbreviations_or_initials() -> None:
    raw = (
        "Bron: M. van der Steen, J. Scherpenisse en M. van Twist, Sedimentatie in Sturing. "
        "De G32 wil o.a. meer wijkagenten en t.a.v. de financiën duidelijkheid. Dat is het."
    )
    doc = segment(normalise(raw), "voorbeeld")
    parts = [s.text for p in doc.passages for s in sentences(doc, p)]
    assert parts == [
        "Bron: M. van der Steen, J. Scherpenisse en M. van Twist, Sedimentatie in Sturing.",
        "De G32 wil o.a. meer wijkagenten en t.a.v. de financiën duidelijkheid.",
        "Dat is het.",
    ]


# -- RDF ------------------------------------------------------------------------------------------


def test_document_graph_structure() -> None:
    doc = load_document(VNG)
    g = to_rdf(doc)
    document = URIRef(f"https://w3id.org/gemeentegraaf/id/document/{VNG}")
    assert (document, RDF.type, GG.Document) in g
    case = section_uri(VNG, "7")
    assert (case, RDF.type, GG.Casus) in g
    assert (case, DCTERMS.title, Literal("Casus 1: Ronald en Marijke", lang="nl")) in g
    table = section_uri(VNG, "7.4")
    assert (table, GG.sectienummer, Literal("7.4")) in g
    assert (table, GG.niveau, Literal(2, datatype=XSD.integer)) in g
    assert (table, DCTERMS.isPartOf, case) in g
    cell = doc.passages_in("7.4-knelpunt", kind="tabelcel")[3]
    node = passage_uri(VNG, cell)
    assert str(node).endswith(f"/passage/{cell.raw_start}-{cell.raw_end}")
    assert (node, GG.passagesoort, Literal("tabelcel")) in g
    assert (node, DCTERMS.isPartOf, section_uri(VNG, "7.4-knelpunt")) in g
    assert (node, OA.start, Literal(cell.raw_start, datatype=XSD.integer)) in g
    assert g.value(node, RDF.value).toPython() == cell.text
    # a handful of triples per node, no more
    assert len(g) <= 6 * (len(doc.passages) + len(doc.sections)) + 1


# -- a table of contents ----------------------------------------------------------------------

_CHAPTERS = (
    "Dit akkoord beschrijft wat de coalitie de komende vier jaar wil bereiken voor de stad.\n\n"
    "{h}2. Wonen\n\nWe bouwen de komende jaren tweeduizend betaalbare woningen voor starters.\n\n"
    "{h}3. Zorg en welzijn\n\nWe investeren in de jeugdzorg en pakken de wachtlijsten aan.\n"
)


def _outline(raw: str) -> list[tuple[str, str | None]]:
    doc = segment(normalise(raw), "akkoord")
    return [(s.title, s.parent) for s in doc.sections]


def test_the_entries_of_a_markdown_table_of_contents_are_no_sections() -> None:
    raw = (
        "# Coalitieakkoord\n\n## Inhoud\n\n1. Inleiding\n2. Wonen\n3. Zorg en welzijn\n\n"
        "## 1. Inleiding\n\n" + _CHAPTERS.format(h="## ")
    )
    assert _outline(raw) == [
        ("Coalitieakkoord", None),
        ("Inhoud", "coalitieakkoord"),
        ("1. Inleiding", "coalitieakkoord"),
        ("2. Wonen", "coalitieakkoord"),
        ("3. Zorg en welzijn", "coalitieakkoord"),
    ]
    doc = segment(normalise(raw), "akkoord")
    index = doc.passages_in("coalitieakkoord-inhoud", kind="inhoud")
    assert [p.text for p in index] == ["1. Inleiding\n2. Wonen\n3. Zorg en welzijn"]


def test_a_table_of_contents_with_page_numbers_ends_where_its_first_chapter_begins() -> None:
    # As a PDF's text gives it: no heading marks, page numbers after the entries, and the
    # first chapter's title repeating the first entry.
    raw = (
        "Inhoudsopgave\n1. Inleiding 3\n2. Wonen 5\n2.1 Starters ........ 6\n"
        "3. Zorg en welzijn 9\n\n1. Inleiding\n" + _CHAPTERS.format(h="")
    )
    titles = [title for title, _parent in _outline(raw)]
    assert titles == ["Inhoudsopgave", "Inleiding", "Wonen", "Zorg en welzijn"]


def test_an_unnumbered_index_ends_at_a_title_it_named_and_holds_nothing_after_it() -> None:
    raw = (
        "Inhoud\nVoorwoord\nWonen\n\nVoorwoord\n"
        "Dit programma beschrijft wat de coalitie de komende vier jaar wil bereiken.\n"
    )
    assert _outline(raw) == [("Inhoud", None), ("Voorwoord", None)]


def test_a_section_called_inhoud_with_prose_keeps_its_prose() -> None:
    raw = (
        "# Inhoud\n\nIn dit hoofdstuk leest u wat de gemeente de komende jaren wil doen "
        "voor haar inwoners en ondernemers.\n\n# Wonen\n\nWe bouwen woningen.\n"
    )
    doc = segment(normalise(raw), "akkoord")
    assert [s.title for s in doc.sections] == ["Inhoud", "Wonen"]
    assert len(doc.passages_in("inhoud", kind="alinea")) == 1


def test_an_index_ends_at_an_entry_numbered_no_later_than_the_one_before() -> None:
    # the chapter's title differs from its entry: only the numbering says the index ended
    raw = "Inhoud\n1. Inleiding\n2. Wonen\n\n1. Een nieuwe start\n" + _CHAPTERS.format(h="")
    titles = [title for title, _parent in _outline(raw)]
    assert titles[:2] == ["Inhoud", "Een nieuwe start"]


def test_an_index_entry_without_its_page_number_names_the_chapter_that_ends_it() -> None:
    raw = (
        "# Inhoud\n\nVoorwoord ........ 3\nWonen ........ 5\n\nVoorwoord\n"
        "Dit programma beschrijft wat de coalitie de komende vier jaar wil bereiken.\n"
    )
    doc = segment(normalise(raw), "akkoord")
    assert [p.text for p in doc.passages_in("inhoud", kind="inhoud")] == [
        "Voorwoord ........ 3\nWonen ........ 5"
    ]


def test_wrapped_prose_under_a_title_called_inhoud_is_not_taken_for_an_index() -> None:
    raw = (
        "# Inhoud\n\nIn dit akkoord leest u wat de coalitie de komende jaren wil\n"
        "doen aan armoede en schulden in onze stad, en hoe we dat betalen.\n\n# Wonen\n\n"
        "We bouwen woningen.\n"
    )
    doc = segment(normalise(raw), "akkoord")
    assert not doc.passages_in("inhoud", kind="inhoud")
    assert "armoede en schulden" in doc.passages_in("inhoud", kind="alinea")[0].text


def test_index_entries_whose_page_numbers_the_text_lost_keep_their_leader_dots() -> None:
    # a PDF's text: the page numbers went with the page furniture, the dots stayed
    raw = (
        "Inhoud\n\nInleiding ... \n\nSpoorveiligheid... \n\nWonen ... \n\nInleiding\n"
        "Voor u ligt het coalitieakkoord dat de fracties de komende vier jaar uitvoeren.\n"
    )
    doc = segment(normalise(raw), "akkoord")
    assert [(s.title, s.parent) for s in doc.sections] == [
        ("Inhoud", None),
        ("Inleiding", None),
    ]
    assert len(doc.passages_in("inhoud", kind="inhoud")) == 1


def test_an_index_as_a_markdown_list_is_an_index() -> None:
    raw = (
        "# Akkoord\n\n## Inhoud\n\n- Wonen\n- Cultuur\n\n## Wonen\n\n"
        "We bouwen de komende jaren tweeduizend woningen voor starters in de stad.\n"
    )
    doc = segment(normalise(raw), "akkoord")
    assert [s.title for s in doc.sections] == ["Akkoord", "Inhoud", "Wonen"]
    assert len(doc.passages_in("akkoord-inhoud", kind="inhoud")) == 1


def test_page_numbers_on_lines_of_their_own_do_not_end_an_index() -> None:
    raw = "Inhoud\n1. Inleiding\n3\n2. Wonen\n5\n3. Zorg\n9\n\n1. Inleiding\n" + _CHAPTERS.format(
        h=""
    )
    titles = [title for title, _parent in _outline(raw)]
    assert titles == ["Inhoud", "Inleiding", "Wonen", "Zorg en welzijn"]
