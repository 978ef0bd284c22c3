"""The links that start a correction of a home's data: the site's own correction form (when
the landlord set up a form service), the landlord's email and the repository's issue form
(public, for corrections only), each carrying the home, the field and the component."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, quote_plus

from generator.tenant.labels import component_name


@dataclass(frozen=True)
class Helpers:
    """Where corrections go: the repository's issue form, an optional email address and,
    with ``form``, the site's correction form."""

    repo_url: str
    email: str
    form: bool = False

    def correction(self, ref: str, field: str = "", component: str = "") -> dict[str, str]:
        """Links that start a correction for ``ref`` (and a field): ``form`` is the query of
        the site's correction form (the page is :data:`urls.CORRECT`), ``issue`` and ``email``
        are whole addresses; each is "" when the channel is not set up.

        The issue link's query is ``urlencode`` of template, title, home_ref, field and
        component_type; the parts that do not depend on the home are encoded once.
        """
        what = _correction_subject(component, field)
        links = {"form": "", "issue": "", "email": ""}
        if self.form:
            links["form"] = f"?home={quote(ref, safe='')}{_form_fields(field, component)}"
        if self.repo_url:
            ref_plus = quote_plus(ref)
            links["issue"] = (
                _issue_start(self.repo_url)
                + ref_plus
                + _issue_title_end(what)
                + "&home_ref="
                + ref_plus
                + _issue_fields(field, component)
            )
        if self.email:
            ref_quoted = quote(ref)
            links["email"] = (
                f"mailto:{self.email}?subject={_TITLE_QUOTED}{ref_quoted}{_email_title_end(what)}"
                f"&body={_BODY_QUOTED}{ref_quoted}{_email_body_end(what)}"
            )
        return links


_TITLE = "Correction for home "


_TITLE_QUOTED = quote(_TITLE)


_BODY_QUOTED = quote("Home: ")


@lru_cache(maxsize=1_024)
def _correction_subject(component: str, field: str) -> str:
    return " ".join(x for x in (component_name(component) if component else "", field) if x)


@lru_cache(maxsize=16)
def _issue_start(repo_url: str) -> str:
    return f"{repo_url.rstrip('/')}/issues/new?template=correction.yml&title={quote_plus(_TITLE)}"


@lru_cache(maxsize=1_024)
def _issue_title_end(what: str) -> str:
    return quote_plus(f": {what}") if what else ""


@lru_cache(maxsize=1_024)
def _issue_fields(field: str, component: str) -> str:
    params = {"field": field, "component_type": component}
    return "".join(f"&{name}={quote_plus(value)}" for name, value in params.items() if value)


@lru_cache(maxsize=1_024)
def _form_fields(field: str, component: str) -> str:
    params = {"field": field, "component": component}
    return "".join(f"&{name}={quote(value, safe='')}" for name, value in params.items() if value)


@lru_cache(maxsize=1_024)
def _email_title_end(what: str) -> str:
    return quote(f": {what}") if what else ""


@lru_cache(maxsize=1_024)
def _email_body_end(what: str) -> str:
    return quote(f"\nField: {what or '(say which)'}\nCorrect value:\nHow I know:\n")
