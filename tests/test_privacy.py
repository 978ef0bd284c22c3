"""The privacy gate: each anonymisation rule stops the build with a located message and a fix.

The example package (12 homes in two groups of 6) is the baseline: it passes k=5, fails the
default k=10, and each test plants one breach of one rule in it.
"""

from __future__ import annotations

import pytest
from helpers import EXAMPLE, Landlord, csv_rows, snapshot

from generator.privacy.columns import banned_column
from generator.privacy.detectors import cell_problem, date_problem, unrounded_pounds


def problems_of(landlord: Landlord) -> str:
    run = landlord.project.validate()
    assert run.code == 1, run.output
    assert "Traceback" not in run.output
    return run.err


def test_the_example_package_builds_with_k_5(landlord):
    run = landlord.project.build()
    assert run.code == 0, run.output
    assert (landlord.project.site / "homes/HBTRQJGF5C/index.html").is_file()


def test_the_example_package_fails_the_default_k_10_naming_the_small_groups(landlord):
    landlord.project.odx_options.pop("k_anonymity")
    landlord.project.write_config()
    err = problems_of(landlord)
    assert (
        "datapackages/example/homes.csv:2: k-anonymity: only 6 homes share "
        "local_authority_code=E08000035, postcode_sector=LS6 2, property_type=flat, "
        "built_form=not-applicable, bedrooms=1, build_period=1967-1975, "
        "heating_type=electric-storage, rent_type=social, epc_band=C, epc_lodgement_year=2015 "
        "(k=10 needed" in err
    )
    assert "datapackages/example/homes.csv:8: k-anonymity: only 6 homes share" in err
    assert "property_type=house, built_form=mid-terrace, bedrooms=3" in err
    assert "set odx.coarsen: true" in err


def test_heating_and_the_epc_count_as_quasi_identifiers(project):
    """The domain example as it is: its groups of six split by heating, EPC band and EPC
    year (all on the public EPC register with the address) into groups of one to three."""
    import shutil

    shutil.copytree(EXAMPLE, project.root / "datapackages" / "example")
    project.write_config(k_anonymity=5)
    run = project.validate()
    assert run.code == 1
    assert "k-anonymity: only 1 home shares" in run.err or "only 1 home share" in run.err
    assert "heating_type=electric-storage, rent_type=social, epc_band=C, " in run.err
    assert "epc_lodgement_year=2015 (k=5 needed" in run.err


def test_a_failed_gate_leaves_the_published_site_as_it_was(landlord):
    assert landlord.project.build().code == 0
    before = snapshot(landlord.project.site)
    landlord.edit("homes", 0, postcode_sector="LS6 2AB")
    assert landlord.project.build().code == 1
    assert snapshot(landlord.project.site) == before


def test_k_below_5_is_refused_in_the_config(landlord):
    landlord.project.write_config(k_anonymity=4)
    run = landlord.project.validate()
    assert run.code == 1
    assert "odx.k_anonymity: must be at least 5, not 4" in run.err


@pytest.mark.parametrize(
    ("column", "why"),
    [
        ("uprn", "a UPRN is a public identifier of an address"),
        ("Address Line 1", "personal data or locates an address"),
        ("tenant_name", "personal data"),
        ("SAP-score", "joins to the public EPC register"),
        ("lodgement_date", "publish epc_lodgement_year"),
        ("Latitude", "locates an address"),
    ],
)
def test_banned_columns_are_refused_at_their_line_in_the_descriptor(landlord, column, why):
    landlord.add_field("homes", {"name": column, "type": "string"}, ["x"] * 12)
    err = problems_of(landlord)
    descriptor_lines = (landlord.folder / "datapackage.json").read_text().splitlines()
    line = next(n for n, text in enumerate(descriptor_lines, 1) if f'"{column}"' in text)
    assert f"datapackages/example/datapackage.json:{line}: homes.{column}: column '{column}'" in err
    assert why in err
    assert "remove the column" in err


