"""The contract between the views and the templates: every page template has a declared,
typed context, and the sample site's pages carry exactly that context and render with it."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any

import pytest
from helpers import REPO, pilot_sample

from generator.build import check
from generator.catalogue import contexts as catalogue
from generator.content import contexts as content
from generator.publish.render import make_environment, render_pages
from generator.structure import contexts as site
from generator.structure.page import Page, SiteModel
from generator.tenant import contexts as tenant

DECLARED: dict[str, type] = {
    **site.CONTEXTS,
    **catalogue.CONTEXTS,
    **tenant.CONTEXTS,
    **content.CONTEXTS,
}
PAGE_TEMPLATES = sorted(
    path.name
    for path in (REPO / "templates").glob("*.html")
    if not path.name.startswith("_") and path.name != "base.html"
)


@pytest.fixture(scope="module")
def sample_model() -> SiteModel:
    """The repository's sample site, checked and assembled (posts, resources, community
    pages, an ODX landlord and an ordinary package)."""
    result = check(REPO / "mkdocs.yml", cache=False)
    assert not result.problems, [str(p) for p in result.problems]
    assert result.model is not None
    return result.model


# Templates only a pilot cohort (odx.pilot) uses: rendered from the sample built with one.
PILOT_TEMPLATES = {"odx_waiting.html", "odx_pilot.html"}


@pytest.fixture(scope="module")
def pilot_model(tmp_path_factory) -> SiteModel:
    """The sample site with a pilot cohort, checked and assembled."""
    config = pilot_sample(tmp_path_factory.mktemp("pilot"))
    result = check(config, cache=False)
    assert not result.problems, [str(p) for p in result.problems]
    assert result.model is not None
    return result.model


def first_page_of(model: SiteModel, template: str) -> Page:
    return next(page for page in model.pages if page.template == template)


def conforms(value: Any, annotation: Any) -> bool:
    """Whether ``value`` has the outer shape of ``annotation`` (str, list, dict, a typed
    dict, or a union of those with None)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, option) for option in typing.get_args(annotation))
    if annotation is type(None):
        return value is None
    if typing.is_typeddict(annotation):
        return isinstance(value, Mapping) and set(value) >= annotation.__required_keys__
    if origin is not None:
        return isinstance(value, origin)
    if annotation is Any:
        return True
    return isinstance(value, annotation)


def test_every_page_template_has_a_declared_context():
    assert sorted(DECLARED) == PAGE_TEMPLATES


@pytest.mark.parametrize("template", PAGE_TEMPLATES)
def test_the_sample_site_renders_the_template_with_its_declared_context(
    request: pytest.FixtureRequest, template: str
):
    fixture = "pilot_model" if template in PILOT_TEMPLATES else "sample_model"
    sample_model: SiteModel = request.getfixturevalue(fixture)
    declared = DECLARED[template]
    layout = typing.get_type_hints(site.LayoutContext)
    hints = {**typing.get_type_hints(declared), **layout}
    allowed = declared.__required_keys__ | declared.__optional_keys__ | set(layout)
    required = declared.__required_keys__ | set(layout)
    pages = [page for page in sample_model.pages if page.template == template]
    assert pages, f"the sample site has no page made with {template}"
    for page in pages[:50]:
        values = page.values()
        assert required <= set(values) <= allowed, page.url
        for key, value in values.items():
            assert conforms(value, hints[key]), (page.url, key, type(value))
    environment = make_environment(REPO / "templates")
    [(_, html)] = render_pages(
        sample_model, environment, "/", [first_page_of(sample_model, template)]
    )
    assert "<main" in html


def test_the_shape_check_tells_a_wrong_value_from_a_right_one():
    assert conforms([], list[dict[str, Any]])
    assert not conforms({}, list[dict[str, Any]])
    assert conforms(None, dict[str, str] | None)
    assert not conforms("older", dict[str, str] | None)
    crumb = {"label": "Home", "url": ""}
    assert conforms(crumb, site.Crumb)
    assert not conforms({"label": "Home"}, site.Crumb)
