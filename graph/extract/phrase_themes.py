"""Themes that a phrase names and no single word does, and theme words that an
enumeration makes decisive.

- **Building homes**: "woningen" is the housing field (Wonen); "700 woningen realiseren",
  "bouwen we 200 nieuwe woningen", "de bouw van woningen" is house building (Woningbouw),
  the narrower theme a reader files it under. A build verb or noun within a few words of
  "woning(en)", on either side, gives a Woningbouw hit over the phrase.
- **Population**: "de groei van het aantal inwoners", "de stad moet groeien naar 140
  duizend inwoners" is population growth, "het aantal inwoners neemt af" decline; no
  single word says so ("inwoners" is whom a policy is for).
- **Area development**: "de ontwikkeling van de Havenkom", "de herinrichting van het
  Mondriaanplein" develops a named area (a capital after the article).
- **Less money**: "minder geld van de rijksoverheid", "30 miljoen minder inkomsten" is the
  municipality's finances.
- **Cooperation**: "werkt samen waar het kan", "samen met de regio", "samen met
  gemeenten in West-Brabant" is cooperation between governments.
- **And more** (`_PHRASES`): a road by its number, a 30 km zone, the municipality's own
  organisation, new tasks handed to it, staying independent, an ageing population ("de
  ouder wordende inwoners") and fewer pupils, the growth of the town, sustainability as
  what the town is to be ("een duurzaam Teylingen", "een duurzame toekomst"). Each
  pattern names beside it the sense it must not take ("taalniveau A2", "een fietspad van
  30 km", "de organisatie van evenementen", the police officer's "extra taken",
  "zelfstandig blijven wonen", "financieel duurzaam", "het gemeentehuis wordt steeds
  ouder").
- **Norms**: an everyday adjective that a norm states ("moet bereikbaar blijven").
- **Bare items of an enumeration**: a word with an everyday sense beside its theme's
  (themes.AMBIGUOUS_TERMS: "infrastructuur", "samenwerking") decides nothing alone, but
  as a bare member of a list of themes ("prioriteit aan duurzaamheid, spoorveiligheid en
  infrastructuur") it is one of the things listed: nothing qualifies it into another
  sense ("een infrastructuur voor de opvang", "de samenwerking met gemeenten").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from gemeentegraaf.text.themes import STAFF_SHORTAGE, ThemeHit, ThemeScheme
from rdflib import URIRef

_I = re.IGNORECASE

# A scheme term of house building, whose concept a building hit carries.
_BUILDING_TERM = "woningproductie"

_BUILD = (
    r"(?:bouwen|bouwt|bouwde|bouwden|gebouwd|bij\s?(?:te\s)?bouwen|bijgebouwd|bijbouwt"
    r"|realiseren|realiseert|gerealiseerd|toevoegen|toegevoegd|voegen|voegt"
    r"|opleveren|opgeleverd|neerzetten|neergezet)"
)
# A word of the object's phrase between the verb and the homes: not a preposition or a
# conjunction that opens another phrase ("realiseren de energietransitie door woningen te
# isoleren", "voegen zonnepanelen toe aan bestaande woningen"); "van" and "en" stay ("de
# bouw van meer betaalbare koop- en sociale huurwoningen").
_OBJECT_WORD = r"\s+(?!(?:door|om|te|zodat|met|aan|bij|voor|in|op|naar)\b)[^\W_][\w.-]*"
# The verb before its object ("realiseren minimaal 700 nieuwe woningen", "de bouw van
# 300 woningen") or after it ("700 woningen te realiseren", "woningen moeten worden
# gebouwd"), within the clause (no punctuation between). Homes end the object
# ("woningmarkt" is not "woning"); "huizen" only as a word ("buurthuizen" are not homes).
_BUILDING = re.compile(
    rf"\b(?:{_BUILD}|(?:de\s+)?(?:bouw|realisatie|toevoeging|oplevering)\s+van)"
    rf"(?:{_OBJECT_WORD}){{0,6}}?\s+(?:(?:\w+)?woning(?:en)?|huizen|woonwijk(?:en)?)\b"
    rf"|\b(?:(?:\w+)?woning(?:en)?|huizen)(?:\s+[^\W_][\w-]*){{0,5}}?\s+(?:te\s+)?{_BUILD}\b",
    _I,
)


def building_hits(themes: ThemeScheme, text: str) -> list[ThemeHit]:
    """A Woningbouw hit for each phrase that builds homes (`_BUILDING`)."""
    concept = themes.terms.get(_BUILDING_TERM)
    if concept is None:
        return []
    return [
        ThemeHit(concept, m.start(), m.end(), _BUILDING_TERM, m.group())
        for m in _BUILDING.finditer(text)
    ]


# Less money for the municipality: "moet het doen met minder geld van het Rijk", "30
# miljoen minder inkomsten", "de gemeente krijgt minder geld" (not households' money:
# "gezinnen houden minder geld over"). Its finances, and a problem (generic.CUES).
LESS_MONEY = (
    r"\bminder\s+(?:\w+\s+)?(?:geld|inkomsten|middelen|budget)\b"
    r"(?=[^.;]{0,40}?\b(?:rijk|rijksoverheid|gemeentefonds|provincie|kabinet|den haag)\b)"
    r"|\b(?:euro|miljoen)\s+minder\s+(?:\w+\s+)?(?:geld|inkomsten|middelen)\b"
    r"|\bgemeente\s+(?:\w+\s+){0,4}?minder\s+(?:\w+\s+)?(?:geld|inkomsten|middelen|budget)\b"
    # the speaker with less: "hebben we minder geld om uit te geven" (not "niet minder", nor
    # "minder geld nodig")
    # (with who pays between: "We krijgen echter van het Rijk minder geld voor deze taken")
    r"|\b(?:hebben|heeft|krijgen)\s+(?:we|wij)\s+(?:(?!niet\b)\w+\s+){0,4}?minder\s+(?:geld|inkomsten"
    r"|middelen|budget)\b(?!\s+(?:\w+\s+)?nodig\b)"
    r"|\b(?:we|wij)\s+(?:hebben|krijgen)\s+(?:(?!niet\b)\w+\s+){0,4}?minder\s+(?:geld|inkomsten"
    r"|middelen|budget)\b(?!\s+(?:\w+\s+)?nodig\b)"
)

# Phrases that name a theme as a whole: (scheme term of the theme, pattern).
_RESIDENTS = (
    r"(?:(?:het\s+)?aantal\s+(?:inwoners|huishoudens)|(?:onze\s+|de\s+)?bevolking"
    r"|(?:het\s+)?inwoners?(?:aan)?tal)"
)
# Words between the residents and their verb: adverbs, not a phrase that picks some out
# ("het aantal inwoners met problematische schulden neemt toe" is about debts).
_NOT_A_QUALIFIER = r"(?:(?!(?:met|die|dat|zonder|in|op|onder|boven|van|voor|uit|tot)\b)\w+\s+)"
# Phrases whose words name other themes only as their parts: a word hit inside one counts
# for nothing of its own ("onderwijs" in "overheid, onderwijs en bedrijfsleven").
WHOLE_PHRASES = frozenset({"triple helix", "personele capaciteit", "gemeentefonds"})

# One of the three partners of innovation.
_HELIX = (
    r"(?:de\s+)?(?:overheid|overheden|bedrijfsleven|ondernemers|bedrijven|onderwijs"
    r"|kennisinstellingen)"
)
# (Area development and roads are read on the text before names are blanked: the capital
# of the area's name, the road's letter are what they need.)
_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "natuurlijke aanwas",  # population growth
        re.compile(
            rf"\bgroei\w*\s+(?:van|in)\s+{_RESIDENTS}"
            rf"|\b{_RESIDENTS}\s+{_NOT_A_QUALIFIER}{{0,4}}?(?:groeit|groeien|groeide|stijgt|stijgen"
            r"|toenemen|neemt\s+(?:\w+\s+){0,2}?toe)\b"
            # the verb first: "Tot 2030 stijgt het aantal huishoudens in de gemeente" (not a
            # group picked out: "stijgt het aantal inwoners met schulden")
            r"|\b(?:groeit|groeide|stijgt|steeg)\s+(?:(?:ook|nog|verder|fors|flink)\s+)?"
            rf"{_RESIDENTS}\b(?!\s+(?:met|die|dat|zonder|onder|in\s+armoede|in\s+de\s+bijstand)\b)"
            r"|\bgroei(?:en|t)\s+(?:\w+\s+){0,4}?(?:naar|tot)\s+(?:zo'n\s+|ruim\s+|circa\s+)?"
            r"[\d.,]+\s*(?:duizend\s+)?inwoners\b"
            # a growing number: "een stabiel of zelfs groeiend inwonersaantal", "de stijgende
            # bevolking"
            rf"|\b(?:groeiend|groeiende|stijgend|stijgende|toenemend|toenemende)\s+{_RESIDENTS}"
            # a size to reach: "dat Sittard-Geleen meer dan 100.000 inwoners krijgt" (the
            # verb ends the clause: "2.000 inwoners krijgen een toeslag" are recipients)
            # (a number starts after no digit or separator: a run of "12,3," is read once)
            r"|(?<![\d.,])\b(?:meer\s+dan\s+|ruim\s+|minstens\s+)?[\d.,]+\s*(?:duizend\s+)?"
            r"inwoners\s+(?:krijgt|krijgen|te\s+krijgen)(?=\s*(?:[.,;:!?)]|$))",
            _I,
        ),
    ),
    (
        # an ageing population: "de ouder wordende inwoners", "men wordt steeds ouder", "het
        # groeiende aantal 75-plussers", "de 'grijze' druk" (not "ouder" of a building)
        "vergrijzing",
        re.compile(
            r"\bouder\s+wordende\s+(?:inwoners|bevolking|mensen|samenleving)\b"
            # (people who grow older, not a building: "het gemeentehuis wordt steeds ouder")
            r"|\b(?:men|we|wij|inwoners|bevolking|mensen|samenleving)\s+(?:wordt|worden|werd|werden)"
            r"\s+(?:\w+\s+){0,3}?steeds\s+ouder\b"
            r"|\b(?:groeiende?|toenemende?|stijgende?)\s+aantal\s+(?:\d+[\s-]?plussers|ouderen"
            r"|senioren)\b"
            r"|\bgrijze\W{0,2}\s+(?:\S+\s+){0,3}?druk\b"
            # fewer young, more old: "De samenleving verandert: minder jongeren, meer ouderen"
            r"|\bminder\s+jongeren\b[^.;:]{0,30}?\bmeer\s+ouderen\b"
            r"|\bmeer\s+ouderen\b[^.;:]{0,30}?\bminder\s+jongeren\b",
            _I,
        ),
    ),
    (
        # fewer young people: "een dalend leerlingenaantal", "het aantal leerlingen loopt
        # terug"
        "ontgroening",
        re.compile(
            # (the number of pupils, not "leerlingenvervoer", nor pupils who walk back)
            r"\b(?:dalend|dalende|teruglopend|teruglopende|afnemend|afnemende|krimpend|krimpende)"
            r"\s+(?:aantal\s+(?:leerlingen|jongeren|kinderen)|leerlingen(?:aantal(?:len)?)?)\b"
            r"|\b(?:aantal\s+leerlingen|leerlingenaantal(?:len)?)\s+(?:\w+\s+){0,2}?(?:daalt"
            r"|dalen|loopt\s+terug|lopen\s+terug|neemt\s+af|nemen\s+af)\b",
            _I,
        ),
    ),
    (
        # a growing town: "de groei van de stad in goede banen leiden" (a name after "groei
        # van" may as well be an airport or a firm: "de groei van Schiphol"), "onze stad
        # groeit", "de komende jaren blijven we groeien" (not growing in a role or a task:
        # "we groeien in onze rol", "groeien naar een nieuwe werkwijze")
        "bevolkingsgroei",
        re.compile(
            r"\bgroei\s+van\s+(?:de\s+(?:stad|gemeente|kernen)|het\s+dorp)\b"
            # (the town as the subject, not as whom something is for: "de kosten voor de
            # gemeente groeien"; nothing in between that says as what: "als organisatie")
            r"|(?<!voor\s)(?<!van\s)(?<!aan\s)(?<!bij\s)(?<!in\s)(?<!op\s)"
            r"\b(?:(?:onze|de)\s+(?:stad|gemeente)|ons\s+dorp|blijven\s+(?:we|wij)|(?:we|wij)\s+blijven)"
            r"\s+(?:(?!als\b)\w+\s+){0,2}?(?:groeit|groeien|groeide)\b"
            r"(?!\s+(?:in|naar|als|mee|uit|samen)\b|\s+(?:\w+\s+)?(?:economisch|financieel)\b)",
            _I,
        ),
    ),
    (
        # people into work: "meer mensen aan de slag", "statushouders sneller aan de slag
        # helpen" (not people who set to work on something: "jongeren gaan aan de slag met
        # een buurtproject", "inwoners aan de slag gaan om hun huis te isoleren"; nor those
        # set to work with, `partners`: "we gaan met deze inwoners aan de slag")
        "aan het werk",
        re.compile(
            r"(?P<partners>\bmet\s+(?:[\w-]+\s+){0,3}?)?"
            r"\b(?:mensen|inwoners|werkzoekenden|jongeren|statushouders|nieuwkomers"
            r"|uitkeringsgerechtigden|bijstandsgerechtigden)\s+(?:\w+\s+){0,3}?aan\s+de\s+slag\b"
            r"(?!\s+(?:\w+\s+){0,2}?(?:met|om|te|voor|in|op|bij|aan)\b)",
            _I,
        ),
    ),
    (
        # the state's payment to the municipality: "een lagere uitkering uit het
        # gemeentefonds", "daalt de uitkering van het rijk aan de gemeente", "de algemene
        # uitkering" (a whole phrase: not a benefit of a resident, Werk en inkomen's
        # "uitkering")
        "gemeentefonds",
        re.compile(
            r"\buitkering(?:en)?\s+(?:uit|van)\s+(?:het\s+|de\s+)?(?:gemeentefonds|rijk"
            r"|rijksoverheid)\b|\b(?:algemene|integratie)\s+uitkering(?:en)?\b",
            _I,
        ),
    ),
    (
        # the three partners of innovation ("samenwerking tussen overheid, onderwijs en
        # bedrijfsleven", "ondernemers, onderwijs en overheid"): the knowledge economy
        "triple helix",
        re.compile(rf"\b{_HELIX}(?:\s*,\s*|\s+en\s+){_HELIX}(?:\s*,\s*|\s+en\s+){_HELIX}\b", _I),
    ),
    (
        # support for people ("ondersteunen van mensen die zorg nodig hebben", "ondersteuning
        # voor inwoners"), not for firms or projects: social support
        "maatschappelijke ondersteuning",
        re.compile(
            r"\bondersteun(?:en|ing)\s+(?:van|aan|voor)\s+(?:de\s+|onze\s+|alle\s+|kwetsbare\s+)?"
            r"(?:mensen|inwoners|ouderen|kwetsbaren|mantelzorgers)\b",
            _I,
        ),
    ),
    (
        # public transport by its short name: "We behouden het gratis OV voor minima", "de
        # ov-verbindingen" (the capitals or a hyphen after it: "ov" is no other word)
        "openbaar vervoer",
        # (not street lighting, "openbare verlichting": "OV-masten", "ov-armaturen")
        re.compile(
            r"(?<![\w-])(?:OV|ov(?=-))(?!-(?:mast|armatu|verlicht|lamp|licht|paal|palen))"
            r"(?:-[^\W\d_]+)?(?![\w'’])"
        ),
    ),
    (
        # the integration of newcomers: "de opvang en integratie van vluchtelingen" (not
        # "de integratie van zorg en welzijn")
        "inburgering",
        re.compile(
            r"\bintegratie\s+(?:en\s+\w+\s+)?van\s+(?:de\s+|deze\s+|nieuwe\s+)?(?:vluchtelingen"
            r"|statushouders|nieuwkomers|migranten|asielzoekers|vergunninghouders)\b",
            _I,
        ),
    ),
    (
        # sustainability as what the town is to be: "een duurzaam Teylingen", "een duurzame
        # toekomst", "een duurzame en energieke gemeente" (not "financieel duurzaam": sound
        # finances)
        "duurzaamheid",
        re.compile(
            # (a place's name after the uninflected adjective only, "een duurzaam Teylingen":
            # "Duurzame Inzetbaarheid" is a title)
            r"(?<!financieel\s)(?<!economisch\s)\bduurza(?:am|me)\s*(?:(?:en\s+|,\s*)[^\W\d_]+\s+)?"
            r"(?:gemeente|toekomst|stad|dorp|samenleving|gemeenschap)\b"
            r"|(?<!financieel\s)(?<!economisch\s)\b(?-i:duurza(?:am|mer))\s+"
            r"(?-i:[A-Z][\w-]*+)(?<!visie)(?<!plan)(?<!beleid)(?<!agenda)(?<!programma)",
            _I,
        ),
    ),
    (
        "bevolkingsdaling",  # population decline
        re.compile(
            rf"\b{_RESIDENTS}\s+{_NOT_A_QUALIFIER}{{0,4}}?(?:daalt|dalen|daalde|krimpt|afnemen"
            r"|neemt\s+(?:\w+\s+){0,3}?af|loopt\s+(?:\w+\s+){0,3}?terug)\b"
            # the verb first: "Ten eerste daalt de bevolking", "daalt de omvang van de
            # bevolking" (not a group picked out: "daalt het aantal inwoners met schulden")
            r"|\b(?:daalt|daalde|krimpt|kromp|slinkt)\s+(?:(?:ook|nog|verder|fors|flink)\s+)?"
            rf"(?:de\s+omvang\s+van\s+)?{_RESIDENTS}\b"
            r"(?!\s+(?:met|die|dat|zonder|onder|op|in\s+armoede|in\s+de\s+bijstand)\b)",
            _I,
        ),
    ),
    (
        "gebiedsontwikkeling",
        re.compile(
            r"\b(?:(?:gebieds|her)?ontwikkeling|transformatie|herinrichting|herstructurering"
            r"|omvorming)"
            # (a plan, a policy or a field is no area: "de ontwikkeling van de Omgevingsvisie",
            # "de transformatie van de Jeugdzorg", "het Sociaal Domein")
            r"\s+van\s+(?:de|het)\s+(?-i:[A-Z])"
            r"(?![\w ]{0,25}?(?:visie|plan|beleid|zorg|domein|wet|agenda|nota|programma"
            r"|akkoord)\b)",
            _I,
        ),
    ),
    (
        # the town centre worked on: "in het ontwikkelen van het centrum", "de vernieuwing
        # van het dorpscentrum" ("centrum" alone decides nothing: "het centrum van de
        # belangstelling")
        "binnenstad",
        re.compile(
            r"\b(?:ontwikkel(?:en|ing)|herinrichting|vernieuwing|versterking|verlevendiging"
            r"|revitalisering|opknappen|opwaardering|aanpak|aantrekkelijker\s+maken)\s+van\s+"
            r"(?:het|ons|onze)\s+(?:dorps|stads)?(?:centrum|centra)\b(?!\s+voor\b)"
            r"|\bcentrum(?:ontwikkeling|plan|visie)\w*",
            _I,
        ),
    ),
    (
        "financiële tekorten",
        re.compile(LESS_MONEY, _I),
    ),
    (
        # new tasks for the municipality: "de gemeente krijgt veel nieuwe taken op het gebied
        # van jeugd, zorg en werk", "nieuwe taken die op de gemeente afkomen", "de
        # overheveling van taken" (not the local police officer's "extra taken")
        "decentralisatie",
        re.compile(
            r"\bgemeente(?:n)?\s+(?:\w+\s+){0,3}?(?:krijgt|krijgen|kreeg|kregen)\s+(?:\w+\s+){0,2}?"
            r"(?:nieuwe|extra|meer)\s+(?:taken|verantwoordelijkheden)\b"
            r"|\b(?:nieuwe|extra|overgehevelde)\s+(?:gemeentelijke\s+)?taken\b(?=[^.;]{0,60}?\b(?:op\s+de\s+gemeente"
            r"|naar\s+(?:de\s+)?gemeenten?|van\s+het\s+rijk|sociaal\s+domein|sociale\s+domein"
            # the tasks named: "nieuwe taken (bijv. AWBZ en jeugdzorg)"
            r"|awbz|jeugdzorg|jeugdhulp|wmo|participatiewet"
            # the fields named: "op het gebied van jeugd, zorg en werk"
            r"|op\s+het\s+gebied\s+van\s+(?:de\s+)?(?:jeugd|zorg|werk))\b)"
            # the decentralisations by their name of 2014-2016: "hebben wij in deze begroting
            # de transities uitgewerkt" (not transitions to somewhere: "de transities naar
            # schone energie"; "in het sociaal domein" is a term of its own)
            r"|\b(?:de|deze)\s+transities\b(?!\s+(?:naar|van|voor|op|in|binnen|rond)\b)"
            # tasks taken over from the state: "taken die de gemeente van het Rijk overneemt"
            r"|\btaken\s+(?:\w+\s+){0,4}?van\s+(?:het\s+)?(?:rijk|rijksoverheid)\s+"
            r"(?:overneemt|overnemen|overnam|overgenomen|krijgt|krijgen)\b"
            r"|\boverheveling\s+van\s+(?:de\s+)?taken\b"
            # tasks the state hands over: "de overdracht van rijkstaken naar de gemeente",
            # "hevelt het rijk allerlei taken over", "welzijnstaken naar de gemeentes gaat
            # overhevelen"
            r"|\b(?:overdracht|overheveling)\s+van\s+(?:\w+\s+)?rijkstaken\b"
            # "De overgang naar de gemeente van taken in de jeugdhulp, …", "de overdracht van
            # taken naar gemeenten"
            r"|\b(?:overgang|overdracht|verschuiving)\s+naar\s+(?:de\s+)?gemeenten?\s+van\s+"
            r"(?:\w+\s+)?taken\b"
            r"|\b(?:overgang|overdracht|verschuiving)\s+van\s+(?:\w+\s+)?taken\s+(?:\w+\s+){0,6}?"
            r"naar\s+(?:de\s+)?gemeenten?\b"
            # (the state hands them over, to the municipalities: not a department's tasks
            # moved inside the organisation)
            r"|\bhevel(?:t|en|de|den)\s+(?:het\s+|de\s+)?(?:rijk|rijksoverheid|kabinet)\s+"
            r"(?:[\w-]+\s+){0,3}?\w*taken\s+(?:\w+\s+){0,4}?over\b"
            r"|\b(?:rijk|rijksoverheid|kabinet)\s+(?:\w+\s+){0,2}?hevel(?:t|en|de|den)\s+"
            r"(?:[\w-]+\s+){0,3}?\w*taken\s+(?:\w+\s+){0,4}?over\b"
            r"|\b\w*taken\s+naar\s+(?:de\s+)?gemeente(?:n|s)?\s+(?:\w+\s+){0,3}?"
            r"(?:overhevelen|overgeheveld|over\s+te\s+hevelen|overdragen|overgedragen)\b",
            _I,
        ),
    ),
    (
        # a road by its number: "verbreding N282", "de aansluiting op de A9" (after an
        # article or a word of roads: not "taalniveau A2", "energielabel A1")
        "bereikbaarheid",
        re.compile(
            r"\b(?:de|het|op|over|langs|via|naar|verbreding|verdubbeling|aansluiting|afslag|afrit"
            r"|doorstroming|knooppunt|rondweg|weg|snelweg|provinciale\s+weg)\s+"
            r"(?-i:A(?:[1-9]|[1-7]\d)|N\d{2,3})(?![\w-])",
            _I,
        ),
    ),
    (
        # houses in plain words: "Er zijn niet genoeg huizen", "nieuwe huizen bouwen" (not
        # "Huizen", the town, nor "dorpshuizen")
        "woning",
        re.compile(
            r"\b(?:genoeg|weinig|meer|nieuwe|betaalbare|goedkope|dure|duurdere|passende)\s+"
            r"(?-i:huizen)\b"
            r"|\b(?-i:huizen)\s+(?:te\s+)?(?:bouwen|gebouwd|bijbouwen|bij\s+te\s+bouwen)\b",
            _I,
        ),
    ),
    (
        # firms short of staff: "Bedrijven hebben niet genoeg personeel", "werkgevers zoeken
        # personeel" (the labour market, not the municipality's own staff)
        "krapte op de arbeidsmarkt",
        re.compile(rf"\b{STAFF_SHORTAGE}", _I),
    ),
    (
        # a safe place to live: "Delft zet in op een woonomgeving die veilig is", "een
        # veilige leefomgeving" (not "veilig" alone: "gezond en veilig opgroeien")
        "veiligheid",
        re.compile(
            r"\b(?:woonomgeving|leefomgeving|wijk|wijken|buurt|buurten|straten)\s+die\s+"
            r"(?:\w+\s+)?veilig\s+(?:is|zijn|blijft|blijven)\b"
            r"|\bveilige\s+(?:woon|leef)omgeving\b"
            # feeling safe: "Een Breda waar mensen zich veilig voelen"
            r"|\bzich\s+(?:\w+\s+)?veilig\s+(?:(?:kunnen|te)\s+)?(?:voelen|voelt)\b"
            # a safe place as a whole: "een veilige gemeente", "veilige wijken en dorpen"
            r"|\bveilige\s+(?:gemeente|stad|dorp|dorpen|kernen|wijk|wijken|buurt|buurten"
            r"|samenleving)\b",
            _I,
        ),
    ),
    (
        # safe ways for children and cyclists: "veilige verbindingen voor de schoolgaande
        # jeugd", "veilige schoolroutes", "veilige fietsroutes"
        "verkeersveiligheid",
        re.compile(
            r"\bveilige\s+(?:verbindingen|routes?|schoolroutes?|fietsroutes?|oversteken?)\b", _I
        ),
    ),
    (
        # a 30 km zone: "de 30 kilometer-binnenstadsring", "30 km/u" (not a distance: "een
        # fietspad van 30 km")
        "verkeersveiligheid",
        re.compile(
            r"\b30[\s-]?(?:km|kilometer)(?:\s*/\s*u(?:ur)?\b|\s+per\s+uur\b|-\w+|[\s-]?zone\w*"
            r"|[\s-]?(?:gebied|weg|straat|ring)\w*)",
            _I,
        ),
    ),
    (
        # the municipality's own vacancies and staff: "vacatures in het gemeentehuis niet
        # invullen", "werknemers bij de gemeente" (a whole phrase: not the labour market's
        # vacancies)
        "personele capaciteit",
        re.compile(
            # (not another municipality, "de gemeente Zwolle", nor any organisation: "de
            # organisatie Humanitas")
            r"\b(?:vacatures?|werknemers|functies|medewerkers)\s+(?:\w+\s+){0,2}?(?:in|op|bij|van)\s+"
            r"(?:het\s+(?:gemeentehuis|stadhuis)|de\s+gemeente(?!\s+(?-i:[A-Z]))"
            r"|onze\s+(?:eigen\s+)?(?:ambtelijke\s+)?organisatie"
            r"|de\s+(?:eigen|ambtelijke|gemeentelijke)\s+organisatie)\b",
            _I,
        ),
    ),
    (
        # the municipality's own organisation: "bezuiniging op de organisatie", "de
        # ambtelijke organisatie", "een toekomstbestendige organisatie van de gemeente"
        "personeel",
        re.compile(
            # (not the organising of something: "de organisatie van evenementen")
            # (also in a compound: "de ambtelijke organisatieontwikkeling")
            r"\b(?:gemeentelijke|ambtelijke|interne)\s+organisatie\w*"
            r"|\borganisatie\s+van\s+de\s+gemeente\b"
            # the speaker's own: "wij investeren in onze organisatie" (not "onze organisatie
            # van evenementen")
            r"|\bonze\s+(?:eigen\s+)?(?:ambtelijke\s+)?organisatie\b(?!\s+van\b)"
            r"|\b(?:bezuinig\w*|taakstelling\w*|besparing\w*)\s+(?:\w+\s+){0,2}?op\s+de\s+"
            r"(?:eigen\s+)?organisatie\b(?!\s+van\b)"
            r"|\b(?:stevige|wendbare|slagvaardige|toekomstbestendige|daadkrachtige|efficiënte"
            r"|gezonde)\s+(?:en\s+\w+\s+)?organisatie\b(?!\s+van\s+(?!de\s+gemeente\b))",
            _I,
        ),
    ),
    (
        # staying independent (no merger): "Rozendaal heeft de ambitie om zelfstandig te
        # blijven", "door een zelfstandige gemeente te blijven", as readers file it: how a
        # municipality works with others
        "regionale samenwerking",
        re.compile(
            # (not people who stay independent: "zelfstandig blijven wonen")
            r"\bzelfstandige\s+gemeente\b"
            r"|\bzelfstandig\s+(?:te\s+)?blijven\b(?!\s+(?:wonen|leven|functioneren|thuis))"
            r"|\b(?:gemeente|wij|we)\s+(?:\w+\s+){0,2}?(?:blijft|blijven)\s+zelfstandig\b"
            r"|\bbestuurlijke\s+zelfstandigheid\b",
            _I,
        ),
    ),
    (
        "regionale samenwerking",
        re.compile(
            # (with governments, or with no partner named: "werkt samen waar het kan"; working
            # with schools or entrepreneurs is no cooperation between governments)
            r"\bwerk(?:t|en)\s+(?:\w+\s+){0,3}?samen\b(?=\s+met\s+(?:de\s+|andere\s+"
            r"|omliggende\s+|onze\s+)?(?:regio|buurgemeenten|gemeenten|regiogemeenten|provincie"
            r"|rijk)\b|\s+(?:waar|als|wanneer)\b|\s*[.,;]|\s*$)"
            r"|\bsamen\s+met\s+(?:de\s+|andere\s+|omliggende\s+|onze\s+)?(?:regio|buurgemeenten"
            r"|(?:regio)?gemeenten|provincie)\b"
            # forces joined with governments: "bundelen we de krachten graag met andere
            # gemeenten", "de krachten bundelen met de regio"
            r"|\bkrachten\s+(?:\w+\s+){0,3}?met\s+(?:de\s+|het\s+|andere\s+|omliggende\s+|onze\s+)?"
            r"(?:regio|buurgemeenten|(?:regio)?gemeenten|provincie|rijk|rijksoverheid"
            r"|waterschappen|waterschap)\b"
            # the partner before "samen": "We werken met de buurgemeenten samen"
            r"|\bwerk(?:t|en)\s+(?:\w+\s+){0,2}?met\s+(?:de\s+|het\s+|andere\s+|omliggende\s+"
            r"|onze\s+)?(?:regio|buurgemeenten|(?:regio)?gemeenten|provincie|rijk|waterschappen)\s+"
            r"(?:\w+\s+){0,3}?samen\b",
            _I,
        ),
    ),
)


# Phrases read in the text as written, names and all: they name an area or a road, or
# the town itself ("een duurzaam Teylingen"), which the masked text blanks.
_READ_WITH_NAMES = frozenset({"gebiedsontwikkeling", "bereikbaarheid", "duurzaamheid"})


# Together with a place named ("samen met Vlieland", "samen met de gemeenten Elburg en
# Ermelo"): working with another government.
_TOGETHER_WITH_NAMED = re.compile(
    r"\b(?i:samen\s+met\s+(?:de\s+(?:gemeenten?|provincie)\s+)?)(?=[A-Z])"
)


def with_named_governments(
    themes: ThemeScheme, text: str, named_starts: set[int]
) -> list[ThemeHit]:
    """A cooperation hit where "samen met" comes right before a municipality or province
    the gazetteer found (starting at one of `named_starts`), not a person ("samen met Anna
    de Vries")."""
    concept = themes.terms.get("regionale samenwerking")
    if concept is None:
        return []
    return [
        ThemeHit(concept, m.start(), m.end(), "regionale samenwerking", m.group())
        for m in _TOGETHER_WITH_NAMED.finditer(text)
        if m.end() in named_starts
    ]


def phrase_hits(themes: ThemeScheme, text: str, masked: str) -> list[ThemeHit]:
    """A hit for each phrase of `_PHRASES`, on the theme of its scheme term: in `masked`
    (the text with names blanked, same length), or for a named area in `text`."""
    hits = []
    for term, pattern in _PHRASES:
        concept = themes.terms.get(term)
        if concept is None:
            continue
        source = text if term in _READ_WITH_NAMES else masked
        hits += [
            ThemeHit(concept, m.start(), m.end(), term, m.group())
            for m in pattern.finditer(source)
            # (a phrase that names partners is someone else's work: see the pattern)
            if not m.groupdict().get("partners")
        ]
    return hits


# Where a list member starts: after a comma, "en"/"of", a colon, or the preposition a
# list hangs from ("prioriteit aan", "investeren in"); then at most a determiner and one
# adjective ("de fysieke infrastructuur").
_ITEM_START = re.compile(
    r"(?:[,:;]|\b(?:en|of|aan|in|op|voor))\s+(?:(?:de|het|een|onze|meer|betere?|goede?)\s+)?"
    r"(?:[^\W\d_][\w-]*\s+)?$",
    _I,
)
# Where it ends: the list goes on or the sentence or an aside begins.
_ITEM_END = re.compile(r"\s*(?:[,;.:(]|\s(?:en|of)\s|$)", _I)
# A list announced as fields or themes ("uitdagingen op het gebied van zorg, energie en
# financiën", "thema's als"): a group's or a wide word among its members is a field too.
_FIELDS_LISTED = re.compile(r"\bop het (?:gebied|vlak|terrein) van\b|\bthema['’]?s\b", _I)
# What ends a list a field opener announced: a verb or a preposition that starts another
# phrase ("Op het gebied van wonen en zorg bouwen we voor …", "De thema's wonen en zorg
# zijn belangrijk voor …"), or a clause end.
_LIST_BREAK = re.compile(
    r"[;:.]|\b(?:voor|zijn|is|wordt|worden|bouwen|bouwt|willen|wil|gaan|gaat|moet|moeten"
    r"|we|wij|staan|staat|krijgen|krijgt)\b",
    _I,
)


def _announced_lists(text: str) -> list[tuple[int, int]]:
    """Spans of the lists that field openers announce (each to its `_LIST_BREAK`): one pass
    over the text, so a sentence of many lists stays linear."""
    breaks = [m.start() for m in _LIST_BREAK.finditer(text)]
    spans = []
    for m in _FIELDS_LISTED.finditer(text):
        i = bisect.bisect_left(breaks, m.end())
        spans.append((m.end(), breaks[i] if i < len(breaks) else len(text)))
    return spans


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    """Whether `pos` lies in one of `spans` (sorted by start, nested when they overlap, as
    `_announced_lists` gives them): the last one that starts at or before it decides."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


# A list this long (distinct themes) is an enumeration of themes.
_ENUMERATION_MIN = 3
# How far back an item's start is looked for (a determiner, an adjective, a separator).
_ITEM_LOOKBEHIND = 40


# An adjective as what something must be or stay ("Bloemendaal moet bereikbaar blijven",
# "de dorpen moeten leefbaar zijn", "leefbaar houden"): the theme of the norm.
_NORM_BEFORE = re.compile(r"\bmoet(?:en)?\s+(?:\w+\s+){0,3}?(?:goed\s+|beter\s+)?$", _I)
_NORM_AFTER = re.compile(r"\s+(?:te\s+)?(?:blijven|blijft|zijn|worden|wordt|houden|maken)\b", _I)
_NORM_ADJECTIVES = ("leefba", "bereikba", "zelfredza")


def predicate_adjectives(text: str, hits: Sequence[ThemeHit]) -> set[URIRef]:
    """Concepts of ambiguous adjectives that a norm states of its subject (`_NORM_BEFORE`
    before them, or a copula or "houden" after them)."""
    found = set()
    for hit in hits:
        if not hit.ambiguous or not hit.text.lower().startswith(_NORM_ADJECTIVES):
            continue
        before = _NORM_BEFORE.search(text, max(0, hit.start - _ITEM_LOOKBEHIND), hit.start)
        if before or _NORM_AFTER.match(text, hit.end):
            found.add(hit.concept)
    return found


def enumerated_items(text: str, hits: Sequence[ThemeHit]) -> set[URIRef]:
    """Concepts of ambiguous hits that stand as bare members of an enumeration of themes,
    and of weak ones in a list announced as fields (`_FIELDS_LISTED`, the list running on
    from it: `_LIST_BREAK` ends it); elsewhere a list of groups says whom something is for
    ("woningen voor starters, jongeren en ouderen")."""
    if len({h.concept for h in hits}) < _ENUMERATION_MIN:
        return set()
    announced = _announced_lists(text)
    starts = [s for s, _e in announced]
    found = set()
    for hit in hits:
        in_fields = _inside(announced, starts, hit.start)
        if not (hit.ambiguous or (hit.weak and in_fields)):
            continue
        if not _ITEM_END.match(text, hit.end):
            continue
        if _ITEM_START.search(text, max(0, hit.start - _ITEM_LOOKBEHIND), hit.start):
            found.add(hit.concept)
    return found
