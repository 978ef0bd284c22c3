"""Load every data package, check it, and validate its data with frictionless.

For each folder in the data packages folder this stage reads the descriptor, refuses what the
site must never publish or fetch (paths leaving the folder, absolute paths, remote URLs unless
allowed, missing files, unknown formats, duplicate names), validates the descriptor and then
every table with frictionless v5 while summarising it in the same pass. All problems of all
packages are collected; the stage never raises for bad input.
"""

from __future__ import annotations

import dataclasses
import os
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

import frictionless
import requests
from frictionless import Checklist, Package, Resource, system

from generator.config import SiteConfig
from generator.core import urls
from generator.core.collector import collector_paused
from generator.core.problems import Problems, written
from generator.core.sourcelines import (
    ItemLines,
    first_json_mistake,
    first_undecodable_line,
    json_items,
    json_lines_items,
    record_start_lines,
)
from generator.core.sourcemap import DocumentError
from generator.core.workers import can_fork, forked_map
from generator.load import odx_profile
from generator.load.descriptor import Descriptor, find_descriptor, read_descriptor
from generator.load.descriptor_problems import check_metadata
from generator.load.error_messages import error_record, error_rows, explain
from generator.load.fast_validation import Rows, read_valid_table
from generator.load.publishable import file_problem
from generator.load.summary import TableSummariser, TableSummary
from generator.load.table import Table
from generator.load.table_limits import json_table_within_limits, table_checks
from generator.load.validation_cache import ValidationCache, content_key

TABULAR_FORMATS = {
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "json": "application/json",
    "jsonl": "application/jsonl",
    "ndjson": "application/x-ndjson",
}
FILE_FORMATS = {
    "geojson": "application/geo+json",
    "pdf": "application/pdf",
    "txt": "text/plain",
    "md": "text/markdown",
    "zip": "application/zip",
    "xml": "application/xml",
}
JSON_FORMATS = ("json", "jsonl", "ndjson")
RESERVED_PACKAGE_NAMES = frozenset({"index.json"})  # datasets/index.json
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]+:", re.IGNORECASE)  # one letter is a Windows drive


@dataclass(frozen=True)
class FieldDoc:
    """Documentation of one schema field."""

    name: str
    title: str
    type: str
    format: str
    description: str
    constraints: dict[str, Any]


@dataclass
class ResourceData:
    """A validated resource and what the site shows of it."""

    name: str
    slug: str
    title: str
    description: str
    format: str
    mediatype: str
    encoding: str
    files: list[Path]
    remote: list[str]
    tabular: bool
    fields: list[FieldDoc] = field(default_factory=list)
    primary_key: list[str] = field(default_factory=list)
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    summary: TableSummary | None = None
    schema_inferred: bool = False
    bytes: int = 0
    table: Table | None = None
    schema: dict[str, Any] = field(default_factory=dict)
    referenced: list[Path] = field(default_factory=list)  # local schema and dialect files
    # a table not kept in memory: the privacy screen's (row number, column, problem)
    screened: list[tuple[int | None, str, str]] = field(default_factory=list)


@dataclass
class PackageData:
    """A validated data package."""

    name: str
    slug: str
    folder: Path
    descriptor: Descriptor
    resources: list[ResourceData]
    notes: list[str] = field(default_factory=list)
    profile: odx_profile.OdxInfo | None = None
    content_key: str | None = None  # hash of everything loading read; None without a cache

    def resource(self, name: str) -> ResourceData | None:
        """The resource called ``name``, if the package has one."""
        return next((r for r in self.resources if r.name == name), None)

    @property
    def meta(self) -> dict[str, Any]:
        """The (normalised) descriptor properties."""
        return self.descriptor.data

    @property
    def odx(self) -> dict[str, Any] | None:
        odx = self.meta.get("odx")
        return odx if isinstance(odx, dict) else None


class _OfflineSession(requests.Session):
    """An HTTP session that refuses every request: the build never touches the network."""

    def request(self, method: str | bytes, url: Any, *args: Any, **kwargs: Any) -> Any:
        raise requests.ConnectionError(f"the build does not fetch remote files ({url})")


