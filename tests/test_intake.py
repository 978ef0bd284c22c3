"""``odx intake``: tenants' responses, exported from a form service, taken in privately.

Good responses are kept in ``odx.responses_dir`` (never published), bad ones are reported
at their line of the export and skipped, personal-looking text is held for review, and the
same export taken in twice adds nothing."""

from __future__ import annotations

import pytest
from helpers import EXAMPLE_HOME as HOME
from helpers import PRIVATE_RESPONSES as PRIVATE
from helpers import Landlord, odx
from helpers import kept_responses as kept
from helpers import run_intake as intake
from helpers import write_export as export


def test_a_good_response_is_kept_in_the_private_folder(landlord: Landlord):
    path = export(
        landlord,
        [{"home_ref": HOME, "satisfaction": "fairly-satisfied", "improve": "boiler; repairs"}],
    )
    run = intake(landlord, path)
    assert run.code == 0, run.output
    [row] = kept(landlord)
    assert (row["home_ref"], row["satisfaction"], row["improve"]) == (
        HOME,
        "fairly-satisfied",
        "boiler;repairs",
    )
    assert row["package"] == "example-landlord"
    assert row["response_id"].startswith("R-")
    assert "1 response added" in run.out


def test_taking_the_same_export_in_twice_adds_nothing(landlord: Landlord):
    path = export(
        landlord,
        [
            {"home_ref": HOME, "satisfaction": "neither", "comment": "The lift is often broken"},
            {"home_ref": HOME, "field": "install_year", "component": "kitchen", "value": "2015"},
        ],
    )
    assert intake(landlord, path).code == 0
    before = (kept(landlord), kept(landlord, "corrections-queue.csv"))
    again = intake(landlord, path)
    assert again.code == 0
    assert (kept(landlord), kept(landlord, "corrections-queue.csv")) == before
    assert "0 responses added" in again.out and "2 already taken in" in again.out


def test_the_same_row_with_its_columns_reordered_is_the_same_response(landlord: Landlord):
    first = export(landlord, [{"home_ref": HOME, "satisfaction": "neither"}], "a.csv")
    second = landlord.project.root / "b.csv"
    second.write_text(f"satisfaction,home_ref\nneither,{HOME}\n", encoding="utf-8")
    intake(landlord, first)
    assert "1 already taken in" in intake(landlord, second).out
    assert len(kept(landlord)) == 1


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (
            {"home_ref": "AB12CD34EF", "satisfaction": "neither"},
            "home_ref",
            "no home AB12CD34EF in example-landlord",
        ),
        ({"home_ref": "", "satisfaction": "neither"}, "home_ref", "missing"),
        (
            {"home_ref": HOME, "satisfaction": "quite happy"},
            "satisfaction",
            "'quite happy' is not on the scale",
        ),
        ({"home_ref": HOME, "improve": "boiler;jacuzzi"}, "improve", "'jacuzzi' not in the list"),
        (
            {"home_ref": HOME, "field": "colour", "value": "blue"},
            "field",
            "'colour' is not a field a tenant can correct",
        ),
        (
            {"home_ref": HOME, "field": "install_year", "component": "hot-tub", "value": "2015"},
            "component",
            "'hot-tub'",
        ),
        (
            {
                "home_ref": HOME,
                "field": "install_year",
                "component": "kitchen",
                "value": "last year",
            },
            "value",
            "not a whole number",
        ),
        (
            {"home_ref": HOME, "field": "heating_type", "value": "coal-fire"},
            "value",
            "'coal-fire' is not a value of heating_type",
        ),
        (
            {"home_ref": HOME, "field": "bedrooms", "component": "kitchen", "value": "2"},
            "component",
            "the home's, not a component's",
        ),
        ({"home_ref": HOME}, "-", "nothing to take in"),
    ],
)
def test_a_bad_response_is_located_and_skipped(landlord: Landlord, row, field, message):
    good = {"home_ref": HOME, "satisfaction": "very-satisfied"}
    path = export(landlord, [good, row])
    run = intake(landlord, path)
    assert run.code == 0, run.output
    assert f"responses.csv:3: {field}: " in run.err and message in run.err
    assert [r["satisfaction"] for r in kept(landlord)] == ["very-satisfied"]
    assert "1 skipped" in run.out


def test_every_problem_of_a_response_is_said_on_its_line(landlord: Landlord):
    path = export(landlord, [{"home_ref": "AB12CD34EF", "satisfaction": "meh"}])
    run = intake(landlord, path)
    assert (
        "responses.csv:2: home_ref: no home AB12CD34EF in example-landlord; satisfaction: 'meh'"
        in run.err
    )


def test_more_than_three_improvements_keep_three_with_a_note(landlord: Landlord):
    path = export(
        landlord,
        [
            {
                "home_ref": HOME,
                "improve": "boiler",
                "improve2": "repairs;safety-and-security",
                "improve3": "kitchen",
            }
        ],
    )
    mapping = landlord.project.root / "mapping.yml"
    mapping.write_text("columns:\n  improve: [improve, improve2, improve3]\n", encoding="utf-8")
    run = intake(landlord, path, "--mapping", mapping)
    assert run.code == 0, run.output
    assert kept(landlord)[0]["improve"] == "boiler;repairs;safety-and-security"
    assert "responses.csv:2: improve: 4 improvements given; the first 3 kept" in run.err


