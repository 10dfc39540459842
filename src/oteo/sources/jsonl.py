"""Follow a JSON Lines file (``tail -f`` style), resuming from the stored byte offset.

Config: ``{type: jsonl, path: mentions.jsonl, name: optional, poll: 1.0}``.  A path
relative to the config file is resolved against the config's folder.  A line that is
not a valid mention is reported and skipped; the file is re-opened if it is replaced.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

from oteo.config import SourceConfig
from oteo.model import Mention
from oteo.records import RecordError, from_record, read_json
from oteo.sources import SourceContext, SourceError, pause
from oteo.sources.files import MAX_LINE_BYTES
from oteo.text import decode_bytes


def build(spec: SourceConfig, ctx: SourceContext) -> AsyncIterator[Mention]:

    raw_path = getattr(spec, "path", None)
    if not raw_path:
        raise SourceError("source.missing_setting", type="jsonl", setting="path")
    path = Path(str(raw_path))
    if not path.is_absolute() and ctx.config.path is not None:
        path = ctx.config.path.parent / path
    name = spec.name or f"jsonl:{path.name}"
    poll = float(getattr(spec, "poll", 1.0))
    return follow(path, name, ctx, poll)


async def follow(
    path: Path, name: str, ctx: SourceContext, poll: float = 1.0
) -> AsyncIterator[Mention]:
    clock, stop = ctx.clock, ctx.stop
    offset = int(ctx.store.cursor(name) or 0)
    while not stop.is_set():
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            size = -1
        if size >= 0 and size < offset:  # the file was replaced or truncated
            offset = 0
        if size > offset:
            with path.open("rb") as handle:
                handle.seek(offset)
                while not stop.is_set():
                    line = handle.readline(MAX_LINE_BYTES + 1)
                    if not line or not line.endswith(b"\n"):
                        break  # an incomplete last line is read once it is finished
                    offset = handle.tell()
                    text = decode_bytes(line).strip()
                    if not text:
                        continue
                    try:
                        mention = from_record(_json(text), now=clock.now(), default_source=name)
                    except RecordError as exc:
                        ctx.report(offset, exc)
                        continue
                    mention.received_at = clock.now()
                    mention.cursor = (name, offset)
                    yield mention
        await pause(stop, poll)


def _json(text: str) -> object:
    try:
        return read_json(text)
    except json.JSONDecodeError as exc:
        raise RecordError("record.bad_json", error=exc.msg) from None
