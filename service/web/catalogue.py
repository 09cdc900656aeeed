"""The dataset's DCAT description: a catalogue, the dataset, its distributions and its service.

Written for DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 (tests/test_dcat.py validates the
output against both shape sets). Two things the shapes look at shape what is here:

- every value carries its class (a licence is a dct:LicenseDocument, a theme a
  skos:Concept, ...), because the range shapes check `sh:class` and a portal
  does not do RDFS inference;
- every EU vocabulary term used says which scheme it is in and what it is
  called, the facts a validator would otherwise fetch with owl:imports.

URIs of things (catalogue, dataset, organisations) are minted under BASE; the
URLs where something can be fetched (endpoint, dumps, pages) under the
published base (the `public_base` setting), never under whatever host a
request happened to use.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gemeentegraaf.common.namespaces import SD
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, VOID, XSD

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
ADMS_LICENCE_TYPE = "http://purl.org/adms/licencetype/"

# The data licence. DCAT-AP-NL requires a Creative Commons licence and names it by its
# deed.nl URI; the code's licence (EUPL) is another matter.
DATA_LICENCE = URIRef("http://creativecommons.org/licenses/by/4.0/deed.nl")
SPARQL_PROTOCOL = URIRef("http://www.w3.org/TR/sparql11-protocol/")

# Scheme, label and (for the schemes that must be typed) title of each EU/ADMS term used.
_SCHEMES: dict[str, tuple[str, str]] = {
    "data-theme": (EU + "data-theme", "Data theme"),
    "access-right": (EU + "access-right", "Access right"),
    "language": (EU + "language", "Language"),
    "country": (EU + "country", "Country"),
    "file-type": (EU + "file-type", "File type"),
    "frequency": (EU + "frequency", "Frequency"),
    "planned-availability": (EU + "planned-availability", "Planned availability"),
    "publishertype": (ADMS_PUBLISHER_TYPE + "1.0", "Publisher type"),
    "licencetype": (ADMS_LICENCE_TYPE + "1.0", "Licence type"),
}


@dataclass(frozen=True)
class Term:
    scheme: str  # a key of _SCHEMES
    code: str
    label_nl: str
    label_en: str

    @property
    def uri(self) -> URIRef:
        scheme_uri = _SCHEMES[self.scheme][0]
        if self.scheme in ("publishertype", "licencetype"):
            return URIRef(scheme_uri.rsplit("/", 1)[0] + "/" + self.code)
        return URIRef(f"{scheme_uri}/{self.code}")


GOVE = Term("data-theme", "GOVE", "Overheid en publieke sector", "Government and public sector")
PUBLIC = Term("access-right", "PUBLIC", "Publiek", "Public")
DUTCH = Term("language", "NLD", "Nederlands", "Dutch")
NETHERLANDS = Term("country", "NLD", "Nederland", "Netherlands")
IRREGULAR = Term("frequency", "IRREG", "Onregelmatig", "Irregular")
AVAILABLE = Term("planned-availability", "AVAILABLE", "Beschikbaar", "Available")
SPARQL_QUERY = Term("file-type", "SPARQLQ", "SPARQL-query", "SPARQL query")
SPARQL_RESULTS = Term("file-type", "SPARQLQRES", "SPARQL-resultaten", "SPARQL results")
NON_PROFIT = Term("publishertype", "NonProfitOrganisation", "Non-profitorganisatie", "Non-profit")
ATTRIBUTION = Term("licencetype", "Attribution", "Naamsvermelding", "Attribution")


@dataclass(frozen=True)
class Dump:
    """A whole-dataset download: /dump.trig, /dump.nq."""

    suffix: str
    name: str  # TriG, N-Quads
    media_type: str
    file_type: Term
    spec: str  # the W3C recommendation the format conforms to


@dataclass(frozen=True)
class Source:
    """A report the dataset's facts come from."""

    uri: str
    title: str
    year: int | None


