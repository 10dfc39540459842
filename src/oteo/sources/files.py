"""Mentions from files: JSON Lines, CSV and TSV, of any size and encoding.

Reading never stops at a bad row: each row becomes either a record or a
:class:`RecordError` with its line number.  Lines are read with a size bound, so a
file with a gigabyte on one line costs a bounded amount of memory; a ``.json`` file
may instead hold one array of records, read whole up to :data:`MAX_ARRAY_BYTES`.  CSV files exported
from Spanish spreadsheets (Windows-1252, ``;`` separators) are recognised.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from oteo.records import KNOWN_FIELDS, TOO_DEEP, RecordError, read_json
from oteo.text import UTF8_ELSE_CP1252, decode_bytes

MAX_LINE_BYTES = 8_000_000
#: a .json file holding one array of records is read whole: up to this size
MAX_ARRAY_BYTES = 200_000_000
#: the columns a Spanish spreadsheet may name in Spanish, by their names in the format
SPANISH_COLUMNS = {
    "texto": "text",
    "mensaje": "text",
    "fecha": "created_at",
    "autor": "author",
    "usuario": "author",
    "canal": "channel",
    "enlace": "url",
    "idioma": "lang",
    "seguidores": "author_followers",
    "me_gusta": "likes",
    "compartidos": "reposts",
    "respuestas": "replies",
}
FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "txt",
}


class FileError(Exception):
    """The file as a whole cannot be read (nothing was accepted from it)."""

    def __init__(self, key: str, **values: Any) -> None:
        self.key = key
        self.values = values
        super().__init__(key)


def file_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise FileError("import.unknown_format", suffix=path.suffix or "-")
    return fmt


def read_records(path: str | Path) -> Iterator[tuple[int, dict[str, Any] | RecordError]]:
    """``(line number, record or error)`` for every row of the file."""
    path = Path(path)
    if path.is_dir():
        raise FileError("import.is_folder", path=str(path))
    fmt = file_format(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise FileError("import.not_found", path=str(path)) from None
    except OSError as exc:
        raise FileError(
            "import.unreadable", path=str(path), error=exc.strerror or str(exc)
        ) from None
    with handle:
        if fmt == "jsonl" and path.suffix.lower() == ".json" and _starts_array(handle):
            yield from _json_array(handle)
        elif fmt == "jsonl":
            yield from _jsonl(handle)
        elif fmt == "txt":
            for number, line in _lines(handle):
                if isinstance(line, RecordError):
                    yield number, line
                elif line.strip():
                    yield number, {"text": line}
        else:
            yield from _csv(handle, "\t" if fmt == "tsv" else None)


def _lines(handle: io.BufferedReader) -> Iterator[tuple[int, str | RecordError]]:
    """Decoded lines, each at most MAX_LINE_BYTES (longer ones are skipped, reported)."""
    number = 0
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while True:  # skip the rest of this line without holding it
                rest = handle.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, RecordError("record.too_long", limit=MAX_LINE_BYTES)
            continue
        yield number, decode_bytes(line).rstrip("\r\n")


def _jsonl(handle: io.BufferedReader) -> Iterator[tuple[int, dict[str, Any] | RecordError]]:
    for number, line in _lines(handle):
        if isinstance(line, RecordError):
            yield number, line
            continue
        if not line.strip():
            continue
        try:
            record = read_json(line)
        except json.JSONDecodeError as exc:
            yield number, RecordError("record.bad_json", error=exc.msg)
            continue
        yield number, record if isinstance(record, dict) else RecordError("record.not_object")


def _starts_array(handle: io.BufferedReader) -> bool:
    """Whether the file's first character (after a BOM and blanks) opens a JSON array."""
    head = handle.peek(4096)[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"[")


