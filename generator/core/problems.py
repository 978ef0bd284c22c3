"""Problems a contributor can cause, as values: collected, then reported once.

A :class:`Problem` is one located finding (``path:line: field: message``). Stages append
problems to a :class:`Problems` collection instead of raising, so a contributor sees every
problem of every package in one run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

DEFAULT_CAP_PER_GROUP = 50


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in the contributor's input.

    ``path`` is relative to the project root, ``line`` is 1-based (the physical line of the
    file), ``field`` names the field, option or property concerned ("-" when none applies) and
    ``message`` says what is wrong and how to fix it. ``group`` gathers the problems of one
    resource (or one file) in the report.
    """

    path: str
    line: int
    field: str
    message: str
    group: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def github_annotation(self) -> str:
        """Format as a GitHub Actions ``::error`` workflow command."""
        title = _escape_property(f"{self.field}" if self.field != "-" else "odx")
        file = _escape_property(self.path)
        return f"::error file={file},line={self.line},title={title}::{_escape_data(self.message)}"


@dataclass
class Problems:
    """An ordered collection of problems, grouped for reporting."""

    items: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)

    def add(
        self, path: str, line: int | None, field: str | None, message: str, group: str = ""
    ) -> None:
        """Record a problem; ``line`` defaults to 1 and ``field`` to ``-``."""
        self.items.append(Problem(path, line or 1, field or "-", message, group or path))

    def note(self, path: str, line: int | None, field: str | None, message: str) -> None:
        """Record something the build did leniently (not an error)."""
        self.notes.append(Problem(path, line or 1, field or "-", message, path))

    def extend(self, other: Problems) -> None:
        """Take over every problem and note of ``other``."""
        self.items.extend(other.items)
        self.notes.extend(other.notes)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)


def written(value: Any) -> str:
    """A value read from a contributor's file, as a message shows it: text quoted, other
    values as JSON writes them, and a missing or empty value (None) said in words."""
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        return repr(value)
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except ValueError:  # a structure that refers to itself (YAML anchors)
        return type(value).__name__


def format_report(problems: Iterable[Problem], cap: int = DEFAULT_CAP_PER_GROUP) -> list[str]:
    """Lines of a human report: problems grouped, at most ``cap`` shown per group."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(problem.group, []).append(problem)
    lines: list[str] = []
    total = 0
    for group, members in groups.items():
        total += len(members)
        noun = "problem" if len(members) == 1 else "problems"
        lines.append(f"{group}: {len(members)} {noun}")
        for problem in members[:cap]:
            lines.append(f"  {problem}")
        if len(members) > cap:
            lines.append(f"  … and {len(members) - cap} more in {group} (first {cap} shown)")
    if total:
        noun = "problem" if total == 1 else "problems"
        lines.append(f"{total} {noun} found; nothing was written.")
    return lines


def github_annotations(problems: Iterable[Problem], cap: int = DEFAULT_CAP_PER_GROUP) -> list[str]:
    """GitHub ``::error`` lines, at most ``cap`` per group (GitHub shows few per step anyway)."""
    shown: dict[str, int] = {}
    lines = []
    for problem in problems:
        count = shown.get(problem.group, 0)
        if count < cap:
            lines.append(problem.github_annotation())
        shown[problem.group] = count + 1
    return lines


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
