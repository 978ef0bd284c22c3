"""The tenant view in a real browser: home, area and landlord pages are accessible and fit a
320px screen, correction links carry the home and field, "go to my home" works at the domain
root and under a sub-path, and area pages list few homes, all reachable.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from browser import axe_violations, fetch, serve
from bs4 import BeautifulSoup
from helpers import copy_templates, odx, sample_pilot_refs

pytestmark = pytest.mark.browser

SUB_PATH = "/odx-site/"
LANDLORD = "datasets/sample-landlord/"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


@pytest.fixture(scope="module")
def base(subpath_site) -> str:
    """The sub-path site, served for the whole module."""
    with serve(subpath_site, SUB_PATH) as url:
        yield url


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


@pytest.fixture(scope="module")
def home_ref(subpath_site) -> str:
    """A home with an overdue component and a component whose install year is not known."""
    for folder in sorted((subpath_site / "homes").iterdir()):
        if not (folder / "index.html").is_file():
            continue
        html = soup(subpath_site, f"homes/{folder.name}/")
        unknown_install = [
            a for a in html.select("table.parts td a") if "field=install_year" in a["href"]
        ]
        if html.select("table.parts .tag-overdue") and unknown_install:
            return folder.name
    pytest.fail("the sample has no home with an overdue component and an unknown install year")


def first_home_with(site: Path, selector: str) -> str:
    for folder in sorted((site / "homes").iterdir()):
        url = f"homes/{folder.name}/"
        if (folder / "index.html").is_file() and soup(site, url).select(selector):
            return url
    pytest.fail(f"the sample has no home page with {selector}")


@pytest.fixture(scope="module")
def pages(subpath_site, home_ref) -> dict[str, str]:
    home = f"homes/{home_ref}/"  # a home with a page: its area is in the pilot
    sector_url = urljoin(home, soup(subpath_site, home).select_one("main p.lead a")["href"])
    authority_url = urljoin(sector_url, "../")
    return {
        "home": f"homes/{home_ref}/",
        "home with an accepted correction": first_home_with(subpath_site, "main .fix"),
        "home with a correction under review": first_home_with(subpath_site, "main .review"),
        "areas": "areas/",
        "authority": authority_url,
        "sector": sector_url,
        "overview": LANDLORD + "overview/",
        "satisfaction": LANDLORD + "overview/satisfaction/",
        "for landlords": "for-landlords/",
    }


# Elements, outside the regions meant to scroll, that stick out of the viewport on the right.
STICKING_OUT = """() => Array.from(document.querySelectorAll('body *'))
  .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > innerWidth + 0.5)
  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
            + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')"""


def assert_fits_320(page) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320, (scroll_width, page.evaluate(STICKING_OUT))


@pytest.mark.parametrize(
    "kind",
    [
        "home",
        "home with an accepted correction",
        "home with a correction under review",
        "areas",
        "authority",
        "sector",
        "overview",
        "satisfaction",
        "for landlords",
    ],
)
def test_tenant_pages_have_no_axe_violations_and_fit_the_screen(browser, base, pages, kind):
    page = browser.new_page(viewport={"width": 320, "height": 900})
    try:
        response = page.goto(base + pages[kind])
        assert response.status == 200
        assert page.locator("h1").count() == 1
        assert axe_violations(page) == [], "at 320px"
        assert_fits_320(page)
        page.set_viewport_size({"width": 1280, "height": 900})
        assert axe_violations(page) == [], "at 1280px"
    finally:
        page.close()


def test_an_area_waiting_for_the_pilot_shows_what_its_tenants_said_accessibly(browser, base):
    page = browser.new_page(viewport={"width": 320, "height": 900})
    try:
        assert page.goto(base + "areas/e08000032/bd3-7/").status == 200  # Bradford: waiting
        headings = page.locator("main h2").all_inner_texts()
        assert headings == ["What tenants in this area said"]
        assert page.locator("main figure.chart svg[role=img]").count() == 1
        assert axe_violations(page) == [], "at 320px"
        assert_fits_320(page)
        page.set_viewport_size({"width": 1280, "height": 900})
        assert axe_violations(page) == [], "at 1280px"
    finally:
        page.close()


