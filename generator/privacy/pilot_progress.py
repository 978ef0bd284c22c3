"""How the pilot goes: the pilot's homes against the rest, by month, at landlord level.

The figures are new aggregates over every home, the homes outside the pilot included (whose
rows are not published), so they are made here, by the gate, through disclosure control,
and the tenant room only shows what comes back (docs/pilot.md, "How the pilot goes"):

- **responses** and satisfaction bands come from the package's ``feedback`` table as
  published: ``odx intake`` made its ``pilot`` and ``rest`` cells under the disclosure
  rules, and the gate checks them (:mod:`generator.privacy.feedback_check`);
- **corrections** (received, share accepted, "not known" fields filled, components whose
  status changed) are counted from the whole ``corrections`` table, by the year a
  correction was decided (``decided_year``; one not decided yet counts in the total only):
  the table publishes no month, as a month with the year would date an event in a
  household (the gate refuses a month column in it). A count of
  fewer than ``threshold`` is withheld, as is a share accepted of fewer than ``threshold``
  decided or one that is (nearly) all or none; months are hidden until no withheld count can
  be worked out from the total of all months (:func:`generator.privacy.suppression.suppress`).
  Counts are rounded to 5 and shares to 5 points. When the package has the
  ``corrections_by_month`` table (``odx intake`` makes it from the private queue under the
  same rules, :mod:`generator.privacy.corrections_month_check` checks it), the figures come
  from it instead, by month received. Only the pilot and the rest are shown:
  the pilot's corrections are published row by row, so a figure for everyone less the
  pilot's would give the rest's exactly.

Per 100 homes divides a rounded count by the homes in the cohort, which the site publishes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.housing.lifespans import assess
from generator.load.package_data import PackageData
from generator.load.table import Table
from generator.privacy.correction_cells import UNDATED, Counted, Shown, correction_cells
from generator.privacy.corrections_month_check import monthly_cells
from generator.privacy.disclosure import ALL, LANDLORD, WITHHELD, withheld_words
from generator.privacy.pilot import PilotOutcome
from generator.privacy.suppression import Tally

PILOT, REST = "pilot", "rest"
COHORTS = (PILOT, REST)
YEAR = re.compile(r"^[0-9]{4}$")
STATUS_FIELDS = ("install_year", "expected_life_years")
WORDS = {  # what the page says of a withheld figure of the corrections, by reason code
    "too-few-responses": "fewer than {t} corrections",
    "too-few-answers": "fewer than {t} corrections decided",
    "same-answer": "all, or nearly all, had the same decision",
    UNDATED: "",
}


@dataclass(frozen=True)
class Figure:
    """One number of the page, or None and the words saying why it is withheld."""

    value: float | None = None
    reason: str = ""


@dataclass
class PilotProgress:
    """The published figures: ``figures[(cohort, period)][measure]``; ``months`` (of the
    responses) and ``years`` (of the corrections: years decided, or months received when
    ``corrections_by`` says so) are ``all`` then every one with data,
    oldest first."""

    homes: dict[str, int]
    months: list[str]
    years: list[str]
    threshold: int
    figures: dict[tuple[str, str], dict[str, Figure]] = field(default_factory=dict)
    corrections_by: str = "Year decided"  # or "Month received", from corrections_by_month

    def figure(self, cohort: str, period: str, measure: str) -> Figure:
        return self.figures.get((cohort, period), {}).get(measure, Figure())


def pilot_progress(package: PackageData, outcome: PilotOutcome, threshold: int) -> PilotProgress:
    """The figures of the pilot page of ``package`` (the whole package as loaded)."""
    portfolio = outcome.portfolio or package
    homes = {PILOT: outcome.members, REST: len(outcome.others)}
    progress = PilotProgress(homes, [], [], threshold)
    months: set[str] = set()
    years: set[str] = set()
    for (cohort, period), numbers in _responses(package, threshold).items():
        progress.figures.setdefault((cohort, period), {}).update(numbers)
        months.add(period)
    monthly = monthly_cells(package)
    if monthly is not None:  # counted by month received from the private queue
        progress.corrections_by = "Month received"
        corrections = in_words(monthly, threshold)
    else:
        corrections = corrections_figures(correction_counts(portfolio, outcome), threshold)
    for (cohort, period), numbers in corrections.items():
        progress.figures.setdefault((cohort, period), {}).update(numbers)
        years.add(period)
    for (cohort, _), numbers in progress.figures.items():
        for measure, per in (
            ("responses", "responses_per_100"),
            ("corrections", "corrections_per_100"),
        ):
            if measure in numbers:
                numbers[per] = per_100(numbers[measure], homes[cohort])
    progress.months = [ALL, *sorted(months - {ALL})]
    progress.years = [ALL, *sorted(years - {ALL, UNDATED})]
    return progress


def per_100(count: Figure, homes: int) -> Figure:
    """A published count per 100 homes, to one decimal place."""
    if count.value is None or homes <= 0:
        return Figure(None, count.reason)
    return Figure(round(100 * count.value / homes, 1))


def _responses(package: PackageData, threshold: int) -> dict[tuple[str, str], dict[str, Figure]]:
    """The landlord-level ``pilot`` and ``rest`` cells of the published feedback table."""
    resource = package.resource("feedback")
    found: dict[tuple[str, str], dict[str, Figure]] = {}
    if resource is None or resource.table is None:
        return found
    for _, row in resource.table.dicts():
        cohort, period = str(row.get("cohort") or ""), str(row.get("period") or "")
        if cohort not in COHORTS or row.get("level") != LANDLORD:
            continue
        reason = str(row.get("withheld_reason") or "")
        if reason:
            words = withheld_words(reason, threshold) if reason in WITHHELD else reason
            found[(cohort, period)] = {
                name: Figure(None, words)
                for name in ("responses", "satisfied", "neither", "dissatisfied")
            }
            continue
        found[(cohort, period)] = {
            "responses": Figure(row.get("responses")),
            "satisfied": Figure(row.get("satisfied_pct")),
            "neither": Figure(row.get("neither_pct")),
            "dissatisfied": Figure(row.get("dissatisfied_pct")),
        }
    return found


def correction_counts(package: PackageData, outcome: PilotOutcome) -> Counted:
    """Count every correction of ``package`` (the whole portfolio) by cohort and period."""
    received: dict[tuple[str, str], int] = defaultdict(int)
    decided: dict[tuple[str, str], Tally] = defaultdict(Tally.zero)
    filled: dict[tuple[str, str], int] = defaultdict(int)
    changed: dict[tuple[str, str], int] = defaultdict(int)
    rows = list(_corrections(package))
    wanted = {str(row.get("home_ref")) for row in rows}
    homes, components = values_of(package, wanted)
    as_of = package.profile.as_of_year if package.profile else 0
    for row in rows:
        ref = str(row.get("home_ref"))
        if ref not in homes:
            continue
        cohort = REST if ref in outcome.others else PILOT
        status = row.get("status")
        for period in (ALL, period_of(row)):
            key = (cohort, period)
            received[key] += 1
            if status in ("accepted", "rejected"):
                decided[key] = decided[key] + Tally.of(0 if status == "accepted" else 1)
            if status != "accepted":
                continue
            was = current_value(row, homes, components)
            filled[key] += was is None
            changed[key] += changes_status(row, homes, components, as_of)
    return Counted(received, decided, filled, changed)


def period_of(row: Mapping[str, Any]) -> str:
    """The year a correction was decided, else undated."""
    year = str(row.get("decided_year") or "").strip()
    return year if YEAR.match(year) else UNDATED


def _corrections(package: PackageData) -> Iterator[dict[str, Any]]:
    resource = package.resource("corrections")
    if resource is None or resource.table is None:
        return
    for _, row in resource.table.dicts():
        yield row


def values_of(
    package: PackageData, refs: set[str]
) -> tuple[dict[str, dict[str, Any]], dict[tuple[str, str], dict[str, Any]]]:
    """The homes (every one, by ref: whose rows exist) and the components of ``refs``.

    Only the rows of ``refs`` become dicts: a portfolio has many more rows than
    corrections."""
    homes: dict[str, dict[str, Any]] = {}
    found = _by_ref(package, "homes")
    if found is not None:
        table, at = found
        for row in table.rows:
            ref = str(row[at])
            homes[ref] = dict(zip(table.fields, row, strict=False)) if ref in refs else {}
    components: dict[tuple[str, str], dict[str, Any]] = {}
    found = _by_ref(package, "components")
    if refs and found is not None:
        table, at = found
        for row in table.rows:
            if str(row[at]) in refs:
                part = dict(zip(table.fields, row, strict=False))
                components[(str(row[at]), str(part.get("component_type")))] = part
    return homes, components


def _by_ref(package: PackageData, name: str) -> tuple[Table, int] | None:
    """The table ``name`` of ``package`` and the position of its home_ref column, if both
    exist."""
    resource = package.resource(name)
    table = resource.table if resource is not None else None
    at = table.index("home_ref") if table is not None else None
    return None if table is None or at is None else (table, at)


def current_value(row: Mapping[str, Any], homes: Mapping, components: Mapping) -> Any:
    """The corrected field's value in the data (None when not known)."""
    ref, name = str(row.get("home_ref")), str(row.get("field"))
    if row.get("resource") == "components":
        found = components.get((ref, str(row.get("component_type"))), {})
    else:
        found = homes.get(ref, {})
    value = found.get(name)
    return None if value in (None, "", "unknown") else value


