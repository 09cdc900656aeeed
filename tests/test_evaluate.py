"""Evaluation against gold facts: held, missed, and negative facts the graph must not assert."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest
from gemeentegraaf.cli.evaluate import register_cli
from gemeentegraaf.common.namespaces import (
    GG,
    OA,
    document_graph,
    document_uri,
    municipality_uri,
    network_uri,
    programme_uri,
    theme_uri,
)
from gemeentegraaf.common.resources import CORPUS_DIR
from gemeentegraaf.evaluate import GoldFormatError, QuoteLocator, evaluate, load_gold
from gemeentegraaf.store.oxigraph import OxigraphStore
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS, XSD

REPO = Path(__file__).resolve().parents[1]
DEV_GOLD = REPO / "tests" / "gold" / "dev.jsonl"
D2013 = "platform31-trendstudie-2013"
D2017 = "g32-analyse-regeerakkoord-2017"
D2018 = "platform31-analyse-coalitieakkoorden-2018"
D2021 = "platform31-trendstudie-g40-m50-2021"
D2023 = "vng-stand-van-de-uitvoering-2023"


@pytest.fixture(scope="module")
def dev_gold() -> dict[str, str]:
    """The lines of the bundled gold file by id."""
    lines = DEV_GOLD.read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["id"]: line for line in lines if line.strip()}


def gold_file(tmp_path: Path, dev_gold: dict[str, str], *ids: str) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(dev_gold[i] for i in ids) + "\n", encoding="utf-8")
    return path


def raw_span(doc: str, text: str) -> tuple[int, int]:
    """Where `text` stands in the raw file, line breaks allowed between its words."""
    raw = (CORPUS_DIR / f"{doc}.txt").read_text(encoding="utf-8")
    m = re.search(r"\s+".join(re.escape(w) for w in text.split()), raw)
    assert m, text
    return m.span()


class Facts:
    """Hand-written facts following the evidence model of the brief."""

    def __init__(self) -> None:
        self.ds = Dataset()
        self.n = 0

    def add(
        self,
        cls: URIRef,
        doc: str,
        quote: str,
        subject: URIRef | None,
        *,
        positions: bool = True,
        passage: URIRef | None = None,
        **props: object,
    ) -> URIRef:
        self.n += 1
        g = self.ds.graph(document_graph(doc))
        a = URIRef(f"https://w3id.org/gemeentegraaf/id/bewering/test-{self.n}")
        ev, quote_sel, pos_sel = BNode(), BNode(), BNode()
        g.add((a, RDF.type, cls))
        if subject is not None:
            g.add((a, ORG.member if cls == ORG.Membership else GG.onderwerp, subject))
        g.add((a, GG.bewijs, ev))
        g.add((ev, RDF.type, OA.SpecificResource))
        g.add((ev, OA.hasSource, document_uri(doc)))
        g.add((ev, OA.hasSelector, quote_sel))
        g.add((quote_sel, RDF.type, OA.TextQuoteSelector))
        g.add((quote_sel, OA.exact, Literal(" ".join(quote.split()))))
        if positions:
            start, end = raw_span(doc, quote)
            g.add((ev, OA.hasSelector, pos_sel))
            g.add((pos_sel, RDF.type, OA.TextPositionSelector))
            g.add((pos_sel, OA.start, Literal(start, datatype=XSD.integer)))
            g.add((pos_sel, OA.end, Literal(end, datatype=XSD.integer)))
        if passage is not None:
            g.add((ev, GG.passage, passage))
        for prop, value in props.items():
            g.add((a, _PROPERTIES.get(prop, GG[prop]), _term(value)))
        return a

    def triple(self, doc: str, s: URIRef, p: URIRef, o: object) -> None:
        self.ds.graph(document_graph(doc)).add((s, p, _term(o)))

    def store(self) -> OxigraphStore:
        store = OxigraphStore(None)
        for g in self.ds.graphs():
            if len(g):
                store.load_graph(str(g.identifier), g)
        return store


# Keyword arguments of Facts.add that are not gg: properties.
_PROPERTIES = {"organization": ORG.organization, "value": RDF.value}


def _term(value: object):
    if isinstance(value, URIRef | Literal | BNode):
        return value
    return Literal(value)


NIJMEGEN = municipality_uri("GM0268")
BRONCKHORST = municipality_uri("GM1876")
BREDA = municipality_uri("GM0758")
ALMERE = municipality_uri("GM0034")
AMSTERDAM = municipality_uri("GM0363")
DEN_HAAG = municipality_uri("GM0518")
NIJMEGEN_WONEN = "Nijmegen bouwt negenhonderd huurwoningen extra"
BRONCKHORST_ARMOEDE = "Wel is te lezen dat armoede bestreden wordt"
BRONCKHORST_SCHULDEN = "de gemeente Bronckhorst wordt de aanpak van schulden niet genoemd"


# --- challenges ---------------------------------------------------------------------------


def test_a_challenge_with_subject_theme_and_overlapping_evidence_is_held(tmp_path, dev_gold):
    facts = Facts()
    facts.add(GG.Uitdaging, D2018, NIJMEGEN_WONEN, NIJMEGEN, thema=theme_uri("betaalbaar-wonen"))
    report = evaluate(facts.store(), gold_file(tmp_path, dev_gold, "G0098"))
    assert report.kinds["challenge"].total == 1
    assert report.kinds["challenge"].held == 1
    assert report.kinds["challenge"].recall == 1.0
    assert report.misses == []


def test_a_challenge_with_another_theme_is_a_miss_that_names_the_themes_found(tmp_path, dev_gold):
    facts = Facts()
    facts.add(GG.Uitdaging, D2018, NIJMEGEN_WONEN, NIJMEGEN, thema=theme_uri("mobiliteit"))
    report = evaluate(facts.store(), gold_file(tmp_path, dev_gold, "G0098"))
    assert report.kinds["challenge"].held == 0
    [miss] = report.misses
    assert miss.id == "G0098"
    assert "none matches the object" in miss.reason and "Mobiliteit" in miss.reason
    assert miss.quote.startswith("Nijmegen bouwt negenhonderd huurwoningen")


def test_evidence_elsewhere_in_the_document_does_not_count(tmp_path, dev_gold):
    facts = Facts()
    facts.add(GG.Uitdaging, D2018, BRONCKHORST_ARMOEDE, NIJMEGEN, thema=theme_uri("wonen"))
    report = evaluate(facts.store(), gold_file(tmp_path, dev_gold, "G0098"))
    assert report.kinds["challenge"].held == 0
    assert report.kinds["challenge"].without_evidence == 1
    assert "does not overlap the gold quote" in report.misses[0].reason


def test_evidence_without_offsets_is_compared_by_its_quote(tmp_path, dev_gold):
    facts = Facts()
    facts.add(
        GG.Uitdaging, D2018, NIJMEGEN_WONEN, NIJMEGEN, positions=False, thema=theme_uri("wonen")
    )
    report = evaluate(facts.store(), gold_file(tmp_path, dev_gold, "G0098"))
    assert report.kinds["challenge"].held == 1


def test_a_negated_assertion_does_not_hold_a_challenge(tmp_path, dev_gold):
    facts = Facts()
    facts.add(GG.Uitdaging, D2018, NIJMEGEN_WONEN, NIJMEGEN, thema=theme_uri("wonen"), ontkend=True)
    report = evaluate(facts.store(), gold_file(tmp_path, dev_gold, "G0098"))
    assert report.kinds["challenge"].held == 0


# --- negative facts -----------------------------------------------------------------------


def test_a_negative_fact_is_an_error_only_when_the_graph_asserts_that_theme(tmp_path, dev_gold):
    # Bronckhorst addresses poverty (G0148) but not debt (G0307).
    gold = gold_file(tmp_path, dev_gold, "G0148", "G0307")
    facts = Facts()
    facts.add(GG.Uitdaging, D2018, BRONCKHORST_ARMOEDE, BRONCKHORST, thema=theme_uri("armoede"))
    facts.add(
        GG.Uitdaging,
        D2018,
        BRONCKHORST_SCHULDEN,
        BRONCKHORST,
        thema=theme_uri("schulden"),
        ontkend=True,
    )
    report = evaluate(facts.store(), gold)
    assert report.kinds["challenge"].held == 1
    assert report.negatives == 1
    assert report.violations == []
    assert report.meets(0.85)

    wrong = facts.add(
        GG.Uitdaging, D2018, BRONCKHORST_SCHULDEN, BRONCKHORST, thema=theme_uri("schulden")
    )
    report = evaluate(facts.store(), gold)
    [violation] = report.violations
    assert violation.id == "G0307"
    assert violation.assertion == str(wrong)
    assert "Bronckhorst" in violation.assertion_quote
    assert not report.meets()
    assert "asserted (errors): 1" in report.format()


def test_a_funder_named_in_a_role_may_not_get_any_challenge_from_that_report(tmp_path, dev_gold):
    gold = gold_file(tmp_path, dev_gold, "G0314")  # Breda, one of the 2013 funders
    funders = "Apeldoorn, Breda, Dordrecht"
    facts = Facts()
    facts.add(GG.Rolvermelding, D2013, funders, BREDA, rol="financier")
    facts.add(GG.Uitdaging, D2018, NIJMEGEN_WONEN, BREDA, thema=theme_uri("wonen"))
    assert evaluate(facts.store(), gold).violations == []

    facts.add(GG.Uitdaging, D2013, funders, BREDA, thema=theme_uri("demografie"))
    [violation] = evaluate(facts.store(), gold).violations
    assert violation.subject == "GM0758"


# --- other kinds --------------------------------------------------------------------------


def test_a_membership_needs_evidence_in_the_text(tmp_path, dev_gold):
    gold = gold_file(tmp_path, dev_gold, "G0003")  # Almere in the G40 footnote of 2021
    facts = Facts()
    listed = facts.ds.graph(URIRef("https://w3id.org/gemeentegraaf/graph/reference"))
    membership = URIRef("https://w3id.org/gemeentegraaf/id/lidmaatschap/g40-gm0034-g40-lijst")
    listed.add((membership, RDF.type, ORG.Membership))
    listed.add((membership, ORG.member, ALMERE))
    listed.add((membership, ORG.organization, network_uri("g40")))
    report = evaluate(facts.store(), gold)
    assert report.kinds["membership"].held == 0
    assert report.kinds["membership"].without_evidence == 1
    assert "no evidence" in report.misses[0].reason

    facts.add(ORG.Membership, D2021, "Almere", ALMERE, organization=network_uri("g40"))
    assert evaluate(facts.store(), gold).kinds["membership"].held == 1


@pytest.mark.parametrize("via", ["subject", "section"])
def test_a_bottleneck_is_found_by_the_label_of_its_case(tmp_path, dev_gold, via):
    gold = gold_file(tmp_path, dev_gold, "G0255")
    quote = "Door wantrouwen in de overheid zijn mensen terughoudend"
    case1 = URIRef("https://w3id.org/gemeentegraaf/id/sectie/vng-2023/7")
    case2 = URIRef("https://w3id.org/gemeentegraaf/id/sectie/vng-2023/8")
    table = URIRef("https://w3id.org/gemeentegraaf/id/sectie/vng-2023/7-4")
    passage = URIRef("https://w3id.org/gemeentegraaf/id/passage/vng-2023/p1")
    facts = Facts()
    facts.triple(D2023, case1, RDFS.label, "Casus 1: Ronald en Marijke")
    facts.triple(D2023, case2, RDFS.label, "Casus 2: Gerrit")
    facts.triple(D2023, table, RDFS.label, "Samenvatting knelpunten")
    facts.triple(D2023, table, DCTERMS.isPartOf, case1)
    facts.triple(D2023, passage, DCTERMS.isPartOf, table)
    if via == "subject":
        facts.add(
            GG.Knelpunt, D2023, quote, case1, thema=theme_uri("burgerparticipatie-en-vertrouwen")
        )
    else:
        facts.add(GG.Knelpunt, D2023, quote, None, passage=passage)
    assert evaluate(facts.store(), gold).kinds["bottleneck"].held == 1


def test_a_bottleneck_of_another_case_is_a_miss(tmp_path, dev_gold):
    gold = gold_file(tmp_path, dev_gold, "G0255")
    case2 = URIRef("https://w3id.org/gemeentegraaf/id/sectie/vng-2023/8")
    facts = Facts()
    facts.triple(D2023, case2, RDFS.label, "Casus 2: Gerrit")
    facts.add(GG.Knelpunt, D2023, "Door wantrouwen in de overheid zijn mensen", case2)
    assert evaluate(facts.store(), gold).kinds["bottleneck"].held == 0


def test_a_programme_participation_needs_the_right_programme(tmp_path, dev_gold):
    gold = gold_file(tmp_path, dev_gold, "G0237", "G0238")  # Vroeg Eropaf / Schuldenlab070
    sentence = "het voornemen de Vroeg Eropaf-aanpak (in Amsterdam), het Schuldenlab070 (Den Haag)"
    vroeg_eropaf = programme_uri("vroeg-eropaf")
    facts = Facts()
    facts.triple(D2018, vroeg_eropaf, SKOS.prefLabel, Literal("Vroeg Eropaf", lang="nl"))
    facts.add(GG.Deelname, D2018, sentence, AMSTERDAM, programma=vroeg_eropaf)
    facts.add(GG.Deelname, D2018, sentence, DEN_HAAG, programma=vroeg_eropaf)
    report = evaluate(facts.store(), gold)
    assert report.kinds["programme"].held == 1
    assert [m.id for m in report.misses] == ["G0238"]


def test_a_stance_is_held_and_a_different_polarity_is_flagged(tmp_path, dev_gold):
    gold = gold_file(tmp_path, dev_gold, "G0280")  # positive about VVE
    facts = Facts()
    facts.add(
        GG.Standpunt,
        D2017,
        "De G32 is verheugd dat het kabinet 170 miljoen euro uittrekt",
        network_uri("g32"),
        beleid="170 miljoen euro voor vroeg- en voorschoolse educatie",
        houding=GG.Zorg,
    )
    report = evaluate(facts.store(), gold)
    assert report.kinds["stance"].held == 1
    assert any("G0280" in w and "gg:Zorg" in w for w in report.warnings)


def test_a_network_figure_from_a_table_row_is_held_by_its_value(tmp_path, dev_gold):
    gold = gold_file(tmp_path, dev_gold, "G0332")  # "G40 5.059,3 5.433,4 7,4 374,1"
    facts = Facts()
    facts.add(
        GG.Kengetal,
        D2021,
        "G40 5.059,3 5.433,4 7,4 374,1",
        network_uri("g40"),
        grootheid="bevolkingsgroei 2020-2035 (procent)",
        value=Literal("7.4", datatype=XSD.decimal),
    )
    assert evaluate(facts.store(), gold).kinds["network_fact"].held == 1


# --- stores, output, errors ---------------------------------------------------------------


def test_a_store_and_the_store_at_a_path_give_the_same_report(tmp_path, dev_gold):
    gold = gold_file(tmp_path, dev_gold, "G0098", "G0148", "G0307")
    facts = Facts()
    facts.add(GG.Uitdaging, D2018, NIJMEGEN_WONEN, NIJMEGEN, thema=theme_uri("wonen"))
    facts.add(GG.Uitdaging, D2018, BRONCKHORST_SCHULDEN, BRONCKHORST, thema=theme_uri("schulden"))
    on_disk = OxigraphStore(tmp_path / "store")
    for g in facts.ds.graphs():
        if len(g):
            on_disk.load_graph(str(g.identifier), g)
    on_disk.close()
    expected = evaluate(facts.store(), gold).to_dict()
    assert evaluate(tmp_path / "store", gold).to_dict() == expected
    assert expected["kinds"]["challenge"] == {
        "kind": "challenge",
        "total": 2,
        "held": 1,
        # Schulden (asserted) is narrower than "Schulden en armoede": the poverty fact's
        # theme matches, but the evidence is another sentence.
        "without_evidence": 1,
        "recall": 0.5,
    }
    assert expected["negative"] == {"total": 1, "asserted": 1}


def test_the_report_prints_a_table_and_lists_misses_with_their_quote(tmp_path, dev_gold):
    gold = gold_file(tmp_path, dev_gold, "G0098", "G0097")
    facts = Facts()
    facts.add(GG.Uitdaging, D2018, NIJMEGEN_WONEN, NIJMEGEN, thema=theme_uri("wonen"))
    report = evaluate(facts.store(), gold)
    text = report.format()
    assert re.search(r"challenge\s+2\s+1\s+0\.50", text)
    assert "G0097" in text and "Leiden wil deze collegeperiode" in text
    assert json.loads(report.to_json())["misses"][0]["id"] == "G0097"


def test_every_quote_of_the_bundled_gold_file_is_found_at_its_line():
    locator = QuoteLocator()
    for fact in load_gold(DEV_GOLD):
        span = locator.locate(fact.doc, fact.quote, fact.line)
        assert span is not None, fact.id
        raw = (CORPUS_DIR / f"{fact.doc}.txt").read_text(encoding="utf-8")
        assert raw.count("\n", 0, span[0]) + 1 == fact.line, fact.id
        assert " ".join(raw[span[0] : span[1]].split()) == " ".join(fact.quote.split())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "X1"}\n', "missing or empty field(s): doc, kind, subject, object, quote"),
        ("not json\n", ":1: not valid JSON"),
        (
            '{"id": "X", "doc": "d", "kind": "guess", "subject": "GM0363", "object": "o", '
            '"quote": "q"}\n',
            "unknown kind 'guess'",
        ),
        ("\n\n", "holds no gold facts"),
    ],
)
def test_a_bad_gold_file_gives_a_clear_message(tmp_path, content, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFormatError, match=re.escape(message)):
        load_gold(path)
    with pytest.raises(GoldFormatError, match="no gold file"):
        load_gold(tmp_path / "missing.jsonl")


def _cli(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    register_cli(sub, lambda p: p.add_argument("--store", type=Path))
    return parser.parse_args(argv)


def test_the_command_prints_the_report_and_fails_when_a_negative_fact_is_asserted(
    tmp_path, dev_gold, capsys
):
    gold = gold_file(tmp_path, dev_gold, "G0098", "G0307")
    facts = Facts()
    facts.add(GG.Uitdaging, D2018, NIJMEGEN_WONEN, NIJMEGEN, thema=theme_uri("wonen"))
    store = OxigraphStore(tmp_path / "store")
    for g in facts.ds.graphs():
        if len(g):
            store.load_graph(str(g.identifier), g)
    store.close()
    args = _cli(["evaluate", "--store", str(tmp_path / "store"), "--gold", str(gold)])
    assert args.func(args) == 0
    assert "challenge" in capsys.readouterr().out

    store = OxigraphStore(tmp_path / "store")
    facts.add(GG.Uitdaging, D2018, BRONCKHORST_SCHULDEN, BRONCKHORST, thema=theme_uri("schulden"))
    store.replace_graph(str(document_graph(D2018)), facts.ds.graph(document_graph(D2018)))
    store.close()
    args = _cli(["evaluate", "--store", str(tmp_path / "store"), "--gold", str(gold), "--json"])
    assert args.func(args) == 1
    assert json.loads(capsys.readouterr().out)["negative"]["asserted"] == 1


def test_the_command_refuses_a_missing_gold_file_with_a_message(tmp_path):
    from gemeentegraaf.cli.main import CliError

    OxigraphStore(tmp_path / "store").close()
    args = _cli(["evaluate", "--store", str(tmp_path / "store"), "--gold", "nope.jsonl"])
    with pytest.raises(CliError, match="no gold file at nope.jsonl"):
        args.func(args)
