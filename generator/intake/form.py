"""The fields the site's "have your say" form posts, and the values each may take."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass

from generator.housing.data_model import component_types
from generator.tenant.say import EVIDENCE, HONEYPOT, MOST_IMPROVEMENTS, SATISFACTION
from generator.tenant.say import IMPROVEMENTS as SAY_IMPROVEMENTS

FORM_FIELDS = (
    "home_ref",
    "satisfaction",
    "improve",
    "comment",
    "field",
    "component",
    "value",
    "evidence",
    HONEYPOT,
)
EXPORT_FIELDS = (*FORM_FIELDS, "submitted")  # the form service adds when it was sent
ROBOT = "filled the field people never see: most likely a robot"

# The values the site's form posts (generator/tenant/say.py), so that intake takes in exactly
# what the form offers: the scale, every kind of component the data model knows, then the
# common needs.
SATISFACTION_SCALE = tuple(value for value, _ in SATISFACTION)
IMPROVEMENTS = (
    *(kind for kind in component_types() if kind != "other"),
    *(value for value, _ in SAY_IMPROVEMENTS),
)
MAX_IMPROVEMENTS = MOST_IMPROVEMENTS
EVIDENCE_KINDS = tuple(value for value, _ in EVIDENCE)

_SEPARATOR = re.compile(r"\s*;\s*")


@dataclass(frozen=True)
class Response:
    """One tenant's response, its fields as the form names them (empty text when absent)."""

    response_id: str
    line: int
    home_ref: str = ""
    satisfaction: str = ""
    improve: tuple[str, ...] = ()
    comment: str = ""
    field: str = ""
    component: str = ""
    value: str = ""
    evidence: str = ""  # how the tenant knows a correction ("" in exports from before)
    website: str = ""  # the honeypot
    submitted: str = ""  # when the service received it, as the export writes it

    @property
    def is_correction(self) -> bool:
        return bool(self.field or self.component or self.value)

    @property
    def has_feedback(self) -> bool:
        return bool(self.satisfaction or self.improve or self.comment)


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?")
_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ ,].*)?")


def submitted_month(written: str, today: datetime.date) -> tuple[str | None, str]:
    """The month (``YYYY-MM``) a response was sent in, from the export's date as written
    (``2026-11-30``, ``2026-11-30T17:04:00Z`` or the UK ``30/11/2026 17:04``), or None and
    what is wrong with it. No date at all is taken as sent this month."""
    text = written.strip()
    if not text:
        return today.strftime("%Y-%m"), ""
    iso, uk = _ISO_DATE.fullmatch(text), _UK_DATE.fullmatch(text)
    parts = (
        (iso.group(1), iso.group(2), iso.group(3))
        if iso
        else (uk.group(3), uk.group(2), uk.group(1))
        if uk
        else None
    )
    try:
        date = datetime.date(*map(int, parts)) if parts else None
    except ValueError:
        date = None
    if date is None:
        return None, (
            f"{text!r} is not a date; write it as 2026-11-30 or 30/11/2026 (day first), "
            "a time after it may stay"
        )
    if date > today:
        return None, f"{text} is after today; check the export's dates"
    return date.strftime("%Y-%m"), ""


def response_id(row: dict[str, str]) -> str:
    """A stable id of a row of the export: a hash of its content (every column, by name), so
    that the same row read again, even with its columns in another order, has the same id."""
    content = json.dumps(sorted(row.items()), ensure_ascii=False, separators=(",", ":"))
    return "R-" + hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def split_improvements(values: list[str]) -> tuple[str, ...]:
    """The improvements of a response: columns repeated, or one column separated by ';'."""
    found: list[str] = []
    for value in values:
        found.extend(part for part in _SEPARATOR.split(value.strip()) if part)
    return tuple(found)
