"""Values as a tenant reads them: enum values as words, component types as people name them,
build periods as spans of years."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from generator.core import formatting as fmt


@lru_cache(maxsize=1024)
def label(value: Any) -> str:
    """An enum value as words: ``semi-detached`` → ``Semi-detached``."""
    if value is None:
        return ""
    text = str(value).replace("-", " ")
    if text.lower() == "not applicable":
        return "Not applicable"
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=256)
def component_name(kind: str) -> str:
    """A component type as a tenant would say it."""
    names = {
        "heating-distribution": "Heating pipes and radiators",
        "electrics": "Electrics (wiring)",
        "roof-structure": "Roof structure",
        "roof-finish": "Roof covering",
        "wall-structure": "Walls (structure)",
        "wall-finish": "Walls (render, cladding)",
    }
    return names.get(kind, label(kind))


def period(value: Any) -> str:
    """An EPC build period as words: ``1930-1949`` → ``1930 to 1949``."""
    text = str(value)
    if text.startswith("before-"):
        return "Before " + text[7:]
    if text.endswith("-onwards"):
        return text[: -len("-onwards")] + " onwards"
    if text == "pre-1945":
        return "Before 1945"
    return text.replace("-", " to ", 1) if text[:4].isdigit() else label(text)


def counted(value: int, k: int) -> str:
    """A count of homes or parts as the area pages show it: "fewer than k" when it is below
    k but not zero, so that no home can be picked out."""
    return f"fewer than {k}" if 0 < value < k else fmt.count(value)
