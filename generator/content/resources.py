"""The curated resources page: ``resources.yml`` read, checked and grouped for pages.

Each entry is checked with the line it stands on in the YAML file: missing fields, web
addresses that are not ``https?://…``, the same address twice, unknown categories, types
or costs, and dates that are not dates. Problems are collected, never raised.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.core.sourcemap import DocumentError, LineIndex, read_document

TYPES = ("dataset", "tool", "guide", "standard", "community", "course")
COSTS = ("free", "paid")
REQUIRED = ("title", "url", "description", "category", "type", "added")
OPTIONAL = ("tags", "cost")
TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Category:
    """A group of resources."""

    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class ResourceEntry:
    """One checked resource."""

    title: str
    url: str
    description: str
    category: str
    type: str
    added: dt.date
    tags: tuple[str, ...] = ()
    cost: str = ""
    line: int = 0  # where the entry starts in the resources file


@dataclass
class ResourcesList:
    """The categories, in their order, and the entries."""

    categories: list[Category] = field(default_factory=list)
    entries: list[ResourceEntry] = field(default_factory=list)


def load_resources(config: SiteConfig, problems: Problems) -> ResourcesList:
    """Read and check the resources file (an empty list when there is none)."""
    path = config.resources_path
    if not path.is_file():
        return ResourcesList()
    shown = config.relative(path)
    try:
        data, lines = read_document(path.read_text(encoding="utf-8"), "yaml")
    except (OSError, UnicodeDecodeError) as error:
        problems.add(shown, 1, "-", f"cannot read the file ({error})")
        return ResourcesList()
    except DocumentError as error:
        problems.add(shown, error.line, "-", f"{error.message} (column {error.column})")
        return ResourcesList()
    if not isinstance(data, dict):
        problems.add(shown, 1, "-", "the file needs 'categories:' and 'resources:' lists")
        return ResourcesList()
    result = ResourcesList()
    before = len(problems)
    category_lines: dict[str, int] = {}
    for index, raw in enumerate(data.get("categories") or []):
        where = lines.line_of(["categories", index])
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("title"):
            problems.add(shown, where, "categories", "each category needs an 'id' and a 'title'")
            continue
        id_line = lines.line_of(["categories", index, "id"])
        if str(raw["id"]) in category_lines:
            problems.add(
                shown,
                id_line,
                f"categories[{index}].id",
                f"the category id '{raw['id']}' is already used at line "
                f"{category_lines[str(raw['id'])]}; give each category its own id",
            )
            continue
        category_lines[str(raw["id"])] = id_line
        result.categories.append(
            Category(str(raw["id"]), str(raw["title"]), str(raw.get("description") or ""))
        )
    known = {category.id for category in result.categories}
    seen: dict[str, int] = {}
    for index, raw in enumerate(data.get("resources") or []):
        entry = _check_entry(raw, index, known, seen, lines, shown, problems)
        if entry is not None:
            result.entries.append(entry)
    if len(problems) > before:
        return ResourcesList()
    return result


def _check_entry(
    raw: Any,
    index: int,
    known: set[str],
    seen: dict[str, int],
    lines: LineIndex,
    shown: str,
    problems: Problems,
) -> ResourceEntry | None:
    base: list[str | int] = ["resources", index]
    where = lines.line_of(base)
    label = f"resources[{index}]"
    if not isinstance(raw, dict):
        problems.add(shown, where, label, "each resource is a mapping of title, url, …")
        return None
    before = len(problems)

    def add(key: str, message: str) -> None:
        line = lines.line_of([*base, key]) if key in raw else where
        problems.add(shown, line, f"{label}.{key}", message)

    for key in REQUIRED:
        if raw.get(key) in (None, ""):
            add(key, f"required: add '{key}:' to this resource")
    for key in raw:
        if key not in REQUIRED and key not in OPTIONAL:
            add(key, f"unknown key; allowed keys are: {', '.join(REQUIRED + OPTIONAL)}")
    url = str(raw.get("url") or "")
    parts = urlsplit(url)
    if url and (parts.scheme not in ("http", "https") or not parts.netloc):
        add("url", f"{url!r} is not a web address; write it in full, starting https://")
    elif url:
        key = url.rstrip("/").lower()
        if key in seen:
            add("url", f"the same address is already listed at line {seen[key]}; keep one")
        else:
            seen[key] = lines.line_of([*base, "url"])
    category = raw.get("category")
    if category not in (None, "") and category not in known:
        add(
            "category",
            f"unknown category {category!r}; use one of: {', '.join(sorted(known)) or 'none'}",
        )
    kind = raw.get("type")
    if kind not in (None, "") and kind not in TYPES:
        add("type", f"unknown type {kind!r}; use one of: {', '.join(TYPES)}")
    cost = raw.get("cost")
    if cost is not None and cost not in COSTS:
        add("cost", f"{cost!r}: use free or paid, or leave the cost out")
    added = raw.get("added")
    if isinstance(added, dt.datetime):
        added = added.date()
    if added not in (None, "") and not isinstance(added, dt.date):
        try:
            added = dt.date.fromisoformat(str(added))
        except ValueError:
            add("added", f"{added!r} is not a date; write it as YYYY-MM-DD")
    tags = raw.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) and TAG.match(t) for t in tags):
        add("tags", "tags are a list of lower-case words with hyphens, e.g. [energy, epc]")
        tags = []
    if len(problems) > before:
        return None
    assert isinstance(added, dt.date)  # "added" is required, and checked to be a date above
    return ResourceEntry(
        title=str(raw["title"]).strip(),
        url=url,
        description=str(raw["description"]).strip(),
        category=str(category),
        type=str(kind),
        added=added,
        tags=tuple(tags),
        cost=str(cost or ""),
        line=where,
    )
