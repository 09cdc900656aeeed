"""What the service needs to know about a SPARQL text before it runs it.

A tokenizer that follows the SPARQL 1.1 grammar's lexical rules, so that a word
inside a string, an IRI or a comment is never mistaken for a keyword:

- `inspect_query`: the query form (SELECT/ASK/CONSTRUCT/DESCRIBE), whether the
  query names its own dataset (FROM / FROM NAMED), and whether it asks for
  SERVICE (an outbound request, refused);
- `inspect_update`: LOAD or SERVICE (refused), USING / WITH (which conflict
  with the protocol's using-graph-uri parameters);
- `add_using`: the protocol's using-graph-uri / using-named-graph-uri turned
  into USING clauses of every DELETE/INSERT … WHERE operation (pyoxigraph's
  update API has no dataset parameters).

The one lexical ambiguity of SPARQL is `<`: an IRI start, or the less-than
operator inside an expression. Reading `?o<1)SERVICE#>` as one IRI would hide a
SERVICE keyword that the query engine sees, so the tokenizer tracks whether it
is inside an expression, as the engine's parser does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Token kinds.
WORD = "word"  # keywords, built-in function names, `a`, true/false
IRI = "iri"
PNAME = "pname"
VAR = "var"
STRING = "string"
NUMBER = "number"
BNODE = "bnode"
LANGTAG = "langtag"
PUNCT = "punct"

_ESCAPE = r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)"
_PN_LOCAL_ESC = r"\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL_CHAR = rf"(?:[\w:\-]|%[0-9A-Fa-f]{{2}}|{_PN_LOCAL_ESC})"
_PN_LOCAL_FIRST = rf"(?:[\w:]|%[0-9A-Fa-f]{{2}}|{_PN_LOCAL_ESC})"
_PNAME = (
    rf"(?:[^\W\d_](?:[\w.\-]*[\w\-])?)?:"
    rf"(?:{_PN_LOCAL_FIRST}(?:(?:{_PN_LOCAL_CHAR}|\.)*{_PN_LOCAL_CHAR})?)?"
)

_SPACE = re.compile(r"\s+")
_COMMENT = re.compile(r"#[^\r\n]*")
_IRIREF = re.compile(r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>")
_TOKENS = re.compile(
    "|".join(
        (
            rf"(?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ESCAPE}))*'''"
            rf'|"""(?:(?:"|"")?(?:[^"\\]|{_ESCAPE}))*"""'
            rf"|'(?:[^'\\\r\n]|{_ESCAPE})*'"
            rf'|"(?:[^"\\\r\n]|{_ESCAPE})*")',
            r"(?P<var>[?$]\w+)",
            r"(?P<bnode>_:[\w](?:[\w.\-]*[\w\-])?)",
            r"(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
            rf"(?P<pname>{_PNAME})",
            r"(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)",
            r"(?P<word>[A-Za-z_]\w*)",
            r"(?P<punct>\^\^|&&|\|\||<=|>=|!=|<<|>>|.)",
        )
    ),
    re.DOTALL,
)

# After one of these an expression has a complete operand, so `<` compares.
_OPERAND_END = {VAR, IRI, PNAME, STRING, NUMBER, LANGTAG}
_OPERAND_END_WORDS = {"true", "false"}

# Frames of the bracket stack.
_TOP, _GROUP, _BNODE, _LIST, _EXPR = "top", "group", "bnode", "list", "expr"

_QUERY_FORMS = ("select", "ask", "construct", "describe")
# Keywords that make the server fetch something from elsewhere.
_OUTBOUND = ("service", "load")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int  # brackets open before this token

    @property
    def keyword(self) -> str:
        return self.text.lower() if self.kind == WORD else ""


@dataclass
class _Frame:
    kind: str
    # What the next "(" opens in this frame: "expr" after SELECT/ORDER/GROUP/HAVING,
    # "list" in a VALUES block, otherwise decided by the token before it.
    clause: str = "triples"


@dataclass
class _Lexer:
    text: str
    tokens: list[Token] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=lambda: [_Frame(_TOP)])

    def run(self) -> list[Token]:
        pos, end = 0, len(self.text)
        while pos < end:
            space = _SPACE.match(self.text, pos) or _COMMENT.match(self.text, pos)
            if space:
                pos = space.end()
                continue
            token = self._next(pos)
            self._track(token)
            self.tokens.append(token)
            pos = token.end
        return self.tokens

    def _next(self, pos: int) -> Token:
        depth = len(self.stack) - 1
        if self.text[pos] == "<" and not self._compares():
            iri = _IRIREF.match(self.text, pos)
            if iri:
                return Token(IRI, iri.group(), pos, iri.end(), depth)
        match = _TOKENS.match(self.text, pos)
        assert match is not None  # the last alternative matches any character
        kind = match.lastgroup or PUNCT
        if kind == PUNCT and match.group() == "<<" and self._compares():
            # `?a<<b>` inside an expression: a comparison, then an IRI.
            return Token(PUNCT, "<", pos, pos + 1, depth)
        return Token(kind, match.group(), pos, match.end(), depth)

    def _compares(self) -> bool:
        """Is a `<` here the less-than operator (inside an expression, after an operand)?"""
        if self.stack[-1].kind != _EXPR or not self.tokens:
            return False
        last = self.tokens[-1]
        if last.kind in _OPERAND_END:
            return True
        if last.kind == WORD:
            return last.keyword in _OPERAND_END_WORDS
        return last.kind == PUNCT and last.text == ")"

    def _track(self, token: Token) -> None:
        frame = self.stack[-1]
        if token.kind == WORD:
            word = token.keyword
            if word in ("select", "group", "order", "having"):
                frame.clause = "expr"
            elif word == "values":
                frame.clause = "values"
            elif word in ("where", "from", "limit", "offset"):
                frame.clause = "triples"
            return
        if token.kind != PUNCT:
            return
        if token.text == "(":
            self.stack.append(_Frame(self._paren_kind(frame)))
        elif token.text == "{":
            inner = _Frame(_GROUP, "list-block" if frame.clause == "values" else "triples")
            if frame.clause in ("values", "expr") and frame.kind != _EXPR:
                # A projection or a VALUES header ends where its group starts.
                frame.clause = "triples"
            self.stack.append(inner)
        elif token.text == "[":
            self.stack.append(_Frame(_BNODE))
        elif token.text in (")", "}", "]") and len(self.stack) > 1:
            self.stack.pop()

    def _paren_kind(self, frame: _Frame) -> str:
        if frame.kind == _EXPR:
            return _EXPR
        if frame.kind == _LIST or frame.clause in ("values", "list-block"):
            return _LIST
        if frame.clause == "expr":
            return _EXPR
        # The "(" itself is not in self.tokens yet.
        previous = self.tokens[-1] if self.tokens else None
        if previous is None:
            return _LIST
        # FILTER(…), BIND(…), regex(…), COUNT(…): a word other than `a` calls.
        if previous.kind == WORD:
            return _LIST if previous.keyword == "a" else _EXPR
        # FILTER ex:f(…) / FILTER <f>(…) calls a function; `?s ex:p (1 2)` is a list.
        if previous.kind in (IRI, PNAME) and len(self.tokens) >= 2:
            return _EXPR if self.tokens[-2].keyword == "filter" else _LIST
        return _LIST


def tokenize(text: str) -> list[Token]:
    return _Lexer(text).run()


# Oxigraph parses and evaluates recursively: a few thousand nested brackets
# overflow its stack and kill the process, so deeper texts are refused first.
MAX_DEPTH = 200


@dataclass(frozen=True)
class QueryShape:
    form: str | None  # "select", "ask", "construct", "describe"; None when not a query
    has_dataset_clause: bool  # FROM or FROM NAMED
    outbound: str | None  # "SERVICE" when the query would call another endpoint
    depth: int = 0  # deepest bracket nesting

    @property
    def too_deep(self) -> bool:
        return self.depth > MAX_DEPTH

    @property
    def is_graph(self) -> bool:
        return self.form in ("construct", "describe")

    @property
    def is_tabular(self) -> bool:
        return self.form in ("select", "ask")


@dataclass(frozen=True)
class UpdateShape:
    outbound: str | None  # "LOAD" or "SERVICE"
    has_using_or_with: bool
    depth: int = 0

    @property
    def too_deep(self) -> bool:
        return self.depth > MAX_DEPTH


def _outbound(tokens: list[Token]) -> str | None:
    for token in tokens:
        if token.keyword in _OUTBOUND:
            return token.keyword.upper()
    return None


def inspect_query(text: str) -> QueryShape:
    tokens = tokenize(text)
    form = next((t.keyword for t in tokens if t.keyword in _QUERY_FORMS), None)
    return QueryShape(
        form=form,
        has_dataset_clause=any(t.keyword == "from" for t in tokens),
        outbound=_outbound(tokens),
        depth=max((t.depth for t in tokens), default=0),
    )


def inspect_update(text: str) -> UpdateShape:
    tokens = tokenize(text)
    return UpdateShape(
        outbound=_outbound(tokens),
        has_using_or_with=any(t.keyword in ("using", "with") and t.depth == 0 for t in tokens),
        depth=max((t.depth for t in tokens), default=0),
    )


def mentions_outbound(text: str) -> bool:
    """A cheap pre-check: can the text name SERVICE or LOAD at all?"""
    lowered = text.lower()
    return any(word in lowered for word in _OUTBOUND)


def add_using(update: str, using: list[str], using_named: list[str]) -> str:
    """`update` with USING / USING NAMED clauses before each operation's WHERE.

    Only DELETE/INSERT … WHERE operations take a dataset; `DELETE WHERE`
    (no template) and the graph management operations are left as they are.
    The IRIs must be valid (check them first).
    """
    if not using and not using_named:
        return update
    clause = "".join(f" USING <{g}>" for g in using)
    clause += "".join(f" USING NAMED <{g}>" for g in using_named)
    tokens = tokenize(update)
    inserts: list[int] = []
    for index, token in enumerate(tokens):
        if token.keyword != "where" or token.depth != 0:
            continue
        if index > 0 and tokens[index - 1].keyword == "delete":
            continue
        inserts.append(token.start)
    out = update
    for position in reversed(inserts):
        out = out[:position] + clause.lstrip() + " " + out[position:]
    return out


def algebra_outbound(text: str, *, update: bool) -> str | None:
    """SERVICE or LOAD as rdflib's SPARQL parser sees them; None if it cannot parse the text.

    A second opinion on the tokenizer, from a full grammar: used when the text
    mentions one of the words but the tokenizer found no such keyword.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        tree = parseUpdate(text) if update else parseQuery(text)
    except (ParseException, ValueError, TypeError, RecursionError):
        return None
    stack: list[object] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return "SERVICE"
            if node.name == "Load":
                return "LOAD"
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
        elif hasattr(node, "asList") and not isinstance(node, str):
            stack.extend(list(node))
    return None


# Above this size the second opinion (a pure-Python parser, run in the server
# process without a time limit) could hold a CPU for tens of seconds; larger
# texts rely on the grammar-aware tokenizer and the workers' empty network.
_ALGEBRA_CHECK_LIMIT = 10_000


def outbound_operation(text: str, found: str | None, *, update: bool) -> str | None:
    """ "SERVICE" or "LOAD" when running `text` would make the server fetch from elsewhere.

    `found` is what inspect_query / inspect_update already saw.
    """
    if found:
        return found
    if mentions_outbound(text) and len(text) <= _ALGEBRA_CHECK_LIMIT:
        return algebra_outbound(text, update=update)
    return None
