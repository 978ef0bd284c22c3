"""The contexts of the catalogue's templates (see :mod:`generator.structure.contexts`)."""

from __future__ import annotations

from typing import Any

from generator.structure.contexts import SpecContext


class CatalogueContext(SpecContext):
    """``catalogue.html``: every dataset's card and the totals, or those of the datasets
    with one value of a facet (``everything`` then links back to all of them; "" on the
    catalogue itself); ``facets`` are the chips that narrow the list."""

    heading: str
    datasets: list[dict[str, Any]]
    totals: dict[str, str]
    feed: str  # the catalogue's Atom feed, "" without one
    facets: list[dict[str, Any]]
    everything: str


class DatasetContext(SpecContext):
    """``dataset.html``: one dataset."""

    dataset: dict[str, Any]


class ResourceContext(SpecContext):
    """``resource.html``: one resource of a dataset."""

    resource: dict[str, Any]
    dataset: dict[str, Any]


class ApiContext(SpecContext):
    """``api.html``: the URL scheme of the JSON the site publishes, with examples."""

    api: dict[str, Any]


CONTEXTS: dict[str, type] = {
    "api.html": ApiContext,
    "catalogue.html": CatalogueContext,
    "dataset.html": DatasetContext,
    "resource.html": ResourceContext,
}
