"""Real third-party packages: valid ones build and show their data, invalid ones fail cleanly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import Project

VALID = [
    "house-prices-uk",
    "gdp",
    "country-codes",
    "countries-and-currencies",
    "donations",
    # older descriptor forms, read leniently and noted on the page
    "geo-location-fk",
    "periodic-table",
    "iso-639-1-language-codes",
]


def descriptor_of(folder: Path) -> dict:
    for name in ("datapackage.json", "datapackage.yml", "datapackage.yaml"):
        if (folder / name).exists():
            text = (folder / name).read_text()
            return json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
    raise FileNotFoundError(folder)


def copy_in(project: Project, source: Path) -> Path:
    target = project.root / "datapackages" / source.name
    shutil.copytree(source, target)
    for path in [target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


# What a contributor adds so that the privacy screen lets real open data through: GeoNames
# ids identify countries, not homes, and the language notes were read by a person.
DECLARATIONS = {
    "country-codes": {
        "Geoname ID": {"odx:non-identifying": "GeoNames ids name countries"},
        "Languages": {"odx:reviewed": True},
    },
    "iso-639-1-language-codes": {
        "Notes": {"odx:reviewed": True},
        "ISO language name": {"odx:reviewed": True},
    },
}


def declare(target: Path, fields: dict[str, dict]) -> None:
    """Add properties to fields of every resource of the package in ``target``."""
    path = next(p for p in target.iterdir() if p.name.startswith("datapackage."))
    data = descriptor_of(target)
    for resource in data["resources"]:
        for field in resource["schema"]["fields"]:
            field.update(fields.get(field["name"], {}))
    if path.suffix == ".json":
        path.write_text(json.dumps(data, indent=2))
    else:
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


@pytest.fixture(scope="module")
def built(tmp_path_factory, realworld):
    project = Project(tmp_path_factory.mktemp("realworld") / "project")
    for name in VALID:
        target = copy_in(project, realworld / name)
        if name in DECLARATIONS:
            declare(target, DECLARATIONS[name])
    run = project.build()
    assert run.code == 0, run.output
    return project, run


@pytest.mark.parametrize("name", VALID)
def test_valid_package_shows_its_title_fields_and_row_counts(built, realworld, name):
    project, _ = built
    descriptor = descriptor_of(realworld / name)
    slug = descriptor.get("name", name)
    title = descriptor.get("title") or slug
    if isinstance(title, dict):
        title = title[""]
    dataset = project.page(f"datasets/{slug}/")
    assert dataset.h1.get_text(strip=True) == title
    for resource in descriptor["resources"]:
        page = project.page(f"datasets/{slug}/{resource['name']}/")
        documented = [r.th.get_text(strip=True) for r in page.select("#fields-caption ~ tbody tr")]
        declared = [f["name"] for f in resource["schema"]["fields"]]
        assert documented == declared
        data_lines = (realworld / name / resource["path"]).read_text(encoding="utf-8").splitlines()
        rows = len([line for line in data_lines[1:] if line.strip()])
        assert f"{rows:,} row" in page.find("dl", class_="facts").get_text()


def test_real_open_data_is_screened_until_its_columns_are_declared(tmp_path, realworld):
    project = Project(tmp_path / "project")
    copy_in(project, realworld / "country-codes")
    run = project.validate()
    assert run.code == 1
    assert "country-codes.csv:2: Geoname ID: 1149361 looks like a UPRN or a system id" in run.err


def test_leniently_read_descriptors_say_what_was_normalised(built):
    project, run = built
    assert "licence 'id' read as 'name'" in run.err
    page = project.page("datasets/geo-location-fk/")
    assert "licence 'id' read as 'name'" in page.get_text()
    assert page.find("a", href="https://creativecommons.org/publicdomain/zero/1.0/")


def test_a_yml_descriptor_is_read(built):
    project, _ = built
    assert (
        project.page("datasets/country-codes/").h1.get_text(strip=True).startswith("Comprehensive")
    )


def test_the_invalid_co2_package_gives_located_errors_and_no_site(tmp_path, realworld):
    project = Project(tmp_path / "project")
    copy_in(project, realworld / "co2-ppm")
    run = project.build()
    assert run.code == 1
    assert "Traceback" not in run.output
    assert "datapackages/co2-ppm/data/co2-mm-mlo.csv:2: column 7: the row has more cells" in run.err
    assert "datapackages/co2-ppm/data/co2-gr-mlo.csv:2: -: the row is empty" in run.err
    assert "… and 770 more in datapackages/co2-ppm/data/co2-mm-mlo.csv" in run.err
    assert not project.site.exists()
