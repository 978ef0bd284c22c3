"""A table's rows as JSON pages: ``…/<resource>/rows/index.json``, ``rows/2.json``…

The rows are the privacy gate's published view, the same rows the downloads hold: an ODX
table as the gate left it in memory (withheld rows left out, coarsened values, the pilot's
cohort column gone); any other table is read from its published file, which the gate
screened as it streamed and which is published byte for byte. Each page says what it holds
on its own: the schema as published, its rows (arrays in field order, typed as the schema
says), the total and the link to the next page. Pages are made one at a time while the
site is written, so a large table never sits in memory as JSON. Only tables of at most
``rows_json_max_rows`` published rows get pages: the largest would not fit GitHub Pages'
1 GB (docs/api.md has the figures).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice
from typing import Any

import frictionless
from frictionless.resources import TableResource

from generator.core import urls
from generator.load.package_data import PackageData, ResourceData
from generator.privacy.kanonymity import PackagePrivacy
from generator.structure.page import MadeFiles

PAGE_SIZE = 1_000  # rows per JSON page
FORMAT = "odx-rows/1"


def row_pages(
    package: PackageData, resource: ResourceData, decided: PackagePrivacy | None, max_rows: int
) -> MadeFiles | None:
    """The JSON pages of ``resource``'s published rows, or None for a resource that is no
    local table (remote, not tabular, or not summarised) or has more than ``max_rows``."""
    if not has_rows(package, resource, max_rows) or resource.summary is None:
        return None
    total = resource.summary.row_count
    count = max(1, math.ceil(total / PAGE_SIZE))
    addresses = tuple(urls.rows(package.slug, resource.slug, n) for n in range(1, count + 1))
    fields = published_fields(resource)

    def make() -> Iterator[bytes]:
        return _pages(package, resource, decided, fields, total, addresses)

    return MadeFiles(addresses, make)


def has_rows(package: PackageData, resource: ResourceData, max_rows: int) -> bool:
    """Whether ``resource``'s rows are published as JSON pages: a local table (an ODX table
    from memory only; any other from its one file) of at most ``max_rows`` published rows
    (the ``rows_json_max_rows`` option; 0 publishes none)."""
    return is_local_table(package, resource) and (
        resource.summary is not None and resource.summary.row_count <= max_rows and max_rows > 0
    )


def is_local_table(package: PackageData, resource: ResourceData) -> bool:
    """Whether ``resource`` is a local table whose published rows the site can read (an
    ODX table from memory only; any other from its one file), whatever its size."""
    if not resource.tabular or resource.summary is None or resource.remote:
        return False
    if package.profile is not None:
        return resource.table is not None
    return len(resource.files) == 1


def published_fields(resource: ResourceData) -> list[dict[str, str]]:
    """The fields as published: of an ODX table, the columns the gate left with the types
    its re-made summary gives them (a coarsened column is a string); else the schema's."""
    if resource.table is not None and resource.summary is not None:
        kinds = {stats.name: stats.type for stats in resource.summary.fields}
        return [{"name": name, "type": kinds.get(name, "any")} for name in resource.table.fields]
    return [{"name": f.name, "type": f.type} for f in resource.fields]


def _pages(
    package: PackageData,
    resource: ResourceData,
    decided: PackagePrivacy | None,
    fields: list[dict[str, str]],
    total: int,
    addresses: tuple[str, ...],
) -> Iterator[bytes]:
    """The bytes of each page, in order; exactly one per address."""
    rows = _published_rows(package, resource, decided)
    schema = {"fields": fields}
    for number in range(1, len(addresses) + 1):
        chunk = [[json_value(cell) for cell in row] for row in islice(rows, PAGE_SIZE)]
        following = addresses[number] if number < len(addresses) else None
        page = {
            "format": FORMAT,
            "dataset": package.slug,
            "resource": resource.name,
            "page": number,
            "pages": len(addresses),
            "page_size": PAGE_SIZE,
            "total": total,
            "schema": schema,
            "rows": chunk,
            "next": following.rsplit("/", 1)[1] if following else None,
        }
        text = json.dumps(page, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        yield (text + "\n").encode("utf-8")


def _published_rows(
    package: PackageData, resource: ResourceData, decided: PackagePrivacy | None
) -> Iterator[Iterable[Any]]:
    """Each published row, cells in field order."""
    table = resource.table
    if table is not None:
        hidden = decided.withheld.get(resource.name, set()) if decided else set()
        return (
            row
            for record, row in zip(table.records, table.rows, strict=True)
            if record not in hidden
        )
    return _streamed(package, resource)


def _streamed(package: PackageData, resource: ResourceData) -> Iterator[list[Any]]:
    """The rows of a table not kept in memory, read from its published file with its
    declared dialect and schema (offline: the file is local)."""
    raw = next(
        (
            item
            for item in package.meta.get("resources", [])
            if isinstance(item, dict) and item.get("name") == resource.name
        ),
        {},
    )
    descriptor = {
        key: value for key, value in raw.items() if key in ("dialect", "encoding", "format")
    }
    descriptor["name"] = resource.name
    descriptor["path"] = resource.files[0].name
    descriptor["schema"] = resource.schema
    if "encoding" not in descriptor:
        descriptor["encoding"] = resource.encoding
    with frictionless.system.use_context(trusted=False):
        source = TableResource.from_descriptor(descriptor, basepath=str(resource.files[0].parent))
        with source:
            for row in source.row_stream:
                yield row.to_list()


def json_value(value: Any) -> Any:
    """A typed cell as JSON: numbers as numbers (never NaN or infinity: null), dates and
    times as ISO 8601 text, everything else as it is or as its text."""
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, (Decimal, float)):
        return _finite(float(value))
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.loads(json.dumps(value, default=str, allow_nan=False))
    return str(value)


def _finite(number: float) -> float | None:
    return number if math.isfinite(number) else None
