"""Normalisation of the PDF-extracted reports: clean text, and offsets back to the raw file.

Snippets are copied from data/corpus (with their blank lines and odd spaces); whole-document
checks read the bundled files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from gemeentegraaf.sources.catalogue import corpus_records
from gemeentegraaf.text.documents import load_document
from gemeentegraaf.text.normalise import (
    collapse_whitespace,
    find_collapsed,
    fold,
    hyphen_join,
    normalise,
    vocabulary,
)

GOLD = Path(__file__).parent / "gold" / "dev.jsonl"
STUDY_2013 = "platform31-trendstudie-2013"
STUDY_2021 = "platform31-trendstudie-g40-m50-2021"
ANALYSIS_2018 = "platform31-analyse-coalitieakkoorden-2018"
G32 = "g32-analyse-regeerakkoord-2017"
VNG = "vng-stand-van-de-uitvoering-2023"


def letters(text: str) -> str:
    """Only the letters: what must survive normalisation unchanged."""
    return re.sub(r"[^a-z]", "", fold(text).lower())


def raw_of(doc, start: int, end: int) -> str:
    rs, re_ = doc.norm.to_raw(start, end)
    return doc.raw[rs:re_]


def span_of(doc, quote: str) -> tuple[int, int]:
    found = doc.norm.find(quote)
    assert found is not None, f"{quote!r} not in the normalised text of {doc.key}"
    return found


# -- blank lines, page starts, line joins -------------------------------------------


def test_blank_line_after_every_line_becomes_running_text() -> None:
    raw = (
        " Voorwoord \n\nAan de vooravond van de lokale verkiezingen moeten de lokale "
        "politieke partijen hun verkiezings-\n\nprogramma’s schrijven in ingewikkelde en "
        "turbulente tijden. Welke verwachtingen zijn reëel voor de \n\nstagnerende woningmarkt"
    )
    text = normalise(raw).text
    assert "hun verkiezingsprogramma’s schrijven" in text
    assert "reëel voor de stagnerende woningmarkt" in text
    assert "  " not in text


def test_page_start_with_leading_space_continues_the_sentence() -> None:
    doc = load_document(STUDY_2013)
    # "...water van hun \n\nwoon- en leefomgevingen.  \n Een onderdeel hiervan zijn..."
    start, end = span_of(doc, "van hun woon- en leefomgevingen. Een onderdeel hiervan")
    assert "\n Een onderdeel" in raw_of(doc, start, end)


def test_running_header_and_page_number_inside_a_sentence_are_removed() -> None:
    doc = load_document(ANALYSIS_2018)
    # raw: "vraag van de \n\n\n\n \n\nAnalyse coalitieakkoorden 2018 \n\n25 \n\narbeidsmarkt”."
    start, end = span_of(doc, "aansluiten bij de (toekomstige) vraag van de arbeidsmarkt”.")
    assert "Analyse coalitieakkoorden 2018" in raw_of(doc, start, end)
    assert "Analyse coalitieakkoorden 2018" not in doc.text
    kinds = {(r.kind, r.text) for r in doc.norm.removed}
    assert ("kop", "Analyse coalitieakkoorden 2018") in kinds
    assert ("paginanummer", "25") in kinds


def test_two_line_running_header_of_the_2013_study_is_removed() -> None:
    doc = load_document(STUDY_2013)
    assert "de gebrekkige kennis over de sociaal-culturele trends die de behoeften" in doc.text
    assert "Steden in onzekere en turbulente tijden" not in doc.text


def test_running_header_of_the_2021_study_is_removed() -> None:
    doc = load_document(STUDY_2021)
    assert "en sociale veerkracht. Het aantal mensen van tachtig jaar of ouder" in doc.text
    assert "Herstel en perspectief in tijden van transitie 6" not in doc.text


def test_vng_page_numbers_between_lines_are_removed_but_infographic_figures_kept() -> None:
    doc = load_document(VNG)
    assert "maar ook breder zien gemeenten steeds vaker zzp’ers" in doc.text
    assert "122 vacatures per 100 werklozen" in doc.text
    pages = {r.text for r in doc.norm.removed if r.kind == "paginanummer"}
    assert {"50", "51", "59", "62"} <= pages


def test_pdf_annotation_labels_are_not_text() -> None:
    doc = load_document(ANALYSIS_2018)
    assert "frankbrander" not in doc.text
    assert "Markering" not in doc.text


# -- footnote numbers -----------------------------------------------------------------


def test_footnote_numbers_glued_to_words_are_recorded_not_text() -> None:
    doc = load_document(STUDY_2021)
    assert "uitgegaan van de G40-steden en de M50-gemeenten. Zij stellen" in doc.text
    refs = {r.number: doc.raw[r.raw_start - 7 : r.raw_end] for r in doc.norm.footnote_refs[:3]}
    assert refs[2] == "-steden2"
    assert refs[3] == "meenten3"


def test_footnote_number_after_a_year_and_a_full_stop() -> None:
    doc = load_document(STUDY_2021)
    assert "naar 9,8 miljoen in 2035. Dat is een daling van 4,1 procent" in doc.text
    ref = next(r for r in doc.norm.footnote_refs if r.number == 68)
    assert doc.raw[ref.raw_start - 5 : ref.raw_end] == "2035.68"


def test_footnote_number_after_a_place_name() -> None:
    doc = load_document(ANALYSIS_2018)
    assert "Ooststellingwerf, Tynaarlo en Peel en Maas" in doc.text
    assert any(r.number == 10 for r in doc.norm.footnote_refs)


def test_footnote_numbers_in_the_vng_report_without_footnote_texts() -> None:
    doc = load_document(VNG)
    assert "in de Knelpuntenbrief 2022 van UWV. Het UWV heeft gevraagd" in doc.text
    assert "Beleidskompas en een Uitvoerbaarheidstoets" in doc.text
    numbers = {r.number for r in doc.norm.footnote_refs}
    assert {1, 96, 114, 115} <= numbers


def test_spaced_footnote_number_in_the_g32_analysis() -> None:
    doc = load_document(G32)
    assert "In een eerste reactie sprak de G32 diezelfde dag uit" in doc.text
    assert [r.number for r in doc.norm.footnote_refs] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("key", "kept"),
    [
        (STUDY_2021, "In de G40-steden Almere (19 procent), Haarlemmermeer (16 procent)"),
        (STUDY_2021, "tussen 2020 en 2035"),
        (STUDY_2021, "G4 2.436,5 2.773,3 13,8 336,8"),
        (STUDY_2021, "de CO2-uitstoot van woningen"),
        (ANALYSIS_2018, "Leiden wil deze collegeperiode 8.500 woningen bouwen"),
        (ANALYSIS_2018, "het Schuldenlab070 (Den Haag)"),
        (ANALYSIS_2018, "de G4 en de G32"),
        (STUDY_2013, "hebben Platform31 (Basisprogramma voor de steden)"),
        (G32, "de verhoging van het taalniveau van A2 naar B1 is een goed voorstel"),
    ],
)
def test_real_numbers_and_codes_stay(key: str, kept: str) -> None:
    assert kept in collapse_whitespace(load_document(key).text)


def test_footnote_bodies_move_out_of_the_running_text() -> None:
    doc = load_document(ANALYSIS_2018)
    # a footnote block sits between "Wat is" and "hiervoor de verklaring?" in the file
    assert "in andere regio’s en gemeenten. Wat is hiervoor de verklaring?" in doc.text
    # and between "van Den" and "Haag en Utrecht"
    assert "In de coalitieakkoorden van Den Haag en Utrecht wordt het in 2016" in doc.text
    body = "Divosa-monitor: Bijstandsbudget 2016 (Macrobudget BUIG), 5 december 2017."
    assert doc.text.index(body) > doc.text.index("Balans en samenhang")


def test_repeated_link_lines_below_g32_footnotes_are_dropped() -> None:
    doc = load_document(G32)
    url = (
        "https://www.g32.nl/nieuws/g32-samenwerken-aan-de-toekomst-prima-maar-wel-boter-bij-de-vis"
    )
    assert doc.text.count(url) == 1


# -- hyphens at line ends -------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "joined"),
    [
        (STUDY_2013, "hun verkiezingsprogramma’s schrijven"),  # verkiezings- / programma’s
        (STUDY_2013, "6 Verbindende trends en ontwikkelingen"),  # ontwik- / kelingen
        (STUDY_2013, "Hengelo, ’s-Hertogenbosch, Lelystad"),  # ’s- / Hertogenbosch
        (STUDY_2013, "Wajongers te re-integreren."),  # re- / integreren: vowels meet
        (STUDY_2013, "achter callcenters, digitale portals en 14.000-nummers."),
        (STUDY_2021, "Roosendaal, Schiedam, Sittard-Geleen, Tilburg"),  # Sittard- / Geleen
        (STUDY_2021, "Leidschendam-Voorburg"),
        (STUDY_2021, "De regionaal-economische verschillen nemen toe."),
        (STUDY_2021, "een niet-westerse migratieachtergrond"),
        (ANALYSIS_2018, "minder sterk politiek-ideologisch geladen"),
        (ANALYSIS_2018, "de culturele trekpleister van Oost-Nederland"),
        (G32, "bedrijfseffectentoets"),
        (VNG, "De overheidsbrede samenwerking in Werk aan Uitvoering"),  # over- / heidsbrede
        (VNG, "zoals subsidiëring van partijen"),
        (VNG, "bezuinigen veel gemeenten snel op niet-wettelijke taken"),
        (VNG, "Ruimte voor lokale/regionale verschillen in oplossingsrichtingen"),
        (VNG, "een Wmo-maatwerkvoorziening"),
    ],
)
def test_line_final_hyphens(key: str, joined: str) -> None:
    assert joined in load_document(key).text


def test_hyphen_before_a_conjunction_keeps_hyphen_and_space() -> None:
    doc = load_document(STUDY_2021)
    assert "zorg- en" in doc.text  # "het zorg-" / "en sociaal domein"
    raw = "De aanpak vraagt om een wendbare woon-\n\nen leefomgeving en meer."
    assert "woon- en leefomgeving" in normalise(raw).text


def test_hyphen_decision_rules() -> None:
    vocab = vocabulary(["de uitvoeringsorganisaties en het re-integratiebudget"])
    assert hyphen_join("uitvoerings", "organisaties van", vocab, False) == "drop"
    assert hyphen_join("Sittard", "Geleen, Tilburg", vocab, True) == "keep"
    assert hyphen_join("woon", "en leefomgeving", vocab, True) == "space"
    assert hyphen_join("G40", "gemeenten", vocab, True) == "keep"
    assert hyphen_join("re", "integreren.", vocab, True) == "keep"
    assert hyphen_join("verkiezings", "programma’s", vocab, False) == "drop"
    # unknown words follow the document's habit: typeset reports break words
    assert hyphen_join("bewoners", "collectieven", vocab, True) == "drop"
    assert hyphen_join("kandidaat", "koper", vocab, False) == "keep"


# -- odd spaces, quotes, names over lines -------------------------------------------


def test_narrow_no_break_space_is_a_space_and_maps_back() -> None:
    doc = load_document(STUDY_2021)
    start, end = span_of(doc, "Eén mogelijke oplossing voor het woningtekort")
    assert "\u202f" in raw_of(doc, start, end)
    assert "\u202f" not in doc.text


def test_curly_quotes_are_kept_and_match_straight_ones() -> None:
    doc = load_document(STUDY_2013)
    start, end = span_of(doc, "De gemeente 's-Hertogenbosch heeft het initiatief")
    assert "‘s-Hertogenbosch" in doc.text[start:end]  # U+2018 as printed
    assert raw_of(doc, start, end).startswith("De gemeente  \n\n‘s-Hertogenbosch")
    assert fold("‘s-Hertogenbosch “loslaten”") == '\'s-Hertogenbosch "loslaten"'


@pytest.mark.parametrize(
    ("key", "name"),
    [
        (ANALYSIS_2018, "moet blijven wonen. Den Haag"),
        (STUDY_2021, "zoals bij Hof van Twente"),
        (STUDY_2021, "Leeuwarden, Leiden, Lelystad, Maastricht"),
    ],
)
def test_names_broken_over_lines_are_whole(key: str, name: str) -> None:
    assert name in load_document(key).text


# -- the offset map -----------------------------------------------------------------


def test_every_passage_maps_back_to_its_raw_characters() -> None:
    for record in corpus_records():
        doc = load_document(record.key)
        for p in doc.passages:
            raw = doc.raw[p.raw_start : p.raw_end]
            assert raw and not raw[0].isspace() and not raw[-1].isspace()
            # the clean text's letters, in order, inside the raw span (which may hold
            # more: footnote numbers, a running header, a moved footnote)
            it = iter(letters(raw))
            assert all(ch in it for ch in letters(p.text)), (record.key, p.key)


def test_to_raw_and_to_norm_round_trip() -> None:
    doc = load_document(VNG)
    start, end = span_of(doc, "Door wantrouwen in de overheid zijn mensen terughoudend")
    rs, re_ = doc.norm.to_raw(start, end)
    assert doc.norm.to_norm(rs, re_) == (start, end)
    assert doc.norm.raw_quote(start, end) == (
        "Door wantrouwen in de overheid zijn mensen terughoudend"
    )


def test_to_raw_refuses_an_empty_span() -> None:
    doc = load_document(G32)
    with pytest.raises(ValueError, match="outside"):
        doc.norm.to_raw(10, 10)


def test_every_gold_quote_is_found_in_the_raw_text_and_its_clean_form() -> None:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    assert rows
    for row in rows:
        doc = load_document(row["doc"])
        span = find_collapsed(doc.raw, row["quote"])
        assert span is not None, row["id"]
        rs, re_ = span
        assert doc.raw.count("\n", 0, rs) + 1 == row["line"], row["id"]
        start, end = doc.norm.to_norm(rs, re_)
        # same words; only footnote numbers, hyphen breaks and whitespace may differ
        assert letters(doc.text[start:end]) == letters(row["quote"]), row["id"]
        passage = doc.passage_at(rs)
        assert passage is not None and passage.raw_end >= re_, row["id"]


def test_find_collapsed_ignores_blank_lines_and_quote_style() -> None:
    raw = "Het college wil \n\n\n‘tien-minuten-stad’  zijn."
    assert find_collapsed(raw, "wil 'tien-minuten-stad' zijn") == (raw.index("wil"), len(raw) - 1)
    assert find_collapsed(raw, "niet aanwezig") is None
