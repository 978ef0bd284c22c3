"""The tenant view built from the example package: homes, corrections, areas, overview."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import REPO, Project, copy_example
from hypothesis import given
from hypothesis import strategies as st

from generator.tenant import areas as areas_view
from generator.tenant.correction_links import Helpers
from generator.tenant.labels import component_name


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:

    project = Project(
        tmp_path_factory.mktemp("tenant") / "project",
        settings={"repo_url": "https://github.com/example/odx"},
    )
    copy_example(project.root / "datapackages" / "example")
    project.write_config(k_anonymity=5, corrections_email="data@example.org")
    run = project.build()
    assert run.code == 0, run.output
    return project


def text_of(page: BeautifulSoup) -> str:
    return " ".join(page.find("main").get_text(" ").split())


def component_row(page: BeautifulSoup, name: str):
    return next(row for row in page.select("table.parts tbody tr") if row.th.get_text() == name)


def test_a_home_page_shows_what_the_landlord_knows(built):
    page = built.page("homes/HBTRQJGF5C/")
    text = text_of(page)
    assert page.h1.get_text() == "Home HBTRQJGF5C"
    assert "LS6 2, Leeds" in text
    assert "Energy rating (EPC): band C" in text
    facts = {
        dt.get_text(): dt.find_next("dd").get_text(" ", strip=True)
        for dt in page.select("dl.facts dt")
    }
    assert facts["Type of home"] == "Flat"
    assert facts["Bedrooms"] == "1"
    assert facts["Built"] == "1967 to 1975"
    assert facts["Main heating"] == "Electric storage"
    assert facts["Decent Homes"] == "Meets the standard"
    assert facts["Last survey"] == "2022"


def test_components_show_age_expected_life_due_year_and_status(built):
    page = built.page("homes/CW3TEPWP93/")
    kitchen = [td.get_text(" ", strip=True) for td in component_row(page, "Kitchen")("td")]
    assert kitchen[0].startswith("Overdue No plan to replace it yet")
    assert (
        "older than the 20 years the Decent Homes Standard expects of a modern kitchen"
        in (kitchen[0])
    )
    assert kitchen[1] == "2000 (Recorded, 26 years old)"
    assert kitchen[2] == "25 years (landlord)"  # the row's own expected life
    assert kitchen[3] == "2025"
    boiler = [td.get_text(" ", strip=True) for td in component_row(page, "Boiler")("td")]
    assert boiler[0] == "Due within 5 years"
    assert boiler[2:4] == ["15 years", "2029"]
    assert "1 overdue for replacement by age; 1 not yet in the plan" in text_of(page)


def test_the_plan_is_a_timeline_by_year(built):
    page = built.page("homes/HBTRQJGF5C/")
    years = page.select("ol.timeline > li")
    assert years[0].strong.get_text() == "2026"
    assert "Replace kitchen, £6,500: Approved" in years[0].get_text(" ")


def test_an_unknown_value_asks_the_tenant_to_help_with_a_prefilled_form(built):
    page = built.page("homes/27SAHTXHU5/")
    windows = component_row(page, "Windows")
    assert "Not known" in windows.get_text()
    help_links = {a.get_text(): a for a in windows("a")}
    assert set(help_links) == {
        "can you help? (windows: year installed)",
        "can you help? (windows: condition)",  # the condition is not known either
    }
    help_link = help_links["can you help? (windows: year installed)"]
    link = help_link["href"]
    query = parse_qs(urlsplit(link).query)
    assert link.startswith("https://github.com/example/odx/issues/new?")
    assert query["template"] == ["correction.yml"]
    assert query["home_ref"] == ["27SAHTXHU5"]
    assert query["field"] == ["install_year"]
    assert query["component_type"] == ["windows"]


def test_a_submitted_correction_shows_as_under_review(built):
    windows = component_row(built.page("homes/27SAHTXHU5/"), "Windows")
    assert "Under review: a tenant says 2004" in windows.get_text(" ")


def test_an_accepted_correction_replaces_the_value_and_keeps_the_original(built):
    bathroom = component_row(built.page("homes/UZNECQUFQG/"), "Bathroom")
    installed = bathroom("td")[1].get_text(" ", strip=True)
    assert installed.startswith("2011")
    assert "corrected by tenant, accepted 2025 (was: Not known)" in installed
    assert bathroom("td")[3].get_text() == "2051"  # the lifespan rules use the corrected year


def test_a_rejected_correction_is_not_shown(built):
    page = built.page("homes/BFPQBN4Q6T/")
    assert "Heat pump" not in text_of(page)
    assert "Under review" not in text_of(page)


def test_the_correction_link_and_email_fallback(built):
    page = built.page("homes/HBTRQJGF5C/")
    links = page.select("p.correct a")
    query = parse_qs(urlsplit(links[0]["href"]).query)
    assert query["home_ref"] == ["HBTRQJGF5C"]
    assert query["title"] == ["Correction for home HBTRQJGF5C"]
    assert links[1]["href"].startswith("mailto:data@example.org?subject=Correction%20for%20home")


def test_the_issue_form_has_the_fields_the_links_fill_in():
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/correction.yml").read_text())
    ids = {item.get("id") for item in form["body"]}
    assert {"home_ref", "field", "component_type", "proposed_value", "evidence"} <= ids


def test_the_issue_form_warns_first_that_it_is_public_and_points_to_email():
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/correction.yml").read_text())
    first = form["body"][0]
    assert first["type"] == "markdown"
    warning = " ".join(first["attributes"]["value"].split())
    assert "This issue is public: anyone on the internet can read it" in warning
    assert "Do not write your name, address, phone number" in warning
    assert "email address on your home's page" in warning and "use that instead" in warning


def test_home_pages_are_small(built):
    sizes = [p.stat().st_size for p in (built.site / "homes").glob("*/index.html")]
    assert len(sizes) == 12
    assert sum(sizes) / len(sizes) <= 8 * 1024


def test_area_pages_lead_to_every_home(built):
    areas = built.page("areas/")
    assert areas.find("a", string="Leeds")["href"] == "e08000035/"
    leeds = built.page("areas/e08000035/")
    assert leeds.find("a", string="LS6 2")["href"] == "ls6-2/"
    sector = built.page("areas/e08000035/ls6-2/")
    refs = [a.get_text() for a in sector.select("tbody th a")]
    assert len(refs) == 12 and "HBTRQJGF5C" in refs
    assert "Homes 1 to 12 of 12" in text_of(sector)


def test_area_pages_are_paginated_at_200_homes():
    homes = [
        areas_view.AreaHome("E08000035", "LS6 2", f"REF{n:05d}X", "Flat", "C", "L")
        for n in range(450)
    ]
    specs = {spec.url: spec for spec in areas_view.area_pages(homes)}
    first = specs["areas/e08000035/ls6-2/"].context
    third = specs["areas/e08000035/ls6-2/page-3/"].context
    assert len(first["area"]["homes"]) == 200
    assert len(third["area"]["homes"]) == 50
    assert first["pager"]["next"] == "areas/e08000035/ls6-2/page-2/"
    assert third["pager"]["previous"] == "areas/e08000035/ls6-2/page-2/"
    assert third["pager"]["text"] == "Homes 401 to 450 of 450"


def test_the_home_ref_index_is_sharded_by_the_first_two_characters(built):
    shard = json.loads((built.site / "homes/lookup/HB.json").read_text())
    assert shard == {"HBTRQJGF5C": "homes/HBTRQJGF5C/"}
    shards = list((built.site / "homes/lookup").glob("*.json"))
    assert sum(len(json.loads(p.read_text())) for p in shards) == 12


def test_the_overview_answers_does_the_plan_cover_what_falls_due(built):
    page = built.page("datasets/example-landlord/overview/")
    text = text_of(page)
    assert "12 homes" in text
    epc = {
        row.th.get_text(): row("td")[0].get_text()
        for row in page.find("caption", string="Homes by EPC band").find_parent("table").tbody("tr")
    }
    homes = (built.root / "datapackages/example/homes.csv").read_text().splitlines()[1:]
    assert epc["Band C"] == str(sum(1 for line in homes if line.split(",")[10] == "C"))
    schedule = page.find("caption", id="schedule-caption").find_parent("table")
    assert len(schedule.tbody("tr")) == 30
    assert "already overdue" in text and "have no plan line" in text
    svg = page.select("figure.chart > svg")
    assert len(svg) == 3 and all(s["role"] == "img" for s in svg)


def test_the_satisfaction_page_shows_each_measure_with_its_change(built):
    page = built.page("datasets/example-landlord/overview/satisfaction/")
    text = text_of(page)
    assert "Overall satisfaction TP01" in text
    row = next(r for r in page.select("tbody tr") if "TP01" in r.th.get_text())
    cells = [td.get_text(" ", strip=True) for td in row("td")]
    assert cells[0].endswith("%") and cells[1].endswith("%")
    assert cells[2].startswith(("Up", "Down", "No change"))
    assert "Respondents" in text  # area results are shown apart, with their respondents


def test_the_dataset_page_links_the_tenant_view(built):
    page = built.page("datasets/example-landlord/")
    links = {a.get_text(): a["href"] for a in page.select("main a")}
    assert links["Overview: energy, Decent Homes and the investment plan"] == "overview/"
    assert links["Tenant satisfaction"] == "overview/satisfaction/"


def test_no_area_page_lists_more_than_200_homes(built):
    pages = [Path(p) for p in (built.site / "areas").rglob("index.html")]
    assert pages
    for path in pages:
        assert len(BeautifulSoup(path.read_text(), "html.parser").select("tbody tr")) <= 200


def add_corrections(landlord, *rows: str) -> None:
    path = landlord.folder / "corrections.csv"
    path.write_text(path.read_text() + "".join(row + "\n" for row in rows))


def test_corrections_to_quasi_identifiers_are_acknowledged_but_never_shown(landlord):
    add_corrections(
        landlord,
        "C-0101,HBTRQJGF5C,homes,bedrooms,,4,document,accepted,2025",
        "C-0102,AL5XTKPXGF,homes,property_type,,bungalow,photo,submitted,",
    )
    assert landlord.project.build().code == 0
    home = landlord.project.page("homes/HBTRQJGF5C/")
    facts = {dt.get_text(): dt.find_next("dd").get_text(" ", strip=True) for dt in home("dt")}
    assert facts["Bedrooms"].startswith("1 ")  # still the published value, not 4
    assert "A tenant's correction was accepted in 2025" in facts["Bedrooms"]
    other = landlord.project.page("homes/AL5XTKPXGF/")
    assert "Bungalow" not in text_of(other)
    assert "A tenant's correction is under review" in text_of(other)
    published = (landlord.project.site / "downloads/example-landlord/corrections.csv").read_text()
    assert "C-0101" not in published and "C-0102" not in published
    assert "C-0001" in published  # corrections to other fields are published
    assert "3 corrections to the area, type, built form" in text_of(  # C-0003: heating
        landlord.project.page("datasets/example-landlord/")
    )


def test_an_accepted_epc_correction_is_acknowledged_without_its_value(landlord):
    """The EPC band is on the public register with the address: a new band for one home
    would single it out of its group, so it waits for the landlord's corrected data."""
    add_corrections(landlord, "C-0103,HBTRQJGF5C,homes,epc_band,,B,document,accepted,2026")
    assert landlord.project.build().code == 0
    badge = landlord.project.page("homes/HBTRQJGF5C/").select_one("p.epc")
    text = badge.get_text(" ", strip=True)
    assert "band C" in text and "band B" not in text
    assert "A tenant's correction was accepted in 2026" in text
    area = landlord.project.page(next(iter(areas_of(landlord))))
    assert "HBTRQJGF5C" in area.get_text() and ">B<" not in str(area)


