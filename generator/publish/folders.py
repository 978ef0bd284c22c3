"""Make the folders of the home pages ahead of rendering, in a process of their own.

On a disk such as ext4, making a folder costs the kernel about 0.3 ms, more than rendering
the page that goes in it, and every home has one (``homes/<ref>/``: its page, or with a
pilot cohort the page that says it is not in the pilot yet). The homes are known as soon as
the tables are loaded; while this process runs the privacy gate and makes the site model
(one core), a small child process makes those folders in the staging folder (the other).

The child makes them last home first, and stops at the first folder that exists already:
the renderers, which make any folder still missing, have been there. After rendering,
:meth:`FolderMaker.finish` ends the child and removes the folders no page went into (a home
the gate left out, say), so the output is the same with or without this head start.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.core import urls
from generator.load.package_data import PackageData

MIN_FOLDERS = 2_000  # below this, starting a process costs more than it saves
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")  # refs made into folders here; others wait
_CHILD = """
import os, sys
root = sys.argv[1]
for name in reversed(sys.stdin.read().split()):
    try:
        os.mkdir(os.path.join(root, name))
    except OSError:  # made by a renderer already (or the staging folder is gone): stop
        break
"""


def home_folders(packages: Iterable[PackageData]) -> list[str]:
    """The folder of every home of the ODX packages' ``homes`` tables, in table order."""
    folders = []
    for package in packages:
        resource = package.resource("homes") if package.profile is not None else None
        table = resource.table if resource is not None else None
        position = table.index("home_ref") if table is not None else None
        if table is None or position is None:
            continue
        for row in table.rows:
            ref = row[position] if position < len(row) else None
            if isinstance(ref, str) and _PLAIN.fullmatch(ref):
                folders.append(urls.home(ref).rstrip("/"))
    return folders


class FolderMaker:
    """The child process that makes page folders in the staging folder ahead of the
    renderers; ``staging`` is None until :meth:`start` made the staging folder."""

    def __init__(self) -> None:
        self.staging: Path | None = None
        self.folders: list[str] = []
        self._child: subprocess.Popen[bytes] | None = None

    def start(self, new_staging: Callable[[], Path], folders: list[str]) -> None:
        """Make the staging folder (``new_staging()``) and start making ``folders`` in it;
        nothing for a few folders, nor on one core."""
        if len(folders) < MIN_FOLDERS or (os.cpu_count() or 1) < 2:
            return
        self.staging = new_staging()
        for parent in sorted({os.path.dirname(folder) for folder in folders}):
            os.makedirs(self.staging / parent, exist_ok=True)
        self.folders = folders
        self._child = subprocess.Popen(
            [sys.executable, "-I", "-c", _CHILD, str(self.staging)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert self._child.stdin is not None
        self._child.stdin.write("\n".join(folders).encode("ascii"))
        self._child.stdin.close()

    def abandon(self) -> None:
        """End the child and remove the staging folder: the build stops before rendering."""
        self.stop()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    def stop(self) -> None:
        """End the child, if it is still making folders."""
        if self._child is not None:
            if self._child.poll() is None:
                self._child.kill()
            self._child.wait()
            self._child = None

    def finish(self, page_urls: Iterable[str]) -> None:
        """End the child and remove the folders it made that no page (of ``page_urls``)
        went into."""
        self.stop()
        if self.staging is None:
            return
        used = {os.path.dirname(urls.output_file(url)) for url in page_urls}
        for folder in set(self.folders) - used:
            with contextlib.suppress(OSError):  # never made, or holds a file after all
                os.rmdir(self.staging / folder)
