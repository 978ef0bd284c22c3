"""Load the Insights posts (Markdown with YAML front matter) and their authors.

Every problem a contributor can make in a post is a located problem: the front matter's
line for a bad or unknown key, the file for a missing one. Posts are checked in full and
all their problems reported together; a post with problems is left out of the site (and the
build then stops, as for any input error).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.config import SiteConfig
from generator.content.links import Asset
from generator.core.pictures import picture_problem
from generator.core.problems import Problems
from generator.core.sourcemap import DocumentError, LineIndex, read_document
from generator.structure.markdown_render import Rendered, first_h1_line, render_markdown

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$\n?", re.DOTALL | re.MULTILINE)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AUTHOR_KEYS = ("name", "bio", "url", "avatar")
RESERVED_SLUGS = frozenset({"tags", "authors", "archive", "feed", "page"})


@dataclass(frozen=True)
class Key:
    """One front-matter key: its kind and whether a post must have it."""

    name: str
    kind: str  # text, date, list, bool, int
    required: bool = False


KEYS = (
    Key("title", "text", required=True),
    Key("date", "date", required=True),
    Key("authors", "list"),
    Key("tags", "list"),
    Key("summary", "text"),
    Key("image", "text"),
    Key("image_alt", "text"),
    Key("updated", "date"),
    Key("draft", "bool"),
    Key("slug", "text"),
)


@dataclass(frozen=True)
class Author:
    """A post author from ``insights/authors.yml``."""

    id: str
    name: str
    bio: str = ""
    url: str = ""
    avatar: str = ""


@dataclass
class Post:
    """A checked post: its front matter and Markdown body."""

    path: Path
    slug: str
    title: str
    date: dt.date
    body: str
    body_line: int  # the file's line of the body's first line
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    image: str = ""
    image_alt: str = ""
    updated: dt.date | None = None
    draft: bool = False
    rendered: Rendered | None = None  # set when the body has been rendered and checked
    assets: list[Asset] = field(default_factory=list)  # local images published with it


def load_authors(config: SiteConfig, problems: Problems) -> dict[str, Author]:
    """Read ``authors.yml`` of the insights folder (none is fine when there are no posts)."""
    path = config.insights_dir / "authors.yml"
    if not path.is_file():
        return {}
    shown = config.relative(path)
    try:
        data, lines = read_document(path.read_text(encoding="utf-8"), "yaml")
    except (OSError, UnicodeDecodeError) as error:
        problems.add(shown, 1, "-", f"cannot read the file ({error})")
        return {}
    except DocumentError as error:
        problems.add(shown, error.line, "-", f"{error.message} (column {error.column})")
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.add(shown, 1, "-", "authors.yml maps author ids to {name, bio, url, avatar}")
        return {}
    authors: dict[str, Author] = {}
    for author_id, entry in data.items():
        where = lines.line_of([author_id])
        if not isinstance(author_id, str) or not SLUG.match(author_id):
            problems.add(
                shown,
                where,
                str(author_id),
                "an author id is lower-case letters, digits and hyphens, e.g. 'amina-rahman'",
            )
            continue
        if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
            problems.add(shown, where, f"{author_id}.name", "required: the author's name")
            continue
        for key in entry:
            if key not in AUTHOR_KEYS:
                problems.add(
                    shown,
                    lines.line_of([author_id, key]),
                    f"{author_id}.{key}",
                    f"unknown key; allowed keys are: {', '.join(AUTHOR_KEYS)}",
                )
        url = str(entry.get("url") or "")
        if url and not url.startswith(("https://", "http://")):
            problems.add(
                shown,
                lines.line_of([author_id, "url"]),
                f"{author_id}.url",
                f"{url!r} is not a web address; write it in full, starting https://",
            )
        avatar = str(entry.get("avatar") or "")
        wrong = _avatar_problem(config, avatar) if avatar else None
        if wrong:
            problems.add(shown, lines.line_of([author_id, "avatar"]), f"{author_id}.avatar", wrong)
            avatar = ""
        authors[author_id] = Author(
            author_id, str(entry["name"]).strip(), str(entry.get("bio") or "").strip(), url, avatar
        )
    return authors


def _avatar_problem(config: SiteConfig, avatar: str) -> str | None:
    """What is wrong with an author's picture (a path from the insights folder), or None."""
    relative = Path(avatar)
    folder = config.insights_dir
    if relative.is_absolute() or ".." in relative.parts or "://" in avatar:
        return (
            f"image {avatar!r} must be a path inside {config.relative(folder)}/, e.g. "
            "avatars/amina.jpg"
        )
    if not (folder / relative).is_file():
        return (
            f"image {avatar!r} not found in {config.relative(folder)}/; give its path from "
            "there, e.g. avatars/amina.jpg"
        )
    wrong = picture_problem(folder / relative, config.root)
    return f"image {avatar!r} {wrong}" if wrong else None


