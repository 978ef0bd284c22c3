"""Exploring every row of a table in a real browser: the resource page reads the table's
rows from the same site (the sample's small CSV downloads themselves), sorts by any column
(aria-sort says how), filters by a column's value and by free text, pages through every
row, and says the counts in a live region; without JavaScript the server-rendered preview
stays."""

from __future__ import annotations

import json
import re

import pytest
from browser import axe_violations, serve, turn_away_other_hosts

pytestmark = pytest.mark.browser

SUB_PATH = "/odx-site/"
COMPONENTS = "datasets/sample-landlord/components/"
DASH = "\u2013"  # between the first and last row shown


@pytest.fixture(scope="module")
def base(subpath_site):
    with serve(subpath_site, SUB_PATH) as url:
        yield url


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def published_rows(site, resource: str) -> list[list]:
    rows, name = [], "index.json"
    while name:
        data = json.loads((site / resource / "rows" / name).read_text(encoding="utf-8"))
        rows.extend(data["rows"])
        name = data["next"]
    return rows


def explore(page, base: str) -> None:
    """Explore the components (read from the published CSV, after the privacy gate)."""
    elsewhere = turn_away_other_hosts(page, base)
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(base + COMPONENTS)
    page.get_by_role("button", name=re.compile(r"^Explore all [\d,]+ rows \(")).click()
    page.wait_for_selector("[data-explore-controls]:not([hidden])")
    assert elsewhere == []
    rows = [url for url in loaded if url.endswith((".csv", ".json"))]
    assert rows == [base + "downloads/sample-landlord/components.csv"]


def test_the_button_says_how_many_rows_and_bytes_it_will_load(page, base, subpath_site):
    total = len(published_rows(subpath_site, COMPONENTS))
    page.goto(base + COMPONENTS)
    label = page.locator("[data-explore-start]").inner_text()
    assert re.fullmatch(rf"Explore all {total:,} rows \([\d.]+ KB\)", label), label


def test_every_row_can_be_paged_through_with_counts_in_a_live_region(page, base, subpath_site):
    total = len(published_rows(subpath_site, COMPONENTS))
    explore(page, base)
    status = page.locator("[data-explore-status]")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == f"Rows 1{DASH}50 of {total:,}"
    assert page.locator("table.preview tbody tr").count() == 50
    page.get_by_role("button", name="Next rows").click()
    assert status.inner_text() == f"Rows 51{DASH}100 of {total:,}"
    page.get_by_role("button", name="Previous rows").click()
    assert page.get_by_role("button", name="Previous rows").is_disabled()


def test_a_column_sorts_both_ways_and_says_so(page, base, subpath_site):
    rows = published_rows(subpath_site, COMPONENTS)
    explore(page, base)
    heading = page.locator("table.preview th").first
    heading.get_by_role("button").click()
    assert heading.get_attribute("aria-sort") == "ascending"
    first = page.locator("table.preview tbody tr").first.locator("td").first.inner_text()
    assert first == sorted(str(row[0]) for row in rows)[0]
    heading.get_by_role("button").press("Enter")  # by keyboard too
    assert heading.get_attribute("aria-sort") == "descending"
    first = page.locator("table.preview tbody tr").first.locator("td").first.inner_text()
    assert first == sorted((str(row[0]) for row in rows), reverse=True)[0]


def test_filters_by_a_columns_value_and_by_free_text(page, base, subpath_site):
    rows = published_rows(subpath_site, COMPONENTS)
    ref = rows[0][0]
    explore(page, base)
    page.get_by_label("Column").select_option(label="home_ref")
    page.get_by_label("equals").fill(ref)
    matching = sum(1 for row in rows if row[0] == ref)
    status = page.locator("[data-explore-status]")
    assert (
        status.inner_text()
        == f"Rows 1{DASH}{matching} of {matching} matching, of {len(rows):,} in all"
    )
    page.get_by_label("equals").fill("")
    page.get_by_label("Rows containing").fill("no such words here")
    assert status.inner_text() == f"Rows 0 of 0 matching, of {len(rows):,} in all"


@pytest.mark.parametrize("width", [320, 1280])
def test_the_explorer_has_no_axe_violations(page, base, width):
    page.set_viewport_size({"width": width, "height": 900})
    explore(page, base)
    page.locator("table.preview th").first.get_by_role("button").click()
    assert axe_violations(page) == []


def test_without_javascript_the_preview_stays(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + COMPONENTS)
    assert page.locator("table.preview tbody tr").count() > 0
    assert not page.locator("[data-explore]").is_visible()
    context.close()
