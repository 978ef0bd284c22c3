"""Load every data package, check it, and validate its data with frictionless.

For each folder in the data packages folder this stage reads the descriptor, refuses what the
site must never publish or fetch (paths leaving the folder, absolute paths, remote URLs unless
allowed, missing files, unknown formats, duplicate names), validates the descriptor and then
every table with frictionless v5 while summarising it in the same pass. All problems of all
packages are collected; the stage never raises for bad input.
"""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path
from typing import Any

import requests
from frictionless import system

from generator.config import SiteConfig
from generator.core import urls
from generator.core.collector import collector_paused
from generator.core.problems import Problems
from generator.core.sourcemap import DocumentError
from generator.load import odx_profile
from generator.load.descriptor import find_descriptor, read_descriptor
from generator.load.descriptor_problems import check_metadata
from generator.load.package_data import PackageData
from generator.load.planning import REMOTE, plan_resources, slug_of
from generator.load.validation import ScreenMaker, validate_resources
from generator.load.validation_cache import ValidationCache, content_key

# datasets/index.json, and the catalogue's facet pages (datasets/licence/…)
RESERVED_PACKAGE_NAMES = frozenset({"index.json", *urls.FACET_KINDS})


class _OfflineSession(requests.Session):
    """An HTTP session that refuses every request: the build never touches the network."""

    def request(self, method: str | bytes, url: Any, *args: Any, **kwargs: Any) -> Any:
        raise requests.ConnectionError(f"the build does not fetch remote files ({url})")


def load_packages(
    config: SiteConfig,
    problems: Problems,
    cache: ValidationCache | None = None,
    jobs: int | None = None,
    *,
    screen: ScreenMaker,
) -> list[PackageData]:
    """Load and validate every package folder; problems go to ``problems``.

    Every table not kept in memory passes through a ``screen`` (the privacy gate's, see
    :data:`ScreenMaker`) while it streams; there is no default, so no caller can forget it.

    With a ``cache``, packages that validated cleanly with the same content are taken from
    it (see :mod:`generator.load.validation_cache`).
    """
    folder = config.datapackages_dir
    if not folder.is_dir():
        problems.add(
            config.relative(config.config_path),
            1,
            "odx.datapackages",
            f"the data packages folder '{config.odx.datapackages}' does not exist; create it "
            "or set odx.datapackages in mkdocs.yml",
        )
        return []
    packages: list[PackageData] = []
    seen: dict[str, str] = {}
    # Libraries warn on stderr with their own file paths; what a warning would say about
    # the input is checked and located by the checks themselves (see descriptor_problems).
    with (
        warnings.catch_warnings(),
        system.use_context(http_session=_OfflineSession(), trusted=False),
    ):
        warnings.simplefilter("ignore")
        for package_folder in sorted(p for p in folder.iterdir() if p.is_dir()):
            if package_folder.name.startswith((".", "_")):
                continue
            package = load_package(package_folder, config, problems, cache, jobs, screen=screen)
            if package is None:
                continue
            where = config.relative(package.descriptor.path)
            if package.slug in seen:
                problems.add(
                    where,
                    package.descriptor.lines.line_of(["name"]),
                    "name",
                    f"package name '{package.slug}' is already used by {seen[package.slug]}; "
                    "give each package a unique 'name'",
                )
                continue
            seen[package.slug] = where
            packages.append(package)
    return packages


def load_package(
    folder: Path,
    config: SiteConfig,
    problems: Problems,
    cache: ValidationCache | None = None,
    jobs: int | None = None,
    *,
    screen: ScreenMaker,
) -> PackageData | None:
    """Load one package folder, or record its problems and return None.

    With a ``cache``, a package whose content validated cleanly before is not validated
    again; a large package's tables are validated by ``jobs`` processes (default: one per
    core).
    """
    found = find_descriptor(folder)
    shown_folder = config.relative(folder)
    if not found:
        problems.add(
            shown_folder,
            1,
            "-",
            "no datapackage.json or datapackage.yaml in this folder; add a descriptor "
            "or move the folder out of the data packages folder",
        )
        return None
    if len(found) > 1:
        problems.add(
            config.relative(found[1]),
            1,
            "-",
            f"the folder has more than one descriptor ({', '.join(p.name for p in found)}); "
            "keep one",
        )
        return None
    path = found[0]
    shown = config.relative(path)
    try:
        descriptor = read_descriptor(path)
    except DocumentError as error:
        problems.add(shown, error.line, "-", f"{error.message} (column {error.column})")
        return None
    before = len(problems)
    data = descriptor.data
    given_name = data.get("name")
    name = given_name if isinstance(given_name, str) else folder.name
    slug = slug_of(name)
    if slug is None:
        problems.add(
            shown,
            descriptor.lines.line_of(["name"]),
            "name",
            f"'{name}' cannot be used in a web address; use lower-case letters, digits, "
            "'-', '_' or '.'",
        )
    elif slug in RESERVED_PACKAGE_NAMES or slug.endswith(".zip"):
        problems.add(
            shown,
            descriptor.lines.line_of(["name"]),
            "name",
            f"'{name}' is taken by a file or folder of the site (the datasets index, a "
            "package's zip, or the catalogue's pages by licence, format, publisher or "
            "keyword); choose another name",
        )
    resources_raw = data.get("resources")
    if not isinstance(resources_raw, list) or not resources_raw:
        problems.add(
            shown,
            descriptor.lines.line_of(["resources"]),
            "resources",
            "a package needs a non-empty 'resources' list describing its data files",
        )
        return None
    profile = data.get("profile")
    if isinstance(profile, str) and REMOTE.match(profile):
        problems.add(
            shown,
            descriptor.lines.line_of(["profile"]),
            "profile",
            f"custom profile '{profile}' cannot be checked: the build never fetches files; "
            "remove 'profile' or use 'tabular-data-package'",
        )
    plans = plan_resources(descriptor, folder, config, problems)
    if len(problems) > before:
        return None
    check_metadata(descriptor, shown, problems)
    if len(problems) > before:
        return None
    profile = None
    if odx_profile.is_odx(data):
        profile = odx_profile.check_descriptor(descriptor, folder, shown, problems)
        if profile is None:
            return None

    notes = [f"{'/'.join(map(str, p))}: {text}" for p, text in descriptor.normalised]
    for where, text in descriptor.normalised:
        problems.note(shown, descriptor.lines.line_of(list(where)), "/".join(map(str, where)), text)
    key = resources = None
    if cache is not None:
        key = content_key(
            {
                "descriptor": descriptor.data,
                "folder": str(folder.resolve()),
                "options": dataclasses.asdict(config.odx),
                "odx": profile is not None,
            },
            [descriptor.path, *(p for plan in plans for p in [*plan.files, *plan.referenced])],
        )
        with collector_paused():  # unpickling the tables
            resources = cache.get(folder, key)
    if resources is None:
        resources = validate_resources(
            descriptor,
            folder,
            plans,
            config,
            problems,
            keep_rows=profile is not None,
            jobs=jobs,
            screen=screen,
        )
        if len(problems) > before or resources is None:
            return None
        if cache is not None and key is not None:
            cache.put(folder, key, resources)
    return PackageData(
        name=name,
        slug=slug or name,
        folder=folder,
        descriptor=descriptor,
        resources=resources,
        notes=notes,
        profile=profile,
        content_key=key,
    )
