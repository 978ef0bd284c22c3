"""What a descriptor asks to be read, checked before anything is validated: each resource's
name, format and files (inside the package, of a format the site can publish), remote
paths, and the schema and dialect files it refers to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.config import SiteConfig
from generator.core import urls
from generator.core.problems import Problems, written
from generator.load.descriptor import Descriptor
from generator.load.publishable import file_problem

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


REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]+:", re.IGNORECASE)  # one letter is a Windows drive


@dataclass
class ResourcePlan:
    index: int
    name: str
    format: str
    files: list[Path]
    remote: list[str]
    referenced: list[Path] = field(default_factory=list)


def plan_resources(
    descriptor: Descriptor, folder: Path, config: SiteConfig, problems: Problems
) -> list[ResourcePlan]:
    """Check each resource's name, paths and format before anything reads them."""
    shown = config.relative(descriptor.path)
    lines = descriptor.lines
    plans: list[ResourcePlan] = []
    names: set[str] = set()
    for index, resource in enumerate(descriptor.data["resources"]):
        where: list[str | int] = ["resources", index]
        if not isinstance(resource, dict):
            problems.add(
                shown, lines.line_of(where), "resources", "each resource must be an object"
            )
            continue
        name = resource.get("name")
        if not isinstance(name, str) or not slug_of(name):
            problems.add(
                shown,
                lines.line_of([*where, "name"]),
                f"resources/{index}/name",
                resource_name_problem(name),
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
        if not check_references(resource, where, name, folder, config, shown, lines, problems):
            continue
        field_name = f"{name}.path"
        raw_paths = resource.get("path")
        if raw_paths is None and ("path" not in resource or "data" in resource):
            if "data" in resource:
                plans.append(ResourcePlan(index, name, "inline", [], []))
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
            problem = check_path(raw, folder, config, config.odx.allow_remote)
            if problem:
                problems.add(shown, line, field_name, problem)
            elif REMOTE.match(raw):
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
            if isinstance(resource.get(key), str) and not REMOTE.match(resource[key])
        ]
        plans.append(ResourcePlan(index, name, fmt, files, remote, referenced))
    return plans


def resource_name_problem(name: Any) -> str:
    """What is wrong with a resource ``name`` that cannot be used in a web address."""
    rule = '(lower case letters, digits, -, _ and ., e.g. "homes")'
    if name is None:
        return f'the resource has no name; add "name": "..." {rule}'
    if not isinstance(name, str):
        return f"the name is {written(name)}, not text; write it as text {rule}"
    if not name.strip():
        return f"the name is empty; write one {rule}"
    return f"'{name}' cannot be used in a web address; write it with {rule[1:-1]}"


def check_references(
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
        if not isinstance(value, str) or (key == "profile" and not REMOTE.match(value)):
            continue
        if REMOTE.match(value):
            problem: str | None = (
                f"'{value}' cannot be read: the build never fetches files; copy the {key} "
                f"into the package folder and refer to it by a relative path"
            )
        else:
            problem = check_path(value, folder, config, allow_remote=False)
        if problem:
            problems.add(shown, lines.line_of([*where, key]), f"{name}.{key}", problem)
            usable = False
    return usable


def _suffix(path: Any) -> str:
    return PurePosixPath(str(path)).suffix.lstrip(".")


def check_path(raw: Any, folder: Path, config: SiteConfig, allow_remote: bool) -> str | None:
    """What is wrong with one path the descriptor gives, or None."""
    if not isinstance(raw, str) or not raw.strip():
        return f'{raw!r} is not a file path; write it as text, e.g. "data/rows.csv"'
    if _SCHEME.match(raw) and not urls.web_address(raw):
        return (
            f"'{raw}' is neither a file path nor an http(s) address: only https: and http: "
            "links are accepted; put the file in the package folder, or give its https:// "
            "address"
        )
    if REMOTE.match(raw):
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


_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def slug_of(name: str) -> str | None:
    return name if _SLUG.match(name) else None
