"""Incremental builds: carry the unchanged parts of the previous output into the new one.

A site is mostly parts that are costly to make and rarely change: the tenant view (a page
per home, the area pages, each landlord's overview) and each package's downloads and zip.
The site model names these parts and gives each a *fingerprint*: a hash of everything the
part is made from (package contents, options, the templates it uses, the navigation).

A finished build records its parts in a manifest in the cache folder (one per output
folder). The next build that makes a part with the same fingerprint does not make it again:
at the swap, it moves the part's folders from the previous output into its staging folder
(a rename per folder, whatever it holds; see :func:`generator.publish.output.swap_in`), so their
files are not rewritten and keep their mtime, and the previous site stays whole while the
build runs. Every other page is rendered again, and a file that comes out byte for byte as
before takes the previous file's mtime, so only what changed looks changed. If the swap
fails, the moved folders go back and the previous output is as it was.

The manifest is forgotten before a new output is swapped in and written after, so a build
that stops half way leaves no manifest that could describe the wrong files. It also records
the identity of each path it lists (device and inode, which a file's author cannot choose):
a part is carried only from the very folders and files the last build on this machine
wrote, never through a link. An output folder and a manifest that arrived some other way
(committed to the repository with links in them, say) are not carried into a site: their
parts are made again from the inputs, which the build checks.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta

from generator import __version__
from generator.core.file_tree import plain_files
from generator.load.validation_cache import generator_fingerprint

MANIFEST_FORMAT = 2
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Part:
    """Output paths made from one set of inputs (``fingerprint``).

    ``paths`` are relative to the output folder: a folder ends with ``/`` (``homes/``),
    a file does not (``downloads/sample.zip``). ``facts`` is what the rest of the site needs
    to know about the part when it is carried rather than made (JSON-able).
    """

    name: str
    fingerprint: str
    paths: tuple[str, ...]
    facts: Any = None
    sizes: dict[str, tuple[int, int]] | None = None  # path → (bytes, files), once written


def fingerprint(*inputs: Any) -> str:
    """A hash of ``inputs`` (plain values: their ``repr`` is hashed, so keys of any type are
    fine) and of the generator itself (its code, data and libraries)."""
    digest = hashlib.sha256()
    digest.update(generator_fingerprint().encode())
    digest.update(repr([MANIFEST_FORMAT, inputs]).encode())
    return digest.hexdigest()


def templates_fingerprint(templates_dir: Path, names: Iterable[str]) -> str:
    """A hash of the templates ``names`` and of every template they extend, include or import.

    When a template names another with an expression (not a plain string), every template
    of the folder is hashed: which ones it uses cannot be known without rendering.
    """
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir))
    pending, seen = list(names), set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source = (templates_dir / name).read_text(encoding="utf-8")
            referenced = list(jinja2.meta.find_referenced_templates(environment.parse(source)))
        except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
            referenced = []  # the build reports the broken template itself
        if None in referenced:
            seen.update(p.relative_to(templates_dir).as_posix() for p in _templates(templates_dir))
            break
        pending.extend(r for r in referenced if r is not None)
    digest = hashlib.sha256()
    for name in sorted(seen):
        digest.update(name.encode() + b"\0")
        try:
            digest.update((templates_dir / name).read_bytes())
        except OSError:
            digest.update(b"\1missing")
        digest.update(b"\0")
    return digest.hexdigest()


def _templates(templates_dir: Path) -> Iterator[Path]:
    static = templates_dir / "static"
    for path in sorted(templates_dir.rglob("*")):
        if path.is_file() and static not in path.parents:
            yield path


@dataclass(frozen=True)
class OutputManifest:
    """The parts a finished build wrote into ``out``, by name."""

    out: Path
    parts: dict[str, Part]

    def carried(self, part: Part) -> Part | None:
        """The previous ``part`` when the new one has the same fingerprint, else None."""
        previous = self.parts.get(part.name)
        if previous is None or previous.fingerprint != part.fingerprint:
            return None
        return previous


def manifest_path(cache_dir: Path, out: Path) -> Path:
    """Where the manifest of the output folder ``out`` is kept."""
    name = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:24]
    return cache_dir / "outputs" / f"{name}.json"


def read_manifest(cache_dir: Path, out: Path) -> OutputManifest | None:
    """The manifest of ``out``, keeping only parts whose paths are all still there."""
    try:
        stored = json.loads(manifest_path(cache_dir, out).read_text(encoding="utf-8"))
        if stored.get("format") != MANIFEST_FORMAT or stored.get("version") != __version__:
            return None
        if stored.get("out") != str(out.resolve()):
            return None
        parts = {
            entry["name"]: Part(
                entry["name"],
                entry["fingerprint"],
                tuple(entry["paths"]),
                entry.get("facts"),
                {path: (int(size), int(count)) for path, (size, count) in entry["sizes"].items()},
            )
            for entry in stored["parts"]
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    identities = stored.get("identities")
    if not isinstance(identities, dict):
        return None
    present = {
        name: part
        for name, part in parts.items()
        if all(_plain(path) and _same(identities.get(path), out / path) for path in part.paths)
        and _whole(part, out)
    }
    return OutputManifest(out.resolve(), present)


def _whole(part: Part, out: Path) -> bool:
    """Whether every path of ``part`` still holds as many files as the build wrote there (a
    file deleted by hand inside a carried folder makes the part again)."""
    if part.sizes is None:
        return False
    for path in part.paths:
        recorded = part.sizes.get(path)
        if recorded is None or _file_count(out / path) != recorded[1]:
            return False
    return True


def _file_count(path: Path) -> int:
    """How many files are at or below ``path`` (links and other entries not counted)."""
    if not path.is_dir():
        return 1 if path.is_file() else 0
    return sum(1 for _ in plain_files(path))


def _same(recorded: Any, path: Path) -> bool:
    """Whether ``path`` is still the very file or folder whose identity was ``recorded``."""
    now = _identity(path)
    return now is not None and recorded == now


def _plain(path: str) -> bool:
    """Whether ``path`` names a place inside the output folder (no ``..``, not absolute)."""
    parts = path.rstrip("/").split("/")
    return bool(path) and not path.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def _identity(path: Path) -> list[int] | None:
    """What tells the file or folder at ``path`` from any other put there since (a link
    has none: it is never carried)."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(status.st_mode):
        return None
    return [status.st_dev, status.st_ino]


