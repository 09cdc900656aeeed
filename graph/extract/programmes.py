"""Programmes, deals, funds and laws as nodes, and who takes part in them (gg:Deelname).

Every instrument a report names (gemeentegraaf.text.programmes) becomes a gg:Programma node
in the document's graph, derived from the passages that name it. A
municipality takes part in a joinable one (a deal, a national programme, its
own approach, pilot or fund; never a law or a national agreement) when the
sentence ties the two together:

- a bracket: "de Vroeg Eropaf-aanpak (in Amsterdam)", "het Schuldenlab070 (Den
  Haag)", or the other way round: "Zutphen (het Zutphens Energieakkoord)";
- the name itself: "Nationaal Programma Rotterdam Zuid";
- the nearest list of names before the programme, with a verb of taking part
  between them: "De gemeenten Utrecht, Eindhoven en Leeuwarden zijn daarnaast
  aan de slag met de City Deal Inclusieve Stad", "Amsterdam en Oldambt …
  als onderdeel van het landelijke programma ‘Kansrijke Start’";
- as in gemeentegraaf.extract.municipal, a sentence that opens by referring back
  ("Mede daarom wordt doorgegaan met het experiment ‘Weten Wat Werkt’") takes
  the single municipality of the sentence before.

Words that make it someone else's programme or a mere reference block the link:
"Lelystad wil de ervaringen uit de City Deal in andere steden benutten",
"Lelystad wijst op de systematiek van het ‘Schaarsteventiel’".

A network's paper naming its own proposal ("We hebben een Roadmap opgesteld",
"Met VNO-NCW, … hebben we voorstellen gedaan … (Laat stad en regio bruisen,
april 2017)" in the G32's position paper) gives the network a gg:Deelname in
it, and a gg:Rolvermelding with gg:rol "opsteller" and gg:programma: that it
drew the proposal up is more than that it takes part. Only a municipality's
participation gets the gg:heeftDeelnemer shortcut (gemeentegraaf.extract.framework).
"""

from __future__ import annotations

import re

from gemeentegraaf.common.namespaces import GG, network_uri
from gemeentegraaf.extract.actors import Actor, group_lists, just_before, municipality_actors
from gemeentegraaf.extract.framework import DocumentContext, Sentence, register
from gemeentegraaf.extract.municipal import ANAPHORA
from gemeentegraaf.text.programmes import PROPOSAL, ProgrammeMention, add_programme, find_programmes
from rdflib import URIRef

# Between the names and the programme: the municipality does something with it.
TAKES_PART = re.compile(
    r"aan de slag met|als onderdeel van|\bvia\b|\bmiddels\b|\bmet\b|ontwikkel|uitbrei|uitgebreid"
    r"|doorgegaan met|doorgezet|\bnoemt\b|verwacht|opgedaan in|\bdeel(?:name|neemt|nemen)\b"
    r"|\brichte?n?\b|\bopstellen\b|op te stellen|\binzetten\b|\bzet(?:ten)?\b|experiment|\bpilot"
    r"|\bproject\b|\baanpak\b|\brealiseert\b|\bheeft men\b|\bstart(?:en)?\b",
    re.IGNORECASE,
)
NOT_TAKING_PART = re.compile(
    r"in andere steden|ervaringen uit|net als bij|\bwijst op\b|systematiek|refere|kabinet"
    r"|regeerakkoord",
    re.IGNORECASE,
)
# A network's paper speaking for itself: "We hebben een Roadmap opgesteld".
AUTHORED = re.compile(
    r"\b(?:we|wij)\s+(?:\w+\s+){0,3}"
    r"(?:opgesteld|ontwikkeld|gemaakt|gepubliceerd|voorstellen gedaan)"
    r"|\b(?:hebben|heeft)\s+(?:we|wij)\s+(?:\w+\s+){0,3}(?:opgesteld|voorstellen gedaan)",
    re.IGNORECASE,
)

KIND = "deelname"


def _bracketed_after(text: str, mention: ProgrammeMention, actors: list[Actor]) -> list[Actor]:
    """ "P (in M)", "P (M)": the names in the bracket right after the programme."""
    m = re.match(r"[-\w]*\s*\((?:in\s+)?", text[mention.end :])
    if not m:
        return []
    start = mention.end + m.end()
    close = text.find(")", start)
    if close < 0:
        return []
    return [a for a in actors if start <= a.start and a.end <= close]


_OPEN_BRACKET_BEFORE = re.compile(r"\(\s*(?:het|de|een)?\s*$")


def _bracket_before(text: str, mention: ProgrammeMention, actors: list[Actor]) -> list[Actor]:
    """ "M (het P)": the name right before the bracket that holds the programme."""
    m = just_before(_OPEN_BRACKET_BEFORE, text, mention.start)
    if not m:
        return []
    return [
        a for a in actors if a.end <= m.start() and re.fullmatch(r"\s*", text[a.end : m.start()])
    ]


