"""Every home page lets a tenant have their say without a GitHub account: a short form that
posts to the landlord's chosen service, a hosted form, an email and a phone number, each
carrying the home's reference; the options that set them up are checked at the edge."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import Project, copy_example

from generator.config import load_config
from generator.core.problems import Problems
from generator.housing.data_model import component_types
from generator.tenant.say import HONEYPOT, IMPROVEMENTS


def read_options(tmp_path: Path, **options: str):
    lines = "".join(f"      {name}: {value}\n" for name, value in options.items())
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: Homes\nplugins:\n  - odx:\n{lines}", encoding="utf-8")
    problems = Problems()
    return load_config(path, problems), problems


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("say_form_action", "http://forms.example.org/odx", "https address"),
        ("say_form_action", "javascript:alert(1)", "https address"),
        ("say_form_action", "https://", "https address"),
        ("say_form_url", "ftp://forms.example.org/{home_ref}", "https address"),
        ("say_form_url", "https://forms.example.org/odx", "{home_ref}"),
        ("landlord_phone", "call us", "phone number"),
        ("landlord_phone", "javascript:0113", "phone number"),
    ],
)
def test_a_say_option_of_the_wrong_shape_is_an_error_on_its_line(tmp_path, name, value, says):
    config, problems = read_options(tmp_path, preview_rows="5", **{name: repr(value)})
    found = {p.field: p for p in problems}
    assert config is None
    assert set(found) == {f"odx.{name}"}
    assert found[f"odx.{name}"].line == 5
    assert found[f"odx.{name}"].path == "mkdocs.yml"
    assert says in found[f"odx.{name}"].message


def test_well_formed_say_options_are_accepted(tmp_path):
    config, problems = read_options(
        tmp_path,
        say_form_action="https://forms.example.org/odx",
        say_form_url="'https://forms.example.org/start?home={home_ref}'",
        landlord_phone="'+44 (0)113 496 0000'",
    )
    assert not problems, [str(p) for p in problems]
    assert config.odx.say_form_action == "https://forms.example.org/odx"
    assert config.odx.landlord_phone == "+44 (0)113 496 0000"


ACTION = "https://forms.example.org/odx"
CHANNELS = {  # the combinations of ways to have your say a landlord may set up
    "every way": {
        "say_form_action": ACTION,
        "say_form_url": "https://forms.example.org/start?home={home_ref}&from=odx",
        "corrections_email": "homes@example.org",
        "landlord_phone": "+44 (0)113 496 0000",
    },
    "no form": {
        "say_form_url": "https://forms.example.org/start?home={home_ref}",
        "corrections_email": "homes@example.org",
        "landlord_phone": "0113 496 0000",
    },
    "form and phone": {"say_form_action": ACTION, "landlord_phone": "0113 496 0000"},
    "phone only": {"landlord_phone": "0113 496 0000"},
    "nothing": {},
}
REF = "HBTRQJGF5C"


@pytest.fixture(scope="module", params=list(CHANNELS))
def site(request, tmp_path_factory) -> tuple[str, Project]:
    """The example landlord built with one combination of channels."""
    project = Project(tmp_path_factory.mktemp("say") / "project")
    copy_example(project.root / "datapackages" / "example")
    project.write_config(k_anonymity=5, **CHANNELS[request.param])
    run = project.build()
    assert run.code == 0, run.output
    return request.param, project


def say_section(project: Project, ref: str = REF) -> Tag:
    section = project.page(f"homes/{ref}/").find("section", class_="say")
    assert section is not None
    assert section.h2.get_text() == "Have your say about your home"
    return section


def test_the_form_has_a_page_only_when_it_has_somewhere_to_post(site):
    name, project = site
    links = [a["href"] for a in say_section(project).find_all("a")]
    to_form = [link for link in links if "have-your-say/" in link]
    if "say_form_action" in CHANNELS[name]:
        [link] = to_form
        query = parse_qs(urlsplit(link).query)
        assert urlsplit(link).path == "../../have-your-say/" and query["home"] == [REF]
        parts = project.page(f"homes/{REF}/").select("table.parts tbody th")
        assert parts, "the example home has no parts"
        kinds = query["parts"][0].split()  # the home's own parts, for the form to offer
        assert set(kinds) <= set(component_types()) and len(kinds) == len(parts)
        [form] = project.page("have-your-say/").select("main form")
        assert form["method"] == "post"
        assert form["action"] == ACTION
    else:
        assert to_form == []
        assert not (project.site / "have-your-say").exists()


def test_home_pages_carry_links_not_the_form(site):
    """One form for every home: each home page stays small."""
    _, project = site
    assert say_section(project).find("form") is None


@pytest.fixture(scope="module")
def form_page(tmp_path_factory) -> BeautifulSoup:
    """The one form, of the example landlord built with every way to have your say."""
    project = Project(tmp_path_factory.mktemp("form") / "project")
    copy_example(project.root / "datapackages" / "example")
    project.write_config(k_anonymity=5, **CHANNELS["every way"])
    run = project.build()
    assert run.code == 0, run.output
    return project.page("have-your-say/")


def test_the_form_page_is_not_indexed(form_page):
    assert form_page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert form_page.h1.get_text() == "Have your say about your home"


def test_the_satisfaction_question_is_the_tsm_scale_never_preselected(form_page):
    fieldset = form_page.find("legend", string=re.compile("How satisfied")).parent
    assert fieldset.name == "fieldset"
    radios = fieldset.select("input[type=radio]")
    assert [r.parent.get_text(strip=True) for r in radios] == [
        "Very satisfied",
        "Fairly satisfied",
        "Neither satisfied nor dissatisfied",
        "Fairly dissatisfied",
        "Very dissatisfied",
    ]
    assert not any(r.has_attr("checked") for r in radios)
    assert {r["name"] for r in radios} == {"satisfaction"}
    hint = fieldset.find(id=fieldset["aria-describedby"]).get_text()
    assert "own question" in hint and "not an official Tenant Satisfaction Measure" in hint


def test_the_improvements_offer_every_kind_of_part_then_the_common_needs_up_to_three(form_page):
    fieldset = form_page.find("legend", string=re.compile("most improve")).parent
    boxes = fieldset.select("input[type=checkbox]")
    values = [box["value"] for box in boxes]
    kinds = [kind for kind in component_types() if kind != "other"]
    assert values == [*kinds, *(v for v, _ in IMPROVEMENTS)]
    assert not any(box.has_attr("checked") for box in boxes)
    assert "up to 3" in fieldset.find(id=fieldset["aria-describedby"]).get_text()


def test_the_comment_is_optional_limited_and_warns_against_personal_details(form_page):
    comment = form_page.find("textarea")
    assert form_page.find("label", attrs={"for": comment["id"]}).get_text().endswith("(optional)")
    described = [form_page.find(id=i).get_text() for i in comment["aria-describedby"].split()]
    assert f"You can enter up to {comment['maxlength']} characters" in described
    assert any("names, phone numbers or addresses" in text for text in described)
    assert not comment.has_attr("required")


def test_the_form_asks_for_the_home_and_has_a_honeypot_people_never_meet(form_page):
    form = form_page.select_one("main form")
    home = form.find("input", attrs={"name": "home_ref"})
    assert home.has_attr("required") and home["data-from-query"] == "home"
    assert form.find("label", attrs={"for": home["id"]}).get_text() == "Your home's reference"
    trap = form.find("input", attrs={"name": HONEYPOT})
    holder = trap.find_parent(class_="visually-hidden")
    assert holder is not None and holder["aria-hidden"] == "true"
    assert "Leave this empty" in holder.get_text()
    assert trap["tabindex"] == "-1" and trap["autocomplete"] == "off"
    assert not form.find("script") and not form.find("iframe")


def test_every_other_way_carries_the_home_ref(site):
    name, project = site
    chosen = CHANNELS[name]
    links = {a["href"].split(":", 1)[0]: a["href"] for a in say_section(project).find_all("a")}
    if "say_form_url" in chosen:
        hosted = links["https"]
        assert hosted == chosen["say_form_url"].replace("{home_ref}", REF)
    else:
        assert "https" not in links
    if "corrections_email" in chosen:
        email = urlsplit(links["mailto"])
        assert email.path == chosen["corrections_email"]
        fields = parse_qs(email.query)
        assert REF in fields["subject"][0] and f"Home: {REF}" in fields["body"][0]
    else:
        assert "mailto" not in links
    if "landlord_phone" in chosen:
        assert links["tel"] in ("tel:+441134960000", "tel:01134960000")
    else:
        assert "tel" not in links


def test_the_section_says_plainly_when_there_is_no_way_to_have_your_say(site):
    name, project = site
    text = " ".join(say_section(project).get_text(" ").split())
    if CHANNELS[name]:
        assert "has not set up a way" not in text
    else:
        assert "has not set up a way to have your say on this site yet" in text


def test_the_thanks_page_says_what_happens_next_and_is_not_indexed(site):
    name, project = site
    page = project.page("thanks/")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.h1.get_text() == "Thank you for having your say"
    assert page.find("h2", string="What happens next")
    tel = page.select_one("main a[href^='tel:']")
    assert (tel is not None) == ("landlord_phone" in CHANNELS[name])
