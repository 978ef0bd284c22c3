"""Put the site together: every feature's section, and the pages of the site as a whole.

Each feature makes its :class:`~generator.structure.section.Section` (the tenant view, the
catalogue, the community content); the assembler adds the pages of the site as a whole (the
home page, search, the 404 page), the navigation every page shows, and what machines read
(the sitemap, robots.txt, the DCAT catalogue and the datasets index). Nothing here renders
HTML: each :class:`Page` carries a plain context of display-ready values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.catalogue.metadata import DatasetFacts, datasets_index, dcat_catalogue
from generator.catalogue.section import catalogue_section
from generator.config import SiteConfig
from generator.content.pages import CommunityPage
from generator.content.posts import Author, Post
from generator.content.resources import ResourcesList
from generator.content.section import content_section, site_links
from generator.core import urls
from generator.core.urls import BUNDLE_SCRIPT
from generator.load.history import PackageHistory
from generator.load.package_data import PackageData
from generator.privacy.kanonymity import PackagePrivacy
from generator.structure.contexts import HomeContext, NotFoundContext, SearchContext
from generator.structure.discovery import (
    NOT_INDEXED,
    PageHead,
    SitemapEntry,
    describe,
    newest,
    robots_txt,
    sitemap_files,
)
from generator.structure.incremental import OutputManifest
from generator.structure.page import CopiedFile, Page, SiteModel
from generator.structure.section import Section
from generator.tenant.section import tenant_section

HOME_NAV = (("Home", urls.HOME),)
SEARCH_NAV = (("Search", urls.SEARCH),)


@dataclass(frozen=True)
class SiteInputs:
    """Everything the site is made from, checked: the packages as the privacy gate
    publishes them and what it decided for each, the posts and their authors, the
    resources list, the community pages, and the manifest of the previous output (its
    unchanged parts are carried, not made again)."""

    config: SiteConfig
    packages: list[PackageData]
    privacy: dict[str, PackagePrivacy] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    authors: dict[str, Author] = field(default_factory=dict)
    resources: ResourcesList = field(default_factory=ResourcesList)
    pages: list[CommunityPage] = field(default_factory=list)
    previous: OutputManifest | None = None
    histories: dict[str, PackageHistory] = field(default_factory=dict)


def build_site_model(inputs: SiteInputs) -> SiteModel:
    """Decide every page and file of the site."""
    config = inputs.config
    image = _social_image(config)
    layout = (
        [bool(inputs.posts), bool(inputs.resources.entries)],
        [(page.slug, page.title) for page in inputs.pages],
        image,
    )
    tenant = tenant_section(config, inputs.packages, inputs.privacy, inputs.previous, layout)
    catalogue = catalogue_section(
        config,
        inputs.packages,
        inputs.privacy,
        tenant.odx,
        tenant.odx.datasets,
        inputs.previous,
        inputs.histories,
    )
    content = content_section(config, inputs.posts, inputs.authors, inputs.resources, inputs.pages)
    site_pages = Section(
        pages=[
            _home_page(
                config,
                catalogue.datasets,
                catalogue.totals,
                content.latest,
                newest([catalogue.changed, content.changed]),
            ),
            _search_page(config, inputs.posts, inputs.resources),
            Page(
                urls.NOT_FOUND,
                "404.html",
                "Page not found",
                NotFoundContext({}),
                absolute_links=True,
                head=NOT_INDEXED,
            ),
        ]
    )
    sections = [site_pages, tenant, catalogue, content]
    nav = HOME_NAV + catalogue.nav + tenant.nav + content.nav + SEARCH_NAV
    model = SiteModel(
        site={
            "name": config.site_name,
            "url": config.site_url,
            "description": config.site_description,
            "copyright": config.copyright,
            "repo_url": config.repo_url,
            "stylesheet": urls.STYLESHEET,
            "script": urls.SCRIPT,
            "home": urls.HOME,
            "catalogue": urls.CATALOGUE,
            "areas": urls.AREAS if tenant.odx.has_homes else "",
            **site_links(inputs.posts, inputs.pages),
            "image": image,
            "image_alt": (config.odx.social_image_alt or config.site_name) if image else "",
        }
    )
    for section in sections:
        model.pages.extend(_with_nav(page, nav) for page in section.pages)
        model.files.extend(section.files)
        model.archives.extend(section.archives)
        model.parts.extend(section.parts)
        model.carried.extend(section.carried)
        model.carried_urls.update(section.carried_urls)
        model.made.extend(section.made)
    _add_machine_readable(model, config, catalogue.facts)
    return model


def _home_page(
    config: SiteConfig,
    datasets: list[dict[str, Any]],
    totals: dict[str, str],
    latest: list[dict[str, Any]],
    changed: dt.date | None,
) -> Page:
    """The home page: what the exchange is, every dataset and the latest posts."""
    return Page(
        urls.HOME,
        "home.html",
        config.site_name,
        HomeContext({"datasets": datasets, "totals": totals, "latest": latest}),
        head=PageHead(describe(config.site_description), changed),
    )


def _search_page(config: SiteConfig, posts: list[Post], resources: ResourcesList) -> Page:
    """The search page, with links to browse instead where search cannot run."""
    browse = (
        ("the datasets", urls.CATALOGUE, True),
        ("the Insights", urls.insights(), bool(posts)),
        ("the resources", urls.RESOURCES, bool(resources.entries)),
    )
    return Page(
        urls.SEARCH,
        "search.html",
        "Search",
        SearchContext(
            {
                "search": {
                    "bundle": BUNDLE_SCRIPT,
                    "script": urls.asset("search.js"),
                    "browse": [
                        {"label": label, "url": url} for label, url, shown in browse if shown
                    ],
                }
            }
        ),
        head=PageHead(f"Search {config.site_name}: its datasets, posts, resources and pages."),
    )


def _add_machine_readable(model: SiteModel, config: SiteConfig, facts: list[DatasetFacts]) -> None:
    """The sitemap, robots.txt, the DCAT catalogue and the datasets index."""
    entries = [
        SitemapEntry(page.url, page.head.lastmod) for page in model.pages if page.head.indexable
    ]
    for part in model.carried:
        for url, lastmod in (part.facts or {}).get("sitemap", []):
            entries.append(SitemapEntry(url, dt.date.fromisoformat(lastmod) if lastmod else None))
    generated = sitemap_files(entries, config.site_url)
    generated[urls.ROBOTS] = robots_txt(config.site_url)
    generated[urls.DCAT_CATALOGUE] = dcat_catalogue(
        facts, config.site_name, config.site_description, config.site_url
    )
    generated[urls.DATASETS_INDEX] = datasets_index(facts, config.site_url)
    model.files.extend(
        CopiedFile(url, Path(url), url, content) for url, content in generated.items()
    )


def _social_image(config: SiteConfig) -> str:
    """The site URL of the picture shown when a page is shared, or ``""`` when there is none."""
    if not (config.templates_dir / "static" / config.odx.social_image).is_file():
        return ""
    return urls.asset(config.odx.social_image)


def _with_nav(page: Page, nav: tuple[tuple[str, str], ...]) -> Page:
    """``page`` with the site's navigation (and an empty breadcrumb trail on a top page)."""
    return replace(page, context={**_nav_context(page.url, nav), "crumbs": [], **page.context})


def _nav_context(url: str, nav: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The navigation as ``url`` shows it; pages that show it alike share one value
    (templates only read it), so 100,000 home pages hold one navigation, not 100,000."""
    section = url.split("/", 1)[0] + "/" if "/" in url else url
    current = url if any(target == url for _, target in nav) else None
    return {"nav": _nav_view(current, section, nav)}


@lru_cache(maxsize=1_024)
def _nav_view(
    current: str | None, section: str, nav: tuple[tuple[str, str], ...]
) -> list[dict[str, Any]]:
    return [
        {
            "label": label,
            "url": target,
            "current": target == current,
            "in_section": target != "" and target == section,
        }
        for label, target in nav
    ]
