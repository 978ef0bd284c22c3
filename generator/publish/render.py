"""Render the site model's pages with Jinja2 (autoescape on, undefined values are errors)."""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import jinja2

from generator.core import urls
from generator.core.progress import SILENT, Progress
from generator.core.workers import can_fork, forked_map
from generator.publish.output import Written, write_text
from generator.structure.discovery import head_view
from generator.structure.page import JSON_TEMPLATE, Page, SiteModel


class _Environment(jinja2.Environment):
    """Looks ``value.name`` up as a key first when ``value`` is a dict (page contexts are)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """A Jinja2 environment that escapes everything and refuses undefined names."""
    return _Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat per page
    )


def link_maker(page: Page, base_path: str) -> Callable[[str], str]:
    """``href(site_url)`` for templates: relative to ``page``, or rooted for the 404 page."""
    if page.absolute_links:
        return partial(urls.absolute, base_path)
    return partial(urls.relative, page.url)


def render_pages(
    model: SiteModel, environment: jinja2.Environment, base_path: str, pages: Any = None
) -> Iterator[tuple[str, str]]:
    """Yield (output file, HTML) for every page of ``model`` (or of ``pages``)."""
    for page in model.pages if pages is None else pages:
        if page.template == JSON_TEMPLATE:
            yield urls.output_file(page.url), json_text(page.lazy() if page.lazy else page.context)
            continue
        template = environment.get_template(page.template)
        html = template.render(
            site=model.site,
            page=page,
            href=link_maker(page, base_path),
            head=head_view(page.head, page.url, model.site),
            **page.values(),
        )
        yield urls.output_file(page.url), html


def json_text(values: Any) -> str:
    """A JSON page: the one value it is given (a home's view, as its page shows it)."""
    (value,) = values.values() if len(values) == 1 else (dict(values),)
    return (
        json.dumps(value, ensure_ascii=False, default=str, allow_nan=False, separators=(",", ":"))
        + "\n"
    )


@dataclass(frozen=True)
class TemplateFailure:
    """Where a template broke, and why: a located input error, like a broken CSV."""

    path: str | None
    line: int | None
    message: str


def template_failure(error: jinja2.TemplateError) -> TemplateFailure:
    """Locate a template error: its file and line, from the error or the innermost frame."""
    name = getattr(error, "filename", None) or getattr(error, "name", None)
    line = getattr(error, "lineno", None)
    if name is None:
        tb = error.__traceback__
        while tb is not None:  # find the innermost template frame
            filename = tb.tb_frame.f_code.co_filename
            if filename.endswith(".html"):
                name, line = filename, tb.tb_lineno
            tb = tb.tb_next
    return TemplateFailure(name, line, str(error.message or error))


PARALLEL_MIN_PAGES = 500


def write_pages(
    model: SiteModel,
    environment: jinja2.Environment,
    base_path: str,
    root: Path,
    jobs: int | None = None,
    meanwhile: Callable[[], None] | None = None,
    previous: Path | None = None,
    progress: Progress = SILENT,
) -> tuple[Written, TemplateFailure | None]:
    """Render every page into ``root``; return the bytes of each file written (one a page)
    and the first template failure.

    A large site is rendered by ``jobs`` forked processes (default: one per core), each
    taking every n-th page (the model is shared copy-on-write); the files written are the
    same either way. ``meanwhile`` is work of this process (copying files, writing zips)
    done while the workers render, or after rendering when there are none. A page that
    comes out as it is in the ``previous`` output keeps that file's mtime. ``progress`` is
    told how many pages are done every :data:`BATCH` pages (of each worker).
    """
    workers = jobs or os.cpu_count() or 1
    progress.stage("render", len(model.pages))
    if workers < 2 or len(model.pages) < PARALLEL_MIN_PAGES or not can_fork():
        alone = _write_share(
            model, environment, base_path, root, 0, 1, previous, _Tally(progress.advance)
        )
        if meanwhile is not None:
            meanwhile()
        return alone
    done = multiprocessing.get_context("fork").Value("q", 0)  # shared with the workers
    results = forked_map(
        functools.partial(
            _write_share,
            model,
            environment,
            base_path,
            root,
            workers=workers,
            previous=previous,
            tally=functools.partial(_add, done),
        ),
        range(workers),
        workers,
        meanwhile=meanwhile,
        freeze=True,  # the model is read-only from here
        waiting=lambda: progress.advance(done.value),
    )
    progress.advance(done.value)
    failure = next((failed for _, failed in results if failed), None)
    written: Written = {}
    for sizes, _ in results:
        written.update(sizes)
    return written, failure


BATCH = 256  # pages between two reports of progress


class _Tally:
    """Adds up the batches of pages rendered in this process and reports the total."""

    def __init__(self, report: Callable[[int], None]) -> None:
        self.report = report
        self.total = 0

    def __call__(self, pages: int) -> None:
        self.total += pages
        self.report(self.total)


def _add(done: Any, pages: int) -> None:
    """Add a worker's batch of pages to the count the workers share."""
    with done.get_lock():
        done.value += pages


def _write_share(
    model: SiteModel,
    environment: jinja2.Environment,
    base_path: str,
    root: Path,
    share: int,
    workers: int,
    previous: Path | None = None,
    tally: Callable[[int], None] | None = None,
) -> tuple[Written, TemplateFailure | None]:
    written: Written = {}
    try:
        for relative, html in render_pages(
            model, environment, base_path, model.pages[share::workers]
        ):
            write_text(root, relative, html, previous, written)
            if tally is not None and len(written) % BATCH == 0:
                tally(BATCH)
    except jinja2.TemplateError as error:
        return written, template_failure(error)
    return written, None
