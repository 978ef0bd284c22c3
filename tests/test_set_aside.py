"""Work set aside for a forked process while this one goes on: a large package's cells
(judged while the gate decides the rest) and its aggregates (made while the home pages
are), with the same findings, the same published view and the same pages."""

from __future__ import annotations

import os

import pytest
from helpers import pilot_sample, snapshot

from generator.build import build, check
from generator.core.workers import aside
from generator.privacy import table_rules
from generator.tenant import pages


def test_a_task_set_aside_runs_in_another_process_while_the_block_runs(pools):
    with aside(os.getpid) as result:
        assert result() != os.getpid()
    assert pools == ["fork"]
    with pytest.raises(RuntimeError, match="asked within its block"):
        result()


def test_a_task_set_aside_raises_what_it_raised():
    def broken() -> int:
        raise ValueError("no such thing")

    with aside(broken) as result, pytest.raises(ValueError, match="no such thing"):
        result()


def test_without_fork_a_task_set_aside_runs_here_once_when_its_result_is_asked(pools):
    calls: list[int] = []

    def task() -> int:
        calls.append(os.getpid())
        return len(calls)

    with aside(task, fork=False) as result:
        assert calls == []
        assert (result(), result()) == (1, 1)
    assert pools == [] and calls == [os.getpid()]


def planted(landlord) -> None:
    """Personal data in free-text cells of two tables of the example package."""
    landlord.edit("investment_plan", 0, programme="call jo.bloggs@example.com")
    landlord.edit("investment_plan", 2, programme="Mrs Jane Smith's kitchen")
    landlord.edit("corrections", 0, proposed_value="07700 900123")


def outcome(result):
    return (
        [str(problem) for problem in result.problems],
        [(r.name, r.table and r.table.rows) for p in result.packages for r in p.resources],
        result.privacy,
    )


def test_cells_judged_aside_give_the_findings_and_view_of_cells_judged_here(
    landlord, pools, monkeypatch
):
    planted(landlord)
    here = check(landlord.project.config, cache=False, jobs=1)
    assert pools == []
    monkeypatch.setattr(table_rules, "FORK_FROM_ROWS", 0)
    aside_ = check(landlord.project.config, cache=False, jobs=2)
    assert pools == ["fork"]
    assert outcome(aside_) == outcome(here)
    found = [str(problem) for problem in here.problems]
    assert len(found) >= 3
    assert any("investment_plan.csv:2: programme:" in line for line in found)
    assert any("investment_plan.csv:4: programme:" in line for line in found)
    assert any("corrections.csv:2: proposed_value:" in line for line in found)


def test_a_clean_package_is_published_alike_with_its_cells_judged_aside(
    landlord, pools, monkeypatch
):
    here = check(landlord.project.config, cache=False, jobs=1)
    monkeypatch.setattr(table_rules, "FORK_FROM_ROWS", 0)
    aside_ = check(landlord.project.config, cache=False, jobs=2)
    assert "fork" in pools and not here.problems
    assert outcome(aside_) == outcome(here)


def test_a_package_whose_aggregates_are_made_aside_gets_the_same_site(landlord, monkeypatch):
    project = landlord.project
    assert build(project.config, cache=False, jobs=1).out is not None
    here = snapshot(project.site)
    monkeypatch.setattr(pages, "FORK_FROM_HOMES", 0)
    monkeypatch.setattr(pages.os, "cpu_count", lambda: 2)
    forked: list[bool] = []
    real = pages.aside

    def recorded(task, fork=True):
        forked.append(fork)
        return real(task, fork)

    monkeypatch.setattr(pages, "aside", recorded)
    assert build(project.config, cache=False, jobs=1).out is not None
    assert forked == [True]
    assert snapshot(project.site) == here


def test_a_pilot_whose_aggregates_are_made_aside_gets_the_same_site(tmp_path, monkeypatch):
    config = pilot_sample(tmp_path / "project")
    assert build(config, cache=False, jobs=1).out is not None
    here = snapshot(config.parent / "site")
    monkeypatch.setattr(pages, "FORK_FROM_HOMES", 0)
    monkeypatch.setattr(pages.os, "cpu_count", lambda: 2)
    assert build(config, cache=False, jobs=1).out is not None
    assert snapshot(config.parent / "site") == here
