"""Many rows at once straight through the database driver.

The ingest path writes thousands of rows a second; SQLAlchemy's per-row parameter
handling (a dictionary per row, looked up key by key) cost more than SQLite's own work.
Here a statement is written once per table and column list, each row is a tuple in that
order, and only the columns whose type converts values (dates, JSON, booleans on some
databases) run their converter: the same converter SQLAlchemy would use for that
database, so what is stored is the same as through ``insert()``.  Nothing is applied
for the columns left out: callers give every column they mean to write.

Statements come in few shapes.  SQLite's driver keeps the last 128 statements it
prepared, each as large as its parameter list (hundreds of kilobytes for a few hundred
rows): a multi-row statement per batch size, or an ``IN (…)`` list per number of keys,
filled that cache with statements used once, about 100 MB of the pipeline's memory.
Rows go in chunks whose sizes are powers of two and key lists are padded to one, so
each shape is prepared once and used again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlalchemy.engine import Connection, Dialect

#: bound parameters in one multi-row statement (SQLite allows 32,766; PostgreSQL 65,535)
MAX_PARAMS = 30_000
#: rows in one multi-row statement
MAX_ROWS = 1_000

Converter = Callable[[Any], Any]
T = TypeVar("T")
#: the positional placeholder of each driver parameter style used here
_MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _power_of_two_at_most(n: int) -> int:
    return 1 << (max(n, 1).bit_length() - 1)


def chunk_sizes(n: int, most: int) -> list[int]:
    """Sizes adding up to ``n``: the largest power of two up to ``most`` while it fits,
    then the binary digits of what is left (437 by at most 512: 256, 128, 32, 16, 4, 1)."""
    top = _power_of_two_at_most(most)
    sizes = [top] * (n // top)
    rest = n % top
    while rest:
        size = _power_of_two_at_most(rest)
        sizes.append(size)
        rest -= size
    return sizes


def in_chunks(rows: Sequence[T], most: int) -> Iterator[Sequence[T]]:
    """``rows`` in consecutive chunks of the sizes :func:`chunk_sizes` gives."""
    start = 0
    for size in chunk_sizes(len(rows), most):
        yield rows[start : start + size]
        start += size


def key_chunks(keys: Sequence[T], most: int = 512) -> list[list[T]]:
    """``keys`` in chunks of at most ``most`` for ``IN (…)`` lists, each padded to a
    power of two by repeating its last key (a key twice in an ``IN`` list changes
    nothing)."""
    chunks = []
    for start in range(0, len(keys), most):
        chunk = list(keys[start : start + most])
        size = 1 << (len(chunk) - 1).bit_length()
        chunks.append(chunk + [chunk[-1]] * (size - len(chunk)))
    return chunks


class Writer:
    """INSERT and UPDATE of one table's ``columns`` for one database dialect (for
    UPDATE, the last column is the row's key)."""

    def __init__(self, table: Table, columns: Sequence[str], dialect: Dialect) -> None:
        self.columns = tuple(columns)
        self._quote = quote = dialect.identifier_preparer.quote
        self._name = quote(table.name)
        self._quoted = [quote(c) for c in self.columns]
        self._mark = _MARKS[dialect.paramstyle]
        self._converters: list[tuple[int, Converter]] = []
        for i, name in enumerate(self.columns):
            column_type = table.c[name].type
            convert = column_type.dialect_impl(dialect).bind_processor(dialect)
            if convert is not None:
                self._converters.append((i, convert))
        self._head = f"INSERT INTO {self._name} ({', '.join(self._quoted)}) VALUES "
        self._one = "(" + ", ".join([self._mark] * len(self.columns)) + ")"
        sets = ", ".join(f"{q} = {self._mark}" for q in self._quoted[:-1])
        self._update_sql = f"UPDATE {self._name} SET {sets} WHERE {self._quoted[-1]} = {self._mark}"

    def _rows(self, rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
        """Each row as the driver takes it (converters see ``None`` too: JSON writes
        it as ``null``, as SQLAlchemy does)."""
        converters = self._converters
        if not converters:
            return [tuple(r) for r in rows]
        out = []
        for row in rows:
            values = list(row)
            for i, convert in converters:
                values[i] = convert(values[i])
            out.append(tuple(values))
        return out

    def insert(self, conn: Connection, rows: Sequence[Sequence[Any]]) -> None:
        """Insert ``rows`` (tuples in ``columns`` order) with one prepared statement."""
        if rows:
            conn.exec_driver_sql(self._head + self._one, self._rows(rows))

    def insert_returning(
        self, conn: Connection, rows: Sequence[Sequence[Any]], returning: Sequence[str]
    ) -> list[tuple[Any, ...]]:
        """Insert ``rows`` in multi-row statements and return ``returning`` of each new
        row, in no particular order (SQLite promises none): return a key with it."""
        values = self._rows(rows)
        back = " RETURNING " + ", ".join(self._quote(c) for c in returning)
        most = min(MAX_ROWS, MAX_PARAMS // len(self.columns))
        out: list[tuple[Any, ...]] = []
        for chunk in in_chunks(values, most):
            sql = self._head + ", ".join([self._one] * len(chunk)) + back
            flat = tuple(v for row in chunk for v in row)
            out.extend(tuple(r) for r in conn.exec_driver_sql(sql, flat))
        return out

    def update(self, conn: Connection, rows: Sequence[Sequence[Any]]) -> None:
        """``UPDATE … SET`` every column but the last ``WHERE`` the last ``= ?``, a row
        each (the last column is the key, its value last in each row)."""
        if rows:
            conn.exec_driver_sql(self._update_sql, self._rows(rows))
