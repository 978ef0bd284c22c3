"""The catalogue narrowed without JavaScript: a page per licence, format, publisher and
keyword (``datasets/licence/<id>/`` and so on) listing the datasets that have it, and the
chips that link them with their counts.

The values come from the descriptors, which anyone may write: each becomes a path segment of
plain ASCII letters, digits and hyphens (at most :data:`SLUG_LIMIT` characters), and two
values that would take the same segment get ``-2``, ``-3``… in the order of their values,
so the same packages always give the same addresses. Values are matched ignoring case and
spacing (``Housing`` and `` housing`` are one keyword), and shown as first met.

Licence and publisher pages may be indexed: they answer questions people search for
("datasets under the Open Government Licence"). Format and keyword pages, and any page that
lists every dataset (a copy of the catalogue), carry ``noindex``: thin pages a crawler
should not count as the site's content. All of them are linked, so crawlers still follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.catalogue.metadata import DatasetFacts
from generator.core import formatting as fmt
from generator.core import urls
from generator.load.package_data import PackageData

# (kind, what the chips' group is called, the facet page's heading); kinds are the first
# segment after datasets/, names no package may take (see load.loading).
KINDS: tuple[tuple[str, str, str], ...] = (
    ("licence", "Licence", "Datasets under the licence “{}”"),
    ("format", "Format", "Datasets with {} files"),
    ("publisher", "Publisher", "Datasets published by {}"),
    ("keyword", "Keyword", "Datasets with the keyword “{}”"),
)
INDEXED_KINDS = frozenset({"licence", "publisher"})
SLUG_LIMIT = 60
LABEL_LIMIT = 120  # characters of a value shown on a chip or a heading


@dataclass
class FacetValue:
    """One value of one facet, the datasets that have it (by index) and its page."""

    kind: str
    label: str
    slug: str = ""
    members: list[int] = field(default_factory=list)
    key: str = ""  # the value as matched (case and spacing ignored)

    @property
    def url(self) -> str:
        return urls.facet(self.kind, self.slug)

    def heading(self) -> str:
        template = next(heading for kind, _, heading in KINDS if kind == self.kind)
        return template.format(self.label)

    def indexable(self, datasets: int) -> bool:
        return self.kind in INDEXED_KINDS and len(self.members) < datasets


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _label(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= LABEL_LIMIT else flat[: LABEL_LIMIT - 1].rstrip() + "…"


def slug(text: str) -> str:
    """A safe path segment for ``text``: ASCII letters and digits, hyphens between."""
    cleaned = "".join(c if c.isascii() and c.isalnum() else "-" for c in text.lower())
    joined = "-".join(part for part in cleaned.split("-") if part)
    return joined[:SLUG_LIMIT].rstrip("-") or "value"


def _first(item: dict[str, Any], keys: tuple[str, ...]) -> str:
    return next((str(item[k]) for k in keys if str(item.get(k) or "").strip()), "")


def _licences(package: PackageData) -> Iterable[tuple[str, str]]:
    """(what identifies a licence, what it is called): its name (``OGL-UK-3.0``), else its
    address, else its title; shown by its title, else its name, else its address."""
    items = package.meta.get("licenses")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            identity = _first(item, ("name", "path", "title"))
            if identity:
                yield identity, _first(item, ("title", "name", "path"))


def dataset_values(
    package: PackageData, dataset: dict[str, Any], facts: DatasetFacts
) -> dict[str, list[tuple[str, str]]]:
    """The values a dataset has, by facet kind: (what identifies it, how it is shown)."""
    formats = [r.format.upper() for r in package.resources if r.format.strip()]
    publisher = [facts.publisher.name] if facts.publisher else []
    return {
        "licence": list(_licences(package)),
        "format": [(text, text) for text in formats],
        "publisher": [(text, text) for text in publisher],
        "keyword": [(text, text) for text in dataset["keywords"]],
    }


def collect(values: list[dict[str, list[tuple[str, str]]]]) -> dict[str, list[FacetValue]]:
    """Every facet's values, in order of their labels, each with its datasets and slug."""
    found: dict[str, dict[str, FacetValue]] = {kind: {} for kind, _, _ in KINDS}
    for index, by_kind in enumerate(values):
        for kind, pairs in by_kind.items():
            for identity, text in pairs:
                key = _key(identity)
                if not key or not _key(text):
                    continue
                value = found[kind].setdefault(key, FacetValue(kind, _label(text), key=key))
                if not value.members or value.members[-1] != index:
                    value.members.append(index)
    facets: dict[str, list[FacetValue]] = {}
    for kind, by_key in found.items():
        taken: set[str] = set()
        for key in sorted(by_key):
            value, base = by_key[key], slug(key)
            candidate, number = base, 1
            while candidate in taken:
                number += 1
                candidate = f"{base}-{number}"
            taken.add(candidate)
            value.slug = candidate
        facets[kind] = sorted(by_key.values(), key=lambda v: (_key(v.label), v.slug))
    return facets


def chips(facets: dict[str, list[FacetValue]], current: FacetValue | None) -> list[dict[str, Any]]:
    """The chips' groups as a page shows them, ``current`` marked."""
    return [
        {
            "kind": kind,
            "name": name,
            "values": [
                {
                    "label": value.label,
                    "url": value.url,
                    "count": fmt.count(len(value.members)),
                    "current": value is current,
                }
                for value in facets[kind]
            ],
        }
        for kind, name, _ in KINDS
        if facets[kind]
    ]


LINKED_KINDS = ("licence", "keyword")  # the facets a dataset's card and page link


def facet_links(
    values: dict[str, list[tuple[str, str]]], facets: dict[str, list[FacetValue]]
) -> dict[str, list[dict[str, str]]]:
    """A dataset's licences and keywords (its ``values``, see :func:`dataset_values`) as its
    card and page show them, each with the address of its facet page, ``""`` for a value
    that has none (a keyword of only spaces, say); ``licence_pages`` are the licences that
    have one."""
    pages = {(value.kind, value.key): value.url for found in facets.values() for value in found}
    links = {
        kind: [
            {"label": text, "url": pages.get((kind, _key(identity)), "")}
            for identity, text in values[kind]
        ]
        for kind in LINKED_KINDS
    }
    links["licence_pages"] = [link for link in links["licence"] if link["url"]]
    return links
