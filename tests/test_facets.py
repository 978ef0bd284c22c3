"""The catalogue narrowed without JavaScript: a page per licence, format, publisher and
keyword, with the datasets that have it and no other, linked as chips with their counts."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from helpers import Project, table

from generator.catalogue.facets import collect, slug

LICENCES = {
    "ogl": {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0", "path": "https://x/"},
    "pddl": {"name": "ODC-PDDL-1.0", "path": "http://opendatacommons.org/licenses/pddl/"},
}


def _package(
    project: Project,
    name: str,
    licence: str,
    keywords: list[str],
    publisher: str = "",
    formats: tuple[str, ...] = ("csv",),
) -> None:
    files: dict[str, str | bytes] = {}
    resources = []
    for index, fmt in enumerate(formats):
        files[f"t{index}.{fmt}"] = "id\n1\n" if fmt == "csv" else '[{"id": 1}]'
        resource = table(f"t{index}", [("id", "integer")])
        resource["path"] = f"t{index}.{fmt}"
        resources.append(resource)
    descriptor: dict[str, Any] = {
        "name": name,
        "title": name.title(),
        "licenses": [LICENCES[licence]],
        "keywords": keywords,
        "resources": resources,
    }
    if publisher:
        descriptor["contributors"] = [{"title": publisher, "role": "publisher"}]
    project.package(name, files, descriptor=descriptor)


@pytest.fixture
def catalogue(project: Project) -> Project:
    _package(project, "rents", "ogl", ["Rents", "housing"], "Leeds Homes")
    _package(project, "repairs", "ogl", ["repairs", "Housing "], "Leeds Homes")
    _package(project, "stock", "pddl", ["stock"], "York Homes")
    run = project.build()
    assert run.code == 0, run.output
    return project


def listed(project: Project, url: str) -> set[str]:
    """The datasets a catalogue page lists, by their links' titles."""
    page = project.page(url)
    return {a.get_text() for a in page.select("[data-filter-list] .card-title a")}


def test_facet_pages_list_exactly_the_matching_datasets(catalogue):
    assert listed(catalogue, "datasets/") == {"Rents", "Repairs", "Stock"}
    assert listed(catalogue, "datasets/licence/ogl-uk-3-0/") == {"Rents", "Repairs"}
    assert listed(catalogue, "datasets/licence/odc-pddl-1-0/") == {"Stock"}
    assert listed(catalogue, "datasets/publisher/leeds-homes/") == {"Rents", "Repairs"}
    assert listed(catalogue, "datasets/publisher/york-homes/") == {"Stock"}
    assert listed(catalogue, "datasets/keyword/housing/") == {"Rents", "Repairs"}
    assert listed(catalogue, "datasets/keyword/stock/") == {"Stock"}
    assert listed(catalogue, "datasets/format/csv/") == {"Rents", "Repairs", "Stock"}
    assert sorted(p.name for p in (catalogue.site / "datasets/keyword").iterdir()) == [
        "housing",
        "rents",
        "repairs",
        "stock",
    ]


def test_chips_link_every_value_with_its_count_and_mark_the_current_one(catalogue):
    page = catalogue.page("datasets/keyword/housing/")
    nav = page.select_one("nav.facets")
    assert nav is not None and nav.get("aria-labelledby") == "facets-heading"
    groups = {h3.get_text(): h3["id"] for h3 in nav.select("h3")}
    assert list(groups) == ["Licence", "Format", "Publisher", "Keyword"]
    keywords = nav.select_one(f'ul[aria-labelledby="{groups["Keyword"]}"]')
    chips = {a.get_text(" ", strip=True): a for a in keywords.select("a")}
    assert set(chips) == {"housing (2)", "Rents (1)", "repairs (1)", "stock (1)"}
    assert chips["housing (2)"].get("aria-current") == "page"
    assert [a for a in nav.select("a[aria-current]")] == [chips["housing (2)"]]
    assert nav.find("a", string="Clear the filter: show every dataset")["href"] == "../../"
    assert page.h1.get_text() == "Datasets with the keyword “housing”"
    catalogue_page = catalogue.page("datasets/")
    assert catalogue_page.select("nav.facets a[aria-current]") == []
    assert catalogue_page.find("a", string="Clear the filter: show every dataset") is None


def test_the_filter_box_still_narrows_a_facet_page(catalogue):
    page = catalogue.page("datasets/licence/ogl-uk-3-0/")
    assert page.select_one("[data-filter-box]") is not None
    assert len(page.select("[data-filter-list] [data-filter-text]")) == 2


def test_licence_and_publisher_pages_are_indexed_formats_keywords_and_copies_are_not(catalogue):
    def robots(url: str) -> str:
        tag = catalogue.page(url).find("meta", attrs={"name": "robots"})
        return tag["content"] if tag else ""

    assert robots("datasets/licence/ogl-uk-3-0/") == ""
    assert robots("datasets/publisher/york-homes/") == ""
    assert robots("datasets/keyword/housing/") == "noindex"
    assert robots("datasets/format/csv/") == "noindex"


def test_a_lone_licence_page_copies_the_catalogue_and_is_not_indexed(project):
    _package(project, "rents", "ogl", [])
    _package(project, "stock", "ogl", [])
    assert project.build().code == 0
    tag = project.page("datasets/licence/ogl-uk-3-0/").find("meta", attrs={"name": "robots"})
    assert tag["content"] == "noindex"


