"""What tenants said, as aggregate cells safe to publish (statistical disclosure control).

Individual responses are personal data and never published. From them and the places of
the homes they are about, :func:`feedback_cells` makes one cell per landlord, local
authority and postcode sector (within its authority), for every period (all months
together, and each month ``YYYY-MM``) and cohort (``all``, and any named set of homes).
A cell gives the number of responses rounded to 5, the shares of satisfied, neither and
dissatisfied rounded to 5 points, and the improvements asked for most; or nothing but the
reason it is withheld. The rules (docs/feedback-aggregates.md):

- a cell of fewer than ``threshold`` responses, or fewer than ``threshold`` saying how
  satisfied they are, is withheld, shares included;
- a cell where everyone, or nearly everyone (a share rounding to 100), gave the same answer
  is withheld: publishing it would tell each respondent's answer;
- no withheld cell, and no group of fewer than ``threshold`` responses, may be worked out by
  subtraction between published cells: sectors from their authority, authorities from their
  landlord, a month from all months, the rest of a cohort from everyone
  (:mod:`generator.privacy.suppression` hides more cells until none can).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.privacy.suppression import Relation, Tally, near_unanimous, rounded_share, suppress

ALL = "all"  # the cohort of every response, and the period of every month
LANDLORD, AUTHORITY, SECTOR = "landlord", "local-authority", "postcode-sector"
LEVELS = (LANDLORD, AUTHORITY, SECTOR)
BANDS = {
    "very-satisfied": 0,
    "fairly-satisfied": 0,
    "neither": 1,
    "fairly-dissatisfied": 2,
    "very-dissatisfied": 2,
}
TOP_IMPROVEMENTS = 3  # improvements published per cell, at most
FIELDS = (
    "cohort",
    "period",
    "level",
    "local_authority_code",
    "postcode_sector",
    "responses",
    "satisfied_pct",
    "neither_pct",
    "dissatisfied_pct",
    "top_improvements",
    "withheld_reason",
)


@dataclass(frozen=True)
class Answer:
    """One response, as disclosure control needs it: its home, month, satisfaction (empty
    when not given) and the improvements asked for."""

    home_ref: str
    month: str
    satisfaction: str = ""
    improve: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """Where a home is: its local authority and postcode sector."""

    local_authority_code: str
    postcode_sector: str


Key = tuple[str, str, str, str, str]  # cohort, period, level, authority, sector

WITHHELD = {  # why a cell is withheld: the code feedback.csv holds, and the words pages say
    "too-few-responses": "fewer than {t} responses",
    "too-few-answers": "fewer than {t} responses said how satisfied they are",
    "same-answer": "everyone, or nearly everyone, gave the same answer",
    "worked-out-from-totals": "hidden so that a smaller figure cannot be worked out from the "
    "totals",
    "worked-out-from-everyone": "hidden so that fewer than {t} responses cannot be worked out "
    "by comparing it with the figure for all tenants",
}


def withheld_words(code: str, threshold: int) -> str:
    """What a page says of a cell withheld for the reason ``code``."""
    return WITHHELD[code].format(t=threshold)


@dataclass(frozen=True)
class Cell:
    """One published or withheld cell. Withheld: every number is None and ``reason`` is the
    code of why (:data:`WITHHELD`)."""

    cohort: str
    period: str
    level: str
    local_authority_code: str
    postcode_sector: str
    responses: int | None = None  # rounded to 5
    satisfied: int | None = None  # shares in percent, rounded to 5
    neither: int | None = None
    dissatisfied: int | None = None
    improvements: tuple[str, ...] = ()
    reason: str = ""

    def row(self) -> dict[str, str]:
        """The cell as a row of ``feedback.csv``."""
        numbers = (self.responses, self.satisfied, self.neither, self.dissatisfied)
        texts = ["" if n is None else str(n) for n in numbers]
        return dict(
            zip(
                FIELDS,
                (
                    self.cohort,
                    self.period,
                    self.level,
                    self.local_authority_code,
                    self.postcode_sector,
                    *texts,
                    ";".join(self.improvements),
                    self.reason,
                ),
                strict=True,
            )
        )


def round_to_5(count: int) -> int:
    """Conventional rounding to the nearest multiple of 5 (halves cannot occur)."""
    return (count + 2) // 5 * 5


def feedback_cells(
    answers: Iterable[Answer],
    places: Mapping[str, Place],
    threshold: int,
    cohorts: Mapping[str, frozenset[str]] | None = None,
    rest: str = "",
) -> list[Cell]:
    """The cells of one landlord's responses (see the module's docstring). ``places`` gives
    each home's place (answers about a home without one are left out); ``cohorts`` names
    sets of home refs with cells of their own beside ``all``. With ``rest``, the homes in
    none of the cohorts get cells of their own under that name: everyone is then the sum of
    the cohorts and the rest, and no cell of the three may be worked out from the others."""
    named = {ALL: None, **{name: refs for name, refs in sorted((cohorts or {}).items())}}
    if rest:
        if rest in named:
            raise ValueError(f"{rest!r} names a cohort already")
        members = frozenset().union(*(refs for refs in named.values() if refs is not None))
        named[rest] = frozenset(ref for ref in places if ref not in members)
    tallies: dict[Key, Tally] = defaultdict(Tally.zero)
    asked: dict[Key, Counter[str]] = defaultdict(Counter)
    for answer in answers:
        place = places.get(answer.home_ref)
        if place is None:
            continue
        band = BANDS.get(answer.satisfaction)
        one = Tally.of(band)
        for cohort, refs in named.items():
            if refs is not None and answer.home_ref not in refs:
                continue
            for period in (ALL, answer.month):
                for key in _geography(cohort, period, place):
                    tallies[key] = tallies[key] + one
                    asked[key].update(set(answer.improve))
    reasons = _primary(tallies, threshold)
    relations = list(_relations(tallies, named, rest))
    hidden = suppress(tallies, relations, reasons, threshold)
    return [
        _cell(key, tallies[key], asked[key], hidden.get(key), threshold)
        for key in sorted(tallies, key=_order)
    ]


def _geography(cohort: str, period: str, place: Place) -> tuple[Key, ...]:
    authority, sector = place.local_authority_code, place.postcode_sector
    return (
        (cohort, period, LANDLORD, "", ""),
        (cohort, period, AUTHORITY, authority, ""),
        (cohort, period, SECTOR, authority, sector),
    )


def _order(key: Key) -> tuple[object, ...]:
    cohort, period, level, authority, sector = key
    return (cohort != ALL, cohort, period != ALL, period, LEVELS.index(level), authority, sector)


def _primary(tallies: Mapping[Key, Tally], threshold: int) -> dict[Key, str]:
    """The cells withheld for themselves, with their reason."""
    reasons: dict[Key, str] = {}
    for key, tally in tallies.items():
        if tally.responses < threshold:
            reasons[key] = "too-few-responses"
        elif tally.rated < threshold:
            reasons[key] = "too-few-answers"
        elif near_unanimous(tally):
            reasons[key] = "same-answer"
    return reasons


def _relations(
    tallies: Mapping[Key, Tally], cohorts: Mapping[str, frozenset[str] | None], rest: str = ""
) -> Iterable[Relation]:
    """Every sum between cells: a landlord of its authorities, an authority of its sectors,
    all months of each month, and everyone of a cohort and the rest (a cell never
    published), or, with ``rest`` published, of every cohort and the rest."""
    children: dict[Key, list[Key]] = defaultdict(list)
    months: dict[Key, list[Key]] = defaultdict(list)
    for key in tallies:
        cohort, period, level, authority, _ = key
        if level == AUTHORITY:
            children[(cohort, period, LANDLORD, "", "")].append(key)
        elif level == SECTOR:
            children[(cohort, period, AUTHORITY, authority, "")].append(key)
        if period != ALL:
            months[(cohort, ALL, *key[2:])].append(key)
    for total, parts in sorted(children.items()):
        yield Relation(total, tuple(sorted(parts)), "area")
    for total, parts in sorted(months.items()):
        yield Relation(total, tuple(sorted(parts)), "period")
    if rest:  # everyone = each cohort + the rest; a cohort without a cell there has none
        for key in sorted(k for k in tallies if k[0] == ALL):
            cuts = [(c, *key[1:]) for c in cohorts if c != ALL]
            yield Relation(key, tuple(cut for cut in cuts if cut in tallies), "cohort")
        return
    for cohort in cohorts:
        if cohort == ALL:
            continue
        for key in sorted(k for k in tallies if k[0] == ALL):
            part = (cohort, *key[1:])
            if part in tallies:
                outside = (f"~{cohort}", *key[1:])  # the homes outside it: never a cell
                yield Relation(key, (part, outside), "cohort")


def _cell(key: Key, tally: Tally, asked: Counter[str], reason: str | None, threshold: int) -> Cell:
    if reason is not None:
        return Cell(*key, reason=reason)
    shares = [rounded_share(count, tally.rated) for count in tally.bands]
    ranked = sorted(
        (code for code, count in asked.items() if count >= threshold),
        key=lambda code: (-asked[code], code),
    )
    return Cell(
        *key,
        responses=round_to_5(tally.responses),
        satisfied=shares[0],
        neither=shares[1],
        dissatisfied=shares[2],
        improvements=tuple(ranked[:TOP_IMPROVEMENTS]),
    )
