"""G40 and M50 memberships as the 2021 trend study lists them (footnotes 2 and 3).

Each name in a footnote becomes an org:Membership valid in 2021, derived from
the footnote passage, with the name as written as evidence. Every name must
resolve: an unresolved or ambiguous one stops the build rather than drop a
member silently.
"""

from __future__ import annotations

from datetime import date

from gemeentegraaf.common.namespaces import GG
from gemeentegraaf.extract.evidence import Evidence, add_evidence
from gemeentegraaf.sources.catalogue import corpus_record
from gemeentegraaf.sources.reference import ReferenceDataError, membership
from gemeentegraaf.text.documents import load_document
from gemeentegraaf.text.gazetteer import Gazetteer
from gemeentegraaf.text.segment import footnote, passage_uri
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

STUDY = "platform31-trendstudie-g40-m50-2021"
FOOTNOTES = {"g40": 2, "m50": 3}  # network → footnote number in the introduction
ATTESTED = date(2021, 1, 1)  # the study's year: the lists hold in 2021


def corpus_memberships() -> Graph:
    g = Graph()
    doc = load_document(STUDY)
    raw = doc.raw
    # Names are read as they were when the study appeared, like the extractors read them.
    read_on = corpus_record(STUDY).read_on
    gazetteer = Gazetteer.from_reference()
    for network, number in FOOTNOTES.items():
        note = footnote(doc, number)
        passage = passage_uri(STUDY, note)
        text = raw[note.raw_start : note.raw_end]
        found = 0
        for mention in gazetteer.find(text, read_on):
            res = mention.resolution
            if res.status == "not_municipality":
                continue
            if res.status != "resolved" or res.code is None:
                raise ReferenceDataError(
                    f"{STUDY} footnote {number}: cannot resolve {mention.surface!r} ({res.note})"
                )
            evidence = Evidence.from_span(
                STUDY, raw, note.raw_start + mention.start, note.raw_start + mention.end, passage
            )
            node = membership(g, network, res.code, "2021", derived_from=passage, attested=ATTESTED)
            g.add((node, GG.bewijs, add_evidence(g, evidence)))
            g.add((node, GG.methode, Literal(f"voetnoot-ledenlijst; naam: {res.method}")))
            if res.method != "exact":
                g.add((node, RDFS.comment, Literal(res.note, lang="en")))
            found += 1
        if found == 0:
            raise ReferenceDataError(f"{STUDY} footnote {number}: no municipality names found")
    return g
