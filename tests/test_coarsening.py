"""The coarsening ladder and the files published after it."""

from __future__ import annotations

import pytest

from generator.privacy.coarsening import bedroom_band, district, wide_period
from generator.privacy.published_files import coarsened_descriptor, rewrite_csv


def test_a_sector_coarsens_to_its_district():
    assert district("LS6 2") == "LS6"
    assert district("EC1A 1") == "EC1A"
    assert district(None) is None


@pytest.mark.parametrize(
    ("period", "band"),
    [
        ("before-1900", "pre-1945"),
        ("1930-1949", "pre-1945"),
        ("1950-1966", "1945-1980"),
        ("1976-1982", "1945-1980"),
        ("1983-1990", "1981-2000"),
        ("1996-2002", "1981-2000"),
        ("2003-2006", "2001-onwards"),
        ("2022-onwards", "2001-onwards"),
    ],
)
def test_build_periods_coarsen_to_the_band_they_start_in(period, band):
    assert wide_period(period) == band


@pytest.mark.parametrize(
    ("bedrooms", "band"), [(0, "0-1"), (1, "0-1"), (2, "2"), (3, "3+"), (5, "3+")]
)
def test_bedrooms_coarsen_to_bands(bedrooms, band):
    assert bedroom_band(bedrooms) == band
    assert bedroom_band(str(bedrooms)) == band


def test_rewritten_csv_leaves_out_withheld_records_and_maps_columns(tmp_path):
    source = tmp_path / "homes.csv"
    source.write_text('ref,sector,note\nA,LS6 2,"x, y"\nB,LS6 3,\nC,LS7 1,z\n', encoding="utf-8")
    out = rewrite_csv(source, encoding="utf-8", withheld={3}, columns={"sector": district})
    assert out.decode() == 'ref,sector,note\nA,LS6,"x, y"\nC,LS7,z\n'


def test_the_published_descriptor_declares_coarsened_fields_as_published():
    from generator.privacy.coarsening import Coarsening, ladders

    data = {
        "resources": [
            {
                "name": "homes",
                "schema": {
                    "fields": [
                        {
                            "name": "postcode_sector",
                            "type": "string",
                            "constraints": {"pattern": "x"},
                        },
                        {"name": "bedrooms", "type": "integer", "constraints": {"maximum": 5}},
                    ]
                },
            }
        ]
    }
    found = ladders(2026)
    coarsening = Coarsening(10, rungs=[found["postcode_sector"][0], found["bedrooms"][0]])
    fields = coarsened_descriptor(data, coarsening)["resources"][0]["schema"]["fields"]
    assert fields[0]["constraints"]["pattern"] == "^[A-Z]{1,2}[0-9][0-9A-Z]?$"
    assert fields[1]["type"] == "string"
    assert fields[1]["constraints"] == {"enum": ["0-1", "2", "3+"]}
    assert data["resources"][0]["schema"]["fields"][1]["type"] == "integer"  # not changed


def test_a_homes_schema_kept_in_its_own_file_is_published_inside_the_descriptor():
    """The schema file says what the landlord's data was; the published descriptor carries
    the schema of what is published, coarsened fields declared as they now are."""
    from generator.privacy.coarsening import Coarsening, ladders

    data = {"resources": [{"name": "homes", "path": "homes.csv", "schema": "homes.schema.json"}]}
    resolved = {"fields": [{"name": "bedrooms", "type": "integer"}]}
    found = ladders(2026)
    coarsening = Coarsening(10, rungs=[found["bedrooms"][0]])
    published = coarsened_descriptor(data, coarsening, {"homes": resolved})
    [bedrooms] = published["resources"][0]["schema"]["fields"]
    assert bedrooms["type"] == "string"
    assert bedrooms["constraints"] == {"enum": ["0-1", "2", "3+"]}
    assert resolved == {"fields": [{"name": "bedrooms", "type": "integer"}]}  # not changed
    assert data["resources"][0]["schema"] == "homes.schema.json"  # not changed