def _json_array(handle: io.BufferedReader) -> Iterator[tuple[int, dict[str, Any] | RecordError]]:
    """The records of a JSON array, each numbered by the line it starts on.  A syntax
    error ends the reading there: what came before it is kept."""
    data = handle.read(MAX_ARRAY_BYTES + 1)
    if len(data) > MAX_ARRAY_BYTES:
        raise FileError("import.array_too_large", limit=MAX_ARRAY_BYTES // 1_000_000)
    text = decode_bytes(data).lstrip("\ufeff")
    decoder = json.JSONDecoder()
    at = text.index("[") + 1
    line, counted = 1, 0  # the line number at ``counted``, kept as reading moves on

    def line_at(position: int) -> int:
        nonlocal line, counted
        line += text.count("\n", counted, position)
        counted = position
        return line

    while True:
        at = _skip_blank(text, at)
        if text.startswith("]", at):
            return
        number = line_at(at)
        try:
            record, at = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            yield number, RecordError("record.bad_json", error=exc.msg)
            return
        except RecursionError:
            yield number, RecordError("record.bad_json", error=TOO_DEEP)
            return
        yield number, record if isinstance(record, dict) else RecordError("record.not_object")
        at = _skip_blank(text, at)
        if text.startswith(",", at):
            at += 1
        elif not text.startswith("]", at):
            yield line_at(at), RecordError("record.bad_json", error="',' or ']'")
            return


def _skip_blank(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def csv_text(handle: BinaryIO, delimiter: str | None = None) -> tuple[io.TextIOWrapper, str]:
    """A CSV file opened as text, and its delimiter: UTF-8 (with or without a BOM), with
    each byte that is not part of valid UTF-8 read as Windows-1252, as Spanish
    spreadsheets write it (:data:`~oteo.text.UTF8_ELSE_CP1252`); the delimiter (unless given) the one its
    first line uses of ``,``, ``;``, tab and ``|``. A field may be as long as
    :data:`MAX_LINE_BYTES`."""
    if delimiter is None:
        head = handle.read(65536).decode("utf-8-sig", UTF8_ELSE_CP1252)
        handle.seek(0)
        try:
            delimiter = csv.Sniffer().sniff(head.split("\n", 1)[0], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    csv.field_size_limit(MAX_LINE_BYTES)
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors=UTF8_ELSE_CP1252, newline="")
    return text, delimiter


def csv_rows(reader: Iterator[Any]) -> Iterator[Any]:
    """The rows of a CSV reader, in order; a line that is not CSV (a field past the size
    bound) is yielded as its ``csv.Error`` and ends them: what follows it cannot be told
    apart."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield exc
            return


def _csv(
    handle: io.BufferedReader, delimiter: str | None
) -> Iterator[tuple[int, dict[str, Any] | RecordError]]:
    text, delimiter = csv_text(handle, delimiter)
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        columns = reader.fieldnames or []
    except csv.Error as exc:
        yield 1, RecordError("record.bad_csv", error=str(exc))
        return
    names = _column_names(columns)
    if "text" not in names.values():
        raise FileError("import.no_text_column", columns=", ".join(c for c in columns if c) or "-")
    for row in csv_rows(reader):
        if isinstance(row, csv.Error):
            yield reader.line_num, RecordError("record.bad_csv", error=str(row))
            return
        record = {names[k]: v for k, v in row.items() if k is not None}
        if None in row:  # more cells than columns
            record["_extra_cells"] = row[None]
        yield reader.line_num, record


def _column_names(columns: list[str]) -> dict[str, str]:
    """Each column by the format's name for it: as written, in any case (``Text`` is
    ``text``), or its Spanish name's (``Texto`` is ``text``), unless the file also has a
    column of that name."""
    written = [c.strip() for c in columns]
    names = {}
    for column, name in zip(columns, written, strict=True):
        lowered = name.lower()
        alias = lowered if lowered in KNOWN_FIELDS else SPANISH_COLUMNS.get(lowered)
        names[column] = alias if alias and alias not in written else name
    return names
