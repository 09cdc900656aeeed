"""How large one RDF term may be in the store.

Every version of the data travels as an N-Quads dump (the read views, the query
workers, `build` carrying the users' graphs over), and pyoxigraph's N-Quads
parser refuses a line past 16 MiB. A longer term would commit and then make every
later load of the data fail: the service could no longer start, nor `build` run.
So a write may not add a term whose N-Triples form (escapes included) passes
MAX_TERM_BYTES, a quarter of that, which leaves room for the rest of its line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

MAX_TERM_BYTES = 4 * 1024 * 1024
# A character takes at most this many bytes in N-Triples (a control character is
# escaped as \uXXXX), so a term's text shorter than MAX_TERM_BYTES over this is
# surely within the bound, and only longer ones are written out to be measured.
_MOST_BYTES_PER_CHAR = 6
# The rest of a literal's N-Triples form: quotes, a datatype IRI or a language tag.
_MARGIN = 4096

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | ox.DefaultGraph


def term_bytes(term: Term) -> int:
    """The length of `term` in N-Triples, in bytes."""
    return len(str(term).encode("utf-8"))


def oversized_terms(quads: Iterable[ox.Quad]) -> Iterator[tuple[ox.Quad, int]]:
    """Each quad with a term past MAX_TERM_BYTES, with that term's size."""
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if _could_pass(term) and (size := term_bytes(term)) > MAX_TERM_BYTES:
                yield quad, size
                break


def _could_pass(term: Term) -> bool:
    if isinstance(term, ox.Triple):
        return True  # rare: measured whole
    if isinstance(term, ox.DefaultGraph):
        return False
    return len(term.value) * _MOST_BYTES_PER_CHAR + _MARGIN > MAX_TERM_BYTES
