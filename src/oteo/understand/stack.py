"""A calibrated stack of linear models, and how it is stored.

Three logistic regressions look at a post from three sides: its hashed word and
character n-grams (with idf weights), its sentence embedding, and the lexicon's
features.  Their probabilities are mixed with weights chosen on out-of-fold
predictions, then calibrated with one temperature, so a 0.8 means right about 80% of
the time.  Coefficients of hash buckets never seen in training are zero and are not
stored, which keeps a model to a few megabytes.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # SciPy loads where models run, not in every process
    from scipy import sparse


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class Linear:
    """``softmax(X @ coef.T + bias)``; a binary model stores one row and gets [0, z]."""

    coef: sparse.csr_matrix | np.ndarray
    bias: np.ndarray

    def logits(self, x: sparse.spmatrix | np.ndarray) -> np.ndarray:
        from scipy import sparse

        z = x @ self.coef.T
        z = np.asarray(z.todense() if sparse.issparse(z) else z, dtype=np.float64) + self.bias
        return np.hstack([np.zeros_like(z), z]) if z.shape[1] == 1 else z

    def proba(self, x: sparse.spmatrix | np.ndarray) -> np.ndarray:
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

    def proba(
        self, x_hashed: sparse.spmatrix, x_embedded: np.ndarray | None, x_lexical: np.ndarray
    ) -> np.ndarray:
        """Calibrated class probabilities; without embeddings (fast mode) the other two
        models share the embedding model's weight."""
        w = (
            self.weights
            if x_embedded is not None
            else np.array([self.weights[0], 0.0, self.weights[2]])
        )
        if w.sum() <= 0:
            w = np.array([0.5, 0.0, 0.5])
        w = w / w.sum()
        mixed = w[0] * self.hashed.proba(apply_idf(x_hashed, self.idf)) + w[2] * self.lexical.proba(
            x_lexical
        )
        if x_embedded is not None:
            mixed = mixed + w[1] * self.embedded.proba(x_embedded)
        return softmax(np.log(np.clip(mixed, 1e-9, 1.0)) / self.temperature)

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
        from scipy import sparse

        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        with np.load(path) as z:
            # stored sparse, used dense: a sparse row times a dense matrix is the fast product
            coef = sparse.csr_matrix(
                (z["h_data"].astype(np.float32), z["h_indices"], z["h_indptr"]),
                shape=tuple(z["h_shape"]),
            ).toarray()
            return cls(
                classes=meta.pop("classes"),
                idf=z["idf"].astype(np.float32),
                hashed=Linear(coef, z["h_bias"]),
                embedded=Linear(z["e_coef"], z["e_bias"]),
                lexical=Linear(z["l_coef"], z["l_bias"]),
                weights=z["weights"],
                temperature=float(z["temperature"][0]),
                meta=meta,
            )


def apply_idf(x: sparse.spmatrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Weight by idf and L2-normalise each row again."""
    from scipy import sparse

    weighted = sparse.csr_matrix(x.multiply(idf.reshape(1, -1)), dtype=np.float32)
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1.0 / norms) @ weighted)
