"""The page that documents the site's JSON: where each table's rows and each home live,
what a page of rows holds, and how to read them (curl, Python, JavaScript), with
addresses of this very site as examples."""

from __future__ import annotations

from typing import Any

from generator.catalogue.contexts import ApiContext
from generator.catalogue.rows import PAGE_SIZE, has_rows
from generator.config import SiteConfig
from generator.core import formatting as fmt
from generator.core import urls
from generator.load.package_data import PackageData
from generator.privacy.kanonymity import PackagePrivacy
from generator.structure.discovery import PageHead
from generator.structure.page import Page, crumbs


def api_page(
    config: SiteConfig, packages: list[PackageData], privacy: dict[str, PackagePrivacy]
) -> Page:
    """The ``/api/`` page."""
    return Page(
        urls.API,
        "api.html",
        "The data as JSON",
        ApiContext({"api": api_view(config, packages, privacy), "crumbs": crumbs()}),
        head=PageHead(
            f"The tables of {config.site_name} as JSON pages of {fmt.count(PAGE_SIZE)} rows, "
            "with the URL scheme and examples in curl, Python and JavaScript."
        ),
    )


def api_view(
    config: SiteConfig, packages: list[PackageData], privacy: dict[str, PackagePrivacy]
) -> dict[str, Any]:
    """What the page shows: the example addresses (full when the site's URL is known, else
    from the site's root) and each table's first page of rows."""

    def shown(url: str) -> str:
        return urls.full(config.site_url, url) or "/" + url

    tables = [
        {
            "dataset": package.slug,
            "resource": resource.name,
            "url": urls.rows(package.slug, resource.slug),
            "rows": fmt.plural(resource.summary.row_count, "row") if resource.summary else "",
        }
        for package in packages
        for resource in package.resources
        if has_rows(package, resource, config.odx.rows_json_max_rows)
    ]
    example = tables[0]["url"] if tables else urls.rows("<dataset>", "<resource>")
    ref = _a_home(packages, privacy) if config.odx.home_json else ""
    return {
        "page_size": fmt.count(PAGE_SIZE),
        "max_rows": fmt.count(config.odx.rows_json_max_rows),
        "none": config.odx.rows_json_max_rows == 0,
        "tables": tables,
        "example": shown(example),
        "home_json": config.odx.home_json,
        "home_example": shown(urls.home_json(ref)) if ref else "",
        "home_page": urls.home(ref) if ref else "",
        "catalogue": shown(urls.DCAT_CATALOGUE),
        "datasets_index": shown(urls.DATASETS_INDEX),
    }


def _a_home(packages: list[PackageData], privacy: dict[str, PackagePrivacy]) -> str:
    """The ref of the first home published home by home, or ``""``."""
    for package in packages:
        homes = package.resource("homes") if package.profile is not None else None
        table = homes.table if homes is not None else None
        column = table.index("home_ref") if table is not None else None
        if table is None or column is None:
            continue
        hidden = (
            privacy[package.slug].withheld.get("homes", set()) if package.slug in privacy else set()
        )
        for record, row in zip(table.records, table.rows, strict=True):
            if record not in hidden and row[column]:
                return str(row[column])
    return ""
