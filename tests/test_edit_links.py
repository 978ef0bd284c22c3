""" "Suggest an edit": with repo_url and edit_uri set (MkDocs' conventions: edit_uri leads
from repo_url to docs_dir), posts, community pages, resources entries and dataset pages link
to the file they were made from, which exists in the repository."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from browser import build_sample
from bs4 import BeautifulSoup
from helpers import REPO, Project

from generator.config import load_config
from generator.core.problems import Problems
from generator.structure.edit_links import EditLinks

SAMPLE = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
EDIT_ROOT = SAMPLE["repo_url"] + "/edit/main/"  # the repository root on GitHub's edit view


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    """The sample project, built."""
    site = build_sample(tmp_path_factory.mktemp("sample"), "https://example.org/")
    return site.parent


def edit_links(site: Path, url: str) -> list[str]:
    page = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return [a["href"] for a in page.find_all("a") if a.get_text().startswith("Suggest an edit")]


def source_of(link: str, root: Path) -> tuple[Path, int]:
    """The file of the repository (here the project copied at ``root``) an edit link opens,
    and its line (0 when none)."""
    assert link.startswith(EDIT_ROOT), link
    path, _, line = link.removeprefix(EDIT_ROOT).partition("#L")
    return root / path, int(line or 0)


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("datasets/sample-landlord/", "datapackages/sample-landlord/datapackage.json"),
        ("datasets/house-prices-uk/", "datapackages/house-prices-uk/datapackage.json"),
        ("insights/how-the-odx-pilot-works/", "insights/2026-09-22-how-the-odx-pilot-works.md"),
        ("about/", "pages/about.md"),
    ],
)
def test_a_page_links_to_its_source_file(sample: Path, url: str, source: str):
    [link] = edit_links(sample / "site", url)
    path, line = source_of(link, sample)
    assert path == sample / source and path.is_file() and line == 0
    assert (REPO / source).is_file()


def test_each_resource_links_to_its_own_line_of_resources_yml(sample: Path):
    links = edit_links(sample / "site", "resources")
    entries = yaml.safe_load((sample / "resources.yml").read_text(encoding="utf-8"))["resources"]
    assert len(links) == len(entries)
    lines = (sample / "resources.yml").read_text(encoding="utf-8").splitlines()
    titles = set()
    for link in links:
        path, line = source_of(link, sample)
        assert path == sample / "resources.yml"
        assert lines[line - 1].lstrip().startswith("- ")  # the entry's first line
        titles.add(lines[line - 1].split(":", 1)[1].strip().strip("'\""))
    assert titles == {str(entry["title"]) for entry in entries}


def test_without_edit_uri_no_page_has_an_edit_link(project: Project):
    project.settings["repo_url"] = "https://github.com/example/odx"
    project.package(
        "homes", {"homes.csv": "ref,rooms\nA1,3\n"}, [{"name": "homes", "path": "homes.csv"}]
    )
    project.write_config()
    assert project.build().code == 0
    assert edit_links(project.site, "datasets/homes") == []


@pytest.mark.parametrize(
    ("edit_uri", "docs_dir", "link"),
    [
        ("edit/main/pages/", "pages", "https://github.com/o/r/edit/main/insights/a.md"),
        ("edit/main/docs/", None, "https://github.com/o/r/edit/main/insights/a.md"),
        ("edit/main/site/docs", "docs", "https://github.com/o/r/edit/main/site/insights/a.md"),
        (
            "https://git.example.org/r/-/edit/main/docs/",
            None,
            "https://git.example.org/r/-/edit/main/insights/a.md",
        ),
    ],
)
def test_edit_uri_is_read_from_docs_dir_as_mkdocs_reads_it(
    tmp_path: Path, edit_uri: str, docs_dir: str | None, link: str
):
    settings = {"site_name": "S", "repo_url": "https://github.com/o/r", "edit_uri": edit_uri}
    if docs_dir:
        settings["docs_dir"] = docs_dir
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    config = load_config(tmp_path / "mkdocs.yml", Problems())
    assert config is not None
    assert EditLinks(config)(tmp_path / "insights" / "a.md") == link


def test_an_edit_uri_of_another_scheme_is_refused_at_its_line(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: S\nrepo_url: https://github.com/o/r\nedit_uri: 'javascript:alert(1)'\n"
    )
    problems = Problems()
    assert load_config(tmp_path / "mkdocs.yml", problems) is None
    [problem] = problems
    assert (problem.line, problem.field) == (3, "edit_uri")