def test_name_is_banned_in_homes_and_components_but_not_elsewhere():
    assert banned_column("homes", "name")
    assert banned_column("components", "Name")
    assert banned_column("investment_plan", "name") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("LS6 2AB", "looks like a full postcode; publish the postcode sector only"),
        ("ls62ab", "looks like a full postcode"),
        ("jo@example.org", "looks like an email address"),
        ("call 0113 496 0000", "looks like a phone number"),
        ("+44 7700 900123", "looks like a phone number"),
        ("AB 12 34 56 C", "looks like a National Insurance number"),
        ("53.80123, -1.54912", "coordinates with more than 2 decimal places"),
    ],
)
def test_personal_data_in_a_text_cell_is_refused_at_its_line(landlord, value, expected):
    line = landlord.edit("investment_plan", 3, programme=value)
    err = problems_of(landlord)
    assert (
        f"datapackages/example/investment_plan.csv:{line}: programme: '{value}' {expected}" in err
    )


def test_ordinary_values_are_not_mistaken_for_personal_data():
    for value in ("LS6 2", "Kitchens 2027", "2024/25", "HBTRQJGF5C", "PL-1000", "53.8"):
        assert cell_problem("programme", value) is None, value


def test_a_long_number_in_a_ref_or_id_column_looks_like_a_uprn(landlord):
    line = landlord.edit("investment_plan", 0, plan_line_id="100023336956")
    err = problems_of(landlord)
    assert (
        f"investment_plan.csv:{line}: plan_line_id: '100023336956' a 6 to 12 digit number in a "
        "reference column looks like a UPRN or a system id" in err
    )


def test_full_dates_are_refused_in_home_data(landlord):
    line = landlord.edit("investment_plan", 1, programme="Bathrooms 14/03/2027")
    err = problems_of(landlord)
    assert f"investment_plan.csv:{line}: programme:" in err
    assert "a full date identifies events in a household; publish the year" in err


def test_a_date_typed_field_is_refused_in_the_schema(landlord):
    landlord.add_field("components", {"name": "surveyed_on", "type": "date"}, ["2023-04-01"] * 60)
    err = problems_of(landlord)
    assert "components.surveyed_on: a full date identifies events in a household" in err
    assert '"type": "year"' in err


def test_long_free_text_is_refused_unless_reviewed(landlord):
    text = "Tenant reported the boiler was leaking near the back bedroom door again"
    notes = [text] + [""] * 19
    landlord.add_field("investment_plan", {"name": "notes", "type": "string"}, notes)
    err = problems_of(landlord)
    assert (
        f"investment_plan.csv:2: notes: '{text[:37]}…' free text of {len(text)} characters" in err
    )
    assert '"odx:reviewed": true' in err

    data = landlord.descriptor
    plan = next(r for r in data["resources"] if r["name"] == "investment_plan")
    plan["schema"]["fields"][-1]["odx:reviewed"] = True
    plan["schema"]["fields"][-1]["odx:non-identifying"] = "notes on the work, not the home"
    landlord.save_descriptor(data)
    assert landlord.project.validate().code == 0


def test_costs_must_be_rounded_to_100_pounds(landlord):
    line = landlord.edit("investment_plan", 2, estimated_cost_gbp="3249")
    err = problems_of(landlord)
    assert (
        f"investment_plan.csv:{line}: estimated_cost_gbp: £3,249 is not rounded to £100; "
        "publish 3200" in err
    )


def test_every_breach_is_reported_in_one_run(landlord):
    landlord.edit("investment_plan", 0, programme="jo@example.org")
    landlord.edit("investment_plan", 1, estimated_cost_gbp="4801")
    landlord.add_field("homes", {"name": "uprn", "type": "string"}, ["1"] * 12)
    err = problems_of(landlord)
    assert "email address" in err
    assert "not rounded to £100" in err
    assert "column 'uprn'" in err


def test_small_tsm_cells_are_withheld_and_the_page_says_why(landlord):
    run = landlord.project.build()
    assert run.code == 0, run.output
    small = next(r for r in landlord.rows("satisfaction") if r["respondents"] == "7")
    page = landlord.project.page("datasets/example-landlord/overview/satisfaction/")
    text = page.get_text(" ")
    assert "1 satisfaction result for small areas was withheld" in text
    assert "fewer than 10 tenants answered" in text
    published = (landlord.project.site / "downloads/example-landlord/satisfaction.csv").read_text()
    assert f"{small['area']},{small['measure_code']},{small['value']}" not in published
    big = next(r for r in landlord.rows("satisfaction") if r["respondents"] == "143")
    assert f"{big['area']},{big['measure_code']},{big['value']}" in published


