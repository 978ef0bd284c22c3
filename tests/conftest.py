"""Fixtures: a project in a temporary folder, the example landlord, the sample site built
for the browser tests, the browser, and a record of the pools of worker processes started."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import (
    REALWORLD,
    Landlord,
    Project,
    copy_example,
)

from generator.core import workers


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "project")


@pytest.fixture(scope="session")
def realworld() -> Path:
    """The real-world packages (tests/fixtures/realworld, see its MANIFEST.md)."""
    return REALWORLD


@pytest.fixture
def landlord(project: Project) -> Landlord:
    """The example landlord package (12 homes, two groups of 6 that share every
    quasi-identifier) in a project with k=5."""
    folder = copy_example(project.root / "datapackages" / "example")
    project.settings["repo_url"] = "https://github.com/example/odx"
    project.write_config(k_anonymity=5)
    return Landlord(project, folder)


@pytest.fixture(scope="session")
def root_site(tmp_path_factory) -> Path:
    """The sample site built for a domain root (browser tests)."""
    from browser import build_sample

    return build_sample(tmp_path_factory.mktemp("root"), "https://example.org/")


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory) -> Path:
    """The sample site built for a sub-path, as on GitHub Pages (browser tests)."""
    from browser import build_sample

    return build_sample(tmp_path_factory.mktemp("sub"), "https://org.github.io/odx-site/")


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright, for the whole session."""
    from browser import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def pools(monkeypatch) -> list[str]:
    """Records each pool of worker processes the build starts (by its start method)."""
    started: list[str] = []
    real = workers.multiprocessing.get_context

    def get_context(method=None):
        started.append(method)
        return real(method)

    monkeypatch.setattr(workers.multiprocessing, "get_context", get_context)
    return started
