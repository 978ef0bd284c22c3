"""`odx serve`: a local preview that answers as GitHub Pages will, rebuilt when an input
changes, keeping the last good site while the input is broken."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import REPO, Project, odx, table

from generator.config import load_config
from generator.core.problems import Problems
from generator.serve import InputWatcher, PreviewServer, ServedSite, watched_inputs

TIMEOUT = 15  # seconds: generous for a slow machine; every wait ends as soon as it can
SUB_PATH = "/odx-site/"


# The watcher -------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write(tmp_path / "in/a.md", "a")
    write(tmp_path / "in/sub/b.csv", "id\n1\n")
    return tmp_path / "in"


def test_the_watcher_ignores_an_unchanged_tree(tree):
    watcher = InputWatcher([tree])
    assert watcher.changes() == []
    assert watcher.changes() == []


def test_the_watcher_notices_an_added_a_changed_and_a_removed_file(tree):
    watcher = InputWatcher([tree])
    added = write(tree / "sub/new.md", "new")
    assert watcher.changes() == [added]
    write(tree / "sub/b.csv", "id\n1\n2\n")
    assert watcher.changes() == [tree / "sub/b.csv"]
    (tree / "a.md").unlink()
    assert watcher.changes() == [tree / "a.md"]
    assert watcher.changes() == []


def test_the_watcher_notices_an_edit_of_the_same_size_by_its_modification_time(tree):
    watcher = InputWatcher([tree])
    path = tree / "a.md"
    before = path.stat().st_mtime_ns
    path.write_text("b", encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))
    assert watcher.changes() == [path]


def test_the_watcher_accepts_missing_paths_and_notices_when_they_appear(tmp_path):
    resources = tmp_path / "resources.yml"
    watcher = InputWatcher([resources, tmp_path / "insights"])
    assert watcher.changes() == []
    write(resources, "resources: []\n")
    assert watcher.changes() == [resources]


def test_the_watcher_skips_hidden_files_backups_and_the_excluded_site(tree):
    watcher = InputWatcher([tree], exclude=[tree / "site"])
    write(tree / ".a.md.swp", "swap")
    write(tree / "a.md~", "backup")
    write(tree / ".site.building-1/index.html", "staging")
    write(tree / "site/index.html", "output")
    assert watcher.changes() == []


def test_every_input_of_the_site_is_watched(tmp_path):
    project = Project(tmp_path / "project")
    config = load_config(project.config, Problems())
    assert config is not None
    root = project.root.resolve()
    assert watched_inputs(config) == [
        root / "mkdocs.yml",
        root / "datapackages",
        root / "insights",
        root / "pages",
        root / "resources.yml",
        config.templates_dir,
    ]


# The server, on a hand-made site -----------------------------------------------------


def get(
    url: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One request, redirects not followed: status, headers (lower-case names) and body."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
    try:
        connection.request(method, parts.path or "/", headers=headers or {})
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read()
    finally:
        connection.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    write(folder / "index.html", "<h1>Home</h1>")
    write(folder / "404.html", "<h1>Page not found</h1>")
    write(folder / "about/index.html", "<h1>About</h1>")
    write(folder / "assets/site.css", "body {}")
    for name in ("d.json", "d.jsonld", "feed.xml", "chart.svg", "t.csv"):
        write(folder / "files" / name, "x")
    return folder


@pytest.fixture
def served(site: Path) -> Iterator[PreviewServer]:
    """``site`` served under /odx-site/ on a free port, in this process."""
    server = PreviewServer(0, ServedSite(site, SUB_PATH))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_the_address_shows_the_real_port_and_the_sub_path(served):
    port = served.server_address[1]
    assert port != 0
    assert served.url == f"http://127.0.0.1:{port}{SUB_PATH}"


def test_the_root_redirects_to_the_sub_path(served):
    host = served.url.removesuffix(SUB_PATH)
    for path in ("/", "/odx-site"):
        status, headers, _ = get(host + path)
        assert (status, headers["location"]) == (302, SUB_PATH)


def test_a_folder_answers_with_its_index_html(served):
    status, headers, body = get(served.url + "about/")
    assert (status, body) == (200, b"<h1>About</h1>")
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert get(served.url)[2] == b"<h1>Home</h1>"


def test_a_folder_without_its_trailing_slash_redirects_to_the_slash_form(served):
    status, headers, _ = get(served.url + "about")
    assert status == 301
    assert headers["location"] == "/odx-site/about/"


@pytest.mark.parametrize(
    "path",
    ["/elsewhere/", "/about/", "/odx-site/missing/", "/odx-site/missing.csv", "/odx-site/assets/"],
)
def test_an_unknown_address_gets_the_404_page_with_status_404(served, path):
    """Outside the sub-path, a missing file, and a folder without index.html (never a
    listing of its files)."""
    host = served.url.removesuffix(SUB_PATH)
    status, headers, body = get(host + path)
    assert (status, body) == (404, b"<h1>Page not found</h1>")
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert get(host + path, "HEAD")[::2] == (404, b"")


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("assets/site.css", "text/css; charset=utf-8"),
        ("files/d.json", "application/json; charset=utf-8"),
        ("files/d.jsonld", "application/ld+json; charset=utf-8"),
        ("files/feed.xml", "application/xml; charset=utf-8"),
        ("files/chart.svg", "image/svg+xml; charset=utf-8"),
        ("files/t.csv", "text/csv"),
    ],
)
def test_files_are_sent_with_their_content_type(served, name, content_type):
    status, headers, _ = get(served.url + name)
    assert (status, headers["content-type"]) == (200, content_type)


def test_at_a_domain_root_nothing_is_redirected(site):
    with PreviewServer(0, ServedSite(site, "/")) as server:
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        try:
            assert get(server.url)[::2] == (200, b"<h1>Home</h1>")
        finally:
            server.shutdown()


def test_each_request_reads_the_site_the_server_points_at_now(served, tmp_path):
    rebuilt = write(tmp_path / "rebuilt/index.html", "<h1>Rebuilt</h1>").parent
    served.site = ServedSite(rebuilt, SUB_PATH)
    assert get(served.url)[2] == b"<h1>Rebuilt</h1>"


def test_a_page_is_always_sent_whole_so_a_quick_rebuild_is_never_missed(served):
    """Two rebuilds within one second share their Last-Modified second: never a 304."""
    _, headers, _ = get(served.url)
    assert headers["cache-control"] == "no-cache"
    since = {"If-Modified-Since": headers["last-modified"]}
    assert get(served.url, headers=since)[::2] == (200, b"<h1>Home</h1>")


# The command -------------------------------------------------------------------------


@pytest.fixture
def small_project(tmp_path: Path) -> Project:
    """A site under a sub-path with one package and one community page."""
    project = Project(
        tmp_path / "project", settings={"site_url": f"https://org.github.io{SUB_PATH}"}
    )
    project.package(
        "p", {"t.csv": "id,name\n1,first\n"}, [table("t", [("id", "integer"), ("name", "string")])]
    )
    write(project.root / "pages/about.md", "---\ntitle: About us\n---\nHello there.\n")
    return project


def test_a_broken_config_at_start_is_reported_and_exits_1(tmp_path):
    run = odx("serve", "--config", tmp_path / "missing.yml", "--port", "0")
    assert run.code == 1
    assert "missing.yml:1: -: config file not found" in run.err
    assert "Traceback" not in run.output


def test_a_broken_input_at_start_is_reported_like_build_and_exits_1(small_project):
    write(small_project.root / "pages/about.md", "---\ntitel: About us\n---\n")
    run = odx("serve", "--config", small_project.config, "--port", "0")
    assert run.code == 1
    assert "pages/about.md:2: title: required" in run.err
    assert "Serving" not in run.out


def test_a_port_in_use_is_a_one_line_error(small_project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = odx("serve", "--config", small_project.config, "--port", port)
    assert run.code == 1
    assert run.err.splitlines() == [
        f"odx: cannot serve on 127.0.0.1:{port}: the port is already in use; stop the other "
        "server or pick another with --port"
    ]
    assert run.out == ""


def test_a_port_out_of_range_is_a_usage_error():
    assert odx("serve", "--port", "70000").code == 2
    assert "--port" in odx("serve", "--help").out


class Preview:
    """``odx serve --port 0`` running in a child process, its output collected as it comes."""

    def __init__(self, config: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--config", str(config), "--port", "0"],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        address = self.wait_for_output("Serving ")
        self.url = address.split()[1]

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_output(self, text: str, start: int = 0) -> str:
        """The first line from line ``start`` on that holds ``text``, waiting for it."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            finished = not self.reader.is_alive()  # read before looking: no line is missed
            found = next((line for line in self.lines[start:] if text in line), None)
            if found is not None:
                return found
            if finished or time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not printed; the output was:\n{self.output}")
            time.sleep(0.05)

    def wait_until_served(self, path: str, text: str) -> bytes:
        """The body of ``path`` once it holds ``text``."""
        deadline = time.monotonic() + TIMEOUT
        body = b""
        while time.monotonic() < deadline:
            body = get(self.url + path)[2]
            if text.encode() in body:
                return body
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not served at {path}; the output was:\n{self.output}")

    def interrupt(self) -> int:
        """Press Ctrl+C; the exit code."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=TIMEOUT)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)


@pytest.fixture
def preview(small_project: Project) -> Iterator[Preview]:
    running = Preview(small_project.config)
    try:
        yield running
    finally:
        running.stop()


@pytest.mark.slow
def test_odx_serve_builds_then_serves_the_site_under_its_sub_path(preview, small_project):
    assert urlsplit(preview.url).path == SUB_PATH
    assert (small_project.site / "index.html").is_file()
    status, _, body = get(preview.url + "about/")
    assert status == 200 and b"Hello there." in body
    status, headers, _ = get(preview.url.removesuffix(SUB_PATH) + "/")
    assert (status, headers["location"]) == (302, SUB_PATH)
    status, _, body = get(preview.url + "no-such-page/")
    assert status == 404 and b"Page not found" in body


@pytest.mark.slow
def test_an_edited_page_or_csv_is_served_within_seconds(preview, small_project):
    write(small_project.root / "pages/about.md", "---\ntitle: About us\n---\nEdited live.\n")
    preview.wait_until_served("about/", "Edited live.")
    csv = small_project.root / "datapackages/p/t.csv"
    csv.write_text("id,name\n1,first\n2,second-row-added\n", encoding="utf-8")
    preview.wait_until_served("datasets/p/t/", "second-row-added")
    assert "changed: datapackages/p/t.csv; rebuilding" in preview.output


@pytest.mark.slow
def test_a_broken_input_is_reported_and_the_last_good_site_served_until_fixed(
    preview, small_project
):
    page = small_project.root / "pages/about.md"
    start = len(preview.lines)
    write(page, "---\ntitel: About us\n---\nBroken.\n")
    preview.wait_for_output("the last good site is still served", start)
    assert "pages/about.md:2: title: required" in preview.output
    status, _, body = get(preview.url + "about/")
    assert status == 200 and b"Hello there." in body
    write(page, "---\ntitle: About us\n---\nFixed again.\n")
    preview.wait_for_output("fixed: site rebuilt", start)
    preview.wait_until_served("about/", "Fixed again.")


@pytest.mark.slow
def test_ctrl_c_stops_with_exit_0_and_no_traceback(preview):
    assert preview.interrupt() == 0
    preview.wait_for_output("stopped")
    assert "Traceback" not in preview.output
