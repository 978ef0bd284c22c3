"""A realistic, deterministic export of "have your say" responses for a sample package.

``odx sample --responses DIR`` writes it next to (never inside) the package, so that
``odx intake`` has something to read: a spread of satisfaction, improvements, a few
comments, answers from most homes (so that areas have enough to publish what tenants say),
a few bad rows intake must report or hold (an unknown home, a value off the scale, a comment
with a phone number, a robot that filled the honeypot), then corrections over the three
months, for homes in the sample site's pilot and others
(:mod:`generator.intake.sample_corrections`).
"""

from __future__ import annotations

import csv
import datetime
import io
import random
from pathlib import Path

from generator.housing.sample import AS_OF
from generator.intake.form import EXPORT_FIELDS, IMPROVEMENTS, SATISFACTION_SCALE
from generator.intake.sample_corrections import sample_corrections

EXPORT = "responses.csv"
COMMENTS = (
    "The lift is often out of order.",
    "Thank you for fixing the guttering so quickly.",
    "There is black mould in the back bedroom every winter.",
    "The communal lights on the stairs are out.",
    "The boiler makes a loud banging noise when it starts.",
)
SATISFACTION_WEIGHTS = (25, 35, 15, 15, 10)  # very satisfied first, as the scale is
RESPONDING = 60  # percent of the homes that answer (at least 40), so that areas publish
BAD_ROWS = 4  # an unknown home, off the scale, a phone number, a robot
DAYS = 92  # responses come in over the three months up to the sample's date


def _sent(rng: random.Random) -> str:
    """When a response was sent, as a form service writes it: date and time, in UTC."""
    day = datetime.date.fromisoformat(AS_OF) - datetime.timedelta(days=rng.randrange(DAYS))
    return f"{day.isoformat()}T{rng.randrange(8, 22):02d}:{rng.randrange(60):02d}:00Z"


def write_responses(out: Path, package: Path, seed: int = 1) -> Path:
    """Write ``out/responses.csv`` about the homes of the sample ``package``; return it."""
    rng = random.Random(seed)
    homes = [row["home_ref"] for row in _rows(package / "homes.csv")]
    components = [
        row for row in _rows(package / "components.csv") if row["home_ref"] in set(homes[:50])
    ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS, lineterminator="\n", restval="")
    writer.writeheader()
    for ref in rng.sample(homes, min(len(homes), max(40, len(homes) * RESPONDING // 100))):
        row = {"home_ref": ref, "submitted": _sent(rng)}
        if rng.random() < 0.9:
            row["satisfaction"] = rng.choices(SATISFACTION_SCALE, SATISFACTION_WEIGHTS)[0]
        row["improve"] = ";".join(rng.sample(IMPROVEMENTS, rng.choice((0, 1, 1, 2, 3))))
        if rng.random() < 0.2:
            row["comment"] = rng.choice(COMMENTS)
        if len(row) == 3 and not row["improve"]:
            row["satisfaction"] = "neither"
        writer.writerow(row)
    part = rng.choice(components)
    writer.writerow(
        {
            "home_ref": part["home_ref"],
            "field": "install_year",
            "component": part["component_type"],
            "value": str(rng.randint(2015, 2024)),
            "evidence": "document",
            "submitted": _sent(rng),  # dated, so that the month received does not move
        }
    )
    writer.writerow(
        {
            "home_ref": rng.choice(homes),
            "field": "heating_type",
            "value": "heat-pump",
            "evidence": "tenant-observation",
            "submitted": _sent(rng),
        }
    )
    writer.writerow({"home_ref": "ZZ00ZZ00ZZ", "satisfaction": "neither"})  # no such home
    writer.writerow({"home_ref": rng.choice(homes), "satisfaction": "quite-happy"})
    writer.writerow(
        {
            "home_ref": rng.choice(homes),
            "satisfaction": "very-dissatisfied",
            "comment": "Nobody came about the leak, ring me on 07700 900123",
        }
    )
    writer.writerow(
        {"home_ref": rng.choice(homes), "satisfaction": "very-satisfied", "website": "cheap-pills"}
    )
    # then enough corrections for the pilot page, from a random stream of their own so that
    # the rows above stay as they were
    writer.writerows(sample_corrections(package, random.Random(f"{seed}-corrections")))
    out.mkdir(parents=True, exist_ok=True)
    path = out / EXPORT
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
