"""Linkage: no published home can be narrowed to fewer than k homes with a public register.

An attacker holds, for every address, what the EPC register and a look from the street give
(local authority, postcode sector, type, built form, bedrooms, build period, heating, EPC band
and year) and joins it with what the site publishes. These tests make random portfolios,
build them with ``coarsen: true``, simulate that register from the very homes the landlord
holds, and check every published home's match set, in the downloads, on the area pages and on
the home pages.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from typing import Any

import pytest
from helpers import EXAMPLE, Project, csv_rows, write_csv_rows
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.privacy.coarsening import ladders
from generator.privacy.kanonymity import QUASI_IDENTIFIERS
from generator.tenant.homes import HOME_FACTS, _shown

pytestmark = pytest.mark.full

AS_OF_YEAR = 2026  # the example's as_of
SECTORS = {"E08000035": ("LS6 2", "LS6 3", "LS7 4"), "E08000032": ("BD3 7", "BD5 0")}
HOMES_FIELDS = list(csv_rows(EXAMPLE / "homes.csv")[0])


def home_strategy(extra: bool) -> st.SearchStrategy[dict[str, Any]]:
    authority = st.sampled_from(sorted(SECTORS))
    return authority.flatmap(
        lambda code: st.fixed_dictionaries(
            {
                "local_authority_code": st.just(code),
                "postcode_sector": st.sampled_from(SECTORS[code]),
                "property_type": st.sampled_from(["house", "flat", "bungalow", "maisonette"]),
                "built_form": st.sampled_from(["mid-terrace", "semi-detached", "not-applicable"]),
                "bedrooms": st.sampled_from(["1", "2", "3", "4"]),
                "build_period": st.sampled_from(["1930-1949", "1967-1975", "1996-2002"]),
                "rent_type": st.sampled_from(["social", "affordable"]),
                "heating_type": st.sampled_from(["gas-boiler", "electric-storage", "heat-pump"]),
                "epc_band": st.sampled_from(["B", "C", "D", "E", ""]),
                "epc_lodgement_year": st.sampled_from(["2012", "2015", "2019", "2023", ""]),
                **({"build_year": st.integers(1930, 2010).map(str)} if extra else {}),
            }
        )
    )


portfolios = st.tuples(st.booleans(), st.integers(12, 45), st.sampled_from([5, 10])).flatmap(
    lambda spec: st.tuples(
        st.lists(home_strategy(spec[0]), min_size=spec[1], max_size=spec[1]), st.just(spec[2])
    )
)


def write_portfolio(project: Project, homes: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The example package with ``homes`` as its homes (and no components or plan lines)."""
    folder = project.root / "datapackages" / "example"
    shutil.copytree(EXAMPLE, folder)
    rows = []
    for number, home in enumerate(homes):
        rows.append(
            {
                **dict.fromkeys(HOMES_FIELDS, ""),
                "home_ref": f"H{number:07d}XZ",
                "dhs_status": "meets",
                **home,
            }
        )
    fields = HOMES_FIELDS + (["build_year"] if "build_year" in homes[0] else [])
    write_csv_rows(folder / "homes.csv", rows, fields)
    if "build_year" in homes[0]:
        data = json.loads((folder / "datapackage.json").read_text())
        homes_resource = next(r for r in data["resources"] if r["name"] == "homes")
        homes_resource["schema"]["fields"].append({"name": "build_year", "type": "year"})
        (folder / "datapackage.json").write_text(json.dumps(data))
    for name in ("components", "investment_plan", "corrections"):
        path = folder / f"{name}.csv"
        path.write_text(path.read_text().splitlines()[0] + "\n")
    return rows


def compatible(column: str, published: str, known: str) -> bool:
    """Whether a published value could be the coarsening of what the register says."""
    if published in ("", known):
        return True
    return any(
        str(rung.apply(known)) == published
        for rung in ladders(AS_OF_YEAR).get(column, ())
        if known != "" and rung.apply(known) is not None
    )


@settings(
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(portfolio=portfolios)
def test_every_published_home_hides_among_k_homes_of_the_register(tmp_path_factory, portfolio):
    homes, k = portfolio
    project = Project(tmp_path_factory.mktemp("linkage") / "project")
    register = write_portfolio(project, homes)  # what the public sources hold, by address
    project.write_config(k_anonymity=k, coarsen=True)
    run = project.build()
    assert run.code == 0, run.output

    published = csv_rows(project.site / "downloads/example-landlord/homes.csv")
    known = {home["home_ref"]: home for home in register}
    public = [*QUASI_IDENTIFIERS, *(["build_year"] if "build_year" in register[0] else [])]
    for home in published:
        truth = known[home["home_ref"]]
        matches = [
            other for other in published if all(compatible(c, other[c], truth[c]) for c in public)
        ]
        assert len(matches) >= k, (home["home_ref"], len(matches))

    # every grouping the site lists holds at least k homes: the areas and their sectors
    listed: Counter[str] = Counter()
    for page in (project.site / "areas").glob("*/*/index.html"):
        url = page.parent.relative_to(project.site).as_posix() + "/"
        listed[url] += len(project.page(url).select("main tbody th a"))
    assert all(size >= k for size in listed.values()), listed
    assert bool(listed) == bool(published)

    # and the home pages show the published values, never the landlord's own
    descriptor = json.loads(
        (project.site / "downloads/example-landlord/datapackage.json").read_text()
    )
    schema = next(r for r in descriptor["resources"] if r["name"] == "homes")["schema"]
    withheld = {
        f["name"] for f in schema["fields"] if f.get("description", "").startswith("Withheld")
    }
    for home in published[:3]:
        page = project.page(f"homes/{home['home_ref']}/")
        facts = {dt.get_text(): dt.find_next("dd").get_text(" ", strip=True) for dt in page("dt")}
        for column, label in HOME_FACTS:
            if column not in QUASI_IDENTIFIERS or label not in facts:
                continue
            value: Any = home[column] or None
            if column == "bedrooms" and value and value.isdigit():
                value = int(value)
            expected = (
                "Withheld to protect privacy" if column in withheld else _shown(column, value)
            )
            assert facts[label].startswith(expected), (column, facts[label], expected)
