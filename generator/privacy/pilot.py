"""The pilot cohort (``odx.pilot``): only the homes in it are published home by home.

The selection is made before k-anonymity, so every group of homes the site shows is counted
over what is actually published. What comes back is new values; the loaded package stays as
it was:

- the package as the pilot publishes it: the homes in the pilot, the rows of every table keyed
  by ``home_ref`` about those homes, and never the cohort column (in the table, its schema and
  the descriptor);
- the records left out, by resource, for the downloads and the previews;
- a :class:`PilotOutcome`: the area of each home not in the pilot yet (for "go to my home"
  and the area pages) and the whole portfolio without the cohort column, for the figures
  about all homes (the overview) and nothing else.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from generator.core.option_shapes import Pilot
from generator.load.package_data import PackageData, ResourceData
from generator.load.table import Table

if TYPE_CHECKING:
    from generator.privacy.pilot_progress import PilotProgress

SHOWN_AREAS = 20  # areas a message lists before it only counts the rest


@dataclass
class PilotOutcome:
    """What the pilot decided for one package."""

    cohort: str  # the cohort in words as the dataset page may say it (never the column)
    members: int  # homes in the pilot
    others: dict[str, tuple[str, str]] = field(default_factory=dict)  # ref → (authority, sector)
    portfolio: PackageData | None = None  # every home, no cohort column: aggregates only
    column: str = ""  # the cohort column, left out of everything published
    progress: PilotProgress | None = None  # how the pilot goes, as the gate publishes it

    def note(self, k: int) -> str:
        """What the dataset page says about the pilot (``k``: the gate's k-anonymity)."""
        others = len(self.others)
        return (
            f"Homes get pages in a pilot first: {self.cohort}. Only the {self.members} "
            f"home{'s' if self.members != 1 else ''} in the pilot are published home by home "
            f"(the homes table and every row about one home); the rows of the {others} other "
            f"home{'s' if others != 1 else ''} are not published yet. "
            + (
                "The overview's figures cover every home."
                if others >= k
                else f"The overview's figures cover the pilot's homes only: with fewer than "
                f"{k} others, figures for every home would describe those few."
            )
        )


@dataclass
class PilotSelection:
    """The package as the pilot publishes it, with what was left out."""

    package: PackageData
    outcome: PilotOutcome
    withheld: dict[str, set[int]]


def area_of(
    row: tuple[Any, ...] | list[Any], authority: int | None, sector: int | None
) -> tuple[str, str]:
    """A home's (local authority code, postcode sector) as the area pages key them."""
    code = row[authority] if authority is not None and authority < len(row) else None
    name = row[sector] if sector is not None and sector < len(row) else None
    return str(code or "unknown"), str(name or "Unknown")


def _normal(area: str) -> str:
    return " ".join(area.split()).upper()


def problem_with_column(package: PackageData, pilot: Pilot) -> str | None:
    """Why ``pilot``'s column cannot select homes in ``package``, or None."""
    homes = package.resource("homes")
    if not pilot.column or homes is None or homes.table is None:
        return None
    table = homes.table
    position = table.index(pilot.column)
    if position is None:
        names = ", ".join(name for name in table.fields if name != "home_ref")
        return (
            f"{package.slug}: the homes table has no column {pilot.column!r} to select the "
            f"pilot by; its columns are {names}"
        )
    if not any(_cell(row, position) == pilot.value for row in table.rows):
        return (
            f"{package.slug}: no home has {pilot.column} = {pilot.value!r}; the pilot would "
            "be empty (check the value, or leave odx.pilot out to publish every home)"
        )
    return None


def _cell(row: tuple[Any, ...] | list[Any], position: int) -> str:
    value = row[position] if position < len(row) else None
    return "" if value is None else str(value).strip()


def areas_found(packages: Iterable[PackageData], pilot: Pilot) -> tuple[set[str], list[str]]:
    """The listed areas some home is in, and every area the homes are in (sectors, then
    local authority codes), to say which exist when one listed matches none."""
    wanted = {_normal(area) for area in pilot.areas}
    found: set[str] = set()
    sectors: set[str] = set()
    codes: set[str] = set()
    for package in packages:
        homes = package.resource("homes")
        if package.profile is None or homes is None or homes.table is None:
            continue
        table = homes.table
        authority, sector = table.index("local_authority_code"), table.index("postcode_sector")
        for row in table.rows:
            code, name = area_of(row, authority, sector)
            sectors.add(name)
            codes.add(code)
            found |= wanted & {_normal(code), _normal(name)}
    return found, sorted(sectors) + sorted(codes)


def missing_areas_message(missing: Iterable[str], existing: list[str]) -> str:
    """The message for listed areas no home is in."""
    shown = ", ".join(existing[:SHOWN_AREAS])
    more = f" and {len(existing) - SHOWN_AREAS} more" if len(existing) > SHOWN_AREAS else ""
    return (
        f"no home is in {', '.join(sorted(missing))}; list postcode sectors or local "
        f"authority codes the homes are in: {shown}{more}"
    )


def select_pilot(package: PackageData, pilot: Pilot) -> PilotSelection | None:
    """``package`` as the pilot publishes it, or None when it has no homes table (a
    package whose column is missing is reported by :func:`problem_with_column` first)."""
    homes = package.resource("homes")
    if homes is None or homes.table is None:
        return None
    table = homes.table
    ref = table.index("home_ref")
    authority, sector = table.index("local_authority_code"), table.index("postcode_sector")
    column = table.index(pilot.column) if pilot.column else None
    wanted = {_normal(area) for area in pilot.areas}
    members: set[Any] = set()
    others: dict[str, tuple[str, str]] = {}
    withheld: dict[str, set[int]] = {"homes": set()}
    for record, row in zip(table.records, table.rows, strict=True):
        area = area_of(row, authority, sector)
        chosen = _chosen(row, area, column, pilot.value, wanted)
        home = row[ref] if ref is not None and ref < len(row) else None
        if chosen:
            members.add(home)
        else:
            withheld["homes"].add(record)
            if home is not None:
                others[str(home)] = area
    resources = []
    for resource in package.resources:
        if resource.name == "homes":
            kept = _rows_kept(table, withheld["homes"])
            resources.append(_without_column(replace(resource, table=kept), pilot.column))
            continue
        kept_table, left_out = _about_homes(resource, members)
        if left_out:
            withheld[resource.name] = left_out
        resources.append(replace(resource, table=kept_table))
    whole = _without_column(replace(homes, table=table), pilot.column)
    descriptor = package.descriptor
    if pilot.column:
        descriptor = replace(descriptor, data=without_field(package.meta, "homes", pilot.column))
    portfolio = replace(
        package,
        resources=[whole if r.name == "homes" else r for r in package.resources],
        descriptor=descriptor,
    )
    published = replace(portfolio, resources=resources)
    described = "a cohort the landlord chose" if pilot.column else pilot.describe()
    outcome = PilotOutcome(described, len(members), others, portfolio, pilot.column)
    return PilotSelection(published, outcome, withheld)


def _chosen(
    row: tuple[Any, ...] | list[Any],
    area: tuple[str, str],
    column: int | None,
    value: str,
    wanted: set[str],
) -> bool:
    """Whether the home of ``row`` (in ``area``) is in the pilot."""
    if column is not None:
        return _cell(row, column) == value
    return bool(wanted & {_normal(area[0]), _normal(area[1])})


def pilot_members(package: PackageData, pilot: Pilot) -> frozenset[str]:
    """The refs of the package's homes in the pilot, chosen as :func:`select_pilot` chooses
    them (for the cohort cells of what tenants say)."""
    homes = package.resource("homes")
    if homes is None or homes.table is None:
        return frozenset()
    table = homes.table
    ref = table.index("home_ref")
    authority, sector = table.index("local_authority_code"), table.index("postcode_sector")
    column = table.index(pilot.column) if pilot.column else None
    wanted = {_normal(area) for area in pilot.areas}
    return frozenset(
        str(row[ref])
        for row in table.rows
        if ref is not None
        and ref < len(row)
        and row[ref] is not None
        and _chosen(row, area_of(row, authority, sector), column, pilot.value, wanted)
    )


def _rows_kept(table: Table, left_out: set[int]) -> Table:
    """``table`` without the records ``left_out`` (a new table)."""
    if not left_out:
        return table
    kept = [
        (record, row)
        for record, row in zip(table.records, table.rows, strict=True)
        if record not in left_out
    ]
    return Table(table.fields, [row for _, row in kept], [record for record, _ in kept])


def _about_homes(resource: ResourceData, members: set[Any]) -> tuple[Table | None, set[int]]:
    """A table keyed by ``home_ref`` without its rows about homes outside ``members``."""
    table = resource.table
    ref = table.index("home_ref") if table is not None else None
    if table is None or ref is None:
        return table, set()
    left_out = {
        record
        for record, row in zip(table.records, table.rows, strict=True)
        if (row[ref] if ref < len(row) else None) not in members
    }
    return _rows_kept(table, left_out), left_out


def _without_column(resource: ResourceData, column: str) -> ResourceData:
    """``resource`` without ``column``: in its table, its fields and its schema."""
    table = resource.table
    if not column or table is None or table.index(column) is None:
        return resource
    position = table.fields.index(column)
    rows = [(*row[:position], *row[position + 1 :]) for row in table.rows]
    fields = [name for name in table.fields if name != column]
    schema = schema_without(resource.schema, column)
    return replace(
        resource,
        table=Table(fields, rows, table.records),
        fields=[doc for doc in resource.fields if doc.name != column],
        schema=schema,
    )


def without_field(meta: dict[str, Any], resource_name: str, column: str) -> dict[str, Any]:
    """The descriptor without ``column`` in ``resource_name``'s schema written in it (a new
    value; a schema kept in a file of its own is rewritten as a file, see
    :mod:`generator.privacy.published_files`)."""
    meta = copy.deepcopy(meta)
    for resource in meta.get("resources", []):
        if not isinstance(resource, dict) or resource.get("name") != resource_name:
            continue
        schema = resource.get("schema")
        if isinstance(schema, dict):
            resource["schema"] = schema_without(schema, column)
    return meta


def schema_without(schema: dict[str, Any], column: str) -> dict[str, Any]:
    """A table schema without the field ``column`` (a new value)."""
    schema = copy.deepcopy(schema)
    schema["fields"] = [
        f for f in schema.get("fields", []) if not (isinstance(f, dict) and f.get("name") == column)
    ]
    for key in ("primaryKey", "uniqueKeys"):
        if schema.get(key) == column:
            del schema[key]
    return schema
