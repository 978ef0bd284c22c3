"""Finding your home: area pages by local authority and postcode sector, and the ref index.

No page lists every home of a large landlord: an area page lists at most
:data:`HOMES_PER_PAGE` homes of one sector and links to the next page. The "go to my home"
box reads one small shard of the home-ref index (refs sharing their first
:data:`SHARD_LENGTH` characters), so it costs the same for 100 homes or 100,000.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from generator.core import formatting as fmt
from generator.core import urls
from generator.structure.page import Page, crumbs
from generator.tenant.contexts import AreaContext, AreasContext, AuthorityContext
from generator.tenant.data import authority_name

HOMES_PER_PAGE = 200
SHARD_LENGTH = 2

Summaries = Callable[[str, str], "dict[str, Any] | None"]
"""An area's summary (``tenant/area_summary.py``) by local authority code and sector."""


@dataclass(frozen=True)
class AreaHome:
    """One home as an area page lists it."""

    authority: str
    area: str
    ref: str
    summary: str
    epc: str
    landlord: str


def area_pages(homes: Iterable[AreaHome], summaries: Summaries | None = None) -> list[Page]:
    """The areas index, one page per local authority, and paginated sector pages; the first
    page of a sector opens with its summary from ``summaries``."""
    tree: dict[str, dict[str, list[AreaHome]]] = defaultdict(lambda: defaultdict(list))
    landlords = set()
    for home in homes:
        tree[home.authority][home.area].append(home)
        landlords.add(home.landlord)
    several_landlords = len(landlords) > 1
    specs: list[Page] = []
    authorities = []
    for code in sorted(tree, key=lambda c: (authority_name(c), c)):
        name = authority_name(code)
        sectors = tree[code]
        total = sum(len(h) for h in sectors.values())
        authorities.append(
            {
                "name": name,
                "code": code,
                "url": urls.authority(code),
                "homes": fmt.plural(total, "home"),
            }
        )
        listed = []
        for sector in sorted(sectors):
            members = sorted(sectors[sector], key=lambda h: h.ref)
            listed.append(
                {
                    "name": sector,
                    "url": urls.area(code, sector),
                    "homes": fmt.plural(len(members), "home"),
                }
            )
            summary = summaries(code, sector) if summaries else None
            specs.extend(_sector_pages(code, name, sector, members, several_landlords, summary))
        specs.append(
            Page(
                urls.authority(code),
                "odx_authority.html",
                f"Homes in {name}",
                AuthorityContext(
                    {
                        "authority": {"name": name, "code": code, "areas": listed},
                        "crumbs": crumbs(("Find your home", urls.AREAS)),
                    }
                ),
            )
        )
    specs.insert(
        0,
        Page(
            urls.AREAS,
            "odx_areas.html",
            "Find your home",
            AreasContext({"authorities": authorities, "crumbs": crumbs()}),
        ),
    )
    return specs


def _sector_pages(
    code: str,
    name: str,
    sector: str,
    members: list[AreaHome],
    several_landlords: bool,
    summary: dict[str, Any] | None = None,
) -> list[Page]:
    pages = max(1, -(-len(members) // HOMES_PER_PAGE))
    specs = []
    for number in range(1, pages + 1):
        chunk = members[(number - 1) * HOMES_PER_PAGE : number * HOMES_PER_PAGE]
        first = (number - 1) * HOMES_PER_PAGE + 1
        pager = {
            "text": f"Homes {first} to {first + len(chunk) - 1} of {fmt.count(len(members))}",
            "previous": urls.area(code, sector, number - 1) if number > 1 else "",
            "next": urls.area(code, sector, number + 1) if number < pages else "",
            "pages": [
                {"number": n, "url": urls.area(code, sector, n), "current": n == number}
                for n in range(1, pages + 1)
            ]
            if pages > 1
            else [],
        }
        title = f"Homes in {sector}, {name}" + (f" (page {number} of {pages})" if pages > 1 else "")
        trail = crumbs(("Find your home", urls.AREAS), (name, urls.authority(code)))
        specs.append(
            Page(
                urls.area(code, sector, number),
                "odx_area.html",
                title,
                AreaContext(
                    {
                        "crumbs": trail,
                        "area": {
                            "heading": title,
                            "sector": sector,
                            "authority": name,
                            "authority_url": urls.authority(code),
                            "several_landlords": several_landlords,
                            "summary": summary if number == 1 else None,
                            "first_page": urls.area(code, sector),
                            "homes": [
                                {
                                    "ref": h.ref,
                                    "url": urls.home(h.ref),
                                    "summary": h.summary,
                                    "epc": h.epc,
                                    "landlord": h.landlord,
                                }
                                for h in chunk
                            ],
                        },
                        "pager": pager,
                    }
                ),
            )
        )
    return specs


def lookup_shards(refs: Iterable[str]) -> dict[str, bytes]:
    """The home-ref index: URL of each shard → its JSON (ref → home page URL from the root)."""
    shards: dict[str, dict[str, str]] = defaultdict(dict)
    for ref in refs:
        shards[ref[:SHARD_LENGTH]][ref] = urls.home(ref)
    return {
        urls.lookup_shard(key): json.dumps(
            dict(sorted(found.items())), separators=(",", ":")
        ).encode()
        for key, found in sorted(shards.items())
    }
