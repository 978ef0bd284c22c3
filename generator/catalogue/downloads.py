"""A package's downloads: its files as published (the privacy gate's bytes where it changed
them) and its zip, carried from the previous output when the package has not changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from generator.core import urls
from generator.load.package_data import PackageData
from generator.privacy.kanonymity import PackagePrivacy
from generator.privacy.published_files import replaced_files
from generator.structure.incremental import OutputManifest, Part, fingerprint
from generator.structure.page import CopiedFile, ZipArchive
from generator.structure.section import Section


class ChangedFiles(Protocol):
    """The files the privacy gate changed, as the tenant view made them: their published
    bytes, or, when the tenant view was carried from the previous output, its facts."""

    replaced: dict[Path, bytes]
    carried: dict[str, Any] | None

    def published_size(self, source: Path) -> int | None:
        """The published size of ``source`` when the gate changed it, else None."""
        ...


def _downloads_part(package: PackageData) -> Part | None:
    """A package's downloads folder and zip as a part of the output, fingerprinted by the
    package's content (which holds the options, so the privacy gate's decision too) and, for
    a package zipped whole, by the name, size and mtime of every file in its folder."""
    if package.content_key is None:
        return None
    folder = (
        []
        if package.profile is not None
        else [
            (relative.as_posix(), status.st_size, status.st_mtime_ns)
            for relative, path in _folder_members(package)
            for status in [path.stat()]
        ]
    )
    key = fingerprint("downloads", package.slug, package.content_key, folder)
    paths = (urls.download(package.slug, ""), urls.package_zip(package.slug))
    return Part(f"downloads/{package.slug}", key, paths)


def downloads_section(
    package: PackageData,
    published: list[CopiedFile],
    changed: ChangedFiles,
    privacy: dict[str, PackagePrivacy],
    previous: OutputManifest | None,
) -> Section:
    """The package's downloads and zip: carried from the previous output when unchanged."""
    section = Section()
    part = _downloads_part(package)
    if part is not None:
        section.parts.append(part)
    carried = previous.carried(part) if previous and part else None
    if carried is not None:
        section.carried.append(carried)
        section.carried_urls.update(file.url for file in published)
        section.carried_urls.add(urls.package_zip(package.slug))
        return section
    if changed.carried is not None and package.profile is not None:  # the gate's bytes are needed
        decided = privacy.get(package.slug)
        replaced = replaced_files(package, decided) if decided else {}
        published = [
            replace(file, content=replaced[file.source]) if file.source in replaced else file
            for file in published
        ]
    section.files.extend(published)
    section.archives.append(_archive(package, published))
    return section


def published_files(package: PackageData, changed: ChangedFiles) -> list[CopiedFile]:
    """The descriptor, every local data file and every local schema or dialect it refers to:
    unchanged unless the privacy gate changed what may be published."""
    sources = [package.descriptor.path] + [
        p for r in package.resources for p in [*r.files, *r.referenced]
    ]
    files = []
    for source in dict.fromkeys(sources):
        label = source.relative_to(package.folder).as_posix()
        files.append(
            CopiedFile(
                urls.download(package.slug, label),
                source,
                label,
                changed.replaced.get(source),
                changed.published_size(source),
            )
        )
    return files


def _archive(package: PackageData, published: list[CopiedFile]) -> ZipArchive:
    """A zip of the package folder; of an ODX package, exactly the files it publishes.

    An ODX package passed the privacy gate file by file, so nothing the gate has not
    checked (a stray export in the folder) may reach the zip.
    """
    if package.profile is not None:
        members = tuple(
            (
                f"{package.slug}/{file.label}",
                file.content if file.content is not None else file.source,
            )
            for file in sorted(published, key=lambda f: f.label)
        )
        return ZipArchive(urls.package_zip(package.slug), members)
    members = tuple(
        (f"{package.slug}/{relative.as_posix()}", path)
        for relative, path in _folder_members(package)
    )
    return ZipArchive(urls.package_zip(package.slug), members)


def _folder_members(package: PackageData) -> list[tuple[Path, Path]]:
    """Every file of a package's folder but hidden ones, as (relative path, path)."""
    members = []
    for path in sorted(package.folder.rglob("*")):
        relative = path.relative_to(package.folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            members.append((relative, path))
    return members
