"""A worker process the system stops before its work is done (killed for lack of memory,
most often) stops the build with a message that says so and exit code 4, publishing
nothing, instead of leaving it waiting for the lost work for ever."""

from __future__ import annotations

import os
import signal

import pytest
from helpers import render_on_two_workers, snapshot

import generator.publish.render
from generator.core.workers import WorkerLost, aside, forked_map


def killed_at(item: int) -> int:
    """A task whose worker the system kills at item 2."""
    if item == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return item * 10


def test_a_worker_killed_among_many_stops_the_map_with_the_signal_that_stopped_it():
    with pytest.raises(WorkerLost, match=r"a worker process stopped \(signal 9\)") as lost:
        forked_map(killed_at, [0, 1, 2, 3], 2)
    assert lost.value.exitcode == -signal.SIGKILL
    assert forked_map(killed_at, [0, 1, 3], 2) == [0, 10, 30]  # the next pool works


def test_a_worker_that_exits_with_work_in_hand_stops_the_map():
    def leaves(item: int) -> int:
        os._exit(7)

    with pytest.raises(WorkerLost, match=r"\(exit code 7\)"):
        forked_map(leaves, [1], 1)


def test_a_task_set_aside_whose_worker_is_killed_raises_when_its_result_is_asked():
    with aside(lambda: killed_at(2)) as result, pytest.raises(WorkerLost, match="--jobs 1"):
        result()


def test_a_render_worker_killed_stops_the_build_with_exit_code_4_and_publishes_nothing(
    landlord, monkeypatch
):
    assert landlord.project.build().code == 0
    before = snapshot(landlord.project.site)
    real = generator.publish.render._write_share

    def killed_in_the_second_share(*args, **kwargs):
        if args[4] == 1:  # (model, environment, base path, root, share)
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    monkeypatch.setattr(generator.publish.render, "_write_share", killed_in_the_second_share)
    render_on_two_workers(monkeypatch)
    run = landlord.project.build()
    assert run.code == 4
    assert "odx: a worker process stopped (signal 9) before its work was done" in run.err
    assert "nothing was published" in run.err
    assert "internal error" not in run.err and "Traceback" not in run.err
    assert snapshot(landlord.project.site) == before
