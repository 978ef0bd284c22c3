"""No copied file may take an address the site uses for a page or another file.

Files the site publishes as they are (author pictures, post and page images, static assets,
downloads) land at addresses that follow their names. A name must never make one of them
replace a page (an ``index.html``), a file the build makes (the feed, a zip, the search
index…) or another copied file, nor sit where the site has a folder (or under one of its
files): each such file is a located problem, at the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.config import SiteConfig
from generator.core import urls
from generator.core.confinement import NEVER_READ, shown
from generator.core.problems import Problems
from generator.core.urls import BUNDLE
from generator.structure.page import SiteModel

ASSETS = urls.asset("")  # where the static folder is published


@dataclass(frozen=True)
class _Owner:
    """What puts a file at an address: a page, a generated file, or a copy of ``source``."""

    what: str
    source: str | None = None  # the copied file, as messages show it

    @property
    def named(self) -> str:
        return f"{self.what} ({self.source})" if self.source else self.what


def static_files(config: SiteConfig) -> list[str]:
    """Every file of the templates' static folder, relative to it (``.git`` skipped)."""
    folder = config.templates_dir / "static"
    found: list[str] = []
    for top, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name != NEVER_READ)
        relative = Path(top).relative_to(folder)
        found.extend((relative / name).as_posix() for name in sorted(files))
    return found


def check_addresses(
    model: SiteModel, static: list[str], config: SiteConfig, problems: Problems
) -> None:
    """Record a problem, at the copied file, for each copied file whose address the site
    also uses, or that sits where the site has a folder or under one of its files.

    Only addresses in the top-level folders that hold a copied file are looked at: the
    100,000 pages of ``homes/`` are passed over at the cost of a set lookup each.
    """
    copied: dict[str, list[_Owner]] = {}
    for file in model.files:
        if file.content is None:
            copied.setdefault(file.url, [])
            owner = _Owner("a copied file", shown(file.source, config.root))
            if owner not in copied[file.url]:
                copied[file.url].append(owner)
    static_folder = shown(config.templates_dir / "static", config.root)
    for name in static:
        copied.setdefault(ASSETS + name, []).append(
            _Owner("a static file", f"{static_folder}/{name}")
        )
    if not copied:
        return
    tops = {_top(address) for address in copied}
    taken: dict[str, _Owner] = {}
    made = [
        (urls.output_file(url), what)
        for urls_of, what in (
            ((page.url for page in model.pages), "a page of the site"),
            (model.carried_urls, "a page or file of the site"),
            ((archive.url for archive in model.archives), "a zip of a package"),
            ((f.url for f in model.files if f.content is not None), "a file the site makes"),
            ((url for made in model.made for url in made.urls), "a file the site makes"),
        )
        for url in urls_of
        if _top(url) in tops
    ]
    for address, what in made:
        taken.setdefault(address, _Owner(what))
    named = {address: owner.named for address, owner in taken.items()}
    named.update((address, owners[0].named) for address, owners in copied.items())
    folders = _folders(named)
    for address, owners in sorted(copied.items()):
        first = owners[0]
        for owner in owners[1:]:
            _report(problems, owner, address, f"the address of {first.named}")
        clash = (
            f"the address of {taken[address].named}"
            if address in taken
            else _misplaced(address, named, folders)
        )
        if clash:
            _report(problems, first, address, clash)


def _top(url: str) -> str:
    """The top-level folder of an address (``homes`` for ``homes/x/``), or the address."""
    end = url.find("/")
    return url if end < 0 else url[:end]


def _report(problems: Problems, owner: _Owner, address: str, clash: str) -> None:
    problems.add(
        owner.source or "-",
        1,
        "-",
        f"would be published at /{address}, {clash}; rename or move it so it replaces "
        "nothing the site publishes",
    )


def _folders(addresses: Iterable[str]) -> set[str]:
    """Every folder (``a/b/``) that holds one of ``addresses``."""
    folders: set[str] = set()
    for address in addresses:
        end = address.rfind("/")
        while end > 0:
            folder = address[: end + 1]
            if folder in folders:
                break
            folders.add(folder)
            end = address.rfind("/", 0, end)
    return folders


def _misplaced(address: str, named: dict[str, str], folders: set[str]) -> str | None:
    """Whether a copied file at ``address`` sits where the site has a folder, under one of
    its files, or in the search index; None when it does not."""
    if address.startswith(BUNDLE) or address == BUNDLE.rstrip("/"):
        return f"inside /{BUNDLE}, where the build writes the search index"
    if address + "/" in folders:
        return "where the site has a folder"
    end = address.find("/")
    while end > 0:
        if address[:end] in named:
            return f"under /{address[:end]}, which is {named[address[:end]]}"
        end = address.find("/", end + 1)
    return None
