"""Every published table is also published as JSON: pages of a fixed number of rows, each
with the schema as published, its rows typed as the schema says, the total and the link to
the next page; the rows are the privacy gate's published view, the same as the downloads."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from helpers import REPO, odx, pilot_sample, table

from generator.catalogue.rows import PAGE_SIZE, json_value

PAGE_SCHEMA = json.loads((REPO / "docs" / "rows-page.schema.json").read_text(encoding="utf-8"))


def read_pages(folder: Path) -> list[dict]:
    """Every page of a table's rows, following ``next`` from ``index.json``."""
    pages, name = [], "index.json"
    while name:
        page = json.loads((folder / name).read_text(encoding="utf-8"))
        jsonschema.validate(page, PAGE_SCHEMA)
        pages.append(page)
        name = page["next"]
    return pages


def test_a_table_is_published_in_pages_that_follow_one_another(project):
    count = 2 * PAGE_SIZE + 345
    lines = "".join(
        f"{n},{n / 4},2024-01-{n % 28 + 1:02d},{'yes' if n % 2 else ''}\n" for n in range(count)
    )
    project.package(
        "p",
        {"t.csv": "n,x,day,note\n" + lines},
        [table("t", [("n", "integer"), ("x", "number"), ("day", "date"), ("note", "string")])],
    )
    run = project.build()
    assert run.code == 0, run.output
    pages = read_pages(project.site / "datasets/p/t/rows")
    assert [page["page"] for page in pages] == [1, 2, 3]
    assert [len(page["rows"]) for page in pages] == [PAGE_SIZE, PAGE_SIZE, 345]
    assert {page["total"] for page in pages} == {count}
    assert [page["next"] for page in pages] == ["2.json", "3.json", None]
    assert pages[0]["schema"]["fields"] == [
        {"name": "n", "type": "integer"},
        {"name": "x", "type": "number"},
        {"name": "day", "type": "date"},
        {"name": "note", "type": "string"},
    ]
    rows = [row for page in pages for row in page["rows"]]
    assert rows[0] == [0, 0, "2024-01-01", None]
    assert rows[5] == [5, 1.25, "2024-01-06", "yes"]
    source = list(csv.reader(io.StringIO(lines)))
    assert [[str(row[0]), row[2], row[3] or ""] for row in rows] == [
        [cells[0], cells[2], cells[3]] for cells in source
    ]


def test_an_empty_table_has_one_page_with_no_rows(project):
    project.package("p", {"t.csv": "n\n"}, [table("t", [("n", "integer")])])
    assert project.build().code == 0
    (page,) = read_pages(project.site / "datasets/p/t/rows")
    assert (page["total"], page["rows"], page["next"]) == (0, [], None)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(float("nan"), None), (float("inf"), None), (2.5, 2.5), (7, 7), (True, True)],
)
def test_cells_are_json_as_the_schema_types_them_never_nan(value, shown):
    assert json_value(value) == shown


def test_decimals_dates_and_times_are_numbers_and_iso_text():
    import datetime as dt
    from decimal import Decimal

    assert json_value(Decimal("3")) == 3
    assert json_value(Decimal("0.25")) == 0.25
    assert json_value(Decimal("NaN")) is None
    assert json_value(dt.date(2024, 3, 31)) == "2024-03-31"
    assert json_value(dt.datetime(2024, 3, 31, 9, 30)) == "2024-03-31T09:30:00"


