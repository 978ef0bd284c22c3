"""Whatever bytes or descriptor a contributor sends: no traceback, and site/ stays as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from helpers import Project, snapshot, table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.full

SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
FIELD_TYPES = st.sampled_from(["string", "integer", "number", "date", "boolean", "year", "any"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=10,
)


def fresh_project(root: Path) -> Project:
    if root.exists():
        shutil.rmtree(root)
    project = Project(root)
    project.package("good", {"t.csv": "id\n1\n"}, [table("t", [("id", "integer")])])
    assert project.build().code == 0
    return project


def assert_clean_failure_or_success(project: Project, before: dict[str, bytes]) -> None:
    run = project.build()
    assert run.code in (0, 1), run.output
    assert "Traceback" not in run.output and "internal error" not in run.output
    if run.code == 1:
        assert snapshot(project.site) == before
        for line in run.err.splitlines():
            if line.startswith("  datapackages/") and not line.startswith("  … "):
                _path, line_number, *_ = line.strip().split(":", 2)
                assert line_number.isdigit(), line


@SETTINGS
@given(data=st.binary(max_size=400), types=st.lists(FIELD_TYPES, min_size=1, max_size=3))
def test_random_csv_bytes_never_crash_the_build(tmp_path, data, types):
    project = fresh_project(tmp_path / "p")
    before = snapshot(project.site)
    fields = [(f"f{i}", kind) for i, kind in enumerate(types)]
    project.package("random", {"random.csv": data}, [table("random", fields)])
    assert_clean_failure_or_success(project, before)


@SETTINGS
@given(
    resource=st.dictionaries(
        st.sampled_from(["name", "path", "schema", "format", "encoding", "dialect", "data"]),
        JSON_VALUES,
        max_size=5,
    )
)
def test_random_resource_descriptors_never_crash_the_build(tmp_path, resource):
    project = fresh_project(tmp_path / "p")
    before = snapshot(project.site)
    project.package("random", {"t.csv": "a,b\n1,2\n"}, [resource])
    assert_clean_failure_or_success(project, before)


@SETTINGS
@given(descriptor=JSON_VALUES)
def test_random_whole_descriptors_never_crash_the_build(tmp_path, descriptor):
    project = fresh_project(tmp_path / "p")
    before = snapshot(project.site)
    folder = project.root / "datapackages" / "random"
    folder.mkdir()
    (folder / "datapackage.json").write_text(json.dumps(descriptor))
    assert_clean_failure_or_success(project, before)


CONSTRAINTS = st.dictionaries(
    st.sampled_from(["required", "unique", "minimum", "maximum", "pattern", "enum", "maxLength"]),
    JSON_VALUES,
    max_size=3,
)


@SETTINGS
@given(
    fields=st.lists(
        st.fixed_dictionaries(
            {
                "name": st.text(min_size=1, max_size=6),
                "type": FIELD_TYPES,
                "constraints": CONSTRAINTS,
            }
        ),
        min_size=1,
        max_size=3,
    ),
    data=st.text(max_size=200),
)
def test_random_schemas_over_random_text_never_crash_the_build(tmp_path, fields, data):
    project = fresh_project(tmp_path / "p")
    before = snapshot(project.site)
    resource = {"name": "t", "path": "t.csv", "schema": {"fields": fields}}
    project.package("random", {"t.csv": data}, [resource])
    assert_clean_failure_or_success(project, before)


YAML_PIECES = st.sampled_from(
    [
        "name: x",
        "title: T",
        "resources:",
        "- name: t",
        "  path: t.csv",
        "a: &a [1, 2, *a]",
        "b: &b {k: v}",
        "c: *b",
        "<<: *b",
        "d: *missing",
        "e: !!python/object/apply:os.system ['true']",
        "f: !ENV [HOME, x]",
        "g: .nan",
        "h: 1e999",
        "i: 123456789012345678901234567890",
        "j: 2024-02-30",
        "k: [[[[[[[[",
        "l: {",
        "? complex",
        "m: |",
        "  block",
        "---",
        "...",
        "\tn: tab",
        "o: 'unterminated",
        'p: "\\u0000"',
        "name: twice",
        "q: \u202e\u200b",
        "r: " + "x" * 300,
    ]
)
YAML_TEXTS = st.lists(YAML_PIECES, max_size=12).map("\n".join)


@SETTINGS
@given(
    text=YAML_TEXTS,
    where=st.sampled_from(["descriptor", "front matter", "authors", "resources", "config"]),
)
def test_random_yaml_never_crashes_the_build(tmp_path, text, where):
    """Aliases, tags, repeated keys, deep nesting, odd numbers and broken syntax in every
    YAML file a contributor writes: exit 0 or 1, never a traceback."""
    project = fresh_project(tmp_path / "p")
    before = snapshot(project.site)
    if where == "descriptor":
        folder = project.root / "datapackages" / "random"
        folder.mkdir()
        (folder / "t.csv").write_text("a\n1\n")
        (folder / "datapackage.yaml").write_text(text)
    elif where == "front matter":
        posts = project.root / "insights"
        posts.mkdir(exist_ok=True)
        (posts / "2026-01-01-x.md").write_text(f"---\n{text}\n---\nBody.\n")
    elif where == "authors":
        (project.root / "insights").mkdir(exist_ok=True)
        (project.root / "insights" / "authors.yml").write_text(text)
    elif where == "resources":
        (project.root / "resources.yml").write_text(text)
    else:
        project.config.write_text(project.config.read_text() + "\n" + text + "\n")
    assert_clean_failure_or_success(project, before)


@SETTINGS
@given(
    header=st.lists(
        st.text(alphabet=st.characters(codec="utf-8"), max_size=20) | st.just("x" * 2_000),
        min_size=1,
        max_size=4,
    )
)
def test_random_csv_headers_never_crash_the_build(tmp_path, header):
    import csv
    import io

    project = fresh_project(tmp_path / "p")
    before = snapshot(project.site)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerow(["1"] * len(header))
    (project.root / "datapackages" / "random").mkdir()
    project.package("random", {"t.csv": out.getvalue()}, [{"name": "t", "path": "t.csv"}])
    assert_clean_failure_or_success(project, before)
