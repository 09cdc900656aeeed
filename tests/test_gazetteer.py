"""The gazetteer: which municipality a name in a text means, on the date of the text."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from gemeentegraaf.common.resources import CORPUS_DIR
from gemeentegraaf.sources.reference_data import by_code, municipalities, read_alias_rows
from gemeentegraaf.text.gazetteer import Gazetteer

Y2021 = date(2021, 6, 1)
Y2023 = date(2023, 6, 1)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_reference()


def codes(mentions) -> list[str | None]:
    return [m.resolution.code for m in mentions]


# --- names, aliases, spelling ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Amsterdam", "GM0363"),
        ("'s-Gravenhage", "GM0518"),
        ("Súdwest-Fryslân", "GM1900"),
        ("Sudwest-Fryslan", "GM1900"),
        ("Nuenen, Gerwen en Nederwetten", "GM0820"),
        ("Hof van Twente", "GM1735"),
        ("Utrechtse Heuvelrug", "GM1581"),
        ("Midden-Groningen", "GM1952"),
        ("Alphen aan den Rijn", "GM0484"),
    ],
)
def test_official_names_resolve_exactly(gaz: Gazetteer, name: str, code: str) -> None:
    res = gaz.resolve(name, Y2021)
    assert (res.status, res.code, res.method, res.score) == ("resolved", code, "exact", 1.0)


@pytest.mark.parametrize(
    "name",
    [
        "Den Bosch",
        "den Bosch",
        "\u2018s-Hertogenbosch",
        "\u2019s-Hertogenbosch",
        "'s-Hertogenbosch",
    ],
)
def test_den_bosch_in_every_spelling_is_s_hertogenbosch(gaz: Gazetteer, name: str) -> None:
    assert gaz.resolve(name, Y2021).code == "GM0796"


@pytest.mark.parametrize("name", ["Den Haag", "den Haag", "Den\n\nHaag"])
def test_den_haag_is_s_gravenhage(gaz: Gazetteer, name: str) -> None:
    res = gaz.resolve(name, Y2021)
    assert (res.code, res.method) == ("GM0518", "alias")


def test_alphen_aan_de_rijn_misspelling_is_an_alias(gaz: Gazetteer) -> None:
    res = gaz.resolve("Alphen aan de Rijn", Y2021)
    assert (res.code, res.method) == ("GM0484", "alias")
    assert "Alphen aan den Rijn" in res.note


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Haagse", "GM0518"),
        ("Amsterdamse", "GM0363"),
        ("Zwolse", "GM0193"),
        ("Rotterdamse", "GM0599"),
        ("Bossche", "GM0796"),
        ("Leidse", "GM0546"),
        ("Delftse", "GM0503"),
        ("Eindhovense", "GM0772"),
        ("Tilburgse", "GM0855"),
        ("Nijmeegse", "GM0268"),
        ("Arnhemse", "GM0202"),
        ("Maastrichtse", "GM0935"),
        ("Amsterdammers", "GM0363"),
    ],
)
def test_demonyms_name_their_municipality(gaz: Gazetteer, word: str, code: str) -> None:
    res = gaz.resolve(word, Y2021)
    assert (res.status, res.code, res.method) == ("resolved", code, "demonym")


@pytest.mark.parametrize(("word", "code"), [("Utrechtse", "GM0344"), ("Groningse", "GM0014")])
def test_demonyms_of_province_capitals_need_context(gaz: Gazetteer, word: str, code: str) -> None:
    # "Utrechtse"/"Groningse" are adjectives of the province too: never a guess.
    assert gaz.resolve(word, Y2021).status == "ambiguous"
    city = gaz.resolve(word, Y2021, context=f"het {word} coalitieakkoord")
    assert (city.status, city.code, city.method) == ("resolved", code, "context")
    area = gaz.resolve(word, Y2021, context=f"de {word} gemeenten")
    assert (area.status, area.code) == ("not_municipality", None)


def test_utrechtse_heuvelrug_is_never_utrecht(gaz: Gazetteer) -> None:
    text = "de gemeente Utrechtse \n\nHeuvelrug en de Utrechtse wijken"
    found = gaz.find(text, Y2023)
    assert found[0].resolution.code == "GM1581"
    assert found[0].surface == "Utrechtse \n\nHeuvelrug"
    assert "GM0344" not in codes(found[:1])
    assert gaz.resolve("Utrechtse Heuvelrug", Y2023, context=text).code == "GM1581"


# --- fuzzy ------------------------------------------------------------------------------------


def test_typo_veldoven_is_a_recorded_fuzzy_match(gaz: Gazetteer) -> None:
    res = gaz.resolve("Veldoven", Y2021)
    assert (res.status, res.code, res.method) == ("resolved", "GM0861", "fuzzy")
    assert 0.88 <= res.score < 1.0
    assert "Veldoven" in res.note and "Veldhoven" in res.note and "score" in res.note


def test_typo_in_a_member_list_is_found_as_fuzzy(gaz: Gazetteer) -> None:
    text = "Soest, Veenendaal, Veldoven, Velsen, Venray"
    hit = next(m for m in gaz.find(text, Y2021) if m.surface == "Veldoven")
    assert (hit.resolution.code, hit.resolution.method) == ("GM0861", "fuzzy")


@pytest.mark.parametrize(
    "text",
    [
        "Voor het Waterplan komt geld beschikbaar.",
        "Wij maken een Waterplan voor de stad.",
        "Dit Waterplan is klaar.",
    ],
)
def test_a_thing_after_an_article_is_no_misspelt_municipality(gaz: Gazetteer, text: str) -> None:
    """ "het Waterplan" is a plan of its own, not Waterland misspelt (a find on issue13au)."""
    assert [m for m in gaz.find(text, Y2021) if m.resolution.method == "fuzzy"] == []


def test_a_misspelt_name_in_a_list_still_fuzzy_matches(gaz: Gazetteer) -> None:
    hits = gaz.find("Purmerend, Waterlnd en Edam-Volendam werken samen.", Y2021)
    assert [m.resolution.code for m in hits] == ["GM0439", "GM0852", "GM0385"]


@pytest.mark.parametrize("word", ["Veiligheid", "Zeeland", "Nederland", "Rijk", "Velden"])
def test_ordinary_capitalised_words_never_fuzzy_match(gaz: Gazetteer, word: str) -> None:
    res = gaz.resolve(word, Y2021)
    assert res.method != "fuzzy"
    assert res.code is None


def test_find_does_not_fuzzy_match_capitalised_words_in_prose(gaz: Gazetteer) -> None:
    text = (
        "Het Rijk en de provincie Zeeland werken samen aan Veiligheid in heel Nederland. "
        "Ook Ministerie, Gemeentefonds en Jeugdwet komen aan bod. veiligheid blijft belangrijk."
    )
    assert [m for m in gaz.find(text, Y2021) if m.resolution.method == "fuzzy"] == []


def test_fuzzy_only_against_municipalities_existing_on_the_date(gaz: Gazetteer) -> None:
    assert gaz.resolve("Heerhugowaart", Y2021).code == "GM0398"
    assert gaz.resolve("Heerhugowaart", Y2023).status == "unknown"


def test_fuzzy_hits_on_the_bundled_corpus_are_only_the_known_typo(gaz: Gazetteer) -> None:
    fuzzy = []
    for path in sorted(CORPUS_DIR.glob("*.txt")):
        for m in gaz.find(path.read_text(encoding="utf-8"), Y2021):
            if m.resolution.method == "fuzzy":
                fuzzy.append((m.surface, m.resolution.code))
    assert fuzzy == [("Veldoven", "GM0861")]


# --- dates ------------------------------------------------------------------------------------


def test_dissolved_municipality_in_a_text_of_its_time(gaz: Gazetteer) -> None:
    res = gaz.resolve("Heerhugowaard", Y2021)
    assert (res.status, res.code, res.successors) == ("resolved", "GM0398", ())


def test_dissolved_municipality_in_a_later_text_keeps_its_code_and_says_so(
    gaz: Gazetteer,
) -> None:
    res = gaz.resolve("Heerhugowaard", Y2023)
    assert (res.status, res.code, res.successors) == ("resolved", "GM0398", ("GM1980",))
    assert "dissolved" in res.note and "Dijk en Waard" in res.note


def test_municipality_formed_after_the_text_date_is_not_one_yet(gaz: Gazetteer) -> None:
    before = gaz.resolve("Land van Cuijk", Y2021)
    assert (before.status, before.code, before.candidates) == (
        "not_municipality",
        None,
        ("GM1982",),
    )
    assert gaz.resolve("Land van Cuijk", Y2023).code == "GM1982"


def test_alias_and_historical_name_share_a_word_by_date(gaz: Gazetteer) -> None:
    # Valkenburg (ZH) was dissolved in 2006; later "Valkenburg" means Valkenburg aan de Geul.
    assert gaz.resolve("Valkenburg", Y2021).code == "GM0994"
    assert gaz.resolve("Valkenburg", date(2003, 1, 1)).status == "ambiguous"


def test_datetime_is_accepted_and_a_non_date_is_refused(gaz: Gazetteer) -> None:
    assert gaz.resolve("Zwolle", datetime(2021, 6, 1, 12, 0)).code == "GM0193"
    with pytest.raises(TypeError, match="datetime.date"):
        gaz.resolve("Zwolle", "2021-06-01")  # type: ignore[arg-type]


# --- same names, province or city --------------------------------------------------------------


def test_bergen_is_ambiguous_without_context(gaz: Gazetteer) -> None:
    res = gaz.resolve("Bergen", Y2023)
    assert (res.status, res.code, res.candidates) == ("ambiguous", None, ("GM0373", "GM0893"))


@pytest.mark.parametrize(
    ("name", "context", "code"),
    [
        ("Bergen (L)", "", "GM0893"),
        ("Bergen (L.)", "", "GM0893"),
        ("Bergen (NH)", "", "GM0373"),
        ("Bergen (NH.)", "", "GM0373"),
        ("Bergen", "Bergen in Noord-Holland", "GM0373"),
        ("Bergen", "het Limburgse Bergen en Gennep", "GM0893"),
    ],
)
def test_bergen_decided_by_qualifier_or_province(
    gaz: Gazetteer, name: str, context: str, code: str
) -> None:
    assert gaz.resolve(name, Y2023, context=context).code == code


def test_every_name_shared_by_two_living_municipalities_is_ambiguous(gaz: Gazetteer) -> None:
    # Guards a reference update: a new shared name must not silently pick one of them.
    by_base: dict[str, list] = {}
    for m in municipalities():
        by_base.setdefault(m.name.split(" (")[0], []).append(m)
    shared = {
        base: group
        for base, group in by_base.items()
        if len(group) > 1 and any(m.existed_on(Y2023) for m in group)
    }
    assert "Bergen" in shared
    for base, group in shared.items():
        living = [m for m in group if m.existed_on(Y2023)]
        if len(living) > 1:
            assert gaz.resolve(base, Y2023).status == "ambiguous", base


@pytest.mark.parametrize(
    ("context", "status", "code"),
    [
        ("de provincie Groningen", "not_municipality", None),
        ("regio's als Oost-Groningen en Zeeland", "not_municipality", None),
        ("de G40-stad Groningen", "resolved", "GM0014"),
        ("de gemeente Groningen heeft", "resolved", "GM0014"),
        ("in de stad Groningen", "resolved", "GM0014"),
        ("het aardbevingsgebied in Groningen", "not_municipality", None),
        ("Groningen kampt nog altijd met aardbevingen.", "not_municipality", None),
        ("Groningen", "ambiguous", None),
    ],
)
def test_groningen_is_decided_by_context(
    gaz: Gazetteer, context: str, status: str, code: str | None
) -> None:
    res = gaz.resolve("Groningen", Y2021, context=context)
    assert (res.status, res.code) == (status, code)


def test_groningen_province_reading_names_the_province(gaz: Gazetteer) -> None:
    res = gaz.resolve("Groningen", Y2021, context="de provincie Groningen")
    assert res.province == "PV20"
    assert gaz.resolve("Groningen", Y2021).candidates == ("GM0014", "PV20")


def test_groningse_gaswinning_is_the_region(gaz: Gazetteer) -> None:
    res = gaz.resolve("Groningse", Y2021, context="de Groningse gaswinning")
    assert (res.status, res.code) == ("not_municipality", None)


def test_midden_groningen_is_a_municipality_in_running_text(gaz: Gazetteer) -> None:
    found = gaz.find("Lochem, Midden-Groningen, Nieuwegein", Y2021)
    assert codes(found) == ["GM0262", "GM1952", "GM0356"]


@pytest.mark.parametrize(
    ("context", "status", "code"),
    [
        ("de provincie Utrecht", "not_municipality", None),
        ("de gemeente Utrecht", "resolved", "GM0344"),
        ("Gedeputeerde Staten van Utrecht", "not_municipality", None),
        ("zoals in Utrecht, Alphen aan den Rijn en Lelystad", "resolved", "GM0344"),
        ("Groningen, Utrecht, Friesland en Zeeland", "not_municipality", None),
    ],
)
def test_utrecht_is_decided_by_context(
    gaz: Gazetteer, context: str, status: str, code: str | None
) -> None:
    res = gaz.resolve("Utrecht", Y2021, context=context)
    assert (res.status, res.code) == (status, code)


def test_province_in_a_list_of_provinces(gaz: Gazetteer) -> None:
    text = "Van Hulst in Zeeland tot Oldambt in Groningen."
    found = gaz.find(text, Y2021)
    assert [(m.surface, m.resolution.status) for m in found] == [
        ("Hulst", "resolved"),
        ("Oldambt", "resolved"),
        ("Groningen", "not_municipality"),
    ]


# --- running text ------------------------------------------------------------------------------


def test_find_offsets_point_into_the_original_text(gaz: Gazetteer) -> None:
    text = (
        "In Den\n\nHaag, Hof van \n\nTwente en Sittard-\n\nGeleen; ook Tynaarlo10 en G40-steden2."
    )
    found = gaz.find(text, Y2021)
    assert codes(found) == ["GM0518", "GM1735", "GM1883", "GM1730"]
    for m in found:
        assert text[m.start : m.end] == m.surface
    assert [m.surface for m in found][-1] == "Tynaarlo"


def test_longest_name_wins(gaz: Gazetteer) -> None:
    text = "Alphen aan den Rijn en Hof van Twente, Bergen op Zoom en Valkenburg aan de Geul"
    assert codes(gaz.find(text, Y2021)) == ["GM0484", "GM1735", "GM0748", "GM0994"]


def test_s_hertogenbosch_split_over_lines_with_curly_apostrophe(gaz: Gazetteer) -> None:
    text = "Haarlem, Hengelo, \u2019s-\n\nHertogenbosch, Lelystad"
    found = gaz.find(text, Y2021)
    assert codes(found) == ["GM0392", "GM0164", "GM0796", "GM0995"]


def test_common_word_at_sentence_start_is_not_a_municipality(gaz: Gazetteer) -> None:
    text = "De prijzen stijgen.254 Huizen werden duurder. In de gemeente Huizen niet."
    found = gaz.find(text, Y2021)
    assert [(m.surface, m.resolution.code) for m in found] == [("Huizen", "GM0406")]
    assert found[0].start == text.rindex("Huizen")


@pytest.mark.parametrize(
    "phrase",
    [
        "Leefbaar Rotterdam",
        "Leefbaar Utrecht",
        "Lelystad Airport",
        "Brainport Eindhoven",
        "Regio Twente",
        "Metropoolregio Rotterdam Den Haag",
        "Parkstad Limburg",
        "Zuid-Limburg",
        "Oost-Groningen",
        "Groningen-Assen",
        "Universiteit van Amsterdam",
        "de regio Amsterdam",
        "Noord-Groningen",
    ],
)
def test_parties_regions_and_institutions_are_not_municipalities(
    gaz: Gazetteer, phrase: str
) -> None:
    text = f"Volgens {phrase} is dat zo."
    found = gaz.find(text, Y2021)
    assert len(found) == 1, found
    assert found[0].resolution.status == "not_municipality"
    assert found[0].resolution.note
    assert gaz.find(text, Y2021, include_non_municipal=False) == []


def test_district_of_a_city_is_the_city(gaz: Gazetteer) -> None:
    found = gaz.find("de Regio Deal Rotterdam-Zuid", Y2021)
    assert codes(found) == ["GM0599"]


def test_a_title_before_van_makes_a_surname(gaz: Gazetteer) -> None:
    found = gaz.find("volgens staatssecretaris Van Veldhoven", Y2021)
    assert [m.resolution.status for m in found] == ["not_municipality"]


def test_one_sense_per_discourse_is_opt_in_and_explained(gaz: Gazetteer) -> None:
    text = (
        "De gemeente Utrecht investeert. Het college van Utrecht bouwt. Utrecht kiest voor wonen."
    )
    plain = gaz.find(text, Y2021)
    assert [m.resolution.status for m in plain] == ["resolved", "resolved", "ambiguous"]
    settled = gaz.find(text, Y2021, discourse=True)
    last = settled[-1].resolution
    assert (last.status, last.code, last.method) == ("resolved", "GM0344", "context")
    assert "elsewhere in this text" in last.note


def test_unknown_and_empty_names(gaz: Gazetteer) -> None:
    assert gaz.resolve("Atlantis", Y2021).status == "unknown"
    assert gaz.resolve("", Y2021).status == "unknown"
    assert gaz.find("", Y2021) == []


# --- the bundled corpus and alias data ---------------------------------------------------------


def test_member_lists_of_the_2021_study_resolve(gaz: Gazetteer) -> None:
    text = (CORPUS_DIR / "platform31-trendstudie-g40-m50-2021.txt").read_text(encoding="utf-8")
    found = gaz.find(text, date(2021, 1, 1))
    resolved = {m.resolution.code for m in found if m.resolution.status == "resolved"}
    assert {"GM0398", "GM0861", "GM1883", "GM1916", "GM0484", "GM0796"} <= resolved
    assert not [m for m in found if m.resolution.status == "ambiguous"]


def test_alias_file_targets_match_the_reference(gaz: Gazetteer) -> None:
    names = {m.code: m.name for m in municipalities()} | {
        "PV20": "Groningen",
        "PV21": "Fryslân",
        "PV26": "Utrecht",
        "PV30": "Noord-Brabant",
    }
    reference = by_code()
    for row in read_alias_rows():
        targets = row["target"].split()
        given = [n.strip() for n in row["target_name"].split("|")] if targets else []
        assert len(targets) == len(given), row
        for code, name in zip(targets, given, strict=True):
            assert code.startswith("PV") or code in reference, row
            assert names[code] == name, row


def test_a_list_after_gemeenten_or_provincies_keeps_its_reading(gaz: Gazetteer) -> None:
    cities = gaz.find("de gemeenten Groningen en Utrecht werken samen", Y2021)
    assert codes(cities) == ["GM0014", "GM0344"]
    provs = gaz.find("de provincies Groningen en Utrecht werken samen", Y2021)
    assert [m.resolution.province for m in provs] == ["PV20", "PV26"]
    assert codes(provs) == [None, None]


def test_discourse_can_be_settled_after_finding_per_sentence(gaz: Gazetteer) -> None:
    sentences = [
        "De gemeente Utrecht investeert.",
        "Het college van Utrecht bouwt.",
        "Utrecht kiest.",
    ]
    mentions = [m for s in sentences for m in gaz.find(s, Y2021)]
    settled = gaz.settle_by_discourse(mentions, Y2021)
    assert len(settled) == len(mentions)
    assert [m.resolution.code for m in settled] == ["GM0344"] * 3
    assert (settled[2].start, settled[2].end) == (mentions[2].start, mentions[2].end)


def test_discourse_does_not_settle_a_name_read_both_ways(gaz: Gazetteer) -> None:
    text = (
        "De gemeente Groningen helpt. De aardbevingen in Groningen duren voort. "
        "In de stad Groningen is het druk. Groningen wacht."
    )
    last = gaz.find(text, Y2023, discourse=True)[-1].resolution
    assert last.status == "ambiguous"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Wij verwachten dat Amersfort en Utrecht meer woningen bouwen.", "GM0307"),
        ("Wij hopen dat Haarlemmermeeer meedoet.", "GM0394"),
    ],
)
def test_a_misspelt_name_after_a_conjunction_still_fuzzy_matches(
    gaz: Gazetteer, text: str, code: str
) -> None:
    assert code in [m.resolution.code for m in gaz.find(text, Y2021)]
