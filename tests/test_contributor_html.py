"""HTML in posts and pages: ids and classes only where Markdown makes them, and raw HTML left
open is a located problem instead of a silently swallowed post."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import TEMPLATES, Project
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.structure.markdown_render import (
    RESERVED_ID_PREFIXES,
    render_markdown,
    reserved_id,
)

SITE_CSS = TEMPLATES / "static" / "site.css"
SITE_CLASSES = sorted(set(re.findall(r"\.([a-zA-Z][\w-]*)", SITE_CSS.read_text())))
TEMPLATE_IDS = sorted(
    {
        value
        for path in TEMPLATES.glob("*.html")
        for value in re.findall(r'id="([^"]*)"', path.read_text())
    }
)


def soup(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(str(render_markdown(markdown).html), "html.parser")


def ids(markdown: str) -> list[str]:
    return [tag["id"] for tag in soup(markdown).find_all(id=True)]


def classes(markdown: str) -> list[str]:
    return sorted({name for tag in soup(markdown).find_all(class_=True) for name in tag["class"]})


# --- ids ----------------------------------------------------------------------------------


def test_raw_html_ids_are_dropped():
    assert ids('<div id="main">x</div>\n\n<p>a <span id="anchor">b</span></p>\n') == []


def test_headings_keep_their_anchors():
    assert ids("## Why install years matter\n\n### Kitchens\n\n#### Detail\n") == [
        "why-install-years-matter",
        "kitchens",
        "detail",
    ]


@pytest.mark.parametrize("heading", ["Main", "Contact heading", "Field 3", "ODX data 1"])
def test_a_heading_never_takes_an_id_the_page_uses(heading):
    [anchor] = ids(f"## {heading}\n")
    assert not reserved_id(anchor)
    assert anchor.startswith("section-")
    assert soup(f"## {heading}\n").find("a", class_="headerlink")["href"] == f"#{anchor}"


def test_a_raw_heading_keeps_no_id():
    assert ids('<h2 id="main">Main</h2>\n\n<h3 id="own-anchor">x</h3>\n') == []


def test_footnotes_keep_their_ids_and_classes():
    page = soup("Text[^a].\n\n[^a]: The note.\n")
    assert page.find("sup")["id"] == "fnref:a"
    assert page.find("li")["id"] == "fn:a"
    assert classes("Text[^a].\n\n[^a]: The note.\n") == [
        "footnote",
        "footnote-backref",
        "footnote-ref",
    ]


def test_fenced_code_attributes_cannot_set_an_id_or_a_class():
    html = soup("```{ #main .skip-link .python }\nx = 1\n```\n")
    assert html.find(id=True) is None
    assert [tag.get("class") for tag in html.find_all(["pre", "code"])] == [
        None,
        ["language-skip-link"],
    ]


def test_a_code_block_keeps_its_language_class():
    assert classes("```python\nx = 1\n```\n") == ["language-python"]


@pytest.mark.parametrize("value", TEMPLATE_IDS)
def test_every_id_the_templates_give_is_reserved(value):
    literal = value.split("{{", 1)[0]
    if literal == value:
        assert reserved_id(value), f"add {value!r} to RESERVED_IDS in markdown_render.py"
    elif literal:  # cat-{{ g.id }}, scope-{{ loop.index }}: a prefix of made ids
        assert literal in RESERVED_ID_PREFIXES, f"add {literal!r} to RESERVED_ID_PREFIXES"
    else:  # wholly made by the template, on pages without contributor text
        assert value in {"{{ id }}", "{{ g.id }}-{{ loop.index }}", "{{ field.anchor }}"}


# --- classes ------------------------------------------------------------------------------


def test_admonitions_keep_their_classes():
    assert classes('!!! warning "Mind the gap"\n    Text.\n') == [
        "admonition",
        "admonition-title",
        "warning",
    ]


def test_an_admonition_cannot_carry_a_class_of_the_site():
    assert classes("!!! visually-hidden skip-link\n    Text.\n") == [
        "admonition",
        "admonition-title",
    ]


def test_heading_permalinks_keep_their_class():
    assert classes("## A heading\n") == ["headerlink"]


@settings(max_examples=40, deadline=None)
@given(
    names=st.lists(
        st.sampled_from([*SITE_CLASSES, "admonition", "footnote", "headerlink"]),
        min_size=1,
        max_size=4,
    ),
    tag=st.sampled_from(["div", "span", "p", "a", "code", "table", "h2"]),
    element_id=st.sampled_from([*TEMPLATE_IDS, "fn:1", "fnref:1", "x"]),
)
def test_raw_html_never_keeps_a_class_or_an_id(names, tag, element_id):
    markdown = (
        f'Before.\n\n<{tag} class="{" ".join(names)}" id="{element_id}">text</{tag}>\n\nAfter.\n'
    )
    html = soup(markdown)
    assert html.find(class_=True) is None
    assert html.find(id=True) is None


# --- raw HTML left open -------------------------------------------------------------------


def test_an_unclosed_div_is_located_at_its_line():
    rendered = render_markdown("Intro.\n\n<div>\nSome text.\n\n## Heading\n\nMore **bold**.\n")
    [(line, message)] = rendered.body_mistakes
    assert line == 3
    assert message.startswith("<div> is opened here and never closed")
    assert "add </div> where it ends" in message


def test_each_unclosed_element_is_reported_once_in_order():
    text = 'One.\n\n<section>\n\n<p>a <span class="x">b</p>\n\n<div>\n'
    assert [line for line, _ in render_markdown(text).body_mistakes] == [3, 5, 7]


@pytest.mark.parametrize(
    "markdown",
    [
        "<div>\nclosed\n</div>\n\nAfter **bold**.\n",
        "<ul>\n<li>one\n<li>two\n</ul>\n",
        "A line<br>\nbreak and <img src='a.png' alt='x'> and <hr/>\n",
        "Code: `<div>` and\n\n```html\n<div>\n```\n\n    <span>\n",
        "<table><tr><td>a<td>b</table>\n",
        "A stray </div> end tag.\n",
    ],
    ids=["closed", "optional ends", "void", "code", "table", "stray end"],
)
def test_balanced_html_and_html_in_code_are_fine(markdown):
    assert render_markdown(markdown).body_mistakes == []


def write_post(project: Project, body: str) -> Path:
    project.write_config(insights=str(project.root / "insights"))
    folder = project.root / "insights"
    folder.mkdir(exist_ok=True)
    (folder / "authors.yml").write_text("ann:\n  name: Ann\n")
    path = folder / "2026-10-01-a-post.md"
    path.write_text(f"---\ntitle: A post\ndate: 2026-10-01\nauthors: [ann]\n---\n{body}")
    return path


def test_an_unclosed_div_in_a_post_is_a_located_problem(project):
    write_post(project, "Intro.\n\n<div>\nThe rest of the post.\n")
    run = project.validate()
    assert run.code == 1, run.output
    assert "insights/2026-10-01-a-post.md:8: body: <div> is opened here and never closed" in run.err


def test_an_unclosed_element_in_a_community_page_is_a_located_problem(project):
    folder = project.root / "pages"
    folder.mkdir()
    (folder / "about.md").write_text("---\ntitle: About\n---\nWe are.\n\n<aside>\nMore.\n")
    project.settings["docs_dir"] = "pages"
    project.write_config()
    run = project.validate()
    assert run.code == 1, run.output
    assert "pages/about.md:6: body: <aside> is opened here and never closed" in run.err
