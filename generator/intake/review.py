"""``odx review``: the landlord decides on tenants' corrections queued by ``odx intake``.

Each decision moves a correction out of the private queue: the published fields (those the
package's ``corrections`` resource declares) are appended to its ``corrections.csv`` in the
file's own dialect, and the full decision (channel, month, status, reason) is kept privately
in ``decisions.csv``, with the month it was received and whether it filled a field the data
gave as not known; then the package's ``corrections_by_month.csv`` is made anew
(:mod:`generator.intake.corrections_monthly`). Deciding an id already decided adds
nothing; an unknown id, a package without a ``corrections`` resource or a home no longer in
the package stops the run before anything is written (exit 1).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.boundary import confined_config
from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.intake import private
from generator.intake.checks import Homes
from generator.intake.corrections_monthly import NOT_KNOWN, publish_corrections
from generator.load.loading import load_packages
from generator.load.package_data import PackageData
from generator.privacy.pilot_progress import current_value, values_of
from generator.privacy.screening import table_screen

REASONS = private.REASONS
EVIDENCE = {"form": "tenant-observation"}  # what a channel's correction rests on, unless said
KEEPS_ITS_ID = "github-issue"  # a correction from an issue keeps its id, GH-<issue number>
ADD_RESOURCE = (
    "the package has no 'corrections' resource to record decisions in; add one to its "
    "datapackage.json with the ODX corrections schema and a corrections.csv holding its "
    "header (see docs/intake.md), then run odx review again"
)


@dataclass
class ReviewResult:
    """What a run of ``odx review`` did."""

    problems: Problems = field(default_factory=Problems)  # nothing was written: exit 1
    accepted: int = 0
    rejected: int = 0
    already: list[str] = field(default_factory=list)  # "R-…: accepted as C-0004"


@dataclass(frozen=True)
class Decision:
    response_id: str
    status: str  # accepted or rejected
    reason: str = ""


def review(
    decisions: list[Decision], config_path: Path, today: datetime.date | None = None
) -> ReviewResult:
    """Carry out ``decisions`` (see the module's docstring)."""
    result = ReviewResult()
    problems = result.problems
    config = confined_config(config_path, problems)
    if config is None:
        return result
    folder = private.checked_folder(config, problems)
    if folder is None:
        return result
    queue_name = f"{config.odx.responses_dir.strip('/')}/{private.QUEUE}"
    queue = private.read(folder, private.QUEUE)
    decided = {row["response_id"]: row for row in private.read(folder, private.DECIDED)}
    waiting = {row["response_id"]: (line, row) for line, row in enumerate(queue, start=2)}
    todo: list[tuple[Decision, dict[str, str]]] = []
    for decision in dict.fromkeys(decisions):
        if decision.response_id in decided:
            row = decided[decision.response_id]
            result.already.append(
                f"{decision.response_id}: already {row['status']} as {row['correction_id']}"
            )
        elif decision.response_id in waiting:
            todo.append((decision, waiting[decision.response_id][1]))
        else:
            option = "--accept" if decision.status == "accepted" else "--reject"
            problems.add(
                queue_name,
                1,
                option,
                f"no correction {decision.response_id!r} waits in the queue; use a "
                "response_id of its rows",
            )
    month = (today or datetime.date.today()).strftime("%Y-%m")
    for decision, row in todo:
        if row.get("month", "") > month:  # YYYY-MM compares as text
            problems.add(
                queue_name,
                waiting[decision.response_id][0],
                "--date",
                f"{decision.response_id} would be decided ({month}) before it was received "
                f"({row['month']}); give the day it was decided with --date",
            )
    if problems or not todo:
        return result
    packages = {p.name: p for p in load_packages(config, problems, None, screen=table_screen)}
    if problems:
        problems.note(queue_name, 1, "-", "fix the data packages first (odx validate)")
        return result
    targets = _targets(todo, packages, waiting, queue_name, config, problems)
    if problems:
        return result
    year = (today or datetime.date.today()).year
    log: list[dict[str, str]] = []
    for name, (path, dialect) in targets.items():
        published = [row for decision, row in todo if row["package"] == name]
        mine = [decision for decision, row in todo if row["package"] == name]
        ids = iter(_new_ids(path, dialect, len(published)))
        homes, components = values_of(packages[name], {row["home_ref"] for row in published})
        rows = []
        for decision, row in zip(mine, published, strict=True):
            own = row["channel"] == KEEPS_ITS_ID
            correction_id = row["response_id"] if own else next(ids)
            record = {
                "correction_id": correction_id,
                "home_ref": row["home_ref"],
                "resource": row["resource"],
                "field": row["field"],
                "component_type": row["component_type"],
                "proposed_value": row["proposed_value"],
                "evidence": row.get("evidence")
                or EVIDENCE.get(row["channel"], "tenant-observation"),
                "status": decision.status,
                "decided_year": str(year),
                "channel": row["channel"],
                "decided_month": month,
                "reason": decision.reason,
            }
            rows.append(record)
            empty = current_value(row, homes, components) is None
            log.append(
                {
                    **record,
                    "response_id": row["response_id"],
                    "package": name,
                    "month": row["month"],
                    NOT_KNOWN: ("yes" if empty else "no") if decision.status == "accepted" else "",
                }
            )
        _append(path, dialect, rows)
    private.append(folder, private.DECIDED, log)
    done = {entry["response_id"] for entry in log}
    private.rewrite(folder, private.QUEUE, [r for r in queue if r["response_id"] not in done])
    publish_corrections(config, list(packages.values()), problems)
    result.accepted = sum(entry["status"] == "accepted" for entry in log)
    result.rejected = sum(entry["status"] == "rejected" for entry in log)
    return result


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    quotechar: str
    lineterminator: str
    header: list[str]
    ends_in_newline: bool


def _targets(
    todo: list[tuple[Decision, dict[str, str]]],
    packages: dict[str, PackageData],
    waiting: dict[str, tuple[int, dict[str, str]]],
    queue_name: str,
    config: SiteConfig,
    problems: Problems,
) -> dict[str, tuple[Path, Dialect]]:
    """The corrections file of each package decided on, with its dialect; what stops the
    run goes to ``problems``, located at the queued row."""
    homes = Homes.of(list(packages.values()))
    targets: dict[str, tuple[Path, Dialect]] = {}
    for decision, row in todo:
        line = waiting[decision.response_id][0]
        package = packages.get(row["package"])
        if package is None or package.profile is None:
            problems.add(queue_name, line, "package", f"no ODX package {row['package']!r} now")
            continue
        if row["home_ref"] not in homes.by_package.get(package.name, frozenset()):
            problems.add(
                queue_name,
                line,
                "home_ref",
                f"no home {row['home_ref']} in {package.name} now; reject it with "
                "--reason not-matching-records once the home is back, or remove the row",
            )
            continue
        if row["channel"] == KEEPS_ITS_ID and row["response_id"] in _recorded(package):
            problems.add(
                queue_name,
                line,
                "response_id",
                f"{row['response_id']} is already recorded in the package's corrections "
                "(decided on GitHub); remove its row from the queue",
            )
            continue
        if package.name in targets:
            continue
        resource = package.resource("corrections")
        shown = config.relative(package.folder / "datapackage.json")
        if resource is None or len(resource.files) != 1:
            problems.add(shown, 1, "corrections", ADD_RESOURCE)
            continue
        path = resource.files[0]
        dialect = _dialect(path, _declared(package))
        if dialect is None or "correction_id" not in dialect.header:
            problems.add(
                config.relative(path),
                1,
                "-",
                "cannot read its header (it needs one naming correction_id, home_ref, …)",
            )
            continue
        targets[package.name] = (path, dialect)
    return targets


def _recorded(package: PackageData) -> set[str]:
    """The correction ids the package's corrections resource holds."""
    resource = package.resource("corrections")
    table = resource.table if resource is not None else None
    position = table.index("correction_id") if table is not None else None
    if table is None or position is None:
        return set()
    return {str(row[position]) for row in table.rows}


def _declared(package: PackageData) -> dict[str, Any]:
    for entry in package.meta.get("resources", []):
        if isinstance(entry, dict) and entry.get("name") == "corrections":
            dialect = entry.get("dialect")
            return dialect if isinstance(dialect, dict) else {}
    return {}


def _dialect(path: Path, declared: dict[str, Any]) -> Dialect | None:
    """How ``path`` is written: the declared delimiter and quote, its own line ending."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    delimiter = declared.get("delimiter", ",")
    quotechar = declared.get("quoteChar", '"')
    if not (isinstance(delimiter, str) and len(delimiter) == 1):
        delimiter = ","
    if not (isinstance(quotechar, str) and len(quotechar) == 1):
        quotechar = '"'
    first = next(csv.reader(io.StringIO(text), delimiter=delimiter, quotechar=quotechar), None)
    if not first:
        return None
    return Dialect(
        delimiter,
        quotechar,
        "\r\n" if "\r\n" in text else "\n",
        first,
        text.endswith(("\n", "\r")),
    )


def _new_ids(path: Path, dialect: Dialect, count: int) -> list[str]:
    """``count`` correction ids after the highest ``C-NNNN`` the file holds."""
    text = path.read_text(encoding="utf-8-sig")
    reader = csv.DictReader(
        io.StringIO(text), delimiter=dialect.delimiter, quotechar=dialect.quotechar
    )
    numbers = [
        int(found.group(1))
        for row in reader
        if (found := re.fullmatch(r"C-([0-9]+)", (row.get("correction_id") or "").strip()))
    ]
    start = max(numbers, default=0) + 1
    return [f"C-{n:04d}" for n in range(start, start + count)]


def _append(path: Path, dialect: Dialect, rows: list[dict[str, str]]) -> None:
    """Add ``rows`` to ``path``, the columns its header names, in its own dialect."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=dialect.header,
        delimiter=dialect.delimiter,
        quotechar=dialect.quotechar,
        lineterminator=dialect.lineterminator,
        extrasaction="ignore",
        restval="",
    )
    writer.writerows(rows)
    with path.open("a", encoding="utf-8", newline="") as handle:
        if not dialect.ends_in_newline:
            handle.write(dialect.lineterminator)
        handle.write(buffer.getvalue())
