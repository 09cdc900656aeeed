"""Pages of a long list on the HTML pages: `?pagina=N`, where it is, and its neighbours.

A list that grows with the data (a municipality's challenges, a document's facts, the
bottlenecks) shows PAGE_SIZE items on its entity's page and the rest on a view of its own,
a page at a time. A page number a reader or a link can get wrong gets an answer that says
so: not a number (or under 1) is a 400, past the last page a 404.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

# Items per page of a list, and on an entity's page per list. A hundred facts with their
# three quotes each are some 100-200 KB of HTML, rendered in a tenth of a second; the
# bundled corpus's longest lists (a document's facts) run to a few hundred, so a reader
# walks them in a few pages. Without a bound, a report of 19,999 identical paragraphs made
# its municipality's page 18 MB, 14 s to render.
PAGE_SIZE = 100
PAGE_PARAMETER = "pagina"

_DIGITS = re.compile(r"[0-9]{1,18}")


class PageError(Exception):
    """A page number that names no page; `status` and a message for a person."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def page_number(value: str | None) -> int:
    """The page a request asks for (1 when it names none)."""
    if value is None or value == "":
        return 1
    text = value.strip()
    # (digits of other scripts, "１" or "١", are no page number: isdigit() says they are)
    if text.isascii() and text.isdigit() and not _DIGITS.fullmatch(text):
        # A well-formed page far past any list's end (and past what int() should read).
        raise PageError(404, f"Pagina {text[:30]}… bestaat niet: zo lang is geen lijst.")
    if not _DIGITS.fullmatch(text) or int(text) < 1:
        raise PageError(
            400,
            f"Ongeldig paginanummer {value[:40]!r}: gebruik een geheel getal vanaf 1, "
            f"zoals ?{PAGE_PARAMETER}=2. (Invalid page number.)",
        )
    return int(text)


@dataclass(frozen=True)
class Pager:
    """Page `number` of a list of `total` items, `size` a page."""

    number: int
    total: int
    size: int = PAGE_SIZE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def first_item(self) -> int:
        """The place in the list (from 1) of this page's first item."""
        return self.offset + 1

    @property
    def last_item(self) -> int:
        return min(self.offset + self.size, self.total)

    def check(self) -> None:
        """PageError (404) for a page past the last (an empty list has one empty page)."""
        if self.number > self.pages:
            noun = "pagina" if self.pages == 1 else "pagina's"
            raise PageError(
                404,
                f"Pagina {self.number} bestaat niet: deze lijst heeft {self.total} items, "
                f"{self.pages} {noun}. (No such page.)",
            )

    def links(self, path: str, query: Mapping[str, str]) -> dict[str, str | None]:
        """The first, previous, next and last pages' URLs (None where there is none)."""

        def at(number: int) -> str:
            return page_href(path, query, number)

        last = self.pages
        return {
            "first": at(1) if self.number > 1 else None,
            "prev": at(self.number - 1) if self.number > 1 else None,
            "next": at(self.number + 1) if self.number < last else None,
            "last": at(last) if self.number < last else None,
        }


def page_href(path: str, query: Mapping[str, str], number: int) -> str:
    """`path` with `query` and the page number (left out for page 1)."""
    params = {k: v for k, v in query.items() if k != PAGE_PARAMETER and v}
    if number > 1:
        params[PAGE_PARAMETER] = str(number)
    return path + (f"?{urlencode(params)}" if params else "")
