"""``odx intake issues.json``: correction issues exported from GitHub, queued for review.

The export is what ``gh issue list --json number,title,body,labels,createdAt`` writes. Each
issue labelled ``correction`` is read as the issue form wrote it, screened, checked as a
form's correction, and queued once as ``GH-<number>``; a wrong shape stops the run, located;
no message or file repeats an issue's hostile or personal text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import PRIVATE_RESPONSES as PRIVATE
from helpers import Landlord, odx, snapshot
from helpers import kept_responses as kept
from helpers import run_intake as intake

EVENTS = Path(__file__).parent / "fixtures" / "events"
CREATED = "2026-11-20T09:12:44Z"
HOSTILE = ("<script>", "alert(1)", "rm -rf", "`id`", "curl evil", "secrets.", "07700", "900123")


def issue(event: str, **change: Any) -> dict[str, Any]:
    """The issue of an event fixture, as ``gh issue list --json`` writes it."""
    data = json.loads((EVENTS / f"{event}.json").read_text())["issue"]
    exported = {
        "number": data["number"],
        "title": data["title"],
        "body": data["body"],
        "labels": [{"id": "LA_1", "name": "correction", "description": "", "color": "ededed"}],
        "createdAt": CREATED,
    }
    return {**exported, **change}


def export(landlord: Landlord, issues: list[Any], name: str = "issues.json") -> Path:
    path = landlord.project.root / name
    path.write_text(json.dumps(issues, indent=2), encoding="utf-8")
    return path


def line_of(path: Path, text: str, occurrence: int = 0) -> int:
    """The line of the ``occurrence``-th line of ``path`` holding ``text``."""
    lines = [n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line]
    return lines[occurrence]


def queued(landlord: Landlord) -> list[dict[str, str]]:
    return kept(landlord, "corrections-queue.csv")


def test_a_correction_issue_is_queued_with_its_issue_number_month_and_evidence(
    landlord: Landlord,
):
    run = intake(landlord, export(landlord, [issue("accepted")]))
    assert run.code == 0, run.output
    assert "1 correction queued for review" in run.out
    [row] = queued(landlord)
    assert (row["response_id"], row["channel"], row["month"], row["status"]) == (
        "GH-101",
        "github-issue",
        "2026-11",
        "submitted",
    )
    assert (row["package"], row["home_ref"], row["resource"], row["field"]) == (
        "example-landlord",
        "HBTRQJGF5C",
        "components",
        "install_year",
    )
    assert (row["component_type"], row["proposed_value"], row["evidence"]) == (
        "kitchen",
        "2015",
        "document",
    )


def test_the_same_export_twice_adds_nothing(landlord: Landlord):
    path = export(landlord, [issue("accepted"), issue("rejected")])
    assert intake(landlord, path).code == 0
    before = queued(landlord)
    again = intake(landlord, path)
    assert again.code == 0, again.output
    assert queued(landlord) == before and len(before) == 2
    assert "0 corrections queued" in again.out and "2 already taken in" in again.out


def test_an_issue_without_the_correction_label_is_left_out_with_a_note(landlord: Landlord):
    question = issue("accepted", number=9, labels=[{"name": "question"}])
    path = export(landlord, [question])
    run = intake(landlord, path)
    assert run.code == 0, run.output
    assert f"issues.json:{line_of(path, '{')}: labels: issue #9 has no 'correction'" in run.err
    assert "1 not corrections" in run.out and queued(landlord) == []


def test_a_bad_correction_is_skipped_located_at_its_body(landlord: Landlord):
    path = export(landlord, [issue("accepted"), issue("unknown-home")])
    run = intake(landlord, path)
    assert run.code == 0, run.output
    body = line_of(path, '"body"', 1)
    assert (
        f"skipped: issues.json:{body}: home_ref: no home ZZZZZZZZZZ in example-landlord "
        "(issue #106)" in run.err
    )
    assert [row["response_id"] for row in queued(landlord)] == ["GH-101"]


def test_an_issue_already_decided_by_the_workflow_is_noted_and_not_queued(landlord: Landlord):
    decided = odx(
        "intake-issue", "--event", EVENTS / "accepted.json", "--config", landlord.project.config
    )
    assert decided.code == 0, decided.output
    run = intake(landlord, export(landlord, [issue("accepted")]))
    assert run.code == 0, run.output
    assert "issue #101 is already decided (GH-101 in datapackages/example/corrections.csv)" in (
        run.err
    )
    assert "1 already decided" in run.out and queued(landlord) == []


@pytest.mark.parametrize(
    ("issues", "where", "field", "said"),
    [
        ({"number": 1}, "{", "-", "not a list of issues"),
        ([{"number": 1, "title": "t", "labels": [], "createdAt": CREATED}], "{", "body", "missing"),
        ([issue("accepted", number="101")], '"number"', "number", "text; the issue's number"),
        ([issue("accepted", number=True)], '"number"', "number", "true or false"),
        ([issue("accepted", body=["x"])], '"body"', "body", "a list; the issue's body is text"),
        ([issue("accepted", labels=["correction"])], '"correction"', "labels", "label 1 is not"),
        ([issue("accepted", labels="correction")], '"labels"', "labels", "text; the labels"),
        ([issue("accepted", createdAt=20261120)], '"createdAt"', "createdAt", "a number"),
        (["#101"], '"#101"', "[0]", "text, not an issue"),
    ],
)
def test_a_wrong_shape_stops_the_run_located_and_nothing_is_written(
    landlord: Landlord, issues: Any, where: str, field: str, said: str
):
    path = export(landlord, issues)
    run = intake(landlord, path)
    assert run.code == 1, run.output
    assert f"issues.json:{line_of(path, where)}: {field}: " in run.err and said in run.err
    if field in ("-", "[0]") or said == "missing":  # how to export it again
        assert "gh issue list --label correction --state open --json" in run.err
    assert not (landlord.project.root / PRIVATE).exists()


def test_an_issue_twice_in_the_export_is_a_wrong_shape(landlord: Landlord):
    path = export(landlord, [issue("accepted"), issue("accepted")])
    run = intake(landlord, path)
    assert run.code == 1
    second = line_of(path, '"number"', 1) - 1
    assert f"issues.json:{second}: number: issue #101 is in the export twice" in run.err


def test_json_that_does_not_parse_is_located(landlord: Landlord):
    path = landlord.project.root / "issues.json"
    path.write_text('[\n  {"number": 1,\n   "body": "x",,\n  }\n]\n')
    run = intake(landlord, path)
    assert run.code == 1 and "issues.json:3: -: invalid JSON" in run.err


def test_an_export_of_issues_is_known_by_its_name_or_its_first_character(landlord: Landlord):
    path = export(landlord, [issue("accepted")], "issues.txt")
    run = intake(landlord, path)
    assert run.code == 0, run.output
    assert [row["response_id"] for row in queued(landlord)] == ["GH-101"]
    mapped = intake(landlord, path, "--mapping", str(path))
    assert mapped.code == 1 and "a mapping is for CSV exports" in mapped.err


def test_a_month_is_taken_from_when_the_issue_was_opened(landlord: Landlord):
    path = export(
        landlord,
        [
            issue("accepted", createdAt="2026-07-02T23:59:59Z"),
            issue("rejected", createdAt="2999-01-01T00:00:00Z"),
            issue("unknown-home", createdAt="$(date)"),
        ],
    )
    run = intake(landlord, path)
    assert [row["month"] for row in queued(landlord)] == ["2026-07"]
    assert "createdAt: 2999-01-01T00:00:00Z is after today" in run.err
    assert "createdAt: not a date and time as GitHub writes it" in run.err
    assert "$(date)" not in run.output


def test_hostile_and_personal_text_is_held_or_skipped_and_never_repeated(landlord: Landlord):
    huge = issue("accepted", number=200, body="### Home reference\n\n" + "A" * 70_000)
    path = export(landlord, [issue("hostile"), issue("hostile-shell"), issue("phone"), huge])
    before = snapshot(landlord.project.root)
    run = intake(landlord, path)
    assert run.code == 0, run.output
    assert "0 corrections queued" in run.out and "2 held for review" in run.out
    body = line_of(path, '"body"', 1)
    assert f"issues.json:{body}: field: holds more than a choice of the form" in run.err
    assert "70,020 characters, more than GitHub allows in an issue (65,536)" in run.err
    after = snapshot(landlord.project.root)
    written = {name: data for name, data in after.items() if before.get(name) != data}
    assert set(written) - {"issues.json"} == {
        f"{PRIVATE}/held-for-review.csv",
    }
    for name, data in written.items():
        if name != "issues.json":
            for text in HOSTILE:
                assert text.encode() not in data, (name, text)
    for text in HOSTILE:
        assert text not in run.output
    held = kept(landlord, "held-for-review.csv")
    assert [(row["response_id"], row["reason"]) for row in held] == [
        ("GH-103", "proposed_value: holds markup or code"),
        ("GH-105", "proposed_value: looks like a phone number"),
    ]
    assert held[0]["line"] == str(line_of(path, '"body"'))


def test_a_held_issue_is_read_again_and_queued_once_it_is_fixed_on_github(landlord: Landlord):
    phone = issue("phone")
    assert intake(landlord, export(landlord, [phone])).code == 0
    assert [row["response_id"] for row in kept(landlord, "held-for-review.csv")] == ["GH-105"]

    again = intake(landlord, export(landlord, [phone]))  # not edited yet: still held, once
    assert again.code == 0, again.output
    assert "0 corrections queued" in again.out and "1 already taken in" in again.out
    assert len(kept(landlord, "held-for-review.csv")) == 1

    fixed = issue("accepted", number=phone["number"])  # the reviewer edited the issue
    run = intake(landlord, export(landlord, [fixed]))
    assert run.code == 0, run.output
    assert "1 correction queued for review" in run.out
    assert [row["response_id"] for row in queued(landlord)] == ["GH-105"]
    assert kept(landlord, "held-for-review.csv") == []  # released from the held file

    last = intake(landlord, export(landlord, [fixed]))  # and taken in only once
    assert "0 corrections queued" in last.out and "1 already taken in" in last.out


def test_review_accepts_a_queued_issue_under_its_own_id_with_its_evidence(landlord: Landlord):
    assert intake(landlord, export(landlord, [issue("accepted")])).code == 0
    run = odx("review", "--accept", "GH-101", "--config", landlord.project.config)
    assert run.code == 0, run.output
    last = landlord.rows("corrections")[-1]
    assert (last["correction_id"], last["home_ref"], last["proposed_value"]) == (
        "GH-101",
        "HBTRQJGF5C",
        "2015",
    )
    assert (last["evidence"], last["status"]) == ("document", "accepted")
    assert queued(landlord) == []
    [decided] = kept(landlord, "decisions.csv")
    assert (decided["channel"], decided["evidence"]) == ("github-issue", "document")
    assert odx("validate", "--config", landlord.project.config).code == 0
    labelled = odx(
        "intake-issue", "--event", EVENTS / "accepted.json", "--config", landlord.project.config
    )
    assert labelled.code == 0 and "already recorded" in labelled.out


def test_a_queue_written_before_the_evidence_column_is_kept_and_extended(landlord: Landlord):
    folder = landlord.project.root / PRIVATE
    folder.mkdir(parents=True)
    old = (
        "response_id,package,home_ref,resource,field,component_type,proposed_value,channel,"
        "month,status\n"
        "R-1,example-landlord,HBTRQJGF5C,components,install_year,windows,2019,form,2026-10,"
        "submitted\n"
    )
    (folder / "corrections-queue.csv").write_text(old)
    assert intake(landlord, export(landlord, [issue("accepted")])).code == 0
    rows = queued(landlord)
    assert [(r["response_id"], r["evidence"]) for r in rows] == [
        ("R-1", ""),
        ("GH-101", "document"),
    ]
    run = odx("review", "--accept", "R-1", "--config", landlord.project.config)
    assert run.code == 0, run.output
    last = landlord.rows("corrections")[-1]
    assert (last["correction_id"], last["evidence"]) == ("C-0004", "tenant-observation")


def test_a_queued_issue_decided_on_github_meanwhile_stops_the_review(landlord: Landlord):
    assert intake(landlord, export(landlord, [issue("accepted")])).code == 0
    labelled = odx(
        "intake-issue", "--event", EVENTS / "accepted.json", "--config", landlord.project.config
    )
    assert labelled.code == 0, labelled.output
    before = (landlord.folder / "corrections.csv").read_bytes()
    run = odx("review", "--accept", "GH-101", "--config", landlord.project.config)
    assert run.code == 1
    assert f"{PRIVATE}/corrections-queue.csv:2: response_id: GH-101 is already recorded" in run.err
    assert (landlord.folder / "corrections.csv").read_bytes() == before
