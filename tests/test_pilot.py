"""A pilot cohort (``odx.pilot``): only the homes in it get pages, lookup entries and rows in
the downloads; the overview still counts every home; the cohort column is never published;
k-anonymity is counted over what is published; without ``odx.pilot`` nothing changes."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import REPO, SAMPLE_PILOT, Landlord, csv_rows, odx, pilot_sample, write_csv_rows

LANDLORD = "sample-landlord"


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def shards(site: Path) -> dict[str, object]:
    """The whole "go to my home" index: ref → what its shard says."""
    found: dict[str, object] = {}
    for shard in (site / "homes" / "lookup").glob("*.json"):
        found.update(json.loads(shard.read_text(encoding="utf-8")))
    return found


def build(config: Path, *extra: str) -> Path:
    run = odx("build", "--config", config, *extra)
    assert run.code == 0, run.output
    return config.parent / "site"


@pytest.fixture(scope="module")
def cohort(tmp_path_factory) -> tuple[Path, list[dict[str, str]]]:
    """The sample with a cohort column, built with odx.pilot: the site, and its homes."""
    root = tmp_path_factory.mktemp("pilot")
    config = pilot_sample(root)
    homes = csv_rows(root / "datapackages" / LANDLORD / "homes.csv")
    return build(config), homes


def split(homes: list[dict[str, str]]) -> tuple[set[str], set[str]]:
    pilot = {h["home_ref"] for h in homes if h["new_tenancy"] == "yes"}
    return pilot, {h["home_ref"] for h in homes} - pilot


def test_only_the_pilot_homes_get_pages(cohort):
    site, homes = cohort
    pilot, others = split(homes)
    assert pilot and others
    for ref in pilot:
        assert page(site, f"homes/{ref}/").h1.get_text() == f"Home {ref}"
    for ref in others:
        assert page(site, f"homes/{ref}/").h1.get_text() == f"Home {ref} is not in the pilot yet"


def test_a_home_not_in_the_pilot_says_so_at_its_address_and_links_its_area(cohort):
    site, homes = cohort
    home = next(h for h in homes if h["new_tenancy"] == "no")
    notice = page(site, f"homes/{home['home_ref']}/")
    link = notice.select_one("main p a")
    area = (site / "homes" / home["home_ref"] / link["href"]).resolve()
    assert (area / "index.html").is_file()
    assert home["postcode_sector"] in page(site, area.relative_to(site).as_posix()).h1.text
    assert notice.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert f"homes/{home['home_ref']}/" not in (site / "sitemap.xml").read_text()


def test_the_lookup_index_maps_pilot_refs_to_pages_and_the_others_to_their_area(cohort):
    site, homes = cohort
    pilot, others = split(homes)
    index = shards(site)
    assert set(index) == pilot | others
    assert all(index[ref] == f"homes/{ref}/" for ref in pilot)
    for ref in others:
        assert set(index[ref]) == {"area"}  # the ref and its area: nothing about the home
        assert (site / index[ref]["area"] / "index.html").is_file()


def test_area_pages_list_the_pilot_homes_and_count_the_others(cohort):
    site, homes = cohort
    waiting = Counter(
        (h["local_authority_code"].lower(), h["postcode_sector"].lower().replace(" ", "-"))
        for h in homes
        if h["new_tenancy"] == "no"
    )
    listed = Counter(
        (h["local_authority_code"].lower(), h["postcode_sector"].lower().replace(" ", "-"))
        for h in homes
        if h["new_tenancy"] == "yes"
    )
    for code, sector in waiting + listed:
        area = page(site, f"areas/{code}/{sector}/")
        links = area.select("main table a")
        assert len(links) == listed[(code, sector)]
        text = area.select_one("main").get_text(" ", strip=True)
        if waiting[(code, sector)]:
            assert "in the pilot yet" in text
            assert str(waiting[(code, sector)]) in text
        else:
            assert "pilot" not in text


def test_downloads_hold_the_pilot_homes_only_and_never_the_cohort_column(cohort):
    site, homes = cohort
    pilot, _ = split(homes)
    downloads = site / "downloads" / LANDLORD
    published = csv_rows(downloads / "homes.csv")
    assert {row["home_ref"] for row in published} == pilot
    assert "new_tenancy" not in published[0]
    for table in ("components", "investment_plan", "corrections"):
        assert {row["home_ref"] for row in csv_rows(downloads / f"{table}.csv")} <= pilot, table
    descriptor = json.loads((downloads / "datapackage.json").read_text(encoding="utf-8"))
    assert "new_tenancy" not in json.dumps(descriptor)
    with zipfile.ZipFile(site / "downloads" / f"{LANDLORD}.zip") as archive:
        for name in archive.namelist():
            if name.endswith("homes.csv"):
                assert archive.read(name) == (downloads / "homes.csv").read_bytes()
            assert b"new_tenancy" not in archive.read(name), name


def test_the_cohort_column_is_named_nowhere_on_the_site(cohort):
    site, _ = cohort
    named = [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and b"new_tenancy" in path.read_bytes()
    ]
    assert named == []


def test_the_overview_counts_every_home_and_the_dataset_page_says_what_is_published(cohort):
    site, homes = cohort
    pilot, others = split(homes)
    overview = page(site, f"datasets/{LANDLORD}/overview/").select_one("main").get_text(" ")
    assert f"{len(homes)} homes" in overview
    dataset = page(site, f"datasets/{LANDLORD}/").select_one("main").get_text(" ", strip=True)
    assert f"Only the {len(pilot)} homes in the pilot are published home by home" in dataset
    assert f"the rows of the {len(others)} other homes are not published yet" in dataset
    resource = page(site, f"datasets/{LANDLORD}/homes/").select_one("main").get_text(" ")
    assert f"{len(pilot)} rows" in resource


def test_with_fewer_than_k_homes_outside_the_pilot_the_overview_counts_the_pilot_only(tmp_path):
    config = pilot_sample(tmp_path)
    homes_csv = tmp_path / "datapackages" / LANDLORD / "homes.csv"
    rows = csv_rows(homes_csv)
    for number, row in enumerate(rows):  # three homes wait: fewer than k (10)
        row["new_tenancy"] = "no" if number < 3 else "yes"
    write_csv_rows(homes_csv, rows)
    site = build(config)
    overview = page(site, f"datasets/{LANDLORD}/overview/").select_one("main").get_text(" ")
    assert f"{len(rows) - 3} homes" in overview  # their counts less the pilot's: nothing
    assert f"{len(rows)} homes" not in overview
    dataset = page(site, f"datasets/{LANDLORD}/").select_one("main").get_text(" ", strip=True)
    assert "The overview's figures cover the pilot's homes only" in dataset


def test_k_anonymity_is_counted_over_the_pilot_homes(landlord: Landlord):
    """Two groups of six homes pass k=5; a pilot of six houses and two flats leaves a group
    of two flats, which would be published: the build stops and says so."""
    kinds = [row["property_type"] for row in landlord.rows("homes")]
    flats = iter(range(99))
    cohort = ["yes" if kind == "house" or next(flats) < 2 else "no" for kind in kinds]
    landlord.add_field("homes", {"name": "cohort", "type": "string"}, cohort)
    landlord.project.write_config(pilot={"column": "cohort", "value": "yes"})
    run = landlord.project.build()
    assert run.code == 1
    assert "only 2 homes share" in run.output and "k-anonymity" in run.output


def test_a_homes_schema_in_its_own_file_is_published_without_the_cohort(landlord: Landlord):
    rows = landlord.rows("homes")
    landlord.add_field("homes", {"name": "cohort", "type": "string"}, ["yes"] * len(rows))
    data = landlord.descriptor
    homes = next(r for r in data["resources"] if r["name"] == "homes")
    (landlord.folder / "homes.schema.json").write_text(json.dumps(homes["schema"]), "utf-8")
    homes["schema"] = "homes.schema.json"
    landlord.save_descriptor(data)
    landlord.project.write_config(pilot={"column": "cohort", "value": "yes"})
    run = landlord.project.build()
    assert run.code == 0, run.output
    site = landlord.project.site
    published = json.loads(
        (site / "downloads/example-landlord/homes.schema.json").read_text("utf-8")
    )
    assert "home_ref" in [field["name"] for field in published["fields"]]
    named = [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file()
        and b"cohort" in path.read_bytes()
        and path.suffix != ".html"
        and "pagefind" not in path.parts
    ]
    assert named == []


def test_a_pilot_by_area_publishes_the_homes_of_those_areas(tmp_path):
    config = pilot_sample(tmp_path, {"areas": ["E08000032", "hx1 4"]})
    site = build(config)
    homes = csv_rows(tmp_path / "datapackages" / LANDLORD / "homes.csv")
    chosen = {
        h["home_ref"]
        for h in homes
        if h["local_authority_code"] == "E08000032" or h["postcode_sector"] == "HX1 4"
    }
    published = csv_rows(site / "downloads" / LANDLORD / "homes.csv")
    assert {row["home_ref"] for row in published} == chosen
    assert {ref for ref, found in shards(site).items() if isinstance(found, str)} == chosen


def config_with(tmp_path: Path, pilot: object) -> tuple[Path, int]:
    """The sample project with ``pilot`` as odx.pilot, and the line it is written on."""
    config = pilot_sample(tmp_path)
    text = config.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["plugins"][0]["odx"]["pilot"] = pilot
    text = yaml.safe_dump(data, sort_keys=False)
    config.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith("pilot:"))
    return config, line


@pytest.mark.parametrize(
    ("pilot", "says"),
    [
        ("yes", "must be a mapping"),
        ({"column": "new_tenancy"}, "needs both a column and the value"),
        ({"areas": []}, "areas must be a list"),
        ({"areas": ["LS7 4"], "column": "x", "value": "y"}, "not both"),
        ({"colum": "new_tenancy", "value": "yes"}, "unknown keys (colum)"),
        ({"column": "nope", "value": "yes"}, "has no column 'nope'"),
        ({"column": "new_tenancy", "value": "maybe"}, "no home has new_tenancy = 'maybe'"),
        ({"areas": ["LS7 4", "ZZ9 9"]}, "no home is in ZZ9 9; list postcode sectors"),
    ],
)
def test_a_pilot_that_cannot_select_homes_is_a_located_error(tmp_path, pilot, says):
    config, line = config_with(tmp_path, pilot)
    run = odx("build", "--config", config)
    assert run.code == 1
    assert f"mkdocs.yml:{line}: odx.pilot: " in run.output
    assert says in run.output
    assert not (tmp_path / "site").exists()
    if "ZZ9 9" in says:
        assert "BD3 7" in run.output and "E08000035" in run.output  # which areas exist


def test_turning_the_pilot_on_after_a_build_without_it_rebuilds_what_it_changes(tmp_path):
    config = pilot_sample(tmp_path)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    del data["plugins"][0]["odx"]["pilot"]
    data["plugins"][0]["odx"]["k_anonymity"] = 5
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    site = build(config)  # the cohort column counts as any other column here
    assert len(csv_rows(site / "downloads" / LANDLORD / "homes.csv")) == 300
    data["plugins"][0]["odx"]["pilot"] = SAMPLE_PILOT
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    site = build(config)
    published = csv_rows(site / "downloads" / LANDLORD / "homes.csv")
    assert len(published) < 300 and "new_tenancy" not in published[0]


def test_without_a_pilot_every_home_is_published_as_before(tmp_path):
    """The committed sample without odx.pilot: every home has its page and its row, the
    index holds home pages only, and no page speaks of a pilot
    (scripts/compare_builds.py checks the same byte for byte against another revision)."""
    config = pilot_sample(tmp_path)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    del data["plugins"][0]["odx"]["pilot"]
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    source = REPO / "datapackages" / LANDLORD
    shutil.rmtree(tmp_path / "datapackages" / LANDLORD)  # the committed sample, as it is
    shutil.copytree(source, tmp_path / "datapackages" / LANDLORD)
    site = build(config)
    refs = {row["home_ref"] for row in csv_rows(source / "homes.csv")}
    assert shards(site) == {ref: f"homes/{ref}/" for ref in refs}
    assert (site / "downloads" / LANDLORD / "homes.csv").read_bytes() == (
        source / "homes.csv"
    ).read_bytes()
    pilot_pages = [
        path.relative_to(site).as_posix()
        for folder in ("homes", "areas")
        for path in (site / folder).rglob("*.html")
        if b"pilot" in path.read_bytes()
    ]
    assert pilot_pages == []
