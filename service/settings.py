"""Service configuration, from arguments or GEMEENTEGRAAF_* environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from graph.namespaces import BASE
from graph.store import default_store_path


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


@dataclass(frozen=True)
class Settings:
    store_path: Path = field(default_factory=default_store_path)
    # URIs are minted under BASE; the service serves them at its own /id/… paths.
    base_uri: str = field(default_factory=lambda: os.environ.get("GEMEENTEGRAAF_BASE", BASE))
    query_timeout: float = field(
        default_factory=lambda: _env_float("GEMEENTEGRAAF_QUERY_TIMEOUT", 30.0)
    )
    # Most rows a SELECT returns; the answer says so when it is cut.
    max_rows: int = field(
        default_factory=lambda: int(os.environ.get("GEMEENTEGRAAF_MAX_ROWS", "100000"))
    )
    # Updates and the Graph Store Protocol are enabled only with a token.
    update_token: str | None = field(
        default_factory=lambda: os.environ.get("GEMEENTEGRAAF_UPDATE_TOKEN") or None
    )

    @property
    def updates_enabled(self) -> bool:
        return self.update_token is not None
