"""Service configuration, from arguments or GEMEENTEGRAAF_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import BASE
from gemeentegraaf.store.oxigraph import default_store_path
from gemeentegraaf.store.remote import default_store_url


def _env_number(name: str, default: float, kind: type = float) -> float:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        number = kind(value)
    except ValueError:
        raise UserError(f"{name} must be a number, not {value!r}") from None
    if number <= 0:
        raise UserError(f"{name} must be more than 0, not {value!r}")
    return number


@dataclass(frozen=True)
class Settings:
    store_path: Path = field(default_factory=default_store_path)
    # A SPARQL server to use instead of the store directory (GEMEENTEGRAAF_STORE_URL).
    store_url: str | None = field(default_factory=default_store_url)
    query_timeout: float = field(
        default_factory=lambda: _env_number("GEMEENTEGRAAF_QUERY_TIMEOUT", 30.0)
    )
    # Most rows a SELECT returns; the answer says so when it is cut.
    max_rows: int = field(
        default_factory=lambda: int(_env_number("GEMEENTEGRAAF_MAX_ROWS", 100000, int))
    )
    # Updates and the Graph Store Protocol are enabled only with a token.
    update_token: str | None = field(
        default_factory=lambda: os.environ.get("GEMEENTEGRAAF_UPDATE_TOKEN") or None
    )

    @property
    def base_uri(self) -> str:
        # The base the store's URIs were minted under; the service serves them
        # at its own /id/… paths, so it is not a setting.
        return BASE

    @property
    def store_location(self) -> str:
        return self.store_url or str(self.store_path)

    @property
    def updates_enabled(self) -> bool:
        return self.update_token is not None
