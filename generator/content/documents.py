"""The posts' and pages' links and images, checked once they are rendered: pictures now, links
against the site model once it is made."""

from __future__ import annotations

import html

from generator.config import SiteConfig
from generator.content.links import check_document
from generator.content.pages import CommunityPage
from generator.content.posts import Post
from generator.core import urls
from generator.core.problems import Problems


def check_documents(
    config: SiteConfig, posts: list[Post], pages: list[CommunityPage], problems: Problems
) -> list[tuple[str, str, int, str]]:
    """Check the images of posts and pages now; return their relative links to check
    against the site model."""
    links: list[tuple[str, str, int, str]] = []
    documents = [
        (post, urls.post(post.slug), config.insights_dir) for post in posts if post.rendered
    ] + [(page, urls.page(page.slug), config.pages_dir) for page in pages]
    for document, page_url, folder in documents:
        shown = config.relative(document.path)
        assert document.rendered is not None  # posts not rendered were left out above
        assets, found = check_document(
            html=str(document.rendered.html),
            body=document.body,
            body_line=document.body_line,
            page_url=page_url,
            folder=folder,
            shown=shown,
            image_hosts=config.odx.image_hosts,
            problems=problems,
            project=config.root,
        )
        image = getattr(document, "image", "")
        if image:
            more, _ = check_document(
                html=f'<img src="{html.escape(image)}">',
                body="",
                body_line=1,
                page_url=page_url,
                folder=folder,
                shown=shown,
                image_hosts=config.odx.image_hosts,
                problems=problems,
                project=config.root,
            )
            assets.extend(more)
        document.assets = assets
        links.extend((shown, url, line, written) for url, line, written in found)
    return links
