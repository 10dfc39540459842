"""``oteo analyze INPUT [--out FILE]``: the understanding step over a file of posts.

INPUT is ``.txt`` (one post per line), ``.csv``/``.tsv`` (a ``text`` column) or
``.jsonl`` (a ``text`` field); a ``lang`` column or field, where the export gives one,
is taken as the post's language.  The output is JSON Lines, one object per input post,
in the same order; a row without text gives ``{"error": …}`` in its place, so lines
still correspond (blank lines of a ``.txt`` or ``.jsonl`` are not posts: they give
nothing).  The file's first posts are read once before, to learn which languages it
speaks: a short post reads in them wherever it stands in the file::

    {"lang": "es", "sentiment": {"label": "negative", "scores": {"negative": 0.81, …}},
     "offensive": {"label": true, "score": 0.93, "kind": "insult"}, "intent": "complaint",
     "about_brand": true, "harm": ["health"]}
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from oteo.model import Analysis
from oteo.records import RecordError
from oteo.sources.files import read_records
from oteo.text import clean_text, reposted_text, unescape_entities
from oteo.understand.analyzer import Analyzer
from oteo.understand.lang import LanguageMix
from oteo.understand.parallel import make_analyzer

BATCH = 256
#: a batch's posts (text, the language the export tagged it with) and unreadable rows
_Items = list[tuple[str, str | None] | RecordError]
#: batches handed to the workers beyond the one being written
AHEAD = 2
#: posts read before any is analysed, to learn the languages of the file
LANGUAGES_FROM = 2_000


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


def _posts(path: Path) -> Iterator[tuple[str, str | None] | RecordError]:
    """Each post's text and the language its export tagged it with, if any."""
    for _, item in read_records(path):
        if isinstance(item, RecordError):
            yield item
            continue
        text, lang = item.get("text"), item.get("lang")
        if isinstance(text, str) and text.strip():
            yield text, lang if isinstance(lang, str) else None
        else:
            yield RecordError("record.no_text")


def _read(text: str) -> str:
    """A post's text as `oteo import` reads it: HTML entities as the characters they
    stand for."""
    return clean_text(unescape_entities(text))[0]


def analyze_file(
    path: Path,
    out: IO[str],
    analyzer: Analyzer | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write one JSON line per input post to ``out``; return how many posts.

    Posts are read as the pipeline reads them: a repost ("RT @x: …") as what it
    repeats, and a text seen a moment ago is not analysed again.  Without an
    ``analyzer``, worker processes on every core analyse them, as in the pipeline; while
    one batch is written the workers already analyse the next ones.  ``progress`` is
    told how many posts are written after each batch."""
    own = analyzer is None
    analyzer = analyzer or make_analyzer()
    under_way: deque[tuple[_Items, Callable[[], list[Analysis]]]] = deque()
    written = 0

    # one reader of the file's languages decides every post's, in order, and sends it
    # with the post: a worker process's own would learn from its share of the posts
    # only, and a short post's language would depend on which worker read it
    languages = LanguageMix()

    def begin(items: _Items) -> None:
        posts = [x for x in items if not isinstance(x, RecordError)]
        texts = [_read(text) for text, _ in posts]
        codes = [
            languages.read(reposted_text(text), lang)
            for text, (_, lang) in zip(texts, posts, strict=True)
        ]
        under_way.append((items, analyzer.begin_posts(texts, codes)))

    def write_oldest() -> None:
        nonlocal written
        items, finish = under_way.popleft()
        results = iter(finish())
        for item in items:
            line = (
                {"error": item.message()}
                if isinstance(item, RecordError)
                else record(next(results))
            )
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        written += len(items)
        if progress is not None:
            progress(written)

    try:
        # a short post ("Qué asco") says little of its language: it reads in the file's,
        # learnt from its first posts before any is analysed
        for item in islice(_posts(path), LANGUAGES_FROM):
            if not isinstance(item, RecordError):
                languages.read(reposted_text(_read(item[0])), item[1])
        batch: _Items = []
        for item in _posts(path):
            batch.append(item)
            if len(batch) >= BATCH:
                begin(batch)
                batch = []
                if len(under_way) > AHEAD:
                    write_oldest()
        if batch:
            begin(batch)
        while under_way:
            write_oldest()
    finally:
        if own:
            analyzer.close()
    return written
