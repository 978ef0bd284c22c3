"""Turn positions that frictionless reports into physical lines of the data file.

Frictionless numbers *records* (header = 1). A quoted cell may span several lines, so record
N is not always line N; in a JSON table an item may take any number of lines, and a table
of objects has no header line at all. These helpers re-read the file only when a resource
has errors.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from generator.core.sourcemap import Key, LineIndex, walk_json

_CHUNK = 1 << 16


def record_start_lines(
    path: Path,
    records: Iterable[int],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    quotechar: str = '"',
) -> dict[int, int]:
    """Map each wanted record number (header = 1) to the line it starts on.

    Records that cannot be reached (unreadable bytes, file shorter than asked) map to
    themselves, which is right for any file without multi-line cells.
    """
    wanted = sorted(set(records))
    found = {number: number for number in wanted}
    if not wanted:
        return found
    last = wanted[-1]
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter, quotechar=quotechar or None)
            csv.field_size_limit(1 << 31)
            previous_end = 0
            for number, _ in enumerate(reader, start=1):
                if number in found:
                    found[number] = previous_end + 1
                previous_end = reader.line_num
                if number >= last:
                    break
    except (OSError, csv.Error, LookupError):
        pass
    return found


def first_undecodable_line(path: Path, encoding: str) -> tuple[int, str] | None:
    """The line of the first byte sequence that is not valid ``encoding``, and the bytes.

    Returns None when the whole file decodes (or the encoding is unknown).
    """
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError:
        return None
    line = 1
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as error:
                    line += chunk.count(b"\n", 0, error.start)
                    return line, chunk[error.start : error.end].hex(" ")
                line += chunk.count(b"\n")
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return line, "incomplete character at the end"
    except OSError:
        return None
    return None


Item = tuple[int, dict[str, int] | None]  # where an item starts; for an object, its keys' lines


class ItemLines:
    """Where the rows of a table read from a list of items stand: a JSON array, a JSON
    lines file or rows written inline in a descriptor.

    This is how frictionless numbers such rows: when the items are arrays, the first one
    is the header (record 1) and item ``k`` is record ``k + 1``; when they are objects, the
    header is made of the first object's keys, so records 1 and 2 are both the first item.
    """

    def __init__(self, items: Sequence[Item]) -> None:
        self.items = list(items)
        self.keyed = bool(self.items) and self.items[0][1] is not None

    def _item(self, record: int) -> Item | None:
        index = max(record - (2 if self.keyed else 1), 0)
        return self.items[index] if index < len(self.items) else None

    def record_line(self, record: int) -> int:
        """The line where ``record`` starts (the record number itself when out of reach)."""
        item = self._item(record)
        return item[0] if item else record

    def cell_line(self, record: int, field: str) -> int:
        """The line of ``field`` in ``record``: its key's, for an object that has it."""
        item = self._item(record)
        if item is None:
            return record
        return (item[1] or {}).get(field, item[0])


def json_items(
    path: Path, *, encoding: str = "utf-8", prefix: Sequence[Key] = (), last_record: int = 0
) -> ItemLines:
    """The items of the array at ``prefix`` (top level by default) of a JSON file, read as
    far as ``last_record``."""
    try:
        text = path.read_text(encoding=encoding, errors="replace")
    except (OSError, LookupError):
        return ItemLines([])
    prefix = tuple(prefix)
    depth = len(prefix) + 1
    items: list[Item] = []
    for where, line, char in walk_json(text, max_depth=depth + 1):
        if len(where) < depth or where[: depth - 1] != prefix:
            continue
        index = where[depth - 1]
        if not isinstance(index, int):
            continue
        if len(where) == depth:
            if index > last_record:
                break
            items.append((line, {} if char == "{" else None))
        elif char == ":" and items and items[-1][1] is not None:
            items[-1][1][str(where[-1])] = line
    return ItemLines(items)


def json_lines_items(path: Path, *, encoding: str = "utf-8") -> ItemLines:
    """The items of a JSON lines file: one per line that is not blank."""
    items: list[Item] = []
    try:
        with path.open(encoding=encoding, errors="replace", newline=None) as handle:
            for number, text in enumerate(handle, start=1):
                if text.strip():
                    items.append((number, {} if text.lstrip().startswith("{") else None))
    except (OSError, LookupError):
        pass
    return ItemLines(items)


def first_json_mistake(
    path: Path, *, encoding: str = "utf-8", per_line: bool = False
) -> tuple[int, str] | None:
    """The line of the first syntax mistake in a JSON file (or, ``per_line``, a JSON lines
    file) and what it is; None when the file parses."""
    try:
        text = path.read_text(encoding=encoding, errors="replace")
    except (OSError, LookupError):
        return None
    if not per_line:
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            return error.lineno, f"{error.msg} (column {error.colno})"
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            return number, "the line is blank"
        try:
            json.loads(line)
        except json.JSONDecodeError as error:
            return number, f"{error.msg} (column {error.colno})"
    return None


def inline_record_lines(
    data: Any, resource_index: int, lines: LineIndex, wanted: Iterable[int]
) -> dict[int, int]:
    """The descriptor line of each ``wanted`` record of a resource's inline ``data``.

    Rows written as lists start with the header (record 1 is ``data[0]``); rows written as
    objects have no header row, so record 2 is ``data[0]``.
    """
    if not isinstance(data, list) or not data:
        return {}
    offset = 2 if isinstance(data[0], dict) else 1
    return {
        record: lines.line_of(["resources", resource_index, "data", record - offset])
        for record in wanted
        if 0 <= record - offset < len(data)
    }
