"""Say what a frictionless error means to a contributor, and how to fix it.

Frictionless reports *what* failed; a contributor also needs *where* (a physical line, see
:mod:`generator.core.sourcelines`) and *what to do*. :func:`explain` turns one frictionless error
descriptor into a field name and such a message. Positions frictionless writes as "row at
position N" are rewritten as file lines through ``line_of``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_ROW_POSITION = re.compile(r'row at position "?(\d+)"?', re.IGNORECASE)


def _with_lines(text: str, line_of: Callable[[int], int]) -> str:
    return _ROW_POSITION.sub(lambda match: f"line {line_of(int(match.group(1)))}", text)


def _field_of(error: dict[str, Any]) -> str:
    if error.get("fieldName"):
        return str(error["fieldName"])
    if error.get("label"):
        return str(error["label"])
    if error.get("fieldNames"):  # a foreign key names its fields
        return ", ".join(str(name) for name in error["fieldNames"])
    if error.get("fieldNumber"):
        return f"column {error['fieldNumber']}"
    return "-"


def _quote(value: Any, limit: int = 60) -> str:
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + f"… ({len(text):,} characters)"
    return f'"{text}"'


def explain(
    error: dict[str, Any], line_of: Callable[[int], int], syntax: str = "csv"
) -> tuple[str, str]:
    """The field concerned and a fix-it message for one frictionless error descriptor.

    ``syntax`` is how the table writes its rows: "csv" (CSV and TSV files) or "json" (JSON,
    JSON lines and rows written inline in the descriptor), for advice in its own terms.
    """
    kind = error.get("type", "")
    note = _with_lines(str(error.get("note") or ""), line_of)
    cell = error.get("cell", "")
    field = _field_of(error)
    if kind == "type-error":
        expected = note.removeprefix("type is ").strip('"').removesuffix("/default")
        expected = expected or "the declared type"
        message = (
            f"{_quote(cell)} is not a valid {expected}; correct the value, "
            "or change the field's type in the schema"
        )
    elif kind == "constraint-error":
        message = (
            f"{_quote(cell)} breaks a constraint ({note}); correct the value or the constraint"
        )
    elif kind == "unique-error":
        message = f"{_quote(cell)} is repeated but values must be unique ({note})"
    elif kind == "primary-key":
        message = f"duplicate primary key: {note}; each row needs a unique key"
    elif kind == "foreign-key":
        message = f"broken foreign key: {note}; add the referenced row, or correct this value"
    elif kind == "missing-cell" and syntax == "csv":
        message = (
            "the row has fewer cells than the header; add the missing value "
            '(an empty value is written as nothing between two commas: ",,")'
        )
    elif kind == "missing-cell":
        message = (
            "the row has fewer values than the header; add the missing value "
            "(an empty value is written null)"
        )
    elif kind == "extra-cell" and syntax == "csv":
        message = (
            f"the row has more cells than the header (extra value {_quote(cell)}); "
            "remove it, quote a value that contains a comma, or add a field to the schema"
        )
    elif kind == "extra-cell":
        message = (
            f"the row has more values than the header (extra value {_quote(cell)}); "
            "remove it, or add a field to the schema"
        )
    elif kind == "blank-row":
        message = "the row is empty; remove it"
    elif kind == "incorrect-label":
        message = (
            f"column header {_quote(error.get('label', ''))} does not match the schema field "
            f"{_quote(error.get('fieldName', ''))} at the same position; rename one of them"
        )
    elif kind == "extra-label":
        message = (
            f"column {_quote(error.get('label', ''))} is not described by the schema; "
            "add a field for it or remove the column"
        )
    elif kind == "missing-label":
        message = (
            f"the schema field {_quote(error.get('fieldName', ''))} has no column in the file; "
            "add the column or remove the field"
        )
    elif kind == "blank-label":
        message = "a column header is empty; give every column a name"
    elif kind == "duplicate-label":
        message = (
            f"column header {_quote(error.get('label', ''))} appears twice; names must be unique"
        )
    elif kind == "oversized-cell":
        message = note
    elif kind == "source-error" and "empty" in note:
        message = "the file is empty; it needs at least a header line naming the columns"
    elif kind == "source-error" and "cannot extract JSON tabular data" in note:
        message = (
            "the file holds no table; write the rows as a JSON array of arrays (the first "
            "naming the columns) or of objects"
        )
    else:
        title = str(error.get("title") or kind or "error")
        detail = note or _with_lines(str(error.get("message", "")), line_of)
        message = f"{title.lower()}: {detail}"
    return field, message


def error_rows(error: dict[str, Any]) -> list[int]:
    """Record numbers an error refers to (its own and any it mentions)."""
    rows = []
    if isinstance(error.get("rowNumber"), int):
        rows.append(error["rowNumber"])
    numbers = error.get("rowNumbers")
    if isinstance(numbers, list):
        rows.extend(n for n in numbers if isinstance(n, int))
    rows.extend(int(match) for match in _ROW_POSITION.findall(str(error.get("note") or "")))
    return rows


def error_record(error: dict[str, Any]) -> int | None:
    """The record an error is about (header = 1), or None for table-level errors."""
    if isinstance(error.get("rowNumber"), int):
        return error["rowNumber"]
    numbers = error.get("rowNumbers")
    if isinstance(numbers, list) and numbers:
        return int(numbers[0])
    return None
