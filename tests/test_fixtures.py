"""The copies in tests/fixtures are the references they were taken from.

The suite reads only its own copies, so a clone runs it whole. When the shared domain
reference and real-world packages sit beside the repository, these tests check that the
copies are still byte for byte the same (the domain example's copy included); without
them, they check the copies are complete.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import DOMAIN, EXAMPLE, FIXTURES, REALWORLD, SHARED

COPIES = [
    (DOMAIN, SHARED / "domain", ["lifespans.csv", "tsm_measures.csv", "schemas"]),
    (EXAMPLE, SHARED / "domain" / "example", None),
    (REALWORLD, SHARED / "realworld", None),
]


def files_below(folder: Path, names: list[str] | None) -> dict[str, bytes]:
    roots = [folder / name for name in names] if names else [folder]
    found = {}
    for root in roots:
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if path.is_file():
                found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


@pytest.mark.parametrize(
    ("copy", "reference", "names"), COPIES, ids=["domain", "example", "realworld"]
)
def test_each_fixture_is_a_faithful_copy(copy, reference, names):
    copied = files_below(copy, names)
    assert copied, f"{copy.relative_to(FIXTURES)} is empty"
    if reference.is_dir():  # beside the repository: the copy must still be the reference
        assert copied == files_below(reference, names)


def test_every_real_world_package_has_its_licence_recorded():
    manifest = (REALWORLD / "MANIFEST.md").read_text(encoding="utf-8")
    for folder in sorted(p for p in REALWORLD.iterdir() if p.is_dir()):
        assert f"| {folder.name} |" in manifest, folder.name
