"""k-anonymity: the quasi-identifiers of a home and the size of each group of homes that share
them (anonymisation rules v0.2, rule 4)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from generator.load.findings import Finding
from generator.load.package_data import PackageData, ResourceData
from generator.load.table import Table
from generator.privacy.coarsening import Coarsening, coarsen, group_key
from generator.privacy.pilot import PilotOutcome
from generator.privacy.screening import NON_IDENTIFYING, reason_problem

# Every home attribute the site publishes that a public source also gives (the EPC register
# publishes type, built form, age band, heating, band and lodgement date with the address; a
# look from the street gives the type, form and often the age): anonymisation rules v0.2,
# rule 4. Any other column of the homes table counts too, unless declared non-identifying.
QUASI_IDENTIFIERS = (
    "local_authority_code",
    "postcode_sector",
    "property_type",
    "built_form",
    "bedrooms",
    "build_period",
    "heating_type",
    "rent_type",
    "epc_band",
    "epc_lodgement_year",
)
# The homes columns of the data model that no public source holds: a random publication
# reference, a random block reference, the landlord's own assessment and survey year.
NOT_QUASI_IDENTIFIERS = frozenset({"home_ref", "block_ref", "dhs_status", "last_survey_year"})


def quasi_identifiers(
    homes: ResourceData,
) -> tuple[tuple[str, ...], list[tuple[str, str]], list[Finding]]:
    """The quasi-identifiers of a homes table: the model's that it has, then every other
    column but the model's non-identifying ones and those the schema declares
    ``"odx:non-identifying": "<reason>"`` with a reason that says something. Also returns
    the declared (column, reason) pairs and the model's quasi-identifiers wrongly declared (a
    reason that says nothing is reported with those of every table, by the gate)."""
    table = homes.table
    names = list(table.fields) if table is not None else [doc.name for doc in homes.fields]
    declared: list[tuple[str, str]] = []
    findings: list[Finding] = []
    given = {
        str(f.get("name")): f[NON_IDENTIFYING]
        for f in homes.schema.get("fields", [])
        if isinstance(f, dict) and NON_IDENTIFYING in f
    }
    for column, reason in given.items():
        if column in QUASI_IDENTIFIERS:
            findings.append(
                Finding(
                    "homes",
                    None,
                    column,
                    f"{column} is a quasi-identifier of the data model (a public register "
                    f"also gives it) and cannot be declared non-identifying; remove "
                    f'"{NON_IDENTIFYING}", and set odx.coarsen: true if its groups are too small',
                )
            )
        elif reason_problem(column, reason) is None and column in names:
            declared.append((column, " ".join(reason.split())))
    exempt = NOT_QUASI_IDENTIFIERS | {column for column, _ in declared}
    model = [name for name in QUASI_IDENTIFIERS if name in names]
    extra = [name for name in names if name not in QUASI_IDENTIFIERS and name not in exempt]
    return (*model, *extra), declared, findings


def group_sizes(
    homes: Table, columns: tuple[str, ...] = QUASI_IDENTIFIERS
) -> tuple[Counter[tuple[Any, ...]], dict[tuple[Any, ...], list[int]]]:
    """How many homes share each combination of ``columns``, and their rows."""
    positions = [homes.index(name) for name in columns]
    sizes: Counter[tuple[Any, ...]] = Counter()
    members: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for record, row in zip(homes.records, homes.rows, strict=True):
        group = group_key(row, positions)
        sizes[group] += 1
        members[group].append(record)
    return sizes, members


def describe_group(group: tuple[Any, ...], columns: tuple[str, ...] = QUASI_IDENTIFIERS) -> str:
    """A group of quasi-identifier values as readable text."""
    return ", ".join(
        f"{name}={'(empty)' if value is None else value}"
        for name, value in zip(columns, group, strict=True)
    )


def k_anonymity(
    package: PackageData, privacy: PackagePrivacy, allow_coarsen: bool
) -> tuple[list[Finding], dict[str, Table]]:
    """The k-anonymity findings about ``package``'s homes, recorded in ``privacy``; with
    ``allow_coarsen``, small groups are coarsened instead, and the tables as published
    (by resource name; only those coarsening changed) come back with the findings."""
    homes = package.resource("homes")
    if homes is None or homes.table is None:
        return [], {}
    columns, privacy.declared, findings = quasi_identifiers(homes)
    privacy.quasi_identifiers = columns
    sizes, members = group_sizes(homes.table, columns)
    privacy.group_sizes = sizes
    small = privacy.small_groups
    if not small:
        return findings, {}
    if allow_coarsen:
        as_of = package.profile.as_of_year if package.profile else dt.date.today().year
        privacy.coarsening, published = coarsen(package, privacy.k, columns, as_of)
        for name, records in privacy.coarsening.withheld.items():
            privacy.withheld[name] |= records
        privacy.published_group_sizes = group_sizes(published.get("homes", homes.table), columns)[0]
        return findings, published
    for group, size in small:
        group_records = members[group]
        findings.append(
            Finding(
                "homes",
                group_records[0],
                "k-anonymity",
                f"only {size} home{'s' if size != 1 else ''} share {privacy.describe(group)} "
                f"(k={privacy.k} needed; rows {_rows_text(group_records)}): so few homes can "
                "identify a household; set odx.coarsen: true in mkdocs.yml to coarsen "
                "published values, or correct the data",
            )
        )
    return findings, {}


def _rows_text(records: list[int]) -> str:
    shown = ", ".join(str(r) for r in records[:5])
    return shown + (f" and {len(records) - 5} more" if len(records) > 5 else "")


@dataclass
class PackagePrivacy:
    """What the gate decided for one package, for the pages and ``odx privacy-report``."""

    k: int
    quasi_identifiers: tuple[str, ...] = QUASI_IDENTIFIERS
    declared: list[tuple[str, str]] = field(default_factory=list)  # (column, reason)
    group_sizes: Counter[tuple[Any, ...]] = field(default_factory=Counter)
    withheld: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    withheld_notes: list[tuple[str, str]] = field(default_factory=list)  # (resource, text)

    def notes(self, resource: str | None = None) -> list[str]:
        """What was withheld and why, for one resource or all."""
        return [text for name, text in self.withheld_notes if resource in (None, name)]

    def declared_notes(self) -> list[str]:
        """The homes columns the landlord declared non-identifying, with the reason given."""
        return [
            f"The column {column} is published as it is: the landlord declares that it cannot "
            f"single out a home ({reason.rstrip('.')})."
            for column, reason in self.declared
        ]

    def describe(self, group: tuple[Any, ...]) -> str:
        """A group of quasi-identifier values as readable text."""
        return describe_group(group, self.quasi_identifiers)

    coarsening: Coarsening | None = None
    pilot: PilotOutcome | None = None  # with odx.pilot: the homes published home by home
    published_group_sizes: Counter[tuple[Any, ...]] | None = None

    @property
    def small_groups(self) -> list[tuple[tuple[Any, ...], int]]:
        """Quasi-identifier groups below k, smallest first."""
        return sorted(
            ((group, size) for group, size in self.group_sizes.items() if size < self.k),
            key=lambda item: (item[1], [str(v) for v in item[0]]),
        )
