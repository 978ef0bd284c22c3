"""Each response checked against the loaded ODX packages and the ODX schemas.

A check returns what is wrong, as ``(field, message)`` pairs; a response with any is skipped.
Free text is screened separately (:func:`screen`): a response it flags is held for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.housing.data_model import contract_schemas
from generator.intake.form import (
    EVIDENCE_KINDS,
    IMPROVEMENTS,
    MAX_IMPROVEMENTS,
    SATISFACTION_SCALE,
    Response,
)
from generator.load.package_data import PackageData
from generator.privacy.detectors import cell_problem

NOT_CORRECTABLE = frozenset({"home_ref", "component_type"})  # keys: they name what is corrected
_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]|javascript:|&#?[a-zA-Z0-9]+;", re.IGNORECASE)


@dataclass(frozen=True)
class Homes:
    """The home refs of every ODX package, by package name."""

    by_package: dict[str, frozenset[str]]

    @classmethod
    def of(cls, packages: list[PackageData]) -> Homes:
        found: dict[str, frozenset[str]] = {}
        for package in packages:
            homes = package.resource("homes") if package.profile is not None else None
            if homes is None or homes.table is None:
                continue
            position = homes.table.index("home_ref")
            if position is None:
                continue
            found[package.name] = frozenset(str(row[position]) for row in homes.table.rows)
        return cls(found)

    def package_of(self, ref: str) -> str | None:
        """The package that holds the home ``ref``, if any does."""
        return next((name for name, refs in self.by_package.items() if ref in refs), None)

    def named(self) -> str:
        return " or ".join(sorted(self.by_package)) or "any ODX package"


def check(response: Response, homes: Homes) -> list[tuple[str, str]]:
    """What is wrong with ``response`` (none: it may be taken in)."""
    wrong: list[tuple[str, str]] = []
    if not response.home_ref:
        wrong.append(("home_ref", "missing; every response names the home it is about"))
    elif homes.package_of(response.home_ref) is None:
        wrong.append(("home_ref", f"no home {response.home_ref} in {homes.named()}"))
    if response.satisfaction and response.satisfaction not in SATISFACTION_SCALE:
        wrong.append(
            (
                "satisfaction",
                f"{response.satisfaction!r} is not on the scale; use one of "
                f"{', '.join(SATISFACTION_SCALE)}",
            )
        )
    unknown = [item for item in response.improve if item not in IMPROVEMENTS]
    if unknown:
        wrong.append(
            (
                "improve",
                f"{', '.join(map(repr, unknown))} not in the list; use {', '.join(IMPROVEMENTS)}",
            )
        )
    if response.is_correction:
        wrong.extend(_correction_problems(response))
    if not response.has_feedback and not response.is_correction:
        wrong.append(
            ("-", "nothing to take in: no satisfaction, improvement, comment or correction")
        )
    return wrong


def kept_improvements(response: Response) -> tuple[str, ...]:
    """The improvements kept: the first three (the form offers no more)."""
    return response.improve[:MAX_IMPROVEMENTS]


def resource_of(field: str) -> str | None:
    """The ODX table a correctable field belongs to, if any."""
    for resource in ("homes", "components"):
        names = {f["name"] for f in contract_schemas()[resource]["fields"]}
        if field in names and field not in NOT_CORRECTABLE:
            return resource
    return None


def _correction_problems(response: Response) -> list[tuple[str, str]]:
    resource = resource_of(response.field)
    if resource is None:
        fields = sorted(
            f["name"]
            for name in ("homes", "components")
            for f in contract_schemas()[name]["fields"]
            if f["name"] not in NOT_CORRECTABLE
        )
        shown = repr(response.field) if response.field else "missing"
        return [
            (
                "field",
                f"{shown} is not a field a tenant can correct; use one of {', '.join(fields)}",
            )
        ]
    wrong: list[tuple[str, str]] = []
    kinds = _field("components", "component_type")["constraints"]["enum"]
    if resource == "components" and response.component not in kinds:
        shown = repr(response.component) if response.component else "missing"
        wrong.append(
            (
                "component",
                f"{shown}: {response.field} is a component's; name one of {', '.join(kinds)}",
            )
        )
    elif resource == "homes" and response.component:
        wrong.append(
            (
                "component",
                f"{response.field} is the home's, not a component's; leave component empty",
            )
        )
    problem = _value_problem(_field(resource, response.field), response.value)
    if problem:
        wrong.append(("value", problem))
    if response.evidence and response.evidence not in EVIDENCE_KINDS:
        wrong.append(
            (
                "evidence",
                f"{response.evidence!r} is not one of the form's answers; use one of "
                f"{', '.join(EVIDENCE_KINDS)}, or leave it empty",
            )
        )
    return wrong


def _field(resource: str, name: str) -> dict[str, Any]:
    return next(f for f in contract_schemas()[resource]["fields"] if f["name"] == name)


def _value_problem(schema: dict[str, Any], value: str) -> str | None:
    """What makes ``value`` unfit for the field ``schema`` declares, or None."""
    name, kind = schema["name"], schema.get("type", "string")
    constraints = schema.get("constraints", {})
    if not value:
        return f"missing; give the {name} the home should have"
    if kind in ("integer", "year"):
        if not re.fullmatch(r"[0-9]{1,6}", value):
            return f"{value!r} is not a whole number; {name} is one" + (
                " (a year, e.g. 2013)" if kind == "year" else ""
            )
        number = int(value)
        low, high = (
            (1800, 2100)
            if kind == "year"
            else (constraints.get("minimum"), constraints.get("maximum"))
        )
        if (low is not None and number < low) or (high is not None and number > high):
            return f"{number} is out of range for {name} ({low} to {high})"
        return None
    if "enum" in constraints and value not in constraints["enum"]:
        return f"{value!r} is not a value of {name}; use one of {', '.join(constraints['enum'])}"
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        return f"{value!r} is not written as {name} is (pattern {constraints['pattern']})"
    return None


def screen(response: Response) -> str | None:
    """Why the free text of ``response`` must be read by a person first, or None."""
    for name, text in (("comment", response.comment), ("value", response.value)):
        reason = screen_text(name, text) if text else None
        if reason:
            return reason
    return None


def screen_text(name: str, text: str) -> str | None:
    """Why the text of the field ``name`` must be read by a person first (``name: why``,
    never repeating the text), or None."""
    if _MARKUP.search(text):
        return f"{name}: holds markup or code"
    problem = cell_problem(name, text)
    return f"{name}: {problem.split(';')[0]}" if problem else None
