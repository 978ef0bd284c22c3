"""Incremental builds: a rebuild carries the unchanged parts of the previous site and
rewrites only what changed, and its output is byte for byte that of a full build."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import REPO, odx, snapshot

from generator import build as build_module
from generator.load import validation_cache
from generator.structure import incremental
from generator.structure.incremental import (
    Part,
    fingerprint,
    read_manifest,
    templates_fingerprint,
    write_manifest,
)
from generator.tenant.pages import TEMPLATES as TENANT_VIEW_TEMPLATES

pytestmark = pytest.mark.full

FOLDERS = ("datapackages", "templates", "insights", "pages")
LONG_AGO = 1_000_000_000  # 2001: the mtime every file of the first build is given
TENANT_VIEW = (
    "homes/",
    "areas/",
    "have-your-say/",
    "correct-your-home/",
    "thanks/",
    "datasets/sample-landlord/overview/",
    "datasets/sample-landlord/pilot/",  # the sample turns a pilot on
)
DOWNLOADS = tuple(
    f"downloads/{name}{end}"
    for name in ("house-prices-uk", "sample-landlord")
    for end in ("/", ".zip")
)
KEPT = "kept from the previous build, unchanged: "
POST = "insights/2026-09-22-how-the-odx-pilot-works.md"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The repository's project (content, data, templates), built once; every file of the
    built site is then dated long ago, so a file rewritten later is told by its mtime."""
    root = tmp_path / "project"
    for name in FOLDERS:
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "resources.yml", root / "resources.yml")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    run = odx("build", "--config", root / "mkdocs.yml")
    assert run.code == 0, run.output
    assert carried(run.out) == []
    for path in (root / "site").rglob("*"):
        os.utime(path, (LONG_AGO, LONG_AGO), follow_symlinks=False)
    return root


def rebuild(root: Path, *extra: str) -> str:
    run = odx("build", "--config", root / "mkdocs.yml", *extra)
    assert run.code == 0, run.output
    return run.out


def carried(out: str) -> list[str]:
    """The paths a build says it kept from the previous build."""
    for line in out.splitlines():
        if line.startswith(KEPT):
            return line.removeprefix(KEPT).split(";")[0].split(", ")
    return []


def rewritten(site: Path) -> set[str]:
    """Files of ``site`` whose mtime is not the first build's."""
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and path.stat().st_mtime != LONG_AGO
    }


