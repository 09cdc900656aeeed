"""Facts from the reports: challenges, negations, programmes, figures, roles, with evidence.

Each test reads a real sentence of the bundled corpus and states what a researcher
should (or must not) find in the graph for it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from gemeentegraaf.common.namespaces import (
    GG,
    OA,
    municipality_uri,
    network_uri,
    programme_uri,
    theme_uri,
)
from gemeentegraaf.extract.actors import municipality_actors
from gemeentegraaf.extract.evidence import Evidence, EvidenceError, add_assertion, assertion_key
from gemeentegraaf.extract.framework import (
    ExtractionError,
    context_for,
    extractors_for,
    materialise_shortcuts,
    register,
)
from gemeentegraaf.extract.report import extract_document
from gemeentegraaf.sources.catalogue import corpus_record, raw_text
from gemeentegraaf.text.genres import genre, genres
from gemeentegraaf.text.normalise import find_collapsed
from gemeentegraaf.text.programmes import find_programmes
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

STUDY_2013 = "platform31-trendstudie-2013"
STUDY_2021 = "platform31-trendstudie-g40-m50-2021"
ANALYSIS_2018 = "platform31-analyse-coalitieakkoorden-2018"
G32 = "g32-analyse-regeerakkoord-2017"
VNG = "vng-stand-van-de-uitvoering-2023"
WHEN = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(scope="module")
def contexts():
    """Each report's extraction context (facts before curation), built once."""
    cache: dict[str, object] = {}

    def get(doc: str):
        if doc not in cache:
            cache[doc] = context_for(doc, started=WHEN)
        return cache[doc]

    return get


def graph_of(contexts, doc: str) -> Graph:
    return contexts(doc).graph


def span_of(doc: str, quote: str) -> tuple[int, int]:
    span = find_collapsed(raw_text(corpus_record(doc)), quote)
    assert span is not None, f"test quote not in {doc}: {quote}"
    return span


def assertions_at(g: Graph, cls: URIRef, quote_span: tuple[int, int]) -> list[URIRef]:
    """Assertions of a class whose evidence overlaps a raw span."""
    found = []
    for a in g.subjects(RDF.type, cls):
        for ev in g.objects(a, GG.bewijs):
            for sel in g.objects(ev, OA.hasSelector):
                start, end = g.value(sel, OA.start), g.value(sel, OA.end)
                if start is not None and int(start) < quote_span[1] and quote_span[0] < int(end):
                    found.append(a)
    return found


def challenges(g: Graph, doc: str, quote: str, *, negated: bool | None = None):
    """(subject code, theme key) of the challenges resting on a quote."""
    out = set()
    for a in assertions_at(g, GG.Uitdaging, span_of(doc, quote)):
        neg = bool(g.value(a, GG.ontkend).toPython())
        if negated is not None and neg != negated:
            continue
        code = str(g.value(a, GG.onderwerp)).rsplit("/", 1)[-1].upper()
        out.add((code, str(g.value(a, GG.thema)).rsplit("/", 1)[-1]))
    return out


def subjects(pairs) -> set[str]:
    return {code for code, _ in pairs}


# -- evidence and provenance -----------------------------------------------------------


@pytest.mark.parametrize("doc", [ANALYSIS_2018, STUDY_2021, STUDY_2013])
def test_every_quote_is_the_raw_text_at_its_offsets(contexts, doc):
    ctx = contexts(doc)
    g = ctx.graph
    quotes = 0
    for ev in set(g.objects(None, GG.bewijs)):
        exact = start = end = None
        for sel in g.objects(ev, OA.hasSelector):
            exact = g.value(sel, OA.exact) or exact
            start = g.value(sel, OA.start) if g.value(sel, OA.start) is not None else start
            end = g.value(sel, OA.end) if g.value(sel, OA.end) is not None else end
        assert ctx.raw[int(start) : int(end)] == str(exact)
        assert g.value(ev, OA.hasSource) == URIRef(
            f"https://w3id.org/gemeentegraaf/id/document/{doc}"
        )
        quotes += 1
    assert quotes > 0