def areas_of(landlord) -> list[str]:
    site = landlord.project.site
    return [p.parent.relative_to(site).as_posix() + "/" for p in site.glob("areas/*/*/index.html")]


def test_an_unknown_epc_band_asks_for_help(landlord):
    rows = landlord.rows("homes")
    for index, row in enumerate(rows):  # the whole group of flats, so it stays a group
        if row["property_type"] == "flat":
            landlord.edit("homes", index, epc_band="")
    assert landlord.project.build().code == 0
    badge = landlord.project.page("homes/HBTRQJGF5C/").select_one("p.epc")
    assert badge.get_text(" ", strip=True).startswith("Energy rating (EPC): Not known")
    link = badge.find("a")["href"]
    assert parse_qs(urlsplit(link).query)["field"] == ["epc_band"]


def test_an_overdue_part_with_only_a_deferred_plan_line_says_so(landlord):
    rows = landlord.rows("investment_plan")
    index = next(i for i, r in enumerate(rows) if r["home_ref"] == "CW3TEPWP93")
    landlord.edit("investment_plan", index, component_type="kitchen", status="deferred")
    assert landlord.project.build().code == 0
    kitchen = component_row(landlord.project.page("homes/CW3TEPWP93/"), "Kitchen")
    assert "In the plan, but deferred" in kitchen.get_text(" ")


