"""Frictionless record numbers become the physical lines a contributor sees in an editor."""

from __future__ import annotations

from generator.core.sourcelines import (
    first_json_mistake,
    first_undecodable_line,
    json_items,
    json_lines_items,
    record_start_lines,
)


def test_records_after_a_multiline_cell_start_on_later_lines(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,text\n1,"a\nb\nc"\n2,d\n', newline="")
    assert record_start_lines(path, [1, 2, 3]) == {1: 1, 2: 2, 3: 5}


def test_without_multiline_cells_records_are_lines(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a\n1\n2\n3\n")
    assert record_start_lines(path, [4, 2]) == {2: 2, 4: 4}


def test_the_first_undecodable_byte_is_found_on_its_line(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"a\nb\nc\xe9\n")
    assert first_undecodable_line(path, "utf-8") == (3, "e9")
    assert first_undecodable_line(path, "latin-1") is None


def test_json_rows_of_arrays_start_where_their_item_starts(tmp_path):
    path = tmp_path / "t.json"
    path.write_text('[\n  ["id"],\n  [\n    1\n  ],\n  [2]\n]\n')
    items = json_items(path, last_record=3)
    assert [items.record_line(n) for n in (1, 2, 3)] == [2, 3, 6]


def test_json_rows_of_objects_locate_each_cell_at_its_key(tmp_path):
    path = tmp_path / "t.json"
    path.write_text('[\n  {"id": 1},\n  {\n    "name": "b",\n    "id": 2\n  }\n]\n')
    items = json_items(path, last_record=3)
    assert items.record_line(1) == 2  # the header is the first object's keys
    assert items.record_line(3) == 3
    assert items.cell_line(3, "id") == 5


def test_json_lines_rows_are_their_lines(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('["id"]\n[1]\n[2]\n')
    assert json_lines_items(path).record_line(3) == 3


def test_a_json_syntax_mistake_is_found_on_its_line(tmp_path):
    path = tmp_path / "t.json"
    path.write_text("[\n  [1],\n  [2,]\n]\n")
    assert first_json_mistake(path) == (3, "Expecting value (column 6)")
    path.write_text("[1]\n\n[2]\n")
    assert first_json_mistake(path, per_line=True) == (2, "the line is blank")
