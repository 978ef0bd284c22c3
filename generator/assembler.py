"""Build the site model: every page with its URL and the finished values it shows.

Nothing here renders HTML. Each :class:`Page` carries a plain context of display-ready values
(formatted numbers, dates, link targets as site URLs); templates only show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import frictionless

from generator.catalogue.metadata import (
    Agent,
    DatasetFacts,
    Distribution,
    agents,
    datasets_index,
    dcat_catalogue,
    media_type,
    schema_org_dataset,
)
from generator.config import SiteConfig
from generator.content.insights import (
    LATEST_ON_HOME,
    atom_feed,
    avatar_url,
    insights_pages,
    post_card,
)
from generator.content.pages import CommunityPage, community_settings
from generator.content.posts import Author, Post
from generator.content.resource_pages import resources_pages
from generator.content.resources import ResourcesList
from generator.core import formatting as fmt
from generator.core import urls
from generator.core.urls import BUNDLE_SCRIPT
from generator.load.loading import PackageData, ResourceData
from generator.load.summary import display_value
from generator.privacy.kanonymity import PackagePrivacy
from generator.structure.discovery import (
    NOT_INDEXED,
    PLAIN,
    PageHead,
    SitemapEntry,
    describe,
    newest,
    robots_txt,
    sitemap_files,
)
from generator.structure.incremental import OutputManifest, Part, fingerprint, templates_fingerprint
from generator.structure.page import CopiedFile, Page, PageSpec, SiteModel, ZipArchive, crumbs
from generator.tenant.pages import TEMPLATES as TENANT_VIEW_TEMPLATES
from generator.tenant.pages import OdxSite, carried_odx_site, odx_site, replaced_files

NUMERIC_TYPES = frozenset({"integer", "number"})


NAV = (("Home", urls.HOME), ("Datasets", urls.CATALOGUE))
ODX_NAV = (("Find your home", urls.AREAS),)
LANDLORDS_NAV = (("For landlords", urls.FOR_LANDLORDS),)
INSIGHTS_NAV = (("Insights", urls.insights()),)
RESOURCES_NAV = (("Resources", urls.RESOURCES),)
SEARCH_NAV = (("Search", urls.SEARCH),)


def build_site_model(
    config: SiteConfig,
    packages: list[PackageData],
    privacy: dict[str, PackagePrivacy] | None = None,
    posts: list[Post] | None = None,
    authors: dict[str, Author] | None = None,
    resources: ResourcesList | None = None,
    pages: list[CommunityPage] | None = None,
    previous: OutputManifest | None = None,
) -> SiteModel:
    """Decide every page and file of the site from the validated packages.

    ``privacy`` is what the privacy gate decided for each ODX package (withheld rows,
    coarsening); the tenant view and the published files follow it. The parts that
    ``previous`` (the manifest of the previous output) holds unchanged are carried, not
    made again.
    """
    posts, authors = posts or [], authors or {}
    tenant_part = _tenant_view_part(config, packages, posts, resources, pages)
    carried_tenant = previous.carried(tenant_part) if previous and tenant_part else None
    if carried_tenant is not None and carried_tenant.facts is not None:
        odx = carried_odx_site(carried_tenant.facts)
    else:
        odx = odx_site(config, packages, privacy or {})
        carried_tenant = None
    nav = (
        NAV
        + (ODX_NAV if odx.has_homes else ())
        + (INSIGHTS_NAV if posts else ())
        + (RESOURCES_NAV if resources and resources.entries else ())
        + (LANDLORDS_NAV if any(p.slug == "for-landlords" for p in pages or []) else ())
        + SEARCH_NAV
    )
    image = _social_image(config)
    site = {
        "name": config.site_name,
        "url": config.site_url,
        "description": config.site_description,
        "copyright": config.copyright,
        "repo_url": config.repo_url,
        "stylesheet": urls.STYLESHEET,
        "script": urls.SCRIPT,
        "home": urls.HOME,
        "catalogue": urls.CATALOGUE,
        "areas": urls.AREAS if odx.has_homes else "",
        "insights": urls.insights() if posts else "",
        "pages": [
            {"title": p.title, "url": urls.page(p.slug)}
            for p in pages or []
            if p.slug != "for-landlords"
        ],
        "image": image,
        "image_alt": (config.odx.social_image_alt or config.site_name) if image else "",
    }
    model = SiteModel(site=site)
    if tenant_part is not None:
        model.parts.append(replace(tenant_part, facts=odx.facts()))
    if carried_tenant is not None:
        model.carried.append(carried_tenant)
        model.carried_urls.update(odx.facts()["urls"])
    published = {package.slug: _published_files(package, odx) for package in packages}
    datasets = [_dataset_view(package, published[package.slug]) for package in packages]
    facts = [
        _dataset_facts(package, dataset, published[package.slug], odx.datasets.get(package.slug))
        for package, dataset in zip(packages, datasets, strict=True)
    ]
    for dataset in datasets:
        dataset["odx"] = odx.datasets.get(dataset["slug"])
    totals = {
        "datasets": fmt.plural(len(packages), "dataset"),
        "resources": fmt.plural(sum(len(p.resources) for p in packages), "resource"),
        "rows": fmt.plural(sum(_rows(p) for p in packages), "row"),
    }
    latest = [post_card(post, authors) for post in posts[:LATEST_ON_HOME]]
    data_changed = newest(f.modified or f.created for f in facts)
    posts_changed = newest(post.updated or post.date for post in posts)
    model.pages.append(
        _page(
            urls.HOME,
            "home.html",
            config.site_name,
            nav,
            head=PageHead(describe(config.site_description), newest([data_changed, posts_changed])),
            datasets=datasets,
            totals=totals,
            latest=latest,
        )
    )
    for spec in [*insights_pages(posts, authors), *resources_pages(resources or ResourcesList())]:
        trail = crumbs(*spec.context.get("crumbs", []))
        model.pages.append(
            _spec_page(replace(spec, context={**spec.context, "crumbs": trail}), nav)
        )
    for author in authors.values():
        if author.avatar:
            model.files.append(
                CopiedFile(avatar_url(author), config.insights_dir / author.avatar, author.avatar)
            )
    documents: list[Post | CommunityPage] = [*posts, *(pages or [])]
    for document in documents:
        model.files.extend(
            CopiedFile(asset.url, asset.source, asset.url) for asset in document.assets
        )
    if posts:
        feed = atom_feed(posts, authors, site_name=config.site_name, site_url=config.site_url)
        model.files.append(CopiedFile(urls.FEED, Path(urls.FEED), urls.FEED, feed))
    model.pages.append(
        _page(
            urls.CATALOGUE,
            "catalogue.html",
            "Datasets",
            nav,
            head=PageHead(
                f"Every dataset of {config.site_name}: {totals['datasets']}, "
                f"{totals['resources']} and {totals['rows']}, each with its licence, fields "
                "and downloads.",
                data_changed,
            ),
            datasets=datasets,
            totals=totals,
        )
    )
    model.pages.append(
        _page(
            urls.SEARCH,
            "search.html",
            "Search",
            nav,
            head=PageHead(f"Search {config.site_name}: its datasets, posts, resources and pages."),
            search={
                "bundle": BUNDLE_SCRIPT,
                "script": urls.asset("search.js"),
                "browse": [
                    {"label": label, "url": url}
                    for label, url, shown in (
                        ("the datasets", urls.CATALOGUE, True),
                        ("the Insights", urls.insights(), bool(posts)),
                        ("the resources", urls.RESOURCES, bool(resources and resources.entries)),
                    )
                    if shown
                ],
            },
        )
    )
    community = community_settings(config.extra)
    for content in pages or []:
        model.pages.append(
            _page(
                urls.page(content.slug),
                "page.html",
                content.title,
                nav,
                head=PageHead(describe(content.description), content.updated),
                content={
                    "title": content.title,
                    "html": content.rendered.html,
                    "include": content.include,
                },
                community=community,
                crumbs=crumbs(),
            )
        )
    model.pages.extend(_spec_page(spec, nav) for spec in odx.pages)
    model.files.extend(
        CopiedFile(url, Path(url), url, content) for url, content in odx.generated.items()
    )
    for package, dataset, known in zip(packages, datasets, facts, strict=True):
        model.pages.append(
            _page(
                dataset["url"],
                "dataset.html",
                dataset["title"],
                nav,
                head=PageHead(
                    describe(known.description),
                    known.modified or known.created,
                    structured_data=schema_org_dataset(known, config.site_name, config.site_url),
                ),
                dataset=dataset,
                crumbs=crumbs(("Datasets", urls.CATALOGUE)),
            )
        )
        for resource in package.resources:
            view = _resource_view(package, resource, published[package.slug])
            model.pages.append(
                _page(
                    view["url"],
                    "resource.html",
                    f"{view['title']} — {dataset['title']}",
                    nav,
                    head=PageHead(
                        describe(
                            " ".join(view["description"])
                            or f"The fields, figures and first rows of {view['title']}, "
                            f"part of {dataset['title']}."
                        ),
                        known.modified or known.created,
                    ),
                    resource=view,
                    dataset=dataset,
                    crumbs=crumbs(("Datasets", urls.CATALOGUE), (dataset["title"], dataset["url"])),
                )
            )
        _add_downloads(model, package, published[package.slug], odx, privacy or {}, previous)
    not_found = _page(urls.NOT_FOUND, "404.html", "Page not found", nav, head=NOT_INDEXED)
    model.pages.append(replace(not_found, absolute_links=True))
    _add_machine_readable(model, config, facts)
    return model


def _add_machine_readable(model: SiteModel, config: SiteConfig, facts: list[DatasetFacts]) -> None:
    """The sitemap, robots.txt, the DCAT catalogue and the datasets index."""
    entries = [
        SitemapEntry(page.url, page.head.lastmod) for page in model.pages if page.head.indexable
    ]
    for part in model.carried:
        for url, lastmod in (part.facts or {}).get("sitemap", []):
            entries.append(SitemapEntry(url, dt.date.fromisoformat(lastmod) if lastmod else None))
    generated = sitemap_files(entries, config.site_url)
    generated[urls.ROBOTS] = robots_txt(config.site_url)
    generated[urls.DCAT_CATALOGUE] = dcat_catalogue(
        facts, config.site_name, config.site_description, config.site_url
    )
    generated[urls.DATASETS_INDEX] = datasets_index(facts, config.site_url)
    model.files.extend(
        CopiedFile(url, Path(url), url, content) for url, content in generated.items()
    )


def _social_image(config: SiteConfig) -> str:
    """The site URL of the picture shown when a page is shared, or ``""`` when there is none."""
    if not (config.templates_dir / "static" / config.odx.social_image).is_file():
        return ""
    return urls.asset(config.odx.social_image)


def _spec_page(spec: PageSpec, nav: tuple[tuple[str, str], ...]) -> Page:
    """The page a view asked for, with the site's navigation."""
    return _page(
        spec.url,
        spec.template,
        spec.title,
        nav,
        head=spec.head or PLAIN,
        lazy=spec.lazy,
        **spec.context,
    )


