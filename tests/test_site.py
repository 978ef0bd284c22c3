"""End to end: build the repository's own sample site and read the HTML back."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import REPO, sample_pilot_refs, sample_published_bytes


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The repository's sample project, copied (the build writes only inside its project)."""
    from browser import build_sample

    site_url = yaml.safe_load((REPO / "mkdocs.yml").read_text())["site_url"]
    return build_sample(tmp_path_factory.mktemp("sample"), site_url)


def page(site: Path, url: str) -> BeautifulSoup:
    path = site / (url + "index.html" if url == "" or url.endswith("/") else url)
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def sample_packages() -> list[dict]:
    return [
        json.loads(p.read_text())
        for p in sorted((REPO / "datapackages").glob("*/datapackage.json"))
    ]


@pytest.mark.parametrize(
    "url",
    ["", "datasets/", "datasets/sample-landlord/", "datasets/sample-landlord/homes/", "404.html"],
)
def test_every_page_has_one_h1_a_skip_link_landmarks_and_a_language(site, url):
    html = page(site, url)
    assert html.html["lang"] == "en-GB"
    assert len(html.find_all("h1")) == 1
    skip = html.find("a", class_="skip-link")
    assert skip["href"] == "#main" and html.find(id="main").name == "main"
    assert html.find("header") and html.find("footer") and html.find("nav")
    assert html.find("meta", attrs={"name": "viewport"})
    stylesheets = html.find_all("link", rel="stylesheet")
    assert len(stylesheets) == 1


def test_the_home_page_lists_every_dataset(site):
    text = page(site, "").get_text()
    for descriptor in sample_packages():
        assert descriptor["title"] in text


def test_the_catalogue_shows_title_licence_rows_and_keywords(site):
    catalogue = page(site, "datasets/")
    cards = catalogue.select("[data-filter-text]")
    assert len(cards) == len(sample_packages())
    landlord = next(c for c in cards if "sample-landlord" in c["data-filter-text"])
    text = landlord.get_text(" ")
    assert "Open Government Licence v3.0" in text
    assert "7 resources" in text
    assert "social housing" in text
    assert "31 October 2026" in text  # last updated, from the descriptor's created date


def test_the_catalogue_filter_works_without_javascript(site):
    catalogue = page(site, "datasets/")
    assert catalogue.find(attrs={"data-filter-box": True}).has_attr("hidden")
    assert catalogue.find("script", src=True)["defer"] is not None


def test_the_dataset_page_documents_metadata_resources_and_downloads(site):
    html = page(site, "datasets/sample-landlord/")
    text = html.get_text(" ")
    assert "Open Government Licence v3.0" in text and "0.1.0" in text
    rows = html.select("#resources-caption ~ tbody tr")
    names = [row.find("th").get_text(" ", strip=True) for row in rows]
    assert [n.split(" ")[0] for n in names] == [
        "Homes",
        "Components",
        "Investment",
        "Tenant",
        "Corrections",
        "What",
        "Corrections",
    ]
    homes_rows = len(sample_pilot_refs())  # the pilot's homes are published home by home
    assert 0 < homes_rows < 300
    assert f"{homes_rows:,} rows" in rows[0].get_text()
    assert "Valid:" in text
    links = {a["href"] for a in html.select("ul.downloads a")}
    assert "../../downloads/sample-landlord/datapackage.json" in links
    assert "../../downloads/sample-landlord/homes.csv" in links


def test_downloads_are_the_files_as_published_and_the_zip_holds_the_package(site):
    """Tables keyed by home hold the pilot's homes, byte for byte as in the package; what
    tenants say is the package's own file."""
    folder = REPO / "datapackages/sample-landlord"
    downloads = site / "downloads/sample-landlord"
    for name in ("homes.csv", "components.csv"):
        assert (downloads / name).read_bytes() == sample_published_bytes(name), name
    assert (downloads / "feedback.csv").read_bytes() == (folder / "feedback.csv").read_bytes()
    with zipfile.ZipFile(site / "downloads/sample-landlord.zip") as bundle:
        assert bundle.read("sample-landlord/homes.csv") == sample_published_bytes("homes.csv")
        assert "sample-landlord/datapackage.json" in bundle.namelist()


def test_the_resource_page_documents_fields_stats_and_preview(site):
    html = page(site, "datasets/sample-landlord/homes/")
    fields = [
        row.find("th").get_text(strip=True) for row in html.select("#fields-caption ~ tbody tr")
    ]
    schema = json.loads((REPO / "generator/housing/data/odx/schemas/homes.schema.json").read_text())
    assert fields == [f["name"] for f in schema["fields"]]
    bedrooms = next(
        r for r in html.select("#stats-caption ~ tbody tr") if "bedrooms" in r.th.get_text()
    )
    cells = [td.get_text(strip=True) for td in bedrooms.find_all("td")]
    with open(REPO / "datapackages/sample-landlord/homes.csv") as handle:
        pilot = sample_pilot_refs()
        values = [int(r["bedrooms"]) for r in csv.DictReader(handle) if r["home_ref"] in pilot]
    assert cells[:3] == [f"{len(values):,}", str(min(values)), str(max(values))]


def test_the_preview_is_an_accessible_table_of_the_first_rows(site):
    html = page(site, "datasets/sample-landlord/homes/")
    preview = html.find("table", class_="preview")
    assert "First 100 rows" in preview.caption.get_text()
    assert all(th["scope"] == "col" for th in preview.thead.find_all("th"))
    assert len(preview.tbody.find_all("tr")) == 100
    bedrooms_index = [th.get_text() for th in preview.thead.find_all("th")].index("bedrooms")
    first = preview.tbody.tr.find_all("td")
    assert "num" in first[bedrooms_index]["class"]
    with open(REPO / "datapackages/sample-landlord/homes.csv") as handle:
        reader = csv.reader(handle)
        next(reader)  # header
        expected = next(reader)
    shown = [td.get_text(strip=True) for td in first]
    assert [s for s, e in zip(shown, expected, strict=True) if e] == [e for e in expected if e]
    assert all(shown[i] == "empty" for i, e in enumerate(expected) if not e)


def test_scrollable_tables_can_be_reached_by_keyboard(site):
    html = page(site, "datasets/sample-landlord/components/")
    for region in html.select(".table-scroll"):
        assert region["tabindex"] == "0" and region["role"] == "region"
        assert html.find(id=region["aria-labelledby"]) is not None


def test_the_404_page_links_from_the_site_root(site):
    html = page(site, "404.html")
    hrefs = [a["href"] for a in html.find_all("a", href=True) if not a["href"].startswith("http")]
    assert hrefs and all(h.startswith("/odx-site/") or h == "#main" for h in hrefs)


def test_nothing_is_loaded_from_another_host(site):
    for path in site.rglob("*.html"):
        html = BeautifulSoup(path.read_text(), "html.parser")
        for tag in html.find_all(["link", "script", "img", "iframe"]):
            if tag.name == "link" and tag.get("rel") == ["canonical"]:
                continue  # names the page's own address; nothing is fetched
            source = tag.get("href") or tag.get("src") or ""
            assert not source.startswith(("http:", "https:", "//")), (path, source)
