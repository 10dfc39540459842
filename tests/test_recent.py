from __future__ import annotations

import pytest

from oteo.recent import Recent


def test_bounded_and_the_least_recently_used_go_first() -> None:
    recent: Recent[str, int] = Recent(8)
    for i in range(8):
        recent.put(f"a{i}", i)
    recent.put("a0", 100)  # used again: the most recent now
    recent.put("a8", 8)  # one too many: the oldest quarter goes at once
    assert len(recent) == 6
    assert list(recent) == ["a4", "a5", "a6", "a7", "a0", "a8"]
    assert recent.get("a0") == 100 and "a1" not in recent and recent.get("a1") is None


def test_get_is_not_a_use() -> None:
    recent: Recent[int, int] = Recent(4)
    for i in range(4):
        recent.put(i, i)
    assert recent.get(0) == 0
    recent.put(4, 4)
    assert 0 not in recent and 4 in recent


def test_a_size_of_one_keeps_the_newest() -> None:
    recent: Recent[str, None] = Recent(1)
    recent.put("a", None)
    recent.put("b", None)
    assert list(recent) == ["b"]
    with pytest.raises(ValueError):
        Recent(0)


def test_a_long_stream_stays_bounded() -> None:
    recent: Recent[int, int] = Recent(1000)
    for i in range(100_000):
        recent.put(i % 5000, i)
        assert len(recent) <= 1000
    assert recent.get(99_999 % 5000) == 99_999
