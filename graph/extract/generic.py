"""Challenges stated sentence by sentence: the general rule, and what a municipality writes
about itself.

For every report whose genre enables it (the general genre and programme documents,
data/genres/*.toml): a sentence that names a theme and says that its subject
prioritises, acts on or faces it gives one gg:Uitdaging per subject.

Who the subject is:

- the municipalities the sentence names as actors (each of a list "A, B en C"), never a
  person's surname ("wethouder Merle van Leusden"), a party ("Leefbaar Zeewolde") or a
  place inside another name;
- else, in a genre that reads first person as the document's speaker, the speaker when
  the sentence refers to it ("we", "ons", "onze gemeente", "de gemeente", "het (nieuwe)
  college", "de raad", "de (nieuwe) coalitie", or a word made from its name: "iedere
  Middelburger", "Rotterdamse gezinnen", three or more coalition parties opening the
  sentence: "GroenLinks, VVD en D66 trekken … uit") or is an item of its programme: a
  heading, a bullet, or a short line without a verb ("Betaalbaar bouwen voor starters"),
  which needs no cue; a claim with no agent ("Het financieel beleid wordt voortgezet", "De
  focus ligt op preventie") is the speaker's too, and "ze"/"zij" continue the speaker of
  the claim before ("Verder willen ze …"), also from the paragraph before when that named
  the speaker. Never when someone else acts ("de provincie wil"; but "bij de provincie
  aandringen" names whom the speaker addresses, "samen met andere gemeenten" its
  partners), nor in a table of contents ("2 Digitalisering 3"), a form field
  ("Programma/beleidsveld …") or a list of labels ("Wethouder X: Wonen, Sport, Cultuur";
  a capitalised list that is the subject of a verb, "Mobiliteit, … zijn de kernthema's", is a
  sentence). Announcements ("Ook komt er …"), money set aside ("wordt uitgetrokken"), norms
  ("Dorpen moeten veilig zijn") and claims of weight ("X is daarbij belangrijk") with no
  agent of their own are the speaker's too, as are priorities counted or listed ("Een
  aantal speerpunten zijn: …").
  A run-in list, as news pages sum up an agreement ("Een greep uit de plannen: …; …; …"),
  is read item by item: each item has its own subject and cue, or continues its lead's
  claim when it has neither ("De opgaven zijn: duurzaamheid; de Omgevingswet; …").

Which themes: those the claim is about (gemeentegraaf.extract.theme_roles): in an
enumeration, the listed things and not the words that qualify them; a theme only in a
subordinate clause gives way to the main clause's, or counts with less confidence when the
main clause names none. No theme comes from a name: parties, persons' name tails, places,
names written as one word with a capital inside ("WijkNU"), a news dateline in capitals
("WIJK BIJ DUURSTEDE De gemeente …"), budget reserves and committees ("de reserve
WMO/Jeugd", "de commissie Zorg en Welzijn"), a budget named with its years ("in de
programmabegroting 2018 – 2022") and a place-kind word before a name ("de wijk Bospolder")
are blanked before themes are matched, and so are places that say where rather than what:
being near or visible in them ("zichtbaar in dorpen en wijken"), place kinds joined by "of"
("stad, dorp of straat"), the speaker called a village ("ons dorp", "krijgt het dorp te
maken met"), and the partners the speaker talks with about something ("in gesprek met
ondernemingen … over deelname"). The three decentralised tasks named together ("de Wmo,
Jeugdzorg en Participatiewet") are the decentralisations, their Participatiewet no
re-integration. Involving residents or places
(in either order: "worden ook inwoners betrokken"), working together with residents or the
community ("samen met onze gemeenschap"), standing close to residents, talking with them,
deciding or thinking along is citizen participation, and involving them is acting; working
"samen met inwoners" on a theme the sentence names is how that work is done, and only that
theme counts; everyone taking part ("dat iedereen kan meedoen") is inclusion; a deficit
with no object ("grote tekorten verwacht") is the municipal finances. A bare heading with
no cue that rests on an everyday word ("Samenwerking") claims nothing. A word with an everyday sense
("onderlinge samenwerking") gives way to the theme its section heading names
("Sociaal Domein").

Negation is scoped: a theme after "niet", "geen" or "niets" in the same clause gets a
negated fact (gg:ontkend true) and no positive one ("In X en Y staat niets over
schulden"); a theme before it stays positive ("zorgt ervoor dat kleine schulden niet
uitgroeien"). A negation that asserts a problem ("zijn zeker niet van tafel", "niet de
enige gemeente die", "daarmee zijn we er niet") is no negation.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.actors import (
    Actor,
    clauses,
    just_before,
    municipality_actors,
    quoted_spans,
)
from gemeentegraaf.extract.cue_verbs import verb_cues
from gemeentegraaf.extract.framework import DocumentContext, Sentence, register
from gemeentegraaf.extract.municipal import add_challenge
from gemeentegraaf.extract.phrase_themes import (
    LESS_MONEY,
    WHOLE_PHRASES,
    building_hits,
    enumerated_items,
    phrase_hits,
    predicate_adjectives,
    with_named_governments,
)
from gemeentegraaf.extract.roles import ATTRIBUTION, COMMITTEE, FUNDED, INITIATIVE, PERSON
from gemeentegraaf.extract.theme_roles import SUBORDINATE_FACTOR, claim_hits
from gemeentegraaf.text.segment import Document
from gemeentegraaf.text.themes import ThemeHit, ThemeScheme, decisive_concepts, strong_concepts
from rdflib import URIRef

_I = re.IGNORECASE

# Themes named as themes ("thema's als klimaat en wonen", "kent vier thema's: …", "Thema's
# die veel aandacht krijgen zijn …", "het thema Wonen", "de thema's Sociaal domein en
# Duurzaamheid", "de thema's duurzaamheid, wonen en financiën": the plural lists the
# speaker's themes, the singular names one with a capital, not "op een avond over het thema
# armoede"): a claim, and one with no agent (_IMPERSONAL) when the sentence names none.
_THEMES_NAMED = (
    r"\bthema['’]?s? (?:als|zoals)\b|\bthema['’]?s?\s*:"
    r"|^\s*(?:\w+\s+)?thema['’]?s\b[^.]{0,80}?\b(?:zijn|waren)\b"
    r"|\b(?:de|deze|onze|twee|drie|vier|vijf|zes) thema['’]s\b|\bhet thema (?-i:[A-Z])"
)
# The aim as a noun: "Inzet van het college is om Putten beter bereikbaar te maken", "onze
# inzet blijft gericht op"
_AIM_AS_NOUN = r"\binzet (?:van (?:\w+ ){1,3}?)?(?:is|blijft|was) (?:om|dat|gericht)\b"
# What is at stake ("Het gaat ook om dienstverlening", "Daarbij gaat het om …"), not a sum
# ("Het gaat om een bedrag van …")
_AT_STAKE = (
    r"\b(?:gaat het|het gaat) (?:\w+ ){0,3}?om\b"
    r"(?!\s+(?:een\s+)?(?:bedrag|totaal|som|miljoen|euro|\d))"
)

# What can be a burden when it rises or falls ("de kosten stijgen", "het aantal
# bijstandsgerechtigden stijgt", "de zorgvraag daalt niet"): a trend in the present is a
# problem only of such a subject ("De werkloosheid daalt" is good news).
_BURDEN = (
    r"(?:kosten|uitgaven|lasten|tekort\w*|vraag|zorgvraag|aantal|druk|prijzen|tarieven|ozb"
    r"|belasting\w*|huren|armoede|schulden|wachtlijst\w*|wachttijd\w*|overlast|criminaliteit)"
)
# What something may cause that is a problem ("kan voor extra armoede zorgen").
_PROBLEM_NOUN = (
    r"(?:armoede|tekort(?:en)?|overlast|druk|problemen|probleem|kosten|schulden|onrust"
    r"|vertraging|risico['’]?s|achterstand(?:en)?|eenzaamheid|leegstand|uitval|wachtlijsten"
    r"|spanning(?:en)?)"
)

# The kinds of document in which a municipality sets out its programme.
_OWN_PROGRAMME = (
    r"(?:coalitie|college|raads|bestuurs|hoofdlijnen|uitvoerings|werk)?(?:akkoord|programma)"
)

# Cue → relation; the first that matches decides. Each alternative is tested word by word
# in tests/test_self_reports.py. The cue verbs are not written here form by form: each is
# one row of gemeentegraaf.extract.cue_verbs.CUE_VERBS, whose forms (inflected, and split
# for a separable verb) are joined into its relation's pattern by `verb_cues`
# (tests/test_self_reports_tenth_set.py).
# A word that does not open another clause (in a cue's span across a comma).
# ("en" and "of" may join nouns: "de lasten van de Jeugdzorg en Wmo stegen")
_NOT_A_CONJUNCTION = r"(?!(?:maar|zodat|terwijl|want|omdat|dus|doordat)\b)"

# Worry, not care: "Ook daarover bestaat brede zorg, …", "er is grote zorg over de
# tekorten", "zorg om de leefbaarheid", a worry shared ("wordt die zorg breed gedeeld").
# Care is "zorg voor", "zorg nodig", "zorg in de wijk beschikbaar": a worry ends its clause
# or says what it is about. A cue of a problem (CUES), and the word is no theme (`_masked`).
_WORRY = (
    r"\b(?:bestaat|bestaan|is|heerst)\s+(?:er\s+)?(?:\w+\s+)?(?:brede|grote|veel|ernstige)\s+"
    r"(?P<worry>zorg)(?=\s*(?:[,.;:!?]|$)|\s+(?:over|om|bij|onder)\b)"
    r"|\b(?P<about>zorg)\s+(?:over|om)\b"
    # "De tekorten voor de Jeugdwet blijven een bron van zorg"
    r"|\bbron\s+van\s+(?P<source>zorg(?:en)?)\b"
    r"|\b(?P<shared>zorg)\W{0,2}\s+(?:[\w']+\s+){0,3}?(?:gedeeld|delen|deelt)\b"
)

# An amount of money: "veertigduizend euro", "2 miljoen euro", "€ 200.000", "een ton" (the
# thousands' dots read as spaces: relation_of).
_MONEY = (
    r"(?:€\s?[\d.,]+(?:\s\d{3})*(?:\s+(?:miljoen|duizend))?|(?:[\d.,]+(?:\s\d{3})*|\w+)\s+"
    r"(?:euro|miljoen(?:\s+euro)?|ton)|\w*duizend\s+euro)"
)
# A time given over to something: "Het komende jaar zal in het teken staan van het nieuwe
# bestemmingsplan", "Dit jaar staat in het teken van de energietransitie", "De
# bestuursperiode staat in het teken van …" (a time, not an event: "De bijeenkomst staat
# in het teken van de Omgevingswet"; not a past year: "2020 stond in het teken van corona").
_TIME = (
    r"(?:jaar|jaren|periode|bestuursperiode|raadsperiode|collegeperiode|begrotingsjaar"
    r"|tijd|\d{4})"
)
_TIME_GIVEN_OVER = (
    rf"\b{_TIME}\s+(?:[\w-]+\s+){{0,4}}?(?:zal|zullen|staat|staan)\s+(?:\w+\s+){{0,4}}?"
    r"in\s+het\s+teken\s+(?:\w+\s+)?(?:staan\s+|staat\s+)?van\b"
)
# On the agenda ("staat in 2006 de verzelfstandiging van het college op de agenda",
# "zetten we armoede op de agenda"); not a meeting's agenda ("In de raadsvergadering van
# maart staat de begroting op de agenda"), nor off it ("niet", "nergens": see
# _DENIED_PRIORITY).
_ON_THE_AGENDA = (
    r"^(?!.*\b(?:\w*vergadering\w*|bijeenkomst\w*|commissie\w*|sessie\w*|overleg)\b)"
    r".*?\b(?:staat|staan|komt|komen|zet|zetten|plaatst|plaatsen)\s+"
    r"(?:(?!niet\b|nergens\b)[\w-]+\s+){0,8}?op\s+de\s+(?:politieke\s+|bestuurlijke\s+)?agenda\b"
)

# Patterns that give a claim's relation (CUES) and, with no agent named, its speaker
# (_IMPERSONAL) alike:
# money meant for something ("Dit budget is o.a. bedoeld voor de aanpak van …"; not "niet
# bedoeld voor")
_MONEY_MEANT_FOR = (
    r"\b(?:budget|bedrag|geld|middelen)\s+(?:is|zijn|wordt|worden)\s+"
    r"(?:(?!niet\b|geen\b)[\w.]+\s+){0,2}?(?:bedoeld|bestemd|gereserveerd)\s+voor\b"
)
# principles listed as the speaker's ("Uitgangspunten voor de coalitiepartijen zijn een
# sluitende begroting en …"; not another government's, nor principles reported as set:
# "De uitgangspunten voor de woningbouw zijn in 2019 vastgesteld")
_PRINCIPLES_LISTED = (
    r"^\s*(?:\w+ ){0,3}?uitgangspunten"
    r"(?: (?!(?:oppositie|provincie|rijk|kabinet|regering|minister)\b)\w+){0,3}? (?:zijn|waren)\b"
    r"(?!\s+(?:in\s+\d{4}\s+)?(?:\w+\s+)?(?:vastgesteld|opgesteld|besproken|gewijzigd"
    r"|bepaald|herzien)\b)"
)
# action points listed, with what the college has on its list between ("Actiepunten die het
# college het komend jaar op het programma heeft staan, zijn onder meer …")
_ACTION_POINTS = r"^\s*(?:\w+ ){0,2}?actiepunten\b(?:[^.;:]{0,150}?,)? (?:zijn|waren)\b"
# attention received, whatever gets it ("Ook krijgen het onderhoud van de stranden, het
# museum en de haven extra aandacht"); not attention from another government or from the
# press ("krijgt van de provincie aandacht", "krijgt in de landelijke kranten veel aandacht")
_ATTENTION_RECEIVED = (
    r"\b(?:krijgt|krijgen|verdient|verdienen)\s+"
    r"(?![^.;]{0,200}?\b(?:pers|media|kranten|krant|omroep|televisie|tv)\b)"
    r"(?:(?!van\s+(?:de\s+|het\s+)?(?:provincie|rijk|kabinet|minister|regering|oppositie)\b"
    r"|bij\b)[\w-]+,?\s+){0,12}?(?:veel|extra|meer|bijzondere|speciale|volop|nadrukkelijk"
    r"|nadrukkelijke|alle)\s+aandacht\b"
)

CUES: tuple[tuple[re.Pattern[str], URIRef], ...] = (
    (
        re.compile(
            r"\b(?:heeft|hebben) te maken met\b"
            # the verb first: "Daarnaast hebben we te maken met een recessie", "heeft de
            # gemeente ook te maken gehad met"
            r"|\b(?:heeft|hebben|had|hadden)\s+(?:(?!niets\b|niks\b|weinig\b|geen\b|niet\b)\w+\s+){1,3}?"
            r"te\s+maken\s+(?:gehad\s+|gekregen\s+)?met\b"
            # a big item of expenditure: "Eén van de grote kostenposten is jeugdzorg"
            r"|\b(?:grote|grootste|forse|zware|belangrijke|belangrijkste|stijgende)\s+"
            r"kostenpost(?:en)?\b"
            # in the red, unless the speaker steps in: "Zonder ingrijpen duikt Dronten de rode
            # cijfers in", "een extra financieel nadeel van 10 miljoen"
            r"|\brode\s+cijfers\b|\bzonder\s+(?:extra\s+)?(?:ingrijpen|maatregelen)\b"
            r"|\b(?:financieel|financiële|extra|structureel|structurele|incidenteel|incidentele)"
            r"\s+nadeel\b"
            # what cannot be avoided: "Een verhoging van de ozb is hierbij onvermijdelijk"
            r"|\bonvermijdelijk\w*"
            # issues it brings: "10 kernen, die deels ook andere vraagstukken met zich
            # meebrengen"
            r"|\bvraagstuk(?:ken)?\b"
            # pressing, heavier, little room: "de nijpende gemeentefinanciën", "een verzwaring
            # van verantwoordelijkheden", "biedt weinig ruimte voor nieuwe ambities"
            r"|\bnijpend\w*|\bverzwaring\b"
            # what is still unclear: "Nog steeds is onduidelijk wat de effecten van corona
            # zijn", "de grote onzekerheid over de impact"
            r"|\bonduidelijk\b|\bonzekerhe(?:id|den)\b"
            # what leaves its marks or weighs in: "laat de coronacrisis nog haar sporen na", "de
            # oorlog heeft impact op de economie"
            r"|\bla(?:at|ten|tten)\s+(?:[\w-]+\s+){0,5}?sporen\s+na\b|\bsporen\s+(?:\w+\s+)?nalaten\b"
            # (not a good influence, "een positieve invloed op de gezondheid", nor residents'
            # say: "Inwoners hebben invloed op de inrichting van hun wijk")
            r"|(?<!inwoners\s)(?<!bewoners\s)(?<!burgers\s)\b(?:heeft|hebben|had|hadden)\s+"
            r"(?:(?!positieve\b|gunstige\b|goede\b)\w+\s+){0,3}?(?:grote\s+|veel\s+|forse\s+)?"
            r"(?:impact|invloed)\s+op\b"
            r"|\b(?:weinig|nauwelijks|beperkte|minder)\s+(?:financiële\s+)?ruimte\b"
            # a population ageing or shrinking: "Baarle-Nassau is een vergrijzende gemeente"
            r"|\b(?:vergrijzende|krimpende|ontgroenende)\b"
            # a population trend of a size: "kent de gemeente een dubbele vergrijzing: er wonen
            # relatief veel ouderen"
            r"|\b(?:sterke|forse|snelle|dubbele|toenemende|versnelde)\s+(?:vergrijzing|krimp"
            r"|bevolkingsdaling|ontgroening)\b"
            # a population that declines: "Ten eerste daalt de omvang van de bevolking", "het
            # aantal inwoners neemt af"
            r"|\b(?:daalt|dalen|krimpt|slinkt)\s+(?:de\s+|het\s+)?(?:omvang|bevolking|inwonertal"
            r"|aantal\s+inwoners)\b(?!\s+(?:met|die|dat|zonder|onder|op|in\s+armoede)\b)"
            r"|\b(?:bevolking|inwonertal|aantal\s+inwoners)\s+(?:(?:van|in)\s+[\w-]+\s+)?(?:daalt|krimpt"
            r"|slinkt|neemt\s+(?:verder\s+|sterk\s+|fors\s+)?af)\b"
            # a weight or a worry the speaker carries: "Een blok aan het been van Hilvarenbeek
            # is …", "een hoofdpijndossier", "de pijnpunten" (not one no longer: "is niet
            # langer een blok aan het been", "geen hoofdpijndossier meer")
            r"|(?<!geen\s)(?<!langer\seen\s)(?<!meer\seen\s)(?:\bblok\s+aan\s+(?:het|ons)\s+been\b"
            r"|\bhoofdpijndossier\w*|\bpijnpunt(?:en)?\b)"
            # put off or put on edge: "worden niet op de lange baan geschoven" (a negation that
            # asserts: _AFFIRMING_NEGATION), "de verhoudingen zijn op scherp komen te staan"
            r"|\bniet\s+(?:\w+\s+)?op\s+de\s+lange\s+baan\b"
            r"|\bop\s+scherp\s+(?:\w+\s+){0,2}?(?:staan|gezet|zetten|komen)\b"
            # heavy consequences, very hard: "heeft vergaande financiële gevolgen voor onze
            # begroting", "maakte het erg moeilijk om"
            r"|\b(?:grote|vergaande|verstrekkende|forse|ernstige|flinke|negatieve|nadelige)\s+"
            r"(?:financiële\s+)?gevolgen\b"
            r"|\b(?:erg|zeer|heel|bijzonder|extra|buitengewoon)\s+(?:moeilijk|lastig)\b"
            # what falls short of the demands: "Zwembad De Alk voldoet niet meer aan de eisen
            # van deze tijd" (a negation that asserts the problem: _AFFIRMING_NEGATION)
            r"|\bvoldo(?:et|en|ede|eden)\s+(?:[\w-]+\s+){0,3}?niet\s+(?:meer\s+|langer\s+)?aan\b"
            r"|\bte maken (?:hebben|heeft|krijgen|krijgt) met\b"
            r"|\bsta(?:at|an) (?:de komende jaren |nog |ook )?voor (?:de|een|het|grote|forse)\b"
            r"|\btekort(?:en)? (?:aan|van|op|in|bij)\b"
            # (a compound's tail found where it ends, "woningbouwopgave", "woningnood",
            # "Personeelstekort": with \w+ before it, every letter of a very long word would
            # start a new try)
            # (not the index: "Inhoudsopgave")
            r"|tekort(?:en)?\b|(?<!inhouds)opgave[n]?\b|\buitdaging(?:en)?\b|\bzorgen (?:over|om)\b"
            r"|\bproblemen\b|problematiek\b|\bknelpunt(?:en)?\b|\bonder druk\b"
            r"|\bwachtlijst(?:en)?\b|\bachterstand(?:en)?\b|nood\b|\btekortschiet"
            # what affects the speaker or all its residents: "De oorlog in Oekraïne, de
            # stikstofcrisis en de stijgende energieprijzen raken ons allemaal", "raken ook
            # onze inwoners", "raken iedere Wassenaarder", "raken onze ondernemers hard" (not
            # what moves us, "Het werk van onze mantelzorgers raakt ons", nor a denial: "raken
            # ons niet")
            r"|\br(?:aakt|aken|aakte|aakten)\s+(?:"
            r"(?:ook|eveneens)\s+(?:ons|onze\s+\w+|iedere\s+\w+|alle\s+\w+|(?-i:[A-Z])\w+)"
            r"|(?:ons|onze\s+\w+)\s+(?:allemaal|allen|hard|direct|rechtstreeks|zwaar|flink)"
            r"|iedere\s+(?-i:[A-Z])\w+|iedere\s+inwoner|alle\s+inwoners)\b(?!\s+niet\b)"
            # a cut: "Ook in voorzieningen voor gehandicapten wordt flink het mes gezet"
            r"|\bhet\s+mes\s+(?:\w+\s+){0,2}?(?:gezet|zetten|zet)\b"
            r"|\b(?:zet|zetten|wordt|worden)\s+(?:\w+\s+){0,3}?het\s+mes\s+(?:erin|in)\b"
            # short supply of what the municipality needs: "de krapper wordende
            # arbeidsmarkt", "een krappe woningmarkt" (not "gezinnen met een krappe beurs", "een
            # krappe meerderheid"; the noun "krapte" is the theme's own word: "inspelen op de
            # krapte" remedies it)
            r"|\bkrap(?:pe|per|pere)\s+(?:wordende\s+)?(?:arbeidsmarkt|woningmarkt|markt"
            r"|begroting|budget\w*|middelen|financiën|personeelsmarkt)\b"
            r"|\bnegatie(?:f|ve) saldo\b|\bbezuinig\w*|\boverschrijding\w*"
            r"|\bvoorbereid(?:en|t)? (?:zijn )?op\b"
            # demand to meet: "Binnen vijf jaar is er vraag naar 90 plaatsen", "Er is veel vraag
            # naar woningen", "Er ontstaat vraag naar …", "De vraag naar zorg neemt de komende
            # jaren flink toe"
            r"|\b(?:is|komt|ontstaat|groeit|bestaat)\s+(?:er\s+)?(?:\w+\s+){0,2}?vraag\s+naar\b"
            r"|\bvraag\s+naar\s+(?:[\w-]+\s+){1,6}?(?:neemt\s+(?:[\w-]+\s+){0,4}?toe|stijgt|groeit)\b"
            # concern: "Ook daarover bestaat brede zorg", "er is grote zorg over"
            rf"|{_WORRY}"
            # less money for a field, a cut: "Naar schoolbegeleiding gaat veertigduizend euro
            # minder", "Er gaat dit jaar 2 miljoen euro minder naar de jeugdzorg" (money that
            # goes to the field; not savings: "gaat ons 2 miljoen euro minder kosten", "gaat 10
            # procent minder afval naar de oven")
            rf"|\bnaar\s+[^.;:]{{1,60}}?\b(?:gaat|gaan)\s+(?:er\s+)?(?:\w+\s+){{0,2}}?{_MONEY}\s+minder\b"
            rf"|\b(?:gaat|gaan)\s+(?:er\s+)?(?:\w+\s+){{0,2}}?{_MONEY}\s+minder\s+naar\b"
            # work still to do: "hebben we op het thema bestaanszekerheid nog genoeg te doen",
            # "er is nog veel werk te doen", "er is nog werk aan de winkel" (not something to
            # do for visitors: "In onze musea is nog veel te doen voor kinderen")
            r"|\b(?:hebben|heeft|hebt|ligt|liggen)\s+(?:[\w-]+\s+){0,8}?nog\s+(?:veel|genoeg|heel\s+wat"
            r"|een\s+hoop|flink\s+wat)\s+(?:werk\s+)?te\s+doen\b"
            r"|\bnog\s+(?:veel|genoeg|heel\s+wat|een\s+hoop|flink\s+wat)\s+werk\s+(?:te\s+doen|te\s+verzetten)\b"
            r"|\bnog\s+(?:veel|genoeg|heel\s+wat|een\s+hoop|flink\s+wat)\s+te\s+doen\s+(?:aan|om)\b"
            r"|\bwerk\s+aan\s+de\s+winkel\b"
            # a population that changes: "de samenstelling ervan verandert", "vergrijst"
            r"|\bverandert\b"
            r"|\bmeer (?:geld )?(?:moet(?:en)? )?uit(?:geven|gegeven)\b"
            r"[^.]{0,60}\bdan (?:was )?begroot\b"
            # more spent than planned, costs out of hand: "zijn we meer geld kwijt dan
            # begroot", "duurder dan geraamd", "de kosten rijzen de pan uit"
            r"|\b(?:duurder|(?:meer|hogere?)\s+(?:\w+\s+){0,2}?(?:geld|kosten|uitgaven|kwijt"
            r"|uitgegeven))\b[^.]{0,40}?\bdan (?:was )?(?:begroot|geraamd|gepland)\b"
            r"|\b(?:rijzen|rijst|rezen|rees|gerezen) (?:\w+ ){0,2}?de pan uit\b"
            # what can no longer be taken for granted: "Een sluitende begroting is geen
            # vanzelfsprekendheid meer", "is niet langer vanzelfsprekend"
            r"|\bgeen vanzelfsprekendheid\b|\bniet (?:langer |meer )?vanzelfsprekend\b"
            # new tasks handed down: "de gemeente krijgt veel nieuwe taken"
            r"|\bgemeenten? (?:\w+ ){0,3}?kr(?:ijgt|ijgen|eeg|egen) (?:\w+ ){0,2}?"
            r"(?:nieuwe|extra) taken\b"
            # the biggest worry: "De grootste zorg blijven de kosten van de jeugdzorg"
            r"|\b(?:grootste|grote|belangrijkste|eerste)\s+zorg(?:en)?\b"
            # bills that cannot be paid: "kunnen hun energierekening niet meer betalen"
            r"|\bniet (?:meer |langer )?(?:kunnen |kan )?betalen\b"
            # less money: "moet het doen met minder geld van het Rijk", "30 miljoen minder
            # inkomsten"
            rf"|{LESS_MONEY}"
            # what something may cause: "kan voor nieuwe of extra armoede zorgen" (not a
            # promise, "zal voor voldoende woningen zorgen", nor a good, "voor meer bezoekers")
            r"|\b(?:kan|kunnen)\s+(?:\w+\s+){0,3}?voor\s+(?:[^\W\d_]+\s+){0,4}?"
            rf"{_PROBLEM_NOUN}\s+zorgen\b"
            # what weighs on the municipality: "zullen een stempel drukken op het takenpakket"
            r"|\bstempel (?:\w+ ){0,2}(?:drukken|drukt|drukte) op\b"
            # what calls for an answer: "vragen om oplossingen", "vraagt om keuzes"
            r"|\bvra(?:agt|gen) (?:\w+ ){0,2}?om (?:\w+ ){0,2}?(?:oplossing(?:en)?|actie|keuzes"
            r"|maatregelen|aanpak|versnelling|investering(?:en)?|aandacht|inzet|inspanning(?:en)?)\b"
            # money that falls short: "het budget is onvoldoende toereikend", "ontoereikend",
            # "het wordt krap met het geld", "zit financieel in zwaar weer"
            r"|\bontoereikend\w*|\b(?:onvoldoende|niet) (?:\w+ ){0,2}?toereikend\w*"
            r"|\b(?:wordt|is|blijft|worden|zijn|blijven) (?:\w+ ){0,2}?krap\b|\bzwaar weer\b"
            # costs that rise or weigh: "de kosten voor jeugdzorg zijn verdubbeld", "de
            # kostenstijging drukt op de begroting", "door de hogere kosten voor de Wmo",
            # "drukt vooral de jeugdzorg flink op het budget"
            # (an aside between two commas may stand before the verb: "de uitgaven voor de
            # Wmo, zoals huishoudelijke hulp, lopen op"; a comma that opens another clause
            # ends it: "de kosten blijven gelijk, maar de inkomsten stijgen")
            r"|kostenstijging"
            rf"|\b(?:kosten|lasten|uitgaven)\b(?: {_NOT_A_CONJUNCTION}[\w-]+){{0,10}}?"
            rf"(?:,(?: {_NOT_A_CONJUNCTION}[\w-]+){{1,8}},(?: [\w-]+){{0,3}}?)? "
            r"(?:stijgen|stijgt|stegen|steeg|gestegen|verdubbeld|verdubbelen|lopen op|liepen op"
            r"|oplopen|opgelopen"
            r"|nemen toe|namen toe|toegenomen)\b"
            r"|\b(?:hoge|hogere|stijgende|oplopende) (?:\w+ )?(?:kosten|uitgaven)\b"
            # money needed or budgeted on top: "de extra benodigde middelen voor jeugdzorg",
            # "raamt de gemeente bij voor jeugdzorg, Wmo en Participatiewet"
            r"|\b(?:extra\s+)?benodigde\s+(?:middelen|gelden|geld|budget\w*)\b"
            r"|\bra(?:amt|men|amde|amden)\s+(?:\w+\s+){0,3}?bij\b|\bbijgeraamd\b|\bbij\s+te\s+ramen\b"
            # the verb first: "Tegelijkertijd stijgen de kosten in het sociaal domein", "lopen
            # de uitgaven voor de Wmo op"
            r"|\b(?:stijgen|stijgt|stegen|steeg)\s+(?:ook\s+|dus\s+|nog\s+)?(?:de|onze)\s+"
            r"(?:\w+\s+)?(?:kosten|lasten|uitgaven)\b"
            # (not "nemen de kosten … op in de begroting": to include them)
            r"|\b(?:lopen|liepen)\s+(?:ook\s+|dus\s+|nog\s+)?(?:de|onze)\s+(?:\w+\s+)?"
            r"(?:kosten|lasten|uitgaven)\s+(?:[\w-]+\s+){0,6}?op\b"
            r"|\b(?:nemen|namen)\s+(?:ook\s+|dus\s+|nog\s+)?(?:de|onze)\s+(?:\w+\s+)?"
            r"(?:kosten|lasten|uitgaven)\s+(?:[\w-]+\s+){0,6}?toe\b"
            # what takes years of effort: "Het vereist nog jaren inspanning om de werkloosheid
            # te keren"
            r"|\bvereis(?:t|en|te|ten)\s+(?:\w+\s+){0,3}?(?:inspanning(?:en)?|investering(?:en)?"
            r"|maatregelen|ingrijpen)\b"
            # what troubles the speaker: "de kosten van de jeugdzorg spelen de gemeente parten"
            r"|\b(?:speelt|spelen|speelde|speelden) (?:\w+ ){0,4}?parten\b"
            # what needs a solution is a problem: "moeten we oplossingen bedenken voor de
            # woonbehoefte", "een oplossing zoeken voor het parkeren"
            r"|\boplossing(?:en)? (?:\w+ ){0,2}?voor\b"
            r"|\bdruk(?:t|ken|te|ten) (?:\w+ ){0,4}?op (?:de|het|ons|onze|haar|hun) (?:\w+ )?"
            r"(?:begroting|financi\w+|budget\w*)"
            # an obstacle: "staat economische ontwikkeling in de weg"
            r"|\bsta(?:at|an|ond|onden) (?:\w+ ){0,4}?in de weg\b"
            # what residents feel: "Mensen voelen zich onveilig in hun eigen wijk"
            r"|\bvoel(?:t|en|de|den) zich (?:\w+ ){0,2}?(?:onveilig|eenzaam|niet (?:veilig|gehoord"
            r"|thuis|welkom))\b"
            # savings to be found: "twee miljoen besparen op het personeel"
            r"|\bbesparing(?:en)?\b"
            # consequences still felt: "De gevolgen van de recessie blijven nog wel een tijd
            # merkbaar"
            r"|(?<!positieve\s)(?<!gunstige\s)(?<!goede\s)\bgevolgen\s+(?:\w+\s+){0,4}?"
            r"(?:blijven|zijn|worden|blijft|is|wordt)\s+(?:\w+\s+){0,4}?"
            r"(?:merkbaar|voelbaar|groot|ingrijpend)\b"
            # what causes a problem: "De extra uitgaven door de coronacrisis zijn één van de
            # oorzaken van deze situatie"
            r"|\boorza(?:ak|ken) (?:van|voor) (?:het|de|dit|deze|ons|onze) (?:\w+ )?"
            r"(?:tekort\w*|problem\w*|situatie|stijging|daling|achterstand\w*|druk|crisis"
            r"|overlast|kosten)\b"
            # scarce means claimed by many: "doen allemaal een beroep op de beschikbare ruimte"
            r"|\bberoep (?:\w+ ){0,2}?op (?:de |het |onze |ons )?"
            r"(?:beschikbare |schaarse |beperkte )?"
            r"(?:ruimte|capaciteit|middelen|budget\w*|financi\w+)\b"
            # too much or too many: "Te veel mensen voelen zich eenzaam"; too few: "Er zijn
            # niet genoeg huizen", "Bedrijven hebben te weinig personeel"
            r"|\bte ?veel\b|\bte weinig\b(?! (?:bekend|zicht|inzicht)\b)|\bniet (?:\w+ )?genoeg\b"
            # what grows or weighs: "de groeiende ongelijkheid", "een toenemende zorgvraag",
            # "het aantal mensen dat zorg nodig heeft is verdubbeld", "legt een groot beslag
            # op de capaciteit", "de druk op de woningmarkt"
            r"|\b(?:groeiende|toenemende)\b|\b(?:is|zijn) (?:\w+ ){0,3}?(?:verdubbeld"
            r"|verdrievoudigd|gestegen|toegenomen)\b|\bbeslag op\b|\bdruk op (?:de|het)\b"
            # what is lacking or disappoints: "het ontbreken van voldoende geld", "het
            # ontbreekt aan", "valt de opbrengst van de verkoop van grond tegen"
            r"|\bontbrekt\b|\bv(?:alt|allen|iel|ielen) (?:\S+ ){0,8}?tegen\b"
            # hard choices ahead: "moeten moeilijke keuzes worden gemaakt", "pijnlijke keuzes"
            r"|\b(?:moeilijke|pijnlijke|lastige|harde|zware) (?:\w+ )?keuzes?\b"
            # what is hard to bear or to speak of: "het is niet makkelijk om rond te komen",
            # "er rust een taboe op armoede"
            r"|\b(?:is|wordt|zijn|worden) (?:\w+ ){0,2}?niet (?:zo |altijd )?(?:makkelijk"
            r"|gemakkelijk|eenvoudig)\b|\brust(?:en)? (?:\w+ ){0,3}?taboe\b"
            # what is hard to do or late: "hebben we moeite om vacatures te vullen" (not
            # "we doen moeite om": an effort), "lopen vergunningsaanvragen vertraging op",
            # "vertraging in de woningbouw"
            r"|\b(?:heb|hebt|heeft|hebben|had|hadden|kost|kosten|kostte)\s+(?:\w+\s+){0,3}?"
            r"(?:grote\s+|veel\s+)?moeite\s+(?:om|met)\b"
            r"|\b(?:loopt|lopen|liep|liepen)\s+(?:\w+\s+){0,4}?vertraging\s+op\b"
            r"|\bvertraging\s+(?:opgelopen|oplopen)\b|\bvertraging(?:en)?\s+(?:in|bij)\s+de\b"
            # people who leave a place: "Jonge mensen vertrekken uit onze dorpen", "jongeren
            # verlaten de regio", "het wegtrekken van jongeren" (not leaving school or work,
            # nor a bus or traffic that pulls away)
            r"|\b(?:jongeren|jonge\s+mensen|inwoners|gezinnen|starters|ouderen)\s+(?:\w+\s+){0,2}?"
            r"(?:vertrekken|vertrokken|trekken\s+weg|verlaten)\s+(?:\w+\s+){0,2}?(?:uit\s+)?"
            r"(?:de|het|onze|ons)\s+(?:\w+\s+)?(?:dorp|dorpen|gemeente|stad|regio|kern|kernen"
            r"|eiland|provincie|platteland)\b"
            r"|\bwegtrekken\s+van\s+(?:de\s+)?(?:jongeren|jonge|inwoners|gezinnen|starters)\b"
            # the cue verbs' forms (gemeentegraaf.extract.cue_verbs): "kampt met", "krimpt"
            rf"|{verb_cues(GG.StaatVoor)}",
            _I,
        ),
        GG.StaatVoor,
    ),
    (
        re.compile(
            # the cue verbs' forms (gemeentegraaf.extract.cue_verbs): "werken we aan", "werken
            # wij door, voor en met mensen aan", "meewerken aan", "pakt … aan", "voert … uit",
            # "investeert", "bouwt", "realiseert", "ondersteunt", "ontwikkelt"
            rf"{verb_cues(GG.Onderneemt)}"
            # a rate or limit the speaker raises or lowers: "We verhogen de armoedegrens",
            # "verlaagt het college de ozb" (not "De inflatie verlaagt de koopkracht")
            # working together with the partner first: "We werken met de buurgemeenten samen"
            r"|\bwerk(?:t|en)\s+(?:\w+\s+){0,3}?met\s+(?:[\w-]+\s+){1,5}?samen\b"
            r"|\b(?:we|wij|het college|de gemeente|de raad)\s+(?:\w+\s+){0,2}?(?:verhogen|verhoogt"
            r"|verlagen|verlaagt)\b"
            r"|\b(?:verhogen|verhoogt|verlagen|verlaagt)\s+(?:we|wij|het college|de gemeente)\b"
            # examined: "onderzoeken we waar ruimte is voor vergroening", "wordt onderzocht"
            # (not the plural noun: "uit onderzoeken blijkt")
            r"|\bonderzoek(?:t|en) (?:we|wij|het college|de gemeente)\b"
            r"|\b(?:we|wij) (?:\w+ ){0,2}?onderzoeken\b"
            r"|\b(?:wordt|worden|werd) (?:\w+ ){0,3}?onderzocht\b"
            r"|\bgaan (?:\w+ ){0,3}?onderzoeken\b"
            # examined: "De organisatie wordt doorgelicht"
            r"|\bdoor(?:gelicht|lichten|lichting)\b"
            r"|\binvestering(?:en)?\b|\bis gestart\b"
            rf"|{_MONEY_MEANT_FOR}"
            r"|\bactieplan\b|\bmaatregelen\b"
            r"|\bgaan (?:we|wij)\b|\b(?:we|wij) gaan\b|\bgaat (?:de gemeente|het college)\b"
            # involving others: "betrekken we de wijken bij het onderhoud"
            r"|\bbetrek(?:t|ken)\b[^.]{0,60}\bbij\b"
            # comes with a plan: "komt met een actieplan", "komen met een woonvisie"
            r"|\bkom(?:t|en) (?:\w+ ){0,2}met (?:een|het|de|hun|haar)\b[^.]{0,40}?"
            r"(?:plan|aanpak|visie|agenda|voorstel|programma|nota)\w*"
            # makes a plan: "maken we een samenhangende visie", "het college maakt een plan"
            r"|\bma(?:ken|akt|akten|akte) (?:\w+ ){0,2}(?:een|het|de|ons|hun)\b[^.]{0,30}?"
            r"(?:plan|aanpak|visie|agenda|programma|nota)\w*"
            # an announcement: "Er komt een nachtbus", "Er komen meer handhavers"
            r"|^\s*[Ee]r (?:komt|komen)\b"
            # helping people into work: "500 mensen aan het werk helpen", "uit de bijstand helpen"
            r"|\b(?:aan (?:het )?werk|aan een baan|uit de bijstand|naar werk) (?:te )?helpen\b"
            # consulting: "vragen inwoners om daarop te reageren", "vragen u mee te denken"
            r"|\bvra(?:gen|agt)\b[^.]{0,60}?\b(?:mee te denken|te reageren|mee te beslissen)\b"
            # the same after an adverb, verb before "er": "Ook komt er meer geld voor …"
            r"|\b(?:komt|komen) er\b(?! (?:\w+ )?uit\b)"  # not "komen er (niet) uit"
            # money set aside: "wordt 7,5 miljoen voor uitgetrokken", "trekken 400.000 euro
            # uit", "komt 250.000 euro beschikbaar", "het fonds wordt
            # gebruikt voor" (not "actie voor meer geld": asking is not setting aside)
            r"|\buit(?:getrokken|trekken)\b|\btrek(?:t|ken)\b[^.]{0,60}\buit\b"
            r"|\bbeschikbaar (?:gesteld|gemaakt|stellen|maken)\b|\bvrijgemaakt\b"
            r"|\b(?:euro|miljoen|geld) (?:\w+ ){0,3}?beschikbaar\b"
            r"|\b(?:wordt|worden) (?:\w+ ){0,2}?gebruikt voor\b"
            # examined or tackled: "wordt onder de loep genomen", "wordt gekeken naar",
            # "op wijkniveau aangepakt", "starten we met de buurtaanpak"
            r"|\bonder de loep\b|\b(?:wordt|worden) (?:\w+ ){0,3}?gekeken naar\b"
            # planned: "Ook nieuwe fietsroutes staan in de planning", "is gepland"
            r"|\bsta(?:at|an) (?:\w+ ){0,2}?(?:in|op) de planning\b|\bgepland\b"
            r"|\bstart(?:en|t)? (?:we |wij )?(?:[^.]{0,40}?)\bmet (?:de|het|een)\b"
            # a rate or price set: "de ozb gaat omhoog", "wordt verlaagd", "worden duurder",
            # "het armoedebeleid wordt ruimer"
            r"|\b(?:omhoog|omlaag|verhoogd|verlaagd|duurder|goedkoper|ruimer|soepeler)\b"
            # a policy pursued, made or supported: "voeren we een flexibel woonbeleid",
            # "er wordt woonruimte gecreëerd", "moeten woningen worden gebouwd", "wij
            # ondersteunen de behoefte aan", "inspelen op", "de financiën op orde brengen"
            r"|\bvoer(?:t|en) (?:\w+ ){0,4}?\w*beleid\b|\b(?:ge)?creë(?:er|ren|ert|erd)\w*"
            r"|\binspelen op\b"
            # a plan drawn up: "stelt het college een dorpsvisie op", "wordt een plan opgesteld"
            r"|\bstel(?:t|len|de|den)\b[^.;:]{0,60}?\b(?:\w*plan|\w*visie|\w*agenda|\w*programma"
            r"|\w*nota)(?:nen|s|'s)?\s+op(?=\s*(?:[,.;:!?)]|$|\s+(?:en|om|zodat|waarin|waarmee|voor|met|samen)\b))"
            r"|\b(?:\w*plan|\w*visie|\w*agenda|\w*programma|\w*nota)(?:nen|s|'s)?\s+"
            r"(?:\w+\s+){0,3}?(?:opgesteld|op te stellen)\b"
            r"|\bop orde\b|\bdoor(?:ontwikkelen|ontwikkeld)\b"
            # extended, as a passive ("Het warmtenet wordt verder uitgebreid"; "uitgebreid"
            # alone is also "extensive")
            r"|\b(?:wordt|worden|werd|werden)\s+(?:\w+\s+){0,3}?uitgebreid\b"
            # consulting and agreeing: "gaat in gesprek met de scholen", "in overleg met",
            # "daar waren afspraken over gemaakt", "maakt afspraken met de corporaties"
            r"|\bin (?:gesprek|overleg|dialoog)\b"
            # (also a compound's tail: "samenwerkingsafspraken vastgelegd")
            r"|afspraken (?:\w+ ){0,3}?(?:gemaakt|maken|vastgelegd)\b|\bma(?:akt|ken) afspraken\b"
            # a start made: "maakt een begin met het aardgasvrij maken", "maken een start met"
            r"|\bma(?:akt|ken|akte|akten) (?:\w+ ){0,3}?(?:een )?(?:begin|start) met\b"
            # what is fought: "om armoede tegen te gaan", "eenzaamheid tegengaan"
            r"|\btegen te gaan\b|\btegen(?:gaan|gegaan)\b"
            # begun, made possible: "zijn wij begonnen met de voorbereidingen", "om woningbouw
            # mogelijk te maken"
            r"|\bbegonnen\s+(?:\w+\s+){0,3}?met\b|\bbegin(?:t|nen)\s+(?:\w+\s+){0,3}?met\b"
            r"|\bmogelijk\s+(?:te\s+)?maken\b"
            # money set aside, as an adjective: "de gereserveerde bedragen voor een brede school"
            r"|\bgereserveerde\s+(?:bedragen|middelen|budget\w*|gelden|geld)\b"
            # set up: "Ook is er een project opgezet voor het burgerberaad", "op te zetten"
            r"|\b(?:is|zijn|wordt|worden|werd|werden)\s+(?:\w+\s+){0,5}?opgezet\b|\bop\s+te\s+zetten\b"
            # done together: "Dat doen we samen met onze buurgemeenten"
            r"|\b(?:doe|doen|doet|deden)\s+(?:we|wij|het\s+college|de\s+gemeente)\s+(?:\w+\s+){0,2}?"
            r"samen\s+met\b"
            # doing more: "We doen meer voor de opvang van vluchtelingen", "doet het college
            # extra veel aan" (the speaker only: "inwoners doen veel aan sport")
            r"|\b(?:we|wij)\s+(?:\w+\s+)?doen\s+(?:\w+\s+)?(?:meer|extra|veel|alles)\s+"
            r"(?:\w+\s+){0,2}?(?:voor|aan|tegen|om)\b"
            r"|\b(?:doen\s+(?:we|wij)|doet\s+(?:het\s+college|de\s+gemeente))\s+(?:\w+\s+)?"
            r"(?:meer|extra|veel|alles)\s+(?:\w+\s+){0,2}?(?:voor|aan|tegen|om)\b"
            r"|\b(?:het\s+college|de\s+gemeente)\s+doet\s+(?:\w+\s+)?(?:meer|extra|veel|alles)\s+"
            r"(?:\w+\s+){0,2}?(?:voor|aan|tegen|om)\b"
            # rebuilt: "het zwembad gaat op de schop"
            r"|\bop\s+de\s+schop\b"
            # money estimated for it: "In 2008 is geld geraamd voor diverse woningbouwprojecten"
            r"|\b(?:geld|euro|miljoen|budget\w*|middelen|bedrag)\s+(?:\w+\s+){0,3}?geraamd\b"
            # shaped: "Er moet vorm en inhoud worden gegeven aan de nieuwe taken"
            r"|\bvorm\s+(?:en\s+inhoud\s+)?(?:\w+\s+){0,2}?(?:geven|gegeven|geeft)\s+aan\b"
            # money set aside or there for it: "Ook is er geld opzij gezet voor …", "legt de
            # gemeente € 1 miljoen opzij", "Niettemin is er geld voor kunstgras"
            # (money, not plans shelved: "We zetten de plannen voor het zwembad opzij"; not
            # money there is not: "Helaas is er geen geld voor een nieuw zwembad")
            r"|\b(?:geld|bedrag|budget|middelen|euro|miljoen)\s+(?:\w+\s+){0,2}?opzij\s+"
            r"(?:te\s+)?(?:gezet|zetten|gelegd|leggen)\b"
            r"|\b(?:zet|zetten|legt|leggen)\s+(?:[\w.,]+\s+){0,4}?(?:€\s*[\d.,]+|[\d.,]+\s+(?:euro"
            r"|miljoen)|geld|een\s+bedrag|budget)\s+(?:[\w.,€]+\s+){0,4}?opzij\b"
            r"|\b(?:is|zijn)\s+er\s+(?:(?!geen\b|niet\b|weinig\b|te\b)\w+\s+){0,2}?(?:geld|budget"
            r"|middelen)\s+(?:beschikbaar\s+)?voor\b"
            # examined: "wordt een onderzoek verricht naar", "doen we onderzoek naar"
            r"|\bonderzoek\s+(?:\w+\s+){0,2}?(?:verricht|verrichten|uitgevoerd|uitvoeren)\b"
            r"|\b(?:verricht|verrichten|doen|doet|laten|laat)\s+(?:\w+\s+){0,3}?onderzoek\s+"
            r"(?:\w+\s+)?naar\b"
            # looking for means: "We zoeken naar financiële instrumenten en marktpartijen"
            r"|\bzoek(?:en|t)\s+(?:we\s+|wij\s+|het\s+college\s+|de\s+gemeente\s+)?(?:actief\s+"
            r"|samen\s+)?naar\s+(?:\w+\s+){0,3}?\w*?(?:oplossing\w*|mogelijkheden|instrument\w*"
            r"|locaties|alternatieven|manieren|middelen|partners|ruimte|financiering\w*)\b"
            # brought up to standard: "brengen wij panden, wegen en groen in een goede staat
            # van onderhoud", "op peil brengen"
            r"|\bbreng(?:en|t)\s+(?:[\w-]+,?\s+){0,8}?(?:in|op)\s+(?:een\s+)?(?:\w+\s+){0,2}?"
            r"(?:staat|peil|niveau)\b|\bop\s+peil\s+(?:te\s+)?(?:brengen|houden|gebracht)\b",
            _I,
        ),
        GG.Onderneemt,
    ),
    (
        re.compile(
            r"\b\w*prioriteit(?:en)?\b"
            # made sustainable, as "verduurzamen" says: "We maken de wijken aardgasvrij", "maakt
            # de gebouwen energieneutraal"
            r"|\bma(?:ak|akt|ken|akte|akten)\s+(?:[\w-]+\s+){0,5}?(?:aardgasvrij|gasloos"
            r"|energieneutraal|energiezuinig(?:er)?|klimaatbestendig|klimaatneutraal)\b"
            # a time given over to something
            rf"|{_TIME_GIVEN_OVER}"
            # the cue verbs' forms (gemeentegraaf.extract.cue_verbs): "zet … in op", "inzetten",
            # "versterkt", "verbeterd", "stimuleert", "streeft", "zorgt ervoor dat", "koos",
            # "draagt bij aan", "behoudt", "waarborgt", "zet … voort", "doorgezet"
            rf"|{verb_cues(GG.Prioriteert)}"
            # impulses given or got: "Inwonersparticipatie krijgt een stevige impuls", "een
            # flinke impuls voor het wijkgericht werken"
            r"|\bimpuls(?:en)? voor\b"
            r"|\bimpuls(?:en)? (?:(?:\w+ ){0,3}?(?:geven|geeft|gaf|gegeven|krijgen|krijgt|kreeg))\b"
            r"|\b(?:geven|geeft|gaf|gegeven|krijgen|krijgt|kreeg) (?:\w+ ){0,3}?impuls(?:en)?\b"
            # "oog hebben voor", "zeggen oog te hebben voor"; "de kernthema's van deze coalitie"
            r"|\boog (?:te )?(?:hebben |heeft |houden )?voor\b|\b(?:kern|hoofd)thema['’]?s?\b"
            # themes named as the speaker's: "thema's als klimaat en wonen", "kent vier
            # thema's: …", "Tenslotte is het thema Wonen toegevoegd", "Op de thema's Sociaal
            # domein en Duurzaamheid"
            rf"|{_THEMES_NAMED}"
            # a course kept: "volgt de coalitie de ingezette weg", "de ingeslagen koers"
            r"|\b(?:ingezette|ingeslagen) (?:weg|koers)\b"
            # "staat hoog op de (politieke) agenda", "hoog in het vaandel", "is van groot belang"
            r"|\bhoog (?:op de (?:\w+ )?(?:agenda|lijst)|in het vaandel)\b|\bvan (?:\w+ )?belang\b"
            r"|\bbovenaan (?:de|het|onze) (?:\w+ )?(?:agenda|lijst)\b"
            # on the agenda
            rf"|{_ON_THE_AGENDA}"
            # a need stated: "Regulering van toerisme is nodig", "zijn hard nodig"
            r"|\b(?:is|zijn|blijft|blijven) (?:\w+ ){0,3}?(?:nodig|noodzakelijk)\b"
            # the same in a relative clause: "dat mensen de zorg en ondersteuning krijgen die
            # nodig is"
            r"|\b(?:die|dat) (?:(?:hard|echt|dringend|daarvoor|hiervoor) )?(?:nodig|noodzakelijk)"
            r" (?:is|zijn)\b"
            # a norm for a state: "onze binnenstad moet er tiptop uitzien", "moet betaalbaar
            # blijven"
            r"|\bmoet(?:en)? (?:er )?(?:\w+ ){0,2}?(?:uitzien|blijven|worden)\b"
            # "Dorpen moeten goed bereikbaar, veilig en duurzaam zijn"
            r"|\bmoet(?:en)? (?:(?:goed|zo|nog) )?(?:\w+,? ){1,3}?(?:en \w+ )?zijn\b"
            # the same with more words between: "Gorinchem moet op lange termijn beter
            # bereikbaar, verkeersveilig en duurzaam zijn", "moet Heerde ook een leefbare
            # gemeente zijn"
            # (also "worden": "Wel moet er voortvarend werk gemaakt worden van woningbouw",
            # though it takes in a rule for residents now and then: "Grofvuil moet door
            # inwoners zelf naar de milieustraat gebracht worden")
            r"|\bmoet(?:en)? (?:[^\W\d_][\w-]*,? ){4,9}?(?:zijn|worden|blijven)\b"
            # a need the speaker has: "dan heb je ook meer huisartsen nodig"
            # (not what was not needed: "hebben de auto niet vaak nodig gehad")
            r"|\b(?:heb|hebt|heeft|hebben) (?:(?!niet\b|geen\b)\w+ ){0,5}?nodig\b(?! gehad\b)"
            r"|\bwil(?:len)?\b|\bstreven\b|\bambitie(?:s)?\b|\bmissie\b"
            r"|\bspeerpunt(?:en)?\b|\baandachtspunt(?:en)?\b|\b(?:extra )?aandacht (?:voor|aan)\b"
            # action points and principles listed (one principle may only frame:
            # "Uitgangspunt bij de raming is …")
            rf"|{_ACTION_POINTS}|{_PRINCIPLES_LISTED}"
            # a bigger role: "zal duurzaamheid een prominentere rol krijgen"
            r"|\b(?:belangrijke|grote|grotere|centrale|cruciale|prominente|prominentere|voorname)"
            r" rol\b"
            # attention claimed: "vraagt dagelijks onze aandacht", "Ook de lokale economie
            # vraagt de komende tijd aandacht"
            r"|\bvra(?:agt|gen) (?:\w+ ){0,4}?aandacht\b"
            # attention given or received: "Er wordt veel aandacht geschonken aan de
            # Omgevingswet", "De herindeling krijgt in deze bestuursperiode veel aandacht"
            r"|\baandacht\s+(?:\w+\s+){0,2}?(?:geschonken|besteed|schenken|besteden|schenkt|besteedt)"
            r"\s+(?:aan|voor)\b"
            rf"|{_ATTENTION_RECEIVED}"
            # working towards something: "Samen met de buurgemeenten wordt toegewerkt naar een
            # regionaal economisch bureau", "werken we toe naar"
            r"|\btoegewerkt\s+naar\b|\btoe\s+te\s+werken\s+naar\b|\btoewerken\s+naar\b"
            r"|\bwerk(?:t|en)\s+(?:\w+\s+){0,4}?toe\s+naar\b"
            # "zal de nodige (bestuurlijke) aandacht vergen"
            r"|\bverg(?:t|en|de|den)\s+(?:[\w()]+\s+){0,3}?(?:aandacht|inzet|investering\w*"
            r"|inspanning\w*|middelen)\b"
            r"|\b(?:aandacht|inzet|inspanning\w*|investering\w*)\s+(?:\w+\s+)?verg(?:t|en|de|den)\b"
            # committing oneself: "Samen zetten wij ons in voor", "zet zich in voor" (the noun
            # "inzet voor" is thanks as often: "voor hun inzet voor de vereniging")
            r"|\bzet(?:ten|te|)?\s+(?:\w+\s+){0,3}?(?:ons|zich|mij|me)\s+(?:\w+\s+){0,4}?in\s+voor\b"
            r"|\b(?:ons|zich)\s+(?:\w+\s+){0,2}?in(?:zetten|gezet|\s+te\s+zetten)\s+voor\b"
            r"|\bbelangrijke?\b"
            # the most important of what a programme ranks ("een van de belangrijkste
            # projecten"), not a description ("de belangrijkste werkgever")
            r"|\bbelangrijkste\s+(?:\w+\s+)?(?:opgaven?|prioriteit\w*|speerpunt\w*|project\w*"
            r"|ambities?|thema\S*|doel\w*|taken|taak|punt\w*|onderwerp\w*|uitdaging\w*"
            r"|aandachtspunt\w*|vraagstuk\w*|opdracht\w*)\b"
            # (the noun too: "de verduurzaming van het vastgoed")
            r"|\bfocus\b|\bverduurzaming\b"
            r"|\bruimte voor\b|\bruimte\s+(?:is|zijn|blijft|komt)\s+voor\b|\bblijven\b"
            # emphasis: "krijgen extra nadruk in dit programma", "de nadruk leggen op"
            r"|\bnadruk\b|\baccent\b|\bvoorrang\b"
            # "Het gaat ook om dienstverlening", "Daarbij gaat het om …"
            rf"|{_AT_STAKE}"
            # aims and aiming: "wordt een strategisch doel", "de plannen zijn ambitieuzer",
            # "we richten ons op het mkb", "te waarborgen dat", "is en blijft",
            # "ons jeugdbeleid optimaliseren"
            r"|\bdoel(?:en|stelling(?:en)?)?\b|\bambitieu\w*"
            r"|\bricht(?:en)? (?:\w+ ){0,3}?(?:ons|zich) (?:\w+ ){0,4}?op\b|\bblijft\b"
            # the aim stated as a noun: "Inzet van het college is om Putten beter bereikbaar
            # te maken", "onze inzet blijft gericht op"
            rf"|{_AIM_AS_NOUN}"
            # a norm for what must come: "er moet een jeugdraad komen"
            r"|\bmoet(?:en)? (?:er )?(?:\S+ ){0,8}?(?:(?:bij)?komen|gebeuren)\b"
            # a norm for an improvement: "De doorstroming moet beter", "moet sneller"
            r"|\bmoet(?:en)? (?:\w+ ){0,2}?(?:beter|sneller|groeien|helpen)\b"
            # what the speaker must do: "we moeten keuzes maken", "Daarom moeten wij …"
            r"|\b(?:we|wij) moeten\b|\bmoeten (?:we|wij)\b"
            # the same in a subordinate clause, the verb last: "laat zien dat we ook de
            # riolering en het groen moeten aanpassen"
            # (not what others say we must: "Zij vinden dat we … moeten")
            r"|(?<!vinden\s)(?<!vindt\s)(?<!zeggen\s)(?<!zegt\s)(?<!stellen\s)(?<!stelt\s)"
            r"\b(?:dat|omdat|zodat|want)\s+(?:we|wij)\s+(?:[^\W\d_][\w-]*\s+){1,10}?moeten\b"
            r"|\bgaan voor\b"
            # going on: "Andere programma's … gaan onverminderd door", "doorgaan met"
            r"|\b(?:ga(?:at|an)|ging(?:en)?)\s+(?:\w+\s+){0,2}?door(?=\s*(?:[.,;:!?]|$)|\s+(?:met|en)\b)"
            r"|\bdoor(?:gaan|gegaan|\s+te\s+gaan)\s+met\b"
            # room offered: "meer ruimte te bieden voor erfgoed en cultuur"
            r"|\bruimte\s+(?:te\s+)?(?:bieden|biedt|geven|geeft|maken|maakt)\s+(?:voor|aan)\b"
            # the speaker is for it: "Het college is voor gezond leven", "de coalitie is
            # voorstander van"
            r"|\b(?:het\s+college|de\s+coalitie|(?:de\s+)?coalitiepartijen|de\s+partijen|we|wij)\s+"
            r"(?:is|zijn)\s+(?:(?:er|daarom|ook|sterk|erg|dus)\s+)?(?:een\s+)?(?:groot\s+)?"
            r"(?:voorstander\s+van|voor)\s+(?!het\s+eerst|de\s+eerste|\d)"
            r"(?![^.,;:]{0,40}?\b(?:afhankelijk|verantwoordelijk|bedoeld|bestemd|aansprakelijk"
            r"|beschikbaar|aan\s+de\s+beurt)\b)"
            # a charge kept low: "houden we de gemeentelijke lasten laag", "de ozb laag te
            # houden" (not any cost: "Wij houden de kosten laag, zodat de koopkracht …")
            r"|\b(?:houden|houdt|hielden|gehouden)\s+(?:[\w-]+\s+){0,4}?\w*(?:lasten|belasting\w*"
            r"|tarie\w+|ozb|heffing\w*|leges)\s+(?:\w+\s+)?laag\b"
            r"|\b\w*(?:lasten|belasting\w*|tarie\w+|ozb|heffing\w*|leges)\s+(?:\w+\s+){0,3}?laag\s+"
            r"(?:te\s+)?houden\b"
            # first place: "We zetten de fiets in Eindhoven op één", "staat op nummer 1"
            r"|\b(?:zet|zetten|staat|staan)\s+(?:[\w-]+\s+){0,5}?op\s+(?:nummer\s+)?(?:één|1)"
            r"(?=\s*(?:[.,;:!?]|$))"
            # insisting and stressing: "De coalitiepartijen hameren op samenwerking", "We
            # benadrukken dat", "er is urgentie om"
            r"|\bhamer(?:t|en|de|den)\s+(?:\w+\s+){0,3}?op\b|\bbenadruk(?:t|ken|te|ten)\b"
            r"|\burgentie\b|\burgent\b"
            # raised to a higher level: "tillen we het nieuwkomersonderwijs naar een hoger
            # niveau"
            r"|\bnaar\s+een\s+hoger\s+(?:plan|niveau)\b|\bop\s+een\s+hoger\s+plan\b"
            # made better: "hulp bij schulden wordt beter met elkaar verbonden"
            r"|\b(?:wordt|worden|moet|moeten)\s+(?:\w+\s+){0,2}?beter\s+(?:\w+\s+){0,3}?"
            r"(?:gemaakt|verbonden|benut|afgestemd|georganiseerd|ingericht|geregeld|ontsloten"
            r"|gefaciliteerd|ondersteund|bereikbaar|zichtbaar|toegankelijk)\b"
            r"|\bvoorop\b|\bcentraal\b"
            # keeping a course: "wordt voortgezet", "doorzetten van", "voortbouwen op"
            r"|\bvoort(?:bouwen|borduren)\b|\bborduurt? (?:\w+ ){0,2}voort\b"
            # a norm the speaker sets: "iedereen moet kunnen meedoen"
            r"|\bmoet(?:en)? (?:\w+ ){0,4}?kunnen\b"
            # a state the speaker wants reached: "de stad moet een eigen profiel krijgen"
            r"|\bmoet(?:en)? (?:\w+ ){1,4}?krijgen\b"
            r"|\bzoek(?:t|en) (?:\w+ ){0,2}(?:samenwerking|aansluiting|verbinding)\b"
            r"|\bverdien(?:t|en) (?:\w+ ){0,2}(?:versterking|aandacht|steun|ondersteuning)\b"
            r"|\b(?:ons|zich|me|mij) (?:\w+ ){0,2}(?:hard|sterk) (?:\w+ ){0,2}?"
            r"(?:ge)?ma(?:ken|akt|akten|akte)\b"
            # a need: "heeft behoefte aan een bekwaam bestuur", "vraagt serieus onderhoud en
            # vervanging"
            r"|\bbehoefte (?:\w+ )?aan\b"
            # the speaker's plans in a field: "onze plannen op het terrein van sport en bewegen"
            r"|\b(?:onze|ons|hun|de|het)\s+(?:\w+\s+)?(?:plannen|ambities|voornemens)\s+"
            r"(?:op|voor)\s+(?:het\s+)?(?:terrein|gebied|vlak)\s+van\b"
            # preventing ("voorkomen" is also "to occur": "dat kan voorkomen", "komt vaak
            # voor"): "voorkomt uitval", "om overlast te voorkomen", "voorkomen we dat"
            r"|(?<!\bvaak )(?<!\bveel )(?<!\bniet )(?<!\bzelden )\bvoorkomt "
            r"(?!(?:in|bij|op|vaak|niet|ook|veel|zelden|regelmatig)\b)"
            r"|\bte voorkomen\b|\bvoorkomen (?:we|wij|dat|zo)\b"
            r"|\bvra(?:agt|gen) (?:\w+ ){0,2}?(?:onderhoud|vervanging|investering(?:en)?|inzet)\b"
            # attention with the verb first: "Aandacht heeft gezondheid, …", "aandacht gaat naar"
            r"|\baandacht (?:heeft|hebben|krijgt|krijgen|gaat (?:\w+ )?naar)\b"
            r"|\bma(?:ken|akt|akten|akte) (?:ons|zich|me|mij) (?:\w+ ){0,2}(?:hard|sterk) voor\b"
            # what is kept, agreed or valued: "wil het museum behouden", "hebben afgesproken
            # dat", "hechten aan voortzetting", "hecht grote waarde aan"
            r"|\bhecht(?:en)? (?:\w+ ){0,4}?(?:aan|waarde)\b"
            # what a goal needs first: "Veiligheid is daarvoor een randvoorwaarde"
            r"|\brandvoorwaarde(?:n|lijk)?\b"
            # what the programme contains, as news reports an agreement: "In het
            # coalitieakkoord staat onder meer een voorstel …", "In het collegeprogramma staat
            # hoe …", "…, staat in het akkoord", "in het akkoord staat dat …"
            # (the speaker's kinds of programme, not "het regeerakkoord")
            rf"|\bin (?:het|hun|ons|dit) (?:nieuwe )?{_OWN_PROGRAMME} sta(?:at|an)\b"
            rf"|\bsta(?:at|an) (?:\w+ ){{0,2}}?in (?:het|hun|ons|dit) (?:nieuwe )?"
            rf"{_OWN_PROGRAMME}\b",
            _I,
        ),
        GG.Prioriteert,
    ),
    # A plan or approach for a theme: acting on it, when nothing above says more.
    (re.compile(r"\b(?:plan van )?aanpak\b", _I), GG.Onderneemt),
    # A trend ahead or under way, when nothing above says more: "De zorgbehoefte gaat
    # stijgen", "het aantal nieuwkomers zal verder toenemen", "de OZB stijgt", "het aantal
    # jongeren neemt af" (after the aims: "Wij willen dat het aantal banen gaat groeien" is
    # an aim). A norm ("moet groeien") is an aim too; buying ("neemt de jeugdzorg af bij de
    # regio") is no decline.
    (
        re.compile(
            r"\b(?:gaat|gaan|zal|zullen)\s+(?:\w+\s+){0,7}?(?:stijgen|toenemen|dalen|afnemen"
            r"|teruglopen|oplopen|verdubbelen|groeien|krimpen)\b"
            rf"|\b{_BURDEN}\b(?:\s+[\w-]+){{0,6}}?\s+(?:stijgt|steeg|stijgen|stegen|daalt|daalde)\b"
            r"|\b(?:neemt|nemen|nam|namen)\s+(?:\w+\s+){0,3}?(?:toe|af)\b(?!\s+(?:bij|van)\b)"
            # the verb first: "Sinds 2009 steeg het aantal werklozen met bijna 30%"
            r"|\b(?:steeg|stijgt|stegen|stijgen|daalde|daalt|groeide|groeit)\s+(?:\w+\s+){0,2}?"
            r"het\s+aantal\b"
            # the speaker's own growth to a size: "We groeien naar 115.000 inwoners"
            r"|\b(?:we|wij|de\s+stad|de\s+gemeente|ons\s+dorp)\s+(?:\w+\s+){0,2}?groei(?:en|t|den|de)"
            r"\s+(?:\w+\s+){0,3}?(?:naar|tot)\b",
            _I,
        ),
        GG.StaatVoor,
    ),
)

# Local taxes and charges, whose rate the speaker sets.
_RATE = r"\b(?:\w*belasting\w*|ozb|onroerendezaakbelasting|lasten|tarieven|heffing\w*|leges)\b"
NEGATION = re.compile(r"\b(?:niet|geen|niets|nergens|nooit|evenmin)\b(?!-)", _I)
# A negation that asserts the problem: still there, not the only one, not enough.
_AFFIRMING_NEGATION = re.compile(
    r"\bniet (?:van tafel|de enige|alleen|enkel|slechts|langer|meer dan|minder dan|zonder"
    # falling short: "voldoet niet meer aan de eisen"; not put off: "worden niet op de lange
    # baan geschoven"
    r"|op de lange baan"
    r"|(?:meer |langer )?aan (?:de |het |onze )?(?:\w+ )?(?:eisen|normen|norm|wensen|behoefte)"
    r"|opgelost|voldoende|genoeg|toereikend|sluitend|rond|betaalbaar|meer betaalbaar"
    r"|(?:zo |altijd )?(?:makkelijk|gemakkelijk|eenvoudig))\b"
    # ("het is niet zo dat …" denies what follows)
    r"|\b(?:zijn|is) (?:we |wij )?(?:er )?(?:natuurlijk |nog )?niet\b(?! zo dat\b)"
    # a double negation: "dat geen kind opgroeit zonder zwemdiploma" wants every child to
    # have one
    r"|\b(?:geen|niemand|nergens)\b[^.;:]{0,60}?\bzonder\b"
    r"|\bgeen (?:sluitende|structureel|woning|plek|plaats|geld)\b"
    # not closing or cutting keeps: "wij gaan niet bezuinigen op de bibliotheek"
    r"|\bniet (?:te )?(?:sluiten|schrappen|afschaffen|opheffen|afbouwen|wegbezuinigen"
    r"|(?:bezuinigen|besparen|korten|bezuinigd|bespaard|gekort) op)\b"
    r"|\b(?:bezuinig(?:t|en)|bespa(?:art|ren)|kort(?:en)?) (?:\w+ ){0,2}?niet op\b"
    # a rate frozen is a policy on the finances: "Geen verhoging gemeentelijke belastingen",
    # "geen verhoging van de OZB", "dat de OZB in principe niet gaat stijgen"
    rf"|\bgeen (?:verhoging|stijging)\b(?=[^.;:]{{0,40}}?{_RATE})"
    rf"|{_RATE}[^.;:]{{0,40}}?\bniet (?:\w+ )?(?:stijgen|stijgt|omhoog|verhoogd)\b",
    _I,
)

# A negation of the predicate itself, whose subject stands before it: "Armoede is voor ons
# geen prioriteit meer", "Sport krijgt geen voorrang", "Cultuur staat niet op de agenda".
# It negates the clause from its start (or its last comma), not only what follows.
_NEGATED_PREDICATE = re.compile(
    r"(?:geen|niet(?: langer| meer)?(?: een)?)\s+(?:(?:top)?prioriteit|speerpunt|aandachtspunt"
    r"|focuspunt|voorrang|prioritair|urgent)\b"
    # attention denied: "Het sportbeleid vraagt geen extra aandacht"
    r"|geen\s+(?:extra\s+|bijzondere\s+|speciale\s+)?aandacht\b"
    r"|niet (?:meer |langer )?(?:hoog )?op de (?:politieke )?agenda\b"
    # the problem itself played down: "Toch is het tekort niet schrikbarend"
    r"|niet (?:zo |erg |heel |echt )?(?:schrikbarend|zorgwekkend|ernstig|problematisch"
    r"|dramatisch|alarmerend|verontrustend)\b",
    _I,
)

# A negated action named as a noun ("het niet plaatsen van grote windturbines") negates
# that item of a list, not the items after it.
_NEGATED_ITEM = re.compile(r"(?<=\bhet )niet \w+en van\b[^,;]{0,200}?(?=,|;|\ben\b|$)", _I)

# First-person and institutional references to the speaker. Plural "gemeenten" is not one.
SELF_REFERENCE = re.compile(
    r"\b(?:we|wij|ons|onze|(?:de|onze|deze) gemeente(?!n)|(?:het|dit|ons) (?:nieuwe )?college"
    r"|de (?:gemeente)?raad|de nieuwe coalitie|deze coalitie"
    r"|uw raad|de coalitie(?:partijen)?|coalitiepartijen|ons dorp"
    r"|(?:het|ons|dit) (?:nieuwe )?gemeentebestuur"
    # the college by its members, as news names it: "willen B&W", "B en W van X", "het
    # college van burgemeester en wethouders"
    r"|B\s?&\s?W|B en W|burgemeester en wethouders"
    # a member of the college acting ("Zo gaat wethouder Jan Jansen aan het werk met"): a
    # member of another municipality's college is that municipality's (its name is found)
    r"|(?<!oud-)(?<!ex-)(?<!voormalig )(?<!voormalige )(?:de |onze |loco-?)?"
    r"(?:wethouders?|burgemeester)"
    r"|de (?:nieuwe |vier |drie |twee )?(?:coalitie)?partijen"
    r"|onze (?:stad|dorpen|kernen|inwoners)"
    r"|(?:het|hun|ons|dit) (?:nieuwe )?(?:coalitieakkoord|coalitieprogramma|collegeprogramma"
    r"|collegeakkoord|raadsakkoord|raadsprogramma|hoofdlijnenakkoord|bestuursakkoord))\b"
    # the document by its kind alone ("Het programma behelst …", "dit akkoord"), not a
    # programme with a name of its own ("het programma Vrij-Baan", "het akkoord ‘Samen’")
    r"|\b(?:het|hun|ons|dit) (?:nieuwe )?(?:programma|akkoord)\b(?!\s*(?-i:[A-Z])|\s*[‘'\"“])",
    _I,
)
# A verbless sentence that continues the list of the claim before it: "In hun akkoord
# staan ambities. Zoals betaalbaar bouwen en gezondheid. Maar ook een vitale economie."
_CONTINUATION = re.compile(
    r"\s*(?:zoals|maar ook|en ook|en verder|waaronder|onder (?:meer|andere)|bijvoorbeeld"
    r"|variërend van"
    # what it is about: "Het gaat o.a. om onderhoud van de haven, … en de armoedebestrijding"
    # ("Het gaat hier om …", "Het gaat ook om …", "Dan gaat het om …")
    r"|(?:het\s+gaat|(?:dan|hier|daar)\s+gaat\s+het)\s+(?:(?:hier|hierbij|daarbij|dan|ook|o\.a\."
    r"|onder\s+(?:meer|andere)|bijvoorbeeld|vooral|met\s+name)\s+){0,2}om"
    # what it is for, as a sentence of its own: "Om inwoners nog centraler te stellen, beter
    # naar ze te luisteren en zo het vertrouwen in de politiek te vergroten." (each of its
    # parts an aim: `_only_aims`)
    r"|(?P<aim>om)(?=\s)"
    # "Denk bijvoorbeeld aan de kosten voor jeugdzorg en Wmo, …", "Denk hierbij aan …" (not
    # a reminder: "Denk er wel aan dat de bibliotheek gesloten is")
    r"|denk\s+(?:(?:bijvoorbeeld|hierbij|daarbij|dan|maar|onder\s+meer|o\.a\.)\s+){0,2}aan"
    # "Voorbeelden daarvan zijn een wijkbudget voor bewonersinitiatieven, …"
    r"|(?:enkele |een aantal )?voorbeelden (?:daarvan|hiervan|van die \w+|van deze \w+) zijn)\b",
    _I,
)
# Someone else acting: the sentence is not the speaker's own claim. Not after a
# preposition (`_AFTER_PREPOSITION`): "bij de provincie aandringen", "lobbyen in Den Haag"
# name whom the speaker addresses, "samen met andere gemeenten" its partners, "de
# rekeningen van de oude gemeenten" whose, "de decentralisaties vanuit het Rijk" where
# something comes from, not who acts ("door het Rijk" still names the actor).
_OTHER_SUBJECT = re.compile(
    r"\b(?:[Gg]emeenten|[Hh]et [Rr]ijk|[Hh]et kabinet|[Dd]e provincie|Den Haag|[Dd]e regering"
    r"|[Dd]e minister|[Dd]e oppositie(?:partijen)?)\b"
)
# A preposition, with an article or possessive and an adjective that qualifies the noun,
# right before the other actor's name ("met andere ", "van de oude ", "bij ", "samenwerking
# tussen de omliggende "); an attributive adjective ends in -e, a verb in between ("voor
# ons wil de provincie") does not.
# Lower case: a sentence that opens with the preposition ("Voor de provincie is sport van
# belang") says whose the claim is.
# A comparison names others beside the speaker, not instead of it ("Net als voor veel andere
# gemeenten liggen er grote uitdagingen", "evenals andere gemeenten", "meer dan gemeenten").
_AFTER_PREPOSITION = re.compile(
    r"\b(?:bij|in|met|van|aan|naar|voor|tegen|op|uit|vanuit|tussen|onder|over|binnen|zoals"
    r"|als|dan)\s+"
    r"(?:(?:de|het|een|alle|onze|ons|hun|haar|veel|vele|sommige|meer|die|deze)\s+)?"
    r"(?:[^\W\d_]+e\s+){0,2}$"
    # the last of a list after the preposition: "samenwerking met de regio, provincie en
    # Den Haag"
    r"|\b(?:bij|met|aan|naar|tussen)\s+(?:(?:de|het)\s+)?"
    r"(?:(?i:regio|provincies?|rijk|rijksoverheid|waterschappen|waterschap|buurgemeenten"
    r"|gemeenten|veiligheidsregio)\s*(?:,|\ben\b)\s*(?:(?:de|het)\s+)?){1,4}$"
    # the last of the partners worked with, whoever the others are: "samen met bewoners,
    # corporaties en de provincie werken we …"
    # (the partners are nouns: no pronoun, verb-bearing clause or preposition between:
    # "Samen met inwoners werken wij aan de wijk, en de provincie …" is two clauses)
    r"|\b[Ss]amen\s+met\s+(?:(?!(?:we|wij|ze|zij|ik|hij|u|aan|op|in|voor|om|over|bij|naar|door|te"
    r"|werken|werkt|maken|maakt|gaan|gaat|willen|wil|zijn|is)\b)[^\W\d_]+(?:\s*,)?\s+){1,6}?"
    r"(?:en|,)\s+(?:(?:de|het)\s+)?$"
)


def someone_else_acts(text: str) -> bool:
    """Whether the text names another government or the opposition as its actor."""
    return any(
        not just_before(_AFTER_PREPOSITION, text, m.start()) for m in _OTHER_SUBJECT.finditer(text)
    )


# A speech tag after what someone said: "…, zegt wethouder Jansen", "…, vult X (CDA) aan",
# "…, aldus de fractievoorzitter". News on an agreement quotes its negotiators and its
# critics alike; what a tag gives to the opposition is not the speaker's claim.
_SPEECH_TAG = re.compile(
    r",\s*(?:zegt|zei|vertelt|vertelde|benadrukt|benadrukte|stelt|stelde|aldus|vult"
    r"|vulde|voegt|voegde)\b[^.;:!?]*[.!?]?\s*$",
    _I,
)
_OPPOSITION = re.compile(r"\boppositie\w*", _I)


# In talks with residents ("in dialoog met inwoners en organisaties", "met de inwoners in
# gesprek"): acting with them, as involving them is.
_IN_DIALOGUE = re.compile(
    r"\bin\s+(?:gesprek|dialoog|overleg|samenspraak)\s+(?:\w+\s+){0,2}?met\s+(?:de\s+|onze\s+"
    r"|alle\s+)?(?:inwoners|bewoners|burgers|samenleving)\b"
    r"|\bmet\s+(?:de\s+|onze\s+|alle\s+)?(?:inwoners|bewoners|burgers|samenleving)\s+"
    r"(?:\w+\s+){0,2}?in\s+(?:gesprek|dialoog|overleg)\b",
    _I,
)

# A statement with no agent: a passive ("Het financieel beleid wordt voortgezet"), or where
# the effort lies ("Inzet is er ook op …", "De focus ligt op …", "Daarbij gaat het om …").
# In a text about the speaker, its agent is the speaker.
_IMPERSONAL = re.compile(
    # (a "door" that opens a clause of means, "door te investeren", names no agent)
    r"\b(?:wordt|worden)\b(?![^.]*\bdoor\b(?!\s+(?:\w+\s+){0,3}?te\s))"
    # an announcement: "Er komt een nachtbus", "Ook komt er meer geld voor …"
    r"|^\s*er (?:komt|komen)\b|\b(?:komt|komen) er\b(?! (?:\w+ )?uit\b)"
    r"|\b(?:inzet|focus|nadruk|accent|prioriteit) (?:is|ligt|komt) (?:er )?(?:\w+ ){0,2}?op\b"
    r"|\bligt (?:de|het) (?:focus|nadruk|accent|prioriteit)\b"
    rf"|{_AT_STAKE}"
    # effort or attention with no one giving it, as a point opens: "Met extra inzet op
    # cultuur en speciale aandacht voor jongeren"
    r"|^\s*(?:met\s+)?(?:extra\s+|meer\s+|speciale\s+)?(?:inzet|aandacht|focus|nadruk)\s+"
    r"(?:op|voor|aan)\b"
    # attention given, with no one giving it: "Verder is er veel aandacht voor de
    # energietransitie", "Verduurzaming krijgt extra aandacht", a point opening with
    # "Aandacht voor …"
    r"|\b(?:is|komt) er (?:\w+ ){0,2}?aandacht (?:voor|aan)\b"
    r"|\ber (?:is|komt) (?:\w+ ){0,3}?aandacht (?:voor|aan)\b"
    # attention received, with no one giving it: "De herindeling krijgt in deze
    # bestuursperiode veel aandacht"
    rf"|{_ATTENTION_RECEIVED}"
    # something set up, with no one named: "Ook is er een project opgezet voor …"
    r"|\b(?:is|zijn)\s+er\s+(?:\w+\s+){0,4}?(?:opgezet|gestart|opgericht|ingesteld)\b"
    r"|\bkrijg(?:t|en) (?:\w+ ){0,4}?(?:extra |meer |veel )?(?:aandacht|nadruk|prioriteit)\b"
    r"|^\s*(?:(?:meer|extra|nieuwe|veel) )?aandacht (?:voor|aan|heeft|hebben|krijgt|krijgen"
    r"|gaat (?:\w+ )?naar)\b"
    # "one" as the subject: "Iets waar men zich sterk voor wil maken is …"
    r"|\bmen\b"
    # a rate or price set: "Zo gaat de ozb omhoog", "Parkeervergunningen worden duurder"
    r"|\bga(?:at|an) (?:\S+ ){0,4}?(?:omhoog|omlaag)\b"
    # money set aside, with no one setting it aside: "Dit budget is bedoeld voor …"
    rf"|{_MONEY_MEANT_FOR}"
    # investments with no investor named: "Investeringen zijn er in de omgevingsvisie, …",
    # "Er zijn extra investeringen in de jeugdzorg"
    r"|^\s*(?:\w+\s+){0,2}?investeringen\s+(?:zijn|komen|gaan)\s+(?:er\s+)?(?:\w+\s+){0,2}?"
    r"(?:in|naar|voor)\b"
    r"|\b(?:(?:is|zijn) er|er (?:is|zijn|komt|komen))\s+(?:\w+\s+){0,2}?investering(?:en)?"
    r"\s+(?:in|voor)\b"
    # a claim of weight with no agent: "Participatie is een belangrijke rode draad",
    # "Wijkgerichte aanpak is van groot belang", "Energiearmoede aanpakken is een
    # topprioriteit", "Vertrouwen staat hoog op de agenda", "De ambitie is …", "Wonen … is
    # een belangrijk thema voor de komende jaren", "Samenwerking zal een belangrijke rol
    # spelen"
    # (whose it is stays open: "blijft voor de provincie een speerpunt" is the province's)
    r"|\b(?:is|zijn|vormt|vormen|blijft|blijven) (?:(?!voor\b|van\b|bij\b|volgens\b)\w+ ){0,4}?"
    r"(?:een )?(?:\w+ )?"
    r"(?:\w*prioriteit(?:en)?|speerpunt(?:en)?|rode draad|uitgangspunt(?:en)?|randvoorwaarde"
    r"|thema|aandachtspunt(?:en)?|kernpunt(?:en)?|pijler(?:s)?)\b"
    # a time given over to something, which the speaker's plans fill, and something on the
    # agenda with no one setting it ("Dit jaar staat de nieuwbouw van de bibliotheek op de
    # agenda")
    rf"|{_TIME_GIVEN_OVER}|{_ON_THE_AGENDA}"
    # "… zijn belangrijke elementen van het sociaal beleid"
    # (the subject may stand between: "In ieder geval zijn X, Y en Z belangrijke elementen")
    r"|\b(?:is|zijn|vormt|vormen) (?:[\w,]+ ){0,8}?(?:een )?(?:belangrijke?|essentiële?"
    r"|centrale?|wezenlijke?) elementen?\b"
    # the speaker's intent with no agent: "Het voornemen is ook om te blijven investeren"
    r"|^\s*(?:het|ons) (?:voornemen|streven|plan|doel) is (?:\w+ ){0,2}?(?:om|dat)\b"
    r"|\b(?:belangrijke|grote|grotere|centrale|cruciale|prominente|prominentere|voorname|sleutel)"
    r"\s?rol\b"
    r"|\b(?:is|zijn) (?:\w+ ){0,2}?van (?:\w+ )?belang\b"
    # "Een betaalbare woning is daarbij belangrijk"; "Belangrijke thema's zijn …"
    r"|\b(?:is|zijn|blijft|blijven) (?:\w+ ){0,2}?(?:erg |heel |zeer )?belangrijk\b(?!\s+\w)"
    r"|^\s*(?:\w+ )?(?:belangrijke|centrale|grote) (?:thema|onderwerp|speerpunt|punt)"
    r"(?:en|s|['’]s)? (?:zijn|waren)\b"
    # priorities counted or listed: "Een aantal speerpunten zijn: …", "De drie pijlers zijn …"
    r"|^\s*(?:\w+ ){0,3}?(?:speerpunten|prioriteiten|kernpunten|pijlers)(?: \w+){0,2}? "
    r"(?:zijn|waren)\b"
    rf"|{_ACTION_POINTS}|{_PRINCIPLES_LISTED}"
    r"|\bsta(?:at|an) (?:[\w,]+ ){0,8}?(?:centraal|bovenaan|hoog (?:op de (?:\w+ )?(?:agenda|lijst)"
    r"|in het vaandel)"
    r"|voorop|(?:in|op) de planning)\b|\bgepland\b"
    # a need with no one who needs it: "Regulering van toerisme is nodig"
    r"|\b(?:is|zijn|blijft|blijven) (?:\w+ ){0,3}?(?:nodig|noodzakelijk)\b"
    r"|^\s*(?:(?:de|het|onze) )?(?:ambitie|doel|streven|uitgangspunt) is\b"
    # money or room there is, with no one who found it: "Daarnaast is er financiële ruimte
    # gevonden om te investeren in …", "Er is geld beschikbaar voor …"
    r"|\b(?:(?:is|zijn) er|er (?:is|zijn))\b (?:\w+ ){0,3}?(?:geld|ruimte|budget|middelen"
    r"|urgentie)\b"
    # money estimated or set aside, as a budget reports it: "In 2008 is geld geraamd voor
    # diverse woningbouwprojecten", "zijn middelen gereserveerd"
    r"|\b(?:is|zijn|werd|werden)\s+(?:\w+\s+){0,3}?(?:geraamd|gereserveerd|begroot|uitgetrokken"
    r"|vrijgemaakt)\b"
    # a local rate, which only the speaker sets: "De kosten voor afval, riool en OZB blijft
    # laag", "de rioolheffing stijgt"
    rf"|{_RATE}[^.;:]{{0,60}}?\b(?:blijft|blijven|stijgt|stijgen|daalt|dalen|gaat|gaan)\b"
    # talks with residents, with no one named who talks: "Een deel van de voorstellen komt
    # in dialoog met inwoners tot stand"
    rf"|{_IN_DIALOGUE.pattern}"
    # programmes and projects that go on: "Andere programma's als … gaan onverminderd door"
    r"|\b(?:programma['’]?s?|projecten|plannen|ambities)\b[^.;:]{0,200}?\bga(?:at|an)\s+"
    r"(?:\w+\s+){0,2}?door(?=\s*(?:[.,;:!?]|$)|\s+(?:met|en)\b)"
    # a building to be rebuilt: "Zwembad De Alk gaat op de schop"
    r"|\bga(?:at|an)\s+(?:\w+\s+){0,2}?op\s+de\s+schop\b"
    rf"|{_THEMES_NAMED}|{_AIM_AS_NOUN}"
    # a norm for a state the sentence opens with: "Dorpen en wijken moeten veilig zijn"
    # (a subject of up to eight words: "De kloof tussen politiek en gemeenschap moet zo klein
    # mogelijk zijn")
    r"|^\s*(?!volgens\b)(?:\w+ ){1,8}?moet(?:en)? (?:er )?(?:\w+,? ){0,5}?(?:en \w+ )?"
    r"(?:zijn|blijven|worden|uitzien|groeien)\b"
    # a norm for what must come: "er moet een seniorenagenda komen"
    r"|^\s*er moet(?:en)?\b|\bmoet(?:en)? er\b"
    # a norm for an improvement: "De verkeersdoorstroming moet beter"
    r"|^\s*(?!volgens\b)(?:\w+ ){1,8}?moet(?:en)? (?:\w+ )?(?:beter|sneller|helpen)\b"
    # a norm for what people can do or get: "Mensen moeten de zorg en ondersteuning krijgen
    # die nodig is", "Ouderen moeten langer thuis kunnen wonen" (not a pronoun: "Zij moeten
    # …" is someone's)
    r"|^\s*(?!volgens\b|zij\b|ze\b|hij\b|u\b|jij\b|je\b)(?:\w+ ){1,4}?moet(?:en)? "
    r"(?:(?!volgens\b)[\w-]+ ){0,6}?(?:kunnen|krijgen)\b",
    _I,
)
# A third-person pronoun as the subject ("Verder willen ze …", "Zij investeren …", after an
# opening adverb and its verb: "Daarom stelt zij een actieplan op"): it continues the
# subject of the claim before it in the paragraph. (Not in a clause a subordinator opens:
# "Als zij dat willen, …" is a condition.)
_PRONOUN_SUBJECT = re.compile(
    r"^(?!(?:\w+ )?(?:als|omdat|wanneer|indien|zodat|nu|terwijl|waar|wat|wie|die|dat|of|hoe"
    r"|zodra|hoewel|nadat|voordat|zolang|tenzij|doordat|mits|opdat|sinds|totdat)\b)"
    r"(?:\w+ ){0,2}(?:ze|zij)\b"
    r"|\b(?:wil(?:len)?|gaan|zullen|moeten|kunnen|willen) (?:ze|zij)\b"
    # "het" for the college, where only an actor can be meant: "Het wil letten op de mensen
    # die een steuntje nodig hebben", "Het gaat voor een betere toegang" (not the empty
    # "het" of "Het gaat om", "Het is belangrijk")
    r"|^\s*het\s+(?:wil|wilde|streeft|gaat\s+voor|zet\s+(?:zich\s+)?in)\b",
    _I,
)

# Names of accounts and bodies: a budget reserve ("de reserve WMO/Jeugd"), a committee
# ("de commissie Zorg en Welzijn"): they name a field of work, not a claim about it.
_ACCOUNT_NAME = re.compile(
    r"\b(?:\w*reserves?|commissies?)\s+[A-Z][\w/&-]*(?:\s+(?:(?:en|&)\s+)?[A-Z][\w/&-]*)*"
)
# An agreement or programme by its kind ("het bestuursakkoord", "het bestuursprogramma")
# names the document, and "het gemeentebestuur" the speaker, not governance as a theme
# ("bestuur" is a scheme term).
_AGREEMENT_KIND = re.compile(
    r"\bbestuurs(?:akkoord|programma|overeenkomst)(?:en|s)?\b|\bhet gemeentebestuur\b", _I
)
# A council's procedural act: "Kennis nemen van de inspraakreacties" notes a document; the
# themes its title names are not the council's claim.
_PROCEDURE = re.compile(
    r"\bkennis\s?(?:te\s)?(?:nemen|neemt|genomen)\s+van\b(?:(?!\s-\s)[^.;:•–])*", _I
)
# The places and people a government involves or stays close to: "betrekken we wijken,
# buurten en dorpen bij het onderhoud", "een college dat in verbinding is met de wijken en
# kernen", "dicht bij de dorpen". They say with whom, not that villages or neighbourhoods
# are the topic; involving them (not being near them) is citizen participation.
_PLACES = (
    r"(?:(?:de|onze|alle|haar|zijn)\s+)?(?:inwoners|bewoners|burgers|wijken|buurten|dorpen"
    r"|kernen|gemeenschappen|samenleving)"
)
# (a list of at most nine: unbounded, a sentence of thousands of them took quadratic time,
# each start running the whole list before its verb failed)
_PEOPLE_AND_PLACES = rf"(?P<who>{_PLACES}(?:(?:\s*,\s*|\s+en\s+){_PLACES}){{0,8}})\b"
_INVOLVES = re.compile(
    # "de betrokken wijken" (the ones concerned) is an adjective, not involving them
    rf"\b(?:betrek(?:t|ken)|(?<!\bde\s)(?<!\bhet\s)betrokken|verbinding\s+(?:\w+\s+){{0,2}}?met|verbonden\s+met)"
    rf"\s+(?:\w+\s+){{0,2}}?{_PEOPLE_AND_PLACES}",
    _I,
)
# The same with the people first, as a passive or a subordinate clause puts them ("Daarbij
# worden ook inwoners betrokken", "dat het inwoners anders wil betrekken bij besluiten",
# "hoe de raad de samenleving betrekt bij …"), also among other partners ("Inwoners,
# ondernemers en organisaties worden actief betrokken", "Inwoners worden goed
# meegenomen"); the hit is on the verb.
_INVOLVED = re.compile(
    rf"{_PEOPLE_AND_PLACES}(?:\s+van(?:\s+(?-i:[A-Z])[\w-]*)?)?"
    r"(?:(?:\s*,\s*|\s+en\s+)(?:[^\W\d_]+\s+)?[^\W\d_]+){0,4}"
    r"\s+(?:\w+\s+){0,3}?(?P<verb>betrek(?:t|ken)|betrokken|meegenomen)\b",
    _I,
)
# Working together with residents or the community ("de zaken samen met onze gemeenschap
# doen", "samen doen met inwoners en ondernemers", "Samen met partners - inwoners,
# ondernemers …", "in goede samenspraak met de raad en de samenleving"): governing with
# them, citizen participation. Residents may be any item of the partners listed, which
# run up to the first preposition or relative pronoun ("samen met de provincie voor onze
# inwoners" is not working with residents).
_WITH_PARTNERS = r"(?:(?!\b(?:voor|om|aan|in|op|over|bij|van|naar|die|dat|door)\b)[^.;:!?]){0,60}?"
_TOGETHER_WITH = re.compile(
    r"(?:\b(?:samen\s+(?:(?:doen|werken|optrekken|op\s+te\s+trekken)\s+)?|samenspraak\s+"
    r"(?:en\s+samenwerking\s+)?)met\s+"
    # the partners first, the working together after them: "Met bewoners, bedrijven en
    # instellingen werken wij als partners samen"
    # (the residents first in the list, the speaker working together after it: not "Met
    # ruim 900 nieuwe inwoners per jaar werken wij samen met de provincie")
    r"|^\s*(?:ook\s+)?met\s+(?=(?:de\s+|onze\s+|alle\s+)?(?:inwoners|bewoners|burgers)\b"
    r"[^.;:!?]{0,100}?\b(?:werken|trekken|doen|gaan|optrekken)\s+(?:we|wij)\s+"
    r"(?:[\w-]+\s+){0,3}?samen\b))"
    rf"(?P<who>{_WITH_PARTNERS}\b(?:inwoners|bewoners|burgers|gemeenschap|samenleving))\b",
    _I,
)
# Being near or visible in places says where the government is ("dicht bij de dorpen",
# "zichtbaar zijn in dorpen en wijken"), not what it works on: no theme.
_NEAR = re.compile(
    rf"\b(?:dicht\s+bij|(?:zichtbaar|aanwezig)\s+(?:\w+\s+)?in)\s+{_PEOPLE_AND_PLACES}", _I
)
# A government that stands close to its residents ("We staan dicht naast inwoners", "willen
# 'dichter bij de inwoners' staan") speaks of its bond with them: participation and trust.
_RESIDENTS = r"(?P<who>(?:(?:de|onze|alle)\s+)?(?:inwoners|bewoners|burgers|mensen))\b"
_STANDS_CLOSE = (
    re.compile(
        rf"\bsta(?:at|an)\s+(?:\w+\s+){{0,3}}?dicht(?:er)?\s+(?:bij|naast)\s+{_RESIDENTS}", _I
    ),
    re.compile(
        rf"\bdicht(?:er)?\s+(?:bij|naast)\s+{_RESIDENTS}\W{{0,2}}\s+(?:te\s+)?sta(?:at|an)\b", _I
    ),
    # governing close to them: "Wij willen besturen …, zo dicht mogelijk bij de mensen"
    re.compile(
        rf"\bbestu(?:ren|urt|urde|urden)\b[^.;:]{{0,60}}?\bdicht(?:er)?\s+(?:mogelijk\s+)?"
        rf"(?:bij|naast)\s+{_RESIDENTS}",
        _I,
    ),
)
# Deciding, talking or thinking along, in its split forms ("Inwoners beslissen mee over",
# "vragen u met ons mee te denken"): participation ("meedenken" joined is a scheme term).
_TAKES_PART = re.compile(
    r"\b(?:beslis(?:t|sen)|pra(?:at|ten))\s+(?:\w+\s+){0,3}?mee\b"
    r"|\bmee\s+te\s+(?:denken|beslissen|praten|bepalen)\b"
    # asked to respond: "vragen aan partners en inwoners om daarop te reageren"
    r"|\bvra(?:gen|agt)\b[^.]{0,60}?\b(?:inwoners|bewoners|burgers|u)\b[^.]{0,30}?\bte\s+reageren\b"
    # the distance to residents, talking with them: "de afstand tussen bestuurders en
    # inwoners", "betere communicatie met onze burgers", "echt in gesprek gaat met de burgers"
    r"|\b(?:afstand|kloof)\s+tussen\s+(?:\w+\s+){0,3}?en\s+(?:de\s+)?"
    r"(?:inwoners|burgers?|bewoners|politiek|bestuur|gemeente|gemeenschap|samenleving)\b"
    r"|\bcommunicatie\s+met\s+(?:de\s+|onze\s+)?(?:inwoners|burgers|bewoners)\b"
    # (either order: "Het college wil met de inwoners in gesprek")
    rf"|{_IN_DIALOGUE.pattern}"
    # room for residents to take part: "ruimte voor inwoners om mee te doen"
    r"|\b(?:inwoners|bewoners|burgers)\s+(?:\w+\s+){0,2}?(?:om\s+)?mee\s+te\s+(?:doen|werken"
    r"|denken|praten|beslissen)\b"
    # working with residents as partners, their say: "samenwerking met bewoners,
    # ondernemers en …", "het samenspel met burgers", "met inbreng van inwoners"
    r"|\b(?:samenwerk(?:ing|en)|samenspel)\s+met\s+(?:de\s+|onze\s+|alle\s+)?"
    r"(?:inwoners|bewoners|burgers|samenleving)\b"
    r"|\b(?:inbreng|betrokkenheid)\s+(?:\w+\s+){0,2}?(?:van|vanuit|uit)\s+(?:de\s+|onze\s+)?"
    r"(?:inwoners|bewoners|burgers?|samenleving)\b",
    _I,
)
# Whom the speaker talks with, where the sentence says what about ("in gesprek met
# ondernemingen en verenigingen op het gebied van recreatie over mogelijke deelname",
# "overleggen met scholen over veilige routes"): partners, whose fields are not the topic.
_CONSULTED = re.compile(
    r"\b(?:in\s+(?:gesprek|overleg|dialoog)|overleg(?:t|gen)|pra(?:at|ten))\s+(?:\w+\s+){0,2}?"
    r"met\s+(?P<who>[^.;:!?]+?)\s+over\b",
    _I,
)
# Place kinds of different scale joined by "of" ("hun eigen stad, dorp of straat", "elke
# kern, wijk of buurt") mean any place: a scope, not villages or neighbourhoods as a topic.
_PLACE_WORD = r"(?:stad|dorp|kern|wijk|buurt|straat)"
_ANY_PLACE = re.compile(rf"\b{_PLACE_WORD}(?:\s*,\s*{_PLACE_WORD})*\s+of\s+{_PLACE_WORD}\b", _I)
# The speaker calling itself a village ("ons dorp", "een fit en groen dorp in de polder",
# "Een duurzaam, bereikbaar dorp"), or news calling it so as the subject ("krijgt het dorp
# te maken met belastingverhogingen") describes itself; the theme of small villages is
# about the villages of a municipality ("de dorpen", "elk dorp", "kleine kernen") and
# what is in one ("een winkel in het dorp houden": after a preposition, "het dorp" says
# where). "het dorp Hijken" is a place's name (`_PLACE_KIND`).
_NOT_AFTER_PREPOSITION = "".join(
    rf"(?<!\b{p}\s)" for p in ("in", "van", "voor", "naar", "uit", "bij", "op", "met", "aan", "om")
)
_SELF_AS_VILLAGE = re.compile(
    rf"\b(?:ons|{_NOT_AFTER_PREPOSITION}het|een(?:\s+(?!(?:in|het|de|van|aan|met|op|voor|uit|bij|naar|om|tot|over|per)\b)"
    r"[^\W\d_]+,?){1,3})\s+(?P<place>dorp)\b",
    _I,
)
# Buildings and neighbourhoods made sustainable ("meer woningen verduurzamen", "de oudere
# woonwijken aardgasvrij maken", "de verduurzaming van huurwoningen", "isoleren we de
# panden"): the energy work is the theme, the homes or the district only where it is done.
_MADE_SUSTAINABLE_PLACE = (
    r"(?P<place>(?:\w+)?woning(?:en)?|(?:\w+)?huizen|(?:woon)?wijken|woonwijk|wijk|gebouwen"
    r"|panden|(?:\w+)?vastgoed|woningvoorraad)"
)
_ENERGY_WORK = (
    r"(?:verduurzamen|verduurzaamd|verduurzaamt|isoleren|isoleert|geïsoleerd"
    r"|aardgasvrij|gasloos|energieneutraal|energiezuinig|energiezuiniger|van\s+het\s+gas\s+af)"
)
_MADE_SUSTAINABLE = (
    # (the object and its verb in one clause: "500 woningen en verduurzamen de rest" builds)
    re.compile(
        rf"\b{_MADE_SUSTAINABLE_PLACE}\s+(?:(?!(?:en|of|maar)\b)[\w-]+\s+){{0,3}}?(?:te\s+)?"
        rf"{_ENERGY_WORK}\b",
        _I,
    ),
    re.compile(
        r"\b(?:verduurzaming|isolatie|verduurzamen|isoleren|verduurzaamt|isoleert)\s+"
        rf"(?:van\s+)?(?:(?!(?:en|of|maar)\b)[\w.-]+\s+){{0,3}}?{_MADE_SUSTAINABLE_PLACE}\b",
        _I,
    ),
)
_CONCERN = re.compile(_WORRY, _I)
# Isolating oneself, or people isolated ("Wij isoleren ons niet van de regio", "geïsoleerd
# raken", "geïsoleerde ouderen"): no insulation of buildings.
_NOT_INSULATION = re.compile(
    r"\b(?:isoler\w*|geïsoleerd\w*)(?=\s+(?:ons|zich|me|mezelf|onszelf|zichzelf|raken|raakt"
    r"|leven|leeft|wonen|woont|ouderen|mensen|inwoners|jongeren)\b)",
    _I,
)
# The state's circular letter, not the circular economy ("De uitkomsten van deze circulaire
# worden nagestuurd", "volgens de circulaire van juni"): a noun after a determiner, followed
# by no noun it would describe.
_CIRCULAR_LETTER = re.compile(
    r"\b(?:de|deze|die|dit|een|laatste|nieuwe|recente)\s+(?P<letter>circulaire)"
    r"(?=\s*(?:[.,;:)]|$)|\s+(?:van|worden|wordt|werd|is|zijn|was|op|met|uit|die|dat|over"
    r"|blijkt|blijken|geeft|geven|gaf|laat|bevat|bevatte|komt|kwam|verschijnt|heeft|had|brengt"
    r"|bracht|gemeentefonds)\b)",
    _I,
)
# Waste as what a levy or a cost is for ("de heffingen voor riool en afvalstoffen gaan
# omlaag", "hogere kosten voor afvalverwerking"): the charges, not the circular economy.
_WASTE_CHARGED = re.compile(
    r"\b(?:heffing\w*|belasting\w*|tarie\w*|kosten|lasten)\s+(?:voor|van)\s+(?:(?:de|het)\s+)?"
    r"(?:[\w-]+\s+(?:en|of)\s+)?(?P<waste>afval\w*)",
    _I,
)
# A scheme term that names the theme an involving phrase gives.
_INVOLVING_TERM = "burgerparticipatie"
# A place-kind word before a proper name names a place, not a theme: "de wijk
# Bospolder-Tussendijken", "het dorp Hijken".
_PLACE_KIND = re.compile(r"\b(?:wijk|buurt|woonwijk|stadsdeel|dorp|kern)(?=\s+[A-Z])")
# A climate made for someone ("een zo positief mogelijk klimaat scheppen voor winkels", "een
# gunstig klimaat voor ondernemers"): the conditions for business, not the climate.
_BUSINESS_CLIMATE = re.compile(
    r"\b(?:positie\w*|gunstig\w*|goed|goede|aantrekkelijk\w*|prettig\w*)\s+(?:\w+\s+){0,2}?"
    r"klimaat\b(?=\s+(?:\w+\s+){0,2}?(?:voor|scheppen|creëren|bieden)\b)",
    _I,
)
# A place to live and work ("waar het prachtig wonen, werken en recreëren is", "een fijne
# gemeente om in te wonen en te leven"): praise of the town, not a claim about housing.
_LIVE_WORD = r"(?:wonen|werken|leven|recreëren|ondernemen|verblijven)"
_PLACE_TO_LIVE = re.compile(
    rf"\b(?:om\s+in\s+te\s+)?{_LIVE_WORD}(?:\s*,\s*|\s+en\s+(?:te\s+)?){_LIVE_WORD}"
    rf"(?:(?:\s*,\s*|\s+en\s+(?:te\s+)?){_LIVE_WORD})*\b",
    _I,
)
# A station as a place ("woningen op het veilingterrein bij het station", "zoals bij de
# metrostations"): where something happens, not public transport.
_BY_THE_STATION = re.compile(
    r"\b(?:bij|rond|rondom|naast|nabij|achter|tegenover|om)\s+(?:het|de)\s+"
    r"(?P<where>[^\W\d_]*station(?:s)?(?:s?gebied)?)\b",
    _I,
)
# A form field of an administrative document ("Programma/beleidsveld 5.1 …",
# "Portefeuillehouder …"): metadata, not a claim.
_FORM_FIELD = re.compile(
    r"\s*(?:[\w]+/)?(?:beleidsveld|taakveld|portefeuillehouders?|afdeling|auteur|kenmerk"
    r"|portefeuilleverdeling)\b"
    # a budget's numbered programme, by its title ("Programma 1: Burger, bestuur en
    # veiligheid"): the budget's structure; what the programme says comes under it
    # (not a sentence after the number: "Programma 2: we gaan 500 woningen bouwen")
    r"|\s*programma\s+\d+[a-z]?(?:\s*[:.–-])?\s+"
    r"(?![^.;:!?]*\b(?:we|wij|ik|ze|zij|gaan|gaat|moet|moeten|wil|willen|zal|zullen)\b)"
    r"[^.;:!?]{0,80}$",
    _I,
)
# Portfolios handed out: "Wel verhuist verkeer en mobiliteit naar haar nieuwe collega",
# "Zij krijgt sport in haar portefeuille": the themes are someone's tasks, not claims.
_PORTFOLIO = re.compile(
    r"\bportefeuille\w*|\b(?:haar|zijn|hun) (?:nieuwe )?collega'?s?\b"
    # a line that gives a member's portfolio: "Wethouder Jan Stoop: Openbare Ruimte, Wonen"
    # (not a speech tag: "Wethouder Jan Stoop: \"We moeten …\"")
    # (not a speech, with or without quotation marks: "Wethouder Jan Stoop: we investeren")
    r"|^\s*(?:loco-?)?(?:burgemeester|wethouder)\s+(?-i:[A-Z])[^:.;]{0,60}:(?!\s*[\"“”„'‘’])"
    r"(?![^.;]*\b(?:we|wij|ik|ons|onze|moet|moeten|wil|willen|gaan|gaat|is|zijn|wordt"
    r"|worden)\b)"
    # the same by a name and a party: "Anita Sørensen (CDA): jeugd, WMO, werk en inkomen"
    r"|^\s*(?-i:[A-Z])[^\W\d_'’.-]*(?:[\s'’.-]+(?:van|de|der|den|ter|te|(?-i:[A-Z])[^\W\d_'’.-]*))"
    r"{0,5}\s*\((?-i:[A-Z])[^()]{0,25}\)\s*:(?!\s*[\"“”„'‘’])"
    r"(?![^.;]*\b(?:we|wij|ik|ons|onze|moet|moeten|wil|willen|gaan|gaat|is|zijn|wordt"
    r"|worden)\b)",
    _I,
)
# What a portfolio or a programme holds: "Daaronder vallen onder meer de decentralisaties,
# welzijn, …", "Hieronder vallen bijvoorbeeld groen, wegen en fietspaden". Someone's field,
# not a claim, unless the sentence states one ("…, waarvan de kosten hard stijgen").
_SCOPE_LISTED = re.compile(
    r"\b(?:daar|hier)onder\s+vall?en\s+(?:onder\s+(?:meer|andere)\b|o\.a\.|bijvoorbeeld\b)", _I
)
# A line naming the document itself ("Programmabegroting 2024", "Coalitieakkoord 2022-2026").
# Also with whose it is between ("Begroting gemeente Weert 2024", "Coalitieakkoord Oss
# 2022-2026").
_DOCUMENT_LABEL = re.compile(
    # (a page's own label may stand before it: "Themapagina: begrotingskrant 2017"; a
    # compound names a document too: "Begrotingskrant 2017", "Begrotingsbrief 2024")
    r"\s*(?:[^\W\d_]+\s*:\s*)?(?:\w*begroting(?:s[^\W\d_]+)?|voorjaarsnota|najaarsnota|kadernota|jaarrekening|coalitieakkoord"
    r"|coalitieprogramma|collegeprogramma|raadsakkoord|bestuursakkoord|uitvoeringsprogramma)"
    r"(?:\s+(?:van\s+(?:de\s+)?)?(?:gemeente\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3})?"
    r"\s+\d{4}(?:\s*[-–]\s*\d{4})?\s*",
    _I,
)
# A document named by its kind and its years inside a sentence ("De doelstellingen zijn in
# de programmabegroting 2018 – 2022 verdeeld over …", "opgenomen in de programmabegroting
# 2023-2026"): a name, like a programme's; the finances are a theme where the sentence says
# more about them than where a plan is written down.
_DOCUMENT_NAME = re.compile(
    r"\b(?:\w*begroting|voorjaarsnota|najaarsnota|kadernota|jaarrekening)"
    r"\s+(?:voor\s+)?\d{4}(?:\s*[-–]\s*\d{4})?",
    _I,
)
# A picture's caption ("Luchtfoto skyline binnenstad Weert", "Foto: de wethouder bij de
# opening"): it says what is shown, and claims nothing.
_CAPTION = re.compile(
    r"\s*(?:(?:lucht)?foto(?:'s)?|afbeelding|illustratie|beeld)\b(?!\w)"
    # a news page's link to another article: "Lees ook: Wonen op voormalige sportvelden"
    r"|\s*(?:lees|bekijk|zie) (?:ook|meer)\s*:"
    # a pointer to another part of the document: "Zie toelichting onder Opzet begroting",
    # "(zie paragraaf 3.2)", "Zie hiervoor hoofdstuk 4"
    r"|\s*\(?\s*zie\s+(?:ook\s+|hiervoor\s+|daarvoor\s+)?(?:de\s+|het\s+)?(?:toelichting"
    r"|paragraaf|hoofdstuk|bijlage|pagina|blz|tabel|figuur|onderdeel|programma\s+\d|onder\b"
    r"|hierna|hieronder|hierboven|verderop|www\.|https?:)"
    # (only where the pointer is all the sentence says: "Zie bijlage 2; het tekort loopt op"
    # goes on)
    r"(?=[^;:]*$)",
    _I,
)
# A colophon: who is responsible for the document, who wrote or designed it
# ("Bestuurlijk verantwoordelijk: College van B & W … Coördinatie en eindredactie: Afdeling
# bedrijfsvoering"): names of offices, and no claim.
# (labels only a colophon uses: "contactpersoon:" or "redactie:" may open a claim's
# explanation, "één vast contactpersoon: de schuldhulpverlener")
_COLOPHON = re.compile(
    r"\b(?:(?:bestuurlijk|ambtelijk)\s+verantwoordelijk\w*|eindredactie|vormgeving|fotografie"
    r"|opmaak|drukwerk)\s*:",
    _I,
)
# A table of contents: titles each followed by their page number, with or without a
# chapter number ("Inleiding 2", "2 Digitalisering 3", "13 Ruimtelijke ontwikkeling en
# Wonen 15 14 Financiën 17" where the lines ran together): an index of the document, whose
# chapters claim what they claim where they stand.
_TOC_ENTRY = r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?[^\W\d_][^\d.!?;:]*?\s+\d{1,3}"
_TABLE_OF_CONTENTS = re.compile(rf"\s*{_TOC_ENTRY}(?:\s+{_TOC_ENTRY})*\s*")

# A list of labels: three or more comma-separated items that each start with a capital
# ("Wonen, Integraal beheer Openbare ruimte, Duurzame leefomgeving"): a portfolio, menu or
# index, not the speaker's claims.
_LABEL_LIST_MIN = 3

# Party names carry a place or a theme word that is neither ("Leefbaar Zeewolde"), and so
# do national parties' names ("GroenLinks", "Partij voor de Dieren", "BoerBurgerBeweging").
_PARTY = re.compile(
    r"\b(?:Leefbaar|Lokaal|Gemeentebelangen|Dorpsbelangen|Lijst|LPF|WIJ|Samen|Groep)"
    r"(?:\s+[A-Z0-9][\w'-]*)+"
    r"|\bGroen\s?[Ll]inks\b|\bPartij voor de (?:Dieren|Arbeid|Vrijheid)\b"
    # A local party named as one word ("Dorpspartij", "Seniorenpartij", "Dorpsbelang") or
    # as a place's interest ("Texels Belang", "Gemert-Bakels Belang"; tried only where a
    # word starts, not from each capital inside "A-A-A-…")
    r"|\b[A-Z][a-z]+(?:partij|belangen|belang)\b|(?<![\w-])[A-Z][\w-]*s\s+Belang(?:en)?\b"
    r"|\bBoer\s?Burger\s?Beweging\b|\b50\s?PLUS\b|\bChristen\s?Unie\b"
    r"|\b(?:Christen[- ]Democratisch Appèl|Volkspartij voor Vrijheid en Democratie)\b"
)
# A coalition named by its parties, as news on an agreement names it: three or more party
# names as the subject a sentence opens with ("GroenLinks, VVD, D66 en PvdA trekken …
# uit", "Ook willen CDA en VVD …" is not one: the subject must come first). One party alone
# is a party's wish, and two may as well be the opposition, not the coalition (most
# coalitions have three or more parties); a sentence naming the opposition is not the
# speaker's (checked in `_subjects`).
_NATIONAL_PARTY = (
    r"(?:VVD|CDA|D66|PvdA|Groen\s?[Ll]inks|GL|SP|Christen\s?Unie|CU|SGP|PVV|JA21|BBB|FvD"
    r"|Volt|PvdD|DENK|50\s?PLUS)\b"
)
_PARTY_NAME = rf"(?:{_NATIONAL_PARTY}|{_PARTY.pattern})"
_PARTIES_AS_SUBJECT = re.compile(
    rf"^\s*(?:(?:Ook|Daarnaast|Verder|Tegelijk|Bovendien)\s+)?(?:(?:[Dd]e\s+)?partijen\s+)?"
    rf"{_PARTY_NAME}(?:\s*(?:,|\ben\b|&)\s*{_PARTY_NAME}){{2,}}\s*,?\s+(?=[a-z])"
)

# A name written as one word with a capital inside ("WijkNU", "RegioCampus",
# "ChristenUnie"): a party, a project or a firm, whose theme word is part of the name.
_ONE_WORD_NAME = re.compile(r"\b[A-Z]?[a-z]+[A-Z][^\W_]*")
# A news dateline: the place in capitals opening the report ("WIJK BIJ DUURSTEDE De
# gemeente …", "MEPPEL - Een …"): a name, whatever words it is made of. A run of capitals
# with a word of five or more letters, or before a dash, so that an acronym ("WMO") opening
# a sentence stays a word.
_DATELINE = re.compile(
    r"^\s*(?:[A-Z]{2,}[\s-]+)*?(?:[A-Z]{5,}|[A-Z]{2,}(?=\s*[-–]\s))"
    r"(?:[\s-]+[A-Z]{2,})*(?=\s*(?:[-–]\s+)?[A-Z][a-z])"
)

# Capitalised words right after another capitalised word: the rest of a name ("Cees Taal").
_NAME_TAIL = re.compile(
    r"\b[A-Z][a-z][\w'-]*(?:\s+(?:van|de|der|den|ter)){0,2}\s+(?P<tail>[A-Z][\w'-]+)"
)
# The speaker's board as the one who acts ("Het nieuwe gemeentebestuur wil …"): who speaks,
# not governance as a theme.
# (Not after a preposition: "vertrouwen in het gemeentebestuur" is about trust in it.)
_SPEAKERS_BOARD = re.compile(
    rf"{_NOT_AFTER_PREPOSITION}\b(?:ons|dit|het)\s+(?:nieuwe\s+)?gemeentebestuur\b", _I
)
# A person named by an office ("wethouder Jan Zorgman", "burgemeester De Wijk"): the name,
# whatever theme word it holds.
_TITLED_NAME = re.compile(
    r"\b(?i:wethouder|burgemeester|gedeputeerde|minister|staatssecretaris|raadslid"
    r"|fractievoorzitter|voorzitter|directeur)\s+(?P<name>(?:[A-Z][\w'.-]*\s+){0,2}"
    r"(?:(?:van|de|der|den|ter|ten|het)\s+){0,3}[A-Z][\w'-]+)"
)

# A bracketed aside; brackets inside a word ("(privacy)gevoelige", "(v)mbo") mark an
# optional part of the word, not an aside.
_ASIDE = re.compile(r"(?<!\w)\([^()]*\)(?!\w)")

# A programme item needs no cue: a heading, a bullet, or a short line with no finite verb.
_ITEM_MAX_WORDS = 12
# A copula before a list makes it a portfolio or a name ("Zij is wethouder van Wonen, Zorg,
# …"), not what the speaker did.
_COPULAS = frozenset({"is", "zijn", "was", "waren", "wordt", "worden", "werd"})
_FINITE_VERB = re.compile(
    r"\b(?:is|zijn|was|waren|wordt|worden|werd|werden|heeft|hebben|had|hadden|gaat|gaan|kan|kunnen"
    r"|wil|willen|moet|moeten|zal|zullen|blijft|blijven|staat|staan|komt|komen)\b",
    _I,
)

# A subject that says a line is a clause with a verb, whatever the verb: a personal
# pronoun ("Voor u ligt …", "U leest …"), or "Dit"/"Dat"/"Er"/"Hier"/"Daar" opening the
# line before a lower-case word ("Dit levert banen op").
_CLAUSE_SUBJECT = re.compile(
    r"\b(?i:ik|jij|je|jullie|u|hij|zij|ze|we|wij)\b|^\s*(?:Dit|Dat|Er|Hier|Daar)\s+[a-z]"
)

# The speaker's body going through a procedure ("De gemeenteraad bespreekt de begroting op
# 6 november", "Het college presenteert de kadernota"): a report of a step, no item of a
# programme ("De gemeente kent een zwakke economie" still is one).
_BODY_ACTS = re.compile(
    r"^\s*(?:de|het)\s+(?:gemeenteraad|raad|college|gemeente|coalitie|gemeentebestuur)\s+"
    r"(?:bespreekt|behandelt|vergadert|beslist|besluit|stemt|presenteert|ontvangt|biedt"
    r"|stelt (?:\w+ ){0,3}?vast)\b",
    _I,
)

# A subordinate clause standing alone: "Zeker nu …", "Omdat …", "Zodat …".
_SUBORDINATE_OPENING = re.compile(
    r"\s*(?:(?:zeker|juist|vooral|ook|en|maar)\s+)?"
    r"(?:nu|omdat|zodat|doordat|terwijl|wanneer|hoewel|tenzij|mits|opdat|nadat|voordat)\b",
    _I,
)

METHOD = "zin-onderwerp-thema"
METHOD_SPEAKER = "zin-spreker-thema"
METHOD_ITEM = "programmapunt-spreker"
METHOD_PROBLEM = "probleem-zonder-onderwerp-spreker"
METHOD_IMPERSONAL = "zonder-handelende-spreker"
METHOD_PRONOUN = "voornaamwoord-spreker"
METHOD_RECURRING = "terugkerend-thema-spreker"
# How sure each rule is (gg:betrouwbaarheid): a named subject with a cue most, a problem
# or a claim with no subject of its own (given to the speaker) least.
CONFIDENCE = {
    METHOD: 0.8,
    METHOD_SPEAKER: 0.75,
    METHOD_PRONOUN: 0.7,
    METHOD_ITEM: 0.6,
    METHOD_PROBLEM: 0.55,
    METHOD_IMPERSONAL: 0.55,
    METHOD_RECURRING: 0.4,
}
# A theme the speaker's text names this often (`DocumentContext.theme_mentions`) is one it
# is about: a sentence on it in the speaker's own voice claims it, cue or no cue.
RECURRING_MIN_MENTIONS = 2
# ... and among the few it names most (ties kept): in a long text nearly every theme is
# named twice somewhere, and only its main themes are what it comes back to.
RECURRING_TOP = 6
# A programme, project or plan with a name of its own acts for itself ("Het programma
# Kansrijk Sporten zet in op sport"): no claim of the speaker's falls back on it.
_NAMED_UNDERTAKING = re.compile(
    r"\b(?:het|dit|ons|een)\s+(?:programma|project|plan|initiatief|fonds)\s+(?-i:[A-Z‘'\"“])", _I
)
# Theme terms that name a kind of municipal document: read without a cue, they name the
# document ("De gemeenteraad bespreekt de begroting op 6 november"), not its theme.
# (scheme terms: "programmabegroting" and "begrotingen" match as "begroting")
_DOCUMENT_KIND_TERMS = frozenset({"begroting", "meerjarenbegroting", "kadernota", "voorjaarsnota"})


# A budget or note named as the document, not as the finances: where something is written
# ("In deze begroting staat wat wij willen bereiken", "zit in de begroting", "hebben wij in
# deze begroting de transities uitgewerkt"), this one ("deze begroting"), or what it holds
# or is ("De voorjaarsnota bevat de ambities", "vormt de voorbereiding op", "De begroting
# 2019 is de eerste …"). The budget acted on stays the finances ("de begroting op orde
# brengen", "bezuinigen op de begroting", "een begroting die onder druk staat").
_DOCUMENT_PLACE_BEFORE = re.compile(
    r"\b(?:(?:in|uit|bij|via|volgens)\s+(?:de|deze|dit|het|onze|ons|die|een)\s+"
    r"|(?:deze|dit)\s+|voorliggende\s+)(?:[\w-]+\s+)?$",
    _I,
)
_DOCUMENT_HOLDS_AFTER = re.compile(
    r"\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s+)?(?:bevat\w*|vormt|vormen|beschrijft|geeft\s+\w+\s+"
    r"(?:weer|aan|inzicht)|weerspiegelt|borduurt|maakt\s+(?:\w+\s+){0,3}?deel|is\s+(?:de|een)\s+"
    r"(?:eerste|laatste|vertaling|uitwerking)|laat\s+zien\s+(?:hoe|wat|welke)|staat\s+wat)\b",
    _I,
)


# Money in the sentence: then the budget it names is the money too ("Het tekort in de
# begroting loopt op", "In onze begroting is te weinig geld", "Volgens de begroting dalen
# de reserves", "Deze begroting staat onder druk").
_MONEY_WORDS = re.compile(
    r"\b(?:tekort\w*|geld\w*|reserve\w*|bezuinig\w*|euro|miljoen\w*|financi\w*|sluitend\w*"
    r"|lasten\w*|ozb|belasting\w*|dekking\w*|overschot\w*|saldo\w*|kosten|uitgaven|inkomsten"
    r"|onder\s+druk|ombuiging\w*|taakstelling\w*)|€",
    _I,
)


def _names_the_document(text: str, hit: ThemeHit) -> bool:
    """Whether a document-kind hit (`_DOCUMENT_KIND_TERMS`) names the document itself."""
    if hit.term not in _DOCUMENT_KIND_TERMS or _MONEY_WORDS.search(text):
        return False
    # (a compound that only starts with the kind is something else: "deze begrotingsperiode")
    if not text[hit.start : hit.end].lower().endswith(("begroting", "begrotingen", "nota")):
        return False
    return bool(
        just_before(_DOCUMENT_PLACE_BEFORE, text, hit.start)
        or _DOCUMENT_HOLDS_AFTER.match(text, hit.end)
    )


# An opening phrase that sets something aside: "Behoudens nieuwe opgaven en ambities, …",
# "Afgezien van de tekorten, …". A cue inside it is what the sentence leaves out.
_SET_ASIDE = re.compile(
    r"^\s*(?:behoudens|afgezien van|behalve|met uitzondering van)\b[^,.;]*,", _I
)


# A thousands separator ("400.000 euro"): not the end of a sentence, which the cues'
# "[^.]" spans stop at ("trekken elk jaar 400.000 euro extra uit").
_THOUSANDS_DOT = re.compile(r"(?<=\d)\.(?=\d{3}\b)")


# A problem named as what the speaker means to remedy: "Het college wil de wachtlijsten in
# de jeugdzorg verkorten", "om de tekorten terug te dringen", "het wegwerken van
# achterstanden". The problem word is the object of the aim, so it states no problem the
# speaker faces; the sentence's other cue ("wil") says what it does. A problem word with a
# verb of its own ("de tekorten lopen op") stays one, and so does a remedy said to be hard
# or not done ("zijn moeilijk terug te dringen", "niet op te lossen").
_PROBLEM_OBJECT = (
    r"\b(?:\w*tekort\w*|wachtlijst\w*|wachttijd\w*|\w*knelpunt\w*|\w*achterstand\w*"
    r"|\w*problem\w*|\w*probleem\w*|overlast|uitval|leegstand|schulden|armoede"
    r"|eenzaamheid|criminaliteit|werkloosheid|woningnood|ondermijning|files?)\b"
)
# (not "beperken zich tot": confined to; "voorkomen" only with "te": alone it also means
# to occur, "problemen kunnen overal voorkomen")
_REMEDY_VERB = (
    r"(?:verkort(?:en)?|terug\s+te\s+dringen|terugdring(?:en|t)|terug\s+te\s+brengen"
    r"|terugbreng(?:en|t)|verminder(?:en|t)|te\s+verminderen|beperk(?:en|t)(?!\s+zich\b)"
    r"|te\s+beperken|oplossen|op\s+te\s+lossen|aanpakken|aan\s+te\s+pakken|wegwerken"
    r"|weg\s+te\s+werken|bestrijd(?:en|t)|te\s+bestrijden|tegengaan|tegen\s+te\s+gaan"
    r"|te\s+voorkomen|inlopen|in\s+te\s+lopen|wegnemen|weg\s+te\s+nemen|verklein(?:en|t)"
    r"|te\s+verkleinen|dichten|te\s+dichten|omlaag\s+(?:te\s+)?brengen)"
)
# What may stand between the problem word and its remedy verb: not a word that ends the
# problem's own clause or gives it a verb of its own ("De tekorten stegen en we willen ze
# terugdringen", "die we willen terugdringen"), nor one that makes the remedy hard.
_NOT_IN_THE_GAP = (
    r"(?:die|dat|waar\w*|maar|en|of|want|omdat|terwijl|doordat|dus|moeilijk|lastig|niet"
    r"|nauwelijks|amper|zijn|is|was|waren|wordt|worden|werd|werden|blijft|blijven|bleef"
    r"|bleven|lopen|loopt|liep|liepen|nemen|neemt|nam|namen|stijgen|stijgt|steeg|stegen"
    r"|groeien|groeit|groeide|groeiden|kunnen|kan)"
)
_REMEDIED = re.compile(
    # the object before its verb, in one clause, with nothing that makes it hard or undone
    rf"{_PROBLEM_OBJECT}(?:\s+(?!{_NOT_IN_THE_GAP}\b)[\w’'-]+){{0,6}}?\s+{_REMEDY_VERB}\b"
    # the remedy as a noun before its object: "het terugdringen van de wachtlijsten",
    # "aanpak van de tekorten" ("We pakken de overlast aan" is the first form)
    r"|\b(?:het\s+)?(?:terugdringen|verkorten|verminderen|beperken|oplossen|aanpakken"
    r"|aanpak|bestrijden|bestrijding|wegwerken|tegengaan|vermindering|verkorting"
    rf"|oplossing|inlopen|dichten)\s+van\s+(?:[\w’'-]+\s+){{0,3}}?{_PROBLEM_OBJECT}",
    _I,
)
# A remedy said to be hard or to fail: the problem stands ("Het is moeilijk om de
# wachtlijsten te verkorten", "Het lukt ons niet om …", "We weten niet hoe …").
_REMEDY_FAILS = re.compile(
    r"\b(?:moeilijk|lastig|nauwelijks|amper|onmogelijk|niet|geen|nooit|lukt\s+niet"
    r"|mislukt\w*|tevergeefs)\b",
    _I,
)


def _faces_a_problem(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the problem cue `pattern` matches `text` other than as the object of a
    remedy the speaker aims at (`_REMEDIED`); a sentence that says the remedy is hard or
    fails faces its problem whatever its form. The spans are in order, so each cue
    match is looked up by bisection: a sentence of many remedies stays linear."""
    if _REMEDY_FAILS.search(text):
        return pattern.search(text) is not None
    remedied = [m.span() for m in _REMEDIED.finditer(text)]
    if not remedied:
        return pattern.search(text) is not None
    starts = [lo for lo, _ in remedied]
    for m in pattern.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or m.start() >= remedied[i][1]:
            return True
    return False


