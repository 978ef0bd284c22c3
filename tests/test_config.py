"""mkdocs.yml is read safely and every odx option is checked at the edge."""

from __future__ import annotations

from pathlib import Path

from generator.config import OPTION_NAMES, load_config
from generator.core.problems import Problems


def read(tmp_path: Path, text: str):
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    problems = Problems()
    return load_config(path, problems), problems


def test_defaults_apply_when_the_odx_entry_is_absent(tmp_path):
    config, problems = read(tmp_path, "site_name: Homes\n")
    assert not problems
    assert config.odx.preview_rows == 100
    assert config.odx.datapackages == "datapackages"
    assert config.odx.allow_remote is False
    assert config.base_path == "/"


def test_options_are_read_from_the_odx_plugin_entry(tmp_path):
    config, problems = read(
        tmp_path,
        "site_name: Homes\nplugins:\n  - search\n  - odx:\n      preview_rows: 5\n"
        "      allow_remote: true\n",
    )
    assert not problems
    assert config.odx.preview_rows == 5
    assert config.odx.allow_remote is True


def test_mkdocs_tags_are_accepted_and_never_executed(tmp_path):
    config, problems = read(
        tmp_path,
        "site_name: !ENV [ODX_SITE_NAME, 'Homes']\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:os.system\n"
        "docs_dir: !relative $config_dir/docs\n",
    )
    assert not problems
    assert config.site_name == "Homes"


def test_an_unknown_option_lists_the_allowed_ones_and_suggests_the_closest(tmp_path):
    _, problems = read(tmp_path, "site_name: Homes\nplugins:\n  - odx:\n      preview_row: 5\n")
    [problem] = problems
    assert problem.path == "mkdocs.yml"
    assert problem.line == 4
    assert problem.field == "odx.preview_row"
    assert "did you mean 'preview_rows'?" in problem.message
    for name in OPTION_NAMES:
        assert name in problem.message


def test_a_mistyped_value_is_an_error_on_its_line(tmp_path):
    _, problems = read(
        tmp_path,
        "site_name: Homes\nplugins:\n  - odx:\n      allow_remote: 'yes'\n      preview_rows: -1\n",
    )
    messages = {p.field: (p.line, p.message) for p in problems}
    assert messages["odx.allow_remote"][0] == 4
    assert "true or false" in messages["odx.allow_remote"][1]
    assert messages["odx.preview_rows"][0] == 5
    assert "at least 0" in messages["odx.preview_rows"][1]


def test_broken_yaml_is_reported_with_line_and_column(tmp_path):
    _, problems = read(tmp_path, "site_name: Homes\nplugins: [odx\n")
    [problem] = problems
    assert problem.line >= 2
    assert "invalid YAML" in problem.message and "column" in problem.message


def test_site_name_is_required(tmp_path):
    _, problems = read(tmp_path, "site_url: https://example.org/\n")
    assert [p.field for p in problems] == ["site_name"]


def test_site_url_gives_the_base_path_for_project_pages(tmp_path):
    config, _ = read(tmp_path, "site_name: Homes\nsite_url: https://org.github.io/repo\n")
    assert config.base_path == "/repo/"


def test_a_site_url_that_is_not_http_is_refused(tmp_path):
    _, problems = read(tmp_path, "site_name: Homes\nsite_url: org.github.io/repo\n")
    assert [(p.field, p.line) for p in problems] == [("site_url", 2)]


def test_a_missing_config_file_is_an_input_error(tmp_path):
    problems = Problems()
    assert load_config(tmp_path / "nope.yml", problems) is None
    assert "config file not found" in problems.items[0].message
