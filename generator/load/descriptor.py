"""Find, read and (leniently) normalise a data package descriptor.

Older or looser forms of the Data Package spec that other tools write are read as their
current equivalent, and every such reading is recorded as a note so the dataset page and the
build output can say what was normalised:

* licences written with ``id``/``url`` are read as ``name``/``path``;
* multilingual values (``{"": "…", "es": "…"}``) are read in their default language;
* ``keywords`` given as one string are read as a list.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.sourcemap import DocumentError, LineIndex, read_document

DESCRIPTOR_NAMES = ("datapackage.json", "datapackage.yaml", "datapackage.yml")
_LANGUAGE_KEY = re.compile(r"^(|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$")


@dataclass
class Descriptor:
    """A parsed descriptor, its lines, and what lenient reading changed."""

    path: Path
    data: dict[str, Any]
    lines: LineIndex
    normalised: list[tuple[tuple[str | int, ...], str]] = field(default_factory=list)


def find_descriptor(folder: Path) -> list[Path]:
    """Every descriptor file in ``folder`` (normally exactly one)."""
    return [folder / name for name in DESCRIPTOR_NAMES if (folder / name).is_file()]


def read_descriptor(path: Path) -> Descriptor:
    """Parse ``path`` as JSON or YAML by its suffix; raises DocumentError when unreadable."""
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is no mistake
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"the descriptor is not valid UTF-8 (byte {error.start}); save it as UTF-8", 1, 1
        ) from None
    kind = "json" if path.suffix == ".json" else "yaml"
    data, lines = read_document(text, kind)
    if not isinstance(data, dict):
        raise DocumentError(
            "a descriptor must be an object with 'name', 'resources' and so on", 1, 1
        )
    descriptor = Descriptor(path=path, data=copy.deepcopy(data), lines=lines)
    normalise(descriptor)
    return descriptor


def normalise(descriptor: Descriptor) -> None:
    """Read older forms as current ones, in place, noting each change."""
    _normalise_node(descriptor.data, (), descriptor.normalised)


def _is_multilingual(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(key, str) and _LANGUAGE_KEY.match(key) for key in value)
        and ("" in value or "en" in value)
        and all(isinstance(item, (str, list)) for item in value.values())
    )


def _normalise_node(
    node: Any, path: tuple[str | int, ...], notes: list[tuple[tuple[str | int, ...], str]]
) -> None:
    if isinstance(node, list):
        for position, item in enumerate(node):
            _normalise_node(item, (*path, position), notes)
        return
    if not isinstance(node, dict):
        return
    for key in list(node):
        if key == "data":  # inline rows are data, not metadata
            continue
        value = node[key]
        here = (*path, key)
        if _is_multilingual(value):
            chosen = "" if "" in value else "en"
            node[key] = value[chosen]
            notes.append((here, "multilingual value read in its default language"))
            value = node[key]
        if key == "keywords" and isinstance(value, str):
            node[key] = [value]
            notes.append((here, "a single keyword was read as a list"))
        if key == "licenses" and isinstance(value, list):
            for position, licence in enumerate(value):
                _normalise_licence(licence, (*here, position), notes)
        _normalise_node(node[key], here, notes)


def _normalise_licence(
    licence: Any, path: tuple[str | int, ...], notes: list[tuple[tuple[str | int, ...], str]]
) -> None:
    if not isinstance(licence, dict):
        return
    if "id" in licence and "name" not in licence:
        licence["name"] = licence.pop("id")
        notes.append((path, "licence 'id' read as 'name' (older spec form)"))
    if "url" in licence and "path" not in licence:
        licence["path"] = licence.pop("url")
        notes.append((path, "licence 'url' read as 'path' (older spec form)"))
