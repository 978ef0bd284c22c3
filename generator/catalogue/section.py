"""The catalogue's section of the site: the list of datasets, a page per dataset and per
resource, and every package's downloads and zip."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from generator.catalogue.api import api_page
from generator.catalogue.citing import dataset_citation
from generator.catalogue.contexts import CatalogueContext, DatasetContext, ResourceContext
from generator.catalogue.downloads import ChangedFiles, downloads_section, published_files
from generator.catalogue.facets import (
    FacetValue,
    chips,
    collect,
    dataset_values,
    facet_links,
)
from generator.catalogue.history import (
    CATALOGUE_FEED,
    catalogue_feed,
    dataset_feed,
    history_view,
)
from generator.catalogue.metadata import DatasetFacts, schema_org_dataset
from generator.catalogue.rows import row_pages
from generator.catalogue.views import dataset_facts, dataset_view, resource_view, total_rows
from generator.config import SiteConfig
from generator.core import formatting as fmt
from generator.core import urls
from generator.load.history import NOT_AVAILABLE, PackageHistory
from generator.load.package_data import PackageData
from generator.privacy.kanonymity import PackagePrivacy
from generator.structure.citations import citation_files, citation_view
from generator.structure.discovery import PageHead, describe, newest
from generator.structure.edit_links import EditLinks
from generator.structure.incremental import OutputManifest
from generator.structure.page import Page, crumbs
from generator.structure.section import Section

NAV = (("Datasets", urls.CATALOGUE),)


@dataclass
class CatalogueSection(Section):
    """The catalogue's pages and files, with what the rest of the site shows of it: each
    dataset's card, the totals, the facts search engines and data portals read, and the
    date the newest dataset changed."""

    datasets: list[dict[str, Any]] = field(default_factory=list)
    totals: dict[str, str] = field(default_factory=dict)
    facts: list[DatasetFacts] = field(default_factory=list)
    changed: dt.date | None = None


def catalogue_section(
    config: SiteConfig,
    packages: list[PackageData],
    privacy: dict[str, PackagePrivacy],
    changed: ChangedFiles,
    extras: dict[str, dict[str, Any]],
    previous: OutputManifest | None,
    histories: dict[str, PackageHistory] | None = None,
) -> CatalogueSection:
    """The catalogue of ``packages`` (as the privacy gate publishes them). ``changed`` says
    which files the gate changed, ``extras`` what the tenant view adds to a dataset's page
    and ``histories`` each package's changes from the repository (by slug)."""
    histories = histories or {}
    published = {package.slug: published_files(package, changed) for package in packages}
    datasets = [dataset_view(package, published[package.slug]) for package in packages]
    facts = [
        dataset_facts(
            package,
            dataset,
            published[package.slug],
            extras.get(package.slug),
            config.odx.rows_json_max_rows,
        )
        for package, dataset in zip(packages, datasets, strict=True)
    ]
    edit = EditLinks(config)
    citations = []
    for package, dataset, known in zip(packages, datasets, facts, strict=True):
        dataset["odx"] = extras.get(dataset["slug"])
        dataset["edit"] = edit(package.descriptor.path)
        citation = dataset_citation(
            known, package.meta, config.site_name, config.site_url, dataset["homepage"]
        )
        dataset["citation"] = citation_view(citation, dataset["url"])
        citations.extend(citation_files(citation, dataset["url"]))
        dataset["history"] = history_view(
            config, package, histories.get(package.slug, NOT_AVAILABLE), published[package.slug]
        )
    totals = {
        "datasets": fmt.plural(len(packages), "dataset"),
        "resources": fmt.plural(sum(len(p.resources) for p in packages), "resource"),
        "rows": fmt.plural(sum(total_rows(p) for p in packages), "row"),
    }
    section = CatalogueSection(
        nav=NAV,
        datasets=datasets,
        totals=totals,
        facts=facts,
        changed=newest(f.modified or f.created for f in facts),
    )
    feed = catalogue_feed(config, datasets, facts, histories)
    if feed is not None:
        section.files.append(feed)
    each_values = [
        dataset_values(package, dataset, known)
        for package, dataset, known in zip(packages, datasets, facts, strict=True)
    ]
    facets = collect(each_values)
    for dataset, own in zip(datasets, each_values, strict=True):
        dataset["facet_links"] = facet_links(own, facets)
    section.pages.append(
        Page(
            urls.CATALOGUE,
            "catalogue.html",
            "Datasets",
            CatalogueContext(
                {
                    "heading": "Datasets",
                    "datasets": datasets,
                    "totals": totals,
                    "feed": CATALOGUE_FEED if feed else "",
                    "facets": chips(facets, None),
                    "everything": "",
                }
            ),
            head=PageHead(
                f"Every dataset of {config.site_name}: {totals['datasets']}, "
                f"{totals['resources']} and {totals['rows']}, each with its licence, fields "
                "and downloads.",
                section.changed,
            ),
        )
    )
    section.files.extend(citations)
    for values in facets.values():
        section.pages.extend(
            _facet_page(value, facets, datasets, facts, packages) for value in values
        )
    for package, dataset, known in zip(packages, datasets, facts, strict=True):
        own_feed = dataset_feed(config, dataset, histories.get(package.slug, NOT_AVAILABLE))
        if own_feed is not None:
            section.files.append(own_feed)
        section.pages.extend(_dataset_pages(config, package, dataset, known, published))
        section.add(downloads_section(package, published[package.slug], changed, privacy, previous))
        section.made.extend(
            made
            for resource in package.resources
            if (
                made := row_pages(
                    package, resource, privacy.get(package.slug), config.odx.rows_json_max_rows
                )
            )
            is not None
        )
    section.pages.append(api_page(config, packages, privacy))
    return section


