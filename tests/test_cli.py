"""The odx command line: help, exit codes, and what validate and build write."""

from __future__ import annotations

from helpers import odx, table

from generator.config import OPTION_NAMES


def test_help_explains_every_command_and_option():
    run = odx("--help")
    assert run.code == 0
    for command in ("build", "validate", "sample"):
        assert command in run.out
    for option in OPTION_NAMES:
        assert option in run.out
    assert "path:line: field: message" in run.out
    build_help = odx("build", "--help").out
    assert "--config" in build_help and "--out" in build_help
    assert "--homes" in odx("sample", "--help").out


def test_a_usage_error_exits_with_2():
    assert odx("build", "--nope").code == 2
    assert odx("sample", "--homes", "zero", "--out", "x").code == 2
    assert odx().code == 2


def test_validate_writes_nothing_but_its_cache(project):
    project.package("p", {"t.csv": "id\n1\n"}, [table("t", [("id", "integer")])])
    run = project.validate()
    assert run.code == 0, run.output
    assert "ok: 1 package, 1 resource" in run.out
    assert not project.site.exists()
    assert sorted(p.name for p in project.root.iterdir()) == [
        ".odx-cache",
        "datapackages",
        "mkdocs.yml",
        "templates",
    ]
    assert project.validate("--no-cache").code == 0


def test_build_writes_to_out(project):
    project.package("p", {"t.csv": "id\n1\n"}, [table("t", [("id", "integer")])])
    out = project.root / "elsewhere"
    run = project.build("--out", str(out))
    assert run.code == 0, run.output
    assert (out / "datasets/p/t/index.html").is_file()


def test_a_missing_config_is_an_input_error_without_traceback(tmp_path):
    run = odx("build", "--config", tmp_path / "missing.yml")
    assert run.code == 1
    assert "missing.yml:1: -: config file not found" in run.err
    assert "Traceback" not in run.output


def test_an_internal_error_is_reported_as_a_bug_without_traceback(project, monkeypatch):
    import generator.build

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.build, "build_site_model", explode)
    run = project.build()
    assert run.code == 3
    assert "internal error: RuntimeError: boom" in run.err
    assert "Traceback" not in run.output
    debug = odx("--debug", "build", "--config", project.config)
    assert "Traceback" in debug.err
