"""Limits on the JSON and YAML documents the build reads, so no input can exhaust it.

Every descriptor, front matter, ``authors.yml``, ``resources.yml`` and ``mkdocs.yml`` is
untrusted. Parsed naively, a few hundred bytes can still take the build down:

* **Nesting.** ``[[[[…]]]]`` thousands of levels deep overflows Python's stack in the JSON
  decoder or the YAML composer. Documents may nest at most :data:`MAX_DEPTH` levels.
* **Aliases.** A YAML alias (``*name``) repeats the value of an anchor (``&name``); aliases of
  aliases repeat it exponentially ("billion laughs"), and an alias inside its own anchor loops
  forever. Contributors' files accept no alias at all (nothing needs them); ``mkdocs.yml``
  may repeat at most :data:`CONFIG_ALIAS_BUDGET` values through aliases in total.
* **Duplicate keys.** JSON and YAML parsers silently keep the last of two equal keys, so a
  reader sees one value and the build publishes another. A repeated key is refused, at the
  line of its second occurrence.
* **Numbers that are not numbers.** ``NaN``, ``Infinity`` (JSON decoders accept them, the
  JSON standard does not), YAML's ``.nan`` and ``.inf``, and ``1e999`` (read as infinity)
  are refused wherever they stand.

Each refusal is a :class:`DocumentError` with the line and column to fix.
"""

from __future__ import annotations

import math
import re
from typing import Any, Protocol

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent

MAX_DEPTH = 64  # levels of nesting a document may have (a descriptor needs about 8)
CONFIG_ALIAS_BUDGET = 1_000  # values mkdocs.yml may repeat through aliases, in total


class DocumentError(Exception):
    """A document that cannot be parsed; carries the 1-based line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class DuplicateKeyError(DocumentError):
    """A mapping with the same key twice; located at the second."""


class _Mark(Protocol):
    """A place in a document, as PyYAML's pure-Python and C parsers both mark it (0-based)."""

    line: int
    column: int


def _error_at(mark: _Mark | None, message: str) -> DocumentError:
    if mark is None:
        return DocumentError(message, 1, 1)
    return DocumentError(message, mark.line + 1, mark.column + 1)


class BoundedLoader(yaml.SafeLoader):
    """A SafeLoader that refuses deep nesting, duplicate keys and aliases beyond a budget.

    ``alias_budget`` is how many values aliases may repeat in total (every node an alias
    stands for counts, aliases within it included); 0 refuses every alias.
    """

    def __init__(self, stream: str, alias_budget: int = 0) -> None:
        super().__init__(stream)
        self.alias_budget = alias_budget
        self._repeated = 0
        self._depth = 0
        self._open: set[str] = set()  # anchors whose value is being read
        self._weight: dict[int, tuple[int, int]] = {}  # id(node) -> (nodes, height), expanded
        # This loader's own table, so SafeLoader's shared one stays as it is (the stub
        # declares the table a class variable only).
        self.yaml_constructors = {  # type: ignore[misc]
            **self.yaml_constructors,
            "tag:yaml.org,2002:int": type(self).construct_yaml_int,
        }

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            return self._compose_alias(event, parent, index)
        nesting = isinstance(event, CollectionStartEvent)  # a level, as a JSON [ or { is
        self._depth += nesting
        if self._depth > MAX_DEPTH:
            raise _error_at(
                event.start_mark,
                f"the document nests more than {MAX_DEPTH} levels deep; flatten it",
            )
        anchor = event.anchor if isinstance(event, NodeEvent) else None
        if anchor is not None:
            self._open.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= nesting
            self._open.discard(anchor or "")
        assert node is not None  # PyYAML's composer always returns a node
        if isinstance(node, yaml.MappingNode):
            _refuse_duplicate_keys(node)
        if self.alias_budget:
            self._weight[id(node)] = self._weigh(node)
        return node

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # more digits than Python converts (4,300)
            raise yaml.constructor.ConstructorError(
                None, None, f"the number has {len(node.value):,} characters", node.start_mark
            ) from None

    def _compose_alias(self, event: AliasEvent, parent: yaml.Node | None, index: Any) -> yaml.Node:
        name = event.anchor or ""
        if not self.alias_budget:
            raise _error_at(
                event.start_mark,
                f"YAML aliases (*{name}) are not accepted in this file; write the value out "
                "in full where it is needed",
            )
        if name in self._open:
            raise _error_at(
                event.start_mark,
                f"the alias *{name} stands inside the value of its own anchor &{name}, which "
                "never ends; remove it",
            )
        node = super().compose_node(parent, index)
        assert node is not None  # the anchor's node, read before
        nodes, height = self._weight.get(id(node), (1, 1))
        self._repeated += nodes
        if self._repeated > self.alias_budget:
            raise _error_at(
                event.start_mark,
                f"aliases repeat more than {self.alias_budget:,} values in this file; write "
                "the values out, or use fewer aliases",
            )
        if self._depth + height > MAX_DEPTH:
            raise _error_at(
                event.start_mark,
                f"with the alias *{name} the document nests more than {MAX_DEPTH} levels "
                "deep; flatten it",
            )
        return node

    def _weigh(self, node: yaml.Node) -> tuple[int, int]:
        """How many nodes ``node`` stands for and how deep it is, aliases expanded."""
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [item for pair in node.value for item in pair]
        else:
            return 1, 1
        weights = [self._weight.get(id(child), (1, 1)) for child in children]
        return 1 + sum(n for n, _ in weights), 1 + max((h for _, h in weights), default=0)


