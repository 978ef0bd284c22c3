"""The fast path accepts only what frictionless accepts, with the same values, and leaves
every report to frictionless.

For each kind of bad table the fast path gives up and the build reports exactly what it
reports with the fast path switched off; on random tables, whenever the fast path says
"valid", frictionless finds no error and reads the same typed values, row numbers and
cells; and the sample's tables really take the fast path.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from frictionless import Checklist, Package
from helpers import REPO, table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import check
from generator.load import fast_validation, validation
from generator.load.fast_validation import CHUNK_ROWS, Rows, read_valid_table
from generator.load.summary import TableSummariser
from generator.load.table import Table

FIELDS = [("id", "integer"), ("name", "string")]

BAD_TABLES = {
    "a cell of the wrong type": ("id,name\n1,a\nx,b\n", {}),
    "a repeated primary key": ("id,name\n1,a\n2,b\n1,c\n", {"primaryKey": ["id"]}),
    "an empty primary key": ("id,name\n,a\n", {"primaryKey": ["id"]}),
    "a repeated unique value": ("id,name\n1,a\n2,a\n", {"unique": "name"}),
    "a value outside an enum": ("id,name\n1,a\n2,z\n", {"enum": ["a", "b"]}),
    "a value against a pattern": ("id,name\n1,ab\n2,a1\n", {"pattern": "[a-z]+"}),
    "a number below its minimum": ("id,name\n1,a\n-4,b\n", {"minimum": 0}),
    "an empty required cell": ("id,name\n1,a\n2,\n", {"required": "name"}),
    "a blank row": ("id,name\n1,a\n,\n2,b\n", {}),
    "an empty line": ("id,name\n1,a\n\n2,b\n", {}),
    "a ragged row": ("id,name\n1,a,extra\n2\n", {}),
    "a header that is not the schema": ("id,label\n1,a\n", {}),
    "a header in another order": ("name,id\na,1\n", {}),
    "a byte order mark": ("\ufeffid,name\n1,a\n", {}),
    "another delimiter": ("id;name\n1;a\n2;b\n", {}),
    "bytes that are not UTF-8": (b"id,name\n1,caf\xe9\n", {}),
    "a cell over the size limit": ("id,name\n1," + "x" * 60 + "\n", {"limit": 50}),
    "a multiline cell before a bad one": ('id,name\n1,"a\nb"\nx,c\n', {}),
    "a header only": ("id,name\n", {}),
}


EXPECTED = {  # (the fast path accepts, frictionless accepts); any other kind: both refuse
    "a header only": (True, True),
    "a byte order mark": (True, True),  # frictionless reads the file as utf-8-sig
    "another delimiter": (False, True),  # frictionless detects ';' from a sample
}


def plant(project, csv: str | bytes, options: dict) -> None:
    fields = [list(field) for field in FIELDS]
    schema_fields = []
    for name, kind in fields:
        field: dict = {"name": name, "type": kind}
        for constraint in ("enum", "pattern", "minimum"):
            if constraint in options:
                target = "id" if constraint == "minimum" else "name"
                if name == target:
                    field.setdefault("constraints", {})[constraint] = options[constraint]
        if options.get("unique") == name:
            field.setdefault("constraints", {})["unique"] = True
        if options.get("required") == name:
            field.setdefault("constraints", {})["required"] = True
        schema_fields.append(field)
    schema = {"fields": schema_fields}
    if "primaryKey" in options:
        schema["primaryKey"] = options["primaryKey"]
    project.package("p", {"t.csv": csv}, [{"name": "t", "path": "t.csv", "schema": schema}])
    if "limit" in options:
        project.write_config(max_cell_chars=options["limit"])


def verdicts(monkeypatch) -> list[bool]:
    """What the fast path says of each table the build reads (True: it accepted it)."""
    taken: list[bool] = []
    real = validation.read_valid_table

    def spy(*args, **kwargs):
        taken.append(real(*args, **kwargs))
        return taken[-1]

    monkeypatch.setattr(validation, "read_valid_table", spy)
    return taken


def frictionless_only(monkeypatch) -> None:
    monkeypatch.setattr(validation, "read_valid_table", lambda *args, **kwargs: False)


@pytest.mark.parametrize("kind", BAD_TABLES)
def test_on_a_bad_table_the_fast_path_gives_up_and_the_report_is_frictionless(
    project, monkeypatch, kind
):
    csv, options = BAD_TABLES[kind]
    plant(project, csv, options)
    taken = verdicts(monkeypatch)
    fast = check(project.config, cache=False)
    frictionless_only(monkeypatch)
    alone = check(project.config, cache=False)
    assert [str(p) for p in fast.problems] == [str(p) for p in alone.problems]
    fast_accepts, valid = EXPECTED.get(kind, (False, False))
    assert taken == [fast_accepts]
    assert bool(alone.problems) != valid


def test_a_broken_foreign_key_is_left_to_frictionless(project, monkeypatch):
    project.package(
        "p",
        {"homes.csv": "ref\nA\nB\n", "parts.csv": "ref,part\nA,roof\nC,door\n"},
        [
            {**table("homes", [("ref", "string")], primaryKey=["ref"]), "path": "homes.csv"},
            {
                **table(
                    "parts",
                    [("ref", "string"), ("part", "string")],
                    foreignKeys=[
                        {"fields": ["ref"], "reference": {"resource": "homes", "fields": ["ref"]}}
                    ],
                ),
                "path": "parts.csv",
            },
        ],
    )
    fast = check(project.config, cache=False)
    frictionless_only(monkeypatch)
    alone = check(project.config, cache=False)
    assert [str(p) for p in fast.problems] == [str(p) for p in alone.problems]
    assert [p.line for p in fast.problems] == [3]


def test_the_sample_landlord_takes_the_fast_path_for_every_table(monkeypatch):
    taken = verdicts(monkeypatch)
    result = check(REPO / "mkdocs.yml", cache=False)
    assert not result.problems
    assert taken and all(taken)


# -- random tables --------------------------------------------------------------------------

CELLS = st.one_of(
    st.sampled_from(["", "0", "1", "-3", "2.5", "1e3", "abc", "true", "no", "2024", "1999"]),
    st.sampled_from(["2026-01-31", "2026-02-30", " 7", "07", "1,000", "NaN", '"q"', "a,b"]),
    st.text(alphabet="ab1-. ", max_size=4),
)
VALID = {
    "integer": st.integers(-20, 20).map(str),
    "number": st.sampled_from(["0", "1.5", "-2", "3e2", "10.00"]),
    "string": st.text(alphabet='ab ,"', max_size=3),
    "boolean": st.sampled_from(["true", "false", "True", "0", "1"]),
    "year": st.integers(1900, 2030).map(str),
    "date": st.dates().map(str),
}
KINDS = st.sampled_from(["integer", "number", "string", "boolean", "year", "date"])
CONSTRAINTS = st.fixed_dictionaries(
    {},
    optional={
        "required": st.booleans(),
        "unique": st.booleans(),
        "minimum": st.integers(-25, 5),  # integers and numbers only (see below)
        "maxLength": st.integers(0, 4),
    },
)


@st.composite
def random_tables(draw):
    width = draw(st.integers(1, 3))
    fields = []
    for position in range(width):
        kind = draw(KINDS)
        constraints = dict(draw(CONSTRAINTS))
        if kind not in ("integer", "number"):  # frictionless fails on a year minimum
            constraints.pop("minimum", None)
        if kind != "string":
            constraints.pop("maxLength", None)
        field = {"name": f"f{position}", "type": kind}
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    cells = [  # one cell in 20 is anything: many tables are valid, many are not
        st.integers(0, 19).flatmap(lambda n, kind=f["type"]: CELLS if n == 0 else VALID[kind])
        for f in fields
    ]
    rows = draw(st.lists(st.tuples(*cells).map(list), max_size=6))
    primary = draw(st.booleans())
    return fields, rows, primary


def one_by_one(rows: Rows) -> list[tuple[int, list, list[str]]]:
    """The fast path's chunk as frictionless's rows: (row number, values, cells) each; its
    columns and rows of values say the same."""
    assert [list(column) for column in zip(*rows.values, strict=True)] == [
        list(column) for column in rows.columns
    ] or not rows.values
    return [
        (rows.first + index, list(values), list(cells))
        for index, (values, cells) in enumerate(zip(rows.values, rows.cells, strict=True))
    ]


def write_table(folder: Path, fields, rows) -> Path:
    import csv

    path = folder / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f["name"] for f in fields])
        writer.writerows(rows)
    return path


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table_data=random_tables(), chunk=st.sampled_from([1, 2, 3, CHUNK_ROWS]))
def test_what_the_fast_path_accepts_frictionless_accepts_with_the_same_values(
    tmp_path, table_data, chunk
):
    fields, rows, primary = table_data
    folder = tmp_path / "random"
    folder.mkdir(exist_ok=True)
    write_table(folder, fields, rows)
    schema: dict = {"fields": fields}
    if primary:
        schema["primaryKey"] = [fields[0]["name"]]
    raw = {"name": "t", "path": "t.csv", "schema": schema, "encoding": "utf-8"}
    package = Package(
        json.loads(json.dumps({"name": "p", "resources": [raw]})), basepath=str(folder)
    )
    fast_rows: list = []
    names, types = [f["name"] for f in fields], [f["type"] for f in fields]
    fast_summary, fast_table = TableSummariser(names, types, 2), Table(names)

    def take(rows: Rows) -> None:
        fast_rows.extend(one_by_one(rows))
        fast_summary.add_rows(rows)
        fast_table.extend(rows.first, rows.values)

    with patched_chunk_rows(chunk):
        resource = package.get_resource("t")
        accepted = read_valid_table(resource, raw, [folder / "t.csv"], 100_000, take)
    slow_rows: list = []
    resource = Package(
        json.loads(json.dumps({"name": "p", "resources": [raw]})), basepath=str(folder)
    ).get_resource("t")
    report = resource.validate(
        checklist=Checklist(),
        on_row=lambda row: slow_rows.append((row.row_number, row.to_list(), list(row.cells))),
    )
    if accepted:
        assert report.valid, report.flatten(["rowNumber", "type", "note"])
        assert fast_rows == slow_rows
        slow_summary, slow_table = TableSummariser(names, types, 2), Table(names)
        for number, values, cells in slow_rows:
            slow_summary.add(values, cells)
            slow_table.append(number, values)
        assert fast_summary.summary == slow_summary.summary
        assert (fast_table.rows, fast_table.records) == (slow_table.rows, slow_table.records)


@contextmanager
def patched_chunk_rows(rows: int) -> Iterator[None]:
    """Let the fast path read ``rows`` rows at a time (to cross chunk boundaries)."""
    kept = fast_validation.CHUNK_ROWS
    fast_validation.CHUNK_ROWS = rows
    try:
        yield
    finally:
        fast_validation.CHUNK_ROWS = kept


def test_a_valid_table_of_every_type_is_read_as_frictionless_reads_it(tmp_path):
    fields = [
        {"name": "n", "type": "integer", "constraints": {"unique": True, "minimum": 0}},
        {"name": "x", "type": "number"},
        {"name": "s", "type": "string", "constraints": {"enum": ["a", "b,c"]}},
        {"name": "b", "type": "boolean"},
        {"name": "y", "type": "year"},
        {"name": "d", "type": "date"},
    ]
    rows = [["0", "2.50", "a", "true", "2024", "2026-01-31"], ["07", "1e3", "b,c", "0", "", ""]]
    write_table(tmp_path, fields, rows)
    raw = {"name": "t", "path": "t.csv", "schema": {"fields": fields, "primaryKey": ["n"]}}
    resource = Package({"name": "p", "resources": [raw]}, basepath=str(tmp_path)).get_resource("t")
    fast_rows: list = []
    assert read_valid_table(
        resource, raw, [tmp_path / "t.csv"], 100, lambda rows: fast_rows.extend(one_by_one(rows))
    )
    slow_rows: list = []
    report = resource.validate(
        on_row=lambda row: slow_rows.append((row.row_number, row.to_list(), row.cells))
    )
    assert report.valid
    assert [(n, v, list(c)) for n, v, c in fast_rows] == [(n, v, list(c)) for n, v, c in slow_rows]
    assert fast_rows[1][1][0] == 7 and str(fast_rows[1][1][1]) == "1E+3"
