"""Write a synthetic landlord package that follows the ODX data model (homes/0.1).

The same ``homes`` and ``seed`` always give byte-identical files. Homes come in groups of at
least :data:`K_ANONYMITY` sharing every quasi-identifier (local authority, postcode sector,
property type, built form, bedrooms, build period, main heating, rent type, EPC band and EPC
year), so the package respects k-anonymity at the default k=10. The data is invented; it
exercises what the site shows: unknown install years, overdue components with and without
plan lines, accepted, submitted and rejected corrections, and TSM results at landlord and
area level, some from too few respondents to publish.
"""

from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

K_ANONYMITY = 10
AS_OF = "2026-10-31"
AS_OF_YEAR = 2026
LANDLORD = {"name": "Sample Homes Association", "code": "L9001"}
REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# (postcode sector, local authority GSS code)
SECTORS = (
    ("LS6 2", "E08000035"),
    ("LS6 3", "E08000035"),
    ("LS7 4", "E08000035"),
    ("LS8 5", "E08000035"),
    ("BD3 7", "E08000032"),
    ("BD5 0", "E08000032"),
    ("HX1 4", "E08000033"),
)
PERIOD_START = {
    "before-1900": 1880,
    "1900-1929": 1900,
    "1930-1949": 1930,
    "1950-1966": 1950,
    "1967-1975": 1967,
    "1976-1982": 1976,
    "1983-1990": 1983,
    "1991-1995": 1991,
    "1996-2002": 1996,
    "2003-2006": 2003,
    "2007-2011": 2007,
    "2012-2021": 2012,
}
# (property type, built forms, bedroom choices, build periods)
ARCHETYPES = (
    ("house", ("mid-terrace", "end-terrace"), (2, 3), ("before-1900", "1900-1929", "1930-1949")),
    ("house", ("semi-detached",), (2, 3, 4), ("1930-1949", "1950-1966", "1967-1975")),
    ("flat", ("not-applicable",), (1, 2), ("1950-1966", "1967-1975", "1976-1982")),
    ("flat", ("not-applicable",), (0, 1, 2), ("1996-2002", "2003-2006", "2012-2021")),
    ("maisonette", ("not-applicable",), (2, 3), ("1967-1975", "1976-1982")),
    ("bungalow", ("semi-detached", "detached"), (1, 2), ("1950-1966", "1983-1990")),
    ("house", ("mid-terrace", "semi-detached"), (2, 3, 4), ("1991-1995", "2007-2011")),
)
RENT_TYPES = ("social", "social", "social", "affordable", "shared-ownership")
COSTS = {  # typical replacement cost range in pounds
    "kitchen": (5500, 9000),
    "bathroom": (4000, 6500),
    "boiler": (2800, 4200),
    "storage-heaters": (2500, 4000),
    "heating-distribution": (3000, 5500),
    "electrics": (3500, 6000),
    "windows": (4500, 9000),
    "external-doors": (1200, 2400),
    "roof-finish": (6000, 14000),
    "roof-structure": (9000, 20000),
    "chimney": (1500, 3500),
}
PROGRAMME_NAMES = {
    "kitchen": "Kitchens",
    "bathroom": "Bathrooms",
    "boiler": "Boilers",
    "storage-heaters": "Heating",
    "heating-distribution": "Heating",
    "electrics": "Rewires",
    "windows": "Windows and doors",
    "external-doors": "Windows and doors",
    "roof-finish": "Roofs",
    "roof-structure": "Roofs",
    "chimney": "Roofs",
}
PLAN_STATUSES = ("proposed", "proposed", "approved", "scheduled", "in-progress", "deferred")
TSM_YEARS = ("2023/24", "2024/25")


@dataclass(frozen=True)
class _Group:
    sector: str
    authority: str
    property_type: str
    built_form: str
    bedrooms: int
    build_period: str
    rent_type: str
    heating: str
    epc_band: str | None
    epc_year: int | None


def _data_file(name: str) -> str:
    return (
        resources.files("generator.housing").joinpath("data/odx", name).read_text(encoding="utf-8")
    )


def _lifespans() -> dict[str, tuple[int, int | None]]:
    table = {}
    for row in csv.DictReader(io.StringIO(_data_file("lifespans.csv"))):
        flats = int(row["lifespan_flats"]) if row["lifespan_flats"] else None
        table[row["component_type"]] = (int(row["lifespan_houses"]), flats)
    return table


def _tsm_measures() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_data_file("tsm_measures.csv"))))


