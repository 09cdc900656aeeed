"""The JSON API under /api: plain JSON with codes, labels and URIs (OpenAPI at /docs).

Errors a user can cause answer with a status and a message in `detail`:
an unknown municipality, theme or network is a 404, a malformed code a 422.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from gemeentegraaf.queries import fact_lists as facts
from gemeentegraaf.queries import lookups
from gemeentegraaf.queries import networks as network_data
from gemeentegraaf.queries import read_model as queries
from gemeentegraaf.service.api.paging import Paging, PagingDep, announce, page
from gemeentegraaf.service.dependencies import StoreDep
from gemeentegraaf.store.oxigraph import GraphStore
from pydantic import BaseModel, Field

router = APIRouter(prefix="/api", tags=["api"])

# Quotes listed per fact in a list of facts (the pages show as many): a fact can have
# thousands (a store from before ingest bounded them, or a write). The fact's own linked
# data (its URI, e.g. as Turtle) has them all; `quotes_left_out` says how many that leaves.
QUOTES_LISTED = 3
_QUOTES_LEFT_OUT = (
    f"Quotes of the fact not listed here (at most {QUOTES_LISTED} are): its linked data "
    "(the assertion's URI, e.g. as Turtle) has them all"
)

# What a code or key may look like (lookups.py); another value is a 422 before a handler runs.
Code = Annotated[
    str, Path(pattern=lookups.CBS_CODE_PATTERN, description="CBS code: GM0363, gm0363 or 0363")
]
NetworkKey = Annotated[str, Path(pattern=lookups.KEY_PATTERN, examples=["g40"])]
ThemeKey = Annotated[str, Path(pattern=lookups.THEME_KEY_PATTERN, examples=["wonen"])]
# The programme kinds as named, or in lower case.
ProgrammeKind = Literal[  # type: ignore[valid-type]
    tuple(dict.fromkeys([*queries.PROGRAMME_KINDS, *(k.lower() for k in queries.PROGRAMME_KINDS)]))
]


@router.get("", include_in_schema=False)
@router.get("/", include_in_schema=False)
async def api_index(request: Request) -> Response:
    """/api itself lists nothing: the API's description is at /docs."""
    docs = request.scope.get("root_path", "") + "/docs"
    return Response(status_code=307, headers={"Location": docs})


# ---------------------------------------------------------------------------
# Response models
# ---------------------------------------------------------------------------


class Ref(BaseModel):
    """A linked resource: its URI, key (where it has one) and label."""

    uri: str | None = Field(None, description="The resource's URI (dereferenceable)")
    id: str | None = Field(None, description="Key within its kind, e.g. `wonen` or `g40`")
    label: str


class ProvinceRef(BaseModel):
    code: str = Field(..., examples=["PV27"])
    name: str = Field(..., examples=["Noord-Holland"])
    uri: str


class MunicipalityRef(BaseModel):
    code: str = Field(..., examples=["GM0363"])
    name: str = Field(..., examples=["Amsterdam"])
    uri: str


class Municipality(BaseModel):
    code: str = Field(..., description="CBS code", examples=["GM0363"])
    name: str = Field(..., examples=["Amsterdam"])
    uri: str = Field(..., examples=["https://w3id.org/gemeentegraaf/id/gemeente/gm0363"])
    current: bool = Field(..., description="False for a dissolved municipality")
    province: ProvinceRef | None = None
    begin: str | None = Field(None, description="Start date (TOOI), YYYY-MM-DD")
    end: str | None = Field(None, description="End date of a dissolved municipality")
    population: int | None = Field(None, description="Inhabitants (CBS, latest figure)")
    urbanity: int | None = Field(None, description="CBS urbanity class, 1 (very urban) to 5")


class NetworkRef(BaseModel):
    id: str = Field(..., examples=["g40"])
    name: str
    uri: str


