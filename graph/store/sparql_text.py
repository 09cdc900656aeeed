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

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from gemeentegraaf.common.visible import sparql_escaped

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

# Every repetition below that is not a single character class is possessive
# (`*+`): Python's regex engine otherwise keeps a backtracking record per
# repetition, about a hundred bytes per character of a long string literal.
# The alternatives of each repetition start with different characters, so
# giving up backtracking changes no match.
_ESCAPE = r"\\."
_PN_LOCAL_ESC = r"\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL_CHAR = rf"(?:[\w:\-]|%[0-9A-Fa-f]{{2}}|{_PN_LOCAL_ESC})"
_PN_LOCAL_FIRST = rf"(?:[\w:]|%[0-9A-Fa-f]{{2}}|{_PN_LOCAL_ESC})"
_PNAME = (
    rf"(?:[^\W\d_](?:[\w.\-]*[\w\-])?)?:"
    # Dots inside a local name, never at its end.
    rf"(?:{_PN_LOCAL_FIRST}(?:{_PN_LOCAL_CHAR}|\.+(?={_PN_LOCAL_CHAR}))*+)?"
)

_SKIP = re.compile(r"(?:\s+|#[^\r\n]*)++")
_IRIREF = re.compile(r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*+>")
_TOKENS = re.compile(
    "|".join(
        (
            rf"(?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ESCAPE}))*+'''"
            rf'|"""(?:(?:"|"")?(?:[^"\\]|{_ESCAPE}))*+"""'
            rf"|'(?:[^'\\\r\n]|{_ESCAPE})*+'"
            rf'|"(?:[^"\\\r\n]|{_ESCAPE})*+")',
            r"(?P<var>[?$]\w+)",
            r"(?P<bnode>_:[\w](?:[\w.\-]*[\w\-])?)",
            r"(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*+)",
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

# Operators of an expression (unary or binary) and of a property path.
_EXPRESSION_OPERATORS = {"!", "-", "+", "*", "/", "&&", "||", "=", "!=", "<", ">", "<=", ">="}
_PATH_OPERATORS = {"/", "|", "^", "!"}
# Graph pattern operators: each nests the patterns before it one level deeper
# in the query's algebra.
_PATTERN_WORDS = {"union", "optional", "minus", "bind", "filter", "values", "graph", "service"}
# Tokens that end a property path (its object, or the end of the triple).
_PATH_ENDS = {VAR, STRING, NUMBER, BNODE, LANGTAG}
_PATH_END_PUNCT = {".", ";", ",", "{", "}", "[", "]"}


class Token(NamedTuple):
    # A named tuple: made once per token, so it must be cheap to make.
    kind: str
    text: str
    start: int
    end: int
    depth: int  # brackets open before this token
    keyword: str = ""  # a WORD's text in lower case


@dataclass(slots=True)
class _Frame:
    kind: str
    # What the next "(" opens in this frame: "expr" after SELECT/ORDER/GROUP/HAVING,
    # "list" in a VALUES block, otherwise decided by the token before it.
    clause: str = "triples"
    operators: int = 0  # expression operators directly in this frame
    patterns: int = 0  # graph pattern operators directly in this frame
    triples: int = 0  # triple patterns directly in this frame (a list's items count here
    #                   in the group around the list)
    pending: bool = False  # a term since the last separator: a pattern not yet counted


# What oxigraph (0.5) survives, found with tests/probe_engine_limits.py in a
# process like a query worker (main thread, 8 MiB stack): it parses and
# evaluates recursively, and a deep enough text overflows the stack and kills
# the process. Each limit keeps a wide margin below the size that crashed.
# Nested brackets: `{` crashed at 2208 levels, `(` at 4672.
MAX_DEPTH = 200
# Operators in one expression, counted through its brackets: `!!…true` crashed
# at 9472, `1+1+…` at 6912, `true&&true&&…` at 9344.
MAX_EXPRESSION = 1000
# Operators in one property path: `<p>|<p>|…` crashed at 11008; `<p>/<p>/…`
# did not crash but took 12 s at 512 steps (the time grows about 7-fold per
# doubling), so the limit is low: real paths have a handful of steps.
MAX_PATH = 100
# Graph pattern operators (UNION, OPTIONAL, MINUS, BIND, FILTER, VALUES, GRAPH),
# counted through nested groups: `BIND(…)` repeated crashed at 2624, `{} UNION {} UNION …` at 6656.
MAX_PATTERNS = 500
# Triple patterns in a query, counted by their separators (. ; ,) through nested
# groups, and two for each item of an RDF collection ("(1 2 3)": a list of 5,000
# crashed a worker, one of 1,000 ran past the timeout): one group of 10,000 crashed,
# 5,000 did not; from about 1,000 on, a join of that many patterns runs past any
# sensible timeout, so nothing of use is lost.
# Queries only: an update's triples are mostly data (INSERT DATA), which the
# engine does not join.
MAX_TRIPLES = 1000


@dataclass(slots=True)
class TextMeasures:
    """The sizes of a text that the engine's recursion depends on (maxima over the text)."""

    depth: int = 0
    expression: int = 0
    path: int = 0
    patterns: int = 0
    triples: int = 0

    def problem(self) -> str | None:
        """A sentence for the user when one of the measures passes its limit, else None."""
        if self.depth > MAX_DEPTH:
            return (
                f"The request nests brackets {self.depth} deep; at most {MAX_DEPTH} are "
                "accepted (deeper nesting would exhaust the query engine's stack)."
            )
        if self.expression > MAX_EXPRESSION:
            return (
                f"An expression has more than {MAX_EXPRESSION} operators (counted through its "
                "brackets); the query engine cannot evaluate one that long. Split it up."
            )
        if self.path > MAX_PATH:
            return (
                f"A property path has more than {MAX_PATH} operators (/ | ^ !); "
                "the query engine cannot evaluate one that long."
            )
        if self.patterns > MAX_PATTERNS:
            return (
                f"The request combines more than {MAX_PATTERNS} graph patterns (UNION, "
                "OPTIONAL, MINUS, BIND, FILTER, VALUES, GRAPH); the query engine cannot "
                "evaluate that many nested operators."
            )
        if self.triples > MAX_TRIPLES:
            return (
                f"The query has more than {MAX_TRIPLES} triple patterns; the query engine "
                "cannot join that many in one query. Split it up, or use VALUES."
            )
        return None


_TRIPLE_SEPARATORS = frozenset({".", ";", ","})
# Tokens that make a triple pattern: after one, a separator or the group's end ends a
# pattern.
_PATTERN_TERMS = frozenset({IRI, PNAME, VAR, STRING, NUMBER, BNODE})


class _Lexer:
    """Tokens one at a time: memory for the bracket stack and the last two tokens only."""

    def __init__(
        self, text: str, *, count_triples: bool = False, count_collections: bool = False
    ) -> None:
        self.text = text
        self.count_triples = count_triples
        # an RDF collection's items are patterns to the engine in updates too (a list of
        # 5,000 items crashed a worker's dry run)
        self.count_collections = count_triples or count_collections
        self.stack = [_Frame(_TOP)]
        self.last: Token | None = None
        self.before_last: Token | None = None
        self.measures = TextMeasures()
        # Running sums over the open frames, kept as frames open and close.
        self._expression = 0
        self._patterns = 0
        self._triples = 0
        self._path = 0  # path operators since the last token that ends a path
        # Why the text is refused (set when a measure first passes its limit).
        self.problem: str | None = None

    def tokens(self) -> Iterator[Token]:
        text, pos, end = self.text, 0, len(self.text)
        skip = _SKIP.match
        while pos < end:
            space = skip(text, pos)
            if space:
                pos = space.end()
                if pos == end:
                    break
            token = self._next(pos)
            self._measure(token)
            self._track(token)
            self.before_last, self.last = self.last, token
            yield token
            pos = token.end

    def _next(self, pos: int) -> Token:
        depth = len(self.stack) - 1
        if self.text[pos] == "<" and not self._compares():
            iri = _IRIREF.match(self.text, pos)
            if iri:
                return Token(IRI, iri.group(), pos, iri.end(), depth)
        match = _TOKENS.match(self.text, pos)
        assert match is not None  # the last alternative matches any character
        kind = match.lastgroup or PUNCT
        text = match.group()
        if kind == WORD:
            return Token(WORD, text, pos, match.end(), depth, text.lower())
        if kind == PUNCT and text == "<<" and self._compares():
            # `?a<<b>` inside an expression: a comparison, then an IRI.
            return Token(PUNCT, "<", pos, pos + 1, depth)
        return Token(kind, text, pos, match.end(), depth)

    def _compares(self) -> bool:
        """Is a `<` here the less-than operator (inside an expression, after an operand)?"""
        last = self.last
        if self.stack[-1].kind != _EXPR or last is None:
            return False
        if last.kind in _OPERAND_END:
            return True
        if last.kind == WORD:
            return last.keyword in _OPERAND_END_WORDS
        return last.kind == PUNCT and last.text == ")"

    def _measure(self, token: Token) -> None:
        frame, measures = self.stack[-1], self.measures
        if self.count_collections and frame.kind == _LIST and frame.clause == "collection":
            if token.kind != PUNCT or token.text in ("(", "["):
                self._add_patterns(self._group(), 2)  # an item: rdf:first and rdf:rest
        elif self.count_triples and frame.kind == _GROUP and token.kind in _PATTERN_TERMS:
            frame.pending = True
        if token.kind == PUNCT:
            if frame.kind == _EXPR:
                if token.text in _EXPRESSION_OPERATORS:
                    frame.operators += 1
                    self._expression += 1
                    if self._expression > measures.expression:
                        measures.expression = self._expression
                        self._check(self._expression > MAX_EXPRESSION)
            elif self.count_triples and token.text in _TRIPLE_SEPARATORS and frame.kind == _GROUP:
                if frame.pending:  # the separator ends a pattern
                    frame.pending = False
                    self._add_patterns(frame, 1)
                if token.text in _PATH_END_PUNCT:
                    self._path = 0
            elif token.text in _PATH_OPERATORS:
                self._path += 1
                if self._path > measures.path:
                    measures.path = self._path
                    self._check(self._path > MAX_PATH)
            elif token.text in _PATH_END_PUNCT:
                self._path = 0
        elif token.kind in _PATH_ENDS or (token.kind == WORD and token.keyword != "a"):
            self._path = 0
            if token.keyword in _PATTERN_WORDS:
                frame.patterns += 1
                self._patterns += 1
                if self._patterns > measures.patterns:
                    measures.patterns = self._patterns
                    self._check(self._patterns > MAX_PATTERNS)

    def _group(self) -> _Frame:
        """The innermost group frame: where a list's items count."""
        return next((f for f in reversed(self.stack) if f.kind in (_GROUP, _TOP)), self.stack[0])

    def _add_patterns(self, frame: _Frame, n: int) -> None:
        frame.triples += n
        self._triples += n
        if self._triples > self.measures.triples:
            self.measures.triples = self._triples
            self._check(self._triples > MAX_TRIPLES)

    def _check(self, passed: bool) -> None:
        if passed and self.problem is None:
            self.problem = self.measures.problem()

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
            kind = self._paren_kind(frame)
            # an RDF collection in a triple pattern ("?s ex:p (1 2 3)"), not a VALUES row:
            # its items are triple patterns to the engine, two each
            in_values = frame.clause in ("values", "list-block")
            collection = kind == _LIST and not in_values and frame.clause != "values-row"
            self._open(_Frame(kind, "collection" if collection else "values-row"))
        elif token.text == "{":
            inner = _Frame(_GROUP, "list-block" if frame.clause == "values" else "triples")
            if frame.clause in ("values", "expr") and frame.kind != _EXPR:
                # A projection or a VALUES header ends where its group starts.
                frame.clause = "triples"
            self._open(inner)
        elif token.text == "[":
            self._open(_Frame(_BNODE))
        elif token.text in (")", "}", "]") and len(self.stack) > 1:
            if self.count_triples and self.stack[-1].pending:
                self.stack[-1].pending = False
                self._add_patterns(self.stack[-1], 1)  # the group's last pattern
            closed = self.stack.pop()
            self._expression -= closed.operators
            self._patterns -= closed.patterns
            self._triples -= closed.triples

    def _open(self, frame: _Frame) -> None:
        self.stack.append(frame)
        if len(self.stack) - 1 > self.measures.depth:
            self.measures.depth = len(self.stack) - 1
            self._check(self.measures.depth > MAX_DEPTH)

    def _paren_kind(self, frame: _Frame) -> str:
        if frame.kind == _EXPR:
            return _EXPR
        if frame.kind == _LIST or frame.clause in ("values", "list-block"):
            return _LIST
        if frame.clause == "expr":
            return _EXPR
        # The "(" itself is not `self.last` yet.
        previous = self.last
        if previous is None:
            return _LIST
        # FILTER(…), BIND(…), regex(…), COUNT(…): a word other than `a` calls.
        if previous.kind == WORD:
            return _LIST if previous.keyword == "a" else _EXPR
        # FILTER ex:f(…) / FILTER <f>(…) calls a function; `?s ex:p (1 2)` is a list.
        if previous.kind in (IRI, PNAME) and self.before_last is not None:
            return _EXPR if self.before_last.keyword == "filter" else _LIST
        return _LIST


def iter_tokens(text: str) -> Iterator[Token]:
    """The tokens of `text`, one at a time (memory does not grow with their number)."""
    return _Lexer(text).tokens()


def query_key(text: str) -> str:
    """A digest of the query's shape: the same for texts that differ only in space,
    comments, keyword case, the names of variables, PREFIX and BASE declarations and
    the numbers of LIMIT and OFFSET (what a client changes to pass for another query;
    the constants it matches on still count)."""
    digest = hashlib.blake2b(digest_size=16)
    names: dict[str, str] = {}
    skip = 0  # tokens of a declaration still to leave out
    previous = ""
    for token in iter_tokens(text):
        word = token.keyword
        if skip:
            skip -= 1
            continue
        if token.depth == 0 and word in ("prefix", "base"):
            skip = 2 if word == "prefix" else 1
            continue
        if token.kind == VAR:
            # ?x and $x are one variable
            shown = names.setdefault(token.text[1:], f"?{len(names)}")
        elif token.kind == NUMBER and previous in ("limit", "offset"):
            shown = "N"
        else:
            shown = word or token.text
        previous = word
        digest.update(shown.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def tokenize(text: str) -> list[Token]:
    return list(iter_tokens(text))


@dataclass(frozen=True)
class QueryShape:
    form: str | None  # "select", "ask", "construct", "describe"; None when not a query
    has_dataset_clause: bool  # FROM or FROM NAMED
    outbound: str | None  # "SERVICE" when the query would call another endpoint
    depth: int = 0  # deepest bracket nesting
    # Why the engine could not run it (too deep, too long an expression, …), or None.
    problem: str | None = None

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
    problem: str | None = None

    @property
    def too_deep(self) -> bool:
        return self.depth > MAX_DEPTH


def inspect_query(text: str) -> QueryShape:
    """One pass over the text; it stops at the first limit passed (the query is refused)."""
    quick = quick_query_shape(text)
    return quick if quick is not None else tokenized_query_shape(text)


def tokenized_query_shape(text: str) -> QueryShape:
    """`inspect_query` by the tokenizer alone (what the quick path must agree with)."""
    lexer = _Lexer(text, count_triples=True)
    form: str | None = None
    dataset = False
    outbound: str | None = None
    for token in lexer.tokens():
        word = token.keyword
        if word:
            if form is None and word in _QUERY_FORMS:
                form = word
            dataset = dataset or word == "from"
            if outbound is None and word in _OUTBOUND:
                outbound = word.upper()
        if lexer.problem:
            break
    return QueryShape(form, dataset, outbound, lexer.measures.depth, lexer.problem)


# A query's prologue (BASE and PREFIX declarations, with space and comments), then
# its form: the SPARQL grammar puts nothing else before SELECT/ASK/CONSTRUCT/DESCRIBE.
_PROLOGUE_THEN_FORM = re.compile(
    r"(?:\s++|#[^\r\n]*+"
    r"|BASE\s*+<[^<>\"{}|^`\\\x00-\x20]*+>"
    r"|PREFIX\s++(?:[^\W\d_](?:[\w.\-]*[\w\-])?)?:\s*+<[^<>\"{}|^`\\\x00-\x20]*+>)*+"
    r"(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w.:\-])",  # (not the prefix of a name: "SELECT.ex:p")
    re.IGNORECASE,
)
# Most queries are short and plain; for them, counting characters bounds every
# measure the tokenizer would take, and words that are absent cannot be keywords.
_QUICK_MAX_CHARS = 20_000
_BRACKETS = "({["
_OPERATOR_CHARS = "!-+*/&|=<>"
_PATH_CHARS = "/|^!"
_SEPARATOR_CHARS = ".;,"
# A FROM keyword, or text that could be one: "from" with no letter or "_" just before
# it (a letter there makes it part of a longer token, as in prov:wasDerivedFrom) and
# no letter, digit or "_" just after.
_MAYBE_FROM = re.compile(r"(?<![A-Za-z_])from(?![A-Za-z0-9_])", re.IGNORECASE)


def quick_query_shape(text: str) -> QueryShape | None:
    """The shape of a query that provably needs no tokenizing, or None.

    Every bound is an upper bound of what the tokenizer would measure: each
    bracket opens at most one frame, each operator token holds at least one
    operator character, each separator is one character, and a keyword is a
    substring of the lowered text. So when all bounds are within the limits,
    SERVICE and LOAD occur not even as substrings and FROM not as a word, the
    tokenizer would find no problem, no dataset and nothing outbound, and the
    form is the word after the prologue. Anything else is left to the tokenizer.
    """
    if len(text) > _QUICK_MAX_CHARS:
        return None
    lowered = text.lower()
    # SERVICE and LOAD decide what is refused: any occurrence sends the text on.
    if any(word in lowered for word in _OUTBOUND) or _MAYBE_FROM.search(text):
        return None
    brackets = sum(text.count(c) for c in _BRACKETS)
    if (
        brackets > MAX_DEPTH
        or sum(text.count(c) for c in _OPERATOR_CHARS) > MAX_EXPRESSION
        or sum(text.count(c) for c in _PATH_CHARS) > MAX_PATH
        # patterns: one per separator, one per group's last, two per collection item
        # (what may start a term bounds the items: a word, or an IRI, variable, string or
        # blank node written against the one before)
        or sum(text.count(c) for c in _SEPARATOR_CHARS)
        + brackets
        + (2 * _most_terms(text) if "(" in text else 0)
        > MAX_TRIPLES
        or sum(lowered.count(word) for word in _PATTERN_WORDS) > MAX_PATTERNS
    ):
        return None
    form = _PROLOGUE_THEN_FORM.match(text)
    if form is None:
        return None
    return QueryShape(form.group(1).lower(), False, None, depth=min(brackets, MAX_DEPTH))


def _most_terms(text: str) -> int:
    """At least as many as the terms in `text`: each starts a word, or with a character
    that may follow another term without a space."""
    return len(text.split()) + sum(text.count(c) for c in "<?$\"'[") + text.count("_:")


def inspect_update(text: str) -> UpdateShape:
    """One pass over the text; it stops at the first limit passed (the update is refused)."""
    lexer = _Lexer(text, count_collections=True)
    outbound: str | None = None
    using = False
    for token in lexer.tokens():
        word = token.keyword
        if word:
            if outbound is None and word in _OUTBOUND:
                outbound = word.upper()
            using = using or (word in ("using", "with") and token.depth == 0)
        if lexer.problem:
            break
    return UpdateShape(outbound, using, lexer.measures.depth, lexer.problem)


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
    inserts: list[int] = []
    previous = ""
    for token in iter_tokens(update):
        if token.keyword == "where" and token.depth == 0 and previous != "delete":
            inserts.append(token.start)
        previous = token.keyword
    # Pieces joined once: slicing the whole text per insert would be quadratic.
    pieces: list[str] = []
    done = 0
    for position in inserts:
        pieces += [update[done:position], clause.lstrip(), " "]
        done = position
    pieces.append(update[done:])
    return "".join(pieces)


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


def named_write_targets(text: str) -> set[str]:
    """The graphs an update names as what it writes: the IRIs of CLEAR/DROP/CREATE
    GRAPH, the targets of ADD/MOVE/COPY (and MOVE's source, which it empties), and
    the GRAPH blocks in INSERT DATA, DELETE DATA, DELETE WHERE and the INSERT/DELETE
    templates (not those in a WHERE clause, which are read). A relative IRI, an
    unknown prefix, WITH and CLEAR/DROP ALL/NAMED are left out: what those change is
    seen when the update runs. One pass, a few tokens of state."""
    prefixes: dict[str, str] = {}
    targets: set[str] = set()
    operation = ""  # the operation being read (a keyword at depth 0)
    in_template = False  # inside the braces of a template or a DATA block
    after_to = False  # past the TO of ADD/MOVE/COPY
    wanted = False  # the next token is a graph the update writes
    prefix_name: str | None = None  # PREFIX name: waiting for its IRI
    previous = ""  # the keyword of the token before, at depth 0
    for token in _Lexer(text).tokens():
        word = token.keyword
        if wanted:
            wanted = False
            if (named := _absolute(token, prefixes)) is not None:
                targets.add(named)
            continue
        if prefix_name is not None:
            if token.kind == IRI:
                prefixes[prefix_name] = token.text[1:-1]
            prefix_name = None
        if token.depth == 0:
            if previous == "prefix" and token.kind == "pname":
                prefix_name = token.text
            elif word in ("insert", "delete", "clear", "drop", "create", "add", "move", "copy"):
                operation, after_to = word, False
            elif word == "where" and previous != "delete":
                operation = ""  # a WHERE clause: what it names is read
            elif word == "to":
                after_to = True
            elif token.text == ";":
                operation, after_to = "", False
            elif token.text == "{" and operation in ("insert", "delete"):
                in_template = True
            elif word == "graph" and operation in ("clear", "drop", "create"):
                wanted = True
            elif (
                operation in ("add", "move", "copy")
                and (after_to or operation == "move")
                and (named := _absolute(token, prefixes)) is not None
            ):
                targets.add(named)
            previous = word
        elif in_template and token.depth == 1:
            if token.text == "}":
                in_template = False
            elif word == "graph":
                wanted = True
    return targets


def _absolute(token: Token, prefixes: dict[str, str]) -> str | None:
    """The absolute IRI a token names (None: a relative IRI, or not an IRI)."""
    if token.kind == IRI:
        iri = token.text[1:-1]
        return iri if ":" in iri else None  # relative: resolved against a base
    if token.kind == "pname":
        prefix, _, local = token.text.partition(":")
        namespace = prefixes.get(prefix + ":")
        return None if namespace is None or "\\" in local else namespace + local
    return None


_UPDATE_WORDS = (
    *("insert", "delete", "load", "clear", "drop"),
    *("create", "add", "move", "copy", "with"),
)
_POSITION = re.compile(r"error at (\d+):(\d+)")


def explain_syntax_error(text: str, message: str, *, update: bool = False) -> str:
    """The engine's syntax error in words a user can act on: an undeclared prefix by
    its name (not a list of Unicode ranges), an update sent as a query, and any long
    list of what was expected cut short. What it quotes of the query (or the engine quotes
    of it) shows hidden characters as SPARQL escapes: an escape sequence or a right-to-left
    mark sent back raw would change how the reader's terminal shows the message."""
    return sparql_escaped(_explained(text, message, update=update))


def _explained(text: str, message: str, *, update: bool) -> str:
    first = _first_word(text)
    if not update and first in _UPDATE_WORDS:
        return (
            f"this is an update ({first.upper()}), not a query: send it as `update=` "
            "(form) or with Content-Type application/sparql-update, with the bearer token"
        )
    if update and first in _QUERY_FORMS:
        return (
            f"this is a query ({first.upper()}), not an update: send it as `query=` or "
            "with Content-Type application/sparql-query"
        )
    where = _POSITION.search(message)
    undeclared = _undeclared_prefixes(text)
    if undeclared:
        # The engine names it only sometimes ("Prefix not found", among Unicode ranges).
        names = ", ".join(undeclared)
        at = f"{where.group(0)}: " if where else ""
        return f"{at}the prefix {names} is not declared: add PREFIX {undeclared[0]} <…>"
    # A bracket left open shows up in the engine's words as what it expected instead
    # ("expected one of LATERAL, SERVICE, [_]"): say it first.
    brackets = _unbalanced(text)
    longest = 150 if brackets else 230
    if len(message) > longest:
        message = message[: longest - 10].rstrip() + " …"
    before = _text_before(text, where) if where else ""
    # the engine's position is where it gave up, often just after the mistake: the words
    # before it show the reader where to look
    explained = f"{message} (after «{before}»)" if before else message
    return f"{brackets}; the parser: {explained}" if brackets else explained


_CLOSES = {"}": "{", ")": "(", "]": "["}


def _unbalanced(text: str) -> str | None:
    """The first bracket that closes nothing or another kind, or the last one never
    closed; None when they pair up (strings, IRIs and comments are not counted)."""
    opened: list[Token] = []
    for token in _Lexer(text).tokens():
        if token.kind != PUNCT:
            continue
        if token.text in ('"', "'"):
            return None  # a string never closed: what follows it is no bracket
        if token.text in ("{", "(", "["):
            opened.append(token)
        elif token.text in _CLOSES:
            at = _line_column(text, token.start)
            if not opened:
                return f"the `{token.text}` at {at} closes nothing"
            last = opened.pop()
            if last.text != _CLOSES[token.text]:
                began = _line_column(text, last.start)
                return f"the `{token.text}` at {at} closes the `{last.text}` opened at {began}"
    if opened:
        last = opened[-1]
        return f"the `{last.text}` opened at {_line_column(text, last.start)} is never closed"
    return None


def _line_column(text: str, offset: int) -> str:
    """`line:column` of `offset`, both from 1, as the engine writes its positions."""
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)  # rfind is -1 on the first line
    return f"{line}:{column}"


# How much of the query before an error's position is shown: a few words, enough to find
# the place in a long query, short enough for the one-line message.
_EXCERPT_CHARS = 40


def _text_before(text: str, where: re.Match[str]) -> str:
    """The last words of the query before the engine's position `where` (line:column, both
    counted from 1), on one line; empty if the position is not in the text."""
    line_no, column = int(where.group(1)), int(where.group(2))
    # the engine counts lines at "\n" only (a form feed or U+2028 is no line end to it);
    # a position on the line after the last newline is the end of the text
    lines = text.split("\n")
    if not 1 <= line_no <= len(lines) or column < 1:
        return ""
    upto = "\n".join(lines[: line_no - 1] + [lines[line_no - 1][: column - 1]])
    flat = " ".join(upto.split())
    if len(flat) > _EXCERPT_CHARS:
        flat = "…" + flat[-_EXCERPT_CHARS:].lstrip()
    return flat


def _undeclared_prefixes(text: str) -> list[str]:
    """Prefixes used in prefixed names but declared by no PREFIX, in order of use."""
    declared: set[str] = set()
    used: list[str] = []
    previous = ""
    for token in _Lexer(text).tokens():
        if token.kind == "pname":
            prefix = token.text.partition(":")[0] + ":"
            if previous == "prefix":
                declared.add(prefix)
            elif prefix not in declared and prefix not in used:
                used.append(prefix)
        previous = token.keyword
    return [p for p in used if p not in declared]


def _first_word(text: str) -> str:
    """The first keyword after the prologue (BASE and PREFIX declarations)."""
    expecting = 0  # tokens of a declaration still to skip
    for token in _Lexer(text).tokens():
        if expecting:
            expecting -= 1
            continue
        if token.keyword in ("prefix", "base"):
            expecting = 2 if token.keyword == "prefix" else 1
            continue
        return token.keyword
    return ""
