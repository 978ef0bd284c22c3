"""What tenants say is published only as cells no one can trace back to a tenant.

The rules of generator/privacy/disclosure.py, each with a readable example, then a property:
for any portfolio and responses, no published number comes from fewer than the threshold
of responses, directly, by subtraction between published cells, or through a unanimous cell.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.privacy.disclosure import (
    ALL,
    AUTHORITY,
    BANDS,
    LANDLORD,
    SECTOR,
    Answer,
    Cell,
    Place,
    feedback_cells,
    round_to_5,
)
from generator.privacy.suppression import Tally, small

T = 10
MONTH = "2026-11"
PLACES = {
    **{f"A{i}": Place("E1", "AA1 1") for i in range(40)},
    **{f"B{i}": Place("E1", "AA1 2") for i in range(40)},
    **{f"C{i}": Place("E2", "CC1 1") for i in range(40)},
}
MIXED = ("very-satisfied", "fairly-satisfied", "neither", "fairly-dissatisfied")


def answers(prefix: str, count: int, month: str = MONTH, start: int = 0) -> list[Answer]:
    """``count`` answers about homes ``prefix``, with a spread of satisfaction."""
    return [
        Answer(f"{prefix}{start + i}", month, MIXED[i % len(MIXED)], ("kitchen",))
        for i in range(count)
    ]


def cell(cells: list[Cell], level: str, area: str = "", *, period: str = ALL, cohort: str = ALL):
    return next(
        c
        for c in cells
        if (c.cohort, c.period, c.level) == (cohort, period, level)
        and area in ("", c.postcode_sector or c.local_authority_code)
        and (area or c.level == LANDLORD)
    )


def test_counts_are_rounded_to_5_from_the_unrounded_data():
    assert [round_to_5(n) for n in (10, 12, 13, 17, 18)] == [10, 10, 15, 15, 20]
    cells = feedback_cells(answers("A", 12) + answers("B", 11) + answers("C", 13), PLACES, T)
    assert cell(cells, LANDLORD).responses == 35  # 36, not 10 + 10 + 15


def test_a_cell_of_fewer_than_the_threshold_is_withheld_with_its_shares():
    cells = feedback_cells(answers("A", 30) + answers("B", 9) + answers("C", 30), PLACES, T)
    few = cell(cells, SECTOR, "AA1 2")
    assert few.reason == "too-few-responses"
    assert (few.responses, few.satisfied, few.improvements) == (None, None, ())


def test_shares_are_in_three_bands_rounded_to_5_points():
    group = [
        Answer(f"A{i}", MONTH, s)
        for i, s in enumerate(["very-satisfied"] * 7 + ["neither"] * 3 + ["very-dissatisfied"] * 3)
    ]
    cells = feedback_cells(group, PLACES, T)
    landlord = cell(cells, LANDLORD)
    assert (landlord.satisfied, landlord.neither, landlord.dissatisfied) == (55, 25, 25)


def test_a_lone_hidden_sector_takes_a_sibling_with_it():
    cells = feedback_cells(answers("A", 30) + answers("B", 4) + answers("C", 30), PLACES, T)
    assert cell(cells, SECTOR, "AA1 2").reason == "too-few-responses"
    sibling = cell(cells, SECTOR, "AA1 1")
    assert sibling.reason == "worked-out-from-totals"
    assert cell(cells, AUTHORITY, "E1").responses == 35  # its total still shows


def test_a_month_that_would_be_given_away_by_all_months_is_hidden():
    group = answers("A", 25, "2026-10") + answers("A", 4, "2026-11", start=25)
    cells = feedback_cells(group, PLACES, T)
    assert cell(cells, LANDLORD, period="2026-11").reason == "too-few-responses"
    assert cell(cells, LANDLORD, period="2026-10").reason == "worked-out-from-totals"
    assert cell(cells, LANDLORD).responses == 30


def test_everyone_giving_the_same_answer_is_withheld_and_said_so():
    group = [Answer(f"C{i}", MONTH, "very-dissatisfied") for i in range(20)]
    cells = feedback_cells(answers("A", 20) + group, PLACES, T)
    assert cell(cells, AUTHORITY, "E2").reason == "same-answer"


def test_a_cohort_differing_from_everyone_by_fewer_than_the_threshold_is_hidden():
    pilot = frozenset(f"A{i}" for i in range(25))
    cells = feedback_cells(answers("A", 30), PLACES, T, {"pilot": pilot})
    assert cell(cells, LANDLORD).responses == 30
    hidden = cell(cells, LANDLORD, cohort="pilot")
    assert hidden.responses is None
    assert hidden.reason == "worked-out-from-everyone"


def test_a_cohort_differing_by_the_threshold_or_more_is_published():
    pilot = frozenset(f"A{i}" for i in range(20))
    cells = feedback_cells(answers("A", 40), PLACES, T, {"pilot": pilot})
    assert cell(cells, LANDLORD, cohort="pilot").responses == 20


def test_improvements_asked_by_at_least_the_threshold_rank_most_asked_first_ties_by_name():
    group = [
        Answer(f"A{i}", MONTH, MIXED[i % 4], ("windows", "boiler") if i < 12 else ("roof",))
        for i in range(30)
    ]
    landlord = cell(feedback_cells(group, PLACES, T), LANDLORD)
    assert landlord.improvements == ("roof", "boiler", "windows")  # 18, then 12 and 12


# The property: whatever the portfolio and the responses.

SATISFACTION = st.sampled_from([*BANDS, ""])
HOMES = [f"H{i}" for i in range(60)]


@st.composite
def portfolios(draw):
    places = {
        ref: Place(f"E{draw(st.integers(0, 2))}", f"S{draw(st.integers(0, 3))}") for ref in HOMES
    }
    group = draw(
        st.lists(
            st.builds(
                Answer,
                st.sampled_from(HOMES),
                st.sampled_from(["2026-01", "2026-02"]),
                SATISFACTION,
                st.just(()),
            ),
            max_size=120,
        )
    )
    pilot = frozenset(draw(st.sets(st.sampled_from(HOMES))))
    threshold = draw(st.integers(5, 12))
    return places, group, pilot, threshold


def truth(places, group, pilot):
    """The true tally of every cell, and the rest of the pilot cohort."""
    tallies: dict[tuple, Tally] = {}
    for answer in group:
        place = places[answer.home_ref]
        band = BANDS.get(answer.satisfaction)
        for cohort in (ALL, "pilot", "~pilot"):
            if (cohort == "pilot") != (answer.home_ref in pilot) and cohort != ALL:
                continue
            for period in (ALL, answer.month):
                for key in (
                    (cohort, period, LANDLORD, "", ""),
                    (cohort, period, AUTHORITY, place.local_authority_code, ""),
                    (cohort, period, SECTOR, place.local_authority_code, place.postcode_sector),
                ):
                    tallies[key] = tallies.get(key, Tally.zero()) + Tally.of(band)
    return tallies


def key_of(c: Cell) -> tuple:
    return (c.cohort, c.period, c.level, c.local_authority_code, c.postcode_sector)


@settings(max_examples=150, deadline=None)
@given(portfolios())
def test_no_published_number_comes_from_fewer_than_the_threshold(case):
    places, group, pilot, t = case
    cells = feedback_cells(group, places, t, {"pilot": pilot})
    tallies = truth(places, group, pilot)
    published = {key_of(c) for c in cells if c.reason == ""}
    for c in cells:
        assert (c.reason == "") == (c.responses is not None)
    for key in published:  # directly
        assert not small(tallies[key], t), key
    zero = Tally.zero()
    for cohort, period, level, authority, sector in published:  # parent minus published children
        if level == SECTOR:
            continue
        below = AUTHORITY if level == LANDLORD else SECTOR
        children = [
            k
            for k in tallies
            if k[:3] == (cohort, period, below) and (level == LANDLORD or k[3] == authority)
        ]
        rest = tallies[(cohort, period, level, authority, sector)]
        for child in children:
            if child in published:
                rest = rest - tallies[child]
        assert not small(rest, t), (cohort, period, level, authority)
    for cohort, period, *place in published:  # all months minus published months
        if period != ALL:
            continue
        rest = tallies[(cohort, ALL, *place)]
        for month in ("2026-01", "2026-02"):
            if (cohort, month, *place) in published:
                rest = rest - tallies[(cohort, month, *place)]
        assert not small(rest, t)
    for _, period, *place in published:  # all minus pilot
        if ("pilot", period, *place) in published and (ALL, period, *place) in published:
            assert not small(tallies.get(("~pilot", period, *place), zero), t)


def test_the_rest_of_a_cohort_is_published_beside_it_when_asked_for():
    pilot = frozenset(f"A{i}" for i in range(40))
    cells = feedback_cells(answers("A", 20) + answers("C", 25), PLACES, T, {"pilot": pilot}, "rest")
    assert cell(cells, LANDLORD, cohort="pilot").responses == 20
    assert cell(cells, LANDLORD, cohort="rest").responses == 25
    assert cell(cells, LANDLORD).responses == 45


def test_a_small_rest_hides_the_cohort_too_so_that_everyone_less_the_cohort_cannot_give_it():
    pilot = frozenset(f"A{i}" for i in range(40))
    cells = feedback_cells(answers("A", 30) + answers("C", 6), PLACES, T, {"pilot": pilot}, "rest")
    assert cell(cells, LANDLORD, cohort="rest").reason == "too-few-responses"
    assert cell(cells, LANDLORD, cohort="pilot").reason == "worked-out-from-everyone"
    assert cell(cells, LANDLORD).responses == 35


def rest_truth(places, group, pilot):
    """The true tally of every cell of everyone, the pilot and the rest."""
    tallies: dict[tuple, Tally] = {}
    for answer in group:
        place = places[answer.home_ref]
        cohort = "pilot" if answer.home_ref in pilot else "rest"
        for name in (ALL, cohort):
            for period in (ALL, answer.month):
                for key in (
                    (name, period, LANDLORD, "", ""),
                    (name, period, AUTHORITY, place.local_authority_code, ""),
                    (name, period, SECTOR, place.local_authority_code, place.postcode_sector),
                ):
                    tallies[key] = tallies.get(key, Tally.zero()) + Tally.of(
                        BANDS.get(answer.satisfaction)
                    )
    return tallies


@settings(max_examples=150, deadline=None)
@given(portfolios())
def test_with_the_rest_published_nothing_small_comes_from_everyone_the_pilot_and_the_rest(case):
    places, group, pilot, t = case
    cells = feedback_cells(group, places, t, {"pilot": pilot}, "rest")
    tallies = rest_truth(places, group, pilot)
    published = {key_of(c) for c in cells if c.reason == ""}
    zero = Tally.zero()
    for key in published:  # directly
        assert not small(tallies[key], t), key
    for cohort, period, *place in published:  # everyone less the published cohorts
        if cohort != ALL:
            continue
        left = tallies[(ALL, period, *place)]
        for part in ("pilot", "rest"):
            if (part, period, *place) in published:
                left = left - tallies.get((part, period, *place), zero)
        assert not small(left, t), (period, *place)
    for cohort, period, *place in published:  # all months less the published months
        if period != ALL:
            continue
        left = tallies[(cohort, ALL, *place)]
        for month in ("2026-01", "2026-02"):
            if (cohort, month, *place) in published:
                left = left - tallies[(cohort, month, *place)]
        assert not small(left, t)