class StreamScreen(Protocol):
    """Judges the cells of one table as its rows stream past (the privacy gate's screen)."""

    def add_columns(self, first: int, columns: Sequence[Sequence[Any]]) -> None:
        """Judge consecutive rows given column by column, the first being record ``first``."""
        ...

    def add_row(self, record: int, values: Sequence[Any]) -> None:
        """Judge one row."""
        ...

    def breaches(self) -> list[tuple[int | None, str, str]]:
        """What it found: (record, column, problem)."""
        ...


# Makes the screen of one table from its name, its field names and types, the field
# descriptors of its schema (for the fields' declarations) and the longest cell allowed.
ScreenMaker = Callable[[str, list[str], list[str], list[Any], int], StreamScreen]


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
    slug = _slug(name)
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
            f"'{name}' is taken by a file of the site (the datasets index, or a package's "
            "zip); choose another name",
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
    if isinstance(profile, str) and _REMOTE.match(profile):
        problems.add(
            shown,
            descriptor.lines.line_of(["profile"]),
            "profile",
            f"custom profile '{profile}' cannot be checked: the build never fetches files; "
            "remove 'profile' or use 'tabular-data-package'",
        )
    plans = _plan_resources(descriptor, folder, config, problems)
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
        resources = _validate_resources(
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


def _slug(name: str) -> str | None:
    return name if _SLUG.match(name) else None


@dataclass
class _ResourcePlan:
    index: int
    name: str
    format: str
    files: list[Path]
    remote: list[str]
    referenced: list[Path] = field(default_factory=list)


def _plan_resources(
    descriptor: Descriptor, folder: Path, config: SiteConfig, problems: Problems
) -> list[_ResourcePlan]:
    """Check each resource's name, paths and format before anything reads them."""
    shown = config.relative(descriptor.path)
    lines = descriptor.lines
    plans: list[_ResourcePlan] = []
    names: set[str] = set()
    for index, resource in enumerate(descriptor.data["resources"]):
        where: list[str | int] = ["resources", index]
        if not isinstance(resource, dict):
            problems.add(
                shown, lines.line_of(where), "resources", "each resource must be an object"
            )
            continue
        name = resource.get("name")
        if not isinstance(name, str) or not _slug(name):
            problems.add(
                shown,
                lines.line_of([*where, "name"]),
                f"resources/{index}/name",
                _resource_name_problem(name),
            )
            continue
        if name in names:
            problems.add(
                shown,
                lines.line_of([*where, "name"]),
                f"resources/{index}/name",
                f"resource name '{name}' is used twice; names must be unique in a package",
            )
            continue
        names.add(name)
        if not _check_references(resource, where, name, folder, config, shown, lines, problems):
            continue
        field_name = f"{name}.path"
        raw_paths = resource.get("path")
        if raw_paths is None and ("path" not in resource or "data" in resource):
            if "data" in resource:
                plans.append(_ResourcePlan(index, name, "inline", [], []))
            else:
                problems.add(
                    shown,
                    lines.line_of([*where, "path"]),
                    field_name,
                    "the resource has neither 'path' nor inline 'data'; add the file's path",
                )
            continue
        paths = raw_paths if isinstance(raw_paths, list) else [raw_paths]
        files: list[Path] = []
        remote: list[str] = []
        path_problems = len(problems)
        for position, raw in enumerate(paths):
            line = lines.line_of(
                [*where, "path", position] if isinstance(raw_paths, list) else [*where, "path"]
            )
            if not isinstance(raw, str):
                problems.add(
                    shown,
                    line,
                    field_name,
                    f"the path is {written(raw)}, not a file path; write it as text, e.g. "
                    '"data/rows.csv"',
                )
                continue
            problem = _check_path(raw, folder, config, config.odx.allow_remote)
            if problem:
                problems.add(shown, line, field_name, problem)
            elif _REMOTE.match(raw):
                remote.append(raw)
            else:
                files.append(folder / raw)
        if len(problems) > path_problems:
            continue
        fmt = str(resource.get("format") or _suffix(paths[0] if paths else "")).lower()
        if fmt not in TABULAR_FORMATS and fmt not in FILE_FORMATS:
            known = ", ".join(sorted({*TABULAR_FORMATS, *FILE_FORMATS}))
            problems.add(
                shown,
                lines.line_of([*where, "format"] if "format" in resource else [*where, "path"]),
                f"{name}.format",
                f"unknown format '{fmt or '(none)'}'; the site can publish: {known}",
            )
            continue
        unsafe = [problem for path in files if (problem := file_problem(path))]
        for problem in unsafe:
            problems.add(shown, lines.line_of([*where, "path"]), f"{name}.path", problem)
        if unsafe:
            continue
        referenced = [
            folder / resource[key]
            for key in ("schema", "dialect")
            if isinstance(resource.get(key), str) and not _REMOTE.match(resource[key])
        ]
        plans.append(_ResourcePlan(index, name, fmt, files, remote, referenced))
    return plans


def _resource_name_problem(name: Any) -> str:
    """What is wrong with a resource ``name`` that cannot be used in a web address."""
    rule = '(lower case letters, digits, -, _ and ., e.g. "homes")'
    if name is None:
        return f'the resource has no name; add "name": "..." {rule}'
    if not isinstance(name, str):
        return f"the name is {written(name)}, not text; write it as text {rule}"
    if not name.strip():
        return f"the name is empty; write one {rule}"
    return f"'{name}' cannot be used in a web address; write it with {rule[1:-1]}"


def _check_references(
    resource: dict[str, Any],
    where: list[str | int],
    name: str,
    folder: Path,
    config: SiteConfig,
    shown: str,
    lines: Any,
    problems: Problems,
) -> bool:
    """Check a schema, dialect or profile given by reference; True when all are usable."""
    usable = True
    for key in ("schema", "dialect", "profile"):
        value = resource.get(key)
        if not isinstance(value, str) or (key == "profile" and not _REMOTE.match(value)):
            continue
        if _REMOTE.match(value):
            problem: str | None = (
                f"'{value}' cannot be read: the build never fetches files; copy the {key} "
                f"into the package folder and refer to it by a relative path"
            )
        else:
            problem = _check_path(value, folder, config, allow_remote=False)
        if problem:
            problems.add(shown, lines.line_of([*where, key]), f"{name}.{key}", problem)
            usable = False
    return usable


def _suffix(path: Any) -> str:
    return PurePosixPath(str(path)).suffix.lstrip(".")


def _check_path(raw: Any, folder: Path, config: SiteConfig, allow_remote: bool) -> str | None:
    """What is wrong with one path the descriptor gives, or None."""
    if not isinstance(raw, str) or not raw.strip():
        return f'{raw!r} is not a file path; write it as text, e.g. "data/rows.csv"'
    if _SCHEME.match(raw) and not urls.web_address(raw):
        return (
            f"'{raw}' is neither a file path nor an http(s) address: only https: and http: "
            "links are accepted; put the file in the package folder, or give its https:// "
            "address"
        )
    if _REMOTE.match(raw):
        if allow_remote:
            return None
        return (
            f"remote URL '{raw}' refused: the build never fetches files; put the file in the "
            "package folder, or set odx.allow_remote: true to link to it"
        )
    posix = PurePosixPath(raw.replace("\\", "/"))
    if posix.is_absolute() or re.match(r"^[A-Za-z]:", raw):
        return f"absolute path '{raw}' refused; write it relative to the package folder"
    if ".." in posix.parts:
        return f"path '{raw}' leaves the package folder; keep data files inside it"
    target = folder / posix
    try:
        target.resolve().relative_to(folder.resolve())
    except ValueError:
        return f"path '{raw}' leads outside the package folder (through a link); copy the file in"
    if not target.is_file():
        return f"file '{raw}' not found in {config.relative(folder)}; check the name and case"
    return None


def _clean(note: str) -> str:
    return re.sub(r"\s+", " ", note or "invalid descriptor").strip()


def _validate_resources(
    descriptor: Descriptor,
    folder: Path,
    plans: list[_ResourcePlan],
    config: SiteConfig,
    problems: Problems,
    keep_rows: bool,
    jobs: int | None,
    screen: ScreenMaker,
) -> list[ResourceData] | None:
    """Validate each local table with frictionless, summarising it in the same pass.

    With ``keep_rows`` (ODX packages) every table's typed rows are also kept, for the privacy
    gate and the tenant pages.
    """
    data = dict(descriptor.data)
    data["resources"] = []
    remote_plans = {plan.index for plan in plans if plan.remote}
    for plan in plans:
        raw = dict(descriptor.data["resources"][plan.index])
        if plan.index in remote_plans:
            continue  # linked, never fetched
        if plan.format in TABULAR_FORMATS or plan.format == "inline":
            raw.setdefault("encoding", "utf-8")
            raw["type"] = "table"  # else frictionless takes a .json file for a document
        if keep_rows:
            raw = odx_profile.contract_resource(raw, folder)
        data["resources"].append(raw)
    try:
        package = Package(data, basepath=str(folder))
    except frictionless.FrictionlessException as exception:
        message = f"{_clean(exception.error.note)}; fix the descriptor"
        problems.add(
            config.relative(descriptor.path),
            1,
            "-",
            _without_machine_paths(message, folder, config),
        )
        return None

    job = _PackageJob(package, descriptor, plans, config, keep_rows, screen)
    local = [n for n, plan in enumerate(plans) if plan.index not in remote_plans]
    outcomes = dict(_run_jobs(job, local, jobs))
    results: list[ResourceData] = []
    for number, plan in enumerate(plans):
        if plan.index in remote_plans:
            results.append(_remote_resource(plan, descriptor.data["resources"][plan.index]))
            continue
        resource, found = outcomes[number]
        problems.extend(found)
        if resource is not None:
            results.append(resource)
    return results


@dataclass(frozen=True)
class _PackageJob:
    """Everything needed to validate one resource of a package, in this process or a fork."""

    package: Package
    descriptor: Descriptor
    plans: list[_ResourcePlan]
    config: SiteConfig
    keep_rows: bool
    screen: ScreenMaker

    def validate(self, number: int) -> tuple[ResourceData | None, Problems]:
        """Validate the ``number``-th planned resource; its problems come back with it."""
        plan = self.plans[number]
        raw = self.descriptor.data["resources"][plan.index]
        found = Problems()
        try:
            resource = self.package.get_resource(plan.name)
            done = _validate_one(
                resource,
                plan,
                raw,
                self.descriptor,
                self.config,
                found,
                self.screen,
                keep_rows=self.keep_rows,
            )
        except frictionless.FrictionlessException as exception:
            found.add(
                self.config.relative(self.descriptor.path),
                self.descriptor.lines.line_of(["resources", plan.index]),
                plan.name,
                _without_machine_paths(
                    f"{_clean(exception.error.note or exception.error.message)}; "
                    "fix the descriptor",
                    self.descriptor.path.parent,
                    self.config,
                ),
            )
            return None, found
        return done, found


PARALLEL_MIN_BYTES = 8 << 20  # below this, forking costs more than it saves


def _run_jobs(
    job: _PackageJob, numbers: list[int], jobs: int | None
) -> list[tuple[int, tuple[ResourceData | None, Problems]]]:
    """Validate the resources ``numbers`` of ``job``: in forked processes, one per core and
    the biggest files first, when the package is large and has several tables; else here.
    The results and their problems are the same either way."""
    workers = min(jobs or os.cpu_count() or 1, len(numbers))
    sizes = {n: sum(p.stat().st_size for p in job.plans[n].files) for n in numbers}
    if workers < 2 or sum(sizes.values()) < PARALLEL_MIN_BYTES or not can_fork():
        return [(number, job.validate(number)) for number in numbers]
    biggest_first = sorted(numbers, key=lambda n: -sizes[n])
    with collector_paused():
        done = forked_map(job.validate, biggest_first, workers)  # unpickled tables
    return list(zip(biggest_first, done, strict=True))


def _common(plan: _ResourcePlan, raw: dict[str, Any], tabular: bool) -> ResourceData:
    fmt = "csv" if plan.format == "inline" else plan.format
    return ResourceData(
        name=plan.name,
        slug=plan.name,
        title=str(raw.get("title") or plan.name),
        description=str(raw.get("description") or ""),
        format=fmt,
        mediatype=str(
            raw.get("mediatype") or TABULAR_FORMATS.get(fmt) or FILE_FORMATS.get(fmt, "")
        ),
        encoding=str(raw.get("encoding") or "utf-8"),
        files=plan.files,
        remote=plan.remote,
        referenced=plan.referenced,
        tabular=tabular,
        bytes=sum(path.stat().st_size for path in plan.files),
    )


def _remote_resource(plan: _ResourcePlan, raw: dict[str, Any]) -> ResourceData:
    resource = _common(plan, raw, tabular=False)
    schema = raw.get("schema")
    if isinstance(schema, dict):
        resource.fields = _field_docs(schema.get("fields", []))
    return resource


def _field_docs(fields: list[Any]) -> list[FieldDoc]:
    docs = []
    for item in fields:
        if isinstance(item, dict):
            docs.append(
                FieldDoc(
                    name=str(item.get("name", "")),
                    title=str(item.get("title") or ""),
                    type=str(item.get("type") or "any"),
                    format=str(item.get("format") or "default"),
                    description=str(item.get("description") or ""),
                    constraints=dict(item.get("constraints") or {}),
                )
            )
    return docs


def _validate_one(
    resource: Resource,
    plan: _ResourcePlan,
    raw: dict[str, Any],
    descriptor: Descriptor,
    config: SiteConfig,
    problems: Problems,
    screen: ScreenMaker,
    *,
    keep_rows: bool,
) -> ResourceData:
    is_table = plan.format in TABULAR_FORMATS or plan.format == "inline"
    result = _common(plan, raw, tabular=is_table)
    if not is_table or not json_table_within_limits(plan.format, raw, plan.files, config, problems):
        return result
    summariser: list[TableSummariser] = []
    kept: list[Table] = []
    screens: list[StreamScreen] = []  # tables not kept are screened as they stream

    def start() -> None:
        fields = resource.schema.fields
        names = [f.name for f in fields]
        summariser.append(TableSummariser(names, [f.type for f in fields], config.odx.preview_rows))
        if keep_rows:
            kept.append(Table(names))
        else:
            declared = resource.schema.to_descriptor().get("fields", [])
            types = [f.type for f in fields]
            screens.append(screen(plan.name, names, types, declared, config.odx.max_cell_chars))

    def add_rows(rows: Rows) -> None:  # the fast path's chunks
        if not summariser:
            start()
        summariser[0].add_rows(rows)
        if keep_rows:
            kept[0].extend(rows.first, rows.values)
        else:
            screens[0].add_columns(rows.first, rows.columns)

    def on_row(row: frictionless.Row) -> None:  # frictionless's rows, one at a time
        if not summariser:
            start()
        summariser[0].add(row.to_list(), row.cells)
        if keep_rows:
            kept[0].append(row.row_number, row.to_list())
        else:
            screens[0].add_row(row.row_number, row.to_list())

    limit = config.odx.max_cell_chars
    with collector_paused():  # a million rows make millions of tuples and no cycles
        fast = read_valid_table(resource, raw, plan.files, limit, add_rows)
    if fast:
        report = None
    else:  # not plain, or not valid: frictionless validates it and reports what is wrong
        summariser.clear()
        kept.clear()
        screens.clear()
        checklist = Checklist(checks=table_checks(limit))
        report = resource.validate(checklist=checklist, on_row=on_row)
    schema = resource.schema.to_descriptor() if resource.schema else {}
    result.fields = _field_docs(schema.get("fields", []))
    result.primary_key = list(schema.get("primaryKey", []))
    result.foreign_keys = list(schema.get("foreignKeys", []))
    result.schema_inferred = "schema" not in raw
    result.schema = schema
    if keep_rows:
        result.table = kept[0] if kept else Table([f.name for f in result.fields])
    if screens:
        result.screened = screens[0].breaches()
    if summariser:
        result.summary = summariser[0].summary
    else:  # a table with a header and no rows
        names = [f.name for f in result.fields]
        result.summary = TableSummariser(names, [f.type for f in result.fields], 0).summary
    if report is None:
        return result
    errors_found = [error.to_descriptor() for error in report.errors] + [
        error.to_descriptor() for task in report.tasks for error in task.errors
    ]
    if errors_found:
        _report_table_errors(errors_found, report, resource, plan, descriptor, config, problems)
    return result


def _report_table_errors(
    found: list[dict[str, Any]],
    report: frictionless.Report,
    resource: Resource,
    plan: _ResourcePlan,
    descriptor: Descriptor,
    config: SiteConfig,
    problems: Problems,
) -> None:
    data_file = plan.files[0] if plan.files else descriptor.path
    shown = config.relative(data_file)
    group = f"{shown} (resource '{plan.name}')"
    wanted = [row for error in found for row in error_rows(error)]
    where = _row_lines(resource, plan, descriptor, wanted)
    for error in found:
        record = error_record(error)
        field_name, message = explain(error, where.record_line, _SYNTAX.get(plan.format, "json"))
        message = _without_machine_paths(message, Path(resource.basepath or "."), config)
        if not record:
            line = where.table_line
        elif error.get("fieldName") and isinstance(error.get("rowNumber"), int):
            line = where.cell_line(record, str(error["fieldName"]))
        else:
            line = where.record_line(record)
        if error.get("type") == "source-error" and plan.files and plan.format in JSON_FORMATS:
            per_line = plan.format != "json"
            located = first_json_mistake(
                data_file, encoding=resource.encoding or "utf-8", per_line=per_line
            )
            if located:
                line, mistake = located
                message = (
                    f"not valid JSON: {mistake}; write one JSON array or object per line, "
                    "with no blank lines"
                    if per_line
                    else f"not valid JSON: {mistake}; correct the file"
                )
        if error.get("type") == "encoding-error" and plan.files:
            located = first_undecodable_line(data_file, resource.encoding or "utf-8")
            if located:
                line, bad = located
                message = (
                    f"bytes {bad} are not valid {resource.encoding or 'utf-8'}; save the file "
                    f'as UTF-8, or declare its real encoding (e.g. "encoding": "latin-1") '
                    "in the descriptor"
                )
        problems.add(shown, line, field_name, message, group=group)
    for task in report.tasks:
        for warning in task.warnings:
            if "error limit" in warning:
                problems.add(
                    shown,
                    where.table_line,
                    "-",
                    f"validation stopped early ({warning}); fix the "
                    "errors above and run again to see the rest",
                    group=group,
                )


_SYNTAX = {"csv": "csv", "tsv": "csv"}  # how each table format writes its cells


@dataclass(frozen=True)
class _RowLines:
    """Where a table's records and cells stand, and the line for problems of the whole
    table: in the data file, or in the descriptor for rows written inline."""

    record_line: Callable[[int], int]
    cell_line: Callable[[int, str], int]
    table_line: int = 1


def _row_lines(
    resource: Resource, plan: _ResourcePlan, descriptor: Descriptor, records: list[int]
) -> _RowLines:
    if not plan.files:
        where: list[str | int] = ["resources", plan.index, "data"]
        data = descriptor.data["resources"][plan.index].get("data")
        line_of = descriptor.lines.line_of
        items = ItemLines(
            [
                (
                    line_of([*where, position]),
                    {str(k): line_of([*where, position, str(k)]) for k in item}
                    if isinstance(item, dict)
                    else None,
                )
                for position, item in enumerate(data if isinstance(data, list) else [])
            ]
        )
        return _RowLines(items.record_line, items.cell_line, line_of(where))
    data_file = plan.files[0]
    encoding = resource.encoding or "utf-8"
    if plan.format in ("csv", "tsv"):
        lines = record_start_lines(
            data_file, records, encoding=encoding, delimiter=_delimiter(resource)
        )
        return _RowLines(
            lambda record: lines.get(record, record),
            lambda record, _field: lines.get(record, record),
        )
    if plan.format == "json":
        items = json_items(
            data_file,
            encoding=encoding,
            prefix=_json_property(resource),
            last_record=max(records, default=0),
        )
    else:
        items = json_lines_items(data_file, encoding=encoding)
    return _RowLines(items.record_line, items.cell_line)


def _json_property(resource: Resource) -> list[str]:
    """Where a JSON table's rows are, when not at the top level (``dialect.json.property``)."""
    try:
        control = resource.dialect.get_control("json")
        prop = getattr(control, "property", None)
    except Exception:  # no JSON control: the rows are the top-level array
        return []
    return prop.split(".") if isinstance(prop, str) and prop else []


def _without_machine_paths(message: str, folder: Path, config: SiteConfig) -> str:
    """``message`` with the package folder, however frictionless spelled it, made relative
    to the project (frictionless names files by their full path)."""
    shown = config.relative(folder)
    for spelling in sorted({str(folder.resolve()), str(folder.absolute())}, key=len, reverse=True):
        message = message.replace(spelling, shown)
    return message


def _delimiter(resource: Resource) -> str:
    try:
        control = resource.dialect.get_control("csv")
        return getattr(control, "delimiter", ",") or ","
    except Exception:
        return "\t" if (resource.format or "") == "tsv" else ","