class Membership(BaseModel):
    network: NetworkRef
    membership: str = Field(..., description="URI of the org:Membership")
    attested: str | None = Field(None, description="Date on which the source says it holds")
    begin: str | None = None
    end: str | None = None
    derived_from: str | None = Field(None, description="The passage or source file")
    source: str | None = Field(None, description="URL of the source")


class ProgrammeRef(BaseModel):
    id: str
    name: str
    uri: str
    kind: str = Field(..., description="CityDeal, RegioDeal, NationaalProgramma, Fonds, Wet, ...")


class MunicipalityDetail(Municipality):
    same_as: list[str] = Field(default_factory=list, description="TOOI identifier(s)")
    successors: list[MunicipalityRef] = Field(
        default_factory=list, description="Municipalities a dissolved one became part of"
    )
    predecessors: list[MunicipalityRef] = Field(default_factory=list)
    networks: list[Membership] = Field(default_factory=list)
    programmes: list[ProgrammeRef] = Field(default_factory=list)
    challenges: str = Field(..., description="URL of this municipality's challenges")


class Evidence(BaseModel):
    """Where a fact comes from: a quote in a document, with character offsets."""

    document: str | None = Field(None, description="URI of the document")
    document_key: str | None = None
    document_title: str | None = None
    year: int | None = None
    quote: str | None = Field(None, description="The exact text (oa:exact)")
    prefix: str | None = None
    suffix: str | None = None
    start: int | None = Field(None, description="Start offset in the source file")
    end: int | None = None
    passage: str | None = Field(None, description="URI of the passage")


class ChallengeEvidence(Evidence):
    assertion: str = Field(..., description="URI of the gg:Uitdaging assertion")
    relation: Ref | None = Field(None, description="faces / prioritises / acts on")
    method: str | None = Field(None, description="The extraction rule or curation")
    quotes_left_out: int = Field(0, description=_QUOTES_LEFT_OUT)


class ThemeChallenge(BaseModel):
    theme: Ref
    relations: list[Ref] = Field(default_factory=list)
    evidence: list[ChallengeEvidence]


class Challenges(BaseModel):
    municipality: MunicipalityRef
    challenges: list[ThemeChallenge] = Field(
        ..., description="Themes the municipality faces, prioritises or acts on"
    )
    negated: list[ThemeChallenge] = Field(
        ..., description="Themes the texts say it does NOT address (never challenges)"
    )
    challenges_total: int | None = Field(
        None, description="Challenge facts in all (this answer lists a page of them)"
    )
    negated_total: int | None = Field(None, description="Negated challenge facts in all")


class Theme(BaseModel):
    id: str = Field(..., examples=["wonen"])
    label: str = Field(..., description="Dutch preferred label")
    label_en: str | None = None
    uri: str
    broader: str | None = Field(None, description="id of the broader theme")
    definition: str | None = None
    municipalities: int = Field(
        ..., description="Municipalities with this (or a narrower) challenge"
    )


class ThemeMunicipality(MunicipalityRef):
    assertions: int = Field(..., description="Challenge assertions on the theme")
    documents: int = Field(..., description="Documents they come from")
    themes: list[str] = Field(..., description="The theme ids named (the theme or narrower ones)")


class ThemeMunicipalities(BaseModel):
    theme: Ref
    municipalities: list[ThemeMunicipality]


class Network(BaseModel):
    id: str = Field(..., examples=["g40"])
    notation: str | None = Field(None, examples=["G40"])
    name: str
    uri: str
    comment: str | None = None
    replaced_by: str | None = Field(None, description="id of the network that succeeded it")
    replaces: str | None = None
    members_recorded: int = Field(..., description="Municipalities with any recorded membership")
    member_list_complete: bool


class Member(MunicipalityRef):
    membership: str = Field(..., description="URI of the org:Membership")
    attested: str | None = Field(None, description="Date of the member list it comes from")
    begin: str | None = None
    end: str | None = None
    derived_from: str | None = Field(None, description="The passage or source file")
    sources: list[str] = Field(default_factory=list, description="URLs of the sources")


