"""Stances of the G32 network on the 2017 coalition agreement (gg:Standpunt).

The G32 analysis is written by the network about the agreement, so "we",
"wij", "ons" and "de G32" are the network: every stance has gg:onderwerp
<id/netwerk/g32>. Where the text speaks:

- the ten speerpunten (sections 2.1-2.10): the heading states what the G32
  asked of a new cabinet, a gg:Eis about the speerpunt itself;
- under each "Reactie G32 op Regeerakkoord", under "Kansen" and "Risico’s"
  (2.7), in the three pillars (3.1 Sociaal, 3.2 Fysiek, 3.3 Economie) and in
  the Voorwoord: sentences that carry a cue phrase. The bracketed passages
  before each reaction quote the G32's earlier programme and are left alone.

A sentence is cut into clauses (at "maar", ";", ", toch", ", en wil…") only
when more than one clause carries a cue ("positief … over de visie van het
kabinet maar … zorgen … over de financiering" gives two stances). Cues, in the
order they win within one clause:

- gg:Negatief: teleurgesteld, betreuren, jammer, gemiste kans, in strijd met,
  kritisch, slecht plan, gaat in tegen, geen behoefte aan, …;
- gg:Zorg: zorgen over, risico, onduidelijk, vaag, summier, te weinig oog, in
  gevaar, ontbreekt, niets over, niet benoemd, geen … middelen, …;
- gg:Eis: vragen (aandacht), pleiten voor, hechten eraan, voorstander van,
  zou … moeten, moet (not "zal … moeten", "naar verluid"), nodig (not in a
  relative clause, not "nodig acht"), wenselijk dat, van belang dat, …;
- gg:Positief: blij, verheugd, positief, tevreden, onderschrijven, steunen,
  toejuichen, stap in de goede richting, goed voorstel, te waarderen, ….

In "Kansen" and "Risico’s" the heading gives the polarity of a paragraph's
first sentence when it has no cue of its own (gg:Positief, gg:Zorg).

gg:beleid is what the stance is about, read off the clause ("positief over
X", "X is een stap in de goede richting", "pleiten voor X"), or the sentence
before when the clause points back ("Dit is in strijd met …"), else the clause
itself. gg:instrument is a named law, fund or programme in the clause
(gemeentegraaf.text.programmes, through gemeentegraaf.extract.vng.instruments_in). Themes come from
the speerpunt's or pillar's theme (the report's own scheme) plus the clause's
words (gemeentegraaf.extract.trends.report_themes).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.framework import DocumentContext, Heading, register
from gemeentegraaf.extract.theme_roles import example_spans, exception_spans
from gemeentegraaf.extract.trends import collapse, object_key, report_themes
from gemeentegraaf.extract.vng import instruments_in
from gemeentegraaf.text import segment
from gemeentegraaf.text.themes import ThemeHit, decisive_concepts, strong_concepts
from rdflib import URIRef

_DEFAULT_POLARITY = {"Kansen": GG.Positief, "Risico’s": GG.Zorg}

# Longest gg:beleid kept; a longer description is cut at a word boundary.
_BELEID_MAX = 160


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE)


NEGATIVE = _rx(
    r"\bteleurgesteld\b",
    r"\bteleurstellend\b",
    r"\bbetreur\w*",
    r"\bjammer\b",
    r"\bgemiste kans\b",
    r"\bin strijd met\b",
    r"\bin tegenspraak met\b",
    r"\bkritisch\b",
    r"\bbevreemdt\b",
    r"\bslecht plan\b",
    r"\bgaat in tegen\b",
    r"\bgeen behoefte aan\b",
    r"\bschiet te kort\b",
    r"\blaat te wensen over\b",
    r"\bdenken niet dat\b",
    r"\bonrechtmatig\b",
    r"\bfrustreren\b",
    r"\bverzwaart\b",
    r"\bvoorbij aan\b",
    r"\bmissen wij\b",
    r"\bdefensieve opstelling\b",
)
CONCERN = _rx(
    r"\bzorgen (?:maakt |maken )?over\b",
    r"\bmaakt zich\b.*\bzorgen\b",
    r"\bmaken ons zorgen\b",
    r"\bonze zorgen\b",
    r"\brisico\w*\b",
    r"\bonduidelijk\w*\b",
    r"\bniet (?:\w+ )?duidelijk\b",
    r"\bniet goed te duiden\b",
    r"\bonhelder\b",
    r"\bvaag\b",
    r"\bsummier\b",
    r"\bte weinig\b",
    r"\bin gevaar\b",
    r"\bbekruipt\b",
    r"\blosse eindjes\b",
    r"\bvragen (?:we|wij) ons af\b",
    r"\bbenieuwd\b",
    r"\bniet toereikend\b",
    r"\bte rooskleurig\b",
    r"\boverschat\b",
    r"\bnadelig effect\b",
    r"\bonder druk (?:komt|komen) te staan\b",
    r"\bontbreekt\b",
    r"\bontbreken\b",
    r"\bniet opgenomen\b",
    r"\bniet (?:nader )?(?:benoemd|gespecificeerd)\b",
    r"\bnergens\b",
    r"\bniets over\b",
    r"\bspreekt niet over\b",
    r"\bbenoemt dit onderwerp niet\b",
    r"\bwordt niet gesproken\b",
    r"\bwordt (?:\w+ ){0,6}gemist\b",
    r"\bonvoldoende\b",
    r"\bgeen (?:\w+ ){0,2}"
    r"(?:middelen|compensatie|geld|verwijzingen|voorstellen|invulling|rekening)\b",
    r"\bweinig (?:\w+ ){0,3}over(?:blijft|blijven)\b",
    r"\bniet beter op wordt\b",
    r"\bbemoeilijkt\b",
    r"\bopgezadeld\b",
    r"\bzonder geld\b",
    r"\blijkt het alsof\b",
    r"\buitvoeringsproblemen\b",
    r"\bligt\b.*\baandachtspunt\b",
    r"\bniet rooskleurig\b",
)
DEMAND = _rx(
    r"\bvrag(?:en|t) (?:we |wij )?(?:in ieder geval )?aandacht\b",
    r"\bvraagt de G32\b",
    r"\bgevraagd om\b",
    r"\bvraagt om\b",
    r"\bpleit\w*\b",
    r"\bgepleit\b",
    r"\bbepleit\w*\b",
    r"\bhecht(?:en)? (?:er|eraan|ook aan)\b",
    r"\bnodigen\b.*\buit\b",
    r"\bvoorstander van\b",
    r"\bwil(?:len)? (?:\w+ ){0,4}graag (?:\w+ ){0,3}betrokken\b",
    r"\bwil graag de\b",
    r"\bwil de G32\b",
    r"\bzou(?:den)?\b.*\bmoeten\b",
    r"\bzouden we (?:ook )?graag zien\b",
    r"\bmoet(?:en)?\b",
    r"\bnodig\b",
    r"\bnoodzakelijk\b(?! voornemen)",
    r"\bwenselijk dat\b",
    r"\bvan (?:groot )?belang da[nt]\b",
    r"\bbelangrijk dat\b",
    r"\bis het zaak\b",
    r"\bvertrouwen erop dat\b",
    r"\baandacht (?:\w+ )?verdienen\b",
    r"\bverdienen\b.*\baandacht\b",
    r"\bwijzen op\b",
    r"\baandacht op vestigen\b",
    r"\bgaan er ?van ?uit dat\b",
    r"\bdient\b.*\bte\b",
    r"\bis een must\b",
    r"\bde voorkeur\b",
    r"\bhebben behoefte aan\b",
    r"\bboter bij de vis\b",
    r"\bis voor het behoud\b",
)
POSITIVE = _rx(
    r"\bpositie(?:f|ve)\b",
    r"\bblij\b",
    r"\bverheugd\b",
    r"\btevreden\w*\b",
    r"\binstemm\w*\b",
    r"\bonderschrij\w+\b",
    r"\bondersteunen\b",
    r"\bsteunen\b",
    r"\bjuich\w*\b.*\btoe\b",
    r"\bstap in de goede richting\b",
    r"\bgoed voorstel\b",
    r"\bmooie stap\b",
    r"\bsteun in de rug\b",
    r"\bte waarderen\b",
    r"\bcontent\b",
    r"\bmooie voorbeelden\b",
    r"\bvan groot belang\b",
    r"\bbelangrijke ontwikkeling\b",
    r"\bnoodzakelijk voornemen\b",
    r"\bsympathiek\b",
    r"\bgoede basis\b",
    r"\bbelangrijk vinden we\b",
    r"\binteressante (?:aanzetten|openingen)\b",
    r"\bintentie is goed\b",
    r"\bspreekt\b.*\bvertrouwen uit\b",
    r"\been kans voor\b",
    r"\bsluit aan bij de inzet\b",
    r"\beerste stap\b",
    r"\bslagen vooruit\b",
    r"\bgoed idee\b",
    r"\bvindt\b.*\bbelangrijk\b",
    r"\bis voor steden van belang omdat\b",
)
POLARITIES: tuple[tuple[URIRef, re.Pattern[str]], ...] = (
    (GG.Negatief, NEGATIVE),
    (GG.Zorg, CONCERN),
    (GG.Eis, DEMAND),
    (GG.Positief, POSITIVE),
)

# Cues that are not the network's demand: a plan described in the future tense
# ("Er zal 50% … moeten worden opgevangen"), hearsay ("naar verluid"), a
# conclusion ("moeten we concluderen"), a relative clause ("waarvoor … nodig is"),
# someone else's verdict ("nodig acht"), possession ("heeft … nodig").
_MOET = re.compile(r"\bmoet(?:en)?\b", re.IGNORECASE)
_MOET_NOT = _rx(
    r"\bzal\b",
    r"\bzullen\b",
    r"\bnaar verluid\b",
    r"\bmoeten we concluderen\b",
    r"\bmoeten en kunnen\b",
    r"\bmoet gebeuren\b",
)
_NODIG = re.compile(r"\bnodig\b", re.IGNORECASE)
_NODIG_NOT = _rx(
    r"\bnodig acht\b",
    r"\b(?:die|waarvoor|waar)\b[^,;]*\bnodig\b",
    r"\bdat nodig is\b",
    r"\bheeft\b[^,;]*\bnodig\b",
    r"\bhebben\b[^,;]*\bnodig\b",
)
_NOT_A_STANCE = _rx(r"\bzowel kansen als risico", r"\?$")
# Regret that something is missing from the agreement ("jammer dat … nergens wordt
# gesproken over de IKC-ontwikkeling") is a concern about a gap, like "ontbreekt".
_REGRET_ABSENCE = _rx(r"\bjammer dat\b.*\b(?:nergens|niets|geen)\b")

# Where a sentence may be cut into clauses that carry stances of their own.
_CLAUSE_BREAK = re.compile(
    r";\s+|,\s+(?=(?:maar|toch|echter|wel)\b)|\s+maar\s+(?=dat\b|naast\b|dan\b|we\b|wij\b)"
    r"|,?\s+en\s+(?=(?:wil|willen|nodigen|vragen|pleiten)\b)"
)
# A clause that points back: "Dit is in strijd met …", "Dat is positief", "Hierdoor komt …",
# "Deze ambitie ontbreekt …" (not "Dit Regeerakkoord is …", which names its subject).
_ANAPHOR = re.compile(
    r"^(?:(?:Dit|Dat)\s+(?:is|zijn|betekent|geldt|vraagt)\b|(?:Hiervoor|Hierin|Hierdoor|Daarmee)\b"
    r"|Deze\s+(?:ambitie|maatregel|afspraken|middelen)\b)"
)
# "Wij ondersteunen dat", "De G32 onderschrijft het belang hiervan", "… is dit nodig":
# the object is the sentence before.
_POINTS_BACK = re.compile(
    r"\b(?:ondersteunen|onderschrij\w+|steunen)\s+(?:dat|dit|het belang hiervan)\b"
    r"|\bis dit nodig\b",
    re.IGNORECASE,
)
# Where a phrase after a cue ends: a new clause with its own verb.
_PHRASE_END = re.compile(r",\s|\s(?:zien we|zien wij|waarbij|waardoor|omdat|terwijl)\b")
# Patterns that give what a stance is about (group "x"), tried in order.
_OBJECT_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:Positief|Ook positief|Van groot belang) is (?:dat |het )?(?P<x>.+)$",
        r"^Belangrijk vinden we (?P<x>.+)$",
        r"\b(?:positief|blij|verheugd|tevreden|teleurgesteld|zorgen|content)(?: gestemd)?"
        r"(?: is| zijn| maakt| maken)? (?:over|met) (?P<x>.+)$",
        r"\b(?:jammer|gemiste kans|positief|tevredenheid|bevreemdt het ons|verwacht met name)"
        r" (?:dat )?(?P<x>.+)$",
        r"\bonderschrij\w+ (?:volledig )?(?:het standpunt van |dat )?(?P<x>.+)$",
        r"\bjuich\w* (?P<x>.+?) toe\b",
        r"\b(?:pleit\w*|voorstander|is voor het behoud) (?:ervoor )?(?:van |voor |om )?(?P<x>.+)$",
        r"\bvrag(?:en|t) (?:we |wij )?(?:in ieder geval )?aandacht voor (?P<x>.+)$",
        r"\bhebben (?:geen )?behoefte aan (?P<x>.+)$",
        r"\bgevraagd om (?P<x>.+)$",
        r"\bhecht\w* (?:er )?(?:eraan|ook aan|wel aan)? ?(?:te benadrukken )?(?:dat )?(?P<x>.+)$",
        r"\b(?:kritisch zijn we|zijn we kritisch) t\.a\.v\. (?P<x>.+)$",
        r"\bwil(?:len)? (?:\w+ ){0,4}graag (?P<x>.+)$",
        r"\bwil de G32 (?P<x>.+)$",
        r"\bontbreekt (?P<x>.+)$",
        r"\b(?:niets|niet) over (?P<x>.+)$",
        r"^(?P<x>.+?) (?:is|zijn|blijft|wordt) (?:wel |dan ook |in dit licht |nog steeds |nog )?"
        r"(?:een |de )?(?:\w+ ){0,3}(?:stap in de goede richting|goed voorstel|positief besluit"
        r"|gemiste kans|slecht plan|in strijd met|te waarderen|belangrijke ontwikkeling"
        r"|noodzakelijk voornemen|teleurstellend|onduidelijk|van groot belang|start en stap)\b",
        r"^(?P<x>.+?) (?:ziet de G32 als|zien wij als|ervaart de G32 als|heeft onze instemming)\b",
        r"^(?:Rond|Over) (?P<x>.+?) blijft\b",
        r"^(?P<x>.+?) (?:blijft (?:in het Regeerakkoord )?vaag|gaat in tegen)\b",
    )
)
_LIST_NUMBER = re.compile(r"^\d\)\s*")


@dataclass(frozen=True)
class Clause:
    start: int  # offsets into ctx.text
    end: int
    text: str
    polarity: URIRef


def polarity_of(text: str) -> URIRef | None:
    """The stance a clause's cue phrases express, or None without a cue."""
    if _NOT_A_STANCE.search(text.strip()):
        return None
    if _REGRET_ABSENCE.search(text):
        return GG.Zorg
    for polarity, pattern in POLARITIES:
        if polarity == GG.Eis:
            if any(not _demand_excluded(text, m) for m in pattern.finditer(text)):
                return polarity
        elif pattern.search(text):
            return polarity
    return None


