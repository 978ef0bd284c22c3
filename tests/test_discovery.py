"""Search engines, link previews and data portals understand the site.

Each page describes itself (description, canonical link, Open Graph card); home and area
pages are kept out of search engines unless the landlord opts in; the sitemap lists every
page that may be indexed; datasets carry schema.org JSON-LD, and the DCAT catalogue and the
datasets index list them with the same facts the pages show.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from generator.structure import discovery
from generator.structure.discovery import SitemapEntry, describe, robots_txt, sitemap_files

pytestmark = pytest.mark.full

SITE_URL = "https://org.github.io/odx-site/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from browser import build_sample

    return build_sample(tmp_path_factory.mktemp("discovery"), SITE_URL)


def read(site: Path, url: str) -> BeautifulSoup:
    path = site / (url + "index.html" if url == "" or url.endswith("/") else url)
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def site_path(url: str) -> str:
    """``https://org.github.io/odx-site/a/b/`` → ``a/b/``."""
    assert url.startswith(SITE_URL), url
    return url[len(SITE_URL) :]


def exists(site: Path, url: str) -> bool:
    path = site_path(url)
    return (site / (path + "index.html" if path == "" or path.endswith("/") else path)).is_file()


def meta(html: BeautifulSoup, **attrs: str) -> str | None:
    tag = html.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def every_page(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html")
    )


def config_line(config: Path, setting: str) -> int:
    """The line of ``mkdocs.yml`` that sets ``setting``."""
    lines = config.read_text().splitlines()
    return next(n for n, text in enumerate(lines, start=1) if text.strip().startswith(setting))


def structured_data(html: BeautifulSoup) -> dict:
    [script] = html.find_all("script", type="application/ld+json")
    return json.loads(script.string)


# -- each page's head -------------------------------------------------------------------


def test_every_indexable_page_has_a_description_title_card_and_canonical_link(site):
    for url in every_page(site):
        html = read(site, url)
        assert meta(html, name="description"), url
        if meta(html, name="robots") == "noindex":
            continue
        title = html.title.string.split(" · ")[0]
        assert meta(html, property="og:title") == (title if url else "Open Data Exchange"), url
        assert meta(html, property="og:description") == meta(html, name="description"), url
        image = meta(html, property="og:image")
        assert image and exists(site, image), (url, image)
        assert meta(html, property="og:image:alt"), url
        assert meta(html, name="twitter:card") == "summary_large_image", url
        canonical = html.find("link", rel="canonical")
        assert canonical["href"] == SITE_URL + url, url
        assert meta(html, property="og:url") == canonical["href"], url


# the catalogue narrowed by one facet: noindex when it repeats the catalogue or is thin
FACETS = tuple(f"datasets/{kind}/" for kind in ("licence", "format", "publisher", "keyword"))
# reached from a page or a form, never found by search engines
NOT_TO_BE_FOUND = ("404.html", "have-your-say/", "correct-your-home/", "thanks/")


def test_home_and_area_pages_are_kept_out_of_search_engines_by_default(site):
    noindex = {url for url in every_page(site) if meta(read(site, url), name="robots")}
    assert noindex, "no page carries noindex"
    for url in noindex:
        assert url.startswith(("homes/", "areas/", *FACETS)) or url in NOT_TO_BE_FOUND, url
        assert meta(read(site, url), name="robots") == "noindex"
    assert {url for url in every_page(site) if url.startswith(("homes/", "areas/"))} <= noindex
    for url in sorted(noindex)[:20]:
        html = read(site, url)
        assert html.find("link", rel="canonical") is None, url
        assert not html.find("meta", property=True), f"{url} carries a sharing card"


def test_posts_are_articles_described_by_the_summary_their_card_shows(site):
    html = read(site, "insights/epc-bands-and-the-plan/")
    assert meta(html, property="og:type") == "article"
    listing = read(site, "insights/")
    link = listing.find("a", href="epc-bands-and-the-plan/")
    summary = link.find_parent("article").find_all("p")[1].get_text()  # after the date line
    assert summary and meta(html, name="description") == describe(summary)


def test_a_long_description_is_cut_at_a_word():
    text = "word " * 100
    cut = describe(text, limit=30)
    assert len(cut) <= 30 and cut.endswith("word…")
    assert describe("  short\n text ") == "short text"


# -- sitemap and robots.txt -------------------------------------------------------------


def sitemap_entries(site: Path) -> dict[str, str | None]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return {
        node.findtext("s:loc", namespaces=SITEMAP_NS): node.findtext("s:lastmod", None, SITEMAP_NS)
        for node in root.findall("s:url", SITEMAP_NS)
    }


def test_the_sitemap_lists_every_indexable_page_and_nothing_else(site):
    entries = sitemap_entries(site)
    indexable = {
        SITE_URL + url
        for url in every_page(site)
        if url != "404.html" and meta(read(site, url), name="robots") is None
    }
    assert set(entries) == indexable
    assert all(exists(site, url) for url in entries)


