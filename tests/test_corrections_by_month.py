"""Corrections by month received: odx intake and odx review count the private queue into
corrections_by_month.csv under the disclosure rules, and the build checks it again."""

from __future__ import annotations

import csv

import pytest
from helpers import EXAMPLE_HOME as HOME
from helpers import PRIVATE_RESPONSES as PRIVATE
from helpers import Landlord, csv_rows, odx, write_csv_rows
from helpers import run_intake as intake
from helpers import write_export as export
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.privacy.correction_cells import SHARE, UNDATED, Counted, correction_cells
from generator.privacy.disclosure import ALL
from generator.privacy.suppression import Tally

T = 10
FILE = "corrections_by_month.csv"


def corrections(
    count: int, month: str = "2026-05", homes: tuple[str, ...] = (HOME,)
) -> list[dict[str, str]]:
    return [
        {
            "home_ref": homes[i % len(homes)],
            "field": "install_year",
            "component": "windows",
            "value": str(2000 + i),
            "submitted": f"{month}-10T10:00:00Z",
        }
        for i in range(count)
    ]


def rows_of(landlord: Landlord) -> list[dict[str, str]]:
    with (landlord.folder / FILE).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def homes_of(landlord: Landlord) -> tuple[str, ...]:
    return tuple(row["home_ref"] for row in landlord.rows("homes"))


def test_intake_counts_the_queue_by_month_received_and_review_adds_its_decisions(
    landlord: Landlord,
):
    homes = homes_of(landlord)
    sent = corrections(12, "2026-05", homes) + corrections(2, "2026-06", homes)
    assert intake(landlord, export(landlord, sent)).code == 0
    assert "corrections_by_month" in [r["name"] for r in landlord.descriptor["resources"]]
    received = {
        (r["period"], r["measure"]): (r["value"], r["withheld_reason"]) for r in rows_of(landlord)
    }
    assert received[("all", "received")] == ("15", "")
    assert received[("2026-05", "received")] == ("", "worked-out-from-totals")
    assert received[("2026-06", "received")] == ("", "too-few-responses")
    assert ("all", "accepted-pct") not in received  # nothing decided yet
    queue = csv_rows(landlord.project.root / PRIVATE / "corrections-queue.csv")
    ids = [row["response_id"] for row in queue]
    run = odx(
        "review",
        *(a for rid in ids[:8] for a in ("--accept", rid)),
        *(a for rid in ids[8:12] for a in ("--reject", rid)),
        "--reason",
        "needs-evidence",
        "--config",
        landlord.project.config,
    )
    assert run.code == 0, run.output
    decided = csv_rows(landlord.project.root / PRIVATE / "decisions.csv")
    assert {row["month"] for row in decided} <= {"2026-05", "2026-06"}
    assert {row["was_not_known"] for row in decided if row["status"] == "accepted"} <= {"yes", "no"}
    shares = [r for r in rows_of(landlord) if r["measure"] == "accepted-pct"]
    assert shares and all(r["value"] in ("65", "70") for r in shares if not r["withheld_reason"])
    assert landlord.project.build().code == 0


def test_a_tampered_corrections_by_month_fails_the_build_at_its_line(landlord: Landlord):
    assert intake(landlord, export(landlord, corrections(12))).code == 0
    line = landlord.edit("corrections_by_month", 0, value="5")
    run = landlord.project.build()
    assert run.code == 1
    assert f"corrections_by_month.csv:{line}: value: 5 is fewer than 10" in run.output


def test_everyone_beside_the_pilot_fails_the_build(landlord: Landlord):
    assert intake(landlord, export(landlord, corrections(12))).code == 0
    landlord.edit("corrections_by_month", 0, cohort="pilot")  # the others stay everyone's
    run = landlord.project.build()
    assert run.code == 1 and "cohort: 'all' beside 'pilot' and 'rest'" in run.output


@pytest.mark.parametrize(("months", "senders"), [(("2026-05",), 12), (("2026-07", "2026-08"), 4)])
def test_months_are_not_published_when_they_would_date_a_home_s_corrections(
    landlord: Landlord, months: tuple[str, ...], senders: int
):
    """Corrections are published row by row with their home: a month figure of corrections
    all received in one month, or sent from fewer than k homes, dates them in a household."""
    homes = homes_of(landlord)[:senders]
    sent = [row for month in months for row in corrections(12, month, homes)]
    assert intake(landlord, export(landlord, sent)).code == 0
    assert {r["period"] for r in rows_of(landlord)} == {"all"}


def test_months_are_not_published_when_a_decided_year_leaves_one_month(landlord: Landlord):
    """corrections.csv gives the year each was decided: corrections decided in 2025, when
    only one month of 2025 is listed, were received in that month."""
    homes = homes_of(landlord)
    sent = corrections(12, "2025-12", homes) + corrections(12, "2026-01", homes)
    assert intake(landlord, export(landlord, sent)).code == 0
    assert {r["period"] for r in rows_of(landlord)} == {"all", "2025-12", "2026-01"}
    queue = csv_rows(landlord.project.root / PRIVATE / "corrections-queue.csv")
    december = [row["response_id"] for row in queue if row["month"] == "2025-12"]
    accept = [a for rid in december for a in ("--accept", rid)]
    run = odx("review", *accept, "--date", "2025-12-20", "--config", landlord.project.config)
    assert run.code == 0, run.output
    assert {r["period"] for r in rows_of(landlord)} == {"all"}


