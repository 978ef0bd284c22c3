"""The tenant view's section of the site: the home pages, the areas and "go to my home"
index, and each landlord's overview and satisfaction pages; carried whole from the previous
output when nothing it shows has changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.config import SiteConfig
from generator.core import urls
from generator.load.package_data import PackageData
from generator.privacy.kanonymity import PackagePrivacy
from generator.structure.incremental import OutputManifest, Part, fingerprint, templates_fingerprint
from generator.structure.page import CopiedFile
from generator.structure.section import Section
from generator.tenant.pages import TEMPLATES, OdxSite, carried_odx_site, odx_site
from generator.tenant.say_pages import say_urls

NAV = (("Find your home", urls.AREAS),)


@dataclass
class TenantSection(Section):
    """The tenant view's pages and files, with ``odx``: what the catalogue needs of it
    (each dataset's extras, the files the privacy gate changed)."""

    odx: OdxSite = field(default_factory=OdxSite)


def tenant_section(
    config: SiteConfig,
    packages: list[PackageData],
    privacy: dict[str, PackagePrivacy],
    previous: OutputManifest | None,
    layout: Sequence[Any],
) -> TenantSection:
    """The tenant view of the ODX ``packages`` (as the privacy gate publishes them).

    ``layout`` is what the pages show of the rest of the site (the navigation and the share
    picture): with the packages, the options and the templates it decides whether the
    tenant view of the ``previous`` output can be carried unchanged."""
    part = _tenant_view_part(config, packages, layout)
    carried = previous.carried(part) if previous and part else None
    if carried is not None and carried.facts is not None:
        odx = carried_odx_site(carried.facts)
    else:
        odx = odx_site(config, packages, privacy)
        carried = None
    section = TenantSection(nav=NAV if odx.has_homes else (), odx=odx)
    if part is not None:
        section.parts.append(replace(part, facts=odx.facts()))
    if carried is not None:
        section.carried.append(carried)
        section.carried_urls.update(odx.facts()["urls"])
    section.pages.extend(odx.pages)
    section.files.extend(
        CopiedFile(url, Path(url), url, content) for url, content in odx.generated.items()
    )
    return section


def _tenant_view_part(
    config: SiteConfig, packages: list[PackageData], layout: Sequence[Any]
) -> Part | None:
    """The tenant view as a part of the output, fingerprinted by everything its pages show:
    the ODX packages' contents, the options, the site's layout and the templates. None when
    a package has no content key (the build runs without a cache)."""
    odx = [package for package in packages if package.profile is not None]
    if not odx or any(package.content_key is None for package in odx):
        return None
    key = fingerprint(
        "tenant-view",
        _config_inputs(config),
        [(package.slug, package.content_key) for package in odx],
        *layout,
        templates_fingerprint(config.templates_dir, TEMPLATES),
    )
    paths = (
        urls.HOMES,
        urls.AREAS,
        *say_urls(config.odx.say_form_action),
        *(urls.overview(package.slug) for package in odx),
        *(urls.pilot(package.slug) for package in odx if config.odx.pilot is not None),
    )
    return Part("tenant-view", key, paths)


def _config_inputs(config: SiteConfig) -> dict[str, Any]:
    """The settings every page may show (not where the project lives, not line numbers)."""
    return {
        "site": [
            config.site_name,
            config.site_url,
            config.site_description,
            config.repo_url,
            config.copyright,
        ],
        "extra": config.extra,
        "odx": asdict(config.odx),
    }
