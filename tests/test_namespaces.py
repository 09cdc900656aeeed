"""Identifier helpers every module shares: CBS codes, keys and prefixes (graph/namespaces.py)."""

from __future__ import annotations

import pytest
from gemeentegraaf.common.namespaces import (
    PREFIXES,
    key_of,
    local_name,
    municipality_uri,
    parse_cbs_code,
    sparql_prefixes,
)


@pytest.mark.parametrize("text", ["GM0363", "gm0363", "Gm0363", "0363", " GM0363 "])
def test_a_cbs_code_is_read_in_every_usual_spelling(text: str) -> None:
    assert parse_cbs_code(text) == "GM0363"


@pytest.mark.parametrize("text", ["Amsterdam", "GM363", "GM12345", "PV27", "", "GM 0363"])
def test_anything_else_is_refused_with_an_example_of_a_code(text: str) -> None:
    with pytest.raises(ValueError, match="GM0363"):
        parse_cbs_code(text)


def test_keys_and_local_names_of_our_uris() -> None:
    uri = str(municipality_uri("GM0363"))
    assert key_of(uri) == "gemeente/gm0363"
    assert key_of(uri, "https://w3id.org/gemeentegraaf/id/gemeente/") == "gm0363"
    assert key_of("https://example.org/gemeente/gm0363") is None
    assert local_name(uri) == "gm0363"
    assert local_name("https://w3id.org/gemeentegraaf/def#Uitdaging") == "Uitdaging"


def test_prefix_lines_come_from_the_one_table() -> None:
    assert sparql_prefixes(["gg", "foaf"]) == (
        f"PREFIX gg: <{PREFIXES['gg']}>\nPREFIX foaf: <{PREFIXES['foaf']}>\n"
    )
    assert {"foaf", "sd", "vann"} <= set(PREFIXES)
