"""Machine-readable descriptions of the datasets, for search engines and data portals.

One :class:`DatasetFacts` per package, decided in the model from what its dataset page
shows, gives three views of the same facts:

* :func:`schema_org_dataset`: schema.org ``Dataset`` JSON-LD for the dataset page;
* :func:`dcat_catalogue`: a DCAT catalogue of every dataset (``/catalog.jsonld``);
* :func:`datasets_index`: a plain JSON list of the packages with their descriptor URLs
  (``/datasets/index.json``).

Links are absolute when ``site_url`` is set; otherwise they are relative to the file (or
page) that holds them, which is how JSON-LD resolves them.
"""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.core import urls

PERSON_ROLES = frozenset({"author", "maintainer", "contributor", "wrangler"})
MEDIA_TYPES = {
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".json": "application/json",
    ".jsonl": "application/x-ndjson",
    ".ndjson": "application/x-ndjson",
    ".geojson": "application/geo+json",
    ".yaml": "application/yaml",
    ".yml": "application/yaml",
    ".md": "text/markdown",
    ".txt": "text/plain",
    ".zip": "application/zip",
    ".xml": "application/xml",
    ".pdf": "application/pdf",
}
DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True, slots=True)
class Agent:
    """Who made or published a dataset: a person or an organisation."""

    name: str
    url: str = ""
    organisation: bool = False
    roles: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Distribution:
    """One published file of a dataset: its site URL, size and media type."""

    title: str
    url: str
    media_type: str
    size: int | None  # unknown for files written after the model (the zip)


@dataclass(frozen=True, slots=True)
class DatasetFacts:
    """What a dataset page shows, as the metadata formats need it."""

    slug: str
    title: str
    description: str
    page: str  # site URL of the dataset page
    descriptor: str  # site URL of the published descriptor
    licences: tuple[tuple[str, str], ...]  # (title, URL or "")
    creators: tuple[Agent, ...]
    publisher: Agent | None
    created: dt.date | None
    modified: dt.date | None
    keywords: tuple[str, ...]
    places: tuple[str, ...]
    version: str
    distributions: tuple[Distribution, ...]


