"""Older descriptor forms are read as current ones, and every such reading is noted."""

from __future__ import annotations

import json

from generator.load.descriptor import read_descriptor


def write(tmp_path, data) -> object:
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(data, indent=1))
    return read_descriptor(path)


def test_licence_id_and_url_are_read_as_name_and_path(tmp_path):
    descriptor = write(tmp_path, {"licenses": [{"id": "CC0-1.0", "url": "https://x.org/cc0"}]})
    assert descriptor.data["licenses"] == [{"name": "CC0-1.0", "path": "https://x.org/cc0"}]
    assert [text for _, text in descriptor.normalised] == [
        "licence 'id' read as 'name' (older spec form)",
        "licence 'url' read as 'path' (older spec form)",
    ]


def test_multilingual_values_are_read_in_the_default_language(tmp_path):
    descriptor = write(
        tmp_path,
        {
            "title": {"": "Codes", "es": "Códigos"},
            "resources": [{"title": {"en": "Table", "fr": "Tableau"}}],
        },
    )
    assert descriptor.data["title"] == "Codes"
    assert descriptor.data["resources"][0]["title"] == "Table"
    assert (("title",), "multilingual value read in its default language") in descriptor.normalised


def test_a_single_keyword_becomes_a_list(tmp_path):
    assert write(tmp_path, {"keywords": "housing"}).data["keywords"] == ["housing"]


def test_inline_data_is_never_rewritten(tmp_path):
    rows = [{"": "x", "es": "y"}]
    descriptor = write(tmp_path, {"resources": [{"name": "t", "data": rows}]})
    assert descriptor.data["resources"][0]["data"] == rows
    assert descriptor.normalised == []


def test_an_ordinary_mapping_is_not_mistaken_for_a_multilingual_value(tmp_path):
    descriptor = write(tmp_path, {"odx": {"profile": "homes/0.1", "as_of": "2026-10-31"}})
    assert descriptor.data["odx"]["profile"] == "homes/0.1"
    assert descriptor.normalised == []