def test_an_assertion_says_which_run_made_it_and_when(contexts):
    g = graph_of(contexts, ANALYSIS_2018)
    a = next(iter(g.subjects(RDF.type, GG.Uitdaging)))
    activity = g.value(a, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in g
    assert g.value(activity, PROV.startedAtTime) == Literal(
        "2024-01-02T03:04:05+00:00", datatype=XSD.dateTime
    )
    agent = g.value(activity, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in g
    assert "gemeentegraaf-extractor" in str(g.value(agent, RDFS.label))
    assert g.value(a, GG.methode) is not None
    assert (g.value(a, PROV.wasDerivedFrom), RDF.type, GG.Passage) in g


def test_names_are_read_on_the_date_of_the_reports_catalogue_row(contexts):
    ctx = contexts(STUDY_2013)
    assert ctx.info == corpus_record(STUDY_2013)
    assert ctx.on == corpus_record(STUDY_2013).read_on


def test_rebuilding_a_document_gives_the_same_facts():
    first = extract_document(STUDY_2013, started=WHEN)
    second = extract_document(STUDY_2013, started=WHEN)
    assert set(first) == set(second)


def test_assertion_keys_name_document_kind_subject_object_and_offset(contexts):
    g = graph_of(contexts, ANALYSIS_2018)
    start, _ = span_of(
        ANALYSIS_2018,
        "Zwolle lijkt zich als een van de weinige wel bewust van de noodzaak de arbeidsmarkt",
    )
    expected = URIRef(
        "https://w3id.org/gemeentegraaf/id/bewering/"
        f"{ANALYSIS_2018}/uitdaging/gm0193/arbeidsmarkt/{start}"
    )
    assert (expected, RDF.type, GG.Uitdaging) in g


def test_evidence_refuses_a_span_of_whitespace_or_outside_the_text():
    raw = "Leiden wil   woningen bouwen."
    ev = Evidence.from_span("doc", raw, 10, len(raw))
    assert ev.exact == raw[ev.start : ev.end] and not ev.exact[0].isspace()
    with pytest.raises(EvidenceError):
        Evidence.from_span("doc", raw, 10, 13)
    with pytest.raises(EvidenceError):
        Evidence.from_span("doc", raw, 5, 500)


def test_add_assertion_writes_the_evidence_model():
    g = Graph()
    raw = "Nijmegen bouwt negenhonderd huurwoningen extra."
    ev = Evidence.from_span("d", raw, 0, len(raw))
    node = add_assertion(
        g, GG.Uitdaging, assertion_key("d", "uitdaging", "GM0268", "wonen", 0),
        municipality_uri("GM0268"), ev, "test", URIRef("urn:run"), thema=theme_uri("wonen"),
    )  # fmt: skip
    assert str(node).endswith("/bewering/d/uitdaging/gm0268/wonen/0")
    selectors = list(g.objects(g.value(node, GG.bewijs), OA.hasSelector))
    kinds = {g.value(s, RDF.type) for s in selectors}
    assert kinds == {OA.TextQuoteSelector, OA.TextPositionSelector}


# -- the 2018 analysis: one fact per municipality, themes from the section -------------


def test_a_list_of_municipalities_gives_one_challenge_each(contexts):
    found = challenges(
        graph_of(contexts, ANALYSIS_2018),
        ANALYSIS_2018,
        "Waar in plattelandsgemeenten als Oldambt, Bronckhorst en Winterswijk de aandacht uitgaat",
    )
    assert {"GM1895", "GM1876", "GM0294"} <= subjects(found)
    assert all(theme == "digitale-infrastructuur" for code, theme in found if code != "GM0867")


def test_a_subsection_gives_the_theme_not_the_chapter(contexts):
    # Chapter 1 is the economy; the subsection "Human capital en aansluiting
    # onderwijs-arbeidsmarkt" makes Zwolle's priority the labour market.
    found = challenges(
        graph_of(contexts, ANALYSIS_2018),
        ANALYSIS_2018,
        "Zwolle lijkt zich als een van de weinige wel bewust",
    )
    assert found == {("GM0193", "arbeidsmarkt")}


def test_same_subsection_title_in_another_chapter_keeps_its_own_theme(contexts):
    # "Rijksbeleid en coalitieakkoorden" heads a section in chapter 3 (work) and in
    # chapter 5 (debt); this sentence is in chapter 5.
    found = challenges(
        graph_of(contexts, ANALYSIS_2018),
        ANALYSIS_2018,
        "Uitzonderingen zijn onder andere Eindhoven en Nijmegen.",
    )
    assert found == {("GM0772", "schulden"), ("GM0268", "schulden")}


def test_negation_is_recorded_as_negated_and_never_as_a_challenge(contexts):
    g = graph_of(contexts, ANALYSIS_2018)
    quote = (
        "In de coalitieakkoorden van de plattelandsgemeenten Ooststellingwerf, Tynaarlo10 en "
        "Peel en Maas staat niets over schulden en armoede"
    )
    negated = challenges(g, ANALYSIS_2018, quote, negated=True)
    assert subjects(negated) == {"GM0085", "GM1730", "GM1894"}
    assert challenges(g, ANALYSIS_2018, quote, negated=False) == set()
    for code, theme in negated:
        assert (municipality_uri(code), GG.heeftUitdaging, theme_uri(theme)) not in g


def test_debt_not_named_but_poverty_addressed(contexts):
    g = graph_of(contexts, ANALYSIS_2018)
    negated = challenges(
        g, ANALYSIS_2018, "In het coalitieakkoord van de gemeente Bronckhorst wordt de aanpak van",
        negated=True,
    )  # fmt: skip
    assert ("GM1876", "schulden") in negated
    positive = challenges(
        g, ANALYSIS_2018, "Wel is te lezen dat armoede bestreden wordt door", negated=False
    )
    assert positive == {("GM1876", "armoede")}


def test_a_clause_with_wel_genoemd_is_not_a_negation(contexts):
    found = challenges(
        graph_of(contexts, ANALYSIS_2018),
        ANALYSIS_2018,
        "In het coalitieakkoord van de gemeente Winterswijk wordt “het voorkomen en bestrijden",
        negated=False,
    )
    assert ("GM0294", "schulden") in found


def test_prologue_and_epilogue_give_no_challenges(contexts):
    g = graph_of(contexts, ANALYSIS_2018)
    for quote in (
        "In Rotterdam maakt de grootste politieke partij, Leefbaar Rotterdam,",
        "Van Hulst in Zeeland tot Oldambt in Groningen",
        "Lelystad is een van de uitzonderingen.",
    ):
        assert challenges(g, ANALYSIS_2018, quote) == set()


def test_places_that_are_not_the_municipality_are_not_actors(contexts):
    ctx = contexts(ANALYSIS_2018)
    for sentence in ctx.sentences:
        actors = municipality_actors(
            sentence.text, ctx.mentions(sentence), prefer_municipality=True
        )
        names = {sentence.text[a.start : a.end] for a in actors}
        if "Leefbaar Rotterdam" in sentence.text:
            assert all(a.start != sentence.text.index("Leefbaar Rotterdam") + 9 for a in actors)
        if "Lelystad Airport" in sentence.text:
            assert "Lelystad" not in names
        if "in Brainport" in sentence.text:
            assert "Brainport" not in names
        if "Oldambt in Groningen" in sentence.text:
            assert "Groningen" not in names


def test_airport_sentence_gives_lelystad_no_fact(contexts):
    g = graph_of(contexts, ANALYSIS_2018)
    found = challenges(g, ANALYSIS_2018, "De ontwikkelingen rondom Flevokust Haven en")
    assert found == set()


def test_partners_named_with_samen_met_act_too(contexts):
    # issue 9: "Zutphen gaat samen met Deventer, Apeldoorn en Zwolle … van het gas af
    # helpen" names four municipalities doing it, each with the same evidence
    found = challenges(
        graph_of(contexts, ANALYSIS_2018),
        ANALYSIS_2018,
        "Zutphen gaat samen met Deventer, Apeldoorn en Zwolle binnen vijf tot zeven jaar",
    )
    assert subjects(found) == {"GM0301", "GM0150", "GM0200", "GM0193"}


def _relations(g: Graph, doc: str, quote: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a in assertions_at(g, GG.Uitdaging, span_of(doc, quote)):
        code = str(g.value(a, GG.onderwerp)).rsplit("/", 1)[-1].upper()
        out.setdefault(code, set()).add(str(g.value(a, GG.relatie)).rsplit("#", 1)[-1])
    return out


def test_a_partner_in_anothers_agreement_acts_but_the_priority_is_the_authors(contexts):
    # an outside judge: Zwolle's priority was taken from Zutphen's agreement; Zwolle is a
    # co-actor there (issue 9), so it acts on the theme, it does not prioritise it
    relations = _relations(
        graph_of(contexts, ANALYSIS_2018),
        ANALYSIS_2018,
        "Zutphen gaat samen met Deventer, Apeldoorn en Zwolle binnen vijf tot zeven jaar",
    )
    assert relations["GM0301"] == {"Prioriteert"}
    assert relations["GM0193"] == relations["GM0150"] == {"Onderneemt"}


def test_an_agreement_that_gives_a_theme_only_a_phrase_claims_nothing(contexts):
    # an outside judge: "beperkt zich wat dit betreft tot de zinsnede …" says how little
    # Rijswijk's agreement says on poverty; no priority (and no negation) follows
    found = challenges(
        graph_of(contexts, ANALYSIS_2018),
        ANALYSIS_2018,
        "De gemeente Rijswijk beperkt zich wat dit betreft tot de zinsnede",
    )
    assert "GM0603" not in subjects(found)


def test_an_inventory_of_a_fields_units_gives_no_fact_per_item(contexts):
    # an outside judge: GGZ, Wmo and youth came from the teams Utrecht merges, one item each
    found = challenges(
        graph_of(contexts, ANALYSIS_2018),
        ANALYSIS_2018,
        "Utrecht gaat van de huidige structuur van het Centrum voor Jeugd en Gezin",
    )
    assert not {t for _c, t in found} & {
        "ggz-en-verward-gedrag",
        "jeugd",
        "maatschappelijke-ondersteuning",
    }


def test_shortcut_only_for_positive_challenges(contexts):
    g = extract_document(ANALYSIS_2018, started=WHEN)
    assert (municipality_uri("GM0193"), GG.heeftUitdaging, theme_uri("arbeidsmarkt")) in g
    assert (municipality_uri("GM0085"), GG.heeftUitdaging, None) not in g


def _participation(g: Graph, subject: URIRef, *, negated: bool) -> None:
    raw = "Amsterdam doet (niet) mee aan de City Deal Inclusieve Stad."
    ev = Evidence.from_span("d", raw, 0, len(raw))
    key = assertion_key("d", "deelname", str(subject).rsplit("/", 1)[-1], "cd", int(negated))
    add_assertion(
        g, GG.Deelname, key, subject, ev, "test", URIRef("urn:run"),
        programma=programme_uri("city-deal-inclusieve-stad"), ontkend=negated,
    )  # fmt: skip


def test_a_negated_participation_gives_no_participant_shortcut():
    g = Graph()
    _participation(g, municipality_uri("GM0363"), negated=True)
    _participation(g, municipality_uri("GM0344"), negated=False)
    materialise_shortcuts(g)
    deal = programme_uri("city-deal-inclusieve-stad")
    assert set(g.objects(deal, GG.heeftDeelnemer)) == {municipality_uri("GM0344")}


def test_a_networks_participation_stays_an_assertion_without_a_municipality_shortcut():
    # gg:heeftDeelnemer has range tooiont:Gemeente: a network is no participant there.
    g = Graph()
    _participation(g, network_uri("g32"), negated=False)
    materialise_shortcuts(g)
    assert (None, GG.heeftDeelnemer, None) not in g
    assert len(list(g.subjects(RDF.type, GG.Deelname))) == 1


# -- the 2021 trend study: adverse examples only ---------------------------------------


def test_strong_population_growth_is_a_demographic_challenge_for_each_city(contexts):
    found = challenges(
        graph_of(contexts, STUDY_2021),
        STUDY_2021,
        "In de G40-steden Almere (19 procent), Haarlemmermeer (16 procent), Delft (15 procent)",
    )
    assert subjects(found) == {"GM0034", "GM0394", "GM0503", "GM0772", "GM0546"}
    assert {theme for _, theme in found} == {"demografie"}


def test_the_hardest_place_is_a_challenge_and_the_easiest_is_not(contexts):
    found = challenges(
        graph_of(contexts, STUDY_2021),
        STUDY_2021,
        "is het in Heerlen het moeilijkst om van een dubbeltje een kwartje te worden",
    )
    assert subjects(found) == {"GM0917"}  # not Pijnacker-Nootdorp (het makkelijkst)


def test_a_ranking_continues_from_the_sentence_before(contexts):
    found = challenges(
        graph_of(contexts, STUDY_2021),
        STUDY_2021,
        "Daarna volgen Groningen, Delft en Haarlem met een toename van ruim",
    )
    assert found == {("GM0014", "binnenstad"), ("GM0503", "binnenstad"), ("GM0392", "binnenstad")}


def test_favourable_job_growth_is_a_figure_not_a_challenge(contexts):
    g = graph_of(contexts, STUDY_2021)
    quote = "In de gemeenten Almere (+ 83 procent) en Lelystad (+ 42 procent) groeiden het aantal"
    assert challenges(g, STUDY_2021, quote) == set()
    figures = assertions_at(g, GG.Kengetal, span_of(STUDY_2021, quote))
    values = {(str(g.value(f, GG.onderwerp)), g.value(f, RDF.value).toPython()) for f in figures}
    assert (str(municipality_uri("GM0034")), Decimal("83")) in values


def test_a_municipality_acting_is_onderneemt(contexts):
    g = graph_of(contexts, STUDY_2021)
    span = span_of(STUDY_2021, "is in Enschede een Commissie Menselijke Maat geïnstalleerd")
    relations = {
        g.value(a, GG.relatie)
        for a in assertions_at(g, GG.Uitdaging, span)
        if g.value(a, GG.onderwerp) == municipality_uri("GM0153")
    }
    assert relations == {GG.Onderneemt}


def test_the_2013_study_names_no_municipal_challenge(contexts):
    g = graph_of(contexts, STUDY_2013)
    assert list(g.subjects(RDF.type, GG.Uitdaging)) == []
    assert list(g.subjects(RDF.type, GG.Deelname)) == []


# -- roles -----------------------------------------------------------------------------


def test_the_19_funders_of_2013_are_roles(contexts):
    g = graph_of(contexts, STUDY_2013)
    funders = {
        g.value(a, GG.onderwerp)
        for a in g.subjects(RDF.type, GG.Rolvermelding)
        if str(g.value(a, GG.rol)) == "financier"
    }
    assert len(funders) == 19
    assert municipality_uri("GM0796") in funders  # ’s-Hertogenbosch, broken over two lines
    initiators = {
        g.value(a, GG.onderwerp)
        for a in g.subjects(RDF.type, GG.Rolvermelding)
        if str(g.value(a, GG.rol)) == "initiatiefnemer"
    }
    assert initiators == {municipality_uri("GM0796")}


def test_steering_committee_members_and_their_employers(contexts):
    g = graph_of(contexts, STUDY_2021)
    roles = {
        (str(g.value(a, GG.onderwerp)).rsplit("/", 1)[-1], str(g.value(a, GG.rol)))
        for a in g.subjects(RDF.type, GG.Rolvermelding)
    }
    assert ("hans-giesing", "voorzitter begeleidingscommissie") in roles
    assert ("gm0268", "werkgever van een voorzitter begeleidingscommissie") in roles
    assert ("gm0321", "werkgever van een lid begeleidingscommissie") in roles  # Houten
    assert ("g40", "initiatiefnemer") in roles and ("m50", "initiatiefnemer") in roles
    # Members of the committee are not challenges.
    quote = "De begeleidingscommissie bestond uit de voorzitter Hans"
    assert challenges(g, STUDY_2021, quote) == set()


def test_a_quoted_persons_affiliation(contexts):
    g = graph_of(contexts, VNG)
    person = URIRef("https://w3id.org/gemeentegraaf/id/persoon/arnold-kooij")
    assert (person, URIRef("http://www.w3.org/ns/org#memberOf"), municipality_uri("GM1948")) in g


# -- programmes and participation ------------------------------------------------------


def participants(g: Graph, key: str) -> set[str]:
    return {
        str(g.value(a, GG.onderwerp)).rsplit("/", 1)[-1].upper()
        for a in g.subjects(RDF.type, GG.Deelname)
        if g.value(a, GG.programma) == programme_uri(key)
    }


def test_city_deal_participants_and_not_the_city_that_borrows_its_lessons(contexts):
    g = graph_of(contexts, ANALYSIS_2018)
    assert participants(g, "city-deal-inclusieve-stad") == {"GM0344", "GM0772", "GM0080"}
    assert (programme_uri("city-deal-inclusieve-stad"), RDF.type, GG.CityDeal) in g


def test_programmes_in_brackets_belong_to_the_bracketed_city(contexts):
    g = graph_of(contexts, ANALYSIS_2018)
    assert participants(g, "vroeg-eropaf") == {"GM0363"}
    assert participants(g, "schuldenlab070") == {"GM0518"}
    assert participants(g, "zutphens-energieakkoord") == {"GM0301"}
    assert participants(g, "kansrijke-start") == {"GM0363", "GM1895"}


def test_a_law_has_a_node_but_no_participants(contexts):
    g = graph_of(contexts, ANALYSIS_2018)
    assert (programme_uri("participatiewet"), RDF.type, GG.Wet) in g
    assert participants(g, "participatiewet") == set()


def test_a_programme_named_after_a_city(contexts):
    g = graph_of(contexts, STUDY_2021)
    assert participants(g, "nationaal-programma-rotterdam-zuid") == {"GM0599"}
    assert (programme_uri("nationaal-programma-rotterdam-zuid"), SKOS.prefLabel, None) in g


def test_programme_names_with_glued_footnote_numbers_are_found():
    names = {m.programme.key for m in find_programmes("gaat het House of Skills1 verder")}
    assert names == {"house-of-skills"}
    assert [m.programme.key for m in find_programmes("de Dienst Toeslagen")] == []


@pytest.mark.parametrize(
    ("text", "key", "cls"),
    [
        # Phrases from the bundled reports.
        ("te komen tot een nationaal preventieakkoord met gemeenten", "nationaal-preventieakkoord",
         GG.Programma),
        ("een nationaal preventie akkoord, een integrale aanpak", "nationaal-preventieakkoord",
         GG.Programma),
        ("de werking van de huurtoeslag", "toeslagen", GG.Wet),
        ("bij het aanvragen van zorgtoeslag", "toeslagen", GG.Wet),
        ("‘het niet mag van de AVG’", "algemene-verordening-gegevensbescherming", GG.Wet),
        ("heeft de energietoeslag 2022 ontvangen", "energietoeslag", GG.Wet),
        ("de vertaling in een Klimaatwet", "klimaatwet", GG.Wet),
        ("De Ondermijningswet is van groot belang", "ondermijningswet", GG.Wet),
        ("De salderingsregeling heeft geleid tot", "salderingsregeling", GG.Wet),
        ("o.a. verhuurdersheffing inzetten", "verhuurderheffing", GG.Wet),
        ("het budget via de SDE+ regeling", "sde", GG.Fonds),
        ("tekorten op de jeugdzorg en de BUIG", "buig", GG.Fonds),
        ("(Integratieuitkering Sociaal Domein)", "integratie-uitkering-sociaal-domein", GG.Fonds),
        ("de integratie van de IUSD", "integratie-uitkering-sociaal-domein", GG.Fonds),
        ("city deals als onderdeel van Agenda Stad", "agenda-stad", GG.Programma),
        ("De nationale omgevingsvisie", "nationale-omgevingsvisie", GG.Programma),
        ("het van belang dan de NOVI", "nationale-omgevingsvisie", GG.Programma),
    ],
)  # fmt: skip
def test_laws_funds_and_agendas_the_reports_name_are_known_programmes(text, key, cls):
    found = find_programmes(text)
    assert [m.programme.key for m in found] == [key]
    programme = found[0].programme
    assert programme.classes[0] == cls
    assert not programme.joinable  # nobody "takes part" in a law, a fund or an agenda


# -- figures ---------------------------------------------------------------------------


def figures(g: Graph, subject: URIRef) -> dict[tuple[str, str], object]:
    out = {}
    for a in g.subjects(RDF.type, GG.Kengetal):
        if g.value(a, GG.onderwerp) == subject:
            out[(str(g.value(a, GG.grootheid)), str(g.value(a, GG.periode)))] = g.value(
                a, RDF.value
            ).toPython()
    return out


def test_table_2_1_rows_for_the_networks(contexts):
    g = graph_of(contexts, STUDY_2021)
    g4 = figures(g, network_uri("g4"))
    assert g4[("inwoners", "2020")] == Decimal("2436.5")
    assert g4[("inwoners (prognose)", "2035")] == Decimal("2773.3")
    assert g4[("procentuele groei inwoners", "2020-2035")] == Decimal("13.8")
    assert figures(g, network_uri("m50"))[("absolute groei inwoners", "2020-2035")] == Decimal(
        "67.4"
    )


def test_a_glued_footnote_number_is_never_a_value(contexts):
    g = graph_of(contexts, STUDY_2021)
    # "… met een toene van ruim 80 procent.111 De minste …": 111 is footnote 111.
    values = {str(v) for v in g.objects(None, RDF.value)}
    assert "111" not in values
    groningen = figures(g, municipality_uri("GM0014"))
    assert groningen[("verwachte relatieve toename winkelleegstand", "None")] == "ruim 80"


def test_network_figures_from_sentences(contexts):
    m50 = figures(graph_of(contexts, STUDY_2021), network_uri("m50"))
    assert m50[
        ("verwachte daling potentiële beroepsbevolking (20-65 jaar)", "2020-2035")
    ] == Decimal("5.1")
    assert m50[("aandeel inwoners met een niet-westerse migratieachtergrond", "None")] == (
        "minder dan 10"
    )
    g40 = figures(graph_of(contexts, ANALYSIS_2018), network_uri("g40"))
    assert g40[("aantal bekeken coalitieakkoorden", "2018")] == Decimal("10")


# -- the registry ------------------------------------------------------------------------


def test_an_extractor_runs_only_where_a_genre_profile_lists_it_or_everywhere_if_general():
    seen: list[str] = []

    @register("zz-test-only")
    def probe(ctx) -> None:
        seen.append(ctx.key)

    @register("zz-test-general", general=True)
    def everywhere(ctx) -> None:
        seen.append("general:" + ctx.key)

    try:
        for name in genres():
            names = {r.name for r in extractors_for(genre(name))}
            assert "zz-test-only" not in names
            assert "zz-test-general" in names
        context_for(STUDY_2013)
        assert seen == ["general:" + STUDY_2013]
    finally:
        from gemeentegraaf.extract import framework as extraction

        extraction._REGISTRY.pop("zz-test-only", None)
        extraction._REGISTRY.pop("zz-test-general", None)


def test_an_unknown_document_is_refused_with_a_clear_message():
    with pytest.raises(ExtractionError, match="no document 'nope'"):
        extract_document("nope")


@pytest.mark.parametrize("doc", [ANALYSIS_2018, STUDY_2013])
def test_extracted_graph_conforms_to_the_shapes(doc):
    from gemeentegraaf.common.resources import ONTOLOGY_DIR
    from gemeentegraaf.sources.reference import reference_graph
    from gemeentegraaf.validate import validate

    data = Graph()
    data.parse(ONTOLOGY_DIR / "gemeentegraaf.ttl")
    data.parse(ONTOLOGY_DIR / "themes.ttl")
    data += reference_graph()
    data += extract_document(doc, started=WHEN)
    report = validate(data)
    assert report.conforms, report.format()[:2000]