def media_type(name: str) -> str:
    """The media type of a published file, from its extension."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return MEDIA_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def agents(contributors: Any) -> tuple[Agent, ...]:
    """Data Package ``contributors`` as agents: people for personal roles (author,
    maintainer…), organisations otherwise (publisher)."""
    found = []
    for item in contributors if isinstance(contributors, list) else []:
        if not isinstance(item, dict):
            continue
        name = str(item.get("title") or item.get("name") or "").strip()
        if not name:
            continue
        roles = item.get("roles") or [item.get("role") or "contributor"]
        roles = {str(role).lower() for role in (roles if isinstance(roles, list) else [roles])}
        path = str(item.get("path") or "")
        url = path if path.startswith(("http://", "https://")) else ""
        found.append(Agent(name, url, not roles & PERSON_ROLES, frozenset(roles)))
    return tuple(found)


class _Links:
    """Absolute URLs when the site URL is known, else links relative to ``from_url``."""

    def __init__(self, site_url: str, from_url: str) -> None:
        self.site_url = site_url
        self.from_url = from_url

    def __call__(self, url: str) -> str:
        if self.site_url:
            return urls.full(self.site_url, url)
        return urls.relative(self.from_url, url)


def schema_org_dataset(facts: DatasetFacts, site_name: str, site_url: str) -> dict[str, Any]:
    """schema.org ``Dataset`` JSON-LD for the dataset page of ``facts``."""
    link = _Links(site_url, facts.page)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": facts.title,
        "description": facts.description,
        "url": link(facts.page),
        "identifier": facts.slug,
        "isAccessibleForFree": True,
        "includedInDataCatalog": {
            "@type": "DataCatalog",
            "name": site_name,
            "url": link(urls.CATALOGUE),
        },
        "distribution": [
            {
                "@type": "DataDownload",
                "name": file.title,
                "contentUrl": link(file.url),
                "encodingFormat": file.media_type,
                **({"contentSize": f"{file.size} B"} if file.size is not None else {}),
            }
            for file in facts.distributions
        ],
    }
    if facts.licences:
        data["license"] = [url or title for title, url in facts.licences]
        if len(facts.licences) == 1:
            data["license"] = data["license"][0]
    if facts.creators:
        data["creator"] = [_schema_agent(agent) for agent in facts.creators]
    if facts.publisher:
        data["publisher"] = _schema_agent(facts.publisher)
    if facts.created:
        data["dateCreated"] = facts.created.isoformat()
    if facts.modified:
        data["dateModified"] = facts.modified.isoformat()
    if facts.keywords:
        data["keywords"] = list(facts.keywords)
    if facts.places:
        data["spatialCoverage"] = [{"@type": "Place", "name": name} for name in facts.places]
    if facts.version:
        data["version"] = facts.version
    return data


def _schema_agent(agent: Agent) -> dict[str, str]:
    found = {"@type": "Organization" if agent.organisation else "Person", "name": agent.name}
    if agent.url:
        found["url"] = agent.url
    return found


def dcat_catalogue(
    datasets: Sequence[DatasetFacts], site_name: str, site_description: str, site_url: str
) -> bytes:
    """A DCAT catalogue of every dataset, as JSON-LD (published at ``/catalog.jsonld``)."""
    link = _Links(site_url, urls.DCAT_CATALOGUE)
    catalogue: dict[str, Any] = {
        "@context": DCAT_CONTEXT,
        "@id": link(urls.DCAT_CATALOGUE),
        "@type": "dcat:Catalog",
        "dct:title": site_name,
        "foaf:homepage": {"@id": link(urls.HOME)},
        "dcat:dataset": [_dcat_dataset(facts, link) for facts in datasets],
    }
    if site_description:
        catalogue["dct:description"] = site_description
    return _json(catalogue)


def _dcat_dataset(facts: DatasetFacts, link: _Links) -> dict[str, Any]:
    dataset: dict[str, Any] = {
        "@id": link(facts.page),
        "@type": "dcat:Dataset",
        "dct:identifier": facts.slug,
        "dct:title": facts.title,
        "dct:description": facts.description,
        "dcat:landingPage": {"@id": link(facts.page)},
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": file.title,
                "dcat:downloadURL": {"@id": link(file.url)},
                "dcat:mediaType": {
                    "@id": f"https://www.iana.org/assignments/media-types/{file.media_type}"
                },
                **(
                    {"dcat:byteSize": {"@value": str(file.size), "@type": "xsd:nonNegativeInteger"}}
                    if file.size is not None
                    else {}
                ),
            }
            for file in facts.distributions
        ],
    }
    if facts.licences:
        dataset["dct:license"] = [
            {"@id": url} if url else {"dct:title": title} for title, url in facts.licences
        ]
    if facts.creators:
        dataset["dct:creator"] = [_dcat_agent(agent) for agent in facts.creators]
    if facts.publisher:
        dataset["dct:publisher"] = _dcat_agent(facts.publisher)
    if facts.created:
        dataset["dct:issued"] = {"@value": facts.created.isoformat(), "@type": "xsd:date"}
    if facts.modified:
        dataset["dct:modified"] = {"@value": facts.modified.isoformat(), "@type": "xsd:date"}
    if facts.keywords:
        dataset["dcat:keyword"] = list(facts.keywords)
    if facts.places:
        dataset["dct:spatial"] = [
            {"@type": "dct:Location", "dct:title": name} for name in facts.places
        ]
    if facts.version:
        dataset["dcat:version"] = facts.version
    return dataset


def _dcat_agent(agent: Agent) -> dict[str, Any]:
    found: dict[str, Any] = {
        "@type": "foaf:Organization" if agent.organisation else "foaf:Person",
        "foaf:name": agent.name,
    }
    if agent.url:
        found["foaf:homepage"] = {"@id": agent.url}
    return found


def datasets_index(datasets: Sequence[DatasetFacts], site_url: str) -> bytes:
    """Every package with its page, descriptor and files (published at
    ``/datasets/index.json``)."""
    link = _Links(site_url, urls.DATASETS_INDEX)
    return _json(
        {
            "catalogue": link(urls.DCAT_CATALOGUE),
            "datasets": [
                {
                    "name": facts.slug,
                    "title": facts.title,
                    "page": link(facts.page),
                    "descriptor": link(facts.descriptor),
                    "licences": [
                        {"title": title, **({"path": url} if url else {})}
                        for title, url in facts.licences
                    ],
                    "modified": facts.modified.isoformat() if facts.modified else None,
                    "files": [
                        {
                            "path": link(file.url),
                            "mediatype": file.media_type,
                            **({"bytes": file.size} if file.size is not None else {}),
                        }
                        for file in facts.distributions
                    ],
                }
                for facts in datasets
            ],
        }
    )


def _json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