def relation_of(text: str) -> URIRef | None:
    """The relation a sentence's cue states, or None when it states none (a cue in an
    opening phrase that sets something aside does not count). A problem the sentence
    means to remedy is no problem it faces: the remedy's own cue decides, and without one
    it is a priority."""
    text = _THOUSANDS_DOT.sub(" ", text)
    aside = _SET_ASIDE.match(text)
    if aside:
        text = " " * aside.end() + text[aside.end() :]
    remedy = False
    for pattern, relation in CUES:
        if relation != GG.StaatVoor:
            if pattern.search(text):
                return relation
        elif _faces_a_problem(pattern, text):
            return relation
        elif pattern.search(text):
            remedy = True
    return GG.Prioriteert if remedy else None


def _masked(text: str, mentions: list, themes: ThemeScheme, speaker: str | None = None) -> str:
    """The text with party names, name tails, place names, the names of accounts and
    committees and an agreement's kind blanked (same length): no theme comes from a name
    ("GroenLinks", "wethouder Jan Zorg", "Waterland", "de reserve Sociaal Domein", "het
    bestuursakkoord"). A run of capitals that is a theme's own term as a whole is the
    theme written with capitals, as programmes do ("bezuinigen op het Sociaal Domein"),
    not a name."""
    spans = [m.span() for m in _PARTY.finditer(text)] + [
        m.span() for m in _NAME_TAIL.finditer(text) if not _whole_term(themes, m.group())
    ]
    spans += [m.span() for m in _ONE_WORD_NAME.finditer(text)]
    spans += [m.span("name") for m in _TITLED_NAME.finditer(text)]
    spans += [m.span() for m in _SPEAKERS_BOARD.finditer(text)]
    spans += [m.span() for m in _DATELINE.finditer(text)]
    spans += [m.span() for m in _ACCOUNT_NAME.finditer(text)]
    spans += [m.span() for m in _PLACE_KIND.finditer(text)]
    spans += [m.span() for m in _PROCEDURE.finditer(text)]
    spans += [m.span() for m in _AGREEMENT_KIND.finditer(text)]
    spans += [m.span() for m in _DOCUMENT_NAME.finditer(text)]
    spans += [m.span() for m in _ANY_PLACE.finditer(text)]
    spans += [m.span() for m in _BUSINESS_CLIMATE.finditer(text)]
    spans += [m.span() for m in _PLACE_TO_LIVE.finditer(text)]
    spans += [m.span("where") for m in _BY_THE_STATION.finditer(text)]
    spans += [m.span("place") for m in _SELF_AS_VILLAGE.finditer(text)]
    # (homes being built stay house building: "500 nieuwe woningen die energieneutraal zijn";
    # the building phrases are looked for only when something is made sustainable, which
    # few sentences say)
    sustainable = [m for rx in _MADE_SUSTAINABLE for m in rx.finditer(text)]
    if sustainable:
        built = [(h.start, h.end) for h in building_hits(themes, text)]
        spans += [
            m.span("place")
            for m in sustainable
            if not any(s <= m.start("place") < e for s, e in built)
        ]
    spans += [m.span(m.lastgroup or 0) for m in _CONCERN.finditer(text)]
    spans += [m.span() for m in _NOT_INSULATION.finditer(text)]
    spans += [m.span("letter") for m in _CIRCULAR_LETTER.finditer(text)]
    spans += [m.span("waste") for m in _WASTE_CHARGED.finditer(text)]
    spans += [(m.start, m.end) for m in mentions]
    if speaker:
        spans += [m.span() for m in _short_name(speaker).finditer(text)]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


