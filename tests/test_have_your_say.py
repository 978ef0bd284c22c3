"""Every home page lets a tenant have their say without a GitHub account: a short form that
posts to the landlord's chosen service, a hosted form, an email and a phone number, each
carrying the home's reference; the options that set them up are checked at the edge."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.core.problems import Problems


def read_options(tmp_path: Path, **options: str):
    lines = "".join(f"      {name}: {value}\n" for name, value in options.items())
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: Homes\nplugins:\n  - odx:\n{lines}", encoding="utf-8")
    problems = Problems()
    return load_config(path, problems), problems


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("say_form_action", "http://forms.example.org/odx", "https address"),
        ("say_form_action", "javascript:alert(1)", "https address"),
        ("say_form_action", "https://", "https address"),
        ("say_form_url", "ftp://forms.example.org/{home_ref}", "https address"),
        ("say_form_url", "https://forms.example.org/odx", "{home_ref}"),
        ("landlord_phone", "call us", "phone number"),
        ("landlord_phone", "javascript:0113", "phone number"),
    ],
)
def test_a_say_option_of_the_wrong_shape_is_an_error_on_its_line(tmp_path, name, value, says):
    config, problems = read_options(tmp_path, preview_rows="5", **{name: repr(value)})
    found = {p.field: p for p in problems}
    assert config is None
    assert set(found) == {f"odx.{name}"}
    assert found[f"odx.{name}"].line == 5
    assert found[f"odx.{name}"].path == "mkdocs.yml"
    assert says in found[f"odx.{name}"].message


def test_well_formed_say_options_are_accepted(tmp_path):
    config, problems = read_options(
        tmp_path,
        say_form_action="https://forms.example.org/odx",
        say_form_url="'https://forms.example.org/start?home={home_ref}'",
        landlord_phone="'+44 (0)113 496 0000'",
    )
    assert not problems, [str(p) for p in problems]
    assert config.odx.say_form_action == "https://forms.example.org/odx"
    assert config.odx.landlord_phone == "+44 (0)113 496 0000"
