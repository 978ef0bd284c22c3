"""``odx intake-issue``: a maintainer's decision on a correction issue, written into the package.

Tenants can send a correction as a public GitHub issue, from the issue form
``.github/ISSUE_TEMPLATE/correction.yml``. When a maintainer labels it ``accepted`` or
``rejected``, a workflow runs this command on the event's payload FILE (the issue's text never
goes through a shell). The form's sections are read, checked as ``odx intake`` checks a
correction (:mod:`generator.intake.checks`), the value is screened by the privacy gate's
detectors, and one row is appended to the ``corrections.csv`` of the package that holds the
home: its ``correction_id`` is ``GH-<issue number>``, so the same issue twice adds nothing.

Anything wrong stops the run (exit 1) with a located message and writes nothing. With
``--out``, the files the workflow needs are written there: the branch name, the pull
request's title and body, and the comment for the issue (on a refusal, only the comment).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator.boundary import confined_config
from generator.core.problems import Problems
from generator.intake.checks import Homes, check, resource_of, screen
from generator.intake.form import Response
from generator.intake.issue_events import Issue, read_event
from generator.intake.issue_form import (
    FORM_LABEL,
    ID_PREFIX,
    SECTION_OF,
    Found,
    evidence_of,
    missing,
    response_of,
    sections,
)
from generator.load.loading import load_packages
from generator.load.package_data import PackageData
from generator.privacy.screening import table_screen

DECISIONS = ("accepted", "rejected")


@dataclass
class IssueResult:
    """What a run of ``odx intake-issue`` did."""

    problems: Problems = field(default_factory=Problems)
    added: bool = False
    already: bool = False
    path: str = ""  # the corrections file, relative to the project
    branch: str = ""
    title: str = ""
    body: str = ""
    comment: str = ""


def decide(event: Path, config_path: Path, today: datetime.date | None = None) -> IssueResult:
    """Record the decision the event carries (see the module's docstring)."""
    result = IssueResult()
    problems = result.problems
    issue = read_event(event, problems)
    if issue is None:
        return result
    config = confined_config(config_path, problems)
    if config is None:
        return result
    where = f"issue #{issue.number}"
    if issue.label not in DECISIONS:
        problems.add(
            where,
            1,
            "label",
            f"{issue.label!r} is not a decision; label the issue {' or '.join(DECISIONS)}",
        )
        return result
    if FORM_LABEL not in issue.labels:
        problems.add(
            where,
            1,
            "label",
            f"the issue has no {FORM_LABEL!r} label, so it was not opened with the correction "
            "form; only its issues are recorded",
        )
        return result
    found = sections(issue.body)
    response, evidence = _read_sections(found, issue.number, where, problems)
    if response is None:
        return result
    packages = load_packages(config, problems, None, screen=table_screen)
    if problems:
        problems.note(where, 1, "-", "fix the data packages first (odx validate)")
        return result
    homes = Homes.of(packages)
    line = found.get("home_ref", (1, ""))[0]
    wrong = check(response, homes)
    if wrong:
        for name, message in wrong:
            problems.add(where, found.get(SECTION_OF.get(name, name), (line, ""))[0], name, message)
        return result
    package = next(p for p in packages if p.name == homes.package_of(response.home_ref))
    _check_component(package, response, issue.label, where, found, problems)
    if problems:
        return result
    corrections = package.resource("corrections")
    if corrections is None or not corrections.files:
        problems.add(
            config.relative(package.folder / "datapackage.json"),
            1,
            "resources",
            "the package has no corrections resource to record the decision in; add "
            "corrections.csv (see docs/odx-packages.md)",
        )
        return result
    path = corrections.files[0]
    result.path = config.relative(path)
    row = {
        "correction_id": f"{ID_PREFIX}{issue.number}",
        "home_ref": response.home_ref,
        "resource": resource_of(response.field) or "",
        "field": response.field,
        "component_type": response.component,
        "proposed_value": response.value,
        "evidence": evidence,
        "status": issue.label,
        "decided_year": str((today or datetime.date.today()).year),
    }
    month = (today or datetime.date.today()).strftime("%Y-%m")
    if not _append(path, result.path, row, problems, result):
        return result
    result.branch = f"correction/issue-{issue.number}"
    what = f"{response.field} of the {response.component}" if response.component else response.field
    result.title = f"Correction #{issue.number} {issue.label}: {what} of home {response.home_ref}"
    result.body = _pr_body(issue, row, result.path, month)
    result.comment = (
        f"Thank you. This correction was **{issue.label}** ({month}). The change to "
        f"`{result.path}` is proposed in a pull request; the home's page shows the outcome "
        "once it is merged and the site is published again."
    )
    return result


def _read_sections(
    found: Found, number: int, where: str, problems: Problems
) -> tuple[Response | None, str]:
    for name, line, message in missing(found):
        problems.add(where, line, name, message)
    if problems:
        return None, ""
    response = response_of(found, number)
    # Screened before anything else, so that no message repeats text that may be personal.
    reason = screen(response)
    if reason:
        problems.add(
            where,
            response.line,
            "proposed_value",
            f"refused, not written: the value {reason.split(': ', 1)[-1]}; ask the tenant "
            "to send it privately",
        )
        return None, ""
    evidence, wrong = evidence_of(found, response)
    for name, line, message in wrong:
        problems.add(where, line, name, message)
    return (None, "") if problems else (response, evidence)


def _check_component(
    package: PackageData,
    response: Response,
    decision: str,
    where: str,
    found: Found,
    problems: Problems,
) -> None:
    """An accepted correction to a component must name a component the home has (the
    package's own rules say so; a rejected one may name any)."""
    if decision == "rejected" or not response.component:
        return
    components = package.resource("components")
    table = components.table if components is not None else None
    ref = table.index("home_ref") if table is not None else None
    kind = table.index("component_type") if table is not None else None
    if table is None or ref is None or kind is None:
        return
    if not any(
        str(row[ref]) == response.home_ref and str(row[kind]) == response.component
        for row in table.rows
    ):
        problems.add(
            where,
            found.get("component_type", (1, ""))[0],
            "component",
            f"home {response.home_ref} has no {response.component!r} component in "
            f"{package.name}; add the component first, or label the issue rejected",
        )


def _append(
    path: Path, shown: str, row: dict[str, str], problems: Problems, result: IssueResult
) -> bool:
    """Append ``row`` to the CSV file ``path`` unless a row with its id is there already."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        problems.add(shown, 1, "-", f"cannot read the corrections ({type(error).__name__})")
        return False
    newline = "\r\n" if "\r\n" in text else "\n"
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    missing = [name for name in row if name not in header]
    if missing:
        problems.add(shown, 1, "-", f"the header has no column {', '.join(missing)}; add it")
        return False
    position = header.index("correction_id")
    for number, cells in enumerate(reader, start=2):
        if len(cells) > position and cells[position] == row["correction_id"]:
            recorded = dict(zip(header, cells, strict=False)).get("status", "")
            if recorded == row["status"]:
                result.already = True
                return True
            problems.add(
                shown,
                number,
                "status",
                f"{row['correction_id']} is already recorded as {recorded!r}; change that "
                "row by hand to reverse a decision",
            )
            return False
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerow([row.get(name, "") for name in header])
    separator = "" if not text or text.endswith(("\n", "\r")) else newline
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write(separator + out.getvalue())
    result.added = True
    return True


def _pr_body(issue: Issue, row: dict[str, str], path: str, month: str) -> str:
    header = ",".join(row)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(row.values())
    return (
        f"Records the maintainer's decision on #{issue.number} ({row['status']}, {month}) in "
        f"`{path}`:\n\n"
        f"```csv\n{header}\n{out.getvalue()}```\n\n"
        "The row was checked as `odx intake` checks a correction (the home exists, the field "
        "can be corrected, the value fits it) and its value screened for personal data. "
        "Review it before merging.\n"
    )


def refusal(problems: Problems) -> str:
    """The comment for the issue when its decision could not be recorded."""
    lines = "\n".join(f"- {problem}" for problem in problems)
    return (
        "This correction could not be recorded, and nothing was written:\n\n"
        f"{lines}\n\n"
        "A maintainer can fix the issue's text (or the data) and add the label again.\n"
    )


def write_outputs(folder: Path, **files: str) -> None:
    """Write each of ``files`` (name -> text) into ``folder``: ``branch``, ``title``,
    ``body.md`` and ``comment.md``, for the workflow to read."""
    names = {"branch": "branch", "title": "title", "body": "body.md", "comment": "comment.md"}
    folder.mkdir(parents=True, exist_ok=True)
    for key, text in files.items():
        (folder / names[key]).write_text(text + ("" if text.endswith("\n") else "\n"), "utf-8")


def run_issue(args: argparse.Namespace, report: Callable[[Problems], None]) -> int:
    """``odx intake-issue``: decide, report, and write what the workflow needs."""
    result = decide(args.event, args.config)
    report(result.problems)
    if result.problems:
        if args.out is not None:
            write_outputs(args.out, comment=refusal(result.problems))
        print("intake-issue: nothing written; see the problems above", file=sys.stderr)
        return 1
    if result.already:
        print(f"intake-issue: already recorded in {result.path}; nothing added")
        return 0
    if args.out is not None:
        write_outputs(
            args.out,
            branch=result.branch,
            title=result.title,
            body=result.body,
            comment=result.comment,
        )
    print(f"intake-issue: the decision was added to {result.path}")
    print(f"branch: {result.branch}")
    return 0
