"""A pilot cohort in a real browser: "go to my home" with a ref outside the pilot says the
home is not in the pilot yet and links to its area, through the lookup index and, without
it, at the home's own address; the pages a pilot adds or changes are accessible at 320 and
1280 px."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import axe_violations, serve
from helpers import csv_rows, odx, pilot_sample

pytestmark = pytest.mark.browser

SUB_PATH = "/odx-site/"


@pytest.fixture(scope="module")
def pilot(tmp_path_factory) -> tuple[Path, list[dict[str, str]]]:
    """The sample with a pilot cohort, built for a sub-path: the site and its homes."""
    root = tmp_path_factory.mktemp("pilot-site")
    config = pilot_sample(root, site_url="https://org.github.io/odx-site/")
    run = odx("build", "--config", config)
    assert run.code == 0, run.output
    return root / "site", csv_rows(root / "datapackages" / "sample-landlord" / "homes.csv")


@pytest.fixture(scope="module")
def base(pilot) -> str:
    with serve(pilot[0], SUB_PATH) as url:
        yield url


def waiting_home(homes: list[dict[str, str]]) -> dict[str, str]:
    return next(h for h in homes if h["new_tenancy"] == "no")


def pilot_home(homes: list[dict[str, str]]) -> dict[str, str]:
    return next(h for h in homes if h["new_tenancy"] == "yes")


def area_path(home: dict[str, str]) -> str:
    code = home["local_authority_code"].lower()
    return f"areas/{code}/{home['postcode_sector'].lower().replace(' ', '-')}/"


def test_go_to_my_home_says_a_home_is_not_in_the_pilot_yet_and_links_its_area(browser, pilot, base):
    from playwright.sync_api import expect

    _, homes = pilot
    home = waiting_home(homes)
    ref = home["home_ref"]
    page = browser.new_page(viewport={"width": 320, "height": 900})
    try:
        page.goto(base + "areas/")
        box = page.get_by_label("Go to my home")
        box.fill(f"{ref[:4]} {ref[4:]}".lower())
        box.press("Enter")
        status = page.get_by_role("status")
        expect(status).to_contain_text(f"Home {ref} is not in the pilot yet")
        assert page.url == base + "areas/"
        assert axe_violations(page) == []
        status.get_by_role("link").click()
        page.wait_for_url(base + area_path(home), timeout=10_000)
        assert home["postcode_sector"] in page.locator("h1").inner_text()

        other = pilot_home(homes)["home_ref"]
        page.goto(base + "areas/")
        page.get_by_label("Go to my home").fill(other)
        page.get_by_label("Go to my home").press("Enter")
        page.wait_for_url(base + f"homes/{other}/", timeout=10_000)
        assert page.locator("h1").inner_text() == f"Home {other}"
    finally:
        page.close()


def test_without_the_lookup_index_the_homes_address_says_the_same(browser, pilot, base):
    """No script, so no lookup index: the address on the landlord's letter still answers."""
    _, homes = pilot
    home = waiting_home(homes)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        response = page.goto(base + f"homes/{home['home_ref']}/")
        assert response.status == 200
        assert page.locator("h1").inner_text() == f"Home {home['home_ref']} is not in the pilot yet"
        page.get_by_role("link", name="See the homes of").click()
        page.wait_for_url(base + area_path(home), timeout=10_000)
    finally:
        context.close()


def pages_a_pilot_changes(homes: list[dict[str, str]], site: Path) -> dict[str, str]:
    waiting = {area_path(h) for h in homes if h["new_tenancy"] == "no"}
    listed = {area_path(h) for h in homes if h["new_tenancy"] == "yes"}
    mixed = sorted(waiting & listed)
    return {
        "home not in the pilot": f"homes/{waiting_home(homes)['home_ref']}/",
        "area with homes of both": mixed[0] if mixed else sorted(listed)[0],
        "area with none in the pilot": sorted(waiting - listed)[0],
        "areas": "areas/",
        "authority": area_path(homes[0]).rsplit("/", 2)[0] + "/",
        "dataset": "datasets/sample-landlord/",
        "how the pilot goes": "datasets/sample-landlord/pilot/",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "home not in the pilot",
        "area with homes of both",
        "area with none in the pilot",
        "areas",
        "authority",
        "dataset",
        "how the pilot goes",
    ],
)
def test_the_pages_a_pilot_changes_are_accessible_at_320_and_1280(browser, pilot, base, kind):
    site, homes = pilot
    url = pages_a_pilot_changes(homes, site)[kind]
    page = browser.new_page(viewport={"width": 320, "height": 900})
    try:
        assert page.goto(base + url).status == 200
        assert axe_violations(page) == [], "at 320px"
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        page.set_viewport_size({"width": 1280, "height": 900})
        assert axe_violations(page) == [], "at 1280px"
    finally:
        page.close()
