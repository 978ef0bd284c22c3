"""A fast path for the common case: a plain CSV table that turns out to be valid.

Frictionless checks a table row by row through a general pipeline (row objects, checks,
error objects), about 45,000 rows a second here. Most tables a landlord publishes are
plain CSV files that are valid. This module reads such a table with the standard ``csv``
module and checks every cell with **frictionless's own cell readers** (the same type casts
and constraint checks, from :meth:`frictionless.Field.create_cell_reader`), then the row
rules frictionless applies (cell counts, blank rows, ``unique``, primary and foreign keys,
the site's cell-size limit, and the limits of :mod:`generator.load.table_limits` on numbers and
headers), several times faster.

It only ever says "valid": at the first sign of anything else (an error, or a feature it
does not handle: another dialect, several files, declared hashes, an inferred schema…) it
gives up, and the caller validates the table with frictionless, whose report is the one a
contributor sees. So a table this path accepts is one frictionless accepts, with the same
typed values, row numbers and raw cells (tested against frictionless on the bad-input
fixtures and on random tables).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from frictionless import Resource

from generator.load.table_limits import bounded_reader

CHUNK_ROWS = 10_000  # rows read and checked together, column by column


@dataclass(frozen=True)
class Rows:
    """Consecutive valid rows of a table, read and checked together.

    ``first`` is the row number of the first (the header is row 1); ``cells`` holds the
    source texts row by row, ``columns`` the typed values field by field and ``values`` the
    typed values row by row. Equal cells of a column share one value object.
    """

    first: int
    cells: list[list[str]]
    columns: list[list[Any]]
    values: list[tuple[Any, ...]]


OnRows = Callable[[Rows], None]

_UNHANDLED_KEYS = ("hash", "bytes", "stats", "dialect", "compression", "innerpath")
_UNHANDLED_CONTROL = ("delimiter", "lineTerminator", "quoteChar", "doubleQuote", "escapeChar")


class GiveUp(Exception):
    """The table is not plain, or not valid: frictionless must validate it."""


def read_valid_table(
    resource: Resource,
    raw: dict[str, Any],
    files: list[Path],
    max_cell_chars: int,
    on_rows: OnRows,
) -> bool:
    """Read a plain CSV table that is valid, calling ``on_rows`` with each chunk of
    consecutive rows; return False (having perhaps called ``on_rows`` for some rows) as
    soon as the table is not plain or not valid."""
    try:
        _read(resource, raw, files, max_cell_chars, on_rows)
    except Exception:  # GiveUp, or anything unexpected: frictionless decides and reports
        return False
    return True


def _read(
    resource: Resource, raw: dict[str, Any], files: list[Path], limit: int, on_rows: OnRows
) -> None:
    encoding = _check_plain(resource, raw, files)
    schema = resource.schema
    fields = schema.fields
    names = [field.name for field in fields]
    if any(len(name) > limit for name in names):
        raise GiveUp("a column header is longer than the cell-size limit")
    readers = [
        _memoised(bounded_reader(field.create_cell_reader(), field.type)) for field in fields
    ]
    strings = [field.type == "string" for field in fields]
    unique: list[tuple[int, set[Any]]] = [
        (position, set()) for position, f in enumerate(fields) if f.constraints.get("unique")
    ]
    primary = [names.index(name) for name in schema.primary_key]
    foreign = [_foreign_group(resource, names, key) for key in schema.foreign_keys]
    blank = [""] * len(names)
    with _csv_rows(files[0], encoding) as records:
        if next(records, None) != names:
            raise GiveUp("the header is not the schema's field names")
        _read_chunks(records, readers, strings, unique, primary, foreign, blank, limit, on_rows)


def _read_chunks(
    records: Iterator[list[str]],
    readers: list[Callable[[str], tuple[Any, Any]]],
    strings: list[bool],
    unique: list[tuple[int, set[Any]]],
    primary: list[int],
    foreign: list[tuple[list[int], set[tuple[Any, ...]]]],
    blank: list[str],
    limit: int,
    on_rows: OnRows,
) -> None:
    """Check the rows after the header, a chunk at a time, column by column."""
    width = len(blank)
    primary_seen: set[tuple[Any, ...]] = set()
    first = 2
    while chunk := list(islice(records, CHUNK_ROWS)):
        if set(map(len, chunk)) != {width} or blank in chunk:
            raise GiveUp("a row has missing or extra cells, or is blank")
        cells_by_field = zip(*chunk, strict=True)
        columns = [
            _typed_column(reader, column, is_string, limit)
            for reader, column, is_string in zip(readers, cells_by_field, strings, strict=True)
        ]
        for position, seen in unique:
            present = [value for value in columns[position] if value is not None]
            distinct = set(present)
            if len(distinct) != len(present) or not distinct.isdisjoint(seen):
                raise GiveUp("a unique value repeats")
            seen.update(distinct)
        if primary:
            keys = set(zip(*(columns[position] for position in primary), strict=True))
            if (
                len(keys) != len(chunk)
                or (None,) * len(primary) in keys
                or not keys.isdisjoint(primary_seen)
            ):
                raise GiveUp("a primary key is empty or repeats")
            primary_seen.update(keys)
        for positions, lookup in foreign:
            keys = set(zip(*(columns[position] for position in positions), strict=True))
            if keys - lookup - {(None,) * len(positions)}:  # an all-empty key refers to nothing
                raise GiveUp("a foreign key has no match")
        on_rows(Rows(first, chunk, columns, list(zip(*columns, strict=True))))
        first += len(chunk)


def _typed_column(
    reader: Callable[[str], tuple[Any, Any]], cells: tuple[str, ...], is_string: bool, limit: int
) -> list[Any]:
    """The typed values of one column's ``cells``, each distinct cell read once."""
    typed: dict[str, Any] = {}
    for cell in dict.fromkeys(cells):
        value, notes = reader(cell)
        if notes or (is_string and value is not None and len(value) > limit):
            raise GiveUp("a cell is not valid")
        typed[cell] = value
    return list(map(typed.__getitem__, cells))


