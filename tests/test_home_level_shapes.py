"""The privacy gate knows data about homes and identifiers by their values, not their names.

A table about individual homes in a package without the ``odx`` block is refused whatever
its columns are called: a key that differs on every row beside two housing facts of
different kinds (EPC bands, property types, built forms, postcode sectors or districts,
build periods, heating, tenures, bedroom counts in a column named like beds or rooms), or a
column named as a reference to a home beside one. Figures about groups of homes (with a
count of homes, or with no column that tells the rows apart) pass.

UPRNs and coordinates are judged by their shape in text columns as in number columns; in
a column named as a reference, a key or a place, one value is enough, repeated or not.

``"odx:non-identifying"`` needs a reason that says something; a column of a resource of
one's own is told so in its own words.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import string

import pytest
from helpers import REALWORLD, Project, odx, table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import check
from generator.core.problems import Problem
from generator.privacy.columns import LOCATION_WORDS, banned_column, column_words
from generator.privacy.home_tables import HOME_LEVEL_START, home_level_table
from generator.privacy.housing_facts import (
    count_named,
    fact_named,
    home_reference_named,
    key_named,
    rooms_named,
)
from generator.privacy.screening import GOOD_REASON, TableScreen, reason_problem

UPRN_SHAPE = "digit number: the column looks like a UPRN or a system id"
COORDINATES = "read as the latitude and longitude of places in the United Kingdom"
WEAK_REASON = '"odx:non-identifying" must say why the column cannot single out a home'

# Values of each housing fact, as exports write them.
FACT_VALUES = {
    "epc": ["A", "B", "C", "D", "E", "F", "G"],
    "type": ["house", "flat", "bungalow", "maisonette", "bedsit", "Flat", "House"],
    "form": ["detached", "semi-detached", "mid-terrace", "end-terrace", "Semi Detached"],
    "area": ["LS6 2", "LS6 3", "BD3 7", "HX1 4", "LS7", "BD5"],
    "period": ["1930-1949", "before-1900", "1967-1975", "2012-2021", "pre 1919"],
    "heating": ["gas-boiler", "electric-storage", "heat-pump", "Gas boiler and radiators"],
    "tenure": ["social rent", "affordable rent", "shared ownership", "general needs"],
}


def problems_of(project: Project) -> list[Problem]:
    """Every problem ``odx validate`` would report, without a cache."""
    return list(check(project.config, cache=False).problems)


def home_level(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.message.startswith(HOME_LEVEL_START)]


def write_table(project: Project, header: list[str], rows: list[list], types: list[str]) -> None:
    """One package ``p`` of one CSV table ``t`` with a declared schema."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([header, *rows])
    fields = list(zip(header, types, strict=True))
    project.package("p", {"t.csv": text.getvalue()}, [table("t", fields)])


def field_line(project: Project, column: str) -> int:
    """The line of the field's name in the descriptor written by :func:`write_table`."""
    lines = (project.root / "datapackages/p/datapackage.json").read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if f'"name": "{column}"' in line)


def refs(count: int) -> list[str]:
    return [f"P{n:05d}" for n in range(1, count + 1)]


def cycle(values: list[str], count: int) -> list[str]:
    return [values[n % len(values)] for n in range(count)]


# -- tables of homes, whatever their columns are called -------------------------------------


def test_a_table_of_homes_keyed_by_a_plain_id_is_refused_at_the_key(project):
    rows = [
        [n, 1 + n % 3, t, s]
        for n, t, s in zip(
            range(1, 9), cycle(FACT_VALUES["type"], 8), cycle(FACT_VALUES["area"], 8), strict=True
        )
    ]
    write_table(project, ["id", "beds", "type", "sector"], rows, ["integer"] * 2 + ["string"] * 2)
    (found,) = home_level(problems_of(project))
    assert (found.path, found.line, found.field) == (
        "datapackages/p/datapackage.json",
        field_line(project, "id"),
        "t.id",
    )
    assert "id is different on every row, beside beds (bedrooms), type (property type)" in (
        found.message
    )
    assert '"odx": {"profile": "homes/0.1"' in found.message