def changes_status(row: Mapping[str, Any], homes: Mapping, components: Mapping, as_of: int) -> bool:
    """Whether an accepted correction of a component's install year or life changes its
    status (OK, due within 5 years, overdue, not known) as the home page shows it."""
    if row.get("resource") != "components" or row.get("field") not in STATUS_FIELDS:
        return False
    ref, kind = str(row.get("home_ref")), str(row.get("component_type"))
    part = components.get((ref, kind))
    if part is None:
        return False
    try:
        proposed = int(str(row.get("proposed_value")).strip())
    except ValueError:
        return False
    home_type = homes.get(ref, {}).get("property_type")
    values = {name: _integer(part.get(name)) for name in STATUS_FIELDS}
    before = assess(kind, home_type, values["install_year"], values["expected_life_years"], as_of)
    values[str(row.get("field"))] = proposed
    after = assess(kind, home_type, values["install_year"], values["expected_life_years"], as_of)
    return before.status != after.status


def _integer(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def corrections_figures(
    counted: Counted, threshold: int
) -> dict[tuple[str, str], dict[str, Figure]]:
    """The published figures of the corrections, under the disclosure rules
    (:func:`generator.privacy.correction_cells.correction_cells`), in words."""
    return in_words(correction_cells(counted, threshold), threshold)


def in_words(
    cells: Mapping[tuple[str, str], Mapping[str, Shown]], threshold: int
) -> dict[tuple[str, str], dict[str, Figure]]:
    """Figures with the words of why each withheld one is."""
    return {
        key: {
            measure: Figure(shown.value, _words(shown.reason, threshold))
            for measure, shown in measures.items()
        }
        for key, measures in cells.items()
    }


def _words(reason: str | None, threshold: int) -> str:
    if not reason:
        return ""
    if reason in WORDS:
        return WORDS[reason].format(t=threshold)
    return withheld_words(reason, threshold)
