"""Two ways to share work among forked processes, for the stages that need it: many items
shared among workers (validating the tables of a large package, rendering many pages), and
one task run beside the work of this process (the privacy gate's cell rules).

The work is handed to the workers by ``fork``, not by pickling: the task and everything it
reaches (a package's plans, the whole site model) are shared copy-on-write, and only the
items (small numbers) and the results travel between processes. Callers decide whether the
work is worth forking; :func:`can_fork` says whether this system can.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

POLL = 0.2  # seconds between two calls of ``waiting``
_TASK: Callable[[Any], Any] | None = None  # the task of the pool being run, for its workers


class WorkerLost(RuntimeError):
    """A forked worker stopped before its work was done (killed, most often for lack of
    memory, or crashed): its work is lost, so the caller stops instead of waiting for it."""

    def __init__(self, exitcode: int | None) -> None:
        signal = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else None
        super().__init__(
            f"a worker process stopped ({signal or f'exit code {exitcode}'}) before its work "
            "was done, most often because the system ran short of memory; nothing was "
            "published. Try again with --jobs 1 (one process, less memory)"
        )
        self.exitcode = exitcode


def can_fork() -> bool:
    """Whether this system can fork workers (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def forked_map(
    task: Callable[[Item], Result],
    items: Sequence[Item],
    workers: int,
    *,
    meanwhile: Callable[[], None] | None = None,
    freeze: bool = False,
    waiting: Callable[[], None] | None = None,
) -> list[Result]:
    """``task(item)`` for every item, in order, run by ``workers`` forked processes, one
    item at a time. ``meanwhile`` is work of this process done while the workers work.
    ``freeze`` moves what exists now out of the collector's sight first: the forked workers
    then do not copy that memory by walking it."""
    global _TASK
    _TASK = task
    if freeze:
        gc.freeze()
    try:
        with _watched_pool(workers) as (pool, watch):
            pending = pool.map_async(_run, items, chunksize=1)
            if meanwhile is not None:
                meanwhile()
            return watch.result(pending, waiting)
    finally:
        _TASK = None
        if freeze:
            gc.unfreeze()


def _run(item: Any) -> Any:
    assert _TASK is not None
    return _TASK(item)


@contextmanager
def aside(task: Callable[[], Result], fork: bool = True) -> Iterator[Callable[[], Result]]:
    """Run ``task`` in a forked process while the block runs; the block gets a function
    that waits for the task's result and returns it (raising what the task raised). The
    result is asked for within the block: the process is stopped when the block ends.

    The task sees this process as it was when the block began (copy-on-write), so it must
    read only what the block leaves alone. Without ``fork``, or where this system cannot
    fork, the task runs in this process when its result is first asked for.
    """
    if not fork or not can_fork():
        done: list[Result] = []

        def here() -> Result:
            if not done:
                done.append(task())
            return done[0]

        yield here
        return
    global _TASK
    _TASK = lambda _: task()  # noqa: E731 - the forked worker calls it with its item
    frozen_before = gc.get_freeze_count() > 0  # a caller froze it: it unfreezes it too
    gc.freeze()  # the worker does not copy this process's memory by walking it
    try:
        with _watched_pool(1) as (pool, watch):
            pending = pool.apply_async(_run, (None,))
            _TASK = None  # the worker has its own copy; this process needs it no more
            open_ = [True]

            def result() -> Result:
                if not open_:
                    raise RuntimeError("the result of a task set aside is asked within its block")
                return watch.result(pending)

            try:
                yield result
            finally:
                open_.clear()  # the worker is stopped with the block
    finally:
        _TASK = None
        if not frozen_before:
            gc.unfreeze()


class _Watch:
    """The worker processes a pool started, to notice one that stopped with work in hand
    (a pool replaces the worker but loses its task, and would be waited for for ever)."""

    def __init__(self, workers: list[multiprocessing.process.BaseProcess]) -> None:
        self.workers = workers

    def result(self, pending: AsyncResult[Any], waiting: Callable[[], None] | None = None) -> Any:
        """Wait for ``pending`` and return its result, calling ``waiting`` every
        :data:`POLL` seconds; raise :class:`WorkerLost` when a worker stopped before the
        work was all done."""
        while not pending.ready():
            pending.wait(POLL)
            if waiting is not None:
                waiting()
            for worker in self.workers:
                if worker.exitcode is not None and not pending.ready():
                    raise WorkerLost(worker.exitcode)
        return pending.get()


@contextmanager
def _watched_pool(workers: int) -> Iterator[tuple[Pool, _Watch]]:
    """A pool of ``workers`` forked processes, stopped when the block ends, and its watch."""
    before = {child.pid for child in multiprocessing.active_children()}
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        started = [c for c in multiprocessing.active_children() if c.pid not in before]
        yield pool, _Watch(started)
