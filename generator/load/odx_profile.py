"""The ODX ``homes/0.1`` profile: what a landlord package must hold, checked before its data.

A package whose descriptor carries ``"odx": {"profile": "homes/0.1", …}`` is held to the ODX
data model: the Table Schemas shipped in ``generator/housing/data/odx/schemas`` (copies of
the domain reference, kept as data). :func:`check_descriptor` reports, located in the descriptor, an
unknown profile, missing landlord or ``as_of``, a missing required resource or field, and a
field whose type differs from the model. :func:`contract_resource` then puts the model's
constraints and keys on the package's own schema, so frictionless validates every ODX table
against the contract, whatever the package's copy of the schema says.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.problems import Problems, written
from generator.core.sourcemap import DocumentError, read_document
from generator.housing.data_model import (
    CONTRACT_RESOURCES,
    PROFILE,
    REQUIRED_RESOURCES,
    contract_schemas,
    required_fields,
)
from generator.load.descriptor import Descriptor

RESERVED_RESOURCE_NAMES = frozenset({"overview"})


@dataclass(frozen=True)
class OdxInfo:
    """What the ``odx`` block of a descriptor says, checked."""

    profile: str
    landlord_name: str
    landlord_code: str
    as_of: dt.date

    @property
    def as_of_year(self) -> int:
        return self.as_of.year


def is_odx(data: dict[str, Any]) -> bool:
    """Whether a descriptor claims an ODX profile (it then must meet it)."""
    return "odx" in data


def check_descriptor(
    descriptor: Descriptor, folder: Path, shown: str, problems: Problems
) -> OdxInfo | None:
    """Check the ``odx`` block and the resources it requires; None when unusable."""
    data = descriptor.data
    lines = descriptor.lines
    before = len(problems)
    block = data.get("odx")
    if not isinstance(block, dict):
        problems.add(
            shown,
            lines.line_of(["odx"]),
            "odx",
            f'must be an object like {{"profile": "{PROFILE}", "landlord": {{"name": …, '
            '"code": …}, "as_of": "2026-10-31"}',
        )
        return None
    profile = block.get("profile")
    if profile != PROFILE:
        problems.add(
            shown,
            lines.line_of(["odx", "profile"] if "profile" in block else ["odx"]),
            "odx.profile",
            f'unknown profile {written(profile)}; this site reads "{PROFILE}"',
        )
    landlord = block.get("landlord")
    name = code = ""
    if isinstance(landlord, dict):
        name, code = str(landlord.get("name") or ""), str(landlord.get("code") or "")
    for key, value in (("name", name), ("code", code)):
        if not value.strip():
            problems.add(
                shown,
                lines.line_of(["odx", "landlord", key] if name or code else ["odx"]),
                f"odx.landlord.{key}",
                f"the landlord's {key} is required, e.g. "
                '"landlord": {"name": "Example Housing Association", "code": "L0999"}',
            )
    as_of = _date(block.get("as_of"))
    if as_of is None:
        problems.add(
            shown,
            lines.line_of(["odx", "as_of"] if "as_of" in block else ["odx"]),
            "odx.as_of",
            f"{written(block.get('as_of'))} is not a date; give the date the data describes as "
            'YYYY-MM-DD, e.g. "as_of": "2026-10-31"',
        )
    _check_resources(descriptor, folder, shown, problems)
    if len(problems) > before or as_of is None:
        return None
    return OdxInfo(PROFILE, name.strip(), code.strip(), as_of)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _check_resources(descriptor: Descriptor, folder: Path, shown: str, problems: Problems) -> None:
    lines = descriptor.lines
    found: dict[str, int] = {}
    for index, resource in enumerate(descriptor.data.get("resources", [])):
        if isinstance(resource, dict) and isinstance(resource.get("name"), str):
            found.setdefault(resource["name"], index)
    for name in sorted(RESERVED_RESOURCE_NAMES & found.keys()):
        problems.add(
            shown,
            lines.line_of(["resources", found[name], "name"]),
            f"resources[{found[name]}].name",
            f"'{name}' is the address of the landlord's overview page; rename the resource",
        )
    for index, resource in enumerate(descriptor.data.get("resources", [])):
        if isinstance(resource, dict):
            _check_form(resource, index, lines, shown, problems)
    for name in REQUIRED_RESOURCES:
        if name not in found:
            problems.add(
                shown,
                lines.line_of(["resources"]),
                "resources",
                f"the ODX profile needs a resource named '{name}' "
                f"({contract_schemas()[name]['title']}); add it, or remove 'odx' to publish "
                "the package as ordinary open data",
            )
    for name in CONTRACT_RESOURCES:
        if name in found:
            _check_fields(descriptor, folder, found[name], name, shown, problems)


CHECKABLE_FORMATS = frozenset({"csv", "tsv", "json", "jsonl", "ndjson"})


def _check_form(
    resource: dict[str, Any], index: int, lines: Any, shown: str, problems: Problems
) -> None:
    """ODX tables are single local CSV files; other resources must be tables the gate reads."""
    name = str(resource.get("name") or index)
    path = resource.get("path")
    paths = path if isinstance(path, list) else [path] if path is not None else []
    suffix = str(paths[0]).rsplit(".", 1)[-1].lower() if paths and "." in str(paths[0]) else ""
    fmt = str(resource.get("format") or suffix).lower()
    where = lines.line_of(
        ["resources", index, "path"] if path is not None else ["resources", index]
    )
    remote = any(isinstance(p, str) and "://" in p for p in paths)
    if name in CONTRACT_RESOURCES:
        if len(paths) != 1 or remote or fmt != "csv":
            problems.add(
                shown,
                where,
                f"{name}.path",
                f"the ODX table '{name}' must be one CSV file in the package folder, "
                f'e.g. "path": "{name}.csv", so the privacy gate can check and publish it',
            )
    elif remote or (paths and fmt not in CHECKABLE_FORMATS):
        problems.add(
            shown,
            where,
            f"{name}.path",
            "the privacy gate can only check tables in the package folder (csv, tsv, json, "
            "jsonl, ndjson), and an ODX package publishes nothing it has not checked; make it "
            "a table, or publish it in an ordinary package without personal data",
        )


def resource_schema(resource: dict[str, Any], folder: Path) -> dict[str, Any] | None:
    """The resource's Table Schema, inline or read from its (already checked) local path."""
    schema = resource.get("schema")
    if isinstance(schema, dict):
        return schema
    if isinstance(schema, str):
        try:
            text = (folder / schema).read_text(encoding="utf-8")
            data, _ = read_document(text, "yaml" if schema.endswith((".yaml", ".yml")) else "json")
        except (OSError, UnicodeDecodeError, DocumentError):
            return None
        return data if isinstance(data, dict) else None
    return None


