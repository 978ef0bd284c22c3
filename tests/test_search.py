"""Search: `odx build` runs Pagefind over the built site, and the search page finds pages.

- the build writes Pagefind's bundle (`pagefind/`), a search page (`search/`) and a "Search"
  link in the header of every page;
- the index holds exactly the posts, dataset and resource pages, the resources page and the
  community pages: never a home page, an area page, a list or an overview, and no home ref
  (the "go to my home" box has its own index); Pagefind does not even read `homes/` or
  `areas/`, which may hold 100,000 pages;
- in a real browser under a sub-path, a word from a post lists the post and its link opens
  it; a home ref finds nothing; a dataset and an entry of the resources list can be found;
  the page has no axe violations at 320 and 1280 px and at 200% zoom, before and after
  showing results, is valid HTML and loads nothing from another host;
- without JavaScript the page shows a plain message whose links work;
- when Pagefind fails or is missing, the build reports a located problem and leaves the
  previous site untouched.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from browser import axe_violations, nu_html_errors, serve, turn_away_other_hosts
from bs4 import BeautifulSoup
from helpers import REPO, snapshot, table
from playwright.sync_api import expect

from generator.core import urls
from generator.publish.search import index_site

SUB_PATH = "/odx-site/"
SEARCH = urls.SEARCH
LABEL = "Search the site"
FINISHED = re.compile(r"results? for")  # what the live region says once a search is done


def html_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def indexed(site: Path) -> dict[str, dict]:
    """Every page in Pagefind's index, by site URL, with its content, meta and filters."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{") :])
        pages[record["url"].lstrip("/")] = record
    return pages


def post_urls() -> set[str]:
    """The sample's posts: ``insights/<date>-<slug>.md`` is published at ``insights/<slug>/``."""
    return {
        urls.post(re.sub(r"^\d{4}-\d{2}-\d{2}-", "", path.stem))
        for path in (REPO / "insights").glob("*.md")
    }


def home_refs() -> list[str]:
    with (REPO / "datapackages/sample-landlord/homes.csv").open(encoding="utf-8") as handle:
        return [row["home_ref"] for row in csv.DictReader(handle)]


# --- the build -----------------------------------------------------------------------------


def test_the_build_writes_the_search_bundle_and_page(subpath_site):
    assert (subpath_site / "pagefind" / "pagefind.js").is_file()
    assert indexed(subpath_site)
    html = html_of(subpath_site, SEARCH)
    assert html.h1.get_text() == "Search"
    assert html.find("label", string=LABEL)["for"] == "search-input"
    script = html.find("script", src=True)
    assert script["type"] == "module"
    assert (subpath_site / SEARCH / script["src"]).resolve() == (
        subpath_site / "assets" / "search.js"
    ).resolve()


@pytest.mark.parametrize("url", ["", "datasets/", "insights/", "about/", "no/such/page/"])
def test_every_page_links_to_the_search_page_from_its_header(subpath_site, url):
    file = (
        subpath_site / "404.html" if url == "no/such/page/" else subpath_site / url / "index.html"
    )
    html = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    link = html.select_one("header nav").find("a", string="Search")
    assert link is not None
    target = urljoin(f"https://org.github.io{SUB_PATH}{url}", link["href"])
    assert urlsplit(target).path == SUB_PATH + SEARCH


def test_the_index_holds_posts_datasets_resources_and_pages_and_nothing_else(subpath_site):
    datasets = subpath_site / "datasets"
    packages = [d for d in datasets.iterdir() if d.is_dir() and d.name not in urls.FACET_KINDS]
    dataset_pages = {f"datasets/{d.name}/" for d in packages}
    resource_pages = {
        f"datasets/{d.parent.name}/{d.name}/"
        for package in packages
        for d in package.iterdir()
        if d.is_dir() and d.name not in ("overview", "pilot")  # the tenant view's pages
    }
    community = {urls.page(path.stem) for path in (REPO / "pages").glob("*.md")}
    expected = post_urls() | dataset_pages | resource_pages | {urls.RESOURCES} | community
    assert set(indexed(subpath_site)) == expected


