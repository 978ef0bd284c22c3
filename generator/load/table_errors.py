"""What frictionless found wrong in a table, said at the line of the file that holds it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frictionless
from frictionless import Resource

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.core.sourcelines import (
    ItemLines,
    first_json_mistake,
    first_undecodable_line,
    json_items,
    json_lines_items,
    record_start_lines,
)
from generator.load.descriptor import Descriptor
from generator.load.error_messages import error_record, error_rows, explain
from generator.load.planning import JSON_FORMATS, ResourcePlan


def report_table_errors(
    found: list[dict[str, Any]],
    report: frictionless.Report,
    resource: Resource,
    plan: ResourcePlan,
    descriptor: Descriptor,
    config: SiteConfig,
    problems: Problems,
) -> None:
    data_file = plan.files[0] if plan.files else descriptor.path
    shown = config.relative(data_file)
    group = f"{shown} (resource '{plan.name}')"
    wanted = [row for error in found for row in error_rows(error)]
    where = _row_lines(resource, plan, descriptor, wanted)
    for error in found:
        record = error_record(error)
        field_name, message = explain(error, where.record_line, _SYNTAX.get(plan.format, "json"))
        message = without_machine_paths(message, Path(resource.basepath or "."), config)
        if not record:
            line = where.table_line
        elif error.get("fieldName") and isinstance(error.get("rowNumber"), int):
            line = where.cell_line(record, str(error["fieldName"]))
        else:
            line = where.record_line(record)
        if error.get("type") == "source-error" and plan.files and plan.format in JSON_FORMATS:
            per_line = plan.format != "json"
            located = first_json_mistake(
                data_file, encoding=resource.encoding or "utf-8", per_line=per_line
            )
            if located:
                line, mistake = located
                message = (
                    f"not valid JSON: {mistake}; write one JSON array or object per line, "
                    "with no blank lines"
                    if per_line
                    else f"not valid JSON: {mistake}; correct the file"
                )
        if error.get("type") == "encoding-error" and plan.files:
            located = first_undecodable_line(data_file, resource.encoding or "utf-8")
            if located:
                line, bad = located
                message = (
                    f"bytes {bad} are not valid {resource.encoding or 'utf-8'}; save the file "
                    f'as UTF-8, or declare its real encoding (e.g. "encoding": "latin-1") '
                    "in the descriptor"
                )
        problems.add(shown, line, field_name, message, group=group)
    for task in report.tasks:
        for warning in task.warnings:
            if "error limit" in warning:
                problems.add(
                    shown,
                    where.table_line,
                    "-",
                    f"validation stopped early ({warning}); fix the "
                    "errors above and run again to see the rest",
                    group=group,
                )


_SYNTAX = {"csv": "csv", "tsv": "csv"}  # how each table format writes its cells


@dataclass(frozen=True)
class _RowLines:
    """Where a table's records and cells stand, and the line for problems of the whole
    table: in the data file, or in the descriptor for rows written inline."""

    record_line: Callable[[int], int]
    cell_line: Callable[[int, str], int]
    table_line: int = 1


def _row_lines(
    resource: Resource, plan: ResourcePlan, descriptor: Descriptor, records: list[int]
) -> _RowLines:
    if not plan.files:
        where: list[str | int] = ["resources", plan.index, "data"]
        data = descriptor.data["resources"][plan.index].get("data")
        line_of = descriptor.lines.line_of
        items = ItemLines(
            [
                (
                    line_of([*where, position]),
                    {str(k): line_of([*where, position, str(k)]) for k in item}
                    if isinstance(item, dict)
                    else None,
                )
                for position, item in enumerate(data if isinstance(data, list) else [])
            ]
        )
        return _RowLines(items.record_line, items.cell_line, line_of(where))
    data_file = plan.files[0]
    encoding = resource.encoding or "utf-8"
    if plan.format in ("csv", "tsv"):
        lines = record_start_lines(
            data_file, records, encoding=encoding, delimiter=_delimiter(resource)
        )
        return _RowLines(
            lambda record: lines.get(record, record),
            lambda record, _field: lines.get(record, record),
        )
    if plan.format == "json":
        items = json_items(
            data_file,
            encoding=encoding,
            prefix=_json_property(resource),
            last_record=max(records, default=0),
        )
    else:
        items = json_lines_items(data_file, encoding=encoding)
    return _RowLines(items.record_line, items.cell_line)


def _json_property(resource: Resource) -> list[str]:
    """Where a JSON table's rows are, when not at the top level (``dialect.json.property``)."""
    try:
        control = resource.dialect.get_control("json")
        prop = getattr(control, "property", None)
    except Exception:  # no JSON control: the rows are the top-level array
        return []
    return prop.split(".") if isinstance(prop, str) and prop else []


def without_machine_paths(message: str, folder: Path, config: SiteConfig) -> str:
    """``message`` with the package folder, however frictionless spelled it, made relative
    to the project (frictionless names files by their full path)."""
    shown = config.relative(folder)
    for spelling in sorted({str(folder.resolve()), str(folder.absolute())}, key=len, reverse=True):
        message = message.replace(spelling, shown)
    return message


def _delimiter(resource: Resource) -> str:
    try:
        control = resource.dialect.get_control("csv")
        return getattr(control, "delimiter", ",") or ","
    except Exception:
        return "\t" if (resource.format or "") == "tsv" else ","
