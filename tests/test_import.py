from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oteo.cli import app
from oteo.config import load
from oteo.records import RecordError, from_record, to_record
from oteo.sources.files import FileError, read_records
from oteo.store import Store

NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)


def test_record_round_trip() -> None:
    record = {
        "source": "mastodon",
        "id": "42",
        "text": "Lumbre Burger mola",
        "created_at": "2026-11-20T10:00:00Z",
        "channel": "mastodon",
        "url": "https://m.example/@ana/42",
        "lang": "es",
        "relation": "reply",
        "parent_id": "41",
        "likes": 3,
        "reposts": 1,
        "replies": 0,
        "quotes": 0,
        "author": {
            "handle": "ana",
            "id": "9",
            "name": "Ana",
            "followers": 120,
            "following": 80,
            "posts": 900,
            "created_at": "2019-01-01T00:00:00+00:00",
            "avatar": True,
            "verified": False,
            "liked": 40,
            "automated": True,
            "bio": "hola",
        },
        "raw": {"any": "thing"},
    }
    m = from_record(record, now=NOW)
    back = to_record(m)
    assert from_record(back, now=NOW) == m
    assert back["author"]["followers"] == 120 and back["parent_id"] == "41"
    assert back["author"]["liked"] == 40 and back["author"]["automated"] is True


@pytest.mark.parametrize(
    ("record", "key"),
    [
        ({"id": "1"}, "record.no_text"),
        ({"text": "   "}, "record.no_text"),
        ({"text": 5}, "record.text_not_string"),
        ({"text": "x", "created_at": "yesterday"}, "record.bad_time"),
        ({"text": "x", "likes": -3}, "record.bad_number"),
        ({"text": "x", "likes": "many"}, "record.bad_number"),
        ({"text": "x", "relation": "cousin"}, "record.bad_relation"),
        ({"text": "x", "author_followers": "10"}, "record.author_without_handle"),
        ({"text": "x", "author": "ana", "author_verified": "maybe"}, "record.bad_bool"),
        (["not", "an", "object"], "record.not_object"),
    ],
)
def test_bad_records_say_why(record: object, key: str) -> None:
    with pytest.raises(RecordError) as info:
        from_record(record, now=NOW)
    assert info.value.key == key
    assert info.value.message("en") and info.value.message("es")


def test_defaults_and_flat_csv_fields() -> None:
    m = from_record(
        {"text": "hola", "author": "@ana", "author_followers": "12", "created_at": "1700000000"},
        now=NOW,
    )
    assert m.source == "import" and m.external_id.startswith("h")
    assert m.author is not None and (m.author.handle, m.author.followers) == ("ana", 12)
    assert m.author.liked is None and m.author.automated is None  # not given: unknown
    assert from_record(
        {"text": "x", "author": "ana", "author_automated": "sí"}, now=NOW
    ).author.automated  # type: ignore[union-attr]
    assert (
        from_record({"text": "x", "author": "ana", "author_liked": "40"}, now=NOW).author.liked
        == 40
    )  # type: ignore[union-attr]
    assert m.created_at == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    same = from_record(
        {"text": "hola", "author": "@ana", "author_followers": "12", "created_at": "1700000000"},
        now=NOW,
    )
    assert same.external_id == m.external_id  # stable ids make re-imports idempotent


def test_csv_from_a_spanish_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        "text;author;created_at\nCafé fatal en Lumbre;ana;2026-11-20 10:00\nOtra;luis;2026-11-20 11:00\n".encode(
            "cp1252"
        )
    )
    rows = list(read_records(path))
    assert [line for line, _ in rows] == [2, 3]
    assert rows[0][1]["text"] == "Café fatal en Lumbre"  # type: ignore[index]


def test_a_stray_byte_does_not_garble_the_rest_of_a_utf8_file(tmp_path: Path) -> None:
    # one damaged byte in the first row of a UTF-8 export: the file was read as
    # Windows-1252 from its first 64 KB, and every accent after it came out as "Ã©"
    posts = [f"Qué asco el servicio de Lumbre en el año {n}" for n in range(3)]
    path = tmp_path / "export.csv"
    path.write_bytes(b"text\nLumbre \xff mal\n" + "\n".join(posts).encode("utf-8") + b"\n")
    texts = [record["text"] for _, record in read_records(path)]  # type: ignore[index]
    assert texts == ["Lumbre ÿ mal", *posts]
    # a text file, one post a line, with UTF-8 and Windows-1252 in the same line
    path = tmp_path / "posts.txt"
    path.write_bytes("Qué caf".encode() + "é malo".encode("cp1252") + b"\n")
    ((_, record),) = read_records(path)
    assert record["text"] == "Qué café malo"  # type: ignore[index]


