"""Validate the tables of one package with frictionless, summarising each (and keeping the
rows of an ODX table, or screening the others) in the same pass; the tables of a large
package on every core."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import frictionless
from frictionless import Checklist, Package, Resource

from generator.config import SiteConfig
from generator.core.collector import collector_paused
from generator.core.problems import Problems
from generator.core.workers import can_fork, forked_map
from generator.load import odx_profile
from generator.load.descriptor import Descriptor
from generator.load.fast_validation import Rows, read_valid_table
from generator.load.package_data import FieldDoc, ResourceData
from generator.load.planning import FILE_FORMATS, TABULAR_FORMATS, ResourcePlan
from generator.load.summary import TableSummariser
from generator.load.table import Table
from generator.load.table_errors import report_table_errors, without_machine_paths
from generator.load.table_limits import json_table_within_limits, table_checks


class StreamScreen(Protocol):
    """Judges the cells of one table as its rows stream past (the privacy gate's screen)."""

    def add_columns(self, first: int, columns: Sequence[Sequence[Any]]) -> None:
        """Judge consecutive rows given column by column, the first being record ``first``."""
        ...

    def add_row(self, record: int, values: Sequence[Any]) -> None:
        """Judge one row."""
        ...

    def breaches(self) -> list[tuple[int | None, str, str]]:
        """What it found: (record, column, problem)."""
        ...


# Makes the screen of one table from its name, its field names and types, the field
# descriptors of its schema (for the fields' declarations) and the longest cell allowed.
ScreenMaker = Callable[[str, list[str], list[str], list[Any], int], StreamScreen]


def clean_note(note: str) -> str:
    return re.sub(r"\s+", " ", note or "invalid descriptor").strip()


def validate_resources(
    descriptor: Descriptor,
    folder: Path,
    plans: list[ResourcePlan],
    config: SiteConfig,
    problems: Problems,
    keep_rows: bool,
    jobs: int | None,
    screen: ScreenMaker,
) -> list[ResourceData] | None:
    """Validate each local table with frictionless, summarising it in the same pass.

    With ``keep_rows`` (ODX packages) every table's typed rows are also kept, for the privacy
    gate and the tenant pages.
    """
    data = dict(descriptor.data)
    data["resources"] = []
    remote_plans = {plan.index for plan in plans if plan.remote}
    for plan in plans:
        raw = dict(descriptor.data["resources"][plan.index])
        if plan.index in remote_plans:
            continue  # linked, never fetched
        if plan.format in TABULAR_FORMATS or plan.format == "inline":
            raw.setdefault("encoding", "utf-8")
            raw["type"] = "table"  # else frictionless takes a .json file for a document
        if keep_rows:
            raw = odx_profile.contract_resource(raw, folder)
        data["resources"].append(raw)
    try:
        package = Package(data, basepath=str(folder))
    except frictionless.FrictionlessException as exception:
        message = f"{clean_note(exception.error.note)}; fix the descriptor"
        problems.add(
            config.relative(descriptor.path),
            1,
            "-",
            without_machine_paths(message, folder, config),
        )
        return None

    job = _PackageJob(package, descriptor, plans, config, keep_rows, screen)
    local = [n for n, plan in enumerate(plans) if plan.index not in remote_plans]
    outcomes = dict(_run_jobs(job, local, jobs))
    results: list[ResourceData] = []
    for number, plan in enumerate(plans):
        if plan.index in remote_plans:
            results.append(_remote_resource(plan, descriptor.data["resources"][plan.index]))
            continue
        resource, found = outcomes[number]
        problems.extend(found)
        if resource is not None:
            results.append(resource)
    return results


@dataclass(frozen=True)
class _PackageJob:
    """Everything needed to validate one resource of a package, in this process or a fork."""

    package: Package
    descriptor: Descriptor
    plans: list[ResourcePlan]
    config: SiteConfig
    keep_rows: bool
    screen: ScreenMaker

    def validate(self, number: int) -> tuple[ResourceData | None, Problems]:
        """Validate the ``number``-th planned resource; its problems come back with it."""
        plan = self.plans[number]
        raw = self.descriptor.data["resources"][plan.index]
        found = Problems()
        try:
            resource = self.package.get_resource(plan.name)
            done = _validate_one(
                resource,
                plan,
                raw,
                self.descriptor,
                self.config,
                found,
                self.screen,
                keep_rows=self.keep_rows,
            )
        except frictionless.FrictionlessException as exception:
            found.add(
                self.config.relative(self.descriptor.path),
                self.descriptor.lines.line_of(["resources", plan.index]),
                plan.name,
                without_machine_paths(
                    f"{clean_note(exception.error.note or exception.error.message)}; "
                    "fix the descriptor",
                    self.descriptor.path.parent,
                    self.config,
                ),
            )
            return None, found
        return done, found


PARALLEL_MIN_BYTES = 8 << 20  # below this, forking costs more than it saves


def _run_jobs(
    job: _PackageJob, numbers: list[int], jobs: int | None
) -> list[tuple[int, tuple[ResourceData | None, Problems]]]:
    """Validate the resources ``numbers`` of ``job``: in forked processes, one per core and
    the biggest files first, when the package is large and has several tables; else here.
    The results and their problems are the same either way."""
    workers = min(jobs or os.cpu_count() or 1, len(numbers))
    sizes = {n: sum(p.stat().st_size for p in job.plans[n].files) for n in numbers}
    if workers < 2 or sum(sizes.values()) < PARALLEL_MIN_BYTES or not can_fork():
        return [(number, job.validate(number)) for number in numbers]
    biggest_first = sorted(numbers, key=lambda n: -sizes[n])
    with collector_paused():
        done = forked_map(job.validate, biggest_first, workers)  # unpickled tables
    return list(zip(biggest_first, done, strict=True))


def _common(plan: ResourcePlan, raw: dict[str, Any], tabular: bool) -> ResourceData:
    fmt = "csv" if plan.format == "inline" else plan.format
    return ResourceData(
        name=plan.name,
        slug=plan.name,
        title=str(raw.get("title") or plan.name),
        description=str(raw.get("description") or ""),
        format=fmt,
        mediatype=str(
            raw.get("mediatype") or TABULAR_FORMATS.get(fmt) or FILE_FORMATS.get(fmt, "")
        ),
        encoding=str(raw.get("encoding") or "utf-8"),
        files=plan.files,
        remote=plan.remote,
        referenced=plan.referenced,
        tabular=tabular,
        bytes=sum(path.stat().st_size for path in plan.files),
    )


def _remote_resource(plan: ResourcePlan, raw: dict[str, Any]) -> ResourceData:
    resource = _common(plan, raw, tabular=False)
    schema = raw.get("schema")
    if isinstance(schema, dict):
        resource.fields = _field_docs(schema.get("fields", []))
    return resource


def _field_docs(fields: list[Any]) -> list[FieldDoc]:
    docs = []
    for item in fields:
        if isinstance(item, dict):
            docs.append(
                FieldDoc(
                    name=str(item.get("name", "")),
                    title=str(item.get("title") or ""),
                    type=str(item.get("type") or "any"),
                    format=str(item.get("format") or "default"),
                    description=str(item.get("description") or ""),
                    constraints=dict(item.get("constraints") or {}),
                )
            )
    return docs


def _validate_one(
    resource: Resource,
    plan: ResourcePlan,
    raw: dict[str, Any],
    descriptor: Descriptor,
    config: SiteConfig,
    problems: Problems,
    screen: ScreenMaker,
    *,
    keep_rows: bool,
) -> ResourceData:
    is_table = plan.format in TABULAR_FORMATS or plan.format == "inline"
    result = _common(plan, raw, tabular=is_table)
    if not is_table or not json_table_within_limits(plan.format, raw, plan.files, config, problems):
        return result
    summariser: list[TableSummariser] = []
    kept: list[Table] = []
    screens: list[StreamScreen] = []  # tables not kept are screened as they stream

    def start() -> None:
        fields = resource.schema.fields
        names = [f.name for f in fields]
        summariser.append(TableSummariser(names, [f.type for f in fields], config.odx.preview_rows))
        if keep_rows:
            kept.append(Table(names))
        else:
            declared = resource.schema.to_descriptor().get("fields", [])
            types = [f.type for f in fields]
            screens.append(screen(plan.name, names, types, declared, config.odx.max_cell_chars))

    def add_rows(rows: Rows) -> None:  # the fast path's chunks
        if not summariser:
            start()
        summariser[0].add_rows(rows)
        if keep_rows:
            kept[0].extend(rows.first, rows.values)
        else:
            screens[0].add_columns(rows.first, rows.columns)

    def on_row(row: frictionless.Row) -> None:  # frictionless's rows, one at a time
        if not summariser:
            start()
        summariser[0].add(row.to_list(), row.cells)
        if keep_rows:
            kept[0].append(row.row_number, row.to_list())
        else:
            screens[0].add_row(row.row_number, row.to_list())

    limit = config.odx.max_cell_chars
    with collector_paused():  # a million rows make millions of tuples and no cycles
        fast = read_valid_table(resource, raw, plan.files, limit, add_rows)
    if fast:
        report = None
    else:  # not plain, or not valid: frictionless validates it and reports what is wrong
        summariser.clear()
        kept.clear()
        screens.clear()
        checklist = Checklist(checks=table_checks(limit))
        report = resource.validate(checklist=checklist, on_row=on_row)
    schema = resource.schema.to_descriptor() if resource.schema else {}
    result.fields = _field_docs(schema.get("fields", []))
    result.primary_key = list(schema.get("primaryKey", []))
    result.foreign_keys = list(schema.get("foreignKeys", []))
    result.schema_inferred = "schema" not in raw
    result.schema = schema
    if keep_rows:
        result.table = kept[0] if kept else Table([f.name for f in result.fields])
    if screens:
        result.screened = screens[0].breaches()
    if summariser:
        result.summary = summariser[0].summary
    else:  # a table with a header and no rows
        names = [f.name for f in result.fields]
        result.summary = TableSummariser(names, [f.type for f in result.fields], 0).summary
    if report is None:
        return result
    errors_found = [error.to_descriptor() for error in report.errors] + [
        error.to_descriptor() for task in report.tasks for error in task.errors
    ]
    if errors_found:
        report_table_errors(errors_found, report, resource, plan, descriptor, config, problems)
    return result
