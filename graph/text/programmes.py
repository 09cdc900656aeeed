"""Programmes, deals, funds and laws named in the reports, as gg:Programma nodes.

One place that knows which named instruments exist and what their URIs are, so
that every extractor (participation in a deal, the laws a bottleneck involves,
a municipality's own approach) points at the same node.

Two sources of names:
- `PROGRAMMES`: the instruments the bundled reports name, compiled by reading
  them. Where the reference graph already has the deal (graph/reference.py:
  City Deals as slug("{type} {deal}"), Regio Deals per tranche), the same URI
  is reused.
- generic patterns for text the list does not know yet: "City Deal X",
  "Regio Deal X", "Nationaal Programma X", and a name in quotes after a word
  that says what it is ("de pilot ‘Weten Wat Werkt’"). A City or Regio Deal the
  reference files list by that name resolves to the reference node (a Regio Deal
  with several tranches: its first tranche, see `_reference_deals`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from gemeentegraaf.common.namespaces import GG, programme_uri, slug
from gemeentegraaf.sources.reference import ReferenceProgramme, reference_programmes
from gemeentegraaf.text.normalise import fold
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

# What kind of instrument: decides the class and whether "taking part" makes sense.
DEAL = "deal"
PROGRAMME = "programma"
LOCAL = "lokale aanpak"  # a municipality's own approach, pilot, plan or fund
POLICY = "beleidsakkoord"  # a national agreement, agenda or action plan: not joined
FUND = "fonds"
LAW = "wet"
PROPOSAL = "voorstel"  # a network's own roadmap or proposal

_CLASS = {
    DEAL: GG.Programma,
    PROGRAMME: GG.NationaalProgramma,
    LOCAL: GG.Programma,
    POLICY: GG.Programma,
    PROPOSAL: GG.Programma,
    FUND: GG.Fonds,
    LAW: GG.Wet,
}


@dataclass(frozen=True)
class Programme:
    key: str  # URI key: …/id/programma/{key}
    name: str
    kind: str  # DEAL | PROGRAMME | LOCAL | FUND | LAW
    patterns: tuple[str, ...] = ()  # regular expressions on folded text; default: the name
    cls: URIRef | None = None  # a more specific class (gg:CityDeal, gg:RegioDeal)
    note: str = ""
    in_reference: bool = False  # the reference graph has this node already

    @property
    def uri(self) -> URIRef:
        return programme_uri(self.key)

    @property
    def classes(self) -> tuple[URIRef, ...]:
        specific = self.cls or _CLASS[self.kind]
        return (specific, GG.Programma) if specific != GG.Programma else (GG.Programma,)

    @property
    def joinable(self) -> bool:
        """Can a municipality take part in it? Not in a law or a national fund."""
        return self.kind in (DEAL, PROGRAMME, LOCAL)


def _p(name: str, kind: str, *patterns: str, key: str = "", **kw: object) -> Programme:
    return Programme(key or slug(name), name, kind, tuple(patterns), **kw)  # type: ignore[arg-type]


# Footnote numbers glued to a name ("House of Skills1", "Kansrijke Start’6") are
# removed by graph/normalise.py; patterns still allow a trailing digit so that
# raw text matches too.
_END = r"(?![^\W\d_])"

PROGRAMMES: tuple[Programme, ...] = (
    # City Deals (Agenda Stad)
    _p(
        "City Deal Inclusieve Stad",
        DEAL,
        r"City ?Deal (?:de )?Inclusieve Stad",
        cls=GG.CityDeal,
        note="Agenda Stad City Deal; not in data/reference/city_deals_partial.csv.",
    ),
    _p(
        "City Deal Klimaatadaptatie",
        DEAL,
        r"City ?Deal Klimaatadaptatie",
        r"City ?Deal Klimaatadaptieve [Ss]tad",
        key=slug("City Deal Klimaatadaptieve stad"),
        cls=GG.CityDeal,
        in_reference=True,
        note="The reference file lists this deal as 'Klimaatadaptieve stad'.",
    ),
    _p("City Deal Slimme Stad", DEAL, r"City ?Deal Slimme Stad", cls=GG.CityDeal),
    _p(
        "City Deal Zicht op Ondermijning",
        DEAL,
        r"City ?Deal Zicht op Ondermijning",
        cls=GG.CityDeal,
    ),
    # National programmes and agreements
    _p(
        "Nationaal Programma Rotterdam Zuid",
        PROGRAMME,
        r"Nationaal Programma Rotterdam[- ]Zuid",
        r"\bNPRZ\b",
    ),
    _p("Nationaal Programma Landelijk Gebied", PROGRAMME, r"Nationaal Programma Landelijk Gebied"),
    _p("Kansrijke Start", PROGRAMME, r"Kansrijke Start" + _END),
    _p("Programma Sociaal Domein", PROGRAMME, r"Programma Sociaal\s?Domein"),
    _p("Nationaal Preventieakkoord", POLICY, r"[Nn]ationaal [Pp]reventie ?akkoord"),
    _p("Nationale Woonagenda", POLICY, r"Nationale Woonagenda"),
    _p("MKB-Actieplan", POLICY, r"MKB-Actieplan"),
    _p("Proeftuinen Maak Verschil", PROGRAMME, r"Proeftuinen Maak Verschil"),
    _p(
        "Interbestuurlijk Programma",
        PROGRAMME,
        r"Interbestuurlijke? Programma(?! Aardgasvrije)",
        r"\bIBP\b",
    ),
    _p(
        "Programma Aardgasvrije Wijken",
        PROGRAMME,
        r"Interbestuurlijke? Programma Aardgasvrije Wijken",
        r"proeftuinen aardgasvrije wijken",
    ),
    _p(
        "Langer thuis in de inclusieve wijk",
        PROGRAMME,
        r"Langer thuis in de inclusieve wijk",
    ),
    _p("Greendeal Autodelen II", PROGRAMME, r"Green ?[Dd]eal Autodelen II"),
    _p("Klimaatakkoord", POLICY, r"(?<!VN-)\b[Kk]limaatakkoord" + _END),
    _p("Agenda Stad", POLICY, r"\bAgenda Stad\b"),
    _p("Nationale Omgevingsvisie", POLICY, r"[Nn]ationale [Oo]mgevingsvisie", r"\bNOVI\b"),
    # Funds
    _p("Gemeentefonds", FUND, r"\b[Gg]emeentefonds" + _END),
    _p("Nationaal Groeifonds", FUND, r"(?:Nationaal |Nationale )?Groeifonds" + _END),
    _p("Mobiliteitsfonds", FUND, r"Mobiliteitsfonds" + _END),
    _p("Infrastructuurfonds", FUND, r"Infrastructuurfonds" + _END),
    _p("Volkshuisvestingsfonds", FUND, r"[Vv]olkshuisvestingsfonds" + _END),
    _p("Europees Herstelfonds", FUND, r"Herstelfonds" + _END),
    _p("Stedenfonds", FUND, r"Stedenfonds" + _END),
    _p("Ondermijningsfonds", FUND, r"Ondermijningsfonds" + _END),
    _p("SDE+", FUND, r"\bSDE\+", key="sde", note="Stimulering Duurzame Energieproductie."),
    _p("BUIG", FUND, r"\bBUIG\b", note="Budget for social assistance benefits (Participatiewet)."),
    _p(
        "Integratie-uitkering Sociaal Domein",
        FUND,
        r"Integratie-?uitkering Sociaal Domein",
        r"\bIUSD\b",
    ),
    # Laws and national schemes
    _p("Participatiewet", LAW, r"Participatiewet" + _END),
    _p(
        "Wet maatschappelijke ondersteuning 2015",
        LAW,
        r"\bW[Mm][Oo](?: 2015)?\b",
        r"Wet maatschappelijke ondersteuning(?: 2015)?",
        key="wmo-2015",
    ),
    _p("Jeugdwet", LAW, r"\bJeugdwet" + _END),
    _p("Omgevingswet", LAW, r"\bOmgevingswet" + _END),
    _p("Wet open overheid", LAW, r"Wet [Oo]pen [Oo]verheid", r"\bWoo\b"),
    _p("Algemene wet bestuursrecht", LAW, r"Algemene [Ww]et [Bb]estuursrecht", r"\bAWB\b|\bAwb\b"),
    _p("Wet Bibob", LAW, r"Wet Bibob"),
    _p("Wet Damocles", LAW, r"Wet Damocles"),
    _p("Wet sociale werkvoorziening", LAW, r"Wet sociale werkvoorziening", r"\bWsw\b"),
    _p("Wet aanpak multiproblematiek", LAW, r"Wet [Aa]anpak [Mm]ultiproblematiek"),
    _p("Wet DBA", LAW, r"Wet DBA"),
    _p(
        "Wet verplichte geestelijke gezondheidszorg",
        LAW,
        r"Wet verplichte geestelijke gezondheidszorg",
        r"\bWvggz\b",
    ),
    _p("Wet arbeidsongeschiktheid (WIA)", LAW, r"\bWIA\b", key="wia"),
    # "Dienst Toeslagen" is the agency (an organisation), not the scheme.
    _p(
        "Toeslagen",
        LAW,
        r"(?<!Dienst )\b[Tt]oeslagen(?:stelsel)?\b",
        r"\b(?:[Hh]uur|[Zz]org|[Kk]inderopvang)toeslag(?:en)?\b",
    ),
    _p("Tozo", LAW, r"\bTozo\b"),
    _p(
        "Algemene Verordening Gegevensbescherming",
        LAW,
        r"Algemene Verordening Gegevensbescherming",
        r"\bAVG\b",
    ),
    _p("Energietoeslag", LAW, r"\b[Ee]nergie-?toeslag\w*"),
    _p("Klimaatwet", LAW, r"\bKlimaatwet\b"),
    _p("Ondermijningswet", LAW, r"\bOndermijningswet\b"),
    _p("Salderingsregeling", LAW, r"\b[Ss]alderingsregeling\b"),
    _p("Verhuurderheffing", LAW, r"\b[Vv]erhuurders?heffing\b"),
    # Municipalities' own approaches, pilots, plans and funds (2018 analysis)
    _p("Vroeg Eropaf", LOCAL, r"Vroeg Eropaf", note="Amsterdam's early-intervention approach."),
    _p("Schuldenlab070", LOCAL, r"Schuldenlab ?070", note="Den Haag."),
    _p("Zutphens Energieakkoord", LOCAL, r"Zutphens Energieakkoord"),
    _p("Internationale Knoop XL", LOCAL, r"Internationale Knoop XL", note="Eindhoven."),
    _p("Groene Energie Wijken", LOCAL, r"Groene Energie Wijken", note="Den Haag."),
    _p("House of Skills", LOCAL, r"House of Skills", note="Amsterdam region field lab."),
    _p("Fonds Mismatch Arbeidsmarkt", LOCAL, r"fonds Mismatch Arbeidsmarkt", note="Utrecht."),
    _p("Actieplan Middenhuur", LOCAL, r"Actieplan Middenhuur", note="Utrecht."),
    _p("Vizier op werk", LOCAL, r"aanpak ['‘]Vizier op werk", note="Leeuwarden."),
    _p("Regelluwe Bijstand", LOCAL, r"Regelluwe Bijstand", note="Amsterdam experiment."),
    _p("Ondernemend uit de Bijstand", LOCAL, r"Ondernemend uit de Bijstand", note="Den Haag."),
    _p("Stip-banen", LOCAL, r"Stip-banen", note="Den Haag pilot."),
    _p("Weten Wat Werkt", LOCAL, r"Weten Wat Werkt", note="Utrecht experiment."),
    _p(
        "Masterplan terugdringen bijstandstekort",
        LOCAL,
        r"Masterplan terugdringen bijstandstekort",
        note="Nijmegen.",
    ),
    _p("Innovatiefonds 18-/18+", LOCAL, r"Innovatiefonds 18-/18\+", key="innovatiefonds-18-18"),
    _p("Actieplan Eenzaamheid", LOCAL, r"Actieplan Eenzaamheid"),
    _p("Actieplan verwarde personen", LOCAL, r"Actieplan verwarde personen"),
    _p("Schuldhulpmaatjes", LOCAL, r"Schuldhulpmaatjes"),
    _p("Debt to no debt", LOCAL, r"Debt to no debt", note="Leiden pilot."),
    _p("Schaarsteventiel", LOCAL, r"Schaarsteventiel", note="Lelystad."),
    # Examples in the 2021 trend study
    _p("Sociaal Hospitaal", LOCAL, r"Sociaal Hospitaal", note="Den Haag."),
    # The G32's own proposals (2017 position paper)
    _p(
        "Laat stad en regio bruisen",
        PROPOSAL,
        r"Laat stad en regio bruisen",
        note="Proposals for deals on city centres and vital cores (VNO-NCW, MKB, VNG, IPO, G32).",
    ),
    _p(
        "Roadmap sociaal ondernemerschap",
        PROPOSAL,
        r"\bRoadmap(?= opgesteld waarin staat hoe gemeenten sociaal ondernemerschap)",
        note="The G32's roadmap on how municipalities can stimulate social enterprise.",
    ),
)

# Words before a name in quotes that say it is an instrument, and which kind.
_QUOTED_KIND = {
    "programma": PROGRAMME,
    "landelijke programma": PROGRAMME,
    "pilot": LOCAL,
    "aanpak": LOCAL,
    "experiment": LOCAL,
    "project": LOCAL,
    "actieplan": LOCAL,
    "masterplan": LOCAL,
    "fonds": FUND,
    "regeling": LAW,
}
_QUOTED = re.compile(
    r"\b(?P<word>landelijke programma|programma|pilot|aanpak|experiment|project|actieplan|"
    r"masterplan|fonds|regeling) '(?P<name>[A-Z][^'\n]{2,60}?)'"
)
_GENERIC = (
    (
        re.compile(r"\bCity ?Deal (?P<name>(?:[A-Z][\w-]+)(?: (?:[A-Z][\w-]+|op|de|en|van))*)"),
        "city",
    ),
    (re.compile(r"\bRegio ?[Dd]eal (?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+)*)"), "regio"),
    (re.compile(r"\bNationaal Programma (?P<name>[A-Z][\w-]+(?: [A-Z][\w-]+)*)"), "nationaal"),
)


@dataclass(frozen=True)
class ProgrammeMention:
    start: int
    end: int
    surface: str
    programme: Programme


@dataclass
class _Compiled:
    entries: list[tuple[re.Pattern[str], Programme]] = field(default_factory=list)


@cache
def _compiled() -> _Compiled:
    out = _Compiled()
    for prog in PROGRAMMES:
        for pattern in prog.patterns or (re.escape(prog.name),):
            out.entries.append((re.compile(fold(pattern)), prog))
    return out


@cache
def by_key() -> dict[str, Programme]:
    return {p.key: p for p in PROGRAMMES}


@cache
def _reference_deals() -> dict[tuple[URIRef, str], ReferenceProgramme]:
    """(class, slug of the name) → the reference node a text's mention of that deal means.

    A Regio Deal with several tranches (Twente, ZaanIJ, ...) has one reference node per
    tranche; a text that names "Regio Deal Twente" means the deal, so it links to the
    first tranche, where the deal was made (later tranches continue it).
    """
    found: dict[tuple[URIRef, str], ReferenceProgramme] = {}
    for deal in reference_programmes():
        name_key = (deal.cls, slug(deal.name))
        current = found.get(name_key)
        if current is None or _tranche(deal) < _tranche(current):
            found[name_key] = deal
    return found


def _tranche(deal: ReferenceProgramme) -> int:
    """The (first) tranche number: "2 or 3" counts as 2; none as 0."""
    match = re.search(r"\d+", deal.tranche or "")
    return int(match.group()) if match else 0


def _deal(cls: URIRef, label: str, name: str) -> Programme:
    """A deal the text names: the reference node when the reference files list it."""
    full = f"{label} {name}"
    ref = _reference_deals().get((cls, slug(name)))
    if ref is not None:
        return Programme(ref.key, full, DEAL, cls=cls, in_reference=True)
    return Programme(slug(full), full, DEAL, cls=cls)


def _generic(kind: str, name: str) -> Programme:
    name = name.strip()
    if kind == "city":
        return _deal(GG.CityDeal, "City Deal", name)
    if kind == "regio":
        return _deal(GG.RegioDeal, "Regio Deal", name)
    full = f"Nationaal Programma {name}"
    return Programme(slug(full), full, PROGRAMME)


@cache
def known_keys() -> frozenset[str]:
    """Every programme key with a node of its own: the list above and the reference deals."""
    return frozenset(by_key()) | {deal.key for deal in reference_programmes()}


def find_programmes(text: str) -> list[ProgrammeMention]:
    """Named instruments in `text`, longest first where they overlap, in text order."""
    folded = fold(text)
    found: list[ProgrammeMention] = []
    for pattern, prog in _compiled().entries:
        for m in pattern.finditer(folded):
            found.append(ProgrammeMention(m.start(), m.end(), text[m.start() : m.end()], prog))
    for pattern, kind in _GENERIC:
        for m in pattern.finditer(folded):
            prog = _generic(kind, m.group("name"))
            found.append(ProgrammeMention(m.start(), m.end(), text[m.start() : m.end()], prog))
    for m in _QUOTED.finditer(folded):
        name = m.group("name").strip()
        kind = _QUOTED_KIND[m.group("word")]
        prog = by_key().get(slug(name)) or Programme(slug(name), name, kind)
        s, e = m.start("name"), m.end("name")
        found.append(ProgrammeMention(s, e, text[s:e], prog))
    # Longest span wins; a known entry beats a generic one of the same span.
    known = {p.key for p in PROGRAMMES}
    found.sort(key=lambda x: (-(x.end - x.start), x.programme.key not in known, x.start))
    chosen: list[ProgrammeMention] = []
    for cand in found:
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda x: x.start)


def add_programme(g: Graph, programme: Programme, derived_from: URIRef | None = None) -> URIRef:
    """Write a programme node (type and label; the reference graph adds the rest)."""
    node = programme.uri
    for cls in programme.classes:
        g.add((node, RDF.type, cls))
    g.add((node, RDF.type, PROV.Entity))
    if not programme.in_reference:
        # The reference graph labels its own deals; a second label would conflict.
        g.add((node, SKOS.prefLabel, Literal(programme.name, lang="nl")))
        g.add((node, RDFS.label, Literal(programme.name, lang="nl")))
        g.add((node, DCTERMS.type, Literal(programme.kind, lang="nl")))
    if derived_from is not None:
        g.add((node, PROV.wasDerivedFrom, derived_from))
    return node
