"""The files an ODX package is published as, after the privacy gate.

Files are published byte for byte unless the gate changed what may be shown: rows withheld
(small TSM cells, suppressed homes) are left out, coarsened columns carry their coarsened
values, and the descriptor then declares the coarsened fields as what they now are. The
rewritten CSV keeps the source's delimiter and every untouched cell as written.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.load.package_data import PackageData
from generator.privacy.coarsening import Coarsening, Rung
from generator.privacy.kanonymity import PackagePrivacy
from generator.privacy.pilot import schema_without, without_field


def rewrite_csv(
    path: Path,
    *,
    encoding: str,
    delimiter: str = ",",
    withheld: set[int] | frozenset[int] = frozenset(),
    columns: dict[str, Callable[[Any], Any]] | None = None,
    drop: str = "",
) -> bytes:
    """``path`` without the records in ``withheld`` (header = 1), with ``columns`` mapped and
    without the column ``drop``."""
    columns = columns or {}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader, None)
        if header is None:
            return b""
        gone = header.index(drop) if drop in header else None
        writer.writerow(_without(header, gone))
        mapped = [(header.index(name), apply) for name, apply in columns.items() if name in header]
        for record, row in enumerate(reader, start=2):
            if record in withheld or not row:
                continue
            for position, apply in mapped:
                if position < len(row) and row[position] != "":
                    published = apply(row[position])
                    row[position] = "" if published is None else str(published)
            writer.writerow(_without(row, gone))
    return out.getvalue().encode(encoding)


def _without(row: list[str], position: int | None) -> list[str]:
    return row if position is None else row[:position] + row[position + 1 :]


def coarsened_descriptor(
    data: dict[str, Any],
    coarsening: Coarsening,
    schemas: Mapping[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The descriptor with the homes fields that were coarsened declared as published.

    A homes schema kept in a file of its own is written into the published descriptor
    instead (from ``schemas``, the resolved schema of each resource by name): the file
    still says what the landlord's data was, the descriptor what is published."""
    data = copy.deepcopy(data)
    published: dict[Any, Rung] = coarsening.published_rungs  # looked up by names as written
    for resource in data.get("resources", []):
        if not isinstance(resource, dict) or resource.get("name") != "homes":
            continue
        schema = resource.get("schema")
        if isinstance(schema, str) and schemas and "homes" in schemas:
            schema = resource["schema"] = copy.deepcopy(schemas["homes"])
        if not isinstance(schema, dict):
            continue
        for field in schema.get("fields", []):
            rung = published.get(field.get("name")) if isinstance(field, dict) else None
            if rung is not None:
                rung.publish_field(field)
    return data


def dump_descriptor(data: dict[str, Any], path: Path) -> bytes:
    """The descriptor written in the format of ``path`` (JSON or YAML)."""
    if path.suffix in (".yaml", ".yml"):
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()


def replaced_files(package: PackageData, decided: PackagePrivacy) -> dict[Path, bytes]:
    """Published bytes of each file the gate changed (withheld rows, coarsened values)."""
    replaced: dict[Path, bytes] = {}
    coarsening = decided.coarsening
    columns = coarsening.changed_columns if coarsening else {}
    cohort = decided.pilot.column if decided.pilot else ""
    for resource in package.resources:
        withheld = decided.withheld.get(resource.name, set())
        mapped = columns if resource.name == "homes" else {}
        drop = cohort if resource.name == "homes" else ""
        if not (withheld or mapped or drop) or len(resource.files) != 1 or resource.format != "csv":
            continue
        replaced[resource.files[0]] = rewrite_csv(
            resource.files[0],
            encoding=resource.encoding,
            withheld=withheld,
            columns=mapped,
            drop=drop,
        )
    schemas = {resource.name: resource.schema for resource in package.resources}
    meta = package.meta
    if cohort:
        replaced.update(_schema_files(package, cohort))
        meta = without_field(meta, "homes", cohort)
    if coarsening and coarsening.rungs:
        meta = coarsened_descriptor(meta, coarsening, schemas)
    if cohort or (coarsening and coarsening.rungs):
        path = package.descriptor.path
        replaced[path] = dump_descriptor(meta, path)
    return replaced


def _schema_files(package: PackageData, column: str) -> dict[Path, bytes]:
    """The homes schema kept in a file of its own, without the cohort ``column``."""
    for resource in package.meta.get("resources", []):
        if isinstance(resource, dict) and resource.get("name") == "homes":
            schema = resource.get("schema")
            if isinstance(schema, str):
                path = package.folder / schema
                homes = package.resource("homes")
                if homes is not None and path in homes.referenced:
                    return {path: dump_descriptor(schema_without(homes.schema, column), path)}
    return {}
