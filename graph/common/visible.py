"""Text a client sent, made safe to echo in an error message or a log line.

Control characters, format characters (the marks that turn text right to left, zero
widths) and line and paragraph separators change how the rest reads, or go unseen; an
echo shows them escaped, never raw: in an address as %XX bytes (as the address itself
writes them), in SPARQL as \\uXXXX (as a query may write them).
"""

from __future__ import annotations

import unicodedata

SHOWN_LENGTH = 200
# Control, format, line separator, paragraph separator.
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp"})


def hidden(char: str) -> bool:
    """Whether `char` changes how text reads or goes unseen (controls, right-to-left
    marks, zero widths, line and paragraph separators)."""
    return unicodedata.category(char) in _HIDDEN


def percent_encoded(char: str) -> str:
    """`char` as an address writes it: its UTF-8 bytes, each as %XX."""
    return "".join(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass"))


def shown(text: str) -> str:
    """`text` (an address a client sent) as an error message or a log line may echo it:
    hidden characters percent-encoded, and no more than SHOWN_LENGTH characters of it."""
    if len(text) > SHOWN_LENGTH:
        text = text[:SHOWN_LENGTH] + "…"
    return "".join(percent_encoded(c) if hidden(c) else c for c in text)


def sparql_escaped(text: str) -> str:
    """`text` (a part of a query, or the engine's words about it) with its hidden
    characters written as SPARQL's escapes, \\uXXXX or \\UXXXXXXXX."""
    return "".join(_escape(c) if hidden(c) else c for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"


def readable(message: str) -> str:
    """A message of several lines that may quote what a client sent (an error's text
    body): its hidden characters as sparql_escaped writes them, but its line breaks and
    tabs kept, which lay out the message itself."""
    return "".join(_escape(c) if hidden(c) and c not in "\n\t" else c for c in message)