def test_the_sitemap_says_when_each_page_last_changed(site):
    entries = sitemap_entries(site)
    post = read(site, "insights/epc-bands-and-the-plan/")
    shown = [t["datetime"] for t in post.find("main").find_all("time")]
    assert entries[SITE_URL + "insights/epc-bands-and-the-plan/"] == max(shown)
    dataset = structured_data(read(site, "datasets/sample-landlord/"))
    assert entries[SITE_URL + "datasets/sample-landlord/"] == dataset["dateModified"]
    assert entries[SITE_URL + "about/"] == "2026-11-20"  # the page's `updated`
    for lastmod in filter(None, entries.values()):
        dt.date.fromisoformat(lastmod)
    undated = {url for url, lastmod in entries.items() if not lastmod}
    for url in undated:  # only pages of data with no date of its own, and the search page
        page = url.removeprefix(SITE_URL)
        assert page.startswith(("datasets/house-prices-uk/", *FACETS)) or page in (
            "search/",
            "api/",
        ), url


def test_robots_txt_allows_crawling_and_names_the_sitemap(site):
    text = (site / "robots.txt").read_text()
    assert "User-agent: *" in text and "Disallow: /" not in text
    assert f"Sitemap: {SITE_URL}sitemap.xml" in text


def test_a_sitemap_over_50000_addresses_becomes_an_index_of_parts(monkeypatch):
    monkeypatch.setattr(discovery, "SITEMAP_LIMIT", 2)
    entries = [SitemapEntry(f"p{n}/", dt.date(2026, 1, n + 1)) for n in range(5)]
    files = sitemap_files(entries, SITE_URL)
    assert sorted(files) == [
        "sitemap.xml",
        "sitemaps/sitemap-1.xml",
        "sitemaps/sitemap-2.xml",
        "sitemaps/sitemap-3.xml",
    ]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [n.findtext("s:loc", namespaces=SITEMAP_NS) for n in index]
    assert parts[0] == SITE_URL + "sitemaps/sitemap-1.xml"
    last = ET.fromstring(files["sitemaps/sitemap-3.xml"])
    assert [n.findtext("s:loc", namespaces=SITEMAP_NS) for n in last] == [SITE_URL + "p4/"]
    assert index[1].findtext("s:lastmod", namespaces=SITEMAP_NS) == "2026-01-04"


def test_without_a_site_url_there_is_no_sitemap_and_robots_names_none():
    assert sitemap_files([SitemapEntry("", None)], "") == {}
    assert b"Sitemap" not in robots_txt("")


# -- dataset metadata -------------------------------------------------------------------


