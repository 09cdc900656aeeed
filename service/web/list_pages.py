"""The paged views of the entity pages' lists of facts: /{kind}/{key}/{list}?pagina=N.

/gemeenten/gm0150/uitdagingen?thema=betaalbaar-wonen&pagina=2 is the second page of
Deventer's challenges on that theme; /documenten/{key}/feiten a document's facts in text
order; /themas/{key}/knelpunten a theme's bottlenecks; /documenten/{key}/secties, not a list
of facts, a document's sections. Which lists there are, and which facts each holds,
fact_lists.OWNERS says. Each page shows PAGE_SIZE items and links to the first, previous,
next and last page. An unknown entity or list is a 404, a page number
that is no number a 400, a page past the last a 404, each a page that says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from gemeentegraaf.common.namespaces import BASE
from gemeentegraaf.common.visible import shown
from gemeentegraaf.queries import lookups
from gemeentegraaf.queries import read_model as queries
from gemeentegraaf.queries.sparql_files import QueryInputError, iri_text
from gemeentegraaf.service.dependencies import StoreDep
from gemeentegraaf.service.web import pages
from gemeentegraaf.service.web.fact_lists import DOCUMENT, OWNERS, FactList, Owner, list_page
from gemeentegraaf.service.web.paging import PAGE_SIZE, PageError, Pager, page_number
from gemeentegraaf.store.base import GraphStore

router = APIRouter(tags=["pages"], include_in_schema=False)


def list_view(
    request: Request,
    store: GraphStore,
    owner: Owner,
    key: str,
    slug: str,
    *,
    pagina: str | None,
    thema: str | None,
) -> Response:
    """Page `pagina` of list `slug` of the entity `key` of this kind."""
    uri, title = _entity(store, owner, key)
    if title is None:
        message = f"Onbekend: {shown(key)} staat niet in de graaf. (Unknown.)"
        return pages.not_found(request, message)
    fact_list = owner.fact_list(slug)
    if fact_list is None:
        known = ", ".join(f.slug for f in owner.lists)
        return pages.not_found(
            request, f"De pagina van {title} heeft geen lijst {slug!r}; wel: {known}."
        )
    theme = None
    if thema:
        if not fact_list.by_theme:
            return pages.render(
                request,
                "error.html",
                {"title": "Ongeldig filter", "message": f"De lijst {slug} kent geen thema."},
                400,
            )
        try:
            theme = lookups.theme_uri(store, thema)
        except lookups.LookupFailed as failure:
            return pages.not_found(request, str(failure.detail), failure.status_code)
    selection = fact_list.select(uri, theme)
    try:
        pager, items = list_page(store, selection, pagina, quotes=pages.QUOTES_SHOWN)
    except PageError as error:
        return pages.page_error(request, error)
    return pages.render(
        request,
        "fact_list.html",
        _context(request, owner, fact_list, uri, title, theme, store, pager, items),
    )


def _entity(store: GraphStore, owner: Owner, key: str) -> tuple[str, str | None]:
    """The entity's URI and title (None when the store knows no such entity); keys are
    minted in lower case, codes are written in upper case too (GM0150)."""
    # Only ASCII is folded: str.lower() makes the Kelvin sign a "k", and a key spelled so
    # would answer at an address that is not the entity's.
    for candidate in dict.fromkeys((key, key.lower()) if key.isascii() else (key,)):
        uri = owner.namespace + candidate
        try:
            # Checked before any lookup makes a term of it: rdflib logs a key with a
            # space, a quote or a line break raw, and a client's key could forge log lines.
            iri_text(uri)
            title = owner.title(store, uri)
        except QueryInputError:  # no IRI at all: nothing the store could know
            title = None
        if title is not None:
            return uri, title
    return owner.namespace + key, None


def _context(
    request: Request,
    owner: Owner,
    fact_list: FactList,
    uri: str,
    title: str,
    theme: str | None,
    store: GraphStore,
    pager: Pager,
    items: list[dict[str, Any]],
) -> dict[str, Any]:
    theme_label = queries.labels(store, [theme]).get(theme) if theme else None
    heading = fact_list.heading + (f" · thema {theme_label}" if theme_label else "")
    path = owner.view(uri, fact_list)
    return {
        "title": f"{heading} — {title}",
        "heading": heading,
        "owner_title": title,
        "owner_href": pages.local_href(uri, BASE),
        "list_slug": fact_list.slug,
        "show_subjects": fact_list.show_subjects,
        "items": items,
        "pager": pager,
        "pages": pager.links(path, dict(request.query_params)),
    }


@router.get("/documenten/{key}/secties", response_class=HTMLResponse)
def section_view(
    key: str, request: Request, store: StoreDep, pagina: str | None = None
) -> Response:
    """A page of a document's sections and cases, in document order (a report can have as
    many as it has headings: thousands)."""
    owner = DOCUMENT
    uri, title = _entity(store, owner, key)
    if title is None:
        return pages.not_found(request, f"Onbekend document: {shown(key)}. (Unknown document.)")
    try:
        number = page_number(pagina)
        if number == 1:  # (the whole list in one query when it fits on the page)
            sections, total = queries.sections_first(store, uri, limit=PAGE_SIZE)
            pager = Pager(1, total)
        else:
            pager = Pager(number, queries.section_count(store, uri))
            pager.check()
            sections = queries.section_page(store, uri, offset=pager.offset, limit=pager.size)
    except PageError as error:
        return pages.page_error(request, error)
    heading = "Inhoud"
    return pages.render(
        request,
        "section_list.html",
        {
            "title": f"{heading} — {title}",
            "heading": heading,
            "owner_title": title,
            "owner_href": pages.local_href(uri, BASE),
            "sections": sections,
            "pager": pager,
            "pages": pager.links(owner.path_of(uri, "secties"), dict(request.query_params)),
        },
    )


def _route(owner: Owner) -> Callable[..., Response]:
    def view(
        key: str,
        lijst: str,
        request: Request,
        store: StoreDep,
        pagina: str | None = None,
        thema: str | None = None,
    ) -> Response:
        return list_view(request, store, owner, key, lijst, pagina=pagina, thema=thema)

    return view


def _entity_route(owner: Owner) -> Callable[..., Response]:
    def entity(key: str, request: Request, store: StoreDep) -> Response:
        # /documenten/KEY is what one guesses from /documenten/KEY/feiten: the page
        # itself is at the entity's URI (/id/document/KEY), where its lists link back.
        uri, title = _entity(store, owner, key)
        if title is None:
            return pages.not_found(request, f"Onbekend: {shown(key)}. (Unknown: {shown(key)}.)")
        return RedirectResponse(pages.local_href(uri, BASE) or uri, status_code=308)

    return entity


for _owner in OWNERS:
    # Theme keys may hold slashes (a report's own chapter themes sit under its key).
    _key = "{key:path}" if _owner.path == "themas" else "{key}"
    # The list route first: /themas/KEY/feiten is a list, not a theme KEY/feiten.
    for _path, _endpoint, _name in (
        (f"/{_owner.path}/{_key}/{{lijst}}", _route(_owner), "list"),
        (f"/{_owner.path}/{_key}", _entity_route(_owner), "entity"),
    ):
        router.add_api_route(
            _path,
            _endpoint,
            methods=["GET"],
            response_class=HTMLResponse,
            name=f"{_owner.path}_{_name}",
        )
