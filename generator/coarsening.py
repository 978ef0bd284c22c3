"""The coarsening ladder: make every group of homes reach k instead of refusing the package.

Opt-in (``odx.coarsen: true``). The ladder of the ODX anonymisation rules is climbed one rung
at a time, each rung applied to *every* home of the package (a value coarsened for some homes
only could be told apart from the rest, and the small group recovered by difference):

1. postcode sector → postcode district (``LS6 2`` → ``LS6``);
2. build period → a wider band (pre-1945, 1945-1980, 1981-2000, 2001 onwards; an EPC band
   is placed by the year it starts);
3. bedrooms → 0-1, 2, 3+.

After the last rung, homes still in a group below k are suppressed: neither they nor their
components, plan lines or corrections are published. What changed is recorded and shown on
the package page; the published ``homes`` file and descriptor carry the coarsened values.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .table import Table

if TYPE_CHECKING:
    from .loading import PackageData

WIDE_PERIODS = ("pre-1945", "1945-1980", "1981-2000", "2001-onwards")
BEDROOM_BANDS = ("0-1", "2", "3+")
RELATED = ("components", "investment_plan", "corrections")


def district(sector: Any) -> Any:
    """The postcode district of a sector: ``'LS6 2'`` → ``'LS6'``."""
    if not isinstance(sector, str):
        return sector
    return sector.split(" ", 1)[0]


def wide_period(period: Any) -> Any:
    """The wide band an EPC build period falls in, by the year it starts."""
    if not isinstance(period, str):
        return period
    if period.startswith("before"):
        return WIDE_PERIODS[0]
    match = re.match(r"(\d{4})", period)
    if not match:
        return period
    start = int(match.group(1))
    if start < 1945:
        return WIDE_PERIODS[0]
    if start <= 1980:
        return WIDE_PERIODS[1]
    if start <= 2000:
        return WIDE_PERIODS[2]
    return WIDE_PERIODS[3]


def bedroom_band(bedrooms: Any) -> Any:
    """Bedrooms as a band: 0 and 1 → ``0-1``, 2 → ``2``, 3 or more → ``3+``."""
    try:
        count = int(bedrooms)
    except (TypeError, ValueError):
        return bedrooms
    return BEDROOM_BANDS[0] if count <= 1 else BEDROOM_BANDS[1] if count == 2 else BEDROOM_BANDS[2]


@dataclass(frozen=True)
class Rung:
    """One step of the ladder: which column changes, how, and what the page says."""

    column: str
    apply: Callable[[Any], Any]
    says: str


LADDER = (
    Rung("postcode_sector", district, "postcode sectors were published as districts"),
    Rung(
        "build_period",
        wide_period,
        "build periods were published as wider bands (pre-1945, 1945-1980, 1981-2000, "
        "2001 onwards)",
    ),
    Rung("bedrooms", bedroom_band, "bedrooms were published as bands (0-1, 2, 3+)"),
)


@dataclass
class Coarsening:
    """What coarsening changed in one package."""

    k: int
    rungs: list[Rung] = field(default_factory=list)
    suppressed: set[str] = field(default_factory=set)
    withheld: dict[str, set[int]] = field(default_factory=dict)

    @property
    def changed_columns(self) -> dict[str, Callable[[Any], Any]]:
        """Column of ``homes`` → the function applied to every value of it."""
        return {rung.column: rung.apply for rung in self.rungs}

    def notes(self) -> list[str]:
        """What the package page says was changed, in plain words."""
        said = [
            f"To keep every group of similar homes at {self.k} or more, {rung.says}."
            for rung in self.rungs
        ]
        if self.suppressed:
            count = len(self.suppressed)
            said.append(
                f"{count} home{'s' if count != 1 else ''} still in a group of fewer than "
                f"{self.k} {'were' if count != 1 else 'was'} not published."
            )
        return said


def coarsen(package: PackageData, k: int) -> Coarsening:
    """Climb the ladder on ``package``'s homes (in place) until every group reaches ``k``."""
    from .privacy import QUASI_IDENTIFIERS

    outcome = Coarsening(k)
    homes = package.resource("homes")
    if homes is None or homes.table is None:
        return outcome
    table = homes.table
    positions = [table.index(name) for name in QUASI_IDENTIFIERS]

    def sizes() -> Counter[tuple[Any, ...]]:
        return Counter(
            tuple(row[p] if p is not None else None for p in positions) for row in table.rows
        )

    for rung in LADDER:
        if all(size >= k for size in sizes().values()):
            break
        column = table.index(rung.column)
        if column is None:
            continue
        _map_column(table, column, rung.apply)
        outcome.rungs.append(rung)
    counts = sizes()
    small = {group for group, size in counts.items() if size < k}
    if small:
        ref = table.index("home_ref")
        keep_rows, keep_records = [], []
        dropped: set[int] = set()
        for record, row in zip(table.records, table.rows, strict=True):
            if tuple(row[p] if p is not None else None for p in positions) in small:
                dropped.add(record)
                if ref is not None:
                    outcome.suppressed.add(row[ref])
            else:
                keep_rows.append(row)
                keep_records.append(record)
        table.rows, table.records = keep_rows, keep_records
        outcome.withheld["homes"] = dropped
        for name in RELATED:
            related = package.resource(name)
            if related is not None and related.table is not None:
                outcome.withheld[name] = _drop_homes(related.table, outcome.suppressed)
    return outcome


def _map_column(table: Table, column: int, apply: Callable[[Any], Any]) -> None:
    table.rows = [(*row[:column], apply(row[column]), *row[column + 1 :]) for row in table.rows]


def _drop_homes(table: Table, refs: set[str]) -> set[int]:
    """Remove rows of ``table`` about the homes ``refs``; return their record numbers."""
    ref = table.index("home_ref")
    if ref is None:
        return set()
    dropped = set()
    rows, records = [], []
    for record, row in zip(table.records, table.rows, strict=True):
        if row[ref] in refs:
            dropped.add(record)
        else:
            rows.append(row)
            records.append(record)
    table.rows, table.records = rows, records
    return dropped
