"""The boolean query language of watches.

A watch says which mentions belong to a brand::

    ("lumbre burger" OR @lumbreburger OR #lumbre*) AND NOT "lumbre eterna"
    lumbre NEAR/3 (hamburguesa* OR burger*) lang:es
    (queja OR reclamación) -channel:news author:@competidor

* ``AND`` (or just a space), ``OR``, ``NOT`` (or a leading ``-``), and parentheses.
  The Spanish ``Y``, ``O``, ``NO`` work too.  Operators are upper case; lower-case
  ``and``/``or`` are ordinary words.  Precedence: NOT, then NEAR, then AND, then OR.
* ``"exact phrases"``; ``word*`` matches any word starting with ``word`` (at least
  three letters before the ``*``).
* ``a NEAR/n b`` (or ``CERCA/n``): both present, in any order, with at most ``n``
  other words between them (``NEAR/0``: side by side).  Its sides are words, phrases
  or OR-groups of them.
* Filters: ``lang:es``, ``channel:twitter``, ``author:@handle``, ``source:rss*``
  (Spanish ``idioma:``, ``canal:``, ``autor:``, ``fuente:``).
* Matching ignores case and accents (``intoxicacion`` finds ``intoxicación``), but
  keeps ``ñ``.  A plain word also matches the ``@handle`` and ``#hashtag`` of that word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from oteo.i18n import t
from oteo.text import fold, tokens, unstretched

Span = tuple[int, int]  # first and last word position, inclusive

FIELDS = {
    "lang": "lang",
    "idioma": "lang",
    "channel": "channel",
    "canal": "channel",
    "author": "author",
    "autor": "author",
    "source": "source",
    "fuente": "source",
}
_OPERATORS = {"AND": "AND", "Y": "AND", "OR": "OR", "O": "OR", "NOT": "NOT", "NO": "NOT"}
_NEAR = re.compile(r"^(?:NEAR|CERCA)/(\d{1,3})$")
_MIN_PREFIX = 3


class QueryError(ValueError):
    """A query that cannot be parsed; ``column`` is 1-based within the query text."""

    def __init__(self, key: str, column: int, **values: object) -> None:
        self.key = key
        self.column = column
        self.values = values
        super().__init__(self.message())

    def message(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.values)

    def fix(self, lang: str | None = None) -> str:
        return t(self.key + ".fix", lang, **self.values)

    def explain(self, lang: str | None = None) -> str:
        return t(
            "query.error", lang, column=self.column, message=self.message(lang), fix=self.fix(lang)
        )


# --------------------------------------------------------------------------- documents


@dataclass(slots=True)
class Doc:
    """A mention prepared for matching against many watches (tokenised once)."""

    words: list[str]  # folded words without sigils, by position
    index: dict[str, list[int]]  # bare word -> positions
    tagged: dict[str, list[int]]  # @handle / #hashtag -> positions
    #: position -> what a word stretched for emphasis may stand for ("lumbreee": lumbre)
    variants: dict[int, tuple[str, ...]]
    lang: str | None = ""  # None: not known yet, ``detect`` tells when a filter asks
    channel: str = ""
    author: str = ""
    source: str = ""
    detect: Callable[[], str] | None = None

    def language(self) -> str:
        """The language code, detected the first time a ``lang:`` filter asks (most
        watches have none, and understanding detects it later anyway)."""
        if self.lang is None:
            self.lang = self.detect().lower() if self.detect else ""
        return self.lang

    @classmethod
    def build(
        cls,
        text: str,
        *,
        lang: str | None = None,
        channel: str | None = None,
        author: str | None = None,
        source: str | None = None,
        detect: Callable[[], str] | None = None,
    ) -> Doc:
        """``detect`` gives the language when ``lang`` is empty and a filter needs it."""
        words: list[str] = []
        index: dict[str, list[int]] = {}
        tagged: dict[str, list[int]] = {}
        variants: dict[int, tuple[str, ...]] = {}
        for pos, token in enumerate(tokens(text)):
            bare = token.lstrip("@#")
            words.append(bare)
            sigil = token[: len(token) - len(bare)]
            stretched = unstretched(bare)
            if stretched:
                variants[pos] = stretched
            for form in (bare, *stretched):
                index.setdefault(form, []).append(pos)
                if sigil:
                    tagged.setdefault(sigil + form, []).append(pos)
        return cls(
            words,
            index,
            tagged,
            variants,
            lang.lower() if lang else (None if detect else ""),
            (channel or "").lower(),
            fold(author or "").lstrip("@"),
            (source or "").lower(),
            detect,
        )


# --------------------------------------------------------------------------- the tree


class Node:
    """A node of a parsed query."""

    spannable = False

    def test(self, doc: Doc) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError

    def spans(self, doc: Doc) -> list[Span]:  # pragma: no cover - only spannable nodes
        raise NotImplementedError

    def positive_terms(self) -> Iterable[str]:
        return ()


@dataclass(slots=True)
class Word(Node):
    """One word: ``lumbre``, ``burger*``, ``@lumbreburger``, ``#lumbre``."""

    text: str
    prefix: bool = False
    spannable = True

    def _positions(self, doc: Doc) -> list[int]:
        table = doc.tagged if self.text[0] in "@#" else doc.index
        if not self.prefix:
            return table.get(self.text, [])
        found: list[int] = []
        for word, positions in table.items():
            if word.startswith(self.text):
                found.extend(positions)
        return list(dict.fromkeys(found))  # a stretched word is indexed as its forms too

    def test(self, doc: Doc) -> bool:
        return bool(self._positions(doc))

    def spans(self, doc: Doc) -> list[Span]:
        return [(p, p) for p in self._positions(doc)]

    def positive_terms(self) -> Iterable[str]:
        yield self.text + ("*" if self.prefix else "")


