"""The SPARQL the project runs, read from the `.rq` files under `rq/`, with parameters bound safely.

Each file is a standalone SPARQL query: it declares its own prefixes, starts
with a comment that says what it answers and which parameters it takes, and
parses as it is. A parameter is a variable written with the `$` sigil:

- a *term* parameter (`$municipality`) stands for one IRI or literal wherever
  it occurs; `query(name, municipality=URIRef(...))` puts the term's N-Triples
  form (rdflib's `n3()`) in place of each `$municipality` token;
- a *list* parameter is a VALUES block, `VALUES $theme { UNDEF }`, and is the
  only place `$theme` occurs (the rest of the query reads `?theme`);
  `query(name, theme=[URIRef(...), ...])` makes it `VALUES ?theme { <terms> }`,
  and `theme=ANY` writes `UNDEF`, one solution that leaves `?theme` unrestricted;
- a list parameter may instead be the whole of an IN list, `FILTER(?class IN ($class))`:
  `class=[...]` writes the terms separated by commas. It filters a variable that
  other patterns bind, where a VALUES block would be joined first: Oxigraph
  starts from a VALUES block, so `?a a ?class . VALUES ?class {…}` reads every
  instance of every class before the selective pattern (tens of milliseconds
  where the filter takes a fraction of one). ANY is refused there.

Only tokens are replaced: the text is tokenized by the SPARQL lexer
(gemeentegraaf.store.sparql_text), so a `$word` inside a string, an IRI or a
comment is never touched. Values must be rdflib URIRefs or Literals; an IRI
the engine would refuse or one with characters an IRI reference may not hold
is refused, and every serialised term is checked to lex as exactly one term,
so no value can change the query's structure. Unknown and missing parameters
are errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import pyoxigraph as ox
from gemeentegraaf.store.sparql_text import (
    IRI,
    LANGTAG,
    NUMBER,
    PNAME,
    PUNCT,
    STRING,
    VAR,
    WORD,
    Token,
    tokenize,
)
from rdflib import Literal, URIRef

_NAME = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+)*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')


class QueryInputError(ValueError):
    """A value that cannot be put into a query; the message is for a person."""


class QueryFileError(ValueError):
    """A query file that does not follow the parameter rules, or a call that does not fit it."""


class _Any:
    """The value of a list parameter that restricts nothing (`VALUES ?x { UNDEF }`)."""

    def __repr__(self) -> str:
        return "ANY"


ANY = _Any()

Term = URIRef | Literal
Value = Term | Sequence[Term] | _Any


@dataclass(frozen=True)
class QueryFile:
    name: str
    text: str
    tokens: tuple[Token, ...]
    terms: frozenset[str]  # term parameters, without the sigil
    lists: dict[str, tuple[int, int]]  # list parameter → index of its VALUES `{` and `}` tokens
    in_lists: dict[str, int] = field(default_factory=dict)  # IN-list parameter → its token

    @property
    def parameters(self) -> frozenset[str]:
        return self.terms | frozenset(self.lists) | frozenset(self.in_lists)

    def bind(self, values: dict[str, Value]) -> str:
        return self.bind_marked(values, ())[0]

    def bind_marked(self, values: dict[str, Value], marks: Sequence[int]) -> tuple[str, list[int]]:
        """The bound text, and where each of `marks` (offsets in the file's text that no
        parameter covers) lies in it."""
        unknown = sorted(set(values) - self.parameters)
        if unknown:
            raise QueryFileError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; "
                f"it takes {_names(self.parameters)}"
            )
        missing = sorted(self.parameters - set(values))
        if missing:
            raise QueryFileError(f"query {self.name!r} needs a value for {', '.join(missing)}")
        # (start, end, replacement) over the text, in order.
        edits: list[tuple[int, int, str]] = []
        for name, (open_at, close_at) in self.lists.items():
            body = _list_text(name, values[name])
            # `VALUES $x { … }` becomes `VALUES ?x { <terms> }`: the rest of the query reads ?x.
            variable = self.tokens[open_at - 1]
            edits.append((variable.start, variable.end, f"?{name}"))
            edits.append((self.tokens[open_at].end, self.tokens[close_at].start, f" {body} "))
        for name, at in self.in_lists.items():
            token = self.tokens[at]
            edits.append((token.start, token.end, _in_list_text(name, values[name])))
        for token in self.tokens:
            if token.kind == VAR and token.text[0] == "$" and token.text[1:] in self.terms:
                edits.append((token.start, token.end, _term_text(token.text[1:], values)))
        out, pos = [], 0
        shifts: list[tuple[int, int]] = []  # (offset after an edit, length it added)
        for start, end, replacement in sorted(edits):
            out.append(self.text[pos:start])
            out.append(replacement)
            shifts.append((end, len(replacement) - (end - start)))
            pos = end
        out.append(self.text[pos:])
        moved = [mark + sum(d for end, d in shifts if end <= mark) for mark in marks]
        return "".join(out), moved


def _names(names: Iterable[str]) -> str:
    listed = ", ".join(sorted(names))
    return listed or "no parameters"


def _term_text(name: str, values: dict[str, Value]) -> str:
    value = values[name]
    if not isinstance(value, URIRef | Literal):
        raise QueryFileError(
            f"parameter {name} takes one URIRef or Literal, not {type(value).__name__}"
        )
    return serialise(value)


def _list_text(name: str, value: Value) -> str:
    if isinstance(value, _Any):
        return "UNDEF"
    if isinstance(value, URIRef | Literal | str) or not isinstance(value, Sequence):
        raise QueryFileError(
            f"parameter {name} is a VALUES list: give a list of URIRefs or Literals, or ANY"
        )
    return " ".join(serialise(term) for term in value)


def _in_list_text(name: str, value: Value) -> str:
    if isinstance(value, _Any):
        raise QueryFileError(
            f"parameter {name} is an IN list: give a list of URIRefs or Literals (ANY would "
            "need the filter left out)"
        )
    _list_text(name, value)  # the same checks as a VALUES list
    return ", ".join(serialise(term) for term in value)  # type: ignore[union-attr]


def serialise(term: Term) -> str:
    """The term as one SPARQL term; QueryInputError for a value that cannot be one."""
    if isinstance(term, URIRef):
        text = iri_text(str(term))
    elif isinstance(term, Literal):
        if term.datatype is not None:
            iri_text(str(term.datatype))
        text = term.n3()
    else:
        raise QueryFileError(f"a query parameter is a URIRef or a Literal, not {term!r}")
    if not _one_term(text):
        raise QueryInputError(f"cannot put {str(term)!r} into a query as one term")
    return text


def iri_text(value: str) -> str:
    """`<value>`, refusing characters an IRI reference may not hold and what the engine refuses."""
    if not value or _IRI_FORBIDDEN.search(value):
        raise QueryInputError(f"not a valid IRI: {value!r}")
    try:
        ox.NamedNode(value)  # the engine's own IRI rules (e.g. no U+FFFD from bad escapes)
    except ValueError as exc:
        raise QueryInputError(f"not a valid IRI: {value!r}") from exc
    return f"<{value}>"


def _one_term(text: str) -> bool:
    """Does `text` lex as exactly one IRI, or one string with an optional language or datatype?"""
    tokens = tokenize(text)
    if not tokens or tokens[0].start != 0 or tokens[-1].end != len(text):
        return False
    kinds = [t.kind for t in tokens]
    if kinds == [IRI]:
        return True
    if kinds in ([STRING], [STRING, LANGTAG]):
        return True
    return kinds == [STRING, PUNCT, IRI] and tokens[1].text == "^^"


def parse_file(name: str, text: str) -> QueryFile:
    """The parameters of a query text; QueryFileError when it breaks the rules above."""
    tokens = tuple(tokenize(text))
    dollars = [t for t in tokens if t.kind == VAR and t.text[0] == "$"]
    plain = {t.text[1:] for t in tokens if t.kind == VAR and t.text[0] == "?"}
    lists: dict[str, tuple[int, int]] = {}
    in_lists: dict[str, int] = {}
    for index, token in enumerate(tokens):
        dollar = token.kind == VAR and token.text[0] == "$"
        if dollar and index > 0 and tokens[index - 1].keyword == "values":
            lists[token.text[1:]] = _values_block(name, tokens, index)
        elif dollar and _alone_in_in_list(tokens, index):
            in_lists[token.text[1:]] = index
    terms = frozenset(t.text[1:] for t in dollars) - set(lists) - set(in_lists)
    for param in [*lists, *in_lists]:
        if sum(t.text[1:] == param for t in dollars) != 1:
            raise QueryFileError(
                f"{name}: the list parameter ${param} may occur only in its VALUES block "
                "or IN list; "
                f"use ?{param} elsewhere"
            )
    clash = sorted(terms & plain)
    if clash:
        raise QueryFileError(
            f"{name}: ${clash[0]} is a parameter, so ?{clash[0]} would be a different thing; "
            "write the parameter with $ everywhere"
        )
    return QueryFile(name, text, tokens, terms, lists, in_lists)


def _alone_in_in_list(tokens: tuple[Token, ...], index: int) -> bool:
    """Is tokens[index] the only thing in the parentheses of an IN (or NOT IN)?"""
    return (
        2 <= index < len(tokens) - 1
        and tokens[index - 2].keyword == "in"
        and tokens[index - 1].text == "("
        and tokens[index + 1].text == ")"
    )


def _values_block(name: str, tokens: tuple[Token, ...], index: int) -> tuple[int, int]:
    """Indexes of the `{` and `}` of the single-variable VALUES block at tokens[index]."""
    open_at = index + 1
    if open_at >= len(tokens) or tokens[open_at].text != "{":
        raise QueryFileError(f"{name}: VALUES {tokens[index].text} must be followed by {{ … }}")
    for close_at in range(open_at + 1, len(tokens)):
        token = tokens[close_at]
        if token.text == "}" and token.kind == PUNCT:
            return open_at, close_at
        if not _data_value(token):
            break
    raise QueryFileError(
        f"{name}: the VALUES block of {tokens[index].text} is not a flat list of terms"
    )


def _data_value(token: Token) -> bool:
    """Can the token be (part of) one value of a VALUES block?"""
    if token.kind in (IRI, PNAME, STRING, NUMBER, LANGTAG):
        return True
    if token.kind == WORD:
        return token.keyword in ("undef", "true", "false")
    return token.kind == PUNCT and token.text in ("^^", "+", "-")


@cache
def load(name: str) -> QueryFile:
    """The query file `rq/<name>.rq`, parsed once."""
    if not _NAME.fullmatch(name):
        raise QueryFileError(f"not a query name: {name!r}")
    resource = files(__package__).joinpath("rq", *f"{name}.rq".split("/"))
    try:
        text = resource.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryFileError(f"no query file rq/{name}.rq in {__package__}") from None
    return parse_file(name, text)


def query(name: str, **values: Value) -> str:
    """The text of query `name` with its parameters bound to `values`."""
    return load(name).bind(values)


# ---------------------------------------------------------------------------
# Lists read a page at a time
# ---------------------------------------------------------------------------
#
# A list that grows with the data (the facts about a municipality, the facts resting on a
# document, ...) is one query file: a SELECT of the list's items ending in ORDER BY, with
# no LIMIT or OFFSET. `page_query` reads one page of it and `count_query` counts it, both
# from that one text, so that the count and the pages cannot describe different lists.


def page_query(name: str, *, limit: int, offset: int, **values: Value) -> str:
    """Query `name` with its parameters bound, reading `limit` solutions from `offset` on."""
    for label, number in (("limit", limit), ("offset", offset)):
        # Written into the text as digits: only a plain int can be, never a string or bool.
        if type(number) is not int or number < 0:
            raise QueryFileError(f"{label} is a whole number of 0 or more, not {number!r}")
    text, _, _ = _ordered_select(name, values)
    return f"{text}\nLIMIT {limit} OFFSET {offset}"


def count_query(name: str, *, by: Sequence[str] = (), **values: Value) -> str:
    """How many solutions query `name` has with its parameters bound: one row, `?count`;
    with `by` (variables the query selects), a row per combination of their values, with
    those values and its `?count` (the counts of several lists from one reading)."""
    for variable in by:
        if not _VARIABLE.fullmatch(variable):
            raise QueryFileError(f"not a variable name: {variable!r}")
    text, select_at, order_at = _ordered_select(name, values)
    grouped = " ".join(f"?{v}" for v in by)
    # The list's own SELECT as a subquery, without its ORDER BY (an order counts nothing).
    return (
        f"{text[:select_at]}SELECT {grouped} (COUNT(*) AS ?count) WHERE {{\n"
        f"{text[select_at:order_at].rstrip()}\n}}" + (f" GROUP BY {grouped}" if by else "")
    )


def _ordered_select(name: str, values: dict[str, Value]) -> tuple[str, int, int]:
    """The bound text of a list query, with where its SELECT and its ORDER BY start."""
    text, (select_at, order_at) = load(name).bind_marked(values, _list_marks(name))
    return text, select_at, order_at


@cache
def _list_marks(name: str) -> tuple[int, int]:
    """Where the SELECT and the ORDER BY of list query `name` start in its file (found
    once: a page of a list is read often, and binding moves no keyword)."""
    top = [t for t in load(name).tokens if t.depth == 0 and t.kind == WORD]
    select = next((t for t in top if t.keyword == "select"), None)
    order = next((t for t in top if t.keyword == "order"), None)
    if select is None or order is None or order.start < select.start:
        raise QueryFileError(f"query {name!r} is not a SELECT ending in ORDER BY: not a list")
    if any(t.keyword in ("limit", "offset") for t in top):
        raise QueryFileError(f"query {name!r} has its own LIMIT or OFFSET: not a whole list")
    return select.start, order.start


def query_names() -> list[str]:
    """Every query file's name, as `query` takes it."""
    root = files(__package__).joinpath("rq")
    names: list[str] = []
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                stack.append((entry, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(".rq"):
                names.append(prefix + entry.name.removesuffix(".rq"))
    return sorted(names)
