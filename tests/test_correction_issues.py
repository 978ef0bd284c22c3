"""``odx intake-issue``: a maintainer's decision on a correction issue, recorded in the package.

The issue is read from the event payload file GitHub gives a workflow, checked as ``odx
intake`` checks a correction, screened for personal data, and appended once to the package's
corrections.csv; anything wrong is refused, located, and nothing is written."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import Landlord, Run, odx

from generator.intake.issue_form import SECTIONS, sections

EVENTS = Path(__file__).parent / "fixtures" / "events"
FORM = Path(__file__).resolve().parents[1] / ".github" / "ISSUE_TEMPLATE" / "correction.yml"


def decide(landlord: Landlord, event: str | Path, out: Path | None = None) -> Run:
    path = event if isinstance(event, Path) else EVENTS / f"{event}.json"
    extra = ("--out", out) if out is not None else ()
    return odx("intake-issue", "--event", path, "--config", landlord.project.config, *extra)


def corrections(landlord: Landlord) -> list[dict[str, str]]:
    return landlord.rows("corrections")


def edited(tmp_path: Path, name: str, change: Any) -> Path:
    data = json.loads((EVENTS / f"{name}.json").read_text())
    change(data)
    path = tmp_path / f"{name}-edited.json"
    path.write_text(json.dumps(data))
    return path


@pytest.fixture(autouse=True)
def no_shell(monkeypatch):
    """The command never starts a process: a shell could run the issue's text."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a process was started: {args!r}")

    for name in ("run", "Popen", "call", "check_call", "check_output", "getoutput"):
        monkeypatch.setattr(subprocess, name, refuse)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(os, "popen", refuse)


def test_the_sections_are_the_issue_forms_labels():
    form = yaml.safe_load(FORM.read_text())
    labels = {item["attributes"]["label"]: item["id"] for item in form["body"] if item.get("id")}
    assert labels == SECTIONS
    assert "correction" in form["labels"]


def test_an_accepted_correction_is_appended_with_the_issue_as_its_reference(
    landlord: Landlord, tmp_path: Path
):
    before = corrections(landlord)
    run = decide(landlord, "accepted", tmp_path / "out")
    assert run.code == 0, run.output
    after = corrections(landlord)
    assert after[:-1] == before
    row = after[-1]
    assert row["correction_id"] == "GH-101"
    assert (row["home_ref"], row["resource"], row["field"], row["component_type"]) == (
        "HBTRQJGF5C",
        "components",
        "install_year",
        "kitchen",
    )
    assert (row["proposed_value"], row["evidence"], row["status"]) == (
        "2015",
        "document",
        "accepted",
    )
    assert row["decided_year"].isdigit() and len(row["decided_year"]) == 4
    assert "datapackages/example/corrections.csv" in run.out
    assert "correction/issue-101" in run.out


def test_the_workflow_gets_the_branch_title_body_and_comment_as_files(
    landlord: Landlord, tmp_path: Path
):
    out = tmp_path / "out"
    assert decide(landlord, "accepted", out).code == 0
    assert (out / "branch").read_text() == "correction/issue-101\n"
    title = (out / "title").read_text()
    assert title.startswith("Correction #101 accepted: install_year of the kitchen")
    assert "HBTRQJGF5C" in title
    body = (out / "body.md").read_text()
    assert "#101" in body and "GH-101,HBTRQJGF5C,components,install_year,kitchen,2015" in body
    assert "accepted" in (out / "comment.md").read_text()


def test_a_rejected_correction_to_the_home_is_recorded_as_rejected(landlord: Landlord):
    run = decide(landlord, "rejected")
    assert run.code == 0, run.output
    row = corrections(landlord)[-1]
    assert (row["correction_id"], row["resource"], row["field"], row["component_type"]) == (
        "GH-102",
        "homes",
        "heating_type",
        "",
    )
    assert (row["proposed_value"], row["evidence"], row["status"]) == (
        "heat-pump",
        "photo",
        "rejected",
    )


def test_the_package_still_validates_after_a_decision(landlord: Landlord):
    assert decide(landlord, "accepted").code == 0
    assert decide(landlord, "rejected").code == 0
    run = odx("validate", "--config", landlord.project.config)
    assert run.code == 0, run.output


def test_the_same_issue_twice_adds_nothing(landlord: Landlord, tmp_path: Path):
    assert decide(landlord, "accepted").code == 0
    once = (landlord.folder / "corrections.csv").read_bytes()
    run = decide(landlord, "accepted", tmp_path / "again")
    assert run.code == 0, run.output
    assert "already recorded" in run.out
    assert (landlord.folder / "corrections.csv").read_bytes() == once
    assert not (tmp_path / "again" / "branch").exists()