def _in_name(ctx: DocumentContext, sentence: Sentence, mention: ProgrammeMention) -> list[Actor]:
    """Municipalities the programme's own name holds ("… Rotterdam Zuid")."""
    found = []
    for m in ctx.mentions(sentence):
        res = m.resolution
        if res.status == "resolved" and res.code and mention.start <= m.start < mention.end:
            found.append(Actor(res.code, m.start, m.end, m.surface, res.method))
    return found


def _nearest_before(text: str, mention: ProgrammeMention, actors: list[Actor]) -> list[Actor]:
    """The list of names closest before the programme, if a verb of taking part links them."""
    before = [a for a in actors if a.end <= mention.start]
    if not before:
        return []
    groups = group_lists(text, before)
    group = groups[-1]
    between = text[group[-1].end : mention.start]
    if re.search(r"[.;]", between) or NOT_TAKING_PART.search(between):
        return []
    # The verb may follow the programme: "… een Actieplan Eenzaamheid opstellen".
    after = re.match(r"[^.;,]{0,40}", text[mention.end :]).group(0)
    if not TAKES_PART.search(between + text[mention.start : mention.end] + after):
        return []
    return group


def _participants(
    ctx: DocumentContext, sentence: Sentence, mention: ProgrammeMention, actors: list[Actor]
) -> tuple[list[Actor], str]:
    text = sentence.text
    if NOT_TAKING_PART.search(text[max(0, mention.start - 60) : mention.end + 40]):
        return [], ""
    for rule, method in (
        (_bracketed_after, "programma-haakjes"),
        (_bracket_before, "programma-haakjes"),
        (_nearest_before, "programma-nabij"),
    ):
        found = rule(text, mention, actors)
        if found:
            return found, method
    named = _in_name(ctx, sentence, mention)
    if named and mention.programme.kind != PROPOSAL:
        return named, "programma-naam"
    return [], ""


def _add_participation(
    ctx: DocumentContext,
    actor: Actor,
    programme: URIRef,
    key: str,
    span: tuple[int, int],
    method: str,
) -> None:
    ctx.assert_fact(
        GG.Deelname, KIND, actor.key, actor.uri, key, span[0], span[1], method, programma=programme
    )


def _authored(ctx: DocumentContext, sentence: Sentence, mention: ProgrammeMention) -> None:
    """A network's paper naming its own proposal: the network takes part in it, as its
    author (a gg:Deelname plus the role "opsteller")."""
    speaker = ctx.speaker
    if speaker is None or not speaker.is_network or mention.programme.kind != PROPOSAL:
        return
    network = speaker.code
    text = sentence.text
    window = text[: mention.end + 80]
    citation = re.search(re.escape(mention.surface) + r",\s+\w+\s+\d{4}\)", text)
    if not (AUTHORED.search(window) or citation):
        return
    key, node = network.lower(), network_uri(network)
    programme = mention.programme
    ctx.assert_fact(
        GG.Deelname,
        KIND,
        key,
        node,
        programme.key,
        sentence.start,
        sentence.end,
        "programma-eigen-voorstel",
        programma=programme.uri,
    )
    ctx.assert_fact(
        GG.Rolvermelding,
        "rol",
        key,
        node,
        f"opsteller-{programme.key}",
        sentence.start,
        sentence.end,
        "programma-eigen-voorstel",
        rol="opsteller",
        programma=programme.uri,
    )


@register("programma-deelname", general=True)
def programmes_and_participation(ctx: DocumentContext) -> None:
    prefer_municipality = bool(ctx.rule("prefer_municipality", False))
    previous: tuple[Sentence, list[Actor]] | None = None
    for sentence in ctx.sentences:
        mentions = find_programmes(sentence.text)
        actors = municipality_actors(
            sentence.text, ctx.mentions(sentence), prefer_municipality=prefer_municipality
        )
        # A name inside a programme's name is not an actor ("… Rotterdam Zuid").
        actors = [a for a in actors if not any(m.start <= a.start < m.end for m in mentions)]
        for mention in mentions:
            programme = add_programme(ctx.graph, mention.programme, sentence.passage)
            _authored(ctx, sentence, mention)
            if not mention.programme.joinable or sentence.passage_kind in ("voetnoot", "inhoud"):
                continue
            found, method = _participants(ctx, sentence, mention, actors)
            span = (sentence.start, sentence.end)
            if not found and not actors and previous and ANAPHORA.match(sentence.text):
                codes = {a.code for a in previous[1]}
                if len(codes) == 1 and TAKES_PART.search(sentence.text[: mention.end]):
                    found, method = previous[1][:1], "programma-verwijzing"
                    span = (previous[0].start, sentence.end)
            for actor in {a.code: a for a in found}.values():
                _add_participation(ctx, actor, programme, mention.programme.key, span, method)
        previous = (sentence, actors) if actors else (sentence, [])
