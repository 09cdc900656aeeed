"""An ill-typed literal read by rdflib is logged in one line, not with a traceback."""

from __future__ import annotations

import logging

import gemeentegraaf  # noqa: F401  (installs the filter, as every process of the project does)
import pytest
from rdflib import Literal
from rdflib.namespace import XSD


def test_an_ill_typed_literal_is_one_log_line(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="rdflib.term"):
        literal = Literal("x", datatype=XSD.integer)
    assert literal.ill_typed
    (record,) = [r for r in caplog.records if r.name == "rdflib.term"]
    assert record.exc_info is None
    assert "Failed to convert Literal" in record.getMessage()
    assert "invalid literal for int()" in record.getMessage()
    assert "Traceback" not in caplog.text


def test_other_rdflib_warnings_keep_their_form(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="rdflib.term"):
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("rdflib.term").warning("something else", exc_info=True)
    (record,) = [r for r in caplog.records if r.name == "rdflib.term"]
    assert record.exc_info is not None
