"""The site model decides every page, its URL and what it shows before anything renders."""

from __future__ import annotations

from helpers import table

from generator.assembler import SiteInputs, build_site_model
from generator.build import check


def model_of(project):
    result = check(project.config)
    assert not result.problems, [str(p) for p in result.problems]
    return build_site_model(SiteInputs(result.config, result.packages, result.privacy))


def test_one_page_per_dataset_resource_and_facet_value_plus_home_catalogue_api_and_404(
    project,
):
    project.package(
        "a",
        {"x.csv": "n\n1\n", "y.csv": "n\n2\n"},
        [table("x", [("n", "integer")]), table("y", [("n", "integer")])],
    )
    model = model_of(project)
    urls = [page.url for page in model.pages]
    assert sorted(urls) == [
        "",
        "404.html",
        "api/",
        "datasets/",
        "datasets/a/",
        "datasets/a/x/",
        "datasets/a/y/",
        "datasets/format/csv/",
        "search/",
    ]
    assert [page.absolute_links for page in model.pages].count(True) == 1


def test_values_reach_templates_finished(project):
    rows = "".join(f"{n}\n" for n in range(1234))
    project.package("a", {"x.csv": "n\n" + rows}, [table("x", [("n", "integer")])])
    model = model_of(project)
    pages = {page.url: page for page in model.pages}
    dataset = pages["datasets/a/"].context["dataset"]
    assert dataset["rows"] == "1,234 rows"
    assert dataset["resources"][0]["rows"] == "1,234 rows"
    resource = pages["datasets/a/x/"].context["resource"]
    assert resource["stats"][0] == {
        "name": "n",
        "non_null": "1,234",
        "minimum": "0",
        "maximum": "1233",
        "distinct": "",
        "numeric": True,
    }
    assert resource["preview"]["caption"] == "First 100 rows of 1,234 of x"


def test_published_files_and_the_zip_cover_the_package(project):
    project.package(
        "a",
        {"data/x.csv": "n\n1\n", "README.md": "# a"},
        [{**table("x", [("n", "integer")]), "path": "data/x.csv"}],
    )
    model = model_of(project)
    assert sorted(f.url for f in model.files if f.url.startswith("downloads/")) == [
        "downloads/a/data/x.csv",
        "downloads/a/datapackage.json",
    ]
    [archive] = model.archives
    assert archive.url == "downloads/a.zip"
    assert [name for name, _ in archive.members] == [
        "a/README.md",
        "a/data/x.csv",
        "a/datapackage.json",
    ]


def test_a_package_without_name_takes_its_folder_name(project):
    project.package(
        "folder-name",
        {"x.csv": "n\n1\n"},
        descriptor={"resources": [table("x", [("n", "integer")])]},
    )
    assert "datasets/folder-name/" in [p.url for p in model_of(project).pages]
