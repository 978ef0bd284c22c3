"""The privacy gate's check of a published ``corrections_by_month`` table.

``odx intake`` and ``odx review`` make the table through disclosure control
(:mod:`generator.privacy.correction_cells`); the build checks it again, so that a file
edited by hand, or made by another tool, is refused rather than published. A withheld row
gives no number and says why. A published count is rounded to 5 and is none or at least the
threshold (less what rounding moves); a published share is rounded to 5 points and is
neither 0 nor 100 (all decisions the same). A month and all months of the same cohort and
measure differ not at all or by more than rounding could hide under the threshold, and all
months less the published months does not surely leave fewer than the threshold. Cohorts are
``pilot`` and ``rest``, or ``all`` alone: never everyone beside the pilot. A period is all
months or a month received by now; a cohort with months has more than one (one alone would
date each of its corrections, which are published row by row). The table has its columns
and no other: a column added by hand could carry a home or a day.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from generator.load.findings import Finding
from generator.load.package_data import PackageData
from generator.privacy.correction_cells import Shown
from generator.privacy.disclosure import ALL
from generator.privacy.feedback_check import unexpected_columns

RESOURCE = "corrections_by_month"
SHARE = "accepted-pct"
ROUNDING = 2  # the most rounding to 5 moves a count
FIELDS = ("cohort", "period", "measure", "value", "withheld_reason")
MONTH = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


def corrections_month_findings(package: PackageData, threshold: int) -> Iterator[Finding]:
    """What breaks the disclosure rules in the package's ``corrections_by_month`` table."""
    resource = package.resource(RESOURCE)
    if resource is None or resource.table is None:
        return
    yield from unexpected_columns(resource, FIELDS, "corrections by month")
    rows = list(resource.table.dicts())
    cohorts = {str(row.get("cohort") or "") for _, row in rows}
    months: dict[str, dict[str, int]] = defaultdict(dict)  # cohort -> month -> first record
    now = datetime.date.today().strftime("%Y-%m")
    counts: dict[tuple[str, str], dict[str, tuple[int, int]]] = defaultdict(dict)
    for record, row in rows:
        cohort, period, measure = (str(row.get(f) or "") for f in ("cohort", "period", "measure"))
        if cohort == ALL and cohorts & {"pilot", "rest"}:
            yield Finding(
                RESOURCE,
                record,
                "cohort",
                "'all' beside 'pilot' and 'rest' would give each from the other by "
                "subtraction; remove the rows of everyone (odx intake makes none)",
            )
            continue
        if period != ALL and (not MONTH.match(period) or period > now):
            yield Finding(
                RESOURCE,
                record,
                "period",
                f"{period!r} is not a month received by now; give all, or a month YYYY-MM",
            )
            continue
        if period != ALL:
            months[cohort].setdefault(period, record)
        problem = _row_problem(row, measure, threshold)
        if problem is not None:
            yield Finding(RESOURCE, record, "value", problem)
            continue
        if measure != SHARE and not row.get("withheld_reason"):
            counts[(cohort, measure)][period] = (record, int(row["value"]))
    for cohort, alone in months.items():
        if len(alone) == 1:
            ((month, record),) = alone.items()
            yield Finding(
                RESOURCE,
                record,
                "period",
                f"{month} is the only month of cohort {cohort!r}, so each of its corrections "
                "(published row by row) was received then; remove the rows of the month",
            )
    for periods in counts.values():
        yield from _differences(periods, threshold)


def _row_problem(row: dict[str, Any], measure: str, threshold: int) -> str | None:
    value = row.get("value")
    if row.get("withheld_reason"):
        return None if value is None else "a withheld row gives no figure; leave it empty"
    if value is None:
        return "empty in a published row; give it, or say why it is withheld"
    if value % 5:
        return f"{value} is not rounded to 5, as every published figure is"
    if measure == SHARE and value in (0, 100):
        return (
            f"{value}: all, or nearly all, decisions were the same, which would tell each "
            "one; withhold the row and say so in withheld_reason"
        )
    if measure != SHARE and value + ROUNDING < threshold:
        return (
            f"{value} is fewer than {threshold} (feedback_threshold): a count this small, "
            "none included, is withheld"
        )
    return None


def _differences(periods: dict[str, tuple[int, int]], threshold: int) -> Iterator[Finding]:
    """Months whose published counts give away fewer than the threshold against all months."""
    if ALL not in periods:
        return
    total = periods[ALL][1]
    months = {p: v for p, v in periods.items() if p != ALL}
    for record, value in sorted(months.values()):
        difference = total - value
        if difference > 0 and difference + 2 * ROUNDING < threshold:
            yield Finding(
                RESOURCE,
                record,
                "value",
                f"differs from all months by {difference}, so fewer than {threshold} "
                "corrections in the other months could be worked out; withhold one of the two",
            )
    left = total - sum(value for _, value in months.values())
    slack = ROUNDING * (len(months) + 1)
    if months and slack < left and left + slack < threshold:  # surely some, surely few
        record = periods[ALL][0]
        yield Finding(
            RESOURCE,
            record,
            "value",
            f"all months less the published months leaves {left}, so fewer than {threshold} "
            "corrections of the withheld months could be worked out; withhold another month",
        )


MEASURES = {  # the measure in the file -> the measure of correction_cells
    "received": "corrections",
    SHARE: "accepted_pct",
    "not-known-filled": "filled",
    "status-changed": "status_changed",
}


def monthly_cells(package: PackageData) -> dict[tuple[str, str], dict[str, Shown]] | None:
    """The ``pilot`` and ``rest`` figures of the package's ``corrections_by_month`` table
    as published (checked above), by (cohort, month received); None without the table."""
    resource = package.resource(RESOURCE)
    if resource is None or resource.table is None:
        return None
    cells: dict[tuple[str, str], dict[str, Shown]] = defaultdict(dict)
    for _, row in resource.table.dicts():
        cohort, period = str(row.get("cohort") or ""), str(row.get("period") or "")
        measure = MEASURES.get(str(row.get("measure") or ""))
        if cohort not in ("pilot", "rest") or measure is None:
            continue
        value = row.get("value")
        reason = str(row.get("withheld_reason") or "")
        cells[(cohort, period)][measure] = Shown(None if reason else value, reason)
    return dict(cells)
