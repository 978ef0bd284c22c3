"""A large package's tables are validated in parallel, with the same results and report."""

from __future__ import annotations

import pytest
from helpers import table

from generator.build import check
from generator.load import validation


@pytest.fixture
def parallel_always(monkeypatch, pools):
    """Fork for any size of package, so small test packages take the parallel path; the
    list it gives records each pool of worker processes started."""
    monkeypatch.setattr(validation, "PARALLEL_MIN_BYTES", 0)
    return pools


def package_with_errors_in_two_tables(project):
    fields = [("id", "integer"), ("n", "integer")]
    project.package(
        "p",
        {
            "a.csv": "id,n\n1,10\n2,x\n",
            "b.csv": "id,n\n1,10\n2,20\n" + "".join(f"{i},{i}\n" for i in range(3, 500)),
            "c.csv": "id,n\n1,1\n1,y\n",
        },
        [
            {**table("a", fields), "path": "a.csv"},
            {**table("b", fields, primaryKey=["id"]), "path": "b.csv"},
            {**table("c", fields, primaryKey=["id"]), "path": "c.csv"},
        ],
    )


def outcome(result):
    return (
        [str(problem) for problem in result.problems],
        [
            (r.name, r.summary.row_count, r.summary.preview)
            for p in result.packages
            for r in p.resources
        ],
    )


def test_parallel_validation_reports_what_serial_validation_does(project, parallel_always):
    package_with_errors_in_two_tables(project)
    serial = check(project.config, cache=False, jobs=1)
    assert parallel_always == []  # one job: validated here
    parallel = check(project.config, cache=False, jobs=2)
    assert parallel_always == ["fork"]
    assert outcome(parallel) == outcome(serial)
    assert [p.path for p in serial.problems] == ["datapackages/p/a.csv"] + [
        "datapackages/p/c.csv"
    ] * (len(serial.problems) - 1)


def test_a_clean_odx_package_keeps_the_same_rows_when_validated_in_parallel(
    landlord, parallel_always
):
    serial = check(landlord.project.config, cache=False, jobs=1)
    parallel = check(landlord.project.config, cache=False, jobs=2)
    assert parallel_always and not parallel.problems
    for one, other in zip(
        serial.packages[0].resources, parallel.packages[0].resources, strict=True
    ):
        assert one.name == other.name
        assert one.table.rows == other.table.rows
        assert one.table.records == other.table.records
        assert one.summary == other.summary
