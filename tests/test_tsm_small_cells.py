"""TSM results from fewer than 10 respondents are withheld at every level, the landlord's
own results (an empty ``area``) included, whenever the respondents are given."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from helpers import REPO, Landlord, csv_rows

from generator import build
from generator.privacy.gate import MIN_RESPONDENTS, _small_cells_note


def landlord_row(landlord: Landlord, measure: str = "TP01", year: str = "2024/25") -> int:
    """The index of the landlord-level result for ``measure`` in ``year``."""
    rows = landlord.rows("satisfaction")
    return next(
        n
        for n, row in enumerate(rows)
        if not row["area"] and row["measure_code"] == measure and row["year"] == year
    )


def withheld_records(landlord: Landlord) -> set[int]:
    result = build.check(landlord.project.config, cache=False)
    assert not result.problems, [str(problem) for problem in result.problems]
    [decided] = result.privacy.values()
    return set(decided.withheld.get("satisfaction", set()))


def record_of(index: int) -> int:
    return index + 2  # the header is record 1


@pytest.mark.parametrize("respondents", ["9", "1", "0"])
def test_a_landlord_level_result_from_fewer_than_10_respondents_is_withheld(landlord, respondents):
    index = landlord_row(landlord)
    landlord.edit("satisfaction", index, respondents=respondents)
    assert record_of(index) in withheld_records(landlord)


def test_a_landlord_level_result_from_10_respondents_is_published(landlord):
    index = landlord_row(landlord)
    landlord.edit("satisfaction", index, respondents=str(MIN_RESPONDENTS))
    assert record_of(index) not in withheld_records(landlord)


def test_a_landlord_level_result_without_respondents_is_published(landlord):
    index = landlord_row(landlord, "RP01")  # management information: nobody was asked
    assert landlord.rows("satisfaction")[index]["respondents"] == ""
    assert record_of(index) not in withheld_records(landlord)


def test_the_page_and_the_download_leave_out_a_small_landlord_result(landlord):
    index = landlord_row(landlord)
    landlord.edit("satisfaction", index, respondents="8")
    row = landlord.rows("satisfaction")[index]
    run = landlord.project.build()
    assert run.code == 0, run.output
    page = landlord.project.page("datasets/example-landlord/overview/satisfaction/")
    text = " ".join(page.get_text(" ").split())
    assert (
        "2 satisfaction results (1 for small areas and 1 for the landlord as a whole) were "
        "withheld: fewer than 10 tenants answered" in text
    )
    site = landlord.project.site
    published = (site / "downloads/example-landlord/satisfaction.csv").read_text()
    assert f"{row['year']},{row['scope']},,{row['measure_code']},{row['value']}" not in published
    assert f",{row['measure_code']},{row['value']}," not in published


@pytest.mark.parametrize(
    ("counts", "note"),
    [
        ({"area": 1}, "1 satisfaction result for small areas was withheld"),
        ({"area": 3}, "3 satisfaction results for small areas were withheld"),
        ({"landlord": 1}, "1 satisfaction result for the landlord as a whole was withheld"),
        (
            {"area": 2, "landlord": 1},
            "3 satisfaction results (2 for small areas and 1 for the landlord as a whole) "
            "were withheld",
        ),
    ],
)
def test_the_note_says_what_was_withheld_and_why(counts, note):
    text = _small_cells_note(Counter(counts))
    assert text.startswith(note + ": fewer than 10 tenants answered")
    assert text.endswith("so answers could be traced to a household.")


def test_the_sample_landlord_publishes_its_own_results():
    """`odx sample --homes 300 --seed 7` gives every landlord-level survey result at least 10
    respondents: only its two small area results are withheld."""
    path = Path(REPO / "datapackages/sample-landlord/satisfaction.csv")
    rows = csv_rows(path)
    small = [r for r in rows if r["respondents"] and int(r["respondents"]) < MIN_RESPONDENTS]
    assert len(small) == 2 and all(r["area"] for r in small)
