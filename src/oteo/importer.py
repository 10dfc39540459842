"""``oteo import FILE``: mentions from a file, each bad row reported with its reason."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from oteo.clock import ReplayClock
from oteo.config import Config
from oteo.console import Reporter
from oteo.model import Mention
from oteo.pipeline import Pipeline, Stats
from oteo.records import RecordError, from_record
from oteo.sources.files import read_records
from oteo.store import Store

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass
class ImportResult:
    stats: Stats
    rejected: list[tuple[int | None, str]]

    @property
    def accepted(self) -> int:
        return self.stats.new + self.stats.duplicates


def import_file(
    config: Config, store: Store, path: str | Path, reporter: Reporter, *, source: str | None = None
) -> ImportResult:
    """Read ``path`` through the whole pipeline.  Past mentions count as received when
    they were published (a backfill), so an old file does not look like a burst today.

    Raises :class:`oteo.sources.files.FileError` when the file itself cannot be read.
    """
    now = datetime.now(UTC)

    def mentions() -> Iterator[Mention]:
        for line, item in read_records(path):
            if isinstance(item, RecordError):
                reporter("rejected", (_Row(line), item))
                continue
            try:
                mention = from_record(item, now=now, default_source=source or "import")
            except RecordError as exc:
                reporter("rejected", (_Row(line), exc))
                continue
            mention.ref = line
            mention.received_at = mention.received_at or mention.created_at
            yield mention

    pipeline = Pipeline(config, store, clock=ReplayClock(EPOCH), listener=reporter)
    stats = asyncio.run(pipeline.run(mentions()))
    return ImportResult(stats, reporter.rejected)


@dataclass(slots=True)
class _Row:
    """A row that never became a mention, for the report."""

    ref: int
