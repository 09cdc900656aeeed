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

import anyio.to_thread
from fastapi import Depends, Request
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.store.base import GraphStore
from gemeentegraaf.store.read_view import ReadView, ReadViews

# Where a request's view is kept (in the ASGI scope's state, so middleware can set it).
VIEW_KEY = "read_view"


class NotStarted(RuntimeError):
    """A request reached the app before its lifespan opened the store."""


# The dependencies below are coroutines, though they do not wait for anything: FastAPI
# runs a plain function dependency in its thread pool, and on the path of a query
# those hops between threads cost more than answering the query.


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


async def get_settings(request: Request) -> Settings:
    return settings_of(request)


def get_views(request: Request) -> ReadViews:
    views = getattr(request.app.state, "views", None)
    if views is None:
        # A programming error, not a user's: say how to start the app properly.
        raise NotStarted(
            "the store is opened by the app's lifespan: run the app under a server, "
            "or use `with TestClient(app)`"
        )
    return views


def view_of(request: Request) -> ReadView:
    """The view this request answers from (taken once, when the request started)."""
    view = request.scope.get("state", {}).get(VIEW_KEY)
    if view is None:
        view = get_views(request).current()
        request.scope.setdefault("state", {})[VIEW_KEY] = view
    return view


def store_of(request: Request) -> GraphStore:
    """The store to read from: the request's view (an in-memory copy, or a store server)."""
    return view_of(request).store


async def get_view(request: Request) -> ReadView:
    view = request.scope.get("state", {}).get(VIEW_KEY)
    if view is None and not get_views(request).embedded:
        # Outside ConditionalRequests (which takes the view for every request it sees), a
        # store server is asked for its version over the network: not on the event loop.
        return await anyio.to_thread.run_sync(view_of, request)
    return view_of(request)


async def get_store(request: Request) -> GraphStore:
    return (await get_view(request)).store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
ViewDep = Annotated[ReadView, Depends(get_view)]