@pytest.mark.parametrize(
    "url",
    [
        "areas/e08000035/ls7-4/",  # its own figure published
        "areas/e08000035/ls6-2/",  # withheld: says why, shows Leeds
        LANDLORD + "overview/",
    ],
)
def test_what_tenants_said_and_you_said_we_plan_are_accessible(browser, base, url):
    page = browser.new_page(viewport={"width": 320, "height": 900})
    try:
        assert page.goto(base + url).status == 200
        headings = page.locator("main h2, main h3").all_inner_texts()
        assert any(h.startswith("What tenants said") for h in headings), headings
        assert any(h.startswith("You said, we plan") for h in headings), headings
        assert page.locator("main figure.chart svg[role=img]").count() >= 2
        assert axe_violations(page) == [], "at 320px"
        assert_fits_320(page)
        page.set_viewport_size({"width": 1280, "height": 900})
        assert axe_violations(page) == [], "at 1280px"
    finally:
        page.close()


def test_home_pages_stay_small(subpath_site):
    sizes = [p.stat().st_size for p in (subpath_site / "homes").glob("*/index.html")]
    assert sizes
    assert sum(sizes) / len(sizes) < 8 * 1024


def test_tell_us_opens_the_correction_form_for_the_home(page, base, home_ref):
    page.goto(base + f"homes/{home_ref}/")
    page.get_by_role("link", name="Something wrong or missing? Tell us").click()
    page.wait_for_url(base + "correct-your-home/?*")
    assert query(page.url) == {"home": home_ref}
    assert page.get_by_label("Your home's reference").input_value() == home_ref


def test_the_public_issue_link_opens_a_github_correction_form_for_the_home(page, base, home_ref):
    opened = []

    def fake_github(route):
        opened.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>GitHub</title>")

    page.route("https://github.com/**", fake_github)
    page.goto(base + f"homes/{home_ref}/")
    page.get_by_role("link", name="open a public issue on GitHub").click()
    page.wait_for_url("https://github.com/**")
    assert len(opened) == 1
    url = urlsplit(opened[0])
    assert (url.scheme, url.netloc) == ("https", "github.com")
    assert url.path.endswith("/issues/new")
    fields = query(opened[0])
    assert fields["template"] == "correction.yml"
    assert fields["home_ref"] == home_ref
    assert home_ref in fields["title"]


def test_can_you_help_asks_for_the_install_year_of_that_component(
    page, base, subpath_site, home_ref
):
    page.goto(base + f"homes/{home_ref}/")
    rows = page.locator("table.parts tbody tr").filter(
        has=page.get_by_role("link", name=re.compile("can you help", re.I))
    )
    assert rows.count() >= 1
    # The components the landlord did not date, from the published CSV: what the links must name.
    with (subpath_site / "downloads/sample-landlord/components.csv").open(encoding="utf-8") as f:
        undated = {
            row["component_type"]
            for row in csv.DictReader(f)
            if row["home_ref"] == home_ref and not row["install_year"]
        }
    asked = set()
    for i in range(rows.count()):
        installed = rows.nth(i).locator("td").nth(1)  # Status, then Installed
        if "Not known" not in installed.inner_text():
            continue
        href = installed.get_by_role("link").get_attribute("href")
        assert urlsplit(href).path.endswith("correct-your-home/")
        fields = query(href)
        assert fields["home"] == home_ref
        assert fields["field"] == "install_year"
        asked.add(fields["component"])
    assert asked == undated


# --- go to my home -----------------------------------------------------------------------


def spaced_lower(ref: str) -> str:
    """'AB12CD34EF' -> 'ab12 cd34ef': how a tenant might type it."""
    return f"{ref[:4]} {ref[4:]}".lower()


def a_well_formed_ref_nobody_has(site: Path) -> str:
    refs = {p.name for p in (site / "homes").iterdir() if p.name != "lookup"}
    existing = sorted(refs)[0]
    # Same shard as a real home (the shard file exists) but not a home.
    for last in "23456789ABCDEFGHJKLMNPQRSTUVWXYZ":
        candidate = existing[:-1] + last
        if candidate not in refs:
            return candidate
    raise AssertionError("no free ref")


