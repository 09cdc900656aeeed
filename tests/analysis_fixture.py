"""Small hand-made graphs for the analyses tests, where the right answer is known by hand.

`World` collects facts in the shape the extractor writes them (BRIEF.md, Evidence
model) and loads them into an in-memory Oxigraph store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gemeentegraaf.common.namespaces import SPARQL_PREFIXES
from gemeentegraaf.store.oxigraph import OxigraphStore

GG = "https://w3id.org/gemeentegraaf/def#"
ID = "https://w3id.org/gemeentegraaf/id/"
GRAPH = "https://w3id.org/gemeentegraaf/graph/"


def gm(code: str) -> str:
    return f"<{ID}gemeente/{code.lower()}>"


def theme(slug: str) -> str:
    return f"<{ID}thema/{slug}>"


@dataclass
class World:
    """Facts grouped by named graph, as TriG."""

    graphs: dict[str, list[str]] = field(default_factory=dict)
    counter: int = 0

    def add(self, graph: str, triples: str) -> None:
        self.graphs.setdefault(graph, []).append(triples)

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    # -- reference ----------------------------------------------------------

    def municipality(self, code: str, name: str, province: str = "pv27") -> World:
        self.add(
            "reference",
            f'{gm(code)} a tooiont:Gemeente ; gg:cbsCode "{code}" ; '
            f'skos:prefLabel "{name}"@nl ; tooiont:ligtInProvincie <{ID}provincie/{province}> .',
        )
        return self

    def network(
        self,
        key: str,
        notation: str,
        members: list[str],
        *,
        attested: str | None = None,
        ended: str | None = None,
    ) -> World:
        """Members of a network: undated, or a list that holds on `attested` (a snapshot),
        or memberships that ended on `ended`."""
        net = f"<{ID}netwerk/{key}>"
        self.add(
            "reference",
            f'{net} a gg:Stedennetwerk ; skos:notation "{notation}" ; '
            f'skos:prefLabel "{notation}-netwerk"@nl .',
        )
        source = attested or ended or "test"
        for code in members:
            dates = ""
            if attested:
                dates += f' ; gg:vastgesteldOp "{attested}"^^xsd:date'
            if ended:
                dates += (
                    " ; org:memberDuring [ a time:Interval ; time:hasEnd "
                    f'[ time:inXSDDate "{ended}"^^xsd:date ] ]'
                )
            self.add(
                "reference",
                f"<{ID}lidmaatschap/{key}-{code.lower()}-{source}> a org:Membership ; "
                f"org:member {gm(code)} ; org:organization {net}{dates} .",
            )
        return self

    def programme(self, key: str, label: str, members: list[str]) -> World:
        prog = f"<{ID}programma/{key}>"
        self.add("reference", f'{prog} a gg:RegioDeal ; skos:prefLabel "{label}"@nl .')
        for code in members:
            self.add("reference", f"{prog} gg:heeftDeelnemer {gm(code)} .")
        return self

    def themes(self, hierarchy: dict[str, str | None], labels: dict[str, str]) -> World:
        for slug, parent in hierarchy.items():
            label = labels.get(slug, slug)
            self.add("themes", f'{theme(slug)} a skos:Concept ; skos:prefLabel "{label}"@nl .')
            if parent:
                self.add("themes", f"{theme(slug)} skos:broader {theme(parent)} .")
        return self

    def document(self, key: str, year: int) -> World:
        self.add(
            f"document/{key}",
            f"<{ID}document/{key}> a gg:Document ; "
            f'dcterms:issued "{year}"^^xsd:gYear ; dcterms:title "Rapport {key}"@nl .',
        )
        return self

    # -- facts ----------------------------------------------------------------

    def _evidence(self, doc: str, passage: str, quote: str) -> tuple[str, str]:
        n = self._next()
        ev = f"<{ID}bewijs/t{n}>"
        psg = f"<{ID}document/{doc}/passage/{passage}>"
        text = quote.replace('"', '\\"')
        triples = (
            f"{ev} a oa:SpecificResource ; oa:hasSource <{ID}document/{doc}> ; gg:passage {psg} ; "
            f'oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "{text}" ] , '
            f"[ a oa:TextPositionSelector ; oa:start {n * 10} ; oa:end {n * 10 + 9} ] ."
        )
        return ev, triples + f" {psg} a gg:Passage ."

    def challenge(
        self,
        code: str,
        slug: str,
        doc: str,
        passage: str,
        quote: str | None = None,
        negated: bool = False,
    ) -> World:
        n = self._next()
        node = f"<{ID}bewering/t{n}>"
        ev, ev_triples = self._evidence(doc, passage, quote or f"{code} over {slug} ({passage})")
        neg = " ; gg:ontkend true" if negated else ""
        self.add(
            f"document/{doc}",
            f"{node} a gg:Uitdaging ; gg:onderwerp {gm(code)} ; gg:thema {theme(slug)} ; "
            f"gg:relatie gg:Prioriteert ; gg:bewijs {ev} ; prov:wasDerivedFrom "
            f'<{ID}document/{doc}/passage/{passage}> ; gg:methode "test"{neg} . {ev_triples}',
        )
        return self

    def funder(self, code: str, doc: str, passage: str) -> World:
        n = self._next()
        node = f"<{ID}bewering/t{n}>"
        ev, ev_triples = self._evidence(doc, passage, f"{code} financierde dit onderzoek")
        self.add(
            f"document/{doc}",
            f'{node} a gg:Rolvermelding ; gg:onderwerp {gm(code)} ; gg:rol "financier" ; '
            f"gg:bewijs {ev} . {ev_triples}",
        )
        return self

    def trend(self, slug: str, doc: str, passage: str, about: str) -> World:
        n = self._next()
        node = f"<{ID}bewering/t{n}>"
        ev, ev_triples = self._evidence(doc, passage, f"trend over {slug}")
        self.add(
            f"document/{doc}",
            f"{node} a gg:Trend ; gg:thema {theme(slug)} ; gg:geldtVoor {about} ; "
            f"gg:bewijs {ev} . {ev_triples}",
        )
        return self

    # -- output ---------------------------------------------------------------

    def trig(self, reverse: bool = False) -> str:
        prefixes = SPARQL_PREFIXES.replace("PREFIX ", "@prefix ").replace(">\n", "> .\n")
        parts = [prefixes]
        for name, triples in self.graphs.items():
            body = list(reversed(triples)) if reverse else triples
            parts.append(f"<{GRAPH}{name}> {{\n" + "\n".join(body) + "\n}")
        return "\n".join(parts)

    def store(self, reverse: bool = False) -> OxigraphStore:
        store = OxigraphStore(None)
        store.load(self.trig(reverse).encode("utf-8"), "trig")
        return store


THEME_TREE = {
    "demografie": None,
    "krimp": "demografie",
    "vergrijzing": "demografie",
    "wonen": None,
    "schulden": "bestaanszekerheid",
    "bestaanszekerheid": None,
    "energietransitie": None,
    "veiligheid": None,
    "cultuur": None,
}
THEME_LABELS = {
    "demografie": "Demografie",
    "krimp": "Krimp",
    "vergrijzing": "Vergrijzing",
    "wonen": "Wonen",
    "schulden": "Schulden",
    "bestaanszekerheid": "Bestaanszekerheid",
    "energietransitie": "Energietransitie",
    "veiligheid": "Veiligheid",
    "cultuur": "Cultuur",
}

# Known by hand:
# - GM0001 and GM0002 share the rare themes krimp and vergrijzing (and common wonen);
# - GM0003 and GM0004 share only wonen, which nearly everyone has;
# - GM0005 and GM0006 are identical twins of each other (wonen + veiligheid + cultuur):
#   as neighbours of GM0007 (also wonen + veiligheid + cultuur) they tie exactly;
# - GM0008 is said NOT to address krimp (negated) and otherwise has only energietransitie;
# - GM0009 and GM0010 are named only as funders, and both are in G40;
# - GM0011 has a single passage (krimp): low confidence;
# - GM0001 names krimp three times in one passage: it counts once.
MUNICIPALITIES = {
    "GM0001": "Krimpstad",
    "GM0002": "Grijsdorp",
    "GM0003": "Bouwhaven",
    "GM0004": "Steenwijk",
    "GM0005": "Tweeling-Oost",
    "GM0006": "Tweeling-West",
    "GM0007": "Middenveld",
    "GM0008": "Ontkenburg",
    "GM0009": "Geldgever",
    "GM0010": "Sponsordam",
    "GM0011": "Dunbewijs",
    "GM0012": "Woonstee",
}


def standard_world() -> World:
    w = World()
    w.themes(THEME_TREE, THEME_LABELS)
    for code, name in MUNICIPALITIES.items():
        w.municipality(code, name)
    w.document("rapport-2018", 2018).document("rapport-2021", 2021).document("rapport-2013", 2013)
    # krimp: three mentions in one passage count once; plus a second document.
    for i in range(3):
        w.challenge("GM0001", "krimp", "rapport-2021", "p1", quote=f"Krimpstad krimpt ({i})")
    w.challenge("GM0001", "krimp", "rapport-2018", "p10", quote="Krimpstad ziet de bevolking dalen")
    w.challenge("GM0001", "vergrijzing", "rapport-2021", "p2", quote="Krimpstad vergrijst snel")
    w.challenge("GM0001", "wonen", "rapport-2018", "p3")
    w.challenge("GM0002", "krimp", "rapport-2021", "p4", quote="Grijsdorp krimpt ook")
    w.challenge("GM0002", "vergrijzing", "rapport-2021", "p5", quote="Grijsdorp vergrijst")
    w.challenge("GM0002", "wonen", "rapport-2018", "p6")
    w.challenge("GM0002", "wonen", "rapport-2021", "p7")
    # Common-only pair.
    w.challenge("GM0003", "wonen", "rapport-2018", "p20")
    w.challenge("GM0003", "wonen", "rapport-2021", "p21")
    w.challenge("GM0003", "energietransitie", "rapport-2018", "p22")
    w.challenge("GM0004", "wonen", "rapport-2018", "p23")
    w.challenge("GM0004", "wonen", "rapport-2021", "p24")
    w.challenge("GM0004", "schulden", "rapport-2021", "p25")
    # Twins and their common neighbour.
    for code, base in (("GM0005", 30), ("GM0006", 40), ("GM0007", 50)):
        w.challenge(code, "wonen", "rapport-2018", f"p{base}")
        w.challenge(code, "veiligheid", "rapport-2021", f"p{base + 1}")
        w.challenge(code, "cultuur", "rapport-2021", f"p{base + 2}")
    # Negation.
    w.challenge(
        "GM0008",
        "krimp",
        "rapport-2018",
        "p60",
        quote="Ontkenburg zegt niets over krimp",
        negated=True,
    )
    w.challenge("GM0008", "energietransitie", "rapport-2018", "p61")
    w.challenge("GM0008", "energietransitie", "rapport-2021", "p62")
    w.challenge("GM0008", "wonen", "rapport-2021", "p63")
    # Funders only.
    w.funder("GM0009", "rapport-2013", "p70")
    w.funder("GM0010", "rapport-2013", "p70")
    # Thin evidence.
    w.challenge("GM0011", "krimp", "rapport-2021", "p80")
    # wonen nearly everywhere.
    w.challenge("GM0012", "wonen", "rapport-2021", "p90")
    w.challenge("GM0012", "wonen", "rapport-2018", "p91")
    w.challenge("GM0012", "schulden", "rapport-2018", "p92")
    w.network("g40", "G40", ["GM0001", "GM0003", "GM0004", "GM0009", "GM0010", "GM0012"])
    w.network("m50", "M50", ["GM0002", "GM0005", "GM0006", "GM0007"])
    w.programme("regio-deal-test", "Regio Deal Test", ["GM0001", "GM0002"])
    # Trends for the timeline.
    w.trend("energietransitie", "rapport-2021", "p100", f"<{GG}AlleGemeenten>")
    w.trend("energietransitie", "rapport-2021", "p101", f"<{ID}netwerk/g40>")
    return w
