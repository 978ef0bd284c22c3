"""The privacy gate's check of a published ``feedback`` table (what tenants say).

``odx intake`` makes the table through disclosure control
(:mod:`generator.privacy.disclosure`); the build checks it again, so that a file edited by
hand, or made by another tool, is refused rather than published. Each published row must
come from at least the threshold of responses, be rounded to 5 (responses and shares), not
show one answer for (nearly) everyone (a share of 100), and differ from an overlapping row
(the same area in all months and in one month, or for all tenants and for a cohort) either
not at all or by more than rounding could hide under the threshold. A withheld row gives
no number and says why. The table has its columns and no other.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.load.findings import Finding
from generator.load.package_data import PackageData, ResourceData
from generator.privacy.disclosure import ALL, FIELDS

SHARES = ("satisfied_pct", "neither_pct", "dissatisfied_pct")
NUMBERS = ("responses", *SHARES)
ROUNDING = 2  # the most rounding to 5 moves a count


def feedback_findings(package: PackageData, threshold: int) -> Iterator[Finding]:
    """What breaks the disclosure rules in the package's ``feedback`` table."""
    resource = package.resource("feedback")
    if resource is None or resource.table is None:
        return
    yield from unexpected_columns(resource, FIELDS, "what tenants say")
    published: dict[tuple[Any, ...], tuple[int, int]] = {}  # cell -> (record, responses)
    for record, row in resource.table.dicts():
        problem = _row_problem(row, threshold)
        if problem is not None:
            yield Finding("feedback", record, problem[0], problem[1])
            continue
        if not row.get("withheld_reason"):
            key = tuple(row.get(f) or "" for f in FIELDS_OF_CELL)
            published[key] = (record, row["responses"])
    yield from _differences(published, threshold)


def unexpected_columns(
    resource: ResourceData, columns: tuple[str, ...], what: str
) -> Iterator[Finding]:
    """A finding for each column of an aggregate made by ``odx intake`` that it never makes:
    one added by hand could carry a home, a day or a comment."""
    for extra in (f.name for f in resource.fields if f.name not in columns):
        yield Finding(
            resource.name,
            None,
            extra,
            f"not a column of {what}, whose columns are {', '.join(columns)}; remove it "
            "(odx intake makes none)",
        )


FIELDS_OF_CELL = ("cohort", "period", "level", "local_authority_code", "postcode_sector")


def _row_problem(row: dict[str, Any], threshold: int) -> tuple[str, str] | None:
    numbers: dict[str, Any] = {name: row.get(name) for name in NUMBERS}
    if row.get("withheld_reason"):
        given = [name for name, value in numbers.items() if value is not None]
        if given or row.get("top_improvements"):
            name = given[0] if given else "top_improvements"
            return name, "a withheld row gives no figures; leave them empty (odx intake does)"
        return None
    missing = [name for name, value in numbers.items() if value is None]
    if missing:
        return missing[0], "empty in a published row; give it, or say why the row is withheld"
    responses = numbers["responses"]
    if responses < threshold:
        return "responses", (
            f"{responses} is fewer than {threshold} (feedback_threshold): a cell this small "
            "is withheld, its shares included"
        )
    wrong = [name for name, value in numbers.items() if value % 5]
    if wrong:
        return wrong[0], f"{numbers[wrong[0]]} is not rounded to 5, as every published figure is"
    whole = [name for name in SHARES if numbers[name] == 100]
    if whole:
        return whole[0], (
            "100: everyone, or nearly everyone, gave the same answer, which would tell each "
            "respondent's answer; withhold the row and say so in withheld_reason"
        )
    return None


def _differences(
    published: dict[tuple[Any, ...], tuple[int, int]], threshold: int
) -> Iterator[Finding]:
    """Overlapping published rows whose rounded figures prove fewer than the threshold
    responses between them (rounding moves each by at most 2)."""
    for key, (record, responses) in sorted(published.items(), key=lambda item: item[1][0]):
        cohort, period, *place = key
        wider = []
        if period != ALL:
            wider.append(("all months", (cohort, ALL, *place)))
        if cohort != ALL:
            wider.append(("all tenants", (ALL, period, *place)))
        for label, other in wider:
            if other not in published:
                continue
            difference = abs(published[other][1] - responses)
            if difference > 0 and difference + 2 * ROUNDING < threshold:
                yield Finding(
                    "feedback",
                    record,
                    "responses",
                    f"differs from the published row of the same area for {label} by "
                    f"{difference}, so fewer than {threshold} responses could be worked out "
                    "by subtraction; withhold one of the two",
                )
