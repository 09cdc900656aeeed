"""A municipality faces, prioritises or acts on a theme (gg:Uitdaging), or does not (ontkend).

Two rule sets, each tied to how a kind of report writes about municipalities:

Analyses of coalition agreements (the 2018 analysis). Every chapter is one of
the report's themes and every municipality it names is there because its
agreement says something on that theme: "Leiden wil deze collegeperiode 8.500
woningen bouwen", "In het coalitieakkoord van de gemeente Winterswijk …",
"(Oldambt, Zutphen)". The theme of such a fact is the theme the sentence names
within the family of its section's theme (the report's own theme scheme in
ontology/themes.ttl maps each section), else the section's theme. One fact per
municipality when a sentence names several. A clause that says an agreement
does NOT address a theme ("staat niets over schulden en armoede", "wordt de
aanpak van schulden niet genoemd") gives a negated fact (gg:ontkend true), and
no positive one from that clause; a clause that says an agreement gives a theme
no more than a phrase ("beperkt zich wat dit betreft tot de zinsnede …") gives
neither. A sentence that names no municipality but
opens with a reference back ("Wel is te lezen dat …", "De gemeente …") takes
the single municipality of the sentence before it.

Trend studies (the 2021 study). Municipalities appear as examples: extremes in
a figure ("Het langst duurt dat … in Haarlemmermeer (224 maanden)"), or a
municipality acting ("in Enschede [is] een Commissie Menselijke Maat
geïnstalleerd"). A fact needs an explicit cue: an adverse extreme or change
(gg:StaatVoor), or an action (gg:Onderneemt / gg:Prioriteert). Favourable
extremes ("het makkelijkst", "de minste groei") are figures, not challenges.
The cue must stand in the stretch of the sentence that belongs to the names
(between the previous list of names and the next), so that "in Heerlen het
moeilijkst … en in Pijnacker-Nootdorp het makkelijkst" gives Heerlen only.

Other reports name municipalities in roles (funders, a steering committee) or
not at all; those are gemeentegraaf.extract.roles's, and yield no challenge here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.actors import (
    Actor,
    clause_of,
    clauses,
    group_lists,
    has_negation,
    municipality_actors,
)
from gemeentegraaf.extract.framework import (
    GENRE_RULE_CONFIDENCE,
    DocumentContext,
    Sentence,
    register,
)
from rdflib import URIRef

KIND = "uitdaging"

# An agreement that gives a theme no more than a phrase: "De gemeente Rijswijk beperkt zich
# wat dit betreft tot de zinsnede …", "volstaat met een verwijzing", "blijft het bij". The
# analysis says how little the agreement says; that is no priority and no negation.
_LIMITED_MENTION = re.compile(
    r"\bbeperk(?:t|en|te|ten) zich\b[^.“\"]{0,40}?\btot\b|\bvolsta(?:at|an) met\b"
    r"|\bblijft het (?:\w+ )?bij\b",
    re.IGNORECASE,
)


# An inventory: a sentence listing this many items (commas, a last "en") that names this many
# themes of its section's family, one per item ("van het CJG en jeugdteams, Wmo-wijkteams,
# servicepunten XL, …, en de GGZ-teams naar 0-100 teams"), is about the section's field as
# a whole: it takes the section's theme, not one fact per item.
_INVENTORY_ITEMS = 5
_INVENTORY_THEMES = 3


def _is_inventory(text: str) -> bool:
    """Whether the sentence lists `_INVENTORY_ITEMS` or more items ("a, b, c, d en e")."""
    commas = text.count(",")
    last = re.search(r"\b(?:en|of)\b", text[text.rfind(",") + 1 :]) if commas else None
    return commas + 1 + (1 if last else 0) >= _INVENTORY_ITEMS


# ---------------------------------------------------------------------------
# Themes of a sentence
# ---------------------------------------------------------------------------


def _family(ctx: DocumentContext, concepts: Iterable[URIRef]) -> set[URIRef]:
    """The whole top-level tree of each concept."""
    family: set[URIRef] = set()
    for c in concepts:
        top = ctx.themes.top_concept(c)
        family.add(top)
        family.update(ctx.themes.descendants(top))
    return family


def sentence_hits(ctx: DocumentContext, text: str) -> list[URIRef]:
    return [hit.concept for hit in ctx.theme_hits(text)]


def section_theme_chain(ctx: DocumentContext, sentence: Sentence) -> list[list[URIRef]]:
    """The themes of the sentence's sections, innermost first (empty lists dropped)."""
    chain = ctx.section_chain(sentence.headings)
    return [themes for themes in reversed(chain) if themes]