def test_a_spreadsheets_columns_may_be_named_in_spanish(tmp_path: Path) -> None:
    path = tmp_path / "hoja.csv"
    path.write_bytes(
        "Texto;Fecha;Autor;Canal;Seguidores;text_original\n"
        "Café fatal en Lumbre;06/12/2026 10:05;ana;twitter;1.234;x\n".encode("cp1252")
    )
    (_, record), *_ = read_records(path)
    m = from_record(record, now=NOW)  # type: ignore[arg-type]
    assert (m.text, m.channel.value, m.author.handle, m.author.followers) == (  # type: ignore[union-attr]
        "Café fatal en Lumbre",
        "twitter",
        "ana",
        1234,
    )
    assert m.created_at == datetime(2026, 12, 6, 10, 5, tzinfo=UTC)
    # channels as a Spanish sheet names them
    for written, meant in (
        ("Foro", "forum"),
        ("Reseñas", "review"),
        ("prensa", "news"),
        ("X", "twitter"),
    ):
        assert from_record({"text": "x", "channel": written}, now=NOW).channel.value == meant
    # a file that has both keeps the format's own column; the Spanish one stays as written
    both = tmp_path / "both.csv"
    both.write_text("text,texto\nthe post,otra cosa\n", encoding="utf-8")
    (_, record), *_ = read_records(both)
    assert record["text"] == "the post" and record["texto"] == "otra cosa"  # type: ignore[index]


def test_the_formats_column_names_are_read_in_any_case(tmp_path: Path) -> None:
    """Exports write "Text", "Created_At", "Author_Followers": the format's names in
    another case are the same columns; other columns keep their own names."""
    path = tmp_path / "export.csv"
    path.write_text(
        "Text,Created_At,Author,Author_Followers,Region\nCafé fatal,2026-12-06T10:05:00Z,ana,1200,Norte\n",
        encoding="utf-8",
    )
    (_, record), *_ = read_records(path)
    assert record == {  # type: ignore[comparison-overlap]
        "text": "Café fatal",
        "created_at": "2026-12-06T10:05:00Z",
        "author": "ana",
        "author_followers": "1200",
        "Region": "Norte",
    }
    m = from_record(record, now=NOW)  # type: ignore[arg-type]
    assert m.created_at == datetime(2026, 12, 6, 10, 5, tzinfo=UTC)
    assert m.author is not None and m.author.followers == 1200
    both = tmp_path / "both.csv"
    both.write_text("Text,text\nshouted,the post\n", encoding="utf-8")
    (_, record), *_ = read_records(both)
    assert record["text"] == "the post" and record["Text"] == "shouted"  # type: ignore[index]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("06/12/2026 10:05", datetime(2026, 12, 6, 10, 5, tzinfo=UTC)),  # day first
        ("6/12/26", datetime(2026, 12, 6, tzinfo=UTC)),
        ("06.12.2026 10:05:30", datetime(2026, 12, 6, 10, 5, 30, tzinfo=UTC)),
        ("1/2/2026, 9:05", datetime(2026, 2, 1, 9, 5, tzinfo=UTC)),
        ("12/25/2026 08:00", datetime(2026, 12, 25, 8, 0, tzinfo=UTC)),  # only month first fits
    ],
)
def test_a_spreadsheets_dates_are_read_day_first(written: str, meant: datetime) -> None:
    assert from_record({"text": "x", "created_at": written}, now=NOW).created_at == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [("1.234", 1234), ("12.500", 12500), ("1,234", 1234), ("1 234", 1234), ("12.0", 12), (7, 7)],
)
def test_a_spreadsheets_counts_keep_their_thousands(written: object, meant: int) -> None:
    # a Spanish sheet's "1.234" followers is one thousand two hundred and thirty-four (it was
    # read as 1), and "12.500" twelve thousand five hundred (it was 12)
    m = from_record({"text": "x", "author": "ana", "author_followers": written}, now=NOW)
    assert m.author is not None and m.author.followers == meant


