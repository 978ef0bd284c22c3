"""Rules of the ODX data model that a Table Schema cannot state, checked on validated rows.

* home refs are unique across every package of the site (each home has one page);
* a TSM row is unique by (landlord_code, year, scope, area, measure_code), an empty area
  meaning the whole landlord, and gives ``respondents`` when it is below landlord level;
* a correction names a field of its table that can be corrected, a component the home has,
  and a proposed value that the field accepts (type and constraints, read by frictionless).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import frictionless

from generator.config import SiteConfig
from generator.core.problems import Problems, written
from generator.load.findings import Finding, report
from generator.load.package_data import PackageData
from generator.load.validation_cache import ValidationCache

KEY_FIELDS = frozenset({"home_ref", "component_type"})
TSM_KEY = ("landlord_code", "year", "scope", "area", "measure_code")


def check_odx_rules(
    packages: Iterable[PackageData],
    config: SiteConfig,
    problems: Problems,
    cache: ValidationCache | None = None,
) -> None:
    """Check every ODX package (and home refs across them); findings go to ``problems``.

    With a ``cache``, the same packages (by content) that passed before are not checked again.
    """
    odx = [package for package in packages if package.profile is not None]
    key = _rules_key(odx) if cache is not None else None
    if cache is not None and key is not None and cache.get(config.datapackages_dir, key):
        return
    before = len(problems)
    owners: dict[str, str] = {}
    for package in odx:
        findings = list(_duplicate_refs(package, owners))
        findings.extend(_satisfaction_rules(package))
        findings.extend(_correction_rules(package))
        report(findings, package, config, problems)
    if cache is not None and key is not None and len(problems) == before:
        cache.put(config.datapackages_dir, key, True)


def _rules_key(packages: list[PackageData]) -> str | None:
    """The packages' content keys, in order; None when one of them has none."""
    if any(package.content_key is None for package in packages):
        return None
    return " ".join(f"{package.slug}={package.content_key}" for package in packages)


def _duplicate_refs(package: PackageData, owners: dict[str, str]) -> Iterator[Finding]:
    homes = package.resource("homes")
    if homes is None or homes.table is None:
        return
    position = homes.table.index("home_ref")
    if position is None:
        return
    for record, row in zip(homes.table.records, homes.table.rows, strict=True):
        ref = row[position]
        owner = owners.setdefault(ref, package.slug)
        if owner != package.slug:
            yield Finding(
                "homes",
                record,
                "home_ref",
                f"home ref '{ref}' is already used by the package '{owner}'; every home of the "
                "site needs its own random reference",
            )


def _satisfaction_rules(package: PackageData) -> Iterator[Finding]:
    satisfaction = package.resource("satisfaction")
    if satisfaction is None or satisfaction.table is None:
        return
    table = satisfaction.table
    positions = [table.index(name) for name in TSM_KEY]
    area, respondents = table.index("area"), table.index("respondents")
    seen: dict[tuple[Any, ...], int] = {}
    for record, row in zip(table.records, table.rows, strict=True):
        key = tuple((row[p] or "") if p is not None else "" for p in positions)
        if key in seen:
            where = f"area {key[3]}" if key[3] else "the whole landlord"
            yield Finding(
                "satisfaction",
                record,
                "measure_code",
                f"{key[4]} for {key[1]} {key[2]} ({where}) is already given on row {seen[key]}; "
                "keep one row per landlord, year, scope, area and measure",
            )
        else:
            seen[key] = record
        if area is not None and row[area] and (respondents is None or row[respondents] is None):
            yield Finding(
                "satisfaction",
                record,
                "respondents",
                f"a result for area '{row[area]}' needs the number of respondents, so small "
                "groups can be withheld; add it",
            )


def _correction_rules(package: PackageData) -> Iterator[Finding]:
    corrections = package.resource("corrections")
    if corrections is None or corrections.table is None:
        return
    components = package.resource("components")
    have: set[tuple[Any, Any]] = set()
    if components is not None and components.table is not None:
        ref, kind = components.table.index("home_ref"), components.table.index("component_type")
        if ref is not None and kind is not None:
            have = {(row[ref], row[kind]) for row in components.table.rows}
    fields = {
        name: {f.name: f for f in resource.fields}
        for name in ("homes", "components")
        if (resource := package.resource(name)) is not None
    }
    readers: dict[tuple[str, str], frictionless.Field] = {}
    for record, row in corrections.table.dicts():
        if row.get("status") == "rejected":
            continue
        table: Any = row.get("resource")  # the cells as written: any value
        name: Any = row.get("field")
        known = fields.get(table, {})
        if name not in known or name in KEY_FIELDS:
            allowed = ", ".join(n for n in known if n not in KEY_FIELDS)
            yield Finding(
                "corrections",
                record,
                "field",
                f"'{name}' is not a field of {table} that can be corrected; use one of: {allowed}",
            )
            continue
        if table == "components":
            kind = row.get("component_type")
            if not kind:
                yield Finding(
                    "corrections",
                    record,
                    "component_type",
                    "a correction to a component field must say which component; fill "
                    "component_type",
                )
                continue
            if (row.get("home_ref"), kind) not in have:
                yield Finding(
                    "corrections",
                    record,
                    "component_type",
                    f"home {row.get('home_ref')} has no '{kind}' component; add the component "
                    "row first, or correct the component_type",
                )
                continue
        reader = readers.get((table, name))
        if reader is None:
            doc = known[name]
            reader = frictionless.Field.from_descriptor(
                {"name": name, "type": doc.type, "constraints": doc.constraints}
            )
            readers[(table, name)] = reader
        _, notes = reader.read_cell(row.get("proposed_value"))
        if notes:
            yield Finding(
                "corrections",
                record,
                "proposed_value",
                f"{written(row.get('proposed_value'))} is not a valid {table}.{name} "
                f"({'; '.join(notes.values())}); correct the proposed value",
            )
