"""Descriptors and configs are parsed with the line of every key remembered."""

from __future__ import annotations

import pytest

from generator.core.sourcemap import DocumentError, Tagged, read_document


def test_json_keys_and_items_have_their_lines():
    text = '{\n  "name": "p",\n  "resources": [\n    {\n      "path": "a.csv"\n    }\n  ]\n}\n'
    value, lines = read_document(text, "json")
    assert value["resources"][0]["path"] == "a.csv"
    assert lines.line_of(["name"]) == 2
    assert lines.line_of(["resources", 0, "path"]) == 5


def test_an_unknown_path_falls_back_to_its_nearest_known_parent():
    _, lines = read_document('{\n  "resources": [\n    {"name": "a"}\n  ]\n}', "json")
    assert lines.line_of(["resources", 0, "schema", "fields", 3]) == 3


def test_yaml_keys_have_their_lines():
    _, lines = read_document("name: p\nresources:\n  - name: a\n    path: a.csv\n", "yaml")
    assert lines.line_of(["resources", 0, "path"]) == 4


def test_invalid_json_reports_line_and_column():
    with pytest.raises(DocumentError) as caught:
        read_document('{\n  "a": 1,\n  "b": \n}', "json")
    assert (caught.value.line, caught.value.column) == (4, 1)


def test_invalid_yaml_reports_line_and_column():
    with pytest.raises(DocumentError) as caught:
        read_document("a: 1\nb: [1, 2\nc: 3\n", "yaml")
    assert caught.value.line >= 2 and caught.value.column >= 1


def test_python_tags_become_inert_values():
    value, _ = read_document("x: !!python/object/apply:os.system ['echo hacked']\n", "yaml")
    assert isinstance(value["x"], Tagged)
    assert value["x"].tag == "tag:yaml.org,2002:python/object/apply:os.system"


def test_tab_indented_json_keys_and_items_have_their_lines():
    text = '{\n\t"name": "p",\n\t"resources": [\n\t\t{\n\t\t\t"path": "a.csv"\n\t\t}\n\t]\n}\n'
    _, lines = read_document(text, "json")
    assert lines.line_of(["name"]) == 2
    assert lines.line_of(["resources", 0, "path"]) == 5


def test_json_escapes_yaml_refuses_keep_their_lines():
    text = '{\n  "homepage": "https:\\/\\/example.org",\n  "name": "p"\n}\n'
    _, lines = read_document(text, "json")
    assert lines.line_of(["name"]) == 3


def test_items_of_nested_json_arrays_have_the_line_they_start_on():
    _, lines = read_document('{"data": [\n  [1,\n   2],\n  {"a": 3}\n]}', "json")
    assert [lines.line_of(["data", n]) for n in (0, 1)] == [2, 4]
    assert lines.line_of(["data", 0, 1]) == 3
