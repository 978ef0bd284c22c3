"""What an area page says about its homes before listing them: counted once per area, and
never a count small enough to single out a home."""

from __future__ import annotations

import time

from generator.tenant.area_summary import AreaFigures, counted
from generator.tenant.areas import AreaHome, area_pages
from generator.tenant.data import Correction, OdxData

AS_OF = 2025
LEEDS = ("E08000035", "LS6 2")


def home(ref: str, kind: str = "house", band: str = "C", sector: str = "LS6 2") -> dict:
    return {
        "home_ref": ref,
        "local_authority_code": "E08000035",
        "postcode_sector": sector,
        "property_type": kind,
        "epc_band": band,
    }


def boiler(install: int) -> dict:
    return {"component_type": "boiler", "install_year": install, "expected_life_years": 15}


def sector_of(homes: list[dict], **extra) -> OdxData:
    return OdxData(homes=homes, **extra)


def summary(data: OdxData, k: int = 3, epc_withheld: bool = False) -> dict:
    figures = AreaFigures()
    figures.add(data, as_of_year=AS_OF, epc_withheld=epc_withheld)
    view = figures.view(LEEDS, k=k)
    assert view is not None
    return view


def rows(part: dict) -> dict[str, str]:
    return {row["label"]: row["count"] for row in part["rows"]}


def test_an_area_counts_its_homes_by_type_and_energy_rating():
    homes = [home(f"H{n}", "house", "C") for n in range(4)]
    homes += [home(f"F{n}", "flat", "D") for n in range(3)]
    view = summary(sector_of(homes))
    assert rows(view["types"]) == {"House": "4", "Flat": "3"}
    assert rows(view["epc"]) == {"Band C": "4", "Band D": "3"}
    assert view["summary"].startswith("7 homes. The most common type: house (4).")
    assert "Homes in EPC band C or better: 4." in view["summary"]
    assert 'role="img"' in str(view["types"]["chart"])


def test_counts_below_k_are_shown_as_fewer_than_k_and_gathered_into_other():
    homes = [home(f"H{n}", "house", "C") for n in range(5)]
    homes += [home("F1", "flat", "G"), home("B1", "bungalow", "G")]
    view = summary(sector_of(homes), k=3)
    assert rows(view["types"]) == {"House": "5", "Other": "fewer than 3"}
    assert rows(view["epc"]) == {"Band C": "5", "Other": "fewer than 3"}
    assert "Band G" not in str(view["epc"]["chart"])
    homes.append(home("M1", "maisonette", "G"))
    assert rows(summary(sector_of(homes), k=3)["types"]) == {"House": "5", "Other": "3"}


def test_a_count_of_zero_is_not_hidden_and_k_or_more_is_exact():
    assert counted(0, 10) == "0"
    assert counted(9, 10) == "fewer than 10"
    assert counted(10_000, 10) == "10,000"


def test_components_falling_due_and_planned_works_look_five_years_ahead():
    homes = [home(f"H{n}") for n in range(4)]
    components = {
        "H0": [boiler(2012)],  # due 2027
        "H1": [boiler(2014)],  # due 2029
        "H2": [boiler(2015), {"component_type": "roof", "install_year": 1990}],  # 2030; roof
        "H3": [boiler(2020)],  # due 2035: beyond the five years
    }
    plan = {
        f"H{n}": [
            {"component_type": "boiler", "planned_year": year, "estimated_cost_gbp": 3000}
            for year in (2026, 2028, 2031)  # 2031 is past the five years
        ]
        for n in range(4)
    }
    plan["H0"].append({"component_type": "roof", "planned_year": 2026, "status": "completed"})
    view = summary(sector_of(homes, components=components, plan=plan), k=3)
    assert view["year"] == AS_OF + 5
    assert rows(view["due"]) == {"Boiler": "3"}
    assert view["works"] == {"count": "8", "spend": "£24,000"}
    assert (
        "By 2030, 3 components fall due and the plan holds 8 works costing £24,000."
        in view["summary"]
    )


def test_spend_is_not_shown_for_fewer_than_k_works():
    homes = [home(f"H{n}") for n in range(4)]
    plan = {"H0": [{"component_type": "roof", "planned_year": 2026, "estimated_cost_gbp": 9000}]}
    view = summary(sector_of(homes, plan=plan), k=3)
    assert view["works"] == {"count": "fewer than 3", "spend": ""}
    assert "£" not in view["summary"]


def test_corrections_received_include_rejected_ones_and_accepted_are_counted_apart():
    homes = [home(f"H{n}") for n in range(4)]
    accepted = Correction("1", "D", "accepted", "", 2025)
    submitted = Correction("2", "E", "submitted", "", None)
    corrections = {
        ("H0", "", "epc_band"): [accepted, submitted],
        ("H1", "boiler", "install_year"): [accepted, accepted],
    }
    view = summary(sector_of(homes, corrections=corrections, rejected={"H2": 3}), k=3)
    assert view["corrections"] == {"received": "7", "accepted": "3"}


def test_withheld_epc_bands_are_not_summed_up():
    view = summary(sector_of([home(f"H{n}") for n in range(4)]), epc_withheld=True)
    assert view["epc"] is None
    assert "EPC" not in view["summary"]


def test_each_area_is_summed_up_apart_and_only_its_first_page_carries_it():
    homes = [home(f"A{n}") for n in range(4)] + [home(f"B{n}", sector="LS6 3") for n in range(5)]
    figures = AreaFigures()
    figures.add(sector_of(homes), as_of_year=AS_OF, epc_withheld=False)
    assert figures.view(LEEDS, k=3)["summary"].startswith("4 homes.")
    assert figures.view(("E08000035", "LS6 3"), k=3)["summary"].startswith("5 homes.")
    assert figures.view(("E08000035", "LS6 9"), k=3) is None
    listed = [AreaHome("E08000035", "LS6 2", f"R{n:04d}", "House", "C", "L") for n in range(450)]
    pages = area_pages(listed, lambda code, sector: figures.view((code, sector), k=3))
    sector_pages = [p for p in pages if p.template == "odx_area.html"]
    assert [bool(p.context["area"]["summary"]) for p in sector_pages] == [True, False, False]


def test_a_large_landlord_is_counted_in_one_pass():
    """100,000 homes in 2,000 areas: the counting grows with the rows, not areas x homes."""
    homes = [home(f"H{n:06d}", sector=f"LS{n % 2000}") for n in range(100_000)]
    components = {h["home_ref"]: [boiler(2012)] for h in homes}
    started = time.perf_counter()
    figures = AreaFigures()
    figures.add(sector_of(homes, components=components), as_of_year=AS_OF, epc_withheld=False)
    views = [figures.view(("E08000035", f"LS{n}"), k=10) for n in range(2000)]
    assert time.perf_counter() - started < 5
    assert all(rows(v["due"]) == {"Boiler": "50"} for v in views)
