"""Mistakes in a descriptor are each reported once, at the line where they stand.

Each case is a small descriptor, written once as JSON and once as YAML, whose mistake
stands on the line marked with ``<--`` (the marker is removed before the file is written).
The build must report exactly one problem, on that line, naming the property concerned,
never ``None`` nor a path of this machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO, Project

from generator.build import check

MARK = "  <--"
DATA = {"t.csv": "id,name\n1,a\n2,b\n", "d.csv": "day\n01/02/2024\n"}

CASES = {
    "licence without name or path": (
        "licenses/1",
        'the licence has neither "name"',
        """{
  "name": "p",
  "licenses": [
    {"name": "CC0-1.0"},
    {"title": "Our own terms"}  <--
  ],
  "resources": [{"name": "t", "path": "t.csv"}]
}""",
        """name: p
licenses:
  - name: CC0-1.0
  - title: Our own terms  <--
resources:
  - {name: t, path: t.csv}
""",
    ),
    "resource licence without name or path": (
        "resources/0/licenses/0",
        'the licence has neither "name"',
        """{
  "name": "p",
  "resources": [
    {
      "name": "t",
      "path": "t.csv",
      "licenses": [
        {"title": "Our own terms"}  <--
      ]
    }
  ]
}""",
        """name: p
resources:
  - name: t
    path: t.csv
    licenses:
      - title: Our own terms  <--
""",
    ),
    "contributor that is not an object": (
        "contributors/1",
        "'Jo Bloggs' is not an object",
        """{
  "name": "p",
  "contributors": [
    {"title": "Housing Org"},
    "Jo Bloggs"  <--
  ],
  "resources": [{"name": "t", "path": "t.csv"}]
}""",
        """name: p
contributors:
  - title: Housing Org
  - Jo Bloggs  <--
resources:
  - {name: t, path: t.csv}
""",
    ),
    "contributor email": (
        "contributors/0/email",
        "'jo at example' is not an email address",
        """{
  "name": "p",
  "contributors": [
    {
      "title": "Jo",
      "email": "jo at example"  <--
    }
  ],
  "resources": [{"name": "t", "path": "t.csv"}]
}""",
        """name: p
contributors:
  - title: Jo
    email: jo at example  <--
resources:
  - {name: t, path: t.csv}
""",
    ),
    "field type": (
        "t.name",
        "type 'txt' is not a field type; use one of: string,",
        """{
  "name": "p",
  "resources": [
    {
      "name": "t",
      "path": "t.csv",
      "schema": {
        "fields": [
          {"name": "id", "type": "integer"},
          {
            "name": "name",
            "type": "txt"  <--
          }
        ]
      }
    }
  ]
}""",
        """name: p
resources:
  - name: t
    path: t.csv
    schema:
      fields:
        - name: id
          type: integer
        - name: name
          type: txt  <--
""",
    ),
    "date format without a directive": (
        "d.day",
        "format 'dd/mm/yyyy' has no % directive",
        """{
  "name": "p",
  "resources": [
    {
      "name": "d",
      "path": "d.csv",
      "schema": {
        "fields": [
          {
            "name": "day",
            "type": "date",
            "format": "dd/mm/yyyy"  <--
          }
        ]
      }
    }
  ]
}""",
        """name: p
resources:
  - name: d
    path: d.csv
    schema:
      fields:
        - name: day
          type: date
          format: dd/mm/yyyy  <--
""",
    ),
    "string format that does not exist": (
        "d.contact",
        "format 'emial' is not a format of a string field; use one of: default, email, uri, "
        "binary, uuid, wkt, or remove it",
        """{
  "name": "p",
  "resources": [
    {
      "name": "d",
      "path": "d.csv",
      "schema": {
        "fields": [
          {
            "name": "contact",
            "type": "string",
            "format": "emial"  <--
          }
        ]
      }
    }
  ]
}""",
        """name: p
resources:
  - name: d
    path: d.csv
    schema:
      fields:
        - name: contact
          type: string
          format: emial  <--
""",
    ),
    "geopoint format that does not exist": (
        "d.where",
        "format 'latlon' is not a format of a geopoint field, so no value would be read; use "
        "one of: default, array, object, or remove it",
        """{
  "name": "p",
  "resources": [
    {
      "name": "d",
      "path": "d.csv",
      "schema": {
        "fields": [
          {
            "name": "where",
            "type": "geopoint",
            "format": "latlon"  <--
          }
        ]
      }
    }
  ]
}""",
        """name: p
resources:
  - name: d
    path: d.csv
    schema:
      fields:
        - name: where
          type: geopoint
          format: latlon  <--
""",
    ),
    "primary key naming no field": (
        "resources/0/schema/primaryKey/0",
        "primary key field 'ref' is not a field of the schema; name one of: id, name",
        """{
  "name": "p",
  "resources": [
    {
      "name": "t",
      "path": "t.csv",
      "schema": {
        "fields": [{"name": "id", "type": "integer"}, {"name": "name"}],
        "primaryKey": [
          "ref"  <--
        ]
      }
    }
  ]
}""",
        """name: p
