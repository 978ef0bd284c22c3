"""The correction issue form: its sections in an issue's body, read into a correction.

Shared by ``odx intake-issue`` (one issue, from a workflow's event) and ``odx intake
issues.json`` (an export of many), so both read, screen and check an issue the same way.
"""

from __future__ import annotations

import re
from typing import Any

from generator.housing.data_model import contract_schemas
from generator.intake.checks import screen_text
from generator.intake.form import Response

FORM_LABEL = "correction"  # the label the issue form puts on every issue it opens
ID_PREFIX = "GH-"  # an issue's response id and correction id: GH-<issue number>
NO_RESPONSE = "_No response_"  # what GitHub writes for an optional field left empty
REQUIRED = ("home_ref", "field", "proposed_value", "evidence")
SECTION_OF = {"component": "component_type", "value": "proposed_value"}  # check -> section
# The sections whose text may be kept or shown (the free "details" is neither).
KEPT = ("home_ref", "field", "component_type", "proposed_value", "evidence")

# The issue form's labels (the ### headings of an issue's body) and the field each holds;
# tests/test_correction_issues.py keeps them in step with the form.
SECTIONS = {
    "Home reference": "home_ref",
    "What is wrong or missing": "field",
    "Which part of the home, if it is about one": "component_type",
    "What it should be": "proposed_value",
    "How do you know?": "evidence",
    "Anything else the landlord should know": "details",
}

Found = dict[str, tuple[int, str]]  # section -> (line of its value in the body, the value)
Wrong = list[tuple[str, int, str]]  # (section, line in the body, what is wrong)

_HEADING = re.compile(r"^###\s+(.+?)\s*$")
_EVIDENCE = re.compile(r"\(([a-z-]+)\)$")
# What a section a choice fills (or a value of the data model) may hold: letters, digits,
# spaces and a little punctuation; no shell, template or control characters.
_PLAIN = re.compile(r"[\w .,'()/+-]*")
_LONGEST_PLAIN = 200


def sections(body: str) -> Found:
    """The form's fields in an issue body: field -> (line of its value, the value).

    Each ``### <label>`` heading of the form starts a section that runs to the next heading;
    an optional field left empty reads as empty. Headings the form does not have are ignored.
    """
    found: Found = {}
    current: str | None = None
    start = 1
    text: list[str] = []

    def close() -> None:
        if current is not None and current not in found:
            value = "\n".join(text).strip()
            found[current] = (start, "" if value == NO_RESPONSE else value)

    for number, line in enumerate(body.splitlines(), start=1):
        heading = _HEADING.match(line)
        if heading:
            close()
            current, start, text = SECTIONS.get(heading.group(1)), number + 1, []
            continue
        if not text and not line.strip():
            start = number + 1
        text.append(line)
    close()
    return found


def missing(found: Found) -> Wrong:
    """The sections the form requires that are missing or empty."""
    wrong: Wrong = []
    for name in REQUIRED:
        if not found.get(name, (0, ""))[1]:
            label = next(k for k, v in SECTIONS.items() if v == name)
            wrong.append(
                (
                    name,
                    found.get(name, (1, ""))[0],
                    f"the section '### {label}' is missing or empty; the issue must keep the "
                    "form's headings",
                )
            )
    return wrong


def response_of(found: Found, number: int) -> Response:
    """The correction the sections propose, as a response of the form (id ``GH-<number>``)."""
    return Response(
        response_id=f"{ID_PREFIX}{number}",
        line=found.get("proposed_value", (1, ""))[0],
        home_ref=found.get("home_ref", (0, ""))[1].upper(),
        field=found.get("field", (0, ""))[1],
        component=found.get("component_type", (0, ""))[1],
        value=found.get("proposed_value", (0, ""))[1],
    )


def screened(found: Found) -> tuple[str, int, str] | None:
    """The first kept section whose text looks personal or holds markup: (section, line,
    why, never repeating the text), or None."""
    for name in KEPT:
        line, text = found.get(name, (1, ""))
        reason = screen_text(name, text) if text else None
        if reason:
            return name, line, reason
    return None


def unplain(found: Found) -> Wrong:
    """Kept sections holding what no choice of the form nor value of a field holds (shell or
    template characters, control characters, several lines, a long text). The message never
    repeats the text, so that a hostile one goes nowhere."""
    wrong: Wrong = []
    for name in KEPT:
        line, text = found.get(name, (1, ""))
        if len(text) > _LONGEST_PLAIN or "\n" in text or not _PLAIN.fullmatch(text):
            wrong.append(
                (
                    name,
                    line,
                    f"holds more than a choice of the form or a value of a field can (one line "
                    f"of at most {_LONGEST_PLAIN} letters, digits, spaces and .,'()/+-); ask "
                    "the tenant to edit the issue",
                )
            )
    return wrong


def evidence_of(found: Found, response: Response) -> tuple[str, Wrong]:
    """The evidence chosen in the form, and what is wrong with the value's shape or the
    evidence (the checks of :mod:`generator.intake.checks` come after)."""
    wrong: Wrong = []
    longest = corrections_field("proposed_value")["constraints"]["maxLength"]
    if "\n" in response.value or len(response.value) > longest:
        wrong.append(
            (
                "proposed_value",
                response.line,
                f"the value must be one line of at most {longest} characters",
            )
        )
    evidence_line, written = found.get("evidence", (1, ""))
    match = _EVIDENCE.search(written.strip())
    evidence = match.group(1) if match else written.strip()
    kinds = corrections_field("evidence")["constraints"]["enum"]
    if evidence not in kinds:
        wrong.append(
            (
                "evidence",
                evidence_line,
                f"not one of the form's choices; choose one of {', '.join(kinds)}",
            )
        )
    return evidence, wrong


def corrections_field(name: str) -> dict[str, Any]:
    """The field ``name`` of the ODX corrections schema."""
    return next(f for f in contract_schemas()["corrections"]["fields"] if f["name"] == name)
