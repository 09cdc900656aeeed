"""The query mix of tests/bench_compare.py: the project's vocabulary, every kind of work.

Each query names its kind (lookup, aggregate, text, join, path, construct,
describe) so that the report can say where a target is slow. The heavy queries
of the isolation run are bounded on purpose: a COUNT over a cartesian product
is CPU only, and the ORDER BY sorts a few hundred thousand rows (a few hundred
MB), so that eight at once cannot exhaust a shared machine's memory.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFIXES = """\
PREFIX gg: <https://w3id.org/gemeentegraaf/def#>
PREFIX tooiont: <https://identifier.overheid.nl/tooi/def/ont/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

ID = "https://w3id.org/gemeentegraaf/id/"
AMSTERDAM = f"<{ID}gemeente/gm0363>"
ZWOLLE = f"<{ID}gemeente/gm0193>"
G40 = f"<{ID}netwerk/g40>"
VNG_2023 = f"<{ID}document/vng-stand-van-de-uitvoering-2023>"

JSON = "application/sparql-results+json"
TURTLE = "text/turtle"

# Rejected assertions do not count, as in the read model (graph/queries/rq/).
_NOT_REJECTED = """FILTER NOT EXISTS { ?a gg:ontkend true }
  FILTER NOT EXISTS { ?a gg:curatie ?c . FILTER(LCASE(STR(?c)) IN ("verworpen", "rejected")) }"""


