"""Findings about a package's rows or schema, located and reported as problems.

The checks that run after validation (the ODX data rules, the privacy gate) say *which row*
or *which schema field* is wrong as a :class:`Finding`; :func:`report` turns them into
``path:line: field: message`` problems, mapping row numbers to the data file's physical lines
in one pass per resource and schema fields to their line in the descriptor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.core.sourcelines import record_start_lines
from generator.load.package_data import PackageData


@dataclass(frozen=True)
class Finding:
    """Something wrong in ``resource``: at row ``record`` (header = 1) or, when ``record`` is
    None, in the schema's declaration of ``field``."""

    resource: str
    record: int | None
    field: str
    message: str


def report(
    findings: Iterable[Finding], package: PackageData, config: SiteConfig, problems: Problems
) -> int:
    """Add each finding to ``problems`` with its path and line; returns how many."""
    by_resource: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_resource[finding.resource].append(finding)
    count = 0
    descriptor_shown = config.relative(package.descriptor.path)
    for name, found in by_resource.items():
        resource = package.resource(name)
        index = _resource_index(package, name)
        rows = [f.record for f in found if f.record is not None]
        data_file = resource.files[0] if resource and resource.files else None
        lines = (
            record_start_lines(data_file, rows, encoding=resource.encoding)
            if data_file is not None and resource is not None and resource.format in ("csv",)
            else {record: record for record in rows}
        )
        shown_data = config.relative(data_file) if data_file else descriptor_shown
        group = f"{shown_data} (resource '{name}')"
        for finding in found:
            if finding.record is None:
                problems.add(
                    descriptor_shown,
                    _field_line(package, index, finding.field),
                    f"{name}.{finding.field}",
                    finding.message,
                    group=group,
                )
            else:
                problems.add(
                    shown_data,
                    lines.get(finding.record, finding.record),
                    finding.field,
                    finding.message,
                    group=group,
                )
            count += 1
    return count


def _resource_index(package: PackageData, name: str) -> int | None:
    for index, raw in enumerate(package.meta.get("resources", [])):
        if isinstance(raw, dict) and raw.get("name") == name:
            return index
    return None


def _field_line(package: PackageData, index: int | None, field_name: str) -> int:
    lines = package.descriptor.lines
    if index is None:
        return 1
    raw = package.meta["resources"][index]
    schema = raw.get("schema")
    if isinstance(schema, dict):
        for position, given in enumerate(schema.get("fields", [])):
            if isinstance(given, dict) and given.get("name") == field_name:
                return lines.line_of(["resources", index, "schema", "fields", position, "name"])
        return lines.line_of(["resources", index, "schema"])
    return lines.line_of(["resources", index])
