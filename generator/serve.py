"""``odx serve``: a local preview that answers as GitHub Pages will.

The site is built as ``odx build`` builds it (into ``site_dir``), then served on 127.0.0.1
under the sub-path of ``site_url`` with the rules of GitHub Pages: ``/`` redirects to the
sub-path, a folder URL without its trailing slash redirects to the slash form, a folder
answers with its ``index.html``, and any other address gets the site's ``404.html`` with
status 404.

An :class:`InputWatcher` polls every input (standard library only, so it works on every
system) and the site is rebuilt when one changes. The build swaps its staging folder in
atomically and the server looks the site folder up at each request, so the last good site
is served while a rebuild runs and after a rebuild that found problems.
"""

from __future__ import annotations

import errno
import http.server
import os
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, TextIO
from urllib.parse import urlsplit

from generator.build import BuildResult, build
from generator.config import SiteConfig

HOST = "127.0.0.1"
POLL_SECONDS = 0.5
SHOWN_CHANGES = 3

Snapshot = dict[Path, tuple[int, int]]
Report = Callable[[BuildResult], None]

# What GitHub Pages sends for the files a site holds (text the generator writes is UTF-8;
# published data files are the originals, byte for byte, so no charset is claimed for them).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".jsonld": "application/ld+json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".webmanifest": "application/manifest+json; charset=utf-8",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".jsonl": "application/jsonl",
    ".ndjson": "application/x-ndjson",
    ".geojson": "application/geo+json",
    ".md": "text/markdown",
    ".txt": "text/plain",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class InputWatcher:
    """Tells which files under some paths were added, changed or removed, by polling.

    A snapshot maps every file to its (modification time in ns, size). Missing paths are
    fine (a file created there later is an addition). Hidden names (editor swap files,
    ``.git``, the build's staging folders), backups ending in ``~`` and the folders in
    ``exclude`` (the site itself) are not watched.
    """

    def __init__(self, paths: Iterable[Path], exclude: Iterable[Path] = ()) -> None:
        self.paths = tuple(Path(os.path.abspath(path)) for path in paths)
        self.exclude = frozenset(Path(os.path.abspath(path)) for path in exclude)
        self.last = self.snapshot()

    def snapshot(self) -> Snapshot:
        """Every watched file now, with its modification time (ns) and size."""
        found: Snapshot = {}
        for path in self.paths:
            self._scan(path, found)
        return found

    def changes(self) -> list[Path]:
        """The files added, changed or removed since the last call (or since creation)."""
        current = self.snapshot()
        paths = current.keys() | self.last.keys()
        changed = sorted(p for p in paths if current.get(p) != self.last.get(p))
        self.last = current
        return changed

    def _scan(self, path: Path, found: Snapshot) -> None:
        if path in self.exclude:
            return
        try:
            info = path.stat()
        except OSError:  # missing, or removed while scanning
            return
        if not stat.S_ISDIR(info.st_mode):
            found[path] = (info.st_mtime_ns, info.st_size)
            return
        try:
            names = os.listdir(path)
        except OSError:
            return
        for name in names:
            if not _ignored(name):
                self._scan(path / name, found)


def _ignored(name: str) -> bool:
    """Names no build reads: hidden files and folders, and editor backups."""
    return name.startswith(".") or name.endswith("~")


def watched_inputs(config: SiteConfig) -> list[Path]:
    """Everything the site is made from: the config, data packages, posts, pages,
    resources list and templates."""
    return [
        config.config_path,
        config.datapackages_dir,
        config.insights_dir,
        config.pages_dir,
        config.resources_path,
        config.templates_dir,
    ]