def _check_fields(
    descriptor: Descriptor, folder: Path, index: int, name: str, shown: str, problems: Problems
) -> None:
    lines = descriptor.lines
    resource = descriptor.data["resources"][index]
    schema = resource_schema(resource, folder)
    base: list[str | int] = ["resources", index]
    if schema is None:
        problems.add(
            shown,
            lines.line_of([*base, "schema"] if "schema" in resource else base),
            f"{name}.schema",
            "an ODX resource needs its Table Schema (inline, or a local file); copy it from "
            "the ODX data model",
        )
        return
    fields = schema.get("fields")
    given: dict[Any, tuple[int, dict[str, Any]]] = {  # keyed by the names as written
        f.get("name"): (position, f)
        for position, f in enumerate(fields if isinstance(fields, list) else [])
        if isinstance(f, dict)
    }
    inline = isinstance(resource.get("schema"), dict)
    contract = {f["name"]: f for f in contract_schemas()[name]["fields"]}
    for field_name in required_fields(name):
        if field_name not in given:
            problems.add(
                shown,
                lines.line_of([*base, "schema", "fields"] if inline else [*base, "schema"]),
                f"{name}.{field_name}",
                f"the ODX profile requires the field '{field_name}' "
                f"({contract[field_name]['title']}); add it to the schema and the data",
            )
    for field_name, (position, given_field) in given.items():
        expected = contract.get(field_name)
        if expected is None:
            continue  # extra fields are fine and shown generically
        kind = given_field.get("type", "any")
        if kind != expected["type"]:
            where = [*base, "schema", "fields", position, "type"]
            problems.add(
                shown,
                lines.line_of(where if inline else [*base, "schema"]),
                f"{name}.{field_name}",
                f"type '{kind}' differs from the ODX profile; declare it as "
                f'"type": "{expected["type"]}"',
            )


def contract_resource(resource: dict[str, Any], folder: Path) -> dict[str, Any]:
    """``resource`` with the ODX model's types, constraints and keys on its schema.

    Fields the model does not know keep what the package says; the model's constraints
    win over the package's on the fields it defines.
    """
    name = resource.get("name")
    if name not in CONTRACT_RESOURCES:
        return resource
    schema = resource_schema(resource, folder)
    if schema is None:
        return resource
    contract = contract_schemas()[name]
    by_name = {f["name"]: f for f in contract["fields"]}
    schema = copy.deepcopy(schema)
    present = set()
    for given in schema.get("fields", []):
        expected = by_name.get(given.get("name"))
        if expected is None:
            continue
        present.add(expected["name"])
        given["type"] = expected["type"]
        given["constraints"] = {
            **(given.get("constraints") or {}),
            **expected.get("constraints", {}),
        }
    key = contract.get("primaryKey", [])
    if key and set(key) <= present:
        schema["primaryKey"] = list(key)
    schema["foreignKeys"] = [
        fk for fk in contract.get("foreignKeys", []) if set(fk["fields"]) <= present
    ] + [fk for fk in schema.get("foreignKeys", []) if fk not in contract.get("foreignKeys", [])]
    return {**resource, "schema": schema}
