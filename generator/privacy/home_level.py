"""Packages that are not ODX, screened all the same, and the facts about a home that sit
outside the homes table: both would escape the k-anonymity check."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.housing.data_model import contract_schemas
from generator.load.findings import Finding, report
from generator.load.package_data import PackageData, ResourceData
from generator.privacy.cell_rules import cell_rule
from generator.privacy.columns import LOCATION_WORDS, banned_column, column_words, is_id_column
from generator.privacy.descriptor_texts import descriptor_text
from generator.privacy.home_tables import judge_table, named_facts
from generator.privacy.kanonymity import QUASI_IDENTIFIERS
from generator.privacy.screening import NON_IDENTIFYING, declared_fields, weak_declarations


def generic_cell_rule(
    column: str, kind: str, value: Any, reviewed: bool, declared: bool
) -> str | None:
    """What is wrong with one cell of a package that is not ODX (rules 2 and 6), or None.
    ``declared``: the field says ``"odx:non-identifying": "<reason>"``."""
    return cell_rule(
        column,
        kind,
        value,
        years_only=False,
        cost=False,
        reviewed=reviewed,
        ids_allowed=declared,
    )


def generic_column_judged(column: str, kind: str, declared: bool) -> bool:
    """Whether any rule can find something in a column of this name and type of a package
    that is not ODX (numbers: only ids and coordinates; years, booleans, dates: nothing)."""
    if kind in ("year", "boolean", "date", "datetime", "time", "yearmonth", "duration"):
        return False
    if kind in ("integer", "number"):
        if declared:
            return False
        return is_id_column(column) or (
            kind == "number" and bool(LOCATION_WORDS.intersection(column_words(column)))
        )
    return True


def screen_generic(package: PackageData, config: SiteConfig, problems: Problems) -> None:
    """Every package is screened, ODX or not (rule 9): banned columns, personal data in cells
    (read while the table was validated), free text nobody reviewed, the descriptor's texts,
    declarations whose reasons say nothing, and tables that hold data about individual homes
    without declaring the ODX profile."""
    findings: list[Finding] = []
    for resource in package.resources:
        names = [doc.name for doc in resource.fields]
        for name in names:
            why = banned_column(resource.name, name)
            if why:
                findings.append(Finding(resource.name, None, name, why))
        findings.extend(declaration_findings(resource))
        read = resource.summary is not None and resource.summary.row_count > 0
        home_level = None if read else judge_table(names, named_facts(names))
        if home_level:  # no rows were read (the screen judged those that were): the names
            findings.append(Finding(resource.name, None, home_level.column, home_level.message))
        findings.extend(
            Finding(resource.name, record, column, problem)
            for record, column, problem in resource.screened
        )
    report(findings, package, config, problems)
    descriptor_text(package, config, problems)


def declaration_findings(
    resource: ResourceData, skip: frozenset[str] = frozenset()
) -> list[Finding]:
    """The fields of ``resource`` (but ``skip``) declared non-identifying with a reason that
    says nothing, each at its line in the descriptor."""
    return [
        Finding(resource.name, None, column, problem)
        for column, problem in weak_declarations(resource.schema.get("fields", []))
        if column not in skip
    ]


def home_facts_beside_the_homes(package: PackageData) -> Iterator[Finding]:
    """Columns that sit beside a home reference outside the homes table and outside the data
    model (an extra column of components, any resource of one's own, whatever its key is
    called): each is a fact about a home that the k-anonymity check would not count, so it
    must move to the homes table or be declared non-identifying with the reason."""
    model = contract_schemas()
    for resource in package.resources:
        if resource.name == "homes" or resource.table is None:
            continue
        names = list(resource.table.fields)
        extra_resource = resource.name not in model
        if "home_ref" not in names and not extra_resource:
            continue  # a model table without home refs (the satisfaction measures)
        known = {str(f.get("name")) for f in model.get(resource.name, {}).get("fields", [])} | {
            "home_ref"
        }
        declared = declared_fields(resource.schema.get("fields", []))[0]
        declare = f'"{NON_IDENTIFYING}": "<the reason it cannot single out a home>"'
        problem = (
            "a column beside home_ref is a fact about a home, which the k-anonymity check "
            f"counts only in the homes table; move it there, or declare it {declare}"
            if "home_ref" in names
            else "a column of a table of your own is a fact about a home as far as the privacy "
            "gate can tell, whatever the table's key is called, and the k-anonymity check "
            "counts facts about a home only in the homes table; if it is one, move it there; "
            f"if not, declare it {declare}"
        )
        for column in names:
            if column in QUASI_IDENTIFIERS and column in declared:
                declared.discard(column)  # the model's quasi-identifiers cannot be declared
            if column not in known and column not in declared:
                yield Finding(resource.name, None, column, problem)
