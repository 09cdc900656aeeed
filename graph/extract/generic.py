"""Challenges in an ingested report, which has none of the bundled reports' own rules.

The bundled reports get rules tied to their structure (the 2018 analysis's
theme chapters, the 2021 study's examples). A report added with `gemeentegraaf
ingest` gets one conservative rule: a sentence whose actor is a named
municipality, that names a theme and says the municipality prioritises, acts on
or faces it. A sentence with a negation gives nothing either way.
"""

from __future__ import annotations

import re

from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.actors import municipality_actors
from gemeentegraaf.extract.framework import DocumentContext, register
from gemeentegraaf.extract.municipal import add_challenge
from gemeentegraaf.sources.catalogue import corpus_records
from rdflib import URIRef

# Cue → relation; the first that matches decides.
CUES: tuple[tuple[re.Pattern[str], URIRef], ...] = (
    (
        re.compile(
            r"\b(?:kampt|kampen) met\b|\bheeft te maken met\b|\bhebben te maken met\b"
            r"|\bstaat voor (?:de|een|het)\b|\btekort aan\b",
            re.IGNORECASE,
        ),
        GG.StaatVoor,
    ),
    (
        re.compile(
            r"\bwerk(?:t|en) (?:samen )?aan\b|\bpak(?:t|ken)\b[^.]{0,60}\baan\b"
            r"|\binvesteer(?:t|en)\b|\bis gestart\b|\bbouw(?:t|en)\b"
            r"|\bvoer(?:t|en)\b[^.]{0,60}\buit\b",
            re.IGNORECASE,
        ),
        GG.Onderneemt,
    ),
    (
        re.compile(
            r"\bprioriteit\b|\bzet(?:ten)? in op\b|\binzet op\b|\bwil(?:len)?\b|\bstreef(?:t|en)\b"
            r"|\bambitie\b|\bspeerpunt\b|\bextra aandacht voor\b",
            re.IGNORECASE,
        ),
        GG.Prioriteert,
    ),
)
NEGATION = re.compile(r"\b(?:niet|geen|niets|nergens)\b", re.IGNORECASE)
METHOD = "ingest-zin-gemeente-thema"


def _relation(text: str) -> URIRef | None:
    for pattern, relation in CUES:
        if pattern.search(text):
            return relation
    return None


@register("uitdaging-ingevoegd-rapport")
def ingested_report_challenges(ctx: DocumentContext) -> None:
    if ctx.info.key in {r.key for r in corpus_records()}:
        return  # a bundled report: its own rules apply
    for sentence in ctx.sentences:
        if NEGATION.search(sentence.text):
            continue
        relation = _relation(sentence.text)
        if relation is None:
            continue
        actors = municipality_actors(
            sentence.text, ctx.mentions(sentence), prefer_municipality=True
        )
        themes = ctx.themes.most_specific(hit.concept for hit in ctx.theme_hits(sentence.text))
        for actor in actors:
            if actor.is_network:
                continue
            for theme in themes:
                add_challenge(
                    ctx, actor, theme, sentence.start, sentence.end, METHOD, relation=relation
                )