def _demand_excluded(text: str, m: re.Match[str]) -> bool:
    """A "moet" or "nodig" that is not the network's demand (see _MOET_NOT, _NODIG_NOT)."""
    if _MOET.fullmatch(m.group(0)):
        return bool(_MOET_NOT.search(text))
    if _NODIG.fullmatch(m.group(0)):
        return any(x.start() <= m.start() < x.end() for x in _NODIG_NOT.finditer(text))
    return False


def clauses_with_stance(text: str, base: int) -> list[Clause]:
    """The stance-bearing clauses of a sentence; the whole sentence unless it splits in two."""
    pieces: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_BREAK.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    found = []
    for s, e in pieces:
        piece = text[s:e]
        polarity = polarity_of(piece)
        if polarity is not None:
            found.append(Clause(base + s, base + e, piece, polarity))
    if len(found) > 1:
        return found
    polarity = polarity_of(text)
    return [Clause(base, base + len(text), text, polarity)] if polarity is not None else []


def _trim(text: str) -> str:
    text = collapse(text).strip(" ,;:.").strip()
    text = re.sub(r"^(?:en|maar|toch|echter|wel|dat)\s+", "", text)
    text = re.sub(r"\s+(?:en|of|maar|dat)$", "", text)
    if len(text) > _BELEID_MAX:
        text = text[: _BELEID_MAX - 1].rsplit(" ", 1)[0] + "…"
    return text


