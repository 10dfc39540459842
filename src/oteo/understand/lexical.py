"""Transparent, rule-based reading of a post with the project's lexicons.

Used on its own where no model applies (offence kinds, harm, intent cues) and as
features of the trained models (:func:`lexical_features`), so a model also knows what
the lexicon thinks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from oteo.text import fold
from oteo.understand import lexicon as lx

_WORD = re.compile(r"\w+(?:'\w+)?")
_NEGATION_SCOPE = 3


@dataclass(slots=True)
class Lexical:
    positive: float
    negative: float
    negations: int
    offensive: float
    offensive_kind: str | None
    #: what in the post makes it an attack (a threat, a slur, an insult phrase or word,
    #: as the post spells it); () when the lexicon sees none
    offensive_words: tuple[str, ...]
    swearing: bool
    targeted: bool
    group: bool  # names a group hate speech attacks (women, immigrants...)
    harm: tuple[str, ...]
    words: list[str]
    folded: str
    mobilise: bool = False  # a call to turn on the brand (lexicon.MOBILISE)


def read(text: str) -> Lexical:
    lowered = text.lower()
    folded = lx.unmask(fold(text))
    words = lx.join_multiword(_WORD.findall(folded))
    positive = negative = 0.0
    negations = 0
    negate_left = 0
    boost = 1.0
    for word in words:
        if lx.is_negator(word):
            negate_left = _NEGATION_SCOPE
            negations += 1
            continue
        if lx.is_intensifier(word):
            boost = 1.5
            continue
        value = lx.polarity(word) * boost
        boost = 1.0
        if negate_left:
            negate_left -= 1
            if value:
                value = -value * (0.8 if value > 0 else 0.5)
                negate_left = 0
        if value > 0:
            positive += value
        elif value < 0:
            negative -= value
    mobilise = bool(lx.MOBILISE.search(folded))
    if mobilise:
        negative += 3.0
    emoji = lx.emoji_polarity(text)
    if emoji > 0:
        positive += emoji
    else:
        negative -= emoji
    word_set = set(words)
    targeted = bool(word_set & lx.TARGETS) or "@" in lowered
    swearing = bool(word_set & lx.SWEARS)
    offensive, kind, attack = _offence(folded, word_set, targeted, swearing)
    if attack:
        attack = _as_written(text, folded, attack)
    harm = tuple(name for name, pattern in lx.HARM.items() if pattern.search(folded))
    return Lexical(
        positive,
        negative,
        negations,
        offensive,
        kind,
        attack,
        swearing,
        targeted,
        not word_set.isdisjoint(lx.HATE_GROUPS),
        harm,
        words,
        folded,
        mobilise,
    )


def _offence(
    folded: str, word_set: set[str], targeted: bool, swearing: bool
) -> tuple[float, str | None, tuple[str, ...]]:
    """The lexicon's attack score, its kind and the words that make it one."""
    if found := lx.THREATS.search(folded):
        return 0.95, "threat", (found.group(0).strip(),)
    if hate := word_set & lx.HATE:
        return 0.9, "hate", _shown(hate)
    if found := lx.INSULT_PHRASES.search(folded):
        return 0.9, "insult", (found.group(0).strip(),)
    if insults := word_set & lx.INSULTS:
        return (0.85 if targeted else 0.6), "insult", _shown(insults)
    if gestures := [g for g in lx.INSULT_EMOJI if g in folded]:
        return (0.85 if targeted else 0.6), "insult", tuple(gestures)
    if swearing:
        return 0.2, None, ()  # swearing is not an attack
    return 0.02, None, ()


def _as_written(text: str, folded: str, found: tuple[str, ...]) -> tuple[str, ...]:
    """What the lexicon found in the folded text, as the post spells it ("sinvergüenzas",
    not "sinverguenzas"), where folding kept every character in its place."""
    if len(text) != len(folded):
        return found
    out = []
    for words in found:
        at = folded.find(words)
        out.append(words if at < 0 else text[at : at + len(words)])
    return tuple(out)


def _shown(words: set[str]) -> tuple[str, ...]:
    """Lexicon words as a reader would write them (``hijo_de_puta`` joined for matching)."""
    return tuple(sorted(w.replace("_", " ") for w in words))


def polarity_proba(lex: Lexical, text: str) -> tuple[float, float, float]:
    """The lexicon's own (negative, neutral, positive) guess."""
    shout = 1.0 + min(text.count("!"), 3) * 0.1
    logits = (lex.negative * shout - 0.5, 0.9, lex.positive - 0.5)
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    return exps[0] / total, exps[1] / total, exps[2] / total


LEXICAL_FEATURES = 14
EXCLAIM = 10  # the column counting exclamation marks


def lexical_features(text: str, lex: Lexical | None = None) -> np.ndarray:
    """A small fixed vector: what the lexicon and surface cues say about a post."""
    lex = lex if lex is not None else read(text)
    neg, neu, pos = polarity_proba(lex, text)
    n = max(len(text), 1)
    return np.array(
        [
            neg,
            neu,
            pos,
            min(lex.positive, 10) / 5,
            min(lex.negative, 10) / 5,
            min(lex.negations, 3) / 3,
            lex.offensive,
            float(lex.swearing),
            float(lex.targeted),
            min(len(lex.harm), 2) / 2,
            min(text.count("!"), 5) / 5,
            min(text.count("?") + text.count("¿"), 3) / 3,
            sum(c.isupper() for c in text) / n,
            min(len(lex.words), 60) / 60,
        ],
        dtype=np.float32,
    )


#: what VADER reads of a post: its cost grows with the square of the feeling words (it
#: looks each one up in the list of words), and it writes each emoji as the words that
#: describe it (140 emoji cost 16 ms, 5,000 twelve seconds), so it reads the first
#: characters with its emoji left out (the lexicon scores emoji)
VADER_CHARS = 1_000


@cache
def _vader() -> tuple[Any, dict[int, str]]:
    """VADER's analyser, and a table that blanks the emoji it would write out and
    straightens typographic apostrophes (it knows "don't", not "don’t")."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    return vader, {ord(e): " " for e in vader.emojis if len(e) == 1} | {0x2019: "'"}


def with_vader(x_lexical: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """The lexical features of ``texts`` and VADER's reading of them (its lexicon of
    7,500 English words, with rules for negation, degree words, "but", capitals and
    exclamation marks; it ships in the ``vaderSentiment`` package): the negative,
    neutral and positive shares and the compound score.  VADER reads "!" as emphasis
    in the direction of the words, so the plain count of them, which public tweets
    teach as cheer, is left out (zero)."""
    analyser, no_emoji = _vader()
    vader = np.zeros((len(texts), 4), np.float32)
    for i, text in enumerate(texts):
        s = analyser.polarity_scores(text[:VADER_CHARS].translate(no_emoji))
        vader[i] = s["neg"], s["neu"], s["pos"], s["compound"]
    out = np.hstack([x_lexical, vader])
    out[:, EXCLAIM] = 0.0
    return out
