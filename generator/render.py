"""Render the site model's pages with Jinja2 (autoescape on, undefined values are errors)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import jinja2

from . import urls
from .model import Page, SiteModel


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """A Jinja2 environment that escapes everything and refuses undefined names."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def link_maker(page: Page, base_path: str):
    """``href(site_url)`` for templates: relative to ``page``, or rooted for the 404 page."""
    if page.absolute_links:
        return partial(urls.absolute, base_path)
    return partial(urls.relative, page.url)


def render_pages(
    model: SiteModel, environment: jinja2.Environment, base_path: str
) -> Iterator[tuple[str, str]]:
    """Yield (output file, HTML) for every page of ``model``."""
    for page in model.pages:
        template = environment.get_template(page.template)
        html = template.render(
            site=model.site, page=page, href=link_maker(page, base_path), **page.context
        )
        yield urls.output_file(page.url), html
