"""Each dataset page lists its package's changes from the repository's history, with the
rows of each data file before and after; the site has Atom feeds of each dataset's changes
and of the catalogue. A build without the history (a shallow clone, no repository, no git)
says the history is not available and goes on."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import Project
from standards import atom_problems

from generator.load.history import package_history, rows

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://example.org/odx/"
REPO_URL = "https://github.com/example/odx"
AUTHOR = "Jo Contributor"
EMAIL = "jo.contributor@example.org"


def git(root: Path, *args: str, date: str = "2024-03-01T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": AUTHOR,
        "GIT_AUTHOR_EMAIL": EMAIL,
        "GIT_COMMITTER_NAME": AUTHOR,
        "GIT_COMMITTER_EMAIL": EMAIL,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)


def commit(root: Path, message: str, date: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


def rents(project: Project, files: dict[str, str]) -> Path:
    """Write the package ``rents``: one resource, ``rents.csv``, with ``files``."""
    resource = {"name": "rents", "title": "Rents", "path": "rents.csv"}
    return project.package("rents", files, resources=[resource])


def history_project(tmp_path: Path, **settings: str) -> Project:
    """A project in a repository with three known commits to its package ``rents``."""
    project = Project(tmp_path / "project", settings=dict(settings))
    git(project.root, "init", "-q")
    rents(project, {"rents.csv": "area,rent\nLeeds,100\nYork,110\n"})
    commit(project.root, "Add the rents", "2024-01-10T09:00:00+00:00")
    rents(project, {"rents.csv": 'area,rent\nLeeds,100\nYork,110\n"Hull\nEast",90\n'})
    commit(project.root, "Add Hull <script>alert(1)</script>", "2024-02-11T09:00:00+00:00")
    rents(project, {"rents.csv": 'area,rent\nLeeds,100\n"Hull\nEast",90\n'})
    commit(project.root, "Remove York, see jo@example.org", "2024-03-12T09:00:00+00:00")
    return project


def changes(project: Project) -> list[str]:
    section = project.page("datasets/rents/").find(id="changes-heading").parent
    return [" ".join(li.get_text(" ").split()) for li in section.select("ol.changes > li")]


def test_the_dataset_page_lists_each_change_newest_first_with_rows_before_and_after(tmp_path):
    project = history_project(tmp_path, site_url=SITE_URL, repo_url=REPO_URL)
    assert project.build().code == 0
    listed = changes(project)
    assert len(listed) == 3
    assert listed[0].startswith("12 March 2024 : Message withheld")  # an e-mail address
    assert "Rents: 3 → 2 rows" in listed[0]  # a quoted line break is one row
    assert "Add Hull <script>alert(1)</script>" in listed[1]
    assert "Rents: 2 → 3 rows" in listed[1]
    assert "Rents: — → 2 rows" in listed[2]
    page = project.page("datasets/rents/")
    assert not page.select("ol.changes script")  # the message is text, escaped
    links = [a["href"] for a in page.select("ol.changes a")]
    assert all(link.startswith(f"{REPO_URL}/commit/") for link in links) and len(links) == 3


def test_authors_are_never_published(tmp_path):
    project = history_project(tmp_path, site_url=SITE_URL)
    assert project.build().code == 0
    for path in project.site.rglob("*"):
        if path.suffix in {".html", ".xml", ".json"}:
            text = path.read_text(encoding="utf-8")
            assert AUTHOR not in text and EMAIL not in text, path


def test_without_repo_url_the_commit_is_named_not_linked(tmp_path):
    project = history_project(tmp_path)
    assert project.build().code == 0
    assert not project.page("datasets/rents/").select("ol.changes a")
    assert "(commit " in changes(project)[0]


def test_a_shallow_clone_says_history_is_not_available(tmp_path):
    source = history_project(tmp_path / "source", site_url=SITE_URL)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", source.root.as_uri(), str(clone))
    project = Project(clone, settings={"site_url": SITE_URL})
    run = project.build()
    assert run.code == 0, run.output
    section = project.page("datasets/rents/").find(id="changes-heading").parent
    assert "History not available" in section.get_text()
    assert not (project.site / "datasets/rents/feed.xml").exists()


def test_outside_a_repository_or_without_git_history_is_not_available(tmp_path, monkeypatch):
    project = Project(tmp_path / "plain")
    folder = rents(project, {"rents.csv": "area,rent\nLeeds,100\n"})
    assert not package_history(project.root, folder).available
    repo = history_project(tmp_path / "repo")
    monkeypatch.setenv("PATH", str(tmp_path / "no-such-folder"))
    assert not package_history(repo.root, repo.root / "datapackages" / "rents").available


def test_a_package_not_yet_committed_has_no_changes_yet(tmp_path):
    project = history_project(tmp_path)
    project.package("fresh", {"fresh.csv": "a,b\n1,2\n"}, [{"name": "f", "path": "fresh.csv"}])
    assert project.build().code == 0
    section = project.page("datasets/fresh/").find(id="changes-heading").parent
    assert "No changes recorded yet" in section.get_text()


def test_the_changelog_is_shown_through_the_safe_markdown_pipeline(tmp_path):
    project = history_project(tmp_path)
    rents(project, {"CHANGELOG.md": "## 1.1\n\n- York *removed*\n\n<script>alert(1)</script>\n"})
    project.package(
        "other",
        {"other.csv": "a\n1\n", "CHANGELOG.md": "Ask jo@example.org\n"},
        resources=[{"name": "other", "path": "other.csv"}],
    )
    assert project.build().code == 0
    changelog = project.page("datasets/rents/").select_one(".changelog")
    assert changelog.find("em").get_text() == "removed"
    assert not changelog.find("script")
    other = project.page("datasets/other/").find(id="changes-heading").parent
    assert other.select_one(".changelog") is None
    assert "seemed to hold personal data" in other.get_text()


def parse_feed(path: Path) -> ET.Element:
    assert atom_problems(path.read_bytes()) == []
    feed = ET.fromstring(path.read_bytes())
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert feed.find(ATOM + tag) is not None, tag
    hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    ids = [element.text for element in feed.iter(f"{ATOM}id")]
    assert all(value and value.startswith("https://") for value in hrefs + ids)
    self_links = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(self_links) == 1
    for entry in feed.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated"):
            assert entry.find(ATOM + tag) is not None, tag
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    return feed


def test_each_dataset_and_the_catalogue_have_a_valid_atom_feed_linked_from_their_page(tmp_path):
    project = history_project(tmp_path, site_url=SITE_URL, repo_url=REPO_URL)
    assert project.build().code == 0
    dataset = parse_feed(project.site / "datasets/rents/feed.xml")
    entries = dataset.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2024-03-12T09:00:00Z",
        "2024-02-11T09:00:00Z",
        "2024-01-10T09:00:00Z",
    ]
    assert entries[1].findtext(f"{ATOM}title") == "Add Hull <script>alert(1)</script>"
    catalogue = parse_feed(project.site / "datasets/feed.xml")
    (entry,) = catalogue.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}id") == f"{SITE_URL}datasets/rents/"
    assert entry.findtext(f"{ATOM}updated") == "2024-03-12T09:00:00Z"
    for url, feed in (("datasets/rents/", "feed.xml"), ("datasets/", "feed.xml")):
        link = project.page(url).find("link", rel="alternate", type="application/atom+xml")
        assert link["href"] == feed


def test_without_site_url_there_are_no_feeds(tmp_path):
    project = history_project(tmp_path)
    assert project.build().code == 0
    assert not (project.site / "datasets/feed.xml").exists()
    assert not (project.site / "datasets/rents/feed.xml").exists()
    assert project.page("datasets/").find("link", type="application/atom+xml") is None


def test_control_characters_of_a_message_leave_the_feed_valid(tmp_path):
    project = history_project(tmp_path, site_url=SITE_URL)
    rents(project, {"rents.csv": "area,rent\nLeeds,101\n"})
    commit(project.root, "Fix\x01 a rent \x1b[31m", "2024-04-01T09:00:00+00:00")
    assert project.build().code == 0
    feed = parse_feed(project.site / "datasets/rents/feed.xml")
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}title") == "Fix a rent [31m"


def test_rows_are_records_without_the_header():
    assert rows(b"a,b\n1,2\n\n3,4\n") == 2
    assert rows(b'a,b\n1,"x\ny"\n2,z\n') == 2
    assert rows(b"") == 0
