"""Links and images in posts and pages, checked when the site is built.

* A relative link must lead to a page or file of the site (another post, a dataset, a
  resource page…); a broken one is a located error in the Markdown file.
* A local image (``![alt](images/kitchen.jpg)``, or the front matter's ``image``) must exist
  in the insights folder; it is published beside the post. Paths may not leave the folder,
  and the file must be a PNG, JPEG, GIF or WebP picture by its content, named as what it is
  (see :mod:`generator.core.pictures`).
* A remote image is refused unless its host is listed in ``odx.image_hosts``: the site loads
  nothing from another host by default.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urldefrag, urlsplit

from generator.core.pictures import picture_problem
from generator.core.problems import Problems


@dataclass(frozen=True)
class Reference:
    """A link (``href``) or an image (``src``) in a rendered document."""

    kind: str  # "link" or "image"
    target: str


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[Reference] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.found.append(Reference("link", str(values["href"])))
        if tag == "img" and values.get("src"):
            self.found.append(Reference("image", str(values["src"])))


def references(html: str) -> list[Reference]:
    """Every link and image of a rendered document."""
    parser = _References()
    parser.feed(html)
    return parser.found


def line_of(text: str, needle: str, first_line: int) -> int:
    """The file's line where ``needle`` first appears in ``text`` (which starts at
    ``first_line``), else the first line."""
    index = text.find(needle)
    return first_line + text.count("\n", 0, index) if index >= 0 else first_line


def resolve(page_url: str, target: str) -> str:
    """A relative link from the page at ``page_url`` as a site URL (``""`` is the home page);
    ``"../"`` when it climbs above the site's root (it would break under a sub-path)."""
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    depth = len([part for part in base.split("/") if part])
    climbs = 0
    for part in unquote(target).split("/"):
        if part == "..":
            climbs += 1
            if climbs > depth:
                return "../"
        elif part not in ("", "."):
            depth += 1
    joined = posixpath.normpath(posixpath.join("/" + base, unquote(target)))
    url = joined.lstrip("/")
    if target.endswith("/") and url:
        url += "/"
    return "" if url == "." else url


@dataclass(frozen=True)
class Asset:
    """A local file a document shows, published at ``url``."""

    url: str
    source: Path


def check_document(
    *,
    html: str,
    body: str,
    body_line: int,
    page_url: str,
    folder: Path,
    shown: str,
    image_hosts: tuple[str, ...],
    problems: Problems,
    project: Path,
) -> tuple[list[Asset], list[tuple[str, int, str]]]:
    """Check images now; return the local images to publish and the relative links
    (site URL, line, as written) to check once every page is known."""
    assets: list[Asset] = []
    links: list[tuple[str, int, str]] = []
    for reference in references(html):
        target = reference.target
        parts = urlsplit(target)
        line = line_of(body, target, body_line)
        if parts.scheme or target.startswith("//"):
            if reference.kind == "image":
                host = parts.hostname or ""
                if host not in image_hosts:
                    problems.add(
                        shown,
                        line,
                        "image",
                        f"remote image {target!r} refused: the site loads nothing from other "
                        "hosts; put the image beside the post, or add its host to "
                        "odx.image_hosts in mkdocs.yml",
                    )
            continue
        if target.startswith("#"):
            continue
        if target.startswith("/"):
            problems.add(
                shown,
                line,
                "link",
                f"{target!r} starts at the host's root and breaks when the site is served under "
                "a sub-path; write it relative to the page, e.g. ../../datasets/",
            )
            continue
        path, _ = urldefrag(target)
        if reference.kind == "image":
            asset = _local_image(path, page_url, folder, shown, line, problems, project)
            if asset is not None:
                assets.append(asset)
        elif path:
            links.append((resolve(page_url, path), line, target))
    return assets, links


def _local_image(
    path: str,
    page_url: str,
    folder: Path,
    shown: str,
    line: int,
    problems: Problems,
    project: Path,
) -> Asset | None:
    relative = PurePosixPath(unquote(path))
    if relative.is_absolute() or ".." in relative.parts:
        problems.add(
            shown,
            line,
            "image",
            f"image path {path!r} leaves the folder; put the image beside the post and write "
            "its path from there, e.g. images/kitchen.jpg",
        )
        return None
    source = folder / relative
    if not source.is_file():
        problems.add(
            shown,
            line,
            "image",
            f"image {path!r} not found in {folder.name}/; check the name and case",
        )
        return None
    wrong = picture_problem(source, project)
    if wrong:
        problems.add(shown, line, "image", f"{path!r} {wrong}")
        return None
    return Asset(page_url + relative.as_posix(), source)


def check_links(
    links: list[tuple[str, str, int, str]], known: set[str], problems: Problems
) -> None:
    """Report each (file shown, site URL, line, as written) whose URL is not on the site."""
    for shown, url, line, written in links:
        candidates = {url, url + "/" if not url.endswith("/") else url, url + "index.html"}
        if url == "../":
            problems.add(
                shown,
                line,
                "link",
                f"{written!r} climbs above the site's root; it would break under a sub-path: "
                "count the '../' again",
            )
        elif not candidates & known:
            problems.add(
                shown,
                line,
                "link",
                f"broken link {written!r}: nothing is published at /{url}; check the address "
                "(links are relative to the page, e.g. ../other-post/ or ../../datasets/)",
            )
