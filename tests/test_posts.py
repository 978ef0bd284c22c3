"""Insights posts: front matter checked with located errors, safe Markdown, pages and feed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import Project
from standards import atom_problems

from generator.structure.markdown_render import render_markdown

PNG = b"\x89PNG\r\n\x1a\n" + bytes(16)
AUTHORS = """\
amina-rahman:
  name: Amina Rahman
  bio: Tenant panel member.
jo-ng:
  name: Jo Ng
  bio: Data lead.
  url: https://example.org/jo
"""


class Blog:
    """A project with an insights folder."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.folder = project.root / "insights"
        self.folder.mkdir()
        (self.folder / "authors.yml").write_text(AUTHORS)

    def post(self, name: str, front: str, body: str = "Some words here.\n") -> Path:
        path = self.folder / name
        path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        return path

    def problems(self) -> str:
        run = self.project.validate()
        assert run.code == 1, run.output
        assert "Traceback" not in run.output
        return run.err


@pytest.fixture
def blog(project: Project) -> Blog:
    project.settings["site_url"] = "https://example.org/odx/"
    project.write_config(insights=str(project.root / "insights"))
    return Blog(project)


def good(title: str = "A post", date: str = "2026-10-01", extra: str = "") -> str:
    return f"title: {title}\ndate: {date}\nauthors: [amina-rahman]\ntags: [components]\n{extra}"


def test_a_valid_post_builds_with_its_slug_from_the_file_name(blog):
    blog.post("2026-10-01-why-install-years-matter.md", good())
    run = blog.project.build()
    assert run.code == 0, run.output
    page = blog.project.page("insights/why-install-years-matter/")
    assert page.h1.get_text() == "A post"
    assert "Amina Rahman" in page.get_text()


@pytest.mark.parametrize("missing", ["title", "date"])
def test_a_missing_required_key_is_a_located_error(blog, missing):
    front = good().replace(f"{missing}:", "x_removed:")
    blog.post("p.md", front.replace("x_removed:", "#"))
    assert f"p.md:2: {missing}: required: add '{missing}:" in blog.problems()


@pytest.mark.parametrize(
    ("line", "key", "expected"),
    [
        ("date: 14/09/2026", "date", "'14/09/2026' is not a date; write it as YYYY-MM-DD"),
        ("title: [a, b]", "title", "must be text"),
        ("draft: perhaps", "draft", "must be true or false"),
        ("tags: {a: 1}", "tags", "must be a list of names"),
    ],
)
def test_wrong_types_are_located_at_their_line(blog, line, key, expected):
    front = "\n".join(
        line if existing.startswith(f"{key}:") else existing
        for existing in good(extra="draft: false\n").splitlines()
    )
    blog.post("p.md", front + "\n")
    err = blog.problems()
    number = next(n for n, text in enumerate(front.splitlines(), 2) if text == line)
    assert f"insights/p.md:{number}: {key}: {expected}" in err


def test_an_unknown_key_lists_the_allowed_ones(blog):
    blog.post("p.md", good(extra="sumary: hello\n"))
    err = blog.problems()
    assert (
        "p.md:6: sumary: unknown key; did you mean 'summary'? allowed keys are: title, date" in err
    )


def test_an_unknown_author_is_a_located_error(blog):
    blog.post("p.md", good().replace("amina-rahman", "nobody"))
    assert "p.md:4: authors: unknown author 'nobody'; add them to insights/authors.yml" in (
        blog.problems()
    )


def test_an_image_needs_its_alt_text(blog):
    blog.post("p.md", good(extra="image: kitchen.jpg\n"))
    assert "image_alt: required with an image" in blog.problems()


def test_two_posts_with_one_slug_are_refused(blog):
    blog.post("2026-01-01-same.md", good())
    blog.post("2026-02-01-same.md", good())
    assert "slug: the slug 'same' is already used by" in blog.problems()


def test_a_top_level_heading_in_the_body_is_located(blog):
    blog.post("p.md", good(), body="Intro.\n\n# Second title\n")
    assert "p.md:9: -: the title is the page's only top-level heading" in blog.problems()


def test_drafts_are_left_out_unless_asked_for(blog):
    blog.post("2026-10-01-ready.md", good())
    blog.post("2026-10-02-not-yet.md", good(extra="draft: true\n"))
    assert blog.project.build().code == 0
    assert not (blog.project.site / "insights/not-yet").exists()
    assert blog.project.build("--drafts").code == 0
    assert (blog.project.site / "insights/not-yet/index.html").is_file()