class NetworkMembers(BaseModel):
    network: NetworkRef
    date: str | None = Field(
        None, description="The date asked for; null when all recorded memberships are listed"
    )
    members: list[Member]


class Participant(BaseModel):
    code: str | None = None
    name: str
    uri: str
    from_reference: bool = Field(..., description="Named by a reference source (not a text)")
    assertions: list[str] = Field(
        default_factory=list,
        description=(
            f"gg:Deelname assertions that texts make: the first {queries.PARTICIPATIONS_LISTED} "
            "by URI (`assertions_total` counts them all)"
        ),
    )
    assertions_total: int = Field(0, description="gg:Deelname assertions texts make, in all")


class Programme(BaseModel):
    id: str
    name: str
    uri: str
    kind: str
    type: str | None = None
    tranche: str | None = None
    date: str | None = None
    contribution_million_eur: float | None = None
    participant_list_complete: bool
    participants: list[Participant]


class Bottleneck(BaseModel):
    uri: str
    label: str | None = None
    themes: list[Ref]
    laws: list[Ref] = Field(..., description="Laws and schemes involved")
    organisations: list[Ref] = Field(..., description="Organisations involved")
    subjects: list[Ref] = Field(..., description="Case, municipality or network concerned")
    negated: bool = False
    evidence: list[Evidence]
    quotes_left_out: int = Field(0, description=_QUOTES_LEFT_OUT)


class Document(BaseModel):
    key: str = Field(..., examples=["platform31-analyse-coalitieakkoorden-2018"])
    uri: str
    title: str
    publisher: str | None = None
    date: str | None = None
    year: int | None = None
    kind: str | None = None
    file: str | None = None
    graph: str = Field(..., description="The named graph holding the document")
    genre: str | None = Field(None, description="The genre profile its text was read with")
    speaker: str | None = Field(
        None, description="Who speaks in it: the municipality or network that 'we' is"
    )
    speaker_uri: str | None = None
    facts: dict[str, int] = Field(..., description="Assertions resting on it, per kind")


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _municipality_ref(m: dict[str, Any]) -> MunicipalityRef:
    return MunicipalityRef(code=m["code"], name=m["name"], uri=m["uri"])


def _ref(r: dict[str, Any] | None) -> Ref | None:
    return None if r is None else Ref(uri=r.get("uri"), id=r.get("id"), label=r["label"])


# ---------------------------------------------------------------------------
# Municipalities
# ---------------------------------------------------------------------------


@router.get(
    "/municipalities",
    response_model=list[Municipality],
    summary="Municipalities, filtered by network, province, theme or current/dissolved",
)
def list_municipalities(
    store: StoreDep,
    request: Request,
    response: Response,
    paging: PagingDep,
    network: Annotated[
        str | None,
        Query(description="Network id, e.g. `G40` (any membership)", pattern=lookups.KEY_PATTERN),
    ] = None,
    province: Annotated[str | None, Query(description="Province code (`PV27`) or name")] = None,
    theme: Annotated[
        str | None,
        Query(
            description="Theme id, e.g. `wonen` (with narrower)", pattern=lookups.THEME_KEY_PATTERN
        ),
    ] = None,
    current: Annotated[
        bool | None,
        Query(description="true: current; false: dissolved. Default: current only"),
    ] = None,
    include_dissolved: Annotated[
        bool, Query(description="true: dissolved municipalities too (when `current` is not given)")
    ] = False,
    q: Annotated[str | None, Query(description="Part of the name", max_length=100)] = None,
) -> list[dict[str, Any]]:
    # The 342 current municipalities by default; the dissolved ones are a parameter away.
    if current is None and not include_dissolved:
        current = True
    found = queries.municipalities(
        store,
        network=lookups.network(store, network)["uri"] if network else None,
        province=lookups.province_uri(store, province) if province else None,
        theme=lookups.theme_uri(store, theme) if theme else None,
        current=current,
        text=q or None,
    )
    return page(found, paging, request, response)


