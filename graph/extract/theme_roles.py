"""Which of a sentence's theme words carry its claim, and which are side words.

A sentence that lists many themes makes its claim about the things it lists, not about
every theme word in it. Dutch puts the thing first and what qualifies it after, so:

- **modifiers**: in an enumeration (three or more themes), a theme word in a
  prepositional phrase that qualifies another theme word is a side word: "een vitale
  economie en nieuwe leefbaarheidsplannen voor de kernen en het buitengebied" is about
  the economy and liveability, not about the countryside;
- **subordinate clauses**: a theme word only in a relative or adverbial clause ("inwoners
  die ...", "zodat ...", "omdat ...", "door te ...") says why or for whom; when the main
  clause names a theme, that is the claim, and the subordinate themes are dropped; when
  it names none, the subordinate themes are the claim, held with less confidence
  ("Toekomstbestendig betekent dat wij ons moeten voorbereiden op de energietransitie"),
  those of a clause of means ("door te …") only when no other clause names one.

No parser: the rules read word order and function words, which is enough for the short
claims of policy texts; each is tested with sentences in tests/test_theme_roles.py.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from gemeentegraaf.text.themes import ThemeHit

_I = re.IGNORECASE

# Enumerations this long (distinct themes) have side words worth leaving out.
ENUMERATION_MIN_THEMES = 3
# Confidence kept for a theme the sentence names only in a subordinate clause.
SUBORDINATE_FACTOR = 0.8

# Prepositions that start a phrase qualifying the noun before them.
_MODIFIER_PREPOSITION = (
    r"voor|van|in|op|bij|rond|rondom|met|zonder|tussen|binnen|buiten|naar|tegen|uit|over"
)
# Between a theme word and a side word: the preposition right after the theme word (or
# after a participle that links a purpose: "gericht op", "bedoeld voor"), then
# up to six words of the same phrase (its determiners, adjectives and coordinated nouns),
# no punctuation.
_MODIFIER_GAP = re.compile(
    rf"^\s+(?:(?:gericht|bedoeld|bestemd)\s+)?(?:{_MODIFIER_PREPOSITION})\s+"
    rf"(?:[^\W\d_][\w'-]*\s+){{0,6}}$",
    _I,
)

# Where a subordinate clause starts. Unambiguous subordinators anywhere; "die"/"dat" (also
# demonstratives) only after a comma, or "die" after a plural noun phrase ("aan inwoners
# die", not "we zetten die koers voort").
_SUBORDINATOR = re.compile(
    r"\b(?:waarin|waarbij|waarmee|waardoor|waarop|waarvoor|zodat|omdat|doordat|terwijl"
    r"|wanneer|opdat|mits|tenzij|hoewel|ofschoon|nadat|voordat)\b"
    r"|,\s*(?:die|dat|waar|als|nu|door|om)\b"
    # (a word in brackets may stand in the noun phrase: "voor ondernemers en
    # (maatschappelijke) organisaties die …")
    r"|\b(?:de|het|een|alle|veel|onze|ons|voor|aan|van|met|bij)\s+(?:\(?[\w-]+\)?\s+){0,3}"
    r"[^\W\d_]+(?:s|en)\s+(?P<rel>die)\b"
    # a singular noun too, where a verb in -t follows: "een woonomgeving die aansluit bij"
    r"|\b[^\W\d_]{3,}\s+(?P<sing>die)\s+(?=[^\W\d_]+t\b)"
    r"|\b(?:onder meer |onder andere |bijvoorbeeld )?door (?:\w+ ){0,3}te\b",
    _I,
)
# A clause that says by what means: "(onder meer) door te helpen bij …".
_MEANS = re.compile(r"\b(?:(?:onder meer|onder andere|bijvoorbeeld) )?door (?:\w+ ){0,3}te\b", _I)
# Where examples start: "op bijvoorbeeld het sociaal domein", "zoals", "b.v.".
_EXAMPLE = re.compile(r"\b(?:bijvoorbeeld|zoals|b\.v\.|bv\.)(?=\s)", _I)
# A clause that names what a claim leaves out: "geen behoefte aan X, anders dan over Y",
# "alle regelingen behalve Y". Y is not what the claim is about.
_EXCEPTION = re.compile(r",\s*(?:anders dan|behalve|met uitzondering van)\b", _I)
# Where a clause ends: a comma, semicolon, colon, dash or the end of the sentence.
_CLAUSE_END = re.compile(r"[,;:]|\s[–-]\s")


@dataclass(frozen=True)
class RankedHits:
    """A sentence's theme hits: those its claim is about, and how sure that is."""

    hits: list[ThemeHit]
    subordinate: bool  # all of them stand in subordinate clauses (less sure)


