"""Turn values into the text a reader sees: numbers, sizes, dates, constraints."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def count(value: int) -> str:
    """A whole number with thousands separators: ``13979`` → ``13,979``."""
    return f"{value:,}"


def plural(value: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` followed by the right form of the noun: ``1 row``, ``2 rows``."""
    noun = singular if value == 1 else (plural_form or singular + "s")
    return f"{count(value)} {noun}"


def size(num_bytes: int) -> str:
    """A file size a person reads easily: ``576746`` → ``563 KB``."""
    if num_bytes < 1024:
        return plural(num_bytes, "byte")
    amount: float = num_bytes
    for unit in ("KB", "MB", "GB"):
        amount /= 1024
        if amount < 1024 or unit == "GB":
            return f"{amount:.0f} {unit}" if amount >= 10 else f"{amount:.1f} {unit}"
    return f"{amount:.1f} GB"  # pragma: no cover - loop always returns


def parse_date(value: Any) -> dt.date | None:
    """A date from an ISO date or datetime text (or a date value); None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def long_date(value: dt.date) -> str:
    """``2026-11-25`` → ``25 November 2026``."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def constraints(values: dict[str, Any]) -> list[str]:
    """Readable phrases for Table Schema constraints."""
    phrases = []
    for key, value in values.items():
        if key == "required" and value:
            phrases.append("required")
        elif key == "unique" and value:
            phrases.append("unique")
        elif key == "enum" and isinstance(value, list):
            phrases.append("one of: " + ", ".join(str(v) for v in value))
        elif key in ("minimum", "maximum", "minLength", "maxLength", "pattern"):
            label = {"minLength": "min length", "maxLength": "max length"}.get(key, key)
            phrases.append(f"{label} {value}")
        elif key not in ("required", "unique"):
            phrases.append(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}")
    return phrases


def paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs at blank lines."""
    return [block.strip() for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]