@router.get(
    "/municipalities/{code}",
    response_model=MunicipalityDetail,
    summary="One municipality by CBS code (GM0363, case-insensitive)",
)
def get_municipality(code: Code, request: Request, store: StoreDep) -> dict[str, Any]:
    record = lookups.municipality(store, code)
    memberships = queries.municipality_networks(store, record["uri"])
    programmes = queries.programmes(store, participant=record["uri"], participants=False)
    return {
        **record,
        "networks": memberships,
        "programmes": [
            {"id": p["id"], "name": p["name"], "uri": p["uri"], "kind": p["kind"]}
            for p in programmes
        ],
        "challenges": str(request.url_for("municipality_challenges", code=record["code"])),
    }


@router.get(
    "/municipalities/{code}/challenges",
    response_model=Challenges,
    name="municipality_challenges",
    summary="The themes a municipality faces, prioritises or acts on, with their evidence",
    description=(
        "The municipality's challenge facts, grouped by theme, a page at a time: `limit` and "
        "`offset` count facts, the challenges first and then the negated ones (the totals are "
        "`challenges_total` and `negated_total`, and `X-Total-Count`; `Link` has the other "
        f"pages). Each fact lists at most {QUOTES_LISTED} quotes, the first in its text; "
        "`quotes_left_out` says how many more it has."
    ),
)
def get_challenges(
    code: Code, store: StoreDep, request: Request, response: Response, paging: PagingDep
) -> Challenges:
    record = lookups.municipality(store, code)
    uri = record["uri"]
    # A municipality's facts, read in one query when they are few (nearly always); else
    # its challenges are counted and this page of them read.
    whole = queries.facts_about_first(store, uri, quotes=QUOTES_LISTED)
    if whole is not None:
        found = sorted((a for a in whole if a["kind"] == "Uitdaging"), key=lambda a: a["uri"])
        parts = [[a for a in found if not a["negated"]], [a for a in found if a["negated"]]]
        asserted, negated = len(parts[0]), len(parts[1])
    else:
        counts = facts.kind_counts(store, facts.about(uri, ["Uitdaging"]))
        asserted, negated = counts.get(("Uitdaging", False), 0), counts.get(("Uitdaging", True), 0)
    announce(asserted + negated, paging, request, response)
    # One list of facts, the negated after the others: this page's part of each.
    first = _slice(paging, 0, asserted)
    second = _slice(paging, asserted, negated)
    if whole is not None:
        pages = [
            part[offset : offset + limit]
            for part, (offset, limit) in zip(parts, (first, second), strict=True)
        ]
    else:
        pages = [
            _challenge_page(store, uri, False, *first),
            _challenge_page(store, uri, True, *second),
        ]
    return Challenges(
        municipality=_municipality_ref(record),
        challenges=_by_theme(pages[0]),
        negated=_by_theme(pages[1]),
        challenges_total=asserted,
        negated_total=negated,
    )


def _slice(paging: Paging, start: int, length: int) -> tuple[int, int]:
    """(offset, limit) within a part of a list that starts at `start` and holds `length`
    items, of the page `paging` asks for of the whole list."""
    begin = max(paging.offset, start)
    end = min(paging.offset + paging.limit, start + length)
    return begin - start, max(0, end - begin)


def _challenge_page(
    store: GraphStore, uri: str, negated: bool, offset: int, limit: int
) -> list[dict[str, Any]]:
    if limit == 0:
        return []
    selection = facts.about(uri, ["Uitdaging"], negated=negated)
    return facts.page(store, selection, offset=offset, limit=limit, quotes=QUOTES_LISTED)


