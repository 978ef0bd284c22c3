"""Read JSON and YAML documents while remembering the line of every key and item.

Contributors' errors must point at a line. :func:`read_document` parses a descriptor or a
config file and returns the value together with a :class:`LineIndex` that maps a path of keys
and list indices (``("resources", 0, "path")``) to the 1-based line where it stands.

YAML is read with a safe loader that also accepts the tags MkDocs configs use (``!ENV``,
``!relative``, ``!!python/name:…``) and turns them into inert :class:`Tagged` values: nothing is
ever executed or imported.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

Key = str | int


@dataclass(frozen=True)
class Tagged:
    """A YAML value carrying a tag we do not execute (``!ENV``, ``!!python/name:``…)."""

    tag: str
    value: Any

    def __str__(self) -> str:
        return f"{self.tag} {self.value}"


class DocumentError(Exception):
    """A document that cannot be parsed; carries the 1-based line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class LineIndex:
    """Lines of the keys and items of a parsed document (best effort)."""

    lines: dict[tuple[Key, ...], int] = field(default_factory=dict)

    def line_of(self, path: Sequence[Key]) -> int:
        """The line of ``path``, else of its nearest located ancestor, else 1."""
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads unknown tags as inert values instead of failing."""


def _construct_tagged(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A date YAML cannot build (2026-02-30) stays text, for the checks to report."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


_TolerantLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_TolerantLoader.add_multi_constructor("!", _construct_tagged)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


def _index_node(node: yaml.Node, path: tuple[Key, ...], lines: dict[tuple[Key, ...], int]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                child = (*path, str(key_node.value))
                lines[child] = key_node.start_mark.line + 1
                _index_node(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            child = (*path, position)
            lines[child] = item.start_mark.line + 1
            _index_node(item, child, lines)


def _yaml_error(error: yaml.YAMLError) -> DocumentError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    return DocumentError(f"invalid YAML: {problem}", line, column)


def _load_yaml(text: str) -> tuple[Any, LineIndex]:
    loader = _TolerantLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, LineIndex()
        value = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise _yaml_error(error) from None
    finally:
        loader.dispose()
    lines: dict[tuple[Key, ...], int] = {}
    _index_node(node, (), lines)
    return value, LineIndex(lines)


def _json_line_index(text: str) -> LineIndex:
    """Locate JSON keys by reading the text as YAML (JSON is nearly a subset of it)."""
    try:
        return _load_yaml(text)[1]
    except DocumentError:
        return LineIndex()


def read_document(text: str, kind: str) -> tuple[Any, LineIndex]:
    """Parse ``text`` as ``kind`` ("json" or "yaml") and index the lines of its keys.

    Raises :class:`DocumentError` with line and column when the text does not parse.
    """
    if kind == "json":
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            raise DocumentError(f"invalid JSON: {error.msg}", error.lineno, error.colno) from None
        return value, _json_line_index(text)
    return _load_yaml(text)
