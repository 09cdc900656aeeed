"""Clients that stop reading lose their connection; downloads are limited in number."""

from __future__ import annotations

from pathlib import Path

import anyio
import pytest
from gemeentegraaf.service import slow_readers
from gemeentegraaf.service.slow_readers import DumpSlots, send_or_drop
from gemeentegraaf.service.sparql.answer_budget import UNCOUNTED, AnswerBudget, HeldResponse

from tests.sparql_helpers import make_client, make_store


class _Stalling:
    """A connection whose client reads the first `taken` messages and then nothing."""

    def __init__(self, taken: int) -> None:
        self.taken = taken
        self.sent: list[dict] = []

    async def __call__(self, message: dict) -> None:
        if len(self.sent) >= self.taken:
            await anyio.sleep_forever()
        self.sent.append(message)


@pytest.fixture
def short_stall(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slow_readers, "STALL_SECONDS", 0.2)


def test_a_message_the_client_does_not_take_in_time_is_dropped(short_stall: None) -> None:
    async def scenario() -> tuple[bool, bool]:
        send = _Stalling(taken=1)
        with anyio.fail_after(5):
            return (
                await send_or_drop(send, {"n": 1}, "c"),
                await send_or_drop(send, {"n": 2}, "c"),
            )

    assert anyio.run(scenario) == (True, False)


def test_an_answer_its_client_stopped_reading_frees_its_budget(short_stall: None) -> None:
    budget = AnswerBudget()
    body = b"x" * (4 * UNCOUNTED + 1)
    send = _Stalling(taken=2)  # the start and the first chunk, then nothing

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def scenario() -> None:
        response = HeldResponse(budget, "10.0.0.9", body, media_type="text/plain")
        with anyio.fail_after(5):
            await response({"type": "http", "method": "GET"}, receive, send)

    anyio.run(scenario)
    assert len(send.sent) == 2
    assert budget.held("10.0.0.9") == 0


def test_download_slots_per_client_and_in_all() -> None:
    slots = DumpSlots(per_client=2, total=3)
    assert slots.take("a") is None and slots.take("a") is None
    assert slots.take("a")[0] == 429  # type: ignore[index]
    assert slots.take("b") is None
    status, message = slots.take("c")  # type: ignore[misc]
    assert status == 503 and "3 downloads" in message
    slots.give_back("a")
    assert slots.take("c") is None


def test_a_download_past_the_slots_is_refused_and_a_finished_one_gives_its_slot_back(
    tmp_path: Path,
) -> None:
    with make_client(make_store(tmp_path / "store")) as client:
        first = client.get("/dump.nq")
        assert first.status_code == 200 and first.content
        slots = client.app.state.dump_slots  # type: ignore[attr-defined]
        assert slots.take("testclient") is None  # the finished download gave its slot back
        assert slots.take("testclient") is None
        refused = client.get("/dump.nq")
        assert refused.status_code == 429
        assert refused.headers["retry-after"] and "at once already" in refused.text