@dataclass(slots=True)
class Phrase(Node):
    """Consecutive words: ``"lumbre burger"``."""

    words: list[Word]
    spannable = True

    def spans(self, doc: Doc) -> list[Span]:
        first, rest = self.words[0], self.words[1:]
        found: list[Span] = []
        for start, _ in first.spans(doc):
            if start + len(rest) >= len(doc.words):
                continue
            if all(_word_at(w, doc, start + i + 1) for i, w in enumerate(rest)):
                found.append((start, start + len(rest)))
        return found

    def test(self, doc: Doc) -> bool:
        return bool(self.spans(doc))

    def positive_terms(self) -> Iterable[str]:
        yield " ".join(w.text for w in self.words)


def _word_at(word: Word, doc: Doc, pos: int) -> bool:
    if word.text[0] in "@#":
        return pos in doc.tagged.get(word.text, ())
    forms = (doc.words[pos], *doc.variants.get(pos, ()))
    if word.prefix:
        return any(f.startswith(word.text) for f in forms)
    return word.text in forms


@dataclass(slots=True)
class Near(Node):
    left: Node
    right: Node
    distance: int
    spannable = True

    def spans(self, doc: Doc) -> list[Span]:
        left = self.left.spans(doc)
        if not left:
            return []
        right = self.right.spans(doc)
        found: list[Span] = []
        for a in left:
            for b in right:
                # words strictly between the two spans (negative when they overlap)
                between = b[0] - a[1] - 1 if b[0] > a[1] else a[0] - b[1] - 1
                if between <= self.distance:
                    found.append((min(a[0], b[0]), max(a[1], b[1])))
        return found

    def test(self, doc: Doc) -> bool:
        return bool(self.spans(doc))

    def positive_terms(self) -> Iterable[str]:
        yield from self.left.positive_terms()
        yield from self.right.positive_terms()


@dataclass(slots=True)
class Or(Node):
    children: list[Node]

    @property
    def spannable(self) -> bool:  # type: ignore[override]
        return all(c.spannable for c in self.children)

    def test(self, doc: Doc) -> bool:
        return any(c.test(doc) for c in self.children)

    def spans(self, doc: Doc) -> list[Span]:
        return [s for c in self.children for s in c.spans(doc)]

    def positive_terms(self) -> Iterable[str]:
        for c in self.children:
            yield from c.positive_terms()


@dataclass(slots=True)
class And(Node):
    children: list[Node]

    def test(self, doc: Doc) -> bool:
        return all(c.test(doc) for c in self.children)

    def positive_terms(self) -> Iterable[str]:
        for c in self.children:
            yield from c.positive_terms()


