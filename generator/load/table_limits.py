"""Limits on table values beyond frictionless's own checks.

Frictionless reads ``NaN``, ``inf``, ``-Infinity`` and ``1e999`` as valid numbers and any
run of digits as a valid integer. None of them can be summarised, charted or compared, and
other tools reading the published files choke on them, so a number must be finite and fit a
64-bit float, and an integer must fit a signed 64-bit integer. A cell longer than
``max_cell_chars`` would swamp every page, and a column header is held to the same limit: it
is printed on every page of the table.

Both validation paths apply these rules: the fast path (:mod:`generator.load.fast_validation`)
gives up on a value they refuse, and frictionless, running the checks below, reports it at
its line.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import frictionless
from frictionless import errors
from frictionless.checklist import Check

from generator.config import SiteConfig
from generator.core.document_limits import DocumentError, check_json_text
from generator.core.problems import Problems

INTEGER_MIN, INTEGER_MAX = -(2**63), 2**63 - 1
FLOAT_MAX = Decimal(sys.float_info.max)
NUMERIC_TYPES = ("number", "integer")


def _shown(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def number_problem(value: Any, field_type: str, cell: Any = None) -> str | None:
    """What is wrong with a typed ``value`` of a number or integer field (read from
    ``cell``, the text as written), or None."""
    if value is None or isinstance(value, bool):
        return None
    written = _shown(cell if isinstance(cell, str) else value)
    if isinstance(value, float):
        value = Decimal(value) if math.isfinite(value) else Decimal(str(value))
    if isinstance(value, Decimal):
        if value.is_nan():
            return (
                "NaN (not a number) cannot be published; write the value, or leave the cell empty"
            )
        if value.is_infinite() or abs(value) > FLOAT_MAX:
            return (
                f"{written} is infinite or too large for a number (at most about "
                "1.8e308); write the real value, or leave the cell empty"
            )
        return None
    if (
        isinstance(value, int)
        and field_type == "integer"
        and not INTEGER_MIN <= value <= INTEGER_MAX
    ):
        return (
            f"{written} is too large for an integer (from -9223372036854775808 to "
            "9223372036854775807); write the real value, or make the field a string"
        )
    return None


def bounded_reader(
    reader: Callable[[Any], tuple[Any, Any]], field_type: str
) -> Callable[[Any], tuple[Any, Any]]:
    """A frictionless cell reader that also refuses what :func:`number_problem` refuses."""
    if field_type not in NUMERIC_TYPES:
        return reader

    def read(cell: Any) -> tuple[Any, Any]:
        value, notes = reader(cell)
        if not notes:
            problem = number_problem(value, field_type, cell)
            if problem:
                return None, {"range": problem}
        return value, notes

    return read


class UnusableNumberError(errors.CellError):
    """A number that is NaN, infinite or out of range."""

    type = "unusable-number"
    title = "Unusable number"
    description = "A number is NaN, infinite or too large to publish."
    template = "The cell in row at position {rowNumber} and field {fieldName} is unusable: {note}"


class OversizedLabelError(errors.LabelError):
    """A column header longer than ``max_cell_chars``."""

    type = "oversized-label"
    title = "Header too long"
    description = "A column header is longer than the site accepts."
    template = "The header of column {fieldNumber} is too long: {note}"


@attrs.define(kw_only=True, repr=False)
class NumberRangeCheck(Check):
    """Refuse NaN, infinite and out-of-range values in number and integer fields."""

    type = "number-range"
    Errors = [UnusableNumberError]  # noqa: RUF012 - frictionless API

    def validate_row(self, row: frictionless.Row) -> Iterable[errors.Error]:
        cells = row.cells
        for position, field in enumerate(self.resource.schema.fields):
            if field.type not in NUMERIC_TYPES or field.name not in row:
                continue
            cell = cells[position] if position < len(cells) else None
            problem = number_problem(row[field.name], field.type, cell)
            if problem:
                yield UnusableNumberError.from_row(row, note=problem, field_name=field.name)


@attrs.define(kw_only=True, repr=False)
class HeaderSizeCheck(Check):
    """Refuse column headers longer than ``limit`` characters."""

    type = "header-size"
    Errors = [OversizedLabelError]  # noqa: RUF012 - frictionless API
    limit: int = 100_000

    def validate_start(self) -> Iterable[errors.Error]:
        labels = getattr(self.resource, "labels", None) or []
        for number, label in enumerate(labels, start=1):
            if isinstance(label, str) and len(label) > self.limit:
                note = (
                    f"the header of column {number} is {len(label):,} characters long and the "
                    f"limit is {self.limit:,}; shorten it, or raise odx.max_cell_chars in "
                    "mkdocs.yml"
                )
                yield OversizedLabelError(
                    note=note,
                    labels=[],
                    row_numbers=[1],
                    label=_shown(label),
                    field_name=f"column {number}",
                    field_number=number,
                )


def json_table_within_limits(
    table_format: str,
    raw: dict[str, Any],
    files: list[Path],
    config: SiteConfig,
    problems: Problems,
) -> bool:
    """Whether the files of a JSON or JSON Lines table are within
    :mod:`generator.core.document_limits` (not too deep, no NaN or Infinity) and a JSON table
    holds a list of rows (unless a dialect says where the rows are); each file that breaks
    a rule is a located problem."""
    if table_format not in ("json", "jsonl", "ndjson"):
        return True
    within = True
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
            check_json_text(text)
        except (OSError, UnicodeError):
            continue  # frictionless reports what it cannot read
        except DocumentError as error:
            shown = config.relative(path)
            problems.add(shown, error.line, "-", f"{error.message} (column {error.column})")
            within = False
            continue
        if (
            table_format == "json"
            and "dialect" not in raw
            and not text.lstrip("\ufeff \t\r\n").startswith("[")
        ):
            problems.add(
                config.relative(path),
                1,
                "-",
                "a JSON table is a list of rows: [[header…], [values…], …] or "
                '[{"field": value, …}, …]; write the rows as a list',
            )
            within = False
    return within


class OversizedCellError(errors.CellError):
    """A cell longer than the configured ``max_cell_chars``."""

    type = "oversized-cell"
    title = "Oversized Cell"
    description = "A cell is longer than the site accepts."
    template = "The cell in row at position {rowNumber} and field {fieldName} is too long: {note}"


@attrs.define(kw_only=True, repr=False)
class CellSizeCheck(Check):
    """Refuse cells longer than ``limit`` characters (they would swamp every page)."""

    type = "cell-size"
    Errors = [OversizedCellError]  # noqa: RUF012 - frictionless API
    limit: int = 100_000

    def validate_row(self, row: frictionless.Row) -> Iterable[errors.Error]:
        for name, cell in zip(row.field_names, row.cells, strict=False):
            if isinstance(cell, str) and len(cell) > self.limit:
                note = (
                    f"the cell is {len(cell):,} characters long and the limit is "
                    f"{self.limit:,}; shorten it, or raise odx.max_cell_chars in mkdocs.yml"
                )
                yield OversizedCellError.from_row(row, note=note, field_name=name)


def table_checks(max_cell_chars: int) -> list[Check]:
    """The checks of this module, for a frictionless checklist."""
    return [
        CellSizeCheck(limit=max_cell_chars),
        NumberRangeCheck(),
        HeaderSizeCheck(limit=max_cell_chars),
    ]
