"""Every package is screened, ODX or not: the privacy gate fails closed.

An ordinary open-data package gets the generic rules (anonymisation rules v0.2, rule 9):
banned columns, personal data in any cell, free text nobody reviewed, the descriptor's own
texts; and a table that holds data about individual homes must declare the ODX profile.
"""

from __future__ import annotations

import json
import string

from helpers import Project, table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.privacy.columns import banned_column
from generator.privacy.home_tables import home_level_table


def refused(project: Project) -> str:
    run = project.validate()
    assert run.code == 1, run.output
    assert "Traceback" not in run.output
    return run.err


def test_an_ordinary_package_with_a_clean_table_passes(project):
    project.package(
        "prices",
        {"prices.csv": "region,year,price\nNorth,2024,180000\nSouth,2024,320000\n"},
        [table("prices", [("region", "string"), ("year", "year"), ("price", "integer")])],
    )
    project.write_config()
    run = project.validate()
    assert run.code == 0, run.output


def test_an_email_address_in_an_ordinary_table_is_refused_at_its_line(project):
    project.package(
        "contacts",
        {"contacts.csv": "team,note\nA,call us\nB,jo.bloggs@example.org\n"},
        [table("contacts", [("team", "string"), ("note", "string")])],
    )
    project.write_config()
    err = refused(project)
    assert "datapackages/contacts/contacts.csv:3: note: 'jo.bloggs@example.org' looks like" in err


def test_a_banned_column_in_an_ordinary_table_is_refused_at_its_schema_line(project):
    project.package(
        "raw",
        {"raw.csv": "id,Address Line 1\n1,somewhere\n"},
        [table("raw", [("id", "integer"), ("Address Line 1", "string")])],
    )
    project.write_config()
    err = refused(project)
    assert "datapackages/raw/datapackage.json:" in err
    assert "raw.Address Line 1: column 'Address Line 1' may not be published" in err


def test_a_raw_export_of_homes_without_the_odx_block_is_refused_with_how_to_declare_it(project):
    project.package(
        "export",
        {"homes.csv": "property_ref,bedrooms,rent\nP1,2,95\nP2,3,110\n"},
        [
            table(
                "homes",
                [("property_ref", "string"), ("bedrooms", "integer"), ("rent", "integer")],
            )
        ],
    )
    project.write_config()
    err = refused(project)
    assert "homes.property_ref: this table looks like data about individual homes" in err
    assert '"odx": {"profile": "homes/0.1"' in err


def test_free_text_in_an_ordinary_table_needs_a_review(project):
    long = "The tenant at the end of the road told us the boiler broke twice last winter."
    files = {"notes.csv": f'id,note\n1,"{long}"\n'}
    project.package("notes", files, [table("notes", [("id", "integer"), ("note", "string")])])
    project.write_config()
    assert "notes.csv:2: note: " in refused(project)
    reviewed = table("notes", [("id", "integer"), ("note", "string")])
    reviewed["schema"]["fields"][1]["odx:reviewed"] = True
    project.package("notes", files, [reviewed])
    assert project.validate().code == 0


def test_the_descriptor_of_an_ordinary_package_is_screened(project):
    project.package(
        "p",
        {"t.csv": "a\n1\n"},
        descriptor={
            "name": "p",
            "description": "Survey of 12 Cardigan Road, LS6 2AB",
            "resources": [table("t", [("a", "integer")])],
        },
    )
    project.write_config()
    assert "datapackages/p/datapackage.json:3: description: " in refused(project)


@st.composite
def planted_tables(draw):
    """A table with random neutral column names, and one personal value planted in it."""
    names = draw(
        st.lists(
            st.text(string.ascii_lowercase, min_size=3, max_size=8).filter(
                lambda n: home_level_table([n]) is None and banned_column("t", n) is None
            ),
            min_size=2,
            max_size=4,
            unique=True,
        )
    )
    rows = draw(st.integers(1, 30))
    plant = draw(
        st.sampled_from(
            ["jo@example.org", "LS6 2AB", "07700 900123", "+44 20 7946 0018", "AB 12 34 56 C"]
        )
    )
    where = (draw(st.integers(0, rows - 1)), draw(st.integers(0, len(names) - 1)))
    cells = [
        [plant if (r, c) == where else f"v{r}" for c in range(len(names))] for r in range(rows)
    ]
    return names, cells, where


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(planted=planted_tables())
def test_personal_data_planted_anywhere_in_an_ordinary_table_is_found(tmp_path_factory, planted):
    names, cells, (row, column) = planted
    project = Project(tmp_path_factory.mktemp("screen") / "project")
    text = ",".join(names) + "\n" + "".join(",".join(r) + "\n" for r in cells)
    project.package("p", {"t.csv": text}, [table("t", [(n, "string") for n in names])])
    project.write_config()
    err = refused(project)
    assert f"datapackages/p/t.csv:{row + 2}: {names[column]}: " in err
    assert "1 problem" in err


def test_home_level_tables_are_told_apart_from_ordinary_ones():
    assert home_level_table(["property_ref", "bedrooms"]) == "property_ref"
    assert home_level_table(["HomeID", "Postcode"]) == "HomeID"
    assert home_level_table(["asset_id", "tenancy_type"]) is None  # no housing fact
    assert home_level_table(["region_id", "bedrooms"]) is None  # not a home reference
    assert home_level_table(["year", "homes_built"]) is None