@pytest.mark.parametrize("written", ["12.5", "1,234.5", "nan", "inf", 7.5, "-3"])
def test_a_count_that_is_not_whole_is_refused(written: object) -> None:
    with pytest.raises(RecordError) as info:
        from_record({"text": "x", "likes": written}, now=NOW)
    assert info.value.key == "record.bad_number"


@pytest.mark.parametrize("written", ["31/02/2026", "13/13/2026", "06/12/2026 25:00", "6/12"])
def test_a_date_that_cannot_be_is_refused(written: str) -> None:
    with pytest.raises(RecordError) as info:
        from_record({"text": "x", "created_at": written}, now=NOW)
    assert info.value.key == "record.bad_time"


def test_a_json_file_may_hold_one_array(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pretty = tmp_path / "export.json"
    pretty.write_text(
        '\ufeff[\n  {"text": "uno"},\n  {"text": 5},\n  "dos",\n  {"text": "tres"}\n]\n',
        encoding="utf-8",
    )
    rows = list(read_records(pretty))
    assert [line for line, _ in rows] == [2, 3, 4, 5]  # each element by the line it starts on
    assert rows[0][1] == {"text": "uno"} and rows[3][1] == {"text": "tres"}
    assert isinstance(rows[2][1], RecordError) and rows[2][1].key == "record.not_object"
    assert from_record(rows[0][1], now=NOW).text == "uno"  # type: ignore[arg-type]
    # a syntax error ends the reading there, what came before it is kept
    broken = tmp_path / "broken.json"
    broken.write_text('[{"text": "uno"} {"text": "dos"}]', encoding="utf-8")
    kept, error = list(read_records(broken))
    assert kept[1] == {"text": "uno"} and isinstance(error[1], RecordError)
    # JSON Lines in a .json file are still read line by line
    lines = tmp_path / "lines.json"
    lines.write_text('{"text": "a"}\n{"text": "b"}\n', encoding="utf-8")
    assert [r for _, r in read_records(lines)] == [{"text": "a"}, {"text": "b"}]
    # too big to read whole: a clear error, nothing half-read
    monkeypatch.setattr("oteo.sources.files.MAX_ARRAY_BYTES", 10)
    with pytest.raises(FileError) as info:
        list(read_records(pretty))
    assert info.value.key == "import.array_too_large"


def test_jsonl_bad_lines_and_a_huge_line(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    with path.open("wb") as f:
        f.write(b'{"text": "one"}\n')
        f.write(b"{not json\n")
        f.write(b'{"text": "' + b"x" * 9_000_000 + b'"}\n')
        f.write(b'"just a string"\n')
        f.write(b'{"text": "caf\xe9 latin-1"}\n')
        # nested deeper than Python's parser follows: it raised RecursionError
        f.write(b'{"text": "x", "raw": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n")
        f.write(b'{"text": "after"}\n')
    rows = dict(read_records(path))
    assert rows[1] == {"text": "one"}
    assert isinstance(rows[2], RecordError) and rows[2].key == "record.bad_json"
    assert isinstance(rows[3], RecordError) and rows[3].key == "record.too_long"
    assert isinstance(rows[4], RecordError) and rows[4].key == "record.not_object"
    assert rows[5] == {"text": "café latin-1"}
    assert isinstance(rows[6], RecordError) and rows[6].values["error"] == "nested too deeply"
    assert rows[7] == {"text": "after"}
    # a JSON array: what came before it is kept
    path = tmp_path / "m.json"
    path.write_bytes(b'[{"text": "one"},\n' + b"[" * 100_000 + b"]" * 100_000 + b"]")
    first, bad = read_records(path)
    assert first == (1, {"text": "one"}) and bad[0] == 2 and isinstance(bad[1], RecordError)


def test_file_level_errors(tmp_path: Path) -> None:
    with pytest.raises(FileError) as info:
        list(read_records(tmp_path / "missing.jsonl"))
    assert info.value.key == "import.not_found"
    with pytest.raises(FileError):
        list(read_records(tmp_path / "file.xlsx"))
    bad = tmp_path / "cols.csv"
    bad.write_text("body,author\nhola,ana\n", encoding="utf-8")
    with pytest.raises(FileError) as info:
        list(read_records(bad))
    assert info.value.key == "import.no_text_column"
    # a folder named where a file was meant: it was an "unknown file type '-'"
    with pytest.raises(FileError) as info:
        list(read_records(tmp_path))
    assert info.value.key == "import.is_folder"


def test_oteo_import_reports_rejected_rows_and_stores_the_rest(
    tmp_path: Path, config_path: Path
) -> None:
    rows = [
        {
            "id": "1",
            "text": "Lumbre Burger me encanta",
            "created_at": "2026-11-20T10:00:00Z",
            "author": {"handle": "ana"},
        },
        {"id": "2", "created_at": "2026-11-20T10:05:00Z"},
        {"id": "3", "text": "Lumbre Burger fatal", "created_at": "mañana"},
        {
            "id": "4",
            "text": "Lumbre Burger " + "a" * 2_000_000,
            "created_at": "2026-11-20T10:06:00Z",
        },
        {
            "id": "5",
            "text": "<script>alert('x')</script> Lumbre Burger",
            "created_at": "2026-11-20T10:07:00Z",
        },
    ]
    path = tmp_path / "mentions.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["import", str(path), "-c", str(config_path)])
    assert result.exit_code == 3, result.output
    out = result.output
    assert "line 2: rejected: The post has no text." in out
    assert "line 3: rejected: 'created_at' is not a date and time" in out
    assert "line 6: rejected: Not valid JSON" in out
    assert "3 accepted (3 new, 0 already stored), 3 rejected." in out
    store = Store(load(config_path).database_url())
    assert store.counts()["mentions"] == 3
    assert store.mention_by_key("import", "4")["truncated"]  # type: ignore[index]
    # no language given: understanding detected it, and it was stored
    assert store.mention_by_key("import", "1")["lang"] == "es"  # type: ignore[index]
    again = runner.invoke(app, ["import", str(path), "-c", str(config_path)])
    assert "3 accepted (0 new, 3 already stored)" in again.output
    assert store.counts()["mentions"] == 3


def test_an_undated_post_is_told_apart_by_when_it_came_unless_read_from_a_file() -> None:
    record = {"text": "Lumbre Burger fatal", "author": "ana"}
    later = NOW + timedelta(minutes=5)
    # a live source (a webhook, a followed file): the same words later are a new post
    live = [from_record(record, now=t).external_id for t in (NOW, later)]
    assert live[0] != live[1]
    # a file imported again: the same post
    read = [from_record(record, now=t, from_file=True).external_id for t in (NOW, later)]
    assert read[0] == read[1]


def test_posts_with_no_id_nor_time_are_counted_once_each_import_after_import(
    tmp_path: Path, config_path: Path
) -> None:
    # a text file: no ids, no times; two people wrote the same words
    path = tmp_path / "posts.txt"
    path.write_text("Lumbre Burger fatal\nLumbre Burger me encanta\nLumbre Burger fatal\n")
    runner = CliRunner()
    first = runner.invoke(app, ["import", str(path), "-c", str(config_path)])
    assert "3 accepted (3 new, 0 already stored)" in first.output, first.output
    # imported again (a retry after a failure): their ids do not depend on the day
    again = runner.invoke(app, ["import", str(path), "-c", str(config_path)])
    assert "3 accepted (0 new, 3 already stored)" in again.output, again.output
    # the same post twice in one export (same id) is one post, counted as a repeat
    twice = tmp_path / "twice.jsonl"
    twice.write_text(2 * (json.dumps({"id": "9", "text": "Lumbre Burger mola"}) + "\n"))
    both = runner.invoke(app, ["import", str(twice), "-c", str(config_path)])
    assert "2 accepted (1 new, 1 already stored)" in both.output, both.output
    assert Store(load(config_path).database_url()).counts()["mentions"] == 4


def test_repeats_are_counted_in_bounded_memory(
    tmp_path: Path, config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import oteo.importer

    # two ids held at once: the second "a" is another post; the last comes after the
    # count started over (at "c"), and is taken for the first, the same way each time
    monkeypatch.setattr(oteo.importer, "REPEATS_HELD", 2)
    path = tmp_path / "posts.txt"
    path.write_text("Lumbre a\nLumbre a\nLumbre b\nLumbre c\nLumbre a\n")
    runner = CliRunner()
    first = runner.invoke(app, ["import", str(path), "-c", str(config_path)])
    assert "5 accepted (4 new, 1 already stored)" in first.output, first.output
    again = runner.invoke(app, ["import", str(path), "-c", str(config_path)])
    assert "5 accepted (0 new, 5 already stored)" in again.output, again.output


def test_oteo_import_names_the_first_bad_rows_and_counts_the_rest(
    tmp_path: Path, config_path: Path
) -> None:
    path = tmp_path / "mentions.jsonl"
    good = json.dumps({"id": "ok", "text": "Lumbre Burger", "created_at": "2026-11-20T10:00:00Z"})
    path.write_text(good + "\n" + "{broken\n" * 50, encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(path), "-c", str(config_path), "--lang", "en"])
    assert result.exit_code == 3, result.output
    assert result.output.count("rejected: Not valid JSON") == 20
    assert "line 21: rejected" in result.output and "line 22: rejected" not in result.output
    assert "… and 30 more lines rejected." in result.output
    assert "1 accepted (1 new, 0 already stored), 50 rejected." in result.output


def test_an_export_that_writes_html_entities_is_read_as_its_authors_wrote(
    tmp_path: Path, config_path: Path
) -> None:
    # X's API, and the public sets built from it, write &, < and > as entities
    path = tmp_path / "export.tsv"
    path.write_text(
        "id\ttext\n"
        "1\tLumbre Burger perdió mi pedido &amp; no contesta &lt;3 &#39;nunca&#x27; &quot;ok&quot;\n"
        "2\tLumbre Burger: escribir &amp;amp; en un post, AT&T, fish&chips, &not, &amp\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["import", str(path), "-c", str(config_path)])
    assert result.exit_code == 0, result.output
    store = Store(load(config_path).database_url())
    first, second = (store.mention_by_key("import", k)["text"] for k in ("1", "2"))  # type: ignore[index]
    assert first == "Lumbre Burger perdió mi pedido & no contesta <3 'nunca' \"ok\""
    # one pass: a post that spoke of "&amp;" keeps it; no semicolon, no entity
    assert second == "Lumbre Burger: escribir &amp; en un post, AT&T, fish&chips, &not, &amp"


def test_oteo_import_unreadable_file(tmp_path: Path, config_path: Path) -> None:
    result = CliRunner().invoke(app, ["import", str(tmp_path / "nope.csv"), "-c", str(config_path)])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_what_no_watch_matched_is_stored_with_its_language_not_understood(
    tmp_path: Path, config_path: Path
) -> None:
    rows = [
        {"id": "m", "text": "Lumbre Burger me trajo la comida fría otra vez, qué vergüenza"},
        {"id": "u", "text": "What a lovely sunny day at the beach with my friends"},
    ]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(path), "-c", str(config_path)])
    assert result.exit_code == 0, result.output
    store = Store(load(config_path).database_url())
    matched, unmatched = store.mention_by_key("import", "m"), store.mention_by_key("import", "u")
    assert matched["lang"] == "es" and matched["sentiment"] == "negative"  # type: ignore[index]
    assert unmatched["lang"] == "en" and unmatched["sentiment"] is None  # type: ignore[index]


def test_the_brands_own_posts_are_in_the_conversation_but_not_in_the_inbox(
    tmp_path: Path, config_path: Path
) -> None:
    """The brand's own account (the config's ``brand.accounts``) rarely names itself:
    its posts still belong to every watch (a post gone wrong starts crises), but a
    question it asks is not a message for it to answer."""
    rows = [
        {"id": "own", "text": "¿Qué os ha parecido el anuncio de hoy?", "author": "@LumbreBurger"},
        {"id": "them", "text": "¿Lumbre Burger abre el domingo por la noche?", "author": "ana"},
    ]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(path), "-c", str(config_path)])
    assert result.exit_code == 0, result.output
    config = load(config_path)
    assert config.brand.owns("@LumbreBurger") and not config.brand.owns("ana")
    store = Store(config.database_url())
    own = store.mention_by_key("import", "own")
    assert own is not None and own["intent"] == "question"  # understood: it is in a watch
    inbox = store.inbox_queue(datetime(2026, 12, 6, tzinfo=UTC), timedelta(0))
    assert [row["mention_id"] for row in inbox] == [store.mention_by_key("import", "them")["id"]]  # type: ignore[index]


