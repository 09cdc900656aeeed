"""Service configuration, from arguments or GEMEENTEGRAAF_* environment variables.

pydantic-settings reads and checks the environment; a bad value stops the
service at start-up with one line that names the variable (a SettingsError,
which the command line prints as it prints every UserError).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from gemeentegraaf.common.errors import UserError
from gemeentegraaf.common.namespaces import BASE
from gemeentegraaf.store.oxigraph import DEFAULT_STORE
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "GEMEENTEGRAAF_"

MIB = 1 << 20
GIB = 1 << 30
DEFAULT_MAX_RESPONSE_BYTES = 32 * MIB
_UNITS = {"": 1, "k": 1 << 10, "m": MIB, "g": GIB}
_SIZE = re.compile(r"\s*(\d+)\s*([kmg]?)(?:i?b)?\s*", re.IGNORECASE)
# What an Authorization header can carry as one token: visible ASCII, no white space.
_HEADER_TOKEN = re.compile(r"[!-~]+")
# Settings whose value is a secret: an error names them but never prints their value.
_SECRETS = frozenset({"update_token"})


def available_cores() -> int:
    """The cores this process may run on (a container's cpuset, not the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 2


def default_query_workers(cores: int | None = None) -> int:
    """Fast-lane workers: four per core, eight at least, sixteen at most. More workers
    than cores, because a worker waiting in line is worse than one sharing a core: with
    as many as the cores (and two spares), cheap queries queued behind costlier ones:
    on two cores, under tests/bench_compare.py's load (50 clients), `/sparql`'s p99 was
    570 to 820 ms with four workers and 390 to 470 ms with eight (twelve were no better).
    Only two cores were measured; four per core on more is the same ratio, not a
    measurement. Workers are forked from a template that holds the data, so they share
    its pages; what a query needs besides is bounded per worker (worker_memory)."""
    n = available_cores() if cores is None else cores
    return max(8, min(16, 4 * n))


class SettingsError(UserError):
    """A setting (from the environment or an argument) that the service cannot use."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        # An empty variable (GEMEENTEGRAAF_UPDATE_TOKEN=) means "not set".
        env_ignore_empty=True,
        frozen=True,
    )

    # The store directory (GEMEENTEGRAAF_STORE); given as Settings(store_path=...).
    store: Path = DEFAULT_STORE
    # A SPARQL 1.1 server to use instead of the store directory (GEMEENTEGRAAF_STORE_URL).
    store_url: str | None = None
    # Seconds before a SPARQL query is stopped (503).
    query_timeout: float = Field(30.0, gt=0, allow_inf_nan=False)
    # Most rows a SELECT returns; the answer says so when it is cut.
    max_rows: int = Field(100_000, gt=0)
    # Largest SPARQL query or update text, in UTF-8 bytes (413/414 above it, before
    # anything parses it). Hand-written and generated queries stay far below 1 MiB,
    # and within the engine's limits (sparql_text) a longer text is mostly data,
    # which the Graph Store Protocol takes (up to its 64 MiB body cap).
    max_query_bytes: int = Field(1024 * 1024, gt=0)
    # Most bytes in a query's answer (SELECT, CONSTRUCT, DESCRIBE), "32MiB" and the
    # like accepted; the answer says so when it is cut, as for max_rows.
    max_response_bytes: int = Field(DEFAULT_MAX_RESPONSE_BYTES, ge=4096)
    # Query workers in the fast lane, where every query starts (at normal priority).
    query_workers: int = Field(default_factory=default_query_workers, gt=0)
    # CPU seconds a query may use in the fast lane before it is moved to the slow
    # lane (its worker reniced, a spare taking its place).
    query_time_share: float = Field(0.25, gt=0, allow_inf_nan=False)
    # Queries at once in the slow lane: in all (past it, 503) and per client
    # address (past it, 429); both answers say when to try again (Retry-After).
    slow_queries: int = Field(4, gt=0)
    slow_queries_per_client: int = Field(2, gt=0)
    # How often (seconds) the interpreter hands its lock from thread to thread
    # (sys.setswitchinterval) while the service runs. Queries that wait for a worker
    # are watched from threads; at Python's 5 ms a thread that has a worker's answer
    # ready waits for the event loop thread that long each time, and the worker with
    # it: under load that, not the engine, bounded SPARQL throughput.
    thread_switch_interval: float = Field(0.0005, gt=0, le=0.1, allow_inf_nan=False)
    # Resident memory a query worker may use ("1GiB", "512MiB" or bytes): a query
    # that needs more is stopped (507). The worker's data segment is limited too.
    worker_memory: int = Field(GIB, ge=64 * MIB)
    # The base URL the service is published under (GEMEENTEGRAAF_PUBLIC_BASE), e.g.
    # https://gemeentegraaf.example.nl/: access URLs in the dataset description
    # (SPARQL endpoint, dumps, landing page) are built on it. Unset, they use the
    # base of the request they answer.
    public_base: str | None = None
    # Updates and the Graph Store Protocol are enabled only with a token.
    update_token: str | None = Field(None, repr=False)  # a secret: kept out of logs
    # Versions kept before writes that remove data (`gemeentegraaf restore`): at most
    # this many (GEMEENTEGRAAF_VERSIONS_KEEP) and none older than this many days
    # (GEMEENTEGRAAF_VERSIONS_DAYS).
    versions_keep: int = Field(100, gt=0)
    versions_days: float = Field(90.0, gt=0, allow_inf_nan=False)
    # Days the write log keeps an Idempotency-Key's outcome (GEMEENTEGRAAF_WRITE_LOG_DAYS).
    write_log_days: float = Field(30.0, gt=0, allow_inf_nan=False)

    def __init__(self, store_path: Path | str | None = None, **values: object) -> None:
        if store_path is not None:
            values["store"] = store_path
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise SettingsError(_one_line(exc)) from None

    @field_validator("update_token")
    @classmethod
    def _blank_is_no_token(cls, token: str | None) -> str | None:
        # A blank token would enable writes that no request can authorise.
        if not token or not token.strip():
            return None
        # Nor could one that no Authorization header can carry: a header holds visible
        # ASCII, and a space would make the token two words of the header.
        if not _HEADER_TOKEN.fullmatch(token):
            raise ValueError(
                "must be visible ASCII characters with no spaces (what an "
                "'Authorization: Bearer <token>' header can carry)"
            )
        return token

    @field_validator("max_response_bytes", "worker_memory", mode="before")
    @classmethod
    def _size(cls, value: object) -> object:
        # "1GiB", "512 MiB", "32M", "4096": binary units, as the documentation states them.
        if isinstance(value, str):
            match = _SIZE.fullmatch(value)
            if match is None:
                raise ValueError("must be a number of bytes, optionally with KiB, MiB or GiB")
            return int(match.group(1)) * _UNITS[match.group(2).lower()]
        return value

    @field_validator("public_base")
    @classmethod
    def _absolute_base(cls, base: str | None) -> str | None:
        if base is None or not base.strip():
            return None
        base = base.strip()
        scheme, _, rest = base.partition("://")
        if scheme not in ("http", "https") or not rest or any(c in base for c in ' ?#<>"{}'):
            raise ValueError("must be an absolute http(s) URL without query or fragment")
        return base if base.endswith("/") else base + "/"

    def access_base(self, request_base: str) -> str:
        """Where access URLs start: the public base when set, else the request's base."""
        return self.public_base or request_base

    @property
    def context_url(self) -> str:
        """The JSON-LD context's URL: under the published base (the URI base when no
        public base is set), never the request's host."""
        return (self.public_base or BASE) + "context.jsonld"

    @property
    def store_path(self) -> Path:
        return self.store

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


def _one_line(exc: ValidationError) -> str:
    """`GEMEENTEGRAAF_MAX_ROWS='lots': input should be a valid integer, ...` and the like."""
    problems = []
    for error in exc.errors():
        name = ENV_PREFIX + (str(error["loc"][0]).upper() if error["loc"] else "")
        reason = error["msg"].removeprefix("Value error, ")
        reason = reason[:1].lower() + reason[1:]
        field = str(error["loc"][0]) if error["loc"] else ""
        value = "<hidden>" if field in _SECRETS else repr(error.get("input"))
        problems.append(f"{name}={value}: {reason}")
    return "; ".join(problems)
