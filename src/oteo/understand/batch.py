"""``oteo analyze INPUT [--out FILE]``: the understanding step over a file of posts.

INPUT is ``.txt`` (one post per line), ``.csv``/``.tsv`` (a ``text`` column) or
``.jsonl`` (a ``text`` field).  The output is JSON Lines, one object per input post,
in the same order; a row without text gives ``{"error": …}`` in its place, so lines
still correspond (blank lines of a ``.txt`` or ``.jsonl`` are not posts: they give
nothing)::

    {"lang": "es", "sentiment": {"label": "negative", "scores": {"negative": 0.81, …}},
     "offensive": {"label": true, "score": 0.93, "kind": "insult"}, "intent": "complaint",
     "about_brand": true, "harm": ["health"]}
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from oteo.model import Analysis
from oteo.records import RecordError
from oteo.sources.files import read_records
from oteo.text import clean_text, unescape_entities
from oteo.understand.analyzer import Analyzer

BATCH = 256


def record(a: Analysis) -> dict[str, Any]:
    return {
        "lang": a.lang,
        "sentiment": {"label": a.sentiment.value, "scores": a.scores},
        "offensive": {
            "label": a.offensive >= 0.5,
            "score": a.offensive,
            "kind": a.offensive_kind,
            # the words that make it an attack; empty when the model alone flags it
            "words": list(a.offensive_words or ()),
        },
        "intent": a.intent.value,
        "about_brand": a.about_brand,
        "harm": list(a.harm),
    }


def _texts(path: Path) -> Iterator[str | RecordError]:
    for _, item in read_records(path):
        if isinstance(item, RecordError):
            yield item
            continue
        text = item.get("text")
        yield text if isinstance(text, str) and text.strip() else RecordError("record.no_text")


def analyze_file(path: Path, out: IO[str], analyzer: Analyzer | None = None) -> int:
    """Write one JSON line per input post to ``out``; return how many posts."""
    analyzer = analyzer or Analyzer()
    pending: list[str | RecordError] = []
    count = 0

    def flush() -> None:
        # read as `oteo import` reads it: HTML entities as the characters they stand for
        texts = [clean_text(unescape_entities(x))[0] for x in pending if isinstance(x, str)]
        results = iter(analyzer.analyze_texts(texts))
        for item in pending:
            line = (
                {"error": item.message()}
                if isinstance(item, RecordError)
                else record(next(results))
            )
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        pending.clear()

    for item in _texts(path):
        pending.append(item)
        count += 1
        if len(pending) >= BATCH:
            flush()
    if pending:
        flush()
    return count
