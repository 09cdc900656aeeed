"""Who a sentence is about: the municipalities and networks it names as actors.

The gazetteer says which municipality a name means; this module says whether
the sentence uses the name for the municipality as an actor ("Leiden wil …",
"In het coalitieakkoord van Zeist …", "(Oldambt, Zutphen)") rather than as a
place ("de Plaspoelpolder in Rijswijk"), a partner ("samen met Deventer"), a
word in a quote, or an adjective of something else ("Eindhovense
kennisinstellingen"). It also groups names into lists ("Oldambt, Bronckhorst
en Winterswijk"), splits sentences into clauses, and finds which quoted or
bracketed parts to ignore. Offsets are relative to the sentence text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gemeentegraaf.common.namespaces import municipality_uri, network_uri

# Nouns after a demonym adjective that make it stand for the municipality's government.
_INSTITUTIONAL = re.compile(
    r"\s+(?:\w+\s+)?(?:college|coalitieakkoord|coalitie|akkoord|gemeentebestuur|stadsbestuur|"
    r"experiment|aanpak|beleid|stelsel|model|bestand|programma|raad)\b"
)
# Words right before a name that make it a partner or comparison, not the actor.
# "uit X" names where something comes from ("de budgetten uit Den Haag": the national
# government), not who acts.
_NOT_ACTOR_BEFORE = re.compile(
    r"(?:\bsamen met|\bmet|\bdan|\bnaar|\bvanuit|\buit)\s+"
    r"(?:de\s+)?(?:(?:buur|naburige\s+|nabuur|regio|omliggende\s+)?gemeenten?\s+)?$"
)
# The seat of government after the other tiers of government is the national government
# ("samenwerking met de regio, provincie en Den Haag", "het Rijk en Den Haag"), as
# _OTHER_SUBJECT in generic.py reads "Den Haag" alone; another municipality there acts
# ("De provincie en Kampen investeren samen").
_SEAT_OF_GOVERNMENT = "GM0518"
_AFTER_TIERS = re.compile(
    r"\b(?:regio|provincie|provincies|rijk|rijksoverheid|kabinet|waterschap|waterschappen"
    r"|europa|brussel)\s*(?:,|\ben\b|\bof\b)\s*$",
    re.IGNORECASE,
)
# "samen met Deventer": a partner in the same action.
_TOGETHER_BEFORE = re.compile(
    r"\bsamen met\s+(?:de\s+)?(?:(?:buur|naburige\s+|nabuur|regio|omliggende\s+)?gemeenten?\s+)?$"
)
# A capitalised word right before the name: part of a place name ("Designer Outlet
# Roermond") unless it is a sentence opener or a list word.
_OPENERS = {
    "In",
    "Ook",
    "Zo",
    "En",
    "Bij",
    "Van",
    "Voor",
    "Net",
    "Daarnaast",
    "Verder",
    "Wel",
    "Zowel",
    "Alleen",
    "Naast",
    "Evenals",
    "Uit",
    "Waar",
    "Terwijl",
    "Daarna",
    "Dat",
    "Opvallend",
    "Interessant",
    "Tenslotte",
    "Mede",
    "Hiermee",
    "Daarmee",
    "Dit",
    "Die",
    "Gemeenten",
    "De",
    "Het",
    "Een",
    "Zoals",
}
# A first name and a particle before the name: a person's surname ("Merle van Leusden").
_SURNAME = re.compile(r"\b[A-Z][a-z]+\s+(?:van|de|den|der|ter|ten|van de|van der|van den)\s+$")
# "de Plaspoelpolder in Rijswijk": a named place in the municipality (not "G40 in X").
_PLACE_IN = re.compile(
    r"\b(?!(?:G4|G32|G40|M50|P10)\b)[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,5}\s+in\s+"
    r"(?:de gemeente\s+)?$"
)
# Adverbs that open a sentence before "in" ("Ook in Deventer en Kampen is de druk groot",
# "Evenals in Amsterdam wordt …"): the names after them act. Articles, pronouns and
# prepositions are not among them: "Het in Kampen gevestigde bedrijf" names a place.
_ADVERBS_BEFORE_IN = {
    "Ook", "Zo", "Alleen", "Zowel", "Evenals", "Net", "Daarnaast", "Verder", "Wel",
    "Vooral", "Juist", "Zeker", "Nergens", "Overal", "Maar", "Want", "Toch", "Dus", "Nu",
    "Straks", "Eerder", "Later", "Zelfs", "Niet", "Behalve", "Pas", "Enkel", "Eveneens",
    "Bovendien", "Tenslotte", "Mede", "Hier", "Daar", "En", "Terwijl",
}  # fmt: skip


def _names_a_place(match: re.Match[str]) -> bool:
    """Whether the capitalised words of a _PLACE_IN match name a place ("de Plaspoelpolder
    in"), not only open the sentence ("Ook in", "Vooral in")."""
    words = re.split(r"\s+in\s+", match.group())[0].split()
    return any(w not in _ADVERBS_BEFORE_IN for w in words)


NETWORK_PATTERN = re.compile(
    r"\b(?P<net>G4|G32|G40|M50|P10)(?:-(?:steden|stad|gemeenten|gemeente|stedennetwerk|"
    r"akkoorden|coalitieakkoorden|netwerk))?\b"
)


@dataclass(frozen=True)
class Actor:
    """A municipality (code "GM0363") or network (code "G40") named in a sentence."""

    code: str
    start: int
    end: int
    surface: str
    method: str  # how the gazetteer resolved it, or "network"
    # named as a partner ("samen met Zwolle"): it acts with the sentence's subject, whose
    # statement (its agreement, its plan) the sentence reports
    partner: bool = False

    @property
    def uri(self):
        return network_uri(self.code) if self.is_network else municipality_uri(self.code)

    @property
    def is_network(self) -> bool:
        return not self.code.startswith("GM")

    @property
    def key(self) -> str:
        return self.code.lower()


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside double quotes (“…”, "…"): the words of the agreement, not the report's."""
    spans = []
    for m in re.finditer(r"“[^”]*”?|„[^”“]*[”“]|\"[^\"]*\"", text):
        spans.append((m.start(), m.end()))
    return spans


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _ambiguous_choice(resolution, prefer_municipality: bool) -> str | None:
    municipal = [c for c in resolution.candidates if c.startswith("GM")]
    if prefer_municipality and len(municipal) == 1:
        return municipal[0]
    return None


# How far before a name the words that decide its role are looked for. The patterns that
# read them end at the name and are a few words long; searching the whole text before
# every name instead made a sentence with a thousand names take minutes.
LOOKBEHIND = 200


def just_before(pattern: re.Pattern[str], text: str, pos: int) -> re.Match[str] | None:
    """`pattern` (one that ends with "$") matched in the LOOKBEHIND characters before
    `pos`: by pos and endpos, not on a slice, so that "\\b" and "$" behave as on the text."""
    return pattern.search(text, max(0, pos - LOOKBEHIND), pos)


_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w-]*)\s+$")
_LIST_OPENER_BEFORE = re.compile(r"[,(;:]\s*$")


