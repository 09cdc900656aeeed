"""Network member lists in footnotes: "de G40[2] en de M50[3]" with the members listed.

A footnote that hangs right after a network's name (G4, G32, G40, M50, P10) and names at
least MIN_MEMBERS municipalities is that network's member list as the report saw it:
each name becomes an org:Membership attested in the report's year, derived from the
footnote passage, with the name as written as evidence. Which reports do this is their
genre's business (data/genres/*.toml lists this extractor); nothing here names a report.
"""

from __future__ import annotations

from datetime import date

from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.actors import NETWORK_PATTERN
from gemeentegraaf.extract.evidence import Evidence, add_evidence
from gemeentegraaf.extract.framework import DocumentContext, register
from gemeentegraaf.sources.reference import membership
from gemeentegraaf.text.segment import Passage, passage_uri
from rdflib import Literal
from rdflib.namespace import RDFS

# A shorter list is an example, not a member list.
MIN_MEMBERS = 10
# How far before the footnote marker the network's name may end ("de G40-steden²").
_NAME_REACH = 12


def _note_for(ctx: DocumentContext, number: int, at: int) -> Passage | None:
    """The footnote with this number in the chapter where its marker stands."""
    doc = ctx.structure
    chapter = None
    for p in doc.passages:
        if p.norm_start <= at < p.norm_end and p.section:
            chapter = doc.ancestors(p.section)[-1].key
            break
    notes = [p for p in doc.passages if p.kind == "voetnoot" and p.number == number]
    if chapter is not None:
        inside = [p for p in notes if p.section and doc.ancestors(p.section)[-1].key == chapter]
        if inside:
            return inside[0]
    return notes[0] if len(notes) == 1 else None


@register("ledenlijst-voetnoot")
def footnote_member_lists(ctx: DocumentContext) -> None:
    if ctx.structure is None:
        return
    seen: set[int] = set()
    attested = date(int(ctx.info.year), 1, 1)
    for ref in ctx.norm.footnote_refs:
        before = ctx.text[max(0, ref.norm_pos - 40) : ref.norm_pos]
        names = list(NETWORK_PATTERN.finditer(before))
        if not names or len(before) - names[-1].end() > _NAME_REACH:
            continue
        network = names[-1].group("net").lower()
        note = _note_for(ctx, ref.number, ref.norm_pos)
        if note is None or id(note) in seen:
            continue
        text = ctx.raw[note.raw_start : note.raw_end]
        members = [
            m
            for m in ctx.find(text)
            if m.resolution.status == "resolved" and (m.resolution.code or "").startswith("GM")
        ]
        if len(members) < MIN_MEMBERS:
            continue
        seen.add(id(note))
        passage = passage_uri(ctx.key, note)
        for mention in members:
            res = mention.resolution
            evidence = Evidence.from_span(
                ctx.key,
                ctx.raw,
                note.raw_start + mention.start,
                note.raw_start + mention.end,
                passage,
            )
            node = membership(
                ctx.graph,
                network,
                res.code,
                str(ctx.info.year),
                derived_from=passage,
                attested=attested,
            )
            ctx.graph.add((node, GG.bewijs, add_evidence(ctx.graph, evidence)))
            ctx.graph.add((node, GG.methode, Literal(f"voetnoot-ledenlijst; naam: {res.method}")))
            if res.method != "exact":
                ctx.graph.add((node, RDFS.comment, Literal(res.note, lang="en")))