resources:
  - name: t
    path: t.csv
    schema:
      fields: [{name: id, type: integer}, {name: name}]
      primaryKey:
        - ref  <--
""",
    ),
    "foreign key naming no field": (
        "resources/0/schema/foreignKeys/0/fields/0",
        "foreign key field 'ref' is not a field of the schema",
        """{
  "name": "p",
  "resources": [
    {
      "name": "t",
      "path": "t.csv",
      "schema": {
        "fields": [{"name": "id", "type": "integer"}, {"name": "name"}],
        "foreignKeys": [
          {
            "fields": [
              "ref"  <--
            ],
            "reference": {"resource": "", "fields": ["id"]}
          }
        ]
      }
    }
  ]
}""",
        """name: p
resources:
  - name: t
    path: t.csv
    schema:
      fields: [{name: id, type: integer}, {name: name}]
      foreignKeys:
        - fields:
            - ref  <--
          reference: {resource: "", fields: [id]}
""",
    ),
    "dialect property": (
        "resources/0/dialect/delimiter",
        "1 is not text",
        """{
  "name": "p",
  "resources": [
    {
      "name": "t",
      "path": "t.csv",
      "dialect": {
        "delimiter": 1  <--
      }
    }
  ]
}""",
        """name: p
resources:
  - name: t
    path: t.csv
    dialect:
      delimiter: 1  <--
""",
    ),
    "minimum that is not a value of the field": (
        "t.id",
        "minimum 'one' is not a valid integer",
        """{
  "name": "p",
  "resources": [
    {
      "name": "t",
      "path": "t.csv",
      "schema": {
        "fields": [
          {
            "name": "id",
            "type": "integer",
            "constraints": {
              "minimum": "one"  <--
            }
          },
          {"name": "name"}
        ]
      }
    }
  ]
}""",
        """name: p
resources:
  - name: t
    path: t.csv
    schema:
      fields:
        - name: id
          type: integer
          constraints:
            minimum: one  <--
        - name: name
""",
    ),
    "pattern that is not a regular expression": (
        "t.name",
        "pattern '(a' is not a regular expression",
        """{
  "name": "p",
  "resources": [
    {
      "name": "t",
      "path": "t.csv",
      "schema": {
        "fields": [
          {"name": "id", "type": "integer"},
          {
            "name": "name",
            "constraints": {
              "pattern": "(a"  <--
            }
          }
        ]
      }
    }
  ]
}""",
        """name: p