def test_coarsening_publishes_coarser_values_and_says_so(landlord):
    landlord.project.write_config(k_anonymity=10, coarsen=True)
    rows = landlord.rows("homes")
    copies = [  # six more flats in LS6 3 and six more houses in LS6 2
        dict(row, home_ref=f"ZZCOPY{'ABCDEFGHJKLM'[index]}X") for index, row in enumerate(rows)
    ]
    for row in copies[:6]:
        row["postcode_sector"] = "LS6 3"
    odd = dict(  # alone in its local authority, which has no ladder: it must be suppressed
        rows[6], home_ref="ZZALONE0WF", local_authority_code="E08000036", postcode_sector="WF1 1"
    )
    from helpers import write_csv_rows

    write_csv_rows(landlord.folder / "homes.csv", [*rows, *copies, odd])
    run = landlord.project.build()
    assert run.code == 0, run.output
    page = landlord.project.page("datasets/example-landlord/")
    text = " ".join(page.get_text(" ").split())
    assert "postcode sectors were published as districts" in text
    notes = [li.get_text() for li in page.select("#privacy + ul li")]
    coarsened = [n for n in notes if n.startswith("To keep every group")]
    assert not [n for n in coarsened if "EPC" in n or "heating" in n]  # only what groups need
    published = (landlord.project.site / "downloads/example-landlord/homes.csv").read_text()
    assert "LS6 2" not in published and ",LS6," in published
    assert "1 home still in a group of fewer than 10 was not published" in text
    assert not (landlord.project.site / "homes/ZZALONE0WF").exists()
    assert (landlord.project.site / "homes/HBTRQJGF5C/index.html").exists()
    import frictionless

    downloads = landlord.project.site / "downloads/example-landlord"
    report = frictionless.Package(str(downloads / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])


