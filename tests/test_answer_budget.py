"""Answers a client has not read count against its budget (issue 10: bounded memory).

An outside probe made the main process hold about 31 MiB per connection that sent a
big query and never read the answer, 1.5 GiB a minute without end.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from gemeentegraaf.service.sparql.answer_budget import (
    CHUNK,
    MIB,
    UNCOUNTED,
    AnswerBudget,
    HeldResponse,
)

from tests.sparql_helpers import make_client, make_store

SCOPE = {"type": "http", "method": "GET", "path": "/sparql", "headers": []}


def test_a_client_past_its_unread_bytes_is_refused_and_the_service_past_its_total() -> None:
    budget = AnswerBudget(per_client=10 * MIB, total=15 * MIB)
    assert budget.refusal("a") is None
    budget.hold("a", 10 * MIB)
    status, message = budget.refusal("a")  # type: ignore[misc]
    assert status == 429 and "not read yet" in message
    assert budget.refusal("b") is None  # another client still may
    budget.hold("b", 5 * MIB)
    assert budget.refusal("c") is not None and budget.refusal("c")[0] == 503  # type: ignore[index]
    budget.release("a", 10 * MIB)
    budget.release("b", 5 * MIB)
    assert budget.refusal("a") is None and budget.held("a") == 0


def test_an_answer_counts_until_the_client_has_read_all_but_its_last_chunk() -> None:
    budget = AnswerBudget()
    body = bytes(range(256)) * (3 * CHUNK // 256 + 7)
    response = HeldResponse(budget, "a", body, media_type="application/octet-stream")
    sent: list[dict] = []
    reading = asyncio.Event()
    held_while_blocked: list[int] = []

    async def send(message: dict) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and message["more_body"]:
            held_while_blocked.append(budget.held("a"))
            await reading.wait()  # the client reads slowly: the server waits

    async def scenario() -> None:
        task = asyncio.create_task(response(SCOPE, _never, send))
        await asyncio.sleep(0.05)
        assert budget.held("a") == len(body) and not task.done()
        reading.set()
        await task

    asyncio.run(scenario())
    assert budget.held("a") == 0
    chunks = [m for m in sent if m["type"] == "http.response.body"]
    assert len(chunks) == 4 and b"".join(m["body"] for m in chunks) == body
    assert [m["more_body"] for m in chunks] == [True, True, True, False]
    assert held_while_blocked and all(n == len(body) for n in held_while_blocked)
    start = sent[0]
    assert start["status"] == 200
    assert (b"content-length", str(len(body)).encode()) in start["headers"]


def test_a_small_answer_is_sent_whole_and_not_counted() -> None:
    budget = AnswerBudget()
    body = b"x" * (UNCOUNTED - 1)
    response = HeldResponse(budget, "a", body)
    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)
        assert budget.held("a") == 0

    asyncio.run(response(SCOPE, _never, send))
    assert [m.get("body") for m in sent if m["type"] == "http.response.body"] == [body]


@pytest.mark.parametrize("failure", [ConnectionResetError, asyncio.CancelledError])
def test_the_budget_is_given_back_when_sending_fails(failure: type[BaseException]) -> None:
    budget = AnswerBudget()
    response = HeldResponse(budget, "a", b"y" * (2 * CHUNK))

    async def send(message: dict) -> None:
        if message["type"] == "http.response.body":
            raise failure()

    with pytest.raises(failure):
        asyncio.run(response(SCOPE, _never, send))
    assert budget.held("a") == 0


async def _never() -> dict:
    raise AssertionError("the response does not read the request")


def test_the_endpoint_refuses_a_client_whose_answers_are_unread(tmp_path: Path) -> None:
    with make_client(make_store(tmp_path / "store")) as client:
        answers: AnswerBudget = client.app.state.sparql.answers
        answers.hold("testclient", answers.per_client)
        refused = client.get("/sparql", params={"query": "ASK {}"})
        assert refused.status_code == 429 and refused.headers["retry-after"] == "5"
        assert "not read yet" in refused.text
        answers.release("testclient", answers.per_client)
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200
