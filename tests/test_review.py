"""``odx review``: the landlord decides on the corrections ``odx intake`` queued.

A decision moves a correction from the private queue into the package's own
``corrections.csv`` (in the file's dialect), keeps its provenance privately, and is made
once; the package still validates and the home page shows an accepted correction."""

from __future__ import annotations

from helpers import EXAMPLE_HOME as HOME
from helpers import PRIVATE_RESPONSES as PRIVATE
from helpers import Landlord, Run, csv_rows, odx
from helpers import kept_responses as kept
from helpers import run_intake as intake
from helpers import write_export as export


def queue(landlord: Landlord, value: str = "2019") -> str:
    """Queue a tenant's correction of the windows' install year; return its id."""
    row = {"home_ref": HOME, "field": "install_year", "component": "windows", "value": value}
    assert intake(landlord, export(landlord, [row], f"c{value}.csv")).code == 0
    return next(r for r in kept(landlord, "corrections-queue.csv") if r["proposed_value"] == value)[
        "response_id"
    ]


def review(landlord: Landlord, *args: str) -> Run:
    return odx("review", *args, "--config", landlord.project.config)


def published(landlord: Landlord) -> list[dict[str, str]]:
    return landlord.rows("corrections")


def test_an_accepted_correction_moves_into_the_package_and_the_home_page_shows_it(
    landlord: Landlord,
):
    rid = queue(landlord)
    run = review(landlord, "--accept", rid)
    assert run.code == 0, run.output
    assert "1 correction accepted" in run.out
    last = published(landlord)[-1]
    assert (last["correction_id"], last["home_ref"], last["field"]) == (
        "C-0004",
        HOME,
        "install_year",
    )
    assert (last["component_type"], last["proposed_value"], last["status"]) == (
        "windows",
        "2019",
        "accepted",
    )
    assert last["evidence"] == "tenant-observation" and last["decided_year"].isdigit()
    assert kept(landlord, "corrections-queue.csv") == []
    assert odx("validate", "--config", landlord.project.config).code == 0
    assert landlord.project.build().code == 0
    home = landlord.project.page(f"homes/{HOME}/").get_text(" ", strip=True)
    assert "corrected by tenant" in home and "2019" in home


def test_how_the_tenant_knows_goes_with_the_correction_into_the_package(landlord: Landlord):
    row = {
        "home_ref": HOME,
        "field": "install_year",
        "component": "windows",
        "value": "2018",
        "evidence": "photo",
    }
    assert intake(landlord, export(landlord, [row], "photo.csv")).code == 0
    [queued] = kept(landlord, "corrections-queue.csv")
    assert queued["evidence"] == "photo"
    assert review(landlord, "--accept", queued["response_id"]).code == 0
    last = published(landlord)[-1]
    assert (last["proposed_value"], last["evidence"]) == ("2018", "photo")
    assert landlord.project.build().code == 0
    home = landlord.project.page(f"homes/{HOME}/").get_text(" ", strip=True)
    assert "corrected by tenant with a photo" in home


def test_a_rejection_needs_a_reason_from_the_list(landlord: Landlord):
    rid = queue(landlord)
    assert review(landlord, "--reject", rid).code == 2
    assert review(landlord, "--reject", rid, "--reason", "because").code == 2
    run = review(landlord, "--reject", rid, "--reason", "needs-evidence")
    assert run.code == 0, run.output
    assert published(landlord)[-1]["status"] == "rejected"
    [decided] = kept(landlord, "decisions.csv")
    assert (decided["status"], decided["reason"], decided["channel"]) == (
        "rejected",
        "needs-evidence",
        "form",
    )
    assert decided["decided_month"] and decided["correction_id"] == "C-0004"


def test_deciding_the_same_correction_twice_adds_nothing(landlord: Landlord):
    rid = queue(landlord)
    assert review(landlord, "--accept", rid).code == 0
    before = (landlord.folder / "corrections.csv").read_bytes()
    again = review(landlord, "--accept", rid)
    assert again.code == 0
    assert f"{rid}: already accepted as C-0004" in again.err
    assert (landlord.folder / "corrections.csv").read_bytes() == before
    retaken = intake(landlord, landlord.project.root / "c2019.csv")
    assert "1 already taken in" in retaken.out  # a decided correction is not queued again
    assert kept(landlord, "corrections-queue.csv") == []


