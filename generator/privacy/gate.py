"""The privacy gate: nothing published may identify a person or an address.

The rules are the normative anonymisation rules of the ODX data model (housing-data.md, §6).
Every ODX package is checked in full after validation; each breach is a located
:class:`~generator.load.findings.Finding` whose message says how to fix it, and any breach stops
the build. Two rules do not stop it: TSM rows from fewer than :data:`MIN_RESPONDENTS`
respondents, at any level, are withheld from the site (and said to be), and with the
opt-in ``coarsen`` option small k-anonymity groups are coarsened instead of refused (see
:mod:`generator.privacy.coarsening`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.core.workers import aside
from generator.load.findings import Finding, report
from generator.load.package_data import PackageData
from generator.load.summary import TableSummary, summarise_rows
from generator.load.table import Table
from generator.load.validation_cache import ValidationCache
from generator.privacy.corrections_month_check import corrections_month_findings
from generator.privacy.descriptor_texts import descriptor_text
from generator.privacy.feedback_check import feedback_findings
from generator.privacy.home_level import (
    declaration_findings,
    home_facts_beside_the_homes,
    screen_generic,
)
from generator.privacy.kanonymity import QUASI_IDENTIFIERS, PackagePrivacy, k_anonymity
from generator.privacy.pilot import select_pilot
from generator.privacy.pilot_gate import areas_as_published, pilot_fits
from generator.privacy.pilot_progress import pilot_progress
from generator.privacy.table_rules import (
    in_package_order,
    rule_findings,
    two_shares,
    worth_forking,
)

MIN_RESPONDENTS = 10


@dataclass(frozen=True)
class PublishedView:
    """What the privacy gate lets through, for the site model: every package as it is
    published (an ODX package's tables and summaries as coarsening and withholding left
    them; a package the gate changed nothing of is the very package loaded), and what was
    decided per ODX package, by slug. The loaded packages are never changed."""

    packages: list[PackageData]
    privacy: dict[str, PackagePrivacy]


def check_privacy(
    packages: Iterable[PackageData],
    config: SiteConfig,
    problems: Problems,
    cache: ValidationCache | None = None,
    jobs: int | None = None,
) -> PublishedView:
    """Run every rule on every package; breaches go to ``problems``.

    Returns the published view: each package as published, and what was decided per ODX
    package (group sizes, withheld rows, coarsening). With a ``cache``, a package that
    passed with the same content and options before is not judged again: its decision and
    its re-made summaries are taken from the cache. ``jobs`` is how many processes may
    share the work (default: one per core).
    """
    published: list[PackageData] = []
    outcome: dict[str, PackagePrivacy] = {}
    packages = list(packages)
    pilot = config.odx.pilot
    if pilot is not None and not pilot_fits(packages, config, problems):
        return PublishedView(packages, {})
    for package in packages:
        if package.profile is None:
            screen_generic(package, config, problems)
            published.append(package)
            continue
        selection = select_pilot(package, pilot) if pilot is not None else None
        if selection is not None:
            cache = None  # what the pilot leaves out is made again every build
        stored = _cached_decision(package, cache)
        if stored is not None:
            outcome[package.slug], summaries = stored
            published.append(_as_published(package, {}, summaries))
            continue
        before = len(problems)
        privacy = PackagePrivacy(k=config.odx.k_anonymity)
        # The cell rules read every cell: a large package has a share of its tables judged
        # by another process while this one makes the rest of the decision, then the rest.
        fork = worth_forking(package, jobs)
        there, here = two_shares(package) if fork else (None, [])
        with aside(partial(rule_findings, package, there), fork) as cells:
            findings = _declaration_findings(package)
            findings.extend(home_facts_beside_the_homes(package))
            judged = package
            if selection is not None:  # k-anonymity over the homes published home by home
                judged, privacy.pilot = selection.package, selection.outcome
                threshold = config.odx.feedback_threshold
                privacy.pilot.progress = pilot_progress(package, selection.outcome, threshold)
                for name, records in selection.withheld.items():
                    privacy.withheld[name] |= records
            found, tables = k_anonymity(judged, privacy, config.odx.coarsen)
            if selection is not None:
                areas_as_published(privacy)
            findings.extend(found)
            findings.extend(feedback_findings(package, config.odx.feedback_threshold))
            findings.extend(corrections_month_findings(package, config.odx.feedback_threshold))
            _small_cells(package, privacy)
            _identifying_corrections(package, privacy)
            cell_findings = rule_findings(package, here) if here else []
            findings = in_package_order(package, cells() + cell_findings) + findings
        report(findings, package, config, problems)
        descriptor_text(package, config, problems)
        summaries = _published_summaries(judged, privacy, tables, config.odx.preview_rows)
        outcome[package.slug] = privacy
        published.append(_as_published(judged, tables, summaries))
        if cache is not None and package.content_key and len(problems) == before:
            _remember_decision(package, privacy, summaries, cache)
    return PublishedView(published, outcome)


def _as_published(
    package: PackageData, tables: dict[str, Table], summaries: dict[str, TableSummary]
) -> PackageData:
    """``package`` with the tables and summaries the gate changed (a new value; the package
    itself stays as loaded), or the package itself when nothing changed."""
    if not tables and not summaries:
        return package
    resources = [
        replace(
            resource,
            table=tables.get(resource.name, resource.table),
            summary=summaries.get(resource.name, resource.summary),
        )
        for resource in package.resources
    ]
    return replace(package, resources=resources)


def _remember_decision(
    package: PackageData,
    privacy: PackagePrivacy,
    summaries: dict[str, TableSummary],
    cache: ValidationCache,
) -> None:
    """Keep a clean decision for next time, unless coarsening changed the tables themselves
    (those changes are made again rather than stored)."""
    coarsening = privacy.coarsening
    if coarsening and (coarsening.rungs or coarsening.suppressed or coarsening.withheld):
        return
    cache.put(package.folder, package.content_key or "", (privacy, summaries))


def _cached_decision(
    package: PackageData, cache: ValidationCache | None
) -> tuple[PackagePrivacy, dict[str, TableSummary]] | None:
    """What the gate decided for this very package before, with the summaries it re-made."""
    if cache is None or not package.content_key:
        return None
    stored = cache.get(package.folder, package.content_key)
    if stored is None:
        return None
    privacy, summaries = stored
    if any(package.resource(name) is None for name in summaries):
        return None
    return privacy, summaries


def _published_summaries(
    package: PackageData, privacy: PackagePrivacy, tables: dict[str, Table], preview_rows: int
) -> dict[str, TableSummary]:
    """The previews and statistics of the tables the gate changed, made again from what is
    published (by resource name)."""
    changed = {name for name, records in privacy.withheld.items() if records}
    if (privacy.coarsening and privacy.coarsening.rungs) or privacy.pilot:
        changed.add("homes")
    summaries: dict[str, TableSummary] = {}
    for name in changed:
        resource = package.resource(name)
        if resource is None or resource.table is None or resource.summary is None:
            continue
        table = tables.get(name, resource.table)
        hidden = privacy.withheld.get(name, set())
        rows = (
            row
            for record, row in zip(table.records, table.rows, strict=True)
            if record not in hidden
        )
        kinds = {stats.name: stats.type for stats in resource.summary.fields}
        types = [kinds.get(column, "any") for column in table.fields]
        if privacy.coarsening and name == "homes":
            types = [
                "string" if field in privacy.coarsening.changed_columns else kind
                for field, kind in zip(table.fields, types, strict=False)
            ]
        summaries[name] = summarise_rows(table.fields, types, rows, preview_rows)
    return summaries


def _declaration_findings(package: PackageData) -> list[Finding]:
    """Fields declared non-identifying with a reason that says nothing, in every table (the
    model's quasi-identifiers of the homes table aside: they cannot be declared at all, and
    the k-anonymity check says so)."""
    found: list[Finding] = []
    for resource in package.resources:
        skip = frozenset(QUASI_IDENTIFIERS) if resource.name == "homes" else frozenset()
        found.extend(declaration_findings(resource, skip))
    return found


def _identifying_corrections(package: PackageData, privacy: PackagePrivacy) -> None:
    """Withhold corrections to quasi-identifiers: a proposed bedroom count or build period
    for one home would single it out of its group. They reach the site when the landlord
    publishes the corrected homes table."""
    corrections = package.resource("corrections")
    if corrections is None or corrections.table is None:
        return
    table = corrections.table
    resource, field_ = table.index("resource"), table.index("field")
    if resource is None or field_ is None:
        return
    withheld = 0
    identifying = set(privacy.quasi_identifiers)
    for record, row in zip(table.records, table.rows, strict=True):
        if row[resource] == "homes" and row[field_] in identifying:
            privacy.withheld["corrections"].add(record)
            withheld += 1
    if withheld:
        privacy.withheld_notes.append(
            (
                "corrections",
                f"{withheld} correction{'s' if withheld != 1 else ''} to the area, type, built "
                "form, bedrooms, build period, heating, EPC, rent type or another "
                "quasi-identifier "
                f"{'are' if withheld != 1 else 'is'} not published as such: the new value would "
                "single out a home. Home pages say a correction exists; the value shows when the "
                "landlord publishes its corrected data.",
            )
        )


def _small_cells(package: PackageData, privacy: PackagePrivacy) -> None:
    """Withhold TSM rows from fewer than MIN_RESPONDENTS respondents, whenever the respondents
    are given: for an area and for the whole landlord (an empty ``area``) alike, as a small
    landlord's own results come from as few households as a small area's."""
    satisfaction = package.resource("satisfaction")
    if satisfaction is None or satisfaction.table is None:
        return
    table = satisfaction.table
    area, respondents = table.index("area"), table.index("respondents")
    if respondents is None:
        return
    withheld = Counter[str]()
    for record, row in zip(table.records, table.rows, strict=True):
        count = row[respondents]
        if isinstance(count, int) and not isinstance(count, bool) and count < MIN_RESPONDENTS:
            privacy.withheld["satisfaction"].add(record)
            withheld["area" if area is not None and row[area] else "landlord"] += 1
    if withheld:
        privacy.withheld_notes.append(("satisfaction", _small_cells_note(withheld)))


def _small_cells_note(withheld: Counter[str]) -> str:
    """What the satisfaction page says about the results :func:`_small_cells` withheld."""
    total = sum(withheld.values())
    where = {"area": "for small areas", "landlord": "for the landlord as a whole"}
    parts = [f"{withheld[kind]} {where[kind]}" for kind in ("area", "landlord") if withheld[kind]]
    if len(parts) == 1:
        (kind,) = [kind for kind in ("area", "landlord") if withheld[kind]]
        counted = f"{total} satisfaction result{'s' if total != 1 else ''} {where[kind]}"
    else:
        counted = f"{total} satisfaction results ({' and '.join(parts)})"
    return (
        f"{counted} {'were' if total != 1 else 'was'} withheld: fewer than {MIN_RESPONDENTS} "
        "tenants answered, so answers could be traced to a household."
    )
