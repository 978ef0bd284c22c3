"""The texts of a descriptor (keys, values, numbers, file names, referenced schemas and dialects)
read for personal data: every published byte passes the gate."""

from __future__ import annotations

from typing import Any

from generator.config import SiteConfig
from generator.core.problems import Problems
from generator.core.sourcemap import DocumentError, LineIndex
from generator.load.descriptor import read_descriptor
from generator.load.package_data import PackageData
from generator.privacy.cell_rules import quoted
from generator.privacy.detectors import cell_problem

# Values that are not texts about anyone: contact addresses of the publisher, addresses of
# web pages, patterns and sizes. Paths are read: a file name is published too.
_NOT_TEXT_KEYS = frozenset(
    {"email", "homepage", "url", "profile", "$schema", "pattern", "bytes", "hash"}
)
# The people the publisher credits (Frictionless ``contributors``, older ``maintainers``,
# ``publishers`` and ``author``): their names are published on purpose; a title and a name
# ("Mr Smith"), an address or a phone number there are still refused.
_CREDIT_KEYS = frozenset({"contributors", "maintainers", "publishers", "author"})


def descriptor_text(package: PackageData, config: SiteConfig, problems: Problems) -> None:
    """Every text of the descriptor is published on the pages of the package, and so are
    the schema and dialect files it refers to: keys and values at any depth, numbers and
    file names (paths) get the cell rules (after the same normalisation). Contact addresses
    (``email``), web addresses and patterns are not texts about a home."""
    documents = [(package.descriptor.path, package.descriptor.data, package.descriptor.lines)]
    seen = {package.descriptor.path}
    for resource in package.resources:
        for path in resource.referenced:
            if path in seen:
                continue
            seen.add(path)
            try:
                referenced = read_descriptor(path)
            except (DocumentError, OSError):  # validation has said what is wrong with it
                continue
            documents.append((path, referenced.data, referenced.lines))
    for path, data, lines in documents:
        _walk_texts(data, (), config.relative(path), lines, problems)


def _walk_texts(
    value: Any,
    where: tuple[str | int, ...],
    shown: str,
    lines: LineIndex,
    problems: Problems,
) -> None:
    """Report every key and value below ``value`` that breaks a cell rule."""
    if isinstance(value, dict):
        for key, inner in value.items():
            text = str(key)
            problem = cell_problem("key", text)
            if problem:
                line = lines.line_of([*where, key])
                problems.add(
                    shown, line, "/".join(map(str, [*where, key])), f"{quoted(text)} {problem}"
                )
            if key not in _NOT_TEXT_KEYS:
                _walk_texts(inner, (*where, key), shown, lines, problems)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _walk_texts(inner, (*where, index), shown, lines, problems)
    elif where and not isinstance(value, bool) and isinstance(value, (str, int, float)):
        text = str(value)
        column = str(where[-1]) if isinstance(where[-1], str) else "value"
        problem = cell_problem(column, text, names_allowed=where[0] in _CREDIT_KEYS)
        if problem:
            problems.add(
                shown,
                lines.line_of(list(where)),
                "/".join(map(str, where)),
                f"{quoted(text)} {problem}",
            )
