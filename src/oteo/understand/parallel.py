"""The understanding step on every core: a pool of worker processes.

The sentence encoder and the pure-Python parts of the analysis hold the interpreter,
so threads would not help; each worker process runs its own :class:`Analyzer` with one
BLAS thread.  Workers are forked from a server process that loaded every model once
(:mod:`oteo.understand.preload`), so they share the models' memory pages; the
pipeline's own process loads no model at all.  It keeps the cache of recent texts and
sends the workers only what it has not seen.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from threadpoolctl import threadpool_limits

from oteo.model import Analysis
from oteo.understand.analyzer import Analyzer

PRELOAD = "oteo.understand.preload"
_worker: Analyzer | None = None


#: how often a worker checks that the process it works for is still there (seconds)
WATCH = 1.0


def _start(embeddings: bool, owner: int) -> None:
    global _worker
    threading.Thread(target=_watch, args=(owner,), daemon=True).start()
    _worker = Analyzer(threads=1, embeddings=embeddings).load()


def _watch(owner: int) -> None:
    """End this worker once the process it works for is gone.  Killed outright
    (SIGKILL, or SIGTERM where no handler closes the pool), that process never tells its
    workers to stop, and they would wait for work forever, each holding its memory."""
    while True:
        time.sleep(WATCH)
        try:
            os.kill(owner, 0)
        except (ProcessLookupError, PermissionError):  # gone (its number may be reused)
            os._exit(0)


def _ready() -> int:
    return os.getpid()


def _work(texts: list[str], langs: list[str | None]) -> list[Analysis]:
    assert _worker is not None
    return _worker.analyze_texts(texts, langs)


def _encode(texts: list[str]) -> np.ndarray:
    assert _worker is not None
    return _worker.embedder.encode(texts)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


class _PoolEncoder:
    """The sentence encoder as detection's themes use it, run by a worker."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self._pool = pool

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._pool.submit(_encode, list(texts)).result()


class ParallelAnalyzer(Analyzer):
    """An :class:`Analyzer` whose batches are split across worker processes."""

    def __init__(self, workers: int | None = None, embeddings: bool = True) -> None:
        super().__init__(threads=1, embeddings=embeddings)
        self.workers = workers or default_workers()
        # The cores are the workers': this process's own numpy work (detection's theme
        # similarities) gets one BLAS thread, whose idle helpers would otherwise spin.
        threadpool_limits(1)
        # The pipeline's process has threads, so it must not fork; a fork server
        # (started once, with the models loaded) forks the workers instead.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([PRELOAD])
        self._pool = ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=_start,
            initargs=(embeddings, os.getpid()),
        )
        self.embedder = _PoolEncoder(self._pool)  # type: ignore[assignment]
        # Start every worker now and wait until each is ready, so the first batches
        # do not wait for them (one pending task starts one process).
        for f in [self._pool.submit(_ready) for _ in range(self.workers)]:
            f.result()

    def analyze_texts(
        self, texts: Sequence[str], langs: Sequence[str | None] | None = None
    ) -> list[Analysis]:
        return self.begin_texts(list(texts), list(langs) if langs is not None else None)()

    def begin_texts(
        self, texts: list[str], langs: list[str | None] | None = None
    ) -> Callable[[], list[Analysis]]:
        """Send ``texts`` to the workers now; the function returned waits for them."""
        if not texts:
            return list
        langs = langs if langs is not None else [None] * len(texts)
        # small batches go whole to one worker: splitting them costs more than it saves
        size = max(-(-len(texts) // self.workers), 16)
        futures = [
            self._pool.submit(_work, texts[i : i + size], langs[i : i + size])
            for i in range(0, len(texts), size)
        ]
        return lambda: [a for f in futures for a in f.result()]

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def make_analyzer(workers: int = 0, mode: str = "full") -> Analyzer:
    """Worker processes when there is more than one core to use, else in process."""
    n = workers or default_workers()
    embeddings = mode != "fast"
    return ParallelAnalyzer(n, embeddings) if n > 1 else Analyzer(embeddings=embeddings)
