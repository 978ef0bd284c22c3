"""The privacy screen of every table, read as it streams: every package is screened.

ODX packages keep their tables in memory and the privacy gate reads every cell of them. Any
other package (ordinary open data) is screened while it is validated, without keeping its
rows: each distinct value of each column is judged once by the generic rules of the
anonymisation rules (v0.2, rule 9: personal data in cells, free text that nobody reviewed).
A package of a million rows costs one look per distinct value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from generator.privacy.columns import column_words
from generator.privacy.home_tables import HomeEvidence
from generator.privacy.number_shapes import NumberShapes

NON_IDENTIFYING = "odx:non-identifying"  # "<why the column cannot single out a home>"
REVIEWED = "odx:reviewed"  # true: someone checked the free text holds no personal data

# A reason must say something someone else can check: a few words, not a placeholder.
MIN_REASON_WORDS = 3
MIN_REASON_CHARS = 15
MIN_TELLING_WORDS = 2  # words left once the words that say nothing are set aside
PLACEHOLDER_REASONS = frozenset(
    {
        "n/a",
        "na",
        "none",
        "-",
        "todo",
        "tbc",
        "tbd",
        "yes",
        "true",
        "ok",
        "okay",
        "fine",
        "safe",
        "not identifying",
        "non-identifying",
        "non identifying",
        "not personal",
        "not personal data",
        "anonymous",
        "anonymised",
        "<reason>",
        "<the reason>",
        "<the reason it cannot single out a home>",
    }
)
# Words that, alone, say only that the column is fine: "it is not identifying data".
_SAYS_NOTHING = (
    "a an the this that these it its it's is are be was were column columns field fields "
    "value values data not non no nothing identifying identify identifies identifiable "
    "identified identification personal private sensitive anonymous anonymised anonymized "
    "safe fine ok okay cannot can't can could does doesn't do don't will won't would single "
    "out anyone anybody someone somebody person persons people home homes household "
    "households tenant tenants reason because as so yes true none n na tbc tbd todo see "
    "above below here there reviewed checked risk"
)
_EMPTY_WORDS = frozenset(_SAYS_NOTHING.split())
GOOD_REASON = "the year of the last stock condition survey, which no public source holds"
_WORD = re.compile(r"[a-z0-9']+")


def reason_problem(column: str, reason: Any) -> str | None:
    """What is wrong with the reason a field gives for ``"odx:non-identifying"``, or None:
    it must be text of a few words that says why (not "n/a", "not identifying", "ok" or
    the column's own name)."""
    text = " ".join(reason.split()) if isinstance(reason, str) else ""
    plain = text.lower().strip(" .;:!?")
    own = set(column_words(column))
    telling = [word for word in _WORD.findall(plain) if word not in _EMPTY_WORDS | own]
    if (
        len(text) >= MIN_REASON_CHARS
        and len(text.split()) >= MIN_REASON_WORDS
        and plain not in PLACEHOLDER_REASONS
        and len(telling) >= MIN_TELLING_WORDS
    ):
        return None
    shown = "an empty reason" if not text else f"'{text}'" if len(text) <= 40 else f"'{text[:37]}…'"
    return (
        f'"{NON_IDENTIFYING}" must say why the column cannot single out a home, in a few '
        f"words someone else can check ({shown} does not), for example "
        f'"{GOOD_REASON}"; the reason is shown on the dataset page'
    )


def declared_fields(fields: Sequence[Any]) -> tuple[set[str], set[str]]:
    """The names of the schema ``fields`` declared non-identifying with a reason that says
    something (:func:`reason_problem`), and those marked reviewed. A field whose reason says
    nothing is not declared: it is judged like any other, and :func:`weak_declarations`
    says what is wrong with it."""
    given = [f for f in fields if isinstance(f, dict)]
    declared = {
        str(f.get("name"))
        for f in given
        if NON_IDENTIFYING in f and reason_problem(str(f.get("name")), f[NON_IDENTIFYING]) is None
    }
    reviewed = {str(f.get("name")) for f in given if f.get(REVIEWED) is True}
    return declared, reviewed


def weak_declarations(fields: Sequence[Any]) -> list[tuple[str, str]]:
    """(column, what is wrong) for each field of ``fields`` that declares itself
    non-identifying with a reason that says nothing."""
    found = []
    for given in fields:
        if isinstance(given, dict) and NON_IDENTIFYING in given:
            column = str(given.get("name"))
            problem = reason_problem(column, given[NON_IDENTIFYING])
            if problem:
                found.append((column, problem))
    return found


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
        self.homes = HomeEvidence(fields, types)
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
                self.homes.again(position, value)
                return memo[value]
        except TypeError:  # an object or an array: judged every time
            self.homes.unhashable(position)
            name = self.fields[position]
            return self._rule(
                name, self.types[position], value, name in self.reviewed, name in self.declared
            )
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        self.homes.first(position, value)
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
        self.homes.rows += len(columns[0]) if columns else 0
        for position, column in enumerate(columns[: len(self.fields)]):
            self.shapes.add(position, column)
            if len(self.found) >= FINDINGS_LIMIT:
                continue
            if self._counts(position, first, column):
                self.homes.counting(position, column)
                continue
            if not self._judged[position]:
                self.homes.add(position, column)
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
        self.homes.rows += 1
        if len(self.found) >= FINDINGS_LIMIT:
            return
        for position, value in enumerate(values[: len(self.fields)]):
            if self._counts(position, record, [value]):
                self.homes.counting(position, [value])
                continue
            if not self._judged[position]:
                self.homes.add(position, [value])
                continue
            if value is not None and (problem := self._judge(position, value)):
                self._add(record, position, problem)

    def _add(self, record: int, position: int, problem: str) -> None:
        if len(self.found) < FINDINGS_LIMIT:
            self.found.append((record, self.fields[position], problem))

    def breaches(self) -> list[tuple[int | None, str, str]]:
        """What was found as (row number, column, problem), in row then column order; a
        table that holds data about individual homes, then a column that its values give
        away, come first, with no row number."""
        order = {name: index for index, name in enumerate(self.fields)}
        columns: list[tuple[int | None, str, str]] = [
            (None, name, problem) for name, problem in self.shapes.findings()
        ]
        home_level = self.homes.verdict()
        if home_level:
            columns.insert(0, (None, home_level.column, home_level.message))
        return columns + sorted(self.found, key=lambda found: (found[0], order.get(found[1], 0)))


def table_screen(
    resource: str,
    fields: list[str],
    types: list[str],
    schema_fields: list[Any],
    longest: int,
) -> TableScreen:
    """The screen of one table that streams past without being kept (what loading is given
    as its ``screen``): the fields' declarations read from their ``schema_fields``."""
    declared, reviewed = declared_fields(schema_fields)
    return TableScreen(resource, fields, types, reviewed, declared, longest)
