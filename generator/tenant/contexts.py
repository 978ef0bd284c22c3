"""The contexts of the tenant view's templates (see :mod:`generator.structure.contexts`)."""

from __future__ import annotations

from typing import Any, NotRequired

from generator.structure.contexts import SpecContext


class HomePageContext(SpecContext):
    """``odx_home.html``: one home (its view is made when the page is rendered)."""

    home: NotRequired[dict[str, Any]]


class AreasContext(SpecContext):
    """``odx_areas.html``: every local authority."""

    authorities: list[dict[str, Any]]


class AuthorityContext(SpecContext):
    """``odx_authority.html``: one local authority and its postcode sectors."""

    authority: dict[str, Any]


class AreaContext(SpecContext):
    """``odx_area.html``: one page of the homes of a postcode sector."""

    area: dict[str, Any]
    pager: dict[str, Any]


class OverviewContext(SpecContext):
    """``odx_overview.html``: a landlord's homes at a glance."""

    overview: dict[str, Any]
    landlord: str


class SatisfactionContext(SpecContext):
    """``odx_satisfaction.html``: a landlord's Tenant Satisfaction Measures."""

    satisfaction: dict[str, Any]
    landlord: str


class SayContext(SpecContext):
    """``odx_say.html``: the one "Have your say about your home" form."""

    form: dict[str, Any]
    landlord: str


class CorrectContext(SpecContext):
    """``odx_correct.html``: the one form that corrects the data about a home."""

    form: dict[str, Any]
    landlord: str


class ThanksContext(SpecContext):
    """``odx_thanks.html``: what happens after a tenant had their say, and when."""

    thanks: dict[str, Any]


class WaitingContext(SpecContext):
    """``odx_waiting.html``: a home not in the pilot yet, at its own address."""

    waiting: dict[str, Any]


class PilotContext(SpecContext):
    """``odx_pilot.html``: how a landlord's pilot goes, pilot homes against the rest."""

    pilot: dict[str, Any]
    landlord: str


CONTEXTS: dict[str, type] = {
    "odx_home.html": HomePageContext,
    "odx_areas.html": AreasContext,
    "odx_authority.html": AuthorityContext,
    "odx_area.html": AreaContext,
    "odx_overview.html": OverviewContext,
    "odx_satisfaction.html": SatisfactionContext,
    "odx_say.html": SayContext,
    "odx_correct.html": CorrectContext,
    "odx_thanks.html": ThanksContext,
    "odx_waiting.html": WaitingContext,
    "odx_pilot.html": PilotContext,
}