def municipality_actors(
    text: str,
    mentions: list,
    *,
    prefer_municipality: bool = False,
    keep_quoted: bool = False,
    partners: bool = False,
) -> list[Actor]:
    """Municipalities the sentence names as actors, in order (one entry per mention).

    `prefer_municipality`: in a text whose actors are municipalities (an analysis
    of coalition agreements), a name that may be a municipality or a province
    ("Utrecht") is the municipality.
    `partners`: the municipalities an actor works "samen met" act too ("Zutphen gaat
    samen met Deventer, Apeldoorn en Zwolle … van het gas af helpen" names four
    actors); a name after a bare "met", "dan" or "naar" stays a comparison.
    """
    quotes = [] if keep_quoted else quoted_spans(text)
    actors = []
    partner_end = -1  # end of the last name excluded as a partner ("samen met Deventer")
    for m in mentions:
        res = m.resolution
        code = res.code if res.status == "resolved" else None
        if res.status == "ambiguous":
            code = _ambiguous_choice(res, prefer_municipality)
        if not code or not code.startswith("GM"):
            continue
        if res.successors:
            # A municipality dissolved before the text was written: the name now means a
            # village or district ("een ziekenhuis in Scheemda", 2018), not an actor.
            continue
        if inside(m.start, quotes):
            continue
        if res.method == "demonym" and not _INSTITUTIONAL.match(text, m.end):
            continue  # "Amsterdammers", "Eindhovense kennisinstellingen"
        if partners and (
            just_before(_TOGETHER_BEFORE, text, m.start)
            or (partner_end >= 0 and _LIST_GAP.match(text[partner_end : m.start]))
        ):
            partner_end = m.end
            actors.append(Actor(code, m.start, m.end, m.surface, res.method, partner=True))
            continue
        if code == _SEAT_OF_GOVERNMENT and just_before(_AFTER_TIERS, text, m.start):
            continue
        if just_before(_NOT_ACTOR_BEFORE, text, m.start) or (
            partner_end >= 0 and _LIST_GAP.match(text[partner_end : m.start])
        ):
            # "samen met Deventer, Apeldoorn en Zwolle": the whole list is partners
            partner_end = m.end
            continue
        place = just_before(_PLACE_IN, text, m.start)
        if (place and _names_a_place(place)) or just_before(_SURNAME, text, m.start):
            continue
        # A capitalised word right before the name makes it part of a place name
        # ("Designer Outlet Roermond"), unless it opens the sentence or a list, or is a
        # network ("de G40-steden Almere").
        prev_word = just_before(_CAPITALISED_BEFORE, text, m.start)
        if (
            prev_word
            and prev_word.start() > 0
            and prev_word.group(1) not in _OPENERS
            and not NETWORK_PATTERN.fullmatch(prev_word.group(1))
            and not just_before(_LIST_OPENER_BEFORE, text, prev_word.start())
        ):
            continue
        actors.append(Actor(code, m.start, m.end, m.surface, res.method))
    return actors


