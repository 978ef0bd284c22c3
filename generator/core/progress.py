"""What a long build tells the person waiting for it: its stage and, while the pages
render, how many are done out of how many and about how long is left.

On a terminal (and not in CI) nothing shows for the first few seconds; then one line is
redrawn in place (``render: 12,345 / 100,519 pages, about 40 s left``), a few times a second
at most, and cleared when the build ends, so a quick build prints nothing extra. Anywhere else
(a pipe, a log file, CI) each stage is one line (``odx: load…``) and nothing is redrawn. The
build calls :meth:`Progress.advance` with counts gathered in batches, so telling costs the
render loop nothing it would notice. :data:`SILENT` says nothing (the MkDocs plugin, serve).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from typing import TextIO

DELAY = 3.0  # seconds before a terminal shows the progress line
INTERVAL = 0.25  # seconds between two redraws of the line, at least
CLEAR = "\r\x1b[K"  # back to the start of the line, and clear it


class Progress:
    """Says nothing: the interface the build calls, and what it gets by default."""

    def stage(self, name: str, total: int | None = None) -> None:
        """A stage begins; ``total`` is how many pages it renders, when it counts them."""

    def advance(self, done: int) -> None:
        """``done`` pages of the current stage are finished (a running total)."""

    def finish(self) -> None:
        """The build has ended (well or not): leave the terminal as it was."""


SILENT = Progress()


class StageLines(Progress):
    """One line per stage, the first time it begins, and no counting."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.told: set[str] = set()

    def stage(self, name: str, total: int | None = None) -> None:
        if name in self.told:
            return
        self.told.add(name)
        what = f"{name} {total:,} pages" if total is not None else name
        self.stream.write(f"odx: {what}…\n")
        self.stream.flush()


class ProgressLine(Progress):
    """One line redrawn in place, after :data:`DELAY` seconds, at most every
    :data:`INTERVAL` seconds; cleared by :meth:`finish`."""

    def __init__(
        self,
        stream: TextIO,
        clock: Callable[[], float] = time.monotonic,
        delay: float = DELAY,
        interval: float = INTERVAL,
    ) -> None:
        self.stream = stream
        self.clock = clock
        self.delay = delay
        self.interval = interval
        self.began = clock()
        self.name = ""
        self.total: int | None = None
        self.stage_began = self.began
        self.drawn_at: float | None = None  # when the line was last drawn; None: not shown
        self.lock = threading.Lock()

    def stage(self, name: str, total: int | None = None) -> None:
        with self.lock:
            self.name, self.total = name, total
            self.stage_began = self.clock()
            self._draw(f"{name}…", force=True)

    def advance(self, done: int) -> None:
        with self.lock:
            if self.total is None:
                return
            text = f"{self.name}: {done:,} / {self.total:,} pages"
            elapsed = self.clock() - self.stage_began
            if 0 < done < self.total and elapsed > 0:
                text += f", {_left(elapsed / done * (self.total - done))}"
            self._draw(text)

    def finish(self) -> None:
        with self.lock:
            if self.drawn_at is not None:
                self.stream.write(CLEAR)
                self.stream.flush()
                self.drawn_at = None

    def _draw(self, text: str, force: bool = False) -> None:
        now = self.clock()
        if now - self.began < self.delay:
            return
        if not force and self.drawn_at is not None and now - self.drawn_at < self.interval:
            return
        self.stream.write(CLEAR + text)
        self.stream.flush()
        self.drawn_at = now


def _left(seconds: float) -> str:
    """``about 40 s left``, ``about 3 min left``."""
    if seconds < 60:
        return f"about {max(1, round(seconds))} s left"
    return f"about {round(seconds / 60)} min left"


def progress_for(stream: TextIO, environ: Mapping[str, str] | None = None) -> Progress:
    """How a build tells its progress on ``stream``: a redrawn line on a terminal, stage
    lines in CI (``CI`` set, as GitHub Actions and most services set it), in a pipe or a
    file, or on a terminal that cannot redraw (``TERM=dumb``)."""
    env = os.environ if environ is None else environ
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        terminal = False
    if terminal and not env.get("CI") and env.get("TERM", "") != "dumb":
        return ProgressLine(stream)
    return StageLines(stream)
