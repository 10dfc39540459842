"""A bounded memory of what was seen lately: the least recently used is forgotten first.

The pipeline's process keeps several (authors the store knows, authors the crowd
follows, texts already understood, authors each watch has heard from).  One plain dict
each: a key used again moves to its end, and when the dict is full its oldest quarter is
dropped at once.  That is less memory than an ``OrderedDict`` (no linked list beside the
table) and no slower: dropping one key at a time from the front of a plain dict would
walk its deleted slots again and again.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("size must be at least 1")
        self.size = size
        self._items: dict[K, V] = {}

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[K]:
        """Keys, the least recently used first."""
        return iter(self._items)

    def get(self, key: K) -> V | None:
        """The value of ``key`` (None when forgotten or never seen); does not count as
        a use."""
        return self._items.get(key)

    def put(self, key: K, value: V) -> None:
        """Remember ``key`` as the most recently used, with ``value``."""
        items = self._items
        items.pop(key, None)
        items[key] = value
        if len(items) > self.size:
            keep = max(self.size * 3 // 4, 1)  # the newest is last: always kept
            for old in list(itertools.islice(items, len(items) - keep)):
                del items[old]
