"""Remember packages that validated cleanly, keyed by the content of everything that decides
the result, so an unchanged package is not validated again.

The key hashes the package's descriptor, the bytes of every file it reads, the options that
change what loading produces, and the versions of the generator, frictionless and Python.
Only clean results are kept: a package with problems is always validated in full, so its
report is always frictionless's own. One entry is kept per package folder (a newer result
replaces it), in ``<cache_dir>/validation/``; the folder is safe to delete at any time.

Entries are pickles: the cache folder is the project's own working data, like ``.venv``,
and must not be committed (``.gitignore`` keeps it out).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import sys
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import frictionless

from . import __version__

CACHE_FORMAT = 1
_CHUNK = 1 << 20


class ValidationCache:
    """Clean results of packages, read and written under ``folder/kind``.

    ``kind`` keeps results of different stages apart: ``validation`` (the loaded tables),
    ``privacy`` (what the privacy gate decided), ``rules`` (the ODX rules between rows).
    """

    def __init__(self, folder: Path, kind: str = "validation") -> None:
        self.root = folder
        self.folder = folder / kind

    def kind(self, kind: str) -> ValidationCache:
        """The cache of another stage, in the same cache folder."""
        return ValidationCache(self.root, kind)

    def _entry(self, package_folder: Path) -> Path:
        name = hashlib.sha256(str(package_folder.resolve()).encode()).hexdigest()[:24]
        return self.folder / f"{name}.pickle"

    def get(self, package_folder: Path, key: str) -> Any | None:
        """The result stored for ``package_folder`` under ``key``, or None."""
        try:
            with self._entry(package_folder).open("rb") as handle:
                stored_key, value = pickle.load(handle)
        except Exception:  # missing, unreadable or from another generator: validate again
            stored_key, value = None, None
        return value if stored_key == key else None

    def put(self, package_folder: Path, key: str, value: Any) -> None:
        """Store ``value`` for ``package_folder``; a cache that cannot be written is skipped."""
        target = self._entry(package_folder)
        partial = target.with_name(f".{target.name}.{os.getpid()}")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("wb") as handle:
                pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, target)
        except OSError:
            partial.unlink(missing_ok=True)


def content_key(settings: dict[str, Any], files: Iterable[Path]) -> str:
    """A hash of ``settings`` (JSON-able), the bytes of each of ``files`` and the generator
    itself (:func:`generator_fingerprint`)."""
    digest = hashlib.sha256()
    versions = [CACHE_FORMAT, generator_fingerprint()]
    digest.update(json.dumps([versions, settings], sort_keys=True, default=str).encode())
    for path in sorted(set(files)):
        digest.update(b"\0" + str(path).encode() + b"\0")
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def generator_fingerprint() -> str:
    """A hash of every file of the generator package (its code and data) and of the versions
    of what shapes its results (Python, frictionless, Jinja2, MarkupSafe, zlib): a new
    generator judges, validates and makes everything again."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    versions = [
        __version__,
        sys.version,
        frictionless.__version__,
        importlib.metadata.version("jinja2"),
        importlib.metadata.version("markupsafe"),
        zlib.ZLIB_RUNTIME_VERSION,
    ]
    digest.update(repr(versions).encode())
    digest.update(source_fingerprint(package).encode())
    return digest.hexdigest()


def source_fingerprint(folder: Path) -> str:
    """A hash of the name and bytes of every file under ``folder`` (compiled files aside)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(b"\0" + path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()
