"""What tenants said (the ``feedback`` table's cells) and "You said, we plan": the
improvements tenants asked for most beside the plan's works and spend in the same
categories, and the components overdue with no plan line.

The cells passed disclosure control when they were made and the privacy gate's check when
the site was built; pages show them as they are, a withheld cell by the words of its reason
(:func:`~generator.privacy.disclosure.withheld_words`), pointing to the wider figure that is
published. Only the cells of every tenant (cohort ``all``) over every month (period ``all``)
are shown here.

The plan's categories are component types. An improvement tenants ask for that is a
component type (a kitchen, a boiler) is set beside that category; a need that is not (damp
and mould, warmth and energy bills) has no category in the plan and is listed as such, not
matched to components by guesswork. Counts follow the area summary's rule: below ``k`` they
read "fewer than k", and spend is shown only when the works it pays for number at least k.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.core.charts import Bar, bar_chart
from generator.privacy.disclosure import ALL, AUTHORITY, LANDLORD, SECTOR, withheld_words
from generator.tenant.data import FeedbackCells, authority_name
from generator.tenant.labels import component_name, counted
from generator.tenant.say import IMPROVEMENTS

NEEDS = dict(IMPROVEMENTS)  # improvements that are not parts of a home
BANDS = (
    ("satisfied_pct", "Satisfied"),
    ("neither_pct", "Neither"),
    ("dissatisfied_pct", "Dissatisfied"),
)
ORDINALS = ("1st", "2nd", "3rd")


def improvement_name(code: str) -> str:
    """An improvement as a tenant reads it: a need's words, or a component's name."""
    return NEEDS.get(code) or component_name(code)


@dataclass
class PlanByKind:
    """Planned works and spend within the years looked ahead to, and components overdue
    with no plan line, by component type."""

    works: Counter[str] = field(default_factory=Counter)
    spend: Counter[str] = field(default_factory=Counter)
    overdue_unplanned: Counter[str] = field(default_factory=Counter)


def _cells_of(
    cells: FeedbackCells, code: str, sector: str
) -> list[tuple[str, dict[str, Any] | None]]:
    """The sector's, its authority's and the landlord's cells, narrowest first, each with
    the words of where it is from."""
    return [
        ("this area", cells.get((ALL, ALL, SECTOR, code, sector)) if sector else None),
        (authority_name(code), cells.get((ALL, ALL, AUTHORITY, code, ""))),
        ("all the landlord's homes", cells.get((ALL, ALL, LANDLORD, "", ""))),
    ]


def _improvements(row: dict[str, Any]) -> list[str]:
    return [code for code in str(row.get("top_improvements") or "").split(";") if code]


def figure_view(row: dict[str, Any], where: str, threshold: int) -> dict[str, Any]:
    """A published cell: responses, the three bands (rows and chart) and the improvements
    asked for most, in words, most asked first."""
    bands: list[dict[str, Any]] = [
        {"label": name, "value": int(row[column]), "share": f"{row[column]}%"}
        for column, name in BANDS
    ]
    asked = [improvement_name(code) for code in _improvements(row)]
    responses = int(row["responses"])
    sentence = (
        f"About {responses:,} responses from {where}: {bands[0]['share']} satisfied with "
        f"their home, {bands[2]['share']} dissatisfied."
    )
    return {
        "where": where,
        "responses": f"about {responses:,}",
        "bands": bands,
        "chart": bar_chart(
            [Bar(b["label"], b["value"], b["share"]) for b in bands],
            label=f"How satisfied tenants in {where} are with their home, per cent",
            colour=0,
        ),
        "summary": sentence,
        "improvements": asked,
        "no_improvements": ""
        if asked
        else f"No improvement was asked for by {threshold} or more of these responses.",
    }


def said_view(
    cells: FeedbackCells | None, code: str, sector: str, *, threshold: int
) -> dict[str, Any] | None:
    """What tenants said about one area (``sector`` of authority ``code``; "" for the whole
    landlord): its own cell, or why it is withheld and the nearest wider cell published.
    None when the package holds no feedback at all."""
    if cells is None:
        return None
    found = _cells_of(cells, code, sector) if sector else _cells_of(cells, "", "")[2:]
    where, own = found[0]
    if own is not None and not own.get("withheld_reason"):
        return {"own": figure_view(own, where, threshold), "withheld": "", "wider": None}
    if own is None:
        withheld = f"No responses have been received from {where} yet."
    else:
        reason = withheld_words(str(own["withheld_reason"]), threshold)
        withheld = f"What tenants said about {where} is not shown: {reason}."
    wider = next(
        (
            figure_view(row, name, threshold)
            for name, row in found[1:]
            if row is not None and not row.get("withheld_reason")
        ),
        None,
    )
    return {"own": None, "withheld": withheld, "wider": wider}


def priorities(cells: FeedbackCells, code: str, sector: str) -> tuple[list[str], str]:
    """The improvements asked for most (codes) nearest to the area, and where from: the
    area's own cell, else its authority's, else the landlord's."""
    found = _cells_of(cells, code, sector) if sector else _cells_of(cells, "", "")[2:]
    for where, row in found:
        if row is not None and not row.get("withheld_reason") and _improvements(row):
            return _improvements(row), where
    return [], ""