# Endings that make a place's people or adjective ("Krimpenaren", "Krimpense", "Bosschers").
_DEMONYM_ENDING = r"(?:s|se|er|ers|aar|aren|enaar|enaren|naar|naren|ense|enser|ensen)?"


@lru_cache(maxsize=64)
def _short_name(name: str) -> re.Pattern[str]:
    """The speaker's name by its first word, as locals write it ("Krimpen moet de broekriem
    aanhalen", "de Krimpense wijken", "KRIMPEN A/D IJSSEL"), with its people and adjective:
    a name, whatever theme word it holds ("krimp"). Capitalised or in capitals only."""
    first = re.split(r"[\s,'’-]+", name.strip())[0]
    if len(first) < 4:
        return re.compile(r"(?!)")
    word = re.escape(first)
    # (in capitals only the word itself: "LAND" of Land van Cuijk, not "LANDBOUW")
    return re.compile(rf"\b(?:{word}{_DEMONYM_ENDING}|{re.escape(first.upper())})\b")


def _whole_term(themes: ThemeScheme, words: str) -> bool:
    hits = themes.match(words)
    return len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(words)


def _blanked(text: str, start: int, end: int) -> str:
    """`text` with `text[start:end]` as spaces: same length, so offsets keep."""
    return text[:start] + " " * (end - start) + text[end:]


