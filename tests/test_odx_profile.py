"""ODX packages are held to the data model: resources, fields, types and the rules between them."""

from __future__ import annotations

import json

import pytest
from helpers import Landlord, copy_example

from generator.housing import data_model


def problems_of(landlord: Landlord) -> str:
    run = landlord.project.validate()
    assert run.code == 1, run.output
    assert "Traceback" not in run.output
    return run.err


def line_of(landlord: Landlord, needle: str) -> int:
    lines = (landlord.folder / "datapackage.json").read_text().splitlines()
    return next(n for n, text in enumerate(lines, 1) if needle in text)


def test_the_project_schemas_are_the_data_model():
    schemas = data_model.contract_schemas()
    assert set(schemas) == {
        "homes",
        "components",
        "investment_plan",
        "satisfaction",
        "corrections",
        "feedback",
        "corrections_by_month",
    }
    assert "home_ref" in data_model.required_fields("homes")
    assert "block_ref" not in data_model.required_fields("homes")  # optional field


def test_an_unknown_profile_is_refused(landlord):
    data = landlord.descriptor
    data["odx"]["profile"] = "homes/9.9"
    landlord.save_descriptor(data)
    err = problems_of(landlord)
    line = line_of(landlord, '"profile"')
    assert f"datapackage.json:{line}: odx.profile: unknown profile 'homes/9.9'" in err


def test_as_of_must_be_a_date(landlord):
    data = landlord.descriptor
    data["odx"]["as_of"] = "last October"
    landlord.save_descriptor(data)
    assert "odx.as_of: 'last October' is not a date" in problems_of(landlord)


def test_a_missing_required_resource_is_a_located_error(landlord):
    data = landlord.descriptor
    data["resources"] = [r for r in data["resources"] if r["name"] != "investment_plan"]
    landlord.save_descriptor(data)
    err = problems_of(landlord)
    line = line_of(landlord, '"resources"')
    assert (
        f"datapackage.json:{line}: resources: the ODX profile needs a resource named "
        "'investment_plan'" in err
    )


def test_a_missing_required_field_is_a_located_error(landlord):
    data = landlord.descriptor
    homes = data["resources"][0]
    homes["schema"]["fields"] = [f for f in homes["schema"]["fields"] if f["name"] != "rent_type"]
    landlord.save_descriptor(data)
    err = problems_of(landlord)
    assert "homes.rent_type: the ODX profile requires the field 'rent_type' (Rent type)" in err


def test_a_field_of_the_wrong_type_is_a_located_error(landlord):
    data = landlord.descriptor
    bedrooms = next(f for f in data["resources"][0]["schema"]["fields"] if f["name"] == "bedrooms")
    bedrooms["type"] = "string"
    bedrooms["constraints"] = {"required": True}
    landlord.save_descriptor(data)
    err = problems_of(landlord)
    assert "homes.bedrooms: type 'string' differs from the ODX profile" in err
    assert '"type": "integer"' in err


def test_the_models_constraints_apply_even_when_the_package_drops_them(landlord):
    data = landlord.descriptor
    field = next(f for f in data["resources"][0]["schema"]["fields"] if f["name"] == "epc_band")
    field.pop("constraints")
    landlord.save_descriptor(data)
    line = landlord.edit("homes", 0, epc_band="Z")
    err = problems_of(landlord)
    assert f"homes.csv:{line}: epc_band:" in err


def test_extra_resources_and_fields_are_fine_once_declared(landlord):
    """A resource of the landlord's own is refused until each of its columns is declared
    non-identifying: whatever its key is called, it could carry facts about each home."""
    landlord.add_field("homes", {"name": "has_garden", "type": "boolean"}, ["true"] * 12)
    (landlord.folder / "notes.csv").write_text("topic,count\nrepairs,3\n")
    data = landlord.descriptor
    fields = [{"name": "topic", "type": "string"}, {"name": "count", "type": "integer"}]
    data["resources"].append({"name": "notes", "path": "notes.csv", "schema": {"fields": fields}})
    landlord.save_descriptor(data)
    err = landlord.project.build().err
    assert "notes.topic: a column of a table of your own is a fact about a home" in err
    assert "home_ref" not in err
    for field in fields:
        field["odx:non-identifying"] = "counts of repair topics across the landlord"
    landlord.save_descriptor(data)
    run = landlord.project.build()
    assert run.code == 0, run.output
    assert (landlord.project.site / "datasets/example-landlord/notes/index.html").is_file()


def test_overview_is_a_reserved_resource_name(landlord):
    (landlord.folder / "overview.csv").write_text("a\n1\n")
    data = landlord.descriptor
    data["resources"].append({"name": "overview", "path": "overview.csv"})
    landlord.save_descriptor(data)
    assert "'overview' is the address of the landlord's overview page" in problems_of(landlord)


def test_home_refs_are_unique_across_packages(landlord):
    twin = landlord.folder.parent / "twin"
    copy_example(twin)
    data = json.loads((twin / "datapackage.json").read_text())
    data["name"] = "twin-landlord"
    (twin / "datapackage.json").write_text(json.dumps(data))
    err = problems_of(landlord)
    assert (
        "datapackages/twin/homes.csv:2: home_ref: home ref 'HBTRQJGF5C' is already used by the "
        "package 'example-landlord'" in err
    )


def test_tsm_rows_are_unique_per_landlord_year_scope_area_and_measure(landlord):
    rows = landlord.rows("satisfaction")
    from helpers import write_csv_rows

    write_csv_rows(landlord.folder / "satisfaction.csv", [*rows, rows[0]])
    err = problems_of(landlord)
    assert f"satisfaction.csv:{len(rows) + 2}: measure_code: TP01 for 2023/24 LCRA" in err
    assert "already given on row 2" in err


def test_an_area_result_needs_its_respondents(landlord):
    index = next(i for i, r in enumerate(landlord.rows("satisfaction")) if r["area"])
    line = landlord.edit("satisfaction", index, respondents="")
    err = problems_of(landlord)
    assert f"satisfaction.csv:{line}: respondents: a result for area" in err


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"home_ref": "NOSUCHHOME"}, 'home_ref: broken foreign key: for "home_ref"'),
        ({"field": "colour"}, "field: 'colour' is not a field of components that can be corrected"),
        (
            {"component_type": "chimney"},
            "component_type: home UZNECQUFQG has no 'chimney' component",
        ),
        (
            {"proposed_value": "last year"},
            "proposed_value: 'last year' is not a valid components.install_year",
        ),
    ],
)
def test_a_correction_must_name_a_known_home_field_and_a_valid_value(landlord, change, expected):
    line = landlord.edit("corrections", 0, **change)
    err = problems_of(landlord)
    assert f"corrections.csv:{line}: {expected}" in err