def test_a_single_month_beside_all_months_fails_the_build(landlord: Landlord):
    homes = homes_of(landlord)
    sent = corrections(12, "2026-05", homes) + corrections(12, "2026-06", homes)
    assert intake(landlord, export(landlord, sent)).code == 0
    rows = rows_of(landlord)
    write_csv_rows(landlord.folder / FILE, [r for r in rows if r["period"] != "2026-06"])
    run = landlord.project.build()
    assert run.code == 1 and "the only month of cohort 'all'" in run.output


@pytest.mark.parametrize("period", ["2026-13", "2026-00", "2999-01"])
def test_a_period_that_is_no_month_received_fails_the_build(landlord: Landlord, period: str):
    homes = homes_of(landlord)
    sent = corrections(12, "2026-05", homes) + corrections(12, "2026-06", homes)
    assert intake(landlord, export(landlord, sent)).code == 0
    index = next(i for i, r in enumerate(rows_of(landlord)) if r["period"] == "2026-06")
    line = landlord.edit("corrections_by_month", index, period=period)
    run = landlord.project.build()
    assert run.code == 1 and f"{FILE}:{line}: period:" in run.output


@pytest.mark.parametrize(
    ("name", "value"),
    [("note", "the back bedroom window rots"), ("home_ref", HOME), ("received", "2026-05-10")],
)
def test_a_column_beside_the_figures_fails_the_build(landlord: Landlord, name: str, value: str):
    """Nothing but the figures: a column added by hand could carry a home or a day."""
    assert intake(landlord, export(landlord, corrections(12))).code == 0
    count = len(rows_of(landlord))
    landlord.add_field("corrections_by_month", {"name": name, "type": "string"}, [value] * count)
    run = landlord.project.build()
    assert run.code == 1
    assert f"corrections_by_month.{name}: not a column of corrections by month" in run.output


MONTHS = ("2026-01", "2026-02", "2026-03", UNDATED)
counts = st.integers(min_value=0, max_value=25)


@st.composite
def queues(draw: st.DrawFn) -> Counted:
    """True counts of a random queue: per cohort and month, received, accepted, rejected,
    and of accepted ones filled and changed."""
    received: dict[tuple[str, str], int] = {}
    decided: dict[tuple[str, str], Tally] = {}
    filled: dict[tuple[str, str], int] = {}
    changed: dict[tuple[str, str], int] = {}
    for cohort in ("pilot", "rest"):
        for month in MONTHS:
            accepted, rejected, waiting = draw(counts), draw(counts), draw(counts)
            if accepted + rejected + waiting == 0:
                continue
            key = (cohort, month)
            received[key] = accepted + rejected + waiting
            decided[key] = Tally(accepted + rejected, accepted + rejected, (accepted, rejected, 0))
            filled[key] = draw(st.integers(0, accepted))
            changed[key] = draw(st.integers(0, accepted))
        for source in (received, filled, changed):
            parts = [v for (c, _), v in source.items() if c == cohort]
            if parts:
                source[(cohort, ALL)] = sum(parts)
        parts_t = [v for (c, _), v in decided.items() if c == cohort]
        if parts_t:
            decided[(cohort, ALL)] = sum(parts_t, Tally.zero())
    return Counted(received, decided, filled, changed)


@settings(max_examples=150, deadline=None)
@given(queues())
def test_no_published_figure_tells_of_fewer_than_the_threshold(counted: Counted):
    cells = correction_cells(counted, T)
    true = {
        "corrections": counted.received,
        "filled": counted.filled,
        "status_changed": counted.status_changed,
    }
    for (cohort, period), measures in cells.items():
        if period == UNDATED:
            assert all(shown.value is None for shown in measures.values())
        for measure, values in true.items():
            shown = measures[measure]
            if shown.value is not None:  # directly: at least the threshold
                assert values.get((cohort, period), 0) >= T
        share = measures.get(SHARE)
        if share is not None and share.value is not None:  # a share of enough, not unanimous
            tally = counted.decided[(cohort, period)]
            assert tally.responses >= T and share.value not in (0, 100)
    for cohort in ("pilot", "rest"):  # by subtraction: all months less the published ones
        total = cells.get((cohort, ALL))
        if total is None:
            continue
        for measure, values in true.items():
            if total[measure].value is None:
                continue
            hidden = sum(
                values.get(key, 0)
                for key, measures in cells.items()
                if key[0] == cohort and key[1] != ALL and measures[measure].value is None
            )
            assert hidden == 0 or hidden >= T
        if SHARE in total and total[SHARE].value is not None:
            left = sum(
                (
                    counted.decided[key]
                    for key, measures in cells.items()
                    if key[0] == cohort
                    and key[1] != ALL
                    and key in counted.decided
                    and measures.get(SHARE, None) is not None
                    and measures[SHARE].value is None
                ),
                Tally.zero(),
            )
            assert left.responses == 0 or (left.responses >= T and not _unanimous(left))


def _unanimous(tally: Tally) -> bool:
    from generator.privacy.suppression import near_unanimous

    return near_unanimous(tally)
