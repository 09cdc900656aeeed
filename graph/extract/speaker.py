"""Who speaks in a document: the municipality or network that writes about itself.

A coalition agreement, college programme, budget or council letter is written by a
municipality that rarely names itself: it says "we", "ons", "de gemeente", "het college".
A network's position paper speaks for the network. The caller may name the speaker
(`gemeentegraaf ingest --speaker GM0344`); else `infer_speaker` reads it from the
publisher ("Gemeente Houten"; not a news outlet's edition, "AD, editie Den Haag"), then
the title ("Coalitieakkoord gemeente Waterland"), then, for genres whose profile allows
it (a programme, a network's paper: `speaker = "document-or-text"`), from the text: the
one municipality or network it names clearly more often than any other. A report of no
known genre gets no speaker from its text: a study that names Amsterdam three times is not
Amsterdam's.

The speaker names the subject of first-person and institutional references; it never
chooses which rules run (that is the genre's job, gemeentegraaf.text.genres).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import municipality_uri, network_uri
from gemeentegraaf.extract.actors import NETWORK_PATTERN
from gemeentegraaf.sources.catalogue import CorpusRecord
from gemeentegraaf.text.gazetteer import Gazetteer
from gemeentegraaf.text.genres import genre as genre_named
from gemeentegraaf.text.segment import Document
from rdflib import URIRef

_CODE = re.compile(r"GM\d{4}", re.IGNORECASE)
# Text inference: the leading name must be named this often and this much more than the next.
_MIN_TEXT_MENTIONS = 2
_LEAD_RATIO = 2.0
# Only the opening of a long text is read for the speaker (a programme names itself early).
_TEXT_WINDOW = 20_000
# A news outlet's edition or region ("AD, editie Den Haag", "NU.nl (regio Alphen aan den
# Rijn)") says where it is read, not who speaks: those names are not the speaker.
_EDITION = re.compile(r"\b(?:editie|regio|regioeditie|edition)\s+[^,;()]+", re.IGNORECASE)


class SpeakerError(UserError):
    """A speaker given by the user is not a known municipality or network."""


@dataclass(frozen=True)
class Speaker:
    """A municipality (code "GM0344") or network (code "G32") that writes a document."""

    code: str
    name: str
    source: str  # "given", "publisher", "title" or "text"

    @property
    def is_network(self) -> bool:
        return not self.code.startswith("GM")

    @property
    def uri(self) -> URIRef:
        return network_uri(self.code) if self.is_network else municipality_uri(self.code)

    @property
    def key(self) -> str:
        return self.code.lower()

    def describe(self) -> str:
        """How `ingest` names it: "Houten (GM0321, from the publisher)"."""
        source = "given" if self.source == "given" else f"from the {self.source}"
        if self.name == self.code:  # a network: its code is its name
            return f"{self.code} ({source})"
        return f"{self.name} ({self.code}, {source})"


def speaker_from_code(code: str, gazetteer: Gazetteer) -> Speaker:
    """A speaker named by the user: a CBS code ("GM0344") or a network ("G32")."""
    value = code.strip()
    if _CODE.fullmatch(value):
        value = value.upper()
        try:
            return Speaker(value, gazetteer.name_of(value), "given")
        except KeyError:
            raise SpeakerError(f"unknown municipality code {code!r}") from None
    network = NETWORK_PATTERN.fullmatch(value.upper())
    if network:
        return Speaker(network.group("net"), network.group("net"), "given")
    raise SpeakerError(
        f"a speaker is a CBS code such as GM0344 or a network (G4, G32, G40, M50, P10), "
        f"not {code!r}"
    )


def _named(text: str, record: CorpusRecord, gazetteer: Gazetteer) -> list[tuple[str, str]]:
    """(code, name) of each municipality or network a short text names."""
    found: list[tuple[str, str]] = []
    for m in gazetteer.find(text, record.read_on, include_non_municipal=False):
        res = m.resolution
        if res.status != "resolved" or not res.code or not res.code.startswith("GM"):
            continue
        code = res.code
        if res.successors:
            # a municipality dissolved before the report was written: its name is now a
            # place in the one it went into ("Groot Sneek", 2017: Súdwest-Fryslân); a name
            # split over several says nothing clear
            if len(res.successors) != 1:
                continue
            code = res.successors[0]
        found.append((code, gazetteer.name_of(code)))
    for m in NETWORK_PATTERN.finditer(text):
        found.append((m.group("net"), m.group("net")))
    return found


def _single(found: list[tuple[str, str]]) -> tuple[str, str] | None:
    distinct = dict(found)
    return next(iter(distinct.items())) if len(distinct) == 1 else None


def infer_speaker(record: CorpusRecord, document: Document, gazetteer: Gazetteer) -> Speaker | None:
    """The speaker the publisher, the title or (for genres that allow it) the text shows;
    None when nothing says so clearly."""
    publisher = _EDITION.sub(lambda m: " " * len(m.group()), record.publisher or "")
    for source, text in (("publisher", publisher), ("title", record.title)):
        one = _single(_named(text or "", record, gazetteer))
        if one is not None:
            return Speaker(one[0], one[1], source)
    if not genre_named(document.genre).speaker_from_text:
        return None
    counts: Counter[tuple[str, str]] = Counter(
        _named(document.text[:_TEXT_WINDOW], record, gazetteer)
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _MIN_TEXT_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < _LEAD_RATIO * ranked[1][1]:
        return None
    (code, name), _count = ranked[0]
    return Speaker(code, name, "text")


@cache
def _reference_gazetteer() -> Gazetteer:
    return Gazetteer.from_reference()


def check_speaker_code(code: str) -> Speaker:
    """The speaker a user names (`ingest --speaker`), or SpeakerError saying why not."""
    return speaker_from_code(code, _reference_gazetteer())


def resolve_speaker(
    record: CorpusRecord, document: Document, code: str | None = None
) -> Speaker | None:
    """The speaker the user gave (`code`), else the one the document shows (infer_speaker)."""
    if code is not None and code.strip():
        return check_speaker_code(code)
    return infer_speaker(record, document, _reference_gazetteer())
