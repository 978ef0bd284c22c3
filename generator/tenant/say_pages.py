"""The pages a tenant answers on: the "Have your say" form, the correction form, and the
thanks page a form service sends the tenant back to.

Each form is one page for every home: the home pages link to it with the home's reference
(and, for a correction, the field and the part of the home) in the address, which a line of
script fills in; without script the tenant types the reference and picks from the lists.
None is ever indexed: they are reached from a home's page.
"""

from __future__ import annotations

from typing import Any

from generator.core import formatting as fmt
from generator.core import urls
from generator.housing.data_model import component_types
from generator.structure.discovery import PageHead
from generator.structure.page import Page, crumbs
from generator.tenant.contexts import CorrectContext, SayContext, ThanksContext
from generator.tenant.homes import COMPONENT_FIELD_LABELS, HOME_FACTS
from generator.tenant.labels import component_name
from generator.tenant.say import SayChannels

EPC_LABEL = "Energy rating (EPC band)"


def say_pages(say: SayChannels, landlords: list[str], as_of: Any) -> list[Page]:
    """The forms (only when they have somewhere to post to) and the thanks page."""
    pages = [_say_page(say, landlords), _correct_page(say, landlords)] if say.form_action else []
    return [*pages, _thanks_page(say, landlords, as_of)]


def say_urls(form_action: str) -> tuple[str, ...]:
    """The addresses of the pages :func:`say_pages` makes when the form posts to
    ``form_action`` ("" when there is no form service)."""
    return (*((urls.SAY, urls.CORRECT) if form_action else ()), urls.THANKS)


def correctable_fields() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """What the correction form offers to correct, as (group, ((field, label), ...)): the
    facts a home page shows, then the parts' facts, each with the label the page uses."""
    home = (*HOME_FACTS, ("epc_band", EPC_LABEL))
    return (("About the whole home", home), ("About a part of the home", COMPONENT_FIELD_LABELS))


def _landlord(landlords: list[str]) -> str:
    """The landlord's name when the site has one, else "your landlord"."""
    return landlords[0] if len(set(landlords)) == 1 else "your landlord"


def _kinds() -> list[tuple[str, str]]:
    return [(kind, component_name(kind)) for kind in component_types() if kind != "other"]


def _say_page(say: SayChannels, landlords: list[str]) -> Page:
    """The one "Have your say about your home" form, for every home."""
    return Page(
        urls.SAY,
        "odx_say.html",
        "Have your say about your home",
        SayContext(
            {
                "form": say.form(_kinds()),
                "landlord": _landlord(landlords),
                "crumbs": crumbs(("Find your home", urls.AREAS)),
            }
        ),
        head=PageHead("Tell your landlord how satisfied you are with your home.", indexable=False),
    )


def _correct_page(say: SayChannels, landlords: list[str]) -> Page:
    """The one form that corrects the data about a home, for every home and field."""
    return Page(
        urls.CORRECT,
        "odx_correct.html",
        "Correct the data about your home",
        CorrectContext(
            {
                "form": say.correction_form(correctable_fields(), _kinds()),
                "landlord": _landlord(landlords),
                "crumbs": crumbs(("Find your home", urls.AREAS)),
            }
        ),
        head=PageHead(
            "Tell your landlord what is wrong or missing in the data about your home.",
            indexable=False,
        ),
    )


def _thanks_page(say: SayChannels, landlords: list[str], as_of: Any) -> Page:
    """The page a form service sends the tenant back to: what happens next, and when."""
    return Page(
        urls.THANKS,
        "odx_thanks.html",
        "Thank you for having your say",
        ThanksContext(
            {
                "thanks": {
                    "landlord": _landlord(landlords),
                    "as_of": fmt.long_date(as_of),
                    "phone": say.phone,
                    "tel": say.tel,
                    "areas_url": urls.AREAS,
                }
            }
        ),
        head=PageHead(
            "What happens after you have had your say about your home.", as_of, indexable=False
        ),
    )
