"""The private folder where individual responses are kept: never published, never in git.

``odx.responses_dir`` must name a folder inside the project (reached without a link, outside
``.git/``), which is not inside, and does not hold, the site's output folder, a data package
or any other folder the build reads. Responses are kept there as CSV files keyed by their
response id, so taking the same export in twice adds nothing.
"""

from __future__ import annotations

import csv
import fnmatch
import os
from collections.abc import Iterable
from pathlib import Path

from generator.config import SiteConfig
from generator.core.confinement import locate, within
from generator.core.problems import Problems

RESPONSES = "responses.csv"
HELD = "held-for-review.csv"
QUEUE = "corrections-queue.csv"
REASONS = ("not-matching-records", "needs-evidence", "duplicate", "other")  # of a rejection
DECIDED = "decisions.csv"  # corrections decided on by odx review, with their provenance
COLUMNS = {
    RESPONSES: (
        "response_id",
        "package",
        "home_ref",
        "satisfaction",
        "improve",
        "comment",
        "month",
        "source",
    ),
    HELD: (
        "response_id",
        "source",
        "line",
        "reason",
        "home_ref",
        "satisfaction",
        "improve",
        "comment",
        "field",
        "component",
        "value",
        "month",
        "evidence",  # added later, with the correction form's question
    ),
    QUEUE: (
        "response_id",
        "package",
        "home_ref",
        "resource",
        "field",
        "component_type",
        "proposed_value",
        "channel",
        "month",
        "status",
        "evidence",  # added later: an older queue without it is rewritten with it
    ),
    DECIDED: (
        "response_id",
        "package",
        "correction_id",
        "home_ref",
        "resource",
        "field",
        "component_type",
        "proposed_value",
        "channel",
        "status",
        "reason",
        "decided_month",
        "evidence",
        "month",  # added later, with was_not_known: when it was received
        "was_not_known",  # yes when the field was empty in the data when it was accepted
    ),
}
_OWN = "; choose a folder of its own inside the project, e.g. .odx-private/responses"


def checked_folder(config: SiteConfig, problems: Problems) -> Path | None:
    """The private folder, or None when it lies where it may not (reported at the line of
    the ``responses_dir`` option)."""
    wrong = folder_problem(config)
    if wrong:
        problems.add(
            config.relative(config.config_path),
            config.line_of("odx.responses_dir"),
            "odx.responses_dir",
            wrong,
        )
        return None
    return config.root / config.odx.responses_dir


def folder_problem(config: SiteConfig) -> str | None:
    """What makes ``odx.responses_dir`` unfit to keep personal data in, or None."""
    root = config.root.resolve()
    named = f"'{config.odx.responses_dir}'"
    where = locate(root / config.odx.responses_dir, root)
    if where.wrong == "outside":
        return f"{named} leads out of the project, and odx never writes outside it{_OWN}"
    if where.wrong == "git":
        return f"{named} is inside .git/, which odx never writes{_OWN}"
    if where.wrong == "link":
        return f"{named} leads through a symbolic link, and odx follows no links{_OWN}"
    if where.real == root:
        return f"{named} is the project folder itself{_OWN}"
    for label, path in _published_or_read(config):
        real = Path(os.path.realpath(path))
        if within(where.real, real):
            return f"{named} lies inside {label}: responses there could be published{_OWN}"
        if within(real, where.real):
            return f"{named} holds {label}{_OWN}"
    return None


def _published_or_read(config: SiteConfig) -> list[tuple[str, Path]]:
    odx = config.odx
    return [
        (f"the output folder '{config.site_dir}'", config.root / config.site_dir),
        (f"the data packages folder '{odx.datapackages}'", config.datapackages_dir),
        (f"the templates folder '{odx.templates}'", config.templates_dir),
        (f"the insights folder '{odx.insights}'", config.insights_dir),
        (f"the pages folder '{odx.pages}'", config.pages_dir),
        (f"the cache folder '{odx.cache_dir}'", config.root / odx.cache_dir),
        (f"the resources list '{odx.resources}'", config.resources_path),
        (f"the config file '{config.config_path.name}'", config.config_path),
    ]


def ignored_by_git(config: SiteConfig) -> bool:
    """Whether the project's ``.gitignore`` ignores ``odx.responses_dir`` (or a folder above
    it). Read simply: a pattern matches the folder's path or one of its leading parts."""
    try:
        lines = (config.root / ".gitignore").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    parts = Path(os.path.normpath(config.odx.responses_dir)).parts
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for line in lines:
        pattern = line.strip()
        if not pattern or pattern.startswith(("#", "!")):
            continue
        anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
        pattern = pattern.strip("/")
        for prefix in prefixes:
            candidates = [prefix] if anchored else [prefix, prefix.rsplit("/", 1)[-1]]
            if any(fnmatch.fnmatchcase(c, pattern) for c in candidates):
                return True
    return False


def known_ids(folder: Path) -> set[str]:
    """The response ids already kept in ``folder``, in any of its files."""
    ids: set[str] = set()
    for name in COLUMNS:
        try:
            with (folder / name).open(encoding="utf-8", newline="") as handle:
                ids.update(row.get("response_id") or "" for row in csv.DictReader(handle))
        except FileNotFoundError:
            continue
    ids.discard("")
    return ids


def append(folder: Path, name: str, rows: Iterable[dict[str, str]]) -> None:
    """Add ``rows`` to the file ``name`` of ``folder`` (made, with its header, if need be).

    A file written before a column was added is first rewritten with the column, empty for
    its rows (columns of its own are kept after odx's)."""
    rows = list(rows)
    if not rows:
        return
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    header = _header(path)
    if header is not None and header != list(_columns(name, header)):
        rewrite(folder, name, read(folder, name))
        header = _header(path)
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=_columns(name, header or []), extrasaction="ignore"
        )
        if header is None:
            writer.writeheader()
        writer.writerows(rows)


def _header(path: Path) -> list[str] | None:
    """The header of the file ``path``, or None when it is missing or empty."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return next(csv.reader(handle), None)
    except FileNotFoundError:
        return None


def _columns(name: str, header: list[str]) -> tuple[str, ...]:
    """The columns of the file ``name``: odx's, then any of its own ``header`` adds."""
    return (*COLUMNS[name], *(c for c in header if c and c not in COLUMNS[name]))


def read(folder: Path, name: str) -> list[dict[str, str]]:
    """The rows of the file ``name`` of ``folder`` (none if it is not there yet); a column
    an older file lacks reads as empty."""
    try:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            return [
                {**dict.fromkeys(COLUMNS[name], ""), **{k: v or "" for k, v in row.items() if k}}
                for row in csv.DictReader(handle)
            ]
    except FileNotFoundError:
        return []


def rewrite(folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    """Replace the file ``name`` of ``folder`` by ``rows``, atomically."""
    path = folder / name
    part = path.with_name(f".{name}.part")
    columns = _columns(name, [key for row in rows[:1] for key in row])
    with part.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", restval="")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(part, path)
