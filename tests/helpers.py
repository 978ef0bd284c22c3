"""Helpers the tests share: small real projects made in a temporary folder, the odx CLI
run in-process, the fixtures' folders and the example landlord package."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

import generator.publish.render
from generator.cli import main
from generator.load.package_data import FieldDoc, ResourceData
from generator.load.table import Table

REPO = Path(__file__).resolve().parents[1]


FIXTURES = REPO / "tests" / "fixtures"


REALWORLD = FIXTURES / "realworld"  # third-party packages, copied with their licences


DOMAIN = FIXTURES / "domain"  # the domain reference's tables and schemas


# The shared reference beside the repository, when there is one: the copies above are
# checked against it (tests/test_fixtures.py), never read instead of them.
SHARED = REPO.parent / "shared"


TEMPLATES = REPO / "templates"


@dataclass
class Run:
    """The outcome of one ``odx`` invocation."""

    code: int
    out: str
    err: str

    @property
    def output(self) -> str:
        return self.out + self.err


def odx(*args: str) -> Run:
    """Run the odx CLI in-process and capture what it prints."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exit_:  # argparse usage errors
            code = int(exit_.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


@dataclass
class Project:
    """A throw-away site project: mkdocs.yml, a datapackages folder and a copy of the
    templates (the build reads nothing outside the project)."""

    root: Path
    odx_options: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        (self.root / "datapackages").mkdir(parents=True, exist_ok=True)
        copy_templates(self.root)
        self.write_config()

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write_config(self, **odx_options: Any) -> Path:
        self.odx_options.update(odx_options)
        options = dict(self.odx_options)
        config = {"site_name": "Test site", **self.settings, "plugins": [{"odx": options}]}
        self.config.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        return self.config

    def package(
        self,
        name: str,
        files: dict[str, str | bytes],
        resources: list[dict[str, Any]] | None = None,
        descriptor: dict[str, Any] | None = None,
    ) -> Path:
        """Write a package folder; by default one resource per CSV, schema inferred."""
        folder = self.root / "datapackages" / name
        folder.mkdir(parents=True, exist_ok=True)
        for relative, content in files.items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8", newline="")
        if descriptor is None:
            descriptor = {"name": name, "title": name.title(), "resources": resources or []}
        (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=1), "utf-8")
        return folder

    def build(self, *extra: str) -> Run:
        return odx("build", "--config", self.config, *extra)

    def validate(self, *extra: str) -> Run:
        return odx("validate", "--config", self.config, *extra)

    def page(self, url: str) -> BeautifulSoup:
        """Parse a built page; ``url`` as in the site ("" is the home page)."""
        path = self.site / (url + "index.html" if url == "" or url.endswith("/") else url)
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def copy_templates(root: Path) -> Path:
    """The repository's templates copied into the project ``root`` (once)."""
    import shutil

    target = root / "templates"
    if not target.exists():
        shutil.copytree(TEMPLATES, target)
    return target


def table(name: str, fields: list[tuple[str, str]], **schema: Any) -> dict[str, Any]:
    """A CSV resource descriptor named ``name`` with the given (field, type) pairs."""
    return {
        "name": name,
        "path": f"{name}.csv",
        "schema": {"fields": [{"name": f, "type": t} for f, t in fields], **schema},
    }


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes (to prove it was left untouched)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


EXAMPLE = FIXTURES / "example-landlord"


