"""What one feature adds to the site: a :class:`Section`.

Each feature (the catalogue, the tenant view, the community content) makes its section from
the published packages and the content it is given, and the assembler
(:mod:`generator.assembler`) puts the sections together: adding a feature means one new room
and one line there. A section's pages do not carry the site's navigation yet; the assembler
adds it once every section has said which entries it brings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.structure.incremental import Part
from generator.structure.page import CopiedFile, MadeFiles, Page, ZipArchive

NavEntry = tuple[str, str]  # (label, site URL)


@dataclass
class Section:
    """The pages, copied files and zips of one feature; the parts of the output it
    fingerprints for incremental builds, those carried unchanged from the previous output
    (with every URL they hold), and the entries it adds to the site's navigation."""

    pages: list[Page] = field(default_factory=list)
    files: list[CopiedFile] = field(default_factory=list)
    archives: list[ZipArchive] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    carried: list[Part] = field(default_factory=list)
    carried_urls: set[str] = field(default_factory=set)
    made: list[MadeFiles] = field(default_factory=list)
    nav: tuple[NavEntry, ...] = ()

    def add(self, other: Section) -> None:
        """Take in everything of ``other`` (navigation entries included)."""
        self.pages.extend(other.pages)
        self.files.extend(other.files)
        self.archives.extend(other.archives)
        self.parts.extend(other.parts)
        self.carried.extend(other.carried)
        self.carried_urls.update(other.carried_urls)
        self.made.extend(other.made)
        self.nav += other.nav