# ---------------------------------------------------------------------------
# Lists and clauses
# ---------------------------------------------------------------------------

# What may stand between two names of one list: commas, "en", "of", a bracketed
# figure ("Almere (19 procent), Haarlemmermeer (16 procent)"), "de gemeente".
_LIST_GAP = re.compile(
    r"^(?:\s*\([^()]{0,60}\))?\s*(?:,|;|\ben\b|\bof\b|–|-)?\s*(?:,\s*)?(?:en\s+)?"
    r"(?:de\s+(?:G40-|M50-)?(?:gemeenten?|stad|steden)\s+)?$"
)


def group_lists(text: str, actors: list[Actor]) -> list[list[Actor]]:
    """Consecutive names joined by commas/en (with bracketed figures) form one list."""
    groups: list[list[Actor]] = []
    for actor in actors:
        if groups and _LIST_GAP.match(text[groups[-1][-1].end : actor.start]):
            groups[-1].append(actor)
        else:
            groups.append([actor])
    return groups


# (A run of spaces is entered at its start only: a masked name can leave a long one, and
# "\s+terwijl" tried from every space of it is quadratic.)
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?=terwijl\b|maar\b|waar\b|zodat\b)|(?<!\s)\s+terwijl\s+")


def clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses of a sentence (split at ';', ', terwijl', ', maar', ...)."""
    spans = []
    pos = 0
    for m in _CLAUSE_BREAK.finditer(text):
        if inside(m.start(), quoted_spans(text)):
            continue
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if e > s]


def clause_of(pos: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
    for s, e in spans:
        if s <= pos < e:
            return s, e
    return spans[-1]


_NEGATION = re.compile(r"\b(?:niet|niets|geen|nergens|nooit)\b(?!-)")
_NOT_NEGATION = re.compile(r"\bniet (?:alleen|enkel|slechts|langer|meer dan|minder dan|zonder)\b")


def has_negation(text: str) -> bool:
    """A negation word outside quotes that is not part of "niet alleen", "niet-westers", ..."""
    quotes = quoted_spans(text)
    for m in _NEGATION.finditer(text):
        if inside(m.start(), quotes):
            continue
        if _NOT_NEGATION.match(text, m.start()):
            continue
        return True
    return False
