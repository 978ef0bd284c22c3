"""The tenant view of every ODX package: home pages, areas, overview, satisfaction, index.

:func:`odx_site` decides these pages (as :class:`~generator.tenant.areas.Page` values) and
the files that differ from the package's originals after the privacy gate; the site model
adds them to the generic catalogue pages.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from generator.config import SiteConfig
from generator.core import formatting as fmt
from generator.core import urls
from generator.core.workers import aside
from generator.load.package_data import PackageData
from generator.privacy.kanonymity import PackagePrivacy
from generator.privacy.published_files import replaced_files
from generator.structure.discovery import NOT_INDEXED, PageHead
from generator.structure.page import JSON_TEMPLATE, Page, crumbs
from generator.tenant.area_summary import AreaFigures
from generator.tenant.areas import AreaHome, area_pages, lookup_shards
from generator.tenant.contexts import (
    HomePageContext,
    OverviewContext,
    PilotContext,
    SatisfactionContext,
)
from generator.tenant.correction_links import Helpers
from generator.tenant.data import OdxData, authority_name, index_package
from generator.tenant.homes import home_view, privacy_note
from generator.tenant.labels import label, period
from generator.tenant.overview import overview_view, satisfaction_view
from generator.tenant.pilot import Waiting, overview_data
from generator.tenant.pilot_page import pilot_view
from generator.tenant.say import SayChannels
from generator.tenant.say_pages import say_pages

# Every template the tenant view's pages use: a change to one of them (or to a template they
# extend or import) makes the whole tenant view again.
TEMPLATES = (
    "odx_home.html",
    "odx_areas.html",
    "odx_authority.html",
    "odx_area.html",
    "odx_overview.html",
    "odx_satisfaction.html",
    "odx_say.html",
    "odx_correct.html",
    "odx_thanks.html",
    "odx_waiting.html",
    "odx_pilot.html",
)


@dataclass
class OdxSite:
    """Pages and files of the tenant view, and what each dataset page adds.

    A tenant view carried over from the previous output (see :mod:`generator.structure.incremental`)
    has no pages or files: ``carried`` holds what the rest of the site needs to know of it
    (see :meth:`facts`).
    """

    pages: list[Page] = field(default_factory=list)
    generated: dict[str, bytes] = field(default_factory=dict)  # URL → content
    replaced: dict[Path, bytes] = field(default_factory=dict)  # source file → published bytes
    datasets: dict[str, dict[str, Any]] = field(default_factory=dict)  # slug → extras
    carried: dict[str, Any] | None = None

    @property
    def has_homes(self) -> bool:
        if self.carried is not None:
            return bool(self.carried["has_homes"])
        return any(spec.template == "odx_home.html" for spec in self.pages)

    def facts(self) -> dict[str, Any]:
        """What the rest of the site needs when the tenant view is carried (JSON-able):
        whether there are homes, the dataset extras, the size of each changed file, every URL
        and the pages listed in the sitemap (URL, lastmod)."""
        if self.carried is not None:
            return self.carried
        return {
            "has_homes": self.has_homes,
            "datasets": self.datasets,
            "replaced_sizes": {str(path): len(data) for path, data in self.replaced.items()},
            "urls": [spec.url for spec in self.pages] + list(self.generated),
            "sitemap": [
                [
                    spec.url,
                    spec.head.lastmod.isoformat() if spec.head.lastmod else None,
                ]
                for spec in self.pages
                if spec.head.indexable
            ],
        }

    def published_size(self, source: Path) -> int | None:
        """Bytes published of ``source`` when the privacy gate changed it, else None."""
        if source in self.replaced:
            return len(self.replaced[source])
        if self.carried is not None:
            return self.carried["replaced_sizes"].get(str(source))
        return None


def _summary(home: dict[str, Any]) -> str:
    """A home in a few words for its area's list: type, bedrooms, when it was built."""
    bedrooms = home.get("bedrooms")
    built = home.get("build_period")
    words = (
        label(home.get("property_type")),
        f"{bedrooms} bedroom{'s' if str(bedrooms) != '1' else ''}" if bedrooms is not None else "",
        period(built) if built else "",
    )
    return ", ".join(word for word in words if word)


FORK_FROM_HOMES = 20_000  # homes from which a package's aggregates are made aside