def municipality_challenges(store: GraphStore, code: str) -> Challenges:
    """A municipality's themes with all their facts and quotes, negated ones apart (the
    `challenges` command; the API reads them a page at a time)."""
    record = lookups.municipality(store, code)
    found = queries.challenges(store, record["uri"])
    asserted = [a for a in found if not a["negated"]]
    negated = [a for a in found if a["negated"]]
    return Challenges(
        municipality=_municipality_ref(record),
        challenges=_by_theme(asserted),
        negated=_by_theme(negated),
        challenges_total=len(asserted),
        negated_total=len(negated),
    )


def _by_theme(assertions: list[dict[str, Any]]) -> list[ThemeChallenge]:
    out = []
    for entry in queries.group_by_theme(assertions):
        evidence = []
        for a in entry["assertions"]:
            items = a["evidence"] or [{}]
            for e in items:
                evidence.append(
                    ChallengeEvidence(
                        **e,
                        assertion=a["uri"],
                        relation=_ref(a["relation"]),
                        method=a["method"],
                        quotes_left_out=_left_out(a),
                    )
                )
        out.append(
            ThemeChallenge(
                theme=_ref(entry["theme"]),
                relations=[_ref(r) for r in entry["relations"]],
                evidence=evidence,
            )
        )
    return out


def _left_out(fact: dict[str, Any]) -> int:
    return max(0, (fact.get("evidence_total") or 0) - len(fact["evidence"]))


# ---------------------------------------------------------------------------
# Themes
# ---------------------------------------------------------------------------


@router.get("/themes", response_model=list[Theme], summary="The themes (SKOS concepts)")
def list_themes(
    store: StoreDep, request: Request, response: Response, paging: PagingDep
) -> list[dict[str, Any]]:
    return page(queries.themes(store), paging, request, response)


@router.get(
    "/themes/{theme_id:path}/municipalities",
    response_model=ThemeMunicipalities,
    summary="Municipalities with a challenge on the theme (or a narrower one)",
)
def theme_municipalities(theme_id: ThemeKey, store: StoreDep) -> dict[str, Any]:
    uri = lookups.theme_uri(store, theme_id)
    record = queries.theme(store, uri)
    return {
        "theme": {"uri": uri, "id": record["id"], "label": record["label"]},
        "municipalities": queries.theme_municipalities(store, uri),
    }


# ---------------------------------------------------------------------------
# Networks
# ---------------------------------------------------------------------------


@router.get("/networks", response_model=list[Network], summary="The city networks")
def list_networks(
    store: StoreDep, request: Request, response: Response, paging: PagingDep
) -> list[dict[str, Any]]:
    return page(queries.networks(store), paging, request, response)


@router.get(
    "/networks/{network_id}/members",
    response_model=NetworkMembers,
    summary="Members of a network: on a date, or every recorded membership",
    description=(
        "With `date`: the members on that day (the newest member list on or before it, plus "
        "memberships whose start/end contain it). Without: every recorded membership, each "
        "with the date of its list and its source."
    ),
)
def network_members(
    network_id: NetworkKey,
    store: StoreDep,
    day: Annotated[
        str | None,
        Query(
            alias="date",
            description="YYYY-MM-DD",
            pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            json_schema_extra={"format": "date"},
        ),
    ] = None,
) -> dict[str, Any]:
    # A string, not a `date`: pydantic would also take a number of seconds (`date=0`).
    on = _iso_date(day) if day is not None else None
    record = lookups.network(store, network_id)
    key = record["id"]
    if on is None:
        members = network_data.memberships(store, key)
    else:
        members = network_data.members_on(store, key, on)
    sources = queries.membership_sources(store, [m.membership for m in members])
    return {
        "network": {"id": key, "name": record["name"], "uri": record["uri"]},
        "date": on.isoformat() if on else None,
        "members": [
            {
                "code": m.code,
                "name": m.name,
                "uri": m.uri,
                "membership": m.membership,
                "attested": m.attested.isoformat() if m.attested else None,
                "begin": m.begin.isoformat() if m.begin else None,
                "end": m.end.isoformat() if m.end else None,
                "derived_from": m.derived_from,
                "sources": sources.get(m.membership, []),
            }
            for m in members
        ],
    }


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise lookups.LookupFailed(422, f"Ongeldige datum {text!r} (invalid date).") from None