def test_the_feed_needs_a_site_url(blog):
    blog.project.settings.pop("site_url")
    blog.project.write_config()
    blog.post("p.md", good())
    assert "mkdocs.yml:1: site_url: required for the Insights feed" in blog.problems()


def test_the_list_is_newest_first_and_paginated_by_ten(blog):
    for day in range(1, 13):
        blog.post(
            f"2026-10-{day:02d}-post-{day}.md", good(title=f"Post {day}", date=f"2026-10-{day:02d}")
        )
    assert blog.project.build().code == 0
    first = blog.project.page("insights/")
    titles = [a.get_text() for a in first.select("article h2 a")]
    assert titles[:2] == ["Post 12", "Post 11"] and len(titles) == 10
    assert first.find("a", rel="next")["href"] == "page-2/"
    second = blog.project.page("insights/page-2/")
    assert [a.get_text() for a in second.select("article h2 a")] == ["Post 2", "Post 1"]
    post = blog.project.page("insights/post-5/")
    assert post.find("a", rel="prev").get_text() == "Post 4"
    assert post.find("a", rel="next").get_text() == "Post 6"
    assert len(blog.project.page("").select("#latest-heading ~ .card-list article")) == 3


def test_tag_author_and_archive_pages(blog):
    blog.post("2026-10-01-a.md", good(title="Alpha"))
    blog.post(
        "2026-11-01-b.md",
        "title: Beta\ndate: 2025-11-01\nauthors: [jo-ng]\ntags: [satisfaction]\n",
    )
    assert blog.project.build().code == 0
    tag = blog.project.page("insights/tags/components/")
    assert [a.get_text() for a in tag.select("article h2 a")] == ["Alpha"]
    author = blog.project.page("insights/authors/jo-ng/")
    assert "Data lead." in author.get_text() and "Beta" in author.get_text()
    archive = blog.project.page("insights/archive/")
    assert [h.get_text() for h in archive.select("main h2")][:2] == ["2026", "2025"]


def test_long_posts_get_a_table_of_contents_and_heading_anchors(blog):
    body = "".join(f"## Part {n}\n\nText {n}.\n\n" for n in range(1, 4))
    blog.post("2026-10-01-long.md", good(), body=body)
    assert blog.project.build().code == 0
    page = blog.project.page("insights/long/")
    toc = page.select_one("nav.toc")
    assert [a["href"] for a in toc.select("a")] == ["#part-1", "#part-2", "#part-3"]
    assert page.select_one("h2#part-1 a.headerlink")["href"] == "#part-1"


def test_the_atom_feed_is_valid_atom_with_absolute_links(blog):
    blog.post("2026-10-01-a.md", good(title="Alpha & <Omega>", extra="summary: Short.\n"))
    assert blog.project.build().code == 0
    assert atom_problems((blog.project.site / "insights/feed.xml").read_bytes()) == []
    root = ET.parse(blog.project.site / "insights/feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.tag == f"{atom}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{atom}{required}").text
    assert root.find(f"{atom}link[@rel='self']").get("href") == (
        "https://example.org/odx/insights/feed.xml"
    )
    entry = root.find(f"{atom}entry")
    assert entry.find(f"{atom}title").text == "Alpha & <Omega>"
    assert entry.find(f"{atom}id").text == "https://example.org/odx/insights/a/"
    assert entry.find(f"{atom}updated").text == "2026-10-01T00:00:00Z"
    assert entry.find(f"{atom}author/{atom}name").text == "Amina Rahman"


XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://example.org"></iframe>',
    '<form action="https://example.org"><input name=x></form>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onclick="alert(1)">x</div>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<object data="x.swf"></object>',
    "<math><mtext><script>alert(1)</script></mtext></math>",
]


@pytest.mark.parametrize("payload", XSS)
def test_no_payload_survives_the_sanitiser(payload):
    html = str(render_markdown(f"Text\n\n{payload}\n").html).lower()
    for banned in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "<iframe",
        "<form",
        "style=",
        "data:",
        "<object",
        "<svg",
    ):
        assert banned not in html, (payload, html)


def test_ordinary_markdown_survives_the_sanitiser():
    text = "A *b* [c](https://example.org) `d`\n\n| h |\n|---|\n| v |\n\nNote[^1]\n\n[^1]: foot\n"
    html = str(render_markdown(text).html)
    assert '<a href="https://example.org" rel="noopener noreferrer">c</a>' in html
    assert "<table>" in html and "<em>b</em>" in html and 'class="footnote"' in html


