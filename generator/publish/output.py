"""Write the site into a fresh folder beside the output and swap it in only on success.

A failed build leaves the previous output exactly as it was: everything is written into
``.<out>.building-<pid>`` next to ``out`` and renamed into place at the very end.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.core.confinement import NEVER_READ, open_inside
from generator.core.file_tree import plain_files
from generator.structure.page import CopiedFile, MadeFiles, ZipArchive

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same package gives the same zip


@contextmanager
def staging_folder(
    out: Path,
    before_swap: Callable[[], None] | None = None,
    large: Callable[[], bool] | None = None,
    carried: Sequence[str] = (),
) -> Iterator[Path]:
    """A new empty folder beside ``out``; renamed to ``out`` if the block succeeds.

    ``before_swap`` runs after the block succeeded, just before the swap. ``carried`` are
    paths (``homes/``, ``a.zip``) moved from ``out`` into the new folder at the swap; when
    ``large()`` says the site is large, the previous output is removed in the background.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(out)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        yield staging
        if before_swap is not None:
            before_swap()
        swap_in(staging, out, carried, remove_in_background=large is not None and large())
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


_LEFT_BEHIND = re.compile(r"\.(?P<name>.+)\.(?:building|old)-(?P<pid>\d+)(?:-[0-9a-f]+)?")


def remove_abandoned(out: Path) -> list[str]:
    """Remove the staging and retired folders that builds of ``out`` left behind when they
    were killed (their process is gone); return their names. A folder of a build that is
    still running is left alone."""
    removed = []
    for entry in out.parent.iterdir():
        found = _LEFT_BEHIND.fullmatch(entry.name)
        if not found or found["name"] != out.name or not entry.is_dir():
            continue
        pid = int(found["pid"])
        if pid != os.getpid() and _running(pid):
            continue
        if entry.name.startswith(f".{out.name}.old-"):
            remove_later(entry)  # maybe large: deleted in the background
        else:
            shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry.name)
    return removed


def _running(pid: int) -> bool:
    if os.name != "posix":  # os.kill would end the process there: assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no way to tell: leave its folder alone
        return True
    return True


