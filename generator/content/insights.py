"""The Insights pages: the paginated list, each post, tags, authors, the archive and the feed.

Values are display-ready; post bodies are already sanitised HTML (see
:mod:`generator.structure.markdown_render`). The Atom feed uses absolute URLs from ``site_url``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from generator.content.contexts import ArchiveContext, AuthorContext, InsightsContext, PostContext
from generator.content.posts import Author, Post
from generator.core import formatting as fmt
from generator.core import urls
from generator.structure.atom import Entry, Feed, atom
from generator.structure.discovery import PageHead, describe
from generator.structure.page import Page, crumbs

POSTS_PER_PAGE = 10
LATEST_ON_HOME = 3
TOC_MIN_HEADINGS = 3


def _date(value: dt.date) -> dict[str, str]:
    return {"text": fmt.long_date(value), "iso": value.isoformat()}


def post_card(post: Post, authors: dict[str, Author]) -> dict[str, Any]:
    """What a list of posts shows of one post."""
    rendered = post.rendered
    return {
        "title": post.title,
        "url": urls.post(post.slug),
        "date": _date(post.date),
        "authors": [
            {"name": authors[a].name, "url": urls.author(a)} for a in post.authors if a in authors
        ],
        "summary": post.summary,
        "tags": [{"name": tag, "url": urls.tag(tag)} for tag in post.tags],
        "minutes": f"{rendered.minutes} min read" if rendered else "",
    }


def insights_pages(
    posts: list[Post],
    authors: dict[str, Author],
    extras: Mapping[str, dict[str, Any]] | None = None,
) -> list[Page]:
    """Every Insights page (none when there are no posts); ``extras`` adds to a post's view
    (by slug) what the section decides of it (its citation, its edit link)."""
    if not posts:
        return []
    cards = [post_card(post, authors) for post in posts]
    specs: list[Page] = []
    pages = -(-len(posts) // POSTS_PER_PAGE)
    for number in range(1, pages + 1):
        specs.append(
            Page(
                urls.insights(number),
                "insights.html",
                "Insights" + (f" (page {number} of {pages})" if pages > 1 else ""),
                InsightsContext(
                    {
                        "heading": "Insights",
                        "cards": cards[(number - 1) * POSTS_PER_PAGE : number * POSTS_PER_PAGE],
                        "pager": _pager(number, pages),
                        "feed": urls.FEED,
                        "archive": urls.ARCHIVE,
                        "crumbs": crumbs(),
                    }
                ),
                head=_list_head(
                    "Insights: posts by tenants, landlords and housing-data people about what "
                    "the published data shows.",
                    posts[(number - 1) * POSTS_PER_PAGE : number * POSTS_PER_PAGE],
                ),
            )
        )
    for index, post in enumerate(posts):
        newer = posts[index - 1] if index > 0 else None
        older = posts[index + 1] if index + 1 < len(posts) else None
        specs.append(
            Page(
                urls.post(post.slug),
                "post.html",
                post.title,
                PostContext(
                    {
                        "post": {
                            **_post_view(post, authors, cards[index]),
                            **(extras or {}).get(post.slug, {}),
                        },
                        "newer": {"title": newer.title, "url": urls.post(newer.slug)}
                        if newer
                        else None,
                        "older": {"title": older.title, "url": urls.post(older.slug)}
                        if older
                        else None,
                        "crumbs": crumbs(("Insights", urls.insights())),
                    }
                ),
                head=_post_head(post),
            )
        )
    by_tag: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_author: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    tagged_posts: dict[str, list[Post]] = defaultdict(list)
    authored: dict[str, list[Post]] = defaultdict(list)
    for post, card in zip(posts, cards, strict=True):
        for tag in post.tags:
            by_tag[tag].append(card)
            tagged_posts[tag].append(post)
        for author_id in post.authors:
            by_author[author_id].append(card)
            authored[author_id].append(post)
        by_year[post.date.year].append(card)
    trail = crumbs(("Insights", urls.insights()))
    for tag, tagged in sorted(by_tag.items()):
        specs.append(
            Page(
                urls.tag(tag),
                "insights.html",
                f"Insights tagged {tag}",
                InsightsContext(
                    {
                        "heading": f"Insights tagged “{tag}”",
                        "cards": tagged,
                        "pager": _pager(1, 1),
                        "feed": urls.FEED,
                        "archive": urls.ARCHIVE,
                        "crumbs": trail,
                    }
                ),
                head=_list_head(f"Insights posts tagged “{tag}”.", tagged_posts[tag]),
            )
        )
    for author_id, written in sorted(by_author.items()):
        author = authors[author_id]
        specs.append(
            Page(
                urls.author(author_id),
                "insights_author.html",
                author.name,
                AuthorContext({"author": _author_view(author), "cards": written, "crumbs": trail}),
                head=_list_head(
                    author.bio or f"Insights posts by {author.name}.", authored[author_id]
                ),
            )
        )
    specs.append(
        Page(
            urls.ARCHIVE,
            "insights_archive.html",
            "Insights archive",
            ArchiveContext(
                {
                    "years": [
                        {"year": year, "posts": by_year[year]}
                        for year in sorted(by_year, reverse=True)
                    ],
                    "tags": [
                        {"name": tag, "url": urls.tag(tag), "count": len(tagged)}
                        for tag, tagged in sorted(by_tag.items())
                    ],
                    "crumbs": trail,
                }
            ),
            head=_list_head("Every Insights post, by year and by tag.", posts),
        )
    )
    return specs


def _post_head(post: Post) -> PageHead:
    """A post's description (its summary), date and picture for link previews."""
    image = _image(post)
    return PageHead(
        describe(post.summary),
        post.updated or post.date,
        kind="article",
        image=image["url"] if image else "",
        image_alt=image["alt"] if image else "",
    )


