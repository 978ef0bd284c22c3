"""The "Have your say" and correction forms in a real browser: from a home page a tenant
reaches the one form; with JavaScript off they type their home's reference (and pick the
field), with it the address fills them in; the service receives the reference and the
answers (and an empty honeypot), then sends them to the thanks page; home, forms and thanks
pages pass axe at 320 and 1280 px."""

from __future__ import annotations

import http.server
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import yaml
from browser import axe_violations, serve
from helpers import REPO

pytestmark = pytest.mark.browser


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@contextmanager
def form_service(thanks: str) -> Iterator[tuple[str, list[dict[str, list[str]]]]]:
    """A local stand-in for a form service: records the fields of every POST and redirects
    to ``thanks``; yields its address and the records."""
    received: list[dict[str, list[str]]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            received.append(parse_qs(body, keep_blank_values=True))
            self.send_response(303)
            self.send_header("Location", thanks)
            self.end_headers()

        def log_message(self, format, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", received
    finally:
        server.shutdown()
        server.server_close()


def form_action() -> str:
    """The sample site's form address (mkdocs.yml)."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    odx = next(entry["odx"] for entry in config["plugins"] if isinstance(entry, dict))
    return odx["say_form_action"]


def handed_to(service: str):
    """A route handler that answers the https service address with the local ``service``."""

    def hand_over(route):
        request = urllib.request.Request(
            service,
            data=route.request.post_data_buffer,
            headers={"Content-Type": route.request.headers["content-type"]},
        )
        try:
            urllib.request.build_opener(_NoRedirect).open(request, timeout=10)
        except urllib.error.HTTPError as answer:
            route.fulfill(status=answer.code, headers={"Location": answer.headers["Location"]})

    return hand_over


def a_home(site: Path) -> str:
    return next(p.name for p in sorted((site / "homes").iterdir()) if (p / "index.html").is_file())


def test_with_javascript_off_a_tenant_sends_their_say_to_the_service(browser, root_site):
    ref = a_home(root_site)
    with serve(root_site) as base, form_service(base + "thanks/") as (service, received):
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()

        page.route(form_action(), handed_to(service))
        page.goto(f"{base}homes/{ref}/")
        page.locator("section.say").get_by_role("link", name=f"about home {ref}").click()
        page.wait_for_url(f"{base}have-your-say/?home={ref}&parts=*")
        form = page.locator("main form")
        assert form.is_visible()
        assert page.get_by_label("Leave this empty").count() == 1
        trap = page.locator("main form .visually-hidden").bounding_box()
        assert trap is not None and trap["width"] <= 1 and trap["height"] <= 1  # clipped away
        home = form.get_by_label("Your home's reference")
        assert home.input_value() == ""  # no script: the tenant types it
        home.fill(ref)
        form.get_by_label("Fairly dissatisfied").check()
        for choice in ("Damp and mould", "Repairs", "Kitchen"):
            form.get_by_label(choice, exact=True).check()
        form.get_by_label("Anything else? (optional)").fill("The bathroom fan is broken.")
        form.get_by_role("button", name="Send your answers").click()
        page.wait_for_url(f"{base}thanks/")
        assert page.locator("h1").inner_text() == "Thank you for having your say"
        context.close()
    [fields] = received
    assert fields == {
        "home_ref": [ref],
        "satisfaction": ["fairly-dissatisfied"],
        "improve": ["kitchen", "damp-and-mould", "repairs"],
        "comment": ["The bathroom fan is broken."],
        "website": [""],
    }


def a_home_with_help(site: Path) -> str:
    """A home whose page asks the tenant to help with a value it does not know."""
    return next(
        p.name
        for p in sorted((site / "homes").iterdir())
        if (p / "index.html").is_file()
        and "can you help?" in (p / "index.html").read_text(encoding="utf-8")
    )


def test_with_javascript_off_a_tenant_sends_a_correction_to_the_service(browser, root_site):
    ref = a_home_with_help(root_site)
    with serve(root_site) as base, form_service(base + "thanks/") as (service, received):
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()

        page.route(form_action(), handed_to(service))
        page.goto(f"{base}homes/{ref}/")
        page.get_by_role("link", name="can you help?").first.click()
        page.wait_for_url(f"{base}correct-your-home/?home={ref}&*")
        form = page.locator("main form")
        form.get_by_label("Your home's reference").fill(ref)
        form.get_by_label("What is wrong or missing?").select_option("install_year")
        form.get_by_label("Which part of the home is it about?").select_option("windows")
        form.get_by_label("What should it be?").fill("2014")
        form.get_by_role("button", name="Send your correction").click()
        assert received == []  # "How do you know?" is not answered: the browser says so
        form.get_by_role("group", name="How do you know?").get_by_label("I have a photo").check()
        form.get_by_role("button", name="Send your correction").click()
        page.wait_for_url(f"{base}thanks/")
        context.close()
    [fields] = received
    assert fields == {
        "home_ref": [ref],
        "field": ["install_year"],
        "component": ["windows"],
        "value": ["2014"],
        "evidence": ["photo"],
        "website": [""],
    }


def test_with_javascript_the_correction_form_takes_home_field_and_part_from_its_address(
    browser, root_site
):
    ref = a_home_with_help(root_site)
    page = browser.new_page()
    try:
        with serve(root_site) as base:
            page.goto(f"{base}correct-your-home/?home={ref}&field=condition&component=roof-finish")
            page.wait_for_function("document.querySelector('#fix-h').value !== ''")
            assert page.get_by_label("Your home's reference").input_value() == ref
            assert page.get_by_label("What is wrong or missing?").input_value() == "condition"
            part = page.get_by_label("Which part of the home is it about?")
            assert part.input_value() == "roof-finish"
            page.goto(f"{base}correct-your-home/?home={ref}&field=%3Cb%3E&component=hot-tub")
            page.wait_for_function("document.querySelector('#fix-h').value !== ''")
            assert page.get_by_label("What is wrong or missing?").input_value() == ""
            assert part.input_value() == ""  # only the list's own choices are taken
    finally:
        page.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_the_home_form_and_thanks_pages_pass_axe(browser, root_site, width):
    ref = a_home(root_site)
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        with serve(root_site) as base:
            for url in (
                f"homes/{ref}/",
                f"have-your-say/?home={ref}",
                f"correct-your-home/?home={ref}&field=condition&component=kitchen",
                "thanks/",
            ):
                page.goto(base + url)
                assert axe_violations(page) == [], url
    finally:
        page.close()


def test_with_javascript_the_form_takes_the_home_from_its_address(browser, root_site):
    ref = a_home(root_site)
    page = browser.new_page()
    try:
        with serve(root_site) as base:
            page.goto(f"{base}have-your-say/?home={ref}")
            home = page.get_by_label("Your home's reference")
            page.wait_for_function("document.querySelector('#say-h').value !== ''")
            assert home.input_value() == ref
            every = page.locator("main input[data-part]").count()
            offered = page.locator("main input[data-part]:visible")
            assert offered.count() == every  # no list of parts: every kind
            page.goto(f"{base}have-your-say/?home={ref}&parts=kitchen+roof-finish")
            page.wait_for_function("document.querySelector('#say-h').value !== ''")
            assert [box.get_attribute("value") for box in offered.all()] == [
                "kitchen",
                "roof-finish",
            ]
            assert page.get_by_label("Damp and mould").is_visible()  # the needs stay
            page.goto(f"{base}have-your-say/?home=%3Cscript%3E")
            assert home.input_value() == ""  # only a reference is taken
    finally:
        page.close()
