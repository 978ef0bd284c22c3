"""The resources page: checked entries with located errors, grouped pages, tag pages."""

from __future__ import annotations

import pytest
from helpers import Project

GOOD = """\
categories:
  - id: tools
    title: Tools
  - id: training
    title: Training
resources:
  - title: QGIS
    url: https://qgis.org/
    description: Free mapping software.
    category: tools
    tags: [gis, mapping]
    type: tool
    added: 2026-01-05
    cost: free
  - title: Data Carpentry
    url: https://datacarpentry.org/
    description: Lessons in data skills.
    category: training
    tags: [data-skills]
    type: course
    added: 2026-02-01
"""


@pytest.fixture
def listed(project: Project) -> Project:
    project.write_config(resources=str(project.root / "resources.yml"))
    (project.root / "resources.yml").write_text(GOOD)
    return project


def problems_with(project: Project, old: str, new: str) -> str:
    path = project.root / "resources.yml"
    path.write_text(GOOD.replace(old, new, 1))
    run = project.validate()
    assert run.code == 1, run.output
    assert "Traceback" not in run.output
    return run.err


def test_resources_are_grouped_by_category_in_file_order(listed):
    assert listed.build().code == 0
    page = listed.page("resources/")
    assert [h.get_text() for h in page.select("main section h2")] == ["Tools", "Training"]
    qgis = page.find("a", string="QGIS")
    assert qgis["href"] == "https://qgis.org/"
    card = qgis.find_parent("li")
    assert "Tool · Free · added" in card.get_text(" ", strip=True)


def test_each_tag_has_a_page_that_works_without_javascript(listed):
    assert listed.build().code == 0
    page = listed.page("resources/")
    assert page.find("a", attrs={"data-tag": "gis"})["href"] == "tags/gis/"
    tagged = listed.page("resources/tags/gis/")
    assert [a.get_text() for a in tagged.select("main section h3 a")] == ["QGIS"]
    assert tagged.find("a", attrs={"data-tag": "gis"})["aria-current"] == "page"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "    description: Free mapping software.\n",
            "",
            "resources.yml:7: resources[0].description: required",
        ),
        (
            "https://qgis.org/",
            "qgis.org",
            "resources.yml:8: resources[0].url: 'qgis.org' is not a web address",
        ),
        (
            "https://datacarpentry.org/",
            "https://QGIS.org",
            "resources.yml:16: resources[1].url: the same address is already listed at line 8",
        ),
        (
            "category: tools",
            "category: toolz",
            "resources.yml:10: resources[0].category: unknown category 'toolz'; use one of: tools",
        ),
        ("type: tool\n", "type: app\n", "resources.yml:12: resources[0].type: unknown type 'app'"),
        (
            "added: 2026-01-05",
            "added: last week",
            "resources.yml:13: resources[0].added: 'last week' is not a date",
        ),
        (
            "cost: free",
            "cost: cheap",
            "resources.yml:14: resources[0].cost: 'cheap': use free or paid",
        ),
        (
            "    cost: free\n",
            "    licence: MIT\n",
            "resources.yml:14: resources[0].licence: unknown key",
        ),
    ],
)
def test_every_mistake_is_located_at_its_line(listed, old, new, expected):
    assert expected in problems_with(listed, old, new)


def test_broken_yaml_gives_its_line(listed):
    err = problems_with(listed, "  - id: training\n", "  - id: [training\n")
    assert "resources.yml:5: -: invalid YAML" in err  # where the parser finds the list unclosed
