"""A tiny template language for simulated posts.

``(a|b|c)`` picks one alternative, ``[x]`` includes ``x`` half the time, ``{slot}``
expands a word list (whose entries are templates too).  Templates are parsed once into
a tree; :meth:`Grammar.expand` walks it with a seeded RNG, so the same seed gives the
same text.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class Node:
    def expand(
        self, rng: random.Random, slots: Mapping[str, Sequence[Node]]
    ) -> str:  # pragma: no cover
        raise NotImplementedError


@dataclass(slots=True)
class Lit(Node):
    text: str

    def expand(self, rng: random.Random, slots: Mapping[str, Sequence[Node]]) -> str:
        return self.text


@dataclass(slots=True)
class Seq(Node):
    parts: list[Node]

    def expand(self, rng: random.Random, slots: Mapping[str, Sequence[Node]]) -> str:
        return "".join(p.expand(rng, slots) for p in self.parts)


@dataclass(slots=True)
class Alt(Node):
    options: list[Node]

    def expand(self, rng: random.Random, slots: Mapping[str, Sequence[Node]]) -> str:
        return self.options[rng.randrange(len(self.options))].expand(rng, slots)


@dataclass(slots=True)
class Opt(Node):
    body: Node

    def expand(self, rng: random.Random, slots: Mapping[str, Sequence[Node]]) -> str:
        return self.body.expand(rng, slots) if rng.random() < 0.5 else ""


@dataclass(slots=True)
class Slot(Node):
    name: str

    def expand(self, rng: random.Random, slots: Mapping[str, Sequence[Node]]) -> str:
        options = slots.get(self.name)
        if not options:
            raise KeyError(f"no slot {{{self.name}}}")
        return options[rng.randrange(len(options))].expand(rng, slots)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def parse(self) -> Node:
        node = self.alternatives(end="")
        if self.i != len(self.text):
            raise ValueError(f"unbalanced template at {self.i}: {self.text!r}")
        return node

    def alternatives(self, end: str) -> Node:
        options = [self.sequence(end)]
        while self.i < len(self.text) and self.text[self.i] == "|":
            self.i += 1
            options.append(self.sequence(end))
        return options[0] if len(options) == 1 else Alt(options)

    def sequence(self, end: str) -> Node:
        parts: list[Node] = []
        buf: list[str] = []
        text = self.text
        while self.i < len(text):
            ch = text[self.i]
            if ch == "|" or (end and ch == end):
                break
            if ch in "([{":
                if buf:
                    parts.append(Lit("".join(buf)))
                    buf = []
                self.i += 1
                if ch == "{":
                    close = text.index("}", self.i)
                    parts.append(Slot(text[self.i : close]))
                    self.i = close + 1
                    continue
                closer = ")" if ch == "(" else "]"
                inner = self.alternatives(end=closer)
                if self.i >= len(text) or text[self.i] != closer:
                    raise ValueError(f"missing {closer!r} in template {text!r}")
                self.i += 1
                parts.append(inner if ch == "(" else Opt(inner))
                continue
            if ch in ")]":
                raise ValueError(f"unbalanced {ch!r} in template {text!r}")
            buf.append(ch)
            self.i += 1
        if buf:
            parts.append(Lit("".join(buf)))
        return parts[0] if len(parts) == 1 else Seq(parts)


def compile_template(text: str) -> Node:
    return _Parser(text).parse()


_SPACES = re.compile(r"\s{2,}")
_SENTENCE = re.compile(r"([.!?] )([a-záéíóúñ])")
_SPACE_PUNCT = re.compile(r"\s+([,.;:!?])")


def tidy(text: str) -> str:
    """Collapse the double spaces and stray spaces before punctuation left by options."""
    text = _SPACE_PUNCT.sub(r"\1", _SPACES.sub(" ", text)).strip()
    text = text.replace(",,", ",").replace(" ,", ",")
    text = _SENTENCE.sub(lambda m: m.group(1) + m.group(2).upper(), text)
    if text[:1].islower() and not text.startswith(("@", "#", "http")):
        text = text[0].upper() + text[1:]
    return text


class Grammar:
    """Compiled templates by kind, and slot word lists, for one language."""

    def __init__(
        self, templates: Mapping[str, Sequence[str]], slots: Mapping[str, Sequence[str]]
    ) -> None:
        self.templates = {
            kind: [compile_template(t) for t in items] for kind, items in templates.items()
        }
        self.slots: dict[str, list[Node]] = {
            name: [compile_template(v) for v in values] for name, values in slots.items()
        }

    def kinds(self) -> list[str]:
        return list(self.templates)

    def expand(
        self, kind: str, rng: random.Random, extra: Mapping[str, Sequence[Node]] | None = None
    ) -> str:
        slots = self.slots if not extra else {**self.slots, **extra}
        options = self.templates[kind]
        return tidy(options[rng.randrange(len(options))].expand(rng, slots))
