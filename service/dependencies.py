"""What a handler is given: the settings and the store, as FastAPI dependencies.

`create_app` keeps the settings on the app and its lifespan opens the store
(gemeentegraaf.service.app). Handlers name what they need by its alias
(`store: StoreDep`, `settings: SettingsDep`); a test can hand them something
else through `app.dependency_overrides[get_store]`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from gemeentegraaf.service.settings import Settings
from gemeentegraaf.store.oxigraph import OxigraphStore


class NotStarted(RuntimeError):
    """A request reached the app before its lifespan opened the store."""


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_store(request: Request) -> OxigraphStore:
    store = getattr(request.app.state, "store", None)
    if store is None:
        # A programming error, not a user's: say how to start the app properly.
        raise NotStarted(
            "the store is opened by the app's lifespan: run the app under a server, "
            "or use `with TestClient(app)`"
        )
    return store


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[OxigraphStore, Depends(get_store)]