def in_family_hits(
    ctx: DocumentContext, text: str, section_chain: list[list[URIRef]]
) -> list[URIRef]:
    """Themes the text names within the family of its innermost section theme that has any."""
    hits = sentence_hits(ctx, text)
    for level in section_chain:
        family = _family(ctx, level)
        inside = [c for c in hits if c in family]
        if inside:
            return ctx.themes.most_specific(inside)
    return []


def section_fallback(
    ctx: DocumentContext, text: str, section_chain: list[list[URIRef]]
) -> list[URIRef]:
    """The innermost section theme, when the text names no theme of another family.

    A sentence that names only themes outside its section's family is about
    something else than its section; the section does not say which, so no fact.
    """
    if not section_chain:
        return []
    families = _family(ctx, [t for level in section_chain for t in level])
    if any(c not in families for c in sentence_hits(ctx, text)):
        return []
    innermost = section_chain[0]
    return ctx.themes.most_specific(innermost) if len(innermost) == 1 else []


# ---------------------------------------------------------------------------
# Negations: "… staat niets over schulden en armoede"
# ---------------------------------------------------------------------------

_T = r"(?P<t>(?:de |het |een )?(?:[\w-]+ ){0,4}?[\w-]+)"
NEGATION_PATTERNS = (
    re.compile(r"\bniets over " + r"(?P<t>[\w-]+(?: (?:en|of) [\w-]+)?)"),
    re.compile(
        r"\b(?:wordt|worden) "
        + _T
        + r" (?:bijvoorbeeld |ook |echter )?niet (?:genoemd|benoemd|vermeld)\b"
    ),
    re.compile(
        r"\b(?:wordt|worden) niet (?:of nauwelijks )?(?:gesproken|gerept) over " + _T + r"\b"
    ),
    re.compile(r"\bgeen aandacht (?:voor|aan) " + _T + r"\b"),
)


def _core_themes(ctx: DocumentContext, phrase: str) -> list[URIRef]:
    """Themes a phrase names by the words of their own label ("schulden", "armoede").

    A negation only counts for a theme named that plainly: "bewindvoering wordt
    niet genoemd" says nothing about debt policy as a whole.
    """
    found = []
    for hit in ctx.theme_hits(phrase):
        label = " ".join(ctx.themes.label(hit.concept, "nl").lower().split())
        words = re.findall(r"[\w-]+", label)
        surface = " ".join(hit.text.lower().split())
        if surface == label or surface in words or hit.term == label or hit.term in words:
            found.append(hit.concept)
    return ctx.themes.most_specific(found)


def negated_themes(ctx: DocumentContext, clause_text: str) -> list[tuple[URIRef, int, int]]:
    """(theme, start, end) for each theme the clause says is not addressed."""
    result = []
    for pattern in NEGATION_PATTERNS:
        for m in pattern.finditer(clause_text):
            for theme in _core_themes(ctx, m.group("t")):
                result.append((theme, m.start(), m.end()))
    return result


# ---------------------------------------------------------------------------
# Relations
# ---------------------------------------------------------------------------

FACES = re.compile(
    r"\b(?:staat|staan) (?:[\w-]+ ){0,3}voor (?:een |de )?(?:[\w-]+ ){0,2}(?:opgave|uitdaging)"
    r"|\bvoor een (?:[\w-]+ ){0,2}opgave staat\b|\bgenoodzaakt\b|\bknelpunt\b"
    r"|\btekorten? (?:in|op|binnen)\b|\boverschreden\b"
)
ACTS = re.compile(
    r"\bis (?:in \d{4} )?(?:al )?een [\w -]{0,40} geworden\b|\bexperimenteert\b|\bgeopend\b"
    r"|\bheeft (?:[\w-]+ ){0,6}(?:ingesteld|ingevoerd|opgericht|samengevoegd)\b"
    r"|\bbesloot\b|\bgeïnstalleerd\b|\blaat (?:de gemeente )?[A-Z][\w-]+ zien\b"
)


# A sentence that points back to what the one before it is about: "Utrecht gaat hiermee aan
# de slag", "Assen geeft aan daaraan te willen werken".
POINTS_BACK = re.compile(
    r"\b(?:hier|daar)(?:mee|aan|van|in|op|voor|bij|naar|over)\b", re.IGNORECASE
)