def policy_of(clause: str, previous: str | None) -> str:
    """What a stance is about: the phrase its cue governs, the sentence it points back to,
    or the clause itself."""
    text = _LIST_NUMBER.sub("", collapse(clause)).rstrip(".")
    text = re.sub(r"^(?:maar|toch|echter|wel|en)\s+", "", text)
    if previous and (_ANAPHOR.match(text) or _POINTS_BACK.search(text)):
        return _trim(_LIST_NUMBER.sub("", previous))
    for pattern in _OBJECT_PATTERNS:
        m = pattern.search(text)
        if m and len(m.group("x").split()) >= 2:
            phrase = m.group("x")
            if m.start("x") > 0:  # a phrase after its cue ends where the next clause starts
                cut = _PHRASE_END.search(phrase)
                if cut and len(phrase[: cut.start()].split()) >= 2:
                    phrase = phrase[: cut.start()]
            return _trim(phrase)
    return _trim(text)


# ---------------------------------------------------------------------------
# Which text speaks for the network
# ---------------------------------------------------------------------------


def _in_scope(ctx: DocumentContext, section_key: str | None) -> bool:
    """Whether a section speaks for the network: the chapters the genre profile names
    (its preface, its pillars), and the reactions, opportunities and risks anywhere."""
    if section_key is None:
        return False
    chain = ctx.structure.ancestors(section_key)
    titles = {s.title for s in chain}
    top = chain[-1]
    if top.title in ctx.rule("stance_chapter_titles", []) or top.number in ctx.rule(
        "stance_chapter_numbers", []
    ):
        return True
    reaction = re.compile(str(ctx.rule("reaction_heading", r"(?!)")))
    return any(reaction.fullmatch(t) for t in titles) or bool(titles & set(_DEFAULT_POLARITY))


