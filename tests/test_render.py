"""Templates escape everything contributors write and refuse undefined values."""

from __future__ import annotations

import jinja2
import pytest
from conftest import table

from generator.render import make_environment


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
        assert page.find("script", string=lambda s: s and "alert" in s) is None
        assert page.find("img", attrs={"onerror": True}) is None
        assert not page.find_all("a", href=lambda h: h and h.startswith("javascript:"))
    assert evil in project.page("datasets/p/t/").get_text()


def test_an_undefined_value_in_a_template_is_an_error(tmp_path):
    (tmp_path / "t.html").write_text("{{ missing }}")
    with pytest.raises(jinja2.UndefinedError):
        make_environment(tmp_path).get_template("t.html").render()