def test_each_indexed_page_says_what_it_is(subpath_site):
    pages = indexed(subpath_site)
    kinds = {url: record["meta"]["type"] for url, record in pages.items()}
    assert kinds["insights/due-overdue-and-old-and-poor/"] == "Insights post"
    assert kinds["datasets/house-prices-uk/"] == "Dataset"
    assert kinds["datasets/sample-landlord/components/"] == "Data file"
    assert kinds[urls.RESOURCES] == "Resources"
    assert kinds["about/"] == "Page"
    assert pages["datasets/sample-landlord/components/"]["meta"]["dataset"].startswith(
        "Sample Homes Association"
    )


def test_no_home_page_and_no_home_ref_is_in_the_index(subpath_site):
    pages = indexed(subpath_site)
    assert not [url for url in pages if url.startswith(("homes/", "areas/"))]
    for home in (subpath_site / "homes").glob("*/index.html"):
        assert "data-pagefind-body" not in home.read_text(encoding="utf-8"), home
    text = " ".join(record["content"] for record in pages.values())
    assert not [ref for ref in home_refs() if ref in text]
    # the "go to my home" box keeps its own small index
    assert (subpath_site / urls.lookup_shard(home_refs()[0][:2])).is_file()


def opted_in(title: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title></head><body>'
        f"<main data-pagefind-body><h1>{title}</h1><p>{title} zebra</p></main></body></html>"
    )


def test_pagefind_does_not_read_home_or_area_pages(tmp_path):
    site = tmp_path / "site"
    for url, title in [
        ("insights/a/", "Alpha"),
        ("homes/AB12CD34EF/", "Home"),
        ("areas/e08000035/", "Area"),
    ]:
        (site / url).mkdir(parents=True)
        (site / url / "index.html").write_text(opted_in(title), encoding="utf-8")
    # even a home page that opts in stays out: Pagefind never reads homes/ or areas/
    assert index_site(site).pages == 1
    assert set(indexed(site)) == {"insights/a/"}


