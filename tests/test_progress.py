"""A long build tells its progress: on a terminal one line redrawn in place (after a few
seconds, a few times a second at most, cleared at the end); in a pipe or in CI a line per
stage; nothing from the MkDocs plugin or serve (the build's default is silent)."""

from __future__ import annotations

import io

from helpers import Project, odx, table

from generator.core.progress import CLEAR, SILENT, ProgressLine, StageLines, progress_for


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_terminal_gets_the_redrawn_line_and_ci_or_a_pipe_stage_lines():
    assert isinstance(progress_for(Terminal(), {}), ProgressLine)
    assert isinstance(progress_for(Terminal(), {"CI": "true"}), StageLines)
    assert isinstance(progress_for(Terminal(), {"TERM": "dumb"}), StageLines)
    assert isinstance(progress_for(io.StringIO(), {}), StageLines)


def test_a_quick_build_on_a_terminal_prints_nothing():
    stream, clock = Terminal(), Clock()
    progress = ProgressLine(stream, clock=clock)
    progress.stage("load")
    clock.now += 1
    progress.stage("render", 1000)
    progress.advance(512)
    progress.finish()
    assert stream.getvalue() == ""


def test_a_long_render_shows_pages_done_of_the_total_with_an_estimate_then_clears():
    stream, clock = Terminal(), Clock()
    progress = ProgressLine(stream, clock=clock)
    progress.stage("load")
    clock.now += 5
    progress.stage("render", 100_519)
    clock.now += 10
    progress.advance(12_345)
    shown = stream.getvalue()
    assert shown.startswith(CLEAR + "render…")
    assert shown.endswith(CLEAR + "render: 12,345 / 100,519 pages, about 1 min left")
    assert "\n" not in shown
    progress.finish()
    assert stream.getvalue().endswith(CLEAR)


def test_the_line_is_redrawn_a_few_times_a_second_at_most():
    stream, clock = Terminal(), Clock()
    progress = ProgressLine(stream, clock=clock)
    clock.now += 5
    progress.stage("render", 10_000)
    for done in range(256, 10_000, 256):  # batches faster than the eye
        clock.now += 0.01
        progress.advance(done)
    assert stream.getvalue().count(CLEAR) <= 3
    clock.now += 1
    progress.advance(9_984)
    assert stream.getvalue().endswith("render: 9,984 / 10,000 pages, about 1 s left")


def test_stage_lines_say_each_stage_once_and_count_nothing():
    stream = io.StringIO()
    progress = StageLines(stream)
    progress.stage("load")
    progress.stage("render", 100_519)
    progress.advance(50_000)
    progress.stage("write")
    progress.stage("write")
    progress.finish()
    assert stream.getvalue() == "odx: load…\nodx: render 100,519 pages…\nodx: write…\n"


def test_the_silent_progress_says_nothing():
    SILENT.stage("render", 10)
    SILENT.advance(5)
    SILENT.finish()


def _one_package(project: Project) -> None:
    project.package(
        "p", {"t.csv": "id,name\n1,first\n"}, [table("t", [("id", "integer"), ("name", "string")])]
    )


def test_a_build_in_a_pipe_prints_its_stages_and_nothing_else_changes(project):
    _one_package(project)
    run = project.build()
    assert run.code == 0
    stages = run.err.splitlines()
    assert stages[0] == "odx: load…"
    assert all(line.startswith("odx: ") and line.endswith("…") for line in stages)
    assert any(line.startswith("odx: render ") and line.endswith(" pages…") for line in stages)
    assert "\r" not in run.output
    assert run.out.startswith("built ")


def test_a_build_that_fails_prints_its_stages_then_the_problems(project):
    _one_package(project)
    (project.root / "datapackages" / "broken").mkdir()
    (project.root / "datapackages" / "broken" / "datapackage.json").write_text("{")
    run = project.build()
    assert run.code == 1
    assert run.err.startswith("odx: load…\n")
    assert "datapackages/broken/datapackage.json:1:" in run.err
    assert odx("validate", "--config", project.config).err.count("odx: ") == 0


class Recorder(SILENT.__class__):
    def __init__(self) -> None:
        self.stages: list[tuple[str, int | None]] = []
        self.done: list[int] = []

    def stage(self, name: str, total: int | None = None) -> None:
        self.stages.append((name, total))

    def advance(self, done: int) -> None:
        self.done.append(done)


def test_forked_workers_count_the_pages_they_render(project, monkeypatch):
    from generator import build
    from generator.core import workers
    from generator.publish import render

    _one_package(project)
    monkeypatch.setattr(render, "PARALLEL_MIN_PAGES", 1)
    monkeypatch.setattr(render, "BATCH", 1)
    monkeypatch.setattr(workers, "POLL", 0.001)
    recorder = Recorder()
    result = build.build(project.config, jobs=2, progress=recorder)
    assert not result.problems
    assert ("render", result.pages) in recorder.stages
    assert recorder.done == sorted(recorder.done)
    assert recorder.done[-1] == result.pages