def subordinate_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the relative and adverbial clauses of a sentence (to the next comma)."""
    spans = []
    for m in _SUBORDINATOR.finditer(text):
        relative = "rel" if m.group("rel") else "sing" if m.group("sing") else None
        start = m.start(relative) if relative else m.start()
        start += 1 if text[start] == "," else 0
        spans.append((start, _relative_end(text, m.end())))
    return spans


# A coordinated noun with a phrase of its own after the theme word's phrase ("meer groen in
# de stad en andere vormen van klimaatadaptatie"): the later theme qualifies that noun, a
# member of the enumeration, not the earlier theme word.
_NEW_HEAD = re.compile(rf"\s(?:en|of)\s+(?:\S+\s+)*?(?:{_MODIFIER_PREPOSITION})\s+(?:\S+\s+)*$", _I)


# A comma that only separates the members of an enumeration ("een aangename, inclusieve en
# veerkrachtige stad"): single words up to "en"/"of"; or the objects of one verb, each
# with its preposition ("die investeert in duurzaamheid, in zorg voor elkaar en …"), not a
# time or place that opens a new clause (", in 2024 …").
_ENUMERATION_COMMA = re.compile(
    r",\s*(?:[^\W\d_]+(?:\s*,\s*[^\W\d_]+)*\s+(?:en|of)\s"
    r"|(?:in|op|voor|aan|met|bij|naar|tegen)\s+(?!\d)(?!(?:de|het)\s+(?:eerste|komende"
    r"|volgende|afgelopen)\b))",
    _I,
)


def _relative_end(text: str, pos: int) -> int:
    """Where a subordinate clause that starts before `pos` ends: at the next clause end
    that is not a comma inside an enumeration of single words."""
    while True:
        end = _CLAUSE_END.search(text, pos)
        if end is None:
            return len(text)
        if end.group() == "," and _ENUMERATION_COMMA.match(text, end.start()):
            pos = end.end()
            continue
        return end.start()


def exception_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses that name what a claim leaves out (to the next comma)."""
    spans = []
    for m in _EXCEPTION.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        spans.append((m.start() + 1, end.start() if end else len(text)))
    return spans


