"""Imported once by the understanding workers' fork server (see
:mod:`oteo.understand.parallel`): every model is loaded here, before any worker is
forked, so the workers share the models' memory pages instead of each reading its
own copy.  It also makes the processes this one starts skip importing its parent's
main module (see :func:`_prepare_without_main`): import it nowhere else."""

from __future__ import annotations

import ctypes
import gc
from contextlib import suppress
from multiprocessing import spawn

from threadpoolctl import threadpool_limits

from oteo.understand.analyzer import Analyzer, ModelsMissing

_MAIN_KEYS = ("init_main_from_path", "init_main_from_name")


def _prepare_without_main(data: dict, _prepare=spawn.prepare) -> None:  # type: ignore[no-untyped-def, type-arg]
    """Each new worker would import the parent's main module first (multiprocessing
    does, so that functions defined there can be sent): for ``oteo`` that is the whole
    command line, web app and pipeline, ~44 MB of private memory in every worker.  The
    workers run only this package's functions, so they skip it."""
    _prepare({k: v for k, v in data.items() if k not in _MAIN_KEYS})


spawn.prepare = _prepare_without_main

with suppress(ModelsMissing):  # each worker reports it when it starts
    Analyzer(threads=1).load()
# Each worker is one core's worth of work: helper BLAS threads (numpy's and SciPy's,
# both loaded by now) would only fight the other workers for the cores, and OpenBLAS's
# spin while they wait for work.
threadpool_limits(1)
# Loading left freed memory in this process's heap (decompressed weights, the encoder's
# table in float32): give it back, or every worker would inherit it.
with suppress(OSError, AttributeError):  # glibc only
    ctypes.CDLL("libc.so.6").malloc_trim(0)
# The collector of a forked worker would touch every object it inherited, copying
# the pages they live on; frozen objects are never scanned, so their pages stay shared.
gc.freeze()
