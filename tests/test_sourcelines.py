"""Frictionless record numbers become the physical lines a contributor sees in an editor."""

from __future__ import annotations

from generator.sourcelines import first_undecodable_line, record_start_lines


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