@dataclass(slots=True)
class Not(Node):
    child: Node

    def test(self, doc: Doc) -> bool:
        return not self.child.test(doc)


@dataclass(slots=True)
class Filter(Node):
    """``lang:es``, ``channel:twitter``, ``author:@x``, ``source:rss*``."""

    field: str
    value: str
    prefix: bool = False

    def test(self, doc: Doc) -> bool:
        actual: str = doc.language() if self.field == "lang" else getattr(doc, self.field)
        if self.prefix:
            return actual.startswith(self.value)
        if self.field == "lang":  # lang:pt also matches pt-br
            return actual == self.value or actual.startswith(self.value + "-")
        return actual == self.value


# --------------------------------------------------------------------------- lexer


@dataclass(slots=True)
class _Tok:
    kind: str  # LPAR RPAR WORD PHRASE FILTER AND OR NOT NEAR END
    text: str
    column: int
    value: object = None


def _lex(source: str) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        col = i + 1
        if ch.isspace():
            i += 1
        elif ch in "()":
            out.append(_Tok("LPAR" if ch == "(" else "RPAR", ch, col))
            i += 1
        elif ch == '"':
            end = source.find('"', i + 1)
            if end < 0:
                raise QueryError("query.unclosed_quote", col)
            out.append(_Tok("PHRASE", source[i + 1 : end], col))
            i = end + 1
        elif ch == "-" and i + 1 < n and not source[i + 1].isspace() and source[i + 1] != "-":
            out.append(_Tok("NOT", "-", col))
            i += 1
        else:
            j = i
            while j < n and not source[j].isspace() and source[j] not in '()"':
                j += 1
            word = source[i:j]
            if word.endswith(":") and j < n and source[j] == '"':  # author:"Ana Pérez"
                end = source.find('"', j + 1)
                if end < 0:
                    raise QueryError("query.unclosed_quote", j + 1)
                out.append(_filter_token(word[:-1], source[j + 1 : end], col))
                i = end + 1
                continue
            out.append(_word_token(word, col))
            i = j
    out.append(_Tok("END", "", n + 1))
    return out


def _word_token(word: str, col: int) -> _Tok:
    if word in _OPERATORS:
        return _Tok(_OPERATORS[word], word, col)
    near = _NEAR.match(word)
    if near:
        return _Tok("NEAR", word, col, int(near.group(1)))
    if word.upper().startswith(("NEAR/", "CERCA/")):
        raise QueryError("query.bad_near", col, text=word)
    if ":" in word and not word.startswith(("@", "#")):
        name, _, value = word.partition(":")
        return _filter_token(name, value, col)
    return _Tok("WORD", word, col)


def _filter_token(name: str, value: str, col: int) -> _Tok:
    key = FIELDS.get(name.lower())
    if key is None:
        raise QueryError(
            "query.unknown_filter", col, name=name, known=", ".join(sorted(set(FIELDS.values())))
        )
    value = value.strip()
    if not value:
        raise QueryError("query.empty_filter", col, name=name)
    return _Tok("FILTER", f"{name}:{value}", col, (key, value))


# --------------------------------------------------------------------------- parser


