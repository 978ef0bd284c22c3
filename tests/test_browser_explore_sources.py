"""The explorer behaves the same whichever file it reads: a table whose small published CSV
it parses in the browser (quoted commas, doubled quotes and line breaks inside quotes
included) and the same table read from its rows as JSON sort and filter alike, numbers as
numbers and empty cells last. A table above the rows cap is not explorable; its page says so
and passes axe at phone and desktop widths."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from browser import axe_violations, serve, turn_away_other_hosts
from helpers import Project, table

pytestmark = pytest.mark.browser

TRICKY = 'Roof, "flat" type\nsecond line'
FIELDS = [("code", "string"), ("amount", "integer"), ("share", "number"), ("note", "string")]


def records() -> list[list[str]]:
    """40 rows: amounts that sort differently as text (9 < 10 < 100), an empty share and
    a note with a comma, quotes and a line break."""
    rows = [[f"C{n:02d}", str((n * 37) % 101), f"{n / 8}", f"note {n % 3}"] for n in range(40)]
    rows[3][3] = TRICKY
    rows[5][2] = ""
    rows[6][1], rows[7][1], rows[8][1] = "9", "10", "100"
    return rows


def written(delimiter: str, rows: list[list[str]], header: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One table read from its CSV (``plain``), the same rows where a declared dialect sends
    the explorer to the JSON (``semi``), and two tables above the cap of 50 rows: one whose
    CSV the browser cannot read (``big``), one whose CSV it can (``wide``: no JSON)."""
    project = Project(tmp_path_factory.mktemp("explore") / "project")
    project.write_config(rows_json_max_rows=50)
    header = [name for name, _ in FIELDS]
    rows = records()
    project.package(
        "p",
        {
            "plain.csv": written(",", rows, header),
            "semi.csv": written(";", rows, header),
            "big.csv": written(";", rows + rows[:20], header),
            "wide.csv": written(",", rows + rows[:20], header),
        },
        [
            table("plain", FIELDS),
            {**table("semi", FIELDS), "dialect": {"delimiter": ";"}},
            {**table("big", FIELDS), "dialect": {"delimiter": ";"}},
            table("wide", FIELDS),
        ],
    )
    run = project.build()
    assert run.code == 0, run.output
    return project.site


@pytest.fixture(scope="module")
def base(site):
    with serve(site) as url:
        yield url


@pytest.fixture
def page(browser):
    page = browser.new_page()
    yield page
    page.close()


def explore(page, base: str, name: str, rows: int = 40) -> list[str]:
    """Open the resource page, explore it; return the addresses it loaded the rows from."""
    refused = turn_away_other_hosts(page, base)
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(f"{base}datasets/p/{name}/")
    page.get_by_role("button", name=re.compile(rf"^Explore all {rows} rows")).click()
    page.wait_for_selector("[data-explore-controls]:not([hidden])")
    assert refused == []
    return [url for url in loaded if url.endswith((".csv", ".json"))]


def shown(page) -> list[list[str]]:
    rows = page.locator("table.preview tbody tr")
    return [rows.nth(i).locator("td").all_text_contents() for i in range(rows.count())]


def sort_by(page, column: str) -> None:
    page.locator("table.preview thead th", has_text=column).get_by_role("button").click()


def test_the_small_csv_is_read_itself_and_the_other_from_its_json(page, base):
    assert explore(page, base, "plain") == [f"{base}downloads/p/plain.csv"]
    assert explore(page, base, "semi") == [f"{base}datasets/p/semi/rows/index.json"]


def test_a_table_above_the_cap_is_explored_from_its_small_csv_alone(page, base):
    assert explore(page, base, "wide", rows=60) == [f"{base}downloads/p/wide.csv"]
    assert page.locator("[data-explore-status]").inner_text() == "Rows 1\u201350 of 60"


def test_a_quoted_comma_quote_and_line_break_arrive_as_one_cell(page, base):
    explore(page, base, "plain")
    page.get_by_label("Rows containing").fill('"flat"')
    assert shown(page) == [["C03", str(3 * 37 % 101), str(3 / 8), TRICKY]]


@pytest.mark.parametrize(
    ("steps", "first"),
    [
        ([("sort", "amount")], "0"),
        ([("sort", "amount"), ("sort", "amount")], "100"),
        ([("sort", "share")], "0"),
        ([("sort", "share"), ("sort", "share")], "4.875"),
        ([("text", "note 1"), ("sort", "code")], "C01"),
        ([("equals", "note 2"), ("sort", "amount")], None),
    ],
)
def test_both_sources_sort_and_filter_alike(browser, base, steps, first):
    views = []
    for name in ("plain", "semi"):
        page = browser.new_page()
        explore(page, base, name)
        for kind, value in steps:
            if kind == "sort":
                sort_by(page, value)
            elif kind == "text":
                page.get_by_label("Rows containing").fill(value)
            else:
                page.get_by_label("Column").select_option(label="note")
                page.get_by_label("equals").fill(value)
        views.append((shown(page), page.locator("[data-explore-status]").inner_text()))
        page.close()
    assert views[0] == views[1]
    cells = views[0][0]
    column = {"amount": 1, "share": 2}.get(steps[-1][1], 0)
    if first is not None:
        assert cells[0][column] == first
    values = [row[column] for row in cells]
    if column == 1 and len(steps) == 1:  # numbers, not text: 9 before 10 before 100
        assert values.index("9") < values.index("10") < values.index("100")
    if column == 2:  # the empty share is last whichever way
        assert values[-1] == "empty"


def test_a_table_above_the_cap_says_it_is_too_large_and_offers_its_download(page, base):
    page.goto(f"{base}datasets/p/big/")
    sentence = page.locator("p.explore-too-large")
    assert "too large to explore on this site (60 rows)" in sentence.inner_text()
    link = sentence.get_by_role("link", name="big.csv")
    assert link.get_attribute("href") == "../../../downloads/p/big.csv"
    assert page.locator("[data-explore]").count() == 0


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("name", ["plain", "big"])
def test_resource_pages_have_no_axe_violations(page, base, width, name):
    page.set_viewport_size({"width": width, "height": 900})
    if name == "big":
        page.goto(f"{base}datasets/p/big/")
    else:
        explore(page, base, name)
        sort_by(page, "amount")
    assert axe_violations(page) == []
