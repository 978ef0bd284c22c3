"""Community pages from pages/*.md: checked front matter, the site's layout, and forms only
where a real form address is configured."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from helpers import Project


@pytest.fixture
def site(project: Project) -> Project:
    (project.root / "pages").mkdir()
    project.write_config(pages=str(project.root / "pages"))
    return project


def page_file(project: Project, name: str, front: str, body: str = "Hello.\n") -> None:
    (project.root / "pages" / name).write_text(f"---\n{front}---\n{body}")


def test_a_page_gets_the_sites_layout_and_a_footer_link(site):
    page_file(site, "about.md", "title: About us\norder: 1\n", "## Who\n\nPeople.\n")
    assert site.build().code == 0
    about = site.page("about/")
    assert about.h1.get_text() == "About us"
    assert about.select_one("h2#who")
    assert site.page("").select_one("footer a[href='about/']").get_text() == "About us"


@pytest.mark.parametrize(
    ("name", "front", "expected"),
    [
        ("about.md", "order: 1\n", "pages/about.md:2: title: required"),
        (
            "about.md",
            "title: A\ninclude: poll\n",
            "pages/about.md:3: include: unknown block 'poll'",
        ),
        ("about.md", "title: A\nsumary: x\n", "pages/about.md:3: sumary: unknown key"),
        (
            "insights.md",
            "title: A\n",
            "pages/insights.md:1: -: 'insights' cannot be a page's address",
        ),
    ],
)
def test_page_mistakes_are_located(site, name, front, expected):
    page_file(site, name, front)
    run = site.validate()
    assert run.code == 1
    assert expected in run.err


def newsletter(site: Project, newsletter: dict) -> BeautifulSoup:
    site.settings["extra"] = {"newsletter": newsletter, "contact": {"email": "hello@example.org"}}
    site.write_config()
    page_file(site, "newsletter.md", "title: Newsletter\ninclude: newsletter\n")
    assert site.build().code == 0
    return site.page("newsletter/")


def test_a_sign_up_form_is_rendered_only_for_a_real_provider_address(site):
    page = newsletter(site, {"action": "https://buttondown.example/api/subscribe", "provider": "X"})
    form = page.select_one("form")
    assert form["action"] == "https://buttondown.example/api/subscribe"
    assert form["method"] == "post"
    assert page.select_one("label[for=signup-email]")


@pytest.mark.parametrize("action", ["", "#", "/subscribe", "http:/nowhere", "javascript:x"])
def test_without_a_real_form_address_there_is_no_form_but_an_email_link(site, action):
    page = newsletter(site, {"action": action})
    assert page.select_one("form") is None
    assert page.select_one("a[href^='mailto:hello@example.org']")


def test_the_contact_block_comes_from_the_config(site):
    site.settings["extra"] = {"contact": {"email": "hello@example.org"}}
    site.write_config()
    page_file(site, "contact.md", "title: Contact\ninclude: contact\n")
    assert site.build().code == 0
    assert site.page("contact/").select_one("a[href='mailto:hello@example.org']")


def test_the_repositorys_landlord_guide_explains_the_gate_and_corrections(root_site):
    text = " ".join(
        BeautifulSoup((root_site / "for-landlords/index.html").read_text(), "html.parser")
        .find("main")
        .get_text(" ")
        .split()
    )
    assert "k-anonymity" in text and "How corrections flow" in text


def test_a_newsletter_link_must_be_a_real_web_address(site):
    page = newsletter(site, {"url": "javascript:alert(1)"})
    assert not page.select("a[href^='javascript']")


def test_with_nothing_configured_the_newsletter_page_still_gives_a_way_to_follow(site):
    site.settings["repo_url"] = "https://github.com/example/odx"
    page = newsletter(site, {})
    assert page.select_one("form") is None
    assert page.select_one("a[href='https://github.com/example/odx']")