def test_an_unknown_id_is_a_located_error_and_nothing_is_decided(landlord: Landlord):
    rid = queue(landlord)
    before = (landlord.folder / "corrections.csv").read_bytes()
    run = review(landlord, "--accept", rid, "--accept", "R-0000000000000000")
    assert run.code == 1
    assert (
        f"{PRIVATE}/corrections-queue.csv:1: --accept: no correction 'R-0000000000000000'"
        in run.err
    )
    assert (landlord.folder / "corrections.csv").read_bytes() == before
    assert [r["response_id"] for r in kept(landlord, "corrections-queue.csv")] == [rid]


def test_decisions_are_appended_in_the_file_s_own_dialect(landlord: Landlord):
    path = landlord.folder / "corrections.csv"
    path.write_text(path.read_text().replace(",", ";").replace("\n", "\r\n").rstrip("\r\n"))
    data = landlord.descriptor
    entry = next(r for r in data["resources"] if r["name"] == "corrections")
    entry["dialect"] = {"delimiter": ";"}
    landlord.save_descriptor(data)
    assert odx("validate", "--config", landlord.project.config).code == 0
    rid = queue(landlord)
    assert review(landlord, "--accept", rid).code == 0
    lines = path.read_bytes().split(b"\r\n")
    assert lines[-2].startswith(b"C-0004;" + HOME.encode() + b";components;install_year;")
    assert lines[-1] == b""
    assert odx("validate", "--config", landlord.project.config).code == 0


def test_a_package_without_a_corrections_resource_is_told_how_to_add_one(landlord: Landlord):
    data = landlord.descriptor
    data["resources"] = [r for r in data["resources"] if r["name"] != "corrections"]
    landlord.save_descriptor(data)
    (landlord.folder / "corrections.csv").unlink()
    rid = queue(landlord)
    run = review(landlord, "--accept", rid)
    assert run.code == 1
    assert "datapackage.json:1: corrections: the package has no 'corrections' resource" in run.err
    assert "corrections" not in {r["name"] for r in landlord.descriptor["resources"]}
    assert [r["response_id"] for r in kept(landlord, "corrections-queue.csv")] == [rid]


def test_review_needs_a_decision(landlord: Landlord):
    assert review(landlord).code == 2


def test_the_queue_and_decisions_stay_private(landlord: Landlord):
    rid = queue(landlord)
    review(landlord, "--accept", rid)
    assert landlord.project.build().code == 0
    published_bytes = b"".join(
        p.read_bytes() for p in landlord.project.site.rglob("*") if p.is_file()
    )
    assert rid.encode() not in published_bytes
    assert csv_rows(landlord.project.root / PRIVATE / "decisions.csv")[0]["response_id"] == rid


def test_decisions_made_on_another_day_are_recorded_with_its_year_and_month(landlord: Landlord):
    row = {"home_ref": HOME, "field": "install_year", "component": "windows", "value": "2019"}
    row["submitted"] = "2025-03-01T10:00:00Z"
    assert intake(landlord, export(landlord, [row])).code == 0
    rid = kept(landlord, "corrections-queue.csv")[0]["response_id"]
    run = review(landlord, "--accept", rid, "--date", "2025-03-14")
    assert run.code == 0, run.output
    assert published(landlord)[-1]["decided_year"] == "2025"
    assert kept(landlord, "decisions.csv")[-1]["decided_month"] == "2025-03"


def test_a_decision_day_must_be_a_date_not_after_today(landlord: Landlord):
    rid = queue(landlord)
    for day, wrong in (("14/03/2025", "is not a date"), ("2999-01-01", "is after today")):
        run = review(landlord, "--accept", rid, "--date", day)
        assert run.code == 2 and wrong in run.err
    assert kept(landlord, "decisions.csv") == []


def test_a_decision_dated_before_the_correction_was_received_is_refused(landlord: Landlord):
    row = {"home_ref": HOME, "field": "install_year", "component": "windows", "value": "2019"}
    row["submitted"] = "2026-05-10T10:00:00Z"
    assert intake(landlord, export(landlord, [row])).code == 0
    rid = kept(landlord, "corrections-queue.csv")[0]["response_id"]
    before = published(landlord)
    run = review(landlord, "--accept", rid, "--date", "2026-04-30")
    assert run.code == 1
    assert f"{PRIVATE}/corrections-queue.csv:2: --date:" in run.output
    assert "before it was received (2026-05)" in run.output
    assert published(landlord) == before
    assert review(landlord, "--accept", rid, "--date", "2026-05-01").code == 0
