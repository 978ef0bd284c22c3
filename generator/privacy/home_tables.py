"""Tables about individual homes told apart from figures about groups of homes.

A table of homes in a package without the ``odx`` block escapes the k-anonymity check, so
it is refused; renaming its columns must not let it through. It is known by its names or
its values (:mod:`generator.privacy.housing_facts`): a column named as a reference to a home
beside a housing fact, or a key (a column that differs on every row) beside two housing
facts of different kinds, unless a column counts homes or households in each row.

:class:`HomeEvidence` gathers what the values say as the rows stream past, with a bounded
state per column; :func:`judge_table` decides.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.privacy.columns import banned_column
from generator.privacy.housing_facts import (
    BEDROOMS,
    MAX_ROOMS,
    blank,
    count_named,
    fact_named,
    fact_of_value,
    home_reference_named,
    key_named,
    rooms_named,
)

HOME_LEVEL_START = "this table looks like data about individual homes"


@dataclass(frozen=True)
class HomeLevel:
    """Why a table looks like data about individual homes: the column that tells one home
    from another, and what the rest of the table says about each."""

    column: str
    why: str

    @property
    def message(self) -> str:
        return (
            f'{HOME_LEVEL_START} ({self.why}), but the package has no "odx" block, so the '
            "privacy gate cannot check that no home can be singled out; declare it with "
            '"odx": {"profile": "homes/0.1", "landlord": {"name": ..., "code": ...}, '
            '"as_of": "YYYY-MM-DD"} (see the for-landlords page), or publish figures about '
            "groups of homes instead (a count of homes per area, type or band)"
        )


def home_level_table(columns: Sequence[str]) -> str | None:
    """The column that makes a table look like data about individual homes by its column
    names alone, or None: a reference to a home or property next to an address-like,
    tenant-like or housing column."""
    found = judge_table(columns, named_facts(columns))
    return found.column if found else None


def named_facts(columns: Iterable[str]) -> dict[str, str]:
    """The columns whose names say what housing fact they hold, with the fact."""
    return {name: kind for name in columns if (kind := fact_named(name))}


def judge_table(
    columns: Sequence[str],
    facts: dict[str, str],
    keys: Sequence[str] = (),
    grouped: bool = False,
) -> HomeLevel | None:
    """Whether a table holds data about individual homes, and why.

    ``facts``: the columns that hold a housing fact (by name or by value) and its kind;
    ``keys``: the columns whose values differ on every row; ``grouped``: a column counts
    things (homes, households) in numbers above one, so the rows are groups.

    A column named as a reference to a home next to a housing fact or an address-like or
    personal column is enough; otherwise a key next to two housing facts of different
    kinds, in a table whose rows are not counted groups.
    """
    reference = next(
        (name for name in columns if home_reference_named(name) and name not in facts), None
    )
    if reference is not None:
        beside = [
            f"{name} ({facts.get(name, 'an address or personal data')})"
            for name in columns
            if name != reference and (name in facts or banned_column("", name))
        ]
        if beside:
            return HomeLevel(reference, f"a reference to a home, {reference}, beside {beside[0]}")
    if grouped:
        return None
    for key in keys:
        kinds: dict[str, str] = {}
        for name in columns:
            if name != key and name in facts:
                kinds.setdefault(facts[name], name)
        if len(kinds) >= MIN_FACTS:
            listed = ", ".join(f"{name} ({kind})" for kind, name in kinds.items())
            return HomeLevel(key, f"{key} is different on every row, beside {listed}")
    return None


MIN_FACTS = 2  # housing facts of different kinds beside a key make a table of homes
MOSTLY = 0.8  # the share of a column's distinct values that must read as one housing fact
FILLED = 0.9  # the share of rows a key must fill
ID_LIKE = 10_000  # whole numbers this large, all different, are ids, not counts
REF_DIGITS = 0.5  # the share of a key's texts with a digit: refs have them, names seldom do
MAX_REF = 64  # characters: longer texts are no references
SAMPLE = 10_000  # values remembered per column to tell whether any repeats
SHAPE_SAMPLE = 2_000  # distinct values per column whose shape is read: enough to tell


@dataclass
class _Column:
    """What has been seen of one column of a table, for :class:`HomeEvidence`."""

    name: str
    kind: str
    rooms: bool  # named like a count of rooms: small numbers are bedrooms
    counted: bool  # named like a number of homes or households
    values: int = 0  # values that say something
    distinct: int = 0  # of them, first seen
    repeated: bool = False
    counting: bool = False  # numbers the rows (so far)
    read: int = 0  # distinct values whose shape was read (the first SHAPE_SAMPLE)
    ref_like: bool = True  # every value read a token (no space, not too long) or a number
    with_digits: int = 0  # values read with a digit in them
    small: bool = True  # every number a whole number from 0 to MAX_ROOMS
    low: float = math.inf
    high: float = -math.inf
    facts: Counter[str] = field(default_factory=Counter)  # values read per housing fact
    seen: set[Any] | None = None  # values kept to tell repeats, where no memo does it
    sampled: bool = False  # SAMPLE values kept, none twice: no more are kept

    def fact(self) -> str | None:
        """The housing fact the column holds, by its name or by most of its values."""
        named = fact_named(self.name)
        if named:
            return named
        if self.rooms and self.values and self.small and self.kind in ("integer", "number"):
            return BEDROOMS
        if self.facts:
            kind, count = self.facts.most_common(1)[0]
            if count >= MOSTLY * self.read:
                return kind
        return None

    def is_key(self, rows: int) -> bool:
        """Whether the column tells the rows apart like a key: no value twice, nearly every
        row filled, and named as a key, or numbering the rows, or every value id-like."""
        if self.repeated or not self.values or self.values < FILLED * rows or self.counted:
            return False
        if key_named(self.name) or self.counting:
            return True
        if self.kind == "integer":
            return self.low >= ID_LIKE
        return (
            self.kind in ("string", "any")
            and self.ref_like
            and self.with_digits >= REF_DIGITS * self.read
        )


class HomeEvidence:
    """What the values of a table say about homes, gathered as its rows stream past.

    The cell screen (:class:`~generator.privacy.screening.TableScreen`) reports each value of
    the columns it judges the first time it meets it (:meth:`first`) and again when it meets
    it again (:meth:`again`), so a value is read once and its memory is the screen's; the
    shape of the first :data:`SHAPE_SAMPLE` distinct values of a column says what it holds,
    later ones are only counted. The number columns the cell rules skip are given whole
    (:meth:`add`) and keep at most :data:`SAMPLE` values each, until one repeats.
    """

    def __init__(self, fields: Sequence[str], types: Sequence[str]) -> None:
        self.rows = 0
        self._columns = [
            _Column(name, kind, rooms_named(name), count_named(name))
            for name, kind in zip(fields, types, strict=False)
        ]

    def first(self, position: int, value: Any) -> None:
        """A value of a column met for the first time."""
        column = self._columns[position]
        column.counting = False
        if blank(value):
            return
        column.values += 1
        column.distinct += 1
        if column.kind != "string" or column.counted or column.rooms:
            self._number(column, value)
        if column.read >= SHAPE_SAMPLE:
            return  # the first values read tell the column's shape: later ones are counted
        column.read += 1
        kind = fact_of_value(value, column.rooms)
        if kind:
            column.facts[kind] += 1
        if isinstance(value, str):
            if column.ref_like:
                column.ref_like = len(value) <= MAX_REF and not any(c.isspace() for c in value)
            column.with_digits += any(c.isdigit() for c in value)

    def again(self, position: int, value: Any) -> None:
        """A value of a column met before."""
        column = self._columns[position]
        column.counting = False
        if not blank(value):
            column.values += 1
            column.repeated = True

    def unhashable(self, position: int) -> None:
        """An object or an array: no key, no housing fact."""
        column = self._columns[position]
        column.repeated, column.ref_like = True, False

    def counting(self, position: int, values: Sequence[Any]) -> None:
        """Values of a column that numbers the rows: each different."""
        column = self._columns[position]
        column.counting = column.values == 0 or column.counting
        column.values += len(values)
        column.distinct += len(values)
        for value in (values[0], values[-1]) if values else ():
            self._number(column, value)

    def add(self, position: int, values: Sequence[Any]) -> None:
        """Values of a column that the cell rules do not judge (numbers, mostly)."""
        column = self._columns[position]
        column.counting = False
        if column.kind not in ("integer", "number"):
            return  # years, dates, booleans: no key, no housing fact, no count
        keep = column.kind == "integer" and not column.repeated and not column.sampled
        if not keep and not column.rooms and not column.counted:
            column.values += sum(value is not None for value in values)
            return
        if keep and column.seen is None:
            column.seen = set()
        for value in values:
            if value is None or isinstance(value, bool):
                continue
            column.values += 1
            self._number(column, value)
            seen = column.seen
            if seen is not None:
                if value in seen:
                    column.repeated, column.seen = True, None
                elif len(seen) >= SAMPLE:
                    column.seen, column.sampled = None, True  # none twice in SAMPLE: enough
                else:
                    seen.add(value)
                    column.distinct += 1

    @staticmethod
    def _number(column: _Column, value: Any) -> None:
        if isinstance(value, str):
            text = value.strip()
            if not (text.isascii() and text.isdigit()) or len(text) > MAX_REF:
                # not "²", nor thousands of digits: int() refuses both
                column.small = False
                return
            value = int(text)
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            column.small = column.ref_like = False
            return
        number = float(value)
        column.low = min(column.low, number)
        column.high = max(column.high, number)
        if value != int(value):
            column.ref_like = column.small = False
        elif not 0 <= value <= MAX_ROOMS:
            column.small = False

    def verdict(self) -> HomeLevel | None:
        """Whether the table holds data about individual homes (see :func:`judge_table`)."""
        facts = {c.name: kind for c in self._columns if (kind := c.fact())}
        keys = [c.name for c in self._columns if c.name not in facts and c.is_key(self.rows)]
        grouped = any(c.counted and c.high > 1 for c in self._columns)
        return judge_table([c.name for c in self._columns], facts, keys, grouped)
