"""Turn positions that frictionless reports into physical lines of the data file.

Frictionless numbers *records* (header = 1). A quoted cell may span several lines, so record
N is not always line N. These helpers re-read the file only when a resource has errors, and
only as far as the last record asked for.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .sourcemap import LineIndex

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