def test_a_lang_filter_reads_short_posts_in_the_streams_languages(
    tmp_path: Path, config_path: Path
) -> None:
    """A watch for Spanish posts: alone, "Menuda vergüenza @lumbreburger" reads Catalan and was
    dropped by ``lang:es``; in a stream of Spanish posts it reads Spanish, as
    understanding reads it, and is matched and stored as Spanish."""
    from oteo.understand import lang as langid

    short = "Menuda vergüenza @lumbreburger"
    assert langid.detect(short) != "es"  # the model alone
    config_path.write_text(
        config_path.read_text(encoding="utf-8").replace(
            """query: '"Lumbre Burger" OR @lumbreburger OR #lumbreburger'""",
            """query: '("Lumbre Burger" OR @lumbreburger) lang:es'""",
        ),
        encoding="utf-8",
    )
    rows = [
        {"id": f"s{i}", "text": f"El pedido {i} de Lumbre Burger llegó tarde y frío, qué desastre"}
        for i in range(30)
    ] + [
        {"id": "en", "text": "Lumbre Burger delivered my order late and cold again"},
        {"id": "short", "text": short},
    ]
    path = tmp_path / "stream.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(path), "-c", str(config_path)])
    assert result.exit_code == 0, result.output
    store = Store(load(config_path).database_url())
    kept = store.mention_by_key("import", "short")
    english = store.mention_by_key("import", "en")
    assert kept is not None and kept["lang"] == "es" and kept["intent"] is not None
    assert english is not None and english["lang"] == "en" and english["intent"] is None


