"""The ODX data model (homes/0.1) as data: its resources and the Table Schemas shipped in
``generator/housing/data/odx/schemas`` (copies of the domain reference)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

PROFILE = "homes/0.1"


REQUIRED_RESOURCES = ("homes", "components", "investment_plan", "satisfaction")


OPTIONAL_RESOURCES = ("corrections", "feedback", "corrections_by_month")


CONTRACT_RESOURCES = REQUIRED_RESOURCES + OPTIONAL_RESOURCES


@cache
def contract_schemas() -> dict[str, dict[str, Any]]:
    """The ODX Table Schemas by resource name (read once from the package data)."""
    folder = resources.files("generator.housing").joinpath("data/odx/schemas")
    return {
        name: json.loads(folder.joinpath(f"{name}.schema.json").read_text(encoding="utf-8"))
        for name in CONTRACT_RESOURCES
    }


def required_fields(resource: str) -> list[str]:
    """Fields of ``resource`` a package must have: the required ones and the key fields."""
    schema = contract_schemas()[resource]
    keys = set(schema.get("primaryKey", []))
    return [
        f["name"]
        for f in schema["fields"]
        if f["name"] in keys or f.get("constraints", {}).get("required")
    ]


def component_types() -> tuple[str, ...]:
    """The kinds of component the data model knows, in its order (``other`` last)."""
    fields = contract_schemas()["components"]["fields"]
    kind = next(f for f in fields if f.get("name") == "component_type")
    return tuple(kind.get("constraints", {}).get("enum", ()))