def coalition_relation(text: str) -> URIRef:
    """The relation one clause states (gg:staatVoor, gg:onderneemt, else gg:prioriteert).

    Read per clause: in "Utrecht is een dementievriendelijke stad geworden; Den Haag en
    Assen geven aan daaraan te willen werken" only Utrecht has acted."""
    if FACES.search(text):
        return GG.StaatVoor
    if ACTS.search(text):
        return GG.Onderneemt
    return GG.Prioriteert


# ---------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------


def add_challenge(
    ctx: DocumentContext,
    actor: Actor,
    theme: URIRef,
    start: int,
    end: int,
    method: str,
    *,
    relation: URIRef | None = None,
    negated: bool = False,
    passage: URIRef | None = None,
    confidence: float = GENRE_RULE_CONFIDENCE,
) -> URIRef:
    """One gg:Uitdaging; the gg:heeftUitdaging shortcut is added after curation."""
    props: dict[str, object] = {"thema": theme, "ontkend": negated}
    if not negated:
        props["relatie"] = relation or GG.Prioriteert
    theme_key = str(theme).rsplit("/", 1)[-1]
    key_kind = "ontkend" if negated else KIND
    return ctx.assert_fact(
        GG.Uitdaging,
        key_kind,
        actor.key,
        actor.uri,
        theme_key,
        start,
        end,
        method,
        passage=passage,
        confidence=confidence,
        **props,
    )


# ---------------------------------------------------------------------------
# Analyses of coalition agreements
# ---------------------------------------------------------------------------

# A sentence without a name that refers back to the municipality of the one before.
ANAPHORA = re.compile(
    r"^(?:Wel (?:is|wordt|staat)\b|Daar (?:meldt|wordt|is|staat)\b|Mede daarom\b"
    r"|Deze gemeente\b|De gemeente (?![A-Z])|De stad (?![A-Z])|Het college (?![A-Z])"
    r"|De coalitie (?![A-Z])|In het coalitieakkoord (?:wordt|is|staat)\b"
    r"|(?:Ook|Daarnaast|Daarbij|Verder) (?:\w+ ){1,2}(?:de gemeente|het college|de stad)\b)"
)


@dataclass
class _Previous:
    sentence: Sentence
    actors: list[Actor]


def _antecedent(sentence: Sentence, previous: _Previous | None) -> list[Actor] | None:
    if previous is None or not ANAPHORA.match(sentence.text):
        return None
    if previous.sentence.headings != sentence.headings:
        return None
    codes = {a.code for a in previous.actors}
    if len(codes) != 1:
        return None
    return previous.actors[:1]


def _local_scope(text: str, group: list[Actor], groups: list[list[Actor]]) -> str:
    """The words that belong to one list of names.

    Names in brackets belong to what comes before them ("… een vechtscheiding
    meemaken (Assen, Leeuwarden)"); other names to what follows, up to the next names.
    """
    i = groups.index(group)
    first, last = group[0], group[-1]
    before = text[: first.start]
    if before.rstrip().endswith("("):
        open_at = before.rstrip().rfind("(")
        lo = max(text.rfind(")", 0, open_at) + 1, groups[i - 1][-1].end if i > 0 else 0)
        return text[lo:open_at]
    hi = groups[i + 1][0].start if i + 1 < len(groups) else len(text)
    return text[first.start : max(hi, last.end)]


