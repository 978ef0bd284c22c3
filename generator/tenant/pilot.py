"""The tenant view of a pilot cohort (``odx.pilot``): what a home not in the pilot yet gets.

Such a home has no page and no row in the downloads. Its reference still leads somewhere:
"go to my home" and the home's own address both say that it is not in the pilot yet and link
to its area, whose page counts the homes still waiting. That publishes the ref and its area,
nothing else about the home (refs are random; the area is the postcode sector the area pages
already name). The overview keeps counting every home of the portfolio.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from generator.core import urls
from generator.privacy.kanonymity import PackagePrivacy
from generator.structure.discovery import PageHead
from generator.structure.page import Page, crumbs
from generator.tenant.contexts import WaitingContext
from generator.tenant.data import OdxData, authority_name, index_package


@dataclass
class Waiting:
    """The homes not in the pilot yet, across the packages: how many each area has, and
    the area page of each ref."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    areas: dict[str, str] = field(default_factory=dict)  # ref → area page URL

    def add(self, decided: PackagePrivacy, landlord: str, as_of: Any) -> list[Page]:
        """Count the package's homes not in the pilot; their notices at their addresses."""
        if decided.pilot is None:
            return []
        head = PageHead(
            f"This home of {landlord}'s is not in the pilot yet.", as_of, indexable=False
        )
        pages = []
        for ref, (code, sector) in sorted(decided.pilot.others.items()):
            self.counts[(code, sector)] += 1
            area_url = self.areas[ref] = urls.area(code, sector)
            authority = authority_name(code)
            pages.append(
                Page(
                    urls.home(ref),
                    "odx_waiting.html",
                    f"Home {ref} is not in the pilot yet",
                    WaitingContext(
                        {
                            "waiting": {
                                "ref": ref,
                                "landlord": landlord,
                                "area": f"{sector}, {authority}",
                                "area_url": area_url,
                            },
                            "crumbs": crumbs(
                                ("Find your home", urls.AREAS),
                                (authority, urls.authority(code)),
                                (sector, area_url),
                            ),
                        }
                    ),
                    head=head,
                )
            )
        return pages


def overview_data(decided: PackagePrivacy, published: OdxData) -> OdxData:
    """What the overview counts: every home of the portfolio when a pilot publishes only
    some home by home (with the values as coarsening publishes them), else ``published``.

    When fewer than k homes wait outside the pilot, only ``published``: the pilot's rows are
    published, so the portfolio's counts less theirs would describe those few homes."""
    pilot = decided.pilot
    if pilot is None or pilot.portfolio is None or len(pilot.others) < decided.k:
        return published
    whole = index_package(pilot.portfolio, decided.withheld)
    coarsening = decided.coarsening
    changed = coarsening.changed_columns if coarsening else {}
    if changed:
        whole.homes = [
            {
                name: changed[name](value) if name in changed and value is not None else value
                for name, value in home.items()
            }
            for home in whole.homes
        ]
    return whole
