"""Every ``odx`` option is declared once, in ``OPTIONS``: the validated dataclass and the
configuration reference in docs/configuration.md say the same names and defaults."""

from __future__ import annotations

import dataclasses
import re

from helpers import REPO

from generator.config import OPTIONS, OdxOptions


def shown(default: object) -> str | None:
    """A default as the reference writes it (None: said in words)."""
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    if isinstance(default, list):
        return f"`{default}`".replace("'", '"')
    if default == "" or default is None:
        return None
    return f"`{default}`"


def reference_table() -> dict[str, str]:
    """The configuration reference's table (docs/configuration.md): option -> default."""
    text = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    table = text.split("| option | default | meaning |", 1)[1].split("\n\n", 1)[0]
    return dict(re.findall(r"^\| `([a-z_]+)` \| ([^|]+?) \|", table, re.MULTILINE))


def test_the_dataclass_has_every_option_with_its_default():
    fields = {f.name: f.default for f in dataclasses.fields(OdxOptions)}
    assert list(fields) == [option.name for option in OPTIONS]
    for option in OPTIONS:
        expected = tuple(option.default) if isinstance(option.default, list) else option.default
        assert fields[option.name] == expected, option.name


def test_the_configuration_reference_lists_every_option_with_its_default():
    table = reference_table()
    assert list(table) == [option.name for option in OPTIONS]
    for option in OPTIONS:
        written = shown(option.default)
        if written is not None:
            assert table[option.name] == written, option.name