def negation_scopes(text: str) -> list[tuple[int, int]]:
    """Spans a negation covers: from the negation word to the end of its clause, or to a
    "maar" that contrasts ("niet X maar Y") or a clause that says which problem is left to
    solve ("geen plan om de problemen rond het zwembad op te lossen")."""
    scopes = []
    quotes = quoted_spans(text)
    for start, end in clauses(text):
        clause = text[start:end]
        resume = 0  # after a "maar" that ended a scope, the next negation has its own
        for m in NEGATION.finditer(clause):
            if m.start() < resume or any(s <= start + m.start() < e for s, e in quotes):
                continue
            begin = m.start()
            item = _NEGATED_ITEM.match(clause, m.start())
            if item is not None:
                scopes.append((start + begin, start + item.end()))
                continue  # a later negation in the clause has its own scope
            if _NEGATED_PREDICATE.match(clause, m.start()):
                # before the affirming phrases: "niet langer een speerpunt" denies, where
                # "niet langer wachten" affirms
                begin = _predicate_subject_start(clause, m.start())
            elif _AFFIRMING_NEGATION.match(clause, m.start()) or _affirms(clause, m.start()):
                continue
            # "niet X maar Y" denies X and asserts Y: "dat we niet meer met krimp maar met
            # woningnood te maken hebben"
            contrast = _CONTRAST.search(clause, m.end())
            purpose = _PROBLEM_TO_SOLVE.search(clause, m.end())
            stops = [x for x in (contrast, purpose) if x is not None]
            if not stops:
                scopes.append((start + begin, end))
                break
            stop = min(stops, key=lambda x: x.start())
            scopes.append((start + begin, start + stop.start()))
            if stop is not contrast:
                break
            resume = contrast.end()  # "geen woningen maar ook geen zwembad": both denied
    return scopes


