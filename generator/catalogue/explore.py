"""What a resource page's "Explore" control reads, and what it says before it reads it.

A table of at most ``rows_json_max_rows`` published rows, or one whose CSV the browser can
read itself, can be explored in the browser (``templates/static/explore.js``). The page
reads the published CSV download itself, from the same site, when that file is at most
``explore_csv_max_bytes`` and plainly readable by a small parser (UTF-8, commas, one header
row, the default quoting, empty cells as the only missing value, and fields whose text is
what the JSON would show); otherwise it reads the rows as JSON pages, when the table has
them. The button says how many rows and about how many bytes it will load. A larger table
whose CSV the browser cannot read gets a sentence pointing to its downloads instead.
"""

from __future__ import annotations

import json
from typing import Any

from generator.catalogue.rows import has_rows, is_local_table, published_fields
from generator.config import OdxOptions
from generator.core import formatting as fmt
from generator.core import urls
from generator.load.package_data import PackageData, ResourceData
from generator.structure.page import CopiedFile

JSON_PER_CSV = 1.3  # rows as JSON take about 1.3 times their CSV (docs/api.md)
_UTF8 = frozenset({"utf-8", "utf8", "utf-8-sig", "ascii", "us-ascii"})
# Field types whose CSV text the browser types exactly as the JSON pages do.
_PLAIN_TYPES = frozenset({"string", "integer", "number", "year", "date", "any"})
_PARSING_KEYS = ("missingValues", "trueValues", "falseValues", "decimalChar", "groupChar")
# The CSV dialect the browser's parser reads: any other declared value means the JSON.
_DEFAULT_DIALECT: dict[str, Any] = {
    "delimiter": ",",
    "header": True,
    "headerRows": [1],
    "quoteChar": '"',
    "doubleQuote": True,
    "skipInitialSpace": False,
}
_HARMLESS_DIALECT_KEYS = frozenset({"lineTerminator", "caseSensitiveHeader", "csvddfVersion"})


def explore_view(
    package: PackageData,
    resource: ResourceData,
    published: list[CopiedFile],
    options: OdxOptions,
) -> dict[str, Any] | None:
    """What the page's explore control needs, or None for a resource that is no local
    table. ``too_large`` is set (and nothing is read) above ``rows_json_max_rows`` unless the
    CSV itself can be read; ``json`` is "" when the table has no rows as JSON (read from its
    CSV only, with no fallback)."""
    if not is_local_table(package, resource) or resource.summary is None:
        return None
    rows = resource.summary.row_count
    downloads = [file for file in published if file.source in resource.files]
    fields = published_fields(resource)
    csv_file = readable_csv(package, resource, downloads, fields, options.explore_csv_max_bytes)
    with_json = has_rows(package, resource, options.rows_json_max_rows)
    if not with_json and csv_file is None:
        if not options.rows_json_max_rows:  # rows as JSON turned off: nothing to say
            return None
        return {
            "too_large": fmt.plural(rows, "row"),
            "downloads": [file.view() for file in downloads],
        }
    csv_size = _csv_size(resource, downloads)
    size = csv_file.size if csv_file is not None else None
    if size is None and csv_size is not None:
        size = round(csv_size * JSON_PER_CSV)
    label = f"Explore all {fmt.plural(rows, 'row')}"
    if size is not None:
        label += f" ({fmt.size(size)})" if csv_file else f" (about {fmt.size(size)})"
    return {
        "too_large": "",
        "json": urls.rows(package.slug, resource.slug) if with_json else "",
        "csv": csv_file.url if csv_file is not None else "",
        "fields": json.dumps(fields, ensure_ascii=False, separators=(",", ":")),
        "rows": str(rows),
        "label": label,
    }


def readable_csv(
    package: PackageData,
    resource: ResourceData,
    downloads: list[CopiedFile],
    fields: list[dict[str, str]],
    max_bytes: int,
) -> CopiedFile | None:
    """The published CSV download the browser can read instead of the JSON, or None."""
    if len(downloads) != 1 or resource.format.lower() != "csv":
        return None
    (file,) = downloads
    if file.size > max_bytes or resource.encoding.lower() not in _UTF8:
        return None
    raw = _raw_resource(package, resource.name)
    if not _default_dialect(raw.get("dialect")) or not _plain_schema(resource, fields):
        return None
    return file


def _csv_size(resource: ResourceData, downloads: list[CopiedFile]) -> int | None:
    """The published CSV's size, the basis of the JSON's estimated size (None for
    another format)."""
    if len(downloads) == 1 and resource.format.lower() == "csv":
        return downloads[0].size
    return None


def _raw_resource(package: PackageData, name: str) -> dict[str, Any]:
    resources = package.meta.get("resources", [])
    for item in resources if isinstance(resources, list) else []:
        if isinstance(item, dict) and item.get("name") == name:
            return item
    return {}


def _default_dialect(dialect: Any) -> bool:
    """Whether a declared dialect (None when there is none) is the default CSV one. A file
    without a declared dialect may still use another delimiter: the browser then finds a
    header that is not the fields' names and reads the JSON."""
    if dialect is None:
        return True
    if not isinstance(dialect, dict):
        return False  # a dialect file: not worth reading twice
    csv_control = dialect.get("csv")
    flat = {**dialect, **(csv_control if isinstance(csv_control, dict) else {})}
    for key, value in flat.items():
        if key in ("csv", "type", "$schema") or key in _HARMLESS_DIALECT_KEYS:
            continue
        if key not in _DEFAULT_DIALECT or _DEFAULT_DIALECT[key] != value:
            return False
    return True


def _plain_schema(resource: ResourceData, fields: list[dict[str, str]]) -> bool:
    """Whether every published field's CSV text becomes the JSON's value by the browser's
    plain rules: empty is null, numbers, integers and years are numbers, the rest text."""
    schema = resource.schema if isinstance(resource.schema, dict) else {}
    if schema.get("missingValues", [""]) != [""]:
        return False
    declared = {
        item.get("name"): item for item in schema.get("fields", []) if isinstance(item, dict)
    }
    for published in fields:
        kind = published["type"]
        field = declared.get(published["name"], {})
        if kind not in _PLAIN_TYPES or "missingValues" in field:
            return False
        if kind == "string":
            continue  # a coarsened column is published as text, whatever it was
        if any(key in field for key in _PARSING_KEYS) or field.get("bareNumber") is False:
            return False
        if field.get("format", "default") != "default":
            return False
    return True