def test_relative_links_are_checked_against_the_site(blog):
    blog.post("2026-10-01-first.md", good(title="First"))
    body = "See [the other](../first/), [data](../../datasets/) and [gone](../no-such-post/).\n"
    blog.post("2026-10-02-second.md", good(title="Second"), body=body)
    err = blog.problems()
    assert (
        "insights/2026-10-02-second.md:7: link: broken link '../no-such-post/': nothing is "
        "published at /insights/no-such-post/" in err
    )
    assert err.count("broken link") == 1


def test_a_local_image_is_published_beside_the_post(blog):
    (blog.folder / "images").mkdir()
    (blog.folder / "images" / "kitchen.png").write_bytes(PNG)
    blog.post("2026-10-01-pics.md", good(), body="![A new kitchen](images/kitchen.png)\n")
    assert blog.project.build().code == 0
    assert (blog.project.site / "insights/pics/images/kitchen.png").read_bytes() == PNG
    img = blog.project.page("insights/pics/").select_one(".prose img")
    assert img["src"] == "images/kitchen.png" and img["alt"] == "A new kitchen"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("![x](images/missing.png)", "image: image 'images/missing.png' not found in insights/"),
        ("![x](../secret.png)", "image: image path '../secret.png' leaves the folder"),
        (
            "![x](https://cdn.example.com/a.png)",
            "image: remote image 'https://cdn.example.com/a.png' refused",
        ),
    ],
)
def test_bad_images_are_located(blog, markdown, expected):
    blog.post("2026-10-01-pics.md", good(), body=f"Intro.\n\n{markdown}\n")
    assert f"insights/2026-10-01-pics.md:9: {expected}" in blog.problems()


def test_remote_images_from_an_allowed_host_are_fine(blog):
    blog.project.write_config(image_hosts=["cdn.example.com"])
    blog.post("2026-10-01-pics.md", good(), body="![x](https://cdn.example.com/a.png)\n")
    assert blog.project.build().code == 0


def test_the_front_matter_image_is_shown_with_its_alt_text(blog):
    (blog.folder / "hero.png").write_bytes(PNG)
    blog.post("2026-10-01-hero.md", good(extra="image: hero.png\nimage_alt: A row of houses\n"))
    assert blog.project.build().code == 0
    img = blog.project.page("insights/hero/").select_one("img.post-image")
    assert (img["src"], img["alt"]) == ("hero.png", "A row of houses")
    assert (blog.project.site / "insights/hero/hero.png").is_file()


def test_an_authors_picture_is_published_beside_their_page(blog):
    (blog.folder / "avatars").mkdir()
    (blog.folder / "avatars" / "amina.png").write_bytes(PNG)
    authors = blog.folder / "authors.yml"
    authors.write_text(
        authors.read_text().replace(
            "  bio: Tenant panel member.\n",
            "  bio: Tenant panel member.\n  avatar: avatars/amina.png\n",
        )
    )
    blog.post("2026-10-01-a.md", good())
    assert blog.project.build().code == 0
    assert (blog.project.site / "insights/authors/amina-rahman/amina.png").is_file()
    img = blog.project.page("insights/a/").select_one(".authors img.avatar")
    assert img["src"] == "../authors/amina-rahman/amina.png" and img["alt"] == ""


def test_a_missing_author_picture_is_located(blog):
    authors = blog.folder / "authors.yml"
    authors.write_text(authors.read_text() + "  avatar: nowhere.png\n")
    blog.post("2026-10-01-a.md", good())
    assert "authors.yml:8: jo-ng.avatar: image 'nowhere.png' not found" in blog.problems()


@pytest.mark.parametrize("name", ["evil.svg", "evil.html", "fake.png"])
def test_only_real_pictures_are_published_beside_a_post(blog, name):
    (blog.folder / name).write_text("<svg onload=alert(1)></svg>")
    blog.post("2026-10-01-pics.md", good(), body=f"![x]({name})\n")
    assert "is not a PNG, JPEG, GIF or WebP picture" in blog.problems()


def test_an_impossible_date_is_a_located_error_not_a_crash(blog):
    blog.post("p.md", good(date="2026-02-30"))
    assert "p.md:3: date: '2026-02-30' is not a date" in blog.problems()


@pytest.mark.parametrize("link", ["/datasets/", "../../../../datasets/"])
def test_links_that_break_under_a_sub_path_are_refused(blog, link):
    blog.post("2026-10-01-a.md", good(), body=f"[x]({link})\n")
    err = blog.problems()
    assert "sub-path" in err and "insights/2026-10-01-a.md:7: link:" in err


def test_control_characters_never_break_the_feed(blog):
    blog.post("2026-10-01-a.md", good(title='"Bell \\a here"'), body="Form\ffeed.\n")
    assert blog.project.build().code == 0
    ET.parse(blog.project.site / "insights/feed.xml")