def full_build(root: Path, out: Path) -> dict[str, bytes]:
    """The site built from scratch: no cache, nothing carried."""
    run = odx("build", "--config", root / "mkdocs.yml", "--no-cache", "--out", out)
    assert run.code == 0, run.output
    assert carried(run.out) == []
    return snapshot(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_changing_a_post_rewrites_only_the_pages_that_show_it(sample):
    edit(sample / POST, "five tables", "five linked tables")
    assert carried(rebuild(sample)) == [*TENANT_VIEW, *DOWNLOADS]
    changed = rewritten(sample / "site")
    assert "insights/how-the-odx-pilot-works/index.html" in changed
    assert not any(name.startswith(("homes/", "areas/", "downloads/")) for name in changed)
    assert "resources/index.html" not in changed
    assert "datasets/index.html" not in changed
    assert "assets/site.css" not in changed
    assert snapshot(sample / "site") == full_build(sample, sample / "full")


def test_a_rebuild_with_nothing_changed_rewrites_nothing(sample):
    rebuild(sample)
    assert rewritten(sample / "site") == set()


def test_changing_a_resource_entry_carries_the_tenant_view(sample):
    edit(sample / "resources.yml", "title: Open datasets", "title: Open data sets")
    assert carried(rebuild(sample)) == [*TENANT_VIEW, *DOWNLOADS]
    changed = rewritten(sample / "site")
    assert "resources/index.html" in changed
    assert not any(name.startswith(("homes/", "areas/", "insights/")) for name in changed)
    assert snapshot(sample / "site") == full_build(sample, sample / "full")


def test_changing_a_template_the_tenant_view_does_not_use_carries_it(sample):
    edit(sample / "templates" / "post.html", "</article>", "</article>\n<!-- edited -->")
    assert carried(rebuild(sample)) == [*TENANT_VIEW, *DOWNLOADS]
    changed = rewritten(sample / "site")
    assert "insights/how-the-odx-pilot-works/index.html" in changed
    assert "insights/index.html" not in changed  # the list does not use post.html
    assert not any(name.startswith(("homes/", "areas/")) for name in changed)
    assert snapshot(sample / "site") == full_build(sample, sample / "full")


def test_changing_a_template_of_the_tenant_view_makes_it_again(sample):
    edit(sample / "templates" / "_odx.html", "{% macro", "{# edited #}\n{% macro")
    assert carried(rebuild(sample)) == [*DOWNLOADS]
    changed = rewritten(sample / "site")
    assert not any(name.startswith("homes/") for name in changed)  # same bytes, same mtime
    block = "{% block main %}"
    edit(sample / "templates" / "odx_home.html", block, block + "<!-- home -->")
    rebuild(sample)
    changed = rewritten(sample / "site")
    assert any(name.startswith("homes/") and name.endswith("index.html") for name in changed)
    assert not any(name.startswith("areas/") for name in changed)
    assert snapshot(sample / "site") == full_build(sample, sample / "full")


def test_changing_a_package_makes_its_parts_again(sample):
    homes = sample / "datapackages" / "sample-landlord" / "homes.csv"
    first = "D83DNEP6LH,,LS8 5,E08000035,house,end-terrace,2,1930-1949,social,gas-boiler,E,2019,"
    edit(homes, first + "meets,", first + "fails,")  # the first home's Decent Homes status
    assert carried(rebuild(sample)) == [d for d in DOWNLOADS if "house-prices" in d]
    homes_changed = {name for name in rewritten(sample / "site") if name.startswith("homes/")}
    assert homes_changed == {  # the other homes' pages and JSON are the same
        "homes/D83DNEP6LH/index.html",
        "homes/D83DNEP6LH.json",
    }
    assert snapshot(sample / "site") == full_build(sample, sample / "full")


def test_a_build_that_fails_after_carrying_leaves_the_site_as_it_was(sample):
    before = {
        path.relative_to(sample / "site").as_posix(): (path.read_bytes(), path.stat().st_mtime)
        for path in (sample / "site").rglob("*")
        if path.is_file()
    }
    edit(sample / "templates" / "post.html", "</article>", "{{ no_such_value }}</article>")
    run = odx("build", "--config", sample / "mkdocs.yml")
    assert run.code == 1
    assert "templates/post.html" in run.out + run.err
    after = {
        path.relative_to(sample / "site").as_posix(): (path.read_bytes(), path.stat().st_mtime)
        for path in (sample / "site").rglob("*")
        if path.is_file()
    }
    assert after == before
    edit(sample / "templates" / "post.html", "{{ no_such_value }}</article>", "</article>")
    assert carried(rebuild(sample)) == [*TENANT_VIEW, *DOWNLOADS]  # the manifest still holds


def test_a_build_without_the_cache_is_not_carried_from(sample):
    rebuild(sample, "--no-cache")
    assert carried(rebuild(sample)) == []


def test_a_part_missing_from_the_site_is_made_again(sample):
    shutil.rmtree(sample / "site" / "areas")
    assert carried(rebuild(sample)) == [*DOWNLOADS]
    assert (sample / "site" / "areas" / "index.html").is_file()


def test_a_file_deleted_inside_a_carried_folder_makes_its_part_again(sample):
    page = next((sample / "site" / "homes").glob("*/index.html"))
    page.unlink()
    assert carried(rebuild(sample)) == [*DOWNLOADS]
    assert page.is_file()


def test_a_site_built_elsewhere_does_not_carry_from_this_one(sample):
    assert carried(rebuild(sample, "--out", str(sample / "elsewhere"))) == []
    assert carried(rebuild(sample)) == [*TENANT_VIEW, *DOWNLOADS]


def test_the_tenant_view_lists_every_template_it_uses(sample):
    used = {
        line.split('"')[1]
        for path in (REPO / "generator").rglob("*.py")
        for line in path.read_text().splitlines()
        if '"odx_' in line and '.html"' in line
    }
    assert used == set(TENANT_VIEW_TEMPLATES)


def test_a_templates_fingerprint_follows_extends_and_imports(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    home = templates_fingerprint(templates, ["odx_home.html"])
    (templates / "post.html").write_text("changed")
    assert templates_fingerprint(templates, ["odx_home.html"]) == home
    for name in ("base.html", "_odx.html", "odx_home.html"):
        text = (templates / name).read_text()
        (templates / name).write_text(text + "{# changed #}")
        changed = templates_fingerprint(templates, ["odx_home.html"])
        assert changed != home
        home = changed


def test_a_template_named_by_an_expression_makes_every_template_count(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("{% include which %}")
    (templates / "other.html").write_text("one")
    before = templates_fingerprint(templates, ["page.html"])
    (templates / "other.html").write_text("two")
    assert templates_fingerprint(templates, ["page.html"]) != before


def test_a_manifest_keeps_only_parts_whose_paths_are_all_there(tmp_path):
    out = tmp_path / "site"
    (out / "homes").mkdir(parents=True)
    (out / "a.zip").write_bytes(b"zip")
    parts = [
        Part("whole", fingerprint("whole"), ("homes/", "a.zip")),
        Part("broken", fingerprint("broken"), ("homes/", "b.zip")),
    ]
    sizes = {"homes/": (0, 0), "a.zip": (3, 1), "b.zip": (3, 1)}
    write_manifest(tmp_path / "cache", out, parts, sizes)
    (out / "b.zip").unlink(missing_ok=True)
    manifest = read_manifest(tmp_path / "cache", out)
    assert manifest is not None
    assert set(manifest.parts) == {"whole"}
    assert manifest.parts["whole"].sizes == {"homes/": (0, 0), "a.zip": (3, 1)}
    assert manifest.carried(Part("whole", fingerprint("whole"), ())) is not None
    assert manifest.carried(Part("whole", fingerprint("other"), ())) is None


def test_the_previous_site_stays_whole_until_the_swap(sample, monkeypatch):
    seen = []

    def look(staging):  # while the new site is being indexed, before the swap
        seen.append(all((sample / "site" / path).exists() for path in (*TENANT_VIEW, *DOWNLOADS)))
        return real(staging)

    real = build_module.index_site
    monkeypatch.setattr(build_module, "index_site", look)
    assert carried(rebuild(sample)) == [*TENANT_VIEW, *DOWNLOADS]
    assert seen == [True]


def test_a_part_that_leaves_the_site_during_the_build_is_a_located_problem(sample, monkeypatch):
    def remove_areas(staging):  # as another build of the same folder might
        shutil.rmtree(sample / "site" / "areas")
        return real(staging)

    real = build_module.index_site
    monkeypatch.setattr(build_module, "index_site", remove_areas)
    before = snapshot(sample / "site")
    run = odx("build", "--config", sample / "mkdocs.yml")
    assert run.code == 1
    assert "site:1: site: 'areas/' left site while this build ran" in run.err
    left = {name: data for name, data in before.items() if not name.startswith("areas/")}
    assert snapshot(sample / "site") == left  # the other carried folders went back
    assert not [p.name for p in sample.iterdir() if p.name.startswith(".site.")]


def test_a_new_generator_makes_and_judges_everything_again(sample, monkeypatch):
    monkeypatch.setattr(validation_cache, "generator_fingerprint", lambda: "another generator")
    monkeypatch.setattr(incremental, "generator_fingerprint", lambda: "another generator")
    out = rebuild(sample)
    assert carried(out) == []
    assert "privacy 0.00s" not in out


def test_extra_settings_with_keys_of_any_type_are_fingerprinted(sample):
    config = yaml.safe_load((sample / "mkdocs.yml").read_text())
    config["extra"] = {dt.date(2026, 6, 1): "launch", 3: ["three"]}
    (sample / "mkdocs.yml").write_text(yaml.dump(config, sort_keys=False))
    rebuild(sample)
    assert carried(rebuild(sample)) == [*TENANT_VIEW, *DOWNLOADS]


def test_manifests_of_output_folders_that_are_gone_are_pruned(sample, tmp_path):
    """``mkdocs serve`` builds into a new temporary folder each time it starts."""
    from generator.structure.incremental import prune_manifests

    cache = sample / ".odx-cache"
    before = set((cache / "outputs").glob("*.json"))
    elsewhere = sample / "preview"
    assert odx("build", "--config", sample / "mkdocs.yml", "--out", elsewhere).code == 0
    assert len(set((cache / "outputs").glob("*.json")) - before) == 1
    shutil.rmtree(elsewhere)
    assert prune_manifests(cache) == 1
    assert set((cache / "outputs").glob("*.json")) == before