def test_a_reversed_decision_is_refused_and_left_to_a_person(landlord: Landlord, tmp_path: Path):
    assert decide(landlord, "accepted").code == 0
    once = (landlord.folder / "corrections.csv").read_bytes()

    def reject(data: dict[str, Any]) -> None:
        data["label"]["name"] = "rejected"

    run = decide(landlord, edited(tmp_path, "accepted", reject))
    assert run.code == 1
    assert "GH-101 is already recorded as 'accepted'" in run.err
    assert (landlord.folder / "corrections.csv").read_bytes() == once


@pytest.mark.parametrize(
    ("event", "field", "said"),
    [
        ("hostile", "proposed_value", "holds markup or code"),
        ("phone", "proposed_value", "looks like a phone number"),
        ("hostile-shell", "field", "is not a field a tenant can correct"),
        ("unknown-home", "home_ref", "no home ZZZZZZZZZZ in example-landlord"),
        ("not-a-decision", "label", "'question' is not a decision"),
    ],
)
def test_a_bad_issue_is_refused_located_and_nothing_is_written(
    landlord: Landlord, tmp_path: Path, event: str, field: str, said: str
):
    before = (landlord.folder / "corrections.csv").read_bytes()
    out = tmp_path / "out"
    run = decide(landlord, event, out)
    assert run.code == 1, run.output
    number = json.loads((EVENTS / f"{event}.json").read_text())["issue"]["number"]
    assert f"issue #{number}:" in run.err and f": {field}: " in run.err and said in run.err
    assert (landlord.folder / "corrections.csv").read_bytes() == before
    assert not (out / "branch").exists()
    assert said in (out / "comment.md").read_text()


@pytest.mark.parametrize("event", ["hostile", "phone"])
def test_a_refused_value_is_never_repeated(landlord: Landlord, tmp_path: Path, event: str):
    out = tmp_path / "out"
    run = decide(landlord, event, out)
    assert run.code == 1
    for text in ("<script>", "07700", "900123"):
        assert text not in run.output
        assert text not in (out / "comment.md").read_text()


def test_a_refused_value_is_located_at_its_line_of_the_issue(landlord: Landlord):
    run = decide(landlord, "phone")
    body = json.loads((EVENTS / "phone.json").read_text())["issue"]["body"]
    line = body.splitlines().index("call me 07700 900123") + 1
    assert f"issue #105:{line}: proposed_value: refused, not written" in run.err


def test_an_issue_not_opened_with_the_correction_form_is_refused(
    landlord: Landlord, tmp_path: Path
):
    def unlabel(data: dict[str, Any]) -> None:
        data["issue"]["labels"] = [{"name": "accepted"}]

    before = (landlord.folder / "corrections.csv").read_bytes()
    run = decide(landlord, edited(tmp_path, "accepted", unlabel))
    assert run.code == 1
    assert "no 'correction' label" in run.err
    assert (landlord.folder / "corrections.csv").read_bytes() == before


def test_an_issue_whose_headings_were_edited_away_is_refused(landlord: Landlord, tmp_path: Path):
    def flatten(data: dict[str, Any]) -> None:
        data["issue"]["body"] = "Please fix my kitchen year to 2015, home HBTRQJGF5C"

    run = decide(landlord, edited(tmp_path, "accepted", flatten))
    assert run.code == 1
    assert "issue #101:1: home_ref: the section '### Home reference' is missing" in run.err


def test_an_accepted_correction_to_a_component_the_home_lacks_is_refused(
    landlord: Landlord, tmp_path: Path
):
    def roof(data: dict[str, Any]) -> None:
        data["issue"]["body"] = data["issue"]["body"].replace("kitchen", "chimney")

    run = decide(landlord, edited(tmp_path, "accepted", roof))
    assert run.code == 1
    assert "home HBTRQJGF5C has no 'chimney' component" in run.err


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ("not json", "cannot read the event as JSON"),
        ('{"action": "opened", "issue": {"number": 1}}', "no issue or no label"),
        (
            '{"issue": {"number": "1", "body": "", "labels": []}, "label": {"name": "x"}}',
            "no number",
        ),
    ],
)
def test_an_unusable_event_file_exits_1(landlord: Landlord, tmp_path: Path, content, said):
    path = tmp_path / "event.json"
    path.write_text(content)
    run = decide(landlord, path)
    assert run.code == 1
    assert "event.json:1: " in run.err and said in run.err


def test_a_missing_event_file_is_named_without_its_folder(landlord: Landlord, tmp_path: Path):
    run = decide(landlord, tmp_path / "nowhere" / "event.json")
    assert run.code == 1
    assert "event.json:1: -: event file not found" in run.err
    assert str(tmp_path) not in run.output


def test_the_sections_keep_each_value_and_its_line():
    body = (
        "### Home reference\n\nAB12CD34EF\n\n"
        "### Which part of the home, if it is about one\n\n_No response_\n"
    )
    assert sections(body) == {"home_ref": (3, "AB12CD34EF"), "component_type": (7, "")}


def test_the_intake_command_still_takes_an_export(landlord: Landlord):
    run = odx("intake", landlord.project.root / "missing.csv", "--config", landlord.project.config)
    assert run.code == 1 and "export not found" in run.err
