"""The "Have your say about your home" section of every home page: the ways the landlord
set up for a tenant to answer (a form posted to a service, a hosted form, an email, a phone
number), each carrying the home's reference, and the choices the form offers.

The form is one page of the site (``have-your-say/``), shown only when it has somewhere to
post to: every home page links to it with the home's reference in the address, which a
line of script fills in (without script, the tenant types the reference the home page
shows). One form for every home keeps each home page small: at 100,000 homes, 4 KB more on
each page would be 400 MB more to publish. The satisfaction question uses the five-point
scale of the Tenant Satisfaction Measures but is the landlord's own question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from generator.core import urls

SATISFACTION = (  # (value posted, what the tenant reads), in the scale's order
    ("very-satisfied", "Very satisfied"),
    ("fairly-satisfied", "Fairly satisfied"),
    ("neither", "Neither satisfied nor dissatisfied"),
    ("fairly-dissatisfied", "Fairly dissatisfied"),
    ("very-dissatisfied", "Very dissatisfied"),
)
IMPROVEMENTS = (  # offered on every home, after the home's own components
    ("damp-and-mould", "Damp and mould"),
    ("warmth-and-energy-bills", "Warmth and energy bills"),
    ("repairs", "Repairs"),
    ("safety-and-security", "Safety and security"),
    ("noise-and-neighbourhood", "Noise and neighbourhood"),
    ("other", "Other"),
)
EVIDENCE = (  # how a tenant knows a correction, as the correction form and issue form ask
    ("tenant-observation", "I have seen it myself"),
    ("photo", "I have a photo"),
    ("document", "I have a document, like a letter or receipt"),
    ("survey", "A surveyor told me"),
)
MOST_IMPROVEMENTS = 3
COMMENT_CHARS = 500
CORRECTION_CHARS = 100  # a corrected value: a year, a condition, a band
HONEYPOT = "website"  # a field people never see: an answer that fills it came from a robot


@dataclass(frozen=True)
class SayChannels:
    """Where a tenant's say goes (the ``odx`` options; "" when not set up)."""

    form_action: str = ""
    form_url: str = ""  # with {home_ref} where the reference goes
    email: str = ""
    phone: str = ""

    def view(self, ref: str, parts: Iterable[str] = ()) -> dict[str, object]:
        """What the section of home ``ref`` shows: the way to the form (with the home's
        reference and the kinds of its ``parts`` in the address, for the form to fill in and
        to offer only those parts), and the other ways."""
        ref_quoted = quote(ref, safe="")
        kinds = _kinds(tuple(parts))
        return {
            "page": urls.SAY if self.form_action else "",
            "query": f"?home={ref_quoted}" + (f"&parts={kinds}" if kinds else ""),
            "form_url": self.form_url.replace("{home_ref}", ref_quoted),
            "email": (
                f"mailto:{self.email}?subject={_SUBJECT}{ref_quoted}&body={_BODY}{ref_quoted}"
                f"{_BODY_END}"
                if self.email
                else ""
            ),
            "phone": self.phone,
            "tel": self.tel,
        }

    def form(self, components: Iterable[tuple[str, str]]) -> dict[str, object]:
        """What the one form shows: the scale, the things that may most improve a home
        (``components``, the parts homes have, as (type, name), then the fixed choices) and
        where it posts."""
        return {
            "action": self.form_action,
            "scale": SATISFACTION,
            "most": MOST_IMPROVEMENTS,
            "chars": COMMENT_CHARS,
            "honeypot": HONEYPOT,
            "improvements": _improvements(tuple(components)),
            "tel": self.tel,
            "phone": self.phone,
        }

    def correction_form(
        self,
        fields: Iterable[tuple[str, Iterable[tuple[str, str]]]],
        components: Iterable[tuple[str, str]],
    ) -> dict[str, object]:
        """What the one correction form shows: the fields a tenant may correct, grouped as
        (group, ((field, label), ...)), the parts of a home as (type, name), how the tenant
        knows (:data:`EVIDENCE`), and where it posts."""
        return {
            "action": self.form_action,
            "fields": [(group, tuple(choices)) for group, choices in fields],
            "components": tuple(components),
            "evidence": EVIDENCE,
            "chars": CORRECTION_CHARS,
            "honeypot": HONEYPOT,
            "tel": self.tel,
            "phone": self.phone,
        }

    @property
    def tel(self) -> str:
        """The ``tel:`` link of the landlord's phone number ("" when there is none)."""
        return f"tel:{_dialled(self.phone)}" if self.phone else ""


_SUBJECT = quote("Have your say: home ")
_BODY = quote("Home: ")
_BODY_END = quote(
    "\nHow satisfied I am with my home:\nWhat would most improve it (up to 3):\n"
    "Anything else (no names, phone numbers or addresses):\n"
)


@lru_cache(maxsize=1_024)
def _kinds(parts: tuple[str, ...]) -> str:
    """The kinds of a home's parts as the form's address carries them (homes share a few
    sets of kinds)."""
    return "+".join(quote(kind, safe="") for kind in dict.fromkeys(parts))


@lru_cache(maxsize=1_024)
def _improvements(
    components: tuple[tuple[str, str], ...],
) -> tuple[tuple[str, str, bool], ...]:
    """The choices as (value, text, is a part of a home): the parts first, then the needs."""
    seen: dict[str, str] = {}
    for kind, name in components:
        seen.setdefault(kind, name)
    return (
        *((kind, name, True) for kind, name in seen.items()),
        *((value, text, False) for value, text in IMPROVEMENTS),
    )


def _dialled(phone: str) -> str:
    """A phone number as a ``tel:`` link dials it: digits and a leading +, the optional
    trunk 0 of an international number dropped (+44 (0)113 … → +44113…)."""
    number = re.sub(r"\(0\)", "", phone) if phone.startswith("+") else phone
    return ("+" if number.startswith("+") else "") + re.sub(r"\D", "", number)
