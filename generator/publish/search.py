"""Full-text search: Pagefind indexes the built site before it is swapped in.

Only pages whose template marks its main content with ``data-pagefind-body`` are indexed:
posts, dataset and resource pages, the resources page and the community pages. Home and
area pages, lists, overviews and the 404 page stay out (the home-ref lookup has its own
small index, ``homes/lookup/``). Pagefind writes its bundle to ``pagefind/``: the index in
small fragments and ``pagefind.js``, which the search page loads.

Pagefind is the program shipped in the ``pagefind_bin`` wheel (the ``pagefind[bin]``
dependency); it runs once per build, reads only the folders that can hold an opted-in page
and never touches the network.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.core.urls import BUNDLE

UNUSED_FILES = tuple(
    f"pagefind-{part}"
    for part in (
        "ui.js",
        "ui.css",
        "component-ui.js",
        "component-ui.css",
        "modular-ui.js",
        "modular-ui.css",
        "highlight.js",
    )
)
OPT_IN = b"data-pagefind-body"

# Top-level folders that never hold a searchable page. Pagefind does not even read them: a
# site may hold 100,000 home pages.
NOT_SEARCHED = frozenset({"homes", "areas", "downloads", "assets", "sitemaps", BUNDLE.strip("/")})
EXCLUDED = ".headerlink"  # the "#" permalink Markdown adds to each heading
_INDEXED = re.compile(r"Indexed (\d+) pages?")
TIMEOUT_SECONDS = 900
OUTPUT_LINES = 6  # of Pagefind's output, shown when it fails


@dataclass(frozen=True)
class SearchIndex:
    """What was indexed: ``pages`` (0 when no page opted in and no bundle was written)."""

    pages: int


class SearchFailure(Exception):
    """Pagefind could not index the site; the build stops and nothing is swapped in."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def report(self, config: SiteConfig, problems: Problems) -> None:
        """Record the failure as a problem of the build, located at the config file."""
        problems.add(
            config.relative(config.config_path),
            1,
            "search",
            f"{self.message}; the site was not changed",
        )


def index_site(folder: Path, timeout: float = TIMEOUT_SECONDS) -> SearchIndex:
    """Index the opted-in pages of the site built in ``folder`` into ``folder/pagefind/``.

    Raises :class:`SearchFailure` when Pagefind is missing, fails or takes longer than
    ``timeout`` seconds.
    """
    folders = searched_folders(folder)
    if not any(_opts_in(folder / name) for name in folders):
        return SearchIndex(0)
    executable = str(pagefind_executable())
    with _sorted_copy(folder, folders) as pages:
        command = [
            executable,
            "--site",
            str(pages),
            "--output-path",
            str(folder / BUNDLE),
            "--glob",
            "**/*.html",
            "--exclude-selectors",
            EXCLUDED,
        ]
        completed = run_pagefind(command, folder, timeout)
    if completed.returncode != 0:
        raise SearchFailure(
            f"Pagefind could not build the search index (exit code {completed.returncode}): "
            + _tail(completed.stderr or completed.stdout)
        )
    for name in UNUSED_FILES:  # Pagefind's own interfaces: the site has its own
        (folder / BUNDLE / name).unlink(missing_ok=True)
    found = _INDEXED.search(completed.stdout)
    return SearchIndex(int(found.group(1)) if found else 0)


def searched_folders(folder: Path) -> list[str]:
    """The top-level folders of the site that may hold a searchable page."""
    with os.scandir(folder) as entries:
        return sorted(
            entry.name
            for entry in entries
            if entry.is_dir(follow_symlinks=False) and entry.name not in NOT_SEARCHED
        )


def _opts_in(folder: Path) -> bool:
    """Whether any page under ``folder`` marks content for the index (stops at the first)."""
    for root, _, files in os.walk(folder):
        for name in files:
            if name.endswith(".html") and OPT_IN in Path(root, name).read_bytes():
                return True
    return False


@contextmanager
def _sorted_copy(folder: Path, folders: list[str]) -> Iterator[Path]:
    """The pages of ``folders`` (hard links, or copies where links are refused) in a folder
    beside ``folder``, made in sorted order.

    Pagefind reads pages in the order the file system lists them, and its index (file names
    included) depends on that order; some file systems list files in the order they were
    made, and pages are made by several processes at once. Made in sorted order, the same
    pages give the same index, byte for byte.
    """
    pages = folder.parent / f".{folder.name}.search-{os.getpid()}"
    shutil.rmtree(pages, ignore_errors=True)
    pages.mkdir()
    try:
        for name in folders:
            for root, dirs, files in os.walk(folder / name):
                dirs.sort()
                target = pages / Path(root).relative_to(folder)
                target.mkdir(exist_ok=True)
                for file in sorted(files):
                    if file.endswith(".html"):
                        _link_or_copy(Path(root, file), target / file)
        yield pages
    finally:
        shutil.rmtree(pages, ignore_errors=True)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def pagefind_executable() -> Path:
    """The Pagefind program of the ``pagefind[bin]`` wheel (or ``PAGEFIND_BINARY_PATH``)."""
    try:
        from pagefind.service import get_executable
    except ImportError as error:
        raise SearchFailure(_missing(f"the pagefind package is not installed ({error})")) from error
    try:
        executable = get_executable()
    except (FileNotFoundError, OSError) as error:
        raise SearchFailure(_missing(str(error))) from error
    if executable is None:
        raise SearchFailure(_missing("no Pagefind program was found"))
    return executable


def _missing(why: str) -> str:
    return (
        f"the search index cannot be built: {why}; install the project again "
        "(`make site`, which installs pagefind[bin])"
    )


def run_pagefind(command: list[str], folder: Path, timeout: float) -> subprocess.CompletedProcess:
    """Run Pagefind in ``folder``; its own settings files and variables are not read, so the
    index depends only on the site."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    try:
        return subprocess.run(
            command,
            cwd=folder,
            env=environment,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise SearchFailure(f"Pagefind did not finish within {timeout:g} seconds") from error
    except OSError as error:
        raise SearchFailure(f"Pagefind could not be started ({command[0]}: {error})") from error


def _tail(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    unique = list(dict.fromkeys(lines[-OUTPUT_LINES:]))  # Pagefind repeats its error line
    return " / ".join(unique) or "no message"