@pytest.mark.parametrize("key", ["id", "property_code", "home", "uprn_hash", "asset", "x"])
def test_the_key_of_a_table_of_homes_may_be_called_anything(project, key):
    rows = [
        [r, b, t]
        for r, b, t in zip(
            refs(6), cycle(["1", "2", "3"], 6), cycle(FACT_VALUES["type"], 6), strict=True
        )
    ]
    write_table(project, [key, "bedrooms", "kind"], rows, ["string", "integer", "string"])
    found = home_level(problems_of(project))
    assert [p.field for p in found] == [f"t.{key}"]


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("beds", ["1", "2", "3"]),
        ("bedroom_count", ["2", "3"]),
        ("type", FACT_VALUES["type"]),
        ("dwelling_type", ["Terraced house", "Purpose built flat"]),
        ("sector", FACT_VALUES["area"]),
        ("postcode_district", ["LS6", "LS7", "BD3"]),
        ("epc", FACT_VALUES["epc"]),
        ("energy_rating", ["69", "72"]),  # named: the values need not be bands
        ("heating", ["Mains gas", "Electric"]),
        ("tenure", ["Freehold", "Leasehold"]),
        ("age_band", ["England and Wales: 1930-1949", "England and Wales: 1967-1975"]),
    ],
)
def test_a_renamed_housing_column_is_still_a_housing_fact(project, column, values):
    rows = [
        [r, v, f]
        for r, v, f in zip(refs(6), cycle(values, 6), cycle(FACT_VALUES["form"], 6), strict=True)
    ]
    write_table(project, ["ref", column, "shape"], rows, ["string"] * 3)
    found = home_level(problems_of(project))
    assert [p.field for p in found] == ["t.ref"]
    assert f"{column} (" in found[0].message and "shape (built form)" in found[0].message


def test_housing_facts_are_read_from_values_whatever_the_columns_are_called(project):
    rows = [
        [r, e, t, s]
        for r, e, t, s in zip(
            refs(10),
            cycle(FACT_VALUES["epc"], 10),
            cycle(FACT_VALUES["type"], 10),
            cycle(FACT_VALUES["area"], 10),
            strict=True,
        )
    ]
    write_table(project, ["a", "b", "c", "d"], rows, ["string"] * 4)
    (found,) = home_level(problems_of(project))
    assert "b (EPC band), c (property type), d (postcode sector or district)" in found.message


def test_a_few_unknowns_do_not_hide_a_housing_fact(project):
    types = ["house", "flat", "unknown", "n/a", "bungalow", "maisonette", "bedsit", "other"]
    rows = [
        [r, t, f] for r, t, f in zip(refs(8), types, cycle(FACT_VALUES["form"], 8), strict=True)
    ]
    write_table(project, ["a", "b", "c"], rows, ["string"] * 3)
    assert [p.field for p in home_level(problems_of(project))] == ["t.a"]


def test_small_numbers_are_bedrooms_only_in_a_column_named_like_rooms(project):
    types = cycle(FACT_VALUES["type"], 6)
    rows = [[r, n, t] for r, n, t in zip(refs(6), [1, 2, 3, 1, 2, 4], types, strict=True)]
    write_table(project, ["a", "rooms", "c"], rows, ["string", "integer", "string"])
    assert [p.field for p in home_level(problems_of(project))] == ["t.a"]
    write_table(project, ["a", "floor", "c"], rows, ["string", "integer", "string"])
    assert home_level(problems_of(project)) == []


def test_digits_of_other_scripts_in_a_rooms_column_are_no_trouble(project):
    rows = [
        [r, b, t]
        for r, b, t in zip(
            refs(4), ["²", "٣", "3", "½"], cycle(FACT_VALUES["type"], 4), strict=True
        )
    ]
    write_table(project, ["a", "rooms", "c"], rows, ["string"] * 3)
    assert home_level(problems_of(project)) == []  # judged, not crashed: one fact only


def test_a_number_of_thousands_of_digits_written_as_text_is_no_trouble(project):
    write_table(project, ["count", "v"], [["9" * 5000, "x"], ["7" * 4400, "y"]], ["string"] * 2)
    run = check(project.config, cache=False)
    assert [p.message for p in run.problems if UPRN_SHAPE in p.message] == []


