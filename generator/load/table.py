"""A validated table kept in memory: typed rows with their record numbers.

ODX packages are read into :class:`Table` values during the one validation pass, so the
privacy gate and the tenant pages work from typed values without reading the files again.
Short repeated strings (enum values, sectors) are shared to keep a large portfolio small.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

_SHARED_MAX = 40


@dataclass
class Table:
    """Rows of one resource: ``fields`` names the columns, ``records`` numbers each row.

    ``records[i]`` is frictionless's row number of ``rows[i]`` (the header is row 1), which
    :mod:`generator.core.sourcelines` maps to the file's physical line for messages.
    """

    fields: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    records: list[int] = field(default_factory=list)
    _shared: dict[str, str] = field(default_factory=dict, repr=False)

    def append(self, record: int, cells: list[Any]) -> None:
        """Keep one row (cells in field order)."""
        shared = self._shared
        self.rows.append(
            tuple(
                shared.setdefault(cell, cell)
                if isinstance(cell, str) and len(cell) <= _SHARED_MAX
                else cell
                for cell in cells
            )
        )
        self.records.append(record)

    def extend(self, first: int, rows: list[tuple[Any, ...]]) -> None:
        """Keep consecutive rows, the first being record ``first``; their equal strings are
        expected to be shared already (the fast path reads each distinct cell once)."""
        self.rows.extend(rows)
        self.records.extend(range(first, first + len(rows)))

    def index(self, name: str) -> int | None:
        """Position of the column ``name``, or None when the table has no such column."""
        try:
            return self.fields.index(name)
        except ValueError:
            return None

    def dicts(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """Each row as ``(record, {field: value})``."""
        for record, row in zip(self.records, self.rows, strict=True):
            yield record, dict(zip(self.fields, row, strict=False))

    def __len__(self) -> int:
        return len(self.rows)
