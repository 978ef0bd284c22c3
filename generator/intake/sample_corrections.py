"""The corrections of the sample export of "have your say" responses: enough of them, over
the three months up to the sample's date, for the pilot page to have figures to show.

Each is a row of the site's correction form (``field``, ``component``, ``value``) about a
real home of the sample package, of one of these kinds:

- a value for a field the data leaves empty, "not known": a component's install year (its
  status, not known, changes too), its condition, or the home's last survey year;
- a component's install year newer than the one recorded (a replacement the records missed:
  mostly one that was overdue, so its status changes);
- an install year from before the home was built (the records show it cannot be);
- an install year older than the one recorded (only a survey can tell).

The sample's review (:mod:`generator.intake.sample_review`) accepts the first two kinds,
rejects the third and leaves the last waiting. The pilot is the sample site's (mkdocs.yml):
the homes in Leeds. The counts differ by month and by pilot and other homes so that some
figures are published and some withheld, as a landlord would get them.
"""

from __future__ import annotations

import csv
import datetime
import random
from collections.abc import Callable, Iterator
from pathlib import Path

from generator.housing.sample import AS_OF

PILOT_AREA = "E08000035"  # Leeds: the sample site's pilot (mkdocs.yml, odx.pilot.areas)
KINDS = ("year-not-known", "condition-not-known", "survey-not-known", "newer", "before", "older")
PLAN = {  # month received -> (pilot homes, other homes): how many of each kind, as KINDS
    "2026-08": ((8, 2, 1, 3, 3, 2), (2, 0, 0, 1, 1, 1)),
    "2026-09": ((11, 2, 1, 3, 3, 2), (10, 2, 1, 2, 3, 1)),
    "2026-10": ((4, 1, 0, 2, 2, 3), (11, 1, 0, 2, 2, 2)),
}
CONDITIONS = ("good", "fair", "poor")
Draw = Callable[[random.Random], str]  # how a value is drawn
Candidate = tuple[str, str, str, Draw]  # home, component (or none), field, value


def sample_corrections(package: Path, rng: random.Random) -> Iterator[dict[str, str]]:
    """The correction rows of the sample export about ``package``, as the form posts them,
    each with the date it was sent."""
    homes = {row["home_ref"]: row for row in _rows(package / "homes.csv")}
    parts = _rows(package / "components.csv")
    taken = {(row["home_ref"], row["component_type"]) for row in _rows(package / "corrections.csv")}
    pools = {}
    for kind in KINDS:
        fit = [c for c in _candidates(kind, homes, parts) if c[:2] not in taken]
        for pilot in (True, False):
            pools[(pilot, kind)] = [c for c in fit if _in_pilot(homes[c[0]]) == pilot]
    used: set[tuple[str, str]] = set()
    for month, cohorts in PLAN.items():
        for pilot, counts in zip((True, False), cohorts, strict=True):
            for kind, count in zip(KINDS, counts, strict=True):
                pool = [c for c in pools[(pilot, kind)] if c[:2] not in used]
                for ref, component, field, value in rng.sample(pool, min(count, len(pool))):
                    used.add((ref, component))
                    yield {
                        "home_ref": ref,
                        "field": field,
                        "component": component,
                        "value": value(rng),
                        # no draw: the sample's other values stay as they were
                        "evidence": SAMPLE_EVIDENCE[len(used) % len(SAMPLE_EVIDENCE)],
                        "submitted": _sent_in(month, rng),
                    }


SAMPLE_EVIDENCE = ("tenant-observation", "tenant-observation", "photo", "document")


def build_start(period: str) -> int:
    """The first year of a build period (``1930-1949`` → 1930, ``before-1900`` → 1850)."""
    first = period.split("-")[0]
    return int(first) if first.isdigit() else 1850


def _candidates(
    kind: str, homes: dict[str, dict[str, str]], parts: list[dict[str, str]]
) -> list[Candidate]:
    """(home, component, field, how to draw the value) for each home or part that fits."""
    as_of = int(AS_OF[:4])
    if kind == "survey-not-known":
        return [
            (ref, "", "last_survey_year", lambda rng: str(rng.randint(as_of - 6, as_of - 1)))
            for ref, home in homes.items()
            if not home["last_survey_year"]
        ]
    found: list[Candidate] = []
    for part in parts:
        ref, component, year = part["home_ref"], part["component_type"], part["install_year"]
        built = build_start(homes[ref]["build_period"])
        if kind == "year-not-known" and not year and built >= 1950:
            found.append((ref, component, "install_year", _year(max(built, 1990), as_of - 2)))
        elif kind == "condition-not-known" and part["condition"] == "unknown":
            found.append((ref, component, "condition", lambda rng: rng.choice(CONDITIONS)))
        elif kind == "newer" and year and int(year) <= as_of - 30:
            found.append((ref, component, "install_year", _year(as_of - 12, as_of - 2)))
        elif kind == "before" and year and built >= 1960:
            found.append((ref, component, "install_year", _year(built - 15, built - 3)))
        elif kind == "older" and year and int(year) - built >= 12:
            found.append((ref, component, "install_year", _year(built + 2, int(year) - 6)))
    return found


def _year(first: int, last: int) -> Draw:
    return lambda rng: str(rng.randint(first, last))


def _in_pilot(home: dict[str, str]) -> bool:
    return home["local_authority_code"] == PILOT_AREA


def _sent_in(month: str, rng: random.Random) -> str:
    """A time in ``month`` (not after the sample's date), as a form service writes it."""
    first = datetime.date.fromisoformat(f"{month}-01")
    last = min(
        (first + datetime.timedelta(days=31)).replace(day=1) - datetime.timedelta(days=1),
        datetime.date.fromisoformat(AS_OF),
    )
    day = first + datetime.timedelta(days=rng.randrange((last - first).days + 1))
    return f"{day.isoformat()}T{rng.randrange(8, 22):02d}:{rng.randrange(60):02d}:00Z"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