CATALOGUE_TEXTS = {
    "title": ("gemeentegraaf-catalogus", "gemeentegraaf catalogue"),
    "description": (
        "Catalogus van de kennisgraaf over gemeentelijk beleid: de dataset en de "
        "SPARQL-dienst die haar ontsluit.",
        "Catalogue of the knowledge graph of Dutch municipal policy: the dataset and the "
        "SPARQL service that serves it.",
    ),
}

DATASET_TEXTS = {
    "title": ("gemeentegraaf", "gemeentegraaf"),
    "description": (
        "Kennisgraaf over gemeentelijk beleid: de Nederlandse gemeenten (de huidige en de "
        "opgeheven), provincies, stedennetwerken en programma's, en feiten uit openbare "
        "rapporten, elk met het citaat waarop het steunt. De standaardgraaf van het "
        "SPARQL-endpoint is de vereniging van alle benoemde grafen.",
        "A knowledge graph of Dutch municipal policy: the Dutch municipalities (current and "
        "dissolved), provinces, city networks and programmes, and facts from public reports, "
        "each with the quote it rests on. The SPARQL endpoint's default graph is the union of "
        "all named graphs.",
    ),
    "rights": (
        "De gegevens staan onder CC BY 4.0. De citaten komen uit de rapporten van het corpus; "
        "de rechten daarop liggen bij hun uitgevers (Platform31, G32-stedennetwerk, VNG). "
        "Gebruikt als onderzoekscorpus, met bronvermelding.",
        "The data are licensed CC BY 4.0. The quotes come from the reports of the corpus; "
        "their publishers (Platform31, G32 city network, VNG) hold the rights to them. Used "
        "as a research corpus, with attribution.",
    ),
}

SERVICE_TEXTS = {
    "title": ("gemeentegraaf SPARQL-dienst", "gemeentegraaf SPARQL service"),
    "description": (
        "SPARQL 1.1-endpoint over alle grafen van de kennisgraaf; antwoorden als JSON, XML, "
        "CSV, TSV of RDF. Zonder query geeft het endpoint zijn SPARQL-servicebeschrijving.",
        "SPARQL 1.1 endpoint over every graph of the knowledge graph; results as JSON, XML, "
        "CSV, TSV or RDF. Without a query the endpoint returns its SPARQL service description.",
    ),
}

KEYWORDS = (
    ("gemeenten", "nl"),
    ("gemeentelijk beleid", "nl"),
    ("stedennetwerken", "nl"),
    ("kennisgraaf", "nl"),
    ("municipalities", "en"),
    ("local government policy", "en"),
    ("knowledge graph", "en"),
)


def _texts(g: Graph, node: URIRef, texts: dict[str, tuple[str, str]]) -> None:
    for name, (nl, en) in texts.items():
        prop = DCTERMS[name]
        g.add((node, prop, Literal(nl, lang="nl")))
        g.add((node, prop, Literal(en, lang="en")))


def _term(g: Graph, term: Term) -> URIRef:
    scheme_uri, scheme_title = _SCHEMES[term.scheme]
    scheme = URIRef(scheme_uri)
    g.add((term.uri, RDF.type, SKOS.Concept))
    g.add((term.uri, SKOS.inScheme, scheme))
    g.add((term.uri, SKOS.prefLabel, Literal(term.label_nl, lang="nl")))
    g.add((term.uri, SKOS.prefLabel, Literal(term.label_en, lang="en")))
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, DCTERMS.title, Literal(scheme_title, lang="en")))
    return term.uri


def _typed(g: Graph, uri: URIRef, *classes: URIRef) -> URIRef:
    for cls in classes:
        g.add((uri, RDF.type, cls))
    return uri


def temporal_coverage(sources: Iterable[Source]) -> tuple[int, int] | None:
    """The first and last year of the reports, or None when no report gives a year."""
    years = [s.year for s in sources if s.year is not None]
    return (min(years), max(years)) if years else None


def catalogue_uri(base: str) -> str:
    return base + "id/catalogus"


