"""Component lifespans under the Decent Homes Standard: due year, status, criterion c."""

from __future__ import annotations

import csv

import pytest
from helpers import DOMAIN

from generator.housing import lifespans
from generator.housing.lifespans import DUE_SOON, OK, OVERDUE, UNKNOWN, assess

AS_OF = 2026


def test_houses_and_flats_have_their_own_lifespans():
    assert assess("windows", "house", 2000, None, AS_OF).expected_life == 40
    assert assess("windows", "flat", 2000, None, AS_OF).expected_life == 30


@pytest.mark.parametrize(("kind", "life"), [("maisonette", 30), ("bedsit", 30), ("bungalow", 40)])
def test_maisonettes_count_as_flats_and_bungalows_as_houses(kind, life):
    assert assess("windows", kind, 2000, None, AS_OF).expected_life == life


def test_due_year_is_install_year_plus_expected_life():
    result = assess("boiler", "house", 2015, None, AS_OF)
    assert (result.due_year, result.age, result.life_source) == (2030, 11, "table")


def test_an_unknown_install_year_gives_an_unknown_status():
    result = assess("kitchen", "house", None, None, AS_OF)
    assert result.status == UNKNOWN
    assert result.due_year is None and result.age is None
    assert result.expected_life == 30  # still shown


def test_the_rows_own_expected_life_overrides_the_table():
    result = assess("kitchen", "flat", 2003, 25, AS_OF)
    assert (result.expected_life, result.life_source, result.due_year) == (25, "landlord", 2028)


@pytest.mark.parametrize(
    ("install", "status"),
    [
        (2010, OVERDUE),  # due 2025, before 2026
        (2011, DUE_SOON),  # due 2026: this year is not yet overdue
        (2016, DUE_SOON),  # due 2031: the 5th year ahead
        (2017, OK),  # due 2032
    ],
)
def test_overdue_before_the_as_of_year_and_due_soon_within_5_years(install, status):
    assert assess("boiler", "house", install, None, AS_OF).status == status


def test_kitchens_over_20_and_bathrooms_over_30_years_count_against_criterion_c():
    assert assess("kitchen", "house", 2005, None, AS_OF).beyond_modern_age == 20  # 21 years
    assert assess("kitchen", "house", 2006, None, AS_OF).beyond_modern_age is None  # 20 years
    assert assess("bathroom", "flat", 1995, None, AS_OF).beyond_modern_age == 30  # 31 years
    assert assess("boiler", "flat", 1990, None, AS_OF).beyond_modern_age is None


def test_components_without_a_lifespan_are_unknown_unless_the_row_gives_one():
    assert assess("smoke-alarms", "house", 2015, None, AS_OF).status == UNKNOWN
    assert assess("chimney", "flat", 1960, None, AS_OF).status == UNKNOWN  # no flat lifespan
    assert assess("smoke-alarms", "house", 2015, 10, AS_OF).status == OVERDUE


def test_the_lifespan_table_is_data_in_step_with_the_domain_reference():
    table = lifespans.lifespan_table()
    assert table["kitchen"].modern_facilities_age == 20
    with (DOMAIN / "lifespans.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["component_type"] for row in rows} == set(table)
