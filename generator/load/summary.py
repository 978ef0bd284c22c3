"""Row count, per-field statistics and a preview, gathered in the one validation pass.

A :class:`TableSummariser` is fed every row frictionless reads while it validates (its
``on_row`` callback), so a table of a million rows is read once and kept in memory only as
counters, a bounded set of distinct values and the first preview rows.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import zip_longest
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.load.fast_validation import Rows

ORDERED_TYPES = frozenset({"integer", "number", "date", "datetime", "time", "year", "yearmonth"})
SHORT_STRING = 40
DISTINCT_CAP = 1_000


@dataclass
class FieldStats:
    """What one pass can say about a field."""

    name: str
    type: str
    non_null: int = 0
    minimum: Any = None
    maximum: Any = None
    distinct: set[str] | None = None
    distinct_overflow: bool = False

    @property
    def distinct_count(self) -> int | None:
        return None if self.distinct is None else len(self.distinct)


@dataclass
class PreviewCell:
    """A preview cell: the source text, and whether the value is missing."""

    text: str
    empty: bool


@dataclass
class TableSummary:
    """The outcome of summarising one table."""

    row_count: int = 0
    fields: list[FieldStats] = field(default_factory=list)
    preview: list[list[PreviewCell]] = field(default_factory=list)


class TableSummariser:
    """Accumulates a :class:`TableSummary` row by row (pass ``on_row`` to frictionless)."""

    def __init__(self, field_names: list[str], field_types: list[str], preview_rows: int) -> None:
        self.summary = TableSummary(
            fields=[
                FieldStats(name, kind, distinct=set() if kind == "string" else None)
                for name, kind in zip(field_names, field_types, strict=True)
            ]
        )
        self._preview_rows = preview_rows
        self._ordered = [kind in ORDERED_TYPES for kind in field_types]

    def on_row(self, row: Any) -> None:
        """Account for one frictionless row."""
        self.add(row.to_list(), row.cells)

    def add(self, values: list[Any], raw: list[Any]) -> None:
        """Account for one row: its typed ``values`` and its ``raw`` source cells."""
        summary = self.summary
        summary.row_count += 1
        if len(summary.preview) < self._preview_rows:
            summary.preview.append(
                [
                    PreviewCell(_display(raw[i] if i < len(raw) else None), value is None)
                    for i, value in enumerate(values)
                ]
            )
        for stats, ordered, value in zip(summary.fields, self._ordered, values, strict=False):
            if value is None:
                continue
            stats.non_null += 1
            if ordered:
                try:
                    if stats.minimum is None or value < stats.minimum:
                        stats.minimum = value
                    if stats.maximum is None or value > stats.maximum:
                        stats.maximum = value
                except (TypeError, ArithmeticError):  # Decimal("NaN"), refused by validation
                    pass
            elif stats.distinct is not None:
                _count_distinct(stats, value)

    def add_rows(self, rows: Rows) -> None:
        """Account for consecutive rows at once, column by column; the same summary as
        :meth:`add` for each row in turn."""
        summary = self.summary
        summary.row_count += len(rows.values)
        wanted = self._preview_rows - len(summary.preview)
        for values, raw in zip(rows.values[: max(wanted, 0)], rows.cells, strict=False):
            summary.preview.append(
                [
                    PreviewCell(_display(raw[i] if i < len(raw) else None), value is None)
                    for i, value in enumerate(values)
                ]
            )
        for stats, ordered, column in zip(
            summary.fields, self._ordered, rows.columns, strict=False
        ):
            present = [value for value in column if value is not None]
            if not present:
                continue
            stats.non_null += len(present)
            if ordered:
                _bounds(stats, present)
            elif stats.distinct is not None:
                for value in dict.fromkeys(present):  # first appearances, in order
                    _count_distinct(stats, value)
                    if stats.distinct is None:
                        break


def _bounds(stats: FieldStats, present: list[Any]) -> None:
    """Widen the field's minimum and maximum to cover the ``present`` values, as
    :meth:`TableSummariser.add` would one value at a time (the first of equal values stays;
    a value that cannot be compared is passed over)."""
    low, high = stats.minimum, stats.maximum
    try:
        if isinstance(present[0], float) and any(value != value for value in present):
            raise TypeError("NaN: min and max depend on where it stands")  # one at a time
        chunk_low, chunk_high = min(present), max(present)
        if low is None or chunk_low < low:
            low = chunk_low
        if high is None or chunk_high > high:
            high = chunk_high
    except TypeError:
        low, high = stats.minimum, stats.maximum
        for value in present:
            try:
                if low is None or value < low:
                    low = value
                if high is None or value > high:
                    high = value
            except TypeError:
                pass
    stats.minimum, stats.maximum = low, high


def _count_distinct(stats: FieldStats, value: Any) -> None:
    text = value if isinstance(value, str) else str(value)
    distinct = stats.distinct
    assert distinct is not None
    if len(text) > SHORT_STRING:
        stats.distinct = None  # not a short-string field: distinct count is not meaningful
        return
    if text in distinct:
        return
    if len(distinct) >= DISTINCT_CAP:
        stats.distinct_overflow = True
        return
    distinct.add(text)


def _display(value: Any) -> str:
    """Source text of a cell as it should read in a preview."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


def display_value(value: Any) -> str:
    """A typed statistic (min, max) as readable text."""
    return _display(value)


def summarise_rows(
    names: list[str], types: list[str], rows: Any, preview_rows: int
) -> TableSummary:
    """Summarise rows already in memory (after the privacy gate left some out or changed them).

    Column by column, as :meth:`TableSummariser.add_rows` reads a chunk: the same summary as
    :meth:`TableSummariser.add` for each row in turn."""
    summariser = TableSummariser(names, types, preview_rows)
    summary = summariser.summary
    table = list(rows)
    summary.row_count = len(table)
    for values in table[:preview_rows]:
        summary.preview.append([PreviewCell(_display(value), value is None) for value in values])
    columns = zip_longest(*table) if table else iter(())  # short rows: None, passed over
    for stats, ordered, column in zip(summary.fields, summariser._ordered, columns, strict=False):
        present = [value for value in column if value is not None]
        if not present:
            continue
        stats.non_null += len(present)
        if ordered:
            try:
                _bounds(stats, present)
            except ArithmeticError:  # Decimal("NaN"): value by value, as add does
                _bounds_one_by_one(stats, present)
        elif stats.distinct is not None:
            # by text, first appearances in order: equal texts change nothing after the first
            for text in dict.fromkeys(v if type(v) is str else str(v) for v in present):
                _count_distinct(stats, text)
                if stats.distinct is None:
                    break
    return summary


def _bounds_one_by_one(stats: FieldStats, present: list[Any]) -> None:
    """Widen the field's minimum and maximum value by value, exactly as
    :meth:`TableSummariser.add` does (a value that cannot be compared is passed over)."""
    for value in present:
        try:
            if stats.minimum is None or value < stats.minimum:
                stats.minimum = value
            if stats.maximum is None or value > stats.maximum:
                stats.maximum = value
        except (TypeError, ArithmeticError):
            pass
