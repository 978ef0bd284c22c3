"""Only tables of at most ``rows_json_max_rows`` published rows get their rows as JSON and can
be explored on their page; a larger table's page says it is too large and points to its
download. The explorer reads the published CSV itself when it is small
(``explore_csv_max_bytes``) and plainly readable, else the JSON, and its button says what it
will load."""

from __future__ import annotations

import json

import pytest
from helpers import table

ROWS = "n,word\n" + "".join(f"{n},w{n}\n" for n in range(3))  # 3 rows
MORE = ROWS + "3,w3\n"  # 4 rows


@pytest.fixture
def capped(project):
    """Two tables, one of exactly the cap (3 rows) and one above it, with a site URL; no CSV
    is small enough to be explored from itself."""
    project.settings["site_url"] = "https://example.org/"
    project.write_config(rows_json_max_rows=3, explore_csv_max_bytes=10)
    fields = [("n", "integer"), ("word", "string")]
    project.package(
        "p", {"at.csv": ROWS, "above.csv": MORE}, [table("at", fields), table("above", fields)]
    )
    run = project.build()
    assert run.code == 0, run.output
    return project


def json_distributions(project) -> set[str]:
    catalogue = json.loads((project.site / "catalog.jsonld").read_text(encoding="utf-8"))
    return {
        d["dcat:downloadURL"]["@id"]
        for d in catalogue["dcat:dataset"][0]["dcat:distribution"]
        if "rows/" in d["dcat:downloadURL"]["@id"]
    }


def test_a_table_of_exactly_the_cap_has_json_pages_and_one_above_has_none(capped):
    assert (capped.site / "datasets/p/at/rows/index.json").is_file()
    assert not (capped.site / "datasets/p/above/rows").exists()


def test_the_catalogues_and_the_api_page_list_only_the_json_that_exists(capped):
    assert json_distributions(capped) == {"https://example.org/datasets/p/at/rows/index.json"}
    script = capped.page("datasets/p/").find("script", type="application/ld+json")
    urls = {d["contentUrl"] for d in json.loads(script.string)["distribution"]}
    assert "https://example.org/datasets/p/at/rows/index.json" in urls
    assert not any("/above/rows/" in url for url in urls)
    listed = [a["href"] for a in capped.page("api/").find_all("a", type="application/json")]
    assert any(href.endswith("datasets/p/at/rows/index.json") for href in listed)
    assert not any("/above/" in href for href in listed)
    assert "Every table of up to 3 rows" in capped.page("api/").get_text()


def test_the_page_of_a_larger_table_says_it_is_too_large_and_links_its_download(capped):
    page = capped.page("datasets/p/above/")
    sentence = page.find("p", class_="explore-too-large")
    assert " ".join(sentence.get_text().split()) == (
        "This table is too large to explore on this site (4 rows). Download it to open it "
        f"in a spreadsheet or other program: above.csv ({len(MORE)} bytes)."
    )
    assert sentence.find("a")["href"] == "../../../downloads/p/above.csv"
    assert page.find(attrs={"data-explore": True}) is None
    assert page.find("a", type="application/json") is None  # no "Rows as JSON" link
    assert not any("explore.js" in s.get("src", "") for s in page.find_all("script"))


def test_the_page_of_a_table_within_the_cap_offers_to_explore_it(capped):
    page = capped.page("datasets/p/at/")
    box = page.find(attrs={"data-explore": True})
    assert box["data-explore"] == "rows/index.json"
    assert page.find("p", class_="explore-too-large") is None
    assert any("explore.js" in s.get("src", "") for s in page.find_all("script"))


def test_zero_publishes_no_rows_as_json(project):
    project.write_config(rows_json_max_rows=0)
    project.package("p", {"t.csv": ROWS}, [table("t", [("n", "integer"), ("word", "string")])])
    assert project.build().code == 0
    assert not list(project.site.glob("datasets/**/rows"))
    assert "publishes no table's rows as JSON" in project.page("api/").get_text()
    box = project.page("datasets/p/t/").find(attrs={"data-explore": True})
    assert box["data-explore"] == ""  # a small CSV is still explored, from itself alone
    assert box["data-explore-csv"] == "../../../downloads/p/t.csv"
    assert project.page("datasets/p/t/").find("p", class_="explore-too-large") is None