def test_a_table_of_homes_read_as_it_streams_is_judged_the_same_in_chunks_or_rows():
    header = ["id", "bedrooms", "type"]
    types = ["integer", "integer", "string"]
    columns = [list(range(1, 7)), [1, 2, 3, 2, 1, 3], cycle(FACT_VALUES["type"], 6)]
    chunked = TableScreen("t", header, types, set(), set(), 1000)
    chunked.add_columns(2, [c[:3] for c in columns])
    chunked.add_columns(5, [c[3:] for c in columns])
    by_row = TableScreen("t", header, types, set(), set(), 1000)
    for record, row in enumerate(zip(*columns, strict=True), 2):
        by_row.add_row(record, list(row))
    assert chunked.breaches() == by_row.breaches()
    assert chunked.breaches()[0][1] == "id"


def test_a_count_column_of_ones_does_not_hide_a_table_of_homes(project):
    rows = [
        [n, t, f, 1]
        for n, t, f in zip(
            range(1, 7), cycle(FACT_VALUES["type"], 6), cycle(FACT_VALUES["form"], 6), strict=True
        )
    ]
    write_table(
        project, ["id", "type", "form", "count"], rows, ["integer", "string", "string", "integer"]
    )
    assert [p.field for p in home_level(problems_of(project))] == ["t.id"]


def test_a_header_alone_is_judged_by_its_names(project):
    project.package(
        "p",
        {"t.csv": "property_code,beds\n"},
        [table("t", [("property_code", "string"), ("beds", "integer")])],
    )
    assert [p.field for p in home_level(problems_of(project))] == ["t.property_code"]


def test_the_sample_homes_without_the_odx_block_are_refused_whatever_their_names(project):
    out = project.root / "datapackages" / "sample"
    assert odx("sample", "--homes", "200", "--seed", "5", "--out", out).code == 0
    assert problems_of(project) == []  # as published, with its odx block
    renames = {"home_ref": "id", "property_type": "kind", "epc_band": "energy", "bedrooms": "b"}
    descriptor = json.loads((out / "datapackage.json").read_text())
    descriptor.pop("odx")
    homes = next(r for r in descriptor["resources"] if r["name"] == "homes")
    for described in homes["schema"]["fields"]:
        described["name"] = renames.get(described["name"], described["name"])
    homes["schema"].pop("primaryKey", None)
    for resource in descriptor["resources"]:
        resource["schema"].pop("foreignKeys", None)
    (out / "datapackage.json").write_text(json.dumps(descriptor, indent=1))
    text = (out / "homes.csv").read_text()
    header, rest = text.split("\n", 1)
    header = ",".join(renames.get(name, name) for name in header.split(","))
    (out / "homes.csv").write_text(header + "\n" + rest)
    found = home_level(problems_of(project))
    assert [p.field for p in found] == ["homes.id"]


# -- figures about groups of homes pass ------------------------------------------------------


def test_counts_per_area_type_and_band_pass(project):
    rows = [
        ["LS6", "house", "C", 120],
        ["LS6", "flat", "D", 45],
        ["LS7", "house", "C", 88],
        ["BD3", "bungalow", "B", 12],
    ]
    write_table(project, ["district", "type", "band", "homes"], rows, ["string"] * 3 + ["integer"])
    assert home_level(problems_of(project)) == []


def test_one_row_per_area_with_a_count_passes_though_the_area_code_differs_on_every_row(project):
    rows = [
        ["E08000035", "house", "C", 2301],
        ["E08000032", "flat", "D", 988],
        ["E08000033", "house", "C", 415],
    ]
    header = ["la_code", "main_type", "main_band", "number_of_homes"]
    write_table(project, header, rows, ["string"] * 3 + ["integer"])
    assert home_level(problems_of(project)) == []


def test_counts_by_a_column_named_like_a_home_are_judged_by_its_values(project):
    rows = [["house", 2, 120], ["house", 3, 80], ["flat", 1, 45], ["flat", 2, 30]]
    write_table(project, ["dwelling", "bedrooms", "homes"], rows, ["string", "integer", "integer"])
    assert home_level(problems_of(project)) == []


