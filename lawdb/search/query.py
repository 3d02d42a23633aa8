"""The query language: a small hand-written parser with helpful errors.

Grammar (``docs/search.md`` has the user's version, with examples)::

    query    := or_expr
    or_expr  := and_expr ( OR and_expr )*
    and_expr := unary ( [AND] unary )*          adjacent clauses are ANDed
    unary    := ( NOT | "-" ) unary | "+" unary | primary
    primary  := "(" or_expr ")" | field ":" value | atom
    value    := "(" or_expr ")" | range | atom
    atom     := phrase [ "~" N ] | word [ "~" [N] ] | prefix* | wild?card
              | citation | case number | section reference | statute name

Operators are the upper-case words AND, OR, NOT (and ``&&``, ``||``, ``!``);
lower-case "and"/"or"/"not" are ordinary (stop) words. Citations ("2019 SCMR
1234"), case numbers ("Crl.A. No. 964-J of 2023"), section references ("u/s
292-B PPC") and statute names ("PECA", "Pakistan Penal Code") are recognised
wherever they are written and become atoms of their own.

:func:`parse` raises :class:`QueryError` (with the position and a hint) on a
malformed query and never anything else; parsing is linear in the length of
the query, which is capped at :data:`MAX_QUERY_LENGTH` characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawdb.search import legal_terms

MAX_QUERY_LENGTH = 1000
MAX_CLAUSES = 64
MAX_DEPTH = 16
MAX_SLOP = 50

#: Field names a query may use, and what they are called internally.
FIELDS = {
    "title": "title", "text": "text", "body": "text",
    "court": "court", "seat": "seat", "bench": "seat",
    "judge": "judge", "judges": "judge", "justice": "judge",
    "party": "party", "parties": "party",
    "kind": "kind", "type": "kind",
    "statute": "statute", "act": "statute",
    "section": "section", "sec": "section", "s": "section",
    "year": "year", "date": "date",
    "cites": "cites", "cited": "cites",
    "citedby": "citedby", "cited_by": "citedby",
    "citation": "citation", "cite": "citation",
    "case": "case",
    "outcome": "outcome", "punishment": "punishment",
    "lang": "lang", "language": "lang",
    "id": "id", "doc": "id",
}
FIELD_LIST = ("title, text, court, seat, judge, party, kind, statute, section, year, date, cites, citedby, "
              "citation, case, outcome, punishment, lang, id")


class QueryError(ValueError):
    """A query that cannot be understood; ``message`` says why and how to fix it."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        return f"{self.message} (at character {self.position + 1})"


# -- the syntax tree -------------------------------------------------------------------------

@dataclass
class Node:
    start: int = field(default=0, kw_only=True)
    end: int = field(default=0, kw_only=True)


@dataclass
class Word(Node):
    text: str


@dataclass
class Phrase(Node):
    text: str
    slop: int | None = None  #: "..."~N: within N words of each other, any order


@dataclass
class Prefix(Node):
    text: str  #: without the "*"


@dataclass
class Wildcard(Node):
    pattern: str


@dataclass
class Fuzzy(Node):
    text: str
    distance: int


@dataclass
class Citation(Node):
    normalized: str
    raw: str


@dataclass
class CaseNumber(Node):
    keys: list[str]
    raw: str


@dataclass
class SectionRef(Node):
    sections: list[tuple[str | None, str]]
    raw: str


@dataclass
class ActRef(Node):
    key: str
    raw: str


@dataclass
class Abbreviation(Node):
    """A legal term written out in full ("first information report"): also searched as "FIR"."""

    abbreviation: str
    raw: str


@dataclass
class Range(Node):
    low: str | None
    high: str | None


@dataclass
class Field(Node):
    name: str  #: the internal field name (see FIELDS)
    value: Node


@dataclass
class And(Node):
    items: list[Node]


@dataclass
class Or(Node):
    items: list[Node]


@dataclass
class Not(Node):
    item: Node


def walk(node: Node):
    """Every node of the tree, depth first."""
    yield node
    if isinstance(node, (And, Or)):
        for item in node.items:
            yield from walk(item)
    elif isinstance(node, Not):
        yield from walk(node.item)
    elif isinstance(node, Field):
        yield from walk(node.value)


# -- lexing ------------------------------------------------------------------------------------

_QUOTES = {'"': '"', "“": "”", "”": "”", "„": "“"}
_SPECIAL = set('()"“”„')
_OPERATORS = {"AND": "AND", "OR": "OR", "NOT": "NOT", "&&": "AND", "||": "OR", "!": "NOT"}
_FIELD_RE = re.compile(r"([A-Za-z_]{1,12}):")
_RANGE_RE = re.compile(r"[\[{]\s*(\S+?)\s+(?:TO|to)\s+(\S+?)\s*[\]}]")
_DOTS_RE = re.compile(r"([^\s()\"]*?)\.\.([^\s()\"]*)")
_SLOP_RE = re.compile(r"~(\d{1,3})?")