@dataclass(frozen=True)
class BenchQuery:
    name: str
    kind: str  # lookup, aggregate, text, join, path, construct, describe
    body: str  # without the PREFIX lines

    @property
    def text(self) -> str:
        return PREFIXES + self.body

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE: decides the Accept header and the count."""
        for word in self.body.split():
            if word.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                return word.upper()
        raise ValueError(f"{self.name}: no query form")

    @property
    def accept(self) -> str:
        return TURTLE if self.form in ("CONSTRUCT", "DESCRIBE") else JSON


QUERIES: tuple[BenchQuery, ...] = (
    BenchQuery(
        "one municipality's triples",
        "lookup",
        f"SELECT ?p ?o WHERE {{ {AMSTERDAM} ?p ?o }}",
    ),
    BenchQuery(
        "municipality by CBS code",
        "lookup",
        """SELECT ?g ?naam ?provincie WHERE {
  ?g gg:cbsCode "GM0599" ; skos:prefLabel ?naam ; tooiont:ligtInProvincie ?provincie }""",
    ),
    BenchQuery(
        "ASK is Amsterdam a municipality", "lookup", f"ASK {{ {AMSTERDAM} a tooiont:Gemeente }}"
    ),
    BenchQuery(
        "G40 members with names",
        "lookup",
        f"""SELECT ?g ?naam WHERE {{
  ?m a org:Membership ; org:organization {G40} ; org:member ?g .
  ?g skos:prefLabel ?naam }} ORDER BY ?naam""",
    ),
    BenchQuery(
        "instances per class",
        "aggregate",
        "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)",
    ),
    BenchQuery(
        "triples per named graph",
        "aggregate",
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    ),
    BenchQuery(
        "themes named by most municipalities",
        "aggregate",
        f"""SELECT ?t ?naam (COUNT(DISTINCT ?m) AS ?n) WHERE {{
  ?a a gg:Uitdaging ; gg:onderwerp ?m ; gg:thema ?t .
  {_NOT_REJECTED}
  ?t skos:prefLabel ?naam . FILTER(LANG(?naam) = "nl")
}} GROUP BY ?t ?naam ORDER BY DESC(?n) ?t LIMIT 25""",
    ),
    BenchQuery(
        "facts per document and class",
        "aggregate",
        """SELECT ?d ?class (COUNT(DISTINCT ?a) AS ?n) WHERE {
  ?a a ?class ; gg:bewijs ?e . ?e oa:hasSource ?d } GROUP BY ?d ?class""",
    ),
    BenchQuery(
        "REGEX over every literal",
        "text",
        """SELECT ?s ?p ?o WHERE {
  ?s ?p ?o FILTER(isLiteral(?o) && REGEX(STR(?o), "woningbouw", "i")) }""",
    ),
    BenchQuery(
        "CONTAINS over every literal",
        "text",
        """SELECT ?s ?p ?o WHERE {
  ?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(LCASE(STR(?o)), "participatiewet")) }""",
    ),
    BenchQuery(
        "quotes about debt, with their fact",
        "text",
        """SELECT ?a ?quote WHERE {
  ?a a gg:Bewering ; gg:bewijs ?e . ?e oa:hasSelector ?s . ?s oa:exact ?quote
  FILTER(CONTAINS(LCASE(?quote), "schuld")) }""",
    ),
    BenchQuery(
        "municipalities naming housing and debt",
        "join",
        f"""SELECT DISTINCT ?m ?naam WHERE {{
  ?a a gg:Uitdaging ; gg:onderwerp ?m ; gg:thema <{ID}thema/betaalbaar-wonen> .
  ?b a gg:Uitdaging ; gg:onderwerp ?m ; gg:thema <{ID}thema/schulden> .
  ?m skos:prefLabel ?naam }} ORDER BY ?naam""",
    ),
    BenchQuery(
        "theme pairs co-mentioned per municipality",
        "join",
        """SELECT ?t1 ?t2 (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?a a gg:Uitdaging ; gg:onderwerp ?m ; gg:thema ?t1 .
  ?b a gg:Uitdaging ; gg:onderwerp ?m ; gg:thema ?t2 .
  FILTER(STR(?t1) < STR(?t2))
} GROUP BY ?t1 ?t2 ORDER BY DESC(?n) ?t1 ?t2 LIMIT 50""",
    ),
    BenchQuery(
        "G40 members with a housing challenge",
        "join",
        f"""SELECT DISTINCT ?m ?naam WHERE {{
  ?lid org:organization {G40} ; org:member ?m . ?m skos:prefLabel ?naam .
  ?a a gg:Uitdaging ; gg:onderwerp ?m ; gg:thema <{ID}thema/betaalbaar-wonen> .
}} ORDER BY ?naam""",
    ),
    BenchQuery(
        "municipalities under a broader theme (broader*)",
        "path",
        f"""SELECT ?m (COUNT(DISTINCT ?a) AS ?n) WHERE {{
  ?a a gg:Uitdaging ; gg:onderwerp ?m ; gg:thema ?t .
  ?t skos:broader* <{ID}thema/demografie> .
}} GROUP BY ?m""",
    ),
    BenchQuery(
        "sections of a report (isPartOf+)",
        "path",
        f"SELECT ?s WHERE {{ ?s a gg:Sectie ; dcterms:isPartOf+ {VNG_2023} }}",
    ),
    BenchQuery(
        "G40 members' provinces (sequence path)",
        "path",
        f"""SELECT DISTINCT ?provincie WHERE {{
  ?lid org:organization {G40} ; org:member/tooiont:ligtInProvincie/skos:prefLabel ?provincie }}""",
    ),
    BenchQuery(
        "CONSTRUCT municipality labels",
        "construct",
        "CONSTRUCT { ?g skos:prefLabel ?l } WHERE { ?g a tooiont:Gemeente ; skos:prefLabel ?l }",
    ),
    BenchQuery(
        "CONSTRUCT Zwolle's facts with quotes",
        "construct",
        f"""CONSTRUCT {{ ?a a ?class ; gg:thema ?t ; oa:exact ?quote }} WHERE {{
  ?a gg:onderwerp {ZWOLLE} ; a ?class ; gg:bewijs ?e .
  OPTIONAL {{ ?a gg:thema ?t }}
  ?e oa:hasSelector ?s . ?s oa:exact ?quote }}""",
    ),
    BenchQuery("DESCRIBE Amsterdam", "describe", f"DESCRIBE {AMSTERDAM}"),
    BenchQuery(
        "DESCRIBE the city networks",
        "describe",
        "DESCRIBE ?n WHERE { ?n a gg:Stedennetwerk }",
    ),
)

# The isolation run: what a client polls while heavy queries run.
ASK_EMPTY = BenchQuery("ASK {}", "lookup", "ASK {}")
CHEAP_LOOKUP = QUERIES[0]

HEAVY_QUERIES: tuple[BenchQuery, ...] = (
    BenchQuery(
        "COUNT over a cartesian product",
        "heavy",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?g a tooiont:Gemeente }",
    ),
    BenchQuery(
        "ORDER BY over a cartesian product",
        "heavy",
        """SELECT ?a ?b WHERE {
  ?a a tooiont:Gemeente ; skos:prefLabel ?l . ?b a tooiont:Gemeente ; skos:prefLabel ?m }
ORDER BY DESC(CONCAT(?l, ?m)) LIMIT 10""",
    ),
)
