"""The theme scheme (ontology/themes.ttl) and a fast matcher that finds themes in Dutch text.

`ThemeScheme.load()` reads the SKOS scheme; `match(text)` returns every theme
term found, with its character span, from one compiled regular expression.

How a term matches (the terms are the Dutch prefLabel, altLabels and
hiddenLabels of the main scheme's concepts):

- at the start of a word, taking the rest of the word along: the stem
  "woning" finds "woningbouw" and "woningmarkt";
- a term of six letters or more also as the last part of a Dutch compound:
  "woning" finds "huurwoningen", "armoede" finds "kinderarmoede";
- inside one word the leftmost term wins, and at one position the longest:
  "woningbouwopgave" is Woningbouw, "energiearmoede" is Energiearmoede and
  not Armoede, "beroepsbevolking" is Arbeidsmarkt and not Demografie;
- an adjective made from a theme noun names no theme where the noun it qualifies
  names one ("innovatieve woningbouw" is Woningbouw);
- words that only look like a theme are dropped (`_FALSE_FRIENDS`): the verb
  "zorgen" ("ervoor zorgen dat") is not the theme Zorg, "politiek" is not
  "politie", "staatsschuld" is not household debt, "natuurlijk" not nature;
- and so are terms inside a phrase that gives them another sense
  (`_FALSE_FRIEND_PHRASES`): "een ondernemende cultuur" and "onderdeel van de
  cultuur" are about the culture of an organisation or a city, not about
  cultural heritage; "in samenwerking met" says how, "diversiteit aan" means variety;
- nor does a term count inside a web address ("…/data/downloadables/…" is not
  about data) or an agency's name (gemeentegraaf.text.agencies: "Immigratie- en
  Naturalisatiedienst" is not migration, "Dienst Uitvoering Onderwijs" not
  education).

Reports' own schemes (one per report, mapped onto the main scheme): a section's
concept is found by its number or title (`section_concepts`), and stands for the
main themes it is skos:closeMatch to, else skos:broadMatch to (`mapped`). A
skos:narrowMatch theme (a section wider than that theme) is never the section's
theme by itself: it counts where the text names it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gemeentegraaf.common.namespaces import ID
from gemeentegraaf.common.resources import ONTOLOGY_DIR
from gemeentegraaf.text.agencies import agency_spans
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

THEMES_FILE = ONTOLOGY_DIR / "themes.ttl"
MAIN_SCHEME = URIRef(str(ID) + "thema")
THEME_BASE = str(ID) + "thema/"

# Headings a document must share with a report scheme to be read with it.
_MIN_SCHEME_HEADINGS = 3

# Terms this long (in letters) may also end a compound ("huurwoningen").
_COMPOUND_TAIL_MIN = 6

# Terms that name their theme at the start of a word ("klimaatbeleid") but not as the
# last part of a compound: a "woonklimaat", "investeringsklimaat" or "opgroeiklimaat" is
# the conditions for living, investing or growing up, not the climate; a
# "mediaknooppunt" is a hub of firms, not of roads.
# ("afvalbrengstation", "tankstation", "laadstation" are no railway stations: "station"
# counts as a word or a compound's head, "treinstation", "busstation")
_NOT_A_COMPOUND_TAIL = frozenset({"klimaat", "centrum", "knooppunt", "station"})

# An adjective term in -aal or -eel ("energieneutraal", "crimineel") is written with one
# vowel and an -e before a noun ("een energieneutrale gemeente"); the stem match does not
# see that form, so it is added. (Nouns keep their form: "huur", "school" get none.)
_LONG_VOWEL_END = re.compile(r"(?<=[^\W\d_]{3})([ae])\1l$")

_LETTER = r"[^\W\d_]"

# Whole matched words (lower case) that are not the theme their stem suggests.
# Found by running the matcher over the corpus and reading the hits.
_FALSE_FRIENDS = re.compile(
    r"""
    zorg(?:en|t|de|den|end|ende)           # verb "zorgen (voor/dat)", noun "zorgen" = worries
    | groene[nr]? | groener\w* | groenst\w*  # the adjective ("groene energie"), not the
    | groente\w* | groen\s?links            # green of the town; vegetables; a party
    | zorgvuldig\w* | zorgelijk\w* | zorgwekkend\w* | zorgza\w*   # careful, caring
    | politiek\w* | politici                 # politics, not police
    | (?:staats|overheids)schuld\w* | verschuldigd\w* | schuldig\w* | onschuld\w*
    | natuurlijk\w*                          # "natuurlijk" = of course
    | veiligheidshalve                       # "to be safe"
    | energiek(?:e|er|ere|st|ste)?            # energetic (not "energiekosten")
    | verkeerd\w* | verkeer(?:t|en|den)      # wrong, to be in ("verkeert in zwaar weer"):
    #                                        not traffic
    | inclusief                              # "including"
    | minimaal | minimale | minimum\w*       # not "minima" (low-income households)
    | woont | woonde | woonden | wonend | woonachtig\w* | woonplaats\w*
    | kunstmatig\w* | kunststof\w*
    | cultuuromslag\w* | cultuurverandering\w* | \w+cultuur(?:en)?   # organisational culture
    | (?:werk|woon|leef)milieu\w*            # kinds of urban area, not the environment
    | \w*veiligheidsnorm\w*                  # a building's or a dike's technical standard
    | inkrimp\w*                             # cutting back ("inkrimpende budgetten"), not decline
    | huuropbrengst\w* | huurinkomst\w*      # the municipality's rental income
    | stadswinkel\w*                         # a municipal service desk
    | basisinfrastructuur\w*                 # the social "basic infrastructure"
    | spoort | sporen                        # "spoort niet" (does not match), traces
    | buig(?:en|t|ing\w*)                    # to bend
    | drugsknooppunt\w*
    | kernenerg\w* | kernwapen\w* | stadskern\w*   # nuclear power, a city centre: not villages
    | wijkt                                  # the verb: "wijkt af van", "wijkt voor"
    | bestuursperiode\w* | bestuurstermijn\w*  # a time ("de komende bestuursperiode")
    | dorpscoöperatie\w*                     # a village co-operative
    | novio\w*                               # Novio(magus), not the NOVI
    | verouder\w*                            # "verouderen", not older people
    | applicatielandschap\w*
    | samenwerkende                          # "de samenwerkende partijen": who, not a topic
    | (?!onroerendezaak)\w+belasting(?:en)?  # a local tax is finance, not the theme of its
    | (?!verhuurders?heffing)\w+heffing(?:en)?   # base ("toeristenbelasting", "rioolheffing");
    #                                        the OZB has no base: a finance term of its own
    | (?!(?:mei|september|december)circulaires?\b)\w+circulaire\w*   # the state's letters
    #                                        on the municipal fund, not the circular
    #                                        economy (the three named ones are finance terms)
    """,
    re.VERBOSE,
)

# Firms or sectors short of staff: "Bedrijven hebben niet genoeg personeel", "Zorg,
# onderwijs en techniek kampen met een groot tekort aan personeel" (the labour market;
# phrase_themes reads it so). Not when the municipality comes between: "Net als de zorg
# heeft onze gemeente te weinig personeel" is its own staff.
STAFF_SHORTAGE = (
    r"(?:bedrijven|werkgevers|ondernemers|ondernemingen|sectoren|winkels|boeren|zorg|onderwijs"
    r"|techniek|bouw|horeca|kinderopvang|scholen|zorginstellingen)\s+"
    r"(?:(?!(?:gemeente|gemeentelijke|wij|we|onze|ons|college)\b)[\w,]+\s+){0,5}?"
    r"(?:niet\s+genoeg|te\s+weinig|geen|zoeken|zoekt|missen|kampen\s+met|vinden\s+geen"
    r"|moeite\s+met|(?:een\s+)?(?:groot\s+|groeiend\s+)?(?:tekort|gebrek)\s+aan)\s+"
    r"(?:\w+\s+){0,2}?(?P<word>personeel)\b"
)

# Phrases in which a theme term means something else: no hit may take in the
# word in <word> (any whitespace between the words, any case).
_FALSE_FRIEND_PHRASES = tuple(
    re.compile(rf"(?<!{_LETTER}){phrase}(?!{_LETTER})", re.IGNORECASE)
    for phrase in (
        r"ondernemende\s+(?P<word>cultuur)",  # an enterprising culture
        # who people are, not the arts: "ongeacht achtergrond, geloof of cultuur", "een
        # cultuur waarin argumenten beschadigen" (a way of doing things)
        r"(?:achtergrond|afkomst|geloof|religie|etniciteit|huidskleur)\W+(?:\w+\W+)?(?:of|en)\s+"
        r"(?P<word>cultuur)",
        r"(?P<word>cultuur)\s*,?\s+(?:of|en)\s+(?:achtergrond|afkomst|geloof|religie|etniciteit)",
        r"(?:een|de|onze)\s+(?P<word>cultuur)\s+(?:waarin|waarbij|van\s+(?:openheid|vertrouwen"
        r"|wantrouwen|angst|samenwerking))",
        # with care, not health care: "Met zorg investeren in de toekomst"
        r"met\s+(?:veel\s+|grote\s+)?(?P<word>zorg)(?=\s+[^\W\d_]{3,}en\b)(?!\s+(?:voor|aan)\b)",
        # a municipality that can be reached, by phone or at the desk, not by road: "een
        # gemeente die goed bereikbaar is als eerste aanspreekpunt", "voor alle inwoners goed
        # en makkelijk bereikbaar zijn; digitaal …"
        r"(?P<word>bereikba\w*)\s+(?:\w+\s+){0,3}?als\s+(?:eerste\s+)?aanspreekpunt",
        r"(?:digitaal|telefonisch|persoonlijk)\s+(?:\w+\s+){0,2}?(?P<word>bereikba\w*)",
        r"(?P<word>bereikba\w*)\s+(?:\w+\s+){0,2}?(?:digitaal|telefonisch|per\s+telefoon|aan\s+het\s+loket)",
        # waste named with the sewer and the property tax is a charge: "De kosten voor afval,
        # riool en OZB blijft laag"
        r"(?P<word>afval)(?=\s*(?:,|en)\s*(?:riool|ozb|onroerende))",
        r"(?:kosten|lasten|tarieven|heffing\w*)\s+(?:voor|van)\s+(?:het\s+)?(?P<word>afval)",
        # the first half of two local taxes: "de toeristen- en forensenbelasting"
        r"(?:\(\w+\))?(?P<word>[^\W\d_]+)-\s+(?:en|of)\s+[^\W\d_]+(?:belasting|heffing)(?:en)?",
        r"onderdeel\s+van\s+de\s+(?P<word>cultuur)",  # "zelfsturing is onderdeel van de cultuur"
        r"naar\s+(?P<word>werk(?:baar|bare)\w*)",  # "naar werkbare oplossingen"
        # "geeft de schuld aan het rijk": blame, not debt
        r"(?:geeft|geven|gaf|gaven|krijgt|krijgen|kreeg)\s+(?:\w+\s+)?de\s+(?P<word>schuld)",
        # "in samenwerking met de gemeente", "in samenspraak en samenwerking met partijen": how
        # something is done, not cooperation as a topic
        r"in\s+(?:\w+\s+en\s+)?(?P<word>samenwerking)\s+met",
        # "de diversiteit aan ondernemers": variety, not diversity as a policy field
        r"(?P<word>diversiteit)\s+aan",
        # "gezinnen in al hun diversiteit": in all their variety
        r"in\s+al\s+(?:hun|haar|zijn|z'n)\s+(?P<word>diversiteit)",
        # "voor mens, dier en natuur": everyone and everything, not nature policy
        r"mens,?\s+(?:en\s+)?dier\s+en\s+(?P<word>natuur)",
        # "sociaal aan het werk voor Oldambt", "we moeten hard aan het werk om …": the
        # speaker at work for its town or an aim, not employment ("mensen aan het werk
        # helpen" is)
        r"aan\s+het\s+(?P<word>werk)\s+(?:voor|om)\b",
        # working on something ("hard aan het werk met het ontwikkelen van woningbouw")
        r"aan\s+het\s+(?P<word>werk)\s+met\s+(?:het|de)\s+[^\W\d_]+en\b",
        # "door de bomen het bos niet meer zien": too much to see clearly, not trees
        r"door\s+de\s+(?P<word>bomen)\s+het\s+bos",
        # "in goede banen leiden": steering well, not jobs
        r"in\s+(?:(?:de\s+)?(?:goede|juiste)\s+)?(?P<word>banen)\s+(?:te\s+)?(?:leiden|leidt|leidde|geleid)",
        # a centre of something ("Centrum voor Jeugd en Gezin"), the central municipality of
        # a region ("centrumgemeente", "centrumregeling"): not the town centre
        # (a name: "het Centrum voor Jeugd en Gezin", "het Klant Contact Centrum"; "een
        # levendig centrum voor bewoners" is the town centre)
        r"(?-i:(?P<word>Centrum))\s+voor",
        # (a name starts after no letter, digit or hyphen, and its run is read once: a
        # word of thousands of hyphenated capitals stays linear)
        r"(?-i:(?<![\w-])[A-Z][\w-]*+\s+(?P<word>Centrum))\b",
        r"(?P<word>centrum(?:gemeente|regeling)\w*)",
        # the centre of attention ("in het centrum van de belangstelling")
        r"(?P<word>centrum)\s+van\s+de\s+(?:belangstelling|aandacht|discussie|debat)",
        # taking action or steps ("actie ondernemen", "stappen te ondernemen"): not business
        r"(?:actie\w*|stappen|iets|niets|maatregelen|pogingen)\s+(?:te\s+)?(?P<word>ondernem\w*)",
        r"(?P<word>ondernem\w*)\s+(?:we|wij|zij|ze)\s+(?:actie|stappen)",
        # the biggest worry ("De grootste zorg blijven de kosten"): a worry, not care
        r"(?:grootste|grote|belangrijkste|eerste)\s+(?P<word>zorg(?:en)?)\s+(?:is|zijn|blijft|blijven"
        r"|was|waren|vormt|vormen)\b",
        # a worry for someone or something causes ("betekent een grote zorg voor veel
        # inwoners", "baart ons zorg"); "de zorg voor ouderen", with no such adjective, is care
        # (not "een zware zorg", a heavy burden of care)
        r"(?:een|de)\s+(?:grote|grootste|belangrijke|serieuze|reële)\s+(?P<word>zorg)\s+"
        r"(?:voor|bij)\b",
        r"(?:baart|baren|baarde|baarden)\s+(?:\w+\s+){0,2}?(?P<word>zorg)\b",
        # the verb "wijken" (to give way, to differ): "moet wijken voor woningen", "wijken
        # … af van"; the noun has its article ("de wijken")
        # (with no determiner before it: "moeten investeren in de wijken" is the noun)
        r"(?:moet|moeten|moest|moesten|zal|zullen|kan|kunnen)\s+(?:\w+\s+){0,3}?"
        r"(?<!de\s)(?<!alle\s)(?<!onze\s)(?<!die\s)(?<!deze\s)(?<!van\s)(?<!in\s)"
        r"(?P<word>wijken)(?=\s*(?:[.,;:!?]|$)|\s+voor\b)",
        r"(?<!de\s)(?<!alle\s)(?<!onze\s)(?P<word>wijken)\s+(?:\w+\s+){0,3}?af\b",
        # support in the council ("draagvlak in de raad", "politiek draagvlak"): a majority,
        # not residents' participation
        r"(?P<word>draagvlak)\s+(?:in|binnen|bij)\s+(?:de\s+)?(?:gemeente)?raad\b",
        r"(?:politiek|bestuurlijk)e?\s+(?P<word>draagvlak)",
        # a staff, a budget or a council that shrinks ("het ambtelijk apparaat moet krimpen",
        # "de formatie krimpt"): cuts, not population decline
        r"(?:apparaat|organisatie|formatie|personeel|raad|budget\w*|begroting|college|fte)\s+"
        r"(?:\w+\s+){0,3}?(?P<word>krimp(?:t|en|te|ten)?)\b",
        # the village in a body's or a character's name: "dorps- en wijkraden", "dorps-
        # en kleinschalig", "het dorpse karakter" (not "dorps- en buurthuizen", "dorpse
        # gemeenschappen": a village's halls and communities)
        r"(?P<word>dorps)-?\s+en\s+(?:wijk\w*|kleinschalig\w*)",
        r"(?P<word>dorpse)\s+(?:karakter|sfeer|uitstraling)",
        # "de cijfers spreken duidelijke taal": plain, not plain language to residents
        r"spr(?:eekt|eken|ak|aken)\s+(?:een\s+)?(?P<word>duidelijke\s+taal)",
        # "Werk aan de winkel": work to do, not shops
        r"werk\s+aan\s+de\s+(?P<word>winkel)",
        # the human scale of a town or its buildings ("een schaal die kenmerkend is voor de
        # menselijke maat in onze stad"), not a humane public service
        r"schaal\b[^.;:]{0,60}?(?P<word>menselijke\s+maat)",
        r"(?P<word>menselijke\s+maat)\s+(?:in|van)\s+(?:onze|de|het)\s+(?:stad|dorp|binnenstad|wijk"
        r"|bebouwing)",
        # the municipality's own debts ("hoe makkelijk de gemeente haar schulden kan
        # betalen", "de schulden van de gemeente"): its finances, not household debt
        # (only the debts themselves: "gemeentelijke schuldhulpverlening" is household debt)
        r"\bgemeente\s+(?:\w+\s+){0,3}?haar\s+(?P<word>schulden)\b",
        r"\bgemeentelijke\s+(?P<word>schulden?)\b",
        r"(?P<word>schuld(?:en)?)\s+van\s+de\s+gemeente",
        # the adjective ("een ondernemende cultuur", "een ondernemende gemeente"): a
        # character, not business
        r"(?P<word>ondernemend\w*)",
        # the staff firms or sectors lack ("Bedrijven hebben niet genoeg personeel"): the
        # labour market (phrase_themes), not the municipality's own staff
        STAFF_SHORTAGE,
        # working with residents, the community or other parties ("samenwerking met de stad
        # en haar organisaties", "met de andere partijen in de raad"): not cooperation
        # between governments
        r"(?P<word>samenwerk\w*)\s+(?:\w+\s+){0,2}?met\s+(?:de\s+|het\s+|onze\s+|alle\s+)?"
        r"(?:(?:andere|overige|lokale|maatschappelijke)\s+)?(?:inwoners|bewoners|burgers"
        r"|samenleving|stad|organisaties|partners|ondernemers|bedrijven|verenigingen"
        r"|vrijwilligers|fracties|partijen|raad|oppositie)\b",
        # a war as a cause ("gestegen door de oorlog in Oekraïne"), not refugees
        r"oorlog\s+in\s+(?P<word>Oekraïne)",
        # the price of raw materials ("de prijzen van grondstoffen en energie"), not the
        # circular economy
        r"(?:prijzen|prijs|kosten)\s+(?:van|voor)\s+(?:de\s+)?(?P<word>grondstoffen)",
        r"(?P<word>grondstof(?:fen)?prijze?n?)",
        # where something is ("de problemen langs de spoorlijn", "woningbouw langs het
        # spoor"): a place, not rail transport
        r"langs\s+(?:de|het)\s+(?P<word>spoorlijn|spoorweg|spoor)\b",
        # whom homes are for ("huurwoningen voor middeninkomens", "woningen voor mensen met
        # een laag inkomen"): a target group of housing, not income policy
        # (from a word start, and within one item: "woningen voor statushouders en het
        # inkomen van minima" names income too)
        r"(?<!\w)\w*woning\w*\s+(?:\w+\s+){0,2}?voor\s+(?:(?!en\b|of\b)\w+\s+){0,4}?"
        r"(?P<word>\w*inkomens?)\b",
        # a new way of working ("innovatieve werkwijzen", "een innovatieve aanpak"): how
        # the work is done, not innovation as a field
        r"(?P<word>innovatie(?:f|ve))\s+(?:werkwijze\w*|manier(?:en)?\s+van\s+werken|aanpak\w*"
        r"|methode\w*|werkvorm\w*)",
        # "welvaart en welzijn": well-being in general, not social support
        r"welvaart\s+en\s+(?P<word>welzijn)",
        r"(?P<word>welzijn)\s+en\s+welvaart",
        # more prosperity makes for more well-being: "de toegenomen welvaart leidt tot een
        # toename van het welzijn" (within the clause)
        r"welvaart\s+(?:[^\W\d_]+\s+){1,8}?(?:het\s+|ons\s+)?(?P<word>welzijn)",
        # taking part in a coalition, not in society or work: "de partijen die meedoen in de
        # coalitie", "doen mee aan het college"
        r"partijen\s+die\s+(?:\w+\s+)?(?P<word>meedoen|meedeen)",
        r"(?P<word>meedoen|meedeen|mee\s+doen)\s+(?:\w+\s+)?(?:in|aan)\s+(?:de|het)\s+(?:coalitie"
        r"|college|akkoord|onderhandelingen|formatie)",
        # a local party ("Leefbaar Rotterdam", "Leefbaar Zeewolde"), not liveability
        r"(?-i:(?P<word>Leefbaar)\s+[A-Z][^\W\d_]*)",
        # an aim within reach ("ons doel is bereikbaar"), not roads and transport
        r"(?:doel\w*|ambitie\w*|resultaat|streven)\s+(?:is|zijn|blijft|lijkt)\s+(?:\w+\s+)?"
        r"(?P<word>bereikba\w+)",
        # reachable by phone or mail: a service's hours, not roads and transport
        r"telefonisch\s+(?:\w+\s+)?(?P<word>bereikba\w+)",
        # a service or care within reach ("de huisartsenpost moet bereikbaar blijven", "zorg
        # die goed bereikbaar is"): access to it, not roads and transport
        # (not emergency services, "hulpdiensten", nor services reached by bike or bus)
        r"(?:huisarts\w*|zorg\w*|voorziening\w*|loket\w*|hulp(?:verlening)?|dienstverlening)\s+"
        r"(?:(?:moet|moeten|blijft|blijven|is|zijn|die|dat|goed|beter|makkelijk|snel|voor"
        r"|iedereen|al|ook|en|zo)\s+){0,4}(?P<word>bereikba\w+)"
        r"(?!\s+(?:\w+\s+)?(?:met|per|via|voor)\s+(?:de\s+|het\s+)?(?:fiets|bus|auto|ov|openbaar"
        r"|trein|voetgangers|fietsers))",
        r"(?P<word>bereikba\w+)\s+(?:per|via|op)\s+(?:telefoon|mail|e-mail|whatsapp)",
        # the verb "wonen" in a clause that only says who lives where ("in wijken waar meer
        # arme gezinnen wonen", "Op dit moment wonen er ruim 93.000 mensen"), not housing;
        # where people like to live is a town's quality ("waar het prettig wonen is", "waar
        # mensen graag wonen")
        # (a count follows "er wonen": "Er wonen veel studenten"; "er komt wonen en horeca"
        # is the noun; "waar jongeren kunnen blijven wonen" is a goal for housing)
        r"(?<!\bhet\s)(?P<word>wonen)\s+er\b",
        r"\ber\s+(?P<word>wonen)(?=\s+(?:veel|weinig|steeds|ruim|bijna|circa|ongeveer|meer|minder"
        r"|zo'n|nog|nu|al|\d))",
        r"\bwaar\s+(?:(?!(?:het|graag|prettig|fijn|goed|veilig|plezierig|aangenaam|betaalbaar"
        r"|kunnen|kan|blijven|blijft|willen|wil|langer|zelfstandig|thuis)\b)"
        r"[^\W\d_]+\s+){1,4}?(?P<word>wonen)(?=\s*(?:[.,;:!?)–—]|\s-\s|$))",
        # a street by its name ("herinrichting Spoorstraat", "de Schoolstraat"): a place,
        # not the theme its first part names
        # (not a kind of street a policy makes: "Fietsstraat", "Winkelstraat")
        r"(?-i:(?<![\w-])(?!(?:Fiets|Winkel|Woon|Speel|School)stra)"
        r"(?P<word>[A-Z][^\W\d_]*(?:straat|laan|plein|kade|gracht|singel|steeg|dreef|hof))\b)",
    )
)

# Adjectives made from a theme noun in -ie ("innovatie" -> "innovatief", "innovatieve"):
# they qualify the noun they stand before ("innovatieve woningbouw" is about housing),
# so they name no theme of their own.
_ADJECTIVE_ENDINGS = ("f", "ve")
# From such an adjective to the noun it qualifies: more adjectives, commas, "en"/"of".
_TO_QUALIFIED_NOUN = re.compile(
    r"^(?:[\s,]+(?:en\s+|of\s+)?[^\W\d_]+){0,4}?[\s,]+(?:en\s+|of\s+)?$"
)


def _is_adjective_of(hit: ThemeHit) -> bool:
    word = hit.text.lower()
    return hit.term.endswith("ie") and word in {hit.term + e for e in _ADJECTIVE_ENDINGS}


def _without_qualifying_adjectives(text: str, hits: list[ThemeHit]) -> list[ThemeHit]:
    """The hits without an adjective of a theme noun that qualifies a noun naming another
    theme: "innovatieve en vraaggerichte woningbouw" is about housing, not innovation;
    "innovatieve ecosystemen" (no theme in the noun) keeps its theme."""
    keep = []
    for i, hit in enumerate(hits):
        if _is_adjective_of(hit):
            noun = next((h for h in hits[i + 1 :] if not _is_adjective_of(h)), None)
            if (
                noun is not None
                and noun.concept != hit.concept
                and _TO_QUALIFIED_NOUN.match(text[hit.end : noun.start])
            ):
                continue
        keep.append(hit)
    return keep


# A web address is no theme ("…/data/downloadables/…" is not about data).
_WEB_ADDRESS = re.compile(r"https?://\S+|\bwww\.\S+", re.IGNORECASE)


def _title_key(text: str) -> str:
    """A heading or label compared without case, punctuation or spacing."""
    return " ".join(re.sub(r"[^\w ]", " ", text.lower()).split())


@dataclass(frozen=True, slots=True)
class ThemeHit:
    """A theme term found in a text: `text[start:end]` is the matched word(s)."""

    concept: URIRef
    start: int
    end: int
    term: str  # the scheme's term that matched, lower case ("woning")
    text: str  # the words as they stand in the text ("huurwoningen")

    @property
    def weak(self) -> bool:
        """A term that names a group of people or organisations, or a word as wide as
        "energie": one such word alone does not decide a theme (WEAK_TERMS)."""
        return self.term in WEAK_TERMS and not _FIELD_COMPOUND.fullmatch(
            self.text[len(self.term) :]
        )

    @property
    def ambiguous(self) -> bool:
        """A term with a second, everyday sense (AMBIGUOUS_TERMS): it names its theme only
        where nothing else in the sentence or its section does."""
        return self.term in AMBIGUOUS_TERMS


# A group's word as the first part of a compound that names a field of policy
# ("jongerenwerk", "ouderenbeleid", "seniorenzorg") is the field, not the group.
_FIELD_COMPOUND = re.compile(r"(?:en|n)?(?:werk|beleid|zorg)(?:er|ers)?", re.IGNORECASE)


# Terms that name who is concerned rather than the policy field: "voor jongeren bouwen we"
# is about housing, not youth care; "agrarische bebouwing" is vacant buildings, not
# farming. A theme resting on one of these alone is left to a stronger word.
WEAK_TERMS = frozenset(
    {
        "jongeren",
        "kinderen",
        "jeugdige",
        "ouderen",
        "senior",
        "65-plussers",
        "boer",
        "boeren",
        "agrarisch",
        "agrariër",
        "corporatie",
        "woningcorporatie",
        "fietsers",
        "werkenden",
        "energie",
        "subsidie",
        "bevolking",  # "woningen aan de bevolking aanbieden": the residents
        "ondernemer",  # "samen met inwoners, ondernemers en organisaties": who, not the field
        "mensen met een beperking",  # "woningen voor mensen met een beperking": who
    }
)


# Terms with an everyday sense beside the theme's: "de gunstige economische ontwikkelingen"
# qualifies a topic (the adjective), "een infrastructuur voor de opvang" is an
# administrative set-up, "deze diversiteit" of the self-employed is variety, "maatwerk per
# stad" is how a policy is applied, "de samenwerking met gemeenten" can be any partners',
# and "wet- en regelgeving" is the frame of nearly every policy. Such a word decides a
# theme only with a second cue (the same theme named again); otherwise the sentence's
# other themes, or its section's, say what it is about (decisive_concepts), and it is
# the theme only where neither names one (strong_concepts).
AMBIGUOUS_TERMS = frozenset(
    {
        "economisch",
        "infrastructuur",
        "diversiteit",
        "maatwerk",
        "samenwerking",
        "samenwerken",
        # flow on the housing market, or of traffic ("betere doorstroming Rondweg")
        "doorstroming",
        # prevention of what the sentence names ("preventie en vroegsignalering" of debts)
        "preventie",
        "wet- en regelgeving",
        # the town centre, or the centre of any place or field ("in het centrum van de
        # belangstelling"): a centre where nothing else is named
        "centrum",
        # residents' say in policy ("vormen van participatie"), or taking part in work and
        # society ("werk en participatie"), as the sentence or its section tells
        "participatie",
        # buildings of any kind, not only homes: a building's tenant ("het cultuurhuis
        # verliest zijn grootste huurder"), a new building ("nieuwbouw van de
        # gemeenschapshuizen", "Nieuwbouwlocatie beroepsonderwijs"); the housing market and
        # house building where nothing else is named
        "huurder",
        "nieuwbouw",
        # the adjectives of theme nouns in -heid, which may qualify something else
        # ("telefonisch bereikbaar", "zelfredzame ouderen"): a theme where nothing else is
        # named ("een leefbaar Winterswijk", "een goed bereikbare stad"). ("veilig",
        # "duurzaam" and "gezond" are not among them: they qualify almost anything, "een
        # gezonde ambitie", "gezond en veilig opgroeien".)
        "leefbaar",
        "leefbare",
        "bereikbaar",
        "bereikbare",
        "zelfredzaam",
        "zelfredzame",
    }
)


def strong_concepts(hits: Iterable[ThemeHit]) -> list[URIRef]:
    """The concepts of `hits` in order, without those resting on a single weak term, and
    without those resting on a single ambiguous term where another concept remains."""
    hits = list(hits)
    return decisive_concepts(hits) or _concepts(hits, lambda h: h.weak)


def decisive_concepts(hits: Iterable[ThemeHit]) -> list[URIRef]:
    """The concepts of `hits` in order that a word decides: without those resting on a
    single weak or ambiguous term (empty where the sentence names a theme only so; the
    caller then asks its section)."""
    return _concepts(list(hits), lambda h: h.weak or h.ambiguous)


# Two words of one concept this close (characters between) are one coordinated group:
# " en ", " of ", ", " ("kinderen en jongeren", "ouderen, jongeren"); no other words fit.
_COORDINATED_GAP = 5


def _concepts(hits: list[ThemeHit], weak: Callable[[ThemeHit], bool]) -> list[URIRef]:
    """A concept counts where a hit is not weak, or where it is named twice apart; weak
    words coordinated in one group ("kinderen en jongeren") name the group once."""
    keep = []
    for concept in dict.fromkeys(h.concept for h in hits):
        own = [h for h in hits if h.concept == concept]
        if any(not weak(h) for h in own) or _mentions(own) > 1:
            keep.append(concept)
    return keep


def _mentions(hits: list[ThemeHit]) -> int:
    """Separate mentions among hits of one concept (in text order): coordinated neighbours
    count once."""
    count = 0
    for i, hit in enumerate(hits):
        before = hits[i - 1] if i else None
        if before is None or not _adjacent(before, hit):
            count += 1
    return count


def _adjacent(first: ThemeHit, second: ThemeHit) -> bool:
    """Whether two hits stand so close that only "en", "of" or a comma fits between."""
    return 0 < second.start - first.end <= _COORDINATED_GAP


def _term_regex(terms: Iterable[str]) -> str:
    """One alternation for many terms, shared prefixes factored out (a trie).

    At each point the longer continuation is tried first, so the longest term
    starting at a position wins. Spaces in a term match any run of whitespace,
    so a term still matches where the PDF text broke the line.
    """
    trie: dict[str, dict] = {}
    terms = list(terms)
    if not terms:
        return "(?!)"  # matches nothing
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def _letters(term: str) -> int:
    return sum(ch.isalpha() for ch in term)


def _inflected(term: str) -> str | None:
    """ "energieneutraal" -> "energieneutrale", "financieel" -> "financiële" (an "e"
    after "i" takes a diaeresis where it opens a syllable); None for a term with no such
    form."""
    if not _LONG_VOWEL_END.search(term):
        return None
    inflected = _LONG_VOWEL_END.sub(lambda m: m.group(1) + "le", term)
    if inflected.endswith("iele"):
        inflected = inflected[:-4] + "iële"
    return inflected


def _normalise_term(term: str) -> str:
    return " ".join(term.lower().replace("’", "'").split())


class ThemeScheme:
    """The SKOS themes: hierarchy, labels, per-document mappings and the text matcher."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._broader: dict[URIRef, list[URIRef]] = {}
        self._narrower: dict[URIRef, list[URIRef]] = {}
        self._labels: dict[URIRef, dict[str, str]] = {}
        self._schemes: dict[URIRef, URIRef] = {}
        for concept in graph.subjects(RDF.type, SKOS.Concept):
            assert isinstance(concept, URIRef)
            scheme = graph.value(concept, SKOS.inScheme) or graph.value(concept, SKOS.topConceptOf)
            if isinstance(scheme, URIRef):
                self._schemes[concept] = scheme
            for label in graph.objects(concept, SKOS.prefLabel):
                if isinstance(label, Literal) and label.language:
                    self._labels.setdefault(concept, {})[label.language] = str(label)
        # broader/narrower are stated both ways in the file; read both so a
        # scheme that states only one direction still works.
        pairs = set(graph.subject_objects(SKOS.broader))
        pairs |= {(n, b) for b, n in graph.subject_objects(SKOS.narrower)}
        for narrow, broad in sorted(pairs):
            self._broader.setdefault(narrow, []).append(broad)  # type: ignore[arg-type]
            self._narrower.setdefault(broad, []).append(narrow)  # type: ignore[arg-type]
        self._term_concept = self._collect_terms()
        self._regex = self._compile()

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: Path | None = None) -> ThemeScheme:
        """The scheme in `path` (default ontology/themes.ttl); parsed once per file version,
        so callers share one instance: treat it as read-only."""
        path = (path or THEMES_FILE).resolve()
        return _load_cached(str(path), path.stat().st_mtime_ns)

    # ---------------------------------------------------------- hierarchy

    @property
    def concepts(self) -> list[URIRef]:
        """The main scheme's concepts, sorted."""
        return sorted(c for c, s in self._schemes.items() if s == MAIN_SCHEME)

    @property
    def top_concepts(self) -> list[URIRef]:
        return sorted(c for c in self.concepts if not self._broader.get(c))

    def __contains__(self, concept: object) -> bool:
        return concept in self._schemes

    def scheme(self, concept: URIRef) -> URIRef | None:
        return self._schemes.get(URIRef(concept))

    def broader(self, concept: URIRef) -> list[URIRef]:
        """The directly broader concepts (empty for a top concept)."""
        return list(self._broader.get(URIRef(concept), []))

    def narrower(self, concept: URIRef) -> list[URIRef]:
        return list(self._narrower.get(URIRef(concept), []))

    def ancestors(self, concept: URIRef) -> list[URIRef]:
        """All broader concepts, nearest first."""
        return list(self._walk(URIRef(concept), self._broader))

    def descendants(self, concept: URIRef) -> list[URIRef]:
        return list(self._walk(URIRef(concept), self._narrower))

    def top_concept(self, concept: URIRef) -> URIRef:
        """The top of the concept's hierarchy in its own scheme (itself for a top concept)."""
        current = URIRef(concept)
        while self._broader.get(current):
            current = self._broader[current][0]
        return current

    def label(self, concept: URIRef, lang: str = "nl") -> str:
        """The preferred label in `lang`, else the Dutch one, else the URI's last segment."""
        labels = self._labels.get(URIRef(concept), {})
        return labels.get(lang) or labels.get("nl") or str(concept).rstrip("/").rsplit("/", 1)[-1]

    def labels(self, concept: URIRef) -> dict[str, str]:
        """Preferred labels by language."""
        return dict(self._labels.get(URIRef(concept), {}))

    @staticmethod
    def _walk(start: URIRef, edges: dict[URIRef, list[URIRef]]) -> Iterator[URIRef]:
        seen = {start}
        queue = list(edges.get(start, []))
        while queue:
            node = queue.pop(0)
            if node in seen:
                continue
            seen.add(node)
            yield node
            queue.extend(edges.get(node, []))

    # ------------------------------------------- per-document theme schemes

    def mapped(self, concept: URIRef) -> list[URIRef]:
        """The main-scheme concepts a (per-document) concept stands for: itself if it is one,
        else its skos:closeMatch targets, else its broadMatch targets. The nearest mapping
        only, so that "De aanpak van problematische schulden" is Schulden, not also Schulden
        en armoede. narrowMatch targets are not what the section is about as a whole: they
        count only where a text names them (see the module doc)."""
        concept = URIRef(concept)
        if self._schemes.get(concept) == MAIN_SCHEME:
            return [concept]
        for prop in (SKOS.closeMatch, SKOS.broadMatch):
            found = sorted(
                o
                for o in self.graph.objects(concept, prop)
                if isinstance(o, URIRef) and self._schemes.get(o) == MAIN_SCHEME
            )
            if found:
                return found
        return []

    def most_specific(self, concepts: Iterable[URIRef]) -> list[URIRef]:
        """Distinct concepts in their order, without any that is broader than another one."""
        unique = list(dict.fromkeys(concepts))
        broader: set[URIRef] = set()
        for c in unique:
            broader.update(self.ancestors(c))
        return [c for c in unique if c not in broader]

    def document_concepts(self, doc_key: str) -> list[URIRef]:
        """The concepts of a report's own scheme (its chapters and themes), sorted."""
        scheme = URIRef(THEME_BASE + doc_key)
        return sorted(c for c, s in self._schemes.items() if s == scheme)

    def report_scheme_for(self, titles: Iterable[str]) -> str | None:
        """The report scheme whose section concepts the given headings name most, as the
        key its URI ends in (…/thema/{key}); None when none is named by three headings.

        A report's own scheme describes the sections of a kind of report; a document
        carrying those headings (a renamed copy, the next edition) is read with it. The
        choice rests on the headings the text shows, never on the document's name.
        """
        wanted = {_title_key(t) for t in titles if t}
        counts: dict[URIRef, int] = {}
        for concept, scheme in self._schemes.items():
            if scheme == MAIN_SCHEME:
                continue
            names = [self.label(concept, "nl") or ""]
            names += [str(h) for h in self.graph.objects(concept, SKOS.hiddenLabel)]
            if any(n and _title_key(n) in wanted for n in names):
                counts[scheme] = counts.get(scheme, 0) + 1
        ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
        if not ranked or ranked[0][1] < _MIN_SCHEME_HEADINGS:
            return None
        return str(ranked[0][0])[len(THEME_BASE) :]

    def document_concept(
        self,
        doc_key: str,
        *,
        number: str | None = None,
        heading: str | None = None,
        parent: str | None = None,
    ) -> URIRef | None:
        """A report's own theme for a section, by its number ("2.4") or else its heading.

        Some headings recur ("Rijksbeleid en coalitieakkoorden" opens two 2018
        themes): `parent`, the heading or number of the enclosing section,
        picks one; without it a recurring heading gives None.
        """
        concepts = self.document_concepts(doc_key)
        if number is not None:
            for concept in concepts:
                if str(self.graph.value(concept, SKOS.notation)) == number:
                    return concept
        if not heading:
            return None
        found = [c for c in concepts if self._is_named(c, heading)]
        if len(found) > 1 and parent:
            found = [c for c in found if any(self._is_named(b, parent) for b in self.broader(c))]
        return found[0] if len(found) == 1 else None

    def _is_named(self, concept: URIRef, name: str) -> bool:
        """Whether a per-document concept carries this heading or section number."""
        wanted = _title_key(name)
        names = [self.label(concept, "nl"), str(self.graph.value(concept, SKOS.notation) or "")]
        names += [str(h) for h in self.graph.objects(concept, SKOS.hiddenLabel)]
        return any(n and _title_key(n) == wanted for n in names)

    def section_concepts(
        self, doc_key: str, headings: Iterable[tuple[str | None, str]]
    ) -> list[URIRef | None]:
        """A report's own concept for each heading (number, title) of a section chain,
        chapter first; None where it has none.

        Below a heading that has a concept, a section is first looked for among that
        concept's narrower concepts by title, so that two sections with the same title
        in different chapters ("Rijksbeleid en coalitieakkoorden") get their own
        chapter's; then by number; by title anywhere in the report's scheme only while
        no enclosing heading has a concept.
        """
        found: list[URIRef | None] = []
        parent: URIRef | None = None
        for number, title in headings:
            concept = None
            if parent is not None:
                concept = next(
                    (c for c in sorted(self.narrower(parent)) if self._is_named(c, title)), None
                )
            if concept is None and number:
                concept = self.document_concept(doc_key, number=number)
            if concept is None and parent is None:
                concept = self.document_concept(doc_key, heading=title)
            found.append(concept)
            parent = concept or parent
        return found

    # ------------------------------------------------------------ matching

    def _collect_terms(self) -> dict[str, URIRef]:
        terms: dict[str, URIRef] = {}
        for concept in self.concepts:
            for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
                for label in self.graph.objects(concept, prop):
                    if isinstance(label, Literal) and label.language == "nl":
                        # First concept in URI order keeps a term that two
                        # concepts share (the scheme's tests forbid that).
                        term = _normalise_term(str(label))
                        terms.setdefault(term, concept)
                        inflected = _inflected(term)
                        if inflected:
                            terms.setdefault(inflected, concept)
        return terms

    def _compile(self) -> re.Pattern[str]:
        long_terms = [t for t in self._term_concept if _letters(t) >= _COMPOUND_TAIL_MIN]
        short_terms = [t for t in self._term_concept if _letters(t) < _COMPOUND_TAIL_MIN]
        start = rf"(?<!{_LETTER})"
        # Alternative 1: a long term after zero or more letters of the same
        # word (lazy, so the leftmost term in a compound wins); alternative 2:
        # a short term at the word start. Both take the rest of the word.
        pattern = (
            rf"{start}(?:{_LETTER}*?(?P<tail>{_term_regex(long_terms)})"
            rf"|(?P<head>{_term_regex(short_terms)})){_LETTER}*"
        )
        return re.compile(pattern, re.IGNORECASE)

    @property
    def terms(self) -> dict[str, URIRef]:
        """Every matching term (lower case) with its concept."""
        return dict(self._term_concept)

    def match(self, text: str) -> list[ThemeHit]:
        """The theme terms in `text`, in order of position."""
        hits: list[ThemeHit] = []
        text_ = text.replace("’", "'")
        # Spans no hit may touch: a phrase that gives a term another sense, a web
        # address, an agency's name.
        skipped = [m.span("word") for rx in _FALSE_FRIEND_PHRASES for m in rx.finditer(text_)]
        skipped += [m.span() for m in _WEB_ADDRESS.finditer(text_)]
        skipped += agency_spans(text_)
        for m in self._regex.finditer(text_):
            word = m.group(0)
            if _FALSE_FRIENDS.fullmatch(" ".join(word.lower().split())):
                continue
            if any(m.start() < end and start < m.end() for start, end in skipped):
                continue
            term = _normalise_term(m.group("tail") or m.group("head"))
            if term in _NOT_A_COMPOUND_TAIL and m.group("tail") and m.start("tail") > m.start():
                continue
            concept = self._term_concept[term]
            hits.append(ThemeHit(concept, m.start(), m.end(), term, text[m.start() : m.end()]))
        return _without_qualifying_adjectives(text_, hits)

    def concepts_in(self, text: str) -> list[URIRef]:
        """The distinct themes found in `text`, in order of first mention."""
        return list(dict.fromkeys(hit.concept for hit in self.match(text)))


@lru_cache(maxsize=4)
def _load_cached(path: str, _mtime: int) -> ThemeScheme:
    graph = Graph()
    graph.parse(path, format="turtle")
    return ThemeScheme(graph)