def test_an_export_written_newest_first_raises_what_it_would_in_time_order(
    tmp_path: Path, config_path: Path
) -> None:
    """Exports often list the newest post first: detection must still read a watch's
    mentions in time order, or all but the first would go uncounted."""
    from oteo.sim.export import build, write

    stream = tmp_path / "outage.jsonl"
    write(build(["service_outage"], days=2, volume=100), stream)
    lines = stream.read_text(encoding="utf-8").splitlines()
    newest_first = tmp_path / "newest_first.jsonl"
    newest_first.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    runner = CliRunner()
    reversed_run = runner.invoke(app, ["import", str(newest_first), "-c", str(config_path)])
    assert reversed_run.exit_code == 0, reversed_run.output
    assert "incident #1 opened" in reversed_run.output
    assert "older than what their watch had already seen" not in reversed_run.output
    incidents = Store(load(config_path).database_url()).incidents()
    assert incidents

    in_order = tmp_path / "in_order"
    in_order.mkdir()
    (in_order / "oteo.yaml").write_text(config_path.read_text(encoding="utf-8"), encoding="utf-8")
    ordered_config = in_order / "oteo.yaml"
    runner.invoke(app, ["import", str(stream), "-c", str(ordered_config)])
    ordered = Store(load(ordered_config).database_url()).incidents()
    assert [(i["opened_at"], i["severity"]) for i in ordered] == [
        (i["opened_at"], i["severity"]) for i in incidents
    ]