HOSTILE = (
    "<script>alert(1)</script> the lift",
    "Write to me at jo.bloggs@example.com",
    "Ring me on 07700 900123 please",
    "I live at LS6 2AB near the shop",
)


@pytest.mark.parametrize("comment", HOSTILE)
def test_a_personal_or_hostile_comment_is_held_for_review(landlord: Landlord, comment: str):
    path = export(landlord, [{"home_ref": HOME, "satisfaction": "neither", "comment": comment}])
    run = intake(landlord, path)
    assert run.code == 0, run.output
    assert kept(landlord) == []
    [held] = kept(landlord, "held-for-review.csv")
    assert held["comment"] == comment and held["line"] == "2" and held["reason"]
    assert "1 held for review" in run.out


def test_no_response_appears_in_the_site(landlord: Landlord):
    rows = [{"home_ref": HOME, "satisfaction": "neither", "comment": text} for text in HOSTILE]
    rows.append({"home_ref": HOME, "satisfaction": "neither", "comment": "Lift broken again"})
    assert intake(landlord, export(landlord, rows)).code == 0
    assert landlord.project.build().code == 0
    published = b"".join(p.read_bytes() for p in landlord.project.site.rglob("*") if p.is_file())
    for row in rows:
        assert row["comment"].encode() not in published


def test_a_correction_goes_to_the_review_queue(landlord: Landlord):
    path = export(
        landlord,
        [{"home_ref": HOME, "field": "install_year", "component": "windows", "value": "2019"}],
    )
    run = intake(landlord, path)
    assert run.code == 0, run.output
    [queued] = kept(landlord, "corrections-queue.csv")
    assert (
        queued["resource"],
        queued["field"],
        queued["component_type"],
        queued["proposed_value"],
    ) == (
        "components",
        "install_year",
        "windows",
        "2019",
    )
    assert (queued["channel"], queued["status"]) == ("form", "submitted")
    assert kept(landlord) == []  # a correction alone is no feedback
    assert "1 correction queued" in run.out


def test_a_correction_whose_evidence_is_not_an_answer_of_the_form_is_skipped(landlord: Landlord):
    row = {"home_ref": HOME, "field": "install_year", "component": "windows", "value": "2019"}
    path = export(landlord, [{**row, "evidence": "my neighbour said"}, {**row, "value": "2018"}])
    run = intake(landlord, path)
    assert run.code == 0, run.output
    assert (
        "responses.csv:2: evidence: 'my neighbour said' is not one of the form's answers; "
        "use one of tenant-observation, photo, document, survey, or leave it empty"
    ) in run.err
    [queued] = kept(landlord, "corrections-queue.csv")  # without evidence: the older exports
    assert (queued["proposed_value"], queued["evidence"]) == ("2018", "")


def test_a_held_correction_keeps_how_the_tenant_knows_for_the_reviewer(landlord: Landlord):
    row = {
        "home_ref": HOME,
        "field": "install_year",
        "component": "windows",
        "value": "2019, ring jo on 07700 900123",
        "evidence": "document",
    }
    assert intake(landlord, export(landlord, [row])).code == 0
    [held] = kept(landlord, "held-for-review.csv")
    assert (held["value"], held["evidence"]) == (row["value"], "document")
    assert kept(landlord, "corrections-queue.csv") == []


def test_a_mapping_names_the_export_columns(landlord: Landlord):
    path = export(
        landlord, [{"Your home reference": HOME, "How satisfied are you?": "very-satisfied"}]
    )
    mapping = landlord.project.root / "mapping.yml"
    mapping.write_text(
        "columns:\n  home_ref: Your home reference\n  satisfaction: How satisfied are you?\n",
        encoding="utf-8",
    )
    assert intake(landlord, path, "--mapping", mapping).code == 0
    assert kept(landlord)[0]["satisfaction"] == "very-satisfied"


@pytest.mark.parametrize(
    ("text", "located"),
    [
        (
            "columns:\n  satisfaction: satisfaction\n  home_ref: Ref\n",
            "mapping.yml:3: columns.home_ref: no column 'Ref' in responses.csv",
        ),
        (
            "columns:\n  home_reference: home_ref\n",
            "mapping.yml:2: columns.home_reference: not a field of the form",
        ),
        ("columns:\n  comment: [a, b]\n", "mapping.yml:2: columns.comment: must be a column name"),
        ("home_ref: home_ref\n", "mapping.yml:1: columns: the mapping needs a 'columns:' section"),
        ("columns:\n  home_ref: [unclosed\n", "mapping.yml:"),
    ],
)
def test_a_wrong_mapping_is_located_and_nothing_is_taken_in(landlord: Landlord, text, located):
    path = export(landlord, [{"home_ref": HOME, "satisfaction": "neither"}])
    mapping = landlord.project.root / "mapping.yml"
    mapping.write_text(text, encoding="utf-8")
    run = intake(landlord, path, "--mapping", mapping)
    assert run.code == 1
    assert located in run.err
    assert not (landlord.project.root / PRIVATE).exists()


