"""No copied file may take an address the site uses for a page or another file.

Files the site publishes as they are (author pictures, post and page images, static assets,
downloads) land at addresses that follow their names. A name must never make one of them
replace a page (an ``index.html``), a file the build makes (the feed, a zip, the search
index…) or another copied file, nor sit where the site has a folder (or under one of its
files): each such file is a located problem, at the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .config import SiteConfig
from .confinement import NEVER_READ, shown
from .model import SiteModel
from .problems import Problems
from .search import BUNDLE

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
    found = []
    for top, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name != NEVER_READ)
        relative = Path(top).relative_to(folder)
        found.extend((relative / name).as_posix() for name in sorted(files))
    return found


def check_addresses(
    model: SiteModel, static: list[str], config: SiteConfig, problems: Problems
) -> None:
    """Record a problem, at the copied file, for each copied file whose address the site
    also uses, or that sits where the site has a folder or under one of its files."""
    taken: dict[str, _Owner] = {}
    copied: list[tuple[str, _Owner]] = []
    clashes: dict[tuple[str, _Owner], str] = {}

    def own(address: str, owner: _Owner) -> None:
        first = taken.setdefault(address, owner)
        if owner.source is not None:
            copied.append((address, owner))
        if first == owner:
            return
        if owner.source is not None:
            clashes[address, owner] = f"the address of {first.named}"
        elif first.source is not None:
            clashes[address, first] = f"the address of {owner.named}"

    for page in model.pages:
        own(urls.output_file(page.url), _Owner("a page of the site"))
    for url in model.carried_urls:
        own(urls.output_file(url), _Owner("a page or file of the site"))
    for archive in model.archives:
        own(archive.url, _Owner("a zip of a package"))
    for file in model.files:
        if file.content is None:
            own(file.url, _Owner("a copied file", shown(file.source, config.root)))
        else:
            own(file.url, _Owner("a file the site makes"))
    static_folder = shown(config.templates_dir / "static", config.root)
    for name in static:
        own(ASSETS + name, _Owner("a static file", f"{static_folder}/{name}"))

    folders = _folders(taken)
    for address, owner in copied:
        clash = clashes.get((address, owner)) or _misplaced(address, taken, folders)
        if clash:
            clashes[address, owner] = clash
    for (address, owner), clash in clashes.items():
        problems.add(
            owner.source or "-",
            1,
            "-",
            f"would be published at /{address}, {clash}; rename or move it so it replaces "
            "nothing the site publishes",
        )


def _folders(addresses: dict[str, _Owner]) -> set[str]:
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


def _misplaced(address: str, taken: dict[str, _Owner], folders: set[str]) -> str | None:
    """Whether a copied file at ``address`` sits where the site has a folder, under one of
    its files, or in the search index; None when it does not."""
    if address.startswith(BUNDLE) or address == BUNDLE.rstrip("/"):
        return f"inside /{BUNDLE}, where the build writes the search index"
    if address + "/" in folders:
        return "where the site has a folder"
    end = address.find("/")
    while end > 0:
        if address[:end] in taken:
            return f"under /{address[:end]}, which is {taken[address[:end]].named}"
        end = address.find("/", end + 1)
    return None