@given(
    ref=st.text(min_size=1, max_size=12),
    field=st.sampled_from(["", "install_year", "condition", "epc_band"]),
    component=st.sampled_from(["", "windows", "heating-distribution", "roof-finish"]),
)
def test_correction_links_are_the_urlencoded_form_fields_and_the_email_text(ref, field, component):
    helpers = Helpers("https://github.com/example/odx/", "homes@example.org")
    links = helpers.correction(ref, field, component)
    what = " ".join(x for x in (component_name(component) if component else "", field) if x)
    title = f"Correction for home {ref}" + (f": {what}" if what else "")
    params = {"template": "correction.yml", "title": title, "home_ref": ref}
    params.update({k: v for k, v in (("field", field), ("component_type", component)) if v})
    assert links["issue"] == f"https://github.com/example/odx/issues/new?{urlencode(params)}"
    body = f"Home: {ref}\nField: {what or '(say which)'}\nCorrect value:\nHow I know:\n"
    assert links["email"] == f"mailto:homes@example.org?subject={quote(title)}&body={quote(body)}"


def test_a_page_without_a_head_is_listed_in_the_sitemap_without_a_date():
    from generator.structure.page import Page
    from generator.tenant.pages import OdxSite

    site = OdxSite()
    site.pages.append(Page("areas/x/", "odx_area.html", "X", {}))
    assert site.facts()["sitemap"] == [["areas/x/", None]]
