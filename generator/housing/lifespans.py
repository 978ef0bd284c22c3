"""How old a component is, when it falls due and whether it is overdue (Decent Homes).

The lifespans are data (``generator/housing/data/odx/lifespans.csv``, from the domain
reference), not code: a new Decent Homes Standard changes the file, not this module. The rules:

* expected life is the row's own ``expected_life_years`` when given, else the table's for
  houses or flats (maisonettes and bedsits count as flats, bungalows as houses);
* due year = install year + expected life;
* **overdue** when the due year is before the ``as_of`` year, **due soon** when it is at most
  :data:`DUE_SOON_YEARS` after it, **unknown** without an install year or an expected life;
* kitchens older than 20 and bathrooms older than 30 years count against the Decent Homes
  "reasonably modern facilities" criterion (c), shown as a note.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

DUE_SOON_YEARS = 5
FLAT_TYPES = frozenset({"flat", "maisonette", "bedsit"})

OK, DUE_SOON, OVERDUE, UNKNOWN = "ok", "due-soon", "overdue", "unknown"
STATUS_LABELS = {
    OK: "Within its life",
    DUE_SOON: f"Due within {DUE_SOON_YEARS} years",
    OVERDUE: "Overdue",
    UNKNOWN: "Not known",
}


@dataclass(frozen=True)
class Lifespan:
    """Expected life in years for houses and for flats, and the criterion-c age if any."""

    houses: int | None
    flats: int | None
    modern_facilities_age: int | None


@dataclass(frozen=True)
class Assessment:
    """What the lifespan rules say about one component of one home."""

    age: int | None
    expected_life: int | None
    life_source: str  # "landlord", "table" or "" when unknown
    due_year: int | None
    status: str
    beyond_modern_age: int | None  # the criterion-c age exceeded, if any


def _number(text: str) -> int | None:
    return int(text) if text.strip() else None


@cache
def lifespan_table() -> dict[str, Lifespan]:
    """The lifespan table by component type, read once from the package data."""
    text = (
        resources.files("generator.housing").joinpath("data/odx/lifespans.csv").read_text("utf-8")
    )
    return {
        row["component_type"]: Lifespan(
            _number(row["lifespan_houses"]),
            _number(row["lifespan_flats"]),
            _number(row["dhs_modern_facilities_age"]),
        )
        for row in csv.DictReader(io.StringIO(text))
    }


def table_life(component_type: str, property_type: str | None) -> int | None:
    """The table's expected life of a component in this type of home, or None."""
    lifespan = lifespan_table().get(component_type)
    if lifespan is None:
        return None
    return lifespan.flats if property_type in FLAT_TYPES else lifespan.houses


@lru_cache(maxsize=65_536)
def assess(
    component_type: str,
    property_type: str | None,
    install_year: int | None,
    own_life: int | None,
    as_of_year: int,
) -> Assessment:
    """Apply the lifespan rules to one component (a pure function of its arguments, which
    repeat across a portfolio: results are remembered)."""
    life: int | None
    if own_life is not None:
        life, source = own_life, "landlord"
    else:
        life = table_life(component_type, property_type)
        source = "table" if life is not None else ""
    if install_year is None:
        return Assessment(None, life, source, None, UNKNOWN, None)
    age = max(as_of_year - install_year, 0)
    lifespan = lifespan_table().get(component_type)
    modern = lifespan.modern_facilities_age if lifespan else None
    beyond = modern if modern is not None and age > modern else None
    if life is None:
        return Assessment(age, None, "", None, UNKNOWN, beyond)
    due = install_year + life
    if due < as_of_year:
        status = OVERDUE
    elif due <= as_of_year + DUE_SOON_YEARS:
        status = DUE_SOON
    else:
        status = OK
    return Assessment(age, life, source, due, status, beyond)