@dataclass(frozen=True)
class _Span:
    """A stretch of text read as one unit: a passage, or a numbered item and its continuation."""

    start: int
    end: int
    section: str | None
    passage: segment.Passage


def _spans(ctx: DocumentContext) -> list[_Span]:
    """Passages in scope; a numbered pillar item ("1) … (kinder-) armoede") is joined with the
    lines gemeentegraaf.text.segment split off it ("blijven onverminderd van kracht.")."""
    doc = ctx.structure
    passages = [p for p in doc.passages if p.kind in ("alinea", "streepje")]
    spans: list[_Span] = []
    i = 0
    while i < len(passages):
        p = passages[i]
        end = p.norm_end
        j = i
        while (
            j + 1 < len(passages)
            and not ctx.text[passages[j].norm_start : passages[j].norm_end]
            .rstrip()
            .endswith((".", "?", "!", ":"))
            and ctx.text[passages[j + 1].norm_start : passages[j + 1].norm_start + 1].islower()
        ):
            j += 1
            end = passages[j].norm_end
        if _in_scope(ctx, p.section) and not p.text.lstrip().startswith("("):
            spans.append(_Span(p.norm_start, end, p.section, p))
        i = j + 1
    return spans


def _sentences_of(ctx: DocumentContext, span: _Span) -> list[segment.Sentence]:
    p = span.passage
    joined = segment.Passage(
        p.kind,
        p.raw_start,
        p.raw_end,
        span.start,
        span.end,
        ctx.text[span.start : span.end],
        p.section,
    )
    return segment.sentences(ctx.structure, joined)


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def _stance(
    ctx: DocumentContext,
    headings: tuple[Heading, ...],
    clause: Clause,
    policy: str,
    method: str,
    passage: URIRef | None,
    previous: str | None = None,
) -> URIRef:
    speaker = ctx.speaker
    assert speaker is not None and speaker.is_network  # checked by the extractors
    return ctx.assert_fact(
        GG.Standpunt,
        "standpunt",
        speaker.key,
        speaker.uri,
        object_key(policy),
        clause.start,
        clause.end,
        method,
        passage=passage,
        houding=clause.polarity,
        beleid=policy,
        instrument=instruments_in(ctx, clause.text) or None,
        thema=stance_themes(ctx, headings, clause.text, previous) or None,
    )


