"""How many quotes a fact keeps from its document: the same words once, and at most ten.

The extraction rules give a fact one more piece of evidence each time its document makes
the same claim again in the same passage (gemeentegraaf.extract.framework). A report that
says a thing twice is better evidence than one that says it once, but a text that repeats
one sentence 25,000 times made one fact with 25,000 identical quotes: a graph of 350,000
triples, minutes of validation and derivation, and pages of 30 MB. So, per fact, in text
order:

- a quote whose exact words the fact already keeps is not kept again (the same sentence
  repeated says nothing new; its place is still counted);
- at most `MAX_QUOTES_PER_FACT` quotes are kept;
- the number of places left out is recorded on the fact as `gg:weggelatenBewijs`, so that
  nobody reads the kept quotes as all there was.

The first quote, whose offset the fact's key carries, is always kept. Build and ingest
both run it on every document graph (bundled or ingested), so a rebuild gives what the
ingest gave.
"""

from __future__ import annotations

from collections import defaultdict

from gemeentegraaf.common.namespaces import GG, OA
from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.term import Node

# More quotes than any fact of the bundled corpus has (its most is 4).
MAX_QUOTES_PER_FACT = 10
OMITTED = GG.weggelatenBewijs


def bound_evidence(graph: Graph, limit: int = MAX_QUOTES_PER_FACT) -> int:
    """Drop each fact's repeated and surplus quotes from `graph` (see the module); returns
    how many evidence links were dropped in all."""
    by_fact: dict[Node, list[Node]] = defaultdict(list)
    for fact, evidence in graph.subject_objects(GG.bewijs):
        by_fact[fact].append(evidence)
    dropped_links = 0
    orphans: set[Node] = set()
    for fact, evidence in by_fact.items():
        if len(evidence) < 2:
            continue
        kept_words: set[str] = set()
        kept = 0
        omitted = 0
        for node in sorted(evidence, key=lambda n: _position(graph, n)):
            words = _exact(graph, node)
            if kept < limit and (words is None or words not in kept_words):
                kept += 1
                if words is not None:
                    kept_words.add(words)
                continue
            graph.remove((fact, GG.bewijs, node))
            orphans.add(node)
            omitted += 1
        if omitted:
            dropped_links += omitted
            before = graph.value(fact, OMITTED)
            total = omitted + (int(before) if before is not None else 0)
            graph.set((fact, OMITTED, Literal(total, datatype=XSD.integer)))
    for node in orphans:
        # Evidence is keyed by its span, so another fact resting on the same words may
        # still point at it.
        if (None, GG.bewijs, node) not in graph:
            _remove_evidence(graph, node)
    return dropped_links


def _position(graph: Graph, node: Node) -> tuple[int, int, str]:
    for selector in graph.objects(node, OA.hasSelector):
        start, end = graph.value(selector, OA.start), graph.value(selector, OA.end)
        if start is not None:
            return (int(start), int(end) if end is not None else -1, str(node))
    return (-1, -1, str(node))


def _exact(graph: Graph, node: Node) -> str | None:
    for selector in graph.objects(node, OA.hasSelector):
        words = graph.value(selector, OA.exact)
        if words is not None:
            return str(words)
    return None


def _remove_evidence(graph: Graph, node: Node) -> None:
    selectors = list(graph.objects(node, OA.hasSelector))
    graph.remove((node, None, None))
    for selector in selectors:
        if (None, OA.hasSelector, selector) not in graph:
            graph.remove((selector, None, None))