def _key_identity(node: yaml.Node) -> tuple[str, str] | None:
    if isinstance(node, yaml.ScalarNode):
        return node.tag, node.value
    return None  # a list or mapping as a key: PyYAML refuses it when building the value


def _lines_above(first: yaml.Node, second: yaml.Node) -> str:
    """Where ``first`` is, relative to ``second`` (a front matter's lines are not the file's)."""
    distance = second.start_mark.line - first.start_mark.line
    if distance == 0:
        return "on the same line"
    return "1 line above" if distance == 1 else f"{distance} lines above"


def _refuse_duplicate_keys(node: yaml.MappingNode) -> None:
    seen: dict[tuple[str, str], yaml.Node] = {}
    for key, _ in node.value:
        identity = _key_identity(key)
        if identity is None:
            continue
        first = seen.setdefault(identity, key)
        if first is not key:
            raise DuplicateKeyError(
                f"the key '{key.value}' appears twice in the same block (first "
                f"{_lines_above(first, key)}); keep one, the other would be silently lost",
                key.start_mark.line + 1,
                key.start_mark.column + 1,
            )


# --- JSON ---------------------------------------------------------------------------------

# A string (skipped whole), a bracket, a number or a bare word, outside strings.
_JSON_TOKEN = re.compile(
    r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|-?[A-Za-z_]\w*',
    re.DOTALL,
)
_NOT_NUMBERS = {"NaN", "Infinity", "-Infinity", "-NaN"}


def check_json_text(text: str) -> None:
    """Refuse JSON nested deeper than :data:`MAX_DEPTH`, or holding ``NaN``, ``Infinity`` or
    a number past the range of a 64-bit float (``1e999``), before a decoder sees it: the
    decoder would recurse, accept them silently, or fail on them."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                line, column = _position(text, match.start())
                raise DocumentError(
                    f"the document nests more than {MAX_DEPTH} levels deep; flatten it",
                    line,
                    column,
                )
        elif token in ("]", "}"):
            depth -= 1
        elif token[-1].isdigit():
            if (len(token) > 300 or "e" in token or "E" in token) and math.isinf(float(token)):
                line, column = _position(text, match.start())
                shown = token if len(token) <= 40 else f"{token[:40]}… ({len(token):,} characters)"
                raise DocumentError(
                    f"{shown} is too large for a number (at most about 1.8e308); write the "
                    "real value",
                    line,
                    column,
                )
        elif token in _NOT_NUMBERS:
            line, column = _position(text, match.start())
            raise DocumentError(
                f"{token} is not a number JSON allows; write the value, or null if there is none",
                line,
                column,
            )


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class DuplicateKey(Exception):
    """A JSON object with the same key twice (raised by :func:`unique_object`)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A ``json.loads`` object hook that refuses a key given twice."""
    value: dict[str, Any] = {}
    for key, item in pairs:
        if key in value:
            raise DuplicateKey(key)
        value[key] = item
    return value


# --- values -------------------------------------------------------------------------------


_FLOAT_LIMIT = 2**1024  # the first integer a 64-bit float cannot hold


def first_unusable_number(value: Any) -> tuple[tuple[str | int, ...], float | int] | None:
    """The path and value of the first NaN, infinite number, or integer too large for a
    64-bit float in ``value``, if any."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), value)]
    seen: set[int] = set()
    while stack:
        path, item = stack.pop()
        if isinstance(item, float):
            if not math.isfinite(item):
                return path, item
        elif isinstance(item, int) and not isinstance(item, bool):
            if abs(item) >= _FLOAT_LIMIT:
                return path, item
        elif isinstance(item, (dict, list)):
            if id(item) in seen:  # a YAML alias shares the value: look once
                continue
            seen.add(id(item))
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            stack.extend(((*path, key), child) for key, child in reversed(list(pairs)))
    return None