def _claim_themes(
    ctx: DocumentContext,
    text: str,
    concepts: Callable[[list[ThemeHit]], list[URIRef]] = decisive_concepts,
) -> list[URIRef]:
    """The themes a text names with a deciding word (`concepts`: decisive_concepts, or
    strong_concepts to let an ambiguous word count), without those in asides and in a
    clause that names what the claim leaves out
    (gemeentegraaf.extract.theme_roles.exception_spans), and without its examples where
    the rest names a theme."""
    text = _without_asides(text)
    left_out = exception_spans(text)
    hits = [h for h in ctx.theme_hits(text) if not any(s <= h.start < e for s, e in left_out)]
    # examples ("bijvoorbeeld het sociaal domein") count where nothing else names a theme
    examples = example_spans(text)
    named = [h for h in hits if not any(s <= h.start < e for s, e in examples)]
    return concepts(named) or concepts(hits)


def stance_themes(
    ctx: DocumentContext, headings: tuple[Heading, ...], clause: str, previous: str | None
) -> list[URIRef]:
    """A stance's themes: what its own words name; for a stance that names none and points
    back ("De G32 onderschrijft het belang hiervan", "Deze ambitie ontbreekt …"), what the
    sentence before names. Its section's theme only where neither names one, or within
    their family (report_themes): a stance in a finance chapter about procurement rules is
    not about finance. An ambiguous word ("maatwerk", "economische") names a theme only
    where none of these does."""
    own = _claim_themes(ctx, clause)
    if not own and previous and _points_back(clause):
        own = _claim_themes(ctx, previous)
    themes = report_themes(ctx, headings, clause, own_wins=True, own=own)
    if themes:
        return themes
    own = _claim_themes(ctx, clause, strong_concepts)
    return report_themes(ctx, headings, clause, own_wins=True, own=own)


