"""The MkDocs plugin: `mkdocs build` makes the site `odx build` makes, and `mkdocs serve`
rebuilds when a post changes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from helpers import REPO, odx, snapshot

pytestmark = pytest.mark.full

FOLDERS = ("datapackages", "templates", "insights", "pages")


def project_copy(root: Path, site_url: str) -> Path:
    """The repository's content and config in ``root`` (the sample data is copied)."""
    for name in FOLDERS:
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "resources.yml", root / "resources.yml")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    config["site_url"] = site_url
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return root / "mkdocs.yml"


def mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args], cwd=cwd, capture_output=True, text=True
    )


def test_mkdocs_build_makes_the_same_site_as_odx_build(tmp_path):
    config = project_copy(tmp_path, "https://example.org/odx/")
    assert odx("build", "--config", config, "--out", tmp_path / "by-odx").code == 0
    run = mkdocs("build", "-d", str(tmp_path / "by-mkdocs"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    ours, theirs = snapshot(tmp_path / "by-odx"), snapshot(tmp_path / "by-mkdocs")
    assert sorted(ours) == sorted(theirs)
    sample = [name for name in sorted(ours) if name.endswith(".html")][::25]
    assert sample and all(ours[name] == theirs[name] for name in sample)


def test_mkdocs_build_stops_with_the_located_report(tmp_path):
    config = project_copy(tmp_path, "https://example.org/")
    post = next((tmp_path / "insights").glob("*.md"))
    post.write_text(post.read_text().replace("date:", "dated:", 1))
    run = mkdocs("build", cwd=tmp_path)
    assert run.returncode != 0
    assert f"insights/{post.name}:" in run.stderr and "date: required" in run.stderr
    assert config.is_file()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, wanted: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode()
            if wanted in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{wanted!r} not served at {url} within {timeout}s")


@pytest.mark.slow
def test_mkdocs_serve_rebuilds_when_a_post_changes(tmp_path):
    project_copy(tmp_path, "https://example.org/")
    post = sorted((tmp_path / "insights").glob("*.md"))[0]
    slug = post.stem[11:]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/insights/{slug}/"
        wait_for(url, "<h1>")
        text = post.read_text()
        title_line = next(line for line in text.splitlines() if line.startswith("title:"))
        post.write_text(text.replace(title_line, 'title: "A title changed while serving"', 1))
        wait_for(url, "A title changed while serving")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_worker_the_system_stops_is_a_plugin_error_that_says_so(tmp_path, monkeypatch):
    from mkdocs.exceptions import PluginError

    import generator.mkdocs_plugin as plugin
    from generator.core.workers import WorkerLost

    def stopped(*args, **kwargs):
        raise WorkerLost(-9)

    monkeypatch.setattr(plugin, "build", stopped)
    config = {"site_dir": str(tmp_path / "site"), "config_file_path": str(tmp_path / "m.yml")}
    with pytest.raises(PluginError, match=r"stopped \(signal 9\).*--jobs 1"):
        plugin.OdxPlugin().on_post_build(config)
