"""One cell of a published table judged: what it gives away, with the message that says so."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from generator.privacy.columns import is_id_column
from generator.privacy.detectors import (
    LONG_NUMBER,
    cell_problem,
    date_problem,
    number_problem,
    serial_date_problem,
    unrounded_pounds,
)

FREE_TEXT_LIMIT = 60


def as_text(value: Any) -> str | None:
    """The text the cell rules read: strings as they are, structures as JSON, numbers as
    written; None for values that cannot hold personal data (booleans, years, empties)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(value)


def cell_rule(
    column: str,
    kind: str,
    value: Any,
    *,
    years_only: bool,
    cost: bool,
    reviewed: bool,
    ids_allowed: bool = False,
    no_pattern: bool = False,
    no_date: bool = False,
) -> str | None:
    """What is wrong with one cell, message included, or None.

    ``no_pattern`` and ``no_date``: :func:`generator.privacy.detectors.screen` found none of
    the patterns of the text rules, or of the date rules, in the cell's text."""
    if cost and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        if value % 100:
            rounded = int(round(Decimal(value) / 100) * 100)
            return (
                f"£{value:,} is not rounded to £100; publish {rounded} "
                "(exact costs can identify a job at one home)"
            )
        return None
    if years_only and kind in ("integer", "number"):
        serial = serial_date_problem(column, value)
        if serial:
            return serial
    if kind in ("integer", "number") and is_id_column(column) and not ids_allowed:
        whole = isinstance(value, (int, float, Decimal)) and value == int(value)
        if whole and LONG_NUMBER.match(str(int(value))):
            return f"{int(value)} looks like a UPRN or a system id; publish a random reference"
        return None
    text = as_text(value)
    if text is None or kind in ("year", "boolean"):
        return None
    if kind in ("integer",) and (ids_allowed or not is_id_column(column)):
        return None
    if isinstance(value, (int, float, Decimal)):  # a measure: only ids and places matter
        problem = number_problem(column, text, ids_allowed=ids_allowed)
        return f"{quoted(text)} {problem}" if problem else None
    problem = cell_problem(column, text, ids_allowed=ids_allowed, no_pattern=no_pattern)
    if problem is None and years_only:
        problem = date_problem(text, no_pattern=no_date)
    if problem is None and (cost or "£" in text):
        amount = unrounded_pounds(text)
        if amount is not None:
            problem = f"£{amount:,} is not rounded to £100; round costs to £100"
    if problem is None and isinstance(value, str) and len(value) > FREE_TEXT_LIMIT and not reviewed:
        problem = (
            f"free text of {len(value)} characters (limit {FREE_TEXT_LIMIT}) may hold "
            "personal data; shorten it, or have someone check the column and mark "
            'the field "odx:reviewed": true'
        )
    return f"{quoted(text)} {problem}" if problem else None


def quoted(value: str) -> str:
    text = value if len(value) <= 40 else value[:37] + "…"
    return f"'{text}'"
