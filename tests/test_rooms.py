"""The rooms of ``generator/`` and which may import which: data flows one way.

A room is a subpackage (``load``, ``privacy``...) or a module at the top (``build``,
``assembler``...). Each room may import only the rooms of lower layers, the features do not
import each other, and only the MkDocs adapter imports MkDocs. docs/architecture.md draws
the same picture.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import REPO

PACKAGE = REPO / "generator"

# Lowest first. A room may import the rooms of its own layer only where said below.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("config",),
    ("housing",),
    ("load",),
    ("privacy",),
    ("structure",),
    ("catalogue", "tenant", "content"),  # the features: never each other
    ("publish",),
    ("assembler", "boundary"),
    ("intake",),  # loads and checks like a build, writes only the private responses
    ("build",),
    ("serve", "mkdocs_plugin"),
    ("cli",),
    ("__main__",),
)
MAX_LINES = 420
LONG_MODULES = {  # modules allowed past MAX_LINES, with the reason
    "core/charts.py": "one SVG drawer per kind of chart; split by chart it would repeat itself",
    "privacy/coarsening.py": "the ladders and the climb read best together",
    "load/descriptor_problems.py": "one table of descriptor problems and their messages",
    "housing/sample.py": "the synthetic portfolio, one maker per table of the data model",
    "config.py": "every option of mkdocs.yml in one table, read in one place",
}


def layer_of(room: str) -> int:
    """The index of the layer that holds ``room``."""
    for index, rooms in enumerate(LAYERS):
        if room in rooms:
            return index
    raise AssertionError(f"generator/{room} is in no layer: add it to LAYERS")


def room_of(path: Path) -> str:
    """The room a module of the package belongs to."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, by its full dotted name."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.level:
                yield "generator.<relative>"
            elif node.module == "generator":  # from generator import x: x is a room or a name
                yield from (f"generator.{alias.name}" for alias in node.names)
            else:
                yield node.module


def room_edges() -> set[tuple[str, str, str]]:
    """(importing room, imported room, module) for every import between two rooms."""
    edges = set()
    for path in PACKAGE.rglob("*.py"):
        source = room_of(path)
        for name in imports(path):
            parts = name.split(".")
            if parts[0] != "generator" or len(parts) == 1:
                continue
            target = parts[1]
            if target == "__init__" or not (
                (PACKAGE / target).is_dir() or (PACKAGE / f"{target}.py").is_file()
            ):
                continue  # a name of the package itself, such as __version__
            if target != source:
                edges.add((source, target, path.relative_to(REPO).as_posix()))
    return edges


def test_every_room_is_in_a_layer():
    rooms = {room_of(path) for path in PACKAGE.rglob("*.py")} - {"__init__"}
    for room in rooms:
        layer_of(room)


def test_imports_are_relative_to_nothing():
    """Absolute imports only: a module's imports say which room they come from."""
    relative = [
        path.relative_to(REPO).as_posix()
        for path in PACKAGE.rglob("*.py")
        if "generator.<relative>" in set(imports(path))
    ]
    assert relative == []


def test_data_flows_one_way():
    wrong = sorted(
        f"{module}: {source} imports {target}"
        for source, target, module in room_edges()
        if layer_of(target) >= layer_of(source)
    )
    assert wrong == []


def test_features_do_not_import_each_other():
    features = set(LAYERS[layer_of("tenant")])
    crossing = sorted(
        f"{module}: {source} imports {target}"
        for source, target, module in room_edges()
        if source in features and target in features
    )
    assert crossing == []


@pytest.mark.parametrize("library", ["mkdocs"])
def test_only_the_adapter_imports_mkdocs(library: str):
    users = sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if any(name.split(".")[0] == library for name in imports(path))
    )
    assert users == ["mkdocs_plugin.py"]


def test_modules_stay_small():
    long = sorted(
        f"{relative}: {lines} lines"
        for path in PACKAGE.rglob("*.py")
        if (relative := path.relative_to(PACKAGE).as_posix()) not in LONG_MODULES
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    )
    assert long == []


def test_the_long_modules_are_still_long():
    """An entry of LONG_MODULES that fits again must leave the list."""
    short = sorted(
        name
        for name in LONG_MODULES
        if len((PACKAGE / name).read_text(encoding="utf-8").splitlines()) <= MAX_LINES
    )
    assert short == []
