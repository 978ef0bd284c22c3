"""The privacy gate's column and cell rules, table by table: banned columns, full dates,
number columns shaped like ids or coordinates, and every cell that holds a name, a contact,
an address or a date (:mod:`generator.privacy.cell_rules`).

A rule reads one value of one column, so each column is judged once per distinct value;
a large package has its cells judged by a process of its own while the gate makes the rest
of its decision (:func:`generator.core.workers.aside`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Collection, Iterable, Iterator
from functools import partial
from itertools import zip_longest
from typing import Any

from generator.load.findings import Finding
from generator.load.package_data import PackageData, ResourceData
from generator.load.table import Table
from generator.privacy.cell_rules import cell_rule
from generator.privacy.columns import banned_column, column_words, is_cost_column
from generator.privacy.detectors import screen
from generator.privacy.number_shapes import NumberShapes
from generator.privacy.screening import declared_fields

YEARS_ONLY = frozenset({"homes", "components", "investment_plan", "corrections"})
SCREEN_FROM = 64  # distinct texts in a column from which they are screened all at once


class Judged:
    """What the cell rules said of each value already judged, kept per column kind (the
    rule's flags and the values' type): refs and years repeat across a package's tables."""

    def __init__(self) -> None:
        self._kinds: dict[tuple[Any, ...], tuple[set[Any], dict[Any, str]]] = {}

    def of(self, kind: tuple[Any, ...]) -> tuple[set[Any], dict[Any, str]]:
        """The values of ``kind`` judged so far, and the problem of each found wanting."""
        return self._kinds.setdefault(kind, (set(), {}))


def rule_findings(package: PackageData, names: Collection[str] | None = None) -> list[Finding]:
    """Every breach of the column and cell rules in every table of ``package`` (or in those
    ``names``), table by table in the package's order."""
    judged = Judged()  # shared: refs repeat across tables
    found: list[Finding] = []
    for resource in package.resources:
        if names is None or resource.name in names:
            found.extend(resource_findings(resource, judged))
    return found


FORK_FROM_ROWS = 200_000  # rows in a package from which its cells are judged aside


def worth_forking(package: PackageData, jobs: int | None) -> bool:
    """Whether the cell rules of ``package`` are worth a process of their own: there are
    several cores to use (``jobs``, default one per core) and rows enough to pay for it."""
    if (jobs or os.cpu_count() or 1) < 2:
        return False
    rows = sum(len(r.table) for r in package.resources if r.table is not None)
    return rows >= FORK_FROM_ROWS


def two_shares(package: PackageData) -> tuple[list[str], list[str]]:
    """The tables of ``package`` in two shares of about equal work for the cell rules, the
    larger share first: each table, largest first, goes to the share it adds less to
    (:func:`_work`; a column of values the share already judges, a home's refs, adds its
    cells only).

    The shares are judged apart, so a value common to both is judged in each.
    """
    shares: tuple[list[str], list[str]] = ([], [])
    work = [0.0, 0.0]
    judged: tuple[dict[str, float], dict[str, float]] = ({}, {})  # distinct by column
    tables = [(_work(resource), resource.name) for resource in package.resources]
    for (cells, distinct), name in sorted(tables, key=lambda t: -_cost(t[0][0], t[0][1], {})):
        added = [_cost(cells, distinct, judged[side]) for side in (0, 1)]
        side = 0 if work[0] + added[0] <= work[1] + added[1] else 1
        shares[side].append(name)
        work[side] += added[side]
        for column, count in distinct.items():
            judged[side][column] = max(count, judged[side].get(column, 0.0))
    return shares if work[0] >= work[1] else (shares[1], shares[0])


DISTINCT_WEIGHT = 100  # a distinct value judged costs about as much as this many cells read
SAMPLE_ROWS = 1_000  # rows read to guess how many distinct values a column holds


def _cost(cells: int, distinct: dict[str, float], judged: dict[str, float]) -> float:
    """The work a table adds to a share that judges ``judged`` distinct values by column."""
    new = sum(max(0.0, count - judged.get(column, 0.0)) for column, count in distinct.items())
    return cells + DISTINCT_WEIGHT * new