class CarryFailure(Exception):
    """A path to carry from the previous output was not there any more."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def swap_in(
    staging: Path, out: Path, carried: Sequence[str] = (), remove_in_background: bool = False
) -> None:
    """Move the ``carried`` paths from ``out`` into ``staging``, then replace ``out`` by
    ``staging`` with two renames; on any failure every path goes back and ``out`` is as it
    was. The old output is removed after, by a process of its own when
    ``remove_in_background`` (deleting 100,000 files can take longer than building them)."""
    moved: list[str] = []
    retired = out.parent / f".{out.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        for path in carried:
            source, target = out / path, staging / path
            if not source.exists():
                raise CarryFailure(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(source, target)
            moved.append(path)
        if out.exists():
            os.replace(out, retired)
        try:
            os.replace(staging, out)
        except BaseException:
            if retired.exists():
                os.replace(retired, out)
            raise
    except BaseException:
        for path in reversed(moved):
            os.rename(staging / path, out / path)
        raise
    if not retired.exists():
        return
    if remove_in_background:
        remove_later(retired)
    else:
        shutil.rmtree(retired, ignore_errors=True)


def remove_later(folder: Path) -> None:
    """Remove ``folder`` in a detached process that outlives this one."""
    remover = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        subprocess.Popen(
            [sys.executable, "-c", remover, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


@dataclass(frozen=True)
class SiteSize:
    """How big a written site is: bytes and files in all, and bytes per top-level folder."""

    total: int
    files: int
    folders: tuple[tuple[str, int], ...]  # biggest first; files at the top level count as "/"

    def biggest(self, count: int = 5) -> tuple[tuple[str, int], ...]:
        """The ``count`` biggest top-level folders, as (name, bytes)."""
        return self.folders[:count]


Written = dict[str, int]
"""Bytes of each file a build wrote, by its path (as written: the staging folder joined to
the file's place). The site's size is added up from it rather than by reading the folder
back, which costs a system call or two for each of 100,000 pages."""


def folder_sizes(root: Path, folder: str = "") -> Written:
    """The apparent size of every plain file under ``root/folder`` (links are not followed),
    keyed as :data:`Written` is; none when there is no such folder."""
    start = os.path.join(root, folder) if folder else str(root)
    return {entry.path: entry.stat(follow_symlinks=False).st_size for entry in plain_files(start)}


def measure(
    root: Path,
    written: Mapping[str, int],
    watched: Iterable[str] = (),
    elsewhere: Mapping[str, tuple[int, int]] | None = None,
) -> tuple[SiteSize, dict[str, tuple[int, int]]]:
    """Add up the apparent size of every file ``written`` under ``root``.

    ``elsewhere`` gives (bytes, files) of paths that will join ``root`` later (carried at
    the swap: ``homes/``, ``a.zip``, relative to ``root``, folders ending with ``/``). Also
    returns (bytes, files) of each of the ``watched`` paths found.
    """
    watching = set(watched)
    found: dict[str, list[int]] = {}
    by_folder: dict[str, int] = {}  # top-level folder ("/" for files at the top) → bytes
    files = 0

    def add(top: str, size: int, count: int, owners: Iterable[str]) -> None:
        nonlocal files
        by_folder[top] = by_folder.get(top, 0) + size
        files += count
        for owner in owners:
            totals = found.setdefault(owner, [0, 0])
            totals[0] += size
            totals[1] += count

    for relative, (size, count) in (elsewhere or {}).items():  # not in ``root`` yet
        top = relative.split("/", 1)[0] + "/" if "/" in relative else "/"
        add(top, size, count, (relative,) if relative in watching else ())
    prefix = len(str(root)) + 1
    for path, size in written.items():
        relative = path[prefix:].replace(os.sep, "/")
        cut = relative.find("/")
        top = relative[: cut + 1] if cut >= 0 else "/"
        owners: list[str] = []
        if watching:
            while cut >= 0:  # every folder the file is in, then the file itself
                if relative[: cut + 1] in watching:
                    owners.append(relative[: cut + 1])
                cut = relative.find("/", cut + 1)
            if relative in watching:
                owners.append(relative)
        add(top, size, 1, owners)
    folders = tuple(sorted(by_folder.items(), key=lambda item: (-item[1], item[0])))
    site_size = SiteSize(sum(by_folder.values()), files, folders)
    return site_size, {path: (totals[0], totals[1]) for path, totals in found.items()}


def write_text(
    root: Path,
    relative: str,
    text: str,
    previous: Path | None = None,
    written: Written | None = None,
) -> int:
    """Write ``text`` as UTF-8 at ``root/relative``; return the bytes written (and note
    them in ``written``).

    When ``previous/relative`` (the file in the previous output) holds the same bytes, the
    new file takes its mtime: it did not change.
    """
    target = os.path.join(root, relative)  # plain os calls: 100,000 pages, no Path objects
    data = text.encode("utf-8")
    try:
        handle = os.open(target, _NEW_FILE, 0o666)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle = os.open(target, _NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    finally:
        os.close(handle)
    if previous is not None:
        keep_time_if_same(target, os.path.join(previous, relative), data)
    if written is not None:
        written[target] = len(data)
    return len(data)


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def keep_time_if_same(target: str | Path, old: str | Path, data: bytes) -> bool:
    """Give ``target`` (just written with ``data``) the mtime of ``old`` if ``old`` holds
    the same bytes; return whether it did."""
    try:
        status = os.stat(old)
        if status.st_size != len(data):
            return False
        with open(old, "rb") as handle:
            if handle.read() != data:
                return False
        os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    except OSError:
        return False
    return True


def copy_files(
    root: Path, files: Iterable[CopiedFile], project: Path, written: Written | None = None
) -> int:
    """Copy each file byte for byte to its URL (or write its content); return how many
    (and note each one's bytes in ``written``).

    Each source is opened with :func:`~generator.core.confinement.open_inside`: a file that is
    not (any more) a plain file of the ``project`` raises
    :class:`~generator.core.confinement.Escaped`.
    """
    copied = 0
    for file in files:
        target = _target(root, file.url)
        target.parent.mkdir(parents=True, exist_ok=True)
        if file.content is not None:
            target.write_bytes(file.content)
        else:
            _copy(file.source, target, project)
        _note(written, target)
        copied += 1
    return copied


def _target(root: Path, url: str) -> Path:
    """Where ``url`` is written below ``root``: never above it."""
    target = Path(os.path.normpath(root / url))
    if root not in target.parents:
        raise ValueError(f"{url!r} is not an address inside the site")
    return target


def _copy(source: Path, target: Path, project: Path) -> None:
    with open_inside(source, project) as reader, target.open("wb") as writer:
        shutil.copyfileobj(reader, writer, 1 << 20)


def _note(written: Written | None, target: Path, size: int | None = None) -> None:
    """Note in ``written`` the bytes of the file just written at ``target``."""
    if written is not None:
        written[str(target)] = target.stat().st_size if size is None else size


def copy_tree(source: Path, target: Path, project: Path, written: Written | None = None) -> int:
    """Copy the static assets folder; return how many files were copied (and note each
    one's bytes in ``written``).

    Links, pipes and the like are never followed (:class:`~generator.core.confinement.Escaped`),
    and a ``.git`` folder is never read.
    """
    if not source.is_dir():
        return 0
    copied = 0
    pending = [Path()]
    while pending:
        relative = pending.pop()
        (target / relative).mkdir(parents=True, exist_ok=True)
        with os.scandir(source / relative) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name == NEVER_READ:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    pending.append(relative / entry.name)
                else:  # a file, or a link or pipe that open_inside refuses
                    copied_to = target / relative / entry.name
                    _copy(Path(entry.path), copied_to, project)
                    _note(written, copied_to)
                    copied += 1
    return copied


def write_archives(
    root: Path, archives: Iterable[ZipArchive], project: Path, written: Written | None = None
) -> int:
    """Write each zip with fixed timestamps (same input, same bytes); each member is read
    through :func:`~generator.core.confinement.open_inside`, like every copied file. Return
    how many (and note each one's bytes in ``written``)."""
    count = 0
    for archive in archives:
        target = _target(root, archive.url)
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            for name, source in archive.members:
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                if isinstance(source, bytes):
                    bundle.writestr(info, source)
                    continue
                with open_inside(source, project) as reader, bundle.open(info, "w") as writer:
                    shutil.copyfileobj(reader, writer, 1 << 20)
        _note(written, target)
        count += 1
    return count


def write_made(root: Path, made: Iterable[MadeFiles], written: Written | None = None) -> int:
    """Write the files the build makes one at a time (the rows of a table as JSON pages);
    return how many (and note each one's bytes in ``written``)."""
    count = 0
    for files in made:
        for url, data in zip(files.urls, files.make(), strict=True):
            target = _target(root, url)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            _note(written, target, len(data))
            count += 1
    return count
