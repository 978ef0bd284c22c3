"""The "How the pilot goes" page of a landlord with ``odx.pilot``: the pilot's homes against
the rest, by month, at landlord level, as the privacy gate published the figures
(:mod:`generator.privacy.pilot_progress`); this module only words and lays them out."""

from __future__ import annotations

import calendar
from typing import Any

from generator.core import charts
from generator.core import formatting as fmt
from generator.privacy.disclosure import ALL
from generator.privacy.pilot_progress import PILOT, REST, Figure, PilotProgress

COHORT_NAMES = {PILOT: "Pilot homes", REST: "Other homes"}
TABLES = (  # id, caption, how a figure reads, by month (responses) or year decided
    ("responses", "Responses per 100 homes", "per_100_responses", True),
    ("satisfaction", "How satisfied: satisfied / neither / dissatisfied", "bands", True),
    ("corrections", "Corrections per 100 homes", "per_100_corrections", False),
    ("accepted", "Share of decided corrections accepted", "accepted_pct", False),
    ("filled", "'Not known' fields filled by tenants (accepted corrections)", "filled", False),
    ("status", "Components whose status changed after a correction", "status_changed", False),
)


WHEN = {  # how the lead sentence says the corrections are counted
    "Year decided": "by the year they were decided",
    "Month received": "by the month they were received, counted from the landlord's private "
    "records so that no month is published beside a correction of its own",
}


def period_name(period: str, *, short: bool = False) -> str:
    """``all`` → "All", ``2026-05`` → "May 2026" ("Sep 2026" when ``short``, as a chart's
    labels are, so that a few months keep their labels on a phone), ``2025`` → "2025"."""
    if period == ALL:
        return "All"
    if len(period) == 7:
        year, month = period.split("-")
        names = calendar.month_abbr if short else calendar.month_name
        return f"{names[int(month)]} {year}"
    return period


def pilot_view(progress: PilotProgress, landlord: str) -> dict[str, Any]:
    """What the page shows: the homes in each cohort, a sentence, a chart and the tables."""
    months = [period for period in progress.months if period != ALL]
    series = [
        charts.Series(
            COHORT_NAMES[cohort],
            [_value(progress.figure(cohort, m, "responses_per_100")) for m in months],
            [_number(progress.figure(cohort, m, "responses_per_100")) for m in months],
        )
        for cohort in (PILOT, REST)
    ]
    shown = any(
        progress.figure(cohort, m, "responses_per_100").value is not None
        for cohort in (PILOT, REST)
        for m in months
    )
    chart = (  # no chart of nothing: every month withheld says so in the table below
        charts.column_chart(
            [period_name(m, short=True) for m in months],
            series,
            label="Responses per 100 homes, by month",
        )
        if shown
        else ""
    )
    tables = [
        {
            "id": table_id,
            "caption": caption,
            "by": "Month" if monthly else progress.corrections_by,
            "rows": [
                {
                    "period": period_name(period),
                    "cells": [_text(progress, cohort, period, how) for cohort in (PILOT, REST)],
                }
                for period in (progress.months if monthly else progress.years)
            ],
        }
        for table_id, caption, how, monthly in TABLES
    ]
    return {
        "homes": [
            (COHORT_NAMES[cohort], fmt.plural(progress.homes[cohort], "home"))
            for cohort in (PILOT, REST)
        ],
        "summary": summary(progress, landlord),
        "chart": chart,
        "tables": tables,
        "threshold": progress.threshold,
        "corrections_when": WHEN.get(progress.corrections_by, "by year"),
    }


def summary(progress: PilotProgress, landlord: str) -> str:
    """One sentence on all months: responses and corrections per 100 homes, pilot vs rest;
    a withheld figure is said to be too few to show, a missing one "none"."""

    def both(measure: str) -> str:
        pilot, rest = (_said(progress.figure(c, ALL, measure)) for c in (PILOT, REST))
        return f"pilot homes {pilot}, other homes {rest}"

    return (
        f"Over all months, {landlord}'s tenants sent responses per 100 homes: "
        f"{both('responses_per_100')}; and corrections per 100 homes: "
        f"{both('corrections_per_100')}."
    )


def _said(figure: Figure) -> str:
    if figure.value is not None:
        return f"{figure.value:g}"
    return "too few to show" if figure.reason else "none"


def _value(figure: Figure) -> float:
    return float(figure.value) if figure.value is not None else 0.0


def _number(figure: Figure) -> str:
    if figure.value is None:
        return "withheld" if figure.reason else "0"
    return f"{figure.value:g}"


def _text(progress: PilotProgress, cohort: str, period: str, how: str) -> str:
    """One cell of a table: the figure, or why it is withheld."""
    figure = progress.figure

    def withheld(one: Figure) -> str:
        return f"withheld: {one.reason}"

    if how.startswith("per_100_"):
        measure = how.removeprefix("per_100_")
        count, rate = figure(cohort, period, measure), figure(cohort, period, f"{measure}_per_100")
        if count.reason:
            return withheld(count)
        if count.value is None:
            return "none"
        return f"{rate.value:g} ({count.value:g} {measure})"
    if how == "bands":
        shares = [figure(cohort, period, name) for name in ("satisfied", "neither", "dissatisfied")]
        if shares[0].reason:
            return withheld(shares[0])
        if shares[0].value is None:
            return "no responses"
        return " / ".join(f"{share.value:g}%" for share in shares)
    one = figure(cohort, period, how)
    if one.reason:
        return withheld(one)
    if one.value is None:
        return "none" if how != "accepted_pct" else "none decided"
    return f"{one.value:g}%" if how == "accepted_pct" else f"{one.value:g}"