def test_a_few_rows_with_no_key_pass(project):
    rows = [["house", "semi-detached", 3], ["flat", "mid-terrace", 2], ["bungalow", "detached", 2]]
    write_table(project, ["type", "form", "beds"], rows, ["string", "string", "integer"])
    assert home_level(problems_of(project)) == []


def test_one_housing_fact_beside_a_key_is_not_enough(project):
    rows = [
        [r, t, 100_000 + 1000 * n]
        for n, (r, t) in enumerate(zip(refs(8), cycle(FACT_VALUES["type"], 8), strict=True))
    ]
    write_table(project, ["ref", "type", "price"], rows, ["string", "string", "integer"])
    assert home_level(problems_of(project)) == []


def test_single_letter_codes_and_road_names_are_not_two_housing_facts(project):
    rows = [
        [n, c, g]
        for n, c, g in zip(
            range(1, 9), cycle(["A", "B", "C"], 8), cycle(["E", "F", "G"], 8), strict=True
        )
    ]
    write_table(project, ["id", "code", "grade"], rows, ["integer", "string", "string"])
    assert home_level(problems_of(project)) == []
    rows = [[n, road] for n, road in enumerate(["A1", "A64", "A58", "A61"], 1)]
    write_table(project, ["id", "road"], rows, ["integer", "string"])
    assert problems_of(project) == []


def test_the_real_world_packages_are_judged_as_before(project):
    """Real open data: nothing in it reads as a table of homes, an identifier by its shape
    (beyond the GeoNames ids the country codes are refused for by their name) or a weak
    declaration."""
    for folder in sorted(p for p in REALWORLD.iterdir() if p.is_dir()):
        shutil.copytree(folder, project.root / "datapackages" / folder.name)
    mine = [
        p
        for p in problems_of(project)
        if HOME_LEVEL_START in p.message
        or UPRN_SHAPE in p.message
        or COORDINATES in p.message
        or WEAK_REASON in p.message
    ]
    assert mine == []


# -- identifiers and coordinates written as text ---------------------------------------------


def test_uprns_written_as_text_are_refused_whatever_the_column_is_called(project):
    rows = [[str(100023336956 + 7 * n), "x"] for n in range(6)]
    write_table(project, ["a", "b"], rows, ["string", "string"])
    (found,) = problems_of(project)
    assert (found.line, found.field) == (field_line(project, "a"), "t.a")
    assert f"every value is a different 12 to 12 {UPRN_SHAPE}" in found.message


def test_latitudes_and_longitudes_written_as_text_are_refused(project):
    rows = [[f"{53.8 + n / 997:.5f}", f"{-1.55 + n / 991:.5f}", "x"] for n in range(6)]
    write_table(project, ["a", "b", "c"], rows, ["string"] * 3)
    found = problems_of(project)
    assert [p.field for p in found] == ["t.a", "t.b"]
    assert all(COORDINATES in p.message for p in found)


def test_a_latitude_and_longitude_pair_in_one_text_cell_is_refused_at_its_row(project):
    write_table(project, ["a", "b"], [["x", "53.80123,-1.54321"]], ["string", "string"])
    (found,) = problems_of(project)
    assert (found.path, found.line, found.field) == ("datapackages/p/t.csv", 2, "b")
    assert "coordinates with more than 2 decimal places" in found.message


@pytest.mark.parametrize("column", ["property_code", "asset_key", "location", "geo", "x"])
@pytest.mark.parametrize("kind", ["integer", "string"])
def test_one_uprn_repeated_on_every_row_counts_in_a_column_named_as_a_reference_or_place(
    project, column, kind
):
    write_table(project, [column, "v"], [["100023336956", n] for n in range(8)], [kind, "integer"])
    found = [p for p in problems_of(project) if UPRN_SHAPE in p.message]
    assert [(p.line, p.field) for p in found] == [(field_line(project, column), f"t.{column}")]


@pytest.mark.parametrize("count", [1, 2, 3, 4])
def test_a_few_uprns_count_in_a_column_named_as_a_reference(project, count):
    rows = [[str(100023336956 + n), n] for n in range(count)]
    write_table(project, ["asset_code", "v"], rows, ["string", "integer"])
    assert [p.field for p in problems_of(project) if UPRN_SHAPE in p.message] == ["t.asset_code"]


