"""Corrections go through the same channel as "Have your say": with a form service set up,
every "Something wrong or missing?" and "can you help?" link opens the site's one correction
form with the home, the field and the part of the home in its address, and the form posts
exactly the fields `odx intake` takes in. Without a form service the links stay the email and
the public issue form."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import REPO, Project, copy_example

from generator.housing.data_model import component_types, contract_schemas
from generator.intake.checks import resource_of
from generator.intake.form import EVIDENCE_KINDS, FORM_FIELDS
from generator.tenant.correction_links import Helpers
from generator.tenant.say import HONEYPOT
from generator.tenant.say_pages import correctable_fields

ACTION = "https://forms.example.org/odx"
REPO_URL = "https://github.com/example/odx"
EMAIL = "homes@example.org"
REF = "27SAHTXHU5"  # a home of the example landlord with values not known


def built(tmp: Path, **options: str) -> Project:
    project = Project(tmp / "project")
    copy_example(project.root / "datapackages" / "example")
    project.settings["repo_url"] = REPO_URL
    project.write_config(k_anonymity=5, corrections_email=EMAIL, **options)
    run = project.build()
    assert run.code == 0, run.output
    return project


@pytest.fixture(scope="module")
def with_form(tmp_path_factory) -> Project:
    return built(tmp_path_factory.mktemp("with-form"), say_form_action=ACTION)


@pytest.fixture(scope="module")
def without_form(tmp_path_factory) -> Project:
    return built(tmp_path_factory.mktemp("without-form"))


def help_links(project: Project, ref: str = REF) -> list[str]:
    page = project.page(f"homes/{ref}/")
    return [a["href"] for a in page.select("main a") if a.get_text().startswith("can you help")]


def form_query(href: str) -> dict[str, list[str]]:
    parts = urlsplit(href)
    assert parts.path == "../../correct-your-home/", href
    return parse_qs(parts.query)


def test_with_a_form_service_can_you_help_opens_the_form_with_home_field_and_part(with_form):
    links = help_links(with_form)
    assert links, "the example home has no unknown value"
    queries = [form_query(link) for link in links]
    assert all(q["home"] == [REF] for q in queries)
    fields = {q["field"][0] for q in queries}
    offered = {name for _, choices in correctable_fields() for name, _ in choices}
    assert fields <= offered, fields - offered
    for query in queries:
        if resource_of(query["field"][0]) == "components":
            assert query["component"][0] in component_types()
        else:
            assert "component" not in query


def test_a_fact_of_the_whole_home_carries_no_part():
    links = Helpers(REPO_URL, EMAIL, form=True)
    assert links.correction("AB 1", "epc_band")["form"] == "?home=AB%201&field=epc_band"
    assert links.correction("AB1", "condition", "roof-finish")["form"] == (
        "?home=AB1&field=condition&component=roof-finish"
    )
    assert Helpers(REPO_URL, EMAIL).correction("AB1", "epc_band")["form"] == ""


def test_something_wrong_offers_the_form_first_then_email_and_the_public_issue(with_form):
    line = with_form.page(f"homes/{REF}/").select_one("main p.correct")
    first, email, issue = [a["href"] for a in line.find_all("a")]
    assert form_query(first) == {"home": [REF]}
    assert email.startswith(f"mailto:{EMAIL}?")
    assert issue.startswith(f"{REPO_URL}/issues/new?template=correction.yml")
    assert "public issue" in line.get_text()


def test_without_a_form_service_the_links_are_the_issue_form_and_email(without_form):
    links = help_links(without_form)
    assert links and all(link.startswith(f"{REPO_URL}/issues/new?") for link in links)
    assert not (without_form.site / "correct-your-home").exists()
    line = without_form.page(f"homes/{REF}/").select_one("main p.correct")
    assert [a["href"].split(":", 1)[0] for a in line.find_all("a")] == ["https", "mailto"]


@pytest.fixture(scope="module")
def form(with_form) -> BeautifulSoup:
    page = with_form.page("correct-your-home/")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.h1.get_text() == "Correct the data about your home"
    found = page.select_one("main form")
    assert found["method"] == "post" and found["action"] == ACTION
    return found


def test_the_form_posts_only_fields_intake_takes_in(form):
    names = {element["name"] for element in form.select("[name]")}
    assert names == {"home_ref", "field", "component", "value", "evidence", HONEYPOT}
    assert names <= set(FORM_FIELDS)


def test_every_field_the_form_offers_is_one_intake_accepts(form):
    options = [o["value"] for o in form.select("select[name=field] option") if o["value"]]
    assert options == [name for _, choices in correctable_fields() for name, _ in choices]
    assert all(resource_of(name) for name in options)
    groups = [g["label"] for g in form.select("select[name=field] optgroup")]
    assert groups == ["About the whole home", "About a part of the home"]


def test_the_part_list_offers_every_kind_and_none_by_default(form):
    options = form.select("select[name=component] option")
    assert options[0]["value"] == "" and "whole home" in options[0].get_text()
    assert [o["value"] for o in options[1:]] == [k for k in component_types() if k != "other"]
    assert not any(o.has_attr("selected") for o in options)


def test_every_control_has_a_label_and_the_prefilled_ones_say_where_from(form):
    for control in form.select("input:not([type=hidden]), select"):
        if control["name"] == HONEYPOT:
            continue
        if control.get("type") == "radio":
            assert control.find_parent("label").get_text().strip(), control["value"]
            continue
        assert form.find("label", attrs={"for": control["id"]}), control["name"]
    prefilled = {c["name"]: c["data-from-query"] for c in form.select("[data-from-query]")}
    assert prefilled == {"home_ref": "home", "field": "field", "component": "component"}
    value = form.find("input", attrs={"name": "value"})
    assert value.has_attr("required") and int(value["maxlength"]) <= 100
    hint = form.find(id=value["aria-describedby"]).get_text()
    assert "names, phone numbers or addresses" in hint


def test_the_form_asks_how_the_tenant_knows_with_the_answers_of_the_issue_form(form):
    fieldset = form.find("input", attrs={"name": "evidence"}).find_parent("fieldset")
    assert fieldset.legend.get_text() == "How do you know?"
    radios = fieldset.select("input[name=evidence]")
    assert all(radio["type"] == "radio" and radio.has_attr("required") for radio in radios)
    assert not any(radio.has_attr("checked") for radio in radios)
    offered = [(r["value"], r.find_parent("label").get_text().strip()) for r in radios]
    assert [value for value, _ in offered] == list(EVIDENCE_KINDS)
    schema = contract_schemas()["corrections"]["fields"]
    assert set(EVIDENCE_KINDS) == set(
        next(f for f in schema if f["name"] == "evidence")["constraints"]["enum"]
    )
    issue_form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/correction.yml").read_text())
    asked = next(item for item in issue_form["body"] if item.get("id") == "evidence")
    assert [f"{text} ({value})" for value, text in offered] == asked["attributes"]["options"]
    hint = fieldset.find(id=fieldset["aria-describedby"]).get_text()
    assert "photo or a document" in hint


def test_the_thanks_page_says_a_correction_is_checked_before_it_shows(with_form):
    text = " ".join(with_form.page("thanks/").select_one("main").get_text(" ").split())
    assert "A correction to your home's data is checked first" in text
