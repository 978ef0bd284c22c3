"""The sample landlord's feedback.csv and corrections_by_month.csv are what `odx intake` makes
of the sample responses (`odx sample --responses`, seed 7): the sample site shows what tenants
say and the corrections they sent as a landlord would get them, and the committed files stay
in step with the code that makes them."""

from __future__ import annotations

import csv
import json
import shutil

from helpers import REPO, Project, odx, sample_pilot_areas

from generator.intake.sample import write_responses

SAMPLE = REPO / "datapackages" / "sample-landlord"


MADE_BY_INTAKE = ("feedback", "corrections_by_month")


def test_the_committed_feedback_is_what_intake_makes_of_the_sample_responses(tmp_path):
    project = Project(tmp_path / "project")
    folder = project.root / "datapackages" / "sample-landlord"
    shutil.copytree(SAMPLE, folder)
    for name in MADE_BY_INTAKE:
        (folder / f"{name}.csv").unlink()
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [
        r for r in descriptor["resources"] if r["name"] not in MADE_BY_INTAKE
    ]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    project.write_config(pilot={"areas": sorted(sample_pilot_areas())})  # as the sample site
    export = write_responses(tmp_path / "exports", SAMPLE, seed=7)
    run = odx("intake", export, "--config", project.config)
    assert run.code == 0, run.output
    for name in MADE_BY_INTAKE:
        made, committed = folder / f"{name}.csv", SAMPLE / f"{name}.csv"
        assert made.read_bytes() == committed.read_bytes(), (
            f"the sample's {name}.csv is out of step: run `odx sample --homes 300 --seed 7 "
            "--out DIR --responses EXPORTS` and `odx intake EXPORTS/responses.csv` (see "
            "docs/intake.md)"
        )
    assert (folder / "datapackage.json").read_bytes() == (SAMPLE / "datapackage.json").read_bytes()


def test_the_sample_feedback_has_cells_for_the_pilot_and_the_rest():
    with (SAMPLE / "feedback.csv").open(encoding="utf-8") as handle:
        cohorts = {row["cohort"] for row in csv.DictReader(handle)}
    assert cohorts == {"all", "pilot", "rest"}


def test_the_sample_responses_come_in_over_several_months():
    with (SAMPLE / "feedback.csv").open(encoding="utf-8") as handle:
        periods = {row["period"] for row in csv.DictReader(handle)}
    months = sorted(periods - {"all"})
    assert len(months) >= 3 and months[-1] <= "2026-10", months


def test_the_sample_corrections_by_month_are_for_the_pilot_and_the_rest_never_everyone():
    with (SAMPLE / "corrections_by_month.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["cohort"] for row in rows} <= {"pilot", "rest"}
    assert {row["period"] for row in rows} - {"all"}, "a month received beside all months"