def _coalition_sentence(
    ctx: DocumentContext,
    sentence: Sentence,
    actors: list[Actor],
    section_chain: list[list[URIRef]],
    span: tuple[int, int],
    method: str,
    before: Sentence | None = None,
) -> None:
    """Facts from one sentence; `span` is the evidence span (with an antecedent, if any).

    `before`: the sentence before in the same section; a sentence that names no theme
    and points back to it ("hiermee", "daaraan") takes the themes it names, before its
    section's theme."""
    text = sentence.text
    footnote = sentence.passage_kind == "voetnoot"
    clause_spans = clauses(text)
    by_clause: dict[tuple[int, int], list[Actor]] = {}
    for actor in actors:
        by_clause.setdefault(clause_of(actor.start, clause_spans), []).append(actor)
    for (c_start, c_end), clause_actors in sorted(by_clause.items()):
        clause_text = text[c_start:c_end]
        relation = coalition_relation(clause_text)
        negations = negated_themes(ctx, clause_text)
        if negations:
            for theme, _s, _e in negations:
                for actor in clause_actors:
                    add_challenge(ctx, actor, theme, *span, method + "-ontkenning", negated=True)
            continue
        if has_negation(clause_text) or _LIMITED_MENTION.search(clause_text):
            continue  # "wordt het niet concreter dan …", "beperkt zich tot": no claim
        groups = group_lists(text, clause_actors)
        for group in groups:
            # The theme may stand anywhere in the sentence ("…, is Waalwijk vooruitstrevend
            # in het benutten van data"); words next to the names win.
            themes = in_family_hits(ctx, _local_scope(text, group, groups), section_chain)
            themes = themes or in_family_hits(ctx, text, section_chain)
            fact_span = span
            if not themes and before is not None and POINTS_BACK.search(text):
                themes = in_family_hits(ctx, before.text, section_chain)
                if themes:  # the evidence shows the sentence the theme comes from
                    fact_span = (min(before.start, span[0]), span[1])
            if len(themes) >= _INVENTORY_THEMES and _is_inventory(text):
                # the units of a field listed one by one are the field as a whole
                themes = section_fallback(ctx, text, section_chain)
            if not themes and not footnote:
                themes = section_fallback(ctx, text, section_chain)
            for actor in group:
                # a partner in another's agreement ("Zutphen gaat samen met … Zwolle …")
                # acts on the theme with it; the priority is the agreement's author's
                own = GG.Onderneemt if actor.partner and relation == GG.Prioriteert else relation
                for theme in themes:
                    add_challenge(ctx, actor, theme, *fact_span, method, relation=own)


@register("uitdaging-coalitieakkoorden")
def coalition_agreement_challenges(ctx: DocumentContext) -> None:
    """Municipalities named in the theme chapters of an analysis of coalition agreements."""
    previous: _Previous | None = None
    for sentence in ctx.sentences:
        chain = section_theme_chain(ctx, sentence)
        if not sentence.headings or not ctx.section_themes(sentence.headings[0]):
            previous = None
            continue  # proloog, epiloog: no theme chapter
        actors = municipality_actors(
            sentence.text, ctx.mentions(sentence), prefer_municipality=True, partners=True
        )
        if actors:
            same_section = previous is not None and previous.sentence.headings == sentence.headings
            _coalition_sentence(
                ctx,
                sentence,
                actors,
                chain,
                (sentence.start, sentence.end),
                "coalitieakkoord-thema-sectie",
                before=previous.sentence if same_section else None,  # type: ignore[union-attr]
            )
            previous = _Previous(sentence, actors)
            continue
        antecedent = _antecedent(sentence, previous)
        if antecedent:
            # The evidence spans both sentences, so a reader sees whom "de gemeente" means;
            # the theme and relation come from this sentence only.
            anchor = antecedent[0]
            moved = Actor(anchor.code, 0, 0, anchor.surface, anchor.method)
            _coalition_sentence(
                ctx,
                sentence,
                [moved],
                chain,
                (previous.sentence.start, sentence.end),  # type: ignore[union-attr]
                "coalitieakkoord-thema-sectie-verwijzing",
            )
            previous = _Previous(sentence, antecedent)
            continue
        previous = _Previous(sentence, [])


# ---------------------------------------------------------------------------
# Trend studies: municipalities as examples
# ---------------------------------------------------------------------------