def load_posts(
    config: SiteConfig,
    problems: Problems,
    authors: dict[str, Author],
    drafts: bool = False,
    blocks: Any = None,
) -> list[Post]:
    """Every post of the insights folder, newest first; drafts only with ``drafts``."""
    folder = config.insights_dir
    if not folder.is_dir():
        return []
    posts: list[Post] = []
    slugs: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")):
        post = _load_post(path, config, problems, authors, blocks)
        if post is None or (post.draft and not drafts):
            continue
        shown = config.relative(path)
        if post.slug in slugs:
            problems.add(
                shown,
                1,
                "slug",
                f"the slug '{post.slug}' is already used by {slugs[post.slug]}; give this post "
                "its own 'slug' or rename the file",
            )
            continue
        slugs[post.slug] = shown
        posts.append(post)
    return sorted(posts, key=lambda p: (p.date, p.slug), reverse=True)


def _load_post(
    path: Path, config: SiteConfig, problems: Problems, authors: dict[str, Author], blocks: Any
) -> Post | None:
    shown = config.relative(path)
    document = read_front_matter(path, shown, problems, "'title:' and 'date:'")
    if document is None:
        return None
    data, lines, body, body_line = document
    before = len(problems)
    values = check_keys(data, lines, shown, problems, KEYS)
    _check_authors(values.get("authors", []), lines, shown, problems, authors)
    if values.get("image") and not values.get("image_alt"):
        problems.add(
            shown,
            key_line(lines, "image"),
            "image_alt",
            "required with an image: describe it for people who cannot see it",
        )
    for tag in values.get("tags", []):
        if not TAG.match(tag):
            problems.add(
                shown,
                key_line(lines, "tags"),
                "tags",
                f"tag {tag!r}: use lower-case letters, digits and hyphens, e.g. 'decent-homes'",
            )
    slug = values.get("slug") or DATE_PREFIX.sub("", path.stem)
    if not SLUG.match(slug):
        problems.add(
            shown,
            key_line(lines, "slug") if "slug" in data else 1,
            "slug",
            f"'{slug}' cannot be used in a web address; use lower-case letters, digits and "
            "hyphens (set 'slug' or rename the file)",
        )
    if slug in RESERVED_SLUGS or re.match(r"^page-\d+$", slug):
        problems.add(
            shown,
            key_line(lines, "slug") if "slug" in data else 1,
            "slug",
            f"'{slug}' is the address of an Insights listing page; choose another slug",
        )
    rendered = render_body(body, body_line, shown, problems, blocks, f"insights/{slug}/")
    if len(problems) > before:
        return None
    return Post(
        path=path,
        slug=slug,
        title=values["title"],
        date=values["date"],
        body=body,
        body_line=body_line,
        authors=values.get("authors", []),
        tags=values.get("tags", []),
        summary=values.get("summary", ""),
        image=values.get("image", ""),
        image_alt=values.get("image_alt", ""),
        updated=values.get("updated"),
        draft=values.get("draft", False),
        rendered=rendered,
    )


