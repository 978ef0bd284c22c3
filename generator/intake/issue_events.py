"""A GitHub issue as the correction decision workflow hands it over: read from the event
payload file (never from text put into a command). Its body's sections are read by
:mod:`generator.intake.issue_form`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from generator.core.problems import Problems

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