def test_mentions_older_than_a_watch_has_seen_are_stored_and_reported(
    tmp_path: Path, config_path: Path
) -> None:
    files = [  # the newer file first (its watch's detector moves on), then an older one
        ["2026-11-20T10:00:00Z", "2026-11-20T10:20:00Z"],
        ["2026-11-10T10:00:00Z"],
    ]
    runner = CliRunner()
    for k, times in enumerate(files):
        path = tmp_path / f"{k}.jsonl"
        rows = [
            {"id": f"{k}-{j}", "text": f"Lumbre Burger, pedido {k}-{j} entregado", "created_at": at}
            for j, at in enumerate(times)
        ]
        path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
        result = runner.invoke(app, ["import", str(path), "-c", str(config_path)])
        assert result.exit_code == 0, result.output
    assert "older than what their watch had already seen: 1." in result.output
    assert "oteo backtest" in result.output
    assert Store(load(config_path).database_url()).counts()["mentions"] == 3


def test_rows_are_put_in_time_order_in_bounded_memory() -> None:
    from oteo.importer import in_time_order

    rng = random.Random(3)
    rows = [
        (float(rng.randrange(50)), line, {"text": "x" * rng.randrange(1, 30)})
        for line in range(400)
    ]
    small_runs = list(in_time_order(iter(rows), run_chars=200))  # dozens of runs on disk
    assert small_runs == sorted(rows, key=lambda r: (r[0], r[1]))
    assert list(in_time_order(iter(rows))) == small_runs  # one run, in memory