def test_a_few_coordinates_count_beside_a_column_named_as_a_place(project):
    rows = [["53.80123", "-1.54321"], ["53.81234", "-1.55432"]]
    write_table(project, ["y", "b"], rows, ["number", "string"])
    found = [p.field for p in problems_of(project) if COORDINATES in p.message]
    assert found == ["t.y", "t.b"]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("survey_code", 2024),  # a year
        ("batch_key", 7),  # a count
        ("location", 250000),  # a price
        ("area_code", 12345678),  # 8 digits: shorter than any UPRN
    ],
)
def test_years_counts_and_prices_in_reference_or_place_columns_pass(project, column, value):
    write_table(project, [column, "v"], [[value, n] for n in range(3)], ["integer", "integer"])
    assert problems_of(project) == []


def test_a_repeated_long_number_in_a_neutral_column_is_no_uprn(project):
    write_table(project, ["total", "v"], [[100000000000, n] for n in range(8)], ["integer"] * 2)
    assert problems_of(project) == []


def test_text_uprns_declared_non_identifying_pass(project):
    rows = [[str(100023336956 + 7 * n), "x"] for n in range(6)]
    write_table(project, ["a", "b"], rows, ["string", "string"])
    path = project.root / "datapackages/p/datapackage.json"
    descriptor = json.loads(path.read_text())
    descriptor["resources"][0]["schema"]["fields"][0]["odx:non-identifying"] = (
        "GeoNames ids of the places where the work was done"
    )
    path.write_text(json.dumps(descriptor, indent=1))
    assert problems_of(project) == []


# -- the reason a column is declared non-identifying ----------------------------------------


def declare(project: Project, column: str, reason: object) -> None:
    path = project.root / "datapackages/p/datapackage.json"
    descriptor = json.loads(path.read_text())
    for described in descriptor["resources"][0]["schema"]["fields"]:
        if described["name"] == column:
            described["odx:non-identifying"] = reason
    path.write_text(json.dumps(descriptor, indent=1))


@pytest.mark.parametrize(
    "reason",
    [
        "n/a",
        "none",
        "-",
        "todo",
        "TBC",
        "yes",
        "true",
        "not identifying",
        "Non-identifying",
        "ok",
        "survey batch",  # the column's own name
        "this column is not identifying data",
        "",
        True,
    ],
)
def test_a_reason_that_says_nothing_is_refused_at_the_field(project, reason):
    write_table(project, ["survey_batch", "v"], [["b1", 1]], ["string", "integer"])
    declare(project, "survey_batch", reason)
    (found,) = problems_of(project)
    assert (found.path, found.line, found.field) == (
        "datapackages/p/datapackage.json",
        field_line(project, "survey_batch"),
        "t.survey_batch",
    )
    assert found.message.startswith(WEAK_REASON)
    assert GOOD_REASON in found.message


@pytest.mark.parametrize(
    "reason",
    [
        GOOD_REASON,
        "GeoNames ids name countries",
        "a survey batch number drawn at random; no public source holds it",
        "counts of repair topics across the landlord",
    ],
)
def test_a_reason_that_says_why_is_accepted(project, reason):
    rows = [[str(100023336956 + 7 * n), "x"] for n in range(6)]
    write_table(project, ["batch", "b"], rows, ["string", "string"])
    declare(project, "batch", reason)
    assert problems_of(project) == []


def test_a_column_with_a_weak_reason_is_judged_as_undeclared(project):
    rows = [[str(100023336956 + 7 * n), "x"] for n in range(6)]
    write_table(project, ["batch", "b"], rows, ["string", "string"])
    declare(project, "batch", "not identifying")
    messages = [p.message for p in problems_of(project)]
    assert len(messages) == 2
    assert messages[0].startswith(WEAK_REASON) and UPRN_SHAPE in messages[1]


def test_a_weak_reason_in_an_odx_homes_table_is_refused_once_and_the_column_counted(landlord):
    declared = {"name": "has_garden", "type": "boolean", "odx:non-identifying": "ok"}
    landlord.add_field("homes", declared, ["true", "false"] * 6)
    problems = problems_of(landlord.project)
    weak = [p for p in problems if p.message.startswith(WEAK_REASON)]
    assert [p.field for p in weak] == ["homes.has_garden"]
    assert any("has_garden=" in p.message for p in problems)  # counted for k-anonymity


