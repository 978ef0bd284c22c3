"""What the catalogue's pages show: a dataset (its metadata, resources and downloads), the
facts about it that search engines and data portals read, and each resource's fields,
figures and first rows."""

from __future__ import annotations

from typing import Any

import frictionless

from generator.catalogue.explore import explore_view
from generator.catalogue.metadata import Agent, DatasetFacts, Distribution, agents, media_type
from generator.catalogue.rows import has_rows
from generator.config import OdxOptions
from generator.core import formatting as fmt
from generator.core import urls
from generator.load.package_data import PackageData, ResourceData
from generator.load.summary import display_value
from generator.structure.page import CopiedFile

NUMERIC_TYPES = frozenset({"integer", "number"})


def total_rows(package: PackageData) -> int:
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


def dataset_view(package: PackageData, published: list[CopiedFile]) -> dict[str, Any]:
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
    rows = total_rows(package)
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


def dataset_facts(
    package: PackageData,
    dataset: dict[str, Any],
    published: list[CopiedFile],
    odx_extras: dict[str, Any] | None,
    max_rows: int,
) -> DatasetFacts:
    """The dataset page's facts in the shape the metadata formats need; a table's rows as
    JSON are a distribution when it has them (at most ``max_rows`` rows)."""
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
    distributions.extend(
        Distribution(
            f"{resource.title}: rows as JSON",
            urls.rows(package.slug, resource.slug),
            "application/json",
            None,
        )
        for resource in package.resources
        if has_rows(package, resource, max_rows)
    )
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


def resource_view(
    package: PackageData, resource: ResourceData, published: list[CopiedFile], options: OdxOptions
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
        "rows_json": (
            urls.rows(package.slug, resource.slug)
            if has_rows(package, resource, options.rows_json_max_rows)
            else ""
        ),
        "explore": explore_view(package, resource, published, options),
        "api_url": urls.API,
        "explore_script": urls.asset("explore.js"),
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