def test_without_javascript_the_lookup_box_is_hidden_and_the_areas_remain(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "areas/")
    assert not page.locator("[data-home-lookup]").is_visible()
    assert page.locator("main .area-list a").count() > 0
    context.close()


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_go_to_my_home_finds_a_home_and_explains_what_it_cannot_find(
    browser, root_site, subpath_site, home_ref, where
):
    from playwright.sync_api import expect

    site, prefix = (root_site, "/") if where == "root" else (subpath_site, SUB_PATH)
    with serve(site, prefix) as url:
        page = browser.new_page(viewport={"width": 320, "height": 900})
        try:
            for start in ("", "areas/"):
                page.goto(url + start)
                box = page.get_by_label("Go to my home")
                status = page.get_by_role("status")
                assert box.is_visible()

                box.fill("12")
                box.press("Enter")
                expect(status).to_contain_text("8 to 12 letters and numbers")
                assert page.url == url + start

                for unknown in (a_well_formed_ref_nobody_has(site), "ZZZZ9999ZZ"):
                    box.fill(spaced_lower(unknown))
                    page.get_by_role("button", name="Find").click()
                    expect(status).to_contain_text(f"No home with the reference {unknown}")
                    assert page.url == url + start
                    assert page.evaluate("document.activeElement.id") == "home-ref"
                if start == "areas/":
                    assert axe_violations(page) == []
                    assert_fits_320(page)

                box.fill(spaced_lower(home_ref))
                box.press("Enter")
                page.wait_for_url(url + f"homes/{home_ref}/", timeout=10_000)
                assert page.locator("h1").inner_text() == f"Home {home_ref}"
        finally:
            page.close()


# --- area pages ----------------------------------------------------------------------------


def sector_pages(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for p in (site / "areas").glob("*/*/**/index.html")
    )


def check_sector_pages(site: Path, prefix: str) -> int:
    """Every home link of every sector page answers 200; no page lists more than 200 homes,
    and a page that lists none says its homes are not in the pilot yet."""
    listed = 0
    with serve(site, prefix) as url:
        for sector in sector_pages(site):
            html = soup(site, sector)
            links = [a["href"] for a in html.select("main table a")]
            homes = [urljoin(url + sector, link) for link in links]
            assert len(homes) <= 200, (sector, len(homes))
            assert homes or "in the pilot yet" in html.get_text(), sector
            for home in homes:
                assert re.search(r"/homes/[A-Z0-9]+/$", home), home
                assert fetch(home)[0] == 200, (sector, home)
            listed += len(homes)
    return listed


