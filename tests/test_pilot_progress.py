"""How the pilot goes: the corrections of the pilot's homes against the rest, as the privacy
gate publishes them (generator/privacy/pilot_progress.py). Readable examples, then a
property: no published number comes from fewer than the threshold, directly or by
subtraction between a cohort's years and its total."""

from __future__ import annotations

import csv

from helpers import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.privacy.disclosure import ALL
from generator.privacy.pilot_progress import (
    PILOT,
    REST,
    UNDATED,
    Counted,
    Figure,
    PilotProgress,
    corrections_figures,
    per_100,
)
from generator.privacy.suppression import Tally
from generator.tenant.pilot_page import period_name, summary

T = 10


def counted(received, decided=None, filled=None, changed=None) -> Counted:
    return Counted(received, decided or {}, filled or {}, changed or {})


def decisions(accepted: int, rejected: int) -> Tally:
    return Tally(accepted + rejected, accepted + rejected, (accepted, rejected, 0))


def test_counts_are_rounded_to_5_and_fewer_than_the_threshold_are_withheld_with_a_reason():
    figures = corrections_figures(
        counted({(PILOT, ALL): 23, (PILOT, "2026"): 23, (REST, ALL): 7, (REST, "2026"): 7}), T
    )
    assert figures[(PILOT, "2026")]["corrections"] == Figure(25)
    assert figures[(REST, "2026")]["corrections"] == Figure(None, "fewer than 10 corrections")


def test_a_small_year_is_hidden_with_another_so_the_total_cannot_give_it_away():
    received = {(REST, ALL): 40, (REST, "2025"): 4, (REST, "2026"): 36}
    figures = corrections_figures(counted(received), T)
    assert figures[(REST, "2025")]["corrections"].reason == "fewer than 10 corrections"
    assert figures[(REST, "2026")]["corrections"].value is None  # 40 - 36 would give 4
    assert figures[(REST, ALL)]["corrections"] == Figure(40)


def test_corrections_not_decided_yet_count_in_the_total_and_hide_nothing_on_their_own():
    received = {(REST, ALL): 50, (REST, "2026"): 30, (REST, UNDATED): 20}
    figures = corrections_figures(counted(received), T)
    assert figures[(REST, "2026")]["corrections"] == Figure(30)
    assert figures[(REST, ALL)]["corrections"] == Figure(50)


def test_the_share_accepted_needs_the_threshold_decided_and_is_withheld_when_all_agree():
    received = {(PILOT, ALL): 30, (REST, ALL): 30}
    decided = {(PILOT, ALL): decisions(12, 8), (REST, ALL): decisions(20, 0)}
    figures = corrections_figures(counted(received, decided), T)
    assert figures[(PILOT, ALL)]["accepted_pct"] == Figure(60)
    assert figures[(REST, ALL)]["accepted_pct"].reason == (
        "all, or nearly all, had the same decision"
    )


def test_per_100_homes_divides_the_published_count_by_the_homes_of_the_cohort():
    assert per_100(Figure(25), 200) == Figure(12.5)
    assert per_100(Figure(None, "fewer than 10 corrections"), 200).reason


def test_periods_read_as_words():
    assert [period_name(p) for p in (ALL, "2026-05", "2025")] == ["All", "May 2026", "2025"]
    assert period_name("2026-09", short=True) == "Sep 2026"  # a chart's label


@st.composite
def years(draw):
    """True counts of corrections of the pilot and the rest, by year and not decided."""
    threshold = draw(st.integers(5, 12))
    received = {}
    for cohort in (PILOT, REST):
        parts = {
            period: draw(st.integers(0, 30))
            for period in ("2024", "2025", "2026", UNDATED)
            if draw(st.booleans())
        }
        parts = {period: n for period, n in parts.items() if n}
        if parts:
            received.update({(cohort, period): n for period, n in parts.items()})
            received[(cohort, ALL)] = sum(parts.values())
    return received, threshold


@settings(max_examples=200, deadline=None)
@given(years())
def test_no_published_count_comes_from_fewer_than_the_threshold(case):
    received, t = case
    figures = corrections_figures(counted(received), t)
    published = {key for key, f in figures.items() if f["corrections"].value is not None}
    for key in published:  # directly
        assert received[key] >= t, key
    assert all(key[1] != UNDATED for key in published)
    for cohort in (PILOT, REST):  # the total less the published years
        if (cohort, ALL) not in published:
            continue
        left = received[(cohort, ALL)] - sum(
            received[key] for key in published if key[0] == cohort and key[1] != ALL
        )
        assert left == 0 or left >= t, (cohort, left)


def test_the_sample_pilot_chart_labels_every_month_it_shows(root_site):
    html = (root_site / "datasets/sample-landlord/pilot/index.html").read_text(encoding="utf-8")
    chart = html[html.index("<svg") : html.index("</svg>")]
    months = {
        period_name(row["period"], short=True)
        for row in csv.DictReader(
            (REPO / "datapackages/sample-landlord/feedback.csv").open(encoding="utf-8")
        )
        if row["period"] != ALL
    }
    assert len(months) == 3
    for month in months:  # three months fit on a phone: none thinned out
        assert f">{month}</text>" in chart


def test_the_summary_says_a_withheld_figure_is_too_few_and_a_missing_one_none():
    progress = PilotProgress({"pilot": 200, "rest": 100}, [ALL], [ALL], threshold=10)
    progress.figures[("pilot", ALL)] = {
        "responses_per_100": Figure(12.5),
        "corrections_per_100": Figure(None, "fewer than 10 corrections"),
    }
    progress.figures[("rest", ALL)] = {"responses_per_100": Figure(20)}
    assert summary(progress, "Example Homes") == (
        "Over all months, Example Homes's tenants sent responses per 100 homes: pilot homes "
        "12.5, other homes 20; and corrections per 100 homes: pilot homes too few to show, "
        "other homes none."
    )
