"""The build reads, copies and writes only inside its project (the folder of mkdocs.yml).

* It follows no symbolic link: a link in an input folder is refused wherever it points, so
  no link can publish a file from elsewhere, least of all the repository's ``.git/config``.
* The folder options and ``site_dir`` stay inside the project.
* The output folder can never be the project, an input, a folder holding one, a folder
  inside one, or ``.git``: refused before anything is written or deleted.
* Published pictures are judged by their content, and no copied file takes an address the
  site uses for a page or another file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from helpers import Project, odx, snapshot, table
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.boundary
import generator.core.confinement
from generator.build import build, check
from generator.config import load_config
from generator.core.confinement import Escaped, open_inside
from generator.core.problems import Problems
from generator.publish.addresses import check_addresses
from generator.publish.output import copy_files, copy_tree, write_archives
from generator.structure.page import CopiedFile, SiteModel, ZipArchive

SECRET = "token-4f2a9c"  # what .git/config and the file outside the project hold
PNG = b"\x89PNG\r\n\x1a\n" + bytes(16)
JPEG = b"\xff\xd8\xff\xe0" + bytes(16)
GIF = b"GIF89a" + bytes(16)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'


def problems_of(run) -> list[str]:
    """The located problem lines of a failed run (which must print no secret)."""
    assert run.code == 1, run.output
    assert "Traceback" not in run.output
    assert SECRET not in run.output
    return [line.strip() for line in run.err.splitlines() if line.startswith("  ")]


def config_line(project: Project, setting: str) -> int:
    """The line of ``mkdocs.yml`` that sets ``setting``."""
    lines = project.config.read_text().splitlines()
    return next(n for n, text in enumerate(lines, start=1) if text.strip().startswith(setting))


def make_project(root: Path, **options: str) -> Project:
    """A small project with a package, a post, a page, a resources list, an author, a
    ``.git/config`` holding a secret, and a folder beside it with another secret."""
    project = Project(root, settings={"site_url": "https://example.org/"})
    project.package("p", {"t.csv": "id\n1\n"}, [table("t", [("id", "integer")])])
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(f"[http]\n  extraheader = {SECRET}\n")
    (root / "insights").mkdir()
    (root / "insights" / "authors.yml").write_text("amina:\n  name: Amina\n")
    (root / "insights" / "2026-01-02-hello.md").write_text(
        "---\ntitle: Hello\ndate: 2026-01-02\nauthors: [amina]\n---\nSome words.\n"
    )
    (root / "pages").mkdir()
    (root / "pages" / "about.md").write_text("---\ntitle: About\n---\nAbout us.\n")
    (root / "resources.yml").write_text("categories: []\nresources: []\n")
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text(SECRET)
    (outside / "secret.png").write_text(SECRET)
    project.write_config(**options)
    return project


@pytest.fixture
def small(tmp_path: Path) -> Project:
    return make_project(tmp_path / "project")


def outside_of(project: Project) -> Path:
    return project.root.parent / "outside"


# -- 1. reads outside the project ---------------------------------------------------------


PLACES = {  # where a link may sit: a folder of the project, and the option naming it
    "package": "datapackages/p",
    "packages": "datapackages",
    "static": "templates/static",
    "templates": "templates",
    "insights": "insights",
    "pages": "pages",
}


@settings(max_examples=30, deadline=None)
@given(
    place=st.sampled_from(sorted(PLACES)),
    depth=st.integers(min_value=0, max_value=2),
    is_folder=st.booleans(),
    into_git=st.booleans(),
    name=st.sampled_from(["t.csv", "avatar.png", "hello.md", "site.css", "data", "about.md"]),
)
def test_a_link_leading_out_or_into_git_is_refused_wherever_it_sits(
    place, depth, is_folder, into_git, name
):
    with tempfile.TemporaryDirectory() as temp:
        project = make_project(Path(temp) / "project")
        (project.site / "index.html").parent.mkdir()
        (project.site / "index.html").write_text("the published site")
        (project.site / "404.html").write_text("not found")
        site_before = snapshot(project.site)
        folder = project.root / PLACES[place] / "/".join(f"d{n}" for n in range(depth))
        folder.mkdir(parents=True, exist_ok=True)
        link = folder / name
        if link.exists():
            link.unlink()
        if into_git:
            target = project.root / ".git" / ("" if is_folder else "config")
        else:
            target = outside_of(project) / ("" if is_folder else "secret.txt")
        link.symlink_to(target, target_is_directory=is_folder)
        run = project.build()
        shown = link.relative_to(project.root).as_posix()
        where = "into .git/" if into_git else "that leads out of the project"
        assert f"{shown}:1: -: is a symbolic link {where}; the build follows no" in "\n".join(
            problems_of(run)
        )
        assert snapshot(project.site) == site_before


@pytest.mark.parametrize("option", ["datapackages", "templates", "insights", "pages"])
@pytest.mark.parametrize("into_git", [False, True])
def test_an_input_folder_that_is_a_link_out_is_a_config_error(tmp_path, option, into_git):
    project = make_project(tmp_path / "project")
    folder = project.root / option
    moved = (project.root / ".git" if into_git else outside_of(project)) / option
    folder.rename(moved)
    folder.symlink_to(moved, target_is_directory=True)
    project.write_config(**{option: option})
    [problem] = problems_of(project.build())
    line = config_line(project, f"{option}:")
    wrong = "is inside .git/" if into_git else "leads out of the project"
    assert problem.startswith(f"mkdocs.yml:{line}: odx.{option}: '{option}' {wrong}")


def test_an_unwritten_input_folder_that_is_a_link_is_located_at_the_first_line(small):
    folder = small.root / "datapackages"
    folder.rename(outside_of(small) / "datapackages")
    folder.symlink_to(outside_of(small) / "datapackages", target_is_directory=True)
    [problem] = problems_of(small.validate())
    assert problem.startswith("mkdocs.yml:1: odx.datapackages: 'datapackages' leads out of")


def test_a_package_folder_that_is_a_link_out_is_refused(small):
    (outside_of(small) / "q").mkdir()
    (outside_of(small) / "q" / "datapackage.json").write_text('{"resources": []}')
    (small.root / "datapackages" / "q").symlink_to(outside_of(small) / "q")
    [problem] = problems_of(small.build())
    assert problem.startswith("datapackages/q:1: -: is a symbolic link that leads out of")


def test_a_link_that_stays_inside_the_project_is_refused_too(small):
    folder = small.root / "datapackages" / "p"
    (folder / "real.csv").write_text("id\n1\n")
    (folder / "t.csv").unlink()
    (folder / "t.csv").symlink_to("real.csv")
    [problem] = problems_of(small.build())
    assert problem.startswith("datapackages/p/t.csv:1: -: is a symbolic link; the build follows")
    assert "put the file or folder itself here instead" in problem


def test_a_linked_resources_list_is_a_config_error(small):
    (small.root / "resources.yml").unlink()
    (small.root / "resources.yml").symlink_to(small.root / ".git" / "config")
    [problem] = problems_of(small.validate())
    assert problem.startswith("mkdocs.yml:1: odx.resources: 'resources.yml' is inside .git/")


def test_a_linked_config_file_is_refused(small):
    real = small.root / "real.yml"
    small.config.rename(real)
    small.config.symlink_to(real)
    [problem] = problems_of(small.validate())
    assert problem.startswith("mkdocs.yml:1: -: is a symbolic link; the build follows no")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_among_the_inputs_is_refused_without_hanging(small):
    os.mkfifo(small.root / "templates" / "static" / "feed")
    [problem] = problems_of(small.build())
    assert problem.startswith("templates/static/feed:1: -: is not a file or a folder")


def test_the_checks_stop_before_any_package_is_read(small, monkeypatch):
    (small.root / "pages" / "leak.md").symlink_to(small.root / ".git" / "config")
    read = []
    monkeypatch.setattr("generator.build.load_packages", lambda *args: read.append(1) or [])
    problems_of(small.build())
    assert read == []


# What the copy step sees when a file became a link after the checks: the checks are
# switched off, so only the second line of defence (open_inside) stands.


@pytest.fixture
def late_links(monkeypatch):
    monkeypatch.setattr(generator.boundary, "check_inputs", lambda config, problems: None)


def test_a_static_file_linked_after_the_checks_is_not_copied(small, late_links):
    (small.root / "templates" / "static" / "leak.txt").symlink_to(outside_of(small) / "secret.txt")
    [problem] = problems_of(small.build())
    assert problem == (
        "templates/static/leak.txt:1: -: leads out of the project; "
        + generator.core.confinement.LINK_FIX
        + "; nothing was published"
    )
    assert not small.site.exists()


def test_a_data_file_linked_after_the_checks_is_not_published(small, late_links):
    folder = small.root / "datapackages" / "p"
    (folder / "real.csv").write_text("id\n1\n")
    (folder / "t.csv").unlink()
    (folder / "t.csv").symlink_to("real.csv")  # inside the package: loading accepts it
    [problem] = problems_of(small.build())
    assert problem.startswith("datapackages/p/t.csv:1: -: is (or lies behind) a symbolic link")
    assert not small.site.exists()


def test_a_stray_link_in_a_zipped_package_is_not_zipped(small, late_links):
    (small.root / "datapackages" / "p" / "notes.txt").symlink_to(small.root / ".git" / "config")
    [problem] = problems_of(small.build())
    assert problem.startswith("datapackages/p/notes.txt:1: -: is inside .git/")
    assert not small.site.exists()


def test_open_inside_opens_a_plain_file_of_the_project(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.txt").write_text("fine")
    with open_inside(tmp_path / "a" / "b.txt", tmp_path.resolve()) as handle:
        assert handle.read() == b"fine"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda root: root / "a" / "link.txt", "symbolic link"),  # the last step is a link
        (lambda root: root / "folder-link" / "b.txt", "symbolic link"),  # a step on the way
        (lambda root: root / ".git" / "config", "inside .git/"),
        (lambda root: root / "a" / ".." / ".." / "secret.txt", "leads out of the project"),
    ],
)
def test_open_inside_refuses_links_git_and_paths_leading_out(tmp_path, make, reason):
    root = tmp_path / "project"
    (root / "a").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text(SECRET)
    (root / "a" / "b.txt").write_text("fine")
    (root / "a" / "link.txt").symlink_to(root / "a" / "b.txt")
    (root / "folder-link").symlink_to(root / "a", target_is_directory=True)
    (tmp_path / "secret.txt").write_text(SECRET)
    with pytest.raises(Escaped) as refused:
        open_inside(make(root), root.resolve())
    assert reason in refused.value.reason


def test_the_copy_helpers_refuse_a_link(tmp_path):
    root = tmp_path.resolve()
    (root / "static").mkdir()
    (root / "static" / "ok.css").write_text("body {}")
    (root / "secret.txt").write_text(SECRET)
    (root / "static" / "leak.txt").symlink_to(root / "secret.txt")
    site = root / "site"
    site.mkdir()
    with pytest.raises(Escaped):
        copy_tree(root / "static", site / "assets", root)
    with pytest.raises(Escaped):
        copy_files(site, [CopiedFile("leak.txt", root / "static" / "leak.txt", "leak")], root)
    archive = ZipArchive("p.zip", (("p/leak.txt", root / "static" / "leak.txt"),))
    with pytest.raises(Escaped):
        write_archives(site, [archive], root)


def test_the_zip_of_a_package_holds_its_files_and_skips_git(small):
    (small.root / "datapackages" / "p" / ".git").mkdir()
    (small.root / "datapackages" / "p" / ".git" / "config").write_text(SECRET)
    assert small.build().code == 0
    with zipfile.ZipFile(small.site / "downloads" / "p.zip") as bundle:
        assert sorted(bundle.namelist()) == ["p/datapackage.json", "p/t.csv"]


# -- 2. folder options ---------------------------------------------------------------------

OPTIONS = ["datapackages", "templates", "insights", "pages", "cache_dir", "resources"]


@pytest.mark.parametrize("option", OPTIONS)
@pytest.mark.parametrize(
    ("value", "wrong"),
    [
        ("../outside", "'../outside' leads out of the project"),
        ("{outside}", "the absolute path leads out of the project"),
        ("pages/../../outside", "'pages/../../outside' leads out of the project"),
        (".git", "'.git' is inside .git/"),
        (".git/hooks", "'.git/hooks' is inside .git/"),
        ("linked", "'linked' leads out of the project"),
    ],
)
def test_a_folder_option_leading_out_is_located_at_its_line(small, option, value, wrong):
    (small.root / "linked").symlink_to(outside_of(small), target_is_directory=True)
    value = value.format(outside=outside_of(small))
    small.write_config(**{option: value})
    [problem] = problems_of(small.validate())
    line = config_line(small, f"{option}:")
    assert problem.startswith(f"mkdocs.yml:{line}: odx.{option}: {wrong}")
    assert str(small.root.parent) not in problem  # never a machine path


def test_a_folder_option_through_a_link_inside_the_project_is_refused(small):
    (small.root / "content").symlink_to(small.root / "pages", target_is_directory=True)
    small.write_config(pages="content")
    [problem] = problems_of(small.validate())
    assert "odx.pages: 'content' leads through a symbolic link" in problem


def test_an_absolute_folder_option_inside_the_project_is_fine(small):
    small.write_config(pages=str(small.root / "pages"))
    run = small.validate()
    assert run.code == 0, run.output


@pytest.mark.parametrize("value", ["../site", "/tmp/odx-site", ".git/site"])
def test_a_site_dir_leading_out_is_located_at_its_line(small, value):
    small.settings["site_dir"] = value
    small.write_config()
    [problem] = problems_of(small.validate())
    assert problem.startswith(f"mkdocs.yml:{config_line(small, 'site_dir:')}: site_dir: ")


# -- 3. the output folder ------------------------------------------------------------------

OUTPUTS = {  # a folder a build would replace, and what the refusal says of it
    ".": "is the project or holds it",
    "..": "is the project or holds it",
    "datapackages": "is or holds the data packages folder",
    "datapackages/p": "lies inside the data packages folder",
    "templates": "is or holds the templates folder",
    "templates/static": "lies inside the templates folder",
    "insights": "is or holds the insights folder",
    "pages": "is or holds the pages folder",
    "pages/site": "lies inside the pages folder",
    ".odx-cache": "is or holds the cache folder",
    ".odx-cache/site": "lies inside the cache folder",
    "lists": "is or holds the resources list",
    "lists/resources.yml": "is or holds the resources list",
    "mkdocs.yml": "is or holds the config file",
    ".git": "is inside .git/",
    ".git/site": "is inside .git/",
    "../elsewhere": "is outside the project",
}


@settings(max_examples=30, deadline=None)
@given(output=st.sampled_from(sorted(OUTPUTS)), by_option=st.booleans())
def test_an_output_folder_that_would_destroy_an_input_is_refused_before_anything_changes(
    output, by_option
):
    with tempfile.TemporaryDirectory() as temp:
        project = make_project(Path(temp) / "project", resources="lists/resources.yml")
        (project.root / "lists").mkdir()
        (project.root / "lists" / "resources.yml").write_text("categories: []\nresources: []\n")
        (project.root / ".odx-cache").mkdir()
        (project.root / ".odx-cache" / "kept").write_text("a cached result")
        target = project.root / output
        planted = Path(os.path.normpath(target))  # what a killed build of it would leave
        (planted.parent / f".{planted.name}.building-999999").mkdir()
        (planted.parent / f".{planted.name}.building-999999" / "left").write_text("left")
        if by_option:
            project.settings["site_dir"] = output
            project.write_config()
        before = snapshot(Path(temp))
        run = project.build() if by_option else project.build("--out", str(target))
        [problem] = problems_of(run)
        field = (
            f"mkdocs.yml:{config_line(project, 'site_dir:')}: site_dir"
            if by_option
            else "mkdocs.yml:1: --out"
        )
        assert problem.startswith(f"{field}: the output folder '")
        assert OUTPUTS[output] in problem
        assert snapshot(Path(temp)) == before
        assert (project.root / ".git" / "config").is_file()


def test_a_refused_output_removes_no_abandoned_folder(small):
    left = small.root / ".datapackages.building-999999"
    left.mkdir()
    problems_of(small.build("--out", str(small.root / "datapackages")))
    assert left.is_dir()


def test_an_output_folder_inside_the_project_is_fine(small):
    run = small.build("--out", str(small.root / "public" / "site"))
    assert run.code == 0, run.output
    assert (small.root / "public" / "site" / "index.html").is_file()


def test_odx_serve_refuses_an_output_folder_that_is_the_project(small):
    from generator.serve import Preview, PreviewServer, ServedSite

    small.settings["site_dir"] = "."
    small.write_config()
    before = snapshot(small.root)
    reports = []
    server = PreviewServer(0, ServedSite(Path(os.devnull)))
    try:
        preview = Preview(server, small.config, drafts=False, report=reports.append)
        assert preview.build() is None
    finally:
        server.server_close()
    [problem] = [str(p) for p in reports[0].problems]
    assert "site_dir: the output folder '.' is the project or holds it" in problem
    assert snapshot(small.root) == before


def test_the_mkdocs_plugin_refuses_an_output_folder_that_is_the_project(small):
    from mkdocs.exceptions import PluginError

    from generator.mkdocs_plugin import OdxPlugin

    before = snapshot(small.root)
    with pytest.raises(PluginError, match="is the project or holds it"):
        OdxPlugin().on_post_build({"config_file_path": str(small.config), "site_dir": small.root})
    assert snapshot(small.root) == before


def test_mkdocs_build_refuses_an_input_as_site_dir_before_mkdocs_empties_it(small):
    small.settings.update(docs_dir="pages", site_dir="datapackages")
    small.write_config()
    before = snapshot(small.root)
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=small.root, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "site_dir: the output folder 'datapackages' is or holds the data packages" in run.stderr
    assert snapshot(small.root) == before


def test_only_the_temporary_folder_of_mkdocs_serve_may_lie_outside_the_project(small):
    from generator.mkdocs_plugin import made_by_mkdocs_serve

    served = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    other = Path(tempfile.mkdtemp(prefix="other_"))
    try:
        assert made_by_mkdocs_serve(served)
        assert not made_by_mkdocs_serve(other)
        assert not made_by_mkdocs_serve(small.root / "site")
        assert not check(small.config, out=served, outside_ok=True).problems
        assert check(small.config, out=served).problems
    finally:
        served.rmdir()
        other.rmdir()


def test_even_mkdocs_serve_may_not_build_over_the_project(small):
    result = build(small.config, small.root.parent, outside_ok=True)
    [problem] = [str(p) for p in result.problems]
    assert "--out: the output folder '..' is the project or holds it" in problem
    assert (small.root / "mkdocs.yml").is_file()


# -- 4. files published as what they are not -------------------------------------------------


def add_avatar(project: Project, name: str, content: bytes) -> None:
    (project.root / "insights" / name).write_bytes(content)
    (project.root / "insights" / "authors.yml").write_text(
        f"amina:\n  name: Amina\n  avatar: {name}\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "wrong"),
    [
        ("amina.svg", SVG, "is not a PNG, JPEG, GIF or WebP picture but an SVG drawing"),
        ("amina.png", SVG, "is not a PNG, JPEG, GIF or WebP picture but markup (SVG or HTML)"),
        ("index.html", b"<script>alert(1)</script>", "is not a PNG, JPEG, GIF or WebP picture but"),
        ("amina.jpg", PNG, "is a PNG picture named 'amina.jpg': rename it 'amina.png'"),
        ("amina.png", b"hello", "is not a PNG, JPEG, GIF or WebP picture (judged by its content)"),
    ],
)
def test_an_author_picture_must_be_a_picture_named_as_what_it_is(small, name, content, wrong):
    add_avatar(small, name, content)
    [problem] = problems_of(small.build())
    assert problem.startswith(f"insights/authors.yml:3: amina.avatar: image '{name}' {wrong}")
    assert not small.site.exists()


@pytest.mark.parametrize(("name", "content"), [("amina.png", PNG), ("amina.jpeg", JPEG)])
def test_a_real_author_picture_is_published(small, name, content):
    add_avatar(small, name, content)
    run = small.build()
    assert run.code == 0, run.output
    assert (small.site / "insights" / "authors" / "amina" / name).read_bytes() == content


def test_a_post_image_named_as_another_kind_is_refused(small):
    (small.root / "insights" / "hero.png").write_bytes(JPEG)
    post = small.root / "insights" / "2026-01-02-hello.md"
    post.write_text(post.read_text().replace("Some words.", "![A hero](hero.png)"))
    [problem] = problems_of(small.validate())
    assert problem.startswith(
        "insights/2026-01-02-hello.md:6: image: 'hero.png' is a JPEG picture named 'hero.png': "
        "rename it 'hero.jpg'"
    )


@pytest.mark.parametrize("folder", ["insights", "pages"])
def test_an_image_may_not_sit_under_the_address_of_a_page(small, folder):
    (small.root / folder / "index.html").mkdir()
    (small.root / folder / "index.html" / "pic.png").write_bytes(PNG)
    document = next((small.root / folder).glob("*.md"))
    document.write_text(document.read_text().rstrip() + "\n\n![A picture](index.html/pic.png)\n")
    url = "insights/hello/" if folder == "insights" else "about/"
    [problem] = problems_of(small.validate())
    assert problem == (
        f"{folder}/index.html/pic.png:1: -: would be published at /{url}index.html/pic.png, "
        f"under /{url}index.html, which is a page of the site; rename or move it so it "
        "replaces nothing the site publishes"
    )


@pytest.mark.parametrize("name", ["search", "pagefind"])
def test_a_community_page_may_not_take_the_address_of_the_search_page_or_index(small, name):
    (small.root / "pages" / f"{name}.md").write_text("---\ntitle: Mine\n---\nText.\n")
    [problem] = problems_of(small.validate())
    assert problem.startswith(f"pages/{name}.md:1: -: '{name}' cannot be a page's address")


def test_a_static_file_may_not_take_the_address_of_a_generated_file(small):
    config = load_config(small.config, Problems())
    model = SiteModel(site={}, files=[CopiedFile("assets/made.json", Path("x"), "x", b"{}")])
    problems = Problems()
    check_addresses(model, ["made.json", "fine.css"], config, problems)
    [problem] = [str(p) for p in problems]
    assert problem.startswith(
        "templates/static/made.json:1: -: would be published at /assets/made.json, the "
        "address of a file the site makes"
    )


def test_a_copied_file_may_not_land_in_the_search_index(small):
    config = load_config(small.config, Problems())
    source = small.root / "insights" / "pic.png"
    model = SiteModel(site={}, files=[CopiedFile("pagefind/pic.png", source, "pic.png")])
    problems = Problems()
    check_addresses(model, [], config, problems)
    [problem] = [str(p) for p in problems]
    assert problem.startswith(
        "insights/pic.png:1: -: would be published at /pagefind/pic.png, inside /pagefind/, "
        "where the build writes the search index"
    )


@pytest.mark.parametrize(
    ("content", "wrong"),
    [
        (SVG, "the share picture is not a PNG or JPEG picture but markup (SVG or HTML)"),
        (GIF, "the share picture is a GIF picture; only PNG or JPEG pictures are used here"),
        (JPEG, "the share picture is a JPEG picture named 'card.png': rename it 'card.jpg'"),
    ],
)
def test_the_share_picture_is_judged_by_its_content(small, content, wrong):
    (small.root / "templates" / "static" / "card.png").write_bytes(content)
    small.write_config(social_image="card.png")
    [problem] = problems_of(small.validate())
    assert problem.startswith(f"templates/static/card.png:1: odx.social_image: {wrong}")


def test_the_cli_reports_an_escape_with_exit_code_1(small):
    (small.root / "insights" / "leak.png").symlink_to(small.root / ".git" / "config")
    run = odx("validate", "--config", small.config)
    assert problems_of(run) == [
        "insights/leak.png:1: -: is a symbolic link into .git/; "
        + generator.core.confinement.LINK_FIX
    ]


# -- the previous site ------------------------------------------------------------------------

KEPT = "kept from the previous build, unchanged: "


def test_a_site_put_in_place_by_anything_but_a_build_is_not_carried_from(small):
    assert small.build().code == 0
    assert KEPT + "downloads/p/, downloads/p.zip" in small.build().out
    copy = small.root / "copy"
    shutil.copytree(small.site, copy, symlinks=True)  # as a checkout of a committed site
    shutil.rmtree(small.site)
    copy.rename(small.site)
    (small.site / "downloads" / "p" / "t.csv").unlink()
    (small.site / "downloads" / "p" / "t.csv").symlink_to(small.root / ".git" / "config")
    run = small.build()
    assert run.code == 0, run.output
    assert KEPT not in run.out
    assert (small.site / "downloads" / "p" / "t.csv").read_text() == "id\n1\n"


def test_an_output_folder_that_holds_other_files_is_refused_before_anything_changes(small):
    before = snapshot(small.root / "generator") if (small.root / "generator").exists() else {}
    code = small.root / "tools"
    code.mkdir()
    (code / "build.py").write_text("print('keep me')\n")
    run = small.build("--out", str(code))
    assert run.code == 1
    assert "'tools' already holds files that are not a site odx built" in run.err
    assert (code / "build.py").read_text() == "print('keep me')\n"
    assert before == ({} if not before else snapshot(small.root / "generator"))
    assert small.build("--out", str(small.root / "fresh")).code == 0
    assert small.build("--out", str(small.root / "fresh")).code == 0  # a site: replaced
