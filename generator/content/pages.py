"""Community pages: Markdown files in ``pages/`` (about, contribute, newsletter, contact…).

Each file becomes ``/<name>/`` with the site's layout. Front matter: ``title`` (required),
``description``, ``updated`` (a date, for the sitemap), ``order`` (position in the footer's
list of pages) and ``include``, which
adds a block the site renders from ``mkdocs.yml`` ``extra`` settings: ``newsletter`` (a
sign-up form only when a real provider form address is configured, else a link or email)
or ``contact``. Bodies are sanitised Markdown like posts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.config import SiteConfig
from generator.content.links import Asset
from generator.content.posts import SLUG, Key, check_keys, key_line, read_front_matter, render_body
from generator.core.problems import Problems
from generator.structure.markdown_render import Rendered

KEYS = (
    Key("title", "text", required=True),
    Key("description", "text"),
    Key("order", "int"),
    Key("include", "text"),
    Key("updated", "date"),
)
INCLUDES = ("newsletter", "contact")
RESERVED = frozenset(
    {
        "datasets",
        "homes",
        "areas",
        "insights",
        "resources",
        "assets",
        "downloads",
        "sitemaps",
        "404",
        "search",  # the search page
        "pagefind",  # the search index
    }
)


@dataclass
class CommunityPage:
    """A checked community page."""

    path: Path
    body: str
    body_line: int
    slug: str
    title: str
    description: str
    order: int
    include: str
    rendered: Rendered
    updated: dt.date | None = None
    assets: list[Asset] = field(default_factory=list)


def load_pages(config: SiteConfig, problems: Problems, blocks: Any = None) -> list[CommunityPage]:
    """Every page of the pages folder, in ``order`` then title order."""
    folder = config.pages_dir
    if not folder.is_dir():
        return []
    pages = []
    for path in sorted(folder.glob("*.md")):
        page = _load_page(path, config, problems, blocks)
        if page is not None:
            pages.append(page)
    return sorted(pages, key=lambda p: (p.order, p.title.lower()))


def _load_page(
    path: Path, config: SiteConfig, problems: Problems, blocks: Any
) -> CommunityPage | None:
    shown = config.relative(path)
    document = read_front_matter(path, shown, problems, "at least 'title:'")
    if document is None:
        return None
    data, lines, body, body_line = document
    before = len(problems)
    values = check_keys(data, lines, shown, problems, KEYS)
    slug = path.stem
    if not SLUG.match(slug) or slug in RESERVED:
        problems.add(
            shown,
            1,
            "-",
            f"'{slug}' cannot be a page's address (lower-case words with hyphens, and not one "
            f"of {', '.join(sorted(RESERVED))}); rename the file",
        )
    include = values.get("include", "")
    if include and include not in INCLUDES:
        problems.add(
            shown,
            key_line(lines, "include"),
            "include",
            f"unknown block {include!r}; use one of: {', '.join(INCLUDES)}",
        )
    rendered = render_body(body, body_line, shown, problems, blocks, f"{slug}/")
    if len(problems) > before:
        return None
    return CommunityPage(
        path=path,
        body=body,
        body_line=body_line,
        slug=slug,
        title=values["title"],
        description=values.get("description", ""),
        order=values.get("order", 100),
        include=include,
        rendered=rendered,
        updated=values.get("updated"),
    )


def _https(value: Any) -> str:
    """A web address only when it is a real ``https://`` one (never ``javascript:``)."""
    text = str(value or "").strip()
    parts = urlsplit(text)
    return text if parts.scheme == "https" and parts.netloc else ""


def community_settings(extra: dict[str, Any]) -> dict[str, Any]:
    """The newsletter and contact blocks from ``extra``: a form only with a real action URL."""
    given_newsletter, given_contact = extra.get("newsletter"), extra.get("contact")
    newsletter = given_newsletter if isinstance(given_newsletter, dict) else {}
    contact = given_contact if isinstance(given_contact, dict) else {}
    form = _https(newsletter.get("action"))
    return {
        "newsletter": {
            "form": form,
            "field": str(newsletter.get("email_field") or "email"),
            "provider": str(newsletter.get("provider") or ""),
            "link": _https(newsletter.get("url")),
            "email": str(newsletter.get("email") or contact.get("email") or ""),
        },
        "contact": {
            "email": str(contact.get("email") or ""),
            "address": str(contact.get("postal") or ""),
        },
    }