def example_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the examples a claim gives ("bijvoorbeeld het sociaal domein en de
    energietransitie", "zoals …", "b.v. …"), to the end of their clause."""
    return [(m.start(), _clause_end(text, m.end())) for m in _EXAMPLE.finditer(text)]


# Most words a gap can hold: a participle, the preposition and six words (_MODIFIER_GAP).
_MODIFIER_GAP_WORDS = 8


def modifier_hits(text: str, hits: Sequence[ThemeHit], theme_words: Sequence[int] = ()) -> set[int]:
    """Indices of hits in a prepositional phrase that qualifies an earlier theme word.

    The heads are tried nearest first, and none further back once a gap holds
    punctuation or more words than a modifier can: a gap further back holds those too.
    So a sentence listing a thousand theme words stays linear. `theme_words`: the sorted
    starts of every theme word of the sentence, strong or not (a list's last member is no
    modifier unless the modifier before it holds one it may be coordinated with)."""
    side = set()
    commas = _ListCommas(text)
    for i, hit in enumerate(hits):
        for head in reversed(hits[:i]):
            if head.end > hit.start:
                continue
            gap = text[head.end : hit.start]
            if _GAP_ENDS.search(gap) or len(gap.split()) > _MODIFIER_GAP_WORDS:
                break
            if head.concept == hit.concept:
                continue
            if (
                _MODIFIER_GAP.search(gap)
                and not _NEW_HEAD.search(gap)
                and not _closes_a_list(commas, head, hit, gap, theme_words)
            ):
                side.add(i)
                break
    return side


# The last member of a list after a phrase with a modifier: "aan de vraagstukken in het
# sociaal domein, de beschikbaarheid van betaalbare woningen voor iedereen en de
# energietransitie". "en" with an article after it opens a noun phrase of its own, unless
# the modifier holds a theme word it may be coordinated with ("woningbouwplannen voor de
# binnenstad en het buitengebied": both places are where the building goes).
_LAST_MEMBER = re.compile(r"\s(?:en|of)\s+(?:de|het|een|onze|ons)\s+(?:[^\W\d_][\w'-]*\s+)?$", _I)


_LIST_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_STOP = re.compile(r"[;:]|(?<!\d)\.|\.(?!\d)")


class _ListCommas:
    """Where the commas and the clause ends of a sentence stand, found once (so a
    sentence of many theme words stays linear)."""

    def __init__(self, text: str) -> None:
        # (not the comma or point of a number: "2,5 miljoen", "1.200 woningen")
        self.commas = [m.start() for m in _LIST_COMMA.finditer(text)]
        self.stops = [m.start() for m in _STOP.finditer(text)]

    def comma_before(self, pos: int) -> bool:
        """Whether a comma stands between the clause's start and `pos`."""
        n = bisect.bisect_left(self.commas, pos)
        if not n:
            return False
        m = bisect.bisect_left(self.stops, pos)
        return not m or self.commas[n - 1] > self.stops[m - 1]


def _closes_a_list(
    commas: _ListCommas, head: ThemeHit, hit: ThemeHit, gap: str, theme_words: Sequence[int]
) -> bool:
    """Whether `hit` is the last member of a list that commas separate and `head`'s
    phrase is a member of, and so no modifier of it: "en" and an article open it, and no
    theme word stands between them ("woningen voor jongeren en de statushouders": housing
    for both)."""
    if not _LAST_MEMBER.search(gap) or not commas.comma_before(head.start):
        return False
    first = bisect.bisect_right(theme_words, head.start)
    return first >= len(theme_words) or theme_words[first] >= hit.start


_GAP_ENDS = re.compile(r"[,;:.]")


def claim_hits(text: str, hits: Sequence[ThemeHit], strong: set) -> RankedHits:
    """The hits a sentence's claim is about (see the module's doc); `strong` are the
    concepts that may decide a theme on their own (gemeentegraaf.text.themes.strong_concepts)."""
    theme_words = sorted(h.start for h in hits)
    hits = [h for h in hits if h.concept in strong]
    hits = without_places_as_locations(text, hits)
    hits = without_buildings_made_sustainable(text, hits)
    if len({h.concept for h in hits}) >= ENUMERATION_MIN_THEMES:
        side = modifier_hits(text, hits, theme_words)
        hits = [h for i, h in enumerate(hits) if i not in side]
    spans = subordinate_spans(text)
    hits = _without_examples_of_a_theme(text, hits, spans)
    main = [h for h in hits if not any(s <= h.start < e for s, e in spans)]
    if main:
        return RankedHits(main, subordinate=False)
    # Among subordinate clauses, one that says by what means ("onder meer door te helpen
    # bij verduurzaming") is further from the claim than one that says for whom or why.
    means = [(m.start(), _clause_end(text, m.end())) for m in _MEANS.finditer(text)]
    other = [h for h in hits if not any(s <= h.start < e for s, e in means)]
    return RankedHits(other or hits, subordinate=bool(hits))


# Between a theme word and the examples it heads: at most a comma ("het maatschappelijk
# vastgoed, zoals scholen en sporthallen").
_HEAD_OF_EXAMPLES = re.compile(r"\s*,?\s*$")


def _without_examples_of_a_theme(
    text: str, hits: list[ThemeHit], clauses: list[tuple[int, int]]
) -> list[ThemeHit]:
    """The hits without those among the examples of a theme word ("geld om het
    maatschappelijk vastgoed, zoals scholen, gemeentelijke gebouwen en accommodaties voor
    sport, te verduurzamen" is about the real estate; the schools and sport halls are
    instances of it). Examples headed by a word that names no theme ("grote plannen, zoals
    nieuwe woningen en klimaatmaatregelen") are the claim and stay. `clauses`: the
    sentence's subordinate clauses (a theme word in one, or in a prepositional phrase, is
    seldom what examples illustrate: "ontwikkelingen die van invloed zijn op de begroting,
    zoals de stijgende kosten van de jeugdhulp"). Positions are found once and looked up
    by bisection, so a sentence of many examples stays linear."""
    examples = [m.start() for m in _EXAMPLE.finditer(text)]
    if not examples or not hits:
        return hits
    ordered = sorted(range(len(hits)), key=lambda i: hits[i].start)
    starts = [hits[i].start for i in ordered]
    by_end = sorted(range(len(hits)), key=lambda i: hits[i].end)
    ends = [hits[i].end for i in by_end]
    clause_starts, clause_ends = _merged(clauses)
    bounds = _Bounds(text)
    side: set[int] = set()
    for start in examples:
        lo = bisect.bisect_left(ends, start - _HEAD_GAP_MAX)
        hi = bisect.bisect_right(ends, start)
        heads = [
            hits[i]
            for i in by_end[lo:hi]
            if _HEAD_OF_EXAMPLES.fullmatch(text, hits[i].end, start)
            and not _covered(clause_starts, clause_ends, hits[i].start)
            and not _IN_A_PREPOSITIONAL_PHRASE.search(
                text, max(0, hits[i].start - 80), hits[i].start
            )
        ]
        if not heads:
            continue
        end = bounds.enumeration_end(start)
        first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        side |= {i for i in ordered[first:last] if hits[i].concept != heads[0].concept}
    return [h for i, h in enumerate(hits) if i not in side]


# Most characters between a theme word and the "zoals" of its examples (", ").
_HEAD_GAP_MAX = 4


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """`spans` merged where they overlap, as sorted starts and ends."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _covered(starts: list[int], ends: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


class _Bounds:
    """Where a sentence's clauses and enumerations end, found once."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        self.hard = [m.start() for m in _HARD_END.finditer(text)]
        self.joiners = [m.end() for m in _MEMBER_JOINER.finditer(text)]
        self.clause_ends = [m.start() for m in _CLAUSE_END.finditer(text)]

    def enumeration_end(self, pos: int) -> int:
        """Where an enumeration that starts at `pos` ends: at the clause end after its
        first "en"/"of" ("zoals scholen, gemeentelijke gebouwen en accommodaties voor
        sport, te …"; "zoals scholen en sporthallen, verduurzamen en de armoede …" ends at
        the comma after "sporthallen"), never past a hard end."""
        limit = self._next(self.hard, pos, self.size)
        joiner = self._next(self.joiners, pos, limit)
        after = joiner if joiner < limit else pos  # with no "en"/"of": its first clause
        return min(self._next(self.clause_ends, after, self.size), limit)

    @staticmethod
    def _next(positions: list[int], pos: int, default: int) -> int:
        i = bisect.bisect_left(positions, pos)
        return positions[i] if i < len(positions) else default


# A theme word in a prepositional phrase: its preposition, a determiner, two adjectives.
_IN_A_PREPOSITIONAL_PHRASE = re.compile(
    rf"\b(?:{_MODIFIER_PREPOSITION})\s+(?:(?:de|het|een|onze|ons|haar|hun|zijn)\s+)?"
    r"(?:[^\W\d_]+\s+){0,2}$",
    _I,
)


# Where a clause ends for good: a semicolon, colon, dash or the sentence's end.
_HARD_END = re.compile(r"[;:.!?]|\s[–-]\s")
# What joins the last members of an enumeration.
_MEMBER_JOINER = re.compile(r"\s(?:en|of)\s")


def _clause_end(text: str, pos: int) -> int:
    end = _CLAUSE_END.search(text, pos)
    return end.start() if end else len(text)


# The bare nouns of a place: a village or core, a district or street-level neighbourhood.
# Their compounds and phrases ("kleine kernen", "wijkaanpak", "platteland") name a policy
# field and are not among them.
_VILLAGE_NOUNS = frozenset({"dorp", "dorpen", "kernen", "dorpskern", "dorpskernen"})
_DISTRICT_NOUNS = frozenset({"wijk", "wijken", "buurt", "buurten", "woonwijk", "woonwijken"})
# Areas of a town or a municipality, which may as well only say where: "Bij hevige regen
# lopen straten in de binnenstad onder water" (climate adaptation), "ondermijning in het
# buitengebied".
_AREA_NOUNS = frozenset({"binnenstad", "binnensteden", "buitengebied", "buitengebieden"})
# The words of liveability, which the scheme files under the village where a village is
# what is liveable ("Platteland en kleine kernen": "leefbaarheid en voorzieningen in
# dorpen").
_LIVEABLE_TERMS = frozenset({"leefbaarheid", "leefbaar", "leefbare"})
# A place noun as the place where something happens: a preposition of place, up to four
# words of its phrase ("in al onze kernen", "over de kernen", "in de stad en de dorpen").
# ("uit de dorpen wegtrekken" says whence, "tussen de wijken" relates them: not where.) The
# phrase holds no other preposition: in "zetten in op de wijken" the phrase is "op de".
_PLACE_PREPOSITION = r"(?:in|op|over|binnen|buiten|rond|rondom)"
_LOCATIVE = re.compile(
    rf"\b(?P<prep>{_PLACE_PREPOSITION})\s+"
    rf"(?:(?!(?:{_MODIFIER_PREPOSITION}|{_PLACE_PREPOSITION})\b)[^\W\d_]+\s+){{0,4}}$",
    _I,
)
# The word before such a preposition where the place is what a claim aims at, or whose
# problems it names: "investeren in de dorpen", "zetten in op de wijken", "de problemen
# in wijken".
_AIMED_AT = re.compile(
    r"\b(?:invest\w*|geïnvesteerd|inzet\w*|ingezet|in|focus\w*|nadruk|accent|aandacht"
    r"|gericht|trots|zuinig|problemen|problematiek|opgaven?|uitdagingen|ons|zich)\s+$",
    _I,
)
# "investeren" a few words before, with no phrase of its own between: "we investeren de
# komende jaren in de dorpen" (not "investeren in nieuwe woningen in de dorpen").
_INVESTED = re.compile(
    rf"\b(?:invest\w*|geïnvesteerd)\s+(?:(?!{_MODIFIER_PREPOSITION}\b)[^\W\d_]+\s+){{0,4}}$", _I
)
# Liveability that a village has: the noun with the village in the phrase right after it
# ("de leefbaarheid in de Maasdrielse kernen", "van de dorpen"); the adjective just
# before it ("leefbare en groene dorpen") or after it in the same clause ("onze dorpen
# ook in 2025 leefbaarder maken"; no "en" that opens another clause between).
_LIVEABILITY_OF = re.compile(r"^\s+(?:in|van|binnen)\s+(?:[\w'-]+\s+){0,3}$", _I)
_LIVEABLE_BEFORE = re.compile(r"^\s+(?:(?:en|of)\s+)?(?:[\w'-]+\s+){0,2}$", _I)
_LIVEABLE_AFTER = re.compile(r"^\s+(?:(?!(?:en|of|maar)\b)[\w'-]+\s+){0,5}$", _I)
# A district or town beside the village in that phrase ("in de wijken en dorpen", "in de
# stad en de dorpen"): the liveability is theirs as well, and stays.
_TOWN_BESIDE = re.compile(r"\b(?:wijk(?:en)?|buurt(?:en)?|stad|steden)\b", _I)
# How far after the village such a word may stand: "dorpen en wijken", "dorpen en de
# stad".
_TOWN_BESIDE_REACH = 25


def without_places_as_locations(text: str, hits: Sequence[ThemeHit]) -> list[ThemeHit]:
    """The hits without the bare place nouns that only say where ("we bouwen in alle
    kernen" is about building; "in het dorp zoeken wij samenwerking" about cooperation),
    and without the word of liveability that a village qualifies ("de leefbaarheid in de
    dorpen" is the village's, a theme of its own). A place a claim aims at stays:
    "investeren in de dorpen", "vitale dorpen"."""
    villages = [h for h in hits if h.text.lower() in _VILLAGE_NOUNS]
    areas = [h for h in hits if h.text.lower() in _AREA_NOUNS]
    # an area is where the claim happens only when the claim has a theme of its own: "het
    # aantal bezoekers in de binnenstad daalt" is about the town centre
    area_concepts = {h.concept for h in areas}
    if not any(h.concept not in area_concepts for h in hits):
        areas = []
    places = villages + [h for h in hits if h.text.lower() in _DISTRICT_NOUNS] + areas
    if not places:
        return list(hits)
    drop: set[ThemeHit] = set()
    liveable = [h for h in hits if h.term in _LIVEABLE_TERMS]
    near_village, near_liveable = _Nearest(villages), _Nearest(liveable)
    village_set = set(villages)
    for hit in liveable:
        joined = [v for v in near_village.around(hit) if _joined(text, hit, v)]
        if joined and not any(_town_beside(text, hit, v) for v in joined):
            drop.add(hit)
    for place in places:
        if place in village_set and (
            any(_joined(text, h, place) for h in near_liveable.around(place))
            or _has_services(text, place)
        ):
            continue
        if _is_location(text, place):
            drop.add(place)
    return [h for h in hits if h not in drop]


class _Nearest:
    """The hits of a kind, to find the nearest before and after a position: a joining gap
    holds no other hit of that kind, so only those two can be joined to it (and a sentence
    of thousands of place words stays linear)."""

    def __init__(self, hits: Sequence[ThemeHit]) -> None:
        self.hits = sorted(hits, key=lambda h: h.start)
        self.starts = [h.start for h in self.hits]

    def around(self, hit: ThemeHit) -> list[ThemeHit]:
        i = bisect.bisect_left(self.starts, hit.start)
        before = self.hits[i - 1 : i] if i > 0 else []
        j = bisect.bisect_right(self.starts, hit.start)
        return before + self.hits[j : j + 1]


# The services of a place, which the scheme counts to the place ("voorzieningen in de
# kernen", "de basisvoorzieningen in de dorpen", "een winkel in het dorp", "goede
# voorzieningen, ook in de kleinere dorpen"; "In onze dorpen staan de voorzieningen onder
# druk"), also as a compound's tail ("basisschool", "huisartsenpraktijk").
# (a compound may lead up to one, "basisschool"; none may follow: "schoolroutes" and
# "winkelstraten" are no services)
_SERVICE = (
    r"(?:voorziening(?:en|enniveau|enstructuur)?|winkels?|supermarkt(?:en)?|school|scholen"
    r"|huisarts(?:en|enpraktijk|enpraktijken|enpost)?|bibliothe(?:ek|ken)|dorpshui(?:s|zen)"
    r"|gemeenschapshui(?:s|zen)|pinautomaat|geldautomaat)"
)
_SERVICES_BEFORE = re.compile(
    rf"{_SERVICE}(?:\s*,)?\s+(?:(?!(?:maar|en|of|want)\b)[\w'-]+\s+){{0,5}}$", _I
)
_SERVICES_AFTER = re.compile(rf"\s+(?:[\w'-]+\s+){{0,3}}?\w*{_SERVICE}\b", _I)
# How far before a place its services are looked for: the service word and the six words
# of the phrase that may stand between.
_SERVICES_REACH = 80


def _has_services(text: str, place: ThemeHit) -> bool:
    before = _SERVICES_BEFORE.search(text, max(0, place.start - _SERVICES_REACH), place.start)
    return bool(before) or bool(_SERVICES_AFTER.match(text, place.end))


def _joined(text: str, liveable: ThemeHit, village: ThemeHit) -> bool:
    if liveable.start < village.start:
        gap = text[liveable.end : village.start]
        pattern = _LIVEABILITY_OF if liveable.term == "leefbaarheid" else _LIVEABLE_BEFORE
        return bool(pattern.match(gap))
    return liveable.term != "leefbaarheid" and bool(
        _LIVEABLE_AFTER.match(text[village.end : liveable.start])
    )


def _town_beside(text: str, liveable: ThemeHit, village: ThemeHit) -> bool:
    start, end = min(liveable.end, village.end), max(liveable.start, village.start)
    return bool(_TOWN_BESIDE.search(text, start, min(len(text), end + _TOWN_BESIDE_REACH)))


# A place among those the speaker works with ("zal worden samengewerkt met dorpen, scholen
# en verenigingen", "wil samen met de kernen de weg vinden"): a partner, not a theme.
# (between "met" and the place only an article, an adjective or the items of its list:
# in "Samen met inwoners versterken we de kernen" the kernen are the object)
_PARTNER = re.compile(
    r"\b(?:samen|samengewerkt|samenwerken|samenwerkt|samenwerking|samen\s+te\s+werken|overleg"
    r"|gesprek)\s+met\s+(?:(?:de|het|onze|ons|alle|andere|omliggende|kleine|grote)\s+"
    r"|[^\W\d_]+\s*,\s*|[^\W\d_]+\s+(?:en|of)\s+){0,4}$",
    _I,
)


def _is_location(text: str, place: ThemeHit) -> bool:
    # searched in the whole text from a bounded start, so a word cut by the bound
    # ("terrein") is not read as a preposition
    start = max(0, place.start - 60)
    if _PARTNER.search(text, start, place.start):
        return True
    m = _LOCATIVE.search(text, start, place.start)
    if m is None:
        return False
    ahead = text[max(0, m.start("prep") - 60) : m.start("prep")]
    return not (_AIMED_AT.search(ahead) or _INVESTED.search(ahead))


# Making buildings sustainable: the retrofit's words, and the buildings it works on (a
# school building or a sports hall is real estate there, not education or sport).
_RETROFIT_TERMS = frozenset({"isoleren", "verduurzamen", "verduurzaming", "zonnepanelen"})
# (a word that ends in one: "schoolgebouwen", "sportaccommodaties")
_BUILDING_WORD = re.compile(
    r"(?:gebouw(?:en)?|hal(?:len)?|accommodaties?|school|scholen|zwembad(?:en)?|pand(?:en)?"
    r"|zaal|zalen)$",
    _I,
)
# Between the retrofit word and a building it works on: the object's words and the
# members of its enumeration ("isoleren schoolgebouwen en sporthallen", "de verduurzaming
# van onze scholen, sporthallen en het zwembad"); a comma that opens a new clause (", en
# we bouwen …") ends it.
_RETROFIT_GAP = re.compile(
    r"^(?:(?:\s*,(?!\s*(?:en|maar|of|want|dus|dat|die|om)\b))?\s+[\w'-]+){0,8}?\s*,?\s+$", _I
)
# Most characters such a gap holds (eight words): longer ones are not read at all.
_RETROFIT_GAP_MAX = 160


def without_buildings_made_sustainable(text: str, hits: Sequence[ThemeHit]) -> list[ThemeHit]:
    """The hits without the buildings a retrofit works on: "We isoleren schoolgebouwen en
    sporthallen" is about the energy transition, not about schools or sport; "scholen te
    verduurzamen" the same. A building named apart from the retrofit keeps its theme."""
    retrofits = [h for h in hits if h.term in _RETROFIT_TERMS]
    if not retrofits:
        return list(hits)
    nearest = _Nearest(retrofits)
    keep = []
    for hit in hits:
        if (
            hit.term not in _RETROFIT_TERMS
            and _BUILDING_WORD.search(hit.text)
            and any(_retrofits(text, r, hit) for r in nearest.around(hit))
        ):
            continue
        keep.append(hit)
    return keep


def _retrofits(text: str, retrofit: ThemeHit, building: ThemeHit) -> bool:
    first, second = (
        (retrofit, building) if retrofit.start < building.start else (building, retrofit)
    )
    gap = text[first.end : second.start]
    if building is first and _OTHER_VERB.search(gap):
        # "We bouwen een nieuwe school en isoleren het gemeentehuis": the retrofit is a
        # verb of its own after "en", and the school is not its object
        return False
    return len(gap) <= _RETROFIT_GAP_MAX and bool(_RETROFIT_GAP.match(gap))


_OTHER_VERB = re.compile(r"\s(?:en|of|maar)\s+$", _I)
