"""The privacy gate returns what is published as a new value: the loaded packages stay as
they were loaded, and the site model reads the published view."""

from __future__ import annotations

import shutil

from helpers import EXAMPLE, Project, copy_example, table

from generator.config import SiteConfig, load_config
from generator.core.problems import Problems
from generator.load.loading import load_packages
from generator.load.package_data import PackageData
from generator.privacy.gate import PublishedView, check_privacy
from generator.privacy.screening import table_screen


def loaded(project: Project, **options: object) -> tuple[list[PackageData], SiteConfig]:
    """The project's packages as loaded, with its config."""
    problems = Problems()
    config = load_config(project.write_config(**options), problems)
    assert config is not None
    packages = load_packages(config, problems, screen=table_screen)
    assert not problems, problems
    return packages, config


def judged(project: Project, **options: object) -> tuple[list[PackageData], PublishedView]:
    """The project's packages as loaded, and the gate's view of them."""
    packages, config = loaded(project, **options)
    problems = Problems()
    view = check_privacy(packages, config, problems)
    assert not problems, problems
    return packages, view


def snapshot(package: PackageData) -> list[tuple[str, object, object, object]]:
    """Every resource's table (the object, its rows and records) and summary, as now."""
    return [
        (
            resource.name,
            resource.table,
            resource.table and (list(resource.table.rows), list(resource.table.records)),
            resource.summary,
        )
        for resource in package.resources
    ]


def test_coarsening_publishes_new_tables_and_leaves_the_loaded_ones_as_loaded(project):
    shutil.copytree(EXAMPLE, project.root / "datapackages" / "example")
    packages, config = loaded(project, k_anonymity=5, coarsen=True)
    before = snapshot(packages[0])
    problems = Problems()
    view = check_privacy(packages, config, problems)
    assert not problems, problems
    assert snapshot(packages[0]) == before
    homes, published = packages[0].resource("homes"), view.packages[0].resource("homes")
    assert homes is not None and homes.table is not None
    assert published is not None and published.table is not None
    assert view.packages[0] is not packages[0]
    assert published.table.rows != homes.table.rows  # coarsened values
    assert published.summary is not homes.summary  # made again from what is published
    assert view.privacy[packages[0].slug].coarsening is not None


def test_what_the_gate_changes_nothing_of_is_published_as_loaded(project):
    """A package that is not ODX is published as loaded; in an ODX package that needs no
    coarsening, the tables are the loaded ones, and only the summaries of tables with
    withheld rows (here, small TSM cells) are made again."""
    copy_example(project.root / "datapackages" / "example")
    project.package(
        "counts",
        {"counts.csv": "area,homes\nLeeds,120\nYork,80\n"},
        [table("counts", [("area", "string"), ("homes", "integer")])],
    )
    packages, view = judged(project, k_anonymity=5)
    by_slug = {package.slug: package for package in view.packages}
    counts = next(package for package in packages if package.slug == "counts")
    assert by_slug["counts"] is counts
    example = next(package for package in packages if package.slug != "counts")
    decided = view.privacy[example.slug]
    for resource in example.resources:
        published = by_slug[example.slug].resource(resource.name)
        assert published is not None
        assert published.table is resource.table
        if decided.withheld.get(resource.name):
            assert published.summary is not resource.summary
        else:
            assert published.summary is resource.summary


def test_suppressed_homes_leave_the_published_tables_not_the_loaded_ones(project):
    """With k above what coarsening can reach for some homes, those homes are suppressed:
    their rows leave the published homes, components and plan, and stay in the loaded."""
    shutil.copytree(EXAMPLE, project.root / "datapackages" / "example")
    packages, view = judged(project, k_anonymity=10, coarsen=True)
    decided = view.privacy[packages[0].slug]
    assert decided.coarsening is not None and decided.coarsening.suppressed
    for name in ("homes", "components", "investment_plan"):
        loaded = packages[0].resource(name)
        published = view.packages[0].resource(name)
        assert loaded is not None and loaded.table is not None
        assert published is not None and published.table is not None
        withheld = decided.withheld[name]
        assert withheld, name
        assert withheld <= set(loaded.table.records)
        assert not withheld & set(published.table.records)
