"""The contexts of the community content's templates (see
:mod:`generator.structure.contexts`)."""

from __future__ import annotations

from typing import Any

from generator.structure.contexts import SpecContext


class InsightsContext(SpecContext):
    """``insights.html``: a page of post cards (all posts, or those of a tag)."""

    heading: str
    cards: list[dict[str, Any]]
    pager: dict[str, Any]
    feed: str
    archive: str


class PostContext(SpecContext):
    """``post.html``: one post, with the newer and older ones."""

    post: dict[str, Any]
    newer: dict[str, str] | None
    older: dict[str, str] | None


class AuthorContext(SpecContext):
    """``insights_author.html``: an author and their posts."""

    author: dict[str, Any]
    cards: list[dict[str, Any]]


class ArchiveContext(SpecContext):
    """``insights_archive.html``: every post by year, and every tag."""

    years: list[dict[str, Any]]
    tags: list[dict[str, Any]]


class ResourcesContext(SpecContext):
    """``resources.html``: the resources list, whole or for one tag."""

    heading: str
    groups: list[dict[str, Any]]
    all_tags: list[dict[str, Any]]
    everything: str
    count: str
    tag: str


class CommunityPageContext(SpecContext):
    """``page.html``: a community page."""

    content: dict[str, Any]
    community: dict[str, Any]


CONTEXTS: dict[str, type] = {
    "insights.html": InsightsContext,
    "post.html": PostContext,
    "insights_author.html": AuthorContext,
    "insights_archive.html": ArchiveContext,
    "resources.html": ResourcesContext,
    "page.html": CommunityPageContext,
}