def forget_manifest(cache_dir: Path, out: Path) -> None:
    """Remove the manifest of ``out`` (its files are about to change); a cache that cannot
    be written is skipped, as by :func:`write_manifest`."""
    with contextlib.suppress(OSError):
        manifest_path(cache_dir, out).unlink(missing_ok=True)


def write_manifest(
    cache_dir: Path, out: Path, parts: Iterable[Part], sizes: dict[str, tuple[int, int]]
) -> None:
    """Record the parts just written into ``out`` with the (bytes, files) of each of their
    paths (a path missing from ``sizes`` was not written); a cache that cannot be written
    is skipped."""
    parts = list(parts)
    target = manifest_path(cache_dir, out)
    partial = target.with_name(f".{target.name}.{os.getpid()}")
    document = {
        "format": MANIFEST_FORMAT,
        "version": __version__,
        "out": str(out.resolve()),
        "identities": {
            path: _identity(out / path) for part in parts for path in part.paths if path in sizes
        },
        "parts": [
            {
                **asdict(part),
                "paths": [path for path in part.paths if path in sizes],
                "sizes": {path: sizes[path] for path in part.paths if path in sizes},
            }
            for part in parts
        ],
    }
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(document, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
    prune_manifests(cache_dir)


_OUT = re.compile(rb'"out":("(?:[^"\\]|\\.)*")')


def prune_manifests(cache_dir: Path) -> int:
    """Remove the manifests of output folders that are gone (``mkdocs serve`` builds into a
    new temporary folder each time it starts); returns how many were removed."""
    removed = 0
    with contextlib.suppress(OSError):
        for manifest in (cache_dir / "outputs").glob("*.json"):
            with manifest.open("rb") as handle:
                found = _OUT.search(handle.read(65_536))
            try:
                out = json.loads(found.group(1)) if found else None
            except ValueError:
                out = None
            if not isinstance(out, str) or not Path(out).is_dir():
                manifest.unlink(missing_ok=True)
                removed += 1
    return removed


def keep_unchanged_times(previous: Path, staging: Path, skip: Iterable[str] = ()) -> int:
    """Give each file of ``staging`` that is byte for byte the file at the same place in
    ``previous`` that file's mtime; files under the ``skip`` paths are not looked at.

    Returns how many files were found unchanged.
    """
    if not previous.is_dir():
        return 0
    skipped = {path.rstrip("/") for path in skip}
    unchanged = 0
    stack = [""]
    while stack:
        folder = stack.pop()
        with os.scandir(staging / folder) as entries:
            for entry in entries:
                relative = f"{folder}{entry.name}"
                if relative in skipped:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(relative + "/")
                elif entry.is_file(follow_symlinks=False):
                    unchanged += _keep_time(Path(entry.path), previous / relative)
    return unchanged


def _keep_time(new: Path, old: Path) -> bool:
    """Give ``new`` the mtime of ``old`` when both hold the same bytes; return whether
    they do (a file that already has the same size and mtime was looked at when written)."""
    try:
        ours, theirs = new.stat(), old.stat()
    except OSError:
        return False
    if ours.st_size != theirs.st_size:
        return False
    if ours.st_mtime_ns == theirs.st_mtime_ns or _same_bytes(new, old):
        os.utime(new, ns=(theirs.st_atime_ns, theirs.st_mtime_ns))
        return True
    return False


def _same_bytes(new: Path, old: Path) -> bool:
    """Whether the two files hold exactly the same bytes."""
    try:
        with new.open("rb") as one, old.open("rb") as other:
            while True:
                left, right = one.read(_CHUNK), other.read(_CHUNK)
                if left != right:
                    return False
                if not left:
                    return True
    except OSError:
        return False