def _page(
    url: str,
    template: str,
    title: str,
    nav: tuple[tuple[str, str], ...],
    head: PageHead = PLAIN,
    lazy: Callable[[], dict[str, Any]] | None = None,
    **context: Any,
) -> Page:
    context.setdefault("crumbs", [])
    return Page(url, template, title, {**_nav_context(url, nav), **context}, head=head, lazy=lazy)


def _nav_context(url: str, nav: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The navigation as ``url`` shows it; pages that show it alike share one value
    (templates only read it), so 100,000 home pages hold one navigation, not 100,000."""
    section = url.split("/", 1)[0] + "/" if "/" in url else url
    current = url if any(target == url for _, target in nav) else None
    return {"nav": _nav_view(current, section, nav)}


@lru_cache(maxsize=1_024)
def _nav_view(
    current: str | None, section: str, nav: tuple[tuple[str, str], ...]
) -> list[dict[str, Any]]:
    return [
        {
            "label": label,
            "url": target,
            "current": target == current,
            "in_section": target != "" and target == section,
        }
        for label, target in nav
    ]


def _rows(package: PackageData) -> int:
    return sum(r.summary.row_count for r in package.resources if r.summary)


def _link_list(items: Any, default_title: str) -> list[dict[str, str]]:
    result = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        path = str(item.get("path") or "")
        title = str(item.get("title") or item.get("name") or path or default_title)
        url = path if path.startswith(("http://", "https://")) else ""
        result.append({"title": title, "url": url, "role": str(item.get("role") or "")})
    return result


def _date(value: Any) -> dict[str, str] | None:
    parsed = fmt.parse_date(value)
    if parsed is None:
        return None
    return {"text": fmt.long_date(parsed), "iso": parsed.isoformat()}


def _dataset_view(package: PackageData, published: list[CopiedFile]) -> dict[str, Any]:
    meta = package.meta
    title = str(meta.get("title") or package.name)
    description = str(meta.get("description") or "")
    keywords = [str(k) for k in meta.get("keywords", []) if isinstance(k, (str, int, float))]
    licences = _link_list(meta.get("licenses"), "Licence")
    updated = _date(
        meta.get("last_modified")
        or meta.get("lastModified")
        or meta.get("updated")
        or meta.get("created")
    )
    resources = [
        {
            "name": r.name,
            "title": r.title,
            "url": urls.resource(package.slug, r.slug),
            "format": r.format.upper(),
            "rows": fmt.plural(r.summary.row_count, "row") if r.summary else "not counted",
            "size": fmt.size(r.bytes) if r.files else "hosted elsewhere",
        }
        for r in package.resources
    ]
    rows = _rows(package)
    return {
        "slug": package.slug,
        "url": urls.dataset(package.slug),
        "title": title,
        "summary": fmt.paragraphs(description)[0] if description else "",
        "description": fmt.paragraphs(description),
        "licences": licences,
        "licence_names": ", ".join(licence["title"] for licence in licences) or "No licence stated",
        "sources": _link_list(meta.get("sources"), "Source"),
        "contributors": _link_list(meta.get("contributors"), "Contributor"),
        "version": str(meta.get("version") or ""),
        "created": _date(meta.get("created")),
        "updated": updated,
        "homepage": str(meta.get("homepage") or "")
        if str(meta.get("homepage") or "").startswith(("http://", "https://"))
        else "",
        "keywords": keywords,
        "resources": resources,
        "resource_count": fmt.plural(len(resources), "resource"),
        "rows": fmt.plural(rows, "row"),
        "notes": package.notes,
        "validation": (
            f"Valid: {fmt.plural(len(package.resources), 'resource')} and "
            f"{fmt.plural(rows, 'row')} checked with Frictionless {frictionless.__version__} "
            "when this site was built."
        ),
        "downloads": [file.view() for file in published],
        "zip": {"label": f"{package.slug}.zip", "url": urls.package_zip(package.slug)},
        "filter_text": " ".join([title, description, " ".join(keywords), package.slug]).lower(),
    }


def _dataset_facts(
    package: PackageData,
    dataset: dict[str, Any],
    published: list[CopiedFile],
    odx_extras: dict[str, Any] | None,
) -> DatasetFacts:
    """The dataset page's facts in the shape the metadata formats need."""
    meta = package.meta
    description = " ".join(dataset["description"]) or (
        f"{dataset['title']}: {dataset['resource_count']} and {dataset['rows']}, published "
        "as a Frictionless Data Package."
    )
    contributors = agents(meta.get("contributors"))
    publisher = next((agent for agent in contributors if "publisher" in agent.roles), None)
    if odx_extras:
        publisher = Agent(odx_extras["landlord"], organisation=True)
    creators = tuple(agent for agent in contributors if agent != publisher) or (
        (publisher,) if publisher else ()
    )
    places = tuple(odx_extras["places"]) if odx_extras else _places(meta)
    updated = dataset["updated"]
    modified = fmt.parse_date(updated["iso"]) if updated else None
    if modified is None and odx_extras:
        modified = fmt.parse_date(odx_extras["as_of_iso"])
    created = dataset["created"]
    distributions = [
        Distribution(file.label, file.url, media_type(file.label), file.size) for file in published
    ]
    distributions.append(
        Distribution(dataset["zip"]["label"], dataset["zip"]["url"], "application/zip", None)
    )
    return DatasetFacts(
        slug=package.slug,
        title=dataset["title"],
        description=description,
        page=dataset["url"],
        descriptor=published[0].url,
        licences=tuple((item["title"], item["url"]) for item in dataset["licences"]),
        creators=creators,
        publisher=publisher,
        created=fmt.parse_date(created["iso"]) if created else None,
        modified=modified,
        keywords=tuple(dataset["keywords"]),
        places=places,
        version=dataset["version"],
        distributions=tuple(distributions),
    )


def _places(meta: dict[str, Any]) -> tuple[str, ...]:
    """Where a generic package's data is about, when its descriptor says so."""
    for key in ("spatialCoverage", "spatial"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return (value.strip(),)
        if isinstance(value, list):
            return tuple(str(v).strip() for v in value if isinstance(v, str) and v.strip())
    return ()


def _resource_view(
    package: PackageData, resource: ResourceData, published: list[CopiedFile]
) -> dict[str, Any]:
    numeric = {f.name for f in resource.fields if f.type in NUMERIC_TYPES}
    fields = [
        {
            "name": f.name,
            "title": f.title,
            "type": f.type,
            "format": "" if f.format == "default" else f.format,
            "constraints": fmt.constraints(f.constraints),
            "description": f.description,
            "anchor": f"field-{index + 1}",
        }
        for index, f in enumerate(resource.fields)
    ]
    view: dict[str, Any] = {
        "name": resource.name,
        "title": resource.title,
        "url": urls.resource(package.slug, resource.slug),
        "description": fmt.paragraphs(resource.description),
        "format": resource.format.upper(),
        "mediatype": resource.mediatype,
        "encoding": resource.encoding,
        "fields": fields,
        "fields_caption": fmt.plural(len(fields), "field"),
        "primary_key": ", ".join(resource.primary_key),
        "foreign_keys": [_foreign_key_text(fk) for fk in resource.foreign_keys],
        "schema_inferred": resource.schema_inferred,
        "remote": [url for url in resource.remote if urls.web_address(url)],
        "downloads": [file.view() for file in published if file.source in resource.files],
        "stats": [],
        "preview": None,
        "rows": "",
    }
    summary = resource.summary
    if summary is None:
        return view
    view["rows"] = fmt.plural(summary.row_count, "row")
    view["stats"] = [
        {
            "name": s.name,
            "non_null": fmt.count(s.non_null),
            "minimum": display_value(s.minimum) if s.minimum is not None else "",
            "maximum": display_value(s.maximum) if s.maximum is not None else "",
            "distinct": (
                "more than " + fmt.count(len(s.distinct or ()))
                if s.distinct_overflow
                else fmt.count(s.distinct_count)
                if s.distinct_count is not None
                else ""
            ),
            "numeric": s.type in NUMERIC_TYPES,
        }
        for s in summary.fields
    ]
    columns = [{"name": s.name, "numeric": s.name in numeric} for s in summary.fields]
    shown = len(summary.preview)
    view["preview"] = {
        "caption": (
            f"First {fmt.plural(shown, 'row')} of {fmt.count(summary.row_count)}"
            if shown < summary.row_count
            else f"All {fmt.plural(shown, 'row')}"
        )
        + f" of {resource.title}",
        "columns": columns,
        "rows": [
            [
                {
                    "text": cell.text,
                    "empty": cell.empty,
                    "numeric": index < len(columns) and columns[index]["numeric"],
                }
                for index, cell in enumerate(row)
            ]
            for row in summary.preview
        ],
    }
    return view


def _foreign_key_text(foreign_key: dict[str, Any]) -> str:
    fields = foreign_key.get("fields", [])
    reference = foreign_key.get("reference", {})
    fields_text = ", ".join(fields) if isinstance(fields, list) else str(fields)
    target_fields = reference.get("fields", [])
    target_text = (
        ", ".join(target_fields) if isinstance(target_fields, list) else str(target_fields)
    )
    target = reference.get("resource") or "this resource"
    return f"{fields_text} → {target} ({target_text})"


def _tenant_view_part(
    config: SiteConfig,
    packages: list[PackageData],
    posts: list[Post],
    resources: ResourcesList | None,
    pages: list[CommunityPage] | None,
) -> Part | None:
    """The tenant view as a part of the output, fingerprinted by everything its pages show:
    the ODX packages' contents, the options, what the navigation holds and the templates.
    None when a package has no content key (the build runs without a cache)."""
    odx = [package for package in packages if package.profile is not None]
    if not odx or any(package.content_key is None for package in odx):
        return None
    key = fingerprint(
        "tenant-view",
        _config_inputs(config),
        [(package.slug, package.content_key) for package in odx],
        [bool(posts), bool(resources and resources.entries)],
        [(page.slug, page.title) for page in pages or []],
        _social_image(config),
        templates_fingerprint(config.templates_dir, TENANT_VIEW_TEMPLATES),
    )
    paths = (urls.HOMES, urls.AREAS, *(urls.overview(package.slug) for package in odx))
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


def _downloads_part(package: PackageData) -> Part | None:
    """A package's downloads folder and zip as a part of the output, fingerprinted by the
    package's content (which holds the options, so the privacy gate's decision too) and, for
    a package zipped whole, by the name, size and mtime of every file in its folder."""
    if package.content_key is None:
        return None
    folder = (
        []
        if package.profile is not None
        else [
            (relative.as_posix(), status.st_size, status.st_mtime_ns)
            for relative, path in _folder_members(package)
            for status in [path.stat()]
        ]
    )
    key = fingerprint("downloads", package.slug, package.content_key, folder)
    paths = (urls.download(package.slug, ""), urls.package_zip(package.slug))
    return Part(f"downloads/{package.slug}", key, paths)


def _add_downloads(
    model: SiteModel,
    package: PackageData,
    published: list[CopiedFile],
    odx: OdxSite,
    privacy: dict[str, PackagePrivacy],
    previous: OutputManifest | None,
) -> None:
    """The package's downloads and zip: carried from the previous output when unchanged."""
    part = _downloads_part(package)
    if part is not None:
        model.parts.append(part)
    carried = previous.carried(part) if previous and part else None
    if carried is not None:
        model.carried.append(carried)
        model.carried_urls.update(file.url for file in published)
        model.carried_urls.add(urls.package_zip(package.slug))
        return
    if odx.carried is not None and package.profile is not None:  # the gate's bytes are needed
        decided = privacy.get(package.slug)
        replaced = replaced_files(package, decided) if decided else {}
        published = [
            replace(file, content=replaced[file.source]) if file.source in replaced else file
            for file in published
        ]
    model.files.extend(published)
    model.archives.append(_archive(package, published))


def _published_files(package: PackageData, odx: OdxSite) -> list[CopiedFile]:
    """The descriptor, every local data file and every local schema or dialect it refers to:
    unchanged unless the privacy gate changed what may be published."""
    sources = [package.descriptor.path] + [
        p for r in package.resources for p in [*r.files, *r.referenced]
    ]
    files = []
    for source in dict.fromkeys(sources):
        label = source.relative_to(package.folder).as_posix()
        files.append(
            CopiedFile(
                urls.download(package.slug, label),
                source,
                label,
                odx.replaced.get(source),
                odx.published_size(source),
            )
        )
    return files


def _archive(package: PackageData, published: list[CopiedFile]) -> ZipArchive:
    """A zip of the package folder; of an ODX package, exactly the files it publishes.

    An ODX package passed the privacy gate file by file, so nothing the gate has not
    checked (a stray export in the folder) may reach the zip.
    """
    if package.profile is not None:
        members = tuple(
            (
                f"{package.slug}/{file.label}",
                file.content if file.content is not None else file.source,
            )
            for file in sorted(published, key=lambda f: f.label)
        )
        return ZipArchive(urls.package_zip(package.slug), members)
    members = tuple(
        (f"{package.slug}/{relative.as_posix()}", path)
        for relative, path in _folder_members(package)
    )
    return ZipArchive(urls.package_zip(package.slug), members)


def _folder_members(package: PackageData) -> list[tuple[Path, Path]]:
    """Every file of a package's folder but hidden ones, as (relative path, path)."""
    members = []
    for path in sorted(package.folder.rglob("*")):
        relative = path.relative_to(package.folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            members.append((relative, path))
    return members