def test_coarsening_the_example_generalises_heating_and_the_epc_and_says_so(project):
    """The domain example as it is, coarsened at k=5: its groups of six come back once the
    EPC and heating are generalised or withheld; every home is published and its page says
    which facts are shown as wider groups, and which are not shown."""
    import shutil

    import frictionless

    shutil.copytree(EXAMPLE, project.root / "datapackages" / "example")
    project.write_config(k_anonymity=5, coarsen=True)
    run = project.build()
    assert run.code == 0, run.output
    notes = [
        li.get_text()
        for li in project.page("datasets/example-landlord/").select("#privacy + ul li")
    ]
    assert any("EPC" in note for note in notes) and any("heating" in note for note in notes)
    assert not [n for n in notes if "still in a group" in n]  # no home was suppressed
    home = project.page("homes/HBTRQJGF5C/")
    note = " ".join(home.select_one("p.privacy-note").get_text(" ").split())
    assert note.startswith("To keep this home among at least 5 similar homes")
    assert home.select_one("p.privacy-note a")["href"].endswith("#privacy")
    downloads = project.site / "downloads/example-landlord"
    report = frictionless.Package(str(downloads / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    published = csv_rows(downloads / "homes.csv")
    assert len(published) == 12
    assert {row["epc_lodgement_year"] for row in published} <= {"", "before 2016", "2016 or later"}


def test_each_landlord_package_keeps_its_own_privacy_decisions(project):
    """Three copies of the example on one site, coarsened at k=5: the first needs nothing
    coarsened (its groups share every fact), the other two need the EPC and heating withheld.
    Each home page follows the decisions of its own package."""
    import json
    import shutil

    from helpers import copy_example

    renames = {"alpha": None, "beta": lambda ref: ref[::-1], "gamma": lambda ref: ref[1:] + ref[0]}
    firsts = {}
    for slug, rename in renames.items():
        folder = project.root / "datapackages" / slug
        if rename is None:
            copy_example(folder)
        else:
            shutil.copytree(EXAMPLE, folder)
            refs = [row["home_ref"] for row in csv_rows(folder / "homes.csv")]
            for path in folder.glob("*.csv"):
                text = path.read_text(encoding="utf-8")
                for ref in refs:
                    text = text.replace(ref, rename(ref))
                path.write_text(text, encoding="utf-8")
        descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        descriptor["name"] = slug
        (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        firsts[slug] = csv_rows(folder / "homes.csv")[0]["home_ref"]
    project.write_config(k_anonymity=5, coarsen=True)
    run = project.build()
    assert run.code == 0, run.output
    alpha = project.page(f"homes/{firsts['alpha']}/")
    assert alpha.select_one("p.privacy-note") is None
    assert "Withheld to protect privacy" not in alpha.get_text()
    for slug in ("beta", "gamma"):
        home = project.page(f"homes/{firsts[slug]}/")
        note = " ".join(home.select_one("p.privacy-note").get_text(" ").split())
        assert note.startswith("To keep this home among at least 5 similar homes"), slug
        assert "Withheld to protect privacy" in home.get_text(), slug


def test_privacy_report_shows_how_close_each_group_is_to_k(landlord):
    from helpers import odx

    run = odx("privacy-report", "--config", landlord.project.config)
    assert run.code == 0, run.output
    assert "example-landlord: 12 homes in 2 groups; k = 5; 0 groups below k" in run.out
    assert "groups of   5-9 homes:      2 groups,       12 homes" in run.out

    landlord.project.write_config(k_anonymity=10)
    run = odx("privacy-report", "--config", landlord.project.config)
    assert run.code == 1
    assert "2 groups below k (12 homes)" in run.out
    assert "     6  local_authority_code=E08000035, postcode_sector=LS6 2, property_type=flat" in (
        run.out
    )
    assert "k-anonymity: only 6 homes share" in run.err


@pytest.mark.parametrize(
    "column",
    [
        "ADDRESS1",
        "addr_line_1",
        "street_name",
        "house_no",
        "property_uprn",
        "TOTAL_FLOOR_AREA",
        "floor_area_m2",
        "CURRENT_ENERGY_EFFICIENCY",
        "sap_rating",
        "tenant_full_name",
        "D.O.B",
        "PostCode",
        "home_lat",
    ],
)
def test_export_headers_that_hold_banned_data_are_refused(column):
    assert banned_column("homes", column), column


@pytest.mark.parametrize(
    "column",
    ["postcode_sector", "postcode_district", "component_age", "latest_survey", "programme_name"],
)
def test_model_and_ordinary_columns_are_not_mistaken_for_banned_ones(column):
    assert banned_column("investment_plan", column) is None, column


@pytest.mark.parametrize(
    "value",
    ["(0113) 496 0000", "(020) 7946 0000", "0044 7700 900123", "07700.900.123", "07700 900123"],
)
def test_uk_phone_numbers_in_any_common_format_are_found(value):
    assert cell_problem("programme", value) == "looks like a phone number; remove it"


@pytest.mark.parametrize("value", ["LS6-2AB", "LS6.2AB", "ls6 2ab", "EC1A 1BB"])
def test_full_postcodes_with_any_separator_are_found(value):
    assert "full postcode" in cell_problem("programme", value)


@pytest.mark.parametrize(
    "value",
    [
        "2024-03-15T10:00:00",
        "2024/03/15",
        "15/03/24",
        "20240315",
        "15th March 2024",
        "March 15, 2024",
        "15-Mar-2024",
    ],
)
def test_full_dates_in_any_common_format_are_found(value):
    assert date_problem(value), value


@pytest.mark.parametrize("value", ["2024/25", "2026-27", "Kitchens 2027", "1967-1975"])
def test_years_and_year_ranges_are_not_dates(value):
    assert date_problem(value) is None, value


def test_ids_coordinates_and_pounds_are_found_whatever_the_column_is_called():
    assert "UPRN" in cell_problem("AssetRef", "100023336956")
    assert "UPRN" in cell_problem("asset-ref", "100023336956")
    assert "coordinates" in cell_problem("notes", "53.8008:-1.5491")
    assert unrounded_pounds("about £1,234 in 2027") == 1234
    assert unrounded_pounds("£6,500") is None


def test_structured_and_numeric_cells_are_checked_too(landlord):
    landlord.add_field(
        "homes",
        {"name": "extra", "type": "object"},
        ['{"contact": "jo@example.org"}'] + ["{}"] * 11,
    )
    landlord.add_field(
        "homes", {"name": "asset_ref", "type": "number"}, ["100023336956"] + ["1"] * 11
    )
    landlord.add_field("homes", {"name": "x", "type": "number"}, ["53.817456"] + ["1"] * 11)
    err = problems_of(landlord)
    assert "homes.csv:2: extra:" in err and "email address" in err
    assert "homes.csv:2: asset_ref: '100023336956' 100023336956 looks like a UPRN" in err or (
        "homes.csv:2: asset_ref: 100023336956 looks like a UPRN" in err
    )
    assert "homes.csv:2: x: '53.817456' coordinates with more than 2 decimal places" in err


def test_unrounded_costs_are_found_in_any_cost_column(landlord):
    landlord.add_field(
        "investment_plan", {"name": "Cost GBP", "type": "string"}, ["£1,234"] + ["£100"] * 19
    )
    err = problems_of(landlord)
    assert "investment_plan.csv:2: Cost GBP: '£1,234' £1,234 is not rounded to £100" in err


def test_an_odx_package_publishes_only_tables_the_gate_has_read(landlord):
    (landlord.folder / "letters.txt").write_text("Dear Jo, 12 Cardigan Road LS6 2AB")
    data = landlord.descriptor
    data["resources"].append({"name": "letters", "path": "letters.txt"})
    landlord.save_descriptor(data)
    err = problems_of(landlord)
    assert "letters.path: the privacy gate can only check tables" in err


def test_odx_tables_must_be_single_csv_files(landlord):
    (landlord.folder / "more.csv").write_text("landlord_code,year,scope,area,measure_code\n")
    data = landlord.descriptor
    data["resources"][3]["path"] = ["satisfaction.csv", "more.csv"]
    landlord.save_descriptor(data)
    assert "satisfaction.path: the ODX table 'satisfaction' must be one CSV file" in problems_of(
        landlord
    )


def test_stray_files_in_an_odx_package_folder_never_reach_the_zip(landlord):
    import zipfile

    (landlord.folder / "tenants_private.csv").write_text("name,address\nJo,12 Cardigan Road\n")
    assert landlord.project.build().code == 0
    zipped = zipfile.ZipFile(landlord.project.site / "downloads/example-landlord.zip").namelist()
    assert "example-landlord/tenants_private.csv" not in zipped
    assert "example-landlord/homes.csv" in zipped


def test_personal_data_in_the_descriptors_own_texts_is_refused(landlord):
    data = landlord.descriptor
    data["description"] = "Ask Jo on 0113 496 0000 about 12 Cardigan Road, LS6 2AB."
    data["contributors"][0]["email"] = "data@example.org"  # a contact address is fine
    landlord.save_descriptor(data)
    err = problems_of(landlord)
    line = line_of_text(landlord, '"description": "Ask Jo')
    assert f"datapackage.json:{line}: description: 'Ask Jo on 0113" in err
    assert "email" not in err


def line_of_text(landlord: Landlord, needle: str) -> int:
    lines = (landlord.folder / "datapackage.json").read_text().splitlines()
    return next(n for n, text in enumerate(lines, 1) if needle in text)


def test_a_fact_about_a_home_outside_the_homes_table_is_refused_unless_declared(landlord):
    """An exact build year in a resource of one's own, keyed by home_ref, would pass by the
    k-anonymity check of the homes table: it is refused until moved there or declared."""
    refs = [row["home_ref"] for row in landlord.rows("homes")]
    (landlord.folder / "extra.csv").write_text(
        "home_ref,build_year\n" + "".join(f"{ref},{1960 + n}\n" for n, ref in enumerate(refs))
    )
    data = landlord.descriptor
    field = {"name": "build_year", "type": "integer"}
    data["resources"].append(
        {
            "name": "extra",
            "path": "extra.csv",
            "schema": {"fields": [{"name": "home_ref", "type": "string"}, field]},
        }
    )
    landlord.save_descriptor(data)
    assert "extra.build_year: a column beside home_ref is a fact about a home" in problems_of(
        landlord
    )
    field["odx:non-identifying"] = "the year the landlord bought it, which no register holds"
    landlord.save_descriptor(data)
    run = landlord.project.validate()
    assert run.code == 0, run.output


def test_an_extra_column_of_the_components_is_a_fact_about_a_home_too(landlord):
    count = len(landlord.rows("components"))
    landlord.add_field("components", {"name": "storeys", "type": "integer"}, ["2"] * count)
    assert "components.storeys: a column beside home_ref is a fact about a home" in problems_of(
        landlord
    )