resources:
  - name: t
    path: t.csv
    schema:
      fields:
        - name: id
          type: integer
        - name: name
          constraints:
            pattern: (a  <--
""",
    ),
    "resource without a name": (
        "resources/0/name",
        'the resource has no name; add "name": "..." (lower case letters, digits, -, _ and .',
        """{
  "name": "p",
  "resources": [
    {  <--
      "path": "t.csv"
    }
  ]
}""",
        """name: p
resources:
  - path: t.csv  <--
    title: Rows
""",
    ),
    "a wrong cell in rows written inline": (
        "id",
        '"x" is not a valid integer',
        """{
  "name": "p",
  "resources": [
    {
      "name": "t",
      "data": [
        ["id", "name"],
        [1, "a"],
        ["x", "b"]  <--
      ],
      "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}
    }
  ]
}""",
        """name: p
resources:
  - name: t
    data:
      - [id, name]
      - [1, a]
      - [x, b]  <--
    schema:
      fields: [{name: id, type: integer}, {name: name}]
""",
    ),
    "a wrong cell in inline rows of objects": (
        "id",
        '"x" is not a valid integer',
        """{
  "name": "p",
  "resources": [
    {
      "name": "t",
      "data": [
        {"id": 1, "name": "a"},
        {
          "name": "b",
          "id": "x"  <--
        }
      ],
      "schema": {"fields": [{"name": "id", "type": "integer"}, {"name": "name"}]}
    }
  ]
}""",
        """name: p
resources:
  - name: t
    data:
      - {id: 1, name: a}
      - name: b
        id: x  <--
    schema:
      fields: [{name: id, type: integer}, {name: name}]
""",
    ),
}


def write_descriptor(project: Project, text: str, suffix: str) -> int:
    """Write a package whose descriptor is ``text``; return the line marked ``<--``."""
    folder = project.package("p", DATA, [])
    (folder / "datapackage.json").unlink()
    [line] = [n for n, row in enumerate(text.splitlines(), start=1) if row.endswith(MARK)]
    clean = "\n".join(row.removesuffix(MARK) for row in text.splitlines()) + "\n"
    (folder / f"datapackage.{suffix}").write_text(clean, encoding="utf-8")
    return line


def problems(project: Project) -> list[str]:
    return [str(problem) for problem in check(project.config, cache=False).problems]


@pytest.mark.parametrize("suffix", ["json", "yaml"])
@pytest.mark.parametrize("case", CASES)
def test_a_descriptor_mistake_is_reported_once_at_its_line(project, case, suffix):
    label, message, json_text, yaml_text = CASES[case]
    line = write_descriptor(project, json_text if suffix == "json" else yaml_text, suffix)
    [problem] = problems(project)
    assert problem.startswith(f"datapackages/p/datapackage.{suffix}:{line}: {label}: {message}")
    assert "None" not in problem and str(project.root) not in problem


SEVERAL_FIELDS = """{
  "name": "p",
  "resources": [
    {
      "name": "t",
      "path": "t.csv",
      "schema": {
        "fields": [
          {"name": "id", "type": "integer",
           "description": 1},  <--
          {"name": "name",
           "description": 2},  <--
          {"name": "extra",
           "description": 3}  <--
        ]
      }
    }
  ]
}"""


def test_a_mistake_repeated_on_several_fields_is_reported_once_per_field(project):
    folder = project.package("p", {"t.csv": "id,name,extra\n1,a,b\n"}, [])
    lines = SEVERAL_FIELDS.splitlines()
    marked = [n for n, row in enumerate(lines, start=1) if row.endswith(MARK)]
    text = "\n".join(row.removesuffix(MARK) for row in lines)
    (folder / "datapackage.json").write_text(text, encoding="utf-8")
    found = problems(project)
    assert [p.split(": ")[1] for p in found] == ["t.id", "t.name", "t.extra"]
    assert [int(p.split(":")[1]) for p in found] == marked
    assert all("is not text; fix the schema" in p for p in found)


def test_every_field_with_an_unknown_type_is_reported_once(project):
    fields = [{"name": name, "type": "txt"} for name in "abc"]
    project.package(
        "p",
        {"t.csv": "a,b,c\n1,2,3\n"},
        [{"name": "t", "path": "t.csv", "schema": {"fields": fields}}],
    )
    found = problems(project)
    assert [p.split(": ")[1] for p in found] == ["t.a", "t.b", "t.c"]
    assert len({p.split(":")[1] for p in found}) == 3


def test_a_path_written_as_null_says_so(project):
    project.package("p", {}, [{"name": "t", "path": None}])
    [problem] = problems(project)
    assert problem.startswith("datapackages/p/datapackage.json:7: t.path: the path is an empty")
    assert "None" not in problem


def test_an_empty_option_is_said_in_words(project):
    project.write_config(preview_rows=None)
    [problem] = problems(project)
    assert "odx.preview_rows: must be a whole number, not an empty value" in problem


# -- library warnings ------------------------------------------------------------------------

WARNED = """{
  "name": "p",
  "resources": [
    {
      "name": "t",
      "path": "t.csv",
      "layout": {"header": true},
      "compression": "no",
      "schema": {
        "fields": [
          {"name": "id", "type": "integer"},
          {"name": "name", "constraints": {"pattern": "[[a-z]+"}}
        ]
      }
    }
  ]
}
"""


def run_odx(*args: str | Path) -> subprocess.CompletedProcess:
    """Run ``odx`` in a fresh Python, where warnings go to stderr as they would for a user."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PYTHONWARNINGS", None)
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_library_warnings_become_located_notes_and_never_reach_stderr(project):
    folder = project.package("p", DATA, [])
    (folder / "datapackage.json").write_text(WARNED, encoding="utf-8")
    run = run_odx("build", "--config", project.config)
    assert run.returncode == 0, run.stderr
    assert "site-packages" not in run.stderr and "Warning" not in run.stderr
    shown = "datapackages/p/datapackage.json"
    assert f'note: {shown}:7: resources/0/layout: "layout" was read as "dialect"' in run.stderr
    assert f'note: {shown}:8: resources/0/compression: "compression": "no"' in run.stderr
    assert f"note: {shown}:12: t.name: pattern '[[a-z]+' may mean something else" in run.stderr


def test_a_mistake_in_a_schema_file_is_located_in_that_file(project):
    schema = (
        '{\n  "fields": [\n    {"name": "id", "type": "integer"},\n    {"name": "name"}\n  ],\n'
        '  "primaryKey": [\n    "ref"\n  ]\n}\n'
    )
    project.package(
        "p",
        {**DATA, "schema.json": schema},
        [{"name": "t", "path": "t.csv", "schema": "schema.json"}],
    )
    [problem] = problems(project)
    assert problem.startswith(
        "datapackages/p/schema.json:7: primaryKey/0: primary key field 'ref' is not a field"
    )


def test_a_schema_file_that_does_not_parse_is_located_without_machine_paths(project):
    project.package(
        "p",
        {**DATA, "schema.json": '{"fields": [\n'},
        [{"name": "t", "path": "t.csv", "schema": "schema.json"}],
    )
    [problem] = problems(project)
    assert problem.startswith("datapackages/p/schema.json:2: -: invalid JSON")
    assert str(project.root) not in problem


def test_a_null_written_where_text_belongs_is_shown_as_written(project):
    project.package("p", DATA, [{"name": "t", "path": "t.csv", "title": None}])
    [problem] = problems(project)
    assert "resources/0/title: an empty value is not text" in problem


def test_a_value_of_the_wrong_kind_frictionless_cannot_read_is_located(project):
    project.package("p", DATA, [{"name": "t", "path": "t.csv", "layout": ["header"]}])
    [problem] = problems(project)
    assert problem.startswith("datapackages/p/datapackage.json:5: resources/0: frictionless cannot")