def test_the_rows_page_and_the_catalogues_list_the_json(project):
    project.settings["site_url"] = "https://example.org/"
    project.write_config()
    project.package("p", {"t.csv": "n\n1\n"}, [table("t", [("n", "integer")])])
    assert project.build().code == 0
    link = project.page("datasets/p/t/").find("a", type="application/json")
    assert link["href"] == "rows/index.json"
    catalogue = json.loads((project.site / "catalog.jsonld").read_text(encoding="utf-8"))
    distributions = catalogue["dcat:dataset"][0]["dcat:distribution"]
    json_ones = [d for d in distributions if d["dcat:mediaType"]["@id"].endswith("/json")]
    assert {d["dcat:downloadURL"]["@id"] for d in json_ones} == {
        "https://example.org/downloads/p/datapackage.json",
        "https://example.org/datasets/p/t/rows/index.json",
    }
    script = project.page("datasets/p/").find("script", type="application/ld+json")
    dataset = json.loads(script.string)
    assert {
        d["contentUrl"]
        for d in dataset["distribution"]
        if d["encodingFormat"] == "application/json"
    } == {
        "https://example.org/downloads/p/datapackage.json",
        "https://example.org/datasets/p/t/rows/index.json",
    }


def test_the_api_page_documents_the_scheme_with_this_sites_addresses(project):
    project.settings["site_url"] = "https://example.org/"
    project.write_config()
    project.package("p", {"t.csv": "n\n1\n"}, [table("t", [("n", "integer")])])
    assert project.build().code == 0
    page = project.page("api/")
    code = " ".join(block.get_text() for block in page.find_all("pre"))
    assert "curl -s https://example.org/datasets/p/t/rows/index.json" in code
    assert "urljoin" in code and "fetch(url)" in code
    assert (project.site / "datasets/p/t/rows/index.json").is_file()


@pytest.fixture(scope="module")
def pilot_site(tmp_path_factory) -> Path:
    """The repository's sample with its pilot cohort, built with every home's JSON."""
    import yaml

    root = tmp_path_factory.mktemp("pilot")
    config = pilot_sample(root)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["plugins"][0]["odx"]["home_json"] = True
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    run = odx("build", "--config", config)
    assert run.code == 0, run.output
    return root / "site"


@pytest.mark.parametrize("name", ["homes", "components", "investment_plan", "satisfaction"])
def test_odx_rows_are_the_published_download_row_for_row(pilot_site, name):
    pages = read_pages(pilot_site / f"datasets/sample-landlord/{name}/rows")
    download = (pilot_site / f"downloads/sample-landlord/{name}.csv").read_text(encoding="utf-8")
    header, *records = list(csv.reader(io.StringIO(download)))
    assert [field["name"] for field in pages[0]["schema"]["fields"]] == header
    rows = [row for page in pages for row in page["rows"]]
    assert len(rows) == len(records) == pages[0]["total"]
    for row, record in zip(rows, records, strict=True):
        assert ["" if cell is None else str(cell).lower() for cell in row] == [
            cell.lower() for cell in record
        ]


def test_the_pilot_cohort_column_is_not_in_the_json(pilot_site):
    text = (pilot_site / "datasets/sample-landlord/homes/rows/index.json").read_text("utf-8")
    assert "new_tenancy" not in text


def test_each_home_published_home_by_home_has_its_json_and_no_other_home_has(pilot_site):
    pages = read_pages(pilot_site / "datasets/sample-landlord/homes/rows")
    published = {row[0] for page in pages for row in page["rows"]}
    jsons = {p.stem for p in (pilot_site / "homes").glob("*.json")}
    assert jsons == published
    waiting = {p.parent.name for p in (pilot_site / "homes").glob("*/index.html")} - published
    assert waiting - {"lookup"}, "the sample's pilot leaves homes waiting"
    ref = sorted(jsons)[0]
    home = json.loads((pilot_site / f"homes/{ref}.json").read_text(encoding="utf-8"))
    html = (pilot_site / f"homes/{ref}/index.html").read_text(encoding="utf-8")
    assert home["ref"] == ref
    assert all(fact["label"] in html for fact in home["facts"])


def test_homes_have_no_json_unless_the_option_asks(landlord):
    assert landlord.project.build().code == 0
    assert not list((landlord.project.site / "homes").glob("*.json"))
    assert list((landlord.project.site / "datasets").glob("*/homes/rows/index.json"))
