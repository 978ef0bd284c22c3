"""Number columns judged by their values, whatever they are called.

A column of UPRNs named ``x1``, or latitudes and longitudes named ``a`` and ``b``, passes
every rule that reads column names. What gives them away is the shape of the values, held
as numbers or written as text (``"100023336956"``, ``"53.80123"``):

- an **identifier**: every value a whole number of 9 to 12 digits, all of about the same
  length, no value twice (a UPRN, most often). Shorter numbers are not judged by their shape
  alone: populations, prices and counts look the same; in a column named as a reference
  (``*_ref``, ``*_id``) the cell rules catch 6 digits already.
- a **coordinate pair**: one column of precise decimals (most with 3 places or more) all
  within the latitudes of the United Kingdom, another all within its longitudes.

Five values at least, and no value twice, are asked of a column with a neutral name. A
column named as a reference or a key (``*_code``, ``*_key``, ``location``...) or as a place
(``x``, ``geo``, ``location``) is judged on a single value, and a UPRN repeated on every row
counts: a year, a count or a price has fewer than 9 digits, so a reference of 9 to 12 digits
is no measure.

Columns are watched as their rows stream past (the first :data:`SAMPLE` values of each are
kept for the distinct-value test), so a table of a million rows costs no more memory.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.privacy.columns import LOCATION_WORDS, column_words
from generator.privacy.housing_facts import blank, key_named

ID_DIGITS = (9, 12)  # as UPRNs have (shorter numbers are often measures)
SAMPLE = 10_000  # values per column kept to tell whether any repeats
MIN_VALUES = 5  # fewer values say nothing about a column's shape
PRECISE_SHARE = 0.8  # coordinates: most values have 3 decimal places or more
LATITUDES = (49.8, 60.9)  # the United Kingdom, with its islands
LONGITUDES = (-8.7, 1.8)
WATCHED_TYPES = ("integer", "number", "string", "any")
_PLACE_WORDS = LOCATION_WORDS | {"latitude", "longitude", "place", "position", "gps", "geopoint"}
MAX_NUMBER_TEXT = 40  # characters: longer texts are read as text (int() refuses 4,300 digits)
_WHOLE_TEXT = re.compile(r"-?[0-9]+")
_DECIMAL_TEXT = re.compile(r"-?[0-9]{1,3}\.[0-9]+")


def named_as_place(column: str) -> bool:
    """Whether a column is named as a place (``x``, ``geo``, ``location``)."""
    return bool(_PLACE_WORDS.intersection(column_words(column)))


def named_as_reference(column: str) -> bool:
    """Whether a column is named as a reference or a place, so that one value of the shape
    of an identifier, even repeated, gives it away."""
    return key_named(column) or named_as_place(column)


def _as_number(value: Any) -> tuple[int | float | Decimal, int] | None:
    """A cell as a number and the count of its digits when whole (0 otherwise), or None for
    a value that is no number (text that is no number written plainly)."""
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_NUMBER_TEXT:
            return None  # no identifier and no coordinate is this long
        if _WHOLE_TEXT.fullmatch(text):
            return int(text), len(text.lstrip("-"))
        if _DECIMAL_TEXT.fullmatch(text):
            return Decimal(text), 0
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    if not math.isfinite(value):
        return None
    whole = value == int(value)
    return value, len(str(abs(int(value)))) if whole else 0


@dataclass
class _Shape:
    """What has been seen of one column."""

    named: bool = False  # named as a reference or a place: one value is enough
    placed: bool = False  # named as a place: one coordinate is enough
    values: int = 0
    whole_ids: int = 0  # whole numbers of 9 to 12 digits
    lengths: set[int] = field(default_factory=set)
    sample: set[Any] = field(default_factory=set)
    repeats: bool = False
    precise: int = 0  # 3 decimal places or more
    low: float = math.inf
    high: float = -math.inf
    not_id: bool = False  # a value that no identifier has was seen
    not_place: bool = False  # a value that no coordinate has was seen

    @property
    def settled(self) -> bool:
        """Whether nothing more can make this column suspect."""
        return (self.not_id or (self.repeats and not self.named)) and self.not_place


def _decimals(value: float | Decimal) -> int:
    text = format(value, "f") if isinstance(value, Decimal) else repr(float(value))
    if "e" in text or "E" in text or "." not in text:
        return 0
    return len(text.split(".", 1)[1].rstrip("0"))


class NumberShapes:
    """The shapes of the number columns of one table (see the module)."""

    def __init__(self, fields: Sequence[str], types: Sequence[str], skip: set[str]) -> None:
        self.fields = list(fields)
        self._shapes: dict[int, _Shape] = {
            position: _Shape(named=named_as_reference(name), placed=named_as_place(name))
            for position, (name, kind) in enumerate(zip(fields, types, strict=False))
            if kind in WATCHED_TYPES and name not in skip
        }

    @property
    def watched(self) -> list[int]:
        """The positions of the columns watched (numbers and texts not declared
        non-identifying)."""
        return list(self._shapes)

    def add(self, position: int, values: Iterable[Any]) -> None:
        """Watch more values of the column at ``position``."""
        shape = self._shapes.get(position)
        if shape is None or shape.settled:
            return
        for value in values:
            if value is None or isinstance(value, bool):
                continue
            read = _as_number(value)
            if read is None:
                if not blank(value):
                    shape.not_id = shape.not_place = True  # text that is no number
                    return
                continue
            number, digits = read
            shape.values += 1
            as_float = float(number)
            shape.low = min(shape.low, as_float)
            shape.high = max(shape.high, as_float)
            if ID_DIGITS[0] <= digits <= ID_DIGITS[1]:
                shape.whole_ids += 1
                shape.lengths.add(digits)
                shape.not_place = True
            elif (
                LATITUDES[0] <= as_float <= LATITUDES[1]
                or LONGITUDES[0] <= as_float <= LONGITUDES[1]
            ):
                shape.precise += _decimals(number) >= 3
                shape.not_id = True
            else:
                shape.not_id = shape.not_place = True
            if len(shape.sample) < SAMPLE and not shape.repeats:
                if value in shape.sample:
                    shape.repeats = True
                shape.sample.add(value)
            if shape.settled:
                return

    def add_row(self, values: Sequence[Any]) -> None:
        """Watch one row."""
        for position in self._shapes:
            if position < len(values):
                self.add(position, (values[position],))

    def findings(self) -> list[tuple[str, str]]:
        """(column, what is wrong) for each column whose values give it away."""
        found = []
        for position, shape in self._shapes.items():
            if shape.values < (1 if shape.named else MIN_VALUES):
                continue
            lengths = shape.lengths
            if (
                shape.whole_ids == shape.values
                and (shape.named or not shape.repeats)
                and max(lengths) - min(lengths) <= 1
            ):
                every = "every value is a different" if not shape.repeats else "every value is a"
                found.append(
                    (
                        self.fields[position],
                        f"{every} {min(lengths)} to {max(lengths)} digit "
                        "number: the column looks like a UPRN or a system id, whatever its "
                        "name; publish a random reference instead, or, if it names places or "
                        'things and not homes, declare the field "odx:non-identifying": '
                        '"<the reason>"',
                    )
                )
        for position in self._coordinates():
            found.append(
                (
                    self.fields[position],
                    "with another column, the precise values of this one read as the "
                    "latitude and longitude of places in the United Kingdom, which locate "
                    "a home; round them to 2 decimal places or remove the columns",
                )
            )
        return found

    def _coordinates(self) -> list[int]:
        """The columns that read as latitudes and longitudes, together: five values each
        at least, or any number when one of them is named as a place."""
        latitudes = self._within(LATITUDES)
        longitudes = self._within(LONGITUDES)
        if not any(self._shapes[p].placed for p in (*latitudes, *longitudes)):
            latitudes = [p for p in latitudes if self._shapes[p].values >= MIN_VALUES]
            longitudes = [p for p in longitudes if self._shapes[p].values >= MIN_VALUES]
        if not latitudes or not longitudes:
            return []
        return sorted({*latitudes, *longitudes})

    def _within(self, bounds: tuple[float, float]) -> list[int]:
        return [
            position
            for position, shape in self._shapes.items()
            if shape.values >= 1
            and not shape.not_place
            and shape.precise >= PRECISE_SHARE * shape.values
            and bounds[0] <= shape.low
            and shape.high <= bounds[1]
        ]
