"""The sample landlord's feedback.csv, corrections_by_month.csv and corrections.csv are what
the landlord's own workflow makes of the sample responses (`odx sample --responses`, seed 7):
`odx intake`, then the sample's review (`odx review` with the decisions of
generator/intake/sample_review.py). The sample site shows what tenants say and the
corrections they sent as a landlord would get them, with figures in every corrections table
of the pilot page and some withheld, and the committed files stay in step with the code that
makes them."""

from __future__ import annotations

import csv
import re

from helpers import REPO, Project, odx, sample_pilot_areas

from generator.intake import private
from generator.intake.sample import write_responses
from generator.intake.sample_review import DATE, REASON, sample_review

SAMPLE = REPO / "datapackages" / "sample-landlord"
LAST_OF_ODX_SAMPLE = 204  # the last correction odx sample writes (C-0204): then review's
MADE_BY_THE_WORKFLOW = ("feedback.csv", "corrections_by_month.csv", "corrections.csv")
HOW = (
    "run the commands of docs/intake.md, 'Trying it on the sample' (odx sample --homes 300 "
    "--seed 7, odx intake, odx review with the sample's decisions)"
)


def _the_workflow(tmp_path):
    """The sample package as `odx sample` makes it, in a project with the sample site's
    pilot, after `odx intake` of the sample export and the sample's review."""
    project = Project(tmp_path / "project")
    project.write_config(pilot={"areas": sorted(sample_pilot_areas())})  # as the sample site
    folder = project.root / "datapackages" / "sample-landlord"
    made = odx("sample", "--homes", "300", "--seed", "7", "--out", folder)
    assert made.code == 0, made.output
    export = write_responses(tmp_path / "exports", folder, seed=7)
    run = odx("intake", export, "--config", project.config)
    assert run.code == 0, run.output
    queue = private.read(project.root / ".odx-private" / "responses", private.QUEUE)
    decided = odx("review", *sample_review(queue, folder).arguments(), "--config", project.config)
    assert decided.code == 0, decided.output
    left = private.read(project.root / ".odx-private" / "responses", private.QUEUE)
    return folder, queue, left


def test_intake_then_the_sample_review_make_the_committed_files_byte_for_byte(tmp_path):
    folder, _, _ = _the_workflow(tmp_path)
    for name in MADE_BY_THE_WORKFLOW:
        made, committed = folder / name, SAMPLE / name
        assert made.read_bytes() == committed.read_bytes(), (
            f"the sample's {name} is out of step: {HOW}"
        )
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in SAMPLE.iterdir())
    for made in folder.iterdir():  # and every other file is odx sample's, as committed
        assert made.read_bytes() == (SAMPLE / made.name).read_bytes(), made.name


def test_the_sample_review_accepts_rejects_and_leaves_some_waiting(tmp_path):
    folder, queue, left = _the_workflow(tmp_path)
    review = sample_review(queue, folder)
    assert len(review.accept) > len(review.reject) > 0
    assert left and {row["response_id"] for row in left}.isdisjoint(review.accept + review.reject)
    assert [row["response_id"] for row in left] == [
        row["response_id"]
        for row in queue
        if row["response_id"] not in set(review.accept + review.reject)
    ]
    arguments = review.arguments()
    assert f"--reason={REASON}" in arguments and f"--date={DATE}" in arguments


def test_the_decided_sample_corrections_are_published_without_their_month_or_channel():
    with (SAMPLE / "corrections.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == [
        "correction_id",
        "home_ref",
        "resource",
        "field",
        "component_type",
        "proposed_value",
        "evidence",
        "status",
        "decided_year",
    ]
    from_the_form = [row for row in rows if int(row["correction_id"][2:]) > LAST_OF_ODX_SAMPLE]
    assert {row["status"] for row in from_the_form} == {"accepted", "rejected"}
    assert {row["decided_year"] for row in from_the_form} == {DATE[:4]}
    assert {row["field"] for row in from_the_form} == {
        "install_year",
        "condition",
        "last_survey_year",
    }


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


TABLES = ("corrections", "accepted", "filled", "status")  # the pilot page's corrections tables
CELL = re.compile(r"<tr><th scope=\"row\">([^<]+)</th><td>([^<]*)</td><td>([^<]*)</td></tr>")


def _table(page: str, table_id: str) -> dict[str, tuple[str, str]]:
    start = page.index(f'<h2 id="pilot-{table_id}">')
    body = page[start : page.index("</table>", start)]
    return {period: (pilot, rest) for period, pilot, rest in CELL.findall(body)}


def test_the_sample_pilot_page_shows_a_month_of_each_corrections_table_and_withholds_some(
    root_site,
):
    page = (root_site / "datasets/sample-landlord/pilot/index.html").read_text(encoding="utf-8")
    withheld = 0
    for table_id in TABLES:
        months = {p: cells for p, cells in _table(page, table_id).items() if p != "All"}
        assert len(months) == 3, (table_id, months)
        for cohort in (0, 1):  # pilot homes, other homes
            shown = [cells[cohort] for cells in months.values() if cells[cohort][:1].isdigit()]
            assert shown, (table_id, cohort, months)
        withheld += sum(
            cell.startswith("withheld: ") for cells in months.values() for cell in cells
        )
    assert withheld, "the sample shows the rule: some months are withheld"
    assert "none decided" not in page
