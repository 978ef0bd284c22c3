"""``odx intake``: read an export of responses, check each, keep the good ones privately.

An export of GitHub correction issues (JSON) is taken in by
:mod:`generator.intake.issue_export`; this module reads the form service's CSV exports.

The input files are unusable (the run stops, writes nothing, exit 1) when the config, a data
package, the export, the mapping or the private folder is. A bad response is reported,
located at its line of the export, and skipped; the others are taken in (exit 0).
"""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from generator.boundary import confined_config
from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.intake import private
from generator.intake.checks import Homes, check, kept_improvements, resource_of, screen
from generator.intake.corrections_monthly import publish_corrections
from generator.intake.feedback import publish_feedback
from generator.intake.form import (
    HONEYPOT,
    MAX_IMPROVEMENTS,
    ROBOT,
    Response,
    response_id,
    split_improvements,
    submitted_month,
)
from generator.intake.issue_export import is_issue_export, take_in_issues
from generator.intake.mapping import Mapping, default_mapping, read_mapping
from generator.intake.taking import IntakeResult, checked_homes, gitignore_note, shown_name


@dataclass(frozen=True)
class Export:
    """The rows of an export: its header and each row with the line it starts on."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    short: dict[int, str]  # line -> what is wrong with a row of the wrong length


def intake(
    export: Path,
    config_path: Path,
    mapping: Path | None = None,
    today: datetime.date | None = None,
) -> IntakeResult:
    """Take the responses of ``export`` in (see the module's docstring)."""
    result = IntakeResult()
    problems = result.problems
    config = confined_config(config_path, problems)
    if config is None:
        return result
    root = config.root.resolve()
    result.folder = config.odx.responses_dir
    if private.checked_folder(config, problems) is None:
        return result
    export_name = shown_name(export, root)
    if is_issue_export(export):
        if mapping is not None:
            problems.add(
                export_name,
                1,
                "--mapping",
                "a mapping is for CSV exports; an export of issues needs none",
            )
            return result
        take_in_issues(export, export_name, config, today or datetime.date.today(), result)
        return result
    table = _read_export(export, export_name, problems)
    if table is None:
        return result
    if mapping is None:
        columns = default_mapping(table.header)
    else:
        columns = read_mapping(
            mapping, shown_name(mapping, root), table.header, export_name, problems
        )
    if problems:
        return result
    if "home_ref" not in columns:
        problems.add(
            export_name,
            1,
            "home_ref",
            "no column holds the home reference; name it 'home_ref' or map it with --mapping",
        )
        return result
    loaded = checked_homes(config, export_name, problems)
    if loaded is None:
        return result
    packages, homes = loaded
    gitignore_note(config, result)
    _take_in(table, columns, homes, config, export_name, today or datetime.date.today(), result)
    result.notes.extend(publish_feedback(config, packages, problems))
    result.notes.extend(publish_corrections(config, packages, problems))
    return result


def _read_export(path: Path, name: str, problems: Problems) -> Export | None:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            rows: list[tuple[int, dict[str, str]]] = []
            short: dict[int, str] = {}
            start = reader.line_num + 1
            for cells in reader:
                line, start = start, reader.line_num + 1
                if not any(cell.strip() for cell in cells):
                    continue
                if header is not None and len(cells) != len(header):
                    short[line] = (
                        f"the row has {len(cells)} cells and the header {len(header)}; "
                        "export the responses as CSV again"
                    )
                    cells = [*cells, *[""] * (len(header) - len(cells))][: len(header)]
                rows.append((line, dict(zip(header or [], cells, strict=True))))
    except FileNotFoundError:
        problems.add(name, 1, "-", "export not found; check the path of the CSV file")
        return None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        problems.add(
            name,
            1,
            "-",
            f"cannot read the export as UTF-8 CSV ({type(error).__name__}: "
            f"{error}); export the responses as CSV again",
        )
        return None
    if not header or not any(cell.strip() for cell in header):
        problems.add(name, 1, "-", "the export is empty: it needs a header row of column names")
        return None
    twice = sorted({cell for cell in header if header.count(cell) > 1})
    if twice:
        problems.add(name, 1, "-", f"column {twice[0]!r} appears twice in the header; rename one")
        return None
    return Export(header, rows, short)


def _response(line: int, row: dict[str, str], columns: Mapping) -> Response:
    def value(name: str) -> str:
        return " ".join(row[c].strip() for c in columns.get(name, []) if row[c].strip())

    return Response(
        response_id=response_id(row),
        line=line,
        home_ref=value("home_ref").upper(),
        satisfaction=value("satisfaction").lower(),
        improve=split_improvements([row[c] for c in columns.get("improve", [])]),
        comment=value("comment"),
        field=value("field"),
        component=value("component"),
        value=value("value"),
        evidence=value("evidence").lower(),
        website=value(HONEYPOT),
        submitted=value("submitted"),
    )


def _take_in(
    table: Export,
    columns: Mapping,
    homes: Homes,
    config: SiteConfig,
    export_name: str,
    today: datetime.date,
    result: IntakeResult,
) -> None:
    folder = config.root / config.odx.responses_dir
    known = private.known_ids(folder)
    short = table.short
    accepted: list[dict[str, str]] = []
    held: list[dict[str, str]] = []
    queued: list[dict[str, str]] = []
    for line, row in table.rows:
        response = _response(line, row, columns)
        if response.website:  # never stored, not even its id
            result.robots += 1
            result.skipped.note(export_name, line, HONEYPOT, ROBOT)
            continue
        if response.response_id in known:
            result.already += 1
            continue
        known.add(response.response_id)
        month, wrong_date = submitted_month(response.submitted, today)
        if month is None:
            result.skipped.add(export_name, line, "submitted", wrong_date)
            continue
        reason = screen(response)  # first: a skipped response's message would repeat its text
        if reason:
            held.append(_held_row(response, export_name, reason, month))
            continue
        if response.line in short:
            result.skipped.add(export_name, line, "-", short[response.line])
            continue
        wrong = check(response, homes)
        if wrong:
            message = "; ".join(
                f"{name}: {text}" if i else text for i, (name, text) in enumerate(wrong)
            )
            result.skipped.add(export_name, line, wrong[0][0], message)
            continue
        improve = kept_improvements(response)
        if len(response.improve) > MAX_IMPROVEMENTS:
            result.skipped.note(
                export_name,
                line,
                "improve",
                f"{len(response.improve)} improvements given; the first {MAX_IMPROVEMENTS} kept",
            )
        package = homes.package_of(response.home_ref) or ""
        if response.has_feedback:
            accepted.append(
                {
                    "response_id": response.response_id,
                    "package": package,
                    "home_ref": response.home_ref,
                    "satisfaction": response.satisfaction,
                    "improve": ";".join(improve),
                    "comment": response.comment,
                    "month": month,
                    "source": export_name,
                }
            )
        if response.is_correction:
            queued.append(
                {
                    "response_id": response.response_id,
                    "package": package,
                    "home_ref": response.home_ref,
                    "resource": resource_of(response.field) or "",
                    "field": response.field,
                    "component_type": response.component,
                    "proposed_value": response.value,
                    "channel": "form",
                    "month": month,
                    "status": "submitted",
                    "evidence": response.evidence,
                }
            )
    private.append(folder, private.RESPONSES, accepted)
    private.append(folder, private.HELD, held)
    private.append(folder, private.QUEUE, queued)
    result.added, result.held, result.queued = len(accepted), len(held), len(queued)


def _held_row(response: Response, source: str, reason: str, month: str) -> dict[str, str]:
    return {
        "response_id": response.response_id,
        "source": source,
        "line": str(response.line),
        "reason": reason,
        "home_ref": response.home_ref,
        "satisfaction": response.satisfaction,
        "improve": ";".join(kept_improvements(response)),
        "comment": response.comment,
        "field": response.field,
        "component": response.component,
        "value": response.value,
        "month": month,
        "evidence": response.evidence,
    }