@pytest.mark.parametrize(
    ("folder", "said"),
    [
        ("../elsewhere", "leads out of the project"),
        ("datapackages/example/private", "lies inside the data packages folder"),
        ("site/responses", "lies inside the output folder"),
        ("templates/responses", "lies inside the templates folder"),
        (".", "is the project folder itself"),
        (".git/responses", "is inside .git/"),
    ],
)
def test_the_private_folder_must_be_inside_the_project_and_outside_what_is_published(
    landlord: Landlord, folder: str, said: str
):
    landlord.project.write_config(responses_dir=folder)
    path = export(landlord, [{"home_ref": HOME, "satisfaction": "neither"}])
    run = intake(landlord, path)
    assert run.code == 1
    assert "mkdocs.yml:" in run.err and f"odx.responses_dir: '{folder}' {said}" in run.err


def test_a_private_folder_git_does_not_ignore_is_warned_about(landlord: Landlord):
    path = export(landlord, [{"home_ref": HOME, "satisfaction": "neither"}])
    assert "is not in .gitignore" in intake(landlord, path).err
    (landlord.project.root / ".gitignore").write_text("/site/\n/.odx-private/\n", encoding="utf-8")
    assert "gitignore" not in intake(landlord, path).err


def test_the_repository_ignores_the_default_private_folder():
    from helpers import REPO

    assert "/.odx-private/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (None, "responses.csv:1: -: export not found"),
        (b"", "responses.csv:1: -: the export is empty"),
        (b"\xff\xfe\x00bad", "responses.csv:1: -: cannot read the export"),
        (b"home_ref,home_ref\nX,Y\n", "column 'home_ref' appears twice"),
        (
            b"ref,satisfaction\nX,neither\n",
            "responses.csv:1: home_ref: no column holds the home reference",
        ),
    ],
)
def test_an_unusable_export_exits_1_and_takes_nothing_in(landlord: Landlord, content, said):
    path = landlord.project.root / "responses.csv"
    if content is not None:
        path.write_bytes(content)
    run = intake(landlord, path)
    assert run.code == 1
    assert said in run.err
    assert not (landlord.project.root / PRIVATE).exists()


def test_a_broken_config_exits_1(landlord: Landlord):
    path = export(landlord, [{"home_ref": HOME, "satisfaction": "neither"}])
    landlord.project.config.write_text("site_name: [\n", encoding="utf-8")
    assert intake(landlord, path).code == 1


def test_a_usage_error_exits_2(landlord: Landlord):
    assert odx("intake").code == 2


def test_a_response_with_personal_text_is_held_even_when_it_is_bad(landlord: Landlord):
    """Its text is never repeated in a message: the reviewer reads it in the held file."""
    path = export(landlord, [{"home_ref": "AB12CD34EF", "comment": "ring 07700 900123"}])
    run = intake(landlord, path)
    assert "07700 900123" not in run.output
    assert [row["home_ref"] for row in kept(landlord, "held-for-review.csv")] == ["AB12CD34EF"]


def test_a_row_of_the_wrong_length_is_skipped(landlord: Landlord):
    path = landlord.project.root / "responses.csv"
    path.write_text(
        f"home_ref,satisfaction\n{HOME},neither,extra\n{HOME},fairly-satisfied\n", "utf-8"
    )
    run = intake(landlord, path)
    assert run.code == 0
    assert "responses.csv:2: -: the row has 3 cells and the header 2" in run.err
    assert [row["satisfaction"] for row in kept(landlord)] == ["fairly-satisfied"]


def test_a_row_that_filled_the_honeypot_is_dropped_and_never_stored(landlord: Landlord):
    robot = {"home_ref": HOME, "satisfaction": "very-satisfied", "website": "http://spam.example"}
    person = {"home_ref": HOME, "satisfaction": "neither", "website": ""}
    run = intake(landlord, export(landlord, [robot, person]))
    assert run.code == 0, run.output
    assert [row["satisfaction"] for row in kept(landlord)] == ["neither"]
    stored = b"".join(p.read_bytes() for p in (landlord.project.root / PRIVATE).iterdir())
    assert b"spam.example" not in stored
    assert (
        "responses.csv:2: website: filled the field people never see: most likely a robot"
        in run.err
    )
    assert "1 dropped (filled the field people never see" in run.out


def test_the_honeypot_may_be_a_mapped_column(landlord: Landlord):
    path = export(landlord, [{"home_ref": HOME, "satisfaction": "neither", "Leave empty": "x"}])
    mapping = landlord.project.root / "mapping.yml"
    mapping.write_text("columns:\n  website: Leave empty\n", encoding="utf-8")
    run = intake(landlord, path, "--mapping", mapping)
    assert run.code == 0, run.output
    assert kept(landlord) == [] and "1 dropped" in run.out
