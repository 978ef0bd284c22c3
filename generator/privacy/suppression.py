"""Secondary suppression: hide more cells until nothing small can be worked out.

Cells are tied by sums (:class:`Relation`: a total and the parts it is the sum of). Anyone
can subtract published cells: a total less all its parts but one gives that one, and a
total less its published parts gives the sum of the hidden ones. :func:`suppress` works out
everything that can be derived this way, again and again, and while a derived cell, or the
hidden remainder of a published total, is small (fewer than the threshold responses, or
fewer than the threshold saying how satisfied they are) or unanimous, it hides one more
cell of the sum that gave it away: the smallest published part (fewest responses, then by
its key), else a cell of the sum that gave away a part, else the total.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SECONDARY = {  # the reason code (see disclosure.WITHHELD) of a cell hidden for another's sake
    "area": "worked-out-from-totals",
    "period": "worked-out-from-totals",
    "cohort": "worked-out-from-everyone",
}


@dataclass(frozen=True)
class Tally:
    """Responses in a cell: all of them, those that said how satisfied they are, and those
    in each band (satisfied, neither, dissatisfied)."""

    responses: int
    rated: int
    bands: tuple[int, int, int]

    @classmethod
    def zero(cls) -> Tally:
        return cls(0, 0, (0, 0, 0))

    @classmethod
    def of(cls, band: int | None) -> Tally:
        """One response, in ``band`` (None: it did not say how satisfied)."""
        if band is None:
            return cls(1, 0, (0, 0, 0))
        return cls(1, 1, tuple(int(i == band) for i in range(3)))  # type: ignore[arg-type]

    def __add__(self, other: Tally) -> Tally:
        bands = tuple(a + b for a, b in zip(self.bands, other.bands, strict=True))
        return Tally(self.responses + other.responses, self.rated + other.rated, bands)  # type: ignore[arg-type]

    def __sub__(self, other: Tally) -> Tally:
        bands = tuple(a - b for a, b in zip(self.bands, other.bands, strict=True))
        return Tally(self.responses - other.responses, self.rated - other.rated, bands)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Relation:
    """``total`` is the sum of ``parts``; ``kind`` says how (area, period or cohort)."""

    total: Any
    parts: tuple[Any, ...]
    kind: str

    @property
    def members(self) -> tuple[Any, ...]:
        return (self.total, *self.parts)


def rounded_share(count: int, base: int) -> int:
    """``count`` of ``base`` in percent, rounded to the nearest 5 (halves up)."""
    return (200 * count + 5 * base) // (10 * base) * 5


def near_unanimous(tally: Tally) -> bool:
    """Whether one band holds everyone, or so many that its share rounds to 100."""
    return tally.rated > 0 and any(rounded_share(c, tally.rated) == 100 for c in tally.bands)


def small(tally: Tally, threshold: int) -> bool:
    """Whether ``tally``, were it known, would tell too much: a few responses, a few that
    said how satisfied they are, or one answer for (nearly) all."""
    if tally.responses <= 0:
        return False
    return tally.responses < threshold or tally.rated < threshold or near_unanimous(tally)


def suppress(
    tallies: Mapping[Any, Tally],
    relations: Sequence[Relation],
    reasons: Mapping[Any, str],
    threshold: int,
) -> dict[Any, str]:
    """The cells to withhold and why: those of ``reasons``, and as many more as it takes
    (see the module's docstring). Parts of a relation missing from ``tallies`` are cells
    never published (the rest of a cohort); their tally is the total less the others."""
    values = dict(tallies)
    for relation in relations:
        missing = [p for p in relation.parts if p not in values]
        if len(missing) == 1:
            given = [values[p] for p in relation.parts if p in values]
            values[missing[0]] = values[relation.total] - sum(given, Tally.zero())
    never = {p for r in relations for p in r.parts if p not in tallies}
    hidden = dict(reasons)
    by_member: dict[Any, list[int]] = defaultdict(list)
    for index, relation in enumerate(relations):
        for member in relation.members:
            by_member[member].append(index)
    while True:
        published = {key for key in tallies if key not in hidden}
        derived_by = _derive(published, relations, by_member)
        known = published | derived_by.keys()
        picks: dict[Any, str] = {}
        stuck = False
        for key, index in derived_by.items():
            if small(values[key], threshold) and (key in hidden or key in never):
                stuck |= not _pick(
                    index, relations, published, derived_by, values, picks, threshold
                )
        for index, relation in enumerate(relations):
            if relation.total not in known:
                continue
            unknown = [p for p in relation.parts if p not in known]
            rest = sum((values[p] for p in unknown), Tally.zero())
            if small(rest, threshold):
                stuck |= not _pick(
                    index, relations, published, derived_by, values, picks, threshold
                )
        if stuck and not picks:  # fail closed: nothing of these responses is published
            return {**{key: SECONDARY["area"] for key in published}, **hidden}
        if not picks:
            return hidden
        hidden.update(picks)


def _derive(
    published: set[Any], relations: Sequence[Relation], by_member: Mapping[Any, list[int]]
) -> dict[Any, int]:
    """Every cell not published that subtraction or addition gives, with the relation that
    gave it."""
    known = set(published)
    derived: dict[Any, int] = {}
    queue = list(range(len(relations)))
    while queue:
        index = queue.pop()
        unknown = [m for m in relations[index].members if m not in known]
        if len(unknown) != 1:
            continue
        (member,) = unknown
        known.add(member)
        derived[member] = index
        queue.extend(by_member[member])
    return derived


def _pick(
    index: int,
    relations: Sequence[Relation],
    published: set[Any],
    derived_by: Mapping[Any, int],
    values: Mapping[Any, Tally],
    picks: dict[Any, str],
    threshold: int,
    seen: frozenset[int] = frozenset(),
) -> bool:
    """Hide one more cell of relation ``index``: its smallest published part, else a cell
    of a relation that gave away one of its parts, else its total (or a cell of the
    relation that gave it away)."""
    relation = relations[index]
    reason = SECONDARY[relation.kind]
    parts = sorted(
        (p for p in relation.parts if p in published),
        key=lambda p: (values[p].responses, str(p)),
    )
    if parts:
        picks.setdefault(parts[0], reason)
        return True
    for member in [m for m in relation.parts if m in derived_by] + [relation.total]:
        if member in published:
            picks.setdefault(member, reason)
            return True
        source = derived_by.get(member)
        if source is not None and source != index and source not in seen:
            args = (relations, published, derived_by, values, picks, threshold, seen | {index})
            if _pick(source, *args):
                return True
    return False
