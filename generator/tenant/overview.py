"""The landlord overview and the satisfaction page of an ODX package.

Figures are computed once per package here; charts are SVG made now (no JavaScript), each
with a text summary and a table of the same numbers beside it in the template.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from generator.core import formatting as fmt
from generator.core import urls
from generator.core.charts import Bar, Series, bar_chart, column_chart
from generator.housing import lifespans
from generator.tenant.data import OdxData, authority_name, tsm_measures
from generator.tenant.homes import PLAN_STATUS_DONE, corrected, corrected_assessment
from generator.tenant.labels import component_name, label
from generator.tenant.you_said import PlanByKind, plan_view, priorities, said_view

HORIZON_YEARS = 30
EPC_BANDS = ("A", "B", "C", "D", "E", "F", "G")


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def _counted(counter: Counter[Any], order: list[Any] | None = None) -> list[dict[str, Any]]:
    keys = order if order is not None else sorted(counter, key=lambda k: (-counter[k], str(k)))
    total = sum(counter.values())
    return [
        {
            "label": label(key) if key else "Not known",
            "count": fmt.count(counter[key]),
            "value": counter[key],
            "share": _percent(counter[key], total),
        }
        for key in keys
        if counter.get(key)
    ]


def _bars(rows: list[dict[str, Any]], chart_label: str, colour: int = 0) -> Any:
    return bar_chart(
        [Bar(row["label"], row["value"], row["count"]) for row in rows],
        label=chart_label,
        colour=colour,
    )


def overview_view(
    data: OdxData, *, slug: str, title: str, as_of_year: int, k: int, threshold: int
) -> dict[str, Any]:
    """The overview page: homes, energy, Decent Homes, what falls due against the plan, and
    (with feedback) what tenants said beside the plan for the next years."""
    homes = data.homes
    total = len(homes)
    fixes = data.corrections
    types = Counter(home.get("property_type") for home in homes)
    epc = Counter(
        corrected(home.get("epc_band"), fixes.get((home["home_ref"], "", "epc_band")))
        for home in homes
    )
    dhs = Counter(home.get("dhs_status") for home in homes)
    authorities = Counter(home.get("local_authority_code") for home in homes)

    type_rows = _counted(types)
    epc_rows = _counted(epc, [*EPC_BANDS, None])
    for row, band in zip(epc_rows, [b for b in [*EPC_BANDS, None] if epc.get(b)], strict=True):
        row["label"] = f"Band {band}" if band else "Not known"
    dhs_rows = _counted(dhs, ["meets", "fails", "not-assessed"])
    good_epc = sum(epc.get(b, 0) for b in ("A", "B", "C"))

    horizon = range(as_of_year, as_of_year + HORIZON_YEARS)
    due: Counter[int] = Counter()
    overdue_unplanned: Counter[str] = Counter()
    overdue_total = 0
    property_of = {home["home_ref"]: home.get("property_type") for home in homes}
    planned_kinds: dict[str, set[str]] = defaultdict(set)
    planned_count: Counter[int] = Counter()
    planned_spend: Counter[int] = Counter()
    by_kind = PlanByKind(overdue_unplanned=overdue_unplanned)
    soon = range(as_of_year, as_of_year + lifespans.DUE_SOON_YEARS + 1)  # as area pages
    for ref, lines in data.plan.items():
        for line in lines:
            if line.get("status") in PLAN_STATUS_DONE:
                continue
            kind = line["component_type"]
            planned_kinds[ref].add(kind)
            year = line.get("planned_year")
            if year is not None and year in horizon:
                planned_count[year] += 1
                cost = line.get("estimated_cost_gbp")
                amount = int(cost) if isinstance(cost, (int, Decimal)) else 0
                planned_spend[year] += amount
                if year in soon:
                    by_kind.works[kind] += 1
                    by_kind.spend[kind] += amount
    for ref, components in data.components.items():
        property_type = property_of.get(ref)
        planned = planned_kinds.get(ref, ())
        for row in components:
            kind = row["component_type"]
            result = corrected_assessment(ref, row, property_type, data, as_of_year)
            if result.status == lifespans.OVERDUE:
                overdue_total += 1
                if kind not in planned:
                    overdue_unplanned[kind] += 1
            elif result.due_year is not None and result.due_year in horizon:
                due[result.due_year] += 1
    years = list(horizon)
    schedule = [
        {
            "year": year,
            "due": fmt.count(due[year]),
            "planned": fmt.count(planned_count[year]),
            "spend": f"£{planned_spend[year]:,}",
        }
        for year in years
    ]
    due_total, planned_total = sum(due.values()), sum(planned_count.values())
    unplanned_total = sum(overdue_unplanned.values())
    return {
        "slug": slug,
        "title": title,
        "as_of_year": as_of_year,
        "homes": fmt.plural(total, "home"),
        "satisfaction_url": urls.satisfaction(slug),
        "types": {
            "rows": type_rows,
            "chart": _bars(type_rows, "Homes by type"),
            "summary": "Most homes are "
            + " and ".join(f"{r['label'].lower()}s ({r['share']})" for r in type_rows[:2])
            + "."
            if type_rows
            else "No homes are published.",
        },
        "authorities": [
            {
                "name": authority_name(code),
                "url": urls.authority(code) if code else "",
                "count": fmt.count(count),
            }
            for code, count in sorted(authorities.items(), key=lambda i: (-i[1], str(i[0])))
        ],
        "epc": {
            "rows": epc_rows,
            "chart": _bars(epc_rows, "Homes by EPC band", colour=2),
            "summary": f"{_percent(good_epc, total)} of homes are in EPC band C or better "
            f"({fmt.count(good_epc)} of {fmt.count(total)}).",
        },
        "dhs": {
            "rows": dhs_rows,
            "summary": f"{_percent(dhs.get('fails', 0), total)} of homes do not meet the Decent "
            f"Homes Standard by the landlord's own assessment ({fmt.count(dhs.get('fails', 0))} "
            f"of {fmt.count(total)}).",
        },
        "schedule": {
            "rows": schedule,
            "first": years[0],
            "last": years[-1],
            "chart": column_chart(
                [str(y) for y in years],
                [
                    Series(
                        "Components falling due",
                        [due[y] for y in years],
                        [fmt.count(due[y]) for y in years],
                    ),
                    Series(
                        "Planned works",
                        [planned_count[y] for y in years],
                        [fmt.count(planned_count[y]) for y in years],
                    ),
                ],
                label=f"Falling due and planned works per year, {years[0]} to {years[-1]}",
            ),
            "summary": (
                f"From {years[0]} to {years[-1]}, {fmt.plural(due_total, 'component')} "
                f"fall due by age and the plan holds {fmt.plural(planned_total, 'work')} "
                f"costing £{sum(planned_spend.values()):,} in total. "
                f"{fmt.plural(overdue_total, 'component is', 'components are')} already overdue; "
                f"{fmt.count(unplanned_total)} of them have no plan line."
            ),
        },
        "unplanned": [
            {"name": component_name(kind), "count": fmt.count(count)}
            for kind, count in sorted(overdue_unplanned.items(), key=lambda i: (-i[1], i[0]))
        ],
        "voice": _voice(data, by_kind, year=soon[-1], k=k, threshold=threshold),
    }


def _voice(
    data: OdxData, plan: PlanByKind, *, year: int, k: int, threshold: int
) -> dict[str, Any] | None:
    """What the landlord's tenants said, beside its plan by part of the home; None when the
    package holds no feedback."""
    if data.feedback is None:
        return None
    asked, where = priorities(data.feedback, "", "")
    return {
        "said": said_view(data.feedback, "", "", threshold=threshold),
        "plan": plan_view(asked, where, plan, k=k, year=year),
    }


def satisfaction_view(rows: list[dict[str, Any]], *, withheld_notes: list[str]) -> dict[str, Any]:
    """The satisfaction page: each TSM with its previous year and change, areas apart."""
    measures = tsm_measures()
    landlord_rows = [r for r in rows if not r.get("area")]
    area_rows = [r for r in rows if r.get("area")]
    scopes = []
    for scope in sorted({r["scope"] for r in landlord_rows}):
        by_year: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for row in landlord_rows:
            if row["scope"] == scope:
                by_year[row["year"]][row["measure_code"]] = row
        years = sorted(by_year)
        latest = years[-1]
        previous = years[-2] if len(years) > 1 else None
        groups: dict[str, list[dict[str, Any]]] = {"perception": [], "management": []}
        for code, measure in measures.items():
            latest_row = by_year[latest].get(code)
            if latest_row is None:
                continue
            before = by_year[previous].get(code) if previous else None
            groups.setdefault(measure["kind"], []).append(
                _measure_view(code, measure, latest_row, before)
            )
        perception = groups.get("perception", [])
        ranked = sorted(
            (m for m in perception if m["unit"] == "percent"), key=lambda m: float(m["number"])
        )
        summary = (
            f"Highest: {ranked[-1]['title'].lower()} ({ranked[-1]['value']}). "
            f"Lowest: {ranked[0]['title'].lower()} ({ranked[0]['value']})."
            if ranked
            else ""
        )
        scopes.append(
            {
                "scope": scope,
                "name": {
                    "LCRA": "Low-cost rental (LCRA)",
                    "LCHO": "Low-cost home ownership (LCHO)",
                }.get(scope, "All tenures"),
                "year": latest,
                "previous": previous or "",
                "perception": perception,
                "summary": summary,
                "management": groups.get("management", []),
                "chart": bar_chart(
                    [
                        Bar(m["title"], float(m["number"]), m["value"])
                        for m in perception
                        if m["unit"] == "percent"
                    ],
                    label=f"Tenant perception measures, {scope} {latest}, per cent satisfied",
                    colour=0,
                )
                if perception
                else None,
            }
        )
    areas = [
        {
            "area": row["area"],
            "name": authority_name(row["area"]) if _is_gss(row["area"]) else row["area"],
            "year": row["year"],
            "scope": row["scope"],
            "measure": measures.get(row["measure_code"], {}).get("title", row["measure_code"]),
            "code": row["measure_code"],
            "value": _value_text(row["value"], row.get("unit")),
            "respondents": fmt.count(row["respondents"]) if row.get("respondents") else "",
        }
        for row in sorted(
            area_rows, key=lambda r: (r["area"], r["year"], r["scope"], r["measure_code"])
        )
    ]
    return {"scopes": scopes, "areas": areas, "withheld": withheld_notes}


def _is_gss(code: str) -> bool:
    return len(code) == 9 and code[0] in "EWSN" and code[1:].isdigit()


def _value_text(value: Any, unit: str | None) -> str:
    number = float(value)
    text = f"{number:,.1f}"
    if unit == "percent":
        return f"{text}%"
    if unit == "per-1000-homes":
        return f"{text} per 1,000 homes"
    return text


def _measure_view(
    code: str, measure: dict[str, str], row: dict[str, Any], before: dict[str, Any] | None
) -> dict[str, Any]:
    unit = row.get("unit") or measure["unit"]
    view = {
        "code": code,
        "title": measure["title"],
        "unit": unit,
        "number": row["value"],
        "value": _value_text(row["value"], unit),
        "previous": _value_text(before["value"], unit) if before else "Not published",
        "change": "",
        "direction": "",
    }
    if before:
        delta = float(row["value"]) - float(before["value"])
        points = " points" if unit == "percent" else ""
        if abs(delta) < 0.05:
            view["change"] = "No change"
        else:
            view["change"] = f"{'Up' if delta > 0 else 'Down'} {abs(delta):.1f}{points}"
            better = measure.get("higher_is_better")
            if better in ("true", "false"):
                improved = (delta > 0) == (better == "true")
                view["direction"] = "better" if improved else "worse"
    return view
