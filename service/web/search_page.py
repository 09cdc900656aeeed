"""`/zoeken`: the search page. One hit the query clearly means opens its page directly."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from gemeentegraaf.common.namespaces import BASE
from gemeentegraaf.queries import search as search_index
from gemeentegraaf.service.dependencies import StoreDep
from gemeentegraaf.service.web.pages import local_href, render

router = APIRouter(tags=["pages"], include_in_schema=False)

KIND_NAMES = {
    "gemeente": "Gemeente",
    "provincie": "Provincie",
    "thema": "Thema",
    "netwerk": "Netwerk",
    "programma": "Programma",
    "document": "Document",
    "knelpunt": "Knelpunt",
    "feit": "Feit",
}


@router.get("/zoeken", response_class=HTMLResponse)
def search_page(
    request: Request, store: StoreDep, q: str = "", soort: str = "", alles: str = ""
) -> Response:
    problem = None
    hits: list[search_index.Hit] = []
    kind = soort or None
    if len(q) > search_index.MAX_QUERY_CHARS:
        problem = f"Een zoekvraag is hoogstens {search_index.MAX_QUERY_CHARS} tekens lang."
    elif kind is not None and kind not in search_index.KINDS:
        problem = f"Onbekende soort {soort!r}; kies uit {', '.join(search_index.KINDS)}."
    elif q.strip():
        hits = search_index.search(store, q, kind, limit=50)
        target = search_index.confident(hits)
        if target is not None and not alles:
            return RedirectResponse(local_href(target.uri, BASE) or "/", status_code=303)
    return render(
        request,
        "search.html",
        {
            "title": f"Zoeken: {q}" if q else "Zoeken",
            "q": q,
            "kind": kind or "",
            "kinds": KIND_NAMES,
            "hits": hits,
            "problem": problem,
        },
        status=422 if problem else 200,
    )
