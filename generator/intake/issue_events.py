"""A GitHub issue as the correction decision workflow hands it over: read from the event
payload file (never from text put into a command), its form's sections by their headings."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator.core.problems import Problems

NO_RESPONSE = "_No response_"  # what GitHub writes for an optional field left empty


_HEADING = re.compile(r"^###\s+(.+?)\s*$")


_LONGEST_EVENT = 1_000_000  # bytes; GitHub's issue bodies are at most 65,536 characters


@dataclass(frozen=True)
class Issue:
    """What the event tells about the issue and the label just added."""

    number: int
    label: str
    labels: frozenset[str]
    body: str


def read_event(path: Path, problems: Problems) -> Issue | None:
    """The issue and label of a GitHub ``issues`` event payload, or None (a problem said)."""
    name = path.name
    try:
        if path.stat().st_size > _LONGEST_EVENT:
            problems.add(name, 1, "-", "the event file is too large to be a GitHub issue event")
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.add(name, 1, "-", 'event file not found; pass --event "$GITHUB_EVENT_PATH"')
        return None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        problems.add(name, 1, "-", f"cannot read the event as JSON ({type(error).__name__})")
        return None
    issue = data.get("issue") if isinstance(data, dict) else None
    label = data.get("label") if isinstance(data, dict) else None
    if not isinstance(issue, dict) or not isinstance(label, dict):
        problems.add(name, 1, "-", "not an issue 'labeled' event: it has no issue or no label")
        return None
    number, body = issue.get("number"), issue.get("body") or ""
    labels = issue.get("labels")
    if (
        not isinstance(number, int)
        or isinstance(number, bool)
        or number < 1
        or not isinstance(body, str)
        or not isinstance(labels, list)
        or not isinstance(label.get("name"), str)
    ):
        problems.add(name, 1, "issue", "the event's issue has no number, body or labels")
        return None
    names = frozenset(
        item["name"]
        for item in labels
        if isinstance(item, dict) and isinstance(item.get("name"), str)
    )
    return Issue(number, label["name"], names, body)


def sections(body: str) -> dict[str, tuple[int, str]]:
    """The form's fields in an issue body: field -> (line of its value, the value).

    Each ``### <label>`` heading of the form starts a section that runs to the next heading;
    an optional field left empty reads as empty. Headings the form does not have are ignored.
    """
    found: dict[str, tuple[int, str]] = {}
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