def _list_head(description: str, posts: list[Post]) -> PageHead:
    """A list of posts changes when its newest post does."""
    return PageHead(describe(description), max((p.updated or p.date for p in posts), default=None))


def _pager(number: int, pages: int) -> dict[str, Any]:
    return {
        "previous": urls.insights(number - 1) if number > 1 else "",
        "next": urls.insights(number + 1) if number < pages else "",
        "pages": [
            {"number": n, "url": urls.insights(n), "current": n == number}
            for n in range(1, pages + 1)
        ]
        if pages > 1
        else [],
    }


def avatar_url(author: Author) -> str:
    """Where an author's picture is published (beside their page), or ``""``."""
    if not author.avatar:
        return ""
    return urls.author(author.id) + author.avatar.rsplit("/", 1)[-1]


def _author_view(author: Author) -> dict[str, Any]:
    return {
        "id": author.id,
        "name": author.name,
        "bio": author.bio,
        "url": author.url,
        "page": urls.author(author.id),
        "avatar": avatar_url(author),
    }


def _post_view(post: Post, authors: dict[str, Author], card: dict[str, Any]) -> dict[str, Any]:
    rendered = post.rendered
    assert rendered is not None
    toc = rendered.toc if _count(rendered.toc) >= TOC_MIN_HEADINGS else []
    return {
        **card,
        "html": rendered.html,
        "toc": toc,
        "updated": _date(post.updated) if post.updated else None,
        "people": [_author_view(authors[a]) for a in post.authors if a in authors],
        "image": _image(post),
    }


def _image(post: Post) -> dict[str, Any] | None:
    """The post's own image: published beside it, or from an allowed host."""
    if not post.image:
        return None
    remote = "://" in post.image
    url = post.image if remote else urls.post(post.slug) + post.image
    return {"url": url, "alt": post.image_alt, "local": not remote}


def _count(toc: list[dict[str, Any]]) -> int:
    return sum(1 + _count(entry["children"]) for entry in toc)


def atom_feed(
    posts: list[Post], authors: dict[str, Author], *, site_name: str, site_url: str
) -> bytes:
    """The Atom 1.0 feed of the latest posts, with absolute URLs under ``site_url``."""
    base = site_url.rstrip("/") + "/"
    entries = tuple(
        Entry(
            id=base + urls.post(post.slug),
            title=post.title,
            published=post.date,
            updated=post.updated or post.date,
            link=base + urls.post(post.slug),
            authors=tuple(
                authors[author_id].name if author_id in authors else author_id
                for author_id in post.authors or []
            ),
            categories=tuple(post.tags),
            summary=post.summary or "",
            content=str(post.rendered.html) if post.rendered else "",
        )
        for post in posts[:20]
    )
    return atom(
        Feed(
            id=base + urls.insights(),
            title=f"{site_name}: Insights",
            url=base + urls.FEED,
            page=base + urls.insights(),
            author=site_name,
            updated=max((p.updated or p.date) for p in posts),
            entries=entries,
        )
    )
