"""The site is swapped in only when the whole build succeeded."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import snapshot, table

from generator.build import build
from generator.publish.output import folder_sizes, measure, staging_folder


def test_a_failed_build_leaves_the_previous_site_byte_for_byte(project):
    project.package(
        "p", {"t.csv": "id,name\n1,a\n"}, [table("t", [("id", "integer"), ("name", "string")])]
    )
    assert project.build().code == 0
    before = snapshot(project.site)
    (project.root / "datapackages/p/t.csv").write_text("id,name\nx,a\n")
    assert project.build().code == 1
    assert snapshot(project.site) == before
    assert not list(project.root.glob(".site.*")), "no staging folder may be left behind"


def test_a_successful_build_replaces_the_whole_previous_site(project):
    project.site.mkdir()
    for name in ("index.html", "404.html", "stale.html"):  # a site an earlier build wrote
        (project.site / name).write_text("old")
    assert project.build().code == 0
    assert not (project.site / "stale.html").exists()
    assert (project.site / "index.html").is_file()


def test_an_exception_while_writing_removes_the_staging_folder(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "kept.txt").write_text("kept")
    with pytest.raises(RuntimeError), staging_folder(out) as staging:
        (staging / "half.html").write_text("half")
        raise RuntimeError("disk full")
    assert (out / "kept.txt").read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_a_broken_template_is_a_located_error_and_the_site_is_kept(project):
    templates = project.root / "templates"
    assert project.build().code == 0
    before = snapshot(project.site)
    (templates / "home.html").write_text(
        "{% extends 'base.html' %}\n{% block main %}\n{{ oops( }}\n"
    )
    run = project.build()
    assert run.code == 1
    assert "home.html:3: template:" in run.err
    assert snapshot(project.site) == before


def test_a_large_previous_site_is_removed_in_the_background(tmp_path):
    out = tmp_path / "site"
    (out / "homes" / "a").mkdir(parents=True)
    (out / "homes" / "a" / "index.html").write_text("old")
    with staging_folder(out, large=lambda: True) as staging:
        (staging / "index.html").write_text("new")
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]  # swapped in at once
    deadline = time.monotonic() + 30
    while any(p.name.startswith(".site.old-") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline, "the previous site was not removed"
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_two_large_swaps_in_a_row_each_retire_the_site_under_a_name_of_their_own(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    for text in ("one", "two", "three"):
        with staging_folder(out, large=lambda: True) as staging:
            (staging / "index.html").write_text(text)
    assert (out / "index.html").read_text() == "three"


def test_folders_left_by_killed_builds_are_removed_and_a_running_builds_are_kept(tmp_path):
    out = tmp_path / "site"
    gone = next(pid for pid in range(4_000_000, 4_100_000) if not os.path.exists(f"/proc/{pid}"))
    running = os.getppid()
    for name in (
        f".site.building-{gone}",
        f".site.old-{gone}-0a1b",
        f".site.building-{running}",
        f".other.building-{gone}",
    ):
        (tmp_path / name / "homes").mkdir(parents=True)
    with staging_folder(out) as staging:
        (staging / "index.html").write_text("new")
    deadline = time.monotonic() + 30
    while (tmp_path / f".site.old-{gone}-0a1b").exists():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f".other.building-{gone}",  # another output's
        f".site.building-{running}",  # a build still running
        "site",
    ]


def test_the_size_a_build_reports_is_the_size_of_what_it_wrote(landlord):
    """The site's size is added up from the bytes each writer wrote (pages, copies, zips,
    the rows as JSON, the search index), not read back from the disk: it must still be
    exactly what the disk holds, by top-level folder."""
    project = landlord.project
    project.package(
        "p", {"t.csv": "n,name\n1,a\n2,b\n"}, [table("t", [("n", "integer"), ("name", "string")])]
    )
    result = build(project.config, jobs=2)
    assert not result.problems and result.size is not None
    on_disk = folder_sizes(project.site)
    by_folder: dict[str, int] = {}
    for path, size in on_disk.items():
        relative = Path(path).relative_to(project.site).as_posix()
        top = relative.split("/", 1)[0] + "/" if "/" in relative else "/"
        by_folder[top] = by_folder.get(top, 0) + size
    assert result.size.files == len(on_disk)
    assert result.size.total == sum(on_disk.values())
    assert dict(result.size.folders) == by_folder
    assert {"pagefind/", "assets/", "downloads/", "homes/", "/"} <= set(by_folder)


def test_measure_adds_up_files_by_top_folder_and_by_watched_path(tmp_path):
    root = tmp_path / "site"
    written = {
        f"{root}/index.html": 10,
        f"{root}/homes/A/index.html": 100,
        f"{root}/homes/B/index.html": 200,
        f"{root}/downloads/a.zip": 1000,
    }
    size, parts = measure(
        root,
        written,
        watched=["homes/", "homes/B/", "downloads/a.zip", "missing/"],
        elsewhere={"carried/": (5000, 3)},
    )
    assert (size.total, size.files) == (6310, 7)
    assert dict(size.folders) == {"/": 10, "homes/": 300, "downloads/": 1000, "carried/": 5000}
    assert size.biggest(1) == (("carried/", 5000),)
    assert parts == {"homes/": (300, 2), "homes/B/": (200, 1), "downloads/a.zip": (1000, 1)}