# The "maar" of "niet X maar Y", where a negation's scope ends.
_CONTRAST = re.compile(r"\bmaar\b", _I)
# A purpose clause that names a problem: "nog geen ramingen opgenomen om de problematiek
# rondom de Cultuurfabriek op te lossen" denies the means, not the problem.
# (only a problem to be solved: "geen reden om aan te nemen dat het tekort groeit" denies)
_PROBLEM_TO_SOLVE = re.compile(
    r"\bom\s+(?=(?:[^\W\d_]+\s+){0,6}?(?:\w*problem\w*|\w*tekort\w*|knelpunt\w*)\b"
    r"(?:\s+[^\W\d_]+){0,5}?\s+(?:op\s+te\s+lossen|aan\s+te\s+pakken|te\s+dekken"
    r"|weg\s+te\s+werken|te\s+verhelpen|te\s+verkleinen)\b)",
    _I,
)

# Where the subject of a negated predicate may begin: after a comma, a subordinating word,
# or an "en"/"of" that joins two clauses (a finite verb or a subject pronoun before it).
_SUBJECT_BOUNDARY = re.compile(r"[,;]|\b(?:dat|omdat|want|maar|terwijl|en|of)\b", _I)


def _predicate_subject_start(clause: str, negation: int) -> int:
    """The start of the subject a negated predicate denies: "Wij investeren in wonen en
    armoede is geen speerpunt" denies poverty, not housing; "Voor het college zijn armoede
    en schulden geen prioriteit" denies both. Verbs and subjects are found once, so a long
    clause with many "en" stays linear."""
    marks = [m.start() for m in _FINITE_VERB.finditer(clause, 0, negation)]
    marks += [m.start() for m in _CLAUSE_SUBJECT.finditer(clause, 0, negation)]
    marks.sort()
    for boundary in reversed(list(_SUBJECT_BOUNDARY.finditer(clause, 0, negation))):
        if boundary.group().lower() not in ("en", "of"):
            return boundary.end()
        # an "en" joins two clauses when a verb or a subject stands on each side of it
        verb_before = bisect.bisect_left(marks, boundary.start()) > 0
        verb_after = bisect.bisect_left(marks, boundary.end()) < len(marks)
        if verb_before and verb_after:
            return boundary.end()
    return 0


