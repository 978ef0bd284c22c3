"""With a pilot, what tenants say is published for everyone, the pilot and the rest of the
homes: odx intake chooses the pilot's homes as the build does, and the build re-checks it."""

from __future__ import annotations

import csv

from helpers import odx, pilot_sample

from generator.intake.sample import write_responses


def test_intake_makes_cells_for_the_pilot_and_the_rest_that_the_build_accepts(tmp_path):
    config = pilot_sample(tmp_path / "site")
    landlord = config.parent / "datapackages" / "sample-landlord"
    export = write_responses(tmp_path / "exports", landlord, seed=7)
    run = odx("intake", export, "--config", config)
    assert run.code == 0, run.output
    rows = list(csv.DictReader((landlord / "feedback.csv").open(encoding="utf-8")))
    assert {row["cohort"] for row in rows} == {"all", "pilot", "rest"}
    landlord_all = {
        row["cohort"]: row for row in rows if (row["period"], row["level"]) == ("all", "landlord")
    }
    published = [int(landlord_all[c]["responses"]) for c in ("all", "pilot", "rest")]
    assert abs(published[0] - published[1] - published[2]) <= 4  # rounding to 5, each
    build = odx("build", "--config", config)
    assert build.code == 0, build.output