def csv_rows(path: Path) -> list[dict[str, str]]:
    """A CSV file as a list of dicts (header = keys)."""
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv_rows(path: Path, rows: list[dict[str, str]], fields: list[str] | None = None) -> None:
    """Write ``rows`` back as CSV, header first."""
    import csv

    fields = fields or list(rows[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@dataclass
class Landlord:
    """A copy of the example ODX package in a project, with editing helpers."""

    project: Project
    folder: Path

    @property
    def descriptor(self) -> dict[str, Any]:
        return json.loads((self.folder / "datapackage.json").read_text(encoding="utf-8"))

    def save_descriptor(self, data: dict[str, Any]) -> None:
        (self.folder / "datapackage.json").write_text(json.dumps(data, indent=1), "utf-8")

    def rows(self, resource: str) -> list[dict[str, str]]:
        return csv_rows(self.folder / f"{resource}.csv")

    def edit(self, resource: str, index: int, **values: str) -> int:
        """Set cells of data row ``index`` (0-based); return its line in the file."""
        rows = self.rows(resource)
        rows[index].update(values)
        write_csv_rows(self.folder / f"{resource}.csv", rows)
        return index + 2

    def add_field(self, resource: str, field_descriptor: dict[str, Any], values: list[str]) -> None:
        """Add a column (schema and data) to ``resource``, one value per row."""
        data = self.descriptor
        entry = next(r for r in data["resources"] if r["name"] == resource)
        entry["schema"]["fields"].append(field_descriptor)
        self.save_descriptor(data)
        rows = self.rows(resource)
        for row, value in zip(rows, values, strict=True):
            row[field_descriptor["name"]] = value
        write_csv_rows(self.folder / f"{resource}.csv", rows)


# The example's two groups of six homes (flats, houses) differ in heating and EPC: as in the
# domain reference, they fail k=5 under anonymisation rules v0.2 unless coarsened. The
# ``landlord`` fixture gives each group the heating and EPC of its first home, so that it
# passes k=5 as published; tests of coarsening start from the example as it is.
K5_READY = {
    "flat": {"heating_type": "electric-storage", "epc_band": "C", "epc_lodgement_year": "2015"},
    "house": {"heating_type": "gas-boiler", "epc_band": "C", "epc_lodgement_year": "2021"},
}


def copy_example(folder: Path) -> Path:
    """Copy the example package to ``folder``, each group sharing every quasi-identifier
    (:data:`K5_READY`)."""
    import shutil

    shutil.copytree(EXAMPLE, folder)
    rows = csv_rows(folder / "homes.csv")
    for row in rows:
        row.update(K5_READY[row["property_type"]])
    write_csv_rows(folder / "homes.csv", rows)
    return folder


# odx intake on the example landlord package
EXAMPLE_HOME = "HBTRQJGF5C"  # a home of the example package
PRIVATE_RESPONSES = ".odx-private/responses"  # the default responses_dir


def write_export(
    landlord: Landlord, rows: list[dict[str, str]], name: str = "responses.csv"
) -> Path:
    """A form service's CSV export of ``rows`` in the landlord's project."""
    path = landlord.project.root / name
    fields = list(dict.fromkeys(key for row in rows for key in row))
    write_csv_rows(path, [{f: row.get(f, "") for f in fields} for row in rows], fields)
    return path


def run_intake(landlord: Landlord, path: Path, *extra: str) -> Run:
    """``odx intake`` of the export ``path`` in the landlord's project."""
    return odx("intake", path, "--config", landlord.project.config, *extra)


def kept_responses(landlord: Landlord, name: str = "responses.csv") -> list[dict[str, str]]:
    """The rows of a file of the private responses folder (none when it does not exist)."""
    path = landlord.project.root / PRIVATE_RESPONSES / name
    return csv_rows(path) if path.exists() else []


# The pilot cohort (odx.pilot) on the repository's sample
SAMPLE_PILOT = {"column": "new_tenancy", "value": "yes"}


def pilot_sample(root: Path, pilot: dict[str, Any] | None = None, site_url: str = "") -> Path:
    """A copy of the repository's sample project in ``root`` whose landlord's homes carry
    a cohort column (``odx sample --pilot-column new_tenancy``, values yes and no), built
    with ``odx.pilot`` (:data:`SAMPLE_PILOT` unless ``pilot`` is given); returns the config.

    The package is the committed sample's (300 homes, seed 7) plus that column."""
    import shutil

    for name in ("datapackages", "templates", "insights", "pages"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "resources.yml", root / "resources.yml")
    landlord = root / "datapackages" / "sample-landlord"
    shutil.rmtree(landlord)
    made = odx(
        "sample",
        "--homes",
        "300",
        "--seed",
        "7",
        "--out",
        landlord,
        "--pilot-column",
        "new_tenancy",
    )
    assert made.code == 0, made.output
    rows = csv_rows(landlord / "homes.csv")
    for row in rows:  # the sample writes pilot/later; a landlord's export might say yes/no
        row["new_tenancy"] = {"pilot": "yes", "later": "no"}[row["new_tenancy"]]
    write_csv_rows(landlord / "homes.csv", rows)
    descriptor = json.loads((landlord / "datapackage.json").read_text(encoding="utf-8"))
    cohort = descriptor["resources"][0]["schema"]["fields"][-1]
    cohort["constraints"]["enum"] = ["yes", "no"]
    (landlord / "datapackage.json").write_text(json.dumps(descriptor, indent=1), "utf-8")
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"][0]["odx"]["pilot"] = pilot or SAMPLE_PILOT
    if site_url:
        config["site_url"] = site_url
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root / "mkdocs.yml"


def sample_pilot_areas() -> frozenset[str]:
    """The areas of the pilot the repository's sample site turns on (mkdocs.yml)."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    return frozenset(config["plugins"][0]["odx"]["pilot"]["areas"])


def sample_pilot_refs() -> frozenset[str]:
    """The homes of the committed sample landlord in the sample site's pilot."""
    areas = sample_pilot_areas()
    return frozenset(
        row["home_ref"]
        for row in csv_rows(REPO / "datapackages/sample-landlord/homes.csv")
        if row["local_authority_code"] in areas or row["postcode_sector"] in areas
    )


def sample_published_bytes(name: str) -> bytes:
    """A table of the committed sample landlord keyed by home_ref as the sample site
    publishes it: the header and the lines of the pilot's homes, byte for byte."""
    text = (REPO / "datapackages/sample-landlord" / name).read_bytes().decode("utf-8")
    header, *lines = text.splitlines(keepends=True)
    refs = sample_pilot_refs()
    return (header + "".join(line for line in lines if line.split(",", 1)[0] in refs)).encode()


def text_column(name: str, column: str, values: list[str]) -> ResourceData:
    """A table ``name`` of one string ``column`` holding ``values`` (records from 2), as the
    loader leaves it in memory: what the privacy gate's cell rules are run over."""
    return text_table(name, [column], [[value] for value in values])


def text_table(name: str, columns: list[str], rows: list[list[str]]) -> ResourceData:
    """A table ``name`` of string ``columns`` holding ``rows`` (records from 2), as the
    loader leaves it in memory."""
    table = Table(list(columns))
    for record, row in enumerate(rows, start=2):
        table.append(record, list(row))
    return ResourceData(
        name=name,
        slug=name,
        title=name.title(),
        description="",
        format="csv",
        mediatype="text/csv",
        encoding="utf-8",
        files=[],
        remote=[],
        tabular=True,
        fields=[FieldDoc(column, "", "string", "default", "", {}) for column in columns],
        table=table,
    )


def render_on_two_workers(monkeypatch) -> None:
    """From here on, builds render their pages with two forked workers, however small the
    site and however many cores the machine has."""
    monkeypatch.setattr(generator.publish.render, "PARALLEL_MIN_PAGES", 1)
    monkeypatch.setattr(generator.publish.render.os, "cpu_count", lambda: 2)