def test_every_home_on_a_sector_page_resolves(subpath_site):
    assert check_sector_pages(subpath_site, SUB_PATH) == len(sample_pilot_refs())


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    """1,300 homes in seven sectors: some sectors need a second page."""
    root = tmp_path_factory.mktemp("big")
    package = root / "datapackages" / "big"
    assert odx("sample", "--homes", 1300, "--seed", 1, "--out", package).code == 0
    copy_templates(root)
    odx_options = {"datapackages": "datapackages", "templates": "templates"}
    config = {"site_name": "Big", "site_url": "https://org.github.io/odx-site/"}
    config["plugins"] = [{"odx": odx_options}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    run = odx("build", "--config", root / "mkdocs.yml", "--out", root / "site")
    assert run.code == 0, run.output
    return root / "site"


def test_big_sectors_are_split_into_pages_of_at_most_200_homes(big_site):
    paged = [s for s in sector_pages(big_site) if "/page-" in s]
    assert paged, "the big sample should have a sector of more than 200 homes"
    homes = [p for p in (big_site / "homes").iterdir() if p.name != "lookup"]
    assert check_sector_pages(big_site, SUB_PATH) == len(homes)


def test_a_paged_sector_page_is_accessible_at_320px(browser, big_site):
    second = next(s for s in sector_pages(big_site) if s.endswith("/page-2/"))
    with serve(big_site, SUB_PATH) as url:
        page = browser.new_page(viewport={"width": 320, "height": 900})
        try:
            assert page.goto(url + second).status == 200
            pager = page.get_by_role("navigation", name="Pages of homes")
            assert pager.get_by_role("link", name="Previous").is_visible()
            assert re.search(r"\(page 2 of \d+\)$", page.locator("h1").inner_text())
            # Ref, what it is and EPC fit a phone: no sideways scrolling to see the EPC.
            homes = page.locator(".table-scroll")
            assert homes.evaluate("e => e.scrollWidth <= e.clientWidth")
            assert axe_violations(page) == []
            assert_fits_320(page)
        finally:
            page.close()


@pytest.fixture(scope="module")
def coarsened_site(tmp_path_factory) -> Path:
    """The domain example built with k=5 and ``coarsen: true``: heating and the EPC are
    generalised or withheld on every home page."""
    import shutil

    from helpers import EXAMPLE, Project

    project = Project(tmp_path_factory.mktemp("coarsened") / "project")
    shutil.copytree(EXAMPLE, project.root / "datapackages" / "example")
    project.write_config(k_anonymity=5, coarsen=True)
    run = project.build()
    assert run.code == 0, run.output
    return project.site


def test_a_coarsened_home_page_says_why_and_stays_accessible(browser, coarsened_site):
    from browser import nu_html_errors

    home = coarsened_site / "homes" / "HBTRQJGF5C" / "index.html"
    dataset = coarsened_site / "datasets" / "example-landlord" / "index.html"
    assert nu_html_errors([home, dataset]) == []
    with serve(coarsened_site) as url:
        page = browser.new_page(viewport={"width": 320, "height": 900})
        try:
            assert page.goto(url + "homes/HBTRQJGF5C/").status == 200
            note = page.locator("p.privacy-note")
            assert "similar homes" in note.inner_text()
            assert axe_violations(page) == [], "at 320px"
            assert_fits_320(page)
            page.set_viewport_size({"width": 1280, "height": 900})
            assert axe_violations(page) == [], "at 1280px"
            note.locator("a").click()
            assert page.url.endswith("datasets/example-landlord/#privacy")
            assert page.locator("#privacy").is_visible()
        finally:
            page.close()


# Every chart text's computed size and box, against the page's body text, its h2 and the chart.
CHART_TEXT = """() => {
  const px = e => parseFloat(getComputedStyle(e).fontSize);
  const h2 = document.createElement('h2');
  document.querySelector('main').appendChild(h2);
  const sizes = {body: px(document.body), h2: px(h2)};
  h2.remove();
  const texts = [];
  for (const svg of document.querySelectorAll('figure.chart > svg')) {
    const chart = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const box = t.getBoundingClientRect();
      texts.push({text: t.textContent, size: px(t), left: box.left - chart.left,
                  right: chart.right - box.right, width: chart.width,
                  figure: svg.parentElement.getBoundingClientRect().width});
    }
  }
  return {sizes, texts};
}"""


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("kind", ["overview", "satisfaction", "sector"])
def test_chart_text_stays_the_size_of_the_page_text_at_every_width(
    browser, base, pages, kind, width
):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(base + pages[kind])
        found = page.evaluate(CHART_TEXT)
        sizes, texts = found["sizes"], found["texts"]
        assert texts, "the page has charts with text"
        for text in texts:
            assert 12 <= text["size"] <= sizes["body"] < sizes["h2"], text
            assert text["left"] >= -1 and text["right"] >= -1, f"runs out of its chart: {text}"
            assert text["width"] == text["figure"], "the chart takes the width it has"
        assert axe_violations(page) == []
    finally:
        page.close()


def test_an_area_page_sums_up_its_homes_before_listing_them(subpath_site, pages):
    html = soup(subpath_site, pages["sector"])
    headings = [h.get_text() for h in html.select("main h2")]
    assert headings == ["This area at a glance", "Homes in this area"]
    summary = html.select_one("main section")
    assert "homes" in summary.p.get_text()
    captions = [c.get_text() for c in summary.select("caption")]
    assert captions[:2] == ["Homes in this area by type", "Homes in this area by EPC band"]
    assert len(summary.select("figure.chart > svg[role=img]")) >= 2