MEMO_LIMIT = 50_000  # distinct cells remembered per field


def _memoised(reader: Callable[[Any], tuple[Any, Any]]) -> Callable[[str], tuple[Any, Any]]:
    """``reader`` remembering what it read: a cell reader is a pure function of the cell's
    text, and columns repeat (types, conditions, years, dates), so most cells are read once.
    The values are immutable (numbers, dates, text), so sharing them is safe."""
    memo: dict[str, tuple[Any, Any]] = {}

    def read(cell: str) -> tuple[Any, Any]:
        found = memo.get(cell)
        if found is None:
            found = reader(cell)
            if len(memo) < MEMO_LIMIT:
                memo[cell] = found
        return found

    return read


def _check_plain(resource: Resource, raw: dict[str, Any], files: list[Path]) -> str:
    """Give up unless the table is one local CSV file with an explicit schema and frictionless
    reads it with the default CSV dialect; return the encoding frictionless reads it in."""
    if len(files) != 1 or resource.format != "csv" or "schema" not in raw:
        raise GiveUp("not a single CSV file with a schema")
    if any(key in raw for key in _UNHANDLED_KEYS):
        raise GiveUp("the descriptor declares something this path does not check")
    schema = resource.schema
    if schema is None or not schema.fields or len(set(schema.field_names)) != len(schema.fields):
        raise GiveUp("no usable schema")
    probe = resource.to_copy()
    probe.schema.foreign_keys = []  # opening would read every referenced table
    with probe:  # frictionless detects the dialect from a sample, as when it validates
        dialect = probe.dialect.to_descriptor()
        control = probe.dialect.get_control("csv")
        detected = control.to_descriptor() if control is not None else {}
        encoding = probe.encoding or "utf-8"
    if any(key != "type" for key in dialect) or any(k in detected for k in _UNHANDLED_CONTROL):
        raise GiveUp("not the default CSV dialect")
    return encoding


@contextmanager
def _csv_rows(path: Path, encoding: str) -> Iterator[Iterator[list[str]]]:
    """The rows of a CSV file as the ``csv`` module reads them, while the file is open."""
    with path.open(encoding=encoding, newline="") as handle:
        yield csv.reader(handle, strict=True)


def _foreign_group(
    resource: Resource, names: list[str], key: dict[str, Any]
) -> tuple[list[int], set[tuple[Any, ...]]]:
    """The positions of a foreign key's fields and the set of values it may take."""
    fields = key.get("fields")
    reference = key.get("reference") or {}
    source_fields = reference.get("fields")
    if isinstance(fields, str):
        fields = [fields]
    if isinstance(source_fields, str):
        source_fields = [source_fields]
    if not fields or not source_fields or not set(fields) <= set(names):
        raise GiveUp("a foreign key this path does not handle")
    source_name = reference.get("resource") or ""
    if not source_name or resource.package is None:
        raise GiveUp("a self-reference or a resource without a package")
    source = resource.package.get_resource(source_name)
    source_files = [Path(path) for path in source.normpaths]
    return [names.index(name) for name in fields], _lookup(source, source_files, source_fields)


def _lookup(source: Resource, files: list[Path], key: list[str]) -> set[tuple[Any, ...]]:
    """The values of ``key`` in every row of ``source`` (rows whose key is all empty left
    out), cast as frictionless casts them; give up unless ``source`` is plain too."""
    raw = source.to_descriptor()
    encoding = _check_plain(source, raw, files)
    names = source.schema.field_names
    if not set(key) <= set(names):
        raise GiveUp("the referenced fields are not in the referenced table")
    positions = [names.index(name) for name in key]
    readers = [source.schema.get_field(name).create_cell_reader() for name in key]
    found: set[tuple[Any, ...]] = set()
    with _csv_rows(files[0], encoding) as rows:
        if next(rows, None) != names:
            raise GiveUp("the referenced table's header is not its field names")
        while chunk := list(islice(rows, CHUNK_ROWS)):
            if set(map(len, chunk)) != {len(names)}:
                raise GiveUp("the referenced table has missing or extra cells")
            columns = list(zip(*chunk, strict=True))
            keys = []
            for reader, position in zip(readers, positions, strict=True):
                typed = {cell: reader(cell)[0] for cell in dict.fromkeys(columns[position])}
                keys.append(map(typed.__getitem__, columns[position]))
            found.update(zip(*keys, strict=True))
    found.discard((None,) * len(key))  # a row whose key is all empty refers to nothing
    return found
