"""Templates escape everything contributors write and refuse undefined values."""

from __future__ import annotations

import json

import jinja2
import pytest
from helpers import render_on_two_workers, snapshot, table

from generator.publish.render import make_environment


def test_markup_in_a_descriptor_is_escaped_on_every_page(project):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    descriptor = {
        "name": "p",
        "title": evil,
        "description": evil,
        "keywords": [evil],
        "licenses": [{"name": "x", "title": evil, "path": "javascript:alert(1)"}],
        "resources": [{**table("t", [("id", "string")]), "title": evil, "description": evil}],
    }
    project.package(
        "p", {"t.csv": f'id\n"{evil.replace(chr(34), chr(34) * 2)}"\n'}, descriptor=descriptor
    )
    assert project.build().code == 0
    for url in ("", "datasets/", "datasets/p/", "datasets/p/t/"):
        page = project.page(url)
        scripts = [s for s in page.find_all("script") if s.get("type") != "application/ld+json"]
        assert not [s for s in scripts if "alert" in s.get_text()]
        for data in page.find_all("script", type="application/ld+json"):
            assert "<" not in data.string  # the payload cannot close the element
            assert json.loads(data.string)["name"] == evil
        assert page.find("img", attrs={"onerror": True}) is None
        assert not page.find_all("a", href=lambda h: h and h.startswith("javascript:"))
    assert evil in project.page("datasets/p/t/").get_text()


def test_an_undefined_value_in_a_template_is_an_error(tmp_path):
    (tmp_path / "t.html").write_text("{{ missing }}")
    with pytest.raises(jinja2.UndefinedError):
        make_environment(tmp_path).get_template("t.html").render()


def test_a_site_rendered_on_every_core_is_the_same_as_one_rendered_serially(landlord, monkeypatch):
    assert landlord.project.build().code == 0
    serial = snapshot(landlord.project.site)
    render_on_two_workers(monkeypatch)
    assert landlord.project.build().code == 0
    assert snapshot(landlord.project.site) == serial


def test_a_template_breaking_in_a_worker_is_a_located_error(landlord, monkeypatch):
    assert landlord.project.build().code == 0
    before = snapshot(landlord.project.site)
    page = landlord.project.root / "templates" / "odx_home.html"
    page.write_text(page.read_text().replace("{{ home.ref }}", "{{ home.no_such_value }}", 1))
    render_on_two_workers(monkeypatch)
    run = landlord.project.build()
    assert run.code == 1
    assert "templates/odx_home.html:4: template:" in run.err
    assert "no_such_value" in run.err
    assert snapshot(landlord.project.site) == before