def _facet_page(
    value: FacetValue,
    facets: dict[str, list[FacetValue]],
    datasets: list[dict[str, Any]],
    facts: list[DatasetFacts],
    packages: list[PackageData],
) -> Page:
    """The catalogue narrowed to the datasets that have ``value``."""
    chosen = [datasets[index] for index in value.members]
    heading = value.heading()
    totals = {
        "datasets": fmt.plural(len(chosen), "dataset"),
        "resources": fmt.plural(sum(len(d["resources"]) for d in chosen), "resource"),
        "rows": fmt.plural(sum(total_rows(packages[index]) for index in value.members), "row"),
    }
    return Page(
        value.url,
        "catalogue.html",
        heading,
        CatalogueContext(
            {
                "heading": heading,
                "datasets": chosen,
                "totals": totals,
                "feed": "",  # the catalogue's feed is linked from the catalogue
                "facets": chips(facets, value),
                "everything": urls.CATALOGUE,
                "crumbs": crumbs(("Datasets", urls.CATALOGUE)),
            }
        ),
        head=PageHead(
            describe(f"{heading}: " + ", ".join(d["title"] for d in chosen) + "."),
            newest(facts[index].modified or facts[index].created for index in value.members),
            indexable=value.indexable(len(datasets)),
        ),
    )


def _dataset_pages(
    config: SiteConfig,
    package: PackageData,
    dataset: dict[str, Any],
    known: DatasetFacts,
    published: dict[str, Any],
) -> list[Page]:
    """A dataset's page and the page of each of its resources."""
    pages = [
        Page(
            dataset["url"],
            "dataset.html",
            dataset["title"],
            DatasetContext({"dataset": dataset, "crumbs": crumbs(("Datasets", urls.CATALOGUE))}),
            head=PageHead(
                describe(known.description),
                known.modified or known.created,
                structured_data=schema_org_dataset(known, config.site_name, config.site_url),
            ),
        )
    ]
    for resource in package.resources:
        view = resource_view(package, resource, published[package.slug], config.odx)
        pages.append(
            Page(
                view["url"],
                "resource.html",
                f"{view['title']} — {dataset['title']}",
                ResourceContext(
                    {
                        "resource": view,
                        "dataset": dataset,
                        "crumbs": crumbs(
                            ("Datasets", urls.CATALOGUE), (dataset["title"], dataset["url"])
                        ),
                    }
                ),
                head=PageHead(
                    describe(
                        " ".join(view["description"])
                        or f"The fields, figures and first rows of {view['title']}, "
                        f"part of {dataset['title']}."
                    ),
                    known.modified or known.created,
                ),
            )
        )
    return pages
