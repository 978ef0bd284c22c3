"""Every table format the site promises (csv, tsv, json, jsonl, ndjson) validates and publishes.

A valid table of each format builds and shows its rows in the resource preview; a wrong cell
in each is a problem located at the line where the cell stands.
"""

from __future__ import annotations

import pytest
from helpers import Project

from generator.build import check

FIELDS = [{"name": "id", "type": "integer"}, {"name": "name", "type": "string"}]

# Each format with a valid table of the rows (1, "alpha") and (2, "beta"), and the same
# table with a wrong cell ("x" as the id of the second row), standing on the line given.
TABLES = {
    "csv": ("t.csv", "id,name\n1,alpha\n2,beta\n", "id,name\n1,alpha\nx,beta\n", 3),
    "tsv": ("t.tsv", "id\tname\n1\talpha\n2\tbeta\n", "id\tname\n1\talpha\nx\tbeta\n", 3),
    "json-arrays": (
        "t.json",
        '[\n  ["id", "name"],\n  [1, "alpha"],\n  [2, "beta"]\n]\n',
        '[\n  ["id", "name"],\n  [1, "alpha"],\n  ["x", "beta"]\n]\n',
        4,
    ),
    "json-objects": (
        "t.json",
        '[\n  {"id": 1, "name": "alpha"},\n  {"id": 2, "name": "beta"}\n]\n',
        '[\n  {"id": 1, "name": "alpha"},\n  {\n    "name": "beta",\n    "id": "x"\n  }\n]\n',
        5,
    ),
    "jsonl": (
        "t.jsonl",
        '{"id": 1, "name": "alpha"}\n{"id": 2, "name": "beta"}\n',
        '{"id": 1, "name": "alpha"}\n{"id": "x", "name": "beta"}\n',
        2,
    ),
    "ndjson": (
        "t.ndjson",
        '["id", "name"]\n[1, "alpha"]\n[2, "beta"]\n',
        '["id", "name"]\n[1, "alpha"]\n["x", "beta"]\n',
        3,
    ),
}


def resource(kind: str, path: str) -> dict:
    return {"name": kind, "path": path, "schema": {"fields": [dict(f) for f in FIELDS]}}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:
    """One package holding a valid table of every format, built into a site."""
    project = Project(tmp_path_factory.mktemp("formats") / "project")
    files, resources = {}, []
    for kind, (name, valid, _, _) in TABLES.items():
        path = f"{kind}/{name}"
        files[path] = valid
        resources.append(resource(kind, path))
    project.package("p", files, resources)
    run = project.build()
    assert run.code == 0, run.output
    return project


@pytest.mark.parametrize("kind", TABLES)
def test_a_valid_table_shows_its_rows_in_the_preview(built, kind):
    page = built.page(f"datasets/p/{kind}/")
    preview = page.find("table", class_="preview")
    assert [th.get_text(strip=True) for th in preview.thead.find_all("th")] == ["id", "name"]
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])]
        for row in preview.tbody.find_all("tr")
    ]
    assert rows == [["1", "alpha"], ["2", "beta"]]
    assert "2 rows" in page.find("dl", class_="facts").get_text()


@pytest.mark.parametrize("kind", TABLES)
def test_a_wrong_cell_is_located_at_its_line(project, kind):
    name, _, invalid, line = TABLES[kind]
    project.package("p", {name: invalid}, [resource(kind, name)])
    [problem] = [str(p) for p in check(project.config, cache=False).problems]
    assert problem.startswith(f'datapackages/p/{name}:{line}: id: "x" is not a valid integer')


def test_a_json_table_needs_no_declared_schema(project):
    project.package("p", {"t.json": '[{"id": 1, "name": "a"}]'}, [{"name": "t", "path": "t.json"}])
    result = check(project.config, cache=False)
    assert not result.problems
    [package] = result.packages
    assert [f.name for f in package.resources[0].fields] == ["id", "name"]
    assert package.resources[0].summary.row_count == 1


def test_json_that_does_not_parse_is_located_at_its_mistake(project):
    text = '[\n  ["id", "name"],\n  [1, "a"],\n  [2, "b",]\n]\n'
    project.package("p", {"t.json": text}, [resource("t", "t.json")])
    [problem] = [str(p) for p in check(project.config, cache=False).problems]
    assert problem.startswith("datapackages/p/t.json:4: -: not valid JSON: Expecting value")


def test_a_blank_line_in_json_lines_is_located(project):
    text = '{"id": 1, "name": "a"}\n\n{"id": 2, "name": "b"}\n'
    project.package("p", {"t.jsonl": text}, [resource("t", "t.jsonl")])
    [problem] = [str(p) for p in check(project.config, cache=False).problems]
    assert problem.startswith("datapackages/p/t.jsonl:2: -: not valid JSON: the line is blank")


def test_a_json_file_without_rows_says_how_to_write_them(project):
    project.package("p", {"t.json": '{"id": 1}\n'}, [resource("t", "t.json")])
    [problem] = [str(p) for p in check(project.config, cache=False).problems]
    assert problem.startswith("datapackages/p/t.json:1: -: a JSON table is a list of rows")
    assert "/tmp" not in problem and str(project.root) not in problem


def test_rows_under_a_property_of_a_json_file_are_located(project):
    text = '{"data": [\n  ["id", "name"],\n  [1, "a"],\n  ["x", "b"]\n]}\n'
    entry = {**resource("t", "t.json"), "dialect": {"json": {"property": "data"}}}
    project.package("p", {"t.json": text}, [entry])
    [problem] = [str(p) for p in check(project.config, cache=False).problems]
    assert problem.startswith('datapackages/p/t.json:4: id: "x" is not a valid integer')


def test_a_short_json_row_is_told_to_write_null(project):
    text = '[["id", "name"],\n[1]]'
    project.package("p", {"t.json": text}, [resource("t", "t.json")])
    [problem] = [str(p) for p in check(project.config, cache=False).problems]
    assert problem.startswith("datapackages/p/t.json:2: name: the row has fewer values")
    assert "null" in problem and ",," not in problem
