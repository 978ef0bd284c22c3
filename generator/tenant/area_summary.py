"""What an area (postcode sector) page says before its list of homes: its homes by type and
energy rating, the components falling due, the planned works and spend, and tenants'
corrections, over the next :data:`~generator.housing.lifespans.DUE_SOON_YEARS` years; and,
for each landlord whose package holds feedback, what its tenants said beside its plan by
part of the home (:mod:`generator.tenant.you_said`).

:class:`AreaFigures` gathers the counts of every area in one pass over each package's rows
(:meth:`AreaFigures.add`), so the cost grows with the rows, not with areas times homes;
:func:`summary_view` then makes one area's summary from its counts alone.

The counts are aggregates over homes, and a small one could single a home out (one home of
band G in a sector, joined with the public EPC register). Every count below the gate's
``k_anonymity`` is shown as "fewer than k" and drawn as an empty bar; the types, bands and
components with such counts are gathered into one "Other" row first, which is shown exactly
when it reaches k. Planned spend is shown only when the works it is the cost of number at
least k.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.core import formatting as fmt
from generator.core.charts import Bar, bar_chart
from generator.housing import lifespans
from generator.tenant.data import FeedbackCells, OdxData
from generator.tenant.homes import PLAN_STATUS_DONE, corrected_assessment
from generator.tenant.labels import component_name, counted, label
from generator.tenant.you_said import PlanByKind, plan_view, priorities, said_view

EPC_BANDS = ("A", "B", "C", "D", "E", "F", "G")
GOOD_BANDS = frozenset({"A", "B", "C"})
YEARS = lifespans.DUE_SOON_YEARS
Key = tuple[str, str]  # local authority code, postcode sector


@dataclass
class _Voice:
    """What one landlord's tenants said in an area, and that landlord's plan there."""

    cells: FeedbackCells
    key: Key
    plan: PlanByKind = field(default_factory=PlanByKind)
    listed: bool = True  # False: none of the landlord's homes here is in the pilot yet


@dataclass
class _Area:
    """The counts of one area."""

    types: Counter[str] = field(default_factory=Counter)
    bands: Counter[str] = field(default_factory=Counter)
    due: Counter[str] = field(default_factory=Counter)  # components by type, due soon
    overdue: int = 0
    works: int = 0
    spend: int = 0
    received: int = 0
    accepted: int = 0
    last_year: int = 0  # the last year the figures look ahead to
    voices: dict[str, _Voice] = field(default_factory=dict)  # by landlord with feedback


@dataclass
class AreaFigures:
    """The counts of every area, gathered package by package."""

    areas: dict[Key, _Area] = field(default_factory=lambda: defaultdict(_Area))

    def add(
        self, data: OdxData, *, as_of_year: int, epc_withheld: bool, landlord: str = ""
    ) -> None:
        """Count one package's homes, components, plan lines and corrections into their areas,
        in one pass over each table (EPC bands not at all when the gate withheld them); with
        its feedback, the plan by component type for "You said, we plan" too."""
        where: dict[str, _Area] = {}
        voice: dict[str, PlanByKind] = {}  # by home, when the package has feedback
        kinds: dict[str, str | None] = {}
        last = as_of_year + YEARS
        for home in data.homes:
            ref = home["home_ref"]
            key = (
                home.get("local_authority_code") or "unknown",
                home.get("postcode_sector") or "Unknown",
            )
            area = where[ref] = self.areas[key]
            area.last_year = max(area.last_year, last)
            kinds[ref] = home.get("property_type")
            area.types[home.get("property_type") or ""] += 1
            if not epc_withheld:
                area.bands[str(home.get("epc_band") or "")] += 1
            area.received += data.rejected.get(ref, 0)
            if data.feedback is not None:
                if landlord not in area.voices:
                    area.voices[landlord] = _Voice(data.feedback, key)
                voice[ref] = area.voices[landlord].plan
        planned_kinds: dict[str, set[str]] = {}  # plan lines not done, by home (voices only)
        for ref, lines in data.plan.items():
            planned = where.get(ref)
            if planned is None:
                continue
            by_kind = voice.get(ref)
            for line in lines:
                year = line.get("planned_year")
                if line.get("status") in PLAN_STATUS_DONE:
                    continue
                if by_kind is not None:
                    planned_kinds.setdefault(ref, set()).add(line["component_type"])
                if year is not None and as_of_year <= year <= last:
                    cost = line.get("estimated_cost_gbp")
                    amount = int(cost) if isinstance(cost, (int, Decimal)) else 0
                    planned.works += 1
                    planned.spend += amount
                    if by_kind is not None:
                        by_kind.works[line["component_type"]] += 1
                        by_kind.spend[line["component_type"]] += amount
        fixes = data.corrections
        for (ref, _kind, _field), found in fixes.items():
            if ref in where:
                where[ref].received += len(found)
                where[ref].accepted += sum(1 for c in found if c.status == "accepted")
        for ref, components in data.components.items():
            counts = where.get(ref)
            if counts is None:
                continue
            for row in components:
                kind = row["component_type"]
                status = corrected_assessment(ref, row, kinds.get(ref), data, as_of_year).status
                if status == lifespans.DUE_SOON:
                    counts.due[kind] += 1
                elif status == lifespans.OVERDUE:
                    counts.overdue += 1
                    if ref in voice and kind not in planned_kinds.get(ref, ()):
                        voice[ref].overdue_unplanned[kind] += 1

    def add_waiting(self, feedback: FeedbackCells | None, landlord: str, keys: set[Key]) -> None:
        """Let the areas ``keys`` where ``landlord``'s homes all wait for the pilot show what
        its tenants said there. The cells are the published ``feedback`` resource's, which
        passed disclosure control for every home, so nothing new is counted; the plan of
        those homes is not shown, as their rows are not published."""
        if feedback is None:
            return
        for key in keys:
            voices = self.areas[key].voices
            if landlord not in voices:
                voices[landlord] = _Voice(feedback, key, listed=False)

    def view(self, key: Key, *, k: int, threshold: int = 10) -> dict[str, Any] | None:
        """One area's summary for its page, or None for an area with nothing to show;
        ``threshold`` is the feedback's (``feedback_threshold``). An area whose homes all
        wait for the pilot shows only what tenants said there."""
        area = self.areas.get(key)
        if area is None:
            return None
        if not area.types:
            return waiting_view(area, k=k, threshold=threshold) if area.voices else None
        return summary_view(area, k=k, threshold=threshold)


def _rows(counter: Counter[str], order: list[str], names: dict[str, str], k: int) -> list[Any]:
    """Table rows in ``order``; the keys with counts below k gathered into one "Other" row."""
    rows = []
    other = 0
    for key in order:
        value = counter.get(key, 0)
        if not value:
            continue
        if value < k:
            other += value
            continue
        rows.append(
            {"label": names.get(key) or label(key), "value": value, "count": counted(value, k)}
        )
    if other:
        rows.append(
            {"label": "Other", "value": other if other >= k else 0, "count": counted(other, k)}
        )
    return rows


def _chart(rows: list[dict[str, Any]], title: str, colour: int) -> Any:
    return bar_chart(
        [Bar(r["label"], r["value"], r["count"]) for r in rows], label=title, colour=colour
    )


def summary_view(area: _Area, *, k: int, threshold: int = 10) -> dict[str, Any]:
    """The figures of one area, each count below k shown as "fewer than k", and what each
    landlord's tenants said there beside that landlord's plan."""
    total = sum(area.types.values())
    by_size = sorted(area.types, key=lambda t: (-area.types[t], t))
    types = _rows(area.types, by_size, {"": "Not known"}, k)
    band_names = {band: f"Band {band}" for band in EPC_BANDS} | {"": "Not known"}
    bands = _rows(
        area.bands, [*EPC_BANDS, *sorted(set(area.bands) - set(EPC_BANDS))], band_names, k
    )
    kinds = sorted(area.due, key=lambda kind: (-area.due[kind], kind))
    due = _rows(area.due, kinds, {kind: component_name(kind) for kind in kinds}, k)
    good = sum(area.bands.get(band, 0) for band in GOOD_BANDS)
    due_total = sum(area.due.values())
    year = area.last_year
    spend = f"£{area.spend:,}" if area.works >= k else ""
    several = len(area.voices) > 1
    sentences = [f"{fmt.plural(total, 'home')}."]
    if types:
        sentences.append(
            f"The most common type: {types[0]['label'].lower()} ({types[0]['count']})."
        )
    if area.bands:
        sentences.append(f"Homes in EPC band C or better: {counted(good, k)}.")
    sentences.append(
        f"By {year}, {counted(due_total, k)} components fall due and the plan holds "
        f"{counted(area.works, k)} works" + (f" costing {spend}." if spend else ".")
    )
    return {
        "k": k,
        "waiting_only": False,
        "year": year,
        "summary": " ".join(sentences),
        "types": {"rows": types, "chart": _chart(types, "Homes in this area by type", 0)},
        "epc": {"rows": bands, "chart": _chart(bands, "Homes in this area by EPC band", 2)}
        if bands
        else None,
        "due": {
            "rows": due,
            "chart": _chart(due, f"Components falling due by {year}, by type", 0),
            "total": counted(due_total, k),
            "overdue": counted(area.overdue, k),
        },
        "works": {"count": counted(area.works, k), "spend": spend},
        "corrections": {
            "received": counted(area.received, k),
            "accepted": counted(area.accepted, k),
        },
        "voices": [
            _voice_view(name, voice, year=year, k=k, threshold=threshold, named=several)
            for name, voice in sorted(area.voices.items())
        ],
    }


def waiting_view(area: _Area, *, k: int, threshold: int = 10) -> dict[str, Any]:
    """The summary of an area none of whose homes is in the pilot yet: what each landlord's
    tenants said there, and nothing counted from the homes."""
    several = len(area.voices) > 1
    return {
        "k": k,
        "waiting_only": True,
        "voices": [
            _voice_view(name, voice, year=0, k=k, threshold=threshold, named=several)
            for name, voice in sorted(area.voices.items())
        ],
    }


def _voice_view(
    landlord: str, voice: _Voice, *, year: int, k: int, threshold: int, named: bool
) -> dict[str, Any]:
    """What one landlord's tenants said in an area and, when its homes there are listed,
    its plan beside it."""
    code, sector = voice.key
    plan = None
    if voice.listed:
        asked, where = priorities(voice.cells, code, sector)
        plan = plan_view(asked, where, voice.plan, k=k, year=year)
    return {
        "landlord": landlord if named else "",
        "said": said_view(voice.cells, code, sector, threshold=threshold),
        "plan": plan,
    }
