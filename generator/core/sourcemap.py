"""Read JSON and YAML documents while remembering the line of every key and item.

Contributors' errors must point at a line. :func:`read_document` parses a descriptor or a
config file and returns the value together with a :class:`LineIndex` that maps a path of keys
and list indices (``("resources", 0, "path")``) to the 1-based line where it stands.

YAML is read with a safe loader that also accepts the tags MkDocs configs use (``!ENV``,
``!relative``, ``!!python/name:…``) and turns them into inert :class:`Tagged` values: nothing is
ever executed or imported. Both formats are read within the limits of
:mod:`generator.core.document_limits` (nesting, aliases, duplicate keys, NaN and infinities).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.core.document_limits import (
    BoundedLoader,
    DocumentError,
    DuplicateKey,
    DuplicateKeyError,
    check_json_text,
    first_unusable_number,
    unique_object,
)

Key = str | int


@dataclass(frozen=True)
class Tagged:
    """A YAML value carrying a tag we do not execute (``!ENV``, ``!!python/name:``…)."""

    tag: str
    value: Any

    def __str__(self) -> str:
        return f"{self.tag} {self.value}"


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


class _TolerantLoader(BoundedLoader):
    """A bounded SafeLoader that reads unknown tags as inert values instead of failing."""


def _construct_tagged(
    loader: yaml.SafeLoader,
    tag_suffix: str,
    node: yaml.ScalarNode | yaml.SequenceNode | yaml.MappingNode,
) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """A date YAML cannot build (2026-02-30) stays text, for the checks to report."""
    # An explicit !!timestamp tag may stand on a list or mapping: PyYAML refuses those
    # itself, so the node is passed on as it is (the stubs take scalar nodes only).
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


def _load_yaml(text: str, alias_budget: int = 0) -> tuple[Any, LineIndex]:
    loader = _TolerantLoader(text, alias_budget)
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


_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_JSON_SCALAR = re.compile(r"[^ \t\n\r{}\[\]:,\"]+")


def walk_json(
    text: str, max_depth: int | None = None
) -> Iterator[tuple[tuple[Key, ...], int, str]]:
    """Each key and value of a JSON text with its path, its line and its first character.

    A key comes with the character ``:``, a value with its own first character (``{``,
    ``[``, ``"``, a digit…). Values deeper than ``max_depth`` are skipped whole (by the C
    decoder), so only the first levels of a large data file cost time. The text is
    expected to parse; on anything else the walk stops early.
    """
    newlines = [match.start() for match in re.finditer("\n", text)]
    decoder = json.JSONDecoder()
    # each open container: its path, the next item's position (None in an object), the key
    stack: list[list[Any]] = []
    # _JSON_SPACE matches the empty text, so it matches at every position.
    position = _JSON_SPACE.match(text, 0).end()  # type: ignore[union-attr]
    while position < len(text):
        char = text[position]
        top = stack[-1] if stack else None
        line = bisect.bisect_left(newlines, position) + 1
        if char in "}]":
            if not stack:
                return
            stack.pop()
            end = position + 1
        elif char == ",":
            if top is not None and top[1] is not None:
                top[1] += 1
            end = position + 1
        elif char == ":":
            end = position + 1
        elif top is not None and top[1] is None and top[2] is None and char == '"':
            match = _JSON_STRING.match(text, position)
            if match is None:
                return
            key_path: tuple[Key, ...] = (*top[0], str(json.loads(match.group())))
            top[2] = key_path
            yield key_path, line, ":"
            end = match.end()
        else:  # a value: the document, a key's or an item
            if top is None:
                path: tuple[Key, ...] = ()
            elif top[1] is None:
                path, top[2] = top[2] or top[0], None
            else:
                path = (*top[0], top[1])
            yield path, line, char
            if char in "{[" and (max_depth is None or len(path) < max_depth):
                stack.append([path, 0 if char == "[" else None, None])
                end = position + 1
            elif char == '"':
                match = _JSON_STRING.match(text, position)
                end = match.end() if match else len(text)
            elif char in "{[":
                try:
                    end = decoder.raw_decode(text, position)[1]
                except ValueError:
                    return
            else:
                match = _JSON_SCALAR.match(text, position)
                end = match.end() if match else position + 1
        # _JSON_SPACE matches at every position (see above).
        position = _JSON_SPACE.match(text, end).end()  # type: ignore[union-attr]


def json_lines(text: str, max_depth: int | None = None) -> dict[tuple[Key, ...], int]:
    """The line of every key and item of a JSON text: a key's path gets the line of the
    key, an item's the line where it starts (as :func:`_index_node` does for YAML)."""
    lines: dict[tuple[Key, ...], int] = {}
    for path, line, char in walk_json(text, max_depth):
        if char == ":":
            lines[path] = line
        else:
            lines.setdefault(path, line)
    lines.setdefault((), 1)
    return lines


def _json_line_index(text: str) -> LineIndex:
    """Locate the keys and items of a JSON text (any layout, tabs included)."""
    return LineIndex(json_lines(text))


def _load_json(text: str) -> tuple[Any, LineIndex]:
    check_json_text(text)
    try:
        value = json.loads(text, object_pairs_hook=unique_object)
    except json.JSONDecodeError as error:
        raise DocumentError(f"invalid JSON: {error.msg}", error.lineno, error.colno) from None
    except DuplicateKey as duplicate:
        try:
            _load_yaml(text)  # read as YAML, the repeated key is found with its line
        except DuplicateKeyError as located:
            raise located from None
        except DocumentError:
            pass
        raise DocumentError(
            f"the key '{duplicate.key}' appears twice in the same object; keep one, the "
            "other would be silently lost",
            1,
            1,
        ) from None
    return value, _json_line_index(text)


def read_document(text: str, kind: str, alias_budget: int = 0) -> tuple[Any, LineIndex]:
    """Parse ``text`` as ``kind`` ("json" or "yaml") and index the lines of its keys.

    YAML aliases may repeat at most ``alias_budget`` values (none by default).
    Raises :class:`DocumentError` with line and column when the text does not parse or
    breaks a limit of :mod:`generator.core.document_limits`.
    """
    value, lines = _load_json(text) if kind == "json" else _load_yaml(text, alias_budget)
    found = first_unusable_number(value)
    if found is not None:
        path, number = found
        shown = "/".join(map(str, path)) or "the document"
        if isinstance(number, int):  # too many digits to print (Python stops at 4,300)
            written = f"an integer of about {int(number.bit_length() * math.log10(2)):,} digits"
        else:
            written = str(number)
        raise DocumentError(
            f"{shown}: {written} is not a number the site can publish (NaN, infinite, or "
            "past about 1.8e308); write the real value, or leave it out",
            lines.line_of(path),
            1,
        )
    return value, lines