def test_the_same_site_gives_the_same_index_byte_for_byte(subpath_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(subpath_site, copy)
    shutil.rmtree(copy / "pagefind")
    index_site(copy)
    assert snapshot(copy / "pagefind") == snapshot(subpath_site / "pagefind")


def test_pages_made_in_any_order_give_the_same_index(subpath_site, tmp_path):
    """Pages are written by several processes at once; some file systems list files in
    the order they were made, and Pagefind reads them in that order."""
    pages = sorted(
        path.relative_to(subpath_site)
        for path in subpath_site.rglob("*.html")
        if path.parts[len(subpath_site.parts)] not in ("homes", "areas", "pagefind")
    )
    indexes = []
    for order in (pages, pages[::-1]):
        copy = tmp_path / f"site-{len(indexes)}"
        for relative in order:
            (copy / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(subpath_site / relative, copy / relative)
        index_site(copy)
        indexes.append(snapshot(copy / "pagefind"))
    assert indexes[0] == indexes[1] == snapshot(subpath_site / "pagefind")


def test_when_no_page_opts_in_nothing_is_indexed_and_no_bundle_is_written(tmp_path):
    site = tmp_path / "site"
    (site / "datasets").mkdir(parents=True)
    (site / "datasets" / "index.html").write_text("<!doctype html><title>x</title><p>x</p>")
    assert index_site(site).pages == 0
    assert not (site / "pagefind").exists()


def a_package(project) -> None:
    project.package(
        "p", {"t.csv": "a,b\n1,2\n"}, [table("t", [("a", "integer"), ("b", "integer")])]
    )


def test_the_build_times_the_search_stage(project):
    a_package(project)
    run = project.build()
    assert run.code == 0, run.output
    assert re.search(r"search \d+\.\d\ds", run.out)
    assert set(indexed(project.site)) == {"datasets/p/", "datasets/p/t/"}


# --- failures ------------------------------------------------------------------------------


def built(project) -> dict[str, bytes]:
    a_package(project)
    assert project.build().code == 0
    return snapshot(project.site)


def test_a_pagefind_failure_is_a_located_problem_and_leaves_the_site_untouched(
    project, tmp_path, monkeypatch
):
    before = built(project)
    failing = tmp_path / "failing-pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: the disk is full' >&2\nexit 3\n")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    (project.root / "datapackages" / "p" / "t.csv").write_text("a,b\n1,2\n3,4\n")
    run = project.build()
    assert run.code != 0
    assert (
        "mkdocs.yml:1: search: Pagefind could not build the search index (exit code 3): "
        "Error: the disk is full; the site was not changed" in run.output
    )
    assert "Traceback" not in run.output
    assert snapshot(project.site) == before
    assert not list(project.root.glob(".site.*"))


def test_a_missing_pagefind_program_is_a_located_problem(project, tmp_path, monkeypatch):
    before = built(project)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-program"))
    run = project.build()
    assert run.code != 0
    assert "mkdocs.yml:1: search: Pagefind could not be started" in run.output
    assert "Traceback" not in run.output
    assert snapshot(project.site) == before


# --- in a real browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def base(subpath_site):
    """The sub-path site, served for the whole module."""
    with serve(subpath_site, SUB_PATH) as url:
        yield url


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == []
    page.close()


def search(page, words: str) -> list[tuple[str, str]]:
    """Type ``words`` into the search box, press Enter; return the results (link, title)."""
    page.get_by_label(LABEL).fill(words)
    page.get_by_label(LABEL).press("Enter")
    expect(page.get_by_role("status")).to_contain_text(f"for “{words}”")
    links = page.locator("[data-search-results] h2 a")
    return [
        (links.nth(i).get_attribute("href"), links.nth(i).inner_text())
        for i in range(links.count())
    ]


@pytest.mark.browser
def test_a_word_from_a_post_lists_the_post_and_its_link_opens_it(page, base):
    page.goto(base + SEARCH)
    results = search(page, "ombudsman")
    post = SUB_PATH + "insights/reading-the-tenant-satisfaction-measures/"
    assert (post, "Reading the Tenant Satisfaction Measures") in results
    assert "for “ombudsman”" in page.get_by_role("status").inner_text()
    page.locator(f"[data-search-results] h2 a[href='{post}']").click()
    page.wait_for_url(base + "insights/reading-the-tenant-satisfaction-measures/")
    assert page.locator("h1").inner_text() == "Reading the Tenant Satisfaction Measures"


@pytest.mark.browser
def test_a_home_ref_finds_no_home_page(page, base):
    page.goto(base + SEARCH)
    for ref in home_refs()[:5]:
        found = search(page, ref)
        assert not [url for url, _ in found if url.startswith(SUB_PATH + "homes/")], ref
        # what is found are other words: Pagefind reads "A7YLH9DPUJ" as "a", "7", "ylh"…
        assert ref not in page.locator("[data-search-results]").inner_text()


@pytest.mark.browser
def test_a_dataset_can_be_found(page, base):
    page.goto(base + SEARCH)
    results = search(page, "house prices")
    assert (SUB_PATH + "datasets/house-prices-uk/", "House Prices in the UK since 1952") in results


@pytest.mark.browser
def test_an_entry_of_the_resources_list_can_be_found_and_its_link_leads_to_it(page, base):
    entries = yaml.safe_load((REPO / "resources.yml").read_text(encoding="utf-8"))["resources"]
    title = "English Housing Survey"
    assert title in [entry["title"] for entry in entries]
    page.goto(base + SEARCH)
    results = search(page, title)
    assert SUB_PATH + urls.RESOURCES in [url for url, _ in results]
    section = page.locator("[data-search-results] li a", has_text=title).first
    target = section.get_attribute("href")
    assert target.startswith(SUB_PATH + urls.RESOURCES + "#")
    section.click()
    page.wait_for_url(base + urls.RESOURCES + "#*")
    assert page.locator(f"#{target.split('#')[1]}").inner_text() == title


@pytest.mark.browser
def test_a_resource_page_of_a_dataset_can_be_found_and_says_its_dataset(page, base):
    page.goto(base + SEARCH)
    search(page, "investment plan")
    item = page.locator("[data-search-results] > li").filter(
        has=page.locator(f"a[href='{SUB_PATH}datasets/sample-landlord/investment_plan/']")
    )
    expect(item.locator(".meta")).to_have_text(re.compile(r"^Data file of Sample Homes"))


@pytest.mark.browser
def test_the_words_in_the_address_are_searched_and_kept(page, base):
    page.goto(base + SEARCH + "?q=chimney")
    expect(page.get_by_role("status")).to_contain_text(FINISHED)
    assert page.get_by_label(LABEL).input_value() == "chimney"
    search(page, "asbestos")
    assert page.url == base + SEARCH + "?q=asbestos"


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
def test_the_search_page_has_no_axe_violations_before_and_after_results(browser, base, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(base + SEARCH)
    expect(page.get_by_label(LABEL)).to_be_visible()
    assert axe_violations(page) == []
    assert search(page, "boiler")
    assert axe_violations(page) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
    page.close()


@pytest.mark.browser
def test_at_200_percent_zoom_the_results_fit_and_have_no_axe_violations(browser, base):
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    page.goto(base + SEARCH)
    assert search(page, "energy")
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


@pytest.mark.browser
def test_searching_loads_nothing_from_another_host(browser, base):
    page = browser.new_page()
    elsewhere = turn_away_other_hosts(page, base)
    page.goto(base + SEARCH)
    assert search(page, "kitchen")
    assert elsewhere == []
    page.close()


@pytest.mark.browser
def test_without_javascript_the_page_shows_a_plain_message_whose_links_work(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + SEARCH)
    message = page.locator("main p", has_text="Search needs JavaScript")
    expect(message).to_be_visible()
    expect(page.get_by_label(LABEL)).to_be_hidden()
    links = message.locator("a")
    assert [links.nth(i).inner_text() for i in range(links.count())] == [
        "the datasets",
        "the Insights",
        "the resources",
    ]
    for index, heading in enumerate(["Datasets", "Insights", "Resources for housing data"]):
        page.goto(base + SEARCH)
        page.locator("main p a").nth(index).click()
        assert page.locator("h1").inner_text() == heading
    context.close()


@pytest.mark.browser
def test_with_javascript_the_search_box_replaces_the_plain_message(page, base):
    page.goto(base + SEARCH)
    expect(page.get_by_label(LABEL)).to_be_visible()
    expect(page.locator("[data-search-fallback]")).to_be_hidden()


@pytest.mark.browser
def test_without_an_index_the_search_page_keeps_the_plain_message(page, subpath_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(subpath_site, copy, ignore=shutil.ignore_patterns("homes"))
    shutil.rmtree(copy / "pagefind")
    with serve(copy, SUB_PATH) as base:
        with page.expect_response(lambda r: r.url.endswith("/pagefind/pagefind.js")) as answer:
            page.goto(base + SEARCH)
        assert answer.value.status == 404
        expect(page.locator("[data-search-fallback]")).to_be_visible()
        expect(page.get_by_label(LABEL)).to_be_hidden()


@pytest.mark.browser
@pytest.mark.slow
def test_the_search_page_is_valid_html(subpath_site):
    file = subpath_site / SEARCH / "index.html"
    assert nu_html_errors([file]) == []


def test_the_search_page_loads_only_its_own_deferred_scripts(subpath_site):
    html = html_of(subpath_site, SEARCH)
    scripts = html.find_all("script", src=True)
    assert scripts
    for script in scripts:
        assert script.get("type") == "module" or script.has_attr("defer"), script
        assert "://" not in script["src"], script
