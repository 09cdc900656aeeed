"""The reference graph: municipalities, provinces, networks, memberships, figures, programmes.

Reads the records of graph/reference_data.py and writes RDF in the model of
ontology/gemeentegraaf.ttl. Memberships taken from the corpus (the 2021 study's
footnotes) are extracted with the report (gemeentegraaf.extract.memberships).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import (
    GG,
    ID,
    TOOIONT,
    municipality_uri,
    network_uri,
    programme_uri,
    province_uri,
    slug,
)
from gemeentegraaf.sources.reference_data import (
    by_code,
    change_events,
    municipalities,
    provinces,
    read_alias_rows,
    read_csv,
)
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

CBS = ID["organisatie/cbs"]
SOURCE_FILE = ID["bron/"]  # + file name: the reference file as a prov:Entity

NETWORKS: dict[str, tuple[str, str, str]] = {
    # key: (notation, Dutch name, English comment)
    "g4": ("G4", "G4", "The four largest Dutch cities."),
    "g32": (
        "G32",
        "G32-stedennetwerk",
        "The city network that became the G40; the corpus gives no member list.",
    ),
    "g40": (
        "G40",
        "G40-stedennetwerk",
        "The network of about forty medium-large cities (formerly G32).",
    ),
    "m50": ("M50", "M50", "The network of medium-sized municipalities."),
    "p10": ("P10", "P10", "The network of large rural municipalities."),
}

G4_MEMBERS = ("GM0363", "GM0599", "GM0518", "GM0344")
G4_SOURCE = URIRef("https://nl.wikipedia.org/wiki/G4_(gemeenten)")


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _source(g: Graph, file_name: str, description: str, complete: bool = True) -> URIRef:
    node = URIRef(f"{SOURCE_FILE}{slug(file_name)}")
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, RDFS.label, Literal(file_name)))
    g.add((node, DCTERMS.description, Literal(description, lang="en")))
    g.add((node, GG.ledenlijstVolledig, Literal(complete)))
    return node


def add_provinces(g: Graph) -> None:
    for p in provinces():
        node = province_uri(p.code)
        g.add((node, RDF.type, TOOIONT.Provincie))
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, GG.provinciecode, Literal(p.code)))
        g.add((node, SKOS.prefLabel, Literal(p.name, lang="nl")))
        g.add((node, RDFS.label, Literal(f"provincie {p.name}", lang="nl")))
        g.add((node, SKOS.altLabel, Literal(p.abbreviation)))
        g.add((node, OWL.sameAs, URIRef(p.tooi_uri)))


def add_municipalities(g: Graph) -> None:
    register = _source(
        g,
        "tooi_rwc_gemeenten_compleet_4.json",
        "TOOI register of municipalities, version 4 (KOOP).",
    )
    for m in municipalities():
        node = municipality_uri(m.code)
        g.add((node, RDF.type, TOOIONT.Gemeente))
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, GG.cbsCode, Literal(m.code)))
        g.add((node, TOOIONT.gemeentecode, Literal(m.code[2:])))
        g.add((node, SKOS.prefLabel, Literal(m.name, lang="nl")))
        g.add((node, RDFS.label, Literal(m.name, lang="nl")))
        g.add((node, TOOIONT.ligtInProvincie, province_uri(m.province)))
        g.add((node, OWL.sameAs, URIRef(m.tooi_uri)))
        g.add((node, PROV.wasDerivedFrom, register))
        if m.begin:
            g.add((node, TOOIONT.begindatum, _date(m.begin)))
        if m.end:
            g.add((node, TOOIONT.einddatum, _date(m.end)))
        for succ in m.successors:
            g.add((node, GG.opgegaanIn, municipality_uri(succ)))
            g.add((municipality_uri(succ), DCTERMS.replaces, node))


def add_alternative_names(g: Graph) -> None:
    """The usual names besides the official one ("Den Haag", "Den Bosch") as skos:altLabel.

    From the gazetteer's alias list, so SPARQL users and the name search find
    a municipality by the name people use; names shared by two municipalities
    ("Alphen") are left out.
    """
    known = by_code()
    for row in read_alias_rows():
        codes = row["target"].split()
        if row["kind"] == "alias" and len(codes) == 1 and codes[0] in known:
            g.add((municipality_uri(codes[0]), SKOS.altLabel, Literal(row["surface"], lang="nl")))


def add_change_events(g: Graph) -> None:
    for ev in change_events():
        node = ID[f"wijziging/{ev.uri.rsplit('/', 1)[1]}"]
        g.add((node, RDF.type, TOOIONT[ev.kind]))
        g.add((node, RDFS.label, Literal(f"{ev.kind} {ev.when.isoformat()}", lang="nl")))
        g.add((node, PROV.atTime, _date(ev.when)))
        g.add((node, OWL.sameAs, URIRef(ev.uri)))
        for code in ev.invalidated:
            g.add((node, PROV.invalidated, municipality_uri(code)))
        for code in ev.generated:
            g.add((node, PROV.generated, municipality_uri(code)))
        for code in ev.used:
            g.add((node, PROV.used, municipality_uri(code)))
        for basis in ev.basis:
            g.add((node, TOOIONT.heeftGrondslag, URIRef(basis)))


def add_networks(g: Graph) -> None:
    for key, (notation, name, comment) in NETWORKS.items():
        node = network_uri(key)
        g.add((node, RDF.type, GG.Stedennetwerk))
        g.add((node, RDF.type, ORG.OrganizationalCollaboration))
        g.add((node, SKOS.notation, Literal(notation)))
        g.add((node, SKOS.prefLabel, Literal(name, lang="nl")))
        g.add((node, RDFS.label, Literal(name, lang="nl")))
        g.add((node, RDFS.comment, Literal(comment, lang="en")))
    g.add((network_uri("g32"), DCTERMS.isReplacedBy, network_uri("g40")))
    g.add((network_uri("g40"), DCTERMS.replaces, network_uri("g32")))
    g.add((network_uri("p10"), GG.ledenlijstVolledig, Literal(False)))


def membership(
    g: Graph,
    network: str,
    code: str,
    source_key: str,
    *,
    derived_from: URIRef,
    attested: date | None = None,
    begin: date | None = None,
    end: date | None = None,
    sources: Iterable[str] = (),
    note: str | None = None,
) -> URIRef:
    """Add one org:Membership; returns its node."""
    node = ID[f"lidmaatschap/{network}-{code.lower()}-{source_key}"]
    g.add((node, RDF.type, ORG.Membership))
    g.add((node, ORG.member, municipality_uri(code)))
    g.add((node, ORG.organization, network_uri(network)))
    g.add((node, PROV.wasDerivedFrom, derived_from))
    if attested:
        g.add((node, GG.vastgesteldOp, _date(attested)))
    if begin or end:
        interval = BNode()
        g.add((node, ORG.memberDuring, interval))
        g.add((interval, RDF.type, TIME.Interval))
        for prop, value in ((TIME.hasBeginning, begin), (TIME.hasEnd, end)):
            if value:
                instant = BNode()
                g.add((interval, prop, instant))
                g.add((instant, RDF.type, TIME.Instant))
                g.add((instant, TIME.inXSDDate, _date(value)))
    for url in sources:
        g.add((node, DCTERMS.source, URIRef(url)))
    if note:
        g.add((node, RDFS.comment, Literal(note, lang="en")))
    return node


def _urls(cell: str) -> list[str]:
    return [u.strip() for u in cell.split(";") if u.strip()]


def add_reference_memberships(g: Graph) -> None:
    known = by_code()
    g4 = _source(
        g, "SOURCES.md#g4", "G4: Amsterdam, Rotterdam, 's-Gravenhage and Utrecht (a public fact)."
    )
    for code in G4_MEMBERS:
        membership(g, "g4", code, "bron", derived_from=g4, sources=[str(G4_SOURCE)])

    g40 = _source(
        g, "g40_leden.csv", "G40 members (41) in 2023, transcribed from the network's pages."
    )
    for row in read_csv("g40_leden.csv"):
        code = _checked(row["GemeentecodeGM"], known, "g40_leden.csv")
        begin = date.fromisoformat(row["join_date"]) if row["join_date"] else None
        membership(
            g,
            "g40",
            code,
            "2023",
            derived_from=g40,
            attested=date(2023, 1, 1),
            begin=begin,
            sources=_urls(row["source_url"]),
            note=row["note"] or None,
        )

    m50 = _source(
        g, "m50_leden_2023-04.csv", "M50 members (61) in April 2023, from the network's page."
    )
    for row in read_csv("m50_leden_2023-04.csv"):
        code = _checked(row["GemeentecodeGM"], known, "m50_leden_2023-04.csv")
        membership(
            g,
            "m50",
            code,
            "2023-04",
            derived_from=m50,
            attested=date(2023, 4, 1),
            sources=_urls(row["source_url"]),
        )

    p10 = _source(
        g,
        "p10_leden_partial.csv",
        "P10 members: 26 of 32, partial; join dates only where a source gives them.",
        complete=False,
    )
    for row in read_csv("p10_leden_partial.csv"):
        code = _checked(row["GemeentecodeGM"], known, "p10_leden_partial.csv")
        begin = date.fromisoformat(row["join_date"]) if row["join_date"] else None
        membership(
            g,
            "p10",
            code,
            "bron",
            derived_from=p10,
            begin=begin,
            sources=_urls(row["source_url"]),
            note=row["note"] or None,
        )


class ReferenceDataError(UserError, ValueError):
    """A reference file names something the register does not know."""


def _checked(code: str, known: dict, file_name: str) -> str:
    code = code.strip().upper()
    if code not in known:
        raise ReferenceDataError(f"{file_name}: unknown municipality code {code!r}")
    return code


def _figure(
    g: Graph,
    code: str,
    measure_key: str,
    measure: str,
    value: int,
    unit: str,
    period: str,
    source: URIRef,
    shortcut: URIRef,
) -> None:
    node = ID[f"kengetal/{code.lower()}-{measure_key}-{period}"]
    g.add((node, RDF.type, GG.Kengetal))
    g.add((node, GG.onderwerp, municipality_uri(code)))
    g.add((node, GG.grootheid, Literal(measure, lang="nl")))
    g.add((node, RDF.value, Literal(value)))
    g.add((node, GG.eenheid, Literal(unit)))
    g.add((node, GG.periode, Literal(period)))
    g.add((node, PROV.wasDerivedFrom, source))
    g.add((node, PROV.wasAttributedTo, CBS))
    g.add((municipality_uri(code), shortcut, Literal(value)))


# CBS figures: file, description, code column, value column, key, measure, unit, period, shortcut.
FIGURES = (
    (
        "cbs_bevolking_gemeenten_2023.csv",
        "Population on 1 January 2023, CBS StatLine 37259.",
        "bevolking_2023_01_01",
        "inwoners",
        "inwoners",
        "personen",
        "2023-01-01",
        GG.inwonertal,
    ),
    (
        "cbs_stedelijkheid_gemeenten_kwb2021.csv",
        "CBS degree of urbanity 1-5, 2021 boundaries.",
        "stedelijkheid",
        "stedelijkheid",
        "mate van stedelijkheid",
        "klasse (1 zeer sterk stedelijk - 5 niet stedelijk)",
        "2021",
        GG.stedelijkheid,
    ),
)


def add_figures(g: Graph) -> None:
    known = by_code()
    g.add((CBS, RDF.type, ORG.FormalOrganization))
    g.add((CBS, RDF.type, PROV.Agent))
    g.add((CBS, SKOS.prefLabel, Literal("Centraal Bureau voor de Statistiek", lang="nl")))
    for file_name, about, column, key, measure, unit, period, shortcut in FIGURES:
        source = _source(g, file_name, about)
        for row in read_csv(file_name):
            code = _checked(row["GemeentecodeGM"], known, file_name)
            value = int(row[column])
            _figure(g, code, key, measure, value, unit, period, source, shortcut)


def _programme(g: Graph, cls: URIRef, name: str, source: URIRef, key: str) -> URIRef:
    node = programme_uri(key)
    g.add((node, RDF.type, cls))
    g.add((node, RDF.type, GG.Programma))
    g.add((node, SKOS.prefLabel, Literal(name, lang="nl")))
    g.add((node, RDFS.label, Literal(name, lang="nl")))
    g.add((node, PROV.wasDerivedFrom, source))
    return node


def _participants(g: Graph, node: URIRef, codes_cell: str, known: dict, file_name: str) -> None:
    codes = [c for c in codes_cell.split(";") if c.strip()]
    for code in codes:
        g.add((node, GG.heeftDeelnemer, municipality_uri(_checked(code, known, file_name))))


@dataclass(frozen=True)
class ReferenceProgramme:
    """A deal the reference files list: its URI key, name and class."""

    key: str
    name: str
    cls: URIRef
    tranche: str | None = None  # as the file writes it: "4", "2 or 3"


def regio_deal_key(name: str, tranche: str | int) -> str:
    # A region can have a deal in more than one tranche: one node per tranche.
    return slug(f"regio-deal {name} tranche {tranche}")


def city_deal_key(kind: str, name: str) -> str:
    return slug(f"{kind} {name}")


@cache
def reference_programmes() -> tuple[ReferenceProgramme, ...]:
    """The Regio Deals (one per tranche) and City Deals of data/reference, in file order."""
    deals = [
        ReferenceProgramme(
            regio_deal_key(row["regio_deal"], row["tranche"]),
            row["regio_deal"],
            GG.RegioDeal,
            row["tranche"],
        )
        for row in read_csv("regio_deals.csv")
    ]
    deals += [
        ReferenceProgramme(city_deal_key(row["type"], row["deal"]), row["deal"], GG.CityDeal)
        for row in read_csv("city_deals_partial.csv")
    ]
    return tuple(deals)


def add_programmes(g: Graph) -> None:
    known = by_code()
    rd = _source(
        g,
        "regio_deals.csv",
        "Regio Deals, tranches 1-6; municipalities only where a source names them.",
        complete=False,
    )
    for row in read_csv("regio_deals.csv"):
        key = regio_deal_key(row["regio_deal"], row["tranche"])
        node = _programme(g, GG.RegioDeal, row["regio_deal"], rd, key)
        g.add((node, GG.tranche, Literal(row["tranche"])))
        if row["selection_date"]:
            g.add((node, DCTERMS.date, _date_or_month(row["selection_date"])))
        if row["rijksbijdrage_mln_eur"]:
            g.add(
                (node, GG.rijksbijdrageMiljoenEuro, Literal(Decimal(row["rijksbijdrage_mln_eur"])))
            )
        for url in _urls(row["source_url"]):
            g.add((node, DCTERMS.source, URIRef(url)))
        if row["note"]:
            g.add((node, RDFS.comment, Literal(row["note"], lang="en")))
        _participants(g, node, row["GemeentecodesGM"], known, "regio_deals.csv")
        # The pages read name some participants at most: never a complete list.
        g.add((node, GG.ledenlijstVolledig, Literal(False)))
    cd = _source(g, "city_deals_partial.csv", "City Deals: 6 of about 30, partial.", complete=False)
    for row in read_csv("city_deals_partial.csv"):
        node = _programme(g, GG.CityDeal, row["deal"], cd, city_deal_key(row["type"], row["deal"]))
        g.add((node, DCTERMS.type, Literal(row["type"])))
        if row["signed_date"]:
            g.add((node, DCTERMS.date, _date_or_month(row["signed_date"])))
        for url in _urls(row["source_url"]):
            g.add((node, DCTERMS.source, URIRef(url)))
        if row["note"]:
            g.add((node, RDFS.comment, Literal(row["note"], lang="en")))
        _participants(g, node, row["GemeentecodesGM"], known, "city_deals_partial.csv")
        g.add((node, GG.ledenlijstVolledig, Literal(False)))


def _date_or_month(text: str) -> Literal:
    if len(text) == 7:
        return Literal(text, datatype=XSD.gYearMonth)
    return Literal(text, datatype=XSD.date)


def reference_graph() -> Graph:
    """Everything from data/reference, without the corpus-derived memberships."""
    g = Graph()
    add_provinces(g)
    add_municipalities(g)
    add_alternative_names(g)
    add_change_events(g)
    add_networks(g)
    add_reference_memberships(g)
    add_figures(g)
    add_programmes(g)
    return g
