"""A calibrated stack of linear models, and how it is stored.

Three logistic regressions look at a post from three sides: its hashed word and
character n-grams (with idf weights), its sentence embedding, and the lexicon's
features (for English sentiment, with VADER's scores).  Their probabilities are mixed
with weights chosen on out-of-fold predictions, then calibrated with one temperature,
so a 0.8 means right about 80% of the time.  Coefficients of hash buckets never seen in
training are zero and are not stored, which keeps a model to a few megabytes.  Running
a model needs numpy only, and the pure-Python ``vaderSentiment`` for English sentiment
(SciPy is for training and saving).
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from oteo.understand.features import Hashed
from oteo.understand.lexical import with_vader


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class Linear:
    """``softmax(X @ coef.T + bias)``; a binary model stores one row and gets [0, z]."""

    coef: np.ndarray  # dense (outputs, features)
    bias: np.ndarray

    def logits(self, x: Hashed | np.ndarray) -> np.ndarray:
        z = x.dot(self.coef) if isinstance(x, Hashed) else x @ self.coef.T
        z = np.asarray(z, dtype=np.float64) + self.bias
        return np.hstack([np.zeros_like(z), z]) if z.shape[1] == 1 else z

    def proba(self, x: Hashed | np.ndarray) -> np.ndarray:
        return softmax(self.logits(x))


@dataclass
class Stack:
    classes: list[str]
    idf: np.ndarray
    hashed: Linear
    embedded: Linear
    lexical: Linear
    weights: np.ndarray  # mixing weights of (hashed, embedded, lexical)
    temperature: float
    meta: dict
    #: fast mode's own weights (the embedded one 0) and temperature, chosen for the
    #: other two models alone
    fast_weights: np.ndarray
    fast_temperature: float

    @property
    def vader(self) -> bool:
        """Whether its lexical part also reads VADER's scores (English sentiment)."""
        return bool(self.meta.get("vader"))

    def lexical_input(self, x_lexical: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """The lexical features it reads: the shared ones, with VADER's if it was
        trained with them."""
        return with_vader(x_lexical, texts) if self.vader else x_lexical

    def proba(
        self, x_hashed: Hashed, x_embedded: np.ndarray | None, x_lexical: np.ndarray
    ) -> np.ndarray:
        """Calibrated class probabilities; without embeddings (fast mode) with the
        weights and temperature chosen for the other two models alone."""
        w, temperature = (
            (self.weights, self.temperature)
            if x_embedded is not None
            else (self.fast_weights, self.fast_temperature)
        )
        mixed = w[0] * self.hashed.proba(x_hashed.scaled(self.idf)) + w[2] * self.lexical.proba(
            x_lexical
        )
        if x_embedded is not None:
            mixed = mixed + w[1] * self.embedded.proba(x_embedded)
        return softmax(np.log(np.clip(mixed, 1e-9, 1.0)) / temperature)

    # ------------------------------------------------------------------ storage

    def save(self, path: Path) -> None:
        from scipy import sparse

        coef = sparse.csr_matrix(self.hashed.coef, dtype=np.float32)
        arrays = {
            "idf": self.idf.astype(np.float16),
            "h_data": coef.data.astype(np.float16),
            "h_indices": coef.indices.astype(np.int32),
            "h_indptr": coef.indptr.astype(np.int32),
            "h_shape": np.array(coef.shape),
            "h_bias": self.hashed.bias.astype(np.float32),
            "e_coef": np.asarray(self.embedded.coef, np.float32),
            "e_bias": self.embedded.bias.astype(np.float32),
            "l_coef": np.asarray(self.lexical.coef, np.float32),
            "l_bias": self.lexical.bias.astype(np.float32),
            "weights": self.weights.astype(np.float64),
            "temperature": np.array([self.temperature]),
            "fast_weights": self.fast_weights.astype(np.float64),
            "fast_temperature": np.array([self.fast_temperature]),
        }
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        path.write_bytes(buffer.getvalue())
        path.with_suffix(".json").write_text(
            json.dumps({"classes": self.classes, **self.meta}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )

    @classmethod
    def load(cls, path: Path) -> Stack:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        with np.load(path) as z:
            # stored sparse, used dense (a row's features pick their columns), in the
            # half precision they were stored in
            rows, columns = (int(n) for n in z["h_shape"])
            coef = np.zeros((rows, columns), np.float16)
            indptr, indices, data = z["h_indptr"], z["h_indices"], z["h_data"]
            for r in range(rows):
                part = slice(indptr[r], indptr[r + 1])
                coef[r, indices[part]] = data[part]
            return cls(
                classes=meta.pop("classes"),
                idf=z["idf"],
                hashed=Linear(coef, z["h_bias"]),
                embedded=Linear(z["e_coef"], z["e_bias"]),
                lexical=Linear(z["l_coef"], z["l_bias"]),
                weights=z["weights"],
                temperature=float(z["temperature"][0]),
                meta=meta,
                fast_weights=z["fast_weights"],
                fast_temperature=float(z["fast_temperature"][0]),
            )
