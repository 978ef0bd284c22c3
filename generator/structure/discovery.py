"""What search engines and link previews read: each page's head, the sitemap and robots.txt.

Every page carries a :class:`PageHead` decided in the model: its description, when it last
changed, whether search engines may index it, its kind and picture for link previews, and
its structured data. Home and area pages are ``noindex`` unless ``index_homes`` is set: a
tenant's home should not be one search away from its street. Pages that may not be indexed
are left out of the sitemap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from generator.core import urls

SITEMAP_LIMIT = 50_000  # URLs per sitemap file (the sitemaps.org limit)
DESCRIPTION_LIMIT = 300  # characters of a meta description; longer text is cut at a word


@dataclass(frozen=True, slots=True)
class PageHead:
    """What a page says about itself to search engines and link previews.

    ``image`` is a site URL (or an absolute URL of an allowed host); ``structured_data``
    is JSON-LD shown in a ``<script type="application/ld+json">`` element.
    """

    description: str = ""
    lastmod: dt.date | None = None
    indexable: bool = True
    kind: str = "website"
    image: str = ""
    image_alt: str = ""
    structured_data: dict[str, Any] | None = None


PLAIN = PageHead()
NOT_INDEXED = PageHead(indexable=False)


def head_view(head: PageHead, url: str, site: dict[str, Any]) -> dict[str, Any]:
    """What a page's ``<head>`` shows, finished: the renderer makes it for each page.

    A page that may not be indexed carries no canonical link and no sharing card (a home's
    page stays light); absolute addresses need ``site["url"]``.
    """
    description = head.description or site["description"]
    if not head.indexable:
        return {
            "description": description,
            "robots": "noindex",
            "card": None,
            "structured_data": None,
        }
    picture = head.image or site["image"]
    image = urls.full(site["url"], picture) if picture else ""
    return {
        "description": description,
        "robots": "",
        "canonical": urls.full(site["url"], url),
        "structured_data": head.structured_data,
        "card": {
            "kind": head.kind,
            "image": image,
            "image_alt": (head.image_alt if head.image else site["image_alt"]) if image else "",
            "twitter": "summary_large_image" if image else "summary",
        },
    }


def describe(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, cut at a word boundary to at most ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def newest(dates: Iterable[dt.date | None]) -> dt.date | None:
    """The latest of ``dates``, ignoring unknown ones; None when none is known."""
    known = [date for date in dates if date is not None]
    return max(known) if known else None


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One URL of the sitemap and when it last changed."""

    url: str
    lastmod: dt.date | None


def sitemap_files(entries: Iterable[SitemapEntry], site_url: str) -> dict[str, bytes]:
    """``sitemap.xml`` listing ``entries`` with their ``lastmod``, as absolute URLs.

    Over :data:`SITEMAP_LIMIT` URLs, ``sitemap.xml`` becomes a sitemap index of parts under
    ``sitemaps/``. Nothing is written without a ``site_url``: a sitemap needs absolute URLs.
    """
    if not site_url:
        return {}
    listed = sorted(entries, key=lambda entry: entry.url)
    if len(listed) <= SITEMAP_LIMIT:
        return {urls.SITEMAP: _document("urlset", "url", listed, site_url)}
    files: dict[str, bytes] = {}
    parts: list[SitemapEntry] = []
    for number, start in enumerate(range(0, len(listed), SITEMAP_LIMIT), start=1):
        chunk = listed[start : start + SITEMAP_LIMIT]
        part = urls.sitemap_part(number)
        files[part] = _document("urlset", "url", chunk, site_url)
        parts.append(SitemapEntry(part, max((e.lastmod for e in chunk if e.lastmod), default=None)))
    files[urls.SITEMAP] = _document("sitemapindex", "sitemap", parts, site_url)
    return files


def _document(root: str, child: str, entries: list[SitemapEntry], site_url: str) -> bytes:
    """A sitemap (``urlset`` of ``url``) or a sitemap index (``sitemapindex`` of ``sitemap``)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append(f'<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    lines.extend(_entry(child, entry, site_url) for entry in entries)
    lines.append(f"</{root}>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _entry(tag: str, entry: SitemapEntry, site_url: str) -> str:
    location = f"<loc>{escape(urls.full(site_url, entry.url))}</loc>"
    changed = f"<lastmod>{entry.lastmod.isoformat()}</lastmod>" if entry.lastmod else ""
    return f"<{tag}>{location}{changed}</{tag}>"


def robots_txt(site_url: str) -> bytes:
    """Every crawler may fetch every page (noindex pages must be fetched to be seen as
    noindex); the sitemap is named when there is one."""
    lines = [
        '# Home and area pages carry <meta name="robots" content="noindex">: crawlers must',
        "# be able to fetch them to read it, so nothing is disallowed here.",
        "User-agent: *",
        "Allow: /",
    ]
    if site_url:
        lines.append(f"Sitemap: {urls.full(site_url, urls.SITEMAP)}")
    return ("\n".join(lines) + "\n").encode("utf-8")
