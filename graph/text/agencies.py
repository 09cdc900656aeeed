"""National implementing agencies (gg:Uitvoeringsorganisatie) the reports name.

One list, used twice: the VNG extractor links a knelpunt to the agencies it names
(gg:betrokkenOrganisatie), and the theme matcher (gemeentegraaf.text.themes) skips their names,
so that "Immigratie- en Naturalisatiedienst" is not the theme migration nor
"Dienst Uitvoering Onderwijs" the theme education.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gemeentegraaf.common.namespaces import ID
from rdflib import URIRef


@dataclass(frozen=True)
class Agency:
    key: str  # …/id/organisatie/{key}
    name: str  # skos:prefLabel@nl
    full_name: str  # skos:altLabel@nl
    pattern: str  # regular expression on the normalised text

    @property
    def uri(self) -> URIRef:
        return ID[f"organisatie/{self.key}"]


AGENCIES: tuple[Agency, ...] = (
    Agency(
        "uwv",
        "UWV",
        "Uitvoeringsinstituut Werknemersverzekeringen",
        r"\bUWV\b|Uitvoeringsinstituut Werknemersverzekeringen",
    ),
    Agency("belastingdienst", "Belastingdienst", "Belastingdienst", r"\bBelastingdienst\b"),
    Agency("dienst-toeslagen", "Dienst Toeslagen", "Dienst Toeslagen", r"\bDienst Toeslagen\b"),
    Agency("svb", "SVB", "Sociale Verzekeringsbank", r"\bSVB\b|Sociale Verzekeringsbank"),
    Agency("cak", "CAK", "Centraal Administratie Kantoor", r"\bCAK\b"),
    Agency(
        "cjib",
        "CJIB",
        "Centraal Justitieel Incassobureau",
        r"\bCJIB\b|Centraal Justitieel Incassobureau",
    ),
    Agency("duo", "DUO", "Dienst Uitvoering Onderwijs", r"\bDUO\b|Dienst Uitvoering Onderwijs"),
    Agency(
        "ind",
        "IND",
        "Immigratie- en Naturalisatiedienst",
        r"\bIND\b|Immigratie- en Naturalisatiedienst",
    ),
    Agency(
        "coa",
        "COA",
        "Centraal Orgaan opvang asielzoekers",
        r"\bCOA\b|Centraal Orgaan opvang asielzoekers",
    ),
    Agency(
        "dji", "DJI", "Dienst Justitiële Inrichtingen", r"\bDJI\b|Dienst Justitiële Inrichtingen"
    ),
    Agency("kvk", "KVK", "Kamer van Koophandel", r"\bKVK\b|Kamer van Koophandel"),
)
_AGENCY_RES = tuple((re.compile(a.pattern), a) for a in AGENCIES)


def find_agencies(text: str) -> list[Agency]:
    """The agencies a text names, in order of first mention."""
    hits = sorted((m.start(), a.key, a) for rx, a in _AGENCY_RES for m in rx.finditer(text))
    return list({key: a for _pos, key, a in hits}.values())


def agency_spans(text: str) -> list[tuple[int, int]]:
    """Where the text names an agency: (start, end) of every name."""
    return [m.span() for rx, _agency in _AGENCY_RES for m in rx.finditer(text)]
