"""What a dataset page shows of its package's history, and the Atom feeds of the catalogue:
one per dataset (its changes) and one for the catalogue (new and updated datasets).

Commit messages and the package's ``CHANGELOG.md`` are untrusted contributor text published
on the page: each line goes through the privacy gate's cell rules first, and text that seems
to hold personal data is withheld (fail closed); the page escapes the rest, the changelog is
rendered by the safe Markdown pipeline of the posts. Authors are never shown. Row counts from
the history are shown only for files the privacy gate publishes as they are: counts of a
file it changed could tell what it took out.

Feeds need absolute links, so without ``site_url`` there are none.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.catalogue.metadata import DatasetFacts
from generator.config import SiteConfig
from generator.core import formatting as fmt
from generator.core import urls
from generator.load.history import PackageHistory, read_changelog
from generator.load.package_data import PackageData
from generator.privacy.detectors import cell_problem
from generator.structure.atom import Entry, Feed, atom
from generator.structure.markdown_render import render_markdown
from generator.structure.page import CopiedFile

WITHHELD = "Message withheld: it seemed to hold personal data."
MAX_CATALOGUE_ENTRIES = 50


def dataset_feed_url(slug: str) -> str:
    return f"{urls.dataset(slug)}feed.xml"


CATALOGUE_FEED = f"{urls.CATALOGUE}feed.xml"


def commit_url(config: SiteConfig, commit: str) -> str:
    """The commit's page on the repository's host, when ``repo_url`` is set."""
    base = urls.web_address(config.repo_url)
    return f"{base.rstrip('/')}/commit/{commit}" if base else ""


def safe_message(message: str) -> str:
    """The commit's first line, or a note that it was withheld."""
    return WITHHELD if cell_problem("message", message) else message


def history_view(
    config: SiteConfig,
    package: PackageData,
    history: PackageHistory,
    published: list[CopiedFile],
) -> dict[str, Any]:
    """The dataset page's "Changes" section."""
    as_published = {
        file.source.relative_to(package.folder).as_posix(): file.content is None
        for file in published
        if file.source.is_relative_to(package.folder)
    }
    titles = {
        path.relative_to(package.folder).as_posix(): resource.title
        for resource in package.resources
        for path in resource.files
        if path.is_relative_to(package.folder)
    }
    changes = []
    for change in history.changes:
        files = []
        for file in change.files:
            shown = as_published.get(file.path, False)
            rows = (
                f"{_rows(file.before)} → {_rows(file.after)} rows"
                if shown
                else "rows not shown: the privacy gate changes this file"
            )
            files.append({"title": titles.get(file.path, file.path), "rows": rows})
        changes.append(
            {
                "date": {
                    "text": fmt.long_date(change.date.date()),
                    "iso": change.date.isoformat(),
                },
                "message": safe_message(change.message),
                "commit": change.commit[:7],
                "url": commit_url(config, change.commit),
                "files": files,
            }
        )
    return {
        "available": history.available,
        "changes": changes,
        "changelog": _changelog(package),
        "feed": dataset_feed_url(package.slug) if config.site_url and changes else "",
    }


def _rows(count: int | None) -> str:
    return fmt.count(count) if count is not None else "—"


def _changelog(package: PackageData) -> dict[str, Any] | None:
    text = read_changelog(package.folder)
    if text is None:
        return None
    if any(cell_problem("changelog", line) for line in text.splitlines() if line.strip()):
        return {"html": "", "withheld": True}
    return {"html": render_markdown(text).html, "withheld": False}


def dataset_feed(
    config: SiteConfig, dataset: dict[str, Any], history: PackageHistory
) -> CopiedFile | None:
    """The Atom feed of one dataset's changes (only with ``site_url`` and a history)."""
    if not config.site_url or not history.changes:
        return None
    page = urls.full(config.site_url, dataset["url"])
    entries = tuple(
        Entry(
            id=f"{page}#change-{change.commit}",
            title=safe_message(change.message),
            updated=change.date,
            link=commit_url(config, change.commit) or page,
        )
        for change in history.changes
    )
    url = dataset_feed_url(dataset["slug"])
    feed = Feed(
        id=page,
        title=f"{config.site_name}: changes to {dataset['title']}",
        url=urls.full(config.site_url, url),
        page=page,
        author=config.site_name,
        updated=entries[0].updated,
        entries=entries,
    )
    return CopiedFile(url, Path(url), url, atom(feed))


def catalogue_feed(
    config: SiteConfig,
    datasets: list[dict[str, Any]],
    facts: list[DatasetFacts],
    histories: dict[str, PackageHistory],
) -> CopiedFile | None:
    """The Atom feed of the catalogue: each dataset as an entry, when it was last changed
    (by its history, else its descriptor), newest first."""
    if not config.site_url:
        return None
    entries = []
    for dataset, known in zip(datasets, facts, strict=True):
        changes = histories.get(dataset["slug"], PackageHistory(False)).changes
        updated: dt.date | dt.datetime | None = (
            changes[0].date if changes else known.modified or known.created
        )
        if updated is None:
            continue
        page = urls.full(config.site_url, dataset["url"])
        latest = f"Latest change: {safe_message(changes[0].message)}" if changes else ""
        entries.append(
            Entry(
                id=page,
                title=dataset["title"],
                updated=updated,
                published=known.created,
                link=page,
                summary=" ".join(filter(None, [dataset["summary"], latest])),
            )
        )
    entries.sort(key=lambda entry: _moment(entry.updated), reverse=True)
    if not entries:
        return None
    feed = Feed(
        id=urls.full(config.site_url, urls.CATALOGUE),
        title=f"{config.site_name}: datasets",
        url=urls.full(config.site_url, CATALOGUE_FEED),
        page=urls.full(config.site_url, urls.CATALOGUE),
        author=config.site_name,
        updated=_moment(entries[0].updated),
        entries=tuple(entries[:MAX_CATALOGUE_ENTRIES]),
    )
    return CopiedFile(CATALOGUE_FEED, Path(CATALOGUE_FEED), CATALOGUE_FEED, atom(feed))


def _moment(value: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