def _affirms(clause: str, at: int) -> bool:
    """ "zijn we er natuurlijk niet": the affirming phrase ends at the negation word."""
    return any(m.start() <= at < m.end() for m in _AFFIRMING_NEGATION.finditer(clause))


def is_label_list(text: str) -> bool:
    """Three or more comma-separated items (after any "Name:" lead) that each start with a
    capital: a list of portfolios, menu entries or index terms."""
    items = [item.strip() for item in text.rsplit(":", 1)[-1].split(",")]
    items = [item for item in items if item]
    if len(items) > 1 and _FINITE_VERB.search(items[-1]) and not _FINITE_VERB.search(items[0]):
        # the list is the subject of a clause ("Wonen, Zorg en Sport zijn onze speerpunten"):
        # a sentence, not a menu
        return False
    if (
        len(items) > 1
        and SELF_REFERENCE.search(items[0])
        and (
            ((verb := _FINITE_VERB.search(items[0])) and verb.group().lower() not in _COPULAS)
            or relation_of(items[0]) is not None
        )
    ):
        # the list is what the speaker did or does ("Zo hebben we onder andere een
        # Omgevingsvisie, Mobiliteitsvisie, … opgesteld", "We realiseren 700 woningen op De
        # Velst, Eikenhof II en …"): a sentence, not a menu
        return False
    capitalised = [item for item in items if item[:1].isupper()]
    return len(capitalised) >= _LABEL_LIST_MIN and len(capitalised) * 3 >= len(items) * 2


def is_programme_item(text: str, passage_kind: str) -> bool:
    """A heading, a bullet, or a short verbless line of a programme.

    A line that opens with a subordinating conjunction is no item but a subordinate
    clause left on its own ("Zeker nu deze bestaanszekerheid door inflatie, …"): it says
    why or when, and claims nothing by itself. A line naming the document itself
    ("Programmabegroting 2024") is its label, not an item. A line with a subject pronoun
    or opening with "Dit"/"Er" and a verb is a clause whatever its verb ("Dit levert banen
    op.", "Voor u ligt de begroting.", "U leest het hier."): `_FINITE_VERB` knows only
    the commonest verbs, a subject says there is one.
    """
    if _DOCUMENT_LABEL.fullmatch(text):
        return False
    if passage_kind in ("kop", "streepje", "opgave"):
        return True
    words = text.split()
    if _SUBORDINATE_OPENING.match(text) or _CLAUSE_SUBJECT.search(text) or _BODY_ACTS.match(text):
        return False
    return len(words) <= _ITEM_MAX_WORDS and not _FINITE_VERB.search(text)


class _Roles:
    """Which names of one text are used for a role, not as a subject: funders,
    initiators, a committee, a person's employer ("Hans Giesing (Nijmegen)", "Arnold
    Kooij, gemeente Meierijstad"), a commissioning body, or a place given as an
    illustration ("zoals in Delft"). What holds for the whole text is read once, not once
    per name: a sentence that names a thousand municipalities stays linear."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.all_roles = bool(
            FUNDED.search(text) or INITIATIVE.search(text) or COMMITTEE.search(text)
        )
        self.people = [m.span() for p in (PERSON, ATTRIBUTION) for m in p.finditer(text)]

    def in_a_role(self, actor: Actor) -> bool:
        if self.all_roles:
            return True
        if just_before(_COMMISSIONED, self.text, actor.start) or just_before(
            _ILLUSTRATION, self.text, actor.start
        ):
            return True
        return any(start <= actor.start < end for start, end in self.people)


# "in opdracht van de gemeente X", "geschreven door ..., X", "met dank aan X"
_COMMISSIONED = re.compile(
    r"\b(?:in opdracht van|op verzoek van|geschreven door|met dank aan|auteurs?:?)"
    r"\s+(?:de gemeenten?\s+)?(?:[\w-]+,?\s+){0,3}$",
    _I,
)
# "zoals in Delft", "neem bijvoorbeeld Gouda": an example place, not a subject.
_ILLUSTRATION = re.compile(
    r"\b(?:zoals|bijvoorbeeld|neem|denk aan|net als)\s+(?:in\s+|de gemeenten?\s+)?$"
    # a comparison: "de bezuinigingen die een gemeente als Arnhem doorvoert", "vergelijkbaar
    # met Arnhem", "in vergelijking met Ede"
    r"|\b(?:een|andere|grote|kleine) (?:\w+ )?(?:gemeenten?|steden|stad) (?:als|zoals)\s+$"
    r"|\b(?:vergelijkbaar met|in vergelijking met|vergeleken met|anders dan)\s+"
    r"(?:de gemeente\s+)?$",
    _I,
)


def _demonym(name: str) -> re.Pattern[str]:
    """Words made from the speaker's name: its people and its adjective ("Middelburger",
    "Rotterdammers", "Zutphenaren", "Middelburgse"), which a municipality uses for itself."""
    return re.compile(rf"\b{re.escape(name)}[^\W\d_]{{1,5}}\b")


def _subjects(
    ctx: DocumentContext,
    text: str,
    mentions: list,
    item: bool,
    problem: bool,
    relation: URIRef | None = None,
) -> tuple[list[Actor], str]:
    """Who claims: the municipalities the sentence names, else the speaker where the text
    refers to it or the claim has no agent of its own."""
    actors = _named_actors(text, mentions)
    speaker = ctx.speaker
    if speaker is not None and any(a.code == speaker.code and not a.partner for a in actors):
        # the speaker acting with partners ("Samen met de gemeenten Elburg en Ermelo is de
        # gemeente Oldebroek druk met de woondeal"): its own text speaks of its own claim
        actors = [a for a in actors if not a.partner]
    if (
        actors
        and speaker is not None
        and ctx.genre.speaker_refs
        and all(a.partner for a in actors)
        and (SELF_REFERENCE.search(text) or _PRONOUN_SUBJECT.search(text))
    ):
        # the speaker with partners only named ("Ook willen ze samen met Vlieland gaan
        # kijken naar …"): it acts with them
        return [Actor(speaker.code, 0, 0, speaker.name, "spreker"), *actors], METHOD_SPEAKER
    if actors:
        return actors, METHOD
    if speaker is None or not ctx.genre.speaker_refs:
        return [], METHOD
    if not_the_speakers(text):
        return [], METHOD
    self_reference = (
        SELF_REFERENCE.search(text)
        or (not speaker.is_network and _demonym(speaker.name).search(text))
        or (_PARTIES_AS_SUBJECT.match(text) and not _OPPOSITION.search(text))
    )
    if self_reference:
        return [Actor(speaker.code, 0, 0, speaker.name, "spreker")], METHOD_SPEAKER
    if item:
        return [Actor(speaker.code, 0, 0, speaker.name, "spreker")], METHOD_ITEM
    if problem:
        # a problem stated with no subject of its own, in a text about the speaker
        return [Actor(speaker.code, 0, 0, speaker.name, "spreker")], METHOD_PROBLEM
    if relation is not None and _IMPERSONAL.search(text):
        # a claim with no agent, in a text about the speaker
        return [Actor(speaker.code, 0, 0, speaker.name, "spreker")], METHOD_IMPERSONAL
    return [], METHOD


def not_the_speakers(text: str) -> bool:
    """Whether a sentence is no claim of the speaker's whatever its words: a form's field,
    a list of labels, another government or the opposition acting, a portfolio, or words
    a speech tag gives to the opposition ("…, zegt oppositieleider X")."""
    if _FORM_FIELD.match(text) or is_label_list(text) or someone_else_acts(text):
        return True
    if _PORTFOLIO.search(text):
        return True
    if _SCOPE_LISTED.search(text) and relation_of(text) is None:
        return True
    tag = _SPEECH_TAG.search(text)
    return bool(tag and _OPPOSITION.search(tag.group()))


def _named_actors(text: str, mentions: list) -> list[Actor]:
    """The municipalities a sentence names as actors, not in a role."""
    roles = _Roles(text)
    return [
        a
        for a in municipality_actors(text, mentions, prefer_municipality=True, partners=True)
        if not a.is_network and not roles.in_a_role(a)
    ]


def _recurring_speaker(ctx: DocumentContext, text: str, mentions: list) -> Actor | None:
    """The speaker, for a sentence of its text with no claim of its own that names a theme
    the text comes back to (`METHOD_RECURRING`); None where another municipality, another
    government, a named programme or the opposition is the sentence's actor, where it
    continues a list, or where it is a form's field or a list of labels."""
    speaker = ctx.speaker
    if speaker is None or not ctx.genre.speaker_refs or continues_claim(text):
        return None
    recurring = ctx.themes_named_most(RECURRING_TOP, RECURRING_MIN_MENTIONS)
    if not any(
        hit.concept in recurring or recurring.intersection(ctx.themes.ancestors(hit.concept))
        for hit in ctx.theme_hits(text)
    ):
        return None
    if _NAMED_UNDERTAKING.search(text) or not_the_speakers(text):
        return None
    if any(a.code != speaker.code for a in _named_actors(text, mentions)):
        return None
    return Actor(speaker.code, 0, 0, speaker.name, "spreker")