def _worth_forking(data: OdxData) -> bool:
    """Whether the package's aggregates are worth a process of their own: there are
    several cores and homes enough to pay for it."""
    return (os.cpu_count() or 1) > 1 and len(data.homes) >= FORK_FROM_HOMES


def _aggregates(
    package: PackageData, decided: PackagePrivacy, data: OdxData, *, title: str, threshold: int
) -> tuple[dict[str, Any], dict[Path, bytes]]:
    """The overview of ``package`` and the bytes of each file the gate changed."""
    profile = package.profile
    assert profile is not None
    overview = overview_view(
        overview_data(decided, data),
        slug=package.slug,
        title=title,
        as_of_year=profile.as_of_year,
        k=decided.k,
        threshold=threshold,
    )
    return overview, replaced_files(package, decided)


def carried_odx_site(facts: dict[str, Any]) -> OdxSite:
    """The tenant view of the previous output, known by its ``facts`` only."""
    return OdxSite(datasets=facts["datasets"], carried=facts)


def odx_site(
    config: SiteConfig, packages: Iterable[PackageData], privacy: dict[str, PackagePrivacy]
) -> OdxSite:
    """Every page and file of the tenant view."""
    site = OdxSite()
    helpers = Helpers(
        config.repo_url, config.odx.corrections_email, form=bool(config.odx.say_form_action)
    )
    say = SayChannels(
        config.odx.say_form_action,
        config.odx.say_form_url,
        config.odx.corrections_email,
        config.odx.landlord_phone,
    )
    landlords: list[str] = []
    area_homes: list[AreaHome] = []
    figures = AreaFigures()
    refs: list[str] = []
    waiting = Waiting()
    as_of_dates = []
    for package in packages:
        profile = package.profile
        if profile is None:
            continue
        decided = privacy.get(package.slug) or PackagePrivacy(k=config.odx.k_anonymity)
        data = index_package(package, decided.withheld)
        coarsened = (
            {c: rung.withholds for c, rung in decided.coarsening.published_rungs.items()}
            if decided.coarsening
            else {}
        )
        note = privacy_note(coarsened, urls.dataset(package.slug), decided.k)
        title = str(package.meta.get("title") or package.name)
        landlord = profile.landlord_name
        landlords.append(landlord)
        trail = [("Datasets", urls.CATALOGUE), (title, urls.dataset(package.slug))]
        as_of_dates.append(profile.as_of)
        # The overview's figures (of the whole portfolio, with a pilot) and the files the
        # gate changed are made by another process while this one makes the home pages.
        aggregates = partial(
            _aggregates,
            package,
            decided,
            data,
            title=title,
            threshold=config.odx.feedback_threshold,
        )
        with aside(aggregates, fork=_worth_forking(data)) as aggregated:
            places: set[str] = set()
            home_head = PageHead(
                f"What {landlord} knows about this home: its parts and their condition, its "
                "energy rating and the plan.",
                profile.as_of,
                indexable=config.odx.index_homes,
            )
            for home in data.homes:
                ref = home["home_ref"]
                sector = home.get("postcode_sector") or "Unknown"
                code = home.get("local_authority_code") or "unknown"
                authority = authority_name(code)
                if authority != code:  # a place only when the code is a known authority
                    places.add(authority)
                site.pages.append(
                    Page(
                        urls.home(ref),
                        "odx_home.html",
                        f"Home {ref}",
                        HomePageContext(
                            {
                                "crumbs": crumbs(
                                    ("Find your home", urls.AREAS),
                                    (authority, urls.authority(code)),
                                    (sector, urls.area(code, sector)),
                                ),
                            }
                        ),
                        lazy=partial(
                            _home_context,
                            home,
                            data,
                            as_of_year=profile.as_of_year,
                            landlord=landlord,
                            helpers=helpers,
                            area_url=urls.area(code, sector),
                            overview_url=urls.overview(package.slug),
                            coarsened=coarsened,
                            privacy=note,
                            say=say,
                        ),
                        head=home_head,
                    )
                )
                if config.odx.home_json:  # what the page shows, as JSON: the same view
                    site.pages.append(
                        Page(
                            urls.home_json(ref),
                            JSON_TEMPLATE,
                            "",
                            {},
                            lazy=site.pages[-1].lazy,
                            head=NOT_INDEXED,
                        )
                    )
                refs.append(ref)
                area_homes.append(
                    AreaHome(
                        authority=code,
                        area=sector,
                        ref=ref,
                        summary=_summary(home),
                        epc="Withheld"  # a quasi-identifier: never corrected
                        if coarsened.get("epc_band")
                        else str(home.get("epc_band") or ""),
                        landlord=landlord,
                    )
                )
            site.pages.extend(waiting.add(decided, landlord, profile.as_of))
            figures.add(
                data,
                as_of_year=profile.as_of_year,
                epc_withheld=bool(coarsened.get("epc_band")),
                landlord=landlord,
            )
            if decided.pilot is not None:
                figures.add_waiting(data.feedback, landlord, set(decided.pilot.others.values()))
            overview, replaced = aggregated()
        progress = decided.pilot.progress if decided.pilot else None
        pilot_url = urls.pilot(package.slug) if progress is not None else ""
        overview["pilot_url"] = pilot_url
        if progress is not None:
            site.pages.append(
                Page(
                    pilot_url,
                    "odx_pilot.html",
                    f"{landlord}: how the pilot goes",
                    PilotContext(
                        {
                            "pilot": pilot_view(progress, landlord),
                            "landlord": landlord,
                            "crumbs": crumbs(*trail, ("Overview", urls.overview(package.slug))),
                        }
                    ),
                    head=PageHead(
                        f"How {landlord}'s pilot goes: the pilot's homes against the rest, by "
                        "month: what tenants said and the corrections they sent.",
                        profile.as_of,
                    ),
                )
            )
        site.pages.append(
            Page(
                urls.overview(package.slug),
                "odx_overview.html",
                f"{landlord}: overview",
                OverviewContext(
                    {"overview": overview, "landlord": landlord, "crumbs": crumbs(*trail)}
                ),
                head=PageHead(
                    f"{landlord}'s homes at a glance: types and areas, energy ratings, Decent "
                    "Homes status, and the parts falling due each year against the plan.",
                    profile.as_of,
                ),
            )
        )
        notes = decided.notes("satisfaction")
        site.pages.append(
            Page(
                urls.satisfaction(package.slug),
                "odx_satisfaction.html",
                f"{landlord}: tenant satisfaction",
                SatisfactionContext(
                    {
                        "satisfaction": satisfaction_view(data.satisfaction, withheld_notes=notes),
                        "landlord": landlord,
                        "crumbs": crumbs(*trail, ("Overview", urls.overview(package.slug))),
                    }
                ),
                head=PageHead(
                    f"How satisfied {landlord}'s tenants are: each Tenant Satisfaction Measure "
                    "with the year before and results by area.",
                    profile.as_of,
                ),
            )
        )
        coarsening = decided.coarsening
        site.datasets[package.slug] = {
            "landlord": landlord,
            "as_of": fmt.long_date(profile.as_of),
            "overview_url": urls.overview(package.slug),
            "satisfaction_url": urls.satisfaction(package.slug),
            "pilot_url": pilot_url,
            "homes": fmt.plural(len(data.homes), "home"),
            "privacy_notes": ([decided.pilot.note(decided.k)] if decided.pilot else [])
            + (coarsening.notes() if coarsening else [])
            + decided.notes()
            + decided.declared_notes(),
            "as_of_iso": profile.as_of.isoformat(),
            "places": sorted(places),
        }
        site.replaced.update(replaced)
    if area_homes or waiting.counts:
        area_head = PageHead(
            "Find a home by its local authority and postcode sector, and see what its "
            "landlord knows about it.",
            max(as_of_dates),
            indexable=config.odx.index_homes,
        )
        k, threshold = config.odx.k_anonymity, config.odx.feedback_threshold
        for spec in area_pages(
            area_homes,
            lambda code, sector: figures.view((code, sector), k=k, threshold=threshold),
            waiting.counts,
        ):
            site.pages.append(replace(spec, head=area_head))
        site.generated.update(lookup_shards(refs, waiting.areas))
        site.pages.extend(say_pages(say, landlords, max(as_of_dates)))
    return site


def _home_context(home: dict[str, Any], data: OdxData, **options: Any) -> dict[str, Any]:
    return {"home": home_view(home, data, **options)}
