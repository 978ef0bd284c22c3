"""The privacy gate's column and cell rules, table by table: banned columns, full dates,
number columns shaped like ids or coordinates, and every cell that holds a name, a contact,
an address or a date (:mod:`generator.privacy.cell_rules`).

A rule reads one value of one column, so each column is judged once per distinct value;
a large package has its cells judged by a process of its own while the gate makes the rest
of its decision (:func:`generator.core.workers.aside`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
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


def rule_findings(package: PackageData) -> list[Finding]:
    """Every breach of the column and cell rules in every table of ``package``."""
    judged: dict[tuple[Any, ...], str | None] = {}  # shared: refs repeat across tables
    found: list[Finding] = []
    for resource in package.resources:
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


def resource_findings(
    resource: ResourceData, judged: dict[tuple[Any, ...], str | None] | None = None
) -> Iterator[Finding]:
    """Every breach of the column and cell rules in one resource (its kept rows).

    ``judged`` remembers what each rule said of a value, across the resources of a package.
    """
    if resource.table is None:
        return
    yield from _column_findings(resource)
    yield from _shape_findings(resource, resource.table)
    yield from _cell_findings(resource, resource.table, {} if judged is None else judged)


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


def _cell_findings(
    resource: ResourceData, table: Table, judged: dict[tuple[Any, ...], str | None]
) -> Iterator[Finding]:
    """Every cell that breaks a rule, in row then column order.

    A rule reads one value of one column, so each column is judged once per distinct value
    (a portfolio repeats types, years and refs across a million rows); only the values found
    wanting are looked for again, row by row.
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

        def rule(
            value: Any,
            flags: tuple[Any, ...] = flags,
            clear: tuple[set[str], set[str]] = (set(), set()),
        ) -> str | None:
            key = (*flags, type(value), value)
            if key not in judged:
                name, kind, years, cost, checked = flags
                judged[key] = cell_rule(
                    name,
                    kind,
                    value,
                    years_only=years,
                    cost=cost,
                    reviewed=checked,
                    no_pattern=value in clear[0],
                    no_date=value in clear[1],
                )
            return judged[key]

        try:
            distinct = set(column)
        except TypeError:  # objects or arrays (JSON tables): judge each cell, unremembered
            found.extend(
                (index, position, problem)
                for index, value in enumerate(column)
                if value is not None
                and (
                    problem := cell_rule(
                        name,
                        kind,
                        value,
                        years_only=years_only,
                        cost=position in costs,
                        reviewed=name in reviewed,
                    )
                )
            )
            continue
        texts = [v for v in distinct if type(v) is str and (*flags, str, v) not in judged]
        clear = screen(texts) if len(texts) >= SCREEN_FROM else (set(), set())
        wanting = {
            value: problem
            for value in distinct
            if value is not None and (problem := rule(value, clear=clear))
        }
        if wanting:
            found.extend(
                (index, position, wanting[value])
                for index, value in enumerate(column)
                if value is not None and value in wanting
            )
    found.sort(key=lambda item: (item[0], item[1]))
    for index, position, problem in found:
        yield Finding(resource.name, table.records[index], table.fields[position], problem)