def _involving_relation(text: str) -> URIRef | None:
    """Involving residents is itself acting ("Daarbij worden ook inwoners betrokken"): a
    claim where no cue word says more."""
    if any(rx.search(text) for rx in (_INVOLVES, _INVOLVED, _TOGETHER_WITH, _IN_DIALOGUE)):
        return GG.Onderneemt
    return None


def _involving_hits(ctx: DocumentContext, found: list[re.Match[str]]) -> list[ThemeHit]:
    """Citizen participation where the speaker involves residents, neighbourhoods or
    villages (`_INVOLVES`) or stands close to its residents (`_STANDS_CLOSE`): a hit on the
    verb phrase; and where people decide or think along (`_TAKES_PART`): on the verbs."""
    concept = ctx.themes.terms.get(_INVOLVING_TERM)
    if concept is None:
        return []
    hits = []
    for m in found:
        if "verb" in m.re.groupindex:
            start, end = m.span("verb")
        else:
            start = m.start()
            end = m.start("who") if "who" in m.re.groupindex else m.end()
        words = m.string[start:end]
        hits.append(ThemeHit(concept, start, end, _INVOLVING_TERM, words))
    return hits


# The rest of a list of partners after the residents: ", ondernemers", " en de raad",
# ", maatschappelijke partners"
# (up to three words an item, none a preposition or a relative pronoun, which end the list
# as in `_WITH_PARTNERS`).
_PARTNER_WORD = r"(?!(?:en|of|voor|om|aan|in|op|over|bij|van|naar|die|dat|door)\b)[^\W\d_]+"
_MORE_PARTNERS = re.compile(
    rf"(?:\s*,\s*|\s+en\s+)(?:{_PARTNER_WORD}\s+){{0,2}}{_PARTNER_WORD}\b", re.IGNORECASE
)


def _partner_list_end(m: re.Match[str]) -> int:
    """Where the list of partners that `m`'s residents open ends."""
    end = m.end("who")
    while (more := _MORE_PARTNERS.match(m.string, end)) is not None:
        end = more.end()
    return end


# Deciding, choosing or thinking along with residents is participation itself, however the
# sentence goes on: "samen met inwoners beslissen over de inrichting van hun buurt".
_DECIDING_ALONG = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:beslissen|beslist|bepalen|bepaalt|besluiten|kiezen|keuzes\s+maken"
    r"|meedenken|nadenken|praten|spreken|in\s+gesprek)\b",
    _I,
)


def _manner_only(
    ctx: DocumentContext,
    hits: list[ThemeHit],
    participating: list[re.Match[str]],
    positive: list[URIRef],
) -> bool:
    """Whether citizen participation rests only on working "samen met inwoners" on
    something the claim names as well ("Samen met inwoners stellen we een verkeersplan
    op", "de zorg innoveren, samen met onze inwoners"): that says how the work is done,
    not that participation is a task of its own. Read on the claim's final hits, so that
    a theme later dropped (a side word, a reason) leaves participation standing ("We
    willen samen met inwoners de wijk veiliger maken"); alone it stands ("Maar vooral:
    samen met onze inwoners"), and so does deciding along ("samen met inwoners beslissen
    over hun buurt")."""
    concept = ctx.themes.terms.get(_INVOLVING_TERM)
    manner = [m for m in participating if m.re is _TOGETHER_WITH]
    if concept is None or concept not in positive or not manner:
        return False
    if any(_DECIDING_ALONG.match(m.string, _partner_list_end(m)) for m in manner):
        return False
    starts = {m.start() for m in manner}
    if any(
        h.concept == concept and not (h.term == _INVOLVING_TERM and h.start in starts) for h in hits
    ):
        return False  # participation named in its own words too
    # the partners listed with the residents ("samen met inwoners, ondernemers en
    # medeoverheden") are who works along, not what is worked on
    partners = [(m.start(), _partner_list_end(m)) for m in manner]
    return any(
        h.concept != concept
        and h.concept in positive
        and not any(s <= h.start < e for s, e in partners)
        for h in hits
    )


# Everyone taking part ("waar voor iedereen plaats is om mee te doen", "zodat iedereen
# volwaardig kan meedoen", "waar iedereen die dat wil, mee kan doen", "Ieder mens doet
# mee"): inclusion, not re-integration into work, which "meedoen" alone names. The
# phrase's words from "iedereen" to the verb give one inclusion hit. Taking part in
# something named is that thing ("iedereen kan meedoen met de verduurzaming", "aan een
# sportvereniging"), but society is inclusion itself ("meedoet aan de samenleving"); a
# comma before "en"/"maar" opens another clause ("voor iedereen, en de bedrijven doen mee").
_EVERYONE_TAKES_PART = re.compile(
    r"\b(?:iedereen|ieder(?:e)?\s+(?:mens|inwoner)|elke\s+inwoner)\b"
    r"(?:(?:,(?!\s+(?:en|maar|of|want)\b))?\s+[^\W\d_]+){0,6}?,?"
    r"\s+(?P<verb>meedoen|meedoet|mee\s+(?:te\s+)?doen|mee\s+(?:\w+\s+)?doen|doe[tn]\s+mee)\b"
    r"(?!\s+(?:met|aan)\s+(?:de|het|een)\s+(?!(?:samenleving|maatschappij)\b))",
    _I,
)
_INCLUSION_TERM = "inclusie"


def _inclusion_hits(ctx: DocumentContext, text: str) -> tuple[str, list[ThemeHit]]:
    """The text with the verbs of `_EVERYONE_TAKES_PART` blanked, and an inclusion hit for
    each such phrase."""
    concept = ctx.themes.terms.get(_INCLUSION_TERM)
    if concept is None:
        return text, []
    hits = []
    for m in _EVERYONE_TAKES_PART.finditer(text):
        hits.append(ThemeHit(concept, m.start(), m.end(), _INCLUSION_TERM, m.group(0)))
        text = _blanked(text, *m.span("verb"))
    return text, hits


# The three tasks the Rijk handed to municipalities named together ("het geld dat de
# gemeente van het Rijk krijgt voor de Wmo, Jeugdzorg en Participatiewet", "de drie
# domeinen (jeugdhulp, wmo, Participatiewet)"): the decentralisations. The Participatiewet
# among them is a task carried out, not re-integration as a topic; care and youth keep
# their themes.
# (the Wmo also as the AWBZ's tasks moved to it: "AWBZ-Wmo", "AWBZ/Wmo")
_TASK = r"(?:de\s+)?(?:awbz\s*[-/]\s*)?(?P<{}>wmo|jeugd(?:zorg|hulp|wet)?|participatiewet)"
_THREE_TASKS = re.compile(
    rf"\b{_TASK.format('a')}\s*(?:,|\ben\b)\s*{_TASK.format('b')}\s*(?:,\s*)?(?:\ben\b\s*)?"
    rf"{_TASK.format('c')}\b",
    _I,
)
_DECENTRALISATION_TERM = "drie decentralisaties"


def _decentralisation_hits(ctx: DocumentContext, text: str) -> tuple[str, list[ThemeHit]]:
    """The text with the Participatiewet of `_THREE_TASKS` blanked, and a decentralisation
    hit for each such triple."""
    concept = ctx.themes.terms.get(_DECENTRALISATION_TERM)
    if concept is None:
        return text, []
    hits = []
    for m in _THREE_TASKS.finditer(text):
        words = [m.group(g).lower()[:4] for g in "abc"]
        if len(set(words)) < len(words) or "part" not in words:
            continue
        hits.append(ThemeHit(concept, m.start(), m.end(), _DECENTRALISATION_TERM, m.group(0)))
        law = next(g for g in "abc" if m.group(g).lower().startswith("part"))
        text = _blanked(text, *m.span(law))
    return text, hits


# A deficit with no object of its own ("grote tekorten verwacht", "een tekort van 1,6
# miljoen") is the budget's: the municipality's finances. A deficit of a field ("de
# tekorten in de jeugdhulp") is that field's, a shortage of something ("een tekort aan
# personeel", "het tekort op de woningmarkt") that thing's, and "komen tekort" (to lack)
# is no noun at all.
_DEFICIT = re.compile(
    r"(?:\btekorten|\b(?:een|het|dit|dat|structureel|structurele|groot|grote|fors|forse"
    r"|financieel|jaarlijks|jaarlijkse|oplopend|oplopende)\s+tekort)\b"
    r"(?!\s+(?:aan|doen|gedaan|in|op|bij|binnen|voor)\b)(?![^.;:]{0,30}?\w*markt\b)",
    _I,
)
# A scheme term of the finances a deficit's hit carries.
_DEFICIT_TERM = "financiële tekorten"


# A cut or a dearer tariff spread over a list of things ("Ook bezuinigt de gemeente op de
# bibliotheek, woningaanpassingen en passende kinderopvang", "verlaagt de budgetten voor het
# onderhoud van wegen, het verwijderen van obstakels en voor onkruidbestrijding", "verhoogt
# de tarieven van sporthallen, het zwembad, bouwvergunningen en huwelijken"): the task is the
# budget's; each thing named is where money is found, touched in passing. One or two things
# cut stay what is cut ("we bezuinigen op de jeugdzorg").
_CUT_OVER = re.compile(
    # ("korten": "kort" is also "zitten kort op", keeping a close watch)
    r"\b(?:bezuinig(?:t|en|de|den)|bespa(?:art|ren)|korten)\s+(?:[\w-]+\s+){0,4}?op\s+"
    r"|\b(?:verlaagt|verlagen|verlaagd|vermindert|verminderen|schrapt|schrappen)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:budget\w*|subsidie\w*|bijdrage\w*)\s+(?:voor|aan|van|op)\s+"
    r"|\b(?:verhoogt|verhogen|verhoogd)\s+(?:[\w-]+\s+){0,4}?(?:tarieven|tarief|leges|prijzen)"
    r"\s+(?:van|voor)\s+",
    _I,
)
# The things of such a list, up to the end of its clause: a full stop, a semicolon, a
# contrast or a reason ("…op de bibliotheek, maar investeren in …"), or a new clause with
# its verb first ("…op hun energierekening, verminderen ze hun uitstoot").
_CUT_LIST = re.compile(
    r"(?:(?!\b(?:maar|terwijl|omdat|want|zodat|doordat|waardoor|waarmee|die|dat)\b)"
    r"(?!,\s*(?:en\s+)?[^\W\d_]+\s+(?:we|wij|ze|zij|het\s+college|de\s+gemeente)\b)"
    r"[^.;:()])+",
    _I,
)
_LIST_SEPARATOR = re.compile(r"\s*,\s*|\s+(?:en|of)\s+(?:voor\s+|op\s+)?", _I)
CUT_LIST_MIN_ITEMS = 3
_CUT_TERM = "bezuiniging"
# A word that negates what stands near it: shared by the cut lists, the good state and the
# past deeds below ("bezuinigen niet op", "is niet positief", "zijn niet behaald").
_NEGATION_WORD = re.compile(r"\b(?:niet|geen|nooit|zonder)\b", _I)


def _cut_lists(ctx: DocumentContext, text: str) -> tuple[str, list[ThemeHit]]:
    """`text` with the things of a cut spread over a list (`_CUT_OVER`) blanked, and a hit
    on the finances for each such cut. A list is spread when it has at least
    CUT_LIST_MIN_ITEMS things in more than one theme; a cut on one theme ("korten op
    Kulturhus, bibliotheek en Parkgebouw") is a claim on that theme."""
    concept = ctx.themes.terms.get(_CUT_TERM)
    hits = []
    cuts = list(_CUT_OVER.finditer(text))
    for n, m in enumerate(cuts):
        things = _CUT_LIST.match(text, m.end())
        if things is None:
            continue
        # (up to the next cut: "korten op A, B en C, besparen op D")
        end = min([things.end(), *(c.start() for c in cuts[n + 1 :])])
        items = [i for i in _LIST_SEPARATOR.split(text[m.end() : end]) if i.strip()]
        # (the cut's own clause: from the comma or the sentence's start before it)
        clause = max(text.rfind(",", 0, m.start()), text.rfind(";", 0, m.start())) + 1
        if len(items) < CUT_LIST_MIN_ITEMS or _NEGATION_WORD.search(text, clause, m.end()):
            continue  # (what is not cut is kept: a claim on each thing)
        themes = ctx.themes.most_specific([h.concept for h in ctx.theme_hits(text[m.end() : end])])
        if len(set(themes)) < 2:
            continue
        text = _blanked(text, m.end(), end)
        if concept is not None:
            start, stop = m.span()
            hits.append(ThemeHit(concept, start, stop, _CUT_TERM, text[start:stop]))
    return text, hits


def _deficit_hits(ctx: DocumentContext, text: str) -> list[ThemeHit]:
    """Municipal finances where the text names a deficit with no object (`_DEFICIT`)."""
    concept = ctx.themes.terms.get(_DEFICIT_TERM)
    if concept is None:
        return []
    hits = []
    for m in _DEFICIT.finditer(text):
        start = m.end() - len(m.group().split()[-1])
        hits.append(ThemeHit(concept, start, m.end(), _DEFICIT_TERM, text[start : m.end()]))
    return hits


# Attention, policy or help given to a group itself ("Aandacht voor ouderen", "extra
# aandacht voor jongeren", "beleid voor senioren", "een buurtgerichte aanpak voor
# jongeren", "ondersteuning van mantelzorgers"): the group's word, weak elsewhere ("voor
# jongeren bouwen we"), is what the claim is about.
_FOCUS_ON = re.compile(
    r"\b(?:(?:aandacht|prioriteit|beleid|zorg|inzet|aanpak|programma|activiteiten|ondersteuning"
    r"|hulp|begeleiding) (?:voor|aan|op)"
    # "van" only after support given ("ondersteuning van mantelzorgers"), not help from
    # someone ("met hulp van ouderen renoveren we")
    r"|(?:ondersteuning|begeleiding) van) (?:de |onze |alle )?(?:[^\W\d_]+ )?$",
    _I,
)


def _group_in_focus(text: str, hits: list[ThemeHit]) -> set[URIRef]:
    """Concepts of weak hits that attention or policy is given to (`_FOCUS_ON`)."""
    return {h.concept for h in hits if h.weak and just_before(_FOCUS_ON, text, h.start)}


@dataclass(frozen=True)
class _Claim:
    """Who a sentence's claim is about and how, for a list that continues it. `carried`:
    the claim ends the paragraph before; only a pronoun continues it."""

    subjects: list[Actor]
    method: str
    relation: URIRef | None
    start: int
    carried: bool = False
    # the sentence announces what follows ("We zien drie thema's telkens terugkomen."): a
    # verbless sentence after it is that list
    announces: bool = False


# A sentence that counts what comes next: "We zien in deze kadernota drie thema's telkens
# terugkomen.", "De coalitie kiest voor de volgende speerpunten:"
_ANNOUNCED = re.compile(
    r"\b(?:twee|drie|vier|vijf|zes|zeven|enkele|een\s+aantal|de\s+volgende)\s+(?:\w+\s+)?"
    r"(?:thema|speerpunt|prioriteit|hoofdpunt|kernpunt|pijler|opgave|ambitie|doel)\w*['’]?s?\b",
    _I,
)


def _announces(text: str) -> bool:
    return bool(_ANNOUNCED.search(text)) and text.rstrip()[-1:] in ".:"


# A clause inside a list's item, up to the next comma: "het feit dat steeds meer mensen
# moeite hebben om rond te komen", "de tekorten die we zien".
_ITEM_CLAUSE = re.compile(
    # ("om" only with its "te": "om die reden is …" has its main clause's verb)
    # ("die", "dat" after a preposition point, not relate: "om die reden is …", "in dat geval")
    r"(?:(?<!\bom\s)(?<!\bop\s)(?<!\bin\s)(?<!\bmet\s)(?<!\bvan\s)(?<!\bvoor\s)(?<!\bdoor\s)"
    r"(?<!\bbij\s)(?<!\bna\s)(?<!\buit\s)(?<!\baan\s)\b(?:dat|die)"
    r"|\b(?:waar\w*|wat|om(?=[^,;:]*\bte\s)|omdat|doordat|wie))\b[^,;:]*",
    _I,
)


_AIM_AT_END = re.compile(r"\bte\s+[^\W\d_]+\s*[.!?]?\s*$", _I)


# A part that opens with its verb and subject: a main clause ("…, proberen de
# zorgaanbieders meer personeel aan te nemen", "…, namen we besluiten").
_MAIN_CLAUSE_OPENING = re.compile(
    r"^\s*[^\W\d_]+\s+(?:we|wij|ze|zij|ik|u|de|het|er|dit|dat|onze|ons)\b", _I
)


def _only_aims(text: str) -> bool:
    """Whether every part of a sentence after "Om" is an aim ("… te stellen, beter naar ze
    te luisteren"): each ends on its infinitive and none is a main clause. Not "Om de
    begroting sluitend te maken, namen we besluiten", nor "Om te beginnen krijgt de
    bibliotheek een nieuw dak"."""
    parts = [part for part in re.split(r"[,;:]", text) if part.strip(" .!?")]
    return all(
        _AIM_AT_END.search(part) and (n == 0 or not _MAIN_CLAUSE_OPENING.match(part))
        for n, part in enumerate(parts)
    )


# A sentence that opens on what the one before named: "Deze bepalen …", "Die vragen …".
_REFERS_BACK = re.compile(r"\s*(?:deze|die|zij|ze)\s+(?-i:[a-z])", _I)


def continues_claim(text: str) -> bool:
    """Whether a sentence only continues the list of the one before ("Zoals …", "Denk
    bijvoorbeeld aan …"). A verb inside an item's own clause ("het feit dat steeds meer
    mensen moeite hebben") does not make the sentence one of its own."""
    lead = _CONTINUATION.match(text)
    if lead is None or (lead.group("aim") and not _only_aims(text[lead.end() :])):
        return False
    # (after the lead: "Voorbeelden daarvan zijn …" has its verb in the lead)
    rest = _ITEM_CLAUSE.sub(lambda m: " " * len(m.group()), text[lead.end() :])
    return not _FINITE_VERB.search(rest)


# A problem gone: "Daarmee is de belangrijkste druk op het jeugdzorgdossier weggenomen",
# "het tekort werd opgelost" (not "wordt opgelost", a task, nor "is niet opgelost").
_SOLVED = re.compile(
    r"\b(?:is|zijn|werd|werden|heeft|hebben)\s+(?:(?!niet\b|nog\b|geen\b)[\w(),-]+\s+){0,12}?"
    r"(?:weggenomen|opgelost|verholpen|weggewerkt)\b",
    _I,
)
# Verbs of a norm, a wish, a possibility or a future.
_MODAL = r"(?:moet|moeten|zal|zullen|kan|kunnen|wil|willen|gaat|gaan)"
# Solved for now or in part, or not yet, the problem stays: "op de korte termijn
# weggenomen", "(deels)"
_STILL_OPEN = re.compile(
    r"\b(?:korte\s+termijn|voorlopig|tijdelijk|deels|gedeeltelijk|voor\s+een\s+deel|incidenteel"
    # a norm, a future, a possibility or a denial: "moet in 2026 zijn opgelost", "kunnen
    # alleen samen worden opgelost", "is allerminst opgelost"
    rf"|{_MODAL}|allerminst|nauwelijks|zelden|nooit|pas|als|indien|wanneer)\b",
    _I,
)


# A line of a vision, a noun phrase with no verb of its own, also amid prose ("Een Breda
# waar mensen zich veilig voelen.", "Naar een Breda met meer groen en gelijkere kansen."):
# a point of the speaker's programme, as a bullet would be.
_VISION_LINE = re.compile(r"\s*(?:(?:op weg )?naar |voor )?een\b", _I)
# A phrase that continues the sentence before it, as a list's point would ("Daarnaast
# blijven we investeren. In het sociaal domein, mobiliteit, woningen en duurzaamheid."):
# it opens with a preposition or a word that adds to what came before.
_FRAGMENT_OPENING = re.compile(
    r"\s*(?:in|op|met|voor|bij|naar|door|over|van|zoals|ook|en|maar|vooral|zowel"
    r"|onder\s+(?:andere|meer)|niet\s+alleen)\b",
    _I,
)
# A sentence this long is prose, not a point: a list's points and the fragments that
# continue a sentence are shorter ("Mensen met dementie, of een beperking.").
_PROSE_SENTENCE_MIN_WORDS = 8


def _in_prose(sentence: Sentence, sentences_in_paragraph: int) -> bool:
    """Whether a sentence is one of several of a paragraph of prose or of a list's point
    ("1. Krachten bundelen Waalwijk bestaat al meer dan 700 jaar …"), long
    enough to be a sentence of its own, and neither a line of a vision nor a phrase
    that continues the sentence before it."""
    return (
        sentence.passage_kind in ("alinea", "opgave", "streepje")
        and sentences_in_paragraph > 1
        and len(sentence.text.split()) >= _PROSE_SENTENCE_MIN_WORDS
        and not _VISION_LINE.match(sentence.text)
        and not _FRAGMENT_OPENING.match(sentence.text)
    )


# What was done: a verb in the simple past ("werden grote decentralisaties ingezet", "was de
# oprichting van het participatiebedrijf een mijlpaal"), or the perfect with a time gone by
# ("is het college afgelopen zomer in gesprek gegaan"), and no verb of the present or the
# future beside it. A text reports it as a result, not as a task (a problem of the past is
# still one: only acting and aiming are read so).
_PAST_VERB = re.compile(r"\b(?:werd|werden|was|waren|had|hadden)\b", _I)
_TIME_GONE_BY = re.compile(
    r"\b(?:afgelopen|vorig|vorige|voorgaande)\s+(?:\w+\s+)?(?:jaar|jaren|zomer|winter|periode"
    r"|raadsperiode|bestuursperiode|maanden|maand|weken|week)\b",
    _I,
)
_NOW_OR_LATER = re.compile(
    rf"\b(?:{_MODAL}|wordt|worden|ga|blijft|blijven|staat|staan|komt|komen|nog|verder|komende"
    r"|toekomst|straks|voortaan|vanaf|nu|jaarlijks|elk|ieder|volgend|dit\s+jaar)\b"
    # a purpose that goes on: "geld vrijgemaakt om te investeren in duurzaamheid"
    r"|\bom\s+(?:[\w-]+\s+){0,6}?te\b"
    # what was agreed, said or decided, in a clause of its own: "werd afgesproken dat we
    # jaarlijks 500 woningen bouwen"
    r"|\b(?:dat|zodat|waarmee|waarin)\s+(?:we|wij|de\s+gemeente|het\s+college|er)\b"
    # a second clause of the present: "… en dit jaar investeren we"
    r"|\ben\s+(?:nu|dit|daarom|daarnaast)\b",
    _I,
)
_PERFECT = re.compile(r"\b(?:is|zijn|heeft|hebben)\b", _I)
# A result reached, in the perfect: "Er zijn grote stappen gezet met …", "De overgang van
# de zorgtaken is vlekkeloos verlopen", "We hebben de sporthal opgeleverd" (what was done;
# no task unless the sentence says what is still to do)
_DONE = re.compile(
    r"\b(?:is|zijn|heeft|hebben)\s+(?:[\w'’-]+\s+){0,8}?"
    r"(?:stappen\s+gezet|(?:goed|vlekkeloos|soepel|voorspoedig|succesvol)\s+verlopen"
    r"|gerealiseerd|afgerond|opgeleverd|geopend|voltooid|behaald|gelukt"
    # built or laid out: "is in Gelderakkers al een splinternieuwe school gebouwd"
    r"|gebouwd|aangelegd|gerenoveerd|verbouwd)\b",
    _I,
)


def is_past_deed(text: str) -> bool:
    """Whether a sentence tells what was done (see `_PAST_VERB`), not what is to be done."""
    if _NOW_OR_LATER.search(text):
        return False
    if _PAST_VERB.search(text):
        return not _PERFECT.search(text) or bool(_TIME_GONE_BY.search(text))
    if _DONE.search(text):
        # (not what failed, "zijn niet behaald", nor a future pictured, "In 2035 zijn alle
        # scholen gerenoveerd": _in_a_vision)
        return not _NEGATION_WORD.search(text) and not _VISION_SENTENCE.match(text)
    return bool(_PERFECT.search(text) and _TIME_GONE_BY.search(text))


