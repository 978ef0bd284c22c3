"""The data model, lifespans and TSM table are data files kept in step with the domain reference."""

from __future__ import annotations

from importlib import resources

import pytest
from helpers import DOMAIN

from generator.tenant.data import local_authority_names, tsm_measures

DATA = resources.files("generator.housing").joinpath("data/odx")
COPIES = [
    "lifespans.csv",
    "tsm_measures.csv",
    *(
        f"schemas/{name}.schema.json"
        for name in ("homes", "components", "investment_plan", "satisfaction", "corrections")
    ),
]


@pytest.mark.parametrize("name", COPIES)
def test_each_copy_is_byte_identical_to_the_domain_reference(name):
    assert DATA.joinpath(name).read_bytes() == (DOMAIN / name).read_bytes()


def test_every_tsm_code_of_the_satisfaction_schema_has_a_title_and_kind():
    import json

    schema = json.loads(DATA.joinpath("schemas/satisfaction.schema.json").read_text())
    codes = next(f for f in schema["fields"] if f["name"] == "measure_code")["constraints"]["enum"]
    measures = tsm_measures()
    for code in codes:
        assert measures[code]["title"] and measures[code]["kind"] in ("perception", "management")


def test_local_authority_names_cover_current_districts():
    names = local_authority_names()
    assert names["E08000035"] == "Leeds"
    assert names["W06000015"] == "Cardiff"
    assert names["S12000036"] == "City of Edinburgh"
    assert names["N09000003"] == "Belfast"
    assert (
        len([c for c in names if c[:3] in ("E06", "E07", "E08", "E09", "W06", "S12", "N09")]) >= 361
    )