def test_descriptor_keys_numbers_and_nested_texts_are_screened(project):
    project.package(
        "p",
        {"t.csv": "a\n1\n"},
        descriptor={
            "name": "p",
            "x-notes": {"jo.bloggs@example.org": "ok", "deep": [{"caller": 7700900123}]},
            "resources": [table("t", [("a", "integer")])],
        },
    )
    project.write_config()
    err = refused(project)
    assert "datapackage.json:4: x-notes/jo.bloggs@example.org: 'jo.bloggs@example.org'" in err
    assert "x-notes/deep/0/caller: '7700900123' looks like a phone number" in err


def test_file_names_and_referenced_schemas_are_screened(project):
    schema = {"fields": [{"name": "a", "type": "integer", "description": "Asked at LS6 2AB"}]}
    project.package(
        "p",
        {"Mr Smith.csv": "a\n1\n", "schema.json": json.dumps(schema, indent=1)},
        descriptor={
            "name": "p",
            "resources": [{"name": "t", "path": "Mr Smith.csv", "schema": "schema.json"}],
        },
    )
    project.write_config()
    err = refused(project)
    assert "resources/0/path: 'Mr Smith.csv' looks like a person's name" in err
    assert "datapackages/p/schema.json:" in err
    assert ": fields/0/description: 'Asked at LS6 2AB' looks like a full postcode" in err


def test_a_column_that_counts_the_rows_is_no_identifier(project):
    """A row counter reaches six digits in any long table; numbers that start anywhere
    else, even consecutive ones (neighbouring homes get consecutive UPRNs), are judged."""
    rows = "".join(f"{n},x\n" for n in range(1, 100_006))
    project.package(
        "p", {"t.csv": "id,v\n" + rows}, [table("t", [("id", "integer"), ("v", "string")])]
    )
    project.write_config()
    assert project.validate().code == 0
    uprns = "".join(f"{n},x\n" for n in range(100023336956, 100023336966))
    project.package(
        "p", {"t.csv": "id,v\n" + uprns}, [table("t", [("id", "integer"), ("v", "string")])]
    )
    assert "t.csv:2: id: 100023336956 looks like a UPRN" in refused(project)


neutral_names = st.text(string.ascii_lowercase, min_size=1, max_size=6).filter(
    lambda n: banned_column("t", n) is None and home_level_table([n]) is None
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    names=st.lists(neutral_names, min_size=3, max_size=3, unique=True),
    ids=st.lists(st.integers(10**11, 10**12 - 1), min_size=6, max_size=25, unique=True),
    data=st.data(),
)
def test_identifiers_and_coordinates_are_found_whatever_the_columns_are_called(
    tmp_path_factory, names, ids, data
):
    """UPRNs in a column with a neutral name, and UK latitudes and longitudes in two more."""
    count = len(ids)

    def precise(low: int, high: int) -> st.SearchStrategy[float]:  # 5 places, last not 0
        return st.integers(low, high).map(lambda n: (n * 10 + 7) / 100_000)

    lats = data.draw(st.lists(precise(500_000, 580_000), min_size=count, max_size=count))
    lons = data.draw(st.lists(precise(-50_000, 15_000), min_size=count, max_size=count))
    rows = "".join(f"{i},{la:.5f},{lo:.5f}\n" for i, la, lo in zip(ids, lats, lons, strict=True))
    project = Project(tmp_path_factory.mktemp("shapes") / "project")
    fields = [(names[0], "integer"), (names[1], "number"), (names[2], "number")]
    project.package("p", {"t.csv": ",".join(names) + "\n" + rows}, [table("t", fields)])
    project.write_config()
    err = refused(project)
    assert f"t.{names[0]}: every value is a different 12 to 12 digit number" in err
    assert f"t.{names[1]}: with another column, the precise values" in err
    assert f"t.{names[2]}: with another column, the precise values" in err


def test_measures_that_only_look_large_or_precise_pass(project):
    rows = "".join(f"{n},{n * 1000003},{n / 7:.4f}\n" for n in range(1, 40))
    fields = [("n", "integer"), ("population", "integer"), ("rate", "number")]
    project.package("p", {"t.csv": "n,population,rate\n" + rows}, [table("t", fields)])
    project.write_config()
    run = project.validate()
    assert run.code == 0, run.output


def test_a_data_file_a_browser_would_run_is_not_published(project):
    """Pages serves a file by its name: data.html would be a page of the site."""
    project.package(
        "p",
        {"data.html": "<script>alert(1)</script>"},
        [{"name": "t", "path": "data.html", "format": "txt"}],
    )
    project.write_config()
    assert "t.path: a file named 'data.html' would be served as a page" in refused(project)


def test_xml_that_a_browser_would_render_is_refused_and_plain_xml_is_published(project):
    xhtml = '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'
    project.package(
        "p",
        {"a.xml": xhtml, "b.xml": "<rows><row id='1'>ok</row></rows>"},
        [{"name": "a", "path": "a.xml"}, {"name": "b", "path": "b.xml"}],
    )
    project.write_config()
    err = refused(project)
    assert "a.path: 'a.xml' holds XHTML, SVG, a script" in err
    assert "b.xml" not in err
