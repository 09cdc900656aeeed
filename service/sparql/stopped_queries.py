"""Queries the service stopped lately for time or memory, by their text.

A query stopped at the timeout took a whole worker for that long; one stopped at
the memory bound, seconds of CPU and a gigabyte. Sent again unchanged, it would
be stopped again at the same cost, and a client that retries in a loop takes a
worker for good. So each such query is remembered for MEMORY_SECONDS, by the
same key that tells repeats apart elsewhere (comments, spacing, keyword case,
variable names and LIMIT/OFFSET numbers aside: store.sparql_text.query_key), and
a repeat within that time, from any client, is refused at once with the reason
and Retry-After. The data does not change often enough for the repeat to cost
less within minutes.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from gemeentegraaf.store.sparql_text import query_key

MEMORY_SECONDS = 300.0
# Keys kept at most: the oldest are forgotten first.
LIMIT = 1024


@dataclass(frozen=True)
class Stopped:
    status: int  # what the query got: 503 (time) or 507 (memory)
    why: str  # "ran longer than 30 s", "needed more than 1 GiB of memory"
    until: float  # time.monotonic()


class StoppedQueries:
    def __init__(self) -> None:
        self._stopped: OrderedDict[str, Stopped] = OrderedDict()
        self._lock = threading.Lock()

    def note(self, text: str, status: int, why: str) -> None:
        key = query_key(text)
        with self._lock:
            self._stopped.pop(key, None)
            self._stopped[key] = Stopped(status, why, time.monotonic() + MEMORY_SECONDS)
            while len(self._stopped) > LIMIT:
                self._stopped.popitem(last=False)

    def lately(self, text: str) -> tuple[Stopped, int] | None:
        """How `text` was stopped and the whole seconds left before it may run again."""
        now = time.monotonic()
        with self._lock:
            # Kept in the order noted, and each for the same time: the first is the
            # first to expire. Once all have, no query pays for a key again.
            while self._stopped and next(iter(self._stopped.values())).until <= now:
                self._stopped.popitem(last=False)
            if not self._stopped:
                return None  # the common case: no key to make
        key = query_key(text)
        with self._lock:
            stopped = self._stopped.get(key)
            if stopped is None:
                return None
            if stopped.until <= now:
                del self._stopped[key]
                return None
            return stopped, max(1, math.ceil(stopped.until - now))
