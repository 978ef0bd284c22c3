"""What tenants said and "You said, we plan": the published feedback cells shown as they are
(a withheld one by the words of its reason, pointing to the wider figure), tenants'
priorities beside the plan's works and spend in the same categories, never a count below k,
and counted in the area summary's one pass."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict

from bs4 import BeautifulSoup
from helpers import REPO, sample_pilot_areas

from generator.tenant.area_summary import AreaFigures
from generator.tenant.data import OdxData, feedback_key
from generator.tenant.labels import component_name
from generator.tenant.you_said import PlanByKind, plan_view, said_view

AS_OF = 2026
LEEDS = ("E08000035", "LS6 2")
SAMPLE = REPO / "datapackages" / "sample-landlord"


def cell(level: str, code: str = "", sector: str = "", **figures: object) -> dict:
    row = {
        "cohort": "all",
        "period": "all",
        "level": level,
        "local_authority_code": code,
        "postcode_sector": sector,
        "responses": None,
        "satisfied_pct": None,
        "neither_pct": None,
        "dissatisfied_pct": None,
        "top_improvements": None,
        "withheld_reason": None,
    }
    return row | figures


def published(level: str, code: str = "", sector: str = "", asked: str = "") -> dict:
    return cell(
        level,
        code,
        sector,
        responses=40,
        satisfied_pct=55,
        neither_pct=15,
        dissatisfied_pct=30,
        top_improvements=asked or None,
    )


def cells(*rows: dict) -> dict:
    return {feedback_key(row): row for row in rows}


def plan(**counts: tuple[int, int, int]) -> PlanByKind:
    """Works, spend and overdue components with no plan line, by component type."""
    by_kind = PlanByKind()
    for kind, (works, spend, overdue) in counts.items():
        by_kind.works[kind], by_kind.spend[kind], by_kind.overdue_unplanned[kind] = (
            works,
            spend,
            overdue,
        )
    return by_kind


# --- what tenants said ---------------------------------------------------------------------


def test_an_area_with_a_published_cell_shows_its_responses_bands_and_improvements_in_words():
    feedback = cells(published("postcode-sector", *LEEDS, asked="kitchen;damp-and-mould"))
    view = said_view(feedback, *LEEDS, threshold=10)
    own = view["own"]
    assert own["responses"] == "about 40"
    assert [(b["label"], b["share"]) for b in own["bands"]] == [
        ("Satisfied", "55%"),
        ("Neither", "15%"),
        ("Dissatisfied", "30%"),
    ]
    assert own["improvements"] == ["Kitchen", "Damp and mould"]
    assert own["summary"] == (
        "About 40 responses from this area: 55% satisfied with their home, 30% dissatisfied."
    )
    assert 'role="img"' in str(own["chart"])


def test_a_withheld_area_says_why_in_words_and_shows_its_authority_when_published():
    feedback = cells(
        cell("postcode-sector", *LEEDS, withheld_reason="too-few-responses"),
        published("local-authority", "E08000035", asked="boiler"),
        published("landlord"),
    )
    view = said_view(feedback, *LEEDS, threshold=10)
    assert view["own"] is None
    assert view["withheld"] == (
        "What tenants said about this area is not shown: fewer than 10 responses."
    )
    assert view["wider"]["where"] == "Leeds"
    assert view["wider"]["improvements"] == ["Boiler"]


def test_when_the_authority_is_withheld_too_the_landlord_figure_is_shown():
    feedback = cells(
        cell("postcode-sector", *LEEDS, withheld_reason="same-answer"),
        cell("local-authority", "E08000035", withheld_reason="worked-out-from-totals"),
        published("landlord"),
    )
    view = said_view(feedback, *LEEDS, threshold=10)
    assert "everyone, or nearly everyone, gave the same answer" in view["withheld"]
    assert view["wider"]["where"] == "all the landlord's homes"


def test_an_area_nobody_answered_from_says_so_and_no_feedback_at_all_says_nothing():
    view = said_view(cells(published("landlord")), *LEEDS, threshold=10)
    assert view["withheld"] == "No responses have been received from this area yet."
    assert said_view(None, *LEEDS, threshold=10) is None


# --- you said, we plan ---------------------------------------------------------------------


def test_priorities_are_set_beside_the_plan_and_overdue_parts_with_no_plan_line():
    view = plan_view(
        ["kitchen", "windows", "damp-and-mould"],
        "this area",
        plan(kitchen=(12, 48_000, 0), windows=(0, 0, 12), **{"roof-finish": (20, 90_000, 0)}),
        k=10,
        year=2031,
    )
    assert view["summary"] == (
        "Tenants here asked most for kitchen, windows and damp and mould; by 2031 the plan "
        "holds £48,000 of works on kitchen and nothing on windows (12 overdue with no plan "
        "line); damp and mould is no category of the plan."
    )
    table = {r["label"]: (r["rank"], r["works"], r["spend"], r["overdue"]) for r in view["rows"]}
    assert table == {
        "Kitchen": ("asked 1st", "12", "£48,000", "0"),
        "Windows": ("asked 2nd", "0", "£0", "12"),
        "Roof covering": ("", "20", "£90,000", "0"),
    }
    assert [r["label"] for r in view["rows"]][:2] == ["Kitchen", "Windows"]  # priorities first
    assert view["needs"] == [{"label": "Damp and mould", "rank": "asked 3rd"}]
    chart = str(view["chart"])
    assert "Kitchen (asked 1st)" in chart and "£48,000" in chart


def test_counts_below_k_read_fewer_than_k_and_their_spend_is_not_shown():
    view = plan_view(["boiler"], "Leeds", plan(boiler=(4, 12_000, 3)), k=10, year=2031)
    row = view["rows"][0]
    assert (row["works"], row["overdue"]) == ("fewer than 10", "fewer than 10")
    assert row["spend"] == "not shown (fewer than 10 works)"
    assert "12,000" not in str(view["chart"]) + view["summary"]
    assert view["summary"] == (
        "Tenants across Leeds asked most for boiler; by 2031 the plan holds fewer than 10 "
        "works on boiler, their cost not shown (fewer than 10 overdue with no plan line)."
    )


def test_with_no_improvement_published_the_plan_is_shown_without_priorities():
    view = plan_view([], "", plan(kitchen=(12, 48_000, 0)), k=10, year=2031)
    assert view["summary"].startswith("No improvement was asked for often enough to publish")
    assert view["rows"][0]["rank"] == ""


# --- counted in the area summary's pass ----------------------------------------------------


def leeds_home(ref: str) -> dict:
    return {
        "home_ref": ref,
        "local_authority_code": LEEDS[0],
        "postcode_sector": LEEDS[1],
        "property_type": "house",
        "epc_band": "C",
    }


def test_an_area_counts_its_plan_by_part_and_overdue_parts_with_no_plan_line_in_one_pass():
    homes = [leeds_home(f"H{n}") for n in range(12)]
    old_kitchen = {"component_type": "kitchen", "install_year": 1990, "expected_life_years": 20}
    old_boiler = {"component_type": "boiler", "install_year": 1995, "expected_life_years": 15}
    data = OdxData(
        homes=homes,
        components={h["home_ref"]: [old_kitchen, old_boiler] for h in homes},
        plan={  # every home's kitchen planned (and one done), no boiler planned
            h["home_ref"]: [
                {"component_type": "kitchen", "planned_year": 2027, "estimated_cost_gbp": 5000},
                {"component_type": "boiler", "planned_year": 2020, "status": "completed"},
            ]
            for h in homes
        },
        feedback=cells(published("postcode-sector", *LEEDS, asked="boiler;kitchen")),
    )
    figures = AreaFigures()
    figures.add(data, as_of_year=AS_OF, epc_withheld=False, landlord="Example Homes")
    view = figures.view(LEEDS, k=10, threshold=10)
    assert view is not None
    [voice] = view["voices"]
    assert voice["landlord"] == ""  # named only when several landlords have homes here
    rows = {r["label"]: (r["works"], r["spend"], r["overdue"]) for r in voice["plan"]["rows"]}
    assert rows == {"Boiler": ("0", "£0", "12"), "Kitchen": ("12", "£60,000", "0")}
    assert voice["said"]["own"]["improvements"] == ["Boiler", "Kitchen"]


def test_an_area_of_a_package_without_feedback_says_nothing_of_it():
    figures = AreaFigures()
    figures.add(OdxData(homes=[leeds_home("H1")]), as_of_year=AS_OF, epc_withheld=False)
    view = figures.view(LEEDS, k=10)
    assert view is not None and view["voices"] == []


def test_an_area_whose_homes_all_wait_for_the_pilot_shows_only_what_its_tenants_said():
    figures = AreaFigures()
    feedback = cells(published("postcode-sector", *LEEDS, asked="boiler"))
    figures.add(OdxData(homes=[], feedback=feedback), as_of_year=AS_OF, epc_withheld=False)
    figures.add_waiting(feedback, "Example Homes", {LEEDS})
    view = figures.view(LEEDS, k=10, threshold=10)
    assert view is not None and view["waiting_only"]
    [voice] = view["voices"]
    assert voice["said"]["own"]["improvements"] == ["Boiler"]
    assert voice["plan"] is None  # the plan of homes whose rows are not published: not shown
    assert "types" not in view and "due" not in view  # nothing counted from those homes


def test_a_landlord_waiting_beside_a_listed_one_is_heard_without_a_plan():
    figures = AreaFigures()
    listed = cells(published("postcode-sector", *LEEDS, asked="kitchen"))
    figures.add(
        OdxData(homes=[leeds_home("H1")], feedback=listed),
        as_of_year=AS_OF,
        epc_withheld=False,
        landlord="Listed Homes",
    )
    figures.add_waiting(cells(published("postcode-sector", *LEEDS)), "Waiting Homes", {LEEDS})
    figures.add_waiting(listed, "Listed Homes", {LEEDS})  # already heard: not twice
    view = figures.view(LEEDS, k=10, threshold=10)
    assert view is not None and not view["waiting_only"]
    voices = {v["landlord"]: v for v in view["voices"]}
    assert set(voices) == {"Listed Homes", "Waiting Homes"}
    assert voices["Listed Homes"]["plan"] is not None
    assert voices["Waiting Homes"]["plan"] is None


def test_a_waiting_area_of_a_package_without_feedback_has_no_summary():
    figures = AreaFigures()
    figures.add_waiting(None, "Example Homes", {LEEDS})
    assert figures.view(LEEDS, k=10) is None


# --- the sample, built ---------------------------------------------------------------------


def page(site, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def section_text(html: BeautifulSoup, heading_id: str) -> str:
    """The text from the heading to the next heading of its level."""
    heading = html.find(id=heading_id)
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name == heading.name:
            break
        parts.append(sibling.get_text(" ", strip=True))
    return " ".join(" ".join(parts).split())


def table_rows(html: BeautifulSoup, caption_id: str) -> dict[str, list[str]]:
    table = html.find(id=caption_id).find_parent("table")
    return {
        row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }


def sample_rows(name: str) -> list[dict[str, str]]:
    with open(SAMPLE / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_sample_overview_shows_the_landlord_cell_and_the_plan_by_part(root_site):
    [landlord] = [
        r
        for r in sample_rows("feedback.csv")
        if (r["cohort"], r["period"], r["level"]) == ("all", "all", "landlord")
    ]
    html = page(root_site, "datasets/sample-landlord/overview/")
    said = section_text(html, "voice-said")
    assert f"about {int(landlord['responses']):,} responses" in said
    for column in ("satisfied_pct", "neither_pct", "dissatisfied_pct"):
        assert f"{landlord[column]}%" in said
    spend: Counter[str] = Counter()
    works: Counter[str] = Counter()
    for line in sample_rows("investment_plan.csv"):
        if line["status"] in ("completed", "cancelled"):
            continue
        if AS_OF <= int(line["planned_year"]) <= AS_OF + 5:
            works[line["component_type"]] += 1
            spend[line["component_type"]] += int(line["estimated_cost_gbp"] or 0)
    table = table_rows(html, "voice-plan-caption")
    boiler = table["Boiler"]
    assert boiler[0] == "asked 1st"  # the landlord cell's first improvement
    assert landlord["top_improvements"].startswith("boiler;")
    for kind, count in works.items():
        if count >= 10:
            shown = table[component_name(kind)]
            assert shown[1:3] == [f"{count:,}", f"£{spend[kind]:,}"], kind
    assert "Other (asked 3rd)" in section_text(html, "voice-plan")


def test_sample_area_pages_show_their_cell_or_why_it_is_withheld(root_site):
    rows = {
        (r["local_authority_code"], r["postcode_sector"]): r
        for r in sample_rows("feedback.csv")
        if (r["cohort"], r["period"], r["level"]) == ("all", "all", "postcode-sector")
        and r["local_authority_code"] in sample_pilot_areas()  # areas with pages of homes
    }
    by_reason: dict[str, list[str]] = defaultdict(list)
    for (code, sector), row in rows.items():
        url = f"areas/{code.lower()}/{sector.lower().replace(' ', '-')}/"
        said = section_text(page(root_site, url), "voice-1-said")
        if row["withheld_reason"]:
            by_reason[row["withheld_reason"]].append(url)
            assert "is not shown: fewer than 10 responses" in said
            assert "The figure for Leeds" in said  # the authority's, published
        else:
            assert f"about {row['responses']} responses" in said
            assert f"{row['satisfied_pct']}%" in said
        assert page(root_site, url).find(id="voice-1-plan") is not None
    assert by_reason["too-few-responses"]  # the sample has withheld sectors


def test_sample_areas_outside_the_pilot_show_what_their_tenants_said(root_site):
    rows = {
        (r["local_authority_code"], r["postcode_sector"]): r
        for r in sample_rows("feedback.csv")
        if (r["cohort"], r["period"], r["level"]) == ("all", "all", "postcode-sector")
        and r["local_authority_code"] not in sample_pilot_areas()  # areas with no home pages
    }
    assert rows
    for (code, sector), row in rows.items():
        html = page(root_site, f"areas/{code.lower()}/{sector.lower().replace(' ', '-')}/")
        assert html.find(id="homes-caption") is None  # no home of the area is listed
        said = section_text(html, "area-said-heading")
        if row["withheld_reason"]:
            assert "is not shown: fewer than 10 responses" in said
        else:
            assert f"about {row['responses']} responses" in said
            assert f"{row['satisfied_pct']}%" in said
        assert html.find(id="voice-1-plan") is None  # no plan of homes not published
        assert html.find(id="area-summary-heading") is None  # nothing counted from them
