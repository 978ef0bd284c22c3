"""The privacy screen of every table, read as it streams: every package is screened.

ODX packages keep their tables in memory and the privacy gate reads every cell of them. Any
other package (ordinary open data) is screened while it is validated, without keeping its
rows: each distinct value of each column is judged once by the generic rules of the
anonymisation rules (v0.2, rule 9: personal data in cells, free text that nobody reviewed).
A package of a million rows costs one look per distinct value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from generator.privacy.number_shapes import NumberShapes

NON_IDENTIFYING = "odx:non-identifying"  # "<why the column cannot single out a home>"
REVIEWED = "odx:reviewed"  # true: someone checked the free text holds no personal data


def declared_fields(fields: Sequence[Any]) -> tuple[set[str], set[str]]:
    """The names of the schema ``fields`` declared non-identifying (with a reason) and
    those marked reviewed."""
    given = [f for f in fields if isinstance(f, dict)]
    declared = {
        str(f.get("name"))
        for f in given
        if isinstance(f.get(NON_IDENTIFYING), str) and f[NON_IDENTIFYING].strip()
    }
    reviewed = {str(f.get("name")) for f in given if f.get(REVIEWED) is True}
    return declared, reviewed


MEMO_LIMIT = 100_000  # distinct values remembered per column before the memory is cleared
FINDINGS_LIMIT = 500  # breaches kept per table: more say nothing new


class TableScreen:
    """Judge the cells of one table as its rows stream past (see the module)."""

    def __init__(
        self,
        resource: str,
        fields: Sequence[str],
        types: Sequence[str],
        reviewed: set[str],
        declared: set[str],
        longest: int,
    ) -> None:
        from generator.privacy.home_level import generic_cell_rule, generic_column_judged

        self._rule = generic_cell_rule
        self.shapes = NumberShapes(fields, types, skip=declared)
        self._judged = [
            generic_column_judged(name, kind, name in declared)
            for name, kind in zip(fields, types, strict=False)
        ]
        self.resource = resource
        self.fields = list(fields)
        self.types = list(types)
        self.reviewed = reviewed
        self.declared = declared
        self.longest = longest  # longer cells are refused by validation: not judged here
        self.found: list[tuple[int, str, str]] = []  # (row number, column, problem)
        self._memo: list[dict[Any, str | None]] = [{} for _ in self.fields]
        # An integer column that counts the rows (1, 2, 3... or 0, 1, 2... from the first
        # row) numbers rows, it identifies no one: it is not judged while it keeps counting.
        # The value of each column's first data row minus its row number, while it counts.
        self._counting: list[int | None] = [None if kind == "integer" else 0 for kind in self.types]

    def _judge(self, position: int, value: Any) -> str | None:
        if isinstance(value, str) and len(value) > self.longest:
            return None
        memo = self._memo[position]
        try:
            if value in memo:
                return memo[value]
        except TypeError:  # an object or an array: judged every time
            name = self.fields[position]
            return self._rule(
                name, self.types[position], value, name in self.reviewed, name in self.declared
            )
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        name = self.fields[position]
        memo[value] = found = self._rule(
            name, self.types[position], value, name in self.reviewed, name in self.declared
        )
        return found

    def _counts(self, position: int, first: int, values: Sequence[Any]) -> bool:
        """Whether the column at ``position`` still numbers the rows, ``values`` included."""
        shift = self._counting[position]
        if shift == 0:  # not an integer column, or it stopped counting
            return False
        if shift is None:  # the first row decides: a count starts at 0 or 1
            start = values[0] if values else None
            if isinstance(start, bool) or not isinstance(start, int) or start not in (0, 1):
                self._counting[position] = 0
                return False
            shift = self._counting[position] = start - first
        expected = range(first + shift, first + shift + len(values))
        if list(values) == list(expected):
            return True
        self._counting[position] = 0
        return False

    def add_columns(self, first: int, columns: Sequence[Sequence[Any]]) -> None:
        """Judge a chunk of rows given column by column; ``first`` is its first row number."""
        for position, column in enumerate(columns[: len(self.fields)]):
            self.shapes.add(position, column)
            if len(self.found) >= FINDINGS_LIMIT:
                continue
            if not self._judged[position] or self._counts(position, first, column):
                continue
            for offset, value in enumerate(column):
                if value is None:
                    continue
                problem = self._judge(position, value)
                if problem:
                    self._add(first + offset, position, problem)

    def add_row(self, record: int, values: Sequence[Any]) -> None:
        """Judge one row (``record``: its row number, the header being 1)."""
        self.shapes.add_row(values)
        if len(self.found) >= FINDINGS_LIMIT:
            return
        for position, value in enumerate(values[: len(self.fields)]):
            if not self._judged[position] or self._counts(position, record, [value]):
                continue
            if value is not None and (problem := self._judge(position, value)):
                self._add(record, position, problem)

    def _add(self, record: int, position: int, problem: str) -> None:
        if len(self.found) < FINDINGS_LIMIT:
            self.found.append((record, self.fields[position], problem))

    def breaches(self) -> list[tuple[int | None, str, str]]:
        """What was found as (row number, column, problem), in row then column order; a
        column that its values give away comes first, with no row number."""
        order = {name: index for index, name in enumerate(self.fields)}
        columns: list[tuple[int | None, str, str]] = [
            (None, name, problem) for name, problem in self.shapes.findings()
        ]
        return columns + sorted(self.found, key=lambda found: (found[0], order.get(found[1], 0)))
