"""Remember packages that validated cleanly, keyed by the content of everything that decides
the result, so an unchanged package is not validated again.

The key hashes the package's descriptor, the bytes of every file it reads, the options that
change what loading produces, and the versions of the generator, frictionless and Python.
Only clean results are kept: a package with problems is always validated in full, so its
report is always frictionless's own. One entry is kept per package folder (a newer result
replaces it), in ``<cache_dir>/validation/``; the folder is safe to delete at any time.

Entries are pickles, so an entry is trusted only when this machine wrote it: each ends with
the device and inode number of its own file, which a committed or copied entry (a checkout or
an unpacked archive makes a new file) cannot know. Even then it is read by an unpickler that
builds only the generator's own classes and plain standard types, never calls anything else.
A cache folder committed to a pull request can neither run code nor pass a package that the
privacy gate has not judged here. ``.gitignore`` keeps the folder out of the repository.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import json
import os
import pickle
import struct
import sys
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import frictionless

from generator import __version__

CACHE_FORMAT = 2
_CHUNK = 1 << 20
_STAMP = struct.Struct("<QQ")  # the entry file's device and inode numbers


_SAFE_TYPES = {
    "builtins": {"set", "frozenset", "list", "dict", "tuple", "bytearray", "complex"},
    "collections": {"Counter", "OrderedDict", "defaultdict"},
    "datetime": {"date", "datetime", "time", "timedelta", "timezone"},
    "decimal": {"Decimal"},
    "copyreg": {"_reconstructor"},
    "pathlib": {"Path", "PosixPath", "PurePosixPath", "PurePath"},
}


class _SafeUnpickler(pickle.Unpickler):
    """Builds the generator's classes and a few standard types; refuses everything else."""

    def find_class(self, module: str, name: str) -> Any:
        if name in _SAFE_TYPES.get(module, ()):
            return super().find_class(module, name)
        if module == "generator" or module.startswith("generator."):
            found = super().find_class(module, name)
            if isinstance(found, type) or module == "generator.privacy.coarsening":
                return found  # a class of ours, or a pure function of the coarsening ladder
        raise pickle.UnpicklingError(f"{module}.{name} may not be read from the cache")


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
                data = handle.read()
                status = os.fstat(handle.fileno())
            if len(data) <= _STAMP.size or _STAMP.unpack(data[-_STAMP.size :]) != (
                status.st_dev,
                status.st_ino,
            ):
                return None  # not written here: a copied or committed entry is never read
            stored_key, value = _SafeUnpickler(io.BytesIO(data[: -_STAMP.size])).load()
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
                status = os.fstat(handle.fileno())  # the inode a rename keeps
                handle.write(_STAMP.pack(status.st_dev, status.st_ino))
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
    package = Path(__file__).resolve().parents[1]
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