def test_zero_and_a_csv_the_browser_could_misread_offer_nothing_to_explore(project):
    project.write_config(rows_json_max_rows=0)
    resource = {**table("t", [("n", "integer")]), "dialect": {"delimiter": ";"}}
    project.package("p", {"t.csv": "n\n1\n"}, [resource])
    assert project.build().code == 0
    page = project.page("datasets/p/t/")
    assert page.find(attrs={"data-explore": True}) is None
    assert page.find("p", class_="explore-too-large") is None  # not too large: turned off
    assert not any("explore.js" in s.get("src", "") for s in page.find_all("script"))


def test_a_table_above_the_cap_whose_csv_is_small_is_explored_from_its_csv(capped):
    capped.write_config(rows_json_max_rows=3, explore_csv_max_bytes=1_000)
    assert capped.build().code == 0
    page = capped.page("datasets/p/above/")
    box = page.find(attrs={"data-explore": True})
    assert (box["data-explore"], box["data-explore-csv"]) == ("", "../../../downloads/p/above.csv")
    assert not (capped.site / "datasets/p/above/rows").exists()
    assert page.find("p", class_="explore-too-large") is None


def explore_box(project, resources, files, **options):
    project.write_config(**options)
    project.package("p", files, resources)
    run = project.build()
    assert run.code == 0, run.output
    return project.page(f"datasets/p/{resources[0]['name']}/").find(attrs={"data-explore": True})


PLAIN = [("n", "integer"), ("x", "number"), ("y", "year"), ("day", "date"), ("word", "string")]
PLAIN_CSV = 'n,x,y,day,word\n1,2.5,1990,2024-01-02,"a, ""b""\nc"\n2,,,,\n'


def test_a_small_plain_csv_is_read_directly_and_typed_by_the_published_schema(project):
    box = explore_box(project, [table("t", PLAIN)], {"t.csv": PLAIN_CSV})
    assert box["data-explore-csv"] == "../../../downloads/p/t.csv"
    assert box["data-explore-rows"] == "2"
    assert json.loads(box["data-explore-fields"]) == [
        {"name": name, "type": kind} for name, kind in PLAIN
    ]
    size = len(PLAIN_CSV.encode("utf-8"))
    assert box.find("button").get_text() == f"Explore all 2 rows ({size} bytes)"


def test_a_csv_above_the_size_option_is_explored_from_the_json(project):
    box = explore_box(project, [table("t", PLAIN)], {"t.csv": PLAIN_CSV}, explore_csv_max_bytes=10)
    assert not box.has_attr("data-explore-csv")
    estimate = round(len(PLAIN_CSV.encode("utf-8")) * 1.3)
    assert box.find("button").get_text() == f"Explore all 2 rows (about {estimate} bytes)"


@pytest.mark.parametrize(
    ("resource", "content"),
    [
        ({**table("t", [("n", "integer")]), "dialect": {"delimiter": ";"}}, "n\n1\n"),
        ({**table("t", [("n", "integer")]), "encoding": "latin-1"}, "n\n1\n".encode("latin-1")),
        (table("t", [("n", "integer")], missingValues=["", "NA"]), "n\nNA\n"),
        (
            {
                "name": "t",
                "path": "t.csv",
                "schema": {"fields": [{"name": "day", "type": "date", "format": "%d/%m/%Y"}]},
            },
            "day\n02/01/2024\n",
        ),
        (table("t", [("ok", "boolean")]), "ok\ntrue\n"),
    ],
    ids=["another delimiter", "not UTF-8", "another missing value", "a date format", "boolean"],
)
def test_a_csv_the_browser_could_misread_is_explored_from_the_json(project, resource, content):
    box = explore_box(project, [resource], {"t.csv": content})
    assert box["data-explore"] == "rows/index.json"
    assert not box.has_attr("data-explore-csv")
