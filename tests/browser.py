"""Helpers for the browser tests: a static file server (optionally under a sub-path), axe and
the Nu HTML Checker."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from helpers import REPO, odx

AXE = REPO / "node_modules/axe-core/axe.min.js"
VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise RuntimeError("Debian's chromium is not installed: run `make test`, which installs it")
    return path


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under ``prefix`` and answers unknown paths with 404.html, like Pages."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(site: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 under ``prefix``; yield the base URL."""
    handler = type("Handler", (_PagesHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def turn_away_other_hosts(page, base: str) -> list[str]:
    """Make ``page`` refuse every request to a host other than ``base``'s; return the list
    the refused addresses are added to."""
    host = urlsplit(base).netloc
    refused: list[str] = []

    def guard(route):
        if urlsplit(route.request.url).netloc == host:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return refused


def axe_violations(page) -> list[dict]:
    """Run axe-core in ``page``; return its violations (WCAG 2.1 A/AA and best practice).

    Only the violations cross from the page (axe's full result is megabytes of passes), and
    axe is injected once per page.
    """
    if not page.evaluate("typeof axe === 'object'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => (await axe.run(document, {
             runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
           })).violations.map(v => ({
             id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target)}))""",
        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    )


def nu_html_errors(files: list[Path]) -> list[tuple[Path, int, str]]:
    """Check the HTML ``files`` with the Nu HTML Checker.

    One Java start for all the files; returns each error as (file, line, message). Raises when
    the checker cannot run, so a missing tool never passes for a clean result.
    """
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("Java is not installed: run `make test`, which installs it")
    if not VNU.is_file():
        raise RuntimeError(f"{VNU.relative_to(REPO)} is missing: run `make test` (npm ci)")
    missing = [str(f) for f in files if not Path(f).is_file()]
    if missing:  # the checker skips a missing file without a word
        raise FileNotFoundError(f"nothing to check at {missing}")
    # The quick-start JIT level halves the run; its larger frames need a larger thread stack.
    command = [java, "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TieredStopAtLevel=1", "-Xss2m"]
    command += ["-jar", str(VNU), "--format", "json", "--errors-only", "--stdout"]
    run = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(run.stdout)["messages"]
    except (ValueError, KeyError) as error:
        raise RuntimeError(
            f"the Nu HTML Checker failed (exit {run.returncode}): {run.stdout}{run.stderr}"
        ) from error
    return [
        (Path(unquote(urlsplit(m.get("url", "")).path)), m.get("lastLine", 0), m["message"])
        for m in messages
        if m.get("type") != "info"
    ]


def fetch(url: str) -> tuple[int, bytes]:
    """GET ``url``: its status and body (error statuses included)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def build_sample(root: Path, site_url: str, committed: bool = False) -> Path:
    """Build a copy of the repository's sample project in ``root`` into ``root/site`` for
    ``site_url`` (the build reads nothing outside its project); ``committed`` makes the copy
    a git repository with one commit first, so that each dataset has a history and a feed."""
    config = root / "mkdocs.yml"
    data = yaml.safe_load((REPO / "mkdocs.yml").read_text())
    data["site_url"] = site_url
    for name in ("datapackages", "templates", "insights", "pages"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "resources.yml", root / "resources.yml")
    config.write_text(yaml.safe_dump(data))
    if committed:
        commit_all(root, "Publish the sample")
    run = odx("build", "--config", config, "--out", root / "site")
    assert run.code == 0, run.output
    return root / "site"


def commit_all(root: Path, message: str) -> None:
    """Make ``root`` a git repository (if it is not one) and commit everything in it, as a
    fixed author at a fixed time, whatever the machine's git configuration."""
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Sample Author",
        "GIT_AUTHOR_EMAIL": "sample@example.org",
        "GIT_COMMITTER_NAME": "Sample Author",
        "GIT_COMMITTER_EMAIL": "sample@example.org",
        "GIT_AUTHOR_DATE": "2026-01-15T09:00:00+00:00",
        "GIT_COMMITTER_DATE": "2026-01-15T09:00:00+00:00",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", message]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)
