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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .coarsening import BEDROOM_BANDS, WIDE_PERIODS, Coarsening


def rewrite_csv(
    path: Path,
    *,
    encoding: str,
    delimiter: str = ",",
    withheld: set[int] | frozenset[int] = frozenset(),
    columns: dict[str, Callable[[Any], Any]] | None = None,
) -> bytes:
    """``path`` without the records in ``withheld`` (header = 1) and with ``columns`` mapped."""
    columns = columns or {}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader, None)
        if header is None:
            return b""
        writer.writerow(header)
        mapped = [(header.index(name), apply) for name, apply in columns.items() if name in header]
        for record, row in enumerate(reader, start=2):
            if record in withheld or not row:
                continue
            for position, apply in mapped:
                if position < len(row) and row[position] != "":
                    row[position] = str(apply(row[position]))
            writer.writerow(row)
    return out.getvalue().encode(encoding)


def coarsened_descriptor(data: dict[str, Any], coarsening: Coarsening) -> dict[str, Any]:
    """The descriptor with the homes fields that were coarsened declared as published."""
    data = copy.deepcopy(data)
    changed = {rung.column for rung in coarsening.rungs}
    for resource in data.get("resources", []):
        if not isinstance(resource, dict) or resource.get("name") != "homes":
            continue
        schema = resource.get("schema")
        if not isinstance(schema, dict):
            continue
        for field in schema.get("fields", []):
            name = field.get("name")
            if name not in changed:
                continue
            constraints = dict(field.get("constraints") or {})
            if name == "postcode_sector":
                constraints["pattern"] = "^[A-Z]{1,2}[0-9][0-9A-Z]?$"
                field["description"] = "Postcode district (coarsened from the sector)."
            elif name == "build_period":
                constraints["enum"] = list(WIDE_PERIODS)
                field["description"] = "Build period, coarsened to a wide band."
            elif name == "bedrooms":
                field["type"] = "string"
                constraints.pop("minimum", None)
                constraints.pop("maximum", None)
                constraints["enum"] = list(BEDROOM_BANDS)
                field["description"] = "Bedrooms, coarsened to a band."
            field["constraints"] = constraints
    return data


def dump_descriptor(data: dict[str, Any], path: Path) -> bytes:
    """The descriptor written in the format of ``path`` (JSON or YAML)."""
    if path.suffix in (".yaml", ".yml"):
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
