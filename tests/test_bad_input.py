"""Every mistake a contributor can make is reported as path:line: field: message.

Each test builds a small project with one planted mistake and pins the located message
the contributor sees, the exit code 1, and that no traceback is printed.
"""

from __future__ import annotations

import json

from helpers import table

ID_NAME = [("id", "integer"), ("name", "string")]


def problems_of(run) -> list[str]:
    assert run.code == 1, run.output
    assert "Traceback" not in run.output
    return [line.strip() for line in run.err.splitlines() if line.startswith("  ")]


def test_malformed_json_descriptor_names_line_and_column(project):
    folder = project.package("broken", {"t.csv": "id\n1\n"})
    (folder / "datapackage.json").write_text('{\n  "name": "broken",\n  "resources": [\n}\n')
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/broken/datapackage.json:4: -: invalid JSON")
    assert "column 1" in problem


def test_malformed_yaml_descriptor_names_line_and_column(project):
    folder = project.package("broken", {"t.csv": "id\n1\n"})
    (folder / "datapackage.json").unlink()
    (folder / "datapackage.yaml").write_text(
        "name: broken\nresources:\n  - name: [t\n    path: t.csv\n"
    )
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/broken/datapackage.yaml:")
    assert "invalid YAML" in problem and "column" in problem


def test_missing_data_file_points_at_the_path_in_the_descriptor(project):
    project.package("p", {}, [table("t", ID_NAME)])
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/p/datapackage.json:7: t.path: file 't.csv' not found")


def test_wrong_type_points_at_the_cell(project):
    project.package("p", {"t.csv": "id,name\n1,a\nx,b\n"}, [table("t", ID_NAME)])
    [problem] = problems_of(project.build())
    assert problem.startswith('datapackages/p/t.csv:3: id: "x" is not a valid integer')


def test_duplicate_primary_key_names_both_lines(project):
    project.package(
        "p", {"t.csv": "id,name\n1,a\n2,b\n1,c\n"}, [table("t", ID_NAME, primaryKey=["id"])]
    )
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/p/t.csv:4: -: duplicate primary key")
    assert "line 2" in problem


def test_broken_foreign_key_names_the_missing_value(project):
    project.package(
        "p",
        {"homes.csv": "ref\nA\nB\n", "parts.csv": "ref,part\nA,roof\nC,door\n"},
        [
            table("homes", [("ref", "string")], primaryKey=["ref"]),
            table(
                "parts",
                [("ref", "string"), ("part", "string")],
                foreignKeys=[
                    {"fields": ["ref"], "reference": {"resource": "homes", "fields": ["ref"]}}
                ],
            ),
        ],
    )
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/p/parts.csv:3: ref: broken foreign key")
    assert '"C"' in problem


def test_latin1_bytes_in_a_utf8_file_point_at_their_line(project):
    data = "id,name\n1,ok\n2,caf\xe9\n".encode("latin-1")
    project.package("p", {"t.csv": data}, [table("t", ID_NAME)])
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/p/t.csv:3: -: bytes e9")
    assert "not valid utf-8" in problem


def test_a_declared_latin1_file_is_read_as_latin1(project):
    data = "id,name\n1,caf\xe9\n".encode("latin-1")
    resource = {**table("t", ID_NAME), "encoding": "latin-1"}
    project.package("p", {"t.csv": data}, [resource])
    run = project.build()
    assert run.code == 0, run.output
    assert "café" in project.page("datasets/p/t/").get_text()


def test_empty_csv_is_refused(project):
    project.package("p", {"t.csv": ""}, [table("t", ID_NAME)])
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/p/t.csv:1: -: the file is empty")


def test_ragged_rows_are_each_reported(project):
    project.package("p", {"t.csv": "id,name\n1\n2,b,extra\n"}, [table("t", ID_NAME)])
    problems = problems_of(project.build())
    assert problems[0].startswith("datapackages/p/t.csv:2: name: the row has fewer cells")
    assert problems[1].startswith("datapackages/p/t.csv:3: column 3: the row has more cells")


def test_lines_are_physical_even_after_a_multiline_cell(project):
    data = 'id,name\n1,"two\nlines"\nx,b\n'
    project.package("p", {"t.csv": data}, [table("t", ID_NAME)])
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/p/t.csv:4: id:")


def test_path_traversal_is_refused(project):
    project.package("p", {"t.csv": "id\n1\n"}, [{"name": "t", "path": "../t.csv"}])
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/p/datapackage.json:7: t.path: path '../t.csv' leaves")


def test_absolute_path_is_refused(project):
    project.package("p", {"t.csv": "id\n1\n"}, [{"name": "t", "path": "/etc/passwd"}])
    [problem] = problems_of(project.build())
    assert "t.path: absolute path '/etc/passwd' refused" in problem


