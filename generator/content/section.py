"""The community content's section of the site: the Insights (posts, tags, authors, the
archive and the feed), the resources list and the community pages, with the pictures and
files they use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.config import SiteConfig
from generator.content.contexts import CommunityPageContext
from generator.content.insights import (
    LATEST_ON_HOME,
    atom_feed,
    avatar_url,
    insights_pages,
    post_card,
)
from generator.content.pages import CommunityPage, community_settings
from generator.content.posts import Author, Post
from generator.content.resource_pages import resources_pages
from generator.content.resources import ResourcesList
from generator.core import citation as cite
from generator.core import urls
from generator.structure.citations import citation_files, citation_view
from generator.structure.discovery import PageHead, describe, newest
from generator.structure.edit_links import EditLinks
from generator.structure.page import CopiedFile, Page, crumbs
from generator.structure.section import Section

FOR_LANDLORDS = "for-landlords"  # the community page the navigation links by name
INSIGHTS_NAV = (("Insights", urls.insights()),)
RESOURCES_NAV = (("Resources", urls.RESOURCES),)
LANDLORDS_NAV = (("For landlords", urls.FOR_LANDLORDS),)


@dataclass
class ContentSection(Section):
    """The content's pages and files, with what the home page shows of it: the latest
    posts and the date the newest one changed."""

    latest: list[dict[str, Any]] = field(default_factory=list)
    changed: dt.date | None = None


def content_section(
    config: SiteConfig,
    posts: list[Post],
    authors: dict[str, Author],
    resources: ResourcesList,
    pages: list[CommunityPage],
) -> ContentSection:
    """The pages of ``posts``, ``resources`` and the community ``pages``."""
    section = ContentSection(
        nav=(INSIGHTS_NAV if posts else ())
        + (RESOURCES_NAV if resources.entries else ())
        + (LANDLORDS_NAV if any(page.slug == FOR_LANDLORDS for page in pages) else ()),
        latest=[post_card(post, authors) for post in posts[:LATEST_ON_HOME]],
        changed=newest(post.updated or post.date for post in posts),
    )
    edit = EditLinks(config)
    extras = {}
    for post in posts:
        citation = post_citation(post, authors, config.site_name, config.site_url)
        extras[post.slug] = {
            "citation": citation_view(citation, urls.post(post.slug)),
            "edit": edit(post.path),
        }
        section.files.extend(citation_files(citation, urls.post(post.slug)))
    section.pages.extend(
        [
            *insights_pages(posts, authors, extras),
            *resources_pages(resources, lambda line: edit(config.resources_path, line)),
        ]
    )
    for author in authors.values():
        if author.avatar:
            section.files.append(
                CopiedFile(avatar_url(author), config.insights_dir / author.avatar, author.avatar)
            )
    documents: list[Post | CommunityPage] = [*posts, *pages]
    for document in documents:
        section.files.extend(
            CopiedFile(asset.url, asset.source, asset.url) for asset in document.assets
        )
    if posts:
        feed = atom_feed(posts, authors, site_name=config.site_name, site_url=config.site_url)
        section.files.append(CopiedFile(urls.FEED, Path(urls.FEED), urls.FEED, feed))
    community = community_settings(config.extra)
    for content in pages:
        section.pages.append(
            Page(
                urls.page(content.slug),
                "page.html",
                content.title,
                CommunityPageContext(
                    {
                        "content": {
                            "title": content.title,
                            "html": content.rendered.html,
                            "include": content.include,
                            "edit": edit(content.path),
                        },
                        "community": community,
                        "crumbs": crumbs(),
                    }
                ),
                head=PageHead(describe(content.description), content.updated),
            )
        )
    return section


def post_citation(
    post: Post, authors: dict[str, Author], site_name: str, site_url: str
) -> cite.Citation:
    """The suggested citation of a post: its authors, date and title, the site as its
    publisher and its address."""
    return cite.Citation(
        kind="post",
        key=post.slug,
        title=post.title,
        authors=tuple(cite.Person(authors[a].name) for a in post.authors if a in authors),
        date=post.date,
        publisher=site_name,
        url=urls.full(site_url, urls.post(post.slug)),
    )


def site_links(posts: list[Post], pages: list[CommunityPage]) -> dict[str, Any]:
    """What every page's layout links of the content: the Insights, and the community
    pages (the for-landlords page has its place in the navigation instead)."""
    return {
        "insights": urls.insights() if posts else "",
        "pages": [
            {"title": page.title, "url": urls.page(page.slug)}
            for page in pages
            if page.slug != FOR_LANDLORDS
        ],
    }