def _points_back(clause: str) -> bool:
    text = re.sub(r"^(?:maar|toch|echter|wel|en)\s+", "", _LIST_NUMBER.sub("", collapse(clause)))
    return bool(_ANAPHOR.match(text) or _POINTS_BACK.search(text))


def _without_asides(text: str) -> str:
    """The text with bracketed asides blanked: "(Jeugdzorg, Wmo en Participatie)" lists
    examples, not what the stance is about."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), text)


@register("netwerk-standpunten")
def standpunten(ctx: DocumentContext) -> None:
    """Stances in the reactions, the opportunities and risks, the pillars and the preface,
    of the network that speaks (none when the document's speaker is not a network)."""
    if ctx.speaker is None or not ctx.speaker.is_network:
        return
    doc = ctx.structure
    for span in _spans(ctx):
        headings = ctx.headings_of(span.section)
        section_title = doc.section(span.section).title if span.section else ""
        passage_uri = segment.passage_uri(ctx.key, span.passage)
        previous: str | None = None
        for n, sentence in enumerate(_sentences_of(ctx, span)):
            clauses = clauses_with_stance(sentence.text, sentence.norm_start)
            if not clauses and n == 0 and section_title in _DEFAULT_POLARITY:
                start = sentence.norm_start
                if not _ANAPHOR.match(sentence.text):
                    clauses = [
                        Clause(
                            start,
                            sentence.norm_end,
                            sentence.text,
                            _DEFAULT_POLARITY[section_title],
                        )
                    ]
            for clause in clauses:
                policy = policy_of(clause.text, previous)
                _stance(ctx, headings, clause, policy, "g32-standpunt-cue", passage_uri, previous)
            previous = sentence.text


@register("netwerk-speerpunten")
def speerpunten(ctx: DocumentContext) -> None:
    """Each section of the genre's pillar chapter (2.1-2.10 in the G32 paper) is what the
    speaking network asks of a new cabinet."""
    speaker = ctx.speaker
    if speaker is None or not speaker.is_network:
        return
    chapter = f"{ctx.rule('priority_chapter_number', '')}."
    doc = ctx.structure
    for section in doc.sections:
        if section.level != 2 or chapter == "." or not (section.number or "").startswith(chapter):
            continue
        heading = next(
            (p for p in doc.passages if p.kind == "kop" and p.section == section.key), None
        )
        if heading is None:
            continue
        title = collapse(section.title)
        # "Meer ruimte voor steden en regio’s o.a. doorzettingsmacht …": the point, then
        # its examples; the point is the policy, the whole heading the evidence.
        point = re.split(r"\s+o\.a\.\s+", title, maxsplit=1)[0]
        clause = Clause(heading.norm_start, heading.norm_end, heading.text, GG.Eis)
        headings = ctx.headings_of(section.key)
        ctx.assert_fact(
            GG.Standpunt,
            "standpunt",
            speaker.key,
            speaker.uri,
            object_key(point),
            clause.start,
            clause.end,
            "g32-speerpunt",
            passage=segment.passage_uri(ctx.key, heading),
            houding=GG.Eis,
            beleid=_trim(title),
            instrument=instruments_in(ctx, title) or None,
            thema=report_themes(ctx, headings, title, own_wins=True) or None,
        )
