"""Imported once by the understanding workers' fork server (see
:mod:`oteo.understand.parallel`): every model is loaded here, before any worker is
forked, so the workers share the models' memory pages instead of each reading its
own copy.  Importing it anywhere else simply loads the models in that process."""

from __future__ import annotations

import gc
from contextlib import suppress

from threadpoolctl import threadpool_limits

from oteo.understand.analyzer import Analyzer, ModelsMissing

with suppress(ModelsMissing):  # each worker reports it when it starts
    Analyzer(threads=1).load()
# Each worker is one core's worth of work: helper BLAS threads (numpy's and SciPy's,
# both loaded by now) would only fight the other workers for the cores, and OpenBLAS's
# spin while they wait for work.
threadpool_limits(1)
# The collector of a forked worker would touch every object it inherited, copying
# the pages they live on; frozen objects are never scanned, so their pages stay shared.
gc.freeze()