def plan_view(
    asked: list[str], where: str, plan: PlanByKind, *, k: int, year: int
) -> dict[str, Any]:
    """ "You said, we plan": each category (component type) asked for or planned or overdue
    unplanned, the tenants' rank beside the works and spend by ``year`` and the overdue
    components with no plan line; needs that are no category of the plan listed apart."""
    ranks = {code: i for i, code in enumerate(asked)}
    kinds = set(plan.works) | set(plan.overdue_unplanned) | {c for c in asked if c not in NEEDS}
    order = sorted(
        kinds, key=lambda c: (ranks.get(c, len(ranks)), -plan.spend[c], -plan.works[c], c)
    )
    rows: list[dict[str, Any]] = []
    for kind in order:
        works = plan.works[kind]
        spend = f"£{plan.spend[kind]:,}" if works >= k else ""
        rank = ORDINALS[ranks[kind]] if kind in ranks else ""
        rows.append(
            {
                "kind": kind,
                "label": component_name(kind),
                "rank": f"asked {rank}" if rank else "",
                "works": counted(works, k),
                "spend": spend or ("£0" if not works else f"not shown (fewer than {k} works)"),
                "value": plan.spend[kind] if spend else 0,
                "overdue": counted(plan.overdue_unplanned[kind], k),
            }
        )
    needs = [
        {"label": NEEDS[code], "rank": f"asked {ORDINALS[ranks[code]]}"}
        for code in asked
        if code in NEEDS
    ]
    return {
        "year": year,
        "where": where,
        "rows": rows,
        "needs": needs,
        "chart": bar_chart(
            [
                Bar(r["label"] + (f" ({r['rank']})" if r["rank"] else ""), r["value"], _bar(r))
                for r in rows
            ],
            label=f"Planned spend by {year} by part of the home, with tenants' priorities",
            colour=1,
        )
        if rows
        else None,
        "summary": _summary(asked, where, rows, needs, plan, k, year),
    }


def _bar(row: dict[str, Any]) -> str:
    return row["spend"] if row["value"] or row["spend"] == "£0" else "not shown"


def _summary(
    asked: list[str],
    where: str,
    rows: list[dict[str, Any]],
    needs: list[dict[str, Any]],
    plan: PlanByKind,
    k: int,
    year: int,
) -> str:
    if not asked:
        return (
            f"No improvement was asked for often enough to publish; by {year} the plan "
            "holds the works below."
        )
    who = "Tenants here" if where == "this area" else f"Tenants across {where}"
    names = [improvement_name(code).lower() for code in asked]
    said = f"{who} asked most for {_and(names)}"
    by_kind = {r["kind"]: r for r in rows}
    clauses = []
    for code in asked:
        row = by_kind.get(code)
        if row is None:
            continue
        name = row["label"].lower()
        if not plan.works[code]:
            text = f"nothing on {name}"
        elif row["value"]:
            text = f"{row['spend']} of works on {name}"
        else:
            text = f"{row['works']} works on {name}, their cost not shown"
        if plan.overdue_unplanned[code]:
            text += f" ({row['overdue']} overdue with no plan line)"
        clauses.append(text)
    sentence = said + (f"; by {year} the plan holds {_and(clauses)}" if clauses else "")
    if needs:
        sentence += f"; {_and([n['label'].lower() for n in needs])} is no category of the plan"
    return sentence + "."


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