@dataclass
class _Tok:
    kind: str  # LP RP OP FIELD PHRASE WORD SPECIAL
    text: str
    start: int
    end: int
    node: Node | None = None
    slop: int | None = None


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.specials = self._recognise(text)

    @staticmethod
    def _recognise(text: str) -> dict[int, tuple[int, Node]]:
        """Citations, case numbers, section references, statute names and spelt-out
        abbreviations, by start position."""
        quoted = _quoted_ranges(text)

        def usable(span: tuple[int, int]) -> bool:
            s, e = span
            chunk = text[s:e]
            if any(q in chunk for q in _QUOTES) or ":" in chunk:
                return False
            if chunk.count("(") != chunk.count(")"):
                return False
            return not any(a < e and s < b for a, b in quoted)

        found: dict[int, tuple[int, Node]] = {}
        taken: list[tuple[int, int]] = []

        def add(span: tuple[int, int], node: Node) -> None:
            if not usable(span) or any(a < span[1] and span[0] < b for a, b in taken):
                return
            node.start, node.end = span
            taken.append(span)
            found[span[0]] = (span[1], node)

        for c in legal_terms.find_query_citations(text):
            add(c.span, Citation(c.normalized, text[c.span[0]:c.span[1]]))
        for m in legal_terms.find_case_numbers(text):
            add(m.span, CaseNumber(m.keys, text[m.span[0]:m.span[1]]))
        for r in legal_terms.find_section_refs(text):
            add(r.span, SectionRef(r.sections, text[r.span[0]:r.span[1]]))
        for a in legal_terms.find_acts(text):
            add(a.span, ActRef(a.key, text[a.span[0]:a.span[1]]))
        for abbreviation, span in legal_terms.find_expansions(text):
            add(span, Abbreviation(abbreviation, text[span[0]:span[1]]))
        return found

    def tokens(self) -> list[_Tok]:
        text = self.text
        out: list[_Tok] = []
        i = 0
        n = len(text)
        while i < n:
            ch = text[i]
            if ch.isspace():
                i += 1
                continue
            if i in self.specials and not (out and out[-1].kind == "FIELD"):
                end, node = self.specials[i]
                out.append(_Tok("SPECIAL", text[i:end], i, end, node=node))
                i = end
                continue
            if ch == "(":
                out.append(_Tok("LP", ch, i, i + 1))
                i += 1
                continue
            if ch == ")":
                out.append(_Tok("RP", ch, i, i + 1))
                i += 1
                continue
            if ch in _QUOTES:
                close = _QUOTES[ch]
                j = _find_close(text, i + 1, close)
                if j < 0:
                    raise QueryError("a phrase is not closed: add the closing quote mark", i)
                tok = _Tok("PHRASE", text[i + 1:j], i, j + 1)
                m = _SLOP_RE.match(text, j + 1)
                if m:
                    if m.group(1) is None:
                        raise QueryError('a proximity search needs a number: "obscene material"~5', j + 1)
                    tok.slop = int(m.group(1))
                    tok.end = m.end()
                out.append(tok)
                i = tok.end
                continue
            m = _FIELD_RE.match(text, i)
            if m and (i == 0 or not text[i - 1].isalnum()):
                name = m.group(1).lower()
                if m.end() >= n or text[m.end()].isspace():
                    if name in FIELDS:
                        raise QueryError(f"{name}: needs a value right after the colon, e.g. "
                                         f"{_FIELD_EXAMPLES.get(FIELDS[name], FIELDS[name] + ':value')}", i)
                    m = None  # "Held: bail": a word followed by a colon, not a field
            if m and (i == 0 or not text[i - 1].isalnum()):
                name = m.group(1).lower()
                if name not in FIELDS:
                    raise QueryError(
                        f"unknown field {m.group(1)!r}: fields are {FIELD_LIST}; to search for the "
                        f'text itself, put it in quotes ("{m.group(1)}:...")', i)
                out.append(_Tok("FIELD", FIELDS[name], i, m.end()))
                i = m.end()
                out.extend(self._field_value(FIELDS[name], i))
                i = out[-1].end if out[-1].kind != "FIELD" else i
                continue
            j = i
            while j < n and not text[j].isspace() and text[j] not in _SPECIAL:
                j += 1
            if j == i:  # a lone special character that opened nothing
                j = i + 1
            word = text[i:j]
            if word in _OPERATORS:
                out.append(_Tok("OP", _OPERATORS[word], i, j))
            elif word.startswith(("&&", "||")) or (word.startswith("!") and len(word) > 1):
                op = word[:1] if word.startswith("!") else word[:2]
                out.append(_Tok("OP", _OPERATORS[op], i, i + len(op)))
                j = i + len(op)
            else:
                out.append(_Tok("WORD", word, i, j))
            i = j
        return out

    def _field_value(self, name: str, i: int) -> list[_Tok]:
        """The token(s) of a field's value starting at ``i`` (a group is lexed normally)."""
        text = self.text
        if i >= len(text) or text[i] in "()" or text[i] in _QUOTES:
            return []  # a group or a phrase: the main loop reads it
        special = self.specials.get(i)
        if special is not None:
            end, node = special
            fits = {"cites": Citation, "citedby": Citation, "citation": Citation, "case": CaseNumber,
                    "section": SectionRef, "statute": (ActRef, SectionRef)}.get(name)
            at_boundary = end >= len(text) or text[end].isspace() or text[end] in "()"
            if fits is not None and isinstance(node, fits) and at_boundary:
                return [_Tok("SPECIAL", text[i:end], i, end, node=node)]
        m = _RANGE_RE.match(text, i)
        if m:
            return [_Tok("WORD", "", i, m.end(), node=Range(_open(m.group(1)), _open(m.group(2)),
                                                            start=i, end=m.end()))]
        if text[i] in "[{":
            raise QueryError("a range is written [FROM TO TO], e.g. date:[2023-01-01 TO 2023-06-30]", i)
        j = i
        while j < len(text) and not text[j].isspace() and text[j] not in _SPECIAL:
            j += 1
        value = text[i:j]
        m = _DOTS_RE.fullmatch(value)
        if m:
            return [_Tok("WORD", value, i, j, node=Range(_open(m.group(1)), _open(m.group(2)),
                                                        start=i, end=j))]
        return [_Tok("WORD", value, i, j)]