@dataclass(frozen=True)
class ServedSite:
    """The folder served and the URL path it is served under (``/repo/``, or ``/``)."""

    folder: Path
    prefix: str = "/"


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Answers one request from ``server.site`` as GitHub Pages would."""

    server: PreviewServer
    # A class attribute, as in http.server (whose stub declares it per instance).
    extensions_map: ClassVar[dict[str, str]] = {  # type: ignore[misc]
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        **CONTENT_TYPES,
    }

    def __init__(self, request: Any, client_address: Any, server: PreviewServer) -> None:
        self.site = server.site  # read once: a rebuild may replace it meanwhile
        folder = _settled(self.site.folder)
        super().__init__(request, client_address, server, directory=str(folder))

    def do_GET(self) -> None:
        if not self._redirected_to_prefix():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._redirected_to_prefix():
            super().do_HEAD()

    def _redirected_to_prefix(self) -> bool:
        """Send ``/`` (and the sub-path without its slash) to the sub-path, with a 302."""
        path, prefix = urlsplit(self.path).path, self.site.prefix
        if prefix == "/" or path not in ("/", prefix.rstrip("/")):
            return False
        self.send_response(302)
        self.send_header("Location", prefix)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return True

    def send_head(self) -> BinaryIO | None:
        """Addresses outside the sub-path are not part of the site. Every answer is the
        whole file, never "not modified": two rebuilds can fall in the same second."""
        if not self.path.startswith(self.site.prefix):
            self.send_error(404)
            return None
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def translate_path(self, path: str) -> str:
        """The file for ``path``, which lies under the sub-path (checked by send_head)."""
        return super().translate_path("/" + path[len(self.site.prefix) :])

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without ``index.html`` is not found, as on GitHub Pages."""
        self.send_error(404)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A 404 shows the site's own ``404.html``."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", CONTENT_TYPES[".html"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        """Browsers check again at each visit, so a rebuilt page shows on reload."""
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not logged: the terminal is for build reports."""


def _settled(folder: Path, wait: float = 1.0) -> Path:
    """``folder``, after waiting a moment if a rebuild is swapping it in right now."""
    deadline = time.monotonic() + wait
    while not folder.is_dir() and time.monotonic() < deadline:
        time.sleep(0.01)
    return folder


class PreviewServer(http.server.ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 only; ``site`` may be replaced while it runs."""

    daemon_threads = True

    def __init__(self, port: int, site: ServedSite) -> None:
        self.site = site
        super().__init__((HOST, port), PagesHandler)

    @property
    def url(self) -> str:
        """The address to open, with the real port (``--port 0`` picks a free one)."""
        return f"http://{HOST}:{self.server_address[1]}{self.site.prefix}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser closing a connection early is not an error worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Preview:
    """Rebuilds the site when its inputs change and points the server at the result."""

    def __init__(self, server: PreviewServer, config_path: Path, drafts: bool, report: Report):
        self.server = server
        self.config_path = config_path
        self.drafts = drafts
        self.report = report
        self.watcher = InputWatcher(())
        self.config: SiteConfig | None = None
        self.broken = False

    def build(self) -> BuildResult | None:
        """Build the site and report as ``odx build`` does; serve it if it succeeded."""
        result = build(self.config_path, drafts=self.drafts)
        self.report(result)
        if result.problems or result.config is None or result.out is None:
            return None
        self.config = result.config
        self.server.site = ServedSite(result.out, result.config.base_path)
        inputs = [Path(os.path.abspath(path)) for path in watched_inputs(result.config)]
        if tuple(inputs) != self.watcher.paths:
            self.watcher = InputWatcher(inputs, exclude=[result.out])
        return result

    def rebuild_if_changed(self) -> None:
        """One poll: rebuild when an input changed, saying what happened."""
        changed = self.watcher.changes()
        if not changed:
            return
        _say(f"changed: {self._describe(changed)}; rebuilding")
        started = time.perf_counter()
        result = self.build()
        if result is None:
            self.broken = True
            _say("the last good site is still served; fix the problems above", sys.stderr)
        elif self.broken:
            self.broken = False
            _say("fixed: site rebuilt")
        else:
            _say(f"rebuilt {result.pages} pages in {time.perf_counter() - started:.1f}s")

    def _describe(self, changed: list[Path]) -> str:
        shown = [self.config.relative(p) if self.config else str(p) for p in changed]
        more = len(shown) - SHOWN_CHANGES
        return ", ".join(shown[:SHOWN_CHANGES]) + (f" and {more} more" if more > 0 else "")


def _say(line: str, stream: TextIO | None = None) -> None:
    print(line, file=stream or sys.stdout, flush=True)


def serve_site(
    config_path: Path,
    port: int = 8000,
    drafts: bool = False,
    report: Report = lambda result: None,
    interval: float = POLL_SECONDS,
) -> int:
    """Build the site, serve it and rebuild on changes until Ctrl+C; return the exit code.

    ``report`` prints a build's problems (the CLI passes the one ``odx build`` uses). Returns
    1 when the port cannot be opened or the first build finds problems, 0 after Ctrl+C.
    """
    try:
        server = PreviewServer(port, ServedSite(Path(os.devnull)))
    except OSError as error:
        _say(f"odx: cannot serve on {HOST}:{port}: {_bind_failure(error)}", sys.stderr)
        return 1
    with server:
        try:
            return _serve(server, Preview(server, config_path, drafts, report), interval)
        except KeyboardInterrupt:
            _say("stopped")
            return 0


def _serve(server: PreviewServer, preview: Preview, interval: float) -> int:
    """The first build, then serving and polling until interrupted."""
    result = preview.build()
    if result is None:
        return 1
    _say(f"built {result.pages} pages and {result.files} files into {result.out}")
    threading.Thread(target=server.serve_forever, name="odx-serve", daemon=True).start()
    try:
        _say(f"Serving {server.url} — press Ctrl+C to stop")
        while True:
            time.sleep(interval)
            preview.rebuild_if_changed()
    finally:
        server.shutdown()


def _bind_failure(error: OSError) -> str:
    """Why the port could not be opened, in words, with what to do."""
    if error.errno == errno.EADDRINUSE:
        return "the port is already in use; stop the other server or pick another with --port"
    if error.errno == errno.EACCES:
        return "permission denied; pick a port above 1023 with --port"
    return error.strerror or str(error)
