"""The plain files of a folder, at any depth, for the stages that add up what was written.

Links are never followed, and neither they nor pipes and the like are listed: only what a
build writes (folders and plain files) is counted.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def plain_files(folder: str | Path) -> Iterator[os.DirEntry[str]]:
    """Every plain file below ``folder``, at any depth; none when there is no such folder."""
    pending = [str(folder)] if os.path.isdir(folder) else []
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    yield entry
