"""Every file the build reads, copies or writes stays inside the project.

The project is the folder holding ``mkdocs.yml``. The rules, checked by :func:`confine`
before anything is read (past the config) or written:

* **No symbolic links.** The build follows no link: a link anywhere in an input folder (data
  packages, templates, insights, pages), the resources list or the config file is refused,
  wherever it points. A link could publish any file of the machine, such as the repository's
  ``.git/config`` where CI keeps its token; refusing every link is the one rule that is both
  simple and safe (a link that stays inside the project is refused too: copy the file in).
  Pipes, sockets and devices are refused as well: reading one could hang the build.
* **Folders stay inside.** The ``odx`` folder options, ``resources`` and ``site_dir`` must
  name a place inside the project, reached without a link, never inside ``.git/``.
* **The output destroys nothing.** The output folder (``--out``, else ``site_dir``) is
  replaced as a whole, so it may not be the project or hold it, be ``.git`` or inside it,
  be or hold an input (a folder the build reads, the config, ``resources.yml``), or lie
  inside an input folder. It must lie inside the project, except the temporary folder
  ``mkdocs serve`` builds into (see :mod:`generator.mkdocs_plugin`).

Files published byte for byte (downloads, zips, pictures, static assets) are opened through
:func:`open_inside` at the moment they are copied: without following a link, and checked
again once open, so a link put in place after the checks is refused too (:class:`Escaped`).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

NEVER_READ = ".git"  # the repository's own folder: CI keeps its token in .git/config
LINK_FIX = (
    "the build follows no symbolic links (a link could publish any file of the machine, such "
    "as the repository's .git/config): put the file or folder itself here instead"
)
ODD_FIX = "is not a file or a folder (a pipe, socket or device); remove it"


class Escaped(Exception):
    """A file about to be read or copied is not a plain file of the project (any more)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Where:
    """Where a path leads: its real location and what is wrong with it, if anything."""

    real: Path
    wrong: str | None  # "outside", "git" or "link"; None when it is fine


def locate(path: Path, root: Path) -> Where:
    """Where ``path`` leads, for the project ``root`` (a resolved path).

    ``outside`` when it leads out of ``root`` (by ``..``, as an absolute path elsewhere or
    through a link), ``git`` when into a ``.git`` folder, ``link`` when a symbolic link lies
    on the way (inside the project).
    """
    written = path if path.is_absolute() else Path.cwd() / path
    real = Path(os.path.realpath(written))
    lexical = Path(os.path.normpath(written))
    if not (within(real, root) and within(lexical, root)):
        return Where(real, "outside")
    if NEVER_READ in (*real.relative_to(root).parts, *lexical.relative_to(root).parts):
        return Where(real, "git")
    if real != lexical:
        return Where(real, "link")
    return Where(real, None)


def within(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies inside it."""
    return path == folder or folder in path.parents


def shown(path: Path, root: Path) -> str:
    """``path`` as messages show it: relative to the project, never a machine path."""
    lexical = Path(os.path.normpath(path if path.is_absolute() else Path.cwd() / path))
    if within(lexical, root):
        return lexical.relative_to(root).as_posix() or "."
    return Path(os.path.relpath(lexical, root)).as_posix()


# -- opening a file to publish it ------------------------------------------------------------

_READ = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)  # a pipe opens at once (and is refused) instead of hanging
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def open_inside(path: Path, root: Path) -> BinaryIO:
    """Open ``path`` for reading, only if it is a plain file of the project ``root``, reached
    without a link and outside ``.git/``; raise :class:`Escaped` otherwise.

    The last step is opened without following a link, and the open file's real path is
    compared with the expected one, so a link put on the way after the checks is refused.
    """
    where = locate(path, root)
    if where.wrong is not None:
        raise Escaped(path, _ESCAPED[where.wrong])
    try:
        handle = os.open(where.real, _READ)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK):  # O_NOFOLLOW met a link
            raise Escaped(path, _ESCAPED["link"]) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise Escaped(path, ODD_FIX)
        if not _is_at(handle, where.real):
            raise Escaped(path, _ESCAPED["link"])
        os.set_blocking(handle, True)
        return os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise


_ESCAPED = {
    "outside": f"leads out of the project; {LINK_FIX}",
    "git": "is inside .git/, which the build never reads; publish another file",
    "link": f"is (or lies behind) a symbolic link; {LINK_FIX}",
}


def _is_at(handle: int, expected: Path) -> bool:
    """Whether the open file ``handle`` is the file at ``expected`` (no link was swapped in
    on the way since the path was checked)."""
    proc = f"/proc/self/fd/{handle}"
    try:
        return Path(os.readlink(proc)) == expected
    except OSError:  # no /proc: compare the file opened with the file at the path now
        try:
            opened, there = os.fstat(handle), os.stat(expected, follow_symlinks=False)
        except OSError:
            return False
        return (opened.st_dev, opened.st_ino) == (there.st_dev, there.st_ino)
