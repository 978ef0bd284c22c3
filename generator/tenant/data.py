"""An ODX package's tables indexed for the tenant pages: by home, with corrections applied.

Built once per package after the privacy gate, so every page is made in constant time from
its own home's rows: no page walks the portfolio.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from generator.load.package_data import PackageData
from generator.load.table import Table


@cache
def local_authority_names() -> dict[str, str]:
    """ONS local authority names by GSS code (package data)."""
    text = (
        resources.files("generator.housing")
        .joinpath("data/odx/local_authorities.csv")
        .read_text(encoding="utf-8")
    )
    return {row["code"]: row["name"] for row in csv.DictReader(io.StringIO(text))}


@cache
def tsm_measures() -> dict[str, dict[str, str]]:
    """Title, unit, kind and direction of each TSM code (package data)."""
    text = (
        resources.files("generator.housing")
        .joinpath("data/odx/tsm_measures.csv")
        .read_text("utf-8")
    )
    return {row["measure_code"]: row for row in csv.DictReader(io.StringIO(text))}


def authority_name(code: str | None) -> str:
    """The local authority's name, or its code when the list does not know it."""
    if not code:
        return "Unknown area"
    return local_authority_names().get(code, code)


@dataclass(frozen=True)
class Correction:
    """A tenant correction as the home page shows it."""

    correction_id: str
    proposed: Any
    status: str
    evidence: str
    decided_year: int | None


FeedbackKey = tuple[str, str, str, str, str]  # cohort, period, level, authority, sector
FeedbackCells = dict[FeedbackKey, dict[str, Any]]


def feedback_key(row: dict[str, Any]) -> FeedbackKey:
    """The key of a ``feedback`` row (empty places as "")."""
    return (
        str(row.get("cohort") or ""),
        str(row.get("period") or ""),
        str(row.get("level") or ""),
        str(row.get("local_authority_code") or ""),
        str(row.get("postcode_sector") or ""),
    )


@dataclass
class OdxData:
    """Rows of one ODX package grouped by home ref."""

    homes: list[dict[str, Any]]
    components: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    plan: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    corrections: dict[tuple[str, str, str], list[Correction]] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)  # rejected corrections per home
    corrected_parts: frozenset[tuple[str, str]] = frozenset()  # (home, component) corrected
    satisfaction: list[dict[str, Any]] = field(default_factory=list)
    feedback: FeedbackCells | None = None  # by key; None when the package has no feedback


def _rows(table: Table | None) -> list[dict[str, Any]]:
    if table is None:
        return []
    names = table.fields
    return [dict(zip(names, row, strict=False)) for row in table.rows]


def _by_home(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[Any, list[dict[str, Any]]] = defaultdict(list)  # by home_ref cell as read
    for row in rows:
        grouped[row.get("home_ref")].append(row)
    return dict(grouped)


def _table(package: PackageData, name: str) -> Table | None:
    resource = package.resource(name)
    return resource.table if resource is not None else None


def _published(table: Table, hidden: set[int]) -> list[dict[str, Any]]:
    return [row for record, row in table.dicts() if record not in hidden]


def index_package(package: PackageData, withheld: dict[str, set[int]] | None = None) -> OdxData:
    """Group the package's rows by home and the feedback cells by key; rows in ``withheld``
    (by record) are left out."""
    withheld = withheld or {}
    satisfaction_table = _table(package, "satisfaction")
    satisfaction = []
    if satisfaction_table is not None:
        satisfaction = _published(satisfaction_table, withheld.get("satisfaction", set()))
    feedback_table = _table(package, "feedback")
    feedback = None
    if feedback_table is not None:
        feedback = {
            feedback_key(row): row
            for row in _published(feedback_table, withheld.get("feedback", set()))
        }
    data = OdxData(
        homes=_rows(_table(package, "homes")),
        components=_by_home(_rows(_table(package, "components"))),
        plan=_by_home(_rows(_table(package, "investment_plan"))),
        satisfaction=satisfaction,
        feedback=feedback,
    )
    corrections: dict[tuple[str, str, str], list[Correction]] = defaultdict(list)
    rejected: dict[str, int] = defaultdict(int)
    for row in _rows(_table(package, "corrections")):
        if row.get("status") == "rejected":
            rejected[row["home_ref"]] += 1
            continue
        target = row.get("component_type") if row.get("resource") == "components" else ""
        corrections[(row["home_ref"], target or "", row["field"])].append(
            Correction(
                str(row.get("correction_id")),
                row.get("proposed_value"),
                str(row.get("status")),
                str(row.get("evidence") or ""),
                row.get("decided_year"),
            )
        )
    data.corrections = dict(corrections)
    data.corrected_parts = frozenset((ref, kind) for ref, kind, _ in corrections if kind)
    data.rejected = dict(rejected)
    return data
