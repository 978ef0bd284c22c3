"""Row counts, per-field statistics and previews come from the one validation pass."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from generator.load.summary import TableSummariser


def row(values, cells=None):
    return SimpleNamespace(
        to_list=lambda: values, cells=cells or ["" if v is None else str(v) for v in values]
    )


def test_numbers_and_dates_get_minimum_and_maximum():
    summariser = TableSummariser(["n", "d"], ["integer", "date"], preview_rows=10)
    for values in ([3, dt.date(2020, 5, 1)], [1, dt.date(2021, 1, 1)], [None, None]):
        summariser.on_row(row(values))
    n, d = summariser.summary.fields
    assert (n.minimum, n.maximum, n.non_null) == (1, 3, 2)
    assert (d.minimum, d.maximum) == (dt.date(2020, 5, 1), dt.date(2021, 1, 1))


def test_short_strings_get_a_distinct_count():
    summariser = TableSummariser(["s"], ["string"], preview_rows=0)
    for value in ("a", "b", "a", None):
        summariser.on_row(row([value]))
    [s] = summariser.summary.fields
    assert s.distinct_count == 2
    assert s.non_null == 3


def test_long_strings_get_no_distinct_count():
    summariser = TableSummariser(["s"], ["string"], preview_rows=0)
    summariser.on_row(row(["x" * 100]))
    assert summariser.summary.fields[0].distinct_count is None


def test_distinct_values_are_capped_so_memory_stays_bounded():
    summariser = TableSummariser(["s"], ["string"], preview_rows=0)
    for number in range(5000):
        summariser.on_row(row([f"v{number}"]))
    [s] = summariser.summary.fields
    assert s.distinct_count == 1000 and s.distinct_overflow


def test_the_preview_keeps_the_first_rows_as_written_and_marks_empty_cells():
    summariser = TableSummariser(["n", "s"], ["number", "string"], preview_rows=2)
    summariser.on_row(row([1.50, None], cells=["1.50", ""]))
    summariser.on_row(row([2, "b"]))
    summariser.on_row(row([3, "c"]))
    summary = summariser.summary
    assert summary.row_count == 3
    assert len(summary.preview) == 2
    first = summary.preview[0]
    assert first[0].text == "1.50" and not first[0].empty
    assert first[1].text == "" and first[1].empty