def test_remote_url_is_refused_unless_allowed(project):
    url = "https://example.org/data.csv"
    project.package("p", {}, [{"name": "t", "path": url, "format": "csv"}])
    [problem] = problems_of(project.build())
    assert "t.path: remote URL 'https://example.org/data.csv' refused" in problem
    assert "allow_remote" in problem


def test_an_allowed_remote_url_is_linked_and_never_fetched(project):
    url = "https://example.org/data.csv"
    project.package("p", {}, [{"name": "t", "path": url, "format": "csv"}])
    project.write_config(allow_remote=True)
    run = project.build()
    assert run.code == 0, run.output
    page = project.page("datasets/p/t/")
    assert page.find("a", href=url) is not None
    assert "not checked" in page.get_text()


def test_a_ten_megabyte_cell_is_refused_with_its_size(project):
    data = "id,name\n1," + "a" * 10_000_000 + "\n"
    project.package("p", {"t.csv": data}, [table("t", ID_NAME)])
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/p/t.csv:2: name: the cell is 10,000,000 characters")
    assert "max_cell_chars" in problem


def test_unknown_format_is_refused_with_the_known_ones(project):
    project.package("p", {"t.xyz": "x"}, [{"name": "t", "path": "t.xyz"}])
    [problem] = problems_of(project.build())
    assert "t.format: unknown format 'xyz'" in problem and "csv" in problem


def test_duplicate_package_names_are_refused(project):
    project.package(
        "a",
        {"t.csv": "id\n1\n"},
        descriptor={"name": "same", "resources": [{"name": "t", "path": "t.csv"}]},
    )
    project.package(
        "b",
        {"t.csv": "id\n1\n"},
        descriptor={"name": "same", "resources": [{"name": "t", "path": "t.csv"}]},
    )
    [problem] = problems_of(project.build())
    assert problem.startswith(
        "datapackages/b/datapackage.json:2: name: package name 'same' is already used"
    )


def test_an_invalid_schema_is_located_at_the_field(project):
    resource = {"name": "t", "path": "t.csv", "schema": {"fields": [{"name": "id", "type": "wat"}]}}
    project.package("p", {"t.csv": "id\n1\n"}, [resource])
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/p/datapackage.json:12: t.id: type 'wat' is not a field")


def test_an_unknown_option_in_mkdocs_yml_fails_the_build(project):
    project.write_config(preveiw_rows=3)
    [problem] = problems_of(project.build())
    assert problem.startswith("mkdocs.yml:")
    assert "odx.preveiw_rows: unknown option; did you mean 'preview_rows'?" in problem


def test_problems_of_every_package_are_collected_in_one_run(project):
    project.package("one", {"t.csv": "id,name\nx,a\n"}, [table("t", ID_NAME)])
    project.package("two", {}, [table("t", ID_NAME)])
    problems = problems_of(project.build())
    assert any(p.startswith("datapackages/one/t.csv:2:") for p in problems)
    assert any(p.startswith("datapackages/two/datapackage.json:") for p in problems)


def test_errors_are_capped_per_resource_with_a_count_of_the_rest(project):
    rows = "".join(f"x{n},a\n" for n in range(80))
    project.package("p", {"t.csv": "id,name\n" + rows}, [table("t", ID_NAME)])
    run = project.build()
    problems = problems_of(run)
    assert len([p for p in problems if p.startswith("datapackages/p/t.csv:")]) == 50
    assert "… and 30 more in datapackages/p/t.csv" in run.err


def test_a_folder_without_descriptor_is_reported(project):
    (project.root / "datapackages" / "empty").mkdir()
    [problem] = problems_of(project.build())
    assert problem.startswith("datapackages/empty:1: -: no datapackage.json")


def test_github_annotations_are_printed_on_github_actions(project, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    project.package("p", {"t.csv": "id,name\nx,a\n"}, [table("t", ID_NAME)])
    run = project.validate()
    assert run.code == 1
    assert "::error file=datapackages/p/t.csv,line=2,title=id::" in run.out


def test_no_annotations_outside_github_actions(project, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    project.package("p", {"t.csv": "id,name\nx,a\n"}, [table("t", ID_NAME)])
    assert "::error" not in project.validate().output


def test_descriptor_written_as_json_is_kept_byte_identical_in_downloads(project):
    folder = project.package("p", {"t.csv": "id,name\n1,a\n"}, [table("t", ID_NAME)])
    assert project.build().code == 0
    published = project.site / "downloads/p/datapackage.json"
    assert published.read_bytes() == (folder / "datapackage.json").read_bytes()
    assert json.loads(published.read_text())["name"] == "p"


def test_a_descriptor_that_starts_with_a_byte_order_mark_is_read(project):
    folder = project.package("p", {"t.csv": "id\n1\n"}, [table("t", ID_NAME[:1])])
    descriptor = folder / "datapackage.json"
    descriptor.write_bytes(b"\xef\xbb\xbf" + descriptor.read_bytes())
    project.write_config()
    run = project.validate()
    assert run.code == 0, run.output