# Adverse extremes and changes. Population growth and decline both count: the
# study treats strong growth and shrinkage alike as demographic tasks.
ADVERSE = re.compile(
    r"grootste (?:verwachte )?(?:relatieve )?(?:toename|daling|stijging)"
    r"|(?:het|relatief het) (?:sterkst|hardst) (?:dalen|gedaald|afnemen|krimpen)"
    r"|zullen [\w\s-]{0,80}?zien dalen|zal zien dalen|zal afnemen|zullen afnemen"
    r"|het langst duurt|het moeilijkst|\bdaalde\b|zag [\w\s-]{0,60}?dalen"
    r"|negatieve groei|lichte daling|sterk zal toenemen|hoge groeicijfers"
    r"|groeipercentages [\w\s-]{0,30}hoger dan|bevolkingsgroei van (?:ruim |bijna )?\d+ procent"
    r"|tegen de grenzen van (?:zijn|haar) capaciteit|\bhack\b|schadeposten"
    r"|(?:^|\. )Daarna volgen\b",
    re.IGNORECASE,
)
# Favourable extremes: a figure, not a challenge.
FAVOURABLE = re.compile(
    r"makkelijkst|\bminste\b|niet veel slechter|beter bestand|\bjuist (?:vrij )?stevig"
    r"|best scorende|top-vijf|het sterkst groeien|groeiden|\bpositiever\b|wordt nog groei"
    r"|\bgestegen\b|\bsteeg\b"
)
# A municipality acting or aiming.
ACTION = re.compile(
    r"\bbesloot (?:de gemeente|het college)\b|\bgeïnstalleerd\b"
    r"|\blaat de gemeente [A-Z][\w-]* zien\b"
    r"|\bheeft men\b[^.]{0,120}\b(?:samengevoegd|opgezet|ingericht|ontwikkeld)\b"
)
AIM = re.compile(r"\bstreeft (?:dit|dat|ernaar|naar)\b[^.]{0,40}\ben wil\b")


def _scopes(text: str, groups: list[list[Actor]]) -> list[tuple[int, int]]:
    """For each list of names: the stretch of the sentence that belongs to it.

    A list owns the words from where it starts up to the next list ("in Heerlen
    het moeilijkst … en in Pijnacker-Nootdorp het makkelijkst"); the first list
    also owns what comes before it ("Veruit de grootste toename … vindt plaats in
    Amsterdam").
    """
    scopes = []
    for i, group in enumerate(groups):
        lo = 0 if i == 0 else group[0].start
        hi = groups[i + 1][0].start if i + 1 < len(groups) else len(text)
        scopes.append((lo, hi))
    return scopes


def _trend_themes(ctx: DocumentContext, text: str, chain: list[list[URIRef]]) -> list[URIRef]:
    hits = ctx.themes.most_specific(sentence_hits(ctx, text))
    if hits:
        return hits[:1] if len(hits) > 1 and chain and hits[0] in _family(ctx, chain[0]) else hits
    for level in chain:
        if len(level) == 1:
            return level
    return []


@register("uitdaging-trendstudie-voorbeelden")
def trend_study_examples(ctx: DocumentContext) -> None:
    """Municipalities a trend study gives as examples of an adverse figure or an action."""
    previous_cue: tuple[Sentence, list[URIRef]] | None = None
    for sentence in ctx.sentences:
        if sentence.passage_kind in ("voetnoot", "kop", "tabelcel", "inhoud"):
            continue
        text = sentence.text
        actors = municipality_actors(text, ctx.mentions(sentence))
        if not actors:
            previous_cue = None
            continue
        chain = section_theme_chain(ctx, sentence)
        groups = group_lists(text, actors)
        found_any: list[URIRef] = []
        decision: tuple[URIRef, str] | None = None
        for group, (lo, hi) in zip(groups, _scopes(text, groups), strict=True):
            scope = text[lo:hi]
            local = ctx.themes.most_specific(sentence_hits(ctx, scope))
            themes = local or _trend_themes(ctx, text, chain)
            if ACTION.search(scope) or AIM.search(scope):
                relation = GG.Onderneemt if ACTION.search(scope) else GG.Prioriteert
                decision = (relation, "trendstudie-voorbeeld-actie")
            elif FAVOURABLE.search(scope) or has_negation(scope):
                decision = None
                continue
            elif ADVERSE.search(scope):
                decision = (GG.StaatVoor, "trendstudie-voorbeeld-kengetal")
                if re.match(r"\s*Daarna volgen", scope) or text.startswith("Daarna volgen"):
                    # "Daarna volgen Groningen, Delft en Haarlem": the ranking of the sentence
                    # before, about the same measure.
                    if previous_cue is None or previous_cue[0].index != sentence.index - 1:
                        decision = None
                        continue
                    themes = previous_cue[1]
                    decision = (GG.StaatVoor, "trendstudie-voorbeeld-rangorde")
            elif decision is None:
                continue
            # else: no cue of its own ("…, en in de M50: Nieuwegein (153 maanden)"): the
            # coordinated list shares the cue of the list before it.
            relation, method = decision
            for actor in group:
                for theme in themes:
                    add_challenge(
                        ctx, actor, theme, sentence.start, sentence.end, method, relation=relation
                    )
            found_any += themes
        previous_cue = (sentence, found_any) if found_any else None