def describe_catalogue(
    g: Graph,
    *,
    base: str,
    public: str,
    dumps: Sequence[Dump],
    sources: Sequence[Source],
) -> URIRef:
    """Add the catalogue, dataset, distributions and service to `g`; return the dataset.

    `base` is the URI base things are named under, `public` the published base URL
    (ending in "/") the access URLs are built from.
    """
    ids = base + "id/"
    catalogue = URIRef(catalogue_uri(base))
    ds = URIRef(ids + "dataset")
    service = URIRef(f"{ds}#sparql")
    project = URIRef(ids + "organisatie/gemeentegraaf")
    contact = URIRef(f"{ds}#contact")
    endpoint = _typed(g, URIRef(public + "sparql"), RDFS.Resource)
    home = _typed(g, URIRef(public), FOAF.Document)
    licence = _typed(g, DATA_LICENCE, DCTERMS.LicenseDocument)
    g.add((licence, DCTERMS.type, _term(g, ATTRIBUTION)))
    g.add((licence, RDFS.label, Literal("CC BY 4.0")))
    dutch = _typed(g, _term(g, DUTCH), DCTERMS.LinguisticSystem)
    netherlands = _typed(g, _term(g, NETHERLANDS), DCTERMS.Location)
    public_access = _typed(g, _term(g, PUBLIC), DCTERMS.RightsStatement)
    theme = _term(g, GOVE)

    # Publisher and creator: the project, an organisation with a type from ADMS.
    _typed(g, project, FOAF.Agent, FOAF.Organization)
    g.add((project, FOAF.name, Literal("gemeentegraaf-project", lang="nl")))
    g.add((project, FOAF.name, Literal("gemeentegraaf project", lang="en")))
    g.add((project, DCTERMS.type, _term(g, NON_PROFIT)))
    g.add((project, FOAF.homepage, home))
    _typed(g, contact, VCARD.Kind, VCARD.Organization)
    g.add((contact, VCARD.fn, Literal("gemeentegraaf-project", lang="nl")))
    g.add((contact, VCARD.hasURL, home))

    def common(node: URIRef) -> None:
        g.add((node, DCTERMS.publisher, project))
        g.add((node, DCTERMS.creator, project))
        g.add((node, DCAT.contactPoint, contact))
        g.add((node, DCTERMS.language, dutch))
        g.add((node, DCTERMS.license, licence))

    # The catalogue a portal harvests.
    _typed(g, catalogue, DCAT.Catalog)
    _texts(g, catalogue, CATALOGUE_TEXTS)
    common(catalogue)
    g.add((catalogue, FOAF.homepage, home))
    g.add((catalogue, DCTERMS.spatial, netherlands))
    g.add((catalogue, DCAT.themeTaxonomy, URIRef(_SCHEMES["data-theme"][0])))
    g.add((catalogue, DCAT.dataset, ds))
    g.add((catalogue, DCAT.service, service))

    # The dataset.
    _typed(g, ds, DCAT.Dataset, VOID.Dataset)
    _texts(g, ds, DATASET_TEXTS)
    common(ds)
    g.add((ds, DCTERMS.identifier, Literal(str(ds))))
    g.add((ds, DCAT.theme, theme))
    g.add((ds, DCTERMS.accessRights, public_access))
    g.add((ds, DCTERMS.spatial, netherlands))
    g.add((ds, DCTERMS.accrualPeriodicity, _typed(g, _term(g, IRREGULAR), DCTERMS.Frequency)))
    for word, lang in KEYWORDS:
        g.add((ds, DCAT.keyword, Literal(word, lang=lang)))
    g.add((ds, DCAT.landingPage, home))
    g.add((ds, DCTERMS.conformsTo, _typed(g, URIRef(base + "def"), DCTERMS.Standard)))
    years = temporal_coverage(sources)
    if years is not None:
        period = BNode()
        g.add((ds, DCTERMS.temporal, _typed(g, period, DCTERMS.PeriodOfTime)))
        g.add((period, DCAT.startDate, Literal(f"{years[0]}-01-01", datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(f"{years[1]}-12-31", datatype=XSD.date)))
    # The reports the facts come from. Not dct:source: DCAT-AP ranges that over datasets.
    for source in sources:
        g.add((ds, PROV.wasDerivedFrom, URIRef(source.uri)))
        g.add((URIRef(source.uri), DCTERMS.title, Literal(source.title, lang="nl")))
    g.add((ds, VOID.sparqlEndpoint, endpoint))

    # Distributions: the dumps and the endpoint.
    for dump in dumps:
        dist = _typed(g, URIRef(f"{ds}#{dump.suffix}"), DCAT.Distribution)
        url = _typed(g, URIRef(public + f"dump.{dump.suffix}"), RDFS.Resource)
        g.add((ds, DCAT.distribution, dist))
        g.add((ds, VOID.dataDump, url))
        g.add((dist, DCTERMS.title, Literal(f"Volledige dump ({dump.name})", lang="nl")))
        g.add((dist, DCTERMS.title, Literal(f"Full dump ({dump.name})", lang="en")))
        g.add(
            (
                dist,
                DCTERMS.description,
                Literal(f"Alle grafen in één {dump.name}-bestand.", lang="nl"),
            )
        )
        g.add((dist, DCAT.accessURL, url))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, _typed(g, URIRef(IANA + dump.media_type), DCTERMS.MediaType)))
        g.add(
            (dist, DCTERMS.format, _typed(g, _term(g, dump.file_type), DCTERMS.MediaTypeOrExtent))
        )
        g.add((dist, DCTERMS.conformsTo, _typed(g, URIRef(dump.spec), DCTERMS.Standard)))
        g.add((dist, DCTERMS.license, licence))
        g.add((dist, DCTERMS.language, dutch))
        g.add((dist, DCATAP.availability, _term(g, AVAILABLE)))
    dist = _typed(g, URIRef(f"{ds}#sparql-distributie"), DCAT.Distribution)
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, DCTERMS.title, Literal("SPARQL 1.1-endpoint", lang="nl")))
    g.add((dist, DCTERMS.title, Literal("SPARQL 1.1 endpoint", lang="en")))
    g.add((dist, DCTERMS.description, Literal("De dataset, te bevragen met SPARQL.", lang="nl")))
    g.add((dist, DCAT.accessURL, endpoint))
    g.add((dist, DCAT.accessService, service))
    g.add((dist, DCTERMS.format, _typed(g, _term(g, SPARQL_QUERY), DCTERMS.MediaTypeOrExtent)))
    g.add((dist, DCTERMS.license, licence))
    g.add((dist, DCTERMS.language, dutch))
    g.add((dist, DCATAP.availability, _term(g, AVAILABLE)))

    # The service.
    _typed(g, service, DCAT.DataService, SD.Service)
    _texts(g, service, SERVICE_TEXTS)
    common(service)
    g.add((service, DCTERMS.identifier, Literal(str(service))))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, SD.endpoint, endpoint))
    # The SPARQL service description is what the endpoint answers to a request without a query.
    g.add((service, DCAT.endpointDescription, endpoint))
    g.add((service, DCAT.servesDataset, ds))
    g.add((service, DCAT.theme, theme))
    g.add((service, DCTERMS.accessRights, public_access))
    g.add((service, DCTERMS.conformsTo, _typed(g, SPARQL_PROTOCOL, DCTERMS.Standard)))
    g.add((service, DCTERMS.format, _typed(g, _term(g, SPARQL_RESULTS), DCTERMS.MediaTypeOrExtent)))
    g.add((service, DCAT.landingPage, _typed(g, URIRef(public + "query"), FOAF.Document)))
    for word in ("SPARQL", "linked data"):
        g.add((service, DCAT.keyword, Literal(word, lang="nl")))
    return ds
