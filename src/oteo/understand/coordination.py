"""Near-duplicates and coordination: accounts posting the same text within minutes.

Each original post (not a repost: repeating someone through the repost button is not
coordination) gets a MinHash signature of its word shingles.  Locality-sensitive
hashing finds earlier posts of the last ``window`` with a similar signature; a pair
whose estimated Jaccard similarity reaches ``threshold`` is joined, and the groups so
formed are clusters.  A cluster of several distinct accounts is *coordinated*.  Memory
is bounded by the window; the cost per post is constant.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from oteo.text import fold

_TOKEN = re.compile(r"\w+")
_NOISE = re.compile(r"https?://\S+|@\w+|#\w+")
HASHES = 64
BANDS = 16
ROWS = HASHES // BANDS
_BAND = 4 * ROWS  # bytes of a band of the signature
_PRIME = (1 << 31) - 1  # hashes (a*x + b) mod p with x < 2**32 never overflow 64 bits
_rng = np.random.default_rng(20261121)
_A = _rng.integers(1, _PRIME, HASHES, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, HASHES, dtype=np.uint64)
COMPACT_EVERY = 10_000


def shingles(text: str, size: int = 3) -> set[int]:
    """Hashed word 3-grams of the text without links, mentions and hashtags (bots vary
    those); short texts fall back to their words."""
    words = _TOKEN.findall(fold(_NOISE.sub(" ", text)))
    grams = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)] or words
    return {
        int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "big") for g in grams
    }


def signature(text: str) -> bytes | None:
    """``HASHES`` minimum hashes of the text's shingles (each under 2**31, kept as 32-bit
    words); None when the text is too short to call two posts the same."""
    values = shingles(text)
    if len(values) < 2:
        return None
    x = np.fromiter(values, dtype=np.uint64)
    mixed = (x[None, :] * _A[:, None] + _B[:, None]) % np.uint64(_PRIME)
    return mixed.min(axis=1).astype(np.uint32).tobytes()


@dataclass
class Cluster:
    id: int
    authors: set[str] = field(default_factory=set)
    posts: int = 0
    first: datetime | None = None
    last: datetime | None = None
    text: str = ""

    @property
    def coordinated(self) -> bool:
        return len(self.authors) >= COORDINATED


COORDINATED = 3  # distinct accounts posting the same text make a coordinated cluster


@dataclass(slots=True, eq=False)
class _Entry:
    """The live posts of one signature: identical posts share an entry."""

    signature: np.ndarray
    node: int
    posts: int = 1


def _band_keys(sig: bytes) -> list[bytes]:
    return [bytes((band,)) + sig[band * _BAND : (band + 1) * _BAND] for band in range(BANDS)]


class Coordination:
    """Streaming clusters of near-identical posts by different accounts."""

    def __init__(
        self,
        window: timedelta = timedelta(minutes=30),
        threshold: float = 0.8,
        max_entries: int = 200_000,
    ) -> None:
        self.window = window
        self.threshold = threshold
        self.max_entries = max_entries
        # each bucket (a band's value) holds the entries of the signatures that have it:
        # most hold one
        self._buckets: dict[bytes, list[_Entry]] = {}
        self._entries: dict[bytes, _Entry] = {}  # by signature
        self._order: deque[tuple[float, bytes]] = deque()  # live posts, oldest first
        self._parent: dict[int, int] = {}
        self._clusters: dict[int, Cluster] = {}
        self._next = 0
        self._compacted = 0

    def _find(self, node: int) -> int:
        root = node
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[node] != root:
            self._parent[node], node = root, self._parent[node]
        return root

    def _union(self, a: int, b: int) -> int:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return ra
        keep, gone = (ra, rb) if self._clusters[ra].posts >= self._clusters[rb].posts else (rb, ra)
        self._parent[gone] = keep
        kept, merged = self._clusters[keep], self._clusters.pop(gone)
        kept.authors |= merged.authors
        kept.posts += merged.posts
        kept.first = min(d for d in (kept.first, merged.first) if d is not None)
        kept.last = max(d for d in (kept.last, merged.last) if d is not None)
        return keep

    def add(self, text: str, author: str, at: datetime) -> Cluster | None:
        """Record a post; return its cluster when it has near-duplicates, else None."""
        return self.add_signed(signature(text), text, author, at)

    def add_signed(self, sig: bytes | None, text: str, author: str, at: datetime) -> Cluster | None:
        """:meth:`add` when the text's :func:`signature` is already known."""
        now = at.timestamp()
        self._expire(now)
        if sig is None:
            return None
        node = self._next
        self._next += 1
        self._parent[node] = node
        self._clusters[node] = Cluster(node, {author}, 1, at, at, text[:280])
        self._order.append((now, sig))
        mine = self._entries.get(sig)
        if mine is not None:
            # the very signature of a live post: it joins that post's cluster without a
            # search (on busy streams most posts repeat one said minutes before), and
            # what was found alike since came into that cluster then
            mine.posts += 1
            return self._clusters[self._union(node, mine.node)]
        keys = _band_keys(sig)
        words = np.frombuffer(sig, dtype=np.uint32)
        candidates: dict[int, _Entry] = {}  # one signature per node met
        for k in keys:
            for entry in self._buckets.get(k, ()):
                candidates.setdefault(entry.node, entry)
        if candidates:  # every candidate compared at once
            found = list(candidates.values())
            same = np.count_nonzero(np.vstack([e.signature for e in found]) == words, axis=1)
            needed = self.threshold * HASHES
            for entry, agree in zip(found, same.tolist(), strict=True):
                if agree >= needed:
                    node = self._union(node, entry.node)
        self._entries[sig] = mine = _Entry(words, node)  # in every band's bucket
        for k in keys:
            bucket = self._buckets.get(k)
            if bucket is None:
                self._buckets[k] = [mine]
            else:
                bucket.append(mine)
        cluster = self._clusters[self._find(node)]
        return cluster if cluster.posts > 1 else None

    def _expire(self, now: float) -> None:
        window = self.window.total_seconds()
        order, buckets = self._order, self._buckets
        while order and (now - order[0][0] > window or len(order) > self.max_entries):
            _, sig = order.popleft()
            entry = self._entries[sig]
            entry.posts -= 1
            if entry.posts:
                continue
            del self._entries[sig]
            for k in _band_keys(sig):
                bucket = buckets[k]
                if len(bucket) == 1:
                    del buckets[k]
                else:  # not always the first: a signature lives while posted again
                    del bucket[next(i for i, e in enumerate(bucket) if e is entry)]
        if self._next - self._compacted >= COMPACT_EVERY:
            self._compact()

    def _compact(self) -> None:
        """Forget the nodes and clusters no live post refers to any more."""
        self._compacted = self._next
        live = {e.node for bucket in self._buckets.values() for e in bucket}
        roots = {n: self._find(n) for n in live}
        self._parent = {**{r: r for r in roots.values()}, **roots}
        self._clusters = {r: self._clusters[r] for r in set(roots.values())}