def test_an_import_of_the_past_pages_nobody_today(tmp_path: Path, peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    """Last month's export raises last month's incidents, on the dashboard; the team's
    phones and mailboxes are not woken for them now."""
    import io

    from rich.console import Console

    from notify_peers import make_config
    from oteo.console import Reporter
    from oteo.importer import import_file
    from oteo.sim.export import build, write

    http, smtp = peers
    config = make_config(http.url, smtp.port)
    stream = tmp_path / "outage.jsonl"
    # from a midnight: the outage (the next day at 13:05) comes after the watch's first
    # day, when a young watch alerts only for a crowd; from the hour the test ran, it
    # came within it, and some minutes of the afternoon raised nothing
    start = (datetime.now(UTC) - timedelta(days=30)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    write(build(["service_outage"], start=start, days=2, volume=100), stream)
    printed = io.StringIO()
    reporter = Reporter(Console(file=printed, width=200), config.timezone)
    import_file(config, store, stream, reporter)
    assert store.incidents(), printed.getvalue()
    statuses = [n["status"] for i in store.incidents() for n in store.notifications(i["id"])]
    assert statuses and set(statuses) == {"past"}
    assert smtp.messages == [] and http.requests == []
    assert "kept, not sent (imported from the past)" in printed.getvalue()


def test_the_airline_bench_reads_the_published_tsv(tmp_path: Path) -> None:
    """`oteo bench airlines` imports the US airline set as published: tab-separated,
    newest first, times with a numeric zone and a space ("2015-02-24 11:35:52 -0800")."""
    from oteo.bench import bench_airlines

    header = "text\tlabel\tcreated_at\tairline\tnegative_reason\tretweet_count\tauthor"
    rows = [
        f"@united flight {k} delayed again\tnegative\t2015-02-{24 - k // 24:02d} "
        f"{23 - k % 24:02d}:10:00 -0800\tUnited\tLate Flight\t0\tflyer{k}"
        for k in range(48)
    ]
    (tmp_path / "sentiment").mkdir()
    (tmp_path / "sentiment" / "en_airline_us.tsv").write_text(
        "\n".join([header, *rows]) + "\n", encoding="utf-8"
    )
    lines = bench_airlines(tmp_path)
    assert lines[0].startswith("imported         48 mentions (0 rejected)")
    united = next(line for line in lines if line.startswith("united "))
    assert united.split()[1] == "48"


def test_an_imported_incident_waiting_long_ago_is_not_escalated_today(peers, store: Store) -> None:  # type: ignore[no-untyped-def]
    """An import that ends while an incident waits for an acknowledgement leaves its
    next step due long ago: `oteo run` would page the next people at once."""
    from notify_peers import alert, make_config, manager_for
    from oteo.importer import RECENT, stop_past_escalations
    from oteo.model import Severity

    http, smtp = peers
    config = make_config(http.url, smtp.port)
    manager = manager_for(config, store)
    now = datetime.now(UTC)
    past = manager.on_alert(alert(config, now - timedelta(days=30), Severity.STRONG))
    recent = manager.on_alert(alert(config, now - timedelta(minutes=20), Severity.STRONG))
    stop_past_escalations(store, [past.incident_id, recent.incident_id], now - RECENT, now)
    assert store.incident(past.incident_id)["next_escalation_at"] is None  # type: ignore[index]
    assert store.incident_events(past.incident_id)[-1]["kind"] == "imported"
    # the recent one still walks its chain; the one from last month pages nobody
    paged = {d.message.incident_id for d in manager.tick(now + timedelta(hours=2))}
    assert paged == {recent.incident_id}