def read_front_matter(
    path: Path, shown: str, problems: Problems, needs: str
) -> tuple[dict[Any, Any], LineIndex, str, int] | None:
    """(front matter, its line index, body, the body's first line) of a Markdown file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.add(shown, 1, "-", "the file is not UTF-8; save it as UTF-8")
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        problems.add(
            shown, 1, "-", f"the file starts with front matter between two '---' lines: {needs}"
        )
        return None
    try:
        data, lines = read_document(match.group(1), "yaml")
    except DocumentError as error:
        problems.add(shown, error.line + 1, "-", f"{error.message} (column {error.column})")
        return None
    if not isinstance(data, dict):
        problems.add(shown, 2, "-", "the front matter must be 'key: value' lines")
        return None
    body_line = text[: match.end()].count("\n") + 1
    return data, lines, text[match.end() :], body_line


def render_body(
    body: str, body_line: int, shown: str, problems: Problems, blocks: Any, page_url: str
) -> Rendered:
    """Render a post's or page's Markdown body, reporting its mistakes at their lines: a
    top-level heading (the title is the page's only one) and data blocks that cannot be made."""
    h1 = first_h1_line(body)
    if h1 is not None:
        problems.add(
            shown,
            body_line + h1 - 1,
            "-",
            "the title is the page's only top-level heading; start the headings at '##'",
        )
    rendered = render_markdown(body, blocks, page_url)
    for line, message in rendered.mistakes:
        problems.add(shown, body_line + line - 1, "-", message)
    for line, message in rendered.body_mistakes:
        problems.add(shown, body_line + line - 1, "body", message)
    return rendered


def key_line(lines: LineIndex, key: str) -> int:
    """The file's line of a front-matter key (the opening '---' is line 1)."""
    return lines.line_of([key]) + 1


def check_keys(
    data: dict[Any, Any],
    lines: LineIndex,
    shown: str,
    problems: Problems,
    keys: tuple[Key, ...],
) -> dict[str, Any]:
    """Check front matter against ``keys``: unknown, missing and ill-typed keys, located."""
    names = [key.name for key in keys]
    values: dict[str, Any] = {}
    for name, value in data.items():
        key = next((k for k in keys if k.name == name), None)
        if key is None:
            close = difflib.get_close_matches(str(name), names, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.add(
                shown,
                key_line(lines, name),
                str(name),
                f"unknown key; {hint}allowed keys are: {', '.join(names)}",
            )
            continue
        checked = _check_value(key, value)
        if isinstance(checked, _Wrong):
            problems.add(shown, key_line(lines, name), name, checked.message)
        else:
            values[name] = checked
    for key in keys:
        if key.required and key.name not in data:
            example = "2026-11-25" if key.kind == "date" else "…"
            problems.add(
                shown, 2, key.name, f"required: add '{key.name}: {example}' to the front matter"
            )
    return values


@dataclass(frozen=True)
class _Wrong:
    message: str


def _check_value(key: Key, value: Any) -> Any:
    if key.kind == "text":
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            return _Wrong(f"must be text, not {value!r}")
        text = str(value).strip()
        if key.required and not text:
            return _Wrong("must not be empty")
        return text
    if key.kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return _Wrong(f"{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-25")
    if key.kind == "list":
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            return _Wrong(f"must be a list of names, e.g. [a, b], not {value!r}")
        return list(dict.fromkeys(item.strip() for item in items if item.strip()))
    if key.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return _Wrong(f"must be a whole number, not {value!r}")
        return value
    if key.kind == "bool":
        if not isinstance(value, bool):
            return _Wrong(f"must be true or false, not {value!r}")
        return value
    raise AssertionError(key.kind)  # pragma: no cover


def _check_authors(
    ids: list[str],
    lines: LineIndex,
    shown: str,
    problems: Problems,
    authors: dict[str, Author],
) -> None:
    for author_id in ids:
        if author_id not in authors:
            known = ", ".join(sorted(authors)) or "none yet"
            problems.add(
                shown,
                key_line(lines, "authors"),
                "authors",
                f"unknown author '{author_id}'; add them to insights/authors.yml (known: {known})",
            )
