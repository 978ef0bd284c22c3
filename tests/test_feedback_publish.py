"""odx intake writes what tenants say as feedback.csv in the package, and the build checks it."""

from __future__ import annotations

import csv

from helpers import EXAMPLE_HOME as HOME
from helpers import Landlord
from helpers import run_intake as intake
from helpers import write_export as export

MIXED = ("very-satisfied", "fairly-satisfied", "neither", "fairly-dissatisfied")


def responses(count: int) -> list[dict[str, str]]:
    return [
        {"home_ref": HOME, "satisfaction": MIXED[i % 4], "comment": f"Answer {i}"}
        for i in range(count)
    ]


def test_intake_writes_feedback_csv_and_lists_it_and_the_same_responses_give_the_same_file(
    landlord: Landlord,
):
    path = export(landlord, responses(12))
    assert intake(landlord, path).code == 0
    written = landlord.folder / "feedback.csv"
    rows = list(csv.DictReader(written.open(encoding="utf-8")))
    top = rows[0]
    assert (top["cohort"], top["period"], top["level"], top["responses"]) == (
        "all",
        "all",
        "landlord",
        "10",
    )
    assert "feedback" in [r["name"] for r in landlord.descriptor["resources"]]
    before = written.read_bytes(), (landlord.folder / "datapackage.json").read_bytes()
    assert intake(landlord, path).code == 0
    assert (written.read_bytes(), (landlord.folder / "datapackage.json").read_bytes()) == before
    assert landlord.project.build().code == 0


def test_a_tampered_feedback_csv_fails_the_build_at_its_line(landlord: Landlord):
    assert intake(landlord, export(landlord, responses(12))).code == 0
    line = landlord.edit("feedback", 0, responses="7")
    run = landlord.project.build()
    assert run.code == 1
    assert f"feedback.csv:{line}: responses: 7 is fewer than 10" in run.output


def test_a_unanimous_published_row_fails_the_build(landlord: Landlord):
    assert intake(landlord, export(landlord, responses(12))).code == 0
    landlord.edit("feedback", 0, satisfied_pct="100", neither_pct="0", dissatisfied_pct="0")
    run = landlord.project.build()
    assert run.code == 1 and "satisfied_pct: 100: everyone" in run.output


def test_a_column_beside_the_cells_fails_the_build(landlord: Landlord):
    """Nothing but the cells: a column added by hand could carry a home, a day or a comment."""
    assert intake(landlord, export(landlord, responses(12))).code == 0
    count = len(list(csv.DictReader((landlord.folder / "feedback.csv").open(encoding="utf-8"))))
    field = {"name": "home_ref", "type": "string"}
    landlord.add_field("feedback", field, [HOME] * count)
    run = landlord.project.build()
    assert run.code == 1
    assert "feedback.home_ref: not a column of what tenants say" in run.output
