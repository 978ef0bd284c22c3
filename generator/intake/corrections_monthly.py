"""Corrections by month, published safely: ``corrections_by_month.csv`` remade from the
private queue after every run of ``odx intake`` and ``odx review``.

The published ``corrections.csv`` gives the year a correction was decided and no month (a
month beside a row would date an event in a household). The private folder knows the month
each correction was received, so the monthly figures are made here, as aggregates, through
the same disclosure rules as the pilot page's figures by year
(:func:`generator.privacy.correction_cells.correction_cells`): for each cohort and month
received, and for all months, corrections received, the share of decided ones accepted, and
of accepted ones the "not known" fields filled and the components whose status changed
(:func:`generator.privacy.pilot_progress.changes_status`, the one rule the pilot page uses).
With ``odx.pilot`` the cohorts are ``pilot`` (its homes chosen as the build chooses them)
and ``rest``, never everyone beside them; without it, ``all``. Corrections waiting in the
queue count as received; a decision kept before the month received was recorded counts in
all months only. A field counts as "not known" filled when it was empty in the package data
when the correction was accepted (``odx review`` records it); for a decision kept before
that was recorded, when it is empty in the data now.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.intake import private
from generator.intake.feedback import PILOT, REST, text_of, write_resource
from generator.load.package_data import PackageData
from generator.privacy.correction_cells import SHARE, UNDATED, Counted, Shown, correction_cells
from generator.privacy.disclosure import ALL
from generator.privacy.pilot import pilot_members
from generator.privacy.pilot_progress import changes_status, current_value, values_of
from generator.privacy.suppression import Tally

RESOURCE = "corrections_by_month"
FILE = "corrections_by_month.csv"
TITLE = "Corrections by month"
FIELDS = ("cohort", "period", "measure", "value", "withheld_reason")
MEASURES = {  # the measure of correction_cells -> its name in the file
    "corrections": "received",
    SHARE: "accepted-pct",
    "filled": "not-known-filled",
    "status_changed": "status-changed",
}
MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")
NOT_KNOWN = "was_not_known"  # the column of decisions.csv: yes, no, or empty (not recorded)


def publish_corrections(
    config: SiteConfig, packages: list[PackageData], problems: Problems
) -> list[str]:
    """Write every ODX package's ``corrections_by_month.csv`` (those with corrections in the
    private folder, or already listing the resource); return what was written, as notes."""
    folder = config.root / config.odx.responses_dir
    by_package: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in private.read(folder, private.QUEUE):
        by_package[row["package"]].append({**row, "status": "submitted"})
    for row in private.read(folder, private.DECIDED):
        by_package[row["package"]].append(row)
    notes: list[str] = []
    threshold = config.odx.feedback_threshold
    for package in packages:
        if package.profile is None:
            continue
        rows = by_package.get(package.name, [])
        if not rows and package.resource(RESOURCE) is None:
            continue
        members = pilot_members(package, config.odx.pilot) if config.odx.pilot else None
        counted = monthly_counts(package, rows, members, config.odx.k_anonymity)
        cells = correction_cells(counted, threshold)
        lines = list(published_rows(cells))
        text = text_of(lines, FIELDS)
        path = write_resource(package, text, config, problems, (RESOURCE, FILE, TITLE))
        if path is not None:
            shown = sum(1 for line in lines if not line["withheld_reason"])
            notes.append(
                f"{config.relative(path)}: {shown} of {len(lines)} figures of corrections by "
                f"month published (at least {threshold} corrections each)"
            )
    return notes


def monthly_counts(
    package: PackageData,
    rows: Iterable[Mapping[str, str]],
    members: frozenset[str] | None,
    k: int = 0,
) -> Counted:
    """The true counts of ``rows`` (queued and decided corrections of ``package``) by cohort
    and month received; ``members`` are the pilot's homes (None: no pilot, one cohort). A
    cohort whose months would date its homes' corrections (:func:`dating`, with ``k``) is
    counted in all months only."""
    rows = [row for row in rows if row.get("package") == package.name]
    homes, components = values_of(package, {row.get("home_ref", "") for row in rows})
    rows = [row for row in rows if row.get("home_ref", "") in homes]
    cohort_of = {
        ref: ALL if members is None else PILOT if ref in members else REST
        for ref in {row.get("home_ref", "") for row in rows}
    }
    undated = dating(rows, cohort_of, k)
    as_of = package.profile.as_of_year if package.profile else 0
    received: dict[tuple[str, str], int] = defaultdict(int)
    decided: dict[tuple[str, str], Tally] = defaultdict(Tally.zero)
    filled: dict[tuple[str, str], int] = defaultdict(int)
    changed: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:  # a home no longer in the package: nothing to say of it
        cohort = cohort_of[row.get("home_ref", "")]
        month = "" if cohort in undated else row.get("month", "")
        status = row.get("status")
        for key in ((cohort, ALL), (cohort, month if MONTH.match(month) else UNDATED)):
            received[key] += 1
            if status in ("accepted", "rejected"):
                decided[key] = decided[key] + Tally.of(0 if status == "accepted" else 1)
            if status != "accepted":
                continue
            filled[key] += was_not_known(row, homes, components)
            changed[key] += changes_status(row, homes, components, as_of)
    return Counted(received, decided, filled, changed)


def dating(rows: Iterable[Mapping[str, str]], cohort_of: Mapping[str, str], k: int) -> set[str]:
    """The cohorts whose months would date their homes' corrections, which are published row
    by row with the home and the year decided: all received in one month, or those decided
    in a year in the only month listed by then (each is dated), or sent from fewer than
    ``k`` homes (a month then tells of one of a few known households)."""
    months: dict[str, set[str]] = defaultdict(set)
    senders: dict[str, set[str]] = defaultdict(set)
    years: dict[str, set[str]] = defaultdict(set)  # the years corrections were decided
    for row in rows:
        cohort = cohort_of[row.get("home_ref", "")]
        senders[cohort].add(row.get("home_ref", ""))
        if MONTH.match(row.get("month", "")):
            months[cohort].add(row.get("month", ""))
        if MONTH.match(row.get("decided_month", "")):
            years[cohort].add(row.get("decided_month", "")[:4])

    def by_then(cohort: str, year: str) -> int:
        return sum(month <= f"{year}-12" for month in months[cohort])

    return {
        c
        for c in senders
        if len(months[c]) < 2
        or len(senders[c]) < max(k, 2)
        or any(by_then(c, year) < 2 for year in years[c])
    }


def was_not_known(row: Mapping[str, str], homes: Mapping, components: Mapping) -> bool:
    """Whether the corrected field was "not known" when the correction was accepted: as
    recorded then, else as the data gives it now."""
    recorded = row.get(NOT_KNOWN, "")
    if recorded in ("yes", "no"):
        return recorded == "yes"
    return current_value(row, homes, components) is None


def published_rows(
    cells: Mapping[tuple[str, str], Mapping[str, Shown]],
) -> Iterator[dict[str, Any]]:
    """The rows of the file: every cohort, all months then each month, every measure."""
    keys = sorted(
        (key for key in cells if key[1] != UNDATED), key=lambda k: (k[0], k[1] != ALL, k[1])
    )
    for cohort, period in keys:
        for measure, name in MEASURES.items():
            shown = cells[(cohort, period)].get(measure)
            if shown is None:  # no decision yet: no share
                continue
            yield {
                "cohort": cohort,
                "period": period,
                "measure": name,
                "value": "" if shown.value is None else str(shown.value),
                "withheld_reason": shown.reason,
            }
