"""``odx intake issues.json``: correction issues exported from GitHub, queued for review.

The export is what ``gh issue list --json number,title,body,labels,createdAt`` writes: a
JSON array of issues. Its shape is checked strictly (a wrong one stops the run, located at
its line, and nothing is written). Each issue labelled ``correction`` is read as the issue
form wrote it (:mod:`generator.intake.issue_form`, as ``odx intake-issue`` reads it),
screened, checked as a form's correction, and queued with channel ``github-issue`` and
response id ``GH-<number>``, so the same export twice adds nothing. An issue already decided
in a package's ``corrections.csv`` (by the decision workflow) is not queued. No message
repeats an issue's text, and an issue held for review is kept without its text (the issue
itself holds it); it is read again from the next export, and queued (its held row removed)
once it passes the screen and the checks.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.config import SiteConfig
from generator.core.document_limits import DocumentError
from generator.core.problems import Problems
from generator.core.sourcemap import LineIndex, read_document
from generator.intake import private
from generator.intake.checks import check, resource_of
from generator.intake.corrections_monthly import publish_corrections
from generator.intake.form import submitted_month
from generator.intake.issue_form import (
    FORM_LABEL,
    ID_PREFIX,
    SECTION_OF,
    evidence_of,
    missing,
    response_of,
    screened,
    sections,
    unplain,
)
from generator.intake.taking import IntakeResult, checked_homes, gitignore_note
from generator.load.package_data import PackageData

CHANNEL = "github-issue"
KEYS = ("number", "title", "body", "labels", "createdAt")
EXPORT = "gh issue list --label correction --state open --json " + ",".join(KEYS)
LONGEST_EXPORT = 32_000_000  # bytes: some hundreds of issues of the longest body
LONGEST_BODY = 65_536  # characters: the most GitHub allows in an issue's body
_CREATED = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")
_AGAIN = f"; export the issues again with `{EXPORT} > issues.json`"


@dataclass(frozen=True)
class ExportedIssue:
    """An issue of the export, with the lines of its object and of its body."""

    number: int
    line: int
    body_line: int
    body: str
    labels: frozenset[str]
    created: str
    created_line: int


def is_issue_export(path: Path) -> bool:
    """Whether ``path`` is an export of issues: it is named ``*.json``, or (not named
    ``*.csv``) its first character that is not a space opens a JSON array."""
    suffix = path.suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix == ".json"
    try:
        with path.open("rb") as handle:
            start = handle.read(4096)
    except OSError:
        return False
    return start.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n").startswith(b"[")


def take_in_issues(
    export: Path, name: str, config: SiteConfig, today: datetime.date, result: IntakeResult
) -> None:
    """Queue the correction issues of ``export`` (see the module's docstring)."""
    result.issues = True
    problems = result.problems
    issues = read_issues(export, name, problems)
    if issues is None:
        return
    loaded = checked_homes(config, name, problems)
    if loaded is None:
        return
    packages, homes = loaded
    gitignore_note(config, result)
    decided = _decided(packages, config)
    folder = config.root / config.odx.responses_dir
    held_before = _held_issues(folder)  # read again: fixed on GitHub since, they are queued
    known = private.known_ids(folder) - held_before
    queued: list[dict[str, str]] = []
    held: list[dict[str, str]] = []
    skipped = result.skipped
    for issue in issues:
        rid, line, about = f"{ID_PREFIX}{issue.number}", issue.body_line, f"issue #{issue.number}"
        if FORM_LABEL not in issue.labels:
            result.not_corrections += 1
            skipped.note(
                name,
                issue.line,
                "labels",
                f"{about} has no {FORM_LABEL!r} label, so it was not sent with the "
                "correction form; left out",
            )
            continue
        if rid in decided:
            result.decided += 1
            skipped.note(
                name,
                line,
                "correction_id",
                f"{about} is already decided ({rid} in {decided[rid]}); not queued",
            )
            continue
        if rid in known:
            result.already += 1
            continue
        if len(issue.body) > LONGEST_BODY:
            skipped.add(
                name,
                line,
                "body",
                f"{len(issue.body):,} characters, more than GitHub allows in an issue "
                f"({LONGEST_BODY:,}): not the correction form's ({about})",
            )
            continue
        month, wrong_date = (
            submitted_month(issue.created, today)
            if _CREATED.fullmatch(issue.created)
            else (None, "not a date and time as GitHub writes it (2026-11-20T09:12:44Z)" + _AGAIN)
        )
        if month is None:
            skipped.add(name, issue.created_line, "createdAt", f"{wrong_date} ({about})")
            continue
        found = sections(issue.body)
        wrong = missing(found)
        if not wrong:
            flagged = screened(found)  # first: no message may repeat text that looks personal
            if flagged and rid in held_before:
                result.already += 1  # still held: its row stays as it is
                continue
            if flagged:
                known.add(rid)
                held.append(
                    {
                        "response_id": rid,
                        "source": name,
                        "line": str(line),
                        "reason": flagged[2],
                        "month": month,
                    }
                )
                continue
            wrong = unplain(found)
        if not wrong:
            response = response_of(found, issue.number)
            evidence, wrong = evidence_of(found, response)
            wrong += [
                (SECTION_OF.get(field, field), 1, message)
                for field, message in check(response, homes)
            ]
        if wrong:
            fields = [(field, message) for field, _, message in wrong]
            message = "; ".join(f"{f}: {m}" if i else m for i, (f, m) in enumerate(fields))
            skipped.add(name, line, fields[0][0], f"{message} ({about})")
            continue
        known.add(rid)
        queued.append(
            {
                "response_id": rid,
                "package": homes.package_of(response.home_ref) or "",
                "home_ref": response.home_ref,
                "resource": resource_of(response.field) or "",
                "field": response.field,
                "component_type": response.component,
                "proposed_value": response.value,
                "evidence": evidence,
                "channel": CHANNEL,
                "month": month,
                "status": "submitted",
            }
        )
    released = held_before & {row["response_id"] for row in queued}
    if released:
        rows = private.read(folder, private.HELD)
        private.rewrite(folder, private.HELD, [r for r in rows if r["response_id"] not in released])
    private.append(folder, private.HELD, held)
    private.append(folder, private.QUEUE, queued)
    result.held, result.queued = len(held), len(queued)
    result.notes.extend(publish_corrections(config, packages, problems))


def _held_issues(folder: Path) -> set[str]:
    """The ids of the issues held for review: kept without their text, they are read again
    from each export, so an issue edited on GitHub to pass the screen is queued."""
    return {
        row["response_id"]
        for row in private.read(folder, private.HELD)
        if row["response_id"].startswith(ID_PREFIX)
    }


def read_issues(path: Path, name: str, problems: Problems) -> list[ExportedIssue] | None:
    """The issues of the export, or None when it is unusable (each problem said)."""
    try:
        if path.stat().st_size > LONGEST_EXPORT:
            problems.add(
                name,
                1,
                "-",
                f"larger than {LONGEST_EXPORT // 1_000_000} MB; export fewer issues at a "
                "time (gh issue list --limit)",
            )
            return None
        text = path.read_bytes().decode("utf-8-sig")
        data, lines = read_document(text, "json")
    except FileNotFoundError:
        problems.add(name, 1, "-", "export not found; check the path of the JSON file")
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.add(name, 1, "-", f"cannot read the export as UTF-8 ({type(error).__name__})")
        return None
    except DocumentError as error:
        problems.add(name, error.line, "-", f"{error.message}{_AGAIN}")
        return None
    if not isinstance(data, list):
        problems.add(name, 1, "-", f"not a list of issues: the export is a JSON array{_AGAIN}")
        return None
    issues: list[ExportedIssue] = []
    first: dict[int, int] = {}
    for index, item in enumerate(data):
        issue = _issue(item, index, lines, name, problems)
        if issue is None:
            continue
        if issue.number in first:
            problems.add(
                name,
                issue.line,
                "number",
                f"issue #{issue.number} is in the export twice (first at line "
                f"{first[issue.number]}); export the issues again",
            )
            continue
        first[issue.number] = issue.line
        issues.append(issue)
    return None if problems else issues


def _kind(value: Any) -> str:
    """What JSON calls a value's type (never the value: it may be anything)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def _issue(
    item: Any, index: int, lines: LineIndex, name: str, problems: Problems
) -> ExportedIssue | None:
    line = lines.line_of((index,))
    if not isinstance(item, dict):
        problems.add(name, line, f"[{index}]", f"{_kind(item)}, not an issue (an object){_AGAIN}")
        return None
    absent = [key for key in KEYS if key not in item]
    if absent:
        problems.add(name, line, absent[0], f"missing from the issue{_AGAIN}")
        return None
    before = len(problems)

    def wrong(key: str, message: str) -> None:
        problems.add(name, lines.line_of((index, key)), key, message)

    number, body, labels = item["number"], item["body"], item["labels"]
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        wrong("number", f"{_kind(number)}; the issue's number is a whole number from 1")
    if not isinstance(item["title"], str):
        wrong("title", f"{_kind(item['title'])}; the issue's title is text")
    if body is not None and not isinstance(body, str):
        wrong("body", f"{_kind(body)}; the issue's body is text")
    if not isinstance(item["createdAt"], str):
        wrong("createdAt", f"{_kind(item['createdAt'])}; write it as GitHub does, as text")
    names: list[str] = []
    if not isinstance(labels, list):
        wrong("labels", f"{_kind(labels)}; the labels are a list of objects with a name")
    else:
        for position, label in enumerate(labels):
            label_name = label.get("name") if isinstance(label, dict) else None
            if not isinstance(label_name, str):
                problems.add(
                    name,
                    lines.line_of((index, "labels", position)),
                    "labels",
                    f"label {position + 1} is not an object with a name (text){_AGAIN}",
                )
            else:
                names.append(label_name)
    if len(problems) > before:
        return None
    return ExportedIssue(
        number=number,
        line=line,
        body_line=lines.line_of((index, "body")),
        body=body or "",
        labels=frozenset(names),
        created=item["createdAt"],
        created_line=lines.line_of((index, "createdAt")),
    )


def _decided(packages: list[PackageData], config: SiteConfig) -> dict[str, str]:
    """The issues a package's corrections.csv records (``GH-<number>`` -> the file)."""
    found: dict[str, str] = {}
    for package in packages:
        resource = package.resource("corrections")
        table = resource.table if resource is not None else None
        position = table.index("correction_id") if table is not None else None
        if resource is None or table is None or position is None or not resource.files:
            continue
        for row in table.rows:
            written = str(row[position])
            if written.startswith(ID_PREFIX):
                found.setdefault(written, config.relative(resource.files[0]))
    return found
