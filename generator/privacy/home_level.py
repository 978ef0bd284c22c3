"""Packages that are not ODX, screened all the same, and the facts about a home that sit
outside the homes table: both would escape the k-anonymity check."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.housing.profile import contract_schemas
from generator.load.findings import Finding, report
from generator.load.loading import PackageData, ResourceData
from generator.privacy.cell_rules import cell_rule
from generator.privacy.columns import LOCATION_WORDS, banned_column, column_words, is_id_column
from generator.privacy.descriptor_texts import descriptor_text
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
from generator.privacy.kanonymity import QUASI_IDENTIFIERS
from generator.privacy.screening import NON_IDENTIFYING, declared_fields, weak_declarations


def generic_cell_rule(
    column: str, kind: str, value: Any, reviewed: bool, declared: bool
) -> str | None:
    """What is wrong with one cell of a package that is not ODX (rules 2 and 6), or None.
    ``declared``: the field says ``"odx:non-identifying": "<reason>"``."""
    return cell_rule(
        column,
        kind,
        value,
        years_only=False,
        cost=False,
        reviewed=reviewed,
        ids_allowed=declared,
    )


def generic_column_judged(column: str, kind: str, declared: bool) -> bool:
    """Whether any rule can find something in a column of this name and type of a package
    that is not ODX (numbers: only ids and coordinates; years, booleans, dates: nothing)."""
    if kind in ("year", "boolean", "date", "datetime", "time", "yearmonth", "duration"):
        return False
    if kind in ("integer", "number"):
        if declared:
            return False
        return is_id_column(column) or (
            kind == "number" and bool(LOCATION_WORDS.intersection(column_words(column)))
        )
    return True


def screen_generic(package: PackageData, config: SiteConfig, problems: Problems) -> None:
    """Every package is screened, ODX or not (rule 9): banned columns, personal data in cells
    (read while the table was validated), free text nobody reviewed, the descriptor's texts,
    declarations whose reasons say nothing, and tables that hold data about individual homes
    without declaring the ODX profile."""
    findings: list[Finding] = []
    for resource in package.resources:
        names = [doc.name for doc in resource.fields]
        for name in names:
            why = banned_column(resource.name, name)
            if why:
                findings.append(Finding(resource.name, None, name, why))
        findings.extend(declaration_findings(resource))
        read = resource.summary is not None and resource.summary.row_count > 0
        home_level = None if read else judge_table(names, _named_facts(names))
        if home_level:  # no rows were read (the screen judged those that were): the names
            findings.append(Finding(resource.name, None, home_level.column, home_level.message))
        findings.extend(
            Finding(resource.name, record, column, problem)
            for record, column, problem in resource.screened
        )
    report(findings, package, config, problems)
    descriptor_text(package, config, problems)


def declaration_findings(
    resource: ResourceData, skip: frozenset[str] = frozenset()
) -> list[Finding]:
    """The fields of ``resource`` (but ``skip``) declared non-identifying with a reason that
    says nothing, each at its line in the descriptor."""
    return [
        Finding(resource.name, None, column, problem)
        for column, problem in weak_declarations(resource.schema.get("fields", []))
        if column not in skip
    ]


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
    found = judge_table(columns, _named_facts(columns))
    return found.column if found else None


def _named_facts(columns: Iterable[str]) -> dict[str, str]:
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
            if not text.isdigit():
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


def home_facts_beside_the_homes(package: PackageData) -> Iterator[Finding]:
    """Columns that sit beside a home reference outside the homes table and outside the data
    model (an extra column of components, any resource of one's own, whatever its key is
    called): each is a fact about a home that the k-anonymity check would not count, so it
    must move to the homes table or be declared non-identifying with the reason."""
    model = contract_schemas()
    for resource in package.resources:
        if resource.name == "homes" or resource.table is None:
            continue
        names = list(resource.table.fields)
        extra_resource = resource.name not in model
        if "home_ref" not in names and not extra_resource:
            continue  # a model table without home refs (the satisfaction measures)
        known = {str(f.get("name")) for f in model.get(resource.name, {}).get("fields", [])} | {
            "home_ref"
        }
        declared = declared_fields(resource.schema.get("fields", []))[0]
        declare = f'"{NON_IDENTIFYING}": "<the reason it cannot single out a home>"'
        problem = (
            "a column beside home_ref is a fact about a home, which the k-anonymity check "
            f"counts only in the homes table; move it there, or declare it {declare}"
            if "home_ref" in names
            else "a column of a table of your own is a fact about a home as far as the privacy "
            "gate can tell, whatever the table's key is called, and the k-anonymity check "
            "counts facts about a home only in the homes table; if it is one, move it there; "
            f"if not, declare it {declare}"
        )
        for column in names:
            if column in QUASI_IDENTIFIERS and column in declared:
                declared.discard(column)  # the model's quasi-identifiers cannot be declared
            if column not in known and column not in declared:
                yield Finding(resource.name, None, column, problem)
