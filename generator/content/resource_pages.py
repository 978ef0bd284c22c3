"""The resources page, grouped by category, and one page per tag (the filter without
JavaScript; with it, the main page filters in place)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from generator.content.contexts import ResourcesContext
from generator.content.resources import ResourceEntry, ResourcesList
from generator.core import formatting as fmt
from generator.core import urls
from generator.structure.discovery import PageHead, describe
from generator.structure.page import Page, crumbs

TYPE_LABELS = {
    "dataset": "Dataset",
    "tool": "Tool",
    "guide": "Guide",
    "standard": "Standard",
    "community": "Community",
    "course": "Course",
}


def _entry(entry: ResourceEntry, edit: Callable[[int], str]) -> dict[str, Any]:
    return {
        "edit": edit(entry.line),
        "title": entry.title,
        "url": entry.url,
        "description": entry.description,
        "type": TYPE_LABELS[entry.type],
        "cost": entry.cost.capitalize(),
        "added": {"text": fmt.long_date(entry.added), "iso": entry.added.isoformat()},
        "tags": [{"name": tag, "url": urls.resource_tag(tag)} for tag in entry.tags],
        "tag_names": " ".join(entry.tags),
    }


def _groups(
    resources: ResourcesList, entries: list[ResourceEntry], edit: Callable[[int], str]
) -> list[dict[str, Any]]:
    by_category: dict[str, list[ResourceEntry]] = defaultdict(list)
    for entry in entries:
        by_category[entry.category].append(entry)
    return [
        {
            "id": category.id,
            "title": category.title,
            "description": category.description,
            "entries": [
                _entry(e, edit)
                for e in sorted(by_category[category.id], key=lambda e: e.title.lower())
            ],
        }
        for category in resources.categories
        if by_category.get(category.id)
    ]


def resources_pages(resources: ResourcesList, edit: Callable[[int], str]) -> list[Page]:
    """The resources page and its tag pages (none without resources); ``edit`` gives the
    "Suggest an edit" link of the entry at a line of the resources file (or ``""``)."""
    if not resources.entries:
        return []
    tags: dict[str, list[ResourceEntry]] = defaultdict(list)
    for entry in resources.entries:
        for tag in entry.tags:
            tags[tag].append(entry)
    tag_list = [
        {"name": tag, "url": urls.resource_tag(tag), "count": len(tagged)}
        for tag, tagged in sorted(tags.items())
    ]
    specs = [
        Page(
            urls.RESOURCES,
            "resources.html",
            "Resources",
            ResourcesContext(
                {
                    "heading": "Resources for housing data",
                    "groups": _groups(resources, resources.entries, edit),
                    "all_tags": tag_list,
                    "everything": urls.RESOURCES,
                    "count": fmt.plural(len(resources.entries), "resource"),
                    "tag": "",
                    "crumbs": crumbs(),
                }
            ),
            head=PageHead(
                describe(
                    "Datasets, tools, guides, standards, communities and courses for people "
                    "who work with housing data, chosen by the community."
                ),
                max(entry.added for entry in resources.entries),
            ),
        )
    ]
    for tag, tagged in sorted(tags.items()):
        specs.append(
            Page(
                urls.resource_tag(tag),
                "resources.html",
                f"Resources tagged {tag}",
                ResourcesContext(
                    {
                        "heading": f"Resources tagged “{tag}”",
                        "groups": _groups(resources, tagged, edit),
                        "all_tags": tag_list,
                        "everything": urls.RESOURCES,
                        "count": fmt.plural(len(tagged), "resource"),
                        "tag": tag,
                        "crumbs": crumbs(("Resources", urls.RESOURCES)),
                    }
                ),
                head=PageHead(
                    describe(
                        f"Resources for housing data tagged “{tag}”: "
                        + ", ".join(sorted(entry.title for entry in tagged))
                    ),
                    max(entry.added for entry in tagged),
                ),
            )
        )
    return specs