def test_values_from_descriptors_are_escaped_and_take_safe_unique_addresses(project):
    _package(project, "a", "ogl", ['<script>alert("x")</script>', "a b", "a-b", "住宅", "..//"])
    run = project.build()
    assert run.code == 0, run.output
    folders = sorted(p.name for p in (project.site / "datasets/keyword").iterdir())
    assert folders == ["a-b", "a-b-2", "script-alert-x-script", "value", "value-2"]
    html = (project.site / "datasets/keyword/script-alert-x-script/index.html").read_text()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def test_slugs_are_ascii_short_and_never_empty():
    assert slug("OGL-UK-3.0") == "ogl-uk-3-0"
    assert slug("Logement social à Lyon") == "logement-social-lyon"
    assert slug("../..") == "value"
    assert len(slug("word " * 100)) <= 60 and not slug("word " * 100).endswith("-")


def test_values_match_ignoring_case_and_spacing_and_show_as_first_met():
    facets = collect(
        [
            {"keyword": [("Social  housing", "Social  housing")]},
            {"keyword": [("social housing", "social housing")]},
        ]
    )
    (value,) = facets["keyword"]
    assert (value.label, value.slug, value.members) == ("Social housing", "social-housing", [0, 1])


@pytest.mark.parametrize("name", ["licence", "format", "publisher", "keyword"])
def test_a_package_may_not_take_the_name_of_a_facet(project, name):
    project.package(name, {"t.csv": "id\n1\n"}, [table("t", [("id", "integer")])])
    run = project.build()
    assert run.code == 1
    assert "datapackage.json:" in run.err and "licence, format, publisher or" in run.err


def test_the_sample_site_narrows_its_catalogue(root_site):
    site = root_site
    for url in (
        "datasets/licence/ogl-uk-3-0/",
        "datasets/format/csv/",
        "datasets/publisher/sample-homes-association/",
        "datasets/keyword/social-housing/",
    ):
        assert (site / url / "index.html").is_file(), url
    assert "datasets/licence/ogl-uk-3-0/" in (site / "sitemap.xml").read_text()


def _resolve(site: Path, page: str, href: str) -> Path:
    """The file a relative link on the page at ``page`` (a folder URL) leads to."""
    target = posixpath.normpath(posixpath.join(page, href))
    return site / target / "index.html"


def _card_titles(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {a.get_text() for a in soup.select("[data-filter-list] .card-title a")}


def _facet_links(site: Path) -> list[tuple[str, str, str]]:
    """(page, dataset, link) for every licence and keyword link of every dataset's card
    (on the home page, the catalogue and its facet pages) and dataset page."""
    found = []
    for path in [site / "index.html", *sorted((site / "datasets").rglob("index.html"))]:
        page = path.parent.relative_to(site).as_posix()
        page = "" if page == "." else page + "/"
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        cards = '[data-filter-list] article.card, [aria-labelledby="datasets-heading"] article.card'
        for card in soup.select(cards):
            title = card.select_one(".card-title a")
            links = card.select("dl.facts dd a") + card.select("ul.tags a")
            found += [(page, title.get_text(), a["href"]) for a in links]
        if soup.select_one("#about-heading") is not None:
            about = soup.select_one("#about-heading").parent
            name = soup.h1.get_text()
            for a in about.select(".facet-links a") + about.select("ul.tags a"):
                found.append((page, name, a["href"]))
    return found


def test_every_licence_and_keyword_of_a_dataset_links_to_a_facet_page_that_lists_it(catalogue):
    site = catalogue.site
    links = _facet_links(site)
    targets = {_resolve(site, page, href).relative_to(site).parts[:2] for page, _, href in links}
    assert {kind for _, kind in targets} == {"licence", "keyword"}
    pages = {page for page, _, _ in links}
    assert {"", "datasets/", "datasets/rents/", "datasets/licence/ogl-uk-3-0/"} <= pages
    for page, dataset, href in links:
        target = _resolve(site, page, href)
        assert target.is_file(), (page, href)
        assert dataset in _card_titles(target.read_text(encoding="utf-8")), (page, href)


def test_a_card_links_its_own_spelling_of_a_shared_keyword(catalogue):
    card = next(
        li
        for li in catalogue.page("datasets/").select("[data-filter-list] > li")
        if li.select_one(".card-title a").get_text() == "Repairs"
    )
    tags = [(a.get_text(), a["href"]) for a in card.select("ul.tags a")]
    assert tags == [("repairs", "keyword/repairs/"), ("Housing ", "keyword/housing/")]
    assert [a["href"] for a in card.select("dl.facts dd a")] == ["licence/ogl-uk-3-0/"]


def test_a_keyword_without_a_facet_page_is_shown_as_text(project):
    _package(project, "rents", "ogl", ["rents", "   "])
    assert project.build().code == 0
    tags = project.page("datasets/rents/").select("#about-heading ~ dl ul.tags li")
    assert [(li.get_text().strip(), li.a is not None) for li in tags] == [
        ("rents", True),
        ("", False),
    ]


def test_the_sample_site_links_each_card_to_its_facets(root_site):
    links = _facet_links(root_site)
    assert any("keyword/social-housing/" in href for _, _, href in links)
    for page, dataset, href in links:
        target = _resolve(root_site, page, href)
        assert target.is_file(), (page, href)
        assert dataset in _card_titles(target.read_text(encoding="utf-8")), (page, href)