@pytest.mark.parametrize("package", ["sample-landlord", "house-prices-uk"])
def test_each_dataset_page_carries_schema_org_dataset_matching_what_it_shows(site, package):
    url = f"datasets/{package}/"
    html = read(site, url)
    data = structured_data(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Dataset"
    assert data["name"] == html.h1.get_text(strip=True)
    assert data["url"] == SITE_URL + url
    assert data["description"] == meta(html, name="description")
    licence = html.find("dt", string="Licence").find_next("dd")
    shown_licences = [  # the licences' own links, not "All datasets under …" (facet pages)
        a["href"] for a in licence("a") if not a.find_parent("p", class_="facet-links")
    ]
    assert [data["license"]] == shown_licences
    assert data["creator"] and all(
        c["@type"] in ("Person", "Organization") for c in data["creator"]
    )
    shown_downloads = {  # the data's files; the citation files are about the dataset
        link
        for link in (urljoin(SITE_URL + url, a["href"]) for a in html.select("main a[download]"))
        if "/citation." not in link
    }
    published = {d["contentUrl"] for d in data["distribution"]}
    assert shown_downloads <= published
    for distribution in data["distribution"]:
        assert exists(site, distribution["contentUrl"]), distribution
        assert distribution["encodingFormat"]
    keywords = html.find("dt", string="Keywords")
    shown_keywords = [li.get_text() for li in keywords.find_next("dd")("li")] if keywords else []
    assert data.get("keywords", []) == shown_keywords


def test_an_odx_dataset_names_its_landlord_its_date_and_the_places_it_covers(site):
    data = structured_data(read(site, "datasets/sample-landlord/"))
    assert data["publisher"] == {"@type": "Organization", "name": "Sample Homes Association"}
    assert data["dateModified"] == "2026-10-31"
    areas = read(site, "areas/")
    listed = {a.get_text(strip=True) for a in areas.find("main").select("li a")}
    places = {place["name"] for place in data["spatialCoverage"]}
    assert places and places <= listed


def test_the_dcat_catalogue_lists_every_dataset_with_its_files(site):
    catalogue = json.loads((site / "catalog.jsonld").read_text())
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert catalogue["dct:title"] == "Open Data Exchange"
    datasets = {d["dct:identifier"]: d for d in catalogue["dcat:dataset"]}
    assert sorted(datasets) == ["house-prices-uk", "sample-landlord"]
    for name, dataset in datasets.items():
        page = structured_data(read(site, f"datasets/{name}/"))
        assert dataset["@type"] == "dcat:Dataset"
        assert dataset["dct:title"] == page["name"]
        assert dataset["dct:description"] == page["description"]
        assert dataset["dcat:landingPage"]["@id"] == page["url"]
        downloads = [d["dcat:downloadURL"]["@id"] for d in dataset["dcat:distribution"]]
        assert downloads == [d["contentUrl"] for d in page["distribution"]]
        assert all(exists(site, url) for url in downloads)
        for distribution in dataset["dcat:distribution"]:
            size = distribution.get("dcat:byteSize")
            if size:
                file = site / site_path(distribution["dcat:downloadURL"]["@id"])
                assert int(size["@value"]) == file.stat().st_size
    modified = datasets["sample-landlord"]["dct:modified"]
    assert modified == {"@value": "2026-10-31", "@type": "xsd:date"}


def test_the_datasets_index_points_at_each_published_descriptor(site):
    index = json.loads((site / "datasets/index.json").read_text())
    assert index["catalogue"] == SITE_URL + "catalog.jsonld"
    for entry in index["datasets"]:
        descriptor = json.loads((site / site_path(entry["descriptor"])).read_text())
        assert descriptor["name"] == entry["name"]
        assert exists(site, entry["page"])
        for file in entry["files"]:
            assert exists(site, file["path"])


def test_without_a_site_url_metadata_links_are_relative_to_where_they_stand(project):
    project.package("p", {"t.csv": "n\n1\n"}, [{"name": "t", "path": "t.csv"}])
    assert project.build().code == 0
    html = project.page("datasets/p/")
    assert html.find("link", rel="canonical") is None
    data = structured_data(html)
    page_url = "https://example.invalid/datasets/p/"
    for distribution in data["distribution"]:
        target = urlsplit(urljoin(page_url, distribution["contentUrl"])).path
        assert (project.site / target.lstrip("/")).is_file(), distribution
    index = json.loads((project.site / "datasets/index.json").read_text())
    descriptor = urljoin(
        "https://example.invalid/datasets/index.json", index["datasets"][0]["descriptor"]
    )
    assert (project.site / urlsplit(descriptor).path.lstrip("/")).is_file()
    assert not (project.site / "sitemap.xml").exists()
    assert "Sitemap" not in (project.site / "robots.txt").read_text()


# -- options ----------------------------------------------------------------------------


def test_index_homes_lets_search_engines_list_home_and_area_pages(landlord):
    landlord.project.settings["site_url"] = SITE_URL
    landlord.project.write_config(k_anonymity=5, index_homes=True)
    assert landlord.project.build().code == 0
    ref = landlord.rows("homes")[0]["home_ref"]
    html = landlord.project.page(f"homes/{ref}/")
    assert meta(html, name="robots") is None
    assert html.find("link", rel="canonical")["href"] == f"{SITE_URL}homes/{ref}/"
    assert f"{SITE_URL}homes/{ref}/" in (landlord.project.site / "sitemap.xml").read_text()


def test_a_missing_or_unusable_share_picture_is_a_located_error(project):
    project.package("p", {"t.csv": "n\n1\n"}, [{"name": "t", "path": "t.csv"}])
    for name, wrong in [
        ("card.png", "is not in"),
        ("card.svg", "is not a PNG or JPEG"),
        ("../card.png", "must be a file name in"),
    ]:
        config = project.write_config(social_image=name)
        line = config_line(config, "social_image:")
        run = project.validate()
        assert run.code == 1
        assert f"mkdocs.yml:{line}: odx.social_image: '{name}' {wrong}" in run.output


def test_a_site_over_its_size_budget_is_not_written(project):
    rows = "n\n" + "12345678901\n" * 100_000  # 100,000 rows: within the rows as JSON cap
    project.package("p", {"t.csv": rows}, [{"name": "t", "path": "t.csv"}])
    assert project.build().code == 0
    before = {p: p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    line = config_line(project.write_config(size_budget_mb=1), "size_budget_mb:")
    run = project.build()
    assert run.code == 1
    assert f"mkdocs.yml:{line}: odx.size_budget_mb: the site would be " in run.output
    assert "over the budget of 1 MB (biggest folders: " in run.output
    biggest = run.output.split("(biggest folders: ", 1)[1].split(")", 1)[0]
    assert "datasets/" in biggest and "downloads/" in biggest  # the rows as JSON, the file
    assert {p: p.read_bytes() for p in project.site.rglob("*") if p.is_file()} == before


def test_the_build_prints_the_site_size_and_its_biggest_folders(project):
    project.package("p", {"t.csv": "n\n1\n"}, [{"name": "t", "path": "t.csv"}])
    run = project.build()
    assert run.code == 0
    line = next(line for line in run.out.splitlines() if line.startswith("site size: "))
    assert "(budget 900 MB); biggest folders: pagefind/ " in line  # the search index
    assert "assets/ " in line


def test_a_package_cannot_take_the_name_of_the_datasets_index(project):
    resources = [{"name": "t", "path": "t.csv"}]
    project.package(
        "p", {"t.csv": "n\n1\n"}, descriptor={"name": "index.json", "resources": resources}
    )
    run = project.validate()
    assert run.code == 1
    assert "datapackage.json:" in run.output and "name: 'index.json' is taken" in run.output
