"""odx sample writes a deterministic, valid, k-anonymous synthetic landlord package."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections import Counter

import pytest
from helpers import REPO, Project, odx

from generator.privacy.kanonymity import QUASI_IDENTIFIERS


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "landlord"
    assert odx("sample", "--homes", "400", "--seed", "3", "--out", out).code == 0
    return out


def rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_same_seed_gives_byte_identical_files(sample, tmp_path):
    again = tmp_path / "again"
    odx("sample", "--homes", "400", "--seed", "3", "--out", again)
    for path in sample.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_another_seed_gives_other_homes(sample, tmp_path):
    other = tmp_path / "other"
    odx("sample", "--homes", "400", "--seed", "4", "--out", other)
    assert (other / "homes.csv").read_bytes() != (sample / "homes.csv").read_bytes()


def test_it_has_the_requested_number_of_homes_with_random_looking_refs(sample):
    homes = rows(sample / "homes.csv")
    assert len(homes) == 400
    refs = [h["home_ref"] for h in homes]
    assert len(set(refs)) == 400
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]{9}", ref) for ref in refs)
    assert refs != sorted(refs), "refs must not reveal an order"


def test_every_quasi_identifier_group_has_at_least_ten_homes(sample):
    groups = Counter(tuple(h[q] for q in QUASI_IDENTIFIERS) for h in rows(sample / "homes.csv"))
    assert min(groups.values()) >= 10


def test_it_follows_the_odx_schemas_and_profile(sample):
    descriptor = json.loads((sample / "datapackage.json").read_text())
    assert descriptor["odx"]["profile"] == "homes/0.1"
    names = [r["name"] for r in descriptor["resources"]]
    assert names == ["homes", "components", "investment_plan", "satisfaction", "corrections"]
    for resource in descriptor["resources"]:
        schema = json.loads(
            (
                REPO / f"generator/housing/data/odx/schemas/{resource['name']}.schema.json"
            ).read_text()
        )
        assert resource["schema"] == schema


def test_it_exercises_what_the_tenant_pages_show(sample):
    components = rows(sample / "components.csv")
    assert any(c["install_year"] == "" for c in components), "some install years are unknown"
    statuses = {c["status"] for c in rows(sample / "corrections.csv")}
    assert statuses == {"accepted", "submitted", "rejected"}
    satisfaction = rows(sample / "satisfaction.csv")
    assert any(s["area"] and int(s["respondents"]) < 10 for s in satisfaction)
    plan = rows(sample / "investment_plan.csv")
    assert all(int(p["estimated_cost_gbp"]) % 100 == 0 for p in plan)


def test_it_validates_and_builds_cleanly(sample, tmp_path):
    project = Project(tmp_path / "project")
    shutil.copytree(sample, project.root / "datapackages" / "landlord")
    run = project.build()
    assert run.code == 0, run.output


@pytest.mark.slow
def test_a_sample_of_100000_homes_passes_every_check(tmp_path):
    """References grow with the portfolio ("PL-100045" at 100,000 homes): the gate must read
    them as references at any scale, as the benchmarks need."""
    project = Project(tmp_path / "project")
    out = project.root / "datapackages" / "landlord"
    assert odx("sample", "--homes", "100000", "--seed", "1", "--out", out).code == 0
    run = project.validate("--no-cache")
    assert run.code == 0, run.output[-2_000:]


def test_it_writes_a_sample_export_of_responses_that_intake_takes_in(tmp_path):
    project = Project(tmp_path / "project")
    package = project.root / "datapackages" / "landlord"
    responses = tmp_path / "responses"
    run = odx("sample", "--homes", "60", "--seed", "3", "--out", package, "--responses", responses)
    assert run.code == 0, run.output
    assert not any(p.name == "responses.csv" for p in package.rglob("*"))
    taken = odx("intake", responses / "responses.csv", "--config", project.config)
    assert taken.code == 0, taken.output
    corrections = [row for row in rows(responses / "responses.csv") if row["field"]]
    assert len(corrections) > 20  # enough for the pilot page's figures, each queued
    assert (
        f"40 responses added, {len(corrections)} corrections queued for review, 1 held for "
        "review (personal data or markup in the text), 2 skipped (bad: see above), 1 dropped"
        in taken.out
    )
    assert "home_ref: no home ZZ00ZZ00ZZ in " in taken.err
    assert "satisfaction: 'quite-happy' is not on the scale" in taken.err
    assert "website: filled the field people never see: most likely a robot" in taken.err
    assert "07700 900123" not in taken.output


def test_the_sample_responses_are_never_written_into_the_package(tmp_path):
    out = tmp_path / "landlord"
    run = odx("sample", "--homes", "20", "--out", out, "--responses", out / "responses")
    assert run.code == 2
    assert "--responses must name a folder outside the package" in run.err
    assert not out.exists()