def _schema(resource: str) -> dict[str, Any]:
    return json.loads(_data_file(f"schemas/{resource}.schema.json"))


class _Writer:
    """Deterministic CSV text."""

    def __init__(self, header: list[str]) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")
        self.writer.writerow(header)

    def row(self, values: list[Any]) -> None:
        self.writer.writerow(["" if v is None else v for v in values])

    def text(self) -> str:
        return self.buffer.getvalue()


def _group_sizes(homes: int, rng: random.Random) -> list[int]:
    """Split ``homes`` into groups of at least K_ANONYMITY (one group when too few)."""
    if homes < 2 * K_ANONYMITY:
        return [homes]
    sizes = []
    left = homes
    while left:
        size = rng.randint(K_ANONYMITY, 3 * K_ANONYMITY)
        if left - size < K_ANONYMITY:
            size = left
        sizes.append(size)
        left -= size
    return sizes


def _groups(homes: int, rng: random.Random) -> list[tuple[_Group, int]]:
    groups: dict[_Group, int] = {}
    for size in _group_sizes(homes, rng):
        sector, authority = rng.choice(SECTORS)
        kind, forms, bedrooms, periods = rng.choice(ARCHETYPES)
        flats = kind in ("flat", "maisonette")
        heating = rng.choices(
            ("gas-boiler", "electric-storage", "heat-pump", "district"),
            weights=(70, 18 if flats else 4, 6, 6 if flats else 0),
        )[0]
        epc_year = rng.choice((None, *range(2012, 2026)))
        group = _Group(
            sector,
            authority,
            kind,
            rng.choice(forms),
            rng.choice(bedrooms),
            rng.choice(periods),
            rng.choice(RENT_TYPES),
            heating,
            rng.choices("BCDEF", weights=(6, 38, 40, 12, 4))[0] if epc_year else None,
            epc_year,
        )
        groups[group] = groups.get(group, 0) + size  # same combination twice: still >= k
    return list(groups.items())


def _ref(rng: random.Random, used: set[str], prefix: str = "") -> str:
    """A random-looking reference that starts with a letter (never mistaken for a number)."""
    letters = REF_ALPHABET[:-8]
    while True:
        head = prefix or rng.choice(letters)
        ref = head + "".join(rng.choice(REF_ALPHABET) for _ in range(10 - len(head)))
        if ref not in used:
            used.add(ref)
            return ref


def _components_for(kind: str, period: str, heating: str, rng: random.Random) -> list[str]:
    parts = [
        "kitchen",
        "bathroom",
        "heating-distribution",
        "electrics",
        "windows",
        "external-doors",
    ]
    if heating == "gas-boiler":
        parts.insert(2, "boiler")
    elif heating == "electric-storage":
        parts.insert(2, "storage-heaters")
    if kind in ("house", "bungalow"):
        parts += ["roof-finish", "roof-structure"]
        if PERIOD_START[period] < 1950 and rng.random() < 0.6:
            parts.append("chimney")
    return parts


