"""What every page's template is given: the typed contract between the views and the
templates.

Each feature declares the context of each of its templates as a ``TypedDict`` (in its own
``contexts`` module) and builds its pages' contexts with them, so the type checker holds
the views to the contract; the assembler adds :class:`LayoutContext` (the navigation) to
every page. ``tests/test_contexts.py`` renders every template of ``templates/`` with pages
whose contexts it checks against the declared type. The values inside (a dataset's view, a
home's view) are plain dictionaries of display-ready values.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class Crumb(TypedDict):
    """One step of a page's breadcrumb trail."""

    label: str
    url: str


class NavItem(TypedDict):
    """One entry of the site's navigation, as one page shows it."""

    label: str
    url: str
    current: bool
    in_section: bool


class SpecContext(TypedDict):
    """What every page may carry: its breadcrumb trail (none on the top pages)."""

    crumbs: NotRequired[list[Crumb]]


class LayoutContext(TypedDict):
    """What the assembler adds to every page for the layout (``base.html``)."""

    nav: list[NavItem]
    crumbs: list[Crumb]


class HomeContext(SpecContext):
    """``home.html``: every dataset, the totals and the latest posts."""

    datasets: list[dict[str, Any]]
    totals: dict[str, str]
    latest: list[dict[str, Any]]


class SearchContext(SpecContext):
    """``search.html``: the search bundle and where to browse without it."""

    search: dict[str, Any]


class NotFoundContext(SpecContext):
    """``404.html``: the layout only."""


CONTEXTS: dict[str, type] = {
    "home.html": HomeContext,
    "search.html": SearchContext,
    "404.html": NotFoundContext,
}