# ---------------------------------------------------------------------------
# Programmes, bottlenecks, documents
# ---------------------------------------------------------------------------


_KINDS_HELP = "Only this kind: CityDeal, RegioDeal, NationaalProgramma, Fonds, Wet"


@router.get(
    "/programmes",
    response_model=list[Programme],
    summary="City Deals, Regio Deals, national programmes, funds and laws",
)
def list_programmes(
    store: StoreDep,
    request: Request,
    response: Response,
    paging: PagingDep,
    kind: Annotated[ProgrammeKind | None, Query(description=_KINDS_HELP)] = None,
) -> list[dict[str, Any]]:
    items = queries.programmes(store)
    if kind:
        known = {k.lower(): k for k in queries.PROGRAMME_KINDS}
        items = [p for p in items if p["kind"] == known[kind.lower()]]
    return page(items, paging, request, response)


@router.get(
    "/bottlenecks",
    response_model=list[Bottleneck],
    summary="Bottlenecks (knelpunten) with their themes, laws, organisations and evidence",
    description=(
        f"A page of the bottlenecks (`limit`, `offset`), by URI. Each lists at most "
        f"{QUOTES_LISTED} quotes, the first in its text; `quotes_left_out` says how many more "
        "it has."
    ),
)
def list_bottlenecks(
    store: StoreDep,
    request: Request,
    response: Response,
    paging: PagingDep,
    theme: Annotated[
        str | None,
        Query(description="Theme id (narrower themes count)", pattern=lookups.THEME_KEY_PATTERN),
    ] = None,
    law: Annotated[
        str | None,
        Query(description="Programme/law id, e.g. `participatiewet`", pattern=lookups.KEY_PATTERN),
    ] = None,
) -> list[dict[str, Any]]:
    law_uri = queries.PROGRAMMA_NS + lookups.key(law, "regeling") if law else None
    selection = facts.of_kind(
        "Knelpunt", theme=lookups.theme_uri(store, theme) if theme else None, law=law_uri
    )
    # The page alone is read from the store (a report can add bottlenecks without end);
    # the first with one query when the list fits on it, counted only when it does not.
    if paging.offset == 0:
        first = facts.first_page(store, selection, limit=paging.limit)
        announce(first.total, paging, request, response)
        found = facts.records_in_order(store, first.iris, QUOTES_LISTED)
        return [{**b, "quotes_left_out": _left_out(b)} for b in found]
    total = facts.count(store, selection)
    announce(total, paging, request, response)
    if paging.offset >= total:
        return []  # (nothing to read; an offset past 2**64 is no query's either)
    found = facts.page(
        store, selection, offset=paging.offset, limit=paging.limit, quotes=QUOTES_LISTED
    )
    return [{**b, "quotes_left_out": _left_out(b)} for b in found]


@router.get("/documents", response_model=list[Document], summary="The documents of the corpus")
def list_documents(
    store: StoreDep, request: Request, response: Response, paging: PagingDep
) -> list[dict[str, Any]]:
    # One per ingested report: the page alone is read from the store (the first with one
    # query when the list fits on it, counted only when it does not).
    if paging.offset == 0:
        docs, total = queries.documents_first(store, limit=paging.limit)
        announce(total, paging, request, response)
        return docs
    total = queries.document_count(store)
    announce(total, paging, request, response)
    if paging.offset >= total:
        return []  # (nothing to read; an offset past 2**64 is no query's either)
    return queries.documents_page(store, offset=paging.offset, limit=paging.limit)
