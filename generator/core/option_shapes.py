"""The shapes an ``odx`` option's value must have: an https address, an address template, a
phone number, and the ``odx.pilot`` cohort: which homes get pages first.

The pilot is either a cohort column of the homes table and the value that marks a pilot home
(``pilot: {column: cohort, value: pilot}``), or a list of areas, each a postcode sector or a
local authority's code (``pilot: {areas: [LS6 1, E08000035]}``). Only its shape is checked
here; whether the column exists and each area holds a home is checked against the packages
by the privacy gate (:mod:`generator.privacy.pilot`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

EXAMPLE = "e.g. {column: cohort, value: pilot} or {areas: [LS6 1, E08000035]}"


_PHONE = re.compile(r"\+?[0-9][0-9 ()-]{5,22}[0-9]")


def shape_problem(shape: str, value: str) -> str | None:
    """What is wrong with a text option of a given ``shape``, or None."""
    if shape in ("https", "https-template"):
        try:
            parts = urlsplit(value.replace("{home_ref}", "HOMEREF"))
        except ValueError:
            parts = None
        if parts is None or parts.scheme != "https" or not parts.hostname or " " in value:
            return f"must be an https address, e.g. https://forms.example.org/odx, not {value!r}"
        if shape == "https-template" and "{home_ref}" not in value:
            return (
                "must contain {home_ref} where the home's reference goes, e.g. "
                f"https://forms.example.org/odx?home={{home_ref}}, not {value!r}"
            )
    if shape == "phone" and not _PHONE.fullmatch(value):
        return f"must be a phone number, e.g. 0113 496 0000 or +44 113 496 0000, not {value!r}"
    return None


@dataclass(frozen=True)
class Pilot:
    """A pilot cohort: a column and its value, or areas (never both)."""

    column: str = ""
    value: str = ""
    areas: tuple[str, ...] = ()

    def describe(self) -> str:
        """The cohort in words, for the dataset page and messages."""
        if self.column:
            return f"the homes whose {self.column} is {self.value!r}"
        return "the homes in " + ", ".join(self.areas)


def pilot_problem(value: Any) -> str | None:
    """What is wrong with the shape of an ``odx.pilot`` value, or None."""
    if not isinstance(value, dict) or not value:
        return f"must be a mapping, {EXAMPLE}"
    keys = set(value)
    if keys - {"column", "value", "areas"}:
        unknown = ", ".join(sorted(str(key) for key in keys - {"column", "value", "areas"}))
        return f"has unknown keys ({unknown}); {EXAMPLE}"
    if "areas" in keys:
        areas = value["areas"]
        if keys != {"areas"}:
            return f"takes either a column and its value or areas, not both; {EXAMPLE}"
        if (
            not isinstance(areas, list)
            or not areas
            or not all(isinstance(area, str) and area.strip() for area in areas)
        ):
            return (
                "areas must be a list of postcode sectors or local authority codes, "
                "e.g. [LS6 1, E08000035]"
            )
        return None
    if keys != {"column", "value"}:
        return f"needs both a column and the value that marks a pilot home; {EXAMPLE}"
    for key in ("column", "value"):
        if isinstance(value[key], bool) or not isinstance(value[key], (str, int)):
            return f"{key} must be a text, {EXAMPLE}"
        if not str(value[key]).strip():
            return f"{key} must not be empty; {EXAMPLE}"
    return None


def read_pilot(value: dict[str, Any]) -> Pilot:
    """The :class:`Pilot` of a value :func:`pilot_problem` accepted."""
    if "areas" in value:
        return Pilot(areas=tuple(" ".join(area.split()) for area in value["areas"]))
    return Pilot(column=str(value["column"]).strip(), value=str(value["value"]).strip())