def _work(resource: ResourceData) -> tuple[int, dict[str, float]]:
    """What the cell rules do for ``resource``: read its cells (how many) and judge each
    distinct value of each column once (about how many, by column).

    The distinct values are guessed from the first rows: a column whose count doubles from
    half the sample to the whole (refs, ids) keeps growing with the rows, one whose count
    stays (types, years) does not."""
    table = resource.table
    if table is None or not table.rows:
        return 0, {}
    rows = len(table.rows)
    whole = table.rows[:SAMPLE_ROWS]
    half = whole[: len(whole) // 2]
    distinct: dict[str, float] = {}
    for position, column in enumerate(table.fields):
        try:
            counts = [
                len({row[position] for row in part if position < len(row)})
                for part in (half, whole)
            ]
        except TypeError:  # objects or arrays: every cell is judged
            distinct[column] = rows
            continue
        if len(whole) == rows or not counts[0]:
            distinct[column] = counts[1]
            continue
        growth = math.log(counts[1] / counts[0]) / math.log(len(whole) / len(half))
        distinct[column] = counts[1] * (rows / len(whole)) ** max(0.0, min(1.0, growth))
    return rows * len(table.fields), distinct


def in_package_order(package: PackageData, findings: Iterable[Finding]) -> list[Finding]:
    """``findings`` of tables judged in several shares, back in the package's table order
    (each table's own findings keep theirs)."""
    position = {resource.name: index for index, resource in enumerate(package.resources)}
    return sorted(findings, key=lambda finding: position.get(finding.resource, -1))


def resource_findings(resource: ResourceData, judged: Judged | None = None) -> Iterator[Finding]:
    """Every breach of the column and cell rules in one resource (its kept rows).

    ``judged`` remembers what each rule said of a value, across the resources of a package.
    """
    if resource.table is None:
        return
    yield from _column_findings(resource)
    yield from _shape_findings(resource, resource.table)
    yield from _cell_findings(resource, resource.table, judged or Judged())


def _shape_findings(resource: ResourceData, table: Table) -> Iterator[Finding]:
    """Number columns whose values give them away as ids or coordinates, whatever their
    names (:mod:`generator.privacy.number_shapes`)."""
    declared = declared_fields(resource.schema.get("fields", []))[0]
    types = [doc.type for doc in resource.fields]
    shapes = NumberShapes(table.fields, types, skip=declared)
    for position in shapes.watched:  # read lazily: most columns settle at their first value
        shapes.add(position, (row[position] if position < len(row) else None for row in table.rows))
    for column_name, problem in shapes.findings():
        yield Finding(resource.name, None, column_name, problem)


def _column_findings(resource: ResourceData) -> Iterator[Finding]:
    for doc in resource.fields:
        why = banned_column(resource.name, doc.name)
        if why:
            yield Finding(resource.name, None, doc.name, why)
        if resource.name in YEARS_ONLY and doc.type not in ("date", "datetime", "yearmonth"):
            split = _split_date_part(doc.name)
            if split:
                yield Finding(resource.name, None, doc.name, split)
        if doc.type in ("date", "datetime", "yearmonth") and resource.name in YEARS_ONLY:
            yield Finding(
                resource.name,
                None,
                doc.name,
                f"a full {doc.type} identifies events in a household; publish the year only "
                '("type": "year")',
            )


def _split_date_part(column: str) -> str | None:
    """Why a column is a day or a month that, with the year, makes a full date
    (``survey_day``, ``survey_month`` next to ``survey_year``), or None."""
    words = column_words(column)
    if not words or words[-1] not in ("day", "dd", "month", "mm"):
        return None
    return (
        f"a {'day' if words[-1] in ('day', 'dd') else 'month'} in a column of its own, with "
        "the year, makes a full date, which identifies events in a household; publish the "
        "year only"
    )


def _cell_findings(resource: ResourceData, table: Table, judged: Judged) -> Iterator[Finding]:
    """Every cell that breaks a rule, in row then column order.

    A rule reads one value of one column, so each column is judged once per distinct value
    not judged before (a portfolio repeats types, years and refs across a million rows);
    only the values found wanting are looked for again, row by row.
    """
    reviewed = declared_fields(resource.schema.get("fields", []))[1]
    costs = {position for position, name in enumerate(table.fields) if is_cost_column(name)}
    types = [doc.type for doc in resource.fields]
    years_only = resource.name in YEARS_ONLY
    width = len(table.fields)
    columns = list(zip_longest(*table.rows)) if table.rows else []  # short rows: None
    found: list[tuple[int, int, str]] = []  # (row index, column, problem)
    for position, column in enumerate(columns[:width]):
        name = table.fields[position]
        kind = types[position] if position < len(types) else "any"
        flags = (name, kind, years_only, position in costs, name in reviewed)
        rule = partial(  # one value of this column judged: rule(value, no_pattern=...)
            cell_rule, name, kind, years_only=flags[2], cost=flags[3], reviewed=flags[4]
        )
        try:
            distinct = set(column)
        except TypeError:  # objects or arrays (JSON tables): judge each cell, unremembered
            found.extend(
                (index, position, problem)
                for index, value in enumerate(column)
                if value is not None and (problem := rule(value))
            )
            continue
        distinct.discard(None)
        wanting: dict[Any, str] = {}
        for value_type, values in _by_type(distinct).items():
            seen, problems = judged.of((*flags, value_type))
            unseen = values - seen
            texts = unseen if value_type is str and len(unseen) >= SCREEN_FROM else ()
            no_pattern, no_date = screen(texts) if texts else (set(), set())
            for value in unseen:
                problem = rule(value, no_pattern=value in no_pattern, no_date=value in no_date)
                if problem:
                    problems[value] = problem
            seen |= unseen
            wanting.update((value, problems[value]) for value in values & problems.keys())
        if wanting:
            found.extend(
                (index, position, wanting[value])
                for index, value in enumerate(column)
                if value is not None and value in wanting
            )
    found.sort(key=lambda item: (item[0], item[1]))
    for index, position, problem in found:
        yield Finding(resource.name, table.records[index], table.fields[position], problem)


def _by_type(values: set[Any]) -> dict[type, set[Any]]:
    """``values`` grouped by type (a column's are nearly always of one), so that ``1`` and
    ``True`` are judged apart."""
    first = type(next(iter(values))) if values else str
    if all(type(value) is first for value in values):
        return {first: values} if values else {}
    grouped: dict[type, set[Any]] = {}
    for value in values:
        grouped.setdefault(type(value), set()).add(value)
    return grouped