@settings(
    max_examples=40,
    deadline=None,
)
@given(
    reason=st.lists(
        st.text(string.ascii_letters, min_size=1, max_size=12), min_size=1, max_size=2
    ).map(" ".join)
)
def test_a_reason_of_one_or_two_words_never_says_enough(reason):
    assert reason_problem("c", reason) is not None


# -- a resource of one's own in an ODX package -----------------------------------------------


def test_a_table_of_ones_own_without_home_ref_is_told_so_in_its_own_words(landlord):
    (landlord.folder / "notes.csv").write_text("topic,count\nrepairs,3\n")
    data = landlord.descriptor
    fields = [{"name": "topic", "type": "string"}, {"name": "count", "type": "integer"}]
    data["resources"].append({"name": "notes", "path": "notes.csv", "schema": {"fields": fields}})
    landlord.save_descriptor(data)
    found = {p.field: p.message for p in problems_of(landlord.project)}
    assert found["notes.topic"].startswith(
        "a column of a table of your own is a fact about a home as far as the privacy gate "
        "can tell, whatever the table's key is called"
    )
    assert "home_ref" not in found["notes.topic"]


def test_a_column_beside_home_ref_is_still_told_so(landlord):
    refs_ = [row["home_ref"] for row in landlord.rows("homes")]
    (landlord.folder / "extra.csv").write_text(
        "home_ref,storeys\n" + "".join(f"{ref},2\n" for ref in refs_)
    )
    data = landlord.descriptor
    fields = [{"name": "home_ref", "type": "string"}, {"name": "storeys", "type": "integer"}]
    data["resources"].append({"name": "extra", "path": "extra.csv", "schema": {"fields": fields}})
    landlord.save_descriptor(data)
    found = {p.field: p.message for p in problems_of(landlord.project)}
    assert found["extra.storeys"].startswith("a column beside home_ref is a fact about a home")


# -- properties --------------------------------------------------------------------------------


def neutral(name: str) -> bool:
    """A column name that says nothing: no rule reads anything into it."""
    return (
        banned_column("t", name) is None
        and fact_named(name) is None
        and not key_named(name)
        and not count_named(name)
        and not rooms_named(name)
        and not home_reference_named(name)
        and not LOCATION_WORDS.intersection(column_words(name))
        and home_level_table([name]) is None
    )


neutral_names = st.text(string.ascii_lowercase, min_size=3, max_size=8).filter(neutral)