# The finances in good health, as a fact ("Heusden is een financieel gezonde gemeente", "De
# gemeente presenteert een sluitende begroting"): the finances are no problem, unless the
# sentence aims at it ("financieel gezond blijven", "streven naar een sluitende begroting").
_GOOD_STATE = re.compile(
    r"\bfinancieel\s+(?:gezond|gezonde|solide|stabiel|stabiele|sterk|sterke)\b"
    r"|\bsluitende\s+(?:meerjaren)?begroting\w*|\bbegroting\s+(?:is|blijft)\s+sluitend\b"
    # the finances said to be sound: "De financiële positie van onze gemeente is gezond",
    # "het financieel perspectief is gezond"
    r"|\bfinanci(?:eel|ele|ële)\s+(?:positie|situatie|perspectief|huishouding|basis)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:is|blijft)\s+(?:\w+\s+)?(?:gezond|solide|stabiel|sterk|goed|op\s+orde)\b"
    # the outlook said to be good: "is ook het meerjarenperspectief tot en met 2020 positief",
    # "het begrotingssaldo valt gunstig uit", "een zonniger beeld op de financiën"
    r"|\b(?:meerjaren\w*|financieel\s+perspectief|financiële\s+vooruitzichten|\w*saldo)\s+"
    r"(?:[\w-]+\s+){0,6}?(?:positief|gunstig|gunstiger|rooskleurig|rooskleuriger)\b"
    r"|\b(?:zonnig|rooskleurig|gunstig|positief)(?:er|ere|e)?\s+(?:financieel\s+)?beeld\s+"
    r"(?:op|van)\s+(?:de|onze)\s+(?:[\w-]+\s+)?financiën\b"
    # money that came in above what was counted on: "een hogere uitkering van het Rijk en
    # meer OZB-inkomsten"
    r"|\bhogere\s+(?:algemene\s+)?uitkering\s+(?:van\s+het\s+rijk|uit\s+het\s+gemeentefonds)"
    r"(?:\s+en\s+meer\s+[\w-]*inkomsten)?",
    _I,
)
_AIMED_AT = re.compile(
    r"\b(?:blijven|blijft|houden|behouden|streven|streeft|willen|wil|moet|moeten|doel\w*|naar"
    r"|terug|zorgen|ambitie|opdracht|opgave|gaan\s+voor|nodig|noodzakelijk|lukt|lukken"
    r"|ondanks|maar|echter|wel|toch|werken|werkt|kiezen|kiest|koers|bereiken|komen"
    r"|krijgen|maken|houdbaar|richting|zetten|inzet|aan\s+de\s+slag"
    # a principle or priority: "Uitgangspunten … zijn een sluitende meerjarenbegroting en …"
    r"|uitgangspunt\w*|speerpunt\w*|prioriteit\w*)\b",
    _I,
)
# ... stated as it is: "is een financieel gezonde gemeente", "presenteert een sluitende
# begroting", "gaan financieel gezond de toekomst in"
_STATED = re.compile(
    r"\b(?:is|zijn|was|waren|blijkt|bleek|presenteert|presenteerde|presenteren|toont|laat\s+zien"
    r"|heeft|hebben|gaan|gaat|staat|staan|valt|vallen|leidt|leiden|vertaalt|levert|leveren)\b"
    # "laat een financieel gezonde gemeente zien"
    r"|\blaat\s+(?:[\w-]+\s+){1,5}?zien\b",
    _I,
)


def good_state_scopes(text: str) -> list[tuple[int, int]]:
    """Spans stating the finances are sound (`_GOOD_STATE`), where nothing aims at it: a
    theme word in one is denied."""
    if _AIMED_AT.search(text) or not _STATED.search(text):
        return []
    # (a good state denied is a problem: "is de komende jaren niet positief", "levert geen
    # sluitende begroting op")
    return [
        m.span()
        for m in _GOOD_STATE.finditer(text)
        if not _NEGATION_WORD.search(text, max(0, m.start() - 12), m.end())
    ]


def _outside_phrases(hits: list[ThemeHit], phrases: list[ThemeHit]) -> list[ThemeHit]:
    """Word hits not inside a phrase whose words are only its parts (`WHOLE_PHRASES`):
    "samenwerking tussen overheid, onderwijs en bedrijfsleven" is the knowledge economy,
    not education. (Other phrases add their theme beside their words': "veilige
    fietsroutes" is road safety and cycling.)"""
    wholes = [p for p in phrases if p.term in WHOLE_PHRASES]
    return [
        h
        for h in hits
        if not any(p.start <= h.start and h.end <= p.end and p.concept != h.concept for p in wholes)
    ]


# A vision of the future: a heading that pictures a year to come ("Onze visie op 2050",
# "Zwolle in 2040", "Stip op de horizon 2035"), or a sentence that opens with one ("In 2040
# is Zwolle een …"). What its sentences describe in the present ("Scholen zijn van hoge
# kwaliteit", "Ouderen kunnen tot op hoge leeftijd thuis blijven wonen") is the speaker's
# aim, not a report of today.
_VISION_HEADING = re.compile(
    r"\b(?:visie|toekomstbeeld|toekomstvisie|stip\s+op\s+de\s+horizon|droom|koers|perspectief)\w*"
    r"\b[^.!?]{0,40}?\b(?P<year>20\d\d)\b"
    r"|^\s*(?:[\w'-]+\s+){0,3}(?:in|anno)\s+(?P<in_year>20\d\d)\s*$",
    _I,
)
_VISION_SENTENCE = re.compile(
    r"^\s*(?:in|anno)\s+(?P<year>20\d\d)\s+(?:is|zijn|heeft|hebben|staat|staan)\b", _I
)
# How far ahead a year must be to picture the future, not the budget year's plans.
_VISION_AHEAD = 5


def _in_a_vision(ctx: DocumentContext, text: str, section: str | None) -> bool:
    """Whether a sentence describes the future a vision pictures (`_VISION_HEADING`)."""
    if ctx.speaker is None or is_past_deed(text):
        return False
    found = _VISION_SENTENCE.match(text) or (_VISION_HEADING.search(section) if section else None)
    if found is None:
        return False
    year = int(next(y for y in found.groups() if y))
    return year >= ctx.info.year + _VISION_AHEAD


def _claims(
    ctx: DocumentContext,
    text: str,
    start: int,
    end: int,
    kind: str,
    mentions,
    before: _Claim | None = None,
    section: str | None = None,
    list_item: bool = False,
    denied: frozenset[URIRef] = frozenset(),
    in_prose: bool = False,
) -> _Claim | None:
    """Facts of one sentence or heading; returns who and how it claims, for a list line
    after it. `before`: the claim of the sentence before in the same paragraph; a verbless
    line that continues its list ("Zoals …", "Maar ook …") has its subjects and relation,
    and its evidence starts at that sentence. `list_item`: the text is an item of a run-in
    list and `before` the claim of its lead; a verbless item continues it ("De opgaven
    zijn: duurzaamheid; de Omgevingswet; …"). `section`: the heading the sentence stands
    under; a theme word with an everyday sense ("onderlinge samenwerking") gives way to the
    theme that heading names ("Sociaal Domein"). `denied`: themes the text under a heading
    says are no priority; the heading claims none of them. `in_prose`: the sentence is one
    of several of a paragraph of prose, and so no programme's point, whatever its verb
    ("Brede welvaart omvat veel meer dan alleen arbeid, inkomen en economie.")."""
    if _TABLE_OF_CONTENTS.fullmatch(text) or _CAPTION.match(text) or _COLOPHON.search(text):
        return None
    relation = relation_of(text) or _involving_relation(text)
    settled = False  # done or solved: no task, cue or no cue
    if relation == GG.StaatVoor and _SOLVED.search(text) and not _STILL_OPEN.search(text):
        relation, settled = None, True  # a problem the sentence says is gone
    if relation != GG.StaatVoor and is_past_deed(text):
        relation, settled = None, True  # what was done, not what is to be done
    # (a sentence of prose with no cue is no point of a programme; with one, a fragment
    # still speaks for the speaker: "Meer ruimte voor armoedebestrijding, vult X aan.")
    item = (
        ctx.speaker is not None
        and not (in_prose and relation is None)
        and is_programme_item(text, kind)
    )
    subjects: list[Actor] = []
    method = METHOD
    vision = relation is None and not settled and _in_a_vision(ctx, text, section)
    if vision:
        relation = GG.Prioriteert
    if relation is not None or item:
        subjects, method = _subjects(ctx, text, mentions, item, relation == GG.StaatVoor, relation)
    if vision and not subjects and ctx.speaker is not None and not someone_else_acts(text):
        # the future the speaker pictures is its aim, whoever the sentence's subject
        subjects = [Actor(ctx.speaker.code, 0, 0, ctx.speaker.name, "spreker")]
        method = METHOD_IMPERSONAL
    if subjects:
        claim = _Claim(subjects, method, relation, start, announces=_announces(text))
    elif (
        before is not None
        and not before.carried
        and (
            continues_claim(text)
            or ((list_item or before.announces) and not _FINITE_VERB.search(text))
        )
    ):
        # no subject of its own: the list it continues has one
        subjects, method, relation = before.subjects, before.method, before.relation
        claim = _Claim(subjects, method, relation, before.start)
    elif (
        before is not None
        and relation is not None
        and before.method in (METHOD_SPEAKER, METHOD_PRONOUN, METHOD_IMPERSONAL)
        and _PRONOUN_SUBJECT.search(text)
        and not someone_else_acts(text)
    ):
        # "ze"/"zij" continue the speaker of the claim before ("Verder willen ze …")
        subjects, method = before.subjects, METHOD_PRONOUN
        claim = _Claim(subjects, method, relation, start)
    elif (
        kind != "kop"
        and not settled
        and not list_item
        and (speaker := _recurring_speaker(ctx, text, mentions)) is not None
    ):
        # no cue, or no subject: the speaker's, on the themes its text comes back to
        subjects, method = [speaker], METHOD_RECURRING
        relation = relation or GG.Prioriteert
        claim = _Claim(subjects, method, relation, start)
    else:
        return None
    masked = _masked(text, mentions, ctx.themes, ctx.speaker.name if ctx.speaker else None)
    involved = [
        m
        for rx in (_INVOLVES, _INVOLVED, _TOGETHER_WITH, _NEAR, *_STANDS_CLOSE)
        for m in rx.finditer(masked)
    ]
    for m in involved:
        masked = _blanked(masked, *m.span("who"))
    participating = [m for m in involved if m.re is not _NEAR] + list(_TAKES_PART.finditer(masked))
    for m in _CONSULTED.finditer(masked):
        masked = _blanked(masked, *m.span("who"))
    masked, inclusion = _inclusion_hits(ctx, masked)
    masked, decentralised = _decentralisation_hits(ctx, masked)
    masked, cuts = _cut_lists(ctx, masked)
    scopes = negation_scopes(masked)
    if relation != GG.StaatVoor:
        scopes += good_state_scopes(masked)  # (a problem named beside it stands)
    phrases = phrase_hits(ctx.themes, text, masked) + with_named_governments(
        ctx.themes, text, {m.start for m in mentions}
    )
    hits = sorted(
        _outside_phrases(ctx.theme_hits(masked), phrases)
        + _involving_hits(ctx, participating)
        + _deficit_hits(ctx, masked)
        + building_hits(ctx.themes, masked)
        + phrases
        + inclusion
        + decentralised
        + cuts,
        key=lambda h: h.start,
    )
    # a bracketed aside lists examples ("Huisvesting bijzondere doelgroepen (statushouders
    # en zorgvragers …)"): its themes count only when the rest names none
    asides = [m.span() for m in _ASIDE.finditer(masked)]
    outside = [h for h in hits if not any(s <= h.start < e for s, e in asides)]
    hits = outside or hits
    if method == METHOD_RECURRING:
        # the name of the document's own kind ("de begroting", "de kadernota") says what it
        # is, not what it is about
        hits = [h for h in hits if h.term not in _DOCUMENT_KIND_TERMS]

    if item and relation is None:
        # a bare heading or point with no cue ("Samenwerking") says nothing of which sense an
        # everyday word has: only a word that names its theme alone counts
        hits = [h for h in hits if not h.ambiguous]
    if section and not decisive_concepts(hits):
        # an ambiguous word keeps the sense its heading's field gives it ("doorstroming"
        # under "Wonen" is the housing market's) and loses any other
        headed = {ctx.themes.top_concept(c) for c in decisive_concepts(ctx.theme_hits(section))}
        if headed:
            hits = [
                h for h in hits if not h.ambiguous or ctx.themes.top_concept(h.concept) in headed
            ]
    # the themes the claim is about: head nouns, not side words in modifiers or in
    # subordinate clauses (gemeentegraaf.extract.theme_roles)
    strong = set(strong_concepts(hits)) | _group_in_focus(masked, hits)
    strong |= enumerated_items(masked, hits) | predicate_adjectives(masked, hits)
    ranked = claim_hits(masked, hits, strong)
    confidence = CONFIDENCE[method] * (SUBORDINATE_FACTOR if ranked.subordinate else 1.0)
    positive: list[URIRef] = []
    negated: list[URIRef] = []
    # (the document named is dropped after ranking: the words it governs stay side words,
    # "ambities in het ruimtelijke domein" in "de basis voor deze begroting, omdat …")
    for hit in ranked.hits:
        if _names_the_document(masked, hit):
            continue
        inside = any(s <= hit.start < e for s, e in scopes)
        (negated if inside else positive).append(hit.concept)
    positive = [c for c in ctx.themes.most_specific(positive) if c not in denied]
    if _manner_only(ctx, ranked.hits, participating, positive):
        positive = [c for c in positive if c != ctx.themes.terms.get(_INVOLVING_TERM)]
    if method == METHOD_RECURRING:
        recurring = ctx.themes_named_most(RECURRING_TOP, RECURRING_MIN_MENTIONS)
        positive = [c for c in positive if c in recurring]
        negated = [c for c in negated if c in recurring]
    negated = [c for c in ctx.themes.most_specific(negated) if c not in positive]
    for actor in subjects:
        for theme in positive:
            add_challenge(
                ctx,
                actor,
                theme,
                claim.start,
                end,
                method,
                relation=relation,
                confidence=confidence,
            )
        for theme in negated:
            add_challenge(
                ctx, actor, theme, claim.start, end, method, negated=True, confidence=confidence
            )
    return claim


# A run-in list: after a colon, items that semicolons separate ("Een greep uit de plannen:
# er komt een jongerenraad; de gemeente zoekt …; er wordt ingezet op …"), as news pages
# sum up an agreement. Each item is a claim of its own, with its own subject and cue; an
# item with neither continues its lead's claim ("De opgaven zijn: duurzaamheid; de
# Omgevingswet; demografische ontwikkelingen").
_RUN_IN_MIN_ITEMS = 3


def run_in_items(text: str) -> list[tuple[int, int]]:
    """The spans of the lead and of each item of a run-in list; [] when the sentence
    is none (fewer than `_RUN_IN_MIN_ITEMS` items after its first colon). Without a colon,
    clauses that semicolons separate and that each open with a capital ("We realiseren 700
    woningen; We breiden de duurzaamheidslening uit; De OZB stijgt niet …", a list whose
    lead stood in the paragraph before) are such items too, the first among them."""
    colon = text.find(":")
    if colon < 0 or text.count(";", colon) < _RUN_IN_MIN_ITEMS - 1:
        return _capitalised_clauses(text)
    cuts = [colon, *(i for i, ch in enumerate(text) if ch == ";" and i > colon), len(text)]
    spans = [(0, colon)] + [(a + 1, b) for a, b in pairwise(cuts)]
    return [(lo, hi) for lo, hi in spans if text[lo:hi].strip()]


def _capitalised_clauses(text: str) -> list[tuple[int, int]]:
    """The spans of a run of semicolon-separated clauses that each open with a capital
    (the first as the lead); [] when there are fewer than `_RUN_IN_MIN_ITEMS`."""
    cuts = [-1, *(i for i, ch in enumerate(text) if ch == ";"), len(text)]
    spans = [(a + 1, b) for a, b in pairwise(cuts)]
    spans = [(lo, hi) for lo, hi in spans if text[lo:hi].strip()]
    if len(spans) < _RUN_IN_MIN_ITEMS:
        return []
    if not all(text[lo:hi].lstrip()[:1].isupper() for lo, hi in spans):
        return []
    return spans


def _carried(claim: _Claim | None) -> _Claim | None:
    """The claim a paragraph ends with, for the next paragraph's pronoun: news on an
    agreement names the coalition in one short paragraph and goes on with "ze" in the next
    ("De nieuwe coalitie … / Daarom willen ze extra inzetten op veiligheid"). Only a claim
    whose subject the sentence named (or a pronoun continued) is carried."""
    if claim is None or claim.method not in (METHOD_SPEAKER, METHOD_PRONOUN):
        return None
    return replace(claim, carried=True)


# The title of a table of contents ("Inhoud", "Inhoudsopgave", "Indeling") ending its line
# or before the first entry's number ("Indeling 1. Inleiding"): from there to the first
# sentence of prose (`index_span`), the lines are its index.
_PROSE_MIN_WORDS = 6
# A sentence that ends in a full stop after a lower-case word: prose, whatever its verb.
_ENDS_AFTER_A_WORD = re.compile(r"[a-zà-ÿ][.!?]['’”)]*$")
_INDEX_TITLE = re.compile(
    r"(?:^|(?<=\d\)\s)|(?<=\d\))|(?<=\d\s)|(?<=\n))\s*(?:inhoud(?:sopgave)?|indeling)\b"
    r"(?=[ \t]*(?:\n|$|\d{1,2}\.)"
    # entries run on after it, a page number before or after each title: "INHOUDSOPGAVE
    # Inhoudsopgave 1 Aanbiedingsbrief 3 Leeswijzer 10 …", "Inhoud Inleiding 3 Conclusie 11",
    # as a PDF's text may give them
    r"|(?:\s+inhoud(?:sopgave)?)?\s+(?:\d{1,3}\s+)?[^\W\d_]+\s+\d{1,3}\s+[^\W\d_])",
    _I,
)
# How far a table of contents may run before its first sentence of prose; past that, the
# title was something else and nothing is taken for an index.
_INDEX_MAX_CHARS = 4000


def index_span(ctx: DocumentContext) -> tuple[int, int] | None:
    """Where a table of contents stands, as clean-text offsets: from its title ("Inhoud",
    "Inhoudsopgave", "Indeling", opening a sentence or after a page number such as "2)") to
    the first sentence of prose, at most `_INDEX_MAX_CHARS` on. Its entries are chapter
    titles, with or without page numbers ("Indeling / 1. / Inleiding / 2. / Verbindend
    bestuur …", as a PDF's text gives them, on lines of their own or run together), that
    name every chapter once more: they claim what they claim where the chapters stand.
    Only a title before the first sentence of prose counts (a table of contents opens a
    document)."""
    for sentence in ctx.sentences:
        title = _INDEX_TITLE.search(sentence.text)
        if title is not None:
            begin = sentence.start + title.start()
            break
        if _is_prose(sentence.text):
            return None
    else:
        return None
    after = (s for s in ctx.sentences if s.start > begin and _is_prose(s.text))
    first_prose = next(after, None)
    if first_prose is None or first_prose.start - begin > _INDEX_MAX_CHARS:
        return None
    return begin, first_prose.start


def _is_prose(text: str) -> bool:
    """A sentence, not an entry: six words or more, with a verb or ending in a full stop
    after a lower-case word ("Wij bouwen 2000 woningen voor starters.")."""
    words = text.split()
    if len(words) < _PROSE_MIN_WORDS:
        return False
    return bool(_FINITE_VERB.search(text) or _ENDS_AFTER_A_WORD.search(text))


@register("uitdaging-zin")
def sentence_challenges(ctx: DocumentContext) -> None:
    before: _Claim | None = None
    paragraph = None
    index = index_span(ctx)
    sizes = Counter(s.paragraph for s in ctx.sentences)
    for sentence in ctx.sentences:
        if sentence.passage_kind in ("voetnoot", "tabelcel", "inhoud"):
            continue
        # (the sentence that holds the title may start before it: "3 INHOUDSOPGAVE …")
        if (
            index
            and sentence.start < index[1]
            and sentence.end > index[0]
            and not _is_prose(sentence.text)
        ):
            continue  # an entry of the table of contents
        if sentence.paragraph != paragraph:
            before, paragraph = _carried(before), sentence.paragraph
        items = run_in_items(sentence.text)
        if items:
            lead: _Claim | None = None
            for n, (lo, hi) in enumerate(items):
                piece = sentence.text[lo:hi]
                claim = _claims(
                    ctx,
                    piece,
                    sentence.start + lo,
                    sentence.start + hi,
                    sentence.passage_kind,
                    ctx.find(piece),
                    lead,
                    sentence.section.text if sentence.section else None,
                    list_item=n > 0,
                )
                if n == 0:
                    lead = claim
            before = None
            continue
        claim = _claims(
            ctx,
            sentence.text,
            sentence.start,
            sentence.end,
            sentence.passage_kind,
            ctx.mentions(sentence),
            before,
            sentence.section.text if sentence.section else None,
            in_prose=_in_prose(sentence, sizes[sentence.paragraph]),
        )
        if (
            claim is None
            and before is not None
            and _REFERS_BACK.match(sentence.text)
            and not is_past_deed(sentence.text)
            and not _SOLVED.search(sentence.text)
        ):
            # a sentence on what the claim before named, claiming nothing itself: a list
            # after it still continues that claim ("We staan voor grote opgaven. Deze
            # bepalen ons akkoord. Denk hierbij aan de wooncrisis, …")
            claim = before
        before = claim
    if ctx.speaker is None or not ctx.genre.speaker_refs or ctx.structure is None:
        return
    # Headings are a programme's items too ("Voortvarend bouwen"); the document's title
    # is not: its first heading when nothing stands before it.
    passages = [p for p in ctx.structure.passages if p.text.strip()]
    headings = [p for p in passages if p.kind == "kop"]
    if headings and passages[0] is headings[0]:
        headings = headings[1:]
    with_body = _sections_with_body(ctx.structure)
    headings = [
        h
        for h in headings
        if h.section in with_body or not _bare_label(ctx, ctx.text[h.norm_start : h.norm_end])
    ]
    denied = _denied_by_section(ctx)
    for heading in headings:
        text = " ".join(heading.text.split())
        if not text or (index and index[0] <= heading.norm_start < index[1]):
            continue
        mentions = ctx.find(ctx.text[heading.norm_start : heading.norm_end])
        _claims(
            ctx,
            ctx.text[heading.norm_start : heading.norm_end],
            heading.norm_start,
            heading.norm_end,
            "kop",
            mentions,
            denied=frozenset(denied.get(heading.section or "", ())),
        )


# Text under a heading: a word of two letters or more, outside a Markdown image ("![foto](…)")
# and not a rule ("---").
_BODY_WORD = re.compile(r"[^\W\d_]{2,}")
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
# The words of a heading that only labels a part: "Hoofdstuk 2", "Deel een", "Thema: …".
_LABEL_WORDS = frozenset(
    {"en", "of", "de", "het", "een", "hoofdstuk", "deel", "thema", "programma", "paragraaf"}
    | {"bijlage", "inleiding"}
)


def _sections_with_body(structure: Document) -> set[str]:
    """The keys of the sections that hold text of their own or in a subsection."""
    parents = {s.key: s.parent for s in structure.sections}
    with_body: set[str] = set()
    for passage in structure.passages:
        key = passage.section
        if passage.kind == "kop" or not _BODY_WORD.search(_MARKDOWN_IMAGE.sub("", passage.text)):
            continue
        while key is not None and key not in with_body:
            with_body.add(key)
            key = parents.get(key)
    return with_body


def _bare_label(ctx: DocumentContext, text: str) -> bool:
    """Whether a heading is no more than theme names and a part's label ("Wonen", "Armoede
    en schulden", "Hoofdstuk 2"). With nothing under it, such a heading announces a part
    that says nothing, and claims nothing; a heading that says more ("Betaalbaar bouwen
    voor starters") is a programme's point in its own right, text under it or not."""
    rest = list(text)
    for hit in ctx.theme_hits(text):
        rest[hit.start : hit.end] = " " * (hit.end - hit.start)
    words = _BODY_WORD.findall("".join(rest).lower())
    return all(word in _LABEL_WORDS for word in words)


def _denied_by_section(ctx: DocumentContext) -> dict[str, set[URIRef]]:
    """Per section: the themes one of its sentences says are no priority ("Cultuur is voor
    deze coalitie geen prioriteit"). The section's heading ("Cultuur en financiën") names
    what the section is about, and would otherwise claim the very priority it denies."""
    denied: dict[str, set[URIRef]] = {}
    for sentence in ctx.sentences:
        key = sentence.section.key if sentence.section else None
        if key is None or not _NEGATED_PREDICATE.search(sentence.text):
            continue
        scopes = negation_scopes(sentence.text)
        for hit in ctx.theme_hits(sentence.text):
            if any(start <= hit.start < end for start, end in scopes):
                denied.setdefault(key, set()).add(hit.concept)
    return denied
