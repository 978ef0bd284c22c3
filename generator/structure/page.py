"""What the site is made of: pages, files published byte for byte, zips, and the site model
that holds them, handed from the assembler to the renderer and the writer."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core import formatting as fmt
from generator.core import urls
from generator.structure.contexts import Crumb
from generator.structure.discovery import PLAIN, PageHead
from generator.structure.incremental import Part


@dataclass(frozen=True)
class Page:
    """One HTML page: where it lives, which template shows it and what it shows.

    ``lazy``, when given, makes the rest of the context when the page is rendered: pages
    that are many (a home per page) are decided here but their values are computed by the
    renderer, one page at a time and on every core.
    """

    url: str
    template: str
    title: str
    context: Mapping[str, Any]  # one of the contexts of a feature's ``contexts`` module
    absolute_links: bool = False  # the 404 page, which a server shows at any address
    lazy: Callable[[], dict[str, Any]] | None = None
    head: PageHead = PLAIN

    def values(self) -> Mapping[str, Any]:
        """The whole context the template shows."""
        if self.lazy is None:
            return self.context
        return {**self.context, **self.lazy()}


@dataclass(frozen=True)
class CopiedFile:
    """A file published byte for byte at ``url``; ``label`` is its path in the package."""

    url: str
    source: Path
    label: str
    content: bytes | None = None  # published instead of the source when the gate changed it
    published_size: int | None = None  # of a changed file carried from the previous output

    @property
    def size(self) -> int:
        """Bytes published."""
        if self.content is not None:
            return len(self.content)
        if self.published_size is not None:
            return self.published_size
        return self.source.stat().st_size

    def view(self) -> dict[str, str]:
        """What a download link shows."""
        return {"label": self.label, "url": self.url, "size": fmt.size(self.size)}


@dataclass(frozen=True)
class ZipArchive:
    """A zip written at ``url`` holding ``members`` (name in the archive, source file)."""

    url: str
    members: tuple[tuple[str, Path | bytes], ...]


@dataclass(frozen=True)
class MadeFiles:
    """Files the build makes one after another while the pages render: ``urls`` in order
    and ``make``, which yields the bytes of each in that order (one at a time, so a large
    table never sits in memory as a whole)."""

    urls: tuple[str, ...]
    make: Callable[[], Iterator[bytes]]


# A page whose template is this is written as the JSON of its one context value.
JSON_TEMPLATE = "(json)"


@dataclass
class SiteModel:
    """All the site's pages and files, decided before anything is rendered.

    ``parts`` are the costly parts of the output with their fingerprints (see
    :mod:`generator.structure.incremental`); those in ``carried`` are taken from the previous output
    as they are, and their pages and files are not in ``pages``, ``files`` or ``archives``
    (``carried_urls`` lists their URLs).
    """

    site: dict[str, Any]
    pages: list[Page] = field(default_factory=list)
    files: list[CopiedFile] = field(default_factory=list)
    archives: list[ZipArchive] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    carried: list[Part] = field(default_factory=list)
    carried_urls: set[str] = field(default_factory=set)
    made: list[MadeFiles] = field(default_factory=list)

    def known_urls(self) -> set[str]:
        """Every URL the site will serve (pages, files, archives, stylesheet and script)."""
        return (
            {page.url for page in self.pages}
            | {file.url for file in self.files}
            | {archive.url for archive in self.archives}
            | self.carried_urls
            | {url for made in self.made for url in made.urls}
            | {urls.STYLESHEET, urls.SCRIPT}
        )


def crumbs(*trail: tuple[str, str]) -> list[Crumb]:
    """The breadcrumb trail of a page: the home page, then each (label, URL) given."""
    return [Crumb(label="Home", url=urls.HOME)] + [
        Crumb(label=label, url=url) for label, url in trail
    ]
