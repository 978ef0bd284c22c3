"""Clean validation results are kept between builds, keyed by content, and never go stale.

An unchanged package is not validated again; any change to its files, its descriptor or
the options validates it in full; a package with problems is never cached, so its report is
always frictionless's own; the site is the same byte for byte with or without the cache.
"""

from __future__ import annotations

import shutil

import pytest
from helpers import snapshot, table

from generator.build import check
from generator.load import loading

CSV = "id,n\n1,10\n2,20\n"


@pytest.fixture
def counted(monkeypatch):
    """How many packages frictionless validates (the cache skips the others)."""
    calls: list[str] = []
    real = loading.validate_resources

    def validate(descriptor, *args, **kwargs):
        calls.append(descriptor.path.parent.name)
        return real(descriptor, *args, **kwargs)

    monkeypatch.setattr(loading, "validate_resources", validate)
    return calls


def two_packages(project):
    fields = [("id", "integer"), ("n", "integer")]
    project.package("a", {"t.csv": CSV}, [{**table("t", fields), "path": "t.csv"}])
    project.package("b", {"t.csv": CSV}, [{**table("t", fields), "path": "t.csv"}])


def test_an_unchanged_package_is_not_validated_again(project, counted):
    two_packages(project)
    assert not check(project.config).problems
    assert counted == ["a", "b"]
    again = check(project.config)
    assert not again.problems
    assert counted == ["a", "b"]  # both came from the cache
    assert [r.summary.row_count for p in again.packages for r in p.resources] == [2, 2]


def test_a_changed_file_is_validated_again_and_its_errors_reported(project, counted):
    two_packages(project)
    check(project.config)
    (project.root / "datapackages/b/t.csv").write_text("id,n\n1,10\n2,twenty\n")
    result = check(project.config)
    assert counted == ["a", "b", "b"]
    assert [p.line for p in result.problems] == [3]


def test_a_changed_descriptor_or_option_is_validated_again(project, counted):
    two_packages(project)
    check(project.config)
    descriptor = project.root / "datapackages/a/datapackage.json"
    descriptor.write_text(descriptor.read_text().replace('"A"', '"Package A"'))
    check(project.config)
    assert counted == ["a", "b", "a"]
    project.write_config(preview_rows=1)
    check(project.config)
    assert counted == ["a", "b", "a", "a", "b"]


def test_a_package_with_problems_is_never_cached(project, counted):
    project.package(
        "a", {"t.csv": "id\n1\nx\n"}, [{**table("t", [("id", "integer")]), "path": "t.csv"}]
    )
    first = check(project.config)
    second = check(project.config)
    assert counted == ["a", "a"]
    assert [str(p) for p in first.problems] == [str(p) for p in second.problems] != []


def test_without_the_cache_every_package_is_validated(project, counted):
    two_packages(project)
    check(project.config)
    check(project.config, cache=False)
    assert counted == ["a", "b", "a", "b"]


def test_a_deleted_or_damaged_cache_is_rebuilt(project, counted):
    two_packages(project)
    check(project.config)
    cache = project.root / ".odx-cache"
    for entry in (cache / "validation").iterdir():
        entry.write_bytes(b"not a pickle")
    assert not check(project.config).problems
    shutil.rmtree(cache)
    assert not check(project.config).problems
    assert counted == ["a", "b"] * 3


def test_the_cache_folder_is_configurable_and_outside_the_site(project):
    two_packages(project)
    project.write_config(cache_dir="work/cache")
    assert project.build().code == 0
    assert list((project.root / "work/cache/validation").iterdir())
    assert not any("cache" in p.name for p in project.site.rglob("*"))


def test_a_site_built_from_the_cache_is_byte_identical(landlord, tmp_path):
    project = landlord.project
    assert project.build().code == 0
    cold = snapshot(project.site)
    assert project.build().code == 0
    assert snapshot(project.site) == cold
    assert project.build("--no-cache").code == 0
    assert snapshot(project.site) == cold


def test_the_example_landlord_validates_from_the_cache_with_its_rows(landlord, counted):
    first = check(landlord.project.config)
    second = check(landlord.project.config)
    assert counted == ["example"]
    homes = next(r for r in second.packages[0].resources if r.name == "homes")
    original = next(r for r in first.packages[0].resources if r.name == "homes")
    assert homes.table.rows == original.table.rows
    assert homes.table.records == original.table.records


def test_an_entry_this_machine_did_not_write_is_never_read(tmp_path):
    """A committed or copied cache entry could claim that the privacy gate passed a package
    it never judged: only an entry whose own file this machine wrote is trusted."""
    from generator.load.validation_cache import ValidationCache

    cache = ValidationCache(tmp_path / "cache")
    package = tmp_path / "p"
    cache.put(package, "key", {"clean": True})
    assert cache.get(package, "key") == {"clean": True}
    entry = next((tmp_path / "cache" / "validation").iterdir())
    copy = entry.with_name("copy")
    shutil.copy2(entry, copy)  # as a checkout or an unpacked archive would make it
    copy.replace(entry)
    assert cache.get(package, "key") is None


def test_a_stamped_entry_that_would_run_code_is_refused(tmp_path):
    import os
    import pickle
    import struct

    from generator.load.validation_cache import ValidationCache

    class Payload:
        def __reduce__(self):
            return (os.mkdir, (str(tmp_path / "ran"),))

    cache = ValidationCache(tmp_path / "cache")
    package = tmp_path / "p"
    cache.put(package, "key", "placeholder")
    entry = next((tmp_path / "cache" / "validation").iterdir())
    with entry.open("r+b") as handle:  # same inode, so the stamp matches
        handle.truncate(0)
        handle.write(pickle.dumps(("key", Payload())))
        status = os.fstat(handle.fileno())
        handle.write(struct.pack("<QQ", status.st_dev, status.st_ino))
    assert cache.get(package, "key") is None
    assert not (tmp_path / "ran").exists()
