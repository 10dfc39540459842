"""`oteo run` live: a followed file, a malformed line, a restart that resumes."""

from __future__ import annotations

import asyncio
import json
import time
from io import StringIO
from pathlib import Path

from rich.console import Console

from oteo.config import load, render_example
from oteo.runner import run_live
from oteo.store import Store


def _line(i: int) -> str:
    return (
        json.dumps(
            {
                "source": "feed",
                "id": str(i),
                "text": f"Lumbre Burger post {i}",
                "author": {"handle": f"u{i}"},
            }
        )
        + "\n"
    )


async def _run_until(config, store: Store, count: int, out: StringIO, then=None) -> None:  # type: ignore[no-untyped-def]
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_live(config, store, Console(file=out, width=200), web=False, stop=stop)
    )
    deadline = time.monotonic() + 20
    while store.counts()["mentions"] < count and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        if then is not None and store.counts()["mentions"] >= then[0]:
            then[1]()
            then = None
    stop.set()
    await asyncio.wait_for(task, 20)


def test_run_follows_a_file_survives_bad_lines_and_resumes(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    path = tmp_path / "oteo.yaml"
    text = render_example("en", "Lumbre Burger").replace(
        "sources: []", "sources:\n  - {type: jsonl, path: feed.jsonl, poll: 0.1}"
    )
    path.write_text(text, encoding="utf-8")
    config = load(path)
    store = Store(config.database_url())
    feed.write_text(_line(1) + "{not json\n" + _line(2) + _line(3), encoding="utf-8")

    def append() -> None:
        with feed.open("a", encoding="utf-8") as f:
            f.write(
                _line(4) + _line(5) + '{"source": "feed", "id": "6", "te'
            )  # the last line is still being written

    out = StringIO()
    asyncio.run(_run_until(config, store, 5, out, then=(3, append)))
    assert store.counts()["mentions"] == 5
    assert "rejected: Not valid JSON (Expecting property name" in out.getvalue()
    complete = len(feed.read_bytes().rsplit(b"\n", 1)[0]) + 1
    assert store.cursor("jsonl:feed.jsonl") == complete  # the half-written line is not consumed

    with feed.open("a", encoding="utf-8") as f:
        f.write('xt": "Lumbre Burger post 6"}\n')  # the line is finished after a restart
    asyncio.run(_run_until(config, Store(config.database_url()), 6, StringIO()))
    assert store.counts()["mentions"] == 6  # resumed from the cursor: nothing lost, nothing twice
    assert store.mention_by_key("feed", "6") is not None