class _Parser:
    def __init__(self, source: str) -> None:
        self.toks = _lex(source)
        self.pos = 0

    @property
    def tok(self) -> _Tok:
        return self.toks[self.pos]

    def take(self) -> _Tok:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node:
        if self.tok.kind == "END":
            raise QueryError("query.empty", 1)
        node = self.or_expr()
        if self.tok.kind == "RPAR":
            raise QueryError("query.unopened_paren", self.tok.column)
        if self.tok.kind != "END":  # pragma: no cover - and_expr consumes everything else
            raise QueryError("query.unexpected", self.tok.column, text=self.tok.text)
        return node

    def or_expr(self) -> Node:
        children = [self.and_expr()]
        while self.tok.kind == "OR":
            self.take()
            children.append(self.and_expr())
        return children[0] if len(children) == 1 else Or(children)

    def and_expr(self) -> Node:
        children = [self.unary()]
        while self.tok.kind not in ("OR", "RPAR", "END"):
            if self.tok.kind == "AND":
                self.take()
            children.append(self.unary())
        return children[0] if len(children) == 1 else And(children)

    def unary(self) -> Node:
        if self.tok.kind == "NOT":
            self.take()
            return Not(self.unary())
        return self.near_expr()

    def near_expr(self) -> Node:
        start = self.tok
        node = self.primary()
        while self.tok.kind == "NEAR":
            near = self.take()
            right_tok = self.tok
            right = self.primary()
            for side, tok in ((node, start), (right, right_tok)):
                if not side.spannable:
                    raise QueryError("query.near_operand", tok.column, text=near.text)
            node = Near(node, right, int(near.value))  # type: ignore[arg-type]
        return node

    def primary(self) -> Node:
        tok = self.take()
        if tok.kind == "LPAR":
            if self.tok.kind == "RPAR":
                raise QueryError("query.empty_group", tok.column)
            node = self.or_expr()
            if self.tok.kind != "RPAR":
                raise QueryError("query.unclosed_paren", tok.column)
            self.take()
            return node
        if tok.kind == "WORD":
            return _word_node(tok.text, tok.column)
        if tok.kind == "PHRASE":
            return _phrase_node(tok.text, tok.column)
        if tok.kind == "FILTER":
            key, value = tok.value  # type: ignore[misc]
            return _filter_node(key, value, tok.column)
        if tok.kind == "END":
            raise QueryError("query.dangling", tok.column)
        if tok.kind == "RPAR":
            raise QueryError("query.unopened_paren", tok.column)
        raise QueryError("query.misplaced_operator", tok.column, text=tok.text)


def _word_node(text: str, column: int) -> Node:
    prefix = text.endswith("*")
    body = text[:-1] if prefix else text
    if "*" in body:
        raise QueryError("query.inner_wildcard", column, text=text)
    sigil = body[0] if body[:1] in ("@", "#") else ""
    parts = tokens(body)
    if not parts:
        raise QueryError("query.no_letters", column, text=text)
    if prefix and len(parts[-1].lstrip("@#")) < _MIN_PREFIX:
        raise QueryError("query.short_prefix", column, text=text, n=_MIN_PREFIX)
    if len(parts) > 1:  # "lumbre-burger" is the phrase "lumbre burger"
        words = [Word(p) for p in parts]
        words[-1].prefix = prefix
        return Phrase(words)
    word = parts[0]
    if sigil and not word.startswith(sigil):
        word = sigil + word
    return Word(word, prefix)


def _phrase_node(text: str, column: int) -> Node:
    words: list[Word] = []
    for raw in text.split():
        node = _word_node(raw, column)
        words.extend(node.words if isinstance(node, Phrase) else [node])  # type: ignore[list-item]
    if not words:
        raise QueryError("query.empty_phrase", column)
    if any(w.prefix for w in words[:-1]):
        raise QueryError("query.phrase_wildcard", column, text=text)
    return words[0] if len(words) == 1 else Phrase(words)


def _filter_node(key: str, value: str, column: int) -> Node:
    prefix = value.endswith("*")
    value = value[:-1] if prefix else value
    if "*" in value:
        raise QueryError("query.inner_wildcard", column, text=value + "*")
    value = fold(value).lstrip("@") if key == "author" else value.lower()
    if not value:
        raise QueryError("query.empty_filter", column, name=key)
    return Filter(key, value, prefix)


# --------------------------------------------------------------------------- public API


@dataclass(slots=True)
class Query:
    """A compiled watch query."""

    source: str
    root: Node
    terms: tuple[str, ...] = field(default=())

    def matches(self, doc: Doc) -> bool:
        return self.root.test(doc)


def parse(source: str) -> Query:
    """Compile a query, or raise :class:`QueryError` saying where and how to fix it."""
    if not isinstance(source, str):
        raise QueryError("query.empty", 1)
    try:
        root = _Parser(source).parse()
    except RecursionError:  # thousands of "(" or NOT: Python's stack ends first
        raise QueryError("query.too_deep", 1) from None
    terms = tuple(dict.fromkeys(root.positive_terms()))
    if not terms:
        raise QueryError("query.no_terms", 1)
    return Query(source, root, terms)


def matches(query: str | Query, text: str, **fields: str | None) -> bool:
    """Convenience: does ``text`` (with optional ``lang``/``channel``/… fields) match?"""
    compiled = parse(query) if isinstance(query, str) else query
    return compiled.matches(Doc.build(text, **fields))
