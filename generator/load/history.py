"""A package's changes from the project's git history: when, the commit's first line, and
the data rows of each CSV file it changed, before and after.

Git runs as a subprocess on the project's own repository, which is reading inside the
project: a fixed argument list (no shell; the package folder is the only path, after ``--``),
no pager, no system configuration, no prompt, and a timeout. Whatever goes wrong (git not
installed, the project not in a repository, a shallow clone whose history is cut, a folder
never committed, a timeout) gives a history that says it is not available, never an error:
the build does not depend on git.

Cost is bounded per package, never per home: the last :data:`MAX_CHANGES` commits that
touched the folder, one ``git log``, one ``git cat-file --batch-check`` and one ``git
cat-file`` per version of a file not counted yet; files over :data:`MAX_COUNTED_BYTES` are
not counted. Rows are counted with the csv module only when a
file holds a quote (a quoted field may hold a line break); otherwise lines are counted.
Counts are remembered for the build by blob id (the content's hash).

Author names and e-mail addresses are never read: contributors' names are personal data,
and a dataset's contributors are credited by its descriptor instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MAX_CHANGES = 10
MAX_COUNTED_BYTES = 64 * 1024 * 1024
MAX_CHANGELOG_BYTES = 256 * 1024
TIMEOUT = 30.0  # seconds per git run
CHANGELOG = "CHANGELOG.md"
_NO_BLOB = "0" * 40
_SHA = re.compile(r"[0-9a-f]{40}")
_COUNTS: dict[str, int] = {}  # rows by blob id, for the build


@dataclass(frozen=True)
class FileChange:
    """A CSV file of the package a commit changed: its path inside the package folder, and
    its data rows before and after (None: the file did not exist, or was not counted)."""

    path: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class Change:
    """One commit that changed the package: its id, when it was committed and its first
    line (untrusted text, shown escaped)."""

    commit: str
    date: dt.datetime
    message: str
    files: tuple[FileChange, ...]


@dataclass(frozen=True)
class PackageHistory:
    """The newest changes first; ``available`` is False when the repository cannot tell
    (``changes`` is then empty)."""

    available: bool
    changes: tuple[Change, ...] = ()


NOT_AVAILABLE = PackageHistory(available=False)


def package_history(root: Path, folder: Path, limit: int = MAX_CHANGES) -> PackageHistory:
    """The history of the package in ``folder``, a folder of the project ``root``."""
    try:
        relative = folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return NOT_AVAILABLE
    shallow = _git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() != b"false":
        return NOT_AVAILABLE
    log = _git(
        root,
        "log",
        "-z",
        "--no-merges",
        f"--max-count={limit}",
        "--format=%x1e%H%x1f%cI%x1f%s",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--relative",
        "--",
        relative or ".",
    )
    if log is None:
        return NOT_AVAILABLE
    commits = _parse_log(log.decode("utf-8", "replace"), relative)
    counts = _count_rows(
        root, {blob for _, _, _, files in commits for _, *blobs in files for blob in blobs}
    )
    changes = tuple(
        Change(
            sha,
            date,
            message,
            tuple(FileChange(path, counts.get(old), counts.get(new)) for path, old, new in files),
        )
        for sha, date, message, files in commits
    )
    return PackageHistory(available=True, changes=changes)


def read_changelog(folder: Path) -> str | None:
    """The text of the package's ``CHANGELOG.md``, when it has a plain one of a sane size."""
    path = folder / CHANGELOG
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_CHANGELOG_BYTES:
            return None
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


_Parsed = tuple[str, dt.datetime, str, list[tuple[str, str, str]]]


def _parse_log(text: str, folder: str) -> list[_Parsed]:
    """(commit, date, first line, [(path in the folder, old blob, new blob)]) per commit;
    only CSV files are kept, with the blobs of a side that does not exist left out."""
    commits: list[_Parsed] = []
    tokens = iter(text.split("\0"))
    prefix = f"{folder}/" if folder else ""
    for token in tokens:
        token = token.lstrip("\n")
        if token.startswith("\x1e"):
            sha, _, rest = token[1:].partition("\x1f")
            stamp, _, message = rest.partition("\x1f")
            try:
                date = dt.datetime.fromisoformat(stamp)
            except ValueError:
                continue
            if _SHA.fullmatch(sha):
                commits.append((sha, date, " ".join(message.split()), []))
        elif token.startswith(":") and commits:
            fields = token.split()
            path = next(tokens, "")
            if len(fields) < 5 or not path.startswith(prefix):
                continue
            if path.lower().endswith(".csv"):
                old, new = (blob if blob != _NO_BLOB else "" for blob in fields[2:4])
                commits[-1][3].append((path[len(prefix) :], old, new))
    return commits


def _count_rows(root: Path, blobs: set[str]) -> dict[str, int]:
    """The data rows of each blob (its lines but the header) that is small enough."""
    wanted = sorted(blob for blob in blobs if blob and _SHA.fullmatch(blob) and blob not in _COUNTS)
    if wanted:
        sizes = _git(root, "cat-file", "--batch-check", stdin="\n".join(wanted) + "\n")
        small = []
        for line in (sizes or b"").decode("ascii", "replace").splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] == "blob" and int(parts[2]) <= MAX_COUNTED_BYTES:
                small.append(parts[0])
        for blob in small:  # one at a time: at most one file's bytes in memory
            data = _git(root, "cat-file", "blob", blob)
            if data is not None:
                _COUNTS[blob] = rows(data)
    return {blob: _COUNTS[blob] for blob in blobs if blob in _COUNTS}


def rows(data: bytes) -> int:
    """The data rows of a CSV file: its records but the header, blank lines not counted."""
    if b'"' not in data:
        return max(0, sum(1 for line in data.splitlines() if line.strip()) - 1)
    reader = csv.reader(io.StringIO(data.decode("utf-8", "replace"), newline=""))
    try:
        return max(0, sum(1 for record in reader if any(cell.strip() for cell in record)) - 1)
    except csv.Error:
        return max(0, data.count(b"\n") - 1)


def _git(root: Path, *args: str, stdin: str | None = None) -> bytes | None:
    """What ``git -C root args`` prints, or None when it cannot run or fails."""
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_PAGER": "cat",
        "PAGER": "cat",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_OPTIONAL_LOCKS": "0",
        "LC_ALL": "C",
    }
    try:
        result = subprocess.run(
            ["git", "--no-pager", "-c", "core.fsmonitor=false", "-C", str(root), *args],
            input=stdin.encode("ascii") if stdin is not None else None,
            capture_output=True,
            timeout=TIMEOUT,
            env=env,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
