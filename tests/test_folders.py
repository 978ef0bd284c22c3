"""A large build makes the home pages' folders ahead, while it checks; the site is the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import odx, pilot_sample, snapshot

import generator.publish.folders
from generator.publish.folders import FolderMaker


@pytest.fixture
def ahead(monkeypatch):
    """Make the folders ahead for every site, however small, as on a machine of two cores."""
    monkeypatch.setattr(generator.publish.folders, "MIN_FOLDERS", 1)
    monkeypatch.setattr(generator.publish.folders.os, "cpu_count", lambda: 2)


def tree(site: Path) -> tuple[dict[str, bytes], list[str]]:
    """Every file with its bytes, and every folder (an empty one too)."""
    folders = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir())
    return snapshot(site), folders


def test_a_site_whose_home_folders_were_made_ahead_is_the_same(landlord, monkeypatch):
    assert landlord.project.build("--no-cache").code == 0
    before = tree(landlord.project.site)
    monkeypatch.setattr(generator.publish.folders, "MIN_FOLDERS", 1)
    monkeypatch.setattr(generator.publish.folders.os, "cpu_count", lambda: 2)
    assert landlord.project.build("--no-cache").code == 0
    assert tree(landlord.project.site) == before


def test_a_pilot_site_whose_home_folders_were_made_ahead_is_the_same(tmp_path, monkeypatch):
    config = pilot_sample(tmp_path)
    assert odx("build", "--config", config, "--no-cache").code == 0
    before = tree(tmp_path / "site")
    monkeypatch.setattr(generator.publish.folders, "MIN_FOLDERS", 1)
    monkeypatch.setattr(generator.publish.folders.os, "cpu_count", lambda: 2)
    assert odx("build", "--config", config, "--no-cache").code == 0
    assert tree(tmp_path / "site") == before


def test_the_folders_no_page_went_into_are_removed(tmp_path, ahead):
    folders = FolderMaker()
    folders.start(lambda: tmp_path, ["homes/A1", "homes/B2", "homes/C3"])
    (tmp_path / "homes" / "A1").mkdir(exist_ok=True)  # as a renderer would, meanwhile
    folders.finish(["homes/A1/", "homes/C3/", "about/"])
    assert not (tmp_path / "homes" / "B2").exists()
    assert (tmp_path / "homes" / "A1").is_dir()


def test_a_build_that_stops_after_loading_leaves_no_folder_behind(landlord, ahead):
    shutil.rmtree(landlord.project.root / "templates")  # found after the packages loaded
    run = landlord.project.build("--no-cache")
    assert run.code == 1
    assert "odx.templates" in run.output
    assert not [p for p in landlord.project.root.iterdir() if ".building-" in p.name]
    assert not landlord.project.site.exists()


def test_only_plain_home_refs_get_their_folder_ahead(landlord):
    from generator.build import check

    checked = check(landlord.project.config, cache=False)
    assert checked.model is not None
    refs = [p.url for p in checked.model.pages if p.template == "odx_home.html"]
    made = generator.publish.folders.home_folders(checked.packages)
    assert [f + "/" for f in made] == refs
