"""Entity declarations in an RDF/XML body, and how far they would expand it.

An XML document may declare entities in its internal DTD subset and use them in
its text; pyoxigraph's RDF/XML parser expands them. Ten nested declarations in a
body of 600 bytes make a literal of 100 MB or 1 GB (the "billion laughs"), parsed
in the service's own process; one entity of 100 KB used 100 000 times does the
same without nesting. So before a body is parsed, the expansion its entities can
cause is worked out from the declarations: parameter and external entities (which
would read files or the network) are refused, and so is any body whose entities
would add more than MAX_EXPANSION bytes (the common use, a short namespace IRI
named once and used now and then, stays far below it).
"""

from __future__ import annotations

import re
from collections import Counter

MAX_EXPANSION = 1024 * 1024

_DECLARATION = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s%;&<>]+)\s+(\"[^\"]*\"|'[^']*'|\S+)", re.S)


def expansion_refusal(body: bytes) -> str | None:
    """Why an RDF/XML `body` is refused for its entities, or None."""
    if b"<!ENTITY" not in body:
        return None
    values: dict[bytes, bytes] = {}
    for match in _DECLARATION.finditer(body):
        parameter, name, value = match.groups()
        if parameter:
            return "The RDF/XML body declares a parameter entity; those are not accepted."
        if value[:1] not in (b'"', b"'"):
            return (
                f"The RDF/XML body declares the external entity {name.decode(errors='replace')}"
                "; entities that refer to files or addresses are not accepted."
            )
        values[name] = value[1:-1]
    if body.count(b"<!ENTITY") != len(values):
        return "The RDF/XML body has an entity declaration that cannot be read."
    added = _expansion(body, values)
    if added > MAX_EXPANSION:
        return (
            f"The RDF/XML body's entities would expand it by at least {added:,} bytes, more than "
            f"the {MAX_EXPANSION:,} accepted; write the text out in full instead."
        )
    return None


_REFERENCE = re.compile(rb"&([^\s&;<>%]+);")


def _expansion(body: bytes, values: dict[bytes, bytes]) -> int:
    """Bytes the references to `values` add, counting references inside entity values
    as often as those values are used (the nesting of the billion laughs); past the
    bound it stops counting. References are counted in one pass over the body and
    one over each value, whatever the number of declarations."""
    inside = {name: Counter(_REFERENCE.findall(value)) for name, value in values.items()}
    sizes: dict[bytes, int] = {}

    def size(name: bytes, seen: frozenset[bytes]) -> int:
        if name in sizes:
            return sizes[name]
        if name in seen:  # a cycle: the parser refuses it, and it has no finite size
            return MAX_EXPANSION + 1
        total = len(values[name])
        for other, uses in inside[name].items():
            if other in values:
                total += uses * size(other, seen | {name})
            if total > MAX_EXPANSION:
                break
        sizes[name] = total
        return total

    # References inside declarations are counted through the values that hold them.
    direct = Counter(_REFERENCE.findall(body))
    for counts in inside.values():
        direct.subtract(counts)
    added = 0
    for name, uses in direct.items():
        if uses > 0 and name in values:
            added += uses * size(name, frozenset())
        if added > MAX_EXPANSION:
            break
    return added
