"""Number columns judged by their values, whatever they are called.

A column of UPRNs named ``x1``, or latitudes and longitudes named ``a`` and ``b``, passes
every rule that reads column names. What gives them away is the shape of the values:

- an **identifier**: every value a whole number of 9 to 12 digits, all of about the same
  length, no value twice (a UPRN, most often). Shorter numbers are not judged by their shape
  alone: populations, prices and counts look the same; in a column named as a reference
  (``*_ref``, ``*_id``) the cell rules catch 6 digits already.
- a **coordinate pair**: one column of precise decimals (most with 3 places or more) all
  within the latitudes of the United Kingdom, another all within its longitudes.

Columns are watched as their rows stream past (the first :data:`SAMPLE` values of each are
kept for the distinct-value test), so a table of a million rows costs no more memory.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

ID_RANGE = (10**8, 10**12)  # 9 to 12 digits, as UPRNs have (shorter numbers are often measures)
SAMPLE = 10_000  # values per column kept to tell whether any repeats
MIN_VALUES = 5  # fewer values say nothing about a column's shape
PRECISE_SHARE = 0.8  # coordinates: most values have 3 decimal places or more
LATITUDES = (49.8, 60.9)  # the United Kingdom, with its islands
LONGITUDES = (-8.7, 1.8)


@dataclass
class _Shape:
    """What has been seen of one column."""

    values: int = 0
    whole_ids: int = 0  # whole numbers of 6 to 12 digits
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
        return (self.not_id or self.repeats) and self.not_place


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
            position: _Shape()
            for position, (name, kind) in enumerate(zip(fields, types, strict=False))
            if kind in ("integer", "number") and name not in skip
        }

    @property
    def watched(self) -> list[int]:
        """The positions of the columns watched (numbers not declared non-identifying)."""
        return list(self._shapes)

    def add(self, position: int, values: Iterable[Any]) -> None:
        """Watch more values of the column at ``position``."""
        shape = self._shapes.get(position)
        if shape is None or shape.settled:
            return
        for value in values:
            if value is None or isinstance(value, bool):
                continue
            if not isinstance(value, (int, float, Decimal)) or not math.isfinite(value):
                continue
            shape.values += 1
            number = float(value)
            shape.low = min(shape.low, number)
            shape.high = max(shape.high, number)
            if value == int(value) and ID_RANGE[0] <= abs(int(value)) < ID_RANGE[1]:
                shape.whole_ids += 1
                shape.lengths.add(len(str(abs(int(value)))))
                shape.not_place = True
            elif LATITUDES[0] <= number <= LATITUDES[1] or LONGITUDES[0] <= number <= LONGITUDES[1]:
                shape.precise += _decimals(value) >= 3
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
            if shape.values < MIN_VALUES:
                continue
            lengths = shape.lengths
            if (
                shape.whole_ids == shape.values
                and not shape.repeats
                and max(lengths) - min(lengths) <= 1
            ):
                found.append(
                    (
                        self.fields[position],
                        f"every value is a different {min(lengths)} to {max(lengths)} digit "
                        "number: the column looks like a UPRN or a system id, whatever its "
                        "name; publish a random reference instead, or, if it names places or "
                        'things and not homes, declare the field "odx:non-identifying": '
                        '"<the reason>"',
                    )
                )
        latitudes = self._within(LATITUDES)
        longitudes = self._within(LONGITUDES)
        if latitudes and longitudes and set(latitudes) != set(longitudes):
            for position in sorted({*latitudes, *longitudes}):
                found.append(
                    (
                        self.fields[position],
                        "with another column, the precise values of this one read as the "
                        "latitude and longitude of places in the United Kingdom, which locate "
                        "a home; round them to 2 decimal places or remove the columns",
                    )
                )
        return found

    def _within(self, bounds: tuple[float, float]) -> list[int]:
        return [
            position
            for position, shape in self._shapes.items()
            if shape.values >= MIN_VALUES
            and not shape.not_place
            and shape.precise >= PRECISE_SHARE * shape.values
            and bounds[0] <= shape.low
            and shape.high <= bounds[1]
        ]
