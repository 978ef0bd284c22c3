"""Inputs that would exhaust or fool a naive parser are refused at their line.

YAML aliases that repeat exponentially, documents nested thousands of levels deep, keys
given twice, numbers that are not numbers (NaN, infinities, overflow), header cells of any
size and links that are not web addresses: each is a located problem, never an internal
error, a hang or a silently different value.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from helpers import Project, table
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.document_limits import CONFIG_ALIAS_BUDGET, MAX_DEPTH, DocumentError
from generator.core.sourcemap import Tagged, read_document
from generator.core.urls import web_address
from generator.load.table_limits import number_problem

ID_VALUE = [("id", "integer"), ("v", "number")]


def problems_of(run) -> list[str]:
    assert run.code == 1, run.output
    assert "Traceback" not in run.output and "internal error" not in run.output
    return [line.strip() for line in run.err.splitlines() if line.startswith("  ")]


def yaml_package(project: Project, text: str) -> Path:
    """A package whose descriptor is ``datapackage.yaml`` with ``text`` appended."""
    folder = project.package("p", {"t.csv": "id\n1\n"})
    (folder / "datapackage.json").unlink()
    path = folder / "datapackage.yaml"
    path.write_text("name: p\nresources:\n  - name: t\n    path: t.csv\n" + text)
    return path


def append_to_json(path: Path, member: str) -> int:
    """Add ``member`` to the descriptor object at ``path`` on a line of its own; its line."""
    text = path.read_text().rstrip()
    assert text.endswith("}")
    path.write_text(text[:-1].rstrip() + f",\n {member}\n}}\n")
    return text.count("\n") + 1


def laughs(levels: int, anchor: str = "a") -> str:
    """A "billion laughs" document: each level repeats the one before ten times."""
    lines = [f"{anchor}0: &{anchor}0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, levels):
        repeated = ", ".join([f"*{anchor}{level - 1}"] * 10)
        lines.append(f"{anchor}{level}: &{anchor}{level} [{repeated}]")
    return "\n".join(lines) + "\n"


def error_of(text: str, kind: str = "yaml", alias_budget: int = 0) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_document(text, kind, alias_budget)
    return caught.value


# --- YAML aliases -------------------------------------------------------------------------


def test_a_billion_laughs_descriptor_is_refused_at_its_first_alias(project):
    yaml_package(project, laughs(12))
    started = time.monotonic()
    [problem] = problems_of(project.validate())
    assert time.monotonic() - started < 10
    assert problem.startswith("datapackages/p/datapackage.yaml:6: -: YAML aliases (*a0) are not")


@pytest.mark.parametrize(
    "text",
    ["x: &a [1]\ny: *a\n", "base: &b {k: 1}\nmerged:\n  <<: *b\n"],
    ids=["alias", "merge key"],
)
def test_contributor_files_accept_no_alias(text):
    error = error_of(text)
    assert "YAML aliases" in error.message and "write the value out" in error.message
    assert error.line in (2, 3)


def test_an_alias_inside_its_own_anchor_is_refused_not_followed():
    error = error_of("x: &a [1, *a]\n", alias_budget=CONFIG_ALIAS_BUDGET)
    assert (error.line, error.column) == (1, 11)
    assert "inside the value of its own anchor" in error.message


def test_mkdocs_yml_may_use_a_few_aliases():
    text = "defaults: &d {a: 1, b: [2, 3]}\nhere:\n  <<: *d\n  c: 4\nthere: *d\n"
    value, lines = read_document(text, "yaml", alias_budget=CONFIG_ALIAS_BUDGET)
    assert value["here"] == {"a": 1, "b": [2, 3], "c": 4}
    assert value["there"] == {"a": 1, "b": [2, 3]}
    assert lines.line_of(["here", "c"]) == 4


def test_mkdocs_yml_aliases_stop_at_the_budget():
    error = error_of(laughs(12), alias_budget=CONFIG_ALIAS_BUDGET)
    assert error.line == 3  # 10 + 10 x 11 values repeated by then; the next line passes 1,000
    assert "aliases repeat more than 1,000 values" in error.message


def test_an_alias_cannot_nest_a_document_past_the_depth_limit():
    deep = "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2)
    error = error_of(f"a: &a {deep}\nb: [[[*a]]]\n", alias_budget=CONFIG_ALIAS_BUDGET)
    assert error.line == 2 and "nests more than 64 levels" in error.message


def test_a_billion_laughs_mkdocs_yml_is_a_located_problem(project):
    project.config.write_text(project.config.read_text() + laughs(12, "lol"))
    [problem] = problems_of(project.validate())
    assert problem.startswith("mkdocs.yml:")
    assert "aliases repeat more than 1,000 values in this file" in problem


def test_mkdocs_tags_still_read_as_inert_values():
    text = "site_name: !ENV [SITE_NAME, 'x']\nhook: !!python/name:os.system\nref: &r 1\nalso: *r\n"
    value, _ = read_document(text, "yaml", alias_budget=CONFIG_ALIAS_BUDGET)
    assert value["site_name"] == Tagged("!ENV", ["SITE_NAME", "x"])
    assert isinstance(value["hook"], Tagged) and value["also"] == 1


# --- nesting ------------------------------------------------------------------------------


def test_a_deeply_nested_json_descriptor_is_a_located_problem(project):
    folder = project.package("p", {"t.csv": "id\n1\n"}, [table("t", [("id", "integer")])])
    path = folder / "datapackage.json"
    deep = "[" * 10_000 + "]" * 10_000
    line = append_to_json(path, f'"x": {deep}')
    [problem] = problems_of(project.validate())
    assert problem.startswith(f"datapackages/p/datapackage.json:{line}: -: the document nests")
    assert "(column 70)" in problem  # the 65th bracket


def test_a_deeply_nested_yaml_descriptor_is_a_located_problem(project):
    yaml_package(project, "x: " + "[" * 10_000 + "]" * 10_000 + "\n")
    [problem] = problems_of(project.validate())
    assert problem.startswith("datapackages/p/datapackage.yaml:5: -: the document nests more")


@settings(max_examples=30, deadline=None)
@given(depth=st.integers(1, 3_000), kind=st.sampled_from(["json", "yaml"]), flow=st.booleans())
def test_nesting_is_read_up_to_the_limit_and_refused_beyond(depth, kind, flow):
    opening, closing = ('{"k": ', "}") if flow else ("[", "]")
    text = opening * depth + "1" + closing * depth
    if depth <= MAX_DEPTH:
        value, _ = read_document(text, kind)
        for _ in range(depth):
            value = value["k"] if flow else value[0]
        assert value == 1
    else:
        assert "nests more than 64 levels" in error_of(text, kind).message


def test_brackets_inside_json_strings_do_not_count_as_nesting():
    value, _ = read_document(json.dumps({"text": "[" * 500 + '\\"{' * 100}), "json")
    assert value["text"].startswith("[[[")


# --- duplicate keys -----------------------------------------------------------------------


def test_a_key_given_twice_in_a_yaml_descriptor_is_located_at_the_second(project):
    yaml_package(project, "title: One\nname: q\n")
    [problem] = problems_of(project.validate())
    assert problem.startswith("datapackages/p/datapackage.yaml:6: -: the key 'name' appears twice")
    assert "(first 5 lines above)" in problem


def test_a_key_given_twice_in_a_json_descriptor_is_located_at_the_second(project):
    folder = project.package("p", {"t.csv": "id\n1\n"}, [table("t", [("id", "integer")])])
    path = folder / "datapackage.json"
    path.write_text(path.read_text().replace('"title": "P",', '"title": "P",\n "name": "q",'))
    [problem] = problems_of(project.validate())
    assert problem.startswith("datapackages/p/datapackage.json:4: -: the key 'name' appears twice")


def test_equal_keys_in_different_blocks_are_fine():
    value, _ = read_document("a: {name: 1}\nb: {name: 2}\n", "yaml")
    assert value == {"a": {"name": 1}, "b": {"name": 2}}


def test_a_key_given_twice_in_front_matter_is_located_in_the_post(project):
    project.write_config(insights=str(project.root / "insights"))
    folder = project.root / "insights"
    folder.mkdir()
    (folder / "authors.yml").write_text("ann:\n  name: Ann\n")
    front = "title: A post\ndate: 2026-10-01\nauthors: [ann]\ntitle: Another\n"
    (folder / "2026-10-01-a-post.md").write_text(f"---\n{front}---\nWords.\n")
    [problem] = problems_of(project.validate())
    assert problem.startswith("insights/2026-10-01-a-post.md:5: -: the key 'title' appears twice")
    assert "(first 3 lines above)" in problem


def test_an_author_given_twice_in_authors_yml_is_located(project):
    project.write_config(insights=str(project.root / "insights"))
    folder = project.root / "insights"
    folder.mkdir()
    (folder / "authors.yml").write_text("ann:\n  name: Ann\nbob:\n  name: Bob\nann:\n  name: A\n")
    [problem] = problems_of(project.validate())
    assert problem.startswith("insights/authors.yml:5: -: the key 'ann' appears twice")


def test_a_setting_given_twice_in_mkdocs_yml_is_located(project):
    project.config.write_text(project.config.read_text() + "site_name: Other\n")
    [problem] = problems_of(project.validate())
    assert problem.startswith("mkdocs.yml:")
    assert "the key 'site_name' appears twice" in problem


def test_a_category_id_given_twice_in_resources_yml_is_located(project):
    project.write_config(resources=str(project.root / "resources.yml"))
    (project.root / "resources.yml").write_text(
        "categories:\n"
        "  - id: tools\n    title: Tools\n"
        "  - id: guides\n    title: Guides\n"
        "  - id: tools\n    title: More tools\n"
        "resources: []\n"
    )
    [problem] = problems_of(project.validate())
    assert problem.startswith(
        "resources.yml:6: categories[2].id: the category id 'tools' is already used at line 2"
    )


# --- numbers that are not numbers ---------------------------------------------------------

NOT_NUMBERS = ["NaN", "nan", "inf", "-Infinity", "1e999", "-1e400", "1" + "0" * 400]


@pytest.mark.parametrize("cell", NOT_NUMBERS)
@pytest.mark.parametrize("path", ["fast", "frictionless"])
def test_a_number_column_refuses_nan_infinity_and_overflow_at_the_cell(project, cell, path):
    data = f"id,v\n1,2.5\n2,{cell}\n"
    resource = table("t", ID_VALUE)
    if path == "frictionless":  # an inferred schema is never read by the fast path
        resource = {"name": "t", "path": "t.csv"}
    project.package("p", {"t.csv": data}, [resource])
    [problem] = problems_of(project.validate())
    assert problem.startswith("datapackages/p/t.csv:3: v: unusable number: ")
    assert cell[:40].lower() in problem.lower()


@pytest.mark.parametrize("cell", [str(2**63), str(-(2**63) - 1), "9" * 5000])
def test_an_integer_column_refuses_values_past_64_bits(project, cell):
    project.package("p", {"t.csv": f"id\n1\n{cell}\n"}, [table("t", [("id", "integer")])])
    [problem] = problems_of(project.validate())
    assert problem.startswith("datapackages/p/t.csv:3: id: ")
    assert "too large for an integer" in problem or "not a valid integer" in problem


def test_the_largest_64_bit_integers_and_floats_are_fine(project):
    data = f"id,v\n{2**63 - 1},1.7e308\n{-(2**63)},-1e-300\n"
    project.package("p", {"t.csv": data}, [table("t", [("id", "integer"), ("v", "number")])])
    run = project.validate()
    assert run.code == 0, run.output


@pytest.mark.parametrize(
    ("rows", "line"),
    [
        ('[["id", "v"],\n [1, 2.5],\n [2, 1e999]]', 3),
        ('[{"id": 1, "v": 2},\n {"id": 2, "v": 1e400}]', 2),
    ],
    ids=["arrays", "objects"],
)
def test_a_json_table_refuses_infinity_and_overflow(project, rows, line):
    resource = {**table("t", ID_VALUE), "path": "t.json"}
    project.package("p", {"t.json": rows}, [resource])
    [problem] = problems_of(project.validate())
    assert problem.startswith(f"datapackages/p/t.json:{line}: -: ")
    assert "is too large for a number (at most about 1.8e308)" in problem


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_a_json_table_refuses_the_non_standard_number_words(project, token):
    resource = {**table("t", ID_VALUE), "path": "t.json"}
    project.package("p", {"t.json": f'[["id", "v"],\n [1, {token}]]'}, [resource])
    [problem] = problems_of(project.validate())
    assert problem.startswith(f"datapackages/p/t.json:2: -: {token} is not a number JSON allows")


def test_a_json_lines_table_refuses_nan(project):
    resource = {**table("t", ID_VALUE), "path": "t.jsonl"}
    project.package("p", {"t.jsonl": '{"id": 1, "v": 2}\n{"id": 2, "v": NaN}\n'}, [resource])
    [problem] = problems_of(project.validate())
    assert problem.startswith("datapackages/p/t.jsonl:2: -: NaN is not a number JSON allows")


def test_a_json_table_is_read_and_checked_row_by_row(project):
    resource = {**table("t", ID_VALUE), "path": "t.json"}
    project.package("p", {"t.json": '[{"id": 1, "v": 2.5}, {"id": "x", "v": 3}]'}, [resource])
    [problem] = problems_of(project.validate())
    assert '"x" is not a valid integer' in problem


def test_a_json_file_that_is_not_a_list_of_rows_is_refused(project):
    resource = {**table("t", ID_VALUE), "path": "t.json"}
    project.package("p", {"t.json": '{"id": 1, "v": 2}'}, [resource])
    [problem] = problems_of(project.validate())
    assert problem.startswith("datapackages/p/t.json:1: -: a JSON table is a list of rows")


def test_inline_rows_refuse_nan_at_their_line_in_the_descriptor(project):
    resource = {
        "name": "t",
        "data": [["id", "v"], [1, 2], [2, "NaN"]],
        "schema": table("t", ID_VALUE)["schema"],
    }
    project.package("p", {}, [resource])
    text = (project.root / "datapackages/p/datapackage.json").read_text().splitlines()
    row_line = next(n for n, line in enumerate(text, 1) if '"NaN"' in line) - 2  # its "[" line
    [problem] = problems_of(project.validate())
    assert problem.startswith(f"datapackages/p/datapackage.json:{row_line}: v: unusable number")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "1e999", "9" * 5_000])
def test_a_json_descriptor_refuses_numbers_that_are_not_numbers(project, literal):
    folder = project.package("p", {"t.csv": "id\n1\n"}, [table("t", [("id", "integer")])])
    line = append_to_json(folder / "datapackage.json", f'"x": {literal}')
    [problem] = problems_of(project.validate())
    assert problem.startswith(f"datapackages/p/datapackage.json:{line}: -: ")
    assert "not a number" in problem or "too large for a number" in problem


@pytest.mark.parametrize(
    "literal", [".nan", ".inf", "-.Inf", "1.0e+999", "9" * 400, "0x" + "f" * 300]
)
def test_a_yaml_document_refuses_numbers_that_are_not_numbers(literal):
    error = error_of(f"a: 1\nb:\n  - {literal}\n")
    assert error.line == 3 and "b/0:" in error.message and "not a number" in error.message


@settings(max_examples=50, deadline=None)
@given(value=st.floats(allow_nan=True, allow_infinity=True))
def test_number_problem_refuses_exactly_what_is_not_a_finite_float(value):
    import math

    assert (number_problem(value, "number") is None) == math.isfinite(value)


# --- header cells -------------------------------------------------------------------------


@pytest.mark.parametrize("schema", [True, False], ids=["declared", "inferred"])
def test_a_header_cell_longer_than_max_cell_chars_is_refused(project, schema):
    project.write_config(max_cell_chars=1_000)
    name = "h" * 5_000
    resource = table("t", [("id", "integer"), (name, "integer")]) if schema else None
    project.package(
        "p", {"t.csv": f"id,{name}\n1,2\n"}, [resource or {"name": "t", "path": "t.csv"}]
    )
    [problem] = problems_of(project.validate())
    assert problem.startswith("datapackages/p/t.csv:1: column 2: header too long: ")
    assert "5,000 characters long and the limit is 1,000" in problem
    assert len(problem) < 400


# --- remote paths -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "javascript://%0aalert(1)",
        "javascript:alert(1)",
        "data:text/csv,id%0A1",
        "file:///etc/passwd",
        "ftp://example.org/t.csv",
        "https:t.csv",
    ],
)
def test_only_http_and_https_addresses_are_remote_paths(project, path):
    project.write_config(allow_remote=True)
    project.package("p", {}, [{"name": "t", "path": path, "format": "csv"}])
    [problem] = problems_of(project.validate())
    assert problem.startswith(f"datapackages/p/datapackage.json:7: t.path: '{path}' is neither")
    assert "only https: and http: links are accepted" in problem


def test_an_https_remote_path_is_still_linked(project):
    project.write_config(allow_remote=True)
    project.package("p", {}, [{"name": "t", "path": "HTTPS://example.org/t.csv"}])
    run = project.validate()
    assert run.code == 0, run.output


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/t.csv", True),
        ("http://example.org/t.csv", True),
        ("javascript://%0aalert(1)", False),
        ("data:text/html,<script>", False),
        ("https:no-host", False),
        ("//example.org/t.csv", False),
    ],
)
def test_the_url_layer_links_only_to_web_addresses(url, kept):
    assert (web_address(url) == url) is kept
    assert web_address(url) in (url, "")


def test_a_yaml_integer_with_more_digits_than_python_reads_is_a_located_problem():
    error = error_of("a: 1\nb: " + "9" * 5_000 + "\n")
    assert (error.line, error.column) == (2, 4)
    assert "the number has 5,000 characters" in error.message
