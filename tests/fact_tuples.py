"""Facts of an extracted document as plain tuples, with the document's identity taken out.

Used to check that a renamed, re-titled copy of a report gives the same facts as the
bundled report: (class, subject, object properties, negated, quote) per assertion, where
every occurrence of the document's key is replaced by "DOC".
"""

from __future__ import annotations

from gemeentegraaf.common.namespaces import GG, OA
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

# Properties that say where or how a fact was found, not what it says.
_IDENTITY = {
    RDF.type,
    GG.onderwerp,
    GG.bewijs,
    GG.methode,
    PROV.wasDerivedFrom,
    PROV.wasGeneratedBy,
}

FactTuple = tuple[str, str, tuple[tuple[str, str], ...], bool, str]


def fact_tuples(g: Graph, doc_key: str) -> set[FactTuple]:
    def anon(value: object) -> str:
        return str(value).replace(doc_key, "DOC")

    found: set[FactTuple] = set()
    for node in set(g.subjects(RDF.type, GG.Bewering)):
        classes = sorted(str(c) for c in g.objects(node, RDF.type) if c != GG.Bewering)
        subject = g.value(node, GG.onderwerp)
        props = tuple(
            sorted(
                (str(p), anon(o))
                for p, o in g.predicate_objects(node)
                if p not in _IDENTITY and p != GG.ontkend
            )
        )
        negated = bool(
            g.value(node, GG.ontkend) is not None and g.value(node, GG.ontkend).toPython()
        )
        quotes = sorted(
            str(g.value(sel, OA.exact))
            for ev in g.objects(node, GG.bewijs)
            for sel in g.objects(ev, OA.hasSelector)
            if (sel, RDF.type, OA.TextQuoteSelector) in g
        )
        found.add((",".join(classes), anon(subject), props, negated, " | ".join(quotes)))
    return found


def is_uri(value: object) -> bool:
    return isinstance(value, URIRef)
