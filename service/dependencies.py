"""What a handler is given: the settings and the data, as FastAPI dependencies.

`create_app` keeps the settings on the app; its lifespan opens the durable
store and keeps its read views (gemeentegraaf.store.read_view) on
`app.state.views`. Each request takes one view when it starts
(http_cache.ConditionalRequests puts it on `request.state.read_view`, the same
view its ETag names) and every handler of that request reads from it, so one
answer never mixes two versions of the data. Handlers name what they need by
its alias (`store: StoreDep`, `view: ViewDep`, `settings: SettingsDep`); a test
can hand them something else through `app.dependency_overrides[get_store]`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.store.base import GraphStore
from gemeentegraaf.store.read_view import ReadView, ReadViews

# Where a request's view is kept (in the ASGI scope's state, so middleware can set it).
VIEW_KEY = "read_view"


class NotStarted(RuntimeError):
    """A request reached the app before its lifespan opened the store."""


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_views(request: Request) -> ReadViews:
    views = getattr(request.app.state, "views", None)
    if views is None:
        # A programming error, not a user's: say how to start the app properly.
        raise NotStarted(
            "the store is opened by the app's lifespan: run the app under a server, "
            "or use `with TestClient(app)`"
        )
    return views


def get_view(request: Request) -> ReadView:
    """The view this request answers from (taken once, when the request started)."""
    view = request.scope.get("state", {}).get(VIEW_KEY)
    if view is None:
        view = get_views(request).current()
        request.scope.setdefault("state", {})[VIEW_KEY] = view
    return view


def get_store(request: Request) -> GraphStore:
    """The store to read from: the request's view (an in-memory copy, or a store server)."""
    return get_view(request).store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
ViewDep = Annotated[ReadView, Depends(get_view)]
