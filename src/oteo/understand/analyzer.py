"""The understanding step: one :class:`Analysis` per mention.

This first analyser is lexical and transparent: polarity words with negation and
intensifiers, offence that separates attacks from swearing, intent cues and harm terms.
It is fast (tens of thousands of posts a second) and explains itself.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from oteo.model import Analysis, Intent, Mention, Sentiment
from oteo.text import fold
from oteo.understand import lang as lang_detect
from oteo.understand import lexicon as lx

_WORD = re.compile(r"\w+(?:'\w+)?")
_NEGATION_SCOPE = 3


def _softmax(logits: tuple[float, float, float]) -> tuple[float, float, float]:
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    return exps[0] / total, exps[1] / total, exps[2] / total


class Analyzer:
    """Language, sentiment, offence, intent and harm for batches of mentions."""

    def analyze_text(self, text: str, lang: str | None = None) -> Analysis:
        lowered = text.lower()
        folded = fold(text)
        words = lx.join_multiword(_WORD.findall(folded))
        language = lang or lang_detect.detect(text)

        positive = negative = 0.0
        negate_left = 0
        boost = 1.0
        for word in words:
            if lx.is_negator(word):
                negate_left = _NEGATION_SCOPE
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
        emoji = lx.emoji_polarity(text)
        if emoji > 0:
            positive += emoji
        else:
            negative -= emoji
        shout = 1.0 + min(text.count("!"), 3) * 0.1
        logits = (negative * shout - 0.5, 0.9, positive - 0.5)
        p_neg, p_neu, p_pos = _softmax(logits)
        offensive, kind = self._offence(lowered, folded, words)
        if kind is not None and p_neg < offensive:  # an attack is negative whatever its words
            rest = (1.0 - offensive) / max(p_neu + p_pos, 1e-9)
            p_neg, p_neu, p_pos = offensive, p_neu * rest, p_pos * rest
        scores = {
            "negative": round(p_neg, 4),
            "neutral": round(p_neu, 4),
            "positive": round(p_pos, 4),
        }
        sentiment = Sentiment(max(scores, key=scores.__getitem__))
        harm = tuple(name for name, pattern in lx.HARM.items() if pattern.search(folded))
        intent = self._intent(text, folded, words, sentiment)
        return Analysis(language, sentiment, scores, offensive, kind, intent, harm)

    @staticmethod
    def _offence(lowered: str, folded: str, words: list[str]) -> tuple[float, str | None]:
        if lx.THREATS.search(folded):
            return 0.95, "threat"
        word_set = set(words)
        if word_set & lx.HATE:
            return 0.9, "hate"
        targeted = bool(word_set & lx.TARGETS) or "@" in lowered
        if lx.INSULT_PHRASES.search(folded):
            return 0.9, "insult"
        if word_set & lx.INSULTS:
            return (0.85, "insult") if targeted else (0.6, "insult")
        if word_set & lx.SWEARS:
            return 0.2, None  # swearing is not an attack
        return 0.02, None

    @staticmethod
    def _intent(text: str, folded: str, words: list[str], sentiment: Sentiment) -> Intent:
        complaint_cue = bool(lx.COMPLAINT_CUES.search(folded))
        question = (
            "?" in text
            or "¿" in text
            or (bool(words) and words[0] in lx.QUESTION_WORDS and len(words) < 25)
        )
        if sentiment is Sentiment.NEGATIVE and (complaint_cue or not question):
            return Intent.COMPLAINT
        if complaint_cue:
            return Intent.COMPLAINT
        if question:
            return Intent.QUESTION
        if sentiment is Sentiment.POSITIVE:
            return Intent.PRAISE
        if lx.INFO_CUES.search(folded):
            return Intent.INFORMATION
        return Intent.OTHER

    def analyze(self, mentions: Iterable[Mention]) -> None:
        """Attach an analysis to each mention (in place)."""
        for m in mentions:
            m.analysis = self.analyze_text(m.text, m.lang)
            if not m.lang or m.lang == "und":
                m.lang = m.analysis.lang
