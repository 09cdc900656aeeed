"""Valid values for what the OpenAPI document can only name (see tests/openapi_contract.py)."""

from __future__ import annotations


def register() -> None:
    """Teach Schemathesis the grammars behind the document's custom formats and media types."""
