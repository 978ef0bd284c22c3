"""Finding your home: area pages by local authority and postcode sector, and the ref index.

No page lists every home of a large landlord: an area page lists at most
:data:`HOMES_PER_PAGE` homes of one sector and links to the next page. The "go to my home"
box reads one small shard of the home-ref index (refs sharing their first
:data:`SHARD_LENGTH` characters), so it costs the same for 100 homes or 100,000.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
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


def area_pages(
    homes: Iterable[AreaHome],
    summaries: Summaries | None = None,
    others: Counter[tuple[str, str]] | None = None,
) -> list[Page]:
    """The areas index, one page per local authority, and paginated sector pages; the first
    page of a sector opens with its summary from ``summaries``.

    ``others`` counts the homes not in the pilot yet by (local authority, sector): an area
    page lists only the homes with pages and says how many others the area has."""
    tree: dict[str, dict[str, list[AreaHome]]] = defaultdict(lambda: defaultdict(list))
    landlords = set()
    for home in homes:
        tree[home.authority][home.area].append(home)
        landlords.add(home.landlord)
    others = others or Counter()
    for code, sector in others:
        tree[code].setdefault(sector, [])  # an area whose homes all wait for the pilot
    several_landlords = len(landlords) > 1
    specs: list[Page] = []
    authorities = []
    for code in sorted(tree, key=lambda c: (authority_name(c), c)):
        name = authority_name(code)
        sectors = tree[code]
        total = sum(len(h) for h in sectors.values())
        waiting = sum(count for (where, _), count in others.items() if where == code)
        authorities.append(
            {
                "name": name,
                "code": code,
                "url": urls.authority(code),
                "homes": _homes_text(total, waiting),
            }
        )
        listed = []
        for sector in sorted(sectors):
            members = sorted(sectors[sector], key=lambda h: h.ref)
            waiting = others.get((code, sector), 0)
            listed.append(
                {
                    "name": sector,
                    "url": urls.area(code, sector),
                    "homes": _homes_text(len(members), waiting),
                }
            )
            summary = summaries(code, sector) if summaries else None
            specs.extend(
                _sector_pages(code, name, sector, members, several_landlords, summary, waiting)
            )
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


def _homes_text(homes: int, waiting: int) -> str:
    """How many homes an area lists, and how many are not in the pilot yet."""
    if not waiting:
        return fmt.plural(homes, "home")
    return f"{fmt.plural(homes, 'home')} in the pilot, {fmt.count(waiting)} not yet"


def _sector_pages(
    code: str,
    name: str,
    sector: str,
    members: list[AreaHome],
    several_landlords: bool,
    summary: dict[str, Any] | None = None,
    waiting: int = 0,
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
                            "not_in_pilot": _waiting_text(waiting, bool(members)),
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


def _waiting_text(waiting: int, listed: bool) -> str:
    """What an area page says of its homes not in the pilot yet ("" when none)."""
    if not waiting:
        return ""
    if not listed:
        return (
            f"None of the {fmt.plural(waiting, 'home')} in this area is in the pilot yet: "
            "their pages come later."
        )
    return (
        f"{fmt.plural(waiting, 'other home')} in this area {'are' if waiting != 1 else 'is'} "
        "not in the pilot yet: their pages come later."
    )


def lookup_shards(refs: Iterable[str], others: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """The home-ref index: URL of each shard → its JSON (ref → home page URL from the root).

    A home not in the pilot yet (``others``: ref → its area page's URL) is written as
    ``{"area": URL}``: the ref and its area, nothing about the home."""
    shards: dict[str, dict[str, str | dict[str, str]]] = defaultdict(dict)
    for ref in refs:
        shards[ref[:SHARD_LENGTH]][ref] = urls.home(ref)
    for ref, area in (others or {}).items():
        shards[ref[:SHARD_LENGTH]][ref] = {"area": area}
    return {
        urls.lookup_shard(key): json.dumps(
            dict(sorted(found.items())), separators=(",", ":")
        ).encode()
        for key, found in sorted(shards.items())
    }
