"""A response counts in the month it was sent: the export's `submitted` date, as form
services write it, keeps only its month; a date that is not one, or lies ahead, is located
and the response skipped; without a date, the month it is taken in."""

from __future__ import annotations

import datetime

import pytest
from helpers import EXAMPLE_HOME as HOME
from helpers import Landlord
from helpers import kept_responses as kept
from helpers import run_intake as intake
from helpers import write_export as export

from generator.intake.form import submitted_month

TODAY = datetime.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("written", "month"),
    [
        ("2026-11-30", "2026-11"),
        ("2026-11-30T17:04:00Z", "2026-11"),
        ("2026-11-30 17:04:00", "2026-11"),
        ("30/11/2026", "2026-11"),
        ("1/2/2026 09:15", "2026-02"),  # day first, as in the UK
        ("  ", "2026-12"),  # no date: the month it is taken in
    ],
)
def test_a_date_as_form_services_write_it_keeps_its_month(written, month):
    assert submitted_month(written, TODAY) == (month, "")


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("yesterday", "is not a date; write it as 2026-11-30 or 30/11/2026"),
        ("2026-02-30", "is not a date"),
        ("13/13/2026", "is not a date"),
        ("2027-01-01", "is after today"),
    ],
)
def test_a_date_that_is_not_one_says_how_to_write_it(written, says):
    month, problem = submitted_month(written, TODAY)
    assert month is None and says in problem


def test_responses_are_kept_with_the_month_they_were_sent(landlord: Landlord):
    path = export(
        landlord,
        [
            {"home_ref": HOME, "satisfaction": "neither", "submitted": "2026-09-14T10:00:00Z"},
            {"home_ref": HOME, "satisfaction": "neither", "submitted": "soon"},
        ],
    )
    run = intake(landlord, path)
    assert run.code == 0, run.output
    assert [row["month"] for row in kept(landlord)] == ["2026-09"]
    assert "responses.csv:3: submitted: 'soon' is not a date" in run.output
