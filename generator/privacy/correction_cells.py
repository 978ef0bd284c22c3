"""Corrections counted by cohort and period, under the disclosure rules: one function for the
pilot page's figures by year decided (:mod:`generator.privacy.pilot_progress`) and for the
monthly ``corrections_by_month`` table ``odx intake`` makes from the private queue
(docs/feedback-aggregates.md, "Corrections by month").

For every cohort and period it gives four measures: corrections received, the share of
decided ones accepted, and, of accepted ones, "not known" fields filled and components whose
status changed. Each is withheld with a reason code of
:data:`generator.privacy.disclosure.WITHHELD`: a count of fewer than ``threshold``, none
included (``too-few-responses``), a share of fewer than ``threshold`` decided
(``too-few-answers``) or of (nearly) all or none accepted (``same-answer``); then periods
are hidden until no withheld figure can be worked out from the total of all periods
(:func:`generator.privacy.suppression.suppress`, ``worked-out-from-totals``). Corrections
without a period count in the total only (``undated``: never a cell of its own). Counts are
rounded to 5 and shares to 5 points.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from generator.privacy.disclosure import ALL, round_to_5
from generator.privacy.suppression import Relation, Tally, near_unanimous, rounded_share, suppress

UNDATED = "undated"  # corrections without a period: counted in the total only
COUNTS = ("corrections", "filled", "status_changed")  # counted measures of corrections
SHARE = "accepted_pct"

Key = tuple[str, str]  # cohort, period


@dataclass
class Counted:
    """True counts of corrections by (cohort, period): received, decided, accepted, and
    accepted ones that filled a "not known" field or changed a component's status."""

    received: Mapping[Key, int]
    decided: Mapping[Key, Tally]
    filled: Mapping[Key, int]
    status_changed: Mapping[Key, int]


@dataclass(frozen=True)
class Shown:
    """One published figure, or None and the code of why it is withheld."""

    value: int | None = None
    reason: str = ""


def correction_cells(counted: Counted, threshold: int) -> dict[Key, dict[str, Shown]]:
    """Every measure of every cohort and period with a correction (see the docstring)."""
    cells: dict[Key, dict[str, Shown]] = defaultdict(dict)
    sources: dict[str, Mapping[Key, int]] = {
        "corrections": counted.received,
        "filled": counted.filled,
        "status_changed": counted.status_changed,
    }
    for measure, counts in sources.items():  # every cohort and period with a correction
        tallies = {
            key: Tally(counts.get(key, 0), counts.get(key, 0), (0, 0, 0))
            for key in counted.received
        }
        primary = {
            key: "too-few-responses"
            for key, tally in tallies.items()
            if tally.responses < threshold
        }
        primary.update({key: UNDATED for key in tallies if key[1] == UNDATED})
        hidden = suppress(tallies, list(_months_of(tallies)), primary, threshold)
        for key, tally in tallies.items():
            reason = hidden.get(key, "")
            cells[key][measure] = Shown(None if reason else round_to_5(tally.responses), reason)
    decided = {key: tally for key, tally in counted.decided.items() if tally.responses}
    primary = {}
    for key, tally in decided.items():
        if key[1] == UNDATED:
            primary[key] = UNDATED
        elif tally.responses < threshold:
            primary[key] = "too-few-answers"
        elif near_unanimous(tally):
            primary[key] = "same-answer"
    hidden = suppress(decided, list(_months_of(decided)), primary, threshold)
    for key, tally in decided.items():
        reason = hidden.get(key, "")
        share = None if reason else rounded_share(tally.bands[0], tally.responses)
        cells[key][SHARE] = Shown(share, reason)
    return dict(cells)


def _months_of(tallies: Mapping[Key, Tally]) -> Iterator[Relation]:
    """All periods of each cohort as the sum of its periods and its undated corrections."""
    for cohort in sorted({key[0] for key in tallies}):
        total = (cohort, ALL)
        if total not in tallies:
            continue
        parts = sorted(key for key in tallies if key[0] == cohort and key[1] != ALL)
        undated = (cohort, UNDATED)
        yield Relation(total, tuple(parts) + (() if undated in parts else (undated,)), "period")
