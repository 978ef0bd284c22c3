"""With a pilot, what tenants say is published for everyone, the pilot and the rest of the
homes: odx intake chooses the pilot's homes as the build does, and the build re-checks it
and shows the pilot's homes against the rest on "How the pilot goes"."""

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
    site = config.parent / "site"
    page = (site / "datasets" / "sample-landlord" / "pilot" / "index.html").read_text("utf-8")
    assert "how the pilot goes</h1>" in page and "<svg" in page
    for caption in ("Responses per 100 homes", "Corrections per 100 homes", "Month received"):
        assert caption in page
    pilot = landlord_all["pilot"]["responses"]
    assert f"({pilot} responses)" in page  # the published cell, per 100 homes beside it
    assert "withheld: fewer than 10" in page
    for linking in ("overview", ""):
        linked = (site / "datasets" / "sample-landlord" / linking / "index.html").read_text()
        assert "How the pilot goes" in linked and 'pilot/"' in linked