def write_sample(out: Path, *, homes: int, seed: int = 1, pilot_column: str = "") -> Path:
    """Write the package into ``out`` (created if needed) and return the descriptor path.

    With ``pilot_column``, the homes table also has that cohort column: ``pilot`` for the
    homes of about two groups in five (whole groups, as a landlord would choose blocks or
    areas), ``later`` for the others; everything else is as without it."""
    rng = random.Random(seed)
    cohort_rng = random.Random(f"{seed}-pilot")  # its own stream: the rest stays the same
    lifespans = _lifespans()
    out.mkdir(parents=True, exist_ok=True)
    used_refs: set[str] = set()

    homes_fields = [f["name"] for f in _schema("homes")["fields"]]
    homes_csv = _Writer(homes_fields + ([pilot_column] if pilot_column else []))
    components_csv = _Writer([f["name"] for f in _schema("components")["fields"]])
    plan_csv = _Writer([f["name"] for f in _schema("investment_plan")["fields"]])
    home_rows: list[tuple[str, _Group, str]] = []
    component_rows: list[tuple[str, str, int | None]] = []
    plan_number = 1000

    for group, size in _groups(homes, rng):
        cohort = ["pilot" if cohort_rng.random() < 0.4 else "later"] if pilot_column else []
        flats = group.property_type in ("flat", "maisonette")
        block = _ref(rng, used_refs, "B") if flats else None
        for position in range(size):
            if flats and position and position % 16 == 0:
                block = _ref(rng, used_refs, "B")
            ref = _ref(rng, used_refs)
            heating = group.heating
            built = PERIOD_START[group.build_period]
            survey = rng.choice((None, 2019, 2020, 2021, 2022, 2023, 2024, 2025))
            homes_csv.row(
                [
                    ref,
                    block,
                    group.sector,
                    group.authority,
                    group.property_type,
                    group.built_form,
                    group.bedrooms,
                    group.build_period,
                    group.rent_type,
                    heating,
                    group.epc_band,
                    group.epc_year,
                    rng.choices(("meets", "fails", "not-assessed"), weights=(88, 8, 4))[0],
                    survey,
                    *cohort,
                ]
            )
            home_rows.append((ref, group, heating))
            for part in _components_for(group.property_type, group.build_period, heating, rng):
                houses, flat_life = lifespans.get(part, (30, 30))
                life = (flat_life or houses) if flats else houses
                own_life = 25 if part == "kitchen" and rng.random() < 0.1 else None
                unknown = rng.random() < 0.06
                installed = None if unknown else max(built, AS_OF_YEAR - rng.randint(0, life + 12))
                basis = None if unknown else rng.choice(("recorded", "surveyed", "estimated"))
                condition = rng.choices(
                    ("good", "fair", "poor", "failed", "unknown"), weights=(45, 35, 12, 2, 6)
                )[0]
                components_csv.row(
                    [
                        ref,
                        part,
                        installed,
                        basis,
                        own_life,
                        condition,
                        survey if condition != "unknown" else None,
                    ]
                )
                component_rows.append((ref, part, installed))
                due = None if installed is None else installed + (own_life or life)
                if due is None or due > AS_OF_YEAR + 10 or rng.random() < 0.3:
                    continue  # no plan line: some overdue components stay unplanned
                planned = max(AS_OF_YEAR, due) + rng.randint(0, 3)
                low, high = COSTS.get(part, (1000, 3000))
                cost = round(rng.randint(low, high), -2)
                plan_csv.row(
                    [
                        f"PL-{plan_number}",
                        ref,
                        part,
                        "replace",
                        planned,
                        cost,
                        f"{PROGRAMME_NAMES.get(part, 'Planned works')} {planned}",
                        rng.choice(PLAN_STATUSES),
                        "condition" if condition in ("poor", "failed") else "age",
                    ]
                )
                plan_number += 1

    files = {
        "homes.csv": homes_csv.text(),
        "components.csv": components_csv.text(),
        "investment_plan.csv": plan_csv.text(),
        "satisfaction.csv": _satisfaction(home_rows, rng),
        "corrections.csv": _corrections(home_rows, component_rows, rng)
        + _more_corrections(component_rows, random.Random(f"{seed}-corrections")),
    }
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="")
    descriptor_path = out / "datapackage.json"
    descriptor = _descriptor(homes)
    if pilot_column:
        descriptor["resources"][0]["schema"]["fields"].append(_cohort_field(pilot_column))
    descriptor_path.write_text(
        json.dumps(descriptor, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return descriptor_path


def _satisfaction(home_rows: list[tuple[str, _Group, str]], rng: random.Random) -> str:
    writer = _Writer([f["name"] for f in _schema("satisfaction")["fields"]])
    measures = _tsm_measures()
    authorities = sorted({group.authority for _, group, _ in home_rows})
    respondents = max(10, len(home_rows) // 3)
    for year in TSM_YEARS:
        for measure in measures:
            perception = measure["kind"] == "perception"
            if measure["unit"] == "percent":
                value = round(rng.uniform(55, 85) if perception else rng.uniform(70, 100), 1)
                if measure["measure_code"] == "RP01":
                    value = round(rng.uniform(1, 9), 1)
            else:
                value = round(rng.uniform(0.5, 40), 1)
            writer.row(
                [
                    LANDLORD["code"],
                    year,
                    "LCRA",
                    "",
                    measure["measure_code"],
                    value,
                    measure["unit"],
                    respondents if perception else None,
                ]
            )
        for index, authority in enumerate(authorities):
            # the last area always has too few respondents: the site must withhold it
            count = 7 if index == len(authorities) - 1 else max(10, respondents // len(authorities))
            writer.row(
                [
                    LANDLORD["code"],
                    year,
                    "LCRA",
                    authority,
                    "TP01",
                    round(rng.uniform(55, 85), 1),
                    "percent",
                    count,
                ]
            )
    return writer.text()


def _corrections(
    home_rows: list[tuple[str, _Group, str]],
    component_rows: list[tuple[str, str, int | None]],
    rng: random.Random,
) -> str:
    writer = _Writer([f["name"] for f in _schema("corrections")["fields"]])
    unknown = [row for row in component_rows if row[2] is None]
    known = [row for row in component_rows if row[2] is not None]
    number = 1
    for status in ("accepted", "submitted", "rejected"):
        pool = unknown or known
        if not pool:
            break
        ref, part, _ = rng.choice(pool)
        writer.row(
            _install_year_fix(
                number,
                ref,
                part,
                rng.randint(1995, 2020),
                "tenant-observation",
                status,
                AS_OF_YEAR - 1,
            )
        )
        number += 1
    if home_rows:
        ref, _, heating = rng.choice(home_rows)
        proposed = "heat-pump" if heating != "heat-pump" else "gas-boiler"
        writer.row(
            [
                f"C-{number:04d}",
                ref,
                "homes",
                "heating_type",
                None,
                proposed,
                "photo",
                "submitted",
                None,
            ]
        )
    return writer.text()


COMPONENTS_PER_CORRECTION = 24  # corrections decided in the year: one per this many components
FIRST_MORE = 101  # their ids start here, after the few above


def _more_corrections(component_rows: list[tuple[str, str, int | None]], rng: random.Random) -> str:
    """Install-year corrections of the year (for the pilot page), from a random stream of
    their own so that every other table stays as it was; rows without a header."""
    writer = _Writer([])
    number = FIRST_MORE
    count = len(component_rows) // COMPONENTS_PER_CORRECTION
    for ref, part, year in rng.sample(component_rows, min(count, len(component_rows))):
        status = rng.choices(("accepted", "rejected", "submitted"), (6, 2, 2))[0]
        proposed = (year or rng.randint(1990, 2015)) + rng.choice((-6, -3, 2, 4))
        evidence = rng.choice(("tenant-observation", "photo"))
        writer.row(
            _install_year_fix(
                number, ref, part, min(proposed, AS_OF_YEAR), evidence, status, AS_OF_YEAR
            )
        )
        number += 1
    return writer.text().split("\n", 1)[1]


def _install_year_fix(
    number: int, ref: str, part: str, proposed: int, evidence: str, status: str, decided: int
) -> list[Any]:
    """A row of corrections.csv correcting a component's install year (no decision year
    while it is submitted)."""
    return [
        f"C-{number:04d}",
        ref,
        "components",
        "install_year",
        part,
        proposed,
        evidence,
        status,
        decided if status != "submitted" else None,
    ]


def _resource(name: str, title: str) -> dict[str, Any]:
    return {
        "name": name,
        "path": f"{name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": title,
        "schema": _schema(name),
    }


def _cohort_field(name: str) -> dict[str, Any]:
    """The cohort column's field: read by ``odx.pilot``, never published."""
    return {
        "name": name,
        "type": "string",
        "title": "Pilot cohort",
        "description": "Whether the home is in the pilot (pilot) or comes later (later).",
        "constraints": {"required": True, "enum": ["pilot", "later"]},
    }


def _descriptor(homes: int) -> dict[str, Any]:
    return {
        "name": "sample-landlord",
        "title": f"{LANDLORD['name']}: homes, components and investment plan",
        "description": (
            f"A synthetic landlord of {homes:,} homes, made with 'odx sample' to show what an "
            "Open Data Exchange package holds: each home's components with install years and "
            "condition, the investment plan, Tenant Satisfaction Measures and tenant "
            "corrections. All values are invented."
        ),
        "version": "0.1.0",
        "created": f"{AS_OF}T00:00:00Z",
        "keywords": ["social housing", "decent homes", "investment plan", "tenant satisfaction"],
        "licenses": [
            {
                "name": "OGL-UK-3.0",
                "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
                "title": "Open Government Licence v3.0",
            }
        ],
        "sources": [
            {
                "title": "Synthetic data made by odx sample",
                "path": "https://github.com/odx-community/odx-site",
            }
        ],
        "contributors": [{"title": LANDLORD["name"], "role": "publisher"}],
        "odx": {"profile": "homes/0.1", "landlord": dict(LANDLORD), "as_of": AS_OF},
        "resources": [
            _resource("homes", "Homes"),
            _resource("components", "Components"),
            _resource("investment_plan", "Investment plan"),
            _resource("satisfaction", "Tenant Satisfaction Measures"),
            _resource("corrections", "Corrections"),
        ],
    }
