"""Posts cite the data: odx-table and odx-chart blocks, built from what the site publishes."""

from __future__ import annotations

import pytest
from helpers import Project, copy_example


@pytest.fixture
def site(project: Project) -> Project:
    copy_example(project.root / "datapackages" / "example")
    (project.root / "datapackages" / "prices").mkdir()
    (project.root / "datapackages" / "prices" / "prices.csv").write_text(
        "region,year,price\nNorth,2024,100\nNorth,2025,120\nSouth,2024,200\n"
    )
    (project.root / "datapackages" / "prices" / "datapackage.json").write_text(
        '{"name": "prices", "resources": [{"name": "prices", "path": "prices.csv"}]}'
    )
    insights = project.root / "insights"
    insights.mkdir()
    (insights / "authors.yml").write_text("a:\n  name: A\n")
    project.settings["site_url"] = "https://example.org/"
    project.write_config(k_anonymity=5, insights=str(insights))
    return project


def post(site: Project, body: str) -> None:
    (site.root / "insights" / "2026-10-01-data.md").write_text(
        f"---\ntitle: Data\ndate: 2026-10-01\n---\nIntro.\n\n{body}\n"
    )


def test_a_table_block_shows_the_first_rows_of_chosen_columns(site):
    post(site, "```odx-table package=prices resource=prices columns=region,price limit=2\n```")
    assert site.build().code == 0, site.build().output
    page = site.page("insights/data/")
    table = page.select_one(".prose table")
    assert [th.get_text() for th in table.select("thead th")] == ["region", "price"]
    assert [[td.get_text() for td in tr("td")] for tr in table.select("tbody tr")] == [
        ["North", "100"],
        ["North", "120"],
    ]
    assert page.select_one(".prose p.source a")["href"] == "../../datasets/prices/prices/"


def test_a_chart_block_sums_a_measure_by_a_dimension_with_a_table_alternative(site):
    post(
        site, '```odx-chart package=prices resource=prices x=region y=price title="By region"\n```'
    )
    assert site.build().code == 0
    page = site.page("insights/data/")
    assert page.select_one(".prose figure.chart svg")["role"] == "img"
    rows = [[td.get_text() for td in tr("td")] for tr in page.select(".prose table tbody tr")]
    assert rows == [["North", "220"], ["South", "200"]]


def test_figures_never_include_rows_the_privacy_gate_withheld(site):
    post(
        site,
        "```odx-table package=example-landlord resource=satisfaction "
        "columns=area,respondents limit=200\n```",
    )
    assert site.build().code == 0
    cells = [td.get_text() for td in site.page("insights/data/").select(".prose td")]
    assert "7" not in cells  # the area result from 7 respondents is withheld
    assert "143" in cells


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "package=nope resource=x",
            "odx-table: unknown package 'nope'; packages: example-landlord, prices",
        ),
        ("package=prices resource=nope", "odx-table: unknown resource 'nope' in prices"),
        ("package=prices resource=prices columns=colour", "odx-table: unknown column 'colour'"),
        ("package=prices resource=prices limit=9999", "odx-table: limit='9999'"),
        ("package=prices resource=prices colour=red", "odx-table: unknown setting 'colour'"),
    ],
)
def test_block_mistakes_are_located_in_the_post(site, block, expected):
    post(site, f"```odx-table {block}\n```")
    run = site.validate()
    assert run.code == 1
    assert f"insights/2026-10-01-data.md:7: -: {expected}" in run.err


def test_a_block_shown_as_an_example_inside_another_fence_stays_an_example(site):
    post(site, "````\n```odx-table package=nope resource=x\n```\n````")
    assert site.build().code == 0
    code = site.page("insights/data/").select_one(".prose pre code").get_text()
    assert "```odx-table package=nope resource=x" in code


def test_a_line_chart_of_a_measure_over_years(site):
    post(site, "```odx-chart package=prices resource=prices x=year y=price type=line\n```")
    assert site.build().code == 0
    svg = site.page("insights/data/").select_one(".prose figure.chart svg")
    assert svg.find("line") is not None
    rows = [
        [td.get_text() for td in tr("td")]
        for tr in site.page("insights/data/").select(".prose tbody tr")
    ]
    assert rows == [["2024", "300"], ["2025", "120"]]


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("```odx-table package=prices resource=prices\n## Heading", "has no closing ``` line"),
        ("```odx-table package=prices resource=prices limit=²\n```", "limit='²'"),
        ("```odx-table package=prices resource=prices columns=,,\n```", "no column named"),
        ("```odx-chart package=prices resource=prices x=year y=region\n```", "not a number"),
    ],
)
def test_more_block_mistakes_are_located(site, block, expected):
    post(site, block)
    run = site.validate()
    assert run.code == 1 and expected in run.err and "Traceback" not in run.err
