"""Pools of generated texts per (language, kind), built on first use.

Events carry a text number; the bank turns it into a string only when a mention is
made, so the engine never touches strings.  Pools hold up to :data:`POOL` distinct
texts; people write informally, so a share of them lose their accents, their capitals
or their final full stop, or stretch a word ("buenooo").
"""

from __future__ import annotations

import random

from oteo.sim.grammar import Grammar
from oteo.sim.texts import KINDS, SECTOR_SLOTS, SLOTS_EN, SLOTS_ES, TEMPLATES_EN, TEMPLATES_ES
from oteo.text import fold

POOL = 1024
#: kinds written by organisations or machines: no informal variants
FORMAL = frozenset(
    {
        "news",
        "health_news",
        "outage_news",
        "wrong_post_news",
        "hacked_post",
        "brand_wrong_post",
        "bot_spam",
        "blog_expose",
    }
)


class TextBank:
    def __init__(self, name: str, handle: str, sector: str, seed: int) -> None:
        self.seed = seed
        tag = "#" + "".join(w.capitalize() for w in name.split())
        short = name.split()[0]
        # how people name the brand: mostly its name, sometimes the account, the hashtag or a short form
        brand_forms = [name] * 15 + ["@" + handle] * 3 + [tag, short]
        self.grammars: dict[str, Grammar] = {}
        for lang, templates, slots in (
            ("es", TEMPLATES_ES, SLOTS_ES),
            ("en", TEMPLATES_EN, SLOTS_EN),
        ):
            sector_slots = SECTOR_SLOTS.get(sector, SECTOR_SLOTS["restaurant"])[lang]
            merged = {
                **slots,
                **sector_slots,
                "brand": brand_forms,
                "handle": ["@" + handle],
                "tag": [tag],
            }
            self.grammars[lang] = Grammar(templates, merged)
        self._pools: dict[tuple[str, str], list[str]] = {}

    def text(self, lang: str, kind: str, number: int) -> str:
        pool = self._pools.get((lang, kind))
        if pool is None:
            pool = self._build(lang, kind)
        return pool[number % len(pool)]

    def _build(self, lang: str, kind: str) -> list[str]:
        rng = random.Random(f"{self.seed}:{lang}:{kind}")
        grammar = self.grammars[lang if kind in self.grammars[lang].templates else "es"]
        seen: dict[str, None] = {}
        for _ in range(POOL * 4):
            text = grammar.expand(kind, rng)
            if kind not in FORMAL and rng.random() < 0.3:
                text = _informal(text, rng)
            seen.setdefault(text, None)
            if len(seen) >= POOL:
                break
        pool = list(seen)
        rng.shuffle(pool)
        self._pools[(lang, kind)] = pool
        return pool


def _informal(text: str, rng: random.Random) -> str:
    choice = rng.randrange(5)
    if choice == 0:  # no accents (keeping ñ), as many type on a phone
        return "".join(
            fold(ch) if ch.isalpha() and ch.lower() != "ñ" and fold(ch) != ch.lower() else ch
            for ch in text
        )
    if choice == 1:
        return text.lower()
    if choice == 2:
        return text.rstrip(".")
    if choice == 3:  # stretch the last vowel of the first long word
        words = text.split(" ")
        for i, w in enumerate(words):
            if len(w) > 4 and w[-1] in "aeiou":
                words[i] = w + w[-1] * rng.randrange(2, 5)
                break
        return " ".join(words)
    return text.rstrip(".") + rng.choice(["!!", "!!!", " 🤷", "..."])


def check_complete() -> list[str]:
    """Kinds missing from one language (a test keeps this empty)."""
    return [k for k in KINDS if k not in TEMPLATES_EN] + [
        k for k in TEMPLATES_EN if k not in TEMPLATES_ES
    ]