@st.composite
def keys(draw: st.DrawFn, count: int) -> tuple[str, list]:
    """A column of ``count`` values that differ on every row, in a shape keys have."""
    shape = draw(st.sampled_from(["counting", "refs", "tokens", "large"]))
    if shape == "counting":
        return "integer", list(range(1, count + 1))
    if shape == "large":
        values = draw(
            st.lists(st.integers(10_000, 99_999_999), min_size=count, max_size=count, unique=True)
        )
        return "integer", values
    if shape == "refs":
        prefix = draw(st.text(string.ascii_uppercase, min_size=1, max_size=3))
        return "string", [f"{prefix}{n:06d}" for n in range(count)]
    letters = draw(
        st.lists(
            st.text(string.ascii_lowercase, min_size=4, max_size=6),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    return "string", [f"{word}{n}" for n, word in enumerate(letters)]


def fact_column(draw: st.DrawFn, kind: str, count: int) -> list[str]:
    return draw(st.lists(st.sampled_from(FACT_VALUES[kind]), min_size=count, max_size=count))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_key_beside_two_housing_facts_is_refused_whatever_the_names(tmp_path_factory, data):
    count = data.draw(st.integers(1, 40), label="rows")
    kinds = data.draw(
        st.lists(st.sampled_from(sorted(FACT_VALUES)), min_size=2, max_size=4, unique=True)
    )
    names = data.draw(
        st.lists(neutral_names, min_size=len(kinds) + 1, max_size=len(kinds) + 1, unique=True)
    )
    key_type, key_values = data.draw(keys(count))
    columns = [key_values] + [fact_column(data.draw, kind, count) for kind in kinds]
    project = Project(tmp_path_factory.mktemp("homes") / "project")
    write_table(
        project,
        names,
        [list(row) for row in zip(*columns, strict=True)],
        [key_type] + ["string"] * len(kinds),
    )
    found = home_level(problems_of(project))
    assert [p.field for p in found] == [f"t.{names[0]}"]
    assert found[0].line == field_line(project, names[0])


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_counts_of_homes_by_housing_facts_are_never_refused(tmp_path_factory, data):
    count = data.draw(st.integers(1, 30), label="rows")
    kinds = data.draw(
        st.lists(st.sampled_from(sorted(FACT_VALUES)), min_size=1, max_size=4, unique=True)
    )
    names = data.draw(
        st.lists(neutral_names, min_size=len(kinds) + 1, max_size=len(kinds) + 1, unique=True)
    )
    counted = data.draw(
        st.sampled_from(["homes", "count", "households", "number_of_homes", "total"])
    )
    codes = [f"E0800{n:04d}" for n in range(count)]  # an area code different on every row
    counts = data.draw(st.lists(st.integers(2, 5000), min_size=count, max_size=count))
    columns = [codes] + [fact_column(data.draw, kind, count) for kind in kinds] + [counts]
    project = Project(tmp_path_factory.mktemp("counts") / "project")
    header = [*names, counted]
    types = ["string"] * (len(kinds) + 1) + ["integer"]
    write_table(project, header, [list(row) for row in zip(*columns, strict=True)], types)
    assert home_level(problems_of(project)) == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_housing_facts_without_a_key_are_never_refused(tmp_path_factory, data):
    count = data.draw(st.integers(2, 30), label="rows")
    kinds = data.draw(
        st.lists(st.sampled_from(sorted(FACT_VALUES)), min_size=2, max_size=4, unique=True)
    )
    names = data.draw(
        st.lists(neutral_names, min_size=len(kinds), max_size=len(kinds), unique=True)
    )
    columns = [fact_column(data.draw, kind, count) for kind in kinds]
    rows = [list(row) for row in zip(*columns, strict=True)]
    rows[1] = list(rows[0])  # a row twice: no column tells the rows apart
    project = Project(tmp_path_factory.mktemp("nokey") / "project")
    write_table(project, names, rows, ["string"] * len(kinds))
    assert home_level(problems_of(project)) == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    names=st.lists(neutral_names, min_size=2, max_size=2, unique=True),
    ids=st.lists(st.integers(10**8, 10**12 - 1), min_size=5, max_size=30, unique=True),
    kind=st.sampled_from(["string", "integer"]),
)
def test_uprn_shaped_columns_are_refused_whatever_their_name_and_type(
    tmp_path_factory, names, ids, kind
):
    lengths = {len(str(n)) for n in ids}
    project = Project(tmp_path_factory.mktemp("uprns") / "project")
    rows = [[n, "x"] for n in ids]
    write_table(project, names, rows, [kind, "string"])
    found = [p for p in problems_of(project) if UPRN_SHAPE in p.message]
    if max(lengths) - min(lengths) <= 1:
        assert [p.field for p in found] == [f"t.{names[0]}"]
    else:
        assert found == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    column=st.sampled_from(["asset_code", "home_key", "geo", "location", "x", "point"]),
    rows=st.integers(1, 4),
    value=st.one_of(st.integers(1900, 2030), st.integers(0, 500), st.integers(50_000, 9_999_999)),
    uprn=st.integers(10**8, 10**12 - 1),
)
def test_a_reference_or_place_column_is_judged_on_a_few_values(
    tmp_path_factory, column, rows, value, uprn
):
    """A UPRN, even once or repeated, is refused there; a year, a count or a price is not."""
    project = Project(tmp_path_factory.mktemp("few") / "project")
    write_table(project, [column, "v"], [[uprn, n] for n in range(rows)], ["string", "integer"])
    assert [p.field for p in problems_of(project) if UPRN_SHAPE in p.message] == [f"t.{column}"]
    write_table(project, [column, "v"], [[value, n] for n in range(rows)], ["integer", "integer"])
    assert problems_of(project) == []
