"""Work set aside for a forked process while this one goes on: a large package's cells
(judged while the gate decides the rest) and its aggregates (made while the home pages
are), with the same findings, the same published view and the same pages."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from helpers import pilot_sample, snapshot, text_table

from generator.build import build, check
from generator.core.workers import aside
from generator.load.findings import Finding
from generator.privacy import table_rules
from generator.privacy.table_rules import in_package_order, rule_findings, two_shares
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


def package_of(*resources):
    """A package as the gate reads it: its tables, in order."""
    return SimpleNamespace(resources=list(resources))


def refs_table(name: str, rows: int, ids: bool = False, planted: dict[int, str] | None = None):
    """A table ``name`` of ``rows`` rows: a home's ref repeated over eight rows, a kind of
    part and, with ``ids``, an id of its own in each row; ``planted`` texts replace the kind
    of part of the rows at their index."""
    planted = planted or {}
    columns = ["home_ref", "component_type", *(["plan_line_id"] if ids else [])]
    return text_table(
        name,
        columns,
        [
            [
                f"H{index // 8:06d}",
                planted.get(index, ("kitchen", "bathroom", "roof")[index % 3]),
                *([f"PL-{index}"] if ids else []),
            ]
            for index in range(rows)
        ],
    )


def test_the_tables_are_shared_out_so_that_each_share_judges_about_as_many_values():
    homes = refs_table("homes", 2_000)
    components = refs_table("components", 16_000)
    plan = refs_table("investment_plan", 5_000, ids=True)  # 5,000 ids of its own
    package = package_of(homes, components, plan)
    larger, smaller = two_shares(package)
    assert sorted(larger + smaller) == ["components", "homes", "investment_plan"]
    # The plan's ids are most of the judging; the tables of the same refs go together.
    assert larger == ["investment_plan"]
    assert smaller == ["components", "homes"]


def test_findings_of_tables_judged_in_shares_come_back_in_the_package_order():
    package = package_of(*(refs_table(name, 10) for name in ("homes", "components", "plan")))
    found = [
        Finding("plan", 2, "home_ref", "a"),
        Finding("homes", 3, "home_ref", "b"),
        Finding("plan", 3, "home_ref", "c"),
        Finding("homes", 2, "home_ref", "d"),
    ]
    assert [f.message for f in in_package_order(package, found)] == ["b", "d", "a", "c"]


def test_the_findings_of_two_shares_are_those_of_the_whole_package():
    tables = [
        refs_table("homes", 400, ids=True, planted={5: "call jo.bloggs@example.com"}),
        refs_table("components", 400, ids=True, planted={1: "call jo.bloggs@example.com"}),
        refs_table("plan", 400, ids=True, planted={7: "07700 900123"}),
    ]
    package = package_of(*tables)
    larger, smaller = two_shares(package)
    assert larger and smaller
    shared = in_package_order(
        package, rule_findings(package, smaller) + rule_findings(package, larger)
    )
    assert shared == rule_findings(package)
    assert [(f.resource, f.record) for f in shared] == [
        ("homes", 7),
        ("components", 3),
        ("plan", 9),
    ]


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
