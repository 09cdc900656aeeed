"""An Accept header sent on several lines is one list (RFC 9110 5.3).

An outsider found that only the first line was read: `-H 'Accept: image/png' -H 'Accept:
text/csv'` gave 406 on /sparql, and the same lines the other way round 200 CSV.
"""

from __future__ import annotations

import pytest
from gemeentegraaf.service.negotiation import accept_of
from starlette.datastructures import Headers


class _Request:
    def __init__(self, raw: list[tuple[bytes, bytes]]) -> None:
        self.headers = Headers(raw=raw)


def test_every_accept_line_is_read() -> None:
    request = _Request([(b"accept", b"image/png"), (b"accept", b"text/csv")])
    assert accept_of(request) == "image/png, text/csv"
    assert accept_of(_Request([])) is None


@pytest.mark.parametrize(
    "lines", [["image/png", "text/csv"], ["text/csv", "image/png"]], ids=["csv-second", "csv-first"]
)
def test_the_endpoint_answers_whatever_line_names_its_format(built_client, lines) -> None:
    response = built_client.get(
        "/sparql", params={"query": "ASK {}"}, headers=[("Accept", line) for line in lines]
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")


def test_a_page_is_chosen_by_every_accept_line(built_client) -> None:
    response = built_client.get(
        "/id/gemeente/gm0193", headers=[("Accept", "image/png"), ("Accept", "text/turtle")]
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
