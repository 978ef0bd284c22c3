"""A real browser loads the built pages: no accessibility violations, every link resolves.

Debian's chromium is driven by Playwright; axe-core (from npm) is injected into each page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from browser import axe_violations, fetch, serve

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "catalogue": "datasets/",
    "dataset": "datasets/sample-landlord/",
    "resource": "datasets/sample-landlord/components/",
    "insights": "insights/",
    "post": "insights/due-overdue-and-old-and-poor/",
    "post with a chart": "insights/epc-bands-and-the-plan/",
    "post with a table": "insights/reading-the-tenant-satisfaction-measures/",
    "tag": "insights/tags/components/",
    "author": "insights/authors/priya-raman/",
    "archive": "insights/archive/",
    "resources": "resources/",
    "about": "about/",
    "contribute": "contribute/",
    "newsletter": "newsletter/",
    "contact": "contact/",
    "resource tag": "resources/tags/energy/",
    "not found": "no/such/page/",
}


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_has_no_axe_violations_and_fits_the_screen(browser, subpath_site, kind, width):
    with serve(subpath_site, "/odx-site/") as base:
        page = browser.new_page(viewport={"width": width, "height": 900})
        response = page.goto(base + PAGE_TYPES[kind])
        assert response.status == (404 if kind == "not found" else 200)
        assert page.locator("h1").count() == 1
        assert axe_violations(page) == []
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
        page.close()


def test_axe_is_really_running_and_reports_a_planted_violation(browser, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><title>x</title></head><body><img src="x.png"></body></html>'
    )
    with serve(tmp_path) as base:
        page = browser.new_page()
        page.goto(base)
        assert "image-alt" in [v["id"] for v in axe_violations(page)]
        page.close()


def test_the_skip_link_takes_keyboard_users_to_the_main_content(browser, root_site):
    with serve(root_site) as base:
        page = browser.new_page()
        page.goto(base + "datasets/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        page.close()


def test_the_catalogue_filter_narrows_the_list_with_javascript(browser, root_site):
    with serve(root_site) as base:
        page = browser.new_page()
        page.goto(base + "datasets/")
        box = page.get_by_label("Filter datasets by title, description or keyword")
        assert box.is_visible()
        box.fill("tenant satisfaction")
        visible = page.locator("[data-filter-text]:visible")
        assert visible.count() == 1
        assert "Sample Homes Association" in visible.first.inner_text()
        assert "1 of 2 datasets match" in page.get_by_role("status").inner_text()
        page.close()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) and tag in ("a", "link", "script", "img"):
                self.links.append(attributes[name])


def crawl(start: str, prefix: str) -> dict[str, set[str]]:
    """Visit every internal page from ``start``; return broken links and anchors per page."""
    host = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    seen: set[str] = set()
    pages: dict[str, _Links] = {}
    broken: dict[str, set[str]] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = fetch(url)
        if status != 200:
            broken.setdefault("(status)", set()).add(f"{url} -> {status}")
            continue
        if not url.endswith("/") and not url.endswith(".html"):
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        pages[url] = parser
        for link in parser.links:
            target = urljoin(url, link)
            if not target.startswith(host):
                continue
            assert urlsplit(target).path.startswith(prefix), f"{url} links outside the site: {link}"
            queue.append(urldefrag(target).url)
    for url, parser in pages.items():
        for link in parser.links:
            target, fragment = urldefrag(urljoin(url, link))
            if fragment and target in pages and fragment not in pages[target].ids:
                broken.setdefault(url, set()).add(f"#{fragment}")
    return broken


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_a_crawl_finds_no_broken_link_or_anchor(root_site, subpath_site, where):
    site, prefix = (root_site, "/") if where == "root" else (subpath_site, "/odx-site/")
    with serve(site, prefix) as base:
        assert crawl(base, prefix) == {}


def test_the_404_page_links_work_from_any_depth(subpath_site):
    with serve(subpath_site, "/odx-site/") as base:
        status, body = fetch(base + "deep/missing/page/")
        assert status == 404
        parser = _Links()
        parser.feed(body.decode())
        for link in parser.links:
            if link.startswith(("#", "https://github.com/")):
                continue
            assert re.match(r"^/odx-site/", link), link
            assert fetch(urljoin(base, link))[0] == 200, link


def test_resource_tags_filter_in_place_with_javascript(browser, subpath_site):
    with serve(subpath_site, "/odx-site/") as base:
        page = browser.new_page()
        page.goto(base + "resources/")
        total = page.locator("[data-tags]").count()
        page.locator("[data-resource-filter] a[data-tag='energy']").click()
        assert page.url == base + "resources/"
        shown = page.locator("[data-tags]:visible")
        assert 0 < shown.count() < total
        for index in range(shown.count()):
            assert "energy" in shown.nth(index).get_attribute("data-tags").split()
        assert page.locator("[data-filter-status]").inner_text().endswith("about energy")
        page.locator("[data-resource-filter] a[data-tag='']").click()
        assert page.locator("[data-tags]:visible").count() == total
        page.close()


def test_without_javascript_a_resource_tag_is_a_page_of_its_own(browser, subpath_site):
    with serve(subpath_site, "/odx-site/") as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "resources/")
        page.locator("a[data-tag='energy']").click()
        page.wait_for_url(base + "resources/tags/energy/")
        assert page.locator("h1").inner_text() == "Resources tagged “energy”"
        context.close()


def test_no_xss_payload_runs_in_a_real_browser(browser, project):
    from test_posts import XSS

    insights = project.root / "insights"
    insights.mkdir()
    (insights / "authors.yml").write_text("a:\n  name: A\n")
    # the picture a payload names exists, so the build goes on to render every payload
    (insights / "x.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    body = "\n\n".join(XSS).replace("src=x ", "src=x.png ")
    (insights / "2026-10-01-evil.md").write_text(
        f"---\ntitle: Evil\ndate: 2026-10-01\n---\nIntro.\n\n{body}\n"
    )
    project.settings["site_url"] = "https://example.org/"
    project.write_config(insights=str(insights))
    assert project.build().code == 0
    with serve(project.site) as base:
        page = browser.new_page()
        dialogs, errors = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "insights/evil/")
        for link in page.locator(".prose a").all():
            link.dispatch_event("click")
        page.wait_for_timeout(300)
        assert dialogs == []
        assert [e for e in errors if not e.startswith("Failed to load resource")] == []
        page.close()