def _open(bound: str) -> str | None:
    return None if bound in ("", "*") else bound


def _find_close(text: str, start: int, close: str) -> int:
    for j in range(start, len(text)):
        if text[j] == close or (close == "”" and text[j] == '"') or (close == '"' and text[j] == "”"):
            return j
    return -1


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    i = 0
    while i < len(text):
        if text[i] in _QUOTES:
            j = _find_close(text, i + 1, _QUOTES[text[i]])
            if j < 0:
                ranges.append((i, len(text)))
                break
            ranges.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return ranges


# -- parsing ------------------------------------------------------------------------------------

_WILD = set("*?")
_FUZZY_RE = re.compile(r"^(.+?)~(\d)?$")


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _Lexer(text).tokens()
        self.i = 0
        self.depth = 0
        self.clauses = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        if not self.toks:
            raise QueryError("the query is empty: type a few words, a citation or a case number")
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:
            if tok.kind == "RP":
                raise QueryError("a closing bracket ')' has no opening '('", tok.start)
            raise QueryError(f"unexpected {tok.text!r}", tok.start)
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "OP" and tok.text == "OR":
            self.take()
            if self.peek() is None or self.peek().kind == "RP":
                raise QueryError("OR needs something after it: bail OR parole", tok.start)
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(items, start=items[0].start, end=items[-1].end)

    def and_expr(self) -> Node:
        items = [self.unary()]
        while (tok := self.peek()) is not None and not (tok.kind == "RP" or (
                tok.kind == "OP" and tok.text == "OR")):
            if tok.kind == "OP" and tok.text == "AND":
                self.take()
                nxt = self.peek()
                if nxt is None or nxt.kind == "RP" or (nxt.kind == "OP" and nxt.text in ("AND", "OR")):
                    raise QueryError("AND needs something after it: bail AND cancellation", tok.start)
            items.append(self.unary())
        return items[0] if len(items) == 1 else And(items, start=items[0].start, end=items[-1].end)

    def unary(self) -> Node:
        tok = self.peek()
        if tok is None:
            raise QueryError("the query ends too early", len(self.text))
        if tok.kind == "OP":
            if tok.text == "NOT":
                self.take()
                if self.peek() is None or self.peek().kind in ("RP",) or (
                        self.peek().kind == "OP" and self.peek().text != "NOT"):
                    raise QueryError("NOT needs something after it: bail NOT cancellation", tok.start)
                item = self.unary()
                return Not(item, start=tok.start, end=item.end)
            raise QueryError(f"{tok.text} needs something before it", tok.start)
        if tok.kind == "WORD" and tok.node is None and tok.text[:1] in "-+" and len(tok.text) > 1:
            sign = tok.text[0]
            tok.text = tok.text[1:]
            tok.start += 1
            item = self.unary()
            return Not(item, start=tok.start - 1, end=item.end) if sign == "-" else item
        return self.primary()

    def primary(self, field_name: str | None = None) -> Node:
        tok = self.peek()
        if tok is None:
            raise QueryError("the query ends too early", len(self.text))
        if tok.kind == "LP":
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QueryError(f"brackets nest too deep (at most {MAX_DEPTH} levels)", tok.start)
            if self.peek() is None:
                raise QueryError("an opening bracket '(' is not closed", tok.start)
            if self.peek().kind == "RP":
                raise QueryError("empty brackets: put something between ( and )", tok.start)
            node = self.or_expr()
            close = self.peek()
            if close is None or close.kind != "RP":
                raise QueryError("an opening bracket '(' is not closed", tok.start)
            self.take()
            self.depth -= 1
            node.start, node.end = tok.start, close.end
            return node
        if tok.kind == "RP":
            raise QueryError("a closing bracket ')' has no opening '('", tok.start)
        if tok.kind == "FIELD":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("RP", "OP") or nxt.start != tok.end:
                raise QueryError(f"{tok.text}: needs a value right after the colon, e.g. "
                                 f"{_FIELD_EXAMPLES.get(tok.text, tok.text + ':value')}", tok.start)
            if nxt.kind == "FIELD":
                raise QueryError("a field's value cannot be another field", nxt.start)
            value = self.primary(field_name=tok.text)
            return Field(tok.text, value, start=tok.start, end=value.end)
        self.take()
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            raise QueryError(f"the query has too many parts (at most {MAX_CLAUSES})", tok.start)
        if tok.node is not None:
            return tok.node
        if tok.kind == "PHRASE":
            return self.phrase(tok)
        return self.word(tok, field_name)

    def phrase(self, tok: _Tok) -> Node:
        inner = tok.text.strip()
        if not inner:
            raise QueryError('an empty phrase: put words between the quote marks', tok.start)
        if tok.slop is not None and tok.slop > MAX_SLOP:
            raise QueryError(f"proximity can be at most {MAX_SLOP} words", tok.start)
        return Phrase(inner, tok.slop, start=tok.start, end=tok.end)

    def word(self, tok: _Tok, field_name: str | None) -> Node:
        text = tok.text
        if field_name is None:
            text = text.strip(".,;:!?'\u2019") or text if not any(c in _WILD for c in text) else text
        start, end = tok.start, tok.end
        m = _FUZZY_RE.match(text)
        if m and not any(c in _WILD for c in text):
            distance = int(m.group(2)) if m.group(2) else 1
            if distance > 2:
                raise QueryError("fuzziness can be ~1 or ~2 (letters that may differ)", start)
            if len(m.group(1)) < 3:
                raise QueryError("a fuzzy word needs at least 3 letters: rape~1", start)
            return Fuzzy(m.group(1), distance, start=start, end=end)
        if "~" in text and not text.endswith("~"):
            raise QueryError("write a fuzzy word as word~1 or word~2", start)
        text = text.rstrip("~") or text
        if any(c in _WILD for c in text):
            first = min(text.index(c) for c in _WILD if c in text)
            literal = text[:first]
            if len(re.sub(r"\W", "", literal)) < 2:
                raise QueryError(
                    "a wildcard needs at least two letters before * or ? (obsc* or porn?graphy)", start)
            if text.endswith("*") and not any(c in _WILD for c in text[:-1]):
                return Prefix(text[:-1], start=start, end=end)
            return Wildcard(text, start=start, end=end)
        return Word(text, start=start, end=end)


_FIELD_EXAMPLES = {
    "court": 'court:"Lahore High Court"', "judge": 'judge:"Ali Baqar Najafi"', "year": "year:2020..2024",
    "date": "date:[2023-01-01 TO 2023-06-30]", "cites": 'cites:"2019 SCMR 1234"', "kind": "kind:judgment",
    "section": "section:PECA:22", "statute": "statute:PPC", "case": 'case:"Crl.A. 964-J/2023"',
}


def parse(text: str) -> Node:
    """The syntax tree of ``text``; raises :class:`QueryError` for a malformed query."""
    if not isinstance(text, str):
        raise QueryError("the query must be text")
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"the query is too long (at most {MAX_QUERY_LENGTH} characters)")
    text = text.replace("\x00", " ")
    try:
        return _Parser(text).parse()
    except QueryError:
        raise
    except RecursionError:
        raise QueryError("the query nests too deep") from None
